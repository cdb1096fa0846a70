# Shared by the end-to-end test files: paths, the headless environment, a
# kiosk config with exact timing, result counting and running the kiosk on
# a script. Source it after `set -u` with BUILD_DIR as $1.
BUILD=${1:-build}
KIOSK=$BUILD/qingfeng
FEEDTOOL=$BUILD/qingfeng-feed
FEED=$BUILD/feed
STATS=$BUILD/tests/png_stats
OUT=${OUT:-$BUILD/e2e}
rm -rf "$OUT"
mkdir -p "$OUT"

export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
# Explicit timing so virtual-clock arithmetic below is exact.
CONF=$OUT/kiosk.conf
printf '[attract]\ndwell_ms = 8000\ntransition_ms = 900\ntransition = mixed\n' > "$CONF"
SLOT=8900

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && sed 's/^/#   /' "$2" | tail -n 20; }

# Item ids of the bundled feed, one per line.
feed_ids() { grep -o '"id": *"[^"]*"' "$1/feed.json" | sed 's/.*"\([^"]*\)"$/\1/'; }

# run NAME SIZE SCRIPT_TEXT [extra args...]: runs the kiosk headless; leaves
# $OUT/NAME.log (stderr), $OUT/NAME/ (shots) and the exit status in $rc.
run() {
    name=$1 size=$2 text=$3
    shift 3
    mkdir -p "$OUT/$name"
    printf '%s\n' "$text" > "$OUT/$name.script"
    "$KIOSK" --config "$CONF" --windowed --size "$size" --script "$OUT/$name.script" --shots "$OUT/$name" "$@" \
        > "$OUT/$name.out" 2> "$OUT/$name.log"
    rc=$?
}

scenes() { grep -c '^<6>scene: attract item=' "$OUT/$1.log"; }

# lines_in FILE PATTERN: how many lines of FILE match; 0 while FILE does not
# exist yet (a kiosk started in the background may not have opened its log).
lines_in() { n=$(grep -c "$2" "$1" 2> /dev/null); echo "${n:-0}"; }

# wait_lines FILE N PATTERN TENTHS: until FILE has N lines matching PATTERN,
# for TENTHS tenths of a second at most. Succeeds when they are there.
wait_lines() {
    tries=0
    while [ "$(lines_in "$1" "$3")" -lt "$2" ] && [ $tries -lt "$4" ]; do sleep 0.1; tries=$((tries + 1)); done
    [ "$(lines_in "$1" "$3")" -ge "$2" ]
}

# in_order LOG LINE...: each LINE starts a "scene:" line of LOG, in this
# order (other lines may come between).
in_order() {
    log=$1
    shift
    grep -o 'scene: .*' "$log" > "$log.scenes"
    awk -v want="$(printf '%s\n' "$@")" '
        BEGIN { n = split(want, w, "\n"); i = 1 }
        i <= n && index($0, w[i]) == 1 { i++ }
        END { if (i <= n) { print "missing in order: " w[i]; exit 1 } }' "$log.scenes" > "$log.order"
}

# clean LOG: no errors or warnings at all.
clean() { ! grep -qE '^<[0-4]>' "$1"; }

# nonblank DIR SIZE: every PNG in DIR has SIZE and real content.
nonblank() {
    for png in "$1"/*.png; do
        stats=$("$STATS" "$png") || return 1
        echo "$stats" | grep -q "^$2 " || return 1
        distinct=$(echo "$stats" | sed 's/.*distinct=\([0-9]*\).*/\1/')
        [ "$distinct" -ge 100 ] || return 1
    done
}
