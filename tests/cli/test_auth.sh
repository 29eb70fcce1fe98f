#!/usr/bin/env bash
# Users and signing in: `duikou user` (add, passwd, list, disable, enable,
# token) with its usage and input errors; against `duikou serve`: every page
# needs a session (303 to /login, API 401), login gives a new token each
# time and goes back to a local page only, logout ends the session on the
# server (the old cookie stops working), a missing or wrong CSRF token is 403
# and changes nothing (form and API), Bearer tokens work without CSRF and a
# wrong one is 401, a disabled user cannot sign in, brute force is locked
# out (even the right password) and logged, no password reaches a log, the
# security headers are on every answer, and a non-loopback address is
# served only once an admin exists.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
db_is_pg || command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'
q() { db_sql demo.db "$1"; }

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo

# --- the user command -------------------------------------------------------
expect_status 0 "user --help" -- "$DUIKOU" user --help
expect_grep out.txt "user add NAME --role ROLE" "the help names user add"
expect_status 0 "add with --password-stdin" -- \
  "$DUIKOU" --db "$(db_url demo.db)" user add alice --role admin --password-stdin <<<'first-password-1'
expect_grep out.txt "^user alice added: admin$" "says what it added"
expect_status 0 "add with --generate-password" -- \
  "$DUIKOU" --db "$(db_url demo.db)" user add wz --role county --scope 500101 --generate-password
GEN=$(sed -n 's/^password: //p' out.txt)
expect_eq "${#GEN}" 20 "the generated password is printed once"
expect_status 0 "a supporter" -- "$DUIKOU" --db "$(db_url demo.db)" user add sh --role supporter --scope 310000 --generate-password
expect_status 2 "no role" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --generate-password
expect_status 2 "unknown role" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role boss --generate-password
expect_status 2 "two password options" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role viewer --password-stdin --generate-password
expect_status 2 "no password and no terminal" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role viewer </dev/null
expect_grep err.txt "--password-stdin or --generate-password" "says how to give one"
expect_status 2 "no subcommand" -- "$DUIKOU" --db "$(db_url demo.db)" user
expect_status 2 "unknown subcommand" -- "$DUIKOU" --db "$(db_url demo.db)" user remove alice
expect_status 1 "a short password" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role viewer --password-stdin <<<'short'
expect_grep err.txt "shorter than 10" "names the rule"
expect_status 1 "a taken name" -- "$DUIKOU" --db "$(db_url demo.db)" user add alice --role viewer --generate-password
expect_status 1 "a county without scope" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role county --generate-password
expect_status 1 "a county scope that is no county" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role county --scope 310000 --generate-password
expect_status 1 "a supporter scope that supports nothing" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role supporter --scope 500101 --generate-password
expect_status 1 "a viewer with a scope" -- "$DUIKOU" --db "$(db_url demo.db)" user add bob --role viewer --scope 500101 --generate-password
expect_status 1 "a bad name" -- "$DUIKOU" --db "$(db_url demo.db)" user add 'bo b' --role viewer --generate-password
expect_eq "$(q "SELECT COUNT(*) FROM users WHERE name = 'bob'")" 0 "no bob after the refusals"
expect_status 1 "passwd of nobody" -- "$DUIKOU" --db "$(db_url demo.db)" user passwd nobody --generate-password
expect_status 1 "disable nobody" -- "$DUIKOU" --db "$(db_url demo.db)" user disable nobody
expect_status 1 "token of nobody" -- "$DUIKOU" --db "$(db_url demo.db)" user token nobody
expect_status 0 "user list" -- "$DUIKOU" --db "$(db_url demo.db)" user list
expect_grep out.txt "^name +role +scope +disabled +created$" "list header"
expect_grep out.txt "^wz +county +500101 +no +[0-9-]+T[0-9:]+Z$" "a county user listed with its scope"
if grep -qE 'argon2|\$' out.txt || grep -qF "$GEN" out.txt; then bad "user list shows a hash or password"; else ok; fi
expect_status 0 "passwd" -- "$DUIKOU" --db "$(db_url demo.db)" user passwd alice --password-stdin <<<'second-password-2'
if q "SELECT pw_hash || token_hash FROM users" | grep -qF 'second-password-2'; then bad "password stored as given"; else ok; fi

# --- signing in -------------------------------------------------------------
web_start demo.db
web_user admin admin
web_user viewer1 viewer

hdr() { sed -n "s/^$1: //Ip" head.out; }
# st CURL-ARGS...: the status; the body in body.out, the headers (without CR) in head.out
st() {
  local code
  code=$(curl -s -o body.out -D head.raw -w '%{http_code}' "$@")
  tr -d '\r' <head.raw >head.out
  echo "$code"
}

