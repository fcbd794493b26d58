/* test_report_json.c: the streaming JSON/NDJSON unit writer: string escaping
 * (checked against literal bytes and against cJSON's own printer), and the
 * whole unit, every optional member and null, byte for byte against the
 * cJSON tree the report used to build and print. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include "perfscore/perfscore.h"
#include "report_int.h"

/* Render units and the warnings d (may be NULL) with the given format into
 * a malloc'd string. */
static char *render_d(ps_format fmt, const ps_unit_result *u, size_t n_units, const ps_diags *d)
{
	/* the buffer pointer lives on the heap: GCC's -O3 dangling-pointer
	 * analysis cannot see open_memstream writing a local through its address */
	char **outp = calloc(1, sizeof *outp);
	size_t len = 0;
	assert_non_null(outp);
	FILE *fp = open_memstream(outp, &len);
	assert_non_null(fp);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = fmt;
	ps_report *r = NULL;
	assert_int_equal(ps_report_begin(&r, fp, &o), PS_OK);
	for (size_t i = 0; i < n_units; i++)
		assert_int_equal(ps_report_unit(r, &u[i]), PS_OK);
	assert_int_equal(ps_report_end(r, d), PS_OK);
	fclose(fp);
	char *out = *outp;
	free(outp);
	return out;
}

static char *render(ps_format fmt, const ps_unit_result *u, size_t n_units)
{
	return render_d(fmt, u, n_units, NULL);
}

/* A unit of one indicator whose name is `name`, everything else plain. */
typedef struct {
	ps_indicator ind;
	ps_ind_result res;
	ps_unit unit;
	ps_unit_result u;
} one;

static void one_init(one *f, const char *name)
{
	memset(f, 0, sizeof *f);
	ps_indicator *ind = &f->ind;
	ind->id = ind->level1 = ind->level2 = ind->target_text = ind->unit = "";
	ind->rule_text = ind->rule_dsl = ind->reason = "";
	ind->name = (char *)name;
	ind->pos = (ps_pos){"t.csv", 2, 0, -1};
	f->res.ind = ind;
	f->res.canonical = f->res.explanation = "";
	f->unit.code = "1";
	f->unit.name = "u";
	f->u.unit = &f->unit;
	f->u.v = &f->res;
	f->u.n = 1;
	f->u.grade = "差";
}

/* The `"name":...` member of the one indicator of the ndjson line for a
 * unit whose indicator is called `name`. Returns a malloc'd string. */
static char *name_member(const char *name)
{
	one f;
	one_init(&f, name);
	char *s = render(PS_FMT_NDJSON, &f.u, 1);
	char *from = strstr(s, ",\"name\":");
	char *to = strstr(s, ",\"type\":");
	assert_non_null(from);
	assert_non_null(to);
	char *m = ps_xstrndup(from + 1, (size_t)(to - from - 1));
	free(s);
	return m;
}

/* What cJSON itself prints for the string s. */
static char *cjson_string(const char *s)
{
	cJSON *j = cJSON_CreateString(s);
	char *p = cJSON_PrintUnformatted(j);
	cJSON_Delete(j);
	return p;
}

#define NAME_IS(in, want)                                                                          \
	do {                                                                                       \
		char *got_ = name_member(in);                                                      \
		assert_string_equal(got_, "\"name\":" want);                                       \
		char *ref_ = cjson_string(in);                                                     \
		assert_string_equal(got_ + 7, ref_);                                               \
		free(ref_);                                                                        \
		free(got_);                                                                        \
	} while (0)

