#!/usr/bin/env python3
"""gen.py: generate large, realistic perfscore inputs for the benchmark.

Writes targets.csv (绩效目标表, many units, 12 indicators each, points summing
to 100, merged cells exported as blanks) and actuals.csv (one actual value per
indicator, rows in shuffled order). Deterministic for a given --seed.
Python 3 standard library only.

    python3 bench/gen.py --units 100000 --seed 1 --out bench/out/u100000-s1
"""

import argparse
import csv
import json
import os
import random
import sys

YEAR = 2026  # the budget year of the seed example

TARGET_HEADER = ["单位编码", "单位名称", "一级指标", "二级指标", "三级指标", "指标值类型",
                 "指标值", "计量单位", "指标解释", "评（扣）分标准", "分值"]
ACTUAL_HEADER = ["单位编码", "一级指标", "二级指标", "三级指标", "实际完成值"]

# --- names -------------------------------------------------------------------

PLACES = {"衡阳市": ["常宁市", "耒阳市", "衡南县", "衡东县", "祁东县", "珠晖区", "雁峰区"],
          "长沙市": ["浏阳市", "宁乡市", "长沙县", "望城区", "岳麓区", "芙蓉区", "天心区"],
          "株洲市": ["醴陵市", "攸县", "茶陵县", "炎陵县", "芦淞区", "荷塘区"],
          "湘潭市": ["湘乡市", "韶山市", "湘潭县", "雨湖区", "岳塘区"],
          "邵阳市": ["隆回县", "武冈市", "新宁县", "邵东市", "洞口县", "双清区"],
          "岳阳市": ["汨罗市", "临湘市", "华容县", "平江县", "湘阴县", "岳阳楼区"],
          "常德市": ["澧县", "桃源县", "汉寿县", "石门县", "津市市", "武陵区"],
          "益阳市": ["沅江市", "桃江县", "安化县", "南县", "赫山区"],
          "郴州市": ["资兴市", "宜章县", "桂阳县", "永兴县", "北湖区", "苏仙区"],
          "永州市": ["祁阳市", "道县", "江华瑶族自治县", "宁远县", "零陵区"],
          "怀化市": ["洪江市", "沅陵县", "溆浦县", "芷江侗族自治县", "鹤城区"],
          "娄底市": ["涟源市", "冷水江市", "新化县", "双峰县", "娄星区"],
          "宜昌市": ["枝江市", "当阳市", "宜都市", "远安县", "夷陵区"],
          "南充市": ["阆中市", "南部县", "仪陇县", "营山县", "顺庆区"],
          "曲靖市": ["宣威市", "陆良县", "师宗县", "罗平县", "麒麟区"],
          "赣州市": ["瑞金市", "龙南市", "于都县", "兴国县", "南康区", "章贡区"]}
DEPTS = ["生态环境局{c}分局", "教育局", "财政局", "卫生健康局", "农业农村局", "水利局",
         "交通运输局", "民政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局",
         "文化旅游广电体育局", "市场监督管理局", "应急管理局", "林业局", "医疗保障局",
         "退役军人事务局", "司法局", "统计局", "审计局", "乡村振兴局", "城市管理和综合执法局",
         "第一中学", "人民医院", "疾病预防控制中心", "妇幼保健院", "公路建设养护中心",
         "社会保险服务中心", "农业技术推广中心", "档案馆"]

EXPLAIN = [
    "按时按质完成上级部门下达的目标任务",
    "继续抓好各级各类交办、反馈问题整改",
    "通过项目的实施，确保强化管理，利于政府科学决策，保障各项工作进展顺利",
    "不断细化规范“双随机”抽查，提升监管信息化水平，提升监管效能和精准化",
    "严格执行预算，控制项目成本，杜绝超支、挪用等情况",
    "按照年度工作计划组织实施，确保在规定时限内完成",
    "反映项目实施对经济社会发展产生的直接或间接影响",
    "反映服务对象对项目实施效果的满意程度，通过问卷调查获取",
    "完成率=实际完成数/计划完成数×100%",
    "覆盖率=已覆盖对象数/应覆盖对象总数×100%",
    "加强基础设施建设和长效管护机制，确保项目持续发挥效益",
    "开展农村生活污水治理，改善农村人居环境，推进污染减排",
    "主动服务重大项目建设，当好参谋，引导绿色低碳发展",
    "以第三方评估报告或主管部门验收意见为准",
    "以财务决算数据和会计凭证为准，金额单位：万元",
    "按照《预算绩效管理办法》有关要求开展绩效自评",
    "群众知晓率通过入户走访和电话抽查方式测算",
    "考核期内未发生重大安全责任事故和负面舆情",
]

