// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for imports.gi namespaces and for calling GI functions with basic
// types (booleans, integers, floats, gunichar, strings, enums, flags, GError)
// in every direction, and for the errors bad input gets.

const GIMarshallingTests = imports.gi.GIMarshallingTests;
const Regress = imports.gi.Regress;
const GLib = imports.gi.GLib;

const Limits = {
    int8: {min: -(2 ** 7), max: 2 ** 7 - 1, umax: 2 ** 8 - 1},
    int16: {min: -(2 ** 15), max: 2 ** 15 - 1, umax: 2 ** 16 - 1},
    int32: {min: -(2 ** 31), max: 2 ** 31 - 1, umax: 2 ** 32 - 1},
    int: {min: -(2 ** 31), max: 2 ** 31 - 1, umax: 2 ** 32 - 1, utype: 'uint'},
    short: {min: -(2 ** 15), max: 2 ** 15 - 1, umax: 2 ** 16 - 1, utype: 'ushort'},
};

describe('imports.gi', function () {
    it('loads namespaces once, with name and version', function () {
        expect(imports.gi.GLib).toBe(GLib);
        expect(GLib.__name__).toBe('GLib');
        expect(GLib.__version__).toBe('2.0');
        expect(String(imports.gi)).toBe('[object GIRepository]');
    });

    it('throws for a namespace that does not exist', function () {
        expect(() => imports.gi.SproutNoSuchNamespace).toThrowError(
            /Requiring SproutNoSuchNamespace.*not found/);
    });

    it('throws for a version that is not installed', function () {
        imports.gi.versions.WarnLib = '9.99';
        expect(() => imports.gi.WarnLib).toThrowError(/version 9\.99/);
        delete imports.gi.versions.WarnLib;
    });

    it('resolves members lazily to ordinary properties', function () {
        expect(Object.getOwnPropertyDescriptor(Regress, 'test_boolean'))
            .toBeUndefined();
        expect(typeof Regress.test_boolean).toBe('function');
        expect(Object.getOwnPropertyDescriptor(Regress, 'test_boolean').value)
            .toBe(Regress.test_boolean);
    });

    it('lists every member of a namespace when its keys are asked for', function () {
        const WarnLib = imports.gi.WarnLib;
        expect(Object.getOwnPropertyDescriptor(WarnLib, 'Whatever'))
            .toBeUndefined();
        expect(Object.keys(WarnLib)).toContain('Whatever');
        expect(Object.getOwnPropertyNames(WarnLib))
            .toEqual(jasmine.arrayContaining(['__name__', 'Whatever',
                'throw_unpaired', 'unpaired_error_quark']));
        expect(Reflect.ownKeys(Regress)).toContain('TestObj');
        expect(Object.entries(Regress).find(([k]) => k === 'test_int')[1])
            .toBe(Regress.test_int);
        // Callback types are not values, so they are not listed.
        expect(Object.keys(Regress)).not.toContain('TestCallback');
        for (const name of Object.keys(Regress))
            expect(Regress[name]).toBeDefined();
        expect(Object.keys({a: 1, b: 2})).toEqual(['a', 'b']);
        expect(Object.keys.name).toBe('keys');
        expect(Object.keys.length).toBe(1);
    });

    it('throws when a class constructor is called without new', function () {
        expect(() => imports.gi.Gio.SimpleAction()).toThrowError(TypeError,
            /Constructor called as normal method/);
        expect(() => GLib.Date()).toThrowError(TypeError,
            /Constructor called as normal method/);
        expect(() => Regress.TestFundamentalSubObject()).toThrowError(
            TypeError, /Constructor called as normal method/);
    });

    it('exposes constants', function () {
        expect(GLib.PRIORITY_DEFAULT).toBe(0);
        expect(GLib.MAJOR_VERSION).toBe(2);
        expect(Regress.INT_CONSTANT).toBe(4422);
        expect(Regress.DOUBLE_CONSTANT).toBe(44.22);
        expect(Regress.STRING_CONSTANT).toBe('Some String');
        expect(Regress.BOOL_CONSTANT).toBeTrue();
    });

    it('exposes enums and flags with upper-case names', function () {
        expect(Regress.TestEnum.VALUE1).toBe(0);
        expect(Regress.TestEnum.VALUE3).toBe(-1);
        expect(Regress.TestFlags.FLAG2).toBe(2);
        expect(typeof Regress.TestEnum.param).toBe('function');
        expect(Regress.TestEnum.param(Regress.TestEnum.VALUE4)).toBe('value4');
    });

    it('gives undefined for names a namespace lacks', function () {
        expect(Regress.sprout_no_such_member).toBeUndefined();
        expect(typeof Regress.toString).toBe('function');
    });

    it('makes functions that behave like functions', function () {
        expect(typeof Regress.test_int).toBe('function');
        expect(Regress.test_int.name).toBe('test_int');
        expect(Regress.test_int.call(null, 5)).toBe(5);
        expect(Regress.test_int.apply(null, [6])).toBe(6);
        expect(Regress.test_int.bind(null, 7)()).toBe(7);
    });
});

