/* text.c: UTF-8 decoding, the code-point fold the lexer and keys share,
 * key normalisation (NFKC via utf8proc), cell trimming and display width. */
#include <pthread.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "perfscore/text.h"
#include "cellnorm.h"
#include "cpu.h"
#include "scan16.h"

/* The code point of a well-formed three-byte sequence at u[0..len) (nearly
 * every character of Chinese text), or -1 for anything else. */
static inline int32_t decode3(const unsigned char *u, size_t len)
{
	if (len < 3 || (u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
		return -1;
	int32_t x = (u[0] & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return x >= 0x800 && (x < 0xD800 || x > 0xDFFF) ? x : -1;
}

int ps_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	if (len == 0) {
		*cp = 0;
		return 0;
	}
	const unsigned char *u = (const unsigned char *)s;
	int32_t c = u[0];
	int n;
	int32_t min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	int32_t x = decode3(u, len); /* anything else takes the general path */
	if (x >= 0) {
		*cp = x;
		return 3;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return -1;
	}
	if ((size_t)n > len) {
		*cp = 0xFFFD;
		return -1;
	}
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return -1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = 0xFFFD;
		return -1;
	}
	*cp = c;
	return n;
}

int ps_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Little-endian loads: byte k of the text is bits 8k..8k+7 of the word
 * whatever the host (memcpy is the one safe unaligned load in C). */
static inline uint64_t load_le64(const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

#define HIGH8 UINT64_C(0x8080808080808080)

/* Leads E0 and ED need a range check of the next byte (overlong forms,
 * surrogates): bits 0 and 13 of this mask, indexed by the lead's low nibble. */
#define LEAD_NEEDS_RANGE 0x2001u

/* Are the three bytes in the low bits of w (first byte lowest) a three-byte
 * sequence valid whatever its continuation bytes: lead E1..EC or EE..EF,
 * then two continuation bytes? Nearly every ideograph is. */
static inline bool plain3(uint32_t w)
{
	return (w & 0xC0C0F0u) == 0x8080E0u && !(LEAD_NEEDS_RANGE >> (w & 0x0F) & 1);
}

/* Are the twelve bytes at u four such sequences? Two loads and two mask
 * compares check the shapes (lead E_ at bytes 0, 3, 6, 9, continuation
 * bytes elsewhere); the leads' low nibbles are then checked for 0 and D. */
static inline bool plain3x4(const unsigned char *u)
{
	uint64_t a = load_le64(u);
	uint32_t b = (uint32_t)(load_le64(u + 4) >> 32); /* bytes 8..11 */
	if ((a & UINT64_C(0xC0F0C0C0F0C0C0F0)) != UINT64_C(0x80E08080E08080E0) ||
	    (b & 0xC0C0F0C0u) != 0x8080E080u)
		return false;
	unsigned bad = LEAD_NEEDS_RANGE >> (a & 0x0F) | LEAD_NEEDS_RANGE >> (a >> 24 & 0x0F) |
	               LEAD_NEEDS_RANGE >> (a >> 48 & 0x0F) | LEAD_NEEDS_RANGE >> (b >> 8 & 0x0F);
	return !(bad & 1);
}

/* The index of the first byte with its high bit set in hi (a nonzero
 * word of w & HIGH8). */
static inline size_t first_high(uint64_t hi)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(hi) / 8;
#else
	size_t k = 0;
	while (!(hi & 0x80)) {
		hi >>= 8;
		k++;
	}
	return k;
#endif
}

/* Validate s from i (a sequence start) until a sequence ends at or past
 * until (reading up to len): ASCII in words, ideographs four at a time,
 * anything else one code point at a time with ps_utf8_decode. Returns the
 * first invalid offset or -1, with *stop where it stopped. */
static int64_t invalid_from(const char *s, size_t len, size_t i, size_t until, size_t *stop)
{
	const unsigned char *u = (const unsigned char *)s;
	while (i < until) {
		/* ASCII: skip to the first byte with its high bit set */
		if (len - i >= 8) {
			uint64_t hi = load_le64(u + i) & HIGH8;
			if (!hi) {
				i += 8;
				continue;
			}
			i += first_high(hi);
		} else if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* u[i] is not ASCII: three-byte sequences, four at a time, then
		 * one at a time */
		while (len - i >= 12 && plain3x4(u + i))
			i += 12;
		while (len - i >= 3 && plain3((uint32_t)u[i] | (uint32_t)u[i + 1] << 8 | (uint32_t)u[i + 2] << 16))
			i += 3;
		if (i < len && u[i] >= 0x80) {
			int32_t cp;
			int n = ps_utf8_decode(s + i, len - i, &cp);
			if (n <= 0)
				return (int64_t)i;
			i += (size_t)n;
		}
	}
	*stop = i;
	return -1;
}

/* Chinese text is ASCII (digits, delimiters, codes) and three-byte
 * ideographs and fullwidth forms, mixed every few characters. With SSE2,
 * 32 bytes at a time: every byte ASCII, a continuation byte or a lead
 * E1..EC / EE..EF (valid whatever follows, as E0 and ED are not), and the
 * continuation bytes exactly the two after each lead (the ones after a
 * lead at the end of a block carried into the next). A block that is not
 * so, and the tail, go to invalid_from from the last sequence start. */
/* How far back the lead of the sequence cut by a block's start is, from
 * the continuation bytes the block before left expected (carry: bit 0 at
 * the start, bit 1 the byte after). */
static inline size_t carry_back(unsigned carry)
{
	return carry == 3 ? 1 : carry == 1 ? 2 : 0;
}

/* The width bytes at s + *i that the block test did not pass, checked a
 * sequence at a time from the lead of the one cut by their start; *i
 * moves past them. The first invalid offset, or -1. */
static int64_t block_again(const char *s, size_t len, size_t *i, size_t width, unsigned carry)
{
	size_t at = *i;
	return invalid_from(s, len, at - carry_back(carry), at + width, i);
}

#if defined(__x86_64__) && defined(__GNUC__) && defined(__SSE2__)
#define PS_UTF8_AVX2 1
#include <immintrin.h>

/* The test of ps_utf8_invalid_at, 64 bytes at a time with AVX2 (half the
 * instructions per byte: this pass reads every byte of both files). Stops
 * with *at at a sequence start fewer than 64 bytes from the end, or at
 * the first invalid byte (returned; -1 if none). */
__attribute__((target("avx2"))) static int64_t invalid_avx2(const char *s, size_t len, size_t *at)
{
	const unsigned char *u = (const unsigned char *)s;
	const __m256i f0 = _mm256_set1_epi8((char)0xF0), e0 = _mm256_set1_epi8((char)0xE0);
	const __m256i c0 = _mm256_set1_epi8((char)0xC0), ed = _mm256_set1_epi8((char)0xED);
	size_t i = 0;
	uint64_t carry = 0; /* continuation bytes expected at i, i + 1 */
	while (len - i >= 64) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
		__m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(u + i + 32));
		uint64_t high = (uint64_t)(uint32_t)_mm256_movemask_epi8(x) |
		                (uint64_t)(uint32_t)_mm256_movemask_epi8(y) << 32;
		if (!high && !carry) {
			i += 64;
			continue;
		}
		/* signed: below C0 and at or above 80 is below -64 */
		uint64_t cont = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, x)) |
		                (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, y)) << 32;
		uint64_t lead = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(x, f0), e0)) |
		                (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_and_si256(y, f0), e0))
		                        << 32;
		__m256i rx = _mm256_or_si256(_mm256_cmpeq_epi8(x, e0), _mm256_cmpeq_epi8(x, ed));
		__m256i ry = _mm256_or_si256(_mm256_cmpeq_epi8(y, e0), _mm256_cmpeq_epi8(y, ed));
		unsigned ranged = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(rx, ry));
		uint64_t want = lead << 1 | lead << 2 | carry;
		if (!ranged && (high & ~(cont | lead)) == 0 && cont == want) {
			/* the continuation bytes of a lead at 62 or 63 */
			carry = (lead >> 62 & 1) | (lead >> 63) * 3;
			i += 64;
			continue;
		}
		int64_t bad = block_again(s, len, &i, 64, (unsigned)carry);
		if (bad >= 0)
			return bad;
		carry = 0;
	}
	*at = i - carry_back((unsigned)carry);
	return -1;
}
#endif

