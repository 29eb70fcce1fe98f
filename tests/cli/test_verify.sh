#!/usr/bin/env bash
# Arrival verification (issue 10 part 2): the municipal office marks a
# receipt verified; a verified receipt is locked against every way of
# changing it (form, API, import, delete, its project's delete) until it is
# unlocked with a reason; each step audited; evidence documents (PDF, PNG,
# JPEG by their bytes, at most 10 MiB) stored with their SHA-256 and given
# back identical; `report annual --verified` counts verified receipts only.
. "$(dirname "$0")/lib.sh"

DB=v.db
R() { "$DUIKOU" --db "$(db_url $DB)" "$@"; }
q() { db_sql $DB "$1"; }
R init >/dev/null || bad "init"
cat >projects.csv <<'EOF'
code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,status_date
P1,项目一,sanxia,economic,500101,310000,2003-06-01,17,constructing,2003-06-01
EOF
cat >funds.csv <<'EOF'
project_code,date,amount,side,code
P1,2004-03-01,1000000,supporter,RV
P1,2004-04-01,300000,supporter,RW
EOF
expect_status 0 "projects" -- R import projects projects.csv
expect_status 0 "funds" -- R import funds funds.csv
R report annual --year 2004 --format json >all.json
expect_eq "$(jq -r .funds.total all.json)" 1300000 "every receipt counted"
expect_status 0 "--verified" -- R report annual --year 2004 --format json --verified
expect_eq "$(jq -r .funds.total out.txt)" 0 "none verified yet"

web_start $DB
web_user city municipal
web_user wanzhou county 500101
web_user viewer viewer
post() { # URL FIELDS... → status
  local url=$1
  shift
  local args=(--data-urlencode "x=1")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  web_curl -s -o post.out -w '%{http_code}' "${args[@]}" "$URL$url"
}
api() { # METHOD PATH [JSON] → status
  if [ -n "${3:-}" ]; then
    web_curl -s -o api.out -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' --data "$3" "$URL$2"
  else
    web_curl -s -o api.out -w '%{http_code}' -X "$1" "$URL$2"
  fi
}

# ---- only the municipal office verifies ----
web_login wanzhou
expect_eq "$(post /funds/RV/verify)" 403 "a county may not verify"
web_login viewer
expect_eq "$(post /funds/RV/verify)" 403 "a viewer may not verify"
expect_eq "$(q "SELECT COUNT(*) FROM funds WHERE verified_at IS NOT NULL")" 0 "refusals verify nothing"
web_login city
web_curl -sL "$URL/funds/RV" >rv.html
expect_grep rv.html 'id="verify-form"' "the municipal office is offered the button"
expect_eq "$(post /funds/RV/verify)" 303 "the municipal office verifies RV"
expect_eq "$(post /funds/RV/verify)" 409 "verified once"
expect_eq "$(q "SELECT verified_by FROM funds WHERE code = 'RV'")" city "who verified"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'funds' AND record = 'RV' AND action = 'verify'
  AND user_name = 'city'")" 1 "verification audited"
web_curl -s "$URL/funds/RV/edit" >locked.html
expect_grep locked.html 'id="verification" class="verified"' "the page says verified"
expect_grep locked.html 'id="unlock-form"' "the unlock form"
if grep -q 'name="amount"' locked.html; then bad "a locked receipt offered for editing"; else ok; fi

# ---- every way of changing it is refused, nothing changes ----
before=$(db_dump $DB audit sessions)
audit0=$(q "SELECT COUNT(*) FROM audit")
web_login wanzhou
expect_eq "$(post /funds/RV/edit project_code=P1 date=2004-03-01 amount=999 side=supporter code=RV)" 409 "form edit refused"
expect_grep post.out "RV was verified by city and is locked|RV已由city核实并锁定" "form: the message says why"
expect_eq "$(post /funds/RV/delete)" 409 "form delete refused"
expect_eq "$(api PUT '/api/v1/funds/RV?lang=en' '{"amount": 5}')" 409 "API update refused"
expect_eq "$(jq -r .error api.out)" \
  "receipt RV was verified by city and is locked; the municipal office must unlock it (with a reason) before it can be changed or deleted" \
  "API: the message"
expect_eq "$(api DELETE /api/v1/funds/RV)" 409 "API delete refused"
expect_eq "$(api DELETE /api/v1/projects/P1)" 409 "deleting its project refused"
expect_grep api.out "RV" "the project's refusal names the receipt"
printf 'project_code,date,amount,side,code\nP1,2004-03-01,1000001,supporter,RV\nP1,2004-04-01,300001,supporter,RW\n' >edit.csv
expect_status 1 "import refused" -- R import funds edit.csv
expect_grep err.txt "^edit.csv:2:: receipt RV was verified by city and is locked" "import: at its row"
web_login city
expect_eq "$(web_curl -s -o upload.out -w '%{http_code}' -F "csv=@edit.csv" -F kind=funds -F name=edit.csv -F confirm=1 -F "csrf=$CSRF" "$URL/upload?lang=en")" \
  422 "upload refused"
