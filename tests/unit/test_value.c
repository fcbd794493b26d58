/* test_value.c: typed values read from cells (SPEC §3, §4). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/value.h"

static ps_value parse(const char *s)
{
	ps_value v;
	ps_value_parse(&v, s, strlen(s));
	return v;
}

static void num(const char *s, ps_dec want, const char *unit, ps_cmp cmp)
{
	ps_value v = parse(s);
	if (v.kind != PS_V_NUMBER || v.num != want || strcmp(v.unit, unit) != 0 || v.cmp != cmp)
		fail_msg("%s: kind %d num %lld unit '%s' cmp %d; want number %lld '%s' cmp %d", s, v.kind,
		         (long long)v.num, v.unit, v.cmp, (long long)want, unit, cmp);
}

static void kind(const char *s, ps_vkind k)
{
	ps_value v = parse(s);
	if (v.kind != k)
		fail_msg("%s: kind %d, want %d", s, v.kind, k);
}

static void grade(const char *s, ps_grade g)
{
	ps_value v = parse(s);
	if (v.kind != PS_V_GRADE || v.grade != g)
		fail_msg("%s: kind %d grade %d, want grade %d", s, v.kind, v.grade, g);
}

static void date(const char *s, int y, int m, int d, bool before)
{
	ps_value v = parse(s);
	if (v.kind != PS_V_DATE || v.year != y || v.month != m || v.day != d || v.before != before)
		fail_msg("%s: kind %d %d-%d-%d before %d; want %d-%d-%d before %d", s, v.kind, v.year, v.month,
		         v.day, v.before, y, m, d, before);
}

static void count(const char *s, ps_dec want)
{
	ps_value v = parse(s);
	if (v.kind != PS_V_COUNT || v.num != want)
		fail_msg("%s: kind %d num %lld, want count %lld", s, v.kind, (long long)v.num, (long long)want);
}

static void t_numbers(void **state)
{
	(void)state;
	num("97", PS_DEC(97), "", PS_CMP_NONE);
	num("97%", PS_DEC(97), "%", PS_CMP_NONE);
	num(" 97 % ", PS_DEC(97), "%", PS_CMP_NONE);
	num("９７．５％", 97500000, "%", PS_CMP_NONE);
	num("1,200万元", PS_DEC(1200), "万元", PS_CMP_NONE);
	num("2,051.95", 2051950000, "", PS_CMP_NONE);
	num("48个", PS_DEC(48), "个", PS_CMP_NONE);
	num("2370人", PS_DEC(2370), "人", PS_CMP_NONE);
	num("0.0900000762939453", 90000, "", PS_CMP_NONE);
	num("-0.300000152587891", -300000, "", PS_CMP_NONE);
	num("52.800000", 52800000, "", PS_CMP_NONE);
	num("-5", PS_DEC(-5), "", PS_CMP_NONE);
	num("−5%", PS_DEC(-5), "%", PS_CMP_NONE);
	num("0.3‰", 300000, "‰", PS_CMP_NONE);
	num("90百分比", PS_DEC(90), "%", PS_CMP_NONE);
	num("97%。", PS_DEC(97), "%", PS_CMP_NONE);
	/* ASCII cells take a short cut to their key (spaces dropped, nothing
	 * folded); past 127 bytes the general path: the same reading */
	num("1 2 0 0 kg", PS_DEC(1200), "kg", PS_CMP_NONE);
	num(">= 85 %", PS_DEC(85), "%", PS_CMP_GE);
	char wide[200];
	memset(wide, ' ', sizeof wide);
	memcpy(wide + 150, "85%", 4);
	num(wide, PS_DEC(85), "%", PS_CMP_NONE);
	char u[32];
	ps_unit_norm(u, sizeof u, " ( % ) ", 7);
	assert_string_equal(u, "%");
	assert_int_equal(ps_cmp_parse(" <= ", 4), PS_CMP_LE);
}

static void t_numbers_real(void **state)
{
	(void)state;
	kind("元/人", PS_V_TEXT);
	kind("3项省级交办问题整改周期跨年，已制定整改计划", PS_V_TEXT);
	kind("一致", PS_V_TEXT);
	kind("十分满意", PS_V_TEXT);
	kind("1e5", PS_V_TEXT);
}

