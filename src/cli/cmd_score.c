/* cmd_score.c: `perfscore score TARGETS [ACTUALS]`: load, match, score unit
 * by unit, stream the report, commit the output, print the diagnostics.
 * The pipeline, in order: ps_source_open → ps_table_load → (ps_source_open →
 * ps_actuals_load → ps_match) → ps_policy_init (+ ps_policy_load_json) →
 * per unit: ps_score_unit → ps_report_unit → ps_unit_result_dispose →
 * ps_report_end → cli_out_commit. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "opt.h"
#include "out.h"


static const cli_opt options[] = {
	CLI_OPT_FORMAT("table, json, ndjson, csv, md or xlsx (default: see above)"),
	CLI_OPT_OUTPUT,
	CLI_OPT_POLICY(CLI_O_POLICY),
	{CLI_O_STRICT, "strict", 0, NULL, "exit 1 on any warning"},
	CLI_OPT_ENCODING,
	CLI_OPT_LANG("report language: zh (default) or en"),
	CLI_OPT_BOM(CLI_O_BOM),
	CLI_OPT_AMBIGUOUS(CLI_O_AMBIGUOUS),
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static const cli_cmd help = {
	"score", "TARGETS [ACTUALS] [OPTIONS]",
	"Score every indicator of a targets table (绩效目标表) against its actual value.",
	"TARGETS is the targets table (CSV); ACTUALS holds the actual values, one row\n"
	"per indicator ('perfscore template TARGETS' writes one to fill in). Without\n"
	"ACTUALS, TARGETS must itself carry an actual-value column (a filled\n"
	"self-evaluation table). '-' reads standard input, for one of the files.\n"
	"Without -f, the format follows the -o file's extension (.json .ndjson\n"
	".jsonl .csv .md .txt .xlsx), else table on a terminal and json otherwise.\n"
	"xlsx (the filled 绩效自评表, one sheet per unit) needs -o FILE.\n"
	"Exit status: 0 done; 1 done but an indicator needs review or has no actual\n"
	"value (or any warning under --strict); 2 bad usage; 3 unreadable input or\n"
	"an I/O error, with no output written.\n",
	options,
	"  perfscore score targets.csv actuals.csv\n"
	"  perfscore score targets.csv actuals.csv -f json | jq '.units[].total'\n"
	"  perfscore score targets.csv actuals.csv -f csv --bom -o 自评表.csv\n"
	"  perfscore score selfeval.csv --strict --lang en\n",
	1, 2, "no targets file given",
};

/* score's own options. */
typedef struct {
	cli_out_args o;
} score_args;

static int score_option(void *ctx, int id, const char *arg)
{
	score_args *a = ctx;
	return cli_out_option(&a->o, id, arg) ? 0 : CLI_EXIT_USAGE;
}

int cmd_score(int argc, char **argv)
{
	score_args sa = {CLI_OUT_ARGS_INIT};
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, score_option, &sa);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	ps_report_options ropts = sa.o.ropts;
	ps_load_options lopts = PS_LOAD_OPTIONS_INIT;
	const char *output = sa.o.output, *policy_path = sa.o.policy;
	bool strict = sa.o.strict;
	lopts.encoding = args.encoding;
	ropts.lang = args.lang;
	const char *targets_path = args.operands[0];
	const char *actuals_path = args.n_operands > 1 ? args.operands[1] : NULL;
	if (actuals_path && strcmp(targets_path, "-") == 0 && strcmp(actuals_path, "-") == 0)
		return cli_usage_error("score", "standard input ('-') can be read only once");
	if ((rc = cli_pick_format(&ropts.format, "score", args.format, output)) != 0)
		return rc;

	int exit_code = CLI_EXIT_OK;
	ps_diags diags = PS_DIAGS_INIT;
	ps_source *tsrc = NULL, *asrc = NULL, *psrc = NULL;
	ps_table *table = NULL;
	ps_actuals *actuals = NULL;
	ps_rule_cache *cache = NULL;
	ps_report *report = NULL;
	cli_out out = {NULL, NULL, NULL};
	ps_policy policy;

	/* Read everything before writing anything: a load error (exit 3)
	 * leaves no output behind. */
	if (cli_load_targets(&tsrc, &table, targets_path, lopts.encoding, &diags) != PS_OK)
		goto input_error;
	if (!actuals_path && !table->self_eval && !diags.n_error) {
		/* Scoring would only list every indicator as missing: the actuals
		 * file was forgotten, which is a command-line mistake (exit 2). */
		cli_print_diags(&diags, PS_NOTE);
		exit_code = cli_usage_error("score",
		                            "%s has no actual-value column (实际完成值): give the actuals file "
		                            "as well, or write one to fill in with 'perfscore template %s'",
		                            targets_path, targets_path);
		goto done;
	}
	if (actuals_path &&
	    (ps_source_open(&asrc, actuals_path, lopts.encoding, &diags) != PS_OK ||
	     ps_actuals_load(&actuals, asrc, &lopts, &diags) != PS_OK ||
	     ps_match(table, actuals, &diags) != PS_OK))
		goto input_error;
	ps_policy_init(&policy);
	if (policy_path &&
	    (ps_source_open(&psrc, policy_path, PS_ENC_UTF8, &diags) != PS_OK ||
	     ps_policy_load_json(&policy, psrc->text, psrc->len, psrc->name, &diags) != PS_OK))
		goto input_error;
	if (diags.n_error)
		goto input_error;

	if (cli_out_open(&out, output, &diags) != PS_OK)
		goto input_error;
	ropts.color = ropts.format == PS_FMT_TABLE && cli_color_wanted(cli_is_tty(out.fp));
	ropts.width = cli_term_width();
	ropts.path = out.tmp; /* xlsx writes the workbook by name */
	ropts.units_hint = table->n_units;
	if (ps_report_begin(&report, out.fp, &ropts) != PS_OK)
		goto write_error;

	cache = ps_rule_cache_new();
	ps_score_ctx ctx = {&policy, ropts.lang, cache};
	bool attention = false;
	size_t errors_before = diags.n_error;
	for (size_t i = 0; i < table->n_units; i++) {
		ps_unit_result ur;
		ps_score_unit_budget(&ur, &table->units[i], &table->budget[i], &ctx, &diags);
		if (!ur.final)
			attention = true;
		ps_report_unit(report, &ur); /* a failed write shows again at ps_report_end */
		ps_unit_result_dispose(&ur);
	}
	rc = ps_report_end(report, &diags);
	report = NULL;
	if (rc != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){output ? output : "<stdout>", 0, 0, -1}),
		             "cannot write the report");
		goto write_error;
	}
	if (diags.n_error > errors_before)
		goto write_error; /* the scorer found an error: keep no half-trusted output */
	if (cli_out_commit(&out, &diags) != PS_OK)
		goto input_error;
	if (attention || (strict && diags.n_warning))
		exit_code = CLI_EXIT_ATTENTION;
	cli_print_diags(&diags, PS_NOTE);
	goto done;

write_error:
	cli_out_abort(&out);
input_error:
	cli_print_diags(&diags, PS_NOTE);
	exit_code = CLI_EXIT_INPUT;
done:
	ps_rule_cache_free(cache);
	ps_actuals_free(actuals);
	ps_table_free(table);
	ps_source_free(psrc);
	ps_source_free(asrc);
	ps_source_free(tsrc);
	ps_diags_dispose(&diags);
	return exit_code;
}
