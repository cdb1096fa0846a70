"""Runs a command with writable memory never executable, as systemd's
MemoryDenyWriteExecute=yes does (PR_SET_MDWE, Linux 6.3+).
Usage: no_wx.py COMMAND [ARGS...]; exit 3 when the kernel cannot."""
import ctypes
import os
import sys

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    sys.stderr.write("no_wx: PR_SET_MDWE: %s\n" % os.strerror(ctypes.get_errno()))
    sys.exit(3)
os.execvp(sys.argv[1], sys.argv[1:])
