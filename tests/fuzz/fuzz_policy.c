/* fuzz_policy.c: the --policy JSON loader on an exact-size buffer. A file
 * that fails changes nothing and says where; one that loads gives a policy
 * the scorer can use. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);
	ps_policy p, init;
	ps_policy_init(&p);
	ps_policy_init(&init);
	ps_diags d = PS_DIAGS_INIT;
	int rc = ps_policy_load_json(&p, s, size, "policy.json", &d);
	if (rc != PS_OK) {
		FUZZ_CHECK(rc == PS_EINPUT, "rc %d", rc);
		FUZZ_CHECK(memcmp(&p, &init, sizeof p) == 0, "a bad file changes nothing");
		FUZZ_CHECK(d.n_error >= 1, "a bad file says why");
		for (size_t i = 0; i < d.n; i++)
			FUZZ_CHECK(d.v[i].pos.line >= 1, "policy error has a line");
	} else {
		FUZZ_CHECK(d.n_error == 0, "ok without errors");
		FUZZ_CHECK(p.decimals >= 0 && p.decimals <= 6, "decimals %d", p.decimals);
		(void)ps_policy_grade(&p, PS_DEC(75));
	}
	fuzz_check_diags(&d);
	ps_diags_dispose(&d);
	free(s);
	return 0;
}
