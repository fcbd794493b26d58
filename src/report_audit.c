/* report_audit.c: `perfscore audit` results in every format (docs/audit.md):
 * the given 得分 beside the computed one for every row, the differences
 * and their reasons, the table's own faults. Formatters see ps_audit only. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "perfscore/audit.h"
#include "report_int.h"
#include "xlsx_int.h"

enum { K_COLS = 12 };

enum {
	T_CODE, T_NAME, T_L1, T_L2, T_IND, T_POINTS, T_GIVEN, T_COMPUTED, T_DIFF, T_VERDICT, T_PROBLEMS, T_NOTES,
	T_BUDGET, T_TOTAL, T_FINDINGS, T_NONE, T_DIFFS, T_SUMMARY, T_RECOMPUTED, T_STATED, T_SHEET, T_WARNINGS,
	T__N
};

/* [zh, en] */
static const char *const words[T__N][2] = {
	[T_CODE] = {"单位编码", "Unit code"},
	[T_NAME] = {"单位名称", "Unit name"},
	[T_L1] = {"一级指标", "Level 1"},
	[T_L2] = {"二级指标", "Level 2"},
	[T_IND] = {"三级指标", "Indicator"},
	[T_POINTS] = {"分值", "Points"},
	[T_GIVEN] = {"给定得分", "Given"},
	[T_COMPUTED] = {"计算得分", "Computed"},
	[T_DIFF] = {"差额", "Difference"},
	[T_VERDICT] = {"结论", "Verdict"},
	[T_PROBLEMS] = {"问题", "Problems"},
	[T_NOTES] = {"说明", "Notes"},
	[T_BUDGET] = {"预算执行率", "Budget execution rate"},
	[T_TOTAL] = {"合计", "Total"},
	[T_FINDINGS] = {"发现 %zu 处问题，%zu 处差异超过容差%s：", "%zu finding(s), %zu difference(s) beyond the tolerance %s:"},
	[T_NONE] = {"未发现问题（容差%s）", "no findings (tolerance %s)"},
	[T_DIFFS] = {"共 %zu 个单位，%zu 处差异超过容差", "%zu unit(s), %zu difference(s) beyond the tolerance"},
	[T_SUMMARY] = {"审核", "Audit"},
	[T_RECOMPUTED] = {"重新计算：合计%s分，百分制%s分，等级%s", "recomputed: total %s, out of 100 %s, grade %s"},
	[T_STATED] = {"表内总分：%s分", "the table's total: %s"},
	[T_SHEET] = {"审核", "Audit"},
	[T_WARNINGS] = {"%zu 条警告（见标准错误输出）", "%zu warning(s) (see standard error)"},
};

static const char *const verdict_words[][2] = {
	[PS_AV_MATCH] = {"一致", "match"},
	[PS_AV_DIFFERS] = {"不符", "differs"},
	[PS_AV_KEPT] = {"人工", "kept"},
	[PS_AV_UNCHECKED] = {"无法核对", "unchecked"},
	[PS_AV_NO_GIVEN] = {"未填得分", "no score given"},
	[PS_AV_NA] = {"不适用", "n/a"},
};

static const char *const kind_words[PS_AUD__COUNT][2] = {
	[PS_AUD_SCORE] = {"得分不符", "score differs"},
	[PS_AUD_REVERSE] = {"反向指标按正向计分", "reverse indicator scored as forward"},
	[PS_AUD_BUDGET] = {"预算执行率得分不符", "budget score differs"},
	[PS_AUD_TOTAL] = {"总分与各项得分之和不符", "total is not the sum"},
	[PS_AUD_POINTS] = {"分值合计不符", "points total is not the sum"},
	[PS_AUD_RECOMPUTED] = {"总分与重新计算不符", "total differs from the recomputed one"},
	[PS_AUD_NO_REASON] = {"未填偏差原因", "no reason for the deviation"},
	[PS_AUD_NO_SCORE] = {"未填得分", "no score given"},
	[PS_AUD_UNCHECKED] = {"无法核对", "cannot be checked"},
};

