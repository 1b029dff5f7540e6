// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported TextDecoder, TextEncoder */
//
// _encoding.js: the TextEncoder and TextDecoder globals (WHATWG Encoding),
// over `_encodingNative` (modules/encoding.c). The encoder always writes
// UTF-8. The decoder takes the WHATWG labels of UTF-8 and UTF-16, and, as
// GJS does, any other encoding iconv knows (by its name); an unknown label
// is a RangeError.

const Native = imports._encodingNative;

const labels = new Map([
    ['unicode-1-1-utf-8', 'utf-8'], ['unicode11utf8', 'utf-8'],
    ['unicode20utf8', 'utf-8'], ['utf-8', 'utf-8'], ['utf8', 'utf-8'],
    ['x-unicode20utf8', 'utf-8'],
    ['csunicode', 'utf-16le'], ['iso-10646-ucs-2', 'utf-16le'],
    ['ucs-2', 'utf-16le'], ['unicode', 'utf-16le'],
    ['unicodefeff', 'utf-16le'], ['utf-16', 'utf-16le'],
    ['utf-16le', 'utf-16le'], ['unicodefffe', 'utf-16be'],
    ['utf-16be', 'utf-16be'],
    ['ascii', 'windows-1252'], ['iso-8859-1', 'windows-1252'],
    ['latin1', 'windows-1252'], ['us-ascii', 'windows-1252'],
    ['windows-1252', 'windows-1252'],
]);

function encodingOf(label) {
    const key = String(label).trim().toLowerCase();
    const known = labels.get(key);
    if (known)
        return known;
    if (key !== '' && Native.supports(key))
        return key;
    throw new RangeError(`Invalid encoding label: '${label}'`);
}

var TextEncoder = class TextEncoder {
    get encoding() {
        return 'utf-8';
    }

    encode(input = '') {
        return Native.encodeUtf8(String(input));
    }

    encodeInto(source, destination) {
        const [read, written] = Native.encodeInto(String(source), destination);
        return {read, written};
    }

    get [Symbol.toStringTag]() {
        return 'TextEncoder';
    }
};

var TextDecoder = class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;

    constructor(label = 'utf-8', options = {}) {
        this.#encoding = encodingOf(label);
        this.#fatal = Boolean(options?.fatal);
        this.#ignoreBOM = Boolean(options?.ignoreBOM);
    }

    get encoding() {
        return this.#encoding;
    }

    get fatal() {
        return this.#fatal;
    }

    get ignoreBOM() {
        return this.#ignoreBOM;
    }

    decode(input) {
        if (input === undefined || input === null)
            return '';
        return Native.decode(input, this.#encoding, this.#fatal,
            this.#ignoreBOM);
    }

    get [Symbol.toStringTag]() {
        return 'TextDecoder';
    }
};
