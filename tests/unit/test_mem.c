/* test_mem.c: the growable buffer and the hash of the hash tables
 * (src/util/mem.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"

/* The hash as first written, a byte at a time for the tail: the whole-word
 * tail reads must give the very same values (table layouts, and so any
 * order a table's contents are visited in, stay as they were). */
static uint64_t hash_bytewise(const char *s, size_t n)
{
	const uint64_t k = UINT64_C(0x9E3779B97F4A7C15);
	const unsigned char *p = (const unsigned char *)s;
	uint64_t h = k ^ (uint64_t)n;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w = 0;
		for (int i = 0; i < 8; i++)
			w |= (uint64_t)p[i] << (8 * i);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	for (size_t i = 0; i < n; i++)
		w |= (uint64_t)p[i] << (8 * i);
	h = (h ^ w) * k;
	h ^= h >> 30;
	h *= UINT64_C(0xBF58476D1CE4E5B9);
	h ^= h >> 27;
	h *= UINT64_C(0x94D049BB133111EB);
	h ^= h >> 31;
	return h;
}

static void test_hash_same_as_bytewise(void **state)
{
	(void)state;
	char buf[80];
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (char)(i * 37u + 11u); /* high bits set too */
	for (size_t off = 0; off < 9; off++)
		for (size_t n = 0; n + off <= sizeof buf && n <= 70; n++) {
			uint64_t a = ps_hash(buf + off, n), b = hash_bytewise(buf + off, n);
			if (a != b)
				fail_msg("length %zu at offset %zu: %llx, bytewise %llx", n, off, (unsigned long long)a,
				         (unsigned long long)b);
		}
	/* a key only as long as its bytes: the loads stay inside it */
	for (size_t n = 1; n <= 20; n++) {
		char *k = malloc(n);
		memcpy(k, buf, n);
		assert_int_equal(ps_hash(k, n), hash_bytewise(buf, n));
		free(k);
	}
}

/* Same bytes, same hash, wherever they sit in memory (no alignment or
 * bytes past n read into it). */
static void test_hash_depends_on_bytes_only(void **state)
{
	(void)state;
	const char *key = "整改完成率100%得满分，每下降1%扣1分";
	size_t n = strlen(key);
	char buf[128];
	for (size_t off = 0; off < 8; off++) {
		memset(buf, 'x', sizeof buf);
		memcpy(buf + off, key, n);
		assert_int_equal(ps_hash(buf + off, n), ps_hash(key, n));
		buf[off + n] = 'y'; /* the byte after the key does not count */
		assert_int_equal(ps_hash(buf + off, n), ps_hash(key, n));
	}
}

/* Every byte counts, at every length around the eight-byte steps, and a
 * key differs from its own prefix (the length is hashed). */
static void test_hash_every_byte_counts(void **state)
{
	(void)state;
	char a[40], b[40];
	for (size_t n = 1; n <= 33; n++) {
		memset(a, 'a', n);
		for (size_t i = 0; i < n; i++) {
			memcpy(b, a, n);
			b[i] = 'b';
			assert_true(ps_hash(a, n) != ps_hash(b, n));
		}
		assert_true(ps_hash(a, n) != ps_hash(a, n - 1));
	}
	memset(a, 0, sizeof a);
	assert_true(ps_hash(a, 8) != ps_hash(a, 9)); /* zero bytes too */
	assert_true(ps_hash("", 0) != ps_hash(a, 1));
}

/* The tables index by the low bits: keys that differ in one digit spread
 * over 1,024 buckets with none holding far more than its share (10 of
 * 10,000 on average). */
static void test_hash_low_bits_spread(void **state)
{
	(void)state;
	static unsigned count[1024];
	char key[64];
	memset(count, 0, sizeof count);
	for (int i = 0; i < 10000; i++) {
		int n = snprintf(key, sizeof key, "满意度指标\x1f服务对象满意度\x1f%d", i);
		count[ps_hash(key, (size_t)n) & 1023]++;
	}
	unsigned max = 0, empty = 0;
	for (size_t i = 0; i < 1024; i++) {
		if (count[i] > max)
			max = count[i];
		empty += count[i] == 0;
	}
	assert_true(max <= 30);
	assert_true(empty <= 5);
}

static void test_buf_appends_and_detaches(void **state)
{
	(void)state;
	ps_buf b = PS_BUF_INIT;
	for (int i = 0; i < 1000; i++)
		ps_buf_adds(&b, "指标");
	ps_buf_addc(&b, '!');
	ps_buf_add(&b, "xyz", 2);
	assert_int_equal(b.n, 1000 * strlen("指标") + 3);
	assert_int_equal(strlen(b.s), b.n);
	assert_memory_equal(b.s + b.n - 3, "!xy", 3);
	ps_buf_clear(&b);
	assert_int_equal(b.n, 0);
	assert_string_equal(b.s, "");
	ps_buf_printf(&b, "%d分", 20);
	char *s = ps_buf_detach(&b);
	assert_string_equal(s, "20分");
	assert_null(b.s);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_depends_on_bytes_only),
		cmocka_unit_test(test_hash_same_as_bytewise),
		cmocka_unit_test(test_hash_every_byte_counts),
		cmocka_unit_test(test_hash_low_bits_spread),
		cmocka_unit_test(test_buf_appends_and_detaches),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
