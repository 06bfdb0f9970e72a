#!/usr/bin/env bash
# ft_services: deploy the platform on minikube, or run it on this host without Kubernetes.
# `./setup.sh --help` explains every command and option. Details: k8s/README.md.
#
# Written for bash 3.2 (macOS) as well as bash 5: no mapfile, associative arrays, ${x,,}, |& or
# negative indices; empty arrays are expanded with ${a[@]+"${a[@]}"} (set -u of bash < 4.4).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAMESPACE=ft-services
# Start order; each is a workload and a container of that name (k8s/README.md).
SERVICES="mysql influxdb wordpress phpmyadmin nginx ftps grafana"
STATE_DIR="$ROOT/state/cluster"
DEPLOY_DIR="$STATE_DIR/deploy"
METALLB_RELEASE_FILE="$ROOT/k8s/vendor/metallb/release.env"

# Options (each also from the environment, so CI or a wrapper can set them once).
PROFILE="${FT_MINIKUBE_PROFILE:-ft-services}"
DRIVER="${FT_MINIKUBE_DRIVER:-}"
CPUS="${FT_MINIKUBE_CPUS:-2}"
MEMORY="${FT_MINIKUBE_MEMORY:-4096}"
DISK="${FT_MINIKUBE_DISK:-20g}"
LB_OCTET="${FT_LB_OCTET:-240}"
LB_ADDRESS="${FT_LB_ADDRESS:-}"
TIMEOUT="${FT_TIMEOUT:-900}"
DRY_RUN=0
PURGE=0
REBUILD=0
COMMAND=up

# ---------------------------------------------------------------------------------------------
# Output

if [ -t 1 ]; then
  BOLD=$(printf '\033[1m'); DIM=$(printf '\033[2m'); RED=$(printf '\033[31m'); GREEN=$(printf '\033[32m'); YELLOW=$(printf '\033[33m'); RESET=$(printf '\033[0m')
else
  BOLD=''; DIM=''; RED=''; GREEN=''; YELLOW=''; RESET=''
fi

say() { printf '%s\n' "$*"; }
warn() { printf '%swarning:%s %s\n' "$YELLOW" "$RESET" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

STEP_NO=0
STEP_START=0
STEP_TITLE=''
step() {
  step_done
  STEP_NO=$((STEP_NO + 1))
  STEP_TITLE="$*"
  STEP_START=$SECONDS
  printf '\n%s==> [%d] %s%s\n' "$BOLD" "$STEP_NO" "$*" "$RESET"
}
step_done() {
  if [ -n "$STEP_TITLE" ] && [ "$DRY_RUN" = 0 ]; then
    printf '%s    done in %ds%s\n' "$DIM" "$((SECONDS - STEP_START))" "$RESET"
  fi
  STEP_TITLE=''
}

# Prints a command as it would be typed (arguments with shell characters in single quotes).
shell_word() {
  case "$1" in
    '' | *[!A-Za-z0-9_./:=@%+,-]*) printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
    *) printf '%s' "$1" ;;
  esac
}
show_cmd() {
  local line='' arg
  for arg in "$@"; do line="$line $(shell_word "$arg")"; done
  printf '%s  +%s%s\n' "$DIM" "$line" "$RESET"
}

# Runs a command (printing it), or only prints it with --dry-run.
run() {
  show_cmd "$@"
  if [ "$DRY_RUN" = 1 ]; then return 0; fi
  "$@"
}

# capture VAR PLACEHOLDER cmd...: VAR := the command's stdout (trailing newline dropped); with
# --dry-run the command is printed and VAR := PLACEHOLDER. Fails when the command fails.
capture() {
  local __var="$1" __placeholder="$2" __out
  shift 2
  if [ "$DRY_RUN" = 1 ]; then
    show_cmd "$@"
    printf -v "$__var" '%s' "$__placeholder"
    return 0
  fi
  __out="$("$@")"
  printf -v "$__var" '%s' "$__out"
}

kc() { run kubectl --context "$PROFILE" "$@"; }

# kubectl create ... --dry-run=client -o yaml | kubectl apply: creates or updates an object whose
# source is not a manifest (Secrets from files). Server-side apply keeps no copy of the data in a
# last-applied annotation.
create_or_update() {
  if [ "$DRY_RUN" = 1 ]; then
    show_cmd kubectl --context "$PROFILE" "$@" --dry-run=client -o yaml
    printf '%s    | kubectl --context %s apply --server-side --force-conflicts --field-manager=ft-setup -f -%s\n' "$DIM" "$PROFILE" "$RESET"
    return 0
  fi
  kubectl --context "$PROFILE" "$@" --dry-run=client -o yaml |
    kubectl --context "$PROFILE" apply --server-side --force-conflicts --field-manager=ft-setup -f - >/dev/null
}

sha256_stdin() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}

workload_kind() {
  case "$1" in
    mysql | influxdb | ftps) echo statefulset ;;
    *) echo deployment ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# Help

