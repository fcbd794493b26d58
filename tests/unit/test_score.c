/* test_score.c: scoring semantics (docs/rules.md), the seed example, edge
 * values, explanations. Rules are written in the canonical form. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/perfscore.h"
#include "rule_int.h"

/* One indicator as a test writes it. */
typedef struct {
	const char *l1, *name, *type, *target, *unit;
	const char *dsl;     /* canonical rule ("" none) */
	const char *points;  /* "" no points */
	const char *actual;  /* NULL: no actual row */
	const char *given;   /* given score, NULL none */
	bool na;
} row;

static void make(ps_indicator *ind, const row *r)
{
	memset(ind, 0, sizeof *ind);
	ind->id = ind->unit_code = ind->unit_name = ind->level2 = ind->explain = ind->remark = ind->reason = "";
	ind->level1 = (char *)(r->l1 ? r->l1 : "");
	ind->name = (char *)(r->name ? r->name : "指标");
	ind->type_text = (char *)(r->type ? r->type : "");
	ind->cmp = ps_cmp_parse(ind->type_text, strlen(ind->type_text));
	ind->target_text = (char *)(r->target ? r->target : "");
	ps_value_parse(&ind->target, ind->target_text, strlen(ind->target_text));
	ind->unit = (char *)(r->unit ? r->unit : "");
	ind->rule_text = "";
	ind->rule_dsl = (char *)(r->dsl ? r->dsl : "");
	const char *p = r->points ? r->points : "10";
	ind->has_points = ps_dec_parse(&ind->points, p, strlen(p)) > 0;
	ind->has_actual = r->actual != NULL;
	ind->actual_text = (char *)(r->actual ? r->actual : "");
	if (r->given) {
		ind->has_given_score = true;
		ps_dec_parse(&ind->given_score, r->given, strlen(r->given));
	}
	ind->not_applicable = r->na;
	ind->pos = (ps_pos){"targets.csv", 7, 0, -1};
	ind->actual_pos = (ps_pos){"actuals.csv", 3, 0, -1};
}

static ps_policy policy;
static ps_rule_cache *cache;
static ps_diags diags;

static int setup(void **state)
{
	(void)state;
	ps_policy_init(&policy);
	cache = ps_rule_cache_new();
	diags = (ps_diags)PS_DIAGS_INIT;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ps_rule_cache_free(cache);
	ps_diags_dispose(&diags);
	return 0;
}

/* The lengths a result keeps for its writers are its strings' lengths. */
static void lens_ok(const ps_ind_result *res)
{
	assert_int_equal(res->canonical_len, strlen(res->canonical));
	assert_int_equal(res->explanation_len, strlen(res->explanation));
}

static bool has_diag(ps_code code)
{
	for (size_t i = 0; i < diags.n; i++)
		if (diags.v[i].code == code)
			return true;
	return false;
}

/* Score one row; check status and score ("" = no score). */
static void run(const row *r, ps_status st, const char *score, ps_ind_result *out)
{
	ps_indicator ind;
	make(&ind, r);
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_ind_result res;
	ps_score_indicator(&res, &ind, &ctx, &diags);
	char got[40] = "";
	if (res.has_score)
		ps_dec_format(got, sizeof got, res.score, 0, 6);
	if (res.status != st || strcmp(got, score) != 0)
		fail_msg("%s / %s / actual %s: status %s score '%s' (%s); want %s '%s'", r->dsl, r->target,
		         r->actual ? r->actual : "(none)", ps_status_name(res.status), got, res.explanation,
		         ps_status_name(st), score);
	lens_ok(&res);
	if (out) {
		*out = res;
		out->ind = NULL; /* the stack indicator is gone */
	} else {
		ps_ind_result_dispose(&res);
	}
}

/* Same, for a rule on a ≥100% indicator worth 10. */
static void pct(const char *dsl, const char *actual, ps_status st, const char *score)
{
	row r = {NULL, NULL, "≥", "100", "%", dsl, "10", actual, NULL, false};
	run(&r, st, score, NULL);
}

/* Score and compare the explanation text exactly (any status). */
static void says(const row *r, ps_lang lang, const char *want)
{
	ps_indicator ind;
	make(&ind, r);
	ps_score_ctx ctx = {&policy, lang, cache};
	ps_ind_result res;
	ps_score_indicator(&res, &ind, &ctx, &diags);
	if (strcmp(res.explanation, want) != 0)
		fail_msg("explanation\n got: %s\nwant: %s", res.explanation, want);
	lens_ok(&res);
	ps_ind_result_dispose(&res);
}

/* ---- the seed table ------------------------------------------------------- */

static const char *const R1 = "x>=100 => full; per 1% below => -1";
static const char *const R2 = "x>=100 => full; per 1% below => -1; min 0";
static const char *const R4 = "yes => 10; per item => -0.5";
static const char *const R5 = "grade \"优秀\" => full; grade \"一般\" => 9; grade \"差\" => 0";
static const char *const R6 = "yes => full; no => 0";
static const char *const R9 = "x>=100 => 10";

static const row seed[] = {
	{"成本指标", "整改完成率", "≥", "100", "%", R1, "20", "97%", NULL, false},
	{"产出指标", "生态环境监管执法覆盖率", "=", "100", "%", R2, "15", "100%", NULL, false},
	{"产出指标", "目标任务完成率", "≥", "100", "%", R2, "15", "98%", NULL, false},
	{"产出指标", "各项工作完成时限", "定性", "2026年12月31日前", "", R4, "10", "未完成2项", NULL, false},
	{"效益指标", "打好污染防治攻坚战", "≥", "100", "%", R5, "10", "一般", NULL, false},
	{"效益指标", "为社会发展和人民生存保障良好的生态环境", "≥", "100", "%", R6, "10", "达成预期指标", NULL, false},
	{"效益指标", "为社会发展和人民生存保障良好的生态环境", "≥", "100", "%", R6, "5", "达成预期指标", NULL, false},
	{"效益指标", "促进产业发展", "≥", "100", "%", R6, "5", "达成预期指标", NULL, false},
	{"满意度指标", "民众对生态环境满意度上升", "≥", "100", "%", R9, "10", "96%", NULL, false},
};

