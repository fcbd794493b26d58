/* keymap.c: open-addressing string hash map (linear probing), the
 * chunked string pool its keys live in, and a bounded memo on top. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "perfscore/text.h"
#include "sheet.h"

/* ---- string pool -------------------------------------------------------- */

#define POOL_GROW_MAX ((size_t)1 << 16)

/* A new chunk on top of *p with room for at least need bytes. */
static ps_pool *new_chunk(ps_pool **p, size_t need, size_t chunk)
{
	ps_pool *c = *p;
	size_t cap = chunk;
	if (c && cap < c->cap * 2)
		cap = c->cap * 2 < POOL_GROW_MAX ? c->cap * 2 : POOL_GROW_MAX;
	if (cap < chunk)
		cap = chunk;
	if (cap < need)
		cap = need;
	ps_pool *fresh = ps_xmalloc(sizeof *fresh + cap);
	fresh->next = c;
	fresh->used = 0;
	fresh->cap = cap;
	*p = fresh;
	return fresh;
}

void ps_pool_reserve(ps_pool **p, size_t n, size_t chunk)
{
	ps_pool *c = *p;
	if (!c || c->cap - c->used < n)
		new_chunk(p, n, chunk);
}

char *ps_pool_add_chunk(ps_pool **p, const char *s, size_t n, size_t chunk)
{
	ps_pool *c = new_chunk(p, n + 1, chunk);
	char *d = c->data + c->used;
	memcpy(d, s, n);
	d[n] = '\0';
	c->used += n + 1;
	return d;
}

size_t ps_pool_used(const ps_pool *p)
{
	size_t n = 0;
	for (; p; p = p->next)
		n += p->used;
	return n;
}

static void free_chunks(ps_pool *c)
{
	while (c) {
		ps_pool *next = c->next;
		free(c);
		c = next;
	}
}

void ps_pool_clear(ps_pool **p)
{
	if (!*p)
		return;
	free_chunks((*p)->next);
	(*p)->next = NULL;
	(*p)->used = 0;
}

void ps_pool_free(ps_pool **p)
{
	free_chunks(*p);
	*p = NULL;
}

void ps_pool_move(ps_pool **to, ps_pool **from)
{
	ps_pool *tail = *from;
	if (!tail)
		return;
	while (tail->next)
		tail = tail->next;
	/* *from's newest chunk goes first: strings are added to the first */
	tail->next = *to;
	*to = *from;
	*from = NULL;
}

/* ---- hash map ------------------------------------------------------------ */

typedef struct {
	const char *key; /* in the map's pool; NULL: empty slot */
	size_t len;
	uint64_t hash;
	size_t value;
} slot;

struct ps_keymap {
	slot *v;
	size_t cap, n;   /* cap is a power of two */
	ps_pool *keys;
	uint64_t (*hash)(const char *, size_t); /* NULL: ps_hash */
};

#define KEY_CHUNK 1024

ps_keymap *ps_keymap_new(void)
{
	ps_keymap *m = ps_xcalloc(1, sizeof *m);
	m->cap = 64;
	m->v = ps_xcalloc(m->cap, sizeof *m->v);
	return m;
}

void ps_keymap_free(ps_keymap *m)
{
	if (!m)
		return;
	ps_pool_free(&m->keys);
	free(m->v);
	free(m);
}

/* keep_cap: a memo refilled to the same size keeps its table; other maps
 * shrink, so that one big unit does not slow every later clear. */
static void clear(ps_keymap *m, bool keep_cap)
{
	if (m->n == 0)
		return;
	ps_pool_clear(&m->keys);
	if (m->cap > 4096 && !keep_cap) {
		free(m->v);
		m->cap = 64;
		m->v = ps_xcalloc(m->cap, sizeof *m->v);
	} else {
		memset(m->v, 0, m->cap * sizeof *m->v);
	}
	m->n = 0;
}

void ps_keymap_clear(ps_keymap *m)
{
	clear(m, false);
}

size_t ps_keymap_count(const ps_keymap *m)
{
	return m->n;
}

void ps_keymap_set_hash(ps_keymap *m, uint64_t (*hash)(const char *, size_t))
{
	m->hash = hash;
}