static void t_escaping(void **state)
{
	NAME_IS("", "\"\"");
	NAME_IS("plain", "\"plain\"");
	NAME_IS("say \"hi\"", "\"say \\\"hi\\\"\"");
	NAME_IS("a\\b", "\"a\\\\b\"");
	NAME_IS("\\", "\"\\\\\"");
	NAME_IS("\"", "\"\\\"\"");
	NAME_IS("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	NAME_IS("\x01\x1f", "\"\\u0001\\u001f\"");
	NAME_IS("a\x0b" "b\x1b", "\"a\\u000bb\\u001b\"");
	NAME_IS("del\x7f", "\"del\x7f\""); /* DEL is not a control character to cJSON */
	NAME_IS("整改完成率（%）≥95", "\"整改完成率（%）≥95\"");
	NAME_IS("“引号”\n第二行", "\"“引号”\\n第二行\"");
	NAME_IS("𠮷野家 é", "\"𠮷野家 é\"");
	/* invalid UTF-8 passes through byte for byte, as cJSON passes it */
	NAME_IS("\xff\xfe", "\"\xff\xfe\"");
}

/* A long string, every byte escaped: the writer reserves room for the
 * worst case (6 bytes a byte) and must not overrun it. */
static void t_escaping_long(void **state)
{
	char in[3001];
	for (size_t i = 0; i < 3000; i++)
		in[i] = (char)(1 + i % 31);
	in[3000] = '\0';
	char *got = name_member(in);
	char *ref = cjson_string(in);
	assert_string_equal(got + 7, ref);
	free(ref);
	free(got);
}

/* The escaper tests 16 bytes at a time, the last block overlapping: a
 * byte to escape at every position of strings of every length up to 40,
 * among ASCII or UTF-8, must come out as cJSON writes it. */
static void t_escaping_every_position(void **state)
{
	static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\t'};
	/* bytes next to the special ones that must pass through */
	static const char fillers[] = {'a', ' ', '\x7f', '\xe4', '!', '#', '[', ']'};
	char in[41];
	for (size_t len = 1; len <= 40; len++) {
		for (size_t at = 0; at < len; at++) {
			for (size_t k = 0; k < sizeof specials; k++) {
				for (size_t i = 0; i < len; i++)
					in[i] = fillers[(i + k) % sizeof fillers];
				in[at] = specials[k];
				if (k % 2 && at + 1 < len) /* a second one: the scan resumes after an escape */
					in[len - 1] = specials[(k + 1) % sizeof specials];
				in[len] = '\0';
				char *got = name_member(in);
				char *ref = cjson_string(in);
				assert_string_equal(got + 7, ref);
				free(ref);
				free(got);
			}
		}
		/* and none at all */
		for (size_t i = 0; i < len; i++)
			in[i] = fillers[i % sizeof fillers];
		in[len] = '\0';
		char *got = name_member(in);
		char *ref = cjson_string(in);
		assert_string_equal(got + 7, ref);
		free(ref);
		free(got);
	}
}

/* NULL strings in results are written as "" */
static void t_null_strings(void **state)
{
	one f;
	one_init(&f, "n");
	f.ind.reason = NULL;
	f.res.explanation = NULL;
	f.unit.name = NULL;
	char *s = render(PS_FMT_NDJSON, &f.u, 1);
	assert_non_null(strstr(s, "\"unit_name\":\"\","));
	assert_non_null(strstr(s, "\"explanation\":\"\",\"reason\":\"\","));
	free(s);
}

/* ---- the unit as the report built it before it was streamed --------------- */

static void ref_dec(cJSON *o, const char *key, ps_dec v, int max_dec)
{
	char buf[40];
	ps_dec_format(buf, sizeof buf, v, 0, max_dec);
	cJSON_AddItemToObject(o, key, cJSON_CreateRaw(buf));
}

static void ref_str(cJSON *o, const char *key, const char *s)
{
	cJSON_AddStringToObject(o, key, s ? s : "");
}

static void ref_pos(cJSON *o, const char *key, ps_pos pos)
{
	if (!pos.file) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	cJSON *p = cJSON_AddObjectToObject(o, key);
	ref_str(p, "file", pos.file);
	cJSON_AddNumberToObject(p, "line", pos.line);
}

