/* test_rule_dsl.c: the canonical rule form: print → parse gives the same AST,
 * the parser's leniency, its errors and their positions; AST helpers; the
 * compile-once cache. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/perfscore.h"
#include "rule_int.h"

static ps_rule *parse(const char *s, ps_diags *d)
{
	return ps_rule_parse_dsl(s, strlen(s), (ps_pos){"t.csv", 4, 10, -1}, d);
}

/* print(r), parse it, compare; and printing again gives the same text. */
static void round_trip(const ps_rule *r)
{
	char *text = ps_rule_print(r);
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *back = parse(text, &d);
	char *again = ps_rule_print(back);
	if (!ps_rule_equal(r, back) || strcmp(text, again) != 0)
		fail_msg("round trip: %s\n   reparsed: %s (ok %d: %s)", text, again, back->ok,
		         back->err_msg ? back->err_msg : "");
	if (r->ok && d.n)
		fail_msg("diagnostics for a good rule: %s", d.v[0].msg);
	free(text);
	free(again);
	ps_rule_free(back);
	ps_diags_dispose(&d);
}

static ps_rule *one(const ps_clause *c)
{
	ps_rule *r = ps_rule_new();
	ps_rule_push(r, c);
	return r;
}

static void rt1(const ps_clause *c)
{
	ps_rule *r = one(c);
	round_trip(r);
	ps_rule_free(r);
}

/* Parse s and check the canonical text it prints. */
static void canon(const char *s, const char *want)
{
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *r = parse(s, &d);
	char *got = ps_rule_print(r);
	if (!r->ok || strcmp(got, want) != 0)
		fail_msg("%s: printed '%s' (ok %d: %s), want '%s'", s, got, r->ok, r->err_msg ? r->err_msg : "", want);
	assert_int_equal(r->source, PS_RS_DSL);
	free(got);
	ps_rule_free(r);
	ps_diags_dispose(&d);
}

/* A syntax error at code point `at` whose message contains `msg`. */
static void bad(const char *s, uint32_t at, const char *msg)
{
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *r = parse(s, &d);
	if (r->ok || r->err_pos != at || !strstr(r->err_msg, msg))
		fail_msg("%s: ok %d pos %u msg '%s'; want pos %u '%s'", s, r->ok, r->err_pos,
		         r->err_msg ? r->err_msg : "", at, msg);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, PS_D_RULE_DSL);
	assert_int_equal(d.v[0].pos.line, 4);
	assert_int_equal(d.v[0].pos.col, 10 + at);
	assert_non_null(strstr(d.v[0].msg, msg));
	ps_rule_free(r);
	ps_diags_dispose(&d);
}

static void t_docs_examples(void **state)
{
	(void)state;
	static const char *const ex[] = {
		"x>=100 => full; per 1% below => -1",
		"x>=100 => full; per 1% below => -1; min 0",
		"yes => 10; per item => -0.5",
		"grade \"优秀\" => full; grade \"一般\" => 9; grade \"差\" => 0",
		"yes => full; no => 0",
		"x>=100 => 10",
		"x>=95 => full; 90<=x<95 => 8; x<90 => 0",
		"prop",
		"date<=2026-12-31 => full; per 1mon late => -2",
		"manual",
		"no => -10",
		"x=100 => full; per 3% off => -1",
		"prop inverse",
		"prop direct from 60",
		"",
	};
	for (size_t i = 0; i < sizeof ex / sizeof *ex; i++)
		canon(ex[i], ex[i]);
}

