// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GValues: GObject.Value from JS (init with every way of naming a
// type, the accessors of every fundamental type both ways, boxed, object,
// variant, param, strv, enum and flags values, GValues in GValues, copy,
// transform, reset, unset), GValues through GI calls (JS values boxed with a
// guessed type, GObject.Value wrappers passed through, results unboxed,
// out and caller-allocated out values, flat arrays, hash tables), and the
// errors bad input gets. Expectations follow GJS 1.74 (testGObjectValue.js
// and the GValue parts of testGIMarshalling.js); where GJS only logs a
// critical or crashes, Sprout throws a TypeError instead.

const {GLib, Gio, GObject, GIMarshallingTests, Regress} = imports.gi;

function newValue(type) {
    const value = new GObject.Value();
    value.init(type);
    return value;
}

describe('GObject.Value', function () {
    it('starts uninitialised, with a null g_type', function () {
        const value = new GObject.Value();
        expect(value instanceof GObject.Value).toBeTrue();
        expect(value.g_type).toBeNull();
        expect(GObject.Value.$gtype.name).toBe('GValue');
    });

    it('takes GType objects, classes and JS constructors in init()', function () {
        expect(newValue(GObject.TYPE_INT).g_type).toBe(GObject.TYPE_INT);
        expect(newValue(GObject.Int).g_type).toBe(GObject.TYPE_INT);
        expect(newValue(Gio.SimpleAction).g_type).toBe(Gio.SimpleAction.$gtype);
        expect(newValue(String).g_type).toBe(GObject.TYPE_STRING);
        expect(newValue(Number).g_type).toBe(GObject.TYPE_DOUBLE);
        expect(newValue(Boolean).g_type).toBe(GObject.TYPE_BOOLEAN);
        expect(newValue(GObject.Value).g_type).toBe(GObject.Value.$gtype);
        expect(newValue(Gio.Action).g_type).toBe(Gio.Action.$gtype);
    });

    it('returns the empty value from init(), as GJS does', function () {
        expect(new GObject.Value().init(GObject.TYPE_INT)).toBe(0);
        expect(new GObject.Value().init(GObject.TYPE_STRING)).toBeNull();
        expect(new GObject.Value().init(GObject.TYPE_BOOLEAN)).toBeFalse();
    });

    it('forgets its type with unset() and can be initialised again', function () {
        const value = newValue(GObject.TYPE_STRING);
        value.set_string('x');
        expect(value.unset()).toBeUndefined();
        expect(value.g_type).toBeNull();
        value.init(GObject.TYPE_INT);
        expect(value.get_int()).toBe(0);
    });

    it('has the typelib methods and GJS toString()', function () {
        const value = new GObject.Value();
        expect(typeof value.set_int).toBe('function');
        expect(value.set_int.name).toBe('set_int');
        expect(typeof value.take_object).toBe('undefined');
        expect(Object.keys(value)).toEqual([]);
        expect(String(value)).toMatch(
            /^\[boxed instance wrapper GIName:GObject\.Value jsobj@.* native@.*\]$/);
    });
});