static cJSON *ref_indicator(const ps_ind_result *res)
{
	static const char *const sources[] = {"text", "dsl", "default"};
	const ps_indicator *ind = res->ind;
	cJSON *o = cJSON_CreateObject();
	ref_str(o, "id", ind->id);
	ref_str(o, "level1", ind->level1);
	ref_str(o, "level2", ind->level2);
	ref_str(o, "name", ind->name);
	ref_str(o, "type", ps_cmp_symbol(ind->cmp));
	if (ind->target.kind == PS_V_NUMBER)
		ref_dec(o, "target", ind->target.num, 6);
	else if (ind->target.kind == PS_V_EMPTY)
		cJSON_AddNullToObject(o, "target");
	else
		ref_str(o, "target", ind->target_text);
	ref_str(o, "target_text", ind->target_text);
	ref_str(o, "unit", ind->unit);
	if (ind->has_actual)
		ref_str(o, "actual", ind->actual_text);
	else
		cJSON_AddNullToObject(o, "actual");
	if (ind->has_points)
		ref_dec(o, "points", ind->points, 6);
	else
		cJSON_AddNullToObject(o, "points");
	if (res->has_score)
		ref_dec(o, "score", res->score, 6);
	else
		cJSON_AddNullToObject(o, "score");
	ref_str(o, "status", ps_status_name(res->status));
	cJSON *rule = cJSON_AddObjectToObject(o, "rule");
	ref_str(rule, "text", ind->rule_text);
	if (ind->rule_dsl && ind->rule_dsl[0])
		ref_str(rule, "dsl", ind->rule_dsl);
	ref_str(rule, "canonical", res->canonical);
	ref_str(rule, "source", (unsigned)res->rule_source < 3 ? sources[res->rule_source] : "text");
	ref_str(o, "explanation", res->explanation);
	ref_str(o, "reason", ind->reason);
	if (res->bonus != 0)
		ref_dec(o, "bonus", res->bonus, 6);
	if (ind->has_given_score)
		ref_dec(o, "given_score", ind->given_score, 6);
	ref_pos(o, "source", ind->pos);
	if (ind->has_actual)
		ref_pos(o, "actual_source", ind->actual_pos);
	else
		cJSON_AddNullToObject(o, "actual_source");
	return o;
}

static cJSON *ref_unit(const ps_unit_result *u)
{
	cJSON *o = cJSON_CreateObject();
	ref_str(o, "unit_code", u->unit ? u->unit->code : "");
	ref_str(o, "unit_name", u->unit ? u->unit->name : "");
	ref_dec(o, "points_total", u->points_total, 6);
	ref_dec(o, "points_applicable", u->points_applicable, 6);
	ref_dec(o, "total", u->total, 6);
	ref_dec(o, "total_100", u->total_100, 2);
	ref_str(o, "grade", u->grade);
	cJSON_AddBoolToObject(o, "final", u->final);
	cJSON_AddNumberToObject(o, "review_count", (double)u->n_review);
	cJSON_AddNumberToObject(o, "missing_count", (double)u->n_missing);
	cJSON_AddNumberToObject(o, "manual_count", (double)u->n_manual);
	const ps_budget_result *b = &u->budget;
	if (b->block) {
		const ps_budget *k = b->block;
		cJSON *j = cJSON_AddObjectToObject(o, "budget");
		if (k->has_initial)
			ref_dec(j, "initial", k->initial, 6);
		else
			cJSON_AddNullToObject(j, "initial");
		ref_dec(j, "full", k->full, 6);
		ref_dec(j, "spent", k->spent, 6);
		if (b->has_rate)
			ref_dec(j, "rate", b->rate, 2);
		else
			cJSON_AddNullToObject(j, "rate");
		ref_dec(j, "points", b->points, 6);
		if (b->has_score)
			ref_dec(j, "score", b->score, 6);
		else
			cJSON_AddNullToObject(j, "score");
		if (k->has_score)
			ref_dec(j, "given_score", k->score, 6);
		else
			cJSON_AddNullToObject(j, "given_score");
		cJSON_AddBoolToObject(j, "scored", b->scored);
		ref_str(j, "explanation", b->explanation);
		ref_pos(j, "source", k->pos);
	} else {
		cJSON_AddNullToObject(o, "budget");
	}
	if (u->capped) {
		cJSON *c = cJSON_AddObjectToObject(o, "cap");
		ref_dec(c, "rate", u->budget.rate, 2);
		ref_dec(c, "limit", u->cap, 6);
		ref_dec(c, "total_100_uncapped", u->total_100_uncapped, 2);
	} else {
		cJSON_AddNullToObject(o, "cap");
	}
	cJSON *subs = cJSON_AddArrayToObject(o, "subtotals");
	for (size_t i = 0; i < u->n_sub; i++) {
		cJSON *s = cJSON_CreateObject();
		ref_str(s, "level1", u->sub[i].level1);
		ref_dec(s, "points", u->sub[i].points, 6);
		ref_dec(s, "score", u->sub[i].score, 6);
		cJSON_AddItemToArray(subs, s);
	}
	cJSON *inds = cJSON_AddArrayToObject(o, "indicators");
	for (size_t i = 0; i < u->n; i++)
		cJSON_AddItemToArray(inds, ref_indicator(&u->v[i]));
	return o;
}

