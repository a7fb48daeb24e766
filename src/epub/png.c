/* png.c — EPUB back end: the cover's PNG encoder.  Reads rows of 4-bit
 * palette indexes from a callback; writes a paletted PNG (ISO/IEC 15948)
 * whose blank rows cost next to nothing: each run of them is one hand-made
 * deflate block (RFC 1951), and only the rows with ink go to libdeflate. */
#include <libdeflate.h>
#include <string.h>
#include <zlib.h>

#include "epub/epub_int.h"

/* ---------------------------------------------------------------- bits */

/* The zlib stream being written: bytes, and up to 7 pending bits (deflate
 * packs bits from the least significant one, RFC 1951 §3.1.1). */
struct zw {
	GByteArray *out;
	guint32 acc;
	int n;
	guint32 adler;
};

static void
put_bits(struct zw *w, guint32 v, int n)
{
	w->acc |= v << w->n;
	w->n += n;
	while (w->n >= 8) {
		guint8 c = (guint8)w->acc;

		g_byte_array_append(w->out, &c, 1);
		w->acc >>= 8;
		w->n -= 8;
	}
}

/* Pads the pending bits with zeros to a byte. */
static void
flush_bits(struct zw *w)
{
	if (w->n > 0)
		put_bits(w, 0, 8 - w->n);
}

/* ---------------------------------------------------------------- blank rows */

/* n zero bytes as one dynamic-Huffman block (RFC 1951 §3.2.7): a literal 0,
 * then matches of length 258 at distance 1, then literals for the rest.  The
 * block's code has three literal/length symbols (0: 1 bit "0"; 256, end of
 * block: "10"; 285, length 258: "11") and two distance codes of one bit
 * (distance 1: "0", and distance 2, unused, to keep the code complete), so a
 * match is 3 bits and a 2,000-row run of a 1600-pixel cover about 2 KB.
 * A non-final block is followed by an empty stored block, which leaves the
 * stream on a byte boundary (§3.2.4). */
static void
put_zeros(struct zw *w, gsize n, int final)
{
	/* code length code lengths, in the order of §3.2.7: 16, 17, 18, 0, 8,
	 * 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1; used: 18 ("0"), 1 ("10"),
	 * 2 ("11") */
	static const guint8 cl[18] = { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2 };
	gsize q, r, i;
	guint64 a, b;

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
	q = (n - 1) / 258;
	r = (n - 1) % 258;
	for (i = 0; i < q; i++)
		put_bits(w, 3, 3);      /* "11" length 258, "0" distance 1 */
	for (i = 0; i < r; i++)
		put_bits(w, 0, 1);
	put_bits(w, 1, 2);              /* "10": end of block */
	if (final) {
		flush_bits(w);
	} else {
		static const guint8 sync[4] = { 0, 0, 0xff, 0xff };

		put_bits(w, 0, 3);      /* not final, BTYPE 00: stored */
		flush_bits(w);
		g_byte_array_append(w->out, sync, 4);   /* LEN 0, NLEN */
	}
	/* Adler-32 (RFC 1950 §9) of n zeros: s1 stays, s2 grows by n·s1 */
	a = w->adler & 0xffff;
	b = w->adler >> 16;
	b = (b + (n % 65521) * a) % 65521;
	w->adler = (guint32)(b << 16 | a);
}

/* ---------------------------------------------------------------- rows with ink */

/* Where a raw deflate stream's last block starts and where the stream ends,
 * in bits, found by inflating it with Z_BLOCK (zlib.h: inflate stops at each
 * block boundary and reports the unused bits of the last byte it took, +64
 * when the block just ended was the last, +128 at a boundary). */
