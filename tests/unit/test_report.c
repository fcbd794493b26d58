/* test_report.c: the report formatters on hand-built results: JSON keys and
 * numbers, CSV quoting and formula neutralising, table alignment with CJK. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include "perfscore/perfscore.h"

/* A unit of three indicators built by hand, the way ps_score_unit would. */
typedef struct {
	ps_indicator ind[3];
	ps_ind_result res[3];
	ps_subtotal sub[2];
	ps_unit unit;
	ps_unit_result u;
} fixture;

static void set_ind(ps_indicator *ind, const char *l1, const char *l2, const char *name,
                    const char *target, ps_cmp cmp, const char *unit, int points,
                    const char *actual, uint32_t line)
{
	memset(ind, 0, sizeof *ind);
	ind->id = ind->unit_code = ind->unit_name = ind->type_text = ind->explain = "";
	ind->rule_dsl = ind->remark = ind->reason = "";
	ind->level1 = (char *)l1;
	ind->level2 = (char *)l2;
	ind->name = (char *)name;
	ind->target_text = (char *)target;
	ind->cmp = cmp;
	ind->target.kind = PS_V_NUMBER;
	ps_dec_parse(&ind->target.num, target, strlen(target));
	ind->unit = (char *)unit;
	ind->rule_text = "达到100%得满分，每下降1%扣1分";
	ind->points = PS_DEC(points);
	ind->has_points = true;
	ind->pos = (ps_pos){"targets.csv", line, 0, -1};
	if (actual) {
		ind->has_actual = true;
		ind->actual_text = (char *)actual;
		ind->actual_pos = (ps_pos){"actuals.csv", line - 2, 0, -1};
	}
}

static void build(fixture *f)
{
	memset(f, 0, sizeof *f);
	set_ind(&f->ind[0], "成本指标", "经济成本指标", "整改完成率", "100", PS_CMP_GE, "%", 20, "97%", 4);
	set_ind(&f->ind[1], "满意度指标", "服务对象满意度指标", "通过项目实施，民众对生态环境满意度上升",
	        "100", PS_CMP_GE, "%", 10, "96%", 13);
	set_ind(&f->ind[2], "满意度指标", "服务对象满意度指标", "Response rate", "90", PS_CMP_GE, "%", 5,
	        NULL, 14);
	f->ind[1].reason = "问卷中对噪声投诉处理时效评价偏低";
	ps_status st[3] = {PS_ST_SCORED, PS_ST_DEFAULT_RULE, PS_ST_MISSING};
	ps_dec sc[3] = {PS_DEC(17), PS_DEC(96) / 10, 0};
	const char *canon[3] = {"x>=100 => full; per 1% below => -1", "x>=100 => 10", ""};
	const char *expl[3] = {"目标≥100%，实际97%，低3个百分点，每1%扣1分，扣3分，得17分（满分20分）",
	                       "规则未覆盖实际值，按默认方法：96÷100×10=9.6", "缺实际值"};
	for (int i = 0; i < 3; i++) {
		f->res[i].ind = &f->ind[i];
		f->res[i].status = st[i];
		f->res[i].has_score = i < 2;
		f->res[i].score = sc[i];
		f->res[i].canonical = (char *)canon[i];
		f->res[i].explanation = (char *)expl[i];
		f->res[i].rule_source = PS_RS_TEXT;
	}
	f->res[0].bonus = PS_DEC(1) / 2;
	f->sub[0] = (ps_subtotal){"成本指标", PS_DEC(20), PS_DEC(17)};
	f->sub[1] = (ps_subtotal){"满意度指标", PS_DEC(15), PS_DEC(96) / 10};
	f->unit.code = "089012";
	f->unit.name = "衡阳市生态环境局常宁分局";
	f->u.unit = &f->unit;
	f->u.v = f->res;
	f->u.n = 3;
	f->u.sub = f->sub;
	f->u.n_sub = 2;
	f->u.points_total = PS_DEC(35);
	f->u.points_applicable = PS_DEC(35);
	f->u.total = PS_DEC(266) / 10;
	f->u.total_100 = INT64_C(76000000); /* 26.6/35 = 76 */
	f->u.grade = "中";
	f->u.final = false;
	f->u.n_missing = 1;
}

