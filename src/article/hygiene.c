/* hygiene.c — the reader's first stage: checks the raw article bytes and
 * writes the clean text the parser reads (valid UTF-8, LF line ends, no
 * control characters), with a source map back to original line:column.
 * Rules:
 *  - invalid UTF-8: an error per line (first position, how many sequences);
 *    with repair each invalid sequence becomes U+FFFD and the error a warning;
 *  - NUL, C0 controls other than TAB/LF/CR, DEL and C1 controls (U+0080–U+009F):
 *    removed, one warning per line naming the first position and the count;
 *  - Unicode noncharacters (U+FDD0–U+FDEF and the last two code points of
 *    every plane, U+FFFE/U+FFFF … U+10FFFE/U+10FFFF): each replaced by U+FFFD,
 *    one warning per line naming the first position and the count.  They are
 *    for a program's internal use, never for interchange (Unicode §23.7), and
 *    Cairo refuses them; the reader applies the same rule to those that come
 *    from an entity (&#xFFFF;) or a YAML escape (ar_noncharacters, nonchar.c),
 *    so every format shows the same U+FFFD;
 *  - a character carrying more than AR_MAX_MARKS combining marks (Zalgo
 *    text: 50,000 marks on one letter took 38 s to shape): the marks past
 *    the 30th are removed, one warning per line (the limit of Unicode's
 *    Stream-Safe Text Format, UAX #15, which no real text reaches);
 *  - CRLF and lone CR become LF (lone CR counts as a line end in positions);
 *  - a byte order mark at the very start is dropped;
 *  - tabs, no-break spaces, bidi marks (U+200E/U+200F/U+061C) and zero-width
 *    characters (U+200B–U+200D, U+2060) are kept: they mean something.
 * One pass over the input, so linear in its size. */
#include <string.h>

#include "article/reader.h"

static void
add_edit(struct ar_src *s, GString *out, size_t orig)
{
	struct ar_edit e = { (guint32)out->len, (guint32)orig };

	if (s->edits->len > 0) {
		struct ar_edit *last = &g_array_index(s->edits, struct ar_edit, s->edits->len - 1);

		if (last->clean == e.clean) {
			last->orig = (guint32)orig;
			return;
		}
	}
	g_array_append_val(s->edits, e);
}

static void
index_lines(struct ar_src *s)
{
	const unsigned char *p = (const unsigned char *)s->orig;
	size_t i, b0, n = s->orig_len;
	guint32 chars = 0, start = 0;

	s->lines = g_array_new(FALSE, FALSE, sizeof(guint32));
	g_array_append_val(s->lines, start);
	s->ck = g_new(guint32, n / 64 + 2);
	s->cs = g_new0(guint64, n / 64 + 2);
	/* a block of 64 bytes at a time: its characters' starts (a byte
	 * that is no continuation byte) as one word of bits */
	for (b0 = 0; b0 < n; b0 += 64) {
		size_t b1 = MIN(n, b0 + 64);
		guint64 bits = 0;

		s->ck[b0 / 64] = chars;
		for (i = b0; i < b1; i++) {
			bits |= (guint64)((p[i] & 0xC0) != 0x80) << (i - b0);
			if (p[i] <= '\r' &&
			    (p[i] == '\n' || (p[i] == '\r' && (i + 1 >= n || p[i + 1] != '\n')))) {
				start = (guint32)(i + 1);
				g_array_append_val(s->lines, start);
			}
		}
		s->cs[b0 / 64] = bits;
		chars += (guint32)__builtin_popcountll(bits);
	}
	if (n % 64 == 0)
		s->ck[n / 64] = chars;
}

/* Characters in orig[0, off): the count at the block's start plus the
 * character starts before off in the block (a bit per byte, 1/8 of the
 * input, so the input itself can go once it is clean). */
static guint32
char_index(const struct ar_src *s, size_t off)
{
	guint64 below = (G_GUINT64_CONSTANT(1) << (off % 64)) - 1;

	return s->ck[off / 64] + (guint32)__builtin_popcountll(s->cs[off / 64] & below);
}

