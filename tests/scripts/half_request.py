#!/usr/bin/python3
"""Dead peers for the stall drill: plain TCP connections to a ZeroMQ port
that stop in the middle of a request and then vanish without a goodbye.

Usage: half_request.py PORT COUNT HOLD_S
Opens COUNT connections to tcp://127.0.0.1:PORT. Odd ones send half a ZMTP
greeting; even ones a whole greeting, a READY (a DEALER, NULL security) and
the start of a message frame that announces 200 bytes but carries 20. All
then hold still for HOLD_S seconds (reading nothing), and vanish with a TCP
reset (SO_LINGER 0). Written from ZMTP 3.0 (rfc.zeromq.org/spec/23) alone.

Prints one JSON line: opened, greeted (connections that got the server's
greeting back), reset (connections the server had closed before the end).
Exits 0; the caller judges.
"""
import json
import socket
import struct
import sys
import time


def greeting():
    return b"\xff" + b"\x00" * 8 + b"\x7f" + b"\x03\x00" + b"NULL".ljust(20, b"\x00") + b"\x00" + b"\x00" * 31


def ready_dealer():
    prop = b"\x0bSocket-Type" + struct.pack(">I", 6) + b"DEALER"
    body = b"\x05READY" + prop
    return bytes([0x04, len(body)]) + body


def main():
    port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    conns, greeted = [], 0
    for i in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=2)
        if i % 2:
            s.sendall(greeting()[:5])
        else:
            s.sendall(greeting())
            try:
                if len(s.recv(64)) > 0:
                    greeted += 1
            except socket.timeout:
                pass
            s.sendall(ready_dealer())
            s.sendall(bytes([0x00, 200]) + b"x" * 20)  # a message frame cut short
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        conns.append(s)
    time.sleep(hold)
    reset = 0
    for s in conns:
        s.setblocking(False)
        try:
            if s.recv(1, socket.MSG_PEEK) == b"":
                reset += 1
        except BlockingIOError:
            pass
        except OSError:
            reset += 1
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        s.close()
    print(json.dumps({"opened": len(conns), "greeted": greeted, "reset": reset}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
