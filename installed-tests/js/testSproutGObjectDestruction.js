// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for access to GObjects finalized while their wrapper lives (issue
// #4, gc/toggle.c): JS called unref() one time too many, or C dropped the
// reference the wrapper relied on. Every later access through the wrapper
// logs GJS's critical and returns what GJS returns; nothing may touch the
// freed object (run this file under ASan or valgrind to check that part).
// Collecting the wrapper logs GJS's "has been finalized" critical once.

const {GLib, GObject, Gio, GjsTestTools} = imports.gi;
const System = imports.system;

const CRITICAL = GLib.LogLevelFlags.LEVEL_CRITICAL;

function expectCritical(pattern, domain = 'Gjs') {
    GLib.test_expect_message(domain, CRITICAL, pattern);
}

function assertMessages(name) {
    GLib.test_assert_expected_messages_internal('Gjs',
        'testSproutGObjectDestruction.js', 0, name);
}

// A wrapper whose GObject was finalized by an extra unref() from JS.
function finalizedFile() {
    const file = Gio.File.new_for_path('/');
    file.unref();
    return file;
}

function finalizedAction() {
    const action = new Gio.SimpleAction({name: 'act'});
    action.unref();
    return action;
}

describe('A GObject finalized under its wrapper', function () {
    afterEach(function () {
        // Whatever the spec left finalized is reported by the next
        // collection, once.
        System.gc();
    });

    it('describes itself as FINALIZED', function () {
        const file = finalizedFile();
        expect(file.toString()).toMatch(
            /^\[object \(FINALIZED\) instance wrapper GType:GLocalFile jsobj@0x[0-9a-f]+ native@0x[0-9a-f]+\]$/);
        const action = finalizedAction();
        expect(`${action}`).toMatch(
            /^\[object \(FINALIZED\) instance wrapper GIName:Gio.SimpleAction /);
    });

    it('describes a disposed object as DISPOSED', function () {
        const action = new Gio.SimpleAction({name: 'act'});
        action.run_dispose();
        expect(action.toString()).toMatch(
            /^\[object \(DISPOSED\) instance wrapper GIName:Gio.SimpleAction /);
    });

    it('calls methods with a NULL instance, as GJS does', function () {
        const file = finalizedFile();
        expectCritical('Object .GLocalFile (0x*), has been already finalized — impossible to access it.*');
        expectCritical('*G_IS_FILE*', 'GLib-GIO');
        expect(file.get_path()).toBeNull();
        expectCritical('*finalized — impossible to access it*');
        expectCritical('*G_IS_FILE*', 'GLib-GIO');
        expect(Gio.File.prototype.get_basename.call(file)).toBeNull();
        assertMessages('methods');
    });

    it('returns undefined from property reads and ignores writes', function () {
        const action = finalizedAction();
        expectCritical('Object Gio.SimpleAction (0x*), has been already finalized — impossible to get any property from it.*');
        expect(action.name).toBeUndefined();
        expectCritical('*finalized — impossible to set any property on it*');
        action.enabled = false;
        assertMessages('properties');
    });

    it('warns when an expando property is added', function () {
        const action = finalizedAction();
        expectCritical('*finalized — impossible to add toggle reference on it*');
        action.myExpando = 42;
        assertMessages('expando');
        expect(action.myExpando).toBe(42);
    });

    it('connects nothing and emits nothing', function () {
        const action = finalizedAction();
        const handler = jasmine.createSpy('handler');
        expectCritical('*finalized — impossible to connect to any signal on it*');
        expect(action.connect('activate', handler)).toBe(0);
        expectCritical('*finalized — impossible to connect to any signal on it*');
        expect(action.connect_after('activate', handler)).toBe(0);
        expectCritical('*finalized — impossible to emit any signal on it*');
        expect(action.emit('activate', null)).toBeUndefined();
        expectCritical('*finalized — impossible to access it*');
        expect(action.disconnect(1)).toBeUndefined();
        expectCritical('*finalized — impossible to access it*');
        expect(action.block_signal_handler(1)).toBeUndefined();
        expectCritical('*finalized — impossible to access it*');
        expect(action.unblock_signal_handler(1)).toBeUndefined();
        expectCritical('*finalized — impossible to access it*');
        expect(action.stop_emission_by_name('activate')).toBeUndefined();
        assertMessages('signals');
        expect(handler).not.toHaveBeenCalled();
    });

    it('matches no signal handlers', function () {
        const action = finalizedAction();
        const handler = () => {};
        expectCritical('*finalized — impossible to disconnect any signal on it*');
        expect(GObject.signal_handlers_disconnect_by_func(action, handler)).toBe(0);
        expectCritical('*finalized — impossible to block any signal on it*');
        expect(GObject.signal_handlers_block_by_func(action, handler)).toBe(0);
        expectCritical('*finalized — impossible to unblock any signal on it*');
        expect(GObject.signal_handlers_unblock_by_func(action, handler)).toBe(0);
        expectCritical('*finalized — impossible to find any signal on it*');
        expect(GObject.signal_handler_find(action, {signalId: 'activate'})).toBe(0);
        assertMessages('matchers');
    });

    it('is passed to GI functions as NULL', function () {
        const file = finalizedFile();
        const live = Gio.File.new_for_path('/');
        expectCritical('*finalized — impossible to access it*');
        expectCritical('*G_IS_FILE*', 'GLib-GIO');
        expect(live.equal(file)).toBeFalse();
        assertMessages('arguments');
    });

    it('keeps its classes and interfaces for instanceof', function () {
        const file = finalizedFile();
        expect(file instanceof Gio.File).toBeTrue();
        expect(file instanceof GObject.Object).toBeTrue();
        expect(file instanceof Gio.Action).toBeFalse();
    });

    it('answers ref() with null', function () {
        const file = finalizedFile();
        expectCritical('*finalized — impossible to access it*');
        expectCritical('*G_IS_OBJECT*', 'GLib-GObject');
        expect(file.ref()).toBeNull();
        assertMessages('ref');
    });

    it('is reported once by the collector', function () {
        let file = finalizedFile();
        file = null;
        expectCritical('Object 0x* of type GLocalFile has been finalized while it was still owned by gjs, this is due to invalid memory management.');
        System.gc();
        assertMessages('report');
        System.gc(); // nothing more
    });

    it('is reported even while the wrapper lives', function () {
        const file = finalizedFile();
        expectCritical('*Object 0x* has been finalized *');
        System.gc();
        assertMessages('report while alive');
        System.gc();
        expect(file.toString()).toMatch(/FINALIZED/);
    });

    it('does not stand for a new object at the same address', function () {
        const file = finalizedFile();
        for (let i = 0; i < 20; i++) {
            const other = Gio.File.new_for_path(`/tmp/${i}`);
            expect(other).not.toBe(file);
            expect(other.get_path()).toBe(`/tmp/${i}`);
        }
        expect(file.toString()).toMatch(/FINALIZED/);
    });

    it('can be finalized on another thread', function () {
        const file = Gio.File.new_for_path('/');
        file.expandoForToggle = true;
        file.ref();
        GjsTestTools.unref_other_thread(file);
        GjsTestTools.unref_other_thread(file); // the wrapper's reference
        expect(file.toString()).toMatch(/FINALIZED/);
        expectCritical('*finalized — impossible to access it*');
        expectCritical('*G_IS_FILE*', 'GLib-GIO');
        expect(file.get_path()).toBeNull();
        assertMessages('other thread');
    });

    it('of a JS class keeps its JS state and drops its signals', function () {
        const Foo = GObject.registerClass({
            Signals: {'sig': {}},
        }, class DestructionFoo extends GObject.Object {
            vfunc_dispose() {
                this.disposed = true;
                super.vfunc_dispose();
            }
        });
        const foo = new Foo();
        const handler = jasmine.createSpy('sig');
        foo.connect('sig', handler);
        foo.state = 5;
        foo.unref();
        expect(foo.disposed).toBeTrue();
        expect(foo.state).toBe(5);
        expect(foo.toString()).toMatch(/FINALIZED.*GType:Gjs_DestructionFoo/);
        expectCritical('Object .Gjs_DestructionFoo (0x*), has been already finalized — impossible to emit any signal on it*');
        foo.emit('sig');
        assertMessages('JS class');
        expect(handler).not.toHaveBeenCalled();
        // GJS crashes here; Sprout throws instead of reaching the class of
        // a freed instance.
        expectCritical('*finalized — impossible to access it*');
        expect(() => foo.vfunc_dispose()).toThrowError(/finalized/);
        assertMessages('JS class vfunc');
    });

    it('cannot be stored in a GObject.Value', function () {
        const action = finalizedAction();
        const value = new GObject.Value();
        value.init(GObject.Object.$gtype);
        expectCritical('*finalized — impossible to access it*');
        expect(() => value.set_object(action)).toThrowError(/finalized/);
        assertMessages('GValue');
        expect(value.get_object()).toBeNull();
    });

    it('survives the collection of its wrapper', function (done) {
        let file = finalizedFile();
        file = null;
        System.gc();
        setTimeout(() => {
            System.gc();
            expect(Gio.File.new_for_path('/x').get_path()).toBe('/x');
            done();
        }, 5);
    });
});

describe('GObject reference counting from JS', function () {
    it('balances ref() and unref() as GJS does', function () {
        const action = new Gio.SimpleAction({name: 'act'});
        expect(System.refcount(action)).toBe(1);
        expect(action.ref()).toBe(action);
        expect(System.refcount(action)).toBe(2);
        action.unref();
        expect(System.refcount(action)).toBe(1);
        expect(action.get_name()).toBe('act');
    });

    it('keeps data set from JS', function () {
        const action = new Gio.SimpleAction({name: 'act'});
        expect(action.get_data('missing')).toBeNull();
        expect(action.is_floating()).toBeFalse();
    });
});

// Instances of JS types learn of their disposal from their class's dispose
// (gi/subclass-dispose.c), not from a GLib weak reference, unless a JS
// vfunc_dispose is in the chain. Either way they must be seen disposed
// exactly when GObject's own dispose ran.
describe('A disposed instance of a JS type', function () {
    const Plain = GObject.registerClass(class DisposalPlain extends Gio.ThemedIcon {});
    const Derived = GObject.registerClass(class DisposalDerived extends Plain {});
    const calls = [];
    const ChainingUp = GObject.registerClass(
        class DisposalChainingUp extends Gio.ThemedIcon {
            vfunc_dispose() {
                calls.push(this.names[0]);
                super.vfunc_dispose();
            }
        });
    const DerivedChainingUp = GObject.registerClass(
        class DisposalDerivedChainingUp extends ChainingUp {});
    const NotChainingUp = GObject.registerClass(
        class DisposalNotChainingUp extends Gio.ThemedIcon {
            vfunc_dispose() {
                calls.push(this.names[0]);
            }
        });

    beforeEach(function () {
        calls.length = 0;
    });

    for (const [what, Klass] of [['without a vfunc_dispose', Plain],
        ['derived from one', Derived],
        ['with a vfunc_dispose that chains up', ChainingUp],
        ['derived from one with a vfunc_dispose', DerivedChainingUp]]) {
        it(`${what} describes itself as DISPOSED and warns`, function () {
            const icon = new Klass({name: 'dummy'});
            expect(icon.toString()).not.toMatch(/DISPOSED/);
            icon.run_dispose();
            expect(icon.toString()).toMatch(/^\[object \(DISPOSED\) /);
            expectCritical('*Object .Gjs_Disposal* (0x*), has been already disposed*');
            icon.get_names();
            assertMessages(`disposed ${what}`);
        });
    }

    it('runs the vfunc_dispose of its class and of its parent class', function () {
        new ChainingUp({name: 'a'}).run_dispose();
        new DerivedChainingUp({name: 'b'}).run_dispose();
        expect(calls).toEqual(['a', 'b']);
    });

    it('is not disposed when its vfunc_dispose does not chain up', function () {
        const icon = new NotChainingUp({name: 'kept'});
        icon.run_dispose();
        icon.run_dispose();
        expect(calls).toEqual(['kept', 'kept']);
        expect(icon.toString()).not.toMatch(/DISPOSED/);
        expect(icon.get_names()[0]).toBe('kept');
    });
});
