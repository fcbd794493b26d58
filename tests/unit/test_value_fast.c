/* test_value_fast.c: value.c's shortcuts against the general path they stand
 * in for: the allocation-free key (ps_value_simple_key) against ps_norm_key
 * and against NFKC done here with utf8proc, and ps_value_parse (with its
 * shortcut for plain numbers) against ps_value_parse_ref on tricky cells. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>
#include "perfscore/text.h"
#include "perfscore/value.h"
#include "value_int.h"

/* The key by definition: NFKC, ps_fold_cp, white space dropped. */
static char *nfkc_key(const char *s)
{
	utf8proc_uint8_t *n = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), &n,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	assert_true(r >= 0);
	char *out = malloc(4 * (size_t)r + 1), *o = out;
	for (utf8proc_ssize_t i = 0; i < r;) {
		int32_t cp;
		int k = ps_utf8_decode((const char *)n + i, (size_t)(r - i), &cp);
		assert_true(k > 0);
		i += k;
		int32_t f = ps_fold_cp(cp);
		if (f == ' ' || f == '\t' || f == '\n' || f == '\r' || f == '\v' || f == '\f' || f == 0x3000 ||
		    f == 0xA0 || f == 0xFEFF || f == 0x200B)
			continue;
		o += ps_utf8_encode(f, o);
	}
	*o = '\0';
	free(n);
	return out;
}

/* simple_key, where it answers, is ps_norm_key and NFKC's key. */
static bool check_key(const char *s)
{
	char buf[128];
	char *k = ps_value_simple_key(buf, sizeof buf, s, strlen(s));
	char *norm = ps_norm_key(s, strlen(s), false);
	if (k) {
		if (strcmp(k, norm) != 0)
			fail_msg("simple_key(%s) = '%s', ps_norm_key '%s'", s, k, norm);
		char *ref = nfkc_key(s);
		if (strcmp(k, ref) != 0)
			fail_msg("simple_key(%s) = '%s', NFKC key '%s'", s, k, ref);
		free(ref);
		/* score.c's grade matching uses it for the bracket-stripping key
		 * when it holds no bracket */
		if (!strpbrk(k, "()[]<>*{}")) {
			char *strip = ps_norm_key(s, strlen(s), true);
			if (strcmp(k, strip) != 0)
				fail_msg("simple_key(%s) = '%s', stripped key '%s'", s, k, strip);
			free(strip);
		}
	}
	free(norm);
	return k != NULL;
}

static void t_simple_key(void **state)
{
	(void)state;
	/* every code point it takes, alone and between others */
	char s[32];
	for (int32_t cp = 0x80; cp <= 0xFFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char u[4];
		int n = ps_utf8_encode(cp, u);
		snprintf(s, sizeof s, "%.*s", n, u);
		bool took = check_key(s);
		snprintf(s, sizeof s, "a %.*s1%.*s", n, u, n, u);
		if (check_key(s) != took)
			fail_msg("U+%04X taken alone but not with others", (unsigned)cp);
	}
	for (int c = 1; c < 0x80; c++) {
		snprintf(s, sizeof s, "x%cy", c);
		check_key(s);
	}
	/* the cells it is for: taken */
	const char *common[] = {"100", " 97.5 % ", "≥95%", "≧", "达成预期指标", "１００％", "（个）", "万元",
	                        "2026年12月31日前", "实际 完成", "‰", "、。", "應收"};
	for (size_t i = 0; i < sizeof common / sizeof *common; i++)
		if (!check_key(common[i]))
			fail_msg("simple_key(%s) not taken", common[i]);
	/* the rest: left to ps_norm_key */
	const char *other[] = {"a\tb", "é", "e\xcc\x81", "≥\xcc\xb8", "\xe3\x80\x80x", "\xff", "\xe4\xb8", "𠮷",
	                       "ｱ", "Ⅻ", "①"};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		if (check_key(other[i]))
			fail_msg("simple_key(%s) taken", other[i]);
	/* too long for the buffer: not taken */
	char buf[8];
	assert_null(ps_value_simple_key(buf, sizeof buf, "12345678", 8));
	assert_non_null(ps_value_simple_key(buf, sizeof buf, "1234567", 7));
	assert_string_equal(buf, "1234567");
}

