/* sheet.h (private): a CSV sheet read the way people lay out 绩效目标表: title
 * rows, the header found by alias, merged cells filled down, names cleaned.
 * Shared by the targets loader (table.c) and the actuals loader (actuals.c). */
#ifndef PS_SHEET_H
#define PS_SHEET_H

#include <stdbool.h>
#include "header.h"
#include "perfscore/dec.h"
#include "perfscore/source.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* Cells longer than this many bytes get a warning (and are kept). */
#define PS_FIELD_LONG 100000

/* How an indicator name was numbered: the 隆阳 layout has "一、" parent rows
 * over "1、" children. */
typedef enum { PS_NUM_NONE = 0, PS_NUM_ARABIC, PS_NUM_CHINESE } ps_numbering;

typedef struct {
	/* The row's own cells, normalised with ps_norm_cell ("" when the header
	 * has no such column), and their lengths in bytes. Borrowed from the
	 * sheet like the rest of the row; ps_row_take hands out a copy. */
	char *cell[PS_F__COUNT];
	size_t len[PS_F__COUNT];
	bool own[PS_F__COUNT];      /* the cell holds more than a placeholder ("/", "—", "……") */
	/* What one pass over the 一级, 二级 and name cells found (SHEET_CLS_*
	 * of sheet.c; 0: not looked at, the slow tests decide). */
	unsigned char cls[PS_F__COUNT];
	/* After fill-down (borrowed from the sheet, valid until the next row). */
	const char *unit_code, *unit_name, *level1, *level2;
	size_t level1_len, level2_len; /* their lengths in bytes */
	bool new_unit;              /* this row starts another unit */
	bool level1_here, level2_here; /* the row itself names its 一级 / 二级 */
	const char *name;           /* cleaned 三级 name, "" if none (borrowed) */
	size_t name_len;            /* its length in bytes */
	ps_numbering name_num;
	/* "(N分)" found in the row's own 一级, 二级 and name cells */
	bool has_group_points[3];
	ps_dec group_points[3];
	ps_pos pos;                 /* file, line of the row */
	size_t offset;              /* byte offset of the row in the source text */
	/* A 项目资金 block read since the previous row (title rows, or between
	 * two tables of one file), for the unit this row belongs to; NULL if none. */
	const ps_budget *budget;
} ps_sheet_row;

typedef struct ps_sheet ps_sheet;

/* Read the first rows of src, find the header (PS_D_NO_HEADER / PS_D_EMPTY /
 * PS_D_CSV → PS_EINPUT). Diagnostics' file is src->name. */
int ps_sheet_open(ps_sheet **out, const ps_source *src, ps_hdr_kind kind, ps_diags *diags);
const ps_header *ps_sheet_header(const ps_sheet *sh);
/* The line of the (first) header row. */
uint32_t ps_sheet_header_line(const ps_sheet *sh);
/* The next data row (1), the end (0) or PS_EINPUT (malformed CSV). Rows that
 * repeat the header, total rows (合计/总分), footers (填表人：…), blank and placeholder rows and
 * unit label rows (单位名称：…) are consumed here. *row points into the
 * sheet and is valid until the next call, its strings too; the caller keeps
 * a cell with ps_row_take. */
int ps_sheet_next(ps_sheet *sh, ps_sheet_row **row, ps_diags *diags);
void ps_sheet_free(ps_sheet *sh);

/* Reading a big text in parts on two threads (actuals.c). The first
 * part is the sheet opened as usual, told to end at `end` (a line start
 * outside quotes): false if it has already read past it or cannot stop.
 * The rest is a sheet resumed at that offset, physical line `line`, with
 * the first part's header and delimiter (create it before the first part is
 * read further: it reads `like`); a resumed sheet not read yet may itself
 * be told to end at the next part's start, and so on (each pair of
 * neighbours is checked with ps_sheet_joins). Once both are read, ps_sheet_joins says
 * whether the rest's rows are exactly those one sheet would have given:
 * the first part ended cleanly there with nothing carried over (budget
 * block, unit label), the rest's first row was a data row, and filling it
 * down from the first part's final state gives the state it gave from
 * blank (only the rest's first new_unit may differ: the actuals do not use
 * it). ps_sheet_joins changes `first` (use it only to free it after). */
bool ps_sheet_stop_at(ps_sheet *sh, size_t end);
/* The delimiter the sheet reads with (',' or '\t'). */
char ps_sheet_delim(const ps_sheet *sh);
ps_sheet *ps_sheet_resume(const ps_sheet *like, size_t offset, uint32_t line);
bool ps_sheet_joins(ps_sheet *first, const ps_sheet *rest);
/* Let another thread help read the sheet's CSV: ps_csv_share and
 * ps_csv_help (csv_read.h) on its reader. ps_sheet_share before the other
 * thread sees sh; ps_sheet_help from that thread only. */
