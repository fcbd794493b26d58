/* cmd_check.c: `perfscore check TARGETS`: review a targets table before the
 * year starts: every rule with its canonical form or where it could not be
 * read, then the findings of the loader and of ps_check_unit (points that do
 * not add up, tier gaps and overlaps, conflicts with the comparator or the
 * target, rules not understood or needing a person), each with file:line. */
#include <stdlib.h>
#include <string.h>
#include "perfscore/check.h"
#include "cmd.h"
#include "opt.h"
#include "out.h"

static const cli_opt options[] = {
	CLI_OPT_FORMAT("table or json (default: table on a terminal, else json)"),
	CLI_OPT_ENCODING,
	CLI_OPT_LANG("labels and findings in zh (default) or en"),
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static const cli_cmd help = {
	"check", "TARGETS [OPTIONS]",
	"Review a targets table (绩效目标审核): how each rule is read, what to fix.",
	"For each indicator: its file:line, names, rule text and canonical form (or\n"
	"where the rule could not be read). Then the findings: points that do not add\n"
	"up to 100, duplicate indicators, rules not understood, rules that need a\n"
	"person (酌情扣分), and what the loader reported.\n"
	"Exit status: 0 no finding; 1 some finding at warning level; 2 bad usage;\n"
	"3 unreadable or malformed input.\n",
	options,
	"  perfscore check targets.csv\n"
	"  perfscore check targets.csv -f json | jq '.findings[].code'\n",
	1, 1, "no targets file given",
};

/* Labels, indexed [label][lang]. */
enum { L_POINTS_TOTAL, L_RULE, L_DSL, L_CANON, L_NONE, L_UNREAD, L_FINDINGS, L_NO_FINDINGS,
       L_POINTS, L_NO_POINTS };
static const char *const labels[][2] = {
	[L_POINTS_TOTAL] = {"分值合计", "points total"},
	[L_RULE] = {"规则", "rule"},
	[L_DSL] = {"计分规则", "dsl"},
	[L_CANON] = {"规范", "canonical"},
	[L_NONE] = {"（无规则：按国家默认方法评分）", "(no rule: the national default applies)"},
	[L_UNREAD] = {"第%u个字符处未能理解：%s", "not understood at character %u: %s"},
	[L_FINDINGS] = {"发现 %zu 项问题：", "%zu finding(s):"},
	[L_NO_FINDINGS] = {"未发现问题。", "no findings."},
	[L_POINTS] = {"%s分", "%s points"},
	[L_NO_POINTS] = {"无分值", "no points"},
};

typedef struct {
	ps_lang lang;
	bool json;
	ps_diags *findings;
} check_ctx;

static const char *label(const check_ctx *c, int l)
{
	return labels[l][c->lang == PS_LANG_EN ? 1 : 0];
}

/* Is there a finding of this code on this line? */
static bool finding_at(const ps_diags *d, uint32_t line, ps_code code)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].code == code && d->v[i].pos.line == line)
			return true;
	return false;
}

/* The indicator's rule as scoring will use it (the 计分规则 column wins over
 * the text), borrowed from the cache. ps_check_unit compiled it already and
 * reported what compiling found. */
static const ps_rule *rule_of(check_ctx *c, ps_rule_cache *cache, const ps_indicator *ind, const char **source)
{
	bool dsl = ind->rule_dsl[0] != '\0';
	const char *text = dsl ? ind->rule_dsl : ind->rule_text;
	*source = dsl ? "dsl" : text[0] ? "text" : "none";
	const ps_rule *r = ps_rule_cache_get(cache, text, strlen(text), dsl, ind->pos, NULL);
	/* The cache reports a rule text once; every row it cannot read gets its
	 * own finding. */
	ps_code code = dsl ? PS_D_RULE_DSL : PS_D_RULE_UNREAD;
	if (!r->ok && !finding_at(c->findings, ind->pos.line, code))
		ps_diags_add(c->findings, code, ind->pos, labels[L_UNREAD][c->lang == PS_LANG_EN],
		             r->err_pos + 1, r->err_msg ? r->err_msg : "");
	return r;
}

static void fmt_dec(char *buf, ps_dec v)
{
	ps_dec_format(buf, 40, v, 0, 6);
}

static void print_indicator(check_ctx *c, const ps_indicator *ind, const ps_rule *r, const char *canon)
{
	char pts[40], line[80];
	fmt_dec(pts, ind->points);
	printf("\n%s:%u  %s / %s / %s  ", ind->pos.file ? ind->pos.file : "-", ind->pos.line, ind->level1,
	       ind->level2, ind->name);
	if (ind->has_points) {
		snprintf(line, sizeof line, label(c, L_POINTS), pts);
		puts(line);
	} else {
		puts(label(c, L_NO_POINTS));
	}
	if (ind->rule_text[0])
		printf("  %s  %s\n", label(c, L_RULE), ind->rule_text);
	if (ind->rule_dsl && ind->rule_dsl[0])
		printf("  %s  %s\n", label(c, L_DSL), ind->rule_dsl);
	printf("  %s  ", label(c, L_CANON));
	if (!r->ok)
		printf(label(c, L_UNREAD), r->err_pos + 1, r->err_msg ? r->err_msg : "");
	else if (r->n == 0)
		fputs(label(c, L_NONE), stdout);
	else
		fputs(canon, stdout);
	putchar('\n');
}

