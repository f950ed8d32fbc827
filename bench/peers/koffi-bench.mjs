// Per-call cost of koffi on the calls the Relaxnative benchmarks make.
//
//   node koffi-bench.mjs [--lib out/libpeer.so] [--rounds 15] [--round-ms 100] [--warmup-ms 1000]
//
// Prints one JSON object per case to stdout:
//   {"peer":"koffi","version":"3.3.4","case":"add","ns":12.3,...}
// "ns" is the median over rounds of (round time / calls in the round). Progress goes to stderr.
//
// Harness: each case has its own loop function, so every call site stays monomorphic and V8
// optimises it on its own. For each case the calls per round are doubled until one round takes
// at least --round-ms, untimed rounds then run until --warmup-ms have passed, and then --rounds
// rounds are timed with process.hrtime.bigint(). The loop's own cost (an increment, a compare
// and an add, around 1 ns) is included, not subtracted.

import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const koffi = require('koffi');
const koffiVersion = koffi.version;

const here = dirname(fileURLToPath(import.meta.url));
const { values: options } = parseArgs({
    options: {
        lib: { type: 'string', default: resolve(here, 'out', 'libpeer.so') },
        rounds: { type: 'string', default: '15' },
        'round-ms': { type: 'string', default: '100' },
        'warmup-ms': { type: 'string', default: '1000' },
    },
});
const rounds = positiveInteger('--rounds', options.rounds);
const roundNs = BigInt(positiveInteger('--round-ms', options['round-ms'])) * 1_000_000n;
const warmupNs = BigInt(positiveInteger('--warmup-ms', options['warmup-ms'])) * 1_000_000n;

let lib;
try {
    lib = koffi.load(options.lib);
} catch (error) {
    fail(`Cannot load ${options.lib}: ${error.message}. Build it first: ` +
        `cc -O2 -fPIC -shared -o ${options.lib} ${resolve(here, 'peerlib.c')} (run.sh does this).`);
}
const add = lib.func('int add(int a, int b)');
const noop = lib.func('void noop(void)');
// koffi passes a typed array to a 'const uint8_t *' parameter as a pointer to its own storage,
// without copying, which matches Relaxnative's pinned byte[] path. A koffi pointer (a BigInt
// address from koffi.alloc) matches the NativeBuffer path: memory outside the JS heap.
const sumU8 = lib.func('uint64_t sum_u8(const uint8_t *data, size_t n)');

// Every loop uses each call's result, so koffi converts it back to JS as a real caller's would.
function loopAdd(calls) {
    let sink = 0;
    for (let i = 0; i < calls; i++) sink += add(1, 2);
    return sink;
}

function loopNoop(calls) {
    let sink = 0;
    for (let i = 0; i < calls; i++) sink += noop() === undefined ? 1 : 0;
    return sink;
}

// data is a Uint8Array or a BigInt address; n is its length in bytes.
function makeSumLoop(data, n) {
    return function loopSum(calls) {
        let sink = 0;
        for (let i = 0; i < calls; i++) sink += Number(sumU8(data, n)) & 1;
        return sink;
    };
}

// Native memory from koffi.alloc (malloc underneath), filled through a view; never freed, the
// process ends after the run.
function nativeCopy(bytes) {
    const address = koffi.alloc('uint8_t', bytes.length);
    new Uint8Array(koffi.view(address, bytes.length)).set(bytes);
    return address;
}

function pattern(byteCount) {
    const bytes = new Uint8Array(byteCount);
    for (let i = 0; i < byteCount; i++) bytes[i] = (i * 31 + 7) & 0xff;
    return bytes;
}

function jsSum(bytes) {
    let total = 0;
    for (const b of bytes) total += b;
    return total;
}

const small = pattern(16);
const large = pattern(1 << 20);
const smallNative = nativeCopy(small);
const largeNative = nativeCopy(large);

// Check every function once before timing it: a wrong answer makes the figures meaningless.
check('add', add(1, 2), 3);
check('noop', noop(), undefined);
check('sum_u8 n=16', Number(sumU8(small, small.length)), jsSum(small));
check('sum_u8 n=1048576', Number(sumU8(large, large.length)), jsSum(large));
check('sum_u8 native n=16', Number(sumU8(smallNative, small.length)), jsSum(small));
check('sum_u8 native n=1048576', Number(sumU8(largeNative, large.length)), jsSum(large));

const cases = [
    { name: 'add', loop: loopAdd },
    { name: 'noop', loop: loopNoop },
    { name: 'sum_u8_16', n: 16, loop: makeSumLoop(small, small.length) },
    { name: 'sum_u8_1048576', n: 1048576, loop: makeSumLoop(large, large.length) },
    { name: 'sum_u8_native_16', n: 16, loop: makeSumLoop(smallNative, small.length) },
    { name: 'sum_u8_native_1048576', n: 1048576, loop: makeSumLoop(largeNative, large.length) },
];

for (const c of cases) {
    const result = measure(c.loop);
    const line = {
        peer: 'koffi',
        version: koffiVersion,
        case: c.name,
        ...(c.n === undefined ? {} : { n: c.n }),
        ns: round(result.median),
        min_ns: round(result.min),
        max_ns: round(result.max),
        rounds,
        calls_per_round: result.calls,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
    process.stderr.write(`koffi ${c.name}: ${line.ns} ns/call (median of ${rounds} x ${result.calls} calls)\n`);
}

function measure(loop) {
    // Calibrate: double the calls until one round lasts --round-ms (this also starts the warmup).
    const warmupStart = process.hrtime.bigint();
    let calls = 1;
    for (;;) {
        const start = process.hrtime.bigint();
        loop(calls);
        if (process.hrtime.bigint() - start >= roundNs) break;
        calls *= 2;
    }
    // Warm up: untimed rounds until --warmup-ms have passed since the start of the case.
    while (process.hrtime.bigint() - warmupStart < warmupNs) loop(calls);

    const perCall = [];
    for (let r = 0; r < rounds; r++) {
        const start = process.hrtime.bigint();
        loop(calls);
        const elapsed = process.hrtime.bigint() - start;
        perCall.push(Number(elapsed) / calls);
    }
    perCall.sort((a, b) => a - b);
    const mid = perCall.length >> 1;
    const median = perCall.length % 2 ? perCall[mid] : (perCall[mid - 1] + perCall[mid]) / 2;
    return { median, min: perCall[0], max: perCall[perCall.length - 1], calls };
}

function check(what, actual, expected) {
    if (actual !== expected) fail(`Self-check failed: ${what} returned ${actual}, expected ${expected}.`);
}

function round(ns) {
    return ns >= 100 ? Math.round(ns * 10) / 10 : Math.round(ns * 100) / 100;
}

function positiveInteger(name, text) {
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) fail(`${name} must be a positive integer, got '${text}'.`);
    return value;
}

function fail(message) {
    process.stderr.write(message + '\n');
    process.exit(1);
}
