/* policy.h: the scoring policy: national defaults (财预〔2020〕10号 practice),
 * each switchable with --policy FILE (JSON) for provinces that differ. */
#ifndef PERFSCORE_POLICY_H
#define PERFSCORE_POLICY_H

#include <stdbool.h>
#include "dec.h"
#include "diag.h"

typedef enum {
	PS_STEPS_CONTINUOUS = 0, /* 2.5 below at 1 per 1% deducts 2.5 */
	PS_STEPS_WHOLE,          /* only whole steps count (floor): 2.5 → 2 */
	PS_STEPS_STARTED         /* every started step counts (ceil): 2.5 → 3 */
} ps_step_mode;

typedef enum {
	PS_NA_RESCALE = 0,  /* 按适用指标折算: drop, convert total to 百分制 */
	PS_NA_FULL,         /* count as full marks */
	PS_NA_ZERO          /* count as zero */
} ps_na_mode;

typedef enum {
	PS_QUAL_LOWER = 0,  /* no share given: fall to the band's lower bound (warning) */
	PS_QUAL_UPPER,      /* the band's upper bound */
	PS_QUAL_MANUAL      /* no share given: needs a person */
} ps_qual_mode;

/* Most exec_cap bands a policy holds. */
#define PS_POLICY_MAX_CAPS 16

typedef struct {
	ps_dec grade_excellent;  /* 优 at or above (90) */
	ps_dec grade_good;       /* 良 at or above (80) */
	ps_dec grade_fair;       /* 中 at or above (60); below: 差 */
	ps_step_mode steps;
	bool pct_is_pp;          /* "%" step on a % indicator = percentage points (true) */
	int decimals;            /* indicator score rounding, half-up (2) */
	ps_na_mode na;
	/* Qualitative bands in percent of the points (SPEC §5.2). */
	ps_dec qual_achieved;    /* 100 */
	ps_dec qual_partial_hi, qual_partial_lo;  /* 80, 60 */
	ps_dec qual_not_hi, qual_not_lo;          /* 60, 0 */
	ps_qual_mode qual_mode;
	/* Province switches (§6.5); off by default. */
	bool exec_cap;           /* cap total by budget execution rate */
	bool deviation_penalty;  /* actual ≥ target × 1.3 flagged 指标偏离, −2 points */
	ps_dec deviation_ratio;  /* 30 (%) */
	ps_dec deviation_points; /* 2 */
	int budget_year;         /* year assumed for dates written without one (0: from the target) */
	/* The 预算执行率 row of a 项目资金 block (财预〔2020〕10号: 10 points);
	 * on by default. */
	bool budget_rate;        /* score 全年执行数 ÷ 全年预算数 × points into the total */
	ps_dec budget_points;    /* its points when the block gives no 分值 (10) */
	/* exec_cap bands: an execution rate below exec_cap_below[i] (percent)
	 * caps total_100 at exec_cap_total[i]; of the bands that apply, the
	 * lowest cap wins. Defaults: <80 → 89, <70 → 79, <60 → 69, <50 → 59. */
	int n_exec_caps;
	ps_dec exec_cap_below[PS_POLICY_MAX_CAPS], exec_cap_total[PS_POLICY_MAX_CAPS];
} ps_policy;

/* The national defaults. */
void ps_policy_init(ps_policy *p);

/* Read a JSON policy file's text over the defaults in *p. Unknown keys and
 * wrong types are errors (PS_D_POLICY, with line/column) → PS_EINPUT. */
int ps_policy_load_json(ps_policy *p, const char *json, size_t len, const char *file, ps_diags *diags);

/* 优/良/中/差 for a total in 百分制. */
const char *ps_policy_grade(const ps_policy *p, ps_dec total_100);

/* The exec_cap cap for an execution rate in percent: true and *cap set when
 * a band applies (whether or not exec_cap is switched on), else false. */
bool ps_policy_exec_cap(const ps_policy *p, ps_dec rate, ps_dec *cap);

#endif
