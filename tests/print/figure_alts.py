#!/usr/bin/env python3
"""figure_alts.py FILE.pdf — the /Alt of every Figure structure element of
the PDF as qpdf reads it (qpdf --json: the file's last version, incremental
updates applied), one line each in object order, '-' for a Figure without
one; exit 1 when qpdf cannot read the file."""
import json, subprocess, sys


def main():
    r = subprocess.run(['qpdf', '--json', '--json-key=qpdf', sys.argv[1]],
                       capture_output=True, text=True)
    if r.returncode not in (0, 3):
        print(r.stderr, file=sys.stderr)
        return 1
    objs = json.loads(r.stdout)['qpdf'][1]

    def num(k):
        return int(k.split()[0].split(':')[1]) if k.startswith('obj:') else -1
    for k in sorted(objs, key=num):
        v = objs[k].get('value')
        if isinstance(v, dict) and v.get('/S') == '/Figure':
            a = v.get('/Alt')
            print(a[2:] if isinstance(a, str) and a.startswith('u:') else '-' if a is None else a)
    return 0


if __name__ == '__main__':
    sys.exit(main())
