/* main.c: perfscore's entry point: one table of subcommands, dispatch,
 * top-level --help and --version. */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"score", cmd_score, "score targets against actual values (绩效自评)"},
	{"check", cmd_check, "review a targets table: rules, canonical forms, findings (绩效目标审核)"},
	{"explain", cmd_explain, "show how one rule is read, and score one actual value"},
	{"template", cmd_template, "write the actuals file to fill in for a targets table"},
	{"audit", cmd_audit, "check a filled self-evaluation's 得分 against computed scores (审核)"},
	{"summary", cmd_summary, "score a batch and sum it up across units: grades, spread, worst"},
};

static void help(FILE *fp)
{
	fputs("usage: perfscore COMMAND [ARGS] [OPTIONS]\n"
	      "       perfscore --help | --version\n\n"
	      "Score Chinese budget performance-target tables (绩效目标表) from the command line.\n\n"
	      "commands:\n", fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'perfscore COMMAND --help' (or 'perfscore help COMMAND') shows a command's\n"
	      "options and examples.\n"
	      "'-' as a file name reads standard input.\n\n"
	      "exit status:\n"
	      "  0  success\n"
	      "  1  done, but a person must look: an indicator needs review or has no actual\n"
	      "     value, or a warning under --strict (check: any finding; audit: a\n"
	      "     difference beyond the tolerance)\n"
	      "  2  bad usage\n"
	      "  3  unreadable or malformed input, or an I/O error (no output is written)\n\n"
	      "examples:\n"
	      "  perfscore score targets.csv actuals.csv\n"
	      "  perfscore score targets.csv actuals.csv -f csv --bom -o 自评表.csv\n"
	      "  perfscore template targets.csv -o actuals.csv\n"
	      "  perfscore check targets.csv\n"
	      "  perfscore audit 自评表.csv\n"
	      "  perfscore summary targets.csv actuals.csv\n"
	      "  perfscore explain '达到100%得满分，每下降1%扣1分' --points 20 --actual 97%\n", fp);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(NULL, "no command given");
	const char *a = argv[1];
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
		help(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
		puts("perfscore " PS_VERSION);
		return CLI_EXIT_OK;
	}
	if (strcmp(a, "help") == 0 && argc == 2) {
		help(stdout);
		return CLI_EXIT_OK;
	}
	if (strcmp(a, "help") == 0) {
		/* "perfscore help score" is "perfscore score --help" */
		static char flag[] = "--help";
		char *args[] = {argv[2], flag, NULL};
		for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
			if (strcmp(argv[2], commands[i].name) == 0)
				return commands[i].run(2, args);
		return cli_usage_error(NULL, "no command '%s'", argv[2]);
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(a, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (a[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", a);
	return cli_usage_error(NULL, "unknown command '%s'", a);
}
