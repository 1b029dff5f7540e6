// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported define */
//
// _legacyGObject.js: GJS 1.74's pre-ES6 GObject classes, on top of
// imports.lang (modules/script/lang.js) and the registration helpers of the
// GObject override.
//
// GObject.Class is a Lang metaclass: `new GObject.Class({Name, Extends,
// Properties, Signals, Implements, GTypeName, GTypeFlags, ...})` (or
// `new Lang.Class({Extends: SomeGObjectClass, ...})`, which lang.js
// redirects here through GObject.Object.prototype.__metaclass__) builds a
// Lang class, then registers its GType like registerClass does. Its
// constructor builds instances through the GObject wrapper base class
// (Reflect.construct with the legacy class as new.target), so they get the
// wrapper's private token field and run _init() as Lang classes do; ES6
// classes may extend such a class and be registered in turn.
//
// GObject.Interface is the matching meta-interface, a Lang.Interface
// subclass: `new Lang.Interface({Requires: [GObject.Object, ...], ...})`
// lands here and registers a GType interface; it is also the base class of
// ES6 interfaces (`class I extends GObject.Interface`).

const Lang = imports.lang;

// Keys of a definition that describe the GType, not members.
const gobjectKeys = ['GTypeName', 'GTypeFlags', 'Properties', 'Signals',
    'Requires', 'Template', 'Children', 'InternalChildren', 'CssName'];

function withoutGObjectKeys(params, keep = []) {
    const members = {};
    for (const key of Reflect.ownKeys(params)) {
        if (!gobjectKeys.includes(key) || keep.includes(key)) {
            Object.defineProperty(members, key,
                Object.getOwnPropertyDescriptor(params, key));
        }
    }
    return members;
}

function define(GObject, helpers) {
    const Gi = imports._gi;
    const hide = (object, key, value) => Object.defineProperty(object, key, {
        value, writable: true, enumerable: false, configurable: true,
    });

    const GObjectMeta = new Lang.Class({
        Name: 'GObjectClass',
        Extends: Lang.Class,

        _construct(params, ...rest) {
            const metaclass = Lang.getMetaClass(params);
            if (metaclass && !(this instanceof metaclass))
                return new metaclass(params, ...rest);
            const newClass = function (...args) {
                if (new.target === undefined) {
                    throw new TypeError(`Class constructor ${newClass.name} ` +
                        "cannot be invoked without 'new'");
                }
                if (new.target === newClass && newClass.__abstract__)
                    throw new TypeError(`Cannot instantiate abstract class ${newClass.name}`);
                return Reflect.construct(GObject.Object, args, new.target);
            };
            Object.setPrototypeOf(newClass, Object.getPrototypeOf(this));
            newClass._init(params, ...rest);
            return newClass;
        },

        _init(params) {
            const parent = params.Extends ?? GObject.Object;
            if (!(parent.prototype instanceof GObject.Object) &&
                parent !== GObject.Object) {
                throw new TypeError(`${params.Name}: GObject.Class must ` +
                    'extend a GObject class');
            }
            // Not a spread: that would call the definition's getters.
            const members = withoutGObjectKeys(params);
            members.Extends = parent;
            this.parent(members);

            const ifaces = (params.Implements ?? [])
                .filter(iface => iface.$gtype !== undefined);
            const pspecs = Object.values(params.Properties ?? {});
            for (const pspec of pspecs)
                helpers.checkAccessors(this.prototype, pspec);
            const name = params.GTypeName ?? `Gjs_${params.Name}`;
            const gtype = Gi.registerType(this, parent.$gtype,
                name.replace(/[^a-z0-9+_-]/gi, '_'), params.GTypeFlags ?? 0,
                ifaces, pspecs);
            helpers.defineGType(this, gtype);
            helpers.createSignals(gtype, params.Signals);
            for (const iface of [...ifaces].reverse()) {
                if (iface instanceof GObjectInterface)
                    continue; // Lang already mixed its members in
                helpers.copyInterfaceDescriptors(this.prototype, iface.prototype);
            }
            helpers.hookUpVFuncs(this.prototype, gtype);
        },

        implements(iface) {
            if (iface.$gtype !== undefined)
                return GObject.type_is_a(this.$gtype, iface.$gtype);
            return Lang.Class.prototype.implements.call(this, iface);
        },
    });

    const GObjectInterface = new Lang.Class({
        Name: 'GObjectInterface',
        Extends: Lang.Interface,

        _init(params) {
            if (params === undefined || params === null) {
                // `new SomeInterface()`: what Lang builds is the interface.
                throw new TypeError('Interfaces cannot be instantiated');
            }
            const requires = params.Requires ?? [];
            // GObject interfaces need a class among their prerequisites,
            // directly or through a JS interface (which had to have one);
            // an introspected interface requiring GObject does not count.
            if (!requires.some(r => r instanceof GObjectInterface ||
                (r.$gtype !== undefined &&
                 GObject.type_fundamental(r.$gtype) === GObject.TYPE_OBJECT))) {
                throw new TypeError(`${params.Name}: a GObject interface ` +
                    'must require GObject.Object or a GObject class');
            }
            this.parent(withoutGObjectKeys(params, ['Requires']));
            const gtype = Gi.registerInterface(this,
                (params.GTypeName ?? `Gjs_${params.Name}`)
                    .replace(/[^a-z0-9+_-]/gi, '_'),
                requires.filter(r => r.$gtype !== undefined),
                Object.values(params.Properties ?? {}));
            helpers.defineGType(this, gtype);
            helpers.createSignals(gtype, params.Signals);
            const iface = this;
            Object.defineProperty(this, Symbol.hasInstance, {
                value: instance => helpers.isInstanceOf(instance, iface),
            });
        },
    });

    hide(GObjectMeta, 'MetaInterface', GObjectInterface);
    // Interfaces requiring only introspected types (Requires: [Gio.Initable])
    // are GObject interfaces too.
    hide(Lang.Interface, '__gtypeMetaInterface', GObjectInterface);
    hide(GObject.Object.prototype, '__metaclass__', GObjectMeta);
    // this.parent() in methods of legacy classes (Lang's, shared).
    hide(GObject.Object.prototype, 'parent', Lang.Class.prototype.parent);
    hide(GObject.Object.prototype, '_construct', function (...args) {
        this._init(...args);
        return this;
    });
    return {GObjectMeta, GObjectInterface};
}
