/* test_table.c: the targets loader on the seed table and on the layouts real
 * tables have: title rows, two-row headers, alias variants, group rows,
 * numbering, many units, self-evaluation columns, broken CSV. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "input_fixtures.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "header.h"
#include "sheet.h"
#include "perfscore/source.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The source stays alive with the table: diagnostics borrow its name. */
typedef struct {
	ps_source *src;
	ps_table *t;
	ps_diags d;
	int rc;
} fx;

static void load_mem(fx *x, const char *csv, size_t len)
{
	memset(x, 0, sizeof *x);
	assert_int_equal(ps_source_from_mem(&x->src, "t.csv", csv, len, PS_ENC_AUTO, &x->d), PS_OK);
	ps_load_options o = PS_LOAD_OPTIONS_INIT;
	x->rc = ps_table_load(&x->t, x->src, &o, &x->d);
}

static void load(fx *x, const char *csv)
{
	load_mem(x, csv, strlen(csv));
}

static void load_file(fx *x, const char *rel)
{
	memset(x, 0, sizeof *x);
	char *p = repo_path(rel);
	assert_int_equal(ps_source_open(&x->src, p, PS_ENC_AUTO, &x->d), PS_OK);
	free(p);
	x->rc = ps_table_load(&x->t, x->src, NULL, &x->d);
}

/* Every length an indicator keeps is its string's: the writers trust
 * them, so a string set without its length shows here. */
static void lengths_kept(const ps_table *t)
{
	for (size_t u = 0; t && u < t->n_units; u++)
		unit_lengths_kept(&t->units[u]);
}

static void done(fx *x)
{
	lengths_kept(x->t);
	ps_table_free(x->t);
	ps_source_free(x->src);
	ps_diags_dispose(&x->d);
}

static void all_strings_set(const ps_table *t)
{
	for (size_t u = 0; u < t->n_units; u++) {
		assert_non_null(t->units[u].code);
		assert_non_null(t->units[u].name);
		for (size_t i = 0; i < t->units[u].n; i++) {
			const ps_indicator *x = &t->units[u].v[i];
			const char *s[] = {x->id, x->unit_code, x->unit_name, x->level1, x->level2, x->name,
			                   x->type_text, x->target_text, x->unit, x->explain, x->rule_text,
			                   x->rule_dsl, x->remark, x->actual_text, x->reason};
			for (size_t k = 0; k < sizeof s / sizeof s[0]; k++)
				assert_non_null(s[k]);
			assert_string_equal(x->pos.file, t->file);
			/* memoised or not, the key is the name's */
			char *key = ps_name_key(x->name);
			assert_string_equal(x->name_key, key);
			free(key);
		}
	}
	lengths_kept(t);
}

static const char *const seed_names[9] = {
	"整改完成率", "生态环境监管执法覆盖率", "目标任务完成率", "各项工作完成时限",
	"打好污染防治攻坚战，持续改善生态环境质量，持续提升人民群众获得感",
	"为社会发展和人民生存保障良好的生态环境", "为社会发展和人民生存保障良好的生态环境",
	"促进产业发展", "通过项目实施，民众对生态环境满意度上升",
};
static const int seed_points[9] = {20, 15, 15, 10, 10, 10, 5, 5, 10};
static const uint32_t seed_lines[9] = {4, 7, 8, 9, 10, 11, 12, 13, 14};

static void check_seed(const fx *x)
{
	assert_int_equal(x->rc, PS_OK);
	const ps_table *t = x->t;
	assert_int_equal(t->n_units, 1);
	assert_int_equal(t->n_rows, 9);
	const ps_unit *u = &t->units[0];
	assert_string_equal(u->code, "089012");
	assert_string_equal(u->name, "衡阳市生态环境局常宁分局");
	assert_int_equal(u->n, 9);
	assert_int_equal(u->n_categories, 2);
	assert_int_equal(u->pos.line, 4);
	for (int i = 0; i < 9; i++) {
		assert_string_equal(u->v[i].name, seed_names[i]);
		assert_true(u->v[i].has_points);
		assert_int_equal(u->v[i].points, PS_DEC(seed_points[i]));
		assert_int_equal(u->v[i].pos.line, seed_lines[i]);
		assert_string_equal(u->v[i].unit_code, "089012");
		assert_false(u->v[i].has_actual);
	}
	assert_string_equal(u->v[0].level1, "成本指标");
	assert_string_equal(u->v[0].level2, "经济成本指标");
	assert_string_equal(u->v[1].level1, "产出指标");
	assert_string_equal(u->v[1].level2, "数量指标");
	assert_string_equal(u->v[2].level1, "产出指标");
	assert_string_equal(u->v[2].level2, "质量指标");
	assert_string_equal(u->v[3].level2, "时效指标");
	assert_string_equal(u->v[5].level1, "效益指标");
	assert_string_equal(u->v[5].level2, "社会效益指标");
	assert_string_equal(u->v[6].level2, "生态效益指标");
	assert_string_equal(u->v[8].level1, "满意度指标");
	assert_int_equal(u->v[0].cmp, PS_CMP_GE);
	assert_int_equal(u->v[1].cmp, PS_CMP_EQ);
	assert_int_equal(u->v[3].cmp, PS_CMP_QUAL);
	assert_string_equal(u->v[0].unit, "%");
	assert_string_equal(u->v[0].target_text, "100");
	assert_int_equal(u->v[0].target.kind, PS_V_NUMBER);
	assert_int_equal(u->v[0].target.num, PS_DEC(100));
	assert_string_equal(u->v[3].unit, "");
	assert_string_equal(u->v[3].target_text, "2026年12月31日前");
	assert_string_equal(u->v[0].remark, "20分");
	assert_string_equal(u->v[8].rule_text, "满意度达到100%得10分");
	assert_non_null(strstr(u->v[8].explain, "扣守为止"));
	assert_non_null(strstr(u->v[0].rule_text, "每下降1%扣1分"));
	assert_string_equal(u->v[0].id, "");
	assert_string_equal(u->v[0].rule_dsl, "");
	assert_true(t->has_field[PS_F_POINTS]);
	assert_true(t->has_field[PS_F_REMARK]);
	assert_true(t->has_field[PS_F_UNIT_CODE]);
	assert_false(t->has_field[PS_F_ACTUAL]);
	assert_false(t->has_field[PS_F_ID]);
	assert_false(t->self_eval);
	all_strings_set(t);
	assert_int_equal(x->d.n, 0);
}

static void t_seed(void **state)
{
	(void)state;
	fx x;
	load_file(&x, "data/targets.csv");
	check_seed(&x);
	done(&x);
}

static void t_seed_gb18030(void **state)
{
	(void)state;
	fx x;
	load_file(&x, "tests/data/targets_gb18030.csv");
	assert_int_equal(x.src->encoding, PS_ENC_GB18030);
	check_seed(&x);
	done(&x);
}

static void t_seed_crlf_bom(void **state)
{
	(void)state;
	char *p = repo_path("data/targets.csv");
	size_t n;
	char *seed = slurp(p, &n);
	free(p);
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "\xEF\xBB\xBF");
	for (size_t i = 0; i < n; i++) {
		if (seed[i] == '\n')
			ps_buf_addc(&b, '\r');
		ps_buf_addc(&b, seed[i]);
	}
	free(seed);
	fx x;
	load_mem(&x, b.s, b.n);
	check_seed(&x);
	done(&x);
	ps_buf_dispose(&b);
}