static void t_seed(void **state)
{
	(void)state;
	ps_unit unit = {"089012", "衡阳市生态环境局常宁分局", NULL, 0, 0, 0, PS_POS_NONE, NULL};
	ps_indicator inds[9];
	for (size_t i = 0; i < 9; i++)
		make(&inds[i], &seed[i]);
	unit.v = inds;
	unit.n = 9;
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_unit_result u;
	ps_score_unit(&u, &unit, &ctx, &diags);
	static const char *const want[] = {"17", "15", "13", "9", "9", "10", "5", "5", "9.6"};
	for (size_t i = 0; i < 9; i++) {
		char got[40];
		ps_dec_format(got, sizeof got, u.v[i].score, 0, 6);
		assert_true(u.v[i].has_score);
		if (strcmp(got, want[i]) != 0)
			fail_msg("row %zu: %s (%s), want %s", i + 1, got, u.v[i].explanation, want[i]);
		assert_int_equal(u.v[i].status, i == 8 ? PS_ST_DEFAULT_RULE : PS_ST_SCORED);
		assert_int_equal(u.v[i].rule_source, PS_RS_DSL);
	}
	assert_int_equal(u.total, 92600000);
	assert_int_equal(u.total_100, 92600000);
	assert_int_equal(u.points_total, PS_DEC(100));
	assert_int_equal(u.points_applicable, PS_DEC(100));
	assert_string_equal(u.grade, "优");
	assert_true(u.final);
	assert_int_equal(u.n_review + u.n_missing + u.n_manual, 0);
	assert_int_equal(u.n_sub, 4);
	assert_string_equal(u.sub[0].level1, "成本指标");
	assert_int_equal(u.sub[0].score, PS_DEC(17));
	assert_int_equal(u.sub[1].score, PS_DEC(37));
	assert_int_equal(u.sub[1].points, PS_DEC(40));
	assert_int_equal(u.sub[2].score, PS_DEC(29));
	assert_int_equal(u.sub[3].score, 9600000);
	assert_true(has_diag(PS_D_RULE_UNCOVERED));
	assert_int_equal(diags.n, 1);
	/* the explanations a person checks by hand */
	assert_string_equal(u.v[0].explanation,
	                    "目标≥100%，实际97%，低于基准100% 3个百分点，每1%扣1分，扣3分，得17分（满分20分）");
	assert_string_equal(u.v[3].explanation, "未完成2项，每项扣0.5分，扣1分，得9分（满分10分）");
	assert_string_equal(u.v[4].explanation, "实际“一般”，按规则“一般”得9分（满分10分）");
	assert_string_equal(u.v[5].explanation, "实际“达成预期指标”，符合得满分条件，得10分");
	assert_string_equal(u.v[8].explanation,
	                    "规则未覆盖实际值96%（仅规定达到100%得10分），按国家默认规则：96÷100×10=9.6分");
	assert_string_equal(u.v[0].canonical, R1);
	ps_unit_result_dispose(&u);
}

static void t_seed_english(void **state)
{
	(void)state;
	says(&seed[0], PS_LANG_EN,
	     "target ≥100%, actual 97%, below the baseline 100% by 3 percentage points, each 1% costs 1, 3 off: "
	     "score 17 of 20");
	says(&seed[8], PS_LANG_EN,
	     "the rule does not cover the actual 96% (it only gives ≥100%: 10 points); national default: "
	     "96÷100×10=9.6");
}

/* ---- steps, floors, caps --------------------------------------------------- */

static void t_steps(void **state)
{
	(void)state;
	pct(R1, "100%", PS_ST_SCORED, "10");
	pct(R1, "120%", PS_ST_SCORED, "10");
	pct(R1, "99.99%", PS_ST_SCORED, "9.99");
	pct(R1, "99.995%", PS_ST_SCORED, "10");       /* 9.995 rounds half up */
	pct(R1, "99.994%", PS_ST_SCORED, "9.99");
	pct(R1, "50%", PS_ST_SCORED, "0");            /* never below 0 */
	pct(R2, "50%", PS_ST_SCORED, "0");
	pct(R1, "97", PS_ST_SCORED, "7");             /* no unit: the indicator's */
	pct("x>=100 => full; per 1% below => -2; maxdeduct 5", "90%", PS_ST_SCORED, "5");
	pct("x>=100 => full; per 1% below => -2; maxdeduct 5", "98%", PS_ST_SCORED, "6");
	pct("x>=100 => full; per 1% below => -1; min 3", "50%", PS_ST_SCORED, "3");
	pct("x>=95 => full; per 1pp below => -1", "93%", PS_ST_SCORED, "8");   /* baseline 95 */
	pct("x>=95 => full; per 1% below 90 => -1", "85%", PS_ST_SCORED, "5"); /* own baseline */
	pct("x>=95 => full; per 1% below 90 => -1", "92%", PS_ST_DEFAULT_RULE, "9.2"); /* gap */
	pct("per 1% below => -1", "100%", PS_ST_SCORED, "10");  /* target as baseline, met */
	pct("per 1% below => -1", "96%", PS_ST_SCORED, "6");
	pct("per 0.5% below => -1", "99%", PS_ST_SCORED, "8");
	pct("x>=100 => 8; per 1% below => -1", "97%", PS_ST_SCORED, "5"); /* starts from 8 */
	pct("x=100 => full; per 1% off => -1", "103%", PS_ST_SCORED, "7");
	pct("x=100 => full; per 1% off => -1", "97%", PS_ST_SCORED, "7");
	pct("x>=100 => full; per 0% below => -1", "97%", PS_ST_NEEDS_REVIEW, "");
	pct("x>=target => full; per 1% below target => -1", "97%", PS_ST_SCORED, "7");
}

static void t_step_modes(void **state)
{
	(void)state;
	pct(R1, "97.5%", PS_ST_SCORED, "7.5");
	policy.steps = PS_STEPS_WHOLE;
	pct(R1, "97.5%", PS_ST_SCORED, "8");
	pct(R1, "97%", PS_ST_SCORED, "7");
	policy.steps = PS_STEPS_STARTED;
	pct(R1, "97.5%", PS_ST_SCORED, "7");
	pct(R1, "97%", PS_ST_SCORED, "7");
	policy.steps = PS_STEPS_CONTINUOUS;
	pct("x>=100 => full; per 1% below whole => -1", "97.5%", PS_ST_SCORED, "7");
	pct("x>=100 => full; per 1% below whole => -1", "97%", PS_ST_SCORED, "7");
}

static void t_units_of_steps(void **state)
{
	(void)state;
	/* per mille, reverse */
	row pm = {NULL, "森林火灾受害率", "≤", "0.3", "‰", "x<=0.3 => full; per 0.1 above => -1", "10", "0.5‰", NULL, false};
	run(&pm, PS_ST_SCORED, "8", NULL);
	/* a % step on a count: percent of the baseline */
	row cnt = {NULL, "培训人数", "≥", "200", "人", "x>=200 => full; per 10% below => -1", "10", "170人", NULL, false};
	run(&cnt, PS_ST_SCORED, "8.5", NULL);
	says(&cnt, PS_LANG_ZH,
	     "目标≥200人，实际170人，低于基准200人 30人（即基准的15%），每10%扣1分，扣1.5分，得8.5分（满分10分）");
	/* own-unit step on a count */
	row own = {NULL, "培训人数", "≥", "200", "人", "x>=200 => full; per 10 below => -1", "10", "170", NULL, false};
	run(&own, PS_ST_SCORED, "7", NULL);
	/* policy: % steps relative even on % indicators */
	policy.pct_is_pp = false;
	row rel = {NULL, NULL, "≥", "80", "%", "x>=80 => full; per 5% below => -1", "10", "72%", NULL, false};
	run(&rel, PS_ST_SCORED, "8", NULL);
	row pp = {NULL, NULL, "≥", "80", "%", "x>=80 => full; per 5pp below => -1", "10", "72%", NULL, false};
	run(&pp, PS_ST_SCORED, "8.4", NULL);
	policy.pct_is_pp = true;
	run(&rel, PS_ST_SCORED, "8.4", NULL);
	/* relative step on a zero baseline cannot be computed */
	row zero = {NULL, NULL, "≤", "0", "起", "x<=0 => full; per 10% above => -1", "10", "2起", NULL, false};
	run(&zero, PS_ST_NEEDS_REVIEW, "", NULL);
	/* reverse indicator in 万元 */
	row cost = {NULL, NULL, "≤", "5", "万元", "x<=5 => full; per 1 above => -2", "10", "6.5万元", NULL, false};
	run(&cost, PS_ST_SCORED, "7", NULL);
}

