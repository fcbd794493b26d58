/* cmd.h: the subcommands and what they share: exit codes, printing
 * diagnostics, usage errors, reading the common options. */
#ifndef PERFSCORE_CLI_CMD_H
#define PERFSCORE_CLI_CMD_H

#include <stdbool.h>
#include <stdio.h>
#include <cjson/cJSON.h>
#include "perfscore/perfscore.h"

/* Exit codes (SPEC §7; docs/perfscore.1 EXIT STATUS). */
enum {
	CLI_EXIT_OK = 0,        /* done */
	CLI_EXIT_ATTENTION = 1, /* done, but a person must look (review, missing, --strict) */
	CLI_EXIT_USAGE = 2,     /* bad command line */
	CLI_EXIT_INPUT = 3      /* unreadable or malformed input, or an I/O error */
};

/* One per subcommand: argv[0] is the subcommand's name. */
int cmd_score(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_template(int argc, char **argv);

/* Print "perfscore: MSG" and "see 'perfscore CMD --help'" (or 'perfscore
 * --help' when cmd is NULL) on stderr; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print each diagnostic of d at or above min_level on stderr as
 * "perfscore: FILE:LINE:COL: LEVEL: MSG [code]". */
void cli_print_diags(const ps_diags *d, ps_level min_level);

/* Open and load a targets table ("-" = stdin) with the given encoding:
 * ps_source_open then ps_table_load. Returns 0 or the first failure's code,
 * with diagnostics in d; *src and *t are the caller's to free (NULL when
 * not made). The caller still checks d->n_error for rows in error. */
int cli_load_targets(ps_source **src, ps_table **t, const char *path, ps_encoding enc, ps_diags *d);

/* Read a JSON policy file ("-" = stdin) over the defaults in *p. Returns 0,
 * or PS_EIO/PS_EINPUT with a diagnostic in d. */
int cli_load_policy(ps_policy *p, const char *path, ps_diags *d);

/* JSON output of check and explain: a ps_dec as an exact JSON number (at
 * most 6 decimals, trailing zeros trimmed); a tree printed with two-space
 * indentation and a final newline, then freed. */
void cli_json_dec(cJSON *o, const char *key, ps_dec v);
void cli_json_print(FILE *fp, cJSON *tree);

#endif
