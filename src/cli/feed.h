/* feed.h: where `score` gets its units: a whole table loaded and matched
 * first, or a ps_table_reader streaming them, matched one by one, on a
 * second thread when the machine has more than one CPU (reading and
 * matching the next units while this one is scored and written). */
#ifndef PERFSCORE_CLI_FEED_H
#define PERFSCORE_CLI_FEED_H

#include "perfscore/perfscore.h"

/* Units the reading thread may have read and not yet handed out. */
#define CLI_FEED_AHEAD 1024

typedef struct cli_feed cli_feed;

/* Hand out the units of a whole table (borrowed; matched already). */
cli_feed *cli_feed_whole(ps_table *t);
/* Stream the units of r (borrowed, must outlive the feed). The reading
 * thread starts at once: it reads ahead (up to CLI_FEED_AHEAD units) while
 * the caller loads the actual values. */
cli_feed *cli_feed_stream(ps_table_reader *r);
/* Give each unit its actual values with m (borrowed) as it is handed out,
 * and the rows of no unit at the end. Call before the first cli_feed_next. */
void cli_feed_match(cli_feed *f, ps_matcher *m);
/* The next unit and its budget block (valid until the next call): 1, 0 at
 * the end, or the reader's error. The diagnostics found up to this unit
 * (reading its rows, then matching them; at the end, the actual rows of no
 * unit) are added to diags, in the order one thread would find them. */
int cli_feed_next(cli_feed *f, ps_unit **unit, const ps_budget **budget, ps_diags *diags);
/* Stop (a reading thread is told to end and joined) and free. */
void cli_feed_free(cli_feed *f);

#endif