static void t_hand_built(void **state)
{
	(void)state;
	ps_clause c;
	/* RANGE in every shape */
	const ps_bound none = {0}, t_in = ps_bound_target(true), t_ex = ps_bound_target(false);
	const ps_bound b[] = {none, ps_bound_at(PS_DEC(90), true), ps_bound_at(PS_DEC(90), false),
	                      ps_bound_at(-2500000, true), ps_bound_at(123456, false), t_in, t_ex,
	                      ps_bound_at(PS_DEC(1000000), true)};
	const ps_award aw[] = {{PS_AW_FULL, 0}, {PS_AW_POINTS, PS_DEC(8)}, {PS_AW_POINTS, 0},
	                       {PS_AW_POINTS, 2500000}, {PS_AW_SHARE, PS_DEC(80)}, {PS_AW_SHARE, 333333},
	                       {PS_AW_DEDUCT, PS_DEC(10)}, {PS_AW_DEDUCT, 500000}};
	for (size_t i = 0; i < sizeof b / sizeof *b; i++)
		for (size_t j = 0; j < sizeof b / sizeof *b; j++)
			for (size_t k = 0; k < sizeof aw / sizeof *aw; k++) {
				c = (ps_clause){.kind = PS_CL_RANGE, .lo = b[i], .hi = b[j], .award = aw[k]};
				rt1(&c);
			}
	/* equality written x=v */
	c = (ps_clause){.kind = PS_CL_RANGE, .lo = ps_bound_at(PS_DEC(100), true), .hi = ps_bound_at(PS_DEC(100), true)};
	ps_rule *r = one(&c);
	char *s = ps_rule_print(r);
	assert_string_equal(s, "x=100 => full");
	free(s);
	ps_rule_free(r);
	/* grade words with quotes, backslashes and the rule's own punctuation */
	static const char *const words[] = {
		"优秀", "", "a\"b", "back\\slash", "\\", "\"", "\\\"", "x>=1 => full; no => 0", "（含）；", "“引号”",
		"line\nbreak", "tab\there", " 前后空格 ", "ＦＵＬＬ", "grade", "?",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		for (size_t k = 0; k < sizeof aw / sizeof *aw; k++) {
			c = (ps_clause){.kind = PS_CL_GRADE, .word = (char *)words[i], .award = aw[k]};
			rt1(&c);
		}
	for (int yes = 0; yes < 2; yes++)
		for (size_t k = 0; k < sizeof aw / sizeof *aw; k++) {
			c = (ps_clause){.kind = PS_CL_BOOL, .yes = yes, .award = aw[k]};
			rt1(&c);
		}
	/* dates: full, month only, budget year, the target */
	static const int32_t dates[][3] = {{2026, 12, 31}, {2026, 12, 0}, {0, 12, 31}, {0, 9, 0}, {0, 0, 0},
	                                   {2028, 2, 29}, {0, 2, 29}, {1999, 1, 1}};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++)
		for (int dir = -1; dir <= 1; dir += 2) {
			c = (ps_clause){.kind = PS_CL_DATE, .y = dates[i][0], .m = dates[i][1], .d = dates[i][2],
			                .dir = dir, .award = aw[i % 8]};
			rt1(&c);
		}
	/* steps: units, sides, baselines, whole */
	const ps_step_unit units[] = {PS_SU_OWN, PS_SU_PCT, PS_SU_PP};
	const ps_bound bases[] = {none, ps_bound_at(PS_DEC(90), false), ps_bound_target(false), ps_bound_at(-500000, false)};
	for (size_t u = 0; u < 3; u++)
		for (int dir = -1; dir <= 1; dir++)
			for (size_t bi = 0; bi < 4; bi++)
				for (int w = 0; w < 2; w++) {
					c = (ps_clause){.kind = PS_CL_STEP, .step = 500000 * (int64_t)(u + 1), .step_unit = units[u],
					                .dir = dir, .base = bases[bi], .whole_steps = w, .amount = 250000};
					rt1(&c);
				}
	const ps_step_unit tunits[] = {PS_SU_DAY, PS_SU_MONTH, PS_SU_YEAR};
	for (size_t u = 0; u < 3; u++)
		for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
			c = (ps_clause){.kind = PS_CL_STEP, .step = PS_DEC(1), .step_unit = tunits[u], .dir = 1,
			                .y = dates[i][0], .m = dates[i][1], .d = dates[i][2], .amount = PS_DEC(2),
			                .whole_steps = i % 2};
			rt1(&c);
		}
	c = (ps_clause){.kind = PS_CL_STEP, .step = PS_DEC(1), .step_unit = PS_SU_DAY, .dir = 1,
	                .base = ps_bound_target(false), .amount = PS_DEC(1)};
	rt1(&c);
	/* the rest */
	for (int dir = -1; dir <= 1; dir++)
		for (size_t bi = 0; bi < 4; bi++) {
			c = (ps_clause){.kind = PS_CL_PROP, .dir = dir, .base = bases[bi]};
			rt1(&c);
		}
	const ps_clause_kind amounts[] = {PS_CL_ITEM, PS_CL_MAXDEDUCT, PS_CL_MIN, PS_CL_BONUS};
	for (size_t i = 0; i < 4; i++) {
		c = (ps_clause){.kind = amounts[i], .amount = 1500000};
		rt1(&c);
		c.amount = 0;
		rt1(&c);
	}
	c = (ps_clause){.kind = PS_CL_MANUAL};
	rt1(&c);
}

