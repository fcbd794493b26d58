/* opt.c: getopt_long driven by a command's option table, and --help printed
 * from the same table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "opt.h"

void cli_opt_begin(cli_opts *o, const cli_cmd *cmd, int argc, char **argv)
{
	size_t n = 0;
	while (cmd->opts[n].name)
		n++;
	struct option *lo = calloc(n + 1, sizeof *lo);
	if (!lo)
		abort();
	/* ':' first: a missing argument returns ':' rather than '?', so the two
	 * errors get their own messages. */
	size_t k = 0;
	o->shortopts[k++] = ':';
	for (size_t i = 0; i < n; i++) {
		const cli_opt *op = &cmd->opts[i];
		lo[i] = (struct option){op->name, op->arg ? required_argument : no_argument, NULL, op->id};
		if (op->short_name && k + 3 < sizeof o->shortopts) {
			o->shortopts[k++] = (char)op->short_name;
			if (op->arg)
				o->shortopts[k++] = ':';
		}
	}
	o->shortopts[k] = '\0';
	o->cmd = cmd;
	o->argc = argc;
	o->argv = argv;
	o->longopts = lo;
	optind = 0; /* glibc: 0 fully resets getopt between commands */
	opterr = 0;
}

int cli_opt_next(cli_opts *o, const char **arg)
{
	*arg = NULL;
	int c = getopt_long(o->argc, o->argv, o->shortopts, o->longopts, NULL);
	if (c == -1)
		return CLI_OPT_DONE;
	const char *bad = optind > 0 && optind <= o->argc ? o->argv[optind - 1] : "?";
	if (c == '?') {
		if (optopt && optopt < 256 && bad[0] == '-' && bad[1] != '-')
			cli_usage_error(o->cmd->name, "unknown option '-%c'", optopt);
		else
			cli_usage_error(o->cmd->name, "unknown option '%s'", bad);
		return CLI_OPT_ERROR;
	}
	if (c == ':') {
		cli_usage_error(o->cmd->name, "option '%s' needs an argument", bad);
		return CLI_OPT_ERROR;
	}
	*arg = optarg;
	return c;
}

char **cli_opt_operands(cli_opts *o, int *n)
{
	*n = o->argc - optind;
	return o->argv + optind;
}

void cli_opt_end(cli_opts *o)
{
	free(o->longopts);
	o->longopts = NULL;
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
