#!/usr/bin/env bash
# Both sides' books by the JSON API and the command line (issue 10): a
# receipt's verification and unlocking, its evidence documents (raw bytes,
# typed by their first bytes, at most 10 MiB) listed and fetched, a
# transfer's confirmation — each with its refusals (403 role or scope, 404
# unknown, 409 locked or done, 413 too large, 415 disguised, 400 no reason;
# exit 1 and 2) and its audit row; and a confirmed transfer locked against
# a change of its project, amount or date or its deletion through the form,
# the API and import, until it is unconfirmed with a reason (nor may its
# receipt or project be deleted).
. "$(dirname "$0")/lib.sh"

DB=b.db
R() { "$DUIKOU" --db "$(db_url $DB)" "$@"; }
q() { db_sql $DB "$1"; }
R init >/dev/null || bad "init"
cat >projects.csv <<'EOF'
code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,status_date
P1,项目一,sanxia,economic,500101,310000,2003-06-01,17,constructing,2003-06-01
P2,项目二,sanxia,economic,500240,440300,2003-06-01,17,constructing,2003-06-01
EOF
cat >funds.csv <<'EOF'
project_code,date,amount,side,code
P1,2004-03-01,1000000,supporter,RV
P1,2004-04-01,300000,supporter,RW
P1,2004-04-05,450000,supporter,RL
P2,2004-04-01,200000,supporter,RZ
EOF
cat >transfers.csv <<'EOF'
project_code,date,amount,voucher_no,note,code
P1,2004-02-20,700000,V-1,,T1
P1,2004-03-28,300000,V-2,,T2
P1,2004-05-01,800000,V-3,,T3
P1,2004-06-01,90000,V-4,,T4
P2,2004-06-01,200000,V-5,,T5
EOF
expect_status 0 "projects" -- R import projects projects.csv
expect_status 0 "funds" -- R import funds funds.csv
expect_status 0 "transfers" -- R import transfers transfers.csv
ME=cli:$(id -un)
audits() { q "SELECT COUNT(*) FROM audit WHERE kind = '$1' AND record = '$2' AND action = '$3'"; }

printf '%%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%%%EOF\n' >e.pdf
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >e.png
printf '<html><script>alert(1)</script></html>' >fake.pdf
printf '%%PDF-' >big.pdf
head -c $((10 * 1024 * 1024)) /dev/zero >>big.pdf
: >empty.pdf

# ======== the command line ========
expect_status 0 "duikou --help" -- "$DUIKOU" --help
expect_grep out.txt "^  receipt +verify or unlock" "receipt listed in --help"
expect_grep out.txt "^  transfer +confirm a transfer" "transfer listed in --help"
expect_status 0 "receipt --help" -- R receipt --help
expect_grep out.txt "receipt attach CODE FILE" "its usage"
expect_status 0 "transfer --help" -- R transfer --help
expect_grep out.txt "transfer unconfirm CODE --reason TEXT" "its usage"
expect_status 2 "an unknown subcommand" -- R receipt frob RV
expect_status 2 "no code" -- R receipt verify
expect_status 2 "an unknown option" -- R receipt verify RV --force
expect_status 2 "a bad --lang" -- R receipt verify RV --lang fr
expect_status 2 "unlock without --reason" -- R receipt unlock RV
expect_grep err.txt "unlock needs --reason" "it says what is missing"
expect_status 2 "attach without a file" -- R receipt attach RV
expect_status 2 "unconfirm without --reason" -- R transfer unconfirm T1

