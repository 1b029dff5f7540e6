// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the native `system` module.

const GLib = imports.gi.GLib;
const System = imports.system;

describe('The system module', function () {
    it('is cached like any module', function () {
        expect(imports.system).toBe(System);
    });

    it('knows the program', function () {
        expect(typeof System.programInvocationName).toBe('string');
        expect(System.programInvocationName.length).toBeGreaterThan(0);
        // As under GJS's minijasmine: a spec file is not the program.
        expect(System.programPath).toBeNull();
    });

    it('has the script arguments', function () {
        expect(Array.isArray(System.programArgs)).toBeTrue();
        expect(System.programArgs).toEqual(ARGV);
    });

    it('reports a GJS-style version number', function () {
        expect(Number.isInteger(System.version)).toBeTrue();
        expect(System.version).toBeGreaterThanOrEqual(17400);
    });

    it('has read-only constants', function () {
        const before = System.version;
        System.version = 0;
        expect(System.version).toBe(before);
    });

    it('rejects exit codes that are not integers', function () {
        expect(() => System.exit(1.5)).toThrowError(TypeError);
        expect(() => System.exit('abc')).toThrowError(TypeError);
    });

    it('collects garbage on request', function () {
        expect(() => System.gc()).not.toThrow();
    });

    // A function that gets hot hands the values of the call that made it hot
    // to the optimizing compiler, which keeps them until its code is
    // installed. System.gc() must not let that keep a dropped object alive
    // (GJS's testGtk3 drops a widget and expects the collection to take it).
    // Each round makes a fresh function hot at a different call count; the
    // last call gets the object, in one main-loop turn (a WeakRef keeps its
    // target until the turn ends), and the next turn collects.
    it('collects objects that a just-optimized function was given', async function () {
        const nextTurn = () => new Promise(resolve =>
            GLib.idle_add(GLib.PRIORITY_DEFAULT, () => resolve() && false));
        const kept = [];
        for (let calls = 20; calls <= 200; calls++) {
            let ref;
            // eslint-disable-next-line no-new-func
            const hot = new Function('o', `o.x = ${calls}; return o.x + 1;`);
            for (let i = 0; i < calls - 1; i++)
                hot({i});
            (() => {
                const target = {calls};
                ref = new WeakRef(target);
                hot(target);
            })();
            // eslint-disable-next-line no-await-in-loop
            await nextTurn();
            System.gc();
            if (ref.deref() !== undefined)
                kept.push(calls);
        }
        expect(kept).toEqual([]);
    });
});
