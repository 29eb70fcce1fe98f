#!/usr/bin/env bash
# Installs the Debian packages that building and testing duikou need, only
# when one is missing (postgresql: the server binaries the tests run a
# throwaway cluster of, scripts/pg-cluster.sh; libpq-dev: the PostgreSQL
# backend). Safe to run again; needs root (or sudo) to install.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libsqlite3-dev sqlite3 libpq-dev postgresql jq libcsv-dev libjansson-dev libcmocka-dev
      libmicrohttpd-dev libxlsxwriter-dev libsodium-dev libzip-dev libxml2-dev
      curl chromium fonts-noto-cjk clang libclang-rt-14-dev
      postgresql libpq-dev
      python3
      valgrind)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node may come from elsewhere (with its own npm); Debian's only when none.
command -v node >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Apache ECharts (compiled into the binary) and playwright-core (the browser
# tests) from npm, exactly as package-lock.json pins them; again only when
# node_modules is missing or older than the lock file.
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null; then
  echo "deps: node is missing even after installing nodejs" >&2
  exit 1
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "deps: npm ci" >&2
  npm ci --no-audit --no-fund
  touch node_modules
fi
