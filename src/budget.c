/* budget.c: the 预算执行率 row of a 项目资金 block (SPEC §6.5, docs/policy.md):
 * 执行率 = 全年执行数 ÷ 全年预算数, its score and its words. */
#include <stdlib.h>
#include <string.h>
#include "perfscore/text.h"
#include "score_int.h"

enum { B_RATE, B_SCORE, B_FULL, B_OFF, B_ZERO, B_WARN_ZERO, B__N };

/* [zh, en]; the arguments are strings, in the same order in both. */
static const char *const msgs[B__N][2] = {
	[B_RATE] = {"执行率=全年执行数%s÷全年预算数%s=%s%%", "execution rate = spent %s ÷ full-year budget %s = %s%%"},
	[B_SCORE] = {"，得分=%s%%×%s=%s分", "; score %s%% × %s = %s"},
	[B_FULL] = {"，超过100%%按100%%计，得满分%s分", "; above 100%% counts as 100%%: full marks %s"},
	[B_OFF] = {"（按政策不计入总分）", " (not counted in the total, by policy)"},
	[B_ZERO] = {"全年预算数为0，无法计算执行率，需人工核对", "the full-year budget is 0: no execution rate, check by hand"},
	[B_WARN_ZERO] = {"项目资金：全年预算数为0，无法计算预算执行率", "项目资金: the full-year budget is 0, no execution rate"},
};

static const char *fmt(char buf[40], ps_dec v, int min_dec, int max_dec)
{
	ps_dec_format(buf, 40, v, min_dec, max_dec);
	return buf;
}

void ps_budget_score(ps_budget_result *out, const ps_budget *b, const ps_policy *pol, ps_lang lang,
                     ps_diags *diags)
{
	memset(out, 0, sizeof *out);
	if (!b || !b->present) {
		out->explanation = ps_xstrdup("");
		return;
	}
	int en = lang == PS_LANG_EN;
	out->block = b;
	out->scored = pol->budget_rate;
	out->points = b->has_points ? b->points : pol->budget_points;
	ps_buf e = PS_BUF_INIT;
	char spent[40], full[40], rate[40], pts[40], score[40];
	if (b->full <= 0) {
		ps_buf_adds(&e, msgs[B_ZERO][en]);
		ps_diags_add(diags, PS_D_BAD_VALUE, b->pos, "%s", msgs[B_WARN_ZERO][en]);
	} else {
		out->has_rate = true;
		out->rate = ps_dec_round(ps_dec_muldiv(b->spent, PS_DEC(100), b->full, NULL), 2);
		/* The printed rate times the points, so the row checks by hand. */
		ps_dec r = ps_dec_min(out->rate, PS_DEC(100));
		out->has_score = true;
		out->score = ps_dec_round(ps_dec_clamp(ps_dec_muldiv(r, out->points, PS_DEC(100), NULL), 0, out->points),
		                          pol->decimals);
		ps_buf_printf(&e, msgs[B_RATE][en], fmt(spent, b->spent, 0, 6), fmt(full, b->full, 0, 6),
		              fmt(rate, out->rate, 2, 2));
		if (out->rate > PS_DEC(100))
			ps_buf_printf(&e, msgs[B_FULL][en], fmt(pts, out->points, 0, 6));
		else
			ps_buf_printf(&e, msgs[B_SCORE][en], rate, fmt(pts, out->points, 0, 6),
			              fmt(score, out->score, 2, 6));
	}
	if (!out->scored)
		ps_buf_adds(&e, msgs[B_OFF][en]);
	out->explanation = ps_buf_detach(&e);
}