/* One printed row of an audited unit: the budget row, an indicator, the total. */
typedef struct {
	const char *l1, *l2, *name;   /* borrowed */
	bool has_points, has_given, has_computed, has_diff;
	ps_dec points, given, computed, diff;
	const char *verdict;          /* static word, "" none */
	ps_buf problems, notes;       /* joined kind words and messages */
	bool over;                    /* a difference beyond the tolerance */
} arow;

struct ps_audit_report {
	FILE *fp;
	ps_report_options opts;
	int en;
	size_t n_units, n_diff;
	bool failed;
#ifdef PS_HAVE_XLSX
	xlsx_book book;
	bool has_book;
#endif
};

static const char *W(const ps_audit_report *r, int w)
{
	return words[w][r->en];
}

static const char *dec(char buf[40], ps_dec v)
{
	ps_dec_format(buf, 40, v, 2, 6);
	return buf;
}

static const char *pts(char buf[40], ps_dec v)
{
	ps_dec_format(buf, 40, v, 0, 6);
	return buf;
}

static void join(ps_buf *b, const char *sep, const char *s)
{
	if (b->n)
		ps_buf_adds(b, sep);
	ps_buf_adds(b, s);
}

/* Rows: [budget], indicators, total; findings attached to their row. */
static arow *build(const ps_audit_report *r, const ps_audit *a, size_t *n_out)
{
	const ps_unit_result *u = a->res;
	const char *sep = r->en ? "; " : "；";
	size_t n = u->n + 2, first = u->budget.block ? 1 : 0;
	arow *rows = ps_xcalloc(n, sizeof *rows);
	if (first) {
		arow *b = &rows[0];
		const ps_budget_result *br = &u->budget;
		b->l1 = W(r, T_BUDGET);
		b->l2 = b->name = "";
		b->has_points = true;
		b->points = br->points;
		b->has_given = br->block->has_score;
		b->given = br->block->score;
		b->has_computed = br->has_score;
		b->computed = br->score;
		b->has_diff = b->has_given && b->has_computed;
		b->diff = b->given - b->computed;
		b->verdict = !b->has_diff ? "" : verdict_words[b->diff > a->tolerance || -b->diff > a->tolerance][r->en];
	}
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_audit_row *ar = &a->rows[i];
		arow *w = &rows[first + i];
		w->l1 = res->ind->level1;
		w->l2 = res->ind->level2;
		w->name = res->ind->name;
		w->has_points = res->ind->has_points;
		w->points = res->ind->points;
		w->has_given = ar->has_given;
		w->given = ar->given;
		w->has_computed = res->has_score && res->status != PS_ST_MANUAL;
		w->computed = res->score;
		w->has_diff = w->has_given && w->has_computed;
		w->diff = ar->diff;
		w->verdict = verdict_words[ar->verdict][r->en];
	}
	arow *t = &rows[first + u->n];
	t->l1 = W(r, T_TOTAL);
	t->l2 = t->name = "";
	t->has_points = true;
	t->points = u->points_total;
	t->has_given = a->stated.present && a->stated.has_score ? true : a->has_given_sum;
	t->given = a->stated.present && a->stated.has_score ? a->stated.score : a->given_sum;
	t->has_computed = true;
	t->computed = u->total_100;
	t->has_diff = t->has_given && u->final;
	t->diff = t->given - t->computed;
	t->verdict = "";
	for (size_t k = 0; k < a->n; k++) {
		const ps_audit_finding *f = &a->v[k];
		arow *w = f->index != PS_AUDIT_UNIT ? &rows[first + f->index]
		          : f->kind == PS_AUD_BUDGET && first ? &rows[0] : t;
		join(&w->problems, sep, kind_words[f->kind][r->en]);
		join(&w->notes, sep, f->message);
		w->over |= f->over;
	}
	if (t->has_diff)
		t->verdict = verdict_words[t->over ? PS_AV_DIFFERS : PS_AV_MATCH][r->en];
	*n_out = first + u->n + 1;
	return rows;
}

