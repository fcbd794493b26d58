/* preload.h: `score` reads the actual values on a thread of their own from
 * the start, while the main thread reads the targets file (its UTF-8 scan
 * and header). The result and its diagnostics are taken afterwards, in the
 * order one thread would have found them. */
#ifndef PERFSCORE_CLI_PRELOAD_H
#define PERFSCORE_CLI_PRELOAD_H

#include "perfscore/perfscore.h"

typedef struct cli_preload cli_preload;

/* Start opening and loading the actuals file path (copied) with opts
 * (copied). With one CPU, nothing starts: cli_preload_take does the work. */
cli_preload *cli_preload_start(const char *path, const ps_load_options *opts);
/* Wait for the load and take its source (text dropped, name kept) and
 * actual values into *src and *actuals (NULL where it failed), and its
 * diagnostics into diags. Returns ps_source_open's or ps_actuals_load's
 * result. Call at most once. */
int cli_preload_take(cli_preload *p, ps_source **src, ps_actuals **actuals, ps_diags *diags);
/* Wait if still loading; free what was not taken. NULL is fine. */
void cli_preload_free(cli_preload *p);

#endif
