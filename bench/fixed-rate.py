#!/usr/bin/env python3
"""fixed-rate.py URL BODIES [RATE] [SECONDS] [CONNECTIONS]: POSTs the lines of
BODIES (one JSON body a line, taken in turn) to URL at a fixed RATE a second
(default 500) for SECONDS (default 60), over CONNECTIONS keep-alive
connections (default 8), and prints p50, p99 and max latency. Open loop:
request i is due at start + i / RATE whatever the answers before it, and
its latency counts from when it was due, so a slow server shows as queueing
instead of a lower rate (no coordinated omission). Only 127.0.0.1 or
localhost, at most 100,000 requests: a benchmark of our own server, not a
load generator. Timing only: not a test."""
import http.client
import sys
import threading
import time
import urllib.parse


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    url = urllib.parse.urlsplit(sys.argv[1])
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else 500.0
    secs = float(sys.argv[4]) if len(sys.argv) > 4 else 60.0
    conns = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    if url.hostname not in ("127.0.0.1", "localhost") or url.scheme != "http":
        sys.exit("fixed-rate.py: only http://127.0.0.1 or localhost")
    with open(sys.argv[2], "rb") as f:
        bodies = [line.rstrip(b"\n") for line in f if line.strip()]
    total = int(rate * secs)
    if not bodies or total < 1 or total > 100000 or conns < 1 or conns > 64:
        sys.exit("fixed-rate.py: bodies, 1 to 100,000 requests, 1 to 64 connections")
    lat = [None] * total
    errors = [0]
    start = time.monotonic() + 0.2

    def worker(k):
        c = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        for i in range(k, total, conns):
            due = start + i / rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                c.request("POST", url.path or "/", bodies[i % len(bodies)],
                          {"Content-Type": "application/json"})
                r = c.getresponse()
                r.read()
                if r.status != 200:
                    errors[0] += 1
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                c.close()
                c = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
                continue
            lat[i] = time.monotonic() - due

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - start
    done = sorted(x for x in lat if x is not None)
    if not done:
        sys.exit("fixed-rate.py: no request answered")

    def pct(p):
        return done[min(len(done) - 1, int(p * len(done)))] * 1e3

    print(f"{len(done)} of {total} requests answered in {took:.1f} s "
          f"({len(done) / took:.0f}/s asked {rate:.0f}/s), {errors[0]} errors, "
          f"{len(bodies)} distinct bodies")
    print(f"latency from when due: p50 {pct(0.50):.2f} ms, p99 {pct(0.99):.2f} ms, "
          f"max {done[-1] * 1e3:.2f} ms")


main()
