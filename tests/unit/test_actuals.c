/* test_actuals.c: the actual-values file read on two threads gives the rows
 * and diagnostics of the one-thread read, field by field; a text with no safe
 * place to split is read on one thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sheet.h"
#include "perfscore/source.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

static void assert_same_actuals(const ps_actuals *a, const ps_actuals *b)
{
	assert_string_equal(a->file, b->file);
	assert_int_equal(a->n, b->n);
	for (int f = 0; f < PS_F__COUNT; f++)
		assert_int_equal(a->has_field[f], b->has_field[f]);
	for (size_t i = 0; i < a->n; i++) {
		const ps_actual *x = &a->v[i], *y = &b->v[i];
		assert_string_equal(x->id, y->id);
		assert_string_equal(x->unit_code, y->unit_code);
		assert_string_equal(x->unit_name, y->unit_name);
		assert_string_equal(x->level1, y->level1);
		assert_string_equal(x->level2, y->level2);
		assert_string_equal(x->name, y->name);
		assert_string_equal(x->actual_text, y->actual_text);
		assert_string_equal(x->score_text, y->score_text);
		assert_string_equal(x->reason, y->reason);
		assert_int_equal(x->given_score, y->given_score);
		assert_int_equal(x->has_given_score, y->has_given_score);
		assert_int_equal(x->not_applicable, y->not_applicable);
		assert_ptr_equal(x->pos.file, a->file);
		assert_ptr_equal(y->pos.file, b->file);
		assert_int_equal(x->pos.line, y->pos.line);
		assert_int_equal(x->pos.col, y->pos.col);
		assert_int_equal(x->matched, y->matched);
		/* the lengths matching uses instead of strlen: kept by both */
		assert_int_equal(x->name_len, strlen(x->name));
		assert_int_equal(y->name_len, strlen(y->name));
		assert_int_equal(x->actual_len, strlen(x->actual_text));
		assert_int_equal(y->actual_len, strlen(y->actual_text));
		assert_int_equal(x->reason_len, strlen(x->reason));
		assert_int_equal(y->reason_len, strlen(y->reason));
	}
}

static void assert_same_diags(const ps_diags *a, const ps_diags *b)
{
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->n_error, b->n_error);
	assert_int_equal(a->n_warning, b->n_warning);
	for (size_t i = 0; i < a->n; i++) {
		char *x = ps_diag_format(&a->v[i]), *y = ps_diag_format(&b->v[i]);
		assert_string_equal(x, y);
		free(x);
		free(y);
		assert_int_equal(a->v[i].code, b->v[i].code);
		assert_int_equal(a->v[i].level, b->v[i].level);
		assert_int_equal(a->v[i].pos.line, b->v[i].pos.line);
		assert_int_equal(a->v[i].pos.col, b->v[i].pos.col);
	}
}

/* Load text both ways; returns whether the two-thread load split it, after
 * checking that both give the same return code, rows and diagnostics. */
static bool load_parts_both(const char *text, size_t len, size_t n_parts, int *rc_out, size_t *n_out)
{
	ps_diags d0 = PS_DIAGS_INIT, d1 = PS_DIAGS_INIT, ds = PS_DIAGS_INIT;
	ps_source *src;
	assert_int_equal(ps_source_from_mem(&src, "a.csv", text, len, PS_ENC_UTF8, &ds), PS_OK);
	ps_actuals *one = NULL, *two = NULL;
	bool split0 = true, split = false;
	int rc0 = ps_actuals_load_split(&one, src, 0, &split0, &d0);
	int rc1 = n_parts ? ps_actuals_load_parts(&two, src, 1, n_parts, &split, &d1)
	                  : ps_actuals_load_split(&two, src, 1, &split, &d1);
	assert_false(split0);
	assert_int_equal(rc0, rc1);
	assert_same_diags(&d0, &d1);
	if (rc0 == PS_OK) {
		assert_non_null(one);
		assert_non_null(two);
		assert_same_actuals(one, two);
		*n_out = one->n;
	} else {
		assert_null(one);
		assert_null(two);
		*n_out = 0;
	}
	*rc_out = rc0;
	ps_actuals_free(one);
	ps_actuals_free(two);
	ps_diags_dispose(&d0);
	ps_diags_dispose(&d1);
	ps_diags_dispose(&ds);
	ps_source_free(src);
	return split;
}

