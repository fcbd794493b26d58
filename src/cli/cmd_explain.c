/* cmd_explain.c: `perfscore explain RULE`: how one rule text (or canonical
 * form) is read, and with --actual the worked score for one value. The
 * indicator it is scored against is built from the flags. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "opt.h"
#include "out.h"

enum { O_TYPE = 256, O_TARGET, O_UNIT, O_POINTS, O_ACTUAL, O_DSL, O_POLICY };

static const cli_opt options[] = {
	{O_TYPE, "type", 0, "T", "comparator ≥ > ≤ < = 定性 … (default: the target's, else ≥)"},
	{O_TARGET, "target", 0, "V", "target: 100, ≥95%, 2026年12月31日前 … (default: 100)"},
	{O_UNIT, "unit", 0, "U", "unit (default: the target's own; % without --target)"},
	{O_POINTS, "points", 0, "P", "the indicator's points (default: 100)"},
	{O_ACTUAL, "actual", 0, "A", "an actual value to score: 97%, 一般, 未完成2项 …"},
	{O_DSL, "dsl", 0, NULL, "RULE is in the canonical form (计分规则)"},
	CLI_OPT_FORMAT("table or json (default: table on a terminal, else json)"),
	CLI_OPT_LANG("labels and explanation in zh (default) or en"),
	{O_POLICY, "policy", 0, "FILE", "scoring policy (JSON) over the national defaults"},
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static const cli_cmd help = {
	"explain", "RULE [--actual A] [--points P] [--target V] [OPTIONS]",
	"Show how a scoring rule (评（扣）分标准) is read, and score one actual value.",
	"Prints the rule, its canonical form and its status: understood, manual (a\n"
	"person must score it) or needs_review (not understood: never scored). With\n"
	"--actual, the status is the scoring status (scored, default_rule, manual,\n"
	"needs_review) with the score and the explanation in words.\n"
	"Exit status: 0 understood (and scored); 1 needs review, or no score for the\n"
	"actual value; 2 bad usage; 3 unreadable policy file.\n",
	options,
	"  perfscore explain '100%得满分，每下降1%扣1分' --points 20 --actual 97%\n"
	"  perfscore explain '优秀得满分，一般得9分，差不得分' --points 10 --actual 一般\n"
	"  perfscore explain --dsl 'x>=95 => full; x<95 => 8' --actual 92 -f json\n",
	1, 1, "no rule given",
};

/* Labels, indexed [label][lang]. */
enum { L_RULE, L_CANON, L_STATUS, L_ACTUAL, L_SCORE, L_EXPLAIN, L_NOTES, L_OUT_OF, L_NO_SCORE };
static const char *const labels[][2] = {
	[L_RULE] = {"规则", "rule"},
	[L_CANON] = {"规范", "canonical"},
	[L_STATUS] = {"状态", "status"},
	[L_ACTUAL] = {"实际", "actual"},
	[L_SCORE] = {"得分", "score"},
	[L_EXPLAIN] = {"说明", "explanation"},
	[L_NOTES] = {"诊断", "diagnostics"},
	[L_OUT_OF] = {"（满分%s）", " (out of %s)"},
	[L_NO_SCORE] = {"无", "none"},
};

/* Words for the statuses explain has beyond ps_status. */
static const struct {
	const char *name, *zh, *en;
} rule_status[] = {
	{"understood", "已理解", "understood"},
	{"manual", "需人工评分", "manual"},
	{"needs_review", "需复核（未能理解）", "needs review (not understood)"},
};

typedef struct {
	const char *type, *target, *unit, *points, *actual;
	bool dsl, json;
	ps_lang lang;
	const char *policy;
} explain_args;

/* The indicator the rule is read and scored against. Strings point into
 * argv or static "" (the indicator is never freed). */
