// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GI containers: C arrays (with a length, fixed-size,
// zero-terminated, GStrv), GArray, GPtrArray, GByteArray, GList, GSList and
// GHashTable, in every direction and with every transfer, and the errors bad
// input gets. Expectations follow GJS's testGIMarshalling.js and
// testRegress.js.

const GIMarshallingTests = imports.gi.GIMarshallingTests;
const Regress = imports.gi.Regress;
const GLib = imports.gi.GLib;

// The four directions of root (root_return, _in, _out, _inout).
function itMarshals(root, value, inoutIn, inoutOut, {omit = []} = {}) {
    if (!omit.includes('return')) {
        it(`${root}: as a return value`, function () {
            expect(GIMarshallingTests[`${root}_return`]()).toEqual(value);
        });
    }
    if (!omit.includes('in')) {
        it(`${root}: as an in argument`, function () {
            expect(() => GIMarshallingTests[`${root}_in`](value)).not.toThrow();
        });
    }
    if (!omit.includes('out')) {
        it(`${root}: as an out argument`, function () {
            expect(GIMarshallingTests[`${root}_out`]()).toEqual(value);
        });
    }
    if (!omit.includes('inout')) {
        it(`${root}: as an inout argument`, function () {
            expect(GIMarshallingTests[`${root}_inout`](inoutIn)).toEqual(inoutOut);
        });
    }
}

// root_none_*, root_container_* and root_full_*. Transfer-container inout
// (and in) arguments of strings cannot be freed correctly (GJS refuses them
// too); GIMarshallingTests has no transfer-full or -container in functions,
// and its GArray, GPtrArray and GHashTable full_inout functions leak the
// strings they are given (gobject-introspection#192, skipped by GJS).
function itMarshalsTransfers(root, value, inoutIn, inoutOut, {fullInout = true} = {}) {
    itMarshals(`${root}_none`, value, inoutIn, inoutOut);
    itMarshals(`${root}_container`, value, inoutIn, inoutOut, {omit: ['in', 'inout']});
    itMarshals(`${root}_full`, value, inoutIn, inoutOut,
        {omit: fullInout ? ['in'] : ['in', 'inout']});
}

