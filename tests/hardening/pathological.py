#!/usr/bin/env python3
# pathological.py KIND N — writes a pathological article of size N to stdout,
# for tests/hardening/scaling.sh (hand measurements of linear time; not a test).
import sys, random
kind, n = sys.argv[1], int(sys.argv[2])
sys.stdout.reconfigure(encoding="utf-8")
out = sys.stdout
random.seed(1)
w = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do".split()
if kind == 'para':      # n bytes, one paragraph, lines of ~70
    s = []; size = 0
    line = []
    while size < n:
        x = random.choice(w); line.append(x); size += len(x) + 1
        if len(line) == 10: s.append(' '.join(line)); line = []
    s.append(' '.join(line))
    out.write('Title\n\n' + '\n'.join(s) + '\n')
elif kind == 'line':    # n bytes, one line
    s = []; size = 0
    while size < n:
        x = random.choice(w); s.append(x); size += len(x) + 1
    out.write('Title\n\n' + ' '.join(s) + '\n')
elif kind == 'list':
    out.write('Title\n\n' + ''.join('- item %d\n' % i for i in range(n)))
elif kind == 'olist':
    out.write('Title\n\n' + ''.join('%d. item\n' % (i+1) for i in range(n)))
elif kind == 'quote':   # nesting depth n
    out.write('Title\n\n' + '> ' * n + 'deep\n')
elif kind == 'listnest':
    out.write('Title\n\n' + ''.join('  ' * i + '- x\n' for i in range(n)))
elif kind == 'brackets':
    out.write('Title\n\n' + '[' * n + 'x' + ']' * n + '\n')
elif kind == 'obrackets':
    out.write('Title\n\n' + '[' * n + '\n')
elif kind == 'links':
    out.write('Title\n\n' + '[a](b) ' * n + '\n')
elif kind == 'emph':
    out.write('Title\n\n' + '*a ' * n + '\n')
elif kind == 'emph2':
    out.write('Title\n\n' + '*' * n + 'a' + '*' * n + '\n')
elif kind == 'emph3':
    out.write('Title\n\n' + '**a ' * n + '\n')
elif kind == 'under':
    out.write('Title\n\n' + '_a ' * n + '\n')
elif kind == 'quotes':  # typographic quotes unbalanced
    out.write('Title\n\n' + '"a ' * n + '\n')
elif kind == 'squotes':
    out.write('Title\n\n' + "'a " * n + '\n')
elif kind == 'headings':
    out.write('Title\n\n' + ''.join('## Same\n\npara\n\n' for i in range(n)))
elif kind == 'footnotes':
    out.write('Title\n\n' + ''.join('x[^%d] ' % i for i in range(n)) + '\n\n' + ''.join('[^%d]: n\n\n' % i for i in range(n)))
elif kind == 'fnref':
    out.write('Title\n\n' + 'x[^a] ' * n + '\n\n[^a]: n\n')
elif kind == 'table':
    out.write('Title\n\n| a | b |\n|---|---|\n' + '| 1 | 2 |\n' * n)
elif kind == 'tablewide':
    out.write('Title\n\n|' + ' a |' * n + '\n|' + '---|' * n + '\n|' + ' 1 |' * n + '\n')
elif kind == 'backticks':
    out.write('Title\n\n' + '`a ' * n + '\n')
elif kind == 'html':
    out.write('Title\n\n' + '<a ' * n + '\n')
elif kind == 'dashes':
    out.write('Title\n\n' + '-- ' * n + '\n')
elif kind == 'sections':
    out.write('Title\n\n' + ''.join('%d. Section\n\ntext\n\n' % (i+1) for i in range(n)))
elif kind == 'blank':
    out.write('Title\n' + '\n' * n + 'x\n')
elif kind == 'bq':
    out.write('Title\n\n' + '> line\n' * n)
elif kind == 'refdefs':
    out.write('Title\n\n' + ''.join('[r%d]: http://x/%d\n' % (i, i) for i in range(n)) + '\n' + ' '.join('[r%d]' % i for i in range(n)) + '\n')
elif kind == 'word':     # one unbreakable word of n bytes
    out.write('Title\n\nStart ' + 'a' * n + ' end.\n')
elif kind == 'codespaces':  # a line of n spaces in a code block
    out.write('Title\n\n```\nx' + ' ' * n + 'y\n```\n')
