// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported _install */
//
// _gioDBus.js: the D-Bus half of the Gio override (overrides/Gio.js calls
// _install(Gio, promisify) once), with GJS 1.74's API.
//
// How it works.
//  - Interface descriptions. Proxies and exported objects need each
//    interface's methods (in and out signatures), properties (signature,
//    access) and signal names. They read them from the GDBus*Info structs'
//    fields when this build of Sprout can read struct fields; otherwise from
//    the introspection XML that made the info, parsed here (see "XML" below)
//    and remembered by info wrapper and by interface name. In that second
//    case the fields GJS code reads (nodeInfo.interfaces, info.name,
//    info.methods, ...) are stood in for by read-only accessors.
//  - Proxies. Gio.DBusProxy's init()/init_async() and its constructors
//    decorate each proxy once with, per method M of its interface info,
//    MRemote(...args, [callback], [flags], [cancellable], [fdList]),
//    MSync(...) and MAsync(...) -> Promise, one accessor per D-Bus property
//    (reading the cache, writing through org.freedesktop.DBus.Properties),
//    and D-Bus signals re-emitted as JS signals (connectSignal()).
//  - Exported objects: Gio.DBusExportedObject and wrapJSObject() live in
//    _gioDBusExport.js, made on first use.

const Signals = imports.signals;

let Gio, GLib;

// ---- XML -------------------------------------------------------------------
// GLib has validated the document (Gio.DBusNodeInfo.new_for_xml() throws on
// bad XML), so this reader only needs to be right on valid input.

// A comment, processing instruction or doctype (skipped), or a tag:
// groups 1 `/` of an end tag, 2 name, 3 attributes, 4 `/` of an empty tag.
const TAG = new RegExp([
    String.raw`<!--[\s\S]*?-->`,
    String.raw`<\?[\s\S]*?\?>`,
    String.raw`<!DOCTYPE(?:[^>[]|\[[\s\S]*?\])*>`,
    String.raw`<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>`,
].join('|'), 'g');
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};

function decodeEntities(text) {
    return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi,
        (match, hex, dec, name) => {
            if (hex)
                return String.fromCodePoint(parseInt(hex, 16));
            if (dec)
                return String.fromCodePoint(parseInt(dec, 10));
            return ENTITIES[name] ?? match;
        });
}

function parseXml(xml) {
    const root = {name: '#document', attributes: {}, children: []};
    const stack = [root];
    for (const [, closing, name, attributeText, selfClosing] of xml.matchAll(TAG)) {
        if (name === undefined)
            continue; // comment, processing instruction or doctype
        if (closing) {
            if (stack.length > 1)
                stack.pop();
            continue;
        }
        const attributes = {};
        for (const [, key, double, single] of attributeText.matchAll(ATTRIBUTE))
            attributes[key] = decodeEntities(double ?? single);
        const element = {name, attributes, children: []};
        stack[stack.length - 1].children.push(element);
        if (!selfClosing)
            stack.push(element);
    }
    return root.children.find(child => child.name === 'node') ?? null;
}

const ACCESS_FLAGS = {read: 1, write: 2, readwrite: 3};

function argsOf(element, direction, defaultDirection) {
    return element.children
        .filter(child => child.name === 'arg' &&
            (child.attributes.direction ?? defaultDirection) === direction)
        .map(arg => ({name: arg.attributes.name ?? null, signature: arg.attributes.type}));
}

// A node's interfaces, in the shape describeInterface() returns.
function describeXml(xml) {
    const node = parseXml(xml);
    if (node === null)
        return [];
    return node.children.filter(child => child.name === 'interface').map(iface => {
        const members = kind => iface.children.filter(child => child.name === kind);
        return {
            name: iface.attributes.name,
            methods: members('method').map(method => ({
                name: method.attributes.name,
                inArgs: argsOf(method, 'in', 'in'),
                outArgs: argsOf(method, 'out', 'in'),
            })),
            signals: members('signal').map(signal => ({
                name: signal.attributes.name,
                args: argsOf(signal, 'out', 'out'),
            })),
            properties: members('property').map(property => ({
                name: property.attributes.name,
                signature: property.attributes.type,
                flags: ACCESS_FLAGS[property.attributes.access] ?? 0,
            })),
        };
    });
}

// ---- interface descriptions -------------------------------------------------

// Whether this Sprout reads struct fields (GDBusInterfaceInfo.methods...).
let haveFields = false;
// info wrapper -> description; interface name -> the last description seen.
const descriptions = new WeakMap();
const descriptionsByName = new Map();
// node info wrapper -> its interfaces' descriptions (no-fields builds).
const nodeDescriptions = new WeakMap();