describe('C arrays with a length argument', function () {
    itMarshals('array', [-1, 0, 1, 2], [-1, 0, 1, 2], [-2, -1, 0, 1, 2]);

    it('hide the length argument wherever it is', function () {
        expect(GIMarshallingTests.array_return_etc(9, 5)).toEqual([[9, 0, 1, 5], 14]);
        expect(GIMarshallingTests.array_out_etc(9, 5)).toEqual([[9, 0, 1, 5], 14]);
        expect(GIMarshallingTests.array_inout_etc(9, [-1, 0, 1, 2], 5))
            .toEqual([[9, -1, 0, 1, 5], 14]);
        expect(() => GIMarshallingTests.array_in_len_before([-1, 0, 1, 2])).not.toThrow();
        expect(() => GIMarshallingTests.array_in_utf8_two_in_out_of_order('1', [-1, 0, 1, 2], '2'))
            .not.toThrow();
    });

    it('write lengths of any integer type', function () {
        expect(() => GIMarshallingTests.array_in_guint64_len([-1, 0, 1, 2])).not.toThrow();
        expect(() => GIMarshallingTests.array_in_guint8_len([-1, 0, 1, 2])).not.toThrow();
    });

    it('can also be zero-terminated', function () {
        expect(() => GIMarshallingTests.array_in_len_zero_terminated([-1, 0, 1, 2]))
            .not.toThrow();
    });

    it('accept any array-like object and typed arrays', function () {
        expect(() => GIMarshallingTests.array_in(Int32Array.from([-1, 0, 1, 2]))).not.toThrow();
        const arrayLike = {length: 4, 0: -1, 1: 0, 2: 1, 3: 2};
        expect(() => GIMarshallingTests.array_in(arrayLike)).not.toThrow();
    });

    it('of strings', function () {
        expect(() => GIMarshallingTests.array_string_in(['foo', 'bar'])).not.toThrow();
    });

    it('of 64-bit integers (negative guint64 wraps, as in GJS)', function () {
        expect(() => GIMarshallingTests.array_int64_in([-1, 0, 1, 2])).not.toThrow();
        expect(() => GIMarshallingTests.array_uint64_in([-1, 0, 1, 2])).not.toThrow();
    });

    it('of booleans, also from numbers', function () {
        expect(GIMarshallingTests.array_bool_out()).toEqual([true, false, true, true]);
        expect(() => GIMarshallingTests.array_bool_in([true, false, true, true])).not.toThrow();
        expect(() => GIMarshallingTests.array_bool_in([-1, 0, 1, 2])).not.toThrow();
    });

    it('of gunichar, as strings or code points', function () {
        expect(GIMarshallingTests.array_unichar_out()).toBe('const ♥ utf8');
        expect(() => GIMarshallingTests.array_unichar_in('const ♥ utf8')).not.toThrow();
        const codePoints = [...'const ♥ utf8'].map(c => c.codePointAt(0));
        expect(() => GIMarshallingTests.array_unichar_in(codePoints)).not.toThrow();
    });

    it('of enums and flags', function () {
        const {Enum, Flags} = GIMarshallingTests;
        expect(() => GIMarshallingTests.array_enum_in([Enum.VALUE1, Enum.VALUE2, Enum.VALUE3]))
            .not.toThrow();
        expect(() => GIMarshallingTests.array_flags_in([Flags.VALUE1, Flags.VALUE2, Flags.VALUE3]))
            .not.toThrow();
    });

    it('of 8- and 16-bit integers, also from strings', function () {
        expect(Regress.test_array_gint8_in([1, 2, 3, 4])).toBe(10);
        expect(Regress.test_array_gint8_in('\x01\x02\x03\x04')).toBe(10);
        expect(Regress.test_array_gint16_in('\x01\x02\x03\x04')).toBe(10);
        expect(Regress.test_array_gint16_in('\u0100\u0200\u0300\u0400')).toBe(2560);
        expect(Regress.test_array_gint32_in([1, 2, 3, 4])).toBe(10);
        expect(Regress.test_array_gint64_in([1, 2, 3, 4])).toBe(10);
    });

    it('with every transfer', function () {
        expect(Regress.test_array_int_out()).toEqual([0, 1, 2, 3, 4]);
        expect(Regress.test_array_int_full_out()).toEqual([0, 1, 2, 3, 4]);
        expect(Regress.test_array_int_none_out()).toEqual([1, 2, 3, 4, 5]);
        expect(Regress.test_array_int_inout([0, 1, 2, 3, 4])).toEqual([2, 3, 4, 5]);
    });

    it('pass null where allowed and come back empty for NULL', function () {
        expect(() => Regress.test_array_int_null_in(null)).not.toThrow();
        expect(Regress.test_array_int_null_out()).toEqual([]);
    });

    it('in the style of gtk_init()', function () {
        expect(GIMarshallingTests.init_function(null)).toEqual([true, []]);
        expect(GIMarshallingTests.init_function([])).toEqual([true, []]);
        expect(GIMarshallingTests.init_function(['--foo', '--bar'])).toEqual([true, ['--foo']]);
    });

    // The typelib describes the elements as GObject.Object by value in a
    // gpointer*: objects only exist by reference (GJS 1.74 refused it).
    it('of objects described by value', function () {
        const {Gio, GObject} = imports.gi;
        const store = Gio.ListStore.new(GObject.Object);
        const a = Gio.SimpleAction.new('a', null);
        const b = Gio.SimpleAction.new('b', null);
        store.splice(0, 0, [a, b]);
        expect(store.get_n_items()).toBe(2);
        expect(store.get_item(1)).toBe(b);
        store.splice(0, 1, []);
        expect(store.get_item(0)).toBe(b);
        expect(() => store.splice(0, 0, [{}])).toThrowError(TypeError);
    });
});

