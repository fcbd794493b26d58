/* sheet.c: rows of a 绩效目标表 as people lay them out: title rows, header by
 * alias, repeated headers and total rows dropped, merged cells filled down
 * hierarchically (unit → 一级 → 二级), names cleaned of numbering and points. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "sheet.h"
#include "perfscore/text.h"
#include "util/cellnorm.h"
#include "util/cpu.h"

#define HEAD_ROWS 40   /* the header must be among the first rows */
#define SAMPLE_ROWS 40 /* rows after it used to decide column roles */

/* Where the 项目资金 block's columns are, once its label row is seen. */
typedef struct {
	int initial, full, spent, points, score; /* column, -1 if absent */
	int rows_left;                           /* rows in which to find the values */
} budget_cols;

struct ps_sheet {
	const ps_source *src;
	ps_csv *csv;
	ps_header hdr;
	ps_csv_row *buf;      /* rows read ahead: title, header, sample */
	size_t nbuf, ibuf, cap;
	bool unit_cols;       /* the header has 单位编码 or 单位名称 */
	ps_buf code, uname, l1, l2; /* fill-down state (reused: no allocation per row) */
	bool unit_changed;    /* a label row started another unit */
	budget_cols bcols;    /* a 项目资金 label row seen (rows_left > 0) */
	ps_budget budget;     /* a block read and not yet handed to a row */
	ps_budget handed;     /* the block the current row carries */
	ps_sheet_row row;
	ps_stated_total total; /* a total row not yet taken by the loader */
	ps_buf clean, scratch; /* names and labels cleaned row after row */
	ps_buf cells;          /* the row's normalised cells, NUL-separated */
	bool avx2;             /* the CPU has AVX2 (ps_row_special_avx2) */
	size_t nmap;           /* fields the header has, and their columns */
	struct {
		int field;
		size_t col;
	} map[PS_F__COUNT];
	/* A sheet resumed at a line of the text (ps_sheet_resume): the first
	 * row's own unit and level cells and the fill-down state after it, for
	 * ps_sheet_joins to replay that row on the state the first part ended in. */
	int resume;           /* 0 not resumed; 1 before the first row; 2 it was a data row; 3 it is
	                       * being read, or was not a data row; 4 it did not start at resume_at */
	size_t resume_at;
	uint32_t resume_line;
	ps_buf first_cell[4];
	bool first_own[4];
	ps_buf first_after[4];
};

/* The fill-down fields, in the order of first_cell / first_after. */
static const ps_field fill_fields[4] = {PS_F_UNIT_CODE, PS_F_UNIT_NAME, PS_F_LEVEL1, PS_F_LEVEL2};

/* ---- cell helpers ------------------------------------------------------ */

/* The code point at s + *i of a NUL-terminated string; advances *i. */
static int32_t next_cp(const char *s, size_t *i)
{
	/* ASCII and well-formed three-byte sequences (the ideographs and
	 * fullwidth forms of Chinese text) without a call; the bytes after
	 * a NUL are never read, as a NUL is not a continuation byte */
	const unsigned char *u = (const unsigned char *)s + *i;
	if (u[0] != 0 && u[0] < 0x80) {
		*i += 1;
		return u[0];
	}
	if ((u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		int32_t x = (u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		if (x >= 0x800 && (x < 0xD800 || x > 0xDFFF)) {
			*i += 3;
			return x;
		}
	}
	int32_t cp;
	int k = ps_utf8_decode(s + *i, strnlen(s + *i, 4), &cp);
	*i += k > 0 ? (size_t)k : 1;
	return k > 0 ? cp : 0xFFFD;
}

static bool is_cjk(int32_t cp)
{
	return cp >= 0x2E80 && cp != 0xFFFD;
}

/* A filter on the last two bytes of the characters ps_cell_marks looks
 * for: one bit each, so most other characters are passed over at once. */
#define MK_BIT(b1, b2) (UINT64_C(1) << (((b1) ^ (b2)) & 63))
#define MK_FILTER                                                                                       \
	(MK_BIT(0xAE, 0xA1) | MK_BIT(0x80, 0xBB) | MK_BIT(0xA8, 0x88) | MK_BIT(0xB8, 0xBD) |                \
	 MK_BIT(0xBA, 0xBA) | MK_BIT(0xAF, 0x9D) | MK_BIT(0xA9, 0xB1) | MK_BIT(0xB3, 0xA8) |                \
	 MK_BIT(0xA8, 0xBB) | MK_BIT(0x97, 0xA5) | MK_BIT(0xAF, 0xB4) | MK_BIT(0xAA, 0xAA) |                \
	 MK_BIT(0x8D, 0x95) | MK_BIT(0x96, 0xAE) | MK_BIT(0x83, 0xA8))

unsigned ps_cell_marks(const char *s)
{
	unsigned m = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* every word starts with a well-formed three-byte sequence led by
		 * E4..E9; p[2] is read only when p[1] is not the NUL */
		if (*p < 0xE4 || *p > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
			p++;
			continue;
		}
		/* p[1] and p[2] are continuation bytes: no word starts there */
		const unsigned char *at = p;
		p += 3;
		if (!(MK_FILTER >> ((at[1] ^ at[2]) & 63) & 1))
			continue;
		const char *next = (const char *)p;
		switch ((uint32_t)at[0] << 16 | (uint32_t)at[1] << 8 | at[2]) {
		case 0xE8AEA1: case 0xE680BB: case 0xE8A888: case 0xE7B8BD: /* 计 总 計 總 */
			m |= PS_MK_TOTAL;
			break;
		case 0xE4BABA: case 0xE8AF9D: case 0xE8A9B1: case 0xE6B3A8: case 0xE8A8BB: /* 人 话 話 注 註 */
			m |= PS_MK_FOOTER;
			break;
		case 0xE697A5: /* 日 */
			if (strncmp(next, "期", 3) == 0)
				m |= PS_MK_FOOTER;
			break;
		case 0xE8AFB4: case 0xE8AAAA: /* 说 說 */
			if (strncmp(next, "明", 3) == 0)
				m |= PS_MK_FOOTER;
			break;
		case 0xE58D95: case 0xE596AE: /* 单 單 */
			if (strncmp(next, "位", 3) == 0)
				m |= PS_MK_UNIT;
			break;
		case 0xE983A8: /* 部 */
			if (strncmp(next, "门", 3) == 0 || strncmp(next, "門", 3) == 0)
				m |= PS_MK_UNIT;
			break;
		default:
			break;
		}
	}
	return m;
}

/* Most cells start with a letter, a digit or an ideograph (lead byte
 * E4..E9: U+4000..U+9FFF), none of them placeholder characters. */
static inline bool text_start(unsigned char c0)
{
	/* one bit per byte: 0-9 (0x30..0x39), A-Z a-z (0x41..0x5A, 0x61..0x7A),
	 * E4..E9 */
	static const uint64_t bits[4] = {UINT64_C(0x03FF000000000000), UINT64_C(0x07FFFFFE07FFFFFE), 0,
	                                 UINT64_C(0x000003F000000000)};
	return bits[c0 >> 6] >> (c0 & 63) & 1;
}

bool ps_cell_placeholder(const char *s)
{
	if (text_start((unsigned char)s[0]))
		return false;
	size_t i = 0;
	while (s[i]) {
		switch (next_cp(s, &i)) {
		case ' ': case '\t': case '\n': case '\r': case '/': case '\\': case '-': case '_': case '~': case '.':
		case '*': case 0x2026: case 0x2014: case 0x2013: case 0x2015: case 0x2500: case 0x2501:
		case 0x3002: case 0xB7: case 0x3001: case 0x3003: case 0x22EF: case 0xFF0F: case 0xFF0D:
		case 0x3000: case 0x2012: case 0x2212:
			break;
		default:
			return false;
		}
	}
	return true;
}

/* The first bytes of the characters ps_cell_placeholder passes over: the
 * ASCII ones, C2 (·), E2, E3 (。、〃 and the ideographic space) and EF (／－);
 * the NUL of an empty cell too. Of E2, only the second bytes 80 (…—–―‒),
 * 88 (−), 8B (⋯) and 94 (─━) follow: ≥ ≤ × and the like are text. */
static const bool ph_lead[256] = {
	[0] = true, [' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true, ['/'] = true, ['\\'] = true,
	['-'] = true, ['_'] = true, ['~'] = true, ['.'] = true, ['*'] = true,
	[0xC2] = true, [0xE2] = true, [0xE3] = true, [0xEF] = true,
};

/* ps_cell_placeholder with its cheap answers in line: it runs on every
 * cell of every row, and most cells are "" or start with a character no
 * placeholder holds (text, a digit, %, ≥). */
static inline bool placeholder(const char *s)
{
	unsigned char c0 = (unsigned char)s[0];
	if (!ph_lead[c0])
		return false;
	if (!c0)
		return true;
	if (c0 == 0xE2) {
		unsigned char c1 = (unsigned char)s[1];
		if (c1 != 0x80 && c1 != 0x88 && c1 != 0x8B && c1 != 0x94)
			return false;
	}
	return ps_cell_placeholder(s);
}

bool ps_points_parse(ps_dec *out, const char *s)
{
	size_t n = strlen(s);
	n = ps_trim(&s, n);
	if (n == 0)
		return false;
	ps_dec v;
	size_t k = ps_dec_parse(&v, s, n);
	if (k == 0 || v < 0 || v > PS_POINTS_MAX)
		return false;
	const char *rest = s + k;
	size_t m = ps_trim(&rest, n - k);
	if (m && !(m == 3 && memcmp(rest, "分", 3) == 0) && !(m == 1 && rest[0] == '%'))
		return false;
	*out = v;
	return true;
}

static bool word_in(const char *key, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, words[i]) == 0)
			return true;
	return false;
}

