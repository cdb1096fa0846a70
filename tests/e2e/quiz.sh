#!/bin/sh
# End-to-end tests of 知识挑战赛: a full round played by touch in both
# orientations (question, countdown, feedback with 解析 and 出处, result,
# leaderboards, department), a round abandoned by the idle timeout, the
# admin panel's CSV export, and results uploaded to a real nginx (WebDAV
# PUT) and turned into the organiser's CSV by qingfeng-feed report.
# Usage: tests/e2e/quiz.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-quiz
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../nginx.sh"
OUT=$(cd "$OUT" && pwd)

db() { sqlite3 "$1/results.db" "$2"; }

QCONF=$OUT/quiz.conf
printf '[quiz]\ndepartments = 办公室,组织部,宣传部,纪检监察室,机关党委,财务处,人事处\nauto_next_s = 0\n' > "$QCONF"

# One question: tap the first option shown. A single choice or judgement is
# answered at once; a multiple choice stays ticked and times out after 20 s,
# so every kind of question and the time-out are played.
question() {
    printf 'press option 0\nshot %s-a\nwait 21000\nshot %s-b\npress next-question\n' "$1" "$1"
}

round_script() {
    printf 'tap 0.5 0.5\npress quiz\nshot intro\npress quiz-depts\nshot departments\npress quiz-dept 1\n'
    printf 'shot intro-department\npress quiz-start\nshot question\nwait 5000\nshot question-ring\n'
    for i in 1 2 3 4 5 6 7 8 9 10; do question "q$i"; done
    printf 'shot result\npress quiz-board\nshot board-today\npress quiz-board 3\nshot board-departments\n'
    printf 'press quiz-start\nshot again\nquit\n'
}

# --- a full round by touch, landscape and portrait
for size in 1920x1080 1080x1920; do
    name=round-$size
    state=$OUT/state-$size
    rm -rf "$state"
    run "$name" "$size" "$(round_script)" --config "$QCONF" --state-dir "$state"
    log=$OUT/$name.log
    if [ $rc -ne 0 ]; then not_ok "$size: the round script exits 0 (rc=$rc)" "$log"; continue; fi
    saved=$(grep -c '^<6>quiz: result [0-9a-f]* saved: finished, score' "$log")
    id=$(sed -n 's/^<6>quiz: result \([0-9a-f]*\) saved: finished.*/\1/p' "$log")
    score=$(sed -n 's/^<6>quiz: result [0-9a-f]* saved: finished, score \([0-9]*\),.*/\1/p' "$log")
    if [ "$saved" -eq 1 ] && clean "$log" &&
        [ "$(db "$state" "select score, department, abandoned, total from rounds where id = '$id'")" = "$score|组织部|0|10" ] &&
        [ "$(db "$state" "select count(*) from answers where round_id = '$id'")" = 10 ]; then
        ok "$size: a full round is saved once with its department, score and 10 answers"
    else
        not_ok "$size: a full round is saved once (saved=$saved id=$id score=$score)" "$log"
    fi
    # Quitting in the middle of the second round records it as abandoned.
    if [ "$(db "$state" "select count(*) from rounds where abandoned = 1 and score = 0")" = 1 ] &&
        grep -q '^<6>quiz: result [0-9a-f]* saved: abandoned' "$log"; then
        ok "$size: a round left unfinished is recorded as abandoned"
    else
        not_ok "$size: a round left unfinished is recorded as abandoned" "$log"
    fi
    if nonblank "$OUT/$name" "$size"; then ok "$size: every quiz screenshot is non-blank"; else not_ok "$size: every quiz screenshot is non-blank"; fi
    # The ring turns: the same question five seconds later is another picture.
    if ! cmp -s "$OUT/$name/question.png" "$OUT/$name/question-ring.png"; then
        ok "$size: the countdown ring moves"
    else
        not_ok "$size: the countdown ring moves"
    fi
    timeouts=$(grep -c '^<6>quiz: question [0-9]* timed out' "$log")
    if [ "$timeouts" -ge 1 ]; then ok "$size: a multiple choice left unconfirmed times out ($timeouts)"; else not_ok "$size: no time-out was played" "$log"; fi
done

# --- walking away in the middle of a round: the idle timeout ends the visit
state=$OUT/state-idle
rm -rf "$state"
printf '[quiz]\nauto_next_s = 0\n[navigation]\nidle_timeout_s = 30\n' > "$OUT/idle.conf"
run idle 1920x1080 "tap 0.5 0.5
press quiz
press quiz-start
press option 0
wait 120000
shot attract
quit" --config "$OUT/idle.conf" --state-dir "$state"
if [ $rc -eq 0 ] && grep -q '^<6>visit: idle' "$OUT/idle.log" &&
    [ "$(db "$state" "select abandoned, score from rounds")" = "1|0" ] &&
    [ "$(db "$state" "select count(*) from answers")" -ge 1 ]; then
    ok "a round abandoned by the idle timeout is recorded as abandoned, not scored"
