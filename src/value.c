/* value.c: read a cell as a typed value (SPEC §3, §4): number with unit and
 * comparator, date, grade word, count of failed items, not applicable. */
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "perfscore/value.h"

/* ---- lexicon: every Chinese word the value reader knows ----------------- */

typedef struct {
	const char *w;
	int v;
} word;

/* Grade words, matched against the whole (normalised) cell. */
static const word grades[] = {
	{"优秀", PS_G_EXCELLENT}, {"优", PS_G_EXCELLENT},
	{"良好", PS_G_GOOD}, {"良", PS_G_GOOD}, {"较好", PS_G_GOOD},
	{"一般", PS_G_FAIR}, {"中等", PS_G_FAIR}, {"中", PS_G_FAIR}, {"合格", PS_G_FAIR},
	{"较差", PS_G_POOR}, {"差", PS_G_POOR}, {"不合格", PS_G_POOR},
	{"达成预期指标", PS_G_ACHIEVED}, {"达成预期目标", PS_G_ACHIEVED}, {"达成年度指标", PS_G_ACHIEVED},
	{"达成预期", PS_G_ACHIEVED}, {"达成", PS_G_ACHIEVED}, {"达到预期", PS_G_ACHIEVED},
	{"达到预期指标", PS_G_ACHIEVED}, {"达到预期目标", PS_G_ACHIEVED}, {"已达成", PS_G_ACHIEVED},
	{"全部达成", PS_G_ACHIEVED}, {"已达到预期", PS_G_ACHIEVED},
	{"部分达成预期指标", PS_G_PARTIAL}, {"部分达成年度指标", PS_G_PARTIAL}, {"部分达成预期目标", PS_G_PARTIAL},
	{"部分达成", PS_G_PARTIAL}, {"基本达成", PS_G_PARTIAL}, {"基本达成预期指标", PS_G_PARTIAL},
	{"部分达到预期", PS_G_PARTIAL}, {"基本达到预期", PS_G_PARTIAL}, {"基本达到", PS_G_PARTIAL},
	{"部分达到", PS_G_PARTIAL}, {"基本完成", PS_G_PARTIAL}, {"部分完成", PS_G_PARTIAL},
	{"未达成预期指标", PS_G_NOT_ACHIEVED}, {"未达成年度指标", PS_G_NOT_ACHIEVED},
	{"未达成预期目标", PS_G_NOT_ACHIEVED}, {"未达成", PS_G_NOT_ACHIEVED}, {"未达到预期", PS_G_NOT_ACHIEVED},
	{"未达到预期指标", PS_G_NOT_ACHIEVED}, {"未达到", PS_G_NOT_ACHIEVED},
	{"是", PS_G_YES}, {"完成", PS_G_YES}, {"已完成", PS_G_YES}, {"按时完成", PS_G_YES},
	{"按期完成", PS_G_YES}, {"如期完成", PS_G_YES}, {"全部完成", PS_G_YES}, {"均已完成", PS_G_YES},
	{"已全部完成", PS_G_YES}, {"有", PS_G_YES}, {"符合", PS_G_YES}, {"达标", PS_G_YES}, {"已达标", PS_G_YES},
	{"否", PS_G_NO}, {"未完成", PS_G_NO}, {"无", PS_G_NO}, {"没有", PS_G_NO}, {"不符合", PS_G_NO},
	{"未达标", PS_G_NO}, {"未按时完成", PS_G_NO}, {"未按期完成", PS_G_NO},
};

static const char *const grade_names[] = {
	[PS_G_NONE] = "", [PS_G_EXCELLENT] = "优秀", [PS_G_GOOD] = "良好", [PS_G_FAIR] = "一般",
	[PS_G_POOR] = "较差", [PS_G_ACHIEVED] = "达成预期指标", [PS_G_PARTIAL] = "部分达成预期指标",
	[PS_G_NOT_ACHIEVED] = "未达成预期指标", [PS_G_YES] = "是", [PS_G_NO] = "否",
};

/* Not applicable, besides runs of slashes and dashes. */
static const char *const na_words[] = {"不适用", "不涉及", "无此项", "n/a", "N/A", "一"};

