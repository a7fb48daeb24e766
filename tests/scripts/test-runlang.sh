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

# [fonts] digits = arabic-indic follows the run's language, in print and in
# the EPUB alike: an Arabic quotation and block quote in an English
# article in ٠–٩ (٫ ٬ ٪), the English around them as written (before, print
# converted the block quote only and the EPUB neither: per article)
printf '[style]\ninherits = a4\n\n[fonts]\ndigits = arabic-indic\n' >"$TMP/ai.style"
printf -- '---\ntitle: Budget\nlang: en\n---\n\nIn 2024 the minister said: “بلغت الميزانية 12.5%% من 1,200 مليون دينار في عام 2024 كما قال الوزير أمام البرلمان”, up from 2023.\n\nThe sheikh read:\n\n> في عام 2024 بلغت النسبة 30%% من السكان.\n' >"$TMP/dq.txt"
"$WARTA" -s "$TMP/ai.style" -o "$TMP/dq.trace" "$TMP/dq.txt"
"$WARTA" -s "$TMP/ai.style" -o "$TMP/dq.epub" "$TMP/dq.txt"
if grep -qF '“بلغت الميزانية ١٢٫٥٪ من|' "$TMP/dq.trace" && grep -qF '|١٬٢٠٠ مليون دينار في عام ٢٠٢٤' "$TMP/dq.trace" &&
   grep -qF '|up from 2023.|' "$TMP/dq.trace" && grep -qF '|n 2024 the minister' "$TMP/dq.trace" &&
   grep -qF 'rtl |في عام ٢٠٢٤ بلغت النسبة ٣٠٪ من السكان.|' "$TMP/dq.trace"; then
	ok "digits per run in print: the Arabic quotation and block quote in ٠–٩, the English as written"
else
	fail "digits per run in print" "$(grep '|' "$TMP/dq.trace")"
fi
x=$(unzip -p "$TMP/dq.epub" EPUB/text/a001.xhtml)
if printf '%s' "$x" | grep -qF '<span class="q" lang="ar" xml:lang="ar" dir="rtl">“بلغت الميزانية ١٢٫٥٪ من ١٬٢٠٠ مليون دينار في عام ٢٠٢٤' &&
   printf '%s' "$x" | grep -qF '<p class="first">In 2024 the minister' && printf '%s' "$x" | grep -qF '”</span>, up from 2023.</p>' &&
   printf '%s' "$x" | grep -qF '<p class="first">في عام ٢٠٢٤ بلغت النسبة ٣٠٪ من السكان.</p>'; then
	ok "digits per run in the EPUB: as print"
else
	fail "digits per run in the EPUB" "$x"
fi

# folios follow [fonts] digits: page 2's number of an Arabic article, and
# of an edition in Arabic, is ٢ under arabic-indic (2 before), 2 without
{ printf -- '---\ntitle: تقرير\nlang: ar\n---\n\n'
  for i in $(seq 1 60); do
	printf 'بلغت الميزانية في عام 2024 نحو 12 مليون دينار كما قال الوزير أمام البرلمان في جلسة طويلة ناقش فيها النواب الخطة الجديدة للتنمية.\n\n'
  done; } >"$TMP/long-ar.txt"
"$WARTA" -s "$TMP/ai.style" -o "$TMP/long-ar.trace" "$TMP/long-ar.txt"
"$WARTA" -o "$TMP/long-ar0.trace" "$TMP/long-ar.txt"
"$WARTA" -q --edition Daily -s "$TMP/ai.style" -o "$TMP/ed-ar.trace" "$TMP/long-ar.txt" "$TMP/long-ar.txt"
folio2() { sed -n '/^page 2 /,/^page 3 /p' "$1" | sed -n '/running head/{n;p;q}' | sed 's/.*|\(.*\)|$/\1/'; }
got="$(folio2 "$TMP/long-ar.trace") $(folio2 "$TMP/long-ar0.trace") $(folio2 "$TMP/ed-ar.trace")"
[ "$got" = "٢ 2 ٢" ] && ok "folios in the style's digits (article and edition)" || fail "folios in the style's digits" "$got"
# and the contents' page numbers of an Arabic edition
"$WARTA" -q --edition Daily --edition-lang ar -s "$TMP/ai.style" -o "$TMP/ed-ar2.trace" "$TMP/long-ar.txt" "$TMP/long-ar.txt"
got=$(sed -n '/^page 2 /q;p' "$TMP/ed-ar2.trace" | grep -c -E '[|](٠|١|٢|٣|٤|٥|٦|٧|٨|٩)+[|]$')
[ "$got" = 2 ] && ok "an Arabic edition's contents: page numbers in ٠–٩" ||
	fail "an Arabic edition's contents: page numbers in ٠–٩" "$(sed -n '/^page 2 /q;p' "$TMP/ed-ar2.trace")"
"$WARTA" -s "$TMP/ai.style" -o "$TMP/long-ar.pdf" "$TMP/long-ar.txt"
pdftotext -f 2 -l 2 "$TMP/long-ar.pdf" - | grep -q '٢' && ok "folio ٢ in the PDF's text" ||
	fail "folio ٢ in the PDF's text" "$(pdftotext -f 2 -l 2 "$TMP/long-ar.pdf" - | head -3)"

# one CJK predicate (lang/script.c): a numbered section whose title starts
# with Bopomofo right after its number ("3.ㄅㄆㄇㄈ的由來") is a section,
# as one starting with Han is (the reader's own copy left Bopomofo out)
printf -- '---\ntitle: 注音\nlang: zh-Hant\n---\n\n注音符號是臺灣小學生學習國語發音的工具，每個學生都要學。\n\n3.ㄅㄆㄇㄈ的由來\n\n注音符號在一九一八年公布，至今已經使用了一百多年。\n' >"$TMP/bpmf.txt"
"$WARTA" -t json "$TMP/bpmf.txt" | grep -q '"number": "3"' && ok "3.ㄅㄆㄇㄈ: a numbered section" ||
	fail "3.ㄅㄆㄇㄈ: a numbered section" "$("$WARTA" -t json "$TMP/bpmf.txt" | grep -A3 heading)"
