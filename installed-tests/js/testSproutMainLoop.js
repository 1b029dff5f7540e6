// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for running a GLib main loop from JS: promise jobs and GC work run
// while JS waits inside GLib.MainLoop.run() or MainContext.iteration().

const GLib = imports.gi.GLib;
const System = imports.system;

describe('A GLib.MainLoop run from JS', function () {
    let loop;

    beforeEach(function () {
        loop = new GLib.MainLoop(null, false);
    });

    it('runs sources until quit()', function () {
        let ticks = 0;
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 1, () => {
            ticks++;
            if (ticks < 3)
                return GLib.SOURCE_CONTINUE;
            loop.quit();
            return GLib.SOURCE_REMOVE;
        });
        loop.run();
        expect(ticks).toBe(3);
        expect(loop.is_running()).toBeFalse();
    });

    it('runs promise jobs queued by callbacks while it runs', function () {
        const order = [];
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
            order.push('idle');
            Promise.resolve().then(() => {
                order.push('job');
                loop.quit();
            });
            return GLib.SOURCE_REMOVE;
        });
        loop.run();
        expect(order).toEqual(['idle', 'job']);
    });

    it('runs async functions to completion inside run()', function () {
        let result;
        const wait = ms => new Promise(resolve =>
            GLib.timeout_add(GLib.PRIORITY_DEFAULT, ms, () => {
                resolve(ms);
                return GLib.SOURCE_REMOVE;
            }));
        (async () => {
            const a = await wait(2);
            const b = await wait(3);
            result = a + b;
            loop.quit();
        })();
        loop.run();
        expect(result).toBe(5);
    });

    it('runs jobs queued before an iteration() loop', function () {
        let value;
        Promise.resolve(42).then(v => (value = v));
        const context = loop.get_context();
        while (value === undefined)
            context.iteration(true);
        expect(value).toBe(42);
    });

    it('lets `while (context.iteration(false));` finish', function () {
        const context = GLib.MainContext.default();
        let n = 0;
        while (context.iteration(false) && n < 1000)
            n++;
        expect(n).toBeLessThan(1000);
        expect(context.pending()).toBeFalse();
    });

    it('lets FinalizationRegistry callbacks run', function () {
        let finalized = 0;
        const registry = new FinalizationRegistry(() => finalized++);
        (() => {
            for (let i = 0; i < 100; i++)
                registry.register({payload: new Array(100).fill(i)}, i);
        })();
        let rounds = 0;
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 5, () => {
            System.gc();
            if (finalized > 0 || ++rounds > 400) {
                loop.quit();
                return GLib.SOURCE_REMOVE;
            }
            return GLib.SOURCE_CONTINUE;
        });
        loop.run();
        expect(finalized).toBeGreaterThan(0);
    });
});
