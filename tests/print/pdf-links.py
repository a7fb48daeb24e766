#!/usr/bin/env python3
"""pdf-links.py FILE.pdf: the internal links and outline of a PDF, from qpdf's
JSON (qpdf --json), and whether every one of them lands on a page of the file.

Prints one JSON object: pages, page labels (qpdf's), the outline's titles in
order, the named destinations each internal link and outline entry points at
(or "page" for an explicit one), and "dangling": those whose target is not a
page of the file (a name missing from /Dests, or an array whose page is not
one of the document's pages).  Exit status 1 when any dangles.
"""
import json, subprocess, sys

doc = json.loads(subprocess.run(["qpdf", "--json", "--json-stream-data=none", sys.argv[1]],
                                capture_output=True, text=True, check=True).stdout)
objs = {k[4:]: v.get("value") for k, v in doc["qpdf"][1].items() if k.startswith("obj:")}
pages = {p["object"] for p in doc["pages"]}
catalog = next(v for v in objs.values() if isinstance(v, dict) and v.get("/Type") == "/Catalog")


def deref(v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get(v)
    return v


names = {}
def walk_names(node):
    node = deref(node) or {}
    n = node.get("/Names", [])
    for i in range(0, len(n) - 1, 2):
        names[n[i]] = deref(n[i + 1])
    for kid in node.get("/Kids", []):
        walk_names(kid)
walk_names((deref(catalog.get("/Names")) or {}).get("/Dests"))

dangling = []
def target(dest, what):
    dest = deref(dest)
    label = dest if isinstance(dest, str) else "page"
    if isinstance(dest, str):
        dest = names.get(dest)
        if isinstance(dest, dict):
            dest = deref(dest.get("/D"))
    if not (isinstance(dest, list) and dest and dest[0] in pages):
        dangling.append("%s %s" % (what, label))
    return label[2:] if label.startswith("u:") else label

links = []
for p in doc["pages"]:
    for a in deref(objs[p["object"]].get("/Annots")) or []:
        a = deref(a)
        if a.get("/Subtype") != "/Link":
            continue
        d = a.get("/Dest")
        act = deref(a.get("/A")) or {}
        if d is None and act.get("/S") == "/GoTo":
            d = act.get("/D")
        if d is not None:
            links.append(target(d, "link"))

outline = []
def walk_outline(item):
    while item:
        o = deref(item)
        outline.append(o["/Title"][2:] if o["/Title"].startswith("u:") else o["/Title"])
        d = o.get("/Dest")
        if d is None and (deref(o.get("/A")) or {}).get("/S") == "/GoTo":
            d = deref(o["/A"])["/D"]
        target(d, "outline entry %r" % outline[-1])
        walk_outline(o.get("/First"))
        item = o.get("/Next")
walk_outline((deref(catalog.get("/Outlines")) or {}).get("/First"))

labels = [l["label"].get("/St", 1) for l in doc.get("pagelabels", [])]
print(json.dumps({"pages": len(pages), "labels": labels, "outline": outline, "links": links,
                  "dangling": dangling}, ensure_ascii=False))
sys.exit(1 if dangling else 0)
