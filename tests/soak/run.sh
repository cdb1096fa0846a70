#!/bin/sh
# The soak test (docs/soak.md): one kiosk process on the virtual clock plays
# CYCLES cycles of tests/soak/script.sh — by default 1000: 100,000 attract
# slides drawn and presented, 10,000 detail openings, 10,000 quiz rounds and
# 1,000 content swaps — twice, side by side on the two cores:
#   - built with ASan, LSan and UBSan: no report, no error line, and every
#     count reached;
#   - the ordinary build, the same script: the resident set after warm-up
#     grows by at most 1 MiB (ASan's quarantine and shadow memory make its
#     own resident set meaningless for this bound).
# Usage: tests/soak/run.sh ASAN_BUILD_DIR BUILD_DIR [CYCLES]
set -u
ABUILD=$1 BUILD=$2 CYCLES=${3:-1000}
HERE=$(dirname "$0")
case $CYCLES in
    *[!0-9]* | '') echo "soak: CYCLES \"$CYCLES\" must be an even number of at least 4 (cycles alternate the two feeds; the first tenth, at least 2, is warm-up)"; exit 2 ;;
esac
if [ "$CYCLES" -lt 4 ] || [ $((CYCLES % 2)) -ne 0 ]; then
    echo "soak: CYCLES $CYCLES must be an even number of at least 4 (cycles alternate the two feeds; the first tenth, at least 2, is warm-up)"
    exit 2
fi
OUT=$ABUILD/soak
rm -rf "$OUT"
mkdir -p "$OUT"
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The second feed: the bundled content less two maxims, a case and a quiz
# category, so a swap changes items, pictures and the quiz bank.
cp -r content "$OUT/content-b"
rm "$OUT/content-b/maxims/ai-lian.md" "$OUT/content-b/maxims/bao-zheng-jia-xun.md" \
    "$OUT/content-b/cases/dian-zi-hong-bao.md" "$OUT/content-b/quiz/监察法规.csv"
"$BUILD/qingfeng-feed" build "$OUT/content-b" -o "$OUT/feed-b" > "$OUT/feed-b.log" 2>&1 ||
    { echo "soak: cannot build the second feed:"; cat "$OUT/feed-b.log"; exit 1; }
sh "$HERE/script.sh" "$CYCLES" "$BUILD/feed" "$OUT/feed-b" > "$OUT/soak.script"

# Quiz results go to results.db with fsync after each round: on tmpfs when
# there is one, so 10,000 rounds cost the store's work, not the disk's.
STATE=$(mktemp -d /dev/shm/qingfeng-soak.XXXXXX 2>/dev/null || mktemp -d "$OUT/state.XXXXXX")
trap 'rm -rf "$STATE"' EXIT INT TERM

soak() { # NAME KIOSK
    start=$(date +%s)
    "$2" --config "$HERE/soak.conf" --windowed --size 640x360 \
        --feed "$BUILD/feed" --state-dir "$STATE/$1" --clock "2026-12-07 10:00" --script "$OUT/soak.script" \
        > "$OUT/$1.out" 2> "$OUT/$1.log"
    echo $? > "$OUT/$1.rc"
    echo $(($(date +%s) - start)) > "$OUT/$1.time"
}
echo "soak: $CYCLES cycles at 640x360, logs in $OUT/asan.log and $OUT/plain.log"
soak asan "$ABUILD/qingfeng" &
soak plain "$BUILD/qingfeng" &
wait

failed=0
for run in asan plain; do
    rc=$(cat "$OUT/$run.rc")
    echo "soak: $run run: exit $rc, wall time $(cat "$OUT/$run.time") s"
    [ "$rc" = 0 ] || { echo "soak: FAIL: the $run run exited $rc"; failed=1; }
done
sh "$HERE/check.sh" "$OUT/asan.log" "$CYCLES" 10 || failed=1
sh "$HERE/check.sh" --rss "$OUT/plain.log" "$CYCLES" 10 || failed=1
[ $failed -eq 0 ] && echo "soak: passed" || echo "soak: FAILED"
exit $failed
