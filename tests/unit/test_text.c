/* test_text.c: the UTF-8 and key helpers of text.c and the byte buffer, at
 * the edges their fast paths take: ASCII and three-byte sequences against
 * the general decoder, the spaces trimming knows, keys into a reused buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "perfscore/text.h"
#include "baseline_fixture.h"
#include "util/cellnorm.h"

static int dec(const char *s, size_t len, int32_t *cp)
{
	return ps_utf8_decode(s, len, cp);
}

static void t_decode(void **state)
{
	(void)state;
	int32_t cp;
	assert_int_equal(dec("中", 3, &cp), 3);
	assert_int_equal(cp, 0x4E2D);
	assert_int_equal(dec("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(dec("", 0, &cp), 0);
	assert_int_equal(dec("é", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(dec("😀", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(dec("\xEF\xBC\x85", 3, &cp), 3); /* ％ */
	assert_int_equal(cp, 0xFF05);
	/* three-byte sequences the fast path must refuse */
	assert_int_equal(dec("\xE0\x80\x80", 3, &cp), -1); /* overlong */
	assert_int_equal(cp, 0xFFFD);
	assert_int_equal(dec("\xED\xA0\x80", 3, &cp), -1); /* surrogate */
	assert_int_equal(dec("\xE4\xB8", 2, &cp), -1);     /* cut short */
	assert_int_equal(dec("\xE4\xB8\xAD", 2, &cp), -1); /* len says cut short */
	assert_int_equal(dec("\xE4\x41\x41", 3, &cp), -1);
	assert_int_equal(dec("\xE4\xB8\x41", 3, &cp), -1);
	assert_int_equal(dec("\x80", 1, &cp), -1);
	assert_int_equal(dec("\xE0\xA0\x80", 3, &cp), 3); /* the least three-byte one */
	assert_int_equal(cp, 0x800);
	assert_int_equal(dec("\xEF\xBF\xBF", 3, &cp), 3);
	assert_int_equal(cp, 0xFFFF);
}

static void t_invalid_at(void **state)
{
	(void)state;
	const char *ok = "abcdefgh中文ijklmnopqrstuvwxyz，。0123456789";
	assert_int_equal(ps_utf8_invalid_at(ok, strlen(ok)), -1);
	assert_int_equal(ps_utf8_invalid_at("", 0), -1);
	/* an invalid byte after, at and inside runs of eight ASCII bytes */
	assert_int_equal(ps_utf8_invalid_at("abcdefghijklm\xFFz", 15), 13);
	assert_int_equal(ps_utf8_invalid_at("abcdefgh\x80", 9), 8);
	assert_int_equal(ps_utf8_invalid_at("abcdefghijklmnop\xC0\xAF", 18), 16);
	assert_int_equal(ps_utf8_invalid_at("abc\xE4\xB8", 5), 3);
	assert_int_equal(ps_utf8_invalid_at("中文abcdefgh\xED\xA0\x80", 17), 14);
	/* the edges of the three-byte check: overlong, surrogates, cut short */
	assert_int_equal(ps_utf8_invalid_at("a\xE0\x80\x80", 4), 1);
	assert_int_equal(ps_utf8_invalid_at("a\xE0\x9F\xBF", 4), 1);
	assert_int_equal(ps_utf8_invalid_at("a\xE0\xA0\x80", 4), -1);
	assert_int_equal(ps_utf8_invalid_at("a\xED\xA0\x80", 4), 1);
	assert_int_equal(ps_utf8_invalid_at("a\xED\x9F\xBF", 4), -1);
	assert_int_equal(ps_utf8_invalid_at("a\xEF\xBF\xBF", 4), -1);
	assert_int_equal(ps_utf8_invalid_at("\xE4\xB8\xAD\xE4\xB8", 5), 3);
	assert_int_equal(ps_utf8_invalid_at("\xE4\xB8\xAD\xE4\xB8\xAD", 5), 3);
	assert_int_equal(ps_utf8_invalid_at("\xF0\x9F\x98\x80\xC3\xA9", 6), -1);
	/* len, not the NUL, ends the text */
	assert_int_equal(ps_utf8_invalid_at("abcdefghij\xFF", 10), -1);
}

