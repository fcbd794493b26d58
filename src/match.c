/* match.c: actual rows to target indicators through hash keys (指标编码, or
 * unit + normalised name), narrowed by 一级/二级; never a quadratic scan. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The indicators sharing one key. */
/* A big bucket's candidates by level, built the first time an actual row
 * has to be told apart in it: "1" 一级, "2" 二级, "3" 一级 + 二级 keys, each
 * to the list of candidate positions (bucket order). Without it, rows that
 * repeat one name thousands of times would narrow in quadratic time. */
typedef struct {
	ps_keymap *map;
	size_t **pos, *len, *cap;
	size_t n, cap_lists;
} levels;

typedef struct {
	size_t *unit, *ind;
	size_t n, cap;
	bool multi_unit;     /* the key spans units (no unit to key by) */
	levels *lv;          /* NULL until needed */
} bucket;

#define LEVELS_FROM 16   /* candidates from which narrowing uses `levels` */

static void levels_free(levels *lv)
{
	if (!lv)
		return;
	for (size_t i = 0; i < lv->n; i++)
		free(lv->pos[i]);
	free(lv->pos);
	free(lv->len);
	free(lv->cap);
	ps_keymap_free(lv->map);
	free(lv);
}

typedef struct {
	ps_keymap *map;
	bucket *v;
	size_t n, cap;
} index_t;

typedef enum { BY_NONE, BY_CODE, BY_NAME } unit_mode;

/* What matching reuses from row to row: the buffers keys are built in (no
 * allocation per row), a memo of name keys (the names and levels of actual
 * rows recur: a few hundred texts for thousands of rows) and the candidate
 * lists. Per ps_match call or matcher, never shared between threads. */
typedef struct {
	ps_memo *keys;      /* text -> ps_name_key */
	ps_buf key, k1, k2, have;
	size_t *cu, *ci, cap;   /* candidates of one actual row */
	size_t *base, *taken, cap_base, cap_taken; /* see match_rows */
	/* a small unit matched without an index (see find_small): its name
	 * keys and their lengths, and the candidates of one row */
	const char **nk;
	size_t *nkl, cap_nk;
	uint64_t *nkt, *namet; /* last (up to) 8 bytes of the key, of the name */
	bool keys_apart;       /* no two name keys of the unit alike in length and tail */
	bucket small;
} scratch;

#define MEMO_ENTRIES 4096
#define MEMO_BYTES ((size_t)1 << 20)
/* Room for the actual values copied into a unit's strings. */
#define ACTUAL_CHUNK 256

static void scratch_init(scratch *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->keys = ps_memo_new(MEMO_ENTRIES, MEMO_BYTES);
	ps_buf_add(&sc->key, "", 0); /* every buffer's s is set */
	ps_buf_add(&sc->k1, "", 0);
	ps_buf_add(&sc->k2, "", 0);
	ps_buf_add(&sc->have, "", 0);
}

static void scratch_dispose(scratch *sc)
{
	ps_memo_free(sc->keys);
	ps_buf_dispose(&sc->key);
	ps_buf_dispose(&sc->k1);
	ps_buf_dispose(&sc->k2);
	ps_buf_dispose(&sc->have);
	free(sc->cu);
	free(sc->ci);
	free(sc->base);
	free(sc->taken);
	free(sc->nk);
	free(sc->nkl);
	free(sc->nkt);
	free(sc->namet);
	free(sc->small.unit);
	free(sc->small.ind);
}

/* out = ps_name_key(s). */
static void name_key(scratch *sc, ps_buf *out, const char *s)
{
	ps_buf_clear(out);
	ps_name_key_memo(sc->keys, out, s);
}

/* out = ps_name_key(s), s being n bytes long (0: count them). */
static void name_key_n(scratch *sc, ps_buf *out, const char *s, size_t n)
{
	ps_buf_clear(out);
	if (n)
		ps_name_key_memo_n(sc->keys, out, s, n);
	else
		ps_name_key_memo(sc->keys, out, s);
}

/* sc->key = the unit part of a key (by mode), 0x1F, then k[0..n). */
static void make_key(scratch *sc, unit_mode mode, const char *code, const char *uname, const char *k,
                     size_t n)
{
	ps_buf *key = &sc->key;
	ps_buf_clear(key);
	if (mode == BY_CODE)
		ps_code_key_buf(key, code);
	else if (mode == BY_NAME)
		ps_name_key_memo(sc->keys, key, uname);
	ps_buf_addc(key, '\x1f');
	ps_key_add(key, k, n);
}

