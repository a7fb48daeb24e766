/* png.c — EPUB back end: the cover's PNG encoder.  Reads rows of 4-bit
 * palette indexes from a callback; writes a paletted PNG (ISO/IEC 15948)
 * with a zlib stream (RFC 1950/1951) made for a page of type on flat paper:
 * each run of blank rows is one tiny deflate block, the rows with ink are
 * coded with matches against the byte before and the row above.  Why not
 * libdeflate alone (which this replaced; it still gives the CRC-32 and
 * Adler-32, and decodes every image in tests/unit/test_epub.c): it spends
 * about 13 instructions a byte whatever the content, 64 M a cover, where
 * this coder, which knows the rows, spends about 6 M (tests/bench/RESULTS.md). */
#include <libdeflate.h>
#include <string.h>

#include "epub/epub_int.h"

/* ---------------------------------------------------------------- bits */

/* The zlib stream being written, deflate packing bits from the least
 * significant one (RFC 1951 §3.1.1); its Adler-32 so far. */
struct zw {
	guint8 *buf;
	gsize len, cap;
	guint64 acc;
	int n;                    /* bits pending in acc, < 32 */
	guint32 adler;
};

static void
reserve(struct zw *w, gsize more)
{
	if (w->len + more + 8 > w->cap) {
		w->cap = MAX(w->cap * 2, w->len + more + 8);
		w->buf = g_realloc(w->buf, w->cap);
	}
}

/* n ≤ 32 bits of v; room for them reserved. */
static inline void
put_bits(struct zw *w, guint32 v, int n)
{
	w->acc |= (guint64)v << w->n;
	w->n += n;
	if (w->n >= 32) {
		w->buf[w->len++] = (guint8)w->acc;
		w->buf[w->len++] = (guint8)(w->acc >> 8);
		w->buf[w->len++] = (guint8)(w->acc >> 16);
		w->buf[w->len++] = (guint8)(w->acc >> 24);
		w->acc >>= 32;
		w->n -= 32;
	}
}

/* Writes the pending bits, padded with zeros to a byte. */
static void
flush_bits(struct zw *w)
{
	reserve(w, 8);
	while (w->n > 0) {
		w->buf[w->len++] = (guint8)w->acc;
		w->acc >>= 8;
		w->n -= 8;
	}
	w->n = 0;
	w->acc = 0;
}

/* ---------------------------------------------------------------- blank rows */

/* n zero bytes as one dynamic-Huffman block (RFC 1951 §3.2.7): a literal 0,
 * then matches of length 258 at distance 1, then literals for the rest.  The
 * block's code has three literal/length symbols (0: 1 bit "0"; 256, end of
 * block: "10"; 285, length 258: "11") and two distance codes of one bit
 * (distance 1: "0", and distance 2, unused, to keep the code complete), so a
 * match is 3 bits and a 2,000-row run of a 1600-pixel cover about 2 KB. */
static void
put_zeros(struct zw *w, gsize n, int final)
{
	/* code length code lengths, in the order of §3.2.7: 16, 17, 18, 0, 8,
	 * 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1; used: 18 ("0"), 1 ("10"),
	 * 2 ("11") */
	static const guint8 cl[18] = { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2 };
	gsize q, r, i;
	guint64 a, b;

	q = (n - 1) / 258;
	r = (n - 1) % 258;
	reserve(w, 64 + (q * 3 + r) / 8);
	put_bits(w, final ? 1 : 0, 1);
	put_bits(w, 2, 2);              /* BTYPE 10: dynamic Huffman codes */
	put_bits(w, 286 - 257, 5);      /* HLIT: symbols 0..285 */
	put_bits(w, 2 - 1, 5);          /* HDIST: distance codes 0..1 */
	put_bits(w, 18 - 4, 4);         /* HCLEN */
	for (i = 0; i < 18; i++)
		put_bits(w, cl[i], 3);
	/* Huffman codes go most significant bit first: "10" is put as 1, 0 */
	put_bits(w, 1, 2);              /* symbol 0: length 1 */
	put_bits(w, 0, 1);              /* 138 zeros: symbols 1..138 */
	put_bits(w, 138 - 11, 7);
	put_bits(w, 0, 1);              /* 117 zeros: 139..255 */
	put_bits(w, 117 - 11, 7);
	put_bits(w, 3, 2);              /* 256: length 2 */
	put_bits(w, 0, 1);              /* 28 zeros: 257..284 */
	put_bits(w, 28 - 11, 7);
	put_bits(w, 3, 2);              /* 285: length 2 */
	put_bits(w, 1, 2);              /* distance code 0: length 1 */
	put_bits(w, 1, 2);              /* distance code 1: length 1 */

	put_bits(w, 0, 1);              /* literal 0 */
	for (i = 0; i < q; i++)
		put_bits(w, 3, 3);      /* "11" length 258, "0" distance 1 */
	for (i = 0; i < r; i++)
		put_bits(w, 0, 1);
	put_bits(w, 1, 2);              /* "10": end of block */
	/* Adler-32 (RFC 1950 §9) of n zeros: s1 stays, s2 grows by n·s1 */
	a = w->adler & 0xffff;
	b = w->adler >> 16;
	b = (b + (n % 65521) * a) % 65521;
	w->adler = (guint32)(b << 16 | a);
}

