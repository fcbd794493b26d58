/* check.c: findings about rules and units before any actual value exists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/check.h"
#include "perfscore/text.h"

/* "85", "target" */
static void bound_text(char *out, size_t n, const ps_bound *b)
{
	if (b->is_target)
		snprintf(out, n, "target");
	else
		ps_dec_format(out, n, b->v, 0, 6);
}

typedef struct {
	const ps_clause *cl;
} tier;

/* Lower bound order: unbounded first, then by value, inclusive first. */
static int tier_cmp(const void *pa, const void *pb)
{
	const ps_clause *a = ((const tier *)pa)->cl, *b = ((const tier *)pb)->cl;
	if (!a->lo.set || !b->lo.set)
		return (a->lo.set ? 1 : 0) - (b->lo.set ? 1 : 0);
	if (a->lo.v != b->lo.v)
		return a->lo.v < b->lo.v ? -1 : 1;
	return (b->lo.incl ? 1 : 0) - (a->lo.incl ? 1 : 0);
}

/* Gaps and overlaps between the numeric tiers of a rule. Values below the
 * lowest tier or above the highest count as gaps unless another clause
 * (a per-step deduction, proportional scoring) covers that side. */
static void check_tiers(const ps_rule *r, const ps_indicator *ind, ps_pos pos, ps_diags *f)
{
	tier *t = ps_xmalloc((r->n + 1) * sizeof *t);
	size_t n = 0;
	bool step_below = false, step_above = false, prop = false;
	for (size_t i = 0; i < r->n; i++) {
		const ps_clause *cl = &r->v[i];
		if (cl->kind == PS_CL_RANGE && !cl->lo.is_target && !cl->hi.is_target && (cl->lo.set || cl->hi.set))
			t[n++].cl = cl;
		if (cl->kind == PS_CL_STEP && cl->dir <= 0)
			step_below = true;
		if (cl->kind == PS_CL_STEP && cl->dir >= 0)
			step_above = true;
		if (cl->kind == PS_CL_PROP)
			prop = true;
	}
	if (n == 0) {
		free(t);
		return;
	}
	qsort(t, n, sizeof *t, tier_cmp);
	char a[40], b[40];
	/* below the lowest tier */
	const ps_clause *lo = t[0].cl;
	bool pct = ps_unit_is_percent(ind->unit) || lo->lo.pct || lo->hi.pct;
	if (lo->lo.set && !step_below && !prop && (lo->lo.v > 0 || (lo->lo.v == 0 && !lo->lo.incl))) {
		bound_text(a, sizeof a, &lo->lo);
		ps_diags_add(f, PS_D_TIER_GAP, pos, "tiers say nothing about values below %s%s: the national default will apply",
		             a, pct ? "%" : "");
	}
	/* the highest upper bound so far, walking tiers in order */
	ps_bound reach = t[0].cl->hi;
	bool reach_inf = !t[0].cl->hi.set;
	for (size_t i = 1; i < n && !reach_inf; i++) {
		const ps_clause *cl = t[i].cl;
		if (!cl->lo.set) {
			/* x<v after another tier: overlaps everything below it */
			bound_text(a, sizeof a, &cl->hi);
			ps_diags_add(f, PS_D_TIER_OVERLAP, pos, "tier “below %s” overlaps the tiers before it", a);
		} else if (cl->lo.v > reach.v || (cl->lo.v == reach.v && !cl->lo.incl && !reach.incl)) {
			bound_text(a, sizeof a, &reach);
			bound_text(b, sizeof b, &cl->lo);
			if (cl->lo.v == reach.v)
				ps_diags_add(f, PS_D_TIER_GAP, pos, "tiers say nothing about exactly %s%s", a, pct ? "%" : "");
			else
				ps_diags_add(f, PS_D_TIER_GAP, pos, "tiers say nothing about %s%s–%s%s", a, pct ? "%" : "", b,
				             pct ? "%" : "");
		} else if (cl->lo.v < reach.v || (cl->lo.v == reach.v && cl->lo.incl && reach.incl)) {
			bound_text(a, sizeof a, &cl->lo);
			bound_text(b, sizeof b, &reach);
			if (cl->lo.v == reach.v)
				ps_diags_add(f, PS_D_TIER_OVERLAP, pos, "two tiers both include %s%s: the first one listed wins", a,
				             pct ? "%" : "");
			else
				ps_diags_add(f, PS_D_TIER_OVERLAP, pos, "tiers overlap between %s%s and %s%s: the first one listed wins",
				             a, pct ? "%" : "", b, pct ? "%" : "");
		}
		if (!cl->hi.set)
			reach_inf = true;
		else if (cl->hi.v > reach.v || (cl->hi.v == reach.v && cl->hi.incl))
			reach = cl->hi;
	}
	/* above the highest tier: a ≤ indicator or a rate capped at 100 may not need it */
	if (!reach_inf && !step_above && !prop) {
		bool capped = pct && reach.v >= PS_DEC(100) && reach.incl;
		if (!capped) {
			bound_text(a, sizeof a, &reach);
			ps_diags_add(f, PS_D_TIER_GAP, pos, "tiers say nothing about values above %s%s: the national default will apply",
			             a, pct ? "%" : "");
		}
	}
	free(t);
}

/* The threshold at which the rule gives full marks, if it says one. */
static const ps_clause *full_clause(const ps_rule *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == PS_CL_RANGE && r->v[i].award.kind == PS_AW_FULL)
			return &r->v[i];
	return NULL;
}