static void t_title_rows_and_names(void **state)
{
	(void)state;
	fx x;
	load(&x, "XX县2025年部门整体支出绩效目标表,,,,\n"
	         "单位名称：XX县教育局,,,金额单位：万元,\n"
	         "\n"
	         "一级指标,二级指标,三级指标,指标值,分值\n"
	         "产出指标,数量指标,1、培训教师人数,≥500人,30\n"
	         ",,(2)资助学生人次(≥**人),≥1200人次,30\n"
	         ",质量指标,① 合格率,≥95%,20\n"
	         "效益指标,社会效益指标,指标1：,,\n"
	         ",,3.1 群众知晓率,≥90%,20\n"
	         ",,……,,\n"
	         ",,/,/,/\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(x.t->n_units, 1);
	assert_string_equal(u->name, "XX县教育局");
	assert_string_equal(u->code, "");
	assert_int_equal(u->n, 4);
	assert_string_equal(u->v[0].name, "培训教师人数");
	assert_string_equal(u->v[1].name, "资助学生人次");
	assert_string_equal(u->v[1].level2, "数量指标");
	assert_string_equal(u->v[2].name, "合格率");
	assert_string_equal(u->v[2].level2, "质量指标");
	assert_string_equal(u->v[3].name, "群众知晓率");
	assert_string_equal(u->v[3].level1, "效益指标");
	assert_string_equal(u->v[3].level2, "社会效益指标");
	assert_int_equal(u->v[0].pos.line, 5);
	assert_int_equal(u->n_categories, 0);
	assert_int_equal(u->v[0].cmp, PS_CMP_GE);
	assert_string_equal(u->v[0].unit, "人");
	assert_string_equal(u->v[1].unit, "人次");
	assert_string_equal(u->v[2].unit, "%");
	assert_int_equal(u->v[3].points, PS_DEC(20));
	all_strings_set(x.t);
	assert_int_equal(x.d.n, 0);
	done(&x);
}

static void t_two_row_header(void **state)
{
	(void)state;
	fx x;
	load(&x, "绩效指标,,,指标值,分值,评分标准\n"
	         "一级指标,二级指标,三级指标,,,\n"
	         "产出指标,数量指标,a,100,50,完成得满分\n"
	         ",,b,≥1,50,x\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 2);
	assert_string_equal(u->v[0].level1, "产出指标");
	assert_string_equal(u->v[0].level2, "数量指标");
	assert_string_equal(u->v[0].name, "a");
	assert_string_equal(u->v[0].rule_text, "完成得满分");
	assert_int_equal(u->v[0].pos.line, 3);
	assert_string_equal(u->v[1].level1, "产出指标");
	assert_int_equal(u->v[1].points, PS_DEC(50));
	assert_true(x.t->has_field[PS_F_LEVEL1]);
	done(&x);

	/* the group label in the header row itself, beside 一级/二级/三级 */
	load(&x, "绩效指标,一级指标,二级指标,三级指标,指标值\n"
	         ",产出指标,数量指标,a,1\n");
	assert_int_equal(x.rc, PS_OK);
	assert_string_equal(x.t->units[0].v[0].name, "a");
	assert_string_equal(x.t->units[0].v[0].level1, "产出指标");
	done(&x);

	/* a header whose second row adds the unit under a wide 指标值 cell */
	load(&x, "一级指标,二级指标,三级指标,指标值,,分值\n"
	         ",,,,计量单位,\n"
	         "产出指标,数量指标,a,100,%,50\n");
	assert_int_equal(x.rc, PS_OK);
	assert_string_equal(x.t->units[0].v[0].unit, "%");
	assert_int_equal(x.t->units[0].v[0].pos.line, 3);
	done(&x);
}

/* The Excel layout of the seed: a three-row header (单位编码/单位名称 in the
 * first row, the indicator columns in the second, budget sub-columns in the
 * third), unit-level budget cells beside the first indicator, two units. */
static void t_three_row_header(void **state)
{
	(void)state;
	fx x;
	load_file(&x, "tests/data/hunan_three_row_header.csv");
	assert_int_equal(x.rc, PS_OK);
	const ps_table *t = x.t;
	assert_true(t->has_field[PS_F_UNIT_CODE]);
	assert_true(t->has_field[PS_F_UNIT_NAME]);
	assert_true(t->has_field[PS_F_TARGET]);
	assert_int_equal(t->n_units, 2);
	const ps_unit *u = &t->units[0];
	assert_string_equal(u->code, "089012");
	assert_int_equal(u->n, 9);
	assert_int_equal(u->n_categories, 2);
	for (int i = 0; i < 9; i++) {
		assert_string_equal(u->v[i].name, seed_names[i]);
		assert_int_equal(u->v[i].points, PS_DEC(seed_points[i]));
	}
	assert_int_equal(u->v[0].pos.line, 7);
	assert_int_equal(u->v[1].pos.line, 11); /* after a two-line cell and the categories */
	assert_string_equal(u->v[0].target_text, "100");
	assert_string_equal(t->units[1].code, "089013");
	assert_string_equal(t->units[1].name, "衡阳市某某局");
	assert_int_equal(t->units[1].n, 2);
	assert_string_equal(t->units[1].v[0].level1, "产出指标");
	assert_int_equal(t->units[1].v[0].points, PS_DEC(60));
	assert_string_equal(t->units[1].v[1].unit, "%");
	assert_int_equal(x.d.n, 0);
	done(&x);
}

static void t_selfeval_form(void **state)
{
	(void)state;
	fx x;
	load_file(&x, "tests/data/selfeval_form.csv");
	assert_int_equal(x.rc, PS_OK);
	const ps_table *t = x.t;
	assert_true(t->self_eval);
	assert_true(t->has_field[PS_F_ACTUAL]);
	assert_true(t->has_field[PS_F_SCORE]);
	assert_true(t->has_field[PS_F_REASON]);
	assert_int_equal(t->n_units, 1);
	const ps_unit *u = &t->units[0];
	assert_string_equal(u->name, "常宁市农村饮水安全管理站");
	assert_int_equal(u->n, 6);
	assert_string_equal(u->v[0].name, "改造村数");
	assert_string_equal(u->v[0].level1, "产出指标");
	assert_string_equal(u->v[0].level2, "数量指标");
	assert_int_equal(u->v[0].pos.line, 14);
	assert_true(u->v[0].has_actual);
	assert_string_equal(u->v[0].actual_text, "11个");
	assert_true(u->v[0].has_given_score);
	assert_int_equal(u->v[0].given_score, 18330000);
	assert_string_equal(u->v[0].reason, "1个村因选址调整延至次年");
	assert_int_equal(u->v[0].actual_pos.line, 14);
	assert_string_equal(u->v[2].name, "完工时间");
	assert_string_equal(u->v[2].reason, "汛期\n延误");
	assert_string_equal(u->v[3].name, "受益人口");
	assert_int_equal(u->v[3].pos.line, 19);
	assert_string_equal(u->v[3].level1, "效益指标");
	assert_true(u->v[4].not_applicable);
	assert_false(u->v[4].has_given_score);
	assert_false(u->v[3].not_applicable);
	assert_string_equal(u->v[5].level1, "满意度指标");
	assert_int_equal(u->v[5].cmp, PS_CMP_GE);
	/* the 项目资金 block above the header */
	const ps_budget *b = &t->budget[0];
	assert_true(b->present);
	assert_int_equal(b->initial, PS_DEC(500));
	assert_int_equal(b->full, PS_DEC(480));
	assert_int_equal(b->spent, PS_DEC(456));
	assert_int_equal(b->points, PS_DEC(10));
	assert_int_equal(b->score, 9500000);
	assert_true(b->has_initial && b->has_full && b->has_spent && b->has_points && b->has_score);
	assert_int_equal(b->pos.line, 7);
	all_strings_set(t);
	assert_int_equal(x.d.n, 0); /* group points (50/30/10) all add up */
	done(&x);
}

static void t_alias_variants(void **state)
{
	(void)state;
	fx x;
	load(&x, "\"序号\",\"一级 指标\",\"二级\n指标\",\"*指标名称\",\"指标性质\",\"年度指标值(A)\","
	         "\"度量单位\",\"指标说明\",\"*评（扣）分标准\",\"指标权重(分)\",\"全年实际值(B)\","
	         "\"自评得分\",\"未完成原因分析\",\"是否适用\",\"指标编码\"\n"
	         "1,产出指标,数量指标,完成数量,≧,１００,百分比,说明,达到得满分,\"２０\",\"98\",19,原因,是,P01\n"
	         "2,,,成本控制,≦,90,万元,,超出不得分,10,100,0分,超支,否,P02\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_table *t = x.t;
	static const ps_field want[] = {PS_F_LEVEL1, PS_F_LEVEL2, PS_F_NAME, PS_F_TYPE, PS_F_TARGET,
	                                PS_F_UNIT, PS_F_EXPLAIN, PS_F_RULE, PS_F_POINTS, PS_F_ACTUAL,
	                                PS_F_SCORE, PS_F_REASON, PS_F_NA, PS_F_ID};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_true(t->has_field[want[i]]);
	assert_false(t->has_field[PS_F_REMARK]);
	const ps_indicator *a = &t->units[0].v[0], *b = &t->units[0].v[1];
	assert_string_equal(a->name, "完成数量");
	assert_string_equal(a->id, "P01");
	assert_int_equal(a->cmp, PS_CMP_GE);
	assert_string_equal(a->target_text, "100");
	assert_string_equal(a->unit, "%");
	assert_int_equal(a->points, PS_DEC(20));
	assert_string_equal(a->actual_text, "98");
	assert_int_equal(a->given_score, PS_DEC(19));
	assert_string_equal(a->reason, "原因");
	assert_false(a->not_applicable);
	assert_int_equal(b->cmp, PS_CMP_LE);
	assert_string_equal(b->unit, "万元");
	assert_string_equal(b->level1, "产出指标");
	assert_true(b->has_given_score);
	assert_int_equal(b->given_score, 0);
	assert_true(b->not_applicable); /* 是否适用: 否 */
	done(&x);
}

static void t_lookup(void **state)
{
	(void)state;
	static const struct {
		const char *cell;
		ps_field f;
	} cases[] = {
		{"单位", PS_F_UNIT},
		{"单位名称", PS_F_UNIT_NAME},
		{"单位编码", PS_F_UNIT_CODE},
		{"评（扣）分标准", PS_F_RULE},
		{"评(扣)分标准", PS_F_RULE},
		{"年度指标值（A）", PS_F_TARGET},
		{"指标值(八)", PS_F_TARGET},
		{"*指标值", PS_F_TARGET},
		{"全年实际值（B）", PS_F_ACTUAL},
		{"实际完成值(B)", PS_F_ACTUAL},
		{"指标权重（分）", PS_F_POINTS},
		{" 三级\n指标 ", PS_F_NAME},
		{"三　级　指　标", PS_F_NAME},
		{"【备注】", PS_F_REMARK},
		{"Level1", PS_F_LEVEL1},
		{"UNIT-CODE", PS_F_UNIT_CODE},
		{"計量單位", PS_F_UNIT},
		{"評分標準", PS_F_RULE},
		{"偏差原因分析及改进措施", PS_F_REASON},
		{"计分规则", PS_F_DSL},
		{"是否适用", PS_F_NA},
		{"不适用", PS_F_NA},
		{"单项指标得分", PS_F_SCORE},
		{"指标值（包含数字及文字描述）", PS_F_TARGET},
		{"是否适用(是/否)", PS_F_NA},
		{"分值（权重）", PS_F_POINTS},
		{"部门（单位）名称", PS_F_UNIT_NAME},
		{"单位（文字描述）", PS_F_UNIT},
		{"评分", PS_F_NONE},
		{"金额单位：万元", PS_F_NONE},
		{"绩效目标", PS_F_NONE},
		{"", PS_F_NONE},
		{"A", PS_F_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ps_field f = ps_field_lookup(cases[i].cell, strlen(cases[i].cell));
		if (f != cases[i].f)
			fail_msg("%s: got %s, want %s", cases[i].cell, ps_field_name(f), ps_field_name(cases[i].f));
	}
	assert_string_equal(ps_field_name(PS_F_LEVEL1), "level1");
	assert_string_equal(ps_field_name(PS_F_NA), "na");
	assert_string_equal(ps_field_name((ps_field)99), "none");
}

/* Every alias is written in normalised form, finds its own field, and is
 * documented in docs/columns.md. */
static void t_alias_table(void **state)
{
	(void)state;
	char *p = repo_path("docs/columns.md");
	size_t n;
	char *text = slurp(p, &n);
	free(p);
	char *doc = ps_norm_key(text, n, true);
	free(text);
	for (char *q = doc; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	ps_field field;
	const char *a;
	size_t i = 0;
	for (; (a = ps_alias_at(i, &field)) != NULL; i++) {
		char *k = ps_norm_key(a, strlen(a), true);
		if (strcmp(k, a) != 0)
			fail_msg("alias %s is not normalised (%s)", a, k);
		free(k);
		if (ps_field_lookup(a, strlen(a)) != field)
			fail_msg("alias %s does not find %s", a, ps_field_name(field));
		if (!strstr(doc, a))
			fail_msg("alias %s is missing from docs/columns.md", a);
	}
	assert_true(i > 150);
	free(doc);
}

static void t_clean_names(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
		ps_numbering num;
		int pts; /* -1: none */
	} cases[] = {
		{"1、培训教师人数", "培训教师人数", PS_NUM_ARABIC, -1},
		{"(2)资助学生人次(≥**人)", "资助学生人次", PS_NUM_ARABIC, -1},
		{"① 合格率", "合格率", PS_NUM_ARABIC, -1},
		{"⑴合格率", "合格率", PS_NUM_ARABIC, -1},
		{"指标1:", "", PS_NUM_ARABIC, -1},
		{"指标 2、培训人次", "培训人次", PS_NUM_ARABIC, -1},
		{"3.1 群众知晓率", "群众知晓率", PS_NUM_ARABIC, -1},
		{"3.1.2产出数量", "产出数量", PS_NUM_ARABIC, -1},
		{"1.数量", "数量", PS_NUM_ARABIC, -1},
		{"1.5万元补助发放率", "1.5万元补助发放率", PS_NUM_NONE, -1},
		{"2025年完成率", "2025年完成率", PS_NUM_NONE, -1},
		{"12345热线接通率", "12345热线接通率", PS_NUM_NONE, -1},
		{"10分制满意度", "10分制满意度", PS_NUM_NONE, -1},
		{"一、示范区建立", "示范区建立", PS_NUM_CHINESE, -1},
		{"(一)项目管理", "项目管理", PS_NUM_CHINESE, -1},
		{"十二.其他", "其他", PS_NUM_CHINESE, -1},
		{"★★★农村低保发放人数(按月平均)(≥**人)", "农村低保发放人数(按月平均)", PS_NUM_NONE, -1},
		{"扶贫临时救助标准(<××元/户·年)——一户年最高5300元", "扶贫临时救助标准——一户年最高5300元",
		 PS_NUM_NONE, -1},
		{"产出指标(50分)", "产出指标", PS_NUM_NONE, 50},
		{"(满分20分)数量指标", "数量指标", PS_NUM_NONE, 20},
		{"数量指标(权重10分)", "数量指标", PS_NUM_NONE, 10},
		{"时效指标( 3 分 )", "时效指标", PS_NUM_NONE, 3},
		{"打好污染防治攻坚战\n持续改善", "打好污染防治攻坚战持续改善", PS_NUM_NONE, -1},
		{"ABC  达标率", "ABC 达标率", PS_NUM_NONE, -1},
		{"……", "", PS_NUM_NONE, -1},
		{"", "", PS_NUM_NONE, -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ps_numbering num;
		bool has;
		ps_dec pts;
		char *got = ps_clean_name(cases[i].in, &num, &has, &pts);
		if (strcmp(got, cases[i].out) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", cases[i].in, got, cases[i].out);
		if (num != cases[i].num || has != (cases[i].pts >= 0))
			fail_msg("%s: numbering %d, points %d", cases[i].in, (int)num, (int)has);
		if (has)
			assert_int_equal(pts, PS_DEC(cases[i].pts));
		free(got);
	}
	bool has;
	ps_dec pts;
	char *l = ps_clean_level("项\n目\n前\n期\n工\n作\n(7分)", &has, &pts);
	assert_string_equal(l, "项目前期工作");
	assert_true(has);
	assert_int_equal(pts, PS_DEC(7));
	free(l);
	l = ps_clean_level("投 入\n(15分)", &has, &pts);
	assert_string_equal(l, "投入");
	assert_int_equal(pts, PS_DEC(15));
	free(l);
	/* keys: widths, spaces, brackets, quotes, trailing punctuation */
	char *a = ps_name_key("“双随机” 抽查（率）："), *b = ps_name_key("双随机抽查率");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = ps_name_key("ＡＢＣ達標率");
	b = ps_norm_key("ＡＢＣ達標率", strlen("ＡＢＣ達標率"), true);
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = ps_name_key("整改完成率");
	assert_string_equal(a, "整改完成率");
	free(a);
	a = ps_code_key("089012");
	assert_string_equal(a, "89012");
	free(a);
	a = ps_code_key("89012.0");
	assert_string_equal(a, "89012");
	free(a);
	a = ps_code_key("A-01");
	assert_string_equal(a, "A-01");
	free(a);
}

static void t_unterminated_quote(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,指标值,分值\na,1,50\nb,\"2,50\nc,3,50\n");
	assert_int_equal(x.rc, PS_EINPUT);
	assert_null(x.t);
	const ps_diag *dg = diag_first(&x.d, PS_D_CSV);
	assert_int_equal(dg->pos.line, 3);
	assert_int_equal(dg->pos.col, 3);
	assert_string_equal(dg->pos.file, "t.csv");
	char *s = ps_diag_format(dg);
	assert_non_null(strstr(s, "t.csv:3:3: error: unterminated quoted field"));
	free(s);
	done(&x);
}

static void t_no_header(void **state)
{
	(void)state;
	fx x;
	load(&x, "一级指标,二级指标,指标值,分值\n产出,数量,1,2\n");
	assert_int_equal(x.rc, PS_EINPUT);
	const ps_diag *dg = diag_first(&x.d, PS_D_NO_HEADER);
	assert_int_equal(dg->pos.line, 1);
	assert_string_equal(dg->msg, "no header row naming the indicator column (三级指标/指标名称)");
	done(&x);
	load(&x, "a,b,c\n1,2,3\n");
	assert_int_equal(x.rc, PS_EINPUT);
	assert_int_equal(diag_count(&x.d, PS_D_NO_HEADER), 1);
	done(&x);
	load(&x, "\n\n  \n");
	assert_int_equal(x.rc, PS_EINPUT);
	assert_int_equal(diag_count(&x.d, PS_D_EMPTY), 1);
	done(&x);
	load(&x, "标题\n三级指标,指标值,分值\n合计,,100\n");
	assert_int_equal(x.rc, PS_EINPUT);
	dg = diag_first(&x.d, PS_D_EMPTY);
	assert_int_equal(dg->pos.line, 2);
	done(&x);
}

static void t_many_units(void **state)
{
	(void)state;
	fx x;
	load(&x, "单位编码,单位名称,一级指标,二级指标,三级指标,指标值,分值\n"
	         "001,甲局,产出指标,数量指标,a1,1,50\n"
	         ",,,,a2,1,50\n"
	         "002,乙局,,,b1,1,100\n"
	         "001,甲局,效益指标,,a3,1,0\n"
	         ",,,社会效益指标,a4,1,0\n"
	         "003,,产出指标,数量指标,c1,1,100\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_table *t = x.t;
	assert_int_equal(t->n_units, 3);
	assert_int_equal(t->n_rows, 6);
	const ps_unit *a = &t->units[0], *b = &t->units[1], *c = &t->units[2];
	assert_string_equal(a->code, "001");
	assert_string_equal(a->name, "甲局");
	assert_int_equal(a->n, 4);
	assert_int_equal(a->pos.line, 2);
	assert_string_equal(a->v[2].name, "a3");
	assert_string_equal(a->v[2].level1, "效益指标");
	assert_string_equal(a->v[2].level2, "");
	assert_string_equal(a->v[3].level2, "社会效益指标");
	assert_int_equal(a->v[3].pos.line, 6);
	assert_string_equal(b->code, "002");
	assert_string_equal(b->name, "乙局");
	assert_int_equal(b->n, 1);
	assert_string_equal(b->v[0].level1, ""); /* a new unit clears 一级 and 二级 */
	assert_string_equal(b->v[0].level2, "");
	assert_string_equal(b->v[0].unit_code, "002");
	assert_string_equal(b->v[0].unit_name, "乙局");
	assert_string_equal(c->code, "003");
	assert_string_equal(c->name, "");
	all_strings_set(t);
	done(&x);
}

/* Units are found without the map while their keys come in order
 * (length, then bytes); a key that does not (first unit or later, by code
 * or by name), one equal to the last under another spelling ("010" after
 * "10.0") and one that sorts before but was never seen: each still finds
 * its unit, the streaming reader says where a unit resumes. */
static void t_unit_keys_in_order(void **state)
{
	(void)state;
	static const struct {
		const char *csv;
		size_t n_units, n[6];     /* units and indicators of each, loaded whole */
		const char *code[6];
		size_t splits;            /* PS_D_UNIT_SPLIT when streamed */
	} cases[] = {
		{"9,甲,a\n10,乙,b\n11,丙,c\n10,乙,d\n", 3, {1, 2, 1}, {"9", "10", "11"}, 1},
		{"2,甲,a\n1,乙,b\n2,甲,c\n3,丙,d\n", 3, {2, 1, 1}, {"2", "1", "3"}, 1},
		{"10.0,甲,a\n010,甲,b\n11,乙,c\n", 2, {2, 1}, {"10.0", "11"}, 0},
		{"5,甲,a\n7,乙,b\n6,丙,c\n7,乙,d\n", 3, {1, 2, 1}, {"5", "7", "6"}, 1},
		{",甲局,a\n,乙局,b\n,甲局,c\n,丙局,d\n", 3, {2, 1, 1}, {"", "", ""}, 1},
		{"1,甲,a\n,乙局,b\nA1,丙,c\n1,甲,d\n,乙局,e\n", 3, {2, 2, 1}, {"1", "", "A1"}, 2},
		{"1,甲,a\n10,乙,b\n1,甲,c\n", 2, {2, 1}, {"1", "10"}, 1},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		ps_buf csv = PS_BUF_INIT;
		ps_buf_adds(&csv, "单位编码,单位名称,三级指标,指标值,分值\n");
		/* every row a target and points: the indicator's name column is
		 * the third */
		for (const char *p = cases[c].csv; *p; p++) {
			if (*p == '\n')
				ps_buf_adds(&csv, ",1,5");
			ps_buf_addc(&csv, *p);
		}
		fx x;
		load(&x, csv.s);
		assert_int_equal(x.rc, PS_OK);
		assert_int_equal(x.t->n_units, cases[c].n_units);
		for (size_t u = 0; u < cases[c].n_units; u++) {
			assert_int_equal(x.t->units[u].n, cases[c].n[u]);
			assert_string_equal(x.t->units[u].code, cases[c].code[u]);
		}
		assert_int_equal(x.d.n, 0);
		/* streamed: each resumption reported, at its line */
		ps_diags d = PS_DIAGS_INIT;
		ps_table_reader *r = NULL;
		assert_int_equal(ps_table_reader_open(&r, x.src, &d), PS_OK);
		size_t u, given = 0;
		while (ps_table_reader_next(r, &u, &d) == 1)
			given++;
		size_t splits = 0;
		for (size_t i = 0; i < d.n; i++)
			splits += d.v[i].code == PS_D_UNIT_SPLIT;
		assert_int_equal(splits, cases[c].splits);
		assert_int_equal(d.n, splits);
		assert_int_equal(given, cases[c].n_units);
		ps_table_reader_free(r);
		ps_diags_dispose(&d);
		done(&x);
		ps_buf_dispose(&csv);
	}
}

static void t_group_rows(void **state)
{
	(void)state;
	fx x;
	load(&x, "一级指标,二级指标,三级指标,指标值,分值\n"
	         "产出指标(50分),,,,\n"
	         ",数量指标（20分）,,,\n"
	         ",,x1,1,10\n"
	         ",,x2,1,5\n"
	         ",质量指标,x3,1,30\n"
	         "\"效益指标\n（50分）\",社会效益指标,y1,1,50\n"
	         "满意度指标,服务对象满意度指标,,,10\n"
	         ",,z1,1,10\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 5);
	assert_string_equal(u->v[0].level1, "产出指标");
	assert_string_equal(u->v[0].level2, "数量指标");
	assert_string_equal(u->v[2].level2, "质量指标");
	assert_string_equal(u->v[3].level1, "效益指标");
	assert_string_equal(u->v[4].level2, "服务对象满意度指标");
	assert_int_equal(u->n_categories, 0);
	assert_int_equal(diag_count(&x.d, PS_D_GROUP_POINTS), 2);
	assert_int_equal(x.d.v[0].pos.line, 2);
	assert_non_null(strstr(x.d.v[0].msg, "产出指标"));
	assert_non_null(strstr(x.d.v[0].msg, "45"));
	assert_int_equal(x.d.v[1].pos.line, 3);
	assert_non_null(strstr(x.d.v[1].msg, "15"));
	done(&x);
}

static void t_groups_in_name_column(void **state)
{
	(void)state;
	fx x;
	load(&x, "指标名称,指标值,分值\n"
	         "一、产出指标（50分）,,\n"
	         "1.数量指标(30分),,\n"
	         "（1）培训人数,≥100人,30\n"
	         "2.质量指标,,\n"
	         "（1）合格率,≥95%,20\n"
	         "二、效益指标（50分）,,\n"
	         "(1)满意度,≥90%,50\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 3);
	assert_string_equal(u->v[0].name, "培训人数");
	assert_string_equal(u->v[0].level1, "产出指标");
	assert_string_equal(u->v[0].level2, "数量指标");
	assert_string_equal(u->v[1].name, "合格率");
	assert_string_equal(u->v[1].level2, "质量指标");
	assert_string_equal(u->v[2].name, "满意度");
	assert_string_equal(u->v[2].level1, "效益指标");
	assert_string_equal(u->v[2].level2, "");
	assert_int_equal(x.d.n, 0);
	done(&x);
}

static void t_numbered_parents(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,指标值,分值\n"
	         "一、示范区建立,≧20000亩,15\n"
	         "1、核心区,≧5000亩,5\n"
	         "2、辐射区,≧10000亩,5\n"
	         "3、带动区,≧5000亩,4\n"
	         "二、培训农户,≧500人,10\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 4);
	assert_string_equal(u->v[0].name, "核心区");
	assert_string_equal(u->v[0].level2, "示范区建立");
	assert_string_equal(u->v[2].name, "带动区");
	assert_string_equal(u->v[3].name, "培训农户");
	assert_string_equal(u->v[3].level2, "");
	assert_int_equal(u->v[0].cmp, PS_CMP_GE);
	assert_int_equal(diag_count(&x.d, PS_D_GROUP_POINTS), 1);
	assert_int_equal(diag_first(&x.d, PS_D_GROUP_POINTS)->pos.line, 2);
	assert_int_equal(x.t->n_rows, 4);
	done(&x);
}

static void t_duplicates(void **state)
{
	(void)state;
	fx x;
	load(&x, "一级指标,二级指标,三级指标,指标值,分值\n"
	         "产出指标,数量指标,培训人数,1,50\n"
	         ",,培训 人数,2,50\n"
	         ",质量指标,培训人数,2,0\n");
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->units[0].n, 3);
	assert_int_equal(diag_count(&x.d, PS_D_DUP_INDICATOR), 1);
	const ps_diag *dg = diag_first(&x.d, PS_D_DUP_INDICATOR);
	assert_int_equal(dg->pos.line, 3);
	assert_int_equal(dg->level, PS_WARNING);
	assert_non_null(strstr(dg->msg, "line 2"));
	done(&x);
}

/* Duplicates keyed by group and name key in a unit of many groups (more
 * keys than the small maps scan: the hash map takes over), by id when
 * there is one; every name key is ps_name_key of the name. */
static void t_duplicates_many_groups(void **state)
{
	(void)state;
	ps_buf csv = PS_BUF_INIT;
	ps_buf_adds(&csv, "单位编码,指标编码,一级指标,二级指标,三级指标,指标值,分值\n");
	/* 20 二级 groups, each with 名称 and 名 称 (one key: a duplicate) and
	 * 名称 again in the next group (not one) */
	for (int g = 0; g < 20; g++)
		ps_buf_printf(&csv, "001,,产出指标,二级%d,名称,1,1\n001,,产出指标,二级%d,名 称,1,1\n", g, g);
	ps_buf_adds(&csv, "001,X1,效益指标,社会,甲,1,1\n"
	                  "001,X1,效益指标,经济,乙,1,1\n"   /* the same id: a duplicate */
	                  "001,,效益指标,社会,甲,1,1\n"     /* 甲 without an id: a duplicate of none */
	                  "002,,产出指标,二级0,名称,1,1\n"); /* another unit: no duplicate */
	fx x;
	load(&x, csv.s);
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, 2);
	assert_int_equal(x.t->units[0].n, 43);
	assert_int_equal(diag_count(&x.d, PS_D_DUP_INDICATOR), 21);
	size_t k = 0;
	for (size_t i = 0; i < x.d.n; i++) {
		const ps_diag *dg = &x.d.v[i];
		if (dg->code != PS_D_DUP_INDICATOR)
			continue;
		char want[32];
		if (k < 20) {
			assert_int_equal(dg->pos.line, 3 + 2 * k);
			snprintf(want, sizeof want, "line %zu", 2 + 2 * k);
		} else {
			assert_int_equal(dg->pos.line, 43);
			snprintf(want, sizeof want, "line %d", 42);
			assert_non_null(strstr(dg->msg, "id \"X1\""));
		}
		assert_non_null(strstr(dg->msg, want));
		k++;
	}
	for (size_t u = 0; u < x.t->n_units; u++)
		for (size_t i = 0; i < x.t->units[u].n; i++) {
			const ps_indicator *ind = &x.t->units[u].v[i];
			char *want = ps_name_key(ind->name);
			assert_string_equal(ind->name_key, want);
			free(want);
		}
	done(&x);
	ps_buf_dispose(&csv);
}

/* Points cells that recur (the loader remembers short ones): each row
 * gets its value, each bad one its finding. */
static void t_recurring_points(void **state)
{
	(void)state;
	ps_buf csv = PS_BUF_INIT;
	ps_buf_adds(&csv, "三级指标,分值\n");
	/* 1.5, 105 and 1x5: one length, first and last byte (one memo entry) */
	static const char *const cells[] = {"10", "二十", "1.5", "105", "-3", "1x5", "二十", "105", "0123456789012345", "1.5"};
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
			ps_buf_printf(&csv, "n%d_%zu,%s\n", round, i, cells[i]);
	fx x;
	load(&x, csv.s);
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 30);
	for (size_t i = 0; i < u->n; i++) {
		ps_dec want = 0;
		bool ok = ps_points_parse(&want, cells[i % 10]);
		assert_int_equal(u->v[i].has_points, ok);
		assert_int_equal(u->v[i].points, ok ? want : 0);
	}
	assert_int_equal(diag_count(&x.d, PS_D_BAD_POINTS), 3 * 5);
	done(&x);
	ps_buf_dispose(&csv);
}

static void t_long_field(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "三级指标,评分标准,分值\na,\"");
	for (int i = 0; i < 120000; i++)
		ps_buf_adds(&b, "扣");
	ps_buf_adds(&b, "\",10\nb,ok,90\n");
	fx x;
	load_mem(&x, b.s, b.n);
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->units[0].n, 2);
	assert_int_equal(strlen(x.t->units[0].v[0].rule_text), 360000);
	assert_int_equal(diag_count(&x.d, PS_D_FIELD_TOO_LONG), 1);
	assert_int_equal(diag_first(&x.d, PS_D_FIELD_TOO_LONG)->pos.line, 2);
	assert_non_null(strstr(diag_first(&x.d, PS_D_FIELD_TOO_LONG)->msg, "120000"));
	done(&x);
	ps_buf_dispose(&b);
}

static void t_not_applicable(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,实际完成值,不适用\na,1,是\nb,2,\nc,不适用,\nd,3,Y\ne,4,否\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_true(x.t->self_eval);
	assert_true(u->v[0].not_applicable);
	assert_false(u->v[1].not_applicable);
	assert_true(u->v[2].not_applicable);
	assert_true(u->v[3].not_applicable);
	assert_false(u->v[4].not_applicable);
	assert_true(u->v[1].has_actual);
	assert_string_equal(u->v[1].actual_text, "2");
	done(&x);
}

static void t_comparator_and_unit(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,指标值类型,指标值,计量单位\n"
	         "a,定量,≥95%,\n"
	         "b,,≤90万元,\n"
	         "c,反向,100,个\n"
	         "d,定性,达成预期,\n"
	         "e,＞＝,100,%(百分比)\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->v[0].cmp, PS_CMP_GE);
	assert_string_equal(u->v[0].unit, "%");
	assert_string_equal(u->v[0].type_text, "定量");
	assert_int_equal(u->v[1].cmp, PS_CMP_LE);
	assert_string_equal(u->v[1].unit, "万元");
	assert_int_equal(u->v[2].cmp, PS_CMP_LE);
	assert_string_equal(u->v[2].unit, "个");
	assert_int_equal(u->v[3].cmp, PS_CMP_QUAL);
	assert_int_equal(u->v[4].cmp, PS_CMP_GE);
	assert_string_equal(u->v[4].unit, "%");
	assert_false(u->v[0].has_points);
	done(&x);
}

static void t_note_column_is_not_self_eval(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,指标值,说明\na,1,口径见附件\n");
	assert_int_equal(x.rc, PS_OK);
	assert_false(x.t->self_eval);
	assert_true(x.t->has_field[PS_F_REASON]);
	assert_string_equal(x.t->units[0].v[0].reason, "口径见附件");
	assert_false(x.t->units[0].v[0].has_actual);
	done(&x);
}

static void t_dsl_column(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,评分标准,计分规则\na,,每下降1%扣1分\nb,文字,x>=100 => full\nc,,prop\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].rule_text, "每下降1%扣1分");
	assert_string_equal(u->v[0].rule_dsl, "");
	assert_string_equal(u->v[1].rule_text, "文字");
	assert_string_equal(u->v[1].rule_dsl, "x>=100 => full");
	assert_string_equal(u->v[2].rule_dsl, "prop");
	done(&x);
}

static void t_bare_unit_column(void **state)
{
	(void)state;
	fx x;
	load(&x, "单位,三级指标,指标值,分值\n常宁市教育局,a,1,50\n,b,1,50\n常宁市卫生健康局,c,1,100\n");
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, 2);
	assert_string_equal(x.t->units[0].name, "常宁市教育局");
	assert_int_equal(x.t->units[0].n, 2);
	assert_string_equal(x.t->units[1].name, "常宁市卫生健康局");
	assert_true(x.t->has_field[PS_F_UNIT_NAME]);
	assert_false(x.t->has_field[PS_F_UNIT]);
	done(&x);
	load(&x, "三级指标,指标值,单位\na,95,%\nb,3,个\n");
	assert_int_equal(x.rc, PS_OK);
	assert_string_equal(x.t->units[0].v[0].unit, "%");
	assert_string_equal(x.t->units[0].v[1].unit, "个");
	assert_true(x.t->has_field[PS_F_UNIT]);
	done(&x);
}