/* ---------------------------------------------------------------- rows with ink */

/* The length symbol (§3.2.5) of each match length, and its base length. */
struct lentab {
	guint16 sym[259];
	guint16 base[259];
};

static void
lentab_init(struct lentab *t)
{
	static const guint16 base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	                                  35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
	int l, k = 0;

	for (l = 3; l <= 258; l++) {
		while (k < 28 && base[k + 1] <= l)
			k++;
		t->sym[l] = (guint16)(257 + k);
		t->base[l] = base[k];
	}
}

static guint32
reverse(guint32 c, int n)
{
	guint32 r = 0;
	int i;

	for (i = 0; i < n; i++, c >>= 1)
		r = r << 1 | (c & 1);
	return r;
}

/* ---------------------------------------------------------------- Huffman codes */

struct sym_freq {
	guint32 freq;
	int sym;
};

static int
by_freq(const void *a, const void *b)
{
	const struct sym_freq *x = a, *y = b;

	if (x->freq != y->freq)
		return x->freq < y->freq ? -1 : 1;
	return x->sym - y->sym;
}

/* Code lengths of a minimum-redundancy code for freq[0..n), none longer than
 * limit, into len (0 for a symbol of frequency 0).  The lengths come from
 * the in-place method of Moffat and Katajainen ("In-place calculation of
 * minimum-redundancy codes", WADS 1995) on the sorted frequencies; when one
 * is too long, the frequencies are halved and the code made again.  At
 * least two symbols must have a frequency. */
static void
code_lengths(const guint32 *freq, int n, int limit, guint8 *len)
{
	struct sym_freq sf[288];
	guint32 f[288], a[288];
	int i, m, root, leaf, next, avbl, used, dpth, longest;

	for (i = 0; i < n; i++)
		f[i] = freq[i];
	for (;;) {
		m = 0;
		for (i = 0; i < n; i++) {
			len[i] = 0;
			if (f[i]) {
				sf[m].freq = f[i];
				sf[m].sym = i;
				m++;
			}
		}
		while (m < 2) {         /* a code needs two symbols: a spare */
			for (i = 0; i < n && (f[i] || (m && sf[0].sym == i)); i++)
				;
			sf[m].freq = 1;
			sf[m].sym = i;
			m++;
		}
		qsort(sf, (size_t)m, sizeof sf[0], by_freq);
		for (i = 0; i < m; i++)
			a[i] = sf[i].freq;
		/* first pass, left to right: internal weights and parents */
		a[0] += a[1];
		root = 0;
		leaf = 2;
		for (next = 1; next < m - 1; next++) {
			if (leaf >= m || a[root] < a[leaf]) {
				a[next] = a[root];
				a[root++] = (guint32)next;
			} else {
				a[next] = a[leaf++];
			}
			if (leaf >= m || (root < next && a[root] < a[leaf])) {
				a[next] += a[root];
				a[root++] = (guint32)next;
			} else {
				a[next] += a[leaf++];
			}
		}
		/* second pass, right to left: depths of internal nodes */
		a[m - 2] = 0;
		for (next = m - 3; next >= 0; next--)
			a[next] = a[a[next]] + 1;
		/* third pass: depths of the leaves */
		avbl = 1;
		used = dpth = 0;
		root = m - 2;
		next = m - 1;
		while (avbl > 0) {
			while (root >= 0 && (int)a[root] == dpth) {
				used++;
				root--;
			}
			while (avbl > used) {
				a[next--] = (guint32)dpth;
				avbl--;
			}
			avbl = 2 * used;
			dpth++;
			used = 0;
		}
		longest = 0;
		for (i = 0; i < m; i++) {
			len[sf[i].sym] = (guint8)a[i];
			longest = MAX(longest, (int)a[i]);
		}
		if (longest <= limit)
			return;
		for (i = 0; i < n; i++)
			if (f[i])
				f[i] = (f[i] >> 1) | 1;
	}
}

