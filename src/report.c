/* report.c: the report front door (format dispatch) and the cell helpers the
 * formatters share: status words, the target cell, CSV cells, fitting text
 * to a display width. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

static const struct {
	const char *name;
	ps_format format;
} format_names[] = {
	{"table", PS_FMT_TABLE}, {"json", PS_FMT_JSON}, {"ndjson", PS_FMT_NDJSON},
	{"jsonl", PS_FMT_NDJSON}, {"csv", PS_FMT_CSV}, {"md", PS_FMT_MD},
	{"markdown", PS_FMT_MD}, {"xlsx", PS_FMT_XLSX},
};

int ps_format_parse(ps_format *out, const char *name)
{
	if (!name)
		return PS_EUSAGE;
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
		if (strcmp(name, format_names[i].name) == 0) {
			*out = format_names[i].format;
			return PS_OK;
		}
	}
	return PS_EUSAGE;
}

const char *ps_format_name(ps_format f)
{
	/* The first name listed for a format is its canonical one. */
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (format_names[i].format == f)
			return format_names[i].name;
	return "table";
}

/* Indexed by ps_status; the catalog of status words for people. */
static const char *const status_words[][2] = {
	[PS_ST_SCORED] = {"已评分", "scored"},
	[PS_ST_DEFAULT_RULE] = {"默认规则", "default rule"},
	[PS_ST_MANUAL] = {"人工", "manual"},
	[PS_ST_MISSING] = {"缺实际值", "missing"},
	[PS_ST_NOT_APPLICABLE] = {"不适用", "n/a"},
	[PS_ST_NEEDS_REVIEW] = {"需复核", "needs review"},
};

const char *ps_report_status_word(ps_status s, ps_lang lang)
{
	if ((unsigned)s >= sizeof status_words / sizeof status_words[0])
		return "?";
	return status_words[s][lang == PS_LANG_EN ? 1 : 0];
}

static const char *const grade_words[][2] = {
	{"优", "优 (excellent)"}, {"良", "良 (good)"}, {"中", "中 (fair)"}, {"差", "差 (poor)"},
};

const char *report_grade(const char *grade, ps_lang lang)
{
	if (!grade)
		return "";
	if (lang == PS_LANG_EN)
		for (size_t i = 0; i < sizeof grade_words / sizeof grade_words[0]; i++)
			if (strcmp(grade, grade_words[i][0]) == 0)
				return grade_words[i][1];
	return grade;
}

char *ps_report_target_text(const ps_indicator *ind)
{
	ps_buf b = PS_BUF_INIT;
	if (ind->target.kind == PS_V_NUMBER) {
		/* Rebuilt from the parsed value so that "≥95%", "95" + type ≥ +
		 * unit % and "不低于95%" all read the same in the report. */
		ps_cmp c = ind->cmp != PS_CMP_NONE ? ind->cmp : ind->target.cmp;
		if (c != PS_CMP_NONE && c != PS_CMP_QUAL)
			ps_buf_adds(&b, ps_cmp_symbol(c));
		char num[40];
		ps_dec_format(num, sizeof num, ind->target.num, 0, 6);
		ps_buf_adds(&b, num);
		ps_buf_adds(&b, ind->unit && ind->unit[0] ? ind->unit : ind->target.unit);
	} else if (ind->target_text) {
		ps_buf_adds(&b, ind->target_text);
	}
	return ps_buf_detach(&b);
}

size_t ps_report_fit(ps_buf *b, const char *s, size_t width, bool ambiguous_wide)
{
	size_t len = strlen(s);
	size_t w = ps_text_width(s, len, ambiguous_wide);
	if (w <= width) {
		ps_buf_add(b, s, len);
		return w;
	}
	size_t ell = (size_t)ps_cp_width(0x2026, ambiguous_wide);
	if (width < ell)
		return 0;
	size_t budget = width - ell, used = 0, i = 0;
	while (i < len) {
		int32_t cp;
		int k = ps_utf8_decode(s + i, len - i, &cp);
		size_t cw = k <= 0 ? 1 : (size_t)ps_cp_width(cp, ambiguous_wide);
		if (k <= 0)
			k = 1; /* an invalid byte is one column, as ps_text_width counts it */
		if (used + cw > budget)
			break;
		i += (size_t)k;
		used += cw;
	}
	ps_buf_add(b, s, i);
	ps_buf_adds(b, "…");
	return used + ell;
}

