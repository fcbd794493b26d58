/* header.c: the one table of column aliases (header cell → field) and the
 * search for the header row among title rows, with two-row headers merged. */
#include <stdlib.h>
#include <string.h>
#include "header.h"
#include "perfscore/text.h"

#define MAX_NAME_BYTES 160
#define MAX_HEADER_COLS 1000

#define W PS_PRIO_WEAK
#define N PS_PRIO_NORMAL
#define S PS_PRIO_STRONG

/* Aliases in normalised form (ps_norm_key with brackets stripped: no spaces,
 * no brackets, fullwidth folded, simplified script); English ones in lower
 * case. docs/columns.md lists the same names; tests check both. */
static const struct alias {
	const char *name;
	ps_field field;
	int prio;
	unsigned flags;
} aliases[] = {
	/* budget unit */
	{"单位编码", PS_F_UNIT_CODE, S, 0},
	{"单位代码", PS_F_UNIT_CODE, S, 0},
	{"单位编号", PS_F_UNIT_CODE, N, 0},
	{"预算单位编码", PS_F_UNIT_CODE, S, 0},
	{"预算单位代码", PS_F_UNIT_CODE, S, 0},
	{"部门编码", PS_F_UNIT_CODE, N, 0},
	{"部门代码", PS_F_UNIT_CODE, N, 0},
	{"unit_code", PS_F_UNIT_CODE, N, 0},
	{"单位名称", PS_F_UNIT_NAME, S, 0},
	{"预算单位名称", PS_F_UNIT_NAME, S, 0},
	{"预算单位", PS_F_UNIT_NAME, N, 0},
	{"部门名称", PS_F_UNIT_NAME, N, 0},
	{"单位全称", PS_F_UNIT_NAME, N, 0},
	{"部门单位", PS_F_UNIT_NAME, W, 0},
	{"部门", PS_F_UNIT_NAME, W, 0},
	{"unit_name", PS_F_UNIT_NAME, N, 0},
	/* indicator id */
	{"指标编码", PS_F_ID, S, 0},
	{"指标代码", PS_F_ID, S, 0},
	{"指标编号", PS_F_ID, N, 0},
	{"指标id", PS_F_ID, N, 0},
	{"id", PS_F_ID, N, 0},
	/* levels */
	{"一级指标", PS_F_LEVEL1, S, 0},
	{"一级指标名称", PS_F_LEVEL1, S, 0},
	{"一级", PS_F_LEVEL1, N, 0},
	{"考核项目", PS_F_LEVEL1, N, 0},
	{"指标类别", PS_F_LEVEL1, N, 0},
	{"评价类别", PS_F_LEVEL1, N, 0},
	{"一级分类", PS_F_LEVEL1, N, 0},
	{"level1", PS_F_LEVEL1, N, 0},
	{"二级指标", PS_F_LEVEL2, S, 0},
	{"二级指标名称", PS_F_LEVEL2, S, 0},
	{"二级", PS_F_LEVEL2, N, 0},
	{"考核内容", PS_F_LEVEL2, N, 0},
	{"评价内容", PS_F_LEVEL2, N, 0},
	{"基本指标", PS_F_LEVEL2, N, 0},
	{"二级分类", PS_F_LEVEL2, N, 0},
	{"level2", PS_F_LEVEL2, N, 0},
	{"三级指标", PS_F_NAME, S, 0},
	{"三级指标名称", PS_F_NAME, S, 0},
	{"三级指标内容", PS_F_NAME, S, 0},
	{"三级", PS_F_NAME, N, 0},
	{"指标名称", PS_F_NAME, N, 0},
	{"绩效指标名称", PS_F_NAME, N, 0},
	{"具体指标", PS_F_NAME, N, 0},
	{"考核指标", PS_F_NAME, N, 0},
	{"评价指标", PS_F_NAME, N, 0},
	{"指标内容", PS_F_NAME, N, 0},
	{"指标名", PS_F_NAME, N, 0},
	{"指标项", PS_F_NAME, N, 0},
	{"目标名称", PS_F_NAME, N, 0},
	{"绩效指标", PS_F_NAME, W, 0}, /* often a group cell over 一级/二级/三级 */
	{"指标", PS_F_NAME, W, 0},
	{"name", PS_F_NAME, N, 0},
	{"indicator", PS_F_NAME, N, 0},
	/* comparator */
	{"指标值类型", PS_F_TYPE, S, 0},
	{"指标性质", PS_F_TYPE, S, 0},
	{"指标值性质", PS_F_TYPE, N, 0},
	{"符号", PS_F_TYPE, N, 0},
	{"指标符号", PS_F_TYPE, N, 0},
	{"指标值符号", PS_F_TYPE, N, 0},
	{"比较符", PS_F_TYPE, N, 0},
	{"比较符号", PS_F_TYPE, N, 0},
	{"运算符", PS_F_TYPE, N, 0},
	{"运算符号", PS_F_TYPE, N, 0},
	{"指标类型", PS_F_TYPE, N, 0},
	{"指标方向", PS_F_TYPE, N, 0},
	{"指标属性", PS_F_TYPE, N, 0},
	{"type", PS_F_TYPE, N, 0},
	/* target */
	{"指标值", PS_F_TARGET, S, 0},
	{"年度指标值", PS_F_TARGET, S, 0},
	{"目标值", PS_F_TARGET, S, 0},
	{"年初目标值", PS_F_TARGET, S, 0},
	{"年初指标值", PS_F_TARGET, S, 0},
	{"预期指标值", PS_F_TARGET, S, 0},
	{"绩效目标值", PS_F_TARGET, N, 0},
	{"年度目标值", PS_F_TARGET, N, 0},
	{"全年指标值", PS_F_TARGET, N, 0},
	{"全年目标值", PS_F_TARGET, N, 0},
	{"指标目标值", PS_F_TARGET, N, 0},
	{"绩效指标值", PS_F_TARGET, N, 0},
	{"目标值标准", PS_F_TARGET, N, 0},
	{"指标值标准", PS_F_TARGET, N, 0},
	{"年度工作目标", PS_F_TARGET, N, 0},
	{"年度预期目标", PS_F_TARGET, N, 0},
	{"预期值", PS_F_TARGET, N, 0},
	{"计划值", PS_F_TARGET, N, 0},
	{"考核要求", PS_F_TARGET, W, 0},
	{"预期目标", PS_F_TARGET, W, 0},
	{"标准", PS_F_TARGET, W, 0},
	{"目标", PS_F_TARGET, W, 0},
	{"target", PS_F_TARGET, N, 0},
	/* measurement unit */
	{"计量单位", PS_F_UNIT, S, 0},
	{"度量单位", PS_F_UNIT, S, 0},
	{"计量单位名称", PS_F_UNIT, N, 0},
	{"指标单位", PS_F_UNIT, N, 0},
	{"单位文字描述", PS_F_UNIT, N, 0},
	{"指标值单位", PS_F_UNIT, N, 0},
	{"单位", PS_F_UNIT, N, PS_AF_UNIT_BARE},
	{"unit", PS_F_UNIT, N, 0},
	/* explanation */
	{"指标解释", PS_F_EXPLAIN, S, 0},
	{"指标说明", PS_F_EXPLAIN, S, 0},
	{"指标解释说明", PS_F_EXPLAIN, N, 0},
	{"指标定义", PS_F_EXPLAIN, N, 0},
	{"指标释义", PS_F_EXPLAIN, N, 0},
	{"指标内涵", PS_F_EXPLAIN, N, 0},
	{"评价要点", PS_F_EXPLAIN, W, 0},
	{"explain", PS_F_EXPLAIN, N, 0},
	/* scoring rule text */
	{"评扣分标准", PS_F_RULE, S, 0},
	{"评分标准", PS_F_RULE, S, 0},
	{"评分规则", PS_F_RULE, S, 0},
	{"扣分标准", PS_F_RULE, S, 0},
	{"计分方法", PS_F_RULE, S, 0},
	{"评分细则", PS_F_RULE, S, 0},
	{"考核细则", PS_F_RULE, N, 0},
	{"评价标准", PS_F_RULE, N, 0},
	{"评价标准及依据", PS_F_RULE, N, 0},
	{"计分办法", PS_F_RULE, N, 0},
	{"折算计分办法", PS_F_RULE, N, 0},
	{"得分计算方法", PS_F_RULE, N, 0},
	{"赋分细则", PS_F_RULE, N, 0},
	{"赋分标准", PS_F_RULE, N, 0},
	{"评分依据", PS_F_RULE, N, 0},
	{"评分原则", PS_F_RULE, N, 0},
	{"评分方法", PS_F_RULE, N, 0},
	{"评分办法", PS_F_RULE, N, 0},
	{"评分说明", PS_F_RULE, N, 0},
	{"评分标准及考核办法", PS_F_RULE, N, 0},
	{"评分标准及方法", PS_F_RULE, N, 0},
	{"评扣分细则", PS_F_RULE, N, 0},
	{"扣分细则", PS_F_RULE, N, 0},
	{"计分标准", PS_F_RULE, N, 0},
	{"考评办法", PS_F_RULE, N, 0},
	{"考评标准", PS_F_RULE, N, 0},
	{"考核标准", PS_F_RULE, N, 0},
	{"考核办法", PS_F_RULE, N, 0},
	{"检查考评标准", PS_F_RULE, N, 0},
	{"打分标准", PS_F_RULE, N, 0},
	{"评分要点", PS_F_RULE, N, 0},
	{"评分标准及说明", PS_F_RULE, N, 0},
	{"评分方法及标准", PS_F_RULE, N, 0},
	{"指标说明及评分标准", PS_F_RULE, N, 0},
	{"rule", PS_F_RULE, N, 0},
	/* canonical rule form */
	{"计分规则", PS_F_DSL, S, 0},
	{"规则", PS_F_DSL, W, 0},
	{"dsl", PS_F_DSL, N, 0},
	{"rule_dsl", PS_F_DSL, N, 0},
	/* points */
	{"分值", PS_F_POINTS, S, 0},
	{"权重", PS_F_POINTS, S, 0},
	{"指标分值", PS_F_POINTS, S, 0},
	{"指标权重", PS_F_POINTS, S, 0},
	{"指标权重分", PS_F_POINTS, S, 0},
	{"标准分", PS_F_POINTS, N, 0},
	{"标准分值", PS_F_POINTS, N, 0},
	{"基础分值", PS_F_POINTS, N, 0},
	{"满分", PS_F_POINTS, N, 0},
	{"满分值", PS_F_POINTS, N, 0},
	{"指标满分", PS_F_POINTS, N, 0},
	{"应得分", PS_F_POINTS, N, 0},
	{"权数", PS_F_POINTS, N, 0},
	{"权重分", PS_F_POINTS, N, 0},
	{"权重分值", PS_F_POINTS, N, 0},
	{"分数", PS_F_POINTS, N, 0},
	{"指标分数", PS_F_POINTS, N, 0},
	{"配分", PS_F_POINTS, N, 0},
	{"赋分", PS_F_POINTS, N, 0},
	{"计划分值", PS_F_POINTS, N, 0},
	{"points", PS_F_POINTS, N, 0},
	{"备注", PS_F_REMARK, N, 0},
	{"附注", PS_F_REMARK, N, 0},
	{"remark", PS_F_REMARK, N, 0},
	/* actual value */
	{"实际完成值", PS_F_ACTUAL, S, 0},
	{"实际值", PS_F_ACTUAL, S, 0},
	{"完成值", PS_F_ACTUAL, S, 0},
	{"全年实际值", PS_F_ACTUAL, S, 0},
	{"全年完成值", PS_F_ACTUAL, S, 0},
	{"年终完成值", PS_F_ACTUAL, S, 0},
	{"全年实际完成值", PS_F_ACTUAL, S, 0},
	{"年度实际完成值", PS_F_ACTUAL, S, 0},
	{"单项指标实际完成值", PS_F_ACTUAL, S, 0},
	{"实际完成指标值", PS_F_ACTUAL, N, 0},
	{"实际指标值", PS_F_ACTUAL, N, 0},
	{"实际完成数", PS_F_ACTUAL, N, 0},
	{"实际完成", PS_F_ACTUAL, N, 0},
	{"实际达到值", PS_F_ACTUAL, N, 0},
	{"实际数", PS_F_ACTUAL, N, 0},
	{"实现值", PS_F_ACTUAL, N, 0},
	{"完成量", PS_F_ACTUAL, N, 0},
	{"完成数", PS_F_ACTUAL, N, 0},
	{"年度完成值", PS_F_ACTUAL, N, 0},
	{"实际执行值", PS_F_ACTUAL, N, 0},
	{"全年完成情况", PS_F_ACTUAL, W, 0},
	{"实际完成情况", PS_F_ACTUAL, W, 0},
	{"完成情况", PS_F_ACTUAL, W, 0},
	{"actual", PS_F_ACTUAL, N, 0},
	/* given score */
	{"得分", PS_F_SCORE, S, 0},
	{"自评得分", PS_F_SCORE, S, 0},
	{"自评分", PS_F_SCORE, S, 0},
	{"自评分数", PS_F_SCORE, N, 0},
	{"单位自评得分", PS_F_SCORE, N, 0},
	{"单项指标得分", PS_F_SCORE, N, 0},
	{"单项指标折算得分", PS_F_SCORE, N, 0},
	{"指标得分", PS_F_SCORE, N, 0},
	{"实得分", PS_F_SCORE, N, 0},
	{"实际得分", PS_F_SCORE, N, 0},
	{"考评得分", PS_F_SCORE, N, 0},
	{"评价得分", PS_F_SCORE, N, 0},
	{"最终得分", PS_F_SCORE, N, 0},
	{"复核分", PS_F_SCORE, W, 0},
	{"复核得分", PS_F_SCORE, W, 0},
	{"考核分", PS_F_SCORE, W, 0},
	{"考核得分", PS_F_SCORE, W, 0},
	{"score", PS_F_SCORE, N, 0},
	/* reasons for a shortfall */
	{"偏差原因", PS_F_REASON, S, 0},
	{"偏差原因分析及改进措施", PS_F_REASON, S, 0},
	{"偏差原因分析", PS_F_REASON, S, 0},
	{"偏差原因及改进措施", PS_F_REASON, S, 0},
	{"未完成原因分析", PS_F_REASON, S, 0},
	{"未完成原因", PS_F_REASON, N, 0},
	{"未完成原因分析及改进措施", PS_F_REASON, S, 0},
	{"未完成原因及拟采取的改进措施", PS_F_REASON, S, 0},
	{"未完成原因及改进措施", PS_F_REASON, N, 0},
	{"扣分原因和其他说明", PS_F_REASON, N, 0},
	{"扣分原因", PS_F_REASON, N, 0},
	{"偏差说明", PS_F_REASON, N, 0},
	{"差异原因", PS_F_REASON, N, 0},
	{"原因分析", PS_F_REASON, N, 0},
	{"原因", PS_F_REASON, W, 0},
	{"说明", PS_F_REASON, W, 0},
	{"reason", PS_F_REASON, N, 0},
	/* not applicable */
	{"不适用", PS_F_NA, S, 0},
	{"是否不适用", PS_F_NA, S, 0},
	{"不适用标记", PS_F_NA, N, 0},
	{"是否适用", PS_F_NA, S, PS_AF_NA_INVERTED},
	{"适用", PS_F_NA, N, PS_AF_NA_INVERTED},
	{"na", PS_F_NA, N, 0},
	{"not_applicable", PS_F_NA, N, 0},
};

