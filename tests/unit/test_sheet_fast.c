/* test_sheet_fast.c: the rows a sheet reads past its look-ahead (cells lent
 * in place from the reader, 一级/二级/name cells classed in one pass) give
 * what the first rows give: total rows dropped, names and groups cleaned,
 * repeated headers skipped, cells normalised; and alike with the row pass
 * and the line breaks on AVX2 and on the baseline (SSE2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "sheet.h"
#include "sheet_fixture.h"
#include "perfscore/source.h"
#include "perfscore/text.h"
#include "util/cpu.h"

/* The rows of a body, once in the look-ahead and once after 100 filler
 * rows, read alike. */
typedef struct {
	char l1[64], l2[64], name[128], target[64];
	bool l1_here, l2_here, has2;
	ps_dec pts2;
	ps_numbering num;
} seen;

static size_t read_all(const char *text, seen *out, size_t max)
{
	sheet_fx x;
	sheet_open(&x, text);
	ps_sheet_row *row;
	size_t n = 0;
	while (ps_sheet_next(x.sh, &row, &x.d) == 1) {
		assert_true(n < max);
		assert_int_equal(row->name_len, strlen(row->name));
		assert_int_equal(row->level1_len, strlen(row->level1));
		assert_int_equal(row->level2_len, strlen(row->level2));
		for (int f = 0; f < PS_F__COUNT; f++)
			assert_int_equal(row->len[f], strlen(row->cell[f]));
		snprintf(out[n].l1, sizeof out[n].l1, "%s", row->level1);
		snprintf(out[n].l2, sizeof out[n].l2, "%s", row->level2);
		snprintf(out[n].name, sizeof out[n].name, "%s", row->name);
		snprintf(out[n].target, sizeof out[n].target, "%s", row->cell[PS_F_TARGET]);
		out[n].l1_here = row->level1_here;
		out[n].l2_here = row->level2_here;
		out[n].has2 = row->has_group_points[2];
		out[n].pts2 = row->group_points[2];
		out[n].num = row->name_num;
		n++;
	}
	sheet_close(&x);
	return n;
}

static const char body[] =
	"产出指标,数量指标,甲,1,1\n"
	",,合计,1,1\n"
	",,总分析报告,1,1\n"
	",,计划完成率,1,1\n"
	",,服务对象满意度调查问卷回收率合计,1,1\n" /* a word at the end of a long cell */
	",,一二三四五合计,1,1\n"                     /* the word across 16-byte blocks */
	",,一二三四五总分,1,1\n"
	",,一二三四五总分析,1,1\n"
	",,一二三四五六七八九十合,1,1\n"
	",合计,,1,1\n"
	"总计,,,1,1\n"
	",,培训人次 ,1,1\n"
	",,培训人次（满分10分）,1,1\n"
	",,一二三四五（满分10分）,1,1\n" /* （ across blocks */
	",,一二三四五六七八九十（满分10分）,1,1\n"
	",,【重点】一二三四五六七八九十覆盖率,1,1\n"
	",,覆盖率【重点】,1,1\n"
	",,覆盖 率,1,1\n"
	",,覆盖\t率,1,1\n"
	",,\"覆盖\n率\",1,1\n"
	",,(1)覆盖率,1,1\n"
	",,1、覆盖率,1,1\n"
	",,一、覆盖率,1,1\n"
	",,指标1:覆盖率,1,1\n"
	",,★覆盖率,1,1\n"
	",,覆盖率[≥**%],1,1\n"
	",效益指标（20分）,社会效益,1,1\n"
	",效益 指标,社会效益,1,1\n"
	",,满意度,１００％ ,1\n"
	",,满意度,\xE3\x80\x80\xE2\x89\xA5" "90%,1\n"
	",,满意度,≥90%，含,1\n"
	",,满意度,一,1\n"
	",,ab一二三四（满分10分）,1,1\n" /* （'s middle byte ends a block */
	"一级指标,二级指标,三级指标,指标值,分值\n"
	",,乙,1,1\n";

