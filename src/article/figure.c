/* figure.c — pictures in the article: a picture alone in its paragraph
 * becomes a figure, with its caption (the image's title, or the paragraph
 * after it when that opens with a caption label such as "Foto:") and the
 * credit split off the caption's end ("(Foto: Antara)", "Kredit: …",
 * "Photo by …"); the front matter's image: is the lead photo.  Every picture
 * is read here (image/image.h): relative paths from the article's directory,
 * data: URIs decoded, other URLs never fetched; one that cannot be had is a
 * warning at its position, its alt text is set instead, and the document
 * counts it (doc->broken_images: the command line exits 1).  Linear. */
#include <string.h>

#include "article/reader.h"
#include "image/image.h"

/* ------------------------------------------------ the tables */

/* Labels that open a caption paragraph under a picture, by language (the
 * label is dropped: the caption node says what the text is). */
static const char *const caption_label[] = {
	/* id, ms */ "Foto", "Keterangan foto", "Keterangan", "Ilustrasi",
	/* en */     "Photo", "Caption", "Picture", "Image", "Illustration", "Pictured",
	/* de */     "Bild", "Bildunterschrift",
	/* fr */     "Légende",
	/* es, pt */ "Pie de foto", "Legenda",
	/* nl */     "Bijschrift",
	/* it */     "Didascalia",
	/* ar */     "صورة", "تعليق",
	/* zh */     "图", "圖", "图片", "圖片", "照片", "说明", "說明",
	NULL
};

/* Words that open a credit at a caption's end, after a label ("Kredit:
 * Antara") or a slash ("AP Photo/…"), or inside final parentheses
 * ("(Foto: Antara)"). */
static const char *const credit_label[] = {
	"Kredit", "Credit", "Credits", "Foto", "Photo", "Fotografer", "Photographer", "Sumber foto",
	"Dok", "Dok. foto", "Bild", "Crédit", "Crédit photo", "Créditos", "Crédito",
	"AP Photo", "AFP Photo", "Reuters", "ANTARA FOTO", "Getty Images",
	"صورة", "تصوير", "图", "圖", "摄影", "攝影", "来源", "來源",
	NULL
};

/* Phrases that open a credit without a colon: "Photo by Jane Doe". */
static const char *const credit_by[] = {
	"Photo by", "Photos by", "Picture by", "Foto oleh", "Foto von", "Photo de", "Foto de",
	NULL
};

/* s opens with word and then ':' (or '：', '/' or '／'), spaces allowed
 * before it: the length up to and with the mark and the spaces after, or 0. */
static size_t
label_len(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	if (g_ascii_strncasecmp(s, word, n) != 0)
		return 0;
	p = s + n;
	while (*p == ' ')
		p++;
	if (*p == ':' || *p == '/')
		p++;
	else if (g_str_has_prefix(p, "\xEF\xBC\x9A") || g_str_has_prefix(p, "\xEF\xBC\x8F"))
		p += 3;
	else
		return 0;
	while (*p == ' ')
		p++;
	return (size_t)(p - s);
}

static size_t
caption_label_len(const char *s)
{
	size_t n;

	for (int i = 0; caption_label[i]; i++)
		if ((n = label_len(s, caption_label[i])) && caption_label[i][0])
			return n;
	return 0;
}

/* Where a credit starts in s (a byte offset), or -1, and whether it is in
 * final parentheses (then *paren is the offset of "(" and the credit runs
 * to the ")" before the end). */
static long
credit_start(const char *s, size_t n, long *paren)
{
	*paren = -1;
	/* "… (Foto: Antara)", "…（图／新华社）" */
	int full = n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x89", 3) == 0;   /* ） */

	if ((n >= 2 && s[n - 1] == ')') || full) {
		const char *open = g_strrstr_len(s, (gssize)n, full ? "\xEF\xBC\x88" : "(");

		if (open) {
			const char *in = open + (full ? 3 : 1);

			while (*in == ' ')
				in++;
			for (int i = 0; credit_label[i]; i++)
				if (label_len(in, credit_label[i])) {
					*paren = open - s;
					return in - s;
				}
			for (int i = 0; credit_by[i]; i++)
				if (g_ascii_strncasecmp(in, credit_by[i], strlen(credit_by[i])) == 0) {
					*paren = open - s;
					return in - s;
				}
		}
	}
	/* "… Kredit: Antara", "… Photo by Jane Doe": the last such label
	 * that starts the text or follows a space or a sentence's end */
	for (long i = (long)n - 1; i >= 0; i--) {
		if (i > 0 && s[i - 1] != ' ' && s[i - 1] != '.' && s[i - 1] != '\n' &&
		    !(i >= 3 && (memcmp(s + i - 3, "\xE3\x80\x82", 3) == 0 ||    /* 。 */
		                 memcmp(s + i - 3, "\xEF\xBC\x8C", 3) == 0)))   /* ， */
			continue;
		for (int k = 0; credit_label[k]; k++)
			if (label_len(s + i, credit_label[k]) && s[i + (long)label_len(s + i, credit_label[k])])
				return i;
		for (int k = 0; credit_by[k]; k++)
			if (g_ascii_strncasecmp(s + i, credit_by[k], strlen(credit_by[k])) == 0 &&
			    s[i + (long)strlen(credit_by[k])] == ' ')
				return i;
	}
	return -1;
}

