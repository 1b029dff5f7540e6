// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GLib.Variant: wrappers and their GI methods, `new GLib.Variant()`
// for every kind of signature, the unpack family, GVariants as GI arguments,
// results and GValues, GLib.Bytes.prototype.toArray(), and the errors bad
// signatures and values get. Expectations follow GJS 1.74 (testGLib.js and
// the GVariant parts of testGIMarshalling.js and testRegress.js).

const GIMarshallingTests = imports.gi.GIMarshallingTests;
const GLib = imports.gi.GLib;
const Regress = imports.gi.Regress;

describe('GLib.Variant wrappers', function () {
    it('are instances of GLib.Variant with GI methods', function () {
        const v = GLib.Variant.new_int32(42);
        expect(v instanceof GLib.Variant).toBeTrue();
        expect(v.get_type_string()).toBe('i');
        expect(v.get_int32()).toBe(42);
        expect(v.print(true)).toBe('42');
        expect(v.is_of_type(new GLib.VariantType('i'))).toBeTrue();
    });

    it('have a GJS-style toString()', function () {
        expect(String(new GLib.Variant('a{sv}', {}))).toBe(
            '[object variant of type "a{sv}"]');
    });

    it('compare by value with equal()', function () {
        const a = new GLib.Variant('(si)', ['x', 1]);
        expect(a.equal(new GLib.Variant('(si)', ['x', 1]))).toBeTrue();
        expect(a.equal(new GLib.Variant('(si)', ['x', 2]))).toBeFalse();
    });

    it('reach children with n_children() and get_child_value()', function () {
        const v = new GLib.Variant('ai', [4, 5, 6]);
        expect(v.n_children()).toBe(3);
        expect(v.get_child_value(2).get_int32()).toBe(6);
    });

    it('have the old GLib.Variant.new() spelling', function () {
        expect(GLib.Variant.new('s', 'x').equal(new GLib.Variant('s', 'x')))
            .toBeTrue();
    });

    it('have a $gtype', function () {
        expect(GLib.Variant.$gtype).toBeDefined();
    });

    it('refuse methods on non-variants', function () {
        const getTypeString = GLib.Variant.prototype.get_type_string;
        expect(() => getTypeString.call({})).toThrowError(TypeError);
    });
});