/* A deterministic pseudo-random generator of whole rules. */
static uint32_t seed = 12345;
static uint32_t rnd(uint32_t n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % n;
}

static ps_dec rdec(void)
{
	static const ps_dec v[] = {0, 1, 500000, PS_DEC(1), PS_DEC(90), PS_DEC(100), 2250000, -PS_DEC(5), 999999,
	                           PS_DEC(123456), 1};
	return v[rnd(sizeof v / sizeof *v)];
}

static ps_bound rbound(void)
{
	switch (rnd(4)) {
	case 0: return (ps_bound){0};
	case 1: return ps_bound_target(rnd(2));
	default: return ps_bound_at(rdec(), rnd(2));
	}
}

static void t_random(void **state)
{
	(void)state;
	static const char *const words[] = {"优秀", "基本健全", "a\"b\\c", "差", "效果 一般"};
	for (int n = 0; n < 3000; n++) {
		ps_rule *r = ps_rule_new();
		int k = (int)rnd(6);
		for (int i = 0; i < k; i++) {
			ps_clause c = {.kind = (ps_clause_kind)rnd(PS_CL__COUNT)};
			ps_award a = {(ps_award_kind)rnd(4), rdec()};
			if (a.kind == PS_AW_FULL)
				a.v = 0;
			if (a.v < 0) /* "=> -5" is a deduction: awards are not negative */
				a.v = -a.v;
			switch (c.kind) {
			case PS_CL_RANGE: c.lo = rbound(), c.hi = rbound(), c.award = a; break;
			case PS_CL_GRADE: c.word = (char *)words[rnd(5)], c.award = a; break;
			case PS_CL_BOOL: c.yes = rnd(2), c.award = a; break;
			case PS_CL_DATE:
				c.dir = rnd(2) ? -1 : 1, c.m = (int32_t)rnd(13), c.award = a;
				if (c.m)
					c.y = rnd(2) ? 2026 : 0, c.d = (int32_t)rnd(29);
				break;
			case PS_CL_STEP:
				c.step_unit = (ps_step_unit)rnd(6), c.step = rdec(), c.amount = rdec(), c.whole_steps = rnd(2);
				if (c.step_unit >= PS_SU_DAY) {
					c.dir = 1, c.m = (int32_t)rnd(13);
					if (c.m)
						c.y = rnd(2) ? 2027 : 0, c.d = (int32_t)rnd(29);
					else if (rnd(2))
						c.base = ps_bound_target(false);
				} else {
					c.dir = (int)rnd(3) - 1, c.base = rbound();
				}
				break;
			case PS_CL_PROP: c.dir = (int)rnd(3) - 1, c.base = rbound(); break;
			case PS_CL_MANUAL: break;
			default: c.amount = rdec(); break;
			}
			c.pos = rnd(100); /* positions do not count */
			ps_rule_push(r, &c);
		}
		if (rnd(10) == 0) {
			r->ok = false;
			r->err_msg = strdup("x");
		}
		round_trip(r);
		ps_rule *cl = ps_rule_clone(r);
		assert_true(ps_rule_equal(r, cl));
		ps_rule_free(cl);
		ps_rule_free(r);
	}
}

