/* feed.c: score's units, from a whole table or streamed (feed.h). Streamed
 * units are read by a second thread into a short queue: each item carries
 * the unit (taken out of the reader) and the diagnostics found since the
 * previous one, so the order of the diagnostics is the same as when one
 * thread does everything. Once the caller has said how (the first
 * cli_feed_next), queued units are matched in order by whichever thread
 * gets to them first, and when the reading thread would otherwise wait (the
 * queue is full, or the table is read through) it scores queued units from
 * the newest back, with the caller's (shared) rule cache: the work that is
 * not reading or writing goes to whichever thread is ahead; and when the
 * consumer finds nothing to take, it parses the reading thread's next CSV
 * records ahead (ps_table_reader_help) until there is. Units handed
 * out are given back and freed by the reading thread that allocated them:
 * freed by the other thread, every free would take the lock of the reader's
 * malloc arena and the two threads would mostly wait for each other. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cpus.h"
#include "feed.h"

#define QUEUE CLI_FEED_AHEAD
#define NONE ((size_t)-1)
/* A full queue wakes the reading thread again only once this many units
 * have been taken: woken for every unit taken, it read one, scored it and
 * slept again, a pair of context switches per unit. */
#define REFILL (QUEUE / 16 ? QUEUE / 16 : 1)
/* Likewise a consumer waiting for units is woken once this many are
 * queued (or the table is read through): it outruns the reading thread,
 * and woken for each unit it slept again after each. */
#define WAKE_AT (QUEUE / 128 ? QUEUE / 128 : 1)
/* The reading thread reads up to this many units between two takes of the
 * lock: per unit, the lock (its cache line shared with the consumer) cost
 * the reading thread, the slower of the two, about 2% of its time. */
#define BATCH 8

typedef struct {
	int rc;             /* 1: a unit; 0: the end; < 0: the reader's error */
	ps_unit unit;
	ps_budget budget;
	ps_diags diags;     /* found before it, reading it, matching it */
	bool scored;        /* by the reading thread: */
	ps_unit_result res; /* its result (unit and budget point into this item) */
	ps_diags sdiags;    /* found scoring it */
} item;

struct cli_feed {
	ps_table *whole;
	size_t next;
	ps_table_reader *reader;
	ps_matcher *matcher;
	ps_score_ctx sctx;  /* the reading thread's: the caller's policy and language */
	bool can_score;
	ps_diags rd;        /* the reading side's diagnostics */
	item cur;           /* the unit handed out last */
	bool have_cur, done;
	int end_rc;
	/* the reading thread and its queue: q[head] is the oldest of count
	 * items, of which the first n_ready are matched (may be handed out) */
	bool threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	item q[QUEUE];
	size_t head, count, n_ready;
	size_t head_seq;    /* the number of units taken: q[head]'s place in the file */
	size_t run_lo, run_hi; /* places [run_lo, run_hi): a run of items scored by
	                        * the reading thread, which pick() steps over */
	size_t scoring;     /* the slot the reading thread is scoring, or NONE */
	size_t matching;    /* the slot either thread is matching, or NONE */
	bool sealed;        /* matcher and scoring settled: items may be readied */
	bool stop;          /* the consumer is gone: end */
	item *back;         /* handed out, for the reading thread to free */
	size_t n_back, cap_back;
	item *spare;        /* the other array, while back is freed */
	size_t cap_spare;
	bool reader_done;   /* the reading thread has ended: no more handing back */
};

static void item_dispose(item *it)
{
	if (it->rc == 1)
		ps_unit_dispose(&it->unit);
	if (it->scored)
		ps_unit_result_dispose(&it->res);
	ps_diags_dispose(&it->diags);
	ps_diags_dispose(&it->sdiags);
	it->rc = 0;
	it->scored = false;
}

/* Read one unit into *it (with the diagnostics found reading it). */
static void read_one(cli_feed *f, item *it)
{
	memset(it, 0, sizeof *it);
	size_t u;
	it->rc = ps_table_reader_next(f->reader, &u, &f->rd);
	if (it->rc == 1)
		ps_table_reader_take(f->reader, &it->unit, &it->budget);
	ps_diags_move(&it->diags, &f->rd);
}

/* Free the items handed back (reading thread; f->mu held, and let go
 * while they are freed: the consumer, handing back the next one, would wait
 * for the lock). */
static void free_back(cli_feed *f)
{
	while (f->n_back) {
		item *v = f->back;
		size_t n = f->n_back;
		/* the consumer fills the other array meanwhile */
		f->back = f->spare;
		f->spare = NULL;
		size_t cap = f->cap_back;
		f->cap_back = f->cap_spare;
		f->n_back = 0;
		pthread_mutex_unlock(&f->mu);
		for (size_t i = 0; i < n; i++)
			item_dispose(&v[i]);
		pthread_mutex_lock(&f->mu);
		f->spare = v; /* nobody else sets it */
		f->cap_spare = cap;
	}
}