describe('new GLib.Variant()', function () {
    const basic = [
        ['b', true, 'true'],
        ['y', 200, '0xc8'],
        ['n', -300, '-300'],
        ['q', 60000, '60000'],
        ['i', -5, '-5'],
        ['u', 4000000000, '4000000000'],
        ['x', -(2 ** 40), '-1099511627776'],
        ['t', 2 ** 40, '1099511627776'],
        ['h', 3, '3'],
        ['d', 0.5, '0.5'],
        ['s', 'hello', "'hello'"],
        ['o', '/org/gnome/Sprout', "'/org/gnome/Sprout'"],
        ['g', 'a{sv}', "'a{sv}'"],
    ];
    basic.forEach(([signature, value, printed]) => {
        it(`packs and unpacks '${signature}'`, function () {
            const v = new GLib.Variant(signature, value);
            expect(v.get_type_string()).toBe(signature);
            expect(v.print(false)).toBe(printed);
            expect(v.unpack()).toEqual(value);
            expect(v.deepUnpack()).toEqual(value);
            expect(v.recursiveUnpack()).toEqual(value);
        });
    });

    it('packs 64-bit BigInts exactly', function () {
        expect(new GLib.Variant('x', -(2n ** 63n)).print(false))
            .toBe('-9223372036854775808');
        expect(new GLib.Variant('t', 2n ** 64n - 1n).print(false))
            .toBe('18446744073709551615');
    });

    it("packs nested variants 'v'", function () {
        const inner = new GLib.Variant('s', 'inner');
        const v = new GLib.Variant('v', inner);
        expect(v.unpack() instanceof GLib.Variant).toBeTrue();
        expect(v.deepUnpack().unpack()).toBe('inner');
        expect(v.recursiveUnpack()).toBe('inner');
    });

    it('packs arrays', function () {
        const v = new GLib.Variant('as', ['a', 'b']);
        expect(v.deepUnpack()).toEqual(['a', 'b']);
        const shallow = v.unpack();
        expect(shallow.length).toBe(2);
        expect(shallow[0] instanceof GLib.Variant).toBeTrue();
        expect(new GLib.Variant('aai', [[1], [2, 3]]).deepUnpack())
            .toEqual([[1], [2, 3]]);
        expect(new GLib.Variant('ai', []).deepUnpack()).toEqual([]);
    });

    it('packs tuples', function () {
        const v = new GLib.Variant('(sogvau)', ['a string', '/a/path', 'asig',
            new GLib.Variant('s', 'variant'), [7, 3]]);
        expect(v.n_children()).toBe(5);
        const unpacked = v.deepUnpack();
        expect(unpacked[3] instanceof GLib.Variant).toBeTrue();
        expect(unpacked[4]).toEqual([7, 3]);
        expect(v.recursiveUnpack()).toEqual(['a string', '/a/path', 'asig',
            'variant', [7, 3]]);
        expect(new GLib.Variant('()', []).print(false)).toBe('()');
    });

    it('packs dictionaries a{sv}', function () {
        const v = new GLib.Variant('a{sv}', {
            foo: new GLib.Variant('s', 'bar'),
            n: new GLib.Variant('i', 1),
        });
        expect(v.unpack().foo instanceof GLib.Variant).toBeTrue();
        expect(v.deepUnpack().foo instanceof GLib.Variant).toBeTrue();
        expect(v.deep_unpack().foo.unpack()).toBe('bar');
        expect(v.recursiveUnpack()).toEqual({foo: 'bar', n: 1});
    });

    it('packs dictionaries with other key and value types', function () {
        expect(new GLib.Variant('a{ss}', {a: 'b'}).deepUnpack())
            .toEqual({a: 'b'});
        const v = new GLib.Variant('a{ia{sv}}',
            {5: {on: new GLib.Variant('b', true)}});
        expect(v.print(false)).toBe("{5: {'on': <true>}}");
        expect(v.recursiveUnpack()).toEqual({5: {on: true}});
        expect(new GLib.Variant('{sv}', ['k', new GLib.Variant('i', 1)])
            .recursiveUnpack()).toEqual(['k', 1]);
    });

    it('packs maybes', function () {
        expect(new GLib.Variant('ms', null).deepUnpack()).toBeNull();
        expect(new GLib.Variant('ms', 'x').deepUnpack()).toBe('x');
        expect(new GLib.Variant('ms', 'x').unpack() instanceof GLib.Variant)
            .toBeTrue();
        expect(new GLib.Variant('mmi', null).print(true)).toBe('@mmi nothing');
    });

    it("packs byte arrays 'ay' from strings, NUL-terminated", function () {
        const a = new GLib.Variant('ay', 'pizza').deepUnpack();
        expect(a instanceof Uint8Array).toBeTrue();
        expect(Array.from(a)).toEqual([112, 105, 122, 122, 97, 0]);
    });

    it("packs byte arrays 'ay' from Uint8Arrays and Arrays", function () {
        const bytes = Uint8Array.from([1, 2, 3]);
        expect(Array.from(new GLib.Variant('ay', bytes).unpack()))
            .toEqual([1, 2, 3]);
        expect(Array.from(new GLib.Variant('ay', bytes.subarray(1))
            .deepUnpack())).toEqual([2, 3]);
        expect(Array.from(new GLib.Variant('ay', [4, 5]).deepUnpack()))
            .toEqual([4, 5]);
    });
});

