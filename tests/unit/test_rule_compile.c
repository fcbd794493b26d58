/* test_rule_compile.c: the Chinese rule compiler against the corpus: every
 * rule's canonical form (or its refusal), and parse(print(ast)) == ast. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/rule.h"
#include "perfscore/text.h"

#ifndef PS_TEST_DATA
#define PS_TEST_DATA "tests/data"
#endif

/* Compile, print, re-parse: the canonical form must round-trip. */
static char *compile_print(const char *text, bool *ok, bool *roundtrip)
{
	ps_rule *r = ps_rule_compile(text, strlen(text), PS_POS_NONE, NULL);
	*ok = r->ok;
	char *s = ps_rule_print(r);
	*roundtrip = true;
	if (r->ok) {
		ps_rule *back = ps_rule_parse_dsl(s, strlen(s), PS_POS_NONE, NULL);
		*roundtrip = back->ok && ps_rule_equal(r, back);
		if (!*roundtrip)
			fprintf(stderr, "round trip failed: %s\n", s);
		ps_rule_free(back);
	}
	ps_rule_free(r);
	return s;
}

static void expect(const char *text, const char *canonical)
{
	bool ok, rt;
	char *s = compile_print(text, &ok, &rt);
	if (canonical) {
		if (!ok || strcmp(s, canonical) != 0)
			fprintf(stderr, "rule: %s\n  got:  %s\n  want: %s\n", text, s, canonical);
		assert_true(ok);
		assert_string_equal(s, canonical);
	} else {
		if (ok)
			fprintf(stderr, "rule: %s\n  understood as %s, want needs_review\n", text, s);
		assert_false(ok);
	}
	assert_true(rt);
	free(s);
}

static void t_seed(void **state)
{
	(void)state;
	expect("检查发现的问题是否完成整改，整改完成率100%得满分，每下降1%扣1分",
	       "x>=100% => full; per 1% below => -1");
	expect("生态环境监管执法覆盖率达到100%得满分，每下降1%扣1分，扣完为止",
	       "x>=100% => full; per 1% below => -1; min 0");
	expect("目标任务完成率达100%得满分，每下降1%扣1分，扣完为止", "x>=100% => full; per 1% below => -1; min 0");
	expect("按时完成记10分，未完成工作每增加一项扣0.5分", "yes => 10; per item => -0.5");
	expect("改善效果优秀得满分，效果一般得9分，效果差不得分",
	       "grade \"优秀\" => full; grade \"一般\" => 9; grade \"差\" => 0");
	expect("保障良好生态环境得满分", "yes => full; no => 0");
	expect("市内环保建设达标得满分", "yes => full; no => 0");
	expect("满意度达到100%得10分", "x>=100% => 10");
	expect("企业满意度100%么上得满分，每下降1%扣1分，扣守为止", "x>=100% => full; per 1% below => -1; min 0");
}

static void t_typo_noted(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	const char *t = "企业满意度100%么上得满分，每下降1%扣1分，扣守为止";
	ps_rule *r = ps_rule_compile(t, strlen(t), (ps_pos){"t.csv", 3, 1, -1}, &d);
	assert_true(r->ok);
	assert_true(r->typo);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, PS_D_RULE_TYPO);
	ps_rule_free(r);
	ps_diags_dispose(&d);
}

static void t_unread_position(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	const char *t = "整改完成率100%得满分，4×实达标数扣分";
	ps_rule *r = ps_rule_compile(t, strlen(t), (ps_pos){"t.csv", 7, 10, -1}, &d);
	assert_false(r->ok);
	assert_non_null(r->err_msg);
	/* the unread part starts at character 13 (0-based), after the comma */
	assert_int_equal(r->err_pos, 13);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, PS_D_RULE_UNREAD);
	assert_int_equal(d.v[0].pos.line, 7);
	assert_int_equal(d.v[0].pos.col, 10 + 13);
	ps_rule_free(r);
	ps_diags_dispose(&d);
}

static void t_empty(void **state)
{
	(void)state;
	const char *texts[] = {"", "   ", "。。，，", "；"};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		ps_rule *r = ps_rule_compile(texts[i], strlen(texts[i]), PS_POS_NONE, NULL);
		assert_true(r->ok);
		assert_int_equal(r->n, 0);
		ps_rule_free(r);
	}
}

/* tests/data/corpus_rules.tsv: id, rule text, expected canonical form
 * ("?" = needs_review). Every rule of ../shared/corpus/rules-dev.tsv. */
static void t_corpus(void **state)
{
	(void)state;
	FILE *f = fopen(PS_TEST_DATA "/corpus_rules.tsv", "r");
	assert_non_null(f);
	char line[8192];
	size_t n = 0, understood = 0;
	while (fgets(line, sizeof line, f)) {
		size_t len = strlen(line);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t');
		assert_non_null(t1);
		char *t2 = strchr(t1 + 1, '\t');
		assert_non_null(t2);
		*t1 = *t2 = '\0';
		const char *want = t2 + 1;
		expect(t1 + 1, strcmp(want, "?") == 0 ? NULL : want);
		n++;
		if (strcmp(want, "?") != 0)
			understood++;
	}
	fclose(f);
	assert_int_equal(n, 96);
	fprintf(stderr, "corpus: %zu rules, %zu understood, %zu refused (needs_review)\n", n, understood, n - understood);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_seed),
		cmocka_unit_test(t_typo_noted),
		cmocka_unit_test(t_unread_position),
		cmocka_unit_test(t_empty),
		cmocka_unit_test(t_corpus),
	};
	return cmocka_run_group_tests_name("rule_compile", tests, NULL, NULL);
}
