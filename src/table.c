/* table.c: the targets table loader: sheet rows become indicators grouped by
 * unit; group rows, categories, points in 备注, duplicates are sorted out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"
#include "util/scan16.h"

/* A row that is not an indicator but says something about a group: its
 * points ("产出指标(50分)") or that a 二级 exists (a category). */
typedef struct {
	size_t unit;
	int depth;          /* 1: 一级 group, 2: 二级 group */
	char *l1, *l2;
	bool has_points;
	ps_dec points;
	char *remark;       /* the 备注 cell, in case 备注 holds the points */
	uint32_t line;
} group_rec;

/* ps_points_parse of a short cell, remembered: "10", "5分" recur row
 * after row. len 0: an empty entry. */
typedef struct {
	char s[15];
	unsigned char len;
	bool ok;
	ps_dec v;
} points_memo;

#define POINTS_MEMO 32       /* entries (a power of two) */
#define POINTS_MEMO_LEN 15   /* longer cells are parsed every time */

typedef struct {
	ps_table *t;
	const ps_header *hdr;
	const char *file;   /* for diagnostics: the source's name */
	ps_keymap *unit_keys; /* unit key -> unit (built when keys_in_order ends) */
	/* While each new unit's key sorts after the one before (length, then
	 * bytes: "000001" < "000002", "9" < "10"), it cannot have been seen:
	 * the keys are only kept, in order (key k is unit k's), and the map,
	 * whose probe of a new key missed the cache once per unit, is built
	 * from them when a key does not sort after the last. */
	bool keys_in_order;
	ps_pool *seq_keys;
	struct seq_key {
		const char *s;
		size_t n;
	} *seq;
	size_t seq_cap;
	size_t cur_unit;
	bool have_unit;
	ps_numbering **num; /* per unit, per indicator: how its name was numbered */
	size_t *num_cap, n_num;
	ps_numbering *num_spare; /* a finished unit's list, for the next unit */
	size_t num_spare_cap;
	group_rec *groups;
	size_t n_groups, cap_groups;
	group_rec *cats;    /* 二级 rows with nothing else */
	size_t n_cats, cap_cats;
	char *grp_l1, *grp_l2; /* groups written in the name column (set_grp) */
	ps_budget budget;   /* a 项目资金 block waiting for its unit */
	/* streaming (ps_table_reader): a unit is finished when the rows of
	 * another begin, and handed out before the next one is */
	bool stream;
	size_t n_done;      /* units [0, n_done) are finished */
	ps_diags *diags;    /* where unit_for reports a split unit */
	struct checker *chk;
	/* Indicator names and targets recur from unit to unit (a province's
	 * units share templates): their keys and parsed values are looked up
	 * rather than computed again. Per loader: the reading thread's own. */
	ps_memo *name_keys; /* name text -> ps_name_key */
	ps_memo *targets;   /* type, target and unit cells -> parsed_target */
	ps_buf key, k1, k2; /* scratch for keys (kept: no allocation per row) */
	size_t pool_chunk;  /* first chunk of a unit's strings: sized by the last unit's */
	size_t *rec_g, *rec_c, rec_cap; /* finish_unit's record lists */
	ps_pool *rec_strings; /* the strings of groups and cats: dropped with them */
	points_memo points[POINTS_MEMO];
	struct target_slot *recent; /* 1 << TSLOT_BITS of them */
} loader;

/* Memos hold at most this many texts (all-distinct input: bounded memory). */
#define MEMO_ENTRIES 4096
#define MEMO_BYTES ((size_t)1 << 20)
/* Bounds of the first chunk of a unit's strings. */
#define POOL_CHUNK_MIN 256
#define POOL_CHUNK_MAX ((size_t)1 << 16)

static void finish_unit(loader *L, size_t u, ps_diags *diags);

static ps_pos at(const loader *L, uint32_t line)
{
	return (ps_pos){L->file, line, 0, -1};
}

/* *p = a copy of s; "" is ps_str_empty, not allocated (every unit starts
 * with both groups empty). */
static void set_grp(char **p, const char *s)
{
	if (*p != ps_str_empty)
		free(*p);
	*p = s[0] ? ps_xstrdup(s) : ps_str_empty;
}

/* A unit's code or name, in the table's pool ("" is ps_str_empty). */
static char *name_str(ps_table *t, const char *s)
{
	size_t n = strlen(s);
	return n ? ps_pool_add(&t->names, s, n, 4096) : ps_str_empty;
}

/* Does key a (an bytes) sort after b (bn bytes): longer, or as long and
 * greater byte by byte? */
static bool sorts_after(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return an > bn;
	return memcmp(a, b, an) > 0;
}

/* The unit of key[0..n): its index, found or (*created) the next one. */
static size_t unit_slot(loader *L, const char *key, size_t n, bool *created)
{
	size_t next = L->t->n_units;
	if (L->keys_in_order) {
		const struct seq_key *last = next ? &L->seq[next - 1] : NULL;
		if (!last || sorts_after(key, n, last->s, last->n)) {
			if (next == L->seq_cap) {
				L->seq_cap = L->seq_cap ? L->seq_cap * 2 : 64;
				L->seq = ps_xrealloc(L->seq, L->seq_cap * sizeof *L->seq);
			}
			L->seq[next].s = ps_pool_add(&L->seq_keys, key, n, 4096);
			L->seq[next].n = n;
			*created = true;
			return next;
		}
		if (last->n == n && memcmp(key, last->s, n) == 0) {
			*created = false;
			return next - 1;
		}
		/* out of order: every key so far into the map, as they came */
		for (size_t u = 0; u < next; u++)
			ps_keymap_get(L->unit_keys, L->seq[u].s, L->seq[u].n, true, u, NULL);
		L->keys_in_order = false;
		ps_pool_free(&L->seq_keys);
		free(L->seq);
		L->seq = NULL;
		L->seq_cap = 0;
	}
	return *ps_keymap_get(L->unit_keys, key, n, true, next, created);
}

