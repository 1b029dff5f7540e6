// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// A small Gtk 4 to-do list: a Gtk.Application whose window is a composite
// widget built from a template, a GObject subclass for the items (with
// properties), a Gio.ListStore as the model behind a Gtk.ListBox, and a
// custom signal. Runs unchanged under gjs.
//
//   sprout examples/todo/main.js                 interactive
//   sprout examples/todo/main.js --self-test     adds items as a user would,
//       checks the widget tree, prints a report and exits (used by the
//       tests; needs a display, e.g. xvfb-run); --screenshot=FILE.png also
//       saves what the window shows.
imports.gi.versions.Gtk = '4.0';
const {Gio, GLib, GObject, Gtk} = imports.gi;

const TodoItem = GObject.registerClass({
    GTypeName: 'TodoItem',
    Properties: {
        'title': GObject.ParamSpec.string('title', 'Title', 'What to do',
            GObject.ParamFlags.READWRITE, ''),
        'done': GObject.ParamSpec.boolean('done', 'Done', 'Whether it is done',
            GObject.ParamFlags.READWRITE, false),
    },
}, class TodoItem extends GObject.Object {});

const windowTemplate = `
<interface>
  <template class="TodoWindow" parent="GtkApplicationWindow">
    <property name="title">To do</property>
    <property name="default-width">360</property>
    <property name="default-height">420</property>
    <child>
      <object class="GtkBox" id="content">
        <property name="orientation">vertical</property>
        <property name="spacing">6</property>
        <property name="margin-top">12</property>
        <property name="margin-bottom">12</property>
        <property name="margin-start">12</property>
        <property name="margin-end">12</property>
        <child>
          <object class="GtkBox">
            <property name="spacing">6</property>
            <child>
              <object class="GtkEntry" id="entry">
                <property name="hexpand">true</property>
                <property name="placeholder-text">Something to do</property>
                <signal name="activate" handler="onAdd"/>
              </object>
            </child>
            <child>
              <object class="GtkButton" id="add-button">
                <property name="label">Add</property>
                <signal name="clicked" handler="onAdd"/>
              </object>
            </child>
          </object>
        </child>
        <child>
          <object class="GtkListBox" id="list">
            <property name="vexpand">true</property>
            <property name="selection-mode">none</property>
          </object>
        </child>
        <child>
          <object class="GtkLabel" id="status">
            <property name="xalign">0</property>
          </object>
        </child>
      </object>
    </child>
  </template>
</interface>`;

const TodoWindow = GObject.registerClass({
    GTypeName: 'TodoWindow',
    // Bytes: GJS 1.74 takes a template string only as a resource or file URI.
    Template: imports.byteArray.fromString(windowTemplate),
    Children: ['add-button'],
    InternalChildren: ['entry', 'list', 'status'],
    Properties: {
        'remaining': GObject.ParamSpec.int('remaining', 'Remaining',
            'Items not done yet', GObject.ParamFlags.READABLE, 0, 1e6, 0),
    },
    Signals: {
        'item-added': {param_types: [TodoItem.$gtype]},
    },
}, class TodoWindow extends Gtk.ApplicationWindow {
    constructor(params) {
        super(params);
        this.model = new Gio.ListStore({item_type: TodoItem.$gtype});
        this._list.bind_model(this.model, item => this._makeRow(item));
        this.model.connect('items-changed', () => this._update());
        this._update();
    }

    get remaining() {
        let count = 0;
        for (let i = 0; i < this.model.get_n_items(); i++)
            count += this.model.get_item(i).done ? 0 : 1;
        return count;
    }

    addItem(title) {
        const item = new TodoItem({title});
        item.connect('notify::done', () => this._update());
        this.model.append(item);
        this.emit('item-added', item);
        return item;
    }

    onAdd() {
        const title = this._entry.get_text().trim();
        if (title === '')
            return;
        this.addItem(title);
        this._entry.set_text('');
    }

    _makeRow(item) {
        const check = new Gtk.CheckButton();
        item.bind_property('title', check, 'label',
            GObject.BindingFlags.SYNC_CREATE);
        item.bind_property('done', check, 'active',
            GObject.BindingFlags.SYNC_CREATE | GObject.BindingFlags.BIDIRECTIONAL);
        return check;
    }

    _update() {
        const total = this.model.get_n_items();
        this._status.label = `${this.remaining} of ${total} left`;
        this.notify('remaining');
    }
});

// --- self-test: act as a user, then check what the window shows ----------

function* descendants(widget) {
    for (let child = widget.get_first_child(); child;
        child = child.get_next_sibling()) {
        yield child;
        yield* descendants(child);
    }
}

// Renders the window's content as it is on screen into a PNG file.
function saveScreenshot(window, path) {
    const content = window.get_child();
    const width = content.get_width(), height = content.get_height();
    const snapshot = Gtk.Snapshot.new();
    window.snapshot_child(content, snapshot);
    const node = snapshot.to_node();
    if (!node)
        throw new Error('The window has not been drawn yet');
    const texture = window.get_native().get_renderer().render_texture(node, null);
    texture.save_to_png(path);
    return `${width}x${height}`;
}

function selfTest(window) {
    const added = [];
    window.connect('item-added', (w, item) => added.push(item.title));
    for (const title of ['Water the plants', 'Write the report', 'Call home']) {
        window._entry.set_text(title);
        window.add_button.emit('clicked');
    }
    window._entry.set_text('   ');
    window._entry.emit('activate'); // blank: ignored
    window.model.get_item(1).done = true;

    const checks = [...descendants(window._list)]
        .filter(w => w instanceof Gtk.CheckButton);
    const report = {
        title: window.title,
        rows: checks.map(c => `${c.active ? '[x]' : '[ ]'} ${c.label}`),
        status: window._status.label,
        remaining: window.remaining,
        signalled: added,
    };
    checks[2].active = true; // the user ticks a box: the model follows
    report.afterClick = window.model.get_item(2).done;
    report.statusAfterClick = window._status.label;
    print(JSON.stringify(report, null, 2));
    const ok = report.rows.length === 3 && report.rows[1] === '[x] Write the report' &&
        report.status === '2 of 3 left' && report.afterClick &&
        report.statusAfterClick === '1 of 3 left' && added.length === 3;
    print(ok ? 'SELF-TEST OK' : 'SELF-TEST FAILED');
    return ok;
}

const app = new Gtk.Application({
    application_id: 'org.gnome.Sprout.Examples.Todo',
    flags: Gio.ApplicationFlags.NON_UNIQUE,
});
const testing = ARGV.includes('--self-test');
const screenshotArg = ARGV.find(a => a.startsWith('--screenshot='));
let exitCode = 0;
app.connect('activate', () => {
    const window = new TodoWindow({application: app});
    window.present();
    if (testing) {
        // Once the window is mapped and laid out.
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 300, () => {
            try {
                exitCode = selfTest(window) ? 0 : 1;
            } catch (e) {
                logError(e, 'Self-test');
                exitCode = 1;
            }
            // The screenshot once GTK has laid out and drawn the new rows.
            GLib.timeout_add(GLib.PRIORITY_DEFAULT, 300, () => {
                try {
                    if (screenshotArg) {
                        const path = screenshotArg.split('=')[1];
                        print(`Screenshot ${saveScreenshot(window, path)} in ${path}`);
                    }
                } catch (e) {
                    logError(e, 'Screenshot');
                    exitCode = 1;
                }
                app.quit();
                return GLib.SOURCE_REMOVE;
            });
            return GLib.SOURCE_REMOVE;
        });
    }
});
app.run([imports.system.programInvocationName]);
imports.system.exit(exitCode);
