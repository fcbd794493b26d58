/* report_table.c: the terminal table: indicators grouped under their 一级 and
 * 二级 headings, columns aligned by display width (CJK = 2 columns), the
 * explanation below each row, totals and grade at the foot. */
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

enum { C_NAME, C_TARGET, C_ACTUAL, C_POINTS, C_SCORE, C_STATUS, C__N };

#define GAP 2          /* spaces between columns */
#define CELL_MAX 24    /* target and actual cells wider than this are cut */
#define NAME_MIN 16    /* the name column never shrinks below this */
#define EXPLAIN_INDENT 6

#define BOLD "\033[1m"
#define RED "\033[31m"
#define YELLOW "\033[33m"
#define RESET "\033[0m"

static const char *const headers[C__N][2] = {
	{"三级指标", "Indicator"}, {"指标值", "Target"}, {"实际", "Actual"},
	{"分值", "Points"}, {"得分", "Score"}, {"状态", "Status"},
};

/* Words of the foot, indexed [word][lang]. */
enum { W_TOTAL, W_TOTAL_100, W_GRADE, W_NOT_FINAL, W_WARNINGS, W_REASON };
static const char *const words[][2] = {
	[W_TOTAL] = {"合计", "Total"},
	[W_TOTAL_100] = {"百分制", "Out of 100"},
	[W_GRADE] = {"等级：", "Grade: "},
	[W_NOT_FINAL] = {"未定稿：", "Not final: "},
	[W_WARNINGS] = {"%zu 条警告（见标准错误输出）", "%zu warning(s) (see standard error)"},
	[W_REASON] = {"偏差原因：", "Reason: "},
};

/* One printed line of the table body. */
typedef struct {
	char *cell[C__N];          /* owned; NULL = blank */
	size_t indent;             /* of the name cell */
	const ps_ind_result *res;  /* indicator rows only */
	bool group;                /* a 一级/二级 heading */
	bool budget;               /* the 预算执行率 row of the 项目资金 block */
} row;

static const char *word(const ps_report *r, int w)
{
	return words[w][r->opts.lang == PS_LANG_EN ? 1 : 0];
}

static size_t width_of(const ps_report *r, const char *s)
{
	return s ? ps_text_width(s, strlen(s), r->opts.ambiguous_wide) : 0;
}

static void pad(ps_buf *b, size_t n)
{
	while (n--)
		ps_buf_addc(b, ' ');
}

/* A cell fitted into w columns, padded left or right, in colour if asked. */
static void put_cell(ps_report *r, ps_buf *b, const char *s, size_t w, bool right, const char *color)
{
	ps_buf t = PS_BUF_INIT;
	size_t used = ps_report_fit(&t, s ? s : "", w, r->opts.ambiguous_wide);
	if (right)
		pad(b, w - used);
	if (color && r->opts.color && t.n)
		ps_buf_adds(b, color);
	if (t.n)
		ps_buf_add(b, t.s, t.n);
	if (color && r->opts.color && t.n)
		ps_buf_adds(b, RESET);
	if (!right)
		pad(b, w - used);
	ps_buf_dispose(&t);
}

/* End a line: trailing blanks go, so that goldens and diffs stay clean. */
static void end_line(ps_buf *b)
{
	while (b->n && b->s[b->n - 1] == ' ')
		b->s[--b->n] = '\0';
	ps_buf_addc(b, '\n');
}

static void put_row(ps_report *r, ps_buf *b, const row *rw, const size_t *w, const char *const *color)
{
	pad(b, rw->indent);
	put_cell(r, b, rw->cell[C_NAME], w[C_NAME] - rw->indent, false, color ? color[C_NAME] : NULL);
	for (int c = C_TARGET; c < C__N; c++) {
		pad(b, GAP);
		put_cell(r, b, rw->cell[c], w[c], c == C_POINTS || c == C_SCORE, color ? color[c] : NULL);
	}
	end_line(b);
}

static bool ascii_word(char c)
{
	return c != ' ' && (unsigned char)c > 0x20 && (unsigned char)c < 0x80;
}

/* Wrap s to lines of at most `width` columns after `indent` spaces. A line
 * never ends inside a run of ASCII (a Latin word or a number such as 17 or
 * 9.6) unless the run is longer than a line; CJK text breaks anywhere. */
