/* xlsx.c: the workbook, formats and cell writers behind the xlsx reports
 * (xlsx_int.h). libxlsxwriter reports failures by return code; they are
 * collected in xlsx_book.failed so one check at the end covers them all. */
#ifdef PS_HAVE_XLSX
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "perfscore/text.h"
#include "perfscore/diag.h"
#include "perfscore/report.h"
#include "xlsx_int.h"

/* Excel's limit on a cell's text (in characters; bytes are a safe bound). */
#define CELL_MAX 32767

static lxw_format *fmt(lxw_workbook *wb, bool bold, bool border, uint8_t align, const char *num)
{
	lxw_format *f = workbook_add_format(wb);
	if (bold)
		format_set_bold(f);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (align)
		format_set_align(f, align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	if (num)
		format_set_num_format(f, num);
	return f;
}

int xlsx_book_open(xlsx_book *b, const char *path)
{
	memset(b, 0, sizeof *b);
	if (ps_xlsx_load(NULL, 0) != PS_OK)
		return PS_EIO;
	b->wb = path ? workbook_new(path) : NULL;
	if (!b->wb)
		return PS_EIO;
	b->f_title = fmt(b->wb, true, false, LXW_ALIGN_CENTER, NULL);
	format_set_font_size(b->f_title, 16);
	b->f_label = fmt(b->wb, true, true, LXW_ALIGN_CENTER, NULL);
	b->f_text = fmt(b->wb, false, true, 0, NULL);
	b->f_center = fmt(b->wb, false, true, LXW_ALIGN_CENTER, NULL);
	b->f_points = fmt(b->wb, false, true, LXW_ALIGN_CENTER, "General");
	b->f_points_bold = fmt(b->wb, true, true, LXW_ALIGN_CENTER, "General");
	b->f_score = fmt(b->wb, false, true, LXW_ALIGN_RIGHT, "0.00");
	b->f_score_bold = fmt(b->wb, true, true, LXW_ALIGN_RIGHT, "0.00");
	b->f_amount = fmt(b->wb, false, true, LXW_ALIGN_RIGHT, "#,##0.00");
	b->f_pct = fmt(b->wb, false, true, LXW_ALIGN_RIGHT, "0.00%");
	return PS_OK;
}

int xlsx_book_close(xlsx_book *b)
{
	if (!b->wb)
		return PS_EIO;
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	return e != LXW_NO_ERROR || b->failed ? PS_EIO : PS_OK;
}

static void check(xlsx_book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		b->failed = true;
}

/* s cut to at most max bytes without splitting a UTF-8 character. */
static size_t cut(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

lxw_worksheet *xlsx_sheet(xlsx_book *b, const char *want)
{
	/* Excel's rules: 31 characters, none of these, no apostrophe at the ends. */
	ps_buf base = PS_BUF_INIT;
	size_t chars = 0;
	for (const char *p = want ? want : ""; *p && chars < 31;) {
		int32_t cp;
		int k = ps_utf8_decode(p, strlen(p), &cp);
		if (k <= 0)
			k = 1, cp = '_';
		if (cp < 0x20 || strchr("[]:*?/\\", (int)cp) != NULL)
			ps_buf_addc(&base, '_');
		else
			ps_buf_add(&base, p, (size_t)k);
		p += k;
		chars++;
	}
	while (base.n && base.s[base.n - 1] == '\'')
		base.s[--base.n] = '\0';
	size_t lead = 0;
	while (lead < base.n && base.s[lead] == '\'')
		lead++;
	const char *name0 = base.n > lead ? base.s + lead : "Sheet";
	lxw_worksheet *ws = NULL;
	for (int k = 1; k < 100000 && !ws; k++) {
		ps_buf name = PS_BUF_INIT;
		if (k == 1) {
			ps_buf_adds(&name, name0);
		} else {
			char suf[16];
			int sl = snprintf(suf, sizeof suf, "(%d)", k);
			/* keep the suffix inside 31 characters */
			size_t keep = 0, c = 0, len = strlen(name0);
			while (keep < len && c < (size_t)(31 - sl)) {
				int32_t cp;
				int n = ps_utf8_decode(name0 + keep, len - keep, &cp);
				keep += n > 0 ? (size_t)n : 1;
				c++;
			}
			ps_buf_add(&name, name0, keep);
			ps_buf_adds(&name, suf);
		}
		/* "History" is reserved by Excel; validating first keeps
		 * libxlsxwriter from printing a warning. */
		if (strcasecmp(name.s, "History") != 0 && workbook_validate_sheet_name(b->wb, name.s) == LXW_NO_ERROR)
			ws = workbook_add_worksheet(b->wb, name.s);
		ps_buf_dispose(&name);
	}
	ps_buf_dispose(&base);
	if (!ws)
		b->failed = true;
	return ws;
}

void xlsx_text(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, const char *s, lxw_format *f)
{
	s = s ? s : "";
	size_t n = cut(s, CELL_MAX);
	if (!*s) {
		check(b, worksheet_write_blank(ws, row, col, f));
	} else if (s[n]) {
		char *t = ps_xstrndup(s, n);
		check(b, worksheet_write_string(ws, row, col, t, f));
		free(t);
	} else {
		check(b, worksheet_write_string(ws, row, col, s, f));
	}
}

void xlsx_number(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, ps_dec v, lxw_format *f)
{
	/* The nearest double to the exact decimal: what Excel stores for 92.6. */
	check(b, worksheet_write_number(ws, row, col, ps_dec_to_double(v), f));
}

void xlsx_blank(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, lxw_format *f)
{
	check(b, worksheet_write_blank(ws, row, col, f));
}

void xlsx_merge(xlsx_book *b, lxw_worksheet *ws, uint32_t r0, uint16_t c0, uint32_t r1, uint16_t c1, const char *s,
                lxw_format *f)
{
	if (r0 == r1 && c0 == c1) {
		xlsx_text(b, ws, r0, c0, s, f);
		return;
	}
	s = s ? s : "";
	size_t n = cut(s, CELL_MAX);
	char *t = ps_xstrndup(s, n);
	check(b, worksheet_merge_range(ws, r0, c0, r1, c1, t, f));
	free(t);
}

void xlsx_comment(xlsx_book *b, lxw_worksheet *ws, uint32_t row, uint16_t col, const char *s)
{
	if (!s || !*s)
		return;
	size_t n = cut(s, CELL_MAX);
	char *t = ps_xstrndup(s, n);
	check(b, worksheet_write_comment(ws, row, col, t));
	free(t);
}

#else
typedef int xlsx_unused;
#endif
