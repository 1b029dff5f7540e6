// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// Gtk overrides (Gtk 3 and 4): composite widget templates for classes
// registered with GObject.registerClass({Template, Children,
// InternalChildren, CssName}, ...), as GJS has them.
//
// Registration: a templated class gets an _instance_init() that calls
// init_template() (gi/subclass.c runs it while GObject builds the instance,
// where GTK wants it), then the class struct gets its CSS name, its template
// (a string, bytes, `resource:///` or `file://` URI) and its bound children.
// Signal handlers named in the template are methods of the object being
// built: Gtk 3 looks them up through the class's connect func (set per
// construction, so it knows the object), Gtk 4 through a BuilderScope.
// After construction, Children appear as properties of the instance
// (dashes as underscores) and InternalChildren with a leading underscore.

let Gtk;
let BuilderScope;

function _init() {
    Gtk = this;
    const {GObject} = imports.gi;

    Gtk.children = GObject.__gtkChildren__;
    Gtk.cssName = GObject.__gtkCssName__;
    Gtk.internalChildren = GObject.__gtkInternalChildren__;
    Gtk.template = GObject.__gtkTemplate__;

    // Gtk 4's sort functions get the two items as untyped pointers:
    // gi/compare-func.c calls the JS function with their wrappers, as
    // GJS's own C helper does.
    if (Gtk.CustomSorter) {
        const setSortFunc = imports._gi.customSorterSetSortFunc;
        Gtk.CustomSorter.new = function (sortFunc) {
            const sorter = new Gtk.CustomSorter();
            setSortFunc(sorter, sortFunc ?? null);
            return sorter;
        };
        Gtk.CustomSorter.prototype.set_sort_func = function (sortFunc) {
            setSortFunc(this, sortFunc ?? null);
        };
    }

    const widgetInit = GObject.Object.prototype._init;
    Object.defineProperty(Gtk.Widget.prototype, '_init', {
        value: function _init(params) {
            let wrapper = this;
            if (wrapper.constructor[Gtk.template] && !BuilderScope) {
                Gtk.Widget.set_connect_func.call(wrapper.constructor,
                    (builder, obj, signalName, handlerName, connectObj, flags) => {
                        const handler = makeHandler(wrapper, handlerName,
                            flags & GObject.ConnectFlags.SWAPPED, connectObj);
                        if (flags & GObject.ConnectFlags.AFTER)
                            obj.connect_after(signalName, handler);
                        else
                            obj.connect(signalName, handler);
                    });
            }
            wrapper = widgetInit.call(wrapper, params) ?? wrapper;
            if (wrapper.constructor[Gtk.template])
                defineChildren(this, wrapper.constructor);
            return wrapper;
        },
        writable: true, enumerable: false, configurable: true,
    });

    Object.defineProperty(Gtk.Widget, '_classInit', {
        value: function _classInit(klass) {
            return registerWidgetClass(klass, GObject);
        },
        writable: true, enumerable: false, configurable: true,
    });

    // Gtk 3: a child property's value as a GValue of the property's own
    // type (a JS null would otherwise be guessed as a pointer), as GJS's
    // override does.
    if (Gtk.Container?.prototype.child_set_property) {
        const setChildProperty = Gtk.Container.prototype.child_set_property;
        Object.defineProperty(Gtk.Container.prototype, 'child_set_property', {
            value: function child_set_property(child, property, value) {
                const pspec = Gtk.Container.find_child_property?.call(
                    this.constructor, property);
                if (pspec) {
                    value = imports._gi.valueOfType(pspec.value_type,
                        value);
                }
                return setChildProperty.call(this, child, property, value);
            },
            writable: true, enumerable: false, configurable: true,
        });
    }

    Gtk.defineChildren = defineChildren;
    defineLegacyWidgetClass(GObject);

    if (Gtk.Widget.prototype.get_first_child) {
        Object.defineProperty(Gtk.Widget.prototype, Symbol.iterator, {
            value: function* () {
                for (let c = this.get_first_child(); c; c = c.get_next_sibling())
                    yield c;
            },
            writable: true, enumerable: false, configurable: true,
        });
    }

    if (Gtk.BuilderScope) {
        BuilderScope = GObject.registerClass({
            GTypeName: 'SproutBuilderScope',
            Implements: [Gtk.BuilderScope],
        }, class BuilderScope extends GObject.Object {
            vfunc_create_closure(builder, handlerName, flags, connectObject) {
                return makeHandler(builder.get_current_object(), handlerName,
                    flags & Gtk.BuilderClosureFlags.SWAPPED, connectObject);
            }
        });
    }
}

