/* rule_cache.c: compile each distinct rule once (SPEC §9). A hit replays the
 * diagnostics of the first compile at the new row's position. A shared
 * cache serves two scoring threads: lookups and inserts under its lock. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "rule_int.h"
#include "value_int.h"

typedef struct entry {
	char *key;           /* DSL: the text as is; Chinese: ps_norm_key of it */
	size_t key_len;
	bool dsl;
	uint64_t hash;
	ps_rule *rule;
	ps_diags diags;      /* from the first compile, positions relative to line 1 col 1 */
	ps_rule_memo memo;
	struct entry *next;
} entry;

/* A rule text exactly as it came, for an entry: most rows repeat a text
 * exactly, and NFKC on every lookup cost more than the compile it saves.
 * What a lookup reads comes first, the text right after it: a hit reads
 * one line and the text's own. */
typedef struct alias {
	uint64_t hash;
	struct alias *next;
	size_t key_len;
	const ps_rule *rule; /* same->rule */
	entry *same;         /* the normalised entry that owns the rule */
	size_t n_diags;      /* same->diags.n, so that a hit on a rule
	                      * without diagnostics does not read `same` */
	char key[];
} alias;

/* A cell read once: an actual value (ps_value_parse) or a unit
 * (ps_unit_norm) by its exact bytes. Most of a file's values and units
 * recur; a value's text pointer is kept as an offset into the cell. */
typedef struct vnode {
	struct vnode *next;
	uint64_t hash;
	size_t len;
	bool unit;
	size_t text_off;     /* value: where out->text starts in the cell */
	union {
		ps_value v;
		char u[32];
	} r;
	char key[];          /* the cell's bytes */
} vnode;

/* Enough for every distinct value of a big file, about 6 MB at most:
 * past it, new cells are read without the memo. */
enum { VMEMO_MAX = 32768 };

/* The raw aliases have a table of their own, of a fixed number of
 * buckets, read without the lock like the memos below: one lookup per
 * row, and the lock cost a third of it. */
enum { ALIAS_BUCKETS = 32768 };

struct ps_rule_cache {
	_Atomic(alias *) *abucket;
	/* the value memo: VMEMO_MAX buckets. Read without the lock (a
	 * lookup per row, and the lock cost as much as the lookup); a node
	 * is complete and never changed before it is published in its
	 * bucket (release), and added under the lock. */
	_Atomic(vnode *) *vbucket;
	atomic_size_t nv;    /* changed under the lock; read without it to
	                      * see that the memo is full */
	entry **bucket;
	size_t nbucket, n;
	size_t n_entries;    /* what the buckets hold (the aliases are in abucket) */
	bool shared;         /* mu guards the table; memos are filled at insert */
	pthread_mutex_t mu;
};

/* A new entry with room for a key of n bytes right after it: a lookup
 * then finds the key in the lines it has just read for the entry, where a
 * key of its own was one more cache miss per row scored. */
static entry *entry_new(const char *key, size_t n)
{
	entry *e = ps_xcalloc(1, sizeof *e + n + 1);
	e->key = (char *)(e + 1);
	memcpy(e->key, key, n);
	e->key_len = n;
	return e;
}

ps_rule_cache *ps_rule_cache_new(void)
{
	ps_rule_cache *c = ps_xcalloc(1, sizeof *c);
	atomic_init(&c->nv, 0);
	c->nbucket = 64;
	c->bucket = ps_xcalloc(c->nbucket, sizeof *c->bucket);
	c->vbucket = ps_xcalloc(VMEMO_MAX, sizeof *c->vbucket); /* all NULL */
	c->abucket = ps_xcalloc(ALIAS_BUCKETS, sizeof *c->abucket);
	return c;
}

ps_rule_cache *ps_rule_cache_new_shared(void)
{
	ps_rule_cache *c = ps_rule_cache_new();
	c->shared = true;
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

static void lock(ps_rule_cache *c)
{
	if (c->shared)
		pthread_mutex_lock(&c->mu);
}

static void unlock(ps_rule_cache *c)
{
	if (c->shared)
		pthread_mutex_unlock(&c->mu);
}

static void memo_dispose(ps_rule_memo *m, size_t n)
{
	free(m->canonical);
	for (size_t i = 0; m->word_key && i < n; i++)
		free(m->word_key[i]);
	free(m->word_key);
	free(m->word_grade);
}

void ps_rule_cache_free(ps_rule_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nbucket; i++) {
		for (entry *e = c->bucket[i], *next; e; e = next) {
			next = e->next;
			memo_dispose(&e->memo, e->rule->n);
			ps_rule_free(e->rule);
			ps_diags_dispose(&e->diags);
			free(e);
		}
	}
	free(c->bucket);
	for (size_t i = 0; i < ALIAS_BUCKETS; i++)
		for (alias *e = atomic_load_explicit(&c->abucket[i], memory_order_relaxed), *next; e; e = next) {
			next = e->next;
			free(e);
		}
	free(c->abucket);
	for (size_t i = 0; i < VMEMO_MAX; i++)
		for (vnode *v = atomic_load_explicit(&c->vbucket[i], memory_order_relaxed), *next; v; v = next) {
			next = v->next;
			free(v);
		}
	free(c->vbucket);
	if (c->shared)
		pthread_mutex_destroy(&c->mu);
	free(c);
}