/* ---- tiers -------------------------------------------------------------- */

static void t_tiers(void **state)
{
	(void)state;
	const char *t = "x>=95 => full; 90<=x<95 => 8; x<90 => 0";
	pct(t, "95%", PS_ST_SCORED, "10");
	pct(t, "94.99%", PS_ST_SCORED, "8");
	pct(t, "90%", PS_ST_SCORED, "8");
	pct(t, "89.99%", PS_ST_SCORED, "0");
	const char *u = "x>95 => full; 90<x<=95 => 8; x<=90 => 0";
	pct(u, "95.01%", PS_ST_SCORED, "10");
	pct(u, "95%", PS_ST_SCORED, "8");
	pct(u, "90%", PS_ST_SCORED, "0");
	pct("x>=95 => full; x<95 => 50%", "90%", PS_ST_SCORED, "5");
	pct("x>=95 => full; 80<=x<90 => 6", "92%", PS_ST_DEFAULT_RULE, "9.2"); /* gap: default */
	assert_true(has_diag(PS_D_RULE_UNCOVERED));
	pct("any => 7", "3%", PS_ST_SCORED, "7");
	pct("x>=95 => 12", "99%", PS_ST_SCORED, "10"); /* never above the points */
	pct("x>=95 => -3", "99%", PS_ST_SCORED, "7");
	row tg = {NULL, NULL, "≥", "应保尽保", "", "x>=target => full", "10", "100", NULL, false};
	run(&tg, PS_ST_NEEDS_REVIEW, "", NULL);
}

/* ---- grades, yes/no, dates, items --------------------------------------- */

static void t_grades(void **state)
{
	(void)state;
	const char *g = "grade \"健全\" => full; grade \"基本健全\" => 6; grade \"不健全\" => 0";
	row r = {NULL, "制度健全性", "定性", "健全", "", g, "10", "基本健全", NULL, false};
	run(&r, PS_ST_SCORED, "6", NULL);
	r.actual = "不健全";
	run(&r, PS_ST_SCORED, "0", NULL);
	r.actual = "健全";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.actual = "制度基本健全";
	run(&r, PS_ST_SCORED, "6", NULL);
	r.actual = "管理制度健全";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.dsl = "grade \"健全\" => full";
	r.actual = "不健全"; /* 健全 after 不 is not 健全: uncovered, and a word */
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
	pct(R5, "优", PS_ST_SCORED, "10");      /* synonym */
	pct(R5, "优秀", PS_ST_SCORED, "10");
	pct(R5, "中等", PS_ST_SCORED, "9");     /* 中等 = 一般 */
	pct(R5, "较差", PS_ST_SCORED, "0");     /* contains 差 */
	pct(R5, "良好", PS_ST_NEEDS_REVIEW, ""); /* no band for 良 */
	pct("grade \"效果优秀\" => full; grade \"效果一般\" => 6", "一般", PS_ST_SCORED, "6");
	pct("grade \"达成\" => full; grade \"部分达成\" => 6", "部分达成预期指标", PS_ST_SCORED, "6");
	pct("grade \"完成\" => full", "未完成", PS_ST_DEFAULT_RULE, "0");
}

static void t_bool(void **state)
{
	(void)state;
	pct(R6, "是", PS_ST_SCORED, "10");
	pct(R6, "完成", PS_ST_SCORED, "10");
	pct(R6, "否", PS_ST_SCORED, "0");
	pct(R6, "未达成预期指标", PS_ST_SCORED, "0");
	pct(R6, "100%", PS_ST_SCORED, "10"); /* meets ≥100 */
	pct(R6, "96%", PS_ST_SCORED, "0");
	pct(R6, "部分达成预期指标", PS_ST_DEFAULT_RULE, "6"); /* neither: default band */
	pct("yes => full; no => -3", "否", PS_ST_SCORED, "7");
	pct(R6, "发生0起", PS_ST_SCORED, "10");
	pct(R6, "达成预期指标了吧", PS_ST_NEEDS_REVIEW, "");
	row le = {NULL, NULL, "≤", "5", "万元", R6, "10", "4万元", NULL, false};
	run(&le, PS_ST_SCORED, "10", NULL);
	le.actual = "6万元";
	run(&le, PS_ST_SCORED, "0", NULL);
}

static void t_items(void **state)
{
	(void)state;
	row r = {NULL, "完成时限", "定性", "2026年12月31日前", "", R4, "10", "未完成2项", NULL, false};
	run(&r, PS_ST_SCORED, "9", NULL);
	r.actual = "完成";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.actual = "2";
	run(&r, PS_ST_SCORED, "9", NULL);
	r.actual = "发生25起";
	run(&r, PS_ST_SCORED, "0", NULL);
	r.dsl = "per item => -1; maxdeduct 3";
	r.actual = "5项未完成";
	run(&r, PS_ST_SCORED, "7", NULL);
	r.dsl = "per item => -0.5";
	r.actual = "完成";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.actual = "-2";
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
	/* failed items are not the measured number */
	row m = {NULL, "研究次数", "≥", "2", "次", "per 1 below 2 => -5", "60", "未完成2项", NULL, false};
	run(&m, PS_ST_NEEDS_REVIEW, "", NULL);
	m.actual = "1次";
	run(&m, PS_ST_SCORED, "55", NULL);
}

