// typst_pdf.js — `make bench`: typst compiles FILE.typ to FILE.pdf through
// its Node binding (@myriaddreamin/typst-ts-node-compiler, installed by
// bench.sh under a cache directory), with the fonts of FONTDIR… only.
// Usage: node typst_pdf.js MODULE_DIR IN.typ OUT.pdf FONTDIR…
'use strict';
const fs = require('fs');
const path = require('path');
const [moddir, input, output, ...fonts] = process.argv.slice(2);
const { NodeCompiler } = require(path.join(moddir, '@myriaddreamin/typst-ts-node-compiler'));
const c = NodeCompiler.create({ workspace: path.dirname(path.resolve(input)), fontArgs: [{ fontPaths: fonts }] });
const pdf = c.pdf({ mainFileContent: fs.readFileSync(input, 'utf8') });
fs.writeFileSync(output, pdf);
