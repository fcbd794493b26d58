/* test_header.c: ps_header_repeats (its branch-free count of candidate
 * cells before the exact loop) against a plain count of trimmed cells equal
 * to the header's, on many random rows near the header's own words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "header.h"
#include "perfscore/text.h"

static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

/* A row of copies of cells[0..n), each with the reader's padding. */
static void row_of(ps_csv_row *r, const char *const *cells, size_t n)
{
	ps_csv_row src = {0};
	char *f[32];
	size_t len[32];
	for (size_t i = 0; i < n; i++) {
		f[i] = (char *)cells[i];
		len[i] = strlen(cells[i]);
	}
	src.f = f;
	src.len = len;
	src.n = n;
	ps_csv_row_copy(r, &src);
}

/* What ps_header_repeats answers, written out: the named columns with a
 * header text whose cell, trimmed, is that text; at least three of them
 * (all, if fewer are named). */
static bool repeats_ref(const ps_header *h, const ps_csv_row *r)
{
	size_t named = 0, texts = 0, same = 0;
	for (size_t c = 0; c < h->ncol; c++) {
		bool is_named = h->col[c] != PS_F_NONE, compared = is_named && h->text[c][0];
		named += is_named;
		texts += compared;
		const char *s = c < r->n ? r->f[c] : "";
		size_t n = ps_trim(&s, c < r->n ? r->len[c] : 0);
		same += compared && c < r->n && n == strlen(h->text[c]) && memcmp(s, h->text[c], n) == 0;
	}
	size_t want = named < 3 ? named : 3;
	return want > 0 && texts >= want && same >= want;
}

/* A cell near header text t: itself, padded with white space ps_trim
 * drops (or a character it keeps), cut short, lengthened, or unrelated. */
static void near_cell(char *out, size_t cap, const char *t)
{
	static const char *const pads[] = {"", " ", "\t", "\xC2\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF", "\xE2\x80\x8B",
	                                   "x", "\xE4\xB8\x80", "\r\n"};
	static const char *const other[] = {"", "000001", "成本指标", "≥", "5", "%", "满意度", "三级", "指标值类型",
	                                    "一级指标", "三级指标 ", "单位名称"};
	size_t tl = strlen(t);
	switch (rnd(6)) {
	case 0:
	case 1:
		snprintf(out, cap, "%s", t);
		break;
	case 2:
		snprintf(out, cap, "%s%s%s", pads[rnd(10)], t, pads[rnd(10)]);
		break;
	case 3:
		snprintf(out, cap, "%.*s", (int)(tl ? rnd((uint32_t)tl) : 0), t);
		break;
	case 4:
		snprintf(out, cap, "%s%s", t, other[rnd(12)]);
		break;
	default:
		snprintf(out, cap, "%s", other[rnd(12)]);
		break;
	}
}

static void try_header(const char *const *hcells, size_t hn, size_t rows)
{
	ps_csv_row hr;
	row_of(&hr, hcells, hn);
	ps_header h;
	assert_true(ps_header_detect(&h, &hr, 1, PS_HDR_TARGETS));
	size_t hits = 0;
	for (size_t i = 0; i < rows; i++) {
		size_t n = rnd((uint32_t)hn + 3);
		char buf[32][96];
		const char *cells[32];
		for (size_t c = 0; c < n; c++) {
			near_cell(buf[c], sizeof buf[c], c < h.ncol ? h.text[c] : "");
			cells[c] = buf[c];
		}
		ps_csv_row r;
		row_of(&r, cells, n);
		bool want = repeats_ref(&h, &r);
		hits += want;
		assert_int_equal(ps_header_repeats(&h, &r), want);
		ps_csv_row_dispose(&r);
	}
	assert_true(hits > 0); /* both answers were tried */
	assert_true(hits < rows);
	ps_header_dispose(&h);
	ps_csv_row_dispose(&hr);
}

static void t_repeats_random(void **state)
{
	(void)state;
	static const char *const full[] = {"单位编码", "单位名称", "一级指标", "二级指标", "三级指标", "指标值类型",
	                                   "指标值", "计量单位", "指标解释", "评（扣）分标准", "分值"};
	try_header(full, 11, 20000);
	/* short texts (fewer than four bytes compared), blank and unnamed columns */
	static const char *const sparse[] = {"三级指标", "", "值", "备注说明", "分值", "x"};
	try_header(sparse, 6, 20000);
	/* two named columns: both must repeat */
	static const char *const two[] = {"三级指标", "指标值"};
	try_header(two, 2, 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_repeats_random),
	};
	return cmocka_run_group_tests_name("header", tests, NULL, NULL);
}
