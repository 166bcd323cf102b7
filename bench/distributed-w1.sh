#!/usr/bin/env bash
# W1 on the separate jars: a broker process (`genfleet.jar broker`), the status aggregator, one worker and the
# producer, each its own JVM on 127.0.0.1, as a deployed fleet runs them. Prints CPU per item per process (from
# /proc/<pid>/stat, so the broker's own share is measured, not estimated) and items/s, one JSON line per run, then
# a table with median (min-max).
#
#   ./mvnw -q -B -DskipTests package          # the four jars
#   bench/distributed-w1.sh                   # 3 runs of 20,000 no-op items, after one unmeasured run
#   ITEMS=50000 RUNS=5 bench/distributed-w1.sh
#   JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/jfr/,dumponexit=true,settings=profile" bench/distributed-w1.sh
#                                             # a JFR profile per process (the measured windows go to stderr)
#
# Linux only (/proc). Ports 29092 (broker) and 28080-28082 (services) must be free; everything binds 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

ITEMS=${ITEMS:-20000}
RUNS=${RUNS:-3}
PER_BATCH=5000
SHOTS_PER_SCENE=50
BROKER_PORT=29092
PRODUCER_PORT=28080
AGGREGATOR_PORT=28081
WORKER_PORT=28082
KEY=bench-key-0123456789abcdef
JAVA_OPTS=${JAVA_OPTS:-}

for jar in standalone/target/genfleet.jar producer/target/genfleet-producer.jar worker/target/genfleet-worker.jar \
           status-aggregator/target/genfleet-status-aggregator.jar; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw -q -B -DskipTests package first" >&2; exit 2; }
done
if [ $((ITEMS % PER_BATCH)) -ne 0 ] && [ "$ITEMS" -gt "$PER_BATCH" ]; then
  echo "ITEMS must be at most $PER_BATCH or a multiple of it" >&2; exit 2
fi

WORK=$(mktemp -d /tmp/genfleet-distributed-w1.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
echo "[w1-distributed] work dir $WORK (logs there)" >&2

start() { # name, then the command; the process's pid goes to $WORK/<name>.pid
  local name=$1; shift
  "$@" > "$WORK/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$!" > "$WORK/$name.pid"
}

await_http() { # url, what
  for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 not up after 120 s (see $WORK)" >&2; exit 1
}

cpu_ticks() { # utime + stime of a process, in clock ticks (USER_HZ = 100)
  awk '{print $14 + $15}' "/proc/$1/stat"
}

storyboard() { # batchId, items: scenes of up to 50 shots, no-op simulation
  awk -v id="$1" -v n="$2" -v per="$SHOTS_PER_SCENE" 'BEGIN {
    printf "{\"batchId\":\"%s\",\"scenes\":[", id
    for (s = 0; s * per < n; s++) {
      if (s) printf ","
      printf "{\"prompt\":\"bench scene %d\",\"shots\":[", s
      for (j = 0; j < per && s * per + j < n; j++) {
        if (j) printf ","
        printf "{\"prompt\":\"bench shot %d\"}", j
      }
      printf "]}"
    }
    printf "]}"
  }'
}

submit_and_wait() { # prefix: submits ITEMS items in batches of PER_BATCH, waits until every batch is done
  local prefix=$1 batches=$(( (ITEMS + PER_BATCH - 1) / PER_BATCH )) size
  for b in $(seq 0 $((batches - 1))); do
    size=$(( ITEMS - b * PER_BATCH < PER_BATCH ? ITEMS - b * PER_BATCH : PER_BATCH ))
    storyboard "$prefix-$b" "$size" > "$WORK/body.json"
    # 503 while the aggregator still catches up after its start: try again, as its Retry-After says.
    for _ in $(seq 1 120); do
      code=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST "127.0.0.1:$PRODUCER_PORT/api/batches" \
        -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary "@$WORK/body.json")
      [ "$code" = 503 ] || break
      sleep 0.5
    done
    [ "$code" = 202 ] || { echo "submit $prefix-$b: HTTP $code $(cat "$WORK/answer.json")" >&2; exit 1; }
  done
  for b in $(seq 0 $((batches - 1))); do
    for _ in $(seq 1 12000); do
      if curl -s -H "Authorization: Bearer $KEY" "127.0.0.1:$AGGREGATOR_PORT/api/batches/$prefix-$b" | grep -q '"done":true'; then continue 2; fi
      sleep 0.02
    done
    echo "batch $prefix-$b not done in 240 s" >&2; exit 1
  done
}