describe('Fixed-size C arrays', function () {
    it('of ints in every direction', function () {
        expect(GIMarshallingTests.array_fixed_int_return()).toEqual([-1, 0, 1, 2]);
        expect(() => GIMarshallingTests.array_fixed_int_in([-1, 0, 1, 2])).not.toThrow();
        expect(GIMarshallingTests.array_fixed_out()).toEqual([-1, 0, 1, 2]);
        expect(GIMarshallingTests.array_fixed_inout([-1, 0, 1, 2])).toEqual([2, 1, 0, -1]);
    });

    it('of shorts', function () {
        expect(GIMarshallingTests.array_fixed_short_return()).toEqual([-1, 0, 1, 2]);
        expect(() => GIMarshallingTests.array_fixed_short_in([-1, 0, 1, 2])).not.toThrow();
    });

    it('of numbers that the typelib calls pointers (C type gpointer)', function () {
        expect(() => Regress.has_parameter_named_attrs(0, Array(32).fill(42)))
            .not.toThrow();
        expect(() => Regress.has_parameter_named_attrs(0, ['x']))
            .toThrowError(TypeError);
    });

    it('from Regress', function () {
        expect(Regress.test_array_fixed_size_int_in([1, 2, 3, 4, 5])).toBe(15);
        expect(Regress.test_array_fixed_size_int_out()).toEqual([0, 1, 2, 3, 4]);
        expect(Regress.test_array_fixed_size_int_return()).toEqual([0, 1, 2, 3, 4]);
    });

    it('pad shorter arrays and pass longer ones whole, as GJS does', function () {
        expect(() => Regress.test_array_static_in_int([1, 2, 3, 4])).not.toThrow();
        // C reads the first four (it asserts -1, 0, 1, 2).
        expect(() => GIMarshallingTests.array_fixed_int_in([-1, 0, 1, 2, 3]))
            .not.toThrow();
    });
});

describe('Zero-terminated C arrays', function () {
    itMarshals('array_zero_terminated', ['0', '1', '2'], ['0', '1', '2'], ['-1', '0', '1', '2']);

    it('come back as null for NULL', function () {
        expect(GIMarshallingTests.array_zero_terminated_return_null()).toBeNull();
    });

    it('of gunichar come back as a string', function () {
        expect(GIMarshallingTests.array_zero_terminated_return_unichar()).toBe('const ♥ utf8');
    });
});

describe('GStrv', function () {
    itMarshals('gstrv', ['0', '1', '2'], ['0', '1', '2'], ['-1', '0', '1', '2']);

    it('from Regress', function () {
        expect(Regress.test_strv_in(['1', '2', '3'])).toBeTrue();
        expect(Regress.test_strv_in(['4', '5', '6'])).toBeFalse();
        expect(Regress.test_strv_out()).toEqual(['thanks', 'for', 'all', 'the', 'fish']);
        expect(Regress.test_strv_out_container()).toEqual(['1', '2', '3']);
        expect(Regress.test_strv_outarg()).toEqual(['1', '2', '3']);
        expect(Regress.test_strv_out_c()).toEqual(['thanks', 'for', 'all', 'the', 'fish']);
    });

    it('reject strings, numbers and non-string elements', function () {
        expect(() => Regress.test_strv_in(1)).toThrowError(TypeError);
        expect(() => Regress.test_strv_in('')).toThrowError(TypeError);
        expect(() => Regress.test_strv_in(false)).toThrowError(TypeError);
        expect(() => Regress.test_strv_in(['1', 2, 3]))
            .toThrowError(TypeError, /Expected type utf8 for Argument 'arr'/);
    });

    it('reject null elements, which would end the array', function () {
        expect(() => GIMarshallingTests.gstrv_in(['0', null, '2']))
            .toThrowError(TypeError, /Argument g_strv may not be null/);
    });
});

describe('guint8 C arrays', function () {
    const refBytes = Uint8Array.from([97, 98, 99, 100]);

    it('take a string (its UTF-8 bytes), an Array or a Uint8Array', function () {
        expect(() => GIMarshallingTests.array_uint8_in('abcd')).not.toThrow();
        expect(() => GIMarshallingTests.array_uint8_in([97, 98, 99, 100])).not.toThrow();
        expect(() => GIMarshallingTests.array_uint8_in(refBytes)).not.toThrow();
        expect(() => GIMarshallingTests.utf8_as_uint8array_in('const ♥ utf8')).not.toThrow();
    });

    it('read a typed array view from its offset', function () {
        const view = Uint8Array.from([0, 0, 97, 98, 99, 100]).subarray(2);
        expect(() => GIMarshallingTests.array_uint8_in(view)).not.toThrow();
        expect(GLib.base64_encode(Uint8Array.from([1, 2, 3, 4, 5, 6]).subarray(3)))
            .toBe(GLib.base64_encode([4, 5, 6]));
    });

    it('come back as Uint8Array', function () {
        const decoded = GLib.base64_decode('YWJjZA==');
        expect(decoded).toBeInstanceOf(Uint8Array);
        expect(decoded).toEqual(refBytes);
    });

    it('reject elements out of range', function () {
        expect(() => GIMarshallingTests.array_uint8_in([97, 98, 99, 256]))
            .toThrowError(RangeError, /Argument 'chars'/);
    });
});

