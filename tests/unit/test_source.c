/* test_source.c: decoding at the boundary (BOM, GB18030, CP936, invalid bytes
 * with their offsets, empty and unreadable files) and the CSV reader's lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "input_fixtures.h"
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "perfscore/source.h"
#include "perfscore/text.h"

/* UTF-8 → GB18030 (or CP936) bytes, made here rather than trusted. */
static char *to_gb(const char *utf8, const char *enc, size_t *len)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	assert_true(cd != (iconv_t)-1);
	size_t inleft = strlen(utf8), outcap = inleft * 2 + 8, outleft = outcap;
	char *out = malloc(outcap), *o = out, *in = (char *)utf8;
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	iconv_close(cd);
	*len = outcap - outleft;
	return out;
}

static ps_source *open_mem(const char *data, size_t len, ps_encoding enc, ps_diags *d, int want_rc)
{
	ps_source *s = NULL;
	assert_int_equal(ps_source_from_mem(&s, "mem.csv", data, len, enc, d), want_rc);
	return s;
}

static void t_utf8_bom(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	const char data[] = "\xEF\xBB\xBF三级指标,分值\n";
	ps_source *s = open_mem(data, sizeof data - 1, PS_ENC_AUTO, &d, PS_OK);
	assert_string_equal(s->text, "三级指标,分值\n");
	assert_int_equal(s->len, strlen("三级指标,分值\n"));
	assert_int_equal(s->bom_len, 3);
	assert_int_equal(s->encoding, PS_ENC_UTF8);
	assert_null(s->map_utf8);
	assert_int_equal(ps_source_orig_offset(s, 0), 3);
	assert_int_equal(ps_source_orig_offset(s, 12), 15);
	assert_int_equal(d.n, 0);
	ps_source_free(s);
	ps_diags_dispose(&d);
}

static void t_utf8_plain(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	const char *data = "a,b\r\n中,文\r\n";
	ps_source *s = open_mem(data, strlen(data), PS_ENC_AUTO, &d, PS_OK);
	assert_string_equal(s->text, data);
	assert_int_equal(s->bom_len, 0);
	assert_int_equal(s->encoding, PS_ENC_UTF8);
	ps_source_free(s);
	ps_diags_dispose(&d);
}

static void t_gb18030_fixture(void **state)
{
	(void)state;
	char *gbp = repo_path("tests/data/targets_gb18030.csv"), *u8p = repo_path("data/targets.csv");
	size_t ulen;
	char *u8 = slurp(u8p, &ulen);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	assert_int_equal(ps_source_open(&s, gbp, PS_ENC_AUTO, &d), PS_OK);
	assert_int_equal(s->encoding, PS_ENC_GB18030);
	assert_int_equal(s->len, ulen);
	assert_memory_equal(s->text, u8, ulen);
	assert_string_equal(s->name, gbp);
	/* forcing the encoding gives the same text */
	ps_source *s2 = NULL;
	assert_int_equal(ps_source_open(&s2, gbp, PS_ENC_GB18030, &d), PS_OK);
	assert_string_equal(s2->text, s->text);
	/* and forcing UTF-8 on GB18030 bytes is an error at the first CJK byte */
	ps_source *s3 = NULL;
	assert_int_equal(ps_source_open(&s3, gbp, PS_ENC_UTF8, &d), PS_EINPUT);
	assert_null(s3);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, PS_D_ENCODING);
	assert_int_equal(d.v[0].pos.offset, 0);
	assert_non_null(strstr(d.v[0].msg, "invalid UTF-8 at byte 0"));
	ps_source_free(s);
	ps_source_free(s2);
	ps_diags_dispose(&d);
	free(u8);
	free(gbp);
	free(u8p);
}

