/* score.h: apply compiled rules to actual values: per-indicator scores with an
 * explanation in words, subtotals per 一级指标, total, 百分制 and grade. */
#ifndef PERFSCORE_SCORE_H
#define PERFSCORE_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include "dec.h"
#include "diag.h"
#include "policy.h"
#include "rule.h"
#include "table.h"

typedef enum {
	PS_ST_SCORED = 0,     /* computed from the rule */
	PS_ST_DEFAULT_RULE,   /* computed by the national default (no rule, or the
	                       * rule does not cover the actual value) */
	PS_ST_MANUAL,         /* a person's score kept (rule needs a human) */
	PS_ST_MISSING,        /* no actual value */
	PS_ST_NOT_APPLICABLE, /* 不适用: left out of the total */
	PS_ST_NEEDS_REVIEW    /* the rule or the value could not be understood */
} ps_status;

const char *ps_status_name(ps_status s); /* "scored", "default_rule", ... */

typedef enum { PS_LANG_ZH = 0, PS_LANG_EN } ps_lang;

/* One indicator's result. Strings owned by the result. */
typedef struct {
	const ps_indicator *ind;  /* borrowed from the table */
	ps_status status;
	bool has_score;           /* false for missing / needs_review / NA */
	ps_dec score;             /* rounded half-up to policy decimals */
	ps_dec bonus;             /* bonus points the rule would add (reported only) */
	char *canonical;          /* canonical form of the rule used ("" if none) */
	ps_rule_source rule_source;
	char *explanation;        /* in words, in the chosen language */
	/* strlen of canonical and of explanation, so writers need not count
	 * them again; 0 when not known (a writer then counts) */
	size_t canonical_len, explanation_len;
	/* explanation and canonical live in the block of the unit result
	 * (ps_score_unit_budget): ps_ind_result_dispose leaves them to
	 * ps_unit_result_dispose */
	bool in_block;
} ps_ind_result;

typedef struct {
	const char *level1;       /* borrowed */
	ps_dec points, score;     /* applicable points; sum of rounded scores */
} ps_subtotal;

/* The 预算执行率 row of a unit's 项目资金 block (SPEC §6.5): 全年执行数 ÷
 * 全年预算数, capped at 100%, times its points. */
typedef struct {
	const ps_budget *block;   /* borrowed; NULL when the unit has no block */
	bool scored;              /* counted in the totals (policy budget_rate) */
	bool has_rate;            /* 全年预算数 > 0: the rate exists */
	ps_dec rate;              /* 执行率 in percent, 2 decimals, not capped (102.59) */
	ps_dec points;            /* the block's 分值, else the policy's budget points */
	bool has_score;
	ps_dec score;             /* min(rate, 100%) × points, rounded like an indicator */
	char *explanation;        /* owned; "" when there is no block */
} ps_budget_result;

typedef struct {
	const ps_unit *unit;      /* borrowed */
	ps_ind_result *v;
	size_t n;
	ps_subtotal *sub;
	size_t n_sub;
	ps_dec points_total;      /* all points in the table */
	ps_dec points_applicable; /* without not-applicable indicators */
	ps_dec total;             /* sum of rounded indicator scores */
	ps_dec total_100;         /* total in 百分制 (over applicable points) */
	const char *grade;        /* 优 良 中 差 (static) */
	bool final;               /* no indicator missing or needing review */
	size_t n_review, n_missing, n_manual;
	/* Added with the 项目资金 block: when budget.scored, its points are in
	 * points_total and points_applicable and its score in total (the
	 * subtotals stay per 一级指标). */
	ps_budget_result budget;
	bool capped;              /* policy exec_cap lowered total_100 (and the grade) */
	ps_dec cap;               /* the cap that applied */
	ps_dec total_100_uncapped;/* total_100 before the cap (= total_100 when not capped) */
	/* owned: one allocation for the texts of every row (v[i].in_block)
	 * and, without a 项目资金 block, the budget's empty explanation
	 * (its last byte); NULL when none; block_len bytes */
	char *block;
	size_t block_len;
} ps_unit_result;

typedef struct {
	const ps_policy *policy;
	ps_lang lang;
	ps_rule_cache *cache;     /* borrowed; compile-once */
} ps_score_ctx;

/* Score one indicator against its (already matched) actual value. Warnings
 * (default rule used, value unreadable...) go to diags at the row's
 * position. Never fails except on OOM. */
void ps_score_indicator(ps_ind_result *out, const ps_indicator *ind, const ps_score_ctx *ctx,
                        ps_diags *diags);

/* Score every indicator of a unit, then subtotals, total and grade. */
void ps_score_unit(ps_unit_result *out, const ps_unit *unit, const ps_score_ctx *ctx, ps_diags *diags);

/* The same with the unit's 项目资金 block (NULL or !present: none, as
 * ps_score_unit): the 预算执行率 row is scored into the total when the
 * policy's budget_rate is on, and the policy's exec_cap caps total_100 by
 * its execution rate. `budget` is borrowed by out->budget.block. A block
 * whose 全年预算数 is 0 gives a warning and leaves the unit not final. */
void ps_score_unit_budget(ps_unit_result *out, const ps_unit *unit, const ps_budget *budget,
                          const ps_score_ctx *ctx, ps_diags *diags);

void ps_ind_result_dispose(ps_ind_result *r);
void ps_unit_result_dispose(ps_unit_result *r);

/* Score one rule against one value with the given context (used by
 * `explain`): fills out like ps_score_indicator. */
void ps_score_explain(ps_ind_result *out, const ps_rule *rule, const ps_indicator *ctx_ind,
                      const ps_score_ctx *ctx, ps_diags *diags);

#endif