static void free_rows(arow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		ps_buf_dispose(&rows[i].problems);
		ps_buf_dispose(&rows[i].notes);
	}
	free(rows);
}

/* The numbers of a row as text ("" when absent). */
typedef struct {
	char points[40], given[40], computed[40], diff[40];
} row_text;

static void row_cells(const arow *w, row_text *t)
{
	t->points[0] = t->given[0] = t->computed[0] = t->diff[0] = '\0';
	if (w->has_points)
		pts(t->points, w->points);
	if (w->has_given)
		dec(t->given, w->given);
	if (w->has_computed)
		dec(t->computed, w->computed);
	if (w->has_diff && w->diff)
		dec(t->diff, w->diff);
}

static void md_text(ps_buf *b, const char *s);

/* The findings as a list: a head line, then one `FILE:LINE: [kind] message`
 * per finding; md escapes the text and makes Markdown list items. */
static void findings_list(const ps_audit_report *r, ps_buf *b, const ps_audit *a, bool md)
{
	char tol[40];
	pts(tol, a->tolerance);
	if (md)
		ps_buf_adds(b, "- ");
	if (!a->n) {
		ps_buf_printf(b, W(r, T_NONE), tol);
		ps_buf_addc(b, '\n');
		return;
	}
	ps_buf_printf(b, W(r, T_FINDINGS), a->n, a->n_diff, tol);
	ps_buf_addc(b, '\n');
	for (size_t k = 0; k < a->n; k++) {
		const ps_audit_finding *f = &a->v[k];
		ps_buf item = PS_BUF_INIT;
		if (f->pos.file && f->pos.line)
			ps_buf_printf(&item, "%s:%u: ", f->pos.file, (unsigned)f->pos.line);
		ps_buf_printf(&item, "[%s] %s", ps_audit_kind_name(f->kind), f->message);
		ps_buf_adds(b, md ? "  - " : "  ");
		if (md)
			md_text(b, item.s);
		else
			ps_buf_adds(b, item.s);
		ps_buf_addc(b, '\n');
		ps_buf_dispose(&item);
	}
}

static void recomputed_line(const ps_audit_report *r, ps_buf *b, const ps_audit *a)
{
	char t[40], t100[40];
	const ps_unit_result *u = a->res;
	ps_buf_printf(b, W(r, T_RECOMPUTED), dec(t, u->total), dec(t100, u->total_100),
	              report_grade(u->grade, r->en ? PS_LANG_EN : PS_LANG_ZH));
	if (u->capped) {
		ps_buf_adds(b, r->en ? "; " : "；");
		report_cap_note(b, u, r->en ? PS_LANG_EN : PS_LANG_ZH);
	}
	ps_buf_addc(b, '\n');
}

/* ---- table and md ------------------------------------------------------------ */

static void unit_title(const ps_audit *a, ps_buf *b)
{
	const ps_unit *u = a->res->unit;
	const char *code = u ? u->code : "", *name = u ? u->name : "";
	ps_buf_printf(b, "%s%s%s", code, code[0] && name[0] ? "  " : "", name);
}

