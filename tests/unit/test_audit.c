/* test_audit.c: a filled self-evaluation checked against computed scores
 * (SPEC §6.7): each kind of finding, the tolerance, the stated total row,
 * the verdict per row, messages in both languages. Tables are loaded from
 * CSV text through the public API, as a user's file would be. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/perfscore.h"

/* A self-evaluation loaded, scored and audited. */
typedef struct {
	ps_source *src;
	ps_table *table;
	ps_rule_cache *cache;
	ps_policy policy;
	ps_diags diags;
	ps_unit_result res;
	ps_audit audit;
} run;

static void audit_csv(run *r, const char *csv, ps_dec tolerance, ps_lang lang)
{
	memset(r, 0, sizeof *r);
	ps_load_options lo = PS_LOAD_OPTIONS_INIT;
	assert_int_equal(ps_source_from_mem(&r->src, "self.csv", csv, strlen(csv), PS_ENC_UTF8, &r->diags), PS_OK);
	assert_int_equal(ps_table_load(&r->table, r->src, &lo, &r->diags), PS_OK);
	assert_int_equal(r->table->n_units, 1);
	ps_policy_init(&r->policy);
	r->cache = ps_rule_cache_new();
	ps_score_ctx ctx = {&r->policy, lang, r->cache};
	ps_score_unit_budget(&r->res, &r->table->units[0], &r->table->budget[0], &ctx, &r->diags);
	ps_audit_options ao = {tolerance, lang, 2};
	ps_audit_unit(&r->audit, &r->res, &r->table->stated[0], &ao);
}

static void run_free(run *r)
{
	ps_audit_dispose(&r->audit);
	ps_unit_result_dispose(&r->res);
	ps_rule_cache_free(r->cache);
	ps_table_free(r->table);
	ps_source_free(r->src);
	ps_diags_dispose(&r->diags);
}

/* The findings' kinds in order, as "score_differs,no_reason,...". */
static char *kinds(const ps_audit *a)
{
	ps_buf b = PS_BUF_INIT;
	for (size_t i = 0; i < a->n; i++) {
		if (i)
			ps_buf_addc(&b, ',');
		ps_buf_adds(&b, ps_audit_kind_name(a->v[i].kind));
	}
	return ps_buf_detach(&b);
}

static const ps_audit_finding *find(const ps_audit *a, ps_audit_kind k)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].kind == k)
			return &a->v[i];
	return NULL;
}

static void check_kinds(const ps_audit *a, const char *want)
{
	char *got = kinds(a);
	assert_string_equal(got, want);
	free(got);
}

/* The fixture of tests/golden/audit_*: every kind of fault in one table. */
static const char *const wrong =
	"项目支出绩效自评表,,,,,,,,,\n"
	"项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分,,\n"
	",年度资金总额,500,480,456,10,95%,10,,\n"
	"绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,评（扣）分标准,偏差原因分析及改进措施\n"
	",产出指标,数量指标,改造村数,≥12个,11个,20,18.33,每少1个扣2分,1个村因选址调整延至次年\n"
	",,质量指标,工程验收合格率,100%,100%,15,15,达到100%得满分,\n"
	",,成本指标,单村改造成本,≤50万元,40万元,10,8,,\n"
	",,时效指标,完工时间,2025年11月30日前,2025年12月20日,15,12,按期完成得满分，每延迟1天扣0.1分,汛期延误\n"
	",效益指标,社会效益指标,受益人口,≥8000人,7600人,10,6,每少100人扣1分,\n"
	",,可持续影响指标,管理制度健全性,健全,基本健全,10,7,视情况酌情扣分,制度尚在修订\n"
	",满意度指标,服务对象满意度指标,受益群众满意度,≥90%,93%,10,10,,\n"
	"总分,,,,,,100,96,,\n";