int64_t ps_utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
#if defined(PS_UTF8_AVX2)
	if (len >= 64 && ps_cpu_avx2()) {
		int64_t bad = invalid_avx2(s, len, &i);
		if (bad >= 0)
			return bad;
	}
#endif
#if defined(__SSE2__)
	const unsigned char *u = (const unsigned char *)s;
	const __m128i f0 = _mm_set1_epi8((char)0xF0), e0 = _mm_set1_epi8((char)0xE0);
	const __m128i c0 = _mm_set1_epi8((char)0xC0), ed = _mm_set1_epi8((char)0xED);
	unsigned carry = 0; /* continuation bytes expected at i, i + 1 */
	/* 32 bytes at a time, the masks of two blocks in one word (half the
	 * tests and branches per byte of one block at a time); the last 31
	 * bytes at most go to invalid_from */
	while (len - i >= 32) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 16));
		uint64_t high = (uint64_t)(unsigned)_mm_movemask_epi8(x) | (uint64_t)(unsigned)_mm_movemask_epi8(y) << 16;
		if (!high && !carry) {
			i += 32;
			continue;
		}
		uint64_t cont = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, c0)) |
		                (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(y, c0)) << 16;
		uint64_t lead = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(x, f0), e0)) |
		                (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(y, f0), e0)) << 16;
		__m128i rx = _mm_or_si128(_mm_cmpeq_epi8(x, e0), _mm_cmpeq_epi8(x, ed));
		__m128i ry = _mm_or_si128(_mm_cmpeq_epi8(y, e0), _mm_cmpeq_epi8(y, ed));
		unsigned ranged = (unsigned)_mm_movemask_epi8(_mm_or_si128(rx, ry));
		uint64_t want = lead << 1 | lead << 2 | carry;
		if (!ranged && (high & ~(cont | lead)) == 0 && cont == (want & 0xFFFFFFFFu)) {
			carry = (unsigned)(want >> 32);
			i += 32;
			continue;
		}
		int64_t bad = block_again(s, len, &i, 32, carry);
		if (bad >= 0)
			return bad;
		carry = 0;
	}
	i -= carry_back(carry);
