/* test_rule_cache.c: the rule cache's memos of cells (values, units) give
 * what the functions they stand in for give; aliases keep a rule's words;
 * lookups started ahead find what plain ones find. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/perfscore.h"
#include "perfscore/text.h"
#include "rule_int.h"

static const char *const cells[] = {
	"", " ", "95%", " 95% ", "≥95%", "1,200万元", "优秀", "良", "是", "否", "不适用", "/",
	"2026年12月20日", "2026-12-20", "12月底前", "未完成2项", "发生1起", "未发生安全事故",
	"达成预期指标。", "百分之九十", "零点五", "１２３", "abc", "0.0900000762939453",
};

static void same_value(const ps_value *a, const ps_value *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->cmp, b->cmp);
	assert_int_equal(a->num, b->num);
	assert_string_equal(a->unit, b->unit);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->month, b->month);
	assert_int_equal(a->day, b->day);
	assert_int_equal(a->before, b->before);
	assert_int_equal(a->grade, b->grade);
	assert_int_equal(a->incident, b->incident);
	assert_ptr_equal(a->text, b->text);
	assert_int_equal(a->text_len, b->text_len);
}

static void values(ps_rule_cache *c)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
			/* a copy of its own each time: the text must point into it */
			char *s = ps_xstrdup(cells[i]);
			ps_value want, got;
			ps_value_parse(&want, s, strlen(s));
			ps_rule_cache_value(c, &got, s, strlen(s));
			same_value(&got, &want);
			char uw[32], ug[32];
			ps_unit_norm(uw, sizeof uw, s, strlen(s));
			ps_rule_cache_unit(c, ug, s, strlen(s));
			assert_string_equal(ug, uw);
			free(s);
		}
}

/* check(c) on a cache of each kind: one thread's, and shared. */
static void on_both_caches(void (*check)(ps_rule_cache *))
{
	ps_rule_cache *c = ps_rule_cache_new();
	check(c);
	ps_rule_cache_free(c);
	c = ps_rule_cache_new_shared();
	check(c);
	ps_rule_cache_free(c);
}

static void t_values(void **state)
{
	(void)state;
	on_both_caches(values);
}

/* A value and a unit of the same text are kept apart. */
static void t_value_and_unit(void **state)
{
	(void)state;
	ps_rule_cache *c = ps_rule_cache_new();
	ps_value v;
	char u[32];
	ps_rule_cache_unit(c, u, "(%)", 3);
	assert_string_equal(u, "%");
	ps_rule_cache_value(c, &v, "(%)", 3);
	assert_int_equal(v.kind, PS_V_TEXT);
	ps_rule_cache_unit(c, u, "(%)", 3);
	assert_string_equal(u, "%");
	ps_rule_cache_free(c);
}

/* A text met again by its exact bytes (the alias table) gives the rule and
 * the diagnostics of the first compile. */
static void t_aliases(void **state)
{
	(void)state;
	ps_rule_cache *c = ps_rule_cache_new_shared();
	const char *t1 = "完成率≥95%得满分，每降低1%扣1分";
	const char *t2 = "完成率 ≥ 95% 得满分，每降低1%扣1分";
	ps_pos pos = {"t.csv", 5, 2, 100};
	ps_diags d = PS_DIAGS_INIT;
	const ps_rule *a = ps_rule_cache_get(c, t1, strlen(t1), false, pos, &d);
	const ps_rule *b = ps_rule_cache_get(c, t1, strlen(t1), false, pos, &d);
	const ps_rule *e = ps_rule_cache_get(c, t2, strlen(t2), false, pos, &d);
	assert_ptr_equal(a, b);
	assert_ptr_equal(a, e); /* the same key once normalised */
	assert_int_equal(ps_rule_cache_size(c), 1);
	ps_diags_dispose(&d);
	ps_rule_cache_free(c);
}

/* A lookup started ahead (ps_rule_cache_hint, then any number of stages of
 * ps_rule_cache_ahead, also past the last) finds what the plain lookup
 * finds: the same rule, memo and diagnostics, the same value; before and
 * after the text is in the cache. */
static void hinted(ps_rule_cache *c)
{
	static const char *const texts[] = {
		"完成率≥95%得满分，每降低1%扣1分",
		"完成率 ≥ 95% 得满分，每降低1%扣1分",
		"按时完成得满分，否则酌情扣分",
		"每发生一起扣2分，扣完为止，另加一句看不懂的话",
		"？？",
	};
	ps_pos pos = {"t.csv", 7, 3, 40};
	for (int pass = 0; pass < 3; pass++) {
		for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
			const char *t = texts[i], *v = cells[i % (sizeof cells / sizeof *cells)];
			for (int stages = 0; stages <= 4; stages++) {
				ps_cache_hint h;
				ps_rule_cache_hint(c, &h, t, strlen(t), v, strlen(v));
				for (int k = 0; k < stages; k++)
					ps_rule_cache_ahead(c, &h);
				ps_diags d1 = PS_DIAGS_INIT, d2 = PS_DIAGS_INIT;
				ps_rule_memo *m1, *m2;
				const ps_rule *r1 = ps_rule_cache_get_hinted(c, &h, t, strlen(t), pos, &d1, &m1);
				const ps_rule *r2 = ps_rule_cache_get_memo(c, t, strlen(t), false, pos, &d2, &m2);
				assert_ptr_equal(r1, r2);
				assert_ptr_equal(m1, m2);
				assert_int_equal(d1.n, d2.n);
				for (size_t k = 0; k < d1.n; k++) {
					assert_string_equal(d1.v[k].msg, d2.v[k].msg);
					assert_int_equal(d1.v[k].pos.col, d2.v[k].pos.col);
				}
				ps_diags_dispose(&d1);
				ps_diags_dispose(&d2);
				char *s = ps_xstrdup(v);
				ps_value want, got;
				ps_value_parse(&want, s, strlen(s));
				ps_rule_cache_value_hinted(c, &h, &got, s, strlen(s));
				same_value(&got, &want);
				free(s);
			}
		}
	}
	/* no text, no value: nothing is asked for, nothing breaks */
	ps_cache_hint h;
	ps_rule_cache_hint(c, &h, NULL, 0, NULL, 0);
	for (int k = 0; k < 4; k++)
		ps_rule_cache_ahead(c, &h);
	assert_false(h.has_rule);
	assert_false(h.has_value);
}

static void t_hinted(void **state)
{
	(void)state;
	on_both_caches(hinted);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_values),
		cmocka_unit_test(t_value_and_unit),
		cmocka_unit_test(t_aliases),
		cmocka_unit_test(t_hinted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