void ps_check_rule(const ps_rule *r, const ps_indicator *ind, ps_pos pos, ps_diags *f)
{
	if (!r->ok)
		return; /* compiling said where and why */
	if (ps_rule_has(r, PS_CL_MANUAL)) {
		ps_diags_add(f, PS_D_RULE_MANUAL, pos, "discretionary rule: a person must give the score");
		return;
	}
	check_tiers(r, ind, pos, f);
	bool le = ind->cmp == PS_CMP_LE || ind->cmp == PS_CMP_LT;
	bool ge = ind->cmp == PS_CMP_GE || ind->cmp == PS_CMP_GT;
	for (size_t i = 0; i < r->n; i++) {
		const ps_clause *cl = &r->v[i];
		if (cl->kind == PS_CL_STEP && cl->step_unit < PS_SU_DAY) {
			if (le && cl->dir < 0)
				ps_diags_add(f, PS_D_RULE_CMP_CONFLICT, pos,
				             "the rule deducts for falling short, but the indicator is “%s” (lower is better)",
				             ps_cmp_symbol(ind->cmp));
			if (ge && cl->dir > 0)
				ps_diags_add(f, PS_D_RULE_CMP_CONFLICT, pos,
				             "the rule deducts for exceeding, but the indicator is “%s” (higher is better)",
				             ps_cmp_symbol(ind->cmp));
		}
		if ((cl->kind == PS_CL_RANGE || cl->kind == PS_CL_GRADE || cl->kind == PS_CL_BOOL) &&
		    cl->award.kind == PS_AW_POINTS && ind->has_points && cl->award.v > ind->points) {
			char a[40], b[40];
			ps_dec_format(a, sizeof a, cl->award.v, 0, 6);
			ps_dec_format(b, sizeof b, ind->points, 0, 6);
			ps_diags_add(f, PS_D_RULE_TARGET_CONFLICT, pos, "the rule awards %s points but the indicator has %s", a, b);
		}
	}
	const ps_clause *fc = full_clause(r);
	if (fc) {
		if (le && fc->lo.set && !fc->hi.set)
			ps_diags_add(f, PS_D_RULE_CMP_CONFLICT, pos,
			             "the rule gives full marks at or above a value, but the indicator is “%s”",
			             ps_cmp_symbol(ind->cmp));
		if (ge && fc->hi.set && !fc->lo.set)
			ps_diags_add(f, PS_D_RULE_CMP_CONFLICT, pos,
			             "the rule gives full marks at or below a value, but the indicator is “%s”",
			             ps_cmp_symbol(ind->cmp));
		const ps_bound *th = ge || ind->cmp == PS_CMP_EQ || ind->cmp == PS_CMP_NONE ? &fc->lo : &fc->hi;
		if (!th->set)
			th = fc->lo.set ? &fc->lo : &fc->hi;
		bool rate = th->pct && !ps_unit_is_percent(ind->unit); /* 完成率 on a count */
		if (th->set && !th->is_target && !rate && ind->target.kind == PS_V_NUMBER && th->v != ind->target.num) {
			char a[40], b[40];
			ps_dec_format(a, sizeof a, th->v, 0, 6);
			ps_dec_format(b, sizeof b, ind->target.num, 0, 6);
			ps_diags_add(f, PS_D_RULE_TARGET_CONFLICT, pos,
			             "the rule's full-score threshold %s differs from the target %s", a, b);
		}
	}
	/* rules that measure against the target need one */
	bool needs_target = ps_rule_has(r, PS_CL_PROP);
	for (size_t i = 0; i < r->n; i++) {
		const ps_clause *cl = &r->v[i];
		if (cl->kind == PS_CL_STEP && cl->step_unit < PS_SU_DAY && !cl->base.set && !fc)
			needs_target = true;
		if ((cl->lo.is_target && cl->lo.set) || (cl->hi.is_target && cl->hi.set) || cl->base.is_target)
			needs_target = true;
	}
	if (needs_target && ind->target.kind != PS_V_NUMBER)
		ps_diags_add(f, PS_D_MISSING_FIELD, pos, "the rule measures against the target, but the target “%s” is not a number",
		             ind->target_text);
}

void ps_check_unit(const ps_unit *u, ps_rule_cache *cache, ps_diags *f)
{
	ps_dec sum = 0;
	bool missing = false;
	for (size_t i = 0; i < u->n; i++) {
		const ps_indicator *ind = &u->v[i];
		if (ind->has_points)
			sum += ind->points;
		else {
			missing = true;
			ps_diags_add(f, PS_D_BAD_POINTS, ind->pos, "“%s” has no points (分值)", ind->name);
		}
		const char *text = ind->rule_dsl[0] ? ind->rule_dsl : ind->rule_text;
		if (!text[0]) {
			ps_diags_add(f, PS_D_RULE_DEFAULT, ind->pos, "“%s” has no scoring rule: the national default will apply",
			             ind->name);
			continue;
		}
		const ps_rule *r = ps_rule_cache_get(cache, text, strlen(text), ind->rule_dsl[0] != '\0', ind->pos, f);
		ps_check_rule(r, ind, ind->pos, f);
	}
	if (u->n > 0 && !missing && sum != PS_DEC(100)) {
		char a[40];
		ps_dec_format(a, sizeof a, sum, 0, 6);
		ps_diags_add(f, PS_D_POINTS_SUM, u->pos, "the points of unit %s add up to %s, not 100: totals will also be given in 百分制",
		             u->code[0] ? u->code : "(none)", a);
	}
}
