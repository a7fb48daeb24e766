#!/usr/bin/env python3
# bookcheck.py — checks one single-article EPUB against the reader's tree of
# the same article (warta -o X.json), for tests/epub/test-epub.sh.  Prints TAP
# lines "ok - NAME: …" / "not ok - NAME: …":
#   text     pandoc reads the book back (-f epub -t plain) and its words are the
#            tree's words: the body in order, headline, deck, byline, date,
#            source and notes present, and little else;
#   toc      every numbered heading is in nav.xhtml as "N. Title", in order;
#   dateline a dateline in the tree is a dateline span followed by an em dash;
#   quotes   every quotation keeps its marks inside its span;
#   cover    a cover-image item and cover.xhtml first in the spine;
#   lang     <html lang xml:lang> is the tree's language, dir="rtl" iff rtl.
# Usage: bookcheck.py NAME BOOK.epub TREE.json
import json
import re
import subprocess
import sys
import zipfile

CJK = '\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af'
WORD = re.compile('[' + CJK + ']|[^\\W_' + CJK + ']+')


def words(s):
    return [w.casefold() for w in WORD.findall(s or '')]


def report(name, what, good, detail=''):
    print(('ok' if good else 'not ok') + ' - %s: %s' % (name, what))
    if not good and detail:
        for line in str(detail).splitlines()[:20]:
            print('#   ' + line)


INLINE = {'text', 'softbreak', 'linebreak', 'emph', 'strong', 'strikethrough', 'code',
          'html_inline', 'link', 'image', 'quote', 'footnote_reference', 'dateline'}


def inline_text(node):
    t = node.get('type')
    if t in ('text', 'code', 'html_inline'):
        return node.get('text') or ''
    if t in ('softbreak', 'linebreak'):
        return ' '
    if t == 'footnote_reference':
        return '[%s]' % node.get('index', '')
    if t == 'dateline':
        return ' '.join(x for x in (node.get('place'), node.get('agency')) if x) + ' '
    inner = ''.join(inline_text(c) for c in node.get('children', []))
    if t == 'quote':
        return (node.get('open') or '') + inner + (node.get('close') or '')
    return inner


def walk(node, body, notes, quotes, headings, datelines, in_note=False):
    """Words of the blocks in reading order (inline runs joined as pandoc
    joins them), and the quotations, numbered headings and datelines."""
    t = node.get('type')
    if t == 'orphan_caption':
        return      # a caption whose picture the scrape lost: in the tree, not set
    if t == 'footnote_definition':
        in_note = True
    out = notes if in_note else body
    if t == 'heading' and node.get('number'):
        out.extend(words(node['number']))
        headings.append(node)
    if t in ('code_block', 'html_block'):
        out.extend(words(node.get('text')))
    run = ''
    for c in node.get('children', []):
        if c.get('type') in INLINE:
            run += inline_text(c)
            collect(c, quotes, datelines)
            continue
        out.extend(words(run))
        run = ''
        walk(c, body, notes, quotes, headings, datelines, in_note)
    out.extend(words(run))


def collect(node, quotes, datelines):
    if node.get('type') == 'quote':
        quotes.append(node)
    if node.get('type') == 'dateline':
        datelines.append(node)
    for c in node.get('children', []):
        collect(c, quotes, datelines)


def subsequence(needle, hay):
    """Index in needle of the first word not found in order in hay, or None."""
    i = 0
    for w in hay:
        if i < len(needle) and w == needle[i]:
            i += 1
    return None if i == len(needle) else i


