#!/usr/bin/env bash
# "Five minutes with genfleet" (README), step by step against a real `serve`: start it, open the page, submit a
# storyboard with curl, watch an item fail, read the dead-letter topic, retry the failed item, see the metrics.
# CI runs it (standalone's FiveMinutesIT); by hand: standalone/five-minutes.sh [path/to/genfleet.jar]
# Needs java and curl. Takes well under a minute on a quiet machine; exits non-zero at the first step that fails.
set -euo pipefail

JAR=${1:-standalone/target/genfleet.jar}
PORT=${GENFLEET_PORT:-8080}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/genfleet-five-minutes.XXXXXX")
URL="http://127.0.0.1:$PORT"
unset GENFLEET_API_KEYS    # serve generates a key and prints it

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }
# Waits up to $1 seconds for the command in the remaining arguments to succeed.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "not within ${seconds} s: $*"
    sleep 0.5
  done
}
# Fetches a URL (extra curl arguments after it) and checks the body holds a fixed string. The body is read whole
# before the match: `curl | grep -q` under pipefail fails at random when grep quits early and curl's next write
# meets a closed pipe (exit 23); that is how this script once failed in CI.
body_has() {
  local text=$1 body; shift
  body=$(curl -sf "$@") || return 1
  grep -qF -- "$text" <<<"$body"
}

step "1. serve (the whole fleet in one process: broker, workers, aggregator, HTTP API and page)"
java -jar "$JAR" serve --port "$PORT" --data-dir "$WORK/data" >"$WORK/serve.out" 2>&1 &
SERVE=$!
trap 'kill $SERVE 2>/dev/null || true; wait $SERVE 2>/dev/null || true; rm -rf "$WORK"' EXIT
started=$SECONDS
until grep -qx 'Ctrl-C stops it.' "$WORK/serve.out"; do
  kill -0 $SERVE 2>/dev/null || { cat "$WORK/serve.out"; fail "serve exited"; }
  ((SECONDS - started < 180)) || fail "serve not ready within 180 s"
  sleep 0.5
done
cat "$WORK/serve.out"
KEY=$(sed -n 's/^  API key   //p' "$WORK/serve.out")
[[ ${#KEY} -eq 43 ]] || fail "no API key in the banner"

step "2. the page (open $URL/ in a browser, paste the key)"
body_has '<title>genfleet console</title>' "$URL/" || fail "no page at $URL/"
echo "ok: $URL/"

step "3. submit a storyboard: scene_1's image fails for good once (a permanent error skips the retries)"
curl -sf -X POST "$URL/api/batches" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{
  "batchId": "five-1",
  "scenes": [
    {"prompt": "a lighthouse at dawn", "video": {"prompt": "waves"}},
    {"prompt": "a fox in snow", "simulate": {"failTimes": 1, "error": "permanent"}}
  ]}'
echo
wait_for 60 body_has '"done":true' -H "Authorization: Bearer $KEY" "$URL/api/batches/five-1"
curl -sf -H "Authorization: Bearer $KEY" "$URL/api/batches/five-1"; echo
body_has '"status":"failed_permanent"' -H "Authorization: Bearer $KEY" "$URL/api/batches/five-1/items/scene_1" || fail "scene_1 is not failed_permanent"

step "4. the dead-letter topic, through serve's HTTP API (no broker address needed)"
java -jar "$JAR" dlt list --url "$URL" --api-key "$KEY" --batch five-1 | tee "$WORK/dlt.out"
grep -q '^five-1  *scene_1 ' "$WORK/dlt.out" || fail "scene_1 is not in the dead-letter topic"

step "5. retry the failed item (epoch 1; failTimes counts across epochs, so it completes)"
java -jar "$JAR" retry-failed five-1 --url "$URL" --api-key "$KEY"
wait_for 60 body_has '"status":"complete","epoch":1' -H "Authorization: Bearer $KEY" "$URL/api/batches/five-1/items/scene_1"
curl -sf -H "Authorization: Bearer $KEY" "$URL/api/batches/five-1"; echo
java -jar "$JAR" dlt list --url "$URL" --api-key "$KEY" --batch five-1 | tee "$WORK/dlt-after.out"
grep -q 'requeued -> complete (epoch 1)' "$WORK/dlt-after.out" || fail "dlt list does not mark the requeued dead letter"

step "6. metrics"
curl -sf "$URL/actuator/prometheus" | grep -E '^genfleet_items_(submitted|requeued)_total' | tee "$WORK/metrics.out"
grep -q 'source="retry_failed"' "$WORK/metrics.out" || fail "no retry_failed requeue counted"

echo
echo "five minutes: all steps passed in $SECONDS s"
