// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for native memory reported to the collector (gi/native-size.c):
// a loop that makes and drops wrappers of big native values must collect
// them as it goes, not only when the JS heap (a few hundred bytes per
// wrapper) has grown enough. Without the reports, each of these loops keeps
// every value until it ends: well over a gigabyte.

const {GLib} = imports.gi;

function rssKb() {
    const [, bytes] = GLib.file_get_contents('/proc/self/status');
    const text = new TextDecoder().decode(bytes);
    return Number(/VmRSS:\s+(\d+)/.exec(text)[1]);
}

// Peak RSS growth (MB) while @count values made by @make are dropped.
function peakGrowthMb(count, make) {
    const before = rssKb();
    let peak = before;
    for (let i = 0; i < count; i++) {
        make();
        if (i % 10 === 0)
            peak = Math.max(peak, rssKb());
    }
    return (peak - before) / 1024;
}

const chunk = new Uint8Array(4 * 1024 * 1024).fill(7);

describe('Native memory behind dropped wrappers', function () {
    it('of GLib.Bytes is collected as a loop goes', function () {
        // 2 x 200 x 4 MB = 1.6 GB if nothing were freed before the end.
        expect(peakGrowthMb(200, () => new GLib.Bytes(chunk))).toBeLessThan(400);
        expect(peakGrowthMb(200, () => GLib.Bytes.new(chunk))).toBeLessThan(400);
    });

    it('of GdkPixbuf.Pixbuf is collected as a loop goes', function () {
        const {GdkPixbuf} = imports.gi;
        // 300 x 4 MB = 1.2 GB if nothing were freed before the end.
        expect(peakGrowthMb(300, () => {
            const pixbuf = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB,
                true, 8, 1024, 1024);
            pixbuf.fill(0xff00ffff);
        })).toBeLessThan(400);
    });

    it('of GLib.Variant is collected as a loop goes', function () {
        // 300 x 4 MB = 1.2 GB if nothing were freed before the end.
        expect(peakGrowthMb(300, () => new GLib.Variant('ay', chunk)))
            .toBeLessThan(400);
    });
});
