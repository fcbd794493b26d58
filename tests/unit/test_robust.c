/* test_robust.c: what fuzzing and the bad-input catalogue found, pinned as
 * unit tests: one-line diagnostics, the encoding fallback's message, points
 * and numbers out of range, impossible dates, the lexicon index, scores
 * never rounded above the points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/perfscore.h"
#include "sheet.h"

/* A diagnostic quoting a multi-line cell stays on one line (fuzz_table). */
static void t_diag_one_line(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_diags_add(&d, PS_D_BAD_VALUE, ((ps_pos){"t.csv", 3, 0, -1}), "given score \"%s\" is not a number",
	             "汛期\r\n延误\tx");
	char *s = ps_diag_format(&d.v[0]);
	assert_string_equal(s, "t.csv:3: warning: given score \"汛期 延误 x\" is not a number [bad-value]");
	free(s);
	ps_diags_dispose(&d);
}

/* A message given as "%s" (the fast path: no printf) is made one line just
 * the same; ps_diag_format_to appends the line that ps_diag_format returns. */
static void t_diag_plain_arg(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_diags_add(&d, PS_D_BAD_VALUE, ((ps_pos){"t.csv", 3, 7, -1}), "%s", "given \"汛期\r\n延误\tx\" here");
	ps_diags_add(&d, PS_D_RULE_TYPO, ((ps_pos){"t.csv", 0, 0, 1234}), "%s", "plain “引号” text");
	ps_diags_addl(&d, PS_D_IO, PS_ERROR, PS_POS_NONE, "%s", "");
	assert_string_equal(d.v[0].msg, "given \"汛期 延误 x\" here");
	assert_string_equal(d.v[1].msg, "plain “引号” text");
	assert_string_equal(d.v[2].msg, "");
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, ">");
	for (size_t i = 0; i < d.n; i++) {
		ps_diag_format_to(&b, &d.v[i]);
		ps_buf_addc(&b, '|');
	}
	assert_string_equal(b.s, ">t.csv:3:7: warning: given \"汛期 延误 x\" here [bad-value]|"
	                         "t.csv: byte 1234: note: plain “引号” text [rule-typo]|error:  [io]|");
	char *s = ps_diag_format(&d.v[1]);
	assert_string_equal(s, "t.csv: byte 1234: note: plain “引号” text [rule-typo]");
	free(s);
	ps_buf_dispose(&b);
	ps_diags_dispose(&d);
}

/* A quoted 100,000-character cell is cut to 100 code points and "…". */
static void t_diag_long_quote(void **state)
{
	(void)state;
	ps_buf name = PS_BUF_INIT;
	for (int i = 0; i < 100000; i++)
		ps_buf_adds(&name, "完");
	ps_diags d = PS_DIAGS_INIT;
	ps_diags_add(&d, PS_D_NO_ACTUAL, PS_POS_NONE, "“%s”：无实际完成值", name.s);
	ps_buf want = PS_BUF_INIT;
	ps_buf_adds(&want, "“");
	for (int i = 0; i < 100; i++)
		ps_buf_adds(&want, "完");
	ps_buf_adds(&want, "…”：无实际完成值");
	assert_string_equal(d.v[0].msg, want.s);
	ps_buf_dispose(&want);
	ps_buf_dispose(&name);
	ps_diags_dispose(&d);
}

/* Auto-detection falls back to GB18030 when few characters precede a bad
 * byte; if GB18030 fails earlier, the UTF-8 error is the one reported. */
static void t_source_neither(void **state)
{
	(void)state;
	const char data[] = "指标名称,指标值\n整改\xff率,100\n";
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	assert_int_equal(ps_source_from_mem(&s, "x.csv", data, sizeof data - 1, PS_ENC_AUTO, &d), PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].pos.line, 2);
	assert_int_equal(d.v[0].pos.offset, 29);
	assert_string_equal(d.v[0].msg, "invalid UTF-8 at byte 29 (byte 0xFF); not GB18030 either");
	ps_diags_dispose(&d);
	/* real GB18030 text with a bad byte keeps its own message */
	const char gb[] = "\xd6\xb8\xb1\xea,1\n\x81\x20\n";
	assert_int_equal(ps_source_from_mem(&s, "g.csv", gb, sizeof gb - 1, PS_ENC_AUTO, &d), PS_EINPUT);
	assert_string_equal(d.v[0].msg, "invalid GB18030 byte 0x81 at byte 7");
	ps_diags_dispose(&d);
}

static void t_points_range(void **state)
{
	(void)state;
	ps_dec v = -1;
	assert_true(ps_points_parse(&v, "20分"));
	assert_int_equal(v, PS_DEC(20));
	assert_true(ps_points_parse(&v, "1000000"));
	assert_false(ps_points_parse(&v, "1000000.5"));
	assert_false(ps_points_parse(&v, "99999999999"));
	assert_false(ps_points_parse(&v, "-5"));
}

