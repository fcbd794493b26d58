/* score.c: apply a rule AST to an actual value (docs/rules.md §semantics),
 * then subtotals, total, 百分制 and grade. A rule or value that cannot be
 * read gives needs_review: never a guessed score. */
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "perfscore/score.h"
#include "perfscore/text.h"
#include "score_int.h"
#include "rule_int.h"
#include "value_int.h"
#include "util/scan16.h"

static const char *const status_names[] = {
	[PS_ST_SCORED] = "scored", [PS_ST_DEFAULT_RULE] = "default_rule", [PS_ST_MANUAL] = "manual",
	[PS_ST_MISSING] = "missing", [PS_ST_NOT_APPLICABLE] = "not_applicable",
	[PS_ST_NEEDS_REVIEW] = "needs_review",
};

const char *ps_status_name(ps_status s)
{
	return (unsigned)s < sizeof status_names / sizeof *status_names ? status_names[s] : "unknown";
}

/* One evaluation in progress. */
typedef struct {
	const ps_indicator *ind;
	const ps_policy *pol;
	const ps_rule *rule;     /* NULL: no rule */
	ps_rule_memo *memo;      /* the cached rule's memo; NULL: none */
	char unit[32];           /* the indicator's unit, normalised */
	ps_trace t;
	ps_status st;
	bool has;                /* a score was decided */
	bool done;               /* status decided (scored or not) */
	ps_dec raw;              /* before rounding */
	unsigned warn;           /* bit w: warning w (ps_warn) to give */
	bool rate_no_target;     /* a % rule on a counted indicator with no target */
	unsigned kinds;          /* bit k: the rule has a clause of kind k */
	bool rates;              /* the rule is ok and compares rates (a bound written with %) */
	ps_value act;            /* last: not zeroed first, as it is always written whole */
} ev;

/* ps_rule_has(e->rule, k), from the kinds read once per row. */
static bool has(const ev *e, ps_clause_kind k)
{
	return e->kinds >> k & 1u;
}

static void finish(ev *e, ps_status st, ps_dec score)
{
	e->st = st;
	e->has = true;
	e->done = true;
	e->raw = ps_dec_clamp(score, 0, e->t.points);
}

static void no_score(ev *e, ps_status st)
{
	e->st = st;
	e->has = false;
	e->done = true;
}

static void review(ev *e, ps_why why)
{
	e->t.kind = PS_TR_REVIEW;
	e->t.why = why;
	e->warn |= 1u << (why == PS_WHY_UNIT ? PS_W_UNIT : PS_W_ACTUAL);
	no_score(e, PS_ST_NEEDS_REVIEW);
}

static bool is_time_unit(ps_step_unit u)
{
	return u == PS_SU_DAY || u == PS_SU_MONTH || u == PS_SU_YEAR;
}

static bool per_unit(const char *u)
{
	return strcmp(u, "%") == 0 || strcmp(u, "‰") == 0;
}

/* The actual as a number in the indicator's unit: 1 ok, 0 not a number here,
 * -1 a unit that contradicts the indicator's (review set). A count is the
 * measured number only for incidents (发生1起) on an indicator that counts
 * things: "未完成2项" says what failed, not how many were done. */
static int act_num(ev *e, ps_dec *out)
{
	if (e->act.kind == PS_V_COUNT) {
		if (!e->act.incident || per_unit(e->unit))
			return 0;
	} else if (e->act.kind != PS_V_NUMBER) {
		return 0;
	} else if (e->act.unit[0] && e->unit[0] && strcmp(e->act.unit, e->unit) != 0) {
		review(e, PS_WHY_UNIT);
		return -1;
	} else if (!e->act.unit[0] && strcmp(e->unit, "%") == 0 && e->t.has_target && e->t.target >= PS_DEC(50) &&
	           e->act.num > 0 && e->act.num <= PS_DEC(1)) {
		/* 0.97 against a 100% target: a fraction (97%) or 0.97%? Ask. */
		review(e, PS_WHY_ACTUAL);
		return -1;
	}
	*out = e->t.a = e->act.num;
	return 1;
}

/* A bound's number; false if it is the target and the target is no number. */
static bool bound_val(const ev *e, const ps_bound *b, ps_dec *v)
{
	if (!b->is_target) {
		*v = b->v;
		return true;
	}
	*v = e->t.target;
	return e->t.has_target;
}

static ps_dec award_value(const ev *e, const ps_award *a)
{
	switch (a->kind) {
	case PS_AW_FULL: return e->t.points;
	case PS_AW_SHARE: return ps_dec_muldiv(e->t.points, a->v, PS_DEC(100), NULL);
	case PS_AW_DEDUCT: return e->t.points - a->v;
	default: return a->v;
	}
}

static bool is_outcome(ps_clause_kind k)
{
	return k == PS_CL_RANGE || k == PS_CL_GRADE || k == PS_CL_BOOL || k == PS_CL_DATE;
}

/* The full-score clause: the first outcome clause with the highest award,
 * if that award is above 0 ("x<=90 => 0" is no full-score clause). */
static const ps_clause *full_clause(const ev *e)
{
	const ps_clause *best = NULL;
	ps_dec bv = 0;
	for (size_t i = 0; i < e->rule->n; i++) {
		const ps_clause *c = &e->rule->v[i];
		if (!is_outcome(c->kind))
			continue;
		ps_dec v = award_value(e, &c->award);
		if (v > bv) {
			best = c;
			bv = v;
		}
	}
	return best;
}

/* Where deductions start: the full clause's award, else the points. */
static ps_dec start_points(const ev *e)
{
	const ps_clause *f = full_clause(e);
	return f ? ps_dec_clamp(award_value(e, &f->award), 0, e->t.points) : e->t.points;
}

/* The threshold of the full clause on the side a step looks from, else the
 * target. 1 found, 0 none, -1 the threshold is the target and there is none. */
static int threshold(const ev *e, int dir, ps_dec *v)
{
	const ps_clause *f = full_clause(e);
	if (f && f->kind == PS_CL_RANGE && (f->lo.set || f->hi.set)) {
		const ps_bound *b = dir > 0 ? (f->hi.set ? &f->hi : &f->lo) : (f->lo.set ? &f->lo : &f->hi);
		return bound_val(e, b, v) ? 1 : -1;
	}
	if (e->t.has_target) {
		*v = e->t.target;
		return 1;
	}
	return 0;
}

static bool meets(ps_cmp cmp, ps_dec a, ps_dec t)
{
	switch (cmp) {
	case PS_CMP_GT: return a > t;
	case PS_CMP_LE: return a <= t;
	case PS_CMP_LT: return a < t;
	case PS_CMP_EQ: return a == t;
	default: return a >= t;
	}
}

/* ---- dates ---------------------------------------------------------------- */

/* The year of a date written without one: the policy's budget year, else
 * the target's. 0 if neither is known. */
static int32_t year_for(const ev *e, int32_t y)
{
	if (y)
		return y;
	if (e->pol->budget_year)
		return e->pol->budget_year;
	if (e->ind->target.kind == PS_V_DATE && e->ind->target.year)
		return e->ind->target.year;
	return 0;
}