/* ------------------------------------------------ loading */

static struct warta_image *
load(struct ar_ctx *cx, struct warta_node *img, GHashTable *seen)
{
	const char *url = img->as.link.url;
	const struct warta_read_opts *o = cx->opts;
	struct warta_image_limits lim = { o->max_image_bytes, 0 };
	struct warta_image *pic = NULL;
	const char *scheme_end;
	char *why = NULL, *path = NULL, *dir, *name;
	char *shown = g_strndup(url, 80);

	if (!*url) {
		why = g_strdup("the picture names no file");
	} else if (g_ascii_strncasecmp(url, "data:", 5) == 0) {
		g_free(shown);
		shown = g_strdup("data: URI");
		pic = warta_image_load_data_uri(url, &lim, &why);
	} else if ((scheme_end = strchr(url, ':')) != NULL && scheme_end - url >= 2 &&
	           g_uri_peek_scheme(url) != NULL) {
		why = g_strdup("a URL: warta never fetches pictures from the network; "
		               "download it beside the article and name the file");
	} else {
		name = g_uri_unescape_string(url, NULL);
		if (!name)
			name = g_strdup(url);
		if (g_path_is_absolute(name)) {
			path = g_strdup(name);
		} else {
			if (o->image_dir)
				dir = g_strdup(o->image_dir);
			else if (!cx->src->path || strcmp(cx->src->path, "-") == 0)
				dir = g_strdup(".");
			else
				dir = g_path_get_dirname(cx->src->path);
			path = strcmp(dir, ".") == 0 ? g_strdup(name) : g_build_filename(dir, name, NULL);
			g_free(dir);
		}
		g_free(name);
		if ((pic = g_hash_table_lookup(seen, path)) != NULL)
			pic = warta_image_ref(pic);
		else if ((pic = warta_image_load_file(path, &lim, &why)) != NULL)
			g_hash_table_insert(seen, g_strdup(path), warta_image_ref(pic));
		img->as.link.path = path;
	}
	if (!pic) {
		warta_diag(cx->d, WARTA_WARNING, cx->src->path, img->line, img->col,
		           "picture \"%s\": %s; its description is set instead", shown, why);
		cx->doc->broken_images++;
	}
	g_free(why);
	g_free(shown);
	return pic;
}

/* ------------------------------------------------ captions and credits */

/* Splits a credit off the end of caption cap (its last text node) into a
 * CREDIT node, appended to fig.  1 when one was found. */
static int
split_credit(struct ar_ctx *cx, struct warta_node *fig, struct warta_node *cap)
{
	struct warta_node *t = cap->last, *credit, *ct;
	long start, paren;
	size_t n, cut, end;

	if (!t || t->type != WARTA_NODE_TEXT || !t->text)
		return 0;
	n = strlen(t->text);
	while (n > 0 && t->text[n - 1] == ' ')
		n--;
	if ((start = credit_start(t->text, n, &paren)) < 0)
		return 0;
	end = paren < 0 ? n : n >= 3 && memcmp(t->text + n - 3, "\xEF\xBC\x89", 3) == 0 ? n - 3 : n - 1;
	while (end > (size_t)start && t->text[end - 1] == ' ')
		end--;
	if (end <= (size_t)start)
		return 0;
	credit = warta_node_new(WARTA_NODE_CREDIT, t->line, t->col);
	credit->end_line = t->end_line;
	credit->end_col = t->end_col;
	if (ar_text_off(cx, t, (size_t)start) != (size_t)-1)
		ar_set_pos(cx, credit, ar_text_off(cx, t, (size_t)start), ar_text_off(cx, t, end - 1));
	ct = ar_text_slice(cx, t, (size_t)start, end);
	warta_node_append(credit, ct);
	/* the caption keeps what comes before, without the spaces and the "(" */
	cut = paren >= 0 ? (size_t)paren : (size_t)start;
	while (cut > 0 && t->text[cut - 1] == ' ')
		cut--;
	if (cut == 0 && t == cap->first) {
		ar_node_drop(cx, t);
	} else {
		struct warta_node *keep = ar_text_slice(cx, t, 0, cut);

		warta_node_insert_before(t, keep);
		ar_node_drop(cx, t);
	}
	warta_node_append(fig, credit);
	return 1;
}

