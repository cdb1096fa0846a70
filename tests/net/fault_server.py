#!/usr/bin/env python3
"""A misbehaving web server on 127.0.0.1 for the tests of app/net/fetch.

Standard library only. Each path triggers one behaviour:

  /ok              200 with ETag "v1" and Last-Modified; 304 on a matching
                   If-None-Match or If-Modified-Since
  /bytes/N         200 with N bytes and a Content-Length
  /bytes-nocl/N    200 with N bytes, no Content-Length (ends by closing)
  /big             200 with no Content-Length and no end (64 MiB at most)
  /big-cl          200 announcing 64 MiB
  /truncated       Content-Length 1000, 10 bytes, then the connection closes
  /gzip-bomb       about 64 KiB of gzip (Content-Encoding: gzip) that
                   decodes to 64 MiB of zeros
  /gzip-ok         OK_BODY, gzipped
  /slow            1 byte every 2 s
  /drip            100 bytes every 50 ms: fast enough, but never done
  /hang            reads the request and never answers
  /close           reads the request and closes without answering
  /404, /500       errors with a page
  /status/N        status N with no body
  /redirect-ok     302 to /ok
  /redirect-404    302 to /404
  /redirect-loop   302 to itself
  /redirect-ftp    302 to ftp://127.0.0.1/feed.json
  /redirect-http   302 to /ok on the plain-HTTP port (for the TLS ports)
  http://HOST/...  (a proxy request) 200 "proxied http://HOST/..."

Besides the HTTP port it holds, on 127.0.0.1:
  tls     the same paths over TLS (--tls-cert/--tls-key)
  wrong   the same over TLS with another certificate (--wrong-cert/--wrong-key)
  closed  a port that is bound but not listening: connections are refused
  stall   a port whose accept queue is full: connections time out
  silent  a port that accepts connections and never says a word (a TLS
          handshake there never finishes)

Usage: fault_server.py [--port N] [--tls-cert F --tls-key F]
                       [--wrong-cert F --wrong-key F] [--lifetime S]
Prints one line when every socket is ready, "http=P tls=P wrong=P
closed=P stall=P silent=P", and exits by itself after --lifetime seconds (300).
"""

import argparse
import gzip
import http.server
import socket
import ssl
import sys
import threading
import time

