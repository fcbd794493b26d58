/* policy.c: the scoring policy: national defaults and the JSON policy file
 * (docs/policy.md). A bad file changes nothing and reports every fault. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "perfscore/policy.h"
#include "perfscore/text.h"

void ps_policy_init(ps_policy *p)
{
	memset(p, 0, sizeof *p);
	p->grade_excellent = PS_DEC(90);
	p->grade_good = PS_DEC(80);
	p->grade_fair = PS_DEC(60);
	p->steps = PS_STEPS_CONTINUOUS;
	p->pct_is_pp = true;
	p->decimals = 2;
	p->na = PS_NA_RESCALE;
	p->qual_achieved = PS_DEC(100);
	p->qual_partial_hi = PS_DEC(80);
	p->qual_partial_lo = PS_DEC(60);
	p->qual_not_hi = PS_DEC(60);
	p->qual_not_lo = PS_DEC(0);
	p->qual_mode = PS_QUAL_LOWER;
	p->exec_cap = false;
	p->deviation_penalty = false;
	p->deviation_ratio = PS_DEC(30);
	p->deviation_points = PS_DEC(2);
	p->budget_year = 0;
	p->budget_rate = true;
	p->budget_points = PS_DEC(10);
	/* The bands of SPEC §6.5 (province self-evaluation manuals). */
	static const int bands[][2] = {{80, 89}, {70, 79}, {60, 69}, {50, 59}};
	p->n_exec_caps = 4;
	for (int i = 0; i < 4; i++) {
		p->exec_cap_below[i] = PS_DEC(bands[i][0]);
		p->exec_cap_total[i] = PS_DEC(bands[i][1]);
	}
}

bool ps_policy_exec_cap(const ps_policy *p, ps_dec rate, ps_dec *cap)
{
	bool found = false;
	for (int i = 0; i < p->n_exec_caps; i++)
		if (rate < p->exec_cap_below[i] && (!found || p->exec_cap_total[i] < *cap)) {
			*cap = p->exec_cap_total[i];
			found = true;
		}
	return found;
}

/* Grade names are data, the one table of them. */
static const char *const grade_words[] = {"优", "良", "中", "差"};

const char *ps_policy_grade(const ps_policy *p, ps_dec total_100)
{
	if (total_100 >= p->grade_excellent)
		return grade_words[0];
	if (total_100 >= p->grade_good)
		return grade_words[1];
	if (total_100 >= p->grade_fair)
		return grade_words[2];
	return grade_words[3];
}

/* ---- JSON loader ----------------------------------------------------------- */

typedef struct {
	const char *json;
	size_t len;
	const char *file;
	ps_diags *diags;
	int nerr;
} loader;