# verify, once; unknown code; unlock with a reason
expect_status 1 "verify an unknown receipt" -- R receipt verify RX
expect_grep err.txt "no funds record RX" "it names it"
expect_status 0 "verify RV" -- R receipt verify RV
expect_eq "$(q "SELECT verified_by FROM funds WHERE code = 'RV'")" "$ME" "verified by the command line's user"
expect_eq "$(audits funds RV verify)" 1 "verification audited"
expect_status 1 "verified once" -- R receipt verify RV
expect_grep err.txt "receipt RV is already verified" "it says so"
expect_status 1 "verified once (zh)" -- R receipt verify RV --lang zh
expect_grep err.txt "到位资金RV已经核实" "in Chinese"
expect_status 1 "an empty reason" -- R receipt unlock RV --reason "  "
expect_grep err.txt "give the reason for unlocking" "it asks for the reason"
expect_status 1 "unlock an unverified receipt" -- R receipt unlock RW --reason x
expect_grep err.txt "receipt RW is not verified" "it says so"
expect_status 0 "unlock RV" -- R receipt unlock RV --reason "typed twice"
expect_eq "$(q "SELECT COUNT(*) FROM funds WHERE code = 'RV' AND verified_at IS NULL")" 1 "unlocked"
R audit --kind funds --record RV --format json >trail.json
expect_eq "$(jq -r '.[0].action + " " + .[0].new.reason + " " + .[0].user' trail.json)" \
  "unlock typed twice $ME" "unlock audited with its reason and user"

# evidence: attach, list, fetch; refusals write nothing
expect_status 0 "attach a PDF" -- R receipt attach RW e.pdf
expect_status 0 "attach a PNG under another name" -- R receipt attach RW e.png --name 回单.png
expect_status 1 "attach a disguised file" -- R receipt attach RW fake.pdf
expect_grep err.txt '"fake.pdf" is not a PDF, PNG or JPEG' "it says why"
expect_status 1 "attach a file over 10 MiB" -- R receipt attach RW big.pdf
expect_grep err.txt "$(stat -c %s big.pdf) bytes" "it says the size"
expect_status 1 "attach an empty file" -- R receipt attach RW empty.pdf
expect_status 1 "attach a missing file" -- R receipt attach RW missing.pdf
expect_status 1 "attach to an unknown receipt" -- R receipt attach RX e.pdf
expect_eq "$(q "SELECT COUNT(*) FROM fund_evidence")" 2 "two documents stored"
expect_eq "$(audits funds RW evidence)" 2 "each audited"
expect_status 0 "list" -- R receipt evidence RW
expect_eq "$(wc -l <out.txt)" 2 "two lines"
expect_eq "$(cut -f2,3,4,5,6 out.txt | head -1)" \
  "$(printf 'e.pdf\tapplication/pdf\t%s\t%s\t%s' "$(stat -c %s e.pdf)" "$(sha256sum e.pdf | cut -d' ' -f1)" "$ME")" \
  "name, type, size, hash, uploader"
expect_status 0 "list as JSON" -- R receipt evidence RW --format json
expect_eq "$(jq -r '.[1].name + " " + .[1].content_type + " " + .[1].sha256' out.txt)" \
  "回单.png image/png $(sha256sum e.png | cut -d' ' -f1)" "the PNG by its name"
PNG=$(jq -r '.[1].id' out.txt)
expect_status 0 "fetch" -- R receipt evidence RW --get "$PNG" -o back.png
expect_same e.png back.png "fetched identical"
expect_status 0 "fetch to stdout" -- R receipt evidence RW --get "$PNG"
expect_same e.png out.txt "identical on standard output"
expect_status 1 "a document of another receipt" -- R receipt evidence RV --get "$PNG"
expect_status 1 "no such document" -- R receipt evidence RW --get 99999
expect_status 2 "-o without --get" -- R receipt evidence RW -o x.pdf
expect_status 1 "the documents of an unknown receipt" -- R receipt evidence RX
R receipt verify RW >/dev/null || bad "verify RW"
expect_status 1 "a verified receipt takes no evidence" -- R receipt attach RW e.pdf
expect_grep err.txt "RW was verified by $ME and is locked" "it says it is locked"
expect_eq "$(q "SELECT COUNT(*) FROM fund_evidence")" 2 "still two"
R receipt unlock RW --reason again >/dev/null || bad "unlock RW"

# confirm a transfer: a new receipt, a link; refusals
n0=$(q "SELECT COUNT(*) FROM funds")
expect_status 0 "confirm T1 (a new receipt)" -- R transfer confirm T1 --date 2004-02-25
NEW=$(q "SELECT f.code FROM transfer_links l JOIN funds f ON f.id = l.fund_id JOIN transfers t ON t.id = l.transfer_id WHERE t.code = 'T1'")
expect_grep out.txt "T1: confirmed by $ME, receipt $NEW" "it names the receipt"
expect_eq "$(q "SELECT project_code || ' ' || date || ' ' || amount || ' ' || side FROM funds WHERE code = '$NEW'")" \
  "$(q "SELECT project_code || ' 2004-02-25 ' || amount || ' supporter' FROM transfers WHERE code = 'T1'")" \
  "the receipt: the transfer's project and amount, the date given"
