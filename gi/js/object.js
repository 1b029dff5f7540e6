// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// object.js: the JavaScript half of GObject wrappers, evaluated once per
// context by gi/object.c, which passes `native` (its C functions) and gets
// back the helpers below.
//
// Wrappers are plain objects (fast property access). Each holds its token in
// the private #token field of its kind's base class (makeWrapperKind: one
// each for GObjects here and, in js/wrappers.js, for boxed structs/unions,
// GVariants and fundamentals, so
// one kind never passes for another). `new X(props)` runs the base
// constructor, which asks C for an instance of new.target's type and keeps
// the token it returns; an instance made in C gets a wrapper by `wrap()`,
// which stamps the field onto a new object inheriting from the class's
// prototype (compactCreate) through a base class
// whose constructor returns its argument. Methods are small JS functions
// that pass this's token to one native invoke, so every GI call crosses
// into C once.
(function (native) {
    'use strict';

    const STAMP = Symbol('sprout-stamp');
    const CALLED_AS_FUNCTION = "Constructor called as normal method. Use 'new " +
        "SomeObject()' not 'SomeObject()'";

    class ReturnOverride {
        constructor(target) {
            if (target !== undefined)
                return target;
        }
    }

    // An empty object inheriting from @prototype, made small: JSC sizes the
    // objects of `new F()` for the non-function properties of F.prototype
    // (one here, the private token field), where Object.create() leaves
    // room for six. A 32-byte cell instead of 64 for every wrapper made in
    // C; properties added later go out of line. Measured: 50 bytes of RSS
    // less per wrapper, and faster to make and to read.
    function Compact() {}
    Compact.prototype = {slot: undefined};
    function compactCreate(prototype) {
        const object = new Compact();
        Object.setPrototypeOf(object, prototype);
        return object;
    }

    // One kind of wrapper: a base class with its own private #token field,
    // so that a wrapper of one kind never passes for another. `construct`
    // makes the token for `new X(...)`; with mode 'wrapper' it makes the
    // whole wrapper (types whose GI constructor makes the instance); with
    // mode 'init' it runs this._init(...args), which stores the token with
    // setToken(), and an object it returns replaces the wrapper (GObjects,
    // as in GJS).
    function makeWrapperKind(what, construct, mode = 'token') {
        let getKindToken, hasKindToken, kindTokenOf, setKindToken;

        class WrapperBase extends ReturnOverride {
            #token;

            constructor(...args) {
                if (args[0] === STAMP) {
                    super(args[1]);
                    this.#token = args[2];
                    return;
                }
                if (mode === 'wrapper') {
                    // eslint-disable-next-line no-constructor-return
                    return construct(null, new.target, args);
                }
                super();
                if (mode === 'init') {
                    const result = construct(this, new.target, args);
                    if (result !== null && (typeof result === 'object' ||
                        typeof result === 'function')) {
                        // eslint-disable-next-line no-constructor-return
                        return result;
                    }
                    return;
                }
                this.#token = construct(this, new.target, args);
            }

            static {
                hasKindToken = object => object !== null &&
                    (typeof object === 'object' || typeof object === 'function') &&
                    #token in object;
                getKindToken = object => {
                    if (!hasKindToken(object))
                        throw new TypeError(`${describe(object)} is not ${what}`);
                    return object.#token;
                };
                // For C: the token, or undefined, in one call.
                kindTokenOf = object =>
                    hasKindToken(object) ? object.#token : undefined;
                setKindToken = (object, token) => {
                    object.#token = token;
                };
            }
        }

        return {
            WrapperBase,
            getToken: getKindToken,
            hasToken: hasKindToken,
            tokenOf: kindTokenOf,
            setToken: (object, token) => setKindToken(object, token),
            wrap: (prototype, token) =>
                new WrapperBase(STAMP, compactCreate(prototype), token),
            // Whether build() uses the object it is given (the GI
            // constructor of a 'wrapper' kind makes the whole wrapper).
            usesThis: mode !== 'wrapper',
            // What the constructor does, for a function-style constructor
            // (makeConstructor) whose `this` the engine already made from
            // new.target's prototype: stamps the field onto it instead.
            build(self, newTarget, args) {
                if (mode === 'wrapper')
                    return construct(null, newTarget, args);
                new WrapperBase(STAMP, self, undefined);
                if (mode === 'init') {
                    const result = construct(self, newTarget, args);
                    if (result !== null && (typeof result === 'object' ||
                        typeof result === 'function'))
                        return result;
                    return self;
                }
                setKindToken(self, construct(self, newTarget, args));
                return self;
            },
        };
    }

    // `new X(...)` checks that X was registered (its own $gtype), then runs
    // this._init(...args); GObject.Object.prototype._init makes the object.
    const objects = makeWrapperKind('a GObject wrapper', (self, target, args) => {
        if (!Object.hasOwn(target, '$gtype')) {
            throw new TypeError('Tried to construct an object without a ' +
                'GType; are you using GObject.registerClass() when ' +
                'inheriting from a GObject type?');
        }
        return self._init(...args);
    }, 'init');
    const {getToken, hasToken} = objects;

    class GObjectBase extends objects.WrapperBase {
        _init(props) {
            if (objects.tokenOf(this) !== undefined)
                throw new Error(`${describe(this)} is already initialized`);
            const klass = this.constructor;
            const gtype = klass.$gtype;
            // arguments.length, not a rest array: one allocation less.
            const argc = arguments.length;
            const result = props !== null && typeof props === 'object'
                ? constructWithBag(this, klass, gtype, props, argc)
                : native.construct(this, gtype, props, argc);
            // The object got a wrapper while it was being made: that one.
            if (hasToken(result))
                return result;
            objects.setToken(this, result);
            return undefined;
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
    // GObject.Object, as GJS names it.
    Object.defineProperty(GObjectBase, 'name', {value: 'Object'});
    for (const name of Object.getOwnPropertyNames(GObjectBase.prototype)) {
        if (name !== 'constructor') {
            Object.defineProperty(GObjectBase.prototype, name,
                {enumerable: false});
        }
    }
    // The handler matchers, keyed by symbols as in GJS (its Gi.signal_*
    // symbols): the GObject override finds them by their descriptions and
    // builds GObject.signal_handler_find() and friends on them.
    for (const [key, call] of [
        ['sprout.signal_find', native.signalFind],
        ['sprout.signals_block', native.signalsBlock],
        ['sprout.signals_unblock', native.signalsUnblock],
        ['sprout.signals_disconnect', native.signalsDisconnect],
    ]) {
        Object.defineProperty(GObjectBase.prototype, Symbol(key), {
            value(match) {
                return call(getToken(this), match);
            },
        });
    }

    // A constructor's property bag as (index, value) pairs after the
    // arguments of native.construct (indexes into object-props.c's table),
    // the key -> index answers cached per class: after the first object,
    // building one needs no name conversions. Bags of one or two keys, the
    // common ones, are passed without an array to spread.
    const PROP_INDEXES = Symbol('sprout.prop_indexes');
    function propIndex(cache, gtype, key) {
        let index = cache[key];
        if (index === undefined) {
            index = native.propIndex(gtype, key);
            cache[key] = index;
        }
        return index;
    }

    function constructWithBag(wrapper, klass, gtype, props, argc) {
        let cache = Object.hasOwn(klass, PROP_INDEXES) ? klass[PROP_INDEXES]
            : undefined;
        if (cache === undefined) {
            cache = Object.create(null);
            Object.defineProperty(klass, PROP_INDEXES, {value: cache});
        }
        const keys = Object.keys(props);
        const {construct} = native;
        switch (keys.length) {
        case 0:
            return construct(wrapper, gtype, props, argc, true);
        case 1:
            return construct(wrapper, gtype, props, argc, true,
                propIndex(cache, gtype, keys[0]), props[keys[0]]);
        case 2:
            return construct(wrapper, gtype, props, argc, true,
                propIndex(cache, gtype, keys[0]), props[keys[0]],
                propIndex(cache, gtype, keys[1]), props[keys[1]]);
        }
        const pairs = new Array(keys.length * 2);
        for (let i = 0; i < keys.length; i++) {
            pairs[2 * i] = propIndex(cache, gtype, keys[i]);
            pairs[2 * i + 1] = props[keys[i]];
        }
        return construct(wrapper, gtype, props, argc, true, ...pairs);
    }

    // notify for the setters the GObject override generates: the param
    // spec by its index in gi/subclass.c's table, no name to convert.
    Object.defineProperty(GObjectBase.prototype, Symbol('sprout.notify_index'), {
        value(index) {
            native.notifyIndex(getToken(this), index);
        },
    });

    function describe(value) {
        if (value === null)
            return 'null';
        if (typeof value === 'object' || typeof value === 'function')
            return Object.prototype.toString.call(value);
        return `${typeof value} ${String(value)}`;
    }

    const wrap = objects.wrap;

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
                    native.warnDisposed(token, 'add toggle reference on');
                return Reflect.set(target, key, value, receiver);
            },
        }));
    }

    // The constructor of a GI class of @kind: a function rather than class
    // syntax, so that calling it without `new` throws GJS's message rather
    // than the engine's. `new` (or a subclass's super()) gives it `this`
    // made from new.target's prototype; the classes between it and the
    // kind's base have no constructor logic of their own, so it builds the
    // wrapper directly (Reflect.construct up the chain costs ~90 ns).
    // `new` of the GI class itself (no JS subclass, so no class fields to
    // make room for) builds a compact object instead of the engine's.
    function makeConstructor(kind, Parent, name) {
        const {build, usesThis} = kind;
        const klass = {
            [name]: function (...args) {
                if (new.target === undefined)
                    throw new TypeError(CALLED_AS_FUNCTION);
                return build(usesThis && new.target === klass
                    ? compactCreate(klass.prototype) : this, new.target, args);
            },
        }[name];
        inheritFrom(klass, Parent);
        return klass;
    }

    // Makes the function @klass a subclass of @Parent, as `class extends`
    // would (a non-writable prototype whose constructor is @klass).
    function inheritFrom(klass, Parent) {
        Object.setPrototypeOf(klass, Parent);
        Object.defineProperty(klass, 'prototype', {
            value: Object.create(Parent.prototype, {
                constructor: {value: klass, writable: true, configurable: true},
            }),
            writable: false,
        });
    }

    function makeClass(Parent, name, gtype) {
        const klass = makeConstructor(objects, Parent, name);
        Object.defineProperty(klass, '$gtype', {value: gtype});
        return klass;
    }

    // What implementing classes need to know of an interface prototype:
    // its plain `members` object (the Proxy's target) and the holders that
    // mirror them (foldInterfaces).
    const interfaceRecords = new WeakMap();

    // An interface's prototype is a Proxy over a plain object, so that
    // every change to it (an override's new method, a spy, a deletion)
    // reaches the classes that implement it at once, as GJS's lookups
    // through interface prototypes do. No instance's prototype chain holds
    // it: implementing classes read their plain mirrors, and only code that
    // reads Gio.File.prototype itself goes through the Proxy. object.c
    // defines the GI members on the plain prototype that makeInterface
    // returns, then puts the Proxy in its place (sealInterface).
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
        // As GJS: interface prototypes have their own toString, which
        // describes the object it is called on.
        Object.defineProperty(iface.prototype, 'toString', {
            value: function toString() {
                return GObjectBase.prototype.toString.call(this);
            },
            writable: true, enumerable: false, configurable: true,
        });
        return iface;
    }

    function sealInterface(iface) {
        const members = iface.prototype;
        const record = {members, holders: []};
        const changed = key => {
            for (const holder of record.holders)
                mirrorMember(holder, key);
        };
        const prototype = new Proxy(members, {
            // Assignments reach this trap too (OrdinarySet defines the
            // value on the receiver, the Proxy).
            defineProperty(target, key, descriptor) {
                if (!Reflect.defineProperty(target, key, descriptor))
                    return false;
                changed(key);
                return true;
            },
            deleteProperty(target, key) {
                if (!Reflect.deleteProperty(target, key))
                    return false;
                changed(key);
                return true;
            },
        });
        interfaceRecords.set(prototype, record);
        iface.prototype = prototype;
    }

    function makeMethod(fn, name) {
        const invoke = native.invoke;
        const method = function (...args) {
            return invoke(fn, getToken(this), ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        Object.defineProperty(method, 'length', {value: fn.length});
        return method;
    }

    // A class-struct method as a static function taking the class as this.
    function makeClassMethod(fn, name, owner) {
        const invoke = native.classInvoke;
        const method = function (...args) {
            return invoke(fn, this, owner, ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    // vfunc_NAME of an introspected type: calls that type's implementation.
    function makeVFuncMethod(vfunc, name) {
        const invoke = native.vfuncInvoke;
        const method = function (...args) {
            return invoke(vfunc, getToken(this), ...args);
        };
        Object.defineProperty(method, 'name', {value: name});
        return method;
    }

    // Interface members on implementing classes (object.c): each class
    // that adds interfaces to its parent's gets a holder that mirrors the
    // interfaces' methods (the first interface that has a key wins; the
    // parent's members win over all), kept in step by the interfaces'
    // Proxies.
    //
    // An introspected class's holder is its own prototype, so that the
    // prototype chain is the GType hierarchy, as in GJS; its own methods
    // win, and the mirrors are plain data properties, the fastest lookup.
    //
    // Other classes (GLocalFile) get a holder of their own between their
    // prototype and their parent's, so that what code stores on the class
    // prototype (Gio._LocalFilePrototype.dup = spy) shadows the interface's
    // member, and deleting it brings that member back. There the mirrors
    // are accessors that read the interface's current member. As in GJS,
    // assigning one on an instance does not shadow what its class prototype
    // gets later: the instance keeps the value in a hidden slot that only
    // the accessor reads.
    function foldInterfaces(prototype, ifacePrototypes, layered) {
        const records = ifacePrototypes.map(p => interfaceRecords.get(p))
            .filter(record => record !== undefined);
        if (records.length === 0)
            return;
        const parent = Object.getPrototypeOf(prototype);
        let object = prototype;
        if (layered) {
            object = Object.create(parent);
            Object.setPrototypeOf(prototype, object);
        }
        const holder = {object, parent, records, layered, mirrored: new Map()};
        // The first mirrors, without mirrorMember's checks: the holder has
        // none yet.
        for (const record of records) {
            record.holders.push(holder);
            const descriptors = Object.getOwnPropertyDescriptors(
                record.members);
            for (const key of Reflect.ownKeys(descriptors)) {
                if (key === 'constructor' || holder.mirrored.has(key) ||
                    key in parent || (!layered && Object.hasOwn(object, key)))
                    continue;
                setMirror(holder, key, record, descriptors[key]);
            }
        }
    }

    // Members that code assigned on an instance of a class without GI data
    // (see above), by key, in a null-prototype object.
    const SHADOWED = Symbol('sprout.shadowed');

    // Mirrors `key` of `source` (its own `descriptor` there) on the holder.
    // `mirrored` keeps, by key, the source of a layered holder's accessor
    // (the holder object is private: its accessors are all ours), or what
    // was put on an introspected class's prototype (which code may
    // overwrite): the value, or an accessor member's get and set.
    function setMirror(holder, key, source, descriptor) {
        const {object, mirrored} = holder;
        if (!holder.layered) {
            if ('value' in descriptor) {
                Object.defineProperty(object, key, {value: descriptor.value,
                    writable: true, enumerable: false, configurable: true});
                mirrored.set(key, {value: descriptor.value});
            } else {
                const {get, set} = descriptor;
                Object.defineProperty(object, key, {get, set,
                    enumerable: false, configurable: true});
                mirrored.set(key, {get, set});
            }
            return;
        }
        const {members} = source;
        Object.defineProperty(object, key, {
            get() {
                const shadowed = this[SHADOWED];
                return shadowed !== undefined && key in shadowed
                    ? shadowed[key] : Reflect.get(members, key, this);
            },
            set(newValue) {
                const member = Object.getOwnPropertyDescriptor(members, key);
                if (member?.set) {
                    member.set.call(this, newValue);
                } else if (hasToken(this)) {
                    if (!Object.hasOwn(this, SHADOWED)) {
                        Object.defineProperty(this, SHADOWED,
                            {value: Object.create(null)});
                    }
                    this[SHADOWED][key] = newValue;
                } else {
                    Object.defineProperty(this, key, {value: newValue,
                        writable: true, enumerable: true,
                        configurable: true});
                }
            },
            enumerable: false,
            configurable: true,
        });
        mirrored.set(key, source);
    }

    // Brings `key` of a holder in line with its interfaces: their first
    // member of that name (a value or an accessor), or nothing. What the holder has that is not
    // the mirror last put there (a class's own method, or what code stored
    // on an introspected class's prototype) is left alone.
    function mirrorMember(holder, key) {
        const {object, mirrored} = holder;
        if (key === 'constructor')
            return;
        const current = Object.getOwnPropertyDescriptor(object, key);
        const ours = mirrored.get(key);
        const isOurs = current !== undefined && ours !== undefined &&
            (holder.layered || ('value' in current
                ? Object.is(current.value, ours.value)
                : current.get === ours.get && current.set === ours.set));
        if (current !== undefined && !isOurs)
            return;
        let source;
        if (!(key in holder.parent)) {
            for (const record of holder.records) {
                if (Object.hasOwn(record.members, key)) {
                    source = record;
                    break;
                }
            }
        }
        if (source === undefined) {
            if (current !== undefined)
                delete object[key];
            mirrored.delete(key);
        } else if (!holder.layered || !isOurs || ours !== source) {
            setMirror(holder, key, source,
                Object.getOwnPropertyDescriptor(source.members, key));
        }
    }

    // The prototype chain's descriptor of `key`, or undefined.
    function findDescriptor(object, key) {
        for (let o = object; o !== null; o = Object.getPrototypeOf(o)) {
            const descriptor = Object.getOwnPropertyDescriptor(o, key);
            if (descriptor)
                return descriptor;
        }
        return undefined;
    }

    // set_property of a JS type (subclass.c). A construct-only value is
    // given to the class's setters under any of the property's three names,
    // then fixed on the instance: behind the class's getter if it has one,
    // else as a read-only value (GJS's rules).
    function setGProperty(wrapper, name, value, constructOnly) {
        const underscore = name.replaceAll('-', '_');
        if (!constructOnly) {
            wrapper[underscore] = value;
            return;
        }
        const camel = underscore.replace(/_([a-z])/g, (m, c) => c.toUpperCase());
        const keys = [...new Set([underscore, camel, name])];
        let getter;
        for (const key of keys) {
            const descriptor = findDescriptor(wrapper, key);
            if (descriptor?.set)
                wrapper[key] = value;
            if (descriptor?.get && !getter)
                getter = descriptor.get;
        }
        for (const key of keys) {
            const descriptor = getter ? {get: getter} : {value, writable: false};
            Object.defineProperty(wrapper, key,
                {...descriptor, enumerable: true, configurable: false});
        }
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

    // Public fields of GObject instance structs (object-fields.c): read
    // only, as in GJS. `holder` owns the plans for as long as the
    // prototype lives.
    const objectFieldHolders = new WeakMap();

    function defineObjectFields(prototype, names, fields, holder, typeName) {
        const {objectFieldGet} = native;
        objectFieldHolders.set(prototype, holder);
        names.forEach((name, i) => {
            const field = fields[i];
            Object.defineProperty(prototype, name, {
                get() {
                    return objectFieldGet(this, field);
                },
                set(value) {
                    throw new TypeError(
                        `Property ${typeName}.${name} is not writable`);
                },
                enumerable: true,
                configurable: true,
            });
        });
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

    // The handler holder of a wrapper (gi/signals-closure.c): the values
    // its native side keeps live exactly as long as the wrapper does, and
    // a cycle through them is collected with it.
    const holders = new WeakMap();
    function handlerHolder(wrapper) {
        let holder = holders.get(wrapper);
        if (holder === undefined) {
            holder = Object.create(null);
            holders.set(wrapper, holder);
        }
        return holder;
    }

    return {
        handlerHolder,
        GObjectBase, wrap, makeClass, makeInterface, makeMethod,
        makeVFuncMethod, makeClassMethod, setGProperty,
        makeAccessor, getToken, hasToken, markDisposed,
        tokenOf: objects.tokenOf,
        setToken: objects.setToken,
        // For C (object.c): a token made during construction, stored just
        // before the first JS call that sees the wrapper, in that call.
        setTokenAndCall: (wrapper, token, fn, a, b, c) => {
            objects.setToken(wrapper, token);
            return fn(wrapper, a, b, c);
        },
        defineObjectFields,
        foldInterfaces, sealInterface,
        // For js/wrappers.js, which makes the other kinds of wrappers.
        base: {STAMP, CALLED_AS_FUNCTION, ReturnOverride, makeWrapperKind,
            makeConstructor, inheritFrom, describe, compactCreate},
    };
})
