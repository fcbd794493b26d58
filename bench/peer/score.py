#!/usr/bin/env python3
"""score.py: the benchmark's peer, a straightforward Python scorer of 绩效目标表.

What a user would write instead of perfscore: the csv module and regular
expressions, plain CPython, no extra packages. It reads the targets table
(title rows, merged cells left blank) and actuals.csv, reads the main rule
shapes (full-score threshold, per-step deductions, tiers, grades, yes/no,
per-item, proportional, deadlines, 酌情 as manual), scores every indicator,
totals each unit and writes one JSON document.

    python3 bench/peer/score.py targets.csv actuals.csv -o out.json
"""

import argparse
import csv
import json
import math
import re
import sys
from datetime import date

NUM = re.compile(r"-?\d+(?:\.\d+)?")
DATE = re.compile(r"(\d{4})(?:年|-|/)(\d{1,2})(?:月|-|/)(\d{1,2})")
ITEMS = re.compile(r"未完成(\d+)项")
MANUAL = re.compile(r"酌情|视情况")
PROP = re.compile(r"比例|实际完成值/指标值")
FULL_AT = re.compile(r"(?:≥|达到|达)?(\d[\d,]*(?:\.\d+)?)[%％]?[^，；\d]{0,3}?(?:及以上|以上|以下（含）|以内)?[，,]?(?:得满分|计满分)")
FULL_LE = re.compile(r"≤(\d+(?:\.\d+)?)%，计满分")
ONLY_FULL = re.compile(r"达到(\d+(?:\.\d+)?)%得(\d+(?:\.\d+)?)分")
STEP_BELOW = re.compile(r"每(?:下降|降低|低于|减少|少)(\d+(?:\.\d+)?)(个百分点|%|[^\d扣]{0,3})扣(\d+(?:\.\d+)?)分")
STEP_ABOVE = re.compile(r"每(?:超出|超过|超支|增加)(\d+(?:\.\d+)?)%扣(\d+(?:\.\d+)?)分")
LATE_MONTH = re.compile(r"每延迟(\d+)个月扣(\d+(?:\.\d+)?)分")
LATE_DAY = re.compile(r"每推迟(\d+)天扣(\d+(?:\.\d+)?)分")
PER_ITEM = re.compile(r"每(?:增加一项|发生一起|出现一次|有一项)[^扣]*扣(\d+(?:\.\d+)?)分")
MAX_DEDUCT = re.compile(r"最多扣(\d+(?:\.\d+)?)分")
TIER = re.compile(r"([\d,]+(?:\.\d+)?)[^\d\-，；]*?(?:（含）)?-([\d,]+(?:\.\d+)?)[^\d，；]*?(?:（含）)?[，,]?(?:得|计)(\d+(?:\.\d+)?)分")
GRADE = re.compile(r"^(?:改善)?(?:效果)?(.+?)(?:的)?(?:(不得分)|(?:得|计|记)(?:(满分)|(\d+(?:\.\d+)?)分|该项分值的(\d+)%))")
YES = {"是", "完成", "按时完成", "达成预期指标", "达到预期", "有效保障"}
NO = {"否", "未完成", "未达成预期指标", "未达到"}


def number(s):
    m = NUM.search(s.replace(",", ""))
    return float(m.group()) if m else None


def points_of(row):
    """分值, or 备注 when it holds "20分" (as in the seed table)."""
    return number(row.get("分值") or row.get("备注") or "") or 0.0


def grade_of(total):
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def default_score(cmp, a, t, p):
    """National default: ≥ min(a/t, 1), ≤ t/a above the target."""
    if a is None or t is None:
        return None
    if cmp == "≤":
        return p if a <= t else (t / a * p if a else 0)
    return min(a / t, 1) * p if t else p


def score_words(rule, actual, p):
    for clause in re.split(r"[，；]", rule):
        m = GRADE.match(clause)
        if not m:
            continue
        word = m.group(1)
        if actual == word or (actual in YES and word in ("完成", "按时完成", "有效保障")):
            if m.group(2):
                return 0.0
            if m.group(3):
                return p
            if m.group(4):
                return float(m.group(4))
            return p * float(m.group(5)) / 100
    if actual in YES:
        return p
    if actual in NO:
        return 0.0
    return None


def score_date(rule, target, actual, p):
    m = DATE.search(rule) or DATE.search(target)
    if not m:
        return None
    deadline = date(*map(int, m.groups()))
    got = date(*map(int, DATE.search(actual).groups()))
    late = (got - deadline).days
    if late <= 0:
        return p
    lm, ld = LATE_MONTH.search(rule), LATE_DAY.search(rule)
    if lm:
        return p - late / 30 / float(lm.group(1)) * float(lm.group(2))
    if ld:
        return p - late / float(ld.group(1)) * float(ld.group(2))
    return 0.0