static char *lower_key(const char *s)
{
	char *k = ps_norm_key(s, strlen(s), false);
	for (char *p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

bool ps_na_truthy(const char *s, bool inverted)
{
	static const char *const yes[] = {"是", "不适用", "不涉及", "y", "yes", "1", "true", "√", "✓", "✔",
	                                  "na", "n/a"};
	static const char *const no[] = {"否", "不适用", "不涉及", "n", "no", "0", "false", "×", "✗", "✘",
	                                 "x"};
	char *k = lower_key(s);
	bool r = inverted ? word_in(k, no, sizeof no / sizeof no[0]) : word_in(k, yes, sizeof yes / sizeof yes[0]);
	free(k);
	return r;
}

bool ps_actual_says_na(const char *s)
{
	static const char *const na[] = {"不适用", "不涉及", "n/a", "na", "本项不适用", "该项不适用",
	                                 "该指标不适用", "本指标不适用"};
	if (!strstr(s, "适用") && !strstr(s, "涉及") && !strpbrk(s, "aA")) /* every actual comes here */
		return false;
	char *k = lower_key(s);
	bool r = word_in(k, na, sizeof na / sizeof na[0]);
	free(k);
	return r;
}

/* Characters after a number that make it a quantity, not a numbering:
 * "1.5万元", "3.1亩". */
static bool unit_char(int32_t cp)
{
	static const char *const units = "万亿千百十元个件项次人户年月日天周分秒吨米亩斤克台套家座所名条篇处倍元";
	if (cp == '%' || cp == 0x2030)
		return true;
	char enc[4];
	int n = ps_utf8_encode(cp, enc);
	for (const char *p = units; *p; p += 3)
		if (n == 3 && memcmp(p, enc, 3) == 0)
			return true;
	return false;
}

static bool chinese_digit(int32_t cp)
{
	if (cp < 0x4E00 || cp > 0x56DB) /* most ideographs: one test */
		return false;
	return cp == 0x4E00 || cp == 0x4E8C || cp == 0x4E09 || cp == 0x56DB || cp == 0x4E94 ||
	       cp == 0x516D || cp == 0x4E03 || cp == 0x516B || cp == 0x4E5D || cp == 0x5341;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Skip a numbering prefix at s; returns the bytes to drop (0 if none). */
static size_t numbering(const char *s, ps_numbering *kind)
{
	size_t i = 0;
	int32_t cp;
	/* "指标1:" "指标 2" */
	if (strncmp(s, "指标", 6) == 0) {
		i = 6;
		while (s[i] == ' ')
			i++;
		if (is_digit(s[i])) {
			while (is_digit(s[i]))
				i++;
			while (s[i] == ' ')
				i++;
			if (s[i] == ':' || s[i] == '.' || s[i] == ')')
				i++;
			else if (strncmp(s + i, "、", 3) == 0 || strncmp(s + i, "：", 3) == 0)
				i += 3;
			*kind = PS_NUM_ARABIC;
			return i;
		}
		i = 0;
	}
	size_t j = 0;
	cp = next_cp(s, &j);
	/* ① ⑴ ⒈ ❶ */
	if ((cp >= 0x2460 && cp <= 0x249B) || (cp >= 0x2776 && cp <= 0x2793)) {
		*kind = PS_NUM_ARABIC;
		return j;
	}
	/* "(1)" "(一)" */
	if (cp == '(' || cp == 0xFF08) {
		size_t k = j;
		bool arabic = is_digit(s[k]);
		bool chinese = false;
		while (is_digit(s[k]))
			k++;
		if (!arabic) {
			size_t k2 = k;
			int32_t c2;
			while (s[k2] && chinese_digit(c2 = next_cp(s, &k2)))
				k = k2, chinese = true;
		}
		if (arabic || chinese) {
			size_t k2 = k;
			int32_t c2 = s[k] ? next_cp(s, &k2) : 0;
			if (c2 == ')' || c2 == 0xFF09) {
				*kind = arabic ? PS_NUM_ARABIC : PS_NUM_CHINESE;
				return k2;
			}
		}
		return 0;
	}
	/* "1、" "1." "1)" "3.1 " "3.1.2" */
	if (is_digit(s[0])) {
		i = 0;
		while (is_digit(s[i]))
			i++;
		size_t dots = 0;
		while (s[i] == '.' && is_digit(s[i + 1])) {
			i++;
			dots++;
			while (is_digit(s[i]))
				i++;
		}
		size_t k = i;
		int32_t c = s[i] ? next_cp(s, &k) : 0;
		if (c == 0x3001 || c == ')' || c == ':' || c == 0xFF09 || c == 0xFF1A ||
		    (c == '.' && !is_digit(s[k]))) {
			*kind = PS_NUM_ARABIC;
			return k;
		}
		if (dots > 0 && c == ' ') {
			*kind = PS_NUM_ARABIC;
			return k;
		}
		if (dots > 0 && is_cjk(c) && (dots > 1 || !unit_char(c))) {
			*kind = PS_NUM_ARABIC;
			return i;
		}
		return 0;
	}
	/* "一、" "十二." */
	if (chinese_digit(cp)) {
		size_t k = 0, n = 0;
		int32_t c = 0;
		while (s[k] && n < 3) {
			size_t k2 = k;
			c = next_cp(s, &k2);
			if (!chinese_digit(c))
				break;
			k = k2;
			n++;
		}
		size_t k2 = k;
		c = s[k] ? next_cp(s, &k2) : 0;
		if (c == 0x3001 || c == '.' || c == ':' || c == 0xFF1A || c == 0xFF0E) {
			*kind = PS_NUM_CHINESE;
			return k2;
		}
	}
	return 0;
}

/* Parse "(50分)", "(满分50分)", "(权重10分)" at s[0] == '(' (or '（'). Returns
 * the bytes of the group (0 if it is not one). */
static size_t points_group(const char *s, ps_dec *pts)
{
	static const char *const words[] = {"满分", "分值", "权重", "计", "共", "占", "合计", "总分"};
	size_t i = 0;
	int32_t open = next_cp(s, &i);
	if (open != '(' && open != 0xFF08)
		return 0;
	while (s[i] == ' ')
		i++;
	bool word = false;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t n = strlen(words[w]);
		if (strncmp(s + i, words[w], n) == 0) {
			i += n;
			word = true;
			break;
		}
	}
	if (s[i] == ':')
		i++;
	else if (strncmp(s + i, "：", 3) == 0)
		i += 3;
	while (s[i] == ' ')
		i++;
	if (!is_digit(s[i]))
		return 0;
	ps_dec v;
	size_t k = ps_dec_parse(&v, s + i, strlen(s + i));
	if (k == 0 || v < 0 || v > PS_POINTS_MAX)
		return 0;
	i += k;
	while (s[i] == ' ')
		i++;
	bool fen = strncmp(s + i, "分", 3) == 0;
	if (fen) {
		i += 3;
		if (strncmp(s + i, "值", 3) == 0)
			i += 3;
	}
	if (!fen && !word)
		return 0;
	while (s[i] == ' ')
		i++;
	size_t k2 = i;
	int32_t close = s[i] ? next_cp(s, &k2) : 0;
	if (close != ')' && close != 0xFF09)
		return 0;
	*pts = v;
	return k2;
}

/* A bracketed template prompt such as "(≥**人)" or "(<××元/户·年)". Returns
 * the bytes of the group (0 if it is not one). */
static size_t prompt_group(const char *s)
{
	size_t i = 0;
	int32_t open = next_cp(s, &i);
	if (open != '(' && open != 0xFF08 && open != '[' && open != 0x3010)
		return 0;
	size_t start = i;
	while (s[i]) {
		size_t k = i;
		int32_t c = next_cp(s, &k);
		if (c == ')' || c == 0xFF09 || c == ']' || c == 0x3011) {
			size_t n = i - start;
			char *in = ps_xstrndup(s + start, n);
			bool hit = strstr(in, "**") || strstr(in, "××") || strstr(in, "XX") || strstr(in, "xx") ||
			           strstr(in, "＊＊") || strstr(in, "※");
			free(in);
			return hit ? k : 0;
		}
		if (c == '(' || c == 0xFF08)
			return 0;
		i = k;
	}
	return 0;
}

static bool leading_mark(int32_t cp)
{
	switch (cp) {
	case 0x2605: case 0x2606: case '*': case 0x203B: case 0x25CF: case 0x25C6: case 0x25A0:
	case 0x25A1: case 0x25B2: case 0x25B3: case 0x25CB: case 0x25C7: case 0x25CE: case 0x221A:
	case 0xB7: case ' ': case '\n': case '#': case 0x2022: case 0xFF0A:
		return true;
	default:
		return false;
	}
}

/* What cell_class found in a cell: it was looked at (the other bits are
 * exact), it holds 计 总 計 總 (maybe a total row), it holds a byte or
 * sequence needs_clean looks for (white space, ( [ （ 【). */
enum { CLS_KNOWN = 1, CLS_TOTAL = 2, CLS_CLEAN = 4 };

#if defined(__SSE2__)
static inline __m128i eq8(__m128i a, char x)
{
	return _mm_cmpeq_epi8(a, _mm_set1_epi8(x));
}

/* The bytes of the 16 at u that may end what cell_class looks for: the
 * bytes up to \r, space, ( and [, and the last bytes of 计 總 总 計 （ 【
 * (A1 BD BB 88 88 90) right after one of their middle bytes (AE B8 80 A8
 * BC 80: a pair, far rarer than a last byte alone); exact tests follow for
 * the few marked. *mid carries in whether the byte before u is a middle
 * byte, and out whether u[15] is. */
static inline unsigned class_marks16(const unsigned char *u, unsigned *mid)
{
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)u);
	__m128i low = _mm_cmpeq_epi8(_mm_min_epu8(a, _mm_set1_epi8(0x0D)), a);
	__m128i x = _mm_or_si128(_mm_or_si128(low, eq8(a, ' ')), _mm_or_si128(eq8(a, '('), eq8(a, '[')));
	__m128i y = _mm_or_si128(_mm_or_si128(eq8(a, (char)0xA1), eq8(a, (char)0xBD)),
	                         _mm_or_si128(_mm_or_si128(eq8(a, (char)0xBB), eq8(a, (char)0x88)), eq8(a, (char)0x90)));
	__m128i z = _mm_or_si128(_mm_or_si128(eq8(a, (char)0xAE), eq8(a, (char)0xB8)),
	                         _mm_or_si128(_mm_or_si128(eq8(a, (char)0x80), eq8(a, (char)0xA8)), eq8(a, (char)0xBC)));
	unsigned mids = (unsigned)_mm_movemask_epi8(z);
	unsigned m = (unsigned)_mm_movemask_epi8(x) | ((unsigned)_mm_movemask_epi8(y) & (mids << 1 | *mid));
	*mid = mids >> 15;
	return m;
}

