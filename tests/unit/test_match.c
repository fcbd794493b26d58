/* test_match.c: actual rows to target indicators: the seed pair, names told
 * apart by 二级, ids, units, unmatched / ambiguous / duplicate rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "input_fixtures.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/source.h"
#include "perfscore/table.h"
#include "perfscore/text.h"

typedef struct {
	ps_source *ts, *as;
	ps_table *t;
	ps_actuals *a;
	ps_diags d;
} fx;

static ps_source *open_text(const char *name, const char *text, ps_diags *d)
{
	ps_source *s = NULL;
	if (strncmp(text, "@", 1) == 0) {
		char *p = repo_path(text + 1);
		assert_int_equal(ps_source_open(&s, p, PS_ENC_AUTO, d), PS_OK);
		free(p);
	} else {
		assert_int_equal(ps_source_from_mem(&s, name, text, strlen(text), PS_ENC_AUTO, d), PS_OK);
	}
	return s;
}

/* Load targets and actuals ("@path" reads a repository file) and match. */
static void run(fx *x, const char *targets, const char *actuals)
{
	memset(x, 0, sizeof *x);
	x->ts = open_text("targets.csv", targets, &x->d);
	x->as = open_text("actuals.csv", actuals, &x->d);
	assert_int_equal(ps_table_load(&x->t, x->ts, NULL, &x->d), PS_OK);
	assert_int_equal(ps_actuals_load(&x->a, x->as, NULL, &x->d), PS_OK);
	assert_int_equal(ps_match(x->t, x->a, &x->d), PS_OK);
	for (size_t u = 0; u < x->t->n_units; u++)
		unit_lengths_kept(&x->t->units[u]);
}

static void done(fx *x)
{
	ps_actuals_free(x->a);
	ps_table_free(x->t);
	ps_source_free(x->ts);
	ps_source_free(x->as);
	ps_diags_dispose(&x->d);
}

static void t_seed(void **state)
{
	(void)state;
	fx x;
	run(&x, "@data/targets.csv", "@data/actuals.csv");
	assert_int_equal(x.d.n, 0);
	assert_int_equal(x.a->n, 9);
	for (size_t j = 0; j < x.a->n; j++) {
		assert_int_equal(x.a->v[j].matched, 1);
		assert_int_equal(x.a->v[j].pos.line, j + 2);
	}
	const ps_unit *u = &x.t->units[0];
	static const char *const want[9] = {"97%", "100%", "98%", "未完成2项", "一般", "达成预期指标",
	                                    "达成预期指标", "达成预期指标", "96%"};
	for (size_t i = 0; i < 9; i++) {
		assert_true(u->v[i].has_actual);
		assert_string_equal(u->v[i].actual_text, want[i]);
		assert_int_equal(u->v[i].actual_pos.line, i + 2);
		assert_string_equal(u->v[i].actual_pos.file, x.a->file);
		assert_false(u->v[i].not_applicable);
		assert_false(u->v[i].has_given_score);
	}
	/* the pair with the same name, told apart by 二级 */
	assert_string_equal(u->v[5].level2, "社会效益指标");
	assert_int_equal(u->v[5].actual_pos.line, 7);
	assert_string_equal(u->v[6].level2, "生态效益指标");
	assert_int_equal(u->v[6].actual_pos.line, 8);
	assert_string_equal(u->v[0].reason, "3项省级交办问题整改周期跨年，已制定整改计划");
	assert_string_equal(u->v[1].reason, "");
	assert_string_equal(x.a->v[0].unit_code, "089012");
	assert_string_equal(x.a->v[0].level1, "成本指标");
	done(&x);
}

static const char *targets =
	"单位编码,一级指标,二级指标,三级指标,指标值,分值\n"
	"001,产出指标,数量指标,培训人数,100,50\n"
	",效益指标,社会效益指标,满意度,90,25\n"
	",,生态效益指标,满意度,90,25\n";