/* Comparators written before a number (longest match wins). */
static const word cmp_prefix[] = {
	{"大于或等于", PS_CMP_GE}, {"大于等于", PS_CMP_GE}, {"不低于", PS_CMP_GE}, {"不少于", PS_CMP_GE},
	{"不小于", PS_CMP_GE}, {"至少", PS_CMP_GE}, {"达到", PS_CMP_GE}, {"≥", PS_CMP_GE}, {">=", PS_CMP_GE},
	{"小于或等于", PS_CMP_LE}, {"小于等于", PS_CMP_LE}, {"不高于", PS_CMP_LE}, {"不超过", PS_CMP_LE},
	{"不大于", PS_CMP_LE}, {"不多于", PS_CMP_LE}, {"至多", PS_CMP_LE}, {"≤", PS_CMP_LE}, {"<=", PS_CMP_LE},
	{"大于", PS_CMP_GT}, {"高于", PS_CMP_GT}, {"超过", PS_CMP_GT}, {"多于", PS_CMP_GT}, {">", PS_CMP_GT},
	{"小于", PS_CMP_LT}, {"低于", PS_CMP_LT}, {"少于", PS_CMP_LT}, {"<", PS_CMP_LT},
	{"等于", PS_CMP_EQ}, {"==", PS_CMP_EQ}, {"=", PS_CMP_EQ},
	{"控制在", PS_CMP_NONE}, {"约", PS_CMP_NONE}, {"实际", PS_CMP_NONE},
};

/* Comparators and markers written after the number and unit. */
static const word cmp_suffix[] = {
	{"及以上", PS_CMP_GE}, {"或以上", PS_CMP_GE}, {"以上", PS_CMP_GE},
	{"及以下", PS_CMP_LE}, {"或以下", PS_CMP_LE}, {"以下", PS_CMP_LE}, {"以内", PS_CMP_LE},
	{"之内", PS_CMP_LE}, {"内", PS_CMP_LE}, {"左右", PS_CMP_NONE}, {"(含)", PS_CMP_NONE},
	{"(不含)", PS_CMP_NONE},
};

/* Units allowed after a number written in Chinese numerals (一致 or 十分满意
 * are words, not numbers); Arabic numbers take any short unit. */
static const char *const cn_units[] = {
	"%", "‰", "个", "项", "人", "人次", "次", "户", "家", "件", "起", "处", "例", "条", "篇", "种", "组",
	"天", "日", "个月", "月", "年", "小时", "分钟", "元", "万元", "亿元", "千元", "米", "公里", "亩",
	"万亩", "公顷", "吨", "所", "座", "台", "套", "辆", "名", "位", "份", "本", "场", "期", "批", "张",
	"个百分点", "百分点", "分",
};

/* Counts of failed items: [prefix] number [unit] [suffix]. */
static const char *const count_prefix[] = {
	"未按时完成", "未完成", "累计发生", "发生", "出现", "存在", "缺少", "缺", "少", "延期", "逾期", "有",
};
static const char *const count_suffix[] = {
	"未按时完成", "未完成", "未达标", "未达成", "未落实", "未整改", "延期完成", "延期", "逾期", "不合格",
};
static const char *const count_units[] = {
	"人次", "项", "起", "次", "件", "处", "例", "条", "个", "宗", "家", "户", "篇", "人",
};

/* Incident verbs: a count after them is what happened, not what failed. */
static const char *const incident_prefix[] = {"累计发生", "发生", "出现", "存在"};

/* Negations before a word. */
static const char *const negations[] = {"不", "未", "无", "没", "非", "否"};

/* Date words. */
static const char *const year_end[] = {"年底", "年末", "年内", "年度内", "年终"};
static const char *const date_prefix[] = {"截至", "截止", "于", "在", "本", "当"};
static const char *const date_before[] = {"之前", "以前", "前", "之内", "以内", "内"};
static const char *const date_done[] = {"完成", "前完成", "止"};
static const char *const month_end[] = {"底", "末", "下旬"};

#define N(a) (sizeof(a) / sizeof *(a))

/* ---- small string helpers ------------------------------------------------ */

