/* fuzz_score.c: the whole score pipeline in memory. The input is the
 * targets file, optionally followed by a NUL and the actuals file, and by a
 * second NUL and a policy (JSON). Every unit is scored and written in every
 * format to a memory FILE; each indicator appears exactly once, scores stay
 * within [0, points], totals are the sums of the scores, and the JSON report
 * says the same. */
#include <math.h>
#include <cjson/cJSON.h>
#include "fuzz_common.h"

/* A JSON number as a ps_dec, when it is small enough to be exact. */
static bool json_dec(const cJSON *n, ps_dec *out)
{
	if (!cJSON_IsNumber(n) || fabs(n->valuedouble) > 1e9)
		return false;
	*out = (ps_dec)llround(n->valuedouble * 1e6);
	return true;
}

static void check_unit(const ps_unit_result *ur, const ps_unit *unit)
{
	FUZZ_CHECK(ur->n == unit->n, "%zu results for %zu indicators", ur->n, unit->n);
	/* the 预算执行率 row of a 项目资金 block counts outside the 一级 groups */
	const ps_budget_result *b = &ur->budget;
	ps_dec extra = b->scored && b->has_score ? b->score : 0;
	if (b->has_score)
		FUZZ_CHECK(b->score >= 0 && b->score <= b->points, "budget score %lld of %lld",
		           (long long)b->score, (long long)b->points);
	ps_dec total = extra, subs = extra;
	for (size_t i = 0; i < ur->n; i++) {
		const ps_ind_result *r = &ur->v[i];
		FUZZ_CHECK(r->ind == &unit->v[i], "indicator %zu is itself, once", i);
		fuzz_check_result(r, r->ind);
		if (r->has_score)
			total += r->score;
	}
	for (size_t k = 0; k < ur->n_sub; k++)
		subs += ur->sub[k].score;
	FUZZ_CHECK(total == ur->total, "total %lld != sum %lld", (long long)ur->total, (long long)total);
	FUZZ_CHECK(subs == ur->total, "subtotals %lld != total %lld", (long long)subs, (long long)ur->total);
	FUZZ_CHECK(ur->total >= 0 && ur->total <= ur->points_total, "total within points");
	FUZZ_CHECK(ur->grade != NULL, "grade");
}

/* The JSON report of the units: one entry per unit, one per indicator, the
 * printed total the sum of the printed scores. */
static void check_json(const char *json, size_t len, const ps_table *t)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	FUZZ_CHECK(root != NULL, "the JSON report parses");
	const cJSON *units = cJSON_GetObjectItemCaseSensitive(root, "units");
	FUZZ_CHECK(cJSON_IsArray(units) && (size_t)cJSON_GetArraySize(units) == t->n_units, "units");
	size_t u = 0;
	const cJSON *unit;
	cJSON_ArrayForEach(unit, units) {
		const cJSON *inds = cJSON_GetObjectItemCaseSensitive(unit, "indicators");
		FUZZ_CHECK(cJSON_IsArray(inds) && (size_t)cJSON_GetArraySize(inds) == t->units[u].n,
		           "indicators of unit %zu", u);
		ps_dec sum = 0, v, total;
		bool exact = true;
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(unit, "budget");
		if (cJSON_IsObject(b) && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(b, "scored"))) {
			const cJSON *bs = cJSON_GetObjectItemCaseSensitive(b, "score");
			if (json_dec(bs, &v))
				sum += v;
			else if (!cJSON_IsNull(bs))
				exact = false;
		}
		const cJSON *ind;
		cJSON_ArrayForEach(ind, inds) {
			const cJSON *sc = cJSON_GetObjectItemCaseSensitive(ind, "score");
			if (cJSON_IsNull(sc))
				continue;
			if (json_dec(sc, &v))
				sum += v;
			else
				exact = false;
		}
		if (exact && json_dec(cJSON_GetObjectItemCaseSensitive(unit, "total"), &total))
			FUZZ_CHECK(sum == total, "printed total %lld != sum of printed scores %lld",
			           (long long)total, (long long)sum);
		u++;
	}
	cJSON_Delete(root);
}

static void report_all(ps_table *t, const ps_policy *pol, ps_diags *d)
{
	static const ps_format formats[] = {PS_FMT_JSON, PS_FMT_NDJSON, PS_FMT_CSV, PS_FMT_MD, PS_FMT_TABLE};
	ps_rule_cache *cache = ps_rule_cache_new();
	for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		FUZZ_CHECK(fp != NULL, "open_memstream");
		ps_report_options ro = PS_REPORT_OPTIONS_INIT;
		ro.format = formats[f];
		ro.lang = f % 2 ? PS_LANG_EN : PS_LANG_ZH;
		ro.bom = f == 2;
		ps_report *rep = NULL;
		FUZZ_CHECK(ps_report_begin(&rep, fp, &ro) == PS_OK, "report begins");
		ps_score_ctx ctx = {pol, ro.lang, cache};
		for (size_t i = 0; i < t->n_units; i++) {
			ps_unit_result ur;
			ps_score_unit_budget(&ur, &t->units[i], t->budget ? &t->budget[i] : NULL, &ctx, d);
			check_unit(&ur, &t->units[i]);
			FUZZ_CHECK(ps_report_unit(rep, &ur) == PS_OK, "report unit");
			ps_unit_result_dispose(&ur);
		}
		FUZZ_CHECK(ps_report_end(rep, d) == PS_OK, "report ends");
		fclose(fp);
		FUZZ_CHECK(ps_utf8_invalid_at(buf, len) < 0, "report %s is UTF-8", ps_format_name(ro.format));
		if (formats[f] == PS_FMT_JSON)
			check_json(buf, len, t);
		free(buf);
	}
	ps_rule_cache_free(cache);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *parts[3] = {(const char *)data, NULL, NULL};
	size_t lens[3] = {size, 0, 0};
	for (int k = 0; k < 2; k++) {
		const char *nul = memchr(parts[k], 0, lens[k]);
		if (!nul)
			break;
		parts[k + 1] = nul + 1;
		lens[k + 1] = lens[k] - (size_t)(nul + 1 - parts[k]);
		lens[k] = (size_t)(nul - parts[k]);
	}
	ps_diags d = PS_DIAGS_INIT;
	ps_source *ts = NULL, *as = NULL;
	ps_table *t = NULL;
	ps_actuals *a = NULL;
	ps_policy pol;
	ps_policy_init(&pol);
	if (ps_source_from_mem(&ts, "t.csv", parts[0], lens[0], PS_ENC_AUTO, &d) != PS_OK ||
	    ps_table_load(&t, ts, NULL, &d) != PS_OK)
		goto done;
	if (parts[1] && (ps_source_from_mem(&as, "a.csv", parts[1], lens[1], PS_ENC_AUTO, &d) != PS_OK ||
	                 ps_actuals_load(&a, as, NULL, &d) != PS_OK || ps_match(t, a, &d) != PS_OK))
		goto done;
	if (parts[2] && ps_policy_load_json(&pol, parts[2], lens[2], "p.json", &d) != PS_OK)
		goto done;
	report_all(t, &pol, &d);
	fuzz_check_diags(&d);
done:
	ps_actuals_free(a);
	ps_table_free(t);
	ps_source_free(as);
	ps_source_free(ts);
	ps_diags_dispose(&d);
	return 0;
}
