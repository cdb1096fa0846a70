#!/usr/bin/env python3
"""Makes a large content source for the sync benchmark: a copy of SRC
(the bundled sample content) grown to N items with maxims and stories;
every added story has a picture of its own (a sample SVG with its own
colour and label), so assets differ as they would in a real feed.

Usage: gen_feed.py SRC OUT N
"""

import os
import shutil
import sys


def count_items(root):
    return sum(len([f for f in os.listdir(os.path.join(root, d)) if f.endswith(".md")])
               for d in ("maxims", "cases", "stories") if os.path.isdir(os.path.join(root, d)))


def main():
    src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(src, out)
    template = open(os.path.join(src, "images", "story-zhiyuan.svg"), encoding="utf-8").read()
    story = open(os.path.join(src, "stories", "hong-ma-jia.md"), encoding="utf-8").read()
    body = story.split("---", 2)[2]
    have = count_items(out)
    for i in range(n - have):
        if i % 2 == 0:
            path = os.path.join(out, "maxims", "gen-maxim-%04d.md" % i)
            text = ("---\ntitle: 示例廉语第%d则\nauthor: 佚名\nsource: 《示例汇编》第%d篇\ntags: [修身]\nweight: 1\n---\n"
                    "清廉为本第%d则，\n慎独慎微守初心。\n" % (i, i, i))
        else:
            name = "gen-%04d.svg" % i
            colour = "#%02x%02x%02x" % (i * 37 % 256, i * 91 % 256, i * 53 % 256)
            svg = template.replace("</svg>", '<rect x="0" y="0" width="40" height="40" fill="%s"/>'
                                   '<!-- %d --></svg>' % (colour, i))
            with open(os.path.join(out, "images", name), "w", encoding="utf-8") as f:
                f.write(svg)
            image = "image: images/%s\n" % name
            path = os.path.join(out, "stories", "gen-story-%04d.md" % i)
            text = ("---\ntitle: 【示例】身边典型第%d篇\nlead: 示例故事第%d篇：机关党员服务群众的日常。\n%s"
                    "tags: [示例]\nweight: 1\n---\n%s" % (i, i, image, body))
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