static void t_gb18030_offsets(void **state)
{
	(void)state;
	const char *u8 = "名称,值\n中文b,𠀀x\n";
	size_t len;
	char *gb = to_gb(u8, "GB18030", &len);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(gb, len, PS_ENC_AUTO, &d, PS_OK);
	assert_string_equal(s->text, u8);
	assert_non_null(s->map_utf8);
	/* "名称,值\n" is 8 bytes in GB18030 and 11 in UTF-8 */
	const char *b = strchr(s->text, 'b');
	assert_int_equal(ps_source_orig_offset(s, (size_t)(b - s->text)), 8 + 4);
	/* U+20000 takes 4 bytes in both */
	const char *x = strchr(s->text, 'x');
	assert_int_equal(ps_source_orig_offset(s, (size_t)(x - s->text)), 8 + 4 + 1 + 1 + 4);
	assert_int_equal(ps_source_orig_offset(s, s->len), (int64_t)len);
	assert_int_equal(ps_source_orig_offset(s, s->len + 100), (int64_t)len);
	ps_source_free(s);
	free(gb);
	ps_diags_dispose(&d);
}

static void t_gb18030_bom(void **state)
{
	(void)state;
	size_t len;
	char *gb = to_gb("\xEF\xBB\xBF一级指标\n", "GB18030", &len);
	assert_memory_equal(gb, "\x84\x31\x95\x33", 4);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(gb, len, PS_ENC_AUTO, &d, PS_OK);
	assert_int_equal(s->encoding, PS_ENC_GB18030);
	assert_int_equal(s->bom_len, 4);
	assert_string_equal(s->text, "一级指标\n");
	assert_int_equal(ps_source_orig_offset(s, 0), 4);
	ps_source_free(s);
	free(gb);
	ps_diags_dispose(&d);
}

static void t_cp936_euro(void **state)
{
	(void)state;
	/* 0x80 is the euro sign in Windows code page 936 only */
	size_t len;
	char *gb = to_gb("费用,单价\n设备,", "GB18030", &len);
	ps_buf b = PS_BUF_INIT;
	ps_buf_add(&b, gb, len);
	ps_buf_adds(&b, "\x80" "5\nz,1\n");
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(b.s, b.n, PS_ENC_AUTO, &d, PS_OK);
	assert_string_equal(s->text, "费用,单价\n设备,€5\nz,1\n");
	assert_int_equal(d.n, 0);
	const char *five = strstr(s->text, "5");
	assert_int_equal(ps_source_orig_offset(s, (size_t)(five - s->text)), (int64_t)len + 1);
	ps_source_free(s);
	ps_buf_dispose(&b);
	free(gb);
	ps_diags_dispose(&d);
}

static void t_invalid_gb18030(void **state)
{
	(void)state;
	size_t len;
	char *gb = to_gb("指标,值\n整改完成率,", "GB18030", &len);
	ps_buf b = PS_BUF_INIT;
	ps_buf_add(&b, gb, len);
	ps_buf_adds(&b, "\x81\x20" "9\n");
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(b.s, b.n, PS_ENC_AUTO, &d, PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, PS_D_ENCODING);
	assert_int_equal(d.v[0].level, PS_ERROR);
	assert_int_equal(d.v[0].pos.offset, (int64_t)len);
	assert_int_equal(d.v[0].pos.line, 2);
	char want[64];
	snprintf(want, sizeof want, "invalid GB18030 byte 0x81 at byte %zu", len);
	assert_string_equal(d.v[0].msg, want);
	assert_string_equal(d.v[0].pos.file, "mem.csv");
	ps_buf_dispose(&b);
	free(gb);
	ps_diags_dispose(&d);
}

static void t_truncated_gb18030(void **state)
{
	(void)state;
	/* a lead byte at the very end */
	const char data[] = "a,b\n\xD6";
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(data, sizeof data - 1, PS_ENC_GB18030, &d, PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.v[0].pos.offset, 4);
	assert_string_equal(d.v[0].msg, "invalid GB18030 byte 0xD6 at byte 4");
	ps_diags_dispose(&d);
}

static void t_invalid_utf8_forced(void **state)
{
	(void)state;
	const char data[] = "ab\n\xC3\x28";
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(data, sizeof data - 1, PS_ENC_UTF8, &d, PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.v[0].code, PS_D_ENCODING);
	assert_int_equal(d.v[0].pos.offset, 3);
	assert_int_equal(d.v[0].pos.line, 2);
	assert_non_null(strstr(d.v[0].msg, "invalid UTF-8 at byte 3"));
	ps_diags_dispose(&d);
}

