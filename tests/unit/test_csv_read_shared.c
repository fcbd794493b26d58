/* test_csv_read_shared.c: a shared reader (ps_csv_share), its records
 * parsed ahead in batches by the reading thread and by a helper thread
 * (ps_csv_help), gives what an unshared reader gives: the same rows (fields,
 * line, offset), the same diagnostics, each after the same row, and the same
 * end (0 or PS_EINPUT). Random texts of plain, quoted and multi-line fields,
 * blank lines, stray quotes kept as text (a warning), and bad quotes or an
 * unterminated one (an error), read with batches of 1 byte to the default,
 * with no helper, a helper looping beside the reader and a helper that
 * fills every batch it can before the reader starts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csv_read.h"
#include "perfscore/text.h"
#include "csv_random.h"

static void random_text(ps_buf *t, char delim)
{
	csv_random_text(t, delim, 120, 8, rnd(2) == 0);
	if (rnd(40) == 0)
		ps_buf_adds(t, "a,\"never closed\n"); /* unterminated at the end */
}

/* The diagnostics from `from` on, written out. */
static void put_diags(ps_buf *o, const ps_diags *d, size_t from)
{
	char num[96];
	for (size_t i = from; i < d->n; i++) {
		snprintf(num, sizeof num, "D%d/%d@%u:%u ", (int)d->v[i].code, (int)d->v[i].level, d->v[i].pos.line,
		         d->v[i].pos.col);
		ps_buf_adds(o, num);
		ps_buf_adds(o, d->v[i].msg);
		ps_buf_addc(o, '\n');
	}
}

/* Everything a reader gives, in order: each row (line, offset, fields),
 * the diagnostics added with it, and the end. */
static void read_all(ps_csv *c, ps_buf *o)
{
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	int rc;
	char num[64];
	size_t seen = 0;
	while ((rc = ps_csv_next(c, &r, &d)) == 1) {
		snprintf(num, sizeof num, "R%u+%zu:", r.line, r.offset);
		ps_buf_adds(o, num);
		for (size_t f = 0; f < r.n; f++) {
			assert_int_equal(strlen(r.f[f]), r.len[f]);
			ps_buf_add(o, r.f[f], r.len[f]);
			ps_buf_addc(o, '\x01');
		}
		/* the row's text, fields one after another with their NULs */
		assert_non_null(r.data);
		assert_ptr_equal(r.data, r.f[0]);
		assert_int_equal(r.data_len, (size_t)(r.f[r.n - 1] + r.len[r.n - 1] + 1 - r.data));
		ps_buf_addc(o, '\n');
		put_diags(o, &d, seen);
		seen = d.n;
	}
	snprintf(num, sizeof num, "END %d\n", rc);
	ps_buf_adds(o, num);
	put_diags(o, &d, seen);
	seen = d.n;
	/* asked again after the end: the same end, nothing added */
	assert_int_equal(ps_csv_next(c, &r, &d), rc);
	assert_int_equal(d.n, seen);
	ps_diags_dispose(&d);
}

typedef struct {
	ps_csv *c;
	atomic_bool stop;
	size_t helped;
} helper;

static void *help_loop(void *arg)
{
	helper *h = arg;
	while (!atomic_load(&h->stop))
		if (ps_csv_help(h->c))
			h->helped++;
	return NULL;
}

enum { ALONE, BESIDE, FIRST };

static void shared_read(const ps_buf *t, char delim, size_t batch, int how, ps_buf *o, size_t *helped)
{
	ps_csv *c = ps_csv_new(t->s, t->n, "t.csv", delim);
	ps_csv_share(c, batch);
	helper h = {c, false, 0};
	pthread_t th;
	if (how == FIRST)
		while (ps_csv_help(c))
			h.helped++;
	if (how == BESIDE)
		assert_int_equal(pthread_create(&th, NULL, help_loop, &h), 0);
	read_all(c, o);
	if (how == BESIDE) {
		atomic_store(&h.stop, true);
		pthread_join(th, NULL);
	}
	assert_int_equal(ps_csv_helped(c), h.helped);
	*helped += h.helped;
	ps_csv_free(c);
}

static void t_shared_random(void **state)
{
	(void)state;
	static const size_t batches[] = {1, 7, 64, 300, 0};
	size_t helped = 0, ends[3] = {0, 0, 0}, warned = 0;
	for (int i = 0; i < 1500; i++) {
		char delim = i % 4 == 3 ? '\t' : ',';
		ps_buf t = PS_BUF_INIT, want = PS_BUF_INIT;
		random_text(&t, delim);
		ps_csv *c = ps_csv_new(t.s, t.n, "t.csv", delim);
		read_all(c, &want);
		ps_csv_free(c);
		ends[strstr(want.s, "END 0\n") ? 0 : strstr(want.s, "END -") ? 1 : 2]++;
		warned += strstr(want.s, "D2/1@") != NULL;
		for (int how = ALONE; how <= FIRST; how++) {
			ps_buf got = PS_BUF_INIT;
			shared_read(&t, delim, batches[(size_t)(i + how) % 5], how, &got, &helped);
			assert_int_equal(got.n, want.n);
			assert_memory_equal(got.s, want.s, want.n);
			ps_buf_dispose(&got);
		}
		ps_buf_dispose(&t);
		ps_buf_dispose(&want);
	}
	/* the texts had every kind of end and warnings, and the helper
	 * filled batches */
	assert_true(ends[0] > 100);
	assert_true(ends[1] > 100);
	assert_int_equal(ends[2], 0);
	assert_true(warned > 100);
	assert_true(helped > 1000);
}

/* A reader that is not shared: ps_csv_help does nothing. */
static void t_help_unshared(void **state)
{
	(void)state;
	const char *text = "a,b\nc,d\n";
	ps_csv *c = ps_csv_new(text, strlen(text), "t.csv", ',');
	assert_false(ps_csv_help(c));
	assert_int_equal(ps_csv_helped(c), 0);
	ps_csv_free(c);
}

/* With every batch filled by the helper before reading, it stops once 32
 * batches are ahead, and again at the end of the input. */
static void t_help_bounded(void **state)
{
	(void)state;
	ps_buf t = PS_BUF_INIT;
	for (int i = 0; i < 200; i++)
		ps_buf_adds(&t, "单位,指标,95%\n");
	ps_csv *c = ps_csv_new(t.s, t.n, "t.csv", ',');
	ps_csv_share(c, 1); /* a record a batch (the helper's too) */
	size_t n = 0;
	while (ps_csv_help(c))
		n++;
	assert_int_equal(n, 32);
	ps_csv_row r;
	ps_diags d = PS_DIAGS_INIT;
	for (int i = 0; i < 200; i++) {
		assert_int_equal(ps_csv_next(c, &r, &d), 1);
		assert_int_equal(r.line, (uint32_t)i + 1);
		assert_string_equal(r.f[1], "指标");
		if (i == 100) /* room again: the helper fills up to 32 ahead */
			while (ps_csv_help(c))
				n++;
	}
	assert_true(n > 32);
	assert_int_equal(ps_csv_next(c, &r, &d), 0);
	assert_false(ps_csv_help(c)); /* read through */
	assert_int_equal(d.n, 0);
	ps_csv_free(c);
	ps_buf_dispose(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_shared_random),
		cmocka_unit_test(t_help_unshared),
		cmocka_unit_test(t_help_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
