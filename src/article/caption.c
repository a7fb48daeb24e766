/* caption.c — photo captions and credits that scraped pages keep without
 * their picture: Taiwanese sites' "▲ …（圖／…提供）", Indonesian "Foto: …"
 * and "… (Foto: …)", English "Photo: …" and "… (AP Photo/…)".
 *
 * warta_caption_detect() is the one test of "this text is a photo
 * caption"; the reader's pass (ar_captions) uses it on body paragraphs that
 * have no picture: such a paragraph becomes an orphan_caption node, kept in
 * the tree (JSON) but not set, with a -v note.  Where a picture is present
 * the picture code calls the same function to attach the caption to it. */
#include <stdarg.h>
#include <string.h>

#include "article/reader.h"

/* A caption is one paragraph; longer text is the author's. */
#define CAPTION_MAX_BYTES 600

/* Prefixes, matched case-insensitively at the start, followed by ":" (or
 * the full-width "："), spaces allowed before it. */
static const char *const caption_prefix[] = {
	"Foto", "Fotografer", "Ilustrasi", "Ilustrasi foto", "Dok", "Dok. foto",  /* id, ms */
	"Photo", "Photograph", "Photos", "Picture", "Illustration", "Image",       /* en */
	"Photo credit", "Pictured",
	"صورة", "تصوير",                                                          /* ar */
	"圖", "图", "圖片", "图片", "圖片來源", "图片来源", "照片",                /* zh */
	NULL
};

/* Opening words of a credit in parentheses at the end: "(Foto: …)",
 * "(AP Photo/…)", "(Reuters/…)", "（圖／…）", "（翻攝…）". */
static const char *const credit_open[] = {
	"Foto", "Photo", "AP Photo", "AFP Photo", "Reuters", "Getty Images", "Illustration",
	"ANTARA FOTO", "Dok", "صورة",
	"圖", "图", "翻攝", "翻摄", "攝影", "摄影", "資料照", "资料照",
	NULL
};

static int
prefix_colon(const char *s, const char *word)
{
	size_t n;
	const char *p;

	/* the first byte first: most texts start with none of the words */
	if (g_ascii_tolower(*s) != g_ascii_tolower(*word))
		return 0;
	n = strlen(word);
	if (g_ascii_strncasecmp(s, word, n) != 0)
		return 0;
	p = s + n;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == ':' || g_str_has_prefix(p, "\xEF\xBC\x9A") ||   /* ： */
	       g_str_has_prefix(p, "\xEF\xBC\x8F") || *p == '/';      /* 圖／… */
}

/* Text starting at the last "(" or "（" of s when s ends with its partner. */
static const char *
final_paren(const char *s, size_t n)
{
	const char *open = NULL, *p;
	int full;

	if (n >= 1 && s[n - 1] == ')')
		full = 0;
	else if (n >= 3 && memcmp(s + n - 3, "\xEF\xBC\x89", 3) == 0)   /* ） */
		full = 1;
	else
		return NULL;
	for (p = s; p < s + n; p++)
		if ((!full && *p == '(') || (full && strncmp(p, "\xEF\xBC\x88", 3) == 0))   /* （ */
			open = p;
	if (!open)
		return NULL;
	return open + (full ? 3 : 1);
}

int
warta_caption_detect(const char *text, size_t len)
{
	char *s;
	const char *t, *in;
	size_t n;
	int i, r = WARTA_CAPTION_NONE;

	if (!text)
		return 0;
	while (len > 0 && g_ascii_isspace(text[0]))
		text++, len--;
	while (len > 0 && g_ascii_isspace(text[len - 1]))
		len--;
	if (len == 0 || len > CAPTION_MAX_BYTES || !g_utf8_validate(text, (gssize)len, NULL))
		return 0;
	s = g_strndup(text, len);
	t = s;
	n = len;
	/* "▲ …", "△ …", "▼ …": the mark Taiwanese sites put before a caption */
	if (g_str_has_prefix(t, "\xE2\x96\xB2") || g_str_has_prefix(t, "\xE2\x96\xB3") ||
	    g_str_has_prefix(t, "\xE2\x96\xBC"))
		r = WARTA_CAPTION_MARK;
	for (i = 0; !r && caption_prefix[i]; i++)
		if (prefix_colon(t, caption_prefix[i]))
			r = WARTA_CAPTION_LABEL;
	if (!r && (in = final_paren(t, n)) != NULL) {
		while (*in == ' ')
			in++;
		for (i = 0; !r && credit_open[i]; i++)
			if (prefix_colon(in, credit_open[i]) ||
			    (g_ascii_strncasecmp(in, credit_open[i], strlen(credit_open[i])) == 0 &&
			     (in[strlen(credit_open[i])] == '/' ||
			      g_str_has_prefix(in + strlen(credit_open[i]), "\xEF\xBC\x8F") ||
			      (unsigned char)credit_open[i][0] >= 0x80)))
				r = WARTA_CAPTION_CREDIT;
	}
	g_free(s);
	return r;
}

/* ------------------------------------------------ the reader's pass */

void
ar_diag_node(struct ar_ctx *cx, enum warta_severity sev, const struct warta_node *n,
             const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	warta_diag(cx->d, sev, cx->src->path, n->line, n->col, "%s", msg);
	g_free(msg);
}

/* The start of text s, cut after 60 characters with an ellipsis: for notes. */
char *
ar_note_text(const char *s)
{
	if (g_utf8_strlen(s, -1) <= 60)
		return g_strdup(s);
	return g_strdup_printf("%.*s\u2026", (int)(g_utf8_offset_to_pointer(s, 60) - s), s);
}

static int
one_line_text(const struct warta_node *p)
{
	const struct warta_node *c;

	for (c = p->first; c; c = c->next)
		if (c->type == WARTA_NODE_SOFTBREAK || c->type == WARTA_NODE_LINEBREAK ||
		    c->type == WARTA_NODE_IMAGE)
			return 0;
	return p->first != NULL;
}

/* Paragraphs of the body (not inside quotations or lists) that are a
 * caption and nothing else become orphan_caption nodes, with a note;
 * --keep-boilerplate keeps them as paragraphs (still with the note). */
void
ar_captions(struct ar_ctx *cx)
{
	struct warta_node *n;

	for (n = cx->doc->root->first; n; n = n->next) {
		char *s, *line;

		if (n->type != WARTA_NODE_PARAGRAPH || !one_line_text(n))
			continue;
		s = warta_node_plain_text(n);
		if (warta_caption_detect(s, strlen(s))) {
			line = ar_note_text(s);
			if (cx->opts->keep_boilerplate)
				ar_diag_node(cx, WARTA_NOTE, n,
				           "photo caption without its picture kept (--keep-boilerplate): %s", line);
			else {
				ar_diag_node(cx, WARTA_NOTE, n,
				           "photo caption without its picture dropped: %s", line);
				n->type = WARTA_NODE_ORPHAN_CAPTION;
			}
			g_free(line);
		}
		g_free(s);
	}
}