describe('GArray', function () {
    itMarshals('garray_int_none', [-1, 0, 1, 2], null, null, {omit: ['out', 'inout']});
    itMarshalsTransfers('garray_utf8', ['0', '1', '2'], ['0', '1', '2'], ['-2', '-1', '0', '1'],
        {fullInout: false});

    it('of booleans and gunichar', function () {
        expect(() => GIMarshallingTests.garray_bool_none_in([-1, 0, 1, 2])).not.toThrow();
        expect(() => GIMarshallingTests.garray_unichar_none_in('const \u2665 utf8')).not.toThrow();
        expect(() => GIMarshallingTests.garray_unichar_none_in([0x63, 0x6f, 0x6e, 0x73, 0x74,
            0x20, 0x2665, 0x20, 0x75, 0x74, 0x66, 0x38])).not.toThrow();
    });

    it('from Regress', function () {
        expect(Regress.test_garray_container_return()).toEqual(['regress']);
        expect(Regress.test_garray_full_return()).toEqual(['regress']);
    });

    it('refuses caller-allocated out arguments when called (GJS)', function () {
        expect(() => GIMarshallingTests.garray_utf8_full_out_caller_allocated).not.toThrow();
        expect(() => GIMarshallingTests.garray_utf8_full_out_caller_allocated())
            .toThrowError(/type array.*\(out caller-allocates\)/);
    });

    it('refuses transfer-container inout strings when called', function () {
        expect(() => GIMarshallingTests.garray_utf8_container_inout(['0', '1', '2']))
            .toThrowError(/transfer container/);
    });
});

describe('GPtrArray', function () {
    itMarshalsTransfers('gptrarray_utf8', ['0', '1', '2'], ['0', '1', '2'], ['-2', '-1', '0', '1'],
        {fullInout: false});
});

describe('GByteArray', function () {
    const refByteArray = Uint8Array.from([0, 49, 0xFF, 51]);

    it('comes back as a Uint8Array', function () {
        const array = GIMarshallingTests.bytearray_full_return();
        expect(array).toBeInstanceOf(Uint8Array);
        expect(array).toEqual(refByteArray);
    });

    it('is made from a Uint8Array or an Array', function () {
        expect(() => GIMarshallingTests.bytearray_none_in(refByteArray)).not.toThrow();
        expect(() => GIMarshallingTests.bytearray_none_in([0, 49, 0xFF, 51])).not.toThrow();
    });
});

['GList', 'GSList'].forEach(kind => {
    const list = kind.toLowerCase();

    describe(kind, function () {
        itMarshals(`${list}_int_none`, [-1, 0, 1, 2], null, null, {omit: ['out', 'inout']});
        itMarshalsTransfers(`${list}_utf8`, ['0', '1', '2'], ['0', '1', '2'], ['-2', '-1', '0', '1']);

        it('from Regress', function () {
            const strings = ['1', '2', '3'];
            expect(Regress[`test_${list}_nothing_return`]()).toEqual(strings);
            expect(Regress[`test_${list}_nothing_return2`]()).toEqual(strings);
            expect(Regress[`test_${list}_container_return`]()).toEqual(strings);
            expect(Regress[`test_${list}_everything_return`]()).toEqual(strings);
            expect(() => Regress[`test_${list}_nothing_in`](strings)).not.toThrow();
            expect(() => Regress[`test_${list}_nothing_in2`](strings)).not.toThrow();
        });

        it('treat null and [] as the empty list', function () {
            expect(() => Regress[`test_${list}_null_in`]([])).not.toThrow();
            expect(() => Regress[`test_${list}_null_in`](null)).not.toThrow();
            expect(Regress[`test_${list}_null_out`]()).toEqual([]);
        });
    });
});

