/* read.c — the article reader's driver: raw bytes → hygiene → shape (date
 * line, YAML front matter, "# Title", plain) → body lines (boilerplate
 * dropped) → libcmark-gfm, a long body a chunk at a time → the document tree
 * of doc/doc.h with positions mapped back to the original file → language →
 * the article layer (sections, dateline, quotations and typography; layer.c, quotes.c).
 * Its parts: front.c (the shape: date line, front matter), markdown.c (cmark's
 * tree → the document tree), ctx.c (what every pass shares: text runs,
 * positions, messages). */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "article/reader.h"
#include "util/date.h"
#include "util/url.h"

/* ------------------------------------------------ driver */

static void
set_text_positions(struct ar_ctx *cx, struct warta_node *root)
{
	struct warta_walk w;
	struct warta_node *n;

	warta_walk_init(&w, root);
	while (warta_walk_next(&w, &n) != WARTA_WALK_DONE) {
		if (n->type == WARTA_NODE_TEXT) {
			struct ar_run *r = ar_run_get(cx, n);

			if (r && r->len > 0)
				ar_set_pos(cx, n, ar_run_off(r, 0), ar_run_off(r, r->len - 1));
		}
	}
}

/* cmark-gfm registers its extensions in a global list without a lock:
 * once per process, before any thread parses.  And it is not safe to parse
 * in two threads at once: while a parser sets a document's inlines it adds
 * its extensions' trigger characters (autolink's ':' and 'w',
 * strikethrough's '~') to a table all parsers share, and takes them out
 * again when it is done (cmark-gfm 0.29, process_inlines), so a parser in
 * another thread at that moment missed bare URLs and struck-out text: an
 * edition read in the reader's thread pool lost links, now and then, with
 * no message.  So one parse at a time, under parse_lock: cmark-gfm was
 * about 3 % of the reader threads' time on make bench's A4 edition, the
 * rest of reading still runs in parallel. */
static GOnce registered = G_ONCE_INIT;
static GMutex parse_lock;

static gpointer
register_extensions(gpointer unused)
{
	cmark_gfm_core_extensions_ensure_registered();
	return GINT_TO_POINTER(1);
}

static cmark_node *
parse_markdown(const char *text, size_t len)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink", NULL };
	cmark_parser *p;
	cmark_node *doc;
	int i;

	g_once(&registered, register_extensions, NULL);
	g_mutex_lock(&parse_lock);
	p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (i = 0; exts[i]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	g_mutex_unlock(&parse_lock);
	return doc;
}

/* Fence lines ("```", "~~~") open and close code blocks, where no line is
 * boilerplate; *bare: nothing follows the fence (a closing fence). */
static int
fence(const char *s, size_t n, char *ch, size_t *len, int *bare)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	for (k = i; k < n && s[k] == s[i]; k++)
		;
	if (k - i < 3)
		return 0;
	*ch = s[i];
	*len = k - i;
	*bare = ar_blank(s + k, n - k);
	return 1;
}

/* Body bytes after which a long body is cut into a new chunk for cmark at
 * the next safe line: cmark's tree of the whole body (about four bytes per
 * byte of text) then never exists at once, only a chunk's. */
#define AR_CHUNK (1u << 20)
/* The language is guessed from the body's first bytes: no chunk is shorter. */
#define AR_LANG_SAMPLE 3000

size_t ar_chunk_bytes = AR_CHUNK;

/* Whether the body from clean offset p may be parsed in chunks: cmark
 * reads some things document-wide, and a body with any of them is parsed
 * whole.  Link reference definitions ("[label]: url") and footnotes ("[^")
 * resolve across the document; an HTML block (a line opening with "<")
 * may run on through blank lines. */
