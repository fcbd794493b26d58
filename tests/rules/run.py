#!/usr/bin/env python3
"""run.py: the rule-language test harness. Runs every block of a .test file
through `perfscore explain -f json` and checks the canonical form, status,
first diagnostic, probe scores and the canonical round trip. See README.md.

usage: run.py [PERFSCORE] FILE...     (PERFSCORE also from $PERFSCORE, else build/perfscore)
"""
import json
import os
import shlex
import subprocess
import sys
from decimal import Decimal, InvalidOperation

KEYS = ("rule", "dsl", "ctx", "canonical", "status", "error")
CTX_DEFAULTS = {"type": "≥", "target": "100", "unit": "%", "points": "100"}
RULE_STATUSES = ("understood", "manual", "needs_review")
SCORE_STATUSES = ("scored", "default_rule", "manual", "missing", "not_applicable", "needs_review")


class Block:
    def __init__(self, line, kind, text):
        self.line = line          # line of the rule:/dsl: key
        self.kind = kind          # "rule" or "dsl"
        self.text = text
        self.ctx = dict(CTX_DEFAULTS)
        self.canonical = None     # (line, text)
        self.status = None        # (line, status)
        self.error = None         # (line, substring)
        self.probes = []          # (line, actual, score or None, status or None)


class FileError(Exception):
    def __init__(self, line, msg):
        super().__init__(msg)
        self.line = line


def parse_probe(lineno, raw):
    actual, _, rhs = raw.rpartition(" => ")
    actual = actual.strip()
    words = rhs.split()
    if not actual or not words or len(words) > 2:
        raise FileError(lineno, "probe must read 'ACTUAL => SCORE [STATUS]' or 'ACTUAL => STATUS'")
    score = status = None
    try:
        score = Decimal(words[0])
        if len(words) == 2:
            status = words[1]
    except InvalidOperation:
        if len(words) != 1:
            raise FileError(lineno, "probe: '%s' is not a score" % words[0])
        status = words[0]
    if status is not None and status not in SCORE_STATUSES:
        raise FileError(lineno, "probe: unknown status '%s' (%s)" % (status, ", ".join(SCORE_STATUSES)))
    return (lineno, actual, score, status)


def parse_file(path):
    """Blocks and the 'pending:' reason (None if the file is not pending)."""
    blocks, cur, pending = [], None, None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                cur = None
                continue
            if line.lstrip().startswith("#"):
                continue
            key, sep, rest = line.partition(":")
            key = key.strip()
            value = rest[1:] if rest.startswith(" ") else rest
            value = value.rstrip()
            if sep and key == "pending" and not blocks and cur is None:
                pending = value or "pending"
                continue
            if sep and key in ("rule", "dsl"):
                if cur is not None:
                    raise FileError(lineno, "a new '%s:' needs a blank line before it" % key)
                cur = Block(lineno, key, value)
                blocks.append(cur)
                continue
            if cur is None:
                raise FileError(lineno, "a block starts with 'rule:' or 'dsl:'")
            if sep and key == "ctx":
                try:
                    items = shlex.split(value)
                except ValueError as e:
                    raise FileError(lineno, "ctx: %s" % e)
                for item in items:
                    k, eq, v = item.partition("=")
                    if not eq or k not in CTX_DEFAULTS:
                        raise FileError(lineno, "ctx: expected type= target= unit= points=, got '%s'" % item)
                    cur.ctx[k] = v
            elif sep and key == "canonical":
                cur.canonical = (lineno, value)
            elif sep and key == "status":
                if value not in RULE_STATUSES:
                    raise FileError(lineno, "status: expected %s" % " | ".join(RULE_STATUSES))
                cur.status = (lineno, value)
            elif sep and key == "error":
                cur.error = (lineno, value)
            elif " => " in line:
                cur.probes.append(parse_probe(lineno, line))
            else:
                raise FileError(lineno, "unknown line (keys: %s, or a probe 'ACTUAL => SCORE')" % ", ".join(KEYS))
    return blocks, pending


