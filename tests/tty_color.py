#!/usr/bin/env python3
"""tty_color.py: colour only on a terminal, and never with NO_COLOR (SPEC
§6.6), whatever its value, even empty. Runs `perfscore score` with standard
output on a pseudo-terminal, on a pipe, and into an -o file.

usage: tty_color.py PERFSCORE TARGETS ACTUALS
"""
import os
import pty
import subprocess
import sys
import tempfile

ESC = b"\x1b["


def run_on_pty(argv, env):
    """stdout and stderr on a pty; returns (exit status, bytes written)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the pty
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    perfscore, targets, actuals = sys.argv[1:]
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    base.update(LC_ALL="C", COLUMNS="120", TERM="xterm")
    argv = [perfscore, "score", targets, actuals]
    errs = []

    rc, out = run_on_pty(argv, base)
    if rc != 0 or ESC not in out:
        errs.append(f"terminal, no NO_COLOR: exit {rc}, colour {ESC in out} (want 0, True)")
    for value in ("1", "", "0", "false"):
        rc, out = run_on_pty(argv, dict(base, NO_COLOR=value))
        if rc != 0 or ESC in out:
            errs.append(f"terminal, NO_COLOR={value!r}: exit {rc}, colour {ESC in out} (want 0, False)")
    p = subprocess.run(argv + ["-f", "table"], capture_output=True, env=base)
    if p.returncode != 0 or ESC in p.stdout or not p.stdout:
        errs.append(f"pipe: exit {p.returncode}, colour {ESC in p.stdout} (want 0, False)")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "report.txt")
        rc, out = run_on_pty(argv + ["-o", path], base)
        with open(path, "rb") as f:
            data = f.read()
        if rc != 0 or ESC in data or not data:
            errs.append(f"-o file from a terminal: exit {rc}, colour {ESC in data} (want 0, False)")
    for e in errs:
        print("FAIL:", e)
    if errs:
        sys.exit(1)
    print("ok: colour on a terminal only, never with NO_COLOR (set, empty, 0), never in a pipe or file")


if __name__ == "__main__":
    main()
