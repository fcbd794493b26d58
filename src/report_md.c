/* report_md.c: a Markdown table per unit, for reports: 一级/二级 shown once
 * per group, totals and grade below, warnings listed at the end. */
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

enum { N_COLS = 9 };

static const char *const header[N_COLS][2] = {
	{"一级指标", "Level 1"}, {"二级指标", "Level 2"}, {"三级指标", "Indicator"},
	{"指标值", "Target"}, {"实际完成值", "Actual"}, {"分值", "Points"},
	{"得分", "Score"}, {"状态", "Status"}, {"得分说明", "Explanation"},
};

/* Escape what Markdown or its HTML would read as markup in a table cell. */
static void md_cell(ps_buf *b, const char *s)
{
	ps_buf_addc(b, ' ');
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '|': case '\\': case '*': case '_': case '`': case '[': case ']':
			ps_buf_addc(b, '\\');
			ps_buf_addc(b, *p);
			break;
		case '<': ps_buf_adds(b, "&lt;"); break;
		case '>': ps_buf_adds(b, "&gt;"); break;
		case '&': ps_buf_adds(b, "&amp;"); break;
		case '\r': break;
		case '\n': ps_buf_adds(b, "<br>"); break;
		default: ps_buf_addc(b, *p);
		}
	}
	ps_buf_adds(b, " |");
}

static void md_row(ps_buf *b, const char *const *cells)
{
	ps_buf_addc(b, '|');
	for (int i = 0; i < N_COLS; i++)
		md_cell(b, cells[i]);
	ps_buf_addc(b, '\n');
}

static int md_begin(ps_report *r)
{
	return PS_OK;
}

static int md_unit(ps_report *r, const ps_unit_result *u)
{
	bool en = r->opts.lang == PS_LANG_EN;
	ps_buf b = PS_BUF_INIT;
	const char *code = u->unit ? u->unit->code : "", *name = u->unit ? u->unit->name : "";
	if (r->n_units)
		ps_buf_addc(&b, '\n');
	ps_buf_adds(&b, "## ");
	ps_buf_printf(&b, "%s%s%s\n\n", code, code[0] && name[0] ? " " : "", name);
	const char *cells[N_COLS];
	for (int i = 0; i < N_COLS; i++)
		cells[i] = header[i][en];
	md_row(&b, cells);
	ps_buf_adds(&b, "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |\n");
	report_budget_row br;
	if (report_budget_row_fill(&br, u, r->opts.lang)) {
		const char *row[N_COLS] = {
			br.name, "", "", br.target, br.actual, br.points, br.score, br.status, u->budget.explanation,
		};
		md_row(&b, row);
	}
	const char *l1 = NULL, *l2 = NULL;
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		report_cells rc;
		report_cells_fill(&rc, res);
		bool same1 = l1 && strcmp(l1, ind->level1) == 0;
		bool same2 = same1 && l2 && strcmp(l2, ind->level2) == 0;
		const char *row[N_COLS] = {
			same1 ? "" : ind->level1, same2 ? "" : ind->level2, ind->name, rc.target,
			ind->has_actual ? ind->actual_text : "", rc.points, rc.score,
			ps_report_status_word(res->status, r->opts.lang), res->explanation,
		};
		md_row(&b, row);
		l1 = ind->level1;
		l2 = ind->level2;
		report_cells_dispose(&rc);
	}
	char points[40], total[40], t100[40];
	report_points(points, u->points_total);
	report_score(total, u->total);
	report_score(t100, u->total_100);
	/* Bold by hand: md_cell would escape the asterisks. */
	ps_buf_printf(&b, "| **%s** | | | | | **%s** | **%s** | | |\n\n", en ? "Total" : "合计", points, total);
	if (u->points_applicable != PS_DEC(100))
		ps_buf_printf(&b, en ? "- Out of 100: %s\n" : "- 百分制：%s\n", t100);
	if (u->capped) {
		ps_buf_adds(&b, en ? "- Cap: " : "- 封顶：");
		report_cap_note(&b, u, r->opts.lang);
		ps_buf_addc(&b, '\n');
	}
	ps_buf_printf(&b, en ? "- Grade: **%s**\n" : "- 等级：**%s**\n", report_grade(u->grade, r->opts.lang));
	if (!u->final) {
		ps_buf_adds(&b, en ? "- Not final: " : "- 未定稿：");
		report_not_final(&b, u, r->opts.lang);
		ps_buf_addc(&b, '\n');
	}
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

static int md_end(ps_report *r, const ps_diags *warnings)
{
	if (!report_count_warnings(warnings))
		return PS_OK;
	bool en = r->opts.lang == PS_LANG_EN;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, en ? "\n## Warnings\n\n" : "\n## 警告\n\n");
	for (size_t i = 0; i < warnings->n; i++) {
		const ps_diag *dg = &warnings->v[i];
		if (dg->level < PS_WARNING)
			continue;
		char *line = ps_diag_format(dg);
		ps_buf_adds(&b, "- ");
		/* Same escaping as a cell, without the table pipes. */
		ps_buf cell = PS_BUF_INIT;
		md_cell(&cell, line);
		ps_buf_add(&b, cell.s + 1, cell.n - 3);
		ps_buf_addc(&b, '\n');
		ps_buf_dispose(&cell);
		free(line);
	}
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

const report_ops report_md_ops = {md_begin, md_unit, md_end};
