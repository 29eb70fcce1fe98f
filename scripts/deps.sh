#!/usr/bin/env bash
# Installs the Debian packages that building and testing duikou need, only
# when one is missing. Safe to run again; needs root (or sudo) to install.
set -euo pipefail
pkgs=(build-essential cmake pkg-config
      libsqlite3-dev sqlite3 jq libcsv-dev libjansson-dev libcmocka-dev
      libmicrohttpd-dev libxlsxwriter-dev libsodium-dev libzip-dev libxml2-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}" >&2
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
