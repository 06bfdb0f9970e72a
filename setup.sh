#!/usr/bin/env bash
# ft_services: deploy the platform on minikube, or run it on this host without Kubernetes.
# `./setup.sh --help` explains every command and option. Details: README.md and k8s/README.md.
#
# This is only the bootstrap: it checks bash, Node.js and npm, installs the npm packages and builds
# the deploy tool (tools/deploy) when they are missing or out of date, then hands every argument to
# it. Written for bash 3.2 (macOS) as well as bash 5.
if [ -z "${BASH_VERSION:-}" ]; then
  echo "setup.sh: run it with bash: bash setup.sh (or ./setup.sh)" >&2
  exit 1
fi
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPLOY_DIR="$ROOT/tools/deploy"
DEPLOY_CLI="$DEPLOY_DIR/dist/cli.js"

die() {
  printf 'setup.sh: %s\n' "$*" >&2
  exit 1
}

# bash 3.2 or newer (macOS ships 3.2; everything below is written for it).
case "${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]}" in
  1.* | 2.* | 3.0 | 3.1) die "bash ${BASH_VERSION} is too old: bash 3.2 or newer is needed" ;;
esac

on_mac() { [ "$(uname -s 2>/dev/null || true)" = Darwin ]; }

check_node() {
  local hint="https://nodejs.org/, or nvm install 20"
  if on_mac; then hint="brew install node, https://nodejs.org/, or nvm install 20"; fi
  command -v node >/dev/null 2>&1 ||
    die "node: Node.js 20.19 or newer runs the deploy tool and builds the agents. Get it: $hint"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    die "node $(node --version) is too old: Node.js 20.19 or newer is needed ($hint)"
  command -v npm >/dev/null 2>&1 || die "npm: it comes with Node.js ($hint)"
}

# node_modules is missing, or older than package-lock.json (npm writes node_modules/.package-lock.json).
npm_packages_stale() {
  [ ! -f "$ROOT/node_modules/.package-lock.json" ] ||
    [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]
}

# The bundle is missing, or a source it is built from changed since.
deploy_tool_stale() {
  local newer
  [ -f "$DEPLOY_CLI" ] || return 0
  newer=$(find "$DEPLOY_DIR/src" "$DEPLOY_DIR/package.json" "$DEPLOY_DIR/tsup.config.ts" \
    "$ROOT/tools/stack/src" "$ROOT/packages/verify/src" "$ROOT/package-lock.json" "$ROOT/tsup.preset.ts" \
    -newer "$DEPLOY_CLI" -type f 2>/dev/null | head -n 1 || true)
  [ -n "$newer" ]
}

main() {
  check_node
  if npm_packages_stale; then
    echo "setup.sh: installing the npm packages (tools/install-npm-packages.sh)"
    bash "$ROOT/tools/install-npm-packages.sh"
    # npm leaves the file alone when nothing changed: mark the packages as checked against the lockfile.
    touch "$ROOT/node_modules/.package-lock.json"
  fi
  if deploy_tool_stale; then
    echo "setup.sh: building the deploy tool (tools/deploy)"
    (cd "$DEPLOY_DIR" && "$ROOT/node_modules/.bin/tsup" --silent) >&2 ||
      die "the deploy tool did not build (above); try: bash tools/install-npm-packages.sh"
  fi
  cd "$ROOT"
  exec node "$DEPLOY_CLI" "$@"
}

main "$@"
