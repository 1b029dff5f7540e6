// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported bind, Class, copyProperties, copyPublicProperties,
   countProperties, getMetaClass, getPropertyDescriptor, Interface */
//
// lang.js (imports.lang): GJS's pre-ES6 helpers and its legacy class system.
//
// Helpers: countProperties() counts what for-in sees; copyProperties() and
// copyPublicProperties() copy property descriptors (so accessors survive),
// the latter skipping names that start with '_'; bind() binds `this` and
// appends extra arguments after the call's own.
//
// Classes: `new Lang.Class({Name, Extends, Implements, Abstract, ...})`
// returns a constructor function whose prototype chain goes through
// Lang.Class.prototype (so the class is an instance of Lang.Class, or of the
// metaclass that made it). Constructing an instance calls
// this._construct(...args), which by default calls this._init(...args) and
// returns `this`; a _construct override may return another object. Classes
// without Extends inherit from _Base, which provides the default _construct,
// an empty _init, parent() and toString() ("[object Name]").
//
// Every function in the definition is put on the prototype through
// wrapFunction(name, fn): the wrapper records itself in this.__caller__
// (non-enumerable, restored on return) so that this.parent(...args) can find
// the method of the same name on the owning class's __super__.prototype.
// Accessors are copied as descriptors. As in GJS, prototype members are
// enumerable and non-configurable, the class's __name__ is its metaclass's
// ("Class") and its prototype's is its Name, and String(klass) is
// "[object Class for Name]".
//
// Metaclasses: a class made with `Extends: Lang.Class` is a metaclass; its
// _init(params) runs on each new class (a function) and chains to
// Lang.Class.prototype._init with this.parent(params). new Lang.Class()
// whose Extends was made by a metaclass is redirected to that metaclass (see
// getMetaClass()). Two hooks exist for the legacy GObject classes: a parent
// whose prototype has a `__metaclass__` function uses that metaclass, and an
// interface whose Requires names a class whose metaclass (or one of that
// metaclass's __super__ chain) has a `MetaInterface` is made by it.
//
// Interfaces: `new Lang.Interface({Name, Requires, ...})` is an object (not
// a constructor) with a `prototype` holding the definition, and a generic
// function per method: Iface.method(obj, ...args) calls
// Iface.prototype.method on obj. Members set to Lang.Interface.UNIMPLEMENTED
// are required. A class listing an interface in Implements gets the
// interface's other members as defaults where neither its definition nor its
// parent's prototype chain has them (so an inherited member, even another
// interface's default, wins, as in GJS); among the listed interfaces the last
// one's default wins. Each interface's Requires
// must be satisfied by the parent or by interfaces listed before it, and
// required classes must be ancestors. Implements may also name a plain
// constructor (such as Signals.WithSignals), whose prototype is mixed in the
// same way; GI types (with $gtype) are only recorded.

function countProperties(obj) {
    let count = 0;
    // eslint-disable-next-line no-unused-vars
    for (const unused in obj)
        count++;
    return count;
}

// The descriptor of obj's own or inherited property key, or undefined.
function getPropertyDescriptor(obj, key) {
    for (let o = obj; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
        const descriptor = Object.getOwnPropertyDescriptor(o, key);
        if (descriptor)
            return descriptor;
    }
    return undefined;
}

function _copy(source, dest, publicOnly) {
    for (const name in source) {
        if (publicOnly && name.startsWith('_'))
            continue;
        Object.defineProperty(dest, name, getPropertyDescriptor(source, name));
    }
}

function copyProperties(source, dest) {
    _copy(source, dest, false);
}

function copyPublicProperties(source, dest) {
    _copy(source, dest, true);
}

function bind(obj, callback, ...bindArguments) {
    if (typeof obj !== 'object' && typeof obj !== 'function') {
        throw new TypeError(
            `Lang.bind(): first argument must be an object, not ${typeof obj}`);
    }
    if (typeof callback !== 'function') {
        throw new TypeError(
            `Lang.bind(): second argument must be a function, not ${typeof callback}`);
    }
    if (bindArguments.length === 0)
        return callback.bind(obj);
    return function (...args) {
        return callback.apply(obj, args.concat(bindArguments));
    };
}

