/* explain.c: a score explained in words a person can check by hand, in
 * Chinese or English, and the scorer's warnings. All of the scorer's
 * Chinese text lives in the message table below. */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "score_int.h"
#include "util/scan16.h"

enum msg {
	M_QUOTE, M_ANY, M_TARGET_WORD, M_X,
	M_NA, M_NA_FULL, M_NA_ZERO, M_NA_ACTUAL,
	M_MISSING, M_NO_POINTS, M_UNREAD, M_UNREAD_ALL, M_UNREAD_WHY,
	M_MANUAL_GIVEN, M_MANUAL_CLAMP, M_MANUAL_NONE,
	M_AW_FULL, M_AW_POINTS, M_AW_SHARE, M_AW_DEDUCT,
	M_RANGE, M_GRADE, M_REACH, M_BOOL_FULL, M_BOOL_YES, M_BOOL_NO, M_DATE_ON, M_DATE_AFTER,
	M_TARGET, M_ACTUAL, M_BELOW, M_ABOVE, M_OFF, M_LATE, M_REL, M_PER,
	M_U_PP, M_U_DAY, M_U_MONTH, M_U_YEAR,
	M_WHOLE, M_STARTED, M_START, M_DEDUCT, M_CAP, M_FLOOR0, M_FLOOR, M_SCORE, M_FULL_SCORE,
	M_GOOD_BELOW, M_GOOD_ABOVE, M_GOOD_OFF, M_GOOD_LATE,
	M_ITEM_N, M_ITEM_PER, M_ITEM_NONE,
	M_PROP, M_PROP_FROM, M_PROP_CAP, M_PROP_ZERO, M_PROP_LE_FULL,
	M_UNCOVERED, M_UNCOVERED_ONLY, M_NORULE,
	M_D_MET, M_D_RATIO, M_D_ZERO_FULL, M_D_ZERO_NONE, M_D_QUAL_FULL, M_D_QUAL_PCT,
	M_D_BAND_LO, M_D_BAND_HI, M_D_GIVEN, M_D_QMANUAL, M_D_NO, M_D_DATE,
	M_W_ACTUAL, M_W_UNIT, M_W_TARGET, M_W_NEG, M_W_BASE0, M_W_STEP0, M_W_DEADLINE, M_W_GRADE,
	M_W_LATE, M_W_COUNT, M_RATE, M_GIVEN_KEPT,
	M_BONUS, M_DEVIATION,
	M_RULE_FULL, M_RULE_POINTS, M_RULE_SHARE, M_RULE_DEDUCT, M_RULE_YES, M_RULE_NO, M_RULE_DATE_ON,
	M_RULE_DATE_AFTER, M_RULE_JOIN,
	M_WN_NAME, M_WN_DEFAULT, M_WN_UNCOVERED, M_WN_MANUAL, M_WN_BAND, M_WN_BONUS, M_WN_MISSING,
	M__COUNT
};

