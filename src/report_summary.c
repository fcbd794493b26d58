/* report_summary.c: a batch summary (ps_summary) as a terminal table, JSON,
 * CSV or Markdown (docs/summary.md). Formatters see the statistics only. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "perfscore/summary.h"
#include "report_int.h"

enum {
	S_TITLE, S_FINAL, S_CAPPED, S_GRADES, S_STATS, S_WORST_UNITS, S_WORST_INDS, S_NONE,
	S_H_CODE, S_H_NAME, S_H_T100, S_H_LOST, S_H_GRADE, S_H_IND, S_H_UNITS, S_H_LOSING, S_H_LOST_SUM,
	S_H_MEAN_LOST, S_NOT_FINAL, S_WARNINGS, S_MEAN, S_MEDIAN, S_SD, S_MIN, S_MAX, S_C_SECTION, S_C_ITEM,
	S_C_VALUE, S_C_NOTE, S_UNITS, S_IND_NOTE, S_UNIT_NOTE, S__N
};

/* [zh, en] */
static const char *const words[S__N][2] = {
	[S_TITLE] = {"汇总：%zu 个单位", "Summary: %zu units"},
	[S_FINAL] = {"（%zu 个已定稿，%zu 个未定稿）", " (%zu final, %zu not final)"},
	[S_CAPPED] = {"%zu 个单位的总分按执行率封顶", "%zu units capped by the execution rate"},
	[S_GRADES] = {"等级", "Grades"},
	[S_STATS] = {"百分制总分", "Totals (out of 100)"},
	[S_WORST_UNITS] = {"失分最多的单位", "Units that lose the most points"},
	[S_WORST_INDS] = {"失分最多的指标（共 %zu 个不同指标）", "Indicators that lose the most points (%zu distinct)"},
	[S_NONE] = {"（无）", "(none)"},
	[S_H_CODE] = {"单位编码", "Code"},
	[S_H_NAME] = {"单位名称", "Unit"},
	[S_H_T100] = {"百分制", "Total"},
	[S_H_LOST] = {"失分", "Lost"},
	[S_H_GRADE] = {"等级", "Grade"},
	[S_H_IND] = {"指标（一级/二级/三级）", "Indicator (level 1/2/3)"},
	[S_H_UNITS] = {"单位数", "Units"},
	[S_H_LOSING] = {"失分单位数", "Losing"},
	[S_H_LOST_SUM] = {"失分合计", "Lost"},
	[S_H_MEAN_LOST] = {"平均失分", "Mean lost"},
	[S_NOT_FINAL] = {"未定稿", "not final"},
	[S_WARNINGS] = {"%zu 条警告（见标准错误输出）", "%zu warning(s) (see standard error)"},
	[S_MEAN] = {"平均", "mean"},
	[S_MEDIAN] = {"中位数", "median"},
	[S_SD] = {"标准差", "standard deviation"},
	[S_MIN] = {"最低", "lowest"},
	[S_MAX] = {"最高", "highest"},
	[S_C_SECTION] = {"部分", "Section"},
	[S_C_ITEM] = {"项目", "Item"},
	[S_C_VALUE] = {"数值", "Value"},
	[S_C_NOTE] = {"说明", "Note"},
	[S_UNITS] = {"单位数", "Units"},
	[S_IND_NOTE] = {"%zu 个单位中 %zu 个失分，平均失分 %s", "%zu units, %zu lose points, mean lost %s"},
	[S_UNIT_NOTE] = {"百分制 %s，%s", "total %s, %s"},
};

static const char *const grade_names[4] = {"优", "良", "中", "差"};

typedef struct {
	const ps_summary *s;
	int en;
	bool aw;
} ctx;

static const char *W(const ctx *c, int w)
{
	return words[w][c->en];
}

static const char *colon(const ctx *c)
{
	return c->en ? ": " : "：";
}

static ps_lang lang(const ctx *c)
{
	return c->en ? PS_LANG_EN : PS_LANG_ZH;
}

