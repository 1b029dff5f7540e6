// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GObject properties on wrappers (gi/object-props.c) and the
// GValue conversions behind them (gi/gvalue.c): names in snake_case,
// camelCase and kebab-case, constructor property bags, read-only,
// write-only and construct-only properties, every value type a property
// can have, the errors bad values get, and notify.

const {GLib, Gio, GObject, Regress} = imports.gi;
const GIMarshallingTests = imports.gi.GIMarshallingTests;

function expectWarning(domain, pattern) {
    GLib.test_expect_message(domain, GLib.LogLevelFlags.LEVEL_WARNING,
        pattern);
}

function assertLogged() {
    GLib.test_assert_expected_messages_internal('Gjs',
        'testSproutGObjectProperties.js', 0, 'assertLogged');
}

describe('GObject properties', function () {
    it('are read and written on wrappers', function () {
        const action = new Gio.SimpleAction({name: 'x', enabled: false});
        expect(action.name).toBe('x');
        expect(action.enabled).toBeFalse();
        action.enabled = true;
        expect(action.enabled).toBeTrue();
        expect(action.get_enabled()).toBeTrue();
        action.set_enabled(false);
        expect(action.enabled).toBeFalse();
    });

    it('have defaults when not given to the constructor', function () {
        const app = new Gio.Application();
        expect(app.application_id).toBeNull();
        expect(app.flags).toBe(Gio.ApplicationFlags.FLAGS_NONE);
        expect(app.inactivity_timeout).toBe(0);
        expect(new Gio.SimpleAction().enabled).toBeTrue();
    });

    it('answer to snake_case, camelCase and kebab-case names', function () {
        const app = new Gio.Application({application_id: 'org.sprout.A'});
        expect(app.application_id).toBe('org.sprout.A');
        expect(app.applicationId).toBe('org.sprout.A');
        expect(app['application-id']).toBe('org.sprout.A');
        app.applicationId = 'org.sprout.B';
        expect(app.application_id).toBe('org.sprout.B');
        app['application-id'] = 'org.sprout.C';
        expect(app.get_application_id()).toBe('org.sprout.C');
    });

    it('take any name form in constructor property bags', function () {
        expect(new Gio.Application({applicationId: 'org.sprout.A'})
            .application_id).toBe('org.sprout.A');
        expect(new Gio.Application({'application-id': 'org.sprout.B'})
            .application_id).toBe('org.sprout.B');
        expect(new Gio.ThemedIcon({name: 'x', useDefaultFallbacks: true})
            .use_default_fallbacks).toBeTrue();
    });

    it('keep the first key that names a property, as GJS', function () {
        const app = new Gio.Application(
            {'application-id': 'org.sprout.First', applicationId: 'org.sprout.Second'});
        expect(app.application_id).toBe('org.sprout.First');
    });

    it('take only own enumerable keys of the property bag', function () {
        const props = Object.create({enabled: false});
        props.name = 'own';
        Object.defineProperty(props, 'parameter_type',
            {value: 'ignored', enumerable: false});
        props[Symbol('x')] = 1;
        const action = new Gio.SimpleAction(props);
        expect(action.name).toBe('own');
        expect(action.enabled).toBeTrue();
    });

    it('accept no argument, undefined or null as no properties', function () {
        expect(new Gio.SimpleAction().name).toBeNull();
        expect(new Gio.SimpleAction(undefined).name).toBeNull();
        expect(new Gio.SimpleAction(null).name).toBeNull();
    });
});