/* The validator as ps_utf8_decode sees the text, one code point at a time. */
static int64_t invalid_ref(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = ps_utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			return (int64_t)i;
		i += (size_t)n;
	}
	return -1;
}

/* Valid pieces one after another into in until it holds at least want
 * bytes, with one of the bad ones (if any) one time in one_in; returns the
 * length. */
static size_t mixed(char *in, size_t want, const char *const *ok, size_t nok, const char *const *bad, size_t nbad,
                    unsigned one_in, uint32_t *seed)
{
	size_t n = 0;
	while (n < want) {
		*seed = *seed * 1103515245u + 12345u;
		bool is_bad = bad && (*seed >> 8) % one_in == 0;
		const char *p = is_bad ? bad[(*seed >> 20) % nbad] : ok[(*seed >> 16) % nok];
		size_t m = strlen(p);
		memcpy(in + n, p, m);
		n += m;
	}
	return n;
}

/* The block scans against the reference: texts of ASCII, ideographs,
 * fullwidth forms, two- and four-byte characters, E0 and ED sequences
 * (valid and not), stray continuation bytes and cut-short sequences, at
 * every offset of a 16-byte block and every length up to 100 bytes. */
static void t_invalid_at_blocks(void **state)
{
	(void)state;
	static const char *const ok[] = {
		"a", ",", "12", "abcdefghijklmnop", "中", "指标名称", "，", "（", "≤", "é", "\xF0\x9F\x98\x80",
		"\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xE1\x80\x80",
	};
	static const char *const bad[] = {
		"\x80", "\xBF", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xB8", "\xE4", "\xF0\x9F\x98",
		"\xFF", "\xF8\x88\x80\x80\x80",
	};
	size_t nok = sizeof ok / sizeof ok[0], nbad = sizeof bad / sizeof bad[0];
	char in[160];
	uint32_t seed = 4242;
	for (int round = 0; round < 4000; round++) {
		size_t n = mixed(in, 100, ok, nok, round % 4 ? bad : NULL, nbad, 32, &seed);
		for (size_t len = 0; len <= n; len++)
			assert_int_equal(ps_utf8_invalid_at(in, len), invalid_ref(in, len));
		/* and from every start, so blocks begin at every offset */
		for (size_t from = 1; from < 16 && from < n; from++)
			assert_int_equal(ps_utf8_invalid_at(in + from, n - from), invalid_ref(in + from, n - from));
	}
}

/* The 64-byte blocks (AVX2, where the CPU has it) against the reference:
 * texts up to about 300 bytes, mostly valid so that blocks pass whole and
 * carry a cut sequence into the next, with a bad piece at times, from
 * every offset of a block. */
static void t_invalid_at_wide(void **state)
{
	(void)state;
	static const char *const ok[] = {"a", "0,", "中", "预算执行", "，", "\xE0\xA0\x80", "\xED\x9F\xBF",
	                                 "é", "\xF0\x9F\x98\x80", "abcdefghijklmnopqrstuvwxyz0123456789"};
	static const char *const bad[] = {"\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xE4\xB8", "\xFF", "\xE4\x41"};
	size_t nok = sizeof ok / sizeof ok[0], nbad = sizeof bad / sizeof bad[0];
	char in[400];
	uint32_t seed = 777;
	for (int round = 0; round < 600; round++) {
		size_t n = mixed(in, 64 + (size_t)(round % 5) * 60, ok, nok, round % 3 ? bad : NULL, nbad, 200, &seed);
		for (size_t len = 0; len <= n; len += 1 + (size_t)(round % 4))
			assert_int_equal(ps_utf8_invalid_at(in, len), invalid_ref(in, len));
		for (size_t from = 1; from < 64 && from < n; from++)
			assert_int_equal(ps_utf8_invalid_at(in + from, n - from), invalid_ref(in + from, n - from));
	}
}

/* t_invalid_at_wide's and t_invalid_at_blocks' texts on the baseline paths. */
static void t_invalid_at_baseline(void **state)
{
	assert_false(ps_cpu_avx2());
	t_invalid_at_wide(state);
	t_invalid_at_blocks(state);
}

