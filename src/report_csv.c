/* report_csv.c: the filled 绩效自评表 as CSV for Excel: RFC 4180 quoting,
 * CRLF line ends, an optional UTF-8 BOM, cells neutralised against formula
 * injection, one row per indicator and a 合计 row per unit. */
#include <stdlib.h>
#include <string.h>
#include "report_int.h"

enum { N_COLS = 12 };

/* "-12.5", "3", "-3%": a cell a spreadsheet reads as a number, never as a
 * formula, so it needs no neutralising quote. */
static bool plain_number(const char *s)
{
	size_t i = 0, digits = 0;
	if (s[i] == '-')
		i++;
	while (s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (s[i] == '.' && digits) {
		i++;
		size_t frac = 0;
		while (s[i] >= '0' && s[i] <= '9')
			i++, frac++;
		if (!frac)
			return false;
	}
	if (s[i] == '%')
		i++;
	return digits > 0 && s[i] == '\0';
}

/* The general case of a cell: quoted, neutralised, or both. */
static void csv_cell_slow(ps_buf *b, const char *s)
{
	char c0 = s[0];
	bool formula = (c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r') &&
	               !plain_number(s);
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	if (!quote && !formula) {
		ps_buf_adds(b, s); /* a plain number such as "-12.5" */
		return;
	}
	if (quote)
		ps_buf_addc(b, '"');
	if (formula)
		ps_buf_addc(b, '\'');
	/* copied in runs up to each quote (which is doubled): a call per byte
	 * was most of the csv report's cost */
	for (const char *q; quote && (q = strchr(s, '"')); s = q + 1) {
		ps_buf_add(b, s, (size_t)(q - s) + 1); /* up to the quote, and then */
		ps_buf_addc(b, '"');                   /* the quote again */
	}
	ps_buf_adds(b, s);
	if (quote)
		ps_buf_addc(b, '"');
}

/* Bytes that make a CSV cell quoted (1: ',', '"', CR and LF), and those
 * that make it a formula when they start it (2: = + - @ TAB CR). */
static const unsigned char csv_class[256] = {
	['\r'] = 3, ['\n'] = 1, [','] = 1, ['"'] = 1, ['='] = 2, ['+'] = 2, ['-'] = 2, ['@'] = 2, ['\t'] = 2,
};

#if defined(__SSE2__)
/* A bit per byte of s[0..16) that is ',', '"', CR or LF. */
static INLINE unsigned csv_special16(const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('"'))),
	                         _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Whether a byte of the 8 in x is ',', '"', CR or LF (exactly whether one
 * is, not where). */
static inline uint64_t csv_special8(uint64_t x)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
	uint64_t a = x ^ (ones * ','), q = x ^ (ones * '"'), cr = x ^ (ones * '\r'), lf = x ^ (ones * '\n');
	return (((a - ones) & ~a) | ((q - ones) & ~q) | ((cr - ones) & ~cr) | ((lf - ones) & ~lf)) & high;
}

/* Whether s[0..n) holds none of the bytes that make a cell quoted: 16
 * bytes at a time, 8 (two overlapping words) for 8 to 15, else a byte at
 * a time. */
static inline bool csv_plain(const unsigned char *s, size_t n)
{
#if defined(__SSE2__)
	if (n >= 16)
		return ps_scan16(s, n, csv_special16) == n;
#endif
	if (n >= 8) {
		uint64_t a, b;
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		return !(csv_special8(a) | csv_special8(b));
	}
	for (size_t i = 0; i < n; i++)
		if (csv_class[s[i]] & 1)
			return false;
	return true;
}

/* A cell as ps_report_csv_cell writes it, s of known length len
 * (NUL-terminated, no NUL inside), after a ',' if sep. */
static inline void csv_cell_n(ps_buf *b, const char *s, size_t len, bool sep)
{
	if (!(csv_class[(unsigned char)s[0]] & 2) && csv_plain((const unsigned char *)s, len)) {
		/* most cells: as they are */
		char *o = report_room(b, len + 1);
		if (sep)
			*o++ = ',';
		ps_copy_run(o, s, len);
		report_done(b, o + len);
		return;
	}
	if (sep)
		ps_buf_addc(b, ',');
	csv_cell_slow(b, s);
}

void ps_report_csv_cell(ps_buf *b, const char *s)
{
	if (!s)
		s = "";
	csv_cell_n(b, s, strlen(s), false);
}

static const char *const header[N_COLS][2] = {
	{"单位编码", "Unit code"}, {"单位名称", "Unit name"}, {"一级指标", "Level 1"},
	{"二级指标", "Level 2"}, {"三级指标", "Indicator"}, {"年度指标值", "Annual target"},
	{"实际完成值", "Actual"}, {"分值", "Points"}, {"得分", "Score"}, {"状态", "Status"},
	{"偏差原因", "Reason for deviation"}, {"得分说明", "Explanation"},
};

static void put_record(ps_buf *b, const char *const *cells)
{
	for (int i = 0; i < N_COLS; i++) {
		const char *c = cells[i] ? cells[i] : "";
		csv_cell_n(b, c, strlen(c), i > 0);
	}
	ps_buf_add(b, "\r\n", 2);
}

/* A cell after a ',', of a string whose length its setter kept (0: not
 * kept, count it; NULL: empty). */
static inline void cell_kept(ps_buf *b, const char *s, size_t len)
{
	if (!s)
		s = "", len = 0;
	else if (!len && s[0])
		len = strlen(s);
	csv_cell_n(b, s, len, true);
}