describe('GObject property accessors', function () {
    const proto = Gio.Application.prototype;

    it('live on the prototype of the type that declares them', function () {
        expect(Object.hasOwn(proto, 'application_id')).toBeTrue();
        expect(Object.hasOwn(proto, 'applicationId')).toBeTrue();
        expect(Object.hasOwn(proto, 'application-id')).toBeTrue();
        expect(Object.hasOwn(proto, 'flags')).toBeTrue();
        expect(Object.hasOwn(GObject.Object.prototype, 'application_id'))
            .toBeFalse();
        const app = new Gio.Application();
        expect(Object.hasOwn(app, 'application_id')).toBeFalse();
        expect('applicationId' in app).toBeTrue();
    });

    it('are enumerable and configurable accessor pairs', function () {
        const snake = Object.getOwnPropertyDescriptor(proto, 'application_id');
        expect(typeof snake.get).toBe('function');
        expect(typeof snake.set).toBe('function');
        expect(snake.enumerable).toBeTrue();
        expect(snake.configurable).toBeTrue();
        const camel = Object.getOwnPropertyDescriptor(proto, 'applicationId');
        expect(camel.get).toBe(snake.get);
        expect(camel.set).toBe(snake.set);
    });

    it('come from interfaces on the first class implementing them', function () {
        // GSimpleAction's name/enabled/... are GAction's properties.
        const simple = Gio.SimpleAction.prototype;
        expect(Object.hasOwn(simple, 'enabled')).toBeTrue();
        expect(Object.hasOwn(simple, 'state_type')).toBeTrue();
        expect(Object.hasOwn(simple, 'stateType')).toBeTrue();
    });

    it('are inherited by subclasses', function () {
        const props = new GIMarshallingTests.PropertiesObject();
        expect(props.some_int).toBe(0);
        expect(Object.hasOwn(GIMarshallingTests.PropertiesObject.prototype,
            'some_int')).toBeTrue();
    });

    it('win over a method of the same name, as in GJS', function () {
        const obj = new Regress.TestObj();
        expect(obj.name_conflict).toEqual(42);
        expect(obj.name_conflict).not.toEqual(jasmine.any(Function));
    });

    it('look the property up again when used on another object', function () {
        const flags = Object.getOwnPropertyDescriptor(proto, 'flags');
        expect(() => flags.get.call(new Gio.SimpleAction()))
            .toThrowError('No property flags on GSimpleAction');
        // GAction's enabled, read through another implementation.
        const enabled = Object.getOwnPropertyDescriptor(
            Gio.SimpleAction.prototype, 'enabled');
        const action = new Gio.PropertyAction({
            name: 'p', object: new Gio.SimpleAction(), property_name: 'enabled',
        });
        expect(enabled.get.call(action)).toBeTrue();
    });

    it('throw a TypeError when used on something that is not a wrapper', function () {
        const {get} = Object.getOwnPropertyDescriptor(proto, 'flags');
        expect(() => get.call({})).toThrowError(TypeError);
    });
});

describe('GObject property errors', function () {
    it('name the unknown property in a constructor', function () {
        expect(() => new Gio.SimpleAction({fooBar: 1}))
            .toThrowError('No property fooBar on GSimpleAction');
        expect(() => new Gio.SimpleAction({name: 'x', foo_bar: 1}))
            .toThrowError('No property foo_bar on GSimpleAction');
    });

    it('reject a property bag that is not an object', function () {
        expect(() => new Gio.SimpleAction(5)).toThrowError(
            'Argument to the constructor of SimpleAction should be an object with properties to set');
        expect(() => new Gio.SimpleAction('abc')).toThrowError(/should be an object/);
    });

    it('throw when writing a read-only property', function () {
        const action = new Gio.SimpleAction({name: 'x'});
        expect(() => (action.state_type = null)).toThrowError(
            'Property GSimpleAction.state-type is not writable');
        const props = new GIMarshallingTests.PropertiesObject();
        expect(props.some_readonly).toBe(42);
        expect(() => (props.some_readonly = 35)).toThrowError(/not writable/);
        expect(props.some_readonly).toBe(42);
    });

    it('throw when a constructor sets a read-only property', function () {
        expect(() => new GIMarshallingTests.PropertiesObject({some_readonly: 1}))
            .toThrowError(/some-readonly is not writable/);
    });

    it('keep construct-only properties after construction (GObject warns)', function () {
        const action = new Gio.SimpleAction({name: 'x'});
        expectWarning('GLib-GObject', '*construct property*name*');
        action.name = 'y';
        assertLogged();
        expect(action.name).toBe('x');
    });

    it('give undefined for a write-only property', function () {
        const obj = new Regress.TestObj();
        obj.write_only = true;
        expect(obj.write_only).toBeUndefined();
    });

    it('name the property and the expected type for bad values', function () {
        const app = new Gio.Application();
        expect(() => (app.application_id = 5)).toThrowError(TypeError,
            "Expected type gchararray for Property GApplication.application-id but got type 'number'");
        expect(() => new Gio.Application({application_id: 5})).toThrowError(
            TypeError, /GApplication\.application-id.*'number'/);
        expect(() => (app.inactivity_timeout = -1)).toThrowError(RangeError,
            /inactivity-timeout: value -1 is out of range for guint/);
        expect(() => (app.inactivity_timeout = 'abc')).toThrowError(TypeError,
            /Expected type guint/);
        expect(app.inactivity_timeout).toBe(0);
    });
});

