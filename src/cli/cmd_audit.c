/* cmd_audit.c: `perfscore audit SELFEVAL [ACTUALS]` (SPEC §6.7): score the
 * table, compare the unit's own 得分 with every computed score, and report
 * the differences and the table's faults; exit 1 when a difference exceeds
 * the tolerance. */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "inputs.h"
#include "opt.h"
#include "out.h"

enum { O_TOLERANCE = 256 };

static const cli_opt options[] = {
	CLI_OPT_FORMAT("table, json, ndjson, csv, md or xlsx (default: see above)"),
	CLI_OPT_OUTPUT,
	{O_TOLERANCE, "tolerance", 0, "N", "differences up to N points are equal (default 0.01)"},
	CLI_OPT_POLICY(CLI_O_POLICY),
	{CLI_O_STRICT, "strict", 0, NULL, "exit 1 on any finding or warning, not only on differences"},
	CLI_OPT_ENCODING,
	CLI_OPT_LANG("report language: zh (default) or en"),
	CLI_OPT_BOM(CLI_O_BOM),
	CLI_OPT_AMBIGUOUS(CLI_O_AMBIGUOUS),
	CLI_OPT_HELP,
	CLI_OPT_END,
};

static const cli_cmd help = {
	"audit", "SELFEVAL [ACTUALS] [OPTIONS]",
	"Check a filled self-evaluation table (绩效自评表): its 得分 against perfscore's scores.",
	"SELFEVAL is a self-evaluation table with a 得分 column (and usually its actual\n"
	"values); or a targets table, with ACTUALS carrying the actual values and the\n"
	"得分 given. Every indicator is scored; each given 得分 is compared with the\n"
	"computed score, with the difference and how the score is computed. Also\n"
	"reported: a 总分 row that is not the sum of the 得分 column, a 分值 total that\n"
	"is not the sum of the points, the 预算执行率 得分 against 执行率 × 分值, scores\n"
	"below full marks with no 偏差原因, reverse (≤) indicators scored as if higher\n"
	"were better, and given scores that cannot be checked. Where the rule needs a\n"
	"person (酌情), the given score is kept. '-' reads standard input.\n"
	"Without -f, the format follows the -o file's extension, else table on a\n"
	"terminal and json otherwise; xlsx needs -o FILE.\n"
	"Exit status: 0 no difference beyond the tolerance; 1 some difference (or,\n"
	"with --strict, any finding or warning); 2 bad usage; 3 unreadable input,\n"
	"no 得分 to audit, or an I/O error, with no output written.\n",
	options,
	"  perfscore audit 自评表.csv\n"
	"  perfscore audit targets.csv actuals.csv --tolerance 0.05\n"
	"  perfscore audit 自评表.csv -f json | jq '.units[].findings[]'\n"
	"  perfscore audit 自评表.csv -o 审核.xlsx\n",
	1, 2, "no self-evaluation file given",
};

typedef struct {
	cli_out_args o;
	ps_dec tolerance;
} audit_args;

static int audit_option(void *ctx, int id, const char *arg)
{
	audit_args *a = ctx;
	if (cli_out_option(&a->o, id, arg))
		return 0;
	switch (id) {
	case O_TOLERANCE: {
		size_t n = ps_dec_parse(&a->tolerance, arg, strlen(arg));
		if (n == 0 || arg[n] != '\0' || a->tolerance < 0 || a->tolerance > PS_DEC(100))
			return cli_usage_error("audit", "--tolerance wants a number of points from 0 to 100, not '%s'", arg);
		break;
	}
	default: return CLI_EXIT_USAGE;
	}
	return 0;
}

/* A table with no 得分 anywhere has nothing to audit. */
static bool has_scores(const cli_inputs *in)
{
	if (in->table->has_field[PS_F_SCORE] || (in->actuals && in->actuals->has_field[PS_F_SCORE]))
		return true;
	for (size_t u = 0; u < in->table->n_units; u++)
		if (in->table->budget[u].has_score || in->table->stated[u].has_score)
			return true;
	return false;
}

int cmd_audit(int argc, char **argv)
{
	audit_args aa = {CLI_OUT_ARGS_INIT, 10000};
	cli_args args;
	int rc = cli_opt_parse(&args, &help, argc, argv, audit_option, &aa);
	if (rc != 0)
		return rc == CLI_HELP_SHOWN ? CLI_EXIT_OK : rc;
	ps_report_options ropts = aa.o.ropts;
	ropts.lang = args.lang;
	const char *self = args.operands[0];
	const char *actuals = args.n_operands > 1 ? args.operands[1] : NULL;
	if (actuals && strcmp(self, "-") == 0 && strcmp(actuals, "-") == 0)
		return cli_usage_error("audit", "standard input ('-') can be read only once");
	if ((rc = cli_pick_format(&ropts.format, "audit", args.format, aa.o.output)) != 0)
		return rc;

	int exit_code = CLI_EXIT_OK;
	ps_diags diags = PS_DIAGS_INIT;
	cli_inputs in;
	ps_rule_cache *cache = NULL;
	ps_audit_report *report = NULL;
	cli_out out = {NULL, NULL, NULL};
	if (cli_inputs_load(&in, self, actuals, aa.o.policy, args.encoding, &diags) != PS_OK)
		goto input_error;
	if (!has_scores(&in)) {
		ps_diags_addl(&diags, PS_D_MISSING_FIELD, PS_ERROR, ((ps_pos){in.table->file, 0, 0, -1}),
		             "nothing to audit: no 得分 column (the scores to check) in %s%s%s", self,
		             actuals ? " or " : "", actuals ? actuals : "");
		goto input_error;
	}
	if (cli_out_open(&out, aa.o.output, &diags) != PS_OK)
		goto input_error;
	ropts.color = false;
	ropts.width = cli_term_width();
	ropts.path = out.tmp;
	if (ps_audit_report_begin(&report, out.fp, &ropts) != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){aa.o.output ? aa.o.output : "<stdout>", 0, 0, -1}),
		             "cannot start the audit");
		goto write_error;
	}

	cache = ps_rule_cache_new();
	ps_score_ctx ctx = {&in.policy, ropts.lang, cache};
	ps_audit_options aopts = {aa.tolerance, ropts.lang, in.policy.decimals};
	size_t n_diff = 0, n_findings = 0, errors_before = diags.n_error;
	for (size_t i = 0; i < in.table->n_units; i++) {
		ps_unit_result ur;
		ps_audit au;
		ps_score_unit_budget(&ur, &in.table->units[i], &in.table->budget[i], &ctx, &diags);
		ps_audit_unit(&au, &ur, &in.table->stated[i], &aopts);
		n_diff += au.n_diff;
		n_findings += au.n;
		ps_audit_report_unit(report, &au); /* a failed write shows again at the end */
		ps_audit_dispose(&au);
		ps_unit_result_dispose(&ur);
	}
	rc = ps_audit_report_end(report, &diags);
	report = NULL;
	if (rc != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){aa.o.output ? aa.o.output : "<stdout>", 0, 0, -1}),
		             "cannot write the audit");
		goto write_error;
	}
	if (diags.n_error > errors_before)
		goto write_error;
	if (cli_out_commit(&out, &diags) != PS_OK)
		goto input_error;
	if (n_diff || (aa.o.strict && (n_findings || diags.n_warning)))
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
