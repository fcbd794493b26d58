/* rule_ast.c: life cycle and structural comparison of rule ASTs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "rule_int.h"

/* ok until something fails: an empty rule (n == 0) is a readable rule that
 * says nothing, and the scorer falls to the national default for it. */
ps_rule *ps_rule_new(void)
{
	ps_rule *r = ps_xcalloc(1, sizeof *r);
	r->ok = true;
	return r;
}

/* The word is copied so that compilers may build clauses on the stack. */
ps_clause *ps_rule_push(ps_rule *r, const ps_clause *c)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4;
		r->v = ps_xrealloc(r->v, r->cap * sizeof *r->v);
	}
	ps_clause *d = &r->v[r->n++];
	*d = *c;
	d->word = c->word ? ps_xstrdup(c->word) : NULL;
	return d;
}

void ps_rule_vfail(ps_rule *r, uint32_t pos, const char *fmt, va_list ap)
{
	if (!r->ok)
		return;
	r->ok = false;
	r->err_pos = pos;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	r->err_msg = ps_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	r->err_msg[0] = '\0';
	if (n > 0)
		vsnprintf(r->err_msg, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
}

void ps_rule_fail(ps_rule *r, uint32_t pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps_rule_vfail(r, pos, fmt, ap);
	va_end(ap);
}

void ps_rule_free(ps_rule *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].word);
	free(r->v);
	free(r->err_msg);
	free(r);
}

ps_rule *ps_rule_clone(const ps_rule *r)
{
	ps_rule *c = ps_rule_new();
	for (size_t i = 0; i < r->n; i++)
		ps_rule_push(c, &r->v[i]);
	c->ok = r->ok;
	c->err_pos = r->err_pos;
	c->err_msg = r->err_msg ? ps_xstrdup(r->err_msg) : NULL;
	c->err_zh = r->err_zh;
	c->typo = r->typo;
	c->source = r->source;
	return c;
}

bool ps_rule_has(const ps_rule *r, ps_clause_kind k)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (r->v[i].kind == k)
			return true;
	return false;
}

/* An unset bound carries nothing; a target bound has no number. */
static bool bound_eq(const ps_bound *a, const ps_bound *b, bool use_incl)
{
	if (a->set != b->set)
		return false;
	if (!a->set)
		return true;
	if (use_incl && a->incl != b->incl)
		return false;
	if (a->is_target != b->is_target)
		return false;
	return a->is_target || (a->v == b->v && a->pct == b->pct);
}

static bool award_eq(const ps_award *a, const ps_award *b)
{
	return a->kind == b->kind && (a->kind == PS_AW_FULL || a->v == b->v);
}

static bool is_time_unit(ps_step_unit u)
{
	return u == PS_SU_DAY || u == PS_SU_MONTH || u == PS_SU_YEAR;
}

/* Only the fields the printer writes for each kind take part: that is exactly
 * what survives print → parse. Signs of dir are compared, not magnitudes. */
bool ps_clause_equal(const ps_clause *a, const ps_clause *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case PS_CL_RANGE:
		return bound_eq(&a->lo, &b->lo, true) && bound_eq(&a->hi, &b->hi, true) &&
		       award_eq(&a->award, &b->award);
	case PS_CL_GRADE:
		return strcmp(a->word ? a->word : "", b->word ? b->word : "") == 0 &&
		       award_eq(&a->award, &b->award);
	case PS_CL_BOOL:
		return a->yes == b->yes && award_eq(&a->award, &b->award);
	case PS_CL_DATE:
		if (a->dir != b->dir || a->m != b->m || !award_eq(&a->award, &b->award))
			return false;
		return a->m == 0 || (a->y == b->y && a->d == b->d);
	case PS_CL_STEP:
		if (a->step != b->step || a->step_unit != b->step_unit || a->whole_steps != b->whole_steps ||
		    a->amount != b->amount || (a->dir > 0) - (a->dir < 0) != (b->dir > 0) - (b->dir < 0))
			return false;
		/* a late step names its deadline, "target", or nothing */
		if (is_time_unit(a->step_unit)) {
			if (a->m != b->m || (a->m && (a->y != b->y || a->d != b->d)))
				return false;
			if (a->m)
				return true;
			return (a->base.set && a->base.is_target) == (b->base.set && b->base.is_target);
		}
		return bound_eq(&a->base, &b->base, false);
	case PS_CL_ITEM:
	case PS_CL_MAXDEDUCT:
	case PS_CL_MIN:
	case PS_CL_BONUS:
		return a->amount == b->amount;
	case PS_CL_PROP:
		return (a->dir > 0) - (a->dir < 0) == (b->dir > 0) - (b->dir < 0) &&
		       bound_eq(&a->base, &b->base, false);
	case PS_CL_MANUAL:
		return true;
	default:
		return false;
	}
}

bool ps_rule_equal(const ps_rule *a, const ps_rule *b)
{
	if (!a || !b)
		return a == b;
	if (a->n != b->n || a->ok != b->ok)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!ps_clause_equal(&a->v[i], &b->v[i]))
			return false;
	return true;
}
