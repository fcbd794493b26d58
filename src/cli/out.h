/* out.h: where output goes: stdout, or a file written atomically (a temp
 * file in the same directory renamed into place, nothing left on error);
 * whether it is a terminal, its width, and whether colour is wanted. */
#ifndef PERFSCORE_CLI_OUT_H
#define PERFSCORE_CLI_OUT_H

#include <stdbool.h>
#include <stdio.h>
#include "perfscore/perfscore.h"

typedef struct {
	FILE *fp;      /* write here: stdout or the temp file */
	char *path;    /* final path; NULL for stdout */
	char *tmp;     /* temp file beside it; NULL for stdout */
} cli_out;

/* Open the output: NULL or "-" is stdout, else a temp file beside `path`
 * (path's mode kept if it exists). Returns 0, or PS_EIO with a diagnostic
 * in d. */
int cli_out_open(cli_out *o, const char *path, ps_diags *d);
/* Flush and close; for a file, rename the temp file over `path`. On any
 * failure the temp file is removed and `path` left as it was: returns
 * PS_EIO with a diagnostic in d. */
int cli_out_commit(cli_out *o, ps_diags *d);
/* Give up: remove the temp file (stdout is only flushed). */
void cli_out_abort(cli_out *o);

/* The format an output file's name asks for (.json .ndjson .jsonl .csv .md
 * .txt .xlsx); false if it says nothing. */
bool cli_format_from_path(ps_format *out, const char *path);
/* The report format: -f FORMAT if given, else the -o file's extension, else
 * table when writing to a terminal and json otherwise. xlsx needs -o FILE
 * (a zip cannot go to a pipe) and libxlsxwriter. Returns 0, or
 * CLI_EXIT_USAGE after printing the message for command `cmd`. */
int cli_pick_format(ps_format *out, const char *cmd, const char *format, const char *output);

/* True if fp is a terminal (a temp file never is). */
bool cli_is_tty(FILE *fp);
/* Colour: only on a terminal and never when NO_COLOR is in the environment,
 * whatever its value (even empty). */
bool cli_color_wanted(bool tty);
/* Columns to fit: $COLUMNS if it is a number, else the terminal's width if
 * stdout is one, else 80. */
int cli_term_width(void);

#endif