#endif
	size_t stop;
	return invalid_from(s, len, i, len, &stop);
}

size_t ps_utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	while (i < len) {
		int32_t cp;
		int k = ps_utf8_decode(s + i, len - i, &cp);
		i += k > 0 ? (size_t)k : 1;
		n++;
	}
	return n;
}

/* Traditional characters that occur in rule and header text, folded to the
 * simplified form the lexicon uses. Sorted by code point for bsearch. */
static const int32_t trad_simp[][2] = {
	{0x4E26, 0x5E76}, {0x500B, 0x4E2A}, {0x5099, 0x5907}, {0x50B3, 0x4F20}, {0x50C5, 0x4EC5},
	{0x50F9, 0x4EF7}, {0x5104, 0x4EBF}, {0x512A, 0x4F18}, {0x5167, 0x5185}, {0x5169, 0x4E24},
	{0x5247, 0x5219}, {0x5283, 0x5212}, {0x52D9, 0x52A1}, {0x52DE, 0x52B3}, {0x52F5, 0x52B1},
	{0x5340, 0x533A}, {0x54E1, 0x5458}, {0x555F, 0x542F}, {0x55AE, 0x5355}, {0x5718, 0x56E2},
	{0x5831, 0x62A5}, {0x5834, 0x573A}, {0x58DE, 0x574F}, {0x5B78, 0x5B66}, {0x5BE6, 0x5B9E},
	{0x5C07, 0x5C06}, {0x5C08, 0x4E13}, {0x5C0D, 0x5BF9}, {0x5C46, 0x5C4A}, {0x5C64, 0x5C42},
	{0x5E33, 0x5E10}, {0x5E36, 0x5E26}, {0x5EE0, 0x5382}, {0x5F35, 0x5F20}, {0x5F8C, 0x540E},
	{0x5F9E, 0x4ECE}, {0x5FA9, 0x590D}, {0x614B, 0x6001}, {0x61C9, 0x5E94}, {0x6230, 0x6218},
	{0x6236, 0x6237}, {0x63A1, 0x91C7}, {0x64C1, 0x62E5}, {0x64CA, 0x51FB}, {0x64DA, 0x636E},
	{0x64EC, 0x62DF}, {0x6578, 0x6570}, {0x65B7, 0x65AD}, {0x65BC, 0x4E8E}, {0x6703, 0x4F1A},
	{0x689D, 0x6761}, {0x6A19, 0x6807}, {0x6A23, 0x6837}, {0x6AA2, 0x68C0}, {0x6B0A, 0x6743},
	{0x6B72, 0x5C81}, {0x6B77, 0x5386}, {0x6B78, 0x5F52}, {0x6B98, 0x6B8B}, {0x6C92, 0x6CA1},
	{0x6CC1, 0x51B5}, {0x6DE8, 0x51C0}, {0x6E1B, 0x51CF}, {0x6E96, 0x51C6}, {0x6EFF, 0x6EE1},
	{0x6F32, 0x6DA8}, {0x6F54, 0x6D01}, {0x707D, 0x707E}, {0x70BA, 0x4E3A}, {0x7121, 0x65E0},
	{0x71C8, 0x706F}, {0x7372, 0x83B7}, {0x73FE, 0x73B0}, {0x74B0, 0x73AF}, {0x7522, 0x4EA7},
	{0x756B, 0x753B}, {0x7642, 0x7597}, {0x767C, 0x53D1}, {0x76E1, 0x5C3D}, {0x76E3, 0x76D1},
	{0x78BA, 0x786E}, {0x790E, 0x7840}, {0x7A2E, 0x79CD}, {0x7B46, 0x7B14}, {0x7BC0, 0x8282},
	{0x7BC4, 0x8303}, {0x7C3D, 0x7B7E}, {0x7C43, 0x7BEE}, {0x7D00, 0x7EAA}, {0x7D04, 0x7EA6},
	{0x7D1A, 0x7EA7}, {0x7D30, 0x7EC6}, {0x7D42, 0x7EC8}, {0x7D44, 0x7EC4}, {0x7D50, 0x7ED3},
	{0x7D66, 0x7ED9}, {0x7D71, 0x7EDF}, {0x7D93, 0x7ECF}, {0x7DAD, 0x7EF4}, {0x7DB2, 0x7F51},
	{0x7DCA, 0x7D27}, {0x7DDA, 0x7EBF}, {0x7E23, 0x53BF}, {0x7E3D, 0x603B}, {0x7E3E, 0x7EE9},
	{0x7E7C, 0x7EE7}, {0x7E8C, 0x7EED}, {0x7F70, 0x7F5A}, {0x806F, 0x8054}, {0x81FA, 0x53F0},
	{0x8207, 0x4E0E}, {0x842C, 0x4E07}, {0x84CB, 0x76D6}, {0x8655, 0x5904}, {0x865F, 0x53F7},
	{0x885B, 0x536B}, {0x885D, 0x51B2}, {0x88DC, 0x8865}, {0x8907, 0x590D}, {0x8988, 0x6838},
	{0x898F, 0x89C4}, {0x8996, 0x89C6}, {0x89BA, 0x89C9}, {0x8A02, 0x8BA2}, {0x8A08, 0x8BA1},
	{0x8A0A, 0x8BAF}, {0x8A18, 0x8BB0}, {0x8A2D, 0x8BBE}, {0x8A55, 0x8BC4}, {0x8A66, 0x8BD5},
	{0x8A72, 0x8BE5}, {0x8A8D, 0x8BA4}, {0x8AAA, 0x8BF4}, {0x8AB2, 0x8BFE}, {0x8ABF, 0x8C03},
	{0x8B49, 0x8BC1}, {0x8B70, 0x8BAE}, {0x8B77, 0x62A4}, {0x8CA0, 0x8D1F}, {0x8CA1, 0x8D22},
	{0x8CAC, 0x8D23}, {0x8CBB, 0x8D39}, {0x8CBC, 0x8D34}, {0x8CC7, 0x8D44}, {0x8CE6, 0x8D4B},
	{0x8CEA, 0x8D28}, {0x8D0A, 0x8D5E}, {0x8D95, 0x8D76}, {0x8EDF, 0x8F6F}, {0x8F03, 0x8F83},
	{0x8F2F, 0x8F91}, {0x8FA6, 0x529E}, {0x9031, 0x5468}, {0x9032, 0x8FDB}, {0x904E, 0x8FC7},
	{0x9054, 0x8FBE}, {0x9055, 0x8FDD}, {0x905E, 0x9012}, {0x9060, 0x8FDC}, {0x9069, 0x9002},
	{0x9072, 0x8FDF}, {0x9078, 0x9009}, {0x9084, 0x8FD8}, {0x908A, 0x8FB9}, {0x90F5, 0x90AE},
	{0x9109, 0x4E61}, {0x91AB, 0x533B}, {0x9304, 0x5F55}, {0x9322, 0x94B1}, {0x932F, 0x9519},
	{0x93AE, 0x9547}, {0x9577, 0x957F}, {0x9580, 0x95E8}, {0x958B, 0x5F00}, {0x9593, 0x95F4},
	{0x95DC, 0x5173}, {0x968E, 0x9636}, {0x969B, 0x9645}, {0x96AA, 0x9669}, {0x96BB, 0x53EA},
	{0x96D9, 0x53CC}, {0x96E3, 0x96BE}, {0x9805, 0x9879}, {0x9810, 0x9884}, {0x9818, 0x9886},
	{0x982D, 0x5934}, {0x984D, 0x989D}, {0x985E, 0x7C7B}, {0x986F, 0x663E}, {0x98FC, 0x9972},
	{0x990A, 0x517B}, {0x9A57, 0x9A8C}, {0x9EBC, 0x4E48}, {0x9EDE, 0x70B9}, {0x9F4A, 0x9F50},
	{0x9F61, 0x9F84},
};