static void t_after_lookahead(void **state)
{
	(void)state;
	const char *head = "一级指标,二级指标,三级指标,指标值,分值\n";
	size_t fill = 100;
	ps_buf a = PS_BUF_INIT, b = PS_BUF_INIT;
	ps_buf_adds(&a, head);
	ps_buf_adds(&a, body);
	ps_buf_adds(&b, head);
	for (size_t i = 0; i < fill; i++)
		ps_buf_adds(&b, "填充,填充,填充指标,1,1\n");
	ps_buf_adds(&b, body);
	static seen one[64], two[200];
	size_t n1 = read_all(a.s, one, 64);
	size_t n2 = read_all(b.s, two, 200);
	assert_int_equal(n2, n1 + fill);
	for (size_t i = 0; i < n1; i++) {
		seen *p = &one[i], *q = &two[i + fill];
		assert_string_equal(p->l1, q->l1);
		assert_string_equal(p->l2, q->l2);
		assert_string_equal(p->name, q->name);
		assert_string_equal(p->target, q->target);
		assert_int_equal(p->l1_here, q->l1_here);
		assert_int_equal(p->l2_here, q->l2_here);
		assert_int_equal(p->has2, q->has2);
		assert_int_equal(p->pts2, q->pts2);
		assert_int_equal(p->num, q->num);
	}
	/* and what they are: a total word counts at the start of a cell only */
	static const char *const names[] = {
		"甲", "总分析报告", "计划完成率", "服务对象满意度调查问卷回收率合计", "一二三四五合计",
		"一二三四五总分", "一二三四五总分析", "一二三四五六七八九十合", "培训人次", "培训人次", "一二三四五",
		"一二三四五六七八九十", "【重点】一二三四五六七八九十覆盖率", "覆盖率【重点】", "覆盖 率", "覆盖 率",
		"覆盖率", "覆盖率", "覆盖率", "覆盖率", "覆盖率", "覆盖率", "覆盖率", "社会效益", "社会效益", "满意度",
		"满意度", "满意度", "满意度", "ab一二三四", "乙"};
	assert_int_equal(n1, sizeof names / sizeof names[0]);
	for (size_t i = 0; i < n1; i++)
		assert_string_equal(one[i].name, names[i]);
	assert_string_equal(one[25].target, "100%");
	assert_string_equal(one[26].target, "≥90%");
	assert_string_equal(one[27].target, "≥90%，含");
	assert_string_equal(one[23].l2, "效益指标");
	assert_true(one[9].has2);
	assert_int_equal(one[9].pts2, PS_DEC(10));
	assert_int_equal(one[17].num, PS_NUM_ARABIC);
	assert_int_equal(one[19].num, PS_NUM_CHINESE);
	assert_true(one[29].has2);
	assert_int_equal(one[29].pts2, PS_DEC(10));
	ps_buf_dispose(&a);
	ps_buf_dispose(&b);
}

/* Every row the sheet returns, as "l1|l2|name|target" lines. */
static void rows_of(const char *text, ps_buf *out)
{
	sheet_fx x;
	sheet_open(&x, text);
	ps_sheet_row *row;
	while (ps_sheet_next(x.sh, &row, &x.d) == 1)
		ps_buf_printf(out, "%s|%s|%s|%s\n", row->level1, row->level2, row->name, row->cell[PS_F_TARGET]);
	sheet_close(&x);
}

/* Total and footer rows found by the first text of the row: a 一级 or 三级
 * cell lent as it is (its class answers) reads like the same cell
 * followed by white space (normalised, so ps_cell_marks answers), on random
 * cells made of total words, footer words and the characters they share.
 * (An ideographic space: libcsv itself drops the spaces around a field.) */