static void t_tabs_and_concatenated(void **state)
{
	(void)state;
	fx x;
	load(&x, "一级指标\t二级指标\t三级指标\t指标值\n产出\t数量\ta\t1\n");
	assert_int_equal(x.rc, PS_OK);
	assert_string_equal(x.t->units[0].v[0].name, "a");
	assert_string_equal(x.t->units[0].v[0].level2, "数量");
	done(&x);

	load(&x, "单位名称：甲局,,\n三级指标,指标值,分值\na,1,100\n合计,,100\n\n"
	         "单位名称：乙局,,\n三级指标,指标值,分值\nb,1,100\n");
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, 2);
	assert_string_equal(x.t->units[0].name, "甲局");
	assert_string_equal(x.t->units[0].v[0].name, "a");
	assert_int_equal(x.t->units[0].n, 1);
	assert_string_equal(x.t->units[1].name, "乙局");
	assert_string_equal(x.t->units[1].v[0].name, "b");
	assert_int_equal(x.t->units[1].v[0].pos.line, 8);
	done(&x);
}

static void t_budget_blocks(void **state)
{
	(void)state;
	fx x;
	load(&x, "单位名称：甲局,,,,,,\n"
	         "项目资金（万元）,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n"
	         "年度资金总额,100,100,90,10,90%,9\n"
	         "三级指标,指标值,分值,,,,\n"
	         "a,1,90,,,,\n"
	         "单位名称：乙局,,,,,,\n"
	         "项目资金（万元）,年初预算数,全年预算数,全年执行数,分值,执行率,得分\n"
	         "年度资金总额,\"1,200.5\",200,150,10,75%,—\n"
	         "三级指标,指标值,分值,,,,\n"
	         "b,1,90,,,,\n"
	         "单位名称：丙局,,,,,,\n"
	         "三级指标,指标值,分值,,,,\n"
	         "c,1,100,,,,\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_table *t = x.t;
	assert_int_equal(t->n_units, 3);
	assert_string_equal(t->units[0].name, "甲局");
	assert_true(t->budget[0].present);
	assert_int_equal(t->budget[0].full, PS_DEC(100));
	assert_int_equal(t->budget[0].spent, PS_DEC(90));
	assert_int_equal(t->budget[0].score, PS_DEC(9));
	assert_int_equal(t->budget[0].pos.line, 3);
	assert_string_equal(t->units[1].name, "乙局");
	assert_true(t->budget[1].present);
	assert_int_equal(t->budget[1].initial, 1200500000);
	assert_int_equal(t->budget[1].spent, PS_DEC(150));
	assert_false(t->budget[1].has_score);
	assert_int_equal(t->budget[1].pos.line, 8);
	assert_string_equal(t->units[1].v[0].name, "b");
	assert_string_equal(t->units[2].name, "丙局");
	assert_false(t->budget[2].present);
	assert_int_equal(x.d.n, 0);
	done(&x);
	/* the seed has no such block */
	load_file(&x, "data/targets.csv");
	assert_false(x.t->budget[0].present);
	done(&x);
}

static void t_remark_points(void **state)
{
	(void)state;
	fx x;
	/* an empty 分值 column leaves the points to 备注 */
	load(&x, "三级指标,分值,备注\na,,20分\nb,,80分\nc,,说明文字\n");
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->units[0].v[0].points, PS_DEC(20));
	assert_int_equal(x.t->units[0].v[1].points, PS_DEC(80));
	assert_false(x.t->units[0].v[2].has_points);
	done(&x);
	/* but not a filled one */
	load(&x, "三级指标,分值,备注\na,10,20分\nb,,80分\n");
	assert_int_equal(x.t->units[0].v[0].points, PS_DEC(10));
	assert_false(x.t->units[0].v[1].has_points);
	done(&x);
	/* nor a 备注 column of remarks */
	load(&x, "三级指标,备注\na,20分\nb,见附件\nc,口径调整\n");
	assert_false(x.t->units[0].v[0].has_points);
	assert_string_equal(x.t->units[0].v[0].remark, "20分");
	done(&x);
}

