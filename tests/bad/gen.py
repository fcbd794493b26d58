#!/usr/bin/env python3
"""gen.py: write the inputs of the bad-input catalogue (cases.tsv) into a
directory. Usage: gen.py DIR NAME...: only the named files are written, so
the 1,000,000-row table is made only for the case that reads it."""
import os
import sys

HDR = "单位编码,三级指标,指标值类型,指标值,计量单位,评（扣）分标准,分值,实际完成值\n"
RULE = "达到100%得满分，每下降1%扣1分"


def selfeval(*rows):
    """A self-evaluation table: the header above, one row per tuple."""
    return (HDR + "".join(",".join(r) + "\n" for r in rows)).encode("utf-8")


def row(name="完成率", cmp="≥", target="100", unit="%", rule=RULE, points="20", actual="97%"):
    return ("001", name, cmp, target, unit, rule, points, actual)


def million():
    # 100,000 units of 10 indicators of 10 points: 1,000,000 indicator rows
    lines = [HDR]
    for u in range(100000):
        for i in range(10):
            lines.append(f"{u:06d},完成率{i}号,≥,100,%,{RULE},10,{90 + i}%\n")
    return "".join(lines).encode("utf-8")


FILES = {
    # CSV structure
    "unterminated.csv": lambda: selfeval(row()) + '001,"整改完成率,≥,100,%,得满分,20,97%\n'.encode(),
    "unterminated_actuals.csv": lambda: "单位编码,三级指标,实际完成值\n001,完成率,\"97%\n".encode(),
    "selfeval.csv": lambda: selfeval(row()),
    # a unit row with nothing in it: no indicator at all, found while streaming
    "norows.csv": lambda: selfeval(("001", "", "", "", "", "", "", "")),
    # a unit's rows resuming after another unit's: streamed units cannot merge
    "split_units.csv": lambda: selfeval(row(), ("002",) + row(name="及时率")[1:], row(name="合格率")),
    # the same early in a long file: the reading thread has units queued when
    # score stops, and must be stopped and its queue freed
    "split_early.csv": lambda: selfeval(row(), ("002",) + row()[1:], row(name="合格率"),
                                        *[(f"{u:03d}",) + row()[1:] for u in range(3, 400)]),
    "targets.csv": lambda: (HDR.rsplit(",", 1)[0] + "\n" + ",".join(row()[:-1]) + "\n").encode(),
    "empty.csv": lambda: b"",
    "bom_only.csv": lambda: b"\xef\xbb\xbf",
    "blank_lines.csv": lambda: b"\n\n\r\n",
    "header_only.csv": lambda: HDR.encode(),
    "no_indicator.csv": lambda: "名称,数值,备注\n整改完成率,100,\n".encode(),
    # encodings
    "bad_utf8.csv": lambda: selfeval(row()).replace("完成率".encode(), b"\xe5\xae\x8c\xff", 1),
    "bad_utf8_short.csv": lambda: "指标名称,指标值,实际完成值\n整改".encode() + b"\xff" + "率,100,97%\n".encode(),
    "bad_utf8_late.csv": lambda: selfeval(row(), row(name="目标任务完成率")) + "001,覆盖".encode() + b"\xff\n",
    "truncated_utf8.csv": lambda: selfeval(row(name="目标任务完成率"), row(name="覆盖率")) + "001,完".encode()[:-1],
    "bad_gb18030.csv": lambda: selfeval(row()).decode().encode("gb18030") + b"001,\x81\x20,100\r\n",
    "nul.csv": lambda: selfeval(row()) + b"001,\x00\n",
    "utf16.csv": lambda: selfeval(row()).decode().encode("utf-16"),
    # sizes
    "long_field.csv": lambda: selfeval(row(name="完" * 100000)),
    "long_rule.csv": lambda: selfeval(row(rule=("达到100%得满分，每下降1%扣1分，" * 6250))),
    "nested_rule.csv": lambda: selfeval(row(rule="（" * 50000 + "达到100%得满分" + "）" * 50000)),
    "equals_rule.csv": lambda: selfeval(row(rule="偏差率=|实际值-目标值|/目标值，" * 4000 + "=" * 50000)),
    "punct_rule.csv": lambda: selfeval(row(rule="，。；！、")),
    "punct_rule2.csv": lambda: selfeval(row(rule="“”（）【】")),
    "million.csv": million,
    # numbers
    "nan_actual.csv": lambda: selfeval(row(actual="NaN")),
    "inf_actual.csv": lambda: selfeval(row(actual="inf")),
    "negative_actual.csv": lambda: selfeval(row(actual="-5%")),
    "huge_actual.csv": lambda: selfeval(row(actual="99999999999999999999%")),
    "nan_target.csv": lambda: selfeval(row(target="NaN")),
    "negative_target.csv": lambda: selfeval(row(target="-100", rule="")),
    "huge_points.csv": lambda: selfeval(row(points="99999999999")),
    "negative_points.csv": lambda: selfeval(row(points="-20")),
    # zero targets and divisions
    "zero_le.csv": lambda: selfeval(row(name="安全事故", cmp="≤", target="0", unit="起", rule="每发生1起安全事故扣5分，扣完为止", actual="0")),
    "zero_le_default.csv": lambda: selfeval(row(name="投诉", cmp="≤", target="0", unit="起", rule="", actual="2")),
    "zero_ge.csv": lambda: selfeval(row(name="新增", cmp="≥", target="0", unit="个", rule="", actual="2")),
    "prop_zero_target.csv": lambda: selfeval(row(target="0", rule="按完成比例计分", actual="50%")),
    "prop_le_zero_actual.csv": lambda: selfeval(row(name="成本", cmp="≤", target="100", unit="万元", rule="按完成比例计分", actual="0")),
    "step_zero.csv": lambda: selfeval(row(rule="每下降0%扣1分")),
    "all_na.csv": lambda: selfeval(row(actual="不适用"), row(name="覆盖率", actual="不适用")),
    # keys
    "duplicate.csv": lambda: selfeval(row(points="50"), row(points="50", actual="98%")),
    "dup_targets.csv": lambda: (HDR.rsplit(",", 1)[0] + "\n" + ",".join(row()[:-1]) + "\n"
                                + ",".join(row(name="覆盖率")[:-1]) + "\n").encode(),
    "dup_actuals.csv": lambda: "单位编码,三级指标,实际完成值\n001,完成率,97%\n001,完成率,98%\n001,覆盖率,100%\n".encode(),
    # policies
    "policy_type.json": lambda: b'{"decimals": "2"}\n',
    "policy_nested_type.json": lambda: b'{\n  "qualitative": {"partial": [60, "80"]}\n}\n',
    "policy_unknown.json": lambda: b'{"grade_bands": {"excellent": 90, "great": 95}}\n',
    "policy_syntax.json": lambda: b'{"steps": "whole",\n "decimals": 2,,}\n',
    "policy_range.json": lambda: b'{"decimals": 7}\n',
    "policy_empty.json": lambda: b"",
}


def main():
    out = sys.argv[1]
    for name in sys.argv[2:]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(FILES[name]())


if __name__ == "__main__":
    main()