/* One pass, 16 bytes at a time, over a cell s[0..n) (n > 0) followed by
 * its NUL and at least 16 readable bytes: the words maybe_total finds and
 * the bytes needs_clean looks for, as CLS_* bits. Bytes at or after the
 * end are masked out; a marked byte is then tested exactly. */
static inline __attribute__((always_inline)) unsigned cell_class(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned cls = CLS_KNOWN, mid = 0;
	for (size_t i = 0; i < n; i += 16) {
		unsigned m = class_marks16(u + i, &mid);
		if (n - i < 16)
			m &= (1u << (n - i)) - 1;
		for (; m; m &= m - 1) {
			size_t j = i + (size_t)__builtin_ctz(m);
			unsigned char c = u[j];
			if (c < 0x80) {
				if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '(' || c == '[')
					cls |= CLS_CLEAN;
				continue;
			}
			if (j < 2)
				continue;
			uint32_t v = (uint32_t)u[j - 2] << 16 | (uint32_t)u[j - 1] << 8 | c;
			if (v == 0xE8AEA1 || v == 0xE680BB || v == 0xE8A888 || v == 0xE7B8BD)
				cls |= CLS_TOTAL;
			else if (v == 0xEFBC88 || v == 0xE38090)
				cls |= CLS_CLEAN;
		}
	}
	return cls;
}
#else
static inline __attribute__((always_inline)) unsigned cell_class(const char *s, size_t n)
{
	(void)s;
	(void)n;
	return 0; /* the slow tests decide */
}
#endif

/* The first character of s if it is a letter ('a') or a well-formed
 * ideograph of lead byte E4..E9 (its code point, 0x4000 or more); 0 if
 * it is neither. */
static inline int32_t plain_start(const char *s)
{
	unsigned char c0 = (unsigned char)s[0];
	if ((c0 | 0x20) >= 'a' && (c0 | 0x20) <= 'z')
		return 'a';
	if (c0 >= 0xE4 && c0 <= 0xE9 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
		return (c0 & 0x0F) << 12 | ((unsigned char)s[1] & 0x3F) << 6 | ((unsigned char)s[2] & 0x3F);
	return 0;
}

/* Could clean() change s at all? Most names need nothing, and this runs
 * on every row. */
static bool needs_clean_cls(const char *s, unsigned cls)
{
	if (cls & CLS_KNOWN) {
		if (cls & CLS_CLEAN)
			return true;
	} else {
		/* white space, ( [ （ 【 anywhere: one pass (strcspn compares
		 * 16 bytes with the whole set in one instruction) */
		for (const char *p = s;; p++) {
			p += strcspn(p, " \t\r\n([\xEF\xE3");
			if (!*p)
				break;
			if (*p == '\xEF') { /* （ EF BC 88 */
				if (p[1] == '\xBC' && p[2] == '\x88')
					return true;
			} else if (*p == '\xE3') { /* 【 E3 80 90 */
				if (p[1] == '\x80' && p[2] == '\x90')
					return true;
			} else {
				return true;
			}
		}
	}
	/* a name starting with a letter or an ideograph (lead byte E4..E9) is
	 * no placeholder and starts with no mark (those start otherwise); among
	 * the ideographs only 一..十 and 指标 can start a numbering */
	int32_t st = plain_start(s);
	if (st == 'a' || st >= 0x7000) /* lead byte E7..E9 */
		return false;
	if (st)
		return chinese_digit(st) || (st == 0x6307 /* 指 */ && strncmp(s + 3, "标", 3) == 0 &&
		                             (is_digit(s[6]) || s[6] == ' '));
	if (ps_cell_placeholder(s))
		return true;
	size_t i = 0;
	int32_t cp = next_cp(s, &i);
	return (cp >= '0' && cp <= '9') || leading_mark(cp) || chinese_digit(cp) ||
	       (s[0] == '\xE6' && strncmp(s, "指标", 6) == 0 && (is_digit(s[6]) || s[6] == ' ')) ||
	       (cp >= 0x2460 && cp <= 0x249B) || (cp >= 0x2776 && cp <= 0x2793) || cp == 0x3000;
}

/* needs_clean_cls without a call for most cells: looked at, with nothing
 * to clean inside, starting with a letter or an ideograph that starts no
 * numbering (the same tests as there, made first) */
static inline bool needs_clean_fast(const char *s, unsigned cls)
{
	if ((cls & (CLS_KNOWN | CLS_CLEAN)) == CLS_KNOWN) {
		int32_t st = plain_start(s);
		if (st == 'a' || (st && (st < 0x4E00 || st > 0x56DB) && st != 0x6307))
			return false;
	}
	return needs_clean_cls(s, cls);
}

static bool needs_clean(const char *s)
{
	return needs_clean_cls(s, 0);
}

/* The cleaning of a cell that needs it, into o (empty) with b (empty) for
 * scratch; *num, *has_pts and *pts reset by the caller. */
static void clean_full(ps_buf *o, ps_buf *b, const char *s, ps_numbering *num, bool *has_pts, ps_dec *pts,
                       bool squeeze)
{
	/* drop points groups and template prompts */
	for (size_t i = 0; s[i];) {
		size_t run = strcspn(s + i, "([\xEF\xE3"); /* ( [ （ 【 start groups */
		if (run) {
			ps_buf_add(b, s + i, run);
			i += run;
			continue;
		}
		ps_dec v;
		size_t k = points_group(s + i, &v);
		if (k) {
			if (!*has_pts) {
				*has_pts = true;
				*pts = v;
			}
			i += k;
			continue;
		}
		if ((k = prompt_group(s + i)) != 0) {
			i += k;
			continue;
		}
		size_t j = i;
		next_cp(s, &j);
		ps_buf_add(b, s + i, j - i);
		i = j;
	}
	const char *t = b->s ? b->s : "";
	size_t i = 0;
	for (;;) {
		size_t k = i;
		if (!t[k] || !leading_mark(next_cp(t, &k)))
			break;
		i = k;
	}
	ps_numbering kind = PS_NUM_NONE;
	i += numbering(t + i, &kind);
	if (num)
		*num = kind;
	/* a line break next to CJK text is wrapping (vertical text, narrow
	 * cells) and disappears; any other run of white space becomes one space */
	ps_buf_add(o, "", 0);
	int32_t prev = 0;
	bool gap = false, gap_nl = false;
	while (t[i]) {
		size_t k = i;
		int32_t cp = next_cp(t, &k);
		if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x3000) {
			gap = true;
			gap_nl |= cp == '\n';
			i = k;
			continue;
		}
		if (gap && prev && !squeeze && !(gap_nl && (is_cjk(prev) || is_cjk(cp))))
			ps_buf_addc(o, ' ');
		gap = gap_nl = false;
		ps_buf_add(o, t + i, k - i);
		prev = cp;
		i = k;
	}
	/* "指标1:" alone, "……" */
	if (ps_cell_placeholder(o->s))
		ps_buf_clear(o);
}

/* A name or label cleaned (see ps_clean_name) of s (n bytes) into o,
 * replacing its contents; b is scratch. The row loop keeps both, saving two
 * allocations per cleaned cell. */
static void clean_into(ps_buf *o, ps_buf *b, const char *s, size_t n, ps_numbering *num, bool *has_pts,
                       ps_dec *pts, bool squeeze, unsigned cls)
{
	*has_pts = false;
	*pts = 0;
	if (num)
		*num = PS_NUM_NONE;
	ps_buf_clear(o);
	ps_buf_clear(b);
	if (!needs_clean_cls(s, cls))
		ps_buf_add(o, s, n);
	else
		clean_full(o, b, s, num, has_pts, pts, squeeze);
}

