// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// bootstrap.js: the parts of the runtime's globals that are better written in
// JavaScript: queueMicrotask() and the legacy `imports` importer.
//
// This file evaluates to a function that the context calls once with
// (native, globalThis), the first time a script touches one of the globals
// defined here (until then they are accessors that trigger this); `native` carries the primitives written in C
// (sprout/importer.c). Nothing here is reachable by scripts except what it
// defines on the global object.
//
// The importer: `imports` and every folder importer are Proxies over plain
// objects whose prototype is GjsFileImporter.prototype. Reading a name that
// the target lacks resolves it — a native module (root only), then for each
// search-path entry a folder `NAME/` (collected) or a file `NAME.js` (loaded
// at once) — and defines the result on the target as a permanent property, so
// later reads are ordinary property reads. A module object is defined before
// its file runs (so mutual imports see the partial module) and removed again
// if the file throws, so a failed import is never cached. A folder importer
// evaluates the folder's __init__.js into itself on first resolution.
(function (native, global) {
    'use strict';

    const NOT_EXPORTED_WARNING = "That property was defined with 'let' or " +
        "'const' inside the module. This was previously supported, but is " +
        'not correct according to the ES6 standard. Any symbols to be ' +
        "exported from a module must be defined with 'var'. The property " +
        'access will work as previously for the time being, but please fix ' +
        'your code anyway.';

    function defineHidden(object, name, value, writable = false) {
        Object.defineProperty(object, name, {
            value, writable, enumerable: false, configurable: false,
        });
    }

    // queueMicrotask: errors thrown by the callback are reported like any
    // uncaught exception, not turned into unhandled promise rejections.
    const resolved = Promise.resolve();
    function defineGlobal(name, value) {
        Object.defineProperty(global, name, {
            value, writable: true, enumerable: false, configurable: true,
        });
    }

    defineGlobal('queueMicrotask', function queueMicrotask(callback) {
        if (typeof callback !== 'function') {
            throw new TypeError(
                "Failed to execute 'queueMicrotask': the callback provided " +
                'as parameter 1 is not a function');
        }
        resolved.then(() => {
            try {
                callback();
            } catch (e) {
                native.reportException(e);
            }
        });
    });

    function GjsFileImporter() {
        throw new TypeError('GjsFileImporter is abstract; use `imports`');
    }
    const states = new WeakMap();   // target or proxy -> importer state

    defineHidden(GjsFileImporter.prototype, 'toString', function toString() {
        const state = states.get(this);
        return state ? `[GjsFileImporter ${state.name}]`
            : '[object GjsFileImporter]';
    }, true);
    defineGlobal('GjsFileImporter', GjsFileImporter);

    function importError(message) {
        const error = new Error(message);
        error.name = 'ImportError';
        return error;
    }

    // Defines the accessors a legacy module exports (see legacy-script.c).
    function makeBinder(module, fullName) {
        return function bind(vars, lexicals) {
            for (const name of Object.keys(vars)) {
                const {get, set} = Object.getOwnPropertyDescriptor(vars, name);
                Object.defineProperty(module, name,
                    {get, set, enumerable: true, configurable: true});
            }
            for (const name of Object.keys(lexicals)) {
                if (Object.hasOwn(module, name))
                    continue;
                const {get} = Object.getOwnPropertyDescriptor(lexicals, name);
                let warned = false;
                Object.defineProperty(module, name, {
                    get() {
                        if (!warned) {
                            warned = true;
                            native.warn(`Some code accessed the property '${
                                name}' on the module '${fullName}'. ${
                                NOT_EXPORTED_WARNING}`);
                        }
                        return get();
                    },
                    set(value) {
                        Object.defineProperty(module, name, {
                            value, writable: true, enumerable: true,
                            configurable: true,
                        });
                    },
                    enumerable: true,
                    configurable: true,
                });
            }
        };
    }

    function childName(state, name) {
        return state.isRoot ? name : `${state.fullName}.${name}`;
    }

    function importFile(state, target, name, location) {
        const fullName = childName(state, name);
        const module = {};
        Object.defineProperty(module, Symbol.toStringTag,
            {value: `GjsModule ${fullName}`});
        defineHidden(module, '__moduleName__', name);
        defineHidden(module, '__parentModule__', state.proxy);
        defineHidden(module, '__file__', location);

        Object.defineProperty(target, name, {
            value: module, writable: true, enumerable: true, configurable: true,
        });
        try {
            native.loadScript(location, module, makeBinder(module, fullName));
        } catch (e) {
            delete target[name];
            throw e;
        }
        Object.defineProperty(target, name, {configurable: false});
        return module;
    }

    function loadInit(state, target) {
        for (const dir of state.target.searchPath) {
            const location = native.child(dir, '__init__.js');
            if (native.kind(location) !== 'file')
                continue;
            native.loadScript(location, target,
                makeBinder(target, state.fullName));
            return;
        }
    }

    function defineModule(target, name, value) {
        Object.defineProperty(target, name, {
            value, writable: true, enumerable: true, configurable: false,
        });
        return value;
    }

    function searchPathOf(target) {
        const path = target.searchPath;
        return Array.isArray(path) ? path : [];
    }

    function resolve(state, target, name) {
        if (!state.isRoot && !state.initLoaded) {
            loadInit(state, target);
            state.initLoaded = true;
            if (name in target)
                return target[name];
        }
        if (state.isRoot) {
            const nativeModule = native.nativeModule(name);
            if (nativeModule !== undefined)
                return defineModule(target, name, nativeModule);
        }
        const folders = [];
        for (const entry of searchPathOf(target)) {
            if (typeof entry !== 'string')
                continue;
            const folder = native.child(entry, name);
            if (native.kind(folder) === 'directory') {
                folders.push(folder);
                continue;
            }
            const file = native.child(entry, `${name}.js`);
            if (native.kind(file) === 'file')
                return importFile(state, target, name, file);
        }
        if (folders.length > 0) {
            return defineModule(target, name,
                makeImporter(name, childName(state, name), state.proxy,
                    folders, false));
        }
        throw importError(`No JS module '${name}' found in search path`);
    }

    function discoverNames(target) {
        const names = new Set();
        for (const entry of searchPathOf(target)) {
            if (typeof entry !== 'string')
                continue;
            for (const file of native.list(entry) ?? []) {
                if (file.endsWith('.js') && file !== '__init__.js')
                    names.add(file.slice(0, -3));
                else if (!file.includes('.') &&
                    native.kind(native.child(entry, file)) === 'directory')
                    names.add(file);
            }
        }
        return names;
    }

    const INDEX = /^(?:0|[1-9][0-9]*)$/;

    const handler = {
        get(target, key, receiver) {
            if (typeof key !== 'string' || key in target || INDEX.test(key))
                return Reflect.get(target, key, receiver);
            return resolve(states.get(target), target, key);
        },
        ownKeys(target) {
            const state = states.get(target);
            state.discovered = discoverNames(target);
            const keys = new Set(Reflect.ownKeys(target));
            for (const name of state.discovered)
                keys.add(name);
            return [...keys];
        },
        getOwnPropertyDescriptor(target, key) {
            const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
            if (descriptor || typeof key !== 'string')
                return descriptor;
            const state = states.get(target);
            if (!(state.discovered ?? discoverNames(target)).has(key))
                return undefined;
            return {
                value: undefined, writable: true, enumerable: true,
                configurable: true,
            };
        },
    };

    function makeImporter(name, fullName, parent, searchPath, isRoot) {
        const target = Object.create(GjsFileImporter.prototype);
        defineHidden(target, '__moduleName__', isRoot ? null : name);
        defineHidden(target, '__parentModule__', parent);
        Object.defineProperty(target, 'searchPath', {
            value: searchPath, writable: true, enumerable: false,
            configurable: false,
        });
        const proxy = new Proxy(target, handler);
        const state = {
            name: isRoot ? 'root' : name, fullName, isRoot, target, proxy,
            initLoaded: false, discovered: null,
        };
        states.set(target, state);
        states.set(proxy, state);
        return proxy;
    }

    const imports = makeImporter('imports', '', null,
        native.searchPath.slice(), true);
    defineGlobal('imports', imports);

    // imports.overrides: where imports.gi looks for a namespace's overrides
    // (scripts may add folders to its searchPath).
    defineModule(states.get(imports).target, 'overrides',
        makeImporter('overrides', 'overrides', imports,
            ['resource:///org/gnome/sprout/modules/core/overrides/'], false));

    // TextEncoder and TextDecoder (modules/core/_encoding.js), loaded when
    // first read.
    for (const name of ['TextEncoder', 'TextDecoder']) {
        Object.defineProperty(global, name, {
            get() {
                const value = imports._encoding[name];
                defineGlobal(name, value);
                return value;
            },
            set(value) {
                defineGlobal(name, value);
            },
            enumerable: false, configurable: true,
        });
    }

    native.setOverrideLoader(function loadOverrides(name, namespace) {
        let module;
        try {
            module = imports.overrides[name];
        } catch (e) {
            if (e.name === 'ImportError' &&
                e.message === `No JS module '${name}' found in search path`)
                return;
            throw e;
        }
        const init = module._init;
        if (init === undefined)
            return;
        if (typeof init !== 'function') {
            throw new TypeError(
                `_init in the overrides of ${name} is not a function`);
        }
        init.call(namespace);
    });
})
