/* epub.c — EPUB back end: warta_epub_write (epub.h).  Reads the document
 * trees and the style; assembles the book (articles, section pages, cover,
 * fonts, CSS, package, nav, NCX), zips it in memory with libzip in a fixed
 * order with fixed entry times, and writes it through util/output.h. */
#include <fontconfig/fontconfig.h>
#include <string.h>
#include <zip.h>

#include "epub/epub_int.h"
#include "lang/lang.h"
#include "render/render.h"
#include "image/image.h"
#include "util/output.h"
#include "util/clock.h"

static const char mimetype[] = "application/epub+zip";

/* ---------------------------------------------------------------- book */

static void
scan_scripts(struct ep_book *b, const char *s)
{
	const char *p;

	if (!s || !g_utf8_validate(s, -1, NULL))
		return;
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c < 0x600)
			continue;
		if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_ARABIC)
			b->need_arabic = 1;
		else if (warta_cjk_letter(c))
			b->need_cjk = 1;
	}
}

static void
group_free(gpointer p)
{
	struct ep_group *g = p;

	g_free(g->name);
	g_free(g->id);
	g_free(g->file);
	if (g->xhtml)
		g_string_free(g->xhtml, TRUE);
	g_free(g);
}

static void
font_free(gpointer p)
{
	struct ep_font *f = p;

	g_free(f->family);
	g_free(f->path);
	g_free(f->data);
	g_free(f->name);
	g_free(f->id);
	g_free(f);
}

static void
heading_free(gpointer p)
{
	struct ep_heading *h = p;

	g_free(h->id);
	g_free(h->label);
	g_free(h);
}

static void
book_free(struct ep_book *b)
{
	guint i;

	for (i = 0; i < b->n; i++) {
		struct ep_article *a = &b->articles[i];

		g_free(a->id);
		g_free(a->file);
		g_free(a->lang);
		g_free(a->title);
		if (a->headings) {
			g_ptr_array_set_free_func(a->headings, heading_free);
			g_ptr_array_free(a->headings, TRUE);
		}
		if (a->xhtml)
			g_string_free(a->xhtml, TRUE);
	}
	g_free(b->articles);
	if (b->groups)
		g_ptr_array_free(b->groups, TRUE);
	if (b->fonts)
		g_ptr_array_free(b->fonts, TRUE);
	if (b->own_engine)
		warta_engine_free(b->own_engine);
	if (b->warned)
		g_hash_table_destroy(b->warned);
	g_free(b->title);
	g_free(b->lang);
	g_free(b->date);
	g_free(b->modified);
	g_free(b->uuid);
	g_free(b->cover);
	g_free(b->cover_alt);
	ep_images_free(b);
}

static char *
doc_title(const struct warta_doc *doc)
{
	char *t = ep_clean_line(doc->meta.title);

	if (!*t) {
		g_free(t);
		t = ep_clean_line(doc->name);
	}
	if (!*t) {
		g_free(t);
		t = g_strdup("Untitled");
	}
	return t;
}

/* The book's language: an article's own; an edition's, the caller's, else
 * the one most of its articles are in (a tie: the first of them). */
static char *
book_lang(const struct ep_book *b, const struct warta_epub_opts *opts)
{
	const char **tags;
	char *l = NULL;

	if (!b->edition)
		return g_strdup(b->articles[0].lang);
	if (opts && opts->edition_lang && *opts->edition_lang) {
		char *norm = warta_lang_normalize(opts->edition_lang);

		l = ep_lang_tag(norm);
		g_free(norm);
		if (l)
			return l;
	}
	tags = g_new(const char *, b->n);
	for (guint i = 0; i < b->n; i++)
		tags[i] = strcmp(b->articles[i].lang, "und") != 0 ? b->articles[i].lang : NULL;
	l = g_strdup(warta_lang_most_common(tags, b->n));
	g_free(tags);
	return l ? l : g_strdup(b->articles[0].lang);
}

