/* fuzz_table.c: the CSV/table loader. The input is read as a targets table
 * and as an actuals file; when both load they are matched. Every indicator
 * has its strings, every actual row matched at most as reported. */
#include "fuzz_common.h"

static void check_table(const ps_table *t)
{
	for (size_t u = 0; u < t->n_units; u++) {
		const ps_unit *un = &t->units[u];
		FUZZ_CHECK(un->code && un->name, "unit strings");
		for (size_t i = 0; i < un->n; i++) {
			const ps_indicator *ind = &un->v[i];
			FUZZ_CHECK(ind->id && ind->unit_code && ind->unit_name && ind->level1 && ind->level2 &&
			                   ind->name && ind->type_text && ind->target_text && ind->unit &&
			                   ind->explain && ind->rule_text && ind->rule_dsl && ind->remark,
			           "indicator strings");
			FUZZ_CHECK(!ind->has_points || ind->points >= 0, "points %lld", (long long)ind->points);
			FUZZ_CHECK(ind->pos.line >= 1, "row line");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	if (ps_source_from_mem(&s, "fuzz.csv", (const char *)data, size, PS_ENC_AUTO, &d) != PS_OK) {
		ps_diags_dispose(&d);
		return 0;
	}
	ps_table *t = NULL;
	ps_actuals *a = NULL;
	int rc = ps_table_load(&t, s, NULL, &d);
	if (rc == PS_OK)
		check_table(t);
	else
		FUZZ_CHECK(t == NULL && d.n_error >= 1, "failed load says why");
	int arc = ps_actuals_load(&a, s, NULL, &d);
	if (arc != PS_OK)
		FUZZ_CHECK(a == NULL && d.n_error >= 1, "failed actuals load says why");
	if (t && a) {
		ps_match(t, a, &d);
		for (size_t i = 0; i < a->n; i++)
			FUZZ_CHECK(a->v[i].matched >= 0, "matched count");
		check_table(t);
	}
	fuzz_check_diags(&d);
	ps_actuals_free(a);
	ps_table_free(t);
	ps_source_free(s);
	ps_diags_dispose(&d);
	return 0;
}