/* Render units with the given options into a malloc'd string. */
static char *render(const ps_report_options *opts, const ps_unit_result *u, size_t n_units,
                    const ps_diags *warnings)
{
	/* the stream's buffer pointer lives on the heap: GCC's -O3 dangling-pointer
	 * analysis cannot see open_memstream writing a local through its address */
	char **outp = calloc(1, sizeof *outp);
	size_t len = 0;
	assert_non_null(outp);
	FILE *fp = open_memstream(outp, &len);
	assert_non_null(fp);
	ps_report *r = NULL;
	assert_int_equal(ps_report_begin(&r, fp, opts), PS_OK);
	for (size_t i = 0; i < n_units; i++)
		assert_int_equal(ps_report_unit(r, &u[i]), PS_OK);
	assert_int_equal(ps_report_end(r, warnings), PS_OK);
	fclose(fp);
	char *out = *outp;
	free(outp);
	if (getenv("TEST_REPORT_SHOW")) /* to look at the output by eye */
		fputs(out, stderr);
	return out;
}

static void one_warning(ps_diags *d)
{
	ps_diags_add(d, PS_D_RULE_UNCOVERED, ((ps_pos){"targets.csv", 13, 2, -1}), "rule does not cover 96%%");
	ps_diags_add(d, PS_D_RULE_TYPO, ((ps_pos){"targets.csv", 13, 0, -1}), "read 扣守为止 as 扣完为止");
}

static void t_json_keys_and_numbers(void **state)
{
	fixture f;
	build(&f);
	ps_diags d = PS_DIAGS_INIT;
	one_warning(&d);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_JSON;
	char *s = render(&o, &f.u, 1, &d);
	/* Numbers straight from ps_dec text: no float noise, no trailing zeros. */
	assert_non_null(strstr(s, "\"score\": 9.6,"));
	assert_non_null(strstr(s, "\"score\": 17,"));
	assert_non_null(strstr(s, "\"total\": 26.6,"));
	assert_non_null(strstr(s, "\"total_100\": 76,"));
	assert_non_null(strstr(s, "\"bonus\": 0.5,"));
	assert_non_null(strstr(s, "{\n  \"units\": [\n    {\n      \"unit_code\": \"089012\","));
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *units = cJSON_GetObjectItemCaseSensitive(root, "units");
	assert_int_equal(cJSON_GetArraySize(units), 1);
	cJSON *u = cJSON_GetArrayItem(units, 0);
	const char *ukeys[] = {"unit_code", "unit_name", "points_total", "points_applicable", "total",
	                       "total_100", "grade", "final", "subtotals", "indicators"};
	for (size_t i = 0; i < sizeof ukeys / sizeof ukeys[0]; i++)
		assert_non_null(cJSON_GetObjectItemCaseSensitive(u, ukeys[i]));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(u, "grade")->valuestring, "中");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(u, "final")));
	cJSON *sub0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(u, "subtotals"), 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(sub0, "level1")->valuestring, "成本指标");
	cJSON *inds = cJSON_GetObjectItemCaseSensitive(u, "indicators");
	assert_int_equal(cJSON_GetArraySize(inds), 3);
	cJSON *i0 = cJSON_GetArrayItem(inds, 0);
	const char *ikeys[] = {"id", "level1", "level2", "name", "type", "target", "unit", "actual",
	                       "points", "score", "status", "rule", "explanation", "reason", "source",
	                       "actual_source"};
	for (size_t i = 0; i < sizeof ikeys / sizeof ikeys[0]; i++)
		assert_non_null(cJSON_GetObjectItemCaseSensitive(i0, ikeys[i]));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(i0, "type")->valuestring, "≥");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(i0, "status")->valuestring, "scored");
	cJSON *rule = cJSON_GetObjectItemCaseSensitive(i0, "rule");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(rule, "canonical")->valuestring,
	                    "x>=100 => full; per 1% below => -1");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(rule, "source")->valuestring, "text");
	cJSON *src = cJSON_GetObjectItemCaseSensitive(i0, "source");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(src, "file")->valuestring, "targets.csv");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(src, "line")->valueint, 4);
	/* bonus only where nonzero; a missing actual is null, score too. */
	cJSON *i2 = cJSON_GetArrayItem(inds, 2);
	assert_null(cJSON_GetObjectItemCaseSensitive(i2, "bonus"));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(i2, "score")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(i2, "actual")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(i2, "actual_source")));
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(i2, "status")->valuestring, "missing");
	/* Warnings: the note is left out. */
	cJSON *w = cJSON_GetObjectItemCaseSensitive(root, "warnings");
	assert_int_equal(cJSON_GetArraySize(w), 1);
	cJSON *w0 = cJSON_GetArrayItem(w, 0);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(w0, "file")->valuestring, "targets.csv");
	assert_int_equal(cJSON_GetObjectItemCaseSensitive(w0, "line")->valueint, 13);
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(w0, "code")->valuestring, "rule-uncovered");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(w0, "level")->valuestring, "warning");
	assert_string_equal(cJSON_GetObjectItemCaseSensitive(w0, "message")->valuestring,
	                    "rule does not cover 96%");
	cJSON_Delete(root);
	free(s);
	ps_diags_dispose(&d);
}