static void t_damaged_utf8(void **state)
{
	(void)state;
	/* plenty of good UTF-8, then one bad byte: damaged UTF-8, not GB18030
	 * (which would decode it into mojibake without complaint) */
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "一级指标,二级指标,三级指标,分值\n成本指标,经济成本指标,整改完成率,20\n");
	size_t bad = b.n;
	ps_buf_adds(&b, "\xE6\x95,10\n");
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = open_mem(b.s, b.n, PS_ENC_AUTO, &d, PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.v[0].pos.offset, (int64_t)bad);
	assert_non_null(strstr(d.v[0].msg, "invalid UTF-8 at byte"));
	ps_buf_dispose(&b);
	ps_diags_dispose(&d);
}

static void t_empty(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	assert_null(open_mem("", 0, PS_ENC_AUTO, &d, PS_EINPUT));
	assert_int_equal(d.v[0].code, PS_D_EMPTY);
	assert_string_equal(d.v[0].msg, "empty file");
	assert_int_equal(d.v[0].pos.line, 1);
	/* a BOM and nothing else is empty too */
	assert_null(open_mem("\xEF\xBB\xBF", 3, PS_ENC_AUTO, &d, PS_EINPUT));
	assert_int_equal(d.v[1].code, PS_D_EMPTY);
	assert_null(open_mem(NULL, 0, PS_ENC_GB18030, &d, PS_EINPUT));
	assert_int_equal(d.n, 3);
	ps_diags_dispose(&d);
}

static void t_unreadable(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = (ps_source *)1;
	assert_int_equal(ps_source_open(&s, "/nonexistent/dir/targets.csv", PS_ENC_AUTO, &d), PS_EIO);
	assert_null(s);
	assert_int_equal(d.v[0].code, PS_D_IO);
	assert_string_equal(d.v[0].msg, "cannot open: No such file or directory");
	assert_string_equal(d.v[0].pos.file, "/nonexistent/dir/targets.csv");
	/* a directory opens but cannot be read */
	assert_int_equal(ps_source_open(&s, "/", PS_ENC_AUTO, &d), PS_EIO);
	assert_non_null(strstr(d.v[1].msg, "Is a directory"));
	ps_diags_dispose(&d);
}

static void t_nul_and_utf16(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	assert_null(open_mem("a,b\nc\0d\n", 8, PS_ENC_AUTO, &d, PS_EINPUT));
	assert_int_equal(d.v[0].pos.offset, 5);
	assert_non_null(strstr(d.v[0].msg, "0x00"));
	assert_null(open_mem("a,b\nc\0d\n", 8, PS_ENC_GB18030, &d, PS_EINPUT));
	assert_int_equal(d.v[1].pos.offset, 5);
	assert_null(open_mem("\xFF\xFE" "a\0", 4, PS_ENC_AUTO, &d, PS_EINPUT));
	assert_non_null(strstr(d.v[2].msg, "UTF-16"));
	ps_diags_dispose(&d);
}

/* Files: mapped (text in the mapping, pages let go behind the reader and
 * read again unchanged) or read (a size that is a whole number of pages,
 * where the mapping would have no NUL after the text); the same text, BOM
 * or not; a NUL or a bad byte found in a mapped file. */
static char *write_tmp(const char *prefix, size_t n, char fill, char **path)
{
	char tmpl[] = "/tmp/ps_map_XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	char *want = malloc(n + 1);
	size_t p = strlen(prefix);
	memcpy(want, prefix, p);
	for (size_t i = p; i < n; i++)
		want[i] = (i % 64 == 63) ? '\n' : fill;
	want[n] = '\0';
	assert_int_equal(fwrite(want, 1, n, f), n);
	fclose(f);
	*path = strdup(tmpl);
	return want;
}

