#!/bin/sh
# End-to-end tests: the real kiosk binary, headless (SDL offscreen driver) and
# under Xvfb, driven by scripts and by xdotool; screenshots are checked.
# Usage: tests/e2e/run.sh BUILD_DIR
set -u
. "$(dirname "$0")/lib.sh"

# --- every bundled item renders, in both orientations, with no overflow or tofu:
# `show ID` puts each item on screen in turn, whatever its weight
ids=$(feed_ids "$FEED")
n_items=$(printf '%s\n' "$ids" | grep -c .)
for size in 1920x1080 1080x1920; do
    name=all-$size
    text=""
    for id in $ids; do
        text="$text
show $id
shot item-$id"
    done
    run "$name" "$size" "$text
quit"
    if [ $rc -ne 0 ]; then not_ok "$size: kiosk exits 0 after the script (rc=$rc)" "$OUT/$name.log"; continue; fi
    ok "$size: kiosk exits 0 after the script"
    missing=""
    for id in $ids; do
        grep -q "^<6>scene: attract item=$id\$" "$OUT/$name.log" || missing="$missing $id"
    done
    if [ -z "$missing" ]; then ok "$size: all $n_items items were shown"; else not_ok "$size: items never shown:$missing" "$OUT/$name.log"; fi
    if grep -E '^<[0-4]>' "$OUT/$name.log" > "$OUT/$name.problems"; then
        not_ok "$size: no errors, overflow, missing-glyph or image warnings" "$OUT/$name.problems"
    else
        ok "$size: no errors, overflow, missing-glyph or image warnings"
    fi
    bad=""
    for id in $ids; do
        png=$OUT/$name/item-$id.png
        stats=$("$STATS" "$png") || { bad="$bad $png(unreadable)"; continue; }
        echo "$stats" | grep -q "^$size " || bad="$bad $png(size:$stats)"
        distinct=$(echo "$stats" | sed 's/.*distinct=\([0-9]*\).*/\1/')
        ink=$(echo "$stats" | sed 's/.*ink=\([0-9]*\)\..*/\1/')
        [ "$distinct" -ge 200 ] && [ "$ink" -ge 1 ] || bad="$bad $png($stats)"
    done
    if [ -z "$bad" ]; then ok "$size: $n_items screenshots are non-blank"; else not_ok "$size: blank or wrong screenshots:$bad"; fi
done

# --- other screen sizes: one of each kind renders cleanly
for size in 1280x800 3840x2160; do
    name=size-$size
    run "$name" "$size" "wait 100
shot a
wait $SLOT
shot b
wait $SLOT
shot c
quit"
    if [ $rc -eq 0 ] && ! grep -qE '^<[0-4]>' "$OUT/$name.log" && "$STATS" "$OUT/$name/c.png" | grep -q "^$size "; then
        ok "$size: renders three slides cleanly"
    else
        not_ok "$size: renders three slides cleanly (rc=$rc)" "$OUT/$name.log"
    fi
done

# --- one start-up line: version, config, driver, renderer, size, content version
starts=$(grep -c '^<6>start: ' "$OUT/size-1280x800.log")
short=$(sha256sum "$FEED/feed.json" | cut -c1-12)
if [ "$starts" -eq 1 ] && grep -q "^<6>start: qingfeng [^,]*, config $CONF, video offscreen, renderer software, 1280x800, content [^ ]*/feed $short\$" "$OUT/size-1280x800.log"; then
    ok "one start-up line names the driver, renderer, resolution and content"
else
    not_ok "one start-up line names the driver, renderer, resolution and content (got $starts)" "$OUT/size-1280x800.log"
fi

# --- the virtual clock: an hour of rotation in one run
run hour 1280x720 "wait 3600000
quit"
expected=$((3600000 / SLOT + 1))
got=$(scenes hour)
if [ $rc -eq 0 ] && [ "$got" -eq $expected ]; then ok "an hour of virtual time shows $expected slides"; else not_ok "an hour of virtual time shows $expected slides (got $got, rc=$rc)" "$OUT/hour.log"; fi

