// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GObject wrappers: classes per GType, construction, methods,
// interfaces, identity and lifetime (toggle references).

const Gio = imports.gi.Gio;
const GObject = imports.gi.GObject;
const System = imports.system;

function collectUntil(condition, done, what) {
    let tries = 0;
    const poll = () => {
        System.gc();
        if (condition()) {
            done();
        } else if (++tries > 200) {
            fail(`${what} never happened`);
            done();
        } else {
            setTimeout(poll, 5);
        }
    };
    setTimeout(poll, 0);
}

describe('GObject classes', function () {
    it('follow the GType hierarchy', function () {
        const action = new Gio.SimpleAction();
        expect(action instanceof Gio.SimpleAction).toBeTrue();
        expect(action instanceof GObject.Object).toBeTrue();
        expect(Object.getPrototypeOf(Gio.SimpleAction.prototype))
            .toBe(GObject.Object.prototype);
        expect(Gio.SimpleAction.$gtype).toBe(GObject.type_from_name('GSimpleAction'));
    });

    it('answer instanceof for implemented interfaces', function () {
        const action = new Gio.SimpleAction();
        expect(action instanceof Gio.Action).toBeTrue();
        expect(action instanceof Gio.File).toBeFalse();
        expect({} instanceof Gio.Action).toBeFalse();
        expect(null instanceof Gio.Action).toBeFalse();
    });

    it('wrap objects of types that are not introspected', function () {
        const file = Gio.File.new_for_path('/tmp/sprout.txt');
        expect(file instanceof Gio.File).toBeTrue();
        expect(file instanceof GObject.Object).toBeTrue();
        expect(file.get_basename()).toBe('sprout.txt');
        expect(String(file)).toMatch(/^\[object instance wrapper GType:\w+ jsobj@0x[0-9a-f]+ native@0x[0-9a-f]+\]$/);
    });

    it('have GJS-style toString()', function () {
        expect(String(new Gio.SimpleAction())).toMatch(
            /^\[object instance wrapper GIName:Gio\.SimpleAction jsobj@0x[0-9a-f]+ native@0x[0-9a-f]+\]$/);
    });

    it('expose constructors and static functions on the class', function () {
        expect(typeof Gio.File.new_for_path).toBe('function');
        expect(typeof Gio.SimpleActionGroup.new).toBe('function');
        expect(Gio.SimpleActionGroup.new() instanceof Gio.SimpleActionGroup).toBeTrue();
    });

    it('refuse to construct abstract types and interfaces', function () {
        expect(() => new Gio.InputStream()).toThrowError(TypeError, /abstract/);
        expect(() => new Gio.File()).toThrowError(TypeError, /interface/);
    });

    it('expose reference counting and data as GJS does', function () {
        for (const name of ['ref', 'unref', 'ref_sink', 'is_floating',
            'force_floating', 'get_data', 'set_data', 'steal_data',
            'get_qdata', 'steal_qdata', 'watch_closure'])
            expect(typeof GObject.Object.prototype[name]).toBe('function');
        // Not introspectable, as in GJS.
        expect(GObject.Object.prototype.weak_ref).toBeUndefined();
        expect(GObject.Object.prototype.add_toggle_ref).toBeUndefined();
    });
});

describe('GObject methods', function () {
    it('take this as the instance', function () {
        const file = Gio.File.new_for_path('/tmp');
        expect(file.get_child('x').get_path()).toBe('/tmp/x');
        expect(file.equal(Gio.File.new_for_path('/tmp'))).toBeTrue();
    });

    it('check the type of this and of object arguments', function () {
        const method = Gio.File.prototype.get_path;
        expect(() => method.call({})).toThrowError(TypeError, /not a GObject wrapper/);
        const file = Gio.File.new_for_path('/tmp');
        expect(() => file.equal(new Gio.SimpleAction()))
            .toThrowError(TypeError, /expected an object of type GFile/);
        expect(() => file.equal(42)).toThrowError(TypeError, /GFile/);
        expect(() => file.equal(null)).toThrowError(TypeError, /may not be null/);
    });
});

describe('Containers of objects', function () {
    it('come back from C as arrays of wrappers (GList of GFileInfo)', function (done) {
        const GLib = imports.gi.GLib;
        const folder = Gio.File.new_for_path(GLib.get_tmp_dir());
        folder.enumerate_children_async('standard::name', Gio.FileQueryInfoFlags.NONE,
            GLib.PRIORITY_DEFAULT, null, (source, result) => {
                const enumerator = source.enumerate_children_finish(result);
                enumerator.next_files_async(5, GLib.PRIORITY_DEFAULT, null, (e, res) => {
                    const infos = e.next_files_finish(res);
                    expect(Array.isArray(infos)).toBeTrue();
                    infos.forEach(info => expect(info instanceof Gio.FileInfo).toBeTrue());
                    done();
                });
            });
    });
});

describe('GObject wrappers', function () {
    it('keep one wrapper per object while it lives', function () {
        const store = Gio.ListStore.new(GObject.Object);
        const item = new Gio.SimpleAction();
        store.append(item);
        expect(store.get_item(0)).toBe(item);
        expect(store.get_item(0)).toBe(store.get_item(0));
    });

    it('stay alive with their JS state while C holds the object', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        (() => {
            const item = new Gio.SimpleAction();
            item.sproutState = 'kept';
            store.append(item);
        })();
        let rounds = 0;
        const poll = () => {
            System.gc();
            if (++rounds < 5) {
                setTimeout(poll, 5);
                return;
            }
            expect(store.get_item(0).sproutState).toBe('kept');
            done();
        };
        setTimeout(poll, 0);
    });

    it('are collected when only JS holds the object', function (done) {
        let collected = false;
        const registry = new FinalizationRegistry(() => (collected = true));
        (() => registry.register(new Gio.SimpleAction(), 'action'))();
        collectUntil(() => collected, done, 'collecting an unreferenced wrapper');
    });

    it('survive making many objects in a loop', function () {
        for (let i = 0; i < 20000; i++)
            Gio.File.new_for_path(`/tmp/sprout${i}`).get_basename();
        System.gc();
        expect(Gio.File.new_for_path('/tmp/last').get_basename()).toBe('last');
    });
});

describe('Methods of an introspected subclass', function () {
    it("shadow the parent's methods of the same name", function () {
        const Regress = imports.gi.Regress;
        // regress_test_sub_obj_instance_method returns 0, the parent's -1.
        expect(new Regress.TestSubObj().instance_method()).toBe(0);
        expect(new Regress.TestObj().instance_method()).toBe(-1);
    });
});

// GObject's own instance struct has public fields too; GJS reads the
// simple one (ref_count) and refuses the others with its error.
describe('GObject instance struct fields', function () {
    it('include ref_count on every object', function () {
        const action = Gio.SimpleAction.new('fields', null);
        expect(action.ref_count).toBe(1);
        expect(() => action.qdata).toThrowError(TypeError, /simple types/);
    });
});
