// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the Gio override (modules/core/overrides/Gio.js and
// modules/core/_gioDBus*.js): Gio.Settings checks that turn GLib's aborts
// into JS errors, Gio._promisify(), the list and file iterators, and a
// D-Bus round trip (a JS object exported on the session bus, called through
// a proxy made with Gio.DBusProxy.makeProxyWrapper()). meson runs this file
// under dbus-run-session; without a session bus the D-Bus specs are pending.
// Expectations follow GJS 1.74 (its testGio.js and testGDBus.js).

const {Gio, GLib, GObject} = imports.gi;

// ---- fixtures ---------------------------------------------------------------

const SCHEMAS = `<schemalist>
  <schema id="org.sprout.TestGio" path="/org/sprout/TestGio/">
    <key name="flag" type="b"><default>false</default></key>
    <key name="size" type="(ii)"><default>(-1, -1)</default></key>
    <child name="sub" schema="org.sprout.TestGio.Sub"/>
  </schema>
  <schema id="org.sprout.TestGio.Sub">
    <key name="count" type="u"><default>10</default></key>
  </schema>
</schemalist>`;

// A temporary folder, removed with its files by removeTree().
function makeTempDir() {
    return Gio.File.new_for_path(GLib.dir_make_tmp('sprout-gio-XXXXXX'));
}

