// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// object.js: the JavaScript half of GObject wrappers, evaluated once per
// context by gi/object.c, which passes `native` (its C functions) and gets
// back the helpers below.
//
// Wrappers are plain objects (fast property access). Each holds its token in
// the private field #token of GObjectBase, the root of every GObject class:
// `new X(props)` runs GObjectBase's constructor, which asks native.construct
// for a GObject of new.target's GType and keeps the token it returns; an
// object made in C gets a wrapper by `wrap()`, which stamps the field onto
// Object.create(prototype) through a base class whose constructor returns its
// argument. Boxed structs and unions use BoxedBase the same way (boxed.c).
// Methods are small JS functions that pass this's token to one
// native invoke, so every GI call crosses into C once.
(function (native) {
    'use strict';

    const STAMP = Symbol('sprout-stamp');

    class ReturnOverride {
        constructor(target) {
            if (target !== undefined)
                return target;
        }
    }

    let getToken, hasToken;

    class GObjectBase extends ReturnOverride {
        #token;

        constructor(...args) {
            if (args[0] === STAMP) {
                super(args[1]);
                this.#token = args[2];
                return;
            }
            super();
            this.#token = native.construct(this, new.target, args[0]);
        }

        static {
            hasToken = object => object !== null &&
                (typeof object === 'object' || typeof object === 'function') &&
                #token in object;
            getToken = object => {
                if (!hasToken(object)) {
                    throw new TypeError(
                        `${describe(object)} is not a GObject wrapper`);
                }
                return object.#token;
            };
        }

        toString() {
            return native.describe(getToken(this), this);
        }

        connect(name, callback) {
            return native.signalConnect(getToken(this), name, callback, false);
        }

        connect_after(name, callback) {
            return native.signalConnect(getToken(this), name, callback, true);
        }

        disconnect(id) {
            return native.signalDisconnect(getToken(this), id);
        }

        emit(name, ...args) {
            return native.signalEmit(getToken(this), name, ...args);
        }

        block_signal_handler(id) {
            return native.signalBlock(getToken(this), id);
        }

        unblock_signal_handler(id) {
            return native.signalUnblock(getToken(this), id);
        }

        stop_emission_by_name(name) {
            return native.signalStopEmission(getToken(this), name);
        }
    }
    for (const name of Object.getOwnPropertyNames(GObjectBase.prototype)) {
        if (name !== 'constructor') {
            Object.defineProperty(GObjectBase.prototype, name,
                {enumerable: false});
        }
    }

    function describe(value) {
        if (value === null)
            return 'null';
        if (typeof value === 'object' || typeof value === 'function')
            return Object.prototype.toString.call(value);
        return `${typeof value} ${String(value)}`;
    }

    function wrap(prototype, token) {
        return new GObjectBase(STAMP, Object.create(prototype), token);
    }

    // A disposed object's wrapper gets a Proxy spliced into its prototype
    // chain: writing a new (expando) property reaches the Proxy's set trap,
    // which logs GJS's critical before defining the property as usual.
    function markDisposed(wrapper) {
        const proto = Object.getPrototypeOf(wrapper);
        const token = getToken(wrapper);
        // The Proxy's target inherits from the old prototype, so that
        // instanceof still finds every class in the chain.
        Object.setPrototypeOf(wrapper, new Proxy(Object.create(proto), {
            set(target, key, value, receiver) {
                if (receiver === wrapper && !Object.hasOwn(wrapper, key) &&
                    !(key in target))
                    native.warnDisposed(token, 'set any property on');
                return Reflect.set(target, key, value, receiver);
            },
        }));
    }

    function makeClass(Parent, name, gtype) {
        const klass = {[name]: class extends Parent {}}[name];
        Object.defineProperty(klass, '$gtype', {value: gtype});
        return klass;
    }

    function makeInterface(name, gtype) {
        const iface = {
            [name]: function () {
                throw new TypeError(
                    `${name} is an interface and cannot be constructed`);
            },
        }[name];
        Object.defineProperty(iface, '$gtype', {value: gtype});
        Object.defineProperty(iface, Symbol.hasInstance, {
            value: object => hasToken(object) &&
                native.isA(getToken(object), gtype),
        });
        return iface;
    }

    function makeMethod(fn, name) {
        const invoke = native.invoke;
        const method = function (...args) {
            return invoke(fn, getToken(this), ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    function makeAccessor(name) {
        return {
            get() {
                return native.getProperty(getToken(this), name);
            },
            set(value) {
                native.setProperty(getToken(this), name, value);
            },
        };
    }

    // Boxed structs and unions: the same pattern with their own private
    // field, so a struct can never pass for an object or the reverse.
    let getBoxedToken, hasBoxedToken;

    class BoxedBase extends ReturnOverride {
        #token;

        constructor(...args) {
            if (args[0] === STAMP) {
                super(args[1]);
                this.#token = args[2];
                return;
            }
            super();
            this.#token = native.boxedConstruct(this, new.target, args);
        }

        static {
            hasBoxedToken = object => object !== null &&
                (typeof object === 'object' || typeof object === 'function') &&
                #token in object;
            getBoxedToken = object => {
                if (!hasBoxedToken(object)) {
                    throw new TypeError(
                        `${describe(object)} is not a boxed or struct wrapper`);
                }
                return object.#token;
            };
        }

        toString() {
            return native.boxedDescribe(getBoxedToken(this), this);
        }
    }
    Object.defineProperty(BoxedBase.prototype, 'toString', {enumerable: false});

    function wrapBoxed(prototype, token) {
        return new BoxedBase(STAMP, Object.create(prototype), token);
    }

    function makeBoxedClass(name, gtype) {
        const klass = {[name]: class extends BoxedBase {}}[name];
        Object.defineProperty(klass, '$gtype', {value: gtype});
        return klass;
    }

    function makeBoxedMethod(fn, name) {
        const invoke = native.boxedInvoke;
        const method = function (...args) {
            return invoke(fn, getBoxedToken(this), ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    // GLib.Variant (variant.c): its own private field; the token owns one
    // reference on the GVariant. `new GLib.Variant(signature, value)` packs
    // natively; the unpack family converts natively too (GLib.js adds the
    // rest of GJS's override).
    let variantTokenOf;

    class VariantBase extends ReturnOverride {
        #token;

        constructor(...args) {
            if (args[0] === STAMP) {
                super(args[1]);
                this.#token = args[2];
                return;
            }
            super();
            this.#token = native.variantNew(args[0], args[1]);
        }

        static {
            variantTokenOf = object => object !== null &&
                typeof object === 'object' && #token in object
                ? object.#token : undefined;
        }

        unpack() {
            return native.variantUnpack(this.#token, 0);
        }

        deepUnpack() {
            return native.variantUnpack(this.#token, 1);
        }

        deep_unpack() {
            return native.variantUnpack(this.#token, 1);
        }

        recursiveUnpack() {
            return native.variantUnpack(this.#token, 2);
        }

        toString() {
            return `[object variant of type "${this.get_type_string()}"]`;
        }
    }
    for (const name of Object.getOwnPropertyNames(VariantBase.prototype)) {
        if (name !== 'constructor') {
            Object.defineProperty(VariantBase.prototype, name,
                {enumerable: false});
        }
    }

    function wrapVariant(prototype, token) {
        return new VariantBase(STAMP, Object.create(prototype), token);
    }

    function makeVariantClass(gtype) {
        const klass = class Variant extends VariantBase {};
        Object.defineProperty(klass, '$gtype', {value: gtype});
        return klass;
    }

    function makeVariantMethod(fn, name) {
        const invoke = native.variantInvoke;
        const method = function (...args) {
            const token = variantTokenOf(this);
            if (token === undefined)
                throw new TypeError(`${describe(this)} is not a GLib.Variant`);
            return invoke(fn, token, ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    // Fundamentals (fundamental.c): GParamSpec and other instantiatable
    // types that are not GObjects. Their own private field again; the token
    // holds one reference on the instance. `new X(...)` returns the wrapper
    // that the type's GI constructor made.
    let getFundamentalToken, hasFundamentalToken;

    class FundamentalBase extends ReturnOverride {
        #token;

        constructor(...args) {
            if (args[0] === STAMP) {
                super(args[1]);
                this.#token = args[2];
                return;
            }
            // eslint-disable-next-line no-constructor-return
            return native.fundamentalConstruct(new.target, args);
        }

        static {
            hasFundamentalToken = object => object !== null &&
                (typeof object === 'object' || typeof object === 'function') &&
                #token in object;
            getFundamentalToken = object => {
                if (!hasFundamentalToken(object)) {
                    throw new TypeError(
                        `${describe(object)} is not a fundamental wrapper`);
                }
                return object.#token;
            };
        }
    }

    function wrapFundamental(prototype, token) {
        return new FundamentalBase(STAMP, Object.create(prototype), token);
    }

    function makeFundamentalClass(Parent, name, gtype) {
        const Base = Parent ?? FundamentalBase;
        const klass = {[name]: class extends Base {}}[name];
        Object.defineProperty(klass, '$gtype', {value: gtype});
        return klass;
    }

    function makeFundamentalMethod(fn, name) {
        const invoke = native.fundamentalInvoke;
        const method = function (...args) {
            return invoke(fn, getFundamentalToken(this), ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    // GObject.ParamSpec's read-only properties, as GJS has them.
    function decorateParamSpec(ParamSpec) {
        const field = key => ({
            get() {
                return native.paramSpecField(getFundamentalToken(this), key);
            },
        });
        const fields = ['name', 'nick', 'blurb', 'flags', 'value_type',
            'owner_type', 'default_value'];
        for (const key of fields)
            Object.defineProperty(ParamSpec.prototype, key, field(key));
        Object.defineProperty(ParamSpec.prototype, '_nick', field('nick'));
        Object.defineProperty(ParamSpec.prototype, '_blurb', field('blurb'));
    }

    // Class methods of GObjectClass (GObject.Object.find_property.call(C,
    // name)): `this` is the class or interface.
    Object.defineProperties(GObjectBase, {
        find_property: {
            value(name) {
                return native.findProperty(this, name);
            },
            writable: true,
            configurable: true,
        },
        list_properties: {
            value() {
                return native.listProperties(this);
            },
            writable: true,
            configurable: true,
        },
    });

    return {
        GObjectBase, wrap, makeClass, makeInterface, makeMethod,
        makeAccessor, getToken, hasToken, markDisposed,
        BoxedBase, wrapBoxed, makeBoxedClass, makeBoxedMethod,
        getBoxedToken, hasBoxedToken,
        VariantBase, wrapVariant, makeVariantClass, makeVariantMethod,
        variantTokenOf,
        FundamentalBase, wrapFundamental, makeFundamentalClass,
        makeFundamentalMethod, getFundamentalToken, hasFundamentalToken,
        decorateParamSpec,
    };
})