static bool eat(const char **p, const char *end, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(end - *p) < n || memcmp(*p, w, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Longest word of the list at *p; returns its index or -1, advancing *p. */
static int eat_longest(const char **p, const char *end, const char *const *ws, size_t nw)
{
	int best = -1;
	size_t blen = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t n = strlen(ws[i]);
		if (n > blen && (size_t)(end - *p) >= n && memcmp(*p, ws[i], n) == 0) {
			best = (int)i;
			blen = n;
		}
	}
	*p += blen;
	return best;
}

static int eat_longest_word(const char **p, const char *end, const word *ws, size_t nw)
{
	int best = -1;
	size_t blen = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t n = strlen(ws[i].w);
		if (n > blen && (size_t)(end - *p) >= n && memcmp(*p, ws[i].w, n) == 0) {
			best = (int)i;
			blen = n;
		}
	}
	*p += blen;
	return best;
}

/* Strip the longest word of the list from the end of [s, *end). */
static int strip_suffix(const char *s, const char **end, const word *ws, size_t nw)
{
	int best = -1;
	size_t blen = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t n = strlen(ws[i].w);
		if (n > blen && (size_t)(*end - s) >= n && memcmp(*end - n, ws[i].w, n) == 0) {
			best = (int)i;
			blen = n;
		}
	}
	*end -= blen;
	return best;
}

static bool in_list(const char *s, size_t n, const char *const *ws, size_t nw)
{
	for (size_t i = 0; i < nw; i++)
		if (strlen(ws[i]) == n && memcmp(s, ws[i], n) == 0)
			return true;
	return false;
}

static bool isdig(char c) { return c >= '0' && c <= '9'; }

