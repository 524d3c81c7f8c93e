#!/usr/bin/python3
"""A foreign client for the controller's device socket (python3-zmq), used by
tests/system/test_evaluation_flow.cpp.

  foreign_client.py junk PORT          sends malformed and oversized frames;
                                       checks each gets an error reply and
                                       the controller still answers hello
  foreign_client.py kiosk PORT T1 T2.. looks up and rates each ticket like a
                                       kiosk; prints one JSON line per reply
  foreign_client.py flood PORT N PFX   rates tickets PFX0001..PFXN with 16 in
                                       flight; prints "ACK <uuid>" per ack
                                       (for the kill -9 drill); stops when
                                       the controller is silent for 3 s

Exit code 0 when every check passed; the reason is printed otherwise.
"""
import json
import sys
import uuid
from datetime import datetime, timezone

import zmq


def connect(port):
    ctx = zmq.Context.instance()
    s = ctx.socket(zmq.DEALER)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, 3000)
    s.connect("tcp://127.0.0.1:%d" % port)
    return s


def ask(s, frames):
    s.send_multipart(frames)
    try:
        return json.loads(s.recv())
    except zmq.Again:
        return None


def junk(port):
    s = connect(port)
    cases = [
        (b"not json at all", "JSON"),
        (b"\xff\xfe\x00bad utf8", "UTF-8"),
        (b"[1, 2, 3]", "object"),
        (b'{"type": 7}', "type"),
        (b'{"type": "evaluation.submit", "uuid": 5}', "uuid"),
        (b'{"type": "evaluation.submit", "uuid": "x", "ticket": "A1", "score": 9, "reasons": [], '
         b'"phone": "", "kiosk_id": "k", "created_at": "2026-11-27T09:00:00+08:00"}', "uuid"),
        (b'{"type": "ticket.lookup", "ticket": "A1\'; DROP TABLE tickets; --"}', "longer than"),
        (b'{"type": "no.such.thing"}', "unknown message type"),
        (b"{" * 70000, "large"),
    ]
    ok = True
    for frame, expect in cases:
        reply = ask(s, [frame])
        good = reply is not None and reply.get("type") == "error" and expect.lower() in reply.get("message", "").lower()
        print(json.dumps({"sent": frame[:40].decode("latin-1"), "reply": reply, "ok": good}, ensure_ascii=False))
        ok &= good
    # Several frames in one message.
    reply = ask(s, [b'{"type":"hello"}', b"extra"])
    good = reply is not None and reply.get("type") == "error"
    print(json.dumps({"sent": "two frames", "reply": reply, "ok": good}, ensure_ascii=False))
    ok &= good
    # Still serving: a proper hello gets a welcome.
    reply = ask(s, [json.dumps({"type": "hello", "id": 1, "device": "kiosk", "device_id": "junk-1",
                                "version": "0"}).encode()])
    good = reply is not None and reply.get("type") == "welcome"
    print(json.dumps({"sent": "hello", "reply": reply, "ok": good}, ensure_ascii=False))
    ok &= good
    return 0 if ok else 1


def kiosk(port, tickets):
    s = connect(port)
    for i, t in enumerate(tickets):
        look = ask(s, [json.dumps({"type": "ticket.lookup", "id": 2 * i, "ticket": t}).encode()])
        print(json.dumps({"lookup": t, "reply": look}, ensure_ascii=False))
        if not look or look.get("type") != "ticket":
            continue
        u = str(uuid.uuid4())
        sub = {"type": "evaluation.submit", "id": 2 * i + 1, "uuid": u, "ticket": t, "score": 2,
               "reasons": ["long_wait"], "phone": "13812345678", "kiosk_id": "py-kiosk",
               "created_at": datetime.now(timezone.utc).astimezone().isoformat(timespec="milliseconds")}
        ack = ask(s, [json.dumps(sub).encode()])
        print(json.dumps({"submit": t, "reply": ack}, ensure_ascii=False))
        again = ask(s, [json.dumps(sub).encode()])
        print(json.dumps({"resubmit": t, "reply": again}, ensure_ascii=False))
        if not ack or ack.get("type") != "evaluation.ack" or not again or not again.get("duplicate"):
            return 1
    return 0


def flood(port, n, prefix):
    s = connect(port)
    inflight = {}
    nxt, acked = 1, 0
    while nxt <= n or inflight:
        while nxt <= n and len(inflight) < 16:
            u = str(uuid.uuid4())
            sub = {"type": "evaluation.submit", "id": nxt, "uuid": u, "ticket": "%s%04d" % (prefix, nxt),
                   "score": 1 + nxt % 5, "reasons": [], "phone": "", "kiosk_id": "flood",
                   "created_at": datetime.now(timezone.utc).astimezone().isoformat(timespec="milliseconds")}
            s.send(json.dumps(sub).encode())
            inflight[nxt] = u
            nxt += 1
        try:
            r = json.loads(s.recv())
        except zmq.Again:
            break
        if r.get("type") == "evaluation.ack":
            acked += 1
            print("ACK", r["uuid"], flush=True)
        inflight.pop(r.get("re"), None)
    print("DONE acked=%d" % acked, flush=True)
    return 0


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "flood":
        sys.exit(flood(port, int(sys.argv[3]), sys.argv[4]))
    sys.exit(junk(port) if mode == "junk" else kiosk(port, sys.argv[3:]))
