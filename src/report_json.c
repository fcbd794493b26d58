/* report_json.c: the JSON report (SPEC §6.6, docs/json-schema.json) and its
 * one-line-per-unit variant ndjson. The envelope is streamed by hand; each
 * unit is built as a cJSON tree, printed and freed, so memory does not grow
 * with the number of units. Numbers are written from ps_dec text, never
 * through a double. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "report_int.h"

/* Keys are string literals and string values outlive the tree (it is
 * printed and deleted at once), so neither is copied: half the allocations
 * of a report, and of cJSON_Delete's work, were those copies. */
static cJSON *put(cJSON *o, const char *key, cJSON *item)
{
	cJSON_AddItemToObjectCS(o, key, item);
	return item;
}

static void add_dec(cJSON *o, const char *key, ps_dec v, int max_dec)
{
	char buf[40];
	ps_dec_format(buf, sizeof buf, v, 0, max_dec);
	put(o, key, cJSON_CreateRaw(buf));
}

static void add_str(cJSON *o, const char *key, const char *s)
{
	put(o, key, cJSON_CreateStringReference(s ? s : ""));
}

/* {"file": ..., "line": ...}; null when the position names no file. */
static void add_pos(cJSON *o, const char *key, ps_pos pos)
{
	if (!pos.file) {
		put(o, key, cJSON_CreateNull());
		return;
	}
	cJSON *p = cJSON_AddObjectToObject(o, key);
	add_str(p, "file", pos.file);
	put(p, "line", cJSON_CreateNumber(pos.line));
}

static const char *const rule_sources[] = {
	[PS_RS_TEXT] = "text", [PS_RS_DSL] = "dsl", [PS_RS_DEFAULT] = "default",
};

static cJSON *indicator_json(const ps_ind_result *res)
{
	const ps_indicator *ind = res->ind;
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", ind->id);
	add_str(o, "level1", ind->level1);
	add_str(o, "level2", ind->level2);
	add_str(o, "name", ind->name);
	add_str(o, "type", ps_cmp_symbol(ind->cmp));
	/* target: a number when the cell is one ("≥95%" → 95), else its text. */
	if (ind->target.kind == PS_V_NUMBER)
		add_dec(o, "target", ind->target.num, 6);
	else if (ind->target.kind == PS_V_EMPTY)
		put(o, "target", cJSON_CreateNull());
	else
		add_str(o, "target", ind->target_text);
	add_str(o, "target_text", ind->target_text);
	add_str(o, "unit", ind->unit);
	if (ind->has_actual)
		add_str(o, "actual", ind->actual_text);
	else
		put(o, "actual", cJSON_CreateNull());
	if (ind->has_points)
		add_dec(o, "points", ind->points, 6);
	else
		put(o, "points", cJSON_CreateNull());
	if (res->has_score)
		add_dec(o, "score", res->score, 6);
	else
		put(o, "score", cJSON_CreateNull());
	add_str(o, "status", ps_status_name(res->status));
	cJSON *rule = put(o, "rule", cJSON_CreateObject());
	add_str(rule, "text", ind->rule_text);
	if (ind->rule_dsl && ind->rule_dsl[0])
		add_str(rule, "dsl", ind->rule_dsl);
	add_str(rule, "canonical", res->canonical);
	add_str(rule, "source", (unsigned)res->rule_source < 3 ? rule_sources[res->rule_source] : "text");
	add_str(o, "explanation", res->explanation);
	add_str(o, "reason", ind->reason);
	if (res->bonus != 0)
		add_dec(o, "bonus", res->bonus, 6);
	if (ind->has_given_score)
		add_dec(o, "given_score", ind->given_score, 6);
	add_pos(o, "source", ind->pos);
	if (ind->has_actual)
		add_pos(o, "actual_source", ind->actual_pos);
	else
		put(o, "actual_source", cJSON_CreateNull());
	return o;
}

/* The 项目资金 block and its 预算执行率 row; null when the unit has none. */
static cJSON *budget_json(const ps_budget_result *b)
{
	if (!b->block)
		return cJSON_CreateNull();
	const ps_budget *k = b->block;
	cJSON *o = cJSON_CreateObject();
	if (k->has_initial)
		add_dec(o, "initial", k->initial, 6);
	else
		put(o, "initial", cJSON_CreateNull());
	add_dec(o, "full", k->full, 6);
	add_dec(o, "spent", k->spent, 6);
	if (b->has_rate)
		add_dec(o, "rate", b->rate, 2);
	else
		put(o, "rate", cJSON_CreateNull());
	add_dec(o, "points", b->points, 6);
	if (b->has_score)
		add_dec(o, "score", b->score, 6);
	else
		put(o, "score", cJSON_CreateNull());
	if (k->has_score)
		add_dec(o, "given_score", k->score, 6);
	else
		put(o, "given_score", cJSON_CreateNull());
	put(o, "scored", cJSON_CreateBool(b->scored));
	add_str(o, "explanation", b->explanation);
	add_pos(o, "source", k->pos);
	return o;
}