static void t_wrong_scores(void **state)
{
	(void)state;
	run r;
	audit_csv(&r, wrong, 10000, PS_LANG_ZH);
	const ps_audit *a = &r.audit;
	check_kinds(a, "budget_differs,score_differs,reverse_scored,no_reason,score_differs,no_reason,total_differs,"
	               "total_recomputed");
	assert_int_equal(a->n_diff, 6);
	/* the stated total row and the sum of the given scores */
	assert_true(a->stated.present);
	assert_int_equal(a->stated.score, PS_DEC(96));
	assert_int_equal(a->stated.points, PS_DEC(100));
	assert_int_equal(a->stated.pos.line, 12);
	assert_true(a->has_given_sum);
	assert_int_equal(a->given_sum, 86330000); /* 10 + 18.33 + 15 + 8 + 12 + 6 + 7 + 10 */
	/* per row */
	assert_int_equal(a->rows[0].verdict, PS_AV_DIFFERS);
	assert_int_equal(a->rows[0].diff, 330000);
	assert_int_equal(a->rows[1].verdict, PS_AV_MATCH);
	assert_int_equal(a->rows[2].verdict, PS_AV_DIFFERS);
	assert_int_equal(a->rows[2].diff, -PS_DEC(2));
	assert_int_equal(a->rows[3].diff, -PS_DEC(1));
	assert_int_equal(a->rows[4].verdict, PS_AV_MATCH);
	assert_int_equal(a->rows[5].verdict, PS_AV_KEPT); /* 酌情: the given 7 is kept */
	assert_int_equal(a->rows[6].verdict, PS_AV_MATCH);
	/* the findings' numbers and words */
	const ps_audit_finding *f = &a->v[1];
	assert_int_equal(f->index, 0);
	assert_int_equal(f->given, 18330000);
	assert_int_equal(f->computed, PS_DEC(18));
	assert_true(f->over);
	assert_int_equal(f->pos.line, 5);
	assert_string_equal(f->message, "“改造村数”：给定得分18.33分，应为18分（差0.33分）。计算依据："
	                                "目标≥12个，实际11个，低于基准12个 1个，每1个扣2分，扣2分，得18分（满分20分）");
	f = find(a, PS_AUD_REVERSE);
	assert_int_equal(f->index, 2);
	assert_int_equal(f->diff, -PS_DEC(2));
	assert_string_equal(f->message, "“单村改造成本”：反向指标（≤）按正向计分：给定8分即实际÷目标×分值（40÷50×10）；"
	                                "越低越好，应为10分（差-2分）");
	f = find(a, PS_AUD_BUDGET);
	assert_int_equal(f->index, PS_AUDIT_UNIT);
	assert_int_equal(f->given, PS_DEC(10));
	assert_int_equal(f->computed, 9500000);
	assert_int_equal(f->pos.line, 3);
	f = find(a, PS_AUD_TOTAL);
	assert_int_equal(f->diff, 9670000);
	assert_string_equal(f->message, "表内总分96分与各项得分之和86.33分不符（差9.67分）");
	f = find(a, PS_AUD_RECOMPUTED);
	assert_int_equal(f->computed, 88500000);
	assert_int_equal(f->diff, 7500000);
	f = &a->v[3];
	assert_int_equal(f->kind, PS_AUD_NO_REASON);
	assert_false(f->over);
	assert_string_equal(f->message, "“单村改造成本”：得分8分低于满分10分，未填写偏差原因");
	run_free(&r);
}

static void t_tolerance(void **state)
{
	(void)state;
	run r;
	/* within 1 point: 0.5, 0.33 and -1 are equal; -2 and the totals are not */
	audit_csv(&r, wrong, PS_DEC(1), PS_LANG_ZH);
	check_kinds(&r.audit, "reverse_scored,no_reason,no_reason,total_differs,total_recomputed");
	assert_int_equal(r.audit.n_diff, 3);
	assert_int_equal(r.audit.rows[0].verdict, PS_AV_MATCH);
	assert_int_equal(r.audit.rows[0].diff, 330000); /* the difference is still reported */
	run_free(&r);
	/* exactly the tolerance is equal; a hair more is not */
	audit_csv(&r, wrong, 330000, PS_LANG_ZH);
	assert_int_equal(r.audit.rows[0].verdict, PS_AV_MATCH);
	run_free(&r);
	audit_csv(&r, wrong, 329999, PS_LANG_ZH);
	assert_int_equal(r.audit.rows[0].verdict, PS_AV_DIFFERS);
	run_free(&r);
}

