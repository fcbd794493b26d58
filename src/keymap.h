/* keymap.h (private): a string → size_t hash map for the loaders and the
 * matcher (units by code, duplicate indicators, actual-to-target keys), the
 * string pool its keys (and the strings of units and actual rows) are kept
 * in, and a bounded memo of pure text functions built on both. */
#ifndef PS_KEYMAP_H
#define PS_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "perfscore/text.h"
#include "util/scan16.h"

/* Strings packed one after another in chunks, freed all at once: a malloc
 * per short string costs more than the string. NULL is an empty pool. */
typedef struct ps_pool ps_pool;
struct ps_pool {
	ps_pool *next;   /* older chunks */
	size_t used, cap;
	char data[];
};

/* ps_pool_add when *p has no room: a new chunk. */
char *ps_pool_add_chunk(ps_pool **p, const char *s, size_t n, size_t chunk);

/* A copy of s[0..n) with a NUL after it, in *p. A new chunk, when needed,
 * has room for at least `chunk` bytes (and grows with the pool, up to
 * 64 KiB, or to n + 1). The copy stays put until the pool is cleared or
 * freed. Inline: the loaders copy every cell through it. */
static inline char *ps_pool_add(ps_pool **p, const char *s, size_t n, size_t chunk)
{
	ps_pool *c = *p;
	if (!c || c->cap - c->used < n + 1)
		return ps_pool_add_chunk(p, s, n, chunk);
	char *d = c->data + c->used;
	memcpy(d, s, n);
	d[n] = '\0';
	c->used += n + 1;
	return d;
}
/* Make room for n bytes (strings with their NULs) in the newest chunk of
 * *p, a new chunk as ps_pool_add would make it when there is not: the
 * ps_pool_put calls that follow, n bytes in all, need no test. */
void ps_pool_reserve(ps_pool **p, size_t n, size_t chunk);
extern char ps_str_empty[1]; /* sheet.h's shared "" */
/* A copy of s[0..n) with a NUL after it in c, the newest chunk of a pool
 * with room reserved for it (ps_str_empty for n 0, nothing used): up to
 * 16 bytes inline, longer ones by the C library's memcpy (faster there
 * than 16-byte steps). */
static inline char *ps_pool_put(ps_pool *c, const char *s, size_t n)
{
	if (!n)
		return ps_str_empty;
	char *d = c->data + c->used;
	ps_copy_run(d, s, n);
	d[n] = '\0';
	c->used += n + 1;
	return d;
}
/* Bytes used by the strings in the pool (their NULs included). */
size_t ps_pool_used(const ps_pool *p);
/* Drop every string, keeping the newest chunk for reuse. */
void ps_pool_clear(ps_pool **p);
void ps_pool_free(ps_pool **p); /* *p becomes NULL */
/* Move the strings of *from into *to (they stay where they are; *from
 * becomes empty). */
void ps_pool_move(ps_pool **to, ps_pool **from);

typedef struct ps_keymap ps_keymap;

ps_keymap *ps_keymap_new(void);
void ps_keymap_free(ps_keymap *m); /* NULL is fine */
/* Remove every key (the map stays usable). */
void ps_keymap_clear(ps_keymap *m);
/* The number of keys. */
size_t ps_keymap_count(const ps_keymap *m);
/* Hash keys with `hash` instead of the map's own (tests: keys that collide).
 * Only on an empty map. */
void ps_keymap_set_hash(ps_keymap *m, uint64_t (*hash)(const char *, size_t));

/* The value slot of key[0..len): NULL when absent, unless `insert`, in which
 * case a slot holding `init` is created (*created = true; created may be
 * NULL). The key is copied. The pointer is valid until the next insert. */
size_t *ps_keymap_get(ps_keymap *m, const char *key, size_t len, bool insert, size_t init,
                      bool *created);

/* The last (up to) 8 bytes of s[0..n) as a word: most unequal strings of
 * one length differ there, told apart without a call to memcmp. */
static inline uint64_t ps_tail8(const char *s, size_t n)
{
	uint64_t w = 0;
	if (n >= 8)
		memcpy(&w, s + n - 8, 8);
	else if (n)
		memcpy(&w, s, n);
	return w;
}