#define CJK_LO 0x4E00
#define CJK_HI 0x9FFF
#define NTRAD (sizeof trad_simp / sizeof trad_simp[0])

/* One bit per ideograph of U+4E00..U+9FFF that trad_simp maps: nearly
 * every ideograph of a key is not there, and the bit says so without a
 * search. Built once, like the lexer's indexes. */
static uint64_t trad_bits[(CJK_HI - CJK_LO) / 64 + 1];
static pthread_once_t trad_once = PTHREAD_ONCE_INIT;

static void build_trad_bits(void)
{
	for (size_t i = 0; i < NTRAD; i++) {
		unsigned d = (unsigned)(trad_simp[i][0] - CJK_LO);
		trad_bits[d / 64] |= UINT64_C(1) << (d % 64);
	}
}

/* The simplified form of an ideograph in U+4E00..U+9FFF (itself if none). */
static int32_t fold_ideograph(int32_t cp)
{
	pthread_once(&trad_once, build_trad_bits);
	unsigned d = (unsigned)(cp - CJK_LO);
	if (!(trad_bits[d / 64] >> (d % 64) & 1))
		return cp;
	size_t lo = 0, hi = NTRAD;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (trad_simp[mid][0] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < NTRAD && trad_simp[lo][0] == cp ? trad_simp[lo][1] : cp;
}

int32_t ps_fold_cp(int32_t cp)
{
	/* every code point folded below is at least U+2012 (‒) */
	if (cp < 0x2012)
		return cp;
	if (cp >= CJK_LO && cp <= CJK_HI)
		return fold_ideograph(cp);
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0; /* fullwidth ASCII */
	switch (cp) {
	case 0x3000: return ' ';
	case 0x2267: return 0x2265; /* ≧ → ≥ */
	case 0x2266: return 0x2264; /* ≦ → ≤ */
	case 0x2A7E: return 0x2265; /* ⩾ */
	case 0x2A7D: return 0x2264; /* ⩽ */
	case 0x2550: return '=';    /* ═ box drawing used as = */
	case 0x3002: return '.';    /* 。 */
	case 0xFF61: return '.';
	case 0x3001: return 0x3001; /* 、 stays: it enumerates */
	case 0x2014: case 0x2013: case 0x2012: case 0x2015: case 0x2212: case 0xFE63:
		return '-';
	case 0x301C: return '~';
	case 0x3010: return '[';
	case 0x3011: return ']';
	case 0x2018: case 0x2019: return '\'';
	case 0x201C: case 0x201D: return '"';
	case 0xFE50: return ',';
	case 0xFE54: return ';';
	case 0xFE55: return ':';
	default: break;
	}
	return cp;
}

static bool is_space_cp(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
	       cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF || cp == 0x200B;
}

static bool is_bracket_cp(int32_t cp)
{
	switch (cp) {
	case '(': case ')': case '[': case ']': case '<': case '>': case '*': case '{': case '}':
	case 0x300A: case 0x300B: case 0x3008: case 0x3009: case 0x3014: case 0x3015:
	case 0x300C: case 0x300D: case 0x300E: case 0x300F:
		return true;
	default:
		return false;
	}
}

/* Fold src[0..n) into out (room for n bytes: no fold lengthens a code
 * point, invalid bytes are copied one for one); returns the length. */
static size_t fold_key(char *out, const char *src, size_t n, bool strip_brackets)
{
	char *o = out;
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)src[i];
		if (c < 0x80) {
			/* ASCII folds to itself: only spaces and brackets go */
			i++;
			if (!is_space_cp(c) && !(strip_brackets && is_bracket_cp(c)))
				*o++ = (char)c;
			continue;
		}
		int32_t cp = decode3((const unsigned char *)src + i, n - i);
		int k = 3;
		if (cp < 0)
			k = ps_utf8_decode(src + i, n - i, &cp);
		if (k <= 0) {
			*o++ = src[i];
			i++;
			continue;
		}
		int32_t f = ps_fold_cp(cp);
		if (is_space_cp(f) || (strip_brackets && is_bracket_cp(f))) {
			i += (size_t)k;
			continue;
		}
		if (f == cp) {
			for (int j = 0; j < k; j++)
				*o++ = src[i + (size_t)j];
		} else {
			o += ps_utf8_encode(f, o);
		}
		i += (size_t)k;
	}
	return (size_t)(o - out);
}