/* [zh, en]. Arguments are always strings, in the same order in both. */
static const char *const msgs[M__COUNT][2] = {
	[M_QUOTE] = {"“%s”", "\"%s\""},
	[M_GIVEN_KEPT] = {"；采用给定得分%s分（满分%s分）", "; the given score %s of %s is kept"},
	[M_RATE] = {"实际%s%s为目标%s%s的%s%%，", "actual %s%s against the target %s%s is %s%%: "},
	[M_ANY] = {"任意值", "any value"},
	[M_TARGET_WORD] = {"目标值", "the target"},
	[M_X] = {"x", "x"},
	[M_NA] = {"不适用，不计入总分，按适用指标折算", "not applicable: left out, the total is converted over the applicable points"},
	[M_NA_FULL] = {"不适用，按政策计满分%s分", "not applicable: full marks %s by policy"},
	[M_NA_ZERO] = {"不适用，按政策计0分", "not applicable: 0 by policy"},
	[M_NA_ACTUAL] = {"实际值为%s，视为", "the actual is %s, read as "},
	[M_MISSING] = {"无实际完成值，未评分", "no actual value: not scored"},
	[M_NO_POINTS] = {"缺少分值，无法评分，需人工核对", "no points given: cannot score, check the table"},
	[M_UNREAD] = {"规则第%s个字起无法识别：“%s”，需人工评分", "rule not understood from character %s: \"%s\"; score it by hand"},
	[M_UNREAD_ALL] = {"规则无法用于评分，需人工评分", "the rule cannot be used to score; score it by hand"},
	[M_UNREAD_WHY] = {"（%s）", " (%s)"},
	[M_MANUAL_GIVEN] = {"规则需人工评分（酌情），采用给定得分%s分（满分%s分）", "discretionary rule: the given score %s of %s is kept"},
	[M_MANUAL_CLAMP] = {"（给定%s分超出0至%s分，按%s分计）", " (the given %s is outside 0 to %s: %s used)"},
	[M_MANUAL_NONE] = {"规则需人工评分（酌情），尚无给定得分", "discretionary rule: needs a person's score"},
	[M_AW_FULL] = {"得满分%s分", "full marks %s"},
	[M_AW_POINTS] = {"得%s分（满分%s分）", "score %s of %s"},
	[M_AW_SHARE] = {"得分值的%s%%即%s分（满分%s分）", "%s%% of the points, %s of %s"},
	[M_AW_DEDUCT] = {"扣%s分，得%s分（满分%s分）", "%s off, score %s of %s"},
	[M_RANGE] = {"实际%s，符合“%s”，", "actual %s is in \"%s\": "},
	[M_GRADE] = {"实际%s，按规则“%s”", "actual %s matches the rule's \"%s\": "},
	[M_BOOL_FULL] = {"实际%s，符合得满分条件，得%s分", "actual %s meets the full-marks condition: score %s"},
	[M_BOOL_YES] = {"实际%s，符合条件，", "actual %s meets the condition: "},
	[M_BOOL_NO] = {"实际%s，不符合条件，", "actual %s does not meet the condition: "},
	[M_DATE_ON] = {"实际完成日期%s，不晚于期限%s，", "done %s, not after the deadline %s: "},
	[M_DATE_AFTER] = {"实际完成日期%s，晚于期限%s，", "done %s, after the deadline %s: "},
	[M_REACH] = {"达到%s", "≥%s"},
	[M_TARGET] = {"目标%s%s，", "target %s%s, "},
	[M_ACTUAL] = {"实际%s，", "actual %s, "},
	[M_BELOW] = {"低于基准%s %s%s", "below the baseline %s by %s%s"},
	[M_ABOVE] = {"高于基准%s %s%s", "above the baseline %s by %s%s"},
	[M_OFF] = {"偏离基准%s %s%s", "off the baseline %s by %s%s"},
	[M_LATE] = {"实际完成日期%s，比期限%s晚%s%s", "done %s, later than the deadline %s by %s%s"},
	[M_REL] = {"（即基准的%s%%）", " (%s%% of the baseline)"},
	[M_PER] = {"，每%s%s扣%s分", ", each %s%s costs %s"},
	[M_U_PP] = {"个百分点", " percentage points"},
	[M_U_DAY] = {"天", " days"},
	[M_U_MONTH] = {"个月", " months"},
	[M_U_YEAR] = {"年", " years"},
	[M_WHOLE] = {"，按整步计%s步", ", in whole steps: %s"},
	[M_STARTED] = {"，不足一步按一步计，计%s步", ", every started step counts: %s"},
	[M_START] = {"，从%s分起扣", ", from %s"},
	[M_DEDUCT] = {"，扣%s分", ", %s off"},
	[M_CAP] = {"（计%s分，最多扣%s分）", " (%s, at most %s off)"},
	[M_FLOOR0] = {"，扣完为止", ", not below 0"},
	[M_FLOOR] = {"，最低得%s分", ", not below %s"},
	[M_SCORE] = {"，得%s分（满分%s分）", ": score %s of %s"},
	[M_FULL_SCORE] = {"，得满分%s分", ": full marks %s"},
	[M_GOOD_BELOW] = {"实际%s，未低于基准%s，不扣分", "actual %s is not below the baseline %s, nothing off"},
	[M_GOOD_ABOVE] = {"实际%s，未超过基准%s，不扣分", "actual %s is not above the baseline %s, nothing off"},
	[M_GOOD_OFF] = {"实际%s，等于基准%s，不扣分", "actual %s equals the baseline %s, nothing off"},
	[M_GOOD_LATE] = {"实际%s，未晚于期限，不扣分", "actual %s, not late, nothing off"},
	[M_ITEM_N] = {"计%s项", "%s items"},
	[M_ITEM_PER] = {"，每项扣%s分", ", %s per item"},
	[M_ITEM_NONE] = {"实际%s，无未完成项，不扣分", "actual %s, no failed items, nothing off"},
	[M_PROP] = {"按完成比例：%s÷%s×%s=%s分", "proportional: %s÷%s×%s=%s"},
	[M_PROP_FROM] = {"按比例：(%s−%s)÷(%s−%s)×%s=%s分", "proportional: (%s−%s)÷(%s−%s)×%s=%s"},
	[M_PROP_CAP] = {"，以满分%s分为限", ", capped at full marks %s"},
	[M_PROP_ZERO] = {"目标为0", "target 0"},
	[M_PROP_LE_FULL] = {"按完成比例：实际%s不超过目标%s，得满分%s分",
	                    "proportional: actual %s is not above the target %s: full marks %s"},
	[M_UNCOVERED] = {"规则未覆盖实际值%s，按国家默认规则：", "the rule does not cover the actual %s; national default: "},
	[M_UNCOVERED_ONLY] = {"规则未覆盖实际值%s（仅规定%s），按国家默认规则：",
	                      "the rule does not cover the actual %s (it only gives %s); national default: "},
	[M_NORULE] = {"无评分标准，按国家默认规则：", "no scoring rule; national default: "},
	[M_D_MET] = {"实际%s达到目标%s%s，得满分%s分", "actual %s meets the target %s%s: full marks %s"},
	[M_D_RATIO] = {"%s÷%s×%s=%s分", "%s÷%s×%s=%s"},
	[M_D_ZERO_FULL] = {"目标为0，实际%s不低于目标，得满分%s分", "target 0, actual %s is not below it: full marks %s"},
	[M_D_ZERO_NONE] = {"目标为0，实际%s超过目标，得0分（满分%s分）", "target 0, actual %s is above it: score 0 of %s"},
	[M_D_QUAL_FULL] = {"实际%s，得满分%s分", "actual %s: full marks %s"},
	[M_D_QUAL_PCT] = {"实际%s，按%s%%计%s分（满分%s分）", "actual %s: %s%% of the points, %s of %s"},
	[M_D_BAND_LO] = {"实际%s，未给出评价人得分，取%s%%至%s%%区间下限%s%%：%s×%s%%=%s分，需评价人确认",
	                 "actual %s, no evaluator's score: band %s%% to %s%%, lower bound %s%%: %s×%s%%=%s, to be confirmed"},
	[M_D_BAND_HI] = {"实际%s，未给出评价人得分，取%s%%至%s%%区间上限%s%%：%s×%s%%=%s分，需评价人确认",
	                 "actual %s, no evaluator's score: band %s%% to %s%%, upper bound %s%%: %s×%s%%=%s, to be confirmed"},
	[M_D_GIVEN] = {"实际%s，采用评价人给定得分%s分（区间%s%%至%s%%）", "actual %s: the evaluator's score %s is kept (band %s%% to %s%%)"},
	[M_D_QMANUAL] = {"实际%s，按政策由评价人在%s%%至%s%%区间内评分", "actual %s: the evaluator scores it within %s%% to %s%% (policy)"},
	[M_D_NO] = {"实际%s，得0分（满分%s分）", "actual %s: score 0 of %s"},
	[M_D_DATE] = {"实际完成日期%s不晚于目标%s，得满分%s分", "done %s, not after the target %s: full marks %s"},
	[M_W_ACTUAL] = {"实际值%s无法按规则读取，需人工评分", "the actual %s cannot be read for this rule; score it by hand"},
	[M_W_UNIT] = {"实际值%s的单位与指标单位“%s”不一致，需人工核对", "the unit of the actual %s differs from the indicator's \"%s\"; check by hand"},
	[M_W_TARGET] = {"指标值不是可用于计算的数字，需人工评分", "the target is not a number the rule can use; score it by hand"},
	[M_W_NEG] = {"指标值为负数，无法按比例计算，需人工评分", "the target is negative, no ratio can be taken; score it by hand"},
	[M_W_BASE0] = {"扣分基准为0，无法按百分比计算，需人工评分", "the baseline is 0, a percentage of it means nothing; score it by hand"},
	[M_W_STEP0] = {"规则的扣分步长为0，需人工评分", "the rule's step is 0; score it by hand"},
	[M_W_DEADLINE] = {"无法确定期限或其年份（可在政策文件中设置budget_year），需人工评分",
	                  "no deadline or no year for it (set budget_year in the policy); score it by hand"},
	[M_W_GRADE] = {"实际%s不是规则或默认规则所能评定的等级，需人工评分", "the actual %s is a grade neither the rule nor the default scores; score it by hand"},
	[M_W_LATE] = {"实际完成日期%s晚于目标%s，未规定如何扣分，需人工评分", "done %s, after the target %s, and nothing says what that costs; score it by hand"},
	[M_W_COUNT] = {"实际%s，未规定每项扣分，需人工评分", "actual %s, and nothing says what each item costs; score it by hand"},
	[M_BONUS] = {"；规则含加分%s分，仅报告，不计入得分", "; the rule's bonus of %s is reported, not added"},
	[M_DEVIATION] = {"；实际超过目标%s%%以上（指标偏离），按政策扣%s分，得%s分", "; the actual exceeds the target by %s%% or more (deviation): %s off by policy, score %s"},
	[M_RULE_FULL] = {"%s得满分", "%s: full marks"},
	[M_RULE_POINTS] = {"%s得%s分", "%s: %s points"},
	[M_RULE_SHARE] = {"%s得分值的%s%%", "%s: %s%% of the points"},
	[M_RULE_DEDUCT] = {"%s扣%s分", "%s: %s off"},
	[M_RULE_YES] = {"符合", "yes"},
	[M_RULE_NO] = {"不符合", "no"},
	[M_RULE_DATE_ON] = {"%s前", "by %s"},
	[M_RULE_DATE_AFTER] = {"%s后", "after %s"},
	[M_RULE_JOIN] = {"、", "; "},
	[M_WN_NAME] = {"“%s”：", "\"%s\": "},
	[M_WN_DEFAULT] = {"无评分标准，按国家默认规则计分", "no scoring rule, national default used"},
	[M_WN_UNCOVERED] = {"规则未覆盖实际值%s，按国家默认规则计分", "the rule does not cover the actual %s, national default used"},
	[M_WN_MANUAL] = {"需人工评分，尚无给定得分", "needs a person's score, none given"},
	[M_WN_BAND] = {"实际%s未给出评价人得分，按区间%s%%计分", "actual %s has no evaluator's score: %s%% of the band used"},
	[M_WN_BONUS] = {"规则含加分%s分，未计入得分", "the rule's bonus of %s is not added"},
	[M_WN_MISSING] = {"无实际完成值", "no actual value"},
};

