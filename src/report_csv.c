/* report_csv.c: the filled 绩效自评表 as CSV for Excel: RFC 4180 quoting,
 * CRLF line ends, an optional UTF-8 BOM, cells neutralised against formula
 * injection, one row per indicator and a 合计 row per unit. */
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

enum { N_COLS = 12 };

static const char *const header[N_COLS][2] = {
	{"单位编码", "Unit code"}, {"单位名称", "Unit name"}, {"一级指标", "Level 1"},
	{"二级指标", "Level 2"}, {"三级指标", "Indicator"}, {"年度指标值", "Annual target"},
	{"实际完成值", "Actual"}, {"分值", "Points"}, {"得分", "Score"}, {"状态", "Status"},
	{"偏差原因", "Reason for deviation"}, {"得分说明", "Explanation"},
};

static void put_record(ps_buf *b, const char *const *cells)
{
	for (int i = 0; i < N_COLS; i++) {
		if (i)
			ps_buf_addc(b, ',');
		ps_report_csv_cell(b, cells[i]);
	}
	ps_buf_adds(b, "\r\n");
}

static int csv_begin(ps_report *r)
{
	ps_buf b = PS_BUF_INIT;
	if (r->opts.bom)
		ps_buf_adds(&b, "\xEF\xBB\xBF");
	const char *cells[N_COLS];
	for (int i = 0; i < N_COLS; i++)
		cells[i] = header[i][r->opts.lang == PS_LANG_EN];
	put_record(&b, cells);
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

static int csv_unit(ps_report *r, const ps_unit_result *u)
{
	bool en = r->opts.lang == PS_LANG_EN;
	ps_buf *b = report_unit_buf(r);
	const char *code = u->unit ? u->unit->code : "", *name = u->unit ? u->unit->name : "";
	report_budget_row br;
	if (report_budget_row_fill(&br, u, r->opts.lang)) {
		const char *cells[N_COLS] = {
			code, name, br.name, "", "", br.target, br.actual, br.points, br.score, br.status, "",
			u->budget.explanation,
		};
		put_record(b, cells);
	}
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		report_cells rc;
		report_cells_fill(&rc, res);
		const char *cells[N_COLS] = {
			code, name, ind->level1, ind->level2, ind->name, rc.target,
			ind->has_actual ? ind->actual_text : "", rc.points, rc.score,
			ps_report_status_word(res->status, r->opts.lang), ind->reason, res->explanation,
		};
		put_record(b, cells);
		report_cells_dispose(&rc);
	}
	/* The 合计 row of the form: points and total, the grade (and 百分制 when
	 * the points are not 100) in the explanation column. */
	char points[40], total[40], t100[40];
	report_points(points, u->points_total);
	report_score(total, u->total);
	report_score(t100, u->total_100);
	ps_buf note = PS_BUF_INIT;
	if (u->points_applicable != PS_DEC(100))
		ps_buf_printf(&note, en ? "out of 100: %s; " : "百分制%s，", t100);
	if (u->capped) {
		report_cap_note(&note, u, r->opts.lang);
		ps_buf_adds(&note, en ? "; " : "，");
	}
	ps_buf_printf(&note, en ? "grade: %s" : "等级：%s", report_grade(u->grade, r->opts.lang));
	if (!u->final)
		ps_buf_adds(&note, en ? " (not final)" : "（未定稿）");
	const char *cells[N_COLS] = {
		code, name, en ? "Total" : "合计", "", "", "", "", points, total, "", "", note.s,
	};
	put_record(b, cells);
	ps_buf_dispose(&note);
	return report_put(r, b);
}

static int csv_end(ps_report *r, const ps_diags *warnings)
{
	report_unit_buf_free(r);
	return PS_OK;
}

const report_ops report_csv_ops = {csv_begin, csv_unit, csv_end};