static void t_bad_points(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,分值\na,二十\nb,/\nc,12.5分\nd,-3\n");
	assert_int_equal(x.rc, PS_OK);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 4);
	assert_false(u->v[0].has_points);
	assert_false(u->v[1].has_points);
	assert_true(u->v[2].has_points);
	assert_int_equal(u->v[2].points, 12500000);
	assert_false(u->v[3].has_points);
	assert_int_equal(diag_count(&x.d, PS_D_BAD_POINTS), 2);
	assert_int_equal(diag_first(&x.d, PS_D_BAD_POINTS)->pos.line, 2);
	done(&x);
}

/* Damaged input never crashes: every prefix of the seed, and bytes flipped. */
static void t_damaged_input(void **state)
{
	(void)state;
	char *p = repo_path("data/targets.csv");
	ps_buf b = PS_BUF_INIT;
	b.s = slurp(p, &b.n);
	free(p);
	unsigned seed = 12345;
	for (size_t cut = 0; cut < b.n; cut += 13) {
		for (int flip = 0; flip < 2; flip++) {
			char *copy = ps_xstrndup(b.s, cut);
			if (flip && cut > 0) {
				seed = seed * 1103515245u + 12345u;
				copy[seed % cut] = (char)"\",\n\r\x80\xe6 /"[seed % 9];
			}
			ps_diags d = PS_DIAGS_INIT;
			ps_source *s = NULL;
			ps_table *t = NULL;
			if (ps_source_from_mem(&s, "x.csv", copy, cut, PS_ENC_AUTO, &d) == PS_OK) {
				int rc = ps_table_load(&t, s, NULL, &d);
				assert_true(rc == PS_OK || rc == PS_EINPUT);
				assert_true((rc == PS_OK) == (t != NULL));
				if (t)
					all_strings_set(t);
			}
			ps_table_free(t);
			ps_source_free(s);
			ps_diags_dispose(&d);
			free(copy);
		}
	}
	ps_buf_dispose(&b);
}

