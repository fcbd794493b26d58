/* scan16.h: the first byte a 16-byte SSE2 class test marks, for the JSON
 * writer (report_json.c), the cell normaliser (util/text.c) and the line
 * splitter of the CSV reader (csv_read.c); and the short copies and the
 * clear that hot paths share without a call or a "rep movs/stos". Private. */
#ifndef PS_UTIL_SCAN16_H
#define PS_UTIL_SCAN16_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* memcpy(o, s, n) for the short runs of a cell without a call: two
 * overlapping loads and stores cover 4 to 16 bytes. */
static inline void ps_copy_run(char *o, const char *s, size_t n)
{
	if (n > 16) {
		memcpy(o, s, n);
	} else if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(o, &a, 8);
		memcpy(o + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		memcpy(o, &a, 4);
		memcpy(o + n - 4, &b, 4);
	} else if (n) {
		o[0] = s[0];
		o[n / 2] = s[n / 2];
		o[n - 1] = s[n - 1];
	}
}

/* memcpy(d, s, n) for pieces of up to 256 bytes (a message's pieces and
 * arguments, explain.c), without a call: gcc writes a memcpy of a size
 * known to be small inline as "rep movsq", whose start-up cost made say() a
 * hot spot in perf. Overlapping 16-byte words instead; a longer run still
 * goes to memcpy. */
static inline void ps_copy_piece(char *d, const char *s, size_t n)
{
#if defined(__SSE2__)
	if (n >= 16 && n <= 256) {
		size_t i = 0;
		for (; i + 16 < n; i += 16)
			_mm_storeu_si128((__m128i *)(void *)(d + i), _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		_mm_storeu_si128((__m128i *)(void *)(d + n - 16),
		                 _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
		return;
	}
#endif
	ps_copy_run(d, s, n);
}

/* memset(p, 0, n) as a call to the C library's: gcc writes a memset of a
 * few hundred bytes of known size inline as "rep stosq", whose start-up
 * cost showed in perf once per row (score.c, table.c); the library's vector
 * stores are faster there. The volatile size keeps it a call. */
static inline void ps_zero_bytes(void *p, size_t n)
{
	volatile size_t k = n;
	memset(p, 0, k);
}

#if defined(__SSE2__)
/* A bit per byte of s[0..16) that the caller's class marks. */
typedef unsigned (*ps_mask16_fn)(const unsigned char *s);

/* The index of the first byte of s[0..n) that mask16 marks, or n; n must be
 * 16 or more. The last block overlaps the one before instead of reading past
 * the end; the bytes already tested are shifted out (unmarked, so the lowest
 * bit left is exact). Inline with a constant mask16, the call disappears:
 * callers pass a static inline function. */
static inline size_t ps_scan16(const unsigned char *s, size_t n, ps_mask16_fn mask16)
{
	size_t last = n - 16, i = 0; /* n >= 16: no wrap */
	for (; i <= last; i += 16) {
		unsigned m = mask16(s + i);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i == n)
		return n;
	unsigned m = mask16(s + last) >> (i - last);
	return m ? i + (size_t)__builtin_ctz(m) : n;
}
#endif

#endif
