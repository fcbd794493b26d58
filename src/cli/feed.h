/* feed.h: where `score` gets its units: a whole table loaded and matched
 * first, or a ps_table_reader streaming them, matched one by one, on a
 * second thread when the machine has more than one CPU (reading and
 * matching the next units while this one is scored and written). */
#ifndef PERFSCORE_CLI_FEED_H
#define PERFSCORE_CLI_FEED_H

#include "perfscore/perfscore.h"

typedef struct cli_feed cli_feed;

/* Hand out the units of a whole table (borrowed; matched already). */
cli_feed *cli_feed_whole(ps_table *t);
/* Stream the units of r, each matched by m (NULL: no actuals file) before
 * it is handed out; r and m are borrowed and must outlive the feed. */
cli_feed *cli_feed_stream(ps_table_reader *r, ps_matcher *m);
/* The next unit and its budget block (valid until the next call): 1, 0 at
 * the end, or the reader's error. The diagnostics found up to this unit
 * (reading its rows, matching them; at the end, the actual rows of no unit)
 * are moved to diags first, in the order found. */
int cli_feed_next(cli_feed *f, ps_unit **unit, const ps_budget **budget, ps_diags *diags);
/* Stop (a reading thread is told to end and joined) and free. */
void cli_feed_free(cli_feed *f);

#endif
