// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GObject.registerClass: GTypes defined in JS, their properties,
// signals, vfuncs and interfaces, and construction from JS and from C.
const {GLib, Gio, GObject, GIMarshallingTests} = imports.gi;
const System = imports.system;

const Counter = GObject.registerClass({
    Properties: {
        'count': GObject.ParamSpec.int('count', 'Count', 'A counter',
            GObject.ParamFlags.READWRITE, 0, 1000, 7),
        'long-name': GObject.ParamSpec.string('long-name', 'Long name',
            'A dashed name', GObject.ParamFlags.READWRITE, 'dash'),
        'label': GObject.ParamSpec.string('label', 'Label', 'Own accessors',
            GObject.ParamFlags.READWRITE, ''),
        'fixed': GObject.ParamSpec.string('fixed', 'Fixed', 'Construct-only',
            GObject.ParamFlags.READWRITE | GObject.ParamFlags.CONSTRUCT_ONLY,
            'initial'),
    },
    Signals: {
        'bumped': {param_types: [GObject.TYPE_INT, GObject.TYPE_STRING]},
        'ask': {
            flags: GObject.SignalFlags.RUN_LAST,
            accumulator: GObject.AccumulatorType.FIRST_WINS,
            return_type: GObject.TYPE_INT,
        },
        'order': {flags: GObject.SignalFlags.RUN_LAST},
    },
}, class Counter extends GObject.Object {
    #secret = 'private';
    static instances = 0;

    constructor(props) {
        super(props);
        Counter.instances++;
    }

    get label() {
        return `<${this._label ?? ''}>`;
    }

    set label(value) {
        this._label = value;
    }

    get secret() {
        return this.#secret;
    }

    bump(text) {
        this.count++;
        this.emit('bumped', this.count, text);
    }

    on_ask() {
        return 99;
    }

    on_order() {
        this.log.push('class');
    }

    vfunc_constructed() {
        super.vfunc_constructed();
        this.constructedRan = true;
    }
});

describe('A class registered with GObject.registerClass', function () {
    it('gets a GType named after the class', function () {
        expect(Counter.$gtype.name).toBe('Gjs_Counter');
        expect(GObject.type_from_name('Gjs_Counter')).toBe(Counter.$gtype);
        expect(new Counter() instanceof GObject.Object).toBeTrue();
    });

    it('runs the JS constructor chain, class fields and #private members', function () {
        const before = Counter.instances;
        const counter = new Counter();
        expect(Counter.instances).toBe(before + 1);
        expect(counter.secret).toBe('private');
        expect(counter.constructedRan).toBeTrue();
    });

    it('honours GTypeName and refuses names already taken', function () {
        const Named = GObject.registerClass({GTypeName: 'SproutNamedSpec'},
            class extends GObject.Object {});
        expect(Named.$gtype.name).toBe('SproutNamedSpec');
        expect(() => GObject.registerClass({GTypeName: 'SproutNamedSpec'},
            class extends GObject.Object {})).toThrowError(/already registered/);
    });

    it('refuses to construct an abstract type', function () {
        const Abstract = GObject.registerClass({
            GTypeFlags: GObject.TypeFlags.ABSTRACT,
        }, class SproutAbstract extends GObject.Object {});
        expect(() => new Abstract()).toThrowError(/abstract/);
    });

    it('refuses a class that was not registered', function () {
        const Unregistered = class extends Counter {};
        expect(() => new Unregistered()).toThrowError(/without a GType/);
        expect(() => GObject.registerClass(class Bad {}))
            .toThrowError(TypeError, /invalid base class/);
    });
});

