/* covers.c — `make bench`'s cover coders: the EPUB cover's PNG as warta
 * writes it (src/epub/cover.c, ep_png4: 4-bit palette rows, filter None,
 * libdeflate at level 1) against libdeflate at levels 3, 6 and 9 over the
 * same rows (issue 16, item 5: which level pays).  Reads EPUB/images/cover.png
 * of each EPUB given (libzip), decodes its 4-bit palette rows, then encodes
 * them RUNS times with each coder in turn, compressing the whole filtered
 * image in one call.  Prints one line a coder: the bytes of all covers and
 * the median CPU time a cover (CLOCK_THREAD_CPUTIME_ID: the figure that holds
 * on a shared machine), and checks that each libdeflate stream decodes to
 * the same rows.
 * usage: covers [-n RUNS] BOOK.epub... */
#include <glib.h>
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "epub/epub_int.h"

struct img {
	int w, h, npal;
	guint8 pal[48];
	gsize rowlen;
	guint8 *rows;            /* h rows of rowlen bytes, unfiltered */
};

static guint32
be(const guint8 *p)
{
	return (guint32)p[0] << 24 | (guint32)p[1] << 16 | (guint32)p[2] << 8 | p[3];
}

static guint8 *
cover_of(const char *epub, gsize *len)
{
	zip_t *za = zip_open(epub, ZIP_RDONLY, NULL);
	zip_stat_t st;
	zip_file_t *f;
	guint8 *buf = NULL;

	if (!za)
		return NULL;
	if (zip_stat(za, "EPUB/images/cover.png", 0, &st) == 0 && (f = zip_fopen(za, "EPUB/images/cover.png", 0))) {
		buf = g_malloc(st.size);
		if (zip_fread(f, buf, st.size) != (zip_int64_t)st.size)
			g_clear_pointer(&buf, g_free);
		*len = st.size;
		zip_fclose(f);
	}
	zip_close(za);
	return buf;
}

/* The cover's rows, unfiltered (filters None and Up are read). */
static int
decode(const guint8 *png, gsize n, struct img *im)
{
	GByteArray *idat = g_byte_array_new();
	struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
	gsize p = 8, rawlen, got = 0;
	guint8 *raw;
	int y, ok;

	while (p + 12 <= n) {
		guint32 len = be(png + p);
		const guint8 *data = png + p + 8;

		if (memcmp(png + p + 4, "IHDR", 4) == 0) {
			im->w = (int)be(data);
			im->h = (int)be(data + 4);
		} else if (memcmp(png + p + 4, "PLTE", 4) == 0 && len <= sizeof im->pal) {
			memcpy(im->pal, data, len);
			im->npal = (int)len / 3;
		} else if (memcmp(png + p + 4, "IDAT", 4) == 0)
			g_byte_array_append(idat, data, len);
		p += 12 + (gsize)len;
	}
	im->rowlen = ((gsize)im->w + 1) / 2;
	rawlen = (im->rowlen + 1) * (gsize)im->h;
	raw = g_malloc(rawlen);
	ok = im->w > 0 && libdeflate_zlib_decompress(dc, idat->data, idat->len, raw, rawlen, &got) ==
	     LIBDEFLATE_SUCCESS && got == rawlen;
	im->rows = g_malloc0(im->rowlen * (gsize)im->h);
	for (y = 0; ok && y < im->h; y++) {
		const guint8 *r = raw + (gsize)y * (im->rowlen + 1);
		guint8 *o = im->rows + (gsize)y * im->rowlen;

		if (r[0] == 0)
			memcpy(o, r + 1, im->rowlen);
		else if (r[0] == 2 && y > 0)
			for (gsize i = 0; i < im->rowlen; i++)
				o[i] = (guint8)(r[1 + i] + o[(gssize)i - (gssize)im->rowlen]);
		else
			ok = 0;
	}
	g_free(raw);
	g_byte_array_free(idat, TRUE);
	libdeflate_free_decompressor(dc);
	return ok ? 0 : -1;
}

/* ep_png4's row callback, as the cover's: 0 for a row of paper only. */
static int
row(void *ctx, int y, guint8 *out)
{
	const struct img *im = ctx;
	const guint8 *r = im->rows + (gsize)y * im->rowlen;
	gsize i;

	for (i = 0; i < im->rowlen && r[i] == 0; i++)
		;
	if (i == im->rowlen)
		return 0;
	memcpy(out, r, im->rowlen);
	return 1;
}

/* The image through libdeflate: the rows gathered with filter None, then
 * one zlib stream; the PNG's bytes (chunk framing counted, not written). */
