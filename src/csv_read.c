/* csv_read.c: libcsv fed one physical line at a time, so every record knows
 * the line it starts on and every quote error its line and column. Shared
 * (ps_csv_share), records are read ahead in batches that a second thread
 * may fill (ps_csv_help), handed out as an unshared reader would. */
#include <csv.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__) && defined(__SSE2__)
#define PS_LINES_AVX2 1
#include <immintrin.h>
#endif
#include "csv_read.h"
#include "perfscore/text.h"
#include "util/cpu.h"
#include "util/scan16.h"

/* Strict: a malformed quote is an error with its line and column rather
 * than a field that silently runs on to the end of the file. */
#define STRICT_OPTS (CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI)

/* The fields of the records being read, one after another, each with its
 * NUL: one record's (ps_csv_next), or a batch's (shared). */
typedef struct {
	ps_buf data;
	char **ptrs;          /* where each field starts in data: the row view */
	size_t *lens;
	size_t nf, capf;
} fields;

typedef struct share share;

struct ps_csv {
	const char *text;
	size_t len, pos;      /* pos: start of the next line to feed */
	const char *file;
	struct csv_parser p;
	uint32_t line;        /* physical line of the next line to feed */
	bool in_row;          /* a record has begun and not ended */
	bool have_row;        /* a record ended during the last feed */
	bool done, failed;
	bool avx2;            /* the CPU has AVX2 (line_break_avx2) */
	uint32_t row_line;
	size_t row_off;
	fields fl;            /* the record's fields (a batch's, while it is filled) */
	size_t rec_f0, rec_d0; /* where the record being read starts in fl */
	share *sh;            /* shared (ps_csv_share), else NULL */
};

static void share_free(share *sh);
static void fields_dispose(fields *fl);

/* Room for another field of n bytes: the field arrays, and the buffer
 * with the field, its NUL, the buffer's and PS_CSV_PAD bytes after them.
 * New room is zeroed, so the padding read after a cell is never undefined.
 * The fields moved with the buffer are pointed to again. */
static __attribute__((noinline)) void field_room(ps_csv *c, size_t n)
{
	if (c->fl.nf == c->fl.capf) {
		c->fl.capf = c->fl.capf ? c->fl.capf * 2 : 16;
		c->fl.ptrs = ps_xrealloc(c->fl.ptrs, c->fl.capf * sizeof *c->fl.ptrs);
		c->fl.lens = ps_xrealloc(c->fl.lens, c->fl.capf * sizeof *c->fl.lens);
	}
	ps_buf *d = &c->fl.data;
	if (d->cap - d->n < n + 2 + PS_CSV_PAD) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		while (cap - d->n < n + 2 + PS_CSV_PAD)
			cap *= 2;
		d->s = ps_xrealloc(d->s, cap);
		memset(d->s + d->cap, 0, cap - d->cap);
		d->cap = cap;
		char *p = d->s;
		for (size_t i = 0; i < c->fl.nf; i++) {
			c->fl.ptrs[i] = p;
			p += c->fl.lens[i] + 1;
		}
	}
}

/* The field appended to the record's buffer with its NUL, the room made. */
static inline __attribute__((always_inline)) void append_field(ps_csv *c, const char *s, size_t n)
{
	ps_buf *d = &c->fl.data;
	size_t at = d->n;
	char *o = d->s + at;
	c->fl.ptrs[c->fl.nf] = o;
	c->fl.lens[c->fl.nf] = n;
	c->fl.nf++;
	o[n] = '\0';
	o[n + 1] = '\0';
	d->n = at + n + 1;
	/* the copy last: the long case is a tail call */
	ps_copy_run(o, s, n);
}

static __attribute__((noinline)) void on_field_grow(ps_csv *c, const char *s, size_t n)
{
	field_room(c, n);
	append_field(c, s, n);
}

/* A field appended to the record's buffer with its NUL: called for every
 * cell of the file, so the common case (room enough) makes no call but
 * the copy of a long field (a tail call) and saves no registers. */
static void on_field(void *s, size_t n, void *ud)
{
	ps_csv *c = ud;
	if (!s)
		n = 0;
	ps_buf *d = &c->fl.data;
	if (__builtin_expect(c->fl.nf == c->fl.capf || d->cap - d->n < n + 2 + PS_CSV_PAD, 0)) {
		on_field_grow(c, s, n);
		return;
	}
	append_field(c, s, n);
}

static void on_row(int term, void *ud)
{
	ps_csv *c = ud;
	(void)term;
	c->have_row = true;
	c->in_row = false;
}

