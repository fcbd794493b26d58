/* input_fixtures.h: helpers shared by the input-side tests (source, table,
 * match): repository paths, whole files, diagnostics by code. Include after
 * <cmocka.h>. */
#ifndef INPUT_FIXTURES_H
#define INPUT_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/diag.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* A path under the repository, found from this file's own path. */
static inline char *repo_path(const char *rel)
{
	const char *f = __FILE__;
	const char *p = strstr(f, "tests/unit/");
	size_t n = p ? (size_t)(p - f) : 0;
	char *s = malloc(n + strlen(rel) + 1);
	memcpy(s, f, n);
	strcpy(s + n, rel);
	return s;
}

/* The bytes of a file (NUL-terminated; *len without the NUL). */
static inline char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	ps_buf b = PS_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ps_buf_add(&b, chunk, n);
	fclose(f);
	*len = b.n;
	return ps_buf_detach(&b);
}

static inline size_t diag_count(const ps_diags *d, ps_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].code == code;
	return n;
}

static inline const ps_diag *diag_first(const ps_diags *d, ps_code code)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].code == code)
			return &d->v[i];
	fail_msg("no diagnostic %s", ps_code_name(code));
	return NULL;
}

/* Every length the unit's indicators keep is their string's (the writers
 * trust them): a string set without its length shows here. */
static inline void unit_lengths_kept(const ps_unit *u)
{
	for (size_t i = 0; i < u->n; i++) {
		const ps_indicator *x = &u->v[i];
		assert_int_equal(x->id_len, strlen(x->id));
		assert_int_equal(x->level1_len, strlen(x->level1));
		assert_int_equal(x->level2_len, strlen(x->level2));
		assert_int_equal(x->name_len, strlen(x->name));
		assert_int_equal(x->target_len, strlen(x->target_text));
		assert_int_equal(x->unit_len, strlen(x->unit));
		assert_int_equal(x->rule_len, strlen(x->rule_text));
		assert_int_equal(x->dsl_len, strlen(x->rule_dsl));
		assert_int_equal(x->actual_len, strlen(x->actual_text));
		assert_int_equal(x->reason_len, strlen(x->reason));
	}
}

#endif
