/* pdf-and-epub.c — libwarta's example: an article to a PDF and an EPUB.
 *   cc pdf-and-epub.c $(pkg-config --cflags --libs warta) -o pdf-and-epub
 *   ./pdf-and-epub ARTICLE.txt OUT.pdf OUT.epub                          */
#include <stdio.h>
#include <warta.h>

int
main(int argc, char **argv)
{
	warta_messages *m = warta_messages_new();
	warta_doc *doc = NULL;
	warta_style *style = NULL;
	warta_print *print = NULL;
	warta_epub *epub = NULL;
	int rc = 1;
	size_t i;

	if (argc != 4) {
		fprintf(stderr, "usage: %s ARTICLE OUT.pdf OUT.epub\n", argv[0]);
		return 2;
	}
	if ((doc = warta_read_file(argv[1], NULL, 0, m)) &&
	    (style = warta_style_open("a4", m)) &&
	    (print = warta_print_new(style, m)) &&
	    warta_print_render(print, &doc, 1, WARTA_KIND_PDF, argv[2], m) == 0 &&
	    (epub = warta_epub_new(style, m)) &&
	    warta_epub_render(epub, &doc, 1, argv[3], m) == 0)
		rc = 0;
	for (i = 0; i < warta_messages_count(m); i++) {
		char *line = warta_message_format(m, i);

		fprintf(stderr, "%s\n", line);
		warta_free(line);
	}
	if (rc == 0)
		printf("%s: \"%s\" (%s)\n", argv[1], warta_doc_title(doc), warta_doc_language(doc));
	warta_epub_free(epub);
	warta_print_free(print);
	warta_style_close(style);
	warta_doc_free(doc);
	warta_messages_free(m);
	return rc;
}
