#!/bin/sh
# End-to-end test of proof of play and usage: the kiosk on the virtual
# clock shows slides, a visitor opens 警示教育 and reads a case, starts a
# 知识挑战赛 round and leaves it, a second visitor only touches the screen;
# the hourly documents are PUT to a real nginx (WebDAV), and qingfeng-feed
# report turns them into the per-item and daily CSV tables with the
# expected counts.
# Usage: tests/e2e/usage.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-usage
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../nginx.sh"
OUT=$(cd "$OUT" && pwd)

reports=$OUT/reports
mkdir -p "$reports"
if ! nginx_start "$OUT/nginx" "$reports" "" "location / { dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r; }"; then
    not_ok "nginx for the usage test does not start"
    echo "e2e usage: $passed passed, $failed failed"
    exit 1
fi
state=$OUT/state
printf '[attract]\ndwell_ms = 8000\ntransition_ms = 900\ntransition = mixed\n[navigation]\nidle_timeout_s = 60\n[report]\nurl = http://127.0.0.1:%s/reports\nscreen_id = lobby-1\n' \
    "$NGINX_PORT" > "$OUT/usage.conf"
# 09:58:00: two slides in full (8 s each), the third for 2.2 s, then the
# first visit; its case is read for exactly 60 s, then paged through to its
# 学后测 (three questions: single, judgement, multiple choice), answered.
run usage 1920x1080 "wait 20000
tap 0.5 0.5
press module 1
press item 0
wait 60000
press step 1
press step 1
press step 1
press step 1
press step 1
press option 0
press next-question
press option 0
press next-question
press option 0
press confirm
press next-question
press home
press quiz
press quiz-start
press option 0
press home
wait 70000
tap 0.5 0.5
wait 70000
wait 9000
uploads
quit" --config "$OUT/usage.conf" --state-dir "$state" --clock "2025-06-02 09:58"
log=$OUT/usage.log

if [ $rc -eq 0 ] && clean "$log"; then ok "the scripted run with uploads exits 0 with no warning"; else not_ok "scripted run (rc=$rc)" "$log"; fi

# The two hours the run touched, one file each, under the screen's folder.
hours=$(cd "$reports/reports/stats/lobby-1" 2> /dev/null && ls)
if [ "$hours" = "2025-06-02T09.json
2025-06-02T10.json" ]; then
    ok "one document per hour arrives at report_url/stats/lobby-1/"
else
    not_ok "hourly documents on the server: $(echo $hours)" "$log"
fi

"$FEEDTOOL" report "$reports/reports" --stats-csv "$OUT/items.csv" --usage-csv "$OUT/daily.csv" --feed "$FEED" \
    > "$OUT/report.out" 2>&1
rrc=$?
row() { tr -d '\r' < "$1" | grep "^2025-06-02,lobby-1,$2,"; }
daily=$(row "$OUT/daily.csv" '[0-9]*')
# 访问人次 2, 学习人次 1 (the second visitor opened nothing), 参与人次 2 (the
# round left unfinished and the 学后测), 0 finished, 1 abandoned, 1 学后测,
# 21 taps, 60 s read.
if [ $rrc -eq 0 ] && [ "$daily" = "2025-06-02,lobby-1,2,1,2,0,1,1,21,60.0" ]; then
    ok "the daily table: 访问人次 2, 学习人次 1, 参与人次 2, 21 taps, 60 s of reading"
else
    not_ok "daily table (report rc=$rrc): $daily" "$OUT/report.out"
fi
case_id=$(feed_ids "$FEED" | grep '^case-' | head -n 1)
case_row=$(row "$OUT/items.csv" "$case_id")
case_title=$(grep -A3 "\"id\": *\"$case_id\"" "$FEED/feed.json" | sed -n 's/.*"title": *"\([^"]*\)".*/\1/p' | head -n 1)
first=$(sed -n 's/^<6>scene: attract item=//p' "$log" | head -n 1)
first_row=$(row "$OUT/items.csv" "$first")
if echo "$case_row" | grep -q ",1,60.0,1\$" && echo "$case_row" | grep -qF "$case_title" &&
    [ "$(row "$OUT/items.csv" '@case' | cut -d, -f4-)" = "模块：警示教育,0,0.0,1,0.0,0" ] &&
    [ "$(row "$OUT/items.csv" '@quiz' | cut -d, -f7)" = 1 ]; then
    ok "the item table: the case opened once, read 60 s, its 学后测 done, with its title; 警示教育 and 知识挑战赛 opened once"
else
    not_ok "item table: case=[$case_row] title=[$case_title]" "$OUT/items.csv"
fi
# Slides: the first two in full (8 s); the third for 2.2 s before the
# first visit, again after the second visit for a full dwell (8 s), but
# not when the second visitor touched it the moment it was back (under
# 1 s). The slide on screen at the upload counts when it ends, later.
third=$(sed -n 's/^<6>scene: attract item=//p' "$log" | sed -n 3p)
shows=$(tr -d '\r' < "$OUT/items.csv" | awk -F, 'NR > 1 { s += $5 } END { print s }')
if [ "$(echo "$first_row" | cut -d, -f5-6)" = "1,8.0" ] && [ "$(echo "$case_row" | cut -d, -f5-6)" = "1,8.0" ] &&
    [ "$(row "$OUT/items.csv" "$third" | cut -d, -f5-6)" = "2,10.2" ] && [ "$shows" = 4 ]; then
    ok "the attract loop: 4 slides counted with their time on screen"
else
    not_ok "shows ($shows); first=[$first_row] third=[$(row "$OUT/items.csv" "$third")]" "$OUT/items.csv"
fi

# A black screen shows nothing: a slide on screen when the sleep hours
# begin stops counting then, not when the screen wakes 30 minutes later.
# The run starts at 09:59; the first slide stays 60 s, until 10:00.
printf '[attract]\ndwell_ms = 60000\n[sleep]\nhours = 10:00-10:30\nwake_minutes = 0\n[report]\nurl = http://127.0.0.1:%s/reports\nscreen_id = lobby-2\n' \
    "$NGINX_PORT" > "$OUT/sleep.conf"
run usage-sleep 1280x720 "wait 70000
wait 1800000
wait 5000
uploads
quit" --config "$OUT/sleep.conf" --state-dir "$OUT/state-sleep" --clock "2025-06-03 09:59"
"$FEEDTOOL" report "$reports/reports" --stats-csv "$OUT/items-sleep.csv" > "$OUT/report-sleep.out" 2>&1
shown=$(tr -d '\r' < "$OUT/items-sleep.csv" | grep '^2025-06-03,lobby-2,' | awk -F, '{ s += $6 } END { printf "%.1f", s }')
if [ $rc -eq 0 ] && [ "$shown" = "60.0" ]; then
    ok "asleep from 10:00: the slide on screen since 09:59 counts 60 s, not the half hour of black"
else
    not_ok "time shown around the sleep hours: [$shown] s (rc=$rc)" "$OUT/items-sleep.csv"
fi
nginx_stop

echo "e2e usage: $passed passed, $failed failed"
[ $failed -eq 0 ]