static bool load_both(const char *text, size_t len, int *rc_out, size_t *n_out)
{
	return load_parts_both(text, len, 0, rc_out, n_out);
}

/* A generated file of about `bytes`: units of 12 rows, fill-down of units and
 * levels within a unit, CRLF and LF breaks, bad given scores (diagnostics) and
 * 不适用 rows everywhere, a total row and a blank line after each unit. */
static char *gen(size_t bytes, size_t *len)
{
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "标题：2025年绩效自评表\n单位编码,单位名称,一级指标,二级指标,三级指标,实际完成值,得分,偏差原因\n");
	static const char *const l1[] = {"产出指标", "效益指标", "满意度指标"};
	static const char *const l2[] = {"数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"};
	for (unsigned u = 0; b.n < bytes; u++) {
		for (unsigned r = 0; r < 12; r++) {
			char line[512];
			const char *brk = (u + r) % 7 == 0 ? "\r\n" : "\n";
			bool first = r == 0;
			bool lead1 = r % 4 == 0, lead2 = r % 2 == 0;
			const char *score = (u * 12 + r) % 97 == 0 ? "abc" : (r % 3 == 0 ? "5分" : "");
			const char *actual = (u + r) % 23 == 0 ? "不适用" : "95%";
			snprintf(line, sizeof line, "%06u,%s,%s,%s,%u、指标%u（%u分）,%s,%s,%s%s", u, first || r == 6 ? "某某县教育局" : "",
			         lead1 ? l1[(r / 4) % 3] : "", lead2 ? l2[(r / 2) % 4] : "", r + 1, r, r + 5, actual, score,
			         r == 11 ? "无" : "", brk);
			ps_buf_adds(&b, line);
		}
		ps_buf_adds(&b, u % 3 == 0 ? ",,,,合计,,60,\n\n" : "\n");
	}
	*len = b.n;
	return b.s;
}

static void t_split_same_as_one_thread(void **state)
{
	(void)state;
	size_t len;
	char *text = gen((size_t)3 << 20, &len);
	int rc;
	size_t n;
	assert_true(load_both(text, len, &rc, &n));
	assert_int_equal(rc, PS_OK);
	assert_true(n > 30000);
	free(text);
}

/* Past the middle no row names its own 一级: every row there depends on
 * the rows above, so there is no safe place to split. */
static void t_no_safe_split(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "单位编码,一级指标,二级指标,三级指标,实际完成值\n001,产出指标,数量指标,培训人数0,1\n");
	for (unsigned i = 1; i < 20000; i++) {
		char line[128];
		snprintf(line, sizeof line, "001,,数量指标,培训人数%u,%u\n", i, i);
		ps_buf_adds(&b, line);
	}
	int rc;
	size_t n;
	assert_false(load_both(b.s, b.n, &rc, &n));
	assert_int_equal(rc, PS_OK);
	assert_int_equal(n, 20000);
	ps_buf_dispose(&b);
}

/* A quoted field with line breaks (and quotes) across the middle: the
 * split comes after it, and line numbers after it are still right. */