usage() {
  cat <<EOF
${BOLD}ft_services setup${RESET}: seven services on minikube behind one MetalLB address.

Usage:
  ./setup.sh [up] [options]        deploy or update on minikube (the default command)
  ./setup.sh status [options]      health of every service, the address, restarts
  ./setup.sh delete [--purge]      remove the platform; data volumes are kept unless --purge
  ./setup.sh local [up|down|status] [options]
                                   run the same services on this Debian/Ubuntu host, no Kubernetes
                                   (--state-dir DIR, --address IP, --internal-address IP,
                                   --timeout S, --services a,b, status --json; see README.md)
  ./setup.sh --help

What 'up' does, in order (every step is safe to repeat):
  1. checks docker, minikube, kubectl, node (>= 20.19), npm and curl, naming what is missing;
  2. installs the npm packages when node_modules is missing or older than package-lock.json and
     builds the agents (nx, cached);
  3. starts minikube profile '$PROFILE' (or reuses it when running) with the container runtime
     docker; enables the dashboard and metrics-server addons;
  4. picks the load-balancer address: minikube's IP with the last octet set to $LB_OCTET;
  5. installs MetalLB (pinned in k8s/vendor/metallb/release.env) and waits for it;
  6. builds the seven images inside minikube's Docker (nx docker-build, 3 at a time); an image
     whose inputs (Dockerfile, conf/, dist/, the Alpine release) did not change is not rebuilt;
  7. generates the secrets once (state/cluster/, mode 600, outside git) and stores them as
     Kubernetes Secrets; later runs re-use them: no new passwords;
  8. applies k8s/overlays/minikube with the address filled in, waits for every rollout with
     progress, and fails naming the service, the probe and the log lines when one does not come up;
  9. prints every URL, user and password, the FTPS and SSH commands, and a dashboard token.

Options:
  --dry-run          print every command it would run, run none (works without minikube/docker)
  --profile NAME     minikube profile (default: ft-services; env FT_MINIKUBE_PROFILE)
  --driver NAME      minikube driver for a new profile (default: docker on Linux, vfkit on macOS;
                     env FT_MINIKUBE_DRIVER). On macOS the docker driver's network cannot be
                     reached from the Mac, so it is refused: use vfkit (brew install vfkit) or
                     qemu with socket_vmnet (--driver qemu, see minikube's docs)
  --cpus N           CPUs for a new profile (default 2; env FT_MINIKUBE_CPUS)
  --memory MB        memory for a new profile (default 4096; env FT_MINIKUBE_MEMORY)
  --disk SIZE        disk for a new profile (default 20g; env FT_MINIKUBE_DISK)
  --lb-octet N       last octet of the load-balancer address (default 240; env FT_LB_OCTET)
  --address IP       the load-balancer address itself, in minikube's /24 (env FT_LB_ADDRESS)
  --timeout SECONDS  how long to wait for all services (default 900; env FT_TIMEOUT)
  --rebuild          rebuild every image even when its inputs did not change
  --purge            with delete: also delete the namespace and its volumes (MySQL, InfluxDB, FTP data)

Data and secrets: the PersistentVolumeClaims data-mysql-0, data-influxdb-0 and data-ftps-0 survive
'up' and 'delete'. Generated passwords, keys and the TLS certificate live in state/cluster/
(never in git); delete that directory only together with 'delete --purge'.
EOF
}

# ---------------------------------------------------------------------------------------------
# Prerequisites

MISSING=''
missing() { MISSING="${MISSING}  - $*
"; }

os_name() { uname -s 2>/dev/null || echo unknown; }

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null
}

check_node() {
  if ! command -v node >/dev/null 2>&1; then
    missing "node: Node.js 20.19 or newer builds the agents and generates the secrets. Get it from https://nodejs.org/ or with nvm (nvm install 20); macOS: brew install node"
  elif ! node_ok; then
    missing "node $(node --version) is too old: Node.js 20.19 or newer is needed (https://nodejs.org/, or nvm install 20)"
  fi
  command -v npm >/dev/null 2>&1 || missing "npm: comes with Node.js (https://nodejs.org/)"
}

# Reports what 'up', 'status' or 'delete' lack; with --dry-run only warns, so the plan still prints.
check_cluster_prereqs() {
  local os
  os=$(os_name)
  MISSING=''
  if [ "$COMMAND" = up ]; then
    if ! command -v docker >/dev/null 2>&1; then
      if [ "$os" = Darwin ]; then
        missing "docker: the Docker CLI builds the images in minikube's engine: brew install docker (Docker Desktop works too)"
      else
        missing "docker: install Docker Engine (https://docs.docker.com/engine/install/), then let your user use it: sudo usermod -aG docker \$USER and log in again"
      fi
    elif [ "$os" != Darwin ] && [ "$(effective_driver)" = docker ] && [ "$DRY_RUN" = 0 ] && ! docker info >/dev/null 2>&1; then
      missing "docker is installed but its daemon does not answer: start it (sudo systemctl start docker) and make sure your user may use it (sudo usermod -aG docker \$USER, then log in again)"
    fi
    check_node
    if [ ! -f "$ROOT/k8s/vendor/metallb/metallb-native.yaml" ] && ! command -v curl >/dev/null 2>&1; then
      missing "curl: downloads the pinned MetalLB manifest once (apt-get install curl; macOS has it)"
    fi
    if [ "$os" = Darwin ]; then
      case "$(effective_driver)" in
        vfkit) command -v vfkit >/dev/null 2>&1 || missing "vfkit: the minikube driver used on macOS: brew install vfkit (or choose another with --driver)" ;;
        qemu | qemu2) command -v qemu-system-x86_64 >/dev/null 2>&1 || command -v qemu-system-aarch64 >/dev/null 2>&1 || missing "qemu: brew install qemu socket_vmnet (see minikube's qemu driver page for socket_vmnet)" ;;
        docker) missing "the docker driver on macOS: its network is not reachable from the Mac, so the platform's address would not answer. Use --driver vfkit (brew install vfkit) or --driver qemu with socket_vmnet" ;;
      esac
    fi
  fi
  if ! command -v minikube >/dev/null 2>&1; then
    if [ "$os" = Darwin ]; then
      missing "minikube: brew install minikube (https://minikube.sigs.k8s.io/docs/start/)"
    else
      missing "minikube: curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube (https://minikube.sigs.k8s.io/docs/start/)"
    fi
  fi
  if ! command -v kubectl >/dev/null 2>&1; then
    if [ "$os" = Darwin ]; then
      missing "kubectl: brew install kubectl (https://kubernetes.io/docs/tasks/tools/)"
    else
      missing "kubectl: see https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/ (or sudo snap install kubectl --classic)"
    fi
  fi
  if [ -n "$MISSING" ]; then
    if [ "$DRY_RUN" = 1 ]; then
      printf '%sdry run: a real run would stop here, as this machine lacks:%s\n%s' "$YELLOW" "$RESET" "$MISSING"
      return 0
    fi
    printf '%serror:%s ./setup.sh %s needs what this machine lacks:\n%s' "$RED" "$RESET" "$COMMAND" "$MISSING" >&2
    say "Install it, then run ./setup.sh $COMMAND again. (./setup.sh local runs without Kubernetes.)" >&2
    exit 1
  fi
  say "docker, minikube, kubectl, node and npm found."
}

