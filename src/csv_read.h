/* csv_read.h (private): RFC 4180 rows from decoded text through libcsv, each
 * row with the physical line of its first byte. */
#ifndef PS_CSV_READ_H
#define PS_CSV_READ_H

#include <stddef.h>
#include <stdint.h>
#include "perfscore/diag.h"

/* One record. Fields are NUL-terminated copies (never NULL). */
typedef struct {
	char **f;
	size_t *len;
	size_t n;
	/* The fields one after another, each with its NUL (f[0] is data, f[1]
	 * follows f[0]'s NUL...): one memchr finds a byte anywhere in the row.
	 * NULL in a copy (ps_csv_row_copy). */
	const char *data;
	size_t data_len;
	uint32_t line;   /* 1-based physical line of the row's first byte */
	size_t offset;   /* byte offset of that byte in the decoded text */
} ps_csv_row;

typedef struct ps_csv ps_csv;

/* A reader over text[0..len) (borrowed, must outlive the reader). `file`
 * (borrowed) names the input in diagnostics; delim is ',' or '\t'. */
ps_csv *ps_csv_new(const char *text, size_t len, const char *file, char delim);
void ps_csv_free(ps_csv *c);

/* The next record: returns 1 and fills *row (owned by the reader, valid until
 * the next call), 0 at the end, or PS_EINPUT after a malformed quote (a
 * PS_D_CSV diagnostic with line and column is added; the reader is then
 * finished). Blank lines are skipped. */
int ps_csv_next(ps_csv *c, ps_csv_row *row, ps_diags *diags);

/* Deep copy of a row (dst owns it; ps_csv_row_dispose frees it). */
void ps_csv_row_copy(ps_csv_row *dst, const ps_csv_row *src);
void ps_csv_row_dispose(ps_csv_row *r);

#endif