static void
book_init(struct ep_book *b, struct warta_doc *const *docs, size_t n,
          const struct warta_style *style, const struct warta_epub_opts *opts)
{
	struct ep_group *g = NULL;
	guint i;

	memset(b, 0, sizeof *b);
	b->style = style;
	b->opts = opts;
	b->n = n;
	b->edition = n > 1 || (opts && opts->edition_title);
	b->articles = g_new0(struct ep_article, n);
	b->groups = g_ptr_array_new_with_free_func(group_free);
	b->fonts = g_ptr_array_new_with_free_func(font_free);
	for (i = 0; i < n; i++) {
		struct ep_article *a = &b->articles[i];
		const struct warta_doc *doc = docs[i];
		char *plain;

		a->doc = doc;
		a->id = g_strdup_printf("a%03u", i + 1);
		a->file = g_strdup_printf("a%03u.xhtml", i + 1);
		a->lang = ep_lang_tag(doc->meta.lang);
		if (!a->lang)
			a->lang = g_strdup("und");
		a->rtl = doc->meta.rtl || ep_lang_rtl(a->lang);
		a->title = doc_title(doc);
		/* a new group whenever the edition's group changes (editions only;
		 * the article's own section stays on its page) */
		if (!g || (b->edition && g_strcmp0(g->name, doc->meta.group) != 0)) {
			g = g_new0(struct ep_group, 1);
			g->first = i;
			if (b->edition && doc->meta.group) {
				g->name = g_strdup(doc->meta.group);
				g->id = g_strdup_printf("s%02u", b->groups->len + 1);
				g->file = g_strdup_printf("%s.xhtml", g->id);
			}
			g_ptr_array_add(b->groups, g);
		}
		g->count++;
		scan_scripts(b, doc->meta.title);
		plain = doc->root ? warta_node_plain_text(doc->root) : NULL;
		scan_scripts(b, plain);
		g_free(plain);
	}
	b->lang = book_lang(b, opts);
	b->rtl = ep_lang_rtl(b->lang) || (!b->edition && b->articles[0].rtl);
	if (b->edition) {
		const char *t = opts && opts->edition_title ? opts->edition_title : docs[0]->meta.source;

		b->title = ep_clean_line(t);
		if (!*b->title) {
			g_free(b->title);
			b->title = g_strdup(b->articles[0].title);
		}
		scan_scripts(b, b->title);
	} else {
		b->title = g_strdup(b->articles[0].title);
	}
	if (b->edition && opts && ep_date_valid(opts->edition_date)) {
		b->date = g_strdup(opts->edition_date);
	} else {
		for (i = 0; i < n; i++) {
			const char *date = docs[i]->meta.date;

			if (ep_date_valid(date) && (!b->date || strcmp(date, b->date) > 0)) {
				g_free(b->date);
				b->date = g_strdup(date);
			}
		}
	}
	if (b->edition) {
		/* the edition's cover shows its title, date and sections: say so */
		GString *alt = g_string_new(b->title);
		const char *sep = ": ";

		if (b->date)
			g_string_append_printf(alt, ", %s", b->date);
		for (i = 0; i < b->groups->len; i++) {
			const struct ep_group *grp = b->groups->pdata[i];
			char *name = grp->name ? ep_clean_line(grp->name) : NULL;

			if (name && *name) {
				g_string_append_printf(alt, "%s%s", sep, name);
				sep = ", ";
			}
			g_free(name);
		}
		b->cover_alt = g_string_free(alt, FALSE);
	} else {
		b->cover_alt = g_strdup(b->title);
	}
}

/* The font set: the caller's engine (the print's, shared by a batch's
 * books), or one made for this book; a failure is a warning, and the book
 * is still made, without the cover and the embedded fonts. */
static void
fonts_config(struct ep_book *b, struct warta_engine *engine, struct warta_diags *d)
{
	struct warta_diags tmp;
	guint i;

	if (!engine) {
		warta_diags_init(&tmp);
		engine = b->own_engine = warta_engine_new(&tmp);
		for (i = 0; i < tmp.items->len; i++) {
			const struct warta_diag *m = tmp.items->pdata[i];

			warta_diag(d, m->severity == WARTA_ERROR ? WARTA_WARNING : m->severity, m->file,
			           m->line, m->col, "%s", m->message);
		}
		warta_diags_fini(&tmp);
	}
	b->engine = engine;
	b->fc = engine ? warta_engine_fc(engine) : NULL;
}

/* ---------------------------------------------------------------- zip */

struct zipper {
	zip_t *za;
	int failed;
	GPtrArray *keep;     /* buffers that must live until zip_close */
};

/* Adds a member; data must stay valid until zip_close (keep it or own it). */
static void
add(struct zipper *z, const char *name, const void *data, size_t len, int store)
{
	zip_source_t *src;
	zip_int64_t i;

	if (z->failed)
		return;
	src = zip_source_buffer(z->za, data, len, 0);
	if (!src) {
		z->failed = 1;
		return;
	}
	i = zip_file_add(z->za, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		z->failed = 1;
		return;
	}
	/* Name the method and level (ZIP_CM_DEFAULT may store or ignore the
	 * level); fix time and attributes, which would otherwise come from the
	 * clock and the time zone (epub-notes.md §2). */
	if (zip_set_file_compression(z->za, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
	                             store ? 0 : 9) != 0 ||
	    zip_file_set_dostime(z->za, (zip_uint64_t)i, 0, (0 << 9) | (1 << 5) | 1, 0) != 0 ||
	    zip_file_set_external_attributes(z->za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
	                                     0100644u << 16) != 0)
		z->failed = 1;
}

