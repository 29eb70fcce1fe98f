#!/usr/bin/env bash
# duikou import/export with .xlsx: every kind round-trips through a workbook,
# a bad cell is named FILE:SHEET!B37:COLUMN, `import workbook` is all or
# nothing, and the written cells have the right types (python3 when present).
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/import
KINDS="pairings conferences projects status funds labour training plans visits"

"$DUIKOU" --db "$(db_url a.db)" init >/dev/null || bad "init"
for k in $KINDS; do "$DUIKOU" --db "$(db_url a.db)" import "$k" "$DATA/$k.csv" >/dev/null || bad "import $k csv"; done

# round trip: xlsx export, import into a fresh database, compare the CSV exports
mkdir x one two
for k in $KINDS; do
  expect_status 0 "export $k xlsx" -- "$DUIKOU" --db "$(db_url a.db)" export "$k" --format xlsx -o "x/$k.xlsx"
  [ ! -e "x/$k.xlsx.tmp" ] && ok || bad "x/$k.xlsx.tmp left behind"
done
"$DUIKOU" --db "$(db_url b.db)" init >/dev/null
for k in $KINDS; do
  expect_status 0 "import $k xlsx" -- "$DUIKOU" --db "$(db_url b.db)" import "$k" "x/$k.xlsx"
done
expect_grep out.txt "^x/visits.xlsx:visits: 2 rows: 2 added, 0 updated, 0 unchanged$" "xlsx summary line"
for k in $KINDS; do
  "$DUIKOU" --db "$(db_url a.db)" export "$k" -o "one/$k.csv"
  "$DUIKOU" --db "$(db_url b.db)" export "$k" -o "two/$k.csv"
  expect_same "one/$k.csv" "two/$k.csv" "xlsx round trip of $k"
done
expect_eq "$(db_sql b.db "SELECT total_investment FROM projects WHERE code='P001'")" "112000000" "amount survives"

# usage
expect_status 2 "xlsx export to stdout" -- "$DUIKOU" --db "$(db_url a.db)" export funds --format xlsx
expect_grep err.txt "needs|give it with -o" "xlsx needs -o"

# a bad row 37: the message names sheet, cell and column; nothing is written
{
  echo "project_code,date,amount,side"
  for i in $(seq 2 37); do echo "P001,2004-03-01,$i,supporter"; done
} > many.csv
# the workbook is duikou's own export of 36 good rows, with row 37 spoiled by hand
"$DUIKOU" --db "$(db_url c.db)" init >/dev/null
for k in pairings conferences projects; do "$DUIKOU" --db "$(db_url c.db)" import "$k" "$DATA/$k.csv" >/dev/null; done
"$DUIKOU" --db "$(db_url c.db)" import funds many.csv >/dev/null || bad "good funds"
"$DUIKOU" --db "$(db_url c.db)" export funds --format xlsx -o f.xlsx || bad "export funds"
db_dump a.db > before.sql
if command -v python3 >/dev/null; then
  # rewrite one cell in the sheet: row 37's amount (column C) becomes text "lots"
  python3 - f.xlsx bad.xlsx <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
zin = zipfile.ZipFile(src)
zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "xl/worksheets/sheet1.xml":
        s = data.decode()
        s, n = re.subn(r'<c r="C37"[^>]*>.*?</c>', '<c r="C37" t="inlineStr"><is><t>lots</t></is></c>', s)
        assert n == 1
        s, n = re.subn(r'<c r="B37"[^>]*>.*?</c>', '<c r="B37" t="inlineStr"><is><t>2004-02-30</t></is></c>', s)
        assert n == 1
        data = s.encode()
    zout.writestr(item, data)
zout.close()
PY
  expect_status 1 "bad row 37" -- "$DUIKOU" --db "$(db_url a.db)" import funds bad.xlsx
  expect_grep err.txt '^bad.xlsx:funds!C37:amount: "lots" ' "amount error names sheet, cell and column"
  expect_grep err.txt '^bad.xlsx:funds!B37:date: "2004-02-30" has no such day' "date error names its cell"
  db_dump a.db > after.sql
  expect_same before.sql after.sql "nothing written after a bad sheet"

  # the second reader: cell types and styles as Excel sees them
  expect_eq "$(python3 - x/projects.xlsx <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
