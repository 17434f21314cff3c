#!/usr/bin/env python3
"""Serves the built browser app (web/dist) on a loopback address, compressed as a phone receives it.

python3 standard library only. What it does beyond `python3 -m http.server`:
  * Content-Encoding: the precompressed `FILE.br` (Brotli) or `FILE.gz` (gzip) that
    scripts/web-build.sh writes next to each file, chosen by the client's Accept-Encoding
    (Brotli first); a file without one is gzipped on the fly once and kept in memory.
    `Vary: Accept-Encoding` always, so no cache mixes the encodings.
  * MIME types the browser insists on: application/wasm (streaming compile),
    text/javascript (module scripts), application/manifest+json, image/svg+xml.
  * `Cache-Control: no-cache` and a strong ETag (a hash of the bytes sent) on every file: a
    browser may keep a copy but asks every time (an unchanged file costs a 304 and no body), so
    a new build and its service worker (sw.js) are seen on the next visit and nothing stale is
    served from an HTTP cache behind the service worker's back.
  * `--log FILE`: one JSON line per response (path, status, encoding, body bytes, header bytes),
    for tests that count what goes over the wire.

Usage: scripts/serve.py [--port 8080] [--bind 127.0.0.1] [--log FILE] [DIR]   (DIR: web/dist)
Port 0 picks a free port; the line "serving http://HOST:PORT/" on stderr says which.
"""

import argparse
import gzip
import hashlib
import http.server
import json
import os
import posixpath
import sys
import threading
import urllib.parse

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
# Already compressed or too small to gain: sent as they are.
NO_COMPRESS = {".png", ".ico", ".gz", ".br"}


class Files:
    """Reads files once per (path, mtime, size) and keeps their encodings and ETags."""

    def __init__(self, root):
        self.root = os.path.realpath(root)
        self.lock = threading.Lock()
        self.cache = {}

    def resolve(self, url_path):
        """The file under root for a URL path, or None (never outside root)."""
        path = posixpath.normpath(urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0]))
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        full = os.path.realpath(os.path.join(self.root, *parts))
        if full != self.root and not full.startswith(self.root + os.sep):
            return None
        if os.path.isdir(full):
            full = os.path.join(full, "index.html")
        base = os.path.basename(full)
        if base.startswith(".") or full.endswith((".gz", ".br")) or not os.path.isfile(full):
            return None
        return full

    def get(self, full, encoding):
        """(body bytes, etag) of `full` in `encoding` ("br", "gzip" or "identity"), or None."""
        st = os.stat(full)
        key = (full, encoding)
        with self.lock:
            hit = self.cache.get(key)
            if hit and hit[0] == (st.st_mtime_ns, st.st_size):
                return hit[1], hit[2]
        if encoding == "identity":
            body = open(full, "rb").read()
        elif encoding == "br":
            pre = full + ".br"
            if not os.path.isfile(pre) or os.stat(pre).st_mtime_ns < st.st_mtime_ns:
                return None  # no Brotli in the standard library: only a prebuilt one
            body = open(pre, "rb").read()
        else:
            pre = full + ".gz"
            if os.path.isfile(pre) and os.stat(pre).st_mtime_ns >= st.st_mtime_ns:
                body = open(pre, "rb").read()
            else:
                body = gzip.compress(open(full, "rb").read(), compresslevel=9, mtime=0)
        etag = '"%s-%s"' % (hashlib.sha256(body).hexdigest()[:20], encoding)
        with self.lock:
            self.cache[key] = ((st.st_mtime_ns, st.st_size), body, etag)
        return body, etag


def accepted(header):
    """The content codings a client accepts (q=0 excluded)."""
    out = set()
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    q = float(v)
                except ValueError:
                    q = 0.0
        if name and q > 0:
            out.add(name.strip().lower())
    return out


def make_handler(files, log):
    log_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def version_string(self):
            return "tuoyu-serve"
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: the --log file is for machines
            pass

        def record(self, status, encoding, body_len):
            if not log:
                return
            line = json.dumps({"path": self.path, "status": status, "encoding": encoding,
                               "body": body_len, "headers": self.header_bytes})
            with log_lock, open(log, "a", encoding="utf-8") as f:
                f.write(line + "\n")

        def end_headers(self):
            # The status line and headers are still buffered here: count them for the log.
            self.header_bytes = sum(len(b) for b in getattr(self, "_headers_buffer", [])) + 2
            super().end_headers()

        def do_HEAD(self):
            self.serve(send_body=False)

        def do_GET(self):
            self.serve(send_body=True)

        def serve(self, send_body):
            full = files.resolve(self.path)
            if full is None:
                body = b"not found\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                self.record(404, "identity", len(body) if send_body else 0)
                return
            ext = os.path.splitext(full)[1].lower()
            ok = accepted(self.headers.get("Accept-Encoding"))
            choice = None
            if ext not in NO_COMPRESS:
                for enc in ("br", "gzip"):
                    if enc in ok:
                        choice = files.get(full, enc)
                        if choice:
                            encoding = enc
                            break
            if not choice:
                encoding = "identity"
                choice = files.get(full, encoding)
            body, etag = choice
            headers = [
                ("Content-Type", TYPES.get(ext, "application/octet-stream")),
                ("Cache-Control", "no-cache"),
                ("ETag", etag),
                ("Vary", "Accept-Encoding"),
                ("X-Content-Type-Options", "nosniff"),
            ]
            if encoding != "identity":
                headers.append(("Content-Encoding", encoding))
            if os.path.basename(full) == "sw.js":
                headers.append(("Service-Worker-Allowed", "/"))
            inm = self.headers.get("If-None-Match")
            if inm and etag in [t.strip() for t in inm.split(",")]:
                self.send_response(304)
                for k, v in headers:
                    if k != "Content-Type":
                        self.send_header(k, v)
                self.end_headers()
                self.record(304, encoding, 0)
                return
            self.send_response(200)
            for k, v in headers:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)
            self.record(200, encoding, len(body) if send_body else 0)

    return Handler


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", default=os.path.join(here, "..", "web", "dist"))
    ap.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--log", help="append one JSON line per response to this file")
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        sys.exit(f"serve.py: {args.dir} has no index.html (run scripts/web-build.sh first)")
    files = Files(args.dir)
    server = http.server.ThreadingHTTPServer((args.bind, args.port), make_handler(files, args.log))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print(f"serving http://{host}:{port}/", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
