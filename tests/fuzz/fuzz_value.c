/* fuzz_value.c: the value parser: cells (numbers, dates, grades, counts),
 * Chinese numerals, decimals, comparators and units. Results stay inside
 * the input and inside the documented ranges. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: reads past the end are caught. */
	char *s = malloc(size ? size : 1);
	memcpy(s, data, size);

	ps_value v;
	ps_value_parse(&v, s, size);
	FUZZ_CHECK(v.kind >= PS_V_EMPTY && v.kind <= PS_V_TEXT, "kind %d", (int)v.kind);
	FUZZ_CHECK(memchr(v.unit, 0, sizeof v.unit) != NULL, "unit NUL-terminated");
	FUZZ_CHECK(v.text_len == 0 || (v.text >= s && v.text + v.text_len <= s + size), "text inside");
	if (v.kind == PS_V_NUMBER || v.kind == PS_V_COUNT)
		FUZZ_CHECK(v.num >= -PS_DEC_MAX && v.num <= PS_DEC_MAX, "num %lld", (long long)v.num);
	if (v.kind == PS_V_COUNT)
		FUZZ_CHECK(v.num >= 0, "count %lld", (long long)v.num);
	if (v.kind == PS_V_DATE) {
		FUZZ_CHECK(v.month >= 0 && v.month <= 12, "month %d", (int)v.month);
		FUZZ_CHECK(v.day >= 0 && v.day <= 31, "day %d", (int)v.day);
		if (v.month >= 1)
			(void)ps_date_days(v.year, v.month, v.day ? v.day : 1);
	}

	ps_dec n;
	size_t k = ps_cnum_parse(&n, s, size);
	FUZZ_CHECK(k <= size, "cnum consumed %zu of %zu", k, size);
	if (k)
		FUZZ_CHECK(n >= -PS_DEC_MAX && n <= PS_DEC_MAX, "cnum %lld", (long long)n);
	k = ps_dec_parse(&n, s, size);
	FUZZ_CHECK(k <= size, "dec consumed %zu of %zu", k, size);
	if (k) {
		FUZZ_CHECK(n >= -PS_DEC_MAX && n <= PS_DEC_MAX, "dec %lld", (long long)n);
		char buf[40];
		size_t fl = ps_dec_format(buf, sizeof buf, n, 0, 6);
		ps_dec back;
		FUZZ_CHECK(ps_dec_parse(&back, buf, fl) == fl && back == n, "format/parse %s", buf);
	}

	ps_cmp c = ps_cmp_parse(s, size);
	FUZZ_CHECK(c >= PS_CMP_NONE && c <= PS_CMP_QUAL, "cmp");
	char unit[32];
	ps_unit_norm(unit, sizeof unit, s, size);
	FUZZ_CHECK(memchr(unit, 0, sizeof unit) != NULL, "unit NUL-terminated");
	for (size_t at = 0; at <= size && at < 64; at++)
		(void)ps_negated_at(s, at);

	/* Text helpers that every loader runs on cells. */
	if (ps_utf8_invalid_at(s, size) < 0) {
		char *norm = ps_norm_cell(s, size);
		FUZZ_CHECK(ps_utf8_invalid_at(norm, strlen(norm)) < 0, "normalised cell is UTF-8");
		free(norm);
		char *key = ps_norm_key(s, size, true);
		free(key);
		(void)ps_text_width(s, size, false);
	}
	free(s);
	return 0;
}
