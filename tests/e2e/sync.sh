#!/bin/sh
# End-to-end tests of remote content: a real nginx on 127.0.0.1 (started
# here with a temporary config, ETag on) serves a feed signed with the
# standard minisign tool; the kiosk runs in real time, headless, and is
# asked for sync rounds with SIGUSR1. Checks: first sync, 304, one item
# changed and swapped in without a restart, tampering and a foreign key
# refused while the content stays, an asset with a wrong hash or size
# refused, a changed picture, a rollback to an older signed feed, the
# status file; then a scripted run shows the swap on screen frame by frame,
# another takes an edit at its next interval round with no signal, and a
# screen with no server at all shows the bundled feed.
# (Every other refusal is tested against the sync worker in tests/net.)
# Usage: tests/e2e/sync.sh BUILD_DIR
set -u
mkdir -p "${1:-build}/e2e-sync"
OUT=$(cd "${1:-build}/e2e-sync" && pwd)
. "$(dirname "$0")/lib.sh"

. "$(dirname "$0")/../nginx.sh"
WWW=$OUT/www
mkdir -p "$WWW" "$OUT/state"
if ! nginx_start "$OUT" "$WWW" 2> "$OUT/nginx-start.log"; then
    not_ok "sync tests need nginx on 127.0.0.1" "$OUT/nginx-start.log"
    exit 1
fi
port=$NGINX_PORT
URL=http://127.0.0.1:$port/feed/feed.json

# Keys and a signed feed: key A is the screen's, key B a stranger's.
minisign -G -W -p "$OUT/a.pub" -s "$OUT/a.key" > /dev/null 2>&1
minisign -G -W -p "$OUT/b.pub" -s "$OUT/b.key" > /dev/null 2>&1
publish() { # publish SRC_DIR [KEY]: build SRC into the web root and sign it
    rm -rf "$WWW/feed"
    "$FEEDTOOL" build "$1" -o "$WWW/feed" > "$OUT/build.log" 2>&1 || return 1
    minisign -S -s "${2:-$OUT/a.key}" -m "$WWW/feed/feed.json" > /dev/null 2>&1
}
cp -r content "$OUT/src"
publish "$OUT/src"
cp -r "$WWW/feed" "$OUT/v1"

# The editor's check of what is published, as a screen sees it.
if "$FEEDTOOL" check "$URL" --pubkey "$OUT/a.pub" > "$OUT/check-url.log" 2>&1 &&
    grep -q '^ok: 62 items' "$OUT/check-url.log" && grep -q '^signature ok' "$OUT/check-url.log"; then
    ok "qingfeng-feed check URL downloads and checks the published feed and its signature"
else
    not_ok "check URL" "$OUT/check-url.log"
fi
if ! "$FEEDTOOL" check "http://127.0.0.1:$port/feed/" --pubkey "$OUT/b.pub" > "$OUT/check-url-b.log" 2>&1 &&
    grep -q "^http://127.0.0.1:$port/feed/feed.json.minisig: signed with key id" "$OUT/check-url-b.log"; then
    ok "qingfeng-feed check URL with another key names the signature URL and the key ids"
else
    not_ok "check URL, wrong key" "$OUT/check-url-b.log"
fi

printf '[attract]\ndwell_ms = 2000\ntransition_ms = 300\n[sync]\ninterval_s = 3600\n' > "$OUT/kiosk.conf"
"$KIOSK" --config "$OUT/kiosk.conf" --windowed --size 640x360 --feed "$URL" --public-key "$OUT/a.pub" \
    --state-dir "$OUT/state" --verbose > /dev/null 2> "$OUT/kiosk.log" &
kiosk=$!

# wait_log N PATTERN: until the kiosk log has N lines matching PATTERN (30 s at most)
wait_log() { wait_lines "$OUT/kiosk.log" "$1" "$2" 300; }
round() { kill -USR1 $kiosk; }
current_is() { cmp -s "$OUT/state/current/feed.json" "$1"; }

if wait_log 1 '^<6>sync: .*new version' && current_is "$WWW/feed/feed.json" && wait_log 1 '^<6>feed: now showing'; then
    ok "first sync downloads the signed feed and the screen switches to it"
else
    not_ok "first sync" "$OUT/kiosk.log"
fi

round
if wait_log 1 '^<6>sync: .*not modified'; then ok "an unchanged feed is a 304"; else not_ok "304 revalidation" "$OUT/kiosk.log"; fi