static gsize
libdeflate_png(const struct img *im, struct libdeflate_compressor *c, guint8 **z, gsize *zlen)
{
	gsize rl = im->rowlen + 1, n = rl * (gsize)im->h, bound;
	guint8 *raw = g_malloc0(n);
	int y;

	for (y = 0; y < im->h; y++)
		row((void *)im, y, raw + (gsize)y * rl + 1);
	bound = libdeflate_zlib_compress_bound(c, n);
	*z = g_malloc(bound);
	*zlen = libdeflate_zlib_compress(c, raw, n, *z, bound);
	g_free(raw);
	return 8 + 25 + 12 + (gsize)im->npal * 3 + 12 + *zlen + 12;
}

static double
cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	enum { NC = 4 };
	static const char *const name[NC] = { "ep_png4 (libdeflate level 1)", "libdeflate level 3",
	                                      "libdeflate level 6", "libdeflate level 9" };
	static const int level[NC] = { 0, 3, 6, 9 };
	struct libdeflate_compressor *cs[NC] = { NULL };
	struct libdeflate_decompressor *dc = libdeflate_alloc_decompressor();
	GArray *med[NC];
	gsize bytes[NC] = { 0 };
	int runs = 11, first = 1, covers = 0, bad = 0, k, r, f;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		runs = MAX(1, atoi(argv[2]));
		first = 3;
	}
	for (k = 0; k < NC; k++) {
		med[k] = g_array_new(FALSE, FALSE, sizeof(double));
		if (level[k])
			cs[k] = libdeflate_alloc_compressor(level[k]);
	}
	for (f = first; f < argc; f++) {
		struct img im = { 0 };
		gsize len = 0;
		guint8 *png = cover_of(argv[f], &len);
		double *t = g_new(double, (gsize)runs);

		if (!png || decode(png, len, &im) < 0) {
			fprintf(stderr, "covers: %s: no cover to read\n", argv[f]);
			g_free(png);
			g_free(im.rows);
			g_free(t);
			continue;
		}
		covers++;
		for (k = 0; k < NC; k++) {
			for (r = 0; r < runs; r++) {
				double t0 = cpu_ms();
				gsize sz, zlen = 0;
				guint8 *z = NULL;

				if (k == 0) {
					GByteArray *o = ep_png4(im.w, im.h, im.pal, im.npal, row, &im);

					sz = o ? o->len : 0;
					if (o)
						g_byte_array_free(o, TRUE);
				} else
					sz = libdeflate_png(&im, cs[k], &z, &zlen);
				t[r] = cpu_ms() - t0;
				if (r == 0 && k > 0) {
					/* the stream holds the same rows */
					gsize rl = im.rowlen + 1, got = 0;
					guint8 *back = g_malloc(rl * (gsize)im.h);

					if (libdeflate_zlib_decompress(dc, z, zlen, back, rl * (gsize)im.h, &got) !=
					    LIBDEFLATE_SUCCESS || got != rl * (gsize)im.h)
						bad++;
					for (int y = 0; y < im.h && !bad; y++)
						bad += memcmp(back + (gsize)y * rl + 1, im.rows + (gsize)y * im.rowlen,
						              im.rowlen) != 0;
					g_free(back);
				}
				if (r == 0)
					bytes[k] += sz;
				g_free(z);
			}
			qsort(t, (gsize)runs, sizeof *t, cmp_double);
			g_array_append_val(med[k], t[runs / 2]);
		}
		g_free(t);
		g_free(png);
		g_free(im.rows);
	}
	printf("covers=%d runs=%d\n", covers, runs);
	for (k = 0; k < NC; k++) {
		double sum = 0;

		for (guint i = 0; i < med[k]->len; i++)
			sum += g_array_index(med[k], double, i);
		g_array_sort(med[k], cmp_double);
		printf("%-26s bytes=%zu (%+.1f %%) cpu_ms_a_cover: median=%.2f mean=%.2f\n", name[k],
		       bytes[k], bytes[0] ? 100.0 * ((double)bytes[k] - (double)bytes[0]) / (double)bytes[0] : 0,
		       med[k]->len ? g_array_index(med[k], double, med[k]->len / 2) : 0,
		       med[k]->len ? sum / med[k]->len : 0);
		g_array_free(med[k], TRUE);
		if (cs[k])
			libdeflate_free_compressor(cs[k]);
	}
	libdeflate_free_decompressor(dc);
	if (bad)
		fprintf(stderr, "covers: %d libdeflate stream(s) did not give the rows back\n", bad);
	return bad || covers == 0;
}
