/* cnum.c: numbers written in Arabic digits (also fullwidth) or in Chinese
 * numerals: 一 两 二 … 十 百 千 万 亿, 零点五, 半, 二〇二六, 一百二 (= 120). */
#include <string.h>
#include "perfscore/text.h"
#include "perfscore/value.h"

/* Chinese digits, including the financial forms (壹 贰 …). */
static const struct {
	int32_t cp;
	int v;
} cdigits[] = {
	{0x96F6, 0}, {0x3007, 0},              /* 零 〇 */
	{0x4E00, 1}, {0x58F9, 1},              /* 一 壹 */
	{0x4E8C, 2}, {0x4E24, 2}, {0x8D30, 2}, /* 二 两 贰 */
	{0x5169, 2}, {0x8CB3, 2},              /* 兩 貳 */
	{0x4E09, 3}, {0x53C1, 3},              /* 三 叁 */
	{0x56DB, 4}, {0x8086, 4},              /* 四 肆 */
	{0x4E94, 5}, {0x4F0D, 5},              /* 五 伍 */
	{0x516D, 6}, {0x9646, 6}, {0x9678, 6}, /* 六 陆 陸 */
	{0x4E03, 7}, {0x67D2, 7},              /* 七 柒 */
	{0x516B, 8}, {0x634C, 8},              /* 八 捌 */
	{0x4E5D, 9}, {0x7396, 9},              /* 九 玖 */
};

static const struct {
	int32_t cp;
	int64_t v;
} cunits[] = {
	{0x5341, 10}, {0x62FE, 10},       /* 十 拾 */
	{0x767E, 100}, {0x4F70, 100},     /* 百 佰 */
	{0x5343, 1000}, {0x4EDF, 1000},   /* 千 仟 */
	{0x4E07, 10000}, {0x842C, 10000}, /* 万 萬 */
	{0x4EBF, 100000000}, {0x5104, 100000000}, /* 亿 億 */
};

#define CP_DIAN 0x70B9 /* 点 */
#define CP_DIAN_T 0x9EDE /* 點 */
#define CP_BAN 0x534A  /* 半 */

static int cdigit(int32_t c)
{
	for (size_t i = 0; i < sizeof cdigits / sizeof *cdigits; i++)
		if (cdigits[i].cp == c)
			return cdigits[i].v;
	return -1;
}

static int64_t cunit(int32_t c)
{
	for (size_t i = 0; i < sizeof cunits / sizeof *cunits; i++)
		if (cunits[i].cp == c)
			return cunits[i].v;
	return 0;
}

/* Arabic digits, possibly fullwidth: gather the folded ASCII number
 * characters and let ps_dec_parse read them; map its length back to bytes. */
static size_t arabic(ps_dec *out, const char *s, size_t len)
{
	char tmp[72];
	size_t off[72];
	size_t k = 0, b = 0;
	while (b < len && k < 64) {
		int32_t c = (unsigned char)s[b];
		int n = 1;
		if (c >= 0x80) { /* ASCII folds to itself: decode only the rest */
			n = ps_utf8_decode(s + b, len - b, &c);
			if (n <= 0)
				break;
			c = ps_fold_cp(c);
		}
		if (!((c >= '0' && c <= '9') || c == '.' || c == ',' || c == ' '))
			break;
		off[k] = b;
		tmp[k++] = (char)c;
		b += (size_t)n;
	}
	off[k] = b;
	size_t used = ps_dec_parse(out, tmp, k);
	return used ? off[used] : 0;
}

size_t ps_cnum_parse(ps_dec *out, const char *s, size_t len)
{
	*out = 0;
	int32_t c;
	int n = ps_utf8_decode(s, len, &c);
	if (n <= 0)
		return 0;
	int32_t f = ps_fold_cp(c);
	if (f >= '0' && f <= '9')
		return arabic(out, s, len);
	if (c == CP_BAN) {
		*out = PS_DEC_SCALE / 2;
		return (size_t)n;
	}
	/* total: completed 万/亿 groups; section: below 万; num: pending digit. */
	int64_t total = 0, section = 0, num = -1, last_unit = 0;
	bool prev_digit = false, prev_unit = false, zero = false, any = false;
	bool ellipsis = false; /* a digit right after 百/千/万: 一百二 = 120 */
	size_t b = 0, end = 0;
	ps_dec frac = 0;
	while (b < len) {
		n = ps_utf8_decode(s + b, len - b, &c);
		if (n <= 0)
			break;
		int d = cdigit(c);
		int64_t u = cunit(c);
		if (d >= 0) {
			if (prev_digit && num >= 0 && num < INT64_C(100000000000))
				num = num * 10 + d; /* 二〇二六: digit by digit */
			else
				num = d;
			ellipsis = prev_unit && !zero && d != 0;
			if (d == 0)
				zero = true;
			prev_digit = true;
			prev_unit = false;
		} else if (u >= 10 && u <= 1000) {
			if (num < 0 && !(u == 10 && !any))
				break; /* 百 千 need a digit before them; 十 alone is 10 */
			section += (num < 0 ? 1 : num) * u;
			num = -1;
			last_unit = u;
			prev_unit = true;
			prev_digit = zero = ellipsis = false;
		} else if (u >= 10000) {
			if (num < 0 && section == 0 && total == 0)
				break; /* 万 alone is not a number */
			int64_t part = section + (num < 0 ? 0 : num);
			int64_t cap = INT64_C(1000000000000) / u; /* saturate, never overflow */
			if (u == 10000)
				total += (part > cap ? cap + 1 : part) * u;
			else
				total = (total + part > cap ? cap + 1 : total + part) * u;
			section = 0;
			num = -1;
			last_unit = u;
			prev_unit = true;
			prev_digit = zero = ellipsis = false;
		} else if ((c == CP_DIAN || c == CP_DIAN_T) && any) {
			/* 零点五: fraction digits one by one, only if a digit follows */
			size_t fb = b + (size_t)n;
			int32_t fc;
			int fn, fd, nf = 0;
			ps_dec scale = PS_DEC_SCALE / 10;
			while (fb < len && (fn = ps_utf8_decode(s + fb, len - fb, &fc)) > 0 && (fd = cdigit(fc)) >= 0) {
				if (nf < 6)
					frac += fd * scale;
				scale /= 10;
				nf++;
				fb += (size_t)fn;
			}
			if (nf == 0)
				break;
			end = fb;
			break;
		} else if (c == CP_BAN && num == 1 && section == 0 && total == 0) {
			*out = PS_DEC_SCALE / 2; /* 一半 */
			return b + (size_t)n;
		} else {
			break;
		}
		any = true;
		b += (size_t)n;
		end = b;
		if (total > INT64_C(1000000000000))
			break;
	}
	if (!any)
		return 0;
	if (num >= 0 && ellipsis && last_unit >= 100)
		num *= last_unit / 10;
	int64_t v = total + section + (num < 0 ? 0 : num);
	if (v > INT64_C(1000000000000))
		v = INT64_C(1000000000000);
	*out = v * PS_DEC_SCALE + frac;
	return end;
}