int ps_month_days(int32_t y, int32_t m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* ---- the parts of a cell ------------------------------------------------- */

static bool is_na(const char *s, size_t n)
{
	if (in_list(s, n, na_words, N(na_words)))
		return true;
	/* only / \ - — – ― : "/", "—", "--", "——" */
	const char *p = s, *end = s + n;
	while (p < end) {
		if (*p == '/' || *p == '\\' || *p == '-')
			p++;
		else if (!eat(&p, end, "—") && !eat(&p, end, "–") && !eat(&p, end, "―"))
			return false;
	}
	return n > 0;
}

static ps_grade grade_of(const char *s, size_t n)
{
	for (size_t i = 0; i < N(grades); i++)
		if (strlen(grades[i].w) == n && memcmp(s, grades[i].w, n) == 0)
			return (ps_grade)grades[i].v;
	return PS_G_NONE;
}

/* A non-negative integer in Arabic or Chinese numerals, at most maxv. */
static bool eat_int(const char **p, const char *end, int *out, int maxv)
{
	ps_dec v;
	size_t k = ps_cnum_parse(&v, *p, (size_t)(end - *p));
	if (!k || v < 0 || v % PS_DEC_SCALE != 0 || v / PS_DEC_SCALE > maxv)
		return false;
	*out = (int)(v / PS_DEC_SCALE);
	*p += k;
	return true;
}

/* The tail of a date: 前/之前/以前/内 (before), 完成, nothing else. */
static bool date_tail(ps_value *v, const char *p, const char *end)
{
	if (eat_longest(&p, end, date_before, N(date_before)) >= 0)
		v->before = true;
	eat_longest(&p, end, date_done, N(date_done));
	return p == end;
}

/* 2026-12-20, 2026/12/20, 2026.12.20 (three parts), 2026-12, 2026/12. */
static bool numeric_date(ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	int y = 0, m = 0, d = 0, nd = 0;
	while (p < end && isdig(*p) && nd < 5)
		y = y * 10 + (*p++ - '0'), nd++;
	if (nd != 4 || p >= end || (*p != '-' && *p != '/' && *p != '.'))
		return false;
	char sep = *p++;
	for (nd = 0; p < end && isdig(*p) && nd < 3; nd++)
		m = m * 10 + (*p++ - '0');
	if (nd < 1 || nd > 2)
		return false;
	if (p < end && *p == sep) {
		p++;
		for (nd = 0; p < end && isdig(*p) && nd < 3; nd++)
			d = d * 10 + (*p++ - '0');
		if (nd < 1 || nd > 2)
			return false;
	} else if (sep == '.') {
		return false; /* 2026.12 is a number */
	}
	if (m < 1 || m > 12 || (d && d > ps_month_days(y, m)))
		return false;
	v->year = y, v->month = m, v->day = d;
	return date_tail(v, p, end);
}

/* [截至] [YYYY年] [M月[份]] [D日|号 | 底 | 末], or 年底/年末/年内. */
static bool chinese_date(ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	int y = 0, m = 0, d = 0;
	eat_longest(&p, end, date_prefix, N(date_prefix));
	if (eat_longest(&p, end, year_end, N(year_end)) >= 0) {
		v->year = 0, v->month = 12, v->day = 31;
		return date_tail(v, p, end);
	}
	const char *q = p;
	if (eat_int(&q, end, &y, 9999) && eat(&q, end, "年")) {
		p = q;
		if (eat(&p, end, "底") || eat(&p, end, "末") || eat(&p, end, "终")) {
			v->year = y, v->month = 12, v->day = 31;
			return date_tail(v, p, end);
		}
	} else {
		y = 0;
	}
	if (!eat_int(&p, end, &m, 12) || m < 1 || !eat(&p, end, "月"))
		return false;
	eat(&p, end, "份");
	if (eat_longest(&p, end, month_end, N(month_end)) >= 0) {
		d = y == 0 && m == 2 ? 0 : ps_month_days(y, m); /* 2月底: month only until the year is known */
	} else if (eat(&p, end, "上旬")) {
		d = 10;
	} else if (eat(&p, end, "中旬")) {
		d = 20;
	} else {
		q = p;
		if (eat_int(&q, end, &d, 31) && (eat(&q, end, "日") || eat(&q, end, "号"))) {
			if (d < 1 || d > ps_month_days(y, m))
				return false;
			p = q;
		} else {
			d = 0;
		}
	}
	v->year = y, v->month = m, v->day = d;
	return date_tail(v, p, end);
}

/* [prefix] number [unit] [filler] [suffix], a prefix or a suffix present. */
static bool count(ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	int pre = eat_longest(&p, end, count_prefix, N(count_prefix));
	ps_dec n;
	size_t k = ps_cnum_parse(&n, p, (size_t)(end - p));
	if (!k)
		return false;
	p += k;
	bool unit = eat_longest(&p, end, count_units, N(count_units)) >= 0;
	bool suf = false;
	for (size_t i = 0; i < N(count_suffix) && !suf; i++) {
		size_t sl = strlen(count_suffix[i]);
		/* up to 4 characters of filler: "2项工作未完成" */
		if ((size_t)(end - p) >= sl && (size_t)(end - p) - sl <= 12 &&
		    memcmp(end - sl, count_suffix[i], sl) == 0)
			suf = true;
	}
	/* "发生1起安全事故": a prefix and a unit may be followed by what failed */
	if (!suf && (pre < 0 || (p != end && !(unit && end - p <= 24))))
		return false;
	if (pre >= 0 && !suf && strcmp(count_prefix[pre], "有") == 0)
		return false;
	v->kind = PS_V_COUNT;
	v->num = n;
	v->grade = n == 0 ? PS_G_YES : PS_G_NO;
	v->incident = pre >= 0 && in_list(count_prefix[pre], strlen(count_prefix[pre]), incident_prefix,
	                                  N(incident_prefix));
	return true;
}

static size_t utf8_len(const char *s, size_t n)
{
	return ps_utf8_count(s, n);
}

/* [comparator] [sign] number [unit] [以上|以下|以内 ...] */
static bool number(ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	ps_cmp cmp = PS_CMP_NONE;
	for (int i = 0; i < 3; i++) {
		int k = eat_longest_word(&p, end, cmp_prefix, N(cmp_prefix));
		if (k < 0)
			break;
		if (cmp == PS_CMP_NONE)
			cmp = (ps_cmp)cmp_prefix[k].v;
	}
	bool neg = false;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	else if (eat(&p, end, "−"))
		neg = true;
	const char *pct = NULL;
	if (eat(&p, end, "百分之"))
		pct = "%";
	else if (eat(&p, end, "千分之"))
		pct = "‰";
	ps_dec n;
	bool arabic = p < end && isdig(*p);
	size_t k = ps_cnum_parse(&n, p, (size_t)(end - p));
	/* 10^12 and beyond saturate in a ps_dec: such a cell is text (the
	 * indicator needs review), never a silently clamped number. */
	if (!k || n >= PS_DEC_MAX || n <= -PS_DEC_MAX)
		return false;
	p += k;
	const char *uend = end;
	for (int i = 0; i < 3; i++) {
		int j = strip_suffix(p, &uend, cmp_suffix, N(cmp_suffix));
		if (j < 0)
			break;
		if (cmp == PS_CMP_NONE)
			cmp = (ps_cmp)cmp_suffix[j].v;
	}
	size_t ulen = (size_t)(uend - p);
	if (pct && ulen)
		return false;
	if (ulen) {
		if (utf8_len(p, ulen) > 6)
			return false;
		for (const char *q = p; q < uend; q++)
			if (isdig(*q) || strchr(",;:!?()", *q))
				return false;
		if (!arabic && !in_list(p, ulen, cn_units, N(cn_units)))
			return false;
	}
	v->kind = PS_V_NUMBER;
	v->cmp = cmp;
	v->num = neg ? -n : n;
	if (pct)
		strcpy(v->unit, pct);
	else
		ps_unit_norm(v->unit, sizeof v->unit, p, ulen);
	return true;
}

/* "2026/12/20 0:00:00" as Excel writes dates: drop the time of day. */
static size_t drop_time(const char *s, size_t n)
{
	size_t i = n;
	int colons = 0;
	while (i > 0 && (isdig(s[i - 1]) || s[i - 1] == ':')) {
		colons += s[i - 1] == ':';
		i--;
	}
	if (colons >= 1 && colons <= 2 && i > 0 && i < n && s[i - 1] == ' ' && isdig(s[i]))
		return i - 1;
	return n;
}

/* "未发生", "没有发生安全事故", "未出现": no incident at all. */
static bool no_incident(const char *f, size_t n)
{
	static const char *const w[] = {"未发生", "没有发生", "无发生", "未出现", "没有出现", "未发现", "没有发现"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		size_t m = strlen(w[i]);
		if (n >= m && memcmp(f, w[i], m) == 0)
			return true;
	}
	return false;
}

void ps_value_parse(ps_value *out, const char *text, size_t len)
{
	memset(out, 0, sizeof *out);
	const char *t = text ? text : "";
	len = text ? len : 0;
	len = ps_trim(&t, len);
	out->text = t;
	out->text_len = len;
	if (len == 0) {
		out->kind = PS_V_EMPTY;
		return;
	}
	char *f = ps_norm_key(t, drop_time(t, len), false);
	size_t n = strlen(f);
	/* trailing sentence punctuation: "达成预期指标。" */
	while (n > 0 && strchr(".,;!?", f[n - 1]) && !(n == 1 && f[0] == '.'))
		n--;
	while (n >= 3 && memcmp(f + n - 3, "、", 3) == 0)
		n -= 3;
	f[n] = '\0';
	const char *end = f + n;
	out->kind = PS_V_TEXT;
	if (n == 0) {
		/* punctuation only */
	} else if (is_na(f, n)) {
		out->kind = PS_V_NA;
	} else if (no_incident(f, n)) {
		/* 未发生(安全事故): a count of incidents, and it is 0 */
		out->kind = PS_V_COUNT;
		out->num = 0;
		out->incident = true;
		out->grade = PS_G_YES;
	} else if ((out->grade = grade_of(f, n)) != PS_G_NONE) {
		out->kind = PS_V_GRADE;
	} else if (numeric_date(out, f, end) || chinese_date(out, f, end)) {
		out->kind = PS_V_DATE;
	} else {
		out->year = out->month = out->day = 0;
		out->before = false;
		if (!count(out, f, end) && !number(out, f, end)) {
			out->kind = PS_V_TEXT;
			out->cmp = PS_CMP_NONE;
			out->num = 0;
			out->unit[0] = '\0';
			out->grade = PS_G_NONE;
		}
	}
	free(f);
}

bool ps_negated_at(const char *s, size_t at)
{
	for (size_t i = 0; i < N(negations); i++) {
		size_t n = strlen(negations[i]);
		if (at >= n && memcmp(s + at - n, negations[i], n) == 0)
			return true;
	}
	return false;
}

/* ---- comparators, grade names, units, dates ------------------------------ */

static const word cmp_cells[] = {
	{"≥", PS_CMP_GE}, {">=", PS_CMP_GE}, {"=>", PS_CMP_GE}, {"≥=", PS_CMP_GE}, {"大于等于", PS_CMP_GE},
	{"大于或等于", PS_CMP_GE}, {"不低于", PS_CMP_GE}, {"不少于", PS_CMP_GE}, {"不小于", PS_CMP_GE},
	{"以上", PS_CMP_GE}, {"正向", PS_CMP_GE}, {"叱", PS_CMP_GE}, {"≥*", PS_CMP_GE},
	{">", PS_CMP_GT}, {"大于", PS_CMP_GT}, {"高于", PS_CMP_GT}, {"超过", PS_CMP_GT},
	{"≤", PS_CMP_LE}, {"<=", PS_CMP_LE}, {"=<", PS_CMP_LE}, {"≤=", PS_CMP_LE}, {"小于等于", PS_CMP_LE},
	{"小于或等于", PS_CMP_LE}, {"不高于", PS_CMP_LE}, {"不超过", PS_CMP_LE}, {"不大于", PS_CMP_LE},
	{"以下", PS_CMP_LE}, {"以内", PS_CMP_LE}, {"反向", PS_CMP_LE}, {"Q", PS_CMP_LE}, {"W", PS_CMP_LE},
	{"≤*", PS_CMP_LE},
	{"<", PS_CMP_LT}, {"小于", PS_CMP_LT}, {"低于", PS_CMP_LT},
	{"=", PS_CMP_EQ}, {"==", PS_CMP_EQ}, {"等于", PS_CMP_EQ}, {"═", PS_CMP_EQ},
	{"定性", PS_CMP_QUAL}, {"定量", PS_CMP_NONE},
};

ps_cmp ps_cmp_parse(const char *s, size_t len)
{
	/* not strip_brackets: that would also take the < > of "<=" */
	char *f = ps_norm_key(s ? s : "", s ? len : 0, false);
	size_t n = 0;
	for (char *q = f; *q; q++)
		if (!strchr("()[]*", *q))
			f[n++] = *q;
	f[n] = '\0';
	/* "正向指标", "定性指标", "定量(正向)" */
	if (n >= 6 && memcmp(f + n - 6, "指标", 6) == 0)
		n -= 6;
	ps_cmp c = PS_CMP_NONE;
	const char *p = f;
	if (n > 6 && memcmp(f, "定量", 6) == 0)
		p += 6, n -= 6;
	for (size_t i = 0; i < N(cmp_cells); i++)
		if (strlen(cmp_cells[i].w) == n && memcmp(p, cmp_cells[i].w, n) == 0) {
			c = (ps_cmp)cmp_cells[i].v;
			break;
		}
	free(f);
	return c;
}

const char *ps_cmp_symbol(ps_cmp c)
{
	switch (c) {
	case PS_CMP_GE: return "≥";
	case PS_CMP_GT: return ">";
	case PS_CMP_LE: return "≤";
	case PS_CMP_LT: return "<";
	case PS_CMP_EQ: return "=";
	case PS_CMP_QUAL: return "定性";
	default: return "";
	}
}

const char *ps_grade_name(ps_grade g)
{
	return (unsigned)g < N(grade_names) ? grade_names[g] : "";
}

void ps_unit_norm(char *out, size_t size, const char *s, size_t len)
{
	if (!size)
		return;
	out[0] = '\0';
	char *f = ps_norm_key(s ? s : "", s ? len : 0, false);
	size_t n = strlen(f);
	const char *u = f;
	/* "(个)" → "个": a unit wholly in brackets */
	if (n >= 2 && f[0] == '(' && f[n - 1] == ')') {
		u++;
		n -= 2;
	}
	if (ps_contains(u, n, "%") || ps_contains(u, n, "百分"))
		u = "%", n = 1;
	else if (ps_contains(u, n, "‰") || ps_contains(u, n, "千分"))
		u = "‰", n = strlen("‰");
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)u[n] & 0xC0) == 0x80)
			n--; /* cut at a code point boundary */
	}
	memcpy(out, u, n);
	out[n] = '\0';
	free(f);
}

bool ps_unit_is_percent(const char *unit)
{
	if (!unit)
		return false;
	if (strcmp(unit, "%") == 0)
		return true;
	char u[32];
	ps_unit_norm(u, sizeof u, unit, strlen(unit));
	return strcmp(u, "%") == 0;
}

int64_t ps_date_days(int32_t y, int32_t m, int32_t d)
{
	/* Days from civil (H. Hinnant), counted from 0000-03-01. */
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe;
}