static void t_unmatched_ambiguous_duplicate(void **state)
{
	(void)state;
	fx x;
	run(&x, targets,
	    "单位编码,一级指标,二级指标,三级指标,实际完成值,得分,偏差原因\n"
	    "001,产出指标,数量指标,培训 人数,98,49,少2人\n"        /* line 2: matches */
	    "001,,,满意度,95,,\n"                                   /* line 3: ambiguous */
	    "001,产出指标,数量指标,培训人数,99,,\n"                 /* line 4: duplicate */
	    "001,产出指标,数量指标,不存在的指标,1,,\n"              /* line 5: unmatched */
	    "002,产出指标,数量指标,培训人数,1,,\n"                  /* line 6: other unit */
	    "001,效益指标,生态效益指标,满意度,93,25分,\n");          /* line 7: matches */
	const ps_actuals *a = x.a;
	assert_int_equal(a->n, 6);
	assert_int_equal(a->v[0].matched, 1);
	assert_int_equal(a->v[1].matched, 2);
	assert_int_equal(a->v[2].matched, 1);
	assert_int_equal(a->v[3].matched, 0);
	assert_int_equal(a->v[4].matched, 0);
	assert_int_equal(a->v[5].matched, 1);
	assert_int_equal(diag_count(&x.d, PS_D_AMBIGUOUS_ACTUAL), 1);
	assert_int_equal(diag_count(&x.d, PS_D_DUP_ACTUAL), 1);
	assert_int_equal(diag_count(&x.d, PS_D_UNMATCHED_ACTUAL), 2);
	const ps_diag *amb = diag_first(&x.d, PS_D_AMBIGUOUS_ACTUAL);
	assert_int_equal(amb->pos.line, 3);
	assert_string_equal(amb->pos.file, "actuals.csv");
	assert_non_null(strstr(amb->msg, "lines 3, 4"));
	const ps_diag *dup = diag_first(&x.d, PS_D_DUP_ACTUAL);
	assert_int_equal(dup->pos.line, 4);
	assert_non_null(strstr(dup->msg, "line 2, is used"));
	const ps_diag *un = diag_first(&x.d, PS_D_UNMATCHED_ACTUAL);
	assert_int_equal(un->pos.line, 5);
	assert_non_null(strstr(un->msg, "不存在的指标"));
	char *s = ps_diag_format(un);
	assert_non_null(strstr(s, "actuals.csv:5: warning: "));
	free(s);
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].actual_text, "98"); /* the first row wins */
	assert_true(u->v[0].has_given_score);
	assert_int_equal(u->v[0].given_score, PS_DEC(49));
	assert_string_equal(u->v[0].reason, "少2人");
	assert_int_equal(u->v[0].actual_pos.line, 2);
	assert_false(u->v[1].has_actual);
	assert_string_equal(u->v[1].actual_text, "");
	assert_true(u->v[2].has_actual);
	assert_string_equal(u->v[2].actual_text, "93");
	assert_int_equal(u->v[2].given_score, PS_DEC(25));
	done(&x);
}

static void t_by_id(void **state)
{
	(void)state;
	fx x;
	run(&x,
	    "指标编码,三级指标,指标值\nK1,满意度,90\nK2,满意度,95\nK3,时效,2026年\n",
	    "指标编码,三级指标,实际完成值\nK2,满意度,96\nK1,满意度（群众）,91\n,时效,2026年10月\nK9,无此指标,1\n");
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].actual_text, "91");
	assert_string_equal(u->v[1].actual_text, "96");
	assert_string_equal(u->v[2].actual_text, "2026年10月"); /* no id: by name */
	assert_int_equal(x.a->v[3].matched, 0);
	assert_int_equal(diag_count(&x.d, PS_D_UNMATCHED_ACTUAL), 1);
	assert_int_equal(x.d.n, 1);
	done(&x);
}

static void t_single_unit_no_unit_column(void **state)
{
	(void)state;
	fx x;
	run(&x, "@data/targets.csv",
	    "三级指标,实际值,是否适用\n"
	    "整改完成率,97%,是\n"
	    "生态环境监管执法覆盖率,不适用,\n"
	    "目标任务完成率,98%,否\n"
	    "“为社会发展和人民生存保障良好的生态环境”,达成,\n");
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].actual_text, "97%");
	assert_false(u->v[0].not_applicable);
	assert_true(u->v[1].not_applicable);
	assert_true(u->v[2].not_applicable);
	assert_true(u->v[2].has_actual);
	/* quotes do not matter, but the pair cannot be told apart without 二级 */
	assert_int_equal(x.a->v[3].matched, 2);
	assert_int_equal(diag_count(&x.d, PS_D_AMBIGUOUS_ACTUAL), 1);
	assert_int_equal(x.d.n, 1);
	done(&x);

	run(&x, "@data/targets.csv",
	    "三级指标,实际值\n为社会发展和人民生存保障良好的生态环境,达成\n");
	assert_int_equal(x.a->v[0].matched, 2);
	assert_non_null(strstr(diag_first(&x.d, PS_D_AMBIGUOUS_ACTUAL)->msg, "lines 11, 12"));
	done(&x);
}

