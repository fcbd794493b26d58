/* test_text_view.c: ps_norm_cell_view against ps_norm_cell, and the ends
 * trimming now answers without ps_trim (cells starting ≥ （, ending 一 。).
 * ps_utf8_invalid_at's tests are in test_text.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"

/* The view of s (a copy with its NUL) is the normalised cell; returns
 * whether it pointed into the copy (no copy made). */
static bool view_is(const char *s, const char *want)
{
	size_t len = strlen(s);
	char *in = malloc(len + 1);
	char *out = malloc(len + 1);
	memcpy(in, s, len + 1);
	size_t n = 99;
	const char *v = ps_norm_cell_view(out, in, len, &n);
	assert_int_equal(n, strlen(want));
	assert_memory_equal(v, want, n);
	assert_int_equal(v[n], '\0');
	char *ref = ps_norm_cell(s, len);
	assert_string_equal(ref, want);
	free(ref);
	bool inside = v >= in && v <= in + len;
	free(in);
	free(out);
	return inside;
}

static void t_view_plain(void **state)
{
	(void)state;
	assert_true(view_is("成本超支率", "成本超支率"));
	assert_true(view_is("  开展培训人次", "开展培训人次")); /* trimmed at the start only */
	assert_true(view_is("≥95%", "≥95%"));
	(void)view_is("（含）5%-10%", "（含）5%-10%"); /* EF is looked at: copied */
	assert_true(view_is("第一", "第一")); /* ends like U+3000 (80) */
	assert_true(view_is("", ""));
}

static void t_view_changed(void **state)
{
	(void)state;
	assert_false(view_is("成本超支率  ", "成本超支率"));
	assert_false(view_is("１００％", "100%"));
	assert_false(view_is("a\r\n\r\nb", "a\nb"));
	assert_false(view_is("\xE3\x80\x80中\xE3\x80\x80", "中"));
	assert_false(view_is("中\xC2\xA0文", "中 文"));
	assert_false(view_is("文\xEF\xBB\xBF", "文"));
	assert_false(view_is("文\xE2\x80\x8B", "文"));
	assert_false(view_is("中，文\xE3\x80\x80", "中，文"));
}

/* Every end byte trimming looks at, in front of and after text: the view
 * and ps_norm_cell_to agree with trimming by ps_trim first. */
static void t_view_ends(void **state)
{
	(void)state;
	static const char *const ends[] = {" ",     "\t",    "\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80",
	                                   "\xEF\xBB\xBF", "一", "。", "≥", "（", "\xE2\x80\x80",
	                                   "\xC3\xA0", "\x80", "\xA0", "\xBF", "a", "\x01", ""};
	size_t k = sizeof ends / sizeof ends[0];
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++) {
			char s[64];
			snprintf(s, sizeof s, "%s中%s", ends[i], ends[j]);
			size_t len = strlen(s);
			const char *t = s;
			size_t m = ps_trim(&t, len);
			char a[64], b[64];
			size_t na = ps_norm_cell_to(a, s, len);
			size_t nb;
			const char *v = ps_norm_cell_view(b, s, len, &nb);
			assert_int_equal(na, nb);
			assert_memory_equal(a, v, na);
			assert_true(na <= m);
			char *ref = ps_norm_cell(s, len);
			assert_string_equal(ref, a);
			free(ref);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_view_plain),
		cmocka_unit_test(t_view_changed),
		cmocka_unit_test(t_view_ends),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