/* Random pieces one after another into buf until it holds at least want
 * bytes (the pieces no longer than 16); returns the length. The pieces
 * from index `common` on are rare: kept one time in `keep`, else one of
 * the common ones is taken instead. */
static size_t pieced(char *buf, size_t want, const char *const *pieces, size_t np, size_t common, unsigned keep,
                     uint32_t *seed)
{
	size_t n = 0;
	while (n < want) {
		*seed = *seed * 1103515245u + 12345u;
		size_t k = (*seed >> 16) % np;
		if (k >= common && (*seed >> 8) % keep != 0)
			k = (*seed >> 4) % common;
		size_t m = strlen(pieces[k]);
		memcpy(buf + n, pieces[k], m);
		n += m;
	}
	return n;
}

/* The word-at-a-time paths (eight ASCII bytes, four three-byte sequences)
 * against the reference, on text pieced together from every kind of
 * sequence so that each kind lands at each offset of a word. */
static void t_invalid_at_words(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "0,", "abcdefgh", "中", "文字", "预算执行", "\xEF\xBC\x85", /* ％ */
		"\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEC\xBF\xBF", /* valid E0, ED, EE, EC */
		"\xC3\xA9", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF", /* é, 😀, U+10FFFF */
		"\xE0\x9F\xBF", "\xED\xA0\x80", "\xE4\xB8", "\xE4\x41\x41", "\x80", "\xFF", /* invalid */
		"\xF4\x90\x80\x80", "\xC0\xAF", "\xE4\xB8\xAD\xE4", "\n", "\"",
	};
	size_t np = sizeof pieces / sizeof pieces[0];
	char buf[256];
	uint32_t seed = 12345;
	for (int round = 0; round < 20000; round++) {
		/* valid pieces far more often than invalid ones, so that long
		 * valid runs reach the word paths */
		size_t n = pieced(buf, 64, pieces, np, 14, 8, &seed);
		for (size_t len = 0; len <= n; len += 1 + (size_t)(round % 3))
			for (size_t off = 0; off < 4 && off <= len; off++)
				assert_int_equal(ps_utf8_invalid_at(buf + off, len - off), invalid_ref(buf + off, len - off));
	}
	/* an invalid byte at each offset of a word, after ideographs and ASCII */
	for (size_t at = 0; at < 40; at++) {
		memset(buf, 'x', 48);
		for (size_t j = 0; j + 3 <= at; j += 3)
			memcpy(buf + j, "中", 3);
		buf[at] = (char)0xFF;
		assert_int_equal(ps_utf8_invalid_at(buf, 48), (int64_t)at);
		buf[at] = (char)0xB8; /* a stray continuation byte */
		assert_int_equal(ps_utf8_invalid_at(buf, 48), invalid_ref(buf, 48));
	}
	/* four ideographs whose last lead is ED or E0 with a bad second byte */
	assert_int_equal(ps_utf8_invalid_at("中文中\xED\xA0\x80" "abcd", 16), 9);
	assert_int_equal(ps_utf8_invalid_at("\xE0\x80\x80中文中abcd", 16), 0);
	assert_int_equal(ps_utf8_invalid_at("中文中文中文中文", 24), -1);
}

static void t_fold(void **state)
{
	(void)state;
	assert_int_equal(ps_fold_cp(0x6EFF), 0x6EE1); /* 滿 → 满 */
	assert_int_equal(ps_fold_cp(0x70BA), 0x4E3A); /* 為 → 为 */
	assert_int_equal(ps_fold_cp(0x9805), 0x9879); /* 項 → 项 */
	assert_int_equal(ps_fold_cp(0x4E26), 0x5E76); /* the first pair of the table */
	assert_int_equal(ps_fold_cp(0x9F61), 0x9F84); /* and the last */
	assert_int_equal(ps_fold_cp(0x4E2D), 0x4E2D); /* 中 */
	assert_int_equal(ps_fold_cp(0x4E00), 0x4E00);
	assert_int_equal(ps_fold_cp(0x9FFF), 0x9FFF);
	assert_int_equal(ps_fold_cp(0xFF11), '1');
	assert_int_equal(ps_fold_cp(0xFF05), '%');
	assert_int_equal(ps_fold_cp(0x3000), ' ');
	assert_int_equal(ps_fold_cp(0x2012), '-'); /* the least code point folded */
	assert_int_equal(ps_fold_cp(0x2011), 0x2011);
	assert_int_equal(ps_fold_cp(0x3002), '.');
	assert_int_equal(ps_fold_cp(0x2267), 0x2265);
	assert_int_equal(ps_fold_cp('a'), 'a');
	assert_int_equal(ps_fold_cp(0xE9), 0xE9);
	/* every ideograph folds to an ideograph that stays as it is */
	size_t folded = 0;
	for (int32_t cp = 0x4E00; cp <= 0x9FFF; cp++) {
		int32_t f = ps_fold_cp(cp);
		assert_true(f >= 0x4E00 && f <= 0x9FFF);
		assert_int_equal(ps_fold_cp(f), f);
		folded += f != cp;
	}
	assert_true(folded > 150);
}

