/* rule_lex.c: tokenise Chinese rule text with a longest-match phrase lexicon
 * over folded code points (fullwidth, traditional and ≧≦ already folded). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "perfscore/rule.h"
#include "perfscore/text.h"
#include "rule_lex.h"

/* One lexicon entry: a phrase (folded, simplified) and what it means. */
typedef struct {
	const char *w;
	ps_tkind k;
	int sub;
	bool typo;
	int mult;   /* units: how many base units one is (周 = 7 days);
	             * T_CMP: 1 for words of reaching (达到 未达到) */
} lexent;

/* The phrase lexicon. Longest match wins, so a longer phrase overrides the
 * tokens of its parts (不得分 over 不 + 得 + 分, 完成率 over 完成). Entries
 * that map to T_WORD exist only to stop a shorter, misleading match. */
static const lexent lexicon[] = {
	/* comparators before a number */
	{"≥", T_CMP, PS_CMP_GE, 0, 0}, {">=", T_CMP, PS_CMP_GE, 0, 0}, {"=>", T_CMP, PS_CMP_GE, 0, 0},
	{"大于等于", T_CMP, PS_CMP_GE, 0, 0}, {"大于或等于", T_CMP, PS_CMP_GE, 0, 0},
	{"不低于", T_CMP, PS_CMP_GE, 0, 0}, {"不少于", T_CMP, PS_CMP_GE, 0, 0}, {"不小于", T_CMP, PS_CMP_GE, 0, 0},
	{"不得低于", T_CMP, PS_CMP_GE, 0, 0}, {"不得少于", T_CMP, PS_CMP_GE, 0, 0}, {"至少", T_CMP, PS_CMP_GE, 0, 0},
	{"达到", T_CMP, PS_CMP_GE, 0, 1}, {"达", T_CMP, PS_CMP_GE, 0, 1}, {"到达", T_CMP, PS_CMP_GE, 0, 1},
	{"≤", T_CMP, PS_CMP_LE, 0, 0}, {"<=", T_CMP, PS_CMP_LE, 0, 0}, {"=<", T_CMP, PS_CMP_LE, 0, 0},
	{"小于等于", T_CMP, PS_CMP_LE, 0, 0}, {"小于或等于", T_CMP, PS_CMP_LE, 0, 0},
	{"不高于", T_CMP, PS_CMP_LE, 0, 0}, {"不超过", T_CMP, PS_CMP_LE, 0, 0}, {"不大于", T_CMP, PS_CMP_LE, 0, 0},
	{"不多于", T_CMP, PS_CMP_LE, 0, 0}, {"不得超过", T_CMP, PS_CMP_LE, 0, 0}, {"不得高于", T_CMP, PS_CMP_LE, 0, 0},
	{"至多", T_CMP, PS_CMP_LE, 0, 0}, {"控制在", T_WORD, 0, 0, 0},
	{">", T_CMP, PS_CMP_GT, 0, 0}, {"大于", T_CMP, PS_CMP_GT, 0, 0}, {"高于", T_CMP, PS_CMP_GT, 0, 0},
	{"超过", T_CMP, PS_CMP_GT, 0, 0}, {"多于", T_CMP, PS_CMP_GT, 0, 0},
	{"<", T_CMP, PS_CMP_LT, 0, 0}, {"小于", T_CMP, PS_CMP_LT, 0, 0}, {"低于", T_CMP, PS_CMP_LT, 0, 0},
	{"少于", T_CMP, PS_CMP_LT, 0, 0}, {"不足", T_CMP, PS_CMP_LT, 0, 0}, {"不满", T_CMP, PS_CMP_LT, 0, 0},
	{"不到", T_CMP, PS_CMP_LT, 0, 0}, {"未达到", T_CMP, PS_CMP_LT, 0, 1}, {"未达", T_CMP, PS_CMP_LT, 0, 1},
	{"达不到", T_CMP, PS_CMP_LT, 0, 1}, {"未达要求", T_NEG, 0, 0, 0}, {"未达到要求", T_NEG, 0, 0, 0},
	{"达要求", T_DONE, 0, 0, 0}, {"不达标", T_NEG, 0, 0, 0}, {"未达标", T_NEG, 0, 0, 0}, {"未超过", T_CMP, PS_CMP_LE, 0, 0},
	{"=", T_CMP, PS_CMP_EQ, 0, 0}, {"等于", T_CMP, PS_CMP_EQ, 0, 0}, {"==", T_CMP, PS_CMP_EQ, 0, 0},
	/* comparators after a number */
	{"以上", T_POST, PS_CMP_GE, 0, 0}, {"及以上", T_POST, PS_CMP_GE, 0, 0}, {"之上", T_POST, PS_CMP_GE, 0, 0},
	{"么上", T_POST, PS_CMP_GE, 1, 0}, {"以下", T_POST, PS_CMP_LE, 0, 0}, {"及以下", T_POST, PS_CMP_LE, 0, 0},
	{"之下", T_POST, PS_CMP_LE, 0, 0}, {"以内", T_POST, PS_CMP_LE, 0, 0}, {"之内", T_POST, PS_CMP_LE, 0, 0},
	{"含", T_INCL, 0, 0, 0}, {"包含", T_INCL, 0, 0, 0}, {"包括", T_INCL, 0, 0, 0}, {"不含", T_EXCL, 0, 0, 0},
	{"不包含", T_EXCL, 0, 0, 0}, {"不包括", T_EXCL, 0, 0, 0},
	{"(", T_LP, 0, 0, 0}, {")", T_RP, 0, 0, 0}, {"[", T_LP, 0, 0, 0}, {"]", T_RP, 0, 0, 0},
	{"-", T_DASH, 0, 0, 0}, {"~", T_DASH, 0, 0, 0}, {"至", T_DASH, 0, 0, 0}, {"--", T_DASH, 0, 0, 0},
	{"±", T_PM, 0, 0, 0}, {"+-", T_PM, 0, 0, 0},
	/* full marks, zero */
	{"得满分", T_FULL, 0, 0, 0}, {"计满分", T_FULL, 0, 0, 0}, {"记满分", T_FULL, 0, 0, 0},
	{"给满分", T_FULL, 0, 0, 0}, {"满分", T_FULL, 0, 0, 0}, {"得全分", T_FULL, 0, 0, 0}, {"全分", T_FULL, 0, 0, 0},
	{"得基本分", T_FULL, 0, 0, 0}, {"基本分", T_FULL, 0, 0, 0}, {"得标准分", T_FULL, 0, 0, 0},
	{"各得标准分", T_FULL, 0, 0, 0}, {"标准分", T_FULL, 0, 0, 0}, {"得该项满分", T_FULL, 0, 0, 0},
	{"得该项全部分值", T_FULL, 0, 0, 0}, {"得全部分值", T_FULL, 0, 0, 0}, {"给予满分", T_FULL, 0, 0, 0},
	{"计满分值", T_FULL, 0, 0, 0}, {"得满分值", T_FULL, 0, 0, 0}, {"赋满分", T_FULL, 0, 0, 0},
	{"不得分", T_ZERO, 0, 0, 0}, {"不计分", T_ZERO, 0, 0, 0}, {"不给分", T_ZERO, 0, 0, 0},
	{"不得分值", T_ZERO, 0, 0, 0}, {"得零分", T_ZERO, 0, 0, 0}, {"零分", T_ZERO, 0, 0, 0},
	{"计零分", T_ZERO, 0, 0, 0}, {"该项不得分", T_ZERO, 0, 0, 0}, {"本项不得分", T_ZERO, 0, 0, 0},
	{"本项不计分", T_ZERO, 0, 0, 0}, {"该项不计分", T_ZERO, 0, 0, 0}, {"不予计分", T_ZERO, 0, 0, 0},
	{"不予得分", T_ZERO, 0, 0, 0}, {"此分值扣完", T_ZERO, 0, 0, 0}, {"该项分值扣完", T_ZERO, 0, 0, 0},
	{"本项分值扣完", T_ZERO, 0, 0, 0}, {"全扣", T_ZERO, 0, 0, 0}, {"全部扣除", T_ZERO, 0, 0, 0},
	{"扣除全部分值", T_ZERO, 0, 0, 0}, {"扣除该项全部分值", T_ZERO, 0, 0, 0}, {"不得分数", T_ZERO, 0, 0, 0},
	{"该项考核得零分", T_ZERO, 0, 0, 0}, {"该项考核不得分", T_ZERO, 0, 0, 0}, {"得分为零", T_ZERO, 0, 0, 0},
	{"不赋分", T_ZERO, 0, 0, 0},
	/* award and deduction verbs */
	{"得", T_GET, 0, 0, 0}, {"计", T_GET, 0, 0, 0}, {"记", T_GET, 0, 0, 0}, {"给", T_GET, 0, 0, 0},
	{"赋", T_GET, 0, 0, 0}, {"给予", T_GET, 0, 0, 0}, {"计分", T_GET, 0, 0, 0}, {"得分", T_GET, 0, 0, 0},
	{"赋分", T_GET, 0, 0, 0}, {"记分", T_GET, 0, 0, 0}, {"可得", T_GET, 0, 0, 0}, {"获得", T_GET, 0, 0, 0},
	{"占", T_GET, 0, 0, 0}, {"计得", T_GET, 0, 0, 0},
	{"扣", T_DEDUCT, 0, 0, 0}, {"扣除", T_DEDUCT, 0, 0, 0}, {"扣减", T_DEDUCT, 0, 0, 0}, {"减", T_DEDUCT, 0, 0, 0},
	{"减去", T_DEDUCT, 0, 0, 0}, {"倒扣", T_DEDUCT, 0, 0, 0}, {"加扣", T_DEDUCT, 0, 0, 0},
	{"扣掉", T_DEDUCT, 0, 0, 0}, {"扣分", T_DEDUCT, 0, 0, 0}, {"减分", T_DEDUCT, 0, 0, 0},
	{"扣考核", T_DEDUCT, 0, 0, 0}, {"扣发", T_WORD, 0, 0, 0}, {"减少", T_LESS, 0, 0, 0},
	/* per step / per item */
	{"每", T_EACH, 0, 0, 0}, {"每有", T_EACH, 1, 0, 0}, {"每发生", T_EACH, 1, 0, 0}, {"每出现", T_EACH, 1, 0, 0},
	{"每发现", T_EACH, 1, 0, 0}, {"每一", T_EACH, 0, 0, 0}, {"逐", T_EACH, 0, 0, 0}, {"每查出", T_EACH, 1, 0, 0},
	{"每缺", T_EACH, 2, 0, 0}, {"每少", T_EACH, 3, 0, 0},
	{"下降", T_LESS, 0, 0, 0}, {"降低", T_LESS, 0, 0, 0}, {"少", T_LESS, 0, 0, 0}, {"缺", T_LESS, 2, 0, 0},
	{"缺少", T_LESS, 2, 0, 0}, {"低", T_LESS, 0, 0, 0}, {"降", T_LESS, 0, 0, 0}, {"减低", T_LESS, 0, 0, 0},
	{"超出", T_MORE, 0, 0, 0}, {"增加", T_MORE, 0, 0, 0}, {"上升", T_MORE, 0, 0, 0}, {"多", T_MORE, 0, 0, 0},
	{"超", T_MORE, 0, 0, 0}, {"增长", T_MORE, 0, 0, 0}, {"提高", T_MORE, 0, 0, 0}, {"高出", T_MORE, 0, 0, 0},
	{"超支", T_MORE, 0, 0, 0}, {"多出", T_MORE, 0, 0, 0},
	{"延迟", T_LATE, 0, 0, 0}, {"推迟", T_LATE, 0, 0, 0}, {"逾期", T_LATE, 0, 0, 0}, {"滞后", T_LATE, 0, 0, 0},
	{"延期", T_LATE, 0, 0, 0}, {"拖延", T_LATE, 0, 0, 0}, {"超期", T_LATE, 0, 0, 0}, {"超时", T_LATE, 0, 0, 0},
	{"晚", T_LATE, 0, 0, 0},
	{"相差", T_DIFF, 0, 0, 0}, {"偏离", T_DIFF, 0, 0, 0}, {"增减", T_DIFF, 1, 0, 0}, {"偏差", T_DIFF, 0, 0, 0}, {"差异", T_DIFF, 0, 0, 0},
	{"发生", T_INCIDENT, 0, 0, 0}, {"出现", T_INCIDENT, 0, 0, 0}, {"发现", T_INCIDENT, 0, 0, 0},
	{"有", T_INCIDENT, 0, 0, 0}, {"存在", T_INCIDENT, 0, 0, 0}, {"查出", T_INCIDENT, 0, 0, 0},
	{"查实", T_INCIDENT, 0, 0, 0},
	/* floors and caps */
	{"扣完为止", T_FLOOR, 0, 0, 0}, {"扣完即止", T_FLOOR, 0, 0, 0}, {"扣完此项为止", T_FLOOR, 0, 0, 0},
	{"扣完本项为止", T_FLOOR, 0, 0, 0}, {"扣完本项分为止", T_FLOOR, 0, 0, 0}, {"扣完该项分为止", T_FLOOR, 0, 0, 0},
	{"扣完本项分值为止", T_FLOOR, 0, 0, 0}, {"扣完该项分值为止", T_FLOOR, 0, 0, 0},
	{"扣完该项为止", T_FLOOR, 0, 0, 0}, {"扣至0分为止", T_FLOOR, 0, 0, 0}, {"扣至零分为止", T_FLOOR, 0, 0, 0},
	{"扣至0分", T_FLOOR, 0, 0, 0}, {"扣至零分", T_FLOOR, 0, 0, 0}, {"扣至0", T_FLOOR, 0, 0, 0},
	{"扣光为止", T_FLOOR, 0, 0, 0}, {"扣完止", T_FLOOR, 0, 0, 0}, {"扣完为准", T_FLOOR, 0, 0, 0},
	{"直至本项目分扣完", T_FLOOR, 0, 0, 0}, {"直至本项分扣完", T_FLOOR, 0, 0, 0}, {"直至扣完", T_FLOOR, 0, 0, 0},
	{"直到扣完为止", T_FLOOR, 0, 0, 0}, {"直至本项分值扣完", T_FLOOR, 0, 0, 0}, {"扣完本项", T_FLOOR, 0, 0, 0},
	{"最低为零分", T_FLOOR, 0, 0, 0}, {"最低为0分", T_FLOOR, 0, 0, 0}, {"最低0分", T_FLOOR, 0, 0, 0},
	{"最低得0分", T_FLOOR, 0, 0, 0}, {"最低零分", T_FLOOR, 0, 0, 0}, {"最低为零", T_FLOOR, 0, 0, 0},
	{"最低为0", T_FLOOR, 0, 0, 0}, {"不倒扣", T_FLOOR, 0, 0, 0}, {"不得倒扣", T_FLOOR, 0, 0, 0},
	{"不出现负分", T_FLOOR, 0, 0, 0}, {"不计负分", T_FLOOR, 0, 0, 0}, {"最低得零分", T_FLOOR, 0, 0, 0},
	{"扣守为止", T_FLOOR, 0, 1, 0}, {"扣宪为止", T_FLOOR, 0, 1, 0}, {"扣完位止", T_FLOOR, 0, 1, 0},
	{"扣完未止", T_FLOOR, 0, 1, 0}, {"扣至O分为止", T_FLOOR, 0, 1, 0}, {"至O分为止", T_FLOOR, 0, 1, 0},
	{"扣完为至", T_FLOOR, 0, 1, 0}, {"扣元为止", T_FLOOR, 0, 1, 0}, {"扣完為止", T_FLOOR, 0, 0, 0},
	{"扣至o分为止", T_FLOOR, 0, 1, 0}, {"扣光", T_FLOOR, 0, 0, 0},
	{"最多扣", T_MAXDED, 0, 0, 0}, {"最高扣", T_MAXDED, 0, 0, 0}, {"至多扣", T_MAXDED, 0, 0, 0},
	{"最多可扣", T_MAXDED, 0, 0, 0}, {"最多扣除", T_MAXDED, 0, 0, 0}, {"最高扣除", T_MAXDED, 0, 0, 0},
	{"累计扣分不超过", T_MAXDED, 0, 0, 0}, {"扣分不超过", T_MAXDED, 0, 0, 0}, {"累计最多扣", T_MAXDED, 0, 0, 0},
	{"最多扣减", T_MAXDED, 0, 0, 0}, {"扣分上限为", T_MAXDED, 0, 0, 0}, {"扣分最多", T_MAXDED, 0, 0, 0},
	{"扣满", T_MAXDED, 1, 0, 0}, {"扣完", T_MAXDED, 1, 0, 0}, {"扣至", T_MAXDED, 2, 0, 0},
	{"为止", T_UPTO, 0, 0, 0}, {"止", T_UPTO, 0, 0, 0},
	{"最低得", T_MIN, 0, 0, 0}, {"最低为", T_MIN, 0, 0, 0}, {"最低", T_MIN, 0, 0, 0}, {"保底", T_MIN, 0, 0, 0},
	{"最少得", T_MIN, 0, 0, 0},
	/* proportional */
	{"按比例", T_PROP, 0, 0, 0}, {"按完成比例", T_PROP, 0, 0, 0}, {"按实际比例", T_PROP, 0, 0, 0},
	{"按实际完成比例", T_PROP, 0, 0, 0}, {"按完成率", T_PROP, 0, 0, 0}, {"按实际完成率", T_PROP, 0, 0, 0},
	{"按比率", T_PROP, 0, 0, 0}, {"其比率", T_PROP, 0, 0, 0}, {"按完成程度", T_PROP, 0, 0, 0},
	{"按完成进度", T_PROP, 0, 0, 0}, {"按执行率", T_PROP, 0, 0, 0},
	{"按到位率", T_PROP, 0, 0, 0}, {"按达标率", T_PROP, 0, 0, 0}, {"按合格率", T_PROP, 0, 0, 0},
	{"按覆盖率", T_PROP, 0, 0, 0}, {"按实际完成值", T_PROP, 0, 0, 0}, {"按实际执行率", T_PROP, 0, 0, 0},
	{"按完成值", T_PROP, 0, 0, 0}, {"按实际到位率", T_PROP, 0, 0, 0}, {"按比重", T_PROP, 0, 0, 0}, {"按实际完成值占目标值的比重", T_PROP, 0, 0, 0},
	{"按实际完成值占目标值的比例", T_PROP, 0, 0, 0}, {"占目标值的比重", T_PROP, 0, 0, 0},
	{"按线性内插", T_PROP, 1, 0, 0}, {"线性内插", T_PROP, 1, 0, 0}, {"按线性插值", T_PROP, 1, 0, 0},
	{"线性插值", T_PROP, 1, 0, 0}, {"插值", T_PROP, 1, 0, 0}, {"完成比例", T_PROP, 0, 0, 0},
	{"比例赋分", T_PROP, 0, 0, 0}, {"比例计分", T_PROP, 0, 0, 0}, {"比例得分", T_PROP, 0, 0, 0},
	{"比例计算", T_PROP, 0, 0, 0}, {"比例减分", T_PROP, 0, 0, 0}, {"比重计算", T_PROP, 0, 0, 0},
	{"按完成比例计分", T_PROP, 0, 0, 0}, {"按比例计分", T_PROP, 0, 0, 0}, {"按比例得分", T_PROP, 0, 0, 0},
	{"按比例减分", T_PROP, 0, 0, 0}, {"按比例扣分", T_PROP, 0, 0, 0}, {"按比例计算", T_PROP, 0, 0, 0},
	{"按比例赋分", T_PROP, 0, 0, 0}, {"按实际完成率乘以", T_PROP, 0, 0, 0}, {"按完成情况比例", T_PROP, 0, 0, 0},
	{"×", T_TIMES, 0, 0, 0}, {"*", T_TIMES, 0, 0, 0}, {"乘以", T_TIMES, 0, 0, 0}, {"乘", T_TIMES, 0, 0, 0},
	{"x", T_X, 0, 0, 0}, {"X", T_X, 0, 0, 0},
	{"/", T_DIV, 0, 0, 0}, {"÷", T_DIV, 0, 0, 0}, {"除以", T_DIV, 0, 0, 0},
	{"该项分值的", T_SHARE, 0, 0, 0}, {"该指标分值的", T_SHARE, 0, 0, 0}, {"分值的", T_SHARE, 0, 0, 0},
	{"标准分的", T_SHARE, 0, 0, 0}, {"满分的", T_SHARE, 0, 0, 0}, {"总分的", T_SHARE, 0, 0, 0},
	{"该项指标分值的", T_SHARE, 0, 0, 0}, {"本项分值的", T_SHARE, 0, 0, 0},
	{"一半", T_HALF, 0, 0, 0}, {"半数", T_HALF, 0, 0, 0},
	/* discretionary */
	{"酌情", T_MANUAL, 0, 0, 0}, {"视情况", T_MANUAL, 0, 0, 0}, {"视具体情况", T_MANUAL, 0, 0, 0},
	{"视情", T_MANUAL, 0, 0, 0}, {"根据情况", T_MANUAL, 0, 0, 0}, {"根据实际情况", T_MANUAL, 0, 0, 0},
	{"按实际情况评分", T_MANUAL, 0, 0, 0}, {"按实际情况", T_MANUAL, 0, 0, 0}, {"合理确定", T_MANUAL, 0, 0, 0},
	{"综合评定", T_MANUAL, 0, 0, 0}, {"综合评价", T_MANUAL, 0, 0, 0}, {"综合考虑", T_MANUAL, 0, 0, 0},
	{"适当扣分", T_MANUAL, 0, 0, 0}, {"适当加分", T_MANUAL, 0, 0, 0}, {"适当给分", T_MANUAL, 0, 0, 0},
	{"相应扣分", T_MANUAL, 0, 0, 0}, {"专家评议", T_MANUAL, 0, 0, 0}, {"专家打分", T_MANUAL, 0, 0, 0},
	{"酌减", T_MANUAL, 0, 0, 0}, {"酌扣", T_MANUAL, 0, 0, 0}, {"视情节", T_MANUAL, 0, 0, 0},
	{"根据具体情况", T_MANUAL, 0, 0, 0}, {"视完成情况", T_MANUAL, 0, 0, 0},
	/* bonus */
	{"加分", T_BONUS, 0, 0, 0}, {"另加", T_BONUS, 0, 0, 0}, {"奖励", T_BONUS, 0, 0, 0}, {"额外加", T_BONUS, 0, 0, 0},
	{"可加", T_BONUS, 0, 0, 0}, {"加计", T_BONUS, 0, 0, 0}, {"加", T_BONUS, 1, 0, 0},
	{"加强", T_WORD, 0, 0, 0}, {"加大", T_WORD, 0, 0, 0}, {"参加", T_WORD, 0, 0, 0}, {"增加值", T_WORD, 0, 0, 0},
	{"附加", T_WORD, 0, 0, 0}, {"加快", T_WORD, 0, 0, 0}, {"加以", T_WORD, 0, 0, 0}, {"加工", T_WORD, 0, 0, 0},
	{"更加", T_WORD, 0, 0, 0}, {"追加", T_WORD, 0, 0, 0}, {"加倍", T_MULTI, 0, 0, 0}, {"外加", T_WORD, 0, 0, 0},
	/* negation, otherwise, done */
	{"未", T_NEG, 0, 0, 0}, {"没有", T_NEG, 0, 0, 0}, {"没", T_NEG, 0, 0, 0}, {"无", T_NEG, 0, 0, 0},
	{"不", T_NEG, 0, 0, 0}, {"否", T_NEG, 0, 0, 0}, {"未能", T_NEG, 0, 0, 0}, {"尚未", T_NEG, 0, 0, 0},
	{"非", T_NEG, 0, 0, 0}, {"未按", T_NEG, 0, 0, 0}, {"未及时", T_NEG, 1, 0, 0}, {"不及时", T_NEG, 1, 0, 0},
	{"否则", T_OTHERWISE, 0, 0, 0}, {"反之", T_OTHERWISE, 0, 0, 0}, {"其他", T_OTHERWISE, 0, 0, 0},
	{"其余", T_OTHERWISE, 0, 0, 0}, {"其它", T_OTHERWISE, 0, 0, 0},
	{"完成", T_DONE, 0, 0, 0}, {"按时完成", T_DONE, 0, 0, 0}, {"全部完成", T_DONE, 0, 0, 0},
	{"如期完成", T_DONE, 0, 0, 0}, {"已完成", T_DONE, 0, 0, 0}, {"按期完成", T_DONE, 0, 0, 0},
	{"达标", T_DONE, 0, 0, 0}, {"达到要求", T_DONE, 0, 0, 0}, {"符合要求", T_DONE, 0, 0, 0},
	{"满足要求", T_DONE, 0, 0, 0}, {"按期", T_DONE, 0, 0, 0}, {"如期", T_DONE, 0, 0, 0},
	{"完工", T_DONE, 0, 0, 0}, {"竣工", T_DONE, 0, 0, 0}, {"及时", T_DONE, 0, 0, 0}, {"按时", T_DONE, 0, 0, 0},
	{"完成率", T_WORD, 0, 0, 0}, {"完成值", T_WORD, 0, 0, 0}, {"完成情况", T_WORD, 0, 0, 0},
	{"完成时限", T_WORD, 0, 0, 0}, {"完成数", T_WORD, 0, 0, 0}, {"完成量", T_WORD, 0, 0, 0},
	{"完成进度", T_WORD, 0, 0, 0}, {"完成程度", T_WORD, 0, 0, 0}, {"达标率", T_WORD, 0, 0, 0},
	{"达成率", T_WORD, 0, 0, 0}, {"达标数", T_WORD, 0, 0, 0}, {"及时率", T_WORD, 0, 0, 0},
	{"按时完成率", T_WORD, 0, 0, 0}, {"不断", T_WORD, 0, 0, 0}, {"不同", T_WORD, 0, 0, 0},
	{"无论", T_WORD, 0, 0, 0}, {"不定期", T_WORD, 0, 0, 0}, {"不良", T_WORD, 0, 0, 0}, {"有效", T_WORD, 0, 0, 0},
	{"有关", T_WORD, 0, 0, 0}, {"有利", T_WORD, 0, 0, 0}, {"所有", T_WORD, 0, 0, 0}, {"具有", T_WORD, 0, 0, 0},
	{"有限", T_WORD, 0, 0, 0}, {"享有", T_WORD, 0, 0, 0}, {"拥有", T_WORD, 0, 0, 0}, {"有序", T_WORD, 0, 0, 0},
	/* known grade words */
	{"优秀", T_GRADE, PS_G_EXCELLENT, 0, 0}, {"良好", T_GRADE, PS_G_GOOD, 0, 0}, {"较好", T_GRADE, PS_G_GOOD, 0, 0},
	{"一般", T_GRADE, PS_G_FAIR, 0, 0}, {"中等", T_GRADE, PS_G_FAIR, 0, 0}, {"较差", T_GRADE, PS_G_POOR, 0, 0},
	{"合格", T_GRADE, PS_G_FAIR, 0, 0}, {"不合格", T_GRADE, PS_G_POOR, 0, 0},
	{"达成预期指标", T_GRADE, PS_G_ACHIEVED, 0, 0}, {"达成预期", T_GRADE, PS_G_ACHIEVED, 0, 0},
	{"达成年度指标", T_GRADE, PS_G_ACHIEVED, 0, 0}, {"部分达成", T_GRADE, PS_G_PARTIAL, 0, 0},
	{"部分达成预期指标", T_GRADE, PS_G_PARTIAL, 0, 0}, {"部分达成年度指标", T_GRADE, PS_G_PARTIAL, 0, 0},
	{"未达成", T_GRADE, PS_G_NOT_ACHIEVED, 0, 0}, {"未达成预期指标", T_GRADE, PS_G_NOT_ACHIEVED, 0, 0},
	{"未达成年度指标", T_GRADE, PS_G_NOT_ACHIEVED, 0, 0},
	{"达到预期", T_GRADE, PS_G_ACHIEVED, 0, 0}, {"达到预期目标", T_GRADE, PS_G_ACHIEVED, 0, 0},
	{"达到预期效果", T_GRADE, PS_G_ACHIEVED, 0, 0}, {"基本达到", T_GRADE, PS_G_PARTIAL, 0, 0},
	{"基本达到预期", T_GRADE, PS_G_PARTIAL, 0, 0}, {"未达到预期", T_GRADE, PS_G_NOT_ACHIEVED, 0, 0},
	{"基本达成", T_GRADE, PS_G_PARTIAL, 0, 0}, {"基本完成", T_GRADE, PS_G_PARTIAL, 0, 0},
	/* dates and times */
	{"前", T_BEFORE, 0, 0, 0}, {"之前", T_BEFORE, 0, 0, 0}, {"以前", T_BEFORE, 0, 0, 0},
	{"后", T_AFTER, 0, 0, 0}, {"之后", T_AFTER, 0, 0, 0}, {"以后", T_AFTER, 0, 0, 0},
	{"年度", T_WORD, 0, 0, 0}, {"上年", T_WORD, 0, 0, 0}, {"当年", T_WORD, 0, 0, 0}, {"全年", T_WORD, 0, 0, 0},
	{"年初", T_WORD, 0, 0, 0}, {"前期", T_WORD, 0, 0, 0}, {"前提", T_WORD, 0, 0, 0}, {"后期", T_WORD, 0, 0, 0},
	{"后续", T_WORD, 0, 0, 0}, {"目前", T_WORD, 0, 0, 0}, {"事前", T_WORD, 0, 0, 0}, {"事后", T_WORD, 0, 0, 0},
	{"提前", T_WORD, 0, 0, 0}, {"之后", T_AFTER, 0, 0, 0},
	/* the target as a reference */
	{"目标值", T_TARGET, 0, 0, 0}, {"指标值", T_TARGET, 0, 0, 0}, {"计划值", T_TARGET, 0, 0, 0},
	{"计划数", T_TARGET, 0, 0, 0}, {"计划", T_TARGET, 0, 0, 0}, {"年度目标值", T_TARGET, 0, 0, 0},
	{"年度目标", T_TARGET, 0, 0, 0}, {"目标任务数", T_TARGET, 0, 0, 0}, {"任务数", T_TARGET, 0, 0, 0},
	{"预期值", T_TARGET, 0, 0, 0}, {"标准值", T_TARGET, 0, 0, 0}, {"目标", T_TARGET, 0, 0, 0},
	{"年度指标值", T_TARGET, 0, 0, 0}, {"计划任务", T_TARGET, 0, 0, 0},
	{"年度计划", T_TARGET, 0, 0, 0}, {"年度计划任务", T_TARGET, 0, 0, 0}, {"年度任务", T_TARGET, 0, 0, 0},
	{"目标任务", T_TARGET, 0, 0, 0}, {"预算数", T_TARGET, 0, 0, 0}, {"预算金额", T_TARGET, 0, 0, 0},
	{"预算", T_TARGET, 0, 0, 0}, {"批复金额", T_TARGET, 0, 0, 0}, {"计划金额", T_TARGET, 0, 0, 0},
	{"预算执行率", T_WORD, 0, 0, 0}, {"预算编制", T_WORD, 0, 0, 0}, {"预算控制率", T_WORD, 0, 0, 0},
	{"预算调整", T_WORD, 0, 0, 0}, {"预算完成率", T_WORD, 0, 0, 0}, {"年初预算", T_TARGET, 0, 0, 0},
	/* caps the scorer always applies */
	{"满分为止", T_CAPNOTE, 0, 0, 0}, {"最高不超过", T_CAPNOTE, 0, 0, 0}, {"最高不得超过", T_CAPNOTE, 0, 0, 0},
	{"分值上限", T_CAPNOTE, 0, 0, 0}, {"以满分为限", T_CAPNOTE, 0, 0, 0}, {"不超过满分", T_CAPNOTE, 0, 0, 0},
	{"最高不能超过", T_CAPNOTE, 0, 0, 0}, {"最高得分不超过", T_CAPNOTE, 0, 0, 0}, {"最高为满分", T_CAPNOTE, 0, 0, 0},
	{"最高得满分", T_CAPNOTE, 0, 0, 0}, {"不超过该指标分值", T_CAPNOTE, 0, 0, 0},
	/* several amounts for several cases */
	{"分别", T_MULTI, 0, 0, 0}, {"以此类推", T_MULTI, 0, 0, 0}, {"依次", T_MULTI, 0, 0, 0},
	{"依此类推", T_MULTI, 0, 0, 0}, {"减半", T_MULTI, 0, 0, 0}, {"翻倍", T_MULTI, 0, 0, 0},
	/* words that only look like the above */
	{"计算", T_WORD, 0, 0, 0}, {"计量", T_WORD, 0, 0, 0}, {"统计", T_WORD, 0, 0, 0}, {"会计", T_WORD, 0, 0, 0},
	{"设计", T_WORD, 0, 0, 0}, {"合计", T_WORD, 0, 0, 0}, {"累计", T_WORD, 0, 0, 0}, {"记录", T_WORD, 0, 0, 0},
	{"登记", T_WORD, 0, 0, 0}, {"得到", T_WORD, 0, 0, 0}, {"分管", T_WORD, 0, 0, 0}, {"分数", T_WORD, 0, 0, 0},
	{"分类", T_WORD, 0, 0, 0}, {"分析", T_WORD, 0, 0, 0}, {"分配", T_WORD, 0, 0, 0}, {"分解", T_WORD, 0, 0, 0},
	{"分级", T_WORD, 0, 0, 0}, {"分布", T_WORD, 0, 0, 0}, {"分批", T_WORD, 0, 0, 0}, {"分期", T_WORD, 0, 0, 0},
	{"分项", T_WORD, 0, 0, 0}, {"分工", T_WORD, 0, 0, 0}, {"分局", T_WORD, 0, 0, 0}, {"部分", T_WORD, 0, 0, 0},
	{"充分", T_WORD, 0, 0, 0}, {"十分", T_WORD, 0, 0, 0}, {"百分比", T_WORD, 0, 0, 0}, {"分值", T_WORD, 1, 0, 0},
	{"该指标分值", T_WORD, 1, 0, 0}, {"该项分值", T_WORD, 1, 0, 0}, {"指标分值", T_WORD, 1, 0, 0},
	{"该项指标分值", T_WORD, 1, 0, 0}, {"权重", T_WORD, 1, 0, 0}, {"本项分值", T_WORD, 1, 0, 0},
	{"补给", T_WORD, 0, 0, 0}, {"供给", T_WORD, 0, 0, 0}, {"一般性", T_WORD, 0, 0, 0},
	{"一事一议", T_WORD, 0, 0, 0}, {"一票否决", T_WORD, 0, 0, 0}, {"一定", T_WORD, 0, 0, 0},
	{"统一", T_WORD, 0, 0, 0}, {"第一", T_WORD, 0, 0, 0}, {"一致", T_WORD, 0, 0, 0}, {"一律", T_WORD, 0, 0, 0},
	{"一体", T_WORD, 0, 0, 0}, {"三公", T_WORD, 0, 0, 0}, {"四舍五入", T_WORD, 0, 0, 0},
	{"一级", T_WORD, 0, 0, 0}, {"二级", T_WORD, 0, 0, 0}, {"三级", T_WORD, 0, 0, 0}, {"一些", T_WORD, 0, 0, 0},
	{"万一", T_WORD, 0, 0, 0}, {"千万", T_WORD, 0, 0, 0}, {"百姓", T_WORD, 0, 0, 0},
	{"不得", T_NEG, 0, 0, 0}, {"多次", T_WORD, 0, 0, 0}, {"多种", T_WORD, 0, 0, 0}, {"多元", T_WORD, 0, 0, 0},
	{"缺陷", T_WORD, 0, 0, 0}, {"超标", T_WORD, 0, 0, 0}, {"低碳", T_WORD, 0, 0, 0}, {"降低率", T_WORD, 0, 0, 0},
	{"下降率", T_WORD, 0, 0, 0}, {"增长率", T_WORD, 0, 0, 0}, {"少数", T_WORD, 0, 0, 0}, {"至今", T_WORD, 0, 0, 0},
	{"以上级", T_WORD, 0, 0, 0}, {"上级", T_WORD, 0, 0, 0}, {"以下简称", T_WORD, 0, 0, 0},
	{"及时率", T_WORD, 0, 0, 0}, {"无误", T_WORD, 0, 0, 0}, {"无法", T_WORD, 0, 0, 0},
	/* punctuation */
	{",", T_SEP, 0, 0, 0}, {"、", T_ENUM, 0, 0, 0}, {";", T_STOP, 0, 0, 0}, {".", T_STOP, 0, 0, 0},
	{"\n", T_STOP, 0, 0, 0}, {"!", T_STOP, 0, 0, 0}, {"?", T_STOP, 0, 0, 0}, {":", T_COLON, 0, 0, 0},
	{"|", T_STOP, 0, 0, 0},
};

