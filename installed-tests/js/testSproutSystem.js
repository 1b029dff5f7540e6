// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the native `system` module.

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
});
