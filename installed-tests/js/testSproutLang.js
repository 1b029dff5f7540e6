// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for imports.lang beyond GJS's testLang.js and testLegacyClass.js:
// the helpers' edge cases, the legacy class system's conventions (names,
// descriptors, __caller__, parent() errors, wrapFunction), metaclass and
// meta-interface hooks, and how interfaces and mixins supply defaults.

const Lang = imports.lang;
const Signals = imports.signals;

describe('Lang helpers', function () {
    it('counts inherited enumerable properties too', function () {
        const obj = Object.create({inherited: 1});
        obj.own = 2;
        Object.defineProperty(obj, 'hidden', {value: 3, enumerable: false});
        expect(Lang.countProperties(obj)).toBe(2);
    });

    it('copies inherited properties and keeps their descriptors', function () {
        const source = Object.create({inherited: 1});
        Object.defineProperty(source, 'readOnly', {
            value: 2, enumerable: true, writable: false, configurable: true,
        });
        const dest = {};
        Lang.copyProperties(source, dest);
        expect(dest.inherited).toBe(1);
        expect(Object.getOwnPropertyDescriptor(dest, 'readOnly').writable).toBeFalse();
    });

    it('skips only names starting with an underscore when copying public properties', function () {
        const dest = {};
        Lang.copyPublicProperties({a_: 1, _b: 2, c: 3}, dest);
        expect(dest).toEqual({a_: 1, c: 3});
    });

    it('finds property descriptors along the prototype chain', function () {
        const proto = {get x() {
            return 1;
        }};
        const obj = Object.create(proto);
        expect(Lang.getPropertyDescriptor(obj, 'x').get).toBeInstanceOf(Function);
        expect(Lang.getPropertyDescriptor(obj, 'missing')).toBeUndefined();
    });

    it('binds this without extra arguments and passes the call arguments', function () {
        const obj = {};
        const bound = Lang.bind(obj, function (...args) {
            return [this, args];
        });
        expect(bound(1, 2)).toEqual([obj, [1, 2]]);
    });

    it('accepts null and functions as the this-object but no other primitives', function () {
        expect(() => Lang.bind(null, function () {})).not.toThrow();
        expect(() => Lang.bind(function () {}, function () {})).not.toThrow();
        expect(() => Lang.bind(5, function () {})).toThrowError(TypeError);
        expect(() => Lang.bind({}, 'not a function')).toThrowError(TypeError);
    });
});

describe('Lang.Class', function () {
    const Base = new Lang.Class({
        Name: 'Base',
        _init(value) {
            this.value = value;
        },
        describe() {
            return `Base(${this.value})`;
        },
        [Symbol.toPrimitive]() {
            return 1;
        },
    });
    const Derived = new Lang.Class({
        Name: 'Derived',
        Extends: Base,
        describe() {
            return `Derived < ${this.parent()}`;
        },
        [Symbol.toPrimitive]() {
            return this.parent() + 1;
        },
    });

    it('names the class, its prototype and its metaclass like GJS', function () {
        expect(Derived.name).toBe('Derived');
        expect(Derived.prototype.__name__).toBe('Derived');
        expect(Derived.__name__).toBe('Class');
        expect(Derived.toString()).toBe('[object Class for Derived]');
        expect(Derived.__super__).toBe(Base);
        expect(new Derived(1).toString()).toBe('[object Derived]');
    });

    it('inherits the constructor and chains methods, symbol-named ones too', function () {
        const obj = new Derived(7);
        expect(obj.value).toBe(7);
        expect(obj.describe()).toBe('Derived < Base(7)');
        expect(+obj).toBe(2);
    });

    it('makes prototype members enumerable and non-configurable', function () {
        const descriptor = Object.getOwnPropertyDescriptor(Base.prototype, 'describe');
        expect(descriptor.enumerable).toBeTrue();
        expect(descriptor.configurable).toBeFalse();
        expect(descriptor.writable).toBeTrue();
    });

    it('keeps __caller__ out of the instance\'s enumerable keys', function () {
        const obj = new Derived(3);
        obj.describe();
        expect(Object.keys(obj)).toEqual(['value']);
        expect(obj.__caller__).toBeUndefined();
    });

    it('restores __caller__ when a method throws', function () {
        const Thrower = new Lang.Class({
            Name: 'Thrower',
            Extends: Base,
            describe() {
                throw new Error('boom');
            },
        });
        const obj = new Thrower();
        expect(() => obj.describe()).toThrowError('boom');
        expect(obj.__caller__).toBeUndefined();
    });

    it('requires new, a Name and a class to extend', function () {
        expect(() => Base()).toThrowError(TypeError);
        expect(() => new Lang.Class({})).toThrowError(TypeError, /Name/);
        expect(() => new Lang.Class({Name: 'Bad', Extends: 5})).toThrowError(TypeError);
        expect(() => new Lang.Class({Name: 'Bad', Implements: {}})).toThrowError(TypeError);
    });

    it('throws from parent() outside a method or without an overridden method', function () {
        const obj = new Base();
        expect(() => obj.parent()).toThrowError(TypeError);
        const Orphan = new Lang.Class({
            Name: 'Orphan',
            lonely() {
                return this.parent();
            },
        });
        expect(() => new Orphan().lonely()).toThrowError(TypeError, /lonely/);
    });

    it('rewraps a method taken from another class for its new owner', function () {
        const Other = new Lang.Class({
            Name: 'Other',
            Extends: Base,
            describe: Derived.prototype.describe,
        });
        expect(Derived.prototype.describe._origin).toBeInstanceOf(Function);
        expect(Other.prototype.describe._owner).toBe(Other);
        expect(new Other(2).describe()).toBe('Derived < Base(2)');
    });

    it('lets a subclass override an accessor and chain to the inherited one', function () {
        const WithAccessor = new Lang.Class({
            Name: 'WithAccessor',
            get answer() {
                return 42;
            },
        });
        const Doubled = new Lang.Class({
            Name: 'Doubled',
            Extends: WithAccessor,
            get answer() {
                return 2 * Lang.getPropertyDescriptor(WithAccessor.prototype, 'answer')
                    .get.call(this);
            },
        });
        expect(new Doubled().answer).toBe(84);
    });

    it('keeps Abstract and the other special keys off the prototype', function () {
        const Abstract = new Lang.Class({Name: 'Abstract', Abstract: true});
        expect(() => new Abstract()).toThrowError(TypeError, /abstract/);
        for (const key of ['Name', 'Extends', 'Implements', 'Abstract'])
            expect(key in Abstract.prototype).toBeFalse();
    });
});

