#!/bin/sh
# Crash test of the real kiosk while it syncs: nginx on 127.0.0.1 serves one
# of three signed feed versions (A, B, C: other item texts and other bytes
# under the same picture paths, plus pictures only some versions have; the
# pictures are large PNGs, so a sync writes, hashes and decodes megabytes).
# The kiosk runs headless with one state folder, kept across iterations, and
# is killed with SIGKILL at a random instant: mostly a random time after it
# fetched feed.json (inside the sync round), sometimes a random time after
# its start (a full sync of a version takes about 0.3 s here). After each kill the state folder is checked:
#   - `current` (and `previous`) name a folder under versions/ that is, file
#     for file and byte for byte, one published version (diff -r), and that
#     `qingfeng-feed check --pubkey` accepts (sizes, SHA-256, signature);
#   - once a version was committed, `current` never goes missing;
#   - the next start logs no error and shows what `current` names.
# Between iterations the published version changes whenever the last one
# was committed (or at random), objects/ is sometimes wiped (full
# downloads) and the state folder is sometimes started afresh. At the end
# the kiosk syncs undisturbed: it must show the newest version, stop
# cleanly on SIGTERM and leave only current, previous and their objects.
#
# Usage: tests/crash/kiosk_sync_crash.sh BUILD_DIR [N [SEED]]   N defaults to 200.
# Prints a summary; exits 1 on any failure (with the state listing and the
# log tail), or when fewer than N/10 kills (at least 2) landed inside a sync
# round.
set -u
BUILD=${1:-build}
N=${2:-200}
SEED=${3:-$(date +%s)}
KIOSK=$BUILD/qingfeng
FEEDTOOL=$BUILD/qingfeng-feed
mkdir -p "$BUILD/crash-kiosk"
OUT=$(cd "$BUILD/crash-kiosk" && pwd)
rm -rf "${OUT:?}"/*
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "$0")/../nginx.sh"

NGINX=$(command -v nginx || echo /usr/sbin/nginx)
for tool in "$NGINX" minisign python3; do
    if ! command -v "$tool" > /dev/null; then
        echo "kiosk_sync_crash: needs $tool (make deps installs it)"
        exit 1
    fi
done
if [ ! -x "$KIOSK" ] || [ ! -x "$FEEDTOOL" ]; then
    echo "kiosk_sync_crash: build $KIOSK and $FEEDTOOL first"
    exit 1
fi

started=$(date +%s)
STATE=$OUT/state
PUB=$OUT/pub
WWW=$OUT/www
mkdir -p "$PUB" "$WWW" "$OUT/nginx-tmp" "$OUT/logs"

# ---- three signed versions ---------------------------------------------------

# noise_png FILE WIDTH HEIGHT SEED: an RGB PNG of random pixels (it does
# not compress, so its size is about WIDTH*HEIGHT*3 bytes).
noise_png() {
    python3 - "$@" << 'END'
import random, struct, sys, zlib
path, w, h, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(seed)
raw = b"".join(b"\0" + rnd.randbytes(w * 3) for _ in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
with open(path, "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))
END
}

minisign -G -W -p "$OUT/key.pub" -s "$OUT/key.sec" > /dev/null 2>&1

# make_version NAME SEED PICTURES: content/ with PICTURES items pointing at
# images/big-K.png (bytes differ per version) and a few texts changed;
# built into $PUB/NAME and signed.
make_version() {
    name=$1 seed=$2 pics=$3
    src=$OUT/src-$name
    cp -r content "$src"
    k=1
    for f in $(ls "$src"/cases/*.md "$src"/stories/*.md | head -n "$pics"); do
        sed -i "s|^image: .*|image: images/big-$k.png|" "$f"
        noise_png "$src/images/big-$k.png" 1200 900 $((seed * 100 + k))
        k=$((k + 1))
    done
    for f in $(ls "$src"/maxims/*.md | head -n 6); do
        printf '\n（版本 %s）\n' "$name" >> "$f"
    done
    "$FEEDTOOL" build "$src" -o "$PUB/$name" > "$OUT/build-$name.log" 2>&1 || {
        cat "$OUT/build-$name.log"
        exit 1
    }
    minisign -S -s "$OUT/key.sec" -m "$PUB/$name/feed.json" -t "qingfeng crash test $name" > /dev/null 2>&1
}
make_version A 1 4
make_version B 2 7
make_version C 3 5
VERSIONS="A B C"

publish() { # publish NAME: the web root's feed/ becomes version NAME
    ln -sfn "$PUB/$1" "$WWW/feed"
    published=$1
}

# ---- nginx -------------------------------------------------------------------

publish A
nginx_start "$OUT" "$WWW" 2> "$OUT/nginx-start.log" || {
    echo "kiosk_sync_crash: nginx did not start: $(cat "$OUT/nginx-start.log")"
    exit 1
}
port=$NGINX_PORT
URL=http://127.0.0.1:$port/feed/feed.json
kiosk=
cleanup() {
    [ -n "$kiosk" ] && kill -9 "$kiosk" 2> /dev/null
    nginx_stop
    wait 2> /dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM
tries=0
until python3 -c "import urllib.request; urllib.request.urlopen('$URL')" 2> /dev/null; do
    tries=$((tries + 1))
    if [ $tries -gt 50 ]; then
        echo "kiosk_sync_crash: nginx does not answer on port $port"
        cat "$OUT/nginx.out" "$OUT/nginx-error.log" 2> /dev/null
        exit 1
    fi
    sleep 0.1
done

printf '[attract]\ndwell_ms = 1000\ntransition_ms = 200\n[sync]\ninterval_s = 3600\n' > "$OUT/kiosk.conf"

# ---- helpers -----------------------------------------------------------------

failures=0
LOG=
fail() {
    failures=$((failures + 1))
    echo "not ok - iteration $i: $1"
    echo "#   state folder:"
    (cd "$STATE" 2> /dev/null && ls -lR . 2> /dev/null | sed 's/^/#     /' | head -n 60)
    if [ -n "$LOG" ] && [ -f "$LOG" ]; then
        echo "#   log tail:"
        tail -n 15 "$LOG" | sed 's/^/#     /'
    fi
}

# which_version DIR: the published version DIR is identical to, or nothing.
which_version() {
    for v in $VERSIONS; do
        if cmp -s "$1/feed.json" "$PUB/$v/feed.json"; then
            if diff -r "$1" "$PUB/$v" > "$OUT/diff.out" 2>&1; then
                echo "$v"
            fi
            return
        fi
    done
}

# check_link LINK: sets linkv to the version LINK names ("-" when absent,
# "?" after a failure) and linkt to its target.
check_link() {
    linkv='?' linkt=
    if [ ! -e "$STATE/$1" ] && [ ! -L "$STATE/$1" ]; then
        linkv=-
        return
    fi
    linkt=$(readlink "$STATE/$1")
    case $linkt in
    versions/*) ;;
    *)
        fail "$1 -> \"$linkt\" is not a version"
        return
        ;;
    esac
    if [ ! -d "$STATE/$linkt" ]; then
        fail "$1 -> $linkt, which does not exist"
        return
    fi
    v=$(which_version "$STATE/$linkt")
    if [ -z "$v" ]; then
        fail "$1 -> $linkt is not exactly a published version"
        sed 's/^/#   /' "$OUT/diff.out" | head -n 10
        return
    fi
    if ! "$FEEDTOOL" check "$STATE/$linkt" --pubkey "$OUT/key.pub" > "$OUT/check.out" 2>&1; then
        fail "$1 -> $linkt: qingfeng-feed check refuses it"
        sed 's/^/#   /' "$OUT/check.out" | head -n 10
        return
    fi
    linkv=$v
}

requests() { wc -l < "$OUT/nginx-access.log" 2> /dev/null || echo 0; }

# wait_for N PATTERN FILE: until FILE has a line matching PATTERN, N polls
# of 10 ms at most; true when it has.
wait_for() {
    t=0
    until grep -q "$2" "$3" 2> /dev/null; do
        t=$((t + 1))
        [ $t -ge "$1" ] && return 1
        sleep 0.01
    done
}

start_kiosk() { # start_kiosk LOGFILE
    LOG=$1
    "$KIOSK" --config "$OUT/kiosk.conf" --windowed --size 320x180 --feed "$URL" --public-key "$OUT/key.pub" \
        --state-dir "$STATE" > /dev/null 2> "$LOG" &
    kiosk=$!
}

# ---- the kills ---------------------------------------------------------------

# One line per iteration: mode (0..99), delay in ms, two more dice.
awk -v seed="$SEED" -v n="$N" 'BEGIN {
    srand(seed)
    for (i = 0; i < n; i++)
        printf "%d %d %d %d\n", int(rand() * 100), int(rand() * 1000), int(rand() * 100), int(rand() * 100)
}' > "$OUT/dice"

in_round=0    # kills after feed.json was served and before the round's result line
in_commit=0   # kills that left a download or a half-built version in tmp/
before=0      # kills before the round fetched feed.json
after=0       # kills after the round's result line
committed=0   # rounds that logged a new version before the kill
seen=
ever=0        # a version was committed into this state folder
i=0
last=-
lastt=
echo "kiosk_sync_crash: $N kills, seed $SEED, feed $URL"
while [ $i -lt "$N" ] && read -r mode delay d2 d3; do
    i=$((i + 1))
    # What the server has and what the state folder holds before the start.
    if [ "$d2" -lt 4 ] || [ $i -eq 1 ]; then
        rm -rf "$STATE"
        ever=0
        last=-
        lastt=
    elif [ "$d2" -lt 20 ]; then
        rm -rf "$STATE"/objects/*
    fi
    if [ "$last" = "$published" ] || [ "$d3" -lt 25 ]; then
        case $published in A) publish B ;; B) publish C ;; *) publish A ;; esac
    fi

    reqs=$(requests)
    start_kiosk "$OUT/logs/$i.log"
    if [ "$mode" -lt 20 ]; then
        # a random instant after the start: 0-499 ms
        ms=$((delay / 2))
    else
        # a random instant after feed.json was served: 0-349 ms
        t=0
        while [ "$(tail -n +$((reqs + 1)) "$OUT/nginx-access.log" | grep -c 'GET /feed/feed.json ')" -eq 0 ] &&
            [ $t -lt 1000 ] && kill -0 $kiosk 2> /dev/null; do
            sleep 0.01
            t=$((t + 1))
        done
        ms=$((delay * 35 / 100))
    fi
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    if ! kill -0 $kiosk 2> /dev/null; then
        wait $kiosk
        fail "the kiosk exited by itself (status $?)"
        kiosk=
        continue
    fi
    kill -9 $kiosk
    wait $kiosk 2> /dev/null
    kiosk=

    # Where the kill landed.
    fetched=$(tail -n +$((reqs + 1)) "$OUT/nginx-access.log" | grep -c 'GET /feed/feed.json ')
    if grep -q '^<[3-6]>sync: .*\(new version\|unchanged\|not modified\|keeping the content\)' "$LOG"; then
        after=$((after + 1))
    elif [ "$fetched" -gt 0 ]; then
        in_round=$((in_round + 1))
    else
        before=$((before + 1))
    fi
    if grep -q '^<6>sync: .*new version' "$LOG"; then
        committed=$((committed + 1))
    fi
    if [ -n "$(ls -A "$STATE/tmp" 2> /dev/null)" ]; then
        in_commit=$((in_commit + 1))
    fi
    if grep -q '^<[0-3]>' "$LOG"; then
        fail "the kiosk logged an error"
    fi
    # The start showed what current named before it (when it got that far).
    if [ -n "$lastt" ] && grep -q '^<6>feed: /' "$LOG" && ! grep -q "^<6>feed: $STATE/$lastt: " "$LOG"; then
        fail "the kiosk did not start with the current version $lastt"
    fi

    check_link previous
    check_link current
    cur=$linkv
    lastt=$linkt
    if [ "$cur" = - ]; then
        [ $ever -eq 1 ] && fail "current is gone after a version was committed"
    elif [ "$cur" != "?" ]; then
        ever=1
        case " $seen " in *" $cur "*) ;; *) seen="$seen $cur" ;; esac
    fi
    last=$cur
    if [ $((i % 20)) -eq 0 ]; then
        echo "  $i kills: $in_round inside a sync round, $failures failures"
    fi
done < "$OUT/dice"

# ---- an undisturbed sync at the end --------------------------------------------

i=final
[ "$published" = "$last" ] && case $published in A) publish B ;; B) publish C ;; *) publish A ;; esac
start_kiosk "$OUT/logs/final.log"
if wait_for 3000 '^<6>sync: .*new version' "$LOG" && wait_for 3000 '^<6>feed: now showing' "$LOG"; then
    check_link current
    cur=$linkv
    [ "$cur" = "$published" ] || fail "after the last sync current is $cur, not the published $published"
else
    fail "the last sync did not bring the published version $published on screen"
fi
kill -TERM $kiosk
wait $kiosk
rc=$?
kiosk=
[ $rc -eq 0 ] || fail "the kiosk exited with status $rc on SIGTERM"
grep -q '^<[0-3]>' "$LOG" && fail "the kiosk logged an error in the last run"
[ -z "$(ls -A "$STATE/tmp")" ] || fail "tmp/ is not empty after a clean run"
nver=$(ls "$STATE/versions" | wc -l)
[ "$nver" -le 2 ] || fail "versions/ holds $nver folders after a clean run"
# objects/ holds what current uses and nothing that neither current nor
# previous uses (objects of previous may be missing: the test wipes objects/)
ids() { [ -L "$1" ] && grep -o '"sha256": *"[0-9a-f]*"' "$1/feed.json" | sed 's/.*"\([0-9a-f]*\)"$/\1/' | sort -u; }
ids "$STATE/current" > "$OUT/used-current"
{ ids "$STATE/current"; ids "$STATE/previous"; } | sort -u > "$OUT/used"
ls "$STATE/objects" | sort > "$OUT/have"
[ -n "$(comm -23 "$OUT/used-current" "$OUT/have")" ] && fail "objects/ lacks objects current uses"
[ -n "$(comm -13 "$OUT/used" "$OUT/have")" ] && fail "objects/ keeps objects neither current nor previous uses"

elapsed=$(($(date +%s) - started))
echo "kiosk_sync_crash: $N kills in ${elapsed} s: $in_round inside a sync round ($in_commit left a download or"
echo "  a version being built in tmp/), $before before feed.json, $after after the round's result;"
echo "  $committed rounds committed before their kill; versions seen as current:${seen:- none}; $failures failures"
min=$((N / 10))
[ $min -lt 2 ] && min=2
if [ "$in_round" -lt $min ]; then
    echo "kiosk_sync_crash: only $in_round kills inside a sync round (fewer than $min): the test missed the window"
    exit 1
fi
[ $failures -eq 0 ] || exit 1
rm -rf "$OUT"/src-* "$PUB" "$WWW" "$STATE" # the megabytes; the logs stay
