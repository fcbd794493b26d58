/* report_json.c: the JSON report (SPEC §6.6, docs/json-schema.json) and its
 * one-line-per-unit variant ndjson. Each unit is streamed straight into a
 * buffer by a small writer that prints what ps_report_json_write would for
 * the same tree, so memory does not grow with the number of units. The
 * warnings array is streamed the same way; the diagnostics of `check` and
 * the summary and audit documents are still cJSON trees. Numbers are written from ps_dec text, never
 * through a double. */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "report_int.h"
#include "util/digits.h"

/* ---- bytes straight into a ps_buf --------------------------------------- */

static INLINE void put_bytes(ps_buf *b, const char *s, size_t n)
{
	char *o = report_room(b, n);
	memcpy(o, s, n);
	report_done(b, o + n);
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
static INLINE unsigned special16x(__m128i x)
{
	__m128i ctl = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
	__m128i q = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i bs = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, bs)));
}

static INLINE unsigned special16(const unsigned char *s)
{
	return special16x(_mm_loadu_si128((const __m128i *)(const void *)s));
}
#endif

/* Whether any byte of the 8 in x needs escaping: below 0x20, '"' or '\\'
 * (bit tricks that say exactly whether such a byte exists, not where). */
static INLINE uint64_t special8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
	uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
	return ((x - ones * 0x20) & ~x & high) | ((q - ones) & ~q & high) | ((bs - ones) & ~bs & high);
}

/* The length of the run of s[0..n) that needs no escaping. Strings of 16
 * bytes or more are tested 16 bytes at a time (the last block overlapping
 * the one before, never reading past the end): most are CJK text with
 * nothing to escape, and a byte at a time was half of writing a report.
 * Shorter ones of 4 bytes or more (a name of 2 to 5 CJK characters) are
 * tested as two overlapping words. */
static INLINE size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
#if defined(__SSE2__)
	if (n >= 16)
		return ps_scan16(s, n, special16);
#endif
	if (n >= 8 && n < 16) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		if (!(special8(a) | special8(b)))
			return n;
	} else if (n >= 4 && n < 8) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		if (!special8((uint64_t)a << 32 | b))
			return n;
	}
	while (i < n && !json_special[s[i]])
		i++;
	return i;
}

/* The bytes of s[run..len) escaped the way cJSON escapes them (s[0..run)
 * needs none and is copied as is): quote, backslash, \b \f \n \r \t, other
 * control characters as \u00xx (lower-case hex); everything else, DEL and
 * UTF-8 included, passes through. Runs of plain bytes are copied at once.
 * Writes at o (room for 6 bytes per byte of s); returns the end. */
static char *escape_into(char *o, const char *s, size_t len, size_t run)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
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
	return o;
}