describe('Booleans', function () {
    it('marshal in every direction', function () {
        expect(GIMarshallingTests.boolean_return_true()).toBeTrue();
        expect(GIMarshallingTests.boolean_return_false()).toBeFalse();
        expect(() => GIMarshallingTests.boolean_in_true(true)).not.toThrow();
        expect(GIMarshallingTests.boolean_out_true()).toBeTrue();
        expect(GIMarshallingTests.boolean_inout_true_false(true)).toBeFalse();
        expect(Regress.test_boolean(1)).toBeTrue();
        expect(Regress.test_boolean(0)).toBeFalse();
    });
});

describe('Integers', function () {
    Object.entries(Limits).forEach(([type, {min, max, umax, utype = `u${type}`}]) => {
        it(`of type ${type} marshal in every direction`, function () {
            expect(GIMarshallingTests[`${type}_return_max`]()).toBe(max);
            expect(GIMarshallingTests[`${type}_return_min`]()).toBe(min);
            expect(() => GIMarshallingTests[`${type}_in_max`](max)).not.toThrow();
            expect(() => GIMarshallingTests[`${type}_in_min`](min)).not.toThrow();
            expect(GIMarshallingTests[`${type}_out_max`]()).toBe(max);
            expect(GIMarshallingTests[`${type}_out_min`]()).toBe(min);
            expect(GIMarshallingTests[`${type}_inout_max_min`](max)).toBe(min);
            expect(GIMarshallingTests[`${type}_inout_min_max`](min)).toBe(max);
            expect(GIMarshallingTests[`${utype}_return`]()).toBe(umax);
            expect(() => GIMarshallingTests[`${utype}_in`](umax)).not.toThrow();
            expect(GIMarshallingTests[`${utype}_out`]()).toBe(umax);
            expect(GIMarshallingTests[`${utype}_inout`](umax)).toBe(0);
        });

        it(`of type ${type} reject values out of range`, function () {
            // GJS takes any Number for a gint32 (modulo 2^32); Sprout too,
            // with a warning (the spec below).
            if (max !== 2 ** 31 - 1) {
                expect(() => GIMarshallingTests[`${type}_in_max`](max + 1))
                    .toThrowError(RangeError, /out of range/);
                expect(() => GIMarshallingTests[`${type}_in_min`](min - 1))
                    .toThrowError(RangeError, /out of range/);
            }
            expect(() => GIMarshallingTests[`${utype}_in`](-1))
                .toThrowError(RangeError, /out of range/);
            expect(() => GIMarshallingTests[`${utype}_in`](umax + 1))
                .toThrowError(RangeError, /out of range/);
        });
    });

    it('of type gint32 wrap values out of range modulo 2^32 as GJS, with a warning', function () {
        const wraps = [[2 ** 31, -(2 ** 31)], [2 ** 33 + 5, 5],
            [-(2 ** 31) - 1, 2 ** 31 - 1], [2 ** 53, 0], [2.5e9, -1794967296],
            [-(2 ** 40) - 3.9, -3]];
        for (const [value, wrapped] of wraps) {
            GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_WARNING,
                `JS WARNING: Argument 'in': value * is out of range for gint32; converted to ${wrapped} *`);
            expect(Regress.test_int(value)).toBe(wrapped);
            GLib.test_assert_expected_messages_internal('Gjs',
                'testSproutGIBasic.js', 0, 'gint32 wrap');
        }
        expect(Regress.test_int(-5.7)).toBe(-5);
    });

    it('take objects that convert to a number, as GJS does', function () {
        expect(Regress.test_int([5])).toBe(5);
        expect(Regress.test_int(new Number(4))).toBe(4);
        expect(Regress.test_int({valueOf: () => 3})).toBe(3);
        expect(Regress.test_double([2.5])).toBe(2.5);
        // GJS passes 0 for these; Sprout says what is wrong.
        expect(() => Regress.test_int({})).toThrowError(TypeError,
            /Expected type gint32 for Argument 'in' but got type 'object'/);
        expect(() => Regress.test_int([1, 2])).toThrowError(TypeError);
        expect(() => Regress.test_int({valueOf() {
            throw new RangeError('from valueOf');
        }})).toThrowError(RangeError, /from valueOf/);
    });

    it('of 64 bits accept Numbers and BigInts', function () {
        expect(() => GIMarshallingTests.int64_in_max(2n ** 63n - 1n)).not.toThrow();
        expect(() => GIMarshallingTests.int64_in_min(-(2n ** 63n))).not.toThrow();
        expect(() => GIMarshallingTests.uint64_in(2n ** 64n - 1n)).not.toThrow();
        expect(() => GIMarshallingTests.int64_in_max(2n ** 63n)).toThrowError(RangeError);
        expect(() => GIMarshallingTests.uint64_in(-1n)).toThrowError(RangeError);
        expect(() => GIMarshallingTests.uint64_in(2 ** 64)).toThrowError(RangeError);
        expect(Regress.test_int64(2 ** 53)).toBe(2 ** 53);
        expect(Regress.test_uint64(42)).toBe(42);
    });

    it('convert numeric strings, booleans, null and undefined like GJS', function () {
        expect(Regress.test_int(undefined)).toBe(0);
        expect(Regress.test_int(NaN)).toBe(0);
        expect(Regress.test_int(Infinity)).toBe(0);
        expect(Regress.test_int(-42.7)).toBe(-42);
        expect(Regress.test_double(undefined)).toBeNaN();
        expect(Regress.test_int('42')).toBe(42);
        expect(Regress.test_int(true)).toBe(1);
        expect(Regress.test_int(null)).toBe(0);
    });

    it('reject values that are not numbers with a TypeError naming the argument', function () {
        expect(() => Regress.test_int('forty-two'))
            .toThrowError(TypeError, /Expected type gint32 for Argument 'in' but got type 'string'/);
        expect(() => Regress.test_int({})).toThrowError(TypeError, /Argument 'in'.*'object'/);
        expect(() => Regress.test_int(42n)).toThrowError(TypeError, /BigInt/);
        expect(() => Regress.test_int(Symbol('x'))).toThrowError(TypeError, /'symbol'/);
    });
});