static int
chunkable(const char *t, size_t len, size_t p)
{
	size_t e, next;

	if (g_strstr_len(t + p, (gssize)(len - p), "]:") || g_strstr_len(t + p, (gssize)(len - p), "[^"))
		return 0;
	for (; p < len; p = next) {
		size_t i = p;

		next = ar_next_line(t, len, p, &e);
		while (i < e && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (i < e && t[i] == '<')
			return 0;
	}
	return 1;
}

/* Picks the body's lines from clean offset p on: kept gets the clean
 * offset of each kept line's start (boilerplate lines are dropped, with a
 * note, except in code blocks), cuts the index in kept of each chunk's
 * first line.  A chunk ends, once ar_chunk_bytes long, before a line that
 * opens a paragraph at the left margin after a blank line outside a fenced
 * code block: there every container cmark has open (list, quotation,
 * indented code, table) has closed, so cmark reads the chunks as it would
 * read them together. */
static void
select_lines(struct ar_ctx *cx, size_t p, GArray *kept, GArray *cuts)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, e, size = 0;
	struct ar_boiler *bp = NULL;
	char fch = 0;
	size_t flen = 0;
	guint32 zero = 0;
	/* a body shorter than a chunk is never cut: no need to ask */
	int chunks = len - p >= MAX(ar_chunk_bytes, AR_LANG_SAMPLE) && chunkable(t, len, p);
	int after_blank = 0;

	g_array_append_val(cuts, zero);
	if (!cx->opts->keep_boilerplate)
		bp = ar_boiler_new(cx->opts->boilerplate, cx->d, cx->src->path);
	while (p < len) {
		size_t next = ar_next_line(t, len, p, &e);
		guint32 at = (guint32)p;
		char c;
		size_t l;
		int bare;

		if (fence(t + p, e - p, &c, &l, &bare)) {
			if (!fch)
				fch = c, flen = l;
			else if (c == fch && l >= flen && bare)
				fch = 0;
		} else if (bp && !fch && !(e - p >= 4 && strncmp(t + p, "    ", 4) == 0) &&
		           (e - p == 0 || t[p] != '\t') && ar_boiler_match(bp, t + p, e - p)) {
			char *line = ar_trim_title(t + p, e - p);

			ar_diag_at(cx, WARTA_NOTE, p, "boilerplate line dropped: %s", line);
			cx->boiler_dropped++;
			g_free(line);
			p = next;
			continue;
		} else if (chunks && size >= MAX(ar_chunk_bytes, AR_LANG_SAMPLE) && after_blank && !fch &&
		           e > p && (g_ascii_isalpha(t[p]) || (unsigned char)t[p] >= 0x80)) {
			guint32 k = kept->len;

			g_array_append_val(cuts, k);
			size = 0;
		}
		after_blank = ar_blank(t + p, e - p);
		g_array_append_val(kept, at);
		size += next - p;
		p = next;
	}
	ar_boiler_free(bp);
}

/* Makes b the body of kept lines [from, to). */
static void
fill_body(struct ar_ctx *cx, struct body *b, const GArray *kept, guint from, guint to)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, e;
	guint k;

	g_string_truncate(b->text, 0);
	g_array_set_size(b->bstart, 0);
	g_array_set_size(b->cstart, 0);
	b->cursor = 0;
	for (k = from; k < to; k++) {
		size_t p = g_array_index(kept, guint32, k), bpos = b->text->len;
		size_t next = ar_next_line(t, len, p, &e);

		g_array_append_val(b->bstart, bpos);
		g_array_append_val(b->cstart, p);
		g_string_append_len(b->text, t + p, (gssize)(next - p));
		if (next == len && (e == len))
			g_string_append_c(b->text, '\n');   /* the last line ends too */
	}
	if (b->bstart->len == 0) {
		size_t z = 0, c0 = len;

		g_array_append_val(b->bstart, z);
		g_array_append_val(b->cstart, c0);
	}
}

