/* inputs.h: what `audit` and `summary` read before writing anything: the
 * targets (or self-evaluation) table, the actual values matched to it, the
 * policy. Every error goes to the diagnostics; nothing is written. */
#ifndef PERFSCORE_CLI_INPUTS_H
#define PERFSCORE_CLI_INPUTS_H

#include "perfscore/perfscore.h"

typedef struct {
	ps_source *tsrc, *asrc;
	ps_table *table;
	ps_actuals *actuals;
	ps_policy policy;
} cli_inputs;

/* Load TARGETS, then ACTUALS (NULL: none) matched to it, then the policy
 * file (NULL: the national defaults) over the defaults. Returns 0, or
 * PS_EINPUT/PS_EIO when something could not be read or an error was
 * reported (the diagnostics say what); free with cli_inputs_free either way. */
int cli_inputs_load(cli_inputs *in, const char *targets, const char *actuals, const char *policy,
                    ps_encoding enc, ps_diags *d);
void cli_inputs_free(cli_inputs *in);

#endif