expect_grep upload.out "edit.csv:2:</td><td>receipt RV was verified by city and is locked" "upload: the reason at its row"
expect_eq "$(db_dump $DB audit sessions)" "$before" "nothing changed"
expect_eq "$(q "SELECT COUNT(*) FROM audit")" "$audit0" "no audit row"
# the same values again change nothing and pass
printf 'project_code,date,amount,side,code\nP1,2004-03-01,1000000,supporter,RV\n' >same.csv
expect_status 0 "the same values import" -- R import funds same.csv
expect_grep out.txt "1 unchanged" "unchanged"
# the other receipt stays free
expect_eq "$(api PUT /api/v1/funds/RW '{"note": "ok"}')" 200 "an unverified receipt is edited"

# ---- --verified ----
expect_status 0 "--verified" -- R report annual --year 2004 --format json --verified
expect_eq "$(jq -r .funds.total out.txt)" "$(q "SELECT SUM(amount) FROM funds WHERE verified_at IS NOT NULL AND date LIKE '2004%'")" \
  "only the verified receipt counted"
R report annual --year 2004 --format json >all2.json
expect_eq "$(jq -r .funds.total all2.json)" "$(q "SELECT SUM(amount) FROM funds WHERE date LIKE '2004%'")" \
  "without it, every receipt"
expect_status 0 "pivot --verified" -- R report pivot --format json --verified
expect_eq "$(jq -r .total out.txt)" 1000000 "the pivot too"
web_curl -s "$URL/reports/annual?year=2004&verified=1&lang=en" >rep.html
expect_grep rep.html 'name="verified"[^>]*checked' "the report page's checkbox"
web_curl -s "$URL/api/v1/reports/annual?year=2004&verified=1" >rep.json
expect_eq "$(jq -r .funds.total rep.json)" 1000000 "the API's verified figures"
web_curl -s "$URL/api/v1/reports/annual?year=2004" >rep_all.json
expect_eq "$(jq -r .funds.total rep_all.json)" "$(jq -r .funds.total all2.json)" "and then all again"

# ---- unlock needs a reason ----
web_login wanzhou
expect_eq "$(post /funds/RV/unlock reason=typo)" 403 "a county may not unlock"
web_login city
expect_eq "$(post /funds/RV/unlock reason=)" 422 "no reason, no unlock"
expect_eq "$(post /funds/RV/unlock 'reason=  ')" 422 "blanks are no reason"
expect_eq "$(q "SELECT COUNT(*) FROM funds WHERE code = 'RV' AND verified_at IS NOT NULL")" 1 "still locked"
expect_eq "$(post /funds/RV/unlock 'reason=金额录错，需更正')" 303 "unlocked with a reason"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'funds' AND record = 'RV' AND action = 'unlock'
  AND new_values LIKE '%金额录错%'")" 1 "the unlock and its reason audited"
expect_eq "$(post /funds/RV/unlock reason=again)" 409 "not locked any more"
web_login wanzhou
expect_eq "$(api PUT /api/v1/funds/RV '{"amount": 1000001}')" 200 "editable again"
R audit --kind funds --record RV --format json >trail.json
expect_eq "$(jq -r '[.[].action] | join(",")' trail.json)" "update,unlock,verify,insert" "the receipt's trail"

# ---- evidence ----
printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >e.pdf
printf '<html><script>alert(1)</script></html>' >fake.pdf
printf '%%PDF-' >big.pdf; head -c $((10 * 1024 * 1024)) /dev/zero >>big.pdf
up() { web_curl -s -o up.out -w '%{http_code}' -F "file=@$1" "$URL/funds/$2/evidence"; }
expect_eq "$(up e.pdf RW)" 303 "a PDF is accepted"
expect_eq "$(up fake.pdf RW)" 422 "HTML named .pdf is refused"
expect_grep up.out "not a PDF, PNG or JPEG|不是PDF、PNG或JPEG" "it says why"
expect_eq "$(up big.pdf RW)" 422 "over 10 MiB is refused"
expect_grep up.out "$(stat -c %s big.pdf)" "it says the size"
expect_eq "$(q "SELECT COUNT(*) FROM fund_evidence")" 1 "one document stored"
expect_eq "$(q "SELECT sha256 || ' ' || size || ' ' || name || ' ' || uploaded_by FROM fund_evidence")" \
  "$(sha256sum e.pdf | cut -d' ' -f1) $(stat -c %s e.pdf) e.pdf wanzhou" "hash, size, name, uploader"
ID=$(q "SELECT id FROM fund_evidence")
web_curl -s -D head.txt -o back.pdf "$URL/evidence/$ID"
expect_same e.pdf back.pdf "downloaded identical"
expect_grep head.txt "^Content-Type: application/pdf" "its type"
expect_grep head.txt '^Content-Disposition: attachment; filename="e.pdf"' "its name"
expect_grep head.txt "^X-Content-Type-Options: nosniff" "nosniff"
web_curl -sL "$URL/funds/RW" >rw.html
expect_grep rw.html "href=\"/evidence/$ID\">e.pdf</a>" "listed on the receipt's page"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE record = 'RW' AND action = 'evidence'")" 1 "upload audited"
# another county may not read it
web_user shizhu county 500240
web_login shizhu
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/evidence/$ID")" 403 "another county's evidence"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/evidence/99999")" 404 "no such document"
expect_eq "$(up e.pdf RW)" 403 "nor add to another county's receipt"
# a locked receipt takes no more evidence
web_login city
expect_eq "$(post /funds/RW/verify)" 303 "verify RW"
web_login wanzhou
expect_eq "$(up e.pdf RW)" 409 "no evidence added to a locked receipt"
web_stop
finish
