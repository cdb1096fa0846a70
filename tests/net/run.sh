#!/bin/sh
# Integration tests of the network layer: starts the fault server
# (tests/net/fault_server.py) and an nginx with a temporary config, both on
# 127.0.0.1, and a second nginx taking WebDAV PUTs under /reports/ (the
# outbox's and the heartbeat's report_url), runs BUILD/tests/net/test_fetch,
# test_sync, test_heartbeat and test_outbox against them, and stops them.
# test_heartbeat and test_outbox stop the WebDAV nginx and start it again
# themselves (same config, same port). The sync tests' signed feeds are built
# first, with BUILD/qingfeng-feed and minisign (tests/net/sync_feeds.py).
# Usage: tests/net/run.sh BUILD_DIR
# NET_TEST_WRAP runs the test under a wrapper, e.g.
#   NET_TEST_WRAP="valgrind -q --leak-check=full --error-exitcode=99" tests/net/run.sh build
set -u
BUILD=${1:-build}
OUT=$BUILD/net-test
HERE=$(dirname "$0")
. "$HERE/../nginx.sh"
rm -rf "$OUT"
mkdir -p "$OUT/www" "$OUT/tmp" "$OUT/nginx-tmp"
OUT=$(cd "$OUT" && pwd)

fault=""
dav=""
stop() {
    [ -n "$fault" ] && kill "$fault" 2> /dev/null
    [ -n "$dav" ] && kill "$dav" 2> /dev/null
    # the WebDAV nginx as test_outbox started it again, should it have died first
    [ -s "$OUT/dav/nginx.pid" ] && kill "$(cat "$OUT/dav/nginx.pid")" 2> /dev/null
    nginx_stop
    wait 2> /dev/null
}
trap stop EXIT
trap 'exit 130' INT TERM
die() {
    echo "net-test: $*" >&2
    exit 1
}

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in python3 openssl minisign "$NGINX"; do
    command -v "$tool" > /dev/null || die "$tool is missing (make deps installs it)"
done

# Two self-signed certificates: one for 127.0.0.1, one for another name.
cert() { # cert NAME SUBJECT_ALT_NAME
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=qingfeng test" \
        -addext "subjectAltName=$2" -keyout "$OUT/$1.key" -out "$OUT/$1.pem" > "$OUT/openssl.log" 2>&1 ||
        die "openssl could not make a test certificate: $(cat "$OUT/openssl.log")"
}
cert tls IP:127.0.0.1
cert wrong DNS:somewhere-else.invalid

# The fault server prints its ports once every socket listens; reading
# them through a fifo waits exactly that long.
mkfifo "$OUT/ports"
python3 "$HERE/fault_server.py" --tls-cert "$OUT/tls.pem" --tls-key "$OUT/tls.key" \
    --wrong-cert "$OUT/wrong.pem" --wrong-key "$OUT/wrong.key" > "$OUT/ports" 2> "$OUT/fault.log" &
fault=$!
read -r ports < "$OUT/ports" || die "the fault server did not start: $(cat "$OUT/fault.log")"
for kv in $ports; do
    case $kv in
    http=*) export QF_FAULT_HTTP=${kv#*=} ;;
    tls=*) export QF_FAULT_TLS=${kv#*=} ;;
    wrong=*) export QF_FAULT_WRONG=${kv#*=} ;;
    closed=*) export QF_FAULT_CLOSED=${kv#*=} ;;
    stall=*) export QF_FAULT_STALL=${kv#*=} ;;
    silent=*) export QF_FAULT_SILENT=${kv#*=} ;;
    esac
done

printf '{"version": "https://jsonfeed.org/version/1.1", "title": "net-test", "items": []}\n' > "$OUT/www/feed.json"
# The sync tests' feeds, one folder per scenario under /sync/.
python3 "$HERE/sync_feeds.py" "$BUILD/qingfeng-feed" "$OUT/www/sync" "$OUT/keys" > "$OUT/sync-feeds.log" 2>&1 ||
    die "the sync test feeds could not be built: $(cat "$OUT/sync-feeds.log")"
# nginx serving that folder; the "redirect" scenario's assets live on
# another host name.
nginx_start "$OUT" "$OUT/www" "" '
        location /sync/redirect/images/ {
            rewrite ^/sync/redirect/(.*)$ http://localhost:@PORT@/sync/redirect-target/$1 redirect;
        }' 2> "$OUT/nginx-start.log" || die "nginx did not start: $(cat "$OUT/nginx-start.log")"
port=$NGINX_PORT
plain=$NGINX_PID
# The outbox's server: PUT creates the folders of report_url/results/ as
# needed; the same settings as in docs/quiz-results.md.
mkdir -p "$OUT/dav/www"
nginx_start "$OUT/dav" "$OUT/dav/www" "" '
        location /reports/ {
            dav_methods PUT;
            create_full_put_path on;
            dav_access user:rw group:r all:r;
            client_max_body_size 1m;
        }' 2> "$OUT/dav-start.log" || die "the WebDAV nginx did not start: $(cat "$OUT/dav-start.log")"
dav=$NGINX_PID
export QF_DAV_PORT=$NGINX_PORT QF_DAV_DIR=$OUT/dav QF_DAV_ROOT=$OUT/dav/www QF_NGINX_BIN=$NGINX
NGINX_PID=$plain
export QF_NGINX=$port QF_NGINX_FILE=/feed.json
export QF_TLS_CA=$OUT/tls.pem QF_WRONG_CA=$OUT/wrong.pem QF_TMP=$OUT/tmp
export QF_SYNC_WWW=$OUT/www/sync QF_SYNC_PUB=$OUT/keys/a.pub

rc=0
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_fetch" || rc=1
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_sync" || rc=1
# the heartbeat first: test_outbox leaves the WebDAV nginx stopped at its end
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_heartbeat" || rc=1
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_outbox" || rc=1
exit $rc