static int64_t day_no(int32_t y, int32_t m, int32_t d)
{
	return ps_date_days(y, m, d ? d : ps_month_days(y, m));
}

/* Resolve the deadline (dy/dm/dd) and the actual date (ay/am/ad) in the
 * trace. 1 ok, 0 the actual is no date, -1 review set (year unknown). */
static int resolve_dates(ev *e, int32_t y, int32_t m, int32_t d)
{
	if (e->act.kind != PS_V_DATE)
		return 0;
	int32_t dy = year_for(e, y), ay = e->act.year ? e->act.year : dy;
	if (!dy && ay) {
		/* "12月31日前" with no budget year: cannot tell which year's. */
		review(e, PS_WHY_DEADLINE);
		return -1;
	}
	e->t.dy = dy, e->t.dm = m, e->t.dd = d ? d : ps_month_days(dy, m);
	e->t.ay = ay, e->t.am = e->act.month, e->t.ad = e->act.day ? e->act.day : ps_month_days(ay, e->act.month);
	return 1;
}

/* The deadline of a DATE clause or late step: its own, the target date, or
 * (steps) the first DATE clause's. false if there is none. */
static bool deadline(const ev *e, const ps_clause *c, int32_t *y, int32_t *m, int32_t *d)
{
	if (c->m) {
		*y = c->y, *m = c->m, *d = c->d;
		return true;
	}
	if (c->kind == PS_CL_STEP && !(c->base.set && c->base.is_target)) {
		for (size_t i = 0; i < e->rule->n; i++) {
			const ps_clause *o = &e->rule->v[i];
			if (o->kind == PS_CL_DATE && o->m) {
				*y = o->y, *m = o->m, *d = o->d;
				return true;
			}
		}
	}
	const ps_value *t = &e->ind->target;
	if (t->kind != PS_V_DATE)
		return false;
	*y = t->year, *m = t->month, *d = t->day;
	return true;
}

/* ---- outcome clauses ------------------------------------------------------ */

enum { LATE = 0, ON_TIME = 1, NOT_A_DATE = 2 };

/* The actual against the deadline of a DATE clause or late step: ON_TIME,
 * LATE, NOT_A_DATE, or -1 (review set). 按时完成 is on time; nothing says
 * how late 未完成 is. */
static int timeliness(ev *e, const ps_clause *c)
{
	if (e->act.kind == PS_V_GRADE && (e->act.grade == PS_G_YES || e->act.grade == PS_G_ACHIEVED))
		return ON_TIME;
	if (e->act.kind != PS_V_DATE)
		return NOT_A_DATE;
	int32_t y, m, d;
	if (!deadline(e, c, &y, &m, &d)) {
		review(e, PS_WHY_DEADLINE);
		return -1;
	}
	if (resolve_dates(e, y, m, d) < 0)
		return -1;
	return day_no(e->t.ay, e->t.am, e->t.ad) <= day_no(e->t.dy, e->t.dm, e->t.dd) ? ON_TIME : LATE;
}


enum { NO = 0, YES = 1, UNKNOWN = 2, FAILED = 3 };

/* Is the actual a yes or a no? */
static int yes_no(ev *e)
{
	ps_dec a = 0;
	switch (e->act.kind) {
	case PS_V_GRADE:
		if (e->act.grade == PS_G_YES || e->act.grade == PS_G_ACHIEVED)
			return YES;
		if (e->act.grade == PS_G_NO || e->act.grade == PS_G_NOT_ACHIEVED)
			return NO;
		return UNKNOWN;
	case PS_V_COUNT:
		return e->act.num == 0 ? YES : NO;
	case PS_V_NUMBER: {
		/* a number is yes/no (meets the target or not) only when no clause
		 * reads numbers: in "x<=100% => full; per 5% above => -2; …; no =>
		 * full" the "no" is about something else (没有楼堂馆所项目) */
		if (has(e, PS_CL_RANGE) || has(e, PS_CL_STEP) || has(e, PS_CL_PROP))
			return UNKNOWN;
		int k = act_num(e, &a);
		if (k < 0)
			return FAILED;
		if (!e->t.has_target)
			return UNKNOWN;
		return meets(e->t.cmp, a, e->t.target) ? YES : NO;
	}
	case PS_V_DATE: {
		if (e->ind->target.kind != PS_V_DATE)
			return UNKNOWN;
		int k = timeliness(e, &(ps_clause){.kind = PS_CL_DATE}); /* m = 0: the target date */
		return k < 0 ? FAILED : k == ON_TIME ? YES : NO;
	}
	default:
		return UNKNOWN;
	}
}

/* Does `word` occur in `s` other than right after a negation (不健全 is not 健全)? */
static bool occurs(const char *s, const char *word)
{
	size_t first = 1;
	while (word[first] && ((unsigned char)word[first] & 0xC0) == 0x80)
		first++;
	bool neg_word = ps_negated_at(word, first);
	for (const char *p = strstr(s, word); p; p = strstr(p + 1, word))
		if (neg_word || !ps_negated_at(s, (size_t)(p - s)))
			return true;
	return false;
}

static ps_grade grade_word(const char *s)
{
	ps_value v;
	ps_value_parse(&v, s, strlen(s));
	return v.kind == PS_V_GRADE ? v.grade : PS_G_NONE;
}

/* The GRADE words of a cached rule as keys, and their grades: once per rule. */
static void memo_words(const ps_rule *r, ps_rule_memo *m)
{
	m->word_key = ps_xcalloc(r->n ? r->n : 1, sizeof *m->word_key);
	m->word_grade = ps_xcalloc(r->n ? r->n : 1, sizeof *m->word_grade);
	for (size_t i = 0; i < r->n; i++) {
		const ps_clause *c = &r->v[i];
		if (c->kind != PS_CL_GRADE || !c->word)
			continue;
		m->word_key[i] = ps_norm_key(c->word, strlen(c->word), true);
		m->word_grade[i] = (int)grade_word(m->word_key[i]);
	}
}

static void memo_canonical(const ps_rule *r, ps_rule_memo *m)
{
	m->canonical = ps_rule_print(r);
	m->canonical_len = strlen(m->canonical);
}

static void kinds_of(const ps_rule *r, unsigned *kinds, bool *rates);

void ps_rule_memo_fill(ps_rule_memo *m, const ps_rule *r)
{
	if (!m->kinds_set) {
		kinds_of(r, &m->kinds, &m->rates);
		m->kinds_set = true;
	}
	if (!m->word_key)
		memo_words(r, m);
	if (!m->canonical && (r->n || !r->ok)) /* as score_with needs it */
		memo_canonical(r, m);
}

/* The GRADE clause that best names the actual: the same word; a synonym
 * (优 = 优秀); the longest rule word inside the actual ("基本健全" before
 * "健全"); a rule word containing the actual. Words whose grades contradict
 * the actual's never match (达成 is not 部分达成). */