describe('GObject property values', function () {
    let props;
    beforeEach(function () {
        props = new GIMarshallingTests.PropertiesObject();
    });

    function testGetSet(type, value1, value2) {
        it(`of type ${type} round-trip`, function () {
            props[`some_${type}`] = value1;
            expect(props[`some_${type}`]).toEqual(value1);
            props[`some_${type}`] = value2;
            expect(props[`some_${type}`]).toEqual(value2);
        });
    }

    testGetSet('boolean', true, false);
    testGetSet('char', -128, 127);
    testGetSet('uchar', 0, 255);
    testGetSet('int', -(2 ** 31), 2 ** 31 - 1);
    testGetSet('uint', 0, 2 ** 32 - 1);
    testGetSet('long', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    testGetSet('ulong', 0, Number.MAX_SAFE_INTEGER);
    testGetSet('int64', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    testGetSet('uint64', 42, Number.MAX_SAFE_INTEGER);
    testGetSet('double', Math.E, -Math.PI);
    testGetSet('strv', ['0', '1', '2'], []);
    testGetSet('byte_array', Uint8Array.of(1, 2, 3), new Uint8Array(0));
    testGetSet('enum', GIMarshallingTests.GEnum.VALUE2,
        GIMarshallingTests.GEnum.VALUE3);
    testGetSet('flags', GIMarshallingTests.Flags.VALUE2,
        GIMarshallingTests.Flags.VALUE1 | GIMarshallingTests.Flags.VALUE2);

    it('of type float round to single precision', function () {
        props.some_float = Math.PI;
        expect(props.some_float).toBeCloseTo(Math.PI, 6);
        expect(props.some_float).not.toBe(Math.PI);
    });

    it('of 64-bit types take BigInts', function () {
        props.some_int64 = -(2n ** 53n);
        expect(props.some_int64).toBe(-(2 ** 53));
        props.some_uint64 = 2n ** 53n;
        expect(props.some_uint64).toBe(2 ** 53);
        expect(() => (props.some_int = 1n)).toThrowError(TypeError, /BigInt/);
    });

    it('of 64-bit types warn when a Number rounds', function () {
        props.some_uint64 = 2n ** 64n - 1n;
        expectWarning('Gjs', '*18446744073709551615*rounded*');
        expect(props.some_uint64).toBe(2 ** 64);
        assertLogged();
    });

    it('out of range throw and keep the old value', function () {
        props.some_char = 5;
        expect(() => (props.some_char = 128)).toThrowError(RangeError, /out of range for gchar/);
        expect(() => (props.some_uchar = -1)).toThrowError(RangeError, /out of range/);
        expect(() => (props.some_uint = -1)).toThrowError(RangeError, /out of range/);
        expect(() => (props.some_int64 = 2 ** 63)).toThrowError(RangeError, /out of range/);
        expect(() => (props.some_int64 = 2n ** 63n)).toThrowError(RangeError, /out of range/);
        expect(() => (props.some_uint64 = -1n)).toThrowError(RangeError, /out of range/);
        expect(() => (props.some_float = 1e300)).toThrowError(RangeError, /out of range/);
        expect(props.some_char).toBe(5);
    });

    it('of type gint wrap out of range values modulo 2^32 as GJS, with a warning', function () {
        expectWarning('Gjs', '*some-int: value 2147483648 is out of range for gint; converted to -2147483648*');
        props.some_int = 2 ** 31;
        assertLogged();
        expect(props.some_int).toBe(-(2 ** 31));
    });

    it('of numeric types convert numeric strings, booleans and null', function () {
        props.some_int = '12';
        expect(props.some_int).toBe(12);
        props.some_int = true;
        expect(props.some_int).toBe(1);
        props.some_double = '1.5';
        expect(props.some_double).toBe(1.5);
        props.some_double = null;
        expect(props.some_double).toBe(0);
    });

    it('of numeric types refuse other values', function () {
        expect(() => (props.some_int = 'abc')).toThrowError(TypeError,
            /Expected type gint for Property .*some-int but got type 'string'/);
        expect(() => (props.some_double = {})).toThrowError(TypeError,
            /Expected type gdouble/);
        expect(() => (props.some_uint = [1, 2])).toThrowError(TypeError);
    });

    it('of numeric types take objects that convert to a number, as GJS', function () {
        props.some_uint = [7];
        expect(props.some_uint).toBe(7);
        props.some_double = new Number(2.5);
        expect(props.some_double).toBe(2.5);
    });

    it('of boolean type take any value by truthiness', function () {
        props.some_boolean = 'abc';
        expect(props.some_boolean).toBeTrue();
        props.some_boolean = 0;
        expect(props.some_boolean).toBeFalse();
    });

    it('of string type take strings and null only', function () {
        props.some_string = 'Sprout';
        expect(props.some_string).toBe('Sprout');
        props.some_string = null;
        expect(props.some_string).toBeNull();
        expect(() => (props.some_string = undefined)).toThrowError(TypeError,
            /gchararray.*'undefined'/);
        expect(() => (props.some_string = 5)).toThrowError(TypeError);
    });

    it('of enum type must be a value of the enum', function () {
        expect(() => (props.some_enum = 99)).toThrowError(TypeError,
            /99 is not a valid value for enumeration GIMarshallingTestsGEnum/);
        expect(() => (props.some_enum = 'VALUE1')).toThrowError(TypeError,
            /Expected type GIMarshallingTestsGEnum/);
        expect(() => (props.some_enum = 1.5)).toThrowError(TypeError);
    });

    it('of flags type must be bits of the flags', function () {
        expect(() => (props.some_flags = 1 << 20)).toThrowError(TypeError,
            /0x100000 is not a valid value for flags GIMarshallingTestsFlags/);
        const app = new Gio.Application({flags: Gio.ApplicationFlags.HANDLES_OPEN});
        expect(app.flags).toBe(Gio.ApplicationFlags.HANDLES_OPEN);
        app.flags |= Gio.ApplicationFlags.NON_UNIQUE;
        expect(app.flags).toBe(Gio.ApplicationFlags.HANDLES_OPEN |
            Gio.ApplicationFlags.NON_UNIQUE);
        expect(() => (app.flags = 0xffffff)).toThrowError(TypeError,
            /0xffffff is not a valid value for flags GApplicationFlags/);
    });

    it('of strv type are arrays of strings', function () {
        const icon = new Gio.ThemedIcon({names: ['a', 'b']});
        expect(icon.names).toEqual(['a', 'b']);
        expect(Array.isArray(icon.names)).toBeTrue();
        props.some_strv = null;
        expect(props.some_strv).toEqual([]);
        expect(() => new Gio.ThemedIcon({names: 'abc'})).toThrowError(TypeError,
            /Expected type GStrv for Property GThemedIcon.names but got type 'string'/);
        expect(() => (props.some_strv = ['a', 1])).toThrowError(TypeError,
            /element 1 has type 'number'/);
    });

    it('of object type are wrappers, with identity', function () {
        const object = new GObject.Object();
        props.some_object = object;
        expect(props.some_object).toBe(object);
        const action = new Gio.SimpleAction();
        props.some_object = action;
        expect(props.some_object).toBe(action);
        props.some_object = null;
        expect(props.some_object).toBeNull();
        expect(() => (props.some_object = {})).toThrowError(TypeError);
    });

    it('of interface type check the interface', function () {
        const icon = new Gio.ThemedIcon({name: 'x'});
        const emblemed = new Gio.EmblemedIcon({gicon: icon});
        expect(emblemed.gicon).toBe(icon);
        expect(() => new Gio.EmblemedIcon({gicon: new Gio.SimpleAction()}))
            .toThrowError(TypeError, /GIcon/);
    });

    it('of GType type are numbers, given as numbers or classes', function () {
        const store = new Gio.ListStore({item_type: Gio.SimpleAction});
        expect(store.item_type).toBe(Gio.SimpleAction.$gtype);
        expect(new Gio.ListStore({itemType: Gio.SimpleAction.$gtype}).itemType)
            .toBe(Gio.SimpleAction.$gtype);
        expect(() => new Gio.ListStore({item_type: 'GSimpleAction'}))
            .toThrowError(TypeError, /Expected type GType/);
    });

    it('of GValue type guess the type of the value', function () {
        props.some_gvalue = 42;
        expect(props.some_gvalue).toBe(42);
        props.some_gvalue = 4.5;
        expect(props.some_gvalue).toBe(4.5);
        props.some_gvalue = 'foo';
        expect(props.some_gvalue).toBe('foo');
        props.some_gvalue = true;
        expect(props.some_gvalue).toBeTrue();
        props.some_gvalue = -(2n ** 40n);
        expect(props.some_gvalue).toBe(-(2 ** 40));
        const object = new GObject.Object();
        props.some_gvalue = object;
        expect(props.some_gvalue).toBe(object);
        props.some_gvalue = null;
        expect(props.some_gvalue).toBeNull();
        expect(() => (props.some_gvalue = [1])).toThrowError(TypeError,
            /cannot guess the GValue type/);
    });

    it('of boxed type are boxed wrappers, copied', function () {
        const boxed = new GIMarshallingTests.BoxedStruct();
        props.some_boxed_struct = boxed;
        expect(props.some_boxed_struct).toBeInstanceOf(GIMarshallingTests.BoxedStruct);
        props.some_boxed_struct = null;
        expect(props.some_boxed_struct).toBeNull();
        expect(() => (props.some_boxed_struct = new GObject.Object()))
            .toThrowError(TypeError, /BoxedStruct/);
    });

    it('of variant type take GLib.Variants and null, nothing else', function () {
        props.some_variant = null;
        expect(props.some_variant).toBeNull();
        props.some_variant = new GLib.Variant('s', 'x');
        expect(props.some_variant.unpack()).toBe('x');
        expect(() => (props.some_variant = {})).toThrowError(TypeError,
            /expected a GLib.Variant/);
    });
});

describe('GObject property notification', function () {
    it('emits notify when a property is set', function () {
        const action = new Gio.SimpleAction({name: 'x'});
        const spy = jasmine.createSpy('notify');
        action.connect('notify::enabled', spy);
        action.enabled = false;
        expect(spy).toHaveBeenCalledTimes(1);
        const [object, pspec] = spy.calls.mostRecent().args;
        expect(object).toBe(action);
        expect(pspec.name).toBe('enabled');
        expect(pspec.value_type).toBe(GObject.type_from_name('gboolean'));
    });

    it('emits notify for camelCase and kebab-case writes', function () {
        const app = new Gio.Application();
        const names = [];
        app.connect('notify', (obj, pspec) => names.push(pspec.name));
        app.applicationId = 'org.sprout.A';
        app['inactivity-timeout'] = 5;
        expect(names).toEqual(['application-id', 'inactivity-timeout']);
    });
});
