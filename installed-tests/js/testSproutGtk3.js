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

    it('warns, as GJS does, when a destroyed window is used', function () {
        const GLib = imports.gi.GLib;
        const window = new Gtk.Window({type: Gtk.WindowType.TOPLEVEL});
        window.destroy();
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_CRITICAL,
            'Object Gtk.Window (0x* disposed *');
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_CRITICAL,
            'Object Gtk.Window (0x* disposed *');
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_CRITICAL,
            'Object Gtk.Window (0x* disposed *');
        GLib.test_expect_message('Gjs', GLib.LogLevelFlags.LEVEL_CRITICAL,
            'Object Gtk.Window (0x* disposed *');
        window.set_title('later');
        window.expando = 'expando';
        window.title = 'later still';
        expect(window.title).toBe('later still');
        expect(window.expando).toBe('expando');
        GLib.test_assert_expected_messages_internal('Gjs', 'testSproutGtk3.js', 0,
            'disposed window');
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
