#!/bin/sh
# The soak in short under valgrind memcheck (part of `make check`): 2 cycles
# of 2 visits — 40 slides drawn, 4 detail openings, 4 quiz rounds and 2
# content swaps in one process; any invalid access or leak fails, and so
# does a count not reached. About a minute on two cores.
# Usage: tests/soak/short.sh BUILD_DIR
set -u
BUILD=${1:-build}
HERE=$(dirname "$0")
OUT=$BUILD/soak-short
rm -rf "$OUT"
mkdir -p "$OUT"
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy

# The second feed: the bundled content less a maxim and a case.
cp -r content "$OUT/content-b"
rm "$OUT/content-b/maxims/ai-lian.md" "$OUT/content-b/cases/dian-zi-hong-bao.md"
"$BUILD/qingfeng-feed" build "$OUT/content-b" -o "$OUT/feed-b" > "$OUT/feed-b.log" 2>&1 ||
    { echo "not ok - soak-short: cannot build the second feed"; cat "$OUT/feed-b.log"; exit 1; }
sh "$HERE/script.sh" 2 "$BUILD/feed" "$OUT/feed-b" 2 > "$OUT/soak.script"

valgrind -q --num-callers=40 --leak-check=full --show-leak-kinds=definite,indirect \
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
    "$BUILD/qingfeng" --config "$HERE/soak.conf" --windowed --size 640x360 --feed "$BUILD/feed" \
    --state-dir "$OUT/state" --clock "2026-12-07 10:00" --script "$OUT/soak.script" > "$OUT/soak.out" 2> "$OUT/soak.log"
rc=$?
if [ $rc -eq 0 ] && sh "$HERE/check.sh" "$OUT/soak.log" 2 2 > "$OUT/check.txt"; then
    echo "ok - soak-short under memcheck: $(sed -n 's/^soak: [^:]*: //p' "$OUT/check.txt")"
else
    echo "not ok - soak-short under memcheck (exit $rc)"
    cat "$OUT/check.txt"
    grep '^==' "$OUT/soak.log" | head -n 30
    exit 1
fi