static void index_add(index_t *x, const ps_buf *key, size_t u, size_t i)
{
	bool created;
	size_t *slot = ps_keymap_get(x->map, key->s, key->n, true, x->n, &created);
	if (created) {
		if (x->n == x->cap) {
			size_t old = x->cap;
			x->cap = x->cap ? x->cap * 2 : 64;
			x->v = ps_xrealloc(x->v, x->cap * sizeof *x->v);
			memset(x->v + old, 0, (x->cap - old) * sizeof *x->v);
		}
		/* a bucket of an index reset for the next unit keeps its arrays */
		x->v[x->n].n = 0;
		x->v[x->n].multi_unit = false;
		levels_free(x->v[x->n].lv);
		x->v[x->n].lv = NULL;
		x->n++;
	}
	bucket *b = &x->v[*slot];
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 2;
		b->unit = ps_xrealloc(b->unit, b->cap * sizeof *b->unit);
		b->ind = ps_xrealloc(b->ind, b->cap * sizeof *b->ind);
	}
	if (b->n > 0 && b->unit[0] != u)
		b->multi_unit = true;
	b->unit[b->n] = u;
	b->ind[b->n] = i;
	b->n++;
}

static bucket *index_get(const index_t *x, const ps_buf *key)
{
	size_t *slot = x->map ? ps_keymap_get(x->map, key->s, key->n, false, 0, NULL) : NULL;
	return slot ? &x->v[*slot] : NULL;
}

static void index_dispose(index_t *x)
{
	for (size_t i = 0; i < x->cap; i++) {
		free(x->v[i].unit);
		free(x->v[i].ind);
		levels_free(x->v[i].lv);
	}
	free(x->v);
	ps_keymap_free(x->map);
}

static unit_mode choose_mode(const ps_table *t, const ps_actuals *a)
{
	bool tc = false, tn = false, ac = false, an = false;
	for (size_t u = 0; u < t->n_units; u++) {
		tc |= t->units[u].code[0] != '\0';
		tn |= t->units[u].name[0] != '\0';
	}
	for (size_t i = 0; i < a->n; i++) {
		ac |= a->v[i].unit_code[0] != '\0';
		an |= a->v[i].unit_name[0] != '\0';
	}
	if (tc && ac)
		return BY_CODE;
	if (tn && an)
		return BY_NAME;
	return BY_NONE;
}

/* A copy of s in the unit's strings (which own every string of its
 * indicators) into *dst, its length into *len (0 when it does not fit:
 * the writers count it then). known: s's length as the loader kept it
 * (0: count it). */
static void set_str(ps_unit *unit, char **dst, uint32_t *len, const char *s, uint32_t known)
{
	size_t n = known ? known : strlen(s);
	*dst = n ? ps_pool_add(&unit->strings, s, n, ACTUAL_CHUNK) : ps_str_empty;
	*len = n <= UINT32_MAX ? (uint32_t)n : 0;
}

/* The actual row's values win; its empty cells do not erase what a
 * self-evaluation table already said. */
static void apply(ps_unit *unit, ps_indicator *ind, const ps_actual *x)
{
	ind->has_actual = true;
	set_str(unit, &ind->actual_text, &ind->actual_len, x->actual_text, x->actual_len);
	if (x->has_given_score) {
		ind->given_score = x->given_score;
		ind->has_given_score = true;
	}
	if (x->reason[0])
		set_str(unit, &ind->reason, &ind->reason_len, x->reason, x->reason_len);
	ind->not_applicable = x->not_applicable;
	ind->actual_pos = x->pos;
}

/* out = a level name as a key, without the "指标" most of them end with:
 * "产出" and "产出指标" are one 一级. */
static void level_key(scratch *sc, ps_buf *out, const char *s)
{
	name_key(sc, out, s);
	size_t m = strlen("指标");
	if (out->n > m && memcmp(out->s + out->n - m, "指标", m) == 0) {
		out->n -= m;
		out->s[out->n] = '\0';
	}
}

