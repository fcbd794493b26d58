/* test_cnum.c: numbers in Arabic (also fullwidth) and Chinese numerals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "perfscore/value.h"

/* Parse s; check the value (in millionths) and the bytes consumed. */
static void check(const char *s, ps_dec want, size_t used)
{
	ps_dec v = -1;
	size_t n = ps_cnum_parse(&v, s, strlen(s));
	if (n != used || v != want)
		fail_msg("%s: got %lld (%zu bytes), want %lld (%zu bytes)", s, (long long)v, n,
		         (long long)want, used);
}

static void t_arabic(void **state)
{
	(void)state;
	check("97", PS_DEC(97), 2);
	check("0.5分", 500000, 3);
	check("1,200万元", PS_DEC(1200), 5);
	check("2,051.95", 2051950000, 8);
	check("0. 5分", 500000, 4);
	check("０．５", 500000, 9);               /* fullwidth: 3 bytes each */
	check("１００％", PS_DEC(100), 9);
	check("0.0900000762939453", 90000, 18);  /* Excel artefact */
	check("100.", PS_DEC(100), 4);
	check("-5", 0, 0);                       /* signs are the caller's */
	check("", 0, 0);
	check("abc", 0, 0);
}

static void t_chinese(void **state)
{
	(void)state;
	check("一", PS_DEC(1), 3);
	check("两", PS_DEC(2), 3);
	check("十", PS_DEC(10), 3);
	check("十五", PS_DEC(15), 6);
	check("二十", PS_DEC(20), 6);
	check("二十五个", PS_DEC(25), 9);
	check("一百", PS_DEC(100), 6);
	check("一百零五", PS_DEC(105), 12);
	check("一百二", PS_DEC(120), 9);
	check("三千", PS_DEC(3000), 6);
	check("两万", PS_DEC(20000), 6);
	check("两万五", PS_DEC(25000), 9);
	check("一千零一十", PS_DEC(1010), 15);
	check("二〇二六年", PS_DEC(2026), 12);
	check("零点五", 500000, 9);
	check("三点一四", 3140000, 12);
	check("十二点五", 12500000, 12);
	check("半", 500000, 3);
	check("一半", 500000, 6);
	check("一个百分点", PS_DEC(1), 3);
	check("壹佰", PS_DEC(100), 6);
	check("一亿", PS_DEC(100000000), 6);
	check("万", 0, 0);                       /* 万 alone is not a number */
	check("百分之九十", 0, 0);               /* the value reader handles 百分之 */
	check("十点", PS_DEC(10), 3);            /* 点 without a digit after it */
}

static void t_saturate(void **state)
{
	(void)state;
	ps_dec v;
	ps_cnum_parse(&v, "九亿亿亿亿", strlen("九亿亿亿亿"));
	assert_true(v <= PS_DEC_MAX && v > 0);
	ps_cnum_parse(&v, "99999999999999999999", 20);
	assert_true(v == PS_DEC_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_arabic),
		cmocka_unit_test(t_chinese),
		cmocka_unit_test(t_saturate),
	};
	return cmocka_run_group_tests_name("cnum", tests, NULL, NULL);
}