static const char *dec2(char buf[40], ps_dec v)
{
	ps_dec_format(buf, 40, v, 2, 2);
	return buf;
}

/* "产出指标/数量指标/改造村数", leaving out blank levels. */
static char *ind_label(const ps_summary_indicator *i)
{
	ps_buf b = PS_BUF_INIT;
	const char *parts[3] = {i->level1, i->level2, i->name};
	for (int k = 0; k < 3; k++) {
		if (!parts[k][0])
			continue;
		if (b.n)
			ps_buf_addc(&b, '/');
		ps_buf_adds(&b, parts[k]);
	}
	return ps_buf_detach(&b);
}

static ps_dec mean_lost(const ps_summary_indicator *i)
{
	return i->n_units ? ps_dec_round(i->lost / (ps_dec)i->n_units, 2) : 0;
}

/* The cells of an indicator's line in the table and md outputs. */
typedef struct {
	char *label;
	char units[24], losing[24], lost[40], mean[40];
	const char *cell[5];
} ind_cells;

static void ind_cells_fill(ind_cells *c, const ps_summary_indicator *in)
{
	c->label = ind_label(in);
	snprintf(c->units, sizeof c->units, "%zu", in->n_units);
	snprintf(c->losing, sizeof c->losing, "%zu", in->n_losing);
	dec2(c->lost, in->lost);
	dec2(c->mean, mean_lost(in));
	const char *cells[5] = {c->label, c->units, c->losing, c->lost, c->mean};
	memcpy(c->cell, cells, sizeof cells);
}

/* "百分制总分：平均 85.20，中位数 …" and a newline. */
static void stats_line(const ctx *c, ps_buf *b)
{
	const ps_summary *s = c->s;
	const struct {
		int w;
		ps_dec v;
	} st[] = {{S_MEAN, s->mean}, {S_MEDIAN, s->median}, {S_SD, s->sd}, {S_MIN, s->min}, {S_MAX, s->max}};
	ps_buf_printf(b, "%s%s", W(c, S_STATS), colon(c));
	for (size_t k = 0; k < sizeof st / sizeof st[0]; k++) {
		char v[40];
		ps_buf_printf(b, "%s%s %s", k ? (c->en ? ", " : "，") : "", W(c, st[k].w), dec2(v, st[k].v));
	}
	ps_buf_addc(b, '\n');
}

static void title(const ctx *c, ps_buf *b)
{
	ps_buf_printf(b, W(c, S_TITLE), c->s->n_units);
	ps_buf_printf(b, W(c, S_FINAL), c->s->n_final, c->s->n_units - c->s->n_final);
	ps_buf_addc(b, '\n');
}

/* ---- table ------------------------------------------------------------------ */