describe('GLib.Variant errors', function () {
    it('rejects invalid signatures', function () {
        expect(() => new GLib.Variant('', 1)).toThrowError(TypeError);
        expect(() => new GLib.Variant('z', 1)).toThrowError(TypeError,
            /Invalid GVariant signature/);
        expect(() => new GLib.Variant('ii', 1)).toThrowError(TypeError,
            /more than one single complete type/);
        expect(() => new GLib.Variant('a*', [])).toThrowError(TypeError);
        expect(() => new GLib.Variant('(i', [1])).toThrowError(TypeError);
        expect(() => new GLib.Variant(42, 1)).toThrowError(TypeError);
    });

    it('rejects values that do not fit', function () {
        expect(() => new GLib.Variant('i', 'x')).toThrowError(TypeError);
        expect(() => new GLib.Variant('y', 256)).toThrowError(TypeError);
        expect(() => new GLib.Variant('s', 5)).toThrowError(TypeError);
        expect(() => new GLib.Variant('o', 'no path')).toThrowError(TypeError);
        expect(() => new GLib.Variant('v', 'x')).toThrowError(TypeError);
        expect(() => new GLib.Variant('ai', 5)).toThrowError(TypeError);
        expect(() => new GLib.Variant('(ii)', [1])).toThrowError(TypeError);
        expect(() => new GLib.Variant('a{sv}', {a: 1})).toThrowError(TypeError);
        expect(() => new GLib.Variant('x', 2n ** 63n)).toThrowError(TypeError);
    });

    it('leaves nothing behind after a failure halfway', function () {
        expect(() => new GLib.Variant('a(si)', [['a', 1], ['b', 'x']]))
            .toThrowError(TypeError);
        expect(new GLib.Variant('a(si)', [['a', 1]]).deepUnpack())
            .toEqual([['a', 1]]);
    });
});

describe('GVariants in GI calls', function () {
    it('are results with transfer none (floating) and full', function () {
        expect(Regress.get_variant().unpack()).toBe(42);
        expect(Regress.test_gvariant_i().get_int32()).toBe(1);
        expect(Regress.test_gvariant_asv().recursiveUnpack())
            .toEqual({name: 'foo', timeout: 10});
        expect(Regress.test_gvariant_v().unpack()).toEqual(
            jasmine.any(GLib.Variant));
    });

    ['none', 'container', 'full'].forEach(transfer => {
        it(`are array elements with transfer ${transfer}`, function () {
            const returned = GIMarshallingTests[`array_gvariant_${transfer}_in`](
                [new GLib.Variant('i', 27), new GLib.Variant('s', 'Hello')]);
            expect(returned.map(v => v.deepUnpack())).toEqual([27, 'Hello']);
        });
    });

    it('are GValues (properties)', function () {
        const obj = new GIMarshallingTests.PropertiesObject();
        const v = new GLib.Variant('x', -(2n ** 63n));
        obj.some_variant = v;
        expect(obj.some_variant.equal(v)).toBeTrue();
        obj.some_variant = null;
        expect(obj.some_variant).toBeNull();
        expect(() => (obj.some_variant = 'x')).toThrowError(TypeError);
    });

    it('work with GLib.VariantDict', function () {
        const dict = new GLib.VariantDict(null);
        dict.insert_value('foo', GLib.Variant.new_string('bar'));
        expect(dict.lookup('foo')).toBe('bar');
        expect(dict.lookup('foo', 's')).toBe('bar');
        expect(dict.lookup('nope')).toBeNull();
        expect(dict.end().recursiveUnpack()).toEqual({foo: 'bar'});
    });
});

describe('GLib.Bytes.prototype.toArray()', function () {
    it('copies the data into a Uint8Array', function () {
        const bytes = new GLib.Bytes(Uint8Array.from([1, 2, 3]));
        const array = bytes.toArray();
        expect(array instanceof Uint8Array).toBeTrue();
        expect(Array.from(array)).toEqual([1, 2, 3]);
        expect(new GLib.Variant('ay', 'ab').get_data_as_bytes().toArray()
            .length).toBe(3);
    });

    it('gives an empty Uint8Array for empty bytes', function () {
        expect(new GLib.Bytes(new Uint8Array(0)).toArray().length).toBe(0);
    });
});
