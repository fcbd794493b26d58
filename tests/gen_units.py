#!/usr/bin/env python3
"""gen_units.py: write a many-unit targets table and its actuals, and score
them here, independently of perfscore, from the rules' plain meaning.

Deterministic (fixed seed). Each unit has ten indicators (nine for one unit in
ten, whose points then add up to 90): percent and count shortfalls, a cost
overrun on a reverse (反向) indicator, tiers, grades, failed items,
proportional scoring, the national default (no rule), and one name used twice
under different 二级 (matched by 一级/二级). Targets are written the way Excel
exports merged cells (unit and 一级 blank below their first row); the actual
rows of all units are shuffled together. Some actuals read 不适用, some
indicators get no actual row, and a few actual rows name nothing (unmatched).

usage: gen_units.py OUTDIR [UNITS]   writes targets.csv, actuals.csv,
                                      expected.json into OUTDIR
"""
import csv
import json
import os
import random
import sys
from fractions import Fraction as F

SEED = 20250101


def round2(x):
    """Half-up (四舍五入) to 2 decimals, exactly; scores are never negative."""
    return F(int(F(x) * 100 + F(1, 2)), 100)


def clamp(x, p):
    return min(max(F(x), F(0)), F(p))


def num(x):
    """A Fraction as the shortest decimal text ("12", "93.5")."""
    x = F(x)
    if x.denominator == 1:
        return str(x.numerator)
    s = f"{float(x):.6f}".rstrip("0").rstrip(".")
    assert F(s) == x, (s, x)
    return s


# Each kind: (level1, level2, name, points) and a function that, given the
# random source, returns (type, target text, unit, rule text, actual text,
# exact score before rounding).

def k_pct(rnd, p):
    t = rnd.choice([95, 98, 100])
    k = rnd.choice([F(1, 2), F(1), F(2)])
    a = F(t) - F(rnd.randint(-20, 150), 10)
    a = min(a, F(100))
    s = p if a >= t else clamp(p - k * (t - a), p)
    rule = f"达到{t}%得满分，每下降1%扣{num(k)}分，扣完为止"
    return "≥", str(t), "%", rule, f"{num(a)}%", s


def k_count(rnd, p):
    t = rnd.randint(8, 20)
    k = rnd.choice([1, 2])
    a = t - rnd.choice([0, 0, 1, 2, 3, 5, -1])
    s = p if a >= t else clamp(p - k * (t - a), p)
    return "≥", f"{t}个", "", f"每少1个扣{k}分", f"{a}个", s


def k_cost(rnd, p):
    c = rnd.choice([50, 80, 120, 300])
    k = rnd.choice([F(1, 2), F(1)])
    a = F(c) + F(rnd.randint(-50, 120), 10)
    s = p if a <= c else clamp(p - k * (a - c), p)
    return "反向", f"≤{c}万元", "", f"每超支1万元扣{num(k)}分", f"{num(a)}万元", s


def k_tiers(rnd, p):
    a = F(rnd.randint(850, 1000), 10)
    s = p if a >= 95 else 8 if a >= 90 else 0
    return "≥", "95", "%", "≥95%得满分；90%（含）-95%得8分；低于90%不得分", f"{num(a)}%", s


GRADES = [("优秀", None), ("良好", 8), ("一般", 5), ("差", 0)]


def k_grade(rnd, p):
    g, v = rnd.choice(GRADES)
    s = p if v is None else v
    return "定性", "优秀", "", "优秀得满分，良好得8分，一般得5分，差不得分", g, s


def k_items(rnd, p):
    k = rnd.choice([F(1, 2), F(1), F(2)])
    n = rnd.choice([0, 0, 1, 2, 3])
    act = "按时完成" if n == 0 else f"未完成{n}项"
    s = p if n == 0 else clamp(p - k * n, p)
    return "定性", "按时完成", "", f"按时完成得满分，每有一项未完成扣{num(k)}分", act, s