static char *clean(const char *s, ps_numbering *num, bool *has_pts, ps_dec *pts, bool squeeze)
{
	*has_pts = false;
	*pts = 0;
	if (num)
		*num = PS_NUM_NONE;
	if (!needs_clean(s))
		return ps_xstrdup(s);
	ps_buf o = PS_BUF_INIT, b = PS_BUF_INIT;
	clean_full(&o, &b, s, num, has_pts, pts, squeeze);
	ps_buf_dispose(&b);
	return ps_buf_detach(&o);
}

/* ps_norm_key(s, true) of s[0..n) appended to out; returns where it starts. */
static size_t base_key(ps_buf *out, const char *s, size_t n)
{
	size_t start = out->n;
	ps_norm_key_buf(out, s, n, true);
	return start;
}

/* Keep len bytes of the key that starts at out->s + start. */
static size_t cut_key(ps_buf *out, size_t start, size_t len)
{
	out->n = start + len;
	out->s[out->n] = '\0';
	return len;
}

static size_t name_key(ps_buf *out, const char *s, size_t n)
{
	size_t start = base_key(out, s, n);
	char *k = out->s + start;
	size_t len = out->n - start;
	char *w = strpbrk(k, "\"'"); /* quotation marks go (most keys have none) */
	if (w) {
		for (const char *p = w; *p; p++)
			if (*p != '"' && *p != '\'')
				*w++ = *p;
		len = (size_t)(w - k);
	}
	/* trailing punctuation: "整改完成率：", "满意度。" (folded to . : ...), as
	 * long as something is left */
	for (;;) {
		char last = len > 1 ? k[len - 1] : '\0';
		if (last && strchr(".:;,!?", last))
			len--;
		else if (len > 3 && memcmp(k + len - 3, "、", 3) == 0)
			len -= 3;
		else
			break;
	}
	return cut_key(out, start, len);
}

typedef size_t key_fn(ps_buf *out, const char *s, size_t n);

/* The key of s in a string of its own, its room (enough in most cases)
 * allocated once. */
static char *own_key(const char *s, key_fn *make)
{
	size_t n = strlen(s);
	ps_buf b = {ps_xmalloc(n + 1), 0, n + 1};
	b.s[0] = '\0';
	make(&b, s, n);
	return b.s;
}

size_t ps_name_key_buf(ps_buf *out, const char *s)
{
	return name_key(out, s, strlen(s));
}

char *ps_name_key(const char *s)
{
	return own_key(s, name_key);
}

static size_t code_key(ps_buf *out, const char *s, size_t n)
{
	size_t start = base_key(out, s, n);
	char *k = out->s + start;
	size_t len = out->n - start;
	/* Excel drops leading zeros and may add ".0" to a numeric code */
	if (len > 2 && memcmp(k + len - 2, ".0", 2) == 0)
		len -= 2;
	bool digits = len > 0;
	for (size_t i = 0; i < len; i++)
		digits &= k[i] >= '0' && k[i] <= '9';
	if (digits) {
		size_t z = 0;
		while (z + 1 < len && k[z] == '0')
			z++;
		memmove(k, k + z, len - z);
		len -= z;
	}
	return cut_key(out, start, len);
}

size_t ps_code_key_buf(ps_buf *out, const char *s)
{
	return code_key(out, s, strlen(s));
}

char *ps_code_key(const char *s)
{
	return own_key(s, code_key);
}

char *ps_clean_name(const char *s, ps_numbering *num, bool *has_pts, ps_dec *pts)
{
	return clean(s, num, has_pts, pts, false);
}

char *ps_clean_level(const char *s, bool *has_pts, ps_dec *pts)
{
	return clean(s, NULL, has_pts, pts, true);
}

/* ---- rows ---------------------------------------------------------------- */

/* Cheap tests before the real ones: they run on every row. For one to
 * four words, strstr (vectorised) beats a pass of ps_cell_marks. */
/* 计 总 計 總 anywhere in s, in one pass: this runs on three cells of every
 * row, and four strstr calls cost more than the short cells they scan.
 * A well-formed three-byte sequence is passed over whole (no word starts
 * on a continuation byte), so an ideograph costs one step, not three. */
/* A filter on the last two bytes of 计 总 計 總 (E8 AE A1, E6 80 BB,
 * E8 A8 88, E7 B8 BD), like MK_FILTER: most characters fail it at once. */
#define TOTAL_FILTER (MK_BIT(0xAE, 0xA1) | MK_BIT(0x80, 0xBB) | MK_BIT(0xA8, 0x88) | MK_BIT(0xB8, 0xBD))

#if defined(__SSE2__)
/* The places in the 16 bytes at u where one of the words could end: a
 * last byte (A1 BB 88 BD) after a middle one (AE 80 A8 B8), or at u[0]. */
static inline unsigned total_ends16(const unsigned char *u)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
	__m128i last = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA1)),
	                                         _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xBB))),
	                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x88)),
	                                         _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xBD))));
	__m128i mid = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xAE)),
	                                        _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x80))),
	                           _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xA8)),
	                                        _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xB8))));
	unsigned m = (unsigned)_mm_movemask_epi8(mid);
	return (unsigned)_mm_movemask_epi8(last) & (m << 1 | 1);
}

static inline bool total_at(const unsigned char *u, size_t j)
{
	uint32_t v = (uint32_t)u[j - 2] << 16 | (uint32_t)u[j - 1] << 8 | u[j];
	return v == 0xE8AEA1 || v == 0xE680BB || v == 0xE8A888 || v == 0xE7B8BD;
}
#endif

/* 计 总 計 總 anywhere in s[0..n): this runs on three cells of every row.
 * Long cells 16 bytes at a time (with SSE2), the words found as the byte
 * sequences they are wherever they are (a lead byte never continues a
 * sequence); short ones a character at a time: a well-formed three-byte
 * sequence is passed over whole, so an ideograph costs one step. */
static bool maybe_total(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
#if defined(__SSE2__)
	if (n >= 18) {
		/* blocks of the bytes from 2 on (a word ends there at the
		 * earliest), the last one overlapping */
		for (size_t i = 2;; i += 16) {
			if (i + 16 > n)
				i = n - 16;
			for (unsigned m = total_ends16(p + i); m; m &= m - 1)
				if (total_at(p, i + (size_t)__builtin_ctz(m)))
					return true;
			if (i + 16 >= n)
				return false;
		}
	}
#endif
	while (end - p >= 3) {
		unsigned char c = p[0];
		if (c < 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) {
			p++;
			continue;
		}
		if (TOTAL_FILTER >> ((p[1] ^ p[2]) & 63) & 1) {
			uint32_t v = (uint32_t)c << 16 | (uint32_t)p[1] << 8 | p[2];
			if (v == 0xE8AEA1 || v == 0xE680BB || v == 0xE8A888 || v == 0xE7B8BD)
				return true;
		}
		p += 3;
	}
	return false;
}

static bool maybe_footer(const char *s)
{
	return ps_cell_marks(s) & PS_MK_FOOTER;
}

static bool total_word(const char *cell, size_t len, unsigned cls)
{
	static const char *const words[] = {"合计", "总计", "总分", "小计", "合计分", "得分合计", "分值合计",
	                                    "总得分", "合计得分", "总分值", "综合得分", "自评总分",
	                                    "评价总分", "总分合计", "合计总分"};
	if (!len || (cls & CLS_KNOWN ? !(cls & CLS_TOTAL) : !maybe_total(cell, len)))
		return false;
	char *k = ps_norm_key(cell, len, true);
	bool hit = false;
	for (size_t w = 0; w < sizeof words / sizeof words[0] && !hit; w++) {
		size_t n = strlen(words[w]);
		if (strncmp(k, words[w], n) != 0)
			continue;
		/* "合计", "合计:100", "总分100分" but not "总分析报告" */
		hit = true;
		for (const char *p = k + n; *p; p++)
			if ((unsigned char)*p >= 0x80 && strncmp(p, "分", 3) != 0)
				hit = false;
			else if ((unsigned char)*p >= 0x80)
				p += 2;
	}
	free(k);
	return hit;
}

/* Title-row labels naming the unit when the table has no unit columns. */
static const struct {
	const char *key;
	ps_field field;
	int prio;
} labels[] = {
	{"单位名称", PS_F_UNIT_NAME, 3},     {"预算单位名称", PS_F_UNIT_NAME, 3},
	{"预算单位", PS_F_UNIT_NAME, 3},     {"部门名称", PS_F_UNIT_NAME, 3},
	{"部门单位名称", PS_F_UNIT_NAME, 3}, {"填报单位", PS_F_UNIT_NAME, 3},
	{"单位名称盖章", PS_F_UNIT_NAME, 3}, {"填报单位盖章", PS_F_UNIT_NAME, 3},
	{"单位", PS_F_UNIT_NAME, 1},         {"项目单位", PS_F_UNIT_NAME, 2},
	{"实施单位", PS_F_UNIT_NAME, 2},     {"主管部门", PS_F_UNIT_NAME, 1},
	{"单位编码", PS_F_UNIT_CODE, 3},     {"单位代码", PS_F_UNIT_CODE, 3},
	{"预算单位编码", PS_F_UNIT_CODE, 3}, {"预算单位代码", PS_F_UNIT_CODE, 3},
	{"部门编码", PS_F_UNIT_CODE, 3},
};