static bool same_key(const ps_buf *a, const ps_buf *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* sc->key = tag, k1 (and k2) joined by 0x1F. */
static void levels_key(scratch *sc, char tag, const ps_buf *k1, const ps_buf *k2)
{
	ps_buf *key = &sc->key;
	ps_buf_clear(key);
	ps_buf_addc(key, tag);
	ps_buf_addc(key, '\x1f');
	ps_key_add(key, k1->s, k1->n);
	if (k2) {
		ps_buf_addc(key, '\x1f');
		ps_key_add(key, k2->s, k2->n);
	}
}

static void levels_put(levels *lv, scratch *sc, char tag, const ps_buf *k1, const ps_buf *k2, size_t k)
{
	levels_key(sc, tag, k1, k2);
	bool created;
	size_t slot = *ps_keymap_get(lv->map, sc->key.s, sc->key.n, true, lv->n, &created);
	if (created) {
		if (lv->n == lv->cap_lists) {
			lv->cap_lists = lv->cap_lists ? lv->cap_lists * 2 : 8;
			lv->pos = ps_xrealloc(lv->pos, lv->cap_lists * sizeof *lv->pos);
			lv->len = ps_xrealloc(lv->len, lv->cap_lists * sizeof *lv->len);
			lv->cap = ps_xrealloc(lv->cap, lv->cap_lists * sizeof *lv->cap);
		}
		lv->pos[lv->n] = NULL;
		lv->len[lv->n] = lv->cap[lv->n] = 0;
		lv->n++;
	}
	if (lv->len[slot] == lv->cap[slot]) {
		lv->cap[slot] = lv->cap[slot] ? lv->cap[slot] * 2 : 4;
		lv->pos[slot] = ps_xrealloc(lv->pos[slot], lv->cap[slot] * sizeof **lv->pos);
	}
	lv->pos[slot][lv->len[slot]++] = k;
}

static levels *levels_build(const ps_table *t, const bucket *b, scratch *sc)
{
	levels *lv = ps_xcalloc(1, sizeof *lv);
	lv->map = ps_keymap_new();
	for (size_t k = 0; k < b->n; k++) {
		const ps_indicator *ind = &t->units[b->unit[k]].v[b->ind[k]];
		level_key(sc, &sc->k1, ind->level1);
		level_key(sc, &sc->k2, ind->level2);
		levels_put(lv, sc, '1', &sc->k1, NULL, k);
		levels_put(lv, sc, '2', &sc->k2, NULL, k);
		levels_put(lv, sc, '3', &sc->k1, &sc->k2, k);
	}
	return lv;
}

/* The candidate positions of one level key ('1', '2', '3'): *n of them. */
static const size_t *levels_get(const levels *lv, scratch *sc, char tag, const ps_buf *k1, const ps_buf *k2,
                                size_t *n)
{
	levels_key(sc, tag, k1, k2);
	size_t *slot = ps_keymap_get(lv->map, sc->key.s, sc->key.n, false, 0, NULL);
	*n = slot ? lv->len[*slot] : 0;
	return slot ? lv->pos[*slot] : NULL;
}

/* narrow() for a big bucket, through its levels index: the same result. */
static size_t narrow_big(const ps_table *t, scratch *sc, bucket *b, const ps_actual *x)
{
	if (!b->lv)
		b->lv = levels_build(t, b, sc);
	const ps_buf *l1 = &sc->k1, *l2 = &sc->k2;
	level_key(sc, &sc->k1, x->level1);
	level_key(sc, &sc->k2, x->level2);
	size_t n = b->n;
	const size_t *list = NULL; /* NULL: every candidate */
	bool by_l1 = false;
	if (l1->n && n > 1) {
		list = levels_get(b->lv, sc, '1', l1, NULL, &n);
		by_l1 = true;
	}
	if (l2->n && n > 1)
		list = by_l1 ? levels_get(b->lv, sc, '3', l1, l2, &n) : levels_get(b->lv, sc, '2', l2, NULL, &n);
	for (size_t k = 0; k < n; k++) {
		size_t at = list ? list[k] : k;
		sc->cu[k] = b->unit[at];
		sc->ci[k] = b->ind[at];
	}
	return n;
}

/* Keep the candidates sc->cu/ci[0..n) whose 一级/二级 agree with the actual
 * row's (when it names them); returns how many are left, compacted to the
 * front. */
static size_t narrow(const ps_table *t, scratch *sc, const ps_actual *x, size_t n)
{
	size_t *cu = sc->cu, *ci = sc->ci;
	for (int level = 1; level <= 2; level++) {
		if (n <= 1) /* most rows: nothing to tell apart, no level key needed */
			break;
		ps_buf *want = level == 1 ? &sc->k1 : &sc->k2;
		level_key(sc, want, level == 1 ? x->level1 : x->level2);
		if (!want->n)
			continue;
		size_t w = 0;
		for (size_t k = 0; k < n; k++) {
			const ps_indicator *ind = &t->units[cu[k]].v[ci[k]];
			level_key(sc, &sc->have, level == 1 ? ind->level1 : ind->level2);
			if (same_key(&sc->have, want)) {
				cu[w] = cu[k];
				ci[w] = ci[k];
				w++;
			}
		}
		n = w;
	}
	return n;
}

static void lines_of(ps_buf *b, const ps_table *t, const size_t *cu, const size_t *ci, size_t n)
{
	for (size_t k = 0; k < n && k < 5; k++)
		ps_buf_printf(b, "%s%u", k ? ", " : "", t->units[cu[k]].v[ci[k]].pos.line);
	if (n > 5)
		ps_buf_printf(b, " and %zu more", n - 5);
}

/* The indicators of t, by name (and by id when both files have ids). */
static void build_index(scratch *sc, const ps_table *t, unit_mode mode, bool by_id, index_t *names,
                        index_t *ids)
{
	for (size_t u = 0; u < t->n_units; u++) {
		const ps_unit *unit = &t->units[u];
		for (size_t i = 0; i < unit->n; i++) {
			const ps_indicator *ind = &unit->v[i];
			const char *k = ind->name_key;
			size_t n = !k ? 0 : k == ind->name && ind->name_len ? ind->name_len : strlen(k);
			if (!k) {
				name_key(sc, &sc->k1, ind->name);
				k = sc->k1.s;
				n = sc->k1.n;
			}
			make_key(sc, mode, unit->code, unit->name, k, n);
			index_add(names, &sc->key, u, i);
			if (by_id && ind->id[0]) {
				make_key(sc, mode, unit->code, unit->name, ind->id, strlen(ind->id));
				index_add(ids, &sc->key, u, i);
			}
		}
	}
}

/* Empty an index for the next unit, keeping its storage. */
static void index_reset(index_t *x)
{
	if (x->map)
		ps_keymap_clear(x->map);
	x->n = 0;
}

static void unmatched(const ps_table *t, const ps_actual *x, ps_diags *diags)
{
	ps_buf where = PS_BUF_INIT;
	if (x->unit_code[0])
		ps_buf_printf(&where, " in unit %s", x->unit_code);
	else if (x->unit_name[0])
		ps_buf_printf(&where, " in unit %s", x->unit_name);
	ps_diags_add(diags, PS_D_UNMATCHED_ACTUAL, x->pos, "actual row \"%s\" matches no indicator of %s%s",
	             x->name[0] ? x->name : x->id, t->file, where.s ? where.s : "");
	ps_buf_dispose(&where);
}

/* sc->cu/ci with room for n candidates. */
static void candidates_room(scratch *sc, size_t n)
{
	if (n > sc->cap) {
		sc->cap = n;
		sc->cu = ps_xrealloc(sc->cu, n * sizeof *sc->cu);
		sc->ci = ps_xrealloc(sc->ci, n * sizeof *sc->ci);
	}
}

/* The bucket of an actual row: by id when both files have ids, else by
 * name; NULL if none. */
static bucket *find(scratch *sc, const ps_actual *x, unit_mode mode, bool by_id, const index_t *names,
                    const index_t *ids)
{
	bucket *b = NULL;
	if (by_id && x->id[0]) {
		make_key(sc, mode, x->unit_code, x->unit_name, x->id, strlen(x->id));
		b = index_get(ids, &sc->key);
	}
	if (!b && x->name[0]) {
		name_key_n(sc, &sc->k1, x->name, x->name_len);
		make_key(sc, mode, x->unit_code, x->unit_name, sc->k1.s, sc->k1.n);
		b = index_get(names, &sc->key);
	}
	return b;
}

/* Units with fewer indicators than this are matched by a scan of their
 * indicators rather than through an index: hashing every indicator and
 * every actual row costs more than comparing a dozen lengths. Below
 * LEVELS_FROM, so that no candidate list needs a levels index. */
#define SMALL_UNIT LEVELS_FROM

static void small_push(bucket *b, size_t i)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : SMALL_UNIT;
		b->unit = ps_xrealloc(b->unit, b->cap * sizeof *b->unit);
		b->ind = ps_xrealloc(b->ind, b->cap * sizeof *b->ind);
	}
	b->unit[b->n] = 0;
	b->ind[b->n++] = i;
}

