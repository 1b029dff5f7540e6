// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for fundamental wrappers: GObject.ParamSpec (its factories, its
// read-only properties, identity, GValues, arguments) and Regress's
// TestFundamentalObject.

const {GIMarshallingTests, Gio, GObject, Regress} = imports.gi;
const System = imports.system;

const {READABLE, READWRITE} = GObject.ParamFlags;

describe('GObject.ParamSpec factories', function () {
    const cases = [
        ['char', [-10, 10, 3], 3, 'gchar'],
        ['uchar', [0, 10, 3], 3, 'guchar'],
        ['int', [-100, 100, -42], -42, 'gint'],
        ['uint', [0, 100, 42], 42, 'guint'],
        ['long', [-100, 100, 7], 7, 'glong'],
        ['ulong', [0, 100, 7], 7, 'gulong'],
        ['int64', [0, 2 ** 40, 2 ** 33], 2 ** 33, 'gint64'],
        ['uint64', [0, 2 ** 40, 2 ** 33], 2 ** 33, 'guint64'],
        ['float', [0, 10, 2.5], 2.5, 'gfloat'],
        ['double', [-1, 1, 0.25], 0.25, 'gdouble'],
        ['boolean', [true], true, 'gboolean'],
        ['string', ['Default'], 'Default', 'gchararray'],
        ['unichar', ['x'], 'x'.codePointAt(0), 'guint'],
        ['enum', [Gio.FileType, Gio.FileType.DIRECTORY],
            Gio.FileType.DIRECTORY, 'GFileType'],
        ['flags', [Gio.FileCopyFlags, Gio.FileCopyFlags.OVERWRITE],
            Gio.FileCopyFlags.OVERWRITE, 'GFileCopyFlags'],
        ['object', [Gio.SimpleAction], null, 'GSimpleAction'],
        ['boxed', [GIMarshallingTests.BoxedStruct.$gtype], null,
            'GIMarshallingTestsBoxedStruct'],
        ['param', [GObject.TYPE_PARAM], null, 'GParam'],
        ['gtype', [GObject.TYPE_OBJECT], GObject.TYPE_OBJECT, 'GType'],
        ['jsobject', [], null, 'JSObject'],
    ];

    for (const [type, args, defaultValue, valueType] of cases) {
        it(`makes ${type} specs`, function () {
            const spec = GObject.ParamSpec[type]('my-prop', 'My prop',
                'A property', READWRITE, ...args);
            expect(spec instanceof GObject.ParamSpec).toBeTrue();
            expect(spec.name).toBe('my-prop');
            expect(spec.nick).toBe('My prop');
            expect(spec._nick).toBe('My prop');
            expect(spec.blurb).toBe('A property');
            expect(spec._blurb).toBe('A property');
            expect(spec.flags).toBe(READWRITE);
            expect(spec.value_type.name).toBe(valueType);
            expect(spec.default_value).toEqual(defaultValue);
        });
    }

    it('keeps the properties read-only', function () {
        const spec = GObject.ParamSpec.string('p', '', '', READABLE, 'd');
        expect(() => {
            'use strict';
            spec.name = 'other';
        }).toThrowError(TypeError);
        expect(spec.name).toBe('p');
    });

    it('has GI methods on the prototype', function () {
        const spec = GObject.ParamSpec.int('p', 'Nick', '', READABLE, 0, 9, 4);
        expect(spec.get_name()).toBe('p');
        expect(spec.get_nick()).toBe('Nick');
        expect(GObject.ParamSpec.is_valid_name('good-name')).toBeTrue();
        expect(spec.ref).toBeUndefined();
        expect(spec.unref).toBeUndefined();
    });

    it('shares one class for every param spec type, as GJS does', function () {
        const spec = GObject.ParamSpec.boolean('b', '', '', READABLE, false);
        expect(Object.getPrototypeOf(spec)).toBe(GObject.ParamSpec.prototype);
        expect(GObject.ParamSpecBoolean).toBeUndefined();
        expect(GObject.ParamSpec.$gtype).toBe(GObject.TYPE_PARAM);
    });

    it('does not resolve odd keys', function () {
        const spec = GObject.ParamSpec.string('p', '', '', READABLE, '');
        expect(spec[0]).not.toBeDefined();
    });
});

describe('Param specs from C', function () {
    it('are found on classes and interfaces', function () {
        const name = GObject.Object.find_property.call(Gio.ThemedIcon, 'name');
        expect(name instanceof GObject.ParamSpec).toBeTrue();
        expect(name.name).toBe('name');
        expect(name.owner_type).toBe(Gio.ThemedIcon.$gtype);
        expect(Gio.SimpleAction.find_property('enabled').default_value)
            .toBeTrue();
        expect(GObject.Object.find_property.call(Gio.Action, 'enabled').name)
            .toBe('enabled');
        expect(Gio.SimpleAction.find_property('no-such-property')).toBeNull();
    });

    it('are listed', function () {
        const names = Gio.SimpleAction.list_properties().map(p => p.name);
        expect(names).toContain('enabled');
        expect(names).toContain('parameter-type');
    });

    it('keep their wrapper while it lives', function () {
        const a = Gio.SimpleAction.find_property('enabled');
        const b = Gio.SimpleAction.find_property('enabled');
        expect(a).toBe(b);
        a.expando = 1;
        expect(Gio.SimpleAction.find_property('enabled').expando).toBe(1);
    });

    it('survive their wrappers being collected', function () {
        for (let i = 0; i < 200; i++)
            GObject.ParamSpec.int(`p${i}`, '', '', READABLE, 0, 10, 5);
        Gio.SimpleAction.find_property('state');
        System.gc();
        const spec = Gio.SimpleAction.find_property('state');
        expect(spec.name).toBe('state');
    });

    it('reach notify handlers', function () {
        const action = new Gio.SimpleAction({name: 'a'});
        let seen = null;
        action.connect('notify::enabled', (_object, pspec) => {
            seen = pspec;
        });
        action.enabled = false;
        expect(seen instanceof GObject.ParamSpec).toBeTrue();
        expect(seen).toBe(Gio.SimpleAction.find_property('enabled'));
    });

    it('marshal as arguments and results', function () {
        const spec = GIMarshallingTests.param_spec_return();
        expect(spec instanceof GObject.ParamSpec).toBeTrue();
        expect(spec.name).toBe('test-param');
        expect(spec.value_type).toBe(GObject.TYPE_STRING);
        expect(GIMarshallingTests.param_spec_out().name).toBe('test-param');
        expect(() => GIMarshallingTests.param_spec_in_bool(
            GObject.ParamSpec.boolean('mybool', 'My Bool',
                'My boolean property', READABLE, true))).not.toThrow();
        expect(() => GIMarshallingTests.param_spec_in_bool({}))
            .toThrowError(TypeError);
    });
});

describe('Regress.TestFundamentalObject', function () {
    it('is a class per fundamental type', function () {
        const fund = new Regress.TestFundamentalSubObject('plop');
        expect(fund instanceof Regress.TestFundamentalSubObject).toBeTrue();
        expect(fund instanceof Regress.TestFundamentalObject).toBeTrue();
        expect(fund instanceof GObject.Object).toBeFalse();
        expect(Regress.TestFundamentalSubObject.$gtype.name)
            .toBe('RegressTestFundamentalSubObject');
    });

    it('cannot pass for a GObject or a struct', function () {
        const fund = new Regress.TestFundamentalSubObject('plop');
        expect(() => GObject.Object.prototype.notify.call(fund, 'x'))
            .toThrowError(TypeError);
    });
});
