#!/bin/sh
# Crash test of the real kiosk at the end of a quiz round: each iteration
# plays a full round by script and kills the kiosk with SIGKILL a random
# 0-8 ms after it logs that the round finished, that is between the last
# answer and the 已保存 on the screen, while the results thread commits.
# One state folder is kept across iterations. After each kill:
#   - the store opens and PRAGMA integrity_check says ok;
#   - no round is stored twice, and every stored round is one the kiosk
#     finished (no phantom, no half round: its 10 answers are all there);
#   - every round the kiosk logged as saved is in the store, with its
#     outbox entry (nothing is uploaded here: no report_url);
# and at the end, every round of every iteration is either stored or was
# killed before its commit returned, never anything else.
# Usage: tests/crash/kiosk_quiz_crash.sh BUILD_DIR [N [SEED]]   N defaults to 60.
set -u
BUILD=${1:-build}
N=${2:-60}
SEED=${3:-$(date +%s)}
KIOSK=$BUILD/qingfeng
mkdir -p "$BUILD/crash-quiz"
OUT=$(cd "$BUILD/crash-quiz" && pwd)
rm -rf "${OUT:?}"/*
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
if ! command -v sqlite3 > /dev/null; then
    echo "kiosk_quiz_crash: needs sqlite3 (make deps installs it)"
    exit 1
fi

STATE=$OUT/state
printf '[quiz]\nauto_next_s = 0\ndepartments = 办公室,组织部\n' > "$OUT/kiosk.conf"
{
    printf 'tap 0.5 0.5\npress quiz\npress quiz-depts\npress quiz-dept 1\npress quiz-start\n'
    for i in 1 2 3 4 5 6 7 8 9 10; do printf 'press option 0\nwait 21000\npress next-question\n'; done
    printf 'shot result\nquit\n'
} > "$OUT/round.script"

db() { sqlite3 "$STATE/results.db" "$1"; }
fail() {
    echo "kiosk_quiz_crash: iteration $i (seed $SEED): $1"
    tail -n 5 "$OUT/kiosk.log"
    exit 1
}

: > "$OUT/finished.txt"
: > "$OUT/saved.txt"
killed_in_commit=0
for i in $(seq 1 "$N"); do
    python3 "$(dirname "$0")/kill_after.py" "$OUT/kiosk.log" "finished: score" 8000 "$((SEED + i))" -- \
        "$KIOSK" --config "$OUT/kiosk.conf" --state-dir "$STATE" --windowed --size 800x480 \
        --script "$OUT/round.script" --shots "$OUT"
    sed -n 's/.*quiz: round \([0-9a-f]*\) finished.*/\1/p' "$OUT/kiosk.log" >> "$OUT/finished.txt"
    sed -n 's/.*quiz: result \([0-9a-f]*\) saved: finished.*/\1/p' "$OUT/kiosk.log" >> "$OUT/saved.txt"
    last=$(sed -n 's/.*quiz: round \([0-9a-f]*\) finished.*/\1/p' "$OUT/kiosk.log" | tail -n 1)
    [ -n "$last" ] || fail "the round did not finish"

    [ "$(db 'PRAGMA integrity_check')" = ok ] || fail "integrity_check fails"
    [ "$(db 'select count(*) from rounds')" = "$(db 'select count(distinct id) from rounds')" ] || fail "a round is stored twice"
    for id in $(db 'select id from rounds'); do
        grep -qx "$id" "$OUT/finished.txt" || fail "round $id is stored but was never finished"
        [ "$(db "select count(*) from answers where round_id = '$id'")" = 10 ] || fail "round $id lacks answers"
        [ "$(db "select count(*) from outbox where id = '$id'")" = 1 ] || fail "round $id has no outbox entry"
    done
    while read -r id; do
        [ "$(db "select count(*) from rounds where id = '$id'")" = 1 ] || fail "round $id was saved but is missing"
    done < "$OUT/saved.txt"
    if ! grep -qx "$last" "$OUT/saved.txt"; then
        killed_in_commit=$((killed_in_commit + 1))
    fi
done
stored=$(db 'select count(*) from rounds')
finished=$(sort -u "$OUT/finished.txt" | wc -l)
saved=$(sort -u "$OUT/saved.txt" | wc -l)
echo "kiosk_quiz_crash: $N kills, $finished rounds finished, $saved confirmed saved, $stored stored," \
    "$killed_in_commit killed before the confirmation; 0 lost, 0 duplicated"
# Enough kills must land before the confirmation to mean something.
[ "$killed_in_commit" -ge $((N / 10)) ] || {
    echo "kiosk_quiz_crash: only $killed_in_commit kills landed before the confirmation"
    exit 1
}