describe('Properties of a JS class', function () {
    it('start from the param spec default, under all three names', function () {
        const counter = new Counter();
        expect(counter.count).toBe(7);
        expect(counter.long_name).toBe('dash');
        expect(counter.longName).toBe('dash');
        expect(counter['long-name']).toBe('dash');
    });

    it('are set from the constructor property bag, through the class accessors', function () {
        const counter = new Counter({count: 3, label: 'x', longName: 'y'});
        expect(counter.count).toBe(3);
        expect(counter.label).toBe('<x>');
        expect(counter.long_name).toBe('y');
    });

    it('emit notify when a generated setter changes the value', function () {
        const counter = new Counter();
        const seen = [];
        counter.connect('notify::count', () => seen.push(counter.count));
        counter.count = 10;
        counter.count = 10;
        counter.count = 11;
        expect(seen).toEqual([10, 11]);
    });

    it('are read and written by C through the JS accessors', function () {
        const source = new Counter({count: 5});
        const target = new Counter();
        source.bind_property('count', target, 'count',
            GObject.BindingFlags.SYNC_CREATE);
        expect(target.count).toBe(5);
        source.count = 6;
        expect(target.count).toBe(6);
        source.bind_property('label', target, 'label',
            GObject.BindingFlags.SYNC_CREATE);
        expect(target.label).toBe('<<>>');
    });

    it('keep construct-only values read-only afterwards', function () {
        const counter = new Counter({fixed: 'set once'});
        expect(counter.fixed).toBe('set once');
        counter.fixed = 'again';
        expect(counter.fixed).toBe('set once');
        expect(new Counter().fixed).toBe('initial');
    });

    it('reject unknown properties and bad bags with clear errors', function () {
        expect(() => new Counter({nonsense: 1})).toThrowError(/No property nonsense/);
        expect(() => new Counter('not a bag')).toThrow();
        expect(() => new Counter({count: 'many'})).toThrowError(TypeError);
    });
});

// JS that g_object_new() runs on the object it is making: the wrapper must
// be whole by then (its token is stored only when JS first sees it).
const Watched = GObject.registerClass({
    Properties: {
        'x': GObject.ParamSpec.int('x', 'X', 'Generated accessors',
            GObject.ParamFlags.READWRITE, 0, 100, 0),
        'quiet': GObject.ParamSpec.int('quiet', 'Quiet', 'Explicit notify',
            GObject.ParamFlags.READWRITE | GObject.ParamFlags.EXPLICIT_NOTIFY,
            0, 100, 0),
        'own': GObject.ParamSpec.string('own', 'Own', 'Own accessors',
            GObject.ParamFlags.READWRITE, ''),
        'once': GObject.ParamSpec.string('once', 'Once', 'Construct-only',
            GObject.ParamFlags.READWRITE | GObject.ParamFlags.CONSTRUCT_ONLY,
            'default'),
    },
}, class Watched extends GObject.Object {
    _instance_init() {
        this.log = [`init ${this.is_floating()}`];
    }

    get own() {
        return this._own ?? '';
    }

    set own(value) {
        // A GI method on the wrapper while g_object_new() sets it.
        this._own = `${value}:${this.is_floating()}`;
    }

    vfunc_constructed() {
        super.vfunc_constructed();
        this.log.push(`constructed ${this instanceof Watched}`);
        this.connect('notify::x', () => this.log.push(`handler x=${this.x}`));
    }

    vfunc_notify(pspec) {
        this.log.push(`notify ${pspec.name}`);
    }
});

