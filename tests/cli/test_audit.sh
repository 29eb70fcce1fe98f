#!/usr/bin/env bash
# duikou audit: an import's rows in the trail with the command line's user
# and the values, an update's old → new, the filters, the formats (json
# checked with jq, csv), dry runs writing nothing, usage errors (exit 2),
# bad dates (exit 1), and the trail refusing to be edited. The users'
# changes (user add, passwd, disable, enable, token): one entry each with
# the role, scope and disabled, never a password or token; refused ones
# none; shown by `audit --kind users` / 用户, /audit and /api/v1/audit.
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/import
ME="cli:$(id -un 2>/dev/null || id -u)"

"$DUIKOU" --db "$(db_url a.db)" init >/dev/null || bad "init"
for k in pairings conferences projects status funds labour training plans visits; do
  "$DUIKOU" --db "$(db_url a.db)" import "$k" "$DATA/$k.csv" >/dev/null || bad "import $k"
done
rows() { "$DUIKOU" --db "$(db_url a.db)" audit --format json "$@" | jq length; }

expect_status 0 "audit --kind funds" -- "$DUIKOU" --db "$(db_url a.db)" audit --kind funds
expect_grep out.txt "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z  $ME  import  insert  funds  F001$" "entry line"
expect_grep out.txt "^    amount:  → 20000000$" "the amount in yuan"
expect_grep out.txt "^    note:  → 捐款\\\\n分两次$" "a line break in a value stays on its line"
expect_eq "$(grep -c '  insert  funds  ' out.txt)" 3 "one entry per receipt"
expect_eq "$(grep -c '  projects  ' out.txt)" 0 "only funds"
expect_status 0 "--table is --kind" -- "$DUIKOU" --db "$(db_url a.db)" audit --table funds
cp out.txt table.txt
"$DUIKOU" --db "$(db_url a.db)" audit --kind 到位资金 > zh.txt
expect_same table.txt zh.txt "a kind named in Chinese"
expect_eq "$(rows)" "$(db_sql a.db 'SELECT count(*) FROM audit')" "every row listed"
expect_eq "$(rows --kind projects)" 3 "three projects imported"

# a changed receipt: old → new; the unchanged ones write nothing
sed 's/^P001,2003-07-01,2000万,/P001,2003-07-01,2500万,/' "$DATA/funds.csv" > funds2.csv
before=$(rows)
expect_status 0 "dry run" -- "$DUIKOU" --db "$(db_url a.db)" import funds funds2.csv --dry-run
expect_eq "$(rows)" "$before" "a dry run writes no audit row"
printf 'project_code,date,amount,side,code\nP001,2004-02-30,5,supporter,F9\n' > bad.csv
expect_status 1 "bad import" -- "$DUIKOU" --db "$(db_url a.db)" import funds bad.csv
expect_eq "$(rows)" "$before" "a refused import writes no audit row"
expect_status 0 "import the change" -- "$DUIKOU" --db "$(db_url a.db)" import funds funds2.csv
expect_grep out.txt "1 updated" "one receipt changed"
expect_eq "$(rows)" "$((before + 3))" "the change and the two unnumbered receipts (always new)"
expect_status 0 "audit --record F001" -- "$DUIKOU" --db "$(db_url a.db)" audit --kind funds --record F001
expect_eq "$(grep -c '  funds  F001$' out.txt)" 2 "the record's two entries"
expect_grep out.txt "  update  funds  F001$" "newest first: the update"
expect_eq "$(head -1 out.txt | grep -c update)" 1 "the update on top"
expect_eq "$(grep -c '^    ' out.txt)" 8 "the update lists only the amount; the insert seven columns"
expect_grep out.txt "^    amount: 20000000 → 25000000$" "old → new"

"$DUIKOU" --db "$(db_url a.db)" audit --format json --record F001 > j.json
expect_eq "$(jq -r '.[0].action + " " + .[0].user + " " + .[0].via + " " + .[0].kind' j.json)" \
  "update $ME import funds" "json: the entry"
