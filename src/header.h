/* header.h (private): the column alias table and header-row detection shared
 * by the targets and actuals loaders. */
#ifndef PS_HEADER_H
#define PS_HEADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "csv_read.h"
#include "perfscore/table.h"

/* How sure an alias is: a group label (绩效指标 over 一级/二级/三级) loses to
 * a specific name (三级指标) when both name the same field. */
enum { PS_PRIO_WEAK = 1, PS_PRIO_NORMAL = 2, PS_PRIO_STRONG = 3 };

/* Alias flags. */
enum {
	PS_AF_NA_INVERTED = 1, /* 是否适用: "是" means applicable */
	PS_AF_UNIT_BARE = 2    /* bare 单位: a measurement unit, unless its cells
	                        * read like budget-unit names */
};

/* Look a header cell up: the field, its priority (0 when none) and flags. */
ps_field ps_alias_lookup(const char *cell, size_t len, int *prio, unsigned *flags);

/* Every alias, for tests and docs: the normalised name and its field, in
 * table order; returns NULL past the end. */
const char *ps_alias_at(size_t i, ps_field *field);

typedef enum { PS_HDR_TARGETS, PS_HDR_ACTUALS } ps_hdr_kind;

/* The columns of a sheet. */
typedef struct {
	ps_field *col;          /* field of each column (PS_F_NONE if unknown) */
	char **text;            /* the header cell of each column, trimmed */
	size_t ncol;
	int idx[PS_F__COUNT];   /* column of each field, -1 if absent */
	unsigned flags[PS_F__COUNT]; /* PS_AF_* of the alias that named the field */
	int prio[PS_F__COUNT];       /* PS_PRIO_* of that alias (0 if absent) */
	size_t first, nrows;    /* index of the header row among the rows given, 1 or 2 rows */
	/* For ps_header_repeats, kept up to date by the functions below: the
	 * named columns with a header text (ascending), that text's length,
	 * and how many of them a repeated header row must match. */
	struct ps_header_rep {
		size_t col, len;
		/* the text's first four bytes (fewer if shorter), and a mask
		 * of those bytes, as a 32-bit word loaded from memory */
		uint32_t pre, mask;
	} *rep;
	size_t nrep, rep_want;
} ps_header;

/* Find the header among rows[0..n) (the first rows of the file): the first
 * row naming at least three fields including the indicator name (or 一级 and
 * 二级) -- for actuals, the name or id and the actual/score/not-applicable
 * column -- merged with the row below when that row names the columns this
 * one leaves open (two-row headers). Returns true and fills *h (dispose with
 * ps_header_dispose). */
bool ps_header_detect(ps_header *h, const ps_csv_row *rows, size_t n, ps_hdr_kind kind);
void ps_header_dispose(ps_header *h);

/* True if a later row repeats the header (files that concatenate tables).
 * The row's cells are read a word at a time: a row of the CSV reader or a
 * copy of one (PS_CSV_PAD bytes after every cell). */
bool ps_header_repeats(const ps_header *h, const ps_csv_row *row);

/* Drop field f from the header (its column becomes PS_F_NONE). */
void ps_header_unset(ps_header *h, ps_field f);
/* Give column c the field f (replacing whatever column had f). */
void ps_header_set(ps_header *h, size_t c, ps_field f);

#endif
