// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// JS subclasses of GObject (GObject.registerClass), run unchanged by sprout
// and by gjs (compare.py). Prints `<case> <ns per operation>`.
const GLib = imports.gi.GLib;
const GObject = imports.gi.GObject;

function measure(name, iterations, body) {
    body(Math.min(iterations, 5000));
    const start = GLib.get_monotonic_time();
    body(iterations);
    const elapsed = GLib.get_monotonic_time() - start;
    print(`${name} ${(elapsed * 1000 / iterations).toFixed(1)}`);
}

const Point = GObject.registerClass({
    Properties: {
        'x': GObject.ParamSpec.int('x', 'X', 'Abscissa',
            GObject.ParamFlags.READWRITE, -1e6, 1e6, 0),
    },
}, class BenchPoint extends GObject.Object {});

const Widgetish = GObject.registerClass({
    Signals: {'changed': {param_types: [GObject.TYPE_INT]}},
}, class BenchWidgetish extends GObject.Object {
    vfunc_notify(pspec) {
        this.notified = pspec;
    }
});

const point = new Point();
const cases = {
    'construct a JS subclass with one property': n => {
        let last;
        for (let i = 0; i < n; i++)
            last = new Point({x: i & 1023});
        return last;
    },
    'set and read a JS subclass property': n => {
        let sum = 0;
        for (let i = 0; i < n; i++) {
            point.x = i & 1023;
            sum += point.x;
        }
        return sum;
    },
    'emit a JS-defined signal to a JS handler': n => {
        const object = new Widgetish();
        let count = 0;
        object.connect('changed', (o, v) => (count += v));
        for (let i = 0; i < n; i++)
            object.emit('changed', 1);
        return count;
    },
};

for (const [name, body] of Object.entries(cases)) {
    try {
        measure(name, name.includes('construct') ? 50000 : 200000, body);
    } catch (e) {
        print(`${name} error: ${e.message}`);
    }
}
