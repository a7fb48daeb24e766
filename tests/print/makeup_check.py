#!/usr/bin/env python3
"""makeup_check.py — checks an edition made up on the baseline grid
(src/render/edition_pages.c) from its layout trace, and its PDF.

  makeup_check.py geometry TRACE [flow]    modules inside the grid, no two
      overlapping, every column of a page tiled to the foot within one grid
      line (but a section's last page), every body line on the grid
  makeup_check.py text TRACE PDF NAME=TREE.json …   each article's body read
      back from the PDF (pdftotext -bbox) leg by leg, module by module in page
      order (jumps followed), has every block of its tree in order
      (roundtrip.py's comparison); NAME is the article's number in the edition
  makeup_check.py jumps PDF                every "continued on" line links to
      its continuation on a later page and the continuation links back
  makeup_check.py lines TRACE MIN          run-on pages: every page but a
      section's last holds at least MIN body lines
  makeup_check.py pictures TRACE LEADS     every picture inside its module:
      a lead photo under the head, a body picture inside a leg; at least LEADS
      lead photos and one body picture
  makeup_check.py columns TRACE TREE.json  a single multi-column article:
      its lines on one grid shared by a page's columns, its headings aside
  makeup_check.py tombstones TRACE MOST    headlines side by side (head
      blocks of neighbouring modules level) on inside pages: at most MOST

Each prints what is wrong (exit 1) or a one-line summary (exit 0).
The trace format is doc/trace.md: "module aN cols C+K lines L+H X Y WxH"
(a0: the page's grid; a-1: a band of furniture: nameplate, flag, index)."""
import html
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from roundtrip import blocks, norm, rtl_ok, RTL  # noqa: E402

MOD = re.compile(r'^  module a(-?\d+) cols (\d+)\+(\d+) lines (\d+)\+(\d+) '
                 r'([\d.-]+) ([\d.-]+) ([\d.]+)x([\d.]+)$')
LINE = re.compile(r'^    +(-?[\d.]+) +(-?[\d.]+) (\S+) ')


def parse(trace):
    pages = []
    cur = None
    mod = None
    mark = None
    for raw in open(trace, encoding='utf-8'):
        s = raw.rstrip('\n')
        if s.startswith('page '):
            cur = {'grid': None, 'mods': [], 'bands': [], 'lines': []}
            pages.append(cur)
            mod = mark = None
            continue
        m = MOD.match(s)
        if m:
            art, c0, k, l0, h = (int(m.group(i)) for i in range(1, 6))
            x, y, w, hh = (float(m.group(i)) for i in range(6, 10))
            d = {'art': art, 'c0': c0, 'k': k, 'l0': l0, 'h': h, 'x': x, 'y': y, 'w': w, 'hh': hh,
                 'legs': []}
            if art == 0:
                cur['grid'] = d
                d['B'] = hh / h
            elif art < 0:
                cur['bands'].append(d)
            else:
                cur['mods'].append(d)
                mod = d
            mark = None
            continue
        if s.startswith('  column '):
            f = s.split()
            mark = 'column'
            # the leg goes on under a picture: the same column again
            if mod is not None and all(abs(x - float(f[2])) > 0.05 for x, _ in mod['legs']):
                mod['legs'].append((float(f[2]), float(f[3])))
            continue
        if s == '  figure':
            mark = 'figure' if mark != 'head' else 'photo'
            if mod is not None:
                mod.setdefault('figs', []).append({'kind': 'body' if mark == 'figure' else 'lead',
                                                   'after_head': mod.get('head_y')})
            continue
        if s.startswith('  '):
            if not s.startswith('    '):
                mark = s.strip()
                continue
        m = LINE.match(s)
        if m and mark == 'head' and mod is not None:
            mod['head_y'] = float(m.group(1))
        if m and mark in ('head', 'jump') and mod is not None and not mod['legs']:
            mod['head_bottom'] = float(m.group(1))
        if m and m.group(3) == 'figure' and mod is not None and mod.get('figs'):
            f = s.split()
            w, h = (float(v) for v in f[3].split('x'))
            mod['figs'][-1].update(y=float(m.group(1)), x=float(m.group(2)), w=w, h=h)
        if m and mark == 'jump' and mod is not None:
            mod.setdefault('jump_y', []).append(float(m.group(1)))
        if m and cur is not None:
            cur['lines'].append({'y': float(m.group(1)), 'x': float(m.group(2)), 'kind': m.group(3),
                                 'mark': mark, 'mod': mod, 'text': s})
    return pages


def last_of_section(pages, i):
    """the last page, or a page followed by a section's flag (a band at line 0)"""
    if i == len(pages) - 1:
        return True
    nxt = pages[i + 1]
    return any(b['l0'] == 0 for b in nxt['bands'])


