#!/usr/bin/python3
"""A hostile CHP client: asks the controller's snapshot socket for COUNT
snapshots of the whole map and never reads a reply, then leaves, while
measuring the controller's resident memory (VmRSS of PID).

Usage: snapshot_flood.py PORT PID COUNT [HOLD_S] [SETTLE_S]
  PORT      the controller's CHP snapshot port
  PID       the controller's process id (its /proc/PID/status is read)
  COUNT     ICANHAZ? requests to send
  HOLD_S    seconds to stay connected after sending (default 15)
  SETTLE_S  at most this many seconds to wait, after leaving, for the RSS to
            come back within 5 MB of the baseline (default 60)

Prints one JSON line: baseline_kb, peak_kb (while connected), after_kb (when
back near the baseline, or at SETTLE_S), back_s (seconds after leaving until
then, or null). Exits 0; the caller judges the figures.
"""
import json
import sys
import time

import zmq


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    port, pid, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    hold = float(sys.argv[4]) if len(sys.argv) > 4 else 15.0
    settle = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
    baseline = rss_kb(pid)
    ctx = zmq.Context()
    dealer = ctx.socket(zmq.DEALER)
    dealer.setsockopt(zmq.SNDHWM, 0)  # queue every request on our side
    dealer.setsockopt(zmq.RCVHWM, 1)  # and take in as little as ZeroMQ lets us
    dealer.setsockopt(zmq.RCVBUF, 4096)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.connect("tcp://127.0.0.1:%d" % port)
    for _ in range(count):
        dealer.send_multipart([b"ICANHAZ?", b""])
    peak = baseline
    end = time.time() + hold
    while time.time() < end:
        peak = max(peak, rss_kb(pid))
        time.sleep(0.1)
    dealer.close()
    left = time.time()
    after, back = rss_kb(pid), None
    while time.time() - left < settle:
        after = rss_kb(pid)
        if after <= baseline + 5 * 1024:
            back = round(time.time() - left, 1)
            break
        time.sleep(0.5)
    ctx.term()
    print(json.dumps({"count": count, "baseline_kb": baseline, "peak_kb": peak, "after_kb": after,
                      "back_s": back}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