static void same(const char *s)
{
	ps_value a, b;
	ps_value_parse(&a, s, strlen(s));
	ps_value_parse_ref(&b, s, strlen(s));
	if (a.kind != b.kind || a.cmp != b.cmp || a.num != b.num || strcmp(a.unit, b.unit) != 0 ||
	    a.year != b.year || a.month != b.month || a.day != b.day || a.before != b.before ||
	    a.grade != b.grade || a.incident != b.incident || a.text != b.text || a.text_len != b.text_len)
		fail_msg("'%s': kind %d/%d num %lld/%lld unit '%s'/'%s' cmp %d/%d date %d-%d-%d/%d-%d-%d "
		         "grade %d/%d",
		         s, a.kind, b.kind, (long long)a.num, (long long)b.num, a.unit, b.unit, a.cmp, b.cmp,
		         (int)a.year, (int)a.month, (int)a.day, (int)b.year, (int)b.month, (int)b.day, a.grade,
		         b.grade);
}

static void t_parse_same(void **state)
{
	(void)state;
	static const char *const cells[] = {
		"", " ", "0", "00", "007", "100", "97.5", "97.5%", " 97.5 % ", "97.5%%", "%", "%5", "-", "+", "-%",
		"+%", "-5", "+5", "--5", "-+5", "−5", "-0", "-0.0%", ".5", "5.", "5.%", "5..", "0.", "0. 5",
		"1,200", "1,200%", "1,20", "1,2000", ",5", "5,", "1,234,567.89", "1,234,567.89%", "12,34",
		"2026.12", "2026.12.31", "2026.1.5", "2026.1.5%", "2026.123", "2026.05", "2026-12", "2026/12/20",
		"2026/12/20 0:00:00", "12.5.", "97.5。", "97.5、", "97.5,", "97.5;", "1e5", "0x10", "5 %",
		"999999999999", "999999999999.9999999", "1000000000000", "-1000000000000", "1000000000000%",
		"0.0000005", "0.0000004999", "0.9700000000000001", "12345678901234567890",
		"1111111111111111111111111111111111111111111111111111111111111111111",
		"1.111111111111111111111111111111111111111111111111111111111111111111%", "３", "１００％",
		"95％", "≥95%", ">=95", "=5", "95%以上", "5个", "5 个", "5万", "5万元", "一", "二十", "百分之九十",
		"不适用", "/", "—", "无", "未发生", "未完成2项", "2项未完成", "发生1起", "优秀", "达成预期指标",
		"2026年12月31日前", "12月底", "年底前", "N/A", "n/a", "NaN", "inf", "#DIV/0!", "0%", "100%",
		"100.00%", "3.", "3.0", "-3.25%", "+0.5%", "是", "否", "有", "没有", "没有发生", "没有发生事故",
		"未完成", "不合格", "合格", "中", "良", "一般", "部分达成", "全部完成", "已达标", "优 秀", "优秀。",
		"一", "不适用", "无此项", "未发生", "未出现", "未发现", "无发生", "达成预期指标、", "良好!", "差",
		"较差", "未按时完成", "未按期完成",
	};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++)
		same(cells[i]);
	/* every short string of these characters */
	static const char alphabet[] = "09.,%-+ ";
	char s[6];
	for (size_t len = 1; len <= 5; len++) {
		size_t total = 1;
		for (size_t k = 0; k < len; k++)
			total *= sizeof alphabet - 1;
		for (size_t x = 0; x < total; x++) {
			size_t y = x;
			for (size_t k = 0; k < len; k++, y /= sizeof alphabet - 1)
				s[k] = alphabet[y % (sizeof alphabet - 1)];
			s[len] = '\0';
			same(s);
		}
	}
}

/* ps_unit_norm's shortcut for "" and "%" keeps to the size it is given. */
static void t_unit_norm_short(void **state)
{
	(void)state;
	char out[4] = "xyz";
	ps_unit_norm(out, 1, "%", 1);
	assert_string_equal(out, "");
	assert_int_equal(out[1], 'y');
	ps_unit_norm(out, 2, " % ", 3);
	assert_string_equal(out, "%");
	ps_unit_norm(out, 2, "", 0);
	assert_string_equal(out, "");
	ps_unit_norm(out, 4, "％", strlen("％"));
	assert_string_equal(out, "%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_simple_key),
		cmocka_unit_test(t_parse_same),
		cmocka_unit_test(t_unit_norm_short),
	};
	return cmocka_run_group_tests_name("value_fast", tests, NULL, NULL);
}
