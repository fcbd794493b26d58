/* test_columns_doc.c: docs/columns.md lists exactly the code's column aliases:
 * each row of its names table holds, for one field, every alias of that field
 * and nothing else, weak aliases (and only they) in italics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "input_fixtures.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "header.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

/* One documented name: normalised as the alias table writes it. */
typedef struct {
	char *key;
	ps_field field;
	bool weak;
	bool seen;   /* found in the code's table */
} doc_name;

typedef struct {
	doc_name *v;
	size_t n, cap;
} doc_names;

static char *alias_key(const char *s, size_t n)
{
	char *k = ps_norm_key(s, n, true);
	for (char *q = k; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return k;
}

static ps_field field_named(const char *s, size_t n)
{
	for (int f = 1; f < PS_F__COUNT; f++) {
		const char *name = ps_field_name((ps_field)f);
		if (strlen(name) == n && memcmp(name, s, n) == 0)
			return (ps_field)f;
	}
	return PS_F_NONE;
}

/* "| `field` 中文 | a, b, *weak*, `english` |" → names of that field. */
static void parse_row(doc_names *d, const char *line, size_t len)
{
	const char *end = line + len;
	const char *f0 = memchr(line, '`', len);
	assert_non_null(f0);
	const char *f1 = memchr(f0 + 1, '`', (size_t)(end - f0 - 1));
	assert_non_null(f1);
	ps_field field = field_named(f0 + 1, (size_t)(f1 - f0 - 1));
	if (field == PS_F_NONE)
		fail_msg("docs/columns.md: unknown field %.*s", (int)(f1 - f0 - 1), f0 + 1);
	const char *p = memchr(f1, '|', (size_t)(end - f1));
	assert_non_null(p);
	p++;
	const char *stop = end;
	while (stop > p && (stop[-1] == '|' || stop[-1] == ' '))
		stop--;
	while (p < stop) {
		const char *comma = p;
		while (comma < stop && *comma != ',')
			comma++;
		const char *a = p, *b = comma;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		/* "单位 (see below)": the note is not part of the name */
		const char *note = strstr(a, " (see below)");
		if (note && note < b)
			b = note;
		bool weak = b - a >= 2 && a[0] == '*' && b[-1] == '*';
		if (weak)
			a++, b--;
		if (b - a >= 2 && a[0] == '`' && b[-1] == '`')
			a++, b--;
		if (d->n == d->cap) {
			d->cap = d->cap ? d->cap * 2 : 64;
			d->v = ps_xrealloc(d->v, d->cap * sizeof *d->v);
		}
		d->v[d->n++] = (doc_name){alias_key(a, (size_t)(b - a)), field, weak, false};
		p = comma < stop ? comma + 1 : stop;
	}
}

static void t_names_table_is_the_alias_table(void **state)
{
	(void)state;
	char *path = repo_path("docs/columns.md");
	size_t n;
	char *text = slurp(path, &n);
	free(path);
	doc_names d = {NULL, 0, 0};
	size_t rows = 0;
	bool in_table = false;
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len >= 12 && strncmp(line, "## The names", 12) == 0)
			in_table = true;
		else if (in_table && len >= 3 && strncmp(line, "## ", 3) == 0)
			in_table = false;
		else if (in_table && len > 3 && strncmp(line, "| `", 3) == 0) {
			parse_row(&d, line, len);
			rows++;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	assert_int_equal(rows, PS_F__COUNT - 1); /* one row per field */

	ps_field field;
	const char *a;
	size_t i = 0, missing = 0;
	for (; (a = ps_alias_at(i, &field)) != NULL; i++) {
		int prio = 0;
		unsigned flags = 0;
		ps_alias_lookup(a, strlen(a), &prio, &flags);
		bool found = false;
		for (size_t k = 0; k < d.n; k++) {
			if (strcmp(d.v[k].key, a) != 0)
				continue;
			found = true;
			d.v[k].seen = true;
			if (d.v[k].field != field)
				fail_msg("docs/columns.md lists %s under %s; the code reads it as %s", a,
				         ps_field_name(d.v[k].field), ps_field_name(field));
			if (d.v[k].weak != (prio == PS_PRIO_WEAK))
				fail_msg("docs/columns.md: %s is %s in the code but %s in the docs", a,
				         prio == PS_PRIO_WEAK ? "weak" : "not weak", d.v[k].weak ? "italic" : "plain");
		}
		if (!found) {
			print_error("alias %s (%s) is missing from docs/columns.md\n", a, ps_field_name(field));
			missing++;
		}
	}
	size_t extra = 0;
	for (size_t k = 0; k < d.n; k++) {
		if (!d.v[k].seen) {
			print_error("docs/columns.md lists %s (%s), which the code does not know\n", d.v[k].key,
			            ps_field_name(d.v[k].field));
			extra++;
		}
		free(d.v[k].key);
	}
	free(d.v);
	assert_int_equal(missing, 0);
	assert_int_equal(extra, 0);
	assert_true(i > 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_names_table_is_the_alias_table),
	};
	return cmocka_run_group_tests_name("columns_doc", tests, NULL, NULL);
}
