/* actuals.c: the actual-values file (actuals.csv or a filled 自评表): one row
 * per indicator with its key (指标编码 or 单位/一级/二级/三级) and value. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "keymap.h"
#include "sheet.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* The strings of every row, packed one after another: a million actual
 * rows are kept until the end of a run, and a malloc per cell would double
 * their size. Blank strings are ps_str_empty, not stored. */
#define CHUNK_SIZE ((size_t)1 << 16)

/* s is n bytes long (its NUL after them): the sheet knows most lengths. */
static char *keep_n(ps_actuals *a, const char *s, size_t n)
{
	if (!s[0])
		return ps_str_empty;
	return ps_pool_add(&a->strings, s, n, CHUNK_SIZE);
}


static char *keep_cell(ps_actuals *a, const ps_sheet_row *r, ps_field f)
{
	return keep_n(a, r->cell[f], r->len[f]);
}

/* The level names (一级, 二级) of the rows kept so far: a few dozen texts
 * repeated on every row, stored once per loader part rather than a million
 * times (a third of the strings' bytes: less to copy and to fault in).
 * Direct-mapped on the text's first and last bytes: a text whose slot
 * holds another takes it over, so memory stays bounded whatever the file. */
#define LEVEL_SLOTS 256
typedef struct {
	const char *s; /* NULL: empty slot */
	size_t n;
	uint64_t head, tail;
} level_slot;

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* A text not in its slot (lv's): kept, and the slot's from now on. Out of
 * line: keep_level's test stays a few instructions in add_actual. */
static NOINLINE char *level_new(ps_actuals *a, level_slot *x, const char *s, size_t n, uint64_t head, uint64_t tail)
{
	char *c = keep_n(a, s, n);
	*x = (level_slot){c, n, head, tail};
	return c;
}

/* s[0..n) (its NUL at s[n]) as keep_n would keep it, shared with the rows
 * before that had it. */
static char *keep_level(ps_actuals *a, level_slot *lv, const char *s, size_t n)
{
	if (n < 8) /* "" or a one or two character name: copied */
		return keep_n(a, s, n);
	uint64_t head, tail;
	memcpy(&head, s, 8);
	memcpy(&tail, s + n - 8, 8);
	level_slot *x = &lv[((head * UINT64_C(0x9E3779B97F4A7C15)) ^ (tail + n) * UINT64_C(0xC2B2AE3D27D4EB4F)) >>
	                    56];
	if (x->s && x->n == n && x->head == head && x->tail == tail &&
	    (n <= 16 || ps_same_bytes(x->s + 8, s + 8, n - 16)))
		return (char *)x->s;
	return level_new(a, x, s, n, head, tail);
}

/* The unit name (its length unknown), shared with the row before when
 * the same: most files list a unit's rows together, and its name, often
 * long, is then kept once per unit rather than once per row. */
static char *keep_unit_name(ps_actuals *a, level_slot *last, const char *s)
{
	if (!s[0])
		return ps_str_empty;
	size_t n = strlen(s);
	if (last->s && last->n == n && memcmp(last->s, s, n) == 0)
		return (char *)last->s;
	last->s = keep_n(a, s, n);
	last->n = n;
	return (char *)last->s;
}

/* A length for ps_actual's *_len: 0 ("count it") when it does not fit. */
static uint32_t len32(size_t n)
{
	return n <= UINT32_MAX ? (uint32_t)n : 0;
}

/* ps_actual_says_na(s), s being n bytes long, asked only when s holds
 * what its own first test looks for ("适用", "涉及", an a or A): most
 * actual values are numbers, seen through in one pass here. */
static bool says_na(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if ((c | 0x20) == 'a')
			return ps_actual_says_na(s);
		/* 适 is E9 80 82, 涉 is E6 B6 89 */
		if ((c == 0xE9 || c == 0xE6) && i + 2 < n &&
		    ((c == 0xE9 && p[i + 1] == 0x80 && p[i + 2] == 0x82) ||
		     (c == 0xE6 && p[i + 1] == 0xB6 && p[i + 2] == 0x89)))
			return ps_actual_says_na(s);
	}
	return false;
}

