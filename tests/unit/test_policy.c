/* test_policy.c: national defaults, the JSON policy file, grade bands. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/policy.h"

static void t_defaults(void **state)
{
	(void)state;
	ps_policy p;
	ps_policy_init(&p);
	assert_int_equal(p.grade_excellent, PS_DEC(90));
	assert_int_equal(p.grade_good, PS_DEC(80));
	assert_int_equal(p.grade_fair, PS_DEC(60));
	assert_int_equal(p.steps, PS_STEPS_CONTINUOUS);
	assert_true(p.pct_is_pp);
	assert_int_equal(p.decimals, 2);
	assert_int_equal(p.na, PS_NA_RESCALE);
	assert_int_equal(p.qual_achieved, PS_DEC(100));
	assert_int_equal(p.qual_partial_hi, PS_DEC(80));
	assert_int_equal(p.qual_partial_lo, PS_DEC(60));
	assert_int_equal(p.qual_not_hi, PS_DEC(60));
	assert_int_equal(p.qual_not_lo, 0);
	assert_int_equal(p.qual_mode, PS_QUAL_LOWER);
	assert_false(p.exec_cap);
	assert_false(p.deviation_penalty);
	assert_int_equal(p.deviation_ratio, PS_DEC(30));
	assert_int_equal(p.deviation_points, PS_DEC(2));
	assert_int_equal(p.budget_year, 0);
	assert_true(p.budget_rate);
	assert_int_equal(p.budget_points, PS_DEC(10));
	assert_int_equal(p.n_exec_caps, 4);
	assert_int_equal(p.exec_cap_below[0], PS_DEC(80));
	assert_int_equal(p.exec_cap_total[0], PS_DEC(89));
	assert_int_equal(p.exec_cap_below[3], PS_DEC(50));
	assert_int_equal(p.exec_cap_total[3], PS_DEC(59));
}

/* The cap for an execution rate: of the bands that apply, the lowest. */
static void t_exec_cap(void **state)
{
	(void)state;
	ps_policy p;
	ps_policy_init(&p);
	ps_dec cap = -1;
	assert_false(ps_policy_exec_cap(&p, PS_DEC(80), &cap)); /* 80.00% is not below 80 */
	assert_int_equal(cap, -1);
	assert_false(ps_policy_exec_cap(&p, PS_DEC(100), &cap));
	assert_true(ps_policy_exec_cap(&p, 79990000, &cap));
	assert_int_equal(cap, PS_DEC(89));
	assert_true(ps_policy_exec_cap(&p, PS_DEC(70), &cap));
	assert_int_equal(cap, PS_DEC(89));
	assert_true(ps_policy_exec_cap(&p, 69990000, &cap));
	assert_int_equal(cap, PS_DEC(79));
	assert_true(ps_policy_exec_cap(&p, PS_DEC(55), &cap));
	assert_int_equal(cap, PS_DEC(69));
	assert_true(ps_policy_exec_cap(&p, 49990000, &cap));
	assert_int_equal(cap, PS_DEC(59));
	assert_true(ps_policy_exec_cap(&p, 0, &cap));
	assert_int_equal(cap, PS_DEC(59));
	/* bands in any order: still the lowest cap that applies */
	ps_diags d = PS_DIAGS_INIT;
	const char *json = "{\"exec_cap\": true, \"exec_cap_bands\": [{\"below\": 60, \"cap\": 59.99}, "
	                   "{\"below\": 90, \"cap\": 89.99}]}";
	assert_int_equal(ps_policy_load_json(&p, json, strlen(json), "p.json", &d), PS_OK);
	assert_true(p.exec_cap);
	assert_int_equal(p.n_exec_caps, 2);
	assert_true(ps_policy_exec_cap(&p, PS_DEC(50), &cap));
	assert_int_equal(cap, 59990000);
	assert_true(ps_policy_exec_cap(&p, PS_DEC(85), &cap));
	assert_int_equal(cap, 89990000);
	assert_false(ps_policy_exec_cap(&p, PS_DEC(90), &cap));
	/* no bands: never capped */
	json = "{\"exec_cap_bands\": []}";
	assert_int_equal(ps_policy_load_json(&p, json, strlen(json), "p.json", &d), PS_OK);
	assert_int_equal(p.n_exec_caps, 0);
	assert_false(ps_policy_exec_cap(&p, 0, &cap));
	json = "{\"budget_rate\": {\"enabled\": false, \"points\": 20}}";
	assert_int_equal(ps_policy_load_json(&p, json, strlen(json), "p.json", &d), PS_OK);
	assert_false(p.budget_rate);
	assert_int_equal(p.budget_points, PS_DEC(20));
	assert_int_equal(d.n, 0);
	ps_diags_dispose(&d);
}

