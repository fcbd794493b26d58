/* cellnorm.h: the tests ps_norm_cell makes before it changes a cell (white
 * space to trim, bytes to fold), shared by the normaliser (util/text.c) and
 * the row reader (sheet.c), which answers the common case of a cell left as
 * it is without a call. Private. */
#ifndef PS_UTIL_CELLNORM_H
#define PS_UTIL_CELLNORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The ASCII white space of is_space_cp: \t \n \v \f \r and ' '. */
static inline bool ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

#if defined(__SSE2__)
/* The bytes of the 16 at u that cell_word_special would mark, one bit
 * each (exact: SSE2 compares have no borrows). */
static inline unsigned cell_special16(const unsigned char *u)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
	__m128i below = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x0D)), x);
	__m128i c2 = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2));
	__m128i e3 = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3));
	__m128i ef = _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xEF));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(below, c2), _mm_or_si128(e3, ef)));
}
#endif

/* Is the byte at u[i] (i < len), one cell_plain_run would stop at, one
 * cell_special_at changes? Chinese punctuation shares the lead bytes of
 * the fullwidth signs and the ideographic space (，EF BC 8C, 。E3 80 82)
 * and is copied as written, like controls other than CR and LF. */
static inline bool really_special(const unsigned char *u, size_t len, size_t i)
{
	unsigned char c = u[i];
	if (c < 0x80)
		return c == '\r' || c == '\n';
	if (c == 0xC2)
		return i + 1 < len && u[i + 1] == 0xA0;
	if (c == 0xE3)
		return i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0x80;
	if (c != 0xEF || i + 2 >= len || (u[i + 1] != 0xBC && u[i + 1] != 0xBD))
		return false;
	/* U+FF00..FF3F (EF BC xx) and U+FF40..FF7F (EF BD xx), one bit per
	 * code point by its low six bits: ％ ＋ － ． ／ ０-９ ＜ ＝ ＞ Ａ-Ｚ, ａ-ｚ
	 * (the common ，（）：； are not: one test, no chain of compares) */
	const uint64_t bc = UINT64_C(1) << 0x05 | UINT64_C(1) << 0x0B | UINT64_C(0xE000) | UINT64_C(0x3FF) << 0x10 |
	                    UINT64_C(7) << 0x1C | UINT64_C(0x3FFFFFF) << 0x21;
	const uint64_t bd = UINT64_C(0x3FFFFFF) << 0x01;
	return ((u[i + 1] == 0xBC ? bc : bd) >> (u[i + 2] & 0x3F)) & 1;
}

/* Does s[0..n) (n > 0) start with white space ps_trim drops: ASCII space
 * or one of the sequences of U+00A0, U+200B, U+3000, U+FEFF (exact: those
 * are the only ones that decode to them). Cells starting with ≥ or （
 * share the lead bytes and are answered here, without ps_trim. */