/* The newest matched item not scored yet, never the oldest (the consumer
 * is about to take it): its slot, or NONE. The run of items scored last is
 * stepped over at once: scanned item by item, a full queue of scored items
 * cost a thousand steps per unit taken. */
static size_t pick(const cli_feed *f)
{
	for (size_t i = f->n_ready; i-- > 1;) {
		size_t at = f->head_seq + i;
		if (at >= f->run_lo && at < f->run_hi) {
			if (f->run_lo <= f->head_seq + 1)
				break;
			i = f->run_lo - f->head_seq; /* the loop goes on at run_lo - 1 */
			continue;
		}
		size_t k = (f->head + i) % QUEUE;
		if (f->q[k].rc == 1 && !f->q[k].scored)
			return k;
	}
	return NONE;
}

/* Note that the item at slot k was scored, growing the run pick() skips. */
static void scored_at(cli_feed *f, size_t k)
{
	size_t at = f->head_seq + (k + QUEUE - f->head) % QUEUE;
	if (at == f->run_hi && f->run_lo < f->run_hi)
		f->run_hi++;
	else if (at + 1 == f->run_lo)
		f->run_lo--;
	else
		f->run_lo = at, f->run_hi = at + 1;
}

/* Match the oldest item not matched yet (f->mu held; released while
 * matching). Either thread may: the matcher is used by one at a time, in
 * the order of the units. */
static void ready_next(cli_feed *f)
{
	size_t k = (f->head + f->n_ready) % QUEUE;
	item *it = &f->q[k];
	f->matching = k;
	pthread_mutex_unlock(&f->mu);
	if (f->matcher && it->rc == 1)
		ps_match_unit(f->matcher, &it->unit, &it->diags);
	pthread_mutex_lock(&f->mu);
	f->matching = NONE;
	f->n_ready++;
	pthread_cond_signal(&f->not_empty);
	pthread_cond_signal(&f->not_full);
}

static bool can_ready(const cli_feed *f)
{
	return f->sealed && f->n_ready < f->count && f->matching == NONE;
}

/* The reading thread, f->mu held except while it works: read while there
 * is room (only this thread can), then match, then score. */
static void *reading(void *arg)
{
	cli_feed *f = arg;
	bool ended = false;
	pthread_mutex_lock(&f->mu);
	for (;;) {
		free_back(f);
		if (f->stop)
			break;
		if (!ended && f->count < QUEUE) {
			/* The free slots are this thread's alone: read a batch into
			 * them without the lock, then queue it in one go. */
			size_t room = QUEUE - f->count, at = f->head + f->count, n = 0;
			size_t want = room < BATCH ? room : BATCH;
			pthread_mutex_unlock(&f->mu);
			while (n < want && !ended) {
				item *it = &f->q[(at + n++) % QUEUE];
				read_one(f, it);
				ended = it->rc != 1;
			}
			pthread_mutex_lock(&f->mu);
			f->count += n;
			if (f->count >= WAKE_AT || ended)
				pthread_cond_signal(&f->not_empty); /* the consumer may match them */
			continue;
		}
		if (can_ready(f)) {
			ready_next(f);
			continue;
		}
		size_t k = f->sealed && f->can_score ? pick(f) : NONE;
		if (k != NONE) {
			item *it = &f->q[k];
			f->scoring = k;
			pthread_mutex_unlock(&f->mu);
			ps_score_unit_budget(&it->res, &it->unit, &it->budget, &f->sctx, &it->sdiags);
			pthread_mutex_lock(&f->mu);
			it->scored = true;
			scored_at(f, k);
			f->scoring = NONE;
			pthread_cond_signal(&f->not_empty);
			continue;
		}
		if (ended && f->sealed && f->n_ready == f->count && f->matching == NONE)
			break; /* all read and matched; nothing left to score */
		pthread_cond_wait(&f->not_full, &f->mu);
	}
	free_back(f);
	f->reader_done = true;
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

cli_feed *cli_feed_whole(ps_table *t)
{
	cli_feed *f = ps_xcalloc(1, sizeof *f);
	f->whole = t;
	return f;
}

void cli_feed_match(cli_feed *f, ps_matcher *m)
{
	f->matcher = m;
}

void cli_feed_score(cli_feed *f, const ps_score_ctx *ctx)
{
	if (!f->threaded)
		return;
	f->sctx = *ctx; /* the cache too: made shared by the caller */
	f->can_score = true;
}

cli_feed *cli_feed_stream(ps_table_reader *r)
{
	cli_feed *f = ps_xcalloc(1, sizeof *f);
	f->reader = r;
	f->scoring = f->matching = NONE;
	if (cli_cpus() < 2)
		return f;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->not_empty, NULL);
	pthread_cond_init(&f->not_full, NULL);
	ps_table_reader_share(r); /* before the thread: take() helps it read */
	f->threaded = pthread_create(&f->th, NULL, reading, f) == 0;
	if (!f->threaded) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->not_empty);
		pthread_cond_destroy(&f->not_full);
	}
	return f;
}