# --- input: a swipe left moves on, a swipe right goes back to where we were
run input 1280x720 "wait 1000
swipe left
wait 2000
swipe right
wait 2000
quit"
first=$(grep '^<6>scene: attract' "$OUT/input.log" | sed -n 1p)
second=$(grep '^<6>scene: attract' "$OUT/input.log" | sed -n 2p)
third=$(grep '^<6>scene: attract' "$OUT/input.log" | sed -n 3p)
if [ $rc -eq 0 ] && [ -n "$second" ] && [ "$first" != "$second" ] && [ "$third" = "$first" ]; then
    ok "swipe left advances and swipe right returns"
else
    not_ok "swipe left advances and swipe right returns (rc=$rc)" "$OUT/input.log"
fi

# --- the editor's preview (qingfeng-feed preview), the script command show, --clock
# (a) the bundled feed: a PNG per item and size, a contact sheet naming every item, exit 0
PV=$OUT/preview
"$FEEDTOOL" preview "$FEED" --shots "$PV" > "$OUT/preview.out" 2> "$OUT/preview.err"
rc=$?
if [ $rc -eq 0 ] && [ -s "$PV/index.html" ] && tail -n 1 "$OUT/preview.out" | grep -qxF "$PV/index.html"; then
    ok "preview of the bundled feed exits 0 and prints the path of index.html"
else
    not_ok "preview of the bundled feed exits 0 and prints the path of index.html (rc=$rc)" "$OUT/preview.err"
fi
bad=""
for size in 1920x1080 1080x1920; do
    n=$(find "$PV/$size" -name '*.png' 2> /dev/null | wc -l)
    [ "$n" -eq "$n_items" ] || bad="$bad $size:$n-files"
    for id in $ids; do
        png=""
        for kind in maxim case story; do [ -f "$PV/$size/$kind-$id.png" ] && png=$PV/$size/$kind-$id.png; done
        if [ -z "$png" ]; then bad="$bad $size/$id(missing)"; continue; fi
        "$STATS" "$png" | grep -q "^$size " || bad="$bad $png(size)"
    done
done
if [ -z "$bad" ]; then ok "preview: one PNG of the right size per item and size"; else not_ok "preview: one PNG of the right size per item and size:$bad"; fi
missing=""
for id in $ids; do grep -qF "<code>$id</code>" "$PV/index.html" || missing="$missing $id"; done
sheet_text=$(sed 's/<[^>]*>//g' "$PV/index.html")
if [ -z "$missing" ] && echo "$sheet_text" | grep -q "^${n_items}条内容" && echo "$sheet_text" | grep -q '^0条警告'; then
    ok "preview: index.html names all $n_items items and counts no warnings"
else
    not_ok "preview: index.html names all $n_items items and counts no warnings (missing:$missing)"
fi

# (b) a lead too long for any screen and a character the Kai font lacks: exit 1,
# each warning on the card of its item
SRC=$OUT/preview-src
mkdir -p "$SRC/maxims" "$SRC/cases"
printf '[feed]\ntitle = 预览测试 <内容>\n' > "$SRC/feed.ini"
printf -- '---\nid: maxim-fine\nauthor: 佚名\n---\n清白做人。\n' > "$SRC/maxims/fine.md"
printf -- '---\nid: maxim-rare\nauthor: 佚名\n---\n四龙为𪚥，\n清风自来。\n' > "$SRC/maxims/rare.md"
lead=$(i=0; while [ $i -lt 60 ]; do printf '这是一段写得太长、屏幕上放不下的导语，'; i=$((i + 1)); done)
printf -- '---\nid: case-long\ntitle: 导语过长\nlead: %s\n---\n## 案情简介\n\n正文。\n' "$lead" > "$SRC/cases/long.md"
"$FEEDTOOL" build "$SRC" -o "$OUT/preview-feed" > "$OUT/preview-build.out" 2>&1
"$FEEDTOOL" preview "$OUT/preview-feed" --shots "$OUT/preview-bad" > "$OUT/preview-bad.out" 2> "$OUT/preview-bad.err"
rc=$?
# card FILE ID: the <article> of the contact sheet that shows item ID
card() { awk -v RS='</article>' -v id="$2" 'index($0, "<code>" id "</code>")' "$1"; }
sheet=$OUT/preview-bad/index.html
if [ $rc -eq 1 ] && [ -s "$sheet" ] && [ "$(find "$OUT/preview-bad" -name '*.png' | wc -l)" -eq 6 ] &&
    card "$sheet" case-long | grep -q 'field=summary overflow' &&
    card "$sheet" maxim-rare | grep -q 'missing U+2A6A5' &&
    ! card "$sheet" case-long | grep -q 'U+2A6A5' && ! card "$sheet" maxim-rare | grep -q 'overflow' &&
    ! card "$sheet" maxim-fine | grep -q 'class="warnings"' &&
    sed 's/<[^>]*>//g' "$sheet" | grep -q '^2条警告' && grep -qF '预览测试 &lt;内容&gt;' "$sheet"; then
    ok "preview of a bad feed exits 1 and shows the overflow and the missing glyph beside their items"