static void t_comparators(void **state)
{
	(void)state;
	num("≥95%", PS_DEC(95), "%", PS_CMP_GE);
	num("≧95%", PS_DEC(95), "%", PS_CMP_GE);
	num(">=95%", PS_DEC(95), "%", PS_CMP_GE);
	num("＞＝95%", PS_DEC(95), "%", PS_CMP_GE);
	num("不低于50个", PS_DEC(50), "个", PS_CMP_GE);
	num("不少于3次", PS_DEC(3), "次", PS_CMP_GE);
	num("≤90万元", PS_DEC(90), "万元", PS_CMP_LE);
	num("≦90万元", PS_DEC(90), "万元", PS_CMP_LE);
	num("<=5", PS_DEC(5), "", PS_CMP_LE);
	num("不高于5%", PS_DEC(5), "%", PS_CMP_LE);
	num("不超过30万元", PS_DEC(30), "万元", PS_CMP_LE);
	num("大于0", 0, "", PS_CMP_GT);
	num("小于10天", PS_DEC(10), "天", PS_CMP_LT);
	num("═100", PS_DEC(100), "", PS_CMP_EQ);
	num("=100%", PS_DEC(100), "%", PS_CMP_EQ);
	num("95%以上", PS_DEC(95), "%", PS_CMP_GE);
	num("90%（含）以上", PS_DEC(90), "%", PS_CMP_GE);
	num("0.3‰以下", 300000, "‰", PS_CMP_LE);
	num("30分钟以内", PS_DEC(30), "分钟", PS_CMP_LE);
	num("控制在90万元以内", PS_DEC(90), "万元", PS_CMP_LE);
	num("≥266米", PS_DEC(266), "米", PS_CMP_GE);
}

static void t_chinese_numerals(void **state)
{
	(void)state;
	num("百分之九十", PS_DEC(90), "%", PS_CMP_NONE);
	num("百分之九十以上", PS_DEC(90), "%", PS_CMP_GE);
	num("千分之三", PS_DEC(3), "‰", PS_CMP_NONE);
	num("零点五", 500000, "", PS_CMP_NONE);
	num("半", 500000, "", PS_CMP_NONE);
	num("二十个", PS_DEC(20), "个", PS_CMP_NONE);
	num("两项", PS_DEC(2), "项", PS_CMP_NONE);
	num("不少于十次", PS_DEC(10), "次", PS_CMP_GE);
}

static void t_grades(void **state)
{
	(void)state;
	grade("优秀", PS_G_EXCELLENT);
	grade("优", PS_G_EXCELLENT);
	grade("良好", PS_G_GOOD);
	grade("较好", PS_G_GOOD);
	grade("一般", PS_G_FAIR);
	grade("中等", PS_G_FAIR);
	grade("合格", PS_G_FAIR);
	grade("较差", PS_G_POOR);
	grade("差", PS_G_POOR);
	grade("不合格", PS_G_POOR);
	grade("达成预期指标", PS_G_ACHIEVED);
	grade("达成预期指标。", PS_G_ACHIEVED);
	grade(" 达成 ", PS_G_ACHIEVED);
	grade("达到预期", PS_G_ACHIEVED);
	grade("已达成", PS_G_ACHIEVED);
	grade("部分达成预期指标", PS_G_PARTIAL);
	grade("基本达成", PS_G_PARTIAL);
	grade("未达成预期指标", PS_G_NOT_ACHIEVED);
	grade("未达成", PS_G_NOT_ACHIEVED);
	grade("是", PS_G_YES);
	grade("完成", PS_G_YES);
	grade("已完成", PS_G_YES);
	grade("按时完成", PS_G_YES);
	grade("有", PS_G_YES);
	grade("符合", PS_G_YES);
	grade("达标", PS_G_YES);
	grade("否", PS_G_NO);
	grade("未完成", PS_G_NO);
	grade("无", PS_G_NO);
	grade("不符合", PS_G_NO);
	grade("未达标", PS_G_NO);
	grade("達成預期指標", PS_G_ACHIEVED); /* traditional script */
	kind("效果明显", PS_V_TEXT);
	assert_string_equal(ps_grade_name(PS_G_PARTIAL), "部分达成预期指标");
	assert_string_equal(ps_grade_name(PS_G_NONE), "");
}