void
ar_orig_pos(const struct ar_src *s, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = s->lines->len;

	if (off > s->orig_len)
		off = s->orig_len;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (g_array_index(s->lines, guint32, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (int)lo + 1;
	*col = (int)(char_index(s, off) - char_index(s, g_array_index(s->lines, guint32, lo))) + 1;
}

size_t
ar_orig_off(const struct ar_src *s, size_t c)
{
	size_t lo = 0, hi = s->edits->len;
	const struct ar_edit *e;

	if (hi == 0)
		return c;
	if (g_array_index(s->edits, struct ar_edit, 0).clean > c)
		return c;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (g_array_index(s->edits, struct ar_edit, mid).clean <= c)
			lo = mid;
		else
			hi = mid;
	}
	e = &g_array_index(s->edits, struct ar_edit, lo);
	return e->orig + (c - e->clean);
}

void
ar_clean_pos(const struct ar_src *s, size_t c, int *line, int *col)
{
	ar_orig_pos(s, ar_orig_off(s, c), line, col);
}

/* Per-line collapsing of repeated problems: one message per line and kind. */
struct tally {
	int line;                  /* line of the pending message, 0: none */
	size_t first;              /* original offset of the first occurrence */
	gunichar first_char;
	int count;
};

static void
tally_flush(struct ar_src *s, struct tally *t, struct warta_diags *d, int kind, int repair)
{
	int line, col;

	if (t->count == 0)
		return;
	ar_orig_pos(s, t->first, &line, &col);
	if (kind == 3) {
		warta_diag(d, WARTA_WARNING, s->path, line, col,
		           "more than %d combining marks on one character: %d removed on this line",
		           AR_MAX_MARKS, t->count);
	} else if (kind == 2) {
		if (t->count == 1)
			warta_diag(d, WARTA_WARNING, s->path, line, col,
			           "noncharacter U+%04X replaced by U+FFFD", t->first_char);
		else
			warta_diag(d, WARTA_WARNING, s->path, line, col,
			           "%d noncharacters replaced by U+FFFD on this line (first U+%04X)",
			           t->count, t->first_char);
	} else if (kind == 0) {
		if (t->count == 1)
			warta_diag(d, WARTA_WARNING, s->path, line, col,
			           "control character U+%04X removed", t->first_char);
		else
			warta_diag(d, WARTA_WARNING, s->path, line, col,
			           "%d control characters removed on this line (first U+%04X)",
			           t->count, t->first_char);
	} else {
		const char *what = repair ? "replaced by U+FFFD"
		                 : t->count == 1 ? "(--repair replaces it with U+FFFD)"
		                                 : "(--repair replaces them with U+FFFD)";

		if (t->count == 1)
			warta_diag(d, repair ? WARTA_WARNING : WARTA_ERROR, s->path, line, col,
			           "invalid UTF-8 byte 0x%02X %s", t->first_char, what);
		else
			warta_diag(d, repair ? WARTA_WARNING : WARTA_ERROR, s->path, line, col,
			           "%d invalid UTF-8 sequences on this line (first byte 0x%02X) %s",
			           t->count, t->first_char, what);
	}
	t->count = 0;
	t->line = 0;
}

static void
tally_add(struct ar_src *s, struct tally *t, struct warta_diags *d, int kind, int repair,
          size_t off, gunichar c)
{
	int line, col;

	ar_orig_pos(s, off, &line, &col);
	if (t->count > 0 && t->line != line)
		tally_flush(s, t, d, kind, repair);
	if (t->count == 0) {
		t->line = line;
		t->first = off;
		t->first_char = c;
	}
	t->count++;
}

static int
is_removed_control(gunichar c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return 0;
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

int
ar_hygiene(struct ar_src *s, int repair, struct warta_diags *d)
{
	const unsigned char *p = (const unsigned char *)s->orig;
	size_t i = 0, n = s->orig_len;
	GString *out = g_string_sized_new(n + 1);
	struct tally ctl = { 0 }, bad = { 0 }, nonch = { 0 }, marks = { 0 };
	int errors = 0, in_bad = 0, nmarks = 0;

	s->edits = g_array_new(FALSE, FALSE, sizeof(struct ar_edit));
	index_lines(s);
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
		i = 3;
		add_edit(s, out, i);
	}
	while (i < n) {
		unsigned char b = p[i];
		gunichar c;
		size_t len;

		if ((b >= 0x20 && b < 0x7F) || b == '\n' || b == '\t') {
			/* fast path: a run of printable ASCII, line feeds and
			 * tabs, copied as it is */
			size_t j = i + 1;

			while (j < n && ((p[j] >= 0x20 && p[j] < 0x7F) || p[j] == '\n' || p[j] == '\t'))
				j++;
			g_string_append_len(out, (const char *)p + i, (gssize)(j - i));
			i = j;
			in_bad = 0;
			nmarks = 0;
			continue;
		}
		if (b < 0x80) {
			c = b;
			len = 1;
		} else {
			c = g_utf8_get_char_validated((const char *)p + i, (gssize)(n - i));
			if (c == (gunichar)-1 || c == (gunichar)-2) {
				/* an invalid byte; consecutive ones make one sequence */
				if (!in_bad) {
					tally_add(s, &bad, d, 1, repair, i, b);
					errors += !repair;
					if (repair) {
						add_edit(s, out, i);
						g_string_append(out, "\xEF\xBF\xBD");
					}
				}
				in_bad = 1;
				i++;
				add_edit(s, out, i);
				continue;
			}
			len = (size_t)g_utf8_skip[b];
		}
		in_bad = 0;
		if (c == '\r') {
			g_string_append_c(out, '\n');
			i++;
			if (i < n && p[i] == '\n')
				i++;
			add_edit(s, out, i);
			continue;
		}
		if (is_removed_control(c)) {
			tally_add(s, &ctl, d, 0, repair, i, c);
			i += len;
			add_edit(s, out, i);
			continue;
		}
		if (c >= 0x300 && g_unichar_ismark(c)) {
			if (++nmarks > AR_MAX_MARKS) {
				tally_add(s, &marks, d, 3, repair, i, c);
				i += len;
				add_edit(s, out, i);
				continue;
			}
		} else {
			nmarks = 0;
		}
		if (ar_is_noncharacter(c)) {
			tally_add(s, &nonch, d, 2, repair, i, c);
			add_edit(s, out, i);
			g_string_append(out, "\xEF\xBF\xBD");
			i += len;
			add_edit(s, out, i);
			continue;
		}
		g_string_append_len(out, (const char *)p + i, (gssize)len);
		i += len;
	}
	tally_flush(s, &ctl, d, 0, repair);
	tally_flush(s, &nonch, d, 2, repair);
	tally_flush(s, &marks, d, 3, repair);
	tally_flush(s, &bad, d, 1, repair);
	s->clean_len = out->len;
	s->clean = g_realloc(g_string_free(out, FALSE), s->clean_len + 1);   /* without the room to grow */
	return errors ? -1 : 0;
}

void
ar_src_free(struct ar_src *s)
{
	if (s->lines)
		g_array_free(s->lines, TRUE);
	if (s->edits)
		g_array_free(s->edits, TRUE);
	g_free(s->ck);
	g_free(s->cs);
	g_free(s->clean);
	memset(s, 0, sizeof(*s));
}