static void wrap(ps_report *r, ps_buf *b, const char *s, size_t indent, size_t width)
{
	size_t avail = width > indent + 20 ? width - indent : 20;
	bool aw = r->opts.ambiguous_wide;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s), i = 0;
		while (i < len) {
			size_t j = i, used = 0;
			while (j < len) {
				int32_t cp;
				int k = ps_utf8_decode(s + j, len - j, &cp);
				size_t cw = k <= 0 ? 1 : (size_t)ps_cp_width(cp, aw);
				if (used + cw > avail && j > i)
					break;
				j += k <= 0 ? 1 : (size_t)k;
				used += cw;
			}
			if (j < len && ascii_word(s[j]) && ascii_word(s[j - 1])) {
				size_t start = j;
				while (start > i && ascii_word(s[start - 1]))
					start--;
				if (start > i)
					j = start;
			}
			pad(b, indent);
			ps_buf_add(b, s + i, j - i);
			end_line(b);
			i = j;
			while (i < len && s[i] == ' ')
				i++;
		}
		if (!nl)
			break;
		s = nl + 1;
	}
}

static char *dup_dec(ps_dec v, bool score)
{
	char buf[40];
	return ps_xstrdup(score ? report_score(buf, v) : report_points(buf, v));
}

/* Rows for a unit: a heading whenever 一级 or 二级 changes, then the indicator. */
static row *build_rows(ps_report *r, const ps_unit_result *u, size_t *n_out)
{
	row *rows = ps_xcalloc(u->n * 3 + 2, sizeof *rows);
	size_t n = 0;
	report_budget_row br;
	if (report_budget_row_fill(&br, u, r->opts.lang)) {
		row *rw = &rows[n++];
		rw->budget = true;
		rw->cell[C_NAME] = ps_xstrdup(br.name);
		rw->cell[C_TARGET] = ps_xstrdup(br.target);
		rw->cell[C_ACTUAL] = ps_xstrdup(br.actual);
		rw->cell[C_POINTS] = ps_xstrdup(br.points);
		if (br.score[0])
			rw->cell[C_SCORE] = ps_xstrdup(br.score);
		rw->cell[C_STATUS] = ps_xstrdup(br.status);
	}
	const char *l1 = NULL, *l2 = NULL;
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		bool new1 = !l1 || strcmp(l1, ind->level1) != 0;
		if (new1 && !ind->level1[0]) {
			l1 = ind->level1; /* no 一级 heading to print */
			l2 = NULL;
		} else if (new1) {
			row *g = &rows[n++];
			g->group = true;
			g->cell[C_NAME] = ps_xstrdup(ind->level1);
			const ps_subtotal *st = report_subtotal(u, ind->level1);
			if (st) {
				g->cell[C_POINTS] = dup_dec(st->points, false);
				g->cell[C_SCORE] = dup_dec(st->score, true);
			}
			l1 = ind->level1;
			l2 = NULL;
		}
		if (ind->level2[0] && (!l2 || strcmp(l2, ind->level2) != 0)) {
			row *g = &rows[n++];
			g->group = true;
			g->indent = 2;
			g->cell[C_NAME] = ps_xstrdup(ind->level2);
			l2 = ind->level2;
		}
		row *rw = &rows[n++];
		rw->indent = 4;
		rw->res = res;
		rw->cell[C_NAME] = ps_xstrdup(ind->name);
		rw->cell[C_TARGET] = ps_report_target_text(ind);
		rw->cell[C_ACTUAL] = ps_xstrdup(ind->has_actual ? ind->actual_text : "");
		if (ind->has_points)
			rw->cell[C_POINTS] = dup_dec(ind->points, false);
		if (res->has_score)
			rw->cell[C_SCORE] = dup_dec(res->score, true);
		rw->cell[C_STATUS] = ps_xstrdup(ps_report_status_word(res->status, r->opts.lang));
	}
	*n_out = n;
	return rows;
}

static const char *status_color(ps_status s)
{
	switch (s) {
	case PS_ST_NEEDS_REVIEW: return RED;
	case PS_ST_MISSING: return YELLOW;
	default: return NULL;
	}
}

/* Column widths: each column as wide as its widest cell, the target and
 * actual columns capped, and the name column shrunk to fit the terminal. */
