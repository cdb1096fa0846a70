#!/usr/bin/env python3
"""Plays systemd's side of sd_notify for one kiosk run.

Usage: notify_listen.py MODE LOG -- COMMAND...
Creates an AF_UNIX datagram socket, starts COMMAND (through sh, so that
WATCHDOG_PID is the kiosk's own pid) with NOTIFY_SOCKET and
WATCHDOG_USEC=2000000, and checks what arrives:
  alive:  READY=1, then WATCHDOG=1 at least every second for 4 s; SIGTERM
          brings STOPPING=1 and exit 0.
  Both run with writable memory never executable (PR_SET_MDWE, what
  MemoryDenyWriteExecute=yes does on current kernels), so rendering and
  SVG decoding are checked to need no W^X exception.
  freeze: READY=1, then the pings stop: no ping for more than 2 s (the
          watchdog interval), as systemd would see a hung UI thread.
Prints one line per finding; exit 0 when all hold."""
import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

WATCHDOG_USEC = 2000000
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1


def deny_write_execute():
    """In the child before exec: kept across exec and by every thread."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_MDWE")


def main():
    mode, log = sys.argv[1], sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    tmp = tempfile.mkdtemp(prefix="qf-notify-")
    path = os.path.join(tmp, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC=str(WATCHDOG_USEC))
    # $$ of the sh that execs the kiosk is the kiosk's pid.
    shell = 'export WATCHDOG_PID=$$; exec "$@"'
    with open(log, "wb") as err:
        proc = subprocess.Popen(["sh", "-c", shell, "sh"] + cmd, env=env, stderr=err, stdout=err,
                                preexec_fn=deny_write_execute)
    msgs = []  # (monotonic time, message)

    def recv_until(deadline):
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or proc.poll() is not None and not pending():
                return
            sock.settimeout(max(left, 0.001))
            try:
                data = sock.recv(4096)
            except socket.timeout:
                return
            for line in data.decode().splitlines():
                msgs.append((time.monotonic(), line))

    def pending():
        sock.settimeout(0)
        try:
            data = sock.recv(4096, socket.MSG_PEEK)
            return bool(data)
        except (BlockingIOError, socket.timeout):
            return False

    def ready_at():
        return next((t for t, m in msgs if m == "READY=1"), None)

    failures = []

    def check(ok, what):
        print(("ok - " if ok else "not ok - ") + what)
        if not ok:
            failures.append(what)

    start = time.monotonic()
    while ready_at() is None and time.monotonic() - start < 20 and proc.poll() is None:
        recv_until(time.monotonic() + 0.5)
    ready = ready_at()
    check(ready is not None, "%s: READY=1 arrives after the first frame" % mode)
    status = [m for _, m in msgs if m.startswith("STATUS=")]
    check(bool(status), "%s: READY=1 comes with a STATUS= line (%s)" % (mode, status[0] if status else "none"))
    if ready is None:
        proc.kill()
        proc.wait()
        return 1

    if mode == "alive":
        recv_until(ready + 4.0)
        pings = [t for t, m in msgs if m == "WATCHDOG=1" and t >= ready]
        marks = [ready] + pings + [ready + 4.0]
        gap = max(b - a for a, b in zip(marks, marks[1:]))
        # systemd's own rule: a restart when no ping comes within the interval.
        # The kiosk pings three times per interval, so a busy machine has slack.
        limit = WATCHDOG_USEC / 1e6
        check(len(pings) >= 2 and gap < limit,
              "alive: WATCHDOG=1 never more than %.0f s apart for 4 s (%d pings, longest gap %.2f s)" %
              (limit, len(pings), gap))
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        recv_until(time.monotonic() + 0.2)
        check(any(m == "STOPPING=1" for _, m in msgs), "alive: SIGTERM brings STOPPING=1")
        check(rc == 0, "alive: the kiosk exits 0 after SIGTERM (rc=%s)" % rc)
        with open(log, errors="replace") as f:
            bad = [line.strip() for line in f if line[:3] in ("<0>", "<1>", "<2>", "<3>", "<4>")]
        check(not bad, "alive: no warnings or errors with W^X enforced (%s)" % (bad[0] if bad else "none"))
    else:
        # Watch until a silence longer than the watchdog interval, at most 10 s.
        limit = WATCHDOG_USEC / 1e6
        silent = 0.0
        end = time.monotonic() + 10
        while time.monotonic() < end:
            recv_until(time.monotonic() + 0.1)
            pings = [t for t, m in msgs if m == "WATCHDOG=1"]
            last = pings[-1] if pings else ready
            silent = time.monotonic() - last
            if silent > limit + 0.2:
                break
        before = [t for t, m in msgs if m == "WATCHDOG=1"]
        check(len(before) >= 2, "freeze: WATCHDOG=1 arrives before the freeze (%d pings)" % len(before))
        check(silent > limit and proc.poll() is None,
              "freeze: pings stop while the process lives (silent %.1f s > %.1f s: systemd restarts it)" %
              (silent, limit))
        proc.kill()
        proc.wait()
    sock.close()
    os.unlink(path)
    os.rmdir(tmp)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
