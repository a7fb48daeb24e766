#!/usr/bin/env python3
"""roundtrip.py TREE.json TEXT.txt — checks that the text of every block of
the article tree (warta -t json) appears in the PDF's text (pdftotext -raw),
in reading order.  A figure's caption and credit float with it (to the top
of a column or of a page, maybe inside a paragraph that runs on): each must
be in the text, and is taken out of it before the blocks are followed.
Whitespace is ignored (lines are joined), and so is case
(uppercase and small-caps styles).  Prints what is missing; exit 1 then."""
import json, sys, re

LEAVES = {'paragraph', 'heading', 'code_block', 'table_cell'}
# print-url = footnote (the default styles): a link's URL is a note whose
# number follows the link text (README "Styles"); id(node) -> number
LINK_NOTES = {}


def bare(u):
    u = u.strip()
    for p in ('https://', 'http://', 'mailto:', 'www.', 'www.'):
        if u.lower().startswith(p):
            u = u[len(p):]
    return u.lower().strip().rstrip('/')


def number_links(n, first, by_url, skip=False):
    t = n.get('type')
    if t in ('table', 'footnote_definition', 'orphan_caption', 'code_block', 'html_block'):
        skip = True
    if t == 'link' and not skip:
        url = n.get('url') or ''
        text = ''.join(inline_text(c) for c in n.get('children', []))
        if n.get('active') and url and not url.startswith('#') and bare(text) and bare(text) != bare(url):
            if url not in by_url:
                by_url[url] = first + len(by_url) + 1
            LINK_NOTES[id(n)] = str(by_url[url])
    for c in n.get('children', []):
        number_links(c, first, by_url, skip)


def inline_text(n):
    t = n.get('type')
    if t in ('text', 'code'):
        return n.get('text', '')
    if t == 'dateline':
        s = n.get('place') or ''
        if n.get('agency'):
            s += ' (' + n['agency'] + ')'
        return s + ' \u2014 '
    if t in ('softbreak', 'linebreak'):
        return ' '
    if t == 'html_inline':
        return ''
    if t == 'footnote_reference':
        return str(n.get('index', ''))
    s = ''.join(inline_text(c) for c in n.get('children', []))
    if t == 'quote':
        s = (n.get('open') or '') + s + (n.get('close') or '')
    if t == 'link':
        s += LINK_NOTES.get(id(n), '')
    return s


def blocks(n, out):
    t = n.get('type')
    if t == 'html_block':
        return
    if t == 'footnote_definition':
        # set at the foot of the page as "N text"
        out.append(str(n.get('index', '')) + ' '.join(inline_text(c) for c in n.get('children', [])))
        return
    if t in LEAVES:
        if t == 'code_block':
            out.append(n.get('text', ''))
        else:
            s = inline_text(n)
            if t == 'heading' and n.get('number'):
                s = n['number'] + s
            out.append(s)
        return
    for c in n.get('children', []):
        blocks(c, out)


def floats(n, out):
    """The caption and credit texts of the tree's figures."""
    if n.get('type') in ('caption', 'credit'):
        out.append(inline_text(n))
        return
    for c in n.get('children', []):
        floats(c, out)


def norm(s):
    s = s.replace('\u00ad', '').replace('\u2010', '').replace('\u2028', '')
    s = re.sub('[\u200e\u200f\u202a-\u202e\u2066-\u2069]', '', s)
    # emoji: no font of the set has them; warta warns and leaves them out
    s = re.sub('[\U0001f000-\U0001ffff\u2600-\u27bf\ufe0f\u200d]', '', s)
    return re.sub(r'\s+', '', s).casefold()


RTL = re.compile('[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]')


def rtl_ok(k, pdf):
    """Poppler splits Arabic ligatures (lam-alef) and marks out of their words,
    so right-to-left blocks are checked character by character: every
    character of the block must be in the text as often as the block has it."""
    need = {}
    for ch in k:
        need[ch] = need.get(ch, 0) + 1
    return all(pdf.count(ch) >= n for ch, n in need.items())


def main():
    tree = json.load(open(sys.argv[1], encoding='utf-8'))
    pdf = norm(open(sys.argv[2], encoding='utf-8').read())
    want = []
    first = max([c.get('index', 0) for c in tree['body'].get('children', [])
                 if c.get('type') == 'footnote_definition'] + [0])
    number_links(tree['body'], first, {})
    blocks(tree['body'], want)
    pos, bad = 0, 0
    caps = []
    floats(tree['body'], caps)
    for c in caps:
        k = norm(c)
        if not k or RTL.search(k):
            continue
        i = pdf.find(k)
        if i < 0:
            bad += 1
            print('missing caption', repr(c[:80]))
            continue
        pdf = pdf[:i] + pdf[i + len(k):]
    for w in want:
        k = norm(w)
        if not k:
            continue
        if RTL.search(k):
            if not rtl_ok(k, pdf):
                bad += 1
                print('missing characters of', repr(w[:80]))
            continue
        i = pdf.find(k, pos)
        if i < 0:
            bad += 1
            j = pdf.find(k)
            print('missing' if j < 0 else 'out of order', repr(w[:80]))
            if bad > 5:
                break
            continue
        pos = i + len(k)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