size_t ps_rule_cache_size(const ps_rule_cache *c)
{
	return c ? c->n : 0; /* distinct rules: raw aliases are not counted */
}


static void grow(ps_rule_cache *c)
{
	size_t nb = c->nbucket * 2;
	entry **b = ps_xcalloc(nb, sizeof *b);
	for (size_t i = 0; i < c->nbucket; i++) {
		for (entry *e = c->bucket[i], *next; e; e = next) {
			next = e->next;
			e->next = b[e->hash & (nb - 1)];
			b[e->hash & (nb - 1)] = e;
		}
	}
	free(c->bucket);
	c->bucket = b;
	c->nbucket = nb;
}

/* Move a position recorded against line 1, column 1, offset 0 to `at`. */
static ps_pos shift(ps_pos rel, ps_pos at)
{
	ps_pos p = at;
	if (rel.line > 1) {
		p.line = at.line ? at.line + rel.line - 1 : 0;
		p.col = rel.col;
	} else if (at.col && rel.col) {
		p.col = at.col + rel.col - 1;
	}
	p.offset = at.offset >= 0 && rel.offset >= 0 ? at.offset + rel.offset : -1;
	return p;
}

/* The diagnostics of e's first compile, at pos. */
static void replay(const entry *e, ps_pos pos, ps_diags *diags)
{
	for (size_t i = 0; i < e->diags.n; i++) {
		const ps_diag *d = &e->diags.v[i];
		ps_diags_addl(diags, d->code, d->level, shift(d->pos, pos), "%s", d->msg);
	}
}

static uint64_t key_hash(const char *key, size_t n, bool dsl, bool raw)
{
	return ps_hash(key, n) ^ (dsl ? UINT64_C(0x9E3779B97F4A7C15) : 0) ^ (raw ? UINT64_C(0xC2B2AE3D27D4EB4F) : 0);
}

static entry *find(const ps_rule_cache *c, const char *key, size_t n, bool dsl, uint64_t h)
{
	entry *e = c->bucket[h & (c->nbucket - 1)];
	while (e && !(e->hash == h && e->dsl == dsl && e->key_len == n &&
	              memcmp(e->key, key, n) == 0))
		e = e->next;
	return e;
}

static const alias *afind(const ps_rule_cache *c, const char *text, size_t n, uint64_t h)
{
	const alias *e = atomic_load_explicit(&c->abucket[h & (ALIAS_BUCKETS - 1)], memory_order_acquire);
	while (e && !(e->hash == h && e->key_len == n && memcmp(e->key, text, n) == 0))
		e = e->next;
	return e;
}

static void insert(ps_rule_cache *c, entry *e)
{
	if (++c->n_entries > c->nbucket)
		grow(c);
	e->next = c->bucket[e->hash & (c->nbucket - 1)];
	c->bucket[e->hash & (c->nbucket - 1)] = e;
}

const ps_rule *ps_rule_cache_get(ps_rule_cache *c, const char *text, size_t len, bool dsl, ps_pos pos,
                                 ps_diags *diags)
{
	ps_rule_memo *memo;
	return ps_rule_cache_get_memo(c, text, len, dsl, pos, diags, &memo);
}

/* The raw text's hash: its alias's key. */
static uint64_t alias_hash(const char *text, size_t len)
{
	return key_hash(text, len, false, true);
}

static const ps_rule *get_memo(ps_rule_cache *c, const char *text, size_t len, bool dsl, uint64_t rh, ps_pos pos,
                               ps_diags *diags, ps_rule_memo **memo);

const ps_rule *ps_rule_cache_get_memo(ps_rule_cache *c, const char *text, size_t len, bool dsl, ps_pos pos,
                                      ps_diags *diags, ps_rule_memo **memo)
{
	return get_memo(c, text, len, dsl, dsl ? 0 : alias_hash(text, len), pos, diags, memo);
}

