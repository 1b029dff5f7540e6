// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Sprout's C code that makes several JS values in a row, run with a
// collection every few allocations (JSC_slowPathAllocsBetweenGCs, set by
// meson.build). Values kept meanwhile in a malloc'd C array, where the
// collector does not look, were freed: importing GObject (its instance
// fields), defining struct fields, list_properties() and strv GValues
// crashed.
const {GLib, GObject, Gio} = imports.gi;
const action = new Gio.SimpleAction({name: 'stress'});
if (action.ref_count < 1)
    throw new Error('GObject.Object fields are broken');
const entry = new GLib.DebugKey({value: 3});
if (entry.value !== 3)
    throw new Error('struct fields are broken');
const props = Gio.SimpleAction.list_properties();
if (props.length < 5)
    throw new Error(`list_properties() gave ${props.length} properties`);
const value = new GObject.Value();
value.init(GObject.type_from_name('GStrv'));
value.set_boxed(['a', 'b', 'c', 'd', 'e', 'f']);
if (value.get_boxed().join('') !== 'abcdef')
    throw new Error('strv GValue is broken');
print('ok');