void ps_sheet_share(ps_sheet *sh, size_t batch_bytes);
bool ps_sheet_help(ps_sheet *sh);
/* The last total row (合计/总分, not 小计) consumed since the previous call,
 * with a number in its 分值 or 得分 cell: true and *out filled, once. */
bool ps_sheet_take_total(ps_sheet *sh, ps_stated_total *out);

/* ps_actuals_load with the text read on two threads when it holds at
 * least min_split bytes (0: never) and a safe line to split at is found;
 * *split (may be NULL) says whether it was. The result and diagnostics are
 * those of the one-thread load. For tests; ps_actuals_load uses
 * PS_ACTUALS_SPLIT_MIN (a build may set it lower: scripts/test's
 * ThreadSanitizer build splits small files too). */
#ifndef PS_ACTUALS_SPLIT_MIN
#define PS_ACTUALS_SPLIT_MIN ((size_t)8 << 20)
#endif
int ps_actuals_load_split(ps_actuals **out, const ps_source *src, size_t min_split, bool *split,
                          ps_diags *diags);
/* The same in n_parts parts (0: by size, as ps_actuals_load_split does;
 * fewer where no safe line is found near a part's share of the text),
 * taken in turn by two threads: tests ask for many parts of a small text
 * so that every line boundary gets tried. */
int ps_actuals_load_parts(ps_actuals **out, const ps_source *src, size_t min_split, size_t n_parts,
                          bool *split, ps_diags *diags);

/* Strings of a loaded table: most cells are blank, and a million blank
 * strings would each cost an allocation, so they all share ps_str_empty.
 * Free table strings with ps_str_free, never free(). */
extern char ps_str_empty[1];
void ps_str_free(char *s);

/* A copy of the row's cell for field f (the caller owns it, to free with
 * ps_str_free; ps_str_empty for ""); the row keeps "". */
char *ps_row_take(ps_sheet_row *row, ps_field f);

/* Cell helpers shared by the loaders. */
bool ps_cell_placeholder(const char *s);
/* A name cleaned for display and keys: leading marks (★ ※), numbering
 * ("1、" "(1)" "①" "指标1:" "3.1" "一、"), template prompts ("(≥**人)"),
 * points "(50分)" (returned in *pts), line breaks. Returns a malloc'd string. */
char *ps_clean_name(const char *s, ps_numbering *num, bool *has_pts, ps_dec *pts);
/* Same for a 一级/二级 label, with all white space removed ("投 入"). */
char *ps_clean_level(const char *s, bool *has_pts, ps_dec *pts);
/* The key two names are compared by: ps_norm_key (widths, spaces, brackets)
 * with quotation marks and trailing punctuation dropped too ("“双随机”抽查"
 * = "双随机抽查", "满意度：" = "满意度"). */
char *ps_name_key(const char *s);
/* The key two unit codes are compared by: "089012", "89012" and "89012.0"
 * are one code (Excel drops leading zeros of numeric codes). */
char *ps_code_key(const char *s);
/* The same keys appended to out, a buffer the caller reuses (no allocation
 * once it is large enough); return the key's length in bytes. */
size_t ps_name_key_buf(ps_buf *out, const char *s);
size_t ps_code_key_buf(ps_buf *out, const char *s);

/* Words a cell mentions, found in one pass (the cheap tests that run on
 * every cell of every row before any real work). */
enum {
	PS_MK_TOTAL = 1,  /* 计 总 計 總: maybe a total row */
	PS_MK_FOOTER = 2, /* 人 话 話 日期 注 註 说明 說明: maybe a signature line */
	PS_MK_UNIT = 4    /* 单位 部门 單位 部門: maybe a unit label */
};
/* The PS_MK_* of the NUL-terminated s: a word counts wherever strstr would
 * find it. */
unsigned ps_cell_marks(const char *s);
/* More points than any table gives one indicator: a cell above this is a
 * mistake, and sums of points and scores can never overflow a ps_dec. */
#define PS_POINTS_MAX PS_DEC(1000000)

/* Points written "20", "20分", "20.0分" (Excel artefacts rounded); false if
 * the cell is not such a number from 0 to PS_POINTS_MAX. */
bool ps_points_parse(ps_dec *out, const char *s);
/* Yes-words of a 不适用 column: 是 不适用 Y 1 true √ ... (and their no-words
 * for a 是否适用 column, see `inverted`). */
bool ps_na_truthy(const char *s, bool inverted);
/* The actual-value cell itself says not applicable (不适用, 不涉及, N/A). */
bool ps_actual_says_na(const char *s);

#endif
