/* fuzz_dsl.c: the canonical rule form alone (ps_rule_parse_dsl), on an
 * exact-size buffer: a rule that parses prints, parses back equal, and
 * prints the same again; scores stay within [0, points]. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	ps_diags d = PS_DIAGS_INIT;
	ps_rule *q = ps_rule_parse_dsl(s, size, PS_POS_NONE, &d);
	FUZZ_CHECK(q != NULL && (q->ok || q->err_msg), "a failed DSL rule says why");
	if (q->ok) {
		FUZZ_CHECK(q->err_pos <= size, "err_pos");
		char *p = ps_rule_print(q);
		ps_rule *back = ps_rule_parse_dsl(p, strlen(p), PS_POS_NONE, &d);
		FUZZ_CHECK(back->ok && ps_rule_equal(q, back), "round trip: %s", p);
		char *p2 = ps_rule_print(back);
		FUZZ_CHECK(strcmp(p, p2) == 0, "printed twice differently: %s / %s", p, p2);
		free(p2);
		ps_rule_free(back);
		if (size < 512) {
			ps_policy pol;
			ps_policy_init(&pol);
			ps_score_ctx ctx = {&pol, PS_LANG_EN, NULL};
			static char *actuals[] = {"97%", "0", "-3", "未完成2项", "良好", "是", "2027-01-31"};
			for (size_t a = 0; a < sizeof actuals / sizeof actuals[0]; a++) {
				ps_indicator ind;
				fuzz_indicator(&ind, a % 2 ? "≤5" : "95%", a % 2 ? PS_CMP_LE : PS_CMP_GE);
				ind.rule_dsl = p;
				ind.has_actual = true;
				ind.actual_text = actuals[a];
				ps_ind_result res;
				memset(&res, 0, sizeof res);
				ps_score_explain(&res, q, &ind, &ctx, &d);
				fuzz_check_result(&res, &ind);
				ps_ind_result_dispose(&res);
			}
		}
		free(p);
	}
	ps_rule_free(q);
	fuzz_check_diags(&d);
	ps_diags_dispose(&d);
	free(s);
	return 0;
}
