// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the legacy importer (imports.*): search path, caching, GJS module
// scoping, folders and __init__.js, meta properties and errors.

// The runner sets SPROUT_TEST_DATA to js/data; the spec modules sit next to it.
const specDir = imports.gi.GLib.getenv('SPROUT_TEST_DATA').replace(/\/data\/?$/, '');
const modulesDir = `${specDir}/modules`;
var sproutImporterSpecGlobal = true;

// Jasmine pretty-prints by duck typing (obj.jasmineToString...), and reading
// an unknown name on an importer imports it; GJS's own suite formats
// importers itself for the same reason.
function formatImporter(obj) {
    if (obj instanceof GjsFileImporter)
        return obj.toString();
    return undefined;
}

beforeEach(function () {
    jasmine.addCustomObjectFormatter(formatImporter);
});

describe('The imports object', function () {
    it('is a GjsFileImporter that cannot be constructed', function () {
        expect(imports instanceof GjsFileImporter).toBeTrue();
        expect(() => new GjsFileImporter()).toThrowError(TypeError);
        expect(imports.toString()).toBe('[GjsFileImporter root]');
    });

    it('has a mutable search path array starting with the built-in modules', function () {
        expect(Array.isArray(imports.searchPath)).toBeTrue();
        expect(imports.searchPath[0]).toMatch(/^resource:\/\/\//);
        const saved = imports.searchPath.slice();
        imports.searchPath.push('/nonexistent');
        expect(imports.searchPath.length).toBe(saved.length + 1);
        imports.searchPath = saved;
        expect(imports.searchPath).toEqual(saved);
    });

    it('has null meta properties at the root', function () {
        expect(imports.__moduleName__).toBeNull();
        expect(imports.__parentModule__).toBeNull();
    });

    it('loads built-in JS modules from the resource', function () {
        const Signals = imports.signals;
        expect(typeof Signals.addSignalMethods).toBe('function');
    });

    it('loads native modules', function () {
        expect(typeof imports.system.exit).toBe('function');
    });

    it('returns undefined for index properties and symbols', function () {
        expect(imports[0]).toBeUndefined();
        expect(imports[Symbol.iterator]).toBeUndefined();
    });
});

describe('Importing modules', function () {
    let savedPath;

    beforeAll(function () {
        savedPath = imports.searchPath.slice();
        imports.searchPath.unshift(modulesDir);
    });

    afterAll(function () {
        imports.searchPath = savedPath;
    });

    it('exports top-level var and function declarations', function () {
        const M = imports.sproutScoping;
        expect(M.withDefault).toBe('default');
        expect(typeof M.increment).toBe('function');
        expect(M.destructured).toBe(42);
        expect(M.nested).toBe('yes');
        expect(M.inBlock).toBe('in a block');
        expect(M.forVar).toBe(3);
        expect(M.arrow(2)).toBe(4);
        expect(typeof M.asyncFn).toBe('function');
        expect(M.generator().next().value).toBe(1);
    });

    it('does not export variables of nested functions', function () {
        expect(imports.sproutScoping.notExported).toBeUndefined();
    });

    it('shares bindings between the module object and its code', function () {
        const M = imports.sproutScoping;
        const before = M.counter;
        expect(M.increment()).toBe(before + 1);
        expect(M.counter).toBe(before + 1);
        M.counter = 100;
        expect(M.getCounter()).toBe(100);
    });

    it('runs the module with the module object as this', function () {
        const M = imports.sproutScoping;
        expect(M.moduleThis).toBe(M);
        expect(M.assignedToThis).toBe('this is the module');
    });

    it('lets modules see globals', function () {
        expect(imports.sproutScoping.globalSeen).toBeTrue();
    });

    it('does not leak module declarations into the global object', function () {
        expect(globalThis.counter).toBeUndefined();
        expect(globalThis.lexicalLet).toBeUndefined();
        expect(globalThis.LexicalClass).toBeUndefined();
        expect(typeof lexicalConst).toBe('undefined');
    });

    it('still gives access to top-level let, const and class', function () {
        const M = imports.sproutScoping;
        expect(M.lexicalLet).toBe('let value');
        expect(M.lexicalConst).toBe('const value');
        expect(M.LexicalClass.name).toBe('LexicalClass');
        expect(Object.keys(M)).toContain('lexicalConst');
    });

    it('loads a module once and caches it', function () {
        const M = imports.sproutScoping;
        M.extra = 'kept';
        expect(imports.sproutScoping).toBe(M);
        expect(imports.sproutScoping.extra).toBe('kept');
    });

    it('makes deleting a module a no-op', function () {
        const M = imports.sproutScoping;
        expect(delete imports.sproutScoping).toBeFalse();
        expect(imports.sproutScoping).toBe(M);
    });

    it('names modules', function () {
        const M = imports.sproutScoping;
        expect(Object.prototype.toString.call(M))
            .toBe('[object GjsModule sproutScoping]');
        expect(M.__moduleName__).toBe('sproutScoping');
        expect(M.__parentModule__).toBe(imports);
        expect(Object.keys(M)).not.toContain('__moduleName__');
    });

    it('keeps the directive prologue of strict modules', function () {
        const M = imports.sproutStrict;
        expect(M.isStrict).toBeTrue();
        expect(M.value).toBe('strict module');
    });

    it('keeps line numbers in stack traces of module code', function () {
        const M = imports.sproutNoComment;
        expect(M.where).toBe(1);
        expect(M.stackOf()).toMatch(/sproutNoComment\.js:3:/);
    });

    it('handles modules that import each other', function () {
        const A = imports.sproutMutualA;
        expect(A.viaB()).toBe('BA');
        expect(imports.sproutMutualB.A).toBe(A);
    });

    it('throws ImportError for a missing module', function () {
        expect(() => imports.sproutDoesNotExist).toThrow(
            jasmine.objectContaining({name: 'ImportError'}));
        expect(() => imports.sproutDoesNotExist).toThrowError(
            /No JS module 'sproutDoesNotExist' found in search path/);
    });

    it('propagates errors thrown while loading and does not cache the module', function () {
        expect(() => imports.sproutThrows).toThrowError(/thrown on line 3/);
        expect(() => imports.sproutThrows).toThrowError(/thrown on line 3/);
        let stack;
        try {
            void imports.sproutThrows;
        } catch (e) {
            stack = e.stack;
        }
        expect(stack).toMatch(/sproutThrows\.js:3:/);
    });

    it('throws SyntaxError for a module with a syntax error', function () {
        expect(() => imports.sproutSyntaxError).toThrowError(SyntaxError);
        expect(() => imports.sproutSyntaxError).toThrowError(SyntaxError);
    });

    it('imports folders as sub-importers with __init__.js', function () {
        const Sub = imports.sproutSub;
        expect(Sub instanceof GjsFileImporter).toBeTrue();
        expect(Sub.toString()).toBe('[GjsFileImporter sproutSub]');
        expect(Sub.fromInit).toBe('init value');
        expect(Sub.__moduleName__).toBe('sproutSub');
        expect(Sub.__parentModule__).toBe(imports);
        const Leaf = Sub.inner.leaf;
        expect(Leaf.leaf).toBe('leaf value');
        expect(Sub.inner.__parentModule__).toBe(Sub);
        expect(Object.prototype.toString.call(Leaf))
            .toBe('[object GjsModule sproutSub.inner.leaf]');
        expect(Sub.inner.leaf).toBe(Leaf);
    });

    it('reports errors thrown by __init__.js each time', function () {
        expect(() => imports.sproutBadInit.anything).toThrowError(/bad __init__/);
        expect(() => imports.sproutBadInit.anything).toThrowError(/bad __init__/);
    });

    it('enumerates the modules on the search path without meta properties', function () {
        const keys = [];
        for (const key in imports)
            keys.push(key);
        expect(keys).toContain('sproutScoping');
        expect(keys).toContain('sproutThrows');
        expect(keys).toContain('sproutSub');
        expect(keys).not.toContain('searchPath');
        expect(keys).not.toContain('__moduleName__');
    });
});

describe('Search path entries', function () {
    let savedPath;

    beforeEach(function () {
        savedPath = imports.searchPath.slice();
    });

    afterEach(function () {
        imports.searchPath = savedPath;
    });

    it('can be file:// URIs', function () {
        imports.searchPath = [`file://${modulesDir}/sproutSub`];
        expect(imports.inner.leaf.leaf).toBe('leaf value');
        expect(imports.inner.leaf.__file__).toMatch(/^file:\/\/.*leaf\.js$/);
    });

    it('can be resource:/// URIs', function () {
        imports.searchPath = ['resource:///org/gnome/sprout/modules'];
        expect(typeof imports.script.signals.addSignalMethods).toBe('function');
    });
});
