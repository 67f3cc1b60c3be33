/* global self, caches, fetch, Response, URL */
// The young inspectors' page, kept for a phone with no signal (issue 16 §2): served at
// /a/<area>/inspections/offline.js, so it looks after that area's inspection pages only. The page
// is fetched from the network as usual; only when that fails is the copy inspect.js kept shown
// (its words then come back from the phone's own unsent copy). Nothing else is touched.
const CACHE = 'chorus-inspect-v1';
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.mode !== 'navigate' || !/\/visits\/[^/]+\/inspect$/.test(new URL(request.url).pathname)) return;
  const kept = () =>
    caches
      .open(CACHE)
      .then((cache) => cache.match(request.url, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit || cache.match(new URL(request.url).pathname, { ignoreSearch: true, ignoreVary: true })))
      .then((hit) => hit || Response.error());
  event.respondWith(
    fetch(request)
      .then((response) => {
        // A fresh copy for next time the signal drops.
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request.url, copy)));
        }
        return response;
      })
      .catch(kept),
  );
});
