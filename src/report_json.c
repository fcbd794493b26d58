/* report_json.c: the JSON report (SPEC §6.6, docs/json-schema.json) and its
 * one-line-per-unit variant ndjson. Each unit is streamed straight into a
 * buffer by a small writer that prints what ps_report_json_write would for
 * the same tree, so memory does not grow with the number of units. The
 * warnings, the diagnostics of `check` and the summary and audit documents
 * are still cJSON trees. Numbers are written from ps_dec text, never
 * through a double. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "report_int.h"
#include "util/scan16.h"

/* The writers below are small and called with literal keys: inlined, the
 * key's length is known when compiling and its copy is a few moves. */
#if defined(__GNUC__)
#define INLINE __attribute__((always_inline)) inline
#else
#define INLINE inline
#endif

/* ---- bytes straight into a ps_buf --------------------------------------- */

/* Room for `extra` more bytes and the NUL at b->s + b->n. The writers below
 * fill it directly: going through ps_buf_add for every key, quote and digit
 * was most of the report's cost. */
static INLINE char *room(ps_buf *b, size_t extra)
{
	size_t need = b->n + extra + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < need)
			cap *= 2;
		b->s = ps_xrealloc(b->s, cap);
		b->cap = cap;
	}
	return b->s + b->n;
}

/* Close a write that ended at o (inside the room reserved). */
static INLINE void done(ps_buf *b, char *o)
{
	b->n = (size_t)(o - b->s);
	*o = '\0';
}

static INLINE void put_bytes(ps_buf *b, const char *s, size_t n)
{
	char *o = room(b, n);
	memcpy(o, s, n);
	done(b, o + n);
}

/* A line break and the indent of `depth`, at most 32 levels deep. */
static const char spaces[] = "\n                                                                ";
#define MAX_INDENT (sizeof spaces - 1)

static INLINE size_t indent_len(int depth)
{
	size_t n = 1 + 2 * (size_t)(depth < 0 ? 0 : depth);
	return n < MAX_INDENT ? n : MAX_INDENT;
}

static void newline(ps_buf *b, int depth)
{
	put_bytes(b, spaces, indent_len(depth));
}

/* Bytes that need escaping in a JSON string: control characters, '"' and
 * '\\'. */
static const unsigned char json_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

#if defined(__SSE2__)
/* A bit per byte of s[0..16) that needs escaping: below 0x20 (unsigned:
 * UTF-8 bytes never count), '"' or '\\'. */
static INLINE unsigned special16(const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
	__m128i q = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i bs = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, bs)));
}
#endif

/* The length of the run of s[0..n) that needs no escaping. Strings of 16
 * bytes or more are tested 16 bytes at a time (the last block overlapping
 * the one before, never reading past the end): most are CJK text with
 * nothing to escape, and a byte at a time was half of writing a report. */
static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (n >= 16)
		return ps_scan16(s, n, special16);
#endif
	while (i < n && !json_special[s[i]])
		i++;
	return i;
}

/* A JSON string the way cJSON escapes it: quote, backslash, \b \f \n \r \t,
 * other control characters as \u00xx (lower-case hex); everything else,
 * DEL and UTF-8 included, passes through. Runs of plain bytes are copied
 * at once. */
static void put_string_n(ps_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	size_t run = plain_run(p, len);
	if (run == len) { /* the common case: nothing to escape */
		char *o = room(b, len + 2);
		*o++ = '"';
		memcpy(o, s, len);
		o += len;
		*o++ = '"';
		done(b, o);
		return;
	}
	char *o = room(b, 6 * len + 2); /* every byte escaped as \u00xx at worst */
	*o++ = '"';
	for (;;) {
		memcpy(o, p, run);
		o += run;
		p += run;
		if (p == end)
			break;
		*o++ = '\\';
		switch (*p) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
			break;
		}
		p++;
		run = plain_run(p, (size_t)(end - p));
	}
	*o++ = '"';
	done(b, o);
}

static void put_string(ps_buf *b, const char *s)
{
	put_string_n(b, s, strlen(s));
}

/* A number as cJSON prints a double: integers within ±1e15 exactly, other
 * values with 17 significant digits, NaN and infinities as null. */