static size_t unit_for(loader *L, const ps_sheet_row *r)
{
	if (L->have_unit && !r->new_unit)
		return L->cur_unit;
	ps_table *t = L->t;
	ps_buf *key = &L->key;
	ps_buf_clear(key);
	ps_buf_add(key, "", 0);
	if (r->unit_code[0]) {
		ps_code_key_buf(key, r->unit_code);
	} else {
		ps_buf_addc(key, '\x1e');
		ps_buf_adds(key, r->unit_name);
	}
	bool created;
	size_t slot = unit_slot(L, key->s, key->n, &created);
	if (L->stream && L->have_unit && slot != L->cur_unit && L->cur_unit >= L->n_done)
		finish_unit(L, L->cur_unit, L->diags);
	if (L->stream && !created && slot < L->n_done) {
		/* Its rows were handed out already: merging is no longer possible. */
		ps_unit *old = &t->units[slot];
		ps_diags_add(L->diags, PS_D_UNIT_SPLIT, at(L, r->pos.line),
		             "the rows of unit \"%s\" (first at line %u) resume here after another unit's: "
		             "put each unit's rows together (sort by 单位编码)",
		             old->code[0] ? old->code : old->name, old->pos.line);
	}
	if (created) {
		if (t->n_units == t->cap_units) {
			t->cap_units = t->cap_units ? t->cap_units * 2 : 4;
			t->units = ps_xrealloc(t->units, t->cap_units * sizeof *t->units);
			t->budget = ps_xrealloc(t->budget, t->cap_units * sizeof *t->budget);
			t->stated = ps_xrealloc(t->stated, t->cap_units * sizeof *t->stated);
			L->num = ps_xrealloc(L->num, t->cap_units * sizeof *L->num);
			L->num_cap = ps_xrealloc(L->num_cap, t->cap_units * sizeof *L->num_cap);
		}
		ps_unit *u = &t->units[t->n_units];
		memset(u, 0, sizeof *u);
		memset(&t->budget[t->n_units], 0, sizeof *t->budget);
		memset(&t->stated[t->n_units], 0, sizeof *t->stated);
		u->code = name_str(t, r->unit_code);
		u->name = name_str(t, r->unit_name);
		u->pos = (ps_pos){t->file, r->pos.line, 0, -1};
		L->num[t->n_units] = L->num_spare;
		L->num_cap[t->n_units] = L->num_spare_cap;
		L->num_spare = NULL;
		L->num_spare_cap = 0;
		L->n_num = ++t->n_units;
	} else if (!t->units[slot].name[0] && r->unit_name[0]) {
		t->units[slot].name = name_str(t, r->unit_name); /* the old one stays in the pool */
	}
	L->cur_unit = slot;
	L->have_unit = true;
	set_grp(&L->grp_l1, "");
	set_grp(&L->grp_l2, "");
	return L->cur_unit;
}

/* A copy of s for a group or category record ("" is ps_str_empty): in the
 * loader's pool, not a malloc each (three per group row). */
static char *rec_str(loader *L, const char *s)
{
	size_t n = strlen(s);
	return n ? ps_pool_add(&L->rec_strings, s, n, 1024) : ps_str_empty;
}

static group_rec *add_rec(group_rec **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = ps_xrealloc(*v, *cap * sizeof **v);
	}
	group_rec *g = &(*v)[(*n)++];
	memset(g, 0, sizeof *g);
	return g;
}

static void add_group(loader *L, size_t unit, int depth, const char *l1, const char *l2,
                      bool has_points, ps_dec points, const char *remark, uint32_t line)
{
	group_rec *g = add_rec(&L->groups, &L->n_groups, &L->cap_groups);
	g->unit = unit;
	g->depth = depth;
	g->l1 = rec_str(L, l1);
	g->l2 = rec_str(L, depth == 2 ? l2 : "");
	g->has_points = has_points;
	g->points = points;
	g->remark = rec_str(L, remark);
	g->line = line;
}

/* 一级 labels of the national frameworks: a group row written in the name
 * column with one of these names is a 一级 group, others are 二级. */
static bool level1_word(const char *name)
{
	static const char *const words[] = {"成本指标", "产出指标", "效益指标", "满意度指标", "投入",
	                                    "过程", "产出", "效益", "决策", "管理", "满意度",
	                                    "项目决策", "项目管理", "项目产出", "项目效益", "成本",
	                                    "投入指标", "过程指标", "决策指标", "管理指标"};
	char *k = ps_norm_key(name, strlen(name), true);
	bool hit = false;
	for (size_t i = 0; i < sizeof words / sizeof words[0] && !hit; i++)
		hit = strcmp(k, words[i]) == 0;
	free(k);
	return hit;
}

/* Does a 计分规则 cell hold the canonical form (docs/rules.md), or Chinese
 * text that belongs in the rule-text column? */