/* The reader hands units out as their rows end; a unit whose rows come back
 * after another's is an error (it was handed out already). */
static void t_reader_streams(void **state)
{
	(void)state;
	const char *csv = "单位编码,单位名称,一级指标,二级指标,三级指标,指标值,分值,备注\n"
	                  "001,甲局,产出指标,数量指标,a1,1,,50分\n"
	                  ",,,,a2,1,,50分\n"
	                  "002,乙局,,,b1,1,100,\n"
	                  "003,丙局,,,c1,1,100,\n"
	                  "002,乙局,,,b2,1,0,\n";
	ps_diags d = PS_DIAGS_INIT;
	ps_source *src = NULL;
	assert_int_equal(ps_source_from_mem(&src, "s.csv", csv, strlen(csv), PS_ENC_AUTO, &d), PS_OK);
	ps_table_reader *r = NULL;
	assert_int_equal(ps_table_reader_open(&r, src, &d), PS_OK);
	ps_table *t = ps_table_reader_table(r);
	size_t u;
	assert_int_equal(ps_table_reader_next(r, &u, &d), 1);
	assert_string_equal(t->units[u].code, "001");
	assert_int_equal(t->units[u].n, 2);
	assert_true(t->units[u].v[1].has_points); /* 备注 "50分" read as points */
	assert_int_equal(t->units[u].v[1].points, PS_DEC(50));
	assert_string_equal(t->units[u].v[0].unit_name, "甲局");
	assert_int_equal(d.n_error, 0);
	assert_int_equal(ps_table_reader_next(r, &u, &d), 1);
	assert_string_equal(t->units[u].code, "002");
	assert_int_equal(t->units[u].n, 1);
	assert_int_equal(t->units[0].n, 0); /* the unit handed out before is freed */
	assert_int_equal(ps_table_reader_next(r, &u, &d), 1);
	assert_string_equal(t->units[u].code, "003");
	assert_int_equal(d.n_error, 1);
	assert_int_equal(d.v[d.n - 1].code, PS_D_UNIT_SPLIT);
	assert_int_equal(d.v[d.n - 1].pos.line, 6);
	assert_int_equal(ps_table_reader_next(r, &u, &d), 0);
	ps_table_reader_free(r);
	/* the whole-table loader merges the unit's rows */
	ps_table *w = NULL;
	assert_int_equal(ps_table_load(&w, src, NULL, &d), PS_OK);
	assert_int_equal(w->n_units, 3);
	assert_int_equal(w->units[1].n, 2);
	ps_table_free(w);
	ps_source_free(src);
	ps_diags_dispose(&d);
}