# every page needs a session; /login and /static/ do not
expect_eq "$(st "$URL/projects?county=500101")" 303 "a page without a session"
expect_eq "$(hdr Location)" "/login?next=%2Fprojects%3Fcounty%3D500101" "to the login page, coming back after"
expect_eq "$(st "$URL/api/v1/projects")" 401 "the API without a session"
expect_grep body.out '^\{"error":"[^"]+","field":null\}$' "401 in JSON"
expect_eq "$(st -X POST -H 'Content-Type: application/json' -d '{}' "$URL/api/v1/conferences")" 401 "an API write without a session"
expect_eq "$(st "$URL/login")" 200 "the login page is public"
expect_grep body.out 'name="user"' "the form has user"
expect_grep body.out 'type="password" name="password"' "and password"
expect_eq "$(st "$URL/static/app.js")" 200 "assets are public"

# the security headers, on pages, errors, assets and the API
for path in /login /static/style.css /api/v1/projects /no-such-page; do
  st "$URL$path" >/dev/null
  expect_grep head.out "^Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'" "CSP on $path"
  grep -qi "unsafe-inline" head.out && bad "unsafe-inline on $path" || ok
  expect_grep head.out "^X-Content-Type-Options: nosniff" "nosniff on $path"
  expect_grep head.out "^X-Frame-Options: DENY" "X-Frame-Options on $path"
  expect_grep head.out "^Referrer-Policy: (same-origin|no-referrer)" "Referrer-Policy on $path"
done

# a wrong password: 401, the form again with a message, no cookie
expect_eq "$(st --data-urlencode user=admin --data-urlencode password=wrong-password-x "$URL/login")" 401 "a wrong password"
expect_grep body.out 'id="login-error"' "the form says so"
grep -qi '^Set-Cookie: duikou_session=[0-9a-f]' head.out && bad "a session for a wrong password" || ok
expect_eq "$(st --data-urlencode user=nobody --data-urlencode password=pw-nobody-123456 "$URL/login")" 401 "an unknown user"

# the right one: a session cookie with the right attributes, back to next
expect_eq "$(st -c jar1.txt --data-urlencode user=admin --data-urlencode password=pw-admin-123456 \
  --data-urlencode 'next=/projects?county=500101' "$URL/login")" 303 "signing in"
expect_eq "$(hdr Location)" "/projects?county=500101" "back to the page asked for"
expect_grep head.out '^Set-Cookie: duikou_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict$' "the cookie"
for next in //evil.example/x 'http://evil.example/' '/\evil.example' 'javascript:alert(1)'; do
  st --data-urlencode user=admin --data-urlencode password=pw-admin-123456 --data-urlencode "next=$next" "$URL/login" >/dev/null
  expect_eq "$(hdr Location)" "/" "next=$next goes to / only"
done
expect_eq "$(st -H 'Origin: http://evil.example' --data-urlencode user=admin \
  --data-urlencode password=pw-admin-123456 "$URL/login")" 403 "a login form posted from another site"
first=$(awk '$6 == "duikou_session" {print $7}' jar1.txt)
# signing in again with that cookie: a new token, and the old session ends
expect_eq "$(st -b jar1.txt -c jar1.txt --data-urlencode user=admin --data-urlencode password=pw-admin-123456 "$URL/login")" 303 "signing in again"
second=$(awk '$6 == "duikou_session" {print $7}' jar1.txt)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" != "$second" ] && ok || bad "a new token at login ('$first' '$second')"
expect_eq "$(st -b "duikou_session=$first" "$URL/projects")" 303 "the session before the new login is over"
expect_eq "$(st -b "duikou_session=$second" "$URL/projects")" 200 "the new one works"
expect_eq "$(q "SELECT COUNT(*) FROM sessions WHERE token_hash = '$second'")" 0 "the token is not stored as given"

# the signed-in page: who, a logout form, the CSRF token in a meta tag
web_login admin
expect_eq "$(web_curl -s -o body.out -w '%{http_code}' "$URL/")" 200 "the dashboard"
expect_grep body.out '<span id="who">admin（管理员）</span>' "the user and role in the nav"
expect_grep body.out '<form class="who" method="post" action="/logout"><input type="hidden" name="csrf" value="'"$CSRF"'">' "the logout form carries the token"
expect_eq "$(web_curl -s -o body.out -w '%{http_code}' "$URL/conferences/new")" 200 "a record form"
expect_grep body.out 'name="csrf" value="'"$CSRF"'"' "the record form carries the token"

