/* rule_dsl.c: recursive-descent parser of the canonical rule form (计分规则
 * column), the exact inverse of rule_print.c; grammar in docs/rules.md. */
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "rule_int.h"

/* The text is decoded once into code points: `cp` folded (fullwidth → ASCII,
 * ASCII letters lower-cased) for the grammar, `raw` untouched for quoted
 * words, `off` the byte offset of each code point. Positions are indices. */
typedef struct {
	const char *text;
	int32_t *cp, *raw;
	size_t *off;
	size_t n, i;
	ps_rule *r;
} parser;

static int32_t peek_at(const parser *p, size_t k)
{
	return p->i + k < p->n ? p->cp[p->i + k] : -1;
}
static int32_t peek(const parser *p) { return peek_at(p, 0); }

static bool is_space(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}
static bool is_digit(int32_t c) { return c >= '0' && c <= '9'; }
static bool is_alnum(int32_t c) { return is_digit(c) || (c >= 'a' && c <= 'z') || c == '_'; }

static void skip_ws(parser *p)
{
	while (p->i < p->n && is_space(p->cp[p->i]))
		p->i++;
}

static bool fail(parser *p, const char *what)
{
	ps_rule_fail(p->r, (uint32_t)p->i, "%s", what);
	return false;
}

/* Accept the keyword kw at the cursor if it is not the start of a longer word. */
static bool accept_kw(parser *p, const char *kw)
{
	size_t k = 0;
	for (; kw[k]; k++)
		if (peek_at(p, k) != (unsigned char)kw[k])
			return false;
	if (is_alnum(peek_at(p, k)))
		return false;
	p->i += k;
	return true;
}

/* A '%' right after a value: the value was written as a percentage. */
static bool accept_pct(parser *p)
{
	if (peek(p) != '%')
		return false;
	p->i++;
	return true;
}

/* Accept an operator spelled in ASCII; ≥ and ≤ are read as >= and <=. */
static bool accept_sym(parser *p, const char *sym)
{
	if (strcmp(sym, ">=") == 0 && peek(p) == 0x2265) {
		p->i++;
		return true;
	}
	if (strcmp(sym, "<=") == 0 && peek(p) == 0x2264) {
		p->i++;
		return true;
	}
	size_t k = 0;
	for (; sym[k]; k++)
		if (peek_at(p, k) != (unsigned char)sym[k])
			return false;
	p->i += k;
	return true;
}

/* num := -?[0-9]+(\.[0-9]+)? */
static bool parse_num(parser *p, ps_dec *out, const char *what)
{
	char buf[48];
	size_t k = 0, start = p->i;
	if (peek(p) == '-')
		buf[k++] = '-', p->i++;
	if (!is_digit(peek(p))) {
		p->i = start;
		return fail(p, what);
	}
	while (is_digit(peek(p))) {
		if (k < 40)
			buf[k++] = (char)peek(p);
		p->i++;
	}
	if (peek(p) == '.' && is_digit(peek_at(p, 1))) {
		buf[k++] = '.';
		p->i++;
		while (is_digit(peek(p))) {
			if (k < 46)
				buf[k++] = (char)peek(p);
			p->i++;
		}
	}
	ps_dec_parse(out, buf, k);
	return true;
}

/* val := num | "target" */
static bool parse_val(parser *p, ps_bound *b, const char *what)
{
	b->set = true;
	if (accept_kw(p, "target")) {
		b->is_target = true;
		b->v = 0;
		return true;
	}
	b->is_target = false;
	if (!parse_num(p, &b->v, what))
		return false;
	b->pct = accept_pct(p);
	return true;
}

static bool starts_val(const parser *p)
{
	int32_t c = peek(p);
	if (is_digit(c) || (c == '-' && is_digit(peek_at(p, 1))))
		return true;
	const char *kw = "target";
	for (size_t k = 0; kw[k]; k++)
		if (peek_at(p, k) != kw[k])
			return false;
	return !is_alnum(peek_at(p, 6));
}

static int read_int(parser *p, int *ndig)
{
	int v = 0;
	*ndig = 0;
	while (is_digit(peek(p))) {
		if (*ndig < 9)
			v = v * 10 + (peek(p) - '0');
		(*ndig)++;
		p->i++;
	}
	return v;
}

