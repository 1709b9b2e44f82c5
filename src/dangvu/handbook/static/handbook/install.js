// Registers the handbook's service worker (offline reading); without support the pages work as before.
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/so-tay/sw.js", { scope: "/so-tay/" }).catch(() => {});
}