static void
add_owned(struct zipper *z, const char *name, char *text)
{
	g_ptr_array_add(z->keep, text);
	add(z, name, text, strlen(text), 0);
}

/* The OCF rule that epubcheck reads from the raw bytes: the first local
 * header is "mimetype", stored, with no extra field. */
static int
ocf_header_ok(const unsigned char *p, size_t len)
{
	return len >= 58 && p[0] == 'P' && p[1] == 'K' && p[2] == 3 && p[3] == 4 &&
	       p[8] == 0 && p[9] == 0 &&               /* stored */
	       p[26] == 8 && p[27] == 0 && p[28] == 0 && p[29] == 0 &&
	       memcmp(p + 30, "mimetype", 8) == 0 && memcmp(p + 38, mimetype, 20) == 0;
}

/* The documents first: the style sheet keeps only the rules they use
 * (EPUBCheck's CSS-024 notes).  Makes the navigation document (*nav) and
 * the cover and title pages when the book has them; returns the CSS. */
static char *
pruned_css(struct ep_book *b, char **nav, GString **cover_s, GString **title_s)
{
	GPtrArray *docs = g_ptr_array_new();
	char *full = ep_css(b), *css;
	guint i;

	*nav = ep_nav_xhtml(b);
	g_ptr_array_add(docs, *nav);
	if (b->cover || b->cover_photo) {
		*cover_s = g_string_new(NULL);
		ep_cover_xhtml(b, *cover_s);
		g_ptr_array_add(docs, (*cover_s)->str);
	}
	if (b->edition) {
		*title_s = g_string_new(NULL);
		ep_title_xhtml(b, *title_s);
		g_ptr_array_add(docs, (*title_s)->str);
	}
	for (i = 0; i < b->groups->len; i++) {
		struct ep_group *g = b->groups->pdata[i];

		if (g->name)
			g_ptr_array_add(docs, g->xhtml->str);
	}
	for (i = 0; i < b->n; i++)
		g_ptr_array_add(docs, b->articles[i].xhtml->str);
	g_ptr_array_add(docs, NULL);
	css = ep_css_prune(full, (const char *const *)docs->pdata);
	g_free(full);
	g_ptr_array_free(docs, TRUE);
	return css;
}

/* The fonts: a subset made by ep_fonts_subset, or the file itself. */
static void
add_fonts(struct zipper *z, const struct ep_book *b, struct warta_diags *d)
{
	guint i;

	for (i = 0; i < b->fonts->len; i++) {
		const struct ep_font *f = b->fonts->pdata[i];
		char *data = NULL, *name;
		gsize len = 0;
		GError *err = NULL;

		if (f->data) {
			name = g_strconcat("EPUB/fonts/", f->name, NULL);
			add(z, name, f->data, f->len, 0);
			g_free(name);
			continue;
		}
		if (!g_file_get_contents(f->path, &data, &len, &err)) {
			warta_diag(d, WARTA_ERROR, f->path, 0, 0, "cannot read font: %s", err->message);
			g_error_free(err);
			z->failed = 2;
			break;
		}
		g_ptr_array_add(z->keep, data);
		name = g_strconcat("EPUB/fonts/", f->name, NULL);
		add(z, name, data, len, 0);
		g_free(name);
	}
}

/* The cover and the pictures: compressed already; SVG is text. */
static void
add_images(struct zipper *z, const struct ep_book *b)
{
	guint i;

	if (b->cover)
		add(z, "EPUB/images/cover.png", b->cover, b->cover_len, 1);
	for (i = 0; b->images && i < b->images->len; i++) {
		const struct ep_image *e = b->images->pdata[i];
		gsize n = 0;
		const void *data = g_bytes_get_data(e->bytes, &n);
		char *name = g_strconcat("EPUB/", e->href, NULL);

		add(z, name, data, n, e->img->format != WARTA_IMAGE_SVG);
		g_free(name);
	}
}

/* The content documents in reading order: cover, title page, then each
 * section's page and its articles.  Takes cover_s and title_s. */