expect_eq "$(q "SELECT COUNT(*) FROM funds")" $((n0 + 1)) "one receipt more"
expect_eq "$(audits transfers T1 confirm)" 1 "confirmation audited"
expect_status 1 "confirmed once" -- R transfer confirm T1
expect_grep err.txt "transfer T1 is already confirmed \\(receipt $NEW\\)" "it says so"
expect_status 1 "an unknown transfer" -- R transfer confirm TX
expect_status 1 "a receipt of another amount" -- R transfer confirm T3 --receipt RV
expect_grep err.txt "receipt RV is of 1000000 yuan, the transfer of 800000 yuan" "it says why"
expect_status 1 "a bad date" -- R transfer confirm T3 --date 2004-13-01
expect_status 0 "confirm T2 with RW" -- R transfer confirm T2 --receipt RW
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 2 "two links"

# ---- a confirmed transfer is locked: import ----
before=$(db_dump $DB)
for change in "P2,2004-02-20,700000" "P1,2004-02-21,700000" "P1,2004-02-20,700001"; do
  printf 'project_code,date,amount,voucher_no,note,code\n%s,V-1,,T1\n' "$change" >t1.csv
  expect_status 1 "import changing T1 to $change" -- R import transfers t1.csv
  expect_grep err.txt "^t1.csv:2:: transfer T1 was confirmed as arrived by $ME \\(receipt $NEW\\) and is locked" \
    "the row says it is locked, by whom"
done
expect_eq "$(db_dump $DB)" "$before" "nothing written"
printf 'project_code,date,amount,voucher_no,note,code\nP1,2004-02-20,700000,V-1b,凭证补录,T1\n' >t1.csv
expect_status 0 "its voucher and note may change" -- R import transfers t1.csv
expect_eq "$(q "SELECT voucher_no || ' ' || note FROM transfers WHERE code = 'T1'")" "V-1b 凭证补录" "changed"