/* The text being written: in `local` until it outgrows it, then on the
 * heap. An explanation is written in a dozen pieces or more, and a heap
 * buffer grown piece by piece (malloc, then realloc) was a good part of
 * its cost; now it takes one allocation of its final size. */
typedef struct {
	char *s;
	size_t n, cap;
	char local[512];
} text;

static void text_init(text *o)
{
	o->s = o->local;
	o->n = 0;
	o->cap = sizeof o->local;
	o->s[0] = '\0';
}

static void text_grow(text *o, size_t extra)
{
	size_t cap = o->cap;
	while (cap < o->n + extra + 1)
		cap *= 2;
	if (o->s == o->local) {
		o->s = ps_xmalloc(cap);
		memcpy(o->s, o->local, o->n + 1);
	} else {
		o->s = ps_xrealloc(o->s, cap);
	}
	o->cap = cap;
}

static void put_n(text *o, const char *p, size_t k)
{
	if (o->n + k + 1 > o->cap)
		text_grow(o, k);
	memcpy(o->s + o->n, p, k);
	o->n += k;
	o->s[o->n] = '\0';
}

static void put_s(text *o, const char *p)
{
	put_n(o, p, strlen(p));
}

/* The text as a malloc'd string; o is left empty. */
static char *text_take(text *o)
{
	char *r = o->s == o->local ? ps_xstrndup(o->local, o->n) : o->s;
	text_init(o);
	return r;
}

static void text_dispose(text *o)
{
	if (o->s != o->local)
		free(o->s);
	text_init(o);
}

/* Formatted numbers and texts live in a ring of small buffers, enough for
 * the arguments of one message. */
enum { RING = 12, SLOT = 160, STRIDE = 256 }; /* a slot's room; slots STRIDE apart */
typedef struct {
	const ps_trace *t;
	text *o;
	char ring[RING][STRIDE];
	uint8_t len[RING]; /* a slot's string length, or NOLEN */
	int next;
} ctx;
enum { NOLEN = 255 };

/* The ring is left as it is: slot() starts each string afresh, and zeroing
 * two kilobytes per explanation showed in profiles. */
static void ctx_init(ctx *c, const ps_trace *t, text *o)
{
	c->t = t;
	c->o = o;
	c->next = 0;
}

static char *slot(ctx *c)
{
	char *s = c->ring[c->next];
	c->len[c->next] = NOLEN;
	c->next = c->next == RING - 1 ? 0 : c->next + 1;
	s[0] = '\0';
	return s;
}

/* Slot s holds n bytes (and a NUL): say() need not count them. */
static const char *sized(ctx *c, char *s, size_t n)
{
	c->len[(size_t)(s - c->ring[0]) / STRIDE] = (uint8_t)n;
	return s;
}

/* strlen(a), from the slot's length when a is a slot whose length its
 * writer set (most arguments are numbers formatted into slots; their
 * strlen calls showed in perf). */
static size_t arg_len(const ctx *c, const char *a)
{
	uintptr_t off = (uintptr_t)a - (uintptr_t)c->ring[0];
	if (off < sizeof c->ring && off % STRIDE == 0) {
		uint8_t n = c->len[off / STRIDE];
		if (n != NOLEN)
			return n;
	}
	return strlen(a);
}

static const char *msg(const ctx *c, enum msg m)
{
	return msgs[m][c->t->lang == PS_LANG_EN ? 1 : 0];
}

/* Only %s and %% (every message in the table) are formatted by hand, as
 * vsnprintf was most of the cost of an explanation; a format with anything
 * else is given to vsnprintf whole (ap2: the arguments from the start). */