CITY_LIST = sorted(PLACES)

THINGS = ["生态环境", "教学秩序", "医疗服务", "饮水安全", "道路通行", "社会稳定", "公共服务"]
SYSTEMS = ["内部控制制度", "财务管理制度", "项目管理制度", "绩效管理制度", "安全生产责任制",
           "档案管理制度", "资金监管机制"]


def fmt(x):
    """A number as a table writes it: no trailing zeros, no exponent."""
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s if s != "-0" else "0"


def thousands(x, decimals=0):
    """1234567.5 -> '1,234,567.50' (Chinese tables keep Western separators)."""
    return format(x, ",.%df" % decimals)


def half(x):
    """Round to the nearest 0.5, at least 0.5."""
    return max(0.5, round(x * 2) / 2)


# --- indicator kinds -----------------------------------------------------------
#
# Each kind knows its indicator names, how a target is written, the rule
# templates of its corpus families, and how an actual value is written.
# A template returns the rule text; `ind` carries what it needs.

PCT_NAMES = ["整改完成率", "目标任务完成率", "生态环境监管执法覆盖率", "验收合格率",
             "资金拨付准确率", "监测数据有效率", "项目完工率", "档案归档率", "设备完好率",
             "培训合格率", "政策知晓率", "信息公开率", "问题办结率", "任务完成率",
             "巡查覆盖率", "数据上报准确率", "群众知晓率", "应急处置及时率"]
SAT_NAMES = ["服务对象满意度", "群众满意度", "企业满意度", "学生及家长满意度", "患者满意度",
             "通过项目实施，民众对生态环境满意度上升"]
# (name, unit, typical target): targets are drawn from a small pool per name,
# so rule texts that quote the target repeat across units as in real tables.
COUNT_NAMES = [("开展培训人次", "人次", 2000), ("检查企业户数", "户", 300), ("监测点位数", "个", 40),
               ("举办宣传活动场次", "场", 12), ("发放补助户数", "户", 5000), ("新建改造道路里程", "公里", 60),
               ("巡查次数", "次", 200), ("服务群众人数", "人", 20000), ("完成项目个数", "个", 8),
               ("受理案件件数", "件", 500), ("签约家庭户数", "户", 10000), ("造林面积", "亩", 3000)]
COST_NAMES = ["项目成本控制", "单位运行成本", "项目支出总额", "公用经费支出", "设备购置成本",
              "会议及培训费支出"]
RATE_LE_NAMES = ["预算控制率", "“三公”经费变动率", "新建楼堂馆所面积控制率", "成本超支率"]
DATE_NAMES = ["各项工作完成时限", "项目完成时间", "资金拨付时限", "验收完成时间", "年度报告报送时间"]
# (name, unit, comparator, target, which rule template)
ITEM_NAMES = [("安全责任事故发生数", "起", "≤", "0", "incident"), ("违规违纪问题次数", "次", "≤", "0", "max"),
              ("重点任务完成情况", "", "定性", "全部完成", "task"), ("督办事项办结情况", "", "定性", "按期办结", "task")]
GRADE_NAMES = ["打好污染防治攻坚战，持续改善生态环境质量", "促进地方经济发展", "带动群众增收效果",
               "公共服务水平提升", "社会治安环境改善", "教育教学质量提升", "医疗服务能力提升",
               "农村人居环境改善", "项目长效运行机制"]
BIN_NAMES = ["为社会发展和人民生存保障良好的生态环境", "保障单位正常运转", "促进产业发展",
             "制度建设完善", "资金使用合规性", "项目持续发挥效益", "安全生产形势稳定"]
MANUAL_NAMES = ["社会效益发挥情况", "对行业发展的示范带动作用", "可持续影响", "生态效益发挥情况",
                "档案资料规范性"]


def label(ind):
    """How a rule names its indicator: long names are shortened."""
    if len(ind["name"]) <= 8:
        return ind["name"]
    return "满意度" if ind["kind"] == "sat" else "完成率"