describe('Floating point numbers', function () {
    it('marshal in every direction', function () {
        expect(GIMarshallingTests.float_return()).toBeCloseTo(3.4028234663852886e38, -30);
        expect(GIMarshallingTests.double_return()).toBe(Number.MAX_VALUE);
        expect(() => GIMarshallingTests.double_in(Number.MAX_VALUE)).not.toThrow();
        expect(GIMarshallingTests.double_out()).toBe(Number.MAX_VALUE);
        expect(GIMarshallingTests.double_inout(Number.MAX_VALUE)).toBe(2 ** -1022);
        expect(Regress.test_double(0.5)).toBe(0.5);
        expect(Regress.test_float(0.5)).toBe(0.5);
    });

    it('pass NaN and infinities', function () {
        expect(Regress.test_double(NaN)).toBeNaN();
        expect(Regress.test_double(Infinity)).toBe(Infinity);
        expect(Regress.test_float(-Infinity)).toBe(-Infinity);
    });

    it('reject finite values too large for a float', function () {
        expect(() => Regress.test_float(1e300)).toThrowError(RangeError, /out of range/);
    });
});

describe('gunichar', function () {
    it('marshals one-character strings', function () {
        expect(Regress.test_unichar('c')).toBe('c');
        expect(Regress.test_unichar('♥')).toBe('♥');
        expect(Regress.test_unichar('')).toBe('');
        expect(() => Regress.test_unichar('ab')).toThrowError(TypeError, /single character/);
        expect(() => Regress.test_unichar(65)).toThrowError(TypeError);
    });
});

