// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported addSignalMethods, WithSignals */
//
// signals.js (imports.signals): GJS's signal methods for plain JS objects.
// addSignalMethods(proto) gives objects connect(), connectAfter(),
// disconnect(), disconnectAll(), emit() and signalHandlerIsConnected(). Ids
// are per object and start at 1. emit() calls handlers with the emitter first
// and stops at the first handler that returns true; a handler that throws is
// logged with its stack and the emission goes on.

function _connectFull(name, callback, after) {
    if (typeof name !== 'string')
        throw new TypeError('connect(): signal name must be a string');
    if (typeof callback !== 'function')
        throw new TypeError('connect(): callback must be a function');

    if (this._signalConnections === undefined) {
        Object.defineProperty(this, '_signalConnections', {
            value: [], writable: true, configurable: true, enumerable: false,
        });
        Object.defineProperty(this, '_nextConnectionId', {
            value: 1, writable: true, configurable: true, enumerable: false,
        });
    }

    const id = this._nextConnectionId;
    this._nextConnectionId += 1;
    this._signalConnections.push({id, name, callback, after, disconnected: false});
    return id;
}

function _connect(name, callback) {
    return _connectFull.call(this, name, callback, false);
}

function _connectAfter(name, callback) {
    return _connectFull.call(this, name, callback, true);
}

function _disconnect(id) {
    const connections = this._signalConnections ?? [];
    const index = connections.findIndex(connection => connection.id === id);
    if (index === -1)
        throw new Error(`No signal connection ${id} found`);
    const [connection] = connections.splice(index, 1);
    connection.disconnected = true;
}

function _signalHandlerIsConnected(id) {
    const connections = this._signalConnections ?? [];
    return connections.some(connection =>
        connection.id === id && !connection.disconnected);
}

function _disconnectAll() {
    const connections = this._signalConnections ?? [];
    for (const connection of connections)
        connection.disconnected = true;
    connections.length = 0;
}

function _emit(name, ...args) {
    const connections = this._signalConnections;
    if (connections === undefined)
        return;

    // Handlers connected or disconnected during the emission do not change
    // who is called now; a disconnected one is skipped.
    const handlers = connections.filter(c => c.name === name && !c.after)
        .concat(connections.filter(c => c.name === name && c.after));
    for (const connection of handlers) {
        if (connection.disconnected)
            continue;
        try {
            if (connection.callback(this, ...args) === true)
                break;
        } catch (e) {
            logError(e, `Exception in callback for signal: ${name}`);
        }
    }
}

function addSignalMethods(proto) {
    const methods = {
        connect: _connect,
        connectAfter: _connectAfter,
        disconnect: _disconnect,
        emit: _emit,
        signalHandlerIsConnected: _signalHandlerIsConnected,
        disconnectAll: _disconnectAll,
    };
    // Plain assignments, as GJS makes them; replacing another method of
    // the same name is logged, as GJS logs it.
    for (const [name, method] of Object.entries(methods)) {
        if (proto[name] && proto[name] !== method)
            log(`WARNING: addSignalMethods is replacing existing ${proto} ${name} method`);
        proto[name] = method;
    }
}

var WithSignals = class WithSignals {};
addSignalMethods(WithSignals.prototype);
