#!/bin/sh
# Sync benchmarks against a real nginx on 127.0.0.1 (gzip on for JSON and
# SVG, as docs/sync.md recommends): the time of a 304 revalidation round,
# and the bytes a screen downloads when one item of a 500-item feed changes
# (its text; then its picture), next to the bytes of the whole feed.
# Bytes are nginx's $bytes_sent (headers and bodies, as sent on the wire).
# Prints one "bench:" line.
# Usage: tests/bench/sync.sh BUILD_DIR [REVALIDATIONS]
set -eu
BUILD=${1:-build}
N=${2:-200}
mkdir -p "$BUILD/bench-sync"
OUT=$(cd "$BUILD/bench-sync" && pwd)
BENCH=$BUILD/tests/bench/sync_bench
FEEDTOOL=$BUILD/qingfeng-feed
HERE=$(dirname "$0")
rm -rf "$OUT/www" "$OUT/state" "$OUT/src" "$OUT/logs"
mkdir -p "$OUT/www" "$OUT/logs"

. "$HERE/../nginx.sh"
nginx_start "$OUT" "$OUT/www" "
    log_format bytes '\$request_uri \$status \$bytes_sent';
    access_log $OUT/logs/access.log bytes;
    gzip on;
    gzip_types application/json image/svg+xml;"
trap nginx_stop EXIT
port=$NGINX_PORT
URL=http://127.0.0.1:$port/feed/feed.json

rm -f "$OUT/key.pub" "$OUT/key.sec"
minisign -G -W -p "$OUT/key.pub" -s "$OUT/key.sec" > /dev/null 2>&1
publish() {
    rm -rf "$OUT/www/feed"
    "$FEEDTOOL" build "$OUT/src" -o "$OUT/www/feed" > "$OUT/logs/build.log" 2>&1
    minisign -S -s "$OUT/key.sec" -m "$OUT/www/feed/feed.json" > /dev/null 2>&1
}
# bytes nginx sent since the log had $1 lines
sent_since() { tail -n +"$(($1 + 1))" "$OUT/logs/access.log" | awk '{ s += $3 } END { print s + 0 }'; }
lines() { wc -l < "$OUT/logs/access.log" 2> /dev/null || echo 0; }

python3 "$HERE/gen_feed.py" content "$OUT/src" 500
publish
feed_disk=$(cat "$OUT/www/feed/feed.json" "$OUT/www/feed/feed.json.minisig" | wc -c)
assets_disk=$(find "$OUT/www/feed" -type f ! -name 'feed.json*' -exec cat {} + | wc -c)

# The whole feed into an empty state folder.
mark=$(lines)
"$BENCH" once "$URL" "$OUT/key.pub" "$OUT/state" > "$OUT/logs/first.txt" 2>&1
full=$(sent_since "$mark")

# Revalidations: each a 304.
"$BENCH" revalidate "$URL" "$OUT/key.pub" "$OUT/state" "$N" > "$OUT/logs/revalidate.txt" 2>&1
times=$(grep '^sync_304' "$OUT/logs/revalidate.txt")

# One item's text changed.
first=$(ls "$OUT/src/maxims" | head -n 1)
printf '\n（修订）\n' >> "$OUT/src/maxims/$first"
publish
mark=$(lines)
"$BENCH" once "$URL" "$OUT/key.pub" "$OUT/state" > "$OUT/logs/text.txt" 2>&1
text=$(sent_since "$mark")

# One item's picture changed.
pic=$(ls "$OUT/src/images" | grep '^gen-' | head -n 1)
sed -i 's/<\/svg>/<circle cx="20" cy="20" r="5"\/><\/svg>/' "$OUT/src/images/$pic"
publish
mark=$(lines)
"$BENCH" once "$URL" "$OUT/key.pub" "$OUT/state" > "$OUT/logs/picture.txt" 2>&1
picture=$(sent_since "$mark")

grep -q 'new version .* 0 assets downloaded' "$OUT/logs/text.txt"
grep -q 'new version .* 1 assets downloaded' "$OUT/logs/picture.txt"
kib() { echo "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
pct() { echo "$1 $2" | awk '{ printf "%.2f", 100 * $1 / $2 }'; }
echo "bench: $times sync_full_kib=$(kib "$full") sync_item_kib=$(kib "$text") sync_item_pct=$(pct "$text" "$full")" \
    "sync_picture_kib=$(kib "$picture") sync_picture_pct=$(pct "$picture" "$full")" \
    "sync_feed_disk_kib=$(kib "$feed_disk") sync_assets_disk_kib=$(kib "$assets_disk")"