def t_pct_step(rng, ind):
    s = rng.choice([1, 1, 1, 2, 5])
    d = rng.choice([0.5, 1, 1, 2])
    lead = rng.choice(["", "", "以年度考核结果为准，"])
    if ind["name"] == "整改完成率" and rng.random() < 0.5:
        lead = "检查发现的问题是否完成整改，"
    tail = rng.choice(["，扣完为止", "，扣完为止", "", "，扣完为止。"])
    verb = rng.choice(["达到", "达", ""])
    return "%s%s%s%s%%得满分，每下降%s%%扣%s分%s" % (lead, label(ind), verb, fmt(ind["T"]), fmt(s), fmt(d), tail)


def t_pct_pp(rng, ind):
    return "%s%%以上得满分，每降低%s个百分点扣%s分" % (
        fmt(ind["T"]), rng.choice(["1", "1", "2"]), fmt(rng.choice([0.5, 1, 2])))


def t_pct_max(rng, ind):
    m = half(ind["points"] * rng.choice([0.5, 0.6, 0.8]))
    return "完成率达%s%%得满分，每低于%s%%扣%s分，最多扣%s分" % (
        fmt(ind["T"]), rng.choice(["1", "2"]), fmt(rng.choice([0.5, 1])), fmt(m))


def t_pct_tier2(rng, ind):
    a = ind["T"]
    b = a - rng.choice([5, 10])
    x = half(ind["points"] * rng.choice([0.6, 0.8]))
    return "≥%s%%得满分；%s%%（含）-%s%%得%s分；低于%s%%不得分" % (fmt(a), fmt(b), fmt(a), fmt(x), fmt(b))


def t_pct_tier3(rng, ind):
    a = ind["T"]
    b = a - 5
    c = a - rng.choice([10, 15])
    x = half(ind["points"] * 0.8)
    y = half(ind["points"] * 0.5)
    return "达到%s%%及以上得满分，%s%%-%s%%得%s分，%s%%-%s%%得%s分，%s%%以下不得分" % (
        fmt(a), fmt(b), fmt(a), fmt(x), fmt(c), fmt(b), fmt(y), fmt(c))


def t_prop(rng, ind):
    return rng.choice(["按完成比例计分", "得分=实际完成值/指标值×分值",
                       "完成年度目标任务的，满分；未完成的，按完成比例得分"])


def t_pct_only_full(rng, ind):
    return "%s达到%s%%得%s分" % (label(ind), fmt(ind["T"]), fmt(ind["points"]))


def t_pct_below(rng, ind):
    return "未达到%s%%的，每降低1个百分点扣%s分，扣完为止" % (fmt(ind["T"]), fmt(rng.choice([0.5, 1, 2])))


def t_cnt_step(rng, ind):
    u = ind["unit"]
    return "完成%s%s得满分，每少%s%s扣%s分，扣完为止" % (
        ind["T_text"], u, fmt(ind["step"]), u, fmt(rng.choice([0.5, 1, 2])))


def t_cnt_step2(rng, ind):
    u = ind["unit"]
    return "达到%s%s及以上得满分，每减少%s%s扣%s分" % (
        ind["T_text"], u, fmt(ind["step"]), u, fmt(rng.choice([0.5, 1])))


def t_cnt_tier(rng, ind):
    u = ind["unit"]
    b = max(1, int(ind["T"] * rng.choice([0.8, 0.9])))
    b = thousands(b) if "," in ind["T_text"] else fmt(b)
    x = half(ind["points"] * 0.6)
    return "完成%s%s以上得满分；%s%s（含）-%s%s得%s分；低于%s%s不得分" % (
        ind["T_text"], u, b, u, ind["T_text"], u, fmt(x), b, u)


def t_cost_step(rng, ind):
    return "控制在%s万元以内得满分，每超出%s%%扣%s分，扣完为止" % (
        ind["T_text"], rng.choice(["1", "5", "10"]), fmt(rng.choice([0.5, 1, 2])))


def t_cost_over(rng, ind):
    return "不超过预算得满分，每超支%s%%扣%s分" % (rng.choice(["1", "2", "5"]), fmt(rng.choice([0.5, 1])))


def t_rate_le_step(rng, ind):
    return "%s%%以下（含）计满分，每超出%s%%扣%s分，扣完为止" % (
        fmt(ind["T"]), rng.choice(["1", "5"]), fmt(rng.choice([1, 2])))


