/* json.c — the document tree as JSON (`warta -t json`, the reader's golden
 * format).  Reads a struct warta_doc; appends UTF-8 JSON to a GString:
 * 2-space indentation, keys in a fixed order, every meta key always present
 * (null when unknown), node keys present for their type only.  The format is
 * documented in README.md, "The article tree (JSON)".  A long tree can be
 * handed on in pieces as it is written (warta_json_write_flushed), so its
 * JSON, several times the size of the article, never sits in memory whole. */
#include <string.h>

#include "image/image.h"
#include "json/json.h"
#include "lang/lang.h"

#define JSON_FORMAT_VERSION 1
#define JSON_FLUSH (64u << 10)     /* bytes gathered before a flush */

/* Where the JSON goes as it is written: flush empties the buffer (NULL:
 * everything stays in it). */
struct sink {
	void (*flush)(GString *out, void *data);
	void *data;
};

static void
indent(GString *o, int level)
{
	int i;

	for (i = 0; i < level; i++)
		g_string_append(o, "  ");
}

/* A JSON string: " \ and control characters escaped (\n \t … or \u00XX),
 * U+2028/U+2029 as \u escapes too; everything else as UTF-8. */
static void
jstr(GString *o, const char *s)
{
	const unsigned char *p;

	if (!s) {
		g_string_append(o, "null");
		return;
	}
	g_string_append_c(o, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': g_string_append(o, "\\\""); break;
		case '\\': g_string_append(o, "\\\\"); break;
		case '\n': g_string_append(o, "\\n"); break;
		case '\r': g_string_append(o, "\\r"); break;
		case '\t': g_string_append(o, "\\t"); break;
		case '\b': g_string_append(o, "\\b"); break;
		case '\f': g_string_append(o, "\\f"); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				g_string_append_printf(o, "\\u%04x", *p);
			else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				g_string_append_printf(o, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
				p += 2;
			} else
				g_string_append_c(o, (char)*p);
			break;
		}
	}
	g_string_append_c(o, '"');
}

/* Members of one object: key, then the value written by the caller. */
struct obj {
	GString *o;
	int level;
	int n;
};

static void
key(struct obj *ob, const char *k)
{
	g_string_append(ob->o, ob->n++ ? ",\n" : "\n");
	indent(ob->o, ob->level);
	jstr(ob->o, k);
	g_string_append(ob->o, ": ");
}

static void
kstr(struct obj *ob, const char *k, const char *v)
{
	key(ob, k);
	jstr(ob->o, v);
}

static void
kint(struct obj *ob, const char *k, long v)
{
	key(ob, k);
	g_string_append_printf(ob->o, "%ld", v);
}

static void
kbool(struct obj *ob, const char *k, int v)
{
	key(ob, k);
	g_string_append(ob->o, v ? "true" : "false");
}

static void
close_obj(struct obj *ob)
{
	if (ob->n) {
		g_string_append_c(ob->o, '\n');
		indent(ob->o, ob->level - 1);
	}
	g_string_append_c(ob->o, '}');
}

static const char *
origin_name(enum warta_lang_origin o)
{
	switch (o) {
	case WARTA_LANG_OPTION: return "option";
	case WARTA_LANG_FRONT_MATTER: return "front-matter";
	case WARTA_LANG_DETECTED: return "detected";
	default: return "default";
	}
}

static const char *
shape_name(enum warta_shape s)
{
	switch (s) {
	case WARTA_SHAPE_DATE_LINE: return "date-line";
	case WARTA_SHAPE_YAML: return "yaml";
	case WARTA_SHAPE_ATX_TITLE: return "atx-title";
	default: return "plain";
	}
}

static const char *
align_name(enum warta_align a)
{
	switch (a) {
	case WARTA_ALIGN_LEFT: return "left";
	case WARTA_ALIGN_CENTER: return "center";
	case WARTA_ALIGN_RIGHT: return "right";
	default: return NULL;
	}
}

