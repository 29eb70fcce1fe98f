#!/usr/bin/env bash
# duikou check: no violations on a clean database; each violation listed.
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/import

"$DUIKOU" --db "$(db_url a.db)" init >/dev/null || bad "init"
expect_status 0 "clean reference data" -- "$DUIKOU" --db "$(db_url a.db)" check
expect_grep out.txt "^check: no violations$" "no violations line"
for k in pairings conferences projects status funds labour training plans visits; do
  "$DUIKOU" --db "$(db_url a.db)" import "$k" "$DATA/$k.csv" >/dev/null || bad "import $k"
done
expect_status 0 "clean world" -- "$DUIKOU" --db "$(db_url a.db)" check

db_sql a.db "UPDATE projects SET private_amount = 99000000 WHERE code = 'P001';
              UPDATE training SET days = 0 WHERE code = 'T001';
              INSERT INTO status_history VALUES ('P002', '2005-01-01', 'preparing');"
expect_status 1 "violations" -- "$DUIKOU" --db "$(db_url a.db)" check
expect_grep out.txt "^projects:P001:private_amount: private capital 99000000 exceeds the contract amount 87300000$" "private > contract"
expect_grep out.txt "^training:T001:days: days 0 must be greater than 0$" "days > 0"
expect_grep out.txt "^status_history:P002/2005-01-01:status: preparing goes back from operating" "history backwards"
expect_grep out.txt "^projects:P002:status: status operating on 2004-12-01 differs from the latest history entry" "status = latest"
expect_grep out.txt "^check: 4 violations$" "count line"
expect_status 2 "extra argument" -- "$DUIKOU" --db "$(db_url a.db)" check now
expect_status 3 "no database" -- "$DUIKOU" --db "$(db_absent none.db)" check
finish