ETAG = '"v1"'
LAST_MODIFIED = "Tue, 01 Jul 2025 08:00:00 GMT"
OK_BODY = b"hello from /ok\n"
MAX_STREAM = 64 << 20   # the most any endless path sends
# Compressed once at start: compressing 64 MiB per request takes about a
# second of CPU, which on a loaded machine outlasts the client's timeouts.
GZIP_BODIES = {"/gzip-bomb": gzip.compress(bytes(MAX_STREAM)), "/gzip-ok": gzip.compress(OK_BODY)}
MAX_WAIT_S = 120        # the longest any path waits or trickles


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-server"
    sys_version = ""

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    # -- helpers -------------------------------------------------------------

    def head(self, status, length=None, extra=()):
        self.send_response(status)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in extra:
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def send(self, data):
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:  # the client has gone
            return False

    def stream(self, total, chunk, pause):
        sent = 0
        started = time.monotonic()
        while sent < total and time.monotonic() - started < MAX_WAIT_S:
            n = min(chunk, total - sent)
            if not self.send(b"x" * n):
                return
            sent += n
            if pause:
                time.sleep(pause)

    def wait_for_client_to_leave(self):
        self.connection.settimeout(MAX_WAIT_S)
        try:
            while self.connection.recv(4096):
                pass
        except OSError:
            pass

    def redirect(self, location):
        self.head(302, 0, [("Location", location)])

    # -- paths ---------------------------------------------------------------

    def do_GET(self):
        path = self.path
        if path.startswith("http://"):
            body = ("proxied %s" % path).encode()
            self.head(200, len(body))
            self.send(body)
        elif path == "/ok":
            tags = [("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)]
            if (self.headers.get("If-None-Match") == ETAG or
                    (self.headers.get("If-None-Match") is None and
                     self.headers.get("If-Modified-Since") == LAST_MODIFIED)):
                self.head(304, None, tags)
            else:
                self.head(200, len(OK_BODY), tags)
                self.send(OK_BODY)
        elif path.startswith("/bytes/"):
            n = int(path[len("/bytes/"):])
            self.head(200, n)
            self.stream(n, 65536, 0)
        elif path.startswith("/bytes-nocl/"):
            self.head(200)
            self.stream(int(path[len("/bytes-nocl/"):]), 65536, 0)
        elif path == "/big":
            self.head(200)
            self.stream(MAX_STREAM, 65536, 0)
        elif path == "/big-cl":
            self.head(200, MAX_STREAM)
            self.stream(MAX_STREAM, 65536, 0)
        elif path == "/truncated":
            self.head(200, 1000)
            self.send(b"0123456789")
        elif path in ("/gzip-bomb", "/gzip-ok"):
            body = GZIP_BODIES[path]
            self.head(200, len(body), [("Content-Encoding", "gzip")])
            self.send(body)
        elif path == "/slow":
            self.head(200, 100)
            self.stream(100, 1, 2.0)
        elif path == "/drip":
            self.head(200)
            self.stream(MAX_STREAM, 100, 0.05)
        elif path == "/hang":
            self.wait_for_client_to_leave()
            self.close_connection = True
        elif path == "/close":
            self.close_connection = True
        elif path in ("/404", "/500"):
            code = int(path[1:])
            body = b"<h1>error page</h1>\n" * 100
            self.head(code, len(body), [("Content-Type", "text/html")])
            self.send(body)
        elif path.startswith("/status/"):
            self.head(int(path[len("/status/"):]), 0)
        elif path == "/redirect-ok":
            self.redirect("/ok")
        elif path == "/redirect-404":
            self.redirect("/404")
        elif path == "/redirect-loop":
            self.redirect("/redirect-loop")
        elif path == "/redirect-ftp":
            self.redirect("ftp://127.0.0.1/feed.json")
        elif path == "/redirect-http":
            self.redirect("http://127.0.0.1:%d/ok" % self.server.plain_port)
        else:
            self.head(404, 0)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    plain_port = 0
    tls = None  # an ssl.SSLContext for the TLS ports

    def finish_request(self, request, client_address):
        # The TLS handshake runs here, in the request's own thread, so a
        # client that stalls or refuses it holds up nobody else.
        if self.tls:
            request.settimeout(MAX_WAIT_S)
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)


def serve(port, cert=None, key=None, plain_port=0):
    server = Server(("127.0.0.1", port), Handler)
    server.plain_port = plain_port or server.server_address[1]
    if cert:
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(cert, key)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def hold_connections(listener):
    """Accepts connections and keeps them open, silent, until the client
    leaves (or MAX_WAIT_S)."""
    def hold(conn):
        conn.settimeout(MAX_WAIT_S)
        try:
            while conn.recv(4096):
                pass
        except OSError:
            pass
        conn.close()
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=hold, args=(conn,), daemon=True).start()


def main():
    ap = argparse.ArgumentParser(description="fault-injection web server for the fetch tests")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--wrong-cert")
    ap.add_argument("--wrong-key")
    ap.add_argument("--lifetime", type=float, default=300)
    args = ap.parse_args()

    plain = serve(args.port)
    ports = {"http": plain.server_address[1]}
    if args.tls_cert:
        ports["tls"] = serve(0, args.tls_cert, args.tls_key, ports["http"]).server_address[1]
    if args.wrong_cert:
        ports["wrong"] = serve(0, args.wrong_cert, args.wrong_key, ports["http"]).server_address[1]

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    ports["closed"] = closed.getsockname()[1]

    stall = socket.socket()
    stall.bind(("127.0.0.1", 0))
    stall.listen(0)
    fillers = []
    for _ in range(3):  # fill the accept queue; later SYNs are dropped
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect(stall.getsockname())
        except BlockingIOError:
            pass
        fillers.append(s)
    ports["stall"] = stall.getsockname()[1]

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    threading.Thread(target=hold_connections, args=(silent,), daemon=True).start()
    ports["silent"] = silent.getsockname()[1]

    print(" ".join("%s=%d" % kv for kv in ports.items()), flush=True)
    time.sleep(args.lifetime)


if __name__ == "__main__":
    main()