/* Total rows in the name column, simplified or traditional (计 总 計 總), are
 * skipped; names that merely contain those characters are indicators. */
static void t_total_rows_by_name(void **state)
{
	(void)state;
	fx x;
	load(&x, "三级指标,指标值,分值\n"
	         "设计完成率,100%,50\n"
	         "小计,,50\n"
	         "总体满意度,90%,50\n"
	         "合計,,100\n"
	         "總分,,100\n"
	         "总计:100分,,\n");
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, 1);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 2);
	assert_string_equal(u->v[0].name, "设计完成率");
	assert_string_equal(u->v[1].name, "总体满意度");
	done(&x);
}

/* What a target, type and unit cell mean, computed afresh: the loader's
 * memo must give the same (hit or miss). unit_cell: the raw 计量单位 cell,
 * NULL when the row has none. */
static void check_target(const ps_indicator *ind, const char *unit_cell)
{
	ps_value v;
	ps_value_parse(&v, ind->target_text, strlen(ind->target_text));
	const ps_value *w = &ind->target;
	assert_int_equal(w->kind, v.kind);
	assert_int_equal(w->cmp, v.cmp);
	assert_int_equal(w->num, v.num);
	assert_string_equal(w->unit, v.unit);
	assert_int_equal(w->year, v.year);
	assert_int_equal(w->month, v.month);
	assert_int_equal(w->day, v.day);
	assert_int_equal(w->before, v.before);
	assert_int_equal(w->grade, v.grade);
	assert_int_equal(w->incident, v.incident);
	assert_ptr_equal(w->text, v.text); /* into this indicator's own cell */
	assert_int_equal(w->text_len, v.text_len);
	ps_cmp c = ps_cmp_parse(ind->type_text, strlen(ind->type_text));
	assert_int_equal(ind->cmp, c != PS_CMP_NONE ? c : v.cmp);
	char u8[32];
	if (unit_cell)
		ps_unit_norm(u8, sizeof u8, unit_cell, strlen(unit_cell));
	assert_string_equal(ind->unit, unit_cell ? u8 : v.unit);
}