/* A JSON string the way cJSON escapes it (see escape_into). */
static void put_string_n(ps_buf *b, const char *s, size_t len)
{
	char *o = report_room(b, 6 * len + 2); /* every byte escaped as \u00xx at worst */
	*o++ = '"';
	o = escape_into(o, s, len, plain_run((const unsigned char *)s, len));
	*o++ = '"';
	report_done(b, o);
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

/* ---- the streaming writer ------------------------------------------------- */

/* A unit is written the way ps_report_json_write prints the same tree,
 * without building one (a unit is thousands of nodes, and allocating,
 * printing and freeing them was a fifth of a run), in one of two fixed
 * layouts: pretty at depth 2 (json) or compact (ndjson). With the layout
 * fixed, what goes before each value (the comma, the line break and
 * indent, the quoted key) is a constant string: one copy of known length
 * per member, into room reserved once per indicator. */

/* Room a number takes at most (ps_dec_format's longest, "-1000000000000.000000"). */
enum { DEC_ROOM = 32 };

/* What ps_dec_format(o, DEC_ROOM, v, min_dec, max_dec) writes, without its
 * NUL; returns the end. Values below 10,000 in magnitude that need no
 * rounding (all, with 6 decimals; multiples of 0.01 with 2) are written
 * here for min_dec 0 or 2: nearly every number of a report. */
static INLINE char *put_dec(char *o, ps_dec v, int min_dec, int max_dec)
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	if (a >= UINT64_C(10000000000) || (max_dec != 6 && (max_dec != 2 || a % 10000)) ||
	    (min_dec != 0 && min_dec != 2))
		return o + ps_dec_format(o, DEC_ROOM, v, min_dec, max_dec);
	uint32_t ip = (uint32_t)(a / 1000000), fp = (uint32_t)(a % 1000000);
	if (v < 0)
		*o++ = '-';
	if (ip < 10) {
		*o++ = (char)('0' + ip);
	} else if (ip < 100) {
		ps_put_2digits(o, ip);
		o += 2;
	} else if (ip < 1000) {
		*o++ = (char)('0' + ip / 100);
		ps_put_2digits(o, ip % 100);
		o += 2;
	} else {
		ps_put_2digits(o, ip / 100);
		ps_put_2digits(o + 2, ip % 100);
		o += 4;
	}
	if (fp || min_dec) {
		*o = '.';
		ps_put_6digits(o + 1, fp);
		/* the zeros beyond min_dec trimmed (fp != 0 stops at a digit;
		 * else at min_dec, 2) */
		char *keep = o + 1 + min_dec;
		o += 7;
		while (o > keep && o[-1] == '0')
			o--;
	}
	return o;
}

char *report_dec_put(char *o, ps_dec v, int min_dec, int max_dec)
{
	return put_dec(o, v, min_dec, max_dec);
}

/* A count the way put_number((double)v) prints it. */
static INLINE char *put_count(ps_buf *b, char *o, uint64_t v)
{
	if (v <= UINT64_C(1000000000000000)) /* 1e15: put_number's switch to %g */
		return ps_put_u64(o, v);
	report_done(b, o);
	put_number(b, (double)v);
	return report_room(b, 0);
}

/* Make room for `extra` more bytes after o; returns o, moved if the buffer
 * moved. */
static INLINE char *ensure(ps_buf *b, char *o, size_t extra)
{
	size_t at = (size_t)(o - b->s);
	if (at + extra + 1 > b->cap) {
		b->n = at;
		o = report_room(b, extra);
	}
	return o;
}

/* Room a string of len bytes takes at most (every byte as \u00xx). */
#define STR_ROOM(len) (6 * (size_t)(len) + 2)

#if defined(__SSE2__)
/* s[0..len), len >= 16, copied to o while it is tested, 16 bytes at a time
 * (the last block overlapping the one before): one pass over the text and
 * no call to memcpy, where testing it first and copying it after were two
 * (rule texts and explanations are most of a report's bytes). Returns the
 * length of the plain run copied, len when nothing needs escaping; the
 * bytes stored past the run are overwritten by escape_into. */
static INLINE size_t copy_plain16(char *o, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t last = len - 16, i = 0;
	for (; i <= last; i += 16) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		unsigned m = special16(u + i);
		_mm_storeu_si128((__m128i *)(void *)(o + i), x);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i == len)
		return len;
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + last));
	unsigned m = special16(u + last) >> (i - last);
	_mm_storeu_si128((__m128i *)(void *)(o + last), x);
	return m ? i + (size_t)__builtin_ctz(m) : len;
}
#endif

/* A string (room for STR_ROOM(len) reserved) at o; returns the end. */
static INLINE char *put_str(char *o, const char *s, size_t len)
{
#if defined(__SSE2__)
	if (len >= 16) {
		*o++ = '"';
		size_t run = copy_plain16(o, s, len);
		if (run == len)
			o += len;
		else
			o = escape_into(o, s, len, run);
		*o++ = '"';
		return o;
	}
	/* 4 to 15 bytes (most names, levels, units, targets, words): the
	 * two overlapping words that test them in one SSE2 compare are the
	 * ones stored */
	if (len >= 8) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + len - 8, 8);
		if (!special16x(_mm_set_epi64x((long long)b, (long long)a))) {
			*o++ = '"';
			memcpy(o, &a, 8);
			memcpy(o + len - 8, &b, 8);
			o += len;
			*o++ = '"';
			return o;
		}
	} else if (len >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		if (!special16x(_mm_set1_epi64x((long long)((uint64_t)a << 32 | b)))) {
			*o++ = '"';
			memcpy(o, &a, 4);
			memcpy(o + len - 4, &b, 4);
			o += len;
			*o++ = '"';
			return o;
		}
	}
