#!/usr/bin/env python3
"""prop.py: property tests of the whole score pipeline (stdlib only).

Seeded random tables (many units per file, random rules, targets, points
and actual values, some not applicable, some missing) are scored with
`perfscore score -f json`, and the JSON must show that:
  - every target row appears in the output exactly once (by its line);
  - every score lies within [0, points];
  - a unit's total is the sum of its printed scores, and so are the subtotals;
  - total_100 is the total over the applicable points, rounded half-up;
  - the grade is the band of total_100 (the policy's bands).
Usage: prop.py PERFSCORE [SEED] [FILES]. Exit 1 on the first failure, with
the seed and the file kept in a temporary directory to replay it."""
import json
import os
import random
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal

NAMES = ["整改完成率", "监管执法覆盖率", "目标任务完成率", "工作完成时限", "群众满意度", "培训人次",
         "项目验收合格率", "资金支出进度", "安全事故发生数", "成本控制", "信息公开及时性", "设备完好率"]
L1 = ["产出指标", "效益指标", "满意度指标", "成本指标"]
L2 = ["数量指标", "质量指标", "时效指标", "社会效益指标", "经济成本指标"]
GRADES = ["优秀", "良好", "一般", "较差", "差", "达成预期指标", "部分达成预期指标", "未达成预期指标"]


def pct(r):
    return f"{r.choice([0, 50, 80, 90, 95, 97, 98.5, 99, 100, 101, 120])}%"


def rule_and_target(r):
    """A rule text, the comparator, the target and the unit that go with it."""
    t = r.choice([80, 90, 95, 100])
    kind = r.randrange(11)
    if kind == 0:
        return f"达到{t}%得满分，每下降{r.choice([1, 2, 0.5])}%扣{r.choice([1, 2, 0.5])}分，扣完为止", "≥", str(t), "%"
    if kind == 1:
        lo = t - 10
        return f"{t}%以上得满分，{lo}%（含）-{t}%得{r.choice([5, 6, 8])}分，低于{lo}%不得分", "≥", str(t), "%"
    if kind == 2:
        return "按完成比例计分", r.choice(["≥", "≤"]), str(r.choice([0, 50, 100])), "%"
    if kind == 3:
        return "完成得满分，未完成不得分", "定性", "完成", ""
    if kind == 4:
        return f"优秀得满分，良好得{r.choice([8, 9])}分，一般得{r.choice([5, 6])}分，差不得分", "定性", "优秀", ""
    if kind == 5:
        return f"每发生1起扣{r.choice([1, 2, 5])}分，扣完为止", "≤", "0", "起"
    if kind == 6:
        return f"2026年12月31日前完成得满分，每延迟1个月扣{r.choice([1, 2])}分", "定性", "2026年12月31日前", ""
    if kind == 7:
        return "", r.choice(["≥", "≤", "=", "定性"]), r.choice(["100", "95", "0", "达成预期指标"]), "%"
    if kind == 8:
        return "视完成情况酌情扣分", "≥", "100", "%"
    if kind == 9:
        return "随便写的一句话", "≥", "100", "%"
    return f"得分=实际完成值/指标值×分值", "≥", str(r.choice([0, 100, 1000])), "个"


def actual(r, rule):
    k = r.randrange(12)
    if k < 4:
        return pct(r)
    return r.choice(["", "不适用", r.choice(GRADES), "是", "否", "完成", "未完成",
                     f"未完成{r.randrange(4)}项", f"发生{r.randrange(3)}起", "2027年3月15日", "2026-12-20",
                     str(r.randrange(0, 2000)), "-5", "NaN", "99999999999999999", "无法评估"])


def points(r):
    return r.choice(["10", "20", "15", "5", "12.5", "20分", "0", "", "abc", "33.333"])