else
    not_ok "idle timeout in a round (rc=$rc)" "$OUT/idle.log"
fi

# --- the admin panel exports this screen's results as CSV
hash=$(printf '2468\n' | "$KIOSK" --hash-pin | sed 's/^pin_hash = //')
state=$OUT/state-1920x1080
export_dir=$OUT/usb
rm -rf "$export_dir"
mkdir -p "$export_dir"
printf '[admin]\npin_hash = %s\n[quiz]\nexport_dir = %s\n' "$hash" "$export_dir" > "$OUT/admin.conf"
run export 1920x1080 "tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006
wait 200
tap 0.004 0.006
press pin-digit 2
press pin-digit 4
press pin-digit 6
press pin-digit 8
press pin-enter
press admin-export
shot exported
quit" --config "$OUT/admin.conf" --state-dir "$state"
csv=$(ls "$export_dir"/qingfeng-results-*.csv 2> /dev/null | head -n 1)
if [ $rc -eq 0 ] && [ -n "$csv" ] && [ "$(wc -l < "$csv")" -eq 3 ] && grep -q '组织部' "$csv" &&
    grep -q '^<6>quiz: exported 2 results to ' "$OUT/export.log"; then
    ok "admin: 导出成绩 writes this screen's rounds as CSV to export_dir"
else
    not_ok "admin export (rc=$rc csv=$csv)" "$OUT/export.log"
fi

# --- results reach the organiser: PUT to nginx (WebDAV), then the report tool
reports=$OUT/reports
rm -rf "$reports"
mkdir -p "$reports"
if nginx_start "$OUT/nginx" "$reports" "" "location / { dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r; }"; then
    state=$OUT/state-upload
    rm -rf "$state"
    printf '[quiz]\nauto_next_s = 0\ndepartments = 办公室,组织部\n[report]\nurl = http://127.0.0.1:%s/reports\nscreen_id = lobby-1\n' \
        "$NGINX_PORT" > "$OUT/upload.conf"
    text="tap 0.5 0.5
press quiz
press quiz-depts
press quiz-dept 0
press quiz-start"
    for i in 1 2 3 4 5 6 7 8 9 10; do text="$text
$(question "u$i")"; done
    run upload 1920x1080 "$text
press quiz-again
press option 0
press home
uploads
quit" --config "$OUT/upload.conf" --state-dir "$state"
    nginx_stop
    files=$(ls "$reports"/reports/results/*.json 2> /dev/null | wc -l)
    "$FEEDTOOL" report "$reports/reports" -o "$OUT/report.csv" --leaderboard "$OUT/leaderboard.json" \
        > "$OUT/report.out" 2>&1
    rrc=$?
    # No result left in the outbox (the usage statistics counted at quit,
    # the visit in progress, wait there for the next start).
    if [ $rc -eq 0 ] && [ "$files" -eq 2 ] && [ "$(db "$state" "select count(*) from outbox where id not like 'stats/%'")" = 0 ] &&
        [ $rrc -eq 0 ] && grep -q '办公室' "$OUT/report.csv"; then
        ok "results are PUT to report_url once each and qingfeng-feed report turns them into CSV"
    else
        not_ok "upload and report (rc=$rc files=$files report rc=$rrc)" "$OUT/upload.log"
        cat "$OUT/report.out"
    fi
    # The organiser publishes the organisation leaderboard with the content;
    # every screen shows it under 全单位.
    rm -rf "$OUT/content-org" "$OUT/feed-org"
    cp -r content "$OUT/content-org"
    cp "$OUT/leaderboard.json" "$OUT/content-org/quiz/leaderboard.json"
    if "$FEEDTOOL" build "$OUT/content-org" -o "$OUT/feed-org" > "$OUT/build-org.out" 2>&1; then
        run org-board 1920x1080 "tap 0.5 0.5
press quiz
press quiz-board 0
press quiz-board 4
shot org-board
quit" --feed "$OUT/feed-org" --config "$QCONF" --state-dir "$OUT/state-org"
        if [ $rc -eq 0 ] && clean "$OUT/org-board.log" && nonblank "$OUT/org-board" 1920x1080 &&
            grep -q '"leaderboard": "quiz/leaderboard.json"' "$OUT/feed-org/feed.json"; then
            ok "the organisation leaderboard travels in the feed and shows under 全单位"
        else
            not_ok "organisation leaderboard on screen (rc=$rc)" "$OUT/org-board.log"
        fi
    else
        not_ok "feed build with the organisation leaderboard" "$OUT/build-org.out"
    fi
else
    not_ok "nginx for the upload test does not start"
fi

echo "e2e quiz: $passed passed, $failed failed"
[ $failed -eq 0 ]
