/* value.c: read a cell as a typed value (SPEC §3, §4): number with unit and
 * comparator, date, grade word, count of failed items, not applicable. */
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "perfscore/value.h"
#include "value_int.h"

/* ---- lexicon: every Chinese word the value reader knows ----------------- */

/* Lengths are taken at compile time: the lists are scanned for every cell,
 * and strlen on each entry was a fifth of reading a value. */
typedef struct {
	const char *w;
	size_t n;
	int v;
} word;

/* A word of a list without a value. */
typedef struct {
	const char *w;
	size_t n;
} lit;

#define L(s) {s, sizeof(s) - 1}
#define W(s, v) {s, sizeof(s) - 1, v}

/* Grade words, matched against the whole (normalised) cell. */
static const word grades[] = {
	W("优秀", PS_G_EXCELLENT), W("优", PS_G_EXCELLENT),
	W("良好", PS_G_GOOD), W("良", PS_G_GOOD), W("较好", PS_G_GOOD),
	W("一般", PS_G_FAIR), W("中等", PS_G_FAIR), W("中", PS_G_FAIR), W("合格", PS_G_FAIR),
	W("较差", PS_G_POOR), W("差", PS_G_POOR), W("不合格", PS_G_POOR),
	W("达成预期指标", PS_G_ACHIEVED), W("达成预期目标", PS_G_ACHIEVED), W("达成年度指标", PS_G_ACHIEVED),
	W("达成预期", PS_G_ACHIEVED), W("达成", PS_G_ACHIEVED), W("达到预期", PS_G_ACHIEVED),
	W("达到预期指标", PS_G_ACHIEVED), W("达到预期目标", PS_G_ACHIEVED), W("已达成", PS_G_ACHIEVED),
	W("全部达成", PS_G_ACHIEVED), W("已达到预期", PS_G_ACHIEVED),
	W("部分达成预期指标", PS_G_PARTIAL), W("部分达成年度指标", PS_G_PARTIAL), W("部分达成预期目标", PS_G_PARTIAL),
	W("部分达成", PS_G_PARTIAL), W("基本达成", PS_G_PARTIAL), W("基本达成预期指标", PS_G_PARTIAL),
	W("部分达到预期", PS_G_PARTIAL), W("基本达到预期", PS_G_PARTIAL), W("基本达到", PS_G_PARTIAL),
	W("部分达到", PS_G_PARTIAL), W("基本完成", PS_G_PARTIAL), W("部分完成", PS_G_PARTIAL),
	W("未达成预期指标", PS_G_NOT_ACHIEVED), W("未达成年度指标", PS_G_NOT_ACHIEVED),
	W("未达成预期目标", PS_G_NOT_ACHIEVED), W("未达成", PS_G_NOT_ACHIEVED), W("未达到预期", PS_G_NOT_ACHIEVED),
	W("未达到预期指标", PS_G_NOT_ACHIEVED), W("未达到", PS_G_NOT_ACHIEVED),
	W("是", PS_G_YES), W("完成", PS_G_YES), W("已完成", PS_G_YES), W("按时完成", PS_G_YES),
	W("按期完成", PS_G_YES), W("如期完成", PS_G_YES), W("全部完成", PS_G_YES), W("均已完成", PS_G_YES),
	W("已全部完成", PS_G_YES), W("有", PS_G_YES), W("符合", PS_G_YES), W("达标", PS_G_YES), W("已达标", PS_G_YES),
	W("否", PS_G_NO), W("未完成", PS_G_NO), W("无", PS_G_NO), W("没有", PS_G_NO), W("不符合", PS_G_NO),
	W("未达标", PS_G_NO), W("未按时完成", PS_G_NO), W("未按期完成", PS_G_NO),
};

static const char *const grade_names[] = {
	[PS_G_NONE] = "", [PS_G_EXCELLENT] = "优秀", [PS_G_GOOD] = "良好", [PS_G_FAIR] = "一般",
	[PS_G_POOR] = "较差", [PS_G_ACHIEVED] = "达成预期指标", [PS_G_PARTIAL] = "部分达成预期指标",
	[PS_G_NOT_ACHIEVED] = "未达成预期指标", [PS_G_YES] = "是", [PS_G_NO] = "否",
};

/* Not applicable, besides runs of slashes and dashes. */
static const lit na_words[] = {L("不适用"), L("不涉及"), L("无此项"), L("n/a"), L("N/A"), L("一")};