static const ps_clause *grade_match(const ev *e)
{
	/* the key of most actuals without an allocation: a simple key with
	 * no bracket in it is the key with brackets stripped too */
	char abuf[128];
	char *a = ps_value_simple_key(abuf, sizeof abuf, e->act.text, e->act.text_len);
	if (!a || strpbrk(a, "()[]<>*{}"))
		a = ps_norm_key(e->act.text, e->act.text_len, true);
	ps_grade ag = e->act.kind == PS_V_GRADE ? e->act.grade : PS_G_NONE;
	const ps_clause *best = NULL;
	size_t bscore = 0;
	if (e->memo && !e->memo->word_key)
		memo_words(e->rule, e->memo);
	for (size_t i = 0; i < e->rule->n; i++) {
		const ps_clause *c = &e->rule->v[i];
		if (c->kind != PS_CL_GRADE || !c->word)
			continue;
		char *w = e->memo ? e->memo->word_key[i] : ps_norm_key(c->word, strlen(c->word), true);
		ps_grade wg = e->memo ? (ps_grade)e->memo->word_grade[i] : grade_word(w);
		size_t score = 0;
		if (!*w || !*a || (wg && ag && wg != ag))
			score = 0;
		else if (strcmp(w, a) == 0)
			score = 1000000;
		else if (wg && wg == ag)
			score = 900000;
		else if (occurs(a, w))
			score = 1000 + strlen(w);
		else if (strstr(w, a))
			score = 500;
		if (score > bscore) {
			best = c;
			bscore = score;
		}
		if (!e->memo)
			free(w);
	}
	if (a != abuf)
		free(a);
	return best;
}

static void award(ev *e, const ps_clause *c)
{
	e->t.kind = PS_TR_OUTCOME;
	e->t.cl = c;
	finish(e, PS_ST_SCORED, award_value(e, &c->award));
}

/* RANGE: 1 matched, 0 not, -1 review set. */
static int range_match(ev *e, const ps_clause *c)
{
	ps_dec a = 0, lo = 0, hi = 0;
	int k = act_num(e, &a);
	if (k <= 0)
		return k;
	if ((c->lo.set && !bound_val(e, &c->lo, &lo)) || (c->hi.set && !bound_val(e, &c->hi, &hi))) {
		review(e, PS_WHY_TARGET);
		return -1;
	}
	if (c->lo.set && (a < lo || (a == lo && !c->lo.incl)))
		return 0;
	if (c->hi.set && (a > hi || (a == hi && !c->hi.incl)))
		return 0;
	return 1;
}

/* DATE: 1 matched, 0 not, -1 review set. */
static int date_match(ev *e, const ps_clause *c)
{
	int k = timeliness(e, c);
	if (k < 0)
		return -1;
	if (k == NOT_A_DATE)
		return 0;
	return c->dir < 0 ? k == ON_TIME : k == LATE;
}

/* Outcome clauses in order; all GRADE clauses compete at the first one. */
static void try_outcomes(ev *e)
{
	bool graded = false;
	for (size_t i = 0; i < e->rule->n && !e->done; i++) {
		const ps_clause *c = &e->rule->v[i];
		int k = 0;
		switch (c->kind) {
		case PS_CL_RANGE:
			k = range_match(e, c);
			break;
		case PS_CL_GRADE:
			if (!graded) {
				graded = true;
				const ps_clause *g = grade_match(e);
				if (g)
					award(e, g);
			}
			break;
		case PS_CL_BOOL: {
			int yn = yes_no(e);
			if (yn == FAILED)
				return;
			k = (c->yes && yn == YES) || (!c->yes && yn == NO);
			break;
		}
		case PS_CL_DATE:
			k = date_match(e, c);
			break;
		default:
			break;
		}
		if (k > 0)
			award(e, c);
	}
}

/* ---- deductions ----------------------------------------------------------- */

/* Deduct `total` from the start, with MAXDEDUCT and MIN, into the trace. */
static void deduct(ev *e, ps_trace_kind kind, const ps_clause *c, ps_dec total)
{
	ps_trace *t = &e->t;
	t->kind = kind;
	t->cl = c;
	t->start = start_points(e);
	t->deduct_raw = t->deduct = total;
	for (size_t i = 0; i < e->rule->n; i++) {
		const ps_clause *o = &e->rule->v[i];
		if (o->kind == PS_CL_MAXDEDUCT && (!t->capped || o->amount < t->cap))
			t->cap = o->amount, t->capped = true;
		if (o->kind == PS_CL_MIN && (!t->floored || o->amount > t->floor))
			t->floor = o->amount, t->floored = true;
	}
	if (t->capped && t->deduct > t->cap)
		t->deduct = t->cap;
	else
		t->capped = false; /* only say so when the cap bit */
	ps_dec s = t->start - t->deduct;
	if (t->floored && s < t->floor)
		s = t->floor;
	else
		t->floored = false;
	finish(e, PS_ST_SCORED, s);
}

/* Steps after the policy or the rule's own counting. */
static ps_dec count_steps(ev *e, const ps_clause *c, ps_dec n)
{
	int mode = c->whole_steps ? PS_STEPS_STARTED : (int)e->pol->steps;
	e->t.step_mode = mode;
	if (mode == PS_STEPS_WHOLE)
		return ps_dec_floor_to(n, 0);
	if (mode == PS_STEPS_STARTED)
		return -ps_dec_floor_to(-n, 0);
	return n;
}

static int64_t add_months_day(int32_t y, int32_t m, int32_t d, int64_t k, bool month_end)
{
	int64_t mm = (int64_t)y * 12 + (m - 1) + k;
	int32_t ny = (int32_t)(mm / 12), nm = (int32_t)(mm % 12) + 1;
	int32_t md = ps_month_days(ny, nm);
	return ps_date_days(ny, nm, month_end || d > md ? md : d);
}

/* Lateness in the step's unit: days; calendar months (a part month counts
 * days/30); years (a part year days/365). From a month-end deadline the
 * months run month end to month end (11-30 → 12-31 is one month). */
static ps_dec lateness(const ps_trace *t, ps_step_unit u)
{
	int64_t dd = day_no(t->dy, t->dm, t->dd), da = day_no(t->ay, t->am, t->ad);
	if (u == PS_SU_DAY)
		return PS_DEC(da - dd);
	bool end = t->dd == ps_month_days(t->dy, t->dm);
	int64_t per = u == PS_SU_MONTH ? 1 : 12;
	int64_t k = ((int64_t)(t->ay - t->dy) * 12 + (t->am - t->dm)) / per;
	while (k > 0 && add_months_day(t->dy, t->dm, t->dd, k * per, end) > da)
		k--;
	int64_t rem = da - add_months_day(t->dy, t->dm, t->dd, k * per, end);
	return PS_DEC(k) + ps_dec_div(PS_DEC(rem), PS_DEC(u == PS_SU_MONTH ? 30 : 365), NULL);
}

/* A late step: 1 late (dist set), 0 not late or not a date, -1 review set. */
static int late_dist(ev *e, const ps_clause *c, ps_dec *dist, bool *on_time)
{
	int k = timeliness(e, c);
	*on_time = k == ON_TIME;
	if (k != LATE)
		return k < 0 ? -1 : 0;
	*dist = lateness(&e->t, c->step_unit);
	return 1;
}