/* Give the unit handed out last back to the reading thread to free, or
 * free it here once that thread has ended. */
static void give_back(cli_feed *f)
{
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		if (!f->reader_done) {
			if (f->n_back == f->cap_back) {
				f->cap_back = f->cap_back ? f->cap_back * 2 : 64;
				f->back = ps_xrealloc(f->back, f->cap_back * sizeof *f->back);
			}
			f->back[f->n_back++] = f->cur;
			memset(&f->cur, 0, sizeof f->cur);
		}
		pthread_mutex_unlock(&f->mu);
	}
	item_dispose(&f->cur);
	f->have_cur = false;
}

/* The oldest item, once matched (here if need be) and not being scored
 * (threaded). */
static item take(cli_feed *f)
{
	pthread_mutex_lock(&f->mu);
	if (!f->sealed) {
		f->sealed = true;
		pthread_cond_signal(&f->not_full);
	}
	bool may_help = true;
	for (;;) {
		if (f->n_ready > 0 && f->scoring != f->head)
			break;
		if (f->n_ready == 0 && can_ready(f)) {
			ready_next(f); /* the reading thread is behind: match here */
		} else if (f->n_ready == 0 && may_help) {
			/* nothing to take: parse the reading thread's next CSV
			 * records ahead for it rather than wait (tried once more
			 * after each wake-up once it had nothing to give) */
			pthread_mutex_unlock(&f->mu);
			may_help = ps_table_reader_help(f->reader);
			pthread_mutex_lock(&f->mu);
		} else {
			pthread_cond_wait(&f->not_empty, &f->mu);
			may_help = true;
		}
	}
	item it = f->q[f->head];
	f->head = (f->head + 1) % QUEUE;
	f->head_seq++;
	f->count--;
	f->n_ready--;
	/* the reading thread waits on nothing else a take could give it */
	if (f->count + REFILL <= QUEUE)
		pthread_cond_signal(&f->not_full);
	pthread_mutex_unlock(&f->mu);
	return it;
}

int cli_feed_next(cli_feed *f, ps_unit **unit, const ps_budget **budget, const ps_unit_result **scored,
                  ps_diags *diags)
{
	*scored = NULL;
	if (f->have_cur)
		give_back(f);
	if (f->whole) {
		if (f->next == f->whole->n_units)
			return 0;
		*unit = &f->whole->units[f->next];
		*budget = &f->whole->budget[f->next];
		f->next++;
		return 1;
	}
	if (f->done)
		return f->end_rc;
	item it;
	if (f->threaded) {
		it = take(f);
	} else {
		read_one(f, &it);
		if (f->matcher && it.rc == 1)
			ps_match_unit(f->matcher, &it.unit, &it.diags);
	}
	ps_diags_move(diags, &it.diags);
	if (it.rc != 1) {
		f->done = true;
		f->end_rc = it.rc;
		item_dispose(&it);
		if (f->end_rc == 0 && f->matcher)
			ps_matcher_finish(f->matcher, diags);
		return f->end_rc;
	}
	f->cur = it;
	f->have_cur = true;
	*unit = &f->cur.unit;
	*budget = &f->cur.budget;
	if (f->cur.scored && !diags->n_error) {
		/* the result points into the queue slot it was scored in */
		f->cur.res.unit = &f->cur.unit;
		if (f->cur.res.budget.block)
			f->cur.res.budget.block = &f->cur.budget;
		ps_diags_move(diags, &f->cur.sdiags);
		*scored = &f->cur.res;
	}
	return 1;
}

void cli_feed_free(cli_feed *f)
{
	if (!f)
		return;
	if (f->have_cur)
		item_dispose(&f->cur);
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		f->stop = true;
		pthread_cond_broadcast(&f->not_full);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->th, NULL);
		for (; f->count; f->count--, f->head = (f->head + 1) % QUEUE)
			item_dispose(&f->q[f->head]);
		pthread_mutex_lock(&f->mu); /* free_back lets it go and takes it again */
		free_back(f);
		pthread_mutex_unlock(&f->mu);
		free(f->back);
		free(f->spare);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->not_empty);
		pthread_cond_destroy(&f->not_full);
	}
	ps_diags_dispose(&f->rd);
	free(f);
}