def k_prop(rnd, p):
    t = rnd.choice([100, 120, 250, 800])
    a = rnd.randint(t * 6 // 10, t * 11 // 10)
    s = min(F(a, t), F(1)) * p
    return "≥", f"{t}人", "", "按完成比例计分", f"{a}人", s


def k_default(rnd, p):
    # no rule: the national default, min(actual/target, 1) × points
    a = F(rnd.randint(1600, 2000), 20)
    s = min(a / 90, F(1)) * p
    return "≥", "90", "%", "", f"{num(a)}%", s


KINDS = [
    ("产出指标", "数量指标", "完成项目数", 10, k_count),
    ("产出指标", "数量指标", "覆盖率", 10, k_pct),
    ("产出指标", "质量指标", "合格率", 15, k_pct),
    ("产出指标", "时效指标", "任务完成时限", 10, k_items),
    ("产出指标", "时效指标", "及时率", 10, k_tiers),
    ("成本指标", "经济成本指标", "项目成本", 10, k_cost),
    ("效益指标", "经济效益指标", "带动就业", 10, k_prop),
    ("效益指标", "社会效益指标", "带动就业", 5, k_prop),
    ("效益指标", "可持续影响指标", "社会影响", 10, k_grade),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", 10, k_default),
]
assert sum(k[3] for k in KINDS) == 100

STATUS_SCORED = {k_count: "scored", k_pct: "scored", k_items: "scored", k_tiers: "scored",
                 k_cost: "scored", k_prop: "scored", k_grade: "scored", k_default: "default_rule"}


def grade(t100):
    return "优" if t100 >= 90 else "良" if t100 >= 80 else "中" if t100 >= 60 else "差"


def generate(outdir, n_units=1000):
    rnd = random.Random(SEED)
    os.makedirs(outdir, exist_ok=True)
    trows = [["单位编码", "单位名称", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值",
              "计量单位", "评（扣）分标准", "分值"]]
    actual_rows = []
    units = []
    title = 2  # two title rows above the header
    line = title + 1  # the header's line
    for u in range(n_units):
        code = f"{430100 + u:06d}"
        name = f"第{u + 1}单位"
        kinds = list(KINDS)
        if u % 10 == 7:
            kinds = [k for k in kinds if k[2] != "覆盖率"]  # 90 points
        inds = []
        prev_l1 = None
        for i, (l1, l2, nm, p, fn) in enumerate(kinds):
            typ, target, unit, rule, act, raw = fn(rnd, p)
            line += 1
            trows.append([code if i == 0 else "", name if i == 0 else "",
                          l1 if l1 != prev_l1 else "", l2, nm, typ, target, unit, rule, f"{p}分"])
            prev_l1 = l1
            r = rnd.random()
            if r < 0.03:
                status, score = "missing", None
            elif r < 0.08:
                status, score = "not_applicable", None
                actual_rows.append([code, l1, l2, nm, "不适用"])
            else:
                status, score = STATUS_SCORED[fn], round2(clamp(raw, p))
                actual_rows.append([code, l1, l2, nm, act])
            inds.append({"line": line, "level1": l1, "level2": l2, "name": nm, "points": p,
                         "status": status, "score": None if score is None else num(score)})
        applicable = sum(d["points"] for d in inds if d["status"] != "not_applicable")
        total = sum(F(d["score"]) for d in inds if d["score"] is not None)
        if applicable == 100:
            t100 = total
        elif applicable:
            t100 = round2(total * 100 / applicable)
        else:
            t100 = F(0)
        units.append({"unit_code": code, "unit_name": name, "points_total": sum(d["points"] for d in inds),
                      "points_applicable": applicable, "total": num(total), "total_100": num(t100),
                      "grade": grade(t100), "indicators": inds})
    # rows that name nothing: an unknown unit, an unknown indicator
    for j in range(5):
        actual_rows.append([f"{999000 + j:06d}", "产出指标", "数量指标", "完成项目数", "3个"])
        actual_rows.append([f"{430100 + j * 7:06d}", "产出指标", "数量指标", f"不存在的指标{j}", "1个"])
    rnd.shuffle(actual_rows)
    unmatched = [i + 2 for i, r in enumerate(actual_rows)
                 if r[0].startswith("999") or r[3].startswith("不存在")]

    with open(os.path.join(outdir, "targets.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("部门整体支出绩效目标表（批量）,,,,,,,,,\n金额单位：万元,,,,,,,,,\n")
        csv.writer(f, lineterminator="\n").writerows(trows)
    with open(os.path.join(outdir, "actuals.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["单位编码", "一级指标", "二级指标", "三级指标", "实际完成值"])
        w.writerows(actual_rows)
    expected = {"units": units, "unmatched_actual_lines": unmatched,
                "actual_rows": len(actual_rows), "target_rows": len(trows) - 1}
    with open(os.path.join(outdir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
    return expected


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    generate(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 1000)