static void t_mapped_and_read_files(void **state)
{
	(void)state;
	static const struct {
		const char *prefix;
		size_t n;
		bool mapped;
	} cases[] = {
		{"三级指标,a\n", 4096 * 3 + 17, true},
		{"三级指标,a\n", 4096 * 2, false},
		{"\xEF\xBB\xBF三级指标\n", (9 << 20) + 5, true}, /* several release steps */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *path;
		char *want = write_tmp(cases[k].prefix, cases[k].n, 'x', &path);
		ps_diags d = PS_DIAGS_INIT;
		ps_source *s = NULL;
		assert_int_equal(ps_source_open(&s, path, PS_ENC_AUTO, &d), PS_OK);
		assert_int_equal(s->map != NULL, cases[k].mapped);
		size_t skip = memcmp(want, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		assert_int_equal(s->len, cases[k].n - skip);
		assert_int_equal(s->text[s->len], '\0');
		assert_memory_equal(s->text, want + skip, s->len);
		ps_source_release(s, s->len / 2);
		ps_source_release(s, s->len);
		assert_memory_equal(s->text, want + skip, s->len); /* read again from the file */
		ps_source_drop_text(s);
		assert_null(s->text);
		ps_source_free(s);
		ps_diags_dispose(&d);
		remove(path);
		free(path);
		free(want);
	}
	/* a character across the end of the first scan window (4 MiB: 中文 is six
	 * bytes, 4194304 % 6 == 4) is read whole, not as a bad byte */
	{
		char tmpl[] = "/tmp/ps_map_XXXXXX";
		int fd = mkstemp(tmpl);
		assert_true(fd >= 0);
		FILE *f = fdopen(fd, "wb");
		for (int i = 0; i < (5 << 20) / 6; i++)
			fputs("中文", f);
		fputs("\n", f);
		fclose(f);
		ps_diags d = PS_DIAGS_INIT;
		ps_source *s = NULL;
		assert_int_equal(ps_source_open(&s, tmpl, PS_ENC_AUTO, &d), PS_OK);
		assert_int_equal(d.n, 0);
		assert_int_equal(s->encoding, PS_ENC_UTF8);
		ps_source_free(s);
		ps_diags_dispose(&d);
		remove(tmpl);
	}
	/* a NUL past the first release step of a mapped file */
	char *path;
	char *want = write_tmp("a,b\n", (5 << 20) + 3, 'y', &path);
	FILE *f = fopen(path, "r+b");
	fseek(f, (5 << 20) - 10, SEEK_SET);
	fputc(0, f);
	fclose(f);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	assert_int_equal(ps_source_open(&s, path, PS_ENC_AUTO, &d), PS_EINPUT);
	assert_null(s);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].pos.offset, (5 << 20) - 10);
	assert_non_null(strstr(d.v[0].msg, "NUL"));
	ps_diags_dispose(&d);
	remove(path);
	free(path);
	free(want);
}

static void t_stdin(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/ps_stdin_XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "wb");
	fputs("\xEF\xBB\xBF" "三级指标\n", f);
	fclose(f);
	assert_non_null(freopen(tmpl, "rb", stdin));
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	assert_int_equal(ps_source_open(&s, "-", PS_ENC_AUTO, &d), PS_OK);
	assert_string_equal(s->name, "-");
	assert_string_equal(s->text, "三级指标\n");
	ps_source_free(s);
	remove(tmpl);
	ps_diags_dispose(&d);
}

static void t_encoding_names(void **state)
{
	(void)state;
	ps_encoding e = PS_ENC_AUTO;
	assert_int_equal(ps_encoding_parse(&e, "GBK"), PS_OK);
	assert_int_equal(e, PS_ENC_GB18030);
	assert_int_equal(ps_encoding_parse(&e, "utf8"), PS_OK);
	assert_int_equal(e, PS_ENC_UTF8);
	assert_int_equal(ps_encoding_parse(&e, "UTF-8"), PS_OK);
	assert_int_equal(ps_encoding_parse(&e, "cp936"), PS_OK);
	assert_int_equal(e, PS_ENC_GB18030);
	assert_int_equal(ps_encoding_parse(&e, "auto"), PS_OK);
	assert_int_equal(e, PS_ENC_AUTO);
	assert_int_equal(ps_encoding_parse(&e, "latin1"), PS_EUSAGE);
	assert_int_equal(ps_encoding_parse(&e, NULL), PS_EUSAGE);
	assert_string_equal(ps_encoding_name(PS_ENC_GB18030), "gb18030");
	assert_string_equal(ps_encoding_name(PS_ENC_UTF8), "utf-8");
	assert_string_equal(ps_encoding_name(PS_ENC_AUTO), "auto");
}

