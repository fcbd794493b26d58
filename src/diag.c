/* diag.c: the diagnostics sink and the table of stable codes and levels. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/diag.h"
#include "perfscore/text.h"

static const struct {
	const char *name;
	ps_level level;
} codes[PS_D__COUNT] = {
	[PS_D_IO] = {"io", PS_ERROR},
	[PS_D_ENCODING] = {"encoding", PS_ERROR},
	[PS_D_CSV] = {"csv", PS_ERROR},
	[PS_D_EMPTY] = {"empty", PS_ERROR},
	[PS_D_NO_HEADER] = {"no-header", PS_ERROR},
	[PS_D_BAD_VALUE] = {"bad-value", PS_WARNING},
	[PS_D_BAD_POINTS] = {"bad-points", PS_WARNING},
	[PS_D_DUP_INDICATOR] = {"duplicate-indicator", PS_WARNING},
	[PS_D_MISSING_FIELD] = {"missing-field", PS_WARNING},
	[PS_D_FIELD_TOO_LONG] = {"field-too-long", PS_WARNING},
	[PS_D_UNMATCHED_ACTUAL] = {"unmatched-actual", PS_WARNING},
	[PS_D_AMBIGUOUS_ACTUAL] = {"ambiguous-actual", PS_WARNING},
	[PS_D_DUP_ACTUAL] = {"duplicate-actual", PS_WARNING},
	[PS_D_NO_ACTUAL] = {"no-actual", PS_WARNING},
	[PS_D_BAD_ACTUAL] = {"bad-actual", PS_WARNING},
	[PS_D_RULE_UNREAD] = {"rule-not-understood", PS_WARNING},
	[PS_D_RULE_TYPO] = {"rule-typo", PS_NOTE},
	[PS_D_RULE_MANUAL] = {"rule-manual", PS_WARNING},
	[PS_D_RULE_UNCOVERED] = {"rule-uncovered", PS_WARNING},
	[PS_D_RULE_DEFAULT] = {"rule-default", PS_WARNING},
	[PS_D_RULE_BONUS] = {"rule-bonus", PS_NOTE},
	[PS_D_TIER_GAP] = {"tier-gap", PS_WARNING},
	[PS_D_TIER_OVERLAP] = {"tier-overlap", PS_WARNING},
	[PS_D_RULE_CMP_CONFLICT] = {"rule-comparator-conflict", PS_WARNING},
	[PS_D_RULE_TARGET_CONFLICT] = {"rule-target-conflict", PS_WARNING},
	[PS_D_RULE_DSL] = {"rule-syntax", PS_WARNING},
	[PS_D_POINTS_SUM] = {"points-sum", PS_WARNING},
	[PS_D_GROUP_POINTS] = {"group-points", PS_WARNING},
	[PS_D_POLICY] = {"policy", PS_ERROR},
	[PS_D_UNIT_SPLIT] = {"unit-split", PS_ERROR},
};

const char *ps_code_name(ps_code code)
{
	return (unsigned)code < PS_D__COUNT && codes[code].name ? codes[code].name : "unknown";
}

ps_level ps_code_level(ps_code code)
{
	return (unsigned)code < PS_D__COUNT ? codes[code].level : PS_ERROR;
}

const char *ps_level_name(ps_level level)
{
	switch (level) {
	case PS_NOTE: return "note";
	case PS_WARNING: return "warning";
	default: return "error";
	}
}

/* Quoted text longer than this (code points) is cut with "…" in messages. */
#define QUOTE_MAX 100

/* The end of the quote opened at s[i] (“…” or "..."), or 0 if none. The
 * closing mark is looked for with memchr: a memcmp at every byte was most
 * of storing a message that starts with a quoted name. */
static size_t quote_end(const char *s, size_t n, size_t i, size_t *open_len)
{
	if (s[i] == '"') {
		*open_len = 1;
		const char *q = memchr(s + i + 1, '"', n - i - 1);
		return q ? (size_t)(q - s) : 0;
	}
	if (n - i < 3 || memcmp(s + i, "“", 3) != 0)
		return 0;
	*open_len = 3;
	for (size_t j = i + 3; j + 3 <= n; j++) {
		const char *q = memchr(s + j, 0xE2, n - 2 - j); /* ” is E2 80 9D */
		if (!q)
			return 0;
		j = (size_t)(q - s);
		if ((unsigned char)s[j + 1] == 0x80 && (unsigned char)s[j + 2] == 0x9D)
			return j;
	}
	return 0;
}

/* The bytes special() looks at twice: control characters, '"', DEL and
 * 0xE2 (the first byte of “). */
static const unsigned char look[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, [0x7F] = 1, [0xE2] = 1,
};

/* Whether s[i] is a byte one_line changes or a quote it looks into: a
 * control character, DEL, '"' or the start of “. */
static inline bool special(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (!look[c])
		return false;
	return c != 0xE2 || (n - i >= 3 && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x9C);
}

/* Append message s to b as one line: a quoted cell may hold line breaks or
 * tabs (a multi-line CSV field), which become spaces, and may be 100,000
 * characters long, which is cut to QUOTE_MAX code points. */
