/* test_rows.c: the per-row helpers of the sheet reader: lines split at every
 * kind of break, the one-pass word marks, keys written into a reused buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "sheet.h"
#include "sheet_fixture.h"
#include "perfscore/text.h"

/* The line of each row, and its first field. */
static void t_lines_mixed_breaks(void **state)
{
	(void)state;
	/* CR alone, CRLF, LF, LF CR, a quoted LF, a last line without a break */
	const char *text = "a,b\rc,d\r\ne,f\n\rg,h\n\"i\nj\",k\r\r\r  \nl";
	ps_csv *c = ps_csv_new(text, strlen(text), "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	static const struct {
		uint32_t line;
		const char *f0;
	} want[] = {{1, "a"}, {2, "c"}, {3, "e"}, {5, "g"}, {6, "i\nj"}, {11, "l"}};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(ps_csv_next(c, &r, &d), 1);
		assert_int_equal(r.line, want[i].line);
		assert_string_equal(r.f[0], want[i].f0);
	}
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	assert_int_equal(d.n, 0);
	ps_csv_free(c);
	ps_diags_dispose(&d);
}

/* A long file of CR breaks: every line found (the search for an LF goes a
 * block at a time, and must not skip any). */
static void t_lines_cr_only(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	for (int i = 0; i < 500; i++)
		ps_buf_printf(&b, "r%d,x\r", i);
	ps_buf_adds(&b, "end,y\n");
	ps_csv *c = ps_csv_new(b.s, b.n, "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	for (int i = 0; i < 500; i++) {
		assert_int_equal(ps_csv_next(c, &r, &d), 1);
		assert_int_equal(r.line, (uint32_t)i + 1);
	}
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_string_equal(r.f[0], "end");
	assert_int_equal(r.line, 501);
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	ps_csv_free(c);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
}

/* Lines of every length from 1 to 100 bytes, ending LF, CRLF or CR in
 * turn: every break is found wherever it falls in a 16- or 32-byte block
 * (and in the last, overlapping one of a line's text). */
static void t_lines_every_length(void **state)
{
	(void)state;
	static const char *const brk[] = {"\n", "\r\n", "\r"};
	ps_buf b = PS_BUF_INIT;
	for (int n = 1; n <= 100; n++) {
		for (int i = 0; i < n; i++)
			ps_buf_addc(&b, (char)('a' + (n + i) % 26));
		ps_buf_adds(&b, brk[n % 3]);
	}
	ps_buf_adds(&b, "z");
	ps_csv *c = ps_csv_new(b.s, b.n, "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	for (int n = 1; n <= 100; n++) {
		assert_int_equal(ps_csv_next(c, &r, &d), 1);
		assert_int_equal(r.line, (uint32_t)n);
		assert_int_equal(r.n, 1);
		assert_int_equal(r.len[0], (size_t)n);
		for (int i = 0; i < n; i++)
			assert_int_equal(r.f[0][i], (char)('a' + (n + i) % 26));
	}
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_string_equal(r.f[0], "z");
	assert_int_equal(r.line, 101);
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	assert_int_equal(d.n, 0);
	ps_csv_free(c);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
}

/* Lines longer than the block a break is looked for in. */
static void t_lines_long(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	for (int i = 0; i < 10000; i++)
		ps_buf_addc(&b, (char)('a' + i % 26));
	ps_buf_adds(&b, ",x\r\n");
	for (int i = 0; i < 9000; i++)
		ps_buf_adds(&b, "中");
	ps_buf_adds(&b, "\rlast");
	for (int i = 0; i < 5000; i++)
		ps_buf_addc(&b, 'z');
	ps_csv *c = ps_csv_new(b.s, b.n, "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_int_equal(r.line, 1);
	assert_int_equal(r.len[0], 10000);
	assert_string_equal(r.f[1], "x");
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.len[0], 27000);
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_int_equal(r.line, 3);
	assert_int_equal(r.len[0], 5004);
	assert_memory_equal(r.f[0], "lastzz", 6);
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	ps_csv_free(c);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
}

