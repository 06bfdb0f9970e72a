#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian 12 machine (as root),
# then type-checks, builds and runs every suite. Usage: bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n==> %s\n' "$*"; }

say "system packages"
bash tools/install-debian-packages.sh
# Debian starts some daemons on install where it can; the tests start their own on free ports.
for d in mariadbd nginx php-fpm8.2 vsftpd influxd; do pkill -x "$d" 2>/dev/null || true; done

# The manifests are rendered with kubectl's kustomize (1.27 or newer). Debian 12 has no such
# kubectl (its kubernetes-client is 1.20), so it cannot come from apt's default sources: say so now;
# the other suites still run, and @ft/k8s-check fails naming the tool.
if ! command -v kubectl >/dev/null 2>&1; then
  printf 'tools/test.sh: kubectl is not installed; the static validation of k8s/ needs kubectl 1.27 or newer:\n  https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/ (the pkgs.k8s.io apt repository)\n' >&2
fi

say "node"
bash tools/install-npm-packages.sh

status=0
say "format"
# Prettier's layout (.prettierrc) on every file it formats, before any suite writes a file;
# .prettierignore names what it leaves alone. Lists only the files that differ (fix: npx prettier --write .).
npx prettier --check . --log-level warn || status=1

say "typecheck, build, test"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf packages/*/test-results services/*/test-results tools/*/test-results
# --skip-nx-cache: this command proves the suites pass on this machine now; nx keeps a cache per
# user (~/.nx) that a fresh clone at a path used before would otherwise replay instead of testing.
npx nx run-many -t typecheck build test --parallel=1 --outputStyle=stream --skip-nx-cache || status=$?

say "lint"
# ESLint with typed rules and the module boundaries (eslint.config.mjs) in every project (its lint
# target, `eslint .`), then the root's files that belong to no project. Two at a time: lint starts
# no daemon, so it does not need the suites' one-at-a-time.
npx nx run-many -t lint --parallel=2 --outputStyle=stream --skip-nx-cache || status=1
npx eslint ./*.mjs ./*.ts tools/*.mjs tools/nx-plugin || status=1

# One closing line for every suite together, from the JSON reports vitest wrote.
node tools/test-summary.mjs packages/*/test-results/vitest.json services/*/test-results/vitest.json tools/*/test-results/vitest.json || status=1
exit "$status"
