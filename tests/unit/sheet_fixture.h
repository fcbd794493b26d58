/* sheet_fixture.h: a sheet opened on CSV text in memory, for the tests of
 * the row reader (test_rows.c, test_sheet_fast.c). Include after <cmocka.h>. */
#ifndef SHEET_FIXTURE_H
#define SHEET_FIXTURE_H

#include <string.h>
#include "sheet.h"
#include "perfscore/source.h"

typedef struct {
	ps_source *src;
	ps_sheet *sh;
	ps_diags d;
} sheet_fx;

/* Open text (UTF-8, named t.csv) as a targets sheet; fails the test if it
 * does not open. */
static inline void sheet_open(sheet_fx *x, const char *text)
{
	x->d = (ps_diags)PS_DIAGS_INIT;
	assert_int_equal(ps_source_from_mem(&x->src, "t.csv", text, strlen(text), PS_ENC_UTF8, &x->d), PS_OK);
	assert_int_equal(ps_sheet_open(&x->sh, x->src, PS_HDR_TARGETS, &x->d), PS_OK);
}

static inline void sheet_close(sheet_fx *x)
{
	ps_sheet_free(x->sh);
	ps_source_free(x->src);
	ps_diags_dispose(&x->d);
}

#endif
