/* actuals.c: the actual-values file (actuals.csv or a filled 自评表): one row
 * per indicator with its key (指标编码 or 单位/一级/二级/三级) and value. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The strings of every row, packed one after another: a million actual
 * rows are kept until the end of a run, and a malloc per cell would double
 * their size. Blank strings are ps_str_empty, not stored. */
#define CHUNK_SIZE ((size_t)1 << 16)

/* s is n bytes long (its NUL after them): the sheet knows most lengths. */
static char *keep_n(ps_actuals *a, const char *s, size_t n)
{
	if (!s[0])
		return ps_str_empty;
	return ps_pool_add(&a->strings, s, n, CHUNK_SIZE);
}

static char *keep(ps_actuals *a, const char *s)
{
	return keep_n(a, s, s[0] ? strlen(s) : 0);
}

static char *keep_cell(ps_actuals *a, const ps_sheet_row *r, ps_field f)
{
	return keep_n(a, r->cell[f], r->len[f]);
}

/* ps_actual_says_na(s), s being n bytes long, asked only when s holds
 * what its own first test looks for ("适用", "涉及", an a or A): most
 * actual values are numbers, seen through in one pass here. */
static bool says_na(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if ((c | 0x20) == 'a')
			return ps_actual_says_na(s);
		/* 适 is E9 80 82, 涉 is E6 B6 89 */
		if ((c == 0xE9 || c == 0xE6) && i + 2 < n &&
		    ((c == 0xE9 && p[i + 1] == 0x80 && p[i + 2] == 0x82) ||
		     (c == 0xE6 && p[i + 1] == 0xB6 && p[i + 2] == 0x89)))
			return ps_actual_says_na(s);
	}
	return false;
}

static void add_actual(ps_actuals *a, const ps_header *h, ps_sheet_row *r, ps_diags *diags)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = ps_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	ps_actual *x = &a->v[a->n++];
	memset(x, 0, sizeof *x);
	x->id = keep_cell(a, r, PS_F_ID);
	x->unit_code = keep(a, r->unit_code);
	x->unit_name = keep(a, r->unit_name);
	x->level1 = keep_n(a, r->level1, r->level1_len);
	x->level2 = keep_n(a, r->level2, r->level2_len);
	x->name = keep_n(a, r->name, r->name_len);
	x->actual_text = keep_cell(a, r, PS_F_ACTUAL);
	x->score_text = keep_cell(a, r, PS_F_SCORE);
	x->reason = keep_cell(a, r, PS_F_REASON);
	x->pos = (ps_pos){a->file, r->pos.line, 0, -1};
	if (r->own[PS_F_SCORE]) {
		if (ps_points_parse(&x->given_score, x->score_text))
			x->has_given_score = true;
		else
			ps_diags_add(diags, PS_D_BAD_VALUE, r->pos, "given score \"%s\" is not a number",
			             x->score_text);
	}
	x->not_applicable = (r->own[PS_F_NA] &&
	                     ps_na_truthy(r->cell[PS_F_NA], h->flags[PS_F_NA] & PS_AF_NA_INVERTED)) ||
	                    says_na(r->cell[PS_F_ACTUAL], r->len[PS_F_ACTUAL]);
}

/* Every row of the sheet (or of its part) into a. */
static int load_rows(ps_actuals *a, ps_sheet *sh, ps_diags *diags)
{
	const ps_header *h = ps_sheet_header(sh);
	ps_sheet_row *r;
	int rc;
	while ((rc = ps_sheet_next(sh, &r, diags)) > 0) {
		/* a category or group row keys nothing */
		if (!r->name[0] && !r->own[PS_F_ID])
			continue;
		add_actual(a, h, r, diags);
	}
	return rc;
}

static ps_actuals *actuals_new(const ps_source *src, const ps_sheet *sh)
{
	ps_actuals *a = ps_xcalloc(1, sizeof *a);
	a->file = ps_xstrdup(src->name);
	const ps_header *h = ps_sheet_header(sh);
	for (int f = 1; f < PS_F__COUNT; f++)
		a->has_field[f] = h->idx[f] >= 0;
	return a;
}

