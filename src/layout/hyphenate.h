/* hyphenate.h — hyphenation points from libhyphen with Debian's hyphen-*
 * dictionaries (/usr/share/hyphen), loaded once per language and shared
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
 * Writes at most max offsets into points; returns how many (0: none, or not a
 * plain word: digits, URLs, acronyms …).  Thread-safe. */
int warta_hyphenate(struct warta_hyphenator *h, const char *lang, const char *word, int len,
                    int left_min, int right_min, int *points, int max);

#endif
