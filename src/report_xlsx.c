/* report_xlsx.c: the filled 绩效自评表 as an Excel workbook (libxlsxwriter):
 * one sheet per unit in the official layout (unit header, 项目资金 block,
 * indicator grid with merged 一级/二级 cells, subtotals, total and grade),
 * computed values not formulas, and a summary sheet when there are several
 * units. The workbook is written to opts.path when the report ends. */
#ifdef PS_HAVE_XLSX
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>
#include "perfscore/summary.h"
#include "report_int.h"
#include "xlsx_int.h"

/* The grid's columns, as the official form has them. */
enum { C_L1, C_L2, C_NAME, C_TARGET, C_ACTUAL, C_POINTS, C_SCORE, C_REASON, C__N };

enum {
	X_TITLE, X_TITLE_BUDGET, X_UNIT_NAME, X_UNIT_CODE, X_FUNDS, X_INITIAL, X_FULL, X_SPENT, X_RATE,
	X_POINTS, X_SCORE, X_FUNDS_TOTAL, X_L1, X_L2, X_NAME, X_TARGET, X_ACTUAL, X_REASON, X_SUBTOTAL,
	X_TOTAL, X_TOTAL_100, X_GRADE, X_NOT_FINAL, X_SUM_TITLE, X_SEQ, X_T100, X_NOTE, X_CAPPED,
	X_STATS, X_UNITS, X_MEAN, X_MEDIAN, X_SD, X_MIN, X_MAX, X_WORST_INDS, X_IND, X_N_UNITS, X_LOSING,
	X_LOST, X_MEAN_LOST, X_SHEET_SUMMARY, X_UNFINISHED, X__N
};

/* [zh, en] */
static const char *const words[X__N][2] = {
	[X_TITLE] = {"绩效自评表", "Performance self-evaluation"},
	[X_TITLE_BUDGET] = {"项目支出绩效自评表", "Project expenditure performance self-evaluation"},
	[X_UNIT_NAME] = {"单位名称", "Unit"},
	[X_UNIT_CODE] = {"单位编码", "Unit code"},
	[X_FUNDS] = {"项目资金（万元）", "Project funds (10k yuan)"},
	[X_INITIAL] = {"年初预算数", "Initial budget"},
	[X_FULL] = {"全年预算数", "Full-year budget"},
	[X_SPENT] = {"全年执行数", "Spent"},
	[X_RATE] = {"执行率", "Execution rate"},
	[X_POINTS] = {"分值", "Points"},
	[X_SCORE] = {"得分", "Score"},
	[X_FUNDS_TOTAL] = {"年度资金总额", "Total funds of the year"},
	[X_L1] = {"一级指标", "Level 1"},
	[X_L2] = {"二级指标", "Level 2"},
	[X_NAME] = {"三级指标", "Indicator"},
	[X_TARGET] = {"年度指标值", "Annual target"},
	[X_ACTUAL] = {"实际完成值", "Actual"},
	[X_REASON] = {"偏差原因分析及改进措施", "Reasons for deviation and improvements"},
	[X_SUBTOTAL] = {"%s小计", "%s subtotal"},
	[X_TOTAL] = {"合计", "Total"},
	[X_TOTAL_100] = {"总分（百分制）", "Total (out of 100)"},
	[X_GRADE] = {"自评等级", "Grade"},
	[X_NOT_FINAL] = {"未定稿：", "not final: "},
	[X_SUM_TITLE] = {"绩效自评汇总", "Self-evaluation summary"},
	[X_SEQ] = {"序号", "No."},
	[X_T100] = {"百分制得分", "Out of 100"},
	[X_NOTE] = {"备注", "Note"},
	[X_CAPPED] = {"按执行率封顶", "capped by execution rate"},
	[X_STATS] = {"统计", "Statistics"},
	[X_UNITS] = {"单位数", "Units"},
	[X_MEAN] = {"平均", "Mean"},
	[X_MEDIAN] = {"中位数", "Median"},
	[X_SD] = {"标准差", "Standard deviation"},
	[X_MIN] = {"最低", "Lowest"},
	[X_MAX] = {"最高", "Highest"},
	[X_WORST_INDS] = {"失分最多的指标", "Indicators that lose the most points"},
	[X_IND] = {"指标", "Indicator"},
	[X_N_UNITS] = {"单位数", "Units"},
	[X_LOSING] = {"失分单位数", "Losing"},
	[X_LOST] = {"失分合计", "Lost"},
	[X_MEAN_LOST] = {"平均失分", "Mean lost"},
	[X_SHEET_SUMMARY] = {"汇总", "Summary"},
	[X_UNFINISHED] = {"未定稿", "not final"},
};