static void t_lenient(void **state)
{
	(void)state;
	canon("x >= 100 => full ;per 1 % below=>-1", "x>=100 => full; per 1% below => -1");
	canon("  x>=100=>full;  ", "x>=100 => full");
	canon("X>=100 => FULL", "x>=100 => full");
	canon("x≥１００ ＝＞ full；x＜90 => 0", "x>=100 => full; x<90 => 0");
	canon("x≧95 => full", "x>=95 => full");
	canon("90 <= x < 95 => 8", "90<=x<95 => 8");
	canon("90≤x≤95 => 8", "90<=x<=95 => 8");
	canon("95<=x<=95 => 8", "x=95 => 8");
	canon("grade “优秀” => full", "grade \"优秀\" => full");
	canon("grade \"a\\\"b\" => 1", "grade \"a\\\"b\" => 1");
	canon("x>=100.50 => 1.250", "x>=100.5 => 1.25");
	canon("x>=0.0000001 => 1", "x>=0 => 1");
	canon("per 1 mon late 2026-12-31 => -2", "per 1mon late 2026-12-31 => -2");
	canon("date<= 12-31 => full", "date<=12-31 => full");
	canon("date>2026-12 => 0", "date>2026-12 => 0");
	canon("date<=9 => full", "date<=09 => full");
	canon("yes=>full\n;\nno=>0", "yes => full; no => 0");
}

static void t_marked(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *r = parse("?", &d);
	assert_false(r->ok);
	assert_int_equal(r->n, 0);
	char *s = ps_rule_print(r);
	assert_string_equal(s, "?");
	free(s);
	assert_int_equal(d.n, 1);
	ps_rule_free(r);
	r = parse("? x>=100 => full; manual", &d);
	assert_false(r->ok);
	assert_int_equal(r->n, 2);
	s = ps_rule_print(r);
	assert_string_equal(s, "? x>=100 => full; manual");
	free(s);
	ps_rule_free(r);
	ps_diags_dispose(&d);
}

static void t_errors(void **state)
{
	(void)state;
	bad("x>=100 full", 7, "expected '=>' after the condition");
	bad("x>=100 =>", 9, "expected 'full', points");
	bad("x>=100 => ", 10, "expected 'full', points");
	bad("foo => full", 0, "expected a clause");
	bad("x>=100 => full x<90 => 0", 15, "expected ';' between clauses");
	bad("x>=100 => full;; x<90 => 0", 15, "expected a clause");
	bad("grade \"abc => full", 6, "unterminated quoted word");
	bad("grade abc => full", 6, "expected a quoted word");
	bad("per 1% sideways => -1", 7, "expected 'below', 'above' or 'off'");
	bad("per 1d below => -1", 7, "expected 'late' after a time step");
	bad("per 1% late => -1", 7, "'late' needs a time step");
	bad("per 1% below => 1", 16, "expected '-' and the points deducted");
	bad("per 1% below => -", 17, "expected the points deducted");
	bad("per x below => -1", 4, "expected 'item' or a step size");
	bad("per item => 0.5", 12, "expected '-'");
	bad("per item -0.5", 9, "expected '=>' after 'per item'");
	bad("date<=2026-13-01 => full", 6, "date out of range");
	bad("date<=2026-02-30 => full", 6, "date out of range");
	bad("date<=20261231 => full", 6, "expected a date");
	bad("date>=2026-12-31 => full", 4, "expected '<=' or '>' after 'date'");
	bad("95>x => 1", 2, "expected '<' or '<='");
	bad("90<=y<95 => 1", 4, "expected 'x' between the bounds");
	bad("x==100 => full", 2, "expected a number or 'target'");
	bad("x=>100 => full", 1, "expected '>=' '>' '<=' '<' or '='");
	bad("x => full", 2, "expected '>=' '>' '<=' '<' or '='");
	bad("maxdeduct", 9, "expected the points after 'maxdeduct'");
	bad("min abc", 4, "expected the points after 'min'");
	bad("bonus", 5, "expected the points after 'bonus'");
	bad("prop from", 9, "expected a number or 'target' after 'from'");
	bad("prop sideways", 5, "expected ';' between clauses");
	bad("manualx", 0, "expected a clause");
	bad("yes => 80%%", 10, "expected ';' between clauses");
	/* positions count code points, not bytes */
	bad("grade \"优秀\" full", 11, "expected '=>' after the condition");
	bad("grade \"优秀\" => 满分", 14, "expected 'full', points");
	/* the diagnostic quotes what follows */
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *r = parse("x>=100 full", &d);
	assert_non_null(strstr(d.v[0].msg, "\"full\""));
	assert_non_null(strstr(d.v[0].msg, "character 8"));
	ps_rule_free(r);
	ps_diags_dispose(&d);
	/* an unknown column: the shift is not applied */
	r = ps_rule_parse_dsl("x y", 3, (ps_pos){"t.csv", 2, 0, -1}, &d);
	assert_int_equal(d.v[0].pos.col, 0);
	ps_rule_free(r);
	ps_diags_dispose(&d);
	/* no sink is fine */
	r = ps_rule_parse_dsl("x y", 3, PS_POS_NONE, NULL);
	assert_false(r->ok);
	ps_rule_free(r);
	/* invalid UTF-8 and NUL bytes do not crash */
	const char *inv = "grade \"\xff\xfe\" => 1";
	r = ps_rule_parse_dsl(inv, strlen(inv), PS_POS_NONE, NULL);
	assert_true(r->ok);
	char *p = ps_rule_print(r);
	assert_string_equal(p, inv); /* the word's bytes are kept */
	free(p);
	ps_rule_free(r);
	r = ps_rule_parse_dsl("x>=1\0 => full", 13, PS_POS_NONE, NULL);
	assert_false(r->ok);
	ps_rule_free(r);
}

