/* test_keymap.c: the string pool, the hash map (keys that share one hash,
 * growth, clear) and the bounded memo (a hit gives what a miss computed,
 * size bounds, colliding texts kept apart, name keys through a memo, its
 * front of recent hits) and the short compare. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "keymap.h"
#include "sheet.h"
#include "perfscore/text.h"

/* Every key hashes alike: only the bytes tell keys apart. */
static uint64_t one_hash(const char *s, size_t n)
{
	(void)s;
	(void)n;
	return 42;
}

static void t_pool(void **state)
{
	(void)state;
	ps_pool *p = NULL;
	assert_int_equal(ps_pool_used(p), 0);
	char *keep[200];
	char want[32];
	/* small chunks: strings cross many chunk ends and stay put */
	for (int i = 0; i < 200; i++) {
		snprintf(want, sizeof want, "string %d", i);
		keep[i] = ps_pool_add(&p, want, strlen(want), 16);
	}
	for (int i = 0; i < 200; i++) {
		snprintf(want, sizeof want, "string %d", i);
		assert_string_equal(keep[i], want);
	}
	size_t used = 0;
	for (int i = 0; i < 200; i++)
		used += strlen(keep[i]) + 1;
	assert_int_equal(ps_pool_used(p), used);
	/* a string bigger than any chunk, and one with a NUL inside */
	char big[5000];
	memset(big, 'x', sizeof big);
	char *b = ps_pool_add(&p, big, sizeof big, 16);
	assert_memory_equal(b, big, sizeof big);
	assert_int_equal(b[sizeof big], '\0');
	char *z = ps_pool_add(&p, "a\0b", 3, 16);
	assert_memory_equal(z, "a\0b", 4);
	/* moved into another pool: the same bytes, one owner */
	ps_pool *q = NULL;
	char *mine = ps_pool_add(&q, "mine", 4, 64);
	size_t total = ps_pool_used(p) + ps_pool_used(q);
	ps_pool_move(&q, &p);
	assert_null(p);
	assert_int_equal(ps_pool_used(q), total);
	assert_string_equal(mine, "mine");
	assert_string_equal(keep[199], "string 199");
	ps_pool_clear(&q);
	assert_int_equal(ps_pool_used(q), 0);
	assert_string_equal(ps_pool_add(&q, "again", 5, 64), "again");
	ps_pool_free(&q);
	assert_null(q);
	ps_pool_free(&q); /* empty is fine */
}

/* Room reserved for a row's strings, then put without a test: every
 * length from 0 to 300 (the inline copies' cases and memcpy's), exactly
 * the room reserved, in a pool whose chunk is full or nearly so. */
static void t_pool_reserve_put(void **state)
{
	(void)state;
	char src[301];
	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (char)('a' + i % 26);
	ps_pool *p = NULL;
	for (size_t n = 0; n <= 300; n++) {
		/* pieces of n, n / 2, 0 and 1 bytes: their room is exact */
		size_t lens[4] = {n, n / 2, 0, 1}, need = 0;
		for (int k = 0; k < 4; k++)
			need += lens[k] ? lens[k] + 1 : 0;
		ps_pool_add(&p, src, n % 7, 8); /* the chunk's room left varies */
		size_t before = ps_pool_used(p);
		ps_pool_reserve(&p, need, 8);
		assert_true(p->cap - p->used >= need);
		ps_pool *c = p;
		char *got[4];
		for (int k = 0; k < 4; k++)
			got[k] = ps_pool_put(c, src + k, lens[k]);
		assert_int_equal(c->used <= c->cap, true);
		for (int k = 0; k < 4; k++) {
			if (!lens[k]) {
				assert_ptr_equal(got[k], ps_str_empty);
				continue;
			}
			assert_memory_equal(got[k], src + k, lens[k]);
			assert_int_equal(got[k][lens[k]], '\0');
		}
		assert_int_equal(ps_pool_used(p), before + need);
		/* room enough already: the same chunk */
		ps_pool_reserve(&p, 0, 8);
		assert_ptr_equal(p, c);
	}
	ps_pool_free(&p);
}

