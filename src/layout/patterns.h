/* patterns.h — layout stage: warta's own Liang hyphenation engine (patterns.c).
 * Reads a Debian/LibreOffice hyphenation dictionary (.dic, libhyphen's format)
 * and a word in the dictionary's encoding; writes the positions where it may
 * break, exactly as libhyphen 2.8.8's hnj_hyphen_hyphenate3 does. */
#ifndef WARTA_PATTERNS_H
#define WARTA_PATTERNS_H

struct pat_dict;

/* Loads path; NULL when it cannot be read (errno-style message in *why when
 * why is not NULL, to be g_free'd). */
struct pat_dict *pat_load(const char *path, char **why);
void pat_free(struct pat_dict *d);
/* The charset named on the file's first line ("UTF-8", "ISO8859-1"). */
const char *pat_charset(const struct pat_dict *d);
/* 1 when the first line is exactly "UTF-8" (libhyphen's utf8 flag). */
int pat_utf8(const struct pat_dict *d);
/* Hyphenates word (len bytes, no NUL inside, in the dictionary's encoding)
 * with the minimums max(lhmin, LEFTHYPHENMIN) and max(rhmin, RIGHTHYPHENMIN)
 * (2 when both are 0), as hnj_hyphen_hyphenate3(…, lhmin, rhmin, 0, 0).
 * On return 0, for each character i (a byte for 8-bit dictionaries):
 * brk[i] = 1 when a hyphen may go after it, and nonstd[i] = 1 when that break
 * comes from a non-standard pattern (a spelling change such as Schiff-fahrt);
 * both arrays hold len entries.  Returns 1, leaving the arrays unspecified,
 * when a UTF-8 dictionary gets a word that begins inside a character. */
int pat_hyphenate(const struct pat_dict *d, const char *word, int len, int lhmin, int rhmin,
                  char *brk, char *nonstd);

#endif
