/* rule_lex.h: private: tokens of Chinese rule text (rule_lex.c → rule_compile.c). */
#ifndef PS_RULE_LEX_H
#define PS_RULE_LEX_H

#include <stddef.h>
#include <stdint.h>
#include "perfscore/dec.h"
#include "perfscore/value.h"

typedef enum {
	T_END = 0,
	T_NUM,      /* a number (Arabic or Chinese numerals); v */
	T_PCT,      /* % */
	T_PERMILLE, /* ‰ */
	T_PP,       /* 个百分点 百分点 */
	T_FEN,      /* 分 (points) */
	T_CUNIT,    /* a counting or measuring unit: 个 项 次 起 例 处 人 万元 ... */
	T_TUNIT,    /* a time unit; sub: PS_SU_DAY / MONTH / YEAR */
	T_CMP,      /* comparator before a number; sub: ps_cmp (不低于 ≥ 低于 超过 ...) */
	T_POST,     /* comparator after a number; sub: ps_cmp (以上 以下 以内 内) */
	T_INCL,     /* 含 */
	T_EXCL,     /* 不含 */
	T_LP, T_RP, /* ( ) */
	T_DASH,     /* - ~ 至 — between numbers */
	T_PM,       /* ± */
	T_X,        /* x as the variable (85%≤x<90%) */
	T_FULL,     /* 得满分 计满分 满分 得全分 得基本分 得标准分 */
	T_ZERO,     /* 不得分 不计分 得零分 该项不得分 */
	T_GET,      /* 得 计 记 给 赋 */
	T_DEDUCT,   /* 扣 扣除 减 扣减 倒扣 加扣 */
	T_EACH,     /* 每 每有 每发生 每出现 每发现 */
	T_LESS,     /* 下降 降低 减少 少 缺 低 (shortfall verb) */
	T_MORE,     /* 超出 增加 上升 多 超 (excess verb) */
	T_LATE,     /* 延迟 推迟 逾期 滞后 延期 */
	T_DIFF,     /* 相差 偏离 增减 (either side) */
	T_INCIDENT, /* 发生 出现 发现 有 (an incident verb before a count) */
	T_FLOOR,    /* 扣完为止 扣完即止 扣至0分 最低为零分 直至本项目分扣完 */
	T_MAXDED,   /* 最多扣 最高扣 至多扣 扣满 (N分为止) */
	T_UPTO,     /* 为止 (after 扣满N分 / 扣完N分) */
	T_MIN,      /* 最低得 最低为 */
	T_PROP,     /* 按比例 按完成比例 按实际完成率 线性内插 ...; sub 1 = interpolation */
	T_TIMES,    /* × * 乘以 */
	T_DIV,      /* / ÷ 除以 */
	T_SHARE,    /* 该项分值的 分值的 标准分的 (then N%) */
	T_HALF,     /* 一半 */
	T_MANUAL,   /* 酌情 视情况 视具体情况 合理确定 ... */
	T_BONUS,    /* 加 加分 另加 奖励 */
	T_NEG,      /* 未 没有 无 不 否 */
	T_OTHERWISE,/* 否则 反之 */
	T_DONE,     /* 完成 按时完成 全部完成 达标 */
	T_GRADE,    /* a known grade word; sub: ps_grade */
	T_DATE,     /* y m d */
	T_BEFORE,   /* 前 之前 以前 */
	T_AFTER,    /* 后 之后 以后 */
	T_TARGET,   /* 目标值 指标值 计划 年度目标 (the target as a reference) */
	T_CAPNOTE,  /* 满分为止 最高不超过分值 (a cap the scorer always applies) */
	T_MULTI,    /* 分别 以此类推 依次 (several amounts for several cases) */
	T_SEP,      /* , ， */
	T_ENUM,     /* 、 */
	T_STOP,     /* ; ； 。 . newline */
	T_COLON,    /* : */
	T_EQ,       /* = (得分=...) */
	T_WORD      /* any other character or word */
} ps_tkind;

typedef struct {
	ps_tkind k;
	int sub;          /* kind-specific (ps_cmp, ps_grade, step unit, flags) */
	bool typo;        /* read from a known typo */
	ps_dec v;         /* T_NUM */
	int32_t y, m, d;  /* T_DATE */
	uint32_t pos;     /* code-point offset of the token in the text */
	uint32_t end;     /* code-point offset just after it */
	size_t b0, b1;    /* byte range in the folded text */
} ps_tok;

typedef struct {
	char *folded;     /* the text after ps_fold_cp, UTF-8 */
	size_t len;
	ps_tok *v;
	size_t n, cap;
} ps_toks;

/* Tokenise rule text (UTF-8). Never fails; unknown characters are T_WORD. */
void ps_rule_lex(ps_toks *out, const char *text, size_t len);
void ps_toks_dispose(ps_toks *t);

#endif
