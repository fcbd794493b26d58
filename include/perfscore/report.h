/* report.h: write scored units in one format. Formatters see results, never
 * the parser. Output is streamed unit by unit to a caller's FILE. */
#ifndef PERFSCORE_REPORT_H
#define PERFSCORE_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "diag.h"
#include "score.h"

typedef enum {
	PS_FMT_TABLE = 0, PS_FMT_JSON, PS_FMT_NDJSON, PS_FMT_CSV, PS_FMT_MD, PS_FMT_XLSX
} ps_format;

int ps_format_parse(ps_format *out, const char *name);

typedef struct {
	ps_format format;
	ps_lang lang;
	bool color;           /* ANSI colour (table only); the CLI decides (TTY, NO_COLOR) */
	bool bom;             /* csv: UTF-8 BOM for Excel */
	bool ambiguous_wide;  /* table: East Asian Ambiguous as 2 columns */
} ps_report_options;
#define PS_REPORT_OPTIONS_INIT {PS_FMT_TABLE, PS_LANG_ZH, false, false, false}

typedef struct ps_report ps_report;

/* Start a report on fp (borrowed, not closed). */
int ps_report_begin(ps_report **out, FILE *fp, const ps_report_options *opts);
/* Write one unit; the unit result may be disposed of afterwards. */
int ps_report_unit(ps_report *r, const ps_unit_result *u);
/* Finish (JSON: the warnings array and closing brackets) and free r.
 * Returns PS_EIO if any write failed. */
int ps_report_end(ps_report *r, const ps_diags *warnings);

#endif
