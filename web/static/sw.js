// The calculator's service worker: after the first visit the page opens and computes with no
// network. scripts/web-offline.mjs fills in the build's version (a hash of the built files) and
// the files to keep; one cache per version, so a new build installs beside the old one, takes
// over at once and deletes the old cache. The server answers `no-cache` with ETags, so installing
// revalidates what the first visit has just loaded (304, no body) instead of downloading it twice.
const VERSION = "__TUOYU_VERSION__";
const FILES = ["__TUOYU_FILES__"];
// The claim desk's files (desk.html, its module, its worker's module): not kept at install (they
// would double the first visit), but all of them once the desk is first opened, so it then works
// offline too, files dropped included.
const DESK = ["__TUOYU_DESK__"];
const PREFIX = "tuoyu-";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES.map((f) => new Request(f, { cache: "no-cache" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

// The page, and any link into it (the request is in the #fragment, never sent), is index.html.
const scope = new URL(self.registration.scope);
const isPage = (url) => url.pathname === scope.pathname || url.pathname === scope.pathname + "index.html";
const isDesk = (url) => url.pathname === scope.pathname + "desk.html" || url.pathname === scope.pathname + "desk-claim.html";

// The desk page asks once the worker is active (its first load did not pass through it).
self.addEventListener("message", (event) => {
  if (event.data === "keep-desk") event.waitUntil(keepDesk());
});

async function keepDesk() {
  const cache = await caches.open(CACHE);
  for (const f of DESK) {
    if (!(await cache.match(f, { ignoreSearch: true }))) {
      await cache.add(new Request(f, { cache: "no-cache" })).catch(() => {});
    }
  }
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const page = req.mode === "navigate" && isPage(url);
  if (isDesk(url)) event.waitUntil(keepDesk());
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // The page is kept as "./" (scripts/web-offline.mjs): what a first visit loads.
    const hit = await cache.match(page ? "./" : req, { ignoreSearch: true, ignoreVary: true });
    if (hit) return hit;
    // Not kept (an icon, a file of a newer build): the network, kept for next time when it is ours.
    const res = await fetch(req);
    if (res.ok && res.type === "basic" && !page) await cache.put(req, res.clone());
    return res;
  })());
});

