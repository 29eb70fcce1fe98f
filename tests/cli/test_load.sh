#!/usr/bin/env bash
# Load (issue 9, item 5): LOAD_CLIENTS (64) clients at once against one
# `duikou serve` on loopback for LOAD_SECONDS (30; `make soak` sets
# SOAK_SECONDS, 300), each on its own keep-alive connection
# (tests/load/client.mjs, node's http only), mixing reads — the dashboard,
# filtered lists, a project page, the annual report, API GETs — and writes:
# API POSTs of fund receipts with distinct codes and known amounts, PUTs
# renaming projects, and receipts through the HTML form with the session's
# CSRF token. Afterwards: every request answered and none a 5xx, every
# acknowledged receipt in the database exactly once with its amount and
# none that was not acknowledged, the funds total moved by exactly the
# acknowledged amounts, one audit entry per acknowledged write, each
# renamed project holding one of the names written to it, `duikou check`
# passes; and the server's memory is flat: VmRSS, sampled every 250 ms,
# peaks in the last third of the run at most LOAD_RSS_MARGIN percent (25)
# above its peak in the first third (the first third includes the warm-up
# of the caches; a leak of a kilobyte a request shows in a soak run; not
# checked under DUIKOU_WRAP or AddressSanitizer, whose heaps are not duikou's).
# On SQLite here and on PostgreSQL as cli_test_load_pg. Speed is printed,
# never asserted.
. "$(dirname "$0")/lib.sh"
for tool in curl jq node; do
  command -v $tool >/dev/null || { echo "$tool is missing (scripts/deps.sh installs it)"; exit 1; }
done
export NO_PROXY='*' no_proxy='*'
SECONDS_RUN=${LOAD_SECONDS:-30}
CLIENTS=${LOAD_CLIENTS:-64}
MARGIN=${LOAD_RSS_MARGIN:-25}
THREADS=${LOAD_THREADS:-8}

DB=$(db_url load.db)
q() { db_sql load.db "$1"; }
expect_status 0 "demo world" -- "$DUIKOU" --db "$DB" demo

# the API's user (a token) and a browser's (a session and its CSRF token)
printf 'pw-loader-123456\n' | "$DUIKOU" --db "$DB" user add loader --role municipal --password-stdin >/dev/null ||
  bad "user add loader"
