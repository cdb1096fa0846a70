#!/bin/sh
# qingfeng-feed check DIR --pubkey KEY|FILE: the signed feed in
# tests/unit/data/minisign/feed (key A, made with minisign 0.11; the tool is
# not needed here), a copy of it changed in the ways that must fail, and the
# messages in both languages. Usage: tests/e2e/sign.sh BUILD_DIR
set -u
OUT=${OUT:-${1:-build}/e2e-sign}
. "$(dirname "$0")/lib.sh"

DATA=tests/unit/data/minisign
KEY_A=RWTR93d6TquruRmIpb4ICjS9E6I+65kboE46FuV5oxfJu1lGyDCwZYGd

# feed_check NAME ARGS...: runs the tool in English; output in $OUT/NAME.out
# (stdout) and $OUT/NAME.err, exit status in $rc.
feed_check() {
    name=$1
    shift
    env -u LC_ALL -u LC_MESSAGES LANG=C "$FEEDTOOL" check "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    rc=$?
}

# expect NAME RC TEXT FILE: the last run exited RC and FILE has TEXT.
expect() {
    if [ "$rc" -eq "$2" ] && grep -qF -- "$3" "$4"; then
        ok "$1"
    else
        echo "# exit $rc (want $2); want \"$3\" in:" > "$OUT/why"
        cat "$4" >> "$OUT/why"
        not_ok "$1" "$OUT/why"
    fi
}

fresh() {
    rm -rf "$OUT/feed"
    cp -r "$DATA/feed" "$OUT/feed"
}

feed_check good-file "$DATA/feed" --pubkey "$DATA/a.pub"
expect "good signature, key from a .pub file" 0 "signature ok: key id B9ABAB4E7A77F7D1, trusted comment: timestamp:1795334744" "$OUT/good-file.out"
feed_check good-inline --pubkey "$KEY_A" "$DATA/feed"
expect "good signature, key given inline before DIR" 0 "ok: 1 items (1 maxims, 0 cases, 0 stories), 1 assets" "$OUT/good-inline.out"
feed_check good-equals "$DATA/feed" --pubkey="$DATA/a.pub"
expect "--pubkey=FILE" 0 "signature ok: key id B9ABAB4E7A77F7D1" "$OUT/good-equals.out"

feed_check other-key "$DATA/feed" --pubkey "$DATA/b.pub"
expect "key B refuses key A's signature" 1 "feed.json.minisig: signed with key id B9ABAB4E7A77F7D1, but the configured key is 9266631854707EFA; " "$OUT/other-key.err"
if grep -q '^ok:' "$OUT/other-key.out"; then not_ok "no ok line when the signature is bad" "$OUT/other-key.out"; else ok "no ok line when the signature is bad"; fi

fresh
rm "$OUT/feed/feed.json.minisig"
feed_check missing "$OUT/feed" --pubkey "$DATA/a.pub"
expect "missing signature" 1 "$OUT/feed/feed.json.minisig: cannot read the signature (No such file or directory); sign the feed in its folder with minisign -Sm feed.json" "$OUT/missing.err"
feed_check unsigned-no-key "$OUT/feed"
expect "without --pubkey the signature is not needed" 0 "ok: 1 items" "$OUT/unsigned-no-key.out"

fresh
sed 's/包拯/包公/' "$DATA/feed/feed.json" > "$OUT/feed/feed.json"
feed_check changed "$OUT/feed" --pubkey "$DATA/a.pub"
expect "feed.json changed after signing" 1 "$OUT/feed/feed.json.minisig: the signature does not match the file: " "$OUT/changed.err"
expect "... counted as one problem" 1 "1 problem(s) found in $OUT/feed" "$OUT/changed.err"

fresh
sed 's/hashed$/hashed, approved/' "$DATA/feed/feed.json.minisig" > "$OUT/feed/feed.json.minisig"
feed_check comment "$OUT/feed" --pubkey "$DATA/a.pub"
expect "trusted comment changed" 1 "the trusted comment (line 3) or its signature (line 4) was changed" "$OUT/comment.err"

fresh
printf '<!-- -->' >> "$OUT/feed/images/dot.svg"
feed_check asset "$OUT/feed" --pubkey "$DATA/a.pub"
expect "a changed picture fails (pinned in the signed feed.json)" 1 "$OUT/feed/images/dot.svg: size is " "$OUT/asset.err"

fresh
rm "$OUT/feed/feed.json"
feed_check no-feed "$OUT/feed" --pubkey "$DATA/a.pub"
expect "no feed.json: said once" 1 "1 problem(s) found" "$OUT/no-feed.err"

feed_check no-key-file "$DATA/feed" --pubkey "$OUT/nothing.pub"
expect "key file missing" 1 "cannot read the public key file \"$OUT/nothing.pub\" (No such file or directory)" "$OUT/no-key-file.err"
feed_check bad-key "$DATA/feed" --pubkey RWTR93d6Tquru
expect "bad inline key" 1 "the key is not a minisign public key" "$OUT/bad-key.err"
feed_check no-key "$DATA/feed" --pubkey
expect "--pubkey without a key is wrong usage" 2 "give the public key after --pubkey" "$OUT/no-key.err"

env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$FEEDTOOL" check "$DATA/feed" --pubkey "$DATA/a.pub" > "$OUT/zh-good.out" 2>&1
rc=$?
expect "Chinese: good signature" 0 "签名核对通过：公钥编号 B9ABAB4E7A77F7D1，可信注释：timestamp:1795334744" "$OUT/zh-good.out"
env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$FEEDTOOL" check "$DATA/feed" --pubkey "$DATA/b.pub" > "$OUT/zh-bad.out" 2>&1
rc=$?
expect "Chinese: wrong key" 1 "签名所用密钥的编号是 B9ABAB4E7A77F7D1，但配置的公钥编号是 9266631854707EFA" "$OUT/zh-bad.out"

echo "sign: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