static int init_parser(struct csv_parser *p, unsigned char opts, char delim)
{
	if (csv_init(p, opts) != 0)
		return -1;
	csv_set_delim(p, (unsigned char)delim);
	return 0;
}

ps_csv *ps_csv_new(const char *text, size_t len, const char *file, char delim)
{
	ps_csv *c = ps_xcalloc(1, sizeof *c);
	c->text = text;
	c->len = len;
	c->file = file;
	c->line = 1;
#if defined(PS_LINES_AVX2)
	c->avx2 = ps_cpu_avx2();
#endif
	if (init_parser(&c->p, STRICT_OPTS, delim) != 0)
		c->done = c->failed = true; /* out of memory in libcsv: nothing to read */
	return c;
}

ps_csv *ps_csv_new_at(const char *text, size_t len, const char *file, char delim, size_t pos,
                      uint32_t line)
{
	ps_csv *c = ps_csv_new(text, len, file, delim);
	c->pos = pos < len ? pos : len;
	c->line = line;
	return c;
}

bool ps_csv_stop_at(ps_csv *c, size_t end)
{
	if (c->pos > end || end > c->len)
		return false;
	c->len = end;
	return true;
}

char ps_csv_delim(const ps_csv *c)
{
	return (char)c->p.delim_char;
}

size_t ps_csv_pos(const ps_csv *c)
{
	return c->pos;
}

uint32_t ps_csv_line(const ps_csv *c)
{
	return c->line;
}

bool ps_csv_clean_end(const ps_csv *c)
{
	return c->done && !c->failed && !c->in_row && c->pos == c->len;
}

void ps_csv_free(ps_csv *c)
{
	if (!c)
		return;
	csv_free(&c->p);
	share_free(c->sh);
	fields_dispose(&c->fl);
	free(c);
}

static uint32_t col_at(const char *line_start, const char *at)
{
	return (uint32_t)ps_utf8_count(line_start, (size_t)(at - line_start)) + 1;
}

/* The opening quote of the field left open at the end of the input: walk the
 * unfinished record with the same quoting rules libcsv applied. */
static void unterminated(ps_csv *c, ps_diags *diags)
{
	const char *s = c->text + c->row_off, *end = c->text + c->len;
	const char *open = NULL, *open_line = s, *line_start = s;
	uint32_t line = c->row_line, oline = line;
	enum { START, PLAIN, QUOTED, AFTER } st = START;
	for (const char *p = s; p < end; p++) {
		char ch = *p;
		if (st == QUOTED) {
			if (ch == '"') {
				if (p + 1 < end && p[1] == '"')
					p++;
				else
					st = AFTER;
			}
		} else if (ch == (char)c->p.delim_char) {
			st = START;
		} else if (st == START && ch == '"') {
			st = QUOTED;
			open = p;
			open_line = line_start;
			oline = line;
		} else if (st == START && ch != ' ' && ch != '\t') {
			st = PLAIN;
		}
		if (ch == '\n' || (ch == '\r' && (p + 1 >= end || p[1] != '\n'))) {
			line++;
			line_start = p + 1;
			if (st != QUOTED)
				st = START;
		}
	}
	ps_pos pos = {c->file, oline, open ? col_at(open_line, open) : 0, -1};
	ps_diags_add(diags, PS_D_CSV, pos,
	             "unterminated quoted field: the quote opened here is never closed");
}

/* Does the line s[0..n) have a field that starts with a quote? */
static bool quoted_field(const char *s, size_t n, char delim)
{
	bool start = true;
	for (size_t i = 0; i < n; i++) {
		if (start && s[i] == '"')
			return true;
		if (s[i] == delim)
			start = true;
		else if (s[i] != ' ' && s[i] != '\t')
			start = false;
	}
	return false;
}

/* A record on one line with a stray quote inside an unquoted field
 * (指标,值"5"): read it as most CSV readers do, the quote as text. The line
 * has no quoted field, so lenient parsing cannot run past its end. The
 * strict parser starts afresh on the next line. */
static void lenient_line(ps_csv *c, const char *s, size_t n)
{
	char delim = (char)c->p.delim_char;
	/* the record began on this line: its fields so far go */
	c->fl.nf = c->rec_f0;
	c->fl.data.n = c->rec_d0;
	struct csv_parser q;
	if (init_parser(&q, CSV_APPEND_NULL, delim) == 0) {
		csv_parse(&q, s, n, on_field, on_row, c);
		if (!c->have_row)
			csv_fini(&q, on_field, on_row, c);
		csv_free(&q);
	}
	csv_free(&c->p);
	if (init_parser(&c->p, STRICT_OPTS, delim) != 0)
		c->done = c->failed = true;
	c->have_row = true;
	c->in_row = false;
}

