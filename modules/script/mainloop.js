// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported _mainLoops, idle_add, idle_source, quit, run, source_remove,
   timeout_add, timeout_add_seconds, timeout_seconds_source, timeout_source */
//
// mainloop.js (imports.mainloop): GJS's legacy main loop helpers, a thin
// layer over GLib.
//
// Named loops: run(name) looks `name` up in the _mainLoops table, creating a
// GLib.MainLoop on the default context the first time, and runs it (this
// blocks until the loop quits). quit(name) takes the loop out of the table
// and quits it, so every quit() matches one run(); quitting a name that is
// not in the table throws. A name may be any value usable as a property key;
// run() and quit() without one share the loop named "undefined".
//
// Sources: idle_add(), timeout_add() and timeout_add_seconds() attach a
// source to the default main context and return its id; the handler runs
// again for as long as it returns true. Their priorities default to
// GLib.PRIORITY_DEFAULT_IDLE (idle) and GLib.PRIORITY_DEFAULT (timeouts).
// idle_source(), timeout_source() and timeout_seconds_source() build the
// same sources without attaching them (call source.attach(context)).
// source_remove(id) removes an attached source by id and returns whether
// one was found.

const GLib = imports.gi.GLib;

var _mainLoops = {};

function run(name) {
    let loop = _mainLoops[name];
    if (!loop) {
        loop = GLib.MainLoop.new(null, false);
        _mainLoops[name] = loop;
    }
    loop.run();
}

function quit(name) {
    const loop = _mainLoops[name];
    if (!loop)
        throw new Error('No main loop with this id');
    delete _mainLoops[name];
    loop.quit();
}

function _checkHandler(caller, handler) {
    if (typeof handler !== 'function')
        throw new TypeError(`${caller}(): the handler must be a function`);
}

function _prepareSource(source, handler, priority) {
    if (priority !== undefined)
        source.set_priority(priority);
    source.set_callback(handler);
    return source;
}

function idle_source(handler, priority) {
    _checkHandler('idle_source', handler);
    return _prepareSource(GLib.idle_source_new(), handler, priority);
}

function idle_add(handler, priority) {
    _checkHandler('idle_add', handler);
    return GLib.idle_add(priority ?? GLib.PRIORITY_DEFAULT_IDLE, handler);
}

function timeout_source(timeout, handler, priority) {
    _checkHandler('timeout_source', handler);
    return _prepareSource(GLib.timeout_source_new(timeout), handler,
        priority);
}

function timeout_seconds_source(timeout, handler, priority) {
    _checkHandler('timeout_seconds_source', handler);
    return _prepareSource(GLib.timeout_source_new_seconds(timeout), handler,
        priority);
}

function timeout_add(timeout, handler, priority) {
    _checkHandler('timeout_add', handler);
    return GLib.timeout_add(priority ?? GLib.PRIORITY_DEFAULT, timeout,
        handler);
}

function timeout_add_seconds(timeout, handler, priority) {
    _checkHandler('timeout_add_seconds', handler);
    return GLib.timeout_add_seconds(priority ?? GLib.PRIORITY_DEFAULT,
        timeout, handler);
}

function source_remove(id) {
    return GLib.source_remove(id);
}