/* ASCII as fold_key treats it: 1 white space (dropped), 2 a bracket
 * (dropped when stripping brackets). */
static const unsigned char ascii_key_class[128] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
	['('] = 2, [')'] = 2, ['['] = 2, [']'] = 2, ['<'] = 2, ['>'] = 2, ['*'] = 2, ['{'] = 2, ['}'] = 2,
};

/* A three-byte code point NFKC leaves as ps_fold_cp would fold it anyway:
 * CJK unified ideographs (unchanged), 、。 and the ideographic space,
 * fullwidth ASCII (NFKC and ps_fold_cp both give the ASCII), and the signs
 * of rule texts that have no decomposition and, like the rest here, never
 * combine with a neighbour: ≤ ≥ ≦ ≧ — ‘ ’ “ ” 《 》 【 】. The text of
 * almost every cell is these and ASCII, which lets keys skip utf8proc (the
 * costliest step of loading). */
static bool nfkc_is_fold_cp(int32_t cp)
{
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3002) || (cp >= 0xFF01 && cp <= 0xFF5E))
		return true;
	switch (cp) {
	case 0x2264: case 0x2265: case 0x2266: case 0x2267: case 0x2014: case 0x2018: case 0x2019:
	case 0x201C: case 0x201D: case 0x300A: case 0x300B: case 0x3010: case 0x3011:
		return true;
	default:
		return false;
	}
}

/* The key of s[0..n) in one pass when s holds nothing but printable ASCII
 * (0x20..0x7E), × and code points nfkc_is_fold_cp passes: fold_key of s
 * itself, its NFKC being s as far as the fold can tell. Writes at most n
 * bytes to out and returns the length, or -1 (out undefined) when s holds
 * anything else (NFKC then decides). */
