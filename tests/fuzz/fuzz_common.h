/* fuzz_common.h: what the fuzz targets share: a check that aborts (so that
 * libFuzzer and the standalone driver both report it), and invariants of
 * results that every target may assert. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/perfscore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                   \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: invariant failed: %s: ", __FILE__, \
			        __LINE__, #cond);                               \
			fprintf(stderr, __VA_ARGS__);                           \
			fputc('\n', stderr);                                    \
			abort();                                                \
		}                                                               \
	} while (0)

/* Every diagnostic has a message and formats to one line. */
static inline void fuzz_check_diags(const ps_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		FUZZ_CHECK(d->v[i].msg != NULL, "diagnostic %zu", i);
		FUZZ_CHECK((unsigned)d->v[i].code < PS_D__COUNT, "code %d", (int)d->v[i].code);
		char *s = ps_diag_format(&d->v[i]);
		FUZZ_CHECK(s && !strchr(s, '\n'), "diagnostic spans lines: %s", s ? s : "(null)");
		free(s);
	}
}

/* The indicator `explain` builds: target ≥100%, 10 points, no actual. */
static inline void fuzz_indicator(ps_indicator *ind, char *target, ps_cmp cmp)
{
	static char empty[] = "";
	static char pct[] = "%";
	memset(ind, 0, sizeof *ind);
	char **blank[] = {&ind->id,       &ind->unit_code, &ind->unit_name, &ind->level1,
	                  &ind->level2,   &ind->name,      &ind->type_text, &ind->explain,
	                  &ind->rule_text, &ind->rule_dsl, &ind->remark,    &ind->reason,
	                  &ind->actual_text};
	for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
		*blank[i] = empty; /* strings are never NULL in a loaded table */
	ind->pos = ind->actual_pos = PS_POS_NONE;
	ind->target_text = target;
	ps_value_parse(&ind->target, target, strlen(target));
	ind->cmp = cmp;
	ind->unit = ind->target.unit[0] ? ind->target.unit : pct;
	ind->points = PS_DEC(10);
	ind->has_points = true;
}

/* A scored result stays within [0, points]. */
static inline void fuzz_check_result(const ps_ind_result *r, const ps_indicator *ind)
{
	FUZZ_CHECK(r->explanation != NULL && r->canonical != NULL, "strings set");
	if (r->has_score) {
		FUZZ_CHECK(r->score >= 0, "score %lld < 0", (long long)r->score);
		FUZZ_CHECK(!ind->has_points || r->score <= ind->points, "score %lld > points %lld",
		           (long long)r->score, (long long)ind->points);
	}
}

#endif