/* Find "单位名称：X" (or 单位名称 | X) in a row. */
static void row_labels(const ps_csv_row *r, char **name, int *name_prio, char **code)
{
	for (size_t c = 0; c < r->n; c++) {
		if (!(ps_cell_marks(r->f[c]) & PS_MK_UNIT))
			continue;
		char *cell = ps_norm_cell(r->f[c], r->len[c]);
		char *colon = strchr(cell, ':'), *wide = strstr(cell, "："); /* ASCII or fullwidth */
		size_t clen = 1;
		if (wide && (!colon || wide < colon)) {
			colon = wide;
			clen = 3;
		}
		char *key = ps_norm_key(cell, colon ? (size_t)(colon - cell) : strlen(cell), true);
		for (size_t l = 0; l < sizeof labels / sizeof labels[0]; l++) {
			if (strcmp(key, labels[l].key) != 0)
				continue;
			char *v = NULL;
			if (colon) {
				const char *p = colon + clen;
				size_t n = strcspn(p, "\t\n");
				const char *two = strstr(p, "  ");
				if (two && (size_t)(two - p) < n)
					n = (size_t)(two - p);
				n = ps_trim(&p, n);
				if (n)
					v = ps_xstrndup(p, n);
			}
			for (size_t d = c + 1; !v && d < r->n; d++) {
				char *nx = ps_norm_cell(r->f[d], r->len[d]);
				if (!ps_cell_placeholder(nx))
					v = nx;
				else
					free(nx);
			}
			/* "单位：万元" is the amount unit of the title, not a budget unit */
			if (v && (ps_cell_placeholder(v) || strcmp(v, "万元") == 0 || strcmp(v, "元") == 0 ||
			          strcmp(v, "千元") == 0 || strcmp(v, "亿元") == 0)) {
				free(v);
				v = NULL;
			}
			if (!v)
				break;
			if (labels[l].field == PS_F_UNIT_CODE && !*code) {
				*code = v;
			} else if (labels[l].field == PS_F_UNIT_NAME && labels[l].prio > *name_prio) {
				free(*name);
				*name = v;
				*name_prio = labels[l].prio;
			} else {
				free(v);
			}
			break;
		}
		free(key);
		free(cell);
	}
}

/* The 项目资金 label row: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分.
 * kb holds the keys, one after another. */
static bool budget_labels(const ps_csv_row *r, budget_cols *out, ps_buf *kb)
{
	budget_cols bc = {-1, -1, -1, -1, -1, 3}, *b = &bc;
	for (size_t c = 0; c < r->n && c < 10000; c++) {
		if (r->len[c] == 0 || r->len[c] > 60)
			continue;
		ps_buf_clear(kb);
		ps_name_key_buf(kb, r->f[c]);
		const char *k = kb->s;
		int col = (int)c;
		if (strncmp(k, "年初预算", 12) == 0)
			b->initial = col;
		else if (strncmp(k, "全年预算", 12) == 0)
			b->full = col;
		else if (strncmp(k, "全年执行", 12) == 0 || strncmp(k, "全年实际执行", 18) == 0)
			b->spent = col;
		else if (strcmp(k, "分值") == 0)
			b->points = col;
		else if (strcmp(k, "得分") == 0)
			b->score = col;
	}
	if (b->full < 0 || b->spent < 0)
		return false;
	*out = bc;
	return true;
}

static bool budget_cell(const ps_csv_row *r, int c, ps_dec *out)
{
	if (c < 0 || (size_t)c >= r->n)
		return false;
	const char *s = r->f[c];
	size_t n = ps_trim(&s, r->len[c]);
	return n > 0 && ps_dec_parse(out, s, n) == n;
}

/* Does a cell of the row of at most max bytes hold the word w (n >= 2
 * bytes, no NUL)? A row straight from the reader is searched whole: memchr
 * for the word's second byte (a continuation byte: far rarer in Chinese
 * text than any lead byte), then the word around each find, then the cell
 * it is in (the cells lie in order in the row's text). A copied row (the
 * rows read ahead) has no such view: a cell at a time. */
static bool row_short_cell_holds(const ps_csv_row *r, const char *w, size_t n, size_t max)
{
	if (!r->data) {
		for (size_t c = 0; c < r->n; c++)
			if (r->len[c] && r->len[c] <= max && ps_contains(r->f[c], r->len[c], w))
				return true;
		return false;
	}
	const char *p = r->data + 1, *end = r->data + r->data_len;
	size_t c = 0;
	while (p < end && (p = memchr(p, w[1], (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) >= n - 1 && memcmp(p - 1, w, n) == 0) {
			while (c + 1 < r->n && r->f[c + 1] <= p - 1)
				c++;
			if (r->len[c] <= max)
				return true;
			p = r->f[c] + r->len[c]; /* the cell's NUL: on to the next */
			continue;
		}
		p++;
	}
	return false;
}

/* Look for the block in one row: its label row, then (within three rows) the
 * row with the amounts. True when the row belonged to the block. yu: the
 * row may hold 预 (false: it surely does not, the row reader's pass over
 * the row found none). */
static bool budget_scan(ps_sheet *sh, const ps_csv_row *r, bool yu)
{
	budget_cols *b = &sh->bcols;
	/* the cheap test first: this runs on every row; then, as the label
	 * row's keys begin 全年预算 and 全年执行, a 全 somewhere (or U+FA72,
	 * the one character NFKC folds to it) before the keys are made */
	if (yu && row_short_cell_holds(r, "预算", 6, 60) &&
	    (!r->data || ps_contains(r->data, r->data_len, "全") || ps_contains(r->data, r->data_len, "\xEF\xA9\xB2")) &&
	    budget_labels(r, b, &sh->scratch))
		return true;
	if (b->rows_left <= 0)
		return false;
	b->rows_left--;
	ps_budget v = {0};
	v.has_full = budget_cell(r, b->full, &v.full);
	v.has_spent = budget_cell(r, b->spent, &v.spent);
	if (!v.has_full && !v.has_spent)
		return true;
	v.has_initial = budget_cell(r, b->initial, &v.initial);
	v.has_points = budget_cell(r, b->points, &v.points);
	v.has_score = budget_cell(r, b->score, &v.score);
	v.present = true;
	v.pos = (ps_pos){sh->src->name, r->line, 0, -1};
	sh->budget = v;
	b->rows_left = 0;
	return true;
}

/* dst = s[0..n): in place when it fits (the fill-down state is set on
 * every row, mostly to texts of the size it held before). */
static void set_strn(ps_buf *dst, const char *s, size_t n)
{
	if (n < dst->cap) {
		if (n)
			memmove(dst->s, s, n);
		dst->s[n] = '\0';
		dst->n = n;
		return;
	}
	ps_buf_clear(dst);
	ps_buf_add(dst, s, n);
}

static void set_str(ps_buf *dst, const char *s)
{
	set_strn(dst, s, strlen(s));
}

/* A bare 单位 column whose cells read like budget units (…局, …中心) holds
 * the unit name, not the measurement unit. */
static bool org_like(const char *s)
{
	static const char *const ends[] = {"局", "委", "办", "院", "中心", "所", "站", "队", "校", "馆",
	                                   "会", "部", "厅", "处", "室", "司", "公司", "政府", "学",
	                                   "园", "场", "社", "团", "台", "科", "街道", "镇", "乡", "村"};
	size_t n = strlen(s);
	if (ps_utf8_count(s, n) < 4 || strchr(s, '/'))
		return false;
	for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
		size_t m = strlen(ends[e]);
		if (n > m && strcmp(s + n - m, ends[e]) == 0)
			return true;
	}
	return false;
}

static void decide_bare_unit(ps_sheet *sh)
{
	ps_header *h = &sh->hdr;
	if (!(h->flags[PS_F_UNIT] & PS_AF_UNIT_BARE) || h->idx[PS_F_UNIT_NAME] >= 0)
		return;
	size_t c = (size_t)h->idx[PS_F_UNIT], n = 0, org = 0;
	for (size_t i = h->first + h->nrows; i < sh->nbuf; i++) {
		if (c >= sh->buf[i].n)
			continue;
		char *cell = ps_norm_cell(sh->buf[i].f[c], sh->buf[i].len[c]);
		if (!ps_cell_placeholder(cell)) {
			n++;
			org += org_like(cell);
		}
		free(cell);
	}
	if (n > 0 && 2 * org > n)
		ps_header_set(h, c, PS_F_UNIT_NAME);
}

/* Read rows into the look-ahead buffer until it holds `want` rows or the
 * input ends; returns PS_OK or PS_EINPUT (malformed CSV). */
static int buffer_rows(ps_sheet *sh, size_t want, ps_diags *diags)
{
	while (sh->nbuf < want) {
		ps_csv_row r;
		int rc = ps_csv_next(sh->csv, &r, diags);
		if (rc <= 0)
			return rc;
		if (sh->nbuf == sh->cap) {
			sh->cap = sh->cap ? sh->cap * 2 : 16;
			sh->buf = ps_xrealloc(sh->buf, sh->cap * sizeof *sh->buf);
		}
		ps_csv_row_copy(&sh->buf[sh->nbuf++], &r);
	}
	return PS_OK;
}