/* ---- the CSV reader ---------------------------------------------------- */

typedef struct {
	ps_csv *c;
	ps_diags d;
} csv_fx;

static int next(csv_fx *fx, ps_csv_row *r)
{
	return ps_csv_next(fx->c, r, &fx->d);
}

static void t_csv_lines_crlf(void **state)
{
	(void)state;
	const char *text = "\r\n一,二\r\n\r\n  \r\n\"多\r\n行\",x\r\nlast,\"q\"\"uote\"";
	csv_fx fx = {ps_csv_new(text, strlen(text), "t.csv", ','), PS_DIAGS_INIT};
	ps_csv_row r;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.line, 2);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0], "一");
	assert_string_equal(r.f[1], "二");
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.line, 5);
	assert_string_equal(r.f[0], "多\r\n行");
	assert_int_equal(r.len[0], strlen("多\r\n行"));
	assert_string_equal(r.f[1], "x");
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.line, 7);
	assert_string_equal(r.f[0], "last");
	assert_string_equal(r.f[1], "q\"uote");
	assert_int_equal(next(&fx, &r), 0);
	assert_int_equal(next(&fx, &r), 0);
	assert_int_equal(fx.d.n, 0);
	ps_csv_free(fx.c);
}

static void t_csv_lone_cr_and_empty_fields(void **state)
{
	(void)state;
	const char *text = "a,,c\r,\rz";
	csv_fx fx = {ps_csv_new(text, strlen(text), "t.csv", ','), PS_DIAGS_INIT};
	ps_csv_row r;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.f[1], "");
	assert_int_equal(r.line, 1);
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.line, 2);
	assert_int_equal(next(&fx, &r), 1);
	assert_string_equal(r.f[0], "z");
	assert_int_equal(r.line, 3);
	assert_int_equal(next(&fx, &r), 0);
	ps_csv_free(fx.c);
}

static void t_csv_unterminated(void **state)
{
	(void)state;
	const char *text = "a,b\n中文,\"未闭合\n的引号,c\nd,e\n";
	csv_fx fx = {ps_csv_new(text, strlen(text), "t.csv", ','), PS_DIAGS_INIT};
	ps_csv_row r;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(next(&fx, &r), PS_EINPUT);
	assert_int_equal(next(&fx, &r), PS_EINPUT);
	assert_int_equal(fx.d.n, 1);
	assert_int_equal(fx.d.v[0].code, PS_D_CSV);
	assert_int_equal(fx.d.v[0].pos.line, 2);
	assert_int_equal(fx.d.v[0].pos.col, 4); /* 中 文 , then the quote */
	assert_string_equal(fx.d.v[0].pos.file, "t.csv");
	assert_non_null(strstr(fx.d.v[0].msg, "unterminated"));
	ps_diags_dispose(&fx.d);
	ps_csv_free(fx.c);
}

