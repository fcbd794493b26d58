/* test_summary.c: statistics across units: grade counts, mean, median and
 * standard deviation in exact decimals, the units and the indicators that
 * lose the most, ties, --top, an empty run, the written formats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/perfscore.h"

/* Units 101 (all met), 102 (loses on every row), 103 (one actual missing),
 * 104 (a 项目资金 block at 50%), as tests/data/batch_*.csv and more. */
static const char *const batch =
	"单位编码,单位名称,一级指标,二级指标,三级指标,指标值类型,指标值,计量单位,评（扣）分标准,分值,实际完成值\n"
	"101,甲,产出指标,数量指标,改造村数,≥,12,个,每少1个扣5分,40,12个\n"
	",,,质量指标,验收合格率,≥,100,%,每下降1%扣2分，扣完为止,20,100%\n"
	",,效益指标,社会效益指标,受益人口,≥,8000,人,每少100人扣1分,30,8200人\n"
	",,满意度指标,服务对象满意度指标,群众满意度,≥,90,%,,10,95%\n"
	"102,乙,产出指标,数量指标,改造村数,≥,10,个,每少1个扣5分,40,8个\n"
	",,,质量指标,验收合格率,≥,100,%,每下降1%扣2分，扣完为止,20,97%\n"
	",,效益指标,社会效益指标,受益人口,≥,5000,人,每少100人扣1分,30,4600人\n"
	",,满意度指标,服务对象满意度指标,群众满意度,≥,90,%,,10,85%\n"
	"103,丙,产出指标,数量指标,改造村数,≥,8,个,每少1个扣5分,40,7个\n"
	",,,质量指标,验收合格率,≥,100,%,每下降1%扣2分，扣完为止,20,100%\n"
	",,效益指标,社会效益指标,受益人口,≥,3000,人,每少100人扣1分,30,3000人\n"
	",,满意度指标,服务对象满意度指标,群众满意度,≥,90,%,,10,\n";

typedef struct {
	ps_source *src;
	ps_table *table;
	ps_summary sum;
	ps_diags diags;
} run;

static void summarise(run *r, const char *csv, size_t top)
{
	memset(r, 0, sizeof *r);
	ps_load_options lo = PS_LOAD_OPTIONS_INIT;
	assert_int_equal(ps_source_from_mem(&r->src, "batch.csv", csv, strlen(csv), PS_ENC_UTF8, &r->diags), PS_OK);
	assert_int_equal(ps_table_load(&r->table, r->src, &lo, &r->diags), PS_OK);
	ps_policy pol;
	ps_policy_init(&pol);
	ps_rule_cache *cache = ps_rule_cache_new();
	ps_score_ctx ctx = {&pol, PS_LANG_ZH, cache};
	ps_summary_acc *acc = ps_summary_new(top);
	for (size_t i = 0; i < r->table->n_units; i++) {
		ps_unit_result u;
		ps_score_unit_budget(&u, &r->table->units[i], &r->table->budget[i], &ctx, &r->diags);
		ps_summary_add(acc, &u);
		ps_unit_result_dispose(&u); /* the summary keeps copies */
	}
	ps_summary_finish(acc, &r->sum);
	ps_rule_cache_free(cache);
}

static void run_free(run *r)
{
	ps_summary_dispose(&r->sum);
	ps_table_free(r->table);
	ps_source_free(r->src);
	ps_diags_dispose(&r->diags);
}

static void t_batch(void **state)
{
	(void)state;
	run r;
	summarise(&r, batch, 0);
	const ps_summary *s = &r.sum;
	assert_int_equal(s->top, 10);
	assert_int_equal(s->n_units, 3);
	assert_int_equal(s->n_final, 2);
	assert_int_equal(s->grades[0], 1); /* 101: 100 */
	assert_int_equal(s->grades[1], 1); /* 103: 85 of 100, one row missing */
	assert_int_equal(s->grades[2], 1); /* 102: 30 + 14 + 26 + 9.44 = 79.44 */
	assert_int_equal(s->grades[3], 0);
	assert_int_equal(s->mean, 88150000);   /* 264.44 / 3 = 88.1467 */
	assert_int_equal(s->median, PS_DEC(85));
	assert_int_equal(s->min, 79440000);
	assert_int_equal(s->max, PS_DEC(100));
	assert_int_equal(s->sd, 8680000);      /* sqrt(((11.8533)² + (8.7067)² + (3.1467)²) / 3) */
	assert_int_equal(s->n_worst, 3);
	assert_string_equal(s->worst[0].code, "102");
	assert_string_equal(s->worst[0].name, "乙");
	assert_int_equal(s->worst[0].lost, 20560000);
	assert_int_equal(s->worst[0].index, 1);
	assert_string_equal(s->worst[0].grade, "中");
	assert_string_equal(s->worst[1].code, "103");
	assert_false(s->worst[1].final);
	assert_string_equal(s->worst[2].code, "101");
	assert_int_equal(s->worst[2].lost, 0);
	/* indicators: 改造村数 loses 10 + 5, 验收合格率 6, 受益人口 4, 满意度 0.56 */
	assert_int_equal(s->n_distinct, 4);
	assert_int_equal(s->n_indicators, 4);
	const ps_summary_indicator *i0 = &s->indicators[0];
	assert_string_equal(i0->level1, "产出指标");
	assert_string_equal(i0->level2, "数量指标");
	assert_string_equal(i0->name, "改造村数");
	assert_int_equal(i0->n_units, 3);
	assert_int_equal(i0->n_losing, 2);
	assert_int_equal(i0->points, PS_DEC(120));
	assert_int_equal(i0->lost, PS_DEC(15));
	assert_string_equal(s->indicators[1].name, "验收合格率");
	assert_int_equal(s->indicators[1].lost, PS_DEC(6));
	assert_string_equal(s->indicators[3].name, "群众满意度");
	assert_int_equal(s->indicators[3].n_units, 2);
	assert_int_equal(s->indicators[3].n_unscored, 1);
	assert_int_equal(s->indicators[3].lost, 560000);
	run_free(&r);
}