/* The units as ndjson and json, compared with the reference trees: printed
 * on one line by cJSON itself, and pretty by ps_report_json_write. */
static void check_against_tree(const ps_unit_result *us, size_t n)
{
	ps_buf want = PS_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		cJSON *t = ref_unit(&us[i]);
		char *line = cJSON_PrintUnformatted(t);
		ps_buf_adds(&want, line);
		ps_buf_addc(&want, '\n');
		free(line);
		cJSON_Delete(t);
	}
	ps_buf_adds(&want, "{\"warnings\":[]}\n");
	char *got = render(PS_FMT_NDJSON, us, n);
	assert_string_equal(got, want.s);
	free(got);

	ps_buf_clear(&want);
	ps_buf_adds(&want, "{\n  \"units\": [");
	for (size_t i = 0; i < n; i++) {
		ps_buf_adds(&want, i ? ",\n    " : "\n    ");
		cJSON *t = ref_unit(&us[i]);
		ps_report_json_write(&want, t, true, 2);
		cJSON_Delete(t);
	}
	ps_buf_adds(&want, n ? "\n  ],\n  \"warnings\": []\n}\n" : "],\n  \"warnings\": []\n}\n");
	got = render(PS_FMT_JSON, us, n);
	assert_string_equal(got, want.s);
	free(got);
	ps_buf_dispose(&want);
}

static void set_ind(ps_indicator *ind, const char *name, uint32_t line)
{
	memset(ind, 0, sizeof *ind);
	ind->id = ind->level1 = ind->level2 = ind->unit = ind->rule_text = ind->rule_dsl = ind->reason = "";
	ind->name = (char *)name;
	ind->level1 = "产出指标";
	ind->level2 = "数量指标";
	ind->pos = (ps_pos){"targets.csv", line, 3, -1};
}

/* Every optional member present once and absent once: budget with and
 * without its optional numbers, the cap, bonus, dsl, given score, each kind
 * of target, missing positions, each rule source, empty arrays, no unit. */