static void add_actual(ps_actuals *a, level_slot *lv, const ps_header *h, ps_sheet_row *r, ps_diags *diags)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = ps_xrealloc(a->v, a->cap * sizeof *a->v);
		a->code_word = ps_xrealloc(a->code_word, a->cap * sizeof *a->code_word);
	}
	uint64_t w = 0;
	size_t code_len = strlen(r->unit_code);
	if (code_len <= 8)
		memcpy(&w, r->unit_code, code_len);
	a->code_word[a->n] = w;
	ps_actual *x = &a->v[a->n++];
	memset(x, 0, sizeof *x);
	x->id = keep_cell(a, r, PS_F_ID);
	x->unit_code = keep_n(a, r->unit_code, code_len);
	x->unit_name = keep_unit_name(a, &lv[LEVEL_SLOTS], r->unit_name);
	x->level1 = keep_level(a, lv, r->level1, r->level1_len);
	x->level2 = keep_level(a, lv, r->level2, r->level2_len);
	x->name = keep_n(a, r->name, r->name_len);
	x->actual_text = keep_cell(a, r, PS_F_ACTUAL);
	x->score_text = keep_cell(a, r, PS_F_SCORE);
	x->reason = keep_cell(a, r, PS_F_REASON);
	/* matching copies and compares these with the row's strings out of
	 * the cache: their lengths spare it a strlen over each */
	x->name_len = len32(r->name_len);
	x->actual_len = len32(r->len[PS_F_ACTUAL]);
	x->reason_len = len32(r->len[PS_F_REASON]);
	x->pos = (ps_pos){a->file, r->pos.line, 0, -1};
	if (r->own[PS_F_SCORE]) {
		if (ps_points_parse(&x->given_score, x->score_text))
			x->has_given_score = true;
		else
			ps_diags_add(diags, PS_D_BAD_VALUE, r->pos, "given score \"%s\" is not a number",
			             x->score_text);
	}
	x->not_applicable = (r->own[PS_F_NA] &&
	                     ps_na_truthy(r->cell[PS_F_NA], h->flags[PS_F_NA] & PS_AF_NA_INVERTED)) ||
	                    says_na(r->cell[PS_F_ACTUAL], r->len[PS_F_ACTUAL]);
}

/* Every row of the sheet (or of its part) into a. */
static int load_rows(ps_actuals *a, ps_sheet *sh, ps_diags *diags)
{
	const ps_header *h = ps_sheet_header(sh);
	ps_sheet_row *r;
	int rc;
	level_slot lv[LEVEL_SLOTS + 1]; /* the levels', then the unit name's */
	memset(lv, 0, sizeof lv);
	while ((rc = ps_sheet_next(sh, &r, diags)) > 0) {
		/* a category or group row keys nothing */
		if (!r->name[0] && !r->own[PS_F_ID])
			continue;
		add_actual(a, lv, h, r, diags);
	}
	return rc;
}

static ps_actuals *actuals_new(const ps_source *src, const ps_sheet *sh)
{
	ps_actuals *a = ps_xcalloc(1, sizeof *a);
	a->file = ps_xstrdup(src->name);
	const ps_header *h = ps_sheet_header(sh);
	for (int f = 1; f < PS_F__COUNT; f++)
		a->has_field[f] = h->idx[f] >= 0;
	return a;
}

/* The rows are kept to the end of the run: no slack. */
static void no_slack(ps_actuals *a)
{
	if (a->n < a->cap) {
		a->v = ps_xrealloc(a->v, (a->n ? a->n : 1) * sizeof *a->v);
		a->code_word = ps_xrealloc(a->code_word, (a->n ? a->n : 1) * sizeof *a->code_word);
	}
	a->cap = a->n;
}

/* How many lines after the middle are tried for a place to split. */
#define SPLIT_TRIES 300

/* Does the line at p (to its end, before end) read alone as a data row
 * that carries its own unit and levels: no quote, the header's number of
 * cells, the fill-down cells and the name filled in? A cheap first test;
 * ps_sheet_joins checks the split for real once both parts are read. */
static bool line_stands_alone(const char *p, const char *end, const ps_header *h, char delim)
{
	const char *eol = p;
	while (eol < end && *eol != '\n' && *eol != '\r')
		eol++;
	if (memchr(p, '"', (size_t)(eol - p)))
		return false;
	static const ps_field need[] = {PS_F_NAME, PS_F_UNIT_CODE, PS_F_UNIT_NAME, PS_F_LEVEL1, PS_F_LEVEL2};
	size_t col = 0;
	const char *cell = p;
	bool ok = true;
	for (const char *q = p;; q++) {
		if (q == eol || *q == delim) {
			for (size_t k = 0; k < sizeof need / sizeof need[0]; k++)
				if (h->idx[need[k]] == (int)col && q == cell)
					ok = false;
			col++;
			cell = q + 1;
			if (q == eol)
				break;
		}
	}
	return ok && col == h->ncol && h->idx[PS_F_NAME] >= 0;
}

