// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Memory held by GObject wrappers, run unchanged by sprout and by gjs
// (compare.py --unit kB). Prints `<case> <kB>`:
//  - RSS growth per 1000 live wrappers, 100k Gio.SimpleAction kept alive by
//    JS: made with `new` and a property bag, made by a C constructor, and
//    held by C only (a Gio.ListStore; the wrappers are rooted). Each case
//    first makes and drops 5000 the same way, so that what the optimizing
//    JITs compile for the loop (once per process) is not counted as the
//    wrappers' memory; both engines run the same warm-up.
//  - peak RSS growth while making and dropping a million wrappers (sampled
//    every 10k objects, with only the engine's own collections inside each
//    round of 100k), and the same for 200k wrappers whose signal handler
//    captures the wrapper (a cycle through C, which must be collectable)
//  - the process's peak RSS (VmHWM) at the end of the churn cases
// Each case runs in a fresh process (the script runs itself with the case's
// name), so that memory freed by one case does not hide the next one's.
const GLib = imports.gi.GLib;
const Gio = imports.gi.Gio;
const GObject = imports.gi.GObject;
const System = imports.system;

function bytesToString(bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i++)
        text += String.fromCharCode(bytes[i]);
    return text;
}

function status(field) {
    const [, bytes] = GLib.file_get_contents('/proc/self/status');
    const text = bytesToString(bytes);
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)[1]);
}

const rssKb = () => status('VmRSS');

function settle() {
    const context = GLib.MainContext.default();
    for (let i = 0; i < 3; i++) {
        System.gc();
        while (context.pending())
            context.iteration(false);
    }
}

const LIVE = 100000;
const WARM = 5000;

function liveCase(label, make) {
    // Warm up: the optimizing JITs compile the loop and what it calls after
    // a few thousand rounds, once per process; their code and working
    // memory are not the wrappers'.
    make(WARM);
    settle();
    const base = rssKb();
    let live = make(LIVE);
    settle();
    print(`RSS per 1000 live wrappers${label} ${((rssKb() - base) / (LIVE / 1000)).toFixed(1)}`);
    live = null;
    settle();
}

// Peak RSS growth while @rounds x 100k objects made by @make are dropped.
function churnCase(label, rounds, make) {
    settle();
    const before = rssKb();
    let peak = before;
    for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < 100000; i++) {
            make();
            if (i % 10000 === 0)
                peak = Math.max(peak, rssKb());
        }
        settle();
        peak = Math.max(peak, rssKb());
    }
    print(`peak RSS growth over ${rounds / 10}M dropped wrappers${label} ${peak - before}`);
}

const cases = {
    live: () => liveCase('', n => {
        const live = [];
        for (let i = 0; i < n; i++)
            live.push(new Gio.SimpleAction({name: 'live'}));
        return live;
    }),
    liveC: () => liveCase(' (made in C)', n => {
        const live = [];
        for (let i = 0; i < n; i++)
            live.push(Gio.SimpleAction.new('live', null));
        return live;
    }),
    heldByC: () => liveCase(' (held by C)', n => {
        const store = Gio.ListStore.new(GObject.Object);
        for (let i = 0; i < n; i++)
            store.append(Gio.SimpleAction.new('live', null));
        return store;
    }),
    churn: () => {
        churnCase('', 10, () => new Gio.SimpleAction({name: 'dropped'}));
        churnCase(' with a handler cycle', 2, () => {
            const action = new Gio.SimpleAction({name: 'cycle'});
            action.connect('activate', () => action.get_name());
        });
        print(`peak RSS ${status('VmHWM')}`);
    },
};

if (ARGV[0] in cases) {
    // Warm up the classes and code paths measured.
    new Gio.SimpleAction({name: 'warm'}).connect('activate', () => {});
    Gio.SimpleAction.new('warm', null);
    cases[ARGV[0]]();
} else {
    const interpreter = GLib.file_read_link('/proc/self/exe');
    for (const name of Object.keys(cases)) {
        const [, out, err] = GLib.spawn_sync(null,
            [interpreter, System.programPath, name], null, 0, null);
        print(bytesToString(out).trimEnd());
        if (err.length > 0)
            printerr(bytesToString(err).trimEnd());
    }
}