static void t_dates(void **state)
{
	(void)state;
	const char *d = "date<=2026-12-31 => full; per 1mon late => -2";
	row r = {NULL, "完成时限", "定性", "2026年12月31日前", "", d, "10", "2026-12-20", NULL, false};
	run(&r, PS_ST_SCORED, "10", NULL);
	r.actual = "2026年12月31日";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.actual = "2027-01-31";
	run(&r, PS_ST_SCORED, "8", NULL);
	r.actual = "2027-02-15"; /* 1 month to 01-31, 15 days = 0.5 */
	run(&r, PS_ST_SCORED, "7", NULL);
	r.actual = "2027年2月"; /* month only: its end */
	run(&r, PS_ST_SCORED, "6", NULL);
	r.actual = "按时完成";
	run(&r, PS_ST_SCORED, "10", NULL);
	r.dsl = "date<=2026-11-30 => full; per 1mon late => -2"; /* month end to month end */
	r.actual = "2026-12-31";
	run(&r, PS_ST_SCORED, "8", NULL);
	r.dsl = "date<=2026-01-31 => full; per 1mon late => -1"; /* 01-31 + 1 month = 02-28 */
	r.actual = "2026-02-28";
	run(&r, PS_ST_SCORED, "9", NULL);
	r.dsl = "date<=2026-01-15 => full; per 1mon late => -1";
	r.actual = "2026-03-30"; /* 2 months to 03-15, 15 days = 0.5 */
	run(&r, PS_ST_SCORED, "7.5", NULL);
	r.dsl = "date<=2026-12-31 => full; per 1d late => -1";
	r.actual = "2027-01-05";
	run(&r, PS_ST_SCORED, "5", NULL);
	r.dsl = "date<=target => full; per 1y late => -10";
	r.actual = "2027-12-31";
	run(&r, PS_ST_SCORED, "0", NULL);
	r.actual = "2027-06-30"; /* a part year counts days/365: 181/365 */
	run(&r, PS_ST_SCORED, "5.04", NULL);
	/* no year anywhere: which year's 12-31? */
	row y0 = {NULL, "完成时限", "定性", "年底前", "", "date<=12-31 => full", "10", "2026-12-20", NULL, false};
	run(&y0, PS_ST_NEEDS_REVIEW, "", NULL);
	policy.budget_year = 2026;
	run(&y0, PS_ST_SCORED, "10", NULL);
	y0.actual = "2027-01-20"; /* late, and no rule says by how much */
	run(&y0, PS_ST_NEEDS_REVIEW, "", NULL);
	policy.budget_year = 0;
	/* the date default: no rule */
	row nd = {NULL, "完成时限", "定性", "2026年12月31日前", "", "", "10", "2026-11-30", NULL, false};
	run(&nd, PS_ST_DEFAULT_RULE, "10", NULL);
	nd.actual = "2027-01-02";
	run(&nd, PS_ST_NEEDS_REVIEW, "", NULL);
}

/* ---- proportional ------------------------------------------------------- */

static void t_prop(void **state)
{
	(void)state;
	pct("prop", "97%", PS_ST_SCORED, "9.7");
	pct("prop", "120%", PS_ST_SCORED, "10");
	pct("prop", "-5%", PS_ST_SCORED, "0");
	row le = {NULL, NULL, "≤", "100", "万元", "prop", "10", "120万元", NULL, false};
	run(&le, PS_ST_SCORED, "8.33", NULL);
	le.actual = "80万元";
	run(&le, PS_ST_SCORED, "10", NULL);
	le.actual = "0";
	run(&le, PS_ST_SCORED, "10", NULL);
	le.dsl = "prop direct";
	le.actual = "80万元";
	run(&le, PS_ST_SCORED, "8", NULL);
	row inv = {NULL, NULL, "≥", "100", "", "prop inverse", "10", "125", NULL, false};
	run(&inv, PS_ST_SCORED, "8", NULL);
	pct("x>=100 => full; prop from 60", "80%", PS_ST_SCORED, "5");
	pct("x>=100 => full; prop from 60", "50%", PS_ST_SCORED, "0");
	pct("x>=100 => full; prop from 100", "50%", PS_ST_NEEDS_REVIEW, "");
	pct("prop; min 4", "10%", PS_ST_SCORED, "4");
	row z = {NULL, NULL, "≥", "0", "", "prop", "10", "5", NULL, false};
	run(&z, PS_ST_SCORED, "10", NULL);
	row neg = {NULL, NULL, "≥", "-5", "%", "prop", "10", "3%", NULL, false};
	run(&neg, PS_ST_NEEDS_REVIEW, "", NULL);
	pct("prop", "达成预期指标", PS_ST_DEFAULT_RULE, "10"); /* not a number: default */
}

/* ---- national default --------------------------------------------------- */

static void t_default(void **state)
{
	(void)state;
	pct("", "96%", PS_ST_DEFAULT_RULE, "9.6");
	assert_true(has_diag(PS_D_RULE_DEFAULT));
	pct("", "100%", PS_ST_DEFAULT_RULE, "10");
	pct("", "150%", PS_ST_DEFAULT_RULE, "10");
	pct("", "-3%", PS_ST_DEFAULT_RULE, "0");
	row le = {NULL, NULL, "≤", "100", "万元", "", "10", "120万元", NULL, false};
	run(&le, PS_ST_DEFAULT_RULE, "8.33", NULL);
	le.actual = "100万元";
	run(&le, PS_ST_DEFAULT_RULE, "10", NULL);
	row z = {NULL, "安全事故", "≤", "0", "起", "", "10", "0起", NULL, false};
	run(&z, PS_ST_DEFAULT_RULE, "10", NULL);
	z.actual = "2起";
	run(&z, PS_ST_DEFAULT_RULE, "0", NULL);
	z.actual = "发生1起";
	run(&z, PS_ST_DEFAULT_RULE, "0", NULL);
	row ge0 = {NULL, NULL, "≥", "0", "", "", "10", "5", NULL, false};
	run(&ge0, PS_ST_DEFAULT_RULE, "10", NULL);
	ge0.actual = "-1";
	run(&ge0, PS_ST_NEEDS_REVIEW, "", NULL);
	row eq = {NULL, NULL, "=", "100", "", "", "10", "90", NULL, false};
	run(&eq, PS_ST_DEFAULT_RULE, "9", NULL);
	eq.actual = "110";
	run(&eq, PS_ST_DEFAULT_RULE, "9.09", NULL);
	eq.actual = "100";
	run(&eq, PS_ST_DEFAULT_RULE, "10", NULL);
	row txt = {NULL, NULL, "≥", "应保尽保", "", "", "10", "95%", NULL, false};
	run(&txt, PS_ST_NEEDS_REVIEW, "", NULL);
	pct("", "效果明显", PS_ST_NEEDS_REVIEW, "");
}

static void t_qualitative(void **state)
{
	(void)state;
	row q = {NULL, "社会效益", "定性", "达成预期指标", "", "", "10", "达成预期指标", NULL, false};
	run(&q, PS_ST_DEFAULT_RULE, "10", NULL);
	q.actual = "部分达成预期指标";
	run(&q, PS_ST_DEFAULT_RULE, "6", NULL);
	assert_true(has_diag(PS_D_RULE_MANUAL));
	says(&q, PS_LANG_ZH,
	     "无评分标准，按国家默认规则：实际“部分达成预期指标”，未给出评价人得分，取60%至80%区间下限60%：10×60%=6分，"
	     "需评价人确认");
	q.actual = "未达成预期指标";
	run(&q, PS_ST_DEFAULT_RULE, "0", NULL);
	q.actual = "否";
	run(&q, PS_ST_DEFAULT_RULE, "0", NULL);
	q.actual = "部分达成预期指标";
	q.given = "7.5";
	run(&q, PS_ST_MANUAL, "7.5", NULL);
	q.given = NULL;
	policy.qual_mode = PS_QUAL_UPPER;
	run(&q, PS_ST_DEFAULT_RULE, "8", NULL);
	policy.qual_mode = PS_QUAL_MANUAL;
	run(&q, PS_ST_MANUAL, "", NULL);
	policy.qual_mode = PS_QUAL_LOWER;
	q.actual = "良好";
	run(&q, PS_ST_NEEDS_REVIEW, "", NULL);
}

