// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the lifetime of JS values that native structures keep (design
// §5, gi/signals-closure.c): signal handlers are heap-traced from their
// wrapper, so a cycle wrapper -> GObject -> closure -> handler -> wrapper is
// collected once nothing else holds it, while a handler on an object that C
// holds keeps working through garbage collections.

const {GObject, Gio} = imports.gi;
const System = imports.system;

// Runs System.gc() and the main loop (finalizers, queued releases) until
// @condition holds; fails after a while.
function collectUntil(condition, done, what) {
    let tries = 0;
    const poll = () => {
        System.gc();
        if (condition()) {
            done();
        } else if (++tries > 100) {
            fail(`${what} never happened`);
            done();
        } else {
            setTimeout(poll, 5);
        }
    };
    setTimeout(poll, 0);
}

// Runs a few collections with the main loop turning in between, then @then.
function collectRounds(rounds, then) {
    const poll = () => {
        System.gc();
        if (--rounds > 0)
            setTimeout(poll, 5);
        else
            then();
    };
    setTimeout(poll, 0);
}

describe('A signal handler cycle', function () {
    it('is collected when only JS holds the object', function (done) {
        const gone = new Set();
        const registry = new FinalizationRegistry(what => gone.add(what));
        (() => {
            const action = new Gio.SimpleAction({name: 'cycle'});
            const handler = () => action.get_name();
            action.connect('activate', handler);
            action.connect('notify::enabled', () => action.get_enabled());
            registry.register(action, 'wrapper');
            registry.register(handler, 'handler');
        })();
        collectUntil(() => gone.has('wrapper') && gone.has('handler'), done,
            'collecting a wrapper -> object -> handler -> wrapper cycle');
    });

    it('is collected with many handlers and objects in it', function (done) {
        let gone = 0;
        const registry = new FinalizationRegistry(() => gone++);
        (() => {
            const a = new Gio.SimpleAction({name: 'a'});
            const b = new Gio.SimpleAction({name: 'b'});
            // a -> handler -> b -> handler -> a, through two GObjects.
            for (let i = 0; i < 10; i++) {
                a.connect('activate', () => b.get_name());
                b.connect('activate', () => a.get_name());
            }
            registry.register(a, 'a');
            registry.register(b, 'b');
        })();
        collectUntil(() => gone === 2, done, 'collecting a two-object cycle');
    });

    it('is collected after the object leaves a C container', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        let gone = false;
        const registry = new FinalizationRegistry(() => (gone = true));
        (() => {
            const action = new Gio.SimpleAction({name: 'stored'});
            action.connect('activate', () => action.get_name());
            store.append(action);
            registry.register(action, 'wrapper');
        })();
        collectRounds(3, () => {
            expect(gone).toBeFalse();
            store.remove_all();
            collectUntil(() => gone, done,
                'collecting a cycle that C no longer holds');
        });
    });
});

describe('A signal handler on an object that C holds', function () {
    it('keeps firing after garbage collections', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        let calls = 0;
        (() => {
            const action = new Gio.SimpleAction({name: 'kept'});
            // Captures its wrapper: the cycle must stay alive while C holds
            // the object.
            action.connect('notify::enabled', () => {
                calls++;
                return action.get_name();
            });
            store.append(action);
        })();
        collectRounds(4, () => {
            const action = store.get_item(0);
            action.set_enabled(false); // emitted by C
            expect(calls).toBe(1);
            action.emit('notify::enabled',
                GObject.Object.find_property.call(Gio.SimpleAction, 'enabled'));
            expect(calls).toBe(2);
            done();
        });
    });

    it('keeps its closed-over state alive', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        const seen = [];
        (() => {
            const state = {label: 'state'};
            const action = new Gio.SimpleAction({name: 'state'});
            action.connect('notify::enabled', () => seen.push(state.label));
            store.append(action);
        })();
        collectRounds(4, () => {
            store.get_item(0).set_enabled(false);
            expect(seen).toEqual(['state']);
            done();
        });
    });
});

