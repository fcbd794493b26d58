/* xlsx_int.h (private): a workbook with the formats the 绩效自评表 sheets
 * use, and cell writers that remember any failure, for report_xlsx.c and
 * report_audit.c. Only built with libxlsxwriter (PS_HAVE_XLSX). */
#ifndef PS_XLSX_INT_H
#define PS_XLSX_INT_H

#ifdef PS_HAVE_XLSX
#include <stdbool.h>
#include <xlsxwriter.h>
#include "perfscore/dec.h"

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