/* Ready sc->nk/nkl for find_small on unit (every indicator's name key
 * set); false if some indicator has no name key yet. */
static bool small_prepare(scratch *sc, const ps_unit *unit)
{
	if (unit->n > sc->cap_nk) {
		sc->cap_nk = unit->n;
		sc->nk = ps_xrealloc(sc->nk, sc->cap_nk * sizeof *sc->nk);
		sc->nkl = ps_xrealloc(sc->nkl, sc->cap_nk * sizeof *sc->nkl);
		sc->nkt = ps_xrealloc(sc->nkt, sc->cap_nk * sizeof *sc->nkt);
		sc->namet = ps_xrealloc(sc->namet, sc->cap_nk * sizeof *sc->namet);
	}
	for (size_t i = 0; i < unit->n; i++) {
		const ps_indicator *ind = &unit->v[i];
		if (!ind->name_key)
			return false;
		sc->nk[i] = ind->name_key;
		sc->nkl[i] = ind->name_key == ind->name && ind->name_len ? ind->name_len : strlen(ind->name_key);
		sc->nkt[i] = ps_tail8(sc->nk[i], sc->nkl[i]);
		sc->namet[i] = ps_tail8(ind->name, ind->name_len);
	}
	/* then a name found as written has its indicator alone as its bucket */
	sc->keys_apart = true;
	for (size_t i = 0; i < unit->n && sc->keys_apart; i++)
		for (size_t j = i + 1; j < unit->n; j++)
			if (sc->nkl[i] == sc->nkl[j] && sc->nkt[i] == sc->nkt[j]) {
				sc->keys_apart = false;
				break;
			}
	return true;
}

/* find() for one small unit (view unit 0, no unit in the keys), without an
 * index: the same indicators, in the same order, as the index's bucket. */