function removeTree(dir) {
    const enumerator = dir.enumerate_children('standard::name',
        Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    for (const info of enumerator)
        dir.get_child(info.get_name()).delete(null);
    dir.delete(null);
}

// The test schemas, compiled into a temporary folder.
function compileSchemas(dir) {
    dir.get_child('test.gschema.xml').replace_contents(SCHEMAS, null, false,
        Gio.FileCreateFlags.NONE, null);
    const [, , stderr, status] = GLib.spawn_command_line_sync(
        `glib-compile-schemas ${GLib.shell_quote(dir.get_path())}`);
    if (status !== 0)
        throw new Error(`glib-compile-schemas failed: ${imports.byteArray.toString(stderr)}`);
    return Gio.SettingsSchemaSource.new_from_directory(dir.get_path(), null, false);
}

describe('Gio.Settings', function () {
    let dir, source, backend;

    beforeAll(function () {
        dir = makeTempDir();
        source = compileSchemas(dir);
        backend = Gio.memory_settings_backend_new();
    });

    afterAll(function () {
        removeTree(dir);
    });

    function settingsFor(id, extra = {}) {
        return new Gio.Settings({settings_schema: source.lookup(id, false), backend,
            ...extra});
    }

    it('throws instead of aborting without a schema', function () {
        expect(() => new Gio.Settings()).toThrowError(/schema/);
        expect(() => new Gio.Settings({})).toThrowError(/schema/);
    });

    it('throws for a schema id that is not installed', function () {
        expect(() => new Gio.Settings({schema_id: 'org.sprout.NotInstalled'}))
            .toThrowError(/org.sprout.NotInstalled not found/);
        expect(() => new Gio.Settings({schema: 'org.sprout.NotInstalled'}))
            .toThrowError(/schema/);
    });

    it('checks the schema in the C constructors too', function () {
        expect(() => Gio.Settings.new('org.sprout.NotInstalled')).toThrowError(/not found/);
        expect(() => Gio.Settings.new_with_path('org.sprout.NotInstalled', '/a/'))
            .toThrowError(/not found/);
        expect(() => Gio.Settings.new_full(source.lookup('org.sprout.TestGio.Sub', false),
            backend, null)).toThrowError(/without a path/);
        const settings = Gio.Settings.new_full(source.lookup('org.sprout.TestGio', false),
            backend, null);
        expect(settings.get_boolean('flag')).toBeFalse();
    });

    it('throws a TypeError for schema values of the wrong type', function () {
        expect(() => new Gio.Settings({schema_id: 42})).toThrowError(TypeError);
        expect(() => new Gio.Settings({settings_schema: 'org.sprout.TestGio'}))
            .toThrowError(TypeError);
        expect(() => new Gio.Settings(null)).toThrowError(TypeError);
    });

    it('checks the path of relocatable and fixed schemas', function () {
        expect(() => settingsFor('org.sprout.TestGio.Sub')).toThrowError(/without a path/);
        expect(() => settingsFor('org.sprout.TestGio.Sub', {path: 'no/slashes'}))
            .toThrowError(/must begin and end with/);
        expect(() => settingsFor('org.sprout.TestGio', {path: '/elsewhere/'}))
            .toThrowError(/specifies '\/org\/sprout\/TestGio\/'/);
        const sub = settingsFor('org.sprout.TestGio.Sub', {path: '/org/sprout/x/'});
        expect(sub.get_uint('count')).toBe(10);
    });

    describe('with a schema', function () {
        let settings;

        beforeEach(function () {
            settings = settingsFor('org.sprout.TestGio');
        });

        it('throws for a key the schema does not have', function () {
            for (const kind of ['boolean', 'double', 'enum', 'flags', 'int', 'int64',
                'string', 'strv', 'uint', 'uint64', 'value']) {
                expect(() => settings[`get_${kind}`]('nope')).toThrowError(/key nope/);
                expect(() => settings[`set_${kind}`]('nope', null)).toThrowError(/key nope/);
            }
            for (const method of ['reset', 'is_writable', 'get_user_value',
                'get_default_value', 'create_action', 'get_range'])
                expect(() => settings[method]('nope')).toThrowError(/key nope/);
            expect(() => settings.range_check('nope', new GLib.Variant('b', true)))
                .toThrowError(/key nope/);
            expect(() => settings.settings_schema.get_key('nope')).toThrowError(/key nope/);
        });

        it('throws when binding a key the schema does not have', function () {
            const action = new Gio.SimpleAction({name: 'a'});
            expect(() => settings.bind('nope', action, 'enabled',
                Gio.SettingsBindFlags.GET)).toThrowError(/key nope/);
            expect(() => settings.bind_writable('nope', action, 'enabled', false))
                .toThrowError(/key nope/);
        });

        it('throws for a child the schema does not have', function () {
            expect(() => settings.get_child('nope')).toThrowError(/Child nope/);
        });

        it('still reads and writes keys that exist', function () {
            settings.set_value('size', new GLib.Variant('(ii)', [3, 4]));
            settings.set_boolean('flag', true);
            expect(settings.get_value('size').deepUnpack()).toEqual([3, 4]);
            expect(settings.get_boolean('flag')).toBeTrue();
            settings.reset('flag');
            expect(settings.get_user_value('flag')).toBeNull();
            expect(settings.get_default_value('size').deepUnpack()).toEqual([-1, -1]);
            expect(settings.settings_schema.get_key('flag').get_name()).toBe('flag');
            expect(settings.get_child('sub').get_uint('count')).toBe(10);
        });
    });
});

describe('Gio._promisify', function () {
    let dir;

    beforeAll(function () {
        dir = makeTempDir();
        dir.get_child('hello.txt').replace_contents('hello', null, false,
            Gio.FileCreateFlags.NONE, null);
        Gio._promisify(Gio.File.prototype, 'load_contents_async');
        Gio._promisify(Gio.File.prototype, 'query_info_async');
    });

    afterAll(function () {
        removeTree(dir);
    });

    it('names the method that is missing', function () {
        expect(() => Gio._promisify(Gio.Subprocess.prototype, 'nope_async'))
            .toThrowError(/has no method named nope_async/);
        expect(() => Gio._promisify(Gio.Subprocess.prototype,
            'communicate_utf8_async', 'nope_finish'))
            .toThrowError(/has no method named nope_finish/);
        expect(() => Gio._promisify(null, 'x_async')).toThrowError(TypeError);
    });

    it('guesses the finish function', function () {
        expect(() => Gio._promisify(Gio._LocalFilePrototype, 'read_async')).not.toThrow();
        expect(() => Gio._promisify(Gio.DBus, 'get')).not.toThrow();
    });

    it('resolves with the result of the finish function', async function () {
        const info = await dir.get_child('hello.txt').query_info_async('standard::size',
            Gio.FileQueryInfoFlags.NONE, GLib.PRIORITY_DEFAULT, null);
        expect(info.get_size()).toBe(5);
    });

    it('drops the leading true of [ok, ...] results', async function () {
        const [contents] = await dir.get_child('hello.txt').load_contents_async(null);
        expect(imports.byteArray.toString(contents)).toBe('hello');
    });

    it('rejects with the error of the finish function', async function () {
        await expectAsync(dir.get_child('missing').load_contents_async(null))
            .toBeRejectedWith(jasmine.objectContaining({
                code: Gio.IOErrorEnum.NOT_FOUND,
            }));
    });

    it('keeps the callback style', function (done) {
        const file = dir.get_child('hello.txt');
        const result = file.query_info_async('standard::size', Gio.FileQueryInfoFlags.NONE,
            GLib.PRIORITY_DEFAULT, null, (source, res) => {
                expect(source.query_info_finish(res).get_size()).toBe(5);
                done();
            });
        expect(result).toBeUndefined();
    });
});

const Item = GObject.registerClass(class SproutGioItem extends GObject.Object {
    _init(value) {
        super._init();
        this.value = value;
    }
});

describe('Gio.ListStore and Gio.FileEnumerator overrides', function () {
    it('iterate a list store', function () {
        const list = new Gio.ListStore({item_type: Item});
        [3, 1, 2].forEach(v => list.append(new Item(v)));
        expect([...list].map(item => item.value)).toEqual([3, 1, 2]);
    });

    it('iterate any list model', function () {
        const names = Gio.ListStore.new(Gio.SimpleAction.$gtype);
        names.append(new Gio.SimpleAction({name: 'x'}));
        const model = Gio.ListModel.prototype[Symbol.iterator];
        expect(typeof model).toBe('function');
        expect([...model.call(names)].map(a => a.name)).toEqual(['x']);
    });

    it('sort and insert sorted with a JS comparison', function () {
        const list = new Gio.ListStore({item_type: Item});
        const compare = (a, b) => a.value - b.value;
        [3, 1, 2].forEach(v => list.append(new Item(v)));
        // One items-changed for the whole store, as GLib emits.
        const changes = [];
        const id = list.connect('items-changed',
            (_, position, removed, added) => changes.push([position, removed, added]));
        list.sort(compare);
        list.disconnect(id);
        expect(changes).toEqual([[0, 3, 3]]);
        expect(list.insert_sorted(new Item(2), compare)).toBe(2);
        expect([...list].map(item => item.value)).toEqual([1, 2, 2, 3]);
        expect(() => list.sort(null)).toThrowError(TypeError);
    });

    it('iterate a file enumerator, synchronously and asynchronously', async function () {
        const dir = makeTempDir();
        for (const name of ['a', 'b', 'c'])
            dir.get_child(name).replace_contents('x', null, false, 0, null);
        const flags = Gio.FileQueryInfoFlags.NONE;
        const names = [];
        for (const info of dir.enumerate_children('standard::name', flags, null))
            names.push(info.get_name());
        for await (const info of dir.enumerate_children('standard::name', flags, null))
            names.push(info.get_name());
        removeTree(dir);
        expect(names.sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    });

    it('add action entries to any action map', function () {
        const group = new Gio.SimpleActionGroup();
        group.add_action_entries([{name: 'go', parameter_type: 's'}, {name: 'on', state: 'true'}]);
        expect(group.lookup_action('go').parameter_type.dup_string()).toBe('s');
        expect(group.get_action_state('on').get_boolean()).toBeTrue();
        expect(() => group.add_action_entries([{name: 'bad', parameter_type: '(('}]))
            .toThrowError(/not a valid VariantType/);
    });
});

describe('GI behaviour the Gio override relies on', function () {
    it('forwards interface members, even replaced later, to implementations', function () {
        const group = new Gio.SimpleActionGroup();
        expect(Gio.SimpleActionGroup.prototype.add_action_entries)
            .toBe(Gio.ActionMap.prototype.add_action_entries);
        const original = Gio.ActionMap.prototype.lookup_action;
        Gio.ActionMap.prototype.lookup_action = () => 'replaced';
        try {
            expect(group.lookup_action('x')).toBe('replaced');
        } finally {
            Gio.ActionMap.prototype.lookup_action = original;
        }
        expect(group.lookup_action('x')).toBeNull();
    });

    it('takes a Uint8Array for a GLib.Bytes argument', function () {
        const bytes = new Uint8Array([0, 1, 2, 3, 4]).subarray(1, 4);
        const stream = Gio.MemoryInputStream.new_from_bytes(bytes);
        expect(stream.read_bytes(16, null).toArray()).toEqual(new Uint8Array([1, 2, 3]));
        expect(() => Gio.MemoryInputStream.new_from_bytes(new Uint16Array(2)))
            .toThrowError(TypeError);
    });

    it('packs a GLib.Bytes as an ay GLib.Variant', function () {
        const variant = new GLib.Variant('(ay)', [new GLib.Bytes([7, 8])]);
        expect(variant.deepUnpack()[0]).toEqual(new Uint8Array([7, 8]));
    });
});

// ---- D-Bus -----------------------------------------------------------------

const IFACE = `<node>
  <interface name="org.sprout.TestGio">
    <method name="Echo">
      <arg type="s" direction="in"/><arg type="i" direction="in"/>
      <arg type="s" direction="out"/><arg type="i" direction="out"/>
    </method>
    <method name="Later"><arg type="s" direction="in"/><arg type="s" direction="out"/></method>
    <method name="Fail"/>
    <method name="Unimplemented"/>
    <method name="Ping"/>
    <signal name="Pinged"><arg type="s"/></signal>
    <property name="Count" type="i" access="readwrite"/>
    <property name="Name" type="s" access="read"/>
  </interface>
</node>`;

class Service {
    constructor() {
        this.count = 1;
        this.impl = Gio.DBusExportedObject.wrapJSObject(IFACE, this);
    }

    Echo(text, number) {
        return [text, number * 2];
    }

    LaterAsync([text], invocation) {
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
            invocation.return_value(new GLib.Variant('(s)', [`later ${text}`]));
            return GLib.SOURCE_REMOVE;
        });
    }

    Fail() {
        throw new Gio.DBusError({code: Gio.DBusError.ACCESS_DENIED, message: 'no'});
    }

    Ping() {
        this.impl.emit_signal('Pinged', new GLib.Variant('(s)', ['pong']));
    }

    get Count() {
        return this.count;
    }

    set Count(value) {
        this.count = value;
    }

    get Name() {
        return 'service';
    }
}