static void vsay(text *o, const char *f, va_list ap, va_list ap2)
{
	size_t start = o->n;
	for (const char *p = f;;) {
		const char *q = strchr(p, '%');
		if (!q) {
			put_s(o, p);
			return;
		}
		put_n(o, p, (size_t)(q - p));
		if (q[1] == 's') {
			put_s(o, va_arg(ap, const char *));
		} else if (q[1] == '%') {
			put_n(o, "%", 1);
		} else {
			o->n = start;
			ps_buf b = PS_BUF_INIT;
			ps_buf_vprintf(&b, f, ap2);
			put_n(o, b.s ? b.s : "", b.n);
			ps_buf_dispose(&b);
			return;
		}
		p = q + 2;
	}
}

/* Append n bytes to s[*len], cut where snprintf into `size` bytes would cut. */
static void put(char *s, size_t size, size_t *len, const char *a, size_t n)
{
	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	ps_copy_piece(s + *len, a, n);
	*len += n;
	s[*len] = '\0';
}

/* vsnprintf(s, size, f, ap) for the message table's formats (only %s and
 * %% by hand, as vsay; ap2: the arguments from the start). */
static void vformat(char *s, size_t size, const char *f, va_list ap, va_list ap2)
{
	size_t len = 0;
	s[0] = '\0';
	for (const char *p = f;;) {
		const char *q = strchr(p, '%');
		if (!q) {
			put(s, size, &len, p, strlen(p));
			return;
		}
		put(s, size, &len, p, (size_t)(q - p));
		if (q[1] == 's') {
			const char *a = va_arg(ap, const char *);
			put(s, size, &len, a, strlen(a));
		} else if (q[1] == '%') {
			put(s, size, &len, "%", 1);
		} else {
			vsnprintf(s, size, f, ap2);
			return;
		}
		p = q + 2;
	}
}

/* Each message cut once into its literal pieces, each followed by a %s or
 * not, so that say() makes one room check and copies pieces of known
 * length (the table is built once, then only read). A message with
 * anything but %s and %% has other set: vsay() writes it. */
enum { MAX_SEG = 16, MAX_ARG = 12 };
typedef struct {
	uint16_t off;
	uint8_t len;
	uint8_t arg;      /* a %s follows the piece */
} seg;
typedef struct {
	seg v[MAX_SEG];
	uint8_t n, nargs;
	bool other;
	uint16_t lit;     /* the pieces' bytes */
} plan;

static plan plans[M__COUNT][2];
static pthread_once_t plans_once = PTHREAD_ONCE_INIT;
/* set once the plans are made: a load where pthread_once was a call per
 * message */
static atomic_bool plans_ready;

static void plan_one(plan *pl, const char *f)
{
	size_t off = 0, len = strlen(f);
	pl->n = pl->nargs = 0;
	pl->lit = 0;
	pl->other = false;
	while (off <= len) {
		const char *q = strchr(f + off, '%');
		size_t end = q ? (size_t)(q - f) : len;
		if (pl->n == MAX_SEG || end - off > 255 || (q && q[1] != 's' && q[1] != '%')) {
			pl->other = true;
			return;
		}
		seg *sg = &pl->v[pl->n++];
		sg->off = (uint16_t)off;
		sg->len = (uint8_t)(end - off);
		sg->arg = q && q[1] == 's';
		if (q && q[1] == '%')
			sg->len++; /* the piece takes the first '%' of "%%" */
		pl->lit = (uint16_t)(pl->lit + sg->len);
		if (!q)
			return;
		if (sg->arg && ++pl->nargs > MAX_ARG) {
			pl->other = true;
			return;
		}
		off = end + 2;
	}
}

static void make_plans(void)
{
	for (int m = 0; m < M__COUNT; m++)
		for (int l = 0; l < 2; l++)
			plan_one(&plans[m][l], msgs[m][l]);
	atomic_store_explicit(&plans_ready, true, memory_order_release);
}

static const plan *plan_of(const ctx *c, enum msg m)
{
	if (!atomic_load_explicit(&plans_ready, memory_order_acquire))
		pthread_once(&plans_once, make_plans);
	return &plans[m][c->t->lang == PS_LANG_EN ? 1 : 0];
}

/* Message f (planned as pl) with its arguments a (lengths al) written at
 * d, which has room; NUL-terminated. Returns the end (the NUL). */
static char *pieces(char *d, const char *f, const plan *pl, const char *const *a, const size_t *al)
{
	for (int k = 0, i = 0; k < pl->n; k++) {
		const seg *sg = &pl->v[k];
		ps_copy_piece(d, f + sg->off, sg->len);
		d += sg->len;
		if (sg->arg) {
			ps_copy_piece(d, a[i], al[i]);
			d += al[i];
			i++;
		}
	}
	*d = '\0';
	return d;
}

static void say(ctx *c, enum msg m, ...)
{
	va_list ap, ap2;
	va_start(ap, m);
	const plan *pl = plan_of(c, m);
	if (pl->other) {
		va_copy(ap2, ap);
		vsay(c->o, msg(c, m), ap, ap2);
		va_end(ap2);
		va_end(ap);
		return;
	}
	const char *a[MAX_ARG];
	size_t al[MAX_ARG], total = pl->lit;
	for (int i = 0; i < pl->nargs; i++) {
		a[i] = va_arg(ap, const char *);
		al[i] = arg_len(c, a[i]);
		total += al[i];
	}
	va_end(ap);
	text *o = c->o;
	if (o->n + total + 1 > o->cap)
		text_grow(o, total);
	o->n = (size_t)(pieces(o->s + o->n, msg(c, m), pl, a, al) - o->s);
}

/* A message into a ring slot (for use as an argument of another). */
static const char *fmt(ctx *c, enum msg m, ...)
{
	char *s = slot(c);
	va_list ap, ap2;
	va_start(ap, m);
	const plan *pl = plan_of(c, m);
	if (!pl->other) {
		const char *a[MAX_ARG];
		size_t al[MAX_ARG], total = pl->lit;
		va_copy(ap2, ap);
		for (int i = 0; i < pl->nargs; i++) {
			a[i] = va_arg(ap2, const char *);
			al[i] = arg_len(c, a[i]);
			total += al[i];
		}
		va_end(ap2);
		if (total < SLOT) {
			/* it fits: the pieces at once, nothing to cut */
			char *e = pieces(s, msg(c, m), pl, a, al);
			va_end(ap);
			return sized(c, s, (size_t)(e - s));
		}
	}
	va_copy(ap2, ap);
	vformat(s, SLOT, msg(c, m), ap, ap2);
	va_end(ap2);
	va_end(ap);
	return s;
}

