#!/usr/bin/env bash
# Installs the Debian packages in tools/debian-packages.txt that are missing (as root), or names them.
# Used by the test command (tools/test.sh) and by the local mode (./setup.sh local).
# Usage: bash tools/install-debian-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'install-debian-packages: %s\n' "$*" >&2; exit 1; }

mapfile -t packages < <(grep -v '^\s*#' tools/debian-packages.txt | grep -v '^\s*$')

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  die "this is not a Debian/Ubuntu machine: install these packages (or their equivalents) and retry: ${packages[*]}"
fi
mapfile -t todo < <(missing_packages)
if ((${#todo[@]} == 0)); then
  echo "all ${#packages[@]} Debian packages present"
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  die "missing Debian packages and not root: run as root, or: sudo apt-get install ${todo[*]} apache2- libapache2-mod-php- libapache2-mod-php8.2-"
fi
echo "installing: ${todo[*]}"
export DEBIAN_FRONTEND=noninteractive
# phpMyAdmin's installer would create a database and configure Apache; the services configure both
# themselves. dbconfig-common takes its answers from this file when it exists; debconf answers
# cover the web server (debconf refuses them on a machine where phpmyadmin was purged: harmless).
if [[ ! -e /etc/dbconfig-common/phpmyadmin.conf ]]; then
  mkdir -p /etc/dbconfig-common
  printf "dbc_install='false'\ndbc_upgrade='false'\ndbc_remove='false'\ndbc_dbtype='mysql'\n" >/etc/dbconfig-common/phpmyadmin.conf
fi
debconf-set-selections 2>/dev/null <<'DEBCONF' || true
phpmyadmin phpmyadmin/dbconfig-install boolean false
phpmyadmin phpmyadmin/reconfigure-webserver multiselect
DEBCONF
apt-get update -qq
# Debian's maintainer scripts start daemons on install (a Debian nginx on 0.0.0.0:80 would take the
# local mode's ports). invoke-rc.d asks policy-rc.d first: 101 means "do not start anything".
# Only a policy file this script made is removed again.
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\n# made by ft_services tools/install-debian-packages.sh for the length of one install\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
# The trailing '-' keeps Apache out: wordpress and phpmyadmin would otherwise pull it in.
apt-get install -y -qq --no-install-recommends "${todo[@]}" apache2- libapache2-mod-php- libapache2-mod-php8.2- >/dev/null
mapfile -t still < <(missing_packages)
((${#still[@]} == 0)) || die "apt-get did not install: ${still[*]}"
