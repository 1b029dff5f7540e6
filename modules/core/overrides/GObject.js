// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// GObject overrides: what GJS adds to the GObject namespace on top of the
// typelib. imports.gi runs _init() with the namespace as `this` once the
// namespace exists, before any script sees it.
//
// - GType objects for the fundamental types (GObject.TYPE_STRING, ...), the
//   GJS "dummy classes" that stand for them where a type is expected
//   (GObject.Int, GObject.VoidType, String/Number/Boolean/Object with a
//   $gtype), and GObject.Type(name).
// - GObject.ParamSpec.<type>(name, nick, blurb, flags, ...): GJS's argument
//   order (flags fourth) over the typelib's g_param_spec_*() functions.
//   The read-only properties of param specs (name, nick, blurb, flags,
//   value_type, owner_type, default_value) come from gi/fundamental.c.
// - GObject.registerClass() and its class system (GObject.Interface,
//   Properties with generated accessors, Signals, Implements/Requires,
//   vfunc_ and on_ methods), over imports._gi (gi/subclass*.c, gi/vfunc.c).
// - The signal helpers GJS adds because JS handlers are private closures:
//   signal_connect(), signal_connect_after(), signal_emit_by_name(),
//   signal_handler_find() and signal_handlers_{block,unblock,disconnect}_
//   matched() taking a match object {signalId, detail, func}, the C macros
//   signal_handlers_*_by_func(), and signal_handlers_disconnect_by_data()
//   which only throws (gi/signals-match.c does the matching).

function _init() {
    const GObject = this;

    // Some types register lazily; asking for the GType type first makes
    // the runtime register the ones type_from_name() must find.
    const TYPE_GTYPE = GObject.gtype_get_type();
    const typeFromName = name => {
        const gtype = GObject.type_from_name(name);
        if (gtype === null)
            throw new Error(`GType ${name} is not registered`);
        return gtype;
    };
    const defineConstant = (name, value) => {
        Object.defineProperty(GObject, name, {
            value, writable: false, enumerable: true, configurable: false,
        });
    };

    // A function standing for a GType where GJS accepts a class.
    const makeDummyClass = (name, upperName, gtypeName, actual) => {
        const gtype = typeFromName(gtypeName);
        defineConstant(`TYPE_${upperName}`, gtype);
        const dummy = {[name]: function (value) {
            return actual(value);
        }}[name];
        Object.defineProperty(dummy, '$gtype', {value: gtype});
        GObject[name] = dummy;
    };
    // A JS constructor standing for a GType (String for gchararray, ...).
    const adoptConstructor = (name, upperName, gtypeName, ctor) => {
        const gtype = typeFromName(gtypeName);
        defineConstant(`TYPE_${upperName}`, gtype);
        Object.defineProperty(ctor, '$gtype', {
            value: gtype, writable: true, enumerable: false, configurable: true,
        });
        GObject[name] = ctor;
    };

    makeDummyClass('VoidType', 'NONE', 'void', function () {});
    makeDummyClass('Char', 'CHAR', 'gchar', Number);
    makeDummyClass('UChar', 'UCHAR', 'guchar', Number);
    makeDummyClass('Unichar', 'UNICHAR', 'gint', String);
    adoptConstructor('Boolean', 'BOOLEAN', 'gboolean', Boolean);
    makeDummyClass('Int', 'INT', 'gint', Number);
    makeDummyClass('UInt', 'UINT', 'guint', Number);
    makeDummyClass('Long', 'LONG', 'glong', Number);
    makeDummyClass('ULong', 'ULONG', 'gulong', Number);
    makeDummyClass('Int64', 'INT64', 'gint64', Number);
    makeDummyClass('UInt64', 'UINT64', 'guint64', Number);
    makeDummyClass('Float', 'FLOAT', 'gfloat', Number);
    adoptConstructor('Double', 'DOUBLE', 'gdouble', Number);
    adoptConstructor('String', 'STRING', 'gchararray', String);
    adoptConstructor('JSObject', 'JSOBJECT', 'JSObject', Object);

    const plainTypes = {
        INTERFACE: 'GInterface',
        ENUM: 'GEnum',
        FLAGS: 'GFlags',
        POINTER: 'gpointer',
        BOXED: 'GBoxed',
        PARAM: 'GParam',
        OBJECT: 'GObject',
        VARIANT: 'GVariant',
        STRV: 'GStrv',
    };
    for (const [upperName, gtypeName] of Object.entries(plainTypes))
        defineConstant(`TYPE_${upperName}`, typeFromName(gtypeName));
    defineConstant('TYPE_GTYPE', TYPE_GTYPE);

    // GObject.Type(name): the GType object of a type name; GType objects
    // are its instances.
    const gtypePrototype = Object.getPrototypeOf(TYPE_GTYPE);
    const Type = function Type(name) {
        return GObject.type_from_name(name);
    };
    Object.defineProperty(Type, 'prototype', {value: gtypePrototype});
    Object.defineProperty(gtypePrototype, 'constructor', {
        value: Type, writable: true, enumerable: false, configurable: true,
    });
    GObject.Type = Type;

    defineParamSpecFactories(GObject);
    defineClassSystem(GObject);
    defineSignalHelpers(GObject);
}