# ---- the API and the form ----
web_start $DB
web_user city municipal
web_user wanzhou county 500101
web_user shizhu county 500240
web_user shanghai supporter 310000
web_user viewer viewer
post() { # URL FIELDS... → status (a form with the session's CSRF token)
  local url=$1
  shift
  local args=(--data-urlencode "csrf=$CSRF")
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
upload() { # FILE PATH → status (the file's bytes as the body)
  web_curl -s -D up.head -o api.out -w '%{http_code}' -H 'Content-Type: application/pdf' \
    --data-binary "@$1" "$URL$2"
}

# a confirmed transfer refuses the supporter, the county and the offices
web_login shanghai
expect_eq "$(api PUT '/api/v1/transfers/T1?lang=en' '{"amount": 1}')" 409 "API: the supporter may not change its amount"
expect_eq "$(jq -r .error api.out)" \
  "transfer T1 was confirmed as arrived by $ME (receipt $NEW) and is locked; the county or the municipal office must unconfirm it (with a reason) before its project, amount or date can be changed or it can be deleted" \
  "API: the message says by whom"
expect_eq "$(api PUT '/api/v1/transfers/T1?lang=zh' '{"date": "2004-03-01"}')" 409 "API: nor its date"
expect_grep api.out "拨付T1已由$ME确认到位" "in Chinese"
expect_eq "$(api DELETE /api/v1/transfers/T1)" 409 "API: nor delete it"
expect_eq "$(post /transfers/T1/edit project_code=P1 date=2004-02-20 amount=5 voucher_no=V-1b code=T1)" 409 "form: nor edit it"
expect_grep post.out "T1 was confirmed as arrived by|拨付T1已由" "form: the message"
expect_eq "$(post /transfers/T1/delete)" 409 "form: nor delete it"
expect_eq "$(api PUT /api/v1/transfers/T1 '{"note": "ok"}')" 200 "API: its note may change"
web_login city
expect_eq "$(api PUT /api/v1/transfers/T1 '{"amount": 2}')" 409 "API: nor the municipal office"
# deleting its receipt or its project would undo the confirmation: refused
expect_eq "$(api DELETE "/api/v1/funds/$NEW?lang=en")" 409 "API: nor delete the receipt that holds it"
expect_eq "$(jq -r .error api.out)" "receipt $NEW holds the confirmed transfer T1; unconfirm it before deleting the receipt" \
  "the message names the transfer"
expect_eq "$(api DELETE '/api/v1/projects/P1?lang=en')" 409 "API: nor delete its project"
expect_eq "$(jq -r .error api.out)" "project P1 has confirmed transfers (T1, T2); unconfirm them before deleting it" \
  "the message names them"
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 2 "both links stay"
expect_eq "$(q "SELECT amount || ' ' || date FROM transfers WHERE code = 'T1'")" "700000 2004-02-20" "unchanged"
web_curl -sL "$URL/transfers/T1" >t1.html
expect_grep t1.html 'id="unconfirm-form"' "the page offers to unconfirm"

# unconfirm: who, the reason, then it is free again
web_login shanghai
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": "x"}')" 403 "the supporter may not unconfirm"
web_login viewer
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": "x"}')" 403 "a viewer may not"
web_login shizhu
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": "x"}')" 403 "another county may not"
web_login wanzhou
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{}')" 400 "no reason"
expect_eq "$(jq -r .field api.out)" reason "the field"
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": " "}')" 400 "an empty reason"
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"why": "x"}')" 400 "an unknown field"
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": ')" 400 "bad JSON"
expect_eq "$(api POST /api/v1/transfers/TX/unconfirm '{"reason": "x"}')" 404 "an unknown transfer"
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 2 "refusals unconfirm nothing"
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": "wrong amount typed"}')" 200 "the county unconfirms"
expect_eq "$(jq -c . api.out)" '{"transfer":"T1","confirmed":false,"receipt":null}' "the answer"
expect_eq "$(api POST /api/v1/transfers/T1/unconfirm '{"reason": "x"}')" 409 "not confirmed any more"
expect_eq "$(q "SELECT COUNT(*) FROM funds WHERE code = '$NEW'")" 1 "the receipt stays"
R audit --kind transfers --record T1 --format json >trail.json
expect_eq "$(jq -r '.[0] | .action + " " + .user + " " + .via + " " + .old.receipt + " " + .new.reason' trail.json)" \
  "unconfirm wanzhou api $NEW wrong amount typed" "unconfirm audited: who, how, which receipt, why"
web_login shanghai
expect_eq "$(api PUT /api/v1/transfers/T1 '{"amount": 750000}')" 200 "the supporter changes it now"
# the form's way out
web_login city
expect_eq "$(post /transfers/T2/unconfirm reason=)" 422 "form: no reason"
expect_eq "$(post /transfers/T2/unconfirm 'reason=receipt RW was T4')" 303 "form: the office unconfirms T2"
expect_eq "$(audits transfers T2 unconfirm)" 1 "audited"
expect_status 0 "CLI: confirm T2 again" -- R transfer confirm T2 --receipt RW
expect_status 0 "CLI: unconfirm" -- R transfer unconfirm T2 --reason "by the CLI"
expect_grep out.txt "T2: unconfirmed by $ME" "it says so"
expect_status 1 "CLI: not confirmed" -- R transfer unconfirm T2 --reason again
expect_eq "$(audits transfers T2 unconfirm)" 2 "audited"

# confirm by the API
web_login shizhu
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{}')" 403 "another county may not confirm"
web_login shanghai
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{}')" 403 "nor the supporter"
web_login wanzhou
expect_eq "$(api POST /api/v1/transfers/TX/confirm '{}')" 404 "an unknown transfer"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{"receipt": "RV"}')" 422 "a receipt of another amount"
expect_eq "$(jq -r .field api.out)" receipt "its field"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{"receipt": "RZ"}')" 403 "another county's receipt"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{"amount": 5}')" 400 "an unknown field"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{"date": 5}')" 400 "a number for the date"
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 0 "refusals confirm nothing"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{"date": "2004-05-03"}')" 200 "the county confirms T3"
R3=$(jq -r .receipt api.out)
expect_eq "$(jq -r .confirmed api.out)" true "confirmed"
expect_eq "$(q "SELECT date || ' ' || amount FROM funds WHERE code = '$R3'")" \
  "2004-05-03 $(q "SELECT amount FROM transfers WHERE code = 'T3'")" "its receipt"