styles = ET.fromstring(z.read("xl/styles.xml"))
fmts = {f.get("numFmtId"): f.get("formatCode") for f in styles.iterfind(".//m:numFmts/m:numFmt", ns)}
xfs = [x.get("numFmtId") for x in styles.find("m:cellXfs", ns)]
strings = [("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))]
header = {}
out = []
for c in sheet.iter("{%s}c" % ns["m"]):
    ref = c.get("r"); col = ref.rstrip("0123456789"); row = int(ref[len(col):])
    v = c.find("m:v", ns)
    if row == 1:
        header[col] = strings[int(v.text)]
        continue
    if row != 2:
        continue
    name = header[col]
    if name in ("code", "recipient_code", "signed_date", "total_investment", "jobs", "industry_code"):
        fmt = fmts.get(xfs[int(c.get("s", "0"))], "")
        out.append("%s=%s/%s" % (name, c.get("t", "n"), fmt))
print(" ".join(out))
PY
)" "code=s/ recipient_code=s/ signed_date=n/yyyy-mm-dd industry_code=s/ total_investment=n/#,##0 jobs=n/" "cell types in the exported workbook"
  expect_eq "$(python3 -c 'import sys,zipfile;s=zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode();print("pane" in s and "autoFilter" in s)' x/projects.xlsx)" \
    "True" "frozen header and autofilter"
else
  echo "python3 absent: skipping the hand-edited sheet and the second-reader checks"
fi

# import workbook: one sheet per kind, as another program would write it
# (inline strings, Chinese sheet names); all or nothing
if command -v python3 >/dev/null; then
  cat > book.py <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape, quoteattr
dst, pairs = sys.argv[1], sys.argv[2:]
sheets = [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]
def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
z = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
ct = ['<Override PartName="/xl/worksheets/s%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i for i in range(len(sheets))]
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>%s</Types>' % "".join(ct))
z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>%s</sheets></workbook>' % "".join('<sheet name=%s sheetId="%d" r:id="rId%d"/>' % (quoteattr(n), i + 1, i + 1) for i, (n, _) in enumerate(sheets)))
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/s%d.xml"/>' % (i + 1, i) for i in range(len(sheets))))
for i, (_, path) in enumerate(sheets):
    rows = list(csv.reader(open(path, encoding="utf-8")))
    body = "".join('<row r="%d">%s</row>' % (r + 1, "".join('<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>' % (col(c), r + 1, escape(v)) for c, v in enumerate(row) if v != "")) for r, row in enumerate(rows))
    z.writestr("xl/worksheets/s%d.xml" % i, '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % body)
z.close()
PY
  # sheets out of dependency order on purpose; projects under its Chinese name
  python3 book.py book.xlsx funds one/funds.csv 项目 one/projects.csv conferences one/conferences.csv \
    pairings one/pairings.csv || bad "book.xlsx"
  "$DUIKOU" --db "$(db_url w.db)" init >/dev/null
  expect_status 0 "import workbook" -- "$DUIKOU" --db "$(db_url w.db)" import workbook book.xlsx
  expect_grep out.txt "^book.xlsx:项目: 3 rows: 3 added, 0 updated, 0 unchanged$" "line per sheet"
  expect_grep out.txt "^book.xlsx: 4 sheets, " "total line"
  expect_eq "$(grep -c '^book.xlsx:' out.txt)" 5 "four sheet lines and a total"
  for k in pairings conferences projects funds; do
    "$DUIKOU" --db "$(db_url w.db)" export "$k" -o "w-$k.csv"
    expect_same "one/$k.csv" "w-$k.csv" "workbook import of $k"
  done

  # a bad funds sheet: nothing of any sheet is written
  sed 's/^P001,2004-01-15,/P001,2004-01-32,/' one/funds.csv > badfunds.csv
  cmp -s badfunds.csv one/funds.csv && bad "the bad funds file is not bad"
  python3 book.py book2.xlsx conferences one/conferences.csv projects one/projects.csv funds badfunds.csv \
    training one/training.csv || bad "book2.xlsx"
  "$DUIKOU" --db "$(db_url v.db)" init >/dev/null
  db_dump v.db > before.sql
  expect_status 1 "bad workbook" -- "$DUIKOU" --db "$(db_url v.db)" import workbook book2.xlsx
  expect_grep err.txt '^book2.xlsx:funds!B[0-9]+:date: "2004-01-32"' "error names the funds sheet's cell"
  db_dump v.db > after.sql
  expect_same before.sql after.sql "no sheet written when one is bad"

  # unknown sheet names list the expected ones
  python3 book.py book3.xlsx Sheet1 one/conferences.csv || bad "book3.xlsx"
  expect_status 1 "unknown sheet" -- "$DUIKOU" --db "$(db_url v.db)" import workbook book3.xlsx
  expect_grep err.txt "sheet 'Sheet1' is not a record kind; name each sheet by one of: pairings \(结对关系\), conferences \(会议\)" "expected names"
else
  echo "python3 absent: skipping the workbook checks"
fi

expect_status 1 "import workbook of a CSV" -- "$DUIKOU" --db "$(db_url a.db)" import workbook many.csv
expect_grep err.txt "not a zip archive" "not a workbook"
finish