def t_rate_le_tier(rng, ind):
    a = ind["T"]
    b = a + rng.choice([5, 10])
    x = half(ind["points"] * 0.6)
    return "%s≤%s%%，计满分；%s%%-%s%%（含），计%s分；大于%s%%不得分" % (
        label(ind), fmt(a), fmt(a), fmt(b), fmt(x), fmt(b))


def t_date_month(rng, ind):
    y, m, d = ind["date"]
    return "%d年%d月%d日前完成得满分，每延迟1个月扣%s分" % (y, m, d, fmt(rng.choice([1, 2, 3])))


def t_date_day(rng, ind):
    return "按时完成得满分，每推迟%s天扣%s分，扣完为止" % (rng.choice(["5", "10", "15"]), fmt(rng.choice([0.5, 1])))


def t_item_seed(rng, ind):
    return "按时完成记%s分，未完成工作每增加一项扣%s分" % (fmt(ind["points"]), fmt(rng.choice([0.5, 1, 2])))


def t_item(rng, ind):
    form = ind["form"]
    if form == "incident":
        return "每发生一起安全责任事故扣%s分，扣完为止" % fmt(rng.choice([1, 2, 5]))
    if form == "max":
        return "每出现一次违规违纪问题扣%s分，最多扣%s分" % (fmt(rng.choice([0.5, 1, 2])), fmt(ind["points"]))
    return "每有一项未完成扣%s分" % fmt(rng.choice([0.5, 1, 2]))


def t_grade4(rng, ind):
    return "效果优秀得满分，效果良好得%s分，效果一般得%s分，效果差不得分" % (
        fmt(half(ind["points"] * 0.8)), fmt(half(ind["points"] * 0.6)))


def t_grade3(rng, ind):
    return "改善效果优秀得满分，效果一般得%s分，效果差不得分" % fmt(half(ind["points"] * 0.9))


def t_grade_expect(rng, ind):
    return "达成预期指标得满分，部分达成预期指标得%s分，未达成预期指标不得分" % fmt(half(ind["points"] * 0.7))


def t_grade_share(rng, ind):
    share = rng.choice(["80", "60"])
    if rng.random() < 0.75:
        return "达成预期指标得满分，部分达成预期指标得该项分值的%s%%，未达成预期指标不得分" % share
    return "达到预期得满分，基本达到得该项分值的%s%%，未达到不得分" % share


def t_bin_done(rng, ind):
    return rng.choice(["完成得满分，未完成不得分", "按时完成得满分，未完成不得分"])


def t_bin_thing(rng, ind):
    return "保障良好%s得满分" % rng.choice(THINGS)


def t_bin_system(rng, ind):
    return "按规定建立%s的得%s分，否则不得分" % (rng.choice(SYSTEMS), fmt(ind["points"]))


def t_bin_effective(rng, ind):
    return "有效保障得满分，否则不得分"


def t_manual(rng, ind):
    return rng.choice(["未达到目标值的，视情况酌情扣分", "未达指标值酌情扣分",
                       "根据%s情况酌情扣分，最多扣%s分" % (rng.choice(["工作开展", "资料完整", "实施效果"]),
                                                   fmt(ind["points"]))])


KINDS = {
    # kind: (rule templates with weights, what the actual looks like)
    "pct": [(t_pct_step, 5), (t_pct_pp, 2), (t_pct_max, 2), (t_pct_tier2, 2), (t_pct_tier3, 1),
            (t_prop, 1), (t_pct_only_full, 1), (t_pct_below, 1)],
    "sat": [(t_pct_step, 3), (t_pct_tier2, 2), (t_pct_only_full, 1), (t_pct_pp, 1)],
    "count": [(t_cnt_step, 3), (t_cnt_step2, 2), (t_cnt_tier, 1), (t_prop, 1)],
    "cost": [(t_cost_step, 3), (t_cost_over, 1)],
    "rate_le": [(t_rate_le_step, 2), (t_rate_le_tier, 1)],
    "date": [(t_date_month, 2), (t_date_day, 1)],
    "item_seed": [(t_item_seed, 1)],
    "item": [(t_item, 1)],
    "grade": [(t_grade4, 2), (t_grade3, 2), (t_grade_expect, 2), (t_grade_share, 1)],
    "binary": [(t_bin_done, 1), (t_bin_thing, 2), (t_bin_system, 1), (t_bin_effective, 1)],
    "manual": [(t_manual, 1)],
}