static void t_trim(void **state)
{
	(void)state;
	const char *s = " \t\v\f\r\n\u3000\u00A0\u200B\uFEFF中 文\uFEFF\u200B\u00A0\u3000\n ";
	const char *p = s;
	size_t n = ps_trim(&p, strlen(s));
	assert_int_equal(n, strlen("中 文"));
	assert_memory_equal(p, "中 文", n);
	p = "\u3000 \u00A0";
	assert_int_equal(ps_trim(&p, strlen(p)), 0);
	/* a last character that ends 80 (倀, U+5000) but is no space */
	p = "\u5000";
	assert_int_equal(ps_trim(&p, 3), 3);
	/* invalid bytes stop trimming at both ends */
	p = "\xE3\x80 a \xE3";
	n = ps_trim(&p, 6);
	assert_int_equal(n, 6);
	p = "\xA0";
	assert_int_equal(ps_trim(&p, 1), 1);
	p = "";
	assert_int_equal(ps_trim(&p, 0), 0);
	/* other characters led by the lead bytes of spaces */
	p = "\u2014x\u2014"; /* — is E2 80 94 */
	assert_int_equal(ps_trim(&p, strlen(p)), strlen("\u2014x\u2014"));
}

static void norm_is(const char *in, const char *want)
{
	char *s = ps_norm_cell(in, strlen(in));
	assert_string_equal(s, want);
	free(s);
}

static void t_norm_cell(void **state)
{
	(void)state;
	norm_is("  １２３％ ", "123%");
	norm_is("ａｂＣ＜＝＞＋－／．", "abC<=>+-/.");
	norm_is("甲，（乙）；：丙", "甲，（乙）；：丙");
	norm_is("a\r\n\r\nb\rc\nd", "a\nb\nc\nd");
	norm_is("a\u3000b\u00A0c", "a b c");
	norm_is("", "");
	norm_is(" \u3000 ", "");
	norm_is("中文", "中文");
	/* a fullwidth form cut short at the end is copied as it is */
	char *s = ps_norm_cell("x\xEF\xBC", 3);
	assert_memory_equal(s, "x\xEF\xBC", 4);
	free(s);
	/* len, not the NUL, ends the cell */
	s = ps_norm_cell("ab cd", 2);
	assert_string_equal(s, "ab");
	free(s);
}

/* ps_norm_cell as specified, one byte at a time (the reference for the
 * word-at-a-time scan). */
