#!/usr/bin/env python3
"""Checks the 知识挑战赛 question banks under content/quiz (or the folders
and files given) against the CSV format of app/core/qbank.h, then prints
counts per category, type and difficulty and the answer letters of the
single-choice questions. Standard library only.

Usage: check_bank.py [PATH ...]        (default: content/quiz)
       check_bank.py --self-test       (runs the checker on broken samples)

Each file is UTF-8 (with or without BOM) or GB18030/GBK, detected from the
bytes. Rules checked, row by row:

  - header names the columns 题型 题干 选项A-选项D 答案 解析 出处 分类 难度
    (选项E, 选项F optional; any order; no unknown or repeated column);
  - 题型 is 单选, 多选 or 判断; 难度 is 易, 中 or 难;
  - 题干, 解析, 出处, 分类 are not empty; 分类 names the file (the file is
    <分类>.csv or <分类>-<anything>.csv);
  - options have no gap (an empty option before a filled one) and no
    repeats; 单选/多选 have at least 2 options; 判断 leaves them all empty;
  - 答案: 单选 exactly one letter, 多选 two or more distinct letters, each
    naming a filled option; 判断 正确/错误 (also 对/错, A/B as qbank.h
    allows);
  - lengths within the screen's limits (题干 150, 选项 60, 解析 400,
    出处 80 characters, as for the 学后测 of cases);
  - no row with more cells than the header;
  - no 题干 twice, in one file or across files (the question id is the
    SHA-256 of the stem).

Exit status 0 when every file passes, 1 otherwise (every problem listed).
"""

import codecs
import collections
import csv
import io
import os
import sys
import tempfile

REQUIRED = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "出处", "分类", "难度"]
OPTIONAL = ["选项E", "选项F"]
LETTERS = "ABCDEF"
TYPES = ("单选", "多选", "判断")
LEVELS = ("易", "中", "难")
JUDGE_ANSWERS = {"正确": True, "对": True, "A": True, "错误": False, "错": False, "B": False}
MAX_CHARS = {"题干": 150, "选项": 60, "解析": 400, "出处": 80}


