/* actuals.c: the actual-values file (actuals.csv or a filled 自评表): one row
 * per indicator with its key (指标编码 or 单位/一级/二级/三级) and value. */
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The strings of every row, packed one after another: a million actual
 * rows are kept until the end of a run, and a malloc per cell would double
 * their size. Blank strings are ps_str_empty, not stored. */
#define CHUNK_SIZE ((size_t)1 << 16)

static char *keep(ps_actuals *a, const char *s)
{
	if (!s[0])
		return ps_str_empty;
	return ps_pool_add(&a->strings, s, strlen(s), CHUNK_SIZE);
}

static void add_actual(ps_actuals *a, const ps_header *h, ps_sheet_row *r, ps_diags *diags)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = ps_xrealloc(a->v, a->cap * sizeof *a->v);
	}
	ps_actual *x = &a->v[a->n++];
	memset(x, 0, sizeof *x);
	x->id = keep(a, r->cell[PS_F_ID]);
	x->unit_code = keep(a, r->unit_code);
	x->unit_name = keep(a, r->unit_name);
	x->level1 = keep(a, r->level1);
	x->level2 = keep(a, r->level2);
	x->name = keep(a, r->name);
	x->actual_text = keep(a, r->cell[PS_F_ACTUAL]);
	x->score_text = keep(a, r->cell[PS_F_SCORE]);
	x->reason = keep(a, r->cell[PS_F_REASON]);
	x->pos = (ps_pos){a->file, r->pos.line, 0, -1};
	if (r->own[PS_F_SCORE]) {
		if (ps_points_parse(&x->given_score, x->score_text))
			x->has_given_score = true;
		else
			ps_diags_add(diags, PS_D_BAD_VALUE, r->pos, "given score \"%s\" is not a number",
			             x->score_text);
	}
	x->not_applicable = (r->own[PS_F_NA] &&
	                     ps_na_truthy(r->cell[PS_F_NA], h->flags[PS_F_NA] & PS_AF_NA_INVERTED)) ||
	                    ps_actual_says_na(x->actual_text);
}

int ps_actuals_load(ps_actuals **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags)
{
	(void)opts;
	*out = NULL;
	ps_sheet *sh;
	int rc = ps_sheet_open(&sh, src, PS_HDR_ACTUALS, diags);
	if (rc != PS_OK)
		return rc;
	ps_actuals *a = ps_xcalloc(1, sizeof *a);
	a->file = ps_xstrdup(src->name);
	const ps_header *h = ps_sheet_header(sh);
	for (int f = 1; f < PS_F__COUNT; f++)
		a->has_field[f] = h->idx[f] >= 0;
	ps_sheet_row *r;
	while ((rc = ps_sheet_next(sh, &r, diags)) > 0) {
		/* a category or group row keys nothing */
		if (!r->name[0] && !r->own[PS_F_ID])
			continue;
		add_actual(a, h, r, diags);
	}
	ps_sheet_free(sh);
	if (a->n < a->cap) /* kept to the end of the run: no slack */
		a->v = ps_xrealloc(a->v, (a->n ? a->n : 1) * sizeof *a->v);
	a->cap = a->n;
	if (rc != PS_OK) {
		ps_actuals_free(a);
		return rc;
	}
	*out = a;
	return PS_OK;
}

void ps_actuals_free(ps_actuals *a)
{
	if (!a)
		return;
	ps_pool_free(&a->strings);
	free(a->v);
	free(a->file);
	free(a);
}
