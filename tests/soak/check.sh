#!/bin/sh
# Reads the log of a soak run (tests/soak/script.sh) and checks it: the
# counts reached, no error line, no sanitizer or memcheck report; with
# --rss, also that the resident set after warm-up grows by at most
# SOAK_RSS_KB (1024 unless set). Prints the figures.
# Usage: tests/soak/check.sh [--rss] LOG CYCLES VISITS
# Exit 0 when everything holds, 1 otherwise (the reasons are printed).
set -u
rss=0
if [ "$1" = --rss ]; then rss=1; shift; fi
log=$1 cycles=$2 visits=$3
limit=${SOAK_RSS_KB:-1024}
bad=0
fail() { bad=1; echo "soak: FAIL: $*"; }

count() { grep -c "$1" "$log"; }
slides=$(count '^<6>scene: attract item=')
details=$(count '^<6>scene: detail item=')
rounds=$(count '^<6>quiz: result [0-9a-f]* saved: finished')
swaps=$(count '^<6>feed: now showing ')
frames=$(sed -n 's/^<6>script: done: \([0-9]*\) frames presented.*/\1/p' "$log")
echo "soak: $log: $slides slides, $frames frames presented, $details detail openings, $rounds quiz rounds, $swaps content swaps"

need() { # what got wanted
    if [ "${2:-0}" -lt "$3" ]; then fail "$1: $2 of $3"; fi
}
need slides "$slides" $((cycles * visits * 10))
need frames "${frames:-0}" $((cycles * visits * 12))
need "detail openings" "$details" $((cycles * visits))
need "quiz rounds" "$rounds" $((cycles * visits))
need "content swaps" "$swaps" "$cycles"
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|^==[0-9]+== .*(Invalid|uninitialised|definitely lost|indirectly lost)' "$log"; then
    fail "a sanitizer or memcheck report:"
    grep -E -m 5 'ERROR: |runtime error:|^==[0-9]+== ' "$log"
fi
if grep -q '^<[0-3]>' "$log"; then
    fail "error lines in the log:"
    grep -m 5 '^<[0-3]>' "$log"
fi

# The resident set: the first `memory` line is the start, then one per
# cycle. Warm-up is the first tenth of the cycles (at least 2); the bound
# is on the highest value after it against the highest during it.
if [ $rss -eq 1 ]; then
    sed -n 's/^<6>memory: rss \([0-9]*\) kB, peak \([0-9]*\) kB.*/\1 \2/p' "$log" | awk -v limit="$limit" \
        -v warm="$((cycles / 10 > 2 ? cycles / 10 : 2))" '
        NR == 1 { start = $1; next }
        { c = NR - 1; last = $1; peak = $2
          if (c <= warm) { if ($1 > base) base = $1; warm_rss = $1 }
          else if ($1 > top) top = $1 }
        END {
            if (c <= warm) { print "soak: FAIL: " c " memory lines, too few to pass warm-up (" warm " cycles)"; exit 1 }
            growth = top - base
            printf "soak: resident set: start %d kB, after warm-up (%d cycles) %d kB (highest %d kB), end %d kB, highest after warm-up %d kB, peak %d kB\n", start, warm, warm_rss, base, last, top, peak
            printf "soak: growth after warm-up: %+d kB (bound %d kB)\n", growth, limit
            if (growth > limit) { print "soak: FAIL: the resident set grew by more than the bound"; exit 1 }
        }' || bad=1
fi
[ $bad -eq 0 ] && echo "soak: ok"
exit $bad