function describeArgs(args) {
    return (args ?? []).map(arg => ({name: arg.name, signature: arg.signature}));
}

function describeFromFields(info) {
    return {
        name: info.name,
        methods: (info.methods ?? []).map(method => ({
            name: method.name,
            inArgs: describeArgs(method.in_args),
            outArgs: describeArgs(method.out_args),
        })),
        signals: (info.signals ?? []).map(signal => ({
            name: signal.name,
            args: describeArgs(signal.args),
        })),
        properties: (info.properties ?? []).map(property => ({
            name: property.name,
            signature: property.signature,
            flags: property.flags,
        })),
    };
}

// The description of a Gio.DBusInterfaceInfo, or of the interface called
// `name` if the info cannot tell; null if neither is known.
function describeInterface(info, name = null) {
    if (info) {
        let description = descriptions.get(info);
        if (description === undefined && haveFields) {
            description = describeFromFields(info);
            descriptions.set(info, description);
        }
        if (description !== undefined)
            return description;
    }
    return name ? descriptionsByName.get(name) ?? null : null;
}

function remember(info, description) {
    descriptions.set(info, description);
    descriptionsByName.set(description.name, description);
}

function signatureOf(args) {
    return `(${args.map(arg => arg.signature).join('')})`;
}

// The struct fields GJS code reads, for builds without field support. Plain
// objects stand for GDBusMethodInfo and friends.
function defineInfoFieldStandIns() {
    const info = description => ({
        name: description.name,
        annotations: [],
    });
    const args = list => list.map(arg => ({...info(arg), signature: arg.signature}));
    const fields = {
        name: d => d.name,
        methods: d => d.methods.map(m => ({...info(m), in_args: args(m.inArgs),
            out_args: args(m.outArgs)})),
        signals: d => d.signals.map(s => ({...info(s), args: args(s.args)})),
        properties: d => d.properties.map(p => ({...info(p), signature: p.signature,
            flags: p.flags})),
        annotations: () => [],
    };
    for (const [key, read] of Object.entries(fields)) {
        Object.defineProperty(Gio.DBusInterfaceInfo.prototype, key, {
            get() {
                const description = descriptions.get(this);
                return description ? read(description) : undefined;
            },
            configurable: true,
        });
    }
    Object.defineProperty(Gio.DBusNodeInfo.prototype, 'interfaces', {
        get() {
            return (nodeDescriptions.get(this) ?? []).map(description => {
                const iface = this.lookup_interface(description.name);
                remember(iface, description);
                return iface;
            });
        },
        configurable: true,
    });
}

function newNodeInfo(original, xml) {
    if (typeof xml !== 'string')
        throw new TypeError(`Invalid type ${Object.prototype.toString.call(xml)}`);
    const node = original(xml);
    if (!haveFields) {
        const interfaces = describeXml(xml);
        nodeDescriptions.set(node, interfaces);
        for (const description of interfaces)
            descriptionsByName.set(description.name, description);
    }
    return node;
}

function newInterfaceInfo(xml) {
    return Gio.DBusNodeInfo.new_for_xml(xml).interfaces[0];
}

// ---- proxies ---------------------------------------------------------------

const SCALAR_CLASSES = 'bynqiuxtdogs';

// Throws unless each handle ('h') in `variant` indexes into `fdList`.
function validateHandles(variant, fdList) {
    const kind = String.fromCharCode(variant.classify());
    if (SCALAR_CLASSES.includes(kind))
        return;
    switch (kind) {
    case 'h': {
        const index = variant.get_handle();
        const count = fdList.get_length();
        if (index >= count) {
            throw new Error(`handle ${index} is out of range of Gio.UnixFDList ` +
                `containing ${count} FDs`);
        }
        return;
    }
    case 'v':
        validateHandles(variant.get_variant(), fdList);
        return;
    case 'm': {
        const inner = variant.get_maybe();
        if (inner)
            validateHandles(inner, fdList);
        return;
    }
    default:
        for (let i = 0; i < variant.n_children(); i++)
            validateHandles(variant.get_child_value(i), fdList);
    }
}

function logReply(result, error) {
    if (error !== null)
        log(`Ignored exception from dbus method: ${error}`);
}