const char *report_score(char buf[40], ps_dec v)
{
	*report_dec_put(buf, v, 2, 6) = '\0';
	return buf;
}

const char *report_points(char buf[40], ps_dec v)
{
	*report_dec_put(buf, v, 0, 6) = '\0';
	return buf;
}

void report_cells_fill(report_cells *c, const ps_ind_result *res)
{
	const ps_indicator *ind = res->ind;
	c->target = ps_report_target_text(ind);
	c->points[0] = c->score[0] = '\0';
	if (ind->has_points)
		report_points(c->points, ind->points);
	if (res->has_score)
		report_score(c->score, res->score);
}

void report_cells_dispose(report_cells *c)
{
	free(c->target);
	c->target = NULL;
}

const ps_subtotal *report_subtotal(const ps_unit_result *u, const char *level1)
{
	for (size_t i = 0; i < u->n_sub; i++)
		if (u->sub[i].level1 && level1 && strcmp(u->sub[i].level1, level1) == 0)
			return &u->sub[i];
	return NULL;
}

bool report_budget_row_fill(report_budget_row *row, const ps_unit_result *u, ps_lang lang)
{
	const ps_budget_result *b = &u->budget;
	int en = lang == PS_LANG_EN;
	memset(row, 0, sizeof *row);
	if (!b->block)
		return false;
	row->name = en ? "Budget execution rate" : "预算执行率";
	row->target = "100%";
	if (b->has_rate) {
		char rate[40];
		snprintf(row->actual, sizeof row->actual, "%s%%", report_score(rate, b->rate));
	}
	report_points(row->points, b->points);
	if (b->has_score)
		report_score(row->score, b->score);
	if (!b->scored)
		row->status = en ? "not counted" : "不计入";
	else
		row->status = ps_report_status_word(b->has_score ? PS_ST_SCORED : PS_ST_NEEDS_REVIEW, lang);
	return true;
}

void report_cap_note(ps_buf *b, const ps_unit_result *u, ps_lang lang)
{
	if (!u->capped)
		return;
	char rate[40], cap[40], before[40];
	report_score(rate, u->budget.rate);
	report_points(cap, u->cap);
	report_score(before, u->total_100_uncapped);
	ps_buf_printf(b, lang == PS_LANG_EN ? "execution rate %s%%: total capped at %s (%s before the cap)"
	                                    : "执行率%s%%，总分封顶%s分（封顶前%s分）",
	              rate, cap, before);
}

void report_grid_init(report_grid *g, size_t n_cols, unsigned right)
{
	memset(g, 0, sizeof *g);
	g->n_cols = n_cols;
	g->right = right;
}

void report_grid_add(report_grid *g, const char *const *cells)
{
	if (g->n_rows == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->cell = ps_xrealloc(g->cell, g->cap * g->n_cols * sizeof *g->cell);
	}
	for (size_t c = 0; c < g->n_cols; c++)
		g->cell[g->n_rows * g->n_cols + c] = ps_xstrdup(cells[c] ? cells[c] : "");
	g->n_rows++;
}

void report_grid_write(ps_buf *b, const report_grid *g, size_t indent, bool aw)
{
	size_t *w = ps_xcalloc(g->n_cols ? g->n_cols : 1, sizeof *w);
	for (size_t i = 0; i < g->n_rows * g->n_cols; i++) {
		size_t cw = ps_text_width(g->cell[i], strlen(g->cell[i]), aw);
		if (cw > w[i % g->n_cols])
			w[i % g->n_cols] = cw;
	}
	for (size_t r = 0; r < g->n_rows; r++) {
		for (size_t k = 0; k < indent; k++)
			ps_buf_addc(b, ' ');
		for (size_t c = 0; c < g->n_cols; c++) {
			const char *s = g->cell[r * g->n_cols + c];
			size_t pad = w[c] - ps_text_width(s, strlen(s), aw);
			bool right = g->right & (1u << c);
			if (c)
				ps_buf_adds(b, "  ");
			for (size_t k = 0; right && k < pad; k++)
				ps_buf_addc(b, ' ');
			ps_buf_adds(b, s);
			for (size_t k = 0; !right && k < pad; k++)
				ps_buf_addc(b, ' ');
		}
		while (b->n && b->s[b->n - 1] == ' ')
			b->s[--b->n] = '\0';
		ps_buf_addc(b, '\n');
	}
	free(w);
}