static void t_keymap_collisions(void **state)
{
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		ps_keymap *m = ps_keymap_new();
		if (pass == 1)
			ps_keymap_set_hash(m, one_hash);
		char k[32];
		/* enough keys to grow the table several times */
		for (size_t i = 0; i < 300; i++) {
			snprintf(k, sizeof k, "键%zu", i);
			bool created;
			size_t *v = ps_keymap_get(m, k, strlen(k), true, i * 10, &created);
			assert_true(created);
			assert_int_equal(*v, i * 10);
		}
		assert_int_equal(ps_keymap_count(m), 300);
		for (size_t i = 0; i < 300; i++) {
			snprintf(k, sizeof k, "键%zu", i);
			bool created;
			size_t *v = ps_keymap_get(m, k, strlen(k), true, 7, &created);
			assert_false(created);
			assert_int_equal(*v, i * 10);
		}
		/* a prefix, a key with a NUL and the empty key are keys of their own */
		assert_null(ps_keymap_get(m, "键1", strlen("键1") - 1, false, 0, NULL));
		*ps_keymap_get(m, "a\0b", 3, true, 1, NULL) = 1;
		*ps_keymap_get(m, "a\0c", 3, true, 2, NULL) = 2;
		*ps_keymap_get(m, "", 0, true, 3, NULL) = 3;
		assert_int_equal(*ps_keymap_get(m, "a\0b", 3, false, 0, NULL), 1);
		assert_int_equal(*ps_keymap_get(m, "a\0c", 3, false, 0, NULL), 2);
		assert_int_equal(*ps_keymap_get(m, "", 0, false, 0, NULL), 3);
		assert_null(ps_keymap_get(m, "a", 1, false, 0, NULL));
		ps_keymap_clear(m);
		assert_int_equal(ps_keymap_count(m), 0);
		assert_null(ps_keymap_get(m, "键5", strlen("键5"), false, 0, NULL));
		assert_int_equal(*ps_keymap_get(m, "键5", strlen("键5"), true, 9, NULL), 9);
		ps_keymap_free(m);
	}
	ps_keymap_free(NULL);
}

/* A pure function of text to memoise: its result differs for every text. */
static void fold(const char *s, char *out)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		out[i] = (char)(s[n - 1 - i] ^ 1);
	out[n] = '\0';
}

static const char *through(ps_memo *m, const char *s, char *out, bool *hit)
{
	size_t n;
	const char *v = ps_memo_get(m, s, strlen(s), &n);
	*hit = v != NULL;
	if (v) {
		memcpy(out, v, n + 1);
		return out;
	}
	fold(s, out);
	v = ps_memo_put(m, s, strlen(s), out, strlen(out));
	assert_string_equal(v, out);
	return out;
}

static void t_memo(void **state)
{
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		ps_memo *m = ps_memo_new(8, 1 << 20);
		if (pass == 1)
			ps_memo_set_hash(m, one_hash); /* every text collides */
		char key[32], got[64], want[64];
		bool hit;
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 6; i++) {
				snprintf(key, sizeof key, "text %d", i);
				fold(key, want);
				assert_string_equal(through(m, key, got, &hit), want);
				assert_int_equal(hit, round == 1); /* the second round hits */
			}
		}
		assert_int_equal(ps_memo_count(m), 6);
		/* bounded: 8 entries at most, whatever comes */
		for (int i = 0; i < 100; i++) {
			snprintf(key, sizeof key, "other %d", i);
			fold(key, want);
			assert_string_equal(through(m, key, got, &hit), want);
			assert_true(ps_memo_count(m) <= 8);
		}
		/* forgotten texts are computed again, and right */
		fold("text 0", want);
		assert_string_equal(through(m, "text 0", got, &hit), want);
		assert_false(hit);
		ps_memo_free(m);
	}
	/* the byte bound: values of 100 bytes in a memo of 1000 bytes */
	ps_memo *m = ps_memo_new(1000, 1000);
	char val[100], key[16];
	memset(val, 'v', sizeof val);
	for (int i = 0; i < 50; i++) {
		snprintf(key, sizeof key, "k%d", i);
		ps_memo_put(m, key, strlen(key), val, sizeof val);
		assert_true(ps_memo_count(m) <= 10);
	}
	size_t n;
	assert_non_null(ps_memo_get(m, "k49", 3, &n));
	assert_int_equal(n, sizeof val);
	assert_null(ps_memo_get(m, "k0", 2, &n));
	ps_memo_free(m);
	ps_memo_free(NULL);
}

/* ps_name_key_memo appends what ps_name_key gives, hit or miss, with a memo
 * so small it forgets all the time. */
