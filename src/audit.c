/* audit.c: a filled self-evaluation checked against perfscore's own scores
 * (SPEC §6.7, docs/audit.md). Works on a scored unit: the given 得分 rides
 * on each indicator, the 预算执行率 得分 on the 项目资金 block, the 总分 on
 * the stated total row. All message text is in the table below. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/audit.h"
#include "perfscore/text.h"

static const char *const kind_names[PS_AUD__COUNT] = {
	[PS_AUD_SCORE] = "score_differs", [PS_AUD_REVERSE] = "reverse_scored", [PS_AUD_BUDGET] = "budget_differs",
	[PS_AUD_TOTAL] = "total_differs", [PS_AUD_POINTS] = "points_differ", [PS_AUD_RECOMPUTED] = "total_recomputed",
	[PS_AUD_NO_REASON] = "no_reason", [PS_AUD_NO_SCORE] = "no_given_score", [PS_AUD_UNCHECKED] = "unchecked",
};

const char *ps_audit_kind_name(ps_audit_kind k)
{
	return (unsigned)k < PS_AUD__COUNT ? kind_names[k] : "unknown";
}

static const char *const verdict_names[] = {
	[PS_AV_MATCH] = "match", [PS_AV_DIFFERS] = "differs", [PS_AV_KEPT] = "kept",
	[PS_AV_UNCHECKED] = "unchecked", [PS_AV_NO_GIVEN] = "no_given_score", [PS_AV_NA] = "not_applicable",
};

const char *ps_audit_verdict_name(ps_audit_verdict v)
{
	return (unsigned)v < sizeof verdict_names / sizeof *verdict_names ? verdict_names[v] : "unknown";
}

enum {
	A_SCORE, A_REVERSE, A_BUDGET, A_TOTAL, A_POINTS, A_RECOMPUTED, A_RECOMPUTED_100, A_NO_REASON, A_NO_SCORE,
	A_UNCHECKED, A_KEPT_NONE, A_BECAUSE, A__N
};

/* [zh, en]; arguments are strings, in the same order in both. */
static const char *const msgs[A__N][2] = {
	[A_SCORE] = {"“%s”：给定得分%s分，应为%s分（差%s分）", "\"%s\": given %s, computed %s (difference %s)"},
	[A_REVERSE] = {"“%s”：反向指标（%s）按正向计分：给定%s分即实际÷目标×分值（%s÷%s×%s）；越低越好，应为%s分（差%s分）",
	               "\"%s\": a reverse (%s) indicator scored as if higher were better: the given %s is actual ÷ "
	               "target × points (%s÷%s×%s); lower is better, so it is %s (difference %s)"},
	[A_BUDGET] = {"预算执行率：给定得分%s分，应为%s分（差%s分）", "budget execution rate: given %s, computed %s (difference %s)"},
	[A_TOTAL] = {"表内总分%s分与各项得分之和%s分不符（差%s分）", "the table's total %s is not the sum of its scores %s (difference %s)"},
	[A_POINTS] = {"表内分值合计%s分与各项分值之和%s分不符（差%s分）",
	              "the table's points total %s is not the sum of its points %s (difference %s)"},
	[A_RECOMPUTED] = {"自评总分%s分，重新计算为%s分（差%s分）", "the unit's total %s, recomputed %s (difference %s)"},
	[A_RECOMPUTED_100] = {"自评总分%s分，重新计算为百分制%s分（差%s分）", "the unit's total %s, recomputed out of 100: %s (difference %s)"},
	[A_NO_REASON] = {"“%s”：得分%s分低于满分%s分，未填写偏差原因", "\"%s\": %s is below full marks %s and no reason for the deviation is given"},
	[A_NO_SCORE] = {"“%s”：表内未填得分（计算得分%s分）", "\"%s\": no score in the table (computed %s)"},
	[A_UNCHECKED] = {"“%s”：给定得分%s分无法核对（%s）", "\"%s\": the given %s cannot be checked (%s)"},
	[A_KEPT_NONE] = {"“%s”：规则需人工评分，表内未填得分", "\"%s\": the rule needs a person's score and the table gives none"},
	[A_BECAUSE] = {"。计算依据：%s", ". Computed: %s"},
};

typedef struct {
	ps_audit *a;
	int en;
	int decimals;
} ctx;

static const char *num(char buf[40], ps_dec v)
{
	ps_dec_format(buf, 40, v, 0, 6);
	return buf;
}

static ps_dec absd(ps_dec v)
{
	return v < 0 ? -v : v;
}