def cell(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n') else s


def make_file(r, path, n_units):
    """A self-evaluation table of n_units units; returns the lines of its
    indicator rows (1-based, as the JSON reports them)."""
    rows = ["单位编码,单位名称,一级指标,二级指标,三级指标,指标值类型,指标值,计量单位,评（扣）分标准,分值,实际完成值,是否适用"]
    lines = []
    for u in range(n_units):
        code = f"{r.randrange(10**6):06d}-{u}"
        for i in range(r.randrange(1, 13)):
            rule, cmp, target, unit = rule_and_target(r)
            a = actual(r, rule)
            na = r.choice(["", "", "", "", "否"])
            name = r.choice(NAMES) + str(i)
            rows.append(",".join(cell(x) for x in [code, f"单位{u}", r.choice(L1), r.choice(L2), name, cmp,
                                                       target, unit, rule, points(r), a, na]))
            lines.append(len(rows))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    return lines


def dec(x):
    return None if x is None else Decimal(str(x))


def check(doc, lines, bands, fail):
    seen = {}
    for u in doc["units"]:
        # the 预算执行率 row of a 项目资金 block counts outside the 一级 groups
        b = u.get("budget")
        extra = dec(b["score"]) if b and b.get("scored") and b.get("score") is not None else Decimal(0)
        total = extra
        for ind in u["indicators"]:
            ln = ind["source"]["line"]
            seen[ln] = seen.get(ln, 0) + 1
            s, p = dec(ind["score"]), dec(ind["points"])
            if s is not None:
                if s < 0 or (p is not None and s > p):
                    fail(f"line {ln}: score {s} outside [0, {p}]")
                total += s
        if dec(u["total"]) != total:
            fail(f"unit {u['unit_code']}: total {u['total']} is not the sum of its scores {total}")
        subs = sum((dec(s["score"]) for s in u["subtotals"]), extra)
        if subs != total:
            fail(f"unit {u['unit_code']}: subtotals add up to {subs}, total {total}")
        app = dec(u["points_applicable"])
        t100 = dec(u["total_100"])
        if app == 100:
            want = total
        elif app and app > 0:
            want = (total * 100 / app).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        else:
            want = Decimal(0)
        if t100 != want:
            fail(f"unit {u['unit_code']}: total_100 {t100}, expected {want}")
        g = "优" if t100 >= bands[0] else "良" if t100 >= bands[1] else "中" if t100 >= bands[2] else "差"
        if u["grade"] != g:
            fail(f"unit {u['unit_code']}: grade {u['grade']} for {t100}, expected {g}")
    for ln in lines:
        if seen.get(ln, 0) != 1:
            fail(f"target row at line {ln} appears {seen.get(ln, 0)} times")
    extra = set(seen) - set(lines)
    if extra:
        fail(f"rows {sorted(extra)[:5]} in the output are no target rows")


def main():
    ps = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261128
    nfiles = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    tmp = tempfile.mkdtemp(prefix="perfscore-prop-")
    policies = [None, ({"grade_bands": {"excellent": 85, "good": 70, "fair": 50}, "decimals": 1,
                        "steps": "whole", "not_applicable": "full"}, (85, 70, 50)),
                ({"not_applicable": "zero", "steps": "started", "decimals": 0}, (90, 80, 60))]
    n_units = 0
    for k in range(nfiles):
        r = random.Random(seed * 1000 + k)
        path = os.path.join(tmp, f"t{k}.csv")
        units = r.randrange(10, 40)
        lines = make_file(r, path, units)
        cmd = [ps, "score", path, "-f", "json"]
        pol = policies[k % len(policies)]
        bands = (90, 80, 60)
        if pol:
            ppath = os.path.join(tmp, f"p{k}.json")
            with open(ppath, "w") as f:
                json.dump(pol[0], f)
            cmd += ["--policy", ppath]
            bands = pol[1]
        bands = tuple(Decimal(b) for b in bands)
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def fail(msg):
            print(f"prop: seed {seed} file {k} ({path}): {msg}", file=sys.stderr)
            sys.exit(1)

        if res.returncode not in (0, 1):
            fail(f"exit {res.returncode}: {res.stderr.decode()[:500]}")
        doc = json.loads(res.stdout, parse_float=Decimal)
        if len(doc["units"]) != units:
            fail(f"{len(doc['units'])} units in the report, {units} in the table")
        check(doc, lines, bands, fail)
        n_units += units
        os.remove(path)
    print(f"prop: {n_units} random tables (units) in {nfiles} files, seed {seed}: all properties hold")


if __name__ == "__main__":
    main()
