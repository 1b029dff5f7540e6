// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported _makeClass */
//
// _gioDBusExport.js: Gio.DBusExportedObject, the class GJS 1.74 calls
// GjsPrivate.DBusImplementation, and its wrapJSObject(xml, object). Made on
// first use of Gio.DBusExportedObject by _gioDBus.js, which passes its
// interface-description helpers.
//
// How it works. An instance describes one D-Bus interface
// (`g_interface_info`). export(connection, path) registers it with
// Gio.DBusConnection.register_object(), whose three closures emit this
// object's signals:
//   handle-method-call (method, parameters, invocation): a handler must
//       reply through the invocation, now or later;
//   handle-property-get (property) -> GLib.Variant or null (an error reply);
//   handle-property-set (property, value).
// One object may be exported on several connections, always at one path, as
// a Gio.DBusInterfaceSkeleton may. emit_signal() sends a D-Bus signal on
// every connection; emit_property_changed() queues a change (a GLib.Variant)
// or an invalidation (null) and sends one PropertiesChanged per idle, or at
// flush(). The registration's closures hold the object, so an exported
// object lives until it is unexported.
//
// wrapJSObject(xml, object) connects the three signals to a plain JS
// object, as GJS does: a method M runs object.M(...inArgs, fdList), whose
// result is packed with M's out signature (one out argument need not be
// wrapped in an array; a trailing Gio.UnixFDList goes with the reply), or
// else object.MAsync(inArgs, invocation, fdList), which replies itself; an
// exception becomes a D-Bus error reply. Properties read and write
// object[name], packed and unpacked with the property's signature.
//
// The method names and signatures follow GDBusInterfaceSkeleton's
// (export, unexport, unexport_from_connection, flush, get_connection,
// get_connections, get_object_path, get_info, get_properties, get_flags,
// set_flags, has_connection), but the class is not a skeleton: a skeleton's
// vtable is C function pointers, which JS cannot provide.

const INFO_KEYS = ['g_interface_info', 'g-interface-info', 'gInterfaceInfo'];

// Set by _makeClass().
let Gio, GLib, GObject, describeInterface, newInterfaceInfo, signatureOf;

// instance -> its export state (see _init)
const states = new WeakMap();

function stateOf(self) {
    const state = states.get(self);
    if (state === undefined)
        throw new Error('This Gio.DBusExportedObject was not initialized');
    return state;
}

// Splits the interface info out of a constructor property object.
function takeInfo(props) {
    if (props === null || typeof props !== 'object')
        throw new TypeError('Gio.DBusExportedObject needs a property object');
    const rest = {...props};
    let info;
    for (const key of INFO_KEYS) {
        if (key in rest) {
            info ??= rest[key];
            delete rest[key];
        }
    }
    if (!(info instanceof Gio.DBusInterfaceInfo)) {
        throw new TypeError('Gio.DBusExportedObject needs g_interface_info, ' +
            'a Gio.DBusInterfaceInfo');
    }
    return [info, rest];
}

function flushChanges(self, state) {
    if (state.idle !== 0) {
        GLib.source_remove(state.idle);
        state.idle = 0;
    }
    if (state.changes.size === 0)
        return;
    const changed = {};
    const invalidated = [];
    for (const [name, value] of state.changes) {
        if (value === null)
            invalidated.push(name);
        else
            changed[name] = value;
    }
    state.changes.clear();
    const parameters = new GLib.Variant('(sa{sv}as)',
        [state.description.name, changed, invalidated]);
    for (const connection of state.registrations.keys()) {
        connection.emit_signal(null, state.path,
            'org.freedesktop.DBus.Properties', 'PropertiesChanged',
            parameters);
    }
}

// ---- wrapJSObject(): handlers calling a JS object -------------------------

// The interface every method-call handler needs: method -> out arguments.
function outArgsOf(description, methodName) {
    return description.methods.find(m => m.name === methodName)?.outArgs ?? [];
}

// Replies with a GLib.Error. return_error_literal() rather than
// return_gerror(): GDBus maps the domain and code to the same D-Bus error
// name either way, and a GError argument needs no marshalling this way.
function returnGError(invocation, error) {
    invocation.return_error_literal(error.domain, error.code, error.message);
}