# --- CSRF: nothing changes without the session's token ------------------------
form=(-H 'Content-Type: application/x-www-form-urlencoded')
conf=(--data-urlencode code=CSRF1 --data-urlencode name=会议 --data-urlencode date=2004-04-01 --data-urlencode program=sanxia)
n0=$(q "SELECT COUNT(*) FROM conferences")
db_dump demo.db sessions login_failures >before.sql
expect_eq "$(st -b "$JAR" "${form[@]}" "${conf[@]}" "$URL/conferences/new")" 403 "a form without csrf"
expect_eq "$(st -b "$JAR" "${form[@]}" "${conf[@]}" --data-urlencode csrf=0000 "$URL/conferences/new")" 403 "a form with a wrong csrf"
expect_eq "$(st -b "$JAR" "${form[@]}" "${conf[@]}" -H "X-CSRF-Token: ${CSRF/a/b}x" "$URL/conferences/new")" 403 "a wrong header"
json='{"code":"CSRF2","name":"x","date":"2004-04-01"}'
expect_eq "$(st -b "$JAR" -X POST -H 'Content-Type: application/json' -d "$json" "$URL/api/v1/conferences")" 403 "API POST without csrf"
expect_grep body.out '^\{"error":"[^"]+","field":null\}$' "403 in JSON"
pc=$(q "SELECT min(code) FROM projects")
expect_eq "$(st -b "$JAR" -X PUT -H 'Content-Type: application/json' -d '{"name":"改"}' "$URL/api/v1/projects/$pc")" 403 "API PUT without csrf"
expect_eq "$(st -b "$JAR" -X DELETE -H "X-CSRF-Token: $(printf '%064d' 0)" "$URL/api/v1/projects/$pc")" 403 "API DELETE with a wrong csrf"
expect_eq "$(st -b "$JAR" -X POST "${form[@]}" -d '' "$URL/logout")" 403 "logout without csrf"
expect_eq "$(q "SELECT COUNT(*) FROM conferences")" "$n0" "no conference added"
db_dump demo.db sessions login_failures >after.sql
expect_same before.sql after.sql "the refused requests changed no record"
# with the token, the same requests work
expect_eq "$(st -b "$JAR" "${form[@]}" "${conf[@]}" --data-urlencode "csrf=$CSRF" "$URL/conferences/new")" 303 "a form with csrf"
expect_eq "$(web_curl -s -o body.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$json" "$URL/api/v1/conferences")" 201 "API POST with csrf"
expect_eq "$(web_curl -s -o body.out -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -d '{"name":"y"}' "$URL/api/v1/conferences/CSRF2")" 200 "API PUT with csrf"
expect_eq "$(web_curl -s -o body.out -w '%{http_code}' -X DELETE "$URL/api/v1/conferences/CSRF2")" 204 "API DELETE with csrf"
expect_eq "$(q "SELECT COUNT(*) FROM conferences")" "$((n0 + 1))" "one conference more"

# --- Bearer tokens -------------------------------------------------------------
TOKEN=$("$DUIKOU" --db "$(db_url demo.db)" user token viewer1)
expect_eq "${#TOKEN}" 64 "user token prints a 256-bit token"
expect_eq "$(st -H "Authorization: Bearer $TOKEN" "$URL/api/v1/conferences/CSRF1")" 200 "GET with a bearer token"
WRONG=${TOKEN%?}0
[ "$WRONG" = "$TOKEN" ] && WRONG=${TOKEN%?}1
expect_eq "$(st -H "Authorization: Bearer $WRONG" "$URL/api/v1/conferences/CSRF1")" 401 "a wrong token"
expect_eq "$(st -H "Authorization: Bearer" "$URL/api/v1/conferences/CSRF1")" 401 "an empty token"
expect_eq "$(st -H "Authorization: Bearer $TOKEN" "$URL/projects")" 303 "a token does not open the HTML pages"
ADMIN_TOKEN=$("$DUIKOU" --db "$(db_url demo.db)" user token admin)
expect_eq "$(st -X POST -H "Authorization: Bearer $ADMIN_TOKEN" -H 'Content-Type: application/json' -d "$json" "$URL/api/v1/conferences")" 201 "a bearer write needs no csrf"
NEW=$("$DUIKOU" --db "$(db_url demo.db)" user token admin)
expect_eq "$(st -H "Authorization: Bearer $ADMIN_TOKEN" "$URL/api/v1/conferences/CSRF2")" 401 "the replaced token stops working"
expect_eq "$(st -X DELETE -H "Authorization: Bearer $NEW" "$URL/api/v1/conferences/CSRF2")" 204 "the new one works"

# --- logout ends the session on the server ---------------------------------------
cp "$JAR" stolen.txt
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/projects")" 200 "signed in"
expect_eq "$(st -b "$JAR" -c "$JAR" -X POST "${form[@]}" --data-urlencode "csrf=$CSRF" "$URL/logout")" 303 "logout"
expect_eq "$(hdr Location)" "/login" "back to the login page"
expect_grep head.out '^Set-Cookie: duikou_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0$' "the cookie is removed"
expect_eq "$(st -b stolen.txt "$URL/projects")" 303 "the old cookie no longer opens a page"
expect_eq "$(st -b stolen.txt "$URL/api/v1/projects")" 401 "nor the API"