function _hide(obj, key, value, writable = false) {
    Object.defineProperty(obj, key, {
        value, writable, enumerable: false, configurable: true,
    });
}

function _keyName(key) {
    return typeof key === 'symbol' ? key.toString() : key;
}

// Runs meth as the method `wrapper` on self, with self.__caller__ set to
// the wrapper for the call's duration.
function _callWrapped(wrapper, meth, self, args) {
    if (self === null || (typeof self !== 'object' && typeof self !== 'function'))
        return meth.apply(self, args);
    const saved = self.__caller__;
    if (Object.prototype.hasOwnProperty.call(self, '__caller__')) {
        self.__caller__ = wrapper;
    } else {
        if (!Object.isExtensible(self))
            return meth.apply(self, args);
        _hide(self, '__caller__', wrapper, true);
    }
    try {
        return meth.apply(self, args);
    } finally {
        self.__caller__ = saved;
    }
}

function _parent(...args) {
    const caller = this.__caller__;
    if (typeof caller !== 'function' || !caller._owner) {
        throw new TypeError(
            'parent() can only be called from a method of a Lang.Class');
    }
    const owner = caller._owner;
    const name = caller._name;
    const superClass = owner.__super__;
    const method = superClass && superClass.prototype
        ? superClass.prototype[name] : undefined;
    if (typeof method !== 'function') {
        throw new TypeError(`Method ${_keyName(name)} is not defined in ` +
            `any superclass of ${owner.name}`);
    }
    return method.apply(this, args);
}

function _isSpecialKey(key) {
    switch (key) {
    case 'Name':
    case 'Extends':
    case 'Implements':
    case 'Abstract':
    case 'MetaClass':
        return true;
    default:
        return false;
    }
}

// The metaclass that made klass, or the one its prototype names.
function _metaclassOf(klass) {
    if (typeof klass !== 'function' || !klass.prototype)
        return null;
    const declared = klass.prototype.__metaclass__;
    if (typeof declared === 'function')
        return declared;
    if (klass instanceof Class)
        return Object.getPrototypeOf(klass).constructor;
    return null;
}

function getMetaClass(params) {
    if (!params)
        return null;
    if (typeof params.MetaClass === 'function')
        return params.MetaClass;
    if (params.Extends)
        return _metaclassOf(params.Extends);
    return null;
}

function _getMetaInterface(params) {
    if (!params || !Array.isArray(params.Requires))
        return null;
    for (const required of params.Requires) {
        for (let meta = _metaclassOf(required); meta; meta = meta.__super__) {
            if (typeof meta.MetaInterface === 'function')
                return meta.MetaInterface;
        }
    }
    // Requiring an introspected type (it has a $gtype) makes a GObject
    // interface, once the GObject override has said which class that is.
    if (params.Requires.some(r => r && r.$gtype !== undefined) &&
        typeof Interface.__gtypeMetaInterface === 'function')
        return Interface.__gtypeMetaInterface;
    return null;
}

// The root of every legacy class without Extends. Not constructible itself.
function _Base() {
    throw new TypeError('_Base cannot be instantiated');
}

_Base.prototype._construct = function _construct(...args) {
    this._init(...args);
    return this;
};
_Base.prototype._init = function _init() {};
_Base.prototype.toString = function toString() {
    return `[object ${this.__name__}]`;
};
Object.defineProperty(_Base.prototype, '_construct', {enumerable: false});
Object.defineProperty(_Base.prototype, '_init', {enumerable: false});
Object.defineProperty(_Base.prototype, 'toString', {enumerable: false});
_hide(_Base.prototype, 'parent', _parent, true);
_hide(_Base.prototype, '__name__', '_Base');