static ptrdiff_t simple_key(char *out, const char *s, size_t n, bool strip_brackets)
{
	pthread_once(&trad_once, build_trad_bits); /* once here, not per ideograph */
	unsigned char drop = strip_brackets ? 3 : 1;
	const unsigned char *u = (const unsigned char *)s;
	char *o = out;
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7F)
				return -1;
			if (!(ascii_key_class[c] & drop))
				*o++ = (char)c;
			i++;
			continue;
		}
		if (c == 0xC3 && i + 1 < n && u[i + 1] == 0x97) { /* × (U+00D7) folds to itself */
			memcpy(o, s + i, 2);
			o += 2;
			i += 2;
			continue;
		}
		int32_t cp = decode3(u + i, n - i);
		int32_t f;
		if (cp >= CJK_LO && cp <= CJK_HI) {
			/* nearly every ideograph folds to itself: one bit says so */
			unsigned d = (unsigned)(cp - CJK_LO);
			f = trad_bits[d / 64] >> (d % 64) & 1 ? fold_ideograph(cp) : cp;
		} else if (cp >= 0 && nfkc_is_fold_cp(cp)) {
			f = ps_fold_cp(cp);
			if (is_space_cp(f) || (strip_brackets && is_bracket_cp(f))) {
				i += 3;
				continue;
			}
		} else {
			return -1;
		}
		if (f == cp) {
			memcpy(o, s + i, 3);
			o += 3;
		} else {
			o += ps_utf8_encode(f, o); /* never longer: ASCII, or three bytes */
		}
		i += 3;
	}
	return o - out;
}

size_t ps_norm_key_buf(ps_buf *out, const char *s, size_t len, bool strip_brackets)
{
	if (out->n + len + 1 > out->cap) {
		out->cap = out->n + len + 1;
		out->s = ps_xrealloc(out->s, out->cap);
	}
	ptrdiff_t fast = simple_key(out->s + out->n, s, len, strip_brackets);
	if (fast >= 0) {
		out->n += (size_t)fast;
		out->s[out->n] = '\0';
		return (size_t)fast;
	}
	utf8proc_uint8_t *nfkc = NULL;
	const char *src = s;
	size_t n = len;
	if (len > 0 && ps_utf8_invalid_at(s, len) < 0) {
		utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfkc,
		                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
		if (r >= 0) {
			src = (const char *)nfkc;
			n = (size_t)r;
		}
	}
	if (out->n + n + 1 > out->cap) {
		out->cap = out->n + n + 1;
		out->s = ps_xrealloc(out->s, out->cap);
	}
	size_t k = fold_key(out->s + out->n, src, n, strip_brackets);
	out->n += k;
	out->s[out->n] = '\0';
	if (nfkc)
		free(nfkc);
	return k;
}

char *ps_norm_key(const char *s, size_t len, bool strip_brackets)
{
	ps_buf b = PS_BUF_INIT;
	ps_norm_key_buf(&b, s, len, strip_brackets);
	return ps_buf_detach(&b);
}

size_t ps_trim(const char **s, size_t len)
{
	const char *p = *s;
	while (len > 0) {
		unsigned char c = (unsigned char)p[0];
		if (c < 0x80) {
			if (!ascii_space(c))
				break;
			p++;
			len--;
			continue;
		}
		/* the other spaces start C2 (U+00A0), E2 (U+200B), E3 (U+3000)
		 * or EF (U+FEFF) */
		if (c != 0xC2 && c != 0xE2 && c != 0xE3 && c != 0xEF)
			break;
		int32_t cp;
		int k = ps_utf8_decode(p, len, &cp);
		if (k <= 0 || !is_space_cp(cp))
			break;
		p += k;
		len -= (size_t)k;
	}
	while (len > 0) {
		unsigned char c = (unsigned char)p[len - 1];
		if (c < 0x80) {
			if (!ascii_space(c))
				break;
			len--;
			continue;
		}
		/* and end A0, 8B, 80 or BF; a lead byte at the end is invalid */
		if (c != 0xA0 && c != 0x8B && c != 0x80 && c != 0xBF)
			break;
		/* find the start of the last code point */
		size_t j = len - 1;
		while (j > 0 && ((unsigned char)p[j] & 0xC0) == 0x80)
			j--;
		int32_t cp;
		int k = ps_utf8_decode(p + j, len - j, &cp);
		if (k <= 0 || !is_space_cp(cp))
			break;
		len = j;
	}
	*s = p;
	return len;
}

/* Bytes ps_norm_cell looks at: line breaks and the lead bytes of fullwidth
 * forms (EF), the ideographic space (E3) and the no-break space (C2). */
static const unsigned char cell_special[256] = {
	['\r'] = 1, ['\n'] = 1, [0xC2] = 1, [0xE3] = 1, [0xEF] = 1,
};

#define ONES8 UINT64_C(0x0101010101010101)

/* Nonzero if a byte of w equals b (exact as a yes/no answer). */
static inline uint64_t has_byte(uint64_t w, unsigned char b)
{
	uint64_t v = w ^ (ONES8 * b);
	return (v - ONES8) & ~v & HIGH8;
}

/* The bytes of w that need a look (high bit set in the mask): bytes below
 * 0x0E (the line breaks, and a few controls that are then copied as they
 * are), C2, E3 and EF. The lowest one marked is exact; most words of a
 * cell have none. */
static inline uint64_t cell_word_special(uint64_t w)
{
	uint64_t below = (w - ONES8 * 0x0E) & ~w & HIGH8;
	return below | has_byte(w, 0xC2) | has_byte(w, 0xE3) | has_byte(w, 0xEF);
}

/* One special byte or sequence at u[*i] (i < len) written to *o: a run
 * of line breaks becomes '\n', a fullwidth sign or an ideographic or
 * no-break space its ASCII form; anything else is copied. */