static bool looks_canonical(const char *s)
{
	static const char *const starts[] = {"prop", "manual", "min ", "maxdeduct", "bonus", "per "};
	if (strstr(s, "=>"))
		return true;
	for (size_t i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (strncmp(s, starts[i], strlen(starts[i])) == 0)
			return true;
	return false;
}

/* ps_points_parse(out, s), s being n bytes long, through L->points. */
static bool points_parse(loader *L, ps_dec *out, const char *s, size_t n)
{
	if (n == 0 || n > POINTS_MEMO_LEN)
		return ps_points_parse(out, s);
	const unsigned char *u = (const unsigned char *)s;
	points_memo *e = &L->points[(n + u[0] * 7u + u[n - 1] * 13u) & (POINTS_MEMO - 1)];
	if (e->len != n || !ps_same_bytes(e->s, s, n)) {
		memcpy(e->s, s, n);
		e->len = (unsigned char)n;
		e->v = 0;
		e->ok = ps_points_parse(&e->v, s);
	}
	if (e->ok)
		*out = e->v;
	return e->ok;
}

/* A copy of s in the unit's strings (ps_str_empty for ""). */
static char *unit_str(loader *L, ps_unit *u, const char *s, size_t n)
{
	return n ? ps_pool_add(&u->strings, s, n, L->pool_chunk) : ps_str_empty;
}

/* A copy of the row's cell f in c, a pool chunk with room reserved. */
static char *cell_put(ps_pool *c, const ps_sheet_row *r, ps_field f)
{
	return ps_pool_put(c, r->cell[f], r->len[f]);
}

/* The cells fill_indicator copies, besides the name and the levels. */
static const ps_field copied[] = {PS_F_ID, PS_F_TYPE, PS_F_TARGET, PS_F_EXPLAIN, PS_F_RULE,
                                  PS_F_DSL, PS_F_REMARK, PS_F_ACTUAL, PS_F_REASON};

/* A length as an indicator keeps it (0, "count it", if it does not fit). */
static uint32_t len32(size_t n)
{
	return n <= UINT32_MAX ? (uint32_t)n : 0;
}

/* The same, but the string of the unit's previous indicator (prev_len
 * bytes, 0: count them) when it is equal: the filled-down levels of a
 * group's rows are stored once. */
static char *put_like(ps_pool *c, const char *s, size_t n, char *prev, uint32_t prev_len)
{
	if (prev && n && (prev_len ? prev_len == n : strlen(prev) == n) && ps_same_bytes(prev, s, n))
		return prev;
	return ps_pool_put(c, s, n);
}

/* What the target, type and unit cells of an indicator mean: a pure
 * function of the three texts, memoised. */
typedef struct {
	ps_value v;         /* v.text is NULL here: it points into the target cell */
	size_t text_off;    /* where v.text points into the target cell */
	ps_cmp cmp;
	char unit[32];
	size_t unit_len;    /* strlen(unit) */
} parsed_target;

/* The recent targets: a direct-mapped cache in front of the memo (2,048
 * slots of 224 bytes; the memo's own front needs a key built), its
 * key the three cells' bytes one after another with their lengths beside
 * (ul UINT32_MAX: no unit cell of its own). tl 0, ul 0, gl 0 and no bytes
 * is a real key: a slot never taken holds tl UINT32_MAX. */
#define TSLOT_BITS 11 /* at 100,000 units: 95% hits (90% with 9 bits) */
#define TSLOT_KEY 64
struct target_slot {
	uint32_t tl, ul, gl;
	char key[TSLOT_KEY];
	parsed_target pt;
};
typedef struct target_slot target_slot;

static void parse_target(const ps_sheet_row *r, const char *type, const char *target, parsed_target *pt)
{
	memset(pt, 0, sizeof *pt);
	ps_value_parse(&pt->v, target, strlen(target));
	pt->text_off = (size_t)(pt->v.text - target);
	pt->v.text = NULL;
	pt->cmp = ps_cmp_parse(type, strlen(type));
	if (pt->cmp == PS_CMP_NONE)
		pt->cmp = pt->v.cmp;
	if (r->own[PS_F_UNIT])
		ps_unit_norm(pt->unit, sizeof pt->unit, r->cell[PS_F_UNIT], strlen(r->cell[PS_F_UNIT]));
	else
		memcpy(pt->unit, pt->v.unit, sizeof pt->unit);
	pt->unit_len = strlen(pt->unit);
}

/* The memo key of the three cells: lengths before the first two keep any
 * texts apart. Into buf (size bytes) when it fits, else into *key. */
static const char *target_key(char *buf, size_t size, ps_buf *key, size_t *len, const ps_sheet_row *r,
                              const char *type, const char *target)
{
	size_t tl = r->len[PS_F_TYPE], ul = r->own[PS_F_UNIT] ? r->len[PS_F_UNIT] : SIZE_MAX;
	size_t gl = r->len[PS_F_TARGET];
	size_t n = 2 * sizeof tl + tl + (ul != SIZE_MAX ? ul : 0) + gl;
	if (n <= size) {
		char *p = buf;
		memcpy(p, &tl, sizeof tl);
		p += sizeof tl;
		memcpy(p, type, tl);
		p += tl;
		memcpy(p, &ul, sizeof ul);
		p += sizeof ul;
		if (ul != SIZE_MAX) {
			memcpy(p, r->cell[PS_F_UNIT], ul);
			p += ul;
		}
		memcpy(p, target, gl);
		*len = n;
		return buf;
	}
	ps_buf_clear(key);
	ps_buf_add(key, (const char *)&tl, sizeof tl);
	ps_buf_add(key, type, tl);
	ps_buf_add(key, (const char *)&ul, sizeof ul);
	if (ul != SIZE_MAX)
		ps_buf_add(key, r->cell[PS_F_UNIT], ul);
	ps_buf_add(key, target, gl);
	*len = key->n;
	return key->s;
}

/* A cell's first and last 4 bytes (or its ends) as a word, for slot_of:
 * fixed-size loads, no call. */
static inline uint64_t ends_word(const char *s, size_t n)
{
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return (uint64_t)a << 32 | b;
	}
	const unsigned char *u = (const unsigned char *)s;
	return n ? (uint64_t)u[0] << 16 | (uint64_t)u[n / 2] << 8 | u[n - 1] : 0;
}

/* The slot of the recent targets for the three cells' lengths and ends
 * (any mix: a slot is taken only when its texts are the same). */
static target_slot *slot_of(loader *L, uint32_t tl, uint32_t ul, uint32_t gl, const char *type, const char *unit,
                            const char *target)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t h = ends_word(target, gl) * k;
	h ^= (ends_word(type, tl) + ((uint64_t)tl << 40 ^ (uint64_t)gl << 20 ^ ul)) * UINT64_C(0xC2B2AE3D27D4EB4F);
	if (ul != UINT32_MAX)
		h ^= ends_word(unit, ul) * UINT64_C(0x165667B19E3779F9);
	h ^= h >> 29;
	return &L->recent[(h * k) >> (64 - TSLOT_BITS)];
}

/* The recent targets' slot for the row's type, unit and target cells, or
 * NULL when their bytes do not fit one. From the row's cells, not the
 * copies just made of them: a load across two of the copy's overlapping
 * stores waited for both. */
static target_slot *recent_slot(loader *L, const ps_sheet_row *r)
{
	size_t tl = r->len[PS_F_TYPE], gl = r->len[PS_F_TARGET];
	bool own_unit = r->own[PS_F_UNIT];
	size_t ul = own_unit ? r->len[PS_F_UNIT] : 0;
	if (tl + ul + gl > TSLOT_KEY)
		return NULL;
	return slot_of(L, (uint32_t)tl, own_unit ? (uint32_t)ul : UINT32_MAX, (uint32_t)gl, r->cell[PS_F_TYPE],
	               r->cell[PS_F_UNIT], r->cell[PS_F_TARGET]);
}

/* The parsed target of the row's three cells: from s, the recent targets'
 * slot for them (no key built: the cells compared where they are), else
 * the memo, else parsed; s (if any) then holds it. */
static const parsed_target *find_target(loader *L, const ps_sheet_row *r, target_slot *s, parsed_target *pt)
{
	const char *type = r->cell[PS_F_TYPE], *target = r->cell[PS_F_TARGET], *unit = r->cell[PS_F_UNIT];
	size_t tl = r->len[PS_F_TYPE], gl = r->len[PS_F_TARGET];
	bool own_unit = r->own[PS_F_UNIT];
	size_t ul = own_unit ? r->len[PS_F_UNIT] : 0;
	uint32_t uc = own_unit ? (uint32_t)ul : UINT32_MAX;
	if (s && s->tl == tl && s->ul == uc && s->gl == gl && ps_same_bytes(s->key, type, tl) &&
	    ps_same_bytes(s->key + tl, unit, ul) && ps_same_bytes(s->key + tl + ul, target, gl))
		return &s->pt;
	char buf[256];
	size_t klen, n;
	const char *k = target_key(buf, sizeof buf, &L->key, &klen, r, type, target);
	const char *hit = ps_memo_get(L->targets, k, klen, &n);
	if (hit && n == sizeof *pt) {
		memcpy(pt, hit, sizeof *pt);
	} else {
		parse_target(r, type, target, pt);
		ps_memo_put(L->targets, k, klen, pt, sizeof *pt);
	}
	if (!s)
		return pt;
	s->tl = (uint32_t)tl;
	s->ul = uc;
	s->gl = (uint32_t)gl;
	memcpy(s->key, type, tl);
	memcpy(s->key + tl, unit, ul);
	memcpy(s->key + tl + ul, target, gl);
	s->pt = *pt;
	return &s->pt;
}

