/* report.h: write scored units in one format. Formatters see results, never
 * the parser. Output is streamed unit by unit to a caller's FILE. */
#ifndef PERFSCORE_REPORT_H
#define PERFSCORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "diag.h"
#include "score.h"
#include "text.h"

typedef enum {
	PS_FMT_TABLE = 0, PS_FMT_JSON, PS_FMT_NDJSON, PS_FMT_CSV, PS_FMT_MD, PS_FMT_XLSX
} ps_format;

/* "table", "json", "ndjson" (also "jsonl"), "csv", "md" (also "markdown"),
 * "xlsx". Returns 0, or PS_EUSAGE for an unknown name (*out untouched). */
int ps_format_parse(ps_format *out, const char *name);
/* xlsx reports need libxlsxwriter, which is loaded (once) when first asked
 * for here rather than at every start: PS_OK, or PS_EIO with why it cannot
 * be loaded in why[0..n) (also in a build without it). Call before an
 * xlsx report begins. */
int ps_xlsx_load(char *why, size_t n);
/* The canonical name of a format ("table", "json", ...). */
const char *ps_format_name(ps_format f);

typedef struct {
	ps_format format;
	ps_lang lang;
	bool color;           /* ANSI colour (table only); the CLI decides (TTY, NO_COLOR) */
	bool bom;             /* csv: UTF-8 BOM for Excel */
	bool ambiguous_wide;  /* table: East Asian Ambiguous as 2 columns */
	int width;            /* table: terminal columns to fit (0: 80) */
	/* xlsx: the workbook is written to this file when the report ends (the
	 * CLI gives the temporary file it renames into place); fp is not
	 * written. xlsx needs a path: a zip cannot be streamed to a pipe. */
	const char *path;
	size_t units_hint;    /* xlsx: units to come, if known (0: unknown); more
	                       * than one puts the summary sheet first */
} ps_report_options;
#define PS_REPORT_OPTIONS_INIT {PS_FMT_TABLE, PS_LANG_ZH, false, false, false, 0, NULL, 0}

typedef struct ps_report ps_report;

/* Start a report on fp (borrowed, not closed). Writes the format's preamble
 * (JSON: the opening of the envelope; csv: the BOM and the header row).
 * Returns 0, PS_EUSAGE for a format this build cannot write (xlsx without
 * libxlsxwriter, or without opts->path), or PS_EIO if the first write
 * failed; *out is NULL unless 0 is returned. xlsx: one sheet per unit (the
 * filled 绩效自评表: unit header, 项目资金 block, indicator grid with merged
 * 一级/二级 cells, subtotals, total and grade, values not formulas, header
 * row frozen, explanations as cell comments) and, with more than one unit,
 * a summary sheet; the file is written by ps_report_end. */
int ps_report_begin(ps_report **out, FILE *fp, const ps_report_options *opts);
/* Write one unit; the unit result may be disposed of afterwards. Returns 0
 * or PS_EIO (the report stays usable; ps_report_end reports it again). */
int ps_report_unit(ps_report *r, const ps_unit_result *u);
/* Finish (JSON: the warnings array and closing brackets; table: a summary
 * line of the warnings) and free r. `warnings` (may be NULL) lists the run's
 * diagnostics: those of level warning or error are written into the JSON
 * `warnings` array and counted by the table. Does not close fp.
 * Returns PS_EIO if any write failed (including an fflush), else 0. */
int ps_report_end(ps_report *r, const ps_diags *warnings);

/* Words for a status as shown to a person: "已评分" ... (zh) or "scored" ...
 * (en). Static strings. The JSON `status` uses ps_status_name instead. */
const char *ps_report_status_word(ps_status s, ps_lang lang);

/* The target as a person reads it in a table cell: comparator, number and
 * unit ("≥100%", "≤90万元"), else the target text as written. Returns a
 * malloc'd string; caller frees. */
char *ps_report_target_text(const ps_indicator *ind);

/* One CSV cell (RFC 4180) appended to b: quoted when it holds a comma,
 * quote, CR or LF; a cell starting with = + - @ TAB or CR is prefixed with
 * ' so that spreadsheets do not run it as a formula, unless the whole cell
 * is a plain number ("-12.5", "-3%"). */
void ps_report_csv_cell(ps_buf *b, const char *s);

/* Append s to b cut to at most `width` display columns: a cut string ends
 * in "…" (counted as one column, or two if ambiguous_wide) and is never
 * cut inside a character. Returns the display width appended. */
size_t ps_report_fit(ps_buf *b, const char *s, size_t width, bool ambiguous_wide);

/* A diagnostic as the JSON reports show it: {"file", "line", "column",
 * "level", "code", "message"}, unknown parts null. Returns a new cJSON
 * object (struct cJSON from <cjson/cJSON.h>); the caller owns it. */
struct cJSON;
struct cJSON *ps_report_diag_json(const ps_diag *dg);

/* Serialise a cJSON tree to b: pretty, indented with two spaces per level
 * the way jq prints it, as if nested `depth` levels deep (empty objects and
 * arrays stay {} and []); or compact on one line, as cJSON_PrintUnformatted
 * writes it. Strings are escaped as cJSON escapes them. */
void ps_report_json_write(ps_buf *b, const struct cJSON *tree, bool pretty, int depth);

#endif