/* The target cell as ps_report_target_text words it, built on the stack. */
static void target_cell(ps_buf *b, const ps_indicator *ind)
{
	if (ind->target.kind != PS_V_NUMBER) {
		cell_kept(b, ind->target_text, ind->target_len);
		return;
	}
	ps_cmp c = ind->cmp != PS_CMP_NONE ? ind->cmp : ind->target.cmp;
	const char *sym = c != PS_CMP_NONE && c != PS_CMP_QUAL ? ps_cmp_symbol(c) : "";
	const char *unit = ind->unit && ind->unit[0] ? ind->unit : ind->target.unit;
	size_t ns = strlen(sym), nu = unit ? strlen(unit) : 0;
	char tmp[256];
	if (!unit || ns + nu + 40 > sizeof tmp) {
		char *t = ps_report_target_text(ind);
		csv_cell_n(b, t ? t : "", t ? strlen(t) : 0, true);
		free(t);
		return;
	}
	char *o = tmp;
	memcpy(o, sym, ns);
	o = report_dec_put(o + ns, ind->target.num, 0, 6);
	memcpy(o, unit, nu);
	o += nu;
	*o = '\0';
	csv_cell_n(b, tmp, (size_t)(o - tmp), true);
}

/* A number cell (empty when there is none) after a ','. */
static inline void number_cell(ps_buf *b, bool has, ps_dec v, int min_dec)
{
	char tmp[40];
	char *e = has ? report_dec_put(tmp, v, min_dec, 6) : tmp;
	*e = '\0';
	csv_cell_n(b, tmp, (size_t)(e - tmp), true);
}

/* The unit's code and name cells start every row: encoded once per unit,
 * at b->s + at, n bytes; copied for the rows after the first. */
typedef struct {
	size_t at, n;
	bool done;
} row_head;

static void put_head(ps_buf *b, row_head *h, const char *code, const char *name)
{
	if (h->done) {
		char *o = report_room(b, h->n);
		memcpy(o, b->s + h->at, h->n);
		report_done(b, o + h->n);
		return;
	}
	h->at = b->n;
	csv_cell_n(b, code, strlen(code), false);
	csv_cell_n(b, name, strlen(name), true);
	h->n = b->n - h->at;
	h->done = true;
}

static int csv_begin(ps_report *r)
{
	ps_buf b = PS_BUF_INIT;
	if (r->opts.bom)
		ps_buf_adds(&b, "\xEF\xBB\xBF");
	const char *cells[N_COLS];
	for (int i = 0; i < N_COLS; i++)
		cells[i] = header[i][r->opts.lang == PS_LANG_EN];
	put_record(&b, cells);
	int rc = report_put(r, &b);
	ps_buf_dispose(&b);
	return rc;
}

static int csv_unit(ps_report *r, const ps_unit_result *u)
{
	bool en = r->opts.lang == PS_LANG_EN;
	ps_buf *b = report_unit_buf(r);
	const char *code = u->unit && u->unit->code ? u->unit->code : "";
	const char *name = u->unit && u->unit->name ? u->unit->name : "";
	row_head head = {0, 0, false};
	report_budget_row br;
	if (report_budget_row_fill(&br, u, r->opts.lang)) {
		const char *cells[N_COLS - 2] = {
			br.name, "", "", br.target, br.actual, br.points, br.score, br.status, "", u->budget.explanation,
		};
		put_head(b, &head, code, name);
		for (int i = 0; i < N_COLS - 2; i++) {
			const char *c = cells[i] ? cells[i] : "";
			csv_cell_n(b, c, strlen(c), true);
		}
		ps_buf_add(b, "\r\n", 2);
	}
	for (size_t i = 0; i < u->n; i++) {
		const ps_ind_result *res = &u->v[i];
		const ps_indicator *ind = res->ind;
		put_head(b, &head, code, name);
		cell_kept(b, ind->level1, ind->level1_len);
		cell_kept(b, ind->level2, ind->level2_len);
		cell_kept(b, ind->name, ind->name_len);
		target_cell(b, ind);
		if (ind->has_actual)
			cell_kept(b, ind->actual_text, ind->actual_len);
		else
			csv_cell_n(b, "", 0, true);
		number_cell(b, ind->has_points, ind->points, 0);
		number_cell(b, res->has_score, res->score, 2);
		const char *status = ps_report_status_word(res->status, r->opts.lang);
		csv_cell_n(b, status, strlen(status), true);
		cell_kept(b, ind->reason, ind->reason_len);
		cell_kept(b, res->explanation, res->explanation_len);
		ps_buf_add(b, "\r\n", 2);
	}
	/* The 合计 row of the form: points and total, the grade (and 百分制 when
	 * the points are not 100) in the explanation column. */
	char points[40], total[40], t100[40];
	report_points(points, u->points_total);
	report_score(total, u->total);
	report_score(t100, u->total_100);
	ps_buf note = PS_BUF_INIT;
	if (u->points_applicable != PS_DEC(100)) {
		ps_buf_adds(&note, en ? "out of 100: " : "百分制");
		ps_buf_adds(&note, t100);
		ps_buf_adds(&note, en ? "; " : "，");
	}
	if (u->capped) {
		report_cap_note(&note, u, r->opts.lang);
		ps_buf_adds(&note, en ? "; " : "，");
	}
	ps_buf_adds(&note, en ? "grade: " : "等级：");
	ps_buf_adds(&note, report_grade(u->grade, r->opts.lang));
	if (!u->final)
		ps_buf_adds(&note, en ? " (not final)" : "（未定稿）");
	const char *cells[N_COLS] = {
		code, name, en ? "Total" : "合计", "", "", "", "", points, total, "", "", note.s,
	};
	put_record(b, cells);
	ps_buf_dispose(&note);
	return report_unit_put(r, b);
}

static int csv_end(ps_report *r, const ps_diags *warnings)
{
	return report_unit_buf_free(r);
}

const report_ops report_csv_ops = {csv_begin, csv_unit, csv_end};
