/* check.h: review a targets table before the year starts (绩效目标审核): rules
 * that cannot be scored, tier gaps and overlaps, rules that contradict the
 * comparator or the target, points that do not add up. */
#ifndef PERFSCORE_CHECK_H
#define PERFSCORE_CHECK_H

#include "diag.h"
#include "rule.h"
#include "table.h"

/* Findings about one compiled rule in the context of its indicator, at pos
 * (the indicator's row). Adds to findings; never fails. Does not repeat what
 * compiling already reported (unreadable text, typos). */
void ps_check_rule(const ps_rule *r, const ps_indicator *ind, ps_pos pos, ps_diags *findings);

/* Findings about a unit as a whole: points missing or not adding up to 100,
 * and ps_check_rule for every indicator (rules compiled through cache). */
void ps_check_unit(const ps_unit *u, ps_rule_cache *cache, ps_diags *findings);

#endif