static void t_cell_marks(void **state)
{
	(void)state;
	assert_int_equal(ps_cell_marks(""), 0);
	assert_int_equal(ps_cell_marks("000001"), 0);
	assert_int_equal(ps_cell_marks("成本超支率"), 0);
	assert_int_equal(ps_cell_marks("合计"), PS_MK_TOTAL);
	assert_int_equal(ps_cell_marks("總分"), PS_MK_TOTAL);
	assert_int_equal(ps_cell_marks("x計"), PS_MK_TOTAL);
	assert_int_equal(ps_cell_marks("填表人：张三"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("联系电话"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("聯系電話"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("注"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("註"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("填表日期"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("日"), 0); /* 日 without 期 */
	assert_int_equal(ps_cell_marks("日程期"), 0);
	assert_int_equal(ps_cell_marks("说明"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("說明"), PS_MK_FOOTER);
	assert_int_equal(ps_cell_marks("说"), 0);
	assert_int_equal(ps_cell_marks("单位名称"), PS_MK_UNIT);
	assert_int_equal(ps_cell_marks("單位"), PS_MK_UNIT);
	assert_int_equal(ps_cell_marks("主管部门"), PS_MK_UNIT);
	assert_int_equal(ps_cell_marks("部門"), PS_MK_UNIT);
	assert_int_equal(ps_cell_marks("部分"), 0);
	assert_int_equal(ps_cell_marks("单"), 0);
	assert_int_equal(ps_cell_marks("合计 填表人 单位"), PS_MK_TOTAL | PS_MK_FOOTER | PS_MK_UNIT);
	/* as strstr would find them: after invalid bytes, ASCII and other text */
	assert_int_equal(ps_cell_marks("\xE8\xE8\xAE\xA1"), PS_MK_TOTAL);
	assert_int_equal(ps_cell_marks("ab\xFF" "总"), PS_MK_TOTAL);
	/* cut short by the NUL */
	assert_int_equal(ps_cell_marks("\xE8\xAE"), 0);
	assert_int_equal(ps_cell_marks("日\xE6\x9C"), 0);
}

static void key_is(const char *in, const char *want)
{
	char *k = ps_name_key(in);
	assert_string_equal(k, want);
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "前");
	size_t n = ps_name_key_buf(&b, in);
	assert_int_equal(n, strlen(want));
	assert_int_equal(b.n, strlen("前") + n);
	assert_string_equal(b.s + strlen("前"), want);
	assert_memory_equal(b.s, "前", strlen("前"));
	ps_buf_dispose(&b);
	free(k);
}

static void t_name_key(void **state)
{
	(void)state;
	key_is("整改完成率", "整改完成率");
	key_is("满意度：", "满意度");
	key_is("满意度。", "满意度");
	key_is("滿意度", "满意度");
	key_is("“双随机”抽查", "双随机抽查");
	key_is("'a'\"b\"", "ab");
	key_is("指标、", "指标");
	key_is("指标、。：", "指标");
	key_is("a.!?", "a");
	key_is(".", ".");      /* a key is never emptied by its tail */
	key_is("、", "、");
	key_is("a、", "a");
	key_is("Ab 1", "Ab1");
	key_is("（率）", "率");
	key_is("", "");
	key_is("ｘ１", "x1");
	/* several keys in one buffer, one after another */
	ps_buf b = PS_BUF_INIT;
	ps_name_key_buf(&b, "甲：");
	ps_buf_addc(&b, '|');
	ps_name_key_buf(&b, "乙 丙");
	assert_string_equal(b.s, "甲|乙丙");
	ps_buf_dispose(&b);
}

static void code_is(const char *in, const char *want)
{
	char *k = ps_code_key(in);
	assert_string_equal(k, want);
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "x");
	assert_int_equal(ps_code_key_buf(&b, in), strlen(want));
	assert_string_equal(b.s + 1, want);
	ps_buf_dispose(&b);
	free(k);
}

static void t_code_key(void **state)
{
	(void)state;
	code_is("089012", "89012");
	code_is("89012.0", "89012");
	code_is("089012.0", "89012");
	code_is("000", "0");
	code_is("0", "0");
	code_is(".0", ".0");
	code_is("A0012", "A0012");
	code_is("０８９ ０１２", "89012");
	code_is("", "");
}

/* A row's fields one after another in row.data, each with its NUL; a copy
 * has no such view. */
static void t_row_data(void **state)
{
	(void)state;
	const char *text = "a,,\"x\ny\",中文\n,\n";
	ps_csv *c = ps_csv_new(text, strlen(text), "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r, keep;
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.data_len, strlen("a") + 1 + 1 + strlen("x\ny") + 1 + strlen("中文") + 1);
	assert_memory_equal(r.data, "a\0\0x\ny\0中文", r.data_len);
	for (size_t i = 0; i < r.n; i++)
		assert_ptr_equal(r.f[i], i ? r.f[i - 1] + r.len[i - 1] + 1 : r.data);
	ps_csv_row_copy(&keep, &r);
	assert_null(keep.data);
	assert_string_equal(keep.f[3], "中文");
	assert_int_equal(ps_csv_next(c, &r, &d), 1);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.data_len, 2);
	assert_memory_equal(r.data, "\0", 2);
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	ps_csv_row_dispose(&keep);
	ps_csv_free(c);
	ps_diags_dispose(&d);
}

/* Fields of every length from 0 to 70 (a short one is copied as a whole
 * block), plain and quoted, after longer and shorter ones: each arrives
 * whole, ended by its NUL, the row's text the fields end to end. */
static void t_field_lengths(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	uint32_t seed = 5;
	size_t want[72 * 4];
	size_t nw = 0;
	for (int row = 0; row < 4; row++) {
		for (size_t k = 0; k < 71; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t n = row % 2 ? 70 - k : (seed >> 16) % 71;
			bool quoted = (seed >> 8) & 1;
			if (k)
				ps_buf_addc(&b, ',');
			if (quoted)
				ps_buf_addc(&b, '"');
			for (size_t i = 0; i < n; i++)
				ps_buf_addc(&b, (char)('a' + (i + n) % 26));
			if (quoted)
				ps_buf_addc(&b, '"');
			want[nw++] = n;
		}
		ps_buf_adds(&b, "\n");
	}
	ps_csv *c = ps_csv_new(b.s, b.n, "t.csv", ',');
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	size_t w = 0;
	for (int row = 0; row < 4; row++) {
		assert_int_equal(ps_csv_next(c, &r, &d), 1);
		assert_int_equal(r.n, 71);
		size_t total = 0;
		for (size_t k = 0; k < r.n; k++, w++) {
			assert_int_equal(r.len[k], want[w]);
			assert_ptr_equal(r.f[k], r.data + total);
			for (size_t i = 0; i < want[w]; i++)
				assert_int_equal(r.f[k][i], 'a' + (i + want[w]) % 26);
			assert_int_equal(r.f[k][want[w]], '\0');
			total += want[w] + 1;
		}
		assert_int_equal(r.data_len, total);
	}
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	ps_csv_free(c);
	ps_diags_dispose(&d);
	ps_buf_dispose(&b);
}

/* Cells and the name are the sheet's until the next row, with their
 * lengths; ps_row_take hands out a copy that outlives the row. */
static void t_sheet_cells(void **state)
{
	(void)state;
	sheet_fx x;
	sheet_open(&x, "三级指标,指标值,分值,评分标准\n"
	               "  1、甲 ,  １２３％ ,10,\"完成\r\n得分\"\n"
	               "乙,/,,x\n");
	ps_sheet_row *row;
	assert_int_equal(ps_sheet_next(x.sh, &row, &x.d), 1);
	assert_string_equal(row->name, "甲");
	assert_string_equal(row->cell[PS_F_TARGET], "123%");
	assert_int_equal(row->len[PS_F_TARGET], 4);
	assert_string_equal(row->cell[PS_F_RULE], "完成\n得分");
	assert_int_equal(row->len[PS_F_RULE], strlen("完成\n得分"));
	assert_true(row->own[PS_F_POINTS]);
	assert_string_equal(row->cell[PS_F_TYPE], "");
	assert_int_equal(row->len[PS_F_TYPE], 0);
	assert_false(row->own[PS_F_TYPE]);
	char *target = ps_row_take(row, PS_F_TARGET);
	assert_string_equal(row->cell[PS_F_TARGET], "");
	assert_int_equal(row->len[PS_F_TARGET], 0);
	char *none = ps_row_take(row, PS_F_TYPE);
	assert_ptr_equal(none, ps_str_empty);
	assert_int_equal(ps_sheet_next(x.sh, &row, &x.d), 1);
	assert_string_equal(row->name, "乙");
	assert_string_equal(row->cell[PS_F_TARGET], "/");
	assert_false(row->own[PS_F_TARGET]);
	assert_string_equal(target, "123%"); /* the copy outlives its row */
	assert_int_equal(ps_sheet_next(x.sh, &row, &x.d), 0);
	ps_str_free(target);
	ps_str_free(none);
	sheet_close(&x);
}

/* 项目资金 blocks far below the header, where rows come straight from the
 * reader (not the rows read ahead) and are searched whole for 预算 (and 全)
 * before their cells are: found with the word in the first label or only
 * in the row's last byte, or with 全 written as U+FA72; 预 and 算 in two
 * cells do not make the word. */
static void t_sheet_budget_late(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "三级指标,指标值,分值,,,,\n");
	for (int i = 0; i < 120; i++)
		ps_buf_printf(&b, "指标%d预,算,1,,,,\n", i);
	ps_buf_adds(&b, "x预x算,年初预,算数,全年预,算数,全年执行数,\n"    /* line 122 */
	                "全年预算数,全年执行数,分值,得分,,,\n"            /* 123: a label row */
	                "100,90,10,9,,,\n"                                 /* 124: its amounts */
	                "甲,1,1,,,,\n"
	                "全年执行数,分值,,,,,全年预算\n"                  /* 126 */
	                "50,5,,,,,200\n"                                   /* 127 */
	                "乙,1,1,,,,\n"
	                /* 全 as U+FA72, which the keys fold to 全 */
	                "\xEF\xA9\xB2年预算数,\xEF\xA9\xB2年执行数,,,,,\n" /* 129 */
	                "300,30,,,,,\n"                                   /* 130 */
	                "丙,1,1,,,,\n");
	sheet_fx x;
	sheet_open(&x, b.s);
	ps_sheet_row *row;
	int n = 0, blocks = 0;
	while (ps_sheet_next(x.sh, &row, &x.d) == 1) {
		n++;
		if (!row->budget)
			continue;
		const ps_budget *bu = row->budget;
		assert_true(bu->present);
		if (blocks++ == 0) {
			assert_string_equal(row->name, "甲");
			assert_int_equal(bu->full, PS_DEC(100));
			assert_int_equal(bu->spent, PS_DEC(90));
			assert_int_equal(bu->score, PS_DEC(9));
			assert_int_equal(bu->pos.line, 124);
		} else if (blocks == 2) {
			assert_string_equal(row->name, "乙");
			assert_int_equal(bu->full, PS_DEC(200));
			assert_int_equal(bu->spent, PS_DEC(50));
			assert_int_equal(bu->pos.line, 127);
		} else {
			assert_string_equal(row->name, "丙");
			assert_int_equal(bu->full, PS_DEC(300));
			assert_int_equal(bu->spent, PS_DEC(30));
			assert_int_equal(bu->pos.line, 130);
		}
	}
	assert_int_equal(blocks, 3);
	assert_int_equal(n, 120 + 4); /* and the near miss is a row of its own */
	sheet_close(&x);
	ps_buf_dispose(&b);
}

/* A header repeated far below the first one (tables one after another)
 * is dropped, trimmed or not; a row matching fewer of its cells is data. */
static void t_sheet_header_repeats(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "三级指标,指标值,,分值\n");
	for (int i = 0; i < 60; i++)
		ps_buf_printf(&b, "指标%d,1,,2\n", i);
	ps_buf_adds(&b, " 三级指标\u3000,指标值,x,分值\r\n" /* dropped: the blank column is not compared */
	                "三级指标,指标值\n"                    /* a short row: two of three */
	                "三级指标,指标,,分值\n"                /* two of three */
	                "三级指,指标值,,分值\n"                /* two of three */
	                "三级指标,指标值,,分值\n"              /* dropped */
	                "三级指标 ,指标值\t,,分值\u3000\n"    /* dropped: trimmed at the end */
	                "三级指示,指标值,,分数\n"              /* same lengths, two differ */
	                "末,1,,2\n");
	sheet_fx x;
	sheet_open(&x, b.s);
	ps_sheet_row *row;
	int n = 0;
	const char *names[5] = {"三级指标", "三级指标", "三级指", "三级指示", "末"};
	while (ps_sheet_next(x.sh, &row, &x.d) == 1) {
		if (n >= 60)
			assert_string_equal(row->name, names[n - 60]);
		n++;
	}
	assert_int_equal(n, 65);
	sheet_close(&x);
	ps_buf_dispose(&b);
}

/* Total rows found by the word in the name, 一级 or 二级 cell, after any
 * run of ideographs, ASCII and other characters; words that only look like
 * one are rows of their own. */
static void t_sheet_total_words(void **state)
{
	(void)state;
	sheet_fx x;
	sheet_open(&x, "一级指标,二级指标,三级指标,分值\n"
	               "产出,数量,甲,1\n"
	               ",,合计,1\n"
	               ",,合 计,1\n"
	               ",,（合计）,1\n"
	               ",,总分100分,1\n"
	               "總分,,,1\n"
	               ",得分合计,,1\n"
	               ",,总分析报告,1\n"
	               ",,计划完成率,1\n"
	               ",,设计总量,1\n"
	               ",,é总分,1\n"
	               ",,小计,1\n"
	               ",,合計,1\n"
	               "總計,,,1\n"
	               ",,总计：100分,1\n"
	               ",,统计分析,1\n"
	               ",,总分11111111111111111111分,1\n"   /* long cells: a word at the start, */
	               ",,合计:100000000000000000,1\n"
	               ",,合                    计,1\n"     /* at the end, */
	               ",,合            计,1\n"             /* across two blocks */
	               ",,服务对象满意度调查问卷回收率,1\n" /* or none */
	               ",,乙,1\n");
	ps_sheet_row *row;
	static const char *const kept[] = {"甲",       "总分析报告", "计划完成率",
	                                   "设计总量", "é总分",      "统计分析",
	                                   "服务对象满意度调查问卷回收率", "乙"};
	size_t n = 0;
	while (ps_sheet_next(x.sh, &row, &x.d) == 1) {
		assert_true(n < sizeof kept / sizeof kept[0]);
		assert_string_equal(row->name, kept[n]);
		n++;
	}
	assert_int_equal(n, sizeof kept / sizeof kept[0]);
	sheet_close(&x);
}

/* The lengths the row lends with its texts are their strlen; a group cell
 * that needs no cleaning is compared in place, one that does (points, a
 * bracket, white space) after cleaning, and both fill down alike. */
static void t_sheet_lengths(void **state)
{
	(void)state;
	sheet_fx x;
	sheet_open(&x, "单位编码,单位名称,一级指标,二级指标,三级指标,指标值,分值\n"
	               "001,甲单位,产出指标（30分）,数量指标,培训人次 ,100,10\n"
	               ",,产出指标,数量指标(10分),（一）覆盖率,95%,5\n"
	               ",,,质量指标,合格率,１００％,5\n"
	               ",,效益指标, 社会效益 指标 ,满意度,90,5\n"
	               "002,乙单位,效益指标,,服务对象满意度指标很长很长很长很长,90,5\n"
	               "002,乙单位,效益指标,,x,1,1\n");
	static const struct {
		const char *code, *uname, *l1, *l2, *name;
		bool l1_here, l2_here, has0, has1, new_unit;
	} want[] = {
		{"001", "甲单位", "产出指标", "数量指标", "培训人次", true, true, true, false, true},
		{"001", "甲单位", "产出指标", "数量指标", "覆盖率", true, true, false, true, false},
		{"001", "甲单位", "产出指标", "质量指标", "合格率", false, true, false, false, false},
		{"001", "甲单位", "效益指标", "社会效益指标", "满意度", true, true, false, false, false},
		{"002", "乙单位", "效益指标", "", "服务对象满意度指标很长很长很长很长", true, false, false, false, true},
		{"002", "乙单位", "效益指标", "", "x", true, false, false, false, false},
	};
	ps_sheet_row *row;
	size_t n = 0;
	while (ps_sheet_next(x.sh, &row, &x.d) == 1) {
		assert_true(n < sizeof want / sizeof want[0]);
		assert_string_equal(row->unit_code, want[n].code);
		assert_string_equal(row->unit_name, want[n].uname);
		assert_string_equal(row->level1, want[n].l1);
		assert_string_equal(row->level2, want[n].l2);
		assert_string_equal(row->name, want[n].name);
		assert_int_equal(row->level1_len, strlen(row->level1));
		assert_int_equal(row->level2_len, strlen(row->level2));
		assert_int_equal(row->name_len, strlen(row->name));
		for (int f = 0; f < PS_F__COUNT; f++)
			assert_int_equal(row->len[f], strlen(row->cell[f]));
		assert_int_equal(row->level1_here, want[n].l1_here);
		assert_int_equal(row->level2_here, want[n].l2_here);
		assert_int_equal(row->has_group_points[0], want[n].has0);
		assert_int_equal(row->has_group_points[1], want[n].has1);
		assert_int_equal(row->new_unit, want[n].new_unit);
		n++;
	}
	assert_int_equal(n, sizeof want / sizeof want[0]);
	sheet_close(&x);
}

/* Names by their first character, the quick answers of the cleaner:
 * letters and ideographs need no cleaning at the start, except 一..十 and
 * 指标 that may number them. */
static void t_clean_starts(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
		ps_numbering num;
	} cases[] = {
		{"四、培训", "培训", PS_NUM_CHINESE},     {"九.其他", "其他", PS_NUM_CHINESE},
		{"十、甲", "甲", PS_NUM_CHINESE},         {"七彩工程", "七彩工程", PS_NUM_NONE},
		{"指标名称", "指标名称", PS_NUM_NONE},    {"指标 3 乙", "乙", PS_NUM_ARABIC},
		{"指标12丙", "丙", PS_NUM_ARABIC},        {"项目一、", "项目一、", PS_NUM_NONE},
		{"验收合格率", "验收合格率", PS_NUM_NONE}, {"x1、y", "x1、y", PS_NUM_NONE},
		{"Ab", "Ab", PS_NUM_NONE},                {"\u3000甲", "甲", PS_NUM_NONE},
		{"★甲", "甲", PS_NUM_NONE},               {"②乙", "乙", PS_NUM_ARABIC},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ps_numbering num;
		bool has;
		ps_dec pts;
		char *got = ps_clean_name(cases[i].in, &num, &has, &pts);
		assert_string_equal(got, cases[i].out);
		assert_int_equal(num, cases[i].num);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_lines_mixed_breaks), cmocka_unit_test(t_lines_cr_only),
		cmocka_unit_test(t_lines_every_length), cmocka_unit_test(t_lines_long),
		cmocka_unit_test(t_cell_marks),         cmocka_unit_test(t_name_key),
		cmocka_unit_test(t_code_key),
		cmocka_unit_test(t_row_data),           cmocka_unit_test(t_field_lengths),
		cmocka_unit_test(t_sheet_cells),
		cmocka_unit_test(t_sheet_budget_late), cmocka_unit_test(t_sheet_header_repeats),
		cmocka_unit_test(t_sheet_total_words),  cmocka_unit_test(t_clean_starts),
		cmocka_unit_test(t_sheet_lengths),
	};
	return cmocka_run_group_tests_name("rows", tests, NULL, NULL);
}