# One item changed: a maxim's saying.
first=$(ls "$OUT/src/maxims" | head -n 1)
sed -i 's/^\(.\)/\1/' "$OUT/src/maxims/$first"
printf '\n（示例修订）\n' >> "$OUT/src/maxims/$first"
publish "$OUT/src"
cp "$WWW/feed/feed.json" "$OUT/v2.json"
round
if wait_log 2 '^<6>sync: .*new version' && current_is "$OUT/v2.json" && wait_log 2 '^<6>feed: now showing' &&
    kill -0 $kiosk 2> /dev/null; then
    ok "one item changed: the new version is on screen without a restart"
else
    not_ok "one item changed" "$OUT/kiosk.log"
fi
if grep -q '^<6>sync: .*new version .*, 0 assets downloaded' "$OUT/kiosk.log"; then
    ok "a text-only change downloads no pictures again"
else
    not_ok "text-only change re-downloaded assets" "$OUT/kiosk.log"
fi

# Tampered: feed.json edited after signing.
sed -i 's/示例修订/篡改内容/' "$WWW/feed/feed.json"
round
if wait_log 1 '^<4>sync: .*minisig' && current_is "$OUT/v2.json"; then
    ok "a feed changed after signing is refused; the content stays"
    if grep -q '"ok": false' "$OUT/state/status.json" && grep -q '"last_result": ".*minisig' "$OUT/state/status.json"; then
        ok "status.json shows the failed round and why"
    else
        not_ok "status.json after a refusal" "$OUT/state/status.json"
    fi
else
    not_ok "tampered feed refused" "$OUT/kiosk.log"
fi

# Signed with another key.
publish "$OUT/src" "$OUT/b.key"
round
if wait_log 1 '^<4>sync: .*key id' && current_is "$OUT/v2.json"; then
    ok "a feed signed with another key is refused (key rotation needs the new key)"
else
    not_ok "foreign key refused" "$OUT/kiosk.log"
fi

# The editor redraws a picture; the server then serves other bytes for it.
# same_size_edit FILE: changes one hex digit of the first colour, keeping the size
same_size_edit() {
    python3 - "$1" << 'PY'
import re, sys
p = sys.argv[1]
b = open(p, "rb").read()
m = re.search(rb"#[0-9a-fA-F]{6}", b)
d = b[m.start() + 1:m.start() + 2]
b = b[:m.start() + 1] + (b"1" if d != b"1" else b"2") + b[m.start() + 2:]
open(p, "wb").write(b)
PY
}
pic=case-hongbao.svg
same_size_edit "$OUT/src/images/$pic"
publish "$OUT/src"
cp -r "$WWW/feed" "$OUT/v3"
same_size_edit "$WWW/feed/images/$pic"
round
if wait_log 1 "^<4>sync: http://127.0.0.1:$port/feed/images/$pic: .*SHA-256" && current_is "$OUT/v2.json"; then
    ok "an asset whose bytes do not match its SHA-256 pin is refused; the content stays"
else
    not_ok "asset hash mismatch refused" "$OUT/kiosk.log"
fi

head -c 100 "$OUT/v3/images/$pic" > "$WWW/feed/images/$pic"
round
if wait_log 1 "^<4>sync: http://127.0.0.1:$port/feed/images/$pic: .*size" && current_is "$OUT/v2.json"; then
    ok "a truncated asset (wrong size) is refused; the content stays"
else
    not_ok "asset size mismatch refused" "$OUT/kiosk.log"
fi

cp "$OUT/v3/images/$pic" "$WWW/feed/images/$pic"
round
if wait_log 3 '^<6>sync: .*new version' && grep -q '^<6>sync: .*new version .* 1 assets downloaded' "$OUT/kiosk.log" &&
    current_is "$OUT/v3/feed.json" && wait_log 3 '^<6>feed: now showing'; then
    ok "a changed picture: only that asset is downloaded, and the new version is shown"
else
    not_ok "asset changed" "$OUT/kiosk.log"
fi

# The editor rolls back: yesterday's folder, as it was signed, goes up again.
rm -rf "$WWW/feed"
cp -r "$OUT/v1" "$WWW/feed"
round
if wait_log 4 '^<6>sync: .*new version' && current_is "$OUT/v1/feed.json" && wait_log 4 '^<6>feed: now showing'; then
    ok "a feed rolled back to an older signed version is shown again"
    name=$(basename "$(readlink "$OUT/state/current")")
    if grep -q "\"version\": \"$name\"" "$OUT/state/status.json" && grep -q '"ok": true' "$OUT/state/status.json" &&
        grep -q '"last_success": "20' "$OUT/state/status.json"; then
        ok "status.json names the current version and the last success"
    else
        not_ok "status.json after a success" "$OUT/state/status.json"
    fi
else
    not_ok "rollback" "$OUT/kiosk.log"
