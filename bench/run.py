#!/usr/bin/env python3
"""run.py: perfscore's benchmark. In one run: end-to-end throughput for the
table-free formats, the libcsv-only floor and the Python peer on the same
bytes, start-up on the data/ example against `python3 -c pass`, and peak RSS.
Ratios are the headline; absolute times depend on the machine.

    python3 bench/run.py                 # 100,000 units × 12 indicators
    python3 bench/run.py --units 10000   # quicker

Writes bench/out/results.json and bench/out/results.md. Python 3 stdlib only.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import shlex
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join("bench", "out")
BUILD = "build-bench"
FORMATS = ["json", "ndjson", "csv"]
EXAMPLE = ["data/targets.csv", "data/actuals.csv"]
EXAMPLE_TOTAL = 92.6

GOAL_FLOOR = 0.5     # end-to-end throughput ≥ half the libcsv-only floor
GOAL_PEER = 10.0     # ≥ 10× the Python peer
GOAL_STARTUP = 5.0   # ms, median
GOAL_RSS = 2.0       # peak RSS ≤ 2× targets.csv


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def null_sink():
    """Where outputs are thrown away, and what it is. /dev/null discards
    writes on any normal Linux. If it is not a character device (a sandbox
    had left a regular file there: every run wrote its whole report into
    memory, 1.24 GB for json, and the kernel's copying was counted as
    perfscore's time, 0.3-0.5 s of it), a null device is made in bench/out
    (mknod: root only); failing that, /dev/null is used as it is, and the
    report says so."""
    try:
        if stat.S_ISCHR(os.stat(os.devnull).st_mode):
            return os.devnull, "/dev/null"
    except OSError:
        pass
    path = os.path.join(OUT, "null")
    try:
        st = os.stat(path) if os.path.lexists(path) else None
        if not (st and stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)):
            if st:
                os.unlink(path)
            os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        with open(path, "w", encoding="ascii") as f:  # nodev mounts refuse this
            f.write("x")
        return path, "bench/out/null (a null device made with mknod: /dev/null is not one here)"
    except OSError as e:
        log("   warning: /dev/null is a regular file here and no null device could be made (%s): "
            "outputs are written to it, and their copying counts" % e)
        return os.devnull, "/dev/null (a regular file here: outputs written to memory)"


SINK = os.devnull


def spawn(argv, stdout=None, stderr=None, rss=False):
    """Run argv once; return (wall seconds, exit code, peak RSS in bytes,
    user+system CPU seconds).
    posix_spawn + wait4 keep the harness's own overhead small. With rss, the
    child runs under GNU time: a child spawned from Python reports at least
    Python's own RSS in ru_maxrss (Linux keeps the pre-exec high-water
    mark), a child of time(1) only time's megabyte or two."""
    stdout = stdout or SINK
    stderr = stderr or SINK
    wr = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, stdout, wr, 0o644),
               (os.POSIX_SPAWN_OPEN, 2, stderr, wr, 0o644)]
    rss_file = None
    if rss and GNU_TIME:
        fd, rss_file = tempfile.mkstemp(prefix="rss-", dir=OUT)
        os.close(fd)
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + argv
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, ENV, file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    peak = ru.ru_maxrss * 1024
    if rss_file:
        try:
            with open(rss_file, encoding="ascii") as f:
                peak = int(f.read().split()[-1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(rss_file)
    # wait4's usage of time(1) includes the child it waited for.
    return wall, os.waitstatus_to_exitcode(status), peak, ru.ru_utime + ru.ru_stime


def find_gnu_time():
    """GNU time (package `time`), installed if missing and we may."""
    if os.access("/usr/bin/time", os.X_OK):
        return "/usr/bin/time"
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("== installing GNU time (package `time`) to read peak RSS")
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if os.access("/usr/bin/time", os.X_OK):
            return "/usr/bin/time"
    log("   no GNU time: peak RSS read from wait4, at least the harness's own RSS")
    return None


GNU_TIME = None
ENV = dict(os.environ, NO_COLOR="1")


def tail(path, n=5):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
    except OSError:
        return []
    return [l.rstrip("\n") for l in lines[-n:]]


def count_lines(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


# --- build and inputs -------------------------------------------------------

def build(args):
    if args.perfscore:
        ps = os.path.abspath(args.perfscore)
    else:
        log("== build perfscore (Release) and csvfloor in %s/" % BUILD)
        subprocess.run(["cmake", "-S", ".", "-B", BUILD, "-DCMAKE_BUILD_TYPE=Release",
                        "-DPS_BUILD_TESTS=OFF", "-DPS_BENCH=ON"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", BUILD, "-j%d" % (os.cpu_count() or 2),
                        "--target", "perfscore", "csvfloor"], check=True, stdout=subprocess.DEVNULL)
        ps = os.path.abspath(os.path.join(BUILD, "perfscore"))
    floor = os.path.abspath(os.path.join(BUILD, "bench", "csvfloor"))
    if not os.path.exists(floor):
        # --perfscore given without a bench build: compile the floor directly.
        floor = os.path.abspath(os.path.join(OUT, "csvfloor"))
        os.makedirs(OUT, exist_ok=True)
        subprocess.run(["cc", "-O2", "-o", floor, "bench/csvfloor.c", "-lcsv"], check=True)
    return ps, floor


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def inputs(units, seed):
    """Generated inputs, cached under bench/out/ and regenerated only when
    gen.py changes."""
    d = os.path.join(OUT, "u%d-s%d" % (units, seed))
    meta_path = os.path.join(d, "meta.json")
    want = sha256("bench/gen.py")
    meta = None
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
        if meta.get("gen_sha256") != want or not all(
                os.path.exists(os.path.join(d, n)) for n in ("targets.csv", "actuals.csv")):
            meta = None
    if meta is None:
        log("== generate %d units (seed %d) into %s/" % (units, seed, d))
        subprocess.run([sys.executable, "bench/gen.py", "--units", str(units), "--seed", str(seed),
                        "--out", d], check=True, stderr=subprocess.DEVNULL)
        with open(meta_path, encoding="utf-8") as f:
            meta = json.load(f)
        meta["gen_sha256"] = want
        with open(meta_path, "w", encoding="utf-8") as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
    else:
        log("== inputs cached in %s/" % d)
    meta["dir"] = d
    meta["targets"] = os.path.join(d, "targets.csv")
    meta["actuals"] = os.path.join(d, "actuals.csv")
    meta["bytes"] = meta["targets_bytes"] + meta["actuals_bytes"]
    for p in (meta["targets"], meta["actuals"]):  # into the page cache
        with open(p, "rb") as f:
            while f.read(1 << 22):
                pass
    return meta


# --- measurements -------------------------------------------------------------

def timed(argv, runs, errfile, stdout=None):
    return timed_rounds([(argv, errfile, stdout)], runs)[0]


def timed_rounds(cmds, runs):
    """runs rounds, each running every (argv, errfile, stdout) of cmds once
    in turn: the VM's speed drifts by tens of percent over minutes, and a
    ratio of two commands timed minutes apart would measure the drift.
    Round r starts at command r (mod their number): on this VM the third
    two-CPU run in a row was the slowest whatever it ran (with the order
    reversed, json and csv swapped places), so each command takes every
    place in turn. The measurements of each command, in the order of cmds."""
    res = [{"walls": [], "codes": [], "rss": [], "cpus": []} for _ in cmds]
    for rnd in range(runs):
        for k in range(len(cmds)):
            i = (rnd + k) % len(cmds)
            (argv, errfile, stdout), r = cmds[i], res[i]
            w, c, m, u = spawn(argv, stdout=stdout, stderr=errfile, rss=True)
            r["walls"].append(w)
            r["codes"].append(c)
            r["rss"].append(m)
            r["cpus"].append(u)
    return [{"argv": " ".join(shlex.quote(a) for a in argv), "wall_s": r["walls"], "exit": r["codes"],
             "median_s": statistics.median(r["walls"]), "cpu_s": r["cpus"],
             "median_cpu_s": statistics.median(r["cpus"]), "max_rss_bytes": max(r["rss"]),
             "rss_by": GNU_TIME or "wait4", "ok": all(c in (0, 1) for c in r["codes"])}
            for (argv, _, _), r in zip(cmds, res)]


def rates(m, rows, nbytes):
    s = m["median_s"]
    m["rows_per_s"] = rows / s if s > 0 else 0.0
    m["mb_per_s"] = nbytes / 1e6 / s if s > 0 else 0.0
    return m


def verify_output(ps, fmt, meta):
    """One untimed run with stdout read back: how much each format writes,
    and for ndjson the unit totals (to compare with the peer)."""
    p = subprocess.Popen([ps, "score", meta["targets"], meta["actuals"], "-f", fmt],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
    nbytes = nlines = 0
    totals = {}
    if fmt == "ndjson":
        for line in p.stdout:
            nbytes += len(line)
            nlines += 1
            try:
                u = json.loads(line)
                totals[u.get("unit_code")] = u.get("total")
            except ValueError:
                pass
    else:
        while True:
            chunk = p.stdout.read(1 << 20)
            if not chunk:
                break
            nbytes += len(chunk)
            nlines += chunk.count(b"\n")
    code = p.wait()
    return {"verify_exit": code, "output_bytes": nbytes, "output_lines": nlines}, totals


def check_example(ps):
    """Does perfscore score the data/ example right (total 92.60)?"""
    try:
        r = subprocess.run([ps, "score"] + EXAMPLE + ["-f", "json"], capture_output=True, env=ENV,
                           timeout=30)
        doc = json.loads(r.stdout)
        total = doc["units"][0]["total"]
        return {"exit": r.returncode, "total": total, "ok": abs(float(total) - EXAMPLE_TOTAL) < 0.005}
    except (ValueError, KeyError, IndexError, TypeError, subprocess.TimeoutExpired) as e:
        return {"exit": None, "total": None, "ok": False, "error": "%s: %s" % (type(e).__name__, e)}


def startup(ps, runs, python):
    """Median wall time of scoring the example vs `python3 -c pass`."""
    cmds = [[ps, "score"] + EXAMPLE + ["-f", "json"], [python, "-c", "pass"]]
    hf = shutil.which("hyperfine")
    if hf:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tf:
            path = tf.name
        try:
            subprocess.run([hf, "-N", "-i", "--style", "none", "--warmup", "20", "--runs", str(runs),
                            "--export-json", path] + [" ".join(shlex.quote(a) for a in c) for c in cmds],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(path, encoding="utf-8") as f:
                res = json.load(f)["results"]
            med = [r["median"] for r in res]
            tool = "hyperfine %s" % subprocess.run([hf, "--version"], capture_output=True,
                                                     text=True).stdout.split()[-1]
        finally:
            os.unlink(path)
    else:
        times = [[], []]
        for i in range(20 + runs):  # alternate so drift hits both alike
            for k, c in enumerate(cmds):
                w = spawn(c)[0]
                if i >= 20:
                    times[k].append(w)
        med = [statistics.median(t) for t in times]
        tool = "python posix_spawn loop"
    return {"tool": tool, "runs": runs, "perfscore_ms": med[0] * 1e3, "python_ms": med[1] * 1e3,
            "python": python, "ratio_python_over_perfscore": med[1] / med[0] if med[0] else 0.0}


def agreement(peer_path, totals):
    """Units whose total the peer and perfscore agree on (to the cent)."""
    with open(peer_path, encoding="utf-8") as f:
        peer = json.load(f)
    same = n = 0
    for u in peer["units"]:
        t = totals.get(u["unit_code"])
        if t is None:
            continue
        n += 1
        same += abs(float(t) - u["total"]) < 0.005
    return {"units_compared": n, "units_same_total": same, "share": same / n if n else 0.0}


# --- report -------------------------------------------------------------------

def python_for(given):
    """The distribution's CPython by default: a version manager's shim or an
    unoptimised build would make the peer and `python3 -c pass` look slower
    than the Python a user has."""
    if given:
        return os.path.abspath(given) if os.path.exists(given) else shutil.which(given)
    if os.access("/usr/bin/python3", os.X_OK):
        return "/usr/bin/python3"
    return sys.executable


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": cpu, "cpus": os.cpu_count(), "system": platform.platform(),
            "python": platform.python_version()}


def git_info():
    def git(*a):
        r = subprocess.run(["git"] + list(a), capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else ""
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


def mb(n):
    return "%.1f MB" % (n / 1e6)


def report(res):
    """The results as a Markdown table (also printed)."""
    inp = res["input"]
    L = []
    L.append("perfscore %s%s on %s (%d CPUs), %s" % (
        res["git"]["commit"], " (dirty)" if res["git"]["dirty"] else "", res["machine"]["cpu"] or "?",
        res["machine"]["cpus"] or 0, res["when"]))
    L.append("")
    L.append("Input: %s units × 12 indicators = %s rows; targets.csv %s + actuals.csv %s = %s; "
             "%s distinct rule texts." % (
                 format(inp["units"], ","), format(inp["indicators"], ","), mb(inp["targets_bytes"]),
                 mb(inp["actuals_bytes"]), mb(inp["bytes"]), format(inp["distinct_rules"], ",")))
    L.append("")
    if res.get("sink"):
        L.append("Outputs of perfscore and the peer go to %s." % res["sink"])
        L.append("")
    L.append("| run | median s | CPU s | rows/s | MB/s | × floor | × peer | peak RSS | exit |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    floor, peer = res.get("floor"), res.get("peer")

    def row(name, m):
        vf = "%.2f" % (floor["median_s"] / m["median_s"]) if floor and m["median_s"] else "—"
        vp = "%.1f" % (peer["median_s"] / m["median_s"]) if peer and m["median_s"] else "—"
        L.append("| %s | %.3f | %.3f | %s | %.1f | %s | %s | %s | %s |" % (
            name, m["median_s"], m["median_cpu_s"], format(int(m["rows_per_s"]), ","), m["mb_per_s"], vf, vp,
            mb(m["max_rss_bytes"]), ",".join(str(c) for c in sorted(set(m["exit"])))))
    for fmt, m in res["perfscore"].items():
        row("perfscore -f %s (median of %d)" % (fmt, len(m["wall_s"])), m)
    if floor:
        row("libcsv floor (median of %d)" % len(floor["wall_s"]), floor)
    if peer:
        row("Python peer, %s (%d run%s)" % (peer["python"], len(peer["wall_s"]), "" if len(peer["wall_s"]) == 1 else "s"), peer)
    L.append("")
    L.append("× floor: the floor's time over this run's (1.00 = as fast as parsing the bytes with "
             "libcsv alone); × peer: the peer's time over this run's. Wall times (median s) make "
             "the ratios; CPU s (user + system) is less disturbed by other load.")
    la = res.get("load")
    if la and max(la["before"][0], la["after"][0]) > (res["machine"]["cpus"] or 1):
        L.append("")
        L.append("**The machine was loaded** (1-minute load average %.1f before, %.1f after, on %d CPUs): "
                 "wall times are inflated; compare the CPU-time ratios in the goals table." % (
                     la["before"][0], la["after"][0], res["machine"]["cpus"] or 0))
    st = res.get("startup")
    if st:
        L.append("")
        L.append("Start-up, data/ example, median of %d (%s): perfscore %.2f ms; `%s -c pass` %.2f ms "
                 "(perfscore takes %.2f× Python's time)." % (
                     st["runs"], st["tool"], st["perfscore_ms"], st["python"], st["python_ms"],
                     st["perfscore_ms"] / st["python_ms"] if st["python_ms"] else 0))
    ex = res.get("example")
    if ex:
        L.append("")
        L.append("data/ example: total %s, exit %s (%s)." % (
            ex.get("total"), ex.get("exit"), "correct" if ex.get("ok") else "NOT the expected 92.60"))
    ag = res.get("agreement")
    if ag:
        L.append("Peer and perfscore give the same unit total for %s of %s units (%.1f%%)." % (
            format(ag["units_same_total"], ","), format(ag["units_compared"], ","), ag["share"] * 100))
    L.append("")
    L.append("| goal | measured | by CPU time | target | met |")
    L.append("|---|---:|---:|---:|---|")
    for g in res["goals"]:
        L.append("| %s | %s | %s | %s | %s |" % (g["goal"], g["measured"], g.get("cpu", "—"), g["target"],
                                               "yes" if g["met"] else "**no**"))
    return "\n".join(L) + "\n"


def goals(res):
    out = []
    ps = res["perfscore"]
    ok = all(m["ok"] for m in ps.values()) and res.get("example", {}).get("ok", False)
    worst = max(ps.values(), key=lambda m: m["median_s"])
    worst_cpu = max(m["median_cpu_s"] for m in ps.values())
    floor, peer, st = res.get("floor"), res.get("peer"), res.get("startup")
    if floor:
        v = floor["median_s"] / worst["median_s"]
        out.append({"goal": "throughput vs libcsv floor (slowest format)", "value": v,
                    "measured": "%.2f×" % v, "cpu": "%.2f×" % (floor["median_cpu_s"] / worst_cpu), "target": "≥ %.2f×" % GOAL_FLOOR, "met": ok and v >= GOAL_FLOOR})
    if peer:
        v = peer["median_s"] / worst["median_s"]
        out.append({"goal": "speed vs Python peer (slowest format)", "value": v,
                    "measured": "%.1f×" % v, "cpu": "%.1f×" % (peer["median_cpu_s"] / worst_cpu), "target": "≥ %g×" % GOAL_PEER, "met": ok and v >= GOAL_PEER})
    if st:
        v = st["perfscore_ms"]
        out.append({"goal": "start-up on the data/ example, median", "value": v,
                    "measured": "%.2f ms" % v, "target": "< %g ms" % GOAL_STARTUP, "met": ok and v < GOAL_STARTUP})
    rss = max(m["max_rss_bytes"] for m in ps.values())
    v = rss / res["input"]["targets_bytes"]
    out.append({"goal": "peak RSS / targets.csv size (largest format)", "value": v,
                "measured": "%.2f× (%s)" % (v, mb(rss)), "target": "≤ %g×" % GOAL_RSS,
                "met": ok and v <= GOAL_RSS})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark perfscore (see bench/README.md).")
    ap.add_argument("--units", type=int, default=100000, help="units to generate (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=4, help="rounds of timed runs, each running every format and the floor once, "
                    "starting one command later each round (default 4: with three formats, each command in every place once)")
    ap.add_argument("--peer-runs", type=int, default=1, help="runs of the Python peer (default 1; 0 skips it)")
    ap.add_argument("--startup-runs", type=int, default=200)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--perfscore", help="use this binary instead of building one")
    ap.add_argument("--python", help="CPython for the peer and the start-up baseline "
                    "(default /usr/bin/python3 if present, else this interpreter)")
    ap.add_argument("--agree", choices=["auto", "yes", "no"], default="auto",
                    help="compare unit totals with the peer (auto: up to 20000 units; it needs memory)")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    os.makedirs(OUT, exist_ok=True)
    global GNU_TIME, SINK
    GNU_TIME = find_gnu_time()
    SINK, sink_what = null_sink()
    python = python_for(args.python)

    ps, floor_bin = build(args)
    load_before = os.getloadavg()
    meta = inputs(args.units, args.seed)
    rows, nbytes = meta["indicators"], meta["bytes"]
    res = {"when": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
           "machine": machine(), "git": git_info(),
           "input": {k: meta[k] for k in ("units", "seed", "indicators", "distinct_rules", "targets_bytes",
                                          "actuals_bytes", "bytes", "dir")},
           "sink": sink_what, "perfscore": {}}

    log("== data/ example")
    res["example"] = check_example(ps)
    if not res["example"]["ok"]:
        log("   perfscore does not score data/ as expected: %s" % res["example"])

    formats = [f for f in args.formats.split(",") if f]
    totals, checks, cmds = {}, {}, []
    for fmt in formats:
        log("== perfscore -f %s (output checked)" % fmt)
        v, t = verify_output(ps, fmt, meta)
        totals.update(t)
        checks[fmt] = v
        cmds.append(([ps, "score", meta["targets"], meta["actuals"], "-f", fmt],
                     os.path.join(meta["dir"], "perfscore-%s.stderr" % fmt), SINK))
    ferr = os.path.join(meta["dir"], "csvfloor.stderr")
    fout = os.path.join(meta["dir"], "csvfloor.out")
    cmds.append(([floor_bin, meta["targets"], meta["actuals"]], ferr, fout))
    log("== %d rounds of: %s, libcsv floor" % (args.runs, ", ".join("perfscore -f " + f for f in formats)))
    timings = timed_rounds(cmds, args.runs)
    for fmt, (_, err, _), m in zip(formats, cmds, timings):
        m = rates(m, rows, nbytes)
        m.update(checks[fmt])
        m["stderr_lines"] = count_lines(err)
        m["stderr_tail"] = tail(err, 3)
        if not m["ok"]:
            log("   -f %s: exit %s; stderr ends: %s" % (fmt, m["exit"], m["stderr_tail"]))
        res["perfscore"][fmt] = m
    res["floor"] = rates(timings[-1], rows, nbytes)
    with open(fout, encoding="utf-8") as f:
        res["floor"]["self_report"] = json.loads(f.read() or "{}")

    agree = args.agree == "yes" or (args.agree == "auto" and args.units <= 20000)
    if args.peer_runs > 0:
        log("== Python peer (%d run%s)" % (args.peer_runs, "" if args.peer_runs == 1 else "s"))
        pout = os.path.join(meta["dir"], "peer.json") if agree else SINK
        res["peer"] = rates(timed([python, "bench/peer/score.py", meta["targets"], meta["actuals"],
                                   "-o", pout], args.peer_runs, os.path.join(meta["dir"], "peer.stderr")),
                            rows, nbytes)
        res["peer"]["python"] = python
        if agree and totals and res["peer"]["ok"]:
            res["agreement"] = agreement(pout, totals)

    if args.startup_runs > 0:
        log("== start-up (%d runs)" % args.startup_runs)
        res["startup"] = startup(ps, args.startup_runs, python)

    res["load"] = {"before": load_before, "after": os.getloadavg()}
    res["goals"] = goals(res)
    md = report(res)
    with open(os.path.join(OUT, "results.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
    with open(os.path.join(OUT, "results.md"), "w", encoding="utf-8") as f:
        f.write(md)
    print(md)
    log("wrote %s/results.json and %s/results.md" % (OUT, OUT))
    return 0 if all(g["met"] for g in res["goals"]) else 1


if __name__ == "__main__":
    sys.exit(main())
