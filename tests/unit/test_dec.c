/* test_dec.c: ps_dec_round and ps_dec_format against slow references (128-bit
 * rounding, snprintf and trimming): their fast paths for integers and
 * 64-bit values must give exactly what the general code gives. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_round),
		cmocka_unit_test(t_format),
		cmocka_unit_test(t_format_cut),
		cmocka_unit_test(t_digits),
	};
	return cmocka_run_group_tests_name("dec", tests, NULL, NULL);
}
