/* opt.h: option tables that drive both getopt_long and --help, so the two
 * can never disagree. */
#ifndef PERFSCORE_CLI_OPT_H
#define PERFSCORE_CLI_OPT_H

#include <stdio.h>

typedef struct {
	int id;            /* what cli_opt_next returns: the short letter, or >= 256 */
	const char *name;  /* long name without "--" */
	int short_name;    /* 0 if the option has no short form */
	const char *arg;   /* placeholder in --help ("FILE"); NULL: takes no argument */
	const char *help;  /* one line for --help */
} cli_opt;

#define CLI_OPT_END {0, NULL, 0, NULL, NULL}
#define CLI_OPT_HELP_ENTRY {'h', "help", 'h', NULL, "show this help and exit"}

/* What a command's --help says besides its options. */
typedef struct {
	const char *name;      /* "score" */
	const char *usage;     /* "TARGETS [ACTUALS] [OPTIONS]" */
	const char *summary;   /* one line */
	const char *details;   /* paragraphs after the usage line, or NULL */
	const cli_opt *opts;   /* CLI_OPT_END-terminated */
	const char *examples;  /* lines of examples, or NULL */
} cli_cmd;

/* Returned by cli_opt_next besides option ids. */
enum { CLI_OPT_DONE = -1, CLI_OPT_ERROR = -2 };

/* Parsing state over one command's argv. */
typedef struct {
	const cli_cmd *cmd;
	int argc;
	char **argv;
	void *longopts;        /* struct option[], built from cmd->opts */
	char shortopts[96];
} cli_opts;

/* Start parsing argv (argv[0] is the command name). */
void cli_opt_begin(cli_opts *o, const cli_cmd *cmd, int argc, char **argv);
/* The next option's id with *arg set to its argument (NULL if none);
 * CLI_OPT_DONE when only operands are left; CLI_OPT_ERROR after printing a
 * usage message (unknown option, missing argument) on stderr. */
int cli_opt_next(cli_opts *o, const char **arg);
/* The operands (non-option arguments) once cli_opt_next returned DONE. */
char **cli_opt_operands(cli_opts *o, int *n);
void cli_opt_end(cli_opts *o);

/* Print the command's --help text. */
void cli_opt_help(FILE *fp, const cli_cmd *cmd);

#endif
