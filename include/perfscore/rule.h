/* rule.h: scoring rules. Chinese rule text (评（扣）分标准) and the canonical
 * text form (计分规则 column) both compile to one AST; the canonical printer
 * and parser round-trip: ps_rule_parse_dsl(ps_rule_print(r)) equals r. */
#ifndef PERFSCORE_RULE_H
#define PERFSCORE_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dec.h"
#include "diag.h"
#include "value.h"

/* What a clause awards when its condition holds. */
typedef enum {
	PS_AW_FULL = 0,   /* the indicator's points (得满分 计满分 得全分) */
	PS_AW_POINTS,     /* a fixed number of points (得8分; 不得分 = 0) */
	PS_AW_SHARE,      /* a share of the points (得该项分值的80%, 得一半分) */
	PS_AW_DEDUCT      /* the points less v (未报扣10分: "no => -10") */
} ps_award_kind;

typedef struct {
	ps_award_kind kind;
	ps_dec v;         /* POINTS: points; SHARE: percent (80 = 80%); DEDUCT: points off */
} ps_award;

/* One end of a numeric interval. A value may be a number or "the target". */
typedef struct {
	bool set;         /* false = unbounded */
	bool incl;        /* bound included (以上 不低于 （含）) */
	bool is_target;   /* the bound is the indicator's target value */
	ps_dec v;         /* in the indicator's unit (97 for 97%) */
	bool pct;         /* written with % ("x>=100%"): on an indicator not measured
	                   * in %, the actual is first taken as a rate of the target
	                   * (480人 of 500人 → 96%) */
} ps_bound;

/* Unit of a step in a per-step deduction. */
typedef enum {
	PS_SU_OWN = 0,    /* the indicator's own unit: 每少1个, 每降低1 */
	PS_SU_PCT,        /* "%": percentage points on a % indicator, else percent
	                   * of the baseline (policy pct_on_percent) */
	PS_SU_PP,         /* 个百分点: always percentage points */
	PS_SU_DAY,        /* deadlines: 每延迟1天 */
	PS_SU_MONTH,
	PS_SU_YEAR
} ps_step_unit;

typedef enum {
	PS_CL_RANGE = 0,  /* actual number in [lo, hi] → award            */
	PS_CL_GRADE,      /* actual grade/word equals `word` → award       */
	PS_CL_BOOL,       /* actual yes (yes=true) or no → award           */
	PS_CL_DATE,       /* actual date on/before (or after) deadline → award */
	PS_CL_STEP,       /* deduct `amount` per `step` below/above `base`  */
	PS_CL_ITEM,       /* deduct `amount` per failed item / incident     */
	PS_CL_PROP,       /* proportional: actual/target × points (dir<0: target/actual),
	                   * or linear interpolation from `base` (0 points) to the
	                   * full threshold when base.set */
	PS_CL_MAXDEDUCT,  /* total deduction at most `amount` (最多扣N分, 扣满N分为止) */
	PS_CL_MIN,        /* score at least `amount` (扣完为止 = 0, 最低得N分) */
	PS_CL_MANUAL,     /* discretionary (酌情扣分, 视情况): a person scores it */
	PS_CL_BONUS,      /* bonus points (加分): reported, never added */
	PS_CL__COUNT
} ps_clause_kind;

/* One clause. Fields are used per kind as noted; unused ones are zero. */
typedef struct {
	ps_clause_kind kind;
	ps_bound lo, hi;     /* RANGE */
	char *word;          /* GRADE: the word as the rule writes it (owned) */
	bool yes;            /* BOOL */
	int32_t y, m, d;     /* DATE/STEP(late): deadline; y = 0: the budget year */
	int dir;             /* STEP: -1 below base (shortfall), +1 above (excess/late),
	                      *       0 either side (每相差3%);
	                      * DATE: -1 on/before deadline, +1 after;
	                      * PROP: 0 by the comparator (≤: T/A, else A/T), +1 A/T, -1 T/A */
	ps_bound base;       /* STEP: baseline (unset: threshold of the full clause,
	                      * else the target); PROP: interpolation start */
	ps_dec step;         /* STEP: size of one step (1 in 每下降1%) */
	ps_step_unit step_unit;
	bool whole_steps;    /* STEP: the text says steps are counted whole (不足1%按1%) */
	ps_dec amount;       /* STEP/ITEM: points per step/item; MAXDEDUCT/MIN/BONUS: points */
	ps_award award;      /* RANGE/GRADE/BOOL/DATE */
	uint32_t pos;        /* code-point offset of the clause in the source text */
} ps_clause;

/* How a rule came to be. */
typedef enum {
	PS_RS_TEXT = 0,   /* compiled from the Chinese rule text */
	PS_RS_DSL,        /* from the 计分规则 column (canonical form) */
	PS_RS_DEFAULT     /* no usable rule: national default */
} ps_rule_source;

/* A compiled rule. `ok` false means some part could not be read: the rule
 * must not be used to score (status needs_review); `err_pos`/`err_msg` say
 * where (code points from the start of the text) and why. */
typedef struct {
	ps_clause *v;
	size_t n, cap;
	bool ok;
	uint32_t err_pos;
	char *err_msg;       /* owned, NULL when ok */
	const char *err_zh;  /* the reason in Chinese (static text), NULL if none */
	bool typo;           /* a known typo was read as intended (扣守为止) */
	ps_rule_source source;
} ps_rule;

/* Compile Chinese rule text. Always returns a rule (never NULL) unless out
 * of memory; check r->ok. Diagnostics (typos as notes, the unread part as
 * PS_D_RULE_UNREAD) go to diags at `pos` shifted by the clause offsets, if
 * diags is not NULL. Empty or punctuation-only text gives n == 0 and ok. */
ps_rule *ps_rule_compile(const char *text, size_t len, ps_pos pos, ps_diags *diags);

/* Parse the canonical text form (see docs/rules.md). ok=false on syntax
 * errors with err_pos at the offending character. */
ps_rule *ps_rule_parse_dsl(const char *text, size_t len, ps_pos pos, ps_diags *diags);

/* The canonical text form; malloc'd, caller frees. "" for an empty rule.
 * For a rule that is not ok, "?" followed by what was read. */
char *ps_rule_print(const ps_rule *r);

/* Structural equality (for the round-trip tests and fuzzers). */
bool ps_rule_equal(const ps_rule *a, const ps_rule *b);

ps_rule *ps_rule_clone(const ps_rule *r);
void ps_rule_free(ps_rule *r);

/* Does the rule contain a clause of this kind? */
bool ps_rule_has(const ps_rule *r, ps_clause_kind k);

/* Compile-once cache keyed by the normalised text (and whether it is DSL).
 * Returned rules are borrowed from the cache. */
typedef struct ps_rule_cache ps_rule_cache;
ps_rule_cache *ps_rule_cache_new(void);
/* A cache that two threads may use at once (each lookup takes its lock;
 * the rules it returns are read-only). Freed with ps_rule_cache_free once
 * no thread uses it. */
ps_rule_cache *ps_rule_cache_new_shared(void);
void ps_rule_cache_free(ps_rule_cache *c);
const ps_rule *ps_rule_cache_get(ps_rule_cache *c, const char *text, size_t len, bool dsl,
                                 ps_pos pos, ps_diags *diags);
size_t ps_rule_cache_size(const ps_rule_cache *c);

#endif