static void t_english(void **state)
{
	(void)state;
	run r;
	audit_csv(&r, wrong, 10000, PS_LANG_EN);
	const ps_audit_finding *f = find(&r.audit, PS_AUD_REVERSE);
	assert_string_equal(f->message, "\"单村改造成本\": a reverse (≤) indicator scored as if higher were better: the "
	                                "given 8 is actual ÷ target × points (40÷50×10); lower is better, so it is 10 "
	                                "(difference -2)");
	f = find(&r.audit, PS_AUD_TOTAL);
	assert_string_equal(f->message, "the table's total 96 is not the sum of its scores 86.33 (difference 9.67)");
	run_free(&r);
}

/* Rows perfscore cannot score, rows without a given score, 小计 rows. */
static void t_unchecked(void **state)
{
	(void)state;
	const char *csv =
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因\n"
		"产出指标,时效指标,完工时间,2025年11月30日前,2025年12月20日,15,12,汛期\n"
		"产出指标,数量指标,改造村数,≥12个,12个,20,,\n"
		"产出指标,质量指标,合格率,100%,,15,15,\n"
		"产出指标,质量指标,管理,健全,基本健全,10,,\n"
		"产出小计,,,,,60,42,\n"
		"效益指标,社会效益指标,受益人口,≥8000人,不适用,40,,\n";
	run r;
	audit_csv(&r, csv, 10000, PS_LANG_ZH);
	const ps_audit *a = &r.audit;
	/* late with no rule: a person scores it, the given 12 is kept. No given
	 * score for 改造村数. 合格率 has no actual: its 15 is unchecked. 管理 is
	 * a grade the default cannot score, and nothing is given. */
	check_kinds(a, "no_given_score,unchecked");
	assert_int_equal(a->n_diff, 0);
	assert_int_equal(a->rows[0].verdict, PS_AV_KEPT);
	assert_int_equal(a->rows[1].verdict, PS_AV_NO_GIVEN);
	assert_int_equal(a->rows[2].verdict, PS_AV_UNCHECKED);
	assert_int_equal(a->rows[4].verdict, PS_AV_NA);
	assert_string_equal(a->v[0].message, "“改造村数”：表内未填得分（计算得分20分）");
	assert_string_equal(a->v[1].message, "“合格率”：给定得分15分无法核对（无实际完成值，未评分）");
	/* a 小计 row is not the table's total */
	assert_false(a->stated.present);
	/* not final: the unit's total is not compared */
	assert_false(r.res.final);
	assert_null(find(a, PS_AUD_RECOMPUTED));
	run_free(&r);
}

/* A 分值 total that is not the sum; a 酌情 row with nothing to keep; totals
 * compared in 百分制 when a row is not applicable. */
static void t_totals(void **state)
{
	(void)state;
	const char *csv =
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,评分标准,偏差原因\n"
		"产出指标,数量指标,改造村数,≥12个,12个,40,40,,\n"
		"产出指标,质量指标,管理,健全,基本健全,20,,酌情扣分,制度修订中\n"
		"效益指标,社会效益指标,受益人口,≥8000人,不适用,30,,,\n"
		"满意度指标,满意度,满意度,≥90%,90%,10,10,,\n"
		"合计,,,,,90,50,,\n";
	run r;
	audit_csv(&r, csv, 10000, PS_LANG_ZH);
	const ps_audit *a = &r.audit;
	check_kinds(a, "no_given_score,points_differ");
	const ps_audit_finding *f = find(a, PS_AUD_POINTS);
	assert_int_equal(f->given, PS_DEC(90));
	assert_int_equal(f->computed, PS_DEC(100));
	assert_true(f->over);
	assert_string_equal(a->v[0].message, "“管理”：规则需人工评分，表内未填得分");
	assert_false(r.res.final); /* the 酌情 row has no score yet */
	run_free(&r);
	/* with the person's score: final, the total compared in 百分制 */
	const char *csv2 =
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,评分标准,偏差原因\n"
		"产出指标,数量指标,改造村数,≥12个,12个,40,40,,\n"
		"产出指标,质量指标,管理,健全,基本健全,20,16,酌情扣分,制度修订中\n"
		"效益指标,社会效益指标,受益人口,≥8000人,不适用,30,,,\n"
		"满意度指标,满意度,满意度,≥90%,90%,10,10,,\n"
		"合计,,,,,100,66,,\n";
	audit_csv(&r, csv2, 10000, PS_LANG_ZH);
	a = &r.audit;
	check_kinds(a, "total_recomputed");
	f = find(a, PS_AUD_RECOMPUTED);
	assert_int_equal(f->given, PS_DEC(66));
	assert_int_equal(f->computed, 94290000); /* 66 of 70 applicable points */
	assert_string_equal(f->message, "自评总分66分，重新计算为百分制94.29分（差-28.29分）");
	run_free(&r);
}