elif kind == 'tablebig':    # 200 columns, rows to make n bytes
    cols = 200
    rows = max(1, n // (cols * 4))
    out.write('Title\n\n|' + ' a |' * cols + '\n|' + '---|' * cols + '\n' + ('|' + ' 1 |' * cols + '\n') * rows)
elif kind == 'tabs':        # n bytes of tabs in a paragraph
    out.write('Title\n\nx' + '\t' * n + 'y\n')
elif kind == 'code':        # n bytes of fenced code, lines of 60
    line = 'int x = foo(bar, baz) + qux * 42; // comment text here ok\n'
    out.write('Title\n\n```c\n' + line * max(1, n // len(line)) + '```\n')
elif kind == 'autolinks':   # n autolinks
    out.write('Title\n\n' + ' '.join('https://example.org/p/%d' % i for i in range(n)) + '\n')
elif kind == 'fmlong':      # front-matter values of n characters
    out.write('---\ntitle: ' + 'Judul panjang ' * (n // 14) + '\nsection: ' + '9' * n +
              '\nauthor: ' + 'ab ' * (n // 3) + '\nsource: ' + 'S' * n + '\n---\n\nBody.\n')
elif kind == 'yamlnest':    # YAML flow collections nested n deep
    out.write('---\ntitle: ' + '[' * n + 'x' + ']' * n + '\n---\n\nBody.\n')
elif kind == 'marks':       # n combining marks on one letter of the headline
    out.write('# Z' + '\u0301' * n + 'algo\n\nBody.\n')
elif kind == 'nestlist':    # lists nested 1 to 8 deep, over and over, to n bytes
    s = []; size = 0; i = 0
    while size < n:
        x = '  ' * (i % 8) + '- item %d\n' % i; s.append(x); size += len(x); i += 1
    out.write('Title\n\n' + ''.join(s))
elif kind == 'bqbig':       # one blockquote of n bytes of text
    s = []; size = 0; i = 0
    while size < n:
        x = '> ' + ' '.join(w[(i * 7 + k) % 10] for k in range(10)) + '\n'
        s.append(x); size += len(x); i += 1
    out.write('Title\n\n' + ''.join(s))
elif kind == 'headbig':     # headings with a line of text each, to n bytes
    out.write('Title\n\n' + ''.join('## Heading %d\n\nText %d.\n\n' % (i, i) for i in range(n // 31)))
elif kind == 'fnbig':       # footnotes, each called once, to n bytes
    k = n // 38
    out.write('Title\n\n' + ''.join('w%d[^n%d] ' % (i, i) for i in range(k)) + '\n\n' +
              ''.join('[^n%d]: note %d\n\n' % (i, i) for i in range(k)))
elif kind == 'imgmiss':     # pictures whose files are missing, to n bytes
    out.write('Title\n\n' + ''.join('![pic %d](missing/%d.jpg)\n\n' % (i, i) for i in range(n // 33)))
elif kind == 'emphruns':    # emphasis runs, to n bytes
    out.write('Title\n\n' + ' '.join('*a%d* **b** _c_' % i for i in range(n // 20)) + '\n')
elif kind == 'cjkline':     # one line of CJK characters, no break opportunities but UAX 14's, n bytes
    out.write('Title\n\n' + ''.join(chr(0x4e00 + (i * 37) % 20000) for i in range(n // 3)) + '\n')
elif kind == 'rtlmix':      # Arabic and Latin runs mixed in one paragraph, n bytes
    s = []; size = 0; i = 0
    while size < n:
        x = ('\u0645\u0631\u062d\u0628\u0627 abc %d \u0633\u0644\u0627\u0645 ' % i); s.append(x); size += len(x.encode()); i += 1
    out.write('Title\n\n' + ''.join(s) + '\n')
elif kind == 'tablecell':   # a two-column table whose cells are long, n bytes
    cell = ' '.join(w[k % 10] for k in range(400))
    out.write('Title\n\n| a | b |\n|---|---|\n' + ('| %s | %s |\n' % (cell, cell)) * max(1, n // (2 * len(cell))))
elif kind == 'tinyparas':   # one-word paragraphs, n bytes
    out.write('Title\n\n' + ''.join('w%d\n\n' % i for i in range(n // 8)))
elif kind == 'htmlblocks':  # HTML blocks, n bytes
    out.write('Title\n\n' + ''.join('<div class="x%d">\n<p>hi</p>\n</div>\n\n' % i for i in range(n // 40)))
elif kind == 'listbytes':   # one-line list items, n bytes
    out.write('Title\n\n' + ''.join('- item %d\n' % i for i in range(n // 13)))
elif kind == 'table2':      # two-column table, n bytes
    out.write('Title\n\n| a | b |\n|---|---|\n' + ''.join('| %d | x%d |\n' % (i, i) for i in range(n // 18)))
elif kind == 'table10':     # ten-column table, n bytes
    out.write('Title\n\n|' + ' a |' * 10 + '\n|' + '---|' * 10 + '\n' +
              ''.join('|' + ''.join(' %d |' % ((i + k) % 1000) for k in range(10)) + '\n' for i in range(n // 60)))
elif kind == 'hyphflood':   # French words of "ê" and "ĉ" only (alike to a multiplicative hash), n bytes
    words = [''.join('\u00ea' if (k >> i) & 1 else '\u0109' for i in range(15)) for k in range(1 << 15)]
    s = []; size = 0; i = 0
    while size < n:
        x = ' '.join(words[(i * 40 + j) % len(words)] for j in range(40)) + '\n\n'
        s.append(x); size += len(x.encode()); i += 1
    out.write('---\ntitle: Title\nlang: fr\n---\n\n' + ''.join(s))
else:
    sys.exit('pathological.py: unknown kind ' + kind)
