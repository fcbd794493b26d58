#!/usr/bin/env python3
"""check_units.py: score the generated many-unit files (gen_units.py) with
perfscore and compare every unit and every indicator with the generator's
own computation; check conservation: every target row in the report exactly
once, every actual row used or reported.

usage: check_units.py PERFSCORE WORKDIR [UNITS]
"""
import json
import os
import subprocess
import sys
from fractions import Fraction as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_units  # noqa: E402


def fail(msgs):
    for m in msgs[:40]:
        print("FAIL:", m)
    if len(msgs) > 40:
        print(f"... and {len(msgs) - 40} more")
    sys.exit(1)


def dec(v):
    return None if v is None else F(str(v))


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    perfscore, work = sys.argv[1], sys.argv[2]
    n_units = int(sys.argv[3]) if len(sys.argv) == 4 else 1000
    exp = gen_units.generate(work, n_units)
    targets, actuals = os.path.join(work, "targets.csv"), os.path.join(work, "actuals.csv")
    p = subprocess.run([perfscore, "score", targets, actuals, "-f", "ndjson"], capture_output=True)
    errs = []
    # missing actual values leave totals not final: exit 1
    if p.returncode != 1:
        errs.append(f"exit status {p.returncode}, expected 1; stderr: {p.stderr[:500]!r}")
    lines = p.stdout.decode("utf-8").splitlines()
    got_units = [json.loads(s) for s in lines[:-1]]
    tail = json.loads(lines[-1]) if lines else {}
    if set(tail) != {"warnings"}:
        errs.append("the last ndjson line is not the warnings record")
    if len(got_units) != len(exp["units"]):
        fail(errs + [f"{len(got_units)} units, expected {len(exp['units'])}"])

    seen_lines = {}
    used_actual_lines = set()
    for g, e in zip(got_units, exp["units"]):
        uc = e["unit_code"]
        for key in ("unit_code", "unit_name", "grade"):
            if g[key] != e[key]:
                errs.append(f"unit {uc}: {key} {g[key]!r}, expected {e[key]!r}")
        for key in ("points_total", "points_applicable", "total", "total_100"):
            if dec(g[key]) != dec(e[key]):
                errs.append(f"unit {uc}: {key} {g[key]}, expected {e[key]}")
        counts = {}
        for ind in g["indicators"]:
            counts[ind["status"]] = counts.get(ind["status"], 0) + 1
            ln = ind["source"]["line"]
            seen_lines[ln] = seen_lines.get(ln, 0) + 1
            if ind.get("actual_source"):
                used_actual_lines.add(ind["actual_source"]["line"])
        want = {}
        for d in e["indicators"]:
            want[d["status"]] = want.get(d["status"], 0) + 1
        if counts != want:
            errs.append(f"unit {uc}: statuses {counts}, expected {want}")
        if len(g["indicators"]) != len(e["indicators"]):
            continue
        for gi, ei in zip(g["indicators"], e["indicators"]):
            where = f"unit {uc} line {ei['line']} {ei['name']}"
            if gi["source"]["line"] != ei["line"] or gi["name"] != ei["name"] or gi["level2"] != ei["level2"]:
                errs.append(f"{where}: got line {gi['source']['line']} {gi['name']}/{gi['level2']}")
            if gi["status"] != ei["status"]:
                errs.append(f"{where}: status {gi['status']}, expected {ei['status']} ({gi['explanation']})")
            elif dec(gi["score"]) != dec(ei["score"]):
                errs.append(f"{where}: score {gi['score']}, expected {ei['score']} "
                            f"(actual {gi['actual']}; {gi['explanation']})")

    # conservation: each target row once; each actual row used or reported
    n_target = sum(len(u["indicators"]) for u in exp["units"])
    if len(seen_lines) != n_target or any(v != 1 for v in seen_lines.values()):
        twice = [ln for ln, v in seen_lines.items() if v != 1]
        errs.append(f"{len(seen_lines)} target rows in the report for {n_target}; repeated: {twice[:10]}")
    if n_target != exp["target_rows"]:
        errs.append(f"generator: {exp['target_rows']} target rows, {n_target} indicators")
    reported = {}
    for w in tail.get("warnings", []):
        if w["file"] == actuals and w["line"] is not None:
            reported.setdefault(w["code"], set()).add(w["line"])
    unmatched = reported.get("unmatched-actual", set())
    if unmatched != set(exp["unmatched_actual_lines"]):
        errs.append(f"unmatched actual lines {sorted(unmatched)}, expected {exp['unmatched_actual_lines']}")
    other = set().union(*[v for k, v in reported.items() if k != "unmatched-actual"] or [set()])
    all_actual = set(range(2, exp["actual_rows"] + 2))
    lost = all_actual - used_actual_lines - unmatched - other
    if lost:
        errs.append(f"actual rows neither used nor reported: {sorted(lost)[:10]}")
    if used_actual_lines & unmatched:
        errs.append(f"actual rows both used and unmatched: {sorted(used_actual_lines & unmatched)[:10]}")
    if errs:
        fail(errs)
    n_ind = sum(len(u["indicators"]) for u in got_units)
    print(f"ok: {len(got_units)} units, {n_ind} indicators, {exp['actual_rows']} actual rows "
          f"({len(unmatched)} unmatched) agree with the independent computation")


if __name__ == "__main__":
    main()
