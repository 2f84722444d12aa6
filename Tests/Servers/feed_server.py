#!/usr/bin/env python3
"""An HTTP server on 127.0.0.1 for the fetching tests: serves the files of --root, and the faults
a real network gives. Started and stopped by the tests (Tests/TestSupport/LoopbackServer.swift);
it writes its port to --port-file once it listens. Standard library only.

Paths (FILE is a path under --root):
  /f/FILE               the file, with ETag and Last-Modified; 304 on a matching conditional
                        request; gzip when asked (Accept-Encoding)
  /redirect/N/FILE      N hops of 302, then /f/FILE
  /moved/FILE           301 to /f/FILE            /moved308/FILE   308 to /f/FILE
  /temp/FILE            307 to /f/FILE
  /loop/a, /loop/b      redirect to each other
  /tofile               302 to file:///etc/passwd
  /status/CODE          that status (410, 500, ...); 429 and 503 carry Retry-After: 120
  /slow/SECONDS/FILE    waits, then serves FILE
  /cut/FILE             announces the whole length, sends half, closes
  /hold/FILE            sends headers and half the body, then waits 60 s (for kill -9 tests)
  /hold1/FILE           the same the first time; afterwards serves FILE
  /bomb                 64 MiB of zeros, gzip-encoded (about 64 KiB on the wire)
  /type/TYPE/SUB/FILE   FILE with Content-Type TYPE/SUB        /notype/FILE   no Content-Type
  /log                  (and --root/.requests.jsonl) JSON list of the requests so far (path, method, selected headers)
  /count/PREFIX         how many requests began with PREFIX
  /maxinflight          the most requests the server answered at once
"""
import argparse
import gzip
import hashlib
import json
import os
import socket
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

LOG = []
LOG_LOCK = threading.Lock()
IN_FLIGHT = {"now": 0, "max": 0}
HELD = set()
BOMB = gzip.compress(b"\0" * (64 << 20), compresslevel=9)


def guess_type(path):
    for ext, ctype in ((".xml", "application/xml"), (".rss", "application/rss+xml"),
                       (".atom", "application/atom+xml"), (".html", "text/html; charset=utf-8"),
                       (".opml", "text/x-opml"), (".json", "application/json")):
        if path.endswith(ext):
            return ctype
    return "application/octet-stream"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TidingsTestServer/1"

    def log_message(self, *args):
        pass

    def record(self):
        entry = {
            "path": self.path, "method": self.command,
            "user_agent": self.headers.get("User-Agent"),
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "time": time.time(),
        }
        with LOG_LOCK:
            LOG.append(entry)
            # Also on disk, so tests read it without an HTTP client of their own.
            with open(os.path.join(self.server.root, ".requests.jsonl"), "a") as f:
                f.write(json.dumps(entry) + "\n")

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        self.record()
        self.send_bytes(200, json.dumps({"path": self.path, "body": body.decode("utf-8", "replace")}).encode(),
                        "application/json")

    def send_bytes(self, status, body, ctype, extra=()):
        self.send_response(status)
        if ctype is not None:
            self.send_header("Content-Type", ctype)
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status, location):
        self.send_bytes(status, b"moved\n", "text/plain", [("Location", location)])

    def read_file(self, rel):
        root = os.path.realpath(self.server.root)
        full = os.path.realpath(os.path.join(root, unquote(rel)))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            return None, None
        with open(full, "rb") as f:
            return f.read(), os.path.getmtime(full)

    def serve_file(self, rel, ctype="guess"):
        body, mtime = self.read_file(rel)
        if body is None:
            self.send_bytes(404, b"not found\n", "text/plain")
            return
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        last_modified = formatdate(int(mtime), usegmt=True)
        validators = [("ETag", etag), ("Last-Modified", last_modified)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if inm.strip() == etag:
                self.send_response(304)
                for name, value in validators:
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        elif ims is not None:
            try:
                if int(mtime) <= parsedate_to_datetime(ims).timestamp():
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            except (TypeError, ValueError):
                pass
        if ctype == "guess":
            ctype = guess_type(rel)
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            validators.append(("Content-Encoding", "gzip"))
        self.send_bytes(200, body, ctype, validators)

    def do_GET(self):
        self.record()
        if self.path.startswith("/maxinflight"):
            self.send_bytes(200, str(IN_FLIGHT["max"]).encode(), "text/plain")
            return
        with LOG_LOCK:
            IN_FLIGHT["now"] += 1
            IN_FLIGHT["max"] = max(IN_FLIGHT["max"], IN_FLIGHT["now"])
        try:
            self.answer()
        finally:
            with LOG_LOCK:
                IN_FLIGHT["now"] -= 1

    def answer(self):
        path = self.path.split("?", 1)[0]
        parts = path.lstrip("/").split("/")
        head = parts[0]
        if head == "f":
            self.serve_file("/".join(parts[1:]))
        elif head == "redirect":
            hops = int(parts[1])
            rest = "/".join(parts[2:])
            self.redirect(302, f"/redirect/{hops - 1}/{rest}" if hops > 1 else f"/f/{rest}")
        elif head == "moved":
            self.redirect(301, "/f/" + "/".join(parts[1:]))
        elif head == "moved308":
            self.redirect(308, "/f/" + "/".join(parts[1:]))
        elif head == "temp":
            self.redirect(307, "/f/" + "/".join(parts[1:]))
        elif head == "loop":
            self.redirect(302, "/loop/b" if parts[1] == "a" else "/loop/a")
        elif head == "tofile":
            self.redirect(302, "file:///etc/passwd")
        elif head == "status":
            code = int(parts[1])
            extra = [("Retry-After", "120")] if code in (429, 503) else []
            self.send_bytes(code, f"status {code}\n".encode(), "text/plain", extra)
        elif head == "slow":
            time.sleep(float(parts[1]))
            self.serve_file("/".join(parts[2:]))
        elif head == "hold1" and path in HELD:
            self.serve_file("/".join(parts[1:]))
        elif head in ("cut", "hold", "hold1"):
            if head == "hold1":
                HELD.add(path)
            body, _ = self.read_file("/".join(parts[1:]))
            if body is None:
                self.send_bytes(404, b"not found\n", "text/plain")
                return
            self.send_response(200)
            self.send_header("Content-Type", guess_type(path))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if head != "cut":
                time.sleep(60)
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        elif head == "bomb":
            self.send_bytes(200, BOMB, "application/rss+xml", [("Content-Encoding", "gzip")])
        elif head == "type":
            self.serve_file("/".join(parts[3:]), ctype=parts[1] + "/" + parts[2])
        elif head == "notype":
            self.serve_file("/".join(parts[1:]), ctype=None)
        elif head == "log":
            with LOG_LOCK:
                body = json.dumps(LOG).encode()
            self.send_bytes(200, body, "application/json")
        elif head == "count":
            prefix = "/" + "/".join(parts[1:])
            with LOG_LOCK:
                n = sum(1 for entry in LOG if entry["path"].startswith(prefix))
            self.send_bytes(200, str(n).encode(), "text/plain")
        else:
            self.send_bytes(404, b"not found\n", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass   # clients that hang up early (timeouts, size caps) are part of the tests


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port-file", required=True)
    args = parser.parse_args()
    server = Server(("127.0.0.1", 0), Handler)
    server.root = args.root
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, args.port_file)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
