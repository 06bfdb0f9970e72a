#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian 12 machine (as root),
# then type-checks, builds and runs every suite. Usage: bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'tools/test.sh: %s\n' "$*" >&2; exit 1; }

mapfile -t packages < <(grep -v '^\s*#' tools/debian-packages.txt | grep -v '^\s*$')

missing_packages() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

say "system packages"
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  die "this is not a Debian/Ubuntu machine: install these packages (or their equivalents) and retry: ${packages[*]}"
fi
mapfile -t todo < <(missing_packages)
if ((${#todo[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    die "missing Debian packages and not root: run as root, or: sudo apt-get install ${todo[*]} apache2- libapache2-mod-php- libapache2-mod-php8.2-"
  fi
  echo "installing: ${todo[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # phpMyAdmin's installer would create a database and configure Apache; the tests configure both
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
  # The trailing '-' keeps Apache out: wordpress and phpmyadmin would otherwise pull it in.
  apt-get install -y -qq --no-install-recommends "${todo[@]}" apache2- libapache2-mod-php- libapache2-mod-php8.2- >/dev/null
  mapfile -t still < <(missing_packages)
  ((${#still[@]} == 0)) || die "apt-get did not install: ${still[*]}"
else
  echo "all ${#packages[@]} packages present"
fi
# Debian starts some daemons on install where it can; the tests start their own on free ports.
for d in mariadbd nginx php-fpm8.2 vsftpd influxd; do pkill -x "$d" 2>/dev/null || true; done

say "node"
command -v node >/dev/null 2>&1 || die "node is not installed: install Node.js 20.19 or newer (Debian: the nodejs package of NodeSource or nvm)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "node $(node --version) is too old: Node.js 20.19 or newer is needed"
# npm ci needs every optional platform binary (nx, rollup, esbuild for macOS, Windows, ...) in the
# lockfile; the lockfile lacks those the build machines' registry does not serve. npm install
# --no-save then installs the very versions the lockfile pins, and leaves it untouched.
ci_log=$(mktemp)
if ! npm ci --no-audit --no-fund --loglevel=error >"$ci_log" 2>&1; then
  grep -m3 -E '^npm error (code|Missing)' "$ci_log" || tail -n 3 "$ci_log"
  echo "npm ci refused the lockfile; installing the versions it pins with npm install --no-save"
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
rm -f "$ci_log"

say "typecheck, build, test"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf packages/*/test-results services/*/test-results
status=0
# --skip-nx-cache: this command proves the suites pass on this machine now; nx keeps a cache per
# user (~/.nx) that a fresh clone at a path used before would otherwise replay instead of testing.
npx nx run-many -t typecheck build test --parallel=1 --outputStyle=stream --skip-nx-cache || status=$?

# One closing line for every suite together, from the JSON reports vitest wrote.
node tools/test-summary.mjs packages/*/test-results/vitest.json services/*/test-results/vitest.json || status=1
exit "$status"