static bucket *find_small(scratch *sc, const ps_unit *unit, const ps_actual *x, bool by_id)
{
	bucket *b = &sc->small;
	b->n = 0;
	if (by_id && x->id[0]) {
		for (size_t i = 0; i < unit->n; i++)
			if (unit->v[i].id[0] && strcmp(unit->v[i].id, x->id) == 0)
				small_push(b, i);
		if (b->n)
			return b;
	}
	if (!x->name[0])
		return NULL;
	/* a name written as an indicator's is keyed as that one is: its key
	 * is known without computing it */
	size_t xl = x->name_len ? x->name_len : strlen(x->name);
	uint64_t xt = ps_tail8(x->name, xl);
	const char *k = NULL;
	size_t kn = 0;
	uint64_t kt = 0;
	for (size_t i = 0; i < unit->n; i++) {
		const ps_indicator *ind = &unit->v[i];
		if (ind->name_len == xl && sc->namet[i] == xt && memcmp(ind->name, x->name, xl) == 0) {
			if (sc->keys_apart) {
				small_push(b, i);
				return b;
			}
			k = sc->nk[i];
			kn = sc->nkl[i];
			kt = sc->nkt[i];
			break;
		}
	}
	if (!k) {
		name_key_n(sc, &sc->k1, x->name, xl);
		k = sc->k1.s;
		kn = sc->k1.n;
		kt = ps_tail8(k, kn);
	}
	for (size_t i = 0; i < unit->n; i++)
		if (sc->nkl[i] == kn && sc->nkt[i] == kt && memcmp(sc->nk[i], k, kn) == 0)
			small_push(b, i);
	return b->n ? b : NULL;
}

/* Match the actual rows rows[0..n_rows) (in file order) against the
 * indicators of t indexed in names/ids, or of t's one unit when small
 * (find_small; names and ids unused). */
static void match_rows(scratch *sc, ps_table *t, ps_actuals *a, const size_t *rows, size_t n_rows,
                       unit_mode mode, bool by_id, const index_t *names, const index_t *ids,
                       bool small, ps_diags *diags)
{
	if (t->n_units + 1 > sc->cap_base) {
		sc->cap_base = 2 * (t->n_units + 1);
		sc->base = ps_xrealloc(sc->base, sc->cap_base * sizeof *sc->base);
	}
	size_t *base = sc->base;
	base[0] = 0;
	for (size_t u = 0; u < t->n_units; u++)
		base[u + 1] = base[u] + t->units[u].n;
	/* taken[base[u] + i]: 1 + the actual row that gave indicator (u, i) its value */
	if (base[t->n_units] + 1 > sc->cap_taken) {
		sc->cap_taken = 2 * (base[t->n_units] + 1);
		sc->taken = ps_xrealloc(sc->taken, sc->cap_taken * sizeof *sc->taken);
	}
	size_t *taken = sc->taken;
	memset(taken, 0, (base[t->n_units] + 1) * sizeof *taken);
	for (size_t r = 0; r < n_rows; r++) {
		size_t j = rows ? rows[r] : r;
		ps_actual *x = &a->v[j];
		bucket *b = small ? find_small(sc, &t->units[0], x, by_id) : find(sc, x, mode, by_id, names, ids);
		if (!b) {
			x->matched = 0;
			unmatched(t, x, diags);
			continue;
		}
		candidates_room(sc, b->n);
		size_t *cu = sc->cu, *ci = sc->ci;
		size_t n = b->n;
		if (b->multi_unit) {
			/* the same name in several units and no unit to tell them
			 * apart: narrowing would cost a scan of every unit */
			size_t m = n < 5 ? n : 5;
			memcpy(cu, b->unit, m * sizeof *cu);
			memcpy(ci, b->ind, m * sizeof *ci);
		} else {
			memcpy(cu, b->unit, n * sizeof *cu);
			memcpy(ci, b->ind, n * sizeof *ci);
			size_t left = n >= LEVELS_FROM ? narrow_big(t, sc, b, x) : narrow(t, sc, x, n);
			if (left == 0) { /* levels named none of them: list them all */
				memcpy(cu, b->unit, n * sizeof *cu);
				memcpy(ci, b->ind, n * sizeof *ci);
			} else {
				n = left;
			}
		}
		if (n > 1 || b->multi_unit) {
			x->matched = (int)n;
			ps_buf lines = PS_BUF_INIT;
			lines_of(&lines, t, cu, ci, n);
			ps_diags_add(diags, PS_D_AMBIGUOUS_ACTUAL, x->pos,
			             "actual row \"%s\" matches %zu indicators (%s lines %s): add 单位编码, "
			             "一级/二级指标 or 指标编码 to tell them apart",
			             x->name[0] ? x->name : x->id, n, t->file, lines.s);
			ps_buf_dispose(&lines);
			continue;
		}
		x->matched = 1;
		size_t slot = base[cu[0]] + ci[0];
		ps_indicator *ind = &t->units[cu[0]].v[ci[0]];
		if (taken[slot]) {
			ps_diags_add(diags, PS_D_DUP_ACTUAL, x->pos,
			             "second actual row for \"%s\" (%s line %u): the first one, at line %u, is used",
			             ind->name, t->file, ind->pos.line, a->v[taken[slot] - 1].pos.line);
			continue;
		}
		taken[slot] = j + 1;
		apply(&t->units[cu[0]], ind, x);
	}
}

