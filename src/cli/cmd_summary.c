/* cmd_summary.c: `perfscore summary TARGETS [ACTUALS]`: score every unit of
 * a batch and print the run summed up (docs/summary.md): units per grade,
 * mean and spread of the totals, the units and indicators that lose the
 * most points. Units are scored one at a time; only the statistics stay. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "inputs.h"
#include "opt.h"
#include "out.h"

enum { O_TOP = 256 };

static const cli_opt options[] = {
	CLI_OPT_FORMAT("table, json, ndjson, csv or md (default: see above)"),
	CLI_OPT_OUTPUT,
	{O_TOP, "top", 0, "N", "list the N units and N indicators that lose the most (default 10)"},
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
	"summary", "TARGETS [ACTUALS] [OPTIONS]",
	"Score every unit of a batch and sum the run up across units.",
	"Scores as 'perfscore score' does (same inputs, same policy), then prints\n"
	"instead of the units: how many units got each grade (优 良 中 差), the mean,\n"
	"median, standard deviation, lowest and highest total (百分制), the units that\n"
	"lose the most points, and the indicators (一级/二级/三级) that lose the most\n"
	"points summed over all units. '-' reads standard input.\n"
	"Without -f, the format follows the -o file's extension, else table on a\n"
	"terminal and json otherwise. For the units themselves with a summary sheet,\n"
	"use 'perfscore score ... -o FILE.xlsx'.\n"
	"Exit status: 0 done; 1 done but some unit's total is not final (or any\n"
	"warning under --strict); 2 bad usage; 3 unreadable input or an I/O error.\n",
	options,
	"  perfscore summary 全省目标表.csv 全省实际值.csv\n"
	"  perfscore summary targets.csv actuals.csv -f json | jq '.summary.grades'\n"
	"  perfscore summary targets.csv actuals.csv --top 20 -f csv --bom -o 汇总.csv\n",
	1, 2, "no targets file given",
};

typedef struct {
	cli_out_args o;
	size_t top;
} summary_args;

static int summary_option(void *ctx, int id, const char *arg)
{
	summary_args *a = ctx;
	if (cli_out_option(&a->o, id, arg))
		return 0;
	switch (id) {
	case O_TOP: {
		char *end;
		long v = strtol(arg, &end, 10);
		if (*end || end == arg || v < 1 || v > 100000)
			return cli_usage_error("summary", "--top wants a whole number from 1 to 100000, not '%s'", arg);
		a->top = (size_t)v;
		break;
	}
	default: return CLI_EXIT_USAGE;
	}
	return 0;
}

int cmd_summary(int argc, char **argv)
{
	summary_args sa = {CLI_OUT_ARGS_INIT, 10};
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, summary_option, &sa);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	ps_report_options ropts = sa.o.ropts;
	ropts.lang = args.lang;
	const char *targets = args.operands[0];
	const char *actuals = args.n_operands > 1 ? args.operands[1] : NULL;
	if (actuals && strcmp(targets, "-") == 0 && strcmp(actuals, "-") == 0)
		return cli_usage_error("summary", "standard input ('-') can be read only once");
	if ((rc = cli_pick_format(&ropts.format, "summary", args.format, sa.o.output)) != 0)
		return rc;
	if (ropts.format == PS_FMT_XLSX)
		return cli_usage_error("summary", "xlsx: use 'perfscore score ... -o FILE.xlsx' (it has a summary sheet)");

	int exit_code = CLI_EXIT_OK;
	ps_diags diags = PS_DIAGS_INIT;
	cli_inputs in;
	ps_rule_cache *cache = NULL;
	cli_out out = {NULL, NULL, NULL};
	if (cli_inputs_load(&in, targets, actuals, sa.o.policy, args.encoding, &diags) != PS_OK)
		goto input_error;

	cache = ps_rule_cache_new();
	ps_score_ctx ctx = {&in.policy, ropts.lang, cache};
	ps_summary_acc *acc = ps_summary_new(sa.top);
	bool attention = false;
	size_t errors_before = diags.n_error;
	for (size_t i = 0; i < in.table->n_units; i++) {
		ps_unit_result ur;
		ps_score_unit_budget(&ur, &in.table->units[i], &in.table->budget[i], &ctx, &diags);
		attention |= !ur.final;
		ps_summary_add(acc, &ur);
		ps_unit_result_dispose(&ur);
	}
	ps_summary sum;
	ps_summary_finish(acc, &sum);
	if (diags.n_error > errors_before || cli_out_open(&out, sa.o.output, &diags) != PS_OK) {
		ps_summary_dispose(&sum);
		goto input_error;
	}
	ropts.width = cli_term_width();
	rc = ps_summary_write(out.fp, &sum, &diags, &ropts);
	ps_summary_dispose(&sum);
	if (rc != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){sa.o.output ? sa.o.output : "<stdout>", 0, 0, -1}),
		             "cannot write the summary");
		goto write_error;
	}
	if (cli_out_commit(&out, &diags) != PS_OK)
		goto input_error;
	if (attention || (sa.o.strict && diags.n_warning))
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
	cli_inputs_free(&in);
	ps_diags_dispose(&diags);
	return exit_code;
}
