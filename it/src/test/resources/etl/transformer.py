#!/usr/bin/env python3
"""A tiny ETL transformer speaking AIS's transformer protocol, Python standard library only (tests' own).

GET /health -> 200 "Running"; PUT /<bucket>/<object> (hpush: the object's bytes, Content-Length) and
GET /<escaped uname> (hpull: the object is read back from $AIS_TARGET_URL/<uname>) -> 200 with the transformed
bytes; with etl_fqn (AIS's FQN mode) the object is read from that local file instead. Query etl_args is prepended
to the output as "<args>|" in echo/upper modes; mode "source" prepends "fqn:" or "bytes:" (how the object came).

In a pipeline (header Ais-Node-Url: the next stages' URLs) the output is PUT to the next stage and its answer is
returned, as AIS's frameworks do. Modes (env TRANSFORM): echo, upper, md5, source. Test hooks: an object whose name contains "fail" answers 500; one whose
name contains "crash" makes the process exit(3); env NEVER_HEALTHY=1 answers /health with 503; env FAIL_ON_TARGET
makes it exit at start on the target whose AIS_TARGET_URL contains that text.
Started as AIS's images are: `transformer.py --port 8000` (the node rewrites the port); refuses to start
without AIS_TARGET_URL, as AIS's base server does.
"""
import hashlib
import os
import sys
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET = os.environ.get("AIS_TARGET_URL")
MODE = os.environ.get("TRANSFORM", "echo")


def transform(data, args, via="bytes"):
    if MODE == "source":
        return via.encode() + b":" + data
    if MODE == "md5":
        return hashlib.md5(data).hexdigest().encode()
    out = data.upper() if MODE == "upper" else data
    return (args.encode() + b"|" + out) if args else out


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall

    def log_message(self, fmt, *a):
        sys.stdout.write("transformer: " + (fmt % a) + "\n")
        sys.stdout.flush()

    def reply(self, code, body, ctype="application/octet-stream"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def split(self):
        u = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(u.query)
        return urllib.parse.unquote(u.path.lstrip("/")), q.get("etl_args", [""])[0]

    def hooks(self, name):
        if "crash" in name:
            sys.stdout.write("transformer: crashing on " + name + "\n")
            sys.stdout.flush()
            os._exit(3)
        if "fail" in name:
            self.reply(500, b'{"detail":"Processing error: cannot transform ' + name.encode() + b'"}',
                       "application/json")
            return True
        return False

    def do_GET(self):
        path, args = self.split()
        if path == "health":
            if os.environ.get("NEVER_HEALTHY") == "1":
                self.reply(503, b"not ready")
            else:
                self.reply(200, b"Running", "text/plain")
            return
        if self.hooks(path):
            return
        url = TARGET + "/" + urllib.parse.quote(path, safe="@")
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                data = r.read()
        except urllib.error.HTTPError as e:
            self.reply(e.code, e.read())
            return
        self.respond(path, args, transform(data, args))

    def do_PUT(self):
        path, args = self.split()
        n = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(n) if n else b""
        if self.hooks(path):
            return
        fqn = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("etl_fqn", [""])[0]
        if fqn:  # AIS's FQN mode: the node passes the object's local file (path-escaped once more) and no body
            with open(os.path.normpath(urllib.parse.unquote(fqn)), "rb") as f:
                data = f.read()
            self.respond(path, args, transform(data, args, "fqn"))
            return
        self.respond(path, args, transform(data, args))

    def respond(self, path, args, out):
        """The output; in a pipeline (Ais-Node-Url: base URLs), the next stage's answer to it; with a direct-put
        destination (an Ais-Node-Url with a path), the output stored there and 204 + Ais-Direct-Put-Length."""
        hops = [h.strip() for h in self.headers.get("Ais-Node-Url", "").split(",") if h.strip()]
        if not hops:
            self.reply(200, out)
            return
        dst = urllib.parse.urlsplit(hops[0])
        if dst.path not in ("", "/"):
            # AIS's frameworks: the destination's host, then AIS_TARGET_URL's path (the ETL's secret), then its own
            url = "%s://%s%s%s%s" % (dst.scheme, dst.netloc, urllib.parse.urlsplit(TARGET).path.rstrip("/"),
                                     dst.path, "?" + dst.query if dst.query else "")
            req = urllib.request.Request(url, data=out, method="PUT")
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    status = r.status
            except urllib.error.HTTPError as e:
                status = e.code
            sys.stdout.write("transformer: direct put %s -> %d\n" % (dst.path, status))
            sys.stdout.flush()
            if status == 200:
                self.send_response(204)
                self.send_header("Ais-Direct-Put-Length", str(len(out)))
                self.end_headers()
            else:
                self.reply(200, out)  # the node stores it itself
            return
        url = hops[0] + "/" + urllib.parse.quote(path) + ("?etl_args=" + urllib.parse.quote(args) if args else "")
        req = urllib.request.Request(url, data=out, method="PUT")
        if len(hops) > 1:
            req.add_header("Ais-Node-Url", ",".join(hops[1:]))
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                self.reply(200, r.read())
        except urllib.error.HTTPError as e:
            self.reply(e.code, e.read())


def main():
    if not TARGET:
        sys.exit("AIS_TARGET_URL is not set")
    bad = os.environ.get("FAIL_ON_TARGET")
    if bad and bad in TARGET:
        sys.exit("refusing to start on this target (FAIL_ON_TARGET=%s)" % bad)
    port = 8000
    if "--port" in sys.argv:
        port = int(sys.argv[sys.argv.index("--port") + 1])
    srv = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("transformer: mode %s listening on 127.0.0.1:%d" % (MODE, port), flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