def main():
    name, book, tree = sys.argv[1:4]
    doc = json.load(open(tree, encoding='utf-8'))
    meta = doc['meta']
    z = zipfile.ZipFile(book)
    art = z.read('EPUB/text/a001.xhtml').decode('utf-8')
    nav = z.read('EPUB/nav.xhtml').decode('utf-8')
    opf = z.read('EPUB/package.opf').decode('utf-8')

    body, notes, quotes, headings, datelines = [], [], [], [], []
    walk(doc['body'], body, notes, quotes, headings, datelines)
    head = []
    for k in ('section', 'title', 'subtitle', 'author', 'date_text', 'source'):
        head.extend(words(meta.get(k)))

    text = subprocess.run(['pandoc', '-f', 'epub', '-t', 'plain', '--wrap=none', book],
                          capture_output=True, text=True)
    got = words(text.stdout)
    bad = [] if text.returncode == 0 else ['pandoc failed: ' + text.stderr]
    for label, seq in (('headline and meta', head), ('body', body), ('notes', notes)):
        miss = subsequence(seq, got)
        if miss is not None:
            bad.append('%s: word %d %r not found in order; context %r' %
                       (label, miss, seq[miss], ' '.join(seq[max(0, miss - 5):miss + 5])))
    # pandoc adds the cover's description (the title), the notes heading and
    # the note numbers; anything more is content we made up or doubled
    extra = len(got) - len(head) - len(body) - len(notes)
    # ordered list items are numbered by pandoc
    nnotes = art.count('epub:type="footnote"')
    nitems = sum(ol.count('<li') for ol in re.findall(r'<ol[ >].*?</ol>', art, re.S))
    allowed = len(words(meta.get('title'))) + 4 + 2 * nnotes + nitems
    if extra > allowed:
        from collections import Counter
        more = Counter(got) - Counter(head + body + notes)
        bad.append('%d words more than the article (allowed %d): %s' %
                   (extra, allowed, ' '.join(sorted(more.elements()))))
    report(name, 'pandoc reads back the article\'s text', not bad, '\n'.join(bad))

    labels = [re.sub(r'\s+', ' ', m) for m in re.findall(r'<a href="text/a001\.xhtml#sec-\d+">([^<]*)</a>', nav)]
    want = []
    for h in headings:
        want.append(h['number'] + ('.' if h['number'][-1:].isalnum() else ''))
    ok_toc = len(labels) >= len(want) and all(
        any(l.startswith(n + ' ') or l == n for l in labels) for n in want)
    pos = [next((i for i, l in enumerate(labels) if l.startswith(n + ' ') or l == n), -1) for n in want]
    ok_toc = ok_toc and pos == sorted(pos)
    report(name, 'toc lists the %d numbered sections' % len(want), ok_toc,
           'nav: %r\nwant: %r' % (labels, want))

    if datelines:
        place = datelines[0].get('place') or ''
        esc = place.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
        m = re.search(r'<span class="dateline[^"]*"[^>]*>' + re.escape(esc) + r'</span>( <span class="agency">[^<]*</span>)? \u2014 ', art)
        report(name, 'dateline in small caps with its em dash', m is not None, 'place %r' % place)
    else:
        report(name, 'no dateline in the tree, none in the book', 'class="dateline' not in art)

    missing = []
    spans = re.findall(r'<span class="q[^"]*"[^>]*>(.)', art)
    for q in quotes:
        o, c = q.get('open') or '', q.get('close') or ''
        if o and spans.count(o[0]) < sum(1 for x in quotes if (x.get('open') or '')[:1] == o[0]):
            missing.append('open ' + o)
        if c and c not in art:
            missing.append('close ' + c)
    report(name, 'quotations keep their marks (%d)' % len(quotes), not missing, ' '.join(sorted(set(missing))))

    spine = re.search(r'<spine[^>]*>\s*<itemref idref="([^"]+)"', opf)
    report(name, 'cover image and cover page first',
           'properties="cover-image"' in opf and spine is not None and spine.group(1) == 'cover')

    lang = meta['lang']
    html = re.search(r'<html [^>]*>', art).group(0)
    good = ('lang="%s" xml:lang="%s"' % (lang, lang)) in html and (('dir="rtl"' in html) == bool(meta.get('rtl')))
    report(name, 'language %s%s on the article' % (lang, ', rtl' if meta.get('rtl') else ''), good, html)


if __name__ == '__main__':
    main()
