#!/usr/bin/env bash
# HTTP benchmark of the Repurpose API with wrk (apt-get install wrk), all in one run so that the figures
# are comparable: a trivial endpoint (20 small JSON records from memory; the ceiling) vs top-20
# candidates for a disease vs entity search vs explanation (6 pairs, answered from the API's memo after
# the first request each) vs explanation of 600 different pairs (computed afresh nearly every time).
# 127.0.0.1, 64 connections, 2 wrk threads.
#
#   api/bench/bench.sh [duration, default 20s]
#
# First run prepares, under api/target/bench/ (reused afterwards): Hetionet imported into an embedded
# Neo4j (../shared/data), the link-prediction model trained on it, the shared MEDLINE sample ingested.
# Then it starts the API with repurpose.bench.enabled=true (the trivial endpoint), waits for the model, runs
# wrk per endpoint and prints requests/s and latency percentiles, and the ratio to the trivial endpoint.
# The machine is shared: wrk, the API and Neo4j share the same cores; run it on a quiet machine for
# absolute figures and read the ratios otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
duration=${1:-20s}
work=api/target/bench
home=$work/neo4j
model=$work/model
port=${BENCH_PORT:-18080}
key=bench-read-key
heap=${BENCH_HEAP:--Xmx4g}
conf=(--repurpose.neo4j.home=$home --repurpose.neo4j.password=bench-password
      --repurpose.neo4j.bolt-port=0 --repurpose.neo4j.http-port=0
      --repurpose.neo4j.server-heap=3g --repurpose.neo4j.page-cache=1g
      --repurpose.neo4j.start-timeout=600s --repurpose.linkpred.model-directory=$model)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
mkdir -p "$work"
# shellcheck source=api/bench/jars.sh
. api/bench/jars.sh
cp=$(copy_jars "$work/lib")
run() { java $heap -cp "$cp" io.repurpose.api.Main "$@"; }

if [ ! -d "$home/data/databases/neo4j" ]; then
  echo "== importing Hetionet into $home"
  run import-hetionet "${conf[@]}"
fi
if [ ! -f "$model/model.properties" ]; then
  echo "== training the model into $model"
  run train "${conf[@]}"
fi
# literature too, as a deployment has it: the 604 MEDLINE citations of the shared data through the NLP pipeline
# (about 330 evidence sentences); explanations of pairs that evidence names look it up in Neo4j
medline=${BENCH_MEDLINE:-$root/../shared/data/text/pubmed/medline16n0902.xml.gz}
if [ ! -f "$work/ingested" ]; then
  echo "== ingesting $medline"
  run ingest "${conf[@]}" "$medline" && touch "$work/ingested"
fi

echo "== starting the API on 127.0.0.1:$port"
if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
  echo "something already listens on port $port (an earlier run?); stop it or set BENCH_PORT" >&2; exit 1
fi
log=$work/server.log
# java itself in the background (not a shell function), so that the trap stops the server
java $heap -cp "$cp" io.repurpose.api.Main serve "${conf[@]}" --micronaut.server.port=$port --repurpose.bench.enabled=true \
  --repurpose.api.read-keys=$key >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
base=http://127.0.0.1:$port
for _ in $(seq 1 600); do
  if curl -fs -H "X-API-Key: $key" "$base/api/v1/model" >/dev/null 2>&1; then break; fi
  kill -0 $server 2>/dev/null || { echo "server died; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 1
done
curl -fs -H "X-API-Key: $key" "$base/api/v1/model" >/dev/null || { echo "no model after 600 s; see $log" >&2; exit 1; }
# the API explains the top candidate of every disease after loading a model (warm-up, at most 60 s): wait for it
for _ in $(seq 1 120); do grep -q "model warm-up" "$log" && break; sleep 1; done
# and for the path stats that explanations use once built (seconds of CPU after the load)
if has_path_stats "$work/lib"; then
  for _ in $(seq 1 600); do grep -q "path stats of" "$log" && break; sleep 1; done
fi
grep -h "entity search index\|model .* loaded\|model warm-up\|path stats of" "$log" | sed 's/^/  server: /'

# each endpoint rotates over a few real Hetionet ids / queries (bench/*.lua)
declare -A path=(
  [trivial]="/api/v1/bench/trivial"
  [candidates]="/api/v1/diseases/DOID:1324/candidates?limit=20"
  [search]="/api/v1/entities?q=metformin"
  [explanation]="/api/v1/drugs/DB00331/diseases/DOID:9352/explanation"
  [explanation-varied]="/api/v1/drugs/DB00563/diseases/DOID:10763/explanation"
)
echo "== single requests, one at a time (curl, 20 each, median and max of time_total)"
for name in trivial candidates search explanation; do
  for i in $(seq 1 20); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "X-API-Key: $key" "$base${path[$name]}"
  done | sort -n | awk -v n="$name" '{t[NR]=$1} END {printf "  %-12s median %.1f ms, max %.1f ms\n", n, 1000*t[int((NR+1)/2)], 1000*t[NR]}'
done
# one wrk thread for explanation-varied: its 600-pair cycle defeats the 512-entry memo only as one sequence
threads() { if [ "$1" = explanation-varied ]; then echo 1; else echo 2; fi; }
echo "== warm-up"
# explanation-varied too: the memo answers the 6 explanation pairs, so only the varied ones run (and JIT-compile)
# path enumeration; in the first 30 s after the start its throughput still doubled
for name in trivial candidates search explanation explanation-varied; do
  wrk -t"$(threads $name)" -c16 -d10s -H "X-API-Key: $key" -s "api/bench/$name.lua" "$base${path[$name]}" >/dev/null
done
results=$work/results.txt
: >"$results"
for name in trivial candidates search explanation explanation-varied; do
  echo "== $name: wrk -t$(threads $name) -c64 -d$duration --latency -H 'X-API-Key: ...' -s api/bench/$name.lua $base${path[$name]}"
  out=$(wrk -t"$(threads $name)" -c64 -d"$duration" --latency -H "X-API-Key: $key" -s "api/bench/$name.lua" \
    "$base${path[$name]}")
  echo "$out" | sed -n '/Latency Distribution/,/requests in/p;/Requests\/sec/p;/Non-2xx/p;/Socket errors/p'
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  echo "$name $rps $p50 $p99 ${non2xx:-0}" >>"$results"
done
echo
echo "== summary ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
awk 'NR==1 {base=$2} {printf "%-12s %10.0f req/s  %6.1f%% of trivial  p50 %-9s p99 %-9s non-2xx %s\n", $1, $2, 100*$2/base, $3, $4, $5}' "$results"