/* Comparators written before a number (longest match wins). */
static const word cmp_prefix[] = {
	W("大于或等于", PS_CMP_GE), W("大于等于", PS_CMP_GE), W("不低于", PS_CMP_GE), W("不少于", PS_CMP_GE),
	W("不小于", PS_CMP_GE), W("至少", PS_CMP_GE), W("达到", PS_CMP_GE), W("≥", PS_CMP_GE), W(">=", PS_CMP_GE),
	W("小于或等于", PS_CMP_LE), W("小于等于", PS_CMP_LE), W("不高于", PS_CMP_LE), W("不超过", PS_CMP_LE),
	W("不大于", PS_CMP_LE), W("不多于", PS_CMP_LE), W("至多", PS_CMP_LE), W("≤", PS_CMP_LE), W("<=", PS_CMP_LE),
	W("大于", PS_CMP_GT), W("高于", PS_CMP_GT), W("超过", PS_CMP_GT), W("多于", PS_CMP_GT), W(">", PS_CMP_GT),
	W("小于", PS_CMP_LT), W("低于", PS_CMP_LT), W("少于", PS_CMP_LT), W("<", PS_CMP_LT),
	W("等于", PS_CMP_EQ), W("==", PS_CMP_EQ), W("=", PS_CMP_EQ),
	W("控制在", PS_CMP_NONE), W("约", PS_CMP_NONE), W("实际", PS_CMP_NONE),
};

/* Comparators and markers written after the number and unit. */
static const word cmp_suffix[] = {
	W("及以上", PS_CMP_GE), W("或以上", PS_CMP_GE), W("以上", PS_CMP_GE),
	W("及以下", PS_CMP_LE), W("或以下", PS_CMP_LE), W("以下", PS_CMP_LE), W("以内", PS_CMP_LE),
	W("之内", PS_CMP_LE), W("内", PS_CMP_LE), W("左右", PS_CMP_NONE), W("(含)", PS_CMP_NONE),
	W("(不含)", PS_CMP_NONE),
};

/* Units allowed after a number written in Chinese numerals (一致 or 十分满意
 * are words, not numbers); Arabic numbers take any short unit. */
static const lit cn_units[] = {
	L("%"), L("‰"), L("个"), L("项"), L("人"), L("人次"), L("次"), L("户"), L("家"), L("件"), L("起"), L("处"), L("例"), L("条"), L("篇"), L("种"), L("组"),
	L("天"), L("日"), L("个月"), L("月"), L("年"), L("小时"), L("分钟"), L("元"), L("万元"), L("亿元"), L("千元"), L("米"), L("公里"), L("亩"),
	L("万亩"), L("公顷"), L("吨"), L("所"), L("座"), L("台"), L("套"), L("辆"), L("名"), L("位"), L("份"), L("本"), L("场"), L("期"), L("批"), L("张"),
	L("个百分点"), L("百分点"), L("分"),
};

/* Counts of failed items: [prefix] number [unit] [suffix]. */
static const lit count_prefix[] = {
	L("未按时完成"), L("未完成"), L("累计发生"), L("发生"), L("出现"), L("存在"), L("缺少"), L("缺"), L("少"), L("延期"), L("逾期"), L("有"),
};
static const lit count_suffix[] = {
	L("未按时完成"), L("未完成"), L("未达标"), L("未达成"), L("未落实"), L("未整改"), L("延期完成"), L("延期"), L("逾期"), L("不合格"),
};
static const lit count_units[] = {
	L("人次"), L("项"), L("起"), L("次"), L("件"), L("处"), L("例"), L("条"), L("个"), L("宗"), L("家"), L("户"), L("篇"), L("人"),
};

/* Incident verbs: a count after them is what happened, not what failed. */
static const lit incident_prefix[] = {L("累计发生"), L("发生"), L("出现"), L("存在")};

/* Negations before a word. */
static const lit negations[] = {L("不"), L("未"), L("无"), L("没"), L("非"), L("否")};