else
    not_ok "preview of a bad feed exits 1 and shows the overflow and the missing glyph beside their items (rc=$rc)" "$OUT/preview-bad.err"
fi

# (c) show of an id the feed does not have stops the script with FILE:LINE
run show-unknown 1280x720 "wait 100

show no-such-item
shot x
quit"
if [ $rc -eq 2 ] && grep -q "^<3>script: $OUT/show-unknown.script:3: show: .*no-such-item" "$OUT/show-unknown.log" &&
    [ ! -f "$OUT/show-unknown/x.png" ]; then
    ok "show of an unknown id fails naming file:line and the id"
else
    not_ok "show of an unknown id fails naming file:line and the id (rc=$rc)" "$OUT/show-unknown.log"
fi

# (d) --clock makes shots identical run to run, and is refused without --script
first_id=$(printf '%s\n' "$ids" | head -n 1)
run clock-1 1280x720 "show $first_id
shot a
quit" --clock "2025-06-02 09:30"
rc1=$rc
run clock-2 1280x720 "show $first_id
shot a
quit" --clock "2025-06-02 09:30"
if [ $rc1 -eq 0 ] && [ $rc -eq 0 ] && cmp -s "$OUT/clock-1/a.png" "$OUT/clock-2/a.png"; then
    ok "--clock: two runs give identical screenshots"
else
    not_ok "--clock: two runs give identical screenshots (rc=$rc1,$rc)" "$OUT/clock-2.log"
fi
"$KIOSK" --windowed --clock "2025-06-02 09:30" > /dev/null 2> "$OUT/clock-alone.log"
rc=$?
if [ $rc -eq 2 ] && grep -q -- '--clock needs --script' "$OUT/clock-alone.log"; then
    ok "--clock without --script is a usage error"
else
    not_ok "--clock without --script is a usage error (rc=$rc)" "$OUT/clock-alone.log"
fi

# --- --check-config: every problem with its line, exit 0/1/2, no display
SDL_VIDEODRIVER=no-such-driver "$KIOSK" --check-config kiosk.conf > "$OUT/check-ok.out" 2> "$OUT/check-ok.log"
rc=$?
if [ $rc -eq 0 ] && [ "$(cat "$OUT/check-ok.log")" = "kiosk.conf: ok" ] && [ ! -s "$OUT/check-ok.out" ]; then
    ok "--check-config: the shipped kiosk.conf is clean (exit 0, no display)"
else
    not_ok "--check-config: the shipped kiosk.conf is clean (rc=$rc)" "$OUT/check-ok.log"
fi
printf '[attract]\ndwell_ms = 5\n\n[navigation]\nidle_timout_s = 90\n' > "$OUT/check-bad.conf"
SDL_VIDEODRIVER=no-such-driver "$KIOSK" --check-config "$OUT/check-bad.conf" --windowed > /dev/null 2> "$OUT/check-bad.log"
rc=$?
if [ $rc -eq 1 ] && grep -q "^$OUT/check-bad.conf:2: \[attract\] dwell_ms: " "$OUT/check-bad.log" &&
    grep -q "^$OUT/check-bad.conf:5: \[navigation\] idle_timout_s: unknown key; did you mean idle_timeout_s?$" \
        "$OUT/check-bad.log" && [ "$(tail -n 1 "$OUT/check-bad.log")" = "$OUT/check-bad.conf: 2 problems" ]; then
    ok "--check-config: each problem on its own line with its line number, exit 1"
else
    not_ok "--check-config: each problem on its own line with its line number (rc=$rc)" "$OUT/check-bad.log"
