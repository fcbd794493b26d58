/* cmd_score.c: `perfscore score TARGETS [ACTUALS]`: load, match, score unit
 * by unit, stream the report, commit the output, print the diagnostics.
 * The pipeline, in order: cli_preload_start (a thread: ps_source_open →
 * ps_actuals_load, preload.c) → ps_source_open → ps_table_reader_open (the
 * header) → cli_feed_stream (a thread reading units ahead, feed.c) →
 * cli_preload_take (the actual values) → ps_policy_init (+ ps_policy_load_json)
 * → the first unit → ps_report_begin → per unit: cli_feed_next (the unit,
 * ps_match_unit; the reading thread scores some units too) →
 * ps_score_unit_budget → ps_report_unit → diagnostics
 * printed in batches → ps_report_end → cli_out_commit. Units are streamed
 * (the units in flight are in memory, not the table) unless the actual rows
 * cannot be matched unit by unit (no 单位编码 to go by) or the format needs
 * every unit (xlsx): then the whole table is loaded and matched first
 * (ps_table_load, ps_match). */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "feed.h"
#include "opt.h"
#include "out.h"
#include "preload.h"


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
	"Units are read, scored and written one at a time (a unit's rows must come\n"
	"together): memory holds the actual values, not the whole table.\n"
	"Exit status: 0 done; 1 done but an indicator needs review or has no actual\n"
	"value (or any warning under --strict); 2 bad usage; 3 unreadable input or\n"
	"an I/O error, with no -o file written (on standard output, the units\n"
	"before a bad one may have been written).\n",
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

/* Replace d's entries [from, to) with those of ins (emptied and freed). */
static void diags_splice(ps_diags *d, size_t from, size_t to, ps_diags *ins)
{
	ps_diags out = PS_DIAGS_INIT, rest = PS_DIAGS_INIT;
	for (size_t i = from; i < to; i++)
		free(d->v[i].msg);
	rest.v = d->v + to; /* a view: its entries move into out */
	rest.n = d->n - to;
	out.v = d->v; /* the entries before `from` stay where they are */
	out.n = from;
	out.cap = d->cap;
	d->v = NULL;
	ps_diags tail = PS_DIAGS_INIT;
	ps_diags_move(&tail, &rest);
	ps_diags_move(&out, ins);
	ps_diags_move(&out, &tail);
	ps_diags_dispose(ins);
	free(tail.v);
	out.n_error = out.n_warning = 0;
	for (size_t i = 0; i < out.n; i++) {
		out.n_error += out.v[i].level == PS_ERROR;
		out.n_warning += out.v[i].level == PS_WARNING;
	}
	*d = out;
}

/* Diagnostics are printed as units are written, a batch at a time (a long
 * run shows its findings as it goes, without a write per unit); they are
 * kept for the report's warnings too. *printed: how many of d are on
 * stderr already. all: print what is left however little. */
#define DIAG_BATCH 256