static void layout(ps_report *r, const row *rows, size_t n, const row *foot, size_t n_foot, size_t *w)
{
	bool en = r->opts.lang == PS_LANG_EN;
	for (int c = 0; c < C__N; c++)
		w[c] = width_of(r, headers[c][en]);
	for (size_t i = 0; i < n + n_foot; i++) {
		const row *rw = i < n ? &rows[i] : &foot[i - n];
		for (int c = 0; c < C__N; c++) {
			size_t cw = width_of(r, rw->cell[c]) + (c == C_NAME ? rw->indent : 0);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	if (w[C_TARGET] > CELL_MAX)
		w[C_TARGET] = CELL_MAX;
	if (w[C_ACTUAL] > CELL_MAX)
		w[C_ACTUAL] = CELL_MAX;
	size_t fixed = 0;
	for (int c = C_TARGET; c < C__N; c++)
		fixed += w[c] + GAP;
	size_t total = (size_t)r->opts.width;
	size_t avail = total > fixed + NAME_MIN ? total - fixed : NAME_MIN;
	if (w[C_NAME] > avail)
		w[C_NAME] = avail;
}

static void free_rows(row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < C__N; c++)
			free(rows[i].cell[c]);
	free(rows);
}

static int table_begin(ps_report *r)
{
	return PS_OK;
}

static int table_unit(ps_report *r, const ps_unit_result *u)
{
	bool en = r->opts.lang == PS_LANG_EN;
	ps_buf b = PS_BUF_INIT;
	size_t n = 0;
	row *rows = build_rows(r, u, &n);
	row foot[2] = {{{NULL}, 0, NULL, false, false}, {{NULL}, 0, NULL, false, false}};
	size_t n_foot = 1;
	foot[0].cell[C_NAME] = ps_xstrdup(word(r, W_TOTAL));
	foot[0].cell[C_POINTS] = dup_dec(u->points_total, false);
	foot[0].cell[C_SCORE] = dup_dec(u->total, true);
	if (u->points_applicable != PS_DEC(100)) {
		foot[1].cell[C_NAME] = ps_xstrdup(word(r, W_TOTAL_100));
		foot[1].cell[C_SCORE] = dup_dec(u->total_100, true);
		n_foot = 2;
	}
	size_t w[C__N];
	layout(r, rows, n, foot, n_foot, w);
	size_t line_w = 0;
	for (int c = 0; c < C__N; c++)
		line_w += w[c] + (c ? GAP : 0);

	if (r->n_units)
		ps_buf_addc(&b, '\n');
	const char *code = u->unit ? u->unit->code : "", *name = u->unit ? u->unit->name : "";
	if (code[0] || name[0]) {
		if (r->opts.color)
			ps_buf_adds(&b, BOLD);
		ps_buf_printf(&b, "%s%s%s", code, code[0] && name[0] ? "  " : "", name);
		if (r->opts.color)
			ps_buf_adds(&b, RESET);
		end_line(&b);
	}
	row head = {{NULL}, 0, NULL, false, false};
	const char *bold[C__N] = {BOLD, BOLD, BOLD, BOLD, BOLD, BOLD};
	for (int c = 0; c < C__N; c++)
		head.cell[c] = (char *)headers[c][en];
	put_row(r, &b, &head, w, bold);
	for (size_t i = 0; i < line_w; i++)
		ps_buf_addc(&b, '-');
	end_line(&b);

	for (size_t i = 0; i < n; i++) {
		const row *rw = &rows[i];
		const char *color[C__N] = {NULL};
		if (rw->group && rw->indent == 0)
			color[C_NAME] = BOLD;
		if (rw->res)
			color[C_STATUS] = status_color(rw->res->status);
		put_row(r, &b, rw, w, color);
		if (rw->res && rw->res->explanation && rw->res->explanation[0])
			wrap(r, &b, rw->res->explanation, EXPLAIN_INDENT, (size_t)r->opts.width);
		if (rw->budget && u->budget.explanation[0])
			wrap(r, &b, u->budget.explanation, EXPLAIN_INDENT, (size_t)r->opts.width);
		if (rw->res && rw->res->ind->reason && rw->res->ind->reason[0]) {
			ps_buf t = PS_BUF_INIT;
			ps_buf_adds(&t, word(r, W_REASON));
			ps_buf_adds(&t, rw->res->ind->reason);
			wrap(r, &b, t.s, EXPLAIN_INDENT, (size_t)r->opts.width);
			ps_buf_dispose(&t);
		}
	}

	for (size_t i = 0; i < line_w; i++)
		ps_buf_addc(&b, '-');
	end_line(&b);
	for (size_t i = 0; i < n_foot; i++)
		put_row(r, &b, &foot[i], w, NULL);
	if (u->capped) {
		report_cap_note(&b, u, r->opts.lang);
		end_line(&b);
	}
	ps_buf_printf(&b, "%s%s", word(r, W_GRADE), report_grade(u->grade, r->opts.lang));
	end_line(&b);
	if (!u->final) {
		if (r->opts.color)
			ps_buf_adds(&b, RED);
		ps_buf_adds(&b, word(r, W_NOT_FINAL));
		report_not_final(&b, u, r->opts.lang);
		if (r->opts.color)
			ps_buf_adds(&b, RESET);
		end_line(&b);
	}

	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	free_rows(rows, n);
	for (size_t i = 0; i < 2; i++)
		for (int c = 0; c < C__N; c++)
			free(foot[i].cell[c]);
	return rc;
}

static int table_end(ps_report *r, const ps_diags *warnings)
{
	size_t nw = report_count_warnings(warnings);
	if (!nw)
		return PS_OK;
	ps_buf b = PS_BUF_INIT;
	ps_buf_addc(&b, '\n');
	ps_buf_printf(&b, word(r, W_WARNINGS), nw);
	end_line(&b);
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

const report_ops report_table_ops = {table_begin, table_unit, table_end};
