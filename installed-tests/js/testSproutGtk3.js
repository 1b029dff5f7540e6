// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs that need a display (run under xvfb-run): Gtk 3 objects.
imports.gi.versions.Gtk = '3.0';
const {Gtk} = imports.gi;

describe('A Gtk 3 window', function () {
    beforeAll(function () {
        Gtk.init(null);
    });

    it('stays valid in JS after destroy() (GtkWindow keeps the ref g_object_new returns)', function () {
        const window = new Gtk.Window({type: Gtk.WindowType.TOPLEVEL});
        window.set_title('still here');
        window.destroy();
        expect(window instanceof Gtk.Window).toBeTrue();
        expect(window.get_title()).toBe('still here');
    });

    it('holds widgets added to it', function () {
        const window = new Gtk.Window({type: Gtk.WindowType.TOPLEVEL});
        const label = new Gtk.Label({label: 'hello'});
        window.add(label);
        expect(window.get_child()).toBe(label);
        expect(label.get_parent()).toBe(window);
        expect(label.label).toBe('hello');
        window.destroy();
    });
});
