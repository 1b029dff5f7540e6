// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for imports.byteArray (modules/script/byteArray.js and the native
// `_byteArrayNative`, modules/byte-array.c).

const ByteArray = imports.byteArray;
const {GIMarshallingTests, GLib} = imports.gi;

function expectLegacyWarning(fn) {
    GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_WARNING,
        'Some code called array.toString()*');
    const result = fn();
    GLib.test_assert_expected_messages_internal('Gjs',
        'testSproutByteArray.js', 0, 'legacy toString');
    return result;
}

describe('byteArray.fromString()', function () {
    it('encodes UTF-8 by default, for every sequence length', function () {
        expect(ByteArray.fromString('a\u00e9\u20ac\u{1F47E}')).toEqual(
            Uint8Array.of(0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac,
                0xf0, 0x9f, 0x91, 0xbe));
    });

    it('returns a plain Uint8Array', function () {
        const array = ByteArray.fromString('abc');
        expect(array).toBeInstanceOf(Uint8Array);
        expect(Object.getPrototypeOf(array)).toBe(Uint8Array.prototype);
        expect(array.length).toBe(3);
    });

    it('encodes a lone surrogate as U+FFFD', function () {
        expect(ByteArray.fromString('a\uD800b\uDC00')).toEqual(
            Uint8Array.of(0x61, 0xef, 0xbf, 0xbd, 0x62, 0xef, 0xbf, 0xbd));
    });

    it('keeps embedded NUL characters', function () {
        expect(ByteArray.fromString('a\0b')).toEqual(Uint8Array.of(97, 0, 98));
    });

    it('gives an empty array for an empty string, in any encoding', function () {
        expect(ByteArray.fromString('').length).toBe(0);
        expect(ByteArray.fromString('', 'UTF-16LE').length).toBe(0);
    });

    it('takes the encoding name in any case, and undefined as UTF-8', function () {
        const expected = Uint8Array.of(0xc3, 0xa4);
        expect(ByteArray.fromString('ä', 'utf-8')).toEqual(expected);
        expect(ByteArray.fromString('ä', 'utf8')).toEqual(expected);
        expect(ByteArray.fromString('ä', undefined)).toEqual(expected);
    });

    it('converts to other encodings', function () {
        expect(ByteArray.fromString('äb', 'ISO-8859-1')).toEqual(
            Uint8Array.of(0xe4, 0x62));
        expect(ByteArray.fromString('a\u20ac', 'UTF-16LE')).toEqual(
            Uint8Array.of(0x61, 0, 0xac, 0x20));
        expect(ByteArray.fromString('a\0b', 'UTF-16BE')).toEqual(
            Uint8Array.of(0, 0x61, 0, 0, 0, 0x62));
    });

    it('throws a TypeError for an unknown encoding', function () {
        expect(() => ByteArray.fromString('a', 'NO-SUCH-ENCODING'))
            .toThrowError(TypeError, /NO-SUCH-ENCODING/);
    });

    it('throws a TypeError for characters the encoding cannot represent', function () {
        expect(() => ByteArray.fromString('\u215c', 'LATIN1'))
            .toThrowError(TypeError);
    });

    it('throws a TypeError for arguments of the wrong type', function () {
        expect(() => ByteArray.fromString()).toThrowError(TypeError);
        expect(() => ByteArray.fromString(42)).toThrowError(TypeError);
        expect(() => ByteArray.fromString(new String('a'))).toThrowError(TypeError);
        expect(() => ByteArray.fromString('a', null)).toThrowError(TypeError);
        expect(() => ByteArray.fromString('a', 8)).toThrowError(TypeError);
    });

    it('handles long strings', function () {
        const string = `${'x'.repeat(100000)}\u20ac`;
        const array = ByteArray.fromString(string);
        expect(array.length).toBe(100003);
        expect(ByteArray.toString(array)).toBe(string);
    });

    it('has the arity of GJS', function () {
        expect(ByteArray.fromString.length).toBe(2);
        expect(ByteArray.toString.length).toBe(2);
    });
});