describe('GList', function () {
    it('of guint32', function () {
        expect(GIMarshallingTests.glist_uint32_none_return()).toEqual([0, 0xFFFFFFFF]);
        expect(() => GIMarshallingTests.glist_uint32_none_in([0, 0xFFFFFFFF])).not.toThrow();
    });

    it('of filenames', function () {
        expect(Regress.test_filename_return()).toEqual(['åäö', '/etc/fstab']);
    });
});

describe('GHashTable', function () {
    const numberDict = {'-1': -0.1, 0: 0, 1: 0.1, 2: 0.2};

    it('with integer keys and values', function () {
        const intDict = {'-1': 1, 0: 0, 1: -1, 2: -2};
        expect(GIMarshallingTests.ghashtable_int_none_return()).toEqual(intDict);
        expect(() => GIMarshallingTests.ghashtable_int_none_in(intDict)).not.toThrow();
    });

    describe('of strings', function () {
        const stringDict = {'-1': '1', 0: '0', 1: '-1', 2: '-2'};
        itMarshalsTransfers('ghashtable_utf8', stringDict, stringDict, {'-1': '1', 0: '0', 1: '1'},
            {fullInout: false});
    });

    it('with values that do not fit in a pointer', function () {
        expect(() => GIMarshallingTests.ghashtable_double_in(numberDict)).not.toThrow();
        expect(() => GIMarshallingTests.ghashtable_float_in(numberDict)).not.toThrow();
        expect(() => GIMarshallingTests.ghashtable_int64_in({'-1': -1, 0: 0, 1: 1, 2: 0x100000000}))
            .not.toThrow();
        expect(() => GIMarshallingTests.ghashtable_uint64_in({'-1': 0x100000000, 0: 0, 1: 1, 2: 2}))
            .not.toThrow();
    });

    it('ignores symbol keys', function () {
        const symbolDict = {[Symbol('foo')]: 2, '-1': 1, 0: 0, 1: -1, 2: -2};
        expect(() => GIMarshallingTests.ghashtable_int_none_in(symbolDict)).not.toThrow();
    });

    it('keeps the last of two keys that parse to the same integer', function () {
        expect(() => GIMarshallingTests.ghashtable_int_none_in({'-1': 1, 0: 0, 1: 5, 2: -2, '01': -1}))
            .not.toThrow();
    });

    it('from Regress, nested and null', function () {
        const expected = {baz: 'bat', foo: 'bar', qux: 'quux'};
        expect(Regress.test_ghash_nothing_return()).toEqual(expected);
        expect(Regress.test_ghash_nothing_return2()).toEqual(expected);
        expect(Regress.test_ghash_container_return()).toEqual(expected);
        expect(Regress.test_ghash_everything_return()).toEqual(expected);
        expect(() => Regress.test_ghash_nothing_in(expected)).not.toThrow();
        expect(() => Regress.test_ghash_nothing_in2(expected)).not.toThrow();
        expect(Regress.test_ghash_nested_everything_return()).toEqual({wibble: expected});
        expect(Regress.test_ghash_nested_everything_return2()).toEqual({wibble: expected});
        expect(Regress.test_ghash_null_return()).toBeNull();
        expect(Regress.test_ghash_null_out()).toBeNull();
        expect(() => Regress.test_ghash_null_in(null)).not.toThrow();
    });

    it('comes back as a plain object', function () {
        const hash = Regress.test_ghash_nothing_return();
        expect(Object.getPrototypeOf(hash)).toBe(Object.prototype);
    });
});

