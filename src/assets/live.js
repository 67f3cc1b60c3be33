/* global window, document, EventSource, fetch, CustomEvent, DOMParser, URL */
// Live sessions (issue 15): updates as they happen, on top of pages that work without this script
// (they reload by themselves, through a <meta http-equiv="refresh"> inside <noscript>).
//
// An element with data-live-events="<stream address>" turns it on:
//  - every event is passed on as a `live:event` CustomEvent on document, detail { kind, seq, payload }
//    (the board listens to it);
//  - results (tally, post.*, votes, clusters): the region with data-live-fragment="<address>" is
//    fetched again and swapped in, at most once a second;
//  - the facilitator moving on (session.state, interaction.state), on a participant's page
//    (data-live-follow="<address of what is current now>"): the page goes there, unless the person
//    is typing: then a polite link says the facilitator has moved on, and nothing typed is lost;
//  - aria-live: "12 answers so far" (data-live-count-one / -other, {{count}}), at most every 10 s.
// The stream resumes by itself from the last event (EventSource sends Last-Event-ID); the first
// connection starts after data-live-seq, the event the page was drawn at.

const root = document.querySelector('[data-live-events]');

if (root && typeof EventSource === 'function') {
  const RESULT_KINDS = /^(tally|post\.|votes$|clusters$|participants$)/;
  const MOVE_KINDS = new Set(['session.state', 'interaction.state']);
  const ANNOUNCE_EVERY_MS = 10000;
  const SWAP_EVERY_MS = 1000;

  const text = (name, fallback) => root.getAttribute(`data-live-text-${name}`) || fallback;
  const seq = Number(root.getAttribute('data-live-seq') || document.body.getAttribute('data-live-seq') || '');
  const address = new URL(root.getAttribute('data-live-events'), window.location.href);
  if (Number.isFinite(seq) && seq > 0 && !address.searchParams.has('after')) address.searchParams.set('after', String(seq));

  // One polite live region for the whole page, made here (it means nothing without this script).
  let status = document.querySelector('[data-live-status]');
  if (!status) {
    status = document.createElement('div');
    status.setAttribute('data-live-status', '');
    status.className = 'govuk-visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    (root.closest('main') || document.body).appendChild(status);
  }
  let lastAnnounced = 0;
  let announceTimer;
  let pendingWords = '';
  const announce = (words, now = false) => {
    pendingWords = words;
    const wait = now ? 0 : Math.max(0, lastAnnounced + ANNOUNCE_EVERY_MS - Date.now());
    if (announceTimer) return;
    announceTimer = window.setTimeout(() => {
      announceTimer = undefined;
      lastAnnounced = Date.now();
      status.textContent = pendingWords;
    }, wait);
  };

  // ── The person may be typing: never take the page away from them ─────────────────────────────
  let changed = false;
  document.addEventListener('input', (event) => {
    if (event.target && event.target.closest && event.target.closest('form')) changed = true;
  });
  const typing = () => {
    const active = document.activeElement;
    const inForm = active && active.closest && active.closest('form') && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName);
    return changed || Boolean(inForm);
  };

  const moveOn = (target) => {
    if (!typing()) {
      window.location.assign(target);
      return;
    }
    if (document.querySelector('[data-live-moved-on]')) return;
    const notice = document.createElement('div');
    notice.className = 'govuk-notification-banner chorus-live-moved-on';
    notice.setAttribute('data-live-moved-on', '');
    notice.setAttribute('role', 'region');
    notice.setAttribute('aria-label', text('moved-on', 'The facilitator has moved on.'));
    const body = document.createElement('div');
    body.className = 'govuk-notification-banner__content';
    const words = document.createElement('p');
    words.className = 'govuk-body';
    words.textContent = `${text('moved-on', 'The facilitator has moved on.')} `;
    const link = document.createElement('a');
    link.className = 'govuk-link govuk-notification-banner__link';
    link.href = target;
    link.textContent = text('go-next', 'Go to the next question');
    words.appendChild(link);
    body.appendChild(words);
    notice.appendChild(body);
    const main = document.querySelector('main') || document.body;
    main.insertBefore(notice, main.firstChild);
    announce(words.textContent, true);
  };

  // ── Results: fetch the fragment again and swap it in ────────────────────────────────────────
  const region = document.querySelector('[data-live-fragment]');
  let swapTimer;
  let swapping = false;
  let swapAgain = false;
  const swap = async () => {
    if (!region) return;
    if (swapping) {
      swapAgain = true;
      return;
    }
    swapping = true;
    try {
      const response = await fetch(region.getAttribute('data-live-fragment'), { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (response.ok) {
        const html = await response.text();
        const fresh = new DOMParser().parseFromString(html, 'text/html');
        const replacement = (region.id && fresh.getElementById(region.id)) || fresh.body;
        // Keep the region itself (its attributes, focus around it): replace only what is inside.
        region.replaceChildren(...[...replacement.childNodes].map((node) => document.importNode(node, true)));
        const count = region.querySelector('[data-live-count]');
        if (count) {
          const n = Number(count.getAttribute('data-live-count'));
          const words = (n === 1 ? text('count-one', '{{count}} answer so far') : text('count-other', '{{count}} answers so far')).replace('{{count}}', String(n));
          announce(words);
        } else {
          announce(text('updated', 'Results updated'));
        }
      }
    } catch {
      // The network is away: the next event tries again.
    } finally {
      swapping = false;
      if (swapAgain) {
        swapAgain = false;
        scheduleSwap();
      }
    }
  };
  const scheduleSwap = () => {
    if (swapTimer) return;
    swapTimer = window.setTimeout(() => {
      swapTimer = undefined;
      void swap();
    }, SWAP_EVERY_MS);
  };

  // ── The stream ──────────────────────────────────────────────────────────────────────────────
  const follow = root.getAttribute('data-live-follow');
  const source = new EventSource(address.href, { withCredentials: true });
  const kinds = ['session.state', 'interaction.state', 'interactions.changed', 'tally', 'participants', 'post.shown', 'post.pending', 'post.held', 'post.hidden', 'post.moved', 'clusters', 'votes', ...(root.getAttribute('data-live-kinds') || '').split(/\s+/).filter(Boolean)];
  const onEvent = (message) => {
    let payload;
    try {
      payload = JSON.parse(message.data);
    } catch {
      payload = {};
    }
    const detail = { kind: message.type, seq: Number(message.lastEventId), payload };
    const event = new CustomEvent('live:event', { detail, cancelable: true });
    // A listener that handles an event itself calls preventDefault(): nothing below happens.
    if (!document.dispatchEvent(event)) return;
    if (RESULT_KINDS.test(detail.kind)) scheduleSwap();
    if (MOVE_KINDS.has(detail.kind)) {
      if (follow) moveOn(follow);
      else scheduleSwap();
    }
    if (detail.kind === 'session.state' && payload.status === 'ended') {
      source.close();
      if (!follow) announce(text('ended', 'The session has ended.'), true);
    }
  };
  for (const kind of kinds) source.addEventListener(kind, onEvent);
  // The page no longer needs to reload itself: the meta refresh sits in <noscript>, so with
  // JavaScript on it was never read. Nothing else to undo.
  window.addEventListener('pagehide', () => source.close());
}