static void cell_special_at(const unsigned char *u, size_t len, size_t *i, char **o)
{
	size_t at = *i;
	unsigned char c = u[at];
	if (c == '\r' || c == '\n') {
		while (at < len && (u[at] == '\r' || u[at] == '\n'))
			at++;
		*(*o)++ = '\n'; /* trimmed: content follows */
		*i = at;
		return;
	}
	int32_t cp = -1;
	size_t n = 1;
	if (c == 0xEF && at + 2 < len && (u[at + 1] == 0xBC || u[at + 1] == 0xBD)) {
		int32_t x = ((u[at + 1] & 0x3F) << 6 | (u[at + 2] & 0x3F)) | 0xF000;
		/* fullwidth digits, letters and the signs of numbers and
		 * comparisons (％．＋－／＜＝＞) fold to ASCII; the punctuation
		 * of Chinese text (，（）；：) stays as written, for display */
		if ((x >= 0xFF10 && x <= 0xFF19) || (x >= 0xFF21 && x <= 0xFF3A) || (x >= 0xFF41 && x <= 0xFF5A) ||
		    x == 0xFF05 || x == 0xFF0E || x == 0xFF0B || x == 0xFF0D || x == 0xFF0F ||
		    (x >= 0xFF1C && x <= 0xFF1E)) {
			cp = x - 0xFEE0;
			n = 3;
		}
	} else if (c == 0xE3 && at + 2 < len && u[at + 1] == 0x80 && u[at + 2] == 0x80) {
		cp = ' '; /* ideographic space */
		n = 3;
	} else if (c == 0xC2 && at + 1 < len && u[at + 1] == 0xA0) {
		cp = ' '; /* no-break space */
		n = 2;
	}
	*(*o)++ = cp < 0 ? (char)c : (char)cp;
	*i = at + n;
}

/* The length of the run at u[0..n) that norm_trimmed copies as it is: the
 * index of the first byte that needs a look (a byte below 0x0E, C2, E3 or
 * EF; a control other than CR/LF is then copied by cell_special_at), or n.
 * Words overlap at the end instead of reading past it; the bytes already
 * passed are shifted out (they are not special, so nothing borrows from
 * them and the lowest mark left is exact). Most cells have no such byte. */
static inline size_t cell_plain_run(const unsigned char *u, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (n >= 16)
		return ps_scan16(u, n, cell_special16);
#endif
	if (n >= 8) {
		for (; i + 8 <= n; i += 8) {
			uint64_t m = cell_word_special(load_le64(u + i));
			if (m)
				return i + first_high(m);
		}
		if (i == n)
			return n;
		uint64_t m = cell_word_special(load_le64(u + n - 8)) >> (8 * (i - (n - 8)));
		return m ? i + first_high(m) : n;
	}
	if (n >= 4) {
		/* the first four and the last four bytes in one word: a yes/no
		 * answer (no mark without a special byte), the place by bytes */
		uint32_t a, b;
		memcpy(&a, u, 4);
		memcpy(&b, u + n - 4, 4);
		if (!cell_word_special((uint64_t)a | (uint64_t)b << 32))
			return n;
	}
	while (i < n && !cell_special[u[i]])
		i++;
	return i;
}

/* The index of the first byte of u[i..n) that normalising changes, or n:
 * cell_plain_run's marks tested in place, so that a cell of Chinese
 * punctuation is still one run (copied whole, or not at all). */
static inline size_t plain_len(const unsigned char *u, size_t n, size_t i)
{
#if defined(__SSE2__)
	if (n - i >= 16) {
		size_t last = n - 16;
		for (;; i += 16) {
			if (i > last)
				i = last; /* the last block overlaps the one before: its
				           * bytes were tested, and pass again */
			for (unsigned m = cell_special16(u + i); m; m &= m - 1) {
				size_t j = i + (size_t)__builtin_ctz(m);
				if (really_special(u, n, j))
					return j;
			}
			if (i == last)
				return n;
		}
	}
#endif
	for (;;) {
		i += cell_plain_run(u + i, n - i);
		if (i >= n || really_special(u, n, i))
			return i;
		i++;
	}
}

/* norm_trimmed from s[i] on (a byte that needs a change), out written up
 * to o. Kept out of line, so that the common case (nothing to change)
 * saves few registers. */
static __attribute__((noinline)) size_t norm_rest(char *out, char *o, const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	for (;;) {
		cell_special_at(u, len, &i, &o);
		if (i >= len)
			break;
		size_t r = plain_len(u, len, i) - i;
		ps_copy_run(o, s + i, r);
		o += r;
		i += r;
		if (i >= len)
			break;
	}
	*o = '\0';
	return (size_t)(o - out);
}

/* The normalisation of ps_norm_cell of s[0..len), already trimmed, into
 * out (room for len + 1 bytes: nothing here lengthens the text, so the
 * output never runs ahead of the input). Runs of bytes that need nothing
 * are found 16 bytes at a time and copied whole; most cells are one run. */