expect_eq "$(api POST /api/v1/transfers/T3/confirm '{}')" 409 "confirmed once"
expect_eq "$(audits transfers T3 confirm)" 1 "audited"
expect_eq "$(q "SELECT via FROM audit WHERE kind = 'transfers' AND record = 'T3' AND action = 'confirm'")" api "by the API"
# without the session's CSRF token a write is refused; a Bearer token needs none
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" -X POST -H 'Content-Type: application/json' \
  --data '{}' "$URL/api/v1/transfers/T4/confirm")" 403 "no CSRF token"
TOKEN=$(R user token wanzhou)
expect_eq "$(curl -s -o api.out -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -X POST \
  -H 'Content-Type: application/json' --data '{}' "$URL/api/v1/transfers/T4/confirm")" 200 "a Bearer token confirms T4"
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 2 "two links"

# ---- verification by the API ----
web_login wanzhou
expect_eq "$(api POST /api/v1/funds/RV/verify)" 403 "a county may not verify"
web_login viewer
expect_eq "$(api POST /api/v1/funds/RV/verify)" 403 "a viewer may not verify"
web_login city
expect_eq "$(api POST /api/v1/funds/RX/verify)" 404 "an unknown receipt"
expect_eq "$(q "SELECT COUNT(*) FROM funds WHERE verified_at IS NOT NULL")" 0 "refusals verify nothing"
expect_eq "$(api POST /api/v1/funds/RV/verify)" 200 "the municipal office verifies RV"
expect_eq "$(jq -r '.receipt + " " + (.verified | tostring) + " " + .verified_by' api.out)" "RV true city" "the answer"
expect_eq "$(jq -r .verified_at api.out)" "$(q "SELECT verified_at FROM funds WHERE code = 'RV'")" "its time"
expect_eq "$(api POST /api/v1/funds/RV/verify)" 409 "verified once"
expect_eq "$(audits funds RV verify)" 2 "audited (the CLI's and this)"
web_login wanzhou
expect_eq "$(api PUT /api/v1/funds/RV '{"amount": 5}')" 409 "a verified receipt is locked"
web_login city
expect_eq "$(api POST /api/v1/funds/RV/unlock)" 400 "no reason"
expect_eq "$(jq -r .field api.out)" reason "the field"
expect_eq "$(api POST /api/v1/funds/RV/unlock '{"reason": ""}')" 400 "an empty reason"
expect_eq "$(api POST /api/v1/funds/RV/unlock '{"reason": 1}')" 400 "a number"
expect_eq "$(api POST /api/v1/funds/RW/unlock '{"reason": "x"}')" 409 "RW is not verified"
expect_eq "$(api POST /api/v1/funds/RV/unlock '{"reason": "amount typed twice"}')" 200 "unlocked"
expect_eq "$(jq -c '[.verified, .verified_by]' api.out)" '[false,null]' "the answer"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'funds' AND record = 'RV' AND action = 'unlock' AND user_name = 'city' AND via = 'api'")" 1 "audited"

# ---- evidence by the API ----
web_login wanzhou
n0=$(q "SELECT COUNT(*) FROM fund_evidence")
expect_eq "$(upload e.pdf '/api/v1/funds/RL/evidence?name=%E5%9B%9E%E5%8D%95.pdf')" 201 "a PDF"
expect_eq "$(jq -r '.receipt + " " + .name + " " + .content_type + " " + (.size | tostring) + " " + .sha256 + " " + .uploaded_by' api.out)" \
  "RL 回单.pdf application/pdf $(stat -c %s e.pdf) $(sha256sum e.pdf | cut -d' ' -f1) wanzhou" "its description"