#endif
	size_t run = plain_run((const unsigned char *)s, len);
	*o++ = '"';
	if (run == len) {
		ps_copy_run(o, s, len);
		o += len;
	} else {
		o = escape_into(o, s, len, run);
	}
	*o++ = '"';
	return o;
}

/* A string whose length its setter kept (0: not kept, count it; NULL: ""). */
static INLINE size_t kept_len(const char *s, size_t len)
{
	return !s ? 0 : len || !s[0] ? len : strlen(s);
}

/* The writer's state for one unit: the files of the last positions as
 * written (quoted, escaped): the rows of a unit name the targets file and
 * the actuals file, in turn; and the lengths of the last comparator and
 * status words (static strings, a few distinct ones per unit). */
typedef struct {
	ps_buf *b;
	struct {
		const char *file;
		char json[240];
		size_t n;
	} files[2];
	int next_file; /* the slot to fill next */
	const char *type, *status;
	size_t type_n, status_n;
	int cmp, st;   /* the enums type and status were named for (-1: none) */
} jw;

/* Room put_pos needs when it begins: a kept file name (the json of
 * jw.files) and the rest of the object. After a file name not kept yet,
 * put_file_slow makes room for the rest itself. */
enum { POS_REST = 128, POS_ROOM = 240 + POS_REST };

/* A file name as a JSON string at o, escaped and kept (below). */
static char *put_file_slow(jw *w, char *o, const char *file)
{
	size_t len = strlen(file);
	o = ensure(w->b, o, STR_ROOM(len) + POS_REST);
	char *start = o;
	o = put_str(o, file, len);
	size_t n = (size_t)(o - start);
	if (n <= sizeof w->files[0].json) {
		int i = w->next_file;
		memcpy(w->files[i].json, start, n);
		w->files[i].n = n;
		w->files[i].file = file;
		w->next_file = 1 - i;
	}
	return o;
}

/* A file name as a JSON string at o, escaped once per unit and file. */
static INLINE char *put_file(jw *w, char *o, const char *file)
{
	for (int i = 0; i < 2; i++) {
		if (w->files[i].file == file) {
			size_t n = w->files[i].n; /* at most 240: POS_ROOM has room */
			ps_copy_run(o, w->files[i].json, n);
			return o + n;
		}
	}
	return put_file_slow(w, o, file);
}

/* Line breaks and the indents of the levels the unit's members sit at. */
#define NL1 "\n  "
#define NL2 "\n    "
#define NL3 "\n      "
#define NL4 "\n        "
#define NL5 "\n          "
#define NL6 "\n            "

/* A literal copied to o. */
#define LIT(s) (memcpy(o, s, sizeof(s) - 1), o += sizeof(s) - 1)
/* The start of a member: sep ("," or "" for the first), line break and
 * indent nl when pretty, and the key. */
#define KEY(sep, nl, key) ((pretty) ? LIT(sep nl "\"" key "\": ") : LIT(sep "\"" key "\":"))
/* A bracket (or other punctuation) preceded by nl when pretty. */
#define PUNCT(pre, nl, c) ((pretty) ? LIT(pre nl c) : LIT(pre c))
/* Members whose value is a string, a decimal, null or a boolean. */
#define STR(sep, nl, key, s, len) (KEY(sep, nl, key), o = put_str(o, s, len))
#define DEC(sep, nl, key, v, d) (KEY(sep, nl, key), o = put_dec(o, v, 0, d))
#define NUL(sep, nl, key) (KEY(sep, nl, key), LIT("null"))
#define BOOL(sep, nl, key, v) (KEY(sep, nl, key), (v) ? LIT("true") : LIT("false"))

