/* mem.c: allocation that treats out-of-memory as fatal, and the byte buffer. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"

static void oom(void)
{
	/* The one place the library writes and exits: nothing sensible can go
	 * on without memory, and every caller would only propagate it. */
	fputs("perfscore: out of memory\n", stderr);
	abort();
}

void *ps_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *ps_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *ps_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

char *ps_xstrndup(const char *s, size_t n)
{
	char *p = ps_xmalloc(n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ps_xstrdup(const char *s)
{
	return ps_xstrndup(s ? s : "", s ? strlen(s) : 0);
}

static void buf_grow(ps_buf *b, size_t extra)
{
	size_t need = b->n + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->s = ps_xrealloc(b->s, cap);
	b->cap = cap;
}

void ps_buf_add(ps_buf *b, const char *s, size_t n)
{
	if (b->n + n >= b->cap)
		buf_grow(b, n);
	if (n)
		memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void ps_buf_adds(ps_buf *b, const char *s)
{
	ps_buf_add(b, s, strlen(s));
}

void ps_buf_addc(ps_buf *b, char c)
{
	/* the writers append a character at a time: no call, no memcpy */
	if (b->n + 1 >= b->cap)
		buf_grow(b, 1);
	b->s[b->n++] = c;
	b->s[b->n] = '\0';
}

void ps_buf_vprintf(ps_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	/* format once into the room there is; a second time only if it did not fit */
	size_t room = b->cap > b->n ? b->cap - b->n : 0;
	int n = vsnprintf(room ? b->s + b->n : NULL, room, fmt, ap);
	if (n > 0 && (size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap2);
	}
	if (n > 0)
		b->n += (size_t)n;
	else if (room)
		b->s[b->n] = '\0';
	va_end(ap2);
}

void ps_buf_printf(ps_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void ps_buf_clear(ps_buf *b)
{
	b->n = 0;
	if (b->s)
		b->s[0] = '\0';
}

char *ps_buf_detach(ps_buf *b)
{
	char *s = b->s ? b->s : ps_xstrdup("");
	b->s = NULL;
	b->n = b->cap = 0;
	return s;
}

void ps_buf_dispose(ps_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->n = b->cap = 0;
}

/* Eight bytes a step (keys are mostly CJK, three bytes a character: FNV's
 * byte at a time was a multiply per byte), then a finaliser that spreads
 * every input bit into the low bits the tables index by. No adversary:
 * keys come from the user's own files. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LE_TAIL 1 /* the tail's word is read with whole loads */
#else
#define LE_TAIL 0
#endif

uint64_t ps_hash(const char *s, size_t n)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = k ^ (uint64_t)n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	const bool tail_load = LE_TAIL && n && p - (const unsigned char *)s >= 8;
	if (tail_load) {
		/* the last 8 bytes in one load, the ones hashed already shifted
		 * out: the same word as the byte loop below */
		memcpy(&w, p + n - 8, 8);
		w >>= 8 * (8 - n);
	} else if (LE_TAIL && n >= 4) {
		/* two loads that overlap: OR-ing a byte in twice changes nothing */
		uint32_t a, b;
		memcpy(&a, p, 4);
		memcpy(&b, p + n - 4, 4);
		w = (uint64_t)a | (uint64_t)b << (8 * (n - 4));
	} else if (LE_TAIL && n) {
		w = (uint64_t)p[0] | (uint64_t)p[n / 2] << (8 * (n / 2)) | (uint64_t)p[n - 1] << (8 * (n - 1));
	} else {
		for (size_t i = 0; i < n; i++)
			w |= (uint64_t)p[i] << (8 * i);
	}
	h = (h ^ w) * k;
	/* splitmix64's finaliser */
	h ^= h >> 30;
	h *= UINT64_C(0xBF58476D1CE4E5B9);
	h ^= h >> 27;
	h *= UINT64_C(0x94D049BB133111EB);
	h ^= h >> 31;
	return h;
}