// Calls `method` on `proxy`. args: the method's in arguments, then in any
// order a callback (not for sync calls), Gio.DBusCallFlags, a
// Gio.Cancellable and a Gio.UnixFDList.
function invokeProxy(proxy, method, sync, args) {
    const nIn = method.inArgs.length;
    if (args.length < nIn) {
        throw new Error(`Not enough arguments passed for method: ${method.name
        }. Expected ${nIn}, got ${args.length}`);
    }
    if (args.length > nIn + 4) {
        throw new Error(`Too many arguments passed for method ${method.name}. ` +
            `Maximum is ${nIn + 4} including one callback, Gio.Cancellable, ` +
            'Gio.UnixFDList, and/or flags');
    }
    let reply = logReply, flags = 0, cancellable = null, fdList = null;
    const inValues = args.slice(0, nIn);
    for (let i = nIn; i < args.length; i++) {
        const arg = args[i];
        if (typeof arg === 'function' && !sync)
            reply = arg;
        else if (typeof arg === 'number')
            flags = arg;
        else if (arg instanceof Gio.Cancellable)
            cancellable = arg;
        else if (arg instanceof Gio.UnixFDList)
            fdList = arg;
        else {
            throw new Error(`Argument ${i} of method ${method.name} is ${
                typeof arg}. It should be a callback, flags, Gio.UnixFDList, ` +
                'or a Gio.Cancellable');
        }
    }

    const signature = signatureOf(method.inArgs);
    const parameters = new GLib.Variant(signature, inValues);
    if (signature.includes('h')) {
        if (!fdList) {
            throw new Error(`Method ${method.name} with input type containing ` +
                "'h' must have a Gio.UnixFDList as an argument");
        }
        validateHandles(parameters, fdList);
    }

    if (sync) {
        const [result, outFdList] = proxy.call_with_unix_fd_list_sync(
            method.name, parameters, flags, -1, fdList, cancellable);
        return fdList ? [result.deepUnpack(), outFdList] : result.deepUnpack();
    }
    return proxy.call_with_unix_fd_list(method.name, parameters, flags, -1,
        fdList, cancellable, (source, res) => {
            let result, outFdList;
            try {
                [result, outFdList] = source.call_with_unix_fd_list_finish(res);
                result = result.deepUnpack();
            } catch (error) {
                reply([], error, null);
                return;
            }
            reply(result, null, outFdList);
        });
}

function addProxyMethods(proxy, method) {
    const remote = function (...args) {
        return invokeProxy(this, method, false, args);
    };
    proxy[`${method.name}Remote`] = remote;
    proxy[`${method.name}Sync`] = function (...args) {
        return invokeProxy(this, method, true, args);
    };
    proxy[`${method.name}Async`] = function (...args) {
        return new Promise((resolve, reject) => {
            remote.call(this, ...args, (result, error, fdList) => {
                if (error)
                    reject(error);
                else
                    resolve(fdList ? [result, fdList] : result);
            });
        });
    };
}

function addProxyProperty(proxy, property) {
    const {name, signature, flags} = property;
    const readable = flags & Gio.DBusPropertyInfoFlags.READABLE;
    const writable = flags & Gio.DBusPropertyInfoFlags.WRITABLE;
    Object.defineProperty(proxy, name, {
        get() {
            if (!readable)
                throw new Error(`Property ${name} is not readable`);
            const value = proxy.get_cached_property(name);
            return value ? value.deepUnpack() : null;
        },
        set(value) {
            if (!writable)
                throw new Error(`Property ${name} is not writable`);
            const variant = new GLib.Variant(signature, value);
            proxy.set_cached_property(name, variant);
            proxy.call('org.freedesktop.DBus.Properties.Set',
                new GLib.Variant('(ssv)', [proxy.g_interface_name, name, variant]),
                Gio.DBusCallFlags.NONE, -1, null, (source, res) => {
                    try {
                        source.call_finish(res);
                    } catch (error) {
                        log(`Could not set property ${name} on remote object ${
                            proxy.g_object_path}: ${error.message}`);
                    }
                });
        },
        configurable: false,
        enumerable: true,
    });
}

const decoratedProxies = new WeakSet();

// Gives `this` (a Gio.DBusProxy) its interface's methods, properties and
// signals; once per proxy.
function addDBusConvenience() {
    if (!(this instanceof Gio.DBusProxy) || decoratedProxies.has(this))
        return;
    const info = this.g_interface_info;
    if (!info)
        return;
    const description = describeInterface(info, this.g_interface_name);
    if (description === null)
        return;
    decoratedProxies.add(this);

    if (description.signals.length > 0) {
        this.connect('g-signal', (proxy, sender, signal, parameters) => {
            Signals._emit.call(proxy, signal, sender, parameters.deepUnpack());
        });
    }
    for (const method of description.methods)
        addProxyMethods(this, method);
    for (const property of description.properties)
        addProxyProperty(this, property);
}

