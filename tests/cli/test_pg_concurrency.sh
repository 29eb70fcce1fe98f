#!/usr/bin/env bash
# ctest: postgresql-only
# Two `duikou serve` processes on one PostgreSQL database, many clients at
# once (issue 5, item 4): fund receipts with distinct codes and known
# amounts POSTed to both servers, PUT edits of the same few projects from
# both at once (names by some, contract amounts by others), racing POSTs
# of one code, and reads. Afterwards every acknowledged write is in the
# database exactly once, no answer was a 5xx, the funds total moved by
# exactly the acknowledged amounts, the audit trail has one entry per
# acknowledged change and its entries of each project follow one another
# (each one's old values are the previous one's new values, each changes
# only the column its request gave), each project holds the last value
# written, and `duikou check` passes.
#
# PostgreSQL only: on the cluster of DUIKOU_TEST_PG (the _pg registration),
# else on a throwaway cluster of its own (scripts/pg-cluster.sh); without
# PostgreSQL's binaries it prints SKIP and exits 77.
. "$(dirname "$0")/lib.sh"
for tool in curl jq psql; do
  command -v $tool >/dev/null || { echo "$tool is missing (scripts/deps.sh installs it)"; exit 1; }
done
export NO_PROXY='*' no_proxy='*'

CLUSTER=
SERVERS=()
conc_cleanup() {
  local p
  cd /
  for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${SERVERS[@]}"; do wait "$p" 2>/dev/null; done
  lib_cleanup
  [ -z "$CLUSTER" ] || bash "$SRC/scripts/pg-cluster.sh" stop "$CLUSTER"
}
trap conc_cleanup EXIT

if ! db_is_pg; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "SKIP: PostgreSQL's server binaries are not installed (scripts/deps.sh installs postgresql)"
    exit 77
  fi
  CLUSTER=$(mktemp -d /tmp/dkc-XXXXXX)
  DB_PG=$(bash "$SRC/scripts/pg-cluster.sh" start "$CLUSTER") || { bad "no cluster could be started"; finish; exit 1; }
fi

DB=$(db_url c.db)
q() { db_sql c.db "$1"; }
expect_status 0 "demo world on PostgreSQL" -- "$DUIKOU" --db "$DB" demo