/* A numeric step: 1 past the baseline (dist set), 0 not, -1 review set. */
static int step_dist(ev *e, const ps_clause *c, ps_dec *dist, bool *good)
{
	ps_dec a = 0, b = 0;
	*good = false;
	int k = act_num(e, &a);
	if (k <= 0)
		return k;
	if (c->base.set) {
		if (!bound_val(e, &c->base, &b)) {
			review(e, PS_WHY_TARGET);
			return -1;
		}
	} else if (threshold(e, c->dir, &b) <= 0) {
		review(e, PS_WHY_TARGET);
		return -1;
	}
	e->t.base = b;
	ps_dec d = c->dir < 0 ? b - a : c->dir > 0 ? a - b : (a > b ? a - b : b - a);
	if (d <= 0) {
		*good = true;
		return 0;
	}
	e->t.dist = d;
	bool pct_points = ps_unit_is_percent(e->unit) && e->pol->pct_is_pp;
	if (c->step_unit == PS_SU_PCT && !pct_points) {
		if (b == 0) {
			review(e, PS_WHY_BASE_ZERO);
			return -1;
		}
		e->t.is_rel = true;
		e->t.rel = ps_dec_muldiv(d, PS_DEC(100), b < 0 ? -b : b, NULL);
		d = e->t.rel;
	}
	*dist = d;
	return 1;
}

static void try_steps(ev *e)
{
	const ps_clause *good = NULL;
	for (size_t i = 0; i < e->rule->n && !e->done; i++) {
		const ps_clause *c = &e->rule->v[i];
		if (c->kind != PS_CL_STEP)
			continue;
		ps_dec dist = 0;
		bool ok_side;
		int k = is_time_unit(c->step_unit) ? late_dist(e, c, &dist, &ok_side)
		                                   : step_dist(e, c, &dist, &ok_side);
		if (k < 0)
			return;
		if (k == 0) {
			/* on the good side: nothing to deduct, unless an outcome clause
			 * of the same kind exists (then the actual fell in a gap) */
			if (ok_side && !good &&
			    !has(e, is_time_unit(c->step_unit) ? PS_CL_DATE : PS_CL_RANGE))
				good = c;
			continue;
		}
		if (c->step <= 0) {
			review(e, PS_WHY_STEP_ZERO);
			return;
		}
		if (is_time_unit(c->step_unit))
			e->t.dist = dist;
		e->t.steps = count_steps(e, c, ps_dec_div(dist, c->step, NULL));
		deduct(e, PS_TR_STEP, c, ps_dec_mul(c->amount, e->t.steps));
	}
	if (!e->done && good) {
		e->t.good_side = true;
		deduct(e, PS_TR_STEP, good, 0);
	}
}

static const ps_clause *first_of(const ps_rule *r, ps_clause_kind k)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == k)
			return &r->v[i];
	return NULL;
}

/* Per item: a count, or a bare number that is no rate; 完成 is no item. */
static void try_items(ev *e)
{
	const ps_clause *c = first_of(e->rule, PS_CL_ITEM);
	if (!c)
		return;
	ps_dec n = 0;
	if (e->act.kind == PS_V_COUNT ||
	    (e->act.kind == PS_V_NUMBER && !per_unit(e->act.unit) && !per_unit(e->unit)))
		n = e->act.num;
	else if (e->act.kind == PS_V_GRADE && (e->act.grade == PS_G_YES || e->act.grade == PS_G_ACHIEVED))
		n = 0;
	else
		return;
	if (n < 0) {
		review(e, PS_WHY_ACTUAL);
		return;
	}
	e->t.a = e->t.steps = n;
	deduct(e, PS_TR_ITEM, c, ps_dec_mul(c->amount, n));
}

static void try_prop(ev *e)
{
	const ps_clause *c = first_of(e->rule, PS_CL_PROP);
	if (!c)
		return;
	ps_dec a = 0, s = 0, p = e->t.points;
	int k = act_num(e, &a);
	if (k <= 0)
		return;
	ps_trace *t = &e->t;
	t->kind = PS_TR_PROP;
	t->cl = c;
	if (c->base.set) {
		ps_dec v = 0, top = 0;
		if (!bound_val(e, &c->base, &v) || threshold(e, c->dir < 0 ? 1 : -1, &top) <= 0) {
			review(e, PS_WHY_TARGET);
			return;
		}
		if (top == v) {
			review(e, PS_WHY_TARGET);
			return;
		}
		t->base = v;
		t->top = top;
		s = ps_dec_muldiv(a - v, p, top - v, NULL);
	} else {
		if (!t->has_target) {
			review(e, PS_WHY_TARGET);
			return;
		}
		ps_dec tg = t->target;
		if (tg < 0) {
			review(e, PS_WHY_NEG_TARGET);
			return;
		}
		t->prop_inverse = c->dir < 0 || (c->dir == 0 && (t->cmp == PS_CMP_LE || t->cmp == PS_CMP_LT));
		if (t->prop_inverse)
			s = a <= tg ? p : tg == 0 ? 0 : ps_dec_muldiv(tg, p, a, NULL);
		else
			s = tg == 0 ? (a >= 0 ? p : 0) : ps_dec_muldiv(a, p, tg, NULL);
	}
	t->raw = s;
	t->prop_capped = s > p;
	/* MIN and MAXDEDUCT bound a proportional score too */
	for (size_t i = 0; i < e->rule->n; i++) {
		const ps_clause *o = &e->rule->v[i];
		if (o->kind == PS_CL_MIN && s < o->amount)
			s = o->amount, t->floored = true, t->floor = o->amount;
		if (o->kind == PS_CL_MAXDEDUCT && s < p - o->amount)
			s = p - o->amount, t->capped = true, t->cap = o->amount;
	}
	finish(e, PS_ST_SCORED, s);
}

/* ---- national default (SPEC §5.2) ---------------------------------------- */

static void qual_band(ev *e, ps_dec lo, ps_dec hi)
{
	ps_trace *t = &e->t;
	t->band_lo = lo, t->band_hi = hi;
	if (e->ind->has_given_score) {
		t->def = PS_DEF_QUAL_GIVEN;
		t->given = true;
		t->given_raw = e->ind->given_score;
		finish(e, PS_ST_MANUAL, e->ind->given_score);
	} else if (e->pol->qual_mode == PS_QUAL_MANUAL) {
		t->def = PS_DEF_QUAL_MANUAL;
		e->warn |= 1u << PS_W_MANUAL;
		no_score(e, PS_ST_MANUAL);
	} else {
		t->def = PS_DEF_QUAL_BAND;
		t->band_pct = e->pol->qual_mode == PS_QUAL_UPPER ? hi : lo;
		e->warn |= 1u << PS_W_BAND;
		finish(e, PS_ST_DEFAULT_RULE, ps_dec_muldiv(t->points, t->band_pct, PS_DEC(100), NULL));
	}
}