static void t_first_text_classed(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"填表人", "填报", "人", "话", "話", "注", "註", "日", "期", "日期", "说", "明", "说明", "說明", "联系电话",
		"合计", "总分", "总计", "小计", "计", "總", "計", "分", "：", ":", "张三", "2026年", "一", "满意度", "指标",
		"（", "）", "(", "备注:", "说明：", "审核人", "负责人", "财务负责人", "a", "1", "覆盖率", "得分合计", "制表人",
		"填表日期", "聯系電話", "注:", "项目负责人"};
	const size_t np = sizeof pieces / sizeof pieces[0];
	uint32_t st = 7;
	for (int round = 0; round < 40; round++) {
		ps_buf a = PS_BUF_INIT, b = PS_BUF_INIT, ra = PS_BUF_INIT, rb = PS_BUF_INIT;
		ps_buf_adds(&a, "一级指标,二级指标,三级指标,指标值,分值\n");
		ps_buf_adds(&b, "一级指标,二级指标,三级指标,指标值,分值\n");
		for (int i = 0; i < 60; i++) { /* past the look-ahead: rows of the reader */
			ps_buf_adds(&a, "产出指标,数量指标,填充指标,1,1\n");
			ps_buf_adds(&b, "产出指标,数量指标,填充指标,1,1\n");
		}
		for (int i = 0; i < 100; i++) {
			char cell[256] = "";
			size_t k = 1 + (st = st * 1103515245u + 12345u) % 4;
			for (size_t j = 0; j < k; j++) {
				st = st * 1103515245u + 12345u;
				strcat(cell, pieces[(st >> 8) % np]);
			}
			st = st * 1103515245u + 12345u;
			if ((st >> 8) % 2) { /* the 三级 cell first */
				ps_buf_printf(&a, ",,%s,%d,1\n", cell, i);
				ps_buf_printf(&b, ",,%s\u3000,%d,1\n", cell, i);
			} else { /* the 一级 cell first */
				ps_buf_printf(&a, "%s,,名%d,%d,1\n", cell, i, i);
				ps_buf_printf(&b, "%s\u3000,,名%d,%d,1\n", cell, i, i);
			}
		}
		rows_of(a.s, &ra);
		rows_of(b.s, &rb);
		assert_string_equal(ra.s, rb.s);
		ps_buf_dispose(&a);
		ps_buf_dispose(&b);
		ps_buf_dispose(&ra);
		ps_buf_dispose(&rb);
	}
}

/* Random rows of cells that normalising changes or leaves (fullwidth forms,
 * spaces, 预算 blocks, totals, numbered names), long enough for the AVX2
 * row pass and line search, read with them and on the baseline alike. */
static void t_baseline_alike(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"产出指标", "数量指标", "质量指标", "（一）", "1.", "一、", "ＡＢＣ", "１２３", "％", "　", " ", "预算",
		"项目资金", "合计", "完成率", "≥", "95%", "满意度", "万元", "abc", "２０２６年", "，", "."};
	const size_t np = sizeof pieces / sizeof pieces[0];
	uint32_t st = 11;
	for (int round = 0; round < 30; round++) {
		ps_buf t = PS_BUF_INIT, on = PS_BUF_INIT, off = PS_BUF_INIT;
		ps_buf_adds(&t, "一级指标,二级指标,三级指标,指标值,分值\n");
		for (int i = 0; i < 150; i++) {
			for (int c = 0; c < 5; c++) {
				st = st * 1103515245u + 12345u;
				size_t k = (st >> 8) % 6; /* 0 to 5 pieces: empty cells too */
				for (size_t j = 0; j < k; j++) {
					st = st * 1103515245u + 12345u;
					ps_buf_adds(&t, pieces[(st >> 8) % np]);
				}
				ps_buf_addc(&t, c < 4 ? ',' : '\n');
			}
		}
		ps_cpu_avx2_off(false);
		rows_of(t.s, &on);
		ps_cpu_avx2_off(true);
		rows_of(t.s, &off);
		ps_cpu_avx2_off(false);
		assert_true(on.n > 0);
		assert_string_equal(on.s, off.s);
		ps_buf_dispose(&t);
		ps_buf_dispose(&on);
		ps_buf_dispose(&off);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_after_lookahead),
		cmocka_unit_test(t_first_text_classed),
		cmocka_unit_test(t_baseline_alike),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