export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$BROKER_PORT
# Every service refuses API requests without keys; the aggregator's reads take the same key (as the chart mounts it).
export GENFLEET_API_KEYS=$KEY
# shellcheck disable=SC2086
start broker java $JAVA_OPTS -jar standalone/target/genfleet.jar broker --port "$BROKER_PORT" --data-dir "$WORK/broker"
for _ in $(seq 1 120); do
  if java -jar standalone/target/genfleet.jar topics create --partitions 6 > "$WORK/topics.log" 2>&1; then break; fi
  sleep 1
done
# shellcheck disable=SC2086
start aggregator java $JAVA_OPTS -jar status-aggregator/target/genfleet-status-aggregator.jar \
  --server.port="$AGGREGATOR_PORT" --genfleet.aggregator.state-dir="$WORK/aggregator-state"
# shellcheck disable=SC2086
start worker java $JAVA_OPTS -jar worker/target/genfleet-worker.jar --server.port="$WORKER_PORT" \
  --genfleet.worker.provider.latency-min=0ms --genfleet.worker.provider.latency-max=0ms \
  --genfleet.worker.provider.failure-rate=0.0
# shellcheck disable=SC2086
start producer java $JAVA_OPTS -jar producer/target/genfleet-producer.jar \
  --server.port="$PRODUCER_PORT" --genfleet.producer.status-url="http://127.0.0.1:$AGGREGATOR_PORT"
await_http "127.0.0.1:$AGGREGATOR_PORT/actuator/health/readiness" aggregator
await_http "127.0.0.1:$WORKER_PORT/actuator/health/readiness" worker
await_http "127.0.0.1:$PRODUCER_PORT/actuator/health/readiness" producer

echo "[w1-distributed] warm-up: $ITEMS items, not measured" >&2
submit_and_wait warmup
sleep 5 # let the JIT compilers finish what the warm-up gave them

PARTS=(broker aggregator worker producer)
for run in $(seq 1 "$RUNS"); do
  declare -A before=()
  for part in "${PARTS[@]}"; do before[$part]=$(cpu_ticks "$(cat "$WORK/$part.pid")"); done
  started=$(date +%s%N)
  submit_and_wait "w1-run$run"
  finished=$(date +%s%N)
  # For profiles (JAVA_OPTS=-XX:StartFlightRecording=...): the measured window, to pick its samples.
  echo "[w1-distributed] run $run measured from $(date -u -d "@${started:0:10}.${started:10:3}" +%FT%T.%3NZ)" \
       "to $(date -u -d "@${finished:0:10}.${finished:10:3}" +%FT%T.%3NZ)" >&2
  line="{\"run\":$run,\"items\":$ITEMS,\"items_per_s\":$(awk -v n="$ITEMS" -v ns=$((finished - started)) 'BEGIN{printf "%.0f", n / (ns / 1e9)}')"
  total=0
  for part in "${PARTS[@]}"; do
    ticks=$(( $(cpu_ticks "$(cat "$WORK/$part.pid")") - before[$part] ))
    total=$((total + ticks))
    line+=",\"cpu_ms_per_item_$part\":$(awk -v t="$ticks" -v n="$ITEMS" 'BEGIN{printf "%.4f", t * 10 / n}')"
  done
  line+=",\"cpu_ms_per_item\":$(awk -v t="$total" -v n="$ITEMS" 'BEGIN{printf "%.4f", t * 10 / n}')"
  line+=",\"machine_load_1m\":$(cut -d' ' -f1 /proc/loadavg)}"
  echo "$line" | tee -a "$WORK/runs.jsonl"
done

# The table: median (min-max) of each figure over the runs.
printf '%-30s %12s %12s %12s\n' metric median min max
for key in $(head -n 1 "$WORK/runs.jsonl" | grep -o '"[a-z_0-9]*":' | tr -d '":' | grep -v -x -e run -e items); do
  mapfile -t values < <(grep -o "\"$key\":[0-9.]*" "$WORK/runs.jsonl" | cut -d: -f2 | sort -g)
  printf '%-30s %12s %12s %12s\n' "$key" "${values[$(( (${#values[@]} - 1) / 2 ))]}" "${values[0]}" "${values[-1]}"
done