static void t_json_empty(void **state)
{
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_JSON;
	char *s = render(&o, NULL, 0, NULL);
	assert_string_equal(s, "{\n  \"units\": [],\n  \"warnings\": []\n}\n");
	free(s);
}

static void t_ndjson(void **state)
{
	fixture f[2];
	build(&f[0]);
	build(&f[1]);
	f[1].unit.code = "089013";
	ps_unit_result us[2] = {f[0].u, f[1].u};
	ps_diags d = PS_DIAGS_INIT;
	one_warning(&d);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_NDJSON;
	char *s = render(&o, us, 2, &d);
	char *line2 = strchr(s, '\n') + 1, *line3 = strchr(line2, '\n') + 1;
	assert_non_null(strstr(line2, "\"unit_code\":\"089013\""));
	assert_int_equal(strncmp(line3, "{\"warnings\":[{\"file\":\"targets.csv\",\"line\":13,", 44), 0);
	assert_string_equal(strchr(line3, '\n'), "\n");
	for (char *p = s; *p; p++)
		assert_true(*p != '\t');
	free(s);
	ps_diags_dispose(&d);
}

static char *cell(const char *in)
{
	ps_buf b = PS_BUF_INIT;
	ps_report_csv_cell(&b, in);
	return ps_buf_detach(&b);
}

#define CELL(in, want)                                                                             \
	do {                                                                                       \
		char *got_ = cell(in);                                                             \
		assert_string_equal(got_, want);                                                   \
		free(got_);                                                                        \
	} while (0)

static void t_csv_cells(void **state)
{
	CELL("整改完成率", "整改完成率");
	CELL("=SUM(A1:A9)", "'=SUM(A1:A9)");
	CELL("+1", "'+1");
	CELL("@cmd", "'@cmd");
	CELL("-", "'-");
	CELL("-1+2", "'-1+2");
	CELL("\tx", "'\tx");
	CELL("-12.5", "-12.5");
	CELL("-3%", "-3%");
	CELL("17.00", "17.00");
	CELL("a,b", "\"a,b\"");
	CELL("say \"hi\"", "\"say \"\"hi\"\"\"");
	CELL("=1,2", "\"'=1,2\"");
	CELL("two\nlines", "\"two\nlines\"");
	CELL("", "");
}

