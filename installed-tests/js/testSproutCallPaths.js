// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// The fast call paths (issues #3 and #4): natives as JSC host functions,
// the short pipeline for plain-argument callables, strings read from and
// made as JSC strings directly, properties by param spec, cached emission
// plans. Each must behave exactly as the general path it shortcuts.

const {Gio, GLib, Regress} = imports.gi;

// First: a class wrapped from C inside a main-loop callback, outside any
// JS call, makes its GI functions with no engine lock held by anyone.
// Making host functions without taking the lock aborted in JSC's heap.
describe('A class first wrapped inside a callback from the main loop', function () {
    it('gets working methods', function (done) {
        Regress.test_async_ready_callback((obj, res) => {
            expect(res).toEqual(jasmine.any(Gio.SimpleAsyncResult));
            expect(res.get_source_object()).toBeNull();
            done();
        });
    });

    it('can be made again and again from idles', function (done) {
        let left = 50;
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
            Regress.test_async_ready_callback(() => {});
            return --left > 0 ? GLib.SOURCE_CONTINUE : (done(), GLib.SOURCE_REMOVE);
        });
    });
});

describe('A GI function', function () {
    it('is a real function', function () {
        const f = GLib.bit_nth_lsf;
        expect(typeof f).toBe('function');
        expect(f.name).toBe('bit_nth_lsf');
        expect(f.call(null, 8, -1)).toBe(3);
        expect(f.apply(undefined, [8, -1])).toBe(3);
        expect(f.bind(null, 8)(-1)).toBe(3);
        expect(() => new f(8, -1)).toThrowError(TypeError);
    });

    it('throws catchable errors for missing arguments', function () {
        expect(() => GLib.bit_nth_lsf()).toThrowError(TypeError,
            /requires 2 arguments, but only 0 were passed/);
        expect(() => GLib.bit_nth_lsf(1)).toThrowError(TypeError,
            /requires 2 arguments, but only 1 was passed/);
    });

    it('survives many calls across collections', function () {
        let sum = 0;
        for (let i = 0; i < 20000; i++) {
            sum += GLib.bit_nth_lsf(i, -1);
            if (i % 5000 === 0)
                imports.system.gc();
        }
        expect(sum).toBeGreaterThan(0);
    });
});

describe('String arguments and results', function () {
    const texts = ['ab', 'file.txt', 'caf\u00e9', '\u4e16\u754c', 'x',
        'long-'.repeat(300)];

    it('round-trip ASCII, Latin-1, other text and long strings', function () {
        for (const text of texts)
            expect(GLib.path_get_basename(`/dir/${text}`)).toBe(text);
    });

    it('round-trip strings made by concatenation (ropes)', function () {
        let rope = 'r';
        for (let i = 0; i < 40; i++)
            rope += String(i);
        expect(GLib.path_get_basename(`/dir/${rope}`)).toBe(rope);
    });

    it('pass several long arguments in one call', function () {
        const prefix = 'p'.repeat(400);
        expect(GLib.str_has_prefix(prefix + 'q'.repeat(400), prefix)).toBeTrue();
        expect(GLib.str_has_prefix(prefix, `${prefix}q`)).toBeFalse();
    });

    it('keep transfer-none results that point into the arguments', function () {
        expect(GLib.environ_getenv(['A=one', 'B=two'], 'B')).toBe('two');
    });

    it('refuse non-strings and null where not nullable', function () {
        expect(() => GLib.path_get_basename(42)).toThrowError(TypeError,
            "Expected type filename for Argument 'file_name' but got type 'number'");
        expect(() => GLib.path_get_basename(null)).toThrowError(TypeError,
            'Argument file_name may not be null (expected type filename)');
    });

    it('return UTF-8 results intact', function () {
        expect(Regress.test_utf8_const_return()).toBe('const \u2665 utf8');
    });
});

describe('64-bit integer arguments', function () {
    it('take Numbers, BigInts and NaN as before', function () {
        expect(Regress.test_int64(2 ** 40)).toBe(2 ** 40);
        expect(Regress.test_int64(-5)).toBe(-5);
        expect(Regress.test_int64(12n)).toBe(12);
        expect(Regress.test_int64(NaN)).toBe(0);
        expect(Regress.test_uint64(7)).toBe(7);
    });

    it('still refuse values out of range', function () {
        expect(() => Regress.test_uint64(-1)).toThrowError(RangeError,
            "Argument 'in': value -1 is out of range for guint64");
    });
});

describe('Properties set and read by param spec', function () {
    it('notify once per set when observed, as GObject does', function () {
        const action = new Gio.SimpleAction({name: 'p', enabled: true});
        let detailed = 0, any = 0;
        action.connect('notify::enabled', () => detailed++);
        action.connect('notify', () => any++);
        action.enabled = false;
        expect(detailed).toBe(1);
        action.enabled = false;
        expect(detailed).toBe(2);
        expect(any).toBe(2);
    });

    it('read back what was set while nothing observed', function () {
        const action = new Gio.SimpleAction({name: 'q', enabled: true});
        action.enabled = false;
        expect(action.enabled).toBeFalse();
        action.enabled = true;
        expect(action.enabled).toBeTrue();
        let count = 0;
        action.connect('notify::enabled', () => count++);
        action.enabled = false;
        expect(count).toBe(1);
    });

    it('read interface properties through the interface', function () {
        const action = new Gio.SimpleAction({name: 'iface'});
        const descriptor = Object.getOwnPropertyDescriptor(Gio.Action.prototype,
            'name');
        expect(descriptor.get.call(action)).toBe('iface');
    });

    it('of other types round-trip', function () {
        const object = new Regress.TestObj();
        object.int = 5;
        object.double = 1.5;
        object.string = 'caf\u00e9';
        expect(object.int).toBe(5);
        expect(object.double).toBe(1.5);
        expect(object.string).toBe('caf\u00e9');
    });

    it('leave construct-only ones to GObject, which warns', function () {
        const action = new Gio.SimpleAction({name: 'fixed'});
        GLib.test_expect_message('GLib-GObject', GLib.LogLevelFlags.LEVEL_WARNING,
            '*construct property*name*');
        action.name = 'other';
        GLib.test_assert_expected_messages_internal('Gjs', 'testSproutCallPaths.js',
            0, 'construct-only');
        expect(action.name).toBe('fixed');
    });
});

