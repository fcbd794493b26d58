/* dec.c: exact fixed-point decimals (millionths) for every number that can
 * reach a score; 128-bit intermediates, rounding half away from zero. */
#include <stdio.h>
#include <string.h>
#include "perfscore/dec.h"
#include "digits.h"

typedef __int128 i128;

static ps_dec sat(i128 v)
{
	if (v > PS_DEC_MAX)
		return PS_DEC_MAX;
	if (v < -PS_DEC_MAX)
		return -PS_DEC_MAX;
	return (ps_dec)v;
}

/* n / d rounded half away from zero (d > 0 or < 0). */
static i128 div_round(i128 n, i128 d)
{
	if (d < 0) {
		n = -n;
		d = -d;
	}
	i128 q = n / d, r = n % d;
	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	return q;
}

ps_dec ps_dec_mul(ps_dec a, ps_dec b)
{
	return sat(div_round((i128)a * b, PS_DEC_SCALE));
}

ps_dec ps_dec_div(ps_dec a, ps_dec b, bool *ok)
{
	if (b == 0) {
		if (ok)
			*ok = false;
		return 0;
	}
	if (ok)
		*ok = true;
	return sat(div_round((i128)a * PS_DEC_SCALE, b));
}

ps_dec ps_dec_muldiv(ps_dec a, ps_dec b, ps_dec c, bool *ok)
{
	if (c == 0) {
		if (ok)
			*ok = false;
		return 0;
	}
	if (ok)
		*ok = true;
	return sat(div_round((i128)a * b, c));
}

static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Inline in ps_dec_format, which runs for every number printed. */
static inline ps_dec round_to(ps_dec a, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals >= 6)
		return a;
	int64_t unit = pow10[6 - decimals];
	/* 64-bit division where the result cannot overflow (every real
	 * number): the 128-bit one is a library call, and this runs for every
	 * score and every number printed */
	if (a > -(INT64_C(1) << 62) && a < (INT64_C(1) << 62)) {
		/* by a constant for the usual 2 and 0 decimals: a multiply, not
		 * a divide instruction (tens of cycles) */
		int64_t q, r;
		if (decimals == 2) {
			q = a / 10000;
			r = a % 10000;
		} else if (decimals == 0) {
			q = a / 1000000;
			r = a % 1000000;
		} else {
			q = a / unit;
			r = a % unit;
		}
		if (2 * (r < 0 ? -r : r) >= unit)
			q += a < 0 ? -1 : 1;
		return q * unit;
	}
	return (ps_dec)(div_round(a, unit) * unit);
}

ps_dec ps_dec_round(ps_dec a, int decimals)
{
	return round_to(a, decimals);
}

ps_dec ps_dec_floor_to(ps_dec a, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals >= 6)
		return a;
	int64_t unit = pow10[6 - decimals];
	int64_t q = a / unit;
	if (a % unit != 0 && a < 0)
		q--;
	return q * unit;
}

ps_dec ps_dec_min(ps_dec a, ps_dec b) { return a < b ? a : b; }
ps_dec ps_dec_max(ps_dec a, ps_dec b) { return a > b ? a : b; }
ps_dec ps_dec_clamp(ps_dec v, ps_dec lo, ps_dec hi) { return v < lo ? lo : v > hi ? hi : v; }

static bool isdig(char c) { return c >= '0' && c <= '9'; }

/* After a ',' inside a number: exactly three digits, then no digit. */
static bool thousands_follow(const char *s, size_t len)
{
	return len >= 3 && isdig(s[0]) && isdig(s[1]) && isdig(s[2]) && (len == 3 || !isdig(s[3]));
}

size_t ps_dec_parse(ps_dec *out, const char *s, size_t len)
{
	size_t i = 0;
	bool neg = false;
	*out = 0;
	if (i < len && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	/* 64 bits while digits are added: below PS_DEC_MAX (10^18) times 10
	 * plus 9 fits; 128 only for the scaling at the end */
	uint64_t ip = 0;
	bool any = false, big = false;
	while (i < len) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			if (ip < (uint64_t)PS_DEC_MAX)
				ip = ip * 10 + (uint64_t)(c - '0');
			else
				big = true;
			any = true;
			i++;
		} else if (c == ',' && any && thousands_follow(s + i + 1, len - i - 1)) {
			i++; /* thousands separator: exactly three digits follow */
		} else {
			break;
		}
	}
	int64_t frac = 0;
	int nfrac = 0;
	bool round_up = false;
	if (i < len && s[i] == '.') {
		size_t j = i + 1;
		while (j < len && s[j] == ' ')
			j++; /* "0. 5分": a space after the point */
		if (j < len && s[j] >= '0' && s[j] <= '9') {
			i = j;
			while (i < len && s[i] >= '0' && s[i] <= '9') {
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
			i++; /* "100." */
		}
	}
	if (!any) {
		return 0;
	}
	if (nfrac > 6)
		nfrac = 6;
	for (int k = nfrac; k < 6; k++)
		frac *= 10;
	i128 v = (i128)ip * PS_DEC_SCALE + frac + (round_up ? 1 : 0);
	if (big)
		v = PS_DEC_MAX;
	v = sat(v);
	*out = (ps_dec)(neg ? -v : v);
	return i;
}

/* "00" "01" ... "99": digits two at a time, half the divisions. */
size_t ps_dec_format(char *buf, size_t size, ps_dec v, int min_dec, int max_dec)
{
	if (max_dec > 6)
		max_dec = 6;
	if (max_dec < 0)
		max_dec = 0;
	if (min_dec > max_dec)
		min_dec = max_dec;
	if (min_dec < 0)
		min_dec = 0; /* the trimming below reads frac[nd - 1] */
	v = round_to(v, max_dec);
	bool neg = v < 0;
	uint64_t a = neg ? (uint64_t)(-(i128)v) : (uint64_t)v;
	uint64_t ip = a / PS_DEC_SCALE, fp = a % PS_DEC_SCALE;
	/* digits by hand: this runs for every number of every report, and
	 * snprintf was a tenth of the whole run */
	/* straight into buf when it has room for the longest (28 bytes and the
	 * NUL): building the digits in tmp and copying them in one 32-byte move
	 * made the move wait on the bytes just stored (a store-forwarding stall,
	 * a third of this function's time) */
	char tmp[64];
	char *s = size >= 32 ? buf : tmp, *e = s;
	if (neg && a != 0)
		*e++ = '-';
	e = ps_put_u64(e, ip);
	if (fp == 0) {
		/* an integer (most points and scores): only the zeros asked for */
		if (min_dec > 0) {
			*e++ = '.';
			for (int k = 0; k < min_dec; k++)
				*e++ = '0';
		}
	} else {
		/* all six digits written after the point, then cut at max_dec
		 * (rounded: zeros beyond it) and the zeros trimmed down to
		 * min_dec; no digit left (a value that wrapped when rounded): no
		 * point either */
		char *dot = e;
		*dot = '.';
		ps_put_6digits(dot + 1, (uint32_t)fp); /* below 10^6 */
		char *keep = dot + 1 + min_dec;
		e = dot + 1 + max_dec;
		while (e > keep && e[-1] == '0')
			e--;
		if (e == dot + 1)
			e = dot;
	}
	size_t n = (size_t)(e - s);
	if (size >= 32) {
		buf[n] = '\0';
		return n;
	}
	if (size == 0)
		return n;
	size_t w = n < size - 1 ? n : size - 1;
	memcpy(buf, s, w);
	buf[w] = '\0';
	return w;
}

double ps_dec_to_double(ps_dec v)
{
	return (double)v / (double)PS_DEC_SCALE;
}
