/* fuzz_csv.c: the CSV reader shared between two threads (ps_csv_share,
 * ps_csv_help) gives exactly what it gives unshared: every row (fields,
 * line, offset), every diagnostic after the same row, and the same end.
 * The first byte picks the delimiter and the batch size (1 byte to the
 * default); the second, how often ps_csv_help runs between two rows (from
 * this thread: the result may not depend on which thread fills a batch,
 * and one thread keeps the run reproducible); the rest is the text. */
#include "fuzz_common.h"
#include "csv_read.h"

/* Everything a reader gives, written out; help_every > 0: ps_csv_help
 * before every help_every-th row. */
static void read_all(ps_csv *c, ps_buf *o, unsigned help_every)
{
	ps_diags d = PS_DIAGS_INIT;
	ps_csv_row r;
	int rc;
	char num[96];
	size_t seen = 0;
	for (unsigned k = 0;; k++) {
		if (help_every && k % help_every == 0)
			while (ps_csv_help(c) && k % 3 == 0)
				; /* now and then, as far ahead as it may go */
		rc = ps_csv_next(c, &r, &d);
		if (rc != 1)
			break;
		snprintf(num, sizeof num, "R%u+%zu:%zu:", r.line, r.offset, r.n);
		ps_buf_adds(o, num);
		FUZZ_CHECK(r.n >= 1 && r.data == r.f[0], "a row's text starts at its first field");
		for (size_t f = 0; f < r.n; f++) {
			FUZZ_CHECK(strlen(r.f[f]) == r.len[f], "field %zu: NUL at its length", f);
			ps_buf_add(o, r.f[f], r.len[f]);
			ps_buf_addc(o, '\x01');
		}
		for (size_t i = seen; i < d.n; i++) {
			snprintf(num, sizeof num, "\nD%d/%d@%u:%u ", (int)d.v[i].code, (int)d.v[i].level,
			         d.v[i].pos.line, d.v[i].pos.col);
			ps_buf_adds(o, num);
			ps_buf_adds(o, d.v[i].msg);
		}
		seen = d.n;
		ps_buf_addc(o, '\n');
	}
	snprintf(num, sizeof num, "END %d %zu\n", rc, d.n - seen);
	ps_buf_adds(o, num);
	fuzz_check_diags(&d);
	ps_diags_dispose(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	static const size_t batches[] = {1, 2, 5, 16, 64, 300, 1000, 0};
	char delim = data[0] & 1 ? '\t' : ',';
	size_t batch = batches[(data[0] >> 1) & 7];
	unsigned help_every = data[1] % 5; /* 0: never */
	const char *text = (const char *)data + 2;
	size_t len = size - 2;
	/* the reader wants text without NUL (the source refuses it) */
	if (memchr(text, 0, len))
		return 0;
	ps_buf want = PS_BUF_INIT, got = PS_BUF_INIT;
	ps_csv *c = ps_csv_new(text, len, "fuzz.csv", delim);
	read_all(c, &want, 0);
	ps_csv_free(c);
	c = ps_csv_new(text, len, "fuzz.csv", delim);
	ps_csv_share(c, batch);
	read_all(c, &got, help_every);
	FUZZ_CHECK(help_every || ps_csv_helped(c) == 0, "no help asked, none given");
	ps_csv_free(c);
	FUZZ_CHECK(got.n == want.n && memcmp(got.s, want.s, want.n) == 0,
	           "shared reader differs (batch %zu, help every %u):\n--- unshared\n%.*s--- shared\n%.*s", batch,
	           help_every, (int)want.n, want.s, (int)got.n, got.s);
	ps_buf_dispose(&want);
	ps_buf_dispose(&got);
	return 0;
}
