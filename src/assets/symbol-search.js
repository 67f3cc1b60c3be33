/* global document, fetch, setTimeout, clearTimeout */
// Symbol picker: search as you type. Without this script the picker's Search button does the same
// by posting the form; with it, results follow the typing (after a short pause), the area's own
// pictures stay first, and the number found is announced politely. Same-origin only, no libraries.
const form = document.querySelector('[data-symbol-search]');
const region = form && form.querySelector('[data-symbol-results]');
const input = form && form.querySelector('input[name="q"]');
const status = form && form.querySelector('[data-symbol-status]');
if (form && region && input && status) {
  const text = (key, query, count) => (region.dataset[key] || '').replace('{query}', query).replace('{count}', String(count));
  let timer;
  let latest = 0;
  const item = (value, name, src, index) => {
    const div = document.createElement('div');
    div.className = 'govuk-radios__item';
    const radio = document.createElement('input');
    Object.assign(radio, { className: 'govuk-radios__input', id: `chosenSymbol-${index}`, name: 'chosenSymbol', type: 'radio', value });
    const label = document.createElement('label');
    label.className = 'govuk-label govuk-radios__label';
    label.htmlFor = radio.id;
    const img = document.createElement('img');
    Object.assign(img, { className: 'govuk-!-margin-right-2', src, alt: '', width: 72, height: 72 });
    label.append(img, name);
    div.append(radio, label);
    return div;
  };
  const show = (query, results) => {
    const pictures = [...region.querySelectorAll('.govuk-radios__item')].filter((el) => el.querySelector('input')?.value.startsWith('PIC:'));
    const chosen = region.querySelector('input[name="chosenSymbol"]:checked')?.value;
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'govuk-fieldset';
    const legend = document.createElement('legend');
    legend.className = 'govuk-fieldset__legend govuk-fieldset__legend--m';
    legend.textContent = text('legend', query, results.length);
    const radios = document.createElement('div');
    radios.className = 'govuk-radios';
    radios.dataset.module = 'govuk-radios';
    pictures.forEach((el) => radios.append(el));
    results.forEach((s, i) => radios.append(item(s.hexcode, s.name, `/symbols/${s.hexcode}.svg`, pictures.length + i + 1)));
    radios.querySelectorAll('input').forEach((radio, i) => {
      radio.id = i === 0 ? 'chosenSymbol' : `chosenSymbol-${i + 1}`;
      radio.nextElementSibling.htmlFor = radio.id;
      radio.checked = radio.value === chosen;
    });
    fieldset.append(legend, radios);
    region.replaceChildren(...(results.length ? [] : [Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: text('none', query, 0) })]), ...(radios.children.length ? [fieldset] : []));
    status.textContent = results.length ? text(results.length === 1 ? 'foundOne' : 'foundOther', query, results.length) : text('none', query, 0);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) return;
    timer = setTimeout(async () => {
      const mine = ++latest;
      try {
        const response = await fetch(`/symbols/search?q=${encodeURIComponent(query)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (!response.ok || mine !== latest) return;
        show(query, await response.json());
      } catch {
        // Offline or refused: the Search button still works.
      }
    }, 300);
  });
}