describe('UTF-8 strings', function () {
    it('marshal with every transfer', function () {
        expect(GIMarshallingTests.utf8_none_return()).toBe('const ♥ utf8');
        expect(GIMarshallingTests.utf8_full_return()).toBe('const ♥ utf8');
        expect(() => GIMarshallingTests.utf8_none_in('const ♥ utf8')).not.toThrow();
        expect(GIMarshallingTests.utf8_none_out()).toBe('const ♥ utf8');
        expect(GIMarshallingTests.utf8_full_out()).toBe('const ♥ utf8');
        expect(GIMarshallingTests.utf8_dangling_out()).toBeNull();
        expect(GIMarshallingTests.utf8_none_inout('const ♥ utf8')).toBe('');
        expect(GIMarshallingTests.utf8_full_inout('const ♥ utf8')).toBe('');
    });

    it('of no or one character come back equal (a shared table)', function () {
        expect(GLib.strdup('')).toBe('');
        for (let c = 1; c < 128; c++) {
            const text = String.fromCharCode(c);
            expect(GLib.strdup(text)).toBe(text);
            expect(GLib.strdup(text).length).toBe(1);
        }
        expect(GLib.strdup('\u00e9')).toBe('\u00e9');
        expect(Regress.test_glist_nothing_return()).toEqual(['1', '2', '3']);
    });

    it('round-trip through Regress', function () {
        expect(Regress.test_utf8_const_return()).toBe('const ♥ utf8');
        expect(Regress.test_utf8_nonconst_return()).toBe('nonconst ♥ utf8');
        expect(() => Regress.test_utf8_const_in('const ♥ utf8')).not.toThrow();
        expect(Regress.test_utf8_out()).toBe('nonconst ♥ utf8');
        expect(Regress.test_utf8_inout('const ♥ utf8')).toBe('nonconst ♥ utf8');
        expect(Regress.test_utf8_out_out()).toEqual(['first', 'second']);
        expect(Regress.test_utf8_out_nonconst_return()).toEqual(['first', 'second']);
    });

    it('accept null only where it is allowed', function () {
        expect(() => Regress.test_utf8_null_in(null)).not.toThrow();
        expect(Regress.test_utf8_null_out()).toBeNull();
        expect(() => Regress.test_utf8_const_in(null))
            .toThrowError(TypeError, /may not be null/);
    });

    it('reject values that are not strings', function () {
        expect(() => Regress.test_utf8_const_in(42))
            .toThrowError(TypeError, /Expected type utf8 for Argument 'in' but got type 'number'/);
    });

    it('marshal filenames', function () {
        expect(GLib.path_get_basename('/x/y.txt')).toBe('y.txt');
        expect(GLib.path_get_dirname('/x/y.txt')).toBe('/x');
    });
});

describe('Untyped pointers', function () {
    it('refuse null where GI does not allow it (g_str_hash(NULL) crashed)', function () {
        expect(() => GLib.str_hash(null))
            .toThrowError(TypeError, /Argument v may not be null/);
    });

    it('refuse values JS cannot turn into pointers', function () {
        expect(() => GLib.str_hash('text')).toThrowError(TypeError, /Argument 'v'/);
    });
});

