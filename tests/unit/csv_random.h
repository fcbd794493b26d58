/* csv_random.h: random CSV texts for the reader's tests: plain, padded,
 * empty and quoted fields (delimiters, doubled quotes and line breaks
 * inside), every kind of line break and blank lines; with `strays`, now and
 * then a quote inside an unquoted field (text on its own, an error on a
 * line with a quoted field). Include after <cmocka.h>; set rnd_state to
 * seed it. */
#ifndef CSV_RANDOM_H
#define CSV_RANDOM_H

#include <stdbool.h>
#include <stdint.h>
#include "perfscore/text.h"

static uint32_t rnd_state = 99;

static inline uint32_t rnd(uint32_t n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static inline void csv_piece(ps_buf *t, char delim, bool strays)
{
	static const char *const plain[] = {"a", "bc", "中文", "12.5", "≥", "x y", "，（）", "预算"};
	static const char *const pad[] = {"", "", "", " ", "  ", "\t"};
	uint32_t kind = rnd(8);
	if (kind == 7 && strays && rnd(40) == 0) {
		ps_buf_adds(t, rnd(2) ? "值\"5\"" : "x\"");
		return;
	}
	switch (kind) {
	case 0: /* empty */
		break;
	case 1: /* quoted, with a delimiter, a doubled quote or a line break inside */
		ps_buf_adds(t, pad[rnd(6)]);
		ps_buf_addc(t, '"');
		for (uint32_t k = rnd(4); k > 0; k--) {
			static const char *const in[] = {"a", "\"\"", "\n", "\r\n", "中", " ", "\r"};
			uint32_t w = rnd(8);
			if (w == 7)
				ps_buf_addc(t, delim);
			else
				ps_buf_adds(t, in[w]);
		}
		ps_buf_addc(t, '"');
		ps_buf_adds(t, pad[rnd(6)]);
		break;
	default: /* plain, maybe padded with spaces or tabs */
		ps_buf_adds(t, pad[rnd(6)]);
		for (uint32_t k = 1 + rnd(3); k > 0; k--)
			ps_buf_adds(t, plain[rnd(8)]);
		ps_buf_adds(t, pad[rnd(6)]);
		break;
	}
}

/* 1 to max_rows records of 1 to max_fields fields (and blank lines), the
 * last one with or without its line break, appended to t. */
static inline void csv_random_text(ps_buf *t, char delim, uint32_t max_rows, uint32_t max_fields, bool strays)
{
	uint32_t rows = 1 + rnd(max_rows);
	for (uint32_t i = 0; i < rows; i++) {
		if (rnd(12) == 0) {
			ps_buf_adds(t, rnd(2) ? "\n" : "   \n"); /* blank line */
			continue;
		}
		uint32_t nf = 1 + rnd(max_fields);
		for (uint32_t f = 0; f < nf; f++) {
			if (f)
				ps_buf_addc(t, delim);
			csv_piece(t, delim, strays);
		}
		if (i + 1 < rows || rnd(2)) {
			static const char *const brk[] = {"\n", "\r\n", "\r", "\n"};
			ps_buf_adds(t, brk[rnd(4)]);
		}
	}
}

#endif
