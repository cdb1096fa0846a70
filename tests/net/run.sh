#!/bin/sh
# Integration tests of the network layer: starts the fault server
# (tests/net/fault_server.py) and an nginx with a temporary config, both on
# 127.0.0.1, runs BUILD/tests/net/test_fetch and BUILD/tests/net/test_sync
# against them, and stops both. The sync tests' signed feeds are built
# first, with BUILD/qingfeng-feed and minisign (tests/net/sync_feeds.py).
# Usage: tests/net/run.sh BUILD_DIR
# NET_TEST_WRAP runs the test under a wrapper, e.g.
#   NET_TEST_WRAP="valgrind -q --leak-check=full --error-exitcode=99" tests/net/run.sh build
set -u
BUILD=${1:-build}
OUT=$BUILD/net-test
HERE=$(dirname "$0")
rm -rf "$OUT"
mkdir -p "$OUT/www" "$OUT/tmp" "$OUT/nginx-tmp"
OUT=$(cd "$OUT" && pwd)

fault=""
nginx=""
stop() {
    [ -n "$fault" ] && kill "$fault" 2> /dev/null
    [ -n "$nginx" ] && kill "$nginx" 2> /dev/null
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

# nginx serving a folder, ETag on (its default, said anyway). It cannot
# report a port it chose, so take one the kernel just handed out.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf '{"version": "https://jsonfeed.org/version/1.1", "title": "net-test", "items": []}\n' > "$OUT/www/feed.json"
# The sync tests' feeds, one folder per scenario under /sync/.
python3 "$HERE/sync_feeds.py" "$BUILD/qingfeng-feed" "$OUT/www/sync" "$OUT/keys" > "$OUT/sync-feeds.log" 2>&1 ||
    die "the sync test feeds could not be built: $(cat "$OUT/sync-feeds.log")"
cat > "$OUT/nginx.conf" << END
daemon off;
master_process off;
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
    types { application/json json; }
    server {
        listen 127.0.0.1:$port;
        root $OUT/www;
        etag on;
        # The "redirect" scenario's assets live on another host name.
        location /sync/redirect/images/ {
            rewrite ^/sync/redirect/(.*)\$ http://localhost:$port/sync/redirect-target/\$1 redirect;
        }
    }
}
END
"$NGINX" -e "$OUT/nginx-error.log" -p "$OUT" -c "$OUT/nginx.conf" > "$OUT/nginx.out" 2>&1 &
nginx=$!
# nginx writes its pid file after it has bound its port (at most 10 s).
tries=0
while [ ! -s "$OUT/nginx.pid" ] && kill -0 "$nginx" 2> /dev/null && [ $tries -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
[ -s "$OUT/nginx.pid" ] || die "nginx did not start: $(cat "$OUT/nginx-error.log" "$OUT/nginx.out" 2> /dev/null)"
export QF_NGINX=$port QF_NGINX_FILE=/feed.json
export QF_TLS_CA=$OUT/tls.pem QF_WRONG_CA=$OUT/wrong.pem QF_TMP=$OUT/tmp
export QF_SYNC_WWW=$OUT/www/sync QF_SYNC_PUB=$OUT/keys/a.pub

rc=0
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_fetch" || rc=1
${NET_TEST_WRAP:-} "$BUILD/tests/net/test_sync" || rc=1
exit $rc
