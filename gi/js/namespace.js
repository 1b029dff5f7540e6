// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// namespace.js: enumeration of GI namespace objects, evaluated once per
// context by gi/namespace.c with `native.materialize` (defines every member
// of a namespace object that the typelib has and JS did not use yet) and the
// set of namespace objects.
//
// Namespace objects are plain objects whose members are defined on first
// read (namespace.c), so that reads are inline-cached. A plain object cannot
// list members it does not have yet, which GJS's namespaces do (its
// new_enumerate hook). The reflective functions that list own keys
// therefore define every member first when asked about a namespace object;
// for anything else they cost one WeakSet lookup (Object.keys of a small
// object: ~5 ns natively, ~12 ns wrapped).
(function (native, namespaces) {
    'use strict';

    // All six take one argument and ignore `this`: a fixed-arity wrapper
    // that calls the original directly stays within a few ns of it (a rest
    // array and .call() cost ~60 ns on every Object.keys() of every
    // script).
    function wrap(owner, name) {
        const original = owner[name];
        const replacement = {
            [name](object) {
                if (namespaces.has(object))
                    native.materialize(object);
                return original(object);
            },
        }[name];
        Object.defineProperty(owner, name, {
            value: replacement,
            writable: true,
            enumerable: false,
            configurable: true,
        });
    }

    for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames',
        'getOwnPropertyDescriptors'])
        wrap(Object, name);
    wrap(Reflect, 'ownKeys');
});