effective_driver() {
  if [ -n "$DRIVER" ]; then
    echo "$DRIVER"
  elif [ "$(os_name)" = Darwin ]; then
    echo vfkit
  else
    echo docker
  fi
}

# ---------------------------------------------------------------------------------------------
# Build

ensure_npm_packages() {
  if [ -d "$ROOT/node_modules" ] && [ -f "$ROOT/node_modules/.package-lock.json" ] &&
    ! [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "npm packages are installed and match package-lock.json."
    return 0
  fi
  run bash "$ROOT/tools/install-npm-packages.sh"
}

nx_projects() {
  local list='' svc
  for svc in "$@"; do list="${list:+$list,}@ft/$svc"; done
  echo "$list"
}

build_agents() {
  # nx caches: unchanged agents are not rebuilt. @ft/stack is the secrets CLI.
  # shellcheck disable=SC2086 # SERVICES is a fixed list of words
  run env NX_DAEMON=false npx --no-install nx run-many -t build --projects="@ft/stack,$(nx_projects $SERVICES)" --outputStyle=stream
}

# What an image is built from: the Dockerfile, conf/ and dist/ (all the Dockerfiles COPY) and the
# pinned Alpine release.
service_inputs_hash() {
  local dir="$ROOT/services/$1" f
  {
    (cd "$dir" && { find Dockerfile conf dist -type f 2>/dev/null || true; } | LC_ALL=C sort) | while IFS= read -r f; do
      printf '%s  %s\n' "$(sha256_stdin <"$dir/$f")" "$f"
    done
    printf 'alpine-release %s\n' "$(tr -d '[:space:]' <"$ROOT/tools/alpine-release")"
  } | sha256_stdin
}

image_id() {
  docker image inspect --format '{{.Id}}' "ft_services/$1:latest" 2>/dev/null || true
}

# Builds the images whose inputs changed since the last build in this minikube (recorded in
# state/cluster/images/<service>: input hash, image id), or all with --rebuild. Docker's layer
# cache makes even a rebuild of an unchanged Dockerfile quick; this skips the build entirely.
IMAGE_IDS=''
build_images() {
  local svc todo='' hash recorded id
  if [ "$DRY_RUN" = 0 ]; then mkdir -p "$STATE_DIR/images"; fi
  for svc in $SERVICES; do
    if [ "$DRY_RUN" = 1 ]; then
      todo="$todo $svc"
      continue
    fi
    hash=$(service_inputs_hash "$svc")
    recorded=$(cat "$STATE_DIR/images/$svc" 2>/dev/null || true)
    id=$(image_id "$svc")
    if [ "$REBUILD" = 0 ] && [ -n "$id" ] && [ "$recorded" = "$hash $id" ]; then
      say "  $svc: unchanged, not rebuilt (image $(printf '%s' "${id#sha256:}" | cut -c1-12))"
    else
      todo="$todo $svc"
    fi
  done
  if [ -n "$todo" ]; then
    say "  building:$todo"
    # shellcheck disable=SC2086 # todo is a list of service names
    run env NX_DAEMON=false npx --no-install nx run-many -t docker-build --projects="$(nx_projects $todo)" --parallel=3 --outputStyle=stream
  fi
  IMAGE_IDS=''
  for svc in $SERVICES; do
    if [ "$DRY_RUN" = 1 ]; then
      IMAGE_IDS="$IMAGE_IDS $svc=<image-id-of-ft_services/$svc:latest>"
      continue
    fi
    id=$(image_id "$svc")
    [ -n "$id" ] || die "image ft_services/$svc:latest is missing in minikube's Docker after the build (see the docker-build output above)"
    printf '%s %s\n' "$(service_inputs_hash "$svc")" "$id" >"$STATE_DIR/images/$svc"
    IMAGE_IDS="$IMAGE_IDS $svc=$id"
  done
}

lookup_word() { # lookup_word KEY "k1=v1 k2=v2"
  local pair
  for pair in $2; do
    case "$pair" in "$1="*) echo "${pair#*=}"; return 0 ;; esac
  done
  echo ''
}

# ---------------------------------------------------------------------------------------------
# Cluster

# Running, Stopped, Paused, ... or empty when there is no such profile (minikube then prints a
# sentence instead, and exits non-zero).
minikube_host_state() {
  local state
  state=$(minikube -p "$PROFILE" status --format '{{.Host}}' 2>/dev/null | head -n 1 || true)
  case "$state" in
    Running | Stopped | Paused | Saved | Starting | Stopping | Error) echo "$state" ;;
    *) echo '' ;;
  esac
}

start_minikube() {
  local state driver
  if [ "$DRY_RUN" = 1 ]; then
    show_cmd minikube -p "$PROFILE" status --format '{{.Host}}'
    state='<Running, Stopped or no profile>'
  else
    state=$(minikube_host_state)
  fi
  driver=$(effective_driver)
  case "$state" in
    Running)
      say "minikube profile '$PROFILE' is running: reused."
      ;;
    Stopped | Paused | Saved)
      say "minikube profile '$PROFILE' exists ($state): starting it with its own settings."
      run minikube -p "$PROFILE" start
      ;;
    *)
      if [ "$DRY_RUN" = 1 ]; then say "  (when the profile is missing:)"; fi
      run minikube -p "$PROFILE" start --driver="$driver" --container-runtime=docker \
        --cpus="$CPUS" --memory="$MEMORY" --disk-size="$DISK"
      ;;
  esac
  run minikube -p "$PROFILE" addons enable dashboard
  run minikube -p "$PROFILE" addons enable metrics-server
}