static void one_line(ps_buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && !special(s, n, run))
			run++;
		ps_buf_add(b, s + i, run - i); /* kept as they are */
		if ((i = run) == n)
			break;
		size_t open_len, end = quote_end(s, n, i, &open_len);
		if (end) {
			size_t from = i + open_len, k = from, cps = 0;
			while (k < end && cps < QUOTE_MAX) {
				k++;
				while (k < end && ((unsigned char)s[k] & 0xC0) == 0x80)
					k++;
				cps++;
			}
			if (k < end) {
				one_line(b, s + i, k - i);
				ps_buf_adds(b, "…");
				i = end;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i++];
		if (c == '\r' && i < n && s[i] == '\n')
			continue;
		ps_buf_addc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
	}
}

/* The stored message: s as one line, malloc'd. */
static char *message(const char *s, size_t n)
{
	/* nothing one_line() would change (no control byte, no quote): as is */
	size_t i = 0;
	while (i < n && !special(s, n, i))
		i++;
	if (i == n)
		return ps_xstrndup(s, n);
	ps_buf b = PS_BUF_INIT;
	one_line(&b, s, n);
	return ps_buf_detach(&b);
}

void ps_diags_vaddl(ps_diags *d, ps_code code, ps_level level, ps_pos pos, const char *fmt, va_list ap)
{
	if (!d)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = ps_xrealloc(d->v, d->cap * sizeof *d->v);
	}
	char *msg;
	if (strcmp(fmt, "%s") == 0) {
		/* most messages come formatted already (the scorer's, the rule
		 * cache's replays): no printf */
		const char *s = va_arg(ap, const char *);
		msg = message(s ? s : "(null)", strlen(s ? s : "(null)"));
	} else {
		ps_buf raw = PS_BUF_INIT;
		ps_buf_vprintf(&raw, fmt, ap);
		msg = message(raw.s ? raw.s : "", raw.n);
		ps_buf_dispose(&raw);
	}
	d->v[d->n++] = (ps_diag){code, level, pos, msg};
	if (level == PS_ERROR)
		d->n_error++;
	else if (level == PS_WARNING)
		d->n_warning++;
}

void ps_diags_addl(ps_diags *d, ps_code code, ps_level level, ps_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps_diags_vaddl(d, code, level, pos, fmt, ap);
	va_end(ap);
}

void ps_diags_add(ps_diags *d, ps_code code, ps_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps_diags_vaddl(d, code, ps_code_level(code), pos, fmt, ap);
	va_end(ap);
}

void ps_diags_move(ps_diags *dst, ps_diags *src)
{
	for (size_t i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 8;
			dst->v = ps_xrealloc(dst->v, dst->cap * sizeof *dst->v);
		}
		dst->v[dst->n++] = src->v[i];
	}
	dst->n_error += src->n_error;
	dst->n_warning += src->n_warning;
	src->n = src->n_error = src->n_warning = 0;
}

void ps_diags_clear(ps_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	d->n = d->n_error = d->n_warning = 0;
}

void ps_diags_dispose(ps_diags *d)
{
	ps_diags_clear(d);
	free(d->v);
	d->v = NULL;
	d->cap = 0;
}

/* Decimal digits of v at the end of tmp[0..24); returns where they start. */
static char *uint_digits(char tmp[24], unsigned long long v)
{
	char *p = tmp + 24;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

void ps_diag_format_to(ps_buf *b, const ps_diag *dg)
{
	/* pieces of known length, a few appends per diagnostic: no printf,
	 * no strlen of literals */
	static const char *const levels[] = {"note: ", "warning: ", "error: "};
	static const unsigned char level_len[] = {6, 9, 7};
	if (dg->pos.file) {
		char pos[64], *e = pos, tmp[24];
		ps_buf_adds(b, dg->pos.file);
		if (dg->pos.line) {
			*e++ = ':';
			char *d = uint_digits(tmp, dg->pos.line);
			memcpy(e, d, (size_t)(tmp + 24 - d));
			e += tmp + 24 - d;
			if (dg->pos.col) {
				*e++ = ':';
				d = uint_digits(tmp, dg->pos.col);
				memcpy(e, d, (size_t)(tmp + 24 - d));
				e += tmp + 24 - d;
			}
		} else if (dg->pos.offset >= 0) {
			memcpy(e, ": byte ", 7);
			e += 7;
			char *d = uint_digits(tmp, (unsigned long long)dg->pos.offset);
			memcpy(e, d, (size_t)(tmp + 24 - d));
			e += tmp + 24 - d;
		}
		*e++ = ':';
		*e++ = ' ';
		ps_buf_add(b, pos, (size_t)(e - pos));
	}
	int lv = dg->level == PS_NOTE ? 0 : dg->level == PS_WARNING ? 1 : 2; /* as ps_level_name */
	ps_buf_add(b, levels[lv], level_len[lv]);
	ps_buf_adds(b, dg->msg ? dg->msg : "");
	const char *code = ps_code_name(dg->code);
	size_t nc = strlen(code);
	char tail[64];
	if (nc + 3 <= sizeof tail) {
		tail[0] = ' ';
		tail[1] = '[';
		memcpy(tail + 2, code, nc);
		tail[2 + nc] = ']';
		ps_buf_add(b, tail, nc + 3);
	} else {
		ps_buf_adds(b, " [");
		ps_buf_adds(b, code);
		ps_buf_addc(b, ']');
	}
}

char *ps_diag_format(const ps_diag *dg)
{
	ps_buf b = PS_BUF_INIT;
	ps_diag_format_to(&b, dg);
	return ps_buf_detach(&b);
}
