/* lang.h — language facts (lang.c): BCP 47 tags, direction, dates and the
 * fixed words of warta's pages, in a language.  Used by the reader and by
 * every back end; depends on nothing of warta's but util/. */
#ifndef WARTA_LANG_H
#define WARTA_LANG_H

#include <stddef.h>

/* The primary subtag of tag, in lower case ("zh-Hant-TW" → "zh"); NULL
 * when there is none.  Caller g_free()s. */
char *warta_lang_primary(const char *tag);
/* "2024-10-25" in the language, CLDR's full date form (ICU), Gregorian:
 * "Jumat, 25 Oktober 2024" (id), "Friday, October 25, 2024" (en),
 * "2024年10月25日星期五" (zh) …  NULL if the date does not parse.  Caller g_free()s. */
char *warta_date_format(const char *iso_date, const char *lang);
/* 1 when the language is written right to left (ar, fa, he, ur …). */
int warta_lang_is_rtl(const char *lang);
/* The direction of text's first strong letter (UAX #9's P2-P3): 1 right to
 * left, 0 left to right, -1 none (digits, punctuation, nothing). */
int warta_text_dir(const char *text);
/* The BCP 47 tag in its canonical form ("zh-hant-tw" → "zh-Hant-TW", "zh_TW"
 * → "zh-TW"); a tag ICU cannot read gives its primary language.  NULL for
 * NULL.  Caller g_free()s. */
char *warta_lang_normalize(const char *tag);
/* The tag that most of tags[0, n) are (compared without regard to case),
 * a tie going to the one that comes first; NULL when none is given (NULL
 * and empty tags are not counted).  An edition's default language. */
const char *warta_lang_most_common(const char *const *tags, size_t n);
/* 1 when tag's primary language is primary ("zh-Hant-TW" is "zh"). */
int warta_lang_is(const char *tag, const char *primary);
/* The Noto CJK region of tag: "SC" "TC" "HK" "JP" "KR", NULL for a
 * language not written in Han, kana or Hangul. */
const char *warta_lang_cjk_region(const char *tag);
/* "Hant" or "Hans" when text[0, n) is clearly Traditional or Simplified
 * Chinese (the characters only one of them writes, ICU's Hant-Hans and
 * Hans-Hant mappings), NULL when it cannot tell. */
const char *warta_zh_script(const char *text, size_t n);

/* The digits an article is set in (a style's [fonts] digits; digits.c). */
enum warta_digits {
	WARTA_DIGITS_AS_WRITTEN,     /* the author's */
	WARTA_DIGITS_LATIN,          /* European 0–9, in every language */
	WARTA_DIGITS_ARABIC_INDIC,   /* in Arabic-script languages: ٠–٩, or ۰–۹ where the
	                              * language writes the Extended ones (fa, ur, ps …) */
	WARTA_DIGITS_AUTO            /* in Arabic-script languages: CLDR's default
	                              * (ar ٠–٩, fa ۰–۹, ur and ar-MA 0–9 as written) */
};
/* The zero of the digits text in language tag is set in under mode
 * ('0', 0x660 or 0x6F0), 0 when its digits stay as written. */
unsigned int warta_digits_zero(const char *tag, int mode);
/* text[0, n) with its numbers in the digits of zero (a number held by Latin
 * letters, "A4", "COVID-19", stays; '.' ',' inside a number and '%' after
 * it become ٫ ٬ ٪ with Arabic-Indic digits): a new string, NULL when
 * nothing changes.  map, when not NULL, has n + 1 entries: each byte's
 * offset in the new string.  Caller g_free()s. */
char *warta_digits_apply(const char *text, size_t n, unsigned int zero, size_t *map);

/* The fixed words of warta's pages, in a language (CLDR has none of them):
 * warta_label(lang, key), English for a language warta does not know. */
enum warta_label_key {
	WARTA_LABEL_CONTENTS,
	WARTA_LABEL_PAGE,
	WARTA_LABEL_CONTINUED_ON,    /* "Continued on page %s" */
	WARTA_LABEL_CONTINUED_FROM,  /* "Continued from page %s" */
	WARTA_LABEL_COVER,
	WARTA_LABEL_START,
	WARTA_LABEL_NOTES,
	WARTA_LABEL_INSIDE,          /* heads a newspaper front page's index strip */
	WARTA_LABEL_ISSUE,           /* "No. %s": the edition's number */
	WARTA_LABEL_COUNT
};
const char *warta_label(const char *lang, enum warta_label_key key);

/* CJK characters (script.c): one definition for the reader, layout, print
 * and EPUB.  Letters: the Han script (CJK Unified Ideographs and their
 * extensions A–H, the compatibility ideographs, radicals), Hiragana,
 * Katakana (with the half-width and phonetic-extension forms), Hangul
 * (syllables and jamo) and Bopomofo, by Unicode's Script property.
 * Punctuation: CJK Symbols and Punctuation (U+3000–303F) and the full-width
 * forms (U+FF01–FF60). */
int warta_cjk_letter(unsigned int c);
int warta_cjk_punct(unsigned int c);
/* Written without spaces between words, so lines break and justify
 * between characters: the letters but Hangul (Korean spaces its words),
 * and the punctuation. */
int warta_cjk_unspaced(unsigned int c);
/* Set on a square em: the letters and the punctuation. */
int warta_cjk_square(unsigned int c);
/* A glyph as wide as the em in a CJK face: the letters and whatever
 * Unicode's East Asian Width calls wide or full-width (g_unichar_iswide:
 * the punctuation, enclosed and compatibility forms, emoji). */
int warta_cjk_wide(unsigned int c);

/* Scripts (script.c).  Script values are GUnicodeScript's; the CJK scripts
 * (Han, Hiragana, Katakana, Hangul, Bopomofo) count as one, Han. */
/* The script of c, the CJK ones counted as Han. */
int warta_script_group(unsigned int c);
/* The script most letters of text[0, n) are in (Common when none), with
 * the count of letters and of letters in it when those are not NULL. */
int warta_text_script(const char *text, size_t n, long *letters, long *in_script);
/* The language text[0, n), written in script, most likely is by its letters
 * alone: Arabic script "ar", "fa" or "ur" by the letters only Persian or
 * Urdu write; Cyrillic "ru" unless letters of uk, sr, mk or be show; Han
 * "ja" with kana, "ko" with Hangul, else "zh"; Greek "el", Hebrew "he",
 * Thai "th", Devanagari "hi" …  NULL for a script many languages share
 * (Latin) or one warta does not know. */
const char *warta_script_lang(int script, const char *text, size_t n);
/* 1 when language tag is written in script (CLDR's likely script: Arabic
 * for ur, Han and kana for ja, Han and Hangul for ko); Common and Inherited
 * (spaces, digits, punctuation, marks) belong to every language. */
int warta_lang_writes(const char *tag, int script);

#endif
