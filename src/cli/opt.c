/* opt.c: getopt_long driven by a command's option table, the shared options
 * (-f, --encoding, --lang, --help), and --help printed from the same table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "opt.h"
#include "out.h"

/* struct option[] and the short-option string for getopt_long. */
static struct option *build(const cli_cmd *cmd, char *shortopts, size_t size)
{
	size_t n = 0;
	while (cmd->opts[n].name)
		n++;
	struct option *lo = ps_xcalloc(n + 1, sizeof *lo);
	/* ':' first: a missing argument returns ':' rather than '?', so the two
	 * errors get their own messages. */
	size_t k = 0;
	shortopts[k++] = ':';
	for (size_t i = 0; i < n; i++) {
		const cli_opt *op = &cmd->opts[i];
		lo[i] = (struct option){op->name, op->arg ? required_argument : no_argument, NULL, op->id};
		if (op->short_name && k + 3 < size) {
			shortopts[k++] = (char)op->short_name;
			if (op->arg)
				shortopts[k++] = ':';
		}
	}
	shortopts[k] = '\0';
	return lo;
}

static bool parse_lang(ps_lang *out, const char *s)
{
	if (strcmp(s, "zh") == 0)
		*out = PS_LANG_ZH;
	else if (strcmp(s, "en") == 0)
		*out = PS_LANG_EN;
	else
		return false;
	return true;
}

/* The shared options; others go to the command's handler. */
static int one_option(cli_args *out, const cli_cmd *cmd, int id, const char *arg, cli_opt_fn fn, void *ctx)
{
	switch (id) {
	case CLI_O_FORMAT:
		out->format = arg;
		return 0;
	case CLI_O_ENCODING:
		if (ps_encoding_parse(&out->encoding, arg) != PS_OK)
			return cli_usage_error(cmd->name, "unknown encoding '%s'", arg);
		return 0;
	case CLI_O_LANG:
		if (!parse_lang(&out->lang, arg))
			return cli_usage_error(cmd->name, "unknown language '%s' (zh or en)", arg);
		return 0;
	case CLI_O_HELP:
		cli_opt_help(stdout, cmd);
		return CLI_HELP_SHOWN;
	default:
		return fn ? fn(ctx, id, arg) : CLI_EXIT_USAGE;
	}
}

int cli_opt_parse(cli_args *out, const cli_cmd *cmd, int argc, char **argv, cli_opt_fn fn, void *ctx)
{
	*out = (cli_args){NULL, PS_ENC_AUTO, PS_LANG_ZH, NULL, 0};
	char shortopts[96];
	struct option *lo = build(cmd, shortopts, sizeof shortopts);
	optind = 0; /* glibc: 0 fully resets getopt's state */
	opterr = 0;
	int rc = 0, c;
	while (rc == 0 && (c = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
		const char *bad = optind > 0 && optind <= argc ? argv[optind - 1] : "?";
		if (c == '?' && optopt && optopt < 256 && bad[0] == '-' && bad[1] != '-')
			rc = cli_usage_error(cmd->name, "unknown option '-%c'", optopt);
		else if (c == '?')
			rc = cli_usage_error(cmd->name, "unknown option '%s'", bad);
		else if (c == ':')
			rc = cli_usage_error(cmd->name, "option '%s' needs an argument", bad);
		else
			rc = one_option(out, cmd, c, optarg, fn, ctx);
	}
	free(lo);
	if (rc != 0)
		return rc;
	out->operands = argv + optind;
	out->n_operands = argc - optind;
	if (out->n_operands < cmd->min_operands)
		return cli_usage_error(cmd->name, "%s", cmd->missing);
	if (out->n_operands > cmd->max_operands)
		return cli_usage_error(cmd->name, "unexpected argument '%s' (quote arguments that contain spaces)",
		                       out->operands[cmd->max_operands]);
	return 0;
}

int cli_table_or_json(bool *json, const cli_cmd *cmd, const char *format)
{
	if (!format)
		*json = !cli_is_tty(stdout);
	else if (strcmp(format, "json") == 0 || strcmp(format, "table") == 0)
		*json = format[0] == 'j';
	else
		return cli_usage_error(cmd->name, "unknown format '%s' (table or json)", format);
	return 0;
}

/* "  -f, --format FMT" or "      --policy FILE" */
static int opt_label(char *buf, size_t size, const cli_opt *op)
{
	int n;
	if (op->short_name)
		n = snprintf(buf, size, "  -%c, --%s%s%s", op->short_name, op->name, op->arg ? " " : "",
		             op->arg ? op->arg : "");
	else
		n = snprintf(buf, size, "      --%s%s%s", op->name, op->arg ? " " : "", op->arg ? op->arg : "");
	return n < 0 ? 0 : n;
}

void cli_opt_help(FILE *fp, const cli_cmd *cmd)
{
	fprintf(fp, "usage: perfscore %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
	if (cmd->details)
		fprintf(fp, "\n%s", cmd->details);
	int w = 0;
	char label[128];
	for (const cli_opt *op = cmd->opts; op->name; op++) {
		int n = opt_label(label, sizeof label, op);
		if (n > w)
			w = n;
	}
	fputs("\noptions:\n", fp);
	for (const cli_opt *op = cmd->opts; op->name; op++) {
		opt_label(label, sizeof label, op);
		fprintf(fp, "%-*s  %s\n", w, label, op->help);
	}
	if (cmd->examples)
		fprintf(fp, "\nexamples:\n%s", cmd->examples);
}

bool cli_out_option(cli_out_args *a, int id, const char *arg)
{
	switch (id) {
	case 'o': a->output = arg; return true;
	case CLI_O_POLICY: a->policy = arg; return true;
	case CLI_O_STRICT: a->strict = true; return true;
	case CLI_O_BOM: a->ropts.bom = true; return true;
	case CLI_O_AMBIGUOUS: a->ropts.ambiguous_wide = true; return true;
	default: return false;
	}
}