TOKEN=$("$DUIKOU" --db "$DB" user token loader) || bad "user token loader"
web_start load.db --threads "$THREADS"
web_user clerk municipal
web_login clerk
SESSION=$(awk '$6 == "duikou_session" { print $7 }' "$JAR")
[ -n "$SESSION" ] && [ ${#TOKEN} -ge 32 ] && ok || bad "a session and an API token"

# the projects the receipts go to and those renamed; a receipt is dated
# after every signing of the demo world (2003–2004)
mapfile -t FUND_PROJECTS < <(q "SELECT code FROM projects ORDER BY code LIMIT 8")
mapfile -t EDIT_PROJECTS < <(q "SELECT code FROM projects ORDER BY code DESC LIMIT 4")
[ ${#FUND_PROJECTS[@]} -eq 8 ] && [ ${#EDIT_PROJECTS[@]} -eq 4 ] && ok || bad "the demo world's projects"
P=${FUND_PROJECTS[0]}
READS=("/" "/projects?program=sanxia&signed=2004" "/projects?program=sanxia&county=500101&signed=2004"
  "/projects/$P" "/reports/annual?year=2004" "/funds?side=supporter&year=2004&sort=amount&dir=desc"
  "/funds?project_code=$P" "/labour?year=2004" "/api/v1/funds?per_page=50" "/api/v1/projects/${EDIT_PROJECTS[0]}"
  "/api/v1/projects?program=sanxia" "/api/v1/reports/annual?year=2004")
# each read answers 200 before the run, so a refusal under load is the load's
for r in "${READS[@]}"; do
  case $r in
    /api/*) code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$URL$r") ;;
    *) code=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL$r") ;;
  esac
  expect_eq "$code" 200 "GET $r before the run"
done

FUNDS_BEFORE=$(q "SELECT COALESCE(SUM(amount), 0) FROM funds")
COUNT_BEFORE=$(q "SELECT count(*) FROM funds")
AUDIT_BEFORE=$(q "SELECT count(*) FROM audit")

mkdir -p out
jq -n --arg url "$URL" --argjson pid "$PID" --argjson seconds "$SECONDS_RUN" --argjson clients "$CLIENTS" \
  --arg token "$TOKEN" --arg cookie "duikou_session=$SESSION" --arg csrf "$CSRF" --arg prefix LD \
  --arg fundDate 2005-06-01 \
  --argjson fundProjects "$(printf '%s\n' "${FUND_PROJECTS[@]}" | jq -R . | jq -s .)" \
  --argjson editProjects "$(printf '%s\n' "${EDIT_PROJECTS[@]}" | jq -R . | jq -s .)" \
  --argjson reads "$(printf '%s\n' "${READS[@]}" | jq -R . | jq -s .)" \
  '{url: $url, pid: $pid, seconds: $seconds, clients: $clients, token: $token, cookie: $cookie, csrf: $csrf,
    prefix: $prefix, fundDate: $fundDate, fundProjects: $fundProjects, editProjects: $editProjects,
    reads: $reads}' >load.json
if node "$SRC/tests/load/client.mjs" load.json out >client.out 2>client.err; then ok; else
  bad "the client failed"; sed 's/^/  client: /' client.err | head -20 >&2
fi
cat client.out
A=out/answers.txt
N=$(wc -l <"$A")
[ "$N" -gt 0 ] && ok || bad "no request answered"

# --- every request answered, no 5xx, every write acknowledged
expect_eq "$(grep -Ec '^(5[0-9][0-9]|0) ' "$A")" 0 "answers 5xx or none"
grep -E '^(5[0-9][0-9]|0) ' "$A" | sort | uniq -c | sort -rn | head -5 | sed 's/^/  /' >&2
expect_eq "$(grep -Ec '^200 read ' "$A")" "$(grep -c ' read ' "$A")" "every read answered 200"
expect_eq "$(grep -Ec '^201 fund ' "$A")" "$(grep -c ' fund ' "$A")" "every API receipt created (201)"
expect_eq "$(grep -Ec '^303 form ' "$A")" "$(grep -c ' form ' "$A")" "every form receipt created (303)"
expect_eq "$(grep -Ec '^200 edit ' "$A")" "$(grep -c ' edit ' "$A")" "every rename acknowledged (200)"
for w in fund form edit read; do
  [ "$(grep -c " $w " "$A")" -gt 0 ] && ok || bad "no request of the kind '$w' was sent"
done

# --- the receipts: the acknowledged ones, each once, with its amount, and
# no other new one
awk '($1 == 201 && $2 == "fund") || ($1 == 303 && $2 == "form") { print $3 "|" $4 }' "$A" | sort >acked.txt
q "SELECT code || '|' || amount FROM funds WHERE code LIKE 'LD%'" | sort >found.txt
expect_same acked.txt found.txt "the acknowledged receipts are in the database, with their amounts"
ACKED=$(wc -l <acked.txt)
expect_eq "$(q "SELECT count(*) FROM funds")" $((COUNT_BEFORE + ACKED)) "no other receipt written"
expect_eq "$(q "SELECT count(*) - count(DISTINCT code) FROM funds")" 0 "no receipt twice"
ACKED_SUM=$(awk -F'|' '{ s += $2 } END { print s + 0 }' acked.txt)
expect_eq "$(q "SELECT SUM(amount) FROM funds")" $((FUNDS_BEFORE + ACKED_SUM)) \
  "funds total = before + the acknowledged amounts"

# --- the audit trail: one entry per acknowledged write, each where it came from
EDITS=$(grep -c '^200 edit ' "$A")
expect_eq "$(($(q "SELECT count(*) FROM audit") - AUDIT_BEFORE))" $((ACKED + EDITS)) \
  "one audit entry per acknowledged write"
awk '$1 == 201 && $2 == "fund" { print $3 }' "$A" | sort >acked-api.txt
q "SELECT record FROM audit WHERE kind = 'funds' AND action = 'insert' AND via = 'api'" | sort >audit-api.txt
expect_same acked-api.txt audit-api.txt "audit: each API receipt's insert once"
awk '$1 == 303 && $2 == "form" { print $3 }' "$A" | sort >acked-form.txt
q "SELECT record FROM audit WHERE kind = 'funds' AND action = 'insert' AND via = 'form'" | sort >audit-form.txt
expect_same acked-form.txt audit-form.txt "audit: each form receipt's insert once"
expect_eq "$(q "SELECT count(*) FROM audit WHERE kind = 'projects' AND action = 'update' AND via = 'api'")" "$EDITS" \
  "audit: the renames by the API"
for p in "${EDIT_PROJECTS[@]}"; do
  name=$(q "SELECT name FROM projects WHERE code = '$p'")
  if [ "$(grep -c " edit $p " "$A")" -eq 0 ] || grep -qxF "200 edit $p $name" "$A"; then ok; else
    bad "$p: its name '$name' is not one written to it"
  fi
done

# --- memory: the last third's peak against the first third's
awk '$2 != "gone"' out/rss.txt >rss.txt
expect_eq "$(grep -c gone out/rss.txt)" 0 "the server ran through the whole run"
read -r FIRST LAST SAMPLES < <(awk '{ t[NR] = $1; k[NR] = $2 } END {
  end = t[NR]; f = 0; l = 0
  for (i = 1; i <= NR; i++) {
    if (t[i] <= end / 3 && k[i] > f) f = k[i]
    if (t[i] >= 2 * end / 3 && k[i] > l) l = k[i]
  }
  print f, l, NR }' rss.txt)
echo "server VmRSS: first third's peak ${FIRST} kB, last third's ${LAST} kB ($SAMPLES samples)"
[ "${SAMPLES:-0}" -ge 12 ] && ok || bad "too few RSS samples: ${SAMPLES:-0}"
# the RSS is duikou's own only without a wrapper and without AddressSanitizer
# (its quarantine keeps freed memory; LeakSanitizer checks the server's
# leaks when it stops, below)
if [ -n "${DUIKOU_WRAP:-}" ]; then
  SKIP=$((SKIP + 1)); echo "SKIP: memory flat (the RSS is DUIKOU_WRAP's)"
elif ldd "$DUIKOU" 2>/dev/null | grep -q libasan; then
  SKIP=$((SKIP + 1)); echo "SKIP: memory flat (AddressSanitizer's quarantine grows the RSS)"
elif [ "${LAST:-0}" -le $((FIRST * (100 + MARGIN) / 100)) ]; then ok; else
  bad "the server's memory grew: VmRSS peak ${FIRST} kB in the first third, ${LAST} kB in the last (margin $MARGIN%)"
fi

# the figures of the run, for docs/reliability.md
jq -n --argjson n "$N" --argjson acked "$ACKED" --argjson found "$(wc -l <found.txt)" --argjson edits "$EDITS" \
  --argjson first "${FIRST:-0}" --argjson last "${LAST:-0}" --argjson s "$(jq .seconds out/summary.json)" \
  --arg backend "$(db_is_pg && echo postgresql || echo sqlite)" \
  '{backend: $backend, seconds: $s, requests: $n, receipts_acknowledged: $acked, receipts_found: $found,
    renames: $edits, rss_first_kb: $first, rss_last_kb: $last}' >figures.json
cat figures.json
[ -n "${LOAD_FIGURES:-}" ] && cp figures.json "$LOAD_FIGURES"

expect_status 0 "the server stops cleanly" -- web_stop
expect_status 0 "duikou check after the run" -- "$DUIKOU" --db "$DB" check
finish
