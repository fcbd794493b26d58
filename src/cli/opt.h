/* opt.h: option tables that drive both getopt_long and --help, so the two
 * can never disagree; the options every command shares are handled here. */
#ifndef PERFSCORE_CLI_OPT_H
#define PERFSCORE_CLI_OPT_H

#include <stdbool.h>
#include <stdio.h>
#include "perfscore/perfscore.h"

typedef struct {
	int id;            /* given to the command's handler: the short letter, or >= 256 */
	const char *name;  /* long name without "--" */
	int short_name;    /* 0 if the option has no short form */
	const char *arg;   /* placeholder in --help ("FILE"); NULL: takes no argument */
	const char *help;  /* one line for --help */
} cli_opt;

/* Options that cli_opt_parse handles itself when a table lists them. */
enum { CLI_O_FORMAT = 'f', CLI_O_HELP = 'h', CLI_O_ENCODING = 200, CLI_O_LANG };
#define CLI_OPT_FORMAT(help) {CLI_O_FORMAT, "format", 'f', "FMT", help}
#define CLI_OPT_ENCODING \
	{CLI_O_ENCODING, "encoding", 0, "ENC", "input encoding: auto (default), utf-8 or gb18030/gbk"}
#define CLI_OPT_LANG(help) {CLI_O_LANG, "lang", 0, "LANG", help}
#define CLI_OPT_HELP {CLI_O_HELP, "help", 'h', NULL, "show this help and exit"}
/* Options several commands share, handled by each command's own handler. */
#define CLI_OPT_OUTPUT {'o', "output", 'o', "FILE", "write to FILE atomically (nothing is left on error)"}
#define CLI_OPT_POLICY(id) {id, "policy", 0, "FILE", "scoring policy (JSON) over the national defaults"}
#define CLI_OPT_BOM(id) {id, "bom", 0, NULL, "csv: start with a UTF-8 BOM, for Excel"}
#define CLI_OPT_AMBIGUOUS(id) {id, "ambiguous-wide", 0, NULL, "table: ambiguous-width characters (≥ …) are 2 wide"}
#define CLI_OPT_END {0, NULL, 0, NULL, NULL}

/* The output options score, audit and summary share. */
enum { CLI_O_POLICY = 210, CLI_O_STRICT, CLI_O_BOM, CLI_O_AMBIGUOUS };
typedef struct {
	const char *output;     /* -o FILE, NULL: stdout */
	const char *policy;     /* --policy FILE */
	bool strict;            /* --strict */
	ps_report_options ropts; /* --bom, --ambiguous-wide */
} cli_out_args;
#define CLI_OUT_ARGS_INIT {NULL, NULL, false, PS_REPORT_OPTIONS_INIT}

/* Take -o, --policy, --strict, --bom or --ambiguous-wide into a: true if id
 * was one of them. */
bool cli_out_option(cli_out_args *a, int id, const char *arg);

/* A command: its --help text, its option table, its operands. */
typedef struct {
	const char *name;      /* "score" */
	const char *usage;     /* "TARGETS [ACTUALS] [OPTIONS]" */
	const char *summary;   /* one line */
	const char *details;   /* paragraphs after the summary, or NULL */
	const cli_opt *opts;   /* CLI_OPT_END-terminated */
	const char *examples;  /* lines of examples, or NULL */
	int min_operands, max_operands;
	const char *missing;   /* the usage message when operands are missing */
} cli_cmd;

/* What was parsed besides the command's own options. */
typedef struct {
	const char *format;    /* -f as given, NULL if not */
	ps_encoding encoding;  /* --encoding (PS_ENC_AUTO) */
	ps_lang lang;          /* --lang (zh) */
	char **operands;       /* the non-option arguments, in argv */
	int n_operands;
} cli_args;

/* A command's handler for its own options: 0, or CLI_EXIT_USAGE once it has
 * printed the message with cli_usage_error. */
typedef int (*cli_opt_fn)(void *ctx, int id, const char *arg);

/* Returned by cli_opt_parse when --help was printed: exit 0. */
#define CLI_HELP_SHOWN (-1)

/* Parse argv (argv[0] is the command's name) against cmd's table: shared
 * options into *out, the others through fn(ctx, id, arg), then the operand
 * count. Returns 0, CLI_HELP_SHOWN, or CLI_EXIT_USAGE after printing
 * "perfscore: MSG" and "see 'perfscore CMD --help'" on stderr. */
int cli_opt_parse(cli_args *out, const cli_cmd *cmd, int argc, char **argv, cli_opt_fn fn, void *ctx);

/* For commands that write table or json: *json from -f, else true unless
 * stdout is a terminal. Returns 0 or CLI_EXIT_USAGE. */
int cli_table_or_json(bool *json, const cli_cmd *cmd, const char *format);

/* Print the command's --help text. */
void cli_opt_help(FILE *fp, const cli_cmd *cmd);

#endif