describe('Enums and flags', function () {
    it('marshal as numbers in every direction', function () {
        expect(GIMarshallingTests.genum_returnv()).toBe(GIMarshallingTests.GEnum.VALUE3);
        expect(() => GIMarshallingTests.genum_in(GIMarshallingTests.GEnum.VALUE3)).not.toThrow();
        expect(GIMarshallingTests.genum_out()).toBe(GIMarshallingTests.GEnum.VALUE3);
        expect(GIMarshallingTests.genum_inout(GIMarshallingTests.GEnum.VALUE3))
            .toBe(GIMarshallingTests.GEnum.VALUE1);
        expect(GIMarshallingTests.flags_returnv()).toBe(GIMarshallingTests.Flags.VALUE2);
        expect(GIMarshallingTests.flags_inout(GIMarshallingTests.Flags.VALUE2))
            .toBe(GIMarshallingTests.Flags.VALUE1);
    });

    it('reject values the type does not have', function () {
        expect(() => GIMarshallingTests.genum_in(1234))
            .toThrowError(TypeError, /not a valid value for enumeration/);
        expect(() => GIMarshallingTests.flags_in(1 << 20))
            .toThrowError(TypeError, /not a valid value for flags/);
        expect(() => GIMarshallingTests.genum_in('VALUE1')).toThrowError(TypeError);
    });

    it('check every value of enums with gaps and negative values', function () {
        // Regress.TestEnum: VALUE1 = 0, VALUE2 = 1, VALUE3 = -1, VALUE4 = 48,
        // VALUE5 = 49.
        const {TestEnum} = Regress;
        for (const value of [TestEnum.VALUE1, TestEnum.VALUE2, TestEnum.VALUE3, TestEnum.VALUE4, TestEnum.VALUE5])
            expect(() => TestEnum.param(value)).not.toThrow();
        expect(TestEnum.param(TestEnum.VALUE3)).toBe('value3');
        for (const value of [-2, 2, 47, 50])
            expect(() => TestEnum.param(value)).toThrowError(TypeError, /not a valid value/);
    });
});

describe('GError', function () {
    it('is thrown as a GLib.Error of its domain', function () {
        let error;
        try {
            GIMarshallingTests.gerror();
        } catch (e) {
            error = e;
        }
        expect(error instanceof GLib.Error).toBeTrue();
        expect(error.code).toBe(GIMarshallingTests.CONSTANT_GERROR_CODE);
        expect(error.message).toBe(GIMarshallingTests.CONSTANT_GERROR_MESSAGE);
        expect(error.matches(GLib.quark_from_string(GIMarshallingTests.CONSTANT_GERROR_DOMAIN),
            GIMarshallingTests.CONSTANT_GERROR_CODE)).toBeTrue();
        expect(error.stack).toMatch(/testSproutGIBasic\.js/);
    });

    it('is an instance of an error domain class GI knows', function () {
        let error;
        try {
            GLib.filename_to_uri('relative/path', null);
        } catch (e) {
            error = e;
        }
        expect(error instanceof GLib.ConvertError).toBeTrue();
        expect(error instanceof GLib.Error).toBeTrue();
        expect(error.matches(GLib.ConvertError, GLib.ConvertError.NOT_ABSOLUTE_PATH)).toBeTrue();
        expect(error.toString()).toMatch(/^GLib\.ConvertError: /);
    });

    it('can be constructed from JS', function () {
        const error = new GLib.Error(GLib.quark_from_string('sprout-test'), 3, 'made in JS');
        expect(error.code).toBe(3);
        expect(error.message).toBe('made in JS');
        const domainError = new GLib.FileError({code: GLib.FileError.NOENT, message: 'gone'});
        expect(domainError.matches(GLib.FileError, GLib.FileError.NOENT)).toBeTrue();
    });
});

describe('Calling with the wrong number of arguments', function () {
    it('throws for too few', function () {
        expect(() => Regress.test_int()).toThrowError(TypeError,
            /Regress\.test_int\(\) requires 1 argument, but only 0 were passed/);
    });

    it('ignores extra ones', function () {
        expect(Regress.test_int(1, 2)).toBe(1);
    });
});

describe('The length of a GI function', function () {
    it('counts the arguments JS passes, as GJS does', function () {
        const Regress = imports.gi.Regress;
        const o = new Regress.TestObj();
        expect(o.set_bare.length).toBe(1); // not the instance
        expect(o.torture_signature_1.length).toBe(3); // not outs or GError
        expect(o.skip_return_val.length).toBe(5); // inouts count
        expect(Regress.test_callback_user_data.length).toBe(1); // not user_data
        expect(imports.gi.GLib.timeout_add.length).toBe(3); // not the notify
    });
});