/* What the summary sheet lists per unit. */
typedef struct {
	char *code, *name;
	ps_dec points, total, total_100, rate;
	bool has_rate, final, capped;
	const char *grade;
} unit_rec;

typedef struct {
	xlsx_book book;
	lxw_worksheet *summary;  /* created first when several units are announced */
	unit_rec *units;
	size_t n, cap;
	ps_summary_acc *acc;
} state;

static const char *W(const ps_report *r, int w)
{
	return words[w][r->opts.lang == PS_LANG_EN];
}

static int xlsx_begin(ps_report *r)
{
	state *s = ps_xcalloc(1, sizeof *s);
	if (xlsx_book_open(&s->book, r->opts.path) != PS_OK) {
		free(s);
		return PS_EIO;
	}
	if (r->opts.units_hint > 1)
		s->summary = xlsx_sheet(&s->book, W(r, X_SHEET_SUMMARY));
	s->acc = ps_summary_new(10);
	r->state = s;
	return PS_OK;
}

/* Rows [from, to) of the grid whose column col holds the same text, merged. */
static void merge_runs(xlsx_book *b, lxw_worksheet *ws, uint32_t first_row, const ps_unit_result *u,
                       const size_t *row_of, int level)
{
	size_t i = 0;
	while (i < u->n) {
		const ps_indicator *a = u->v[i].ind;
		size_t j = i + 1;
		while (j < u->n && row_of[j] == row_of[j - 1] + 1 && strcmp(u->v[j].ind->level1, a->level1) == 0 &&
		       (level == 0 || strcmp(u->v[j].ind->level2, a->level2) == 0))
			j++;
		const char *text = level == 0 ? a->level1 : a->level2;
		uint32_t r0 = first_row + (uint32_t)row_of[i], r1 = first_row + (uint32_t)row_of[j - 1];
		xlsx_merge(b, ws, r0, level, r1, level, text, b->f_center);
		i = j;
	}
}

/* The 一级 of indicator i appears again after i's run: its subtotal waits. */
static bool level1_again(const ps_unit_result *u, size_t i)
{
	for (size_t k = i + 1; k < u->n; k++)
		if (strcmp(u->v[k].ind->level1, u->v[i].ind->level1) == 0 &&
		    (k == i + 1 || strcmp(u->v[k - 1].ind->level1, u->v[i].ind->level1) != 0))
			return true;
	return false;
}

static uint32_t write_budget(ps_report *r, xlsx_book *b, lxw_worksheet *ws, uint32_t row, const ps_unit_result *u)
{
	const ps_budget_result *br = &u->budget;
	const ps_budget *k = br->block;
	xlsx_merge(b, ws, row, 0, row, 1, W(r, X_FUNDS), b->f_label);
	const int heads[] = {X_INITIAL, X_FULL, X_SPENT, X_RATE, X_POINTS, X_SCORE};
	for (int c = 0; c < 6; c++)
		xlsx_text(b, ws, row, (uint16_t)(2 + c), W(r, heads[c]), b->f_label);
	row++;
	xlsx_merge(b, ws, row, 0, row, 1, W(r, X_FUNDS_TOTAL), b->f_center);
	if (k->has_initial)
		xlsx_number(b, ws, row, 2, k->initial, b->f_amount);
	else
		xlsx_blank(b, ws, row, 2, b->f_text);
	xlsx_number(b, ws, row, 3, k->full, b->f_amount);
	xlsx_number(b, ws, row, 4, k->spent, b->f_amount);
	if (br->has_rate)
		xlsx_number(b, ws, row, 5, br->rate / 100, b->f_pct);
	else
		xlsx_blank(b, ws, row, 5, b->f_text);
	xlsx_number(b, ws, row, 6, br->points, b->f_points);
	if (br->has_score)
		xlsx_number(b, ws, row, 7, br->score, b->f_score);
	else
		xlsx_blank(b, ws, row, 7, b->f_score);
	xlsx_comment(b, ws, row, 7, br->explanation);
	return row + 1;
}