/* The canonical codes of §3.2.2 for the lengths, bit-reversed for put_bits. */
static void
canonical(const guint8 *len, int n, guint16 *code)
{
	int count[16] = { 0 }, next[16], i, c = 0;

	for (i = 0; i < n; i++)
		count[len[i]]++;
	count[0] = 0;
	for (i = 1; i < 16; i++) {
		c = (c + count[i - 1]) << 1;
		next[i] = c;
	}
	for (i = 0; i < n; i++)
		code[i] = len[i] ? (guint16)reverse((guint32)next[len[i]]++, len[i]) : 0;
}

/* ---------------------------------------------------------------- rows with ink */

/* How far d[i..n) repeats d[i-dist..), at most 258. */
static inline gsize
match_len(const guint8 *d, gsize i, gsize n, gsize dist)
{
	gsize len = 0, max = MIN(258, n - i);
	guint64 a, b;

	while (len + 8 <= max) {
		memcpy(&a, d + i + len, 8);
		memcpy(&b, d + i + len - dist, 8);
		if (a != b)
			return len + (gsize)__builtin_ctzll(a ^ b) / 8;
		len += 8;
	}
	while (len < max && d[i + len] == d[i + len - dist])
		len++;
	return len;
}

/* Token bits: the literal/length symbol, the length's extra bits, and for a
 * match whether its distance is the row above (else the byte before). */
#define TOK_SYM(t) ((t) & 0x1ff)
#define TOK_EXTRA(t) (((t) >> 9) & 0x1f)
#define TOK_UP 0x4000u

/* The distance code of the row above, rowlen back (§3.2.5): its code in
 * *k, its base in *base, its extra bits returned. */
static int
up_code(gsize rowlen, int *k, guint32 *base)
{
	/* distance codes 0..29: bases (§3.2.5) */
	static const guint16 dbase[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	                                   257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
	                                   8193, 12289, 16385, 24577 };

	*k = 0;
	while (*k < 29 && dbase[*k + 1] <= rowlen)
		(*k)++;
	*base = dbase[*k];
	return *k < 4 ? 0 : *k / 2 - 1;
}

/* The band's literals and matches into tok (returns how many), their
 * symbols counted in lfreq.  Matches are looked for at two distances only:
 * the byte before and the row above, the longer taken. */
static gsize
tokens(const struct lentab *lt, const guint8 *d, gsize len, gsize rowlen, guint32 *tok,
       guint32 lfreq[286])
{
	gsize i = 0, ntok = 0;

	while (i < len) {
		gsize r = i >= 1 ? match_len(d, i, len, 1) : 0;
		gsize above = i >= rowlen && rowlen <= 32768 ? match_len(d, i, len, rowlen) : 0;
		gsize m = MAX(r, above);

		if (m < 3) {
			tok[ntok++] = d[i];
			lfreq[d[i]]++;
			i++;
			continue;
		}
		tok[ntok++] = lt->sym[m] | (guint32)(m - lt->base[m]) << 9 | (above > r ? TOK_UP : 0);
		lfreq[lt->sym[m]]++;
		i += m;
	}
	lfreq[256]++;
	return ntok;
}

/* The code lengths seq[0..nseq), run-length coded (16: repeat the last 3-6
 * times, 17: 3-10 zeros, 18: 11-138 zeros): with w NULL, the symbols are
 * counted into cfreq; else written with the code clen/ccode. */