static void
add_texts(struct zipper *z, const struct ep_book *b, GString *cover_s, GString *title_s)
{
	guint i, j;

	if (cover_s)
		add_owned(z, "EPUB/text/cover.xhtml", g_string_free(cover_s, FALSE));
	if (b->edition)
		add_owned(z, "EPUB/text/title.xhtml", g_string_free(title_s, FALSE));
	for (i = 0; i < b->groups->len; i++) {
		struct ep_group *g = b->groups->pdata[i];
		char *name;

		if (g->name) {
			name = g_strconcat("EPUB/text/", g->file, NULL);
			add(z, name, g->xhtml->str, g->xhtml->len, 0);
			g_free(name);
		}
		for (j = g->first; j < g->first + g->count; j++) {
			struct ep_article *a = &b->articles[j];

			name = g_strconcat("EPUB/text/", a->file, NULL);
			add(z, name, a->xhtml->str, a->xhtml->len, 0);
			g_free(name);
		}
	}
}

/* The closed archive's bytes from mem into *out, *out_len, checked
 * against the OCF rule.  0, or -1 with d set. */
static int
read_back(zip_source_t *mem, unsigned char **out, size_t *out_len, struct warta_diags *d)
{
	zip_stat_t st;
	unsigned char *buf;

	zip_stat_init(&st);
	if (zip_source_stat(mem, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
	    zip_source_open(mem) != 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s",
		           zip_error_strerror(zip_source_error(mem)));
		return -1;
	}
	buf = g_malloc(st.size ? st.size : 1);
	if (zip_source_read(mem, buf, st.size) != (zip_int64_t)st.size) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s",
		           zip_error_strerror(zip_source_error(mem)));
		zip_source_close(mem);
		g_free(buf);
		return -1;
	}
	zip_source_close(mem);
	if (!ocf_header_ok(buf, st.size)) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0,
		           "cannot make the EPUB: the mimetype entry is not stored first without extra fields");
		g_free(buf);
		return -1;
	}
	*out = buf;
	*out_len = st.size;
	return 0;
}

/* Zips the book into memory: *out, *out_len.  0, or -1 with d set. */
static int
zip_book(struct ep_book *b, unsigned char **out, size_t *out_len, struct warta_diags *d)
{
	struct zipper z;
	zip_source_t *mem;
	zip_error_t ze;
	int rc = -1;
	char *nav, *css;
	GString *cover_s = NULL, *title_s = NULL;

	zip_error_init(&ze);
	mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (!mem) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	memset(&z, 0, sizeof z);
	z.za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	if (!z.za) {
		/* a failed open leaves the source to the caller (zip_open.c) */
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zip_source_free(mem);
		return -1;
	}
	/* the archive owns mem now; a reference of ours reads the result
	 * after zip_close */
	zip_source_keep(mem);
	z.keep = g_ptr_array_new_with_free_func(g_free);

	/* the fixed order of epub-notes.md §2 "Reproducibility rules" */
	add(&z, "mimetype", mimetype, sizeof mimetype - 1, 1);
	add_owned(&z, "META-INF/container.xml", ep_container_xml());
	if (b->fonts->len > 0)
		add_owned(&z, "META-INF/com.apple.ibooks.display-options.xml", ep_display_options_xml());
	add_owned(&z, "EPUB/package.opf", ep_package_opf(b));
	css = pruned_css(b, &nav, &cover_s, &title_s);
	add_owned(&z, "EPUB/nav.xhtml", nav);
	add_owned(&z, "EPUB/toc.ncx", ep_toc_ncx(b));
	add_owned(&z, "EPUB/css/news.css", css);
	add_fonts(&z, b, d);
	add_images(&z, b);
	add_texts(&z, b, cover_s, title_s);
	if (!z.failed && zip_file_extra_fields_count(z.za, 0, ZIP_FL_LOCAL) != 0)
		z.failed = 1;
	if (z.failed) {
		if (z.failed == 1)
			warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s", zip_strerror(z.za));
		zip_discard(z.za);
	} else if (zip_close(z.za) != 0) {
		warta_diag(d, WARTA_ERROR, NULL, 0, 0, "cannot make the EPUB: %s", zip_strerror(z.za));
		zip_discard(z.za);
	} else
		rc = read_back(mem, out, out_len, d);
	zip_error_fini(&ze);
	zip_source_free(mem);
	g_ptr_array_free(z.keep, TRUE);
	return rc;
}

/* ---------------------------------------------------------------- API */