static uint32_t write_total(ps_report *r, xlsx_book *b, lxw_worksheet *ws, uint32_t row, const ps_unit_result *u)
{
	xlsx_merge(b, ws, row, C_L1, row, C_ACTUAL, W(r, X_TOTAL), b->f_label);
	xlsx_number(b, ws, row, C_POINTS, u->points_total, b->f_points_bold);
	xlsx_number(b, ws, row, C_SCORE, u->total, b->f_score_bold);
	xlsx_blank(b, ws, row, C_REASON, b->f_text);
	row++;
	if (u->points_applicable != PS_DEC(100) || u->capped) {
		xlsx_merge(b, ws, row, C_L1, row, C_ACTUAL, W(r, X_TOTAL_100), b->f_label);
		xlsx_blank(b, ws, row, C_POINTS, b->f_text);
		xlsx_number(b, ws, row, C_SCORE, u->total_100, b->f_score_bold);
		ps_buf note = PS_BUF_INIT;
		report_cap_note(&note, u, r->opts.lang);
		xlsx_text(b, ws, row, C_REASON, note.s ? note.s : "", b->f_text);
		ps_buf_dispose(&note);
		row++;
	}
	xlsx_merge(b, ws, row, C_L1, row, C_ACTUAL, W(r, X_GRADE), b->f_label);
	xlsx_merge(b, ws, row, C_POINTS, row, C_SCORE, report_grade(u->grade, r->opts.lang), b->f_label);
	ps_buf nf = PS_BUF_INIT;
	if (!u->final) {
		ps_buf_adds(&nf, W(r, X_NOT_FINAL));
		report_not_final(&nf, u, r->opts.lang);
	}
	xlsx_text(b, ws, row, C_REASON, nf.s ? nf.s : "", b->f_text);
	ps_buf_dispose(&nf);
	return row + 1;
}

/* The grid: one row per indicator, a subtotal after each 一级 group. */
static uint32_t write_grid(ps_report *r, xlsx_book *b, lxw_worksheet *ws, uint32_t row, const ps_unit_result *u)
{
	static const int heads[C__N] = {X_L1, X_L2, X_NAME, X_TARGET, X_ACTUAL, X_POINTS, X_SCORE, X_REASON};
	for (int c = 0; c < C__N; c++)
		xlsx_text(b, ws, row, (uint16_t)c, W(r, heads[c]), b->f_label);
	worksheet_freeze_panes(ws, row + 1, 0);
	worksheet_repeat_rows(ws, 0, row);
	row++;
	uint32_t first = row;
	size_t *row_of = ps_xcalloc(u->n ? u->n : 1, sizeof *row_of);
	size_t k = 0; /* rows used below `first` */
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		uint32_t at = first + (uint32_t)k;
		row_of[i] = k++;
		xlsx_text(b, ws, at, C_NAME, ind->name, b->f_text);
		char *target = ps_report_target_text(ind);
		xlsx_text(b, ws, at, C_TARGET, target, b->f_text);
		free(target);
		xlsx_text(b, ws, at, C_ACTUAL, ind->has_actual ? ind->actual_text : "", b->f_text);
		if (ind->has_points)
			xlsx_number(b, ws, at, C_POINTS, ind->points, b->f_points);
		else
			xlsx_blank(b, ws, at, C_POINTS, b->f_points);
		if (res->has_score)
			xlsx_number(b, ws, at, C_SCORE, res->score, b->f_score);
		else
			xlsx_text(b, ws, at, C_SCORE, ps_report_status_word(res->status, r->opts.lang), b->f_center);
		xlsx_comment(b, ws, at, C_SCORE, res->explanation);
		xlsx_text(b, ws, at, C_REASON, ind->reason, b->f_text);
		bool last_of_run = i + 1 == u->n || strcmp(u->v[i + 1].ind->level1, ind->level1) != 0;
		if (last_of_run && ind->level1[0] && !level1_again(u, i)) {
			const ps_subtotal *st = report_subtotal(u, ind->level1);
			uint32_t sr = first + (uint32_t)k++;
			ps_buf t = PS_BUF_INIT;
			ps_buf_printf(&t, W(r, X_SUBTOTAL), ind->level1);
			xlsx_merge(b, ws, sr, C_L1, sr, C_ACTUAL, t.s, b->f_label);
			ps_buf_dispose(&t);
			xlsx_number(b, ws, sr, C_POINTS, st ? st->points : 0, b->f_points_bold);
			xlsx_number(b, ws, sr, C_SCORE, st ? st->score : 0, b->f_score_bold);
			xlsx_blank(b, ws, sr, C_REASON, b->f_text);
		}
	}
	merge_runs(b, ws, first, u, row_of, 0);
	merge_runs(b, ws, first, u, row_of, 1);
	free(row_of);
	return first + (uint32_t)k;
}