/* A caption from a string (the image's title, the front matter's): a
 * CAPTION node with one text node, placed at (line, col). */
static struct warta_node *
text_block(enum warta_node_type type, const char *s, int line, int col)
{
	struct warta_node *c = warta_node_new(type, line, col), *t;

	t = warta_node_new(WARTA_NODE_TEXT, line, col);
	t->text = g_strdup(s);
	warta_node_append(c, t);
	c->end_line = line;
	c->end_col = col;
	return c;
}

/* Does text node first open a caption: a caption label.  Then the label
 * is dropped (the node type says what the text is): the text node that
 * replaces first is returned; else NULL. */
static struct warta_node *
take_caption_label(struct ar_ctx *cx, struct warta_node *first)
{
	struct warta_node *rest;
	size_t n;

	if (!first || first->type != WARTA_NODE_TEXT || !first->text ||
	    !(n = caption_label_len(first->text)) || !first->text[n])
		return NULL;
	rest = ar_text_slice(cx, first, n, strlen(first->text));
	warta_node_insert_before(first, rest);
	ar_node_drop(cx, first);
	return rest;
}

/* warta_caption_detect (caption.c) on paragraph p's text. */
static int
is_caption(const struct warta_node *p)
{
	char *t = warta_node_plain_text(p);
	int r = t && warta_caption_detect(t, strlen(t)) != WARTA_CAPTION_NONE;

	g_free(t);
	return r;
}

static int
is_blank_text(const struct warta_node *n)
{
	const char *p;

	if (n->type == WARTA_NODE_SOFTBREAK || n->type == WARTA_NODE_LINEBREAK)
		return 1;
	if (n->type != WARTA_NODE_TEXT)
		return 0;
	for (p = n->text ? n->text : ""; *p; p++)
		if (!g_ascii_isspace(*p))
			return 0;
	return 1;
}

/* Paragraph p → a figure when a picture stands alone in it (or opens it,
 * followed on its own lines by a labelled caption). */
