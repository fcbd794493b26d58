/* feed.c: score's units, from a whole table or streamed (feed.h). Streamed
 * units are read and matched by a second thread into a short queue: each
 * item carries the unit (taken out of the reader) and the diagnostics
 * found since the previous one, so the order of the diagnostics is the
 * same as when one thread does everything. Units scored are handed back
 * and freed by the reading thread that allocated them: freed by the other
 * thread, every free would take the lock of the reader's malloc arena and
 * the two threads would mostly wait for each other. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "cpus.h"
#include "feed.h"

#define QUEUE CLI_FEED_AHEAD

typedef struct {
	int rc;             /* 1: a unit; 0: the end; < 0: the reader's error */
	ps_unit unit;
	ps_budget budget;
	ps_diags diags;     /* found before it */
} item;

struct cli_feed {
	ps_table *whole;
	size_t next;
	ps_table_reader *reader;
	ps_matcher *matcher;
	ps_diags rd;        /* the reading side's diagnostics */
	item cur;           /* the unit handed out last */
	bool have_cur, done;
	int end_rc;
	/* the reading thread and its queue */
	bool threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	item q[QUEUE];
	size_t head, count;
	bool stop;          /* the consumer is gone: end */
	ps_unit *back;      /* units scored, for the reading thread to free */
	size_t n_back, cap_back;
	bool reader_done;   /* the reading thread has ended: no more handing back */
};

static void item_dispose(item *it)
{
	if (it->rc == 1)
		ps_unit_dispose(&it->unit);
	ps_diags_dispose(&it->diags);
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

/* Free the units handed back (reading thread; with f->mu held, which is
 * cheap: a dozen units' strings). */
static void free_back(cli_feed *f)
{
	for (size_t i = 0; i < f->n_back; i++)
		ps_unit_dispose(&f->back[i]);
	f->n_back = 0;
}

static void *reading(void *arg)
{
	cli_feed *f = arg;
	for (;;) {
		item it;
		read_one(f, &it);
		pthread_mutex_lock(&f->mu);
		free_back(f);
		while (f->count == QUEUE && !f->stop)
			pthread_cond_wait(&f->not_full, &f->mu);
		bool stop = f->stop;
		if (!stop) {
			f->q[(f->head + f->count) % QUEUE] = it;
			f->count++;
			pthread_cond_signal(&f->not_empty);
		}
		bool end = stop || it.rc != 1;
		if (end) {
			free_back(f);
			f->reader_done = true;
		}
		pthread_mutex_unlock(&f->mu);
		if (stop)
			item_dispose(&it);
		if (end)
			return NULL;
	}
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

cli_feed *cli_feed_stream(ps_table_reader *r)
{
	cli_feed *f = ps_xcalloc(1, sizeof *f);
	f->reader = r;
	if (cli_cpus() < 2)
		return f;
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->not_empty, NULL);
	pthread_cond_init(&f->not_full, NULL);
	f->threaded = pthread_create(&f->th, NULL, reading, f) == 0;
	if (!f->threaded) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->not_empty);
		pthread_cond_destroy(&f->not_full);
	}
	return f;
}

int cli_feed_next(cli_feed *f, ps_unit **unit, const ps_budget **budget, ps_diags *diags)
{
	if (f->have_cur) {
		if (f->threaded) {
			pthread_mutex_lock(&f->mu);
			if (!f->reader_done) { /* once it has ended, this thread frees them */
				if (f->n_back == f->cap_back) {
					f->cap_back = f->cap_back ? f->cap_back * 2 : 64;
					f->back = ps_xrealloc(f->back, f->cap_back * sizeof *f->back);
				}
				f->back[f->n_back++] = f->cur.unit;
				f->cur.rc = 0; /* the unit is the reader's to free now */
			}
			pthread_mutex_unlock(&f->mu);
		}
		item_dispose(&f->cur);
		f->have_cur = false;
	}
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
		pthread_mutex_lock(&f->mu);
		while (f->count == 0)
			pthread_cond_wait(&f->not_empty, &f->mu);
		it = f->q[f->head];
		f->head = (f->head + 1) % QUEUE;
		f->count--;
		pthread_cond_signal(&f->not_full);
		pthread_mutex_unlock(&f->mu);
	} else {
		read_one(f, &it);
	}
	ps_diags_move(diags, &it.diags);
	if (it.rc != 1) {
		ps_diags_dispose(&it.diags);
		if (it.rc == 0 && f->matcher)
			ps_matcher_finish(f->matcher, diags);
		f->done = true;
		f->end_rc = it.rc;
		return it.rc;
	}
	if (f->matcher)
		ps_match_unit(f->matcher, &it.unit, diags);
	f->cur = it;
	f->have_cur = true;
	*unit = &f->cur.unit;
	*budget = &f->cur.budget;
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
		free_back(f);
		free(f->back);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->not_empty);
		pthread_cond_destroy(&f->not_full);
	}
	ps_diags_dispose(&f->rd);
	free(f);
}