const ps_rule *ps_rule_cache_get_hinted(ps_rule_cache *c, const ps_cache_hint *h, const char *text, size_t len,
                                        ps_pos pos, ps_diags *diags, ps_rule_memo **memo)
{
	return get_memo(c, text, len, false, h->rule_h, pos, diags, memo);
}

/* rh: alias_hash(text, len) unless dsl. */
static const ps_rule *get_memo(ps_rule_cache *c, const char *text, size_t len, bool dsl, uint64_t rh, ps_pos pos,
                               ps_diags *diags, ps_rule_memo **memo)
{
	/* What an entry holds (rule, diagnostics, a shared cache's memo) is
	 * not changed after its insert: only the lookup is locked, and the
	 * replay and the scoring that follow read it without the lock. */
	if (!dsl) {
		const alias *a = afind(c, text, len, rh);
		if (a) {
			/* the common case: nothing of `same` is read here */
			if (diags && a->n_diags)
				replay(a->same, pos, diags);
			*memo = &a->same->memo;
			return a->rule;
		}
	}
	/* DSL keys stay byte-exact: white space inside a quoted grade word
	 * matters. Most texts' keys are made in kbuf, without NFKC. */
	char kbuf[1024];
	char *key = dsl ? NULL : ps_value_simple_key(kbuf, sizeof kbuf, text, len);
	if (!key)
		key = dsl ? ps_xstrndup(text, len) : ps_norm_key(text, len, false);
	size_t kn = strlen(key);
	uint64_t h = key_hash(key, kn, dsl, false);
	lock(c);
	entry *e = find(c, key, kn, dsl, h);
	if (!e) {
		/* compiled outside the lock: the other thread goes on looking up */
		unlock(c);
		entry *ne = entry_new(key, kn);
		ne->dsl = dsl;
		ne->hash = h;
		/* compiled against line 1 column 1, so that shift() can move the
		 * diagnostics to wherever the same text turns up again */
		ps_pos base = {NULL, 1, 1, 0};
		ne->rule = dsl ? ps_rule_parse_dsl(text, len, base, &ne->diags)
		               : ps_rule_compile(text, len, base, &ne->diags);
		if (c->shared) /* filled later, it would be written while read */
			ps_rule_memo_fill(&ne->memo, ne->rule);
		lock(c);
		/* shared: the other thread may have compiled the same text */
		e = c->shared ? find(c, key, kn, dsl, h) : NULL;
		if (e) {
			memo_dispose(&ne->memo, ne->rule->n);
			ps_rule_free(ne->rule);
			ps_diags_dispose(&ne->diags);
			free(ne);
		} else {
			e = ne;
			insert(c, e);
			c->n++;
		}
	}
	if (key != kbuf)
		free(key);
	/* shared: the other thread may have added the alias since the lookup */
	if (!dsl && !(c->shared && afind(c, text, len, rh))) {
		alias *a = ps_xmalloc(sizeof *a + len + 1);
		memcpy(a->key, text, len);
		a->key[len] = '\0';
		a->key_len = len;
		a->hash = rh;
		a->same = e;
		a->rule = e->rule;
		a->n_diags = e->diags.n;
		_Atomic(alias *) *b = &c->abucket[rh & (ALIAS_BUCKETS - 1)];
		a->next = atomic_load_explicit(b, memory_order_relaxed);
		atomic_store_explicit(b, a, memory_order_release); /* complete before it is seen */
	}
	unlock(c);
	if (diags)
		replay(e, pos, diags);
	*memo = &e->memo;
	return e->rule;
}

/* ---- the value memo -------------------------------------------------------- */

static const vnode *vfind(const ps_rule_cache *c, const char *s, size_t len, bool unit, uint64_t h)
{
	const vnode *v = atomic_load_explicit(&c->vbucket[h & (VMEMO_MAX - 1)], memory_order_acquire);
	while (v && !(v->hash == h && v->len == len && v->unit == unit && memcmp(v->key, s, len) == 0))
		v = v->next;
	return v;
}

/* Keep a copy of what was just read (the other thread may have added it
 * meanwhile). */
static void vkeep(ps_rule_cache *c, const char *s, size_t len, bool unit, uint64_t h, const void *r, size_t rn,
                  size_t off)
{
	/* full: a big file's later new values would each take the lock
	 * (which the other thread's lookups wait on) for nothing */
	if (atomic_load_explicit(&c->nv, memory_order_relaxed) >= VMEMO_MAX)
		return;
	lock(c);
	if (atomic_load_explicit(&c->nv, memory_order_relaxed) < VMEMO_MAX && !vfind(c, s, len, unit, h)) {
		vnode *v = ps_xmalloc(sizeof *v + len + 1);
		v->hash = h;
		v->len = len;
		v->unit = unit;
		v->text_off = off;
		memcpy(&v->r, r, rn);
		memcpy(v->key, s, len);
		v->key[len] = '\0';
		_Atomic(vnode *) *b = &c->vbucket[h & (VMEMO_MAX - 1)];
		v->next = atomic_load_explicit(b, memory_order_relaxed);
		atomic_store_explicit(b, v, memory_order_release);
		atomic_store_explicit(&c->nv, atomic_load_explicit(&c->nv, memory_order_relaxed) + 1,
		                      memory_order_relaxed);
	}
	unlock(c);
}