static void
decide_lang(struct ar_ctx *cx, struct body *b)
{
	struct warta_meta *m = &cx->doc->meta;
	char *p = NULL;

	/* the tag is kept whole (zh-Hant-TW, sr-Latn): it chooses the CJK
	 * face, the EPUB's lang and the PDF's /Lang */
	if (cx->opts->lang && *cx->opts->lang && (p = warta_lang_normalize(cx->opts->lang))) {
		g_free(m->lang);
		m->lang = p;
		m->lang_origin = WARTA_LANG_OPTION;
	} else if (m->lang && (p = warta_lang_normalize(m->lang))) {
		g_free(m->lang);
		m->lang = p;
		m->lang_origin = WARTA_LANG_FRONT_MATTER;
	} else {
		GString *sample = g_string_new(m->title);

		g_string_append_c(sample, '\n');
		g_string_append_len(sample, b->text->str, (gssize)MIN(b->text->len, AR_LANG_SAMPLE));
		g_free(m->lang);
		m->lang = ar_lang_detect(sample->str, sample->len);
		m->lang_origin = WARTA_LANG_DETECTED;
		if (!m->lang) {
			m->lang = g_strdup("en");
			m->lang_origin = WARTA_LANG_DEFAULT;
		}
		g_string_free(sample, TRUE);
	}
	/* Chinese whose tag does not say which: the characters tell
	 * Traditional from Simplified (the face, its punctuation) */
	if (strcmp(m->lang, "zh") == 0) {
		const char *sc = warta_zh_script(b->text->str, MIN(b->text->len, AR_LANG_SAMPLE));

		if (sc) {
			g_free(m->lang);
			m->lang = g_strconcat("zh-", sc, NULL);
		}
	}
	m->rtl = warta_lang_is_rtl(m->lang);
}

/* Binary files handed over as articles (a PDF, an image, an archive, UTF-16,
 * random bytes) get one clear error, not a message per line: a known file
 * signature, or a start that is mostly NUL bytes, controls and invalid UTF-8.
 * A text with a few stray bytes is still text (hygiene reports each). */
static const char *
binary_kind(const char *data, size_t len)
{
	static const struct { const char *magic; size_t n; const char *what; } sigs[] = {
		{ "%PDF-", 5, "a PDF file" },
		{ "\x89PNG\r\n\x1a\n", 8, "a PNG image" },
		{ "\xff\xd8\xff", 3, "a JPEG image" },
		{ "GIF87a", 6, "a GIF image" },
		{ "GIF89a", 6, "a GIF image" },
		{ "PK\x03\x04", 4, "a ZIP archive (EPUB, DOCX, ODT …)" },
		{ "\x1f\x8b", 2, "gzip-compressed data" },
		{ "BZh", 3, "bzip2-compressed data" },
		{ "\xfd" "7zXZ\0", 6, "xz-compressed data" },
		{ "\x7f" "ELF", 4, "an executable (ELF)" },
		{ "%!PS", 4, "a PostScript file" },
		{ "\xd0\xcf\x11\xe0", 4, "an MS Office (OLE) document" },
		{ "{\\rtf", 5, "an RTF document" },
	};
	const unsigned char *u = (const unsigned char *)data;
	size_t n = len < 4096 ? len : 4096, i, bad = 0, k;

	for (k = 0; k < G_N_ELEMENTS(sigs); k++)
		if (len >= sigs[k].n && memcmp(data, sigs[k].magic, sigs[k].n) == 0)
			return sigs[k].what;
	if (len >= 4 && ((u[0] == 0xff && u[1] == 0xfe && u[3] == 0) ||
	                 (u[0] == 0xfe && u[1] == 0xff && u[2] == 0)))
		return "UTF-16 text (convert it to UTF-8: iconv -f UTF-16 -t UTF-8)";
	if (n < 16)
		return NULL;
	for (i = 0; i < n;) {
		const char *end;
		gunichar c;

		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' && u[i] != '\f') {
			bad++;
			i++;
		} else if (u[i] < 0x80) {
			i++;
		} else if ((c = g_utf8_get_char_validated(data + i, (gssize)(n - i))) == (gunichar)-1 ||
		           c == (gunichar)-2) {
			if (c == (gunichar)-2 && n < len)
				break;              /* a character cut by the sample's end */
			bad++;
			i++;
		} else {
			end = g_utf8_next_char(data + i);
			i = (size_t)(end - data);
		}
	}
	/* a quarter: a text with a damaged stretch stays text, UTF-16 and
	 * compressed or random bytes are far beyond */
	if (bad * 4 > n)
		return "binary data (mostly NUL bytes, control characters and invalid UTF-8)";
	return NULL;
}

