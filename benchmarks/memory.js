// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Memory held by GObject wrappers, run unchanged by sprout and by gjs
// (compare.py --unit kB). Prints `<case> <kB>`:
//  - RSS growth per 1000 live wrappers (100k Gio.SimpleAction kept alive)
//  - peak RSS growth after making and dropping a million wrappers
const GLib = imports.gi.GLib;
const Gio = imports.gi.Gio;
const System = imports.system;

function rssKb() {
    const [, bytes] = GLib.file_get_contents('/proc/self/status');
    let text = '';
    for (let i = 0; i < bytes.length; i++)
        text += String.fromCharCode(bytes[i]);
    return Number(/VmRSS:\s+(\d+)/.exec(text)[1]);
}

function settle() {
    const context = GLib.MainContext.default();
    for (let i = 0; i < 3; i++) {
        System.gc();
        while (context.pending())
            context.iteration(false);
    }
}

settle();
const base = rssKb();
let live = [];
for (let i = 0; i < 100000; i++)
    live.push(new Gio.SimpleAction({name: 'live'}));
settle();
print(`RSS per 1000 live wrappers ${((rssKb() - base) / 100).toFixed(1)}`);
live = null;
settle();

const before = rssKb();
let peak = before;
for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 100000; i++)
        new Gio.SimpleAction({name: 'dropped'});
    settle();
    peak = Math.max(peak, rssKb());
}
print(`peak RSS growth over 1M dropped wrappers ${peak - before}`);
