/* inputs.c: load a table, its actual values and the policy (inputs.h). */
#include <string.h>
#include "cmd.h"
#include "inputs.h"

int cli_inputs_load(cli_inputs *in, const char *targets, const char *actuals, const char *policy,
                    ps_encoding enc, ps_diags *d)
{
	memset(in, 0, sizeof *in);
	ps_load_options lopts = PS_LOAD_OPTIONS_INIT;
	lopts.encoding = enc;
	ps_policy_init(&in->policy);
	if (ps_source_open(&in->tsrc, targets, enc, d) != PS_OK || ps_table_load(&in->table, in->tsrc, &lopts, d) != PS_OK)
		return PS_EINPUT;
	if (actuals &&
	    (ps_source_open(&in->asrc, actuals, enc, d) != PS_OK ||
	     ps_actuals_load(&in->actuals, in->asrc, &lopts, d) != PS_OK || ps_match(in->table, in->actuals, d) != PS_OK))
		return PS_EINPUT;
	if (policy && cli_load_policy(&in->policy, policy, d) != PS_OK)
		return PS_EINPUT;
	return d->n_error ? PS_EINPUT : PS_OK;
}

void cli_inputs_free(cli_inputs *in)
{
	ps_actuals_free(in->actuals);
	ps_table_free(in->table);
	ps_source_free(in->asrc);
	ps_source_free(in->tsrc);
	memset(in, 0, sizeof *in);
}
