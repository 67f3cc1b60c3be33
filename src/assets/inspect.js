/* global document, window, navigator, fetch, localStorage, caches, FormData, URLSearchParams, setTimeout, clearTimeout */
// Young inspectors rating a place on a phone (issue 16 §2): nothing typed is lost if the signal
// drops. Without this script each criterion has its own form and Save button. With it:
// - every change is saved in the background (the same form, posted with Accept: application/json);
// - a copy is kept in localStorage until the server says it has it, and a live region says "Saved"
//   or "Not saved yet: we will keep trying when you are back online";
// - it tries again when the phone says it is back online, and also every few seconds (3 s, then
//   longer, up to a minute) while a copy is waiting: phones do not always say so, and a server that
//   could not answer is tried again too; on page load any copy not sent yet is put back into the
//   form and sent;
// - a small service worker keeps a copy of this page, so it opens again even with no signal.
const forms = [...document.querySelectorAll('form[data-inspect-form]')];
const root = document.querySelector('[data-inspect]');
if (forms.length && root) {
  const say = (form, key) => {
    const status = form.querySelector('[data-inspect-status]');
    if (status) status.textContent = root.dataset[key] || '';
    form.dataset.state = key;
  };
  const storeKey = (form) => `chorus-inspect:${form.dataset.key}`;
  const read = (form) => {
    const data = new FormData(form);
    return { rating: String(data.get('rating') || ''), note: String(data.get('note') || '') };
  };
  const keep = (form, copy) => {
    try {
      localStorage.setItem(storeKey(form), JSON.stringify(copy));
    } catch {
      // Storage full or refused: the server copy is all there is.
    }
  };
  const kept = (form) => {
    try {
      return JSON.parse(localStorage.getItem(storeKey(form)) || 'null');
    } catch {
      return null;
    }
  };
  const restore = (form, copy) => {
    form.querySelectorAll('input[name="rating"]').forEach((radio) => {
      radio.checked = radio.value === copy.rating;
    });
    const note = form.querySelector('textarea[name="note"]');
    if (note) note.value = copy.note;
  };

  // Trying again while a copy waits: 3 s after the first miss, doubling up to a minute.
  const retries = new WeakMap();
  const tryAgainLater = (form) => {
    const last = retries.get(form);
    clearTimeout(last && last.timer);
    const wait = Math.min(last ? last.wait * 2 : 3000, 60000);
    retries.set(form, { wait, timer: setTimeout(() => send(form), wait) });
  };
  const stopTrying = (form) => {
    const last = retries.get(form);
    if (last) clearTimeout(last.timer);
    retries.delete(form);
  };

  const send = async (form) => {
    const copy = kept(form);
    if (!copy) return;
    say(form, 'saving');
    const body = new URLSearchParams(new FormData(form));
    body.set('rating', copy.rating);
    body.set('note', copy.note);
    let response;
    try {
      response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
    } catch {
      say(form, 'offline');
      tryAgainLater(form);
      return;
    }
    if (response.ok) {
      stopTrying(form);
      const now = kept(form);
      // Only forget the copy if nothing new was typed while it was on its way.
      if (now && now.at === copy.at) localStorage.removeItem(storeKey(form));
      say(form, now && now.at !== copy.at ? 'saving' : 'saved');
      if (now && now.at !== copy.at) send(form);
      return;
    }
    if (response.status >= 500 || response.status === 429) {
      say(form, 'offline');
      tryAgainLater(form);
      return;
    }
    stopTrying(form);
    // The server refused it (too long, the visit is closed): the words stay on the page and in the copy.
    say(form, 'problem');
  };

  const timers = new WeakMap();
  const changed = (form, wait) => {
    keep(form, { ...read(form), at: Date.now() });
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(() => send(form), wait));
  };

  for (const form of forms) {
    const copy = kept(form);
    if (copy) {
      restore(form, copy);
      say(form, 'restored');
    }
    form.addEventListener('change', () => changed(form, 0));
    form.addEventListener('input', (event) => {
      if (event.target && event.target.name === 'note') changed(form, 800);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      changed(form, 0);
    });
    if (copy) send(form);
  }
  const sendAll = () => forms.forEach((form) => {
    stopTrying(form);
    send(form);
  });
  window.addEventListener('online', sendAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') sendAll();
  });

  // Keep a copy of this page, so a reload with no signal still opens it (and the words above come back).
  if ('serviceWorker' in navigator && root.dataset.worker) {
    navigator.serviceWorker
      .register(root.dataset.worker, { scope: root.dataset.scope })
      .then(() => navigator.serviceWorker.ready)
      .then(() => (navigator.onLine ? caches.open('chorus-inspect-v1').then((cache) => cache.add(window.location.pathname)) : undefined))
      .catch(() => {});
  }
}