static cJSON *indicator_json(const ps_indicator *ind, const ps_rule *r, const char *canon, const char *source)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", ind->id);
	cJSON_AddStringToObject(o, "name", ind->name);
	cJSON_AddStringToObject(o, "level1", ind->level1);
	cJSON_AddStringToObject(o, "level2", ind->level2);
	if (ind->has_points)
		cli_json_dec(o, "points", ind->points);
	else
		cJSON_AddNullToObject(o, "points");
	cJSON *src = cJSON_AddObjectToObject(o, "source");
	cJSON_AddStringToObject(src, "file", ind->pos.file ? ind->pos.file : "");
	cJSON_AddNumberToObject(src, "line", ind->pos.line);
	cJSON *rule = cJSON_AddObjectToObject(o, "rule");
	cJSON_AddStringToObject(rule, "text", ind->rule_text);
	if (ind->rule_dsl && ind->rule_dsl[0])
		cJSON_AddStringToObject(rule, "dsl", ind->rule_dsl);
	cJSON_AddStringToObject(rule, "source", source);
	cJSON_AddStringToObject(rule, "canonical", canon);
	cJSON_AddBoolToObject(rule, "ok", r->ok);
	if (r->ok) {
		cJSON_AddNullToObject(rule, "error");
	} else {
		cJSON *e = cJSON_AddObjectToObject(rule, "error");
		cJSON_AddNumberToObject(e, "position", r->err_pos + 1);
		cJSON_AddStringToObject(e, "message", r->err_msg ? r->err_msg : "");
	}
	return o;
}

/* Findings in file order: by file, then line, then as they were found. */
static const ps_diags *sort_base;
static int by_position(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const ps_pos *p = &sort_base->v[i].pos, *q = &sort_base->v[j].pos;
	int f = strcmp(p->file ? p->file : "", q->file ? q->file : "");
	if (f)
		return f;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	return i < j ? -1 : i > j;
}

static size_t *sorted_findings(const ps_diags *d)
{
	size_t *idx = ps_xcalloc(d->n + 1, sizeof *idx);
	for (size_t i = 0; i < d->n; i++)
		idx[i] = i;
	sort_base = d;
	qsort(idx, d->n, sizeof *idx, by_position);
	return idx;
}

static void findings_out(check_ctx *c, cJSON *root)
{
	const ps_diags *d = c->findings;
	size_t *idx = sorted_findings(d);
	if (root) {
		cJSON *a = cJSON_AddArrayToObject(root, "findings");
		for (size_t k = 0; k < d->n; k++)
			cJSON_AddItemToArray(a, ps_report_diag_json(&d->v[idx[k]]));
	} else {
		putchar('\n');
		if (d->n) {
			printf(label(c, L_FINDINGS), d->n);
			putchar('\n');
		} else {
			puts(label(c, L_NO_FINDINGS));
		}
		for (size_t k = 0; k < d->n; k++) {
			char *s = ps_diag_format(&d->v[idx[k]]);
			puts(s);
			free(s);
		}
	}
	free(idx);
}

int cmd_check(int argc, char **argv)
{
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, NULL, NULL);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	check_ctx c = {args.lang, false, NULL};
	if ((rc = cli_table_or_json(&c.json, &help, args.format)) != 0)
		return rc;
	int exit_code = CLI_EXIT_OK;
	ps_diags findings = PS_DIAGS_INIT;
	ps_source *src = NULL;
	ps_table *t = NULL;
	ps_rule_cache *cache = NULL;
	c.findings = &findings;
	if (cli_load_targets(&src, &t, args.operands[0], args.encoding, &findings) != PS_OK ||
	    findings.n_error) {
		cli_print_diags(&findings, PS_NOTE);
		exit_code = CLI_EXIT_INPUT;
		goto done;
	}

	cache = ps_rule_cache_new();
	cJSON *root = NULL, *units = NULL;
	if (c.json) {
		root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "file", t->file);
		units = cJSON_AddArrayToObject(root, "units");
	}
	for (size_t ui = 0; ui < t->n_units; ui++) {
		const ps_unit *u = &t->units[ui];
		ps_check_unit(u, cache, &findings);
		ps_dec sum = 0;
		for (size_t i = 0; i < u->n; i++)
			if (u->v[i].has_points)
				sum += u->v[i].points;
		char s_sum[40];
		fmt_dec(s_sum, sum);
		cJSON *uj = NULL, *inds = NULL;
		if (c.json) {
			uj = cJSON_CreateObject();
			cJSON_AddStringToObject(uj, "unit_code", u->code);
			cJSON_AddStringToObject(uj, "unit_name", u->name);
			cli_json_dec(uj, "points_total", sum);
			inds = cJSON_AddArrayToObject(uj, "indicators");
			cJSON_AddItemToArray(units, uj);
		} else {
			printf("%s%s%s%s  %s %s\n", ui ? "\n" : "", u->code, u->code[0] ? "  " : "", u->name,
			       label(&c, L_POINTS_TOTAL), s_sum);
		}
		for (size_t i = 0; i < u->n; i++) {
			const ps_indicator *ind = &u->v[i];
			const char *source;
			const ps_rule *r = rule_of(&c, cache, ind, &source);
			char *canon = ps_rule_print(r);
			if (c.json)
				cJSON_AddItemToArray(inds, indicator_json(ind, r, canon, source));
			else
				print_indicator(&c, ind, r, canon);
			free(canon);
		}
	}
	findings_out(&c, root);
	if (root)
		cli_json_print(stdout, root);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ps_diags_add(&findings, PS_D_IO, ((ps_pos){"<stdout>", 0, 0, -1}), "cannot write");
		cli_print_diags(&findings, PS_ERROR);
		exit_code = CLI_EXIT_INPUT;
		goto done;
	}
	if (findings.n_warning || findings.n_error)
		exit_code = CLI_EXIT_ATTENTION;

done:
	ps_rule_cache_free(cache);
	ps_table_free(t);
	ps_source_free(src);
	ps_diags_dispose(&findings);
	return exit_code;
}
