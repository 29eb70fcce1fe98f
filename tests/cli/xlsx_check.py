#!/usr/bin/env python3
"""A second .xlsx reader for the tests (zipfile + xml.etree only): checks the
workbooks duikou writes against the JSON of the same data, and fills a
template's first sheet with rows.

  xlsx_check.py records BOOK.xlsx EXPORT.json   first sheet = the records (any order)
  xlsx_check.py report  BOOK.xlsx REPORT.json   report --format xlsx --lang en vs its JSON
  xlsx_check.py pivot   BOOK.xlsx PIVOT.json    the pivot's sheet and rows vs its JSON
  xlsx_check.py template BOOK.xlsx KINDS.json   template: headers, drop-downs, sheets
  xlsx_check.py fill    TEMPLATE.xlsx EXPORT.json OUT.xlsx   rows into the first sheet
  xlsx_check.py dump    BOOK.xlsx               every sheet's cells, for a person

Prints "ok: …" and exits 0, or prints each problem and exits 1."""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
RELNS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BUILTIN_DATES = set(range(14, 23)) | {45, 46, 47}
problems = []


def bad(msg):
    problems.append(msg)


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1, int(ref[len(letters):])


class Book:
    def __init__(self, path):
        self.z = zipfile.ZipFile(path)
        wb = ET.fromstring(self.z.read("xl/workbook.xml"))
        rels = ET.fromstring(self.z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iter(RELNS + "Relationship")}
        pr = wb.find("m:workbookPr", NS)
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.sheets = []
        for s in wb.find("m:sheets", NS):
            t = targets[s.get("{%s}id" % NS["r"])].lstrip("/")
            if not t.startswith("xl/"):
                t = "xl/" + t
            self.sheets.append((s.get("name"), s.get("state") or "visible", t))
        self.strings = []
        if "xl/sharedStrings.xml" in self.z.namelist():
            for si in ET.fromstring(self.z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
        st = ET.fromstring(self.z.read("xl/styles.xml"))
        fmts = {}
        nf = st.find("m:numFmts", NS)
        if nf is not None:
            for f in nf:
                fmts[int(f.get("numFmtId"))] = f.get("formatCode")
        self.xf = []
        for x in st.find("m:cellXfs", NS):
            fid = int(x.get("numFmtId") or 0)
            self.xf.append((fid, fmts.get(fid, "")))

    def is_date_style(self, s):
        fid, code = self.xf[s] if s < len(self.xf) else (0, "")
        return fid in BUILTIN_DATES or ("y" in code.lower() and "d" in code.lower())

    def sheet(self, name):
        for n, state, t in self.sheets:
            if n == name:
                return Sheet(self, ET.fromstring(self.z.read(t)), n, state)
        raise KeyError(name)

    def first(self):
        return self.sheet(self.sheets[0][0])


class Cell:
    def __init__(self, kind, value, fmt):
        self.kind, self.value, self.fmt = kind, value, fmt  # kind: str, num, date, bool


class Sheet:
    def __init__(self, book, root, name, state):
        self.name, self.state, self.root = name, state, root
        self.cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            col, row = col_index(c.get("r"))
            t = c.get("t") or "n"
            s = int(c.get("s") or 0)
            v = c.find("m:v", NS)
            fmt = book.xf[s][1] if s < len(book.xf) else ""
            if t == "s":
                cell = Cell("str", book.strings[int(v.text)], fmt)
            elif t == "inlineStr":
                cell = Cell("str", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])), fmt)
            elif t == "str":
                cell = Cell("str", v.text or "", fmt)
            elif t == "b":
                cell = Cell("bool", v.text == "1", fmt)
            elif v is None:
                continue
            elif book.is_date_style(s):
                base = datetime.date(1904, 1, 1) if book.date1904 else datetime.date(1899, 12, 30)
                cell = Cell("date", (base + datetime.timedelta(days=int(float(v.text)))).isoformat(), fmt)
            else:
                f = float(v.text)
                cell = Cell("num", int(f) if f == int(f) else f, fmt)
            self.cells[(row, col)] = cell
        self.nrows = max([r for r, _ in self.cells] or [0])
        self.ncols = max([c + 1 for _, c in self.cells] or [0])

    def frozen_header(self):
        p = self.root.find("m:sheetViews/m:sheetView/m:pane", NS)
        return p is not None and p.get("state") == "frozen" and p.get("ySplit") == "1"

    def autofilter(self):
        a = self.root.find("m:autoFilter", NS)
        return a.get("ref") if a is not None else None

    def validations(self):
        dv = self.root.find("m:dataValidations", NS)
        out = []
        for v in (dv if dv is not None else []):
            f = v.find("m:formula1", NS)
            out.append((v.get("type"), v.get("sqref"), f.text if f is not None else None))
        return out

    def header(self):
        return [self.cells[(1, c)].value if (1, c) in self.cells else None for c in range(self.ncols)]

    def row(self, r, n):
        return [self.cells.get((r, c)) for c in range(n)]