static int read_ahead(ps_sheet *sh, char delim, ps_hdr_kind kind, ps_diags *diags, bool *found)
{
	*found = false;
	sh->csv = ps_csv_new(sh->src->text, sh->src->len, sh->src->name, delim);
	int rc = buffer_rows(sh, HEAD_ROWS, diags);
	if (rc != PS_OK || !ps_header_detect(&sh->hdr, sh->buf, sh->nbuf, kind))
		return rc;
	*found = true;
	/* a sample of data rows to decide column roles */
	return buffer_rows(sh, sh->hdr.first + sh->hdr.nrows + SAMPLE_ROWS, diags);
}

static void drop_buffer(ps_sheet *sh)
{
	for (size_t i = 0; i < sh->nbuf; i++)
		ps_csv_row_dispose(&sh->buf[i]);
	free(sh->buf);
	sh->buf = NULL;
	sh->nbuf = sh->ibuf = sh->cap = 0;
	ps_csv_free(sh->csv);
	sh->csv = NULL;
}

static bool cpu_avx2(void)
{
#if defined(PS_ROW_SPECIAL_AVX2)
	return ps_cpu_avx2();
#else
	return false;
#endif
}

int ps_sheet_open(ps_sheet **out, const ps_source *src, ps_hdr_kind kind, ps_diags *diags)
{
	*out = NULL;
	ps_sheet *sh = ps_xcalloc(1, sizeof *sh);
	sh->src = src;
	ps_diags local = PS_DIAGS_INIT;
	bool found = false;
	int rc = read_ahead(sh, ',', kind, &local, &found);
	if (rc == PS_OK && !found && memchr(src->text, '\t', src->len)) {
		/* tab-separated text (copied out of a spreadsheet) */
		ps_diags tab = PS_DIAGS_INIT;
		ps_sheet *alt = ps_xcalloc(1, sizeof *alt);
		alt->src = src;
		bool found2 = false;
		if (read_ahead(alt, '\t', kind, &tab, &found2) == PS_OK && found2) {
			ps_sheet_free(sh);
			sh = alt;
			found = true;
			ps_diags_clear(&local);
			ps_diags_move(&local, &tab);
		} else {
			ps_sheet_free(alt);
		}
		ps_diags_dispose(&tab);
	}
	ps_diags_move(diags, &local);
	ps_diags_dispose(&local);
	if (rc != PS_OK) {
		ps_sheet_free(sh);
		return rc;
	}
	ps_pos at1 = {src->name, 1, 0, -1};
	if (sh->nbuf == 0) {
		ps_diags_add(diags, PS_D_EMPTY, at1, "no rows: the file holds only blank lines");
		ps_sheet_free(sh);
		return PS_EINPUT;
	}
	if (!found || (kind == PS_HDR_TARGETS && sh->hdr.idx[PS_F_NAME] < 0)) {
		if (kind == PS_HDR_TARGETS)
			ps_diags_add(diags, PS_D_NO_HEADER, at1,
			             "no header row naming the indicator column (三级指标/指标名称)");
		else
			ps_diags_add(diags, PS_D_NO_HEADER, at1,
			             "no header row naming the indicator (三级指标/指标编码) and the actual "
			             "value (实际完成值/实际值)");
		ps_sheet_free(sh);
		return PS_EINPUT;
	}
	decide_bare_unit(sh);
	sh->unit_cols = sh->hdr.idx[PS_F_UNIT_CODE] >= 0 || sh->hdr.idx[PS_F_UNIT_NAME] >= 0;
	set_str(&sh->code, "");
	set_str(&sh->uname, "");
	set_str(&sh->l1, "");
	set_str(&sh->l2, "");
	for (size_t i = 0; i < sh->hdr.first; i++)
		budget_scan(sh, &sh->buf[i], true);
	sh->bcols.rows_left = 0;
	if (!sh->unit_cols) {
		char *name = NULL, *code = NULL;
		int prio = 0;
		for (size_t i = 0; i < sh->hdr.first; i++)
			row_labels(&sh->buf[i], &name, &prio, &code);
		if (name)
			set_str(&sh->uname, name);
		if (code)
			set_str(&sh->code, code);
		free(name);
		free(code);
	}
	sh->ibuf = sh->hdr.first + sh->hdr.nrows;
	sh->avx2 = cpu_avx2();
	for (int f = 1; f < PS_F__COUNT; f++)
		if (sh->hdr.idx[f] >= 0) {
			sh->map[sh->nmap].field = f;
			sh->map[sh->nmap].col = (size_t)sh->hdr.idx[f];
			sh->nmap++;
		}
	*out = sh;
	return PS_OK;
}

static void fill_down(ps_sheet *sh, ps_sheet_row *row);

/* A copy of a header (the second part of a split text reads with it). */
static void header_copy(ps_header *dst, const ps_header *src)
{
	*dst = *src;
	dst->col = ps_xmalloc((src->ncol ? src->ncol : 1) * sizeof *dst->col);
	dst->text = ps_xmalloc((src->ncol ? src->ncol : 1) * sizeof *dst->text);
	for (size_t c = 0; c < src->ncol; c++) {
		dst->col[c] = src->col[c];
		dst->text[c] = src->text[c] ? ps_xstrdup(src->text[c]) : NULL;
	}
	dst->rep = ps_xmalloc((src->ncol ? src->ncol : 1) * sizeof *dst->rep);
	if (src->nrep)
		memcpy(dst->rep, src->rep, src->nrep * sizeof *dst->rep);
}

char ps_sheet_delim(const ps_sheet *sh)
{
	return ps_csv_delim(sh->csv);
}

bool ps_sheet_stop_at(ps_sheet *sh, size_t end)
{
	/* a resumed sheet may be told too, before its first row (a text in
	 * more than two parts) */
	return sh->csv && sh->resume <= 1 && ps_csv_stop_at(sh->csv, end);
}

void ps_sheet_share(ps_sheet *sh, size_t batch_bytes)
{
	if (sh->csv)
		ps_csv_share(sh->csv, batch_bytes);
}

bool ps_sheet_help(ps_sheet *sh)
{
	return sh->csv && ps_csv_help(sh->csv);
}

ps_sheet *ps_sheet_resume(const ps_sheet *like, size_t offset, uint32_t line)
{
	ps_sheet *sh = ps_xcalloc(1, sizeof *sh);
	sh->src = like->src;
	header_copy(&sh->hdr, &like->hdr);
	sh->unit_cols = like->unit_cols;
	sh->nmap = like->nmap;
	sh->avx2 = like->avx2;
	memcpy(sh->map, like->map, sizeof sh->map);
	set_str(&sh->code, "");
	set_str(&sh->uname, "");
	set_str(&sh->l1, "");
	set_str(&sh->l2, "");
	sh->csv = ps_csv_new_at(like->src->text, like->src->len, like->src->name, ps_csv_delim(like->csv), offset,
	                        line);
	sh->resume = 1;
	sh->resume_at = offset;
	sh->resume_line = line;
	return sh;
}

bool ps_sheet_joins(ps_sheet *first, const ps_sheet *rest)
{
	/* the first part read every line up to the rest's start, ended between
	 * records on the rest's line, with nothing carried to the next row */
	if (!first->csv || !ps_csv_clean_end(first->csv) || ps_csv_pos(first->csv) != rest->resume_at ||
	    ps_csv_line(first->csv) != rest->resume_line || first->ibuf < first->nbuf)
		return false;
	if (first->unit_changed || first->bcols.rows_left > 0 || first->budget.present)
		return false;
	/* the rest's first row was a data row, and filled down from where the
	 * first part ended it gives the state it gave from blank */
	if (rest->resume != 2)
		return false;
	ps_sheet_row tmp;
	memset(&tmp, 0, sizeof tmp);
	for (int f = 0; f < PS_F__COUNT; f++)
		tmp.cell[f] = ps_str_empty;
	for (int i = 0; i < 4; i++) {
		tmp.cell[fill_fields[i]] = rest->first_cell[i].s ? rest->first_cell[i].s : ps_str_empty;
		tmp.len[fill_fields[i]] = rest->first_cell[i].n;
		tmp.own[fill_fields[i]] = rest->first_own[i];
	}
	fill_down(first, &tmp);
	const char *after[4] = {first->code.s, first->uname.s, first->l1.s, first->l2.s};
	for (int i = 0; i < 4; i++)
		if (strcmp(after[i], rest->first_after[i].s ? rest->first_after[i].s : "") != 0)
			return false;
	return true;
}

const ps_header *ps_sheet_header(const ps_sheet *sh)
{
	return &sh->hdr;
}

uint32_t ps_sheet_header_line(const ps_sheet *sh)
{
	return sh->hdr.first < sh->nbuf ? sh->buf[sh->hdr.first].line : 1;
}

char ps_str_empty[1];

void ps_str_free(char *s)
{
	if (s != ps_str_empty)
		free(s);
}

char *ps_row_take(ps_sheet_row *row, ps_field f)
{
	size_t n = row->len[f];
	char *s = ps_str_empty;
	if (n) {
		s = ps_xmalloc(n + 1);
		memcpy(s, row->cell[f], n + 1);
	}
	row->cell[f] = ps_str_empty;
	row->len[f] = 0;
	return s;
}

void ps_sheet_free(ps_sheet *sh)
{
	if (!sh)
		return;
	drop_buffer(sh);
	ps_header_dispose(&sh->hdr);
	ps_buf_dispose(&sh->code);
	ps_buf_dispose(&sh->uname);
	ps_buf_dispose(&sh->l1);
	ps_buf_dispose(&sh->l2);
	ps_buf_dispose(&sh->clean);
	ps_buf_dispose(&sh->scratch);
	ps_buf_dispose(&sh->cells);
	for (int i = 0; i < 4; i++) {
		ps_buf_dispose(&sh->first_cell[i]);
		ps_buf_dispose(&sh->first_after[i]);
	}
	free(sh);
}

