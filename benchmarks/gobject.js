// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// GObject wrapper costs, run unchanged by sprout and by gjs (compare.py).
// Prints `<case> <ns per operation>`.
const GLib = imports.gi.GLib;
const Gio = imports.gi.Gio;

function measure(name, iterations, body) {
    body(Math.min(iterations, 5000));
    const start = GLib.get_monotonic_time();
    body(iterations);
    const elapsed = GLib.get_monotonic_time() - start;
    print(`${name} ${(elapsed * 1000 / iterations).toFixed(1)}`);
}

const action = new Gio.SimpleAction({name: 'bench', enabled: true});
const cases = {
    'method call': n => {
        let count = 0;
        for (let i = 0; i < n; i++)
            count += action.get_enabled() ? 1 : 0;
        return count;
    },
    'property get': n => {
        let count = 0;
        for (let i = 0; i < n; i++)
            count += action.enabled ? 1 : 0;
        return count;
    },
    'property set': n => {
        for (let i = 0; i < n; i++)
            action.enabled = (i & 1) === 0;
    },
    'object construction with a property bag': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new Gio.SimpleAction({name: 'x', enabled: false});
        return last;
    },
    'signal emission to a JS handler': n => {
        let count = 0;
        const id = action.connect('activate', () => count++);
        for (let i = 0; i < n; i++)
            action.emit('activate', null);
        action.disconnect(id);
        return count;
    },
};

for (const [name, body] of Object.entries(cases)) {
    try {
        measure(name, name.includes('construction') ? 100000 : 300000, body);
    } catch (e) {
        print(`${name} error: ${e.message}`);
    }
}
