// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Regression specs for crashes found by the AddressSanitizer build (README,
// "Sanitizer build"): misuse from JS must end in a JS exception or a logged
// message, never in C reading memory it does not own.

const {Gio, GLib, GObject, GjsTestTools, Regress} = imports.gi;
const System = imports.system;

describe('A GI method called with a `this` of another type', function () {
    it('throws for a struct of another boxed type', function () {
        const zone = GLib.TimeZone.new_utc();
        expect(() => GLib.DateTime.prototype.get_year.call(zone))
            .toThrowError(TypeError,
                /Object is of type GLib.TimeZone - cannot convert to GLib.DateTime/);
    });

    it('throws for an object of an unrelated class', function () {
        const object = new GObject.Object();
        expect(() => Regress.TestObj.prototype.do_matrix.call(object, 'x'))
            .toThrowError(TypeError,
                /Object is of type GObject.Object - cannot convert to Regress.TestObj/);
    });

    it('throws for a plain struct of another type', function () {
        const a = new Regress.TestStructA();
        expect(() => Regress.TestStructB.prototype.clone.call(a))
            .toThrowError(TypeError, /cannot convert to Regress.TestStructB/);
    });

    it('still accepts subclasses and implemented interfaces', function () {
        const object = new Regress.TestSubObj();
        expect(Regress.TestObj.prototype.instance_method.call(object)).toBe(-1);
        const action = new Gio.SimpleAction({name: 'sprout'});
        expect(Gio.Action.prototype.get_name.call(action)).toBe('sprout');
    });
});

describe('A GI function with an (out caller-allocates) non-struct argument', function () {
    // C writes into memory the caller provides; Sprout provides it only for
    // structs, so g_unichar_to_utf8() used to write UTF-8 bytes where a
    // pointer was then read back.
    it('throws instead of being called', function () {
        expect(() => GLib.unichar_to_utf8('x'))
            .toThrowError(/outbuf of type utf8 is \(out caller-allocates\)/);
        expect(() => GLib.unichar_fully_decompose('\uAC01', false, 16))
            .toThrowError(/result of type gunichar is \(out caller-allocates\)/);
    });
});

describe('A GI method that takes its instance (transfer full)', function () {
    // The callee drops a reference (g_dbus_method_invocation_return_value()
    // does): it must be one of its own, not the wrapper's.
    beforeAll(function () {
        GjsTestTools.init();
    });

    afterEach(function () {
        GjsTestTools.reset();
    });

    it('leaves a GObject alive for its wrapper', function () {
        const object = new Regress.TestObj({int: 42});
        GjsTestTools.save_weak(object);
        object.instance_method_full();
        System.gc();
        expect(GjsTestTools.get_weak()).toBe(object);
        expect(object.int).toBe(42);
    });

    it('leaves a boxed value alive for its wrapper', function () {
        const bytes = GLib.Bytes.new([1, 2, 3]);
        expect(Array.from(bytes.unref_to_array())).toEqual([1, 2, 3]);
        expect(bytes.get_size()).toBe(3);
        expect(Array.from(bytes.unref_to_data())).toEqual([1, 2, 3]);
        expect(bytes.get_size()).toBe(3);
    });
});

describe('A GI function with a GDestroyNotify no callback owns', function () {
    it('throws a clear error when called, not when looked up', function () {
        const {Gio} = imports.gi;
        expect(() => Gio.MemoryInputStream.new_from_data).not.toThrow();
        expect(() => Gio.MemoryInputStream.new_from_data('foobar'))
            .toThrowError(/GDestroyNotify argument 'destroy'/);
    });
});