/* Room the fixed part of an indicator takes at most: 27 members (key,
 * indent, punctuation: below 40 bytes each), 7 numbers, the brackets. */
enum { IND_ROOM = 27 * 40 + 7 * DEC_ROOM + 8 * 16 };
/* The same for the members of a unit outside its arrays. */
enum { UNIT_ROOM = 40 * 40 + 20 * DEC_ROOM };

/* {"file": ..., "line": ...} after its key, at the depth of an indicator's
 * members (inner) or of the budget's; null when the position names no
 * file. POS_ROOM must be reserved at o. */
static INLINE char *put_pos(jw *w, char *o, ps_pos pos, const bool pretty, const bool inner)
{
	if (!pos.file)
		return LIT("null"), o;
	if (inner)
		KEY("{", NL6, "file");
	else
		KEY("{", NL5, "file");
	o = put_file(w, o, pos.file);
	if (inner)
		KEY(",", NL6, "line");
	else
		KEY(",", NL5, "line");
	o = ps_put_u64(o, pos.line); /* 32 bits: what put_count writes */
	if (inner)
		PUNCT("", NL5, "}");
	else
		PUNCT("", NL4, "}");
	return o;
}

static const char *const rule_sources[] = {
	[PS_RS_TEXT] = "text", [PS_RS_DSL] = "dsl", [PS_RS_DEFAULT] = "default",
};
static const unsigned char rule_source_len[] = {[PS_RS_TEXT] = 4, [PS_RS_DSL] = 3, [PS_RS_DEFAULT] = 7};

/* The members below are docs/json-schema.json's unit, in its order. The
 * indicator is an element of "indicators": `first` says whether one came
 * before it. */