/* Lines longer than this are not article text (a minified page, a data
 * dump): no paragraph of an article is a megabyte without a line break. */
#define AR_MAX_LINE (1u << 20)

/* 1 after an error at the first line longer than AR_MAX_LINE. */
static int
long_line(const char *path, const char *data, size_t len, struct warta_diags *d)
{
	const char *p = data, *end = data + len, *nl;
	int line = 1;

	for (; p < end; p = nl + 1, line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if ((size_t)(nl - p) > AR_MAX_LINE) {
			warta_diag(d, WARTA_ERROR, path, line, 1, "line is %zu bytes long, more than "
			           "the limit of %u: not article text", (size_t)(nl - p), AR_MAX_LINE);
			return 1;
		}
	}
	return 0;
}

/* Whether the body shows anything: a character that is neither white
 * space nor an invisible format character (ZWSP, bidi marks …) in its
 * text, or an image. */
static int
has_ink(const struct warta_node *root)
{
	const struct warta_node *n;

	for (n = root; n; n = warta_node_next(n, root)) {
		const char *p;

		if (n->type == WARTA_NODE_IMAGE)
			return 1;
		for (p = n->text; p && *p; p = g_utf8_next_char(p)) {
			gunichar c = g_utf8_get_char(p);

			if (!g_unichar_isspace(c) && g_unichar_type(c) != G_UNICODE_FORMAT &&
			    g_unichar_type(c) != G_UNICODE_SPACE_SEPARATOR)
				return 1;
		}
	}
	return 0;
}

/* Inputs refused before reading: over the size limit, binary, or with a
 * line too long to be article text.  Returns 1 (with the message) when
 * refused. */
static int
refuse_input(const char *path, const char *data, size_t len, size_t max, struct warta_diags *d)
{
	const char *kind;

	if (len > max) {
		warta_diag(d, WARTA_ERROR, path, 0, 0, "input is %zu bytes, more than the limit of %zu "
		           "(--max-size raises it)", len, max);
		return 1;
	}
	if (data && (kind = binary_kind(data, len))) {
		warta_diag(d, WARTA_ERROR, path, 0, 0, "not article text: %s", kind);
		return 1;
	}
	return data && long_line(path, data, len, d);
}

/* The first line at or after p that is not blank (clean_len when none). */
static size_t
skip_blank_lines(const struct ar_src *src, size_t p)
{
	size_t e, next;

	for (; p < src->clean_len; p = next) {
		next = ar_next_line(src->clean, src->clean_len, p, &e);
		if (!ar_blank(src->clean + p, e - p))
			break;
	}
	return p;
}

/* "---" at p opened front matter: read it up to its closing "---" or
 * "...", after which the body starts (*p).  Returns 0 when there is no
 * closing line (then the "---" is a thematic break). */
static int
front_matter_at(struct ar_ctx *cx, size_t *p, size_t fs)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, q = fs, qe = 0;

	while (q < len) {
		size_t qn = ar_next_line(t, len, q, &qe);

		if (qe - q >= 3 && (strncmp(t + q, "---", 3) == 0 || strncmp(t + q, "...", 3) == 0) &&
		    ar_blank(t + q + 3, qe - q - 3)) {
			ar_front_matter(cx, fs, q);
			*p = qn;
			return 1;
		}
		q = qn;
	}
	return 0;
}

/* The article's shape from its first line that says something: a date
 * line, YAML front matter, or plain text.  Returns where the body starts. */