fi
grep '^<6>sync: .*new version' "$OUT/kiosk.log" | tail -n 1 | sed 's/^<6>/# rollback: /'

# The editor builds and signs the same content again and uploads it: the
# same feed.json bytes (a new date, so a new ETag) and a new signature. The
# store keeps the new signature; the screen has nothing new to show and
# does not start over.
minisign -S -s "$OUT/a.key" -m "$WWW/feed/feed.json" > /dev/null 2>&1
touch -d '+1 minute' "$WWW/feed/feed.json"
round
if wait_log 1 '^<6>sync: .*signed again, same content' && current_is "$OUT/v1/feed.json" &&
    cmp -s "$OUT/state/current/feed.json.minisig" "$WWW/feed/feed.json.minisig" && sleep 3 &&
    [ "$(grep -c '^<6>feed: now showing' "$OUT/kiosk.log")" -eq 4 ]; then
    ok "a feed signed again without changes is kept, and the screen does not start over"
else
    not_ok "signed again" "$OUT/kiosk.log"
fi

kill $kiosk
wait $kiosk
rc=$?
if [ $rc -eq 0 ] && ! grep -q '^<3>' "$OUT/kiosk.log"; then ok "the kiosk stops cleanly on SIGTERM"; else not_ok "clean stop (rc=$rc)" "$OUT/kiosk.log"; fi

# After a restart the ETag of the last round is remembered: the first round
# is a 304, not a download of feed.json.
"$KIOSK" --config "$OUT/kiosk.conf" --windowed --size 640x360 --feed "$URL" --public-key "$OUT/a.pub" \
    --state-dir "$OUT/state" --verbose > /dev/null 2> "$OUT/restart.log" &