#undef W
#undef N
#undef S

/* Endings that do not change what a column is: "(A)"/"(B)" markers (and
 * their OCR form 八), a unit of the column ("(分)", "(%)", "(万元)"). */
static const char *const suffixes[] = {"分", "%", "万元", "元", "八"};

static const struct alias *find(const char *key)
{
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(aliases[i].name, key) == 0)
			return &aliases[i];
	return NULL;
}

static bool strip_suffix(char *key)
{
	size_t n = strlen(key);
	if (n > 1 && ((key[n - 1] >= 'a' && key[n - 1] <= 'z') || (key[n - 1] >= 'A' && key[n - 1] <= 'Z')) &&
	    (unsigned char)key[n - 2] >= 0x80) {
		key[n - 1] = '\0';
		return true;
	}
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t m = strlen(suffixes[i]);
		if (n > m && strcmp(key + n - m, suffixes[i]) == 0) {
			key[n - m] = '\0';
			return true;
		}
	}
	return false;
}

/* Try key as it is, then with up to three neutral endings dropped. */
static const struct alias *find_stripped(char *key)
{
	const struct alias *a = NULL;
	for (int tries = 0; *key && tries < 4; tries++)
		if ((a = find(key)) != NULL || !strip_suffix(key))
			break;
	return a;
}