/* Targets recur from unit to unit: each indicator reads as if parsed alone,
 * also when the same target comes with another type or unit cell, and when
 * the type and target cells joined give the same text ("≥" + "5" and "" +
 * "≥5"). */
static void t_recurring_targets(void **state)
{
	(void)state;
	static const char *const rows[][3] = {
		{"≥", "95", "%"}, {"", "≥95%", NULL}, {"≤", "95", "个"}, {"≥", "5", "%"}, {"", "≥5", "%"},
		{"≥", "5", NULL}, {"", "≥5", NULL}, {"定性", "达成预期", NULL}, {"", "2026年12月底前", NULL}, {"反向", "95", "%"},
		{"", "", NULL}, {"＝", "100", "百分比"},
	};
	size_t nrows = sizeof rows / sizeof rows[0];
	ps_buf csv = PS_BUF_INIT;
	ps_buf_adds(&csv, "单位编码,三级指标,指标值类型,指标值,计量单位,分值\n");
	for (int u = 0; u < 3; u++)
		for (size_t i = 0; i < nrows; i++)
			ps_buf_printf(&csv, "U%d,完成率%zu,%s,%s,%s,5\n", u, i, rows[i][0], rows[i][1],
			              rows[i][2] ? rows[i][2] : "");
	fx x;
	load(&x, csv.s);
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, 3);
	for (size_t u = 0; u < 3; u++) {
		const ps_unit *unit = &x.t->units[u];
		assert_int_equal(unit->n, nrows);
		for (size_t i = 0; i < nrows; i++)
			check_target(&unit->v[i], rows[i][2]);
	}
	/* the cells that differ, read differently */
	const ps_unit *u2 = &x.t->units[2];
	assert_int_equal(u2->v[3].target.cmp, PS_CMP_NONE); /* "5" */
	assert_int_equal(u2->v[4].target.cmp, PS_CMP_GE);   /* "≥5" */
	assert_int_equal(u2->v[3].target.text_len, 1);
	assert_string_equal(u2->v[2].unit, "个");
	assert_int_equal(u2->v[2].cmp, PS_CMP_LE);
	assert_string_equal(u2->v[5].unit, "");
	assert_int_equal(u2->v[6].target.cmp, PS_CMP_GE); /* "" + "≥5" after "≥" + "5" */
	assert_int_equal(u2->v[6].target.text_len, strlen("≥5"));
	assert_string_equal(u2->v[11].unit, "%");
	assert_int_equal(u2->v[11].cmp, PS_CMP_EQ);
	done(&x);
	ps_buf_dispose(&csv);
}

/* The recent targets are found by the cells' lengths and ends: cells
 * alike there (one slot) but not in the middle, a unit cell that is a
 * placeholder, absent or its own, and keys too long for a slot, all read
 * as if parsed alone, in every order. */