/* Units that follow a number (only looked up right after T_NUM or 每). */
static const lexent units[] = {
	{"%", T_PCT, 0, 0, 0}, {"‰", T_PERMILLE, 0, 0, 0}, {"个百分点", T_PP, 0, 0, 0}, {"百分点", T_PP, 0, 0, 0},
	{"个点", T_PP, 0, 0, 0}, {"分", T_FEN, 0, 0, 0},
	{"天", T_TUNIT, PS_SU_DAY, 0, 0}, {"日", T_TUNIT, PS_SU_DAY, 0, 0}, {"个工作日", T_TUNIT, PS_SU_DAY, 0, 0},
	{"工作日", T_TUNIT, PS_SU_DAY, 0, 0}, {"个月", T_TUNIT, PS_SU_MONTH, 0, 0}, {"月", T_TUNIT, PS_SU_MONTH, 0, 0},
	{"年", T_TUNIT, PS_SU_YEAR, 0, 0}, {"周", T_TUNIT, PS_SU_DAY, 0, 7}, {"个星期", T_TUNIT, PS_SU_DAY, 0, 7},
	{"小时", T_TUNIT, 0, 0, 0}, {"分钟", T_TUNIT, 0, 0, 0}, {"个季度", T_TUNIT, PS_SU_MONTH, 0, 3},
	{"季度", T_TUNIT, PS_SU_MONTH, 0, 3},
	{"个", T_CUNIT, 1, 0, 0}, {"项", T_CUNIT, 1, 0, 0}, {"次", T_CUNIT, 1, 0, 0}, {"件", T_CUNIT, 1, 0, 0},
	{"起", T_CUNIT, 1, 0, 0}, {"例", T_CUNIT, 1, 0, 0}, {"处", T_CUNIT, 1, 0, 0}, {"人", T_CUNIT, 1, 0, 0},
	{"人次", T_CUNIT, 1, 0, 0}, {"户", T_CUNIT, 1, 0, 0}, {"条", T_CUNIT, 1, 0, 0}, {"篇", T_CUNIT, 1, 0, 0},
	{"家", T_CUNIT, 1, 0, 0}, {"所", T_CUNIT, 1, 0, 0}, {"座", T_CUNIT, 1, 0, 0}, {"名", T_CUNIT, 1, 0, 0},
	{"份", T_CUNIT, 1, 0, 0}, {"套", T_CUNIT, 1, 0, 0}, {"台", T_CUNIT, 1, 0, 0}, {"辆", T_CUNIT, 1, 0, 0},
	{"批", T_CUNIT, 1, 0, 0}, {"张", T_CUNIT, 1, 0, 0}, {"回", T_CUNIT, 1, 0, 0}, {"类", T_CUNIT, 1, 0, 0},
	{"种", T_CUNIT, 1, 0, 0}, {"村", T_CUNIT, 1, 0, 0}, {"宗", T_CUNIT, 1, 0, 0}, {"笔", T_CUNIT, 1, 0, 0},
	{"场", T_CUNIT, 1, 0, 0}, {"期", T_CUNIT, 1, 0, 0}, {"轮", T_CUNIT, 1, 0, 0}, {"单", T_CUNIT, 1, 0, 0},
	{"本", T_CUNIT, 1, 0, 0}, {"册", T_CUNIT, 1, 0, 0}, {"株", T_CUNIT, 1, 0, 0}, {"只", T_CUNIT, 1, 0, 0},
	{"头", T_CUNIT, 1, 0, 0}, {"栋", T_CUNIT, 1, 0, 0}, {"间", T_CUNIT, 1, 0, 0}, {"块", T_CUNIT, 1, 0, 0},
	{"元", T_CUNIT, 0, 0, 0}, {"万元", T_CUNIT, 0, 0, 0}, {"亿元", T_CUNIT, 0, 0, 0}, {"米", T_CUNIT, 0, 0, 0},
	{"公里", T_CUNIT, 0, 0, 0}, {"千米", T_CUNIT, 0, 0, 0}, {"亩", T_CUNIT, 0, 0, 0}, {"万亩", T_CUNIT, 0, 0, 0},
	{"公顷", T_CUNIT, 0, 0, 0}, {"吨", T_CUNIT, 0, 0, 0}, {"平方米", T_CUNIT, 0, 0, 0}, {"立方米", T_CUNIT, 0, 0, 0},
	{"千克", T_CUNIT, 0, 0, 0}, {"公斤", T_CUNIT, 0, 0, 0}, {"万人", T_CUNIT, 0, 0, 0}, {"万", T_CUNIT, 0, 0, 0},
	{"元/人", T_CUNIT, 0, 0, 0}, {"元/户", T_CUNIT, 0, 0, 0}, {"人/次", T_CUNIT, 0, 0, 0},
};

