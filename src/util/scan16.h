/* scan16.h: the first byte a 16-byte SSE2 class test marks, for the JSON
 * writer (report_json.c), the cell normaliser (util/text.c) and the line
 * splitter of the CSV reader (csv_read.c); and the short copy the last two
 * share. Private. */
#ifndef PS_UTIL_SCAN16_H
#define PS_UTIL_SCAN16_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