def score_number(rule, cmp, target, unit, p, a):
    t = number(target)
    if PROP.search(rule):
        return default_score(cmp, a, t, p)
    tiers = TIER.findall(rule)
    if tiers:
        full = FULL_LE.search(rule) or FULL_AT.search(rule)
        top = float(full.group(1).replace(",", "")) if full else t
        if (cmp == "≤" and a <= top) or (cmp != "≤" and a >= top):
            return p
        for lo, hi, pts in tiers:
            lo, hi = float(lo.replace(",", "")), float(hi.replace(",", ""))
            if lo <= a < hi or (cmp == "≤" and lo < a <= hi):
                return float(pts)
        return 0.0
    below, above = STEP_BELOW.search(rule), STEP_ABOVE.search(rule)
    full = FULL_AT.search(rule)
    base = float(full.group(1).replace(",", "")) if full else t
    if base is None:
        return None
    if below:
        step, what, amount = float(below.group(1)), below.group(2), float(below.group(3))
        if a >= base:
            return p
        gap = base - a if (unit == "%" or what == "个百分点") else (
            (base - a) / base * 100 if what == "%" else base - a)
        off = gap / step * amount
        cap = MAX_DEDUCT.search(rule)
        if cap:
            off = min(off, float(cap.group(1)))
        return p - off
    if above:
        step, amount = float(above.group(1)), float(above.group(2))
        limit = t if t is not None else base
        if a <= limit:
            return p
        gap = a - limit if unit == "%" else (a - limit) / limit * 100
        return p - gap / step * amount
    only = ONLY_FULL.search(rule)
    if only and a >= float(only.group(1)):
        return float(only.group(2))
    return default_score(cmp, a, t, p)


def score(row, actual):
    """One indicator: (score or None, status)."""
    rule, cmp, p = row["评（扣）分标准"], row["指标值类型"], points_of(row)
    if actual is None or actual == "":
        return None, "missing"
    if MANUAL.search(rule):
        return None, "manual"
    per_item = PER_ITEM.search(rule)
    if per_item:
        m = ITEMS.search(actual)
        k = int(m.group(1)) if m else (0 if actual in YES else number(actual))
        if k is None:
            return None, "needs_review"
        s = p - k * float(per_item.group(1))
        cap = MAX_DEDUCT.search(rule)
        if cap:
            s = max(s, p - float(cap.group(1)))
        return s, "scored"
    if DATE.search(actual):
        s = score_date(rule, row["指标值"], actual, p)
    elif NUM.search(actual):
        s = score_number(rule, cmp, row["指标值"], row["计量单位"], p, number(actual))
    else:
        s = score_words(rule, actual, p)
    return (s, "scored") if s is not None else (None, "needs_review")


def read_targets(path):
    """Rows of the targets table with merged cells filled down."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        for header in reader:
            if "三级指标" in header:
                break
        last = {"单位编码": "", "单位名称": "", "一级指标": "", "二级指标": ""}
        for cells in reader:
            row = dict(zip(header, cells))
            if row["单位编码"]:
                last = {"单位编码": row["单位编码"], "单位名称": row["单位名称"], "一级指标": "", "二级指标": ""}
            if row["一级指标"]:
                last["一级指标"], last["二级指标"] = row["一级指标"], ""
            if row["二级指标"]:
                last["二级指标"] = row["二级指标"]
            row.update(last)
            if row["三级指标"]:
                yield row


def main(argv=None):
    ap = argparse.ArgumentParser(description="Score a 绩效目标表 (straightforward Python peer).")
    ap.add_argument("targets")
    ap.add_argument("actuals")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args(argv)

    actuals = {}
    with open(args.actuals, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            actuals[(r["单位编码"], r["一级指标"], r["二级指标"], r["三级指标"])] = r["实际完成值"]

    units = {}
    for row in read_targets(args.targets):
        code = row["单位编码"]
        unit = units.get(code)
        if unit is None:
            unit = units[code] = {"unit_code": code, "unit_name": row["单位名称"], "points_total": 0.0,
                                  "total": 0.0, "indicators": []}
        actual = actuals.get((code, row["一级指标"], row["二级指标"], row["三级指标"]))
        s, status = score(row, actual)
        p = points_of(row)
        if s is not None:
            s = math.floor(min(max(s, 0.0), p) * 100 + 0.5 + 1e-9) / 100
            unit["total"] += s
        unit["points_total"] += p
        unit["indicators"].append({
            "level1": row["一级指标"], "level2": row["二级指标"], "name": row["三级指标"],
            "type": row["指标值类型"], "target": row["指标值"], "unit": row["计量单位"],
            "actual": actual, "points": p, "score": s, "status": status,
            "rule": row["评（扣）分标准"]})

    for unit in units.values():
        unit["total"] = round(unit["total"], 2)
        unit["grade"] = grade_of(unit["total"])
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    json.dump({"units": list(units.values())}, out, ensure_ascii=False)
    out.write("\n")
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