/* The cell without its bracketed asides: "指标值（包含数字及文字描述）" →
 * "指标值", "评（扣）分标准" → "评分标准", "部门（单位）名称" → "部门名称". */
static char *without_asides(const char *cell, size_t len)
{
	ps_buf b = PS_BUF_INIT;
	int depth = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int k = ps_utf8_decode(cell + i, len - i, &cp);
		if (k <= 0)
			k = 1, cp = 0xFFFD;
		cp = ps_fold_cp(cp);
		if (cp == '(' || cp == '[' || cp == 0x3010)
			depth++;
		else if ((cp == ')' || cp == ']' || cp == 0x3011) && depth > 0)
			depth--;
		else if (depth == 0)
			ps_buf_add(&b, cell + i, (size_t)k);
		i += (size_t)k;
	}
	char *key = ps_norm_key(b.s ? b.s : "", b.n, true);
	ps_buf_dispose(&b);
	return key;
}

ps_field ps_alias_lookup(const char *cell, size_t len, int *prio, unsigned *flags)
{
	char *key = ps_norm_key(cell, len, true);
	const struct alias *a = NULL;
	bool ascii = true;
	for (char *p = key; *p; p++) {
		if ((unsigned char)*p >= 0x80)
			ascii = false;
	}
	if (ascii) { /* English names: any case, '-' for '_' */
		for (char *p = key; *p; p++)
			*p = *p == '-' ? '_' : (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
		a = find(key);
	} else {
		a = find_stripped(key);
		if (!a) {
			char *k2 = without_asides(cell, len);
			a = find_stripped(k2);
			free(k2);
		}
	}
	free(key);
	if (prio)
		*prio = a ? a->prio : 0;
	if (flags)
		*flags = a ? a->flags : 0;
	return a ? a->field : PS_F_NONE;
}

ps_field ps_field_lookup(const char *cell, size_t len)
{
	return ps_alias_lookup(cell, len, NULL, NULL);
}

const char *ps_alias_at(size_t i, ps_field *field)
{
	if (i >= sizeof aliases / sizeof aliases[0])
		return NULL;
	if (field)
		*field = aliases[i].field;
	return aliases[i].name;
}

static const char *const field_names[PS_F__COUNT] = {
	[PS_F_NONE] = "none",         [PS_F_UNIT_CODE] = "unit_code", [PS_F_UNIT_NAME] = "unit_name",
	[PS_F_ID] = "id",             [PS_F_LEVEL1] = "level1",       [PS_F_LEVEL2] = "level2",
	[PS_F_NAME] = "name",         [PS_F_TYPE] = "type",           [PS_F_TARGET] = "target",
	[PS_F_UNIT] = "unit",         [PS_F_EXPLAIN] = "explain",     [PS_F_RULE] = "rule",
	[PS_F_DSL] = "dsl",           [PS_F_POINTS] = "points",       [PS_F_REMARK] = "remark",
	[PS_F_ACTUAL] = "actual",     [PS_F_SCORE] = "score",         [PS_F_REASON] = "reason",
	[PS_F_NA] = "na",
};

const char *ps_field_name(ps_field f)
{
	return (unsigned)f < PS_F__COUNT ? field_names[f] : "none";
}

/* A row read as a header: each column's field and priority, with each field
 * kept only in the column that names it most surely (first on a tie). */
typedef struct {
	ps_field *f;
	int *prio;
	unsigned *flags;
	const ps_csv_row **from; /* the row whose cell named each column */
	size_t n;
	size_t nfields, nonempty_unmapped;
	bool has[PS_F__COUNT];
} rowmap;

static void rowmap_resolve(rowmap *m)
{
	int best[PS_F__COUNT];
	size_t at[PS_F__COUNT];
	for (int i = 0; i < PS_F__COUNT; i++)
		best[i] = 0, at[i] = 0;
	for (size_t c = 0; c < m->n; c++)
		if (m->f[c] != PS_F_NONE && m->prio[c] > best[m->f[c]])
			best[m->f[c]] = m->prio[c], at[m->f[c]] = c;
	memset(m->has, 0, sizeof m->has);
	m->nfields = 0;
	for (size_t c = 0; c < m->n; c++) {
		ps_field f = m->f[c];
		if (f == PS_F_NONE)
			continue;
		if (at[f] != c) {
			m->f[c] = PS_F_NONE;
			m->prio[c] = 0;
			continue;
		}
		m->has[f] = true;
		m->nfields++;
	}
}

static void rowmap_init(rowmap *m, const ps_csv_row *row, size_t ncol)
{
	m->n = ncol;
	m->f = ps_xcalloc(ncol ? ncol : 1, sizeof *m->f);
	m->prio = ps_xcalloc(ncol ? ncol : 1, sizeof *m->prio);
	m->flags = ps_xcalloc(ncol ? ncol : 1, sizeof *m->flags);
	m->from = ps_xcalloc(ncol ? ncol : 1, sizeof *m->from);
	m->nonempty_unmapped = 0;
	for (size_t c = 0; row && c < row->n && c < ncol; c++) {
		m->from[c] = row;
		/* no column name is this long, and no header this wide: bounded
		 * work on rows of a million cells */
		if (row->len[c] <= MAX_NAME_BYTES && c < MAX_HEADER_COLS)
			m->f[c] = ps_alias_lookup(row->f[c], row->len[c], &m->prio[c], &m->flags[c]);
		if (m->f[c] == PS_F_NONE) {
			const char *s = row->f[c];
			if (ps_trim(&s, row->len[c]) > 0)
				m->nonempty_unmapped++;
		}
	}
	rowmap_resolve(m);
}

static void rowmap_dispose(rowmap *m)
{
	free(m->from);
	free(m->f);
	free(m->prio);
	free(m->flags);
}

static bool qualifies(const rowmap *m, ps_hdr_kind kind, bool relaxed)
{
	if (kind == PS_HDR_ACTUALS)
		return (m->has[PS_F_NAME] || m->has[PS_F_ID]) &&
		       (m->has[PS_F_ACTUAL] || m->has[PS_F_SCORE] || m->has[PS_F_NA]);
	if (relaxed)
		return m->has[PS_F_NAME] && m->nfields >= 2;
	return m->nfields >= 3 && (m->has[PS_F_NAME] || (m->has[PS_F_LEVEL1] && m->has[PS_F_LEVEL2]));
}

static bool cell_blank(const ps_csv_row *r, size_t c)
{
	if (c >= r->n)
		return true;
	const char *s = r->f[c];
	return ps_trim(&s, r->len[c]) == 0;
}

/* Does row b (under header row a) carry the second line of the header? It
 * must look like a header (no more unknown text than names) and name
 * something a left open: a blank cell, a group label, or a new field. */
static bool completes(const rowmap *a, const ps_csv_row *arow, const rowmap *b)
{
	if (b->nfields == 0 || b->nonempty_unmapped > b->nfields)
		return false;
	for (size_t c = 0; c < b->n; c++) {
		if (b->f[c] == PS_F_NONE)
			continue;
		if (c >= a->n || cell_blank(arow, c) || a->prio[c] == PS_PRIO_WEAK || !a->has[b->f[c]])
			return true;
	}
	return false;
}

/* Work out once what ps_header_repeats compares on every row. */
static void repeat_probe(ps_header *h)
{
	size_t named = 0;
	h->nrep = 0;
	for (size_t c = 0; c < h->ncol; c++) {
		if (h->col[c] == PS_F_NONE)
			continue;
		named++;
		if (!h->text[c][0])
			continue;
		h->rep[h->nrep].col = c;
		h->rep[h->nrep].len = strlen(h->text[c]);
		size_t k = h->rep[h->nrep].len < 4 ? h->rep[h->nrep].len : 4;
		uint32_t pre = 0, mask = 0;
		memcpy(&pre, h->text[c], k);
		memset(&mask, 0xFF, k);
		h->rep[h->nrep].pre = pre;
		h->rep[h->nrep].mask = mask;
		h->nrep++;
	}
	h->rep_want = named < 3 ? named : 3;
}

static void header_from(ps_header *h, const rowmap *m, const ps_csv_row *rows, size_t first,
                        size_t nrows)
{
	h->ncol = m->n;
	h->col = ps_xcalloc(m->n ? m->n : 1, sizeof *h->col);
	h->text = ps_xcalloc(m->n ? m->n : 1, sizeof *h->text);
	for (int i = 0; i < PS_F__COUNT; i++) {
		h->idx[i] = -1;
		h->flags[i] = 0;
		h->prio[i] = 0;
	}
	for (size_t c = 0; c < m->n; c++) {
		const ps_csv_row *r = m->from[c] ? m->from[c] : &rows[first];
		const char *s = c < r->n ? r->f[c] : "";
		size_t n = c < r->n ? ps_trim(&s, r->len[c]) : 0;
		h->text[c] = ps_xstrndup(s, n);
		h->col[c] = m->f[c];
		if (m->f[c] != PS_F_NONE) {
			h->idx[m->f[c]] = (int)c;
			h->flags[m->f[c]] = m->flags[c];
			h->prio[m->f[c]] = m->prio[c];
		}
	}
	h->first = first;
	h->nrows = nrows;
	h->rep = ps_xmalloc((m->n ? m->n : 1) * sizeof *h->rep);
	repeat_probe(h);
}

/* Copy column c of map src into dst. */
static void take_col(rowmap *dst, const rowmap *src, size_t c)
{
	dst->f[c] = src->f[c];
	dst->prio[c] = src->prio[c];
	dst->flags[c] = src->flags[c];
	dst->from[c] = src->from[c];
}

static size_t maxz(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* The header row a merged with the row below it (b), which names columns a
 * leaves open. */
static void merge_below(rowmap *a, const rowmap *b)
{
	rowmap m;
	rowmap_init(&m, NULL, b->n);
	for (size_t c = 0; c < b->n; c++) {
		if (b->f[c] != PS_F_NONE)
			take_col(&m, b, c);
		else if (c < a->n)
			take_col(&m, a, c);
	}
	rowmap_resolve(&m);
	rowmap_dispose(a);
	*a = m;
}

/* A column the header names nothing in and whose header cell is blank. */
static bool open_col(const rowmap *a, size_t c)
{
	return c >= a->n || (a->f[c] == PS_F_NONE && (!a->from[c] || cell_blank(a->from[c], c)));
}

/* Fields named only in the row above the header, over columns the header
 * leaves blank: 单位编码 | 单位名称 in the first row of a three-row header
 * whose indicator columns are named in the second (Hunan 整体支出表). */
static void adopt_above(rowmap *a, const ps_csv_row *above)
{
	rowmap up;
	rowmap_init(&up, above, above->n);
	/* only sure names: a stray 单位 in a title row must not become a column */
	for (size_t c = 0; c < up.n; c++)
		if (up.prio[c] < PS_PRIO_STRONG)
			up.f[c] = PS_F_NONE;
	bool any = false;
	for (size_t c = 0; c < up.n && !any; c++)
		any = up.f[c] != PS_F_NONE && !a->has[up.f[c]] && open_col(a, c);
	if (any) {
		rowmap m;
		rowmap_init(&m, NULL, maxz(a->n, up.n));
		for (size_t c = 0; c < m.n; c++) {
			if (c < up.n && up.f[c] != PS_F_NONE && !a->has[up.f[c]] && open_col(a, c))
				take_col(&m, &up, c);
			else if (c < a->n)
				take_col(&m, a, c);
		}
		rowmap_resolve(&m);
		rowmap_dispose(a);
		*a = m;
	}
	rowmap_dispose(&up);
}

bool ps_header_detect(ps_header *h, const ps_csv_row *rows, size_t n, ps_hdr_kind kind)
{
	memset(h, 0, sizeof *h);
	for (int pass = 0; pass < 2; pass++) {
		bool relaxed = pass == 1;
		if (relaxed && kind == PS_HDR_ACTUALS)
			break;
		for (size_t i = 0; i < n; i++) {
			rowmap a;
			rowmap_init(&a, &rows[i], rows[i].n);
			if (!qualifies(&a, kind, relaxed)) {
				rowmap_dispose(&a);
				continue;
			}
			size_t nrows = 1;
			if (i + 1 < n) {
				rowmap b;
				rowmap_init(&b, &rows[i + 1], maxz(rows[i].n, rows[i + 1].n));
				if (completes(&a, &rows[i], &b)) {
					merge_below(&a, &b);
					nrows = 2;
				}
				rowmap_dispose(&b);
			}
			if (i > 0)
				adopt_above(&a, &rows[i - 1]);
			header_from(h, &a, rows, i, nrows);
			rowmap_dispose(&a);
			return true;
		}
	}
	return false;
}

void ps_header_dispose(ps_header *h)
{
	for (size_t c = 0; c < h->ncol; c++)
		free(h->text[c]);
	free(h->text);
	free(h->col);
	free(h->rep);
	h->rep = NULL;
	h->nrep = h->rep_want = 0;
	h->col = NULL;
	h->ncol = 0;
}

/* The first bytes of the white space ps_trim drops: ASCII space and
 * \t..\r, and the lead bytes of U+00A0, U+200B, U+3000 and U+FEFF. */
static const bool trim_lead[256] = {
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true, ['\r'] = true,
	[0xC2] = true, [0xE2] = true, [0xE3] = true, [0xEF] = true,
};

/* rep_hit for a cell that trimming may change (s[0..len), len at least
 * the header text's length): trimmed, is it the header text? */
static __attribute__((noinline)) bool rep_hit_trimmed(const char *text, size_t tlen, const char *s, size_t len)
{
	size_t n = ps_trim(&s, len);
	return n == tlen && memcmp(s, text, n) == 0;
}

/* Is the cell s[0..len) (len at least p->len), trimmed, the header text
 * of its column? Most cells differ from the header cell in their first
 * bytes, unless the first is white space trimming would drop. */
static inline bool rep_hit(const ps_header *h, const struct ps_header_rep *p, const char *s, size_t len)
{
	if (trim_lead[(unsigned char)s[0]])
		return rep_hit_trimmed(h->text[p->col], p->len, s, len);
	uint32_t w;
	memcpy(&w, s, 4); /* the reader's padding: readable */
	if ((w & p->mask) != p->pre)
		return false;
	/* nothing to trim at the start; trimming the end of a longer cell
	 * leaves the header's length at best */
	if (len == p->len)
		return memcmp(s, h->text[p->col], len) == 0;
	return rep_hit_trimmed(h->text[p->col], p->len, s, len);
}

bool ps_header_repeats(const ps_header *h, const ps_csv_row *row)
{
	/* byte comparison with the header's own cells: cheap enough to run on
	 * every row of a large file */
	size_t want = h->rep_want, nrep = h->nrep, same = 0;
	if (want == 0 || nrep < want)
		return false;
	/* stop at the first miss too many for the cells left to make up the
	 * count, or at the count */
	size_t misses = nrep - want + 1;
	const struct ps_header_rep *rep = h->rep;
	char *const *f = row->f;
	const size_t *lens = row->len;
	size_t ncell = row->n;
	for (size_t k = 0; k < nrep; k++) {
		const struct ps_header_rep *p = &rep[k];
		size_t c = p->col;
		if (c >= ncell)
			return false; /* and so are the columns after it */
		/* trimming only shortens: most data cells (codes, signs, numbers)
		 * are shorter than the header's words, so the length goes first */
		if (lens[c] >= p->len && rep_hit(h, p, f[c], lens[c])) {
			if (++same == want)
				return true;
		} else if (--misses == 0) {
			return false;
		}
	}
	return false;
}

void ps_header_unset(ps_header *h, ps_field f)
{
	if (h->idx[f] >= 0)
		h->col[h->idx[f]] = PS_F_NONE;
	h->idx[f] = -1;
	h->flags[f] = 0;
	h->prio[f] = 0;
	if (h->rep)
		repeat_probe(h);
}

void ps_header_set(ps_header *h, size_t c, ps_field f)
{
	if (c >= h->ncol)
		return;
	if (h->col[c] != PS_F_NONE)
		h->idx[h->col[c]] = -1;
	ps_header_unset(h, f);
	h->col[c] = f;
	h->idx[f] = (int)c;
	h->prio[f] = PS_PRIO_NORMAL;
	if (h->rep)
		repeat_probe(h);
}