static void t_grade(void **state)
{
	(void)state;
	ps_policy p;
	ps_policy_init(&p);
	assert_string_equal(ps_policy_grade(&p, PS_DEC(100)), "优");
	assert_string_equal(ps_policy_grade(&p, PS_DEC(90)), "优");
	assert_string_equal(ps_policy_grade(&p, 89990000), "良");
	assert_string_equal(ps_policy_grade(&p, 89995000), "良"); /* half-open bands */
	assert_string_equal(ps_policy_grade(&p, PS_DEC(80)), "良");
	assert_string_equal(ps_policy_grade(&p, 79990000), "中");
	assert_string_equal(ps_policy_grade(&p, PS_DEC(60)), "中");
	assert_string_equal(ps_policy_grade(&p, 59990000), "差");
	assert_string_equal(ps_policy_grade(&p, 0), "差");
	assert_string_equal(ps_policy_grade(&p, -PS_DEC(1)), "差");
}

static int load(ps_policy *p, const char *json, ps_diags *d)
{
	return ps_policy_load_json(p, json, strlen(json), "policy.json", d);
}

static void t_full_file(void **state)
{
	(void)state;
	const char *json = "{\n"
	                   "  \"grade_bands\": {\"excellent\": 85, \"good\": 75.5, \"fair\": 60},\n"
	                   "  \"steps\": \"whole\",\n"
	                   "  \"percent_step\": \"relative\",\n"
	                   "  \"decimals\": 1,\n"
	                   "  \"not_applicable\": \"full\",\n"
	                   "  \"qualitative\": {\"achieved\": 95, \"partial\": [50, 80], \"not_achieved\": [0, 50],\n"
	                   "                   \"unspecified\": \"manual\"},\n"
	                   "  \"exec_cap\": true,\n"
	                   "  \"deviation_penalty\": {\"enabled\": true, \"ratio\": 25, \"points\": 1.5},\n"
	                   "  \"budget_year\": 2026\n"
	                   "}\n";
	ps_policy p;
	ps_policy_init(&p);
	ps_diags d = PS_DIAGS_INIT;
	assert_int_equal(load(&p, json, &d), PS_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(p.grade_excellent, PS_DEC(85));
	assert_int_equal(p.grade_good, 75500000);
	assert_int_equal(p.steps, PS_STEPS_WHOLE);
	assert_false(p.pct_is_pp);
	assert_int_equal(p.decimals, 1);
	assert_int_equal(p.na, PS_NA_FULL);
	assert_int_equal(p.qual_achieved, PS_DEC(95));
	assert_int_equal(p.qual_partial_lo, PS_DEC(50));
	assert_int_equal(p.qual_partial_hi, PS_DEC(80));
	assert_int_equal(p.qual_not_lo, 0);
	assert_int_equal(p.qual_not_hi, PS_DEC(50));
	assert_int_equal(p.qual_mode, PS_QUAL_MANUAL);
	assert_true(p.exec_cap);
	assert_true(p.deviation_penalty);
	assert_int_equal(p.deviation_ratio, PS_DEC(25));
	assert_int_equal(p.deviation_points, 1500000);
	assert_int_equal(p.budget_year, 2026);
	assert_string_equal(ps_policy_grade(&p, PS_DEC(86)), "优");
	ps_diags_dispose(&d);
}

static void t_partial_file(void **state)
{
	(void)state;
	ps_policy p;
	ps_policy_init(&p);
	ps_diags d = PS_DIAGS_INIT;
	assert_int_equal(load(&p, "{\"grade_bands\": {\"fair\": 50}, \"steps\": \"started\"}", &d), PS_OK);
	assert_int_equal(p.grade_fair, PS_DEC(50));
	assert_int_equal(p.grade_good, PS_DEC(80));
	assert_int_equal(p.steps, PS_STEPS_STARTED);
	assert_int_equal(load(&p, "{}", &d), PS_OK);
	assert_int_equal(load(&p, "  {\"decimals\": 0}  \n", &d), PS_OK);
	assert_int_equal(p.decimals, 0);
	/* exact decimals from the JSON number */
	assert_int_equal(load(&p, "{\"qualitative\": {\"partial\": [62.5, 80.1]}}", &d), PS_OK);
	assert_int_equal(p.qual_partial_lo, 62500000);
	assert_int_equal(p.qual_partial_hi, 80100000);
	assert_int_equal(load(&p, "{\"deviation_penalty\": {\"points\": 0.1, \"ratio\": 1e1}}", &d), PS_OK);
	assert_int_equal(p.deviation_points, 100000);
	assert_int_equal(p.deviation_ratio, PS_DEC(10));
	assert_int_equal(d.n, 0);
	ps_diags_dispose(&d);
}

/* A bad file: PS_EINPUT, the policy unchanged, one error at line:col. */
static void bad(const char *json, uint32_t line, uint32_t col, const char *msg)
{
	ps_policy p, q;
	ps_policy_init(&p);
	q = p;
	ps_diags d = PS_DIAGS_INIT;
	int rc = load(&p, json, &d);
	if (rc != PS_EINPUT || d.n < 1 || d.v[0].code != PS_D_POLICY || d.v[0].level != PS_ERROR ||
	    d.v[0].pos.line != line || d.v[0].pos.col != col || !strstr(d.v[0].msg, msg))
		fail_msg("%s: rc %d, %zu diags, first %u:%u '%s'; want %u:%u '%s'", json, rc, d.n,
		         d.n ? d.v[0].pos.line : 0, d.n ? d.v[0].pos.col : 0, d.n ? d.v[0].msg : "", line, col, msg);
	assert_string_equal(d.v[0].pos.file, "policy.json");
	assert_memory_equal(&p, &q, sizeof p);
	ps_diags_dispose(&d);
}

static void t_errors(void **state)
{
	(void)state;
	bad("", 1, 1, "not valid JSON");
	bad("{", 1, 1, "not valid JSON");
	bad("[1, 2]", 1, 1, "must be an object");
	bad("{\"steps\": \"continuous\"} x", 1, 25, "unexpected text");
	bad("{\"stepz\": \"whole\"}", 1, 2, "unknown key \"stepz\"");
	bad("{\n  \"decimals\": 2,\n  \"colour\": 1\n}", 3, 3, "unknown key \"colour\"");
	bad("{\"steps\": \"fast\"}", 1, 2, "\"steps\" must be one of");
	bad("{\"steps\": 1}", 1, 2, "\"steps\" must be one of");
	bad("{\"percent_step\": true}", 1, 2, "\"percent_step\" must be one of");
	bad("{\"decimals\": \"2\"}", 1, 2, "\"decimals\" must be a number");
	bad("{\"decimals\": 2.5}", 1, 2, "whole number");
	bad("{\"decimals\": 7}", 1, 2, "between 0 and 6");
	bad("{\"decimals\": -1}", 1, 2, "between 0 and 6");
	bad("{\"not_applicable\": \"skip\"}", 1, 2, "\"not_applicable\" must be one of");
	bad("{\"exec_cap\": \"yes\"}", 1, 2, "must be true or false");
	bad("{\"exec_cap\": 1}", 1, 2, "must be true or false");
	bad("{\"grade_bands\": 90}", 1, 2, "\"grade_bands\" must be an object");
	bad("{\"grade_bands\": {\"great\": 95}}", 1, 18, "unknown key \"great\"");
	bad("{\"grade_bands\": {\"excellent\": \"90\"}}", 1, 18, "\"excellent\" must be a number");
	bad("{\"grade_bands\": {\"excellent\": 120}}", 1, 18, "between 0 and 100");
	bad("{\"grade_bands\": {\"good\": 95}}", 1, 2, "excellent >= good >= fair");
	bad("{\"qualitative\": {\"partial\": 60}}", 1, 18, "pair of percents");
	bad("{\"qualitative\": {\"partial\": [60]}}", 1, 18, "pair of percents");
	bad("{\"qualitative\": {\"partial\": [80, 60]}}", 1, 18, "[low, high]");
	bad("{\"qualitative\": {\"partial\": [60, \"80\"]}}", 1, 18, "must be a number");
	bad("{\"qualitative\": {\"unspecified\": \"middle\"}}", 1, 18, "\"unspecified\" must be one of");
	bad("{\"qualitative\": {\"achieved\": 101}}", 1, 18, "between 0 and 100");
	bad("{\"deviation_penalty\": true}", 1, 2, "must be an object");
	bad("{\"deviation_penalty\": {\"enabled\": 1}}", 1, 24, "must be true or false");
	bad("{\"deviation_penalty\": {\"on\": true}}", 1, 24, "unknown key \"on\"");
	bad("{\"budget_year\": 26}", 1, 2, "a year between 1900 and 2200");
	bad("{\"budget_rate\": true}", 1, 2, "\"budget_rate\" must be an object");
	bad("{\"budget_rate\": {\"points\": 101}}", 1, 18, "between 0 and 100");
	bad("{\"budget_rate\": {\"on\": true}}", 1, 18, "unknown key \"on\"");
	bad("{\"exec_cap_bands\": {\"below\": 80}}", 1, 2, "must be an array");
	bad("{\"exec_cap_bands\": [{\"below\": 80}]}", 1, 2, "needs both");
	bad("{\"exec_cap_bands\": [{\"below\": 80, \"cap\": 189}]}", 1, 2, "between 0 and 100");
	bad("{\"exec_cap_bands\": [{\"below\": 80, \"cap\": 89, \"above\": 1}]}", 1, 46, "unknown key \"above\"");
	bad("{\"exec_cap_bands\": [1]}", 1, 2, "must be an object");
	bad("{\"budget_year\": 2026.5}", 1, 2, "whole number");
	bad("{\"steps\": \"whole\", \"steps\": \"started\"}", 1, 2, "given twice");
	bad("{\"decimals\": 1e400}", 1, 2, "must be a number");
	bad("{\"decimals\": null}", 1, 2, "must be a number");
	bad("{\"decimals\": 1,}", 1, 16, "not valid JSON");
	/* several faults: all reported */
	ps_policy p;
	ps_policy_init(&p);
	ps_diags d = PS_DIAGS_INIT;
	assert_int_equal(load(&p, "{\"steps\": \"x\", \"decimals\": 9, \"nope\": 1}", &d), PS_EINPUT);
	assert_int_equal(d.n, 1); /* unknown keys stop before values are read */
	ps_diags_clear(&d);
	assert_int_equal(load(&p, "{\"steps\": \"x\", \"decimals\": 9}", &d), PS_EINPUT);
	assert_int_equal(d.n, 2);
	ps_diags_dispose(&d);
	/* NULL text is an empty file */
	assert_int_equal(ps_policy_load_json(&p, NULL, 0, NULL, NULL), PS_EINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_defaults),
		cmocka_unit_test(t_grade),
		cmocka_unit_test(t_exec_cap),
		cmocka_unit_test(t_full_file),
		cmocka_unit_test(t_partial_file),
		cmocka_unit_test(t_errors),
	};
	return cmocka_run_group_tests_name("policy", tests, NULL, NULL);
}
