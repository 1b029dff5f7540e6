// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Struct fields and construction (gi/boxed*.c), run unchanged by sprout and
// by gjs (see compare.py). Prints one line per case: `<name> <ns per op>`.
const {GLib, Regress} = imports.gi;

function measure(name, iterations, body) {
    body(Math.min(iterations, 2000));   // warm up the JIT
    const start = GLib.get_monotonic_time();
    body(iterations);
    const elapsed = GLib.get_monotonic_time() - start;
    print(`${name} ${(elapsed * 1000 / iterations).toFixed(1)}`);
}

const a = new Regress.TestStructA();
const b = new Regress.TestStructB();

const cases = {
    'get int32 field': n => {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += a.some_int;
        return sum;
    },
    'set int32 field': n => {
        for (let i = 0; i < n; i++)
            a.some_int = i & 0xffff;
    },
    'get double field': n => {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += a.some_double;
        return sum;
    },
    'set enum field': n => {
        for (let i = 0; i < n; i++)
            a.some_enum = Regress.TestEnum.VALUE2;
    },
    'get nested struct field': n => {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += b.nested_a.some_int8;
        return sum;
    },
    'new TestStructA()': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new Regress.TestStructA();
        return last;
    },
    'new TestStructA({fields})': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new Regress.TestStructA({some_int: i, some_double: 1.5});
        return last;
    },
    'new TestBoxedC() (zero-args ctor)': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new Regress.TestBoxedC();
        return last;
    },
    // Issue #5's case: a boxed value from a static constructor.
    'static constructor TestBoxedC.new()': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = Regress.TestBoxedC.new();
        return last;
    },
    'static constructor GLib.Date.new_dmy()': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = GLib.Date.new_dmy(1, 1, 2000);
        return last;
    },
};

const iterations = {
    'get nested struct field': 100000,
    'new TestStructA()': 100000,
    'new TestStructA({fields})': 100000,
    'new TestBoxedC() (zero-args ctor)': 100000,
    'static constructor TestBoxedC.new()': 100000,
    'static constructor GLib.Date.new_dmy()': 100000,
};
for (const [name, body] of Object.entries(cases))
    measure(name, iterations[name] ?? 1000000, body);
