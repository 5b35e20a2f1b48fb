#!/usr/bin/env bash
# The whole test suite: lint, typecheck, the pure domain suite under three time zones,
# then every test against the real stack (Temporal dev server, time-skipping test server,
# FerretDB, Chromium). Ends with one line "tests: N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPORTS="$ROOT/reports/tests"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
export PATH="$ROOT/node_modules/.bin:$PATH"
status=0
failed_steps=()

run() {
  local name="$1"; shift
  echo "==> $name"
  local started=$SECONDS
  if "$@"; then
    echo "<== $name: ok ($((SECONDS - started)) s)"
  else
    echo "<== $name: FAILED ($((SECONDS - started)) s)"
    status=1
    failed_steps+=("$name")
  fi
}

run "lint (eslint)" eslint . --max-warnings=0
run "import cycles, type imports included" tsx scripts/check-cycles.ts
run "typecheck (tsc)" tsc --noEmit -p tsconfig.json
run "web app types match the API's schemas" tsx scripts/web-types.ts --check
run "docker-compose.yml (compose-spec)" env JWT_SECRET=check TEMPORAL_PAYLOAD_KEYS=check ADMIN_USERNAME=check ADMIN_PASSWORD=check \
  "$ROOT/.tools/bin/compose-check" "$ROOT/docker-compose.yml"
for tz in UTC Asia/Shanghai America/New_York; do
  slug="${tz//\//-}"
  run "domain suite, TZ=$tz" env TZ="$tz" vitest run --project domain \
    --reporter=default --reporter=json --outputFile.json="$REPORTS/domain-$slug.json"
done
run "stack suite (real servers)" vitest run --project stack \
  --reporter=default --reporter=json --outputFile.json="$REPORTS/stack.json"

if [[ ${#failed_steps[@]} -gt 0 ]]; then
  printf 'failed steps:\n'
  printf '  - %s\n' "${failed_steps[@]}"
fi
node scripts/test-summary.mjs "$REPORTS" || status=1
exit $status