static void put_number(ps_buf *b, double d)
{
	if (d != d || d - d != 0) {
		put_bytes(b, "null", 4);
	} else if (d >= -1e15 && d <= 1e15 && d == (double)(long long)d) {
		ps_buf_printf(b, "%lld", (long long)d);
	} else {
		ps_buf_printf(b, "%1.17g", d);
	}
}

/* The digits of v (at most 16: v <= 1e15) at o; returns their end. */
static char *count_digits(char *o, uint64_t v)
{
	char rev[20];
	size_t r = 0;
	do {
		rev[r++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (r)
		*o++ = rev[--r];
	return o;
}

/* ---- the streaming writer ------------------------------------------------- */

/* Writes the bytes that ps_report_json_write prints for the same tree,
 * without building one: a unit of the score report is thousands of nodes,
 * and allocating, printing and freeing them was a fifth of a run. */
typedef struct {
	ps_buf *b;
	bool pretty;
	int depth;   /* of the innermost open container */
	int open;    /* containers open */
	bool empty;  /* the innermost container has no member yet */
	/* The files of the last positions as written (quoted, escaped): the
	 * rows of a unit name the targets file and the actuals file, in turn. */
	struct {
		const char *file;
		char json[240];
		size_t n;
	} files[2];
	int next_file;  /* the slot to fill next */
} jw;

static void jw_init(jw *w, ps_buf *b, bool pretty, int depth)
{
	w->b = b;
	w->pretty = pretty;
	w->depth = depth - 1;
	w->open = 0;
	w->empty = true;
	memset(w->files, 0, sizeof w->files);
	w->next_file = 0;
}

/* The start of a member, written into room reserved for it and `extra`
 * more bytes: the comma after the previous one, the line break and indent,
 * and `"key": ` in objects (key NULL in arrays). Returns where the value
 * goes; the caller ends with done(). One reservation for a member and its
 * value: one per piece (comma, key, value) was a good part of the cost. */
static INLINE char *jw_begin(jw *w, const char *key, size_t extra)
{
	/* keys are literals that need no escaping */
	size_t kn = key ? strlen(key) : 0;
	char *o = room(w->b, 1 + MAX_INDENT + kn + 4 + extra);
	if (w->open) {
		if (!w->empty)
			*o++ = ',';
		w->empty = false;
		if (w->pretty) {
			size_t n = indent_len(w->depth + 1);
			memcpy(o, spaces, n);
			o += n;
		}
	}
	if (key) {
		*o++ = '"';
		memcpy(o, key, kn);
		o += kn;
		*o++ = '"';
		*o++ = ':';
		if (w->pretty)
			*o++ = ' ';
	}
	return o;
}

static INLINE void jw_member(jw *w, const char *key)
{
	done(w->b, jw_begin(w, key, 0));
}

static INLINE void jw_open(jw *w, const char *key, char bracket)
{
	char *o = jw_begin(w, key, 1);
	*o++ = bracket;
	done(w->b, o);
	w->open++;
	w->depth++;
	w->empty = true;
}

static INLINE void jw_close(jw *w, char bracket)
{
	char *o = room(w->b, MAX_INDENT + 1);
	if (!w->empty && w->pretty) {
		size_t n = indent_len(w->depth);
		memcpy(o, spaces, n);
		o += n;
	}
	*o++ = bracket;
	done(w->b, o);
	w->open--;
	w->depth--;
	w->empty = false; /* the parent holds at least the one just closed */
}

/* A string of known length len. */
static INLINE void jw_str_n(jw *w, const char *key, const char *s, size_t len)
{
	if (plain_run((const unsigned char *)s, len) < len) {
		jw_member(w, key);
		put_string_n(w->b, s, len);
		return;
	}
	char *o = jw_begin(w, key, len + 2);
	*o++ = '"';
	memcpy(o, s, len);
	o += len;
	*o++ = '"';
	done(w->b, o);
}

static INLINE void jw_str(jw *w, const char *key, const char *s)
{
	if (!s)
		s = "";
	jw_str_n(w, key, s, strlen(s));
}

/* A string whose length its setter kept (0: not kept, count it): a
 * result's, or an indicator's. */
static INLINE void jw_str_len(jw *w, const char *key, const char *s, size_t len)
{
	if (!s)
		jw_str_n(w, key, "", 0);
	else
		jw_str_n(w, key, s, len || !s[0] ? len : strlen(s));
}

static INLINE void jw_lit(jw *w, const char *key, const char *literal)
{
	size_t n = strlen(literal);
	char *o = jw_begin(w, key, n);
	memcpy(o, literal, n);
	done(w->b, o + n);
}

static INLINE void jw_null(jw *w, const char *key)
{
	jw_lit(w, key, "null");
}

static INLINE void jw_bool(jw *w, const char *key, bool v)
{
	jw_lit(w, key, v ? "true" : "false");
}

/* A count the way put_number((double)v) prints it, without printf. */
static INLINE void jw_count(jw *w, const char *key, uint64_t v)
{
	if (v > 1000000000000000u) { /* 1e15: put_number's switch to %g */
		jw_member(w, key);
		put_number(w->b, (double)v);
		return;
	}
	done(w->b, count_digits(jw_begin(w, key, 20), v));
}

/* An exact decimal (at most max_dec places, trailing zeros trimmed), raw. */
static INLINE void jw_dec(jw *w, const char *key, ps_dec v, int max_dec)
{
	char *o = jw_begin(w, key, 48);
	done(w->b, o + ps_dec_format(o, 48, v, 0, max_dec));
}

/* A file name as a JSON string, escaped once per unit and file. */
static void put_file(jw *w, const char *file)
{
	for (int i = 0; i < 2; i++) {
		if (w->files[i].file == file) {
			put_bytes(w->b, w->files[i].json, w->files[i].n);
			return;
		}
	}
	size_t at = w->b->n;
	put_string(w->b, file);
	size_t n = w->b->n - at;
	if (n <= sizeof w->files[0].json) {
		int i = w->next_file;
		memcpy(w->files[i].json, w->b->s + at, n);
		w->files[i].n = n;
		w->files[i].file = file;
		w->next_file = 1 - i;
	}
}

/* {"file": ..., "line": ...}; null when the position names no file. */
static INLINE void jw_pos(jw *w, const char *key, ps_pos pos)
{
	if (!pos.file) {
		jw_null(w, key);
		return;
	}
	jw_open(w, key, '{');
	jw_member(w, "file");
	put_file(w, pos.file);
	jw_count(w, "line", pos.line);
	jw_close(w, '}');
}

static const char *const rule_sources[] = {
	[PS_RS_TEXT] = "text", [PS_RS_DSL] = "dsl", [PS_RS_DEFAULT] = "default",
};

/* The members below are docs/json-schema.json's unit, in its order. */
static void indicator_write(jw *w, const ps_ind_result *res)
{
	const ps_indicator *ind = res->ind;
	jw_open(w, NULL, '{');
	jw_str_len(w, "id", ind->id, ind->id_len);
	jw_str_len(w, "level1", ind->level1, ind->level1_len);
	jw_str_len(w, "level2", ind->level2, ind->level2_len);
	jw_str_len(w, "name", ind->name, ind->name_len);
	jw_str(w, "type", ps_cmp_symbol(ind->cmp));
	/* target: a number when the cell is one ("≥95%" → 95), else its text. */
	if (ind->target.kind == PS_V_NUMBER)
		jw_dec(w, "target", ind->target.num, 6);
	else if (ind->target.kind == PS_V_EMPTY)
		jw_null(w, "target");
	else
		jw_str_len(w, "target", ind->target_text, ind->target_len);
	jw_str_len(w, "target_text", ind->target_text, ind->target_len);
	jw_str_len(w, "unit", ind->unit, ind->unit_len);
	if (ind->has_actual)
		jw_str_len(w, "actual", ind->actual_text, ind->actual_len);
	else
		jw_null(w, "actual");
	if (ind->has_points)
		jw_dec(w, "points", ind->points, 6);
	else
		jw_null(w, "points");
	if (res->has_score)
		jw_dec(w, "score", res->score, 6);
	else
		jw_null(w, "score");
	jw_str(w, "status", ps_status_name(res->status));
	jw_open(w, "rule", '{');
	jw_str_len(w, "text", ind->rule_text, ind->rule_len);
	if (ind->rule_dsl && ind->rule_dsl[0])
		jw_str_len(w, "dsl", ind->rule_dsl, ind->dsl_len);
	jw_str_len(w, "canonical", res->canonical, res->canonical_len);
	jw_str(w, "source", (unsigned)res->rule_source < 3 ? rule_sources[res->rule_source] : "text");
	jw_close(w, '}');
	jw_str_len(w, "explanation", res->explanation, res->explanation_len);
	jw_str_len(w, "reason", ind->reason, ind->reason_len);
	if (res->bonus != 0)
		jw_dec(w, "bonus", res->bonus, 6);
	if (ind->has_given_score)
		jw_dec(w, "given_score", ind->given_score, 6);
	jw_pos(w, "source", ind->pos);
	if (ind->has_actual)
		jw_pos(w, "actual_source", ind->actual_pos);
	else
		jw_null(w, "actual_source");
	jw_close(w, '}');
}

/* The 项目资金 block and its 预算执行率 row; null when the unit has none. */
static void budget_write(jw *w, const ps_budget_result *b)
{
	if (!b->block) {
		jw_null(w, "budget");
		return;
	}
	const ps_budget *k = b->block;
	jw_open(w, "budget", '{');
	if (k->has_initial)
		jw_dec(w, "initial", k->initial, 6);
	else
		jw_null(w, "initial");
	jw_dec(w, "full", k->full, 6);
	jw_dec(w, "spent", k->spent, 6);
	if (b->has_rate)
		jw_dec(w, "rate", b->rate, 2);
	else
		jw_null(w, "rate");
	jw_dec(w, "points", b->points, 6);
	if (b->has_score)
		jw_dec(w, "score", b->score, 6);
	else
		jw_null(w, "score");
	if (k->has_score)
		jw_dec(w, "given_score", k->score, 6);
	else
		jw_null(w, "given_score");
	jw_bool(w, "scored", b->scored);
	jw_str(w, "explanation", b->explanation);
	jw_pos(w, "source", k->pos);
	jw_close(w, '}');
}

/* One unit into b: pretty at `depth`, or on one line. */
static void unit_write(ps_buf *b, const ps_unit_result *u, bool pretty, int depth)
{
	jw w;
	jw_init(&w, b, pretty, depth);
	jw_open(&w, NULL, '{');
	jw_str(&w, "unit_code", u->unit ? u->unit->code : "");
	jw_str(&w, "unit_name", u->unit ? u->unit->name : "");
	jw_dec(&w, "points_total", u->points_total, 6);
	jw_dec(&w, "points_applicable", u->points_applicable, 6);
	jw_dec(&w, "total", u->total, 6);
	/* 百分制 is a conversion for people: two decimals, like the scores. */
	jw_dec(&w, "total_100", u->total_100, 2);
	jw_str(&w, "grade", u->grade);
	jw_bool(&w, "final", u->final);
	jw_count(&w, "review_count", u->n_review);
	jw_count(&w, "missing_count", u->n_missing);
	jw_count(&w, "manual_count", u->n_manual);
	budget_write(&w, &u->budget);
	if (u->capped) {
		jw_open(&w, "cap", '{');
		jw_dec(&w, "rate", u->budget.rate, 2);
		jw_dec(&w, "limit", u->cap, 6);
		jw_dec(&w, "total_100_uncapped", u->total_100_uncapped, 2);
		jw_close(&w, '}');
	} else {
		jw_null(&w, "cap");
	}
	jw_open(&w, "subtotals", '[');
	for (size_t i = 0; i < u->n_sub; i++) {
		jw_open(&w, NULL, '{');
		jw_str(&w, "level1", u->sub[i].level1);
		jw_dec(&w, "points", u->sub[i].points, 6);
		jw_dec(&w, "score", u->sub[i].score, 6);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_open(&w, "indicators", '[');
	for (size_t i = 0; i < u->n; i++)
		indicator_write(&w, &u->v[i]);
	jw_close(&w, ']');
	jw_close(&w, '}');
}

/* ---- cJSON trees: diagnostics, and the summary and audit documents ------- */

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
	ps_buf *b = report_unit_buf(r);
	put_bytes(b, r->n_units ? ",\n    " : "\n    ", r->n_units ? 6 : 5);
	unit_write(b, u, true, 2);
	return report_put(r, b);
}

static int json_end(ps_report *r, const ps_diags *warnings)
{
	report_unit_buf_free(r);
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
	ps_buf *b = report_unit_buf(r);
	unit_write(b, u, false, 0);
	put_bytes(b, "\n", 1);
	return report_put(r, b);
}

/* The last line is always {"warnings":[...]}: it has no unit_code, and its
 * presence tells a reader that the stream is complete. */
static int ndjson_end(ps_report *r, const ps_diags *warnings)
{
	report_unit_buf_free(r);
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
