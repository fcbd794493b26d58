/* fuzz_source.c: encoding detection and conversion (ps_source_from_mem).
 * The first byte picks the encoding (auto, UTF-8, GB18030); the rest is the
 * file. A decoded source is valid UTF-8 without NUL, and offsets map back
 * into the original, in order; and the UTF-8 check of the raw bytes gives
 * the same answer on its AVX2 and its baseline (SSE2) paths. */
#include "fuzz_common.h"
#include "util/cpu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	ps_encoding enc = (ps_encoding)(data[0] % 3);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	int64_t wide = ps_utf8_invalid_at(text, len);
	ps_cpu_avx2_off(true);
	int64_t base = ps_utf8_invalid_at(text, len);
	ps_cpu_avx2_off(false);
	FUZZ_CHECK(wide == base, "UTF-8 check: %lld as is, %lld on the baseline paths", (long long)wide,
	           (long long)base);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	int rc = ps_source_from_mem(&s, "fuzz.csv", text, len, enc, &d);
	if (rc == PS_OK) {
		FUZZ_CHECK(s != NULL && d.n_error == 0, "ok without errors");
		FUZZ_CHECK(s->text[s->len] == '\0', "NUL-terminated");
		FUZZ_CHECK(memchr(s->text, 0, s->len) == NULL, "no NUL inside");
		FUZZ_CHECK(ps_utf8_invalid_at(s->text, s->len) < 0, "valid UTF-8");
		FUZZ_CHECK(s->encoding == PS_ENC_UTF8 || s->encoding == PS_ENC_GB18030, "encoding");
		/* Offsets: at most 64 probes (each is linear in the line). */
		size_t stepsz = s->len / 64 + 1;
		int64_t prev = -1;
		for (size_t off = 0; off <= s->len; off += stepsz) {
			int64_t o = ps_source_orig_offset(s, off);
			FUZZ_CHECK(o >= 0 && (size_t)o <= len, "offset %zu maps to %lld of %zu", off,
			           (long long)o, len);
			FUZZ_CHECK(o >= prev, "offsets in order at %zu", off);
			prev = o;
		}
		FUZZ_CHECK(ps_source_orig_offset(s, s->len) == (int64_t)len ||
		                   ps_source_orig_offset(s, s->len) <= (int64_t)len,
		           "end maps inside");
	} else {
		FUZZ_CHECK(s == NULL, "no source on error");
		FUZZ_CHECK(rc == PS_EINPUT, "rc %d", rc);
		FUZZ_CHECK(d.n_error >= 1, "an error says why");
	}
	fuzz_check_diags(&d);
	ps_source_free(s);
	ps_diags_dispose(&d);
	return 0;
}