typedef struct {
	int32_t *cp;     /* folded code points */
	uint32_t *bofs;  /* byte offset of each code point in the folded text; [n] = len */
	size_t n;
} cps;

/* The lexicons indexed by first code point, built once: the tokenizer
 * tries only the phrases that can start at a position, compared as code
 * points (it used to scan every phrase, decoding each one, at every
 * position: half of the run time on big tables). */
typedef struct {
	uint32_t off;    /* into the code point pool */
	uint16_t n;      /* code points */
	uint16_t e;      /* index into the lexent table (table order breaks ties) */
} phrase;

typedef struct {
	int32_t cp;
	uint32_t start, end; /* phrases [start, end) start with cp */
} slot;

#define LEX_MAX_PHRASES 1024  /* per lexicon; checked when the index is built */
#define LEX_MAX_CPS 16        /* code points per phrase */
#define LEX_SLOTS 2048        /* a power of two, at least twice the phrases */

/* Static storage: the index lives as long as the program, and leaves
 * nothing for a leak checker to report. */
typedef struct {
	const lexent *tab;
	int32_t pool[LEX_MAX_PHRASES * LEX_MAX_CPS];
	phrase ph[LEX_MAX_PHRASES];
	size_t nph;
	slot slots[LEX_SLOTS]; /* open addressing; cp 0 = empty */
	size_t nslot;
} lexindex;