describe('Lang.Class metaclasses', function () {
    const Meta = new Lang.Class({
        Name: 'Meta',
        Extends: Lang.Class,
        _init(params) {
            this.parent(params);
            this.made = params.Name;
        },
        describeClass() {
            return `meta of ${this.name}`;
        },
    });

    it('are found from a parent made by the metaclass', function () {
        const First = new Meta({Name: 'First'});
        const Second = new Lang.Class({Name: 'Second', Extends: First});
        expect(Second instanceof Meta).toBeTrue();
        expect(Second.made).toBe('Second');
        expect(Second.describeClass()).toBe('meta of Second');
        expect(Second.toString()).toBe('[object Meta for Second]');
    });

    it('are null for plain parameters and for classes made by Lang.Class', function () {
        const Plain = new Lang.Class({Name: 'Plain'});
        expect(Lang.getMetaClass({})).toBeNull();
        expect(Lang.getMetaClass({Extends: Lang.Class})).toBeNull();
        expect(Lang.getMetaClass({Extends: Plain})).toBe(Lang.Class);
    });

    it('can be named with MetaClass or a parent prototype\'s __metaclass__', function () {
        expect(Lang.getMetaClass({MetaClass: Meta})).toBe(Meta);
        const Foreign = function () {};
        Foreign.prototype.__metaclass__ = Meta;
        expect(Lang.getMetaClass({Extends: Foreign})).toBe(Meta);
        const Viaduct = new Lang.Class({Name: 'Viaduct', MetaClass: Meta});
        expect(Viaduct instanceof Meta).toBeTrue();
    });

    it('can make interfaces with its MetaInterface', function () {
        const MetaInterface = new Lang.Class({
            Name: 'MetaInterface',
            Extends: Lang.Interface,
        });
        const SubMeta = new Lang.Class({Name: 'SubMeta', Extends: Meta});
        Meta.MetaInterface = MetaInterface;
        try {
            // Found along the metaclass's __super__ chain.
            const Host = new SubMeta({Name: 'Host'});
            const Iface = new Lang.Interface({Name: 'Iface', Requires: [Host]});
            expect(Iface instanceof MetaInterface).toBeTrue();
            expect(Iface.toString()).toBe('[interface MetaInterface for Iface]');
        } finally {
            delete Meta.MetaInterface;
        }
    });
});

