#!/usr/bin/env python3
"""typst_doc.py — `make bench`'s big document for typst: the same articles
warta sets with --edition and tests/bench/bigdoc.style, as one typst file.

Usage: typst_doc.py ARTICLE... > doc.typ

Each article is warta's input format as the corpus has it: an optional
" date YYYY-MM-DD Title" or "# Title" first line, then paragraphs split by
blank lines; lines "N. text" and "- text" are list items.  The page is the
one of bigdoc.style: 75 x 200 mm, 10 mm margins (a 55 mm measure), Charis
SIL 10/12.5 justified and hyphenated (Indonesian), paragraph indent 1 em,
headlines Linux Libertine O 17/19 bold.  Every character of the text is
escaped, so no input reads as typst markup."""
import re
import sys

PREAMBLE = """#set document(title: "Bench")
#set page(width: 75mm, height: 200mm, margin: 10mm, numbering: "1")
#set text(font: "Charis SIL", size: 10pt, lang: "id", hyphenate: true,
  top-edge: 0.8em, bottom-edge: -0.2em)
#set par(justify: true, leading: 2.5pt, spacing: 2.5pt, first-line-indent: 1em)
#show heading: set text(font: "Linux Libertine O", size: 17pt, weight: "bold")
#show heading: set block(above: 12pt, below: 5pt)
#show heading: set par(justify: false)
"""


def esc(s):
    """s as typst markup text: every character that could mean markup is
    escaped with a backslash (typst reads backslash + any character as
    that character)."""
    return re.sub(r'([\\#*_`$<>@\[\]/~=+\-"\'.:])', r'\\\1', s)


def article(text):
    lines = text.split("\n")
    out = []
    first = lines[0] if lines else ""
    m = re.match(r'^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*)$', first)
    if m:
        out.append("= " + esc(m.group(2).strip()))
        out.append("")
        out.append(esc(m.group(1)))
        lines = lines[1:]
    elif first.startswith("# "):
        out.append("= " + esc(first[2:].strip()))
        lines = lines[1:]
    para = []

    def flush():
        if para:
            out.append("")
            out.append(esc(" ".join(para)))
            para.clear()
    for ln in lines:
        ln = ln.strip()
        if not ln:
            flush()
            continue
        li = re.match(r'^(\d+)\.\s+(.*)$', ln)
        bu = re.match(r'^[-*]\s+(.*)$', ln)
        if li or bu:
            flush()
            out.append("")
            out.append((li.group(1) + ". " + esc(li.group(2))) if li else ("- " + esc(bu.group(1))))
            continue
        para.append(ln)
    flush()
    out.append("")
    return "\n".join(out)


def main():
    sys.stdout.write(PREAMBLE)
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8") as f:
            sys.stdout.write("\n" + article(f.read()) + "\n")


if __name__ == "__main__":
    main()