expect_eq "$(jq '.[0].old.amount, .[0].new.amount' j.json | tr '\n' ' ')" "20000000 25000000 " "json: the amounts as integers"
expect_eq "$(jq '.[1].old' j.json)" null "json: an insert has no old values"
expect_eq "$(rows --user "$ME")" "$(rows)" "--user: every entry is the command line's"
expect_eq "$(rows --user nobody)" 0 "--user nobody"
expect_eq "$(rows --since 2000-01-01)" "$(rows)" "--since long ago"
expect_eq "$(rows --until 2000-01-01)" 0 "--until long ago"
expect_eq "$(rows --since "$(date -u +%Y-%m-%d)" --until "$(date -u +%Y-%m-%d)")" "$(rows)" "today, UTC"
expect_eq "$(rows --limit 2)" 2 "--limit"
expect_status 0 "csv" -- "$DUIKOU" --db "$(db_url a.db)" audit --format csv --record F001
expect_eq "$(head -1 out.txt)" "at,user,via,action,kind,record,old_values,new_values" "csv header"
expect_grep out.txt "^[^,]+,$ME,import,update,funds,F001,\"\\{.*\"\"amount\"\":20000000" "csv row"

# usage errors: 2; a bad date: 1
expect_status 2 "unknown option" -- "$DUIKOU" --db "$(db_url a.db)" audit --bogus
expect_status 2 "unknown format" -- "$DUIKOU" --db "$(db_url a.db)" audit --format xml
expect_status 2 "unknown kind" -- "$DUIKOU" --db "$(db_url a.db)" audit --kind nothing
expect_status 2 "no value" -- "$DUIKOU" --db "$(db_url a.db)" audit --user
expect_status 2 "--limit 0" -- "$DUIKOU" --db "$(db_url a.db)" audit --limit 0
expect_status 2 "--limit x" -- "$DUIKOU" --db "$(db_url a.db)" audit --limit=x
expect_status 1 "bad date" -- "$DUIKOU" --db "$(db_url a.db)" audit --since 2004-02-30
expect_grep err.txt "since: '2004-02-30' is not a date" "the bad date named"
expect_status 1 "bad until" -- "$DUIKOU" --db "$(db_url a.db)" audit --until 20040101
expect_status 0 "--help" -- "$DUIKOU" audit --help
expect_grep out.txt "--since YYYY-MM-DD" "help names the options"

# append-only, even for the database's own shell (sqlite3, psql)
n=$(rows)
db_sql a.db "DELETE FROM audit" 2>err.txt && bad "DELETE FROM audit was allowed"
expect_grep err.txt "append-only" "delete refused"
db_sql a.db "UPDATE audit SET user_name = 'x'" 2>err.txt && bad "UPDATE audit was allowed"
expect_grep err.txt "append-only" "update refused"
expect_eq "$(rows)" "$n" "the trail unchanged"

# the users' changes
PW1=first-secret-pw-1
PW2=second-secret-pw-2
urows() { "$DUIKOU" --db "$(db_url u.db)" audit --format json --kind users "$@" | jq length; }
"$DUIKOU" --db "$(db_url u.db)" init >/dev/null || bad "init u.db"
expect_status 0 "user add" -- "$DUIKOU" --db "$(db_url u.db)" user add wz --role county --scope 500101 --password-stdin <<<"$PW1"
expect_status 0 "audit --kind users" -- "$DUIKOU" --db "$(db_url u.db)" audit --kind users
expect_grep out.txt "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z  $ME  cli  insert  users  wz$" "the add's entry"
expect_grep out.txt "^    role:  → county$" "its role"
expect_grep out.txt "^    scope:  → 500101$" "its scope"
expect_eq "$(grep -c '^    ' out.txt)" 3 "role, scope and disabled, nothing more"
"$DUIKOU" --db "$(db_url u.db)" audit --kind 用户 > zh.txt
expect_same out.txt zh.txt "users named in Chinese"
expect_status 0 "user passwd" -- "$DUIKOU" --db "$(db_url u.db)" user passwd wz --password-stdin <<<"$PW2"
expect_status 0 "user token" -- "$DUIKOU" --db "$(db_url u.db)" user token wz
TOKEN=$(cat out.txt)
expect_eq "${#TOKEN}" 64 "a token printed"
expect_status 0 "user disable" -- "$DUIKOU" --db "$(db_url u.db)" user disable wz
expect_status 0 "user disable again" -- "$DUIKOU" --db "$(db_url u.db)" user disable wz
expect_status 0 "user enable" -- "$DUIKOU" --db "$(db_url u.db)" user enable wz
"$DUIKOU" --db "$(db_url u.db)" audit --format json --kind users > u.json
expect_eq "$(jq -r 'map(.action) | join(" ")' u.json)" "enable disable token password insert" \
  "one entry per change, newest first; disabling a disabled user is none"