static ps_pos pos_at(const loader *l, size_t off)
{
	ps_pos p = {l->file, 1, 1, (int64_t)off};
	for (size_t i = 0; i < off && i < l->len; i++) {
		if (l->json[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)l->json[i] & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

/* cJSON keeps no positions: find the key's text after `from` (the parent's
 * key), good enough to point a person at the line. */
static size_t find_key(const loader *l, const char *key, size_t from)
{
	size_t kl = strlen(key);
	for (size_t i = from; i + kl + 2 <= l->len; i++)
		if (l->json[i] == '"' && memcmp(l->json + i + 1, key, kl) == 0 && l->json[i + 1 + kl] == '"')
			return i;
	return from;
}

static void err(loader *l, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void err(loader *l, size_t off, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ps_diags_vaddl(l->diags, PS_D_POLICY, ps_code_level(PS_D_POLICY), pos_at(l, off), fmt, ap);
	va_end(ap);
	l->nerr++;
}

/* A JSON number read as a decimal: rounded to 6 places, which is exact for
 * any value a policy holds (90, 62.5, 0.5). */
static bool get_dec_named(loader *l, const cJSON *it, const char *name, size_t off, ps_dec lo, ps_dec hi,
                          ps_dec *out)
{
	char buf[64];
	if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble) || fabs(it->valuedouble) > 1e12) {
		err(l, off, "policy: \"%s\" must be a number", name);
		return false;
	}
	snprintf(buf, sizeof buf, "%.6f", it->valuedouble);
	ps_dec v;
	ps_dec_parse(&v, buf, strlen(buf));
	if (v < lo || v > hi) {
		char range[96], a[32], b[32];
		ps_dec_format(a, sizeof a, lo, 0, 6);
		ps_dec_format(b, sizeof b, hi, 0, 6);
		snprintf(range, sizeof range, " between %s and %s", a, b);
		err(l, off, "policy: \"%s\" must be a number%s", name, range);
		return false;
	}
	*out = v;
	return true;
}

static bool get_dec(loader *l, const cJSON *it, size_t off, ps_dec lo, ps_dec hi, ps_dec *out)
{
	return get_dec_named(l, it, it->string ? it->string : "value", off, lo, hi, out);
}

static bool get_int(loader *l, const cJSON *it, size_t off, int lo, int hi, int *out)
{
	ps_dec v;
	if (!get_dec(l, it, off, PS_DEC(lo), PS_DEC(hi), &v))
		return false;
	if (v % PS_DEC_SCALE) {
		err(l, off, "policy: \"%s\" must be a whole number", it->string);
		return false;
	}
	*out = (int)(v / PS_DEC_SCALE);
	return true;
}

static bool get_bool(loader *l, const cJSON *it, size_t off, bool *out)
{
	if (!cJSON_IsBool(it)) {
		err(l, off, "policy: \"%s\" must be true or false", it->string);
		return false;
	}
	*out = cJSON_IsTrue(it);
	return true;
}

/* One of the words; returns its index or -1 after reporting. */
static int get_enum(loader *l, const cJSON *it, size_t off, const char *const *words, const char *list)
{
	if (cJSON_IsString(it))
		for (int i = 0; words[i]; i++)
			if (strcmp(it->valuestring, words[i]) == 0)
				return i;
	err(l, off, "policy: \"%s\" must be one of %s", it->string, list);
	return -1;
}

/* [lo, hi] percents of the points. */
static void get_band(loader *l, const cJSON *it, size_t off, ps_dec *lo, ps_dec *hi)
{
	ps_dec a, b;
	if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) != 2) {
		err(l, off, "policy: \"%s\" must be a pair of percents [low, high]", it->string);
		return;
	}
	/* name the element: "partial[1]" must be a number */
	char n0[80], n1[80];
	snprintf(n0, sizeof n0, "%s[0]", it->string);
	snprintf(n1, sizeof n1, "%s[1]", it->string);
	if (!get_dec_named(l, cJSON_GetArrayItem(it, 0), n0, off, 0, PS_DEC(100), &a) ||
	    !get_dec_named(l, cJSON_GetArrayItem(it, 1), n1, off, 0, PS_DEC(100), &b))
		return;
	if (a > b) {
		err(l, off, "policy: \"%s\" must be written [low, high]", it->string);
		return;
	}
	*lo = a;
	*hi = b;
}

/* Members must be known and unique; returns false after reporting. */
static bool check_members(loader *l, const cJSON *obj, size_t off, const char *name, const char *const *keys,
                          const char *list)
{
	if (!cJSON_IsObject(obj)) {
		err(l, off, "policy: \"%s\" must be an object", name);
		return false;
	}
	bool ok = true;
	for (const cJSON *m = obj->child; m; m = m->next) {
		size_t at = find_key(l, m->string, off);
		bool known = false;
		for (int i = 0; keys[i]; i++)
			known |= strcmp(m->string, keys[i]) == 0;
		if (!known) {
			err(l, at, "policy: unknown key \"%s\" (known: %s)", m->string, list);
			ok = false;
		}
		for (const cJSON *o = obj->child; o != m; o = o->next)
			if (strcmp(o->string, m->string) == 0) {
				err(l, at, "policy: key \"%s\" given twice", m->string);
				ok = false;
				break;
			}
	}
	return ok;
}

