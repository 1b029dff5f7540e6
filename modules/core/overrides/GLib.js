// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// GLib overrides, with GJS 1.74's API. GLib.Variant's constructor and its
// unpack family are native (VariantBase in gi/js/object.js, packing and
// unpacking in gi/variant-convert.c); this module adds the rest: the old
// GLib.Variant.new() spelling, GLib.Bytes.prototype.toArray(),
// GLib.VariantDict.prototype.lookup(), GLib.log_structured(), and GJS's
// stand-ins for the string functions that cannot be introspected.

let GLib;

function notIntrospectable(name, replacement) {
    return new Error(`${name} is not introspectable. Use ${replacement} instead.`);
}

function warnNotIntrospectable(name, replacement) {
    logError(notIntrospectable(name, replacement));
}

// Escapes the characters that are special inside a RegExp character set.
function escapeForSet(chars) {
    return chars.replace(/[-^\]\\]/g, '\\$&');
}

function sliceFor(haystack, len) {
    return len === -1 ? haystack : haystack.slice(0, len);
}

function defineVariantApi() {
    const Variant = GLib.Variant;

    Variant._new_internal = function (signature, value) {
        return new Variant(signature, value);
    };
    // The spelling of GJS before `new GLib.Variant()`.
    Variant.new = function (signature, value) {
        return new Variant(signature, value);
    };

    GLib.Bytes.prototype.toArray = function toArray() {
        const data = this.get_data();
        return data ? Uint8Array.from(data) : new Uint8Array(0);
    };

    GLib.VariantDict.prototype.lookup = function lookup(key,
        variantType = null, deep = false) {
        if (typeof variantType === 'string')
            variantType = new GLib.VariantType(variantType);
        const variant = this.lookup_value(key, variantType);
        if (variant === null)
            return null;
        return deep ? variant.deepUnpack() : variant.unpack();
    };

    GLib.log_structured = function log_structured(logDomain, logLevel,
        stringFields) {
        const fields = {};
        for (const key in stringFields)
            fields[key] = new Variant('s', stringFields[key]);
        GLib.log_variant(logDomain, logLevel, new Variant('a{sv}', fields));
    };
}

function defineStringFunctions() {
    GLib.stpcpy = function stpcpy() {
        throw notIntrospectable('GLib.stpcpy()', 'the + operator');
    };

    GLib.strstr_len = function strstr_len(haystack, len, needle) {
        warnNotIntrospectable('GLib.strstr_len()', 'String.indexOf()');
        const index = sliceFor(haystack, len).indexOf(needle);
        return index === -1 ? null : haystack.slice(index);
    };

    GLib.strrstr = function strrstr(haystack, needle) {
        warnNotIntrospectable('GLib.strrstr()', 'String.lastIndexOf()');
        const index = haystack.lastIndexOf(needle);
        return index === -1 ? null : haystack.slice(index);
    };

    GLib.strrstr_len = function strrstr_len(haystack, len, needle) {
        warnNotIntrospectable('GLib.strrstr_len()', 'String.lastIndexOf()');
        const index = sliceFor(haystack, len).lastIndexOf(needle);
        return index === -1 ? null : haystack.slice(index);
    };

    GLib.strup = function strup(string) {
        warnNotIntrospectable('GLib.strup()',
            'String.toUpperCase() or GLib.ascii_strup()');
        return string.toUpperCase();
    };

    GLib.strdown = function strdown(string) {
        warnNotIntrospectable('GLib.strdown()',
            'String.toLowerCase() or GLib.ascii_strdown()');
        return string.toLowerCase();
    };

    GLib.strreverse = function strreverse(string) {
        warnNotIntrospectable('GLib.strreverse()',
            'Array.reverse() and String.join()');
        return Array.from(string).reverse().join('');
    };

    GLib.ascii_dtostr = function ascii_dtostr(unused, len, number) {
        warnNotIntrospectable('GLib.ascii_dtostr()', 'JS string conversion');
        return String(number).slice(0, len);
    };

    GLib.ascii_formatd = function ascii_formatd() {
        throw notIntrospectable('GLib.ascii_formatd()',
            'Number.toExponential() and string interpolation');
    };

    GLib.strchug = function strchug(string) {
        warnNotIntrospectable('GLib.strchug()', 'String.trimStart()');
        return string.trimStart();
    };

    GLib.strchomp = function strchomp(string) {
        warnNotIntrospectable('GLib.strchomp()', 'String.trimEnd()');
        return string.trimEnd();
    };

    // g_strstrip() is a macro, absent from the GIR; GJS offers it anyway.
    GLib.strstrip = function strstrip(string) {
        warnNotIntrospectable('GLib.strstrip()', 'String.trim()');
        return string.trim();
    };

    GLib.strdelimit = function strdelimit(string, delimiters, newDelimiter) {
        warnNotIntrospectable('GLib.strdelimit()', 'String.replace()');
        if (delimiters === null)
            delimiters = GLib.STR_DELIMITERS;
        if (typeof newDelimiter === 'number')
            newDelimiter = String.fromCharCode(newDelimiter);
        const set = new RegExp(`[${escapeForSet(delimiters)}]`, 'g');
        return string.replace(set, newDelimiter);
    };

    GLib.strcanon = function strcanon(string, validChars, substitutor) {
        warnNotIntrospectable('GLib.strcanon()', 'String.replace()');
        if (typeof substitutor === 'number')
            substitutor = String.fromCharCode(substitutor);
        const set = new RegExp(`[^${escapeForSet(validChars)}]`, 'g');
        return string.replace(set, substitutor);
    };

    // Reference-counted strings: the typelib describes them as plain
    // strings, so the C functions would free one with g_free() (an abort)
    // or read a header that a JS string's copy does not have. In JS every
    // string is one already.
    GLib.ref_string_new = GLib.ref_string_new_intern = GLib.ref_string_acquire =
        string => String(string);
    GLib.ref_string_new_len = (string, len) => sliceFor(String(string), len);
    GLib.ref_string_release = () => {};
    GLib.ref_string_length = string => new TextEncoder().encode(String(string)).length;
}

function _init() {
    // `this` is the GLib namespace.
    GLib = this;

    // 64-bit limits as BigInts (the Number constants cannot hold them).
    GLib.MININT64_BIGINT = -(2n ** 63n);
    GLib.MAXINT64_BIGINT = 2n ** 63n - 1n;
    GLib.MAXUINT64_BIGINT = 2n ** 64n - 1n;

    // GJS gives every Error a matches() so that callers need not check
    // instanceof GLib.Error first.
    if (!Object.hasOwn(Error.prototype, 'matches')) {
        Object.defineProperty(Error.prototype, 'matches', {
            value() {
                return false;
            },
            writable: true,
            configurable: true,
        });
    }

    defineVariantApi();
    defineStringFunctions();
}
