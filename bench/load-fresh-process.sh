#!/usr/bin/env bash
# Times a whole fresh process loading examples/add.c: build through the cache, dlopen, look up `add`, call it.
#   cold:    a new, empty cache root per run (the compiler runs every time)
#   warm:    one cache root primed before the first timed run (a hit; no compiler)
# with two references: `startup`, the same executable doing nothing (runtime start-up), and `cc`, the bare
# compiler command. Uses hyperfine when installed, else a bash loop over `date +%s%N`.
#
#   bench/load-fresh-process.sh            # 20 runs each
#   RUNS=50 bench/load-fresh-process.sh
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-20}"
source_file="$PWD/examples/add.c"
project=bench/Relaxnative.Benchmarks
dotnet build "$project" -c Release -nologo -v quiet >/dev/null
app="$PWD/$project/bin/Release/net10.0/Relaxnative.Benchmarks.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/relaxnative-fresh-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Prime the warm cache, then show what one run of each scenario reports from inside the process.
echo "cold (in-process): $(dotnet "$app" load-once "$source_file" "$work/warm")"
echo "warm (in-process): $(dotnet "$app" load-once "$source_file" "$work/warm")"
echo

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs "$runs" -N \
    -n startup "dotnet $app startup" \
    -n cc "cc -O2 -fPIC -shared -o $work/libadd.so $source_file" \
    -n cold --prepare "rm -rf $work/cold" "dotnet $app load-once $source_file $work/cold" \
    -n warm "dotnet $app load-once $source_file $work/warm"
  exit 0
fi

# Prints "name  mean  median  min  max" in milliseconds over $runs runs of the given command. A command containing
# {i} gets the run number, so each cold run can use its own cache root.
measure() {
  local name="$1"; shift
  local times=() i start end
  for ((i = 0; i < 2; i++)); do "${@//\{i\}/warmup$i}" >/dev/null; done
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "${@//\{i\}/$i}" >/dev/null
    end=$(date +%s%N)
    times+=($(( end - start )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '
    { t[NR] = $1 / 1e6; sum += t[NR] }
    END {
      median = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-8s %9.1f %9.1f %9.1f %9.1f\n", name, sum / NR, median, t[1], t[NR]
    }'
}

echo "$runs runs each, wall clock in ms (bash loop; hyperfine not installed)"
printf '%-8s %9s %9s %9s %9s\n' scenario mean median min max
measure startup dotnet "$app" startup
measure cc cc -O2 -fPIC -shared -o "$work/libadd.so" "$source_file"
measure cold dotnet "$app" load-once "$source_file" "$work/cold-{i}"
measure warm dotnet "$app" load-once "$source_file" "$work/warm"