static size_t norm_ref(char *out, const char *s, size_t len)
{
	len = ps_trim(&s, len);
	const unsigned char *u = (const unsigned char *)s;
	char *o = out;
	for (size_t i = 0; i < len;) {
		unsigned char c = u[i];
		if (c == '\r' || c == '\n') {
			while (i < len && (u[i] == '\r' || u[i] == '\n'))
				i++;
			*o++ = '\n';
		} else if (c == 0xEF && i + 2 < len && (u[i + 1] == 0xBC || u[i + 1] == 0xBD)) {
			int32_t x = 0xF000 | (u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
			bool fold = (x >= 0xFF10 && x <= 0xFF19) || (x >= 0xFF21 && x <= 0xFF3A) ||
			            (x >= 0xFF41 && x <= 0xFF5A) || x == 0xFF05 || x == 0xFF0E || x == 0xFF0B ||
			            x == 0xFF0D || x == 0xFF0F || (x >= 0xFF1C && x <= 0xFF1E);
			*o++ = fold ? (char)(x - 0xFEE0) : (char)c;
			i += fold ? 3 : 1;
		} else if (c == 0xE3 && i + 2 < len && u[i + 1] == 0x80 && u[i + 2] == 0x80) {
			*o++ = ' ';
			i += 3;
		} else if (c == 0xC2 && i + 1 < len && u[i + 1] == 0xA0) {
			*o++ = ' ';
			i += 2;
		} else {
			*o++ = (char)c;
			i++;
		}
	}
	*o = '\0';
	return (size_t)(o - out);
}

/* The word-at-a-time normalisation against the reference: cells of every
 * length from 0 to 80 bytes, with line breaks, fullwidth forms, spaces,
 * controls, a NUL and cut-short sequences at every offset of a word. The
 * output is exactly len + 1 bytes, so a write past it is caught under ASan. */
static void t_norm_cell_words(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "12", "abcdefgh", "中", "指标名称", "，", "（", "）", "１", "Ａ", "ｚ", "％", "＜＝",
		"\r\n", "\r", "\n", " ", "\t", "\u3000", "\u00A0", "\u200B", "\uFEFF", "\x01", "\x0B", "\x0D\x0D",
		"\xEF\xBC", "\xEF", "\xC2", "\xE3\x80", "\xEF\xBD\x9F", "\xEF\xBC\x80",
	};
	size_t np = sizeof pieces / sizeof pieces[0];
	char in[128], ref[128];
	uint32_t seed = 777;
	for (int round = 0; round < 5000; round++) {
		size_t n = 0;
		while (n < 80) {
			seed = seed * 1103515245u + 12345u;
			size_t k = (seed >> 16) % (np + 1);
			if (k == np) { /* a NUL inside the cell: len, not the NUL, ends it */
				in[n++] = '\0';
				continue;
			}
			size_t m = strlen(pieces[k]);
			memcpy(in + n, pieces[k], m);
			n += m;
		}
		for (size_t len = 0; len <= n; len++) {
			size_t want = norm_ref(ref, in, len);
			char *out = malloc(len + 1);
			assert_non_null(out);
			size_t got = ps_norm_cell_to(out, in, len);
			assert_int_equal(got, want);
			assert_memory_equal(out, ref, want + 1);
			free(out);
			char *s = ps_norm_cell(in, len);
			assert_memory_equal(s, ref, want + 1);
			free(s);
		}
	}
	/* cells of 0, 1, 7, 8 and 9 bytes, with and without a byte to fold last */
	static const struct {
		const char *in, *out;
	} cells[] = {
		{"", ""},           {"x", "x"},                 {"abcdefg", "abcdefg"},
		{"abcde\r\ng", "abcde\ng"}, {"abcdefgh", "abcdefgh"}, {"abcdefgh\r", "abcdefgh"},
		{"abcdef１", "abcdef1"}, {"abcdefg\rh", "abcdefg\nh"},
	};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
		char out[16];
		assert_int_equal(ps_norm_cell_to(out, cells[i].in, strlen(cells[i].in)), strlen(cells[i].out));
		assert_string_equal(out, cells[i].out);
	}
}

static void t_norm_key_buf(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	const char *in = "（满分） 完成率＞＝ 95 %";
	size_t n = ps_norm_key_buf(&b, in, strlen(in), true);
	char *k = ps_norm_key(in, strlen(in), true);
	assert_string_equal(b.s, k);
	assert_int_equal(n, strlen(k));
	assert_string_equal(b.s, "满分完成率=95%"); /* < > are brackets too */
	free(k);
	/* appended after what the buffer holds; the brackets stay */
	n = ps_norm_key_buf(&b, "(甲)", 5, false);
	assert_int_equal(n, 5);
	assert_string_equal(b.s, "满分完成率=95%(甲)");
	assert_int_equal(b.n, strlen(b.s));
	/* NFKC (① → 1, ﬁ → fi), traditional, invalid bytes kept */
	ps_buf_clear(&b);
	n = ps_norm_key_buf(&b, "①ﬁ滿", strlen("①ﬁ滿"), true);
	assert_string_equal(b.s, "1fi满");
	assert_int_equal(n, strlen("1fi满"));
	ps_buf_clear(&b);
	ps_norm_key_buf(&b, "a\xFF b", 4, true);
	assert_string_equal(b.s, "a\xFF" "b");
	ps_buf_clear(&b);
	assert_int_equal(ps_norm_key_buf(&b, "", 0, true), 0);
	assert_string_equal(b.s, "");
	ps_buf_dispose(&b);
	/* a fresh buffer grows to any length */
	ps_buf big = PS_BUF_INIT;
	char text[300];
	for (size_t i = 0; i < 99; i++)
		memcpy(text + 3 * i, "满", 3);
	ps_norm_key_buf(&big, text, 297, true);
	assert_int_equal(big.n, 297);
	assert_memory_equal(big.s, text, 297);
	ps_buf_dispose(&big);
}

