#!/usr/bin/env python3
"""pdf_order.py FILE.pdf — what a reader sees of a PDF's order, with no
object numbers (two PDFs of the same pages drawn in another order compare
equal line for line): the structure tree in preorder (each element's type
and /Lang; its marked content as page:MCID, the page counted in the page
tree's order; a link annotation as page, rectangle and target), the
outline (title and page), the named destinations (name and page) and
the page labels.  Read
through qpdf --json (the file's last version: incremental updates
applied).  Exit 1 when qpdf cannot read the file."""
import json, subprocess, sys


def main():
    r = subprocess.run(['qpdf', '--json', '--json-key=qpdf', sys.argv[1]],
                       capture_output=True, text=True)
    if r.returncode not in (0, 3):
        print(r.stderr, file=sys.stderr)
        return 1
    objs = json.loads(r.stdout)['qpdf'][1]

    def get(ref):
        if isinstance(ref, str) and ref.endswith(' R'):
            return objs.get('obj:' + ref, {}).get('value')
        return ref
    trailer = objs['trailer']['value']
    cat = get(trailer['/Root'])
    kids = get(cat['/Pages'])['/Kids']
    page_no = {ref: i + 1 for i, ref in enumerate(kids)}

    def dest(d):
        d = get(d)
        if isinstance(d, list) and d:
            return 'page %s' % page_no.get(d[0], '?')
        return str(d)

    out = []

    def walk(ref, depth, page=None):
        e = get(ref)
        if isinstance(e, int):
            out.append('  ' * depth + 'mcid %s:%d' % (page_no.get(page, '?'), e))
            return
        if not isinstance(e, dict):
            return
        pg = e.get('/Pg', page)
        if e.get('/Type') == '/MCR':
            out.append('  ' * depth + 'mcid %s:%d' % (page_no.get(e.get('/Pg', page), '?'), e['/MCID']))
            return
        if e.get('/Type') == '/OBJR':
            a = get(e['/Obj'])
            act = get(a.get('/A', {})) or {}
            target = act.get('/URI') or act.get('/D') or dest(a.get('/Dest'))
            out.append('  ' * depth + 'annot %s %s %s' % (page_no.get(e.get('/Pg', page), '?'),
                                                        [round(x, 1) for x in a.get('/Rect', [])], target))
            return
        line = '  ' * depth + (e.get('/S') or e.get('/Type') or '?')
        if '/Lang' in e:
            line += ' ' + str(e['/Lang'])
        out.append(line)
        k = e.get('/K')
        for c in (k if isinstance(k, list) else [] if k is None else [k]):
            walk(c, depth + 1, pg)

    if '/StructTreeRoot' in cat:
        walk(cat['/StructTreeRoot'], 0)
    o = get(cat.get('/Outlines', {})) or {}

    def outline(ref, depth):
        while ref:
            e = get(ref)
            out.append('  ' * depth + 'outline %s -> %s' % (e.get('/Title'), dest(e.get('/Dest') or
                                                                             (get(e.get('/A', {})) or {}).get('/D'))))
            if '/First' in e:
                outline(e['/First'], depth + 1)
            ref = e.get('/Next')
    outline(o.get('/First'), 0)
    names = get(get(cat.get('/Names', {}) or {}).get('/Dests')) if cat.get('/Names') else None

    def tree(n):
        n = get(n) or {}
        for i in range(0, len(n.get('/Names', [])), 2):
            out.append('dest %s -> %s' % (n['/Names'][i], dest(n['/Names'][i + 1])))
        for k in n.get('/Kids', []):
            tree(k)
    if names:
        tree(names)
    labels = get(cat.get('/PageLabels'))
    if labels:
        nums = get(labels.get('/Nums', []))
        for i in range(0, len(nums), 2):
            out.append('label from page %d: %s' % (nums[i] + 1, json.dumps(get(nums[i + 1]), sort_keys=True)))
    print('\n'.join(out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
