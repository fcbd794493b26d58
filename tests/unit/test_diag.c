/* test_diag.c: the diagnostics sink: messages stored as one line (control
 * characters as spaces, CRLF as one, quotes of more than 100 code points
 * cut with "…") against the byte-at-a-time code it replaced, and
 * ps_diag_format against printf. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/diag.h"
#include "perfscore/text.h"

/* ---- the reference: diag.c's message code before it used memchr and a
 * table (a memcmp at every byte) ---- */
/* Quoted text longer than this (code points) is cut with "…" in messages. */
#define REF_QUOTE_MAX 100

/* The end of the quote opened at s[i] (“…” or "..."), or 0 if none. */
static size_t ref_quote_end(const char *s, size_t n, size_t i, size_t *open_len)
{
	const char *close;
	if (s[i] == '"') {
		*open_len = 1;
		close = "\"";
	} else if (n - i >= 3 && memcmp(s + i, "“", 3) == 0) {
		*open_len = 3;
		close = "”";
	} else {
		return 0;
	}
	size_t cl = strlen(close);
	for (size_t j = i + *open_len; j + cl <= n; j++)
		if (memcmp(s + j, close, cl) == 0)
			return j;
	return 0;
}

/* Append message s to b as one line: a quoted cell may hold line breaks or
 * tabs (a multi-line CSV field), which become spaces, and may be 100,000
 * characters long, which is cut to QUOTE_MAX code points. */
static bool ref_special(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	return c < 0x20 || c == 0x7F || c == '"' || (c == 0xE2 && n - i >= 3 && memcmp(s + i, "“", 3) == 0);
}

static void ref_one_line(ps_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && !ref_special(s, n, run))
			run++;
		ps_buf_add(b, s + i, run - i); /* kept as they are */
		if ((i = run) == n)
			break;
		size_t open_len, end = ref_quote_end(s, n, i, &open_len);
		if (end) {
			size_t from = i + open_len, k = from, cps = 0;
			while (k < end && cps < REF_QUOTE_MAX) {
				k++;
				while (k < end && ((unsigned char)s[k] & 0xC0) == 0x80)
					k++;
				cps++;
			}
			if (k < end) {
				ref_one_line(b, s + i, k - i);
				ps_buf_adds(b, "…");
				i = end;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i++];
		if (c == '\r' && i < n && s[i] == '\n')
			continue;
		ps_buf_addc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
	}
}

/* The stored message: s as one line, malloc'd. */

static char *ref_message(const char *s)
{
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "");
	ref_one_line(&b, s, strlen(s));
	return ps_buf_detach(&b);
}

/* The stored message of s, passed as "%s" (no printf) and through a format. */
static void check_message(const char *s)
{
	char *want = ref_message(s);
	ps_diags d = PS_DIAGS_INIT;
	ps_diags_add(&d, PS_D_BAD_VALUE, ((ps_pos){"t.csv", 1, 1, -1}), "%s", s);
	ps_diags_add(&d, PS_D_BAD_VALUE, ((ps_pos){"t.csv", 1, 1, -1}), "%s%s", s, "");
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].msg, want);
	assert_string_equal(d.v[1].msg, want);
	ps_diags_dispose(&d);
	free(want);
}

/* Every sequence of up to 4 pieces from an alphabet of the bytes and marks
 * the code looks at (and pieces that only look like them). */
static void t_message_pieces(void **state)
{
	static const char *const pieces[] = {
		"a", "\"", "“", "”", "\n", "\r\n", "\r", "\t", "\x7f", "中", "\xE2", "\xE2\x80", "\xE2\x80\x9D",
		"\xE2\x80\xA6", "x\"y", "\x01",
	};
	enum { P = sizeof pieces / sizeof *pieces };
	char s[64];
	for (size_t a = 0; a < P; a++)
		for (size_t b = 0; b <= P; b++)
			for (size_t c = 0; c <= P; c++)
				for (size_t d = 0; d <= P; d++) {
					snprintf(s, sizeof s, "%s%s%s%s", pieces[a], b < P ? pieces[b] : "",
					         c < P ? pieces[c] : "", d < P ? pieces[d] : "");
					check_message(s);
				}
}

/* Quotes around the length where they are cut, with line breaks inside,
 * nested and unclosed. */
static void t_message_long_quotes(void **state)
{
	static const char *const fill[] = {"字", "a", "\n", "\"", "“"};
	static const char *const open[][2] = {{"“", "”"}, {"\"", "\""}, {"“", ""}, {"\"", ""}};
	for (size_t f = 0; f < sizeof fill / sizeof *fill; f++)
		for (size_t q = 0; q < sizeof open / sizeof *open; q++)
			for (size_t len = 95; len <= 105; len++) {
				ps_buf s = PS_BUF_INIT;
				ps_buf_adds(&s, "行3：");
				ps_buf_adds(&s, open[q][0]);
				for (size_t i = 0; i < len; i++)
					ps_buf_adds(&s, i % 7 == 3 ? fill[f] : "值");
				ps_buf_adds(&s, open[q][1]);
				ps_buf_adds(&s, "，后\r\n文“短”");
				check_message(s.s);
				ps_buf_dispose(&s);
			}
}

/* ps_diag_format against printf, every kind of position. */
static void t_format(void **state)
{
	static const ps_level levels[] = {PS_NOTE, PS_WARNING, PS_ERROR};
	const ps_pos pos[] = {
		{NULL, 0, 0, -1}, {NULL, 5, 6, 7}, {"t.csv", 0, 0, -1}, {"t.csv", 0, 0, 0},
		{"t.csv", 0, 0, 123456789012}, {"t.csv", 12, 0, -1}, {"t.csv", 12, 34, -1},
		{"目录/表.csv", 4294967295u, 4294967295u, 5},
	};
	for (size_t l = 0; l < 3; l++)
		for (size_t p = 0; p < sizeof pos / sizeof *pos; p++)
			for (int code = 0; code < PS_D__COUNT; code++) {
				ps_diag dg = {(ps_code)code, levels[l], pos[p], (char *)"消息 “x”"};
				char want[512], where[256] = "";
				const ps_pos *q = &pos[p];
				if (q->file && q->line && q->col)
					snprintf(where, sizeof where, "%s:%u:%u: ", q->file, q->line, q->col);
				else if (q->file && q->line)
					snprintf(where, sizeof where, "%s:%u: ", q->file, q->line);
				else if (q->file && q->offset >= 0)
					snprintf(where, sizeof where, "%s: byte %lld: ", q->file, (long long)q->offset);
				else if (q->file)
					snprintf(where, sizeof where, "%s: ", q->file);
				snprintf(want, sizeof want, "%s%s: %s [%s]", where, ps_level_name(levels[l]), dg.msg,
				         ps_code_name(dg.code));
				char *got = ps_diag_format(&dg);
				assert_string_equal(got, want);
				free(got);
			}
	ps_diag dg = {PS_D__COUNT, PS_WARNING, {NULL, 0, 0, -1}, NULL};
	char *got = ps_diag_format(&dg);
	assert_string_equal(got, "warning:  [unknown]");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_message_pieces),
		cmocka_unit_test(t_message_long_quotes),
		cmocka_unit_test(t_format),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