static void t_quoted_newline_at_middle(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "单位编码,一级指标,二级指标,三级指标,实际完成值\n");
	for (unsigned i = 0; i < 40000; i++) {
		char line[160];
		if (i == 20000) {
			/* a stray half of a quoted row on every line for a while: a
			 * split inside it would read garbage */
			ps_buf_adds(&b, "002,产出指标,数量指标,长指标,\"第一行\n");
			for (unsigned k = 0; k < 100; k++)
				ps_buf_adds(&b, k % 2 ? "003,效益指标,质量指标,假指标,\"\"引号\"\"\r\n"
				                      : "003,效益指标,质量指标,假指标,无引号\r\n");
			ps_buf_adds(&b, "末行\"\n");
		}
		/* rows of one width: the middle of the text is inside the block */
		snprintf(line, sizeof line, "%03u,产出指标,数量指标,培训人数%05u,%05u\n", i / 100, i, i);
		ps_buf_adds(&b, line);
	}
	int rc;
	size_t n;
	assert_true(load_both(b.s, b.n, &rc, &n));
	assert_int_equal(rc, PS_OK);
	assert_int_equal(n, 40001);
	ps_buf_dispose(&b);
}

/* The same unit code over the middle with another unit name: filled down,
 * the name of the unit's first row stays; the split must not change that. */
static void t_unit_name_carried_over(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "单位编码,单位名称,一级指标,二级指标,三级指标,实际完成值\n");
	for (unsigned i = 0; i < 20000; i++) {
		char line[200];
		snprintf(line, sizeof line, "001,%s,产出指标,数量指标,培训人数%u,%u\n", i == 0 ? "甲局" : "乙局", i, i);
		ps_buf_adds(&b, line);
	}
	int rc;
	size_t n;
	/* the first part ends in 甲局, the rest would start 乙局: refused */
	assert_false(load_both(b.s, b.n, &rc, &n));
	assert_int_equal(rc, PS_OK);
	assert_int_equal(n, 20000);
	ps_buf_dispose(&b);
}

/* The actual rows of text[0..len) (read as the program reads them; n of
 * them), its source into *src. */
static ps_actuals *load_text(const char *text, size_t len, size_t n, ps_source **src, ps_diags *d)
{
	*src = NULL;
	assert_int_equal(ps_source_from_mem(src, "a.csv", text, len, PS_ENC_AUTO, d), PS_OK);
	ps_actuals *a = NULL;
	assert_int_equal(ps_actuals_load(&a, *src, NULL, d), PS_OK);
	assert_int_equal(a->n, n);
	return a;
}

/* The k-th 二级 text of t_levels_shared: every length a level can have. */
static void level2_text(ps_buf *b, unsigned k)
{
	switch (k % 4) {
	case 0: ps_buf_printf(b, "%u", k); break;                         /* short */
	case 1: ps_buf_printf(b, "质量%u指标", k); break;                 /* 8..16 */
	case 2: ps_buf_printf(b, "服务对象%u满意度指标", k); break;        /* past 16 */
	default: ps_buf_printf(b, "可持续影响指标第%u项社会效益指标", k); /* past 32 */
	}
}

/* Level names are kept once per text while their slot holds them: rows
 * that repeat one share it; a thousand distinct ones of every length
 * (below 8 bytes, to 16, past 16 and 32, alike in their first and last 8
 * bytes) are each still their own cell's text. */