static void table_write(const ctx *c, ps_buf *b, const ps_diags *warnings)
{
	const ps_summary *s = c->s;
	char v[5][40];
	title(c, b);
	if (s->n_capped) {
		ps_buf_printf(b, W(c, S_CAPPED), s->n_capped);
		ps_buf_addc(b, '\n');
	}
	ps_buf_printf(b, "%s%s", W(c, S_GRADES), colon(c));
	for (int g = 0; g < 4; g++)
		ps_buf_printf(b, "%s%s %zu", g ? "  " : "", grade_names[g], s->grades[g]);
	ps_buf_addc(b, '\n');
	stats_line(c, b);

	ps_buf_printf(b, "\n%s\n", W(c, S_WORST_UNITS));
	report_grid g;
	report_grid_init(&g, 6, 1u << 2 | 1u << 3);
	const char *head[6] = {W(c, S_H_CODE), W(c, S_H_NAME), W(c, S_H_T100), W(c, S_H_LOST), W(c, S_H_GRADE), ""};
	report_grid_add(&g, head);
	for (size_t i = 0; i < s->n_worst; i++) {
		const ps_summary_unit *u = &s->worst[i];
		const char *row[6] = {u->code, u->name, dec2(v[0], u->total_100), dec2(v[1], u->lost),
		                      report_grade(u->grade, lang(c)),
		                      u->final ? "" : W(c, S_NOT_FINAL)};
		report_grid_add(&g, row);
	}
	report_grid_write(b, &g, 2, c->aw);
	report_grid_dispose(&g);

	ps_buf_addc(b, '\n');
	ps_buf_printf(b, W(c, S_WORST_INDS), s->n_distinct);
	ps_buf_addc(b, '\n');
	if (!s->n_indicators) {
		ps_buf_printf(b, "  %s\n", W(c, S_NONE));
	} else {
		report_grid_init(&g, 5, 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4);
		const char *h2[5] = {W(c, S_H_IND), W(c, S_H_UNITS), W(c, S_H_LOSING), W(c, S_H_LOST_SUM),
		                     W(c, S_H_MEAN_LOST)};
		report_grid_add(&g, h2);
		for (size_t i = 0; i < s->n_indicators; i++) {
			ind_cells ic;
			ind_cells_fill(&ic, &s->indicators[i]);
			report_grid_add(&g, ic.cell);
			free(ic.label);
		}
		report_grid_write(b, &g, 2, c->aw);
		report_grid_dispose(&g);
	}
	size_t nw = report_count_warnings(warnings);
	if (nw) {
		ps_buf_addc(b, '\n');
		ps_buf_printf(b, W(c, S_WARNINGS), nw);
		ps_buf_addc(b, '\n');
	}
}

/* ---- json --------------------------------------------------------------------- */

static cJSON *summary_json(const ctx *c)
{
	const ps_summary *s = c->s;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "unit_count", (double)s->n_units);
	cJSON_AddNumberToObject(o, "final_count", (double)s->n_final);
	cJSON_AddNumberToObject(o, "capped_count", (double)s->n_capped);
	cJSON *g = cJSON_AddObjectToObject(o, "grades");
	for (int k = 0; k < 4; k++)
		cJSON_AddNumberToObject(g, grade_names[k], (double)s->grades[k]);
	cJSON *t = cJSON_AddObjectToObject(o, "total_100");
	report_json_dec(t, "mean", s->mean, 2);
	report_json_dec(t, "median", s->median, 2);
	report_json_dec(t, "sd", s->sd, 2);
	report_json_dec(t, "min", s->min, 2);
	report_json_dec(t, "max", s->max, 2);
	cJSON *wu = cJSON_AddArrayToObject(o, "worst_units");
	for (size_t i = 0; i < s->n_worst; i++) {
		const ps_summary_unit *u = &s->worst[i];
		cJSON *e = cJSON_CreateObject();
		report_json_str(e, "unit_code", u->code);
		report_json_str(e, "unit_name", u->name);
		report_json_dec(e, "total_100", u->total_100, 2);
		report_json_dec(e, "lost", u->lost, 2);
		report_json_str(e, "grade", u->grade);
		cJSON_AddBoolToObject(e, "final", u->final);
		cJSON_AddItemToArray(wu, e);
	}
	cJSON_AddNumberToObject(o, "distinct_indicators", (double)s->n_distinct);
	cJSON *wi = cJSON_AddArrayToObject(o, "worst_indicators");
	for (size_t i = 0; i < s->n_indicators; i++) {
		const ps_summary_indicator *in = &s->indicators[i];
		cJSON *e = cJSON_CreateObject();
		report_json_str(e, "level1", in->level1);
		report_json_str(e, "level2", in->level2);
		report_json_str(e, "name", in->name);
		cJSON_AddNumberToObject(e, "unit_count", (double)in->n_units);
		cJSON_AddNumberToObject(e, "losing_count", (double)in->n_losing);
		cJSON_AddNumberToObject(e, "unscored_count", (double)in->n_unscored);
		report_json_dec(e, "points", in->points, 6);
		report_json_dec(e, "lost", in->lost, 6);
		report_json_dec(e, "mean_lost", mean_lost(in), 2);
		cJSON_AddItemToArray(wi, e);
	}
	return o;
}

