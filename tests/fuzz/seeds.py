#!/usr/bin/env python3
"""seeds.py: write raw seed inputs for every fuzz target into OUTDIR/fuzz_NAME/,
from the repository's real-looking inputs (data/, tests/data/, tests/rules/,
docs/policy.md) and the rule corpus. The committed corpus (corpus/) is these
seeds merged with what the fuzzers found, minimised with -merge=1
(docs/fuzzing.md). Usage: seeds.py OUTDIR [RULES_TSV...]"""
import hashlib
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def put(outdir, target, data):
    d = os.path.join(outdir, "fuzz_" + target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def gb(data):
    return data.decode("utf-8").encode("gb18030")


def main():
    outdir = sys.argv[1]
    tables = [read("data/targets.csv"), read("data/actuals.csv")]
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/data"))):
        if name.endswith(".csv"):
            tables.append(read("tests/data/" + name))
    utf8_tables = []
    for t in tables:
        try:
            t.decode("utf-8")
            utf8_tables.append(t)
        except UnicodeDecodeError:
            pass
    # source: first byte picks auto / UTF-8 / GB18030
    for t in tables:
        put(outdir, "source", b"\0" + t)
    for t in utf8_tables[:2]:
        put(outdir, "source", b"\0\xef\xbb\xbf" + t)
        put(outdir, "source", b"\2" + gb(t))
        put(outdir, "source", b"\0\x84\x31\x95\x33" + gb(t))
        put(outdir, "source", b"\1" + t[:200] + b"\xff" + t[200:400])
    put(outdir, "source", b"\0" + gb("指标,值\r\n金额,1\r\n".encode()) + b"\x80,2\r\n")
    put(outdir, "source", b"\0\xff\xfea\0b\0")
    put(outdir, "source", b"\0a,b\n\0c\n")
    # table: whole files, and a few damaged ones
    for t in tables:
        put(outdir, "table", t)
    put(outdir, "table", tables[0][:300] + b'"unterminated,\n')
    put(outdir, "table", tables[0].split(b"\n")[2] + b"\n")
    # score: targets NUL actuals [NUL policy]
    put(outdir, "score", tables[0] + b"\0" + tables[1])
    put(outdir, "score", tables[0] + b"\0" + tables[1] + b'\0{"steps": "whole", "not_applicable": "full"}')
    for t in tables[2:]:
        put(outdir, "score", t)
    # value: cells of the tables, and the forms value.h names
    cells = set()
    for t in utf8_tables:
        for line in t.decode("utf-8").splitlines():
            for c in line.split(","):
                if c and len(c) < 40:
                    cells.add(c)
    cells.update(["97%", "１００％", "≥95%", "2,051.95", "二十", "两", "百分之九十", "零点五", "一百二十",
                  "2026-12-20", "2026年12月20日", "2026年12月", "12月底前", "2026.12.31", "未完成2项",
                  "2项未完成", "发生1起", "出现3次", "优秀", "良好", "较好", "一般", "较差", "达成预期指标",
                  "部分达成预期指标", "未达成预期指标", "是", "否", "/", "—", "-", "不适用",
                  "0.0900000762939453", "≤90万元", "不低于50个", "5‰", "＞＝98%", "(≥**人)",
                  "-12.5", "1e999", "NaN", "inf", "99999999999999999999", "0"])
    for c in sorted(cells):
        put(outdir, "value", c.encode("utf-8"))
    # rule: rule texts (one file per rule); dsl: canonical forms
    rules, canon = set(), set()
    for path in sys.argv[2:] + [os.path.join(ROOT, "tests/data/corpus_rules.tsv")]:
        with open(path, encoding="utf-8") as f:
            for line in f:
                cols = line.rstrip("\n").split("\t")
                if len(cols) > 1 and not line.startswith(("#", "id\t")):
                    rules.add(cols[1])
                if path.endswith("corpus_rules.tsv") and len(cols) > 2 and cols[2] != "?":
                    canon.add(cols[2])
    for name in sorted(os.listdir(os.path.join(ROOT, "tests/rules"))):
        if name.endswith(".test"):
            for line in read("tests/rules/" + name).decode("utf-8").splitlines():
                if line.startswith("rule: "):
                    rules.add(line[6:])
                elif line.startswith("canonical: "):
                    canon.add(line[11:])
    for r in sorted(rules):
        put(outdir, "rule", r.encode("utf-8"))
    for c in sorted(canon):
        put(outdir, "rule", c.encode("utf-8"))
        put(outdir, "dsl", c.encode("utf-8"))
    # policy: the JSON blocks of docs/policy.md, and wrong types
    doc = read("docs/policy.md").decode("utf-8")
    for block in re.findall(r"```json\n(.*?)```", doc, re.S):
        put(outdir, "policy", block.encode("utf-8"))
    for bad in ['{"decimals": "2"}', '{"grade_bands": {"excellent": 50, "good": 80}}', '{"steps": 1}',
                '{"qualitative": {"partial": [80]}}', '{"unknown": true}', '[1,2]', '{"decimals": 7}',
                '{"budget_year": 2026, "exec_cap": true, "deviation_penalty": {"ratio": 30, "points": 2}}']:
        put(outdir, "policy", bad.encode("utf-8"))


if __name__ == "__main__":
    main()