static slot *probe(slot *v, size_t cap, const char *key, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);
	while (v[i].key && !(v[i].hash == h && v[i].len == len && memcmp(v[i].key, key, len) == 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static void grow(ps_keymap *m)
{
	size_t cap = m->cap * 2;
	slot *v = ps_xcalloc(cap, sizeof *v);
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key)
			*probe(v, cap, m->v[i].key, m->v[i].len, m->v[i].hash) = m->v[i];
	free(m->v);
	m->v = v;
	m->cap = cap;
}

size_t *ps_keymap_get(ps_keymap *m, const char *key, size_t len, bool insert, size_t init,
                      bool *created)
{
	if (created)
		*created = false;
	uint64_t h = m->hash ? m->hash(key, len) : ps_hash(key, len);
	slot *s = probe(m->v, m->cap, key, len, h);
	if (s->key)
		return &s->value;
	if (!insert)
		return NULL;
	if (2 * (m->n + 1) > m->cap) {
		grow(m);
		s = probe(m->v, m->cap, key, len, h);
	}
	s->key = ps_pool_add(&m->keys, key, len, KEY_CHUNK);
	s->len = len;
	s->hash = h;
	s->value = init;
	m->n++;
	if (created)
		*created = true;
	return &s->value;
}

/* ---- small map ----------------------------------------------------------- */

size_t *ps_smallmap_get(ps_smallmap *m, const char *key, size_t len, bool insert, size_t init,
                        bool *created)
{
	if (!m->in_big) {
		if (created)
			*created = false;
		uint64_t t = ps_tail8(key, len);
		uint64_t bit = UINT64_C(1) << (((t ^ len) * UINT64_C(0x9E3779B97F4A7C15)) >> 58);
		if (m->seen & bit)
			for (size_t i = 0; i < m->n; i++)
				if (m->len[i] == len && m->tail[i] == t && ps_same_bytes(m->keys.s + m->off[i], key, len))
					return &m->value[i];
		if (!insert)
			return NULL;
		if (m->n < PS_SMALLMAP_KEYS) {
			size_t i = m->n++;
			m->off[i] = m->keys.n;
			ps_key_add(&m->keys, key, len);
			m->len[i] = len;
			m->tail[i] = t;
			m->value[i] = init;
			m->seen |= bit;
			if (created)
				*created = true;
			return &m->value[i];
		}
		/* full: every key moves into a hash map */
		if (!m->big)
			m->big = ps_keymap_new();
		for (size_t i = 0; i < m->n; i++)
			ps_keymap_get(m->big, m->keys.s + m->off[i], m->len[i], true, m->value[i], NULL);
		m->in_big = true;
	}
	return ps_keymap_get(m->big, key, len, insert, init, created);
}

void ps_smallmap_clear(ps_smallmap *m)
{
	m->n = 0;
	m->seen = 0;
	ps_buf_clear(&m->keys);
	if (m->in_big)
		ps_keymap_clear(m->big);
	m->in_big = false;
}

size_t ps_smallmap_count(const ps_smallmap *m)
{
	return m->in_big ? ps_keymap_count(m->big) : m->n;
}

void ps_smallmap_dispose(ps_smallmap *m)
{
	ps_buf_dispose(&m->keys);
	ps_keymap_free(m->big);
	memset(m, 0, sizeof *m);
}

char *ps_key_join(const char *const *parts, size_t n)
{
	ps_buf b = PS_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i)
			ps_buf_addc(&b, '\x1f');
		ps_buf_adds(&b, parts[i] ? parts[i] : "");
	}
	return ps_buf_detach(&b);
}

/* ---- memo ---------------------------------------------------------------- */

typedef struct {
	const char *val; /* in vals */
	size_t len;
	bool same;       /* the value's bytes are the key's */
} memo_val;

/* The memo's recent hits, direct-mapped by a word of the key's first and
 * last bytes: a lookup that hits here costs no hash of the whole key and
 * no probe (the name keys and targets of one template's rows recur unit
 * after unit). An entry points at the map's own copy of the key, so it is
 * valid until the map is cleared, when the entries are cleared too. */
#define MEMO_FRONT 512 /* a power of two */
typedef struct {
	const char *key; /* NULL: empty */
	size_t klen;
	uint64_t word;   /* front_word of the key */
	size_t idx;      /* into v */
} memo_front;

struct ps_memo {
	ps_keymap *map;  /* key -> index into v */
	memo_val *v;
	size_t max_entries, max_bytes, bytes;
	ps_pool *vals;
	memo_front front[MEMO_FRONT];
};

/* The key's first and last (up to) 8 bytes and its length mixed into a
 * word; no call for any length. */
static inline uint64_t front_word(const char *s, size_t n)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	uint64_t a = 0, b = 0;
	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		a = x;
		b = y;
	} else if (n) {
		const unsigned char *u = (const unsigned char *)s;
		a = (uint64_t)u[0] | (uint64_t)u[n / 2] << 8 | (uint64_t)u[n - 1] << 16;
	}
	if (n >= 16) {
		uint64_t c;
		memcpy(&c, s + n / 2 - 4, 8); /* keys that differ in the middle: a type cell */
		a ^= c * k;
	}
	uint64_t w = (a ^ (uint64_t)n) * k;
	return (w ^ (w >> 29) ^ b) * k;
}