static void t_dates(void **state)
{
	(void)state;
	date("2026-12-20", 2026, 12, 20, false);
	date("2026/12/20", 2026, 12, 20, false);
	date("2026.12.20", 2026, 12, 20, false);
	date("2026/12/20 0:00:00", 2026, 12, 20, false);
	date("2026-12", 2026, 12, 0, false);
	date("2026年12月20日", 2026, 12, 20, false);
	date("2026年12月20号", 2026, 12, 20, false);
	date("2026年12月", 2026, 12, 0, false);
	date("２０２６年１２月", 2026, 12, 0, false);
	date("12月底", 0, 12, 31, false);
	date("12月底前", 0, 12, 31, true);
	date("12月31日前", 0, 12, 31, true);
	date("2026年12月31日之前", 2026, 12, 31, true);
	date("12月31日以前", 0, 12, 31, true);
	date("9月前", 0, 9, 0, true);
	date("年底", 0, 12, 31, false);
	date("年末前", 0, 12, 31, true);
	date("2026年底", 2026, 12, 31, false);
	date("2021年12月完成", 2021, 12, 0, false);
	date("十二月三十一日前", 0, 12, 31, true);
	date("2月底", 0, 2, 0, false);
	date("2027年2月底", 2027, 2, 28, false);
	date("2028年2月底", 2028, 2, 29, false);
	kind("2026-13-01", PS_V_TEXT);
	kind("2026-02-30", PS_V_TEXT);
	kind("2026年2月30日", PS_V_TEXT);
	num("2026.12", 2026120000, "", PS_CMP_NONE); /* two parts with a dot: a number */
}

static void t_counts(void **state)
{
	(void)state;
	count("未完成2项", PS_DEC(2));
	count("2项未完成", PS_DEC(2));
	count("两项未完成", PS_DEC(2));
	count("发生1起", PS_DEC(1));
	count("出现3次", PS_DEC(3));
	count("有2项未完成", PS_DEC(2));
	count("2项工作未完成", PS_DEC(2));
	count("发生1起安全事故", PS_DEC(1));
	count("发生0起", 0);
	ps_value v = parse("发生0起");
	assert_int_equal(v.grade, PS_G_YES);
	v = parse("未完成2项");
	assert_int_equal(v.grade, PS_G_NO);
	assert_false(v.incident);
	v = parse("发生1起");
	assert_true(v.incident);
	v = parse("出现3次");
	assert_true(v.incident);
	v = parse("2项未完成");
	assert_false(v.incident);
	const char *s = "制度不健全";
	assert_true(ps_negated_at(s, strlen("制度不")));
	assert_false(ps_negated_at(s, strlen("制度")));
	assert_false(ps_negated_at(s, 0));
	num("2项", PS_DEC(2), "项", PS_CMP_NONE);
	kind("有3个", PS_V_TEXT);
}

static void t_na_text(void **state)
{
	(void)state;
	kind("", PS_V_EMPTY);
	kind("   ", PS_V_EMPTY);
	kind("　", PS_V_EMPTY);
	kind("/", PS_V_NA);
	kind("／", PS_V_NA);
	kind("—", PS_V_NA);
	kind("——", PS_V_NA);
	kind("-", PS_V_NA);
	kind("--", PS_V_NA);
	kind("不适用", PS_V_NA);
	kind("NaN", PS_V_TEXT);
	kind("nan", PS_V_TEXT);
	kind("inf", PS_V_TEXT);
	kind("-inf", PS_V_TEXT);
	kind("Infinity", PS_V_TEXT);
	kind("#DIV/0!", PS_V_TEXT);
	kind("应保尽保", PS_V_TEXT);
	kind("，。", PS_V_TEXT);
	ps_value v;
	ps_value_parse(&v, NULL, 0);
	assert_int_equal(v.kind, PS_V_EMPTY);
	/* text is borrowed and trimmed */
	const char *s = "  97%  ";
	ps_value_parse(&v, s, strlen(s));
	assert_ptr_equal(v.text, s + 2);
	assert_int_equal(v.text_len, 3);
}

static void cmp(const char *s, ps_cmp want)
{
	ps_cmp c = ps_cmp_parse(s, strlen(s));
	if (c != want)
		fail_msg("ps_cmp_parse(%s) = %d, want %d", s, c, want);
}

