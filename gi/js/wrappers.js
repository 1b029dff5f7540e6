// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// wrappers.js: the JavaScript half of the wrappers that are not GObjects
// (boxed structs and unions, GLib.Variant, fundamentals), evaluated once
// per context by gi/object.c right after js/object.js. It gets `native` (the
// same C functions) and the helpers js/object.js returned, whose `base`
// holds the pieces every kind of wrapper is built from (a base class with
// its own private token field, the stamp for wrappers made in C), and adds
// its own helpers to them.
(function (native, helpers) {
    'use strict';

    const {STAMP, CALLED_AS_FUNCTION, ReturnOverride, makeWrapperKind,
        makeConstructor, inheritFrom, describe, compactCreate} = helpers.base;

    // Boxed structs and unions: the same pattern with their own private
    // field, so a struct can never pass for an object or the reverse. Not
    // made by makeWrapperKind: `new X()` of a struct is often done in
    // loops, and JSC runs this one base class, calling its native directly,
    // several times faster than the shared constructor chain (a closure and
    // a rest array per level; measured ~150 ns against ~40 ns). Each class
    // (makeBoxedClass) hands its arguments over as one array, so there is
    // a single rest array and no spread on the way.
    let boxedTokenOf, hasBoxedToken, getBoxedToken, initBoxed;

    class BoxedBase extends ReturnOverride {
        #token;

        constructor(mode, target, token) {
            super(target);
            if (mode === STAMP)
                this.#token = token;
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
            // For C: the token, or undefined, in one call.
            boxedTokenOf = object =>
                hasBoxedToken(object) ? object.#token : undefined;
            // `new X(...args)` of a class made by makeBoxedClass, on the
            // `this` the engine made and stamped: gives it its token.
            initBoxed = (self, target, args) => {
                const info = target.$sproutInfo;
                if (args.length === 0) {
                    self.#token = native.boxedConstruct(self, info);
                    return;
                }
                const props = args[0];
                const fields = target.$sproutFields;
                if (args.length === 1 && fields !== undefined &&
                    typeof props === 'object' && props !== null &&
                    !(#token in props)) {
                    // `new X({field: value})` of a type that is allocated
                    // (or made by its zero-args constructor) and then
                    // filled in: set the fields from here, one native call
                    // each, instead of C reading the object through the
                    // API. An unknown key goes the native way, which names
                    // it in the error.
                    const keys = Object.keys(props);
                    let known = true;
                    for (let i = 0; i < keys.length && known; i++)
                        known = Object.hasOwn(fields, keys[i]);
                    if (known) {
                        const token = native.boxedConstruct(self, info);
                        self.#token = token;
                        for (const key of keys)
                            native.boxedFieldSet(token, fields[key], self, props[key]);
                        return;
                    }
                }
                self.#token = native.boxedConstruct(self, info, ...args);
            };
        }

        toString() {
            return native.boxedDescribe(getBoxedToken(this), this);
        }
    }
    Object.defineProperty(BoxedBase.prototype, 'toString', {enumerable: false});

    const boxed = {tokenOf: boxedTokenOf};
    const wrapBoxed = (prototype, token) =>
        new BoxedBase(STAMP, compactCreate(prototype), token);

    function makeBoxedClass(name, gtype) {
        const klass = {
            [name]: function (...args) {
                if (new.target === undefined)
                    throw new TypeError(CALLED_AS_FUNCTION);
                new BoxedBase(STAMP, this, undefined);
                initBoxed(this, new.target, args);
            },
        }[name];
        inheritFrom(klass, BoxedBase);
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

    // Struct and union fields (boxed-fields.c): an accessor pair per field
    // on the prototype, enumerable as in GJS. `field` is the token of the
    // field's plan; the native call checks the receiver (a wrong one gets
    // undefined as its token).
    function defineBoxedFields(prototype, names, fields, initialisable) {
        const {boxedFieldGet, boxedFieldSet} = native;
        const tokenOf = boxed.tokenOf;
        const byName = Object.create(null);
        names.forEach((name, i) => {
            const field = fields[i];
            byName[name] = field;
            Object.defineProperty(prototype, name, {
                get() {
                    return boxedFieldGet(tokenOf(this), field, this);
                },
                set(value) {
                    boxedFieldSet(tokenOf(this), field, this, value);
                },
                enumerable: true,
                configurable: true,
            });
        });
        // For BoxedBase's field initialisers; JS subclasses inherit it.
        if (initialisable) {
            Object.defineProperty(prototype.constructor, '$sproutFields',
                {value: byName});
        }
    }

    // What a struct's wrapper keeps alive: for a struct embedded in another
    // (whose wrapper shares the parent's memory), the parent's wrapper; for
    // objects stored in pointer fields (C holds no reference), the objects,
    // on the outermost wrapper.
    const boxedParents = new WeakMap();
    const boxedFieldValues = new WeakMap();

    function wrapNestedBoxed(prototype, token, parent) {
        const wrapper = wrapBoxed(prototype, token);
        boxedParents.set(wrapper, parent);
        return wrapper;
    }

    // The keys of a field initialiser: own enumerable ones, as GJS reads.
    function boxedInitKeys(props) {
        return Object.keys(props);
    }

    // `key` names the field's memory, so a new value replaces the old one
    // whichever wrapper of the same memory stored it.
    function keepBoxedFieldValue(wrapper, key, value) {
        let owner = wrapper;
        while (boxedParents.has(owner))
            owner = boxedParents.get(owner);
        let values = boxedFieldValues.get(owner);
        if (!values) {
            values = new Map();
            boxedFieldValues.set(owner, values);
        }
        values.set(key, value);
    }

    // GLib.Variant (variant.c): its own private field; the token owns one
    // reference on the GVariant. `new GLib.Variant(signature, value)` packs
    // natively; the unpack family converts natively too (GLib.js adds the
    // rest of GJS's override).
    const variants = makeWrapperKind('a GLib.Variant',
        (self, target, args) => native.variantNew(args[0], args[1]));
    const variantTokenOf = variants.tokenOf;

    class VariantBase extends variants.WrapperBase {
        unpack() {
            return native.variantUnpack(variants.getToken(this), 0);
        }

        deepUnpack() {
            return native.variantUnpack(variants.getToken(this), 1);
        }

        deep_unpack() {
            return native.variantUnpack(variants.getToken(this), 1);
        }

        recursiveUnpack() {
            return native.variantUnpack(variants.getToken(this), 2);
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

    const wrapVariant = variants.wrap;

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
    const fundamentals = makeWrapperKind('a fundamental wrapper',
        (self, target, args) => native.fundamentalConstruct(target, args),
        'wrapper');
    const {getToken: getFundamentalToken, hasToken: hasFundamentalToken} =
        fundamentals;
    const FundamentalBase = fundamentals.WrapperBase;

    const wrapFundamental = fundamentals.wrap;

    function makeFundamentalClass(Parent, name, gtype) {
        const Base = Parent ?? FundamentalBase;
        const klass = makeConstructor(fundamentals, Base, name);
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

    return Object.assign(helpers, {
        boxedTokenOf: boxed.tokenOf,
        fundamentalTokenOf: fundamentals.tokenOf,
        BoxedBase, wrapBoxed, makeBoxedClass, makeBoxedMethod,
        getBoxedToken, hasBoxedToken, defineBoxedFields, wrapNestedBoxed,
        keepBoxedFieldValue, boxedInitKeys,
        VariantBase, wrapVariant, makeVariantClass, makeVariantMethod,
        variantTokenOf,
        FundamentalBase, wrapFundamental, makeFundamentalClass,
        makeFundamentalMethod, getFundamentalToken, hasFundamentalToken,
        decorateParamSpec,
    });
})