static void national_grade(ev *e, ps_grade g)
{
	ps_trace *t = &e->t;
	switch (g) {
	case PS_G_EXCELLENT:
	case PS_G_ACHIEVED:
	case PS_G_YES:
		t->def = PS_DEF_QUAL_FULL;
		t->band_pct = e->pol->qual_achieved;
		finish(e, PS_ST_DEFAULT_RULE, ps_dec_muldiv(t->points, t->band_pct, PS_DEC(100), NULL));
		break;
	case PS_G_PARTIAL:
		qual_band(e, e->pol->qual_partial_lo, e->pol->qual_partial_hi);
		break;
	case PS_G_NOT_ACHIEVED:
		qual_band(e, e->pol->qual_not_lo, e->pol->qual_not_hi);
		break;
	case PS_G_NO:
		t->def = PS_DEF_NO;
		finish(e, PS_ST_DEFAULT_RULE, 0);
		break;
	default:
		review(e, PS_WHY_GRADE);
		break;
	}
}

static void national_number(ev *e, ps_dec a)
{
	ps_trace *t = &e->t;
	ps_dec tg = t->target, p = t->points;
	if (tg < 0) {
		review(e, PS_WHY_NEG_TARGET);
		return;
	}
	ps_cmp c = t->cmp;
	if (c == PS_CMP_EQ)
		c = a < tg ? PS_CMP_GE : a > tg ? PS_CMP_LE : PS_CMP_GE;
	if (c == PS_CMP_LE || c == PS_CMP_LT) {
		if (a <= tg) {
			t->def = PS_DEF_MET;
			finish(e, PS_ST_DEFAULT_RULE, p);
		} else if (tg == 0) {
			t->def = PS_DEF_ZERO_NONE;
			finish(e, PS_ST_DEFAULT_RULE, 0);
		} else {
			t->def = PS_DEF_INVERSE;
			t->raw = ps_dec_muldiv(tg, p, a, NULL);
			finish(e, PS_ST_DEFAULT_RULE, t->raw);
		}
		return;
	}
	if (a >= tg) {
		t->def = tg == 0 ? PS_DEF_ZERO_FULL : PS_DEF_MET;
		finish(e, PS_ST_DEFAULT_RULE, p);
	} else if (tg == 0) {
		review(e, PS_WHY_ACTUAL); /* below a zero target: no ratio */
	} else {
		t->def = PS_DEF_RATIO;
		t->raw = ps_dec_muldiv(a, p, tg, NULL);
		finish(e, PS_ST_DEFAULT_RULE, t->raw);
	}
}

static void national(ev *e, bool uncovered)
{
	ps_trace *t = &e->t;
	t->kind = PS_TR_DEFAULT;
	t->uncovered = uncovered;
	t->cl = NULL;
	e->warn |= 1u << (uncovered ? PS_W_UNCOVERED : PS_W_DEFAULT);
	ps_dec a = 0;
	int k = act_num(e, &a);
	if (k < 0)
		return;
	if (k > 0 && (e->act.kind == PS_V_NUMBER || t->has_target)) {
		if (!t->has_target)
			review(e, PS_WHY_TARGET);
		else
			national_number(e, a);
		return;
	}
	switch (e->act.kind) {
	case PS_V_GRADE:
		national_grade(e, e->act.grade);
		break;
	case PS_V_COUNT:
		if (e->act.num == 0)
			national_grade(e, PS_G_YES);
		else
			review(e, PS_WHY_COUNT);
		break;
	case PS_V_DATE: {
		if (e->ind->target.kind != PS_V_DATE) {
			review(e, PS_WHY_TARGET);
			break;
		}
		int when = timeliness(e, &(ps_clause){.kind = PS_CL_DATE});
		if (when == ON_TIME) {
			t->def = PS_DEF_DATE_MET;
			finish(e, PS_ST_DEFAULT_RULE, t->points);
		} else if (when == LATE) {
			review(e, PS_WHY_LATE);
		}
		break;
	}
	default:
		review(e, PS_WHY_ACTUAL);
		break;
	}
}

/* ---- one indicator --------------------------------------------------------- */

static void manual(ev *e)
{
	e->t.kind = PS_TR_MANUAL;
	if (e->ind->has_given_score) {
		e->t.given = true;
		e->t.given_raw = e->ind->given_score;
		finish(e, PS_ST_MANUAL, e->ind->given_score);
	} else {
		e->warn |= 1u << PS_W_MANUAL;
		no_score(e, PS_ST_MANUAL);
	}
}

static void not_applicable(ev *e)
{
	e->t.kind = PS_TR_NA;
	if (e->pol->na == PS_NA_FULL)
		finish(e, PS_ST_NOT_APPLICABLE, e->t.points);
	else if (e->pol->na == PS_NA_ZERO)
		finish(e, PS_ST_NOT_APPLICABLE, 0);
	else
		no_score(e, PS_ST_NOT_APPLICABLE);
}

/* Policy switch: an actual far past its target is 指标偏离 and loses points. */
static void deviation(ev *e)
{
	ps_trace *t = &e->t;
	if (!e->pol->deviation_penalty || !e->has || (e->st != PS_ST_SCORED && e->st != PS_ST_DEFAULT_RULE))
		return;
	if (e->act.kind != PS_V_NUMBER || !t->has_target || t->target <= 0 ||
	    !(t->cmp == PS_CMP_GE || t->cmp == PS_CMP_GT || t->cmp == PS_CMP_NONE))
		return;
	ps_dec limit = t->target + ps_dec_muldiv(t->target, e->pol->deviation_ratio, PS_DEC(100), NULL);
	if (e->act.num < limit)
		return;
	t->deviation = true;
	t->dev_points = e->pol->deviation_points;
	t->dev_ratio = e->pol->deviation_ratio;
	e->raw = ps_dec_clamp(e->raw - t->dev_points, 0, t->points);
}

/* The kinds of the rule's clauses (bit k: a clause of kind k), and
 * whether it compares rates (thresholds written with %). */
static void kinds_of(const ps_rule *r, unsigned *kinds, bool *rates)
{
	*kinds = 0;
	*rates = false;
	for (size_t i = 0; r && i < r->n; i++) {
		const ps_clause *c = &r->v[i];
		*kinds |= 1u << c->kind;
		if ((c->lo.set && c->lo.pct) || (c->hi.set && c->hi.pct) || (c->base.set && c->base.pct))
			*rates = r->ok;
	}
}

/* e->kinds and e->rates: from the rule's memo (a pass over the clauses
 * once per rule, not per row), else counted. */
static void rule_kinds(ev *e)
{
	ps_rule_memo *m = e->memo;
	if (!m) {
		kinds_of(e->rule, &e->kinds, &e->rates);
		return;
	}
	if (!m->kinds_set) { /* only in a cache of one thread: a shared one fills it at insert */
		kinds_of(e->rule, &m->kinds, &m->rates);
		m->kinds_set = true;
	}
	e->kinds = m->kinds;
	e->rates = m->rates;
}

