// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs that need a display (run under xvfb-run): Gtk 4 list models.
imports.gi.versions.Gtk = '4.0';
const {GObject, Gio, Gtk} = imports.gi;

const Item = GObject.registerClass({
    Properties: {
        label: GObject.ParamSpec.string('label', '', '',
            GObject.ParamFlags.READWRITE, ''),
    },
}, class SproutGtk4Item extends GObject.Object {});

function storeOf(labels) {
    const store = new Gio.ListStore({item_type: Item});
    for (const label of labels)
        store.append(new Item({label}));
    return store;
}

const labelsOf = model => [...Array(model.get_n_items()).keys()]
    .map(i => model.get_item(i).label);

describe('Gtk 4 custom sorters', function () {
    beforeAll(function () {
        Gtk.init();
    });

    // The sort function gets the two items, which GI describes as untyped
    // pointers (gi/compare-func.c), as GJS passes them.
    it('call the JS sort function with the items', function () {
        const byLabel = (a, b) => a.label.localeCompare(b.label);
        const sorted = new Gtk.SortListModel({
            model: storeOf(['b', 'c', 'a']),
            sorter: Gtk.CustomSorter.new(byLabel),
        });
        expect(labelsOf(sorted)).toEqual(['a', 'b', 'c']);
        sorted.sorter.set_sort_func((a, b) => -byLabel(a, b));
        expect(labelsOf(sorted)).toEqual(['c', 'b', 'a']);
        sorted.sorter.set_sort_func(null);
        expect(labelsOf(sorted)).toEqual(['b', 'c', 'a']);
    });

    it('reject what is not a function', function () {
        expect(() => new Gtk.CustomSorter().set_sort_func(42))
            .toThrowError(TypeError);
    });
});