static void t_levels_shared(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT, l2 = PS_BUF_INIT;
	ps_buf_adds(&b, "单位编码,一级指标,二级指标,三级指标,实际完成值\n");
	enum { ROWS = 3000 };
	for (unsigned i = 0; i < ROWS; i++) {
		ps_buf_printf(&b, "001,%s,", i % 2 ? "产出指标" : "效益指标");
		level2_text(&b, i % 1000);
		ps_buf_printf(&b, ",培训人数%u,%u\n", i, i);
	}
	ps_diags d = PS_DIAGS_INIT;
	ps_source *src;
	ps_actuals *a = load_text(b.s, b.n, ROWS, &src, &d);
	for (unsigned i = 0; i < ROWS; i++) {
		const ps_actual *x = &a->v[i];
		assert_string_equal(x->level1, i % 2 ? "产出指标" : "效益指标");
		ps_buf_clear(&l2);
		level2_text(&l2, i % 1000);
		assert_string_equal(x->level2, l2.s);
	}
	ps_actuals_free(a);
	ps_source_free(src);
	/* one pair of levels on every row: kept once; a unit name, once per
	 * run of rows that repeat it */
	ps_buf_clear(&b);
	ps_buf_adds(&b, "单位编码,单位名称,一级指标,二级指标,三级指标,实际完成值\n");
	for (unsigned i = 0; i < 100; i++)
		ps_buf_printf(&b, "%s,产出指标,服务对象满意度指标,培训人数%u,%u\n",
		              i < 50 ? "001,常德市津市市社会保险服务中心" : "002,常德市津市市社会保险服务所", i, i);
	a = load_text(b.s, b.n, 100, &src, &d);
	for (unsigned i = 0; i < 100; i++) {
		assert_ptr_equal(a->v[i].level1, a->v[0].level1);
		assert_ptr_equal(a->v[i].level2, a->v[0].level2);
	}
	for (unsigned i = 0; i < 50; i++)
		assert_ptr_equal(a->v[i].unit_name, a->v[0].unit_name);
	for (unsigned i = 50; i < 100; i++)
		assert_ptr_equal(a->v[i].unit_name, a->v[50].unit_name);
	assert_string_equal(a->v[0].unit_name, "常德市津市市社会保险服务中心");
	assert_string_equal(a->v[98].unit_name, "常德市津市市社会保险服务所");
	assert_string_equal(a->v[99].level1, "产出指标");
	assert_string_equal(a->v[99].level2, "服务对象满意度指标");
	ps_actuals_free(a);
	ps_source_free(src);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
	ps_buf_dispose(&l2);
}

/* Every cell the actual row keeps is its cell's text, and 不适用 is told
 * as ps_actual_says_na tells it (asked only of texts that could say it). */
static void t_cells_and_not_applicable(void **state)
{
	(void)state;
	static const char *const vals[] = {"不适用", "N/A", "na", "NA", "本项不适用", "适用", "不涉及", "95%",
	                                   "该指标不适用", "a", "涉及", "n/a", "不 适用", "涉", "适", "完成",
	                                   "本指标不适用", "Ａ", "1234", "", "该项不适用", "不适用。"};
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "单位编码,单位名称,指标编码,一级指标,二级指标,三级指标,实际完成值,偏差原因\n");
	size_t nv = sizeof vals / sizeof vals[0];
	for (size_t i = 0; i < nv; i++)
		ps_buf_printf(&b, "00%zu,单位%zu,ID%zu,产出指标,数量指标,名称%zu,%s,原因%zu\n", i % 3, i % 3, i, i,
		              vals[i], i);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *src;
	ps_actuals *a = load_text(b.s, b.n, nv, &src, &d);
	for (size_t i = 0; i < nv; i++) {
		const ps_actual *x = &a->v[i];
		char want[64];
		snprintf(want, sizeof want, "ID%zu", i);
		assert_string_equal(x->id, want);
		snprintf(want, sizeof want, "名称%zu", i);
		assert_string_equal(x->name, want);
		snprintf(want, sizeof want, "原因%zu", i);
		assert_string_equal(x->reason, want);
		assert_string_equal(x->level1, "产出指标");
		assert_string_equal(x->level2, "数量指标");
		snprintf(want, sizeof want, "00%zu", i % 3);
		assert_string_equal(x->unit_code, want);
		assert_int_equal(x->not_applicable, ps_actual_says_na(x->actual_text));
	}
	/* the words themselves, as the sheet hands them over */
	assert_true(a->v[0].not_applicable);
	assert_true(a->v[1].not_applicable);
	assert_false(a->v[5].not_applicable);
	assert_false(a->v[7].not_applicable);
	ps_actuals_free(a);
	ps_source_free(src);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
}