static void t_csv_report(void **state)
{
	fixture f;
	build(&f);
	f.ind[0].name = "=HYPERLINK(\"x\")";
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_CSV;
	o.bom = true;
	char *s = render(&o, &f.u, 1, NULL);
	const char *head = "\xEF\xBB\xBF单位编码,单位名称,一级指标,二级指标,三级指标,年度指标值,"
	                   "实际完成值,分值,得分,状态,偏差原因,得分说明\r\n";
	assert_int_equal(strncmp(s, head, strlen(head)), 0);
	assert_non_null(strstr(s, "\r\n089012,衡阳市生态环境局常宁分局,成本指标,经济成本指标,"
	                          "\"'=HYPERLINK(\"\"x\"\")\",≥100%,97%,20,17.00,已评分,,"));
	assert_non_null(strstr(s, "\r\n089012,衡阳市生态环境局常宁分局,合计,,,,,35,26.60,,,"));
	/* Every line ends in CRLF: no bare LF outside quoted cells here. */
	for (char *p = strchr(s, '\n'); p; p = strchr(p + 1, '\n'))
		assert_int_equal(p[-1], '\r');
	free(s);
	o.lang = PS_LANG_EN;
	o.bom = false;
	s = render(&o, &f.u, 1, NULL);
	assert_int_equal(strncmp(s, "Unit code,Unit name,Level 1,", 28), 0);
	free(s);
}

/* Display column at which `needle` starts on the line of s containing it. */
static size_t column_of(const char *s, const char *line_key, const char *needle)
{
	const char *k = strstr(s, line_key);
	assert_non_null(k);
	const char *bol = k;
	while (bol > s && bol[-1] != '\n')
		bol--;
	const char *at = strstr(k, needle);
	assert_non_null(at);
	return ps_text_width(bol, (size_t)(at - bol), false);
}

static void t_table_alignment(void **state)
{
	fixture f;
	build(&f);
	ps_diags d = PS_DIAGS_INIT;
	one_warning(&d);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.width = 120;
	char *s = render(&o, &f.u, 1, &d);
	/* The status column starts at one display column on every row, whether
	 * the name is CJK (2 columns a character) or ASCII. */
	size_t c0 = column_of(s, "整改完成率", "已评分");
	size_t c1 = column_of(s, "民众对生态环境", "默认规则");
	size_t c2 = column_of(s, "Response rate", "缺实际值");
	size_t ch = column_of(s, "三级指标", "状态");
	assert_int_equal(c0, c1);
	assert_int_equal(c0, c2);
	assert_int_equal(c0, ch);
	/* Scores right-aligned: their ends line up. */
	assert_int_equal(column_of(s, "整改完成率", "17.00") + 5, column_of(s, "民众对生态环境", "9.60") + 4);
	assert_non_null(strstr(s, "\n成本指标"));
	assert_non_null(strstr(s, "\n  经济成本指标\n"));
	assert_non_null(strstr(s, "\n      目标≥100%，实际97%"));
	assert_non_null(strstr(s, "\n等级：中\n"));
	assert_non_null(strstr(s, "百分制"));
	assert_non_null(strstr(s, "未定稿：1 项缺实际值"));
	assert_non_null(strstr(s, "\n1 条警告（见标准错误输出）\n"));
	assert_null(strstr(s, "\033["));
	assert_null(strstr(s, " \n"));
	free(s);
	ps_diags_dispose(&d);
}

static void t_table_narrow_truncates(void **state)
{
	fixture f;
	build(&f);
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.width = 60;
	o.lang = PS_LANG_EN;
	o.color = true;
	char *s = render(&o, &f.u, 1, NULL);
	assert_int_equal(ps_utf8_invalid_at(s, strlen(s)), -1);
	/* The long CJK name is cut with an ellipsis; columns still line up. */
	assert_non_null(strstr(s, "…"));
	assert_null(strstr(s, "满意度上升"));
	assert_non_null(strstr(s, "\033[1mIndicator"));
	assert_non_null(strstr(s, "\033[33mmissing\033[0m"));
	assert_non_null(strstr(s, "Grade: 中 (fair)"));
	free(s);
}