static size_t
read_shape(struct ar_ctx *cx)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, p = skip_blank_lines(cx->src, 0), e, next;
	struct warta_meta *m = &cx->doc->meta;

	next = p < len ? ar_next_line(t, len, p, &e) : (e = p);
	if (p < len && ar_date_line(cx, p, e)) {
		m->shape = WARTA_SHAPE_DATE_LINE;
		p = next;
	} else if (p < len && e - p >= 3 && strncmp(t + p, "---", 3) == 0 &&
	           ar_blank(t + p + 3, e - p - 3))
		/* without a closing line: a thematic break, then text */
		m->shape = front_matter_at(cx, &p, next) ? WARTA_SHAPE_YAML : WARTA_SHAPE_PLAIN;
	else
		m->shape = WARTA_SHAPE_PLAIN;
	return p;
}

/* "# Title" as the first line of the body (after front matter) is the
 * title when nothing before gave one.  Returns where the body starts. */
static size_t
read_atx_title(struct ar_ctx *cx, size_t p)
{
	const char *t = cx->src->clean;
	size_t len = cx->src->clean_len, q = p, qe = 0, ts, te;
	struct warta_meta *m = &cx->doc->meta;

	if (m->shape == WARTA_SHAPE_DATE_LINE || m->title)
		return p;
	while (q < len) {
		size_t qn = ar_next_line(t, len, q, &qe);

		if (!ar_blank(t + q, qe - q))
			break;
		q = qn;
	}
	if (!(q < len && qe - q >= 2 && t[q] == '#' && (t[q + 1] == ' ' || t[q + 1] == '\t')))
		return p;
	ts = q + 2;
	te = qe;
	while (ts < te && (t[ts] == ' ' || t[ts] == '\t'))
		ts++;
	/* a closing sequence of #s */
	while (te > ts && t[te - 1] == ' ')
		te--;
	if (te > ts && t[te - 1] == '#') {
		size_t h = te;

		while (h > ts && t[h - 1] == '#')
			h--;
		if (h == ts || t[h - 1] == ' ')
			te = h;
	}
	m->title = ar_trim_title(t + ts, te - ts);
	ar_clean_pos(cx->src, ts, &m->title_line, &m->title_col);
	if (m->shape == WARTA_SHAPE_PLAIN)
		m->shape = WARTA_SHAPE_ATX_TITLE;
	return ar_next_line(t, len, q, &qe);
}

/* The body from p: its kept lines in chunks, each given to cmark-gfm and
 * converted into the tree (the language decided on the first). */
static void
read_body(struct ar_ctx *cx, struct body *b, size_t p)
{
	GArray *kept = g_array_new(FALSE, FALSE, sizeof(guint32));   /* body line starts */
	GArray *cuts = g_array_new(FALSE, FALSE, sizeof(guint32));   /* chunk starts */
	cmark_node *cm;
	guint ci;

	select_lines(cx, p, kept, cuts);
	for (ci = 0; ci < cuts->len; ci++) {
		guint to = ci + 1 < cuts->len ? g_array_index(cuts, guint32, ci + 1) : kept->len;

		fill_body(cx, b, kept, g_array_index(cuts, guint32, ci), to);
		if (ci == 0)
			decide_lang(cx, b);   /* a chunk is longer than its sample */
		cm = parse_markdown(b->text->str, b->text->len);
		ar_convert(cx, b, cm);
		cmark_node_free(cm);
	}
	g_array_free(kept, TRUE);
	g_array_free(cuts, TRUE);
}

/* The lead photo of the front matter, and the pictures of the body. */
static void
lead_and_figures(struct ar_ctx *cx)
{
	for (int k = 0; cx->opts && k < 4; k++) {
		if (!cx->opts->lead[k])
			continue;
		g_free(cx->lead[k]);
		cx->lead[k] = g_strdup(cx->opts->lead[k]);
		if (k == 0)
			cx->lead_off = 0;       /* not a place in the input */
	}
	if (cx->lead[0])
		ar_lead(cx, cx->lead[0], cx->lead_off, cx->lead[1], cx->lead[2], cx->lead[3]);
	else if (cx->lead[1] || cx->lead[2] || cx->lead[3])
		ar_diag_at(cx, WARTA_WARNING, cx->lead_off, "front matter: image-alt, image-caption or "
		           "image-credit without image: no lead photo");
	for (int k = 0; k < 4; k++)
		g_free(cx->lead[k]);
	ar_figures(cx);
}