static lexindex main_ix, unit_ix;
static pthread_once_t ix_once = PTHREAD_ONCE_INIT;

static const int32_t *sort_pool; /* qsort has no context argument: used once, under pthread_once */

/* By first code point, then longest first, then table order: the first
 * phrase of a slot that matches is the one longest_ix wants. */
static int phrase_cmp(const void *pa, const void *pb)
{
	const phrase *a = pa, *b = pb;
	int32_t x = sort_pool[a->off], y = sort_pool[b->off];
	if (x != y)
		return x < y ? -1 : 1;
	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return (a->e > b->e) - (a->e < b->e);
}

static size_t slot_of(const lexindex *ix, int32_t cp)
{
	size_t h = ((uint32_t)cp * 2654435761u) & (ix->nslot - 1);
	while (ix->slots[h].cp && ix->slots[h].cp != cp)
		h = (h + 1) & (ix->nslot - 1);
	return h;
}

static void build_index(lexindex *ix, const lexent *tab, size_t ntab)
{
	if (ntab > LEX_MAX_PHRASES)
		abort(); /* a lexicon outgrew its index: raise LEX_MAX_PHRASES */
	ix->tab = tab;
	size_t used = 0;
	for (size_t e = 0; e < ntab; e++) {
		const char *w = tab[e].w;
		size_t wl = strlen(w), k = 0;
		phrase *p = &ix->ph[e];
		p->off = (uint32_t)used;
		p->e = (uint16_t)e;
		while (k < wl) {
			int32_t x;
			int nb = ps_utf8_decode(w + k, wl - k, &x);
			k += nb > 0 ? (size_t)nb : 1;
			if (used - p->off >= LEX_MAX_CPS)
				abort(); /* a phrase longer than LEX_MAX_CPS */
			ix->pool[used++] = x;
		}
		p->n = (uint16_t)(used - p->off);
	}
	ix->nph = ntab;
	sort_pool = ix->pool;
	qsort(ix->ph, ntab, sizeof *ix->ph, phrase_cmp);
	ix->nslot = LEX_SLOTS;
	for (size_t i = 0; i < ntab;) {
		int32_t cp = ix->pool[ix->ph[i].off];
		size_t j = i;
		while (j < ntab && ix->pool[ix->ph[j].off] == cp)
			j++;
		slot *sl = &ix->slots[slot_of(ix, cp)];
		sl->cp = cp;
		sl->start = (uint32_t)i;
		sl->end = (uint32_t)j;
		i = j;
	}
}