/* 10^12 and beyond cannot be computed with: text, not a clamped number. */
static void t_value_huge(void **state)
{
	(void)state;
	ps_value v;
	ps_value_parse(&v, "99999999999999999999%", strlen("99999999999999999999%"));
	assert_int_equal(v.kind, PS_V_TEXT);
	ps_value_parse(&v, "-1000000000000", strlen("-1000000000000"));
	assert_int_equal(v.kind, PS_V_TEXT);
	ps_value_parse(&v, "999999999999.5万元", strlen("999999999999.5万元"));
	assert_int_equal(v.kind, PS_V_NUMBER);
	assert_int_equal(v.num, 999999999999500000);
}

/* An impossible date is not understood (fuzz_rule: "date>06-31" printed,
 * then refused by the canonical parser). */
static void t_rule_impossible_date(void **state)
{
	(void)state;
	const char *bad[] = {"于6月31日前报送，未及时报送的，扣1分", "2026年2月29日前完成得满分",
	                     "2026-04-31前完成得满分"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ps_rule *r = ps_rule_compile(bad[i], strlen(bad[i]), PS_POS_NONE, NULL);
		assert_false(r->ok);
		assert_non_null(strstr(r->err_msg, "no such date"));
		ps_rule_free(r);
	}
	const char *ok = "2028年2月29日前完成得满分";
	ps_rule *r = ps_rule_compile(ok, strlen(ok), PS_POS_NONE, NULL);
	assert_true(r->ok);
	char *p = ps_rule_print(r);
	assert_string_equal(p, "date<=2028-02-29 => full");
	ps_rule *back = ps_rule_parse_dsl(p, strlen(p), PS_POS_NONE, NULL);
	assert_true(back->ok && ps_rule_equal(r, back));
	free(p);
	ps_rule_free(back);
	ps_rule_free(r);
}

/* Long and deeply nested rules compile in linear time: 50,000 brackets
 * deep used to take minutes (a scan to the ")" from every "（"), and so
 * did 100,000 "=" (a scan of the sentence from every "="). */
static void t_rule_nested(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	for (int i = 0; i < 50000; i++)
		ps_buf_adds(&b, "（");
	ps_buf_adds(&b, "完成得满分");
	for (int i = 0; i < 50000; i++)
		ps_buf_adds(&b, "）");
	ps_rule *r = ps_rule_compile(b.s, b.n, PS_POS_NONE, NULL);
	assert_true(r->ok);
	char *p = ps_rule_print(r);
	assert_string_equal(p, "yes => full; no => 0");
	free(p);
	ps_rule_free(r);
	/* 100,000 "=": each one used to scan its whole sentence both ways */
	ps_buf_clear(&b);
	for (int i = 0; i < 100000; i++)
		ps_buf_adds(&b, i % 2 ? "=" : "偏差率");
	ps_buf_adds(&b, "|实际值-目标值|/目标值");
	r = ps_rule_compile(b.s, b.n, PS_POS_NONE, NULL);
	assert_false(r->ok);
	assert_non_null(strstr(r->err_msg, "deviation"));
	ps_rule_free(r);
	ps_buf_dispose(&b);
}

/* Full marks of 12.5 points at 0 decimals: 12, never 13 (prop.py). */
static void t_round_not_above_points(void **state)
{
	(void)state;
	static char empty[] = "", target[] = "100", actual[] = "100%", pct[] = "%";
	ps_indicator ind;
	memset(&ind, 0, sizeof ind);
	ind.id = ind.unit_code = ind.unit_name = ind.level1 = ind.level2 = ind.name = empty;
	ind.type_text = ind.explain = ind.rule_text = ind.rule_dsl = ind.remark = ind.reason = empty;
	ind.pos = ind.actual_pos = PS_POS_NONE;
	ind.target_text = target;
	ps_value_parse(&ind.target, target, strlen(target));
	ind.cmp = PS_CMP_GE;
	ind.unit = pct;
	ind.points = PS_DEC(12) + PS_DEC_SCALE / 2;
	ind.has_points = true;
	ind.has_actual = true;
	ind.actual_text = actual;
	ps_policy pol;
	ps_policy_init(&pol);
	pol.decimals = 0;
	ps_score_ctx ctx = {&pol, PS_LANG_ZH, NULL};
	const char *text = "达到100%得满分";
	ps_rule *r = ps_rule_compile(text, strlen(text), PS_POS_NONE, NULL);
	ps_ind_result res;
	ps_score_explain(&res, r, &ind, &ctx, NULL);
	assert_true(res.has_score);
	assert_int_equal(res.score, PS_DEC(12));
	ps_ind_result_dispose(&res);
	pol.decimals = 2;
	ps_score_explain(&res, r, &ind, &ctx, NULL);
	assert_int_equal(res.score, ind.points);
	ps_ind_result_dispose(&res);
	ps_rule_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_diag_one_line),
		cmocka_unit_test(t_diag_long_quote),
		cmocka_unit_test(t_diag_plain_arg),
		cmocka_unit_test(t_source_neither),
		cmocka_unit_test(t_points_range),
		cmocka_unit_test(t_value_huge),
		cmocka_unit_test(t_rule_impossible_date),
		cmocka_unit_test(t_rule_nested),
		cmocka_unit_test(t_round_not_above_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