/* memcmp(a, b, n) == 0 for 8 <= n <= 16: two overlapping words from each side. */
static inline bool ps_same_8_16(const char *a, const char *b, size_t n)
{
	uint64_t a0, a1, b0, b1;
	memcpy(&a0, a, 8);
	memcpy(&a1, a + n - 8, 8);
	memcpy(&b0, b, 8);
	memcpy(&b1, b + n - 8, 8);
	return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/* memcmp(a, b, n) == 0 without a call for n up to 32 (overlapping loads
 * from each side): most keys and cells compared are that short (a name
 * of 6 to 10 ideographs is 18 to 30 bytes). */
static inline bool ps_same_bytes(const char *a, const char *b, size_t n)
{
	if (n > 32)
		return memcmp(a, b, n) == 0;
	if (n > 16) /* the first 16 bytes and the last 16, overlapping */
		return ((unsigned)ps_same_8_16(a, b, 16) & (unsigned)ps_same_8_16(a + n - 16, b + n - 16, 16)) !=
		       0; /* & of the two, no branch (as ints: clang's -Wbitwise-instead-of-logical) */
	if (n >= 8)
		return ps_same_8_16(a, b, n);
	if (n >= 4) {
		uint32_t a0, a1, b0, b1;
		memcpy(&a0, a, 4);
		memcpy(&a1, a + n - 4, 4);
		memcpy(&b0, b, 4);
		memcpy(&b1, b + n - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* A map of a few keys (a unit's groups, its indicators' keys): while it
 * holds at most PS_SMALLMAP_KEYS, looked up by a scan of lengths and
 * last bytes rather than by hashing; past that, a ps_keymap. The same
 * contract as ps_keymap. Zeroed (PS_SMALLMAP_INIT) is empty. */
#define PS_SMALLMAP_KEYS 16
typedef struct {
	size_t n;        /* keys in the arrays below (while !big) */
	size_t off[PS_SMALLMAP_KEYS], len[PS_SMALLMAP_KEYS], value[PS_SMALLMAP_KEYS];
	uint64_t tail[PS_SMALLMAP_KEYS]; /* a key's last (up to) 8 bytes */
	uint64_t seen;   /* bit (tail hashed to 0..63) of every key: most
	                  * lookups are of new keys, known absent at once */
	ps_buf keys;     /* the keys, one after another */
	ps_keymap *big;  /* NULL until first needed; holds every key when in_big */
	bool in_big;
} ps_smallmap;
#define PS_SMALLMAP_INIT {0}
size_t *ps_smallmap_get(ps_smallmap *m, const char *key, size_t len, bool insert, size_t init,
                        bool *created);
/* Remove every key (the map stays usable). */
void ps_smallmap_clear(ps_smallmap *m);
size_t ps_smallmap_count(const ps_smallmap *m);
void ps_smallmap_dispose(ps_smallmap *m);

/* ps_buf_add, inline while b has room: keys are built a few bytes at a
 * time, hundreds of thousands of times. */
static inline void ps_key_add(ps_buf *b, const void *s, size_t n)
{
	if (b->s && b->n + n < b->cap) {
		memcpy(b->s + b->n, s, n);
		b->n += n;
		b->s[b->n] = '\0';
	} else {
		ps_buf_add(b, s, n);
	}
}

/* ps_buf_clear inline (keys are cleared once per indicator or group). */
static inline void ps_key_clear(ps_buf *b)
{
	b->n = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* Join parts into one key with a separator no cell can contain (0x1F). */
char *ps_key_join(const char *const *parts, size_t n);

/* A memo: key bytes → value bytes, for pure functions of text whose
 * arguments recur (the name keys of indicators, parsed targets). Bounded:
 * when it holds max_entries values or max_bytes of keys and values, it
 * forgets them all before the next one, so all-distinct input costs a
 * fixed amount of memory. One memo per object that uses it (never shared
 * between threads). */
typedef struct ps_memo ps_memo;
ps_memo *ps_memo_new(size_t max_entries, size_t max_bytes);
void ps_memo_free(ps_memo *m); /* NULL is fine */
/* The value stored for key[0..klen), *vlen bytes (followed by a NUL), or
 * NULL. Valid until the next ps_memo_put. */
const char *ps_memo_get(ps_memo *m, const char *key, size_t klen, size_t *vlen);
/* Store val[0..vlen) for key[0..klen) (absent: get it first); returns the
 * stored copy, valid until the next ps_memo_put. */
const char *ps_memo_put(ps_memo *m, const char *key, size_t klen, const void *val, size_t vlen);
size_t ps_memo_count(const ps_memo *m);
/* As ps_keymap_set_hash, for tests. */
void ps_memo_set_hash(ps_memo *m, uint64_t (*hash)(const char *, size_t));

/* ps_name_key_buf(out, s) through the memo m: the same bytes appended to
 * out; returns their length. */
size_t ps_name_key_memo(ps_memo *m, ps_buf *out, const char *s);
/* The same for s of known length n (s[n] is its NUL). */
size_t ps_name_key_memo_n(ps_memo *m, ps_buf *out, const char *s, size_t n);
/* The same, and *same says whether the key's bytes are s's (most names
 * are their own key): known from the memo, not compared again. */
size_t ps_name_key_memo_same(ps_memo *m, ps_buf *out, const char *s, size_t n, bool *same);

#endif
