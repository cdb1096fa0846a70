#!/bin/sh
# Kills a process that is committing to the content store N times at
# random instants and checks the store after each kill (store_crash.c);
# the same for a process recording quiz rounds (results_crash.c); then kills the real kiosk N times while it syncs from nginx and checks
# its state folder after each kill (kiosk_sync_crash.sh); then kills the
# kiosk N/4 times between the last answer of a quiz round and its 已保存
# and checks the results store (kiosk_quiz_crash.sh).
# Usage: tests/crash/run.sh BUILD_DIR [N] [SEED]    N defaults to 200.
set -eu
BUILD=${1:-build}
N=${2:-200}
STATE=$(mktemp -d /tmp/qf-crash-XXXXXX)
trap 'rm -rf "$STATE"' EXIT INT TERM
"$BUILD/tests/store_crash" "$STATE/state" "$N" ${3:+"$3"}
"$BUILD/tests/results_crash" "$STATE/results.db" "$N" ${3:+"$3"}
sh "$(dirname "$0")/kiosk_sync_crash.sh" "$BUILD" "$N" ${3:+"$3"}
sh "$(dirname "$0")/kiosk_quiz_crash.sh" "$BUILD" "$((N / 4))" ${3:+"$3"}