static void set_target(loader *L, ps_pool *c, ps_indicator *ind, const ps_sheet_row *r, target_slot *slot)
{
	parsed_target tmp;
	const parsed_target *pt = find_target(L, r, slot, &tmp);
	ind->target = pt->v;
	ind->target.text = ind->target_text + pt->text_off;
	ind->cmp = pt->cmp;
	/* all 32 bytes (room was reserved for them): a fixed-size copy */
	if (pt->unit_len) {
		ind->unit = c->data + c->used;
		memcpy(ind->unit, pt->unit, sizeof pt->unit);
		ind->unit[pt->unit_len] = '\0';
		c->used += pt->unit_len + 1;
	} else {
		ind->unit = ps_str_empty;
	}
	ind->unit_len = len32(pt->unit_len);
}

static void fill_indicator(loader *L, ps_unit *u, ps_indicator *ind, ps_sheet_row *r, const char *name,
                           size_t name_len, ps_diags *diags)
{
	ps_table *t = L->t;
	const ps_indicator *prev = u->n ? &u->v[u->n - 1] : NULL;
	target_slot *slot = recent_slot(L, r);
	ps_zero_bytes(ind, sizeof *ind);
	const char *l1 = r->level1, *l2 = r->level2;
	size_t l1_len = r->level1_len, l2_len = r->level2_len;
	if (!r->level1[0]) {
		l1 = L->grp_l1;
		l1_len = strlen(l1);
		if (!r->level2[0]) {
			l2 = L->grp_l2;
			l2_len = strlen(l2);
		}
	}
	/* room for every string of the row at once (the unit is 32 bytes at
	 * most): one test, and the short copies without a call to memcpy */
	size_t need = name_len + l1_len + l2_len + 3 + sizeof ((parsed_target *)0)->unit;
	for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++)
		need += r->len[copied[i]] + 1;
	ps_pool_reserve(&u->strings, need, L->pool_chunk);
	ps_pool *c = u->strings;
	ind->id = cell_put(c, r, PS_F_ID);
	ind->id_len = len32(r->len[PS_F_ID]);
	/* the unit's own strings, set once the table is read (unit names can
	 * still change until then) */
	ind->unit_code = ind->unit_name = ps_str_empty;
	ind->level1 = put_like(c, l1, l1_len, prev ? prev->level1 : NULL, prev ? prev->level1_len : 0);
	ind->level1_len = len32(l1_len);
	ind->level2 = put_like(c, l2, l2_len, prev ? prev->level2 : NULL, prev ? prev->level2_len : 0);
	ind->level2_len = len32(l2_len);
	ind->name = ps_pool_put(c, name, name_len);
	ind->name_len = len32(name_len);
	ind->type_text = cell_put(c, r, PS_F_TYPE);
	ind->target_text = cell_put(c, r, PS_F_TARGET);
	ind->target_len = len32(r->len[PS_F_TARGET]);
	set_target(L, c, ind, r, slot);
	ind->explain = cell_put(c, r, PS_F_EXPLAIN);
	ind->rule_text = cell_put(c, r, PS_F_RULE);
	ind->rule_len = len32(r->len[PS_F_RULE]);
	ind->rule_dsl = cell_put(c, r, PS_F_DSL);
	ind->dsl_len = len32(r->len[PS_F_DSL]);
	if (ind->rule_dsl[0] && !looks_canonical(ind->rule_dsl) && !ind->rule_text[0]) {
		/* a 计分规则 column written in words: it is the rule text */
		ind->rule_text = ind->rule_dsl;
		ind->rule_len = ind->dsl_len;
		ind->rule_dsl = ps_str_empty;
		ind->dsl_len = 0;
	}
	ind->remark = cell_put(c, r, PS_F_REMARK);
	ind->pos = (ps_pos){t->file, r->pos.line, 0, -1};
	if (r->own[PS_F_POINTS]) {
		if (points_parse(L, &ind->points, r->cell[PS_F_POINTS], r->len[PS_F_POINTS]))
			ind->has_points = true;
		else
			ps_diags_add(diags, PS_D_BAD_POINTS, at(L, r->pos.line),
			             "points \"%s\" of indicator \"%s\": expected a number of points from 0 to "
			             "1000000 (20 or 20分)", r->cell[PS_F_POINTS], name);
	} else if (r->has_group_points[2]) {
		ind->points = r->group_points[2];
		ind->has_points = true;
	}
	ind->actual_pos = PS_POS_NONE;
	ind->actual_text = cell_put(c, r, PS_F_ACTUAL);
	ind->actual_len = len32(r->len[PS_F_ACTUAL]);
	ind->reason = cell_put(c, r, PS_F_REASON);
	ind->reason_len = len32(r->len[PS_F_REASON]);
	if (!t->self_eval)
		return;
	ind->has_actual = L->hdr->idx[PS_F_ACTUAL] >= 0;
	if (r->own[PS_F_SCORE]) {
		if (points_parse(L, &ind->given_score, r->cell[PS_F_SCORE], r->len[PS_F_SCORE]))
			ind->has_given_score = true;
		else
			ps_diags_add(diags, PS_D_BAD_VALUE, at(L, r->pos.line), "given score \"%s\" is not a number",
			             r->cell[PS_F_SCORE]);
	}
	ind->not_applicable =
		(r->own[PS_F_NA] && ps_na_truthy(r->cell[PS_F_NA], L->hdr->flags[PS_F_NA] & PS_AF_NA_INVERTED)) ||
		ps_actual_says_na(ind->actual_text);
	ind->actual_pos = ind->pos;
}

static void add_indicator(loader *L, ps_sheet_row *r, const char *name, size_t name_len, ps_diags *diags)
{
	ps_unit *u = &L->t->units[L->cur_unit];
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 16;
		u->v = ps_xrealloc(u->v, u->cap * sizeof *u->v);
	}
	if (L->num_cap[L->cur_unit] < u->cap) {
		L->num_cap[L->cur_unit] = u->cap;
		L->num[L->cur_unit] = ps_xrealloc(L->num[L->cur_unit], u->cap * sizeof **L->num);
	}
	L->num[L->cur_unit][u->n] = r->name_num;
	fill_indicator(L, u, &u->v[u->n], r, name, name_len, diags);
	u->n++;
}

static bool row_has_data(const ps_sheet_row *r)
{
	static const ps_field f[] = {PS_F_TARGET, PS_F_RULE, PS_F_DSL, PS_F_POINTS, PS_F_TYPE, PS_F_UNIT,
	                             PS_F_EXPLAIN, PS_F_ACTUAL, PS_F_SCORE, PS_F_ID};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (r->own[f[i]])
			return true;
	return false;
}

/* A row with no 三级 name: an indicator whose name cell was left blank, a
 * group carrying points, or a category (a 二级 with nothing under it). */
