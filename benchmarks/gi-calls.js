// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// GI call overhead, run unchanged by sprout and by gjs (see compare.py).
// Prints one line per case: `<name> <ns per call>`.
const GLib = imports.gi.GLib;
const Regress = imports.gi.Regress;

function measure(name, iterations, body) {
    body(Math.min(iterations, 10000));   // warm up the JIT
    const start = GLib.get_monotonic_time();
    body(iterations);
    const elapsed = GLib.get_monotonic_time() - start;
    print(`${name} ${(elapsed * 1000 / iterations).toFixed(1)}`);
}

const cases = {
    'static call, int arguments': n => {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += GLib.bit_nth_lsf(i, -1);
        return sum;
    },
    'static call, string in and out': n => {
        let length = 0;
        for (let i = 0; i < n; i++)
            length += GLib.path_get_basename('/usr/share/sprout/file.txt').length;
        return length;
    },
    'static call returning a list': n => {
        let length = 0;
        for (let i = 0; i < n; i++)
            length += Regress.test_glist_nothing_return().length;
        return length;
    },
    'static call with a scope-call callback': n => {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += Regress.test_callback(() => i);
        return sum;
    },
};

const only = ARGV[0];
for (const [name, body] of Object.entries(cases)) {
    if (only && !name.includes(only))
        continue;
    try {
        measure(name, name.includes('list') || name.includes('callback')
            ? 200000 : 1000000, body);
    } catch (e) {
        print(`${name} error: ${e.message}`);
    }
}