static void t_unit_matches_tree(void **state)
{
	ps_indicator ind[4];
	ps_ind_result res[4];
	memset(res, 0, sizeof res);
	set_ind(&ind[0], "整改完成率", 4);
	ind[0].id = "A-1";
	ind[0].cmp = PS_CMP_GE;
	ind[0].target.kind = PS_V_NUMBER;
	ind[0].target.num = PS_DEC(95);
	ind[0].target_text = "≥95%";
	ind[0].unit = "%";
	ind[0].has_points = true;
	ind[0].points = PS_DEC(20);
	ind[0].has_actual = true;
	ind[0].actual_text = "97.5%";
	ind[0].actual_pos = (ps_pos){"actuals.csv", 7, 0, -1};
	ind[0].rule_dsl = "x>=95 => full";
	ind[0].has_given_score = true;
	ind[0].given_score = INT64_C(19500000);
	ind[0].reason = "tab\there \"quoted\" back\\slash";
	res[0].has_score = true;
	res[0].score = INT64_C(19750000);
	res[0].bonus = INT64_C(-250000);
	res[0].rule_source = PS_RS_DSL;
	res[0].status = PS_ST_SCORED;
	res[0].canonical = "x>=95 => full";
	res[0].explanation = "实际97.5%，达到目标\n满分";

	set_ind(&ind[1], "群众满意度", 9);
	ind[1].target.kind = PS_V_TEXT;
	ind[1].target_text = "较上年提高";
	ind[1].has_actual = true;
	ind[1].actual_text = "";
	ind[1].actual_pos = (ps_pos){NULL, 0, 0, -1};
	res[1].rule_source = PS_RS_DEFAULT;
	res[1].status = PS_ST_NEEDS_REVIEW;
	res[1].canonical = "";
	res[1].explanation = "";

	set_ind(&ind[2], "", 0);
	ind[2].pos = (ps_pos){NULL, 0, 0, -1};
	ind[2].target.kind = PS_V_EMPTY;
	ind[2].target_text = "";
	res[2].rule_source = (ps_rule_source)7; /* out of range: written as "text" */
	res[2].status = PS_ST_MISSING;
	res[2].canonical = "";
	res[2].explanation = "缺实际值";

	set_ind(&ind[3], "数量", 12);
	ind[3].target.kind = PS_V_NUMBER;
	ind[3].target.num = INT64_C(-1234567); /* -1.234567 */
	ind[3].target_text = "-1.234567";
	ind[3].has_points = true;
	ind[3].points = INT64_C(2500000);
	res[3].has_score = true;
	res[3].score = 0;
	res[3].status = PS_ST_DEFAULT_RULE;
	res[3].canonical = "";
	res[3].explanation = "\x01";

	for (int i = 0; i < 4; i++)
		res[i].ind = &ind[i];
	ps_subtotal sub[2] = {{"产出指标", PS_DEC(22) + PS_DEC(1) / 2, INT64_C(19750000)},
	                      {"效益指标", 0, 0}};
	ps_budget blk = {true, true, true, true, true, true, PS_DEC(120), PS_DEC(100), INT64_C(102590000),
	                 PS_DEC(10), PS_DEC(9), {"targets.csv", 3, 0, -1}};
	ps_unit unit = {0};
	unit.code = "089012";
	unit.name = "衡阳市\"生态\"环境局";

	ps_unit_result u[4];
	memset(u, 0, sizeof u);
	/* 0: budget (all numbers), capped, subtotals, four indicators */
	u[0].unit = &unit;
	u[0].v = res;
	u[0].n = 4;
	u[0].sub = sub;
	u[0].n_sub = 2;
	u[0].points_total = PS_DEC(110);
	u[0].points_applicable = PS_DEC(105);
	u[0].total = INT64_C(87654321);
	u[0].total_100 = INT64_C(83480000);
	u[0].grade = "良";
	u[0].final = false;
	u[0].n_review = 1;
	u[0].n_missing = 12345;
	u[0].n_manual = 0;
	u[0].budget = (ps_budget_result){&blk, true, true, INT64_C(102590000), PS_DEC(10), true, PS_DEC(10),
	                                 "执行率102.59%，按100%计"};
	u[0].capped = true;
	u[0].cap = PS_DEC(89);
	u[0].total_100_uncapped = INT64_C(92600000);
	/* 1: budget without the optional numbers, not scored; no unit; no
	 * subtotals, no indicators */
	ps_budget blk2 = blk;
	blk2.has_initial = blk2.has_score = false;
	blk2.pos = (ps_pos){NULL, 0, 0, -1};
	u[1].budget = (ps_budget_result){&blk2, false, false, 0, PS_DEC(10), false, 0, ""};
	u[1].grade = "差";
	u[1].final = true;
	/* 2: one indicator, no budget, not capped */
	u[2].unit = &unit;
	u[2].v = &res[1];
	u[2].n = 1;
	u[2].grade = "中";
	/* 3: the same as 0 again: the writer's buffer is reused between units */
	u[3] = u[0];

	check_against_tree(u, 4);
	check_against_tree(u + 1, 1);
	check_against_tree(u, 0);
}

