// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for interface prototypes: what code puts on Gio.File.prototype (or
// changes, or deletes) at any time reaches the classes that implement the
// interface, introspected or not, and the classes' own members win.

const Gio = imports.gi.Gio;
const GObject = imports.gi.GObject;

describe('Interface members on a class without GI data', function () {
    let file, other, LocalFilePrototype;

    beforeAll(function () {
        file = Gio.File.new_for_path('/');
        other = Gio.File.new_for_path('/tmp');
        LocalFilePrototype = Object.getPrototypeOf(file);
    });

    afterEach(function () {
        delete Gio.File.prototype._sproutExtra;
        delete LocalFilePrototype._sproutExtra;
    });

    it('is the case of GLocalFile', function () {
        expect(LocalFilePrototype.constructor.name).toBe('GLocalFile');
        expect(LocalFilePrototype).toBe(Gio._LocalFilePrototype);
        expect(file).toBeInstanceOf(GObject.Object);
        expect(file).toBeInstanceOf(Gio.File);
    });

    it('see members added to the interface later, as they change', function () {
        expect('_sproutExtra' in file).toBeFalse();
        const extra = function () {
            return this.get_path();
        };
        Gio.File.prototype._sproutExtra = extra;
        expect(file._sproutExtra).toBe(extra);
        expect(other._sproutExtra()).toBe('/tmp');

        Gio.File.prototype._sproutExtra = 5;
        expect(file._sproutExtra).toBe(5);

        delete Gio.File.prototype._sproutExtra;
        expect(file._sproutExtra).toBeUndefined();
        expect('_sproutExtra' in file).toBeFalse();
    });

    it('see members defined on the interface with defineProperty', function () {
        Object.defineProperty(Gio.File.prototype, '_sproutExtra',
            {value: 'defined', configurable: true});
        expect(file._sproutExtra).toBe('defined');
    });

    it('see accessors defined on the interface, with the instance as this', function () {
        Object.defineProperty(Gio.File.prototype, '_sproutExtra', {
            get() {
                return `path ${this.get_path()}`;
            },
            set(value) {
                this._sproutSet = value;
            },
            configurable: true,
        });
        expect(other._sproutExtra).toBe('path /tmp');
        other._sproutExtra = 4;
        expect(other._sproutSet).toBe(4);
        delete Gio.File.prototype._sproutExtra;
        expect(other._sproutExtra).toBeUndefined();
    });

    it('see replaced GI methods', function () {
        const original = Gio.File.prototype.get_path;
        try {
            Gio.File.prototype.get_path = function () {
                return `replaced ${original.call(this)}`;
            };
            expect(file.get_path()).toBe('replaced /');
        } finally {
            Gio.File.prototype.get_path = original;
        }
        expect(file.get_path()).toBe('/');
    });

    it('are shadowed by members of the class prototype until deleted', function () {
        Gio.File.prototype._sproutExtra = 'interface';
        LocalFilePrototype._sproutExtra = 'class';
        expect(file._sproutExtra).toBe('class');
        expect(Gio.File.prototype._sproutExtra).toBe('interface');

        Gio.File.prototype._sproutExtra = 'interface again';
        expect(file._sproutExtra).toBe('class');

        delete LocalFilePrototype._sproutExtra;
        expect(file._sproutExtra).toBe('interface again');
    });

    it('are shadowed and restored for GI methods too', function () {
        LocalFilePrototype.get_path = () => 'shadowed';
        expect(file.get_path()).toBe('shadowed');
        delete LocalFilePrototype.get_path;
        expect(file.get_path()).toBe('/');
    });

    it('set on an instance stay on that instance, below the class', function () {
        Gio.File.prototype._sproutExtra = 'interface';
        file._sproutExtra = 'instance';
        expect(file._sproutExtra).toBe('instance');
        expect(other._sproutExtra).toBe('interface');
        expect(Gio.File.prototype._sproutExtra).toBe('interface');
        expect(LocalFilePrototype._sproutExtra).toBe('interface');
        // As in GJS, a member the class prototype gets later wins.
        LocalFilePrototype._sproutExtra = 'class';
        expect(file._sproutExtra).toBe('class');
    });

    it('never hide the members of GObject.Object', function () {
        const connect = GObject.Object.prototype.connect;
        Gio.File.prototype.connect = () => 'interface';
        try {
            expect(file.connect).toBe(connect);
        } finally {
            delete Gio.File.prototype.connect;
        }
        expect(file.connect).toBe(connect);
        const id = file.connect('notify', () => {});
        file.disconnect(id);
    });

    it('keep symbol keys too', function () {
        const key = Symbol('sprout-spec');
        Gio.File.prototype[key] = 42;
        expect(file[key]).toBe(42);
        delete Gio.File.prototype[key];
        expect(file[key]).toBeUndefined();
    });
});