valid_ipv4() {
  local ip="$1" IFS=. part count=0
  case "$ip" in *[!0-9.]* | '' | .* | *. | *..*) return 1 ;; esac
  for part in $ip; do
    count=$((count + 1))
    [ "$part" -le 255 ] 2>/dev/null || return 1
  done
  [ "$count" -eq 4 ]
}

LB=''
NODE_IP=''
pick_address() {
  capture NODE_IP '<minikube-ip>' minikube -p "$PROFILE" ip
  if [ "$DRY_RUN" = 1 ]; then
    LB="${LB_ADDRESS:-<minikube-net>.$LB_OCTET}"
    say "  load-balancer address: $LB"
    return 0
  fi
  valid_ipv4 "$NODE_IP" || die "minikube ip gave '$NODE_IP', not an IPv4 address"
  if [ -n "$LB_ADDRESS" ]; then
    LB="$LB_ADDRESS"
    valid_ipv4 "$LB" || die "--address $LB is not an IPv4 address"
  else
    case "$LB_OCTET" in '' | *[!0-9]*) die "--lb-octet must be a number from 1 to 254" ;; esac
    if [ "$LB_OCTET" -lt 1 ] || [ "$LB_OCTET" -gt 254 ]; then die "--lb-octet must be a number from 1 to 254"; fi
    LB="${NODE_IP%.*}.$LB_OCTET"
  fi
  [ "${LB%.*}" = "${NODE_IP%.*}" ] || die "the load-balancer address $LB is not in minikube's network ${NODE_IP%.*}.0/24: MetalLB's layer 2 mode can only announce an address there"
  [ "$LB" != "$NODE_IP" ] || die "the load-balancer address $LB is minikube's own IP: choose another --lb-octet"
  if [ -f "$STATE_DIR/address" ] && [ "$(cat "$STATE_DIR/address")" != "$LB" ]; then
    warn "the address changes from $(cat "$STATE_DIR/address") to $LB: the TLS certificate is made again for it and nginx, wordpress and ftps restart"
  fi
  mkdir -p "$STATE_DIR"
  chmod 700 "$STATE_DIR"
  printf '%s\n' "$LB" >"$STATE_DIR/address"
  say "  minikube's IP: $NODE_IP; load-balancer address: $LB"
}

release_value() {
  sed -n "s/^$1=//p" "$METALLB_RELEASE_FILE" | head -n 1
}

# Prints the path of the MetalLB manifest to apply: the vendored file, or the pinned release
# downloaded once into state/cluster/cache/ and checked against its sha256 on every run.
METALLB_MANIFEST=''
metallb_manifest() {
  local version url pinned cache sum recorded vendored="$ROOT/k8s/vendor/metallb/metallb-native.yaml"
  version=$(release_value METALLB_VERSION)
  url=$(release_value METALLB_MANIFEST_URL)
  pinned=$(release_value METALLB_MANIFEST_SHA256)
  if [ -z "$version" ] || [ -z "$url" ]; then die "$METALLB_RELEASE_FILE lacks METALLB_VERSION or METALLB_MANIFEST_URL"; fi
  say "  MetalLB $version"
  if [ -f "$vendored" ]; then
    METALLB_MANIFEST="$vendored"
  else
    cache="$STATE_DIR/cache/metallb-native-$version.yaml"
    METALLB_MANIFEST="$cache"
    if [ "$DRY_RUN" = 1 ]; then
      show_cmd curl -fsSL --retry 3 -o "$cache" "$url"
      return 0
    fi
    if [ ! -f "$cache" ]; then
      mkdir -p "$STATE_DIR/cache"
      run curl -fsSL --retry 3 -o "$cache.tmp" "$url" || die "could not download $url"
      mv "$cache.tmp" "$cache"
    fi
  fi
  [ "$DRY_RUN" = 1 ] && return 0
  sum=$(sha256_stdin <"$METALLB_MANIFEST")
  if [ -n "$pinned" ]; then
    [ "$sum" = "$pinned" ] || die "$METALLB_MANIFEST has sha256 $sum, not the pinned $pinned (k8s/vendor/metallb/release.env): remove it to download it again"
  else
    recorded=$(cat "$METALLB_MANIFEST.sha256" 2>/dev/null || true)
    if [ -z "$recorded" ]; then
      printf '%s\n' "$sum" >"$METALLB_MANIFEST.sha256"
      warn "MetalLB manifest sha256 $sum recorded on first use (no pinned value in k8s/vendor/metallb/release.env to check it against)"
    elif [ "$recorded" != "$sum" ]; then
      die "$METALLB_MANIFEST changed since its first use (sha256 $sum, recorded $recorded)"
    fi
  fi
}

install_metallb() {
  metallb_manifest
  kc apply --server-side --force-conflicts --field-manager=ft-setup -f "$METALLB_MANIFEST"
  kc -n metallb-system rollout status deployment/controller --timeout=300s
  kc -n metallb-system rollout status daemonset/speaker --timeout=300s
}

# Secrets: generated once into state/cluster/ by the stack CLI (mode 600), written to a private
# temp dir in the forms kubectl takes, stored as Secrets, then the temp dir is shredded (EXIT trap).
SECRETS_TMP=''
cleanup() {
  if [ -n "$SECRETS_TMP" ] && [ -d "$SECRETS_TMP" ]; then
    if command -v shred >/dev/null 2>&1; then find "$SECRETS_TMP" -type f -exec shred -u {} + 2>/dev/null || true; fi
    rm -rf "$SECRETS_TMP"
  fi
}
trap cleanup EXIT