static void t_cmp_parse(void **state)
{
	(void)state;
	cmp("≥", PS_CMP_GE);
	cmp("≧", PS_CMP_GE);
	cmp(">=", PS_CMP_GE);
	cmp("＞＝", PS_CMP_GE);
	cmp(" ≥ ", PS_CMP_GE);
	cmp("大于等于", PS_CMP_GE);
	cmp("不低于", PS_CMP_GE);
	cmp("正向", PS_CMP_GE);
	cmp("正向指标", PS_CMP_GE);
	cmp("定量（正向）", PS_CMP_GE);
	cmp("叱", PS_CMP_GE);
	cmp(">", PS_CMP_GT);
	cmp("大于", PS_CMP_GT);
	cmp("≤", PS_CMP_LE);
	cmp("≦", PS_CMP_LE);
	cmp("<=", PS_CMP_LE);
	cmp("反向", PS_CMP_LE);
	cmp("Q", PS_CMP_LE);
	cmp("W", PS_CMP_LE);
	cmp("<", PS_CMP_LT);
	cmp("═", PS_CMP_EQ);
	cmp("=", PS_CMP_EQ);
	cmp("＝", PS_CMP_EQ);
	cmp("等于", PS_CMP_EQ);
	cmp("定性", PS_CMP_QUAL);
	cmp("（定性）", PS_CMP_QUAL);
	cmp("定性指标", PS_CMP_QUAL);
	cmp("定量", PS_CMP_NONE);
	cmp("", PS_CMP_NONE);
	cmp("2", PS_CMP_NONE); /* ≥ OCR'd as 2 is ambiguous in a cell */
	cmp("abc", PS_CMP_NONE);
	assert_string_equal(ps_cmp_symbol(PS_CMP_GE), "≥");
	assert_string_equal(ps_cmp_symbol(PS_CMP_LE), "≤");
	assert_string_equal(ps_cmp_symbol(PS_CMP_QUAL), "定性");
	assert_string_equal(ps_cmp_symbol(PS_CMP_NONE), "");
}

static void unit(const char *s, const char *want)
{
	char out[32];
	ps_unit_norm(out, sizeof out, s, strlen(s));
	if (strcmp(out, want) != 0)
		fail_msg("ps_unit_norm(%s) = '%s', want '%s'", s, out, want);
}

static void t_units(void **state)
{
	(void)state;
	unit("%", "%");
	unit("％", "%");
	unit("百分比", "%");
	unit("%(百分比)", "%");
	unit(" 万元 ", "万元");
	unit("（个）", "个");
	unit("‰", "‰");
	unit("千分比", "‰");
	unit("", "");
	unit("元/人·月", "元/人·月");
	char small[5];
	ps_unit_norm(small, sizeof small, "万元万元", strlen("万元万元"));
	assert_string_equal(small, "万"); /* cut at a code point boundary */
	assert_true(ps_unit_is_percent("%"));
	assert_true(ps_unit_is_percent("百分比"));
	assert_false(ps_unit_is_percent("‰"));
	assert_false(ps_unit_is_percent(""));
	assert_false(ps_unit_is_percent(NULL));
}

static void t_date_days(void **state)
{
	(void)state;
	assert_int_equal(ps_date_days(0, 3, 1), 0);
	assert_int_equal(ps_date_days(2027, 1, 1) - ps_date_days(2026, 12, 31), 1);
	assert_int_equal(ps_date_days(2024, 3, 1) - ps_date_days(2024, 2, 28), 2);
	assert_int_equal(ps_date_days(2023, 3, 1) - ps_date_days(2023, 2, 28), 1);
	assert_int_equal(ps_date_days(2027, 1, 1) - ps_date_days(2026, 1, 1), 365);
	assert_int_equal(ps_date_days(1970, 1, 1), 719468);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_numbers_real),
		cmocka_unit_test(t_comparators),
		cmocka_unit_test(t_chinese_numerals),
		cmocka_unit_test(t_grades),
		cmocka_unit_test(t_dates),
		cmocka_unit_test(t_counts),
		cmocka_unit_test(t_na_text),
		cmocka_unit_test(t_cmp_parse),
		cmocka_unit_test(t_units),
		cmocka_unit_test(t_date_days),
		cmocka_unit_test(t_numbers),
	};
	return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
