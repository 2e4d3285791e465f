#!/usr/bin/env bash
# Same-window A/B of explanation-varied (600 pairs, one wrk thread, 64 connections): one API per variant,
# variants in turn (A B A B ... for --rounds), each started on the database and model that bench.sh prepared
# (api/target/bench), warmed up (10 s at 16 connections, which JIT-compiles path enumeration), then measured.
# Prints req/s, p50, p99 and the CPU per request of the API JVM and of its Neo4j child (from /proc), and the
# API's GC pauses during the measured run (-Xlog:gc to a file). BENCH_JFR=1 records the measured run with JFR
# (settings=profile) into api/target/bench/ab-LABEL-ROUND.jfr. BENCH_DIGEST=1 then fetches the 600 pairs' bodies
# (api/bench/explanation-varied.tsv) one by one and prints the SHA-256 of them all: equal digests, equal answers.
# BENCH_THREADS=1 also prints the API's CPU per request by thread group (explanation pool, event loops, GC, JIT).
#
#   api/bench/explain-ab.sh snapshot LABEL [CHECKOUT]  # copy the build's jars (of this or another built checkout)
#                                                      # to api/target/bench/lib-LABEL
#   api/bench/explain-ab.sh [--rounds N] [--duration 20s] 'LABEL[|JAVA OPTIONS[|--key=value ...]]' ...
#
# e.g. api/bench/explain-ab.sh --rounds 2 'old' 'new' 'new|-Xmx4g -XX:+UseParallelGC'
# A variant runs lib-LABEL with the JAVA OPTIONS (default $BENCH_HEAP or -Xmx4g) and API arguments given.
# bench.sh must have run once (it imports Hetionet, trains the model and ingests the MEDLINE sample).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
work=api/target/bench
# shellcheck source=api/bench/jars.sh
. api/bench/jars.sh
if [ "${1:-}" = snapshot ]; then
  [ -n "${2:-}" ] || { echo "usage: $0 snapshot LABEL [CHECKOUT]" >&2; exit 2; }
  lib=$PWD/$work/lib-$2
  (cd "${3:-.}" && copy_jars "$lib") >"$lib.classpath"
  echo "jars of the build in ${3:-.} in $work/lib-$2"
  exit 0
fi
rounds=1
duration=20s
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { sed -n '2,15p' "$0" >&2; exit 2; }
[ -f "$work/model/model.properties" ] && [ -f "$work/ingested" ] || { echo "run api/bench/bench.sh once first" >&2; exit 2; }
port=${BENCH_PORT:-18081}
key=bench-read-key
conf=(--repurpose.neo4j.home=$work/neo4j --repurpose.neo4j.password=bench-password
      --repurpose.neo4j.bolt-port=0 --repurpose.neo4j.http-port=0
      --repurpose.neo4j.server-heap=3g --repurpose.neo4j.page-cache=1g
      --repurpose.neo4j.start-timeout=600s --repurpose.linkpred.model-directory=$work/model)
