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

#endif
