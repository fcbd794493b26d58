/* summary.h: a batch run summed up across its units (`perfscore summary`,
 * docs/summary.md): units per grade, mean and spread of the totals, the
 * units that lose the most points and the indicators that lose the most
 * points across all units. Units are added one at a time as they are scored
 * (the unit results need not outlive the call). */
#ifndef PERFSCORE_SUMMARY_H
#define PERFSCORE_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "dec.h"
#include "report.h"
#include "score.h"

/* A unit among the ones that lose the most points. Strings owned. */
typedef struct {
	char *code, *name;
	size_t index;         /* 0-based position in the run */
	ps_dec total_100;     /* after the exec_cap, if any */
	ps_dec lost;          /* 100 − total_100 */
	const char *grade;    /* static */
	bool final;           /* false: the total is not final (review, missing) */
} ps_summary_unit;

/* An indicator (一级, 二级, 三级 name) across all units that have it. The
 * 预算执行率 row of 项目资金 blocks counts as one indicator too. */
typedef struct {
	char *level1, *level2, *name;  /* owned */
	size_t n_units;       /* units where it was scored */
	size_t n_losing;      /* of those, units where it lost points */
	size_t n_unscored;    /* units where it had no score (review, missing, manual) */
	ps_dec points;        /* sum of its points over the scored units */
	ps_dec lost;          /* sum of points − score over the scored units */
} ps_summary_indicator;

typedef struct {
	size_t n_units;
	size_t n_final;       /* units whose totals are final */
	size_t n_capped;      /* units whose total was capped (exec_cap) */
	size_t grades[4];     /* units per grade: 优 良 中 差 */
	/* total_100 over all units, 2 decimals (0 when there are none) */
	ps_dec mean, median, sd, min, max; /* sd: population standard deviation */
	ps_summary_unit *worst;            /* most points lost first, ties in run order */
	size_t n_worst;
	ps_summary_indicator *indicators;  /* most points lost first */
	size_t n_indicators;
	size_t n_distinct;    /* distinct indicators seen */
	size_t top;           /* the list length asked for */
} ps_summary;

typedef struct ps_summary_acc ps_summary_acc;

/* A new accumulator keeping the `top` worst units and indicators (0: 10). */
ps_summary_acc *ps_summary_new(size_t top);
/* Add one scored unit (copies what it needs). */
void ps_summary_add(ps_summary_acc *acc, const ps_unit_result *u);
/* The statistics into *out (owned by the caller: ps_summary_dispose); acc
 * is freed. */
void ps_summary_finish(ps_summary_acc *acc, ps_summary *out);
void ps_summary_dispose(ps_summary *s);

/* Write the summary in opts->format: table, json, csv or md (ndjson is
 * json on one line). `warnings` (may be NULL): the run's diagnostics; JSON
 * lists those of level warning or error, table and md count them. Returns
 * 0, PS_EUSAGE for another format (xlsx), or PS_EIO. */
int ps_summary_write(FILE *fp, const ps_summary *s, const ps_diags *warnings, const ps_report_options *opts);

#endif