static char *sheet_name(const ps_unit_result *u, size_t n)
{
	const char *code = u->unit ? u->unit->code : "", *name = u->unit ? u->unit->name : "";
	ps_buf b = PS_BUF_INIT;
	if (name[0])
		ps_buf_adds(&b, name);
	else if (code[0])
		ps_buf_adds(&b, code);
	else
		ps_buf_printf(&b, "%zu", n + 1);
	return ps_buf_detach(&b);
}

static int xlsx_unit(ps_report *r, const ps_unit_result *u)
{
	state *s = r->state;
	xlsx_book *b = &s->book;
	char *name = sheet_name(u, r->n_units);
	lxw_worksheet *ws = xlsx_sheet(b, name);
	free(name);
	if (!ws)
		return PS_EIO;
	static const double widths[C__N] = {12, 16, 28, 16, 16, 8, 9, 30};
	for (int c = 0; c < C__N; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	const char *code = u->unit ? u->unit->code : "", *uname = u->unit ? u->unit->name : "";
	uint32_t row = 0;
	xlsx_merge(b, ws, row, C_L1, row, C_REASON, W(r, u->budget.block ? X_TITLE_BUDGET : X_TITLE), b->f_title);
	worksheet_set_row(ws, row, 28, NULL);
	row++;
	xlsx_text(b, ws, row, C_L1, W(r, X_UNIT_NAME), b->f_label);
	xlsx_merge(b, ws, row, C_L2, row, C_ACTUAL, uname, b->f_text);
	xlsx_text(b, ws, row, C_POINTS, W(r, X_UNIT_CODE), b->f_label);
	xlsx_merge(b, ws, row, C_SCORE, row, C_REASON, code, b->f_text);
	row++;
	if (u->budget.block)
		row = write_budget(r, b, ws, row, u);
	row = write_grid(r, b, ws, row, u);
	write_total(r, b, ws, row, u);

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->units = ps_xrealloc(s->units, s->cap * sizeof *s->units);
	}
	s->units[s->n++] = (unit_rec){ps_xstrdup(code), ps_xstrdup(uname), u->points_total, u->total, u->total_100,
	                              u->budget.rate, u->budget.has_rate, u->final, u->capped, u->grade};
	ps_summary_add(s->acc, u);
	return b->failed ? PS_EIO : PS_OK;
}

static uint32_t summary_stats(ps_report *r, xlsx_book *b, lxw_worksheet *ws, uint32_t row, const ps_summary *sm)
{
	xlsx_merge(b, ws, row, 0, row, 2, W(r, X_STATS), b->f_label);
	row++;
	xlsx_text(b, ws, row, 1, W(r, X_UNITS), b->f_label);
	xlsx_number(b, ws, row, 2, PS_DEC((int64_t)sm->n_units), b->f_points);
	row++;
	static const char *const grades[4] = {"优", "良", "中", "差"};
	for (int g = 0; g < 4; g++, row++) {
		xlsx_text(b, ws, row, 1, report_grade(grades[g], r->opts.lang), b->f_label);
		xlsx_number(b, ws, row, 2, PS_DEC((int64_t)sm->grades[g]), b->f_points);
	}
	const struct {
		int w;
		ps_dec v;
	} st[] = {{X_MEAN, sm->mean}, {X_MEDIAN, sm->median}, {X_SD, sm->sd}, {X_MIN, sm->min}, {X_MAX, sm->max}};
	for (size_t k = 0; k < sizeof st / sizeof st[0]; k++, row++) {
		xlsx_text(b, ws, row, 1, W(r, st[k].w), b->f_label);
		xlsx_number(b, ws, row, 2, st[k].v, b->f_score);
	}
	if (!sm->n_indicators)
		return row;
	row++;
	xlsx_merge(b, ws, row, 0, row, 2, W(r, X_WORST_INDS), b->f_label);
	row++;
	const int heads[] = {X_SEQ, X_IND, X_N_UNITS, X_LOSING, X_LOST, X_MEAN_LOST};
	for (int c = 0; c < 6; c++)
		xlsx_text(b, ws, row, (uint16_t)c, W(r, heads[c]), b->f_label);
	row++;
	for (size_t i = 0; i < sm->n_indicators; i++, row++) {
		const ps_summary_indicator *in = &sm->indicators[i];
		ps_buf label = PS_BUF_INIT;
		const char *parts[3] = {in->level1, in->level2, in->name};
		for (int k = 0; k < 3; k++)
			if (parts[k][0])
				ps_buf_printf(&label, "%s%s", label.n ? "/" : "", parts[k]);
		xlsx_number(b, ws, row, 0, PS_DEC((int64_t)i + 1), b->f_points);
		xlsx_text(b, ws, row, 1, label.s ? label.s : "", b->f_text);
		ps_buf_dispose(&label);
		xlsx_number(b, ws, row, 2, PS_DEC((int64_t)in->n_units), b->f_points);
		xlsx_number(b, ws, row, 3, PS_DEC((int64_t)in->n_losing), b->f_points);
		xlsx_number(b, ws, row, 4, in->lost, b->f_score);
		xlsx_number(b, ws, row, 5, in->n_units ? ps_dec_round(in->lost / (ps_dec)in->n_units, 2) : 0,
		            b->f_score);
	}
	return row;
}