static void t_width_and_spaces(void **state)
{
	(void)state;
	fx x;
	run(&x, "三级指标,指标值\n受益人口（户籍）,1\nＡＢＣ 达标率,2\n",
	    "三级指标,实际完成值\n受益 人口(户籍),3\nABC达标率,4\n1、受益人口（户籍）,5\n");
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].actual_text, "3");
	assert_string_equal(u->v[1].actual_text, "4");
	assert_int_equal(diag_count(&x.d, PS_D_DUP_ACTUAL), 1);
	done(&x);
}

static void t_units_without_unit_column(void **state)
{
	(void)state;
	fx x;
	run(&x,
	    "单位编码,三级指标,指标值\nA,满意度,90\nB,满意度,90\nB,独有,1\n",
	    "三级指标,实际完成值\n满意度,95\n独有,2\n");
	assert_int_equal(x.a->v[0].matched, 2);
	assert_int_equal(diag_count(&x.d, PS_D_AMBIGUOUS_ACTUAL), 1);
	assert_int_equal(x.a->v[1].matched, 1);
	assert_string_equal(x.t->units[1].v[1].actual_text, "2");
	done(&x);

	/* matched by unit name when neither side has a code */
	run(&x,
	    "单位名称,三级指标,指标值\n甲局,满意度,90\n乙局,满意度,90\n",
	    "单位名称,三级指标,实际完成值\n乙 局,满意度,95\n甲局,满意度,91\n");
	assert_string_equal(x.t->units[0].v[0].actual_text, "91");
	assert_string_equal(x.t->units[1].v[0].actual_text, "95");
	assert_int_equal(x.d.n, 0);
	done(&x);
}

static void t_codes_and_levels(void **state)
{
	(void)state;
	fx x;
	run(&x,
	    "单位编码,一级指标,二级指标,三级指标,指标值\n089012,产出指标,数量指标,满意度,1\n,,质量指标,满意度,2\n",
	    "单位编码,一级指标,二级指标,三级指标,实际完成值\n89012,产出,质量,满意度：,5\n89012.0,,数量,“满意度”,6\n");
	assert_int_equal(x.d.n, 0);
	assert_string_equal(x.t->units[0].v[0].actual_text, "6");
	assert_string_equal(x.t->units[0].v[1].actual_text, "5");
	done(&x);
}

static void t_selfeval_then_actuals(void **state)
{
	(void)state;
	fx x;
	run(&x, "三级指标,实际完成值,得分,偏差原因\na,1,5,原因甲\nb,2,6,\n",
	    "三级指标,实际完成值,不适用\na,9,\nb,不适用,\n");
	const ps_unit *u = &x.t->units[0];
	assert_string_equal(u->v[0].actual_text, "9");
	assert_int_equal(u->v[0].given_score, PS_DEC(5)); /* kept: the actual row has none */
	assert_string_equal(u->v[0].reason, "原因甲");
	assert_int_equal(u->v[0].actual_pos.line, 2);
	assert_string_equal(u->v[0].actual_pos.file, "actuals.csv");
	assert_true(u->v[1].not_applicable);
	done(&x);
}

static void t_actuals_header(void **state)
{
	(void)state;
	ps_diags d = PS_DIAGS_INIT;
	ps_source *s = NULL;
	const char *text = "标题\n一级指标,三级指标,指标值\na,b,c\n";
	assert_int_equal(ps_source_from_mem(&s, "a.csv", text, strlen(text), PS_ENC_AUTO, &d), PS_OK);
	ps_actuals *a = NULL;
	assert_int_equal(ps_actuals_load(&a, s, NULL, &d), PS_EINPUT);
	assert_null(a);
	assert_int_equal(d.v[0].code, PS_D_NO_HEADER);
	assert_int_equal(d.v[0].pos.line, 1);
	ps_source_free(s);
	/* a given score alone is enough, and fill-down applies */
	text = "单位编码,一级指标,二级指标,三级指标,得分\n001,产出,数量,a,5分\n,,,b,x\n,,质量,,\n";
	assert_int_equal(ps_source_from_mem(&s, "a.csv", text, strlen(text), PS_ENC_AUTO, &d), PS_OK);
	assert_int_equal(ps_actuals_load(&a, s, NULL, &d), PS_OK);
	assert_int_equal(a->n, 2);
	assert_true(a->has_field[PS_F_SCORE]);
	assert_false(a->has_field[PS_F_ACTUAL]);
	assert_int_equal(a->v[0].given_score, PS_DEC(5));
	assert_string_equal(a->v[1].unit_code, "001");
	assert_string_equal(a->v[1].level2, "数量");
	assert_false(a->v[1].has_given_score);
	assert_string_equal(a->v[1].score_text, "x");
	assert_int_equal(d.v[d.n - 1].code, PS_D_BAD_VALUE);
	assert_int_equal(d.v[d.n - 1].pos.line, 3);
	ps_actuals_free(a);
	ps_source_free(s);
	ps_diags_dispose(&d);
}

