#!/usr/bin/env python3
"""Writes a minimal .xlsx by hand (no spreadsheet library) from a CSV file, the
way small tools and other programs do: dates as serial numbers in a date
style (1900 or 1904 system), whole numbers as numbers, text as inline
strings or as shared strings (the first of them as rich text runs).

  make_handmade.py IN.csv OUT.xlsx [--1904] [--shared]"""
import csv
import datetime
import re
import sys
import zipfile


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    src, out = sys.argv[1], sys.argv[2]
    d1904, shared = "--1904" in sys.argv, "--shared" in sys.argv
    rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
    base = datetime.date(1904, 1, 1) if d1904 else datetime.date(1899, 12, 30)
    strings, index = [], {}
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col(c), r)
            if v == "":
                continue
            if r > 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                serial = (datetime.date.fromisoformat(v) - base).days
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial))
            elif r > 1 and re.fullmatch(r"[1-9]\d{0,14}|0", v):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            elif shared:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
            else:
                space = ' xml:space="preserve"' if v != v.strip() or "\n" in v else ""
                cells.append('<c r="%s" t="inlineStr"><is><t%s>%s</t></is></c>' % (ref, space, esc(v)))
        xml_rows.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    M = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared else "")
          + '</Types>')
    z.writestr("[Content_Types].xml", ct)
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook %s %s>%s<sheets><sheet name="handmade" sheetId="1" r:id="rId1"/></sheets></workbook>'
               % (M, R, '<workbookPr date1904="1"/>' if d1904 else "<workbookPr/>"))
    rels = ('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    if shared:
        rels += '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s</Relationships>' % rels)
    # style 1: the built-in date format 14
    z.writestr("xl/styles.xml", '<?xml version="1.0" encoding="UTF-8"?><styleSheet %s><fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
               '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
               '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>' % M)
    z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet %s><sheetData>%s</sheetData></worksheet>' % (M, "".join(xml_rows)))
    if shared:
        sis = []
        for i, s in enumerate(strings):
            if i == 0 and len(s) > 1:  # rich text: the string in two runs
                sis.append('<si><r><rPr><b/></rPr><t>%s</t></r><r><t>%s</t></r></si>' % (esc(s[:1]), esc(s[1:])))
            else:
                sis.append('<si><t xml:space="preserve">%s</t></si>' % esc(s))
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8"?><sst %s count="%d" uniqueCount="%d">%s</sst>' % (M, len(strings), len(strings), "".join(sis)))
    z.close()


if __name__ == "__main__":
    main()
