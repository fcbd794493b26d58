/* rule_int.h: private helpers for building rule ASTs (the Chinese compiler, the
 * canonical parser and the tests use them; formatters never see this). */
#ifndef PERFSCORE_RULE_INT_H
#define PERFSCORE_RULE_INT_H

#include <stdarg.h>
#include "perfscore/rule.h"

/* Invariants the canonical printer relies on (docs/rules.md):
 * - STEP clauses with a time unit (DAY, MONTH, YEAR) are "late" steps and
 *   always have dir = +1; their deadline is y/m/d (m != 0), or base.set with
 *   base.is_target for "the target date", or nothing (the DATE clause's
 *   deadline, else the target date).
 * - A DATE clause with m == 0 means "the indicator's target date"; d == 0
 *   means month only (compared by month end); y == 0 the budget year.
 * - Unused fields are zero; ps_rule_equal compares only the fields a kind
 *   uses, so stray values in unused fields do not break round trips. */

/* A new empty rule: n = 0, ok = true, source PS_RS_TEXT. Free with
 * ps_rule_free. Never NULL (allocation failure aborts). */
ps_rule *ps_rule_new(void);

/* Append a copy of *c (its word is duplicated; the caller keeps c->word).
 * Returns the stored clause, valid until the next push. */
ps_clause *ps_rule_push(ps_rule *r, const ps_clause *c);

/* Mark the rule unreadable at code point `pos` with a printf-style reason.
 * Only the first failure is kept (a rule stops at its first error). */
void ps_rule_fail(ps_rule *r, uint32_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ps_rule_vfail(ps_rule *r, uint32_t pos, const char *fmt, va_list ap);

/* Bounds for building RANGE clauses by hand. */
static inline ps_bound ps_bound_at(ps_dec v, bool incl)
{
	return (ps_bound){true, incl, false, v, false};
}
static inline ps_bound ps_bound_target(bool incl)
{
	return (ps_bound){true, incl, true, 0, false};
}

/* Structural equality of two clauses (pos ignored). */
bool ps_clause_equal(const ps_clause *a, const ps_clause *b);

/* What the scorer derives from a cached rule alone, kept with it so that
 * the thousands of rows sharing a rule do not derive it again. The cache
 * owns it; the scorer fills it in (NULL fields: not yet). */
typedef struct {
	char *canonical;   /* ps_rule_print of the rule */
	size_t canonical_len; /* its strlen (set with it) */
	char **word_key;   /* per clause: the GRADE word as ps_norm_key(word, true) */
	int *word_grade;   /* per clause: the grade that key reads as (ps_grade) */
	unsigned kinds;    /* bit k: the rule has a clause of kind k (kinds_set) */
	bool rates;        /* the rule is ok and compares rates (kinds_set) */
	bool kinds_set;
} ps_rule_memo;

/* Fill every field of m that is not yet set, for r (score.c). A shared
 * cache fills each memo at insert: lazily, one thread would write a field
 * another reads. */
void ps_rule_memo_fill(ps_rule_memo *m, const ps_rule *r);

/* ps_rule_cache_get, also giving the rule's memo (never NULL; with a
 * shared cache, complete and not to be written). */
const ps_rule *ps_rule_cache_get_memo(ps_rule_cache *c, const char *text, size_t len, bool dsl, ps_pos pos,
                                      ps_diags *diags, ps_rule_memo **memo);

/* ps_value_parse(out, text, len) through the cache's memo of cells read
 * (bounded; its own entries, under the lock of a shared cache): the same
 * result, out->text into `text` as ps_value_parse gives it. */
void ps_rule_cache_value(ps_rule_cache *c, ps_value *out, const char *text, size_t len);

/* ps_unit_norm(out, 32, s, len) through the same memo; out has 32 bytes. */
void ps_rule_cache_unit(ps_rule_cache *c, char *out, const char *s, size_t len);

/* A row's lookups, started ahead of time so that the memory they read can
 * be asked for before it is needed: the rows of a unit are scored one after
 * another, and what each reads of the cache (the text's entry, its rule and
 * clauses, the rule's memo, the value's entry) lies anywhere in a big run's
 * memory. Each stage reads only what the one before asked for. */
typedef struct {
	uint64_t rule_h;     /* of the rule text (not a DSL one) */
	uint64_t value_h;    /* of the actual value's text */
	size_t rule_len, value_len;
	bool has_rule, has_value;
	int stage;           /* the stages done (PS_HINT_STAGES: all) */
	const void *a;       /* the head of the text's chain, from stage 1 */
	const ps_rule *rule; /* its rule and memo, from stage 2 */
	const ps_rule_memo *memo;
} ps_cache_hint;

enum { PS_HINT_STAGES = 3 };

/* Stage 0: hash the row's rule text (NULL: none) and value (NULL: none)
 * into *h and ask for the table slots their lookups start at. Reads
 * nothing that may change: a shared cache needs no lock. */
void ps_rule_cache_hint(const ps_rule_cache *c, ps_cache_hint *h, const char *text, size_t len,
                        const char *value, size_t value_len);

/* The next stage of h (nothing once all are done): 1, the entries the
 * slots lead to; 2, the rule and memo of the text's entry; 3, the rule's
 * clauses and canonical text. Call it once per row scored meanwhile. */
void ps_rule_cache_ahead(const ps_rule_cache *c, ps_cache_hint *h);

/* ps_rule_cache_get_memo for a text that is not DSL, hashed by
 * ps_rule_cache_hint (h->has_rule). */
const ps_rule *ps_rule_cache_get_hinted(ps_rule_cache *c, const ps_cache_hint *h, const char *text, size_t len,
                                        ps_pos pos, ps_diags *diags, ps_rule_memo **memo);

/* ps_rule_cache_value for the value hashed by ps_rule_cache_hint
 * (h->has_value). */
void ps_rule_cache_value_hinted(ps_rule_cache *c, const ps_cache_hint *h, ps_value *out, const char *text,
                                size_t len);

#endif