describe('Lang.Interface', function () {
    const Greeter = new Lang.Interface({
        Name: 'Greeter',
        greeting: Lang.Interface.UNIMPLEMENTED,
        greet(who) {
            return `${this.greeting()}, ${who}`;
        },
        shout() {
            return 'Greeter';
        },
    });
    const Shouter = new Lang.Interface({
        Name: 'Shouter',
        Requires: [Greeter],
        shout() {
            return 'Shouter';
        },
    });

    it('is an object with a prototype and generic methods, not a constructor', function () {
        expect(typeof Greeter).toBe('object');
        expect(Greeter.name).toBe('Greeter');
        expect(Greeter.greet({greeting: () => 'Hi'}, 'you')).toBe('Hi, you');
        expect(Greeter.prototype.shout()).toBe('Greeter');
    });

    it('has an UNIMPLEMENTED marker that throws', function () {
        expect(() => Lang.Interface.UNIMPLEMENTED()).toThrowError('Not implemented');
    });

    it('names the interface and the missing method when one is not implemented', function () {
        expect(() => new Lang.Class({Name: 'Mute', Implements: [Greeter]}))
            .toThrowError(/Mute.*greeting.*Greeter/);
    });

    it('rejects Requires entries that are neither interfaces nor classes', function () {
        expect(() => new Lang.Interface({Name: 'Bad', Requires: [5]})).toThrowError(TypeError);
        expect(() => new Lang.Interface({Name: 'Bad', Requires: Greeter})).toThrowError(TypeError);
    });

    it('gives the last listed interface\'s default', function () {
        const Both = new Lang.Class({
            Name: 'Both',
            Implements: [Greeter, Shouter],
            greeting() {
                return 'Hello';
            },
        });
        const obj = new Both();
        expect(obj.shout()).toBe('Shouter');
        expect(obj.greet('all')).toBe('Hello, all');
        expect(Both.implements(Greeter)).toBeTrue();
        expect(Both.implements(Shouter)).toBeTrue();
    });

    it('does not replace an inherited member with a default, like GJS', function () {
        const Parent = new Lang.Class({
            Name: 'Parent',
            Implements: [Greeter],
            greeting() {
                return 'Hey';
            },
        });
        const Child = new Lang.Class({
            Name: 'Child',
            Extends: Parent,
            Implements: [Shouter],
        });
        expect(new Child().shout()).toBe('Greeter');
        expect(Child.implements(Greeter)).toBeTrue();
        expect(Parent.implements(Shouter)).toBeFalse();
    });

    it('lets an interface default chain to the class\'s parent', function () {
        const Describer = new Lang.Interface({
            Name: 'Describer',
            describe() {
                return `described ${this.parent()}`;
            },
        });
        const Root = new Lang.Class({Name: 'Root'});
        const Leaf = new Lang.Class({Name: 'Leaf', Extends: Root, Implements: [Describer]});
        expect(new Leaf().describe).toBeInstanceOf(Function);
        expect(() => new Leaf().describe()).toThrowError(TypeError, /describe/);
    });

    it('accepts a plain class such as Signals.WithSignals as a mixin', function () {
        const Emitter = new Lang.Class({
            Name: 'Emitter',
            Implements: [Signals.WithSignals],
        });
        const obj = new Emitter();
        const handler = jasmine.createSpy('handler');
        obj.connect('ping', handler);
        obj.emit('ping', 1);
        expect(handler).toHaveBeenCalledWith(obj, 1);
        expect(Emitter.implements(Signals.WithSignals)).toBeTrue();
    });

    it('only records GI types in Implements', function () {
        const FakeGIInterface = function () {};
        FakeGIInterface.$gtype = 'fake';
        FakeGIInterface.prototype.method = function () {};
        const Impl = new Lang.Class({Name: 'Impl', Implements: [FakeGIInterface]});
        expect(Impl.implements(FakeGIInterface)).toBeTrue();
        expect('method' in Impl.prototype).toBeFalse();
    });
});

describe('imports.signals.addSignalMethods()', function () {
    it('assigns the methods and warns when it replaces another one', function () {
        const GLib = imports.gi.GLib;
        const proto = {connect: 'mine'};
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_MESSAGE,
            '*addSignalMethods is replacing existing * connect method*');
        Signals.addSignalMethods(proto);
        GLib.test_assert_expected_messages_internal('Gjs', 'testSproutLang.js',
            0, 'addSignalMethods warning');
        expect(typeof proto.connect).toBe('function');
        expect(Object.keys(proto)).toContain('emit');
        // Adding them again replaces nothing: no warning.
        Signals.addSignalMethods(proto);
        let got = null;
        proto.connect('x', (_, v) => (got = v));
        proto.emit('x', 7);
        expect(got).toBe(7);
    });
});
