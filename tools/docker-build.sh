#!/usr/bin/env bash
# Builds one service image: `tools/docker-build.sh <service>` (nx's docker-build target runs it after
# the agent bundle is built). The Alpine release comes from tools/alpine-release, the one place it is
# pinned; every Dockerfile starts `ARG ALPINE_RELEASE` + `FROM alpine:${ALPINE_RELEASE}`. The build
# context is the service folder; its .dockerignore sends only what the Dockerfile copies (dist/agent.js,
# conf/, grafana's dist/dashboards), which tools/k8s-check verifies (DOCKER_IGNORE).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
service="${1:?usage: tools/docker-build.sh <service>}"
dir="$root/services/$service"
[[ -f "$dir/Dockerfile" ]] || { echo "no Dockerfile in services/$service" >&2; exit 2; }
[[ -f "$dir/dist/agent.js" ]] || { echo "services/$service/dist/agent.js is missing: run 'npx nx build @ft/$service' first" >&2; exit 2; }
release="$(tr -d '[:space:]' < "$root/tools/alpine-release")"
exec docker build --build-arg "ALPINE_RELEASE=$release" -t "ft_services/$service:latest" "$dir"
