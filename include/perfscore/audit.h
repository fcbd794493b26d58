/* audit.h: check a filled self-evaluation (绩效自评表, SPEC §6.7): each given
 * 得分 against the score perfscore computes, totals that do not add up,
 * scores below full with no 偏差原因, reverse (≤) indicators scored as if
 * higher were better. The comparison lives here; formatters (ps_audit_report)
 * see only its results. */
#ifndef PERFSCORE_AUDIT_H
#define PERFSCORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "dec.h"
#include "diag.h"
#include "report.h"
#include "score.h"
#include "table.h"

/* What a finding is about. The names (ps_audit_kind_name) are stable: JSON
 * consumers and tests rely on them; only add kinds at the end. */
typedef enum {
	PS_AUD_SCORE = 0,     /* "score_differs": the given 得分 is not the computed score */
	PS_AUD_REVERSE,       /* "reverse_scored": a ≤ indicator scored actual ÷ target × points */
	PS_AUD_BUDGET,        /* "budget_differs": the 预算执行率 得分 is not 执行率 × 分值 */
	PS_AUD_TOTAL,         /* "total_differs": the table's 总分 is not the sum of its 得分 */
	PS_AUD_POINTS,        /* "points_differ": the table's 分值 total is not the sum of its 分值 */
	PS_AUD_RECOMPUTED,    /* "total_recomputed": the unit's total against the computed total_100 */
	PS_AUD_NO_REASON,     /* "no_reason": below full marks with no 偏差原因 */
	PS_AUD_NO_SCORE,      /* "no_given_score": a scored indicator with no 得分 in the table */
	PS_AUD_UNCHECKED,     /* "unchecked": a given 得分 perfscore cannot compute (review, missing) */
	PS_AUD__COUNT
} ps_audit_kind;

const char *ps_audit_kind_name(ps_audit_kind k);

/* No indicator: a finding about the unit as a whole. */
#define PS_AUDIT_UNIT ((size_t)-1)

typedef struct {
	ps_audit_kind kind;
	size_t index;         /* indicator index in the unit result, or PS_AUDIT_UNIT */
	bool has_given, has_computed;
	ps_dec given;         /* what the table says */
	ps_dec computed;      /* what perfscore computes */
	ps_dec diff;          /* given − computed (both present), else 0 */
	bool over;            /* a difference beyond the tolerance: exit status 1 */
	char *message;        /* owned: the fault and its reason, in the chosen language */
	ps_pos pos;           /* the row it is about */
} ps_audit_finding;

/* How one indicator row compares (parallel to the unit result's v). */
typedef enum {
	PS_AV_MATCH = 0,      /* the given 得分 equals the computed score (within the tolerance) */
	PS_AV_DIFFERS,        /* beyond the tolerance */
	PS_AV_KEPT,           /* a person's score kept (status manual): nothing to compare */
	PS_AV_UNCHECKED,      /* no computed score (needs review, missing) */
	PS_AV_NO_GIVEN,       /* computed, but the table gives no 得分 */
	PS_AV_NA              /* not applicable */
} ps_audit_verdict;

const char *ps_audit_verdict_name(ps_audit_verdict v); /* "match", "differs", ... */

typedef struct {
	ps_audit_verdict verdict;
	bool has_given;
	ps_dec given;
	ps_dec diff;          /* given − computed when both exist, else 0 */
} ps_audit_row;

typedef struct {
	const ps_unit_result *res;  /* borrowed */
	ps_audit_row *rows;         /* res->n of them */
	ps_audit_finding *v;        /* in row order, unit findings last */
	size_t n, cap;
	size_t n_diff;              /* findings with over set */
	ps_dec tolerance;
	bool has_given_sum;
	ps_dec given_sum;           /* sum of the given 得分 (indicators and the 预算执行率 row) */
	ps_stated_total stated;     /* the table's own total row (present false: none) */
} ps_audit;

typedef struct {
	ps_dec tolerance;     /* differences up to this are equal (0.01) */
	ps_lang lang;         /* language of the messages */
	int decimals;         /* the policy's score decimals (2): a score recomputed
	                       * the wrong way is rounded like the real one */
} ps_audit_options;
#define PS_AUDIT_OPTIONS_INIT {10000, PS_LANG_ZH, 2}

/* Audit one scored unit. `stated` (may be NULL) is the unit's total row as
 * read by ps_table_load (ps_table.stated). res and stated are borrowed and
 * must outlive *out. Never fails (OOM aborts). */
void ps_audit_unit(ps_audit *out, const ps_unit_result *res, const ps_stated_total *stated,
                   const ps_audit_options *opts);
void ps_audit_dispose(ps_audit *a);

/* ---- the audit report (src/report_audit.c) ------------------------------ */

typedef struct ps_audit_report ps_audit_report;

/* Start an audit report in opts->format (table, json, ndjson, csv, md;
 * xlsx writes opts->path). fp is borrowed. Returns 0, PS_EUSAGE (a format
 * this build cannot write, or xlsx without a path) or PS_EIO. */
int ps_audit_report_begin(ps_audit_report **out, FILE *fp, const ps_report_options *opts);
/* One unit's audit; a may be disposed of afterwards. 0 or PS_EIO. */
int ps_audit_report_unit(ps_audit_report *r, const ps_audit *a);
/* Finish (JSON: the warnings; table: the count of differences) and free r.
 * Returns PS_EIO if any write failed, else 0. */
int ps_audit_report_end(ps_audit_report *r, const ps_diags *warnings);

#endif