describe('JS run while a JS class is constructed', function () {
    it('gets a whole wrapper in _instance_init, vfuncs and own setters', function () {
        const watched = new Watched({own: 'o', x: 3});
        expect(watched.log[0]).toBe('init false');
        expect(watched.log[1]).toBe('constructed true');
        expect(watched.own).toBe('o:false');
        expect(watched.x).toBe(3);
        expect(watched.toString()).toMatch(/Watched/);
    });

    it('notifies each property of the bag once, after its value is set', function () {
        const watched = new Watched({x: 5, quiet: 7});
        const notes = watched.log.filter(line => line.startsWith('notify'));
        expect(notes.filter(line => line === 'notify x').length).toBe(1);
        expect(notes.filter(line => line === 'notify quiet').length).toBe(1);
        expect(watched.log).toContain('handler x=5');
        expect(watched.quiet).toBe(7);
    });

    it('keeps notify of properties that C sets after construction', function () {
        const watched = new Watched();
        watched.log = [];
        watched.set_property('x', 9);
        watched.set_property('x', 9);
        watched.set_property('quiet', 4);
        watched.set_property('quiet', 4);
        expect(watched.log.filter(line => line === 'notify x').length).toBe(2);
        expect(watched.log.filter(line => line === 'notify quiet').length)
            .toBe(1);
        watched.log = [];
        watched.x = 9;
        watched.x = 10;
        expect(watched.log).toEqual(['notify x', 'handler x=10']);
    });

    it('gives construct-only values and nested objects a whole wrapper', function () {
        const watched = new Watched({once: 'set', x: 1});
        expect(watched.once).toBe('set');
        const Outer = GObject.registerClass(class SproutSpecOuter extends Watched {
            vfunc_constructed() {
                super.vfunc_constructed();
                this.inner = new Watched({own: 'inner'});
                this.inner.partner = this;
                this.log.push(`inner ${this.inner.partner.x}`);
            }
        });
        const outer = new Outer({x: 2});
        expect(outer.log).toContain('inner 0');
        expect(outer.inner.own).toBe('inner:false');
        expect(outer.x).toBe(2);
    });
});

describe('Signals of a JS class', function () {
    it('carry their arguments to handlers', function () {
        const counter = new Counter();
        const handler = jasmine.createSpy('bumped');
        counter.connect('bumped', handler);
        counter.bump('hello');
        expect(handler).toHaveBeenCalledWith(counter, 8, 'hello');
    });

    it('use their accumulator and class closure', function () {
        const counter = new Counter();
        expect(counter.emit('ask')).toBe(99);
        counter.connect('ask', () => 5);
        counter.connect('ask', () => 6);
        expect(counter.emit('ask')).toBe(5);
    });

    it('run a RUN_LAST class closure after handlers', function () {
        const counter = new Counter();
        counter.log = [];
        counter.connect('order', () => counter.log.push('handler'));
        counter.emit('order');
        expect(counter.log).toEqual(['handler', 'class']);
    });

    it('refuse bad definitions with an error naming the signal', function () {
        expect(() => GObject.registerClass({
            Signals: {'bad': {param_types: ['not a type']}},
        }, class SproutBadSignal extends GObject.Object {})).toThrowError(/Invalid signal bad/);
        expect(() => GObject.registerClass({
            Signals: {
                'handled': {
                    accumulator: GObject.AccumulatorType.TRUE_HANDLED,
                    return_type: GObject.TYPE_INT,
                },
            },
        }, class SproutBadAccumulator extends GObject.Object {})).toThrowError(/TRUE_HANDLED/);
    });
});