# Slots a 二级 category can hold: kinds with weights.
SLOT_KINDS = {
    "数量指标": [("count", 4), ("pct", 1)],
    "质量指标": [("pct", 1)],
    "时效指标": [("date", 3), ("item_seed", 2), ("pct", 1)],
    "成本指标": [("cost", 2), ("rate_le", 1)],
    "经济成本指标": [("cost", 2), ("rate_le", 1)],
    "经济效益指标": [("grade", 3), ("binary", 1)],
    "社会效益指标": [("binary", 6), ("grade", 4), ("item", 2), ("manual", 1)],
    "生态效益指标": [("binary", 3), ("grade", 1)],
    "可持续影响指标": [("binary", 4), ("grade", 2), ("manual", 1)],
    "服务对象满意度指标": [("sat", 1)],
}

# Table layouts: (一级, 二级, number of indicators, base points each).
# Both hold 12 indicators; the points add up to 100.
LAYOUTS = [
    [("成本指标", "经济成本指标", 1, 10), ("成本指标", "社会成本指标", 0, 0),
     ("成本指标", "生态环境成本指标", 0, 0),
     ("产出指标", "数量指标", 2, 10), ("产出指标", "质量指标", 2, 10), ("产出指标", "时效指标", 1, 10),
     ("效益指标", "经济效益指标", 1, 5), ("效益指标", "社会效益指标", 2, 5),
     ("效益指标", "生态效益指标", 1, 5), ("效益指标", "可持续影响指标", 1, 5),
     ("满意度指标", "服务对象满意度指标", 1, 15)],
    [("产出指标", "数量指标", 3, 10), ("产出指标", "质量指标", 2, 10), ("产出指标", "时效指标", 1, 5),
     ("产出指标", "成本指标", 1, 5),
     ("效益指标", "经济效益指标", 0, 0), ("效益指标", "社会效益指标", 2, 10),
     ("效益指标", "可持续影响指标", 1, 10),
     ("满意度指标", "服务对象满意度指标", 2, 5)],
]


assert all(sum(n * p for _, _, n, p in lay) == 100 and sum(n for _, _, n, _ in lay) == 12
           for lay in LAYOUTS), "each layout must hold 12 indicators worth 100 points"


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    r = rng.random() * total
    for v, w in pairs:
        r -= w
        if r < 0:
            return v
    return pairs[-1][0]


def spread_points(rng, base):
    """Move points between indicators in steps of 5 (sometimes 2.5), keeping
    each at least 5 and the sum at 100, so units differ like real tables."""
    pts = list(base)
    for _ in range(rng.randint(0, 4)):
        i, j = rng.randrange(len(pts)), rng.randrange(len(pts))
        step = 2.5 if rng.random() < 0.15 else 5
        if i != j and pts[i] - step >= 5:
            pts[i] -= step
            pts[j] += step
    return pts


COUNT_SCALE = [0.5, 0.6, 0.75, 0.8, 1, 1, 1, 1.2, 1.25, 1.5, 2, 3]
# Budget amounts in 万元 (the seed has 25.50 and 2,051.95): a fixed pool.
_cost_rng = random.Random(20260101)
COST_POOL = sorted(round(_cost_rng.uniform(20, 8000), 2) for _ in range(150))


def round_nice(x):
    """Round a count to what a plan would state: 2 significant digits."""
    x = max(2, int(x))
    p = 10 ** max(0, len(str(x)) - 2)
    return x // p * p