static void t_recent_targets_alike(void **state)
{
	(void)state;
	static const char *const rows[][3] = {
		{"≥", "≥12345%", NULL}, {"≥", "≥19345%", NULL}, {"≥", "≥12345%", "%"}, {"≥", "≥12345%", "/"},
		{"≤", "≥12345%", NULL}, {"", "≥12345%", NULL}, {"正向指标", "1200", "万元"},
		{"反向指标", "1200", "万元"}, {"正向指标", "1200", "万吨"}, {"", "12", "个"}, {"", "19", "个"},
		{"", "1", NULL}, {"", "", "%"}, {"", "", NULL}, {"定性", "2026年12月底前", NULL},
		{"定性", "2026年11月底前", NULL}, {"", "≥95%", "万元"}, {"", "≥95%", "亿元"},
		{"≥", "全年完成示范区建设任务不少于一万二千亩并通过省级验收合格率达到百分之九十五以上", "亩"},
		{"≥", "全年完成示范区建设任务不少于一万三千亩并通过省级验收合格率达到百分之九十五以上", "亩"},
	};
	enum { NROWS = sizeof rows / sizeof rows[0], UNITS = 4 };
	ps_buf csv = PS_BUF_INIT;
	ps_buf_adds(&csv, "单位编码,三级指标,指标值类型,指标值,计量单位,分值\n");
	for (int u = 0; u < UNITS; u++)
		for (size_t k = 0; k < NROWS; k++) {
			size_t i = u % 2 ? (k * 7 + (size_t)u) % NROWS : (u ? NROWS - 1 - k : k);
			ps_buf_printf(&csv, "U%d,完成率%zu,%s,%s,%s,5\n", u, i, rows[i][0], rows[i][1],
			              rows[i][2] ? rows[i][2] : "");
		}
	fx x;
	load(&x, csv.s);
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_units, UNITS);
	for (size_t u = 0; u < UNITS; u++) {
		const ps_unit *unit = &x.t->units[u];
		assert_int_equal(unit->n, NROWS);
		for (size_t k = 0; k < NROWS; k++) {
			const ps_indicator *ind = &unit->v[k];
			size_t i = (size_t)atoi(ind->name + strlen("完成率"));
			const char *uc = rows[i][2] && strcmp(rows[i][2], "/") != 0 ? rows[i][2] : NULL;
			check_target(ind, uc);
			assert_string_equal(ind->target_text, rows[i][1]);
			assert_int_equal(ind->unit_len, strlen(ind->unit));
		}
	}
	const ps_unit *u0 = &x.t->units[0];
	assert_int_equal(u0->v[0].target.num, PS_DEC(12345));
	assert_int_equal(u0->v[1].target.num, PS_DEC(19345));
	assert_int_equal(u0->v[4].cmp, PS_CMP_LE);
	assert_int_equal(u0->v[7].cmp, PS_CMP_LE); /* 反向 */
	assert_string_equal(u0->v[8].unit, "万吨");
	assert_int_equal(u0->v[15].target.month, 11);
	assert_string_equal(u0->v[17].unit, "亿元");
	done(&x);
	ps_buf_dispose(&csv);
}

/* More distinct targets and names than the memos hold (they forget and
 * start again): every one still read right, the repeats too. */
static void t_many_distinct_targets(void **state)
{
	(void)state;
	enum { N = 5000 };
	ps_buf csv = PS_BUF_INIT;
	ps_buf_adds(&csv, "单位编码,一级指标,二级指标,三级指标,指标值,计量单位,分值\n");
	for (int i = 0; i < N; i++)
		ps_buf_printf(&csv, "U%d,一级%d,二级%d,名称 %d,≥%d.5,%s,1\n", i / 10, i % 7, i, i, i,
		              i % 3 ? "%" : "");
	for (int i = 0; i < 200; i++) /* the first ones again, after the memos filled */
		ps_buf_printf(&csv, "V%d,一级%d,二级%d,名称 %d,≥%d.5,%s,1\n", i / 10, i % 7, i, i, i,
		              i % 3 ? "%" : "");
	fx x;
	load(&x, csv.s);
	assert_int_equal(x.rc, PS_OK);
	assert_int_equal(x.t->n_rows, N + 200);
	all_strings_set(x.t);
	size_t k = 0;
	for (size_t u = 0; u < x.t->n_units; u++)
		for (size_t i = 0; i < x.t->units[u].n; i++, k++) {
			const ps_indicator *ind = &x.t->units[u].v[i];
			int want = (int)(k < N ? k : k - N);
			check_target(ind, want % 3 ? "%" : NULL);
			assert_int_equal(ind->target.num, PS_DEC(want) + PS_DEC(1) / 2);
			char name[32];
			snprintf(name, sizeof name, "名称 %d", want); /* its key has no space */
			assert_string_equal(ind->name, name);
		}
	assert_int_equal(x.d.n, 0);
	done(&x);
	ps_buf_dispose(&csv);
}

/* A unit taken out of the reader owns its strings: they outlive the
 * reader's later units and the reader itself, and go with
 * ps_unit_dispose (ASan/LSan: no use after free, no leak). */
static void t_taken_unit_owns_strings(void **state)
{
	(void)state;
	const char *csv = "单位编码,单位名称,三级指标,指标值,分值\n"
	                  "001,甲局,一、示范区,≥20000亩,15\n"
	                  ",,1、核心区,≥5000亩,5\n"
	                  ",,2、辐射区,≥10000亩,5\n"
	                  "002,乙局,满意度,≥90%,100\n";
	ps_diags d = PS_DIAGS_INIT;
	ps_source *src = NULL;
	assert_int_equal(ps_source_from_mem(&src, "s.csv", csv, strlen(csv), PS_ENC_AUTO, &d), PS_OK);
	ps_table_reader *r = NULL;
	assert_int_equal(ps_table_reader_open(&r, src, &d), PS_OK);
	size_t u;
	assert_int_equal(ps_table_reader_next(r, &u, &d), 1);
	ps_unit taken;
	ps_budget budget;
	ps_table_reader_take(r, &taken, &budget);
	assert_int_equal(ps_table_reader_next(r, &u, &d), 1);
	assert_string_equal(ps_table_reader_table(r)->units[u].v[0].name, "满意度");
	assert_int_equal(ps_table_reader_next(r, &u, &d), 0);
	ps_table_reader_free(r);
	assert_int_equal(taken.n, 2);
	assert_string_equal(taken.v[0].name, "核心区");
	assert_string_equal(taken.v[0].level2, "示范区"); /* the dropped parent's name */
	assert_string_equal(taken.v[1].level2, "示范区");
	assert_string_equal(taken.v[1].target_text, "≥10000亩");
	assert_int_equal(taken.v[1].target.num, PS_DEC(10000));
	assert_string_equal(taken.v[1].name_key, "辐射区");
	ps_unit_dispose(&taken);
	assert_null(taken.v);
	assert_null(taken.strings);
	assert_int_equal(taken.n, 0);
	ps_unit_dispose(&taken); /* twice is fine */
	ps_source_free(src);
	ps_diags_dispose(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_seed),
		cmocka_unit_test(t_duplicates_many_groups),
		cmocka_unit_test(t_recurring_points),
		cmocka_unit_test(t_seed_gb18030),
		cmocka_unit_test(t_seed_crlf_bom),
		cmocka_unit_test(t_title_rows_and_names),
		cmocka_unit_test(t_two_row_header),
		cmocka_unit_test(t_three_row_header),
		cmocka_unit_test(t_selfeval_form),
		cmocka_unit_test(t_alias_variants),
		cmocka_unit_test(t_lookup),
		cmocka_unit_test(t_alias_table),
		cmocka_unit_test(t_clean_names),
		cmocka_unit_test(t_unterminated_quote),
		cmocka_unit_test(t_no_header),
		cmocka_unit_test(t_many_units),
		cmocka_unit_test(t_unit_keys_in_order),
		cmocka_unit_test(t_total_rows_by_name),
		cmocka_unit_test(t_reader_streams),
		cmocka_unit_test(t_group_rows),
		cmocka_unit_test(t_groups_in_name_column),
		cmocka_unit_test(t_numbered_parents),
		cmocka_unit_test(t_duplicates),
		cmocka_unit_test(t_long_field),
		cmocka_unit_test(t_not_applicable),
		cmocka_unit_test(t_comparator_and_unit),
		cmocka_unit_test(t_note_column_is_not_self_eval),
		cmocka_unit_test(t_dsl_column),
		cmocka_unit_test(t_bare_unit_column),
		cmocka_unit_test(t_tabs_and_concatenated),
		cmocka_unit_test(t_budget_blocks),
		cmocka_unit_test(t_remark_points),
		cmocka_unit_test(t_bad_points),
		cmocka_unit_test(t_damaged_input),
		cmocka_unit_test(t_recurring_targets),
		cmocka_unit_test(t_recent_targets_alike),
		cmocka_unit_test(t_many_distinct_targets),
		cmocka_unit_test(t_taken_unit_owns_strings),
	};
	return cmocka_run_group_tests_name("table", tests, NULL, NULL);
}
