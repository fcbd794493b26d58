/* value.h: typed values read from cells: numbers with units, dates, grades,
 * counts of failed items; comparators written inside values. */
#ifndef PERFSCORE_VALUE_H
#define PERFSCORE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "dec.h"

/* Comparator of an indicator (指标值类型/指标性质) or written in a value. */
typedef enum {
	PS_CMP_NONE = 0,
	PS_CMP_GE,    /* ≥ ≧ >= 不低于 不少于 以上 正向 */
	PS_CMP_GT,    /* > 大于 高于 超过 */
	PS_CMP_LE,    /* ≤ ≦ <= 不高于 不超过 以下 以内 反向 */
	PS_CMP_LT,    /* < 小于 低于 */
	PS_CMP_EQ,    /* = ═ 等于 */
	PS_CMP_QUAL   /* 定性 */
} ps_cmp;

/* Words of a graded or yes/no actual value, after synonyms are folded. */
typedef enum {
	PS_G_NONE = 0,
	PS_G_EXCELLENT,     /* 优秀 优 */
	PS_G_GOOD,          /* 良好 良 较好 */
	PS_G_FAIR,          /* 一般 中等 中 合格 */
	PS_G_POOR,          /* 较差 差 不合格 */
	PS_G_ACHIEVED,      /* 达成预期指标 达成 达到预期 */
	PS_G_PARTIAL,       /* 部分达成预期指标 部分达成 基本达成 */
	PS_G_NOT_ACHIEVED,  /* 未达成预期指标 未达成 */
	PS_G_YES,           /* 是 完成 按时完成 已完成 有 符合 达标 */
	PS_G_NO             /* 否 未完成 无 不符合 未达标 */
} ps_grade;

typedef enum {
	PS_V_EMPTY = 0,  /* blank cell */
	PS_V_NA,         /* "/", "—", "-", "不适用", "无" as target: not applicable */
	PS_V_NUMBER,     /* 97, 97%, 1,200万元, ≥95% */
	PS_V_COUNT,      /* failed items: "未完成2项", "2项未完成", "发生1起" */
	PS_V_DATE,       /* 2026-12-20, 2026年12月20日, 2026年12月, 12月底前 */
	PS_V_GRADE,      /* a word of ps_grade */
	PS_V_TEXT        /* anything else: kept as text (rule-defined grade words) */
} ps_vkind;

typedef struct {
	ps_vkind kind;
	ps_cmp cmp;         /* comparator written inside the value, else NONE */
	ps_dec num;         /* NUMBER, COUNT */
	char unit[32];      /* unit after the number ("%", "‰", "个", "万元"); "" none */
	int32_t year, month, day; /* DATE: 0 where not given ("12月底前": year 0) */
	bool before;        /* DATE written with 前/之前/以前 */
	ps_grade grade;     /* GRADE; COUNT: YES for 0, NO for more */
	bool incident;      /* COUNT of incidents ("发生1起", "出现3次"): the thing an
	                     * indicator may measure, unlike failed items ("未完成2项") */
	const char *text;   /* borrowed: the trimmed cell text */
	size_t text_len;
} ps_value;

/* Parse a cell. Never fails: what is not a number, date, count or known
 * grade word becomes PS_V_TEXT (so do numbers of 10^12 or more, and NaN/inf).
 * "未发生(…)" is a PS_V_COUNT of 0 incidents. Understands fullwidth digits, thousands
 * separators, Excel float artefacts, Chinese numerals (二十, 两, 百分之九十,
 * 零点五), per-mille, 百分比 as %, comparators ≥ ≧ >= 不低于 ... before the
 * number. `text` is borrowed by the result. */
void ps_value_parse(ps_value *out, const char *text, size_t len);

/* Parse a number that may be written in Chinese numerals (一 两 二 … 十 百 千
 * 万 半 零点五) or Arabic; returns bytes consumed (0 if none). */
size_t ps_cnum_parse(ps_dec *out, const char *s, size_t len);

/* Parse a comparator cell/type: "≥", "≧", ">=", "大于等于", "正向" → GE,
 * "反向" → LE, "定性" → QUAL, "定量" → NONE ... Returns PS_CMP_NONE when
 * unknown. */
ps_cmp ps_cmp_parse(const char *s, size_t len);
const char *ps_cmp_symbol(ps_cmp c); /* "≥" ... "" for NONE, "定性" for QUAL */
const char *ps_grade_name(ps_grade g); /* canonical Chinese word */

/* Normalise a unit word: "百分比"/"%(百分比)"/"％" → "%", "‰", trims. Writes
 * into out (size >= 32). */
void ps_unit_norm(char *out, size_t size, const char *s, size_t len);
bool ps_unit_is_percent(const char *unit);

/* Is the word at byte offset `at` of s preceded by a negation (不 未 无 没 非
 * 否)? "不健全" is no "健全". */
bool ps_negated_at(const char *s, size_t at);

/* Days since 0000-03-01 for date arithmetic (proleptic Gregorian; year 0
 * is a leap year). Lateness in months is counted in calendar months, a part
 * month as days/30 (docs/rules.md). */
int64_t ps_date_days(int32_t y, int32_t m, int32_t d);

/* Days in month m (1..12) of year y; February of year 0 (unknown) has 29. */
int ps_month_days(int32_t y, int32_t m);

#endif
