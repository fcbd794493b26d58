/* scan16.h: the first byte a 16-byte SSE2 class test marks, for the JSON
 * writer (report_json.c), the cell normaliser (util/text.c) and the line
 * splitter of the CSV reader (csv_read.c). Private. */
#ifndef PS_UTIL_SCAN16_H
#define PS_UTIL_SCAN16_H

#include <stddef.h>

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