function Class(...args) {
    if (new.target === undefined)
        throw new TypeError("Lang.Class cannot be invoked without 'new'");
    return this._construct(...args);
}

Class.prototype = Object.create(Function.prototype);
_hide(Class.prototype, 'constructor', Class, true);
_hide(Class.prototype, '__name__', 'Class');
_hide(Class.prototype, 'parent', _parent, true);

_hide(Class.prototype, '_construct', function _construct(params, ...rest) {
    const metaclass = getMetaClass(params);
    if (metaclass && !(this instanceof metaclass))
        return new metaclass(params, ...rest);

    const newClass = function (...args) {
        if (new.target === undefined) {
            throw new TypeError(
                `Class constructor ${newClass.name} cannot be invoked without 'new'`);
        }
        if (new.target === newClass && newClass.__abstract__)
            throw new TypeError(`Cannot instantiate abstract class ${newClass.name}`);
        if (typeof this._construct === 'function')
            return this._construct(...args);
        if (typeof this._init === 'function')
            this._init(...args);
        return this;
    };
    Object.setPrototypeOf(newClass, Object.getPrototypeOf(this));
    newClass._init(params, ...rest);
    return newClass;
}, true);

_hide(Class.prototype, 'wrapFunction', function wrapFunction(name, meth) {
    if (Object.prototype.hasOwnProperty.call(meth, '_origin'))
        meth = meth._origin;
    const wrapper = function (...args) {
        return _callWrapped(wrapper, meth, this, args);
    };
    _hide(wrapper, '_origin', meth);
    _hide(wrapper, '_owner', this);
    _hide(wrapper, '_name', name);
    Object.defineProperty(wrapper, 'name', {value: meth.name, configurable: true});
    return wrapper;
}, true);

_hide(Class.prototype, 'toString', function toString() {
    return `[object ${this.__name__} for ${this.prototype.__name__}]`;
}, true);

_hide(Class.prototype, 'implements', function implements_(iface) {
    const interfaces = this.__interfaces__;
    return Array.isArray(interfaces) && interfaces.includes(iface);
}, true);

// The members an Implements entry contributes, or null.
function _interfaceSource(iface) {
    if (iface instanceof Interface)
        return iface.prototype;
    if (typeof iface === 'function' && iface.$gtype === undefined &&
        iface.prototype)
        return iface.prototype;
    return null;
}

function _checkInterface(klass, iface, implemented) {
    for (const required of iface.__requires__) {
        if (required instanceof Interface) {
            if (!implemented.includes(required)) {
                throw new Error(`${klass.name} implements ${iface.name} but ` +
                    `not ${required.name}, which it requires; list ` +
                    `${required.name} before ${iface.name} in Implements`);
            }
        } else if (!(klass.prototype instanceof required)) {
            throw new Error(`${klass.name} implements ${iface.name} but does ` +
                `not inherit from ${required.name}, which it requires`);
        }
    }
    for (const key of Reflect.ownKeys(iface.prototype)) {
        const descriptor = Object.getOwnPropertyDescriptor(iface.prototype, key);
        if (descriptor.value !== Interface.UNIMPLEMENTED)
            continue;
        const found = getPropertyDescriptor(klass.prototype, key);
        if (!found || found.value === Interface.UNIMPLEMENTED) {
            throw new Error(`${klass.name} does not implement the required ` +
                `method ${_keyName(key)} of interface ${iface.name}`);
        }
    }
}

