// The phone app's service worker: keeps the shell (page, script, style, manifest, icon) so that /m/ opens
// without network. Work and drafts live in IndexedDB (app.js); API calls always go to the network.
const CACHE = "jianguan-m-v3";
const SHELL = ["/m/", "/m/app.js", "/m/app.css", "/m/manifest.webmanifest", "/m/icon.svg"];

self.addEventListener("install", event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/m/")) return;
  if (request.mode === "navigate" && (url.pathname === "/m/" || url.pathname === "/m")) {
    // The page first from the network (a fresh antiforgery token, the right user), else the kept one.
    event.respondWith(fetch(request)
      .then(response => {
        if (response.ok && !response.redirected) caches.open(CACHE).then(cache => cache.put("/m/", response.clone()));
        return response;
      })
      .catch(() => caches.match("/m/")));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(request).then(kept => {
      const fresh = fetch(request).then(response => {
        if (response.ok) caches.open(CACHE).then(cache => cache.put(request, response.clone()));
        return response;
      }).catch(() => kept);
      return kept || fresh;
    }));
  }
});
