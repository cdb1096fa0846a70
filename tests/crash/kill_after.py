#!/usr/bin/env python3
"""Runs a command, copies its stderr to LOG, and kills it with SIGKILL a
random 0..MAX_US microseconds after a stderr line contains PATTERN (reading
the pipe directly reacts within microseconds, which a shell poll loop
cannot). Exits 0 when the kill was sent, 1 when the command ended first.

Usage: kill_after.py LOG PATTERN MAX_US SEED -- COMMAND..."""
import os
import random
import signal
import subprocess
import sys
import time


def main():
    log, pattern, max_us, seed = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3]), int(sys.argv[4])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    rng = random.Random(seed)
    with open(log, "wb") as out:
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for line in p.stderr:
            out.write(line)
            if pattern in line:
                time.sleep(rng.uniform(0, max_us) / 1e6)
                os.kill(p.pid, signal.SIGKILL)
                out.write(p.stderr.read())
                p.wait()
                return 0
        p.wait()
    return 1


if __name__ == "__main__":
    sys.exit(main())
