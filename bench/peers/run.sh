#!/usr/bin/env bash
# Relaxnative beside koffi on the same native calls, printed as one Markdown table.
#
#   bench/peers/run.sh [--koffi-only] [-- <extra BenchmarkDotNet arguments>]
#
# 1. builds bench/peers/out/libpeer.so from peerlib.c with cc -O2;
# 2. installs koffi (npm ci) if bench/peers/node_modules is missing;
# 3. runs the CallBenchmarks and SumBenchmarks classes of bench/Relaxnative.Benchmarks
#    (skipped with --koffi-only; if they fail or do not exist, our columns read n/a);
# 4. runs koffi-bench.mjs;
# 5. prints the comparison (compare.mjs).
# Raw results stay in a temporary folder whose path is printed at the end.
set -euo pipefail

peers_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$peers_dir/../.." && pwd)"
cd "$repo_root"

koffi_only=0
bdn_extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --koffi-only) koffi_only=1; shift ;;
        --) shift; bdn_extra=("$@"); break ;;
        -h|--help) sed -n '2,12p' "$peers_dir/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "Unknown argument '$1'. Usage: bench/peers/run.sh [--koffi-only] [-- <BenchmarkDotNet arguments>]" >&2; exit 2 ;;
    esac
done

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/relaxnative-peers.XXXXXX")"
artifacts_dir="$work_dir/bdn"
koffi_file="$work_dir/koffi.jsonl"

echo "== Building bench/peers/out/libpeer.so" >&2
mkdir -p "$peers_dir/out"
cc -O2 -fPIC -shared -o "$peers_dir/out/libpeer.so" "$peers_dir/peerlib.c"

if [[ ! -d "$peers_dir/node_modules/koffi" ]]; then
    echo "== Installing koffi (npm ci)" >&2
    (cd "$peers_dir" && npm ci --no-audit --no-fund) >&2
fi

if [[ $koffi_only -eq 0 ]]; then
    echo "== Running the Relaxnative benchmarks (BenchmarkDotNet; this takes several minutes)" >&2
    # stdin from /dev/null: if the filter matches nothing, BenchmarkDotNet must not wait for a choice.
    if ! dotnet run -c Release --project bench/Relaxnative.Benchmarks -- \
            --filter '*CallBenchmarks*' '*SumBenchmarks*' --exporters json --artifacts "$artifacts_dir" \
            "${bdn_extra[@]}" </dev/null >&2; then
        echo "warning: the Relaxnative benchmarks failed; their columns will read n/a." >&2
    fi
else
    echo "== Skipping the Relaxnative benchmarks (--koffi-only)" >&2
fi

echo "== Running koffi-bench.mjs" >&2
node "$peers_dir/koffi-bench.mjs" --lib "$peers_dir/out/libpeer.so" > "$koffi_file"

echo >&2
node "$peers_dir/compare.mjs" "$artifacts_dir" "$koffi_file"
echo >&2
echo "Raw results: $work_dir (BenchmarkDotNet artifacts in bdn/, koffi lines in koffi.jsonl)" >&2