static void value_h(ps_rule_cache *c, ps_value *out, const char *text, size_t len, uint64_t h);

void ps_rule_cache_value(ps_rule_cache *c, ps_value *out, const char *text, size_t len)
{
	value_h(c, out, text, len, ps_hash(text, len));
}

void ps_rule_cache_value_hinted(ps_rule_cache *c, const ps_cache_hint *h, ps_value *out, const char *text,
                                size_t len)
{
	value_h(c, out, text, len, h->value_h);
}

/* h: ps_hash(text, len). */
static void value_h(ps_rule_cache *c, ps_value *out, const char *text, size_t len, uint64_t h)
{
	const vnode *v = vfind(c, text, len, false, h);
	if (v) {
		*out = v->r.v;
		out->text = text + v->text_off;
		return;
	}
	ps_value_parse(out, text, len);
	size_t off = out->text && out->text >= text && out->text <= text + len ? (size_t)(out->text - text) : 0;
	vkeep(c, text, len, false, h, out, sizeof *out, off);
}

void ps_rule_cache_unit(ps_rule_cache *c, char *out, const char *s, size_t len)
{
	uint64_t h = ps_hash(s, len) ^ UINT64_C(0x2545F4914F6CDD1D);
	const vnode *v = vfind(c, s, len, true, h);
	if (v) {
		memcpy(out, v->r.u, 32);
		return;
	}
	ps_unit_norm(out, 32, s, len);
	vkeep(c, s, len, true, h, out, 32, 0);
}

/* ---- prefetch --------------------------------------------------------------- */

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Ask for the n bytes at p, a line at a time. */
static void prefetch_lines(const void *p, size_t n)
{
	const char *b = p;
	for (size_t o = 0; o < n; o += 64)
		PREFETCH(b + o);
	PREFETCH(b + n - 1);
}

void ps_rule_cache_hint(const ps_rule_cache *c, ps_cache_hint *h, const char *text, size_t len,
                        const char *value, size_t value_len)
{
	memset(h, 0, sizeof *h);
	h->has_rule = text != NULL;
	h->has_value = value != NULL;
	h->rule_len = len;
	h->value_len = value_len;
	h->rule_h = text ? alias_hash(text, len) : 0;
	h->value_h = value ? ps_hash(value, value_len) : 0;
	if (text)
		PREFETCH(&c->abucket[h->rule_h & (ALIAS_BUCKETS - 1)]);
	if (value)
		PREFETCH(&c->vbucket[h->value_h & (VMEMO_MAX - 1)]);
}

void ps_rule_cache_ahead(const ps_rule_cache *c, ps_cache_hint *h)
{
	/* the head of each chain stands for the chain: it is the entry a hit
	 * most often is, and asking for a wrong one costs nothing but the ask */
	switch (h->stage) {
	case 0:
		if (h->has_rule) {
			const alias *a = atomic_load_explicit(&c->abucket[h->rule_h & (ALIAS_BUCKETS - 1)],
			                                      memory_order_acquire);
			if (a)
				prefetch_lines(a, sizeof *a + h->rule_len); /* its length if it is the one */
			h->a = a;
		}
		if (h->has_value) {
			const vnode *v = atomic_load_explicit(&c->vbucket[h->value_h & (VMEMO_MAX - 1)],
			                                      memory_order_acquire);
			if (v)
				prefetch_lines(v, sizeof *v + h->value_len);
		}
		break;
	case 1:
		if (h->a) {
			const alias *a = h->a;
			h->rule = a->rule;
			h->memo = &a->same->memo;
			prefetch_lines(h->rule, sizeof *h->rule);
			prefetch_lines(h->memo, sizeof *h->memo);
		}
		break;
	case 2:
		if (h->rule) {
			/* the start of each clause (what is read of most), and of
			 * the canonical text (copied whole: the rest streams in);
			 * asking for more only queues behind the asks of other rows */
			for (size_t i = 0; i < h->rule->n && i < 4; i++)
				PREFETCH(&h->rule->v[i]);
			if (h->memo->canonical)
				PREFETCH(h->memo->canonical);
		}
		break;
	default:
		return;
	}
	h->stage++;
}
