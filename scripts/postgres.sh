#!/usr/bin/env bash
# PostgreSQL for backend tests (sourced by scripts/test and scripts/bench).
# Uses the server on 127.0.0.1:5432 when it answers; otherwise starts a private
# one from Debian's postgresql package under .data/postgres on port 54329;
# otherwise says loudly that PostgreSQL tests are skipped.

pg_answers() {
  node -e '
    const net = require("net");
    const s = net.connect({ host: "127.0.0.1", port: +process.argv[1] }, () => { s.end(); process.exit(0); });
    s.on("error", () => process.exit(1));
    setTimeout(() => process.exit(1), 2000);
  ' "$1"
}

ensure_postgres() {
  if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
    log "PostgreSQL: using BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING from the environment"
    return 0
  fi
  if pg_answers 5432; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
    log "PostgreSQL: server on 127.0.0.1:5432"
    return 0
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -z "$bindir" ] && command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL: installing Debian's postgresql package"
    (apt-get install -y -qq postgresql >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1; }) || true
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  fi
  if [ -n "$bindir" ]; then
    local data="$REPO_ROOT/.data/postgres" port=54329
    local runas=()
    if [ "$(id -u)" = 0 ]; then
      id postgres >/dev/null 2>&1 || useradd -r postgres >/dev/null 2>&1 || true
      runas=(runuser -u postgres --)
      mkdir -p "$data" && chown postgres "$data"
    fi
    if ! pg_answers "$port"; then
      [ -f "$data/PG_VERSION" ] || "${runas[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust >/dev/null
      "${runas[@]}" "$bindir/pg_ctl" -D "$data" -o "-p $port -k /tmp -c listen_addresses=127.0.0.1" -l "$data/log" -w start >/dev/null
    fi
    if pg_answers "$port"; then
      export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$port"
      log "PostgreSQL: started a private server on 127.0.0.1:$port (data in .data/postgres)"
      return 0
    fi
  fi
  printf '\n\033[1;33m%s\033[0m\n\n' "!!! PostgreSQL is not available: database tests run on SQLite ONLY (PostgreSQL SKIPPED) !!!" >&2
  unset BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
  export SCALE_READINESS_POSTGRES_SKIPPED=1
}