def geometry(trace, flow=False):
    """flow: run-on pages end where the next head does not fit (their
    minimum is the lines check's), so their columns are not tiled"""
    pages = parse(trace)
    bad = []
    lines = off = 0
    for i, p in enumerate(pages, 1):
        g = p['grid']
        if g is None:
            if not flow:
                bad.append(f'page {i}: no grid')
            continue        # a flow edition's contents
        N, L, B = g['k'], g['h'], g['B']
        cells = {}
        for m in p['mods'] + p['bands']:
            if m['c0'] < 0 or m['c0'] + m['k'] > N or m['l0'] < 0 or m['l0'] + m['h'] > L:
                bad.append(f'page {i}: module a{m["art"]} outside the type area')
            for c in range(m['c0'], m['c0'] + m['k']):
                for ln in range(m['l0'], m['l0'] + m['h']):
                    if (c, ln) in cells:
                        bad.append(f'page {i}: a{m["art"]} overlaps a{cells[(c, ln)]} at column {c + 1} line {ln}')
                        break
                    cells[(c, ln)] = m['art']
        if not flow and not last_of_section(pages, i - 1):
            for c in range(N):
                low = max([m['l0'] + m['h'] for m in p['mods'] + p['bands']
                           if m['c0'] <= c < m['c0'] + m['k']] or [0])
                if L - low > 1:
                    bad.append(f'page {i}: column {c + 1} ends {L - low} lines above the foot')
        top = g['y']
        for ln in p['lines']:
            if ln['mark'] != 'column' or ln['kind'] in ('rule', 'drop'):
                continue
            lines += 1
            q = (ln['y'] - top) / B
            # baselines sit at a fixed fraction of a grid step: the same on every line
            frac = q - int(q)
            if 'frac0' not in g:
                g['frac0'] = frac
            if abs(frac - g['frac0']) * B > 0.11 and abs(abs(frac - g['frac0']) - 1) * B > 0.11:
                off += 1
                if off <= 5:
                    bad.append(f'page {i}: a body line off the grid: {ln["text"][:70]}')
    if bad:
        print('\n'.join(bad[:40]))
        return 1
    print(f'{len(pages)} pages, {sum(len(p["mods"]) for p in pages)} modules, {lines} body lines on the grid')
    return 0


def words_by_page(pdf):
    x = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True).stdout
    pages = []
    for body in re.findall(r'<page width="[\d.]+" height="[\d.]+">(.*?)</page>', x, re.S):
        ws = []
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', body):
            ws.append((float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
                       html.unescape(m.group(5))))
        pages.append(ws)
    return pages