/* dval := YYYY-MM-DD | YYYY-MM | MM-DD | MM   (no "target": callers handle it) */
static bool parse_date(parser *p, int32_t *y, int32_t *m, int32_t *d)
{
	size_t start = p->i;
	int nd, g1 = read_int(p, &nd);
	*y = *m = *d = 0;
	if (nd == 4) {
		*y = g1;
		if (!(peek(p) == '-' && is_digit(peek_at(p, 1)))) {
			p->i = start;
			return fail(p, "expected a date YYYY-MM-DD, YYYY-MM, MM-DD or MM");
		}
		p->i++;
		*m = read_int(p, &nd);
	} else if (nd >= 1 && nd <= 2) {
		*m = g1;
	} else {
		p->i = start;
		return fail(p, "expected a date YYYY-MM-DD, YYYY-MM, MM-DD or MM");
	}
	if (peek(p) == '-' && is_digit(peek_at(p, 1))) {
		p->i++;
		*d = read_int(p, &nd);
	}
	if (*m < 1 || *m > 12 || *d < 0 || (*d && *d > ps_month_days(*y, *m))) {
		p->i = start;
		return fail(p, "date out of range");
	}
	return true;
}

/* award := "full" | num | num "%" */
static bool parse_award(parser *p, ps_award *a)
{
	skip_ws(p);
	if (accept_kw(p, "full")) {
		a->kind = PS_AW_FULL;
		a->v = 0;
		return true;
	}
	if (peek(p) == '-') {
		p->i++;
		skip_ws(p);
		a->kind = PS_AW_DEDUCT;
		return parse_num(p, &a->v, "expected the points deducted after '=> -'");
	}
	if (!parse_num(p, &a->v, "expected 'full', points, a share (80%) or '-' points after '=>'"))
		return false;
	a->kind = PS_AW_POINTS;
	if (peek(p) == '%') {
		p->i++;
		a->kind = PS_AW_SHARE;
	}
	return true;
}

static bool expect_arrow(parser *p, const char *after)
{
	skip_ws(p);
	if (accept_sym(p, "=>"))
		return true;
	ps_rule_fail(p->r, (uint32_t)p->i, "expected '=>' after %s", after);
	return false;
}

/* "=> -" num, the deduction of STEP and ITEM. */
static bool parse_deduction(parser *p, ps_dec *amount, const char *after)
{
	if (!expect_arrow(p, after))
		return false;
	skip_ws(p);
	if (!accept_sym(p, "-"))
		return fail(p, "expected '-' and the points deducted after '=>'");
	skip_ws(p);
	return parse_num(p, amount, "expected the points deducted after '=> -'");
}

/* Quoted word: "..." or “...” with \" and \\ escaped; read from the raw text. */
static bool parse_word(parser *p, char **out)
{
	int32_t open = p->i < p->n ? p->raw[p->i] : -1;
	int32_t close;
	if (open == '"')
		close = '"';
	else if (open == 0x201C)
		close = 0x201D;
	else
		return fail(p, "expected a quoted word after 'grade'");
	size_t start = p->i++;
	ps_buf b = PS_BUF_INIT;
	ps_buf_add(&b, "", 0);
	while (p->i < p->n && p->raw[p->i] != close) {
		if (p->raw[p->i] == '\\' && p->i + 1 < p->n)
			p->i++;
		ps_buf_add(&b, p->text + p->off[p->i], p->off[p->i + 1] - p->off[p->i]);
		p->i++;
	}
	if (p->i >= p->n) {
		ps_buf_dispose(&b);
		p->i = start;
		return fail(p, "unterminated quoted word");
	}
	p->i++;
	*out = ps_buf_detach(&b);
	return true;
}

static const struct {
	const char *kw;
	ps_step_unit unit;
} step_units[] = {
	{"pp", PS_SU_PP}, {"mon", PS_SU_MONTH}, {"d", PS_SU_DAY}, {"y", PS_SU_YEAR},
};

/* STEP: "per " step " " dir [" " base] [" whole"] " => -" num
 * ITEM: "per item => -" num       ("per" already read) */