int
warta_epub_write(struct warta_doc *const *docs, size_t n, const struct warta_style *style,
                 const struct warta_epub_opts *opts, const char *out_path,
                 struct warta_diags *d)
{
	struct ep_book b;
	char *date_shown = NULL;
	struct warta_output *out;
	unsigned char *bytes = NULL;
	size_t len = 0;
	GChecksum *cs;
	guint i;
	int rc = -1;
	long long t0;
	struct warta_doc **capped;

	if (n == 0 || !docs) {
		warta_diag(d, WARTA_ERROR, out_path, 0, 0, "no articles for the EPUB");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!docs[i]) {
			warta_diag(d, WARTA_ERROR, out_path, 0, 0, "no articles for the EPUB");
			return -1;
		}
	}
	t0 = warta_clock_now();
	/* titles, decks, bylines, sections, sources cut to their display caps
	 * before the cover shapes them (doc.h) */
	capped = warta_docs_capped(docs, n);
	docs = capped;
	book_init(&b, docs, n, style, opts);
	b.d = d;
	for (i = 0; i < b.n; i++)
		ep_article_xhtml(&b, &b.articles[i]);
	for (i = 0; i < b.groups->len; i++)
		if (((struct ep_group *)b.groups->pdata[i])->name)
			ep_group_xhtml(&b, b.groups->pdata[i]);

	/* The identifier is derived from what the reader sees: the same
	 * articles give the same identifier, and the same bytes. */
	cs = g_checksum_new(G_CHECKSUM_SHA1);
	g_checksum_update(cs, (const guchar *)b.title, strlen(b.title) + 1);
	for (i = 0; i < b.n; i++)
		g_checksum_update(cs, (const guchar *)b.articles[i].xhtml->str,
		                  b.articles[i].xhtml->len + 1);
	b.uuid = ep_uuid5(g_checksum_get_string(cs), 40);
	g_checksum_free(cs);
	b.modified = ep_modified(&b, d);
	warta_clock_add(WARTA_CLOCK_XHTML, t0);

	t0 = warta_clock_now();
	fonts_config(&b, opts ? opts->engine : NULL, d);
	if (opts && opts->embed_fonts) {
		/* the faces the articles' elements use, subset to their characters
		 * (the cover, title and nav pages use the articles' faces) */
		GPtrArray *fdocs = g_ptr_array_new();

		g_ptr_array_add(fdocs, b.title);
		for (i = 0; i < b.groups->len; i++)
			if (((struct ep_group *)b.groups->pdata[i])->name)
				g_ptr_array_add(fdocs, ((struct ep_group *)b.groups->pdata[i])->xhtml->str);
		for (i = 0; i < b.n; i++)
			g_ptr_array_add(fdocs, b.articles[i].xhtml->str);
		g_ptr_array_add(fdocs, (gpointer)ep_label(EP_CONTENTS, b.lang));
		date_shown = b.date ? ep_date_display(b.date, b.lang) : NULL;
		if (date_shown)
			g_ptr_array_add(fdocs, date_shown);
		g_ptr_array_add(fdocs, NULL);
		ep_fonts_find(&b, (const char *const *)fdocs->pdata, d);
		i = ep_fonts_subset(&b, (const char *const *)fdocs->pdata, d);
		g_ptr_array_free(fdocs, TRUE);
		g_free(date_shown);
		if (i != 0)
			goto out;
	}
	/* one article with a lead photo: the photo is the cover (the
	 * article's XHTML has added it to the book) */
	if (!b.edition && docs[0]->meta.lead && docs[0]->meta.lead->first &&
	    docs[0]->meta.lead->first->type == WARTA_NODE_IMAGE && docs[0]->meta.lead->first->as.link.image)
		b.cover_photo = ep_image_add(&b, docs[0]->meta.lead->first->as.link.image, d, docs[0],
		                             docs[0]->meta.lead->first);
	if (!b.cover_photo)
		ep_cover_draw(&b, d);
	warta_clock_add(WARTA_CLOCK_COVER, t0);

	t0 = warta_clock_now();
	if (zip_book(&b, &bytes, &len, d) != 0)
		goto out;
	warta_clock_add(WARTA_CLOCK_ZIP, t0);
	out = warta_output_open(out_path, d);
	if (!out)
		goto out;
	if (warta_output_write(out, bytes, len) != 0) {
		/* commit reports the write error and removes the file */
		warta_output_commit(out, d);
		goto out;
	}
	if (warta_output_commit(out, d) != 0)
		goto out;
	rc = 0;
out:
	g_free(bytes);
	book_free(&b);
	warta_docs_capped_free(capped, n);
	return rc;
}
