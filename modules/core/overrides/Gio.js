// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// Gio overrides, with GJS 1.74's API.
//
// How it works. imports.gi runs _init() with the Gio namespace as `this` on
// first import. It replaces a few methods on prototypes (the replaced GI
// method stays reachable from the closure that wraps it) and adds GJS's
// conveniences:
//  - Gio._promisify(proto, asyncName, finishName): the method then returns a
//    Promise when called without its callback;
//  - Gio.Settings and Gio.SettingsSchema check schema ids, paths, keys and
//    children before GLib sees them: GLib aborts the process on a missing
//    schema or key, GJS (and Sprout) throw a JS Error instead;
//  - lists and files: every Gio.ListModel is iterable; Gio.ListStore's
//    sort() and insert_sorted() take a JS comparison; a Gio.FileEnumerator
//    is iterable both synchronously and with `for await`;
//  - Gio.ActionMap.prototype.add_action_entries(), Gio.File and
//    Gio.FileInfo set_attribute() (not introspectable in C);
//  - the D-Bus API (Gio.DBus, proxies made from XML, exported JS objects),
//    which lives in _gioDBus.js beside this folder.
// Methods added to an interface's prototype (Gio.File, Gio.ActionMap) reach
// every implementing class: gi/object.c forwards interface members.

let Gio, GLib;

// `${value}` can throw for a GObject prototype (it has no object behind it),
// and error messages must never throw.
function describe(value) {
    try {
        return String(value);
    } catch {
        const name = value?.constructor?.name;
        return name ? `[prototype of ${name}]` : Object.prototype.toString.call(value);
    }
}

// ---- Gio._promisify --------------------------------------------------------

function guessFinishName(asyncName) {
    if (asyncName.endsWith('_async') || asyncName.endsWith('_begin'))
        return `${asyncName.slice(0, -'async'.length)}finish`;
    return `${asyncName}_finish`;
}

// Whether the caller passed the callback (the old calling convention). GJS
// 1.74 compares the argument count with the function's JS arity; Sprout's GI
// functions do not report an arity, so when there is none the last argument
// being a function decides (a GAsyncReadyCallback is always the last JS
// argument of an async method).
function passesCallback(original, args) {
    if (original.length > 0)
        return args.length === original.length;
    return typeof args[args.length - 1] === 'function';
}

// Replaces proto[asyncName] by a function that, called without a callback,
// returns a Promise settled by proto[finishName]. Idempotent.
function _promisify(proto, asyncName, finishName = undefined) {
    if (proto === null || (typeof proto !== 'object' && typeof proto !== 'function'))
        throw new TypeError(`Gio._promisify() needs an object, not ${describe(proto)}`);
    if (typeof asyncName !== 'string')
        throw new TypeError('Gio._promisify() needs the name of the async method');
    if (proto[asyncName] === undefined)
        throw new Error(`${describe(proto)} has no method named ${asyncName}`);
    if (finishName === undefined)
        finishName = guessFinishName(asyncName);
    if (proto[finishName] === undefined)
        throw new Error(`${describe(proto)} has no method named ${finishName}`);

    const originalName = `_original_${asyncName}`;
    if (proto[originalName] !== undefined)
        return;
    proto[originalName] = proto[asyncName];
    // The original is kept in this closure rather than read back from
    // this[originalName]: an interface's implementations see members that
    // overrides add to it later only under names it had (gi/object.c).
    const original = proto[asyncName];
    proto[asyncName] = function (...args) {
        if (passesCallback(original, args))
            return original.apply(this, args);
        // Where the promise was made, for the stack of a rejection.
        const callStack = new Error().stack ?? '';
        return new Promise((resolve, reject) => {
            original.call(this, ...args, function (source, result) {
                try {
                    const finish = source !== null && source !== undefined &&
                        source[finishName] !== undefined ? source : proto;
                    const value = finish[finishName](result);
                    // [true, out...] from finish functions returning a
                    // success boolean: the boolean tells nothing more.
                    if (Array.isArray(value) && value.length > 1 && value[0] === true)
                        value.shift();
                    resolve(value);
                } catch (error) {
                    const here = callStack.split('\n')
                        .filter(line => !line.includes('_promisify')).join('\n');
                    try {
                        error.stack = error.stack
                            ? `${error.stack}### Promise created here: ###\n${here}`
                            : here;
                    } catch {
                        // A frozen error keeps its own stack.
                    }
                    reject(error);
                }
            });
        });
    };
}

