#!/usr/bin/env python3
"""dump.py: an .xlsx read back cell by cell, for golden tests of `-f xlsx`.

Usage: dump.py FILE.xlsx [SHEET...]

Reads the zip with the standard library only (zipfile + xml.etree): the
workbook's sheet names in tab order, then per sheet its frozen pane, its
merged ranges and every cell that holds something, one per line:

    sheet 1 "常宁市农村饮水安全管理站"
    freeze A6
    merge A1:H1
    A1 s 项目支出绩效自评表
    C4 n 500
    G6 n 18.33  [0.00]
    G6 comment 无评分标准，按国家默认规则：11÷12×20=18.33分

s = text (shared or inline string), n = number (the shortest text of its
double, so 88.15 whatever digits the writer used), f = a formula (an error here:
the reports write values, never formulas). A number cell shows its number
format in brackets when it has one other than General. Exit 1 on a malformed
file, a formula, or a sheet without cells.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def text_of(si):
    """The text of a shared-string item (plain or rich runs)."""
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def number(text):
    """The shortest text of the double a reader gets: libxlsxwriter writes
    17 significant digits (88.15000000000001), which is the same double as
    88.15, the nearest to the exact decimal."""
    r = repr(float(text))
    return r[:-2] if r.endswith(".0") else r


def number_formats(z):
    """Style index -> number format code (None for General)."""
    if "xl/styles.xml" not in z.namelist():
        return {}
    st = ET.fromstring(z.read("xl/styles.xml"))
    codes = {int(f.get("numFmtId")): f.get("formatCode") for f in st.iterfind("m:numFmts/m:numFmt", NS)}
    builtin = {0: None, 10: "0.00%", 2: "0.00", 4: "#,##0.00"}
    out = {}
    for i, xf in enumerate(st.iterfind("m:cellXfs/m:xf", NS)):
        nid = int(xf.get("numFmtId", "0"))
        code = codes.get(nid, builtin.get(nid, "fmt%d" % nid))
        out[i] = None if code in (None, "General") else code
    return out


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    z = zipfile.ZipFile(argv[1])
    wanted = set(argv[2:])
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text_of(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iterfind("m:si", NS)]
    fmts = number_formats(z)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    bad = False
    for n, sh in enumerate(wb.iterfind("m:sheets/m:sheet", NS), 1):
        name = sh.get("name")
        if wanted and name not in wanted and str(n) not in wanted:
            continue
        target = rels[sh.get("{%s}id" % NS["r"])]
        path = "xl/" + target if not target.startswith("/") else target[1:]
        ws = ET.fromstring(z.read(path))
        print('sheet %d "%s"' % (n, name))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is not None and pane.get("state") == "frozen":
            print("freeze %s" % pane.get("topLeftCell"))
        for mc in ws.iterfind("m:mergeCells/m:mergeCell", NS):
            print("merge %s" % mc.get("ref"))
        comments = {}
        relpath = path.replace("worksheets/", "worksheets/_rels/") + ".rels"
        if relpath in z.namelist():
            for r in ET.fromstring(z.read(relpath)):
                if r.get("Type", "").endswith("/comments"):
                    cpath = "xl/" + r.get("Target").replace("../", "")
                    for c in ET.fromstring(z.read(cpath)).iterfind("m:commentList/m:comment", NS):
                        comments[c.get("ref")] = text_of(c.find("m:text", NS))
        cells = 0
        for c in ws.iterfind("m:sheetData/m:row/m:c", NS):
            ref, t = c.get("r"), c.get("t")
            if c.find("m:f", NS) is not None:
                print("%s f FORMULA" % ref)
                bad = True
                continue
            v = c.find("m:v", NS)
            if t == "s":
                print("%s s %s" % (ref, shared[int(v.text)].replace("\n", "\\n")))
            elif t == "inlineStr":
                print("%s s %s" % (ref, text_of(c.find("m:is", NS)).replace("\n", "\\n")))
            elif v is not None:
                code = fmts.get(int(c.get("s", "0")))
                print("%s n %s%s" % (ref, number(v.text), "  [%s]" % code if code else ""))
            else:
                continue
            cells += 1
            if ref in comments:
                print("%s comment %s" % (ref, comments[ref].replace("\n", "\\n")))
        if not cells:
            bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