function makeProxyWrapper(xml) {
    const info = newInterfaceInfo(xml);
    if (!info)
        throw new Error('D-Bus introspection XML without an interface');
    const name = describeInterface(info)?.name ?? info.name;
    return function (bus, busName, objectPath, asyncCallback, cancellable,
        flags = Gio.DBusProxyFlags.NONE) {
        const proxy = new Gio.DBusProxy({
            g_connection: bus,
            g_interface_name: name,
            g_interface_info: info,
            g_name: busName,
            g_flags: flags,
            g_object_path: objectPath,
        });
        if (!cancellable)
            cancellable = null;
        if (!asyncCallback) {
            proxy.init(cancellable);
            return proxy;
        }
        proxy.init_async(GLib.PRIORITY_DEFAULT, cancellable, (initable, res) => {
            let error = null;
            try {
                initable.init_finish(res);
            } catch (e) {
                error = e;
            }
            if (error === null)
                asyncCallback(initable, null);
            else
                asyncCallback(null, error);
        });
        return proxy;
    };
}

// proto[name] runs `addition` on `this` first.
function injectBefore(proto, name, addition) {
    const previous = proto[name];
    proto[name] = function (...args) {
        addition.apply(this, args);
        return previous.apply(this, args);
    };
}

// klass[name] (a constructor) runs `addition` on the object it returns.
function injectAfterStatic(klass, name, addition) {
    const previous = klass[name];
    if (typeof previous !== 'function')
        return;
    klass[name] = function (...args) {
        const object = previous.apply(this, args);
        addition.apply(object, args);
        return object;
    };
}

// ---- _install --------------------------------------------------------------

function installNamespaceHelpers() {
    Gio.DBus = {
        get session() {
            return Gio.bus_get_sync(Gio.BusType.SESSION, null);
        },
        get system() {
            return Gio.bus_get_sync(Gio.BusType.SYSTEM, null);
        },
        get: Gio.bus_get,
        get_finish: Gio.bus_get_finish,
        get_sync: Gio.bus_get_sync,
        own_name: Gio.bus_own_name,
        own_name_on_connection: Gio.bus_own_name_on_connection,
        unown_name: Gio.bus_unown_name,
        watch_name: Gio.bus_watch_name,
        watch_name_on_connection: Gio.bus_watch_name_on_connection,
        unwatch_name: Gio.bus_unwatch_name,
    };

    Object.assign(Gio.DBusConnection.prototype, {
        watch_name(name, flags, appeared, vanished) {
            return Gio.bus_watch_name_on_connection(this, name, flags, appeared,
                vanished);
        },
        unwatch_name(id) {
            return Gio.bus_unwatch_name(id);
        },
        own_name(name, flags, acquired, lost) {
            return Gio.bus_own_name_on_connection(this, name, flags, acquired,
                lost);
        },
        unown_name(id) {
            return Gio.bus_unown_name(id);
        },
    });
}

function _install(gio, promisify) {
    Gio = gio;
    GLib = imports.gi.GLib;
    haveFields = 'methods' in Gio.DBusInterfaceInfo.prototype;
    if (!haveFields)
        defineInfoFieldStandIns();

    installNamespaceHelpers();

    const originalNewForXml = Gio.DBusNodeInfo.new_for_xml;
    Gio.DBusNodeInfo.new_for_xml = function new_for_xml(xml) {
        return newNodeInfo(originalNewForXml, xml);
    };
    Gio.DBusInterfaceInfo.new_for_xml = newInterfaceInfo;

    const proxy = Gio.DBusProxy;
    promisify(proxy.prototype, 'init_async');
    injectBefore(proxy.prototype, 'init', addDBusConvenience);
    injectBefore(proxy.prototype, 'init_async', addDBusConvenience);
    for (const name of ['new_sync', 'new_finish', 'new_for_bus_sync', 'new_for_bus_finish'])
        injectAfterStatic(proxy, name, addDBusConvenience);
    proxy.prototype.connectSignal = Signals._connect;
    proxy.prototype.disconnectSignal = Signals._disconnect;
    proxy.makeProxyWrapper = makeProxyWrapper;

    // Made on first use: registering its GType costs start-up time that
    // most Gio users never need back.
    Object.defineProperty(Gio, 'DBusExportedObject', {
        get() {
            const klass = imports._gioDBusExport._makeClass(Gio,
                {describeInterface, newInterfaceInfo, signatureOf});
            Object.defineProperty(Gio, 'DBusExportedObject', {value: klass,
                writable: true, enumerable: true, configurable: true});
            return klass;
        },
        enumerable: true,
        configurable: true,
    });
}