static INLINE char *indicator_write_t(jw *w, char *o, const ps_ind_result *res, bool first, const bool pretty)
{
	const ps_indicator *ind = res->ind;
	if ((int)ind->cmp != w->cmp) {
		w->cmp = (int)ind->cmp;
		w->type = ps_cmp_symbol(ind->cmp);
		w->type_n = strlen(w->type);
	}
	if ((int)res->status != w->st) {
		w->st = (int)res->status;
		w->status = ps_status_name(res->status);
		w->status_n = strlen(w->status);
	}
	const char *type = w->type, *status = w->status;
	bool known = (unsigned)res->rule_source < 3;
	const char *source = known ? rule_sources[res->rule_source] : "text";
	size_t so = known ? rule_source_len[res->rule_source] : 4;
	size_t id = kept_len(ind->id, ind->id_len), l1 = kept_len(ind->level1, ind->level1_len),
	       l2 = kept_len(ind->level2, ind->level2_len), name = kept_len(ind->name, ind->name_len),
	       tt = kept_len(ind->target_text, ind->target_len), unit = kept_len(ind->unit, ind->unit_len),
	       act = ind->has_actual ? kept_len(ind->actual_text, ind->actual_len) : 0,
	       rt = kept_len(ind->rule_text, ind->rule_len),
	       dsl = ind->rule_dsl && ind->rule_dsl[0] ? kept_len(ind->rule_dsl, ind->dsl_len) : 0,
	       can = kept_len(res->canonical, res->canonical_len),
	       ex = kept_len(res->explanation, res->explanation_len),
	       rs = kept_len(ind->reason, ind->reason_len);
	size_t ty = w->type_n, st = w->status_n;
	o = ensure(w->b, o, IND_ROOM + STR_ROOM(id) + STR_ROOM(l1) + STR_ROOM(l2) + STR_ROOM(name) +
	                        2 * STR_ROOM(tt) + STR_ROOM(unit) + STR_ROOM(act) + STR_ROOM(rt) + STR_ROOM(dsl) +
	                        STR_ROOM(can) + STR_ROOM(ex) + STR_ROOM(rs) + STR_ROOM(ty) + STR_ROOM(st) +
	                        STR_ROOM(so) + POS_ROOM);
	if (first)
		PUNCT("", NL4, "{");
	else
		PUNCT(",", NL4, "{");
	STR("", NL5, "id", ind->id, id);
	STR(",", NL5, "level1", ind->level1, l1);
	STR(",", NL5, "level2", ind->level2, l2);
	STR(",", NL5, "name", ind->name, name);
	STR(",", NL5, "type", type, ty);
	/* target: a number when the cell is one ("≥95%" → 95), else its text. */
	if (ind->target.kind == PS_V_NUMBER)
		DEC(",", NL5, "target", ind->target.num, 6);
	else if (ind->target.kind == PS_V_EMPTY)
		NUL(",", NL5, "target");
	else
		STR(",", NL5, "target", ind->target_text, tt);
	STR(",", NL5, "target_text", ind->target_text, tt);
	STR(",", NL5, "unit", ind->unit, unit);
	if (ind->has_actual)
		STR(",", NL5, "actual", ind->actual_text, act);
	else
		NUL(",", NL5, "actual");
	if (ind->has_points)
		DEC(",", NL5, "points", ind->points, 6);
	else
		NUL(",", NL5, "points");
	if (res->has_score)
		DEC(",", NL5, "score", res->score, 6);
	else
		NUL(",", NL5, "score");
	STR(",", NL5, "status", status, st);
	KEY(",", NL5, "rule");
	STR("{", NL6, "text", ind->rule_text, rt);
	if (dsl)
		STR(",", NL6, "dsl", ind->rule_dsl, dsl);
	STR(",", NL6, "canonical", res->canonical, can);
	STR(",", NL6, "source", source, so);
	PUNCT("", NL5, "}");
	STR(",", NL5, "explanation", res->explanation, ex);
	STR(",", NL5, "reason", ind->reason, rs);
	if (res->bonus != 0)
		DEC(",", NL5, "bonus", res->bonus, 6);
	if (ind->has_given_score)
		DEC(",", NL5, "given_score", ind->given_score, 6);
	KEY(",", NL5, "source");
	o = put_pos(w, o, ind->pos, pretty, true);
	o = ensure(w->b, o, 64 + POS_ROOM);
	KEY(",", NL5, "actual_source");
	if (ind->has_actual)
		o = put_pos(w, o, ind->actual_pos, pretty, true);
	else
		LIT("null");
	o = ensure(w->b, o, 64);
	PUNCT("", NL4, "}");
	return o;
}

/* The 项目资金 block and its 预算执行率 row; null when the unit has none. */
static INLINE char *budget_write_t(jw *w, char *o, const ps_budget_result *b, const bool pretty)
{
	if (!b->block)
		return NUL(",", NL3, "budget"), o;
	const ps_budget *k = b->block;
	size_t ex = kept_len(b->explanation, 0);
	o = ensure(w->b, o, UNIT_ROOM + STR_ROOM(ex) + POS_ROOM);
	KEY(",", NL3, "budget");
	if (k->has_initial)
		DEC("{", NL4, "initial", k->initial, 6);
	else
		NUL("{", NL4, "initial");
	DEC(",", NL4, "full", k->full, 6);
	DEC(",", NL4, "spent", k->spent, 6);
	if (b->has_rate)
		DEC(",", NL4, "rate", b->rate, 2);
	else
		NUL(",", NL4, "rate");
	DEC(",", NL4, "points", b->points, 6);
	if (b->has_score)
		DEC(",", NL4, "score", b->score, 6);
	else
		NUL(",", NL4, "score");
	if (k->has_score)
		DEC(",", NL4, "given_score", k->score, 6);
	else
		NUL(",", NL4, "given_score");
	BOOL(",", NL4, "scored", b->scored);
	STR(",", NL4, "explanation", b->explanation ? b->explanation : "", ex);
	KEY(",", NL4, "source");
	o = put_pos(w, o, k->pos, pretty, false);
	o = ensure(w->b, o, 64);
	PUNCT("", NL3, "}");
	return o;
}