static void table_unit(ps_audit_report *r, ps_buf *b, const ps_audit *a)
{
	if (r->n_units)
		ps_buf_addc(b, '\n');
	size_t before = b->n;
	unit_title(a, b);
	if (b->n > before)
		ps_buf_addc(b, '\n');
	size_t n;
	arow *rows = build(r, a, &n);
	report_grid g;
	report_grid_init(&g, 6, 0x1E);
	const char *head[6] = {W(r, T_IND), W(r, T_POINTS), W(r, T_GIVEN), W(r, T_COMPUTED), W(r, T_DIFF),
	                       W(r, T_VERDICT)};
	report_grid_add(&g, head);
	for (size_t i = 0; i < n; i++) {
		row_text t;
		row_cells(&rows[i], &t);
		ps_buf name = PS_BUF_INIT;
		ps_report_fit(&name, rows[i].name[0] ? rows[i].name : rows[i].l1, 28, r->opts.ambiguous_wide);
		const char *cells[6] = {name.s ? name.s : "", t.points, t.given, t.computed, t.diff, rows[i].verdict};
		report_grid_add(&g, cells);
		ps_buf_dispose(&name);
	}
	report_grid_write(b, &g, 0, r->opts.ambiguous_wide);
	report_grid_dispose(&g);
	free_rows(rows, n);
	if (a->stated.present && a->stated.has_score) {
		char s[40];
		ps_buf_printf(b, W(r, T_STATED), dec(s, a->stated.score));
		ps_buf_addc(b, '\n');
	}
	recomputed_line(r, b, a);
	findings_list(r, b, a, false);
}

static void md_text(ps_buf *b, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (strchr("|\\*_`[]", *p))
			ps_buf_addc(b, '\\');
		if (*p == '\n')
			ps_buf_adds(b, "<br>");
		else if (*p == '<')
			ps_buf_adds(b, "&lt;");
		else if (*p == '>')
			ps_buf_adds(b, "&gt;");
		else if (*p != '\r')
			ps_buf_addc(b, *p);
	}
}

static void md_unit(ps_audit_report *r, ps_buf *b, const ps_audit *a)
{
	if (r->n_units)
		ps_buf_addc(b, '\n');
	ps_buf_adds(b, "## ");
	unit_title(a, b);
	ps_buf_adds(b, "\n\n");
	size_t n;
	arow *rows = build(r, a, &n);
	const int cols[] = {T_L1, T_L2, T_IND, T_POINTS, T_GIVEN, T_COMPUTED, T_DIFF, T_VERDICT, T_NOTES};
	ps_buf_addc(b, '|');
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
		ps_buf_printf(b, " %s |", W(r, cols[c]));
	ps_buf_adds(b, "\n| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		row_text t;
		row_cells(&rows[i], &t);
		const char *cells[9] = {rows[i].l1, rows[i].l2, rows[i].name, t.points, t.given, t.computed, t.diff,
		                        rows[i].verdict, rows[i].notes.s ? rows[i].notes.s : ""};
		ps_buf_addc(b, '|');
		for (int c = 0; c < 9; c++) {
			ps_buf_addc(b, ' ');
			md_text(b, cells[c]);
			ps_buf_adds(b, " |");
		}
		ps_buf_addc(b, '\n');
	}
	free_rows(rows, n);
	ps_buf_addc(b, '\n');
	ps_buf_adds(b, "- ");
	recomputed_line(r, b, a);
	findings_list(r, b, a, true);
}

/* ---- csv --------------------------------------------------------------------- */

static void csv_record(ps_buf *b, const char *const *cells)
{
	for (int i = 0; i < K_COLS; i++) {
		if (i)
			ps_buf_addc(b, ',');
		ps_report_csv_cell(b, cells[i]);
	}
	ps_buf_adds(b, "\r\n");
}

static const int csv_head[K_COLS] = {T_CODE, T_NAME, T_L1, T_L2, T_IND, T_POINTS, T_GIVEN, T_COMPUTED,
                                     T_DIFF, T_VERDICT, T_PROBLEMS, T_NOTES};

static void csv_unit(ps_audit_report *r, ps_buf *b, const ps_audit *a)
{
	const ps_unit *u = a->res->unit;
	size_t n;
	arow *rows = build(r, a, &n);
	for (size_t i = 0; i < n; i++) {
		row_text t;
		row_cells(&rows[i], &t);
		const char *cells[K_COLS] = {
			u ? u->code : "", u ? u->name : "", rows[i].l1, rows[i].l2, rows[i].name, t.points, t.given,
			t.computed, t.diff, rows[i].verdict, rows[i].problems.s ? rows[i].problems.s : "",
			rows[i].notes.s ? rows[i].notes.s : "",
		};
		csv_record(b, cells);
	}
	free_rows(rows, n);
}

