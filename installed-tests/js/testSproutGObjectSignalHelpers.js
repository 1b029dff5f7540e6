// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the signal helpers of the GObject override (GJS 1.74's):
// signal_connect(), signal_emit_by_name(), signal_handler_find(),
// signal_handlers_*_matched() with a match object, the *_by_func() macros
// and signal_handlers_disconnect_by_data().

const {GObject, Gio} = imports.gi;

describe('GObject signal helpers', function () {
    let action, handler, other;
    beforeEach(function () {
        action = new Gio.SimpleAction({name: 'helpers'});
        handler = jasmine.createSpy('handler');
        other = jasmine.createSpy('other');
    });

    it('connect and emit through GObject functions', function () {
        const id = GObject.signal_connect(action, 'activate', handler);
        GObject.signal_connect_after(action, 'activate', other);
        GObject.signal_emit_by_name(action, 'activate', null);
        expect(id).toBeGreaterThan(0);
        expect(handler).toHaveBeenCalledOnceWith(action, null);
        expect(other).toHaveBeenCalledTimes(1);
    });

    it('find a handler by function, signal or detail', function () {
        const id = action.connect('activate', handler);
        const notifyId = action.connect('notify::enabled', other);
        expect(GObject.signal_handler_find(action, {func: handler})).toBe(id);
        expect(GObject.signal_handler_find(action, {signalId: 'notify'}))
            .toBe(notifyId);
        expect(GObject.signal_handler_find(action, {detail: 'enabled'}))
            .toBe(notifyId);
        expect(GObject.signal_handler_find(action, {func: () => {}})).toBe(0);
        expect(GObject.signal_handler_find(action,
            {signalId: 'activate', func: other})).toBe(0);
    });

    it('block and unblock handlers by function', function () {
        action.connect('activate', handler);
        action.connect('activate', handler);
        action.connect('activate', other);
        expect(GObject.signal_handlers_block_by_func(action, handler)).toBe(2);
        action.emit('activate', null);
        expect(handler).not.toHaveBeenCalled();
        expect(other).toHaveBeenCalledTimes(1);
        expect(GObject.signal_handlers_unblock_by_func(action, handler)).toBe(2);
        action.emit('activate', null);
        expect(handler).toHaveBeenCalledTimes(2);
    });

    it('block, unblock and disconnect with a match object', function () {
        action.connect('activate', handler);
        expect(GObject.signal_handlers_block_matched(action,
            {signalId: 'activate', func: handler})).toBe(1);
        action.emit('activate', null);
        expect(GObject.signal_handlers_unblock_matched(action,
            {func: handler})).toBe(1);
        // GLib matches these only with a closure (func) in the mask.
        expect(GObject.signal_handlers_disconnect_matched(action,
            {signalId: 'activate'})).toBe(0);
        expect(GObject.signal_handlers_disconnect_matched(action,
            {signalId: 'activate', func: handler})).toBe(1);
        action.emit('activate', null);
        expect(handler).not.toHaveBeenCalled();
    });

    it('disconnect handlers by function', function () {
        action.connect('activate', handler);
        action.connect('activate', other);
        expect(GObject.signal_handlers_disconnect_by_func(action, handler))
            .toBe(1);
        expect(GObject.signal_handlers_disconnect_by_func(action, handler))
            .toBe(0);
        action.emit('activate', null);
        expect(handler).not.toHaveBeenCalled();
        expect(other).toHaveBeenCalledTimes(1);
    });

    it('refuse an empty match and a function that is not one', function () {
        expect(() => GObject.signal_handler_find(action, {}))
            .toThrowError(TypeError, /at least one of signalId, detail, or func/);
        expect(() => GObject.signal_handlers_block_matched(action, {func: 5}))
            .toThrowError(TypeError, /'func' property must be a function/);
    });

    it('throw for signal_handlers_disconnect_by_data()', function () {
        expect(() => GObject.signal_handlers_disconnect_by_data(action, null))
            .toThrowError(/not introspectable/);
    });
});
