// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Transfer-full values in and out, many times: what Sprout frees.
const {GIMarshallingTests: G, GLib, Gio} = imports.gi;
const n = Number(ARGV[0] ?? 10);
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
}
imports.system.gc();
print('workload done');
