/* test_dec.c: ps_dec_round, ps_dec_format and ps_dec_parse against slow
 * references (128-bit rounding and parsing, snprintf and trimming): their
 * fast paths for integers and 64-bit values must give exactly what the
 * general code gives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/dec.h"
#include "util/digits.h"

typedef __int128 i128;

/* Half away from zero, in 128 bits. */
static ps_dec ref_round(ps_dec a, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals >= 6)
		return a;
	i128 unit = 1;
	for (int k = decimals; k < 6; k++)
		unit *= 10;
	i128 q = (i128)a / unit, r = (i128)a % unit;
	if (r < 0)
		r = -r;
	if (2 * r >= unit)
		q += a < 0 ? -1 : 1;
	return (ps_dec)(q * unit);
}

/* snprintf of all six decimals, then trimmed to [min_dec, max_dec]. */
static void ref_format(char *out, size_t size, ps_dec v, int min_dec, int max_dec)
{
	if (max_dec > 6)
		max_dec = 6;
	if (max_dec < 0)
		max_dec = 0;
	if (min_dec > max_dec)
		min_dec = max_dec;
	if (min_dec < 0)
		min_dec = 0;
	v = ref_round(v, max_dec);
	unsigned long long a = v < 0 ? (unsigned long long)(-(i128)v) : (unsigned long long)v;
	char full[64];
	snprintf(full, sizeof full, "%s%llu.%06llu", v < 0 ? "-" : "", a / 1000000, a % 1000000);
	char *dot = strchr(full, '.');
	int nd = max_dec;
	while (nd > min_dec && dot[nd] == '0')
		nd--;
	dot[nd ? nd + 1 : 0] = '\0';
	snprintf(out, size, "%s", full);
}

static const ps_dec tricky[] = {
	0, 1, -1, 5, -5, 499999, 500000, -500000, 999999, 1000000, -1000000, 1500000, -1500000,
	2500000, -2500000, 94999999, 95000000, 98500000, 98505000, 98504999, -98505000,
	123456789, -123456789, 1000000000000, PS_DEC_MAX, -PS_DEC_MAX, PS_DEC_MAX - 1,
	(INT64_C(1) << 62) - 1, (INT64_C(1) << 62), (INT64_C(1) << 62) + 500000,
	-(INT64_C(1) << 62) + 1, -(INT64_C(1) << 62), -(INT64_C(1) << 62) - 500000,
	INT64_MAX, INT64_MAX - 499999, INT64_MIN + 1, INT64_MIN + 500000, 10, 100, 1000, 10000, 100000,
	4999, 5000, 5001, -4999, -5000, -5001, 49, 50, 51, -50, 444445, 555555, -555555,
};

static void t_round(void **state)
{
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
		for (int d = -1; d <= 7; d++) {
			ps_dec v = tricky[i];
			if (ref_round(v, d) != ps_dec_round(v, d))
				fail_msg("ps_dec_round(%lld, %d) = %lld, want %lld", (long long)v, d,
				         (long long)ps_dec_round(v, d), (long long)ref_round(v, d));
		}
	/* every rounding boundary of small numbers, both signs */
	for (ps_dec v = -3000000; v <= 3000000; v += 137)
		for (int d = 0; d <= 6; d++)
			assert_int_equal(ps_dec_round(v, d), ref_round(v, d));
}

static void t_format(void **state)
{
	char got[64], want[64];
	for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++) {
		for (int lo = -1; lo <= 7; lo++)
			for (int hi = -1; hi <= 7; hi++) {
				ps_dec v = tricky[i];
				ref_format(want, sizeof want, v, lo, hi);
				size_t n = ps_dec_format(got, sizeof got, v, lo, hi);
				assert_string_equal(got, want);
				assert_int_equal(n, strlen(want));
			}
	}
	/* every count of digits, each side of a power of ten, both signs
	 * (the digits are written two at a time) */
	for (int64_t p = 1; p <= INT64_MAX / 10; p *= 10)
		for (int64_t d = -1; d <= 1; d++)
			for (int sign = -1; sign <= 1; sign += 2)
				for (int hi = 0; hi <= 6; hi += 2) {
					ps_dec v = sign * (p + d);
					ref_format(want, sizeof want, v, 0, hi);
					ps_dec_format(got, sizeof got, v, 0, hi);
					assert_string_equal(got, want);
				}
	for (ps_dec v = -2000000; v <= 2000000; v += 7919)
		for (int hi = 0; hi <= 6; hi++) {
			ref_format(want, sizeof want, v, 0, hi);
			ps_dec_format(got, sizeof got, v, 0, hi);
			assert_string_equal(got, want);
			ref_format(want, sizeof want, v, hi, hi);
			ps_dec_format(got, sizeof got, v, hi, hi);
			assert_string_equal(got, want);
		}
	assert_int_equal(ps_dec_format(got, sizeof got, PS_DEC(92) + 600000, 0, 2), 4);
	assert_string_equal(got, "92.6");
	assert_int_equal(ps_dec_format(got, sizeof got, PS_DEC(92) + 600000, 2, 2), 5);
	assert_string_equal(got, "92.60");
	assert_int_equal(ps_dec_format(got, sizeof got, -1, 0, 6), 9);
	assert_string_equal(got, "-0.000001");
	assert_int_equal(ps_dec_format(got, sizeof got, -1, 0, 2), 1);
	assert_string_equal(got, "0"); /* rounds to zero: no sign */
	assert_int_equal(ps_dec_format(got, sizeof got, PS_DEC(-7), 1, 3), 4);
	assert_string_equal(got, "-7.0");
}