describe('Virtual functions implemented in JS', function () {
    const Tester = GObject.registerClass(class SproutVFuncTester extends GIMarshallingTests.Object {
        vfunc_method_int8_in(i) {
            this.int = i;
        }

        vfunc_method_int8_out() {
            return 40;
        }

        vfunc_method_str_arg_out_ret(s) {
            return [`Called with ${s}`, 41];
        }

        vfunc_vfunc_multiple_out_parameters() {
            return [44, 45];
        }

        vfunc_method_with_default_implementation(i) {
            super.vfunc_method_with_default_implementation(i + 1);
        }

        // A caller-allocated GValue out argument (it used to be refused,
        // and C then called the class's empty slot).
        vfunc_vfunc_caller_allocated_out_parameter() {
            return 'from JS';
        }
    });

    it('are called by C with the wrapper as this', function () {
        const tester = new Tester();
        tester.method_int8_in(12);
        expect(tester.int).toBe(12);
        expect(tester.method_int8_out()).toBe(40);
    });

    it('return out arguments as an array', function () {
        const tester = new Tester();
        expect(tester.method_str_arg_out_ret('x')).toEqual(['Called with x', 41]);
        expect(tester.vfunc_multiple_out_parameters()).toEqual([44, 45]);
    });

    it('fill caller-allocated out arguments', function () {
        expect(new Tester().vfunc_caller_allocated_out_parameter()).toBe('from JS');
    });

    it('chain up to the C implementation with super', function () {
        const tester = new Tester();
        tester.method_with_default_implementation(40);
        expect(tester.int).toBe(41);
    });

    it('implement interface vfuncs', function () {
        const MyInitable = GObject.registerClass({
            Implements: [Gio.Initable],
        }, class SproutInitable extends GObject.Object {
            vfunc_init(cancellable) {
                this.initedWith = cancellable;
                return true;
            }
        });
        const initable = new MyInitable();
        const cancellable = new Gio.Cancellable();
        expect(initable instanceof Gio.Initable).toBeTrue();
        expect(initable.init(cancellable)).toBeTrue();
        expect(initable.initedWith).toBe(cancellable);
    });

    it('must not override a parent interface vfunc without Implements', function () {
        expect(() => GObject.registerClass(class SproutSneaky extends Gio.ZlibCompressor {
            vfunc_reset() {}
        })).toThrowError(/does not implement Gio.Converter/);
    });
});

describe('Interfaces defined in JS', function () {
    const Greeter = GObject.registerClass({
        Requires: [GObject.Object],
        Properties: {
            'greeting': GObject.ParamSpec.string('greeting', 'Greeting', 'Hi',
                GObject.ParamFlags.READABLE, 'hello'),
        },
        Signals: {'greeted': {}},
    }, class SproutGreeter extends GObject.Interface {
        greet() {
            this.emit('greeted');
            return `${this.greeting}, ${this.name()}`;
        }

        name() {
            throw new GObject.NotImplementedError();
        }
    });

    const Person = GObject.registerClass({
        Implements: [Greeter],
        Properties: {
            'greeting': GObject.ParamSpec.override('greeting', Greeter),
        },
    }, class SproutPerson extends GObject.Object {
        get greeting() {
            return 'hi';
        }

        name() {
            return 'Ada';
        }
    });

    it('give implementers their default methods, signals and instanceof', function () {
        const person = new Person();
        const greeted = jasmine.createSpy('greeted');
        person.connect('greeted', greeted);
        expect(person.greet()).toBe('hi, Ada');
        expect(greeted).toHaveBeenCalled();
        expect(person instanceof Greeter).toBeTrue();
        expect(new Counter() instanceof Greeter).toBeFalse();
        expect(Greeter.greet(person)).toBe('hi, Ada');
    });

    it('cannot be instantiated', function () {
        expect(() => new Greeter()).toThrow();
    });

    it('are checked for their prerequisites', function () {
        const Needy = GObject.registerClass({
            Requires: [Greeter],
        }, class SproutNeedy extends GObject.Interface {});
        expect(() => GObject.registerClass({
            Implements: [Needy],
        }, class SproutNeedyImpl extends GObject.Object {})).toThrowError(/must be implemented/);
    });
});

describe('Instances of JS classes', function () {
    it('keep their JS state while C holds them, without JS references', function () {
        const store = new Gio.ListStore({item_type: Counter.$gtype});
        (function () {
            const counter = new Counter();
            counter.note = 'kept';
            store.append(counter);
        })();
        System.gc();
        expect(store.get_item(0).note).toBe('kept');
        expect(store.get_item(0) instanceof Counter).toBeTrue();
    });

    it('are built through JS when C constructs them', function () {
        const before = Counter.instances;
        const model = new Gio.ListStore({item_type: Counter.$gtype});
        const counter = GObject.Object.new(Counter, {count: 2});
        model.append(counter);
        expect(Counter.instances).toBe(before + 1);
        expect(model.get_item(0).count).toBe(2);
    });
});