/* ---- json --------------------------------------------------------------------- */

static void opt_dec(cJSON *o, const char *key, bool has, ps_dec v)
{
	if (has)
		report_json_dec(o, key, v, 6);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *audit_json(const ps_audit *a)
{
	const ps_unit_result *u = a->res;
	cJSON *o = cJSON_CreateObject();
	report_json_str(o, "unit_code", u->unit ? u->unit->code : "");
	report_json_str(o, "unit_name", u->unit ? u->unit->name : "");
	report_json_dec(o, "tolerance", a->tolerance, 6);
	report_json_dec(o, "points_total", u->points_total, 6);
	opt_dec(o, "stated_total", a->stated.present && a->stated.has_score, a->stated.score);
	opt_dec(o, "stated_points", a->stated.present && a->stated.has_points, a->stated.points);
	opt_dec(o, "given_sum", a->has_given_sum, a->given_sum);
	report_json_dec(o, "total", u->total, 6);
	report_json_dec(o, "total_100", u->total_100, 2);
	report_json_str(o, "grade", u->grade);
	cJSON_AddBoolToObject(o, "final", u->final);
	cJSON_AddBoolToObject(o, "capped", u->capped);
	cJSON_AddNumberToObject(o, "difference_count", (double)a->n_diff);
	cJSON_AddNumberToObject(o, "finding_count", (double)a->n);
	if (u->budget.block) {
		cJSON *b = cJSON_AddObjectToObject(o, "budget");
		const ps_budget_result *br = &u->budget;
		opt_dec(b, "rate", br->has_rate, br->rate);
		report_json_dec(b, "points", br->points, 6);
		opt_dec(b, "given_score", br->block->has_score, br->block->score);
		opt_dec(b, "score", br->has_score, br->score);
		report_json_str(b, "explanation", br->explanation);
		report_json_pos(b, "source", br->block->pos);
	} else {
		cJSON_AddNullToObject(o, "budget");
	}
	cJSON *fs = cJSON_AddArrayToObject(o, "findings");
	for (size_t k = 0; k < a->n; k++) {
		const ps_audit_finding *f = &a->v[k];
		cJSON *e = cJSON_CreateObject();
		report_json_str(e, "kind", ps_audit_kind_name(f->kind));
		if (f->index == PS_AUDIT_UNIT) {
			cJSON_AddNullToObject(e, "indicator");
			cJSON_AddNullToObject(e, "name");
		} else {
			cJSON_AddNumberToObject(e, "indicator", (double)f->index);
			report_json_str(e, "name", u->v[f->index].ind->name);
		}
		opt_dec(e, "given", f->has_given, f->given);
		opt_dec(e, "computed", f->has_computed, f->computed);
		opt_dec(e, "difference", f->has_given && f->has_computed, f->diff);
		cJSON_AddBoolToObject(e, "over_tolerance", f->over);
		report_json_str(e, "message", f->message);
		report_json_pos(e, "source", f->pos);
		cJSON_AddItemToArray(fs, e);
	}
	cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		const ps_audit_row *ar = &a->rows[i];
		cJSON *e = cJSON_CreateObject();
		report_json_str(e, "id", ind->id);
		report_json_str(e, "level1", ind->level1);
		report_json_str(e, "level2", ind->level2);
		report_json_str(e, "name", ind->name);
		opt_dec(e, "points", ind->has_points, ind->points);
		opt_dec(e, "given_score", ar->has_given, ar->given);
		opt_dec(e, "score", res->has_score, res->score);
		opt_dec(e, "difference", ar->verdict == PS_AV_MATCH || ar->verdict == PS_AV_DIFFERS, ar->diff);
		report_json_str(e, "verdict", ps_audit_verdict_name(ar->verdict));
		report_json_str(e, "status", ps_status_name(res->status));
		report_json_str(e, "explanation", res->explanation);
		report_json_str(e, "reason", ind->reason);
		report_json_pos(e, "source", ind->pos);
		cJSON_AddItemToArray(inds, e);
	}
	return o;
}

