/* summary.c: statistics across the units of a run (docs/summary.md): grade
 * counts, mean/median/spread of total_100 in exact decimals, the units and
 * the indicators that lose the most points. */
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "perfscore/summary.h"
#include "perfscore/text.h"

struct ps_summary_acc {
	size_t top;
	size_t n_units, n_final, n_capped;
	size_t grades[4];
	ps_dec *totals;                 /* every unit's total_100, for the median */
	size_t cap_totals;
	ps_summary_unit *worst;         /* sorted, at most top */
	size_t n_worst;
	ps_keymap *keys;                /* indicator key → index in inds */
	ps_summary_indicator *inds;
	size_t n_inds, cap_inds;
};

static const char *const grade_words[4] = {"优", "良", "中", "差"};

ps_summary_acc *ps_summary_new(size_t top)
{
	ps_summary_acc *a = ps_xcalloc(1, sizeof *a);
	a->top = top ? top : 10;
	a->worst = ps_xcalloc(a->top, sizeof *a->worst);
	a->keys = ps_keymap_new();
	return a;
}

static void unit_dispose(ps_summary_unit *u)
{
	free(u->code);
	free(u->name);
}

/* Keep the `top` units that lose the most, ties in run order. */
static void keep_worst(ps_summary_acc *a, const ps_unit_result *u, ps_dec lost)
{
	size_t at = a->n_worst;
	while (at > 0 && a->worst[at - 1].lost < lost)
		at--;
	if (at >= a->top)
		return;
	if (a->n_worst == a->top)
		unit_dispose(&a->worst[--a->n_worst]);
	memmove(&a->worst[at + 1], &a->worst[at], (a->n_worst - at) * sizeof *a->worst);
	a->n_worst++;
	ps_summary_unit *w = &a->worst[at];
	w->code = ps_xstrdup(u->unit ? u->unit->code : "");
	w->name = ps_xstrdup(u->unit ? u->unit->name : "");
	w->index = a->n_units;
	w->total_100 = u->total_100;
	w->lost = lost;
	w->grade = u->grade;
	w->final = u->final;
}

static ps_summary_indicator *indicator(ps_summary_acc *a, const char *l1, const char *l2, const char *name)
{
	const char *parts[3] = {l1 ? l1 : "", l2 ? l2 : "", name ? name : ""};
	char *key = ps_key_join(parts, 3);
	bool created;
	size_t *slot = ps_keymap_get(a->keys, key, strlen(key), true, a->n_inds, &created);
	size_t i = *slot;
	free(key);
	if (created) {
		if (a->n_inds == a->cap_inds) {
			a->cap_inds = a->cap_inds ? a->cap_inds * 2 : 16;
			a->inds = ps_xrealloc(a->inds, a->cap_inds * sizeof *a->inds);
		}
		ps_summary_indicator *s = &a->inds[a->n_inds++];
		memset(s, 0, sizeof *s);
		s->level1 = ps_xstrdup(parts[0]);
		s->level2 = ps_xstrdup(parts[1]);
		s->name = ps_xstrdup(parts[2]);
	}
	return &a->inds[i];
}

static void count(ps_summary_indicator *s, bool has_score, ps_dec points, ps_dec score)
{
	if (!has_score) {
		s->n_unscored++;
		return;
	}
	s->n_units++;
	s->points += points;
	if (score < points) {
		s->n_losing++;
		s->lost += points - score;
	}
}

void ps_summary_add(ps_summary_acc *a, const ps_unit_result *u)
{
	if (a->n_units == a->cap_totals) {
		a->cap_totals = a->cap_totals ? a->cap_totals * 2 : 64;
		a->totals = ps_xrealloc(a->totals, a->cap_totals * sizeof *a->totals);
	}
	a->totals[a->n_units] = u->total_100;
	for (int g = 0; g < 4; g++)
		if (u->grade && strcmp(u->grade, grade_words[g]) == 0)
			a->grades[g]++;
	a->n_final += u->final;
	a->n_capped += u->capped;
	keep_worst(a, u, PS_DEC(100) - u->total_100);
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *r = &u->v[i];
		if (r->status == PS_ST_NOT_APPLICABLE)
			continue;
		const ps_indicator *ind = r->ind;
		count(indicator(a, ind->level1, ind->level2, ind->name), r->has_score && ind->has_points,
		      ind->points, r->score);
	}
	if (u->budget.scored)
		count(indicator(a, "预算执行率", "", ""), u->budget.has_score, u->budget.points, u->budget.score);
	a->n_units++;
}

