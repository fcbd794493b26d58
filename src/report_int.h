/* report_int.h: what the report formatters share (private to src/report*.c). */
#ifndef PERFSCORE_REPORT_INT_H
#define PERFSCORE_REPORT_INT_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "perfscore/perfscore.h"
#include "util/scan16.h"

/* For the streamed writers' small helpers, called with literal keys and
 * constant layouts: inlined, a key's length is known when compiling and its
 * copy is a few moves. */
#if defined(__GNUC__)
#define INLINE __attribute__((always_inline)) inline
#else
#define INLINE inline
#endif

/* One output format: a preamble, one call per unit, an ending. Each returns
 * 0 or PS_EIO; ps_report checks ferror() as well, so a formatter may ignore
 * the result of single writes. */
typedef struct {
	int (*begin)(ps_report *r);
	int (*unit)(ps_report *r, const ps_unit_result *u);
	int (*end)(ps_report *r, const ps_diags *warnings);
} report_ops;

struct ps_report {
	FILE *fp;                 /* borrowed */
	ps_report_options opts;
	const report_ops *ops;
	size_t n_units;           /* units written so far */
	bool failed;              /* a write failed */
	void *state;              /* the format's own state (xlsx: the workbook) */
};

extern const report_ops report_table_ops, report_json_ops, report_ndjson_ops,
	report_csv_ops, report_md_ops;
#ifdef PS_HAVE_XLSX
extern const report_ops report_xlsx_ops;
#endif

/* Write b's bytes to the report's file; returns 0 or PS_EIO. */
int report_put(ps_report *r, const ps_buf *b);

/* Room for `extra` more bytes and the NUL at b->s + b->n, for writers that
 * fill a buffer directly: going through ps_buf_add for every key, quote,
 * digit or cell was most of a report's cost. Close the write that ended at
 * o with report_done. */
static inline char *report_room(ps_buf *b, size_t extra)
{
	size_t need = b->n + extra + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < need)
			cap *= 2;
		b->s = ps_xrealloc(b->s, cap);
		b->cap = cap;
	}
	return b->s + b->n;
}

static inline void report_done(ps_buf *b, char *o)
{
	b->n = (size_t)(o - b->s);
	*o = '\0';
}

/* A buffer for the streamed formats (json, ndjson, csv) to write units
 * into, kept in r->state from one unit to the next so that it is allocated
 * once per report rather than grown again for every unit. Not for formats
 * that keep their own state there. A unit is appended to what is pending
 * and report_unit_put writes the buffer out (and empties it) once it holds
 * REPORT_BATCH bytes: one fwrite per unit cost a write() call or two per
 * unit (20,000 for the json report of 10,000 units) and stdio copies of
 * its partial blocks. report_unit_buf_free writes what is pending and
 * releases the buffer (call it from the format's end, before its last
 * bytes); both return 0 or PS_EIO. */
enum { REPORT_BATCH = 1 << 18 };
ps_buf *report_unit_buf(ps_report *r);
int report_unit_put(ps_report *r, ps_buf *b);
int report_unit_buf_free(ps_report *r);

/* A number as printed by the human formats: scores with at least 2 and at
 * most 6 decimals ("17.00", "9.625"), points trimmed ("20", "2.5"). */
const char *report_score(char buf[40], ps_dec v);
const char *report_points(char buf[40], ps_dec v);

/* The cells of an indicator row that csv and md print the same way: target
 * (malloc'd), points and score ("" when there are none). */
typedef struct {
	char *target;
	char points[40], score[40];
} report_cells;
void report_cells_fill(report_cells *c, const ps_ind_result *res);
void report_cells_dispose(report_cells *c);

/* The grade as the report's language shows it ("优" or "优 (excellent)"). */
const char *report_grade(const char *grade, ps_lang lang);

/* The subtotal of a unit for a 一级指标 (NULL if none). */
const ps_subtotal *report_subtotal(const ps_unit_result *u, const char *level1);

/* The 预算执行率 row of a unit as the formatters show it: name, target
 * ("100%"), actual (the rate, "95.00%"), points, score, status word. */
typedef struct {
	const char *name, *target;
	char actual[48], points[40], score[40];
	const char *status;
} report_budget_row;
/* Fill *row; false when the unit has no 项目资金 block. */
bool report_budget_row_fill(report_budget_row *row, const ps_unit_result *u, ps_lang lang);
/* Append the exec_cap note ("执行率75.00%，总分封顶89（封顶前92.60）") to b;
 * nothing when the total was not capped. */
void report_cap_note(ps_buf *b, const ps_unit_result *u, ps_lang lang);

/* A small text grid aligned by display width (CJK = 2 columns), for the
 * summary and audit tables: cells copied in, columns as wide as their
 * widest cell, GAP spaces apart, trailing blanks dropped. */
typedef struct {
	char **cell;          /* n_rows × n_cols, owned */
	size_t n_rows, n_cols, cap;
	unsigned right;       /* bit c set: column c is right-aligned (numbers) */
} report_grid;
void report_grid_init(report_grid *g, size_t n_cols, unsigned right);
void report_grid_add(report_grid *g, const char *const *cells); /* n_cols cells; NULL = blank */
void report_grid_write(ps_buf *b, const report_grid *g, size_t indent, bool ambiguous_wide);
void report_grid_dispose(report_grid *g);

/* JSON pieces the score, summary and audit documents share (report_json.c):
 * an exact decimal, a string ("" for NULL), a {file, line} position (null
 * without a file), the warnings array, and a tree printed into b (freed):
 * pretty with two spaces per level from `depth`, or on one line. */
void report_json_dec(struct cJSON *o, const char *key, ps_dec v, int max_dec);
void report_json_str(struct cJSON *o, const char *key, const char *s);
void report_json_pos(struct cJSON *o, const char *key, ps_pos pos);
struct cJSON *report_json_warnings(const ps_diags *d);
void report_json_emit(ps_buf *b, struct cJSON *tree, bool pretty, int depth);
/* What keeps a unit's total from being final, appended to b: the counts of
 * indicators that need review, miss an actual value or wait for a person's
 * score, the non-zero ones only ("1 项需复核，1 项待人工评分"). */
void report_not_final(ps_buf *b, const ps_unit_result *u, ps_lang lang);

/* What ps_dec_format(o, 32, v, min_dec, max_dec) writes (no NUL), at o
 * (room for 32); returns the end. Values below 10,000 in magnitude that
 * need no rounding take a short path for (0, 6), (2, 6) and (0, 2): the
 * JSON numbers, report_score and report_points. */
char *report_dec_put(char *o, ps_dec v, int min_dec, int max_dec);

/* Diagnostics of level warning or error: the ones a report lists. */
size_t report_count_warnings(const ps_diags *d);

#endif