static cJSON *unit_json(const ps_unit_result *u)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "unit_code", u->unit ? u->unit->code : "");
	add_str(o, "unit_name", u->unit ? u->unit->name : "");
	add_dec(o, "points_total", u->points_total, 6);
	add_dec(o, "points_applicable", u->points_applicable, 6);
	add_dec(o, "total", u->total, 6);
	/* 百分制 is a conversion for people: two decimals, like the scores. */
	add_dec(o, "total_100", u->total_100, 2);
	add_str(o, "grade", u->grade);
	put(o, "final", cJSON_CreateBool(u->final));
	put(o, "review_count", cJSON_CreateNumber((double)u->n_review));
	put(o, "missing_count", cJSON_CreateNumber((double)u->n_missing));
	put(o, "manual_count", cJSON_CreateNumber((double)u->n_manual));
	put(o, "budget", budget_json(&u->budget));
	if (u->capped) {
		cJSON *c = put(o, "cap", cJSON_CreateObject());
		add_dec(c, "rate", u->budget.rate, 2);
		add_dec(c, "limit", u->cap, 6);
		add_dec(c, "total_100_uncapped", u->total_100_uncapped, 2);
	} else {
		put(o, "cap", cJSON_CreateNull());
	}
	cJSON *subs = put(o, "subtotals", cJSON_CreateArray());
	for (size_t i = 0; i < u->n_sub; i++) {
		cJSON *s = cJSON_CreateObject();
		add_str(s, "level1", u->sub[i].level1);
		add_dec(s, "points", u->sub[i].points, 6);
		add_dec(s, "score", u->sub[i].score, 6);
		cJSON_AddItemToArray(subs, s);
	}
	cJSON *inds = put(o, "indicators", cJSON_CreateArray());
	for (size_t i = 0; i < u->n; i++)
		cJSON_AddItemToArray(inds, indicator_json(&u->v[i]));
	return o;
}

cJSON *ps_report_diag_json(const ps_diag *dg)
{
	cJSON *w = cJSON_CreateObject();
	if (dg->pos.file)
		add_str(w, "file", dg->pos.file);
	else
		put(w, "file", cJSON_CreateNull());
	if (dg->pos.line)
		put(w, "line", cJSON_CreateNumber(dg->pos.line));
	else
		put(w, "line", cJSON_CreateNull());
	if (dg->pos.col)
		put(w, "column", cJSON_CreateNumber(dg->pos.col));
	else
		put(w, "column", cJSON_CreateNull());
	add_str(w, "level", ps_level_name(dg->level));
	add_str(w, "code", ps_code_name(dg->code));
	add_str(w, "message", dg->msg);
	return w;
}

static cJSON *warnings_json(const ps_diags *d)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; d && i < d->n; i++)
		if (d->v[i].level >= PS_WARNING)
			cJSON_AddItemToArray(a, ps_report_diag_json(&d->v[i]));
	return a;
}

static void newline(ps_buf *b, int depth)
{
	static const char spaces[] = "\n                                                                ";
	size_t n = 1 + 2 * (size_t)(depth < 0 ? 0 : depth);
	if (n > sizeof spaces - 1)
		n = sizeof spaces - 1;
	ps_buf_add(b, spaces, n);
}

/* A JSON string the way cJSON escapes it: quotes, backslash and control
 * characters; UTF-8 passes through. Runs of plain bytes are copied at once. */
static void put_string(ps_buf *b, const char *s)
{
	ps_buf_addc(b, '"');
	const char *run = s;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		ps_buf_add(b, run, (size_t)(p - run));
		switch (c) {
		case '"': ps_buf_adds(b, "\\\""); break;
		case '\\': ps_buf_adds(b, "\\\\"); break;
		case '\b': ps_buf_adds(b, "\\b"); break;
		case '\f': ps_buf_adds(b, "\\f"); break;
		case '\n': ps_buf_adds(b, "\\n"); break;
		case '\r': ps_buf_adds(b, "\\r"); break;
		case '\t': ps_buf_adds(b, "\\t"); break;
		default: ps_buf_printf(b, "\\u%04x", c); break;
		}
		run = p + 1;
	}
	ps_buf_adds(b, run);
	ps_buf_addc(b, '"');
}

