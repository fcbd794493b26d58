/* score_int.h: private: the trace of how one score came about. score.c fills
 * it while it computes; explain.c turns it into words (zh/en). */
#ifndef PERFSCORE_SCORE_INT_H
#define PERFSCORE_SCORE_INT_H

#include "perfscore/score.h"

typedef enum {
	PS_TR_NA = 0,      /* not applicable (flag or actual "不适用") */
	PS_TR_MISSING,     /* no actual value */
	PS_TR_NO_POINTS,   /* the indicator has no points */
	PS_TR_RULE_UNREAD, /* the rule could not be read */
	PS_TR_MANUAL,      /* a discretionary rule: a person's score, or none yet */
	PS_TR_OUTCOME,     /* a RANGE / GRADE / BOOL / DATE clause decided */
	PS_TR_STEP,        /* per-step deduction (or none: on the good side) */
	PS_TR_ITEM,        /* per-item deduction */
	PS_TR_PROP,        /* proportional */
	PS_TR_DEFAULT,     /* national default */
	PS_TR_REVIEW       /* the value cannot be scored: see `why` */
} ps_trace_kind;

typedef enum {
	PS_WHY_ACTUAL = 0, /* actual cannot be read for this rule */
	PS_WHY_UNIT,       /* actual's unit differs from the indicator's */
	PS_WHY_TARGET,     /* the rule or default needs a numeric target */
	PS_WHY_NEG_TARGET, /* ratios of a negative target mean nothing */
	PS_WHY_BASE_ZERO,  /* a relative % step on a zero baseline */
	PS_WHY_STEP_ZERO,  /* a step of size 0 */
	PS_WHY_DEADLINE,   /* no deadline to count lateness from */
	PS_WHY_GRADE,      /* a grade the rule and the default do not define */
	PS_WHY_LATE,       /* after the deadline, no rule says how much is lost */
	PS_WHY_COUNT       /* failed items, no rule says how much each costs */
} ps_why;

typedef enum {
	PS_DEF_MET = 0,    /* target met: full */
	PS_DEF_RATIO,      /* actual ÷ target × points */
	PS_DEF_INVERSE,    /* target ÷ actual × points */
	PS_DEF_ZERO_FULL,  /* target 0, actual at or past it: full */
	PS_DEF_ZERO_NONE,  /* target 0 on ≤, actual above: 0 */
	PS_DEF_QUAL_FULL,  /* 达成 / 是 / 优秀: the achieved share */
	PS_DEF_QUAL_BAND,  /* 部分达成 / 未达成: a bound of the band */
	PS_DEF_QUAL_GIVEN, /* ... the evaluator's score kept */
	PS_DEF_QUAL_MANUAL,/* ... policy says a person decides */
	PS_DEF_NO,         /* 否 / 未完成: 0 */
	PS_DEF_DATE_MET    /* on or before the target date: full */
} ps_def;

typedef struct {
	ps_trace_kind kind;
	ps_lang lang;
	int decimals;               /* policy decimals, for the printed score */
	const ps_indicator *ind;
	const ps_rule *rule;        /* NULL if none */
	const char *rule_text;      /* what the rule was read from */
	const ps_clause *cl;        /* the deciding clause, if any */
	const ps_value *act;        /* the actual as read */
	const char *unit;           /* the indicator's unit, normalised ("" none) */
	ps_cmp cmp;                 /* the indicator's comparator */
	bool has_target;
	ps_dec target;
	ps_dec points, score;       /* score: final, rounded */
	ps_dec body_score;          /* rounded, before the policy's deviation penalty */
	ps_dec raw;                 /* PROP / default formula result before capping */
	bool has_score;
	/* the computation, for the words */
	ps_dec a;                   /* the actual as a number */
	ps_dec start;               /* award the deduction starts from */
	ps_dec base;                /* STEP baseline; PROP from-value */
	ps_dec top;                 /* PROP from: the full threshold */
	ps_dec dist;                /* STEP distance: own unit / percentage points / days,
	                             * months, years late */
	ps_dec rel;                 /* STEP: the distance as % of the baseline (is_rel) */
	bool is_rel;                /* a % step taken relative to the baseline */
	ps_dec steps;               /* steps counted after the step mode */
	int step_mode;              /* ps_step_mode actually used */
	ps_dec deduct_raw, deduct;  /* before / after the cap */
	bool capped, floored;
	ps_dec cap, floor;
	bool good_side;             /* STEP: not past the baseline: nothing deducted */
	bool prop_inverse, prop_capped;
	int32_t dy, dm, dd;         /* deadline (resolved) */
	int32_t ay, am, ad;         /* actual date (resolved) */
	ps_def def;
	bool uncovered;             /* default because the rule does not cover the actual */
	ps_dec band_lo, band_hi, band_pct;
	ps_why why;
	bool given;                 /* a given score was used */
	ps_dec given_raw;           /* as given, before clamping */
	bool na_actual;             /* not applicable because the actual says so */
	ps_dec bonus;
	bool rate;                  /* a % rule on a counted indicator: a is a rate */
	ps_dec rate_actual, rate_target; /* the counted actual and target */
	char rate_unit[32];         /* their unit (人, 个, 万元) */
	bool deviation;             /* policy deviation penalty applied */
	ps_dec dev_ratio, dev_points;
} ps_trace;

/* The explanation of a trace in its language; malloc'd. */
char *ps_explain(const ps_trace *t);
/* ps_explain, also giving the text's length in *len. */
char *ps_explain_n(const ps_trace *t, size_t *len);
/* ps_explain_n with `tail` (tail_len bytes) stored after the text's NUL in
 * the same block, NUL-terminated too: one allocation for both. */
char *ps_explain_with(const ps_trace *t, size_t *len, const char *tail, size_t tail_len);

/* A growing heap block that texts are appended to: s (NULL until the
 * first append, which allocates max(cap, 64) bytes), n bytes used, cap. */
typedef struct {
	char *s;
	size_t n, cap;
} ps_text_block;

/* ps_explain_with, written at b->s + b->n instead of a block of its own:
 * "explanation\0tail\0", b grown (realloc'd: pointers into it move) as
 * needed and b->n moved past the tail's NUL. Returns the explanation's
 * length. */
size_t ps_explain_append(const ps_trace *t, ps_text_block *b, const char *tail, size_t tail_len);

/* Warning texts that go with a trace. */
typedef enum {
	PS_W_DEFAULT = 0, /* no rule: national default */
	PS_W_UNCOVERED,   /* rule does not cover the actual */
	PS_W_UNIT,        /* unit mismatch */
	PS_W_ACTUAL,      /* actual cannot be scored */
	PS_W_MANUAL,      /* needs a person's score */
	PS_W_BAND,        /* qualitative share fell to a band bound */
	PS_W_BONUS,       /* bonus points not added */
	PS_W_MISSING,     /* no actual value */
	PS_W_POINTS       /* no points: cannot score */
} ps_warn;
char *ps_explain_warning(const ps_trace *t, ps_warn w);

/* Score the 预算执行率 row of a 项目资金 block into *out (budget.c); a
 * block absent or NULL gives an unscored row with an empty explanation.
 * A 全年预算数 of 0 warns at the block's row. */
void ps_budget_score(ps_budget_result *out, const ps_budget *b, const ps_policy *pol, ps_lang lang,
                     ps_diags *diags);

#endif
