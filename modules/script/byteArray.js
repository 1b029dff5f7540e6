// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported ByteArray, fromArray, fromGBytes, fromString, toGBytes, toString */
//
// byteArray.js (imports.byteArray): GJS's helpers between strings, byte
// arrays (Uint8Array) and GLib.Bytes, plus the legacy ByteArray class.
//
// The encoding work is native (modules/byte-array.c, `_byteArrayNative`):
// fromString(string, encoding = 'UTF-8') encodes a string into a new
// Uint8Array and toString(uint8array, encoding = 'UTF-8') decodes one,
// stopping at the first NUL byte. Bad arguments and failed conversions
// (unknown encoding, invalid input) throw TypeErrors.
//
// As in GJS, the Uint8Arrays made by fromString() and fromGBytes() carry an
// own, non-enumerable toString() that still decodes them as UTF-8 (logging a
// warning), because they used to be ByteArray objects whose toString() did.
//
// ByteArray is the class from before Uint8Array: a wrapper around a
// Uint8Array (`_array`) behind a Proxy, so that integer keys read and write
// the bytes, writing past the end grows the array (with zeroes) and `length`
// can be set. Values are stored as a Uint8Array stores them (modulo 256,
// fractions dropped, null/undefined/NaN as 0).

const _native = imports._byteArrayNative;

let _GLib = null;

function _getGLib() {
    if (_GLib === null)
        _GLib = imports.gi.GLib;
    return _GLib;
}

// One toString() shared by every array that gets it, and one descriptor.
const _legacyToString = Object.freeze({
    value: _native.legacyToString,
    writable: true,
    enumerable: false,
    configurable: true,
});

function _withLegacyToString(array) {
    return Object.defineProperty(array, 'toString', _legacyToString);
}

// An undefined encoding means UTF-8 (natively): no JS default parameters, so
// that fromString.length and toString.length are 2 as in GJS.
function fromString(string, encoding) {
    return _withLegacyToString(_native.fromString(string, encoding));
}

function toString(array, encoding) {
    return _native.toString(array, encoding);
}

function fromGBytes(bytes) {
    const GLib = _getGLib();
    if (!(bytes instanceof GLib.Bytes))
        throw new TypeError('byteArray.fromGBytes(): argument 1 must be a GLib.Bytes');
    // get_data() is (transfer none): the Uint8Array is a copy, so writing to
    // it cannot change the immutable GBytes.
    const data = bytes.get_data() ?? new Uint8Array(0);
    return _withLegacyToString(data);
}

function toGBytes(array) {
    if (!(array instanceof Uint8Array))
        throw new TypeError('byteArray.toGBytes(): argument 1 must be a Uint8Array');
    const GLib = _getGLib();
    return new GLib.Bytes(array);
}

function fromArray(array) {
    return new ByteArray(Uint8Array.from(array));
}

// Whether a property key is a canonical numeric string ('0', '12', '-1',
// '1.5', ...): keys a Uint8Array handles itself rather than as properties.
function _isNumericKey(key) {
    if (typeof key !== 'string' || key.length === 0)
        return false;
    const first = key.charCodeAt(0);
    if ((first < 48 || first > 57) && first !== 45 /* - */ &&
        key !== 'Infinity' && key !== 'NaN')
        return false;
    return key === '-0' || String(Number(key)) === key;
}

const _proxyHandler = {
    get(target, key, receiver) {
        if (_isNumericKey(key))
            return target._array[key];
        return Reflect.get(target, key, receiver);
    },

    set(target, key, value, receiver) {
        if (!_isNumericKey(key))
            return Reflect.set(target, key, value, receiver);
        const index = Number(key);
        if (Number.isInteger(index) && index >= target._array.length)
            target.length = index + 1;
        target._array[key] = value;
        return true;
    },

    has(target, key) {
        if (_isNumericKey(key))
            return key in target._array;
        return Reflect.has(target, key);
    },
};

var ByteArray = class ByteArray {
    constructor(arg = 0) {
        this._array = arg instanceof Uint8Array ? arg : new Uint8Array(arg);
        return new Proxy(this, _proxyHandler);
    }

    get length() {
        return this._array.length;
    }

    set length(newLength) {
        const array = this._array;
        if (newLength === array.length)
            return;
        const resized = new Uint8Array(newLength);
        resized.set(resized.length < array.length
            ? array.subarray(0, resized.length) : array);
        this._array = resized;
    }

    toString(encoding = 'UTF-8') {
        return _native.toString(this._array, encoding);
    }

    toGBytes() {
        return toGBytes(this._array);
    }

    *[Symbol.iterator]() {
        yield* this._array;
    }
};