static const char *num(ctx *c, ps_dec v)
{
	char *s = slot(c);
	return sized(c, s, ps_dec_format(s, SLOT, v, 0, 6));
}

/* A score: rounded to the policy's decimals, no trailing zeros. */
static const char *pts(ctx *c, ps_dec v)
{
	char *s = slot(c);
	return sized(c, s, ps_dec_format(s, SLOT, v, 0, c->t->decimals));
}

static const char *numu(ctx *c, ps_dec v, const char *unit)
{
	char *s = slot(c);
	size_t n = ps_dec_format(s, SLOT, v, 0, 6);
	size_t k = unit ? strlen(unit) : 0;
	if (k > SLOT - 1 - n)
		k = SLOT - 1 - n; /* cut as snprintf would */
	if (k)
		ps_copy_piece(s + n, unit, k);
	s[n + k] = '\0';
	return sized(c, s, n + k);
}

/* Text quoted, cut to about 40 characters. */
static const char *quoted(ctx *c, const char *s, size_t len)
{
	enum { CUT = 128 - 8 };
	size_t n = 0, cps = 0;
	while (n < len && n < CUT && cps < 40) {
		size_t k = 1;
		while (n + k < len && ((unsigned char)s[n + k] & 0xC0) == 0x80)
			k++;
		if (n + k > CUT)
			break;
		n += k;
		cps++;
	}
	const plan *pl = plan_of(c, M_QUOTE);
	if (pl->other || pl->n != 2 || !pl->v[0].arg) {
		char cut[128];
		memcpy(cut, s, n);
		if (n < len) {
			memcpy(cut + n, "…", strlen("…"));
			n += strlen("…");
		}
		cut[n] = '\0';
		return fmt(c, M_QUOTE, cut);
	}
	/* the quotes around the cut, written in place (it always fits) */
	const char *f = msg(c, M_QUOTE);
	char *r = slot(c), *d = r;
	ps_copy_piece(d, f + pl->v[0].off, pl->v[0].len);
	d += pl->v[0].len;
	ps_copy_piece(d, s, n);
	d += n;
	if (n < len) {
		memcpy(d, "…", strlen("…"));
		d += strlen("…");
	}
	ps_copy_piece(d, f + pl->v[1].off, pl->v[1].len);
	d += pl->v[1].len;
	*d = '\0';
	return sized(c, r, (size_t)(d - r));
}