static void build_indexes(void)
{
	build_index(&main_ix, lexicon, sizeof lexicon / sizeof lexicon[0]);
	build_index(&unit_ix, units, sizeof units / sizeof units[0]);
}

/* The longest phrase of the lexicon starting at cp[i] (earliest in the
 * table on a tie); its length in code points in *len, 0 and NULL if none.
 * The slot's phrases are sorted so: the first that matches is the one. */
static const lexent *longest_ix(const lexindex *ix, const cps *c, size_t i, size_t *len)
{
	*len = 0;
	if (i >= c->n || c->cp[i] == 0)
		return NULL;
	const slot *sl = &ix->slots[slot_of(ix, c->cp[i])];
	if (!sl->cp)
		return NULL;
	const int32_t *at = c->cp + i;
	size_t left = c->n - i;
	for (uint32_t k = sl->start; k < sl->end; k++) {
		const phrase *p = &ix->ph[k];
		if (p->n > left)
			continue;
		const int32_t *w = ix->pool + p->off;
		size_t j = 1; /* the first code point is the slot's */
		while (j < p->n && w[j] == at[j])
			j++;
		if (j == p->n) {
			*len = p->n;
			return &ix->tab[p->e];
		}
	}
	return NULL;
}

/* ps_rule_lex builds the indexes (once) before it calls this. */
static const lexent *longest(const lexent *tab, const cps *c, size_t i, size_t *len)
{
	return longest_ix(tab == units ? &unit_ix : &main_ix, c, i, len);
}

