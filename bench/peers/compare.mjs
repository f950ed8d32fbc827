// Prints Relaxnative's and koffi's per-call figures side by side as Markdown.
//
//   node compare.mjs <bdn-artifacts-dir> <koffi-jsonl-file>
//
// <bdn-artifacts-dir> is what was passed to BenchmarkDotNet's --artifacts; its JSON reports are
// read from results/. If none is there, or a benchmark is missing or has no statistics, the
// Relaxnative cells read n/a and koffi's figures are still printed.
// <koffi-jsonl-file> holds the lines koffi-bench.mjs printed.
//
// The method names below are the contract with bench/Relaxnative.Benchmarks (CallBenchmarks,
// SumBenchmarks); bench/peers/README.md lists them.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [artifactsDir, koffiFile] = process.argv.slice(2);
if (!artifactsDir || !koffiFile) {
    fail('Usage: node compare.mjs <bdn-artifacts-dir> <koffi-jsonl-file>');
}

// One row per koffi case: which Relaxnative methods it stands beside.
const SUM_SIZES = [16, 1048576];
const rows = [
    { label: 'add(1, 2)', koffi: 'add', typed: call('Typed_Add'), untyped: call('Untyped_Add') },
    { label: 'noop()', koffi: 'noop', typed: call('Typed_Noop'), untyped: call('Untyped_Noop') },
    ...SUM_SIZES.map((n) => ({
        label: `sum_u8 n=${n}, byte[] vs Uint8Array`,
        koffi: `sum_u8_${n}`,
        typed: sum('Typed_ByteArray', n),
        untyped: sum('Untyped_ByteArray', n),
    })),
    ...SUM_SIZES.map((n) => ({
        label: `sum_u8 n=${n}, NativeBuffer vs koffi.alloc`,
        koffi: `sum_u8_native_${n}`,
        typed: sum('Typed_NativeBuffer', n),
        untyped: sum('Untyped_NativeBuffer', n),
    })),
];

// Relaxnative rows with no koffi counterpart, printed for context (the baselines above all).
const references = [
    { label: 'add: direct function pointer (baseline)', key: call('Direct_Add') },
    { label: 'add: dynamic', key: call('Dynamic_Add') },
    { label: 'add: trivial', key: call('Trivial_Add') },
    { label: 'noop: direct function pointer (baseline)', key: call('Direct_Noop') },
    ...SUM_SIZES.map((n) => ({ label: `sum_u8 n=${n}: raw pointer (baseline)`, key: sum('Direct_RawPointer', n) })),
];

const ours = readBenchmarkDotNet(artifactsDir);
const koffi = readKoffi(koffiFile);

const out = [];
out.push(`# Relaxnative vs koffi ${koffi.version ?? '(version unknown)'}`, '');
out.push('Median nanoseconds per call; lower is better. A ratio above 1 means koffi is slower.', '');
if (ours.files.length === 0) {
    out.push(`No BenchmarkDotNet JSON report under ${join(artifactsDir, 'results')}; ` +
        'the Relaxnative columns read n/a.', '');
}
out.push('| case | Relaxnative typed (ns) | Relaxnative untyped (ns) | koffi (ns) | koffi / typed | koffi / untyped |');
out.push('|---|---:|---:|---:|---:|---:|');
for (const row of rows) {
    const typed = ours.median(row.typed);
    const untyped = ours.median(row.untyped);
    const peer = koffi.ns.get(row.koffi);
    out.push(`| ${row.label} | ${ns(typed)} | ${ns(untyped)} | ${ns(peer)} | ${ratio(peer, typed)} | ${ratio(peer, untyped)} |`);
}
out.push('', '| Relaxnative reference | ns |', '|---|---:|');
for (const reference of references) out.push(`| ${reference.label} | ${ns(ours.median(reference.key))} |`);
if (ours.files.length > 0) out.push('', `Relaxnative figures from: ${ours.files.join(', ')}`);
process.stdout.write(out.join('\n') + '\n');

function call(method) {
    return { type: 'CallBenchmarks', method, parameters: '' };
}

function sum(method, n) {
    return { type: 'SumBenchmarks', method, parameters: `N=${n}` };
}

function keyOf({ type, method, parameters }) {
    return `${type}.${method}(${parameters})`;
}

// Reads every JSON report BenchmarkDotNet wrote under <dir>/results. The "json" exporter writes
// *-report-full-compressed.json, "fulljson" writes *-report-full.json; both carry Statistics.
function readBenchmarkDotNet(dir) {
    const resultsDir = join(dir, 'results');
    const files = existsSync(resultsDir)
        ? readdirSync(resultsDir).filter((name) => /-report(-full|-brief)?(-compressed)?\.json$/.test(name)).sort()
        : [];
    const medians = new Map();
    for (const file of files) {
        let report;
        try {
            report = JSON.parse(readFileSync(join(resultsDir, file), 'utf8'));
        } catch (error) {
            process.stderr.write(`Skipping ${file}: it is not valid JSON (${error.message}).\n`);
            continue;
        }
        for (const benchmark of report.Benchmarks ?? []) {
            const median = benchmark.Statistics?.Median;
            if (typeof median !== 'number') continue;
            const key = keyOf({ type: benchmark.Type, method: benchmark.Method, parameters: benchmark.Parameters ?? '' });
            if (!medians.has(key)) medians.set(key, median);
        }
    }
    return { files, median: (key) => medians.get(keyOf(key)) };
}

function readKoffi(file) {
    const result = { version: undefined, ns: new Map() };
    if (!existsSync(file)) {
        process.stderr.write(`No koffi results at ${file}; the koffi column reads n/a.\n`);
        return result;
    }
    for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        let record;
        try {
            record = JSON.parse(line);
        } catch {
            process.stderr.write(`Skipping a koffi line that is not JSON: ${line}\n`);
            continue;
        }
        if (record.peer !== 'koffi' || typeof record.ns !== 'number') continue;
        result.version ??= record.version;
        result.ns.set(record.case, record.ns);
    }
    return result;
}

function ns(value) {
    if (value === undefined) return 'n/a';
    if (value < 10) return value.toFixed(2);
    if (value < 1000) return value.toFixed(1);
    return Math.round(value).toLocaleString('en-US');
}

function ratio(peer, our) {
    if (peer === undefined || our === undefined || our <= 0) return 'n/a';
    return `${(peer / our).toFixed(2)}x`;
}

function fail(message) {
    process.stderr.write(message + '\n');
    process.exit(2);
}