static void t_fit(void **state)
{
	ps_buf b = PS_BUF_INIT;
	assert_int_equal(ps_report_fit(&b, "中文字符", 5, false), 5);
	assert_string_equal(b.s, "中文…");
	ps_buf_clear(&b);
	assert_int_equal(ps_report_fit(&b, "中文字符", 4, false), 3);
	assert_string_equal(b.s, "中…");
	ps_buf_clear(&b);
	assert_int_equal(ps_report_fit(&b, "中文字符", 8, false), 8);
	assert_string_equal(b.s, "中文字符");
	ps_buf_clear(&b);
	assert_int_equal(ps_report_fit(&b, "abcdef", 4, false), 4);
	assert_string_equal(b.s, "abc…");
	ps_buf_clear(&b);
	assert_int_equal(ps_report_fit(&b, "中文字符", 4, true), 4);
	assert_string_equal(b.s, "中…");
	ps_buf_dispose(&b);
}

static void t_format_parse(void **state)
{
	ps_format f = PS_FMT_TABLE;
	assert_int_equal(ps_format_parse(&f, "ndjson"), PS_OK);
	assert_int_equal(f, PS_FMT_NDJSON);
	assert_int_equal(ps_format_parse(&f, "jsonl"), PS_OK);
	assert_int_equal(f, PS_FMT_NDJSON);
	assert_int_equal(ps_format_parse(&f, "md"), PS_OK);
	assert_int_equal(f, PS_FMT_MD);
	assert_int_equal(ps_format_parse(&f, "JSON"), PS_EUSAGE);
	assert_int_equal(ps_format_parse(&f, "yaml"), PS_EUSAGE);
	assert_int_equal(f, PS_FMT_MD);
	assert_string_equal(ps_format_name(PS_FMT_CSV), "csv");
	assert_string_equal(ps_report_status_word(PS_ST_NEEDS_REVIEW, PS_LANG_ZH), "需复核");
	assert_string_equal(ps_report_status_word(PS_ST_NOT_APPLICABLE, PS_LANG_EN), "n/a");
}

/* libxlsxwriter is loaded when first asked for, once: every function
 * found, or (a build without it) a reason. */
static void t_xlsx_load(void **state)
{
	(void)state;
	char why[256] = "";
#ifdef PS_HAVE_XLSX
	assert_int_equal(ps_xlsx_load(why, sizeof why), PS_OK);
	assert_int_equal(ps_xlsx_load(NULL, 0), PS_OK);
#else
	assert_int_equal(ps_xlsx_load(why, sizeof why), PS_EIO);
	assert_true(why[0] != '\0');
#endif
}

static void t_md(void **state)
{
	fixture f;
	build(&f);
	f.ind[2].name = "a|b *c*";
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_MD;
	char *s = render(&o, &f.u, 1, NULL);
	assert_non_null(strstr(s, "## 089012 衡阳市生态环境局常宁分局\n\n| 一级指标 |"));
	assert_non_null(strstr(s, "| 成本指标 | 经济成本指标 | 整改完成率 | ≥100% | 97% | 20 | 17.00 | 已评分 |"));
	/* 一级/二级 shown once per group. */
	assert_non_null(strstr(s, "|  |  | a\\|b \\*c\\* | ≥90% |  | 5 |  | 缺实际值 |"));
	assert_non_null(strstr(s, "| **合计** | | | | | **35** | **26.60** | | |"));
	assert_non_null(strstr(s, "- 等级：**中**\n"));
	free(s);
}