// ---- Gio.Settings ----------------------------------------------------------

const SCHEMA_ID_KEYS = ['schema', 'schema-id', 'schema_id', 'schemaId'];
const SETTINGS_SCHEMA_KEYS = ['settings-schema', 'settings_schema', 'settingsSchema'];

// The key lists of a Gio.Settings, read once: list_keys() costs a GI call.
const settingsKeys = new WeakMap();
const settingsChildren = new WeakMap();

// Throws if `props` would make GLib abort in g_settings_new_full().
function checkSettingsProps(props) {
    if (props === null || typeof props !== 'object') {
        throw new TypeError('Gio.Settings needs a property object with ' +
            "'schema-id' or 'settings-schema'");
    }
    const idKey = SCHEMA_ID_KEYS.find(key => key in props);
    const schemaKey = SETTINGS_SCHEMA_KEYS.find(key => key in props);
    if (idKey === undefined && schemaKey === undefined) {
        throw new Error("One of property 'schema-id' or 'settings-schema' " +
            'is required for Gio.Settings');
    }

    let schema;
    if (schemaKey !== undefined) {
        schema = props[schemaKey];
        if (!(schema instanceof Gio.SettingsSchema))
            throw new TypeError(`Property '${schemaKey}' must be a Gio.SettingsSchema`);
    } else {
        const id = props[idKey];
        if (typeof id !== 'string')
            throw new TypeError(`Property '${idKey}' must be a GSettings schema id`);
        const source = Gio.SettingsSchemaSource.get_default();
        schema = source ? source.lookup(id, true) : null;
        if (!schema)
            throw new Error(`GSettings schema ${id} not found`);
    }

    const path = props.path;
    const schemaPath = schema.get_path();
    if (path === undefined || path === null) {
        if (!schemaPath) {
            throw new Error(`Attempting to create GSettings schema '${
                schema.get_id()}' without a path (it is relocatable)`);
        }
        return;
    }
    if (typeof path !== 'string')
        throw new TypeError("Gio.Settings property 'path' must be a string");
    // GLib's own rules; it aborts on a bad path.
    if (!path.startsWith('/') || !path.endsWith('/') || path.includes('//')) {
        throw new Error(`GSettings path '${path}' for schema '${schema.get_id()
        }' must begin and end with '/' and not contain '//'`);
    }
    if (schemaPath && path !== schemaPath) {
        throw new Error(`GSettings created for path '${path}', but schema '${
            schema.get_id()}' specifies '${schemaPath}'`);
    }
}

function checkKey(settings, key) {
    let keys = settingsKeys.get(settings);
    if (keys === undefined) {
        keys = settings.settings_schema.list_keys();
        settingsKeys.set(settings, keys);
    }
    if (!keys.includes(key))
        throw new Error(`GSettings key ${key} not found in schema ${settings.schema_id}`);
}

function checkChild(settings, name) {
    let children = settingsChildren.get(settings);
    if (children === undefined) {
        children = settings.list_children();
        settingsChildren.set(settings, children);
    }
    if (!children.includes(name))
        throw new Error(`Child ${name} not found in GSettings schema ${settings.schema_id}`);
}

// Every Gio.Settings method whose first argument is a key GLib asserts on.
const KEYED_SETTINGS_METHODS = [
    'get_boolean', 'set_boolean', 'get_double', 'set_double',
    'get_enum', 'set_enum', 'get_flags', 'set_flags',
    'get_int', 'set_int', 'get_int64', 'set_int64',
    'get_string', 'set_string', 'get_strv', 'set_strv',
    'get_uint', 'set_uint', 'get_uint64', 'set_uint64',
    'get_value', 'set_value', 'get_range', 'range_check',
    'bind', 'bind_writable', 'create_action', 'get_default_value',
    'get_user_value', 'is_writable', 'reset',
];