static struct warta_node *
make_figure(struct ar_ctx *cx, struct warta_node *p)
{
	struct warta_node *img = NULL, *c, *next, *fig, *cap = NULL;
	struct warta_node *brk = NULL;

	for (c = p->first; c; c = c->next) {
		if (is_blank_text(c)) {
			if (img && !brk && c->type != WARTA_NODE_TEXT)
				brk = c;
			continue;
		}
		if (c->type == WARTA_NODE_IMAGE && !img && !brk)
			img = c;
		else if (img && brk)
			break;        /* text after a line break: perhaps its caption */
		else
			return p;     /* an inline picture, in the text */
	}
	if (!img)
		return p;
	if (c && !(c = take_caption_label(cx, c)))
		return p;
	fig = warta_node_new(WARTA_NODE_FIGURE, p->line, p->col);
	fig->end_line = p->end_line;
	fig->end_col = p->end_col;
	warta_node_insert_before(p, fig);
	warta_node_unlink(img);
	warta_node_append(fig, img);
	if (c) {
		/* the caption on the lines after the picture */
		cap = warta_node_new(WARTA_NODE_CAPTION, c->line, c->col);
		for (; c; c = next) {
			next = c->next;
			warta_node_unlink(c);
			warta_node_append(cap, c);
		}
		cap->end_line = p->end_line;
		cap->end_col = p->end_col;
	}
	ar_node_drop(cx, p);
	/* or the paragraph after it, when it opens with a caption label, or
	 * reads as a caption by the test that sets apart the captions of
	 * pictures a scrape lost (caption.c: "▲ …", "… (AP Photo/…)") */
	next = fig->next;
	if (!cap && next && next->type == WARTA_NODE_PARAGRAPH &&
	    (take_caption_label(cx, next->first) || is_caption(next))) {
		cap = warta_node_new(WARTA_NODE_CAPTION, next->line, next->col);
		cap->end_line = next->end_line;
		cap->end_col = next->end_col;
		while ((c = next->first) != NULL) {
			warta_node_unlink(c);
			warta_node_append(cap, c);
		}
		ar_node_drop(cx, next);
	}
	if (cap) {
		struct warta_node *t;

		while (cap->first && is_blank_text(cap->first))
			ar_node_drop(cx, cap->first);
		/* the mark Taiwanese sites put before a caption: the node says it */
		t = cap->first;
		if (t && t->type == WARTA_NODE_TEXT && t->text &&
		    (g_str_has_prefix(t->text, "\xE2\x96\xB2") || g_str_has_prefix(t->text, "\xE2\x96\xB3") ||
		     g_str_has_prefix(t->text, "\xE2\x96\xBC"))) {
			size_t k = 3;

			while (t->text[k] == ' ')
				k++;
			if (t->text[k]) {
				struct warta_node *rest = ar_text_slice(cx, t, k, strlen(t->text));

				warta_node_insert_before(t, rest);
				ar_node_drop(cx, t);
			}
		}
		warta_node_append(fig, cap);
		split_credit(cx, fig, cap);
		if (!cap->first)
			ar_node_drop(cx, cap);
	}
	if (img->as.link.title) {
		/* the title: the caption when there is none yet; beside a caption
		 * from the text, it is the credit when it reads as one */
		long paren;
		const char *title = img->as.link.title;

		if (!cap) {
			cap = text_block(WARTA_NODE_CAPTION, title, img->line, img->col);
			warta_node_append(fig, cap);
			split_credit(cx, fig, cap);
			if (!cap->first) {
				warta_node_unlink(cap);
				warta_node_free(cap);
			}
		} else if (fig->last->type != WARTA_NODE_CREDIT &&
		           credit_start(title, strlen(title), &paren) == 0 && paren < 0) {
			warta_node_append(fig, text_block(WARTA_NODE_CREDIT, title, img->line, img->col));
		}
	}
	return fig;
}

void
ar_figures(struct ar_ctx *cx)
{
	struct warta_node *root = cx->doc->root, *n, *next;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                         (GDestroyNotify)warta_image_unref);

	/* figures: paragraphs directly in the body (not in lists or quotes) */
	for (n = root->first; n; n = next)
		/* the caption paragraph after it may have been taken: go on after the figure */
		next = (n->type == WARTA_NODE_PARAGRAPH ? make_figure(cx, n) : n)->next;
	/* every picture, in the body and the lead */
	for (n = root; n; n = warta_node_next(n, root))
		if (n->type == WARTA_NODE_IMAGE)
			n->as.link.image = load(cx, n, seen);
	if (cx->doc->meta.lead)
		for (n = cx->doc->meta.lead; n; n = warta_node_next(n, cx->doc->meta.lead))
			if (n->type == WARTA_NODE_IMAGE)
				n->as.link.image = load(cx, n, seen);
	g_hash_table_destroy(seen);
}

/* The lead photo from the front matter: image: (the file), image-alt:,
 * image-caption: (a credit at its end split off), image-credit:. */
void
ar_lead(struct ar_ctx *cx, const char *image, size_t image_off, const char *alt,
        const char *caption, const char *credit)
{
	struct warta_node *fig, *img, *cap;
	int line = 0, col = 0;

	ar_clean_pos(cx->src, image_off, &line, &col);
	fig = warta_node_new(WARTA_NODE_FIGURE, line, col);
	fig->end_line = line;
	fig->end_col = col;
	img = warta_node_new(WARTA_NODE_IMAGE, line, col);
	img->end_line = line;
	img->end_col = col;
	img->as.link.url = g_strdup(image);
	if (alt && *alt) {
		struct warta_node *t = warta_node_new(WARTA_NODE_TEXT, line, col);

		t->text = g_strdup(alt);
		warta_node_append(img, t);
	}
	warta_node_append(fig, img);
	if (caption && *caption) {
		cap = text_block(WARTA_NODE_CAPTION, caption, line, col);
		warta_node_append(fig, cap);
		if (!(credit && *credit))
			split_credit(cx, fig, cap);
		if (!cap->first) {
			warta_node_unlink(cap);
			warta_node_free(cap);
		}
	}
	if (credit && *credit)
		warta_node_append(fig, text_block(WARTA_NODE_CREDIT, credit, line, col));
	cx->doc->meta.lead = fig;
}