describe('byteArray.toString()', function () {
    it('decodes UTF-8 by default, for every sequence length', function () {
        expect(ByteArray.toString(Uint8Array.of(0x61, 0xc3, 0xa9, 0xe2, 0x82,
            0xac, 0xf0, 0x9f, 0x91, 0xbe))).toBe('a\u00e9\u20ac\u{1F47E}');
    });

    it('stops at the first NUL byte, in any encoding', function () {
        expect(ByteArray.toString(Uint8Array.of(97, 98, 0, 99))).toBe('ab');
        expect(ByteArray.toString(Uint8Array.of(97, 0), 'LATIN1')).toBe('a');
        expect(ByteArray.toString(Uint8Array.of(0, 97))).toBe('');
    });

    it('keeps a byte order mark', function () {
        expect(ByteArray.toString(Uint8Array.of(0xef, 0xbb, 0xbf, 97)))
            .toBe('\uFEFFa');
    });

    it('reads only the bytes of a subarray', function () {
        const array = Uint8Array.of(97, 98, 99, 100).subarray(1, 3);
        expect(ByteArray.toString(array)).toBe('bc');
    });

    it('decodes other encodings', function () {
        expect(ByteArray.toString(Uint8Array.of(0xe4, 0x62), 'LATIN1')).toBe('äb');
        expect(ByteArray.toString(Uint8Array.of(0x61, 0x4e, 0x62, 0x4e), 'UTF-16LE'))
            .toBe('\u4e61\u4e62');
    });

    it('decodes long arrays', function () {
        const array = new Uint8Array(5000).fill(0x7a);
        expect(ByteArray.toString(array)).toBe('z'.repeat(5000));
    });

    it('throws a TypeError for malformed UTF-8', function () {
        for (const bytes of [[0xff], [0x61, 0xe2, 0x82], [0xc0, 0xaf],
            [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]) {
            expect(() => ByteArray.toString(Uint8Array.from(bytes)))
                .withContext(String(bytes)).toThrowError(TypeError, /UTF-8/);
        }
    });

    it('throws a TypeError for an unknown encoding', function () {
        expect(() => ByteArray.toString(Uint8Array.of(97), 'NO-SUCH-ENCODING'))
            .toThrowError(TypeError, /NO-SUCH-ENCODING/);
    });

    it('throws a TypeError for bytes invalid in the encoding', function () {
        expect(() => ByteArray.toString(Uint8Array.of(0x81), 'ASCII'))
            .toThrowError(TypeError);
    });

    it('takes only a Uint8Array', function () {
        for (const value of [undefined, null, 'abc', [97, 98],
            Int8Array.of(97), Uint8ClampedArray.of(97),
            new ByteArray.ByteArray(2)]) {
            expect(() => ByteArray.toString(value))
                .withContext(String(value)).toThrowError(TypeError, /Uint8Array/);
        }
        expect(() => ByteArray.toString(Uint8Array.of(97), 1))
            .toThrowError(TypeError);
    });
});

describe('The legacy toString() of byte arrays', function () {
    it('is an own, non-enumerable property of what fromString() returns', function () {
        const array = ByteArray.fromString('a');
        const descriptor = Object.getOwnPropertyDescriptor(array, 'toString');
        expect(descriptor.enumerable).toBeFalse();
        expect(descriptor.writable).toBeTrue();
        expect(Object.keys(array)).toEqual(['0']);
    });

    it('decodes the array as UTF-8, with a warning', function () {
        const array = ByteArray.fromString('\u215c');
        expect(expectLegacyWarning(() => array.toString())).toBe('\u215c');
        expect(expectLegacyWarning(() => `${array}`)).toBe('\u215c');
    });

    it('is on what fromGBytes() returns', function () {
        const array = ByteArray.fromGBytes(ByteArray.toGBytes(Uint8Array.of(97, 98)));
        expect(expectLegacyWarning(() => array.toString())).toBe('ab');
    });

    it('throws a TypeError on anything but a Uint8Array', function () {
        const {toString} = ByteArray.fromString('a');
        expect(() => toString.call({})).toThrowError(TypeError);
    });

    it('is not on other Uint8Arrays', function () {
        expect(Uint8Array.of(97, 98).toString()).toBe('97,98');
    });

    it('is on the byte arrays GI returns, not enumerable', function () {
        // A GByteArray, a C array of guint8 with transfer none and with
        // transfer full (its storage taken over), a byte-array GValue.
        const fromGI = [
            GIMarshallingTests.bytearray_full_return(),
            GLib.base64_decode('YWJj'),
            GLib.file_get_contents('/dev/null')[1],
            new GIMarshallingTests.PropertiesObject({
                some_byte_array: Uint8Array.of(104, 105),
            }).some_byte_array,
        ];
        for (const array of fromGI) {
            expect(array).toBeInstanceOf(Uint8Array);
            expect(Object.getOwnPropertyDescriptor(array, 'toString').enumerable)
                .toBeFalse();
            expect(Object.keys(array).includes('toString')).toBeFalse();
        }
        expect(expectLegacyWarning(() => fromGI[1].toString())).toBe('abc');
        expect(expectLegacyWarning(() => `${fromGI[3]}`)).toBe('hi');
        // bytearray_full_return() gives 0x00 first: the decoded string
        // stops there.
        expect(expectLegacyWarning(() => fromGI[0].toString())).toBe('');
    });
});

describe('byteArray and GLib.Bytes', function () {
    it('convert both ways', function () {
        const bytes = ByteArray.toGBytes(Uint8Array.of(1, 2, 255));
        expect(bytes).toBeInstanceOf(GLib.Bytes);
        expect(bytes.get_size()).toBe(3);
        expect(ByteArray.fromGBytes(bytes)).toEqual(Uint8Array.of(1, 2, 255));
    });

    it('copy the bytes each way', function () {
        const array = Uint8Array.of(1);
        const bytes = ByteArray.toGBytes(array);
        array[0] = 9;
        const copy = ByteArray.fromGBytes(bytes);
        copy[0] = 7;
        expect(ByteArray.fromGBytes(bytes)).toEqual(Uint8Array.of(1));
    });

    it('handle empty arrays and subarrays', function () {
        expect(ByteArray.fromGBytes(ByteArray.toGBytes(new Uint8Array(0))).length)
            .toBe(0);
        const sub = Uint8Array.of(1, 2, 3, 4).subarray(1, 3);
        expect(ByteArray.fromGBytes(ByteArray.toGBytes(sub))).toEqual(Uint8Array.of(2, 3));
    });

    it('accept GLib.Bytes made by GLib', function () {
        const bytes = GLib.Bytes.new(Uint8Array.of(104, 105));
        expect(ByteArray.toString(ByteArray.fromGBytes(bytes))).toBe('hi');
    });

    it('reject other values with a TypeError', function () {
        for (const value of [undefined, 5, {}, [1, 2]])
            expect(() => ByteArray.fromGBytes(value)).toThrowError(TypeError);
        for (const value of [undefined, [1, 2], Int8Array.of(1), new ByteArray.ByteArray(2)])
            expect(() => ByteArray.toGBytes(value)).toThrowError(TypeError);
    });
});

describe('The legacy ByteArray class', function () {
    it('is made empty, by size or from an array', function () {
        expect(new ByteArray.ByteArray().length).toBe(0);
        const sized = new ByteArray.ByteArray(3);
        expect([sized[0], sized[1], sized[2], sized[3]]).toEqual([0, 0, 0, undefined]);
        expect(new ByteArray.ByteArray([1, 2])[1]).toBe(2);
        expect(() => new ByteArray.ByteArray(-1)).toThrowError(RangeError);
    });

    it('wraps a Uint8Array it is given', function () {
        const array = Uint8Array.of(1, 2);
        const wrapper = new ByteArray.ByteArray(array);
        wrapper[0] = 5;
        expect(array[0]).toBe(5);
        expect(wrapper).toBeInstanceOf(ByteArray.ByteArray);
    });

    it('stores values as a Uint8Array does', function () {
        const array = new ByteArray.ByteArray(1);
        for (const [value, stored] of [[300, 44], [-1, 255], [3.9, 3], ['7', 7],
            [null, 0], [undefined, 0], [NaN, 0]]) {
            array[0] = value;
            expect(array[0]).withContext(String(value)).toBe(stored);
        }
    });

    it('grows when written past its end, and when its length is set', function () {
        const array = new ByteArray.ByteArray();
        array[3] = 1;
        expect(array.length).toBe(4);
        expect(array[2]).toBe(0);
        array.length = 6;
        expect(array.length).toBe(6);
        expect(array[3]).toBe(1);
        array.length = 2;
        expect(array.length).toBe(2);
        expect(array[3]).toBeUndefined();
    });

    it('ignores non-integer numeric keys as a Uint8Array does', function () {
        const array = new ByteArray.ByteArray(1);
        array[-1] = 5;
        array[1.5] = 5;
        expect(array[-1]).toBeUndefined();
        expect(array[1.5]).toBeUndefined();
        expect(array.length).toBe(1);
    });

    it('keeps other properties', function () {
        const array = new ByteArray.ByteArray(1);
        array.foo = 'bar';
        expect(array.foo).toBe('bar');
    });

    it('supports `in` and iteration', function () {
        const array = ByteArray.fromArray([1, 2, 3]);
        expect(0 in array).toBeTrue();
        expect(3 in array).toBeFalse();
        expect([...array]).toEqual([1, 2, 3]);
        expect(Uint8Array.from(array)).toEqual(Uint8Array.of(1, 2, 3));
    });

    it('is what fromArray() returns, a copy', function () {
        const source = Uint8Array.of(1, 2);
        const array = ByteArray.fromArray(source);
        expect(array).toBeInstanceOf(ByteArray.ByteArray);
        array[0] = 9;
        expect(source[0]).toBe(1);
        expect(ByteArray.fromArray([1, 300, -1])._array).toEqual(Uint8Array.of(1, 44, 255));
    });

    it('decodes itself without a warning, in any encoding', function () {
        expect(ByteArray.fromArray([97, 98, 0, 99]).toString()).toBe('ab');
        expect(ByteArray.fromArray([0xe4]).toString('LATIN1')).toBe('ä');
        expect(() => ByteArray.fromArray([0xe4]).toString()).toThrowError(TypeError);
    });

    it('converts to GLib.Bytes', function () {
        const bytes = ByteArray.fromArray([5, 6]).toGBytes();
        expect(ByteArray.fromGBytes(bytes)).toEqual(Uint8Array.of(5, 6));
    });

    it('can be passed to C as a GByteArray', function () {
        const array = ByteArray.fromArray([0, 49, 0xFF, 51]);
        expect(() => GIMarshallingTests.bytearray_none_in(array)).not.toThrow();
    });
});