static const char *const top_keys[] = {
	"grade_bands", "steps", "percent_step", "decimals", "not_applicable", "qualitative", "exec_cap",
	"deviation_penalty", "budget_year", "budget_rate", "exec_cap_bands", NULL,
};
static const char *const rate_keys[] = {"enabled", "points", NULL};
static const char *const cap_keys[] = {"below", "cap", NULL};
static const char *const band_keys[] = {"excellent", "good", "fair", NULL};
static const char *const qual_keys[] = {"achieved", "partial", "not_achieved", "unspecified", NULL};
static const char *const dev_keys[] = {"enabled", "ratio", "points", NULL};
static const char *const steps_words[] = {"continuous", "whole", "started", NULL};
static const char *const pct_words[] = {"points", "relative", NULL};
static const char *const na_words[] = {"rescale", "full", "zero", NULL};
static const char *const unspec_words[] = {"lower", "upper", "manual", NULL};

static void load_bands(loader *l, const cJSON *o, size_t off, ps_policy *p)
{
	if (!check_members(l, o, off, "grade_bands", band_keys, "excellent, good, fair"))
		return;
	ps_dec *dst[] = {&p->grade_excellent, &p->grade_good, &p->grade_fair};
	for (int i = 0; band_keys[i]; i++) {
		const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, band_keys[i]);
		if (it)
			get_dec(l, it, find_key(l, band_keys[i], off), 0, PS_DEC(100), dst[i]);
	}
	if (!(p->grade_excellent >= p->grade_good && p->grade_good >= p->grade_fair))
		err(l, off, "policy: \"%s\" must satisfy excellent >= good >= fair", "grade_bands");
}

static void load_qual(loader *l, const cJSON *o, size_t off, ps_policy *p)
{
	if (!check_members(l, o, off, "qualitative", qual_keys, "achieved, partial, not_achieved, unspecified"))
		return;
	const cJSON *it;
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "achieved")))
		get_dec(l, it, find_key(l, "achieved", off), 0, PS_DEC(100), &p->qual_achieved);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "partial")))
		get_band(l, it, find_key(l, "partial", off), &p->qual_partial_lo, &p->qual_partial_hi);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "not_achieved")))
		get_band(l, it, find_key(l, "not_achieved", off), &p->qual_not_lo, &p->qual_not_hi);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "unspecified"))) {
		int k = get_enum(l, it, find_key(l, "unspecified", off), unspec_words,
		                 "\"lower\", \"upper\", \"manual\"");
		if (k >= 0)
			p->qual_mode = (ps_qual_mode)k;
	}
}

static void load_dev(loader *l, const cJSON *o, size_t off, ps_policy *p)
{
	if (!check_members(l, o, off, "deviation_penalty", dev_keys, "enabled, ratio, points"))
		return;
	const cJSON *it;
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "enabled")))
		get_bool(l, it, find_key(l, "enabled", off), &p->deviation_penalty);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "ratio")))
		get_dec(l, it, find_key(l, "ratio", off), 0, PS_DEC(1000), &p->deviation_ratio);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "points")))
		get_dec(l, it, find_key(l, "points", off), 0, PS_DEC(100), &p->deviation_points);
}

static void load_rate(loader *l, const cJSON *o, size_t off, ps_policy *p)
{
	if (!check_members(l, o, off, "budget_rate", rate_keys, "enabled, points"))
		return;
	const cJSON *it;
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "enabled")))
		get_bool(l, it, find_key(l, "enabled", off), &p->budget_rate);
	if ((it = cJSON_GetObjectItemCaseSensitive(o, "points")))
		get_dec(l, it, find_key(l, "points", off), 0, PS_DEC(100), &p->budget_points);
}

