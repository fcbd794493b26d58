/* digits.h (private): decimal digits written two at a time, for the
 * number formatter (util/dec.c) and the report writers' fast paths
 * (report_json.c): every number of a report goes through one of them. */
#ifndef PS_UTIL_DIGITS_H
#define PS_UTIL_DIGITS_H

#include <stdint.h>
#include <string.h>

/* "00" "01" ... "99". */
static const char ps_digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

/* The two digits of v (below 100) at o. */
static inline void ps_put_2digits(char *o, uint32_t v)
{
	memcpy(o, ps_digit_pairs + 2 * v, 2);
}

/* The six digits of v (below 10^6, leading zeros kept) at o. */
static inline void ps_put_6digits(char *o, uint32_t v)
{
	ps_put_2digits(o, v / 10000);
	ps_put_2digits(o + 2, v / 100 % 100);
	ps_put_2digits(o + 4, v % 100);
}

/* The digits of v at o (room for 20, no NUL); returns their end. Written
 * in place from the end, counted first: no copy, no call. */
static inline char *ps_put_u64(char *o, uint64_t v)
{
	static const uint64_t pow10[20] = {
		UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000), UINT64_C(100000),
		UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
		UINT64_C(10000000000), UINT64_C(100000000000), UINT64_C(1000000000000),
		UINT64_C(10000000000000), UINT64_C(100000000000000), UINT64_C(1000000000000000),
		UINT64_C(10000000000000000), UINT64_C(100000000000000000), UINT64_C(1000000000000000000),
		UINT64_C(10000000000000000000)};
	/* the digit count from the bit length (1233/4096 is just above log10 2:
	 * t is the count or one more than it), not a loop of compares: a line
	 * number took six */
	uint64_t v1 = v | 1; /* 0 has one digit, like 1 */
	unsigned t = (unsigned)(64 - __builtin_clzll(v1)) * 1233 >> 12;
	unsigned n = t + (v1 >= pow10[t]);
	char *e = o + n, *s = e;
	while (v >= 100) {
		s -= 2;
		ps_put_2digits(s, (uint32_t)(v % 100));
		v /= 100;
	}
	if (v >= 10) {
		s -= 2;
		ps_put_2digits(s, (uint32_t)v);
	} else {
		*--s = (char)('0' + v);
	}
	return e;
}

#endif