def check_cell(where, cell, want):
    """WANT: a JSON value of the export or report."""
    if want is None or want == "":
        if cell is not None:
            bad("%s: expected empty, found %r" % (where, cell.value))
        return
    if cell is None:
        bad("%s: expected %r, found an empty cell" % (where, want))
    elif isinstance(want, bool):
        if cell.kind != "str" or cell.value != ("true" if want else "false"):
            bad("%s: expected %r, found %s %r" % (where, want, cell.kind, cell.value))
    elif isinstance(want, (int, float)):
        if cell.kind != "num":
            bad("%s: expected the number %r, found %s %r" % (where, want, cell.kind, cell.value))
        elif abs(cell.value - want) > 1e-9:
            bad("%s: expected %r, found %r" % (where, want, cell.value))
        elif isinstance(want, int) and abs(want) >= 10000 and "#,##0" not in cell.fmt:
            bad("%s: the amount %r has no #,##0 format (%r)" % (where, want, cell.fmt))
    elif isinstance(want, str) and DATE_RE.match(want):
        if cell.kind != "date":
            bad("%s: expected the date %s as a date serial in a date format, found %s %r" %
                (where, want, cell.kind, cell.value))
        elif cell.value != want:
            bad("%s: expected %s, found %s" % (where, want, cell.value))
    elif isinstance(want, list):
        text = ", ".join(str(x) for x in want)
        if cell.kind != "str" or cell.value != text:
            bad("%s: expected %r, found %r" % (where, text, cell.value))
    else:
        if cell.kind != "str":
            bad("%s: expected the text %r, found %s %r" % (where, want, cell.kind, cell.value))
        elif cell.value != want:
            bad("%s: expected %r, found %r" % (where, want, cell.value))


def check_layout(sh, nrows, ncols):
    if not sh.frozen_header():
        bad("%s: the header row is not frozen" % sh.name)
    ref = sh.autofilter()
    last = "%s%d" % (col_letter(ncols - 1), nrows + 1)
    if ref != "A1:" + last:
        bad("%s: autofilter %r, expected A1:%s" % (sh.name, ref, last))


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def records(book_path, export_path):
    rows = json.load(open(export_path))
    sh = Book(book_path).first()
    if not rows:
        if sh.nrows > 1:
            bad("%s: %d rows, the export has none" % (sh.name, sh.nrows - 1))
        return "0 rows"
    keys = list(rows[0].keys())
    if sh.header() != keys:
        bad("%s: header %r, expected %r" % (sh.name, sh.header(), keys))
    if sh.nrows - 1 != len(rows):
        bad("%s: %d rows, the export has %d" % (sh.name, sh.nrows - 1, len(rows)))
    check_layout(sh, len(rows), len(keys))
    # match the rows by their text, in any order, then check each cell's type
    def text_of(vals):
        return json.dumps(["" if v is None else str(v) for v in vals], ensure_ascii=False)
    by_text = {}
    for r in range(2, sh.nrows + 1):
        cells = sh.row(r, len(keys))
        by_text.setdefault(text_of([c.value if c else None for c in cells]), []).append((r, cells))
    for i, want in enumerate(rows):
        vals = [want[k] for k in keys]
        got = by_text.get(text_of(vals))
        if not got:
            bad("%s: no row holds %r" % (sh.name, vals))
            continue
        r, cells = got.pop()
        for c, k in enumerate(keys):
            check_cell("%s!%s%d:%s" % (sh.name, col_letter(c), r, k), cells[c], want[k])
    return "%d rows × %d columns" % (len(rows), len(keys))


def at_path(obj, path):
    """The value at PATH, None where an item has no such key (a table's
    column is every key that any of its items has)."""
    for part in path.split("."):
        if isinstance(obj, list):
            obj = obj[int(part) - 1]
        elif isinstance(obj, dict) and part in obj:
            obj = obj[part]
        else:
            return None
    return obj


def leaves(obj, prefix=""):
    for k, v in obj.items():
        p = prefix + "." + k if prefix else k
        if isinstance(v, dict):
            yield from leaves(v, p)
        else:
            yield p


