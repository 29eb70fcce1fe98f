#!/usr/bin/env bash
# Creates one demo user per role on the demo database (make demo) and prints
# each name with its generated password. The database is new each time
# (demo --force), so are the passwords.
#   scripts/demo-users.sh DUIKOU DB
set -euo pipefail
duikou=$1
db=$2
echo "Demo users (演示用户), one per role — sign in with these:"
printf '  %-10s %-10s %-8s %s\n' user role scope password
while read -r name role scope; do
  args=(--db "$db" user add "$name" --role "$role" --generate-password)
  [ "$scope" = - ] || args+=(--scope "$scope")
  pw=$("$duikou" "${args[@]}" | sed -n 's/^password: //p')
  [ -n "$pw" ] || { echo "demo-users: no password for $name" >&2; exit 1; }
  printf '  %-10s %-10s %-8s %s\n' "$name" "$role" "$scope" "$pw"
done <<'USERS'
admin      admin      -
municipal  municipal  -
wanzhou    county     500101
shanghai   supporter  310000
viewer     viewer     -
USERS
