#!/bin/sh
# Kills a process that is committing to the content store N times at
# random instants and checks the store after each kill (store_crash.c).
# Usage: tests/crash/run.sh BUILD_DIR [N] [SEED]    N defaults to 200.
set -eu
BUILD=${1:-build}
N=${2:-200}
STATE=$(mktemp -d /tmp/qf-crash-XXXXXX)
trap 'rm -rf "$STATE"' EXIT INT TERM
"$BUILD/tests/store_crash" "$STATE/state" "$N" ${3:+"$3"}
