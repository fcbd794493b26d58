/* test_csv_read_lines.c: the reader, which feeds libcsv a physical line at
 * a time, gives libcsv's records: random texts of plain, padded, empty and
 * quoted fields (delimiters, quotes and line breaks inside), every kind of
 * line break and blank lines, read by ps_csv_next and by libcsv over the
 * whole text; and lines of every length around the splitter's blocks, with
 * the line breaks found by AVX2 (where the CPU has it) and by SSE2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "perfscore/text.h"
#include "baseline_fixture.h"
#include "csv_random.h"

/* libcsv's rows over the whole text, each field followed by '\x01', each
 * row by '\x02'. */
static void ref_field(void *s, size_t n, void *ud)
{
	ps_buf *b = ud;
	if (s)
		ps_buf_add(b, s, n);
	ps_buf_addc(b, '\x01');
}

static void ref_row(int term, void *ud)
{
	(void)term;
	ps_buf_addc(ud, '\x02');
}

static void one_text(char delim)
{
	ps_buf t = PS_BUF_INIT;
	csv_random_text(&t, delim, 30, 6, false);
	/* libcsv over the whole text */
	ps_buf want = PS_BUF_INIT, got = PS_BUF_INIT;
	struct csv_parser p;
	assert_int_equal(csv_init(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI), 0);
	csv_set_delim(&p, (unsigned char)delim);
	assert_int_equal(csv_parse(&p, t.s, t.n, ref_field, ref_row, &want), t.n);
	assert_int_equal(csv_fini(&p, ref_field, ref_row, &want), 0);
	csv_free(&p);
	/* the reader */
	ps_csv *c = ps_csv_new(t.s, t.n, "t.csv", delim);
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	int rc;
	while ((rc = ps_csv_next(c, &r, &d)) == 1) {
		for (size_t f = 0; f < r.n; f++) {
			assert_int_equal(strlen(r.f[f]), r.len[f]);
			ps_buf_add(&got, r.f[f], r.len[f]);
			ps_buf_addc(&got, '\x01');
		}
		ps_buf_addc(&got, '\x02');
	}
	assert_int_equal(rc, 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(got.n, want.n);
	assert_memory_equal(got.s ? got.s : "", want.s ? want.s : "", want.n);
	ps_csv_free(c);
	ps_diags_dispose(&d);
	ps_buf_dispose(&t);
	ps_buf_dispose(&want);
	ps_buf_dispose(&got);
}

static void t_lines_random(void **state)
{
	(void)state;
	for (int i = 0; i < 3000; i++)
		one_text(i % 3 == 2 ? '\t' : ',');
}

/* Lines of 1 to 79 bytes (the splitter's 32-byte blocks and its last,
 * overlapping one), before a quoted field or a record over two lines. */
static void t_lines_lengths(void **state)
{
	(void)state;
	for (size_t len = 1; len < 80; len++) {
		for (int q = 0; q < 3; q++) {
			ps_buf t = PS_BUF_INIT;
			for (size_t k = 0; k < len; k++)
				ps_buf_addc(&t, k % 7 == 3 ? ',' : 'a');
			if (q == 1)
				ps_buf_adds(&t, ",\"q\"\"\"");
			ps_buf_adds(&t, "\nb, c ,d\n");
			if (q == 2)
				ps_buf_adds(&t, "\"e\nf\",g\n");
			ps_buf_adds(&t, "h");
			ps_csv *c = ps_csv_new(t.s, t.n, "t.csv", ',');
			ps_diags d = PS_DIAGS_INIT;
			ps_csv_row r;
			assert_int_equal(ps_csv_next(c, &r, &d), 1);
			size_t want_n = len / 7 + (len % 7 > 3) + 1;
			assert_int_equal(r.n, want_n + (q == 1));
			if (q == 1)
				assert_string_equal(r.f[r.n - 1], "q\"");
			assert_int_equal(ps_csv_next(c, &r, &d), 1);
			assert_int_equal(r.n, 3);
			assert_string_equal(r.f[0], "b");
			assert_string_equal(r.f[1], "c");
			assert_string_equal(r.f[2], "d");
			if (q == 2) {
				assert_int_equal(ps_csv_next(c, &r, &d), 1);
				assert_string_equal(r.f[0], "e\nf");
				assert_string_equal(r.f[1], "g");
			}
			assert_int_equal(ps_csv_next(c, &r, &d), 1);
			assert_int_equal(r.n, 1);
			assert_string_equal(r.f[0], "h");
			assert_int_equal(ps_csv_next(c, &r, &d), 0);
			ps_csv_free(c);
			ps_diags_dispose(&d);
			ps_buf_dispose(&t);
		}
	}
}

/* The same on the baseline (SSE2) line-break search, which a CPU with AVX2
 * takes otherwise only for short lines and tails. */
static void t_lines_baseline(void **state)
{
	assert_false(ps_cpu_avx2());
	t_lines_random(state);
	t_lines_lengths(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_lines_random),
		cmocka_unit_test(t_lines_lengths),
		cmocka_unit_test_setup_teardown(t_lines_baseline, baseline_on, baseline_off),
	};
	return cmocka_run_group_tests_name("csv_read_lines", tests, NULL, NULL);
}