/* A table without a total row: the sum of its scores stands for the total. */
static void t_no_total_row(void **state)
{
	(void)state;
	const char *csv =
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因\n"
		"产出指标,数量指标,改造村数,≥12个,12个,60,60,\n"
		"效益指标,社会效益指标,受益人口,≥8000人,8000人,40,40,\n";
	run r;
	audit_csv(&r, csv, 10000, PS_LANG_ZH);
	assert_int_equal(r.audit.n, 0);
	assert_false(r.audit.stated.present);
	assert_int_equal(r.audit.given_sum, PS_DEC(100));
	run_free(&r);
	const char *csv2 =
		"一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因\n"
		"产出指标,数量指标,改造村数,≥12个,12个,60,50,没有原因\n"
		"效益指标,社会效益指标,受益人口,≥8000人,8000人,40,40,\n";
	audit_csv(&r, csv2, 10000, PS_LANG_ZH);
	check_kinds(&r.audit, "score_differs,total_recomputed");
	assert_int_equal(r.audit.v[1].given, PS_DEC(90));
	assert_int_equal(r.audit.v[1].computed, PS_DEC(100));
	run_free(&r);
}

static void t_names(void **state)
{
	(void)state;
	static const char *const want[] = {"score_differs", "reverse_scored", "budget_differs", "total_differs",
	                                   "points_differ", "total_recomputed", "no_reason", "no_given_score",
	                                   "unchecked"};
	for (int k = 0; k < PS_AUD__COUNT; k++)
		assert_string_equal(ps_audit_kind_name((ps_audit_kind)k), want[k]);
	assert_string_equal(ps_audit_kind_name(PS_AUD__COUNT), "unknown");
	assert_string_equal(ps_audit_verdict_name(PS_AV_KEPT), "kept");
	assert_string_equal(ps_audit_verdict_name(PS_AV_NO_GIVEN), "no_given_score");
	ps_audit_dispose(NULL);
}

/* The audit report writes every format; xlsx needs a path. */
static void t_report(void **state)
{
	(void)state;
	run r;
	audit_csv(&r, wrong, 10000, PS_LANG_ZH);
	static const ps_format fmts[] = {PS_FMT_TABLE, PS_FMT_JSON, PS_FMT_NDJSON, PS_FMT_CSV, PS_FMT_MD};
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		ps_report_options o = PS_REPORT_OPTIONS_INIT;
		o.format = fmts[i];
		ps_audit_report *rep;
		assert_int_equal(ps_audit_report_begin(&rep, fp, &o), PS_OK);
		assert_int_equal(ps_audit_report_unit(rep, &r.audit), PS_OK);
		assert_int_equal(ps_audit_report_end(rep, &r.diags), PS_OK);
		fclose(fp);
		assert_non_null(strstr(buf, "单村改造成本"));
		if (fmts[i] == PS_FMT_JSON)
			assert_non_null(strstr(buf, "\"kind\": \"reverse_scored\""));
		if (fmts[i] == PS_FMT_CSV)
			assert_non_null(strstr(buf, ",20,18.33,18.00,0.33,不符,得分不符,"));
		free(buf);
	}
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_XLSX;
	ps_audit_report *rep = (ps_audit_report *)&o;
	assert_int_equal(ps_audit_report_begin(&rep, stdout, &o), PS_EUSAGE);
	assert_null(rep);
	/* the score report too: a workbook is written by name */
	ps_report *sr = (ps_report *)&o;
	assert_int_equal(ps_report_begin(&sr, stdout, &o), PS_EUSAGE);
	assert_null(sr);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_wrong_scores), cmocka_unit_test(t_tolerance), cmocka_unit_test(t_english),
		cmocka_unit_test(t_unchecked),    cmocka_unit_test(t_totals),    cmocka_unit_test(t_no_total_row),
		cmocka_unit_test(t_names),        cmocka_unit_test(t_report),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