static void
node(GString *o, const struct warta_node *n, int level, const struct sink *sk)
{
	struct obj ob = { o, level + 1, 0 };
	const struct warta_node *c;
	char pos[64], delim[2] = { 0, 0 };

	g_string_append_c(o, '{');
	kstr(&ob, "type", warta_node_type_name(n->type));
	g_snprintf(pos, sizeof(pos), "%d:%d-%d:%d", n->line, n->col, n->end_line, n->end_col);
	kstr(&ob, "pos", pos);
	switch (n->type) {
	case WARTA_NODE_HEADING:
		kint(&ob, "level", n->as.heading.level);
		kstr(&ob, "number", n->as.heading.number);
		kstr(&ob, "id", n->as.heading.id);
		break;
	case WARTA_NODE_LIST:
		kbool(&ob, "ordered", n->as.list.ordered);
		kint(&ob, "start", n->as.list.start);
		kbool(&ob, "tight", n->as.list.tight);
		delim[0] = n->as.list.delim;
		kstr(&ob, "delim", n->as.list.delim ? delim : NULL);
		break;
	case WARTA_NODE_CODE_BLOCK:
		kstr(&ob, "info", n->as.code.info);
		break;
	case WARTA_NODE_LINK:
		kstr(&ob, "url", n->as.link.url);
		kstr(&ob, "title", n->as.link.title);
		kbool(&ob, "active", n->as.link.active);
		break;
	case WARTA_NODE_IMAGE: {
		const struct warta_image *im = n->as.link.image;
		char *alt = warta_node_plain_text(n);

		kstr(&ob, "url", n->as.link.url);
		kstr(&ob, "title", n->as.link.title);
		kbool(&ob, "active", n->as.link.active);
		kstr(&ob, "path", n->as.link.path);
		kstr(&ob, "alt", alt);
		kstr(&ob, "media_type", im ? im->media_type : NULL);
		if (im) {
			kint(&ob, "width", im->width);
			kint(&ob, "height", im->height);
		} else {
			kstr(&ob, "width", NULL);
			kstr(&ob, "height", NULL);
		}
		g_free(alt);
		break;
	}
	case WARTA_NODE_QUOTE:
		kstr(&ob, "open", n->as.quote.open);
		kstr(&ob, "close", n->as.quote.close);
		kint(&ob, "level", n->as.quote.level);
		break;
	case WARTA_NODE_FOOTNOTE_REF:
	case WARTA_NODE_FOOTNOTE_DEF:
		kstr(&ob, "label", n->as.footnote.label);
		kint(&ob, "index", n->as.footnote.index);
		break;
	case WARTA_NODE_DATELINE:
		kstr(&ob, "place", n->as.dateline.place);
		kstr(&ob, "agency", n->as.dateline.agency);
		break;
	case WARTA_NODE_TABLE:
		kint(&ob, "columns", n->as.table.columns);
		break;
	case WARTA_NODE_TABLE_ROW:
		kbool(&ob, "header", n->as.row.header);
		break;
	case WARTA_NODE_TABLE_CELL:
		kstr(&ob, "align", align_name(n->as.cell.align));
		break;
	default:
		break;
	}
	if (n->text)
		kstr(&ob, "text", n->text);
	if (n->lang)
		kstr(&ob, "lang", n->lang);
	if (n->first) {
		int first = 1;

		key(&ob, "children");
		g_string_append_c(o, '[');
		for (c = n->first; c; c = c->next) {
			g_string_append(o, first ? "\n" : ",\n");
			first = 0;
			indent(o, level + 2);
			node(o, c, level + 2, sk);
			if (sk->flush && o->len >= JSON_FLUSH)
				sk->flush(o, sk->data);
		}
		g_string_append_c(o, '\n');
		indent(o, level + 1);
		g_string_append_c(o, ']');
	}
	close_obj(&ob);
}

void
warta_json_write(const struct warta_doc *doc, GString *out)
{
	warta_json_write_flushed(doc, out, NULL, NULL);
}

void
warta_json_write_flushed(const struct warta_doc *doc, GString *out,
                         void (*flush)(GString *out, void *data), void *data)
{
	const struct sink sk = { flush, data };
	const struct warta_meta *m = &doc->meta;
	struct obj top = { out, 1, 0 }, mo = { out, 2, 0 };
	char *date_text = m->date ? warta_date_format(m->date, m->lang) : NULL;
	char pos[32];
	int i;

	g_string_append_c(out, '{');
	kstr(&top, "format", "warta-article");
	kint(&top, "version", JSON_FORMAT_VERSION);
	kstr(&top, "name", doc->name);
	key(&top, "meta");
	g_string_append_c(out, '{');
	kstr(&mo, "title", m->title);
	if (m->title_line > 0) {
		g_snprintf(pos, sizeof(pos), "%d:%d", m->title_line, m->title_col);
		kstr(&mo, "title_pos", pos);
	} else
		kstr(&mo, "title_pos", NULL);
	kstr(&mo, "subtitle", m->subtitle);
	kstr(&mo, "author", m->author);
	kstr(&mo, "date", m->date);
	kstr(&mo, "date_text", date_text);
	kstr(&mo, "source", m->source);
	kstr(&mo, "section", m->section);
	if (m->priority > 0)
		kint(&mo, "priority", m->priority);
	kstr(&mo, "dateline", m->dateline);
	kstr(&mo, "style", m->style);
	key(&mo, "keywords");
	if (m->keywords && m->keywords[0]) {
		g_string_append_c(out, '[');
		for (i = 0; m->keywords[i]; i++) {
			if (i)
				g_string_append(out, ", ");
			jstr(out, m->keywords[i]);
		}
		g_string_append_c(out, ']');
	} else
		g_string_append(out, "[]");
	kstr(&mo, "lang", m->lang);
	kstr(&mo, "lang_origin", origin_name(m->lang_origin));
	kbool(&mo, "rtl", m->rtl);
	kstr(&mo, "shape", shape_name(m->shape));
	if (m->lead) {
		/* the lead photo, only when there is one (the trees of articles
		 * without one stay as they were) */
		key(&mo, "image");
		node(out, m->lead, 2, &sk);
	}
	/* only in an edition's trees: the section the article is set in */
	if (m->group)
		kstr(&mo, "group", m->group);
	/* only when -M or --metadata-file gave values: where each came from */
	if (m->origin) {
		struct obj oo = { out, 3, 0 };

		key(&mo, "origin");
		g_string_append_c(out, '{');
		for (i = 0; m->origin[i] && m->origin[i + 1]; i += 2)
			kstr(&oo, m->origin[i], m->origin[i + 1]);
		close_obj(&oo);
	}
	close_obj(&mo);
	key(&top, "body");
	node(out, doc->root, 1, &sk);
	close_obj(&top);
	g_string_append_c(out, '\n');
	g_free(date_text);
}
