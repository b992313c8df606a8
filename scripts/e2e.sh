#!/usr/bin/env bash
# Browser suite for scripts/test: starts the portal on a throw-away SQLite
# folder, waits until it answers, runs Playwright in Debian's Chromium, stops it.
# E2E_SPECS="e2e/x.spec.ts" runs only those specs (scripts/e2e-only does that).
#
# Two frontends share the backend: the legacy app (packages/app) on
# E2E_APP_PORT, the default of every spec, and the new-frontend-system app
# (packages/app-next) on E2E_NEXT_PORT (default E2E_APP_PORT + 1000), which
# e2e/new-frontend-system.spec.ts opens through PLAYWRIGHT_NEXT_URL. The
# backend's CORS origin lists both.

# The suite's own portal listens on its own ports, so a developer's
# ./scripts/start (3000/7007) can keep running.
E2E_APP_PORT="${E2E_APP_PORT:-3100}"
E2E_BACKEND_PORT="${E2E_BACKEND_PORT:-7107}"
E2E_NEXT_PORT="${E2E_NEXT_PORT:-$((E2E_APP_PORT + 1000))}"

# Waits until the backend and both frontends answer; logs when each did (the
# second dev server's cost shows in the app and app-next times).
wait_for_portal() {
  local t0=$SECONDS backend='' app='' next=''
  for _ in $(seq 1 300); do
    [ -z "$backend" ] && curl -fsS "http://localhost:$E2E_BACKEND_PORT/.backstage/health/v1/readiness" >/dev/null 2>&1 && backend=$((SECONDS - t0))
    [ -z "$app" ] && curl -fsS "http://localhost:$E2E_APP_PORT" >/dev/null 2>&1 && app=$((SECONDS - t0))
    [ -z "$next" ] && curl -fsS "http://localhost:$E2E_NEXT_PORT" >/dev/null 2>&1 && next=$((SECONDS - t0))
    if [ -n "$backend" ] && [ -n "$app" ] && [ -n "$next" ]; then
      log "answering after: backend ${backend} s, app ${app} s, app-next ${next} s"
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
  local port
  for port in "$E2E_BACKEND_PORT" "$E2E_APP_PORT" "$E2E_NEXT_PORT"; do
    if curl -fsS "http://localhost:$port" >/dev/null 2>&1; then
      log "port $port is busy: set E2E_APP_PORT/E2E_BACKEND_PORT/E2E_NEXT_PORT"
      failed=$((failed + 1)); summary+=("FAIL  e2e (ports busy)"); return
    fi
  done
  local data="$REPO_ROOT/.data/e2e-sqlite" portal_log="$RESULTS_DIR/portal.log"
  local next_log="$RESULTS_DIR/app-next.log"
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
  APP_CONFIG_backend_cors_origin="[\"http://localhost:$E2E_APP_PORT\",\"http://localhost:$E2E_NEXT_PORT\"]" \
    setsid bash -c 'source scripts/lib.sh; bootstrap_node; exec node .yarn/releases/yarn-*.cjs start' \
    >"$portal_log" 2>&1 &
  local portal_pid=$!
  # The new-frontend-system app: its own dev server (app.baseUrl sets its port).
  APP_CONFIG_app_baseUrl="http://localhost:$E2E_NEXT_PORT" \
  APP_CONFIG_backend_baseUrl="http://localhost:$E2E_BACKEND_PORT" \
    setsid bash -c 'source scripts/lib.sh; bootstrap_node; cd packages/app-next; exec node ../../.yarn/releases/yarn-*.cjs start' \
    >"$next_log" 2>&1 &
  local next_pid=$!
  if wait_for_portal; then
    log "portal ready after $((SECONDS - start)) s (app-next log: .data/test-results/app-next.log)"
    PLAYWRIGHT_URL="http://localhost:$E2E_APP_PORT" \
    PLAYWRIGHT_NEXT_URL="http://localhost:$E2E_NEXT_PORT" \
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
    log "last lines of the app-next log:"
    tail -20 "$next_log" >&2
    failed=$((failed + 1)); summary+=("FAIL  e2e (portal not ready)")
  fi
  kill -- -"$next_pid" 2>/dev/null || kill "$next_pid" 2>/dev/null || true
  kill -- -"$portal_pid" 2>/dev/null || kill "$portal_pid" 2>/dev/null || true
  sleep 1
}
