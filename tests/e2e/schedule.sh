#!/bin/sh
# End-to-end tests of item schedules and screen groups: a small feed built
# by the feed tool, shown by screens of different groups on the virtual
# clock (--clock); the "scene:" lines say which item was on screen, the
# "schedule: now showing" line when the selection changed.
# Usage: tests/e2e/schedule.sh BUILD_DIR
set -u
OUT=${1:-build}/e2e-schedule
. "$(dirname "$0")/lib.sh"

# --- the content: four maxims
SRC=$OUT/content
mkdir -p "$SRC/maxims"
printf -- '---\nid: maxim-always\nauthor: 包拯\n---\n清心为治本，直道是身谋。\n' > "$SRC/maxims/always.md"
printf -- '---\nid: maxim-spring\nauthor: 于谦\nvalid_from: 2027-01-25\nvalid_until: 2027-01-25\n---\n清风两袖朝天去，免得闾阎话短长。\n' \
    > "$SRC/maxims/spring.md"
printf -- '---\nid: maxim-office\nauthor: 林则徐\ngroups: 3F\ndays: 周一-周五\nhours: 09:00-10:00\n---\n海纳百川，有容乃大。\n' \
    > "$SRC/maxims/office.md"
printf -- '---\nid: maxim-pinned\nauthor: 周敦颐\ngroups: lobby\npinned: yes\n---\n出淤泥而不染，濯清涟而不妖。\n' \
    > "$SRC/maxims/pinned.md"
if "$FEEDTOOL" build "$SRC" -o "$OUT/feed" > "$OUT/build.out" 2>&1 &&
    grep -q '"schedule"' "$OUT/feed/feed.json" && grep -q '"pinned": true' "$OUT/feed/feed.json"; then
    ok "the feed tool builds schedules, groups and pinning into the feed"
else
    not_ok "the feed tool builds schedules, groups and pinning into the feed" "$OUT/build.out"
fi

# conf GROUPS: a kiosk config for a screen of these groups
conf() {
    CONF=$OUT/kiosk-${1:-all}.conf
    printf '[attract]\ndwell_ms = 8000\ntransition_ms = 900\ntransition = mixed\n[schedule]\ngroups = %s\n' "$1" > "$CONF"
}

# before LOG / after LOG: the scene lines before and after the first
# "schedule: now showing" line
before() { sed -n '/schedule: now showing/q;p' "$1" | grep -o 'scene: .*'; }
after() { sed -n '/schedule: now showing/,$p' "$1" | grep -o 'scene: .*'; }

# --- a lobby screen over midnight into the one day of maxim-spring
conf lobby
run lobby 1280x720 "wait 1000
shot before-midnight
wait 240000
shot after-midnight
quit" --feed "$OUT/feed" --clock "2027-01-24 23:58"
if [ $rc -eq 0 ] && clean "$OUT/lobby.log" && before "$OUT/lobby.log" > "$OUT/lobby.before" &&
    after "$OUT/lobby.log" > "$OUT/lobby.after" &&
    ! grep -q 'maxim-spring\|maxim-office' "$OUT/lobby.before" && grep -q 'maxim-pinned' "$OUT/lobby.before" &&
    grep -q 'maxim-always' "$OUT/lobby.before" && grep -q 'maxim-spring' "$OUT/lobby.after" &&
    ! grep -q 'maxim-office' "$OUT/lobby.after" &&
    [ "$(grep -c 'schedule: now showing 3 of 4 items' "$OUT/lobby.log")" -eq 1 ]; then
    ok "a lobby screen shows maxim-spring only from the first minute of its day, never the 3F item"
else
    not_ok "a lobby screen shows maxim-spring only from the first minute of its day, never the 3F item (rc=$rc)" \
        "$OUT/lobby.log"
fi
# the cycle opens with the pinned item
first=$(grep -o 'scene: attract item=.*' "$OUT/lobby.log" | head -n 1)
if [ "$first" = "scene: attract item=maxim-pinned" ]; then
    ok "the pinned item opens the attract loop"
else
    not_ok "the pinned item opens the attract loop (first: $first)" "$OUT/lobby.log"
fi
if nonblank "$OUT/lobby" 1280x720; then
    ok "lobby screenshots have content"
else
    not_ok "lobby screenshots have content" "$OUT/lobby.log"
fi