describe('GObject.Value accessors', function () {
    const cases = [
        ['boolean', GObject.TYPE_BOOLEAN, true],
        ['char', GObject.TYPE_CHAR, 65],
        ['schar', GObject.TYPE_CHAR, -100],
        ['uchar', GObject.TYPE_UCHAR, 200],
        ['int', GObject.TYPE_INT, -(2 ** 31)],
        ['uint', GObject.TYPE_UINT, 2 ** 32 - 1],
        ['long', GObject.TYPE_LONG, -(2 ** 40)],
        ['ulong', GObject.TYPE_ULONG, 2 ** 40],
        ['int64', GObject.TYPE_INT64, -(2 ** 53) + 1],
        ['uint64', GObject.TYPE_UINT64, 2 ** 53 - 1],
        ['float', GObject.TYPE_FLOAT, 1.5],
        ['double', GObject.TYPE_DOUBLE, -3.25e100],
        ['string', GObject.TYPE_STRING, 'héllo wörld'],
        ['gtype', GObject.TYPE_GTYPE, Gio.SimpleAction.$gtype],
        ['pointer', GObject.TYPE_POINTER, null],
    ];
    for (const [name, type, content] of cases) {
        it(`set and get ${name} values`, function () {
            const value = newValue(type);
            value[`set_${name}`](content);
            expect(value[`get_${name}`]()).toEqual(content);
            const copy = newValue(type);
            value.copy(copy);
            expect(copy[`get_${name}`]()).toEqual(content);
        });
    }

    it('take BigInts for 64-bit values', function () {
        const value = newValue(GObject.TYPE_INT64);
        value.set_int64(-(2n ** 40n));
        expect(value.get_int64()).toBe(-(2 ** 40));
        const unsigned = newValue(GObject.TYPE_UINT64);
        unsigned.set_uint64(2n ** 50n);
        expect(unsigned.get_uint64()).toBe(2 ** 50);
    });

    it('set and get null strings, and dup_string()', function () {
        const value = newValue(GObject.TYPE_STRING);
        value.set_string(null);
        expect(value.get_string()).toBeNull();
        value.set_string('copy');
        expect(value.dup_string()).toBe('copy');
    });

    it('set and get enums and flags of registered types', function () {
        const value = newValue(GIMarshallingTests.GEnum);
        value.set_enum(GIMarshallingTests.GEnum.VALUE3);
        expect(value.get_enum()).toBe(GIMarshallingTests.GEnum.VALUE3);
        const flags = newValue(GIMarshallingTests.Flags);
        flags.set_flags(GIMarshallingTests.Flags.VALUE1 |
            GIMarshallingTests.Flags.VALUE3);
        expect(flags.get_flags()).toBe(GIMarshallingTests.Flags.VALUE1 |
            GIMarshallingTests.Flags.VALUE3);
    });

    it('hold the abstract GEnum and GFlags types (GLib says G_IS_VALUE is false)', function () {
        const value = newValue(GObject.TYPE_ENUM);
        value.set_enum(GIMarshallingTests.Enum.VALUE3);
        expect(value.get_enum()).toBe(GIMarshallingTests.Enum.VALUE3);
        expect(value.reset()).toBe(0);
        value.set_enum(GIMarshallingTests.Enum.VALUE3);
        expect(() => GIMarshallingTests.gvalue_in_enum(value)).not.toThrow();
        const flags = newValue(GObject.TYPE_FLAGS);
        flags.set_flags(GIMarshallingTests.Flags.VALUE3);
        expect(() => GIMarshallingTests.gvalue_in_flags(flags)).not.toThrow();
    });

    it('set and get objects, keeping wrapper identity', function () {
        const action = new Gio.SimpleAction({name: 'a'});
        const value = newValue(GObject.Object);
        value.set_object(action);
        expect(value.get_object()).toBe(action);
        expect(value.dup_object()).toBe(action);
        value.set_object(null);
        expect(value.get_object()).toBeNull();
    });

    it('hold interface-typed objects', function () {
        const action = new Gio.SimpleAction({name: 'a'});
        const value = newValue(Gio.Action);
        value.set_object(action);
        expect(value.get_object()).toBe(action);
    });

    it('initialise from an instance', function () {
        const action = new Gio.SimpleAction({name: 'a'});
        const value = new GObject.Value();
        value.init_from_instance(action);
        expect(value.g_type).toBe(Gio.SimpleAction.$gtype);
        expect(value.get_object()).toBe(action);
    });

    it('set and get variants and param specs', function () {
        const value = newValue(GObject.TYPE_VARIANT);
        value.set_variant(new GLib.Variant('as', ['a', 'b']));
        expect(value.get_variant().deepUnpack()).toEqual(['a', 'b']);
        expect(value.dup_variant().get_type_string()).toBe('as');
        const param = newValue(GObject.TYPE_PARAM);
        const pspec = GObject.ParamSpec.string('my-param', '', '',
            GObject.ParamFlags.READABLE, '');
        param.set_param(pspec);
        expect(param.get_param().name).toBe('my-param');
    });

    it('set and get boxed structs as copies', function () {
        const value = newValue(GIMarshallingTests.BoxedStruct);
        const struct = new GIMarshallingTests.BoxedStruct();
        value.set_boxed(struct);
        const back = value.get_boxed();
        expect(back instanceof GIMarshallingTests.BoxedStruct).toBeTrue();
        expect(back).not.toBe(struct);
        value.set_boxed(null);
        expect(value.get_boxed()).toBeNull();
    });

    it('set and get string arrays (GStrv)', function () {
        const value = newValue(GObject.TYPE_STRV);
        value.set_boxed(['a', 'b', 'c']);
        expect(value.get_boxed()).toEqual(['a', 'b', 'c']);
    });

    it('hold a GObject.Value in a GObject.Value', function () {
        const inner = newValue(Number);
        inner.set_double(42);
        const outer = newValue(GObject.Value);
        outer.set_boxed(inner);
        expect(outer.get_boxed()).toBe(42);
        expect(() => GIMarshallingTests.gvalue_in_with_type(outer, GObject.Value))
            .not.toThrow();
        outer.set_boxed('boxed with a guessed type');
        expect(outer.get_boxed()).toBe('boxed with a guessed type');
    });

    it('transform between types', function () {
        const value = newValue(GObject.TYPE_INT);
        value.set_int(42);
        const text = newValue(GObject.TYPE_STRING);
        expect(value.transform(text)).toBeTrue();
        expect(text.get_string()).toBe('42');
        const variant = newValue(GObject.TYPE_VARIANT);
        expect(value.transform(variant)).toBeFalse();
    });

    it('reset() empties the value and returns it', function () {
        const value = newValue(GObject.TYPE_STRING);
        value.set_string('x');
        expect(value.reset()).toBeNull();
        expect(value.get_string()).toBeNull();
        expect(value.fits_pointer()).toBeTrue();
        expect(value.peek_pointer()).toBeNull();
    });
});

