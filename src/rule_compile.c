/* rule_compile.c: Chinese rule text (评（扣）分标准) → rule AST. Sentences split
 * at ；。, fragments at ，; each award or deduction closes a clause whose
 * condition is the text before it. Whatever carries scoring words but cannot
 * be read makes the whole rule unusable (ok = false): never a guessed score. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/rule.h"
#include "perfscore/text.h"
#include "rule_int.h"
#include "rule_lex.h"

/* What we learned about an outcome clause whose condition is words, not
 * numbers: settled into GRADE or BOOL once the whole rule is read. */
typedef struct {
	size_t clause;     /* index in r->v */
	char *word;        /* the condition's core words */
	bool neg;          /* starts with 未/没有/不/否则... */
	bool grade;        /* ends in a known grade word (优秀, 一般, 差) */
	bool done;         /* says 完成/达标 */
	bool otherwise;    /* 否则/其他 */
} desc;

typedef struct {
	ps_toks t;
	bool *skip;        /* tokens to ignore: numbering, "(8分)" declarations */
	ps_rule *r;
	desc *d;
	size_t nd, capd;
	bool failed;
	uint32_t err_pos;
	char *err_msg;
	const char *err_zh;
	bool manual;
	size_t n_items;    /* ITEM clauses */
	size_t n_incident; /* outcome clauses on a count of incidents (x>0, x=0) */
	size_t n_negded;   /* negative conditions with a fixed deduction */
	size_t n_pos_points; /* descriptive positive conditions with a fixed award */
	bool has_multi;
} cs;

/* ------------------------------------------------------------------ */
/* building the rule                                                   */

static ps_clause *add(cs *c, ps_clause_kind k, size_t tok)
{
	ps_clause cl;
	memset(&cl, 0, sizeof cl);
	cl.kind = k;
	cl.pos = c->t.v[tok].pos;
	return ps_rule_push(c->r, &cl);
}

