// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GLib functions whose memory the typelib describes wrongly or not
// at all, which crashed when called as described: strings a GMatchInfo
// reads after the call (gi/regex-string.c) and reference-counted strings
// (the GLib override).

const GLib = imports.gi.GLib;

// A GLib.MatchInfo reads the string it was matched in long after
// g_regex_match() returned (gi/regex-string.c keeps Sprout's copy for it):
// fetching from the match of a 2 MB text crashed, as it does gjs 1.74.
describe('GLib.MatchInfo', function () {
    it('reads the string it matched, however big, after the call', function () {
        const regex = GLib.Regex.new('a(b+)c', 0, 0);
        const small = regex.match('xabbc', 0);
        expect(small[0]).toBeTrue();
        expect(small[1].fetch(1)).toBe('bb');
        const big = `${'x'.repeat(2 * 1024 * 1024)}abbbc`;
        const [found, info] = regex.match(big, 0);
        expect(found).toBeTrue();
        expect(info.fetch(0)).toBe('abbbc');
        expect(info.fetch_pos(1)).toEqual([true, 2 * 1024 * 1024 + 1,
            2 * 1024 * 1024 + 4]);
        expect(info.next()).toBeFalse();
        const [all, allInfo] = regex.match_all('abc abbc', 0);
        expect(all).toBeTrue();
        expect(allInfo.fetch(0)).toBe('abc');
    });
});

// GLib's reference-counted strings: the typelib calls them plain strings,
// so g_ref_string_new() returned one that was then freed with g_free() (an
// abort), and the others read a header a JS string's copy lacks.
describe('GLib reference-counted strings', function () {
    it('are JS strings', function () {
        expect(GLib.ref_string_new('hé')).toBe('hé');
        expect(GLib.ref_string_new_intern('x')).toBe('x');
        expect(GLib.ref_string_new_len('hello', 2)).toBe('he');
        expect(GLib.ref_string_acquire('a')).toBe('a');
        expect(GLib.ref_string_length('hé')).toBe(3);
        expect(() => GLib.ref_string_release('a')).not.toThrow();
    });
});
