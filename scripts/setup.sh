#!/usr/bin/env bash
# Installs everything Sunlight needs on one machine, from package registries only:
#   npm packages            (npm ci, when package-lock.json changed)
#   Temporal CLI dev server (Go module proxy)       -> .tools/bin/temporal
#   FerretDB (SQLite)       (Go module proxy)       -> .tools/bin/ferretdb
#   Temporal test server    (Maven Central)         -> .tools/bin/temporal-test-server
#   compose-check           (Go module proxy, with --test) -> .tools/bin/compose-check
#   Chromium                (Debian, with --test)   -> /usr/bin/chromium
# Idempotent: each step records a stamp and a second run does nothing.
# Usage: scripts/setup.sh [--test]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
STAMPS="$TOOLS/stamps"
mkdir -p "$BIN" "$STAMPS"

TEMPORAL_CLI_VERSION="v1.5.1"
TEST_SERVER_POM="$ROOT/tools/test-server/pom.xml"
FERRETDB_MODULE="$ROOT/tools/ferretdb"

WANT_TEST=0
[[ "${1:-}" == "--test" ]] && WANT_TEST=1

CURRENT_STEP=""
on_error() {
  echo "setup: FAILED at step: $CURRENT_STEP" >&2
  echo "setup: see the output above; fix it and run the command again (finished steps are kept)." >&2
}
trap on_error ERR

step() { CURRENT_STEP="$1"; }
log() { printf 'setup: %s\n' "$*"; }
hash_of() { cat "$@" | sha256sum | cut -c1-16; }
stamp_ok() { [[ -f "$STAMPS/$1" && "$(cat "$STAMPS/$1")" == "$2" ]]; }
stamp_set() { echo "$2" > "$STAMPS/$1"; }
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' is required for step '$CURRENT_STEP' but is not installed" >&2; return 1; }
}

step "npm packages (npm ci)"
key="$(hash_of "$ROOT/package-lock.json")"
if ! stamp_ok npm "$key" || [[ ! -d "$ROOT/node_modules" ]]; then
  need npm
  log "installing npm packages"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  stamp_set npm "$key"
fi

step "Temporal CLI $TEMPORAL_CLI_VERSION (go install)"
if ! stamp_ok temporal "$TEMPORAL_CLI_VERSION" || [[ ! -x "$BIN/temporal" ]]; then
  need go
  log "building the Temporal CLI $TEMPORAL_CLI_VERSION (a few minutes the first time)"
  GOBIN="$BIN" GOFLAGS=-buildvcs=false go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  stamp_set temporal "$TEMPORAL_CLI_VERSION"
fi

step "FerretDB (go build tools/ferretdb)"
key="$(hash_of "$FERRETDB_MODULE/go.mod" "$FERRETDB_MODULE/go.sum" "$FERRETDB_MODULE"/*.go)"
if ! stamp_ok ferretdb "$key" || [[ ! -x "$BIN/ferretdb" ]]; then
  need go
  log "building FerretDB (SQLite backend)"
  (cd "$FERRETDB_MODULE" && GOFLAGS=-buildvcs=false go build -trimpath -o "$BIN/ferretdb" .)
  stamp_set ferretdb "$key"
fi

step "Temporal time-skipping test server (Maven)"
key="$(hash_of "$TEST_SERVER_POM" "$ROOT/scripts/setup.sh")"
if ! stamp_ok test-server "$key" || [[ ! -x "$BIN/temporal-test-server" ]]; then
  need mvn
  need java
  mkdir -p "$TOOLS/test-server"
  log "resolving io.temporal:temporal-test-server from Maven Central"
  mvn -q -B -f "$TEST_SERVER_POM" dependency:build-classpath \
    -Dmdep.outputFile="$TOOLS/test-server/classpath" > "$TOOLS/test-server/maven.log" 2>&1 \
    || { cat "$TOOLS/test-server/maven.log" >&2; false; }
  JAVA_BIN="$(command -v java)"
  # Fast start: C1 only, serial GC, and an application class-data-sharing archive made
  # by one training run below. Start-up is measured in scripts/measure-test-server.sh.
  cat > "$BIN/temporal-test-server" <<WRAPPER
#!/usr/bin/env bash
# Temporal's Java time-skipping test server. Usage: temporal-test-server <port> [args...]
CP="\$(cat "$TOOLS/test-server/classpath")"
CDS=()
if [[ -f "$TOOLS/test-server/app.jsa" ]]; then CDS=(-XX:SharedArchiveFile="$TOOLS/test-server/app.jsa" -Xshare:auto); fi
exec "$JAVA_BIN" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xms64m -XX:-UsePerfData \\
  "\${CDS[@]}" \${SUNLIGHT_TEST_SERVER_JAVA_OPTS:-} -cp "\$CP" io.temporal.testserver.TestServer "\$@"
WRAPPER
  chmod +x "$BIN/temporal-test-server"
  log "training the class-data-sharing archive"
  rm -f "$TOOLS/test-server/app.jsa"
  SUNLIGHT_TEST_SERVER_JAVA_OPTS="-XX:ArchiveClassesAtExit=$TOOLS/test-server/app.jsa" \
    node "$ROOT/scripts/train-test-server.mjs" "$BIN/temporal-test-server"
  stamp_set test-server "$key"
fi

if [[ $WANT_TEST == 1 ]]; then
  step "compose-check (go build tools/compose-check)"
  key="$(hash_of "$ROOT/tools/compose-check/go.mod" "$ROOT/tools/compose-check/go.sum" "$ROOT/tools/compose-check/main.go")"
  if ! stamp_ok compose-check "$key" || [[ ! -x "$BIN/compose-check" ]]; then
    need go
    log "building compose-check (validates docker-compose.yml with compose-go)"
    (cd "$ROOT/tools/compose-check" && GOFLAGS=-buildvcs=false go build -trimpath -o "$BIN/compose-check" .)
    stamp_set compose-check "$key"
  fi

  step "Chromium for browser tests (apt-get install chromium)"
  if [[ ! -x /usr/bin/chromium ]]; then
    need apt-get
    log "installing Debian's chromium"
    SUDO=""
    [[ $(id -u) != 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
fi

trap - ERR
log "ready ($(cd "$ROOT" && "$BIN/temporal" --version | head -1))"