# --- a disabled user ---------------------------------------------------------------
web_user dis viewer
web_login dis
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/projects")" 200 "dis signed in"
expect_status 0 "disable" -- "$DUIKOU" --db "$(db_url demo.db)" user disable dis
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/projects")" 303 "disabling ends the session"
expect_eq "$(st --data-urlencode user=dis --data-urlencode password=pw-dis-123456 "$URL/login")" 401 "a disabled user cannot sign in"
expect_status 0 "enable" -- "$DUIKOU" --db "$(db_url demo.db)" user enable dis
web_login dis

grep -q ' 500 ' serve.err && bad "a request was answered 500: $(grep ' 500 ' serve.err | head -3)" || ok
web_stop
expect_eq "$?" 0 "serve stops cleanly"
mv serve.err serve1.err

# --- brute force, behind a TLS proxy (addresses from X-Forwarded-For) --------------
web_start demo.db --tls-proxy
expect_grep serve.out "behind a TLS proxy" "the start line says so"
web_user victim viewer
login_as() { # ADDR USER PASSWORD: the status
  st -H "X-Forwarded-For: 203.0.113.9, $1" --data-urlencode "user=$2" --data-urlencode "password=$3" "$URL/login"
}
expect_eq "$(login_as 198.51.100.1 victim pw-victim-123456)" 303 "victim signs in"
expect_grep head.out '^Set-Cookie: duikou_session=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict; Secure$' "Secure behind the proxy"
start=$(date +%s%N)
for i in 1 2 3 4 5; do
  expect_eq "$(login_as "198.51.100.$((10 + i))" victim "guess-number-$i")" 401 "wrong password $i"
done
took=$((($(date +%s%N) - start) / 1000000))
[ "$took" -ge 1500 ] && ok || bad "failures are slowed down (5 took ${took} ms)"
expect_eq "$(login_as 198.51.100.20 victim pw-victim-123456)" 429 "then even the right password is refused"
expect_grep body.out 'id="login-error"' "with a message"
expect_grep head.out '^Retry-After: [0-9]+' "and when to retry"
expect_eq "$(login_as 198.51.100.20 admin pw-admin-123456)" 303 "another user from a fresh address is not locked"
# one address guessing many names
for i in 1 2 3 4 5; do login_as 192.0.2.66 "name$i" "guess-number-$i" >/dev/null; done
expect_eq "$(login_as 192.0.2.66 admin pw-admin-123456)" 429 "an address with 5 failures is refused"
expect_eq "$(login_as 192.0.2.67 admin pw-admin-123456)" 303 "another address is not"
expect_grep serve.err 'login failed for user "victim" from 198\.51\.100\.11 \(1 in 15 minutes\)' "failures are logged"
expect_grep serve.err 'login refused for user "victim" from 198\.51\.100\.20' "the lockout is logged"
web_stop
cat serve1.err >>serve.err
for pw in first-password-1 second-password-2 "$GEN" pw-admin-123456 pw-victim-123456 guess-number-1 wrong-password-x; do
  grep -qF -- "$pw" serve.err && bad "a password in the log: $pw" || ok
done

# --- listening on other addresses ------------------------------------------------
expect_status 0 "an empty database" -- "$DUIKOU" --db "$(db_url empty.db)" init
expect_status 1 "0.0.0.0 without an admin" -- "$DUIKOU" --db "$(db_url empty.db)" serve --listen 0.0.0.0:0
expect_grep err.txt "user add NAME --role admin" "names the command to make one"
echo 'admin-password-1' | "$DUIKOU" --db "$(db_url empty.db)" user add boss --role admin --password-stdin >/dev/null
"$DUIKOU" --db "$(db_url empty.db)" user disable boss >/dev/null
expect_status 1 "a disabled admin does not count" -- "$DUIKOU" --db "$(db_url empty.db)" serve --listen 0.0.0.0:0
"$DUIKOU" --db "$(db_url empty.db)" user enable boss >/dev/null
"$DUIKOU" --db "$(db_url empty.db)" serve --listen 0.0.0.0:0 --threads 1 >any.out 2>any.err &
APID=$!
for _ in $(seq 100); do grep -q 'http://' any.out 2>/dev/null && break; sleep 0.1; done
APORT=$(sed -n 's|.*http://0\.0\.0\.0:\([0-9]*\)/.*|\1|p' any.out)
[ -n "$APORT" ] && ok || { bad "serve on 0.0.0.0 did not start"; cat any.err >&2; }
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APORT/login")" 200 "it answers"
kill -TERM "$APID"
wait "$APID"
expect_eq "$?" 0 "and stops cleanly"
finish
