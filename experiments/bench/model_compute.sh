#!/usr/bin/env bash
# Item 1 benchmark: the EVA02-AT-B/16 video tower, forward and forward+backward, EgoLens (DJL, ModelComputeBench) against
# the PyTorch twin (experiments/twin/eva02_at_twin.py bench) with the same shapes and thread count, one side after the
# other (never both at once), each with its own sgemm peak measured in the same run; then prints the table.
#
#   experiments/bench/model_compute.sh [OUT_DIR]        (default target/model-compute)
#
# Environment (defaults in brackets):
#   THREADS ["2 1"]; per thread count N: FRAMES_N, BATCHES_N, MODES_N [FRAMES_2=4,16 BATCHES_2=1,2; FRAMES_1=4 BATCHES_1=1;
#   MODES=fwd,fwdbwd]; RUNS [3] timed runs after 1 warm-up; RUNS_LONG [1] timed runs of fwdbwd and T >= 16 cases.
#   BLAS_DIR [/usr/lib/x86_64-linux-gnu/openblas-pthread]: folder with an optimised libblas.so.3 put on the twin's
#   LD_LIBRARY_PATH. Debian's python3-torch links the generic libblas.so.3, which is the netlib reference BLAS unless
#   an optimised one is installed; without one the twin measures the reference BLAS (about 2.7 GFLOP/s on 2 cores).
#   Without root: apt-get download libopenblas0-pthread && dpkg-deb -x libopenblas0-pthread_*.deb DIR, then
#   BLAS_DIR=DIR/usr/lib/x86_64-linux-gnu/openblas-pthread.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/model-compute}
mkdir -p "$out"
out=$(cd "$out" && pwd)
: >"$out/java.jsonl"
: >"$out/twin.jsonl"
py=/usr/bin/python3
blas=${BLAS_DIR:-/usr/lib/x86_64-linux-gnu/openblas-pthread}
runs=${RUNS:-3}
runs_long=${RUNS_LONG:-1}
modes=${MODES:-fwd,fwdbwd}
{ echo "start: $(date -u +%FT%TZ) $(uptime)"; nproc; grep -m1 'model name' /proc/cpuinfo; free -m | head -2; } \
  >"$out/machine.txt"
for th in ${THREADS:-2 1}; do
  fv=FRAMES_$th; bv=BATCHES_$th
  frames=${!fv:-$([ "$th" = 2 ] && echo 4,16 || echo 4)}
  batches=${!bv:-$([ "$th" = 2 ] && echo 1,2 || echo 1)}
  echo "== EgoLens (DJL), $th thread(s): T=$frames B=$batches" >&2
  mvn -q -B -o -pl model test -Dtest=ModelComputeBench -Dsurefire.failIfNoSpecifiedTests=false -Degolens.bench=true \
    -Dai.djl.pytorch.num_threads="$th" -Degolens.bench.frames="$frames" -Degolens.bench.batches="$batches" \
    -Degolens.bench.modes="$modes" -Degolens.bench.runs="$runs" -Degolens.bench.runsLong="$runs_long" \
    -Degolens.bench.out="$out/java.jsonl" >"$out/java-$th.log" 2>&1
  echo "== twin (PyTorch $($py -c 'import torch; print(torch.__version__)')), $th thread(s)" >&2
  ld=""
  [ -e "$blas/libblas.so.3" ] && ld="$blas" || echo "warning: no optimised BLAS in $blas; the twin uses $(readlink -f /lib/x86_64-linux-gnu/libblas.so.3)" >&2
  OMP_NUM_THREADS=$th OPENBLAS_NUM_THREADS=$th LD_LIBRARY_PATH="$ld" $py experiments/twin/eva02_at_twin.py bench \
    --model "$out/eva02-at-b16-config.json" --random-init --threads "$th" --frames "$frames" --batches "$batches" \
    --modes "$modes" --runs "$runs" --runs-long "$runs_long" >>"$out/twin.jsonl" 2>"$out/twin-$th.log"
done
echo "end: $(date -u +%FT%TZ) $(uptime)" >>"$out/machine.txt"
cat "$out/machine.txt"
$py experiments/bench/model_compute_table.py "$out/java.jsonl" "$out/twin.jsonl" | tee "$out/table.md"