static void print_new_diags(const ps_diags *d, size_t *printed, bool all)
{
	if (!all && d->n - *printed < DIAG_BATCH)
		return;
	ps_diags rest = *d;
	rest.v += *printed;
	rest.n -= *printed;
	cli_print_diags(&rest, PS_NOTE);
	*printed = d->n;
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
	size_t printed = 0; /* diagnostics on stderr already */
	ps_source *tsrc = NULL, *asrc = NULL, *psrc = NULL;
	ps_table_reader *reader = NULL;
	ps_matcher *matcher = NULL;
	ps_table *whole = NULL;
	cli_feed *feed = NULL;
	cli_preload *pre = NULL;
	ps_actuals *actuals = NULL;
	ps_rule_cache *cache = NULL;
	ps_report *report = NULL;
	cli_out out = {NULL, NULL, NULL};
	ps_policy policy;
	ps_policy_init(&policy);

	/* Read the header, the actual values and the policy before writing
	 * anything: their errors (exit 3) leave no output behind. The actual
	 * values load on a thread of their own meanwhile; their diagnostics
	 * follow the header's, and a bad targets file drops them. */
	if (actuals_path)
		pre = cli_preload_start(actuals_path, &lopts);
	if (ps_source_open(&tsrc, targets_path, lopts.encoding, &diags) != PS_OK)
		goto input_error;
	size_t head_from = diags.n;
	if (ps_table_reader_open(&reader, tsrc, &diags) != PS_OK)
		goto input_error;
	size_t head_to = diags.n;
	const ps_table *head = ps_table_reader_table(reader);
	if (!actuals_path && !head->self_eval && !diags.n_error) {
		/* Scoring would only list every indicator as missing: the actuals
		 * file was forgotten, which is a command-line mistake (exit 2). */
		cli_print_diags(&diags, PS_NOTE);
		exit_code = cli_usage_error("score",
		                            "%s has no actual-value column (实际完成值): give the actuals file "
		                            "as well, or write one to fill in with 'perfscore template %s'",
		                            targets_path, targets_path);
		goto done;
	}
	/* units are read on while the actual values load (xlsx needs them all) */
	if (ropts.format != PS_FMT_XLSX)
		feed = cli_feed_stream(reader);
	if (pre && cli_preload_take(pre, &asrc, &actuals, &diags) != PS_OK)
		goto input_error;
	if (policy_path &&
	    (ps_source_open(&psrc, policy_path, PS_ENC_UTF8, &diags) != PS_OK ||
	     ps_policy_load_json(&policy, psrc->text, psrc->len, psrc->name, &diags) != PS_OK))
		goto input_error;
	if (diags.n_error)
		goto input_error;
	bool stream = feed && (!actuals || ps_match_by_unit(head, actuals));
	if (stream && actuals) {
		matcher = ps_matcher_new(head, actuals);
		cli_feed_match(feed, matcher);
	} else if (!stream) {
		/* the whole table, loaded and matched before anything is written;
		 * its findings take the place of the header's */
		cli_feed_free(feed);
		feed = NULL;
		ps_table_reader_free(reader);
		reader = NULL;
		ps_diags td = PS_DIAGS_INIT;
		rc = ps_table_load(&whole, tsrc, NULL, &td);
		diags_splice(&diags, head_from, head_to, &td);
		if (rc != PS_OK || (actuals && ps_match(whole, actuals, &diags) != PS_OK) || diags.n_error)
			goto input_error;
		feed = cli_feed_whole(whole);
	}

	cache = ps_rule_cache_new_shared(); /* the reading thread scores with it too */
	ps_score_ctx ctx = {&policy, ropts.lang, cache};
	cli_feed_score(feed, &ctx);

	/* The first unit is read before the output is opened: a table that
	 * fails early (no indicator row, a bad quote in its first unit) writes
	 * nothing at all. */
	ps_unit *unit = NULL;
	ps_budget const *budget = NULL;
	const ps_unit_result *scored = NULL;
	rc = cli_feed_next(feed, &unit, &budget, &scored, &diags);
	if (rc < 0 || diags.n_error)
		goto input_error;
	if (cli_out_open(&out, output, &diags) != PS_OK)
		goto input_error;
	ropts.color = ropts.format == PS_FMT_TABLE && cli_color_wanted(cli_is_tty(out.fp));
	ropts.width = cli_term_width();
	ropts.path = out.tmp; /* xlsx writes the workbook by name */
	ropts.units_hint = whole ? whole->n_units : 0;
	if (ps_report_begin(&report, out.fp, &ropts) != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){output ? output : "<stdout>", 0, 0, -1}),
		             "cannot start the report");
		goto write_error;
	}
	if (stream)
		print_new_diags(&diags, &printed, true);

	bool attention = false;
	for (; rc == 1; rc = cli_feed_next(feed, &unit, &budget, &scored, &diags)) {
		if (diags.n_error)
			break; /* a unit that cannot be trusted: no more output */
		ps_unit_result ur = {0};
		if (!scored) /* else the reading thread scored it */
			ps_score_unit_budget(&ur, unit, budget, &ctx, &diags);
		const ps_unit_result *r = scored ? scored : &ur;
		if (!r->final)
			attention = true;
		ps_report_unit(report, r); /* a failed write shows again at ps_report_end */
		ps_unit_result_dispose(&ur);
		if (stream)
			print_new_diags(&diags, &printed, false);
	}
	if (rc < 0 || diags.n_error) {
		/* keep no half-trusted output (on stdout, what was written stays:
		 * the exit status says it is not to be used) */
		ps_report_end(report, &diags);
		report = NULL;
		goto write_error;
	}
	rc = ps_report_end(report, &diags);
	report = NULL;
	if (rc != PS_OK) {
		ps_diags_add(&diags, PS_D_IO, ((ps_pos){output ? output : "<stdout>", 0, 0, -1}),
		             "cannot write the report");
		goto write_error;
	}
	if (cli_out_commit(&out, &diags) != PS_OK)
		goto input_error;
	if (attention || (strict && diags.n_warning))
		exit_code = CLI_EXIT_ATTENTION;
	print_new_diags(&diags, &printed, true);
	goto done;

write_error:
	cli_out_abort(&out);
input_error:
	print_new_diags(&diags, &printed, true);
	exit_code = CLI_EXIT_INPUT;
done:
	cli_feed_free(feed); /* joins the reading thread, which uses cache */
	ps_rule_cache_free(cache);
	cli_preload_free(pre);
	ps_matcher_free(matcher);
	ps_table_reader_free(reader);
	ps_table_free(whole);
	ps_actuals_free(actuals);
	ps_source_free(psrc);
	ps_source_free(asrc);
	ps_source_free(tsrc);
	ps_diags_dispose(&diags);
	return exit_code;
}
