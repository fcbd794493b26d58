/* xlsx_missing.c: src/xlsx_lib.c built on its own with the soname of a
 * library that does not exist: ps_xlsx_load fails, says why (the loader's
 * message names the library), and says so again on the next call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "perfscore/report.h"

static void t_missing(void **state)
{
	(void)state;
	char why[256] = "";
	assert_int_equal(ps_xlsx_load(why, sizeof why), PS_EIO);
	assert_non_null(strstr(why, "libperfscore-no-such.so.9"));
	char again[256] = "";
	assert_int_equal(ps_xlsx_load(again, sizeof again), PS_EIO);
	assert_string_equal(again, why);
	assert_int_equal(ps_xlsx_load(NULL, 0), PS_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(t_missing)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