static int raw_next(ps_sheet *sh, ps_csv_row *r, ps_diags *diags)
{
	if (sh->ibuf < sh->nbuf) {
		*r = sh->buf[sh->ibuf++];
		return 1;
	}
	return sh->csv ? ps_csv_next(sh->csv, r, diags) : 0;
}

static bool row_blank(const ps_csv_row *r)
{
	for (size_t c = 0; c < r->n; c++)
		if (r->len[c] > 0 && !placeholder(r->f[c]))
			return false;
	return true;
}

/* Is the cell s[0..n) of a reader's row (PS_CSV_PAD bytes after it) all
 * ASCII? */
static inline bool ascii_cell(const char *s, size_t n)
{
#if defined(__SSE2__)
	for (size_t i = 0; i < n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (n - i < 16)
			m &= (1u << (n - i)) - 1;
		if (m)
			return false;
	}
	return true;
#else
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
#endif
}

/* Signature lines under a form: 填表人：…, 联系电话：…, 注：… */
static bool footer_word(const char *cell)
{
	static const char *const words[] = {"填表人", "填报人", "联系人", "联系电话", "审核人", "负责人",
	                                    "单位负责人", "财务负责人", "项目负责人", "制表人", "填表日期",
	                                    "填报日期", "注:", "说明:", "备注:"};
	if (!maybe_footer(cell))
		return false;
	char *k = ps_norm_key(cell, strlen(cell), true);
	bool hit = false;
	for (size_t w = 0; w < sizeof words / sizeof words[0] && !hit; w++)
		hit = strncmp(k, words[w], strlen(words[w])) == 0;
	free(k);
	return hit;
}

#if defined(__SSE2__)
/* Could the cell s[0..n) (16 readable bytes after it) hold a character of
 * PS_MK_FOOTER: 人 话 話 注 註, or 期 and 明 (the second characters of 日期
 * and 说明)? Their last bytes (BA 9D B1 A8 BB 9F 8E) right after one of
 * their middle bytes (BA AF A9 B3 A8 9C 98) are marked, then tested
 * exactly: false means ps_cell_marks finds no PS_MK_FOOTER. */
static bool footer_maybe(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned mid = 0;
	for (size_t i = 0; i < n; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i y = _mm_or_si128(_mm_or_si128(_mm_or_si128(eq8(a, (char)0xBA), eq8(a, (char)0x9D)),
		                                      _mm_or_si128(eq8(a, (char)0xB1), eq8(a, (char)0xA8))),
		                         _mm_or_si128(_mm_or_si128(eq8(a, (char)0xBB), eq8(a, (char)0x9F)), eq8(a, (char)0x8E)));
		__m128i z = _mm_or_si128(_mm_or_si128(_mm_or_si128(eq8(a, (char)0xBA), eq8(a, (char)0xAF)),
		                                      _mm_or_si128(eq8(a, (char)0xA9), eq8(a, (char)0xB3))),
		                         _mm_or_si128(_mm_or_si128(eq8(a, (char)0xA8), eq8(a, (char)0x9C)), eq8(a, (char)0x98)));
		unsigned mids = (unsigned)_mm_movemask_epi8(z);
		unsigned m = (unsigned)_mm_movemask_epi8(y) & (mids << 1 | mid);
		mid = mids >> 15;
		if (n - i < 16)
			m &= (1u << (n - i)) - 1;
		for (; m; m &= m - 1) {
			size_t j = i + (size_t)__builtin_ctz(m);
			if (j < 2)
				continue;
			uint32_t v = (uint32_t)u[j - 2] << 16 | (uint32_t)u[j - 1] << 8 | u[j];
			if (v == 0xE4BABA || v == 0xE8AF9D || v == 0xE8A9B1 || v == 0xE6B3A8 || v == 0xE8A8BB ||
			    v == 0xE69C9F || v == 0xE6988E)
				return true;
		}
	}
	return false;
}
#endif

/* Is column c of the row a 三级, 一级 or 二级 cell lent unchanged (so its
 * class is the cell's) in which ps_cell_marks would find neither
 * PS_MK_TOTAL nor PS_MK_FOOTER? False when it cannot tell cheaply. */
static inline bool classed_plain(const ps_sheet *sh, const ps_csv_row *r, const ps_sheet_row *row, size_t c)
{
#if defined(__SSE2__)
	static const ps_field keys[3] = {PS_F_NAME, PS_F_LEVEL1, PS_F_LEVEL2};
	for (int i = 0; i < 3; i++) {
		ps_field f = keys[i];
		if (sh->hdr.idx[f] == (int)c)
			return row->cell[f] == r->f[c] && (row->cls[f] & (CLS_KNOWN | CLS_TOTAL)) == CLS_KNOWN &&
			       !footer_maybe(r->f[c], r->len[c]);
	}
#else
	(void)sh;
	(void)r;
	(void)row;
	(void)c;
#endif
	return false;
}

/* A total row (合计, 总分) or a footer (填表人：…): in a key cell, or as the
 * row's first text. */
static bool row_is_total(const ps_sheet *sh, const ps_csv_row *r, const ps_sheet_row *row)
{
	static const ps_field keys[3] = {PS_F_NAME, PS_F_LEVEL1, PS_F_LEVEL2};
	for (int i = 0; i < 3; i++) {
		ps_field f = keys[i];
		/* the class answers most cells without a call (no 计 总 計 總) */
		unsigned cls = row->cls[f];
		if (row->len[f] && (!(cls & CLS_KNOWN) || (cls & CLS_TOTAL)) &&
		    total_word(row->cell[f], row->len[f], cls))
			return true;
	}
	for (size_t c = 0; c < r->n; c++) {
		const char *s = r->f[c];
		if (!r->len[c])
			continue;
		/* a cell starting with no white space's first byte is not blank */
		unsigned char b = (unsigned char)s[0];
		bool text = b > ' ' && b != 0xC2 && b != 0xE2 && b != 0xE3 && b != 0xEF;
		if (!text && ps_trim(&s, r->len[c]) == 0)
			continue;
		/* the words are ideographs: a code or a number (the first cell
		 * of many rows) has none; a key cell lent as it is (the first
		 * text of most rows) was classed: no total word there, and one
		 * pass for the footer's characters instead of ps_cell_marks */
		if (classed_plain(sh, r, row, c) || ascii_cell(r->f[c], r->len[c]) ||
		    !(ps_cell_marks(r->f[c]) & (PS_MK_TOTAL | PS_MK_FOOTER)))
			return false;
		char *cell = ps_norm_cell(r->f[c], r->len[c]);
		bool t = total_word(cell, strlen(cell), 0) || footer_word(cell);
		free(cell);
		return t;
	}
	return false;
}

/* A group cell (field f, its points in slot k) cleaned and squeezed, lent:
 * the cell itself when clean() would not change it (most rows repeat or
 * restate their group), else sh->clean. *n is its length. */
static const char *clean_lend(ps_sheet *sh, ps_sheet_row *row, ps_field f, int k, size_t *n)
{
	const char *s = row->cell[f];
	if (!needs_clean_fast(s, row->cls[f])) {
		row->has_group_points[k] = false;
		row->group_points[k] = 0;
		*n = row->len[f];
		return s;
	}
	clean_into(&sh->clean, &sh->scratch, s, row->len[f], NULL, &row->has_group_points[k], &row->group_points[k],
	           true, row->cls[f]);
	*n = sh->clean.n;
	return sh->clean.s;
}

static void fill_down(ps_sheet *sh, ps_sheet_row *row)
{
	row->new_unit = sh->unit_changed;
	sh->unit_changed = false;
	const char *code = row->own[PS_F_UNIT_CODE] ? row->cell[PS_F_UNIT_CODE] : NULL;
	const char *uname = row->own[PS_F_UNIT_NAME] ? row->cell[PS_F_UNIT_NAME] : NULL;
	size_t ncode = row->len[PS_F_UNIT_CODE], nuname = row->len[PS_F_UNIT_NAME];
	if (code && (ncode != sh->code.n || memcmp(code, sh->code.s, ncode) != 0)) {
		set_strn(&sh->code, code, ncode);
		set_strn(&sh->uname, uname ? uname : "", uname ? nuname : 0);
		row->new_unit = true;
	} else if (!code && uname && (nuname != sh->uname.n || memcmp(uname, sh->uname.s, nuname) != 0)) {
		set_str(&sh->code, "");
		set_strn(&sh->uname, uname, nuname);
		row->new_unit = true;
	} else if (code && uname && !sh->uname.s[0]) {
		set_strn(&sh->uname, uname, nuname);
	}
	/* a new unit empties the levels, a new 一级 the 二级: each is written
	 * once, with what the row gives it or "" (every actual row starts
	 * another unit, its rows being shuffled) */
	bool clear1 = row->new_unit, clear2 = row->new_unit;
	row->level1_here = row->level2_here = false;
	if (row->own[PS_F_LEVEL1]) {
		size_t n;
		const char *l1 = clean_lend(sh, row, PS_F_LEVEL1, 0, &n);
		if (n) {
			row->level1_here = true;
			if (clear1 || n != sh->l1.n || memcmp(l1, sh->l1.s, n) != 0) {
				set_strn(&sh->l1, l1, n);
				clear1 = false;
				clear2 = true;
			}
		}
	}
	if (clear1)
		set_strn(&sh->l1, "", 0);
	if (row->own[PS_F_LEVEL2]) {
		size_t n;
		const char *l2 = clean_lend(sh, row, PS_F_LEVEL2, 1, &n);
		if (n) {
			row->level2_here = true;
			if (clear2 || n != sh->l2.n || memcmp(l2, sh->l2.s, n) != 0) {
				set_strn(&sh->l2, l2, n);
				clear2 = false;
			}
		}
	}
	if (clear2)
		set_strn(&sh->l2, "", 0);
	row->unit_code = sh->code.s;
	row->unit_name = sh->uname.s;
	row->level1 = sh->l1.s;
	row->level2 = sh->l2.s;
	row->level1_len = sh->l1.n;
	row->level2_len = sh->l2.n;
}

