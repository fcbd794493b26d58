/* match.c: actual rows to target indicators through hash keys (指标编码, or
 * unit + normalised name), narrowed by 一级/二级; never a quadratic scan. */
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The indicators sharing one key. */
typedef struct {
	size_t *unit, *ind;
	size_t n, cap;
	bool multi_unit;     /* the key spans units (no unit to key by) */
} bucket;

typedef struct {
	ps_keymap *map;
	bucket *v;
	size_t n, cap;
} index_t;

typedef enum { BY_NONE, BY_CODE, BY_NAME } unit_mode;

static char *norm(const char *s)
{
	return ps_name_key(s);
}

static char *make_key(unit_mode mode, const char *code, const char *uname, const char *k)
{
	char *u = mode == BY_CODE ? ps_code_key(code) : mode == BY_NAME ? norm(uname) : ps_xstrdup("");
	const char *parts[] = {u, k};
	char *key = ps_key_join(parts, 2);
	free(u);
	return key;
}

static void index_add(index_t *x, const char *key, size_t u, size_t i)
{
	bool created;
	size_t *slot = ps_keymap_get(x->map, key, strlen(key), true, x->n, &created);
	if (created) {
		if (x->n == x->cap) {
			x->cap = x->cap ? x->cap * 2 : 64;
			x->v = ps_xrealloc(x->v, x->cap * sizeof *x->v);
		}
		memset(&x->v[x->n], 0, sizeof x->v[x->n]);
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

static const bucket *index_get(const index_t *x, const char *key)
{
	size_t *slot = x->map ? ps_keymap_get(x->map, key, strlen(key), false, 0, NULL) : NULL;
	return slot ? &x->v[*slot] : NULL;
}

static void index_dispose(index_t *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->v[i].unit);
		free(x->v[i].ind);
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

static void set_str(char **dst, const char *s)
{
	ps_str_free(*dst);
	*dst = ps_str_dup(s);
}

/* The actual row's values win; its empty cells do not erase what a
 * self-evaluation table already said. */
static void apply(ps_indicator *ind, const ps_actual *x)
{
	ind->has_actual = true;
	set_str(&ind->actual_text, x->actual_text);
	if (x->has_given_score) {
		ind->given_score = x->given_score;
		ind->has_given_score = true;
	}
	if (x->reason[0])
		set_str(&ind->reason, x->reason);
	ind->not_applicable = x->not_applicable;
	ind->actual_pos = x->pos;
}

/* A level name as a key, without the "指标" most of them end with: "产出"
 * and "产出指标" are one 一级. */
static char *level_key(const char *s)
{
	char *k = norm(s);
	size_t n = strlen(k), m = strlen("指标");
	if (n > m && strcmp(k + n - m, "指标") == 0)
		k[n - m] = '\0';
	return k;
}

/* Keep the candidates whose 一级/二级 agree with the actual row's (when it
 * names them); returns how many are left, compacted to the front. */
static size_t narrow(const ps_table *t, const ps_actual *x, size_t *cu, size_t *ci, size_t n)
{
	char *l1 = level_key(x->level1), *l2 = level_key(x->level2);
	for (int level = 1; level <= 2; level++) {
		const char *want = level == 1 ? l1 : l2;
		if (!want[0] || n <= 1)
			continue;
		size_t w = 0;
		for (size_t k = 0; k < n; k++) {
			const ps_indicator *ind = &t->units[cu[k]].v[ci[k]];
			char *have = level_key(level == 1 ? ind->level1 : ind->level2);
			if (strcmp(have, want) == 0) {
				cu[w] = cu[k];
				ci[w] = ci[k];
				w++;
			}
			free(have);
		}
		n = w;
	}
	free(l1);
	free(l2);
	return n;
}

static void lines_of(ps_buf *b, const ps_table *t, const size_t *cu, const size_t *ci, size_t n)
{
	for (size_t k = 0; k < n && k < 5; k++)
		ps_buf_printf(b, "%s%u", k ? ", " : "", t->units[cu[k]].v[ci[k]].pos.line);
	if (n > 5)
		ps_buf_printf(b, " and %zu more", n - 5);
}

int ps_match(ps_table *t, ps_actuals *a, ps_diags *diags)
{
	unit_mode mode = choose_mode(t, a);
	bool by_id = t->has_field[PS_F_ID] && a->has_field[PS_F_ID];
	index_t names = {ps_keymap_new(), NULL, 0, 0}, ids = {NULL, NULL, 0, 0};
	if (by_id)
		ids.map = ps_keymap_new();
	size_t *base = ps_xcalloc(t->n_units + 1, sizeof *base);
	for (size_t u = 0; u < t->n_units; u++) {
		base[u + 1] = base[u] + t->units[u].n;
		for (size_t i = 0; i < t->units[u].n; i++) {
			const ps_unit *unit = &t->units[u];
			const ps_indicator *ind = &unit->v[i];
			char *k = norm(ind->name);
			char *key = make_key(mode, unit->code, unit->name, k);
			index_add(&names, key, u, i);
			free(key);
			free(k);
			if (by_id && ind->id[0]) {
				key = make_key(mode, unit->code, unit->name, ind->id);
				index_add(&ids, key, u, i);
				free(key);
			}
		}
	}
	/* taken[base[u] + i]: 1 + the actual row that gave indicator (u, i) its value */
	size_t *taken = ps_xcalloc(base[t->n_units] + 1, sizeof *taken);
	size_t cap = 0, *cu = NULL, *ci = NULL;
	for (size_t j = 0; j < a->n; j++) {
		ps_actual *x = &a->v[j];
		const bucket *b = NULL;
		if (by_id && x->id[0]) {
			char *key = make_key(mode, x->unit_code, x->unit_name, x->id);
			b = index_get(&ids, key);
			free(key);
		}
		if (!b && x->name[0]) {
			char *k = norm(x->name);
			char *key = make_key(mode, x->unit_code, x->unit_name, k);
			b = index_get(&names, key);
			free(key);
			free(k);
		}
		if (!b) {
			x->matched = 0;
			ps_buf where = PS_BUF_INIT;
			if (x->unit_code[0])
				ps_buf_printf(&where, " in unit %s", x->unit_code);
			else if (x->unit_name[0])
				ps_buf_printf(&where, " in unit %s", x->unit_name);
			ps_diags_add(diags, PS_D_UNMATCHED_ACTUAL, x->pos,
			             "actual row \"%s\" matches no indicator of %s%s", x->name[0] ? x->name : x->id,
			             t->file, where.s ? where.s : "");
			ps_buf_dispose(&where);
			continue;
		}
		if (b->n > cap) {
			cap = b->n;
			cu = ps_xrealloc(cu, cap * sizeof *cu);
			ci = ps_xrealloc(ci, cap * sizeof *ci);
		}
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
			size_t left = narrow(t, x, cu, ci, n);
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
		apply(ind, x);
	}
	free(cu);
	free(ci);
	free(taken);
	free(base);
	index_dispose(&names);
	index_dispose(&ids);
	return PS_OK;
}