def decode(data):
    """(text, encoding name) or raises UnicodeDecodeError."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("gb18030")  # GBK is a subset
    try:
        text.encode("gbk")
        return text, "GBK"
    except UnicodeEncodeError:
        return text, "GB18030"


class Checker:
    def __init__(self):
        self.errors = []
        self.stems = {}  # normalised stem -> "file:row"
        self.rows = []   # (category, type, level, answer)
        self.files = []

    def err(self, where, column, what):
        col = ' column "%s":' % column if column else ""
        self.errors.append("%s:%s %s" % (where, col, what))

    def check_file(self, path):
        with open(path, "rb") as f:
            data = f.read()
        try:
            text, enc = decode(data)
        except UnicodeDecodeError as e:
            self.err(path, None, "bad encoding (neither UTF-8 nor GB18030): %s" % e)
            return
        self.files.append((path, enc))
        stem = os.path.splitext(os.path.basename(path))[0]
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            table = list(reader)
        except csv.Error as e:
            self.err(path, None, "not valid CSV: %s" % e)
            return
        if not table:
            self.err(path, None, "empty file; the first row must be the header")
            return
        header = [h.strip() for h in table[0]]
        cols = {}
        for i, h in enumerate(header):
            if h in cols:
                self.err("%s:1" % path, h, "column named twice")
            elif h not in REQUIRED + OPTIONAL:
                self.err("%s:1" % path, h, "unknown column; allowed: %s" % " ".join(REQUIRED + OPTIONAL))
            cols[h] = i
        missing = [h for h in REQUIRED if h not in cols]
        if missing:
            self.err("%s:1" % path, None, "missing column(s): %s" % " ".join(missing))
            return
        if "选项F" in cols and "选项E" not in cols:
            self.err("%s:1" % path, "选项F", "选项F without 选项E")
        opt_cols = [c for c in ("选项A", "选项B", "选项C", "选项D", "选项E", "选项F") if c in cols]
        for n, cells in enumerate(table[1:], start=2):
            if not any(c.strip() for c in cells):
                continue  # blank line at the end of an Excel export
            self.check_row("%s:%d" % (path, n), stem, header, cols, opt_cols, cells)

    def check_row(self, where, stem, header, cols, opt_cols, cells):
        if len(cells) > len(header):
            self.err(where, None, "%d cells but the header has %d columns; quote cells with commas" % (len(cells), len(header)))
            return

        def get(name):
            i = cols[name]
            return cells[i].strip() if i < len(cells) else ""

        qtype, q, ans, expl, src, cat, level = (get(c) for c in ("题型", "题干", "答案", "解析", "出处", "分类", "难度"))
        opts = [get(c) for c in opt_cols]
        if qtype not in TYPES:
            self.err(where, "题型", "%r is not one of %s" % (qtype, "/".join(TYPES)))
        if level not in LEVELS:
            self.err(where, "难度", "%r is not one of %s" % (level, "/".join(LEVELS)))
        for name, value in (("题干", q), ("解析", expl), ("出处", src), ("分类", cat)):
            if not value:
                self.err(where, name, "empty")
        if cat and stem != cat and not stem.startswith(cat + "-"):
            self.err(where, "分类", "%r does not match the file name %r (<分类>.csv or <分类>-….csv)" % (cat, stem))
        for name, value in (("题干", q), ("解析", expl), ("出处", src)):
            if len(value) > MAX_CHARS[name]:
                self.err(where, name, "%d characters, at most %d" % (len(value), MAX_CHARS[name]))
        for c, o in zip(opt_cols, opts):
            if len(o) > MAX_CHARS["选项"]:
                self.err(where, c, "%d characters, at most %d" % (len(o), MAX_CHARS["选项"]))

        filled = 0
        for i, o in enumerate(opts):
            if o:
                if i > filled:
                    self.err(where, opt_cols[i], "filled after the empty %s; options must have no gap" % opt_cols[filled])
                    break
                filled += 1
        seen = {}
        for c, o in zip(opt_cols, opts):
            if o and o in seen:
                self.err(where, c, "same text as %s" % seen[o])
            seen.setdefault(o, c)

        if qtype == "判断":
            if any(opts):
                self.err(where, "选项A", "判断 questions leave every option empty")
            if ans not in JUDGE_ANSWERS:
                self.err(where, "答案", "%r: a 判断 answer is 正确 or 错误" % ans)
            answer_key = "正确" if JUDGE_ANSWERS.get(ans) else "错误"
        elif qtype in ("单选", "多选"):
            if filled < 2:
                self.err(where, "选项A", "%d option(s); a %s question needs at least 2" % (filled, qtype))
            letters = ans.upper().replace(" ", "")
            if not letters or any(ch not in LETTERS for ch in letters):
                self.err(where, "答案", "%r: write option letters such as A or ACD" % ans)
            elif len(set(letters)) != len(letters):
                self.err(where, "答案", "%r names an option twice" % ans)
            else:
                for ch in letters:
                    if LETTERS.index(ch) >= filled:
                        self.err(where, "答案", "%s names an empty or missing option" % ch)
                if qtype == "单选" and len(letters) != 1:
                    self.err(where, "答案", "%r: a 单选 question has exactly one answer" % ans)
                if qtype == "多选" and len(letters) < 2:
                    self.err(where, "答案", "%r: a 多选 question has two or more answers" % ans)
            answer_key = "".join(sorted(letters))
        else:
            answer_key = ans

        key = "".join(q.split())
        if key:
            if key in self.stems:
                self.err(where, "题干", "duplicate question, first at %s" % self.stems[key])
            else:
                self.stems[key] = where
        self.rows.append((cat, qtype, level, answer_key))

    def report(self, out):
        rows = self.rows
        total = len(rows)
        out.write("Files:\n")
        for path, enc in self.files:
            out.write("  %s (%s)\n" % (path, enc))
        out.write("Questions: %d\n" % total)
        if not total:
            return

        def pct(n):
            return "%d (%.0f%%)" % (n, 100.0 * n / total)

        by_cat = collections.OrderedDict()
        for cat, t, lv, _ in rows:
            by_cat.setdefault(cat, collections.Counter())
            by_cat[cat][t] += 1
            by_cat[cat][lv] += 1
            by_cat[cat]["all"] += 1
        out.write("Per category:           all  单选 多选 判断    易   中   难\n")
        for cat, c in by_cat.items():
            out.write("  %s%s %4d %5d %4d %4d %5d %4d %4d\n" % (
                cat, " " * max(0, 20 - 2 * len(cat)), c["all"], c["单选"], c["多选"], c["判断"], c["易"], c["中"], c["难"]))
        types = collections.Counter(t for _, t, _, _ in rows)
        levels = collections.Counter(lv for _, _, lv, _ in rows)
        out.write("Per type: %s\n" % ", ".join("%s %s" % (t, pct(types[t])) for t in TYPES))
        out.write("Per difficulty: %s\n" % ", ".join("%s %s" % (lv, pct(levels[lv])) for lv in LEVELS))
        single = collections.Counter(a for _, t, _, a in rows if t == "单选")
        out.write("单选 answers: %s\n" % ", ".join("%s %d" % (ch, single[ch]) for ch in LETTERS if single[ch] or ch <= "D"))
        multi = collections.Counter(len(a) for _, t, _, a in rows if t == "多选")
        out.write("多选 answer sizes: %s\n" % ", ".join("%d letters %d" % (k, multi[k]) for k in sorted(multi)))
        judge = collections.Counter(a for _, t, _, a in rows if t == "判断")
        out.write("判断 answers: 正确 %d, 错误 %d\n" % (judge["正确"], judge["错误"]))


def csv_paths(args):
    paths = []
    for a in args:
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs.sort()
                paths += [os.path.join(root, f) for f in sorted(files) if f.lower().endswith(".csv")]
        else:
            paths.append(a)
    return paths


def run(args, out):
    paths = csv_paths(args)
    c = Checker()
    if not paths:
        c.errors.append("no .csv file under %s" % " ".join(args))
    for p in paths:
        c.check_file(p)
    c.report(out)
    for e in c.errors:
        out.write("ERROR %s\n" % e)
    out.write("%s: %d problem(s)\n" % ("FAIL" if c.errors else "OK", len(c.errors)))
    return c


HEAD = "题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,解析,出处,分类,难度\n"
GOOD = "单选,题一,甲,乙,丙,,,,B,因为乙。,某文件,样例,易\n"
BROKEN = {
    "type": ("单项,题一,甲,乙,,,,,A,解,出,样例,易\n", '"题型"'),
    "level": ("单选,题一,甲,乙,,,,,A,解,出,样例,很难\n", '"难度"'),
    "gap": ("单选,题一,甲,,丙,,,,A,解,出,样例,易\n", "no gap"),
    "letter": ("单选,题一,甲,乙,,,,,C,解,出,样例,易\n", "empty or missing option"),
    "single2": ("单选,题一,甲,乙,丙,,,,AB,解,出,样例,易\n", "exactly one"),
    "multi1": ("多选,题一,甲,乙,丙,,,,A,解,出,样例,易\n", "two or more"),
    "judge_opt": ("判断,题一,甲,,,,,,正确,解,出,样例,易\n", "leave every option empty"),
    "judge_ans": ("判断,题一,,,,,,,是,解,出,样例,易\n", "正确 or 错误"),
    "no_expl": ("单选,题一,甲,乙,,,,,A,,出,样例,易\n", '"解析": empty'),
    "no_src": ("单选,题一,甲,乙,,,,,A,解,,样例,易\n", '"出处": empty'),
    "category": ("单选,题一,甲,乙,,,,,A,解,出,别的,易\n", "does not match"),
    "dup": (GOOD + "判断,题 一,,,,,,,错误,解,出,样例,中\n", "duplicate question"),
    "cells": ("单选,题一,甲,乙,,,,,A,解,出,样例,易,多余\n", "cells but the header"),
    "repeat_opt": ("单选,题一,甲,甲,,,,,A,解,出,样例,易\n", "same text"),
}


def self_test():
    failed = 0
    with tempfile.TemporaryDirectory() as d:
        def write(name, body, enc="utf-8"):
            p = os.path.join(d, name, "样例.csv")
            os.makedirs(os.path.dirname(p))
            with open(p, "wb") as f:
                f.write(body.encode(enc))
            return os.path.dirname(p)

        for enc, bom in (("utf-8", ""), ("utf-8", "\ufeff"), ("gbk", "")):
            c = run([write("good-%s%s" % (enc, len(bom)), bom + HEAD + GOOD, enc)], io.StringIO())
            if c.errors or len(c.rows) != 1:
                print("self-test: good file in %s%s rejected: %s" % (enc, " BOM" if bom else "", c.errors))
                failed += 1
        c = run([write("missing", HEAD.replace(",解析", "") + GOOD)], io.StringIO())
        if not any("missing column" in e for e in c.errors):
            print("self-test: missing column not reported")
            failed += 1
        for name, (row, expect) in BROKEN.items():
            c = run([write(name, HEAD + row)], io.StringIO())
            if not any(expect in e for e in c.errors):
                print("self-test: %s: expected %r, got %s" % (name, expect, c.errors))
                failed += 1
    print("self-test: %s" % ("FAIL" if failed else "OK"))
    return 1 if failed else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    args = argv[1:] or [os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "content", "quiz")]
    args = [os.path.relpath(a) if os.path.isabs(a) and os.path.abspath(a).startswith(os.getcwd() + os.sep) else os.path.normpath(a) for a in args]
    c = run(args, sys.stdout)
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