/* The passes that make a news article of the Markdown tree, in order. */
static void
article_layer(struct ar_ctx *cx)
{
	struct warta_node *root = cx->doc->root;

	ar_pullquotes(cx);
	lead_and_figures(cx);
	if (root->first) {
		root->line = root->first->line;
		root->col = root->first->col;
		root->end_line = root->last->end_line;
		root->end_col = root->last->end_col;
	}
	ar_captions(cx);
	ar_bylines(cx);
	ar_standfirst(cx);
	ar_sections(cx);
	ar_subheadings(cx);
	ar_spaces(cx);
	ar_dateline(cx);
	ar_quotes(cx);
	ar_run_langs(cx);
	ar_heading_ids(cx);
	set_text_positions(cx, root);
	ar_noncharacters(cx);
	ar_meta_caps(cx);
}

/* An article without a title line is titled with its file name (a
 * warning), or refused when nothing in it is visible either. */
static void
no_title(const struct ar_ctx *cx, const char *path)
{
	struct warta_doc *doc = cx->doc;

	if (!has_ink(doc->root))
		/* no title line and nothing visible in the body: white space of
		 * other kinds, dropped boilerplate (a failed scrape) … */
		warta_diag(cx->d, WARTA_ERROR, path, 1, 1, cx->boiler_dropped ?
		           "nothing to typeset: no title and only boilerplate lines (--keep-boilerplate keeps them)" :
		           "nothing to typeset: no title and no visible text");
	else
		warta_diag(cx->d, WARTA_WARNING, path, 1, 1, "no title line: the title is the file name \"%s\"",
		           doc->name);
}

/* own: the caller's buffer holding data, freed (and set to NULL) as soon
 * as the clean text is made, or NULL to leave data alone. */
static struct warta_doc *
article_read(const char *path, const char *data, size_t len, const struct warta_read_opts *opts,
             struct warta_diags *d, char **own)
{
	static const struct warta_read_opts defaults = { 0 };
	struct ar_src src = { 0 };
	struct ar_ctx cx = { 0 };
	struct body b = { 0 };
	struct warta_doc *doc;
	size_t max, p;
	int errors = warta_diags_errors(d), untitled = 0;

	if (!opts)
		opts = &defaults;
	max = opts->max_bytes ? opts->max_bytes : AR_DEFAULT_MAX;
	if (max > G_MAXUINT32 - 1)
		max = G_MAXUINT32 - 1;   /* source offsets are 32-bit */
	if (!path)
		path = "-";
	if (refuse_input(path, data, len, max, d))
		return NULL;
	src.path = path;
	src.orig = data ? data : "";
	src.orig_len = data ? len : 0;
	if (ar_hygiene(&src, opts->repair, d) < 0) {
		ar_src_free(&src);
		return NULL;
	}
	if (own) {
		/* positions need only the clean text and the source map now:
		 * the input need not stay beside the tree */
		g_free(*own);
		*own = NULL;
		src.orig = NULL;
	}
	/* nothing but white space: there is no article to make, and an empty
	 * PDF titled with the file name would only hide a failed scrape */
	if (skip_blank_lines(&src, 0) >= src.clean_len) {
		warta_diag(d, WARTA_ERROR, path, 1, 1,
		           src.orig_len ? "only white space: nothing to typeset" :
		                          "empty input: nothing to typeset");
		ar_src_free(&src);
		return NULL;
	}
	doc = warta_doc_new(path);
	cx.src = &src;
	cx.doc = doc;
	cx.d = d;
	cx.opts = opts;
	cx.runs = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)ar_run_free);
	cx.item_no = g_hash_table_new(g_direct_hash, g_direct_equal);

	p = read_atx_title(&cx, read_shape(&cx));
	if (!doc->meta.title || !*doc->meta.title) {
		g_free(doc->meta.title);
		doc->meta.title = g_strdup(doc->name);
		doc->meta.title_line = doc->meta.title_col = 0;
		untitled = 1;   /* a warning, or an error when there is no text either */
	}
	b.text = g_string_new(NULL);
	b.bstart = g_array_new(FALSE, FALSE, sizeof(size_t));
	b.cstart = g_array_new(FALSE, FALSE, sizeof(size_t));
	read_body(&cx, &b, p);
	article_layer(&cx);

	g_hash_table_destroy(cx.runs);
	g_hash_table_destroy(cx.item_no);
	g_string_free(b.text, TRUE);
	g_array_free(b.bstart, TRUE);
	g_array_free(b.cstart, TRUE);
	ar_src_free(&src);
	if (untitled)
		no_title(&cx, path);
	if (warta_diags_errors(d) > errors) {
		warta_doc_free(doc);
		return NULL;
	}
	return doc;
}