/* [{"below": 80, "cap": 89}, ...]: replaces the default bands. */
static void load_caps(loader *l, const cJSON *a, size_t off, ps_policy *p)
{
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) > PS_POLICY_MAX_CAPS) {
		err(l, off, "policy: \"%s\" must be an array of at most %d {\"below\", \"cap\"} objects",
		    "exec_cap_bands", PS_POLICY_MAX_CAPS);
		return;
	}
	int n = 0;
	for (const cJSON *b = a->child; b; b = b->next) {
		if (!check_members(l, b, off, "exec_cap_bands[]", cap_keys, "below, cap"))
			return;
		const cJSON *below = cJSON_GetObjectItemCaseSensitive(b, "below");
		const cJSON *cap = cJSON_GetObjectItemCaseSensitive(b, "cap");
		if (!below || !cap) {
			err(l, off, "policy: every band of \"%s\" needs both \"below\" and \"cap\"", "exec_cap_bands");
			return;
		}
		if (!get_dec(l, below, off, 0, PS_DEC(1000), &p->exec_cap_below[n]) ||
		    !get_dec(l, cap, off, 0, PS_DEC(100), &p->exec_cap_total[n]))
			return;
		n++;
	}
	p->n_exec_caps = n;
}

int ps_policy_load_json(ps_policy *p, const char *json, size_t len, const char *file, ps_diags *diags)
{
	loader l = {json ? json : "", json ? len : 0, file, diags, 0};
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(l.json, l.len, &end, false);
	if (!root) {
		size_t off = end && end >= l.json && end <= l.json + l.len ? (size_t)(end - l.json) : 0;
		err(&l, off, "policy: not valid JSON here");
		return PS_EINPUT;
	}
	for (; end && end < l.json + l.len; end++)
		if (!strchr(" \t\r\n", *end)) {
			err(&l, (size_t)(end - l.json), "policy: unexpected text after the JSON object");
			cJSON_Delete(root);
			return PS_EINPUT;
		}
	ps_policy q = *p;
	if (check_members(&l, root, 0, "the policy", top_keys,
	                  "grade_bands, steps, percent_step, decimals, not_applicable, qualitative, exec_cap, "
	                  "deviation_penalty, budget_year, budget_rate, exec_cap_bands")) {
		for (const cJSON *m = root->child; m; m = m->next) {
			size_t off = find_key(&l, m->string, 0);
			int k;
			if (strcmp(m->string, "grade_bands") == 0) {
				load_bands(&l, m, off, &q);
			} else if (strcmp(m->string, "steps") == 0) {
				if ((k = get_enum(&l, m, off, steps_words, "\"continuous\", \"whole\", \"started\"")) >= 0)
					q.steps = (ps_step_mode)k;
			} else if (strcmp(m->string, "percent_step") == 0) {
				if ((k = get_enum(&l, m, off, pct_words, "\"points\", \"relative\"")) >= 0)
					q.pct_is_pp = k == 0;
			} else if (strcmp(m->string, "decimals") == 0) {
				get_int(&l, m, off, 0, 6, &q.decimals);
			} else if (strcmp(m->string, "not_applicable") == 0) {
				if ((k = get_enum(&l, m, off, na_words, "\"rescale\", \"full\", \"zero\"")) >= 0)
					q.na = (ps_na_mode)k;
			} else if (strcmp(m->string, "qualitative") == 0) {
				load_qual(&l, m, off, &q);
			} else if (strcmp(m->string, "exec_cap") == 0) {
				get_bool(&l, m, off, &q.exec_cap);
			} else if (strcmp(m->string, "deviation_penalty") == 0) {
				load_dev(&l, m, off, &q);
			} else if (strcmp(m->string, "budget_rate") == 0) {
				load_rate(&l, m, off, &q);
			} else if (strcmp(m->string, "exec_cap_bands") == 0) {
				load_caps(&l, m, off, &q);
			} else if (strcmp(m->string, "budget_year") == 0) {
				if (get_int(&l, m, off, 0, 9999, &q.budget_year) && q.budget_year &&
				    (q.budget_year < 1900 || q.budget_year > 2200))
					err(&l, off, "policy: \"%s\" must be 0 or a year between 1900 and 2200",
					    "budget_year");
			}
		}
	}
	cJSON_Delete(root);
	if (l.nerr)
		return PS_EINPUT;
	*p = q;
	return PS_OK;
}
