#!/usr/bin/env python3
"""mincorp.py CTL OUTDIR CAP KEEPDIR: choose the committed corpus of a target by
greedy maximum coverage over the COV lines of a libFuzzer merge control file
(-merge=1 -merge_control_file=CTL): every file of KEEPDIR (the regressions, which
keep their crash-* names) first, then the file that adds the most new edges (the
smaller on a tie), until no file adds an edge or CAP files are chosen. Copies them
to OUTDIR, the others named by their SHA-1. See docs/fuzzing.md."""
import hashlib, os, shutil, sys
ctl, out, cap, keep = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lines = open(ctl).read().split("\n")
nfiles = int(lines[0]); files = lines[2:2 + nfiles]
cov = {i: set() for i in range(nfiles)}
for l in lines[2 + nfiles:]:
    p = l.split()
    if p and p[0] == "COV":
        cov[int(p[1])] = set(p[2:])
allcov = set().union(*cov.values())
keepnames = set(os.listdir(keep)) if os.path.isdir(keep) else set()
chosen, have, seen = [], set(), set()
for i, f in enumerate(files):
    if os.path.basename(f) in keepnames and os.path.basename(f) not in seen:
        seen.add(os.path.basename(f)); chosen.append(i); have |= cov[i]
rest = set(range(nfiles)) - set(chosen)
size = {i: os.path.getsize(files[i]) for i in range(nfiles)}
while len(chosen) < cap:
    best = max(rest, key=lambda i: (len(cov[i] - have), -size[i]), default=None)
    if best is None or not cov[best] - have:
        break
    chosen.append(best); have |= cov[best]; rest.discard(best)
os.makedirs(out, exist_ok=True)
for i in chosen:
    data = open(files[i], "rb").read()
    base = os.path.basename(files[i])
    name = base if base in keepnames else hashlib.sha1(data).hexdigest()
    shutil.copy(files[i], os.path.join(out, name))
print(f"{len(chosen)} files, {len(have)}/{len(allcov)} edges, {sum(size[i] for i in chosen)} bytes")