/* The first bytes of the longer strings of the next indicator, fetched
 * while this one is written: they are scattered (the unit's strings, the
 * rule cache's canonical texts, the explanations) and may have been
 * written by the other thread, so the processor cannot guess them. */
static INLINE void prefetch_indicator(const ps_ind_result *res)
{
	const ps_indicator *ind = res->ind;
	__builtin_prefetch(ind->name);
	__builtin_prefetch(ind->rule_text);
	__builtin_prefetch(ind->actual_text);
	__builtin_prefetch(res->canonical);
	__builtin_prefetch(res->explanation);
}

/* One unit into b: pretty at depth 2 (the json report), or on one line. */
static INLINE void unit_write_t(ps_buf *b, const ps_unit_result *u, const bool pretty)
{
	jw w;
	w.b = b;
	memset(w.files, 0, sizeof w.files);
	w.next_file = 0;
	w.type = w.status = NULL;
	w.type_n = w.status_n = 0;
	w.cmp = w.st = -1;
	const char *code = u->unit && u->unit->code ? u->unit->code : "";
	const char *uname = u->unit && u->unit->name ? u->unit->name : "";
	const char *grade = u->grade ? u->grade : "";
	size_t nc = strlen(code), nn = strlen(uname), ng = strlen(grade);
	char *o = report_room(b, UNIT_ROOM + STR_ROOM(nc) + STR_ROOM(nn) + STR_ROOM(ng));
	STR("{", NL3, "unit_code", code, nc);
	STR(",", NL3, "unit_name", uname, nn);
	DEC(",", NL3, "points_total", u->points_total, 6);
	DEC(",", NL3, "points_applicable", u->points_applicable, 6);
	DEC(",", NL3, "total", u->total, 6);
	/* 百分制 is a conversion for people: two decimals, like the scores. */
	DEC(",", NL3, "total_100", u->total_100, 2);
	STR(",", NL3, "grade", grade, ng);
	BOOL(",", NL3, "final", u->final);
	KEY(",", NL3, "review_count");
	o = put_count(b, o, u->n_review);
	o = ensure(b, o, 64);
	KEY(",", NL3, "missing_count");
	o = put_count(b, o, u->n_missing);
	o = ensure(b, o, 64);
	KEY(",", NL3, "manual_count");
	o = put_count(b, o, u->n_manual);
	o = ensure(b, o, 64);
	o = budget_write_t(&w, o, &u->budget, pretty);
	o = ensure(b, o, UNIT_ROOM);
	if (u->capped) {
		KEY(",", NL3, "cap");
		DEC("{", NL4, "rate", u->budget.rate, 2);
		DEC(",", NL4, "limit", u->cap, 6);
		DEC(",", NL4, "total_100_uncapped", u->total_100_uncapped, 2);
		PUNCT("", NL3, "}");
	} else {
		NUL(",", NL3, "cap");
	}
	KEY(",", NL3, "subtotals");
	LIT("[");
	for (size_t i = 0; i < u->n_sub; i++) {
		const char *l1 = u->sub[i].level1 ? u->sub[i].level1 : "";
		size_t n1 = strlen(l1);
		o = ensure(b, o, 256 + 2 * DEC_ROOM + STR_ROOM(n1));
		if (i)
			PUNCT(",", NL4, "{");
		else
			PUNCT("", NL4, "{");
		STR("", NL5, "level1", l1, n1);
		DEC(",", NL5, "points", u->sub[i].points, 6);
		DEC(",", NL5, "score", u->sub[i].score, 6);
		PUNCT("", NL4, "}");
	}
	o = ensure(b, o, 64);
	if (u->n_sub)
		PUNCT("", NL3, "]");
	else
		LIT("]");
	KEY(",", NL3, "indicators");
	LIT("[");
	for (size_t i = 0; i < u->n; i++) {
		if (i + 1 < u->n)
			prefetch_indicator(&u->v[i + 1]);
		o = indicator_write_t(&w, o, &u->v[i], i == 0, pretty);
	}
	o = ensure(b, o, 64);
	if (u->n)
		PUNCT("", NL3, "]");
	else
		LIT("]");
	PUNCT("", NL2, "}");
	report_done(b, o);
}