static void no_name_row(loader *L, size_t unit, ps_sheet_row *r, ps_diags *diags)
{
	bool here = r->level1_here || r->level2_here;
	bool rule_or_target = r->own[PS_F_TARGET] || r->own[PS_F_RULE] || r->own[PS_F_DSL];
	if (here && rule_or_target) {
		const char *name = r->level2[0] ? r->level2 : r->level1;
		ps_diags_add(diags, PS_D_MISSING_FIELD, at(L, r->pos.line),
		             "row has a target or rule but no 三级指标 name: named \"%s\" after its group", name);
		add_indicator(L, r, name, r->level2[0] ? r->level2_len : r->level1_len, diags);
		return;
	}
	if (rule_or_target) {
		ps_diags_add(diags, PS_D_MISSING_FIELD, at(L, r->pos.line),
		             "row has a target or rule but no indicator name: skipped");
		return;
	}
	if (!here)
		return;
	if (!r->has_group_points[0] && !r->has_group_points[1]) {
		ps_dec pts = 0;
		bool has = r->own[PS_F_POINTS] && ps_points_parse(&pts, r->cell[PS_F_POINTS]);
		add_group(L, unit, r->level2_here ? 2 : 1, r->level1, r->level2, has, pts, r->cell[PS_F_REMARK],
		          r->pos.line);
	}
	if (r->level2_here) {
		group_rec *c = add_rec(&L->cats, &L->n_cats, &L->cap_cats);
		c->unit = unit;
		c->l1 = rec_str(L, r->level1);
		c->l2 = rec_str(L, r->level2);
		c->remark = ps_str_empty;
		c->line = r->pos.line;
	}
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n > m && strcmp(s + n - m, tail) == 0;
}

/* A group written in the name column, in tables without (or beside) level
 * columns: "一、产出指标(50分)", "1.数量指标(30分)", "质量指标" alone. */
static bool name_group_row(loader *L, size_t unit, ps_sheet_row *r)
{
	if (row_has_data(r) || r->level2_here)
		return false;
	bool l1 = level1_word(r->name);
	if (!l1 && !r->has_group_points[2] && r->name_num != PS_NUM_CHINESE && !ends_with(r->name, "指标"))
		return false;
	bool top = l1 || (r->name_num == PS_NUM_CHINESE && !r->level1[0]);
	if (top || !L->grp_l1[0]) {
		set_grp(&L->grp_l1, r->name);
		set_grp(&L->grp_l2, "");
	} else {
		set_grp(&L->grp_l2, r->name);
	}
	if (!r->level1[0])
		add_group(L, unit, L->grp_l2[0] ? 2 : 1, L->grp_l1, L->grp_l2, r->has_group_points[2],
		          r->group_points[2], r->cell[PS_F_REMARK], r->pos.line);
	return true;
}

static void take_row(loader *L, ps_sheet_row *r, ps_diags *diags)
{
	if (r->budget)
		L->budget = *r->budget;
	/* rows that say nothing about indicators (the second line of a budget
	 * block, stray notes) must not open a unit */
	if (!r->name[0] && !r->level1_here && !r->level2_here && !row_has_data(r))
		return;
	size_t unit = unit_for(L, r);
	if (L->budget.present) {
		if (!L->t->budget[unit].present)
			L->t->budget[unit] = L->budget;
		L->budget.present = false;
	}
	/* points written into the group cells themselves: "产出指标(50分)" */
	if (r->has_group_points[0])
		add_group(L, unit, 1, r->level1, "", true, r->group_points[0], "", r->pos.line);
	if (r->has_group_points[1])
		add_group(L, unit, 2, r->level1, r->level2, true, r->group_points[1], "", r->pos.line);
	if (!r->name[0]) {
		no_name_row(L, unit, r, diags);
		return;
	}
	if (name_group_row(L, unit, r))
		return;
	add_indicator(L, r, r->name, r->name_len, diags);
}