/* A rule written in % ("完成率100%得满分，每降低1%扣1分") on an indicator
 * counted in something else (人, 个, 万元) compares the actual as a rate of
 * the target: 480人 of 500人 is 96%. From here on the indicator is in %. */
static void rate_mode(ev *e)
{
	if (!e->rates || !e->unit[0] || per_unit(e->unit) || e->act.kind != PS_V_NUMBER)
		return;
	ps_trace *t = &e->t;
	if (!per_unit(e->act.unit)) {
		if (e->act.unit[0] && strcmp(e->act.unit, e->unit) != 0)
			return; /* another unit: act_num says so */
		if (!t->has_target || t->target <= 0) {
			e->rate_no_target = true;
			return;
		}
		t->rate = true;
		t->rate_actual = e->act.num;
		t->rate_target = t->target;
		snprintf(t->rate_unit, sizeof t->rate_unit, "%s", e->unit);
		e->act.num = ps_dec_muldiv(e->act.num, PS_DEC(100), t->target, NULL);
	}
	snprintf(e->act.unit, sizeof e->act.unit, "%%");
	snprintf(e->unit, sizeof e->unit, "%%");
	t->target = PS_DEC(100);
}

static void evaluate(ev *e, bool missing)
{
	const ps_rule *r = e->rule;
	bool is_manual = has(e, PS_CL_MANUAL);
	if (e->ind->not_applicable) {
		not_applicable(e);
		return;
	}
	if (!missing && e->act.kind == PS_V_NA) {
		e->t.na_actual = true;
		not_applicable(e);
		return;
	}
	if (missing && !(is_manual && e->ind->has_given_score)) {
		e->t.kind = PS_TR_MISSING;
		e->warn |= 1u << PS_W_MISSING;
		no_score(e, PS_ST_MISSING);
		return;
	}
	if (!e->ind->has_points) {
		e->t.kind = PS_TR_NO_POINTS;
		e->warn |= 1u << PS_W_POINTS;
		no_score(e, PS_ST_NEEDS_REVIEW);
		return;
	}
	if (r && !r->ok) {
		e->t.kind = PS_TR_RULE_UNREAD;
		no_score(e, PS_ST_NEEDS_REVIEW);
		return;
	}
	if (is_manual) {
		manual(e);
		return;
	}
	if (e->rate_no_target) {
		review(e, PS_WHY_TARGET);
		return;
	}
	if (!r || r->n == 0) {
		national(e, false);
		return;
	}
	try_outcomes(e);
	if (!e->done)
		try_steps(e);
	if (!e->done)
		try_items(e);
	if (!e->done)
		try_prop(e);
	if (!e->done)
		national(e, true);
}

/* SPEC §6.7: where a person must score (an unreadable rule, a grade the rule
 * does not define, a late date with no deduction rule), a 得分 given in the
 * self-evaluation is kept, as manual; the trace still says why. */
static void keep_given(ev *e)
{
	if (e->st != PS_ST_NEEDS_REVIEW || !e->ind->has_given_score || !e->ind->has_points)
		return;
	if (e->t.kind != PS_TR_REVIEW && e->t.kind != PS_TR_RULE_UNREAD)
		return;
	e->t.given = true;
	e->t.given_raw = e->ind->given_score;
	e->warn &= ~(1u << PS_W_UNIT | 1u << PS_W_ACTUAL);
	finish(e, PS_ST_MANUAL, e->ind->given_score);
}

static void emit(ev *e, ps_diags *diags)
{
	static const ps_code codes[] = {
		[PS_W_DEFAULT] = PS_D_RULE_DEFAULT, [PS_W_UNCOVERED] = PS_D_RULE_UNCOVERED,
		[PS_W_UNIT] = PS_D_BAD_ACTUAL, [PS_W_ACTUAL] = PS_D_BAD_ACTUAL, [PS_W_MANUAL] = PS_D_RULE_MANUAL,
		[PS_W_BAND] = PS_D_RULE_MANUAL, [PS_W_BONUS] = PS_D_RULE_BONUS, [PS_W_MISSING] = PS_D_NO_ACTUAL,
		[PS_W_POINTS] = PS_D_BAD_POINTS,
	};
	/* most rows warn of nothing: then no pass over the warnings */
	for (unsigned left = e->warn, w = 0; left; left >>= 1, w++) {
		if (!(left & 1u))
			continue;
		/* the unit or the value is the fault, not the default used on it */
		if ((w == PS_W_DEFAULT || w == PS_W_UNCOVERED) && e->st == PS_ST_NEEDS_REVIEW)
			continue;
		bool at_actual = (w == PS_W_UNIT || w == PS_W_ACTUAL) && e->ind->actual_pos.line;
		char *msg = ps_explain_warning(&e->t, (ps_warn)w);
		ps_diags_add(diags, codes[w], at_actual ? e->ind->actual_pos : e->ind->pos, "%s", msg);
		free(msg);
	}
}

/* The printed score: clamped to [0, points] and rounded half-up, but never
 * rounded above the points (12.5 points at 0 decimals give 12, not 13). */
static ps_dec round_score(ps_dec raw, ps_dec points, int decimals)
{
	ps_dec r = ps_dec_round(ps_dec_clamp(raw, 0, points), decimals);
	return r > points ? ps_dec_floor_to(points, decimals) : r;
}

/* The length of s, kept (n > 0) or counted. */
static inline size_t len_of(const char *s, uint32_t n)
{
	return n ? n : strlen(s);
}

/* hint: the row's lookups hashed (ctx->cache set), or NULL. blk: the
 * unit's block the texts are appended to (out->in_block; the pointers are
 * set once the unit is done, as the block moves), or NULL: a block of
 * their own. */