/* The rows are kept to the end of the run: no slack. */
static void no_slack(ps_actuals *a)
{
	if (a->n < a->cap)
		a->v = ps_xrealloc(a->v, (a->n ? a->n : 1) * sizeof *a->v);
	a->cap = a->n;
}

/* How many lines after the middle are tried for a place to split. */
#define SPLIT_TRIES 300

/* Does the line at p (to its end, before end) read alone as a data row
 * that carries its own unit and levels: no quote, the header's number of
 * cells, the fill-down cells and the name filled in? A cheap first test;
 * ps_sheet_joins checks the split for real once both parts are read. */
static bool line_stands_alone(const char *p, const char *end, const ps_header *h, char delim)
{
	const char *eol = p;
	while (eol < end && *eol != '\n' && *eol != '\r')
		eol++;
	if (memchr(p, '"', (size_t)(eol - p)))
		return false;
	static const ps_field need[] = {PS_F_NAME, PS_F_UNIT_CODE, PS_F_UNIT_NAME, PS_F_LEVEL1, PS_F_LEVEL2};
	size_t col = 0;
	const char *cell = p;
	bool ok = true;
	for (const char *q = p;; q++) {
		if (q == eol || *q == delim) {
			for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
				if (h->idx[need[k]] == (int)col && q == cell)
					ok = false;
			col++;
			cell = q + 1;
			if (q == eol)
				break;
		}
	}
	return ok && col == h->ncol && h->idx[PS_F_NAME] >= 0;
}

/* A line start near the middle of the text, outside quotes, whose row
 * stands alone, and its physical line (counted as csv_read.c does: LF,
 * CRLF, a lone CR). False if none is found. */
static bool find_split(const ps_source *src, const ps_header *h, char delim, size_t *at, uint32_t *line)
{
	const char *t = src->text, *end = t + src->len;
	const char *p = t + src->len / 2;
	/* the next line start */
	while (p < end && *p != '\n' && *p != '\r')
		p++;
	if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
		p++;
	if (p >= end)
		return false;
	p++;
	size_t quotes = 0;
	for (const char *q = t; (q = memchr(q, '"', (size_t)(p - q))) != NULL; q++)
		quotes++;
	for (int tries = 0;; tries++) {
		if (p >= end || tries == SPLIT_TRIES)
			return false;
		const char *eol = p;
		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		if (quotes % 2 == 0 && line_stands_alone(p, end, h, delim))
			break;
		for (const char *q = p; q < eol; q++)
			quotes += *q == '"';
		if (eol >= end)
			return false;
		p = eol + (*eol == '\r' && eol + 1 < end && eol[1] == '\n' ? 2 : 1);
	}
	uint32_t n = 1;
	if (!memchr(t, '\r', (size_t)(p - t))) {
		for (const char *q = t; (q = memchr(q, '\n', (size_t)(p - q))) != NULL; q++)
			n++;
	} else {
		for (const char *q = t; q < p; q++)
			n += *q == '\n' || (*q == '\r' && (q + 1 >= end || q[1] != '\n'));
	}
	*at = (size_t)(p - t);
	*line = n;
	return true;
}

/* The second part, read on its own thread. */
typedef struct {
	ps_sheet *sh;
	ps_actuals *a;
	ps_diags diags;
	int rc;
} part;

static void *read_part(void *arg)
{
	part *p = arg;
	p->rc = load_rows(p->a, p->sh, &p->diags);
	return NULL;
}

/* Append b's rows after a's (positions naming a's file), taking its strings. */
static void append_actuals(ps_actuals *a, ps_actuals *b)
{
	if (a->cap < a->n + b->n) {
		a->cap = a->n + b->n;
		a->v = ps_xrealloc(a->v, (a->cap ? a->cap : 1) * sizeof *a->v);
	}
	for (size_t i = 0; i < b->n; i++) {
		a->v[a->n] = b->v[i];
		a->v[a->n++].pos.file = a->file;
	}
	b->n = 0;
	ps_pool_move(&a->strings, &b->strings);
}

