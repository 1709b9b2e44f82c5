// Sổ tay đảng viên: the service worker behind offline reading (issue 22, item 8). Served at
// /so-tay/sw.js so that its scope is /so-tay/. Pages and document files are fetched from the
// network first (so a read is recorded and the page is fresh) and kept; without a network the
// kept copy is shown, or the offline page. Logging out empties the cache: the pages are personal.
const CACHE = "so-tay-v1";
const OFFLINE = "/so-tay/ngoai-tuyen/";
const PRECACHE = [OFFLINE, "/so-tay/manifest.webmanifest"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Never kept: forms' answers, downloads meant to be fresh each time, the account pages.
function keepable(url) {
  return url.origin === self.location.origin
    && (url.pathname.startsWith("/so-tay/") || url.pathname.startsWith("/static/"))
    && !url.pathname.startsWith("/so-tay/kich-hoat/")
    && !url.pathname.endsWith(".ics");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin === self.location.origin && url.pathname.startsWith("/dang-xuat/")) {
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (request.method !== "GET" || !keepable(url)) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        // Only a page the member really got (not a redirect to the login page, not an error).
        if (response.ok && response.type === "basic" && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(request).then((kept) => {
          if (kept) {
            return kept;
          }
          if (request.mode === "navigate") {
            return caches.match(OFFLINE);
          }
          return Response.error();
        }),
      ),
  );
});