struct warta_doc *
warta_article_read(const char *path, const char *data, size_t len,
                   const struct warta_read_opts *opts, struct warta_diags *d)
{
	return article_read(path, data, len, opts, d, NULL);
}

struct warta_doc *
warta_article_read_file(const char *path, const struct warta_read_opts *opts, struct warta_diags *d)
{
	GError *err = NULL;
	char *data = NULL;
	gsize len = 0;
	struct warta_doc *doc;
	size_t max = opts && opts->max_bytes ? opts->max_bytes : AR_DEFAULT_MAX;
	/* one byte past the limit tells that an input is over it (SIZE_MAX: no
	 * byte past, max + 1 would be 0 and read every input as empty) */
	size_t over = max < SIZE_MAX ? max + 1 : max;

	if (!path || strcmp(path, "-") == 0) {
		GString *s = g_string_new(NULL);
		char buf[65536];
		size_t n;

		while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
			if (n > over - s->len) {
				n = over - s->len;      /* enough to say it is too big */
				g_string_append_len(s, buf, (gssize)n);
				break;
			}
			g_string_append_len(s, buf, (gssize)n);
		}
		if (ferror(stdin)) {
			warta_diag(d, WARTA_ERROR, "-", 0, 0, "cannot read standard input: %s", g_strerror(errno));
			g_string_free(s, TRUE);
			return NULL;
		}
		len = s->len;
		data = g_string_free(s, FALSE);
	} else {
		GStatBuf st;

		if (g_stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "is a directory, not an article");
			return NULL;
		}
		if (g_stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "input is %zu bytes, more than the limit of %zu "
			           "(--max-size raises it)", (size_t)st.st_size, max);
			return NULL;
		}
		if (g_stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			/* a FIFO or a device (/dev/zero): read no more than the limit */
			FILE *f = fopen(path, "rb");
			GString *s;
			char buf[65536];
			size_t n;

			if (!f) {
				warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", g_strerror(errno));
				return NULL;
			}
			s = g_string_new(NULL);
			while (s->len < over && (n = fread(buf, 1, sizeof buf, f)) > 0)
				g_string_append_len(s, buf, (gssize)MIN(n, over - s->len));
			if (ferror(f)) {
				warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", g_strerror(errno));
				fclose(f);
				g_string_free(s, TRUE);
				return NULL;
			}
			fclose(f);
			len = s->len;
			data = g_string_free(s, FALSE);
		} else if (!g_file_get_contents(path, &data, &len, &err)) {
			warta_diag(d, WARTA_ERROR, path, 0, 0, "cannot read: %s", err->message);
			g_error_free(err);
			return NULL;
		}
	}
	doc = article_read(path, data, len, opts, d, &data);
	g_free(data);
	return doc;
}