/* The one-pass key (ASCII, ×, ideographs and the signs NFKC leaves alone)
 * against the NFKC path: "…" has a compatibility decomposition ("..."), so
 * a text ending in it takes utf8proc, and its key must be the one-pass key
 * of the text before it, then "...". Each sign of the one-pass set is also
 * checked to be NFKC-stable with utf8proc itself. */
static void t_norm_key_one_pass(void **state)
{
	(void)state;
	static const char *const signs[] = {"≤", "≥", "≦", "≧", "—", "‘", "’", "“", "”",
	                                    "《", "》", "【", "】", "×", "、", "。", "≥≤×“《"};
	for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++) {
		utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)signs[i]);
		assert_string_equal((const char *)n, signs[i]);
		free(n);
	}
	static const char *const texts[] = {
		"完成率≥95%", "≦3天", "“双随机”抽查", "《条例》【试行】", "得分=实际值/目标值×分值", "a—b",
		"‘x’", "滿意度 （ 10分 ）", "完成率＞＝９５％", "(甲)[乙]{丙}<丁>*", "", " ", "、。",
		"≥≥××", "項目驗收",
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (int strip = 0; strip < 2; strip++) {
			char *k = ps_norm_key(texts[i], strlen(texts[i]), strip);
			ps_buf b = PS_BUF_INIT;
			ps_buf_adds(&b, texts[i]);
			ps_buf_adds(&b, "…");
			char *slow = ps_norm_key(b.s, b.n, strip);
			ps_buf_clear(&b);
			ps_buf_adds(&b, k);
			ps_buf_adds(&b, "...");
			assert_string_equal(slow, b.s);
			free(slow);
			free(k);
			ps_buf_dispose(&b);
		}
	char *k = ps_norm_key("≧5％【注】×2", strlen("≧5％【注】×2"), true);
	assert_string_equal(k, "≥5%注×2");
	free(k);
}

static void t_contains(void **state)
{
	(void)state;
	const char *s = "小计合计总分";
	size_t n = strlen(s);
	assert_true(ps_contains(s, n, "小计"));
	assert_true(ps_contains(s, n, "总分"));
	assert_true(ps_contains(s, n, "合计"));
	assert_false(ps_contains(s, n, "总计"));
	assert_false(ps_contains(s, n - 3, "总分")); /* only len counts */
	assert_true(ps_contains(s, n, ""));
	assert_false(ps_contains("ab", 2, "abc"));
	assert_true(ps_contains("aaab", 4, "aab"));
	assert_false(ps_contains("", 0, "a"));
}

static void t_buf(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	for (int i = 0; i < 200; i++)
		ps_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.n, 200);
	assert_int_equal(strlen(b.s), 200);
	assert_int_equal(b.s[199], 'a' + 199 % 26);
	ps_buf_add(&b, "xyz", 3);
	ps_buf_adds(&b, "");
	assert_int_equal(b.n, 203);
	assert_string_equal(b.s + 200, "xyz");
	ps_buf_clear(&b);
	ps_buf_addc(&b, 'q');
	assert_string_equal(b.s, "q");
	ps_buf_dispose(&b);
	ps_buf e = PS_BUF_INIT;
	ps_buf_add(&e, "", 0);
	assert_non_null(e.s);
	assert_string_equal(e.s, "");
	ps_buf_dispose(&e);
}

