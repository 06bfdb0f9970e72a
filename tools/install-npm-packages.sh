#!/usr/bin/env bash
# Checks Node.js and installs the npm packages the lockfile pins.
# Used by the test command (tools/test.sh) and by the local mode (./setup.sh local).
# Usage: bash tools/install-npm-packages.sh
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'install-npm-packages: %s\n' "$*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node is not installed: install Node.js 20.19 or newer (Debian: the nodejs package of NodeSource or nvm)"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "node $(node --version) is too old: Node.js 20.19 or newer is needed"
# npm ci needs every optional platform binary (nx, rollup, esbuild for macOS, Windows, ...) in the
# lockfile; the lockfile lacks those the build machines' registry does not serve. npm install
# --no-save then installs the very versions the lockfile pins, and leaves it untouched.
ci_log=$(mktemp)
trap 'rm -f "$ci_log"' EXIT
if ! npm ci --no-audit --no-fund --loglevel=error >"$ci_log" 2>&1; then
  grep -m3 -E '^npm error (code|Missing)' "$ci_log" || tail -n 3 "$ci_log"
  echo "npm ci refused the lockfile; installing the versions it pins with npm install --no-save"
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