static void warn_long(const ps_csv_row *r, const char *file, ps_diags *diags)
{
	if (r->data && r->data_len <= PS_FIELD_LONG)
		return; /* the whole row is shorter */
	for (size_t c = 0; c < r->n; c++)
		if (r->len[c] > PS_FIELD_LONG)
			ps_diags_add(diags, PS_D_FIELD_TOO_LONG, (ps_pos){file, r->line, 0, -1},
			             "cell in column %zu holds %zu characters: kept as it is", c + 1,
			             ps_utf8_count(r->f[c], r->len[c]));
}

/* Keep the 分值/得分 of a 合计 row for `audit`; a 小计 row is a part, not the total. */
static void note_total(ps_sheet *sh, const ps_csv_row *r, const ps_sheet_row *row)
{
	for (size_t c = 0; c < r->n; c++)
		if (r->len[c] && (ps_contains(r->f[c], r->len[c], "小计") || ps_contains(r->f[c], r->len[c], "小計")))
			return;
	ps_stated_total t = {0};
	t.has_points = row->own[PS_F_POINTS] && ps_points_parse(&t.points, row->cell[PS_F_POINTS]);
	t.has_score = row->own[PS_F_SCORE] && ps_points_parse(&t.score, row->cell[PS_F_SCORE]);
	if (!t.has_points && !t.has_score)
		return;
	t.present = true;
	t.pos = (ps_pos){sh->src->name, r->line, 0, -1};
	sh->total = t;
}

bool ps_sheet_take_total(ps_sheet *sh, ps_stated_total *out)
{
	if (!sh->total.present)
		return false;
	*out = sh->total;
	sh->total.present = false;
	return true;
}

/* The row's cells of the header's fields, normalised into sh->cells: one
 * buffer for the row, as most cells are looked at and dropped (a cell the
 * loader keeps is copied by ps_row_take). The text holds no NUL (the
 * source refuses it), so a cell's length is its strlen. */
static void read_cells(ps_sheet *sh, const ps_csv_row *r, ps_sheet_row *row, bool quiet)
{
	/* normalising never lengthens a cell: the reader's whole row (every
	 * cell with its NUL) bounds the cells kept, without a loop over them */
	size_t need = PS_CSV_PAD;
	if (r->data)
		need += r->data_len;
	else
		for (size_t k = 0; k < sh->nmap; k++)
			if (sh->map[k].col < r->n)
				need += r->len[sh->map[k].col] + 1;
	if (need > sh->cells.cap) {
		/* zeroed: the padding cell_class reads after a cell is defined */
		sh->cells.s = ps_xrealloc(sh->cells.s, need);
		memset(sh->cells.s + sh->cells.cap, 0, need - sh->cells.cap);
		sh->cells.cap = need;
	}
	for (int f = 0; f < PS_F__COUNT; f++)
		row->cell[f] = ps_str_empty;
	char *o = sh->cells.s;
	/* the fields the header lacks stay "" (0 and false from the start:
	 * only here and in ps_row_take, which empties a cell, are they set),
	 * so only the header's are cleared: a memset of the arrays cost a
	 * slow rep stos per row */
	for (size_t k = 0; k < sh->nmap; k++) {
		size_t c = sh->map[k].col;
		int f = sh->map[k].field;
		row->len[f] = 0;
		row->own[f] = false;
		if (c >= r->n || !r->len[c])
			continue;
		/* a cell that normalising leaves as it is (most) stays where
		 * the reader put it, NUL and padding included */
		size_t n = r->len[c];
		const char *v = r->f[c];
		if (!(quiet ? ps_cell_ends_plain(v, n) : ps_cell_view_plain(v, n))) {
			v = ps_norm_cell_view(o, v, n, &n);
			if (!n)
				continue;
		}
		row->cell[f] = (char *)v;
		row->len[f] = n;
		row->own[f] = !placeholder(v);
		if (v == o)
			o += n + 1;
	}
	/* after the loop: a test of the field per cell mispredicted often (the
	 * fields of a row come in the header's order); a field has one column */
	if (row->len[PS_F_NAME])
		row->cls[PS_F_NAME] = (unsigned char)cell_class(row->cell[PS_F_NAME], row->len[PS_F_NAME]);
	if (row->len[PS_F_LEVEL1])
		row->cls[PS_F_LEVEL1] = (unsigned char)cell_class(row->cell[PS_F_LEVEL1], row->len[PS_F_LEVEL1]);
	if (row->len[PS_F_LEVEL2])
		row->cls[PS_F_LEVEL2] = (unsigned char)cell_class(row->cell[PS_F_LEVEL2], row->len[PS_F_LEVEL2]);
}

int ps_sheet_next(ps_sheet *sh, ps_sheet_row **row, ps_diags *diags)
{
	ps_sheet_row *cur = &sh->row;
	for (;;) {
		ps_csv_row r;
		int rc = raw_next(sh, &r, diags);
		if (rc <= 0)
			return rc;
		bool first = sh->resume == 1;
		if (first)
			sh->resume = r.offset == sh->resume_at ? 3 : 4;
		if (ps_header_repeats(&sh->hdr, &r) || row_blank(&r))
			continue;
		/* one pass over the row: a row with no byte inside a cell that
		 * normalising changes (most) is quiet, only each cell's ends are
		 * looked at; and a row without 预 is no 项目资金 label row */
		bool quiet = false, yu = true;
#if defined(PS_ROW_SPECIAL_AVX2)
		if (sh->avx2 && r.data)
			quiet = !ps_row_special_avx2((const unsigned char *)r.data, r.data_len,
			                             (const unsigned char *)"\xE9\xA2\x84", &yu);
#endif
		if (budget_scan(sh, &r, yu))
			continue;
		/* the rest of *cur is set on the way to the return (len and own
		 * by read_cells) */
		cur->cls[PS_F_NAME] = cur->cls[PS_F_LEVEL1] = cur->cls[PS_F_LEVEL2] = 0;
		cur->has_group_points[0] = cur->has_group_points[1] = false;
		cur->group_points[0] = cur->group_points[1] = 0;
		read_cells(sh, &r, cur, quiet);
		if (row_is_total(sh, &r, cur)) {
			note_total(sh, &r, cur);
			continue;
		}
		if (!sh->unit_cols && !cur->own[PS_F_TARGET] && !cur->own[PS_F_RULE] && !cur->own[PS_F_POINTS]) {
			char *name = NULL, *code = NULL;
			int prio = 0;
			row_labels(&r, &name, &prio, &code);
			if (name || code) {
				set_str(&sh->uname, name ? name : "");
				set_str(&sh->code, code ? code : "");
				set_str(&sh->l1, "");
				set_str(&sh->l2, "");
				sh->unit_changed = true;
				free(name);
				free(code);
				continue;
			}
		}
		warn_long(&r, sh->src->name, diags);
		cur->pos = (ps_pos){sh->src->name, r.line, 0, -1};
		cur->offset = r.offset;
		if (first && sh->resume == 3) {
			for (int i = 0; i < 4; i++)
				set_str(&sh->first_cell[i], cur->cell[fill_fields[i]]);
			for (int i = 0; i < 4; i++)
				sh->first_own[i] = cur->own[fill_fields[i]];
		}
		fill_down(sh, cur);
		if (first && sh->resume == 3) {
			sh->resume = 2;
			set_str(&sh->first_after[0], sh->code.s);
			set_str(&sh->first_after[1], sh->uname.s);
			set_str(&sh->first_after[2], sh->l1.s);
			set_str(&sh->first_after[3], sh->l2.s);
		}
		if (!needs_clean_fast(cur->cell[PS_F_NAME], cur->cls[PS_F_NAME])) {
			/* most names: the cell itself, lent like the rest of the row */
			cur->name_num = PS_NUM_NONE;
			cur->has_group_points[2] = false;
			cur->group_points[2] = 0;
			cur->name = cur->cell[PS_F_NAME];
			cur->name_len = cur->len[PS_F_NAME];
		} else {
			clean_into(&sh->clean, &sh->scratch, cur->cell[PS_F_NAME], cur->len[PS_F_NAME], &cur->name_num,
			           &cur->has_group_points[2], &cur->group_points[2], false, cur->cls[PS_F_NAME]);
			cur->name = sh->clean.s;
			cur->name_len = sh->clean.n;
		}
		cur->budget = NULL;
		if (sh->budget.present) {
			sh->handed = sh->budget;
			sh->budget.present = false;
			cur->budget = &sh->handed;
		}
		*row = cur;
		return 1;
	}
}