def text(trace, pdf, trees):
    pages = parse(trace)
    words = words_by_page(pdf)
    per_art = {}
    for i, p in enumerate(pages):
        g = p['grid']
        if g is None:
            continue        # a flow edition's contents
        B = g['B']
        for m in p['mods']:
            bottom = g['y'] + (m['l0'] + m['h']) * B
            legw = m['w'] / m['k']
            for (x, y) in m['legs']:
                # the leg: from its first line's top to the module's foot
                t = y - B * 0.9
                got = [w for w in words[i]
                       if x - 0.5 <= (w[0] + w[2]) / 2 < x + legw and t <= (w[1] + w[3]) / 2 <= bottom and
                       not any(abs(w[3] - jy) < B * 0.6 for jy in m.get('jump_y', []))]
                # in lines, left to right; a drop cap (taller than two
                # lines) belongs to the line its top is on
                def line_of(w):
                    mid = w[1] + B * 0.5 if w[3] - w[1] > 1.6 * B else (w[1] + w[3]) / 2
                    return int((mid - t) // B)
                got.sort(key=lambda w: (line_of(w), w[0]))
                per_art.setdefault(m['art'], []).append(' '.join(w[4] for w in got))
    bad = 0
    for spec in trees:
        name, tree = spec.split('=', 1)
        art = int(name)
        have = norm(' '.join(per_art.get(art, [])))
        want = []
        blocks(json.load(open(tree, encoding='utf-8'))['body'], want)
        pos = 0
        for w in want:
            k = norm(w)
            if not k:
                continue
            if RTL.search(k):
                if not rtl_ok(k, have):
                    bad += 1
                    print(f'a{art}: missing characters of', repr(w[:60]))
                continue
            j = have.find(k, pos)
            if j < 0:
                bad += 1
                print(f'a{art}:', 'missing' if have.find(k) < 0 else 'out of order', repr(w[:60]))
                break
            pos = j + len(k)
        # and once only: nothing more read back than the blocks hold (list
        # labels, note numbers and the like aside)
        total = sum(len(norm(w)) for w in want)
        if len(have) > total * 1.03 + 40:
            bad += 1
            print(f'a{art}: {len(have)} characters read back for {total}: some twice')
    if bad:
        return 1
    print(f'{len(trees)} articles read back whole, in order, jumps followed')
    return 0


def jumps(pdf):
    j = json.loads(subprocess.run(['qpdf', '--json', pdf], capture_output=True, text=True).stdout)
    q = j['qpdf']
    objs = q[-1] if isinstance(q, list) else q
    if 'objects' in objs:
        objs = objs['objects']

    def obj(ref):
        return objs.get('obj:' + ref, {}).get('value', {})
    page_of = {p['object']: p['pageposfrom1'] for p in j['pages']}
    names = {}
    for k, v in objs.items():
        val = v.get('value') if isinstance(v, dict) else None
        if isinstance(val, dict) and isinstance(val.get('/Names'), list):
            arr = val['/Names']
            for n, d in zip(arr[0::2], arr[1::2]):
                if isinstance(d, list) and d:
                    names[n[2:] if n.startswith('u:') else n] = page_of.get(d[0])
    links = {}
    for ref, pno in page_of.items():
        for a in obj(ref).get('/Annots', []) or []:
            v = obj(a) if isinstance(a, str) else a
            d = v.get('/Dest')
            if v.get('/Subtype') == '/Link' and isinstance(d, str):
                links.setdefault(pno, []).append(d[2:] if d.startswith('u:') else d)
    bad = []
    n = 0
    for name, page in sorted(names.items()):
        m = re.match(r'(a\d+-)jump-(\d+)-on$', name)
        if not m:
            continue
        n += 1
        there = f'{m.group(1)}jump-{int(m.group(2)) + 1}-from'
        tp = names.get(there)
        if tp is None or tp <= page:
            bad.append(f'{name} (page {page}): its continuation {there} is on page {tp}')
            continue
        if there not in links.get(page, []):
            bad.append(f'page {page}: no link to {there}')
        if name not in links.get(tp, []):
            bad.append(f'page {tp}: no link back to {name}')
    if bad or n == 0:
        print('\n'.join(bad) or 'no jump')
        return 1
    print(f'{n} jumps, linked both ways')
    return 0


def body_lines(trace, minimum):
    pages = parse(trace)
    bad = []
    for i, p in enumerate(pages):
        if p['grid'] is None:
            continue        # the contents
        n = sum(1 for ln in p['lines'] if ln['mark'] == 'column' and ln['kind'] not in ('rule', 'drop'))
        if n < minimum and not last_of_section(pages, i):
            bad.append(f'page {i + 1}: {n} body lines')
    if bad:
        print('\n'.join(bad))
        return 1
    print('every page but a section\'s last holds', minimum, 'body lines or more')
    return 0


def pictures(trace, leads):
    """every picture inside its module: a lead photo under the module's
    head, no wider than the module; a body picture inside a leg, no wider
    than a column, its caption before the leg's next line; at least
    `leads` lead photos and one body picture"""
    pages = parse(trace)
    bad = []
    n_lead = n_body = 0
    for i, p in enumerate(pages, 1):
        g = p['grid']
        if g is None:
            continue
        B = g['B']
        for m in p['mods']:
            xs = sorted(x for x, _ in m['legs'])
            colw = m['w']
            if len(xs) > 1:     # w = k·step − gutter, step = colw + gutter
                step = xs[1] - xs[0]
                colw = step - (m['k'] * step - m['w'])
            for f in m.get('figs', []):
                if 'w' not in f:
                    bad.append(f'page {i}: a{m["art"]}: a figure mark with no picture')
                    continue
                inside = (m['x'] - 0.5 <= f['x'] and f['x'] + f['w'] <= m['x'] + m['w'] + 0.5 and
                          m['y'] - 0.5 <= f['y'] and f['y'] + f['h'] <= m['y'] + m['hh'] + 0.5)
                if not inside:
                    bad.append(f'page {i}: a{m["art"]}: a picture outside its module')
                if f['kind'] == 'lead':
                    n_lead += 1
                    if f['after_head'] is None or f['y'] < f['after_head']:
                        bad.append(f'page {i}: a{m["art"]}: the lead photo not under the head')
                else:
                    n_body += 1
                    if not any(x - 0.5 <= f['x'] and f['x'] + f['w'] <= x + colw + 0.5 for x, _ in m['legs']):
                        bad.append(f'page {i}: a{m["art"]}: a body picture wider than its leg')
    if n_lead < leads or n_body < 1:
        bad.append(f'{n_lead} lead photos, {n_body} body pictures')
    if bad:
        print('\n'.join(bad))
        return 1
    print(f'{n_lead} lead photos, {n_body} body pictures, each in its module')
    return 0


def tombstones(trace, most):
    """headlines side by side: on every page but the front, the pairs of
    modules next to each other (one's last column beside the other's
    first) whose head blocks (from the module's top to the last line of its
    head) overlap in height; at most `most` in all, a section's last page
    counted apart (at most `most` there too: it holds every story left, side
    by side, and its strips' first heads stand level)"""
    pages = parse(trace)
    n = 0
    where = []
    n_last = 0
    for i, p in enumerate(pages, 1):
        if p['grid'] is None or i == 1:
            continue
        if last_of_section(pages, i - 1):
            heads = [m for m in p['mods'] if 'head_bottom' in m]
            n_last += sum(1 for a in heads for b in heads if a['c0'] + a['k'] == b['c0'] and
                          a['y'] < b['head_bottom'] and b['y'] < a['head_bottom'])
            continue
        heads = [m for m in p['mods'] if 'head_bottom' in m]
        for a in heads:
            for b in heads:
                if a['c0'] + a['k'] == b['c0'] and a['y'] < b['head_bottom'] and b['y'] < a['head_bottom']:
                    n += 1
                    where.append(f'page {i}: a{a["art"]} beside a{b["art"]}')
    if n > most or n_last > most:
        print(f'{n} pairs of headlines side by side on inside pages, {n_last} on sections\' last '
              f'(at most {most} each):')
        print('\n'.join(where))
        return 1
    print(f'{n} pairs of headlines side by side on inside pages, {n_last} on sections\' last')
    return 0


def columns(trace, tree):
    """a single multi-column article: every line of its columns sits on one
    grid shared by the columns of a page (its step the most common advance,
    its origin each column's top), but its headings (from the article's
    tree), which keep their place between the text before and after them"""
    heads = set()

    def walk(n):
        if n.get('type') == 'heading':
            heads.add(norm(n.get('number', '') + inline_text_of(n)))
            heads.add(norm(inline_text_of(n)))
        for c in n.get('children', []):
            walk(c)
    walk(json.load(open(tree, encoding='utf-8'))['body'])
    cols = []
    cur = None
    mark = None
    for raw in open(trace, encoding='utf-8'):
        s = raw.rstrip('\n')
        if s.startswith('page '):
            cur = None
            continue
        if s.startswith('  column '):
            f = s.split()
            cur = {'top': float(f[3]), 'ys': []}
            cols.append(cur)
            mark = 'column'
            continue
        if s.startswith('  ') and not s.startswith('    '):
            mark = s.strip()
            continue
        m = LINE.match(s)
        if m and cur is not None and mark == 'column' and m.group(3) not in ('rule', 'drop', 'figure'):
            t = s[s.index('|') + 1:s.rindex('|')]
            cur['ys'].append((float(m.group(1)), t))
    steps = {}
    for c in cols:
        for (a, _), (b, _) in zip(c['ys'], c['ys'][1:]):
            steps[round(b - a, 1)] = steps.get(round(b - a, 1), 0) + 1
    if not steps:
        print('no column lines')
        return 1
    B = max(steps, key=steps.get)
    bad = []
    n = 0
    for c in cols:
        for y, t in c['ys']:
            q = (y - c['top']) / B
            f = q - int(q)
            n += 1
            if norm(t) in heads:
                continue
            if 'f0' not in c:
                c['f0'] = f
            if min(abs(f - c['f0']), 1 - abs(f - c['f0'])) * B > 0.11:
                bad.append(f'off the grid: {y:.1f} |{t[:60]}|')
    phases = {round(c['f0'] * B, 1) for c in cols if 'f0' in c}
    if len(phases) > 1 and max(phases) - min(phases) > 0.11:
        bad.append(f'columns on different grids: first baselines {sorted(phases)} pt into a step')
    if bad:
        print('\n'.join(bad[:20]))
        return 1
    print(f'{n} lines of {len(cols)} columns on a {B} pt grid, headings aside')
    return 0


def inline_text_of(n):
    if 'text' in n:
        return n['text']
    return ''.join(inline_text_of(c) for c in n.get('children', []))


def main():
    cmd = sys.argv[1]
    if cmd == 'geometry':
        return geometry(sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == 'flow')
    if cmd == 'text':
        return text(sys.argv[2], sys.argv[3], sys.argv[4:])
    if cmd == 'jumps':
        return jumps(sys.argv[2])
    if cmd == 'columns':
        return columns(sys.argv[2], sys.argv[3])
    if cmd == 'tombstones':
        return tombstones(sys.argv[2], int(sys.argv[3]))
    if cmd == 'pictures':
        return pictures(sys.argv[2], int(sys.argv[3]))
    if cmd == 'lines':
        return body_lines(sys.argv[2], int(sys.argv[3]))
    print(__doc__)
    return 2


sys.exit(main())