function defineSignalHelpers(GObject) {
    const proto = GObject.Object.prototype;
    // gi/js/object.js keys the matchers by symbols with these descriptions.
    const matcher = description => Object.getOwnPropertySymbols(proto)
        .find(symbol => symbol.description === description);
    const find = matcher('sprout.signal_find');
    const block = matcher('sprout.signals_block');
    const unblock = matcher('sprout.signals_unblock');
    const disconnect = matcher('sprout.signals_disconnect');

    GObject.signal_connect = function (object, name, handler) {
        return proto.connect.call(object, name, handler);
    };
    GObject.signal_connect_after = function (object, name, handler) {
        return proto.connect_after.call(object, name, handler);
    };
    GObject.signal_emit_by_name = function (object, ...nameAndArgs) {
        return proto.emit.apply(object, nameAndArgs);
    };

    // The typelib's versions stay reachable for C-style seven-argument
    // calls, as in GJS.
    const withMatch = (name, symbol) => {
        const real = GObject[name];
        GObject[`_real_${name}`] = real;
        GObject[name] = function (instance, match) {
            if (arguments.length === 7)
                return real(...arguments);
            return instance[symbol](match);
        };
    };
    withMatch('signal_handler_find', find);
    withMatch('signal_handlers_block_matched', block);
    withMatch('signal_handlers_unblock_matched', unblock);
    withMatch('signal_handlers_disconnect_matched', disconnect);

    GObject.signal_handlers_block_by_func = function (instance, func) {
        return instance[block]({func});
    };
    GObject.signal_handlers_unblock_by_func = function (instance, func) {
        return instance[unblock]({func});
    };
    GObject.signal_handlers_disconnect_by_func = function (instance, func) {
        return instance[disconnect]({func});
    };
    GObject.signal_handlers_disconnect_by_data = function () {
        throw new Error('GObject.signal_handlers_disconnect_by_data() is not ' +
            'introspectable. Use GObject.signal_handlers_disconnect_by_func() ' +
            'instead.');
    };
}

function defineParamSpecFactories(GObject) {
    const {ParamSpec} = GObject;
    const define = (name, factory) => {
        Object.defineProperty(ParamSpec, name, {
            value: factory, writable: true, enumerable: false,
            configurable: true,
        });
    };

    // Numbers: (name, nick, blurb, flags, minimum, maximum, default).
    for (const type of ['char', 'uchar', 'int', 'uint', 'long', 'ulong',
        'int64', 'uint64', 'float', 'double']) {
        const make = GObject[`param_spec_${type}`];
        define(type, function (name, nick, blurb, flags, minimum, maximum,
            defaultValue) {
            return make(name, nick, blurb, minimum, maximum, defaultValue,
                flags);
        });
    }

    // (name, nick, blurb, flags, default).
    for (const type of ['boolean', 'string', 'unichar']) {
        const make = GObject[`param_spec_${type}`];
        define(type, function (name, nick, blurb, flags, defaultValue) {
            return make(name, nick, blurb, defaultValue, flags);
        });
    }

    // (name, nick, blurb, flags, type, default).
    for (const type of ['enum', 'flags', 'variant']) {
        const make = GObject[`param_spec_${type}`];
        define(type, function (name, nick, blurb, flags, valueType,
            defaultValue) {
            return make(name, nick, blurb, valueType, defaultValue, flags);
        });
    }

    // (name, nick, blurb, flags, type).
    for (const type of ['object', 'boxed', 'param', 'gtype']) {
        const make = GObject[`param_spec_${type}`];
        define(type, function (name, nick, blurb, flags, valueType) {
            return make(name, nick, blurb, valueType, flags);
        });
    }

    define('jsobject', function (name, nick, blurb, flags) {
        return GObject.param_spec_boxed(name, nick, blurb,
            GObject.TYPE_JSOBJECT, flags);
    });
}