/* Many units, each with the same indicator names: linear work, all matched. */
static void t_many_units_scale(void **state)
{
	(void)state;
	ps_buf tb = PS_BUF_INIT, ab = PS_BUF_INIT;
	ps_buf_adds(&tb, "单位编码,一级指标,二级指标,三级指标,指标值,分值\n");
	ps_buf_adds(&ab, "单位编码,一级指标,二级指标,三级指标,实际完成值\n");
	enum { UNITS = 3000 };
	for (int u = 0; u < UNITS; u++) {
		ps_buf_printf(&tb, "U%05d,产出指标,数量指标,培训人数,100,50\n", u);
		ps_buf_adds(&tb, ",效益指标,社会效益指标,满意度,90,25\n,,生态效益指标,满意度,90,25\n");
	}
	for (int u = UNITS - 1; u >= 0; u--) {
		ps_buf_printf(&ab, "U%05d,效益指标,生态效益指标,满意度,%d\n", u, u % 100);
		ps_buf_printf(&ab, "U%05d,效益指标,社会效益指标,满意度,1\n", u);
		ps_buf_printf(&ab, "U%05d,产出指标,数量指标,培训人数,2\n", u);
	}
	fx x;
	run(&x, tb.s, ab.s);
	assert_int_equal(x.t->n_units, UNITS);
	assert_int_equal(x.a->n, 3 * UNITS);
	assert_int_equal(x.d.n, 0);
	for (size_t j = 0; j < x.a->n; j++)
		assert_int_equal(x.a->v[j].matched, 1);
	char want[8];
	snprintf(want, sizeof want, "%d", 1234 % 100);
	assert_string_equal(x.t->units[1234].v[2].actual_text, want);
	done(&x);
	ps_buf_dispose(&tb);
	ps_buf_dispose(&ab);
}

/* The streaming matcher (ps_table_reader + ps_matcher) gives every
 * indicator the same actual value as ps_match on the whole table, and the
 * same diagnostics (in another order: each unit's when it is read). */
static int diag_cmp(const void *a, const void *b)
{
	const ps_diag *x = a, *y = b;
	int c = strcmp(x->pos.file ? x->pos.file : "", y->pos.file ? y->pos.file : "");
	if (c)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

/* Unit by unit (small units without an index) and all at once (through
 * the index): the same matches and the same findings. */
static void stream_same_as_whole_with(const char *tcsv, const char *acsv, size_t min_diags, bool words)
{
	fx x;
	run(&x, tcsv, acsv);
	ps_diags d = PS_DIAGS_INIT;
	ps_source *as = open_text("actuals.csv", acsv, &d);
	ps_actuals *a = NULL;
	assert_int_equal(ps_actuals_load(&a, as, NULL, &d), PS_OK);
	assert_non_null(a->code_word);
	if (!words) { /* the codes read from the rows, not from the loader's words */
		free(a->code_word);
		a->code_word = NULL;
	}
	ps_table_reader *r = NULL;
	assert_int_equal(ps_table_reader_open(&r, x.ts, &d), PS_OK);
	ps_table *head = ps_table_reader_table(r);
	assert_true(ps_match_by_unit(head, a));
	ps_matcher *m = ps_matcher_new(head, a);
	size_t u, seen = 0, rc;
	while ((rc = (size_t)ps_table_reader_next(r, &u, &d)) == 1) {
		ps_unit *unit = &head->units[u];
		ps_match_unit(m, unit, &d);
		unit_lengths_kept(unit);
		const ps_unit *w = &x.t->units[seen++];
		assert_string_equal(unit->code, w->code);
		assert_int_equal(unit->n, w->n);
		for (size_t i = 0; i < unit->n; i++) {
			assert_string_equal(unit->v[i].name, w->v[i].name);
			assert_int_equal(unit->v[i].has_actual, w->v[i].has_actual);
			assert_string_equal(unit->v[i].actual_text, w->v[i].actual_text);
			assert_int_equal(unit->v[i].actual_pos.line, w->v[i].actual_pos.line);
			assert_string_equal(unit->v[i].unit_code, w->code);
		}
	}
	assert_int_equal(rc, 0);
	ps_matcher_finish(m, &d);
	assert_int_equal(seen, x.t->n_units);
	for (size_t j = 0; j < a->n; j++)
		assert_int_equal(a->v[j].matched, x.a->v[j].matched);
	/* the same findings: actuals.csv's file name differs (a second source) */
	assert_int_equal(d.n, x.d.n);
	assert_true(d.n >= min_diags);
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].pos.file == a->file)
			d.v[i].pos.file = x.a->file;
	qsort(d.v, d.n, sizeof *d.v, diag_cmp);
	qsort(x.d.v, x.d.n, sizeof *x.d.v, diag_cmp);
	for (size_t i = 0; i < d.n; i++) {
		assert_int_equal(d.v[i].code, x.d.v[i].code);
		assert_int_equal(d.v[i].pos.line, x.d.v[i].pos.line);
		assert_string_equal(d.v[i].msg, x.d.v[i].msg);
	}
	ps_matcher_free(m);
	ps_table_reader_free(r);
	ps_actuals_free(a);
	ps_source_free(as);
	ps_diags_dispose(&d);
	done(&x);
}