/* A short buffer cuts the text like snprintf; size 0 gives the length. */
static void t_format_cut(void **state)
{
	char got[8];
	assert_int_equal(ps_dec_format(got, 5, PS_DEC(123456), 0, 6), 4);
	assert_string_equal(got, "1234");
	assert_int_equal(ps_dec_format(got, 1, PS_DEC(1), 0, 6), 0);
	assert_string_equal(got, "");
	assert_int_equal(ps_dec_format(NULL, 0, PS_DEC(-12) - 500000, 0, 6), 5);
}

/* ps_put_u64 writes what printf's %llu does, at every change of length
 * and at both ends; ps_put_6digits keeps leading zeros. */
static void t_digits(void **state)
{
	(void)state;
	uint64_t vals[64];
	size_t n = 0;
	vals[n++] = 0;
	for (uint64_t p = 1; n < 60; p *= 10) {
		vals[n++] = p - 1;
		vals[n++] = p;
		vals[n++] = p + 7;
		if (p > UINT64_MAX / 10)
			break;
	}
	vals[n++] = UINT64_MAX;
	for (size_t i = 0; i < n; i++) {
		char want[32], got[32];
		snprintf(want, sizeof want, "%llu", (unsigned long long)vals[i]);
		char *e = ps_put_u64(got, vals[i]);
		*e = '\0';
		assert_string_equal(got, want);
	}
	char six[7] = {0};
	ps_put_6digits(six, 4200);
	assert_string_equal(six, "004200");
	ps_put_6digits(six, 999999);
	assert_string_equal(six, "999999");
}

/* ps_dec_parse as it was written in 128 bits throughout (the integer part
 * too): the reference for the 64-bit digit loop. */
static bool ref_dig(char c)
{
	return c >= '0' && c <= '9';
}

static size_t ref_parse(ps_dec *out, const char *s, size_t len)
{
	size_t i = 0;
	bool neg = false;
	*out = 0;
	if (i < len && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	i128 ip = 0;
	bool any = false, big = false;
	while (i < len) {
		char c = s[i];
		if (ref_dig(c)) {
			if (ip < (i128)PS_DEC_MAX)
				ip = ip * 10 + (c - '0');
			else
				big = true;
			any = true;
			i++;
		} else if (c == ',' && any && len - i - 1 >= 3 && ref_dig(s[i + 1]) && ref_dig(s[i + 2]) &&
		           ref_dig(s[i + 3]) && (len - i - 1 == 3 || !ref_dig(s[i + 4]))) {
			i++;
		} else {
			break;
		}
	}
	i128 frac = 0;
	int nfrac = 0;
	bool round_up = false;
	if (i < len && s[i] == '.') {
		size_t j = i + 1;
		while (j < len && s[j] == ' ')
			j++;
		if (j < len && ref_dig(s[j])) {
			i = j;
			while (i < len && ref_dig(s[i])) {
				if (nfrac < 6) {
					frac = frac * 10 + (s[i] - '0');
					nfrac++;
				} else if (nfrac == 6) {
					round_up = s[i] >= '5';
					nfrac++;
				}
				any = true;
				i++;
			}
		} else if (any) {
			i++;
		}
	}
	if (!any)
		return 0;
	if (nfrac > 6)
		nfrac = 6;
	for (int k = nfrac; k < 6; k++)
		frac *= 10;
	i128 v = ip * 1000000 + frac + (round_up ? 1 : 0);
	if (big || v > PS_DEC_MAX)
		v = PS_DEC_MAX;
	*out = (ps_dec)(neg ? -v : v);
	return i;
}

/* ps_dec_parse against the reference on texts of digits, separators,
 * points, signs and spaces, up to 30 bytes (past 10^18 and the
 * saturation), and on hand-picked edges. */
static void t_parse(void **state)
{
	(void)state;
	static const char *const edges[] = {"", "0", "-0", "+5", "1,000", "1,0000", "12,345.678",
	                                    "0. 5分", "100.", ".5", "-.5", "1.2345675", "1.23456749",
	                                    "999999999999999999", "1000000000000000000", "99999999999999999999999",
	                                    "-18446744073709551616", "1,000,000,000,000,000,000.5", "abc", "-"};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		ps_dec a = 1, b = 2;
		size_t na = ps_dec_parse(&a, edges[i], strlen(edges[i]));
		size_t nb = ref_parse(&b, edges[i], strlen(edges[i]));
		assert_int_equal(na, nb);
		assert_int_equal(a, b);
	}
	static const char alphabet[] = "0123456789999,.-+ 5";
	uint64_t seed = 88172645463325252u;
	char text[32];
	for (int k = 0; k < 200000; k++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		size_t len = (size_t)(seed % 31);
		for (size_t i = 0; i < len; i++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			/* mostly digits: long runs of them reach the saturation */
			text[i] = seed % 4 ? (char)('0' + seed / 4 % 10) : alphabet[seed / 4 % (sizeof alphabet - 1)];
		}
		text[len] = '\0';
		ps_dec a = 1, b = 2;
		size_t na = ps_dec_parse(&a, text, len);
		size_t nb = ref_parse(&b, text, len);
		assert_int_equal(na, nb);
		assert_int_equal(a, b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_round),
		cmocka_unit_test(t_format),
		cmocka_unit_test(t_format_cut),
		cmocka_unit_test(t_digits),
		cmocka_unit_test(t_parse),
	};
	return cmocka_run_group_tests_name("dec", tests, NULL, NULL);
}