/* The writer keeps the last two files it escaped, by pointer: positions in
 * three files in turn, a name that needs escaping, one too long to keep,
 * and the same text at another address, all as the tree prints them. */
static void t_positions_files(void **state)
{
	char same_a[] = "t.csv", same_b[] = "t.csv";
	char esc[] = "d\\\"q\".csv";
	char longname[400];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	const char *files[] = {same_a, "a.csv", esc, same_b, longname, same_a, esc, longname, "a.csv"};
	enum { N = sizeof files / sizeof *files };
	ps_indicator ind[N];
	ps_ind_result res[N];
	memset(res, 0, sizeof res);
	for (size_t i = 0; i < N; i++) {
		set_ind(&ind[i], "n", (uint32_t)i + 2);
		ind[i].pos.file = files[i];
		ind[i].has_actual = true;
		ind[i].actual_text = "1";
		ind[i].actual_pos = (ps_pos){files[(i + 2) % N], (uint32_t)(100 + i), 0, -1};
		res[i].ind = &ind[i];
		res[i].canonical = res[i].explanation = "";
	}
	ps_unit unit = {0};
	unit.code = "1";
	unit.name = "u";
	ps_unit_result u[2];
	memset(u, 0, sizeof u);
	u[0].unit = &unit;
	u[0].v = res;
	u[0].n = N;
	u[0].grade = "优";
	u[1] = u[0];
	check_against_tree(u, 2);
}

/* Every byte value at every position of short strings (the word-at-a-time
 * test of 8 to 15 bytes, the overlapping copies), next to bytes that share
 * the low bits of '"' and '\\' (0xA2, 0xDC) or sit at the class edges. */
static void t_escaping_every_byte(void **state)
{
	static const unsigned char fillers[] = {0xA2, 0xDC, 0x20, 0x9F, 'a', 0x21, 0x5B, 0xFF};
	char in[20];
	for (size_t len = 1; len <= 17; len++) {
		for (size_t at = 0; at < len; at++) {
			for (unsigned c = 1; c < 256; c++) {
				for (size_t i = 0; i < len; i++)
					in[i] = (char)fillers[(i + c) % sizeof fillers];
				in[at] = (char)c;
				in[len] = '\0';
				char *got = name_member(in);
				char *ref = cjson_string(in);
				assert_string_equal(got + 7, ref);
				free(ref);
				free(got);
			}
		}
	}
}

/* The writer's own number formatting against ps_dec_format, for every
 * value in a range around zero, every multiple of 0.01 up to past its fast
 * path's limit (10,000), the edges and values spread over the whole range. */
static void check_dec(ps_dec v)
{
	static const int decs[][2] = {{0, 2}, {0, 6}, {2, 6}, {2, 2}, {1, 6}};
	for (size_t k = 0; k < sizeof decs / sizeof *decs; k++) {
		char ref[48], got[48];
		size_t n = ps_dec_format(ref, sizeof ref, v, decs[k][0], decs[k][1]);
		char *e = report_dec_put(got, v, decs[k][0], decs[k][1]);
		if ((size_t)(e - got) != n || memcmp(got, ref, n) != 0) {
			*e = '\0';
			fail_msg("%lld (%d, %d): \"%s\", ps_dec_format \"%s\"", (long long)v, decs[k][0], decs[k][1],
			         got, ref);
		}
	}
}