/* Both with the loader's code words and without them. */
static void stream_same_as_whole(const char *tcsv, const char *acsv, size_t min_diags)
{
	stream_same_as_whole_with(tcsv, acsv, min_diags, true);
	stream_same_as_whole_with(tcsv, acsv, min_diags, false);
}

static void t_stream_equals_whole(void **state)
{
	(void)state;
	stream_same_as_whole("@tests/data/multi_targets.csv", "@tests/data/multi_actuals.csv",
	                     3); /* unmatched, ambiguous, duplicate... */
}

/* Unit codes whose keys are words (1 to 8 bytes, found in one probe) and
 * longer ones (through the keymap), mixed or alone, leading zeros dropped
 * or not, units on one side only: the same as the whole match. */
static void t_stream_long_codes(void **state)
{
	(void)state;
	const char *t = "单位编码,一级指标,二级指标,三级指标,指标值,分值\n"
	                "00012345678901,产出指标,数量指标,培训人次,100,50\n"
	                "000123,产出指标,数量指标,培训人次,100,50\n"
	                "12345678,产出指标,数量指标,培训人次,100,50\n"
	                "123456789,产出指标,数量指标,培训人次,100,50\n"
	                "777777777777,产出指标,数量指标,培训人次,100,50\n"
	                "0000000,产出指标,数量指标,培训人次,100,50\n";
	const char *a = "单位编码,一级指标,二级指标,三级指标,实际完成值\n"
	                "12345678901,产出,数量,培训人次,1\n"
	                "123,产出,数量,培训人次,2\n"
	                "0012345678,产出,数量,培训人次,3\n"
	                "123456789,产出,数量,培训人次,4\n"
	                "88888888888,产出,数量,培训人次,5\n"
	                "99,产出,数量,培训人次,6\n"
	                "0,产出,数量,培训人次,7\n";
	stream_same_as_whole(t, a, 2); /* 88888888888 and 99 match no unit */
	const char *t_long = "单位编码,一级指标,二级指标,三级指标,指标值,分值\n"
	                     "123456789,产出指标,数量指标,培训人次,100,50\n"
	                     "9876543210,产出指标,数量指标,培训人次,100,50\n";
	const char *a_long = "单位编码,一级指标,二级指标,三级指标,实际完成值\n"
	                     "9876543210,产出,数量,培训人次,1\n"
	                     "0123456789,产出,数量,培训人次,2\n"
	                     "5555555555,产出,数量,培训人次,3\n";
	stream_same_as_whole(t_long, a_long, 1);
	const char *a_short = "单位编码,一级指标,二级指标,三级指标,实际完成值\n"
	                      "123,产出,数量,培训人次,1\n"
	                      "0000123,产出,数量,培训人次,2\n";
	stream_same_as_whole(t, a_short, 1); /* the second row for 123 */
}

/* The cases a small unit's scan must answer as the index does: ids (and an
 * id no indicator has, matched by name), a name written differently with
 * the same key, one key twice told apart by 二级 or not at all, a second
 * row for one indicator, a row matching nothing, and a unit of more than
 * 16 indicators (matched through the index) between small ones. */
/* ps_actual's lengths 0 ("not kept: count it") match and copy as the
 * loader's lengths do, for small units and indexed ones. */