# --- a 3F screen over the office hour of maxim-office (Monday 25 January
# is also maxim-spring's day)
conf 3f
run floor3 1280x720 "wait 240000
wait 3600000
quit" --feed "$OUT/feed" --clock "2027-01-25 08:58"
# the scene lines after the N-th "schedule: now showing" line (up to the next)
part() { awk -v n="$2" '/schedule: now showing/ { k++; next } k == n && /scene: / { sub(/.*scene: /, "scene: "); print }' "$1"; }
part "$OUT/floor3.log" 1 > "$OUT/floor3.hour"
part "$OUT/floor3.log" 2 > "$OUT/floor3.later"
if [ $rc -eq 0 ] && clean "$OUT/floor3.log" && ! before "$OUT/floor3.log" | grep -q 'maxim-office\|maxim-pinned' &&
    grep -q 'maxim-office' "$OUT/floor3.hour" && ! grep -q 'maxim-office' "$OUT/floor3.later" &&
    [ -s "$OUT/floor3.later" ] && ! grep -q 'maxim-pinned' "$OUT/floor3.log" &&
    [ "$(grep -c 'schedule: now showing' "$OUT/floor3.log")" -eq 2 ] &&
    n=$(before "$OUT/floor3.log" | wc -l) && [ "$n" -ge 13 ] && [ "$n" -le 15 ]; then
    # 2 virtual minutes of 8.9 s slides before 09:00: the change came at the boundary
    ok "a 3F screen shows maxim-office from 09:00 to 10:00 only, never the lobby's pinned item"
else
    not_ok "a 3F screen shows maxim-office from 09:00 to 10:00 only, never the lobby's pinned item (rc=$rc)" \
        "$OUT/floor3.log"
fi

# --- the touch list of a lobby screen: the pinned item first, no 3F item
conf lobby
run list 1280x720 "wait 1000
tap 0.5 0.5
press module 0
shot list
press item 0
swipe left
wait 1000
swipe left
wait 1000
swipe left
wait 1000
quit" --feed "$OUT/feed" --clock "2027-01-25 09:30"
grep -o 'scene: detail item=.*' "$OUT/list.log" > "$OUT/list.details"
if [ $rc -eq 0 ] && clean "$OUT/list.log" && [ "$(head -n 1 "$OUT/list.details")" = "scene: detail item=maxim-pinned" ] &&
    grep -q 'maxim-spring' "$OUT/list.details" && ! grep -q 'maxim-office' "$OUT/list.details"; then
    ok "the lobby's maxim list puts the pinned item first and leaves out the 3F item"
else
    not_ok "the lobby's maxim list puts the pinned item first and leaves out the 3F item (rc=$rc)" "$OUT/list.log"
fi

# --- a script (and so the preview) can show an item the screen hides now
conf lobby
run show 1280x720 "show maxim-office
shot office
quit" --feed "$OUT/feed" --clock "2027-01-24 12:00"
if [ $rc -eq 0 ] && grep -q '^<6>schedule: item maxim-office joins the playlist' "$OUT/show.log" &&
    grep -q '^<6>scene: attract item=maxim-office' "$OUT/show.log" && [ -s "$OUT/show/office.png" ] &&
    "$FEEDTOOL" preview "$OUT/feed" --shots "$OUT/preview" > "$OUT/preview.out" 2>&1 &&
    [ "$(ls "$OUT"/preview/*/*.png 2>/dev/null | wc -l)" -ge 8 ]; then
    ok "show and the preview reach an item outside its window and groups"
else
    not_ok "show and the preview reach an item outside its window and groups (rc=$rc)" "$OUT/show.log"
fi

# --- morning and day items: at 09:00 the slide on screen leaves the
# selection, so the loop cross-fades to the new first slide (on the virtual
# clock the old picture is held until a shot waits for the new slide, as
# when new content comes in)
SRC2=$OUT/content-shift
mkdir -p "$SRC2/maxims"
printf -- '---\nid: maxim-morning\nauthor: 包拯\nhours: 00:00-09:00\n---\n清心为治本，直道是身谋。\n' > "$SRC2/maxims/morning.md"
printf -- '---\nid: maxim-day\nauthor: 于谦\nhours: 09:00-24:00\n---\n清风两袖朝天去，免得闾阎话短长。\n' > "$SRC2/maxims/day.md"
"$FEEDTOOL" build "$SRC2" -o "$OUT/feed-shift" > "$OUT/build-shift.out" 2>&1
conf ""
run shift 1280x720 "wait 1000
shot morning
wait 65000
shot crossing
wait 20000
shot day
quit" --feed "$OUT/feed-shift" --clock "2027-01-25 08:59"
if [ $rc -eq 0 ] && clean "$OUT/shift.log" && [ "$(before "$OUT/shift.log" | sort -u)" = "scene: attract item=maxim-morning" ] &&
    [ "$(after "$OUT/shift.log" | sort -u)" = "scene: attract item=maxim-day" ] && nonblank "$OUT/shift" 1280x720 &&
    ! cmp -s "$OUT/shift/morning.png" "$OUT/shift/day.png"; then
    ok "when the slide on screen leaves the selection, the loop moves to the new one"
else
    not_ok "when the slide on screen leaves the selection, the loop moves to the new one (rc=$rc)" "$OUT/shift.log"
fi

echo "e2e schedule: $passed passed, $failed failed"
[ $failed -eq 0 ]
