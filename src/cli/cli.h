/* cli.h — the command line's shared state: the parsed options (main.c), the
 * conversion of one input into its outputs (convert.c), the list of inputs
 * (inputs.c), batch runs with worker processes and a progress bar (batch.c) and
 * editions (edition.c); what it prints (report.c).  main.c owns the state
 * and passes it on: no file reaches it as a global.  Only src/cli prints; the
 * library reports through its messages.  The command line is a user of
 * libwarta like any other: src/warta.h is the one header of warta's it
 * includes (tests/cli/test-structure.sh checks). */
#ifndef WARTA_CLI_H
#define WARTA_CLI_H

#include <glib.h>
#include <stdio.h>

#include "warta.h"

#define EXIT_USAGE 2
#define CLI_DEFAULT_STYLE "a4"   /* without -s or a front-matter style */

enum cli_format { FMT_PDF, FMT_EPUB, FMT_PNG, FMT_SVG, FMT_JSON, FMT_TRACE, FMT_COUNT };

struct cli {
	/* options, as given */
	char *output;             /* -o */
	char *to;                 /* -t */
	char *outdir;             /* -d */
	char *style_name;         /* -s */
	gboolean list_styles;
	gboolean list_style_keys;
	char *lang;               /* -l */
	gboolean quiet;
	gboolean verbose;
	gboolean version;
	gboolean keep_boilerplate;
	gboolean repair;
	char *dpi_arg;            /* --dpi, as given */
	double dpi;
	char *pages;              /* --pages A-B */
	int report;               /* --report: 1 text, 2 JSON */
	gboolean report_json;     /* --report=json */
	gboolean embed_fonts;
	char **metadata;          /* -M KEY=VALUE, repeatable */
	char *metadata_file;      /* --metadata-file FILE (YAML) */
	gboolean keep_tree;       /* --keep-tree */
	gboolean null_names;      /* -0: --files-from names end with NUL */
	char *edition_publisher;
	char *max_size;
	char *max_image_size;     /* --max-image-size */
	char *edition;            /* --edition TITLE */
	char *edition_date;
	char *edition_number;
	char *edition_lang;       /* --edition-lang TAG; edition.c sets the default */
	char *group_by;           /* --group-by section|source|none */
	char *missing_glyphs;     /* --missing-glyphs error|warn */
	char *manifest;           /* --manifest FILE */
	char **files_from;        /* --files-from FILE, repeatable */
	char *jobs_arg;           /* -j, as given */
	int jobs;
	char **args;              /* INPUT… */

	/* resolved */
	int formats[FMT_COUNT];   /* which formats to write */
	int nformats;
	char **inputs;            /* files, directories expanded (GStrv) */
	int ninputs;
	GPtrArray *sections;      /* from --manifest: section of inputs[i], or NULL */
	char *manifest_lang;      /* from --manifest: its "lang: TAG" line, or NULL */
	char **reldirs;           /* inputs[i]'s directory below its directory argument, or NULL */
	GHashTable *input_ids;    /* "dev:ino" of every input file, to refuse output == input */
	warta_reader *reader;     /* -l, --repair, sizes, the style's boilerplate, -M … */
	size_t max_bytes, max_image_bytes;
	int first_page, last_page;
	int stderr_tty;

	warta_style *style;            /* -s, or the default */
	GHashTable *styles;            /* name → warta_style *, asked for by front matter */
	GHashTable *style_warned;      /* inputs warned about an unknown front-matter style */
	GMutex styles_lock;
	warta_print *print;            /* made once, shared by every worker: PDF, PNG, SVG, trace */
	warta_epub *epub;              /* the books' writer, with print's font set */
	warta_json *json;

	GMutex out_lock;               /* stderr */
	GString *capture;              /* batch: what one input prints, collected here */
	int *same_name;                /* -d: an earlier input with the same NAME, or -1 */
};

/* Every function below takes the run's state, which main.c parses the
 * options into and hands on; no file of src/cli reaches it otherwise. */

/* report.c */
const char *cli_format_ext(enum cli_format f);
/* Prints every message of m to stderr (notes with -v, warnings unless -q). */
void cli_print_diags(const struct cli *cli, const warta_messages *m);
/* The same lines, appended to out. */
void cli_format_diags(const struct cli *cli, GString *out, const warta_messages *m);
/* Levenshtein distance, for "did you mean". */
/* Prints the report of the output at path (a line of text, or with
 * --report=json a JSON object), or adds it to cli->capture in a batch. */
void cli_print_report(struct cli *cli, const char *path);

/* meta.c */
/* Hands --metadata-file and -M to cli->reader (lang among them: -l and a
 * metadata lang is a usage error).  0, or -1 after a message (a usage
 * error). */
int cli_meta_collect(struct cli *cli);

/* convert.c */
/* Reads one input (messages into m), or NULL. */
warta_doc *cli_read(struct cli *cli, const char *input, warta_messages *m);
/* Writes doc[0..n) in format f to path. 0, or -1 with the reason in m. */
int cli_write(struct cli *cli, warta_doc *const *docs, size_t n, enum cli_format f,
              const char *path, warta_messages *m);
/* Converts cli->inputs[index] into every asked format: -o FILE, -d DIR/NAME.EXT
 * or stdout.  The paths written are appended to written (may be NULL).  0, or -1. */
int cli_convert(struct cli *cli, int index, warta_messages *m, GPtrArray *written);
/* -d: finds the inputs whose NAME an earlier input already has (cli->same_name). */
void cli_find_same_names(struct cli *cli);
/* 1 when path names one of the inputs (same file), else 0. */
int cli_is_input(const struct cli *cli, const char *path);
/* "dev:ino" of an existing file, or NULL.  Caller g_free()s. */
char *cli_file_id(const char *path);

/* inputs.c */
/* Expands directories and --files-from into cli->inputs.  0, or -1 after a message. */
int cli_collect_inputs(struct cli *cli);

/* batch.c */
/* Converts every input with cli->jobs threads; progress, summary.  The exit status. */
int cli_batch(struct cli *cli);
void cli_signals_install(void);

/* edition.c */
/* Reads every input, groups and orders them, writes one book.  The exit status. */
int cli_edition(struct cli *cli);

#endif