static void t_csv_stray_quotes(void **state)
{
	(void)state;
	/* a quote inside an unquoted field is kept as text, with a warning */
	const char *text = "a,b\n\"ok\",x\n指标,值\"5\"\nlast,\"q\"\n";
	csv_fx fx = {ps_csv_new(text, strlen(text), "t.csv", ','), PS_DIAGS_INIT};
	ps_csv_row r;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0], "指标");
	assert_string_equal(r.f[1], "值\"5\"");
	assert_int_equal(r.line, 3);
	assert_int_equal(fx.d.n, 1);
	assert_int_equal(fx.d.v[0].level, PS_WARNING);
	assert_int_equal(fx.d.v[0].pos.line, 3);
	assert_int_equal(fx.d.v[0].pos.col, 5);
	assert_non_null(strstr(fx.d.v[0].msg, "kept as text"));
	assert_int_equal(next(&fx, &r), 1); /* strict again afterwards */
	assert_string_equal(r.f[1], "q");
	assert_int_equal(r.line, 4);
	assert_int_equal(next(&fx, &r), 0);
	ps_diags_dispose(&fx.d);
	ps_csv_free(fx.c);

	/* but not on a line that also has quoted fields, where it is ambiguous */
	const char *t1 = "x\nb\"c,\"d\"\n";
	csv_fx f1 = {ps_csv_new(t1, strlen(t1), "t.csv", ','), PS_DIAGS_INIT};
	assert_int_equal(next(&f1, &r), 1);
	assert_int_equal(next(&f1, &r), PS_EINPUT);
	assert_int_equal(f1.d.v[0].level, PS_ERROR);
	assert_int_equal(f1.d.v[0].pos.col, 2);
	assert_non_null(strstr(f1.d.v[0].msg, "quote inside an unquoted field"));
	ps_diags_dispose(&f1.d);
	ps_csv_free(f1.c);

	const char *t2 = "x\n\"a\"b,c\n";
	csv_fx f2 = {ps_csv_new(t2, strlen(t2), "t.csv", ','), PS_DIAGS_INIT};
	assert_int_equal(next(&f2, &r), 1);
	assert_int_equal(next(&f2, &r), PS_EINPUT);
	assert_int_equal(f2.d.v[0].pos.line, 2);
	assert_int_equal(f2.d.v[0].pos.col, 4);
	assert_non_null(strstr(f2.d.v[0].msg, "after a closing quote"));
	ps_diags_dispose(&f2.d);
	ps_csv_free(f2.c);

	/* the last line, without a line break */
	const char *t3 = "x\n1,2\"3";
	csv_fx f3 = {ps_csv_new(t3, strlen(t3), "t.csv", ','), PS_DIAGS_INIT};
	assert_int_equal(next(&f3, &r), 1);
	assert_int_equal(next(&f3, &r), 1);
	assert_string_equal(r.f[1], "2\"3");
	assert_int_equal(next(&f3, &r), 0);
	ps_diags_dispose(&f3.d);
	ps_csv_free(f3.c);
}

static void t_csv_tabs_and_copy(void **state)
{
	(void)state;
	const char *text = "一\t二\t\n三\t\"四\t五\"\n";
	csv_fx fx = {ps_csv_new(text, strlen(text), "t.tsv", '\t'), PS_DIAGS_INIT};
	ps_csv_row r, keep;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.n, 3);
	ps_csv_row_copy(&keep, &r);
	assert_int_equal(next(&fx, &r), 1);
	assert_string_equal(r.f[1], "四\t五");
	assert_string_equal(keep.f[1], "二");
	assert_int_equal(keep.line, 1);
	assert_int_equal(r.offset, strlen("一\t二\t\n"));
	ps_csv_row_dispose(&keep);
	ps_csv_free(fx.c);
}

static void t_csv_long_field(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "a,\"");
	for (int i = 0; i < 150000; i++)
		ps_buf_adds(&b, "长");
	ps_buf_adds(&b, "\"\nz\n");
	csv_fx fx = {ps_csv_new(b.s, b.n, "t.csv", ','), PS_DIAGS_INIT};
	ps_csv_row r;
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.len[1], 450000);
	assert_int_equal(next(&fx, &r), 1);
	assert_int_equal(r.line, 2);
	ps_csv_free(fx.c);
	ps_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_utf8_bom),
		cmocka_unit_test(t_utf8_plain),
		cmocka_unit_test(t_gb18030_fixture),
		cmocka_unit_test(t_gb18030_offsets),
		cmocka_unit_test(t_gb18030_bom),
		cmocka_unit_test(t_cp936_euro),
		cmocka_unit_test(t_invalid_gb18030),
		cmocka_unit_test(t_truncated_gb18030),
		cmocka_unit_test(t_invalid_utf8_forced),
		cmocka_unit_test(t_damaged_utf8),
		cmocka_unit_test(t_empty),
		cmocka_unit_test(t_unreadable),
		cmocka_unit_test(t_nul_and_utf16),
		cmocka_unit_test(t_stdin),
		cmocka_unit_test(t_mapped_and_read_files),
		cmocka_unit_test(t_encoding_names),
		cmocka_unit_test(t_csv_lines_crlf),
		cmocka_unit_test(t_csv_lone_cr_and_empty_fields),
		cmocka_unit_test(t_csv_unterminated),
		cmocka_unit_test(t_csv_stray_quotes),
		cmocka_unit_test(t_csv_tabs_and_copy),
		cmocka_unit_test(t_csv_long_field),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
