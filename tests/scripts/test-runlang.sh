#!/bin/sh
# test-runlang.sh — the language of quotations and of runs in another script
# (issue 17, article/runlang.c), in the three back ends.  The articles are
# tests/scripts/data/quote-*.txt (their trees and traces are golden in
# test-scripts.sh): English with a Traditional Chinese quotation, two
# newspaper names and a Japanese quotation; Indonesian with an Arabic block
# quote; English with a long and a short French quotation.
. "$(dirname "$0")/../lib.sh"
DATA="$ROOT/tests/scripts/data"

# the reader: lang on the nodes, by script and by the language model; the
# short French quotation ("C'est magnifique", under the model's threshold)
# and the English around it get none
langs() { "$WARTA" -t json "$DATA/$1.txt" | sed -n 's/^ *"lang": "\(.*\)",\{0,1\}$/\1/p' | tr '\n' ' '; }
got=$(langs quote-en-zh)
[ "$got" = "en zh-Hant zh-Hant zh-Hant ja " ] && ok "en-zh: zh-Hant quotation and names, ja quotation" ||
	fail "en-zh: zh-Hant quotation and names, ja quotation" "$got"
got=$(langs quote-id-ar)
[ "$got" = "id ar " ] && ok "id-ar: the block quote is ar" || fail "id-ar: the block quote is ar" "$got"
got=$(langs quote-en-fr)
[ "$got" = "en fr " ] && ok "en-fr: the long quotation is fr, the short one not guessed" ||
	fail "en-fr: the long quotation is fr, the short one not guessed" "$got"
# a Persian and an Urdu quotation by their letters; Greek, Hebrew, Russian;
# a Latin quotation in the article's own language gets nothing
printf -- '---\ntitle: T\nlang: en\n---\n\nHe said “%s” and “%s”, then “%s”, “%s” and “%s”; she said “%s”.\n' \
	'این کتاب را خواندم' 'میں نے یہ کتاب پڑھی ہے' 'Καλημέρα σας' 'שלום עולם' 'Доброе утро' \
	'We will build the bridge and it will be the finest bridge in the whole country' >"$TMP/many.txt"
got=$("$WARTA" -t json "$TMP/many.txt" | sed -n 's/^ *"lang": "\(.*\)",\{0,1\}$/\1/p' | tr '\n' ' ')
[ "$got" = "en fa ur el he ru " ] && ok "quotations by script: fa ur el he ru, English untagged" ||
	fail "quotations by script: fa ur el he ru, English untagged" "$got"

# EPUB: lang and xml:lang on the span or block quote, dir where the
# direction differs; the CJK run's face by a :lang() rule; epubcheck 0/0
for n in quote-en-zh quote-id-ar quote-en-fr; do
	"$WARTA" -o "$TMP/$n.epub" "$DATA/$n.txt" 2>/dev/null
	unzip -p "$TMP/$n.epub" EPUB/text/a001.xhtml >"$TMP/$n.xhtml"
done
x=$(cat "$TMP/quote-en-zh.xhtml")
if printf '%s' "$x" | grep -qF '<span class="q" lang="zh-Hant" xml:lang="zh-Hant">“這座橋' &&
   printf '%s' "$x" | grep -qF '<span lang="zh-Hant" xml:lang="zh-Hant">聯合報</span>' &&
   printf '%s' "$x" | grep -qF '<span class="q" lang="ja" xml:lang="ja">“橋は' &&
   unzip -p "$TMP/quote-en-zh.epub" EPUB/css/news.css | grep -qF 'span:lang(zh-Hant), p:lang(zh-Hant), li:lang(zh-Hant) {font-family:"Charis SIL","Noto Serif CJK TC",serif;}'; then
	ok "EPUB en-zh: spans with lang and xml:lang, the TC face by :lang()"
else
	fail "EPUB en-zh: spans with lang and xml:lang, the TC face by :lang()" "$(grep -o '<span[^>]*lang[^>]*>' "$TMP/quote-en-zh.xhtml")"
fi
grep -qF '<blockquote lang="ar" xml:lang="ar" dir="rtl">' "$TMP/quote-id-ar.xhtml" &&
	ok "EPUB id-ar: the block quote lang ar, dir rtl" ||
	fail "EPUB id-ar: the block quote lang ar, dir rtl" "$(grep blockquote "$TMP/quote-id-ar.xhtml")"
grep -qF '<span class="q" lang="fr" xml:lang="fr">“Nous avons' "$TMP/quote-en-fr.xhtml" &&
	! grep -q 'lang="fr" xml:lang="fr">“C' "$TMP/quote-en-fr.xhtml" &&
	ok "EPUB en-fr: the long quotation lang fr" ||
	fail "EPUB en-fr: the long quotation lang fr" "$(grep -o '<span[^>]*>' "$TMP/quote-en-fr.xhtml")"
JAR=/usr/share/java/epubcheck.jar
if [ -f "$JAR" ] && command -v java >/dev/null; then
	for n in quote-en-zh quote-id-ar quote-en-fr; do
		if java -jar "$JAR" "$TMP/$n.epub" 2>&1 | grep -q 'Messages: 0 fatals / 0 errors / 0 warnings'; then
			ok "epubcheck 0/0: $n.epub"
		else
			fail "epubcheck 0/0: $n.epub" "$(java -jar "$JAR" "$TMP/$n.epub" 2>&1 | grep -E 'ERROR|WARN' | head -5)"
		fi
	done
else
	skip "epubcheck of the quotation books" "no epubcheck"
fi

# PDF: the Traditional quotation in the TC face, the Japanese in the JP one
# (the article is English: before, both were in the SC face); the block
# quote's paragraph element has /Lang (ar); every character comes back
for n in quote-en-zh quote-id-ar quote-en-fr; do
	"$WARTA" -o "$TMP/$n.pdf" "$DATA/$n.txt" 2>/dev/null
done
f=$(pdffonts "$TMP/quote-en-zh.pdf" | grep -o 'NotoSerifCJK[a-z]*' | sort -u | tr '\n' ' ')
[ "$f" = "NotoSerifCJKjp NotoSerifCJKtc " ] && ok "PDF en-zh: the TC and JP faces, no SC" ||
	fail "PDF en-zh: the TC and JP faces, no SC" "$f"
if command -v qpdf >/dev/null; then
	qpdf --qdf --object-streams=disable "$TMP/quote-id-ar.pdf" - 2>/dev/null | grep -a -c '/Lang (ar)' >"$TMP/n"
	[ "$(cat "$TMP/n")" -ge 1 ] && ok "PDF id-ar: the block quote's element /Lang (ar)" ||
		fail "PDF id-ar: the block quote's element /Lang (ar)" "$(cat "$TMP/n")"
	check "PDF id-ar: qpdf --check" qpdf --check "$TMP/quote-id-ar.pdf"
else
	skip "PDF /Lang" "no qpdf"
fi
for n in quote-en-zh quote-id-ar quote-en-fr; do
	"$WARTA" -t json "$DATA/$n.txt" >"$TMP/$n.json"
	pdftotext "$TMP/$n.pdf" "$TMP/$n.txt"
	check "PDF $n: every character in the PDF's text" python3 "$ROOT/tests/scripts/chars.py" "$TMP/$n.json" "$TMP/$n.txt"
done