static inline memo_front *front_at(ps_memo *m, uint64_t word)
{
	return &m->front[word >> 55];
}

static inline bool front_hit(const memo_front *f, const char *key, size_t klen, uint64_t word)
{
	return f->key && f->word == word && f->klen == klen && ps_same_bytes(f->key, key, klen);
}

static inline void front_keep(memo_front *f, const slot *e, uint64_t word)
{
	f->key = e->key;
	f->klen = e->len;
	f->word = word;
	f->idx = e->value;
}

ps_memo *ps_memo_new(size_t max_entries, size_t max_bytes)
{
	ps_memo *m = ps_xcalloc(1, sizeof *m);
	m->map = ps_keymap_new();
	m->max_entries = max_entries ? max_entries : 1;
	m->max_bytes = max_bytes;
	m->v = ps_xmalloc(m->max_entries * sizeof *m->v);
	return m;
}

void ps_memo_free(ps_memo *m)
{
	if (!m)
		return;
	ps_keymap_free(m->map);
	ps_pool_free(&m->vals);
	free(m->v);
	free(m);
}

const char *ps_memo_get(ps_memo *m, const char *key, size_t klen, size_t *vlen)
{
	uint64_t word = front_word(key, klen);
	memo_front *f = front_at(m, word);
	if (front_hit(f, key, klen, word)) {
		*vlen = m->v[f->idx].len;
		return m->v[f->idx].val;
	}
	ps_keymap *map = m->map;
	uint64_t h = map->hash ? map->hash(key, klen) : ps_hash(key, klen);
	const slot *e = probe(map->v, map->cap, key, klen, h);
	if (!e->key)
		return NULL;
	front_keep(f, e, word);
	*vlen = m->v[e->value].len;
	return m->v[e->value].val;
}

const char *ps_memo_put(ps_memo *m, const char *key, size_t klen, const void *val, size_t vlen)
{
	size_t n = ps_keymap_count(m->map);
	if (n > 0 && (n >= m->max_entries || m->bytes + klen + vlen > m->max_bytes)) {
		/* full: forget everything (simple, and bounded whatever the input) */
		clear(m->map, true);
		memset(m->front, 0, sizeof m->front);
		ps_pool_clear(&m->vals);
		m->bytes = 0;
		n = 0;
	}
	size_t *i = ps_keymap_get(m->map, key, klen, true, n, NULL);
	memo_val *e = &m->v[*i];
	e->val = ps_pool_add(&m->vals, val, vlen, KEY_CHUNK * 4);
	e->len = vlen;
	e->same = klen == vlen && memcmp(key, val, klen) == 0;
	m->bytes += klen + vlen;
	return e->val;
}

size_t ps_memo_count(const ps_memo *m)
{
	return ps_keymap_count(m->map);
}

void ps_memo_set_hash(ps_memo *m, uint64_t (*hash)(const char *, size_t))
{
	ps_keymap_set_hash(m->map, hash);
}

size_t ps_name_key_memo(ps_memo *m, ps_buf *out, const char *s)
{
	return ps_name_key_memo_n(m, out, s, strlen(s));
}

size_t ps_name_key_memo_n(ps_memo *m, ps_buf *out, const char *s, size_t n)
{
	bool same;
	return ps_name_key_memo_same(m, out, s, n, &same);
}

size_t ps_name_key_memo_same(ps_memo *m, ps_buf *out, const char *s, size_t n, bool *same)
{
	size_t klen;
	/* ps_memo_get and ps_buf_add without their calls: a hit is most of
	 * what the loaders and the matcher do here */
	uint64_t word = front_word(s, n);
	memo_front *f = front_at(m, word);
	if (front_hit(f, s, n, word)) {
		const memo_val *v = &m->v[f->idx];
		klen = v->len;
		*same = v->same;
		ps_key_add(out, v->val, klen);
		return klen;
	}
	ps_keymap *map = m->map;
	uint64_t h = map->hash ? map->hash(s, n) : ps_hash(s, n);
	slot *e = probe(map->v, map->cap, s, n, h);
	if (e->key) {
		front_keep(f, e, word);
		const memo_val *v = &m->v[e->value];
		klen = v->len;
		*same = v->same;
		ps_key_add(out, v->val, klen);
		return klen;
	}
	ps_buf_add(out, "", 0); /* out->s is set even for an empty key */
	size_t at = out->n;
	klen = ps_name_key_buf(out, s);
	ps_memo_put(m, s, n, out->s + at, klen);
	*same = klen == n && memcmp(out->s + at, s, n) == 0;
	return klen;
}
