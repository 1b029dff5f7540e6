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
