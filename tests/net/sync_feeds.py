#!/usr/bin/env python3
"""Builds the signed feeds the sync fault tests (tests/net/test_sync.c) ask
nginx for: one folder per scenario under OUT, each a feed made by the real
feed tool and signed with the real minisign, then broken on purpose where
the scenario says so. Standard library only.

Usage: sync_feeds.py FEED_TOOL OUT KEYS
  FEED_TOOL  build/qingfeng-feed
  OUT        the folder nginx serves as /sync/
  KEYS       where a.pub/a.key (the screen's key) and b.pub/b.key (a
             stranger's) are made

Every feed has a maxim and two stories: one shows images/base.svg (the
same in every scenario, so after the first sync the store has it), the
other images/pic.png or images/pic.svg, whose bytes differ from scenario to
scenario, so that each one makes the sync download exactly that picture.
"""

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib

BASE_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n'


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(seed, width=4, height=4, idat=None):
    """A complete, valid RGB PNG whose pixels depend on seed. With idat, the
    IDAT chunk holds those bytes instead (the header still says
    width x height)."""
    if idat is None:
        row = b"\x00" + bytes((seed * 40 + i) % 256 for i in range(width * 3))
        idat = zlib.compress(row * height)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) +
            png_chunk(b"IEND", b""))


def bad_idat_crc(data):
    """The same PNG with its IDAT chunk's CRC changed: the header still
    reads well, the file does not decode."""
    data = bytearray(data)
    crc = data.index(b"IEND") - 8  # IDAT's CRC, then IEND's length
    data[crc] ^= 0xff
    return bytes(data)


def svg(seed):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
            '<rect width="8" height="8" fill="#%06x"/></svg>\n' % (seed * 0x10101 % 0xffffff)).encode()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def run(*cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        sys.exit("sync_feeds: %s failed: %s" % (" ".join(cmd), r.stdout.decode(errors="replace")))


class Feeds:
    def __init__(self, tool, out, keys):
        self.tool, self.out, self.keys = tool, out, keys
        self.src = os.path.join(out, ".src")

    def sign(self, name, key="a"):
        run("minisign", "-S", "-s", os.path.join(self.keys, key + ".key"), "-m", self.feed(name))

    def feed(self, name):
        return os.path.join(self.out, name, "feed.json")

    def build(self, name, pic_name, pic, key="a", title="一"):
        """Builds the feed NAME whose second story shows pic_name (pic's
        bytes), signed with key (None: unsigned)."""
        shutil.rmtree(self.src, ignore_errors=True)
        write(os.path.join(self.src, "maxims/a.md"),
              ("---\ntitle: %s\nauthor: 甲\n---\n清心为治本。\n" % title).encode())
        write(os.path.join(self.src, "stories/s.md"),
              "---\ntitle: 故事\nlead: 一句导语。\nimage: images/base.svg\n---\n正文。\n".encode())
        write(os.path.join(self.src, "stories/t.md"),
              ("---\ntitle: 图片\nlead: 另一句导语。\nimage: images/%s\n---\n正文。\n" % pic_name).encode())
        write(os.path.join(self.src, "images/base.svg"), BASE_SVG)
        write(os.path.join(self.src, "images", pic_name), pic)
        shutil.rmtree(os.path.join(self.out, name), ignore_errors=True)
        run(self.tool, "build", self.src, "-o", os.path.join(self.out, name))
        shutil.rmtree(self.src)
        if key:
            self.sign(name, key)

    def edit_json(self, name, change):
        """Rewrites feed.json of NAME through change(dict) and signs it
        again: a feed the builder would never write, with a good signature."""
        with open(self.feed(name), encoding="utf-8") as f:
            doc = json.load(f)
        change(doc)
        write(self.feed(name), json.dumps(doc, ensure_ascii=False, indent=2).encode())
        self.sign(name)

    def edit_bytes(self, name, change, resign=True):
        with open(self.feed(name), "rb") as f:
            data = f.read()
        write(self.feed(name), change(data))
        if resign:
            self.sign(name)

    def picture(self, name, pic_name):
        return os.path.join(self.out, name, "images", pic_name)


def add_asset(path):
    def change(doc):
        doc["_qingfeng"]["assets"].append(
            {"path": path, "size": 4, "sha256": hashlib.sha256(b"evil").hexdigest()})
    return change


def flip_one_byte(path):
    """The same size, one byte changed (a hex digit of the fill colour)."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    i = data.index(b'fill="#') + len(b'fill="#')
    data[i] = ord("a") if data[i] != ord("a") else ord("b")
    write(path, bytes(data))


def main():
    tool, out, keys = sys.argv[1:4]
    os.makedirs(keys, exist_ok=True)
    for k in ("a", "b"):
        run("minisign", "-G", "-W", "-f", "-p", os.path.join(keys, k + ".pub"), "-s", os.path.join(keys, k + ".key"))
    fs = Feeds(tool, out, keys)

    # The first good sync, and the version a later good round brings.
    fs.build("good", "pic.png", png(1))
    fs.build("recover-ready", "pic.png", png(2), title="二")

    # The feed and its signature.
    fs.build("nosig", "pic.png", png(1), key=None)
    fs.build("tampered", "pic.png", png(1))
    fs.edit_bytes("tampered", lambda d: d.replace("清心为治本".encode(), "清心为治末".encode()), resign=False)
    fs.build("keyb", "pic.png", png(1), key="b")

    # Feeds whose signature is good but whose text is not.
    fs.build("badjson", "pic.png", png(1))
    fs.edit_bytes("badjson", lambda d: d[:len(d) // 2])
    fs.build("badutf8", "pic.png", png(1))
    fs.edit_bytes("badutf8", lambda d: d.replace("故事".encode(), b"\xe6\x95\xff\xe4\xba\x8b", 1))
    fs.build("escape-dotdot", "pic.png", png(1))
    fs.edit_json("escape-dotdot", add_asset("../x.png"))
    fs.build("escape-abs", "pic.png", png(1))
    fs.edit_json("escape-abs", add_asset("/etc/passwd"))

    # Assets that are not what the feed pins.
    fs.build("sha", "pic.svg", svg(3))
    flip_one_byte(fs.picture("sha", "pic.svg"))
    fs.build("short", "pic.svg", svg(4))
    with open(fs.picture("short", "pic.svg"), "r+b") as f:
        f.truncate(os.path.getsize(fs.picture("short", "pic.svg")) - 7)
    fs.build("long", "pic.svg", svg(5))
    with open(fs.picture("long", "pic.svg"), "ab") as f:
        f.write(b"<!-- more than was pinned -->" * 4)
    fs.build("big", "pic.png", png(6))
    fs.build("missing", "pic.png", png(7))
    os.remove(fs.picture("missing", "pic.png"))

    # Pictures: one that does not decode (its IDAT chunk's CRC is wrong),
    # and a well-formed one claiming 50000 x 50000 pixels.
    fs.build("nodecode", "pic.png", bad_idat_crc(png(8)))
    fs.build("bomb", "pic.png", png(9, 50000, 50000, idat=zlib.compress(b"\x00" * 64)))

    # An asset the server redirects to another host (nginx: /sync/redirect/images/
    # -> http://localhost:PORT/sync/redirect-target/images/).
    fs.build("redirect", "pic.png", png(10))
    shutil.copytree(os.path.join(out, "redirect", "images"), os.path.join(out, "redirect-target", "images"))
    os.remove(fs.picture("redirect", "pic.png"))


if __name__ == "__main__":
    main()
