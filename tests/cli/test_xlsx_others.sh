#!/usr/bin/env bash
# Workbooks written by other programs (tests/data/xlsx: LibreOffice Calc, and
# hand-made ones with inline strings, shared and rich strings, the 1904 date
# system): each set imports into a fresh database, and every kind's export
# equals the export of the same records imported from their CSV files.
. "$(dirname "$0")/lib.sh"
CSV=$SRC/tests/data/import
XL=$SRC/tests/data/xlsx
KINDS="pairings conferences projects status funds labour training plans visits"
"$DUIKOU" --db "$(db_url csv.db)" init >/dev/null || bad "init"
mkdir want
for k in $KINDS; do
  "$DUIKOU" --db "$(db_url csv.db)" import "$k" "$CSV/$k.csv" >/dev/null || bad "import $k csv"
  "$DUIKOU" --db "$(db_url csv.db)" export "$k" -o "want/$k.csv"
done
for set in libreoffice/%s handmade/%s-1904 handmade/%s-shared; do
  name=${set//\//-}
  name=${name//%s/}
  "$DUIKOU" --db "$(db_url "$name.db")" init >/dev/null
  mkdir "got$name"
  for k in $KINDS; do
    # shellcheck disable=SC2059
    file=$XL/$(printf "$set" "$k").xlsx
    expect_status 0 "import $k from $file" -- "$DUIKOU" --db "$(db_url "$name.db")" import "$k" "$file"
    "$DUIKOU" --db "$(db_url "$name.db")" export "$k" -o "got$name/$k.csv"
    expect_same "want/$k.csv" "got$name/$k.csv" "$set: $k as its CSV"
  done
done
# the sets are what the README says: Calc's shared strings, inline strings, the 1904 system
expect_eq "$(unzip -l "$XL/libreoffice/projects.xlsx" | grep -c sharedStrings.xml)" 1 "Calc writes shared strings"
unzip -p "$XL/handmade/funds-1904.xlsx" xl/workbook.xml | grep -q 'date1904="1"' && ok || bad "1904 system"
unzip -p "$XL/handmade/funds-1904.xlsx" xl/worksheets/sheet1.xml | grep -q 't="inlineStr"' && ok || bad "inline strings"
unzip -p "$XL/handmade/projects-shared.xlsx" xl/sharedStrings.xml | grep -q '<r><rPr>' && ok || bad "rich text"
# a 1904 date read as 1900 would be four years off: the funds' dates are the CSV's
expect_eq "$(db_sql handmade--1904.db "SELECT MIN(date) FROM funds")" "$(db_sql csv.db "SELECT MIN(date) FROM funds")" "1904 dates"
finish