function overrideSettings() {
    const proto = Gio.Settings.prototype;
    const realInit = proto._init;

    proto._realInit = realInit;
    proto._init = function _init(props = {}, ...rest) {
        checkSettingsProps(props);
        return realInit.call(this, props, ...rest);
    };

    // The C constructors abort as g_object_new() would: same checks.
    const constructors = {
        new: id => ({schema_id: id}),
        new_with_path: (id, path) => ({schema_id: id, path}),
        new_with_backend: id => ({schema_id: id}),
        new_with_backend_and_path: (id, backend, path) => ({schema_id: id, path}),
        new_full: (schema, backend, path) => ({settings_schema: schema, path}),
    };
    for (const [name, toProps] of Object.entries(constructors)) {
        const real = Gio.Settings[name];
        if (typeof real !== 'function')
            continue;
        Gio.Settings[name] = {
            [name](...args) {
                checkSettingsProps(toProps(...args));
                return real.apply(this, args);
            },
        }[name];
    }

    proto._realMethods = {};
    const checked = (name, check) => {
        const real = proto[name];
        if (typeof real !== 'function')
            return;
        proto._realMethods[name] = real;
        proto[name] = {
            [name](key, ...args) {
                check(this, key);
                return real.call(this, key, ...args);
            },
        }[name];
    };
    for (const name of KEYED_SETTINGS_METHODS)
        checked(name, checkKey);
    checked('get_child', checkChild);
    proto._checkKey = function (key) {
        checkKey(this, key);
    };
    proto._checkChild = function (name) {
        checkChild(this, name);
    };

    const schemaProto = Gio.SettingsSchema.prototype;
    const realGetKey = schemaProto.get_key;
    schemaProto._realGetKey = realGetKey;
    schemaProto.get_key = function get_key(key) {
        if (!this.has_key(key))
            throw new Error(`GSettings key ${key} not found in schema ${this.get_id()}`);
        return realGetKey.call(this, key);
    };
}

// ---- iterators and attributes ----------------------------------------------

function* listModelIterator() {
    const n = this.get_n_items();
    for (let i = 0; i < n; i++)
        yield this.get_item(i);
}

// g_list_store_insert_sorted() and g_list_store_sort() take a
// GCompareDataFunc, whose items are gpointers that reach JS as nothing (GJS
// calls them through typed C helpers of its own). These do the same work in
// JS with the JS comparison function (a, b) -> number.
function checkCompareFunc(compareFunc) {
    if (typeof compareFunc !== 'function')
        throw new TypeError('Gio.ListStore needs a comparison function (a, b) => number');
}

// As GLib does: after the items that compare equal, in O(log n) compares.
function listStoreInsertSorted(item, compareFunc) {
    checkCompareFunc(compareFunc);
    let low = 0, high = this.get_n_items();
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (compareFunc(this.get_item(middle), item) > 0)
            high = middle;
        else
            low = middle + 1;
    }
    this.insert(low, item);
    return low;
}

// A stable sort, with one items-changed for the whole store as GLib emits.
function listStoreSort(compareFunc) {
    checkCompareFunc(compareFunc);
    const items = [...listModelIterator.call(this)];
    items.sort((a, b) => compareFunc(a, b));
    this.splice(0, items.length, items);
}

function* fileEnumeratorIterator() {
    try {
        for (;;) {
            const info = this.next_file(null);
            if (info === null)
                break;
            yield info;
        }
    } catch (error) {
        this.close(null);
        throw error;
    }
    this.close(null);
}

function callAsync(object, asyncName, finishName, ...args) {
    return new Promise((resolve, reject) => {
        object[asyncName](...args, (source, result) => {
            try {
                resolve(object[finishName](result));
            } catch (error) {
                reject(error);
            }
        });
    });
}

async function* fileEnumeratorAsyncIterator() {
    for (;;) {
        let infos;
        try {
            // eslint-disable-next-line no-await-in-loop
            infos = await callAsync(this, 'next_files_async',
                'next_files_finish', 1, GLib.PRIORITY_DEFAULT, null);
        } catch (error) {
            // eslint-disable-next-line no-await-in-loop
            await callAsync(this, 'close_async', 'close_finish',
                GLib.PRIORITY_DEFAULT, null);
            throw error;
        }
        if (infos.length === 0)
            break;
        yield infos[0];
    }
    return callAsync(this, 'close_async', 'close_finish',
        GLib.PRIORITY_DEFAULT, null);
}

function notIntrospectable(name, replacement) {
    return new Error(`${name} is not introspectable. Use ${replacement} instead.`);
}