static inline size_t norm_trimmed(char *out, const char *s, size_t len)
{
	size_t r = plain_len((const unsigned char *)s, len, 0);
	ps_copy_run(out, s, r);
	if (r == len) {
		out[len] = '\0';
		return len;
	}
	return norm_rest(out, out + r, s, len, r);
}

/* Trim s[0..*len), calling ps_trim only when an end could be space. */
static inline const char *trim_cell(const char *s, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (*len && (space_first(u, *len) || space_last_maybe(u, *len)))
		*len = ps_trim(&s, *len);
	return s;
}

/* Trim, fold fullwidth ASCII and the ideographic and no-break spaces, and
 * turn runs of CR/LF into one '\n', straight into a string of the trimmed
 * length: this runs on every cell of every table. */
char *ps_norm_cell(const char *s, size_t len)
{
	s = trim_cell(s, &len);
	char *out = ps_xmalloc(len + 1);
	norm_trimmed(out, s, len);
	return out;
}

size_t ps_norm_cell_to(char *out, const char *s, size_t len)
{
	s = trim_cell(s, &len);
	return norm_trimmed(out, s, len);
}

/* ps_norm_cell_view for a cell that trimming or normalising changes (or
 * may: ps_trim decides). */
static __attribute__((noinline)) const char *norm_view_slow(char *out, const char *s, size_t len, size_t *n)
{
	const char *t = trim_cell(s, &len);
	size_t r = plain_len((const unsigned char *)t, len, 0);
	if (r == len && t[len] == '\0') {
		*n = len;
		return t;
	}
	ps_copy_run(out, t, r);
	if (r == len) {
		out[len] = '\0';
		*n = len;
		return out;
	}
	*n = norm_rest(out, out + r, t, len, r);
	return out;
}

const char *ps_norm_cell_view(char *out, const char *s, size_t len, size_t *n)
{
	/* the common case with no call (and so no registers to save): nothing
	 * to trim, nothing to change, the NUL right after */
	const unsigned char *u = (const unsigned char *)s;
	if (len && !space_first(u, len) && !space_last_maybe(u, len) && plain_len(u, len, 0) == len &&
	    s[len] == '\0') {
		*n = len;
		return s;
	}
	return norm_view_slow(out, s, len, n);
}

/* East Asian Ambiguous characters common in our text (≥ ≤ · — … ×, Greek,
 * box drawing, circled digits). Ranges, sorted. */
static const int32_t ambiguous[][2] = {
	{0x00A1, 0x00A1}, {0x00A4, 0x00A4}, {0x00A7, 0x00A8}, {0x00B0, 0x00B4}, {0x00B6, 0x00BA},
	{0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x0391, 0x03A9}, {0x03B1, 0x03C9}, {0x0401, 0x0451},
	{0x2010, 0x2010}, {0x2013, 0x2016}, {0x2018, 0x2019}, {0x201C, 0x201D}, {0x2020, 0x2022},
	{0x2024, 0x2027}, {0x2030, 0x2030}, {0x2032, 0x2033}, {0x203B, 0x203B}, {0x2103, 0x2103},
	{0x2116, 0x2116}, {0x2160, 0x216B}, {0x2190, 0x2199}, {0x2208, 0x2208}, {0x221A, 0x221A},
	{0x221E, 0x221E}, {0x2229, 0x222B}, {0x2248, 0x2248}, {0x2260, 0x2261}, {0x2264, 0x2267},
	{0x2460, 0x24E9}, {0x2500, 0x257F}, {0x25A0, 0x25A1}, {0x25B2, 0x25B3}, {0x25C6, 0x25C7},
	{0x25CB, 0x25CB}, {0x25CE, 0x25CF}, {0x2605, 0x2606},
};

int ps_cp_width(int32_t cp, bool ambiguous_wide)
{
	if (cp == 0)
		return 0;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (ambiguous_wide) {
		size_t lo = 0, hi = sizeof ambiguous / sizeof ambiguous[0];
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (cp < ambiguous[mid][0])
				hi = mid;
			else if (cp > ambiguous[mid][1])
				lo = mid + 1;
			else
				return 2;
		}
	}
	int w = utf8proc_charwidth(cp);
	return w < 0 ? 1 : w;
}

size_t ps_text_width(const char *s, size_t len, bool ambiguous_wide)
{
	size_t i = 0, w = 0;
	while (i < len) {
		int32_t cp;
		int k = ps_utf8_decode(s + i, len - i, &cp);
		if (k <= 0) {
			i++;
			w++;
			continue;
		}
		i += (size_t)k;
		w += (size_t)ps_cp_width(cp, ambiguous_wide);
	}
	return w;
}

bool ps_contains(const char *s, size_t len, const char *needle)
{
	size_t m = strlen(needle);
	if (m == 0)
		return true;
	if (m > len)
		return false;
	/* candidates are where the first byte occurs: memchr finds them */
	const char *end = s + (len - m) + 1;
	for (const char *p = s; p < end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p));
		if (!p)
			return false;
		if (memcmp(p + 1, needle + 1, m - 1) == 0)
			return true;
	}
	return false;
}