static void t_actual_lengths_not_kept(void **state)
{
	(void)state;
	ps_buf t = PS_BUF_INIT, a = PS_BUF_INIT;
	ps_buf_adds(&t, "单位编码,一级指标,二级指标,三级指标,指标值,分值\n");
	ps_buf_adds(&a, "单位编码,一级指标,二级指标,三级指标,实际完成值,偏差原因\n");
	for (int i = 0; i < 20; i++) {
		ps_buf_printf(&t, "001,产出指标,数量指标,培训人次A%d,%d,5\n", i, i);
		ps_buf_printf(&a, "001,,,培训人次A%d,%d%%,%s\n", i, 90 + i % 10, i % 3 ? "" : "原因");
	}
	ps_buf_adds(&t, "002,产出指标,数量指标,培训人次,10,100\n002,效益指标,满意度,满意度,90%,10\n");
	ps_buf_adds(&a, "002,,,培训人次,12,人手不足\n002,,,满意度,,\n");
	fx x[2];
	for (int k = 0; k < 2; k++) {
		memset(&x[k], 0, sizeof x[k]);
		x[k].ts = open_text("targets.csv", t.s, &x[k].d);
		x[k].as = open_text("actuals.csv", a.s, &x[k].d);
		assert_int_equal(ps_table_load(&x[k].t, x[k].ts, NULL, &x[k].d), PS_OK);
		assert_int_equal(ps_actuals_load(&x[k].a, x[k].as, NULL, &x[k].d), PS_OK);
		for (size_t i = 0; i < x[k].a->n && k; i++) {
			ps_actual *r = &x[k].a->v[i];
			assert_int_equal(r->name_len, strlen(r->name));
			r->name_len = r->actual_len = r->reason_len = 0;
		}
		assert_int_equal(ps_match(x[k].t, x[k].a, &x[k].d), PS_OK);
	}
	assert_int_equal(x[0].d.n, x[1].d.n);
	assert_int_equal(x[0].t->n_units, 2);
	size_t matched = 0;
	for (size_t u = 0; u < x[0].t->n_units; u++) {
		unit_lengths_kept(&x[0].t->units[u]);
		unit_lengths_kept(&x[1].t->units[u]);
		for (size_t i = 0; i < x[0].t->units[u].n; i++) {
			const ps_indicator *p = &x[0].t->units[u].v[i], *q = &x[1].t->units[u].v[i];
			assert_int_equal(p->has_actual, q->has_actual);
			assert_string_equal(p->actual_text, q->actual_text);
			assert_string_equal(p->reason, q->reason);
			assert_int_equal(p->actual_len, q->actual_len);
			assert_int_equal(p->reason_len, q->reason_len);
			matched += p->has_actual;
		}
	}
	assert_int_equal(matched, 22);
	assert_string_equal(x[0].t->units[1].v[0].reason, "人手不足");
	done(&x[0]);
	done(&x[1]);
	ps_buf_dispose(&t);
	ps_buf_dispose(&a);
}

static void t_stream_small_units(void **state)
{
	(void)state;
	ps_buf t = PS_BUF_INIT, a = PS_BUF_INIT;
	ps_buf_adds(&t, "单位编码,指标编码,一级指标,二级指标,三级指标,指标值,分值\n"
	                "001,A1,产出指标,数量指标,培训人次,100,10\n"
	                "001,A2,产出指标,质量指标,合格率,95%,10\n"
	                "001,,产出指标,质量指标,Ｑ＆Ａ 完成率,90%,10\n"
	                "001,,效益指标,社会效益,满意度,90%,10\n"
	                "001,,效益指标,可持续影响,满意度,90%,10\n"
	                "001,,满意度指标,服务对象,重名,90%,10\n"
	                "001,,满意度指标,服务对象,重名,80%,10\n"
	                "002,B1,产出指标,数量指标,培训人次,50,50\n"
	                "002,,产出指标,数量指标,覆盖率,50%,50\n");
	for (int i = 0; i < 20; i++)
		ps_buf_printf(&t, "003,,产出指标,数量指标,指标%d,%d,5\n", i, i);
	ps_buf_adds(&t, "004,,产出指标,数量指标,培训人次,10,100\n"
	                "0001234567890,,产出指标,数量指标,长编码,10,100\n");
	ps_buf_adds(&a, "单位编码,指标编码,一级指标,二级指标,三级指标,实际完成值\n"
	                "001,A1,,,别的名字,120\n"       /* by id whatever the name */
	                "001,A9,,,合格率,96%\n"          /* unknown id: by name */
	                "001,,,,Q&A完成率,91%\n"         /* the same key, other bytes */
	                "001,,,社会效益,满意度,95%\n"    /* told apart by 二级 */
	                "001,,,,满意度,93%\n"            /* ambiguous */
	                "001,,,,重名,85%\n"              /* ambiguous: the same levels */
	                "002,,,,培训人次,40\n"
	                "002,,,,培训人次,41\n"           /* a second row */
	                "002,,,,没有这个,1\n"            /* unmatched */
	                "003,,,,指标7,7\n"
	                "003,,,,指标 19,19\n"
	                "003,,,,指标99,1\n"
	                "004,,,,培训人次,9\n"
	                "4,,,,培训人次,8\n"              /* 004 written without its zeros */
	                "1234567890,,,,长编码,11\n"      /* long codes, written two ways */
	                "01234567890,,,,长编码,12\n"
	                "005,,,,培训人次,9\n");          /* no such unit */
	stream_same_as_whole(t.s, a.s, 7);
	ps_buf_dispose(&t);
	ps_buf_dispose(&a);
}