static void t_write_failure(void **state)
{
	fixture f;
	build(&f);
	FILE *fp = fopen("/dev/full", "w");
	if (!fp)
		skip();
	ps_report_options o = PS_REPORT_OPTIONS_INIT;
	o.format = PS_FMT_JSON;
	ps_report *r = NULL;
	ps_report_begin(&r, fp, &o);
	if (r) {
		ps_report_unit(r, &f.u);
		assert_int_equal(ps_report_end(r, NULL), PS_EIO);
	}
	fclose(fp);
	o.format = PS_FMT_XLSX;
	assert_int_equal(ps_report_begin(&r, stdout, &o), PS_EUSAGE);
	assert_null(r);
}

/* The CSV cell by definition (RFC 4180 quoting of , " CR LF; a leading
 * = + - @ TAB CR neutralised with ' unless the cell is a plain number), a
 * byte at a time, to hold the writer's word-at-a-time tests against. */
static bool ref_plain_number(const char *s)
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

static void ref_csv_cell(ps_buf *b, const char *s)
{
	char c0 = s[0];
	bool formula = strchr("=+-@\t\r", c0) && c0 && !ref_plain_number(s);
	bool quote = false;
	for (const char *p = s; *p; p++)
		quote |= *p == ',' || *p == '"' || *p == '\r' || *p == '\n';
	if (quote)
		ps_buf_addc(b, '"');
	if (formula)
		ps_buf_addc(b, '\'');
	for (const char *p = s; *p; p++) {
		ps_buf_addc(b, *p);
		if (*p == '"' && quote)
			ps_buf_addc(b, '"');
	}
	if (quote)
		ps_buf_addc(b, '"');
}

/* Every byte value at every position of cells up to 40 bytes long, among
 * bytes that share low bits with the special ones, and formula starts. */
static void t_csv_cell_every_byte(void **state)
{
	static const unsigned char fillers[] = {0xAC, 0xA2, 0x8D, 0x8A, 'a', '1', 0xE4, 0x2D, '.', 0x0B};
	char in[48];
	for (size_t len = 1; len <= 40; len++) {
		for (size_t at = 0; at < len; at++) {
			for (unsigned c = 1; c < 256; c++) {
				for (size_t i = 0; i < len; i++)
					in[i] = (char)fillers[(i * 7 + c) % sizeof fillers];
				in[at] = (char)c;
				in[len] = '\0';
				ps_buf got = PS_BUF_INIT, ref = PS_BUF_INIT;
				ps_buf_adds(&got, "x");
				ps_buf_adds(&ref, "x");
				ps_report_csv_cell(&got, in);
				ref_csv_cell(&ref, in);
				assert_int_equal(got.n, ref.n);
				assert_memory_equal(got.s, ref.s, ref.n);
				ps_buf_dispose(&got);
				ps_buf_dispose(&ref);
			}
		}
	}
	static const char *const cells[] = {"", "-12.5", "-3%", "-", "-.5", "-1.", "+1", "=1+2", "@x", "\t1",
	                                    "\r", "-1,5", "\"", "a\"\"b", "-x\"y", "12.5%", "1e5"};
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		ps_buf got = PS_BUF_INIT, ref = PS_BUF_INIT;
		ps_report_csv_cell(&got, cells[i]);
		ref_csv_cell(&ref, cells[i]);
		assert_string_equal(got.s ? got.s : "", ref.s ? ref.s : "");
		ps_buf_dispose(&got);
		ps_buf_dispose(&ref);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_json_keys_and_numbers),
		cmocka_unit_test(t_json_empty),
		cmocka_unit_test(t_ndjson),
		cmocka_unit_test(t_csv_cells),
		cmocka_unit_test(t_csv_report),
		cmocka_unit_test(t_table_alignment),
		cmocka_unit_test(t_table_narrow_truncates),
		cmocka_unit_test(t_fit),
		cmocka_unit_test(t_format_parse),
		cmocka_unit_test(t_xlsx_load),
		cmocka_unit_test(t_md),
		cmocka_unit_test(t_write_failure),
		cmocka_unit_test(t_csv_cell_every_byte),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