describe('GObject.Object.new and new_with_properties', function () {
    it('construct introspected and JS classes', function () {
        expect(GObject.Object.new(Gio.SimpleAction, {name: 'a'}).name).toBe('a');
        const counter = GObject.Object.new_with_properties(Counter, ['count'], [4]);
        expect(counter.count).toBe(4);
        expect(() => GObject.Object.new_with_properties(Counter, ['count'], []))
            .toThrowError(TypeError);
    });
});

describe('GLib is still usable from JS classes', function () {
    it('runs a main loop that calls into JS objects', function () {
        const counter = new Counter();
        const loop = new GLib.MainLoop(null, false);
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
            counter.bump('idle');
            loop.quit();
            return GLib.SOURCE_REMOVE;
        });
        loop.run();
        expect(counter.count).toBe(8);
    });
});

describe('JSObject properties and signal arguments', function () {
    const Holder = GObject.registerClass({
        Properties: {
            'data': GObject.ParamSpec.jsobject('data', 'Data', 'Any object',
                GObject.ParamFlags.READWRITE),
        },
        Signals: {'carry': {param_types: [GObject.TYPE_JSOBJECT]}},
    }, class SproutHolder extends GObject.Object {});

    it('hold the very object, also through C', function () {
        const data = {list: [1, 2]};
        const holder = new Holder({data});
        expect(holder.data).toBe(data);
        const other = new Holder();
        holder.bind_property('data', other, 'data',
            GObject.BindingFlags.SYNC_CREATE);
        expect(other.data).toBe(data);
    });

    it('pass the very object to signal handlers and refuse primitives', function () {
        const holder = new Holder();
        const payload = () => 42;
        let received;
        holder.connect('carry', (_, value) => (received = value));
        holder.emit('carry', payload);
        expect(received).toBe(payload);
        expect(() => holder.emit('carry', 3)).toThrowError(/JSObject expected/);
        expect(() => new Holder({data: 'text'})).toThrowError(/JSObject expected/);
    });
});

describe('Property bindings with JS transforms', function () {
    it('convert values through bind_property_full', function () {
        const source = new Counter({count: 2});
        const target = new Counter();
        source.bind_property_full('count', target, 'label',
            GObject.BindingFlags.SYNC_CREATE,
            (binding, value) => [true, `n=${value}`], null);
        expect(target.label).toBe('<n=2>');
        source.count = 3;
        expect(target.label).toBe('<n=3>');
    });

    it('leave the target alone when the transform says no', function () {
        const source = new Counter({count: 2});
        const target = new Counter({count: 9});
        source.bind_property_full('count', target, 'count',
            GObject.BindingFlags.DEFAULT, (binding, value) => [value > 5, value],
            null);
        source.count = 3;
        expect(target.count).toBe(9);
        source.count = 6;
        expect(target.count).toBe(6);
    });
});

describe('registerClass given bad definitions', function () {
    it('names what is wrong', function () {
        expect(() => GObject.registerClass({Properties: {x: 5}},
            class SproutBadProps extends GObject.Object {}))
            .toThrowError(TypeError, /must be GObject.ParamSpec objects/);
        expect(() => GObject.registerClass({Implements: [Gio.SimpleAction]},
            class SproutBadImplements extends GObject.Object {}))
            .toThrowError(TypeError, /is not an interface/);
        expect(() => GObject.registerClass(class SproutNoSuchVFunc extends GObject.Object {
            vfunc_nonexistent() {}
        })).toThrowError(/Could not find definition of virtual function nonexistent/);
        const Iface = GObject.registerClass(class SproutLonely extends GObject.Interface {});
        expect(() => new Iface()).toThrowError(TypeError, /cannot be instantiated/);
    });

    it('lets JS exceptions from vfuncs called by C reach the JS caller', function () {
        const Failing = GObject.registerClass({Implements: [Gio.Initable]},
            class SproutFailingInit extends GObject.Object {
                vfunc_init() {
                    throw new RangeError('init failed');
                }
            });
        expect(() => new Failing().init(null)).toThrowError(RangeError, 'init failed');
    });
});
