#!/usr/bin/env python3
"""header2man.py VERSION < src/warta.h > warta.3: the library's man page,
made from the header's comments: the first comment is the description,
each "/* ---- NAME */" line a section, each comment with the declarations
after it an entry (the prototypes in bold, the comment as its text)."""
import re
import sys


def roff(text):
    text = text.replace('\\', '\\e')
    out = []
    for line in text.split('\n'):
        if line.startswith(('.', "'")):
            line = '\\&' + line
        out.append(line)
    return '\n'.join(out)


def main():
    version = sys.argv[1] if len(sys.argv) > 1 else ''
    src = sys.stdin.read()
    # comments after code on its line are the code's: left out here
    src = re.sub(r'(?m)^([ \t]*[^ \t\n/][^\n]*?)[ \t]*/\*[^\n]*?\*/', r'\1', src)
    tokens = re.findall(r'/\*.*?\*/|[^/]+|/', src, re.S)
    comments = []          # (comment, code after it)
    for i, t in enumerate(tokens):
        if t.startswith('/*'):
            code = tokens[i + 1] if i + 1 < len(tokens) and not tokens[i + 1].startswith('/*') else ''
            comments.append((t, code))
    def clean(c):
        body = c[2:-2]
        lines = [re.sub(r'^\s*\* ?', '', l) for l in body.split('\n')]
        return '\n'.join(lines).strip()
    print('.TH WARTA 3 "" "warta %s" "Library Functions Manual"' % version)
    print('.SH NAME')
    print('warta \\- a typesetter for news articles: the libwarta library')
    print('.SH SYNOPSIS')
    print('.nf')
    print('.B #include <warta.h>')
    print('.PP')
    print('.B cc prog.c $(pkg\\-config \\-\\-cflags \\-\\-libs warta)')
    print('.fi')
    first = clean(comments[0][0])
    first = re.sub(r'^warta\.h — [^\n]*\n', '', first)
    print('.SH DESCRIPTION')
    for para in first.split('\n\n'):
        print('.PP')
        print(roff(' '.join(l.strip() for l in para.split('\n'))))
    for c, code in comments[1:]:
        text = clean(c)
        m = re.match(r'-+ (\w[\w ]*)$', text)
        if m:
            print('.SH %s' % m.group(1).upper())
            continue
        decls = [d.strip() for d in re.findall(r'(?:WARTA_API[^;]*;|#define [^\n]*|enum \w+ \{.*?\};)', code, re.S)]
        decls = [re.sub(r'\s+', ' ', d.replace('WARTA_API ', '')) for d in decls]
        if not decls:
            continue
        print('.PP')
        print('.nf')
        for d in decls:
            print('.B %s' % roff(d).replace('"', '\\(dq'))
        print('.fi')
        print('.RS')
        print(roff(' '.join(l.strip() for l in text.split('\n'))))
        print('.RE')
    print('.SH SEE ALSO')
    print('.BR warta (1),')
    print('.BR pkg\\-config (1)')


main()