def report(book_path, json_path):
    rep = json.load(open(json_path))
    book = Book(book_path)
    checked = 0
    names = [n for n, _, _ in book.sheets]
    for name in names:
        sh = book.sheet(name)
        hdr = sh.header()
        n = sh.nrows - 1
        check_layout(sh, n, len(hdr))
        if hdr == ["item", "value"]:
            base = rep if name == "summary" else rep[name]
            for r in range(2, sh.nrows + 1):
                item = sh.cells[(r, 0)].value
                check_cell("%s!B%d:%s" % (name, r, item), sh.cells.get((r, 1)), at_path(base, item))
                checked += 1
        else:
            arr = rep[name]
            if n != len(arr):
                bad("%s: %d rows, the JSON has %d" % (name, n, len(arr)))
            # every key of every item has its column
            cols = set(hdr)
            for i, item in enumerate(arr):
                for path in leaves(item):
                    if path not in cols:
                        bad("%s: no column for %s (row %d)" % (name, path, i + 2))
            for i, item in enumerate(arr):
                for c, path in enumerate(hdr):
                    check_cell("%s!%s%d:%s" % (name, col_letter(c), i + 2, path),
                               sh.cells.get((i + 2, c)), at_path(item, path))
                    checked += 1
    # every section of the JSON has its sheet
    for k, v in rep.items():
        if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict)):
            if k not in names:
                bad("the JSON's section %s has no sheet" % k)
    return "%d sheets, %d figures" % (len(names), checked)


def pivot(book_path, json_path):
    p = json.load(open(json_path))
    book = Book(book_path)
    sh = book.sheet("pivot")
    years = p["years"]
    hdr = sh.header()
    want_hdr = ["county_code", "county", "supporter_code", "supporter"] + [str(y) for y in years] + ["total"]
    if hdr != want_hdr:
        bad("pivot: header %r, expected %r" % (hdr, want_hdr))
    check_layout(sh, sh.nrows - 1, len(hdr))
    cell_sum = {}
    for r in p["rows"]:
        key = (r["county_code"], r["supporter_code"])
        cell_sum.setdefault(key, {})
        cell_sum[key][r["year"]] = cell_sum[key].get(r["year"], 0) + r["amount"]
    seen = 0
    for row in range(2, sh.nrows):
        key = (sh.cells[(row, 0)].value, sh.cells[(row, 2)].value)
        if key not in cell_sum:
            bad("pivot row %d: %r is not in the JSON" % (row, key))
            continue
        seen += 1
        for i, y in enumerate(years):
            check_cell("pivot!%s%d" % (col_letter(4 + i), row), sh.cells.get((row, 4 + i)),
                       cell_sum[key].get(y, 0))
        check_cell("pivot!total%d" % row, sh.cells.get((row, 4 + len(years))), sum(cell_sum[key].values()))
    if seen != len(cell_sum):
        bad("pivot: %d county × supporter rows, the JSON has %d" % (seen, len(cell_sum)))
    last = sh.nrows
    for i, y in enumerate(years):
        check_cell("pivot!%s%d (total)" % (col_letter(4 + i), last), sh.cells.get((last, 4 + i)),
                   sum(r["amount"] for r in p["rows"] if r["year"] == y))
    check_cell("pivot!grand total", sh.cells.get((last, 4 + len(years))), p["total"])
    # the cumulative sheet: each year's cell the running total of the
    # JSON's amounts through that year (summed here from the rows, not read
    # from the JSON's cumulative keys); the in-kind sheet: the in_kind parts
    kind_sum = {}
    for r in p["rows"]:
        key = (r["county_code"], r["supporter_code"])
        kind_sum.setdefault(key, {})
        kind_sum[key][r["year"]] = kind_sum[key].get(r["year"], 0) + r["in_kind"]
    for name, sums, cumulative in (("cumulative", cell_sum, True), ("in_kind", kind_sum, False)):
        sh = book.sheet(name)
        want_hdr = ["county_code", "county", "supporter_code", "supporter"] + [str(y) for y in years]
        if not cumulative:
            want_hdr.append("total")
        if sh.header() != want_hdr:
            bad("%s: header %r, expected %r" % (name, sh.header(), want_hdr))
        for row in range(2, sh.nrows):
            key = (sh.cells[(row, 0)].value, sh.cells[(row, 2)].value)
            if key not in sums:
                bad("%s row %d: %r is not in the JSON" % (name, row, key))
                continue
            for i, y in enumerate(years):
                want = sum(v for yy, v in sums[key].items() if (yy <= y if cumulative else yy == y))
                check_cell("%s!%s%d" % (name, col_letter(4 + i), row), sh.cells.get((row, 4 + i)), want)
        last = sh.nrows
        for i, y in enumerate(years):
            want = sum(v for k in sums for yy, v in sums[k].items() if (yy <= y if cumulative else yy == y))
            check_cell("%s!%s%d (total)" % (name, col_letter(4 + i), last), sh.cells.get((last, 4 + i)), want)
    rows = book.sheet("rows")
    if rows.nrows - 1 != len(p["rows"]):
        bad("rows: %d rows, the JSON has %d" % (rows.nrows - 1, len(p["rows"])))
    for i, r in enumerate(p["rows"]):
        check_cell("rows!E%d" % (i + 2), rows.cells.get((i + 2, 4)), r["year"])
        check_cell("rows!F%d" % (i + 2), rows.cells.get((i + 2, 5)), r["amount"])
        check_cell("rows!G%d" % (i + 2), rows.cells.get((i + 2, 6)), r["in_kind"])
        check_cell("rows!H%d" % (i + 2), rows.cells.get((i + 2, 7)), r["cumulative"])
        check_cell("rows!I%d" % (i + 2), rows.cells.get((i + 2, 8)), r["cumulative_in_kind"])
    return "%d county × supporter rows, %d years" % (len(cell_sum), len(years))


