#!/usr/bin/env python3
# words.py ARTICLE TREE.json MESSAGES — for the corpus test of test-reader.sh:
# the tree has a headline, and every word of the article's body (after its
# title line, without the lines -v reported as dropped boilerplate or as
# moved to the metadata (bylines, agency codes, standfirsts), with the
# control characters hygiene removes taken out) appears in the tree's text in
# the same order.  Exit 1 with the first missing word and its context.
import html
import json
import re
import sys

src, tree, msgs = sys.argv[1:4]
t = json.load(open(tree, encoding="utf-8"))
if not t["meta"]["title"].strip():
    sys.exit("no headline")

dropped = set()
for line in open(msgs, encoding="utf-8", errors="replace"):
    m = re.match(r"warta: .*?:(\d+):\d+: note: (boilerplate line dropped|byline moved|byline dropped"
                 r"|agency code moved|standfirst moved)", line)
    if m:
        dropped.add(int(m.group(1)))

raw = open(src, "rb").read().decode("utf-8", errors="replace")
raw = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "", raw)
lines = raw.replace("\r\n", "\n").split("\n")
first = next(i for i, l in enumerate(lines) if l.strip())
body = html.unescape("\n".join(l for i, l in enumerate(lines) if i > first and (i + 1) not in dropped))

WORD = re.compile(r"\w+")


def texts(n):
    """The tree's text in document order."""
    if n["type"] == "heading" and n.get("number"):
        yield n["number"]
    if n["type"] == "list" and n["ordered"]:
        for i, c in enumerate(n.get("children", [])):
            yield str(n["start"] + i)
            yield from texts(c)
        return
    for key in ("text", "url"):
        if key in n and n[key] and n["type"] != "document":
            yield n[key]
    for c in n.get("children", []):
        yield from texts(c)


have = WORD.findall(" ".join(texts(t["body"])))
want = WORD.findall(body)
j = 0
for i, w in enumerate(want):
    k = j
    while k < len(have) and have[k] != w:
        k += 1
    if k == len(have):
        sys.exit("word %d %r missing (after %r)" % (i, w, " ".join(want[max(0, i - 8):i])))
    j = k + 1