/* ---- xlsx ---------------------------------------------------------------------- */

#ifdef PS_HAVE_XLSX
static void xlsx_unit(ps_audit_report *r, const ps_audit *a)
{
	xlsx_book *bk = &r->book;
	const ps_unit *u = a->res->unit;
	ps_buf name = PS_BUF_INIT;
	ps_buf_adds(&name, u && u->name[0] ? u->name : u && u->code[0] ? u->code : W(r, T_SHEET));
	lxw_worksheet *ws = xlsx_sheet(bk, name.s);
	ps_buf_dispose(&name);
	if (!ws)
		return;
	static const double widths[K_COLS] = {10, 20, 12, 14, 24, 7, 9, 9, 8, 9, 20, 50};
	for (int c = 0; c < K_COLS; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		xlsx_text(bk, ws, 0, (uint16_t)c, W(r, csv_head[c]), bk->f_label);
	}
	worksheet_freeze_panes(ws, 1, 0);
	size_t n;
	arow *rows = build(r, a, &n);
	for (size_t i = 0; i < n; i++) {
		const arow *w = &rows[i];
		uint32_t row = (uint32_t)i + 1;
		xlsx_text(bk, ws, row, 0, u ? u->code : "", bk->f_text);
		xlsx_text(bk, ws, row, 1, u ? u->name : "", bk->f_text);
		xlsx_text(bk, ws, row, 2, w->l1, bk->f_text);
		xlsx_text(bk, ws, row, 3, w->l2, bk->f_text);
		xlsx_text(bk, ws, row, 4, w->name, bk->f_text);
		const struct {
			bool has;
			ps_dec v;
			lxw_format *f;
		} nums[4] = {{w->has_points, w->points, bk->f_points}, {w->has_given, w->given, bk->f_score},
		             {w->has_computed, w->computed, bk->f_score}, {w->has_diff, w->diff, bk->f_score}};
		for (int k = 0; k < 4; k++) {
			if (nums[k].has)
				xlsx_number(bk, ws, row, (uint16_t)(5 + k), nums[k].v, nums[k].f);
			else
				xlsx_blank(bk, ws, row, (uint16_t)(5 + k), bk->f_text);
		}
		xlsx_text(bk, ws, row, 9, w->verdict, bk->f_center);
		xlsx_text(bk, ws, row, 10, w->problems.s, bk->f_text);
		xlsx_text(bk, ws, row, 11, w->notes.s, bk->f_text);
	}
	free_rows(rows, n);
}
#endif

/* ---- the report ------------------------------------------------------------------ */

static int put(ps_audit_report *r, ps_buf *b)
{
	if (b->n && fwrite(b->s, 1, b->n, r->fp) != b->n)
		r->failed = true;
	ps_buf_dispose(b);
	return r->failed ? PS_EIO : PS_OK;
}

