// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Transfer-full values in and out, many times: what Sprout frees. And
// GObject wrappers made and dropped every way (by `new`, by C, of JS types,
// with handler cycles, lazy ones of objects C holds): their collection
// must release their objects.
const {GIMarshallingTests: G, GLib, GObject, Gio} = imports.gi;
const n = Number(ARGV[0] ?? 10);
const Sub = GObject.registerClass({
    Properties: {
        x: GObject.ParamSpec.int('x', 'x', 'x', GObject.ParamFlags.READWRITE,
            0, 1e9, 0),
    },
}, class LeakSub extends GObject.Object {});
const store = Gio.ListStore.new(GObject.Object);
for (let i = 0; i < n; i++) {
    G.utf8_full_return();
    G.utf8_full_out();
    G.array_utf8_full_return?.();
    G.garray_utf8_full_return();
    G.gptrarray_utf8_full_return();
    G.glist_utf8_full_return();
    G.gslist_utf8_full_return();
    G.ghashtable_utf8_full_return();
    G.gstrv_return?.();
    G.boxed_struct_returnv();
    G.gvalue_return();
    G.bytearray_full_return();
    G.gbytes_full_return();
    G.gerror_return();
    G.utf8_none_in('const ♥ utf8');
    G.array_in([-1, 0, 1, 2]);
    GLib.get_environ();
    GLib.build_filenamev(['a', 'b']);
    new GLib.Variant('a{sv}', {a: new GLib.Variant('s', 'x')}).deepUnpack();
    Gio.File.new_for_path('/tmp').get_path();
    const action = new Gio.SimpleAction({name: 'leak'});
    action.connect('activate', () => action.get_name());
    Gio.SimpleAction.new('c', null).get_name();
    new Sub({x: i}).x++;
    store.append(Gio.SimpleAction.new(`held${i}`, null));
    if (i % 4 === 3)
        store.remove_all();
    new Gio.SimpleAction({name: 'disposed'}).run_dispose();
}
store.remove_all();
const context = GLib.MainContext.default();
for (let i = 0; i < 3; i++) {
    imports.system.gc();
    while (context.pending())
        context.iteration(false);
}
print('workload done');
