/* xlsx_int.h (private): a workbook with the formats the 绩效自评表 sheets
 * use, and cell writers that remember any failure, for report_xlsx.c and
 * report_audit.c. Only built with libxlsxwriter (PS_HAVE_XLSX). */
#ifndef PS_XLSX_INT_H
#define PS_XLSX_INT_H

#ifdef PS_HAVE_XLSX
#include <stdbool.h>
#include <xlsxwriter.h>
#include "perfscore/dec.h"

/* libxlsxwriter's functions, found in the library once it is loaded
 * (xlsx_lib.c): linked in, it and what it pulls in (libcrypto, libminizip,
 * zlib) were mapped and bound at every start, 1.4 of the 2.2 ms a process
 * took to start and end (hyperfine, 500 runs of an empty main linked both
 * ways); now only a run that writes xlsx loads them. The calls below go
 * through this table by the library's own names. */
#define PS_LXW_FUNCS(X) \
	X(workbook_new) X(workbook_close) X(workbook_add_worksheet) X(workbook_add_format) \
	X(workbook_validate_sheet_name) X(worksheet_write_string) X(worksheet_write_number) \
	X(worksheet_write_blank) X(worksheet_write_comment) X(worksheet_merge_range) X(worksheet_set_column) \
	X(worksheet_set_row) X(worksheet_freeze_panes) X(worksheet_set_landscape) X(worksheet_repeat_rows) \
	X(worksheet_fit_to_pages) X(format_set_bold) X(format_set_border) X(format_set_align) \
	X(format_set_text_wrap) X(format_set_num_format) X(format_set_font_size)

#define PS_LXW_FIELD(f) __typeof__(f) *f;
typedef struct {
	PS_LXW_FUNCS(PS_LXW_FIELD)
} xlsx_lib;
#undef PS_LXW_FIELD

/* Filled by ps_xlsx_load (perfscore/report.h) before any workbook is made. */
extern xlsx_lib ps_lxw;

/* xlsx_lib.c, which fills the table, names its fields without these */
#ifndef PS_LXW_NO_CALLS
#define workbook_new (ps_lxw.workbook_new)
#define workbook_close (ps_lxw.workbook_close)
#define workbook_add_worksheet (ps_lxw.workbook_add_worksheet)
#define workbook_add_format (ps_lxw.workbook_add_format)
#define workbook_validate_sheet_name (ps_lxw.workbook_validate_sheet_name)
#define worksheet_write_string (ps_lxw.worksheet_write_string)
#define worksheet_write_number (ps_lxw.worksheet_write_number)
#define worksheet_write_blank (ps_lxw.worksheet_write_blank)
#define worksheet_write_comment (ps_lxw.worksheet_write_comment)
#define worksheet_merge_range (ps_lxw.worksheet_merge_range)
#define worksheet_set_column (ps_lxw.worksheet_set_column)
#define worksheet_set_row (ps_lxw.worksheet_set_row)
#define worksheet_freeze_panes (ps_lxw.worksheet_freeze_panes)
#define worksheet_set_landscape (ps_lxw.worksheet_set_landscape)
#define worksheet_repeat_rows (ps_lxw.worksheet_repeat_rows)
#define worksheet_fit_to_pages (ps_lxw.worksheet_fit_to_pages)
#define format_set_bold (ps_lxw.format_set_bold)
#define format_set_border (ps_lxw.format_set_border)
#define format_set_align (ps_lxw.format_set_align)
#define format_set_text_wrap (ps_lxw.format_set_text_wrap)
#define format_set_num_format (ps_lxw.format_set_num_format)
#define format_set_font_size (ps_lxw.format_set_font_size)
#endif

typedef struct {
	lxw_workbook *wb;
	lxw_format *f_title;       /* the form's title: bold, large, centred */
	lxw_format *f_label;       /* header and label cells: bold, bordered, centred */
	lxw_format *f_text;        /* bordered, wrapped, vertically centred */
	lxw_format *f_center;      /* the same, centred (merged 一级/二级, status words) */
	lxw_format *f_points, *f_points_bold; /* "General": 20, 2.5 */
	lxw_format *f_score, *f_score_bold;   /* "0.00" */
	lxw_format *f_amount;      /* "#,##0.00" (万元) */
	lxw_format *f_pct;         /* "0.00%" */
	bool failed;               /* some call failed: the report fails */
} xlsx_book;

/* A workbook to be written to path at xlsx_book_close. 0 or PS_EIO. */
int xlsx_book_open(xlsx_book *b, const char *path);
/* Write the file and free the workbook: 0, or PS_EIO if anything failed. */
int xlsx_book_close(xlsx_book *b);

/* A new sheet named `want` made valid for Excel (at most 31 characters,
 * none of []:*?/\, no leading or trailing apostrophe) and unique (a
 * "(2)", "(3)" ... suffix); NULL (and failed set) if none can be made. */
lxw_worksheet *xlsx_sheet(xlsx_book *b, const char *want);

/* Cell writers: text (cut to Excel's 32,767 characters), a ps_dec as a
 * number, a blank bordered cell, a merged range (a single cell when the
 * range is one cell), a comment (nothing for ""). */
void xlsx_text(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, const char *s, lxw_format *f);
void xlsx_number(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, ps_dec v, lxw_format *f);
void xlsx_blank(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, lxw_format *f);
void xlsx_merge(xlsx_book *b, lxw_worksheet *ws, uint32_t r0, uint16_t c0, uint32_t r1, uint16_t c1, const char *s,
                lxw_format *f);
void xlsx_comment(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, const char *s);

#endif
#endif