/* The two-thread load: PS_OK or PS_EINPUT as the one-thread load would
 * give, or 1 when the text is not split after all (nothing added to diags). */
static int load_split(ps_actuals **out, const ps_source *src, ps_diags *diags)
{
	ps_diags d1 = PS_DIAGS_INIT;
	ps_sheet *sh;
	int rc = ps_sheet_open(&sh, src, PS_HDR_ACTUALS, &d1);
	if (rc != PS_OK) {
		ps_diags_dispose(&d1);
		return 1;
	}
	size_t at;
	uint32_t line;
	part p = {NULL, NULL, PS_DIAGS_INIT, PS_OK};
	pthread_t th;
	if (!find_split(src, ps_sheet_header(sh), ps_sheet_delim(sh), &at, &line) ||
	    !ps_sheet_stop_at(sh, at)) {
		ps_sheet_free(sh);
		ps_diags_dispose(&d1);
		return 1;
	}
	p.sh = ps_sheet_resume(sh, at, line);
	p.a = actuals_new(src, sh);
	if (pthread_create(&th, NULL, read_part, &p) != 0) {
		ps_sheet_free(p.sh);
		ps_actuals_free(p.a);
		ps_sheet_free(sh);
		ps_diags_dispose(&d1);
		return 1;
	}
	ps_actuals *a = actuals_new(src, sh);
	rc = load_rows(a, sh, &d1);
	pthread_join(th, NULL);
	/* a first part that failed stops the one-thread load there: read again
	 * rather than guess which of the rest's diagnostics it would have given */
	bool ok = rc == PS_OK && ps_sheet_joins(sh, p.sh);
	ps_sheet_free(sh);
	ps_sheet_free(p.sh);
	if (!ok) {
		ps_actuals_free(a);
		ps_actuals_free(p.a);
		ps_diags_dispose(&d1);
		ps_diags_dispose(&p.diags);
		return 1;
	}
	append_actuals(a, p.a);
	ps_actuals_free(p.a);
	ps_diags_move(diags, &d1);
	ps_diags_move(diags, &p.diags);
	ps_diags_dispose(&d1);
	ps_diags_dispose(&p.diags);
	if (p.rc != PS_OK) {
		ps_actuals_free(a);
		return p.rc;
	}
	no_slack(a);
	*out = a;
	return PS_OK;
}

int ps_actuals_load_split(ps_actuals **out, const ps_source *src, size_t min_split, bool *split,
                          ps_diags *diags)
{
	*out = NULL;
	if (split)
		*split = false;
	if (min_split && src->len >= min_split) {
		int rc = load_split(out, src, diags);
		if (rc != 1) {
			if (split)
				*split = true;
			return rc;
		}
	}
	ps_sheet *sh;
	int rc = ps_sheet_open(&sh, src, PS_HDR_ACTUALS, diags);
	if (rc != PS_OK)
		return rc;
	ps_actuals *a = actuals_new(src, sh);
	rc = load_rows(a, sh, diags);
	ps_sheet_free(sh);
	no_slack(a);
	if (rc != PS_OK) {
		ps_actuals_free(a);
		return rc;
	}
	*out = a;
	return PS_OK;
}

int ps_actuals_load(ps_actuals **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags)
{
	(void)opts;
	/* a big file is read on two threads: the one-thread read of a million
	 * rows holds up scoring for seconds while the other CPU idles */
	return ps_actuals_load_split(out, src, PS_ACTUALS_SPLIT_MIN, NULL, diags);
}

void ps_actuals_free(ps_actuals *a)
{
	if (!a)
		return;
	ps_pool_free(&a->strings);
	free(a->v);
	free(a->file);
	free(a);
}