expect_eq "$(jq -r 'map(.record + "/" + .user + "/" + .via) | unique | join(" ")' u.json)" "wz/$ME/cli" \
  "each names the user, the command line and the way"
expect_eq "$(jq -c '.[1] | [.old.disabled, .new.disabled]' u.json)" "[false,true]" "disable: false → true"
expect_eq "$(jq -c '.[0] | [.old.disabled, .new.disabled]' u.json)" "[true,false]" "enable: true → false"
expect_eq "$(jq -c '.[4].new' u.json)" '{"role":"county","scope":"500101","disabled":false}' "insert: the values"
expect_eq "$(jq -c '.[2] | [.old == .new, (.new | keys)]' u.json)" '[true,["disabled","role","scope"]]' \
  "token: the user's values only"
# refused changes write nothing; usage errors neither
expect_status 1 "add: taken name" -- "$DUIKOU" --db "$(db_url u.db)" user add wz --role viewer --password-stdin <<<"$PW1"
expect_status 1 "add: short password" -- "$DUIKOU" --db "$(db_url u.db)" user add v --role viewer --password-stdin <<<short
expect_status 1 "add: bad scope" -- "$DUIKOU" --db "$(db_url u.db)" user add c --role county --scope 310000 --password-stdin <<<"$PW1"
expect_status 1 "passwd: short" -- "$DUIKOU" --db "$(db_url u.db)" user passwd wz --password-stdin <<<short
expect_status 1 "passwd: unknown user" -- "$DUIKOU" --db "$(db_url u.db)" user passwd nobody --password-stdin <<<"$PW1"
expect_status 1 "disable: unknown user" -- "$DUIKOU" --db "$(db_url u.db)" user disable nobody
expect_status 1 "enable: unknown user" -- "$DUIKOU" --db "$(db_url u.db)" user enable nobody
expect_status 1 "token: unknown user" -- "$DUIKOU" --db "$(db_url u.db)" user token nobody
expect_status 2 "add: no role" -- "$DUIKOU" --db "$(db_url u.db)" user add v --password-stdin <<<"$PW1"
expect_eq "$(urows)" 5 "refused changes add no entry"
# no secret anywhere in the trail, in any format
"$DUIKOU" --db "$(db_url u.db)" audit --format csv > all.csv
"$DUIKOU" --db "$(db_url u.db)" audit > all.txt
db_sql u.db "SELECT * FROM audit" > all.sql
HASH=$(db_sql u.db "SELECT pw_hash FROM users WHERE name = 'wz'")
THASH=$(db_sql u.db "SELECT token_hash FROM users WHERE name = 'wz'")
expect_eq "${#THASH}" 64 "the token's hash is stored"
for f in u.json all.csv all.txt all.sql; do
  for secret in "$PW1" "$PW2" "$TOKEN" "$HASH" "$THASH" argon2; do
    grep -qF -- "$secret" "$f" && bad "$f holds a secret: $secret" || ok
  done
done
grep -qF wz all.sql && ok || bad "the secret check can fail: wz is in all.sql"

# /audit and /api/v1/audit show them, in Chinese and English
web_start u.db
web_user boss admin
web_login boss
web_curl -s "$URL/audit?kind=users&record=wz" > page.html
expect_grep page.html "<td>用户</td>" "the kind in Chinese"
expect_grep page.html "<td>停用</td>" "disable in Chinese"
expect_grep page.html "<td>新接口令牌</td>" "token in Chinese"
expect_grep page.html "已停用</span>: <del>否</del> → <ins>是</ins>" "disabled: 否 → 是"
expect_grep page.html "<option value=\"users\" selected>用户</option>" "the kind filter offers users"
expect_eq "$(grep -c '<tr data-id=' page.html)" 5 "the five entries of wz"
web_curl -s -H 'Accept-Language: en' "$URL/audit?kind=users&record=wz&lang=en" > en.html
expect_grep en.html "<td>users</td>" "the kind in English"
expect_grep en.html "<td>password changed</td>" "passwd in English"
expect_grep en.html ">role</span>: <del></del> → <ins>county</ins>" "role in English"
expect_eq "$(web_curl -s "$URL/api/v1/audit?kind=用户" | jq -r 'map(.record) | join(" ")')" \
  "boss wz wz wz wz wz" "the API lists the users' entries (web_user's add too)"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/audit?kind=user")" 400 "a kind the trail does not know"
web_stop
finish
