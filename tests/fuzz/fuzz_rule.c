/* fuzz_rule.c: the rule compiler. The input is Chinese rule text; a rule
 * that compiles prints to the canonical form, which parses back to the same
 * AST. The input is also read as canonical form and round-tripped the same
 * way. Compiled rules are scored against a few actual values: scores stay
 * within [0, points]. */
#include "fuzz_common.h"

/* Words of the rule are copied from the text: the printed form is UTF-8
 * when the text is (the loaders only pass on text that is). */
static void round_trip(const ps_rule *r, const char *what, bool utf8)
{
	char *p = ps_rule_print(r);
	FUZZ_CHECK(p != NULL, "print");
	FUZZ_CHECK(!utf8 || ps_utf8_invalid_at(p, strlen(p)) < 0, "printed form is UTF-8: %s", p);
	if (r->ok) {
		ps_diags d = PS_DIAGS_INIT;
		ps_rule *back = ps_rule_parse_dsl(p, strlen(p), PS_POS_NONE, &d);
		FUZZ_CHECK(back->ok, "%s: printed form does not parse: %s (%s)", what, p,
		           back->err_msg ? back->err_msg : "");
		FUZZ_CHECK(ps_rule_equal(r, back), "%s: round trip changed the rule: %s", what, p);
		char *p2 = ps_rule_print(back);
		FUZZ_CHECK(strcmp(p, p2) == 0, "%s: printed twice differently: %s / %s", what, p, p2);
		free(p2);
		ps_rule_free(back);
		ps_diags_dispose(&d);
	}
	ps_rule *c = ps_rule_clone(r);
	FUZZ_CHECK(ps_rule_equal(r, c), "clone equals");
	ps_rule_free(c);
	free(p);
}

static void score_some(const ps_rule *r, char *rule_text)
{
	static char *targets[] = {"100", "≤90万元", "0", "2026年12月31日前", "达成预期指标"};
	static const ps_cmp cmps[] = {PS_CMP_GE, PS_CMP_LE, PS_CMP_LE, PS_CMP_QUAL, PS_CMP_QUAL};
	static char *actuals[] = {"97%", "100", "0", "-5", "1e999", "未完成2项", "一般", "否", "2027年3月1日", ""};
	ps_policy pol;
	ps_policy_init(&pol);
	ps_score_ctx ctx = {&pol, PS_LANG_ZH, NULL};
	for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
		for (size_t a = 0; a < sizeof actuals / sizeof actuals[0]; a++) {
			ps_indicator ind;
			fuzz_indicator(&ind, targets[t], cmps[t]);
			ind.rule_text = rule_text;
			ind.has_actual = actuals[a][0] != '\0';
			ind.actual_text = actuals[a];
			ps_diags d = PS_DIAGS_INIT;
			ps_ind_result res;
			memset(&res, 0, sizeof res);
			ps_score_explain(&res, r, &ind, &ctx, &d);
			fuzz_check_result(&res, &ind);
			ps_ind_result_dispose(&res);
			ps_diags_dispose(&d);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	ps_diags d = PS_DIAGS_INIT;
	ps_pos pos = {"fuzz.csv", 1, 1, 0};
	bool utf8 = ps_utf8_invalid_at(s, size) < 0;

	ps_rule *r = ps_rule_compile(s, size, pos, &d);
	FUZZ_CHECK(r != NULL, "compile returns a rule");
	FUZZ_CHECK(r->ok || r->err_msg != NULL, "a failed rule says why");
	round_trip(r, "text", utf8);
	if (r->ok && size < 512)
		score_some(r, s);
	ps_rule_free(r);

	ps_rule *q = ps_rule_parse_dsl(s, size, pos, &d);
	FUZZ_CHECK(q != NULL, "parse returns a rule");
	FUZZ_CHECK(q->ok || q->err_msg != NULL, "a failed DSL rule says why");
	round_trip(q, "dsl", utf8);
	ps_rule_free(q);

	fuzz_check_diags(&d);
	ps_diags_dispose(&d);
	free(s);
	return 0;
}