describe('A disconnected signal handler', function () {
    it('is collected while the object lives', function (done) {
        const action = new Gio.SimpleAction({name: 'lives'});
        let gone = false;
        const registry = new FinalizationRegistry(() => (gone = true));
        let id = (() => {
            const handler = () => action.get_name();
            registry.register(handler, 'handler');
            return action.connect('activate', handler);
        })();
        action.disconnect(id);
        id = 0;
        collectUntil(() => gone, () => {
            expect(action.get_name()).toBe('lives');
            done();
        }, 'collecting a disconnected handler');
    });

    it('is collected after disconnect_by_func-style matching', function (done) {
        const action = new Gio.SimpleAction({name: 'matched'});
        let gone = false;
        const registry = new FinalizationRegistry(() => (gone = true));
        (() => {
            const handler = () => action.get_name();
            registry.register(handler, 'handler');
            action.connect('activate', handler);
            expect(GObject.signal_handlers_disconnect_by_func(action, handler))
                .toBe(1);
        })();
        collectUntil(() => gone, done, 'collecting a handler disconnected by func');
    });
});

// Wrappers without state of their own hold a plain reference (gc/toggle.h,
// as GJS's do): C may keep the object while the wrapper goes, and a new
// wrapper comes later. Once a wrapper has state, it lives as long as C
// holds its object, whenever that state came and whichever collection
// (eden or full) runs.
describe('A wrapper of an object that C holds', function () {
    // Allocates enough to run the engine's own (eden) collections.
    function churn() {
        let keep = null;
        for (let i = 0; i < 300000; i++)
            keep = {i, list: [i]};
        return keep;
    }

    it('is collected when it has no state of its own', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        let collected = false;
        const registry = new FinalizationRegistry(() => (collected = true));
        (() => {
            const action = Gio.SimpleAction.new('plain', null);
            registry.register(action, 'action');
            store.append(action);
        })();
        collectUntil(() => collected, () => {
            // A new wrapper of the same object.
            expect(store.get_item(0).get_name()).toBe('plain');
            done();
        }, 'collecting a wrapper without state');
    });

    it('keeps state added long after it was made', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        let action = Gio.SimpleAction.new('old', null);
        store.append(action);
        collectRounds(3, () => {
            // The wrapper is old now: only a full collection could take it.
            action.sproutLate = 'late';
            action = null;
            churn();
            collectRounds(3, () => {
                expect(store.get_item(0).sproutLate).toBe('late');
                done();
            });
        });
    });

    it('keeps state through eden collections', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        for (let i = 0; i < 50; i++) {
            // Unreachable from JS before any collection ran: young.
            (() => {
                const action = Gio.SimpleAction.new(`young${i}`, null);
                action.sproutIndex = i;
                store.append(action);
            })();
            churn();
        }
        collectRounds(2, () => {
            for (let i = 0; i < 50; i++)
                expect(store.get_item(i).sproutIndex).toBe(i);
            done();
        });
    });

    it('keeps a property defined with Object.defineProperty', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        (() => {
            const action = new Gio.SimpleAction({name: 'defined'});
            Object.defineProperty(action, 'sproutHidden', {value: 42});
            store.append(action);
        })();
        collectRounds(4, () => {
            expect(store.get_item(0).sproutHidden).toBe(42);
            done();
        });
    });

    it('keeps the object alive while only JS holds the wrapper', function (done) {
        let action = Gio.SimpleAction.new('alone', null);
        collectRounds(3, () => {
            expect(action.get_name()).toBe('alone');
            action = null;
            done();
        });
    });
});

// Collected wrappers are noticed at the end of collections (gc/toggle.c
// reaps them through their links' weak references) and their releases run
// later: a new wrapper may be made for an object whose old one is dead but
// not yet released, or already reaped. Each object must keep exactly its
// own references through any number of such rounds.
describe('Wrappers collected and made again', function () {
    it('leave their objects alive and whole', function (done) {
        const store = Gio.ListStore.new(GObject.Object);
        const N = 2000;
        for (let i = 0; i < N; i++)
            store.append(Gio.SimpleAction.new(`again${i}`, null));
        let rounds = 6;
        const round = () => {
            // New wrappers for all (the old ones are collected or dying),
            // some of them kept for a round.
            const kept = [];
            for (let i = 0; i < N; i++) {
                const action = store.get_item(i);
                expect(action.get_name()).toBe(`again${i}`);
                expect(System.refcount(action)).toBeGreaterThanOrEqual(2);
                if (i % 7 === rounds)
                    kept.push(action);
            }
            for (const action of kept)
                expect(store.get_item(kept.indexOf(action) * 7 + rounds)).toBe(action);
            System.gc();
            if (--rounds > 0) {
                setTimeout(round, 0);
                return;
            }
            store.remove_all();
            System.gc();
            done();
        };
        setTimeout(round, 0);
    });
});