/* Random texts of valid and broken pieces (20,000 of them), cut at each
 * of their last four lengths: the scans against the reference. */
static void t_invalid_at_random(void **state)
{
	(void)state;
	static const char *const parts[] = {"a", "1,", "中", "文", "，", "≥", "\xC3\x97", "\xF0\x9F\x98\x80",
	                                    "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEF\xBC\x88", "      ",
	                                    "\xE0\x80\x80", "\xED\xA0\x80", "\x80", "\xE4\xB8", "\xC3",
	                                    "\xFF", "\xF4\x90\x80\x80"};
	size_t nvalid = 12; /* parts[0..12) are valid alone */
	unsigned seed = 12345;
	char buf[512];
	for (int round = 0; round < 20000; round++) {
		size_t n = 0;
		int count = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 120;
		bool bad = (seed >> 8) % 3 == 0;
		for (int k = 0; k < count && n < 400; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t which = (seed >> 16) % (bad && (seed >> 4) % 17 == 0 ? sizeof parts / sizeof parts[0] : nvalid);
			size_t m = strlen(parts[which]);
			memcpy(buf + n, parts[which], m);
			n += m;
		}
		for (size_t cut = n > 3 ? n - 3 : 0; cut <= n; cut++)
			assert_int_equal(ps_utf8_invalid_at(buf, cut), invalid_ref(buf, cut));
	}
}

/* The row reader's shortcut (ps_cell_view_plain) answers yes only for a
 * cell ps_norm_cell_view lends as it is, and (with SSE2) for every such
 * cell of valid UTF-8; the bytes after the cell's NUL, here ones it would
 * fold, are not looked at. */
static void t_cell_view_plain(void **state)
{
	(void)state;
	static const char *const pieces[] = {
		"a", "12", "abcdefgh", "中", "指标名称", "，", "（", "）", "１", "Ａ", "％", "\r\n", "\n", " ",
		"\t", "\u3000", "\u00A0", "\u200B", "\uFEFF", "\x01", "\xEF\xBC\x8C", "\xC2\xB7", "\xE3\x80\x82",
	};
	size_t np = sizeof pieces / sizeof pieces[0];
	char in[128], cell[128 + 40], out[128 + 40];
	uint32_t seed = 99;
	size_t lent = 0;
	for (int round = 0; round < 3000; round++) {
		/* mostly plain pieces, so that many cells are plain */
		size_t n = pieced(in, 70, pieces, np, 11, 4, &seed);
		for (size_t len = 0; len <= n; len++) {
			memcpy(cell, in, len);
			cell[len] = '\0';
			memset(cell + len + 1, 0xEF, 32);
			cell[len + 1] = '\r';
			size_t got;
			const char *v = ps_norm_cell_view(out, cell, len, &got);
			bool same = v == cell && got == len;
			if (ps_cell_view_plain(cell, len))
				assert_true(same);
#if defined(__SSE2__)
			else if (ps_utf8_invalid_at(cell, len) < 0) /* a cut character may end like a space */
				assert_false(same && len > 0);
#endif
			lent += same;
		}
	}
	assert_true(lent > 1000);
}

#if defined(PS_ROW_SPECIAL_AVX2)
/* Any byte really_special marks in a cell of the row d[0..n) (cells
 * ended by their NUL): the reference for ps_row_special_avx2. */
static bool row_special_ref(const unsigned char *d, size_t n)
{
	for (size_t at = 0; at < n;) {
		size_t len = strlen((const char *)d + at);
		for (size_t j = 0; j < len; j++)
			if (really_special(d + at, len, j))
				return true;
		at += len + 1;
	}
	return false;
}

static bool holds3(const char *s, size_t n, const char *w)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (memcmp(s + i, w, 3) == 0)
			return true;
	return false;
}

/* The whole-row test against the per-cell one: every lead byte with
 * every pair after it that matters, EF with every pair, and random rows
 * of cells (the bytes after the row, ones it would mark, not looked at);
 * where a row has none, ps_cell_ends_plain is ps_cell_view_plain, and 预
 * is seen exactly where the row holds it. */