/* ---- statuses ---------------------------------------------------------- */

static void t_statuses(void **state)
{
	(void)state;
	row r = {NULL, NULL, "≥", "100", "%", R1, "10", NULL, NULL, false};
	run(&r, PS_ST_MISSING, "", NULL);
	assert_true(has_diag(PS_D_NO_ACTUAL));
	r.actual = "";
	run(&r, PS_ST_MISSING, "", NULL);
	r.actual = "97%";
	r.na = true;
	run(&r, PS_ST_NOT_APPLICABLE, "", NULL);
	r.na = false;
	r.actual = "不适用";
	run(&r, PS_ST_NOT_APPLICABLE, "", NULL);
	r.actual = "/";
	run(&r, PS_ST_NOT_APPLICABLE, "", NULL);
	policy.na = PS_NA_FULL;
	run(&r, PS_ST_NOT_APPLICABLE, "10", NULL);
	policy.na = PS_NA_ZERO;
	run(&r, PS_ST_NOT_APPLICABLE, "0", NULL);
	policy.na = PS_NA_RESCALE;
	/* unit mismatch */
	r.actual = "48个";
	size_t before = diags.n;
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
	assert_true(diags.n > before && diags.v[diags.n - 1].code == PS_D_BAD_ACTUAL);
	assert_int_equal(diags.v[diags.n - 1].pos.line, 3); /* at the actual's row */
	/* no points */
	r.actual = "97%";
	r.points = "";
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
	r.points = "10";
	/* unreadable text in a number rule */
	r.actual = "基本完成了吧";
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
}

static void t_manual(void **state)
{
	(void)state;
	row r = {NULL, NULL, "≥", "100", "%", "manual", "10", "97%", "8", false};
	run(&r, PS_ST_MANUAL, "8", NULL);
	r.given = NULL;
	run(&r, PS_ST_MANUAL, "", NULL);
	assert_true(has_diag(PS_D_RULE_MANUAL));
	r.given = "12";
	run(&r, PS_ST_MANUAL, "10", NULL);
	r.given = "-1";
	run(&r, PS_ST_MANUAL, "0", NULL);
	r.given = "8";
	r.actual = NULL; /* a person scored it without an actual value */
	run(&r, PS_ST_MANUAL, "8", NULL);
	r.given = NULL;
	run(&r, PS_ST_MISSING, "", NULL);
	/* a discretionary part makes the whole rule manual */
	r.dsl = "x>=100 => full; manual";
	r.actual = "100%";
	run(&r, PS_ST_MANUAL, "", NULL);
	/* given scores are ignored where the rule computes */
	r.dsl = R1;
	r.given = "3";
	run(&r, PS_ST_SCORED, "10", NULL);
}

static void t_unreadable_rule(void **state)
{
	(void)state;
	row r = {NULL, NULL, "≥", "100", "%", "x>=100 full", "10", "97%", NULL, false};
	size_t before = diags.n;
	run(&r, PS_ST_NEEDS_REVIEW, "", NULL);
	assert_true(diags.n > before && diags.v[before].code == PS_D_RULE_DSL);
	says(&r, PS_LANG_ZH, "规则第8个字起无法识别：“full”，需人工评分（expected '=>' after the condition）");
	/* a Chinese rule while the compiler is not linked in, or unread text */
	ps_indicator ind;
	make(&ind, &r);
	ind.rule_dsl = "";
	ind.rule_text = "按上级考核结果酌情确定";
	ps_rule *bad = ps_rule_new();
	bad->ok = false;
	bad->err_pos = 2;
	bad->err_msg = strdup("unknown words");
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_ind_result res;
	ps_score_explain(&res, bad, &ind, &ctx, &diags);
	assert_int_equal(res.status, PS_ST_NEEDS_REVIEW);
	assert_false(res.has_score);
	assert_string_equal(res.explanation, "规则第3个字起无法识别：“级考核结果酌情确定”，需人工评分（unknown words）");
	assert_string_equal(res.canonical, "?");
	ps_ind_result_dispose(&res);
	ps_rule_free(bad);
	/* an empty rule is the default */
	ps_rule *empty = ps_rule_new();
	ind.rule_text = "";
	ps_score_explain(&res, empty, &ind, &ctx, &diags);
	assert_int_equal(res.status, PS_ST_DEFAULT_RULE);
	assert_int_equal(res.rule_source, PS_RS_DEFAULT);
	assert_string_equal(res.canonical, "");
	ps_ind_result_dispose(&res);
	ps_rule_free(empty);
}

static void t_bonus_deviation(void **state)
{
	(void)state;
	ps_ind_result res;
	row r = {NULL, NULL, "≥", "100", "%", "x>=100 => full; bonus 2", "10", "100%", NULL, false};
	run(&r, PS_ST_SCORED, "10", &res);
	assert_int_equal(res.bonus, PS_DEC(2));
	assert_true(strstr(res.explanation, "加分2分") != NULL);
	ps_ind_result_dispose(&res);
	assert_true(has_diag(PS_D_RULE_BONUS));
	policy.deviation_penalty = true;
	pct("x>=100 => full", "140%", PS_ST_SCORED, "8");
	pct("x>=100 => full", "129%", PS_ST_SCORED, "10");
	pct("", "130%", PS_ST_DEFAULT_RULE, "8");
	policy.deviation_penalty = false;
}

static void t_sources(void **state)
{
	(void)state;
	ps_indicator ind;
	row r = {NULL, NULL, "≥", "100", "%", R9, "10", "100%", NULL, false};
	make(&ind, &r);
	ind.rule_text = "满意度达到100%得10分";
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_ind_result res;
	ps_score_indicator(&res, &ind, &ctx, &diags);
	assert_int_equal(res.rule_source, PS_RS_DSL); /* 计分规则 overrides the text */
	assert_int_equal(res.score, PS_DEC(10));
	ps_ind_result_dispose(&res);
	ind.rule_dsl = "";
	ind.rule_text = "";
	ps_score_indicator(&res, &ind, &ctx, &diags);
	assert_int_equal(res.rule_source, PS_RS_DEFAULT);
	assert_int_equal(res.status, PS_ST_DEFAULT_RULE);
	ps_ind_result_dispose(&res);
	/* no cache: compiled for the call */
	ind.rule_dsl = "x>=100 => 9";
	ctx.cache = NULL;
	ps_score_indicator(&res, &ind, &ctx, &diags);
	assert_int_equal(res.score, PS_DEC(9));
	lens_ok(&res);
	ps_ind_result_dispose(&res);
	assert_string_equal(ps_status_name(PS_ST_DEFAULT_RULE), "default_rule");
	assert_string_equal(ps_status_name(PS_ST_NEEDS_REVIEW), "needs_review");
	assert_string_equal(ps_status_name(PS_ST_NOT_APPLICABLE), "not_applicable");
}