function returnJSError(invocation, methodName, error) {
    if (error instanceof GLib.Error) {
        returnGError(invocation, error);
        return;
    }
    let name = String(error?.name ?? 'Error');
    if (!name.includes('.'))
        name = `org.gnome.gjs.JSError.${name}`;
    logError(error, `Exception in method call: ${methodName}`);
    invocation.return_dbus_error(name, String(error?.message ?? error));
}

// Runs `this` (the wrapped JS object)'s implementation of a method call.
function handleMethodCall(description, methodName, parameters, invocation) {
    const fdList = invocation.get_message().get_unix_fd_list();
    if (this[methodName]) {
        let result;
        try {
            result = this[methodName](...parameters.deepUnpack(), fdList);
        } catch (error) {
            returnJSError(invocation, methodName, error);
            return;
        }
        let outFdList = null;
        try {
            if (result === undefined)
                result = new GLib.Variant('()', []);
            if (!(result instanceof GLib.Variant)) {
                const outArgs = outArgsOf(description, methodName);
                const signature = signatureOf(outArgs);
                if (signature.includes('h') && Array.isArray(result) &&
                    result[result.length - 1] instanceof Gio.UnixFDList)
                    outFdList = result.pop();
                else if (outArgs.length === 1)
                    result = [result];
                result = new GLib.Variant(signature, result);
            }
        } catch {
            // The caller must get a reply, or it waits for its timeout.
            invocation.return_dbus_error('org.gnome.gjs.JSError.ValueError',
                'Service implementation returned an incorrect value type');
            return;
        }
        invocation.return_value_with_unix_fd_list(result, outFdList);
    } else if (this[`${methodName}Async`]) {
        this[`${methodName}Async`](parameters.deepUnpack(), invocation, fdList);
    } else {
        log(`Missing handler for DBus method ${methodName}`);
        returnGError(invocation, new Gio.DBusError({
            code: Gio.DBusError.UNKNOWN_METHOD,
            message: `Method ${methodName} is not implemented`,
        }));
    }
}

function handlePropertyGet(description, propertyName) {
    const property = description.properties.find(p => p.name === propertyName);
    const value = this[propertyName];
    if (property === undefined || value === undefined)
        return null;
    return new GLib.Variant(property.signature, value);
}

function handlePropertySet(description, propertyName, value) {
    this[propertyName] = value.deepUnpack();
}

function wrapJSObject(interfaceInfo, jsObject) {
    if (jsObject === null || (typeof jsObject !== 'object' && typeof jsObject !== 'function'))
        throw new TypeError('wrapJSObject() needs the JS object that implements the interface');
    const info = interfaceInfo instanceof Gio.DBusInterfaceInfo
        ? interfaceInfo : newInterfaceInfo(interfaceInfo);
    if (!info)
        throw new Error('D-Bus introspection XML without an interface');
    info.cache_build();
    const description = describeInterface(info);
    if (description === null)
        throw new Error('Cannot read this Gio.DBusInterfaceInfo; pass the XML');
    const impl = new Gio.DBusExportedObject({g_interface_info: info});
    impl.connect('handle-method-call', (self, methodName, parameters, invocation) =>
        handleMethodCall.call(jsObject, description, methodName, parameters,
            invocation));
    impl.connect('handle-property-get', (self, propertyName) =>
        handlePropertyGet.call(jsObject, description, propertyName));
    impl.connect('handle-property-set', (self, propertyName, value) =>
        handlePropertySet.call(jsObject, description, propertyName, value));
    return impl;
}