#if defined(__SSE2__)
/* The bytes of the 16 at u that are '\n' or '\r'. */
static inline unsigned breaks16(const unsigned char *u)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)u);
	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
}
#endif

/* The index of the first '\n' or '\r' of s[0..n), or n: one pass for
 * both (a line is short; two memchr calls cost more than it), never
 * reading past the end. */
static size_t line_break(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
#if defined(__SSE2__)
	if (n >= 16)
		return ps_scan16(u, n, breaks16);
#endif
	for (; i < n; i++)
		if (u[i] == '\n' || u[i] == '\r')
			break;
	return i;
}

#if defined(PS_LINES_AVX2)
/* line_break 32 bytes at a time with AVX2, where the CPU has it (every
 * byte of the input is scanned here); short texts go to line_break. */
__attribute__((target("avx2"))) static size_t line_break_avx2(const char *s, size_t n)
{
	if (n < 32)
		return line_break(s, n);
	const unsigned char *u = (const unsigned char *)s;
	const __m256i nl = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
	size_t last = n - 32, i = 0;
	for (; i <= last; i += 32) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(u + i));
		unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(x, nl), _mm256_cmpeq_epi8(x, cr)));
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i == n)
		return n;
	/* the last block overlaps the one before: its bytes already tested
	 * are shifted out */
	__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(u + last));
	unsigned m = (unsigned)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(x, nl), _mm256_cmpeq_epi8(x, cr))) >>
	             (i - last);
	return m ? i + (size_t)__builtin_ctz(m) : n;
}
#endif

/* How far ahead of the line being fed the text is prefetched, in bytes
 * (a prefetch never faults, even past the end of the text). */
#define PREFETCH_AHEAD 2048

/* Feed the next physical line (with its line break) to libcsv. */
static int feed_line(ps_csv *c, ps_diags *diags)
{
	const char *s = c->text + c->pos;
	size_t rest = c->len - c->pos;
	/* the text a few lines ahead (~10 of a targets file) into the cache:
	 * line_break is the first to read every byte, and its loads of lines
	 * not yet read missed (perf: most of its samples on the first compare) */
	uintptr_t ahead = (uintptr_t)s + PREFETCH_AHEAD;
	__builtin_prefetch((const void *)ahead);
	__builtin_prefetch((const void *)(ahead + 64));
	__builtin_prefetch((const void *)(ahead + 128));
	__builtin_prefetch((const void *)(ahead + 192));
#if defined(PS_LINES_AVX2)
	size_t end = c->avx2 ? line_break_avx2(s, rest) : line_break(s, rest); /* the break, or rest */
#else
	size_t end = line_break(s, rest); /* the break, or rest if none */
#endif
	bool brk = end < rest;
	size_t n = !brk ? rest : s[end] == '\r' && end + 1 < rest && s[end + 1] == '\n' ? end + 2 : end + 1;
	bool content = false;
	for (size_t i = 0; i < end && !content; i++)
		content = s[i] != ' ' && s[i] != '\t';
	if (!c->in_row && content) {
		c->in_row = true;
		c->row_line = c->line;
		c->row_off = c->pos;
	}
	size_t k = csv_parse(&c->p, s, n, on_field, on_row, c);
	if (k < n) {
		const char *at = s + k;
		ps_pos pos = {c->file, c->line, col_at(s, at), -1};
		if (*at == '"' && c->row_line == c->line && !quoted_field(s, n, (char)c->p.delim_char)) {
			lenient_line(c, s, n);
			ps_diags_addl(diags, PS_D_CSV, PS_WARNING, pos,
			              "quote inside an unquoted field, kept as text (quote the whole field and "
			              "double the quote: \"\"\")");
			c->pos += n;
			if (brk)
				c->line++;
			return PS_OK;
		}
		if (*at == '"')
			ps_diags_add(diags, PS_D_CSV, pos,
			             "unexpected quote inside an unquoted field (quote the whole field and "
			             "double the quote: \"\"\")");
		else
			ps_diags_add(diags, PS_D_CSV, pos,
			             "unexpected character after a closing quote (expected a comma or the end "
			             "of the line)");
		return PS_EINPUT;
	}
	c->pos += n;
	if (brk)
		c->line++;
	return PS_OK;
}

/* Read the next record, its fields appended to c->fl: 1, 0 at the end,
 * or PS_EINPUT (its diagnostic added to diags). */
