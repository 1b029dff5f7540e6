// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the global object and the global functions every script sees.

describe('The global object', function () {
    it('is globalThis and window', function () {
        expect(window).toBe(globalThis);
    });

    it('looks like GJS\'s global to code that detects it', function () {
        expect(String(globalThis)).toBe('[object GjsGlobal]');
        expect(window.toString()).toBe('[object GjsGlobal]');
    });

    it('does not enumerate the runtime\'s globals', function () {
        const keys = Object.keys(globalThis);
        for (const name of ['print', 'printerr', 'log', 'logError', 'imports',
            'queueMicrotask', 'setTimeout'])
            expect(keys).not.toContain(name);
    });

    it('has ARGV as an array of strings', function () {
        expect(Array.isArray(ARGV)).toBeTrue();
        expect(ARGV.every(arg => typeof arg === 'string')).toBeTrue();
    });
});

describe('Printing functions', function () {
    it('exist', function () {
        for (const fn of [print, printerr, log, logError])
            expect(typeof fn).toBe('function');
    });

    it('convert their arguments with toString() and propagate its errors', function () {
        const bad = {
            toString() {
                throw new Error('no string for you');
            },
        };
        expect(() => print(bad)).toThrowError(/no string for you/);
        expect(() => printerr(bad)).toThrowError(/no string for you/);
        expect(() => log(bad)).toThrowError(/no string for you/);
    });

    it('require an argument for log() and logError()', function () {
        expect(() => log()).toThrowError(TypeError);
        expect(() => logError()).toThrowError(TypeError);
    });

    it('log errors and non-errors without throwing', function () {
        expect(() => logError(new Error('logged on purpose'), 'prefix')).not.toThrow();
        expect(() => logError('a string', 'prefix')).not.toThrow();
        expect(() => logError({toString: null})).not.toThrow();
    });
});

describe('queueMicrotask', function () {
    it('runs callbacks in order, before timers', function (done) {
        const order = [];
        setTimeout(() => {
            order.push('timeout');
            expect(order).toEqual(['sync', 'micro 1', 'micro 2', 'timeout']);
            done();
        }, 0);
        queueMicrotask(() => order.push('micro 1'));
        queueMicrotask(() => order.push('micro 2'));
        order.push('sync');
    });

    it('rejects non-functions with a TypeError', function () {
        expect(() => queueMicrotask()).toThrowError(TypeError);
        expect(() => queueMicrotask(42)).toThrowError(TypeError);
    });

    it('keeps going after a callback throws', function (done) {
        queueMicrotask(() => {
            throw new Error('thrown in a microtask on purpose');
        });
        queueMicrotask(done);
    });
});

describe('The garbage collector', function () {
    it('runs FinalizationRegistry callbacks while the main context runs', function (done) {
        const held = [];
        const registry = new FinalizationRegistry(value => held.push(value));
        (function () {
            for (let i = 0; i < 100; i++)
                registry.register({payload: new Array(100).fill(i)}, i);
        })();
        let tries = 0;
        const poll = () => {
            imports.system.gc();
            if (held.length > 0) {
                expect(held.every(v => v >= 0 && v < 100)).toBeTrue();
                done();
            } else if (++tries > 200) {
                fail('no FinalizationRegistry callback ran');
                done();
            } else {
                setTimeout(poll, 10);
            }
        };
        setTimeout(poll, 0);
    });

    it('clears WeakRefs of collected objects', function (done) {
        let ref = (() => new WeakRef({}))();
        let tries = 0;
        const poll = () => {
            imports.system.gc();
            if (ref.deref() === undefined) {
                done();
            } else if (++tries > 200) {
                fail('the WeakRef was never cleared');
                done();
            } else {
                setTimeout(poll, 10);
            }
        };
        setTimeout(poll, 0);
    });
});