/* ---- csv ------------------------------------------------------------------------ */

static void csv_row(ps_buf *b, const char *a, const char *i, const char *v, const char *n)
{
	const char *cells[4] = {a, i, v, n};
	for (int k = 0; k < 4; k++) {
		if (k)
			ps_buf_addc(b, ',');
		ps_report_csv_cell(b, cells[k]);
	}
	ps_buf_adds(b, "\r\n");
}

static void csv_write(const ctx *c, ps_buf *b)
{
	const ps_summary *s = c->s;
	char v[40], v2[40], n[32];
	ps_buf note = PS_BUF_INIT;
	csv_row(b, W(c, S_C_SECTION), W(c, S_C_ITEM), W(c, S_C_VALUE), W(c, S_C_NOTE));
	snprintf(n, sizeof n, "%zu", s->n_units);
	ps_buf_printf(&note, W(c, S_FINAL), s->n_final, s->n_units - s->n_final);
	csv_row(b, W(c, S_UNITS), W(c, S_UNITS), n, note.s);
	for (int g = 0; g < 4; g++) {
		snprintf(n, sizeof n, "%zu", s->grades[g]);
		csv_row(b, W(c, S_GRADES), grade_names[g], n, "");
	}
	const struct {
		int w;
		ps_dec v;
	} stats[] = {{S_MEAN, s->mean}, {S_MEDIAN, s->median}, {S_SD, s->sd}, {S_MIN, s->min}, {S_MAX, s->max}};
	for (size_t k = 0; k < sizeof stats / sizeof stats[0]; k++)
		csv_row(b, W(c, S_STATS), W(c, stats[k].w), dec2(v, stats[k].v), "");
	for (size_t i = 0; i < s->n_worst; i++) {
		const ps_summary_unit *u = &s->worst[i];
		ps_buf item = PS_BUF_INIT;
		ps_buf_printf(&item, "%s%s%s", u->code, u->code[0] && u->name[0] ? " " : "", u->name);
		ps_buf_clear(&note);
		ps_buf_printf(&note, W(c, S_UNIT_NOTE), dec2(v2, u->total_100), report_grade(u->grade, lang(c)));
		if (!u->final)
			ps_buf_printf(&note, c->en ? ", %s" : "，%s", W(c, S_NOT_FINAL));
		csv_row(b, W(c, S_WORST_UNITS), item.s ? item.s : "", dec2(v, u->lost), note.s);
		ps_buf_dispose(&item);
	}
	for (size_t i = 0; i < s->n_indicators; i++) {
		const ps_summary_indicator *in = &s->indicators[i];
		char *label = ind_label(in);
		ps_buf_clear(&note);
		ps_buf_printf(&note, W(c, S_IND_NOTE), in->n_units, in->n_losing, dec2(v2, mean_lost(in)));
		csv_row(b, W(c, S_H_IND), label, dec2(v, in->lost), note.s);
		free(label);
	}
	ps_buf_dispose(&note);
}

/* ---- md ------------------------------------------------------------------------- */

static void md_cells(ps_buf *b, const char *const *cells, size_t n)
{
	ps_buf_addc(b, '|');
	for (size_t k = 0; k < n; k++) {
		ps_buf_addc(b, ' ');
		for (const char *p = cells[k]; *p; p++) {
			if (strchr("|\\*_`[]", *p))
				ps_buf_addc(b, '\\');
			ps_buf_addc(b, *p);
		}
		ps_buf_adds(b, " |");
	}
	ps_buf_addc(b, '\n');
}