#if defined(__SSE2__)
/* The sum of the byte counters in acc (each at most 255). */
static size_t sum_bytes(__m128i acc)
{
	__m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
	return (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
}
#endif

/* Physical lines (as csv_read.c counts them: LF, CRLF, a lone CR) that
 * end in t[0..n), t + n <= end. Counted 16 bytes at a time (SSE2: each
 * compare subtracts -1 from a byte counter, summed before it can wrap),
 * not with memchr per line, a call per 70-byte line, nor with a loop the
 * compiler vectorises, which widened every byte to a 64-bit sum. */
static size_t count_lines(const char *t, size_t n, const char *end)
{
	size_t lf = 0, lone_cr = 0, i = 0;
	const unsigned char *u = (const unsigned char *)t;
	size_t m = n && t + n == end ? n - 1 : n; /* u[i + 1] is inside the text */
#if defined(__SSE2__)
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	while (i + 16 <= m) {
		__m128i a_lf = _mm_setzero_si128(), a_cr = a_lf;
		for (int k = 0; k < 255 && i + 16 <= m; k++, i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
			__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
			a_lf = _mm_sub_epi8(a_lf, _mm_cmpeq_epi8(x, nl));
			a_cr = _mm_sub_epi8(a_cr, _mm_andnot_si128(_mm_cmpeq_epi8(y, nl), _mm_cmpeq_epi8(x, cr)));
		}
		lf += sum_bytes(a_lf);
		lone_cr += sum_bytes(a_cr);
	}
#endif
	for (; i < m; i++) {
		lf += u[i] == '\n';
		lone_cr += (u[i] == '\r') & (u[i + 1] != '\n');
	}
	if (m < n) /* the text's last byte */
		lf += u[m] == '\n' || u[m] == '\r';
	return lf + lone_cr;
}

/* Where a part of a split text starts. */
typedef struct {
	size_t at;     /* byte offset of a line start outside quotes */
	uint32_t line; /* its physical line */
} split_at;

/* The first line start at or after `from` (a byte offset past prev.at),
 * outside quotes, whose row stands alone, within SPLIT_TRIES lines: into
 * *out with its line (counted from prev, *quotes the number of quotes
 * before prev.at, updated to those before out->at). False if none. */
static bool find_split(const ps_source *src, const ps_header *h, char delim, split_at prev, size_t from,
                       size_t *quotes, split_at *out)
{
	const char *t = src->text, *end = t + src->len;
	const char *p = t + from;
	/* the next line start (from is inside a line, or at the start of one
	 * when the previous byte ends a line) */
	if (p > t && p[-1] != '\n' && !(p[-1] == '\r' && *p != '\n')) {
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
			p++;
		if (p >= end)
			return false;
		p++;
	}
	if (p >= end)
		return false;
	size_t q0 = *quotes;
	const char *base = t + prev.at;
	for (const char *q = base; (q = memchr(q, '"', (size_t)(p - q))) != NULL; q++)
		q0++;
	for (int tries = 0;; tries++) {
		if (p >= end || tries == SPLIT_TRIES)
			return false;
		const char *eol = p;
		while (eol < end && *eol != '\n' && *eol != '\r')
			eol++;
		if (q0 % 2 == 0 && line_stands_alone(p, end, h, delim))
			break;
		for (const char *q = p; q < eol; q++)
			q0 += *q == '"';
		if (eol >= end)
			return false;
		p = eol + (*eol == '\r' && eol + 1 < end && eol[1] == '\n' ? 2 : 1);
	}
	size_t n = prev.line + count_lines(base, (size_t)(p - base), end);
	if (n > UINT32_MAX)
		return false;
	*quotes = q0;
	out->at = (size_t)(p - t);
	out->line = (uint32_t)n;
	return true;
}

/* Room for n rows, 128-byte aligned: matching reads the rows in the
 * order of their units, all over the array, and an aligned row is two
 * cache lines, the pair the L2 fetches together, where malloc's 16-byte
 * alignment put it across three lines. (realloc keeps the alignment of a
 * block this big: its pages are moved, not copied.) */
static ps_actual *rows_alloc(size_t n)
{
	size_t align = 128, size = n * sizeof(ps_actual);
	size = (size + align - 1) / align * align;
	ps_actual *rows = aligned_alloc(align, size ? size : align);
	return rows ? rows : ps_xmalloc(size);
}

/* One part of a split text: its sheet (part 0: the sheet opened as usual,
 * told to stop; the others resumed), rows and diagnostics. */
typedef struct {
	ps_sheet *sh;
	ps_actuals *a;
	ps_diags diags;
	int rc;
	size_t at;       /* where it starts in the text */
	uint32_t line;   /* its physical line */
	size_t region;   /* where its rows go in the shared array (a->v points there) */
} part;

/* The parts, loaded in any order by the threads that take them. Their
 * rows go straight into one array, each part's from where its first line
 * would put it if every line after the header were a row (a row takes a
 * line at least: none overflows into the next part's room); joined, they
 * are moved together where lines were not rows (none in most files).
 * Part 0's actuals own the array; the others borrow it and its file name. */
typedef struct {
	part *v;
	size_t n;
	pthread_mutex_t mu;
	size_t next; /* the next part to take */
	ps_actuals *into;
} parts;

static part *take_part(parts *ps)
{
	pthread_mutex_lock(&ps->mu);
	part *p = ps->next < ps->n ? &ps->v[ps->next++] : NULL;
	pthread_mutex_unlock(&ps->mu);
	return p;
}

static void *work_parts(void *arg)
{
	parts *ps = arg;
	part *p;
	while ((p = take_part(ps)) != NULL)
		p->rc = load_rows(p->a, p->sh, &p->diags);
	return NULL;
}

/* Run work_parts on this thread and one more (or this one alone if none
 * can start). */
static void run_parts(parts *ps)
{
	pthread_t th;
	bool two = pthread_create(&th, NULL, work_parts, ps) == 0;
	work_parts(ps);
	if (two)
		pthread_join(th, NULL);
}

/* Bytes per part when the count is left to load_split: small parts even
 * out the two threads (the part taken last ends at most one part after
 * the other), and each costs a sheet and a join check. */
#define PART_BYTES ((size_t)4 << 20)
#define PARTS_MAX 16

static void parts_free(parts *ps)
{
	for (size_t k = 0; k < ps->n; k++) {
		ps_sheet_free(ps->v[k].sh);
		ps_actuals *a = ps->v[k].a;
		if (a && k) { /* borrowed */
			a->v = NULL;
			a->code_word = NULL;
			a->file = NULL;
		}
		if (a != ps->into)
			ps_actuals_free(a);
		ps_diags_dispose(&ps->v[k].diags);
	}
	free(ps->v);
	pthread_mutex_destroy(&ps->mu);
}

/* The load on two threads, in n_parts parts (0: by size): PS_OK or
 * PS_EINPUT as the one-thread load would give, or 1 when the text is not
 * split after all (nothing added to diags). */
static int load_split(ps_actuals **out, const ps_source *src, size_t n_parts, ps_diags *diags)
{
	ps_diags d0 = PS_DIAGS_INIT;
	ps_sheet *sh;
	if (ps_sheet_open(&sh, src, PS_HDR_ACTUALS, &d0) != PS_OK) {
		ps_diags_dispose(&d0);
		return 1;
	}
	if (!n_parts) {
		n_parts = src->len / PART_BYTES;
		n_parts = n_parts < 2 ? 2 : n_parts > PARTS_MAX ? PARTS_MAX : n_parts;
	}
	parts ps;
	memset(&ps, 0, sizeof ps);
	pthread_mutex_init(&ps.mu, NULL);
	ps.v = ps_xcalloc(n_parts, sizeof *ps.v);
	ps.v[0].sh = sh;
	ps.v[0].diags = d0;
	ps.n = 1;
	/* the parts' starts, each near its share of the text and past the
	 * one before (created before part 0 is read further: they read it) */
	split_at prev = {0, 1}, at;
	size_t quotes = 0;
	for (size_t k = 1; k < n_parts; k++) {
		size_t from = (size_t)((double)src->len * (double)k / (double)n_parts);
		if (from <= prev.at)
			from = prev.at + 1;
		if (from >= src->len ||
		    !find_split(src, ps_sheet_header(sh), ps_sheet_delim(sh), prev, from, &quotes, &at))
			continue;
		/* the sheet has read its first rows ahead (to find the header
		 * and the columns' roles): no part starts among them */
		if (ps.n == 1 && !ps_sheet_stop_at(sh, at.at))
			continue;
		part *p = &ps.v[ps.n++];
		p->sh = ps_sheet_resume(sh, at.at, at.line);
		p->at = at.at;
		p->line = at.line;
		prev = at;
	}
	if (ps.n < 2) {
		parts_free(&ps);
		return 1;
	}
	/* each part but the last ends where the next starts */
	for (size_t k = 1; k + 1 < ps.n; k++)
		ps_sheet_stop_at(ps.v[k].sh, ps.v[k + 1].at);
	/* the rooms: lines after the header (part 0), between two starts, from
	 * the last start to the end (its last line may have no break) */
	const ps_header *h = ps_sheet_header(sh);
	size_t head_end = (size_t)ps_sheet_header_line(sh) + (h->nrows ? h->nrows : 1) - 1;
	const part *last = &ps.v[ps.n - 1];
	size_t room = (size_t)last->line - 1 - head_end + 1 +
	              count_lines(src->text + last->at, src->len - last->at, src->text + src->len);
	ps_actual *rows = rows_alloc(room); /* pages never written cost nothing */
	uint64_t *words = ps_xmalloc(room * sizeof *words);
	for (size_t k = 0; k < ps.n; k++) {
		part *p = &ps.v[k];
		p->a = actuals_new(src, sh);
		p->region = k ? p->line - 1 - head_end : 0;
		p->a->v = rows + p->region;
		p->a->code_word = words + p->region;
		p->a->cap = (k + 1 < ps.n ? ps.v[k + 1].line - 1 - head_end : room) - p->region;
		if (k) {
			free(p->a->file);
			p->a->file = ps.v[0].a->file;
		}
	}
	run_parts(&ps);
	/* a part that failed stops the one-thread load there: unless it is
	 * the last, read again rather than guess which of the rest's
	 * diagnostics that load would have given */
	bool ok = true;
	for (size_t k = 0; k < ps.n && ok; k++)
		ok = (k + 1 == ps.n || ps.v[k].rc == PS_OK) && (k == 0 || ps_sheet_joins(ps.v[k - 1].sh, ps.v[k].sh));
	if (!ok) {
		ps.into = NULL;
		parts_free(&ps);
		return 1;
	}
	/* the rows joined, moved together where lines were not rows */
	ps_actuals *a = ps.into = ps.v[0].a;
	size_t total = 0;
	for (size_t k = 0; k < ps.n; k++) {
		part *p = &ps.v[k];
		if (p->region != total) {
			memmove(rows + total, rows + p->region, p->a->n * sizeof *rows);
			memmove(words + total, words + p->region, p->a->n * sizeof *words);
		}
		total += p->a->n;
		if (k)
			ps_pool_move(&a->strings, &p->a->strings);
		ps_diags_move(diags, &p->diags);
	}
	a->v = ps_xrealloc(rows, (total ? total : 1) * sizeof *rows);
	a->code_word = ps_xrealloc(words, (total ? total : 1) * sizeof *words);
	a->n = a->cap = total;
	int rc = ps.v[ps.n - 1].rc;
	parts_free(&ps);
	if (rc != PS_OK) {
		ps_actuals_free(a);
		return rc;
	}
	*out = a;
	return PS_OK;
}

int ps_actuals_load_split(ps_actuals **out, const ps_source *src, size_t min_split, bool *split,
                          ps_diags *diags)
{
	return ps_actuals_load_parts(out, src, min_split, 0, split, diags);
}

int ps_actuals_load_parts(ps_actuals **out, const ps_source *src, size_t min_split, size_t n_parts,
                          bool *split, ps_diags *diags)
{
	*out = NULL;
	if (split)
		*split = false;
	if (min_split && src->len >= min_split) {
		int rc = load_split(out, src, n_parts, diags);
		if (rc != 1) {
			if (split)
				*split = true;
			return rc;
		}
	}
	ps_sheet *sh;
	int rc = ps_sheet_open(&sh, src, PS_HDR_ACTUALS, diags);
	if (rc != PS_OK)
		return rc;
	ps_actuals *a = actuals_new(src, sh);
	rc = load_rows(a, sh, diags);
	ps_sheet_free(sh);
	no_slack(a);
	if (rc != PS_OK) {
		ps_actuals_free(a);
		return rc;
	}
	*out = a;
	return PS_OK;
}

int ps_actuals_load(ps_actuals **out, const ps_source *src, const ps_load_options *opts, ps_diags *diags)
{
	(void)opts;
	/* a big file is read on two threads: the one-thread read of a million
	 * rows holds up scoring for seconds while the other CPU idles */
	return ps_actuals_load_split(out, src, PS_ACTUALS_SPLIT_MIN, NULL, diags);
}

void ps_actuals_free(ps_actuals *a)
{
	if (!a)
		return;
	ps_pool_free(&a->strings);
	free(a->v);
	free(a->code_word);
	free(a->file);
	free(a);
}