secret_files() { # the files a service's pods get from Secrets (for the rollout annotation)
  local dir="$SECRETS_TMP" f
  printf '%s\n' "$dir/$1.secret.env"
  case "$1" in
    nginx | wordpress | phpmyadmin | ftps) printf '%s\n%s\n' "$dir/tls.crt" "$dir/tls.key" ;;
  esac
  if [ "$1" = nginx ]; then
    for f in "$dir"/ssh-host-keys/*; do printf '%s\n' "$f"; done
  fi
}

SECRET_HASHES=''
make_secrets() {
  local svc f hash
  if [ "$DRY_RUN" = 1 ]; then
    SECRETS_TMP='<private-temp-dir>'
  else
    mkdir -p "$STATE_DIR"
    chmod 700 "$STATE_DIR"
    SECRETS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ft-secrets.XXXXXX")
    chmod 700 "$SECRETS_TMP"
  fi
  run node "$ROOT/tools/stack/dist/cli.js" secrets --state-dir "$STATE_DIR" --k8s-out "$SECRETS_TMP" --external-host "$LB"
  create_or_update create namespace "$NAMESPACE"
  for svc in $SERVICES; do
    create_or_update -n "$NAMESPACE" create secret generic "$svc-secrets" --from-env-file="$SECRETS_TMP/$svc.secret.env"
  done
  create_or_update -n "$NAMESPACE" create secret tls ft-tls --cert="$SECRETS_TMP/tls.crt" --key="$SECRETS_TMP/tls.key"
  create_or_update -n "$NAMESPACE" create secret generic nginx-ssh-host-keys --from-file="$SECRETS_TMP/ssh-host-keys"
  SECRET_HASHES=''
  for svc in $SERVICES; do
    if [ "$DRY_RUN" = 1 ]; then
      hash="<sha256-of-$svc-secret-files>"
    else
      hash=$(secret_files "$svc" | while IFS= read -r f; do sha256_stdin <"$f"; done | sha256_stdin)
    fi
    SECRET_HASHES="$SECRET_HASHES $svc=$hash"
  done
}

# The kustomization that is applied: k8s/overlays/minikube, the real address in ft-config, and
# per workload the image id and a hash of its secrets as pod annotations (so a rebuilt image or a
# new certificate rolls the pods: the images are always :latest with imagePullPolicy Never).
write_deploy_kustomization() {
  local svc kind site
  site=$(
    printf '%s\n' '# Written by setup.sh at every run; not in git. See k8s/README.md.' \
      'apiVersion: kustomize.config.k8s.io/v1alpha1' 'kind: Component' 'patches:' \
      '  - target:' '      kind: ConfigMap' '      name: ft-config' '    patch: |-' \
      '      - op: replace' '        path: /data/EXTERNAL_HOST' "        value: \"$LB\""
    for svc in $SERVICES; do
      kind=$(workload_kind "$svc")
      if [ "$kind" = statefulset ]; then kind=StatefulSet; else kind=Deployment; fi
      printf '%s\n' '  - patch: |-' '      apiVersion: apps/v1' "      kind: $kind" '      metadata:' \
        "        name: $svc" "        namespace: $NAMESPACE" '      spec:' '        template:' \
        '          metadata:' '            annotations:' \
        "              ft-services/image-id: \"$(lookup_word "$svc" "$IMAGE_IDS")\"" \
        "              ft-services/secrets-hash: \"$(lookup_word "$svc" "$SECRET_HASHES")\""
    done
  )
  local main
  main=$(printf '%s\n' '# Written by setup.sh at every run; not in git. See k8s/README.md.' \
    'apiVersion: kustomize.config.k8s.io/v1beta1' 'kind: Kustomization' 'resources:' \
    '  - ../../../k8s/overlays/minikube' 'components:' '  # first the address and annotations, then the copies of the address' \
    '  - site' '  - ../../../k8s/components/external-address')
  if [ "$DRY_RUN" = 1 ]; then
    say "  would write $DEPLOY_DIR/kustomization.yaml:"
    printf '%s\n' "$main" | sed 's/^/    | /'
    say "  and $DEPLOY_DIR/site/kustomization.yaml:"
    printf '%s\n' "$site" | sed 's/^/    | /'
    return 0
  fi
  mkdir -p "$DEPLOY_DIR/site"
  printf '%s\n' "$main" >"$DEPLOY_DIR/kustomization.yaml"
  printf '%s\n' "$site" >"$DEPLOY_DIR/site/kustomization.yaml"
}

# MetalLB's admission webhook can refuse the pool for a few seconds after its controller is ready.
apply_platform() {
  local tries=0 out
  if [ "$DRY_RUN" = 1 ]; then
    kc apply --server-side --force-conflicts --field-manager=ft-setup -k "$DEPLOY_DIR"
    return 0
  fi
  show_cmd kubectl --context "$PROFILE" apply --server-side --force-conflicts --field-manager=ft-setup -k "$DEPLOY_DIR"
  while :; do
    if out=$(kubectl --context "$PROFILE" apply --server-side --force-conflicts --field-manager=ft-setup -k "$DEPLOY_DIR" 2>&1); then
      printf '%s\n' "$out" | sed 's/^/    /'
      return 0
    fi
    tries=$((tries + 1))
    case "$out" in
      *webhook*)
        if [ "$tries" -lt 24 ]; then
          say "    MetalLB's webhook is not answering yet; retrying in 5s ($tries/24)"
          sleep 5
          continue
        fi
        ;;
    esac
    printf '%s\n' "$out" >&2
    die "kubectl apply failed (above)"
  done
}

# ---------------------------------------------------------------------------------------------
# Waiting and explaining

pod_of() {
  kubectl --context "$PROFILE" -n "$NAMESPACE" get pods -l "app.kubernetes.io/name=$1" \
    --sort-by=.metadata.creationTimestamp -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' 2>/dev/null | tail -n 1 || true
}

# "<waiting reason> <restarts>" of a service's newest pod's container.
pod_brief() {
  local pod="$1"
  [ -n "$pod" ] || { echo "no-pod 0"; return 0; }
  kubectl --context "$PROFILE" -n "$NAMESPACE" get pod "$pod" \
    -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}{" "}{.status.containerStatuses[0].restartCount}' 2>/dev/null || echo "unknown 0"
}

rolled_out() {
  local out
  out=$(kubectl --context "$PROFILE" -n "$NAMESPACE" rollout status "$(workload_kind "$1")/$1" --watch=false 2>&1 || true)
  case "$out" in
    *"successfully rolled out"* | *"rolling update complete"* | *"roll out complete"*) return 0 ;;
  esac
  return 1
}

# Everything that says why a service is not up: pod state, probe events, /readyz, logs.
explain_service() {
  local svc="$1" pod
  pod=$(pod_of "$svc")
  printf '\n%s--- %s ---%s\n' "$BOLD" "$svc" "$RESET" >&2
  kubectl --context "$PROFILE" -n "$NAMESPACE" get pods -l "app.kubernetes.io/name=$svc" -o wide >&2 || true
  [ -n "$pod" ] || { say "no pod for $svc: kubectl --context $PROFILE -n $NAMESPACE describe $(workload_kind "$svc") $svc" >&2; return 0; }
  kubectl --context "$PROFILE" -n "$NAMESPACE" get pod "$pod" -o jsonpath='container: waiting={.status.containerStatuses[0].state.waiting.reason} ({.status.containerStatuses[0].state.waiting.message}) restarts={.status.containerStatuses[0].restartCount} last exit={.status.containerStatuses[0].lastState.terminated.exitCode} ({.status.containerStatuses[0].lastState.terminated.reason}){"\n"}' >&2 || true
  say "exit 78 means a bad environment variable (named in the log), 70 a daemon that stopped." >&2
  say "probe and pod events:" >&2
  kubectl --context "$PROFILE" -n "$NAMESPACE" get events --field-selector "involvedObject.name=$pod" \
    -o custom-columns=TIME:.lastTimestamp,REASON:.reason,MESSAGE:.message 2>/dev/null | tail -n 8 >&2 || true
  say "/readyz of the agent (which check or process is failing):" >&2
  kubectl --context "$PROFILE" -n "$NAMESPACE" exec "$pod" -c "$svc" -- node -e \
    'fetch("http://127.0.0.1:9180/readyz").then(r=>r.text()).then(t=>console.log(t),e=>console.log("agent not answering: "+e.message))' >&2 2>&1 || true
  say "last log lines (kubectl --context $PROFILE -n $NAMESPACE logs $pod):" >&2
  kubectl --context "$PROFILE" -n "$NAMESPACE" logs "$pod" --tail=25 >&2 2>&1 || true
  if kubectl --context "$PROFILE" -n "$NAMESPACE" logs "$pod" --previous --tail=15 >/dev/null 2>&1; then
    say "log of the previous (crashed) container:" >&2
    kubectl --context "$PROFILE" -n "$NAMESPACE" logs "$pod" --previous --tail=15 >&2 2>&1 || true
  fi
}

wait_for_rollouts() {
  local start=$SECONDS deadline=$((SECONDS + TIMEOUT)) svc pending ready brief reason restarts line fatal
  if [ "$DRY_RUN" = 1 ]; then
    for svc in $SERVICES; do
      show_cmd kubectl --context "$PROFILE" -n "$NAMESPACE" rollout status "$(workload_kind "$svc")/$svc" --watch=false
    done
    say "  (every 5 s until all are rolled out, at most ${TIMEOUT}s; on failure: pod state, probe events, /readyz and logs of the service)"
    return 0
  fi
  while :; do
    pending=''
    ready=''
    fatal=''
    line=''
    for svc in $SERVICES; do
      if rolled_out "$svc"; then
        ready="$ready $svc"
        continue
      fi
      pending="$pending $svc"
      brief=$(pod_brief "$(pod_of "$svc")")
      reason=${brief% *}
      restarts=${brief##* }
      line="$line $svc(${reason:-starting}${restarts:+, restarts $restarts})"
      case "$reason" in
        ErrImageNeverPull | InvalidImageName | CreateContainerConfigError | CreateContainerError) fatal="$fatal $svc" ;;
        CrashLoopBackOff) if [ "${restarts:-0}" -ge 2 ]; then fatal="$fatal $svc"; fi ;;
      esac
    done
    if [ -z "$pending" ]; then
      printf '  [%4ds] all %d services ready\n' "$((SECONDS - start))" "$(echo "$SERVICES" | wc -w | tr -d ' ')"
      return 0
    fi
    printf '  [%4ds] ready:%s | waiting:%s\n' "$((SECONDS - start))" "${ready:- none}" "$line"
    if [ -n "$fatal" ] || [ "$SECONDS" -ge "$deadline" ]; then
      if [ -n "$fatal" ]; then
        printf '\n%sfailed:%s%s cannot start (see below); not waiting any longer.\n' "$RED" "$RESET" "$fatal" >&2
        pending="$fatal"
      else
        printf '\n%sfailed:%s%s not ready after %ds.\n' "$RED" "$RESET" "$pending" "$TIMEOUT" >&2
      fi
      for svc in $pending; do explain_service "$svc"; done
      say "" >&2
      say "The platform is NOT up. Fix the cause above and run ./setup.sh again (data and passwords are kept)." >&2
      exit 1
    fi
    sleep 5
  done
}

# ---------------------------------------------------------------------------------------------
# Summary

print_summary() {
  local token restarts
  if [ "$DRY_RUN" = 1 ]; then say ""; say "The summary a real run ends with:"; fi
  printf '\n%s%sft_services is up%s on %s%s%s (minikube profile %s)\n' "$BOLD" "$GREEN" "$RESET" "$BOLD" "$LB" "$RESET" "$PROFILE"
  cat <<EOF

  nginx       http://$LB/            (301 to https://$LB/; the certificate is self-signed)
              https://$LB/wordpress  (307 to https://$LB:5050/)
              https://$LB/phpmyadmin/
  wordpress   https://$LB:5050/       (admin: https://$LB:5050/wp-admin/)
  phpmyadmin  https://$LB:5000/
  grafana     http://$LB:3000/
  ftps        $LB:21, explicit TLS, passive ports 30000-30004
  ssh         $LB:22
EOF
  if [ "$DRY_RUN" = 1 ]; then
    say ""
    say "  users and passwords (from summary.json of the secrets CLI), the ssh, lftp and curl commands"
    show_cmd kubectl --context "$PROFILE" -n "$NAMESPACE" create token dashboard-admin --duration=24h
    return 0
  fi
  LB="$LB" node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const ip = process.env.LB;
    const out = [];
    out.push("", "Users and passwords (kept in state/cluster/secrets.json, mode 600):");
    out.push("  WordPress (https://" + ip + ":5050/wp-login.php):");
    for (const u of s.wordpress.users) out.push("    " + u.role.padEnd(14) + u.login.padEnd(14) + " " + u.password);
    out.push("  phpMyAdmin:   " + s.phpmyadmin.user + " / " + s.phpmyadmin.password + "   (" + s.phpmyadmin.note + ")");
    out.push("  MySQL root:   " + s.mysql.rootPassword + "   (kubectl -n ft-services exec -it mysql-0 -- mariadb -uroot -p)");
    out.push("  Grafana:      " + s.grafana.user + " / " + s.grafana.password);
    out.push("  SSH:          " + s.ssh.user + " / " + s.ssh.password);
    out.push("  FTPS:         " + s.ftp.user + " / " + s.ftp.password);
    out.push("", "Commands:");
    out.push("  ssh " + s.ssh.user + "@" + ip);
    out.push("  lftp -u " + s.ftp.user + " -e \"set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:verify-certificate no; ls; bye\" " + ip);
    out.push("  curl --ssl-reqd -k -u " + s.ftp.user + " -T ./file ftp://" + ip + "/     (upload; download: curl --ssl-reqd -k -u " + s.ftp.user + " -O ftp://" + ip + "/file)");
    console.log(out.join("\n"));
  ' "$SECRETS_TMP/summary.json"
  token=$(kubectl --context "$PROFILE" -n "$NAMESPACE" create token dashboard-admin --duration=24h 2>/dev/null || echo '<could not create a token: kubectl -n ft-services create token dashboard-admin>')
  restarts=$(kubectl --context "$PROFILE" -n "$NAMESPACE" get pods -o jsonpath='{range .items[*]}{.metadata.name}{"="}{.status.containerStatuses[0].restartCount}{" "}{end}' 2>/dev/null || true)
  cat <<EOF

Kubernetes dashboard: run  minikube -p $PROFILE dashboard --url  (it keeps a proxy running and
prints the URL); if it asks to sign in, use this token (valid 24 h; a new one: kubectl --context
$PROFILE -n $NAMESPACE create token dashboard-admin):
$token

Pods and restarts: $restarts
Health at any time: ./setup.sh status    Remove: ./setup.sh delete [--purge]
EOF
}

# ---------------------------------------------------------------------------------------------
# Commands

cmd_up() {
  local total=$SECONDS
  step "Prerequisites"
  check_cluster_prereqs
  step "npm packages and agents"
  ensure_npm_packages
  build_agents
  step "minikube"
  start_minikube
  step "Load-balancer address"
  pick_address
  step "MetalLB"
  install_metallb
  step "Images (in minikube's Docker)"
  show_cmd eval "\$(minikube -p $PROFILE docker-env --shell bash)"
  if [ "$DRY_RUN" = 0 ]; then
    eval "$(minikube -p "$PROFILE" docker-env --shell bash)"
  fi
  build_images
  step "Secrets"
  make_secrets
  step "Manifests"
  write_deploy_kustomization
  apply_platform
  step "Waiting for the services"
  wait_for_rollouts
  step_done
  if [ "$DRY_RUN" = 1 ]; then
    print_summary
    printf '\n%sdry run: nothing was run.%s\n' "$BOLD" "$RESET"
    return 0
  fi
  print_summary
  say "Total: $((SECONDS - total))s"
}

require_running_cluster() {
  local state
  state=$(minikube_host_state)
  case "$state" in
    Running) return 0 ;;
    '') say "There is no minikube profile '$PROFILE': nothing is deployed. Deploy with ./setup.sh"; exit 1 ;;
    *) say "minikube profile '$PROFILE' is $state: start it with minikube -p $PROFILE start (or ./setup.sh)."; exit 1 ;;
  esac
}

cmd_status() {
  local svc pod brief bad=0 lb
  check_cluster_prereqs
  if [ "$DRY_RUN" = 1 ]; then
    show_cmd minikube -p "$PROFILE" status
    kc -n "$NAMESPACE" get pods,services,pvc -o wide
    wait_for_rollouts
    return 0
  fi
  require_running_cluster
  lb=$(cat "$STATE_DIR/address" 2>/dev/null || echo '?')
  say "minikube profile $PROFILE: running; load-balancer address $lb"
  kubectl --context "$PROFILE" -n "$NAMESPACE" get pods,services,pvc -o wide || true
  say ""
  for svc in $SERVICES; do
    pod=$(pod_of "$svc")
    brief=$(pod_brief "$pod")
    if rolled_out "$svc"; then
      printf '  %s%-11s ready%s   pod %s, restarts %s\n' "$GREEN" "$svc" "$RESET" "$pod" "${brief##* }"
    else
      bad=1
      printf '  %s%-11s NOT READY%s pod %s, %s, restarts %s\n' "$RED" "$svc" "$RESET" "${pod:-none}" "${brief% *}" "${brief##* }"
      if [ -n "$pod" ]; then
        kubectl --context "$PROFILE" -n "$NAMESPACE" exec "$pod" -c "$svc" -- node -e \
          'fetch("http://127.0.0.1:9180/readyz").then(r=>r.text()).then(t=>console.log("    /readyz: "+t),e=>console.log("    agent not answering: "+e.message))' 2>&1 || true
      fi
    fi
  done
  return "$bad"
}

cmd_delete() {
  check_cluster_prereqs
  if [ "$DRY_RUN" = 0 ]; then require_running_cluster; fi
  step "Removing the platform from minikube profile $PROFILE"
  kc -n "$NAMESPACE" delete deployment,statefulset,service,configmap,serviceaccount \
    -l app.kubernetes.io/part-of=ft-services --ignore-not-found --wait=true
  # shellcheck disable=SC2046 # fixed list of names
  kc -n "$NAMESPACE" delete secret --ignore-not-found $(for s in $SERVICES; do printf '%s-secrets ' "$s"; done) ft-tls nginx-ssh-host-keys
  kc delete clusterrolebinding ft-services-dashboard-admin --ignore-not-found
  if [ "$DRY_RUN" = 1 ]; then
    kc -n metallb-system delete ipaddresspool,l2advertisement ft-services --ignore-not-found
  else
    kc -n metallb-system delete ipaddresspool,l2advertisement ft-services --ignore-not-found 2>/dev/null || true
  fi
  if [ "$PURGE" = 1 ]; then
    step "Purging the data volumes"
    kc delete namespace "$NAMESPACE" --ignore-not-found --wait=true
    rm_images_record
    step_done
    say "Removed, with the MySQL, InfluxDB and FTP data. The generated passwords are kept in state/cluster/"
    say "(delete that directory too for new ones). MetalLB and the dashboard addon stay installed;"
    say "minikube -p $PROFILE delete removes the whole cluster."
  else
    step_done
    say "Removed. Kept: the namespace $NAMESPACE with its volumes (kubectl --context $PROFILE -n $NAMESPACE get pvc)"
    say "and the passwords in state/cluster/; ./setup.sh brings everything back with the same data."
    say "./setup.sh delete --purge also deletes the data."
  fi
}

rm_images_record() { :; } # images stay in minikube's Docker: the next up re-uses them

cmd_local() {
  local need_build=0 f args=() arg
  for arg in "$@"; do
    case "$arg" in
      --dry-run) DRY_RUN=1 ;;
      *) args+=("$arg") ;;
    esac
  done
  MISSING=''
  check_node
  if [ -n "$MISSING" ]; then
    if [ "$DRY_RUN" = 1 ]; then
      printf 'dry run: a real run would stop here, as this machine lacks:\n%s' "$MISSING"
    else
      printf '%serror:%s ./setup.sh local needs:\n%s' "$RED" "$RESET" "$MISSING" >&2
      exit 1
    fi
  fi
  [ -f "$ROOT/tools/stack/dist/cli.js" ] || need_build=1
  for f in "$ROOT"/services/*/; do
    [ -f "$f/dist/agent.js" ] || need_build=1
  done
  [ -d "$ROOT/node_modules" ] || need_build=1
  if [ "$need_build" = 1 ] || [ "$DRY_RUN" = 1 ]; then
    if [ "$DRY_RUN" = 1 ]; then say "(when an agent or the stack CLI is not built yet:)"; fi
    run bash "$ROOT/tools/install-debian-packages.sh"
    run bash "$ROOT/tools/install-npm-packages.sh"
    run env NX_DAEMON=false npx --no-install nx run-many -t build --outputStyle=stream
  fi
  if [ "$DRY_RUN" = 1 ]; then
    show_cmd exec node "$ROOT/tools/stack/dist/cli.js" local ${args[@]+"${args[@]}"}
    return 0
  fi
  cd "$ROOT"
  exec node "$ROOT/tools/stack/dist/cli.js" local ${args[@]+"${args[@]}"}
}