/* Without 单位编码 in every actual row, units cannot be matched one by one. */
static void t_stream_needs_codes(void **state)
{
	(void)state;
	fx x;
	run(&x, "单位编码,三级指标,指标值,分值\n001,a,1,100\n002,a,1,100\n",
	    "单位编码,三级指标,实际完成值\n001,a,1\n002,a,1\n");
	assert_true(ps_match_by_unit(x.t, x.a));
	done(&x);
	run(&x, "单位编码,三级指标,指标值,分值\n001,a,1,100\n", "三级指标,实际完成值\na,1\n");
	assert_false(ps_match_by_unit(x.t, x.a));
	done(&x);
	/* a row with a blank code (the first: the others fill down) before
	 * short and long ones, with the loader's code words and without them */
	for (int words = 0; words < 2; words++) {
		run(&x, "单位编码,三级指标,指标值,分值\n001,a,1,100\n",
		    "单位编码,三级指标,实际完成值\n,c,3\n001,a,1\n0012345678901,b,2\n001,d,4\n");
		assert_non_null(x.a->code_word);
		if (!words) {
			free(x.a->code_word);
			x.a->code_word = NULL;
		}
		assert_false(ps_match_by_unit(x.t, x.a));
		done(&x);
		run(&x, "单位编码,三级指标,指标值,分值\n001,a,1,100\n",
		    "单位编码,三级指标,实际完成值\n001,a,1\n0012345678901,b,2\n001,d,4\n");
		if (!words) {
			free(x.a->code_word);
			x.a->code_word = NULL;
		}
		assert_true(ps_match_by_unit(x.t, x.a));
		done(&x);
	}
}

/* One name repeated in a unit (more than the 16 candidates from which a
 * bucket narrows through its level index): each actual row finds its row
 * by 一级/二级, by 二级 alone, or is ambiguous as with a few candidates. */
static void t_repeated_name_levels(void **state)
{
	(void)state;
	ps_buf t = PS_BUF_INIT, a = PS_BUF_INIT;
	ps_buf_adds(&t, "单位编码,一级指标,二级指标,三级指标,指标值,分值\n");
	for (int i = 0; i < 40; i++) /* 一级 A0..A3, 二级 B0..B39 (unique) */
		ps_buf_printf(&t, "001,A%d,B%d,完成率,1,2.5\n", i % 4, i);
	ps_buf_adds(&a, "单位编码,一级指标,二级指标,三级指标,实际完成值\n");
	ps_buf_adds(&a, "001,,B7,完成率,x2\n");    /* 二级 alone: row 7 (first: nothing fills down) */
	ps_buf_adds(&a, "001,A1,B5,完成率,x1\n");  /* 一级 and 二级: row 5 */
	ps_buf_adds(&a, "001,A2,,完成率,x3\n");    /* 一级 alone: 10 rows, ambiguous */
	ps_buf_adds(&a, "001,A0,B9,完成率,x4\n");  /* B9 is under A1: none, all listed */
	ps_buf_adds(&a, "001,A9,,完成率,x5\n");    /* no such 一级: all listed */
	ps_buf_adds(&a, "001,A3,B39,完成率,x6\n"); /* the last row */
	fx x;
	run(&x, t.s, a.s);
	const ps_unit *u = &x.t->units[0];
	assert_int_equal(u->n, 40);
	assert_int_equal(x.a->v[0].matched, 1);
	assert_string_equal(u->v[7].actual_text, "x2");
	assert_int_equal(x.a->v[1].matched, 1);
	assert_string_equal(u->v[5].actual_text, "x1");
	assert_int_equal(x.a->v[2].matched, 10);
	assert_int_equal(x.a->v[3].matched, 40);
	assert_int_equal(x.a->v[4].matched, 40);
	assert_int_equal(x.a->v[5].matched, 1);
	assert_string_equal(u->v[39].actual_text, "x6");
	size_t with = 0;
	for (size_t i = 0; i < u->n; i++)
		with += u->v[i].has_actual;
	assert_int_equal(with, 3);
	/* the ambiguous row names its first five candidates' lines */
	bool seen = false;
	for (size_t i = 0; i < x.d.n; i++)
		if (x.d.v[i].code == PS_D_AMBIGUOUS_ACTUAL && x.d.v[i].pos.line == 4) {
			assert_non_null(strstr(x.d.v[i].msg, "matches 10 indicators"));
			assert_non_null(strstr(x.d.v[i].msg, "lines 4, 8, 12, 16, 20 and 5 more"));
			seen = true;
		}
	assert_true(seen);
	done(&x);
	ps_buf_dispose(&t);
	ps_buf_dispose(&a);
}