base=http://127.0.0.1:$port
url="$base/api/v1/drugs/DB00563/diseases/DOID:10763/explanation"
hz=$(getconf CLK_TCK)
# CPU seconds (user + system) of a process and its threads
cpu() { awk -v hz="$hz" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
# CPU seconds per thread of a process, one "name<TAB>seconds" line per thread (names with digits folded to N)
threads() {
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(sed 's/[0-9][0-9]*/N/g' "$t/comm" 2>/dev/null)" \
      "$(awk -v hz="$hz" '{sub(/^.*\) /, ""); print ($12 + $13) / hz}' "$t/stat" 2>/dev/null)"
  done
}
results=$work/ab-results.txt
: >"$results"
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; wait 2>/dev/null || true' EXIT

run_variant() {
  local spec=$1 round=$2
  local label opts args
  IFS='|' read -r label opts args <<<"$spec"
  opts=${opts:-${BENCH_HEAP:--Xmx4g}}
  local lib=$work/lib-$label
  [ -f "$lib.classpath" ] || { echo "no $lib (api/bench/explain-ab.sh snapshot $label)" >&2; exit 2; }
  local log=$work/ab-$label-$round.log gclog=$work/ab-$label-$round.gc.log
  # shellcheck disable=SC2086
  java $opts -Xlog:gc:file=$gclog -cp "$(cat "$lib.classpath")" io.repurpose.api.Main serve "${conf[@]}" \
    --micronaut.server.port=$port --repurpose.api.read-keys=$key $args >"$log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -fs -H "X-API-Key: $key" "$base/api/v1/model" >/dev/null 2>&1 && break
    kill -0 $server 2>/dev/null || { echo "server died; see $log" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 1
  done
  # the model warm-up waits for the explanation graph; the search index is built meanwhile
  for _ in $(seq 1 600); do
    grep -q "model warm-up" "$log" && grep -q "entity search index:" "$log" && break; sleep 1
  done
  # and, in jars that have them (session 7), for the path stats built after the load
  if has_path_stats "$lib"; then
    for _ in $(seq 1 600); do grep -q "path stats of" "$log" && break; sleep 1; done
  fi
  local neo
  neo=$(pgrep -P $server java | head -1)
  wrk -t1 -c16 -d10s -H "X-API-Key: $key" -s api/bench/explanation-varied.lua "$url" >/dev/null
  local gc0 a0 n0 out a1 n1
  gc0=$(wc -l <"$gclog")
  a0=$(cpu $server); n0=$(cpu "$neo")
  [ -z "${BENCH_THREADS:-}" ] || threads $server >"$work/ab-$label-$round.threads0"
  [ -z "${BENCH_JFR:-}" ] || jcmd $server JFR.start name=ab settings=profile >/dev/null
  out=$(wrk -t1 -c64 -d"$duration" --latency -H "X-API-Key: $key" -s api/bench/explanation-varied.lua "$url")
  a1=$(cpu $server); n1=$(cpu "$neo")
  [ -z "${BENCH_THREADS:-}" ] || threads $server >"$work/ab-$label-$round.threads1"
  [ -z "${BENCH_JFR:-}" ] || jcmd $server JFR.stop name=ab filename="$PWD/$work/ab-$label-$round.jfr" >/dev/null
  local digest=-
  if [ -n "${BENCH_DIGEST:-}" ]; then
    digest=$(while IFS=$'\t' read -r drug disease; do
      curl -fs -H "X-API-Key: $key" "$base/api/v1/drugs/$drug/diseases/$disease/explanation"; echo
    done <api/bench/explanation-varied.tsv | sha256sum | cut -c1-16)
  fi
  local reqs rps p50 p99 non2xx pauses
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  # G1/Parallel pause lines end in "... 123M->45M(512M) 3.456ms"
  pauses=$(tail -n +"$((gc0 + 1))" "$gclog" | awk '/Pause/ && $NF ~ /ms$/ {v = $NF; sub("ms", "", v); v += 0; n++; s += v;
           if (v > m) m = v} END {printf "%d pauses, %.0f ms in all, max %.1f ms", n, s, m}')
  printf '%-10s %d %7s req/s  p50 %-8s p99 %-8s API %.3f ms/req  Neo4j %.3f ms/req  non-2xx %s  GC %s  load %s  bodies %s\n' \
    "$label" "$round" "$rps" "$p50" "$p99" "$(echo "($a1 - $a0) * 1000 / $reqs" | bc -l)" \
    "$(echo "($n1 - $n0) * 1000 / $reqs" | bc -l)" "${non2xx:-0}" "$pauses" "$(cut -d' ' -f1 /proc/loadavg)" "$digest" \
    | tee -a "$results"
  if [ -n "${BENCH_THREADS:-}" ]; then
    # API CPU per request by thread group (threads that ended during the run are not counted)
    awk -F'\t' -v n="$reqs" 'NR == FNR {a[$1] += $2; next} {b[$1] += $2} END {for (k in b) if (b[k] - a[k] > 0)
        printf "  %8.3f ms/req  %s\n", (b[k] - a[k]) * 1000 / n, k}' \
      "$work/ab-$label-$round.threads0" "$work/ab-$label-$round.threads1" | sort -rn
  fi
  kill $server; wait $server 2>/dev/null || true
  server=
}

echo "== explanation-varied A/B, $(date -u +%FT%TZ), $(nproc) cores; wrk -t1 -c64 -d$duration after -c16 -d10s"
for round in $(seq 1 "$rounds"); do
  for spec in "$@"; do
    run_variant "$spec" "$round"
  done
done