describe('Interface members on an introspected class', function () {
    let action;

    beforeAll(function () {
        action = new Gio.SimpleAction({name: 'sprout'});
    });

    afterEach(function () {
        delete Gio.Action.prototype._sproutExtra;
    });

    it('keep the prototype chain of the GType hierarchy', function () {
        expect(Object.getPrototypeOf(Gio.SimpleAction.prototype))
            .toBe(GObject.Object.prototype);
    });

    it('see accessors defined on the interface, with the instance as this', function () {
        Object.defineProperty(Gio.Action.prototype, '_sproutExtra', {
            get() {
                return `${this.get_name()}!`;
            },
            configurable: true,
        });
        expect(action._sproutExtra).toBe('sprout!');
        delete Gio.Action.prototype._sproutExtra;
        expect(action._sproutExtra).toBeUndefined();
    });

    it('see members added to the interface later, as they change', function () {
        Gio.Action.prototype._sproutExtra = function () {
            return this.get_name();
        };
        expect(action._sproutExtra()).toBe('sprout');
        Gio.Action.prototype._sproutExtra = 'changed';
        expect(action._sproutExtra).toBe('changed');
        delete Gio.Action.prototype._sproutExtra;
        expect('_sproutExtra' in action).toBeFalse();
    });

    it('see replaced GI methods of the interface', function () {
        const original = Gio.Action.prototype.get_name;
        try {
            Gio.Action.prototype.get_name = function () {
                return original.call(this).toUpperCase();
            };
            expect(action.get_name()).toBe('SPROUT');
        } finally {
            Gio.Action.prototype.get_name = original;
        }
        expect(action.get_name()).toBe('sprout');
    });

    it('never replace the class\'s own methods', function () {
        const own = Gio.SimpleAction.prototype.set_enabled;
        Gio.Action.prototype.set_enabled = () => 'interface';
        try {
            expect(action.set_enabled).toBe(own);
        } finally {
            delete Gio.Action.prototype.set_enabled;
        }
        expect(action.set_enabled).toBe(own);
    });

    it('leave what code stored on the class prototype', function () {
        const original = Gio.Action.prototype.get_state;
        const mine = () => 'class';
        Gio.SimpleAction.prototype.get_state = mine;
        try {
            Gio.Action.prototype.get_state = () => 'interface';
            expect(action.get_state).toBe(mine);
        } finally {
            Gio.Action.prototype.get_state = original;
            delete Gio.SimpleAction.prototype.get_state;
        }
        // The interface's member comes back when it next changes.
        Gio.Action.prototype.get_state = original;
        expect(action.get_state).toBe(original);
    });

    it('reach subclasses that inherit the interface', function () {
        const Sub = GObject.registerClass(
            class SproutSpecSubAction extends Gio.SimpleAction {});
        const sub = new Sub({name: 'sub'});
        Gio.Action.prototype._sproutExtra = 'inherited';
        expect(sub._sproutExtra).toBe('inherited');
    });
});

describe('Interface prototypes', function () {
    it('still list and describe their members', function () {
        const names = Object.getOwnPropertyNames(Gio.File.prototype);
        expect(names).toContain('get_path');
        expect(names).toContain('toString');
        expect(Gio.File.prototype.constructor).toBe(Gio.File);
        expect(Object.getOwnPropertyDescriptor(Gio.File.prototype, 'get_path')
            .value).toBeInstanceOf(Function);
    });

    it('still refuse to be constructed and answer instanceof', function () {
        expect(() => new Gio.File()).toThrowError(TypeError, /interface/);
        expect(Gio.File.new_for_path('/')).toBeInstanceOf(Gio.File);
        expect({}).not.toBeInstanceOf(Gio.File);
    });

    it('serve Gio._promisify', function () {
        const original = Gio.File.prototype.query_info_async;
        const file = Gio.File.new_for_path('/');
        try {
            Gio._promisify(Gio.File.prototype, 'query_info_async',
                'query_info_finish');
            expect(file.query_info_async).toBe(Gio.File.prototype.query_info_async);
        } finally {
            Gio.File.prototype.query_info_async = original;
        }
    });
});