void report_grid_dispose(report_grid *g)
{
	for (size_t i = 0; i < g->n_rows * g->n_cols; i++)
		free(g->cell[i]);
	free(g->cell);
	memset(g, 0, sizeof *g);
}

size_t report_count_warnings(const ps_diags *d)
{
	size_t n = 0;
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].level >= PS_WARNING)
			n++;
	return n;
}

ps_buf *report_unit_buf(ps_report *r)
{
	if (!r->state)
		r->state = ps_xcalloc(1, sizeof(ps_buf));
	return r->state;
}

int report_unit_put(ps_report *r, ps_buf *b)
{
	if (b->n < REPORT_BATCH)
		return PS_OK;
	int rc = report_put(r, b);
	ps_buf_clear(b);
	return rc;
}

int report_unit_buf_free(ps_report *r)
{
	int rc = PS_OK;
	if (r->state) {
		rc = report_put(r, r->state);
		ps_buf_dispose(r->state);
	}
	free(r->state);
	r->state = NULL;
	return rc;
}

int report_put(ps_report *r, const ps_buf *b)
{
	if (b->n && fwrite(b->s, 1, b->n, r->fp) != b->n) {
		r->failed = true;
		return PS_EIO;
	}
	return PS_OK;
}

static const report_ops *ops_for(ps_format f)
{
	switch (f) {
	case PS_FMT_TABLE: return &report_table_ops;
	case PS_FMT_JSON: return &report_json_ops;
	case PS_FMT_NDJSON: return &report_ndjson_ops;
	case PS_FMT_CSV: return &report_csv_ops;
	case PS_FMT_MD: return &report_md_ops;
#ifdef PS_HAVE_XLSX
	case PS_FMT_XLSX: return &report_xlsx_ops;
#endif
	default: return NULL; /* xlsx: not in this build */
	}
}

int ps_report_begin(ps_report **out, FILE *fp, const ps_report_options *opts)
{
	*out = NULL;
	ps_report_options def = PS_REPORT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	const report_ops *ops = ops_for(opts->format);
	if (!ops || !fp || (opts->format == PS_FMT_XLSX && !opts->path))
		return PS_EUSAGE;
	ps_report *r = ps_xcalloc(1, sizeof *r);
	r->fp = fp;
	r->opts = *opts;
	if (r->opts.width <= 0)
		r->opts.width = 80;
	r->ops = ops;
	if (ops->begin(r) != PS_OK || ferror(fp)) {
		free(r);
		return PS_EIO;
	}
	*out = r;
	return PS_OK;
}

int ps_report_unit(ps_report *r, const ps_unit_result *u)
{
	if (r->ops->unit(r, u) != PS_OK || ferror(r->fp))
		r->failed = true;
	r->n_units++;
	return r->failed ? PS_EIO : PS_OK;
}

int ps_report_end(ps_report *r, const ps_diags *warnings)
{
	if (!r)
		return PS_OK;
	if (r->ops->end(r, warnings) != PS_OK)
		r->failed = true;
	if (fflush(r->fp) != 0 || ferror(r->fp))
		r->failed = true;
	int rc = r->failed ? PS_EIO : PS_OK;
	free(r);
	return rc;
}

void report_not_final(ps_buf *b, const ps_unit_result *u, ps_lang lang)
{
	static const char *const what[3][2] = {
		{"%zu 项需复核", "%zu need review"},
		{"%zu 项缺实际值", "%zu missing an actual value"},
		{"%zu 项待人工评分", "%zu await a manual score"},
	};
	size_t open_manual = 0; /* manual, and no score given yet */
	for (size_t i = 0; i < u->n; i++)
		open_manual += u->v[i].status == PS_ST_MANUAL && !u->v[i].has_score;
	const size_t counts[3] = {u->n_review, u->n_missing, open_manual};
	bool en = lang == PS_LANG_EN, first = true;
	for (size_t k = 0; k < 3; k++) {
		if (!counts[k])
			continue;
		if (!first)
			ps_buf_adds(b, en ? ", " : "，");
		first = false;
		ps_buf_printf(b, what[k][en], counts[k]);
	}
}