static void score_with(ps_ind_result *out, const ps_indicator *ind, const ps_rule *rule, ps_rule_memo *memo,
                       ps_rule_source src, const char *rule_text, const ps_score_ctx *ctx,
                       const ps_cache_hint *hint, ps_text_block *blk, ps_diags *diags)
{
	ps_policy defaults;
	const ps_policy *pol = ctx && ctx->policy ? ctx->policy : (ps_policy_init(&defaults), &defaults);
	ev e;
	ps_zero_bytes(&e, offsetof(ev, act));
	e.ind = ind;
	e.pol = pol;
	e.rule = rule;
	e.memo = memo;
	const char *atext = ind->actual_text ? ind->actual_text : "";
	size_t alen = len_of(atext, ind->actual_len);
	const char *utext = ind->unit ? ind->unit : "";
	size_t ulen = len_of(utext, ind->unit_len);
	/* values and units recur from row to row: read each once per cache */
	ps_rule_cache *memo_c = ctx ? ctx->cache : NULL;
	if (memo_c) {
		if (hint && hint->has_value)
			ps_rule_cache_value_hinted(memo_c, hint, &e.act, atext, alen);
		else
			ps_rule_cache_value(memo_c, &e.act, atext, alen);
		ps_rule_cache_unit(memo_c, e.unit, utext, ulen);
	} else {
		ps_value_parse(&e.act, atext, alen);
		ps_unit_norm(e.unit, sizeof e.unit, utext, ulen);
	}
	bool missing = !ind->has_actual || e.act.kind == PS_V_EMPTY;
	if (!e.unit[0])
		memcpy(e.unit, ind->target.unit, sizeof e.unit);
	ps_trace *t = &e.t;
	t->lang = ctx ? ctx->lang : PS_LANG_ZH;
	t->decimals = pol->decimals;
	t->ind = ind;
	t->rule = rule;
	t->rule_text = rule_text ? rule_text : "";
	t->act = &e.act;
	t->unit = e.unit;
	t->cmp = ind->cmp != PS_CMP_NONE ? ind->cmp : ind->target.cmp;
	t->has_target = ind->target.kind == PS_V_NUMBER;
	t->target = ind->target.num;
	t->points = ind->has_points ? ind->points : 0;
	rule_kinds(&e);
	if (!missing)
		rate_mode(&e);
	evaluate(&e, missing);
	keep_given(&e);
	if (has(&e, PS_CL_BONUS) && e.st != PS_ST_NOT_APPLICABLE) {
		for (size_t i = 0; i < rule->n; i++)
			if (rule->v[i].kind == PS_CL_BONUS)
				t->bonus += rule->v[i].amount;
		e.warn |= 1u << PS_W_BONUS;
	}
	t->body_score = round_score(e.raw, t->points, pol->decimals);
	ps_dec body_raw = e.raw;
	deviation(&e);
	t->has_score = e.has;
	/* rounded again only when the deviation penalty changed it */
	t->score = !e.has ? 0 : e.raw == body_raw ? t->body_score : round_score(e.raw, t->points, pol->decimals);

	memset(out, 0, sizeof *out);
	out->ind = ind;
	out->status = e.st;
	out->has_score = e.has;
	out->score = t->score;
	out->bonus = t->bonus;
	out->rule_source = !rule || (rule->ok && rule->n == 0) ? PS_RS_DEFAULT : src;
	/* the explanation and the canonical form in one allocation:
	 * "explanation\0canonical\0" (ps_ind_result_dispose knows it) */
	const char *canon = "";
	size_t canon_len = 0;
	char *printed = NULL;
	if (rule && (rule->n || !rule->ok)) {
		if (memo && !memo->canonical)
			memo_canonical(rule, memo);
		if (memo) {
			canon = memo->canonical;
			canon_len = memo->canonical_len;
		} else {
			canon = printed = ps_rule_print(rule);
			canon_len = strlen(printed);
		}
	}
	if (blk) {
		out->explanation_len = ps_explain_append(&e.t, blk, canon, canon_len);
		out->in_block = true;
	} else {
		out->explanation = ps_explain_with(&e.t, &out->explanation_len, canon, canon_len);
		out->canonical = out->explanation + out->explanation_len + 1;
	}
	out->canonical_len = canon_len;
	free(printed);
	emit(&e, diags);
}

void ps_score_explain(ps_ind_result *out, const ps_rule *rule, const ps_indicator *ctx_ind,
                      const ps_score_ctx *ctx, ps_diags *diags)
{
	const char *text = ctx_ind->rule_dsl && *ctx_ind->rule_dsl ? ctx_ind->rule_dsl : ctx_ind->rule_text;
	score_with(out, ctx_ind, rule, NULL, rule ? rule->source : PS_RS_DEFAULT, text, ctx, NULL, NULL, diags);
}

/* The rule of ind: its 计分规则 (*dsl) or its text, NULL if neither; its
 * length in *len. */
static const char *rule_of(const ps_indicator *ind, bool *dsl, size_t *len)
{
	*dsl = false;
	*len = 0;
	if (ind->rule_dsl && *ind->rule_dsl) {
		*dsl = true;
		*len = len_of(ind->rule_dsl, ind->dsl_len);
		return ind->rule_dsl;
	}
	if (ind->rule_text && *ind->rule_text) {
		*len = len_of(ind->rule_text, ind->rule_len);
		return ind->rule_text;
	}
	return NULL;
}

/* hint: the row's lookups hashed by hint_row (ctx->cache set), or NULL;
 * blk as score_with's. */
static void score_indicator(ps_ind_result *out, const ps_indicator *ind, const ps_score_ctx *ctx,
                            const ps_cache_hint *hint, ps_text_block *blk, ps_diags *diags)
{
	bool dsl;
	size_t len;
	const char *text = rule_of(ind, &dsl, &len);
	const ps_rule *rule = NULL;
	ps_rule *own = NULL;
	ps_rule_memo *memo = NULL;
	if (text) {
		if (hint && hint->has_rule)
			rule = ps_rule_cache_get_hinted(ctx->cache, hint, text, len, ind->pos, diags, &memo);
		else if (ctx && ctx->cache)
			rule = ps_rule_cache_get_memo(ctx->cache, text, len, dsl, ind->pos, diags, &memo);
		else
			rule = own = dsl ? ps_rule_parse_dsl(text, len, ind->pos, diags)
			                 : ps_rule_compile(text, len, ind->pos, diags);
	}
	score_with(out, ind, rule, memo, dsl ? PS_RS_DSL : PS_RS_TEXT, text, ctx, hint, blk, diags);
	ps_rule_free(own);
}

void ps_score_indicator(ps_ind_result *out, const ps_indicator *ind, const ps_score_ctx *ctx, ps_diags *diags)
{
	score_indicator(out, ind, ctx, NULL, NULL, diags);
}

/* ps_rule_cache_hint for what scoring ind will look up: its rule text
 * (not a DSL one: those are keyed otherwise) and its actual value. */
static void hint_row(const ps_rule_cache *cache, ps_cache_hint *h, const ps_indicator *ind)
{
	bool dsl;
	size_t len;
	const char *text = rule_of(ind, &dsl, &len);
	const char *atext = ind->actual_text ? ind->actual_text : "";
	ps_rule_cache_hint(cache, h, dsl ? NULL : text, len, atext, len_of(atext, ind->actual_len));
}

void ps_ind_result_dispose(ps_ind_result *r)
{
	if (!r)
		return;
	if (r->in_block) { /* the unit result's */
		r->canonical = r->explanation = NULL;
		return;
	}
	/* score_with puts the canonical form right after the explanation's
	 * NUL, in the same block */
	if (!(r->explanation && r->canonical == r->explanation + r->explanation_len + 1))
		free(r->canonical);
	free(r->explanation);
	r->canonical = r->explanation = NULL;
}

/* ---- one unit -------------------------------------------------------------- */

/* The subtotal of 一级指标 l1, added in order of first appearance. slots is
 * an open-addressing hash of sub indexes + 1 (nslot a power of two, more
 * than twice the indicators): a table of 30,000 distinct 一级 took seconds
 * with a scan of the subtotals per indicator. */
static ps_subtotal *subtotal_of(ps_unit_result *out, size_t *slots, size_t nslot, const char *l1)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)l1; *p; p++)
		h = (h ^ *p) * 16777619u;
	size_t k = h & (nslot - 1);
	while (slots[k]) {
		ps_subtotal *s = &out->sub[slots[k] - 1];
		if (strcmp(s->level1, l1) == 0)
			return s;
		k = (k + 1) & (nslot - 1);
	}
	slots[k] = ++out->n_sub;
	ps_subtotal *s = &out->sub[out->n_sub - 1];
	s->level1 = l1;
	return s;
}