/* The summary sheet: one row per unit, then the statistics. */
static void write_summary(ps_report *r, state *s)
{
	xlsx_book *b = &s->book;
	lxw_worksheet *ws = s->summary;
	if (!ws && s->n > 1)
		ws = xlsx_sheet(b, W(r, X_SHEET_SUMMARY));
	ps_summary sm;
	ps_summary_finish(s->acc, &sm);
	s->acc = NULL;
	if (ws) {
		enum { N = 9 };
		static const double widths[N] = {6, 12, 30, 8, 9, 11, 8, 10, 24};
		for (int c = 0; c < N; c++)
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		xlsx_merge(b, ws, 0, 0, 0, N - 1, W(r, X_SUM_TITLE), b->f_title);
		static const int heads[N] = {X_SEQ, X_UNIT_CODE, X_UNIT_NAME, X_POINTS, X_SCORE, X_T100,
		                             X_GRADE, X_RATE, X_NOTE};
		for (int c = 0; c < N; c++)
			xlsx_text(b, ws, 1, (uint16_t)c, W(r, heads[c]), b->f_label);
		worksheet_freeze_panes(ws, 2, 0);
		uint32_t row = 2;
		for (size_t i = 0; i < s->n; i++, row++) {
			const unit_rec *u = &s->units[i];
			xlsx_number(b, ws, row, 0, PS_DEC((int64_t)i + 1), b->f_points);
			xlsx_text(b, ws, row, 1, u->code, b->f_text);
			xlsx_text(b, ws, row, 2, u->name, b->f_text);
			xlsx_number(b, ws, row, 3, u->points, b->f_points);
			xlsx_number(b, ws, row, 4, u->total, b->f_score);
			xlsx_number(b, ws, row, 5, u->total_100, b->f_score);
			xlsx_text(b, ws, row, 6, report_grade(u->grade, r->opts.lang), b->f_center);
			if (u->has_rate)
				xlsx_number(b, ws, row, 7, u->rate / 100, b->f_pct);
			else
				xlsx_blank(b, ws, row, 7, b->f_text);
			ps_buf note = PS_BUF_INIT;
			if (!u->final)
				ps_buf_adds(&note, W(r, X_UNFINISHED));
			if (u->capped)
				ps_buf_printf(&note, "%s%s", note.n ? "; " : "", W(r, X_CAPPED));
			xlsx_text(b, ws, row, 8, note.s ? note.s : "", b->f_text);
			ps_buf_dispose(&note);
		}
		summary_stats(r, b, ws, row + 1, &sm);
	}
	ps_summary_dispose(&sm);
}

static void state_free(state *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->units[i].code);
		free(s->units[i].name);
	}
	free(s->units);
	if (s->acc) {
		ps_summary sm;
		ps_summary_finish(s->acc, &sm);
		ps_summary_dispose(&sm);
	}
	free(s);
}

static int xlsx_end(ps_report *r, const ps_diags *warnings)
{
	(void)warnings; /* they are on stderr; a workbook has no place for them */
	state *s = r->state;
	if (r->n_units == 0) {
		/* A workbook needs a sheet: an empty form. */
		ps_unit_result none;
		memset(&none, 0, sizeof none);
		none.grade = "";
		none.final = true;
		xlsx_unit(r, &none);
	}
	write_summary(r, s);
	int rc = xlsx_book_close(&s->book);
	state_free(s);
	r->state = NULL;
	return rc;
}

const report_ops report_xlsx_ops = {xlsx_begin, xlsx_unit, xlsx_end};

#else
/* Built without libxlsxwriter: ps_report_begin refuses xlsx. */
typedef int report_xlsx_unused;
#endif