static int read_record(ps_csv *c, ps_diags *diags)
{
	if (c->done)
		return c->failed ? PS_EINPUT : 0;
	c->have_row = false;
	c->rec_f0 = c->fl.nf;
	c->rec_d0 = c->fl.data.n;
	while (!c->have_row) {
		if (c->pos >= c->len) {
			c->done = true;
			if (csv_fini(&c->p, on_field, on_row, c) != 0) {
				unterminated(c, diags);
				c->failed = true;
				return PS_EINPUT;
			}
			if (!c->have_row)
				return 0;
			break;
		}
		if (feed_line(c, diags) != PS_OK) {
			c->done = c->failed = true;
			return PS_EINPUT;
		}
	}
	return 1;
}

static int shared_next(ps_csv *c, ps_csv_row *row, ps_diags *diags);

int ps_csv_next(ps_csv *c, ps_csv_row *row, ps_diags *diags)
{
	if (__builtin_expect(c->sh != NULL, 0))
		return shared_next(c, row, diags);
	/* the previous record's fields are no longer needed */
	c->fl.nf = 0;
	ps_buf_clear(&c->fl.data);
	int rc = read_record(c, diags);
	if (rc != 1)
		return rc;
	row->f = c->fl.ptrs;
	row->len = c->fl.lens;
	row->n = c->fl.nf;
	row->data = c->fl.data.s;
	row->data_len = c->fl.data.n;
	row->line = c->row_line;
	row->offset = c->row_off;
	return 1;
}

/* ---- Shared: records read ahead in batches by either of two threads ---- */

/* Batches in the ring: the one being read, the ones filled and waiting,
 * and room to fill more. */
#define NBATCH 32

/* A record of a batch: where its fields are in the batch's. */
typedef struct {
	size_t f0, nf;   /* its fields: fl.ptrs[f0..f0+nf) */
	size_t d0, dn;   /* its text: fl.data.s[d0..d0+dn) */
	uint32_t line;
	size_t offset;
} brow;

typedef struct {
	fields fl;
	brow *rows;
	size_t n, cap;
	int end;         /* after the rows: 0 more follow; 1 the input ends; PS_EINPUT an error */
	ps_diags diags;  /* found reading the last row (end 0, 1) or the error's */
} batch;

struct share {
	pthread_mutex_t mu;
	pthread_cond_t filled_cv;
	size_t limit;    /* a batch ends after the record that takes its text past this */
	batch b[NBATCH]; /* batch k in b[k % NBATCH] */
	size_t taken;    /* batches taken by the reader (the one it reads: taken - 1) */
	size_t filled;   /* batches filled (ready: taken..filled-1) */
	bool filling;    /* batch `filled` is being filled */
	bool ended;      /* a batch filled has end != 0: nothing more to fill */
	size_t helped;   /* batches filled by ps_csv_help */
	/* the reader's alone */
	batch *cur;
	size_t next;     /* cur->rows[next]: the next record to hand out */
	bool given_end;
};

static void fields_dispose(fields *fl)
{
	ps_buf_dispose(&fl->data);
	free(fl->lens);
	free(fl->ptrs);
}

static void share_free(share *sh)
{
	if (!sh)
		return;
	for (size_t k = 0; k < NBATCH; k++) {
		fields_dispose(&sh->b[k].fl);
		free(sh->b[k].rows);
		ps_diags_dispose(&sh->b[k].diags);
	}
	pthread_mutex_destroy(&sh->mu);
	pthread_cond_destroy(&sh->filled_cv);
	free(sh);
}

void ps_csv_share(ps_csv *c, size_t batch_bytes)
{
	if (c->sh)
		return;
	share *sh = ps_xcalloc(1, sizeof *sh);
	pthread_mutex_init(&sh->mu, NULL);
	pthread_cond_init(&sh->filled_cv, NULL);
	sh->limit = batch_bytes ? batch_bytes : PS_CSV_BATCH;
	c->sh = sh;
}

/* Fill b with the next records (the thread that set sh->filling; c's
 * parser is its alone until it is cleared). A batch ends after a record
 * with a diagnostic, which is handed out with it. */
