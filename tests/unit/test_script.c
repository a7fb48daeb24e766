/* test_script.c — lang/script.c: the one set of CJK predicates (their
 * documented edges: each block's first and last code points, the letters
 * of every CJK script, what is not CJK), and the language of a run of
 * letters by its script (the reader's per-quotation lang, runlang.c). */
#include <glib.h>
#include <string.h>

#include "harness.h"
#include "lang/lang.h"

static void
cjk(void)
{
	/* letters: Unified Ideographs, extension A, extension B, compatibility
	 * ideographs, a radical, hiragana, katakana, half-width katakana,
	 * Hangul syllable and jamo, bopomofo */
	static const unsigned int letters[] = { 0x4E00, 0x9FFF, 0x3400, 0x20000, 0xF900, 0x2F00,
		0x3042, 0x30AB, 0xFF76, 0xAC00, 0x1100, 0x3105 };
	static const unsigned int punct[] = { 0x3000, 0x3001, 0x300C, 0x303F, 0xFF01, 0xFF0C, 0xFF60 };
	static const unsigned int neither[] = { 'A', '1', 0x00E9, 0x0627, 0x2014, 0xFF61 };
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(letters); i++) {
		OK(warta_cjk_letter(letters[i]) && warta_cjk_square(letters[i]) && warta_cjk_wide(letters[i]),
		   "U+%04X is a CJK letter, square, wide", letters[i]);
		OK(!warta_cjk_punct(letters[i]), "U+%04X is not CJK punctuation", letters[i]);
	}
	for (i = 0; i < G_N_ELEMENTS(punct); i++)
		OK(warta_cjk_punct(punct[i]) && warta_cjk_square(punct[i]) && warta_cjk_unspaced(punct[i]) &&
		   !warta_cjk_letter(punct[i]), "U+%04X is CJK punctuation, square, unspaced", punct[i]);
	for (i = 0; i < G_N_ELEMENTS(neither); i++)
		OK(!warta_cjk_letter(neither[i]) && !warta_cjk_punct(neither[i]) && !warta_cjk_square(neither[i]) &&
		   !warta_cjk_unspaced(neither[i]), "U+%04X is not CJK", neither[i]);
	/* Korean spaces its words: Hangul is a letter but not unspaced */
	OK(!warta_cjk_unspaced(0xAC00) && warta_cjk_unspaced(0x4E00) && warta_cjk_unspaced(0x3042) &&
	   warta_cjk_unspaced(0x3105), "Hangul is not unspaced; Han, kana, bopomofo are");
	/* wide: East Asian Width too (an emoji, an enclosed ideograph) */
	OK(warta_cjk_wide(0x1F600) && warta_cjk_wide(0x3200) && !warta_cjk_letter(0x1F600) &&
	   !warta_cjk_wide('A'), "wide: what East Asian Width calls wide, not Latin");
}

static void
script_lang(void)
{
	static const struct { const char *text, *lang; } t[] = {
		{ "إنما الأعمال بالنيات", "ar" }, { "این کتاب را خواندم", "fa" },
		{ "میں نے یہ کتاب پڑھی ہے", "ur" }, { "這座橋連接兩岸", "zh" }, { "橋は人々をつなぐ", "ja" },
		{ "서울에서 만나요", "ko" }, { "Доброе утро", "ru" }, { "Добрий ранок, їжак", "uk" },
		{ "Καλημέρα", "el" }, { "שלום עולם", "he" }, { "สวัสดี", "th" }, { "नमस्ते दुनिया", "hi" },
		{ "Good morning", NULL },
	};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(t); i++) {
		long letters = 0, most = 0;
		int sc = warta_text_script(t[i].text, strlen(t[i].text), &letters, &most);
		const char *l = warta_script_lang(sc, t[i].text, strlen(t[i].text));

		STR_EQ(l ? l : "(none)", t[i].lang ? t[i].lang : "(none)", t[i].text);
		OK(letters > 0 && most == letters, "%s: all its letters in one script", t[i].text);
	}
	OK(warta_lang_writes("ja", G_UNICODE_SCRIPT_HAN) && warta_lang_writes("ja", G_UNICODE_SCRIPT_HIRAGANA) &&
	   warta_lang_writes("ko", G_UNICODE_SCRIPT_HANGUL) && warta_lang_writes("ur", G_UNICODE_SCRIPT_ARABIC) &&
	   warta_lang_writes("zh-Hant", G_UNICODE_SCRIPT_HAN) && warta_lang_writes("sr-Latn", G_UNICODE_SCRIPT_LATIN) &&
	   warta_lang_writes("en", G_UNICODE_SCRIPT_COMMON), "the scripts languages write");
	OK(!warta_lang_writes("en", G_UNICODE_SCRIPT_HAN) && !warta_lang_writes("id", G_UNICODE_SCRIPT_ARABIC) &&
	   !warta_lang_writes("zh", G_UNICODE_SCRIPT_HIRAGANA) && !warta_lang_writes("ja", G_UNICODE_SCRIPT_HANGUL),
	   "and those they do not");
}

int
main(void)
{
	cjk();
	script_lang();
	return harness_done();
}