function overrideSetAttribute() {
    const T = Gio.FileAttributeType;
    const typed = {
        [T.STRING]: 'set_attribute_string',
        [T.BYTE_STRING]: 'set_attribute_byte_string',
        [T.BOOLEAN]: 'set_attribute_boolean',
        [T.UINT32]: 'set_attribute_uint32',
        [T.INT32]: 'set_attribute_int32',
        [T.UINT64]: 'set_attribute_uint64',
        [T.INT64]: 'set_attribute_int64',
        [T.OBJECT]: 'set_attribute_object',
        [T.STRINGV]: 'set_attribute_stringv',
    };
    // Gio.File has no typed setter for these: they need a GFileInfo.
    const fileUnsupported = [T.INVALID, T.BOOLEAN, T.OBJECT, T.STRINGV];

    Gio.File.prototype.set_attribute = function set_attribute(attribute, type,
        value, flags, cancellable) {
        logError(notIntrospectable('Gio.File.prototype.set_attribute',
            'set_attribute_{type}'));
        if (fileUnsupported.includes(type))
            throw notIntrospectable('This attribute type', 'Gio.FileInfo');
        const method = typed[type];
        if (method === undefined)
            throw new TypeError(`Unknown Gio.FileAttributeType ${type}`);
        return this[method](attribute, value, flags, cancellable);
    };

    Gio.FileInfo.prototype.set_attribute = function set_attribute(attribute,
        type, value) {
        logError(notIntrospectable('Gio.FileInfo.prototype.set_attribute',
            'set_attribute_{type}'));
        if (type === T.INVALID)
            return this.remove_attribute(attribute);
        const method = typed[type];
        if (method === undefined)
            throw new TypeError(`Unknown Gio.FileAttributeType ${type}`);
        return this[method](attribute, value);
    };
}

// ---- actions ---------------------------------------------------------------

function addActionEntries(entries) {
    for (const entry of entries) {
        const {name, activate, parameter_type: parameterType, state,
            change_state: changeState} = entry;
        if (typeof parameterType === 'string' &&
            !GLib.variant_type_string_is_valid(parameterType))
            throw new Error(`parameter_type "${parameterType}" is not a valid VariantType`);

        const action = new Gio.SimpleAction({
            name,
            parameter_type: typeof parameterType === 'string'
                ? new GLib.VariantType(parameterType) : null,
            // GLib.Variant.parse() throws a GLib.Error on bad text.
            state: typeof state === 'string'
                ? GLib.Variant.parse(null, state, null, null) : null,
        });
        if (typeof activate === 'function')
            action.connect('activate', activate.bind(action));
        if (typeof changeState === 'function')
            action.connect('change-state', changeState.bind(action));
        this.add_action(action);
    }
}

// ---- _init -----------------------------------------------------------------

function _init() {
    // `this` is the Gio namespace.
    Gio = this;
    GLib = imports.gi.GLib;

    Gio._promisify = _promisify;

    overrideSettings();
    overrideSetAttribute();
    Gio.ActionMap.prototype.add_action_entries = addActionEntries;

    // GJS 1.74 makes only Gio.ListStore iterable; later GJS and Sprout make
    // every Gio.ListModel so (Gtk.StringList, Gtk.SelectionModel, ...).
    Gio.ListModel.prototype[Symbol.iterator] = listModelIterator;
    Gio.ListStore.prototype[Symbol.iterator] = listModelIterator;
    Gio.ListStore.prototype.insert_sorted = listStoreInsertSorted;
    Gio.ListStore.prototype.sort = listStoreSort;
    Gio.FileEnumerator.prototype[Symbol.iterator] = fileEnumeratorIterator;
    Gio.FileEnumerator.prototype[Symbol.asyncIterator] = fileEnumeratorAsyncIterator;

    imports._gioDBus._install(Gio, _promisify);

    // The prototype of the class of local files (a GType Gio does not
    // introspect), on which GJS code promisifies file methods. Found on first
    // use: making a GFile starts GIO's VFS, which costs start-up time.
    Object.defineProperty(Gio, '_LocalFilePrototype', {
        get() {
            const prototype = Gio.File.new_for_path('/').constructor.prototype;
            Object.defineProperty(Gio, '_LocalFilePrototype', {value: prototype,
                writable: true, enumerable: true, configurable: true});
            return prototype;
        },
        enumerable: true,
        configurable: true,
    });
}