def make_indicator(rng, kind, used):
    """Name, comparator, target and unit of one indicator of a kind."""
    ind = {"kind": kind}
    if kind in ("pct", "sat"):
        name = rng.choice(SAT_NAMES if kind == "sat" else PCT_NAMES)
        T = rng.choice([100, 100, 100, 98, 95, 90] if kind == "pct" else [95, 90, 90, 85, 100])
        ind.update(name=name, T=T, T_text=fmt(T), unit="%",
                   cmp=rng.choice(["≥"] * 16 + ["≧", ">=", "="]))
    elif kind == "count":
        name, unit, mag = rng.choice(COUNT_NAMES)
        T = round_nice(mag * rng.choice(COUNT_SCALE))
        step = 1 if T < 50 else (10 if T < 1000 else 100)
        ind.update(name=name, T=T, T_text=thousands(T) if T >= 1000 and rng.random() < 0.7 else str(T),
                   unit=unit, step=step, cmp="≥")
    elif kind == "cost":
        T = rng.choice(COST_POOL)
        ind.update(name=rng.choice(COST_NAMES), T=T,
                   T_text=thousands(T, 2) if T >= 1000 else "%.2f" % T, unit="万元", cmp="≤")
    elif kind == "rate_le":
        name = rng.choice(RATE_LE_NAMES)
        T = 100 if "控制率" in name else rng.choice([0, 5, 10])
        ind.update(name=name, T=T, T_text=fmt(T), unit="%", cmp="≤")
    elif kind == "date":
        m, d = rng.choice([(12, 31), (12, 31), (11, 30), (10, 31), (6, 30), (9, 30)])
        ind.update(name=rng.choice(DATE_NAMES), date=(YEAR, m, d),
                   T_text="%d年%d月%d日前" % (YEAR, m, d), unit="", cmp="定性")
    elif kind == "item_seed":
        ind.update(name=rng.choice(DATE_NAMES), T_text="%d年12月31日前" % YEAR, unit="", cmp="定性")
    elif kind == "item":
        name, unit, cmp, tt, form = rng.choice(ITEM_NAMES)
        ind.update(name=name, T_text=tt, unit=unit, cmp=cmp, form=form)
    elif kind == "grade":
        ind.update(name=rng.choice(GRADE_NAMES), T_text=rng.choice(["优秀", "达成预期指标", "显著提升"]),
                   unit="", cmp="定性")
    elif kind == "binary":
        tt = rng.choice(["100", "是", "有效保障"])
        ind.update(name=rng.choice(BIN_NAMES), T_text=tt, unit="%" if tt == "100" else "",
                   cmp="≥" if tt == "100" else "定性")
    else:  # manual
        ind.update(name=rng.choice(MANUAL_NAMES), T_text=rng.choice(["有效", "显著", "达成预期指标"]),
                   unit="", cmp="定性")
    # Names are unique within a 二级; across 二级 a repeat is fine (the seed has one).
    base, n = ind["name"], 2
    while ind["name"] in used:
        ind["name"] = "%s（%d）" % (base, n)
        n += 1
    used.add(ind["name"])
    return ind


def make_actual(rng, ind):
    """The actual value as people type it into actuals.csv."""
    kind, tmpl = ind["kind"], ind["tmpl"]
    r = rng.random()
    if kind in ("pct", "sat"):
        v = ind["T"] if r < 0.7 else max(0, ind["T"] - rng.choice([0.5, 1, 2, 3, 4.5, 6, 8, 12, 20]))
        if r > 0.95 and ind["T"] < 100:
            v = min(100, ind["T"] + rng.choice([1, 2, 3]))
        return fmt(v) + ("%" if rng.random() < 0.8 else "")
    if kind == "count":
        v = ind["T"] if r < 0.6 else int(ind["T"] * rng.uniform(0.8, 1.2))
        s = thousands(v) if v >= 1000 and rng.random() < 0.5 else str(v)
        return s + (ind["unit"] if rng.random() < 0.4 else "")
    if kind == "cost":
        v = ind["T"] * (rng.uniform(0.85, 1.0) if r < 0.7 else rng.uniform(1.0, 1.15))
        return thousands(v, 2) if v >= 1000 and rng.random() < 0.6 else "%.2f" % v
    if kind == "rate_le":
        v = ind["T"] - rng.uniform(0, 3) if r < 0.7 else ind["T"] + rng.choice([1, 2, 4, 7, 12])
        return fmt(max(0, round(v, 1))) + "%"
    if kind == "date":
        y, m, d = ind["date"]
        if r < 0.7:
            m, d = max(1, m - rng.randint(0, 2)), rng.randint(1, 28)
        else:
            m += rng.randint(1, 3)
            if m > 12:
                y, m = y + 1, m - 12
            d = rng.randint(1, 28)
        return "%d-%02d-%02d" % (y, m, d) if rng.random() < 0.5 else "%d年%d月%d日" % (y, m, d)
    if kind == "item_seed" or ind.get("form") == "task":
        k = 0 if r < 0.6 else rng.randint(1, 4)
        return "按时完成" if k == 0 and tmpl is t_item_seed else ("未完成%d项" % k if rng.random() < 0.6 else str(k))
    if kind == "item":
        k = 0 if r < 0.75 else rng.randint(1, 3)
        return str(k) if rng.random() < 0.7 else "%d%s" % (k, ind["unit"] or "次")
    if kind == "grade":
        if tmpl is t_grade_share and ind["rule"].startswith("达到预期"):
            return weighted(rng, [("达到预期", 7), ("基本达到", 2), ("未达到", 1)])
        if tmpl in (t_grade_expect, t_grade_share):
            return weighted(rng, [("达成预期指标", 7), ("部分达成预期指标", 2), ("未达成预期指标", 1)])
        if tmpl is t_grade4:
            return weighted(rng, [("优秀", 6), ("良好", 2), ("一般", 1), ("差", 1)])
        return weighted(rng, [("优秀", 7), ("一般", 2), ("差", 1)])
    if kind == "binary":
        ok = r < 0.9
        if tmpl is t_bin_done:
            return "完成" if ok else "未完成"
        return rng.choice(["是", "达成预期指标"]) if ok else rng.choice(["否", "未达成预期指标"])
    return rng.choice(["达成预期指标", "基本完成", "较好"])  # manual