_hide(Class.prototype, '_init', function _init(params) {
    if (!params || typeof params !== 'object')
        throw new TypeError('Lang.Class needs a parameter object');
    const name = params.Name;
    if (!name)
        throw new TypeError("Classes require an explicit 'Name' parameter.");
    const parent = params.Extends === undefined ? _Base : params.Extends;
    if (typeof parent !== 'function' || !parent.prototype)
        throw new TypeError(`${name}: Extends must be a class`);
    const interfaces = params.Implements === undefined ? [] : params.Implements;
    if (!Array.isArray(interfaces))
        throw new TypeError(`${name}: Implements must be an array`);
    for (const iface of interfaces) {
        if (!(iface instanceof Interface) && typeof iface !== 'function')
            throw new TypeError(`${name}: ${iface} is not an interface`);
    }

    Object.defineProperty(this, 'name', {value: name, configurable: true});
    _hide(this, '__super__', parent);
    _hide(this, '__abstract__', Boolean(params.Abstract));
    const proto = Object.create(parent.prototype);
    _hide(proto, 'constructor', this, true);
    _hide(proto, '__name__', name);
    this.prototype = proto;

    // Interface defaults (the last interface's wins), then the definition.
    const members = new Map();
    for (const iface of interfaces) {
        const source = _interfaceSource(iface);
        if (!source)
            continue;
        for (const key of Reflect.ownKeys(source)) {
            if (key === 'constructor' || key === '__name__' ||
                _isSpecialKey(key) || key in parent.prototype)
                continue;
            const descriptor = Object.getOwnPropertyDescriptor(source, key);
            if (descriptor.value !== Interface.UNIMPLEMENTED)
                members.set(key, descriptor);
        }
    }
    for (const key of Reflect.ownKeys(params)) {
        if (!_isSpecialKey(key))
            members.set(key, Object.getOwnPropertyDescriptor(params, key));
    }
    for (const [key, descriptor] of members) {
        if (typeof descriptor.value === 'function' &&
            !(descriptor.value instanceof Class))
            descriptor.value = this.wrapFunction(key, descriptor.value);
        descriptor.enumerable = true;
        descriptor.configurable = false;
        Object.defineProperty(proto, key, descriptor);
    }

    const implemented = Array.isArray(parent.__interfaces__)
        ? parent.__interfaces__.slice() : [];
    for (const iface of interfaces) {
        if (iface instanceof Interface)
            _checkInterface(this, iface, implemented);
        if (!implemented.includes(iface))
            implemented.push(iface);
    }
    _hide(this, '__interfaces__', implemented);
}, true);

Object.setPrototypeOf(_Base, Class.prototype);
_hide(_Base, '__interfaces__', []);

var Interface = new Class({
    Name: 'Interface',

    _construct(params, ...rest) {
        const metaInterface = _getMetaInterface(params);
        if (metaInterface && !(this instanceof metaInterface))
            return new metaInterface(params, ...rest);
        return this.parent(params, ...rest);
    },

    _init(params) {
        if (!params || typeof params !== 'object')
            throw new TypeError('Lang.Interface needs a parameter object');
        const name = params.Name;
        if (!name)
            throw new TypeError("Interfaces require an explicit 'Name' parameter.");
        const requires = params.Requires === undefined ? [] : params.Requires;
        if (!Array.isArray(requires))
            throw new TypeError(`${name}: Requires must be an array`);
        for (const required of requires) {
            if (!(required instanceof Interface) && typeof required !== 'function') {
                throw new TypeError(
                    `${name}: ${required} is neither an interface nor a class`);
            }
        }

        _hide(this, 'name', name);
        _hide(this, '__requires__', requires.slice());
        const proto = {};
        _hide(proto, '__name__', name);
        _hide(this, 'prototype', proto);

        for (const key of Reflect.ownKeys(params)) {
            if (key === 'Name' || key === 'Requires')
                continue;
            const descriptor = Object.getOwnPropertyDescriptor(params, key);
            Object.defineProperty(proto, key, descriptor);
            if (typeof descriptor.value === 'function' && !(key in this)) {
                _hide(this, key, function (obj, ...args) {
                    return proto[key].apply(obj, args);
                }, true);
            }
        }
    },

    toString() {
        return `[interface ${this.__name__} for ${this.prototype.__name__}]`;
    },
});

Interface.UNIMPLEMENTED = function UNIMPLEMENTED() {
    throw new Error('Not implemented');
};