void ps_score_unit(ps_unit_result *out, const ps_unit *unit, const ps_score_ctx *ctx, ps_diags *diags)
{
	ps_score_unit_budget(out, unit, NULL, ctx, diags);
}

void ps_score_unit_budget(ps_unit_result *out, const ps_unit *unit, const ps_budget *budget,
                          const ps_score_ctx *ctx, ps_diags *diags)
{
	ps_zero_bytes(out, sizeof *out);
	out->unit = unit;
	out->n = unit->n;
	/* the rows and the subtotals in one allocation (ps_unit_result_dispose
	 * knows it), the subtotals' slots on the stack for a unit of usual size */
	size_t nv = unit->n ? unit->n : 1;
	out->v = ps_xcalloc(1, nv * sizeof *out->v + nv * sizeof *out->sub);
	out->sub = (ps_subtotal *)(out->v + nv);
	size_t nslot = 4;
	while (nslot < 2 * (unit->n + 1))
		nslot *= 2;
	size_t slot_buf[128];
	size_t *slots = nslot <= sizeof slot_buf / sizeof *slot_buf ? slot_buf : ps_xcalloc(nslot, sizeof *slots);
	if (slots == slot_buf)
		ps_zero_bytes(slots, nslot * sizeof *slots);
	ps_policy defaults;
	const ps_policy *pol = ctx && ctx->policy ? ctx->policy : (ps_policy_init(&defaults), &defaults);
	bool manual_open = false;
	/* every row's texts in one allocation, freed with the unit: a
	 * malloc and a free per row were a good part of scoring's time */
	ps_text_block blk = {NULL, 0, 192 * unit->n + 64};
	/* Each row's lookups go through the stages of ps_rule_cache_ahead, one
	 * per row scored, before the row is: AHEAD rows are under way while
	 * one is scored. */
	enum { AHEAD = 4 };
	ps_cache_hint hint[AHEAD + 1];
	ps_rule_cache *cache = ctx ? ctx->cache : NULL;
	for (size_t i = 0; cache && i < AHEAD && i < unit->n; i++) {
		hint_row(cache, &hint[i], &unit->v[i]);
		for (size_t k = 0; k < i; k++)
			ps_rule_cache_ahead(cache, &hint[k]);
	}
	/* the row before's 一级 and subtotal: a group's rows mostly share
	 * the very string */
	const char *last_l1 = NULL;
	ps_subtotal *last_s = NULL;
	for (size_t i = 0, at = 0; i < unit->n; i++, at = at == AHEAD ? 0 : at + 1) {
		/* at: i % (AHEAD + 1), hint[at] the row's */
		const ps_indicator *ind = &unit->v[i];
		ps_ind_result *r = &out->v[i];
		if (cache) {
			for (size_t k = i, hk = at; k < i + AHEAD && k < unit->n; k++, hk = hk == AHEAD ? 0 : hk + 1)
				if (hint[hk].stage < PS_HINT_STAGES) /* else a call that does nothing */
					ps_rule_cache_ahead(cache, &hint[hk]);
			if (i + AHEAD < unit->n)
				hint_row(cache, &hint[at == 0 ? AHEAD : at - 1], &unit->v[i + AHEAD]);
		}
		score_indicator(r, ind, ctx, cache ? &hint[at] : NULL, &blk, diags);
		const char *l1 = ind->level1 ? ind->level1 : "";
		ps_subtotal *s = l1 == last_l1 ? last_s : subtotal_of(out, slots, nslot, l1);
		last_l1 = l1;
		last_s = s;
		ps_dec pts = ind->has_points ? ind->points : 0;
		out->points_total += pts;
		bool excluded = r->status == PS_ST_NOT_APPLICABLE && pol->na == PS_NA_RESCALE;
		if (!excluded) {
			out->points_applicable += pts;
			s->points += pts;
		}
		if (r->has_score) {
			out->total += r->score;
			s->score += r->score;
		}
		switch (r->status) {
		case PS_ST_MISSING: out->n_missing++; break;
		case PS_ST_NEEDS_REVIEW: out->n_review++; break;
		case PS_ST_MANUAL:
			out->n_manual++;
			manual_open |= !r->has_score;
			break;
		default: break;
		}
	}
	if (slots != slot_buf)
		free(slots);
	/* The 预算执行率 row counts like an indicator outside the 一级 groups. */
	ps_budget_result *b = &out->budget;
	bool no_budget = !budget || !budget->present;
	if (no_budget) {
		/* what ps_budget_score gives, its "" the block's last byte */
		memset(b, 0, sizeof *b);
		if (blk.n + 1 > blk.cap || !blk.s) {
			blk.cap = blk.n + 1;
			blk.s = ps_xrealloc(blk.s, blk.cap);
		}
		blk.s[blk.n++] = '\0';
	} else {
		ps_budget_score(b, budget, pol, ctx ? ctx->lang : PS_LANG_ZH, diags);
	}
	out->block = blk.s;
	out->block_len = blk.n;
	char *at = blk.s;
	for (size_t i = 0; i < unit->n; i++) {
		ps_ind_result *r = &out->v[i];
		r->explanation = at;
		r->canonical = at + r->explanation_len + 1;
		at = r->canonical + r->canonical_len + 1;
	}
	if (no_budget)
		b->explanation = blk.s + blk.n - 1;
	if (b->scored) {
		out->points_total += b->points;
		out->points_applicable += b->points;
		if (b->has_score)
			out->total += b->score;
		else
			out->n_review++;
	}
	if (out->points_applicable == PS_DEC(100))
		out->total_100 = out->total;
	else if (out->points_applicable > 0)
		out->total_100 =
			ps_dec_round(ps_dec_muldiv(out->total, PS_DEC(100), out->points_applicable, NULL), 2);
	out->total_100_uncapped = out->total_100;
	ps_dec cap = 0;
	if (pol->exec_cap && b->has_rate && ps_policy_exec_cap(pol, b->rate, &cap) && out->total_100 > cap) {
		out->capped = true;
		out->cap = cap;
		out->total_100 = cap;
	}
	out->grade = ps_policy_grade(pol, out->total_100);
	out->final = !out->n_missing && !out->n_review && !manual_open;
}

void ps_unit_result_dispose(ps_unit_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		ps_ind_result_dispose(&r->v[i]);
	/* ps_score_unit_budget's subtotals follow the rows in their block */
	if (!(r->v && r->sub == (ps_subtotal *)(r->v + (r->n ? r->n : 1))))
		free(r->sub);
	free(r->v);
	if (!(r->block && r->budget.explanation == r->block + r->block_len - 1))
		free(r->budget.explanation);
	free(r->block);
	r->block = NULL;
	r->block_len = 0;
	r->budget.explanation = NULL;
	r->v = NULL;
	r->sub = NULL;
	r->n = r->n_sub = 0;
}
