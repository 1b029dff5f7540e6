// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// gerror.js: GLib.Error and the classes of error domains (Gio.IOErrorEnum,
// ...). Evaluated once per context by gi/gerror.c; evaluates to a function
// that receives `native` (quark helpers) and returns the factory object.
//
// As in GJS, an error from C is an instance of its domain's class when GI
// knows the domain (so `e instanceof Gio.IOErrorEnum` works), which extends
// GLib.Error; `domain` is the GQuark number, `code` the error code, and
// matches(domain, code) accepts a quark or a domain class. GLib.Error extends
// Error so that errors carry a stack.
(function (native) {
    'use strict';

    function quarkOf(domain) {
        if (typeof domain === 'number')
            return domain;
        if (typeof domain === 'function' && typeof domain.$domain === 'number')
            return domain.$domain;
        throw new TypeError('Error domain must be a quark number or an error domain class');
    }

    class GError extends Error {
        constructor(domain, code, message) {
            super(message);
            this.domain = quarkOf(domain);
            this.code = Number(code);
            // The stack starts where the script made the error (GJS).
            dropInternalFrames(this);
        }

        get name() {
            return this.constructor.$gjsName ?? 'GLib.Error';
        }

        matches(domain, code) {
            return this.domain === quarkOf(domain) && this.code === code;
        }

        // As GJS: a known domain's class names it; a plain GLib.Error adds
        // the domain's quark string.
        toString() {
            const domainName = this.constructor.$domain !== undefined
                ? this.name : native.domainName(this.domain);
            if (domainName)
                return `${domainName}: ${this.message}`;
            return `${this.name} ${native.quarkToString(this.domain)}: ${this.message}`;
        }

        static new_literal(domain, code, message) {
            return new this(domain, code, message);
        }
    }
    Object.defineProperty(GError, 'name', {value: 'Error'});
    GError.$gjsName = 'GLib.Error';

    function makeDomainClass(namespace, name, quark, values) {
        const DomainError = class extends GError {
            constructor(props = {}) {
                super(quark, props.code ?? 0, props.message ?? '');
            }
        };
        Object.defineProperty(DomainError, 'name', {value: name});
        DomainError.$gjsName = `${namespace}.${name}`;
        DomainError.$domain = quark;
        // Number(Gio.IOErrorEnum) is the domain's quark, as in GJS.
        Object.defineProperty(DomainError, 'valueOf', {
            value: () => quark, writable: true, configurable: true,
        });
        for (const key of Object.getOwnPropertyNames(values)) {
            if (!Object.hasOwn(DomainError, key))
                Object.defineProperty(DomainError, key,
                    Object.getOwnPropertyDescriptor(values, key));
        }
        return DomainError;
    }

    // Frames of this file and of the native call that threw are noise in
    // the stack of an error thrown from C.
    function dropInternalFrames(error) {
        const stack = error.stack;
        if (typeof stack !== 'string')
            return;
        const frames = stack.split('\n').filter(frame =>
            !frame.includes('/org/gnome/sprout/gi/js/gerror.js') &&
            !frame.endsWith('@[native code]'));
        Object.defineProperty(error, 'stack', {
            value: frames.join('\n'), writable: true, configurable: true,
        });
    }

    function fromNative(DomainClass, quark, code, message) {
        const error = DomainClass
            ? Reflect.construct(GError, [quark, code, message], DomainClass)
            : new GError(quark, code, message);
        dropInternalFrames(error);
        return error;
    }

    return {GError, makeDomainClass, fromNative};
})
