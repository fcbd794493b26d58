/* rule_print.c: the canonical text form of a rule AST (docs/rules.md). The
 * parser in rule_dsl.c reads exactly what this file writes. */
#include <stdio.h>
#include <string.h>
#include "perfscore/text.h"
#include "rule_int.h"

/* Up to 6 decimals, no trailing zeros: the grammar's num. */
static void put_num(ps_buf *b, ps_dec v)
{
	char tmp[40];
	size_t n = ps_dec_format(tmp, sizeof tmp, v, 0, 6);
	ps_buf_add(b, tmp, n);
}

static void put_val(ps_buf *b, const ps_bound *v)
{
	if (v->is_target) {
		ps_buf_adds(b, "target");
	} else {
		put_num(b, v->v);
		if (v->pct)
			ps_buf_addc(b, '%');
	}
}

/* dval: YYYY-MM-DD, YYYY-MM (month only), MM-DD, MM (month only, budget year). */
static void put_date(ps_buf *b, int32_t y, int32_t m, int32_t d)
{
	if (y)
		ps_buf_printf(b, "%04d-%02d", (int)y, (int)m);
	else
		ps_buf_printf(b, "%02d", (int)m);
	if (d)
		ps_buf_printf(b, "-%02d", (int)d);
}

static void put_award(ps_buf *b, const ps_award *a)
{
	if (a->kind == PS_AW_FULL) {
		ps_buf_adds(b, "full");
		return;
	}
	if (a->kind == PS_AW_DEDUCT)
		ps_buf_addc(b, '-');
	put_num(b, a->v);
	if (a->kind == PS_AW_SHARE)
		ps_buf_addc(b, '%');
}

/* [v, v] prints as x=v; the parser reads x=v back as [v, v]. */
static bool same_point(const ps_bound *lo, const ps_bound *hi)
{
	return lo->incl && hi->incl && lo->is_target == hi->is_target && (lo->is_target || lo->v == hi->v);
}

static void put_range(ps_buf *b, const ps_clause *c)
{
	const ps_bound *lo = &c->lo, *hi = &c->hi;
	if (!lo->set && !hi->set) {
		ps_buf_adds(b, "any");
	} else if (lo->set && !hi->set) {
		ps_buf_adds(b, lo->incl ? "x>=" : "x>");
		put_val(b, lo);
	} else if (!lo->set) {
		ps_buf_adds(b, hi->incl ? "x<=" : "x<");
		put_val(b, hi);
	} else if (same_point(lo, hi)) {
		ps_buf_adds(b, "x=");
		put_val(b, lo);
	} else {
		put_val(b, lo);
		ps_buf_adds(b, lo->incl ? "<=x" : "<x");
		ps_buf_adds(b, hi->incl ? "<=" : "<");
		put_val(b, hi);
	}
}

/* Only " and \ are escaped; every other byte (even a newline or invalid
 * UTF-8) is written as is and read back as is. */
static void put_word(ps_buf *b, const char *w)
{
	ps_buf_addc(b, '"');
	for (const char *p = w ? w : ""; *p; p++) {
		if (*p == '"' || *p == '\\')
			ps_buf_addc(b, '\\');
		ps_buf_addc(b, *p);
	}
	ps_buf_addc(b, '"');
}

static const char *const step_suffix[] = {
	[PS_SU_OWN] = "", [PS_SU_PCT] = "%", [PS_SU_PP] = "pp",
	[PS_SU_DAY] = "d", [PS_SU_MONTH] = "mon", [PS_SU_YEAR] = "y",
};

/* A time unit makes the step a "late" step (rule_int.h invariant). */
static void put_step(ps_buf *b, const ps_clause *c)
{
	bool late = c->step_unit == PS_SU_DAY || c->step_unit == PS_SU_MONTH || c->step_unit == PS_SU_YEAR;
	ps_buf_adds(b, "per ");
	put_num(b, c->step);
	if ((unsigned)c->step_unit <= PS_SU_YEAR)
		ps_buf_adds(b, step_suffix[c->step_unit]);
	if (late) {
		ps_buf_adds(b, " late");
		if (c->m) {
			ps_buf_addc(b, ' ');
			put_date(b, c->y, c->m, c->d);
		} else if (c->base.set && c->base.is_target) {
			ps_buf_adds(b, " target");
		}
	} else {
		ps_buf_adds(b, c->dir > 0 ? " above" : c->dir < 0 ? " below" : " off");
		if (c->base.set) {
			ps_buf_addc(b, ' ');
			put_val(b, &c->base);
		}
	}
	if (c->whole_steps)
		ps_buf_adds(b, " whole");
	ps_buf_adds(b, " => -");
	put_num(b, c->amount);
}

static void put_clause(ps_buf *b, const ps_clause *c)
{
	switch (c->kind) {
	case PS_CL_RANGE:
	case PS_CL_GRADE:
	case PS_CL_BOOL:
	case PS_CL_DATE:
		if (c->kind == PS_CL_RANGE) {
			put_range(b, c);
		} else if (c->kind == PS_CL_GRADE) {
			ps_buf_adds(b, "grade ");
			put_word(b, c->word);
		} else if (c->kind == PS_CL_BOOL) {
			ps_buf_adds(b, c->yes ? "yes" : "no");
		} else {
			ps_buf_adds(b, c->dir > 0 ? "date>" : "date<=");
			if (c->m)
				put_date(b, c->y, c->m, c->d);
			else
				ps_buf_adds(b, "target");
		}
		ps_buf_adds(b, " => ");
		put_award(b, &c->award);
		break;
	case PS_CL_STEP:
		put_step(b, c);
		break;
	case PS_CL_ITEM:
		ps_buf_adds(b, "per item => -");
		put_num(b, c->amount);
		break;
	case PS_CL_PROP:
		ps_buf_adds(b, "prop");
		if (c->dir)
			ps_buf_adds(b, c->dir < 0 ? " inverse" : " direct");
		if (c->base.set) {
			ps_buf_adds(b, " from ");
			put_val(b, &c->base);
		}
		break;
	case PS_CL_MAXDEDUCT:
		ps_buf_adds(b, "maxdeduct ");
		put_num(b, c->amount);
		break;
	case PS_CL_MIN:
		ps_buf_adds(b, "min ");
		put_num(b, c->amount);
		break;
	case PS_CL_BONUS:
		ps_buf_adds(b, "bonus ");
		put_num(b, c->amount);
		break;
	case PS_CL_MANUAL:
	default:
		ps_buf_adds(b, "manual");
		break;
	}
}

/* A rule that is not ok prints "?" first, so that what was read can be shown
 * without ever being taken for a usable rule. */
char *ps_rule_print(const ps_rule *r)
{
	ps_buf b = PS_BUF_INIT;
	if (!r->ok) {
		ps_buf_addc(&b, '?');
		if (r->n)
			ps_buf_addc(&b, ' ');
	}
	for (size_t i = 0; i < r->n; i++) {
		if (i)
			ps_buf_adds(&b, "; ");
		put_clause(&b, &r->v[i]);
	}
	return ps_buf_detach(&b);
}