/* ---- a unit: rescaling, finality, rounding ------------------------------ */

static void t_unit(void **state)
{
	(void)state;
	row rows[] = {
		{"产出指标", "a", "≥", "100", "%", R1, "30", "97%", NULL, false},
		{"产出指标", "b", "≥", "3", "", "prop", "20", "1", NULL, false},          /* 6.666667 → 6.67 */
		{"效益指标", "c", "≥", "100", "%", R1, "30", "97%", NULL, true}, /* not applicable */
		{"满意度指标", "d", "≥", "3", "", "prop", "20", "2", NULL, false},        /* 13.33 */
	};
	ps_indicator inds[4];
	for (int i = 0; i < 4; i++)
		make(&inds[i], &rows[i]);
	ps_unit unit = {"1", "u", inds, 4, 4, 0, PS_POS_NONE, NULL};
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_unit_result u;
	ps_score_unit(&u, &unit, &ctx, &diags);
	assert_int_equal(u.v[1].score, 6670000);
	assert_int_equal(u.total, 27000000 + 6670000 + 13330000); /* 47, sum of rounded */
	assert_int_equal(u.points_total, PS_DEC(100));
	assert_int_equal(u.points_applicable, PS_DEC(70));
	assert_int_equal(u.total_100, 67140000); /* 47 × 100 / 70 = 67.142857 */
	assert_string_equal(u.grade, "中");
	assert_true(u.final);
	assert_int_equal(u.n_sub, 3);
	assert_int_equal(u.sub[1].points, 0);
	ps_unit_result_dispose(&u);
	/* full marks for not-applicable rows */
	policy.na = PS_NA_FULL;
	ps_score_unit(&u, &unit, &ctx, &diags);
	assert_int_equal(u.total, PS_DEC(77));
	assert_int_equal(u.total_100, PS_DEC(77));
	ps_unit_result_dispose(&u);
	policy.na = PS_NA_RESCALE;
	/* a missing actual leaves the total open */
	inds[0].has_actual = false;
	ps_score_unit(&u, &unit, &ctx, &diags);
	assert_false(u.final);
	assert_int_equal(u.n_missing, 1);
	assert_int_equal(u.total, 20000000);
	ps_unit_result_dispose(&u);
	/* an empty unit */
	ps_unit none = {"2", "empty", NULL, 0, 0, 0, PS_POS_NONE, NULL};
	ps_score_unit(&u, &none, &ctx, &diags);
	assert_int_equal(u.total_100, 0);
	assert_string_equal(u.grade, "差");
	assert_true(u.final);
	ps_unit_result_dispose(&u);
}

/* ---- the 预算执行率 row and the execution-rate cap (SPEC §6.5) ----------- */

static ps_budget block(const char *full, const char *spent, const char *points, const char *given)
{
	ps_budget b;
	memset(&b, 0, sizeof b);
	b.present = true;
	b.has_full = ps_dec_parse(&b.full, full, strlen(full)) > 0;
	b.has_spent = ps_dec_parse(&b.spent, spent, strlen(spent)) > 0;
	b.has_points = points && ps_dec_parse(&b.points, points, strlen(points)) > 0;
	b.has_score = given && ps_dec_parse(&b.score, given, strlen(given)) > 0;
	b.pos = (ps_pos){"selfeval.csv", 6, 0, -1};
	return b;
}

/* A unit of two met indicators, 50 + 40 points. */
static ps_unit ninety(ps_indicator inds[2])
{
	const row rows[] = {
		{"产出指标", "a", "≥", "100", "%", R1, "50", "100%", NULL, false},
		{"效益指标", "b", "≥", "100", "%", R1, "40", "100%", NULL, false},
	};
	for (int i = 0; i < 2; i++)
		make(&inds[i], &rows[i]);
	return (ps_unit){"1", "u", inds, 2, 2, 0, PS_POS_NONE, NULL};
}