# --- users and their API tokens: the municipal office and a county's
COUNTY=$(q "SELECT recipient_code FROM projects GROUP BY recipient_code ORDER BY count(*) DESC, recipient_code LIMIT 1")
OTHER=$(q "SELECT recipient_code FROM projects WHERE recipient_code <> '$COUNTY' ORDER BY code LIMIT 1")
token() {
  local t
  printf 'pw-%s-123456\n' "$1" | "$DUIKOU" --db "$DB" user add "$1" --role "$2" ${3:+--scope "$3"} \
    --password-stdin >/dev/null 2>&1 || bad "user add $1"
  t=$("$DUIKOU" --db "$DB" user token "$1") || bad "user token $1"
  printf '%s\n' "$t"
}
TOK_M=$(token muni municipal)
TOK_C=$(token county county "$COUNTY")
[ ${#TOK_M} -ge 32 ] && [ ${#TOK_C} -ge 32 ] && ok || bad "API tokens printed"

# --- the projects: receipts go to the county's projects; the edits go to
# three of them whose contract amount may move between the private capital
# and the total investment; one project of another county is out of the
# county user's scope
mapfile -t FUND_PROJECTS < <(q "SELECT code FROM projects WHERE recipient_code = '$COUNTY' ORDER BY code LIMIT 6")
mapfile -t EDITS < <(q "SELECT code || '|' || (COALESCE(private_amount, 0) + 1) FROM projects
  WHERE recipient_code = '$COUNTY' AND total_investment - COALESCE(private_amount, 0) > 1000000
  ORDER BY code LIMIT 3")
FOREIGN=$(q "SELECT code FROM projects WHERE recipient_code = '$OTHER' ORDER BY code LIMIT 1")
[ ${#FUND_PROJECTS[@]} -eq 6 ] && [ ${#EDITS[@]} -eq 3 ] && [ -n "$FOREIGN" ] && ok ||
  bad "the demo world has the projects this test needs"
# a receipt is dated after every signing (the demo world's are 2003–2004)
FUND_DATE=2005-06-01
FUNDS_BEFORE=$(q "SELECT COALESCE(SUM(amount), 0) FROM funds")
AUDIT_BEFORE=$(q "SELECT count(*) FROM audit")

# --- two servers on the one database
URLS=()
start_server() {
  "$DUIKOU" --db "$DB" serve --listen 127.0.0.1:0 --threads 4 >"serve$1.out" 2>"serve$1.err" &
  SERVERS+=($!)
  local port=
  for _ in $(seq 100); do
    port=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "serve$1.out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] && [ "$port" != 0 ] || { bad "server $1 did not start"; cat "serve$1.err" >&2; finish; exit 1; }
  URLS[$1]=http://127.0.0.1:$port
  ok
}
start_server 0
start_server 1

# --- the clients: CLIENTS loops of ROUNDS requests each, every answer
# recorded as "STATUS WHAT KEY VALUE" in log.N
CLIENTS=24
ROUNDS=15
# call N URL TOKEN METHOD PATH [BODY]: the status code of one request
call() {
  local url=$1 tok=$2 method=$3 path=$4 body=${5:-}
  if [ -n "$body" ]; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X "$method" -H "Authorization: Bearer $tok" \
      -H 'Content-Type: application/json' --data-binary "$body" "$url$path"
  else
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X "$method" -H "Authorization: Bearer $tok" "$url$path"
  fi
}
client() {
  local n=$1 i url tok code amount p e project lo value body
  for ((i = 0; i < ROUNDS; i++)); do
    url=${URLS[$(((n + i) % 2))]}
    if (((n + i) % 2)); then tok=$TOK_M; else tok=$TOK_C; fi
    case $((i % 3)) in
      0) # a new receipt, a code and an amount of its own
        code=C-$n-$i
        amount=$((10000 + n * 100 + i))
        p=${FUND_PROJECTS[$(((n + i) % ${#FUND_PROJECTS[@]}))]}
        body="{\"code\":\"$code\",\"project_code\":\"$p\",\"date\":\"$FUND_DATE\",\"amount\":$amount,\"side\":\"supporter\",\"source_type\":\"enterprise\"}"
        echo "$(call "$url" "$tok" POST /api/v1/funds "$body") fund $code $amount" ;;
      1) # an edit of one of the same three projects: a name, or a contract amount
        e=${EDITS[$(((n + i) % 3))]}
        project=${e%%|*}
        lo=${e#*|}
        if ((n % 2)); then
          value="并发改名 $n-$i"
          body="{\"name\":\"$value\"}"
          echo "$(call "$url" "$tok" PUT "/api/v1/projects/$project" "$body") name $project $value"
        else
          value=$((lo + n * 1000 + i))
          body="{\"contract_amount\":$value}"
          echo "$(call "$url" "$tok" PUT "/api/v1/projects/$project" "$body") contract_amount $project $value"
        fi ;;
      2) # reads: a list, one project, a report
        case $((n % 3)) in
          0) echo "$(call "$url" "$tok" GET '/api/v1/funds?per_page=100') read funds -" ;;
          1) echo "$(call "$url" "$tok" GET "/api/v1/projects/${EDITS[0]%%|*}") read project -" ;;
          2) echo "$(call "$url" "$tok" GET '/api/v1/reports/annual?year=2005') read report -" ;;
        esac ;;
    esac
  done >"log.$n"
}
# racing POSTs of one code: of each, exactly one is created
race() {
  local r=$1 k
  for k in 0 1 2 3; do
    (echo "$(call "${URLS[$((k % 2))]}" "$TOK_M" POST /api/v1/funds \
      "{\"code\":\"DUP-$r\",\"project_code\":\"${FUND_PROJECTS[0]}\",\"date\":\"$FUND_DATE\",\"amount\":7,\"side\":\"recipient\"}") dup DUP-$r 7" \
      >"race.$r.$k") &
  done
  wait
}
# the county office tries a project of another county: 403, nothing written
foreign() {
  local i
  for ((i = 0; i < 4; i++)); do
    echo "$(call "${URLS[$((i % 2))]}" "$TOK_C" PUT "/api/v1/projects/$FOREIGN" "{\"name\":\"越权 $i\"}") foreign $FOREIGN -"
  done >log.foreign
}

START=$(date +%s)
CLIENT_PIDS=()
for ((n = 0; n < CLIENTS; n++)); do
  client "$n" &
  CLIENT_PIDS+=($!)
done
for r in 1 2 3; do race "$r" & CLIENT_PIDS+=($!); done
foreign &
CLIENT_PIDS+=($!)
for p in "${CLIENT_PIDS[@]}"; do wait "$p"; done
ELAPSED=$(($(date +%s) - START))
cat log.[0-9]* race.* >all.log
echo "$(wc -l <all.log) requests in ${ELAPSED}s from $((CLIENTS + 13)) clients on two servers"
expect_eq "$(wc -l <all.log)" $((CLIENTS * ROUNDS + 12)) "every request answered"
[ "$ELAPSED" -lt 60 ] && ok || bad "the run took ${ELAPSED}s (a minute at most)"

# --- no 5xx, no dropped connection; every distinct write acknowledged
if grep -Eq '^(5..|000) ' all.log log.foreign; then
  bad "answers 5xx or none: $(grep -Ec '^(5..|000) ' all.log log.foreign | tr '\n' ' ')"
  grep -E '^(5..|000) ' all.log log.foreign | head -10 | sed 's/^/  /' >&2
  grep -iE 'error|fail' serve0.err serve1.err | head -10 | sed 's/^/  serve: /' >&2
else ok; fi
expect_eq "$(grep -Ec '^201 fund ' all.log)" "$(grep -c ' fund ' all.log)" "every new receipt created (201)"
expect_eq "$(grep -Ec '^200 (name|contract_amount) ' all.log)" "$(grep -Ec ' (name|contract_amount) ' all.log)" \
  "every edit acknowledged (200)"
expect_eq "$(grep -Ec '^200 read ' all.log)" "$(grep -c ' read ' all.log)" "every read answered (200)"
expect_eq "$(grep -c '^403 ' log.foreign)" 4 "another county's project refused (403)"
expect_eq "$(q "SELECT count(*) FROM projects WHERE name LIKE '越权%'")" 0 "nothing written by the refused edits"

# --- every acknowledged receipt exactly once, none more
awk '$1 == 201 && $2 == "fund" { print $3 "|" $4 }' all.log | sort >acked-funds.txt
q "SELECT code || '|' || amount FROM funds WHERE code LIKE 'C-%'" | sort >db-funds.txt
expect_same acked-funds.txt db-funds.txt "the acknowledged receipts are in the database, with their amounts"
expect_eq "$(q "SELECT count(*) - count(DISTINCT code) FROM funds")" 0 "no receipt twice"
for r in 1 2 3; do
  expect_eq "$(cat race.$r.* | awk '{ print $1 }' | sort | tr '\n' ' ')" "201 409 409 409 " "racing POSTs of DUP-$r: one 201, three 409"
  expect_eq "$(q "SELECT count(*) FROM funds WHERE code = 'DUP-$r'")" 1 "DUP-$r once"
done
ACKED_SUM=$(awk '$1 == 201 { s += $4 } END { print s + 0 }' all.log)
expect_eq "$(q "SELECT SUM(amount) FROM funds")" $((FUNDS_BEFORE + ACKED_SUM)) "funds total = before + the acknowledged amounts"

# --- the audit trail: one entry per acknowledged change
NEW_AUDIT=$(q "SELECT count(*) FROM audit")
ACKED_WRITES=$(grep -Ec '^(201 |200 (name|contract_amount) )' all.log)
expect_eq "$((NEW_AUDIT - AUDIT_BEFORE))" "$ACKED_WRITES" "one audit entry per acknowledged write"
expect_eq "$(q "SELECT count(*) FROM audit WHERE via = 'api' AND kind = 'funds' AND action = 'insert'")" \
  "$(grep -c '^201 ' all.log)" "audit: the receipts' inserts by the API"
expect_eq "$(q "SELECT count(*) FROM audit WHERE via = 'api' AND kind = 'projects' AND action = 'update'")" \
  "$(grep -Ec '^200 (name|contract_amount) ' all.log)" "audit: the projects' updates by the API"
awk '$1 == 201 { print $3 }' all.log | sort >acked-codes.txt
q "SELECT record FROM audit WHERE kind = 'funds' AND action = 'insert' AND via = 'api'" | sort >audit-codes.txt
expect_same acked-codes.txt audit-codes.txt "audit: each receipt's insert once"

# --- each edited project: its entries follow one another, each changes only
# the column its request gave, and the project holds the last value
for e in "${EDITS[@]}"; do
  p=${e%%|*}
  "$DUIKOU" --db "$DB" audit --kind projects --record "$p" --format json >audit-$p.json
  n=$(jq length audit-$p.json)
  expect_eq "$n" "$(grep -Ec "^200 (name|contract_amount) $p " all.log)" "$p: an audit entry per edit"
  # oldest first: the entries that do not follow the previous one, and
  # those that change more than one column
  expect_eq "$(jq -r 'reverse | [range(1; length) as $i | select(.[$i].old != .[$i - 1].new) | .[$i].id] | length' audit-$p.json)" \
    0 "$p: each entry's old values are the previous entry's new values"
  expect_eq "$(jq '[.[] | [(.old | keys[]) as $k | select(.old[$k] != .new[$k])] | length | select(. != 1)] | length' \
    audit-$p.json)" 0 "$p: each entry changes only the column its request gave"
  last=$(jq -r 'first | .new | "\(.name)|\(.contract_amount)"' audit-$p.json)
  expect_eq "$(q "SELECT name || '|' || contract_amount FROM projects WHERE code = '$p'")" "$last" \
    "$p holds the last value written"
  name=${last%|*}
  amount=${last#*|}
  grep -qxF "200 name $p $name" all.log && ok || bad "$p: its name '$name' is one of the names written"
  grep -qxF "200 contract_amount $p $amount" all.log && ok || bad "$p: its contract amount $amount is one written"
done

expect_status 0 "duikou check after the run" -- "$DUIKOU" --db "$DB" check
finish