static ps_audit_finding *add(ctx *c, ps_audit_kind kind, size_t index, ps_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static ps_audit_finding *add(ctx *c, ps_audit_kind kind, size_t index, ps_pos pos, const char *fmt, ...)
{
	ps_audit *a = c->a;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = ps_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	ps_audit_finding *f = &a->v[a->n++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->index = index;
	f->pos = pos;
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	size_t size = (size_t)(n > 0 ? n : 0) + 1;
	f->message = ps_xmalloc(size);
	vsnprintf(f->message, size, fmt, ap);
	va_end(ap);
	return f;
}

/* given − computed, marking the finding over the tolerance. */
static void compare(ctx *c, ps_audit_finding *f, ps_dec given, ps_dec computed)
{
	f->has_given = f->has_computed = true;
	f->given = given;
	f->computed = computed;
	f->diff = given - computed;
	f->over = absd(f->diff) > c->a->tolerance;
	if (f->over)
		c->a->n_diff++;
}

static void append(ps_audit_finding *f, const char *fmt, const char *arg)
{
	if (!arg || !*arg)
		return;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, f->message);
	ps_buf_printf(&b, fmt, arg);
	free(f->message);
	f->message = ps_buf_detach(&b);
}

/* A reverse (≤) indicator whose given score is what actual ÷ target ×
 * points gives, the forward formula, while the computed score is not. */
static bool reverse_scored(ctx *c, const ps_ind_result *r, ps_dec given, ps_dec *fwd)
{
	const ps_indicator *ind = r->ind;
	ps_cmp cmp = ind->cmp != PS_CMP_NONE ? ind->cmp : ind->target.cmp;
	if (cmp != PS_CMP_LE && cmp != PS_CMP_LT)
		return false;
	if (ind->target.kind != PS_V_NUMBER || ind->target.num <= 0 || !ind->has_points)
		return false;
	ps_value act;
	const char *t = ind->actual_text ? ind->actual_text : "";
	ps_value_parse(&act, t, strlen(t));
	if (act.kind != PS_V_NUMBER || act.num < 0)
		return false;
	ps_dec ratio = ps_dec_min(ps_dec_muldiv(act.num, PS_DEC(1), ind->target.num, NULL), PS_DEC(1));
	*fwd = ps_dec_round(ps_dec_mul(ratio, ind->points), c->decimals);
	return absd(given - *fwd) <= c->a->tolerance && absd(*fwd - r->score) > c->a->tolerance;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	return ps_trim(&s, strlen(s)) == 0;
}

static void audit_row(ctx *c, size_t i)
{
	ps_audit *a = c->a;
	const ps_ind_result *r = &a->res->v[i];
	const ps_indicator *ind = r->ind;
	ps_audit_row *row = &a->rows[i];
	int en = c->en;
	char g[40], s[40], d[40], p[40], x[40], y[40];
	row->has_given = ind->has_given_score;
	row->given = ind->given_score;
	if (row->has_given) {
		a->has_given_sum = true;
		a->given_sum += ind->given_score;
	}
	if (r->status == PS_ST_NOT_APPLICABLE) {
		row->verdict = PS_AV_NA;
		return;
	}
	if (r->status == PS_ST_MANUAL) {
		row->verdict = PS_AV_KEPT;
		if (!r->has_score)
			add(c, PS_AUD_NO_SCORE, i, ind->pos, msgs[A_KEPT_NONE][en], ind->name);
	} else if (!r->has_score) {
		row->verdict = PS_AV_UNCHECKED;
		if (row->has_given) {
			ps_audit_finding *f = add(c, PS_AUD_UNCHECKED, i, ind->pos, msgs[A_UNCHECKED][en], ind->name,
			                          num(g, row->given), r->explanation);
			f->has_given = true;
			f->given = row->given;
		}
	} else if (!row->has_given) {
		row->verdict = PS_AV_NO_GIVEN;
		ps_audit_finding *f = add(c, PS_AUD_NO_SCORE, i, ind->pos, msgs[A_NO_SCORE][en], ind->name,
		                          num(s, r->score));
		f->has_computed = true;
		f->computed = r->score;
	} else {
		row->diff = row->given - r->score;
		row->verdict = absd(row->diff) > a->tolerance ? PS_AV_DIFFERS : PS_AV_MATCH;
		if (row->verdict == PS_AV_DIFFERS) {
			ps_dec fwd;
			ps_audit_finding *f;
			num(g, row->given), num(s, r->score), num(d, row->diff);
			if (reverse_scored(c, r, row->given, &fwd)) {
				ps_value act;
				ps_value_parse(&act, ind->actual_text, strlen(ind->actual_text));
				ps_cmp cmp = ind->cmp != PS_CMP_NONE ? ind->cmp : ind->target.cmp;
				f = add(c, PS_AUD_REVERSE, i, ind->pos, msgs[A_REVERSE][en], ind->name, ps_cmp_symbol(cmp), g,
				        num(x, act.num), num(y, ind->target.num), num(p, ind->points), s, d);
			} else {
				f = add(c, PS_AUD_SCORE, i, ind->pos, msgs[A_SCORE][en], ind->name, g, s, d);
				append(f, msgs[A_BECAUSE][en], r->explanation);
			}
			compare(c, f, row->given, r->score);
		}
	}
	/* Below full marks, the form asks why (偏差原因分析). */
	bool has = row->has_given || r->has_score;
	ps_dec shown = row->has_given ? row->given : r->score;
	if (has && ind->has_points && shown < ind->points && blank(ind->reason)) {
		ps_audit_finding *f = add(c, PS_AUD_NO_REASON, i, ind->pos, msgs[A_NO_REASON][en], ind->name,
		                          num(g, shown), num(p, ind->points));
		f->has_given = row->has_given;
		f->given = row->given;
	}
}

static void audit_budget(ctx *c)
{
	ps_audit *a = c->a;
	const ps_budget_result *b = &a->res->budget;
	if (!b->block || !b->block->has_score)
		return;
	a->has_given_sum = true;
	a->given_sum += b->block->score;
	if (!b->has_score || absd(b->block->score - b->score) <= a->tolerance)
		return;
	char g[40], s[40], d[40];
	ps_audit_finding *f = add(c, PS_AUD_BUDGET, PS_AUDIT_UNIT, b->block->pos, msgs[A_BUDGET][c->en],
	                          num(g, b->block->score), num(s, b->score), num(d, b->block->score - b->score));
	append(f, msgs[A_BECAUSE][c->en], b->explanation);
	compare(c, f, b->block->score, b->score);
}

/* The table's own 合计 row, and the unit's total against the computed one. */
static void audit_totals(ctx *c)
{
	ps_audit *a = c->a;
	const ps_unit_result *u = a->res;
	const ps_stated_total *st = &a->stated;
	char g[40], s[40], d[40];
	if (st->present && st->has_points) {
		ps_dec sum = 0;
		for (size_t i = 0; i < u->n; i++)
			if (u->v[i].ind->has_points)
				sum += u->v[i].ind->points;
		if (u->budget.block)
			sum += u->budget.points;
		if (absd(st->points - sum) > a->tolerance) {
			ps_audit_finding *f = add(c, PS_AUD_POINTS, PS_AUDIT_UNIT, st->pos, msgs[A_POINTS][c->en],
			                          num(g, st->points), num(s, sum), num(d, st->points - sum));
			compare(c, f, st->points, sum);
		}
	}
	if (st->present && st->has_score && a->has_given_sum && absd(st->score - a->given_sum) > a->tolerance) {
		ps_audit_finding *f = add(c, PS_AUD_TOTAL, PS_AUDIT_UNIT, st->pos, msgs[A_TOTAL][c->en],
		                          num(g, st->score), num(s, a->given_sum), num(d, st->score - a->given_sum));
		compare(c, f, st->score, a->given_sum);
	}
	/* The unit's own total (its 总分, else the sum of its scores) against
	 * the final one, when perfscore's total is final. */
	bool has = st->present && st->has_score;
	ps_dec given = has ? st->score : a->given_sum;
	if ((!has && !a->has_given_sum) || !u->final)
		return;
	ps_dec computed = u->total_100;
	if (absd(given - computed) <= a->tolerance)
		return;
	bool in100 = u->points_applicable != PS_DEC(100) || u->capped;
	ps_audit_finding *f = add(c, PS_AUD_RECOMPUTED, PS_AUDIT_UNIT, has ? st->pos : u->unit ? u->unit->pos : PS_POS_NONE,
	                          msgs[in100 ? A_RECOMPUTED_100 : A_RECOMPUTED][c->en], num(g, given), num(s, computed),
	                          num(d, given - computed));
	compare(c, f, given, computed);
}

void ps_audit_unit(ps_audit *out, const ps_unit_result *res, const ps_stated_total *stated,
                   const ps_audit_options *opts)
{
	ps_audit_options def = PS_AUDIT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	memset(out, 0, sizeof *out);
	out->res = res;
	out->tolerance = opts->tolerance < 0 ? 0 : opts->tolerance;
	out->rows = ps_xcalloc(res->n ? res->n : 1, sizeof *out->rows);
	if (stated)
		out->stated = *stated;
	ctx c = {out, opts->lang == PS_LANG_EN, opts->decimals};
	audit_budget(&c); /* the 项目资金 block comes first in the table */
	for (size_t i = 0; i < res->n; i++)
		audit_row(&c, i);
	audit_totals(&c);
}

void ps_audit_dispose(ps_audit *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++)
		free(a->v[i].message);
	free(a->v);
	free(a->rows);
	memset(a, 0, sizeof *a);
}