DOC=$(jq -r .id api.out)
expect_grep up.head "^Location: /api/v1/evidence/$DOC" "its Location"
expect_eq "$(upload e.png /api/v1/funds/RL/evidence)" 201 "a PNG sent as application/pdf: typed by its bytes"
expect_eq "$(jq -r '.content_type + " " + .name' api.out)" "image/png evidence" "image/png, the default name"
expect_eq "$(upload fake.pdf '/api/v1/funds/RL/evidence?name=fake.pdf')" 415 "a disguised file"
expect_grep api.out "not a PDF, PNG or JPEG|不是PDF、PNG或JPEG" "it says why"
expect_eq "$(upload big.pdf /api/v1/funds/RL/evidence)" 413 "over 10 MiB"
expect_grep api.out "$(stat -c %s big.pdf)" "it says the size"
expect_eq "$(upload empty.pdf /api/v1/funds/RL/evidence)" 400 "an empty body"
expect_eq "$(upload e.pdf /api/v1/funds/RX/evidence)" 404 "an unknown receipt"
expect_eq "$(upload e.pdf /api/v1/funds/RZ/evidence)" 403 "another county's receipt"
web_login viewer
expect_eq "$(upload e.pdf /api/v1/funds/RL/evidence)" 403 "a viewer may not"
expect_eq "$(q "SELECT COUNT(*) FROM fund_evidence")" $((n0 + 2)) "two stored"
expect_eq "$(audits funds RL evidence)" 2 "each audited"
# the list and the bytes
expect_eq "$(api GET /api/v1/funds/RL/evidence)" 200 "the viewer reads the list"
expect_eq "$(jq -r '[.items[] | .name] | join(",")' api.out)" "回单.pdf,evidence" "both, oldest first"
expect_eq "$(jq -r '.items[0] | keys | join(",")' api.out)" \
  "content_type,id,name,receipt,sha256,size,uploaded_at,uploaded_by" "its fields"
expect_eq "$(api GET /api/v1/funds/RX/evidence)" 404 "an unknown receipt's list"
web_curl -s -D get.head -o back.pdf "$URL/api/v1/evidence/$DOC"
expect_same e.pdf back.pdf "fetched identical"
expect_grep get.head "^Content-Type: application/pdf" "its type"
expect_grep get.head "^Content-Disposition: attachment;" "an attachment"
expect_grep get.head "^X-Content-Type-Options: nosniff" "nosniff"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/evidence/99999")" 404 "no such document"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/evidence/x")" 404 "not an id"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' -X POST "$URL/api/v1/evidence/$DOC")" 403 "only read"
web_login shizhu
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/evidence/$DOC")" 403 "another county's document"
expect_eq "$(api GET /api/v1/funds/RL/evidence)" 403 "another county's list"
# a verified receipt takes none
web_login city
expect_eq "$(api POST /api/v1/funds/RL/verify)" 200 "verify RL"
web_login wanzhou
expect_eq "$(upload e.pdf /api/v1/funds/RL/evidence)" 409 "a locked receipt takes no evidence"
expect_eq "$(q "SELECT COUNT(*) FROM fund_evidence")" $((n0 + 2)) "still two"
# the record API still answers below /api/v1/funds/ and /api/v1/transfers/
expect_eq "$(api GET /api/v1/funds/RV)" 200 "a receipt"
expect_eq "$(api POST /api/v1/funds/RV/frob)" 405 "an unknown action is the record API's"
expect_eq "$(api GET /api/v1/transfers/T3)" 200 "a transfer"

# the OpenAPI document names every route
expect_eq "$(api GET /api/v1/openapi.json)" 200 "openapi.json"
for p in /api/v1/funds/{code}/verify /api/v1/funds/{code}/unlock /api/v1/funds/{code}/evidence \
  /api/v1/evidence/{id} /api/v1/transfers/{code}/confirm /api/v1/transfers/{code}/unconfirm; do
  expect_eq "$(jq -r --arg p "$p" '.paths[$p] | keys | length > 0' api.out)" true "OpenAPI: $p"
done
expect_eq "$(jq -r '.paths["/api/v1/funds/{code}/evidence"] | keys | join(",")' api.out)" get,post "evidence: get and post"
expect_eq "$(jq -r '.paths["/api/v1/funds/{code}/evidence"].post.responses | keys | join(",")' api.out)" \
  201,400,403,404,409,413,415 "the upload's answers"

grep -q ' 500 ' serve.err && bad "a request was answered 500: $(grep ' 500 ' serve.err | head -3)" || ok
web_stop
finish
