/* hyphenate.h — hyphenation points from Debian's hyphen-* dictionaries
 * (/usr/share/hyphen) applied by warta's own pattern engine (patterns.h, the
 * same points as libhyphen 2.8.8), loaded once per language and shared
 * read-only between threads.  Reads a word; writes where it may break. */
#ifndef WARTA_HYPHENATE_H
#define WARTA_HYPHENATE_H

struct warta_hyphenator;

struct warta_hyphenator *warta_hyphenator_new(void);
void warta_hyphenator_free(struct warta_hyphenator *h);
/* 1 when a dictionary exists for lang (BCP 47 primary tag: "id", "en", …). */
int warta_hyphenator_has(struct warta_hyphenator *h, const char *lang);
/* Break points in word (UTF-8, len bytes): byte offsets where a hyphen may go,
 * at least left_min characters from the start and right_min from the end.
 * Writes at most max offsets into points, ascending; returns how many (0: none,
 * or not a plain word: digits, URLs, e-mail addresses, paths, all-caps
 * acronyms, words shorter than left_min + right_min, letters the dictionary's
 * encoding lacks, or whose lowercase changes length).  Punctuation around the
 * word is skipped; parts joined by hyphens or apostrophes are hyphenated each
 * on their own (never at the joint: the caller breaks explicit hyphens).
 * Breaks that change the spelling (libhyphen's non-standard patterns) are not
 * offered.  Indonesian: a table of known-bad words, and every fragment must
 * hold a vowel.  Thread-safe. */
int warta_hyphenate(struct warta_hyphenator *h, const char *lang, const char *word, int len,
                    int left_min, int right_min, int *points, int max);
/* Words whose points a hyphenator keeps, at most (about 80 bytes each). */
#define WARTA_HYPHEN_KEPT_MAX 20000
/* Words whose points h keeps (asked again, they are not computed again). */
int warta_hyphenator_kept(struct warta_hyphenator *h);

#endif