/* More distinct names and levels than the matcher's memo of keys holds (it
 * forgets and starts again), some written another way in the actuals
 * (widths, spaces, "指标" dropped from a level): unit by unit, every row
 * still finds its indicator and copies its value into the unit. */
static void t_stream_many_names(void **state)
{
	(void)state;
	enum { UNITS = 2500 };
	ps_buf tb = PS_BUF_INIT, ab = PS_BUF_INIT;
	ps_buf_adds(&tb, "单位编码,一级指标,二级指标,三级指标,指标值,分值\n");
	ps_buf_adds(&ab, "单位编码,一级指标,二级指标,三级指标,实际完成值\n");
	for (int u = 0; u < UNITS; u++) {
		ps_buf_printf(&tb, "%05d,产出指标,数量%d指标,培训人数%d,100,50\n", u, u, u);
		ps_buf_printf(&tb, ",,质量%d指标,培训人数%d,100,50\n", u, u);
	}
	for (int u = 0; u < UNITS; u++) {
		ps_buf_printf(&ab, "%d,产出,质量%d,培训 人数%d,q%d\n", u, u, u, u);
		ps_buf_printf(&ab, "%05d,产出指标,数量%d指标,培训人数%d,n%d\n", u, u, u, u);
	}
	ps_diags d = PS_DIAGS_INIT;
	ps_source *ts = open_text("targets.csv", tb.s, &d), *as = open_text("actuals.csv", ab.s, &d);
	ps_actuals *a = NULL;
	assert_int_equal(ps_actuals_load(&a, as, NULL, &d), PS_OK);
	ps_table_reader *r = NULL;
	assert_int_equal(ps_table_reader_open(&r, ts, &d), PS_OK);
	ps_table *head = ps_table_reader_table(r);
	assert_true(ps_match_by_unit(head, a));
	ps_matcher *m = ps_matcher_new(head, a);
	size_t u, seen = 0;
	char want[16];
	while (ps_table_reader_next(r, &u, &d) == 1) {
		ps_unit unit;
		ps_budget budget;
		ps_table_reader_take(r, &unit, &budget);
		ps_match_unit(m, &unit, &d);
		assert_int_equal(unit.n, 2);
		snprintf(want, sizeof want, "n%zu", seen);
		assert_string_equal(unit.v[0].actual_text, want);
		snprintf(want, sizeof want, "q%zu", seen);
		assert_string_equal(unit.v[1].actual_text, want);
		ps_unit_dispose(&unit); /* the copied values go with the unit */
		seen++;
	}
	ps_matcher_finish(m, &d);
	assert_int_equal(seen, UNITS);
	assert_int_equal(d.n, 0);
	for (size_t j = 0; j < a->n; j++)
		assert_int_equal(a->v[j].matched, 1);
	ps_matcher_free(m);
	ps_table_reader_free(r);
	ps_actuals_free(a);
	ps_source_free(ts);
	ps_source_free(as);
	ps_diags_dispose(&d);
	ps_buf_dispose(&tb);
	ps_buf_dispose(&ab);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_seed),
		cmocka_unit_test(t_repeated_name_levels),
		cmocka_unit_test(t_stream_equals_whole),
		cmocka_unit_test(t_stream_long_codes),
		cmocka_unit_test(t_stream_small_units),
		cmocka_unit_test(t_actual_lengths_not_kept),
		cmocka_unit_test(t_stream_needs_codes),
		cmocka_unit_test(t_unmatched_ambiguous_duplicate),
		cmocka_unit_test(t_by_id),
		cmocka_unit_test(t_single_unit_no_unit_column),
		cmocka_unit_test(t_width_and_spaces),
		cmocka_unit_test(t_units_without_unit_column),
		cmocka_unit_test(t_codes_and_levels),
		cmocka_unit_test(t_selfeval_then_actuals),
		cmocka_unit_test(t_actuals_header),
		cmocka_unit_test(t_many_units_scale),
		cmocka_unit_test(t_stream_many_names),
	};
	return cmocka_run_group_tests_name("match", tests, NULL, NULL);
}