static void unit_write_pretty(ps_buf *b, const ps_unit_result *u)
{
	unit_write_t(b, u, true);
}

static void unit_write_compact(ps_buf *b, const ps_unit_result *u)
{
	unit_write_t(b, u, false);
}

/* The warnings array (the diagnostics of level warning or error), as
 * ps_report_json_write prints warnings_json's tree: pretty at depth 1 (the
 * json report's envelope) or on one line. */
static INLINE void warnings_write_t(ps_buf *b, const ps_diags *d, const bool pretty)
{
	char *o = report_room(b, 1);
	LIT("[");
	bool first = true;
	for (size_t i = 0; d && i < d->n; i++) {
		const ps_diag *dg = &d->v[i];
		if (dg->level < PS_WARNING)
			continue;
		const char *level = ps_level_name(dg->level), *code = ps_code_name(dg->code);
		const char *msg = dg->msg ? dg->msg : "";
		size_t nf = dg->pos.file ? strlen(dg->pos.file) : 0, nl = strlen(level), nc = strlen(code),
		       nm = strlen(msg);
		o = ensure(b, o, 256 + 2 * DEC_ROOM + STR_ROOM(nf) + STR_ROOM(nl) + STR_ROOM(nc) + STR_ROOM(nm));
		if (first)
			PUNCT("", NL2, "{");
		else
			PUNCT(",", NL2, "{");
		first = false;
		if (dg->pos.file)
			STR("", NL3, "file", dg->pos.file, nf);
		else
			NUL("", NL3, "file");
		KEY(",", NL3, "line");
		if (dg->pos.line)
			o = ps_put_u64(o, dg->pos.line);
		else
			LIT("null");
		KEY(",", NL3, "column");
		if (dg->pos.col)
			o = ps_put_u64(o, dg->pos.col);
		else
			LIT("null");
		STR(",", NL3, "level", level, nl);
		STR(",", NL3, "code", code, nc);
		STR(",", NL3, "message", msg, nm);
		PUNCT("", NL2, "}");
	}
	o = ensure(b, o, 16);
	if (first)
		LIT("]");
	else
		PUNCT("", NL1, "]");
	report_done(b, o);
}

static void warnings_write_pretty(ps_buf *b, const ps_diags *d)
{
	warnings_write_t(b, d, true);
}

static void warnings_write_compact(ps_buf *b, const ps_diags *d)
{
	warnings_write_t(b, d, false);
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
	unit_write_pretty(b, u);
	return report_unit_put(r, b);
}

static int json_end(ps_report *r, const ps_diags *warnings)
{
	int pending = report_unit_buf_free(r);
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, r->n_units ? "\n  ],\n  \"warnings\": " : "],\n  \"warnings\": ");
	warnings_write_pretty(&b, warnings);
	ps_buf_adds(&b, "\n}\n");
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return pending != PS_OK ? pending : rc;
}

static int ndjson_begin(ps_report *r)
{
	return PS_OK;
}

static int ndjson_unit(ps_report *r, const ps_unit_result *u)
{
	ps_buf *b = report_unit_buf(r);
	unit_write_compact(b, u);
	put_bytes(b, "\n", 1);
	return report_unit_put(r, b);
}

/* The last line is always {"warnings":[...]}: it has no unit_code, and its
 * presence tells a reader that the stream is complete. */
static int ndjson_end(ps_report *r, const ps_diags *warnings)
{
	int pending = report_unit_buf_free(r);
	ps_buf b = PS_BUF_INIT;
	ps_buf_adds(&b, "{\"warnings\":");
	warnings_write_compact(&b, warnings);
	ps_buf_adds(&b, "}\n");
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return pending != PS_OK ? pending : rc;
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
