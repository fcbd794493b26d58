/* common.c: what every subcommand needs: usage errors, printing
 * diagnostics, reading a policy file, JSON output. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("perfscore: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (cmd)
		fprintf(stderr, "\nsee 'perfscore %s --help'\n", cmd);
	else
		fputs("\nsee 'perfscore --help'\n", stderr);
	return CLI_EXIT_USAGE;
}

void cli_print_diags(const ps_diags *d, ps_level min_level)
{
	/* stderr is unbuffered: one write per 64 KiB, not one per line */
	ps_buf b = PS_BUF_INIT;
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].level < min_level)
			continue;
		ps_buf_adds(&b, "perfscore: ");
		ps_diag_format_to(&b, &d->v[i]);
		ps_buf_addc(&b, '\n');
		if (b.n >= 65536) {
			fwrite(b.s, 1, b.n, stderr);
			ps_buf_clear(&b);
		}
	}
	if (b.n)
		fwrite(b.s, 1, b.n, stderr);
	ps_buf_dispose(&b);
	fflush(stderr);
}

int cli_load_targets(ps_source **src, ps_table **t, const char *path, ps_encoding enc, ps_diags *d)
{
	*t = NULL;
	ps_load_options lopts = PS_LOAD_OPTIONS_INIT;
	lopts.encoding = enc;
	int rc = ps_source_open(src, path, enc, d);
	if (rc == PS_OK)
		rc = ps_table_load(t, *src, &lopts, d);
	return rc;
}

int cli_load_policy(ps_policy *p, const char *path, ps_diags *d)
{
	ps_source *src = NULL;
	int rc = ps_source_open(&src, path, PS_ENC_UTF8, d);
	if (rc == PS_OK)
		rc = ps_policy_load_json(p, src->text, src->len, path, d); /* path outlives src: the diagnostics keep it */
	ps_source_free(src);
	return rc;
}

void cli_json_dec(cJSON *o, const char *key, ps_dec v)
{
	char buf[40];
	ps_dec_format(buf, sizeof buf, v, 0, 6);
	cJSON_AddRawToObject(o, key, buf);
}

void cli_json_print(FILE *fp, cJSON *tree)
{
	ps_buf b = PS_BUF_INIT;
	ps_report_json_write(&b, tree, true, 0);
	cJSON_Delete(tree);
	ps_buf_addc(&b, '\n');
	fwrite(b.s, 1, b.n, fp);
	ps_buf_dispose(&b);
}