const GTypeName = Symbol('GType name');
const GTypeFlags = Symbol('GType flags');
const interfaces = Symbol('GObject interfaces');
const properties = Symbol('GObject properties');
const requires = Symbol('GObject interface requires');
const signals = Symbol('GObject signals');
const gtkChildren = Symbol('GTK widget template children');
const gtkCssName = Symbol('GTK widget CSS name');
const gtkInternalChildren = Symbol('GTK widget template internal children');
const gtkTemplate = Symbol('GTK widget template');

// Meta info keys of registerClass({...}, class ...) and where they go.
const metaKeys = {
    GTypeName, GTypeFlags, Properties: properties, Signals: signals,
    Implements: interfaces, Requires: requires, CssName: gtkCssName,
    Template: gtkTemplate, Children: gtkChildren,
    InternalChildren: gtkInternalChildren,
};

function defineClassSystem(GObject) {
    const Gi = imports._gi;
    const hidden = (object, values) => {
        for (const [key, value] of Object.entries(values)) {
            Object.defineProperty(object, key, {
                value, writable: true, enumerable: false, configurable: true,
            });
        }
    };

    const registerClass = (...args) => {
        let klass = args[0];
        if (args.length === 2) {
            const [metaInfo] = args;
            klass = args[1];
            for (const [key, symbol] of Object.entries(metaKeys)) {
                if (key in metaInfo)
                    klass[symbol] = metaInfo[key];
            }
        }
        if (typeof klass !== 'function' ||
            !(klass.prototype instanceof GObject.Object ||
              klass.prototype instanceof GObject.Interface)) {
            const base = typeof klass === 'function'
                ? Object.getPrototypeOf(klass).name : typeof klass;
            throw new TypeError('GObject.registerClass() used with invalid ' +
                `base class (is ${base})`);
        }
        // ES6 classes inherit _classInit statically; a class extending a
        // legacy (Lang) class finds it on the first ancestor that has it.
        let classInit = klass._classInit;
        for (let k = klass; typeof classInit !== 'function' && k;) {
            k = Object.getPrototypeOf(k.prototype)?.constructor;
            classInit = k?._classInit;
        }
        return classInit.call(klass, klass);
    };

    const gtypeName = klass => {
        const sanitize = name => name.replace(/[^a-z0-9+_-]/gi, '_');
        if (Object.hasOwn(klass, GTypeName)) {
            const sanitized = sanitize(klass[GTypeName]);
            if (sanitized !== klass[GTypeName]) {
                logError(new RangeError(`Provided GType name '${
                    klass[GTypeName]}' is not valid; automatically sanitized ` +
                    `to '${sanitized}'`));
            }
            return sanitized;
        }
        let name = klass.name;
        if (GObject.gtypeNameBasedOnJSPath) {
            const basename = callerBasename();
            if (basename)
                name = `${basename}_${name}`;
        }
        if (name === '')
            name = `anonymous_${GLib().uuid_string_random()}`;
        return sanitize(`Gjs_${name}`);
    };

    const ownValues = (klass, symbol) =>
        Object.hasOwn(klass, symbol) ? Object.values(klass[symbol]) : [];

    const defineGType = (klass, gtype) => {
        Object.defineProperty(klass, '$gtype', {
            get: () => gtype,
            set() {},
            enumerable: false,
            configurable: false,
        });
    };

    const createSignals = (gtype, sigs) => {
        for (const [name, info] of Object.entries(sigs ?? {})) {
            try {
                info.signal_id = Gi.signalNew(gtype, name,
                    info.flags ?? GObject.SignalFlags.RUN_FIRST,
                    info.accumulator ?? GObject.AccumulatorType.NONE,
                    info.return_type ?? GObject.TYPE_NONE,
                    info.param_types ?? []);
            } catch (e) {
                throw new TypeError(`Invalid signal ${name}: ${e.message}`);
            }
        }
    };

    const hookUpVFuncs = (prototype, gtype) => {
        for (const name of Object.getOwnPropertyNames(prototype)) {
            const {value} = Object.getOwnPropertyDescriptor(prototype, name);
            if (typeof value !== 'function')
                continue;
            if (name.startsWith('vfunc_')) {
                Gi.hookVFunc(gtype, name.slice(6), value);
            } else if (name.startsWith('on_')) {
                const id = GObject.signal_lookup(
                    name.slice(3).replace('_', '-'), gtype);
                if (id !== 0)
                    Gi.overrideClassClosure(id, gtype, value);
            }
        }
    };

    const copyInterfaceDescriptors = (target, source) => {
        const introspected = !(source instanceof GObject.Interface);
        for (const [key, descriptor] of Object.entries(
            Object.getOwnPropertyDescriptors(source))) {
            // An introspected interface's vfunc_ methods call its C
            // implementation: copied, they would pass for JS overrides.
            if (['constructor', 'toString'].includes(key) ||
                (typeof key === 'string' && key.startsWith('__')) ||
                (introspected && key.startsWith('vfunc_')) ||
                Object.hasOwn(target, key))
                continue;
            // Property accessors of introspected interfaces stay behind:
            // the class implements (or forgot) those properties itself.
            if (typeof descriptor.value === 'function' ||
                (introspected ? false : descriptor.get || descriptor.enumerable))
                Object.defineProperty(target, key, descriptor);
        }
        for (const key of Object.getOwnPropertySymbols(source)) {
            if (!Object.hasOwn(target, key)) {
                Object.defineProperty(target, key,
                    Object.getOwnPropertyDescriptor(source, key));
            }
        }
    };

    const interfacePresent = (required, klass) => {
        if (!klass || !klass[interfaces])
            return false;
        if (klass[interfaces].includes(required))
            return true;
        return interfacePresent(required, Object.getPrototypeOf(klass));
    };

    const checkInterface = (iface, proto) => {
        if (iface.$gtype.name === 'GAsyncInitable' &&
            !Object.getOwnPropertyNames(proto).includes('vfunc_init_async'))
            throw new Error("It's not currently possible to implement Gio.AsyncInitable.");
        if (iface[requires] === undefined)
            return;
        const ifaces = proto.constructor[interfaces];
        const unfulfilled = iface[requires].filter(required =>
            (!interfacePresent(required, proto.constructor) ||
             ifaces.indexOf(required) > ifaces.indexOf(iface)) &&
            !(proto instanceof required) &&
            !GObject.type_is_a(Object.getPrototypeOf(proto.constructor).$gtype,
                required.$gtype)
        ).map(required => required.name || required);
        if (unfulfilled.length > 0) {
            throw new Error('The following interfaces must be implemented ' +
                `before ${iface.name}: ${unfulfilled.join(', ')}`);
        }
    };

    // Accessors for a property where the class lacks them (GJS's rules): a
    // read-write property with neither gets a value kept on the instance
    // with notify on change; any other missing half throws when used.
    const checkParamSpec = (klass, pspec) => {
        if (!(pspec instanceof GObject.ParamSpec)) {
            throw new TypeError(`Properties of ${klass.name || 'a class'} ` +
                `must be GObject.ParamSpec objects, not ${typeof pspec === 'object'
                    ? String(pspec) : typeof pspec}`);
        }
    };

    // GObjectBase's fast notify (gi/js/object.js), found by description.
    const notifyIndex = Object.getOwnPropertySymbols(GObject.Object.prototype)
        .find(symbol => symbol.description === 'sprout.notify_index');

    // C's set_property of JS classes (gi/subclass-props.c) calls the hook
    // with the property's index, so the accessor is found by a name kept
    // here. With `quiet`, GObject queues notify itself once set_property
    // returns: the generated setter of that property, on that object, then
    // leaves it out.
    const propertyNames = [];
    const propertyIndex = pspec => {
        const index = Gi.pspecIndex(pspec);
        propertyNames[index] ??= pspec.name.replaceAll('-', '_');
        return index;
    };
    let settingObject = null;
    let settingIndex = -1;
    Gi.setPropertyHook((wrapper, index, value, quiet) => {
        const outerObject = settingObject, outerIndex = settingIndex;
        settingObject = quiet ? wrapper : null;
        settingIndex = index;
        try {
            wrapper[propertyNames[index]] = value;
        } finally {
            settingObject = outerObject;
            settingIndex = outerIndex;
        }
    });
    const generateAccessors = (pspec, descriptor) => {
        const {name, flags} = pspec;
        const readable = flags & GObject.ParamFlags.READABLE;
        const writable = flags & GObject.ParamFlags.WRITABLE;
        const thrower = message => function () {
            throw new Error(`${message} for property ${name}`);
        };
        descriptor = {...descriptor ?? {configurable: true, enumerable: true}};
        if (readable && writable && !descriptor.get && !descriptor.set) {
            const storage = Symbol(`__autogeneratedAccessor__${name}`);
            const defaultValue = pspec.default_value;
            const index = propertyIndex(pspec);
            descriptor.get = function () {
                if (!(storage in this))
                    this[storage] = defaultValue;
                return this[storage];
            };
            descriptor.set = function (value) {
                if (value !== this[storage]) {
                    this[storage] = value;
                    if (this !== settingObject || index !== settingIndex)
                        this[notifyIndex](index);
                }
            };
        } else if (readable && writable && !descriptor.get) {
            descriptor.get = thrower('setter defined without getter');
        } else if (readable && writable && !descriptor.set) {
            descriptor.set = thrower('getter defined without setter');
        } else if (readable && !descriptor.get) {
            descriptor.get = function () {
                throw new Error(`missing getter for read-only property ${name}`);
            };
        } else if (writable && !descriptor.set) {
            descriptor.set = function () {
                throw new Error(`missing setter for write-only property ${name}`);
            };
        }
        return descriptor;
    };

    // The three names of a property share the class's accessors, completed
    // where halves are missing; names the class defined itself are kept.
    const checkAccessors = (proto, pspec) => {
        const {name, flags} = pspec;
        if (flags & GObject.ParamFlags.CONSTRUCT_ONLY)
            return;
        const names = [name];
        if (name.includes('-')) {
            names.push(name.replaceAll('-', '_'),
                name.replace(/-([a-z])/g, m => m[1].toUpperCase()));
        }
        const own = names.map(key => Object.getOwnPropertyDescriptor(proto, key));
        let descriptor = own.find(d => d !== undefined);
        const readable = flags & GObject.ParamFlags.READABLE;
        const writable = flags & GObject.ParamFlags.WRITABLE;
        if (!descriptor || (readable && !descriptor.get) ||
            (writable && !descriptor.set))
            descriptor = generateAccessors(pspec, descriptor);
        names.forEach((key, i) => {
            if (!own[i])
                Object.defineProperty(proto, key, descriptor);
        });
    };

    hidden(GObject.Object, {
        _classInit(klass) {
            const parentClass = Object.getPrototypeOf(klass);
            if (!Object.hasOwn(parentClass, '$gtype')) {
                throw new TypeError(`Object ${imports.system.addressOf(
                    parentClass.prototype)} is not a subclass of ` +
                    "GObject_Object, it's a Object");
            }
            for (const pspec of ownValues(klass, properties))
                checkParamSpec(klass, pspec);
            for (const pspec of ownValues(klass, properties)) {
                checkAccessors(klass.prototype, pspec);
                propertyIndex(pspec);
            }
            const parent = Object.getPrototypeOf(klass);
            const ifaces = Object.hasOwn(klass, interfaces)
                ? klass[interfaces] : [];
            const gtype = Gi.registerType(klass, parent.$gtype,
                gtypeName(klass),
                Object.hasOwn(klass, GTypeFlags) ? klass[GTypeFlags] : 0,
                ifaces, ownValues(klass, properties));
            defineGType(klass, gtype);
            createSignals(gtype,
                Object.hasOwn(klass, signals) ? klass[signals] : {});
            for (const iface of [...ifaces].reverse())
                copyInterfaceDescriptors(klass.prototype, iface.prototype);
            hookUpVFuncs(klass.prototype, gtype);
            for (const iface of ifaces)
                checkInterface(iface, klass.prototype);
            return klass;
        },
        implements(iface) {
            return iface.$gtype ? GObject.type_is_a(this.$gtype, iface.$gtype)
                : false;
        },
    });

    const isInstanceOf = (instance, iface) => {
        const type = instance?.constructor?.$gtype;
        return instance instanceof GObject.Object && type !== undefined &&
            GObject.type_is_a(type, iface.$gtype);
    };

    const {GObjectMeta, GObjectInterface} = imports._legacyGObject.define(
        GObject, {
            checkAccessors, defineGType, createSignals,
            copyInterfaceDescriptors, hookUpVFuncs, isInstanceOf,
        });

    // ES6 interfaces: class I extends GObject.Interface, registered.
    hidden(GObjectInterface, {
        _classInit(klass) {
            const gtype = Gi.registerInterface(klass, gtypeName(klass),
                Object.hasOwn(klass, requires) ? klass[requires] : [],
                ownValues(klass, properties));
            defineGType(klass, gtype);
            createSignals(gtype,
                Object.hasOwn(klass, signals) ? klass[signals] : {});
            Object.defineProperty(klass, Symbol.hasInstance, {
                value(instance) {
                    return GObject.Interface.prototype.isPrototypeOf(this.prototype) &&
                        isInstanceOf(instance, this);
                },
            });
            // Generics: Iface.method(obj, ...args).
            for (const key of Reflect.ownKeys(klass.prototype)) {
                if (key === 'constructor')
                    continue;
                const {value} = Object.getOwnPropertyDescriptor(klass.prototype, key);
                // Static names the class already holds read-only (name,
                // length) keep their meaning, as under GJS.
                const existing = Object.getOwnPropertyDescriptor(klass, key);
                if (typeof value === 'function' &&
                    (!existing || existing.writable)) {
                    const proto = klass.prototype;
                    klass[key] = (self, ...args) => proto[key].call(self, ...args);
                }
            }
            return klass;
        },
    });
    GObject.Interface = GObjectInterface;
    GObject.Class = GObjectMeta;

    GObject.NotImplementedError = class NotImplementedError extends Error {
        get name() {
            return 'NotImplementedError';
        }
    };

    GObject.ParamSpec.override = (name, owner) =>
        Gi.overrideProperty(name, owner.$gtype ?? owner);

    Object.assign(GObject, {
        registerClass,
        gtypeNameBasedOnJSPath: false,
        GTypeName, requires, interfaces, properties, signals,
        __gtkCssName__: gtkCssName,
        __gtkTemplate__: gtkTemplate,
        __gtkChildren__: gtkChildren,
        __gtkInternalChildren__: gtkInternalChildren,
        AccumulatorType: {NONE: 0, FIRST_WINS: 1, TRUE_HANDLED: 2},
    });

    hidden(GObject.Object.prototype, {
        set(params) {
            Object.assign(this, params);
        },
        // Transforms are JS functions (binding, value) => [ok, newValue].
        bind_property_full(...args) {
            return Gi.bindPropertyFull(this, ...args);
        },
    });
    if (GObject.BindingGroup) {
        hidden(GObject.BindingGroup.prototype, {
            bind_full(...args) {
                return Gi.bindGroupFull(this, ...args);
            },
        });
    }

    // g_object_new() and g_object_new_with_properties() are not
    // introspectable: GJS's forms, through the JS class of the type.
    const classOf = type => {
        const klass = Gi.classForGType(type?.$gtype ?? type);
        if (typeof klass !== 'function')
            throw new TypeError(`${type} is not a GObject class`);
        return klass;
    };
    hidden(GObject.Object, {
        new(type, props = {}) {
            const Klass = classOf(type);
            return new Klass(props);
        },
        new_with_properties(type, names, values) {
            if (!Array.isArray(names) || !Array.isArray(values))
                throw new TypeError('Property names and values must be arrays');
            if (names.length !== values.length) {
                throw new TypeError('Property names and values must have ' +
                    'the same length');
            }
            const Klass = classOf(type);
            const props = {};
            names.forEach((name, i) => (props[name] = values[i]));
            return new Klass(props);
        },
    });

}

// imports.gi.GLib, loaded only when needed.
function GLib() {
    return imports.gi.GLib;
}

// The basename of the script that called registerClass, for
// GObject.gtypeNameBasedOnJSPath (GJS's rule: the first frame outside this
// file, with its folder's name).
function callerBasename() {
    const lines = new Error().stack.trim().split('\n');
    const pattern = /@(.+:\/\/)?(.*\/)?(.+)\.js:\d+(:[\d]+)?$/;
    let thisFile = null, thisDir = null;
    for (const line of lines) {
        const match = line.match(pattern);
        if (!match)
            continue;
        let [, , dir, basename] = match;
        if (!thisFile) {
            [thisDir, thisFile] = [dir, basename];
            continue;
        }
        if ((dir === thisDir && basename === thisFile) ||
            dir?.startsWith('/org/gnome/sprout/'))
            continue;
        if (dir) {
            dir = dir.replace(/^\/|\/$/g, '');
            basename = `${dir.split('/').reverse()[0]}_${basename}`;
        }
        return basename;
    }
    return null;
}