/* A quote left open near the end (the second part fails) and one in the
 * first half (the one-thread error, nothing of the rest): the same error. */
static void t_bad_csv_either_half(void **state)
{
	(void)state;
	for (int where = 0; where < 2; where++) {
		ps_buf b = PS_BUF_INIT;
		ps_buf_adds(&b, "单位编码,一级指标,二级指标,三级指标,实际完成值,得分\n");
		for (unsigned i = 0; i < 20000; i++) {
			char line[160];
			bool bad = where == 0 ? i == 19990 : i == 5000;
			snprintf(line, sizeof line, "%03u,产出指标,数量指标,培训人数%u,%s%u,%s\n", i / 100, i,
			         bad ? "\"a\"b" : i % 777 == 0 ? "x\"" : "", i, i % 1000 == 0 ? "坏" : "");
			ps_buf_adds(&b, line);
		}
		ps_buf_adds(&b, "009,产出指标,数量指标,尾,\"开\n");
		int rc;
		size_t n;
		/* an error in the first part: read again on one thread */
		assert_int_equal(load_both(b.s, b.n, &rc, &n), where == 0);
		assert_int_equal(rc, PS_EINPUT);
		ps_buf_dispose(&b);
	}
}

/* Small texts in 2, 3, ... parts, up to one per line: every line start
 * is tried as a part's start somewhere (the few-row generated units with
 * their fill-down, totals, blank lines, CR and CRLF breaks, bad scores, a
 * quoted cell with a line break; a text ending without a line break; a
 * bad quote at the end), and each gives the one-thread result. */
static void t_split_everywhere(void **state)
{
	(void)state;
	size_t len;
	char *gtext = gen(8000, &len);
	ps_buf q = PS_BUF_INIT;
	ps_buf_adds(&q, "单位编码,一级指标,二级指标,三级指标,实际完成值,得分\r");
	/* (the sheet reads 40 rows past its header before the first is
	 * handed out: no part can start among them) */
	for (unsigned i = 0; i < 100; i++)
		ps_buf_printf(&q, "%03u,产出指标,数量指标,培训人数%u,%s,%s%s", i / 4, i,
		              i % 30 == 17 ? "\"两\n行\"" : i % 5 == 0 ? "不适用" : "90", i % 9 == 0 ? "坏" : "5",
		              i == 99 ? "" : i % 3 == 0 ? "\r" : i % 3 == 1 ? "\r\n" : "\n");
	ps_buf bad = PS_BUF_INIT;
	ps_buf_adds(&bad, q.s);
	ps_buf_adds(&bad, "\n009,产出指标,数量指标,尾,\"开\n");
	const char *texts[] = {gtext, q.s, bad.s};
	size_t lens[] = {len, q.n, bad.n};
	for (size_t t = 0; t < 3; t++) {
		size_t lines = 1;
		for (size_t i = 0; i < lens[t]; i++)
			lines += texts[t][i] == '\n' || texts[t][i] == '\r';
		size_t n_split = 0;
		for (size_t parts = 2; parts <= lines + 1; parts++) {
			int rc;
			size_t n;
			n_split += load_parts_both(texts[t], lens[t], parts, &rc, &n);
			assert_int_equal(rc, t == 2 ? PS_EINPUT : PS_OK);
		}
		/* every attempt found a place (past the rows read ahead) */
		assert_int_equal(n_split, lines);
	}
	free(gtext);
	ps_buf_dispose(&q);
	ps_buf_dispose(&bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_split_same_as_one_thread),
		cmocka_unit_test(t_no_safe_split),
		cmocka_unit_test(t_quoted_newline_at_middle),
		cmocka_unit_test(t_unit_name_carried_over),
		cmocka_unit_test(t_levels_shared),
		cmocka_unit_test(t_bad_csv_either_half),
		cmocka_unit_test(t_cells_and_not_applicable),
		cmocka_unit_test(t_split_everywhere),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
