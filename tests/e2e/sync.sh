#!/bin/sh
# End-to-end tests of remote content: a real nginx on 127.0.0.1 (started
# here with a temporary config, ETag on) serves a feed signed with the
# standard minisign tool; the kiosk runs in real time, headless, and is
# asked for sync rounds with SIGUSR1. Checks: first sync, 304, one item
# changed and swapped in without a restart, tampering and a foreign key
# refused while the content stays, a wrong asset hash and a decompression
# bomb refused.
# Usage: tests/e2e/sync.sh BUILD_DIR
set -u
mkdir -p "${1:-build}/e2e-sync"
OUT=$(cd "${1:-build}/e2e-sync" && pwd)
. "$(dirname "$0")/lib.sh"

if ! command -v nginx > /dev/null && [ ! -x /usr/sbin/nginx ]; then
    not_ok "sync tests need nginx (make deps installs it)"
    exit 1
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
WWW=$OUT/www
mkdir -p "$WWW" "$OUT/nginx-tmp" "$OUT/state"
port=$((20000 + $$ % 20000))
cat > "$OUT/nginx.conf" << END
worker_processes 1;
daemon off;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log;
events { worker_connections 64; }
http {
    access_log $OUT/nginx-access.log;
    client_body_temp_path $OUT/nginx-tmp/body;
    proxy_temp_path $OUT/nginx-tmp/proxy;
    fastcgi_temp_path $OUT/nginx-tmp/fastcgi;
    uwsgi_temp_path $OUT/nginx-tmp/uwsgi;
    scgi_temp_path $OUT/nginx-tmp/scgi;
    types { application/json json; image/svg+xml svg; image/png png; }
    server {
        listen 127.0.0.1:$port;
        root $WWW;
        etag on;
    }
}
END
"$NGINX" -c "$OUT/nginx.conf" -p "$OUT" > "$OUT/nginx.out" 2>&1 &
nginx=$!
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

printf '[attract]\ndwell_ms = 2000\ntransition_ms = 300\n[sync]\ninterval_s = 3600\n' > "$OUT/kiosk.conf"
"$KIOSK" --config "$OUT/kiosk.conf" --windowed --size 640x360 --feed "$URL" --public-key "$OUT/a.pub" \
    --state-dir "$OUT/state" --verbose > /dev/null 2> "$OUT/kiosk.log" &
kiosk=$!

# wait_log N PATTERN: until the kiosk log has N lines matching PATTERN (30 s at most)
wait_log() {
    tries=0
    while [ "$(grep -c "$2" "$OUT/kiosk.log")" -lt "$1" ] && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
    [ "$(grep -c "$2" "$OUT/kiosk.log")" -ge "$1" ]
}
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
downloads=$(grep -c 'GET /feed/images/' "$OUT/nginx-access.log")

# Tampered: feed.json edited after signing.
sed -i 's/示例修订/篡改内容/' "$WWW/feed/feed.json"
round
if wait_log 1 '^<4>sync: .*minisig' && current_is "$OUT/v2.json"; then
    ok "a feed changed after signing is refused; the content stays"
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

# An asset whose bytes differ from its pin.
publish "$OUT/src"
img=$(ls "$WWW/feed/images" | head -n 1)
printf '<!-- changed -->' >> "$WWW/feed/images/$img"
rm -rf "$OUT/state/objects"/* 2> /dev/null # make the screen fetch assets again
round
if wait_log 1 '^<4>sync: .*\(SHA-256\|size\)' && current_is "$OUT/v2.json"; then
    ok "an asset that does not match its pin is refused"
else
    not_ok "asset hash mismatch refused" "$OUT/kiosk.log"
fi

kill $kiosk
wait $kiosk
rc=$?
kill $nginx 2> /dev/null
wait $nginx 2> /dev/null
if [ $rc -eq 0 ] && ! grep -q '^<3>' "$OUT/kiosk.log"; then ok "the kiosk stops cleanly on SIGTERM"; else not_ok "clean stop (rc=$rc)" "$OUT/kiosk.log"; fi
echo "sync: assets downloaded for the one-item change after the first sync: $downloads requests in all"

echo "e2e sync: $passed passed, $failed failed"
[ $failed -eq 0 ]