static void
length_runs(struct zw *w, const guint8 *seq, int nseq, guint32 cfreq[19], const guint8 clen[19],
            const guint16 ccode[19])
{
	int j, run;

	for (j = 0; j < nseq; j += run) {
		int sym, extra = 0, nextra = 0;

		for (run = 1; j + run < nseq && seq[j + run] == seq[j]; run++)
			;
		if (seq[j] == 0 && run >= 11) {
			run = MIN(run, 138);
			sym = 18, extra = run - 11, nextra = 7;
		} else if (seq[j] == 0 && run >= 3) {
			run = MIN(run, 10);
			sym = 17, extra = run - 3, nextra = 3;
		} else if (seq[j] != 0 && run >= 4) {
			run = MIN(run, 7);
			/* the length once, then "repeat it" */
			if (w)
				put_bits(w, ccode[seq[j]], clen[seq[j]]);
			else
				cfreq[seq[j]]++;
			sym = 16, extra = run - 4, nextra = 2;
		} else {
			run = 1;
			sym = seq[j];
		}
		if (!w) {
			cfreq[sym]++;
			continue;
		}
		put_bits(w, ccode[sym], clen[sym]);
		if (nextra)
			put_bits(w, (guint32)extra, nextra);
	}
}

/* len bytes of filtered rows, each row rowlen bytes with its filter type, as
 * one block with Huffman codes of its own (§3.2.7).  Matches are looked for
 * at two distances only: the byte before (runs of paper and of ink) and the
 * row above (the strokes of the letters), the longer taken: a few
 * instructions a byte, where a general compressor's hashing cost five times
 * as much on these rows, for a file about as small. */