# ---------------------------------------------------------------------------------------------
# Arguments

need_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value (./setup.sh --help)"; fi
}

main() {
  if [ "$#" -gt 0 ]; then
    case "$1" in
      up | status | delete) COMMAND="$1"; shift ;;
      local) shift; cmd_local "$@"; return 0 ;;
    esac
  fi
  while [ "$#" -gt 0 ]; do
    case "$1" in
      -h | --help | help) usage; return 0 ;;
      --dry-run) DRY_RUN=1 ;;
      --purge) PURGE=1 ;;
      --rebuild) REBUILD=1 ;;
      --profile) need_value "$@"; PROFILE="$2"; shift ;;
      --driver) need_value "$@"; DRIVER="$2"; shift ;;
      --cpus) need_value "$@"; CPUS="$2"; shift ;;
      --memory) need_value "$@"; MEMORY="$2"; shift ;;
      --disk) need_value "$@"; DISK="$2"; shift ;;
      --lb-octet) need_value "$@"; LB_OCTET="$2"; shift ;;
      --address) need_value "$@"; LB_ADDRESS="$2"; shift ;;
      --timeout) need_value "$@"; TIMEOUT="$2"; shift ;;
      up | status | delete) COMMAND="$1" ;;
      local) die "'local' must come first: ./setup.sh local [up|down|status] [options]" ;;
      *) die "unknown argument '$1' (./setup.sh --help)" ;;
    esac
    shift
  done
  case "$TIMEOUT" in '' | *[!0-9]*) die "--timeout must be a number of seconds" ;; esac
  if [ "$PURGE" = 1 ] && [ "$COMMAND" != delete ]; then die "--purge goes with delete: ./setup.sh delete --purge"; fi
  if [ "$DRY_RUN" = 1 ]; then
    printf '%sdry run%s: the commands below are printed, not run; <...> stands for values they would give.\n' "$BOLD" "$RESET"
  fi
  case "$COMMAND" in
    up) cmd_up ;;
    status) cmd_status ;;
    delete) cmd_delete ;;
  esac
}

main "$@"