static int build_indicator(ps_indicator *ind, char *unit, const explain_args *a)
{
	static char empty[] = "";
	memset(ind, 0, sizeof *ind);
	ind->id = ind->unit_code = ind->unit_name = ind->level1 = ind->level2 = ind->name = empty;
	ind->type_text = ind->explain = ind->rule_text = ind->rule_dsl = ind->remark = empty;
	ind->reason = ind->actual_text = empty;
	ind->pos = PS_POS_NONE;
	ind->actual_pos = PS_POS_NONE;
	ind->target_text = (char *)(a->target ? a->target : "100");
	ps_value_parse(&ind->target, ind->target_text, strlen(ind->target_text));
	if (a->type) {
		ind->type_text = (char *)a->type;
		ind->cmp = ps_cmp_parse(a->type, strlen(a->type));
		if (ind->cmp == PS_CMP_NONE)
			return cli_usage_error("explain", "--type '%s': expected ≥ > ≤ < = 定性 正向 反向", a->type);
	} else {
		ind->cmp = ind->target.cmp != PS_CMP_NONE ? ind->target.cmp : PS_CMP_GE;
	}
	if (a->unit)
		ps_unit_norm(unit, 32, a->unit, strlen(a->unit));
	else if (ind->target.unit[0])
		snprintf(unit, 32, "%s", ind->target.unit);
	else
		snprintf(unit, 32, "%s", a->target ? "" : "%");
	ind->unit = unit;
	ind->points = PS_DEC(100);
	ind->has_points = true;
	if (a->points) {
		size_t len = strlen(a->points);
		if (ps_dec_parse(&ind->points, a->points, len) != len || ind->points < 0)
			return cli_usage_error("explain", "--points '%s': expected a number", a->points);
	}
	if (a->actual) {
		ind->has_actual = true;
		ind->actual_text = (char *)a->actual;
	}
	return CLI_EXIT_OK;
}

static void diagnostics_json(cJSON *root, const ps_diags *d)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "diagnostics");
	for (size_t i = 0; i < d->n; i++) {
		const ps_diag *dg = &d->v[i];
		cJSON *o = cJSON_CreateObject();
		if (dg->pos.col)
			cJSON_AddNumberToObject(o, "position", dg->pos.col);
		else
			cJSON_AddNullToObject(o, "position");
		cJSON_AddStringToObject(o, "code", ps_code_name(dg->code));
		cJSON_AddStringToObject(o, "level", ps_level_name(dg->level));
		cJSON_AddStringToObject(o, "message", dg->msg);
		cJSON_AddItemToArray(arr, o);
	}
}

/* "label" padded to w display columns, then two spaces. */
static void put_label(const char *label, size_t w)
{
	size_t lw = ps_text_width(label, strlen(label), false);
	printf("%s%*s  ", label, (int)(w - lw), "");
}