describe('Signal emission', function () {
    it('reaches handlers with their arguments, many times', function () {
        const action = new Gio.SimpleAction({name: 'e',
            parameter_type: new GLib.VariantType('i')});
        const seen = [];
        action.connect('activate', (self, parameter) => {
            expect(self).toBe(action);
            seen.push(parameter.unpack());
        });
        for (let i = 0; i < 3; i++)
            action.emit('activate', new GLib.Variant('i', i));
        action.emit(['acti', 'vate'].join(''), new GLib.Variant('i', 9));
        expect(seen).toEqual([0, 1, 2, 9]);
    });

    it('tells apart types emitting the same name', function () {
        const action = new Gio.SimpleAction({name: 'n'});
        const app = new Gio.Application({application_id: 'org.sprout.CallPaths'});
        let count = 0;
        const name = 'activate';
        action.connect(name, () => count++);
        app.connect(name, () => count++);
        action.emit(name, null);
        app.emit(name);
        expect(() => app.emit(name, null)).toThrowError(Error,
            "Signal 'activate' on GApplication requires 0 args got 1");
        expect(() => action.emit(name)).toThrowError(Error,
            "Signal 'activate' on GSimpleAction requires 1 args got 0");
        expect(count).toBe(2);
    });

    it('keeps its errors once the plan is cached', function () {
        const action = new Gio.SimpleAction({name: 'x'});
        action.emit('activate', null);
        expect(() => action.emit('activate')).toThrowError(Error,
            "Signal 'activate' on GSimpleAction requires 1 args got 0");
        expect(() => action.emit('activate', null, 1)).toThrowError(Error,
            "Signal 'activate' on GSimpleAction requires 1 args got 2");
        expect(() => action.emit('nope')).toThrowError(Error,
            "No signal 'nope' on object 'GSimpleAction'");
    });

    it('returns handler results', function () {
        const object = new Regress.TestObj();
        object.connect('sig-with-int64-prop', (self, value) => value + 1);
        expect(object.emit('sig-with-int64-prop', 41)).toBe(42);
    });
});

describe('Integer arguments and results of every width', function () {
    // Direct calls widen each value as its C type would be; the C side of
    // these asserts what it receives (a wrong widening aborts).
    const GIMarshallingTests = imports.gi.GIMarshallingTests;

    it('reach C intact at their extremes', function () {
        const calls = [['int8_in_max', 127], ['int8_in_min', -128],
            ['uint8_in', 255], ['int16_in_max', 32767],
            ['int16_in_min', -32768], ['uint16_in', 65535],
            ['int32_in_max', 2147483647], ['int32_in_min', -2147483648],
            ['uint32_in', 4294967295], ['int64_in_max', 2n ** 63n - 1n],
            ['int64_in_min', -(2 ** 63)], ['uint64_in', 2n ** 64n - 1n],
            ['boolean_in_true', true], ['boolean_in_false', false],
            ['enum_in', GIMarshallingTests.Enum.VALUE3],
            ['flags_in', GIMarshallingTests.Flags.VALUE2],
            ['utf8_none_in', 'const \u2665 utf8']];
        for (const [name, value] of calls)
            expect(GIMarshallingTests[name](value)).toBeUndefined();
    });

    it('come back intact at their extremes', function () {
        const results = {int8_return_max: 127, int8_return_min: -128,
            uint8_return: 255, int16_return_max: 32767,
            int16_return_min: -32768, uint16_return: 65535,
            int32_return_max: 2147483647, int32_return_min: -2147483648,
            uint32_return: 4294967295, boolean_return_true: true,
            boolean_return_false: false, enum_returnv: 42, genum_returnv: 42,
            utf8_none_return: 'const \u2665 utf8'};
        for (const [name, value] of Object.entries(results))
            expect(GIMarshallingTests[name]()).toBe(value);
    });
});

describe('Constructor property bags', function () {
    it('take keys in every form, and getters', function () {
        expect(new Gio.SimpleAction({name: 'a', enabled: false}).enabled)
            .toBeFalse();
        expect(new Gio.SimpleAction({get name() {
            return 'g';
        }}).name).toBe('g');
        expect(new Gio.SimpleAction({[Symbol('s')]: 1, name: 's'}).name)
            .toBe('s');
    });

    it('name unknown keys, long and non-ASCII ones too', function () {
        expect(() => new Gio.SimpleAction({'n\u00e4me': 'a'})).toThrowError(Error,
            'No property n\u00e4me on GSimpleAction');
        const long = 'x'.repeat(100);
        expect(() => new Gio.SimpleAction({[long]: 'a'})).toThrowError(Error,
            `No property ${long} on GSimpleAction`);
        expect(() => new Gio.SimpleAction({NAME: 'a'})).toThrowError(Error,
            'No property NAME on GSimpleAction');
    });
});