static int cn_digit(int32_t cp)
{
	switch (cp) {
	case 0x96F6: case 0x3007: return 0;   /* 零 〇 */
	case 0x4E00: return 1;                /* 一 */
	case 0x4E8C: case 0x4E24: return 2;   /* 二 两 */
	case 0x4E09: return 3; case 0x56DB: return 4; case 0x4E94: return 5;
	case 0x516D: return 6; case 0x4E03: return 7; case 0x516B: return 8; case 0x4E5D: return 9;
	default: return -1;
	}
}

static int cn_mult(int32_t cp)
{
	switch (cp) {
	case 0x5341: return 10;    /* 十 */
	case 0x767E: return 100;   /* 百 */
	case 0x5343: return 1000;  /* 千 */
	default: return 0;
	}
}

/* Parse Chinese numerals at cp[i..]: 三 十二 二十五 一百 两千 零点五 三点五.
 * Returns code points consumed (0 if none). 万 is left to the unit lexicon. */
static size_t cn_number(const cps *c, size_t i, ps_dec *out)
{
	int64_t total = 0, cur = -1;
	size_t j = i;
	bool any = false;
	while (j < c->n) {
		int d = cn_digit(c->cp[j]), m = cn_mult(c->cp[j]);
		if (d >= 0) {
			cur = (cur > 0 ? cur * 10 : 0) + d; /* 二五 read digit by digit */
			any = true;
			j++;
		} else if (m) {
			total += (cur < 0 ? 1 : cur) * m;
			cur = -1;
			any = true;
			j++;
		} else {
			break;
		}
	}
	if (!any)
		return 0;
	if (cur > 0)
		total += cur;
	ps_dec v = PS_DEC(total);
	/* 零点五, 三点五: fraction digits after 点 */
	if (j + 1 < c->n && c->cp[j] == 0x70B9 && cn_digit(c->cp[j + 1]) >= 0) {
		int64_t scale = PS_DEC_SCALE / 10;
		j++;
		while (j < c->n && cn_digit(c->cp[j]) >= 0 && scale > 0) {
			v += cn_digit(c->cp[j]) * scale;
			scale /= 10;
			j++;
		}
	}
	*out = v;
	return j - i;
}