def unit_rows(rng, code, name, repeat_level2):
    """The target rows of one unit, with merged cells left blank."""
    layout = rng.choice(LAYOUTS)
    slots = []
    for l1, l2, n, p in layout:
        if n == 0:
            if rng.random() < 0.4:  # an empty category row, as published tables have
                slots.append((l1, l2, None, 0))
            continue
        for _ in range(n):
            slots.append((l1, l2, None, p))
    points = spread_points(rng, [p for _, _, k, p in slots if p])
    rows, inds = [], []
    last1 = last2 = None
    used = {}
    pi = 0
    for l1, l2, _, p in slots:
        first = not rows
        c1 = l1 if l1 != last1 else ""
        c2 = l2 if (l2 != last2 or l1 != last1 or repeat_level2) else ""
        if p == 0:
            rows.append([code if first else "", name if first else "", c1, c2] + [""] * 7)
        else:
            kind = weighted(rng, SLOT_KINDS.get(l2, [("binary", 1)]))
            ind = make_indicator(rng, kind, used.setdefault(l2, set()))
            ind["points"] = points[pi]
            pi += 1
            tmpl = weighted(rng, KINDS[kind])
            ind["tmpl"] = tmpl
            rule = ind["rule"] = tmpl(rng, ind)
            explain = "" if rng.random() < 0.15 else "，".join(rng.sample(EXPLAIN, rng.choice([1, 1, 2])))
            rows.append([code if first else "", name if first else "", c1, c2, ind["name"], ind["cmp"],
                         ind["T_text"], ind["unit"], explain, rule, fmt(ind["points"])])
            inds.append((l1, l2, ind))
        last1, last2 = l1, l2
    return rows, inds


def generate(units, seed, out_dir):
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    width = max(6, len(str(units)))
    actuals = []
    rules = set()
    n_ind = 0
    tpath = os.path.join(out_dir, "targets.csv")
    with open(tpath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["整体支出绩效目标表"] + [""] * 10)
        w.writerow(["金额单位：万元"] + [""] * 10)
        w.writerow(TARGET_HEADER)
        for i in range(units):
            code = "%0*d" % (width, i + 1)
            city = rng.choice(CITY_LIST)
            county = rng.choice(PLACES[city])
            dept = rng.choice(DEPTS).replace("{c}", county[:2])
            uname = city + county + dept
            rows, inds = unit_rows(rng, code, uname, rng.random() < 0.3)
            w.writerows(rows)
            for l1, l2, ind in inds:
                actuals.append([code, l1, l2, ind["name"], make_actual(rng, ind)])
            for r in rows:
                if r[9]:
                    rules.add(r[9])
            n_ind += len(inds)
    rng.shuffle(actuals)
    apath = os.path.join(out_dir, "actuals.csv")
    with open(apath, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(ACTUAL_HEADER)
        w.writerows(actuals)
    meta = {"units": units, "seed": seed, "indicators": n_ind,
            "distinct_rules": len(rules),
            "targets_bytes": os.path.getsize(tpath), "actuals_bytes": os.path.getsize(apath)}
    with open(os.path.join(out_dir, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    return meta


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate benchmark inputs for perfscore.")
    ap.add_argument("--units", type=int, default=100000, help="number of units (default 100000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", default="bench/out/gen", help="output directory")
    args = ap.parse_args(argv)
    if args.units < 1:
        ap.error("--units must be at least 1")
    meta = generate(args.units, args.seed, args.out)
    print(json.dumps(meta, ensure_ascii=False), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
