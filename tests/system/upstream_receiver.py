#!/usr/bin/python3
"""A stand-in for the provincial 好差评 platform, used by the upstream tests:
accepts POSTed batches (docs/evaluations.md "Upstream"): {"evaluations": [...]}
or {"rectifications": [...]} (the 整改 records of closed cases). Keeps each
record once per kind, by its --id-field (default "uuid"), and appends every
newly seen record as one JSON line to --out, with "kind" (evaluation or
rectification) and the batch's "source" added.

  upstream_receiver.py --port P --out FILE [--fail-first N] [--id-field NAME]

--fail-first N answers the first N batches with HTTP 503 (the controller
must retry them). Bad JSON gets HTTP 400.
"""
import argparse
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--id-field", default="uuid")
    a = ap.parse_args()
    lock = threading.Lock()
    seen = set()
    state = {"fail": a.fail_first, "batches": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def answer(self, code, obj):
            data = json.dumps(obj).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                if state["fail"] > 0:
                    state["fail"] -= 1
                    return self.answer(503, {"error": "maintenance"})
                try:
                    batch = json.loads(body)
                    kind = "evaluation" if "evaluations" in batch else "rectification"
                    items = batch[kind + "s"]
                    keys = [(kind, e[a.id_field]) for e in items]
                except (ValueError, KeyError, TypeError):
                    return self.answer(400, {"error": "bad batch"})
                state["batches"] += 1
                fresh = 0
                with open(a.out, "a", encoding="utf-8") as f:
                    for e, key in zip(items, keys):
                        if key in seen:
                            continue
                        seen.add(key)
                        fresh += 1
                        f.write(json.dumps(dict(e, source=batch.get("source"), kind=kind), ensure_ascii=False) + "\n")
                sys.stderr.write("batch %d: %d %ss, %d new\n" % (state["batches"], len(items), kind, fresh))
                sys.stderr.flush()
                return self.answer(200, {"accepted": len(items)})

    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    sys.stderr.write("receiver listening on %d\n" % a.port)
    sys.stderr.flush()
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    main()
