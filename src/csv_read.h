/* csv_read.h (private): RFC 4180 rows from decoded text through libcsv, each
 * row with the physical line of its first byte. */
#ifndef PS_CSV_READ_H
#define PS_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "perfscore/diag.h"

/* Bytes readable (and initialised) after the NUL of every field of a row,
 * reader's or copy: a cell can be tested 16 bytes at a time to its end
 * without a bounds check (sheet.c). */
#define PS_CSV_PAD 32

/* One record. Fields are NUL-terminated copies (never NULL), each followed
 * by PS_CSV_PAD readable bytes. */
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

/* A reader that starts at text[pos], a line start outside any quoted field,
 * whose physical line is `line` (for a second part of a text read on
 * another thread: positions stay those of the whole text). */
ps_csv *ps_csv_new_at(const char *text, size_t len, const char *file, char delim, size_t pos,
                      uint32_t line);
/* End the input at text[end] (the start of the rest read elsewhere): false,
 * nothing changed, if the reader has already fed a line past it. */
bool ps_csv_stop_at(ps_csv *c, size_t end);
/* The delimiter; the byte offset and physical line of the next line to
 * feed (at the end: the input's length and the line after the last). */
char ps_csv_delim(const ps_csv *c);
size_t ps_csv_pos(const ps_csv *c);
uint32_t ps_csv_line(const ps_csv *c);
/* The reader has reached its end without an error and no record is open. */
bool ps_csv_clean_end(const ps_csv *c);

/* The next record: returns 1 and fills *row (owned by the reader, valid until
 * the next call), 0 at the end, or PS_EINPUT after a malformed quote (a
 * PS_D_CSV diagnostic with line and column is added; the reader is then
 * finished). Blank lines are skipped. */
int ps_csv_next(ps_csv *c, ps_csv_row *row, ps_diags *diags);

/* Records read ahead, for a reading thread helped by another: after
 * ps_csv_share (before a second thread sees c), records are read in
 * batches of about batch_bytes (0: PS_CSV_BATCH) of fields, up to 32
 * batches ahead of the one ps_csv_next hands out, by whichever thread gets
 * to a batch first: ps_csv_next's (which fills the next batch itself when
 * none is ready, or waits for the one being filled) or one other thread
 * calling ps_csv_help. Rows, diagnostics and their order are those of an
 * unshared reader; a row stays valid until the next call. ps_csv_pos,
 * ps_csv_line, ps_csv_stop_at and ps_csv_clean_end are not for a shared
 * reader. */
#ifndef PS_CSV_BATCH
#define PS_CSV_BATCH ((size_t)8 << 10)
#endif
void ps_csv_share(ps_csv *c, size_t batch_bytes);
/* From the other thread: fill the next batch (half the size: done before
 * ps_csv_next's thread is through the batch it has) and return true;
 * first wait while ps_csv_next's thread fills one. False, having done
 * nothing, when 32 batches are in use, the input is read through or c is
 * not shared. */
bool ps_csv_help(ps_csv *c);
/* The batches ps_csv_help has filled. */
size_t ps_csv_helped(ps_csv *c);

/* Deep copy of a row (dst owns it; ps_csv_row_dispose frees it). */
void ps_csv_row_copy(ps_csv_row *dst, const ps_csv_row *src);
void ps_csv_row_dispose(ps_csv_row *r);

#endif