int ps_audit_report_begin(ps_audit_report **out, FILE *fp, const ps_report_options *opts)
{
	*out = NULL;
	ps_report_options def = PS_REPORT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (!fp)
		return PS_EUSAGE;
	ps_audit_report *r = ps_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->opts = *opts;
	r->en = opts->lang == PS_LANG_EN;
	ps_buf b = PS_BUF_INIT;
	switch (opts->format) {
	case PS_FMT_TABLE:
	case PS_FMT_MD:
	case PS_FMT_NDJSON:
		break;
	case PS_FMT_JSON:
		ps_buf_adds(&b, "{\n  \"units\": [");
		break;
	case PS_FMT_CSV:
		if (opts->bom)
			ps_buf_adds(&b, "\xEF\xBB\xBF");
		{
			const char *cells[K_COLS];
			for (int c = 0; c < K_COLS; c++)
				cells[c] = W(r, csv_head[c]);
			csv_record(&b, cells);
		}
		break;
	case PS_FMT_XLSX:
#ifdef PS_HAVE_XLSX
		if (opts->path && xlsx_book_open(&r->book, opts->path) == PS_OK) {
			r->has_book = true;
			break;
		}
#endif
		/* fall through */
	default:
		free(r);
		return PS_EUSAGE;
	}
	if (put(r, &b) != PS_OK) {
		free(r);
		return PS_EIO;
	}
	*out = r;
	return PS_OK;
}

int ps_audit_report_unit(ps_audit_report *r, const ps_audit *a)
{
	ps_buf b = PS_BUF_INIT;
	switch (r->opts.format) {
	case PS_FMT_TABLE:
		table_unit(r, &b, a);
		break;
	case PS_FMT_MD:
		md_unit(r, &b, a);
		break;
	case PS_FMT_CSV:
		csv_unit(r, &b, a);
		break;
	case PS_FMT_JSON:
		ps_buf_adds(&b, r->n_units ? ",\n    " : "\n    ");
		report_json_emit(&b, audit_json(a), true, 2);
		break;
	case PS_FMT_NDJSON:
		report_json_emit(&b, audit_json(a), false, 0);
		ps_buf_addc(&b, '\n');
		break;
#ifdef PS_HAVE_XLSX
	case PS_FMT_XLSX:
		xlsx_unit(r, a);
		break;
#endif
	default:
		break;
	}
	r->n_units++;
	r->n_diff += a->n_diff;
	return put(r, &b);
}

int ps_audit_report_end(ps_audit_report *r, const ps_diags *warnings)
{
	if (!r)
		return PS_OK;
	ps_buf b = PS_BUF_INIT;
	size_t nw = report_count_warnings(warnings);
	switch (r->opts.format) {
	case PS_FMT_TABLE:
	case PS_FMT_MD:
		ps_buf_adds(&b, r->opts.format == PS_FMT_MD ? "\n- " : "\n");
		ps_buf_printf(&b, W(r, T_DIFFS), r->n_units, r->n_diff);
		ps_buf_addc(&b, '\n');
		if (nw) {
			ps_buf_adds(&b, r->opts.format == PS_FMT_MD ? "- " : "");
			ps_buf_printf(&b, W(r, T_WARNINGS), nw);
			ps_buf_addc(&b, '\n');
		}
		break;
	case PS_FMT_JSON:
		ps_buf_adds(&b, r->n_units ? "\n  ],\n  \"warnings\": " : "],\n  \"warnings\": ");
		report_json_emit(&b, report_json_warnings(warnings), true, 1);
		ps_buf_adds(&b, "\n}\n");
		break;
	case PS_FMT_NDJSON: {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddItemToObject(o, "warnings", report_json_warnings(warnings));
		report_json_emit(&b, o, false, 0);
		ps_buf_addc(&b, '\n');
		break;
	}
#ifdef PS_HAVE_XLSX
	case PS_FMT_XLSX:
		if (!r->n_units) {
			lxw_worksheet *ws = xlsx_sheet(&r->book, W(r, T_SHEET));
			for (int c = 0; ws && c < K_COLS; c++)
				xlsx_text(&r->book, ws, 0, (uint16_t)c, W(r, csv_head[c]), r->book.f_label);
		}
		if (xlsx_book_close(&r->book) != PS_OK)
			r->failed = true;
		break;
#endif
	default:
		break;
	}
	put(r, &b);
	if (fflush(r->fp) != 0 || ferror(r->fp))
		r->failed = true;
	int rc = r->failed ? PS_EIO : PS_OK;
	free(r);
	return rc;
}