/* ps_utf8_decode, with the 3-byte sequences of CJK text (most of a rule)
 * decoded here. */
static int decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len >= 3 && u[0] >= 0xE1 && u[0] <= 0xEC && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		/* E1..EC: no overlong form, no surrogate */
		*cp = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
		return 3;
	}
	return ps_utf8_decode(s, len, cp);
}

static bool is_digit_cp(int32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static ps_tok *push(ps_toks *t, ps_tkind k, const cps *c, size_t i, size_t n)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = ps_xrealloc(t->v, t->cap * sizeof *t->v);
	}
	ps_tok *tk = &t->v[t->n++];
	memset(tk, 0, sizeof *tk);
	tk->k = k;
	tk->pos = (uint32_t)i;
	tk->end = (uint32_t)(i + n);
	tk->b0 = c->bofs[i];
	tk->b1 = c->bofs[i + n];
	return tk;
}

/* An Arabic number at cp[i..], parsed from the folded bytes. */
static size_t arabic(const cps *c, const char *folded, size_t len, size_t i, ps_dec *out)
{
	size_t b0 = c->bofs[i];
	size_t nb = ps_dec_parse(out, folded + b0, len - b0);
	if (nb == 0)
		return 0;
	size_t j = i;
	while (j < c->n && c->bofs[j] < b0 + nb)
		j++;
	return j - i;
}

static bool prev_is(const ps_toks *t, ps_tkind k)
{
	return t->n > 0 && t->v[t->n - 1].k == k;
}

/* Try a date at cp[i..] starting with a number already parsed as v over
 * nlen code points: 2026年12月31日, 2026年12月, 12月31日, 12月底, 2026-12-31. */
static size_t date_at(const cps *c, const char *f, size_t len, size_t i, ps_dec v, size_t nlen,
                      int32_t *y, int32_t *m, int32_t *d)
{
	size_t j = i + nlen;
	int64_t iv = v / PS_DEC_SCALE;
	bool integer = v % PS_DEC_SCALE == 0;
	*y = *m = *d = 0;
	if (!integer)
		return 0;
	ps_dec x;
	size_t k;
	if (iv >= 1900 && iv <= 2100 && j < c->n && (c->cp[j] == '-' || c->cp[j] == '/' || c->cp[j] == '.')) {
		int32_t sep = c->cp[j];
		if (j + 1 < c->n && is_digit_cp(c->cp[j + 1]) && (k = arabic(c, f, len, j + 1, &x)) &&
		    x % PS_DEC_SCALE == 0 && x / PS_DEC_SCALE >= 1 && x / PS_DEC_SCALE <= 12) {
			*y = (int32_t)iv;
			*m = (int32_t)(x / PS_DEC_SCALE);
			size_t e = j + 1 + k;
			if (e < c->n && c->cp[e] == sep && e + 1 < c->n && is_digit_cp(c->cp[e + 1])) {
				size_t k2 = arabic(c, f, len, e + 1, &x);
				if (k2 && x % PS_DEC_SCALE == 0 && x / PS_DEC_SCALE >= 1 && x / PS_DEC_SCALE <= 31) {
					*d = (int32_t)(x / PS_DEC_SCALE);
					return e + 1 + k2 - i;
				}
			}
			return e - i;
		}
		return 0;
	}
	if (iv >= 1900 && iv <= 2100 && j < c->n && c->cp[j] == 0x5E74 /* 年 */) {
		*y = (int32_t)iv;
		j++;
		if (j < c->n && (c->cp[j] == 0x5E95 || c->cp[j] == 0x672B)) { /* 年底 年末 */
			*m = 12;
			*d = 31;
			return j + 1 - i;
		}
		if (j < c->n && is_digit_cp(c->cp[j]) && (k = arabic(c, f, len, j, &x)) &&
		    x % PS_DEC_SCALE == 0 && j + k < c->n && c->cp[j + k] == 0x6708 /* 月 */) {
			iv = x / PS_DEC_SCALE;
			j += k;
		} else {
			return j - i; /* a year alone: 2026年 */
		}
	} else if (!(j < c->n && c->cp[j] == 0x6708)) {
		return 0;
	}
	/* at 月 with iv the month */
	if (iv < 1 || iv > 12)
		return 0;
	*m = (int32_t)iv;
	j++;
	if (j < c->n && is_digit_cp(c->cp[j]) && (k = arabic(c, f, len, j, &x)) && x % PS_DEC_SCALE == 0 &&
	    j + k < c->n && (c->cp[j + k] == 0x65E5 || c->cp[j + k] == 0x53F7)) { /* 日 号 */
		*d = (int32_t)(x / PS_DEC_SCALE);
		return j + k + 1 - i;
	}
	if (j < c->n && (c->cp[j] == 0x5E95 || c->cp[j] == 0x672B)) /* 月底 月末 */
		return j + 1 - i;
	if (j < c->n && c->cp[j] == 0x4EFD) /* 月份 */
		return j + 1 - i;
	return j - i;
}