static void t_ast_helpers(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *a = parse("x>=100 => full; per 1% below => -1; min 0", &d);
	ps_rule *b = parse("x>=100   =>   full;per 1% below=>-1;min 0", &d);
	assert_true(ps_rule_equal(a, b)); /* positions differ */
	assert_true(ps_rule_has(a, PS_CL_STEP));
	assert_true(ps_rule_has(a, PS_CL_MIN));
	assert_false(ps_rule_has(a, PS_CL_PROP));
	assert_false(ps_rule_has(NULL, PS_CL_PROP));
	b->v[1].amount = PS_DEC(2);
	assert_false(ps_rule_equal(a, b));
	assert_true(ps_rule_equal(NULL, NULL));
	assert_false(ps_rule_equal(a, NULL));
	ps_rule *c = ps_rule_clone(a);
	assert_true(ps_rule_equal(a, c));
	c->ok = false;
	assert_false(ps_rule_equal(a, c));
	ps_rule_free(c);
	/* unused fields do not count */
	ps_clause x = {.kind = PS_CL_BOOL, .yes = true, .amount = PS_DEC(3), .step = 7};
	ps_clause y = {.kind = PS_CL_BOOL, .yes = true};
	assert_true(ps_clause_equal(&x, &y));
	/* the first failure is kept */
	ps_rule_fail(a, 3, "first %d", 1);
	ps_rule_fail(a, 5, "second");
	assert_int_equal(a->err_pos, 3);
	assert_string_equal(a->err_msg, "first 1");
	ps_rule_free(a);
	ps_rule_free(b);
	ps_rule_free(NULL);
	ps_diags_dispose(&d);
}

/* A shared cache used by two threads at once: each text is compiled once,
 * both threads get the same rule and a complete memo, and every lookup
 * replays the same diagnostics (ThreadSanitizer builds check the rest). */
static const char *const shared_texts[] = {
	"完成率达到100%得满分，每降低1个百分点扣1分",
	"完成率达到１００％得满分，每降低1个百分点扣1分", /* the same rule, fullwidth */
	"优秀得满分，良好得80%，一般得60%，差不得分",
	"x>=100 => full; x<90 => 0",
	"x>=100 full",                                    /* a DSL error */
	"未将经费列入预算的，扣20分；已列入预算但未落实的，扣10分",
};
#define N_SHARED (sizeof shared_texts / sizeof *shared_texts)

typedef struct {
	ps_rule_cache *c;
	int dir;
	const ps_rule *rule[N_SHARED];
	ps_rule_memo *memo[N_SHARED];
	size_t n_diags[N_SHARED];
	int bad;
} shared_run;

static void *shared_worker(void *arg)
{
	shared_run *r = arg;
	for (int round = 0; round < 300; round++) {
		for (size_t k = 0; k < N_SHARED; k++) {
			size_t i = r->dir > 0 ? k : N_SHARED - 1 - k;
			const char *t = shared_texts[i];
			ps_diags d = PS_DIAGS_INIT;
			ps_rule_memo *m;
			const ps_rule *rule = ps_rule_cache_get_memo(r->c, t, strlen(t), i == 3 || i == 4,
			                                             (ps_pos){"f", 2, 1, -1}, &d, &m);
			if (round == 0) {
				r->rule[i] = rule;
				r->memo[i] = m;
				r->n_diags[i] = d.n;
			} else if (r->rule[i] != rule || r->memo[i] != m || r->n_diags[i] != d.n) {
				r->bad++;
			}
			if (!m->word_key || ((rule->n || !rule->ok) && !m->canonical))
				r->bad++;
			ps_diags_dispose(&d);
		}
	}
	return NULL;
}