fi
"$KIOSK" --check-config > /dev/null 2> "$OUT/check-usage.log"
rc=$?
if [ $rc -eq 2 ] && grep -q -- '--check-config needs a value' "$OUT/check-usage.log"; then
    ok "--check-config without FILE is a usage error (exit 2)"
else
    not_ok "--check-config without FILE is a usage error (rc=$rc)" "$OUT/check-usage.log"
fi

# --- a malformed feed is refused with one line and the bundled feed is shown
mkdir -p "$OUT/badfeed"
printf '{ "version": "https://jsonfeed.org/version/1.1", "items": [ }' > "$OUT/badfeed/feed.json"
run badfeed 1280x720 "wait 100
shot x
quit" --feed "$OUT/badfeed"
nerr=$(grep -c '^<3>feed:' "$OUT/badfeed.log")
if [ $rc -eq 0 ] && [ "$nerr" -eq 1 ] && grep '^<3>feed:' "$OUT/badfeed.log" | grep -q "$OUT/badfeed" && [ "$(scenes badfeed)" -ge 1 ]; then
    ok "malformed feed: one error line naming it, bundled content shown"
else
    not_ok "malformed feed: one error line naming it, bundled content shown (rc=$rc)" "$OUT/badfeed.log"
fi

# --- a feed whose picture does not match its pinned SHA-256 is refused too
rm -rf "$OUT/tampered"
cp -r "$FEED" "$OUT/tampered"
img=$(find "$OUT/tampered" -type f ! -name feed.json | head -n 1)
printf ' ' >> "$img"
run tampered 1280x720 "wait 100
quit" --feed "$OUT/tampered"
if [ $rc -eq 0 ] && grep '^<3>feed:' "$OUT/tampered.log" | grep -q "${img#$OUT/tampered/}" && [ "$(scenes tampered)" -ge 1 ]; then
    ok "tampered asset: refused naming the file, bundled content shown"
else
    not_ok "tampered asset: refused naming the file, bundled content shown (rc=$rc)" "$OUT/tampered.log"
fi
"$FEEDTOOL" check "$OUT/tampered" > "$OUT/tampered-check.out" 2>&1
if [ $? -ne 0 ] && grep -q "${img#$OUT/tampered/}" "$OUT/tampered-check.out"; then
    ok "qingfeng-feed check names the tampered asset"
else
    not_ok "qingfeng-feed check names the tampered asset" "$OUT/tampered-check.out"
fi

# --- a missing font stops start-up and names the Debian package
printf '[fonts]\nkai = No Such Kai Face\n' > "$OUT/nofont.conf"
"$KIOSK" --config "$OUT/nofont.conf" --windowed --size 640x480 --script "$OUT/hour.script" --shots "$OUT" \
    > /dev/null 2> "$OUT/nofont.log"
rc=$?
if [ $rc -ne 0 ] && grep '^<3>' "$OUT/nofont.log" | grep -q 'No Such Kai Face' && grep -q 'fonts-arphic-ukai' "$OUT/nofont.log"; then
    ok "missing font: start-up stops naming the font and the package"
else
    not_ok "missing font: start-up stops naming the font and the package (rc=$rc)" "$OUT/nofont.log"
fi

# --- make install puts a working kiosk with its bundled feed under DESTDIR
rm -rf "$OUT/inst"
if make -s install BUILD="$BUILD" DESTDIR="$OUT/inst" PREFIX=/usr > "$OUT/install.log" 2>&1; then
    "$OUT/inst/usr/bin/qingfeng" --windowed --size 800x600 --script "$OUT/input.script" --shots "$OUT" \
        > /dev/null 2> "$OUT/installed.log"
    rc=$?
    if [ $rc -eq 0 ] && grep -q "^<6>feed: .*/inst/usr/share/qingfeng/feed: " "$OUT/installed.log" &&
        [ "$(grep -c '^<6>scene:' "$OUT/installed.log")" -ge 2 ] && ! grep -qE '^<[0-4]>' "$OUT/installed.log"; then
        ok "installed copy runs on its bundled feed and assets"
    else
        not_ok "installed copy runs on its bundled feed and assets (rc=$rc)" "$OUT/installed.log"
    fi
else
    not_ok "make install into DESTDIR" "$OUT/install.log"
fi

echo "e2e: $passed passed, $failed failed"
[ $failed -eq 0 ]
