// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// GLib.Variant packing and unpacking, run unchanged by sprout and by gjs (see
// compare.py). Prints one line per case: `<name> <ns per operation>`.
const GLib = imports.gi.GLib;

function measure(name, iterations, body) {
    body(Math.min(iterations, 2000));   // warm up the JIT
    const start = GLib.get_monotonic_time();
    body(iterations);
    const elapsed = GLib.get_monotonic_time() - start;
    print(`${name} ${(elapsed * 1000 / iterations).toFixed(1)}`);
}

// A typical D-Bus property bag: ten entries of mixed types.
function makeProperties(i) {
    return {
        Name: new GLib.Variant('s', `device ${i}`),
        Path: new GLib.Variant('o', `/org/example/Device${i % 10}`),
        Index: new GLib.Variant('u', i),
        Offset: new GLib.Variant('x', -i),
        Level: new GLib.Variant('d', i / 7),
        Enabled: new GLib.Variant('b', i % 2 === 0),
        Tags: new GLib.Variant('as', ['a', 'b', `c${i}`]),
        Point: new GLib.Variant('(ii)', [i, -i]),
        Extra: new GLib.Variant('a{ss}', {key: 'value', other: `${i}`}),
        Icon: new GLib.Variant('s', 'dialog-information-symbolic'),
    };
}

const cases = {
    'new Variant(s)': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new GLib.Variant('s', 'some string');
        return last;
    },
    'new Variant(s).unpack()': n => {
        let length = 0;
        for (let i = 0; i < n; i++)
            length += new GLib.Variant('s', 'some string').unpack().length;
        return length;
    },
    'pack a{sv} (10 entries)': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new GLib.Variant('a{sv}', makeProperties(i));
        return last;
    },
    'pack + deepUnpack a{sv} (10 entries)': n => {
        let count = 0;
        for (let i = 0; i < n; i++) {
            const v = new GLib.Variant('a{sv}', makeProperties(i));
            count += Object.keys(v.deepUnpack()).length;
        }
        return count;
    },
    'recursiveUnpack a{sv} (10 entries)': n => {
        const v = new GLib.Variant('a{sv}', makeProperties(1));
        let count = 0;
        for (let i = 0; i < n; i++)
            count += Object.keys(v.recursiveUnpack()).length;
        return count;
    },
    'pack + deepUnpack a(sai) (100 items)': n => {
        const items = [];
        for (let i = 0; i < 100; i++)
            items.push([`item ${i}`, [i, i + 1, i + 2]]);
        let count = 0;
        for (let i = 0; i < n; i++)
            count += new GLib.Variant('a(sai)', items).deepUnpack().length;
        return count;
    },
};

const only = ARGV[0];
for (const [name, body] of Object.entries(cases)) {
    if (only && !name.includes(only))
        continue;
    try {
        measure(name, name.includes('a{sv}') || name.includes('100')
            ? 20000 : 200000, body);
    } catch (e) {
        print(`${name} error: ${e.message}`);
    }
}