static void put_number(ps_buf *b, double d)
{
	if (d != d || d - d != 0) {
		ps_buf_adds(b, "null");
	} else if (d >= -1e15 && d <= 1e15 && d == (double)(long long)d) {
		ps_buf_printf(b, "%lld", (long long)d);
	} else {
		ps_buf_printf(b, "%1.17g", d);
	}
}

/* Serialise a cJSON tree into b: pretty (two-space indent at `depth`, like
 * jq, which users compare with; cJSON_Print would use tabs) or on one line.
 * Walking the tree here is several times faster than cJSON_Print followed
 * by re-indenting its text. */
void ps_report_json_write(ps_buf *b, const cJSON *item, bool pretty, int depth)
{
	if (cJSON_IsObject(item) || cJSON_IsArray(item)) {
		bool obj = cJSON_IsObject(item);
		ps_buf_addc(b, obj ? '{' : '[');
		const cJSON *c = item->child;
		if (!c) {
			ps_buf_addc(b, obj ? '}' : ']');
			return;
		}
		for (; c; c = c->next) {
			if (pretty)
				newline(b, depth + 1);
			if (obj) {
				put_string(b, c->string ? c->string : "");
				ps_buf_adds(b, pretty ? ": " : ":");
			}
			ps_report_json_write(b, c, pretty, depth + 1);
			if (c->next)
				ps_buf_addc(b, ',');
		}
		if (pretty)
			newline(b, depth);
		ps_buf_addc(b, obj ? '}' : ']');
	} else if (cJSON_IsString(item)) {
		put_string(b, item->valuestring ? item->valuestring : "");
	} else if (cJSON_IsRaw(item)) {
		ps_buf_adds(b, item->valuestring ? item->valuestring : "null");
	} else if (cJSON_IsNumber(item)) {
		put_number(b, item->valuedouble);
	} else if (cJSON_IsTrue(item)) {
		ps_buf_adds(b, "true");
	} else if (cJSON_IsFalse(item)) {
		ps_buf_adds(b, "false");
	} else {
		ps_buf_adds(b, "null");
	}
}

/* Print a tree (freed here) into b: pretty at `depth`, or on one line. */
static void emit(ps_buf *b, cJSON *tree, bool pretty, int depth)
{
	ps_report_json_write(b, tree, pretty, depth);
	cJSON_Delete(tree);
}

static int json_begin(ps_report *r)
{
	fputs("{\n  \"units\": [", r->fp);
	return PS_OK;
}

static int json_unit(ps_report *r, const ps_unit_result *u)
{
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, r->n_units ? ",\n    " : "\n    ");
	emit(&b, unit_json(u), true, 2);
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

static int json_end(ps_report *r, const ps_diags *warnings)
{
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, r->n_units ? "\n  ],\n  \"warnings\": " : "],\n  \"warnings\": ");
	emit(&b, warnings_json(warnings), true, 1);
	ps_buf_adds(&b, "\n}\n");
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

static int ndjson_begin(ps_report *r)
{
	return PS_OK;
}

static int ndjson_unit(ps_report *r, const ps_unit_result *u)
{
	ps_buf b = PS_BUF_INIT;
	emit(&b, unit_json(u), false, 0);
	ps_buf_addc(&b, '\n');
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

/* The last line is always {"warnings":[...]}: it has no unit_code, and its
 * presence tells a reader that the stream is complete. */
static int ndjson_end(ps_report *r, const ps_diags *warnings)
{
	ps_buf b = PS_BUF_INIT;
	cJSON *o = cJSON_CreateObject();
	put(o, "warnings", warnings_json(warnings));
	emit(&b, o, false, 0);
	ps_buf_addc(&b, '\n');
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

const report_ops report_json_ops = {json_begin, json_unit, json_end};
const report_ops report_ndjson_ops = {ndjson_begin, ndjson_unit, ndjson_end};

/* ---- shared with the summary and audit documents ------------------------- */

void report_json_dec(cJSON *o, const char *key, ps_dec v, int max_dec)
{
	add_dec(o, key, v, max_dec);
}

void report_json_str(cJSON *o, const char *key, const char *s)
{
	add_str(o, key, s);
}

void report_json_pos(cJSON *o, const char *key, ps_pos pos)
{
	add_pos(o, key, pos);
}

cJSON *report_json_warnings(const ps_diags *d)
{
	return warnings_json(d);
}

void report_json_emit(ps_buf *b, cJSON *tree, bool pretty, int depth)
{
	emit(b, tree, pretty, depth);
}