/* "20分" in a 备注 cell: the points of the row. */
static bool remark_points(const char *s, ps_dec *out)
{
	size_t n = strlen(s);
	n = ps_trim(&s, n);
	if (n < 4 || memcmp(s + n - 3, "分", 3) != 0)
		return false;
	size_t i = 0;
	while (i < n - 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return false;
	if (i < n - 3 && s[i] == '.') {
		size_t j = ++i;
		while (i < n - 3 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == j)
			return false;
	}
	if (i != n - 3)
		return false;
	return ps_dec_parse(out, s, i) == i;
}

/* The group and category records of one unit (indices into L->groups and
 * L->cats). */
typedef struct {
	const size_t *g, *c;
	size_t ng, nc;
} unit_recs;

/* Points written in 备注 ("20分") when the table has no points of its own:
 * decided per unit, by most of its non-empty 备注 cells. */
static void remark_as_points(loader *L, size_t u, const unit_recs *rec)
{
	if (L->hdr->idx[PS_F_REMARK] < 0)
		return;
	ps_unit *unit = &L->t->units[u];
	/* a points column that is there but empty does not count */
	size_t nonempty = 0, fen = 0;
	ps_dec v;
	for (size_t i = 0; i < unit->n; i++) {
		const ps_indicator *ind = &unit->v[i];
		if (ind->has_points && L->hdr->idx[PS_F_POINTS] >= 0)
			return;
		if (!ind->remark[0])
			continue;
		nonempty++;
		fen += remark_points(ind->remark, &v);
	}
	if (nonempty == 0 || 2 * fen <= nonempty)
		return;
	for (size_t i = 0; i < unit->n; i++) {
		ps_indicator *ind = &unit->v[i];
		if (remark_points(ind->remark, &v)) {
			ind->points = v;
			ind->has_points = true;
		}
	}
	for (size_t k = 0; k < rec->ng; k++) {
		group_rec *g = &L->groups[rec->g[k]];
		if (!g->has_points && remark_points(g->remark, &v)) {
			g->points = v;
			g->has_points = true;
		}
	}
	L->t->has_field[PS_F_POINTS] = true;
}

/* The 隆阳 layout: a "一、…" row with its own points over "1、… 2、…" rows is
 * their subtotal, not one more indicator. */
static void numbered_parents(loader *L, size_t u, ps_diags *diags)
{
	ps_unit *unit = &L->t->units[u];
	ps_numbering *num = L->num[u];
	size_t w = 0;
	for (size_t i = 0; i < unit->n; i++) {
		if (num[i] != PS_NUM_CHINESE || i + 1 >= unit->n || num[i + 1] != PS_NUM_ARABIC) {
			if (w != i) { /* most units have no parent rows: nothing moves */
				num[w] = num[i];
				unit->v[w] = unit->v[i];
			}
			w++;
			continue;
		}
		ps_indicator *p = &unit->v[i];
		ps_dec sum = 0;
		bool any = false;
		for (size_t j = i + 1; j < unit->n && num[j] == PS_NUM_ARABIC; j++) {
			ps_indicator *c = &unit->v[j];
			if (!c->level2[0] || strcmp(c->level2, c->level1) == 0) {
				c->level2 = p->name; /* the unit's strings outlive p */
				c->level2_len = p->name_len;
			}
			if (c->has_points) {
				sum += c->points;
				any = true;
			}
		}
		if (p->has_points && any && sum != p->points) {
			char a[32], b[32];
			ps_dec_format(a, sizeof a, p->points, 0, 6);
			ps_dec_format(b, sizeof b, sum, 0, 6);
			ps_diags_add(diags, PS_D_GROUP_POINTS, at(L, p->pos.line),
			             "group \"%s\" is marked %s分 but the rows under it add up to %s分", p->name, a,
			             b);
		}
	}
	unit->n = w;
}

/* Keys of groups and duplicates are their parts' name keys joined by 0x1F
 * (as ps_key_join would), built in reused buffers. */

/* key = the name key of s (through the loader's memo). */
static void name_key_into(loader *L, ps_buf *key, const char *s)
{
	ps_key_clear(key);
	ps_name_key_memo(L->name_keys, key, s); /* sets key->s even for "" */
}

/* The same for s of n bytes (0: count them). */
static void name_key_into_n(loader *L, ps_buf *key, const char *s, size_t n)
{
	ps_key_clear(key);
	ps_name_key_memo_n(L->name_keys, key, s, n ? n : strlen(s));
}

static void key_append(ps_buf *key, const ps_buf *part)
{
	ps_key_add(key, "\x1f", 1);
	ps_key_add(key, part->s, part->n);
}

/* The key of a level name, computed again only when the name changes (the
 * rows of a group follow each other, often sharing one string). */
typedef struct {
	const char *s;
	size_t n;           /* strlen(s) */
	ps_buf *key;
} key_cache;

/* Returns whether the key changed. s is n bytes long (0: count them). */
static bool cached_key(loader *L, key_cache *c, const char *s, size_t n)
{
	if (c->s == s)
		return false;
	if (!n)
		n = strlen(s);
	if (c->s && c->n == n && ps_same_bytes(c->s, s, n))
		return false;
	name_key_into_n(L, c->key, s, n);
	c->s = s;
	c->n = n;
	return true;
}

/* Points per group of one unit. */
typedef struct {
	ps_smallmap map;
	ps_dec *sum;
	bool *any;
	size_t n, cap;
} sums;

static size_t group_slot(sums *g, const ps_buf *key)
{
	bool created;
	size_t slot = *ps_smallmap_get(&g->map, key->s, key->n, true, g->n, &created);
	if (created) {
		if (g->n == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 32;
			g->sum = ps_xrealloc(g->sum, g->cap * sizeof *g->sum);
			g->any = ps_xrealloc(g->any, g->cap * sizeof *g->any);
		}
		g->sum[g->n] = 0;
		g->any[g->n] = false;
		g->n++;
	}
	return slot;
}

static void warn_dup(loader *L, const ps_indicator *ind, size_t first, ps_diags *diags)
{
	if (ind->id[0])
		ps_diags_add(diags, PS_D_DUP_INDICATOR, at(L, ind->pos.line),
		             "duplicate indicator id \"%s\" (\"%s\"): the same as line %zu", ind->id, ind->name,
		             first);
	else
		ps_diags_add(diags, PS_D_DUP_INDICATOR, at(L, ind->pos.line),
		             "duplicate indicator \"%s\" (一级 \"%s\", 二级 \"%s\"): the same as line %zu", ind->name,
		             ind->level1, ind->level2, first);
}

/* Sum the points of a unit's groups, set the name keys of its indicators
 * (in the unit's strings, or the name itself when it is its own key, as
 * most are) and find its duplicate indicators. */
static void scan_unit(loader *L, ps_unit *unit, sums *g, ps_smallmap *dups, ps_diags *diags)
{
	key_cache c1 = {NULL, 0, &L->k1}, c2 = {NULL, 0, &L->k2};
	ps_buf *key = &L->key;
	size_t slots[2] = {0, 0}; /* of the group keys: the same while the levels are */
	for (size_t i = 0; i < unit->n; i++) {
		ps_indicator *ind = &unit->v[i];
		bool new1 = cached_key(L, &c1, ind->level1, ind->level1_len);
		bool new2 = cached_key(L, &c2, ind->level2, ind->level2_len);
		for (int depth = 1; depth <= 2; depth++) {
			if (new1 || (depth == 2 && new2)) {
				ps_key_clear(key);
				ps_key_add(key, L->k1.s, L->k1.n);
				if (depth == 2)
					key_append(key, &L->k2);
				slots[depth - 1] = group_slot(g, key);
			}
			size_t slot = slots[depth - 1];
			if (ind->has_points) {
				g->sum[slot] += ind->points;
				g->any[slot] = true;
			}
		}
		/* The duplicate key: a tag, the slot of the 二级 group (it stands
		 * for the 一级 and 二级 keys, as the unit's group map is cleared
		 * with the duplicates') and the name key, built where the name key
		 * is looked up; or, as an id tells indicators apart whatever their
		 * names, a tag and the id. */
		/* the tag and the slot added as they are: an array of both
		 * written and read back at once waited for its two stores */
		ps_key_clear(key);
		ps_key_add(key, "n", 1);
		ps_key_add(key, &slots[1], sizeof slots[1]);
		size_t head = 1 + sizeof slots[1];
		size_t nl = ind->name_len ? ind->name_len : strlen(ind->name);
		bool same;
		size_t kl = ps_name_key_memo_same(L->name_keys, key, ind->name, nl, &same);
		ind->name_key = same ? ind->name : unit_str(L, unit, key->s + head, kl);
		if (ind->id[0]) {
			ps_key_clear(key);
			ps_buf_addc(key, 'i');
			ps_key_add(key, ind->id, ind->id_len ? ind->id_len : strlen(ind->id));
		}
		bool created;
		size_t *first = ps_smallmap_get(dups, key->s, key->n, true, ind->pos.line, &created);
		if (!created)
			warn_dup(L, ind, *first, diags);
	}
}

/* L->key = the key of a group or category row (its 一级, and 二级 if depth 2). */
static void rec_key(loader *L, const group_rec *r, int depth)
{
	name_key_into(L, &L->key, r->l1);
	if (depth == 2) {
		name_key_into(L, &L->k1, r->l2);
		key_append(&L->key, &L->k1);
	}
}

static void check_group_points(loader *L, const group_rec *gr, sums *g, ps_diags *diags)
{
	if (!gr->has_points)
		return;
	rec_key(L, gr, gr->depth);
	size_t *slot = ps_smallmap_get(&g->map, L->key.s, L->key.n, false, 0, NULL);
	if (!slot || !g->any[*slot] || g->sum[*slot] == gr->points)
		return;
	char a[32], b[32];
	ps_dec_format(a, sizeof a, gr->points, 0, 6);
	ps_dec_format(b, sizeof b, g->sum[*slot], 0, 6);
	ps_diags_add(diags, PS_D_GROUP_POINTS, at(L, gr->line),
	             "group \"%s\" is marked %s分 but its indicators add up to %s分",
	             gr->depth == 2 ? gr->l2 : gr->l1, a, b);
}

/* The maps check_unit clears and reuses from unit to unit. */
struct checker {
	sums g;
	ps_smallmap dups, seen;
};

/* Categories, group points and duplicate indicators of one unit. */
static void check_unit(loader *L, size_t u, const unit_recs *rec, ps_diags *diags)
{
	ps_table *t = L->t;
	struct checker *c = L->chk;
	ps_smallmap_clear(&c->g.map);
	ps_smallmap_clear(&c->dups);
	ps_smallmap_clear(&c->seen);
	c->g.n = 0;
	scan_unit(L, &t->units[u], &c->g, &c->dups, diags);
	for (size_t k = 0; k < rec->ng; k++)
		check_group_points(L, &L->groups[rec->g[k]], &c->g, diags);
	for (size_t k = 0; k < rec->nc; k++) {
		rec_key(L, &L->cats[rec->c[k]], 2);
		const ps_buf *key = &L->key;
		bool created;
		ps_smallmap_get(&c->seen, key->s, key->n, true, 0, &created);
		if (created && !ps_smallmap_get(&c->g.map, key->s, key->n, false, 0, NULL))
			t->units[u].n_categories++;
	}
}

/* Everything that needs a unit's rows all read: 隆阳 subtotals, points in
 * 备注, group points, duplicates, categories. */
static void finish_one(loader *L, size_t u, const unit_recs *rec, ps_diags *diags)
{
	ps_unit *unit = &L->t->units[u];
	numbered_parents(L, u, diags);
	remark_as_points(L, u, rec);
	check_unit(L, u, rec, diags); /* the name keys too */
	for (size_t i = 0; i < unit->n; i++) {
		unit->v[i].unit_code = unit->code;
		unit->v[i].unit_name = unit->name;
	}
	L->t->n_rows += unit->n;
	if (!L->num_spare) {
		L->num_spare = L->num[u];
		L->num_spare_cap = L->num_cap[u];
	} else {
		free(L->num[u]);
	}
	L->num[u] = NULL;
	L->num_cap[u] = 0;
	/* the next unit's strings likely take as much room (a quarter more for
	 * the actual values matched in later) */
	size_t used = ps_pool_used(unit->strings);
	used += used / 4;
	L->pool_chunk = used < POOL_CHUNK_MIN ? POOL_CHUNK_MIN : used > POOL_CHUNK_MAX ? POOL_CHUNK_MAX : used;
}


/* Streaming: unit u's rows have ended (another unit's began, or the file). */
static void finish_unit(loader *L, size_t u, ps_diags *diags)
{
	size_t need = (L->n_groups > L->n_cats ? L->n_groups : L->n_cats) + 1;
	if (need > L->rec_cap) {
		L->rec_cap = need * 2;
		L->rec_g = ps_xrealloc(L->rec_g, L->rec_cap * sizeof *L->rec_g);
		L->rec_c = ps_xrealloc(L->rec_c, L->rec_cap * sizeof *L->rec_c);
	}
	size_t *g = L->rec_g, *c = L->rec_c;
	unit_recs rec = {g, c, 0, 0};
	for (size_t k = 0; k < L->n_groups; k++)
		if (L->groups[k].unit == u)
			g[rec.ng++] = k;
	for (size_t k = 0; k < L->n_cats; k++)
		if (L->cats[k].unit == u)
			c[rec.nc++] = k;
	finish_one(L, u, &rec, diags);
	/* the records of the units before (a split unit's) go too */
	L->n_groups = L->n_cats = 0;
	ps_pool_clear(&L->rec_strings);
	L->n_done = u + 1;
}

/* Records of v[0..n) sorted by unit (stable): their indices. */
static size_t *by_unit(const group_rec *v, size_t n, size_t n_units, size_t **start)
{
	size_t *cnt = ps_xcalloc(n_units + 1, sizeof *cnt), *idx = ps_xcalloc(n + 1, sizeof *idx);
	for (size_t i = 0; i < n; i++)
		cnt[v[i].unit + 1]++;
	for (size_t u = 0; u < n_units; u++)
		cnt[u + 1] += cnt[u];
	size_t *fill = ps_xmalloc((n_units + 1) * sizeof *fill);
	memcpy(fill, cnt, (n_units + 1) * sizeof *fill);
	for (size_t i = 0; i < n; i++)
		idx[fill[v[i].unit]++] = i;
	free(fill);
	*start = cnt;
	return idx;
}

/* The whole table read (rows of a unit may come back after another's):
 * finish every unit. */
static void finish_all(loader *L, ps_diags *diags)
{
	ps_table *t = L->t;
	size_t *gs, *cs;
	size_t *gi = by_unit(L->groups, L->n_groups, t->n_units, &gs);
	size_t *ci = by_unit(L->cats, L->n_cats, t->n_units, &cs);
	for (size_t u = 0; u < t->n_units; u++) {
		unit_recs rec = {gi + gs[u], ci + cs[u], gs[u + 1] - gs[u], cs[u + 1] - cs[u]};
		finish_one(L, u, &rec, diags);
	}
	free(gi);
	free(gs);
	free(ci);
	free(cs);
}

static bool unit_empty(const ps_unit *unit)
{
	return unit->n == 0 && unit->n_categories == 0;
}

void ps_unit_dispose(ps_unit *unit)
{
	free(unit->v);
	unit->v = NULL;
	unit->n = unit->cap = 0;
	ps_pool_free(&unit->strings);
}

/* A unit that ended up with neither indicators nor categories (a title or
 * group row alone) is not a unit to score. */
static void drop_empty_units(ps_table *t)
{
	size_t w = 0;
	for (size_t u = 0; u < t->n_units; u++) {
		ps_unit *unit = &t->units[u];
		if (unit_empty(unit)) {
			ps_unit_dispose(unit);
			continue;
		}
		t->budget[w] = t->budget[u];
		t->stated[w] = t->stated[u];
		t->units[w++] = *unit;
	}
	t->n_units = w;
}

static void loader_dispose(loader *L)
{
	ps_keymap_free(L->unit_keys);
	ps_pool_free(&L->seq_keys);
	free(L->seq);
	for (size_t u = 0; u < L->n_num; u++)
		free(L->num[u]);
	free(L->num);
	free(L->num_cap);
	free(L->num_spare);
	free(L->groups);
	free(L->cats);
	ps_pool_free(&L->rec_strings);
	set_grp(&L->grp_l1, "");
	set_grp(&L->grp_l2, "");
	ps_memo_free(L->name_keys);
	ps_memo_free(L->targets);
	free(L->recent);
	ps_buf_dispose(&L->key);
	ps_buf_dispose(&L->k1);
	ps_buf_dispose(&L->k2);
	free(L->rec_g);
	free(L->rec_c);
	if (L->chk) {
		ps_smallmap_dispose(&L->chk->g.map);
		free(L->chk->g.sum);
		free(L->chk->g.any);
		ps_smallmap_dispose(&L->chk->dups);
		ps_smallmap_dispose(&L->chk->seen);
		free(L->chk);
	}
}

/* A total row belongs to the unit of the rows above it. */
static void stated_total(loader *L, ps_sheet *sh)
{
	ps_stated_total st;
	if (ps_sheet_take_total(sh, &st) && L->have_unit)
		L->t->stated[L->cur_unit] = st;
}

struct ps_table_reader {
	loader L;
	ps_source *src;     /* streaming: its pages go behind the reader (NULL: hold) */
	ps_sheet *sh;
	ps_table *t;
	size_t next_out;    /* streaming: the next finished unit to hand out */
	size_t given;       /* the unit handed out last (SIZE_MAX: none) */
	bool eof;
	int rc;             /* at eof: PS_OK or the error */
};

/* stream: hand units out as they end, letting src's pages go behind the
 * reader (NULL: hold the whole table). */
static int reader_open(ps_table_reader **out, const ps_source *src, ps_source *stream, ps_diags *diags)
{
	*out = NULL;
	ps_sheet *sh;
	int rc = ps_sheet_open(&sh, src, PS_HDR_TARGETS, diags);
	if (rc != PS_OK)
		return rc;
	ps_table_reader *r = ps_xcalloc(1, sizeof *r);
	ps_table *t = r->t = ps_xcalloc(1, sizeof *t);
	r->sh = sh;
	r->src = stream;
	r->given = SIZE_MAX;
	t->file = ps_xstrdup(src->name);
	const ps_header *h = ps_sheet_header(sh);
	for (int f = 1; f < PS_F__COUNT; f++)
		t->has_field[f] = h->idx[f] >= 0;
	/* a column named only 说明 or 原因 is a note, not a self-evaluation */
	t->self_eval = t->has_field[PS_F_ACTUAL] || t->has_field[PS_F_SCORE] || t->has_field[PS_F_NA] ||
	               (t->has_field[PS_F_REASON] && h->prio[PS_F_REASON] > PS_PRIO_WEAK);
	loader *L = &r->L;
	L->t = t;
	L->hdr = h;
	L->file = src->name;
	L->unit_keys = ps_keymap_new();
	L->keys_in_order = true;
	L->grp_l1 = L->grp_l2 = ps_str_empty;
	L->stream = stream != NULL;
	L->chk = ps_xcalloc(1, sizeof *L->chk);
	L->name_keys = ps_memo_new(MEMO_ENTRIES, MEMO_BYTES);
	L->targets = ps_memo_new(MEMO_ENTRIES, MEMO_BYTES);
	L->recent = ps_xmalloc(((size_t)1 << TSLOT_BITS) * sizeof *L->recent);
	for (size_t i = 0; i < (size_t)1 << TSLOT_BITS; i++)
		L->recent[i].tl = UINT32_MAX;
	L->pool_chunk = POOL_CHUNK_MIN;
	*out = r;
	return PS_OK;
}

/* Read one row; false at the end of the sheet (r->rc says how it ended). */
static bool read_row(ps_table_reader *r, ps_diags *diags)
{
	ps_sheet_row *row;
	r->L.diags = diags;
	int rc = ps_sheet_next(r->sh, &row, diags);
	stated_total(&r->L, r->sh); /* a total row read before row closes the unit above */
	if (rc > 0) {
		take_row(&r->L, row, diags);
		/* the text before this row is read through: a big file's pages go */
		if (r->src)
			ps_source_release(r->src, row->offset);
		return true;
	}
	r->eof = true;
	r->rc = rc;
	return false;
}

static int no_rows(ps_table_reader *r, ps_diags *diags)
{
	ps_diags_add(diags, PS_D_EMPTY, at(&r->L, ps_sheet_header_line(r->sh)), "no indicator rows below the header");
	return PS_EINPUT;
}

int ps_table_reader_open(ps_table_reader **out, ps_source *src, ps_diags *diags)
{
	return reader_open(out, src, src, diags);
}

ps_table *ps_table_reader_table(ps_table_reader *r)
{
	return r->t;
}

int ps_table_reader_next(ps_table_reader *r, size_t *unit, ps_diags *diags)
{
	ps_table *t = r->t;
	loader *L = &r->L;
	if (r->given != SIZE_MAX) {
		ps_unit_dispose(&t->units[r->given]);
		r->given = SIZE_MAX;
	}
	for (;;) {
		while (r->next_out < L->n_done) {
			size_t u = r->next_out++;
			if (unit_empty(&t->units[u])) {
				ps_unit_dispose(&t->units[u]);
				continue;
			}
			r->given = *unit = u;
			return 1;
		}
		if (r->eof) {
			if (r->rc == PS_OK && t->n_rows == 0) {
				r->rc = no_rows(r, diags);
				return r->rc;
			}
			return r->rc == PS_OK ? 0 : r->rc;
		}
		if (!read_row(r, diags) && r->rc == PS_OK && L->have_unit && L->cur_unit >= L->n_done) {
			L->diags = diags;
			finish_unit(L, L->cur_unit, diags);
		}
	}
}

void ps_table_reader_take(ps_table_reader *r, ps_unit *unit, ps_budget *budget)
{
	ps_table *t = r->t;
	*unit = t->units[r->given];
	*budget = t->budget[r->given];
	t->units[r->given].v = NULL;
	t->units[r->given].n = t->units[r->given].cap = 0;
	t->units[r->given].strings = NULL; /* the caller's now */
	r->given = SIZE_MAX;
}

void ps_table_reader_share(ps_table_reader *r)
{
	ps_sheet_share(r->sh, 0);
}

bool ps_table_reader_help(ps_table_reader *r)
{
	return ps_sheet_help(r->sh);
}

void ps_table_reader_free(ps_table_reader *r)
{
	if (!r)
		return;
	loader_dispose(&r->L);
	ps_sheet_free(r->sh);
	ps_table_free(r->t);
	free(r);
}

int ps_table_load(ps_table **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags)
{
	(void)opts; /* the encoding was applied when the source was opened */
	*out = NULL;
	ps_table_reader *r;
	int rc = reader_open(&r, src, NULL, diags);
	if (rc != PS_OK)
		return rc;
	while (read_row(r, diags))
		;
	rc = r->rc;
	if (rc == PS_OK) {
		finish_all(&r->L, diags);
		drop_empty_units(r->t);
		if (r->t->n_rows == 0)
			rc = no_rows(r, diags);
	}
	if (rc == PS_OK) {
		*out = r->t;
		r->t = NULL;
	}
	ps_table_reader_free(r);
	return rc;
}

void ps_table_free(ps_table *t)
{
	if (!t)
		return;
	for (size_t u = 0; u < t->n_units; u++)
		ps_unit_dispose(&t->units[u]);
	ps_pool_free(&t->names);
	free(t->units);
	free(t->budget);
	free(t->stated);
	free(t->file);
	free(t);
}