class Runner:
    def __init__(self, perfscore):
        self.perfscore = perfscore
        self.passed = 0
        self.failed = 0

    def fail(self, path, line, msg):
        self.failed += 1
        print("%s:%d: %s" % (path, line, msg))

    def check(self, ok, path, line, msg):
        if ok:
            self.passed += 1
        else:
            self.fail(path, line, msg)
        return ok

    def explain(self, text, dsl, ctx, actual=None):
        """The parsed JSON object, or an error string."""
        cmd = [self.perfscore, "explain", "-f", "json"]
        if dsl:
            cmd.append("--dsl")
        for k in ("type", "target", "unit", "points"):
            cmd += ["--" + k, ctx[k]]
        if actual is not None:
            cmd += ["--actual", actual]
        cmd += ["--", text]
        try:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as e:
            return "cannot run perfscore: %s" % e
        if p.returncode not in (0, 1):
            return "perfscore explain exited %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace").strip())
        try:
            return json.loads(p.stdout.decode("utf-8"), parse_float=Decimal)
        except (ValueError, UnicodeDecodeError) as e:
            return "perfscore explain printed no JSON object (%s)" % e

    def run_block(self, path, b):
        dsl = b.kind == "dsl"
        res = self.explain(b.text, dsl, b.ctx)
        if isinstance(res, str):
            self.fail(path, b.line, res)
            return
        canon = res.get("canonical")
        status = res.get("status")
        if b.canonical:
            line, want = b.canonical
            self.check(canon == want, path, line, "canonical: got %r, want %r" % (canon, want))
        if b.status:
            line, want = b.status
            self.check(status == want, path, line, "status: got %r, want %r" % (status, want))
        if b.error:
            line, want = b.error
            diags = res.get("diagnostics") or []
            first = next((d for d in diags if d.get("code") in ("rule-not-understood", "rule-syntax")),
                         diags[0] if diags else None)
            msg = first.get("message", "") if first else None
            self.check(msg is not None and want in msg, path, line,
                       "error: first diagnostic %r does not contain %r" % (msg, want))
        # Round trip: the canonical form reads back to itself.
        if status != "needs_review" and canon:
            back = self.explain(canon, True, b.ctx)
            if isinstance(back, str):
                self.fail(path, b.line, "round trip of %r: %s" % (canon, back))
            else:
                self.check(back.get("canonical") == canon and back.get("status") != "needs_review",
                           path, b.line, "round trip: %r reads back as %r (%s)"
                           % (canon, back.get("canonical"), back.get("status")))
        for line, actual, want_score, want_status in b.probes:
            got = self.explain(b.text, dsl, b.ctx, actual)
            if isinstance(got, str):
                self.fail(path, line, got)
                continue
            score, st = got.get("score"), got.get("status")
            problems = []
            if want_score is not None:
                if score is None or isinstance(score, bool) or Decimal(score) != want_score:
                    problems.append("score %s, want %s" % (score, want_score))
            elif score is not None:
                problems.append("score %s, want none" % score)
            if want_status is not None and st != want_status:
                problems.append("status %s, want %s" % (st, want_status))
            self.check(not problems, path, line, "%s => %s (%s)" % (
                actual, "; ".join(problems), got.get("explanation")))

    def run_file(self, path):
        try:
            blocks, pending = parse_file(path)
        except FileError as e:
            self.fail(path, e.line, str(e))
            return
        except OSError as e:
            self.fail(path, 0, str(e))
            return
        if pending is not None:
            print("%s: SKIPPED (pending: %s)" % (path, pending))
            return
        if not blocks:
            self.fail(path, 0, "no test blocks")
        for b in blocks:
            self.run_block(path, b)


def main(argv):
    args = argv[1:]
    perfscore = os.environ.get("PERFSCORE")
    if len(args) >= 2 and not args[0].endswith(".test") and os.access(args[0], os.X_OK):
        perfscore = args.pop(0)
    if not perfscore:
        perfscore = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "perfscore")
    if not args:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    r = Runner(perfscore)
    for path in args:
        r.run_file(path)
    print("%d passed, %d failed" % (r.passed, r.failed))
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