static bool parse_per(parser *p, ps_clause *c)
{
	skip_ws(p);
	if (accept_kw(p, "item")) {
		c->kind = PS_CL_ITEM;
		return parse_deduction(p, &c->amount, "'per item'");
	}
	c->kind = PS_CL_STEP;
	if (!parse_num(p, &c->step, "expected 'item' or a step size after 'per'"))
		return false;
	skip_ws(p);
	c->step_unit = PS_SU_OWN;
	if (peek(p) == '%' || peek(p) == 0x2030) {
		if (peek(p) == 0x2030)
			return fail(p, "per-mille steps are written in the indicator's own unit (no suffix)");
		p->i++;
		c->step_unit = PS_SU_PCT;
	} else {
		for (size_t k = 0; k < sizeof step_units / sizeof *step_units; k++)
			if (accept_kw(p, step_units[k].kw)) {
				c->step_unit = step_units[k].unit;
				break;
			}
	}
	bool time = c->step_unit == PS_SU_DAY || c->step_unit == PS_SU_MONTH || c->step_unit == PS_SU_YEAR;
	skip_ws(p);
	if (time) {
		if (!accept_kw(p, "late"))
			return fail(p, "expected 'late' after a time step (d, mon, y)");
		c->dir = 1;
		skip_ws(p);
		if (accept_kw(p, "target")) {
			c->base.set = c->base.is_target = true;
		} else if (is_digit(peek(p))) {
			if (!parse_date(p, &c->y, &c->m, &c->d))
				return false;
		}
	} else {
		if (accept_kw(p, "below"))
			c->dir = -1;
		else if (accept_kw(p, "above"))
			c->dir = 1;
		else if (accept_kw(p, "off"))
			c->dir = 0;
		else if (peek(p) == 'l' && accept_kw(p, "late") && (p->i -= 4, true))
			return fail(p, "'late' needs a time step (d, mon, y)");
		else
			return fail(p, "expected 'below', 'above' or 'off' after the step");
		skip_ws(p);
		if (starts_val(p) && !parse_val(p, &c->base, "expected a baseline"))
			return false;
	}
	skip_ws(p);
	if (accept_kw(p, "whole"))
		c->whole_steps = true;
	return parse_deduction(p, &c->amount, "the step");
}

/* cond " => " award, for RANGE GRADE BOOL DATE. */
static bool parse_outcome(parser *p, ps_clause *c)
{
	if (accept_kw(p, "any")) {
		c->kind = PS_CL_RANGE;
	} else if (accept_kw(p, "grade")) {
		c->kind = PS_CL_GRADE;
		skip_ws(p);
		if (!parse_word(p, &c->word))
			return false;
	} else if (accept_kw(p, "yes") || accept_kw(p, "no")) {
		c->kind = PS_CL_BOOL;
		c->yes = p->cp[p->i - 1] == 's';
	} else if (accept_kw(p, "date")) {
		c->kind = PS_CL_DATE;
		skip_ws(p);
		if (accept_sym(p, "<="))
			c->dir = -1;
		else if (peek(p) != 0x2265 && !(peek(p) == '>' && peek_at(p, 1) == '=') && accept_sym(p, ">"))
			c->dir = 1;
		else
			return fail(p, "expected '<=' or '>' after 'date'");
		skip_ws(p);
		if (!accept_kw(p, "target") && !parse_date(p, &c->y, &c->m, &c->d))
			return false;
	} else if (peek(p) == 'x' && !is_alnum(peek_at(p, 1))) {
		c->kind = PS_CL_RANGE;
		p->i++;
		skip_ws(p);
		ps_bound *b;
		bool eq = false;
		if (peek(p) == '=' && peek_at(p, 1) == '>')
			return fail(p, "expected '>=' '>' '<=' '<' or '=' after 'x'");
		if (accept_sym(p, ">="))
			b = &c->lo, b->incl = true;
		else if (accept_sym(p, ">"))
			b = &c->lo;
		else if (accept_sym(p, "<="))
			b = &c->hi, b->incl = true;
		else if (accept_sym(p, "<"))
			b = &c->hi;
		else if (accept_sym(p, "="))
			b = &c->lo, b->incl = eq = true;
		else
			return fail(p, "expected '>=' '>' '<=' '<' or '=' after 'x'");
		skip_ws(p);
		if (!parse_val(p, b, "expected a number or 'target' after the comparison"))
			return false;
		if (eq)
			c->hi = c->lo;
	} else if (starts_val(p)) {
		c->kind = PS_CL_RANGE;
		if (!parse_val(p, &c->lo, "expected a number"))
			return false;
		skip_ws(p);
		if (accept_sym(p, "<="))
			c->lo.incl = true;
		else if (!accept_sym(p, "<"))
			return fail(p, "expected '<' or '<=' after the lower bound (write bounds low to high)");
		skip_ws(p);
		if (!(peek(p) == 'x' && !is_alnum(peek_at(p, 1))))
			return fail(p, "expected 'x' between the bounds");
		p->i++;
		skip_ws(p);
		if (accept_sym(p, "<="))
			c->hi.incl = true;
		else if (!accept_sym(p, "<"))
			return fail(p, "expected '<' or '<=' after 'x'");
		skip_ws(p);
		if (!parse_val(p, &c->hi, "expected the upper bound"))
			return false;
	} else {
		return fail(p, "expected a clause: a condition (x>=100, grade \"优秀\", yes, no, date<=...), "
		               "per, prop, maxdeduct, min, bonus or manual");
	}
	if (!expect_arrow(p, "the condition"))
		return false;
	return parse_award(p, &c->award);
}