// Why the D-Bus specs cannot run here, or null.
function dbusUnavailable() {
    let bus;
    try {
        bus = Gio.DBus.session;
    } catch (e) {
        return `no D-Bus session bus (${e.message}); run under dbus-run-session`;
    }
    // Exported objects need GClosure arguments
    // (Gio.DBusConnection.register_object()).
    try {
        const info = Gio.DBusInterfaceInfo.new_for_xml(IFACE);
        bus.unregister_object(bus.register_object('/org/sprout/Probe', info,
            () => {}, null, null));
    } catch (e) {
        return `this build cannot export D-Bus objects: ${e.message}`;
    }
    return null;
}

describe('D-Bus proxies and exported objects', function () {
    const TestProxy = Gio.DBusProxy.makeProxyWrapper(IFACE);
    let reason, bus, service, proxy;

    beforeAll(function (done) {
        reason = dbusUnavailable();
        if (reason) {
            done();
            return;
        }
        bus = Gio.DBus.session;
        service = new Service();
        service.impl.export(bus, '/org/sprout/TestGio');
        TestProxy(bus, bus.get_unique_name(), '/org/sprout/TestGio', (obj, error) => {
            expect(error).toBeNull();
            proxy = obj;
            done();
        });
    }, 60000); // a loaded machine (sanitizer builds) can take a while

    afterAll(function () {
        service?.impl.unexport();
    });

    beforeEach(function () {
        if (reason)
            pending(reason);
    });

    it('calls methods with callbacks and promises', async function () {
        const viaCallback = await new Promise(resolve =>
            proxy.EchoRemote('x', 21, (result, error) => resolve([result, error])));
        expect(viaCallback).toEqual([['x', 42], null]);
        expect(await proxy.EchoAsync('y', 1)).toEqual(['y', 2]);
        expect(await proxy.LaterAsync('z')).toEqual(['later z']);
    });

    it('turns service errors into rejections', async function () {
        await expectAsync(proxy.FailAsync()).toBeRejectedWith(jasmine.objectContaining({
            message: jasmine.stringMatching(/no/),
        }));
        await expectAsync(proxy.UnimplementedAsync()).toBeRejected();
    });

    it('throws for bad arguments instead of calling', async function () {
        expect(() => proxy.EchoRemote('x')).toThrowError(/Not enough arguments/);
        expect(() => proxy.EchoRemote('x', 1, {})).toThrowError(/should be a callback/);
        await expectAsync(proxy.EchoAsync(1, 'not a number')).toBeRejected();
    });

    it('reads and writes properties', async function () {
        expect(proxy.Count).toBe(1);
        expect(proxy.Name).toBe('service');
        expect(() => {
            proxy.Name = 'x';
        }).toThrowError('Property Name is not writable');
        proxy.Count = 7;
        expect(proxy.Count).toBe(7);
        const ctx = GLib.MainContext.default();
        for (let i = 0; i < 1000 && service.count !== 7; i++)
            ctx.iteration(true);
        expect(service.count).toBe(7);
    });

    it('delivers D-Bus signals to connectSignal() handlers', async function () {
        const received = new Promise(resolve => {
            const id = proxy.connectSignal('Pinged', (p, sender, args) => {
                proxy.disconnectSignal(id);
                resolve(args);
            });
        });
        await proxy.PingAsync();
        expect(await received).toEqual(['pong']);
    });

    it('sends property changes and invalidations', async function () {
        const changed = new Promise(resolve => {
            const id = proxy.connect('g-properties-changed', (p, values, invalidated) => {
                proxy.disconnect(id);
                resolve([values.deepUnpack(), invalidated]);
            });
        });
        service.impl.emit_property_changed('Count', new GLib.Variant('i', 9));
        service.impl.emit_property_changed('Name', null);
        const [values, invalidated] = await changed;
        expect(values.Count.deepUnpack()).toBe(9);
        expect(invalidated).toEqual(['Name']);
        expect(() => service.impl.emit_property_changed('Count', 9)).toThrowError(TypeError);
    });

    it('reports bad XML and bad export arguments as errors', function () {
        expect(() => Gio.DBusProxy.makeProxyWrapper(42)).toThrowError(TypeError);
        expect(() => Gio.DBusExportedObject.wrapJSObject('<node', {})).toThrow();
        expect(() => Gio.DBusExportedObject.wrapJSObject(IFACE, null)).toThrowError(TypeError);
        expect(() => service.impl.export(null, '/x')).toThrowError(TypeError);
        expect(() => service.impl.export(bus, 'not a path')).toThrowError(TypeError);
        expect(() => new Gio.DBusExportedObject({})).toThrowError(TypeError);
    });

    it('stops answering once unexported', async function () {
        const other = new Service();
        other.impl.export(bus, '/org/sprout/TestGio2');
        expect(other.impl.get_object_path()).toBe('/org/sprout/TestGio2');
        other.impl.unexport();
        expect(other.impl.get_connection()).toBeNull();
        const proxy2 = TestProxy(bus, bus.get_unique_name(), '/org/sprout/TestGio2', null, null,
            Gio.DBusProxyFlags.DO_NOT_LOAD_PROPERTIES);
        await expectAsync(proxy2.EchoAsync('x', 1)).toBeRejected();
    });
});