static int cmp_dec(const void *x, const void *y)
{
	ps_dec a = *(const ps_dec *)x, b = *(const ps_dec *)y;
	return (a > b) - (a < b);
}

/* Most points lost first; equal losses in order of first appearance. */
static int cmp_lost(const void *x, const void *y)
{
	const ps_summary_indicator *a = *(ps_summary_indicator *const *)x, *b = *(ps_summary_indicator *const *)y;
	if (a->lost != b->lost)
		return a->lost > b->lost ? -1 : 1;
	return (a > b) - (a < b);
}

static uint64_t isqrt128(unsigned __int128 v)
{
	if (v == 0)
		return 0;
	/* Newton from above: x(k+1) = (x + v/x) / 2 never goes below floor(sqrt v). */
	unsigned __int128 x = v, y = (x + 1) / 2;
	while (y < x) {
		x = y;
		y = (x + v / x) / 2;
	}
	return (uint64_t)x;
}

/* Population standard deviation of total_100, from exact sums: the totals
 * have 2 decimals, so they are whole hundredths. */
static ps_dec std_dev(const ps_dec *t, size_t n)
{
	if (n < 2)
		return 0;
	__int128 s1 = 0, s2 = 0;
	for (size_t i = 0; i < n; i++) {
		__int128 c = t[i] / 10000; /* hundredths */
		s1 += c;
		s2 += c * c;
	}
	__int128 num = (__int128)n * s2 - s1 * s1; /* n² × variance, in hundredths² */
	if (num <= 0)
		return 0;
	/* sd in millionths = sqrt(variance in hundredths² × 10^8) */
	unsigned __int128 v = (unsigned __int128)num * 100000000u / ((unsigned __int128)n * n);
	return ps_dec_round((ps_dec)isqrt128(v), 2);
}

void ps_summary_finish(ps_summary_acc *a, ps_summary *out)
{
	memset(out, 0, sizeof *out);
	out->top = a->top;
	out->n_units = a->n_units;
	out->n_final = a->n_final;
	out->n_capped = a->n_capped;
	memcpy(out->grades, a->grades, sizeof out->grades);
	if (a->n_units) {
		ps_dec sum = 0;
		for (size_t i = 0; i < a->n_units; i++)
			sum += a->totals[i];
		out->mean = ps_dec_round(sum / (ps_dec)a->n_units, 2);
		out->sd = std_dev(a->totals, a->n_units);
		qsort(a->totals, a->n_units, sizeof *a->totals, cmp_dec);
		size_t m = a->n_units / 2;
		out->median = a->n_units % 2 ? a->totals[m] : ps_dec_round((a->totals[m - 1] + a->totals[m]) / 2, 2);
		out->min = a->totals[0];
		out->max = a->totals[a->n_units - 1];
	}
	out->worst = a->worst;
	out->n_worst = a->n_worst;
	/* The indicators that lose anything, most first; the rest are freed. */
	out->n_distinct = a->n_inds;
	ps_summary_indicator **order = ps_xcalloc(a->n_inds ? a->n_inds : 1, sizeof *order);
	for (size_t i = 0; i < a->n_inds; i++)
		order[i] = &a->inds[i];
	qsort(order, a->n_inds, sizeof *order, cmp_lost);
	out->indicators = ps_xcalloc(a->top, sizeof *out->indicators);
	for (size_t i = 0; i < a->n_inds; i++) {
		if (out->n_indicators < a->top && order[i]->lost > 0) {
			out->indicators[out->n_indicators++] = *order[i];
			continue;
		}
		free(order[i]->level1);
		free(order[i]->level2);
		free(order[i]->name);
	}
	free(order);
	free(a->inds);
	free(a->totals);
	ps_keymap_free(a->keys);
	free(a);
}

void ps_summary_dispose(ps_summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_worst; i++)
		unit_dispose(&s->worst[i]);
	for (size_t i = 0; i < s->n_indicators; i++) {
		free(s->indicators[i].level1);
		free(s->indicators[i].level2);
		free(s->indicators[i].name);
	}
	free(s->worst);
	free(s->indicators);
	memset(s, 0, sizeof *s);
}