/* clause := outcome | per... | prop... | maxdeduct num | min num | bonus num | manual */
static bool parse_clause(parser *p)
{
	ps_clause c;
	memset(&c, 0, sizeof c);
	c.pos = (uint32_t)p->i;
	bool ok;
	if (accept_kw(p, "per")) {
		ok = parse_per(p, &c);
	} else if (accept_kw(p, "prop")) {
		c.kind = PS_CL_PROP;
		skip_ws(p);
		if (accept_kw(p, "inverse")) {
			c.dir = -1;
			skip_ws(p);
		} else if (accept_kw(p, "direct")) {
			c.dir = 1;
			skip_ws(p);
		}
		ok = true;
		if (accept_kw(p, "from")) {
			skip_ws(p);
			ok = parse_val(p, &c.base, "expected a number or 'target' after 'from'");
		}
	} else if (accept_kw(p, "maxdeduct")) {
		c.kind = PS_CL_MAXDEDUCT;
		skip_ws(p);
		ok = parse_num(p, &c.amount, "expected the points after 'maxdeduct'");
	} else if (accept_kw(p, "min")) {
		c.kind = PS_CL_MIN;
		skip_ws(p);
		ok = parse_num(p, &c.amount, "expected the points after 'min'");
	} else if (accept_kw(p, "bonus")) {
		c.kind = PS_CL_BONUS;
		skip_ws(p);
		ok = parse_num(p, &c.amount, "expected the points after 'bonus'");
	} else if (accept_kw(p, "manual")) {
		c.kind = PS_CL_MANUAL;
		ok = true;
	} else {
		ok = parse_outcome(p, &c);
	}
	if (ok)
		ps_rule_push(p->r, &c);
	free(c.word);
	return ok;
}

/* rule := ["?"] [clause {";" clause} [";"]] */
static void parse_rule(parser *p, bool *marked)
{
	skip_ws(p);
	*marked = false;
	if (peek(p) == '?') {
		*marked = true;
		p->i++;
	}
	skip_ws(p);
	while (p->i < p->n) {
		if (!parse_clause(p))
			return;
		skip_ws(p);
		if (p->i >= p->n)
			return;
		if (peek(p) != ';') {
			fail(p, "expected ';' between clauses");
			return;
		}
		p->i++;
		skip_ws(p);
	}
}

ps_rule *ps_rule_parse_dsl(const char *text, size_t len, ps_pos pos, ps_diags *diags)
{
	parser p = {text, NULL, NULL, NULL, 0, 0, ps_rule_new()};
	p.r->source = PS_RS_DSL;
	p.cp = ps_xmalloc((len + 1) * sizeof *p.cp);
	p.raw = ps_xmalloc((len + 1) * sizeof *p.raw);
	p.off = ps_xmalloc((len + 1) * sizeof *p.off);
	for (size_t b = 0; b < len;) {
		int32_t c;
		int k = ps_utf8_decode(text + b, len - b, &c);
		if (k <= 0)
			k = 1;
		p.raw[p.n] = c;
		c = ps_fold_cp(c);
		if (c == 0x201C || c == 0x201D)
			c = '"';
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		p.cp[p.n] = c;
		p.off[p.n++] = b;
		b += (size_t)k;
	}
	p.off[p.n] = len;
	bool marked;
	parse_rule(&p, &marked);
	if (!p.r->ok) {
		ps_pos at = pos;
		if (at.col)
			at.col += p.r->err_pos;
		size_t from = p.off[p.r->err_pos < p.n ? p.r->err_pos : p.n];
		size_t show = len - from > 24 ? 24 : len - from;
		while (show < len - from && ((unsigned char)text[from + show] & 0xC0) == 0x80)
			show++;
		ps_diags_add(diags, PS_D_RULE_DSL, at, "rule syntax: %s at character %u%s%.*s%s", p.r->err_msg,
		             (unsigned)p.r->err_pos + 1, show ? " (\"" : "", (int)show, text + from,
		             show ? "\")" : "");
	} else if (marked) {
		ps_rule_fail(p.r, 0, "rule marked '?' (not understood)");
		ps_diags_add(diags, PS_D_RULE_DSL, pos, "rule marked '?' (not understood): it is not used for scoring");
	}
	free(p.cp);
	free(p.raw);
	free(p.off);
	return p.r;
}