static void t_name_key_memo(void **state)
{
	(void)state;
	static const char *const names[] = {
		"“双随机”抽查完成率", "满意度：", "满意度", "（１）培训人次", "投 入", "", "A  b",
		"Ｑ＆Ａ", "整改完成率。", "产出指标", "'单引号'", "产出指标 ", "a", "ab",
	};
	ps_memo *m = ps_memo_new(3, 1 << 16);
	ps_buf out = PS_BUF_INIT;
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			char *want = ps_name_key(names[i]);
			ps_buf_clear(&out);
			ps_buf_adds(&out, "前缀"); /* appended after what is there */
			size_t n = ps_name_key_memo(m, &out, names[i]);
			assert_int_equal(n, strlen(want));
			assert_int_equal(out.n, strlen("前缀") + n);
			assert_string_equal(out.s + strlen("前缀"), want);
			/* and whether the key is the name itself: computed (a new
			 * memo), then from its front and from the map behind it */
			bool same = !strcmp(want, names[i]);
			ps_memo *m1 = ps_memo_new(8, 1 << 16);
			for (int again = 0; again < 3; again++) {
				bool got = !same;
				ps_buf_clear(&out);
				size_t k = ps_name_key_memo_same(again < 2 ? m1 : m, &out, names[i], strlen(names[i]), &got);
				assert_int_equal(k, strlen(want));
				assert_string_equal(out.s, want);
				assert_int_equal(got, same);
			}
			ps_memo_free(m1);
			free(want);
		}
	}
	ps_buf_dispose(&out);
	ps_memo_free(m);
}

/* The small map against the hash map, key for key: the same slots, values
 * and "created" answers while it scans and after it has moved into a hash
 * map; keys alike in length and last bytes are told apart; clear empties
 * it (and it scans again). */
static void t_smallmap(void **state)
{
	(void)state;
	ps_smallmap sm = PS_SMALLMAP_INIT;
	for (int round = 0; round < 3; round++) {
		ps_keymap *km = ps_keymap_new();
		int n_keys = round == 0 ? 10 : round == 1 ? PS_SMALLMAP_KEYS : 200;
		char key[64];
		for (int pass = 0; pass < 2; pass++) {
			for (int i = 0; i < n_keys; i++) {
				/* the same length and the same last 8 bytes: only the
				 * first bytes differ */
				int len = snprintf(key, sizeof key, "%03d-xxxxxxxxxxxxxxxx", i);
				bool c1, c2;
				size_t *a = ps_smallmap_get(&sm, key, (size_t)len, true, (size_t)i * 7, &c1);
				size_t *b = ps_keymap_get(km, key, (size_t)len, true, (size_t)i * 7, &c2);
				assert_int_equal(c1, c2);
				assert_int_equal(c1, pass == 0);
				assert_int_equal(*a, *b);
				if (pass == 0)
					*a = *b = (size_t)i + 1000; /* the slot is the value's */
				else
					assert_int_equal(*a, (size_t)i + 1000);
			}
			assert_int_equal(ps_smallmap_count(&sm), (size_t)n_keys);
		}
		/* absent keys: not found, not inserted */
		assert_null(ps_smallmap_get(&sm, "999-xxxxxxxxxxxxxxxx", 20, false, 0, NULL));
		assert_null(ps_smallmap_get(&sm, "", 0, false, 0, NULL));
		assert_null(ps_smallmap_get(&sm, "000-xxxxxxxxxxxxxxx", 19, false, 0, NULL));
		/* short keys and the empty key */
		bool created;
		*ps_smallmap_get(&sm, "", 0, true, 5, &created) += 1;
		assert_true(created);
		assert_int_equal(*ps_smallmap_get(&sm, "", 0, false, 0, NULL), 6);
		*ps_smallmap_get(&sm, "ab", 2, true, 1, NULL) = 2;
		assert_int_equal(*ps_smallmap_get(&sm, "ab", 2, true, 9, &created), 2);
		assert_false(created);
		assert_null(ps_smallmap_get(&sm, "a\0", 2, false, 0, NULL));
		assert_int_equal(ps_smallmap_count(&sm), (size_t)n_keys + 2);
		ps_smallmap_clear(&sm);
		assert_int_equal(ps_smallmap_count(&sm), 0);
		assert_null(ps_smallmap_get(&sm, "ab", 2, false, 0, NULL));
		ps_keymap_free(km);
	}
	ps_smallmap_dispose(&sm);
}

/* ps_name_key_memo_n is ps_name_key_memo with the length given, and
 * ps_key_add appends as ps_buf_add does, growing when it must. */
