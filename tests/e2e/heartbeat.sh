#!/bin/sh
# End-to-end test of the heartbeat: the real kiosk, headless, PUTs its
# status document and a small picture of its screen to a real nginx
# (WebDAV) on 127.0.0.1, and qingfeng-feed screens reads them back and
# calls the screen alive.
# Usage: tests/e2e/heartbeat.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-heartbeat
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../nginx.sh"
OUT=$(cd "$OUT" && pwd)

reports=$OUT/www
mkdir -p "$reports"
if nginx_start "$OUT/nginx" "$reports" "" "location / { dav_methods PUT; create_full_put_path on; dav_access user:rw group:r all:r; }"; then
    printf '[report]\nurl = http://127.0.0.1:%s/reports\nscreen_id = lobby-2\nheartbeat_minutes = 60\nheartbeat_screenshot = true\n' \
        "$NGINX_PORT" > "$OUT/heartbeat.conf"
    first=$(feed_ids "$FEED" | head -n 1)
    run beat 1920x1080 "show $first
shot screen
heartbeat
quit" --config "$OUT/heartbeat.conf" --state-dir "$OUT/state"
    nginx_stop
    status=$reports/reports/screens/lobby-2/status.json
    png=$reports/reports/screens/lobby-2/screen.png
    if [ $rc -eq 0 ] && python3 - "$status" "$first" > "$OUT/status-check.out" 2>&1 << 'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == 1 and d["screen_id"] == "lobby-2", d
assert d["heartbeat_s"] == 3600 and d["beat"] >= 1
assert d["display"]["width"] == 1920 and d["display"]["orientation"] == "landscape"
assert d["display"]["on_screen"] == "attract item=" + sys.argv[2], d["display"]
assert d["content"]["items"] > 0 and len(d["content"]["sha256"]) == 12
assert d["screenshot"] == "screen.png"
assert d["memory"]["rss_bytes"] > 0 and d["disk_free_bytes"] > 0
PY
    then
        ok "the kiosk PUTs its status document with what it shows"
    else
        not_ok "status document (rc=$rc)" "$OUT/beat.log"
        cat "$OUT/status-check.out" 2> /dev/null
    fi
    # The picture is the screen, small: 480 px wide, and not blank.
    stats=$("$STATS" "$png" 2> /dev/null)
    distinct=$(echo "$stats" | sed 's/.*distinct=\([0-9]*\).*/\1/')
    if echo "$stats" | grep -q "^480x270 " && [ "${distinct:-0}" -ge 100 ]; then
        ok "the screenshot arrives beside it, 480x270"
    else
        not_ok "screenshot ($png: ${stats:-missing})"
    fi
    "$FEEDTOOL" screens "$reports/reports" > "$OUT/screens.out" 2> "$OUT/screens.err"
    src=$?
    if [ $src -eq 0 ] && grep -qE '^lobby-2 +[0-9]+ s ago +alive ' "$OUT/screens.out"; then
        ok "qingfeng-feed screens shows the screen alive"
    else
        not_ok "qingfeng-feed screens (rc=$src)" "$OUT/screens.out"
        cat "$OUT/screens.err"
    fi
    # A screen with its own report_url (one folder deeper) that last beat
    # a day ago: found, called silent, and the exit status says so.
    nested=$OUT/nested/reports/hall-9/screens/hall-9
    mkdir -p "$nested"
    python3 -c 'import json, sys, time
d = json.load(open(sys.argv[1])); d["screen_id"] = "hall-9"; d["sent_at"] = int(time.time()) - 86400
json.dump(d, open(sys.argv[2], "w"))' "$status" "$nested/status.json"
    cp "$status" "$OUT/nested/reports/"
    mkdir -p "$OUT/nested/reports/screens/lobby-2" && cp "$status" "$OUT/nested/reports/screens/lobby-2/"
    "$FEEDTOOL" screens "$OUT/nested" --csv "$OUT/screens.csv" > "$OUT/nested.out" 2> "$OUT/nested.err"
    nrc=$?
    if [ $nrc -eq 1 ] && grep -qE '^hall-9 +1 d 0 h ago +silent ' "$OUT/nested.out" &&
        grep -qE '^lobby-2 .* alive ' "$OUT/nested.out" && grep -q '^hall-9,silent,' "$OUT/screens.csv" &&
        grep -q '1 alive, 0 late, 1 silent' "$OUT/nested.err"; then
        ok "a silent screen one folder deeper is found and makes the exit status 1"
    else
        not_ok "silent screen (rc=$nrc)" "$OUT/nested.out"
        cat "$OUT/nested.err"
    fi
else
    not_ok "nginx for the heartbeat test does not start"
fi

echo "e2e heartbeat: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