static int
deflate_walk(const guint8 *z, gsize len, gsize *last, gsize *end)
{
	z_stream s;
	guint8 sink[32768];
	int ret;

	memset(&s, 0, sizeof s);
	if (inflateInit2(&s, -15) != Z_OK)
		return -1;
	s.next_in = (Bytef *)z;
	s.avail_in = (uInt)len;
	*last = 0;
	for (;;) {
		s.next_out = sink;
		s.avail_out = sizeof sink;
		ret = inflate(&s, Z_BLOCK);
		if (ret != Z_OK)
			break;
		if (s.data_type & 128) {
			gsize pos = (gsize)(s.next_in - z) * 8 - (gsize)(s.data_type & 7);

			if (s.data_type & 64) {
				*end = pos;
				inflateEnd(&s);
				return 0;
			}
			*last = pos;
		}
	}
	inflateEnd(&s);
	return -1;
}

/* len bytes of filtered rows, deflated by libdeflate; a band that is not the
 * last of the image loses its final-block bit and leaves its last bits
 * pending, so that the next block follows it directly. */
static int
put_band(struct zw *w, struct libdeflate_compressor *zc, const guint8 *data, gsize len, int final)
{
	gsize bound = libdeflate_deflate_compress_bound(zc, len), zlen, last, end;
	guint8 *z = g_malloc(bound);

	zlen = libdeflate_deflate_compress(zc, data, len, z, bound);
	if (zlen == 0) {
		g_free(z);
		return -1;
	}
	w->adler = libdeflate_adler32(w->adler, data, len);
	if (final) {
		g_byte_array_append(w->out, z, (guint)zlen);
		g_free(z);
		return 0;
	}
	if (deflate_walk(z, zlen, &last, &end) != 0 || end > zlen * 8) {
		g_free(z);
		return -1;
	}
	z[last / 8] &= (guint8)~(1u << (last % 8));
	g_byte_array_append(w->out, z, (guint)(end / 8));
	if (end % 8) {
		w->acc = z[end / 8] & ((1u << (end % 8)) - 1);
		w->n = (int)(end % 8);
	}
	g_free(z);
	return 0;
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
	struct libdeflate_compressor *zc;
	struct zw w;
	GByteArray *band, *out;
	gsize rowlen = ((gsize)width + 1) / 2, blank = 0;
	guint8 ihdr[13], *cur, *prev, *t;
	int y, prev_ink = 0, failed = 0;

	if (width <= 0 || height <= 0 || ncolors < 1 || ncolors > 16)
		return NULL;
	zc = libdeflate_alloc_compressor(1);
	if (!zc)
		return NULL;
	memset(&w, 0, sizeof w);
	w.out = g_byte_array_new();
	w.adler = 1;
	g_byte_array_append(w.out, (const guint8 *)"\x78\x01", 2);      /* RFC 1950: deflate, 32K window */
	band = g_byte_array_new();
	cur = g_malloc(rowlen + 1);
	prev = g_malloc(rowlen + 1);
	for (y = 0; y < height && !failed; y++) {
		if (!row(ctx, y, cur + 1)) {
			if (band->len) {
				failed = put_band(&w, zc, band->data, band->len, 0);
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
	if (!failed && band->len)
		failed = put_band(&w, zc, band->data, band->len, 1);
	else if (!failed && blank)
		put_zeros(&w, blank, 1);
	libdeflate_free_compressor(zc);
	g_byte_array_free(band, TRUE);
	g_free(cur);
	g_free(prev);
	if (failed) {
		g_byte_array_free(w.out, TRUE);
		return NULL;
	}
	be32(ihdr, (guint32)width);
	be32(ihdr + 4, (guint32)height);
	ihdr[8] = 4;    /* bit depth */
	ihdr[9] = 3;    /* colour type: palette */
	ihdr[10] = ihdr[11] = ihdr[12] = 0;     /* deflate, adaptive filters, no interlace */
	{
		guint8 ad[4];

		be32(ad, w.adler);
		g_byte_array_append(w.out, ad, 4);
	}
	out = g_byte_array_sized_new(w.out->len + 128);
	g_byte_array_append(out, sig, sizeof sig);
	png_chunk(out, "IHDR", ihdr, sizeof ihdr);
	png_chunk(out, "PLTE", palette, (gsize)ncolors * 3);
	png_chunk(out, "IDAT", w.out->data, w.out->len);
	png_chunk(out, "IEND", NULL, 0);
	g_byte_array_free(w.out, TRUE);
	return out;
}