void ps_rule_lex(ps_toks *t, const char *text, size_t len)
{
	pthread_once(&ix_once, build_indexes);
	memset(t, 0, sizeof *t);
	cps c = {ps_xmalloc((len + 1) * sizeof(int32_t)), ps_xmalloc((len + 1) * sizeof(uint32_t)), 0};
	/* no fold lengthens a code point; an invalid byte becomes U+FFFD, 3 bytes */
	char *f = ps_xmalloc(3 * len + 1);
	size_t fn = 0, i = 0;
	while (i < len) {
		int32_t cp = (unsigned char)text[i];
		if (cp < 0x80) {
			i++; /* ASCII folds to itself */
		} else {
			int k = decode(text + i, len - i, &cp);
			if (k <= 0) {
				cp = 0xFFFD;
				k = 1;
			}
			i += (size_t)k;
			cp = ps_fold_cp(cp);
		}
		if (cp == '\r' || cp == '\t' || cp == 0xA0)
			cp = ' ';
		c.bofs[c.n] = (uint32_t)fn;
		c.cp[c.n++] = cp;
		if (cp < 0x80)
			f[fn++] = (char)cp;
		else
			fn += (size_t)ps_utf8_encode(cp, f + fn);
	}
	f[fn] = '\0';
	c.bofs[c.n] = (uint32_t)fn;
	t->folded = f;
	t->len = fn;

	size_t j = 0;
	while (j < c.n) {
		int32_t cp = c.cp[j];
		if (cp == ' ') {
			j++;
			continue;
		}
		size_t l = 0;
		ps_dec v;
		/* numbers, dates, and units right after them */
		if (is_digit_cp(cp) && (l = arabic(&c, t->folded, t->len, j, &v)) > 0) {
			int32_t y, m, d;
			size_t dl = date_at(&c, t->folded, t->len, j, v, l, &y, &m, &d);
			bool month_word = dl && y == 0 && (prev_is(t, T_EACH) || prev_is(t, T_LATE) ||
			                                    prev_is(t, T_LESS) || prev_is(t, T_MORE));
			if (dl && !month_word && (y || m)) {
				ps_tok *tk = push(t, T_DATE, &c, j, dl);
				tk->y = y;
				tk->m = m;
				tk->d = d;
				j += dl;
				continue;
			}
			ps_tok *tk = push(t, T_NUM, &c, j, l);
			tk->v = v;
			j += l;
			goto unit;
		}
		if ((l = cn_number(&c, j, &v)) > 0) {
			/* a Chinese numeral only where no lexicon word starts here (一般) */
			size_t wl;
			longest(lexicon, &c, j, &wl);
			if (wl <= l || wl == 0) {
				ps_tok *tk = push(t, T_NUM, &c, j, l);
				tk->v = v;
				tk->sub = 1; /* written in Chinese numerals */
				j += l;
				goto unit;
			}
		}
		if (cp == 0x534A /* 半 */ && j + 1 < c.n) {
			size_t ul;
			const lexent *u = longest(units, &c, j + 1, &ul);
			if (u && (u->k == T_FEN || u->k == T_TUNIT || u->k == T_CUNIT)) {
				ps_tok *tk = push(t, T_NUM, &c, j, 1);
				tk->v = PS_DEC_SCALE / 2;
				j++;
				goto unit;
			}
		}
		/* 百分之九十 → 90 % */
		if (cp == 0x767E && j + 3 < c.n && c.cp[j + 1] == 0x5206 && c.cp[j + 2] == 0x4E4B) {
			size_t nl = is_digit_cp(c.cp[j + 3]) ? arabic(&c, t->folded, t->len, j + 3, &v)
			                                     : cn_number(&c, j + 3, &v);
			if (nl) {
				ps_tok *tk = push(t, T_NUM, &c, j, 3 + nl);
				tk->v = v;
				push(t, T_PCT, &c, j + 3 + nl, 0);
				j += 3 + nl;
				continue;
			}
		}
		{
			const lexent *e = longest(lexicon, &c, j, &l);
			/* 加 is a bonus only before a number (加5分), else a word (加强) */
			if (e && e->k == T_BONUS && e->sub == 1) {
				size_t q = j + l;
				while (q < c.n && c.cp[q] == ' ')
					q++;
				if (!(q < c.n && (is_digit_cp(c.cp[q]) || cn_digit(c.cp[q]) >= 0)))
					e = NULL;
			}
			if (e) {
				ps_tok *tk = push(t, e->k, &c, j, l);
				tk->sub = e->sub;
				tk->typo = e->typo;
				if (e->k == T_CMP)
					tk->v = e->mult; /* 1: "reach" words (达到, 未达到) */
				j += l;
				if (e->k == T_EACH)
					goto unit; /* 每次, 每个, 每项 */
				continue;
			}
		}
		/* 内 after a number or unit: 3个月内 */
		if (cp == 0x5185 && t->n > 0) {
			ps_tkind pk = t->v[t->n - 1].k;
			if (pk == T_NUM || pk == T_CUNIT || pk == T_TUNIT || pk == T_PCT) {
				ps_tok *tk = push(t, T_POST, &c, j, 1);
				tk->sub = PS_CMP_LE;
				j++;
				continue;
			}
		}
		push(t, T_WORD, &c, j, 1);
		j++;
		continue;
	unit:
		while (j < c.n && c.cp[j] == ' ')
			j++;
		if (j < c.n) {
			size_t ul;
			const lexent *u = longest(units, &c, j, &ul);
			/* 分钟 before 分, and 分值/分别 are not points */
			size_t wl;
			const lexent *w = longest(lexicon, &c, j, &wl);
			if (u && !(w && wl > ul && w->k != T_FULL)) {
				ps_tok *tk = push(t, u->k, &c, j, ul);
				tk->sub = u->sub;
				tk->v = PS_DEC(u->mult ? u->mult : 1); /* weeks, quarters: multiplier */
				j += ul;
			}
		}
	}
	/* a sentinel */
	push(t, T_END, &c, c.n, 0);
	free(c.cp);
	free(c.bofs);
}

void ps_toks_dispose(ps_toks *t)
{
	free(t->folded);
	free(t->v);
	memset(t, 0, sizeof *t);
}
