#!/usr/bin/env python3
"""chars.py TREE.json TEXT.txt — nothing lost: every character of the
article's title and blocks (warta -t json) is in the PDF's text (pdftotext)
at least as often as the article has it.  Whitespace and the invisible
format characters (bidi marks, joiners, variation selectors) aside.  Counting
characters, not words, is what works for every script: Poppler gives the
characters of a cluster back, not always in the order typed.  Prints each
missing character; exit 1 then."""
import json, re, sys, unicodedata

sys.path.insert(0, sys.path[0] + '/../print')
from roundtrip import blocks  # noqa: E402


def emoji(ch):
    """Emoji are drawn from Noto Color Emoji's bitmaps, which Cairo 1.16
    writes as images: on the page, not in the text layer (tested apart)."""
    o = ord(ch)
    return 0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or o == 0x20E3


def keep(ch):
    return not ch.isspace() and unicodedata.category(ch) != 'Cf' and not (
        '\ufe00' <= ch <= '\ufe0f') and ch != '\u00ad' and not emoji(ch)


def count(s):
    s = re.sub('[0-9#*]\ufe0f?\u20e3', '', s)   # keycaps: emoji too
    c = {}
    for ch in s:
        if keep(ch):
            c[ch] = c.get(ch, 0) + 1
    return c


def main():
    tree = json.load(open(sys.argv[1], encoding='utf-8'))
    pdf = count(open(sys.argv[2], encoding='utf-8').read())
    want = [tree.get('title') or '']
    blocks(tree['body'], want)
    need = count(' '.join(want))
    bad = 0
    for ch, n in sorted(need.items()):
        if pdf.get(ch, 0) < n:
            print('missing U+%04X %s: %d in the article, %d in the PDF' % (ord(ch), ch, n, pdf.get(ch, 0)))
            bad += 1
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
