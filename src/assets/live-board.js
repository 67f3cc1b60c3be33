/* global window, document, fetch, DOMParser, URLSearchParams, FormData, sessionStorage */
// The live board's canvas (issue 15 §2), on top of the list, which is the real interface and works
// without this script. With it:
//  - a "List / Canvas" switch (the list stays the default: a screen reader meets the list first);
//  - the canvas: column areas with notes as coloured squares; a note that may be moved (your own, or
//    any for the facilitator) moves by pointer (drag and drop) AND by keyboard (focus it, Space to pick
//    up, arrow keys to choose a column or group, Space to drop, Escape to cancel). Every move posts the
//    list's own move form (with its CSRF token) and is announced in the page's live region;
//  - the list's forms (dots, moves, up and down) post in place, announced the same way;
//  - when the board changes (a `live:event` on document from live.js: post.*, votes, clusters), the
//    list is fetched again from its fragment address and swapped in, unless the person is busy in it.
// Same-origin only, no libraries.

const board = document.querySelector('[data-board]');

const run = () => {
  const fragmentUrl = board.getAttribute('data-fragment-url');
  const isScreen = board.hasAttribute('data-screen');
  const status = board.querySelector('[data-board-status]');
  const words = (name, values = {}) => (board.getAttribute(`data-${name}`) || '').replace(/\{\{(\w+)\}\}/g, (_, key) => values[key] ?? '');
  const say = (message) => {
    if (!status || !message) return;
    // Emptied first, so the same words said twice are announced twice.
    status.textContent = '';
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  };

  const list = () => board.querySelector('[data-board-list]');
  const canvas = board.querySelector('[data-board-canvas]');
  const switcher = board.querySelector('[data-board-switch]');
  let mode = 'list';
  let picked = null; // { id, targets, index, from }

  // ── Refreshing the list from its fragment ───────────────────────────────────────────────────
  let refreshing = false;
  let again = false;
  let againFocus; // the note to focus after the refresh that waits (a move made while another refresh ran)
  const busy = () => {
    const active = document.activeElement;
    const inList = list() && list().contains(active) && /^(SELECT|INPUT|TEXTAREA)$/.test(active.tagName);
    return Boolean(picked) || Boolean(inList) || Boolean(drag);
  };
  const refresh = async (focusId) => {
    if (!fragmentUrl) return;
    if (refreshing) {
      again = true;
      if (focusId) againFocus = focusId;
      return;
    }
    refreshing = true;
    try {
      const response = await fetch(fragmentUrl, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      if (isScreen) {
        const fresh = doc.querySelector('[data-board-screen]');
        if (fresh) board.innerHTML = fresh.innerHTML;
        return;
      }
      const fresh = doc.querySelector('[data-board-list]');
      const current = list();
      if (fresh && current) {
        current.replaceWith(document.importNode(fresh, true));
        if (mode === 'canvas') list().hidden = true;
      }
      const dots = doc.querySelector('[data-dots-left-fragment]');
      const dotsHere = board.querySelector('[data-dots-left]');
      if (dots && dotsHere) dotsHere.textContent = dots.textContent;
      if (mode === 'canvas') draw();
      if (focusId) focusNote(focusId);
    } finally {
      refreshing = false;
      if (again) {
        const focusLater = againFocus;
        again = false;
        againFocus = undefined;
        refresh(focusLater);
      }
    }
  };
  // At most one refresh every 3 seconds: a busy room sends many events, and each refresh counts
  // towards the participant's own limit (120 requests a minute), which their notes and dots need.
  const EVERY_MS = 3000;
  let waiting;
  let last = 0;
  const refreshSoon = () => {
    if (waiting) return; // one refresh already waits, and will show this change too
    const wait = Math.max(400, last + EVERY_MS - Date.now());
    waiting = window.setTimeout(() => {
      waiting = undefined;
      if (busy()) return refreshSoon();
      last = Date.now();
      return refresh();
    }, wait);
  };
  document.addEventListener('live:event', (event) => {
    const kind = event.detail && event.detail.kind;
    if (typeof kind === 'string' && /^(post\.|votes$|clusters$)/.test(kind)) refreshSoon();
  });
  if (isScreen) return;

  const focusNote = (id) => {
    if (mode === 'canvas') {
      const square = canvas.querySelector(`[data-canvas-note="${id}"]`);
      if (square) return square.focus();
    }
    const item = document.getElementById(`note-${id}`);
    if (item) {
      const control = item.querySelector('button, select');
      if (control) control.focus();
      else {
        item.setAttribute('tabindex', '-1');
        item.focus();
      }
    }
  };

  // ── Posting the list's forms in place ───────────────────────────────────────────────────────
  const post = async (form, overrides = {}) => {
    const data = new URLSearchParams(new FormData(form));
    for (const [name, value] of Object.entries(overrides)) data.set(name, value);
    const response = await fetch(form.action, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body: data });
    const message = await response.json().then(
      (json) => json.message,
      () => '',
    );
    say(message || words('failed'));
    return response.ok;
  };

  board.addEventListener('submit', async (event) => {
    const form = event.target;
    if (!(form instanceof window.HTMLFormElement) || !list() || !list().contains(form)) return;
    if (!form.hasAttribute('data-board-action') && !form.hasAttribute('data-board-move')) return;
    event.preventDefault();
    const note = form.closest('[data-note]');
    await post(form);
    await refresh(note && note.getAttribute('data-note'));
  });

  // ── The canvas ──────────────────────────────────────────────────────────────────────────────
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  /** Where a note may go: each column, then (for the facilitator) each group in it. */
  const targetsFor = (form) => {
    const field = form.getAttribute('data-field');
    const select = form.querySelector('select');
    return [...select.options].map((option) => ({ field, value: option.value, label: option.textContent.trim() }));
  };

  let drag = null;

  const draw = () => {
    const source = list();
    if (!canvas || !source) return;
    canvas.replaceChildren();
    // How to move a note, read after its words (its accessible name stays the words you see).
    const instructions = el('p', '', words('instructions'));
    instructions.id = 'canvas-instructions';
    instructions.hidden = true;
    canvas.append(instructions);
    for (const column of source.querySelectorAll('section[data-column]')) {
      const key = column.getAttribute('data-column');
      const area = el('div', 'chorus-canvas__column');
      area.setAttribute('data-canvas-target', `column:${key}`);
      area.setAttribute('data-canvas-column', key);
      const heading = el('h2', 'chorus-canvas__heading', column.getAttribute('data-column-title'));
      heading.id = `canvas-heading-${key}`;
      area.setAttribute('role', 'group');
      area.setAttribute('aria-labelledby', heading.id);
      area.append(heading);
      const addNotes = (container, notes) => {
        const ul = el('ul', 'chorus-canvas__notes');
        ul.setAttribute('role', 'list');
        for (const item of notes) {
          const id = item.getAttribute('data-note');
          const li = el('li');
          const square = el('div', `chorus-canvas__note chorus-note--${item.getAttribute('data-colour')}`);
          square.setAttribute('data-canvas-note', id);
          const img = item.querySelector('.chorus-note__symbol');
          if (img) square.append(img.cloneNode(true));
          const text = item.querySelector('[data-note-text]');
          const label = text ? text.textContent.trim() : '';
          if (text) square.append(el('span', text.classList.contains('govuk-visually-hidden') ? 'govuk-visually-hidden' : '', label));
          const meta = item.querySelector('.chorus-note__dots');
          if (meta) square.append(el('strong', '', meta.textContent.trim()));
          const form = item.querySelector('form[data-board-move]');
          if (form) {
            square.tabIndex = 0;
            square.setAttribute('role', 'button');
            square.setAttribute('aria-roledescription', words('note-role') || 'note');
            square.setAttribute('aria-describedby', 'canvas-instructions');
            square.setAttribute('data-draggable', '');
            square.addEventListener('keydown', (event) => keyboard(event, item, form, square, label));
            square.addEventListener('pointerdown', (event) => startDrag(event, item, form, square));
          }
          li.append(square);
          ul.append(li);
        }
        container.append(ul);
      };
      for (const cluster of column.querySelectorAll('[data-cluster]')) {
        const box = el('div', 'chorus-canvas__group');
        box.setAttribute('data-canvas-target', `cluster:${cluster.getAttribute('data-cluster')}`);
        const title = cluster.querySelector('h3');
        box.append(el('h3', 'chorus-canvas__cluster', title ? title.textContent.trim() : ''));
        addNotes(box, cluster.querySelectorAll('[data-note]'));
        area.append(box);
      }
      addNotes(area, column.querySelectorAll('[data-loose] > [data-note]'));
      canvas.append(area);
    }
  };

  const highlight = (target) => {
    for (const node of canvas.querySelectorAll('.chorus-canvas__column--over')) node.classList.remove('chorus-canvas__column--over');
    if (!target) return;
    const value = target.field === 'column' ? `column:${target.value}` : target.value;
    const node = canvas.querySelector(`[data-canvas-target="${value}"]`);
    if (node) node.classList.add('chorus-canvas__column--over');
  };

  const move = async (item, form, target) => {
    const id = item.getAttribute('data-note');
    await post(form, { [target.field]: target.value });
    await refresh(id);
  };

  const keyboard = (event, item, form, square, label) => {
    const key = event.key;
    if (!picked) {
      if (key === ' ' || key === 'Enter') {
        event.preventDefault();
        const targets = targetsFor(form);
        const select = form.querySelector('select');
        const index = Math.max(0, select.selectedIndex);
        picked = { id: item.getAttribute('data-note'), targets, index, from: index };
        square.classList.add('chorus-canvas__note--picked');
        square.setAttribute('aria-pressed', 'true');
        highlight(targets[index]);
        say(words('picked-up', { note: label }));
      }
      return;
    }
    if (key === 'ArrowRight' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowUp') {
      event.preventDefault();
      const step = key === 'ArrowRight' || key === 'ArrowDown' ? 1 : -1;
      picked.index = (picked.index + step + picked.targets.length) % picked.targets.length;
      const target = picked.targets[picked.index];
      highlight(target);
      say(words('over', { column: target.label }));
    } else if (key === ' ' || key === 'Enter') {
      event.preventDefault();
      const { index, from, targets } = picked;
      picked = null;
      square.classList.remove('chorus-canvas__note--picked');
      square.removeAttribute('aria-pressed');
      highlight(null);
      if (index === from) say(words('cancelled', { column: targets[from].label }));
      else move(item, form, targets[index]);
    } else if (key === 'Escape' || key === 'Tab') {
      if (key === 'Escape') event.preventDefault();
      const { from, targets } = picked;
      picked = null;
      square.classList.remove('chorus-canvas__note--picked');
      square.removeAttribute('aria-pressed');
      highlight(null);
      say(words('cancelled', { column: targets[from].label }));
    }
  };

  const targetAt = (x, y, form) => {
    const under = document.elementFromPoint(x, y);
    const node = under && under.closest('[data-canvas-target]');
    if (!node) return null;
    const value = node.getAttribute('data-canvas-target');
    const targets = targetsFor(form);
    const wanted = form.getAttribute('data-field') === 'column' ? value.replace(/^cluster:.*/, `column:${node.closest('[data-canvas-column]').getAttribute('data-canvas-column')}`).replace(/^column:/, '') : value;
    return targets.find((t) => t.value === wanted) || null;
  };

  const startDrag = (event, item, form, square) => {
    if (event.button !== 0 || picked) return;
    const startX = event.clientX;
    const startY = event.clientY;
    let moved = false;
    drag = { item, form, square };
    square.setPointerCapture(event.pointerId);
    const onMove = (e) => {
      const dx = e.clientX - startX;
      const dy = e.clientY - startY;
      if (!moved && Math.hypot(dx, dy) < 6) return;
      moved = true;
      square.classList.add('chorus-canvas__note--picked');
      square.style.transform = `translate(${dx}px, ${dy}px)`;
      square.style.pointerEvents = 'none';
      const target = targetAt(e.clientX, e.clientY, form);
      highlight(target);
    };
    const onUp = (e) => {
      square.removeEventListener('pointermove', onMove);
      square.removeEventListener('pointerup', onUp);
      square.removeEventListener('pointercancel', onUp);
      square.style.transform = '';
      square.style.pointerEvents = '';
      square.classList.remove('chorus-canvas__note--picked');
      highlight(null);
      const target = moved && e.type === 'pointerup' ? targetAt(e.clientX, e.clientY, form) : null;
      drag = null;
      const current = form.querySelector('select');
      if (target && target.value !== current.value) move(item, form, target);
    };
    square.addEventListener('pointermove', onMove);
    square.addEventListener('pointerup', onUp);
    square.addEventListener('pointercancel', onUp);
  };

  // ── List or canvas ──────────────────────────────────────────────────────────────────────────
  const show = (wanted) => {
    mode = wanted;
    const help = board.querySelector('[data-canvas-help]');
    if (canvas) canvas.hidden = mode !== 'canvas';
    if (help) help.hidden = mode !== 'canvas';
    if (list()) list().hidden = mode === 'canvas';
    if (mode === 'canvas') draw();
    try {
      sessionStorage.setItem('chorus-board-view', mode);
    } catch {
      // Storage off: the choice lasts for this page only.
    }
  };
  if (switcher && canvas) {
    switcher.hidden = false;
    for (const radio of switcher.querySelectorAll('input[name="board-view"]')) {
      radio.addEventListener('change', () => {
        if (radio.checked) show(radio.value);
      });
    }
    let remembered;
    try {
      remembered = sessionStorage.getItem('chorus-board-view');
    } catch {
      remembered = null;
    }
    if (remembered === 'canvas') {
      const radio = switcher.querySelector('input[value="canvas"]');
      radio.checked = true;
      show('canvas');
    }
  }
};

if (board) run();
