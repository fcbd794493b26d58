/* preload.c: the actual values, loaded on a thread of their own (preload.h).
 * Their file and the targets file are both read through (a UTF-8 scan, then
 * the rows) before the first unit can be scored; on two CPUs the two reads
 * overlap instead of following each other. */
#include <pthread.h>
#include <stdlib.h>
#include "cpus.h"
#include "preload.h"

struct cli_preload {
	char *path;
	ps_load_options opts;
	bool threaded, taken;
	pthread_t th;
	int rc;
	ps_source *src;
	ps_actuals *actuals;
	ps_diags diags;
};

static void load(cli_preload *p)
{
	p->rc = ps_source_open(&p->src, p->path, p->opts.encoding, &p->diags);
	if (p->rc == PS_OK)
		p->rc = ps_actuals_load(&p->actuals, p->src, &p->opts, &p->diags);
	if (p->src)
		ps_source_drop_text(p->src); /* the rows are copied; their file name stays */
}

static void *loading(void *arg)
{
	load(arg);
	return NULL;
}

cli_preload *cli_preload_start(const char *path, const ps_load_options *opts)
{
	cli_preload *p = ps_xcalloc(1, sizeof *p);
	p->path = ps_xstrdup(path);
	p->opts = *opts;
	if (cli_cpus() >= 2)
		p->threaded = pthread_create(&p->th, NULL, loading, p) == 0;
	return p;
}

static void wait_done(cli_preload *p)
{
	if (p->threaded) {
		pthread_join(p->th, NULL);
		p->threaded = false;
	} else if (!p->taken) {
		load(p);
	}
}

int cli_preload_take(cli_preload *p, ps_source **src, ps_actuals **actuals, ps_diags *diags)
{
	wait_done(p);
	p->taken = true;
	*src = p->src;
	*actuals = p->actuals;
	p->src = NULL;
	p->actuals = NULL;
	ps_diags_move(diags, &p->diags);
	return p->rc;
}

void cli_preload_free(cli_preload *p)
{
	if (!p)
		return;
	if (p->threaded)
		pthread_join(p->th, NULL);
	ps_actuals_free(p->actuals);
	ps_source_free(p->src);
	ps_diags_dispose(&p->diags);
	free(p->path);
	free(p);
}
