/* keymap.c: open-addressing string hash map (FNV-1a, linear probing). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "perfscore/text.h"

typedef struct {
	char *key;       /* NULL: empty slot */
	size_t len;
	uint64_t hash;
	size_t value;
} slot;

struct ps_keymap {
	slot *v;
	size_t cap, n;   /* cap is a power of two */
};


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
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	free(m);
}

void ps_keymap_clear(ps_keymap *m)
{
	if (m->n == 0)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	if (m->cap > 4096) { /* one big unit must not slow every later clear */
		free(m->v);
		m->cap = 64;
		m->v = ps_xcalloc(m->cap, sizeof *m->v);
	} else {
		memset(m->v, 0, m->cap * sizeof *m->v);
	}
	m->n = 0;
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
	uint64_t h = ps_hash(key, len);
	slot *s = probe(m->v, m->cap, key, len, h);
	if (s->key)
		return &s->value;
	if (!insert)
		return NULL;
	if (2 * (m->n + 1) > m->cap) {
		grow(m);
		s = probe(m->v, m->cap, key, len, h);
	}
	s->key = ps_xstrndup(key, len);
	s->len = len;
	s->hash = h;
	s->value = init;
	m->n++;
	if (created)
		*created = true;
	return &s->value;
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