static void t_budget(void **state)
{
	(void)state;
	ps_indicator inds[2];
	ps_unit unit = ninety(inds);
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_unit_result u;
	/* 456 ÷ 480 = 95.00%: 9.50 of 10, added to the total, not to a subtotal */
	ps_budget b = block("480", "456", "10", "10");
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_ptr_equal(u.budget.block, &b);
	assert_true(u.budget.scored);
	assert_true(u.budget.has_rate);
	assert_int_equal(u.budget.rate, PS_DEC(95));
	assert_int_equal(u.budget.score, 9500000);
	assert_int_equal(u.points_total, PS_DEC(100));
	assert_int_equal(u.total, 99500000);
	assert_int_equal(u.total_100, 99500000);
	assert_int_equal(u.sub[0].score + u.sub[1].score, PS_DEC(90));
	assert_string_equal(u.budget.explanation, "执行率=全年执行数456÷全年预算数480=95.00%，得分=95.00%×10=9.50分");
	assert_false(u.capped);
	assert_true(u.final);
	ps_unit_result_dispose(&u);
	/* the printed rate times the points: 2 ÷ 3 = 66.67% → 6.67 of 10 */
	b = block("3", "2", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_int_equal(u.budget.rate, 66670000);
	assert_int_equal(u.budget.score, 6670000);
	ps_unit_result_dispose(&u);
	/* above 100% counts as 100%; the rate is reported as it is */
	b = block("100", "102.59", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_int_equal(u.budget.rate, 102590000);
	assert_int_equal(u.budget.score, PS_DEC(10));
	assert_true(strstr(u.budget.explanation, "超过100%按100%计") != NULL);
	ps_unit_result_dispose(&u);
	/* no 分值 in the block: the policy's points (20 here) */
	policy.budget_points = PS_DEC(20);
	b = block("100", "50", NULL, NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_int_equal(u.budget.points, PS_DEC(20));
	assert_int_equal(u.budget.score, PS_DEC(10));
	assert_int_equal(u.points_total, PS_DEC(110));
	assert_int_equal(u.total_100, 90910000); /* 100 of 110 */
	ps_unit_result_dispose(&u);
	policy.budget_points = PS_DEC(10);
	/* a budget of 0: no rate, a warning, the unit is not final */
	b = block("0", "5", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_false(u.budget.has_rate);
	assert_false(u.budget.has_score);
	assert_false(u.final);
	assert_int_equal(u.n_review, 1);
	assert_int_equal(u.points_total, PS_DEC(100));
	assert_int_equal(u.total, PS_DEC(90));
	assert_true(has_diag(PS_D_BAD_VALUE));
	ps_unit_result_dispose(&u);
	/* budget_rate off: the row is reported, not counted */
	policy.budget_rate = false;
	b = block("480", "456", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_false(u.budget.scored);
	assert_int_equal(u.budget.score, 9500000);
	assert_int_equal(u.points_total, PS_DEC(90));
	assert_int_equal(u.total_100, PS_DEC(100));
	ps_unit_result_dispose(&u);
	policy.budget_rate = true;
	/* no block: as ps_score_unit */
	ps_score_unit_budget(&u, &unit, NULL, &ctx, &diags);
	assert_null(u.budget.block);
	assert_string_equal(u.budget.explanation, "");
	assert_int_equal(u.points_total, PS_DEC(90));
	ps_unit_result_dispose(&u);
	b.present = false;
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_null(u.budget.block);
	ps_unit_result_dispose(&u);
	/* English */
	ctx.lang = PS_LANG_EN;
	b = block("480", "456", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_string_equal(u.budget.explanation,
	                    "execution rate = spent 456 ÷ full-year budget 480 = 95.00%; score 95.00% × 10 = 9.50");
	ps_unit_result_dispose(&u);
}

static void t_exec_cap(void **state)
{
	(void)state;
	ps_indicator inds[2];
	ps_unit unit = ninety(inds);
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_unit_result u;
	ps_budget b = block("100", "75", "10", NULL); /* 75%: 90 + 7.5 = 97.5 */
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_false(u.capped); /* exec_cap is off by default */
	assert_int_equal(u.total_100, 97500000);
	assert_string_equal(u.grade, "优");
	ps_unit_result_dispose(&u);
	policy.exec_cap = true;
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_true(u.capped);
	assert_int_equal(u.cap, PS_DEC(89));
	assert_int_equal(u.total_100, PS_DEC(89));
	assert_int_equal(u.total_100_uncapped, 97500000);
	assert_int_equal(u.total, 97500000); /* the plain sum stays */
	assert_string_equal(u.grade, "良");
	ps_unit_result_dispose(&u);
	/* 55%: capped at 69 */
	b = block("100", "55", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_int_equal(u.total_100, PS_DEC(69));
	assert_string_equal(u.grade, "中");
	ps_unit_result_dispose(&u);
	/* a total already under its cap is left alone */
	inds[0].actual_text = "50%"; /* 0 of 50: 47.5 in all */
	b = block("100", "75", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_false(u.capped);
	assert_int_equal(u.total_100, 47500000);
	ps_unit_result_dispose(&u);
	inds[0].actual_text = "100%";
	/* 80.00% is not below 80: not capped; no block: not capped */
	b = block("100", "80", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_false(u.capped);
	ps_unit_result_dispose(&u);
	ps_score_unit_budget(&u, &unit, NULL, &ctx, &diags);
	assert_false(u.capped);
	assert_int_equal(u.total_100, PS_DEC(100));
	ps_unit_result_dispose(&u);
	/* the cap and the deviation penalty together */
	policy.deviation_penalty = true;
	inds[0].actual_text = "140%";
	b = block("100", "75", "10", NULL);
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_int_equal(u.v[0].score, PS_DEC(48));
	assert_int_equal(u.total_100_uncapped, 95500000);
	assert_int_equal(u.total_100, PS_DEC(89));
	ps_unit_result_dispose(&u);
	inds[0].actual_text = "100%";
	policy.deviation_penalty = false;
	policy.exec_cap = false;
}

static void t_explanations(void **state)
{
	(void)state;
	row r = {NULL, NULL, "≥", "100", "%", "x>=95 => full; 90<=x<95 => 8; x<90 => 0", "10", "92%", NULL, false};
	says(&r, PS_LANG_ZH, "实际92%，符合“90%≤x<95%”，得8分（满分10分）");
	says(&r, PS_LANG_EN, "actual 92% is in \"90%≤x<95%\": score 8 of 10");
	row d = {NULL, NULL, "定性", "2026年12月31日前", "", "date<=2026-12-31 => full; per 1mon late => -2", "10",
	         "2027-02-15", NULL, false};
	says(&d, PS_LANG_ZH, "实际完成日期2027-02-15，比期限2026-12-31晚1.5个月，每1个月扣2分，扣3分，得7分（满分10分）");
	row p = {NULL, NULL, "≤", "100", "万元", "prop", "10", "120万元", NULL, false};
	says(&p, PS_LANG_ZH, "实际120万元，按完成比例：100÷120×10=8.33分");
	row m = {NULL, NULL, "≥", "100", "%", "x>=100 => full; per 1% below => -2; maxdeduct 5", "10", "90%", NULL, false};
	says(&m, PS_LANG_ZH,
	     "目标≥100%，实际90%，低于基准100% 10个百分点，每1%扣2分，扣5分（计20分，最多扣5分），得5分（满分10分）");
	row f = {NULL, NULL, "≥", "100", "%", R2, "10", "50%", NULL, false};
	says(&f, PS_LANG_ZH, "目标≥100%，实际50%，低于基准100% 50个百分点，每1%扣1分，扣50分，扣完为止，得0分（满分10分）");
	row u = {NULL, NULL, "≥", "100", "%", R1, "10", "48个", NULL, false};
	says(&u, PS_LANG_ZH, "实际值48个的单位与指标单位“%”不一致，需人工核对");
	row n = {NULL, NULL, "≥", "100", "%", R1, "10", NULL, NULL, false};
	says(&n, PS_LANG_ZH, "无实际完成值，未评分");
	says(&n, PS_LANG_EN, "no actual value: not scored");
	row g = {NULL, NULL, "≥", "100", "%", R5, "10", "优", NULL, false};
	says(&g, PS_LANG_ZH, "实际“优”，按规则“优秀”得满分10分");
}

/* Texts copied into an explanation at every length around the copy's
 * 4-, 8- and 16-byte steps, and cut at 40 characters, say exactly what
 * they said: the quoted actual, and a number with a unit beside it. */
static void t_explain_copy_lengths(void **state)
{
	(void)state;
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const size_t lens[] = {1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 39, 40, 41, 52};
	for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
		char actual[64], want[256];
		size_t n = lens[i];
		memcpy(actual, abc, n);
		actual[n] = '\0';
		char q[64];
		snprintf(q, sizeof q, "“%.*s%s”", (int)(n > 40 ? 40 : n), abc, n > 40 ? "…" : "");
		snprintf(want, sizeof want, "规则未覆盖实际值%s，按国家默认规则：实际值%s无法按规则读取，需人工评分", q, q);
		row r = {NULL, NULL, "≥", "100", "%", R1, "10", actual, NULL, false};
		says(&r, PS_LANG_ZH, want);
	}
	row u = {NULL, NULL, "≥", "100", "%", R1, "10", "123456789.123456个", NULL, false};
	says(&u, PS_LANG_ZH, "实际值123456789.123456个的单位与指标单位“%”不一致，需人工核对");
}

/* A unit's texts share one block (ps_unit_result.block): each row says
 * what it says scored alone, with its lengths, also when the block had to
 * grow (long "only gives" explanations and canonical forms); a row
 * disposed by itself leaves the block to the unit. */
static void t_unit_block(void **state)
{
	(void)state;
	static const char *const tiers = "x>=100 => full; 95<=x<96 => 9; 90<=x<91 => 8; 85<=x<86 => 7; "
	                                  "80<=x<81 => 6; 75<=x<76 => 5; 70<=x<71 => 4; 65<=x<66 => 3";
	const row kinds[] = {
		{"产出指标", "a", "≥", "100", "%", tiers, "10", "97%", NULL, false},
		{"产出指标", "b", "≥", "100", "%", tiers, "10", "99%", NULL, false},
		{"效益指标", "c", "≥", "100", "%", tiers, "10", NULL, NULL, false},
		{"产出指标", "d", "≥", "3", "", "prop", "20", "2", NULL, false},
	};
	enum { N = 40 };
	ps_indicator inds[N];
	for (int i = 0; i < N; i++)
		make(&inds[i], &kinds[i % 4]);
	ps_unit unit = {"1", "u", inds, N, N, 0, PS_POS_NONE, NULL};
	ps_score_ctx ctx = {&policy, PS_LANG_ZH, cache};
	ps_unit_result u;
	ps_score_unit_budget(&u, &unit, NULL, &ctx, &diags);
	assert_non_null(u.block);
	assert_true(u.block_len > (size_t)(192 * N + 64)); /* it grew */
	for (int i = 0; i < N; i++) {
		ps_ind_result one;
		ps_diags d = PS_DIAGS_INIT;
		ps_score_indicator(&one, &inds[i], &ctx, &d);
		assert_true(u.v[i].in_block);
		assert_false(one.in_block);
		assert_string_equal(u.v[i].explanation, one.explanation);
		assert_string_equal(u.v[i].canonical, one.canonical);
		lens_ok(&u.v[i]);
		assert_true(u.v[i].explanation >= u.block && u.v[i].canonical < u.block + u.block_len);
		ps_ind_result_dispose(&one);
		ps_diags_dispose(&d);
	}
	assert_true(strstr(u.v[0].explanation, "仅规定") != NULL);
	assert_string_equal(u.budget.explanation, "");
	assert_int_equal(u.n_sub, 2);
	assert_int_equal(u.sub[0].points, PS_DEC(10 * (10 + 10 + 20)));
	assert_string_equal(u.v[2].explanation, "无实际完成值，未评分");
	/* a row let go by itself: the unit still frees the block */
	ps_ind_result_dispose(&u.v[1]);
	assert_null(u.v[1].explanation);
	ps_unit_result_dispose(&u);
	assert_null(u.block);
	assert_null(u.v);
	/* with a 项目资金 block, its explanation is its own */
	ps_budget b = block("480", "456", "10", "10");
	ps_score_unit_budget(&u, &unit, &b, &ctx, &diags);
	assert_string_equal(u.budget.explanation, "执行率=全年执行数456÷全年预算数480=95.00%，得分=95.00%×10=9.50分");
	assert_string_equal(u.v[3].explanation, "实际2，按完成比例：2÷3×20=13.33分");
	ps_unit_result_dispose(&u);
}

/* Through the cache: each row scored through the cache (the second time
 * from its memos of rules, values and units) says what it says without a
 * cache, and two rules that differ only where an uncovered default lists
 * them keep their own words. */
static void t_memo(void **state)
{
	(void)state;
	static const row rows[] = {
		{NULL, NULL, "≥", "100", "%", "x>=100 => full; x<100 => 0", "10", "100%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full; 90<=x<100 => 5", "10", "100%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full", "10", "96%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=98 => full", "10", "96%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full", "10", " 96% ", NULL, false},
		{NULL, NULL, "≥", "100", "人", "x>=100 => full", "10", "96%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full; per 1% below => -1", "10", "97%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full; per 1% below => -1", "5", "97%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full; per 1% below => -2", "10", "97%", NULL, false},
		{NULL, NULL, "≥", "100", "%", R5, "10", "优", NULL, false},
		{NULL, NULL, "≥", "100", "%", "grade \"优\" => full", "10", "优", NULL, false},
		{NULL, NULL, "定性", "是", "", R6, "5", "是", NULL, false},
		{NULL, NULL, "定性", "是", "", "", "5", "否", NULL, false},
		{NULL, NULL, "≥", "100", "%", R1, "10", NULL, NULL, false},
		{NULL, NULL, "≥", "100", "%", R1, "", "90%", NULL, false},
		{NULL, NULL, "≥", "100", "%", "x>=100 => full ?? nonsense", "10", "90%", NULL, false},
		{NULL, NULL, "≥", "200", "人", "x>=100% => full; per 1% below => -1", "10", "180人", NULL, false},
	};
	for (int lang = 0; lang < 2; lang++)
		for (int pass = 0; pass < 3; pass++)
			for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
				ps_indicator ind;
				make(&ind, &rows[i]);
				ps_score_ctx with = {&policy, (ps_lang)lang, cache}, without = {&policy, (ps_lang)lang, NULL};
				ps_ind_result a, b;
				ps_diags da = PS_DIAGS_INIT, db = PS_DIAGS_INIT;
				ps_score_indicator(&a, &ind, &with, &da);
				ps_score_indicator(&b, &ind, &without, &db);
				assert_string_equal(a.explanation, b.explanation);
				assert_string_equal(a.canonical, b.canonical);
				assert_int_equal(a.status, b.status);
				assert_int_equal(a.score, b.score);
				lens_ok(&a);
				lens_ok(&b);
				assert_int_equal(da.n, db.n);
				for (size_t k = 0; k < da.n; k++)
					assert_string_equal(da.v[k].msg, db.v[k].msg);
				ps_ind_result_dispose(&a);
				ps_ind_result_dispose(&b);
				ps_diags_dispose(&da);
				ps_diags_dispose(&db);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t_seed, setup, teardown),
		cmocka_unit_test_setup_teardown(t_seed_english, setup, teardown),
		cmocka_unit_test_setup_teardown(t_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(t_step_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(t_units_of_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(t_tiers, setup, teardown),
		cmocka_unit_test_setup_teardown(t_grades, setup, teardown),
		cmocka_unit_test_setup_teardown(t_bool, setup, teardown),
		cmocka_unit_test_setup_teardown(t_items, setup, teardown),
		cmocka_unit_test_setup_teardown(t_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(t_prop, setup, teardown),
		cmocka_unit_test_setup_teardown(t_default, setup, teardown),
		cmocka_unit_test_setup_teardown(t_qualitative, setup, teardown),
		cmocka_unit_test_setup_teardown(t_statuses, setup, teardown),
		cmocka_unit_test_setup_teardown(t_manual, setup, teardown),
		cmocka_unit_test_setup_teardown(t_unreadable_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(t_bonus_deviation, setup, teardown),
		cmocka_unit_test_setup_teardown(t_sources, setup, teardown),
		cmocka_unit_test_setup_teardown(t_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(t_budget, setup, teardown),
		cmocka_unit_test_setup_teardown(t_exec_cap, setup, teardown),
		cmocka_unit_test_setup_teardown(t_explanations, setup, teardown),
		cmocka_unit_test_setup_teardown(t_explain_copy_lengths, setup, teardown),
		cmocka_unit_test_setup_teardown(t_memo, setup, teardown),
		cmocka_unit_test_setup_teardown(t_unit_block, setup, teardown),
	};
	return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