static void t_dec_fast_path(void **state)
{
	for (ps_dec v = -1100000; v <= 1100000; v++) /* every fraction, 0 and ±1 */
		check_dec(v);
	for (ps_dec v = -INT64_C(10001000000); v <= INT64_C(10001000000); v += 10000)
		check_dec(v);
	for (ps_dec v = INT64_C(9999990000); v <= INT64_C(10000010000); v++) {
		check_dec(v);
		check_dec(-v);
	}
	const ps_dec edges[] = {INT64_MIN, INT64_MIN + 1, INT64_MAX, PS_DEC_MAX, -PS_DEC_MAX, PS_DEC_MAX + 1,
	                        INT64_C(9999999999), INT64_C(10000000000), INT64_C(999999999),
	                        INT64_C(1000000000), INT64_C(99999999), INT64_C(100000000), 5000, -5000, 4999, 5001};
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
		check_dec(edges[i]);
		check_dec(edges[i] == INT64_MIN ? 0 : -edges[i]);
	}
	uint64_t x = 88172645463325252u; /* xorshift */
	for (int i = 0; i < 300000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int bits = (int)(x % 64);
		check_dec((ps_dec)(x >> 1) >> (63 - bits) * (bits < 63));
		check_dec(-((ps_dec)(x % INT64_C(20000000000))));
		check_dec((ps_dec)(x % INT64_C(2000000)) * 10000);
	}
}

/* The warnings array, streamed, against the tree of ps_report_diag_json
 * objects the report used to print: positions with and without a file,
 * line or column, text that needs escaping, notes left out, none at all. */
static void check_warnings(const ps_diags *d)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].level >= PS_WARNING)
			cJSON_AddItemToArray(arr, ps_report_diag_json(&d->v[i]));
	ps_buf want = PS_BUF_INIT;
	ps_buf_adds(&want, "{\n  \"units\": [],\n  \"warnings\": ");
	ps_report_json_write(&want, arr, true, 1);
	ps_buf_adds(&want, "\n}\n");
	char *got = render_d(PS_FMT_JSON, NULL, 0, d);
	assert_string_equal(got, want.s);
	free(got);
	cJSON *obj = cJSON_CreateObject();
	cJSON_AddItemToObject(obj, "warnings", arr);
	char *line = cJSON_PrintUnformatted(obj);
	ps_buf_clear(&want);
	ps_buf_adds(&want, line);
	ps_buf_addc(&want, '\n');
	got = render_d(PS_FMT_NDJSON, NULL, 0, d);
	assert_string_equal(got, want.s);
	free(got);
	free(line);
	cJSON_Delete(obj);
	ps_buf_dispose(&want);
}

static void t_warnings_stream(void **state)
{
	ps_diags d = PS_DIAGS_INIT;
	check_warnings(&d);
	ps_diags_add(&d, PS_D_RULE_TYPO, ((ps_pos){"t.csv", 3, 4, -1}), "a note, not listed");
	check_warnings(&d);
	ps_diags_add(&d, PS_D_RULE_MANUAL, ((ps_pos){"t.csv", 25, 0, -1}), "%s", "“名称”：需人工评分");
	ps_diags_add(&d, PS_D_IO, ((ps_pos){NULL, 0, 0, -1}), "cannot write \"x\\y\"");
	ps_diags_add(&d, PS_D_CSV, ((ps_pos){"d\\\"q\".csv", 4000000000u, 4000000000u, -1}), "tab\there");
	ps_diags_add(&d, PS_D_ENCODING, ((ps_pos){"a.csv", 0, 0, 17}), "bad byte");
	ps_diags_add(&d, PS_D_RULE_BONUS, ((ps_pos){"t.csv", 9, 1, -1}), "another note");
	ps_diags_add(&d, PS_D_RULE_DEFAULT, ((ps_pos){"t.csv", 1, 1, -1}), "%s", "");
	check_warnings(&d);
	ps_diags_dispose(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_escaping),
		cmocka_unit_test(t_escaping_long),
		cmocka_unit_test(t_escaping_every_position),
		cmocka_unit_test(t_null_strings),
		cmocka_unit_test(t_unit_matches_tree),
		cmocka_unit_test(t_positions_files),
		cmocka_unit_test(t_escaping_every_byte),
		cmocka_unit_test(t_dec_fast_path),
		cmocka_unit_test(t_warnings_stream),
	};
	return cmocka_run_group_tests_name("report_json", tests, NULL, NULL);
}