static void t_top(void **state)
{
	(void)state;
	run r;
	summarise(&r, batch, 1);
	assert_int_equal(r.sum.n_worst, 1);
	assert_string_equal(r.sum.worst[0].code, "102");
	assert_int_equal(r.sum.n_indicators, 1);
	assert_string_equal(r.sum.indicators[0].name, "改造村数");
	assert_int_equal(r.sum.n_distinct, 4);
	run_free(&r);
}

/* Equal losses keep file order; indicators that lose nothing are not listed;
 * a 项目资金 block's 预算执行率 row counts as an indicator. */
static void t_ties_and_budget(void **state)
{
	(void)state;
	const char *csv =
		"项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n"
		",年度资金总额,100,100,50,10,50%,5\n"
		"单位编码,单位名称,一级指标,二级指标,三级指标,指标值,分值,实际完成值\n"
		"201,丁,产出指标,数量指标,甲,≥10个,90,10个\n"
		"202,戊,产出指标,数量指标,甲,≥10个,90,10个\n";
	run r;
	summarise(&r, csv, 0);
	const ps_summary *s = &r.sum;
	assert_int_equal(s->n_units, 2);
	/* 201 has the block: 90 + 5 = 95; 202 has none: 90 of 90 = 100 */
	assert_string_equal(s->worst[0].code, "201");
	assert_int_equal(s->worst[0].lost, PS_DEC(5));
	assert_int_equal(s->n_indicators, 1);
	assert_string_equal(s->indicators[0].level1, "预算执行率");
	assert_int_equal(s->indicators[0].lost, PS_DEC(5));
	assert_int_equal(s->n_distinct, 2);
	assert_int_equal(s->median, 97500000);
	assert_int_equal(s->sd, 2500000);
	run_free(&r);
}

static void t_empty(void **state)
{
	(void)state;
	ps_summary s;
	ps_summary_finish(ps_summary_new(3), &s);
	assert_int_equal(s.n_units, 0);
	assert_int_equal(s.mean, 0);
	assert_int_equal(s.sd, 0);
	assert_int_equal(s.n_worst, 0);
	assert_int_equal(s.n_indicators, 0);
	ps_summary_dispose(&s);
	ps_summary_dispose(NULL);
}

static char *write_fmt(const ps_summary *s, ps_format f, ps_lang lang)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = f;
	o.lang = lang;
	int rc = ps_summary_write(fp, s, NULL, &o);
	fclose(fp);
	if (rc != PS_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void t_write(void **state)
{
	(void)state;
	run r;
	summarise(&r, batch, 2);
	char *t = write_fmt(&r.sum, PS_FMT_TABLE, PS_LANG_ZH);
	assert_non_null(strstr(t, "汇总：3 个单位（2 个已定稿，1 个未定稿）\n"));
	assert_non_null(strstr(t, "等级：优 1  良 1  中 1  差 0\n"));
	assert_non_null(strstr(t, "百分制总分：平均 88.15，中位数 85.00，标准差 8.68，最低 79.44，最高 100.00\n"));
	free(t);
	t = write_fmt(&r.sum, PS_FMT_JSON, PS_LANG_EN);
	assert_non_null(strstr(t, "\"mean\": 88.15"));
	assert_non_null(strstr(t, "\"优\": 1"));
	assert_non_null(strstr(t, "\"warnings\": []"));
	free(t);
	t = write_fmt(&r.sum, PS_FMT_CSV, PS_LANG_EN);
	assert_non_null(strstr(t, "Section,Item,Value,Note\r\n"));
	assert_non_null(strstr(t, "Units that lose the most points,102 乙,20.56,\"total 79.44, 中 (fair)\"\r\n"));
	free(t);
	t = write_fmt(&r.sum, PS_FMT_MD, PS_LANG_ZH);
	assert_non_null(strstr(t, "| 产出指标/数量指标/改造村数 | 3 | 2 | 15.00 | 5.00 |\n"));
	free(t);
	assert_null(write_fmt(&r.sum, PS_FMT_XLSX, PS_LANG_ZH));
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_batch), cmocka_unit_test(t_top),   cmocka_unit_test(t_ties_and_budget),
		cmocka_unit_test(t_empty), cmocka_unit_test(t_write),
	};
	return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