int ps_match(ps_table *t, ps_actuals *a, ps_diags *diags)
{
	unit_mode mode = choose_mode(t, a);
	bool by_id = t->has_field[PS_F_ID] && a->has_field[PS_F_ID];
	index_t names = {ps_keymap_new(), NULL, 0, 0}, ids = {NULL, NULL, 0, 0};
	if (by_id)
		ids.map = ps_keymap_new();
	scratch sc;
	scratch_init(&sc);
	build_index(&sc, t, mode, by_id, &names, &ids);
	match_rows(&sc, t, a, NULL, a->n, mode, by_id, &names, &ids, false, diags);
	scratch_dispose(&sc);
	index_dispose(&names);
	index_dispose(&ids);
	return PS_OK;
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Unit by unit: the actual rows grouped by unit code, each group matched
 * against its unit's indicators when the unit is read. */
struct ps_matcher {
	ps_table t;         /* the reader's table's file and columns only (its
	                     * units change on the reading thread) */
	ps_actuals *a;
	bool by_id;
	ps_keymap *groups;  /* unit code key -> group (NULL when every key
	                     * is a word in `words`) */
	struct group_slot *words; /* code keys of 1 to 8 bytes, see group_find */
	size_t words_cap;   /* a power of two, or 0 */
	size_t *group;      /* actual row i is in group group[i] */
	size_t *start;      /* group g: rows[start[g] .. start[g + 1]) */
	size_t *rows;
	bool *seen;         /* group g's unit came */
	size_t n_groups;
	index_t names, ids;
	scratch sc;
};

/* A unit's group by its code key (of 1 to 8 bytes, as most are: packed
 * into a word, the key holds no NUL) with the place of the group's rows
 * beside it: one probe, one cache miss, leads from the unit to its row
 * list, where the keymap's slot, its key's bytes and start[] were three
 * misses one after another for each unit. */
typedef struct group_slot {
	uint64_t k; /* 0: an empty slot */
	size_t g, start, n;
} group_slot;

/* w as a code key's word (0 when the key is blank or longer than 8 bytes). */
static uint64_t key_word(const ps_buf *key)
{
	uint64_t w = 0;
	if (key->n && key->n <= 8)
		memcpy(&w, key->s, key->n);
	return w;
}

/* The slot of w (> 0) in s[0..cap): its own, or the empty one it would take. */
static group_slot *group_probe(group_slot *s, size_t cap, uint64_t w)
{
	size_t j = (size_t)((w * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
	while (s[j].k && s[j].k != w)
		j = (j + 1) & (cap - 1);
	return &s[j];
}

bool ps_match_by_unit(const ps_table *t, const ps_actuals *a)
{
	if (!t->has_field[PS_F_UNIT_CODE] || !a->has_field[PS_F_UNIT_CODE])
		return false;
	/* a word is 0 for a blank code or a long one: only those rows are read */
	for (size_t i = 0; i < a->n; i++)
		if ((!a->code_word || !a->code_word[i]) && !a->v[i].unit_code[0])
			return false;
	return true;
}

/* sc->key = the code key of a unit code. */
static void code_key(scratch *sc, const char *code)
{
	ps_buf_clear(&sc->key);
	ps_buf_add(&sc->key, "", 0);
	ps_code_key_buf(&sc->key, code);
}

/* Unit codes as written of up to 8 bytes ("000123": most), packed into a
 * word (the text holds no NUL: the word tells any two apart) -> their
 * group: a multiply and a probe where a keymap hashes and compares. A
 * word and its group share a slot: a probe of a table too big for the
 * cache misses once, not twice. */
typedef struct {
	uint64_t k;      /* 0: an empty slot */
	size_t g;
} code_slot;

typedef struct {
	code_slot *s;
	size_t cap, n;   /* cap is a power of two */
} code_words;

/* The group of w (> 0) in c, *created when new (holding nothing yet). */
static size_t *code_word_get(code_words *c, uint64_t w, bool *created)
{
	if (2 * (c->n + 1) > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		code_slot *s = ps_xcalloc(cap, sizeof *s);
		for (size_t i = 0; i < c->cap; i++) {
			if (!c->s[i].k)
				continue;
			size_t j = (size_t)((c->s[i].k * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
			while (s[j].k)
				j = (j + 1) & (cap - 1);
			s[j] = c->s[i];
		}
		free(c->s);
		c->s = s;
		c->cap = cap;
	}
	size_t j = (size_t)((w * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (c->cap - 1);
	while (c->s[j].k && c->s[j].k != w)
		j = (j + 1) & (c->cap - 1);
	*created = !c->s[j].k;
	if (*created) {
		c->s[j].k = w;
		c->n++;
	}
	return &c->s[j].g;
}

/* The rows' unit codes as written, grouped on two threads: a code of 1 to
 * 8 bytes goes to the half its word's hash names (the other thread skips
 * it), a longer or blank one to half 0. Each half numbers its codes in the
 * order it meets them; the grouping was a random probe of a big table per
 * row on the main thread, with the other CPU idle. */
typedef struct {
	const ps_actuals *a;
	int half;
	size_t *group;         /* row i -> its code's number in its half (rows of this half only) */
	bool *in1;             /* row i is half 1's (written by half 1 only) */
	const char **code;     /* number -> the code as written (its first row's) */
	size_t n, cap;
} code_half;

/* A code word's half: the top bit of its hash (code_word_get's slots use
 * the bits below). */
#define WORD_HALF(w) ((unsigned)(((w) * UINT64_C(0x9E3779B97F4A7C15)) >> 63))

static void *group_half(void *arg)
{
	code_half *h = arg;
	const ps_actuals *a = h->a;
	code_words words = {NULL, 0, 0};
	ps_keymap *as_written = h->half == 0 ? ps_keymap_new() : NULL;
	for (size_t i = 0; i < a->n; i++) {
		const char *code = NULL;
		uint64_t w = 0;
		if (a->code_word) {
			w = a->code_word[i];
		} else {
			code = a->v[i].unit_code;
			size_t len = strnlen(code, 9);
			if (len <= 8)
				memcpy(&w, code, len);
		}
		bool created;
		size_t *g;
		if (w) {
			if ((int)WORD_HALF(w) != h->half)
				continue;
			g = code_word_get(&words, w, &created);
		} else {
			if (h->half)
				continue;
			code = a->v[i].unit_code;
			g = ps_keymap_get(as_written, code, strlen(code), true, 0, &created);
		}
		if (created) {
			if (h->n == h->cap) {
				h->cap = h->cap ? 2 * h->cap : 1024;
				h->code = ps_xrealloc(h->code, h->cap * sizeof *h->code);
			}
			h->code[h->n] = a->v[i].unit_code;
			*g = h->n++;
		}
		h->group[i] = *g;
		if (h->half)
			h->in1[i] = true;
	}
	ps_keymap_free(as_written);
	free(words.s);
	return NULL;
}

/* fn(a0) on this thread and fn(a1) on another (or after, if none can
 * start). */
static void run_two(void *(*fn)(void *), void *a0, void *a1)
{
	pthread_t th;
	bool two = pthread_create(&th, NULL, fn, a1) == 0;
	fn(a0);
	if (two)
		pthread_join(th, NULL);
	else
		fn(a1);
}

/* The rows [from, to) once their codes' groups are known: each row's
 * group, counted (the first round), then each row's place in m->rows from
 * `at` (the second). */
typedef struct {
	ps_matcher *m;
	size_t from, to;
	const size_t *key_group; /* half 0's codes, then half 1's (from n0 on) */
	const bool *in1;
	size_t n0;
	size_t *at;              /* per group: rows counted, then the next place */
	bool place;              /* the second round */
} row_range;

static void *group_rows(void *arg)
{
	row_range *r = arg;
	size_t *group = r->m->group;
	if (r->place) {
		for (size_t i = r->from; i < r->to; i++) /* stable: file order within a group */
			r->m->rows[r->at[group[i]]++] = i;
		return NULL;
	}
	for (size_t i = r->from; i < r->to; i++) {
		size_t g = r->key_group[r->in1[i] ? r->n0 + group[i] : group[i]];
		group[i] = g;
		r->at[g]++;
	}
	return NULL;
}

/* m->words: every group whose key is a word (word[g]; 0: not one), with
 * its rows' place; at most half full. */
static void words_build(ps_matcher *m, const uint64_t *word)
{
	size_t cap = 16;
	while (cap < 2 * m->n_groups)
		cap *= 2;
	size_t size = cap * sizeof(group_slot);
	/* a slot within one cache line */
	group_slot *s = aligned_alloc(64, size);
	if (!s)
		s = ps_xmalloc(size);
	memset(s, 0, size);
	for (size_t g = 0; g < m->n_groups; g++) {
		if (!word[g])
			continue;
		group_slot *x = group_probe(s, cap, word[g]);
		*x = (group_slot){word[g], g, m->start[g], m->start[g + 1] - m->start[g]};
	}
	m->words = s;
	m->words_cap = cap;
}

ps_matcher *ps_matcher_new(const ps_table *t, ps_actuals *a)
{
	ps_matcher *m = ps_xcalloc(1, sizeof *m);
	m->t.file = t->file;
	/* only what matching reads: the reading thread may set other columns
	 * (备注 read as points) meanwhile */
	m->t.has_field[PS_F_ID] = t->has_field[PS_F_ID];
	m->t.has_field[PS_F_UNIT_CODE] = t->has_field[PS_F_UNIT_CODE];
	m->a = a;
	m->by_id = t->has_field[PS_F_ID] && a->has_field[PS_F_ID];
	m->groups = ps_keymap_new();
	m->names.map = ps_keymap_new();
	if (m->by_id)
		m->ids.map = ps_keymap_new();
	scratch_init(&m->sc);
	size_t *group = m->group = ps_xmalloc((a->n + 1) * sizeof *group);
	bool *in1 = ps_xcalloc(a->n + 1, sizeof *in1);
	code_half h[2] = {{a, 0, group, in1, NULL, 0, 0}, {a, 1, group, in1, NULL, 0, 0}};
	run_two(group_half, &h[0], &h[1]);
	/* each code as written -> the group of its code key ("089012" and
	 * "89012" are one unit): half 0's codes, then half 1's */
	size_t n_written = h[0].n + h[1].n;
	size_t *key_group = ps_xmalloc((n_written + 1) * sizeof *key_group);
	uint64_t *group_word = ps_xmalloc((n_written + 1) * sizeof *group_word);
	bool all_words = true;
	for (size_t k = 0; k < n_written; k++) {
		const char *code = k < h[0].n ? h[0].code[k] : h[1].code[k - h[0].n];
		bool created;
		code_key(&m->sc, code);
		key_group[k] = *ps_keymap_get(m->groups, m->sc.key.s, m->sc.key.n, true, m->n_groups, &created);
		if (created) {
			group_word[m->n_groups] = key_word(&m->sc.key);
			all_words &= group_word[m->n_groups] != 0;
		}
		m->n_groups += created;
	}
	free(h[0].code);
	free(h[1].code);
	/* the rows by group, a counting sort on two threads: the first half's
	 * rows of a group before the second's */
	size_t ng = m->n_groups;
	m->start = ps_xmalloc((ng + 2) * sizeof *m->start);
	m->rows = ps_xmalloc((a->n + 1) * sizeof *m->rows);
	m->seen = ps_xcalloc(ng + 1, sizeof *m->seen);
	row_range r[2] = {{m, 0, a->n / 2, key_group, in1, h[0].n, ps_xcalloc(ng + 1, sizeof(size_t)), false},
	                  {m, a->n / 2, a->n, key_group, in1, h[0].n, ps_xcalloc(ng + 1, sizeof(size_t)), false}};
	run_two(group_rows, &r[0], &r[1]);
	size_t sum = 0;
	for (size_t g = 0; g < ng; g++) {
		m->start[g] = sum;
		size_t n0 = r[0].at[g], n1 = r[1].at[g];
		r[0].at[g] = sum;
		r[1].at[g] = sum + n0;
		sum += n0 + n1;
	}
	m->start[ng] = m->start[ng + 1] = sum;
	r[0].place = r[1].place = true;
	run_two(group_rows, &r[0], &r[1]);
	free(r[0].at);
	free(r[1].at);
	free(key_group);
	free(in1);
	words_build(m, group_word);
	free(group_word);
	if (all_words) {
		ps_keymap_free(m->groups);
		m->groups = NULL;
	}
	return m;
}

void ps_match_unit(ps_matcher *m, ps_unit *unit, ps_diags *diags)
{
	code_key(&m->sc, unit->code);
	uint64_t w = key_word(&m->sc.key);
	size_t grp, start, n_rows;
	if (w) {
		const group_slot *x = group_probe(m->words, m->words_cap, w);
		if (!x->k)
			return;
		grp = x->g;
		start = x->start;
		n_rows = x->n;
	} else {
		size_t *g = m->groups ? ps_keymap_get(m->groups, m->sc.key.s, m->sc.key.n, false, 0, NULL) : NULL;
		if (!g)
			return;
		grp = *g;
		start = m->start[grp];
		n_rows = m->start[grp + 1] - start;
	}
	m->seen[grp] = true;
	/* The group's rows lie wherever the shuffled file put them: ask for
	 * all of them (and the strings matching reads first) at once, so their
	 * cache misses overlap instead of coming one after another in
	 * match_rows. */
	const size_t *rows = m->rows + start;
	for (size_t r = 0; r < n_rows; r++) {
		const char *x = (const char *)&m->a->v[rows[r]];
		PREFETCH(x);
		PREFETCH(x + sizeof(ps_actual) - 1);
	}
	/* the unit's own keys while the rows come */
	ps_table view = m->t;
	view.units = unit;
	view.n_units = 1;
	bool small = unit->n < SMALL_UNIT && small_prepare(&m->sc, unit);
	if (!small) {
		index_reset(&m->names);
		index_reset(&m->ids);
		/* every row here is the unit's: the unit need not be part of the keys */
		build_index(&m->sc, &view, BY_NONE, m->by_id, &m->names, &m->ids);
	}
	/* the name is compared first (its first and last bytes), the value
	 * copied if it matches: stored one after the other, they are covered
	 * by the lines of the name's start and the value's end. A blank id or
	 * reason is ps_str_empty, in the cache. */
	for (size_t r = 0; r < n_rows; r++) {
		const ps_actual *x = &m->a->v[rows[r]];
		PREFETCH(x->name);
		PREFETCH(x->actual_len ? x->actual_text + x->actual_len : x->name + x->name_len);
	}
	match_rows(&m->sc, &view, m->a, rows, n_rows, BY_NONE,
	           m->by_id, &m->names, &m->ids, small, diags);
}

void ps_matcher_finish(ps_matcher *m, ps_diags *diags)
{
	/* in file order, like ps_match */
	for (size_t i = 0; i < m->a->n; i++) {
		if (!m->seen[m->group[i]]) {
			m->a->v[i].matched = 0;
			unmatched(&m->t, &m->a->v[i], diags);
		}
	}
}

void ps_matcher_free(ps_matcher *m)
{
	if (!m)
		return;
	ps_keymap_free(m->groups);
	free(m->words);
	free(m->group);
	free(m->start);
	free(m->rows);
	free(m->seen);
	index_dispose(&m->names);
	index_dispose(&m->ids);
	scratch_dispose(&m->sc);
	free(m);
}