static void t_row_special(void **state)
{
	(void)state;
	if (!__builtin_cpu_supports("avx2"))
		skip();
	unsigned char d[64 + 40];
	const unsigned char *yu = (const unsigned char *)"预";
	bool seen;
	static const unsigned char after[] = {'a', 0x80, 0xA0, 0xBC, 0xBD, 0x85, 0x8C, 0xBF, '\r'};
	for (unsigned c = 1; c < 256; c++)
		for (size_t i = 0; i < sizeof after; i++)
			for (size_t k = 0; k < sizeof after; k++) {
				memset(d, 0xEF, sizeof d);
				d[0] = (unsigned char)c;
				d[1] = after[i];
				d[2] = after[k];
				d[3] = 0;
				assert_int_equal(ps_row_special_avx2(d, 4, yu, &seen), row_special_ref(d, 4));
			}
	for (unsigned c1 = 1; c1 < 256; c1++)
		for (unsigned c2 = 1; c2 < 256; c2++) {
			memset(d, 0xBC, sizeof d);
			for (size_t at = 0; at < 40; at += 4) { /* the cell at every offset of a block */
				d[at] = 0xEF;
				d[at + 1] = (unsigned char)c1;
				d[at + 2] = (unsigned char)c2;
				d[at + 3] = 0;
				assert_int_equal(ps_row_special_avx2(d + at, 4, yu, &seen), row_special_ref(d + at, 4));
			}
		}
	static const char *const pieces[] = {
		"a", "12", "abcdefgh", "中", "指标名称", "，", "（", "）", "：", "。", "预", "预算", "１", "Ａ", "ｚ", "％",
		"\r\n", "\n", " ", "\t", "\u3000", "\u00A0", "\u200B", "\uFEFF", "\x01", "\xC2\xB7", "\xE3\x80\x82", "\xE3\x80\x80",
	};
	size_t np = sizeof pieces / sizeof pieces[0];
	char row[300 + 40], in[80];
	uint32_t seed = 7;
	size_t quiet = 0, loud = 0;
	for (int round = 0; round < 20000; round++) {
		size_t n = 0, cells = 1 + (seed >> 20) % 5;
		for (size_t c = 0; c < cells; c++) {
			seed = seed * 1103515245u + 12345u;
			size_t m = (seed >> 16) % 5 == 0 ? 0 : pieced(in, (seed >> 8) % 40, pieces, np, 10, 60, &seed);
			memcpy(row + n, in, m);
			n += m;
			row[n++] = '\0';
		}
		memset(row + n, 0xEF, 40);
		row[n + 1] = (char)0xBC;
		if (seed % 3 == 0)
			memcpy(row + n, "预", 3); /* 预 right after the row: not in it */
		bool any = ps_row_special_avx2((const unsigned char *)row, n, yu, &seen);
		assert_int_equal(any, row_special_ref((const unsigned char *)row, n));
		/* 预 past the row's end (the bytes after it) is not seen */
		if (!any)
			assert_int_equal(seen, holds3(row, n, "预"));
		if (any) {
			loud++;
			continue;
		}
		quiet++;
		for (size_t at = 0; at < n; at += strlen(row + at) + 1)
			assert_int_equal(ps_cell_ends_plain(row + at, strlen(row + at)),
			                 ps_cell_view_plain(row + at, strlen(row + at)));
	}
	assert_true(quiet > 1000 && loud > 1000);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_decode),       cmocka_unit_test(t_invalid_at), cmocka_unit_test(t_invalid_at_words),
		cmocka_unit_test(t_invalid_at_wide),
		cmocka_unit_test_setup_teardown(t_invalid_at_baseline, baseline_on, baseline_off),
		cmocka_unit_test(t_cell_view_plain),
#if defined(PS_ROW_SPECIAL_AVX2)
		cmocka_unit_test(t_row_special),
#endif
		cmocka_unit_test(t_invalid_at_blocks),
		cmocka_unit_test(t_invalid_at_random),
		cmocka_unit_test(t_fold),
		cmocka_unit_test(t_trim),         cmocka_unit_test(t_norm_cell),  cmocka_unit_test(t_norm_cell_words),
		cmocka_unit_test(t_norm_key_buf), cmocka_unit_test(t_norm_key_one_pass),
		cmocka_unit_test(t_contains),     cmocka_unit_test(t_buf),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
