// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the TextEncoder and TextDecoder globals.

describe('TextEncoder', function () {
    it('encodes UTF-8, lone surrogates as U+FFFD', function () {
        const bytes = new TextEncoder().encode('hé😀\uD800');
        expect(bytes instanceof Uint8Array).toBeTrue();
        expect([...bytes]).toEqual([0x68, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80,
            0xEF, 0xBF, 0xBD]);
        expect(new TextEncoder().encode().length).toBe(0);
        expect(new TextEncoder().encoding).toBe('utf-8');
    });

    it('encodes into a buffer without splitting characters', function () {
        const dest = new Uint8Array(4);
        expect(new TextEncoder().encodeInto('abcé', dest))
            .toEqual({read: 3, written: 3});
        expect(() => new TextEncoder().encodeInto('a', [])).toThrowError(TypeError);
    });
});

describe('TextDecoder', function () {
    it('decodes UTF-8 from typed arrays, DataViews and ArrayBuffers', function () {
        const bytes = new TextEncoder().encode('héllo\0end');
        const decoder = new TextDecoder();
        expect(decoder.decode(bytes)).toBe('héllo\0end');
        expect(decoder.decode(bytes.buffer)).toBe('héllo\0end');
        expect(decoder.decode(new DataView(bytes.buffer, 1, 2))).toBe('é');
        expect(decoder.decode()).toBe('');
    });

    it('replaces malformed input, or throws when fatal', function () {
        const bad = new Uint8Array([0x61, 0xFF, 0x62]);
        expect(new TextDecoder().decode(bad)).toBe('a\uFFFDb');
        expect(() => new TextDecoder('utf-8', {fatal: true}).decode(bad))
            .toThrowError(TypeError);
    });

    it('drops a BOM unless asked not to', function () {
        const withBom = new Uint8Array([0xEF, 0xBB, 0xBF, 0x41]);
        expect(new TextDecoder().decode(withBom)).toBe('A');
        expect(new TextDecoder('utf-8', {ignoreBOM: true}).decode(withBom))
            .toBe('\uFEFFA');
    });

    it('decodes UTF-16 and the encodings iconv knows', function () {
        expect(new TextDecoder('utf-16le').decode(new Uint8Array([0x68, 0, 0x69, 0])))
            .toBe('hi');
        expect(new TextDecoder('utf-16be').decode(new Uint8Array([0, 0x68])))
            .toBe('h');
        expect(new TextDecoder('iso-8859-15').decode(new Uint8Array([0xA4])))
            .toBe('€');
        expect(new TextDecoder('Latin1').encoding).toBe('windows-1252');
    });

    it('refuses unknown labels and non-byte input', function () {
        expect(() => new TextDecoder('no-such-encoding')).toThrowError(RangeError);
        expect(() => new TextDecoder().decode('text')).toThrowError(TypeError);
    });
});