def template(book_path, spec_path):
    """SPEC: {"headers": [...], "lists": [column letters with a drop-down],
    "example_sheet": name, "instructions": name}"""
    spec = json.load(open(spec_path))
    book = Book(book_path)
    first = book.first()
    if first.header() != spec["headers"]:
        bad("template: header %r, expected %r" % (first.header(), spec["headers"]))
    if first.nrows != 1:
        bad("template: the data sheet has %d rows, expected the header alone" % first.nrows)
    if not first.frozen_header():
        bad("template: the header is not frozen")
    if not first.autofilter():
        bad("template: no autofilter")
    states = {n: s for n, s, _ in book.sheets}
    if states.get("lists") != "hidden":
        bad("template: the lists sheet is %r, expected hidden" % states.get("lists"))
    lists = book.sheet("lists")
    got = {}
    for typ, sqref, f in first.validations():
        if typ != "list" or not f or not f.startswith("lists!"):
            bad("template: validation %r %r %r does not refer to the lists sheet" % (typ, sqref, f))
            continue
        col = re.match(r"[A-Z]+", sqref).group(0)
        m = re.match(r"lists!\$([A-Z])\$2:\$[A-Z]\$(\d+)$", f)
        values = [lists.cells[(r, ord(m.group(1)) - 65)].value for r in range(2, int(m.group(2)) + 1)]
        got[col] = values
    for col, must in spec["lists"].items():
        if col not in got:
            bad("template: column %s has no drop-down" % col)
        else:
            for v in must:
                if v not in got[col]:
                    bad("template: the drop-down of %s lacks %r (has %d values)" % (col, v, len(got[col])))
    ex = book.sheet(spec["example_sheet"])
    if ex.header() != spec["headers"] or ex.nrows != 2:
        bad("template: the example sheet has %d rows / header %r" % (ex.nrows, ex.header()))
    ins = book.sheet(spec["instructions"])
    if ins.nrows < 4:
        bad("template: the instructions sheet is nearly empty")
    return "%d columns, %d drop-downs" % (len(spec["headers"]), len(got))


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def fill(book_path, export_path, out_path):
    """Writes the export's rows into the first sheet from row 2: numbers as
    numbers, everything else as inline strings (as another program might)."""
    rows = json.load(open(export_path))
    zin = zipfile.ZipFile(book_path)
    book = Book(book_path)
    target = book.sheets[0][2]
    xml = zin.read(target).decode("utf-8")
    out = []
    for i, row in enumerate(rows):
        r = i + 2
        cells = []
        for c, v in enumerate(row.values()):
            ref = "%s%d" % (col_letter(c), r)
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, xml_escape(str(v))))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    if "</sheetData>" not in xml:
        bad("fill: no sheetData in %s" % target)
        return ""
    xml = xml.replace("</sheetData>", "".join(out) + "</sheetData>", 1)
    zout = zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = xml.encode("utf-8") if item.filename == target else zin.read(item.filename)
        zout.writestr(item, data)
    zout.close()
    return "%d rows written" % len(rows)


def dump(book_path):
    book = Book(book_path)
    for n, state, _ in book.sheets:
        sh = book.sheet(n)
        print("== %s (%s) frozen=%s filter=%s" % (n, state, sh.frozen_header(), sh.autofilter()))
        for r in range(1, sh.nrows + 1):
            print(r, [(c.kind, c.value) if c else None for c in sh.row(r, sh.ncols)])
    return ""


def main():
    cmds = {"records": records, "report": report, "pivot": pivot, "template": template, "fill": fill,
            "dump": dump}
    if len(sys.argv) < 3 or sys.argv[1] not in cmds:
        print(__doc__, file=sys.stderr)
        return 2
    what = cmds[sys.argv[1]](*sys.argv[2:])
    for p in problems[:40]:
        print("FAIL:", p)
    if problems:
        print("%d problems (%s)" % (len(problems), sys.argv[2]))
        return 1
    print("ok: %s %s" % (sys.argv[2], what))
    return 0


if __name__ == "__main__":
    sys.exit(main())