describe('GValue arguments of GI calls', function () {
    it('box JS values with the type GJS guesses', function () {
        expect(() => GIMarshallingTests.gvalue_in(42)).not.toThrow();
        expect(() => GIMarshallingTests.gvalue_int64_in(2n ** 63n - 1n)).not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(42, GObject.TYPE_INT))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(42.5, GObject.TYPE_DOUBLE))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(-0, GObject.TYPE_DOUBLE))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type('42', GObject.TYPE_STRING))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(true, GObject.TYPE_BOOLEAN))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(null, GObject.TYPE_POINTER))
            .not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(2n ** 64n - 1n,
            GObject.TYPE_UINT64)).not.toThrow();
        expect(() => GIMarshallingTests.gvalue_in_with_type(GObject.TYPE_INT,
            GObject.TYPE_GTYPE)).not.toThrow();
    });

    it('box wrappers with their own type', function () {
        const check = (value, type) => expect(
            () => GIMarshallingTests.gvalue_in_with_type(value, type)).not.toThrow();
        check(new Gio.SimpleAction(), Gio.SimpleAction);
        check(new Gio.SimpleAction(), Gio.Action);
        check(new GLib.KeyFile(), GLib.KeyFile);
        check(new GIMarshallingTests.BoxedStruct(), GIMarshallingTests.BoxedStruct);
        check(GIMarshallingTests.union_returnv(), GIMarshallingTests.Union);
        check(GLib.Variant.new('u', 42), GObject.TYPE_VARIANT);
        check(GObject.ParamSpec.string('p', '', '', GObject.ParamFlags.READABLE, ''),
            GObject.TYPE_PARAM);
        check(new Regress.TestFundamentalSubObject('x'),
            Regress.TestFundamentalSubObject);
    });

    it('round-trip JS values', function () {
        const action = new Gio.SimpleAction();
        for (const content of [42, 42.5, 'text', true, false, null, action])
            expect(GIMarshallingTests.gvalue_round_trip(content)).toBe(content);
        expect(Object.is(GIMarshallingTests.gvalue_round_trip(-0), -0)).toBeTrue();
        expect(GIMarshallingTests.gvalue_round_trip(GObject.TYPE_INT))
            .toBe(GObject.TYPE_INT);
        expect(GIMarshallingTests.gvalue_round_trip(new GLib.Variant('s', 'v'))
            .unpack()).toBe('v');
        expect(GIMarshallingTests.gvalue_copy('copied')).toBe('copied');
    });

    it('pass GObject.Value wrappers through, so C can change them', function () {
        const value = newValue(GObject.TYPE_INT);
        value.set_int(42);
        GIMarshallingTests.gvalue_in_with_modification(value);
        expect(value.get_int()).toBe(24);
        expect(GIMarshallingTests.gvalue_round_trip(value)).toBe(24);
    });

    it('let C fill an uninitialised GObject.Value (get_property)', function () {
        const action = new Gio.SimpleAction({name: 'filled'});
        const value = new GObject.Value();
        action.get_property('name', value);
        expect(value.g_type).toBe(GObject.TYPE_STRING);
        expect(value.get_string()).toBe('filled');
        const flag = newValue(GObject.TYPE_BOOLEAN);
        flag.set_boolean(false);
        action.set_property('enabled', flag);
        expect(action.enabled).toBeFalse();
        action.set_property('enabled', true);
        expect(action.enabled).toBeTrue();
    });

    it('unbox results, out and caller-allocated out values', function () {
        expect(GIMarshallingTests.gvalue_return()).toBe(42);
        expect(GIMarshallingTests.gvalue_out()).toBe(42);
        expect(GIMarshallingTests.gvalue_out_caller_allocates()).toBe(42);
        expect(GIMarshallingTests.gvalue_inout(42)).toBe('42');
    });

    it('marshal flat arrays of GValues both ways', function () {
        expect(() => GIMarshallingTests.gvalue_flat_array([42, '42', true]))
            .not.toThrow();
        const text = newValue(String);
        text.set_string('42');
        expect(() => GIMarshallingTests.gvalue_flat_array([42, text, true]))
            .not.toThrow();
        expect(GIMarshallingTests.return_gvalue_flat_array())
            .toEqual([42, '42', true]);
        const keys = ['one', 'two', 'three'];
        expect(() => GIMarshallingTests.multi_array_key_value_in(keys, [1, 2, 3]))
            .not.toThrow();
        const values = [1, 2, 3].map(n => {
            const value = newValue(GObject.TYPE_INT);
            value.set_int(n);
            return value;
        });
        expect(() => GIMarshallingTests.multi_array_key_value_in(keys, values))
            .not.toThrow();
    });

    it('unbox hash tables of GValues', function () {
        expect(Regress.test_ghash_gvalue_return()).toEqual({
            integer: 12, boolean: true, string: 'some text',
            strings: ['first', 'second', 'third'], flags: 5, enum: 1,
        });
    });

    it('box hash table values, copying GObject.Value wrappers', function () {
        const typed = (type, setter, content) => {
            const value = newValue(type);
            value[setter](content);
            return value;
        };
        expect(() => Regress.test_ghash_gvalue_in({
            integer: 12, boolean: true, string: 'some text',
            strings: typed(GObject.TYPE_STRV, 'set_boxed', ['first', 'second', 'third']),
            flags: typed(Regress.TestFlags, 'set_flags',
                Regress.TestFlags.FLAG1 | Regress.TestFlags.FLAG3),
            enum: typed(Regress.TestEnum, 'set_enum', Regress.TestEnum.VALUE2),
        })).not.toThrow();
    });

    it('convert GValue-typed properties', function () {
        const object = new GIMarshallingTests.PropertiesObject();
        object.some_gvalue = 42;
        expect(object.some_gvalue).toBe(42);
        const value = newValue(GObject.TYPE_STRING);
        value.set_string('from a GObject.Value');
        object.some_gvalue = value;
        expect(object.some_gvalue).toBe('from a GObject.Value');
    });

    it('give typed GValues the value of a GObject.Value of a compatible type', function () {
        const action = new Gio.SimpleAction({name: 'a'});
        const flag = newValue(GObject.TYPE_BOOLEAN);
        action.enabled = flag;
        expect(action.enabled).toBeFalse();
        const object = new GIMarshallingTests.PropertiesObject();
        const number = newValue(GObject.TYPE_INT);
        number.set_int(7);
        object.some_int = number;
        expect(object.some_int).toBe(7);
        expect(() => (object.some_double = number)).toThrowError(TypeError,
            /GObject\.Value expected GType gdouble, found gint/);
        expect(() => (object.some_int = new GObject.Value())).toThrowError(
            TypeError, /not initialized/);
    });
});

