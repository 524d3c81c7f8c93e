#!/usr/bin/python3
"""An independent CHP (ZeroMQ RFC 12) client, written from the RFC only, used
by the test suite to check that the controller's frames are readable by
software that shares no code with it.

Usage: chp_client.py PORT SUBTREE KEY
Asks for SUBTREE's snapshot on tcp://127.0.0.1:PORT (DEALER), subscribes to
SUBTREE and HUGZ on PORT+1 (SUB), then waits for one KVPUB of KEY. Prints one
JSON line: the snapshot keys, the KTHXBAI sequence, the update and whether a
HUGZ was seen. Exits 1 on a malformed frame or after 10 s.
"""
import json
import struct
import sys
import time

import zmq


def main():
    port, subtree, want = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.connect("tcp://127.0.0.1:%d" % (port + 1))
    sub.setsockopt(zmq.SUBSCRIBE, subtree.encode())
    sub.setsockopt(zmq.SUBSCRIBE, b"HUGZ")
    dealer = ctx.socket(zmq.DEALER)
    dealer.connect("tcp://127.0.0.1:%d" % port)
    dealer.send_multipart([b"ICANHAZ?", subtree.encode()])
    snapshot, kthxbai = {}, None
    deadline = time.time() + 10
    while kthxbai is None:
        if not dealer.poll(max(0, int((deadline - time.time()) * 1000))):
            print(json.dumps({"error": "no snapshot"})); return 1
        frames = dealer.recv_multipart()
        if len(frames) != 5 or len(frames[1]) != 8:
            print(json.dumps({"error": "bad snapshot frame", "frames": len(frames)})); return 1
        key, seq = frames[0].decode(), struct.unpack(">Q", frames[1])[0]
        if key == "KTHXBAI":
            if frames[4].decode() != subtree:
                print(json.dumps({"error": "KTHXBAI for another subtree"})); return 1
            kthxbai = seq
        else:
            snapshot[key] = {"sequence": seq, "value": frames[4].decode("utf-8")}
    print(json.dumps({"ready": True}), flush=True)
    update, hugz = None, False
    while update is None and time.time() < deadline:
        if not sub.poll(100):
            continue
        frames = sub.recv_multipart()
        if len(frames) != 5 or len(frames[1]) != 8:
            print(json.dumps({"error": "bad update frame", "frames": len(frames)})); return 1
        key, seq = frames[0].decode(), struct.unpack(">Q", frames[1])[0]
        if key == "HUGZ":
            hugz = True
            continue
        if seq <= kthxbai:
            continue
        props = dict(line.split("=", 1) for line in frames[3].decode().splitlines() if "=" in line)
        if key == want:
            update = {"key": key, "sequence": seq, "value": frames[4].decode("utf-8"), "properties": props,
                      "uuid_len": len(frames[2])}
    print(json.dumps({"snapshot": snapshot, "kthxbai": kthxbai, "update": update, "hugz": hugz},
                     ensure_ascii=False))
    return 0 if update else 1


if __name__ == "__main__":
    sys.exit(main())