describe('GLib functions with containers', function () {
    it('build_filenamev takes an array of filenames', function () {
        expect(GLib.build_filenamev(['a', 'b'])).toBe('a/b');
    });

    it('file_get_contents returns [true, Uint8Array]', function () {
        const [ok, contents] = GLib.file_get_contents('/etc/hostname');
        expect(ok).toBeTrue();
        expect(contents).toBeInstanceOf(Uint8Array);
        expect(contents.length).toBeGreaterThan(0);
    });

    it('shell_parse_argv returns a zero-terminated array with its length hidden', function () {
        expect(GLib.shell_parse_argv('a b "c d"')).toEqual([true, ['a', 'b', 'c d']]);
    });

    it('environment arrays: transfer-none results pointing into arguments', function () {
        const env = GLib.environ_setenv(['A=1'], 'B', 'two', true);
        expect(env).toEqual(['A=1', 'B=two']);
        expect(GLib.environ_getenv(env, 'B')).toBe('two');
        expect(GLib.environ_getenv(null, 'NOT_SET_ANYWHERE')).toBeNull();
    });

    it('str_tokenize_and_fold returns a GStrv and a GStrv out argument', function () {
        expect(GLib.str_tokenize_and_fold('Hello World', null)).toEqual([['hello', 'world'], []]);
    });

    it('base64 round-trips bytes', function () {
        const bytes = Uint8Array.from([0, 1, 2, 253, 254, 255]);
        expect(GLib.base64_decode(GLib.base64_encode(bytes))).toEqual(bytes);
    });
});

describe('Containers given bad input', function () {
    it('throw a TypeError naming the argument for non-arrays', function () {
        expect(() => GIMarshallingTests.array_in(5))
            .toThrowError(TypeError, /Expected type gint32 for Argument 'ints' but got type 'number'/);
        expect(() => GIMarshallingTests.array_in('abc'))
            .toThrowError(TypeError, /Argument 'ints'.*'string'/);
        expect(() => GIMarshallingTests.garray_int_none_in({}))
            .toThrowError(TypeError, /Argument 'array_'/);
        expect(() => GIMarshallingTests.glist_int_none_in(5))
            .toThrowError(TypeError, /Expected type glist for Argument 'list'/);
        expect(() => GIMarshallingTests.ghashtable_int_none_in(5))
            .toThrowError(TypeError, /Expected type ghash for Argument 'hash_table'/);
    });

    it('throw a TypeError for null where it is not allowed', function () {
        expect(() => GIMarshallingTests.array_in(null))
            .toThrowError(TypeError, /Argument 'ints' but got type 'null'/);
        expect(() => GIMarshallingTests.gstrv_in(undefined)).toThrowError(TypeError);
        expect(() => GIMarshallingTests.ghashtable_utf8_none_in(null)).toThrowError(TypeError);
    });

    it('throw a TypeError naming the argument for bad elements', function () {
        expect(() => GIMarshallingTests.array_in([1, 'x', 3, 4]))
            .toThrowError(TypeError, /Expected type gint32 for Argument 'ints' but got type 'string'/);
        expect(() => GIMarshallingTests.array_string_in(['a', {}]))
            .toThrowError(TypeError, /Argument 'strings'/);
        expect(() => GIMarshallingTests.garray_utf8_none_in(['0', 1, '2']))
            .toThrowError(TypeError, /Argument 'array_'/);
        expect(() => GIMarshallingTests.gptrarray_utf8_none_in(['0', [], '2']))
            .toThrowError(TypeError, /Argument 'parray_'/);
        expect(() => GIMarshallingTests.gslist_utf8_none_in(['0', 1]))
            .toThrowError(TypeError, /Argument 'list'/);
        expect(() => GIMarshallingTests.ghashtable_utf8_none_in({a: '1', b: 2}))
            .toThrowError(TypeError, /Argument 'hash_table'/);
        expect(() => GIMarshallingTests.ghashtable_int_none_in({a: 1}))
            .toThrowError(TypeError, /Expected type gint32 for Argument 'hash_table'/);
    });

    it('throw a RangeError for lengths that do not fit the length argument', function () {
        expect(() => GIMarshallingTests.array_in_guint8_len(new Array(256).fill(0)))
            .toThrowError(RangeError, /Argument 'ints'.*length argument/);
    });

    it('rethrow exceptions from array-like objects', function () {
        const throwing = {
            length: 4,
            get 1() {
                throw new Error('element getter');
            },
        };
        expect(() => GIMarshallingTests.array_in(throwing)).toThrowError(/element getter/);
        expect(() => GIMarshallingTests.glist_utf8_none_in(throwing)).toThrowError(/element getter/);
    });

    it('leave the function usable after an error', function () {
        expect(() => GIMarshallingTests.array_string_in(['foo', 3])).toThrow();
        expect(() => GIMarshallingTests.array_string_in(['foo', 'bar'])).not.toThrow();
    });
});