static int explain_option(void *ctx, int id, const char *arg)
{
	explain_args *a = ctx;
	switch (id) {
	case O_TYPE: a->type = arg; break;
	case O_TARGET: a->target = arg; break;
	case O_UNIT: a->unit = arg; break;
	case O_POINTS: a->points = arg; break;
	case O_ACTUAL: a->actual = arg; break;
	case O_DSL: a->dsl = true; break;
	case O_POLICY: a->policy = arg; break;
	default: return CLI_EXIT_USAGE;
	}
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	explain_args a = {NULL, NULL, NULL, NULL, NULL, false, false, PS_LANG_ZH, NULL};
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, explain_option, &a);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	if ((rc = cli_table_or_json(&a.json, &help, args.format)) != 0)
		return rc;
	a.lang = args.lang;
	const char *text = args.operands[0];
	ps_indicator ind;
	char unit[32];
	if ((rc = build_indicator(&ind, unit, &a)) != CLI_EXIT_OK)
		return rc;

	ps_diags diags = PS_DIAGS_INIT, pdiags = PS_DIAGS_INIT;
	ps_policy policy;
	ps_policy_init(&policy);
	if (a.policy && cli_load_policy(&policy, a.policy, &pdiags) != PS_OK) {
		cli_print_diags(&pdiags, PS_NOTE);
		ps_diags_dispose(&pdiags);
		return CLI_EXIT_INPUT;
	}
	ps_diags_dispose(&pdiags);

	/* Line 1, column 1: diagnostics then point at characters of the rule. */
	ps_pos pos = {NULL, 1, 1, 0};
	ps_rule *r = a.dsl ? ps_rule_parse_dsl(text, strlen(text), pos, &diags)
	                   : ps_rule_compile(text, strlen(text), pos, &diags);
	if (a.dsl)
		ind.rule_dsl = (char *)text;
	else
		ind.rule_text = (char *)text;
	char *canon = ps_rule_print(r);
	/* A rule not understood always says where and why, even if the
	 * compiler left that to err_pos/err_msg alone. */
	bool said = false;
	for (size_t i = 0; i < diags.n; i++)
		said |= diags.v[i].code == PS_D_RULE_UNREAD || diags.v[i].code == PS_D_RULE_DSL;
	if (!r->ok && !said)
		ps_diags_add(&diags, a.dsl ? PS_D_RULE_DSL : PS_D_RULE_UNREAD,
		             ((ps_pos){NULL, 1, r->err_pos + 1, -1}), "%s", r->err_msg ? r->err_msg : "");

	ps_ind_result res;
	memset(&res, 0, sizeof res);
	bool scored = false;
	const char *status, *status_word;
	if (!r->ok) {
		status = rule_status[2].name;
		status_word = a.lang == PS_LANG_EN ? rule_status[2].en : rule_status[2].zh;
	} else if (a.actual) {
		ps_rule_cache *cache = ps_rule_cache_new();
		ps_score_ctx ctx = {&policy, a.lang, cache};
		ps_score_explain(&res, r, &ind, &ctx, &diags);
		ps_rule_cache_free(cache);
		scored = true;
		status = ps_status_name(res.status);
		status_word = ps_report_status_word(res.status, a.lang);
	} else {
		int k = ps_rule_has(r, PS_CL_MANUAL) ? 1 : 0;
		status = rule_status[k].name;
		status_word = a.lang == PS_LANG_EN ? rule_status[k].en : rule_status[k].zh;
	}
	bool has_score = scored && res.has_score && res.status != PS_ST_NEEDS_REVIEW;
	int exit_code = !r->ok || (a.actual && !has_score) ? CLI_EXIT_ATTENTION : CLI_EXIT_OK;
	char num[40], pts[40];
	ps_dec_format(pts, sizeof pts, ind.points, 0, 6);

	if (a.json) {
		cJSON *root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "rule", text);
		cJSON_AddStringToObject(root, "canonical", canon);
		cJSON_AddStringToObject(root, "status", status);
		if (has_score)
			cli_json_dec(root, "score", res.score);
		else
			cJSON_AddNullToObject(root, "score");
		if (scored && res.explanation)
			cJSON_AddStringToObject(root, "explanation", res.explanation);
		else
			cJSON_AddNullToObject(root, "explanation");
		cJSON *ctx = cJSON_AddObjectToObject(root, "context");
		cJSON_AddStringToObject(ctx, "type", ps_cmp_symbol(ind.cmp));
		cJSON_AddStringToObject(ctx, "target", ind.target_text);
		cJSON_AddStringToObject(ctx, "unit", ind.unit);
		cli_json_dec(ctx, "points", ind.points);
		if (a.actual)
			cJSON_AddStringToObject(ctx, "actual", a.actual);
		else
			cJSON_AddNullToObject(ctx, "actual");
		cJSON_AddStringToObject(root, "source", a.dsl ? "dsl" : "text");
		diagnostics_json(root, &diags);
		cli_json_print(stdout, root);
	} else {
		int en = a.lang == PS_LANG_EN;
		size_t lw = 0;
		for (size_t i = 0; i <= L_NOTES; i++) {
			size_t w = ps_text_width(labels[i][en], strlen(labels[i][en]), false);
			lw = w > lw ? w : lw;
		}
		put_label(labels[L_RULE][en], lw);
		puts(text);
		put_label(labels[L_CANON][en], lw);
		puts(canon[0] ? canon : "-");
		put_label(labels[L_STATUS][en], lw);
		puts(status_word);
		if (a.actual) {
			put_label(labels[L_ACTUAL][en], lw);
			puts(a.actual);
			put_label(labels[L_SCORE][en], lw);
			if (has_score) {
				ps_dec_format(num, sizeof num, res.score, 0, 6);
				fputs(num, stdout);
			} else {
				fputs(labels[L_NO_SCORE][en], stdout);
			}
			printf(labels[L_OUT_OF][en], pts);
			putchar('\n');
			if (scored && res.explanation && res.explanation[0])
				{
				put_label(labels[L_EXPLAIN][en], lw);
				puts(res.explanation);
			}
		}
		if (diags.n) {
			printf("%s\n", labels[L_NOTES][en]);
			for (size_t i = 0; i < diags.n; i++) {
				char *s = ps_diag_format(&diags.v[i]);
				printf("  %s\n", s);
				free(s);
			}
		}
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		exit_code = CLI_EXIT_INPUT;

	if (scored)
		ps_ind_result_dispose(&res);
	free(canon);
	ps_rule_free(r);
	ps_diags_dispose(&diags);
	return exit_code;
}