static void
put_band(struct zw *w, const struct lentab *lt, const guint8 *d, gsize len, gsize rowlen, int final)
{
	static const guint8 order[19] = { 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
	guint32 *tok = g_malloc((len + 1) * sizeof *tok), lfreq[286] = { 0 }, cfreq[19] = { 0 };
	guint8 llen[286], dlen[30] = { 0 }, seq[286 + 30], clen[19];
	guint16 lcode[286], ccode[19];
	gsize ntok, t;
	int k, up_extra, hlit, hdist, hclen, nseq, j;
	guint32 up_base;

	up_extra = up_code(rowlen, &k, &up_base);
	ntok = tokens(lt, d, len, rowlen, tok, lfreq);
	w->adler = libdeflate_adler32(w->adler, d, len);

	/* the codes: literal/length of the band's own frequencies; distance
	 * code 0 (1) and code k (the row above) of one bit each */
	code_lengths(lfreq, 286, 15, llen);
	canonical(llen, 286, lcode);
	dlen[0] = dlen[k] = 1;
	for (hlit = 286; hlit > 257 && llen[hlit - 1] == 0; hlit--)
		;
	hdist = k + 1;
	memcpy(seq, llen, (size_t)hlit);
	memcpy(seq + hlit, dlen, (size_t)hdist);
	nseq = hlit + hdist;
	length_runs(NULL, seq, nseq, cfreq, NULL, NULL);
	code_lengths(cfreq, 19, 7, clen);
	canonical(clen, 19, ccode);
	for (hclen = 19; hclen > 4 && clen[order[hclen - 1]] == 0; hclen--)
		;

	reserve(w, 128 + (gsize)nseq * 2 + ntok * 5);
	put_bits(w, final ? 1 : 0, 1);
	put_bits(w, 2, 2);              /* BTYPE 10: dynamic Huffman codes */
	put_bits(w, (guint32)(hlit - 257), 5);
	put_bits(w, (guint32)(hdist - 1), 5);
	put_bits(w, (guint32)(hclen - 4), 4);
	for (j = 0; j < hclen; j++)
		put_bits(w, clen[order[j]], 3);
	length_runs(w, seq, nseq, NULL, clen, ccode);

	/* the data: distance 1 is "0", the row above "1" and its extra bits */
	for (t = 0; t < ntok; t++) {
		guint32 s = TOK_SYM(tok[t]);

		put_bits(w, lcode[s], llen[s]);
		if (s > 256) {
			/* symbols 265..284 have 1..5 extra bits, four each */
			if (s >= 265 && s < 285)
				put_bits(w, TOK_EXTRA(tok[t]), (int)(s - 261) / 4);
			if (tok[t] & TOK_UP)
				put_bits(w, 1 | (guint32)(rowlen - up_base) << 1, 1 + up_extra);
			else
				put_bits(w, 0, 1);
		}
	}
	put_bits(w, lcode[256], llen[256]);
	g_free(tok);
}

/* ---------------------------------------------------------------- PNG */

/* One PNG chunk (§5.3): length, type, data, CRC of type and data. */
static void
png_chunk(GByteArray *out, const char *type, const guint8 *data, gsize len)
{
	guint8 b[4];
	guint32 crc;

	b[0] = (guint8)(len >> 24);
	b[1] = (guint8)(len >> 16);
	b[2] = (guint8)(len >> 8);
	b[3] = (guint8)len;
	g_byte_array_append(out, b, 4);
	g_byte_array_append(out, (const guint8 *)type, 4);
	if (len)
		g_byte_array_append(out, data, (guint)len);
	crc = libdeflate_crc32(0, type, 4);
	if (len)        /* libdeflate_crc32 of NULL is its initial value */
		crc = libdeflate_crc32(crc, data, len);
	b[0] = (guint8)(crc >> 24);
	b[1] = (guint8)(crc >> 16);
	b[2] = (guint8)(crc >> 8);
	b[3] = (guint8)crc;
	g_byte_array_append(out, b, 4);
}

static void
be32(guint8 *p, guint32 v)
{
	p[0] = (guint8)(v >> 24);
	p[1] = (guint8)(v >> 16);
	p[2] = (guint8)(v >> 8);
	p[3] = (guint8)v;
}

GByteArray *
ep_png4(int width, int height, const guint8 *palette, int ncolors,
        int (*row)(void *ctx, int y, guint8 *out), void *ctx)
{
	static const guint8 sig[8] = { 137, 'P', 'N', 'G', '\r', '\n', 26, '\n' };
	struct lentab lt;
	struct zw w;
	GByteArray *band, *out;
	gsize rowlen = ((gsize)width + 1) / 2, blank = 0;
	guint8 ihdr[13], *cur, *prev, *t;
	int y, prev_ink = 0;

	if (width <= 0 || height <= 0 || ncolors < 1 || ncolors > 16)
		return NULL;
	lentab_init(&lt);
	memset(&w, 0, sizeof w);
	w.adler = 1;
	reserve(&w, 4096);
	w.buf[w.len++] = 0x78;          /* RFC 1950: deflate, 32K window */
	w.buf[w.len++] = 0x01;
	band = g_byte_array_new();
	cur = g_malloc(rowlen + 1);
	prev = g_malloc(rowlen + 1);
	for (y = 0; y < height; y++) {
		if (!row(ctx, y, cur + 1)) {
			if (band->len) {
				put_band(&w, &lt, band->data, band->len, rowlen + 1, 0);
				g_byte_array_set_size(band, 0);
			}
			blank += rowlen + 1;    /* filter type None, all paper */
			prev_ink = 0;
			continue;
		}
		if (blank) {
			put_zeros(&w, blank, 0);
			blank = 0;
		}
		if (prev_ink && memcmp(cur + 1, prev + 1, rowlen) == 0) {
			/* filter type Up (§9.2): a repeated row is all zeros */
			gsize at = band->len;

			g_byte_array_set_size(band, (guint)(at + rowlen + 1));
			band->data[at] = 2;
			memset(band->data + at + 1, 0, rowlen);
		} else {
			cur[0] = 0;             /* filter type None */
			g_byte_array_append(band, cur, (guint)(rowlen + 1));
			t = prev;
			prev = cur;
			cur = t;
		}
		prev_ink = 1;
	}
	if (band->len)
		put_band(&w, &lt, band->data, band->len, rowlen + 1, 1);
	else
		put_zeros(&w, blank, 1);
	flush_bits(&w);
	be32(w.buf + w.len, w.adler);   /* flush_bits left room */
	w.len += 4;
	g_byte_array_free(band, TRUE);
	g_free(cur);
	g_free(prev);

	be32(ihdr, (guint32)width);
	be32(ihdr + 4, (guint32)height);
	ihdr[8] = 4;    /* bit depth */
	ihdr[9] = 3;    /* colour type: palette */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;     /* deflate, adaptive filters, no interlace */
	out = g_byte_array_sized_new((guint)w.len + 128);
	g_byte_array_append(out, sig, sizeof sig);
	png_chunk(out, "IHDR", ihdr, sizeof ihdr);
	png_chunk(out, "PLTE", palette, (gsize)ncolors * 3);
	png_chunk(out, "IDAT", w.buf, w.len);
	png_chunk(out, "IEND", NULL, 0);
	g_free(w.buf);
	return out;
}
