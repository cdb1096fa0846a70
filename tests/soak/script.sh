#!/bin/sh
# Writes the soak script to stdout: CYCLES cycles (an even number), each a
# content swap (alternating FEED_B and FEED_A), then VISITS times (10 unless
# given): 10 attract slides drawn and presented, a visit that opens one
# detail page, and a 3-question quiz round played to its end; then back to
# the attract loop by the idle timeout. A `memory` line ends every cycle.
# Per cycle: 10 * VISITS slides, VISITS detail openings and quiz rounds, 1 swap.
# The timings assume tests/soak/soak.conf (dwell 8000 + transition 900 ms,
# 3 questions of 5 s, idle timeout 30 s).
# Usage: tests/soak/script.sh CYCLES FEED_A FEED_B [VISITS]
set -eu
cycles=$1 feed_a=$2 feed_b=$3 visits=${4:-10}

# One visit of a cycle: visit k opens item k%4 of module k%3 (廉语, 警示教育,
# 身边典型), so pictures and page layouts of every kind come and go.
visit() {
    n=$1
    printf '  repeat 10\n    wait 8900\n    frame\n  end\n'
    printf '  tap 0.5 0.5\n  press module %d\n  press item %d\n  frame\n  press back\n  press home\n' $((n % 3)) $((n % 4))
    printf '  press quiz\n  press quiz-start\n  repeat 3\n    press option 0\n    wait 6000\n    press next-question\n  end\n'
    printf '  frame\n  wait 40000\n'
}

cycle() {
    printf '  swap %s\n' "$1"
    k=0
    while [ $k -lt "$visits" ]; do visit $k; k=$((k + 1)); done
    printf '  memory\n'
}

printf '# The soak: %d cycles (tests/soak/script.sh)\nmemory\nrepeat %d\n' "$cycles" $((cycles / 2))
cycle "$feed_b"
cycle "$feed_a"
printf 'end\nquit\n'