static void t_cache_shared(void **state)
{
	(void)state;
	ps_rule_cache *c = ps_rule_cache_new_shared();
	shared_run a = {.c = c, .dir = 1}, b = {.c = c, .dir = -1};
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, shared_worker, &a), 0);
	shared_worker(&b);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(a.bad, 0);
	assert_int_equal(b.bad, 0);
	ps_rule_cache *one = ps_rule_cache_new();
	for (size_t i = 0; i < N_SHARED; i++) {
		assert_ptr_equal(a.rule[i], b.rule[i]);
		assert_ptr_equal(a.memo[i], b.memo[i]);
		assert_int_equal(a.n_diags[i], b.n_diags[i]);
		ps_diags d = PS_DIAGS_INIT;
		const char *t = shared_texts[i];
		const ps_rule *r = ps_rule_cache_get(one, t, strlen(t), i == 3 || i == 4, (ps_pos){"f", 2, 1, -1}, &d);
		assert_int_equal(a.n_diags[i], d.n);
		char *p = ps_rule_print(r), *q = ps_rule_print(a.rule[i]);
		assert_string_equal(p, q);
		if (a.memo[i]->canonical)
			assert_string_equal(a.memo[i]->canonical, q);
		free(p);
		free(q);
		ps_diags_dispose(&d);
	}
	assert_ptr_equal(a.rule[0], a.rule[1]); /* keyed on the normalised text */
	assert_int_equal(ps_rule_cache_size(c), ps_rule_cache_size(one));
	assert_int_equal(ps_rule_cache_size(c), N_SHARED - 1);
	assert_true(a.n_diags[4] > 0);
	ps_rule_cache_free(one);
	ps_rule_cache_free(c);
}

static void t_cache(void **state)
{
	(void)state;
	ps_rule_cache *c = ps_rule_cache_new();
	ps_diags d = PS_DIAGS_INIT;
	const char *s = "x>=100 => full; x<90 => 0";
	const ps_rule *a = ps_rule_cache_get(c, s, strlen(s), true, (ps_pos){"f", 3, 0, -1}, &d);
	const ps_rule *b = ps_rule_cache_get(c, s, strlen(s), true, (ps_pos){"f", 9, 0, -1}, &d);
	assert_ptr_equal(a, b);
	assert_int_equal(ps_rule_cache_size(c), 1);
	assert_int_equal(d.n, 0);
	/* a DSL error is replayed at each new position */
	const char *e = "x>=100 full";
	ps_rule_cache_get(c, e, strlen(e), true, (ps_pos){"f", 5, 20, 100}, &d);
	ps_rule_cache_get(c, e, strlen(e), true, (ps_pos){"g", 8, 3, -1}, &d);
	assert_int_equal(ps_rule_cache_size(c), 2);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.v[0].pos.file, "f");
	assert_int_equal(d.v[0].pos.line, 5);
	assert_int_equal(d.v[0].pos.col, 27);
	assert_int_equal(d.v[0].pos.offset, 100);
	assert_string_equal(d.v[1].pos.file, "g");
	assert_int_equal(d.v[1].pos.line, 8);
	assert_int_equal(d.v[1].pos.col, 10);
	assert_int_equal(d.v[1].pos.offset, -1);
	assert_string_equal(d.v[0].msg, d.v[1].msg);
	/* text rules are keyed on the normalised text, DSL on its bytes */
	const char *t1 = "整改完成率100%得满分", *t2 = " 整改完成率 １００％ 得满分 ";
	const ps_rule *r1 = ps_rule_cache_get(c, t1, strlen(t1), false, PS_POS_NONE, NULL);
	const ps_rule *r2 = ps_rule_cache_get(c, t2, strlen(t2), false, PS_POS_NONE, NULL);
	assert_ptr_equal(r1, r2);
	assert_int_equal(ps_rule_cache_size(c), 3);
	const ps_rule *r3 = ps_rule_cache_get(c, s, strlen(s), false, PS_POS_NONE, NULL);
	assert_ptr_not_equal(r3, a); /* same bytes, not DSL: another entry */
	assert_int_equal(ps_rule_cache_size(c), 4);
	/* many entries: the table grows */
	char buf[64];
	for (int i = 0; i < 500; i++) {
		snprintf(buf, sizeof buf, "x>=%d => full", i);
		const ps_rule *r = ps_rule_cache_get(c, buf, strlen(buf), true, PS_POS_NONE, NULL);
		assert_int_equal(r->v[0].lo.v, PS_DEC(i));
	}
	assert_int_equal(ps_rule_cache_size(c), 504);
	snprintf(buf, sizeof buf, "x>=%d => full", 17);
	assert_int_equal(ps_rule_cache_get(c, buf, strlen(buf), true, PS_POS_NONE, NULL)->v[0].lo.v, PS_DEC(17));
	assert_int_equal(ps_rule_cache_size(c), 504);
	ps_rule_cache_free(c);
	ps_rule_cache_free(NULL);
	ps_diags_dispose(&d);
}