static const char *date_s(ctx *c, int32_t y, int32_t m, int32_t d)
{
	char *s = slot(c);
	if (y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99) {
		/* what the snprintf below writes, without it */
		char *p = s;
		if (y) {
			*p++ = (char)('0' + y / 1000), *p++ = (char)('0' + y / 100 % 10);
			*p++ = (char)('0' + y / 10 % 10), *p++ = (char)('0' + y % 10), *p++ = '-';
		}
		*p++ = (char)('0' + m / 10), *p++ = (char)('0' + m % 10), *p++ = '-';
		*p++ = (char)('0' + d / 10), *p++ = (char)('0' + d % 10), *p = '\0';
		return sized(c, s, (size_t)(p - s));
	} else if (y)
		snprintf(s, SLOT, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
	else
		snprintf(s, SLOT, "%02d-%02d", (int)m, (int)d);
	return s;
}

/* The actual: a number with its unit, else its text quoted. */
static const char *actual(ctx *c)
{
	const ps_value *v = c->t->act;
	if (v->kind == PS_V_NUMBER)
		return numu(c, v->num, v->unit[0] ? v->unit : c->t->unit);
	if (v->kind == PS_V_DATE && v->year)
		return date_s(c, v->year, v->month, v->day ? v->day : ps_month_days(v->year, v->month));
	return quoted(c, v->text ? v->text : "", v->text_len);
}

static const char *actual_date(ctx *c)
{
	return date_s(c, c->t->ay, c->t->am, c->t->ad);
}

static const char *deadline_s(ctx *c)
{
	return date_s(c, c->t->dy, c->t->dm, c->t->dd);
}

/* A value of a rule bound: a number in the indicator's unit or the target. */
static const char *bound(ctx *c, const ps_bound *b)
{
	return b->is_target ? msg(c, M_TARGET_WORD) : numu(c, b->v, c->t->unit);
}

/* Bound b written at s[*len] as bound() gives it, cut as cat() cuts. */
static void put_bound(ctx *c, char *s, size_t size, size_t *len, const ps_bound *b)
{
	if (b->is_target) {
		const char *w = msg(c, M_TARGET_WORD);
		put(s, size, len, w, strlen(w));
		return;
	}
	char v[40];
	put(s, size, len, v, ps_dec_format(v, sizeof v, b->v, 0, 6));
	const char *u = c->t->unit;
	if (u)
		put(s, size, len, u, strlen(u));
}

/* "≥" or ">" (ge), "≤" or "<" (!ge), at s[*len]. */
static void put_op(char *s, size_t size, size_t *len, bool ge, bool incl)
{
	if (incl)
		put(s, size, len, ge ? "≥" : "≤", strlen("≥"));
	else
		put(s, size, len, ge ? ">" : "<", 1);
}

/* The clause's condition; written in place, where it was cat() of
 * bound()s: no slot per number, no second pass over the pieces. */
static const char *cond(ctx *c, const ps_clause *cl)
{
	char *s = slot(c);
	size_t n = SLOT, len = 0;
	const ps_bound *lo = &cl->lo, *hi = &cl->hi;
	if (!lo->set && !hi->set) {
		const char *any = msg(c, M_ANY);
		put(s, n, &len, any, strlen(any));
	} else if (lo->set && !hi->set) {
		put_op(s, n, &len, true, lo->incl);
		put_bound(c, s, n, &len, lo);
	} else if (!lo->set) {
		put_op(s, n, &len, false, hi->incl);
		put_bound(c, s, n, &len, hi);
	} else if (lo->incl && hi->incl && lo->is_target == hi->is_target && (lo->is_target || lo->v == hi->v)) {
		put(s, n, &len, "=", 1);
		put_bound(c, s, n, &len, lo);
	} else {
		put_bound(c, s, n, &len, lo);
		put_op(s, n, &len, false, lo->incl);
		const char *x = msg(c, M_X);
		put(s, n, &len, x, strlen(x));
		put_op(s, n, &len, false, hi->incl);
		put_bound(c, s, n, &len, hi);
	}
	return sized(c, s, len);
}

/* "≥100%得10分、…": what the rule's outcome clauses give, for "only says". */
static bool describe_rule(ctx *c, text *out)
{
	const ps_rule *r = c->t->rule;
	bool any = false;
	for (size_t i = 0; r && i < r->n; i++) {
		const ps_clause *cl = &r->v[i];
		const char *what;
		switch (cl->kind) {
		case PS_CL_RANGE:
			what = cl->lo.set && cl->lo.incl && !cl->hi.set ? fmt(c, M_REACH, bound(c, &cl->lo)) : cond(c, cl);
			break;
		case PS_CL_GRADE: what = quoted(c, cl->word ? cl->word : "", cl->word ? strlen(cl->word) : 0); break;
		case PS_CL_BOOL: what = msg(c, cl->yes ? M_RULE_YES : M_RULE_NO); break;
		case PS_CL_DATE:
			what = cl->m ? fmt(c, cl->dir < 0 ? M_RULE_DATE_ON : M_RULE_DATE_AFTER,
			                   date_s(c, cl->y, cl->m, cl->d ? cl->d : ps_month_days(cl->y, cl->m)))
			             : msg(c, M_TARGET_WORD);
			break;
		default: continue;
		}
		if (any)
			put_s(out, msg(c, M_RULE_JOIN));
		any = true;
		switch (cl->award.kind) {
		case PS_AW_FULL: put_s(out, fmt(c, M_RULE_FULL, what)); break;
		case PS_AW_SHARE: put_s(out, fmt(c, M_RULE_SHARE, what, num(c, cl->award.v))); break;
		case PS_AW_DEDUCT: put_s(out, fmt(c, M_RULE_DEDUCT, what, num(c, cl->award.v))); break;
		default: put_s(out, fmt(c, M_RULE_POINTS, what, num(c, cl->award.v))); break;
		}
	}
	return any;
}

static void tail_score(ctx *c, ps_dec score)
{
	if (score == c->t->points)
		say(c, M_FULL_SCORE, pts(c, score));
	else
		say(c, M_SCORE, pts(c, score), pts(c, c->t->points));
}

static void outcome(ctx *c)
{
	const ps_trace *t = c->t;
	const ps_clause *cl = t->cl;
	ps_dec s = t->body_score, p = t->points;
	switch (cl->kind) {
	case PS_CL_RANGE:
		say(c, M_RANGE, actual(c), cond(c, cl));
		break;
	case PS_CL_GRADE:
		say(c, M_GRADE, actual(c), cl->word ? cl->word : "");
		break;
	case PS_CL_BOOL:
		if (cl->yes && cl->award.kind == PS_AW_FULL) {
			say(c, M_BOOL_FULL, actual(c), pts(c, s));
			return;
		}
		say(c, cl->yes ? M_BOOL_YES : M_BOOL_NO, actual(c));
		break;
	case PS_CL_DATE:
		if (t->act->kind == PS_V_DATE)
			say(c, cl->dir < 0 ? M_DATE_ON : M_DATE_AFTER, actual_date(c), deadline_s(c));
		else
			say(c, M_BOOL_YES, actual(c));
		break;
	default:
		break;
	}
	switch (cl->award.kind) {
	case PS_AW_FULL: say(c, M_AW_FULL, pts(c, s)); break;
	case PS_AW_SHARE: say(c, M_AW_SHARE, num(c, cl->award.v), pts(c, s), pts(c, p)); break;
	case PS_AW_DEDUCT: say(c, M_AW_DEDUCT, num(c, cl->award.v), pts(c, s), pts(c, p)); break;
	default: say(c, M_AW_POINTS, pts(c, s), pts(c, p)); break;
	}
}

static void deduction_tail(ctx *c)
{
	const ps_trace *t = c->t;
	if (t->start != t->points)
		say(c, M_START, pts(c, t->start));
	say(c, M_DEDUCT, num(c, t->deduct));
	if (t->capped)
		say(c, M_CAP, num(c, t->deduct_raw), num(c, t->cap));
	if (t->floored) {
		if (t->floor == 0)
			say(c, M_FLOOR0);
		else
			say(c, M_FLOOR, pts(c, t->floor));
	}
	tail_score(c, t->body_score);
}

static const char *step_unit(ctx *c, ps_step_unit u)
{
	switch (u) {
	case PS_SU_PCT: return "%";
	case PS_SU_PP: return msg(c, M_U_PP);
	case PS_SU_DAY: return msg(c, M_U_DAY);
	case PS_SU_MONTH: return msg(c, M_U_MONTH);
	case PS_SU_YEAR: return msg(c, M_U_YEAR);
	default: return c->t->unit;
	}
}

static void step(ctx *c)
{
	const ps_trace *t = c->t;
	const ps_clause *cl = t->cl;
	bool late = cl->step_unit == PS_SU_DAY || cl->step_unit == PS_SU_MONTH || cl->step_unit == PS_SU_YEAR;
	if (t->good_side) {
		if (late)
			say(c, M_GOOD_LATE, actual(c));
		else
			say(c, cl->dir < 0 ? M_GOOD_BELOW : cl->dir > 0 ? M_GOOD_ABOVE : M_GOOD_OFF, actual(c),
			    numu(c, t->base, t->unit));
		tail_score(c, t->body_score);
		return;
	}
	if (late) {
		say(c, M_LATE, actual_date(c), deadline_s(c), num(c, ps_dec_round(t->dist, 2)),
		    step_unit(c, cl->step_unit));
	} else {
		if (t->has_target)
			say(c, M_TARGET, ps_cmp_symbol(t->cmp == PS_CMP_QUAL ? PS_CMP_NONE : t->cmp),
			    numu(c, t->target, t->unit));
		say(c, M_ACTUAL, actual(c));
		/* the distance in the words of the step: percentage points on a
		 * % indicator, else the indicator's unit */
		bool pct = ps_unit_is_percent(t->unit);
		const char *du = pct && !t->is_rel ? msg(c, M_U_PP) : t->unit;
		say(c, cl->dir < 0 ? M_BELOW : cl->dir > 0 ? M_ABOVE : M_OFF, numu(c, t->base, t->unit),
		    num(c, t->dist), du);
		if (t->is_rel)
			say(c, M_REL, num(c, ps_dec_round(t->rel, 2)));
	}
	say(c, M_PER, num(c, cl->step), step_unit(c, cl->step_unit), num(c, cl->amount));
	if (t->step_mode == PS_STEPS_WHOLE)
		say(c, M_WHOLE, num(c, t->steps));
	else if (t->step_mode == PS_STEPS_STARTED)
		say(c, M_STARTED, num(c, t->steps));
	deduction_tail(c);
}

static void item(ctx *c)
{
	const ps_trace *t = c->t;
	if (t->steps == 0) {
		say(c, M_ITEM_NONE, actual(c));
		tail_score(c, t->body_score);
		return;
	}
	if (t->act->kind == PS_V_COUNT)
		put_n(c->o, t->act->text, t->act->text_len);
	else
		say(c, M_ITEM_N, num(c, t->steps));
	say(c, M_ITEM_PER, num(c, t->cl->amount));
	deduction_tail(c);
}

static void prop(ctx *c)
{
	const ps_trace *t = c->t;
	if (t->has_target || t->cl->base.set)
		say(c, M_ACTUAL, actual(c));
	if (t->cl->base.set) {
		say(c, M_PROP_FROM, num(c, t->a), num(c, t->base), num(c, t->top), num(c, t->base),
		    pts(c, t->points), pts(c, t->raw));
	} else if (t->target == 0) {
		put_s(c->o, msg(c, M_PROP_ZERO));
	} else if (t->prop_inverse && t->a <= t->target) {
		/* at or under a ≤ target (an actual of 0 too): no ratio to show */
		say(c, M_PROP_LE_FULL, num(c, t->a), num(c, t->target), pts(c, t->raw));
	} else if (t->prop_inverse) {
		say(c, M_PROP, num(c, t->target), num(c, t->a), pts(c, t->points), pts(c, t->raw));
	} else {
		say(c, M_PROP, num(c, t->a), num(c, t->target), pts(c, t->points), pts(c, t->raw));
	}
	if (t->prop_capped)
		say(c, M_PROP_CAP, pts(c, t->points));
	else if (t->capped || t->floored || (t->target == 0 && !t->cl->base.set))
		tail_score(c, t->body_score);
}

static void national(ctx *c)
{
	const ps_trace *t = c->t;
	const char *ts = t->has_target ? numu(c, t->target, t->unit) : "";
	const char *cmp = ps_cmp_symbol(t->cmp == PS_CMP_QUAL ? PS_CMP_NONE : t->cmp);
	switch (t->def) {
	case PS_DEF_MET:
		say(c, M_D_MET, actual(c), cmp, ts, pts(c, t->body_score));
		break;
	case PS_DEF_RATIO:
		say(c, M_D_RATIO, num(c, t->a), num(c, t->target), pts(c, t->points), pts(c, t->body_score));
		break;
	case PS_DEF_INVERSE:
		say(c, M_D_RATIO, num(c, t->target), num(c, t->a), pts(c, t->points), pts(c, t->body_score));
		break;
	case PS_DEF_ZERO_FULL:
		say(c, M_D_ZERO_FULL, actual(c), pts(c, t->body_score));
		break;
	case PS_DEF_ZERO_NONE:
		say(c, M_D_ZERO_NONE, actual(c), pts(c, t->points));
		break;
	case PS_DEF_QUAL_FULL:
		if (t->body_score == t->points)
			say(c, M_D_QUAL_FULL, actual(c), pts(c, t->body_score));
		else
			say(c, M_D_QUAL_PCT, actual(c), num(c, t->band_pct), pts(c, t->body_score), pts(c, t->points));
		break;
	case PS_DEF_QUAL_BAND:
		say(c, t->band_pct == t->band_lo ? M_D_BAND_LO : M_D_BAND_HI, actual(c), num(c, t->band_lo),
		    num(c, t->band_hi), num(c, t->band_pct), pts(c, t->points), num(c, t->band_pct),
		    pts(c, t->body_score));
		break;
	case PS_DEF_QUAL_GIVEN:
		say(c, M_D_GIVEN, actual(c), pts(c, t->body_score), num(c, t->band_lo), num(c, t->band_hi));
		break;
	case PS_DEF_QUAL_MANUAL:
		say(c, M_D_QMANUAL, actual(c), num(c, t->band_lo), num(c, t->band_hi));
		break;
	case PS_DEF_NO:
		say(c, M_D_NO, actual(c), pts(c, t->points));
		break;
	case PS_DEF_DATE_MET:
		say(c, M_D_DATE, actual_date(c), deadline_s(c), pts(c, t->body_score));
		break;
	}
}

static void why(ctx *c)
{
	const ps_trace *t = c->t;
	switch (t->why) {
	case PS_WHY_UNIT: say(c, M_W_UNIT, actual(c), t->unit); break;
	case PS_WHY_TARGET: say(c, M_W_TARGET); break;
	case PS_WHY_NEG_TARGET: say(c, M_W_NEG); break;
	case PS_WHY_BASE_ZERO: say(c, M_W_BASE0); break;
	case PS_WHY_STEP_ZERO: say(c, M_W_STEP0); break;
	case PS_WHY_DEADLINE: say(c, M_W_DEADLINE); break;
	case PS_WHY_GRADE: say(c, M_W_GRADE, actual(c)); break;
	case PS_WHY_LATE: say(c, M_W_LATE, actual_date(c), deadline_s(c)); break;
	case PS_WHY_COUNT: say(c, M_W_COUNT, actual(c)); break;
	default: say(c, M_W_ACTUAL, actual(c)); break;
	}
}

/* "规则未覆盖实际值96%（仅规定≥100%得10分），按国家默认规则：" */
static void default_prefix(ctx *c)
{
	if (!c->t->uncovered) {
		say(c, M_NORULE);
		return;
	}
	text only;
	text_init(&only);
	if (describe_rule(c, &only))
		say(c, M_UNCOVERED_ONLY, actual(c), only.s);
	else
		say(c, M_UNCOVERED, actual(c));
	text_dispose(&only);
}

/* Why a rule could not be read, in the explanation's language when the
 * compiler gave the reason in Chinese too. */
static const char *why_text(const ctx *c, const ps_rule *r)
{
	return c->t->lang == PS_LANG_ZH && r->err_zh ? r->err_zh : r->err_msg;
}

static void unread(ctx *c)
{
	const ps_trace *t = c->t;
	const ps_rule *r = t->rule;
	const char *s = t->rule_text ? t->rule_text : "";
	size_t len = strlen(s), off = 0;
	for (uint32_t k = 0; k < r->err_pos && off < len; k++) {
		off++;
		while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
			off++;
	}
	if (off >= len) { /* nothing left to point at: the rule as a whole */
		say(c, M_UNREAD_ALL);
		if (r->err_msg && *r->err_msg)
			say(c, M_UNREAD_WHY, why_text(c, r));
		return;
	}
	const char *q = quoted(c, s + off, len - off);
	/* drop the quotes quoted() adds: the message has its own */
	char *bare = slot(c);
	size_t ql = strlen(q), open = strlen(t->lang == PS_LANG_EN ? "\"" : "“");
	snprintf(bare, SLOT, "%.*s", (int)(ql - 2 * open), q + open);
	char n[16];
	snprintf(n, sizeof n, "%u", (unsigned)r->err_pos + 1);
	say(c, M_UNREAD, n, bare);
	if (r->err_msg && *r->err_msg)
		say(c, M_UNREAD_WHY, why_text(c, r));
}

char *ps_explain(const ps_trace *t)
{
	size_t len;
	return ps_explain_n(t, &len);
}

char *ps_explain_n(const ps_trace *t, size_t *len)
{
	return ps_explain_with(t, len, NULL, 0);
}

/* The explanation of t, appended to c->o. */
static void explain_body(ctx *c, const ps_trace *t)
{
	if (t->rate && (t->kind == PS_TR_OUTCOME || t->kind == PS_TR_STEP || t->kind == PS_TR_PROP ||
	                t->kind == PS_TR_DEFAULT)) {
		char a[40], g[40], r[40];
		ps_dec_format(a, sizeof a, t->rate_actual, 0, 6);
		ps_dec_format(g, sizeof g, t->rate_target, 0, 6);
		ps_dec_format(r, sizeof r, t->act->num, 0, 2);
		say(c, M_RATE, a, t->rate_unit, g, t->rate_unit, r);
	}
	switch (t->kind) {
	case PS_TR_NA:
		if (t->na_actual)
			say(c, M_NA_ACTUAL, actual(c));
		if (!t->has_score)
			say(c, M_NA);
		else if (t->score == t->points)
			say(c, M_NA_FULL, pts(c, t->points));
		else
			say(c, M_NA_ZERO);
		break;
	case PS_TR_MISSING:
		say(c, M_MISSING);
		break;
	case PS_TR_NO_POINTS:
		say(c, M_NO_POINTS);
		break;
	case PS_TR_RULE_UNREAD:
		unread(c);
		break;
	case PS_TR_MANUAL:
		if (!t->given) {
			say(c, M_MANUAL_NONE);
			break;
		}
		say(c, M_MANUAL_GIVEN, pts(c, t->body_score), pts(c, t->points));
		if (t->given_raw != t->body_score && (t->given_raw < 0 || t->given_raw > t->points))
			say(c, M_MANUAL_CLAMP, num(c, t->given_raw), pts(c, t->points), pts(c, t->body_score));
		break;
	case PS_TR_OUTCOME:
		outcome(c);
		break;
	case PS_TR_STEP:
		step(c);
		break;
	case PS_TR_ITEM:
		item(c);
		break;
	case PS_TR_PROP:
		prop(c);
		break;
	case PS_TR_DEFAULT:
		default_prefix(c);
		national(c);
		break;
	case PS_TR_REVIEW:
		if (t->uncovered)
			say(c, M_UNCOVERED, actual(c));
		why(c);
		break;
	}
	if (t->given && (t->kind == PS_TR_REVIEW || t->kind == PS_TR_RULE_UNREAD))
		say(c, M_GIVEN_KEPT, pts(c, t->score), pts(c, t->points));
	if (t->bonus && t->kind != PS_TR_NA)
		say(c, M_BONUS, num(c, t->bonus));
	if (t->deviation)
		say(c, M_DEVIATION, num(c, t->dev_ratio), num(c, t->dev_points), pts(c, t->score));
}

char *ps_explain_with(const ps_trace *t, size_t *len, const char *tail, size_t tail_len)
{
	text b;
	text_init(&b);
	ctx c;
	ctx_init(&c, t, &b);
	explain_body(&c, t);
	*len = b.n;
	if (!tail)
		return text_take(&b);
	char *r = ps_xmalloc(b.n + 1 + tail_len + 1);
	memcpy(r, b.s, b.n + 1);
	memcpy(r + b.n + 1, tail, tail_len);
	r[b.n + 1 + tail_len] = '\0';
	text_dispose(&b);
	return r;
}

size_t ps_explain_append(const ps_trace *t, ps_text_block *blk, const char *tail, size_t tail_len)
{
	/* the text is the block itself, from its end: written in place, no
	 * buffer of its own to copy from (text_grow reallocs it) */
	if (!blk->s) {
		blk->cap = blk->cap > 64 ? blk->cap : 64;
		blk->s = ps_xmalloc(blk->cap);
		blk->n = 0;
	}
	text b;
	b.s = blk->s;
	b.n = blk->n;
	b.cap = blk->cap;
	b.s[b.n] = '\0';
	ctx c;
	ctx_init(&c, t, &b);
	explain_body(&c, t);
	size_t start = blk->n, len = b.n - start;
	if (b.n + 1 + tail_len + 1 > b.cap)
		text_grow(&b, 1 + tail_len);
	memcpy(b.s + b.n + 1, tail, tail_len);
	b.s[b.n + 1 + tail_len] = '\0';
	blk->s = b.s;
	blk->cap = b.cap;
	blk->n = b.n + 1 + tail_len + 1;
	return len;
}

char *ps_explain_warning(const ps_trace *t, ps_warn w)
{
	text b;
	text_init(&b);
	ctx c;
	ctx_init(&c, t, &b);
	const char *name = t->ind && t->ind->name ? t->ind->name : "";
	say(&c, M_WN_NAME, name);
	switch (w) {
	case PS_W_DEFAULT: say(&c, M_WN_DEFAULT); break;
	case PS_W_UNCOVERED: say(&c, M_WN_UNCOVERED, actual(&c)); break;
	case PS_W_MANUAL: say(&c, M_WN_MANUAL); break;
	case PS_W_BAND: say(&c, M_WN_BAND, actual(&c), num(&c, t->band_pct)); break;
	case PS_W_BONUS: say(&c, M_WN_BONUS, num(&c, t->bonus)); break;
	case PS_W_MISSING: say(&c, M_WN_MISSING); break;
	case PS_W_POINTS: say(&c, M_NO_POINTS); break;
	default: why(&c); break;
	}
	return text_take(&b);
}