function initTemplateOnInstanceInit(proto) {
    if (!Object.hasOwn(proto, '_instance_init')) {
        Object.defineProperty(proto, '_instance_init', {
            value() {
                this.init_template();
            },
            writable: true, enumerable: false, configurable: true,
        });
    }
}

function registerWidgetClass(klass, GObject) {
    if (klass[Gtk.template])
        initTemplateOnInstanceInit(klass.prototype);
    GObject.Object._classInit(klass);
    return setUpWidgetClass(klass, klass[Gtk.template], klass[Gtk.cssName],
        klass[Gtk.children], klass[Gtk.internalChildren]);
}

// Legacy classes (new Lang.Class({Extends: Gtk.Widget, Template, ...})):
// GtkWidgetClass, a GObject.Class metaclass.
function defineLegacyWidgetClass(GObject) {
    const Lang = imports.lang;
    const GtkWidgetClass = new Lang.Class({
        Name: 'GtkWidgetClass',
        Extends: GObject.Class,

        _init(params) {
            const {Template, CssName, Children, InternalChildren} = params;
            if (Template) {
                params = Object.create(Object.getPrototypeOf(params),
                    Object.getOwnPropertyDescriptors(params));
                if (!Object.hasOwn(params, '_instance_init')) {
                    params._instance_init = function () {
                        this.init_template();
                    };
                }
            }
            this.parent(params);
            setUpWidgetClass(this, Template, CssName, Children,
                InternalChildren);
            if (Template)
                this[Gtk.template] = Template;
            if (Children)
                this[Gtk.children] = Children;
            if (InternalChildren)
                this[Gtk.internalChildren] = InternalChildren;
        },
    });
    Object.defineProperty(Gtk.Widget.prototype, '__metaclass__', {
        value: GtkWidgetClass, writable: true, enumerable: false,
        configurable: true,
    });
}

function setUpWidgetClass(klass, template, cssName, children,
    internalChildren) {
    if (cssName)
        Gtk.Widget.set_css_name.call(klass, cssName);
    if (template) {
        setTemplate(klass, template);
        if (BuilderScope)
            Gtk.Widget.set_template_scope.call(klass, new BuilderScope());
    }
    for (const child of children ?? [])
        Gtk.Widget.bind_template_child_full.call(klass, child, false, 0);
    for (const child of internalChildren ?? [])
        Gtk.Widget.bind_template_child_full.call(klass, child, true, 0);
    return klass;
}

function setTemplate(klass, template) {
    const {GLib, Gio} = imports.gi;
    if (typeof template === 'string') {
        if (template.startsWith('resource:///')) {
            Gtk.Widget.set_template_from_resource.call(klass,
                template.slice('resource://'.length));
            return;
        }
        if (template.startsWith('file://')) {
            const [, contents] = Gio.File.new_for_uri(template)
                .load_contents(null);
            template = contents;
        } else {
            template = imports.byteArray.fromString(template);
        }
    }
    const bytes = template instanceof GLib.Bytes ? template
        : new GLib.Bytes(template);
    Gtk.Widget.set_template.call(klass, bytes);
}

// The handler a template names: a method of `thisArg`, bound to the
// template's connect object if it names one.
function makeHandler(thisArg, handlerName, swapped, connectObject) {
    connectObject ||= thisArg;
    if (swapped)
        throw new Error('Unsupported template signal flag "swapped"');
    if (typeof thisArg[handlerName] === 'undefined') {
        throw new Error(`A handler called ${handlerName} was not defined ` +
            `on ${thisArg}`);
    }
    return thisArg[handlerName].bind(connectObject);
}

function defineChildren(instance, constructor, target = instance) {
    for (const child of constructor[Gtk.children] ?? []) {
        target[child.replace(/-/g, '_')] =
            instance.get_template_child(constructor, child);
    }
    for (const child of constructor[Gtk.internalChildren] ?? []) {
        target[`_${child.replace(/-/g, '_')}`] =
            instance.get_template_child(constructor, child);
    }
}