static void fill(ps_csv *c, batch *b, size_t limit)
{
	fields mine = c->fl;
	c->fl = b->fl;
	c->fl.nf = 0;
	ps_buf_clear(&c->fl.data);
	b->n = 0;
	b->end = 0;
	for (;;) {
		size_t f0 = c->fl.nf, d0 = c->fl.data.n;
		int rc = read_record(c, &b->diags);
		if (rc != 1) {
			b->end = rc == 0 ? 1 : rc;
			break;
		}
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 64;
			b->rows = ps_xrealloc(b->rows, b->cap * sizeof *b->rows);
		}
		b->rows[b->n++] = (brow){f0, c->fl.nf - f0, d0, c->fl.data.n - d0, c->row_line, c->row_off};
		if (b->diags.n || c->fl.data.n >= limit)
			break;
	}
	b->fl = c->fl;
	c->fl = mine;
}

/* Batches in use: the one read, and those filled and not yet taken. */
static size_t in_use(const share *sh)
{
	return sh->filled - sh->taken + (sh->taken > 0);
}

/* Fill batch sh->filled here (sh->mu held, let go while filling). */
static void fill_next(ps_csv *c, size_t limit)
{
	share *sh = c->sh;
	batch *b = &sh->b[sh->filled % NBATCH];
	sh->filling = true;
	pthread_mutex_unlock(&sh->mu);
	fill(c, b, limit);
	pthread_mutex_lock(&sh->mu);
	sh->filling = false;
	sh->filled++;
	if (b->end)
		sh->ended = true;
	pthread_cond_broadcast(&sh->filled_cv);
}

bool ps_csv_help(ps_csv *c)
{
	share *sh = c->sh;
	if (!sh)
		return false;
	pthread_mutex_lock(&sh->mu);
	/* the reading thread filling the batch it needs: wait for it, then
	 * fill the one after (turned away instead, this thread got a turn
	 * only now and then) */
	while (sh->filling)
		pthread_cond_wait(&sh->filled_cv, &sh->mu);
	bool can = !sh->ended && in_use(sh) < NBATCH;
	if (can) {
		/* half a batch: done before the reading thread is through the
		 * one it has, it leaves the thread nothing to wait for */
		fill_next(c, sh->limit / 2 ? sh->limit / 2 : 1);
		sh->helped++;
	}
	pthread_mutex_unlock(&sh->mu);
	return can;
}

size_t ps_csv_helped(ps_csv *c)
{
	share *sh = c->sh;
	if (!sh)
		return 0;
	pthread_mutex_lock(&sh->mu);
	size_t n = sh->helped;
	pthread_mutex_unlock(&sh->mu);
	return n;
}

static int shared_next(ps_csv *c, ps_csv_row *row, ps_diags *diags)
{
	share *sh = c->sh;
	batch *b = sh->cur;
	while (!b || sh->next == b->n) {
		if (b && b->end) {
			/* the rows read through: the end, or the error (its
			 * diagnostic once) */
			if (!sh->given_end)
				ps_diags_move(diags, &b->diags);
			sh->given_end = true;
			return b->end == 1 ? 0 : b->end;
		}
		/* the next batch: filled already, or filled here (or waited
		 * for while the other thread fills it) */
		pthread_mutex_lock(&sh->mu);
		while (sh->taken == sh->filled) {
			if (!sh->filling)
				fill_next(c, sh->limit);
			else
				pthread_cond_wait(&sh->filled_cv, &sh->mu);
		}
		b = sh->cur = &sh->b[sh->taken++ % NBATCH];
		pthread_mutex_unlock(&sh->mu);
		sh->next = 0;
	}
	const brow *r = &b->rows[sh->next++];
	row->f = b->fl.ptrs + r->f0;
	row->len = b->fl.lens + r->f0;
	row->n = r->nf;
	row->data = b->fl.data.s + r->d0;
	row->data_len = r->dn;
	row->line = r->line;
	row->offset = r->offset;
	if (sh->next == b->n && !b->end)
		ps_diags_move(diags, &b->diags);
	return 1;
}

void ps_csv_row_copy(ps_csv_row *dst, const ps_csv_row *src)
{
	dst->n = src->n;
	dst->data = NULL;
	dst->data_len = 0;
	dst->line = src->line;
	dst->offset = src->offset;
	dst->f = ps_xmalloc((src->n ? src->n : 1) * sizeof *dst->f);
	dst->len = ps_xmalloc((src->n ? src->n : 1) * sizeof *dst->len);
	for (size_t i = 0; i < src->n; i++) {
		size_t n = src->len[i];
		dst->f[i] = ps_xcalloc(n + 1 + PS_CSV_PAD, 1); /* the padding zeroed */
		memcpy(dst->f[i], src->f[i], n);
		dst->len[i] = n;
	}
}

void ps_csv_row_dispose(ps_csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i]);
	free(r->f);
	free(r->len);
	r->f = NULL;
	r->len = NULL;
	r->n = 0;
}
