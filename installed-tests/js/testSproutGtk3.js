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

describe('A templated Gtk 3 widget class defined in JS', function () {
    const {GObject} = imports.gi;
    const ui = `<interface>
      <template class="SproutSpecPanel" parent="GtkBox">
        <property name="spacing">4</property>
        <child>
          <object class="GtkButton" id="go-button">
            <property name="label">Go</property>
            <signal name="clicked" handler="onGo" swapped="no"/>
          </object>
        </child>
        <child>
          <object class="GtkLabel" id="status">
            <property name="label">idle</property>
          </object>
        </child>
      </template>
    </interface>`;

    const Panel = GObject.registerClass({
        GTypeName: 'SproutSpecPanel',
        Template: ui,
        Children: ['go-button'],
        InternalChildren: ['status'],
        CssName: 'sprout-panel',
        Properties: {
            'clicks': GObject.ParamSpec.int('clicks', 'Clicks', 'Times clicked',
                GObject.ParamFlags.READWRITE, 0, 100, 0),
        },
    }, class Panel extends Gtk.Box {
        onGo(button) {
            this.clicks++;
            this._status.label = `clicked by ${button.label}`;
        }
    });

    it('builds its children from the template and binds them', function () {
        const panel = new Panel();
        expect(panel.go_button instanceof Gtk.Button).toBeTrue();
        expect(panel._status.label).toBe('idle');
        expect(panel.spacing).toBe(4);
        expect(panel.get_children().length).toBe(2);
        expect(Panel.get_css_name()).toBe('sprout-panel');
    });

    it('connects template signal handlers to the instance', function () {
        const panel = new Panel();
        panel.go_button.clicked();
        expect(panel.clicks).toBe(1);
        expect(panel._status.label).toBe('clicked by Go');
    });

    it('is built through its JS constructor when GtkBuilder makes it', function () {
        const builder = Gtk.Builder.new_from_string(`<interface>
          <object class="SproutSpecPanel" id="panel">
            <property name="clicks">3</property>
          </object>
        </interface>`, -1);
        const panel = builder.get_object('panel');
        expect(panel instanceof Panel).toBeTrue();
        expect(panel.clicks).toBe(3);
        expect(panel._status.label).toBe('idle');
        panel.go_button.clicked();
        expect(panel.clicks).toBe(4);
    });
});

describe('An object that gets a wrapper while it is being constructed', function () {
    it('keeps that wrapper: the constructor returns it', function () {
        const frame = new Gtk.Frame();
        let added = null;
        frame.connect('add', (_frame, child) => (added = child));
        const label = new Gtk.Label({parent: frame});
        expect(label).toBe(added);
        label.show();
        expect(added.visible).toBeTrue();
    });
});

describe('Gdk.Atom', function () {
    it('is a string in and out, null for GDK_NONE (as in GJS)', function () {
        const {Gdk} = imports.gi;
        expect(Gdk.Atom.intern('CLIPBOARD', false)).toBe('CLIPBOARD');
        expect(Gdk.Atom.intern('NONE', false)).toBeNull();
        expect(Gtk.Clipboard.get('CLIPBOARD')).toBe(Gtk.Clipboard.get('CLIPBOARD'));
        expect(Gtk.Clipboard.get('NONE')).toBe(Gtk.Clipboard.get(null));
        expect(() => Gtk.Clipboard.get(1)).toThrowError(TypeError, /Gdk.Atom/);
    });
});

describe('Gtk.Container.child_set_property', function () {
    it("converts the value to the child property's own type (null included)", function () {
        const stack = new Gtk.Stack();
        const box = new Gtk.Box();
        stack.add_named(box, 'foo');
        expect(stack.get_child_by_name('foo')).toBe(box);
        stack.child_set_property(box, 'name', null);
        expect(stack.get_child_by_name('foo')).toBeNull();
        stack.child_set_property(box, 'name', 'bar');
        expect(stack.get_child_by_name('bar')).toBe(box);
    });
});