/* A text rule with a diagnostic, met again byte for byte (the alias hit
 * that does not read the rule's own entry) and written differently (a new
 * alias of the same rule): the diagnostic comes at every position. */
static void t_cache_text_diags(void **state)
{
	(void)state;
	ps_rule_cache *c = ps_rule_cache_new();
	ps_diags d = PS_DIAGS_INIT;
	ps_rule_memo *m1, *m2, *m3, *m4;
	const char *t = "整改完成率100%得满分，4×实达标数扣分", *t2 = " 整改完成率１００％得满分，4×实达标数扣分 ";
	const ps_rule *r1 = ps_rule_cache_get_memo(c, t, strlen(t), false, (ps_pos){"f", 2, 1, -1}, &d, &m1);
	const ps_rule *r2 = ps_rule_cache_get_memo(c, t, strlen(t), false, (ps_pos){"f", 4, 1, -1}, &d, &m2);
	const ps_rule *r3 = ps_rule_cache_get_memo(c, t2, strlen(t2), false, (ps_pos){"f", 6, 1, -1}, &d, &m3);
	const ps_rule *r4 = ps_rule_cache_get_memo(c, t2, strlen(t2), false, (ps_pos){"f", 8, 1, -1}, NULL, &m4);
	ps_rule_cache_get_memo(c, t2, strlen(t2), false, (ps_pos){"f", 9, 1, -1}, &d, &m4);
	assert_ptr_equal(r1, r2);
	assert_ptr_equal(r1, r3);
	assert_ptr_equal(r1, r4);
	assert_ptr_equal(m1, m2);
	assert_ptr_equal(m1, m3);
	assert_ptr_equal(m1, m4);
	assert_int_equal(ps_rule_cache_size(c), 1);
	assert_int_equal(d.n, 4);
	static const unsigned lines[] = {2, 4, 6, 9};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(d.v[i].code, PS_D_RULE_UNREAD);
		assert_int_equal(d.v[i].pos.line, lines[i]);
		assert_string_equal(d.v[i].msg, d.v[0].msg);
	}
	/* a rule without diagnostics: hits add none */
	const char *ok = "整改完成率100%得满分";
	ps_rule_cache_get_memo(c, ok, strlen(ok), false, (ps_pos){"f", 10, 1, -1}, &d, &m1);
	ps_rule_cache_get_memo(c, ok, strlen(ok), false, (ps_pos){"f", 11, 1, -1}, &d, &m2);
	assert_ptr_equal(m1, m2);
	assert_int_equal(d.n, 4);
	assert_int_equal(ps_rule_cache_size(c), 2);
	ps_rule_cache_free(c);
	ps_diags_dispose(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_docs_examples),
		cmocka_unit_test(t_hand_built),
		cmocka_unit_test(t_random),
		cmocka_unit_test(t_lenient),
		cmocka_unit_test(t_marked),
		cmocka_unit_test(t_errors),
		cmocka_unit_test(t_ast_helpers),
		cmocka_unit_test(t_cache),
		cmocka_unit_test(t_cache_shared),
		cmocka_unit_test(t_cache_text_diags),
	};
	return cmocka_run_group_tests_name("rule_dsl", tests, NULL, NULL);
}
