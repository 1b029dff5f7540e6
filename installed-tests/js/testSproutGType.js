// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for GType objects: GObject.TYPE_*, $gtype of classes, GObject.Type,
// and GTypes as arguments, results and GValues.

const {GIMarshallingTests, Gio, GObject} = imports.gi;

describe('GType objects', function () {
    const names = {
        NONE: 'void', INTERFACE: 'GInterface', CHAR: 'gchar', UCHAR: 'guchar',
        BOOLEAN: 'gboolean', INT: 'gint', UINT: 'guint', LONG: 'glong',
        ULONG: 'gulong', INT64: 'gint64', UINT64: 'guint64', ENUM: 'GEnum',
        FLAGS: 'GFlags', FLOAT: 'gfloat', DOUBLE: 'gdouble',
        STRING: 'gchararray', POINTER: 'gpointer', BOXED: 'GBoxed',
        PARAM: 'GParam', OBJECT: 'GObject', GTYPE: 'GType',
        VARIANT: 'GVariant', STRV: 'GStrv', JSOBJECT: 'JSObject',
        UNICHAR: 'gint',
    };

    for (const [constant, name] of Object.entries(names)) {
        it(`GObject.TYPE_${constant} is ${name}`, function () {
            const gtype = GObject[`TYPE_${constant}`];
            expect(gtype.name).toBe(name);
            expect(String(gtype)).toBe(`[object GType for '${name}']`);
            expect(gtype).toBe(GObject.type_from_name(name));
        });
    }

    it('have a read-only name on the prototype', function () {
        expect(Object.getOwnPropertyNames(GObject.TYPE_STRING)).toEqual([]);
        expect(() => {
            'use strict';
            GObject.TYPE_STRING.name = 'foo';
        }).toThrowError(TypeError);
        delete GObject.TYPE_STRING.name;
        expect(GObject.TYPE_STRING.name).toBe('gchararray');
    });

    it('are instances of GObject.Type', function () {
        expect(GObject.TYPE_INT instanceof GObject.Type).toBeTrue();
        expect(GObject.Type('GObject')).toBe(GObject.TYPE_OBJECT);
        expect(GObject.Type('NoSuchType')).toBeNull();
    });

    it('are the $gtype of classes, interfaces, enums and structs', function () {
        expect(GObject.Object.$gtype).toBe(GObject.TYPE_OBJECT);
        expect(Gio.SimpleAction.$gtype.name).toBe('GSimpleAction');
        expect(Gio.Action.$gtype.name).toBe('GAction');
        expect(Gio.FileType.$gtype.name).toBe('GFileType');
        expect(GIMarshallingTests.BoxedStruct.$gtype.name)
            .toBe('GIMarshallingTestsBoxedStruct');
        expect(new Gio.SimpleAction({name: 'a'}).constructor.$gtype)
            .toBe(Gio.SimpleAction.$gtype);
    });

    it('map the JS constructors as GJS does', function () {
        expect(String.$gtype).toBe(GObject.TYPE_STRING);
        expect(Number.$gtype).toBe(GObject.TYPE_DOUBLE);
        expect(Boolean.$gtype).toBe(GObject.TYPE_BOOLEAN);
        expect(Object.$gtype).toBe(GObject.TYPE_JSOBJECT);
        expect(GObject.Int.$gtype).toBe(GObject.TYPE_INT);
        expect(GObject.VoidType.$gtype).toBe(GObject.TYPE_NONE);
        expect(GObject.String).toBe(String);
    });
});

describe('GType marshalling', function () {
    it('returns GType objects, and null for the invalid type', function () {
        expect(GIMarshallingTests.gtype_return()).toBe(GObject.TYPE_NONE);
        expect(GIMarshallingTests.gtype_string_return())
            .toBe(GObject.TYPE_STRING);
        expect(GObject.type_from_name('NonexistentType')).toBeNull();
        expect(GObject.type_parent(GObject.TYPE_STRING)).toBeNull();
        expect(GObject.type_parent(Gio.SimpleAction.$gtype))
            .toBe(GObject.TYPE_OBJECT);
    });

    it('takes GType objects, classes and JS constructors', function () {
        expect(() => GIMarshallingTests.gtype_in(GObject.TYPE_NONE))
            .not.toThrow();
        expect(() => GIMarshallingTests.gtype_in(GObject.VoidType))
            .not.toThrow();
        expect(() => GIMarshallingTests.gtype_string_in(String)).not.toThrow();
        expect(GObject.type_name(Gio.SimpleAction)).toBe('GSimpleAction');
        expect(GObject.type_name(GObject.TYPE_INT)).toBe('gint');
        expect(GIMarshallingTests.gtype_inout(GObject.TYPE_NONE))
            .toBe(GObject.TYPE_INT);
        expect(() => GObject.type_name('gint')).toThrowError(TypeError);
        expect(() => GObject.type_name(80)).toThrowError(TypeError);
    });

    it('goes through GValues as GType objects', function () {
        const store = new Gio.ListStore({itemType: Gio.SimpleAction});
        expect(store.item_type).toBe(Gio.SimpleAction.$gtype);
        expect(new Gio.ListStore({itemType: GObject.Type('GSimpleAction')})
            .itemType).toBe(Gio.SimpleAction.$gtype);
    });
});
