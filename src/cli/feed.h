/* feed.h: where `score` gets its units: a whole table loaded and matched
 * first, or a ps_table_reader streaming them on a second thread when the
 * machine has more than one CPU; that thread also matches them and, when
 * it is ahead, scores some (reading, matching and scoring the next units
 * while this one is scored and written). When it is behind, the caller's
 * thread, with no unit to take, parses its next CSV records ahead for it
 * (ps_table_reader_help) rather than wait. */
#ifndef PERFSCORE_CLI_FEED_H
#define PERFSCORE_CLI_FEED_H

#include "perfscore/perfscore.h"

/* Units the reading thread may have read and not yet handed out (a build
 * may set fewer: scripts/test's ThreadSanitizer build fills the queue).
 * While the actual values load and the matcher is built, a full queue
 * stops the reading thread and leaves a CPU idle: at 100,000 units, 4096
 * (about 25 MB of units) kept both CPUs busier than 1024 did (wall over
 * half the CPU time 1.040-1.045 against 1.060-1.069, bench/README.md). */
#ifndef CLI_FEED_AHEAD
#define CLI_FEED_AHEAD 4096
#endif

typedef struct cli_feed cli_feed;

/* Hand out the units of a whole table (borrowed; matched already). */
cli_feed *cli_feed_whole(ps_table *t);
/* Stream the units of r (borrowed, must outlive the feed). The reading
 * thread starts at once: it reads ahead (up to CLI_FEED_AHEAD units) while
 * the caller loads the actual values. */
cli_feed *cli_feed_stream(ps_table_reader *r);
/* Give each unit its actual values with m (borrowed) before it is handed
 * out, and the rows of no unit at the end. Call before the first
 * cli_feed_next. */
void cli_feed_match(cli_feed *f, ps_matcher *m);
/* Let the reading thread score units as ctx would (its policy and its rule
 * cache, borrowed: the cache made by ps_rule_cache_new_shared and freed only
 * after cli_feed_free; its language) when it has nothing else to do.
 * Call before the first cli_feed_next; no effect without that thread. */
void cli_feed_score(cli_feed *f, const ps_score_ctx *ctx);
/* The next unit and its budget block (valid until the next call): 1, 0 at
 * the end, or the reader's error. The diagnostics found up to this unit
 * (reading its rows, then matching them, then scoring it when *scored is
 * set; at the end, the actual rows of no unit) are added to diags, in the
 * order one thread would find them. *scored is the unit's result when the
 * reading thread scored it (owned by the feed, valid until the next call),
 * else NULL: the caller scores the unit. It is NULL too once diags hold an
 * error (the unit is not to be scored). */
int cli_feed_next(cli_feed *f, ps_unit **unit, const ps_budget **budget, const ps_unit_result **scored,
                  ps_diags *diags);
/* Stop (a reading thread is told to end and joined) and free. */
void cli_feed_free(cli_feed *f);

#endif