static void fail(cs *c, size_t tok, const char *zh, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void fail(cs *c, size_t tok, const char *zh, const char *fmt, ...)
{
	if (c->failed)
		return;
	c->failed = true;
	c->err_zh = zh;
	c->err_pos = c->t.v[tok].pos;
	va_list ap;
	va_start(ap, fmt);
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->err_msg = ps_xstrdup(buf);
}

/* The folded text of tokens [a, b) for messages and grade words. */
static char *text_of(const cs *c, size_t a, size_t b)
{
	if (a >= b)
		return ps_xstrdup("");
	size_t b0 = c->t.v[a].b0, b1 = c->t.v[b - 1].b1;
	return ps_xstrndup(c->t.folded + b0, b1 - b0);
}

/* A short quote of tokens [a, b) for a diagnostic: at most ~24 characters. */
static void quote(const cs *c, size_t a, size_t b, char *out, size_t n)
{
	char *s = text_of(c, a, b);
	size_t len = strlen(s), cut = 0, cps = 0;
	while (cut < len && cps < 24) {
		int32_t cp;
		int k = ps_utf8_decode(s + cut, len - cut, &cp);
		cut += k > 0 ? (size_t)k : 1;
		cps++;
	}
	snprintf(out, n, "%.*s%s", (int)cut, s, cut < len ? "…" : "");
	free(s);
}

/* ------------------------------------------------------------------ */
/* token helpers                                                       */

static ps_tkind K(const cs *c, size_t i)
{
	return c->t.v[i].k;
}

static bool is_unit(ps_tkind k)
{
	return k == T_PCT || k == T_PP || k == T_PERMILLE || k == T_CUNIT || k == T_TUNIT;
}

/* Next non-skipped token index at or after i, below end (end if none). */
static size_t nx(const cs *c, size_t i, size_t end)
{
	while (i < end && c->skip[i])
		i++;
	return i;
}

static bool has_kind(const cs *c, size_t a, size_t b, ps_tkind k)
{
	for (size_t i = a; i < b; i++)
		if (!c->skip[i] && K(c, i) == k)
			return true;
	return false;
}

static size_t find_kind(const cs *c, size_t a, size_t b, ps_tkind k)
{
	for (size_t i = a; i < b; i++)
		if (!c->skip[i] && K(c, i) == k)
			return i;
	return b;
}

/* Any token that only scoring text has: points, deductions, awards. */
static bool scoring_words(const cs *c, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (c->skip[i])
			continue;
		switch (K(c, i)) {
		case T_FEN: case T_FULL: case T_ZERO: case T_DEDUCT: case T_PROP: case T_FLOOR:
		case T_MAXDED: case T_SHARE: case T_MANUAL: case T_BONUS:
			return true;
		default:
			break;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* numeric conditions                                                  */

typedef struct {
	ps_bound lo, hi;
	bool any;            /* something numeric was found */
	bool target_ref;     /* compares with the target (不低于目标值, 每低于目标值) */
	int meets;           /* +1 "reaches the target" (达到目标值, 完成目标), -1 not */
	bool unknown_ref;    /* compares with something the rule does not give */
	size_t unknown_at;
	ps_tkind unit;       /* unit of the numbers (T_PCT, T_CUNIT...) or T_END */
	bool bare;           /* the only bound is a bare number (100%得满分) */
	bool two_sided;      /* ±a-±b: a band on both sides */
	ps_bound lo2, hi2;   /* the mirrored band for two_sided */
} numcond;

static void set_lo(ps_bound *b, ps_dec v, bool incl)
{
	b->set = true;
	b->v = v;
	b->incl = incl;
	b->is_target = false;
}

/* After the number at i (and its unit), is there an inclusion marker?
 * Returns +1 for 含, -1 for 不含, 0 for none; *after set past it. */
static int incl_after(const cs *c, size_t i, size_t end, size_t *after)
{
	size_t j = nx(c, i, end);
	*after = i;
	if (j < end && K(c, j) == T_LP) {
		size_t k = nx(c, j + 1, end);
		if (k < end && (K(c, k) == T_INCL || K(c, k) == T_EXCL)) {
			int r = K(c, k) == T_INCL ? 1 : -1;
			size_t m = nx(c, k + 1, end);
			if (m < end && K(c, m) == T_RP) {
				*after = m + 1;
				return r;
			}
		}
	}
	if (j < end && (K(c, j) == T_INCL || K(c, j) == T_EXCL)) {
		*after = j + 1;
		return K(c, j) == T_INCL ? 1 : -1;
	}
	return 0;
}

/* Do the words from j on name a requirement (要求 标准 规定 进度), which
 * makes "未达到…要求" a failed condition rather than a comparison? */
static bool requirement_words(const cs *c, size_t j, size_t b)
{
	static const char *const req[] = {"要求", "标准", "规定", "进度", "合格", "规范", "条件", "程序", "时限", "期限", "预期", "效果"};
	size_t e = j;
	while (e < b && K(c, e) == T_WORD)
		e++;
	char *w = text_of(c, j, e);
	bool yes = false;
	for (size_t i = 0; i < sizeof req / sizeof req[0] && !yes; i++)
		yes = strstr(w, req[i]) != NULL;
	free(w);
	return yes;
}

/* An explicit comparison overrides a bare number read before it
 * ("以100%为标准，…≦100%": the bound is ≤100%, not =100%). */
static void explicit_bound(numcond *nc)
{
	if (nc->bare) {
		memset(&nc->lo, 0, sizeof nc->lo);
		memset(&nc->hi, 0, sizeof nc->hi);
		nc->bare = false;
	}
}

/* Apply a comparator with value v to the interval. */
static void apply_cmp(numcond *nc, ps_cmp op, ps_dec v, int incl)
{
	explicit_bound(nc);
	switch (op) {
	case PS_CMP_GE: set_lo(&nc->lo, v, incl >= 0); break;
	case PS_CMP_GT: set_lo(&nc->lo, v, incl > 0); break;
	case PS_CMP_LE: set_lo(&nc->hi, v, incl >= 0); break;
	case PS_CMP_LT: set_lo(&nc->hi, v, incl > 0); break;
	case PS_CMP_EQ:
		set_lo(&nc->lo, v, true);
		set_lo(&nc->hi, v, true);
		break;
	default: break;
	}
}

/* Read the numeric part of a condition in tokens [a, b): comparisons
 * (≥95%, 低于90%, 95%以上, 90%（含）-95%, 85%≤x<90%, ±30%以内, 达到目标值). */
static void numeric_cond(const cs *c, size_t a, size_t b, numcond *nc)
{
	memset(nc, 0, sizeof *nc);
	nc->unit = T_END;
	ps_cmp pending_cmp = PS_CMP_NONE;
	int pending_incl = 0;
	bool pending_pm = false;
	for (size_t i = nx(c, a, b); i < b; i = nx(c, i + 1, b)) {
		ps_tkind k = K(c, i);
		if (k == T_CMP) {
			pending_cmp = (ps_cmp)c->t.v[i].sub;
			pending_incl = 0;
			/* 低于(含)90% */
			size_t after;
			int inc = incl_after(c, i + 1, b, &after);
			if (inc) {
				pending_incl = inc;
				i = after - 1;
			}
			/* the comparator's object: a number, the target, or words */
			size_t j = nx(c, i + 1, b);
			if (j < b && K(c, j) == T_TARGET && c->t.v[i].v) {
				/* 达到指标值: meeting the target, whichever way the
				 * indicator points (≤ indicators meet it from below) */
				nc->any = nc->target_ref = true;
				nc->meets = pending_cmp == PS_CMP_LT ? -1 : +1;
				pending_cmp = PS_CMP_NONE;
				i = j;
			} else if (j < b && K(c, j) == T_TARGET) {
				nc->any = nc->target_ref = true;
				ps_bound tb = ps_bound_target(true);
				if (pending_cmp == PS_CMP_GE || pending_cmp == PS_CMP_GT) {
					nc->lo = tb;
					nc->lo.incl = pending_cmp == PS_CMP_GE;
				} else if (pending_cmp == PS_CMP_LE || pending_cmp == PS_CMP_LT) {
					nc->hi = tb;
					nc->hi.incl = pending_cmp == PS_CMP_LE;
				} else if (pending_cmp == PS_CMP_EQ) {
					nc->lo = nc->hi = tb;
				}
				pending_cmp = PS_CMP_NONE;
				i = j;
			} else if (j < b && K(c, j) != T_NUM && K(c, j) != T_PM && K(c, j) != T_X &&
			           K(c, j) != T_DATE && K(c, j) != T_LP) {
				/* 未达到进度要求: words of a requirement, not a number; but
				 * 高于中央安排的增幅 compares with a value the rule does not give */
				if (K(c, j) == T_WORD && !nc->unknown_ref && !requirement_words(c, j, b)) {
					nc->unknown_ref = true;
					nc->unknown_at = i;
				}
				pending_cmp = PS_CMP_NONE;
			}
			continue;
		}
		if (k == T_PM) {
			pending_pm = true;
			continue;
		}
		if (k == T_X) {
			continue; /* x in 85%≤x<90%: the comparators around it do the work */
		}
		if (k == T_DONE && nx(c, i + 1, b) < b && K(c, nx(c, i + 1, b)) == T_TARGET) {
			/* 完成目标值, 完成或超额完成目标值 */
			nc->any = nc->target_ref = true;
			nc->meets = +1;
			continue;
		}
		if (k != T_NUM)
			continue;
		ps_dec v = c->t.v[i].v;
		size_t j = nx(c, i + 1, b);
		ps_tkind unit = T_END;
		if (j < b && is_unit(K(c, j))) {
			unit = K(c, j);
			j = nx(c, j + 1, b);
		}
		/* bare numbers with no unit and no comparator are not conditions */
		bool attached = (unit != T_END && c->t.v[i].sub != 1) || pending_cmp != PS_CMP_NONE || pending_pm ||
		                (j < b && (K(c, j) == T_POST || K(c, j) == T_DASH || K(c, j) == T_CMP ||
		                           K(c, j) == T_COLON));
		if (!attached)
			continue;
		if (unit != T_END)
			nc->unit = unit;
		size_t after;
		int inc = incl_after(c, j, b, &after);
		if (inc)
			j = nx(c, after, b);
		nc->any = true;
		/* a range: v [含] - w [含] */
		if (j < b && K(c, j) == T_DASH) {
			size_t w_i = nx(c, j + 1, b);
			bool pm2 = false;
			if (w_i < b && K(c, w_i) == T_PM) {
				pm2 = true;
				w_i = nx(c, w_i + 1, b);
			}
			if (w_i < b && K(c, w_i) == T_NUM) {
				ps_dec w = c->t.v[w_i].v;
				size_t e = nx(c, w_i + 1, b);
				if (e < b && is_unit(K(c, e))) {
					nc->unit = K(c, e);
					e = nx(c, e + 1, b);
				}
				int inc2 = incl_after(c, e, b, &after);
				if (inc2)
					e = nx(c, after, b);
				bool post_le = e < b && K(c, e) == T_POST &&
				               (c->t.v[e].sub == PS_CMP_LE);
				/* lower inclusive, upper exclusive unless marked */
				ps_dec lo = v < w ? v : w, hi = v < w ? w : v;
				int inc_lo = v < w ? inc : inc2, inc_hi = v < w ? inc2 : inc;
				bool hi_incl = inc_hi > 0 || (post_le && inc_hi >= 0);
				explicit_bound(nc);
				/* one end marked （含）: the other is the neighbour tier's */
				set_lo(&nc->lo, lo, inc_lo > 0 || (inc_lo == 0 && !hi_incl));
				set_lo(&nc->hi, hi, hi_incl);
				/* 100-80%（含80%）: the marker names the number it covers */
				if (pending_pm || pm2) {
					nc->two_sided = true;
					nc->lo2 = nc->lo;
					nc->hi2 = nc->hi;
					/* mirrored: -hi .. -lo */
					nc->lo2.v = -nc->hi.v;
					nc->lo2.incl = nc->hi.incl;
					nc->hi2.v = -nc->lo.v;
					nc->hi2.incl = nc->lo.incl;
				}
				pending_cmp = PS_CMP_NONE;
				pending_pm = false;
				i = e > 0 ? e - 1 : e;
				continue;
			}
		}
		/* (含80%) after a range names 80 as included */
		if (i > a && K(c, i - 1) == T_INCL) {
			if (nc->lo.set && nc->lo.v == v)
				nc->lo.incl = true;
			if (nc->hi.set && nc->hi.v == v)
				nc->hi.incl = true;
			if (nc->lo.set || nc->hi.set)
				continue;
		}
		if (j < b && K(c, j) == T_POST) {
			ps_cmp op = (ps_cmp)c->t.v[j].sub;
			size_t e = nx(c, j + 1, b);
			int inc2 = incl_after(c, e, b, &after);
			if (!inc2)
				inc2 = inc;
			explicit_bound(nc);
			if (pending_pm) {
				/* ±30%以内 */
				set_lo(&nc->lo, -v, inc2 >= 0);
				set_lo(&nc->hi, v, inc2 >= 0);
				pending_pm = false;
			} else {
				apply_cmp(nc, op, v, op == PS_CMP_LE || op == PS_CMP_GE ? (inc2 < 0 ? -1 : 1) : inc2);
			}
			pending_cmp = PS_CMP_NONE;
			i = j;
			continue;
		}
		if (pending_cmp != PS_CMP_NONE) {
			int use = pending_incl ? pending_incl : inc;
			if (pending_cmp == PS_CMP_GE || pending_cmp == PS_CMP_LE || pending_cmp == PS_CMP_EQ)
				use = use < 0 ? -1 : 1;
			apply_cmp(nc, pending_cmp, v, use);
			pending_cmp = PS_CMP_NONE;
			continue;
		}
		if (pending_pm) {
			explicit_bound(nc);
			set_lo(&nc->lo, -v, true);
			set_lo(&nc->hi, v, true);
			pending_pm = false;
			continue;
		}
		/* a comparator right after: 85% ≤ x */
		if (j < b && K(c, j) == T_CMP) {
			ps_cmp op = (ps_cmp)c->t.v[j].sub;
			size_t x = nx(c, j + 1, b);
			/* the variable: x, 指标值, 完成率, 偏差率 (any words naming the measure) */
			if (x < b && K(c, x) != T_NUM && K(c, x) != T_CMP && K(c, x) != T_PM && K(c, x) != T_SEP) {
				/* v op x: 85% ≤ x means x ≥ 85 */
				ps_cmp rev = op == PS_CMP_LE ? PS_CMP_GE : op == PS_CMP_LT ? PS_CMP_GT :
				             op == PS_CMP_GE ? PS_CMP_LE : op == PS_CMP_GT ? PS_CMP_LT : op;
				apply_cmp(nc, rev, v, rev == PS_CMP_GE || rev == PS_CMP_LE ? 1 : 0);
				i = x;
				continue;
			}
		}
		/* a bare number with a unit: 100%得满分 reads as reaching it; not
		 * a number in words (七类案件) */
		if (c->t.v[i].sub == 1) {
			continue;
		}
		if (!nc->lo.set && !nc->hi.set) {
			set_lo(&nc->lo, v, true);
			if (v == 0)
				set_lo(&nc->hi, v, true); /* 0起得满分: exactly none */
			nc->bare = true;
		}
	}
	/* numbers written with % compare a rate, whatever the indicator counts */
	if (nc->unit == T_PCT) {
		ps_bound *bs[] = {&nc->lo, &nc->hi, &nc->lo2, &nc->hi2};
		for (size_t k = 0; k < 4; k++)
			if (bs[k]->set && !bs[k]->is_target)
				bs[k]->pct = true;
	}
}

/* ------------------------------------------------------------------ */
/* awards                                                              */

typedef enum { AW_NONE, AW_FULL, AW_ZERO, AW_POINTS, AW_SHARE, AW_DEDUCT, AW_PROP, AW_MANUAL } awkind;

typedef struct {
	awkind k;
	ps_dec v;
	size_t at, end;      /* token range of the award */
	bool bare;           /* "3分" with no verb (a declaration, or a grade list's "充分:3分") */
	bool colon;          /* "充分:3分" */
	int prop_sub;        /* PROP: 1 = interpolation */
} award;

/* Find the first award in tokens [a, b). */
static bool find_award(const cs *c, size_t a, size_t b, award *aw)
{
	memset(aw, 0, sizeof *aw);
	for (size_t i = nx(c, a, b); i < b; i = nx(c, i + 1, b)) {
		ps_tkind k = K(c, i);
		size_t j = nx(c, i + 1, b);
		switch (k) {
		case T_PROP:
			aw->k = AW_PROP;
			aw->prop_sub = c->t.v[i].sub;
			aw->at = i;
			aw->end = j;
			/* 计分/得分/赋分 right after belong to it */
			while (aw->end < b && (K(c, aw->end) == T_GET || K(c, aw->end) == T_FULL))
				aw->end = nx(c, aw->end + 1, b);
			return true;
		case T_TIMES:
		case T_X: {
			/* 执行率*该指标分值, 好路率X120, B/A*分值: proportional; but not
			 * ×100% (a rate's formula) and not 4×实达标数 */
			bool prop = false;
			if (j < b && K(c, j) == T_WORD && c->t.v[j].sub == 1)
				prop = true;
			else if (j < b && K(c, j) == T_NUM && !(nx(c, j + 1, b) < b && K(c, nx(c, j + 1, b)) == T_PCT) &&
			         i > a && c->t.v[i - 1].b1 >= 3 &&
			         memcmp(c->t.folded + c->t.v[i - 1].b1 - 3, "率", 3) == 0)
				prop = true;
			else if (i > a && c->t.v[i - 1].b1 >= 3 && K(c, j < b ? j : i) != T_CMP &&
			         memcmp(c->t.folded + c->t.v[i - 1].b1 - 3, "率", 3) == 0 && j < b && K(c, j) != T_NUM)
				prop = true;
			if (prop) {
				aw->k = AW_PROP;
				aw->at = i;
				aw->end = nx(c, j + 1, b);
				while (aw->end < b && (K(c, aw->end) == T_GET || K(c, aw->end) == T_WORD ||
				                       K(c, aw->end) == T_FULL))
					aw->end = nx(c, aw->end + 1, b);
				return true;
			}
			break;
		}
		case T_FULL:
			aw->k = AW_FULL;
			aw->at = i;
			aw->end = j;
			return true;
		case T_ZERO:
			aw->k = AW_ZERO;
			aw->at = i;
			aw->end = j;
			return true;
		case T_SHARE: {
			size_t n = j;
			if (n < b && K(c, n) == T_NUM && nx(c, n + 1, b) < b && K(c, nx(c, n + 1, b)) == T_PCT) {
				aw->k = AW_SHARE;
				aw->v = c->t.v[n].v;
				aw->at = i;
				aw->end = nx(c, nx(c, n + 1, b) + 1, b);
				return true;
			}
			if (n < b && K(c, n) == T_HALF) {
				aw->k = AW_SHARE;
				aw->v = PS_DEC(50);
				aw->at = i;
				aw->end = nx(c, n + 1, b);
				return true;
			}
			break;
		}
		case T_GET: {
			/* 得一半分, 得80%分值 */
			if (j < b && K(c, j) == T_HALF) {
				aw->k = AW_SHARE;
				aw->v = PS_DEC(50);
				aw->at = i;
				aw->end = nx(c, j + 1, b);
				if (aw->end < b && K(c, aw->end) == T_FEN)
					aw->end = nx(c, aw->end + 1, b);
				return true;
			}
			if (j < b && K(c, j) == T_SHARE)
				break; /* handled at the T_SHARE */
			/* 良好的得80% (a share of the points) */
			if (j < b && K(c, j) == T_NUM) {
				size_t pc = nx(c, j + 1, b);
				if (pc < b && K(c, pc) == T_PCT && !(nx(c, pc + 1, b) < b && K(c, nx(c, pc + 1, b)) == T_FEN)) {
					aw->k = AW_SHARE;
					aw->v = c->t.v[j].v;
					aw->at = i;
					aw->end = nx(c, pc + 1, b);
					return true;
				}
			}
			if (j < b && K(c, j) == T_MANUAL) {
				aw->k = AW_MANUAL;
				aw->at = i;
				aw->end = j;
				return true;
			}
			break;
		}
		case T_DEDUCT: {
			if (j < b && K(c, j) == T_NUM) {
				size_t f = nx(c, j + 1, b);
				if (f < b && K(c, f) == T_DASH) {
					/* 扣5-10分: a range of points is a person's choice */
					aw->k = AW_MANUAL;
					aw->at = i;
					aw->end = f;
					return true;
				}
				if (f < b && K(c, f) == T_FEN) {
					aw->k = AW_DEDUCT;
					aw->v = c->t.v[j].v;
					aw->at = i;
					aw->end = nx(c, f + 1, b);
					return true;
				}
			}
			break;
		}
		case T_NUM: {
			/* 按50%计分: a share of the points */
			if (j < b && K(c, j) == T_PCT && i > a && c->t.v[i - 1].b1 - c->t.v[i - 1].b0 == 3 &&
			    memcmp(c->t.folded + c->t.v[i - 1].b0, "按", 3) == 0) {
				size_t g = nx(c, j + 1, b);
				if (g < b && K(c, g) == T_GET) {
					aw->k = AW_SHARE;
					aw->v = c->t.v[i].v;
					aw->at = i - 1;
					aw->end = nx(c, g + 1, b);
					return true;
				}
			}
			/* N分 not after a deduction/bonus/cap word: points awarded */
			if (j < b && K(c, j) == T_FEN) {
				size_t p = i;
				ps_tkind pk = T_END;
				while (p > a) {
					p--;
					if (!c->skip[p]) {
						pk = K(c, p);
						break;
					}
				}
				if (pk == T_DEDUCT || pk == T_BONUS || pk == T_MAXDED || pk == T_MIN || pk == T_DIFF ||
				    pk == T_UPTO || pk == T_FLOOR)
					break;
				if (pk == T_DASH) {
					aw->k = AW_MANUAL; /* 得5-10分 */
					aw->at = p;
					aw->end = nx(c, j + 1, b);
					return true;
				}
				aw->k = AW_POINTS;
				aw->v = c->t.v[i].v;
				aw->at = pk == T_GET ? p : i;
				aw->end = nx(c, j + 1, b);
				aw->bare = pk != T_GET && pk != T_COLON && pk != T_LP;
				aw->colon = pk == T_COLON || pk == T_LP;
				if (aw->colon)
					aw->at = p;
				return true;
			}
			break;
		}
		default:
			break;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* clauses                                                             */

static void set_award(ps_clause *cl, const award *aw)
{
	switch (aw->k) {
	case AW_FULL: cl->award.kind = PS_AW_FULL; break;
	case AW_ZERO: cl->award.kind = PS_AW_POINTS; cl->award.v = 0; break;
	case AW_POINTS: cl->award.kind = PS_AW_POINTS; cl->award.v = aw->v; break;
	case AW_SHARE: cl->award.kind = PS_AW_SHARE; cl->award.v = aw->v; break;
	case AW_DEDUCT: cl->award.kind = PS_AW_DEDUCT; cl->award.v = aw->v; break;
	default: break;
	}
}

/* Is the word one of the single-character grades (优 良 中 差 好)? */
static bool grade_char_end(const char *w)
{
	static const char *const ends[] = {"优", "良", "中", "差", "好", "高", "低"};
	size_t n = strlen(w);
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t m = strlen(ends[i]);
		if (n >= m && memcmp(w + n - m, ends[i], m) == 0)
			return true;
	}
	return false;
}

/* Strip filler around a condition's words: 的 者 为 是 : and spaces. */
static char *core_word(const cs *c, size_t a, size_t b)
{
	while (a < b && (c->skip[a] || K(c, a) == T_SEP || K(c, a) == T_COLON || K(c, a) == T_ENUM))
		a++;
	while (b > a && (c->skip[b - 1] || K(c, b - 1) == T_SEP || K(c, b - 1) == T_COLON ||
	                 K(c, b - 1) == T_ENUM || K(c, b - 1) == T_GET))
		b--;
	char *s = text_of(c, a, b);
	size_t n = strlen(s);
	static const char *const tails[] = {"的", "者", "时", " "};
	bool again = true;
	while (again && n > 0) {
		again = false;
		for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
			size_t m = strlen(tails[i]);
			if (n >= m && memcmp(s + n - m, tails[i], m) == 0) {
				n -= m;
				s[n] = '\0';
				again = true;
			}
		}
	}
	static const char *const heads[] = {"为", "是", "效果", "改善效果", "评价为", "结果为", "如"};
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t m = strlen(heads[i]);
		if (n > m && memcmp(s, heads[i], m) == 0) {
			memmove(s, s + m, n - m + 1);
			n -= m;
		}
	}
	return s;
}

/* The known grade word at the end of tokens [a, b), if any. */
static char *grade_at_end(const cs *c, size_t a, size_t b)
{
	size_t e = b;
	while (e > a && (c->skip[e - 1] || K(c, e - 1) == T_SEP || K(c, e - 1) == T_COLON ||
	                 K(c, e - 1) == T_GET || (K(c, e - 1) == T_WORD && c->t.v[e - 1].b1 - c->t.v[e - 1].b0 == 3 &&
	                                          memcmp(c->t.folded + c->t.v[e - 1].b0, "的", 3) == 0)))
		e--;
	if (e > a && K(c, e - 1) == T_GRADE)
		return text_of(c, e - 1, e);
	return NULL;
}

/* Last day of a month (12月底 → 31); year 0: not a leap year. */
static int32_t month_end(int32_t y, int32_t m)
{
	static const int32_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && y > 0 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* An outcome clause: condition tokens [a, b) and its award. */
static void outcome(cs *c, size_t a, size_t b, const award *aw, size_t pend_a, size_t pend_b)
{
	numcond nc;
	numeric_cond(c, a, b, &nc);
	/* fall back to the pending text only when this fragment has no condition */
	bool own = nc.any || has_kind(c, a, b, T_DATE) || has_kind(c, a, b, T_GRADE) ||
	           has_kind(c, a, b, T_NEG) || has_kind(c, a, b, T_DONE) || has_kind(c, a, b, T_OTHERWISE) ||
	           nx(c, a, b) < b;
	if (!own && pend_a < pend_b) {
		a = pend_a;
		b = pend_b;
		numeric_cond(c, a, b, &nc);
	}
	if (nc.unknown_ref && !nc.any) {
		char q[128];
		quote(c, nc.unknown_at, b, q, sizeof q);
		fail(c, nc.unknown_at, "与规则未给出的数值比较", "compares with a value the rule does not give: “%s”", q);
		return;
	}
	if (nx(c, a, b) >= b && aw->k != AW_ZERO && aw->k != AW_DEDUCT)
		return; /* "占20分", "计6分" alone: states the points, no condition */
	size_t date_i = find_kind(c, a, b, T_DATE);
	if (date_i < b && !nc.any) {
		ps_clause *cl = add(c, PS_CL_DATE, date_i);
		cl->y = c->t.v[date_i].y;
		cl->m = c->t.v[date_i].m;
		cl->d = c->t.v[date_i].d ? c->t.v[date_i].d : month_end(cl->y, cl->m);
		bool neg = has_kind(c, a, b, T_NEG) || has_kind(c, a, b, T_AFTER);
		cl->dir = neg ? +1 : -1;
		set_award(cl, aw);
		return;
	}
	if (nc.meets && !nc.lo.set && !nc.hi.set) {
		/* meets the target (per the comparator) or not: a yes/no clause */
		ps_clause *cl = add(c, PS_CL_BOOL, a < b ? a : aw->at);
		cl->yes = nc.meets > 0 && !has_kind(c, a, b, T_NEG);
		set_award(cl, aw);
		return;
	}
	if (nc.any) {
		ps_clause *cl = add(c, PS_CL_RANGE, a < b ? a : aw->at);
		cl->lo = nc.lo;
		cl->hi = nc.hi;
		/* 未达到 ... : a negation before a bare threshold flips it */
		set_award(cl, aw);
		if (nc.two_sided) {
			ps_clause *m = add(c, PS_CL_RANGE, a < b ? a : aw->at);
			m->lo = nc.lo2;
			m->hi = nc.hi2;
			set_award(m, aw);
		}
		return;
	}
	/* "发生安全事故不得分", "未发生安全事故得满分": incidents are counted, and
	 * no incident is the good case: a condition on the count, x>0 or x=0
	 * (a yes/no here would read a count of 0 as "yes, it happened") */
	bool incident = false;
	for (size_t i = nx(c, a, b); i < b; i = nx(c, i + 1, b))
		if (K(c, i) == T_INCIDENT && !(c->t.v[i].b1 - c->t.v[i].b0 == 3 &&
		                               memcmp(c->t.folded + c->t.v[i].b0, "有", 3) == 0))
			incident = true;
	if (incident) {
		ps_clause *cl = add(c, PS_CL_RANGE, a < b ? a : aw->at);
		cl->lo = ps_bound_at(0, has_kind(c, a, b, T_NEG)); /* 未发生: x=0; 发生: x>0 */
		if (has_kind(c, a, b, T_NEG))
			cl->hi = ps_bound_at(0, true);
		set_award(cl, aw);
		c->n_incident++;
		return;
	}
	/* words: settled later into GRADE or BOOL */
	ps_clause *cl = add(c, PS_CL_BOOL, a < b ? a : aw->at);
	set_award(cl, aw);
	if (c->nd == c->capd) {
		c->capd = c->capd ? c->capd * 2 : 8;
		c->d = ps_xrealloc(c->d, c->capd * sizeof *c->d);
	}
	desc *d = &c->d[c->nd++];
	memset(d, 0, sizeof *d);
	d->clause = c->r->n - 1;
	d->otherwise = has_kind(c, a, b, T_OTHERWISE);
	d->done = has_kind(c, a, b, T_DONE);
	size_t first = nx(c, a, b);
	/* literal polarity: the words say "not" (未完成, 不明确, 没有, 否则, 逾期) */
	d->neg = d->otherwise || has_kind(c, a, b, T_NEG) || has_kind(c, a, b, T_LATE);
	/* 未达到进度要求, 超过规定期限: falling short of words is a failure too */
	for (size_t i = nx(c, a, b); i < b; i = nx(c, i + 1, b))
		if (K(c, i) == T_CMP && (c->t.v[i].sub == PS_CMP_LT || c->t.v[i].sub == PS_CMP_GT))
			d->neg = true;
	if (first < b && K(c, first) == T_GRADE && c->t.v[first].sub == PS_G_NOT_ACHIEVED)
		d->neg = true;
	char *g = grade_at_end(c, a, b);
	if (g) {
		d->word = g;
		d->grade = true;
	} else {
		d->word = core_word(c, a, b);
		d->grade = grade_char_end(d->word) && ps_utf8_count(d->word, strlen(d->word)) <= 4;
	}
}

/* A per-step or per-item deduction: 每 at e (or the count at e), the
 * deduction verb at ded with amount v; condition text [a, e). */
static void step_or_item(cs *c, size_t a, size_t e, size_t ded, ps_dec amount, size_t pend_a, size_t pend_b)
{
	int each_sub = K(c, e) == T_EACH ? c->t.v[e].sub : 0;
	int dir = -1;
	bool verb = false, incident = each_sub == 1 || each_sub == 2, base_target = false;
	if (each_sub == 3)
		verb = true; /* 每少: shortfall */
	ps_dec step = PS_DEC(1);
	ps_tkind unit = T_END;
	int tsub = 0;
	ps_dec tmult = PS_DEC(1);
	bool late = false;
	for (size_t i = nx(c, e + 1, ded); i < ded; i = nx(c, i + 1, ded)) {
		switch (K(c, i)) {
		case T_LESS:
			dir = -1;
			verb = true;
			if (c->t.v[i].sub == 2)
				incident = true; /* 缺: missing items are counted */
			break;
		case T_MORE: dir = +1; verb = true; break;
		case T_LATE: dir = +1; verb = true; late = true; break;
		case T_DIFF: dir = 0; verb = true; break;
		case T_CMP:
			if (c->t.v[i].sub == PS_CMP_LT) {
				dir = -1;
				verb = true;
			} else if (c->t.v[i].sub == PS_CMP_GT) {
				dir = +1;
				verb = true;
			}
			break;
		case T_INCIDENT: incident = true; break;
		case T_NEG: incident = true; break;
		case T_TARGET: base_target = true; break;
		case T_NUM: step = c->t.v[i].v; break;
		case T_PCT: case T_PP: case T_PERMILLE: case T_CUNIT: case T_TUNIT:
			unit = K(c, i);
			tsub = c->t.v[i].sub;
			tmult = c->t.v[i].v ? c->t.v[i].v : PS_DEC(1);
			break;
		default: break;
		}
	}
	/* what the fragment before 每 says: 未完成工作每增加一项 counts failures */
	bool fail_ctx = false;
	for (size_t i = nx(c, a, e); i < e; i = nx(c, i + 1, e))
		if (K(c, i) == T_NEG || K(c, i) == T_INCIDENT)
			fail_ctx = true;
	bool count_unit = unit == T_CUNIT || unit == T_END;
	if (K(c, e) != T_EACH) {
		incident = true; /* 发现1例扣3.6分, 1项扣1.8分 */
	} else if (!verb && count_unit) {
		incident = true; /* 每次扣5分, 每处扣0.5分 */
	} else if (dir == +1 && !late && unit == T_CUNIT && fail_ctx) {
		incident = true; /* 未完成工作每增加一项 */
	}
	if (incident && (unit == T_PCT || unit == T_PP)) {
		char q[128];
		quote(c, e, ded, q, sizeof q);
		fail(c, e, "无法判断按项计还是按百分比计", "cannot tell whether “%s” counts items or percent", q);
		return;
	}
	if (incident) {
		ps_clause *cl = add(c, PS_CL_ITEM, e);
		cl->amount = amount;
		c->n_items++;
		return;
	}
	ps_clause *cl = add(c, PS_CL_STEP, e);
	cl->dir = dir;
	cl->amount = amount;
	cl->step = step;
	if (late || (unit == T_TUNIT && dir == +1 && tsub != 0)) {
		cl->dir = +1;
		cl->step_unit = tsub ? (ps_step_unit)tsub : PS_SU_DAY;
		cl->step = ps_dec_mul(step, tmult);
		/* deadline from the rule's own date, if it gave one */
		size_t di = find_kind(c, a, e, T_DATE);
		if (di == e && pend_a < pend_b)
			di = find_kind(c, pend_a, pend_b, T_DATE) < pend_b ? find_kind(c, pend_a, pend_b, T_DATE) : e;
		if (di < e || (pend_a < pend_b && di < pend_b && K(c, di) == T_DATE)) {
			cl->base.set = true;
			cl->y = c->t.v[di].y;
			cl->m = c->t.v[di].m;
			cl->d = c->t.v[di].d ? c->t.v[di].d : month_end(cl->y, cl->m);
		}
		return;
	}
	cl->step_unit = unit == T_PCT ? PS_SU_PCT : unit == T_PP ? PS_SU_PP : PS_SU_OWN;
	if (base_target) {
		cl->base = ps_bound_target(true);
		return;
	}
	/* a baseline in the condition: 低于80%的，每降低1个百分点 */
	numcond nc;
	numeric_cond(c, a, e, &nc);
	if (!nc.any && pend_a < pend_b)
		numeric_cond(c, pend_a, pend_b, &nc);
	if (nc.unknown_ref && !nc.any) {
		char q[128];
		quote(c, nc.unknown_at, e, q, sizeof q);
		fail(c, nc.unknown_at, "扣分基准是规则未给出的数值", "deducts below a value the rule does not give: “%s”", q);
		return;
	}
	if (nc.target_ref) {
		cl->base = ps_bound_target(true);
	} else if (nc.any) {
		const ps_bound *b = dir > 0 ? (nc.lo.set ? &nc.lo : &nc.hi) : (nc.hi.set ? &nc.hi : &nc.lo);
		if (b->set) {
			cl->base = *b;
			cl->base.incl = true;
		}
	}
}

/* Is token i a counting word (次 项 个 处 起 例 件 人 户 条)? */
static bool count_word(const cs *c, size_t i)
{
	static const char *const w[] = {"次", "项", "个", "处", "起", "例", "件", "人", "户", "条", "家", "篇", "人次"};
	if (K(c, i) == T_CUNIT)
		return true;
	size_t n = c->t.v[i].b1 - c->t.v[i].b0;
	for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
		if (strlen(w[k]) == n && memcmp(c->t.folded + c->t.v[i].b0, w[k], n) == 0)
			return true;
	return false;
}

/* A modifier: 扣完为止, 最多扣N分, 扣满N分为止, 最低得N分, 加N分. */
static bool modifier(cs *c, size_t i, size_t b, size_t *end)
{
	ps_tkind k = K(c, i);
	size_t j = nx(c, i + 1, b);
	*end = j;
	if (k == T_FLOOR) {
		ps_clause *cl = add(c, PS_CL_MIN, i);
		cl->amount = 0;
		if (c->t.v[i].typo)
			c->r->typo = true;
		return true;
	}
	if (k == T_MAXDED || k == T_MIN || k == T_BONUS) {
		if (j < b && K(c, j) == T_NUM && nx(c, j + 1, b) < b && K(c, nx(c, j + 1, b)) == T_FEN) {
			ps_clause *cl = add(c, k == T_MAXDED ? PS_CL_MAXDEDUCT : k == T_MIN ? PS_CL_MIN : PS_CL_BONUS, i);
			cl->amount = c->t.v[j].v;
			*end = nx(c, nx(c, j + 1, b) + 1, b);
			if (*end < b && K(c, *end) == T_UPTO)
				*end = nx(c, *end + 1, b);
			return true;
		}
		if (k == T_MAXDED && c->t.v[i].sub == 1) {
			/* 扣完 / 扣满 alone: a floor */
			add(c, PS_CL_MIN, i);
			if (j < b && K(c, j) == T_UPTO)
				*end = nx(c, j + 1, b);
			return true;
		}
		if (k == T_BONUS) {
			add(c, PS_CL_BONUS, i);
			return true;
		}
	}
	return false;
}

/* One sentence [a, b): fragments at commas, a pending condition carried
 * from fragments that award nothing. */
static void sentence(cs *c, size_t a, size_t b)
{
	size_t pend_a = a, pend_b = a; /* pending condition tokens */
	size_t f = a;
	while (f < b && !c->failed) {
		size_t fe = find_kind(c, f, b, T_SEP);
		size_t i = nx(c, f, fe);
		size_t cond_a = i;
		while (i < fe && !c->failed) {
			/* modifiers first: they stand alone */
			size_t end;
			ps_tkind k = K(c, i);
			if ((k == T_FLOOR || k == T_MAXDED || k == T_MIN || k == T_BONUS) && modifier(c, i, fe, &end)) {
				if (k == T_BONUS && has_kind(c, cond_a, i, T_MULTI))
					c->has_multi = true;
				i = end;
				cond_a = i;
				continue;
			}
			if (k == T_CAPNOTE) {
				i = nx(c, i + 1, fe);
				/* the words of the cap (分值, 上限) say nothing more */
				while (i < fe && K(c, i) != T_DEDUCT && K(c, i) != T_EACH && K(c, i) != T_FULL &&
				       K(c, i) != T_FLOOR)
					i = nx(c, i + 1, fe);
				cond_a = i;
				continue;
			}
			award aw;
			if (!find_award(c, i, fe, &aw)) {
				/* 每相差3%, (扣1分 in the next fragment): keep as pending */
				break;
			}
			if (aw.k == AW_MANUAL) {
				c->manual = true;
				return;
			}
			if (aw.k == AW_DEDUCT) {
				/* per step / per item? look for 每 or "1项/一次" before it */
				size_t e = find_kind(c, i, aw.at, T_EACH);
				bool in_pending = false;
				if (e == aw.at && pend_a < pend_b && find_kind(c, pend_a, pend_b, T_EACH) < pend_b) {
					e = find_kind(c, pend_a, pend_b, T_EACH);
					in_pending = true;
				}
				if (e == aw.at) {
					/* a count of one right before the deduction: 发现1例扣3.6分 */
					for (size_t q = nx(c, i, aw.at); q < aw.at; q = nx(c, q + 1, aw.at)) {
						if (K(c, q) == T_NUM && c->t.v[q].v == PS_DEC(1)) {
							size_t u = nx(c, q + 1, aw.at);
							bool cmp_before = q > i && K(c, q - 1) == T_CMP;
							if (u < aw.at && K(c, u) == T_CUNIT && !cmp_before) {
								e = q;
								break;
							}
						}
					}
				}
				/* 扣0.5分/次, 扣1分/人: per item, written after the amount */
				size_t dv = nx(c, aw.end, fe);
				if (e == aw.at && dv < fe && K(c, dv) == T_DIV && nx(c, dv + 1, fe) < fe &&
				    count_word(c, nx(c, dv + 1, fe))) {
					ps_clause *cl = add(c, PS_CL_ITEM, aw.at);
					cl->amount = aw.v;
					c->n_items++;
					pend_a = pend_b = a;
					i = nx(c, nx(c, dv + 1, fe) + 1, fe);
					cond_a = i;
					continue;
				}
				if (e < aw.at || in_pending) {
					size_t ca = in_pending ? pend_a : cond_a;
					step_or_item(c, ca, e, in_pending ? pend_b : aw.at, aw.v,
					             in_pending ? a : pend_a, in_pending ? a : pend_b);
					pend_a = pend_b = a;
					i = aw.end;
					cond_a = i;
					continue;
				}
			}
			if (has_kind(c, cond_a, aw.at, T_MULTI) || has_kind(c, aw.at, aw.end, T_MULTI))
				c->has_multi = true;
			if (aw.k == AW_PROP) {
				ps_clause *cl = add(c, PS_CL_PROP, aw.at);
				if (aw.prop_sub == 1) {
					/* 高于90%的，按线性内插: interpolate from the threshold */
					numcond nc;
					numeric_cond(c, cond_a, aw.at, &nc);
					if (!nc.any && pend_a < pend_b)
						numeric_cond(c, pend_a, pend_b, &nc);
					if (nc.lo.set) {
						cl->base = nc.lo;
						cl->base.incl = true;
					} else if (nc.hi.set) {
						cl->base = nc.hi;
						cl->base.incl = true;
					}
				}
				pend_a = pend_b = a;
				i = aw.end;
				cond_a = i;
				continue;
			}
			/* a bare "3分" after a name, in a sentence that deducts: it only
			 * states the indicator's points (制度与措施3分, 扣0.5分...) */
			if (aw.bare && aw.k == AW_POINTS && has_kind(c, aw.end, b, T_DEDUCT) &&
			    !has_kind(c, cond_a, aw.at, T_CMP) && !has_kind(c, cond_a, aw.at, T_NUM)) {
				i = aw.end;
				cond_a = i;
				continue;
			}
			outcome(c, cond_a, aw.at, &aw, pend_a, pend_b);
			pend_a = pend_b = a;
			i = aw.end;
			cond_a = i;
		}
		/* what is left of the fragment joins the pending condition */
		size_t rest = nx(c, cond_a, fe);
		if (rest < fe) {
			if (pend_a == pend_b)
				pend_a = rest;
			pend_b = fe;
		}
		f = fe < b ? fe + 1 : b;
	}
	/* pending text with scoring words that never met an award */
	if (!c->failed && pend_a < pend_b && scoring_words(c, pend_a, pend_b)) {
		char q[128];
		quote(c, pend_a, pend_b, q, sizeof q);
		fail(c, pend_a, "无法识别", "cannot read “%s”", q);
	}
}

/* Skip numbering ("1、", "(1)", "1)") at sentence starts, and parenthesised
 * declarations of points ("(8分)", "(2分×4项,…)"). */
static void mark_skips(cs *c)
{
	size_t n = c->t.n;
	bool start = true;
	/* For each token: where the next ")" or stop is, and whether 分 or a
	 * （含）/（不含） marker comes before it. Found in one pass from the end,
	 * so that "（（（…" nested 100,000 deep is not scanned once per "（". */
	size_t *close = ps_xmalloc((n + 1) * sizeof *close);
	unsigned char *has = ps_xmalloc(n + 1); /* bit 0: 分, bit 1: 含/不含 */
	close[n] = n;
	has[n] = 0;
	for (size_t j = n; j-- > 0;) {
		ps_tkind kj = K(c, j);
		if (kj == T_RP || kj == T_STOP) {
			close[j] = j;
			has[j] = 0;
		} else {
			close[j] = close[j + 1];
			has[j] = (unsigned char)(has[j + 1] | (kj == T_FEN ? 1 : 0) |
			                         (kj == T_INCL || kj == T_EXCL ? 2 : 0));
		}
	}
	for (size_t i = 0; i < n; i++) {
		ps_tkind k = K(c, i);
		if (k == T_STOP) {
			start = true;
			continue;
		}
		if (start) {
			if (k == T_NUM && i + 1 < n && (K(c, i + 1) == T_ENUM || K(c, i + 1) == T_RP)) {
				c->skip[i] = c->skip[i + 1] = true;
				i++;
				start = false;
				continue;
			}
			if (k == T_LP && i + 2 < n && K(c, i + 1) == T_NUM && K(c, i + 2) == T_RP) {
				c->skip[i] = c->skip[i + 1] = c->skip[i + 2] = true;
				i += 2;
				start = false;
				continue;
			}
			/* "1.单位…": a whole number at the start with nothing attached */
			if (k == T_NUM && c->t.v[i].v % PS_DEC_SCALE == 0 && c->t.v[i].v <= PS_DEC(20) &&
			    i + 1 < n && K(c, i + 1) == T_WORD && c->t.folded[c->t.v[i].b1 - 1] == '.') {
				c->skip[i] = true;
				start = false;
				continue;
			}
		}
		start = false;
		if (k == T_LP) {
			size_t j = close[i + 1];
			bool fen = has[i + 1] & 1, incl = has[i + 1] & 2;
			/* "≥90%（10分）" awards; "责任状(8分)" only declares */
			ps_tkind pk = i > 0 ? K(c, i - 1) : T_END;
			bool award_after_cond = pk == T_PCT || pk == T_PP || pk == T_POST || pk == T_NUM ||
			                        pk == T_CUNIT || pk == T_TUNIT || pk == T_GRADE || pk == T_PERMILLE;
			if (j < n && K(c, j) == T_RP && fen && !incl && !award_after_cond) {
				for (size_t q = i; q <= j; q++)
					c->skip[q] = true;
				i = j;
			}
		}
	}
	free(close);
	free(has);
}

/* Settle descriptive conditions into grades or yes/no, and refuse what one
 * actual value cannot score (checklists of separate conditions). */
static void settle(cs *c)
{
	size_t npos = 0, ngrade = 0, nnegded = 0;
	bool long_word = false;
	for (size_t i = 0; i < c->nd; i++) {
		desc *d = &c->d[i];
		if (d->grade)
			ngrade++;
		if (d->neg) {
			if (c->r->v[d->clause].award.kind == PS_AW_DEDUCT)
				nnegded++;
		} else {
			npos++;
		}
		if (ps_utf8_count(d->word, strlen(d->word)) > 8)
			long_word = true;
	}
	bool grades = ngrade > 0 || (npos >= 2 && !long_word);
	if (!grades && npos >= 2) {
		fail(c, c->t.n - 1, "多项独立条件的清单，无法由一个实际值评分", "a checklist of %zu separate conditions: one actual value cannot score it", npos);
		return;
	}
	size_t ndeduct_clauses = nnegded + c->n_items;
	for (size_t i = 0; i < c->r->n; i++)
		if (c->r->v[i].kind == PS_CL_STEP)
			ndeduct_clauses++;
	if (nnegded >= 1 && ndeduct_clauses >= 2) {
		fail(c, c->t.n - 1, "多项独立扣分，无法由一个实际值评分", "several separate deductions: one actual value cannot score them");
		return;
	}
	if (c->n_items >= 2) {
		fail(c, c->t.n - 1, "多项独立的按项扣分，无法由一个实际值评分", "several separate per-item deductions: one actual value cannot score them");
		return;
	}
	size_t below = 0, above = 0, off = 0, ranges = 0;
	for (size_t i = 0; i < c->r->n; i++) {
		const ps_clause *cl = &c->r->v[i];
		if (cl->kind == PS_CL_STEP)
			{
			if (cl->dir < 0)
				below++;
			else if (cl->dir > 0)
				above++;
			else
				off++;
		}
		if (cl->kind == PS_CL_RANGE)
			ranges++;
	}
	if (below > 1 || above > 1 || off > 1 || (off && (below || above))) {
		fail(c, c->t.n - 1, "同一方向有多项按步扣分，无法由一个实际值评分", "several per-step deductions on the same side: one actual value cannot score them");
		return;
	}
	size_t zero_ranges = 0;
	for (size_t i = 0; i < c->r->n; i++) {
		const ps_clause *cl = &c->r->v[i];
		if (cl->kind == PS_CL_RANGE && cl->lo.set && cl->hi.set && cl->lo.v == 0 && cl->hi.v == 0 &&
		    !cl->lo.is_target)
			zero_ranges++;
	}
	if (c->n_items && (below || above || off || ranges > zero_ranges)) {
		fail(c, c->t.n - 1, "按项扣分与数值门槛并存，无法由一个实际值评分", "a per-item deduction beside a measured threshold: one actual value cannot score both");
		return;
	}
	/* "X计4分，否则不计分": the otherwise clause is X's complement, and X is
	 * the good case whatever words it uses (没有增加新的债务) */
	if (c->nd == 2 && c->d[1].otherwise && !c->d[0].otherwise) {
		const ps_award *aw = &c->r->v[c->d[0].clause].award;
		bool good = aw->kind == PS_AW_FULL || (aw->kind != PS_AW_DEDUCT && aw->v > 0);
		c->d[0].neg = !good;
		c->d[1].neg = good;
	}
	for (size_t i = 0; i < c->nd; i++) {
		desc *d = &c->d[i];
		ps_clause *cl = &c->r->v[d->clause];
		if (grades && !(d->otherwise) && d->word[0]) {
			cl->kind = PS_CL_GRADE;
			cl->word = d->word;
			d->word = NULL;
		} else {
			cl->kind = PS_CL_BOOL;
			cl->yes = !d->neg;
		}
	}
	/* "公示时间不得少于7天，得5分；未达要求的，不得分", "≥90%得满分，否则不得分":
	 * a failing condition that takes points away, beside numeric tiers, is
	 * their complement: any value the tiers do not take */
	bool tiers = false;
	size_t first_range = 0;
	for (size_t i = 0; i < c->r->n; i++)
		if (c->r->v[i].kind == PS_CL_RANGE && !tiers) {
			tiers = true;
			first_range = i;
		}
	for (size_t i = 0; tiers && i < c->nd; i++) {
		ps_clause *cl = &c->r->v[c->d[i].clause];
		/* only after the tiers: "不明确的扣10分；…3个月内未明确的扣5分" is two things */
		if (cl->kind == PS_CL_BOOL && !cl->yes && cl->award.kind != PS_AW_FULL && c->d[i].clause > first_range) {
			cl->kind = PS_CL_RANGE;
			memset(&cl->lo, 0, sizeof cl->lo);
			memset(&cl->hi, 0, sizeof cl->hi);
			c->d[i].otherwise = true; /* not a separate condition any more */
		}
	}
	/* a range rule with a descriptive yes beside it scores two things */
	bool has_range = false, has_desc_yes = false;
	for (size_t i = 0; i < c->r->n; i++)
		if (c->r->v[i].kind == PS_CL_RANGE)
			has_range = true;
	for (size_t i = 0; i < c->nd; i++) {
		const ps_clause *cl = &c->r->v[c->d[i].clause];
		if (cl->kind != PS_CL_BOOL || c->d[i].otherwise)
			continue;
		if ((!c->d[i].neg && !c->d[i].done) || cl->award.kind == PS_AW_DEDUCT)
			has_desc_yes = true;
	}
	if (has_range && has_desc_yes) {
		fail(c, c->t.n - 1, "数值门槛与另一独立条件并存，无法由一个实际值评分", "mixes a measured threshold with a separate condition: one actual value cannot score both");
		return;
	}
}

/* Add what a binary rule leaves implicit: "X得满分" also means "否则0分"
 * (SPEC §5.1), and "未报扣10分" means full marks when reported. */
static void implied(cs *c)
{
	ps_rule *r = c->r;
	size_t yes = 0, no = 0, other = 0;
	for (size_t i = 0; i < r->n; i++) {
		ps_clause *cl = &r->v[i];
		if (cl->kind == PS_CL_BOOL) {
			if (cl->yes)
				yes++;
			else
				no++;
		} else if (cl->kind != PS_CL_MIN && cl->kind != PS_CL_MAXDEDUCT && cl->kind != PS_CL_BONUS) {
			other++;
		}
	}
	ps_clause extra = {0};
	extra.kind = PS_CL_BOOL;
	bool add_extra = false, prepend = false;
	if (yes + no == 1 && other == 0) {
		ps_clause *only = NULL;
		for (size_t i = 0; i < r->n; i++)
			if (r->v[i].kind == PS_CL_BOOL)
				only = &r->v[i];
		bool good = only->award.kind == PS_AW_FULL ||
		            (only->award.kind == PS_AW_POINTS && only->award.v > 0) ||
		            (only->award.kind == PS_AW_SHARE && only->award.v > 0);
		/* 完成得满分 → 否则 0; 未报扣10分 / 发生事故不得分 → 否则满分 */
		extra.yes = !only->yes;
		extra.award.kind = good ? PS_AW_POINTS : PS_AW_FULL;
		extra.award.v = 0;
		extra.pos = only->pos;
		add_extra = true;
		prepend = !good;
	}
	if (add_extra) {
		add(c, PS_CL_BOOL, 0);
		if (prepend) {
			memmove(r->v + 1, r->v, (r->n - 1) * sizeof *r->v);
			r->v[0] = extra;
		} else {
			r->v[r->n - 1] = extra;
		}
	}
}

/* A lone incident clause implies its complement: "发生安全事故不得分" means
 * full marks with none (x=0 => full; x>0 => 0), "未发生得满分" 0 with any. */
static void incident_complement(cs *c)
{
	ps_rule *r = c->r;
	if (c->n_incident != 1)
		return;
	size_t outcomes = 0, at = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == PS_CL_RANGE || r->v[i].kind == PS_CL_BOOL || r->v[i].kind == PS_CL_GRADE) {
			outcomes++;
			at = i;
		}
	if (outcomes != 1 || r->v[at].kind != PS_CL_RANGE || ps_rule_has(r, PS_CL_ITEM))
		return;
	ps_clause cl = r->v[at];
	bool none = cl.hi.set; /* x=0 */
	ps_clause extra;
	memset(&extra, 0, sizeof extra);
	extra.kind = PS_CL_RANGE;
	extra.pos = cl.pos;
	if (none) {
		extra.lo = ps_bound_at(0, false);
		extra.award.kind = PS_AW_POINTS;
		ps_rule_push(r, &extra);
	} else {
		extra.lo = ps_bound_at(0, true);
		extra.hi = ps_bound_at(0, true);
		extra.award.kind = PS_AW_FULL;
		ps_rule_push(r, &extra);
		memmove(r->v + 1, r->v, (r->n - 1) * sizeof *r->v);
		r->v[0] = extra;
	}
}

/* Several PROP clauses: keep the most specific (with an interpolation base). */
static void dedupe_prop(ps_rule *r)
{
	size_t nprop = 0, with_base = 0;
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].kind == PS_CL_PROP) {
			nprop++;
			if (r->v[i].base.set)
				with_base++;
		}
	if (nprop < 2)
		return;
	size_t w = 0;
	bool kept = false;
	for (size_t i = 0; i < r->n; i++) {
		ps_clause *cl = &r->v[i];
		if (cl->kind == PS_CL_PROP) {
			bool keep = with_base ? cl->base.set && !kept : !kept;
			if (!keep)
				continue;
			kept = true;
		}
		r->v[w++] = *cl;
	}
	r->n = w;
}

/* A formula that defines a deviation (偏差率 = |实际 - 目标| / 目标): scoring
 * the actual against its tiers would be silently wrong, so refuse. A rate
 * (完成率 = 实际/目标×100%) is fine: % rules already read rates. */
static void derived_measure(cs *c)
{
	/* Per token, in two linear passes (a rule of 100,000 "=" must not scan
	 * its sentence once per "="): bit 0, a 差/偏差 earlier in its sentence
	 * part (since the last stop or comma); bits 1 and 2, a "/" and a "-" or
	 * "|" from it on to the next comma or stop (a "|" does not stop). */
	size_t n = c->t.n;
	unsigned char *f = ps_xcalloc(n + 1, 1);
	bool seen = false;
	for (size_t i = 0; i < n; i++) {
		f[i] = seen ? 1 : 0;
		if (K(c, i) == T_STOP || K(c, i) == T_SEP)
			seen = false;
		else if (K(c, i) == T_DIFF)
			seen = true;
	}
	unsigned char after = 0; /* bits 1-2 of the range starting at j + 1 */
	for (size_t j = n; j-- > 0;) {
		bool bar = c->t.folded[c->t.v[j].b0] == '|'; /* |实际值-目标值|: absolute value */
		unsigned char here;
		if (K(c, j) == T_SEP || (K(c, j) == T_STOP && !bar))
			here = 0;
		else
			here = (unsigned char)(after | (K(c, j) == T_DIV ? 2 : 0) | (K(c, j) == T_DASH || bar ? 4 : 0));
		f[j] |= (unsigned char)(after << 3); /* what follows token j, for j as the comparator */
		after = here;
	}
	for (size_t i = 0; i < n; i++) {
		if (K(c, i) != T_CMP || c->t.v[i].sub != PS_CMP_EQ)
			continue;
		bool diff = f[i] & 1, div = f[i] & (2 << 3), minus = f[i] & (4 << 3);
		if (div && (diff || minus)) {
			fail(c, i, "规则按由实际值和目标值算出的偏差计分，需人工复核",
			     "scores a deviation computed from the actual and the target, not the actual: needs review");
			break;
		}
	}
	free(f);
}

/* A word token that is only punctuation or a symbol (…… ※ ★ · "): a rule
 * of nothing else is no rule at all, like "。，" or "——". */
static bool punct_word(const cs *c, size_t i)
{
	int32_t cp;
	const ps_tok *t = &c->t.v[i];
	int n = ps_utf8_decode(c->t.folded + t->b0, t->b1 - t->b0, &cp);
	if (n <= 0 || (size_t)n != t->b1 - t->b0)
		return false;
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
	return (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       cp == 0xB7 || cp == 0xD7;
}

ps_rule *ps_rule_compile(const char *text, size_t len, ps_pos pos, ps_diags *diags)
{
	cs c;
	memset(&c, 0, sizeof c);
	c.r = ps_rule_new();
	ps_rule_lex(&c.t, text, len);
	c.skip = ps_xcalloc(c.t.n + 1, sizeof *c.skip);
	mark_skips(&c);

	/* discretionary anywhere: a person scores it */
	bool any_content = false;
	for (size_t i = 0; i < c.t.n; i++) {
		if (K(&c, i) == T_MANUAL)
			c.manual = true;
		if (K(&c, i) == T_MULTI && !c.skip[i])
			c.has_multi = true;
		if (K(&c, i) != T_END && K(&c, i) != T_STOP && K(&c, i) != T_SEP && K(&c, i) != T_ENUM &&
		    K(&c, i) != T_COLON && K(&c, i) != T_LP && K(&c, i) != T_RP && K(&c, i) != T_DASH &&
		    K(&c, i) != T_DIV && !(K(&c, i) == T_WORD && punct_word(&c, i)))
			any_content = true;
	}
	/* An impossible date (6月31日, 2026年2月29日) is no deadline, and the
	 * canonical form could not write it: not understood. */
	for (size_t i = 0; i < c.t.n && !c.manual; i++) {
		const ps_tok *tk = &c.t.v[i];
		if (K(&c, i) == T_DATE && !c.skip[i] && tk->m >= 1 && tk->m <= 12 &&
		    tk->d > ps_month_days(tk->y, tk->m))
			fail(&c, i, "日期不存在", "no such date: %d月%d日", (int)tk->m, (int)tk->d);
	}
	/* "偏差率=|实际值-目标值|/目标值，偏差率≤5%得满分": the tiers measure a
	 * quantity computed from the actual and the target, not the actual */
	if (!c.manual && !c.failed)
		derived_measure(&c);
	if (!c.manual && !c.failed) {
		size_t s = 0;
		while (s < c.t.n && !c.failed && !c.manual) {
			size_t e = find_kind(&c, s, c.t.n, T_STOP);
			if (e == c.t.n)
				e = c.t.n - 1; /* the T_END sentinel */
			sentence(&c, s, e);
			s = e + 1;
		}
	}
	if (c.manual) {
		for (size_t i = 0; i < c.r->n; i++)
			free(c.r->v[i].word);
		c.r->n = 0;
		add(&c, PS_CL_MANUAL, 0);
		c.failed = false;
	} else if (!c.failed) {
		if (c.has_multi)
			fail(&c, c.t.n - 1, "分别、以此类推、减半等多档分值，需人工评分", "gives several amounts for several cases (分别/以此类推/减半): needs a person");
		else
			settle(&c);
		if (!c.failed && c.r->n == 0 && any_content)
			fail(&c, c.t.n - 1, "未找到评分条件", "no scoring condition found in the rule text");
		/* a rule of nothing but modifiers (扣完为止) says nothing to score */
		bool only_mod = c.r->n > 0;
		for (size_t i = 0; i < c.r->n; i++)
			if (c.r->v[i].kind != PS_CL_MIN && c.r->v[i].kind != PS_CL_MAXDEDUCT &&
			    c.r->v[i].kind != PS_CL_BONUS)
				only_mod = false;
		if (!c.failed && only_mod)
			fail(&c, c.t.n - 1, "只有扣分下限或上限，没有评分条件", "only a floor or cap, no scoring condition");
		if (!c.failed) {
			implied(&c);
			incident_complement(&c);
			dedupe_prop(c.r);
		}
	}
	if (c.failed) {
		c.r->ok = false;
		c.r->err_pos = c.err_pos;
		c.r->err_msg = c.err_msg;
		c.r->err_zh = c.err_zh;
		c.err_msg = NULL;
		if (diags) {
			ps_pos p = pos;
			if (p.col)
				p.col += c.err_pos;
			if (c.err_pos >= c.t.v[c.t.n - 1].pos) /* the rule as a whole */
				ps_diags_add(diags, PS_D_RULE_UNREAD, pos, "rule not understood: %s", c.r->err_msg);
			else
				ps_diags_add(diags, PS_D_RULE_UNREAD, p, "rule not understood at character %u: %s",
				             (unsigned)c.err_pos + 1, c.r->err_msg);
		}
	}
	if (c.r->typo && diags)
		ps_diags_add(diags, PS_D_RULE_TYPO, pos, "known typo in the rule read as intended");
	for (size_t i = 0; i < c.nd; i++)
		free(c.d[i].word);
	free(c.d);
	free(c.skip);
	free(c.err_msg);
	ps_toks_dispose(&c.t);
	return c.r;
}