describe('GValue bad input', function () {
    it('needs an initialised value', function () {
        const value = new GObject.Value();
        expect(() => value.set_int(3)).toThrowError(TypeError,
            /GObject\.Value\.set_int\(\): the value is not initialized/);
        expect(() => value.get_string()).toThrowError(TypeError, /not initialized/);
        expect(() => value.reset()).toThrowError(TypeError, /not initialized/);
        expect(() => value.copy(newValue(GObject.TYPE_INT)))
            .toThrowError(TypeError, /not initialized/);
        expect(() => value.unset()).not.toThrow();
    });

    it('needs the accessor of the held type', function () {
        const value = newValue(GObject.TYPE_STRING);
        expect(() => value.set_int(3)).toThrowError(TypeError,
            /GObject\.Value\.set_int\(\): the value holds a gchararray, not a gint/);
        expect(() => value.get_object()).toThrowError(TypeError, /holds a gchararray/);
    });

    it('converts arguments with checks', function () {
        const value = newValue(GObject.TYPE_INT);
        expect(() => value.set_int('abc')).toThrowError(TypeError);
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_WARNING,
            '*set_int*value 1099511627781 is out of range for gint; converted to 5 *');
        value.set_int(2 ** 40 + 5);
        GLib.test_assert_expected_messages_internal('Gjs',
            'testSproutGValue.js', 0, 'set_int wraps');
        expect(value.get_int()).toBe(5);
        expect(() => value.set_int()).toThrowError(TypeError, /1 argument required/);
        const text = newValue(GObject.TYPE_STRING);
        expect(() => text.set_string(5)).toThrowError(TypeError,
            /GObject\.Value\.set_string\(\)/);
        const enumValue = newValue(GIMarshallingTests.GEnum);
        expect(() => enumValue.set_enum(99)).toThrowError(TypeError, /not a valid value/);
        const object = newValue(Gio.SimpleAction);
        expect(() => object.set_object(new GObject.Object())).toThrowError(TypeError);
    });

    it('refuses bogus types in init()', function () {
        expect(() => new GObject.Value().init(12345)).toThrowError(TypeError,
            /GObject\.Value\.init\(\): expected a GType/);
        expect(() => new GObject.Value().init(null)).toThrowError(TypeError);
        expect(() => new GObject.Value().init({})).toThrowError(TypeError);
        expect(() => new GObject.Value().init(GObject.TYPE_NONE)).toThrowError(
            TypeError, /type void cannot hold values/);
        expect(() => new GObject.Value().init()).toThrowError(TypeError);
        const value = newValue(GObject.TYPE_INT);
        expect(() => value.init(GObject.TYPE_STRING)).toThrowError(TypeError,
            /already initialized with type gint/);
        expect(() => new GObject.Value().init_from_instance(5))
            .toThrowError(TypeError);
    });

    it('refuses other objects as this or as the destination', function () {
        const getInt = GObject.Value.prototype.get_int;
        expect(() => getInt.call(new GLib.KeyFile())).toThrowError(TypeError,
            /not a GObject\.Value/);
        expect(() => getInt.call({})).toThrowError(TypeError);
        const value = newValue(GObject.TYPE_INT);
        expect(() => value.copy({})).toThrowError(TypeError, /expected a GObject\.Value/);
        expect(() => value.copy(newValue(GObject.TYPE_STRING)))
            .toThrowError(TypeError, /cannot copy a gint into a gchararray/);
    });

    it('throws for JS values with no GType to guess', function () {
        for (const bad of [undefined, Symbol('s'), [1], () => {}]) {
            expect(() => GIMarshallingTests.gvalue_round_trip(bad))
                .toThrowError(TypeError, /cannot guess the GValue type/);
        }
        expect(() => GIMarshallingTests.gvalue_round_trip(new GObject.Value()))
            .toThrowError(TypeError, /has no type/);
    });

    it('throws for uninitialised values in flat arrays', function () {
        const values = [new GObject.Value(), new GObject.Value()];
        expect(() => GIMarshallingTests.gvalue_flat_array(values))
            .toThrowError(TypeError, /not initialized/);
        expect(() => GIMarshallingTests.gvalue_flat_array([42, '42', undefined]))
            .toThrowError(TypeError, /cannot guess/);
    });
});
