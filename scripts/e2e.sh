#!/usr/bin/env bash
# Browser suite for scripts/test: starts the portal on a throw-away SQLite
# folder, waits until it answers, runs Playwright in Debian's Chromium, stops it.
# E2E_SPECS="e2e/x.spec.ts" runs only those specs (scripts/e2e-only does that).

# The suite's own portal listens on its own ports, so a developer's
# ./scripts/start (3000/7007) can keep running.
E2E_APP_PORT="${E2E_APP_PORT:-3100}"
E2E_BACKEND_PORT="${E2E_BACKEND_PORT:-7107}"

wait_for_portal() {
  for _ in $(seq 1 300); do
    if curl -fsS "http://localhost:$E2E_BACKEND_PORT/.backstage/health/v1/readiness" >/dev/null 2>&1 &&
       curl -fsS "http://localhost:$E2E_APP_PORT" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  return 1
}

# backend.auth.externalAccess (JSON) with one static operator token.
e2e_operator_access() {
  printf '[{"type":"static","options":{"token":"%s","subject":"e2e-operator"},"accessRestrictions":[{"plugin":"scale-readiness","permission":["scale-readiness.review.create","scale-readiness.review.read","scale-readiness.results.read"]}]}]' "$1"
}

run_e2e() {
  local start=$SECONDS
  if ! ensure_chromium; then
    failed=$((failed + 1)); summary+=("FAIL  e2e (no chromium)"); return
  fi
  if curl -fsS "http://localhost:$E2E_BACKEND_PORT" >/dev/null 2>&1 || curl -fsS "http://localhost:$E2E_APP_PORT" >/dev/null 2>&1; then
    log "ports $E2E_APP_PORT/$E2E_BACKEND_PORT are busy: set E2E_APP_PORT/E2E_BACKEND_PORT"
    failed=$((failed + 1)); summary+=("FAIL  e2e (ports busy)"); return
  fi
  local data="$REPO_ROOT/.data/e2e-sqlite" portal_log="$RESULTS_DIR/portal.log"
  rm -rf "$data" && mkdir -p "$data"
  log "── e2e: starting the portal (log: .data/test-results/portal.log)"
  # An operator service for e2e/reviews.spec.ts (starting reviews is an
  # operator action): a static token made for this run only, limited to the
  # review and results permissions of scale-readiness.
  local operator_token
  operator_token="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  export E2E_OPERATOR_TOKEN="$operator_token"
  export E2E_BACKEND_URL="http://localhost:$E2E_BACKEND_PORT"
  # A second sign-in for e2e/readiness.ts tokenOf (a team's second champion):
  # the oauth2-proxy provider, which trusts x-forwarded-user. Enabled for this
  # throw-away portal only; never where clients can set that header.
  APP_CONFIG_auth_providers_oauth2Proxy='{"signIn":{"resolvers":[{"resolver":"forwardedUserMatchingUserEntityName"}]}}' \
  APP_CONFIG_backend_auth_externalAccess="$(e2e_operator_access "$operator_token")" \
  APP_CONFIG_backend_database_connection_directory="$data" \
  APP_CONFIG_app_baseUrl="http://localhost:$E2E_APP_PORT" \
  APP_CONFIG_backend_baseUrl="http://localhost:$E2E_BACKEND_PORT" \
  APP_CONFIG_backend_listen_port="$E2E_BACKEND_PORT" \
  APP_CONFIG_backend_cors_origin="http://localhost:$E2E_APP_PORT" \
    setsid bash -c 'source scripts/lib.sh; bootstrap_node; exec node .yarn/releases/yarn-*.cjs start' \
    >"$portal_log" 2>&1 &
  local portal_pid=$!
  if wait_for_portal; then
    log "portal ready after $((SECONDS - start)) s"
    PLAYWRIGHT_URL="http://localhost:$E2E_APP_PORT" \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS_DIR/e2e.json" \
      yarn_bin playwright test ${E2E_SPECS:-} --reporter=list,json
    local rc=$?
    if [ -f "$RESULTS_DIR/e2e.json" ]; then
      read -r ep ef < <(node -e '
        const r = require(require("path").resolve(process.argv[1]));
        console.log(r.stats.expected, r.stats.unexpected + r.stats.flaky + (r.errors || []).length);
      ' "$RESULTS_DIR/e2e.json")
      passed=$((passed + ep)); failed=$((failed + ef))
      [ "$rc" != 0 ] && [ "$ef" = 0 ] && failed=$((failed + 1))
    else
      failed=$((failed + 1))
    fi
    summary+=("$([ "$rc" = 0 ] && echo 'ok  ' || echo 'FAIL')  e2e ($((SECONDS - start)) s, screenshots in e2e/screenshots/)")
  else
    log "portal did not become ready; last lines of its log:"
    tail -40 "$portal_log" >&2
    failed=$((failed + 1)); summary+=("FAIL  e2e (portal not ready)")
  fi
  kill -- -"$portal_pid" 2>/dev/null || kill "$portal_pid" 2>/dev/null || true
  sleep 1
}