static void md_write(const ctx *c, ps_buf *b, const ps_diags *warnings)
{
	const ps_summary *s = c->s;
	char v[5][40];
	ps_buf_adds(b, "## ");
	title(c, b);
	ps_buf_addc(b, '\n');
	if (s->n_capped) {
		ps_buf_adds(b, "- ");
		ps_buf_printf(b, W(c, S_CAPPED), s->n_capped);
		ps_buf_addc(b, '\n');
	}
	ps_buf_printf(b, "- %s%s", W(c, S_GRADES), colon(c));
	for (int g = 0; g < 4; g++)
		ps_buf_printf(b, "%s%s %zu", g ? (c->en ? ", " : "，") : "", grade_names[g], s->grades[g]);
	ps_buf_adds(b, "\n- ");
	stats_line(c, b);
	ps_buf_printf(b, "\n### %s\n\n", W(c, S_WORST_UNITS));
	const char *h[5] = {W(c, S_H_CODE), W(c, S_H_NAME), W(c, S_H_T100), W(c, S_H_LOST), W(c, S_H_GRADE)};
	md_cells(b, h, 5);
	ps_buf_adds(b, "| --- | --- | ---: | ---: | --- |\n");
	for (size_t i = 0; i < s->n_worst; i++) {
		const ps_summary_unit *u = &s->worst[i];
		ps_buf gr = PS_BUF_INIT;
		ps_buf_adds(&gr, report_grade(u->grade, lang(c)));
		if (!u->final)
			ps_buf_printf(&gr, c->en ? " (%s)" : "（%s）", W(c, S_NOT_FINAL));
		const char *row[5] = {u->code, u->name, dec2(v[0], u->total_100), dec2(v[1], u->lost), gr.s};
		md_cells(b, row, 5);
		ps_buf_dispose(&gr);
	}
	ps_buf_adds(b, "\n### ");
	ps_buf_printf(b, W(c, S_WORST_INDS), s->n_distinct);
	ps_buf_adds(b, "\n\n");
	const char *h2[5] = {W(c, S_H_IND), W(c, S_H_UNITS), W(c, S_H_LOSING), W(c, S_H_LOST_SUM), W(c, S_H_MEAN_LOST)};
	md_cells(b, h2, 5);
	ps_buf_adds(b, "| --- | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < s->n_indicators; i++) {
		ind_cells ic;
		ind_cells_fill(&ic, &s->indicators[i]);
		md_cells(b, ic.cell, 5);
		free(ic.label);
	}
	size_t nw = report_count_warnings(warnings);
	if (nw) {
		ps_buf_adds(b, "\n- ");
		ps_buf_printf(b, W(c, S_WARNINGS), nw);
		ps_buf_addc(b, '\n');
	}
}

int ps_summary_write(FILE *fp, const ps_summary *s, const ps_diags *warnings, const ps_report_options *opts)
{
	ps_report_options def = PS_REPORT_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	ctx c = {s, opts->lang == PS_LANG_EN, opts->ambiguous_wide};
	ps_buf b = PS_BUF_INIT;
	switch (opts->format) {
	case PS_FMT_TABLE:
		table_write(&c, &b, warnings);
		break;
	case PS_FMT_JSON:
	case PS_FMT_NDJSON: {
		bool pretty = opts->format == PS_FMT_JSON;
		cJSON *doc = cJSON_CreateObject();
		cJSON_AddItemToObject(doc, "summary", summary_json(&c));
		cJSON_AddItemToObject(doc, "warnings", report_json_warnings(warnings));
		report_json_emit(&b, doc, pretty, 0);
		ps_buf_addc(&b, '\n');
		break;
	}
	case PS_FMT_CSV:
		if (opts->bom)
			ps_buf_adds(&b, "\xEF\xBB\xBF");
		csv_write(&c, &b);
		break;
	case PS_FMT_MD:
		md_write(&c, &b, warnings);
		break;
	default:
		return PS_EUSAGE;
	}
	int rc = PS_OK;
	if (b.n && (fwrite(b.s, 1, b.n, fp) != b.n || fflush(fp) != 0))
		rc = PS_EIO;
	ps_buf_dispose(&b);
	return rc;
}