/* Date words. */
static const lit year_end[] = {L("年底"), L("年末"), L("年内"), L("年度内"), L("年终")};
static const lit date_prefix[] = {L("截至"), L("截止"), L("于"), L("在"), L("本"), L("当")};
static const lit date_before[] = {L("之前"), L("以前"), L("前"), L("之内"), L("以内"), L("内")};
static const lit date_done[] = {L("完成"), L("前完成"), L("止")};
static const lit month_end[] = {L("底"), L("末"), L("下旬")};

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
static int eat_longest(const char **p, const char *end, const lit *ws, size_t nw)
{
	int best = -1;
	size_t blen = 0;
	for (size_t i = 0; i < nw; i++) {
		size_t n = ws[i].n;
		if (n > blen && (size_t)(end - *p) >= n && ws[i].w[0] == **p && memcmp(*p, ws[i].w, n) == 0) {
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
		size_t n = ws[i].n;
		if (n > blen && (size_t)(end - *p) >= n && ws[i].w[0] == **p && memcmp(*p, ws[i].w, n) == 0) {
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
		size_t n = ws[i].n;
		if (n > blen && (size_t)(*end - s) >= n && ws[i].w[n - 1] == (*end)[-1] &&
		    memcmp(*end - n, ws[i].w, n) == 0) {
			best = (int)i;
			blen = n;
		}
	}
	*end -= blen;
	return best;
}

static bool in_list(const char *s, size_t n, const lit *ws, size_t nw)
{
	for (size_t i = 0; i < nw; i++)
		if (ws[i].n == n && memcmp(s, ws[i].w, n) == 0)
			return true;
	return false;
}

/* Code points whose key is ps_fold_cp of themselves: NFKC leaves them as
 * they are or maps them where ps_fold_cp does (fullwidth ASCII), and none
 * composes with a neighbour of the set. CJK ideographs are most of the
 * text of a table; ≥ ≤ ≧ ≦ ‰ 、 。 and fullwidth forms the rest. */
static bool fold_is_key(int32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF5E) || cp == 0x2264 ||
	       cp == 0x2265 || cp == 0x2266 || cp == 0x2267 || cp == 0x2030 || cp == 0x3001 || cp == 0x3002;
}

/* ps_norm_key(s, len, false) into buf[0..size) for short text of printable
 * ASCII and the code points of fold_is_key: spaces dropped, the rest
 * folded, without NFKC or an allocation. NULL for any other text (or too
 * long for buf). */
char *ps_value_simple_key(char *buf, size_t size, const char *s, size_t len)
{
	if (len >= size)
		return NULL;
	size_t n = 0, i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			if (c != ' ')
				buf[n++] = (char)c;
			i++;
			continue;
		}
		/* every code point of fold_is_key is 3 bytes of UTF-8 */
		if (c < 0xE0 || c > 0xEF || len - i < 3 || ((unsigned char)s[i + 1] & 0xC0) != 0x80 ||
		    ((unsigned char)s[i + 2] & 0xC0) != 0x80)
			return NULL;
		int32_t cp = (int32_t)(c & 0x0F) << 12 | (int32_t)((unsigned char)s[i + 1] & 0x3F) << 6 |
		             ((unsigned char)s[i + 2] & 0x3F);
		if (!fold_is_key(cp))
			return NULL;
		int32_t f = ps_fold_cp(cp);
		if (f == cp) {
			memcpy(buf + n, s + i, 3);
			n += 3;
		} else if (f > ' ' && f < 0x7F) {
			buf[n++] = (char)f; /* fullwidth ASCII */
		} else if (f >= 0x800 && f <= 0xFFFF && f != 0x3000) {
			n += (size_t)ps_utf8_encode(f, buf + n); /* 3 bytes, as the code point read */
		} else {
			return NULL;
		}
		i += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* ps_norm_key(s, len, false), into buf when ps_value_simple_key can make it
 * (most cells: numbers, CJK words, ≥95%). Free the result if it is not buf. */
static char *key_of(char *buf, size_t size, const char *s, size_t len)
{
	char *k = ps_value_simple_key(buf, size, s, len);
	return k ? k : ps_norm_key(s, len, false);
}

static void key_free(char *k, const char *buf)
{
	if (k != buf)
		free(k);
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
	if (n == 0 || (unsigned char)s[0] < 0x80)
		return PS_G_NONE; /* every grade word is Chinese: a number is none */
	for (size_t i = 0; i < N(grades); i++)
		if (grades[i].n == n && grades[i].w[0] == s[0] && memcmp(s, grades[i].w, n) == 0)
			return (ps_grade)grades[i].v;
	return PS_G_NONE;
}

/* The last number read in a cell: the date, count and number readers all
 * try the same position ("736.54" was read four times). */
typedef struct {
	const char *at, *end;
	ps_dec v;
	size_t k;
} num_memo;

static size_t cnum(num_memo *m, ps_dec *v, const char *p, const char *end)
{
	if (m->at != p || m->end != end) {
		m->k = ps_cnum_parse(&m->v, p, (size_t)(end - p));
		m->at = p;
		m->end = end;
	}
	*v = m->v;
	return m->k;
}

/* A non-negative integer in Arabic or Chinese numerals, at most maxv. */
static bool eat_int(num_memo *nm, const char **p, const char *end, int *out, int maxv)
{
	ps_dec v;
	size_t k = cnum(nm, &v, *p, end);
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
static bool chinese_date(num_memo *nm, ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	int y = 0, m = 0, d = 0;
	eat_longest(&p, end, date_prefix, N(date_prefix));
	if (eat_longest(&p, end, year_end, N(year_end)) >= 0) {
		v->year = 0, v->month = 12, v->day = 31;
		return date_tail(v, p, end);
	}
	const char *q = p;
	if (eat_int(nm, &q, end, &y, 9999) && eat(&q, end, "年")) {
		p = q;
		if (eat(&p, end, "底") || eat(&p, end, "末") || eat(&p, end, "终")) {
			v->year = y, v->month = 12, v->day = 31;
			return date_tail(v, p, end);
		}
	} else {
		y = 0;
	}
	if (!eat_int(nm, &p, end, &m, 12) || m < 1 || !eat(&p, end, "月"))
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
		if (eat_int(nm, &q, end, &d, 31) && (eat(&q, end, "日") || eat(&q, end, "号"))) {
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
static bool count(num_memo *nm, ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	int pre = eat_longest(&p, end, count_prefix, N(count_prefix));
	ps_dec n;
	size_t k = cnum(nm, &n, p, end);
	if (!k)
		return false;
	p += k;
	bool unit = eat_longest(&p, end, count_units, N(count_units)) >= 0;
	bool suf = false;
	for (size_t i = 0; i < N(count_suffix) && !suf; i++) {
		size_t sl = count_suffix[i].n;
		/* up to 4 characters of filler: "2项工作未完成" */
		if ((size_t)(end - p) >= sl && (size_t)(end - p) - sl <= 12 &&
		    memcmp(end - sl, count_suffix[i].w, sl) == 0)
			suf = true;
	}
	/* "发生1起安全事故": a prefix and a unit may be followed by what failed */
	if (!suf && (pre < 0 || (p != end && !(unit && end - p <= 24))))
		return false;
	if (pre >= 0 && !suf && strcmp(count_prefix[pre].w, "有") == 0)
		return false;
	v->kind = PS_V_COUNT;
	v->num = n;
	v->grade = n == 0 ? PS_G_YES : PS_G_NO;
	v->incident = pre >= 0 && in_list(count_prefix[pre].w, count_prefix[pre].n, incident_prefix,
	                                  N(incident_prefix));
	return true;
}

static size_t utf8_len(const char *s, size_t n)
{
	return ps_utf8_count(s, n);
}

/* [comparator] [sign] number [unit] [以上|以下|以内 ...] */
static bool number(num_memo *nm, ps_value *v, const char *s, const char *end)
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
	size_t k = cnum(nm, &n, p, end);
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

/* number()'s answer for the commonest cells, at once: an optional sign,
 * Arabic digits with '.' and ',' read whole, an optional '%' ("97.5",
 * "-3", "1,200", "95%"). None of the readers tried before number() takes
 * such a cell: NA and grade words, 未发生 and counts need Chinese (or a
 * lone sign), a numeric date two separators after four digits, which the
 * number would not be read whole through. False: let them all decide. */
static bool plain_number(ps_value *v, const char *s, const char *end)
{
	const char *p = s;
	bool neg = false;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	const char *q = end > p && end[-1] == '%' ? end - 1 : end;
	/* at most the 64 characters cnum's Arabic reader gathers, which for
	 * this text are exactly ps_dec_parse's input */
	if (p >= q || !isdig(*p) || q - p > 64)
		return false;
	for (const char *r = p; r < q; r++)
		if (!isdig(*r) && *r != '.' && *r != ',')
			return false;
	ps_dec n;
	if (ps_dec_parse(&n, p, (size_t)(q - p)) != (size_t)(q - p) || n >= PS_DEC_MAX || n <= -PS_DEC_MAX)
		return false;
	v->kind = PS_V_NUMBER;
	v->num = neg ? -n : n;
	if (q < end)
		strcpy(v->unit, "%");
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
	static const lit w[] = {L("未发生"), L("没有发生"), L("无发生"), L("未出现"), L("没有出现"), L("未发现"), L("没有发现")};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		size_t m = w[i].n;
		if (n >= m && memcmp(f, w[i].w, m) == 0)
			return true;
	}
	return false;
}

/* ps_value_parse; fast: with the shortcuts (simple_key, plain_number), else
 * the general readers alone (the reference the tests hold them to). */
static void value_parse(ps_value *out, const char *text, size_t len, bool fast)
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
	char kbuf[128];
	size_t tl = drop_time(t, len);
	char *f = fast ? key_of(kbuf, sizeof kbuf, t, tl) : ps_norm_key(t, tl, false);
	size_t n = strlen(f);
	/* trailing sentence punctuation: "达成预期指标。" */
	while (n > 0 && strchr(".,;!?", f[n - 1]) && !(n == 1 && f[0] == '.'))
		n--;
	while (n >= 3 && memcmp(f + n - 3, "、", 3) == 0)
		n -= 3;
	f[n] = '\0';
	const char *end = f + n;
	num_memo nm = {NULL, NULL, 0, 0};
	out->kind = PS_V_TEXT;
	if (n == 0) {
		/* punctuation only */
	} else if (fast && plain_number(out, f, end)) {
		/* a number, unit "%" or none */
	} else if (fast && (out->grade = grade_of(f, n)) != PS_G_NONE) {
		/* a grade word: none is an NA word or starts 未发生, so the
		 * readers below would come to it */
		out->kind = PS_V_GRADE;
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
	} else if (numeric_date(out, f, end) || chinese_date(&nm, out, f, end)) {
		out->kind = PS_V_DATE;
	} else {
		out->year = out->month = out->day = 0;
		out->before = false;
		if (!count(&nm, out, f, end) && !number(&nm, out, f, end)) {
			out->kind = PS_V_TEXT;
			out->cmp = PS_CMP_NONE;
			out->num = 0;
			out->unit[0] = '\0';
			out->grade = PS_G_NONE;
		}
	}
	key_free(f, kbuf);
}

void ps_value_parse(ps_value *out, const char *text, size_t len)
{
	value_parse(out, text, len, true);
}

void ps_value_parse_ref(ps_value *out, const char *text, size_t len)
{
	value_parse(out, text, len, false);
}

bool ps_negated_at(const char *s, size_t at)
{
	for (size_t i = 0; i < N(negations); i++) {
		size_t n = negations[i].n;
		if (at >= n && memcmp(s + at - n, negations[i].w, n) == 0)
			return true;
	}
	return false;
}

/* ---- comparators, grade names, units, dates ------------------------------ */

static const word cmp_cells[] = {
	W("≥", PS_CMP_GE), W(">=", PS_CMP_GE), W("=>", PS_CMP_GE), W("≥=", PS_CMP_GE), W("大于等于", PS_CMP_GE),
	W("大于或等于", PS_CMP_GE), W("不低于", PS_CMP_GE), W("不少于", PS_CMP_GE), W("不小于", PS_CMP_GE),
	W("以上", PS_CMP_GE), W("正向", PS_CMP_GE), W("叱", PS_CMP_GE), W("≥*", PS_CMP_GE),
	W(">", PS_CMP_GT), W("大于", PS_CMP_GT), W("高于", PS_CMP_GT), W("超过", PS_CMP_GT),
	W("≤", PS_CMP_LE), W("<=", PS_CMP_LE), W("=<", PS_CMP_LE), W("≤=", PS_CMP_LE), W("小于等于", PS_CMP_LE),
	W("小于或等于", PS_CMP_LE), W("不高于", PS_CMP_LE), W("不超过", PS_CMP_LE), W("不大于", PS_CMP_LE),
	W("以下", PS_CMP_LE), W("以内", PS_CMP_LE), W("反向", PS_CMP_LE), W("Q", PS_CMP_LE), W("W", PS_CMP_LE),
	W("≤*", PS_CMP_LE),
	W("<", PS_CMP_LT), W("小于", PS_CMP_LT), W("低于", PS_CMP_LT),
	W("=", PS_CMP_EQ), W("==", PS_CMP_EQ), W("等于", PS_CMP_EQ), W("═", PS_CMP_EQ),
	W("定性", PS_CMP_QUAL), W("定量", PS_CMP_NONE),
};

ps_cmp ps_cmp_parse(const char *s, size_t len)
{
	/* not strip_brackets: that would also take the < > of "<=" */
	char kbuf[64];
	char *f = key_of(kbuf, sizeof kbuf, s ? s : "", s ? len : 0);
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
		if (cmp_cells[i].n == n && memcmp(p, cmp_cells[i].w, n) == 0) {
			c = (ps_cmp)cmp_cells[i].v;
			break;
		}
	key_free(f, kbuf);
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
	char kbuf[64];
	char *f = key_of(kbuf, sizeof kbuf, s ? s : "", s ? len : 0);
	size_t n = strlen(f);
	const char *u = f;
	if (n < size && (n == 0 || (n == 1 && f[0] == '%'))) {
		/* most units: none or "%", which the rest leaves as it is */
		memcpy(out, f, n + 1);
		key_free(f, kbuf);
		return;
	}
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
	key_free(f, kbuf);
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
