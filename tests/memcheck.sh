#!/bin/sh
# Runs the unit tests, the network tests, the feed tool and a short scripted
# kiosk session under valgrind memcheck: any invalid access or leak fails.
# Usage: tests/memcheck.sh BUILD_DIR
set -u
BUILD=${1:-build}
OUT=$BUILD/memcheck
rm -rf "$OUT"
mkdir -p "$OUT/shots"
VG="valgrind -q --num-callers=40 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
passed=0
failed=0
check() {
    name=$1
    shift
    if $VG "$@" > "$OUT/$name.log" 2>&1; then
        passed=$((passed + 1)); echo "ok - memcheck $name"
    else
        failed=$((failed + 1)); echo "not ok - memcheck $name"; grep '^==' "$OUT/$name.log" | head -n 30
    fi
}

for t in "$BUILD"/tests/test_*; do
    case $t in *.d) continue ;; esac
    check "$(basename "$t")" "$t"
done
check feed-build "$BUILD/qingfeng-feed" build content -o "$OUT/feed"
check feed-check "$BUILD/qingfeng-feed" check "$OUT/feed"
last_id=$(grep -o '"id": *"[^"]*"' "$OUT/feed/feed.json" | tail -n 1 | sed 's/.*"\([^"]*\)"$/\1/')
hash=$(printf '2468\n' | "$BUILD/qingfeng" --hash-pin | sed 's/^pin_hash = //')
printf '[admin]\npin_hash = %s\n' "$hash" > "$OUT/kiosk.conf"
cat > "$OUT/tour.script" << END
wait 100
shot a
wait 8900
swipe right
wait 1000
shot b
show $last_id
shot c
tap 0.5 0.5
press module 1
press item 0
drag 0.6 0.7 0.6 0.3 300
wait 1500
press step 1
press large
shot d
press home
press module 2
press item 0
swipe left
press back
swipe left
press home
press quiz
shot e
press quiz-start
press option 0
wait 21000
press next-question
press option 1
wait 21000
press back
press quiz-board
wait 100
shot e2
press quiz-board 3
press back
tap 0.004 0.006
tap 0.004 0.006
tap 0.004 0.006
tap 0.004 0.006
tap 0.004 0.006
press pin-digit 2
press pin-digit 4
press pin-digit 6
press pin-digit 8
press pin-enter
shot f
press close
wait 101000
shot g
quit
END
SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy check kiosk "$BUILD/qingfeng" --windowed --size 1280x720 \
    --config "$OUT/kiosk.conf" --feed "$OUT/feed" --state-dir "$OUT/state" --clock "2025-06-02 09:30" \
    --script "$OUT/tour.script" \
    --shots "$OUT/shots"
# The preview tool (the kiosk runs it starts are not traced); exit 1 means
# content warnings, which are not memcheck's business.
$VG "$BUILD/qingfeng-feed" preview "$OUT/feed" --shots "$OUT/preview" --sizes 1280x720 > "$OUT/feed-preview.log" 2>&1
rc=$?
if [ $rc -le 1 ]; then
    passed=$((passed + 1)); echo "ok - memcheck feed-preview"
else
    failed=$((failed + 1)); echo "not ok - memcheck feed-preview (rc=$rc)"; grep '^==' "$OUT/feed-preview.log" | head -n 30
fi

# The network tests, against their servers (tests/net/run.sh starts them).
if NET_TEST_WRAP="$VG" sh "$(dirname "$0")/net/run.sh" "$BUILD" > "$OUT/net-test.log" 2>&1; then
    passed=$((passed + 1)); echo "ok - memcheck net-test"
else
    failed=$((failed + 1)); echo "not ok - memcheck net-test"; grep -E '^==|FAILED|ERROR' "$OUT/net-test.log" | head -n 30
fi

echo "memcheck: $passed passed, $failed failed"
[ $failed -eq 0 ]