kiosk=$!
tries=0
while ! grep -q -E '^<6>sync: http[^ ]*: |^<4>sync: ' "$OUT/restart.log" && [ $tries -lt 300 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
kill $kiosk
wait $kiosk
if grep -q '^<6>sync: .*: not modified' "$OUT/restart.log" && grep -q '"etag": "' "$OUT/state/status.json"; then
    ok "after a restart the first round is a 304 (the ETag is kept in status.json)"
else
    not_ok "ETag across a restart" "$OUT/restart.log"
fi

# The swap as a visitor sees it: a scripted run (virtual clock) starts with
# the rolled-back version, takes a new one from the server and saves every
# frame around the calm moment. Each frame must lie between the last old
# picture and the first new one (a clean cross-fade: no blank, black or
# half-built frame), and some frames must be in between (a fade, not a cut).
sed -i 's/^\(.\)/\1/' "$OUT/src/maxims/$first"
printf '\n（第二次修订）\n' >> "$OUT/src/maxims/$first"
publish "$OUT/src"
hash=$(printf '2468\n' | "$KIOSK" --hash-pin | sed 's/^pin_hash = //')
printf '[attract]\ndwell_ms = 3000\ntransition_ms = 600\n[sync]\ninterval_s = 3600\n[admin]\npin_hash = %s\n' "$hash" \
    > "$OUT/swap.conf"
{
    echo "wait 500"
    echo "sync"
    echo "wait 2000"
    echo "shot pre"
    echo "wait 400"
    i=10
    while [ $i -lt 40 ]; do
        echo "wait 50"
        echo "shot f$i"
        i=$((i + 1))
    done
    echo "wait 300"
    echo "shot post"
    # the admin panel (five taps in the corner, the PIN) shows the sync
    for t in 1 2 3 4 5; do echo "tap 0.004 0.006"; echo "wait 200"; done
    for d in 2 4 6 8; do echo "press pin-digit $d"; done
    echo "press pin-enter"
    echo "shot admin"
    echo "quit"
} > "$OUT/swap.txt"
"$KIOSK" --config "$OUT/swap.conf" --size 960x540 --feed "$URL" --public-key "$OUT/a.pub" --state-dir "$OUT/state" \
    --script "$OUT/swap.txt" --shots "$OUT/swap" > /dev/null 2> "$OUT/swap.log"
rc=$?
if [ $rc -eq 0 ] && grep -q '^<6>feed: now showing' "$OUT/swap.log" && ! grep -q '^<[34]>' "$OUT/swap.log"; then
    worst=0 faded=0 span=0 thin=0
    ink() { "$STATS" "$1" | sed 's/.*ink=\([0-9.]*\).*/\1/'; }
    least_ink=$(echo "$(ink "$OUT/swap/pre.png") $(ink "$OUT/swap/post.png")" | awk '{ print ($1 < $2 ? $1 : $2) / 2 }')
    for f in "$OUT"/swap/f*.png; do
        e=$("$BUILD/tests/png_between" "$OUT/swap/pre.png" "$f" "$OUT/swap/post.png")
        off=$(echo "$e" | sed 's/.*off=\([0-9]*\).*/\1/')
        span=$(echo "$e" | sed 's/.*span=\([0-9.]*\).*/\1/')
        from=$("$BUILD/tests/png_between" "$OUT/swap/pre.png" "$OUT/swap/pre.png" "$f" | sed 's/.*span=\([0-9.]*\).*/\1/')
        [ "$off" -gt "$worst" ] && worst=$off && echo "# $(basename "$f"): $e"
        thin=$(echo "$thin $(ink "$f") $least_ink" | awk '{ print ($2 < $3) ? $1 + 1 : $1 }')
        faded=$(echo "$faded $from $span" | awk '{ print ($2 > 0.2 * $3 && $2 < 0.8 * $3) ? $1 + 1 : $1 }')
    done
    echo "# swap: at most $worst pixels off a clean blend in a frame; $faded frames in mid-fade; the two ends differ by $span/255 on average"
    # 500 pixels: 0.1 % of the screen, far below any visible glitch.
    # thin: frames with less than half the ink of either end (a bare background).
    if [ "$worst" -lt 500 ] && [ "$faded" -ge 3 ] && [ "$thin" -eq 0 ]; then
        ok "a new version comes in at a calm moment as a clean cross-fade (no blank or broken frame)"
    else
        not_ok "swap frames (up to $worst pixels off a blend, $faded mid-fade frames, $thin bare frames; see $OUT/swap)"
    fi
else
    not_ok "scripted swap (rc=$rc)" "$OUT/swap.log"
fi
# Within one sync interval, with no signal: a screen syncing every 30 s
# (the shortest interval) takes an edit published after its first round at
# its next round. The script's sync command waits for it; the log must show
# exactly one unchanged round before the new version.
printf '[attract]\ndwell_ms = 3000\ntransition_ms = 600\n[sync]\ninterval_s = 30\n' > "$OUT/interval.conf"
printf 'sync\nwait 4000\nshot interval\nquit\n' > "$OUT/interval.txt"
"$KIOSK" --config "$OUT/interval.conf" --size 960x540 --feed "$URL" --public-key "$OUT/a.pub" \
    --state-dir "$OUT/state" --script "$OUT/interval.txt" --shots "$OUT/interval" > /dev/null 2> "$OUT/interval.log" &
pid=$!
tries=0
while ! grep -q -E '^<6>sync: .*(unchanged|not modified)' "$OUT/interval.log" && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
printf '\n（定时同步修订）\n' >> "$OUT/src/maxims/$first"
publish "$OUT/src"
wait $pid
rc=$?
rounds=$(grep -c -E '^<6>sync: http[^ ]*: (unchanged|not modified|new version)|^<4>sync: .*keeping the content' "$OUT/interval.log")
if [ $rc -eq 0 ] && [ "$rounds" -eq 2 ] && grep -q '^<6>sync: .*new version' "$OUT/interval.log" &&
    grep -q '^<6>feed: now showing' "$OUT/interval.log" && current_is "$WWW/feed/feed.json"; then
    ok "an edit published after a round is on screen at the next round, one interval later, with no signal"
else
    not_ok "sync within one interval (rc=$rc, $rounds rounds)" "$OUT/interval.log"
fi

nginx_stop

# A screen that never reaches its server: a fresh state folder, a port that
# refuses. It shows the bundled feed at once and keeps going.
printf 'wait 3000\nshot offline\nwait 9000\nshot offline-later\nquit\n' > "$OUT/offline.txt"
"$KIOSK" --config "$OUT/swap.conf" --size 960x540 --feed "$URL" --public-key "$OUT/a.pub" --state-dir "$OUT/state-new" \
    --script "$OUT/offline.txt" --shots "$OUT/offline" > /dev/null 2> "$OUT/offline.log"
rc=$?
ink_offline=$("$STATS" "$OUT/offline/offline.png" | sed 's/.*ink=//')
if [ $rc -eq 0 ] && grep -q "^<6>feed: .*/feed: 62 items" "$OUT/offline.log" &&
    grep -q "^<4>sync: $URL: connection refused" "$OUT/offline.log" &&
    [ "$(echo "$ink_offline" | awk '{ print ($1 > 1) }')" = 1 ] &&
    [ "$(grep -c '^<6>scene: attract' "$OUT/offline.log")" -ge 3 ]; then
    ok "with no server ever, the bundled feed is shown at once and the loop goes on"
else
    not_ok "offline start (rc=$rc, ink $ink_offline)" "$OUT/offline.log"
fi

echo "e2e sync: $passed passed, $failed failed"
[ $failed -eq 0 ]