static void t_memo_n_and_key_add(void **state)
{
	(void)state;
	ps_memo *m = ps_memo_new(64, 1 << 16);
	ps_buf a = PS_BUF_INIT, b = PS_BUF_INIT;
	static const char *const names[] = {"投 入", "Ａ  b", "", "满意度：", "“双随机”抽查"};
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			ps_buf_clear(&a);
			ps_buf_clear(&b);
			ps_key_add(&a, "k", 1);
			ps_key_add(&b, "k", 1);
			size_t n1 = ps_name_key_memo(m, &a, names[i]);
			size_t n2 = ps_name_key_memo_n(m, &b, names[i], strlen(names[i]));
			assert_int_equal(n1, n2);
			assert_int_equal(a.n, b.n);
			assert_string_equal(a.s, b.s);
		}
	ps_buf c = PS_BUF_INIT, d = PS_BUF_INIT;
	for (int i = 0; i < 500; i++) {
		char piece[16];
		int n = snprintf(piece, sizeof piece, "%d,", i);
		ps_key_add(&c, piece, (size_t)n);
		ps_buf_add(&d, piece, (size_t)n);
		assert_int_equal(c.n, d.n);
		assert_int_equal(c.s[c.n], '\0');
	}
	assert_string_equal(c.s, d.s);
	ps_buf_dispose(&a);
	ps_buf_dispose(&b);
	ps_buf_dispose(&c);
	ps_buf_dispose(&d);
	ps_memo_free(m);
}

/* The memo's front (its recent hits, by a word of a key's first, middle
 * and last bytes): keys whose words are equal (they differ elsewhere) are
 * told apart by their bytes, a memo that forgets does not answer from the
 * front, and lengths from 0 to 40 all hit right. */
static void t_memo_front(void **state)
{
	(void)state;
	for (int pass = 0; pass < 2; pass++) {
		/* pass 1: so small it forgets every 16 texts */
		ps_memo *m = ps_memo_new(pass ? 16 : 4096, 1 << 20);
		char key[48], got[64], want[64];
		bool hit;
		for (int round = 0; round < 3; round++)
			for (int i = 0; i < 200; i++) {
				/* 40 bytes, the same but at bytes 10 and 11: one word */
				snprintf(key, sizeof key, "AAAAAAAAAA%02dBBBBBBBBCCCCCCCCDDDDDDDDEE", i % 100);
				if (i >= 100) /* and every length from 0 to 40 */
					key[(i - 100) % 41] = '\0';
				fold(key, want);
				assert_string_equal(through(m, key, got, &hit), want);
				if (pass == 0 && round > 0)
					assert_true(hit);
			}
		/* a forgotten text is not answered from the front */
		if (pass == 1) {
			fold("AAAAAAAAAA00BBBBBBBBCCCCCCCCDDDDDDDDEE", want);
			size_t n;
			assert_null(ps_memo_get(m, "AAAAAAAAAA00BBBBBBBBCCCCCCCCDDDDDDDDEE", 38, &n));
		}
		ps_memo_free(m);
	}
	/* name keys through the front: what ps_name_key_buf gives, every time */
	ps_memo *m = ps_memo_new(4096, 1 << 20);
	static const char *const names[] = {"开展培训人次", "开展培训人 次", "服务群众人数", "ｓａｔｉｓｆａｃｔｉｏｎ",
	                                    "满意度（％）", "满意度(%)", "a", "", "任务完成率任务完成率任务完成率"};
	ps_buf a = PS_BUF_INIT, b = PS_BUF_INIT;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			ps_buf_clear(&a);
			ps_buf_clear(&b);
			ps_name_key_memo_n(m, &a, names[i], strlen(names[i]));
			ps_buf_add(&b, "", 0);
			ps_name_key_buf(&b, names[i]);
			assert_int_equal(a.n, b.n);
			assert_memory_equal(a.s, b.s, a.n);
		}
	ps_buf_dispose(&a);
	ps_buf_dispose(&b);
	ps_memo_free(m);
}

/* ps_same_bytes is memcmp(...) == 0 at every length up to 70 (each way
 * of comparing: bytes, two words of 4 or of 8, four words of 8, memcmp)
 * with a byte changed at every position. */
static void t_same_bytes(void **state)
{
	(void)state;
	char x[72], y[72];
	for (size_t i = 0; i < sizeof x; i++)
		x[i] = y[i] = (char)('a' + i % 26);
	for (size_t n = 0; n <= 70; n++) {
		assert_true(ps_same_bytes(x, y, n));
		for (size_t k = 0; k < n; k++) {
			y[k] ^= 0x20;
			assert_false(ps_same_bytes(x, y, n));
			assert_true(ps_same_bytes(x, y, k)); /* the bytes before still equal */
			y[k] ^= 0x20;
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_pool),
		cmocka_unit_test(t_pool_reserve_put),
		cmocka_unit_test(t_keymap_collisions),
		cmocka_unit_test(t_memo),
		cmocka_unit_test(t_name_key_memo),
		cmocka_unit_test(t_smallmap),
		cmocka_unit_test(t_memo_n_and_key_add),
		cmocka_unit_test(t_memo_front),
		cmocka_unit_test(t_same_bytes),
	};
	return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