// Gio.DBusExportedObject, with its static wrapJSObject(); helpers come from
// _gioDBus.js.
function _makeClass(gio, helpers) {
    Gio = gio;
    ({GLib, GObject} = imports.gi);
    ({describeInterface, newInterfaceInfo, signatureOf} = helpers);

    const klass = GObject.registerClass({
        GTypeName: 'SproutDBusImplementation',
        Signals: {
            'handle-method-call': {
                param_types: [GObject.TYPE_STRING, GObject.TYPE_VARIANT,
                    Gio.DBusMethodInvocation.$gtype],
            },
            'handle-property-get': {
                param_types: [GObject.TYPE_STRING],
                return_type: GObject.TYPE_VARIANT,
            },
            'handle-property-set': {
                param_types: [GObject.TYPE_STRING, GObject.TYPE_VARIANT],
            },
        },
    }, class DBusExportedObject extends GObject.Object {
        _init(props = {}) {
            const [info, rest] = takeInfo(props);
            const description = describeInterface(info);
            if (description === null) {
                throw new Error('Cannot read this Gio.DBusInterfaceInfo; make it ' +
                    'with Gio.DBusInterfaceInfo.new_for_xml()');
            }
            super._init(rest);
            states.set(this, {
                info,
                description,
                path: null,
                registrations: new Map(), // connection -> registration id
                changes: new Map(), // property -> GLib.Variant, or null
                idle: 0,
                flags: Gio.DBusInterfaceSkeletonFlags.NONE,
            });
        }

        get g_interface_info() {
            return stateOf(this).info;
        }

        export(connection, objectPath) {
            const state = stateOf(this);
            if (!(connection instanceof Gio.DBusConnection))
                throw new TypeError('export() needs a Gio.DBusConnection');
            if (typeof objectPath !== 'string' ||
                !GLib.Variant.is_object_path(objectPath))
                throw new TypeError(`Invalid D-Bus object path ${objectPath}`);
            if (state.path !== null && state.path !== objectPath) {
                throw new Error(`Already exported at ${state.path}; cannot ` +
                    `export at ${objectPath} as well`);
            }
            const self = this;
            const id = connection.register_object(objectPath, state.info,
                (conn, sender, path, iface, method, parameters, invocation) => {
                    self.emit('handle-method-call', method, parameters, invocation);
                },
                (conn, sender, path, iface, property) =>
                    self.emit('handle-property-get', property) ?? null,
                (conn, sender, path, iface, property, value) => {
                    self.emit('handle-property-set', property, value);
                    return true;
                });
            state.registrations.set(connection, id);
            state.path = objectPath;
            return true;
        }

        unexport() {
            const state = stateOf(this);
            for (const [connection, id] of state.registrations)
                connection.unregister_object(id);
            state.registrations.clear();
            state.path = null;
        }

        unexport_from_connection(connection) {
            const state = stateOf(this);
            const id = state.registrations.get(connection);
            if (id === undefined)
                return;
            connection.unregister_object(id);
            state.registrations.delete(connection);
            if (state.registrations.size === 0)
                state.path = null;
        }

        emit_signal(signalName, parameters = null) {
            const state = stateOf(this);
            if (parameters !== null && !(parameters instanceof GLib.Variant))
                throw new TypeError('emit_signal() needs a GLib.Variant or null');
            for (const connection of state.registrations.keys()) {
                connection.emit_signal(null, state.path, state.description.name,
                    signalName, parameters);
            }
        }

        emit_property_changed(propertyName, value = null) {
            const state = stateOf(this);
            if (value !== null && !(value instanceof GLib.Variant)) {
                throw new TypeError('emit_property_changed() needs a GLib.Variant, ' +
                    'or null to invalidate the property');
            }
            state.changes.set(propertyName, value);
            if (state.idle === 0) {
                state.idle = GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
                    state.idle = 0;
                    flushChanges(this, state);
                    return GLib.SOURCE_REMOVE;
                });
            }
        }

        flush() {
            flushChanges(this, stateOf(this));
        }

        get_info() {
            return stateOf(this).info;
        }

        get_object_path() {
            return stateOf(this).path;
        }

        get_connection() {
            const [first] = stateOf(this).registrations.keys();
            return first ?? null;
        }

        get_connections() {
            return [...stateOf(this).registrations.keys()];
        }

        has_connection(connection) {
            return stateOf(this).registrations.has(connection);
        }

        get_flags() {
            return stateOf(this).flags;
        }

        set_flags(flags) {
            stateOf(this).flags = flags;
        }

        // Every readable property, as an a{sv} GLib.Variant.
        get_properties() {
            const state = stateOf(this);
            const values = {};
            for (const property of state.description.properties) {
                if (!(property.flags & Gio.DBusPropertyInfoFlags.READABLE))
                    continue;
                const value = this.emit('handle-property-get', property.name);
                if (value)
                    values[property.name] = value;
            }
            return new GLib.Variant('a{sv}', values);
        }
    });
    klass.wrapJSObject = wrapJSObject;
    return klass;
}