static inline bool space_first(const unsigned char *u, size_t n)
{
	/* the first bytes of those: one test that is mostly false, where an
	 * ASCII-or-not test mispredicted on cells of either kind in turn */
	static const bool lead[256] = {
		['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true, ['\r'] = true, [' '] = true,
		[0xC2] = true,  [0xE2] = true,  [0xE3] = true,  [0xEF] = true,
	};
	unsigned char c = u[0];
	if (!lead[c])
		return false;
	if (c < 0x80)
		return true;
	switch (c) {
	case 0xC2: return n >= 2 && u[1] == 0xA0;
	case 0xE2: return n >= 3 && u[1] == 0x80 && u[2] == 0x8B;
	case 0xE3: return n >= 3 && u[1] == 0x80 && u[2] == 0x80;
	case 0xEF: return n >= 3 && u[1] == 0xBB && u[2] == 0xBF;
	default: return false;
	}
}

/* Could s[0..n) (n > 0) end with white space ps_trim drops? False only when
 * it surely does not: the last byte is no space's last byte, or it ends a
 * sequence whose lead is none of theirs (一 E4 B8 80 ends like U+3000). */
static inline bool space_last_maybe(const unsigned char *u, size_t n)
{
	unsigned char c = u[n - 1];
	if (c < 0x80)
		return ascii_space(c);
	if (c != 0xA0 && c != 0x8B && c != 0x80 && c != 0xBF)
		return false;
	if (n >= 3 && (u[n - 2] & 0xC0) == 0x80) {
		unsigned char l = u[n - 3];
		return !(l >= 0xE0 && l <= 0xEF && l != 0xE2 && l != 0xE3 && l != 0xEF);
	}
	if (n >= 2) {
		unsigned char l = u[n - 2];
		return !(l >= 0xC0 && l <= 0xDF && l != 0xC2);
	}
	return true;
}

/* The last bytes of the white space ps_trim drops (ASCII, A0 80 8B BF):
 * a cell ending otherwise (nearly every cell) needs no space_last_maybe. */
static const bool ps_space_last_byte[256] = {
	['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true, ['\r'] = true, [' '] = true,
	[0x80] = true,  [0x8B] = true,  [0xA0] = true,  [0xBF] = true,
};

/* Does s[0..len) (0: no) neither start nor end with white space ps_trim
 * drops? With no byte inside that really_special marks (ps_row_special_avx2
 * says so for a whole row), ps_norm_cell_view returns it unchanged. */
static inline bool ps_cell_ends_plain(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	return len && !space_first(u, len) && !(ps_space_last_byte[u[len - 1]] && space_last_maybe(u, len));
}

/* Does ps_norm_cell_view return s[0..len) itself, unchanged? s is a cell
 * of a row of the CSV reader: NUL-terminated, with at least 16 readable
 * bytes after its end (PS_CSV_PAD), so every block is read whole and the
 * bytes past the end masked out. False also when it cannot tell cheaply
 * (no SSE2): ps_norm_cell_view then decides. */
static inline bool ps_cell_view_plain(const char *s, size_t len)
{
#if defined(__SSE2__)
	const unsigned char *u = (const unsigned char *)s;
	if (!ps_cell_ends_plain(s, len))
		return false;
	/* the blocks before the last whole, the last one masked */
	size_t i = 0;
	for (; len - i > 16; i += 16)
		for (unsigned m = cell_special16(u + i); m; m &= m - 1)
			if (really_special(u, len, i + (size_t)__builtin_ctz(m)))
				return false;
	for (unsigned m = cell_special16(u + i) & ((1u << (len - i)) - 1); m; m &= m - 1)
		if (really_special(u, len, i + (size_t)__builtin_ctz(m)))
			return false;
	return true;
#else
	(void)s;
	(void)len;
	return false;
#endif
}

#if defined(__x86_64__) && defined(__GNUC__) && defined(__SSE2__)
#define PS_ROW_SPECIAL_AVX2 1
#include <immintrin.h>
/* Does the reader's row text d[0..n) (its fields, each followed by its NUL,
 * so a sequence never runs from one cell into the next; 34 readable bytes
 * after d + n - 1) hold a byte really_special marks in its cell? False
 * means every cell passes ps_cell_view_plain's block test, and only its
 * first and last bytes need a look. One pass of 32 bytes at a time over
 * the whole row (most cells are shorter than a block, and the scalar test
 * per EF byte of ，（）： mispredicted), with AVX2, where the CPU has it.
 * The vector test marks exactly really_special's bytes; each mark is
 * checked with it all the same (they are rare). The same pass looks for
 * the three bytes w (no NUL among them: the row reader's 预): *seen is
 * false only if they occur nowhere in d[0..n) (true, not looked at
 * further, when the answer is true). */
__attribute__((target("avx2"))) static inline bool ps_row_special_avx2(const unsigned char *d, size_t n,
                                                                      const unsigned char w[3], bool *seen)
{
	/* EF BC xx and EF BD xx: bit (xx >> 4) & 3 of lo[xx & 15] is bit
	 * xx & 0x3F of really_special's bc and bd masks (hi gives that bit) */
	const __m256i lo_bc = _mm256_setr_epi8(0xA, 0xE, 0xE, 0xE, 0xE, 0xF, 0xE, 0xE, 0xE, 0xE, 0xC, 0x5, 0x6, 0x7,
	                                       0x7, 0x5, 0xA, 0xE, 0xE, 0xE, 0xE, 0xF, 0xE, 0xE, 0xE, 0xE, 0xC, 0x5,
	                                       0x6, 0x7, 0x7, 0x5);
	const __m256i lo_bd = _mm256_setr_epi8(0x2, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x1, 0x1, 0x1,
	                                       0x1, 0x1, 0x2, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x1,
	                                       0x1, 0x1, 0x1, 0x1);
	const __m256i hi = _mm256_setr_epi8(1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 8, 1,
	                                    2, 4, 8, 1, 2, 4, 8);
	const __m256i nib = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
	const __m256i w0 = _mm256_set1_epi8((char)w[0]), w1 = _mm256_set1_epi8((char)w[1]),
	              w2 = _mm256_set1_epi8((char)w[2]);
	unsigned word = 0;
	for (size_t i = 0; i < n; i += 32) {
		const __m256i *p = (const __m256i *)(const void *)(d + i);
		__m256i x = _mm256_loadu_si256(p);
		__m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(d + i + 1));
		__m256i x2 = _mm256_loadu_si256((const __m256i *)(const void *)(d + i + 2));
		__m256i m = _mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8('\n')),
		                            _mm256_cmpeq_epi8(x, _mm256_set1_epi8('\r')));
		m = _mm256_or_si256(m, _mm256_and_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xC2)),
		                                        _mm256_cmpeq_epi8(x1, _mm256_set1_epi8((char)0xA0))));
		__m256i e3 = _mm256_and_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xE3)),
		                              _mm256_cmpeq_epi8(x1, _mm256_set1_epi8((char)0x80)));
		m = _mm256_or_si256(m, _mm256_and_si256(e3, _mm256_cmpeq_epi8(x2, _mm256_set1_epi8((char)0x80))));
		__m256i ef = _mm256_and_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8((char)0xEF)),
		                              _mm256_cmpeq_epi8(_mm256_or_si256(x1, _mm256_set1_epi8(1)),
		                                                _mm256_set1_epi8((char)0xBD)));
		__m256i l = _mm256_and_si256(x2, nib), h = _mm256_and_si256(_mm256_srli_epi16(x2, 4), nib);
		__m256i t = _mm256_blendv_epi8(_mm256_shuffle_epi8(lo_bd, l), _mm256_shuffle_epi8(lo_bc, l),
		                               _mm256_cmpeq_epi8(x1, _mm256_set1_epi8((char)0xBC)));
		__m256i bit = _mm256_and_si256(t, _mm256_shuffle_epi8(hi, h));
		m = _mm256_or_si256(m, _mm256_andnot_si256(_mm256_cmpeq_epi8(bit, zero), ef));
		unsigned mm = (unsigned)_mm256_movemask_epi8(m);
		unsigned mw = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(
			_mm256_cmpeq_epi8(x, w0), _mm256_and_si256(_mm256_cmpeq_epi8(x1, w1), _mm256_cmpeq_epi8(x2, w2))));
		if (n - i < 32) {
			mm &= (1u << (n - i)) - 1;
			mw &= (1u << (n - i)) - 1;
		}
		word |= mw;
		for (; mm; mm &= mm - 1)
			if (really_special(d, n, i + (size_t)__builtin_ctz(mm))) {
				*seen = true;
				return true;
			}
	}
	*seen = word != 0;
	return false;
}
#endif

#endif
