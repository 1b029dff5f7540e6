'use strict';
/* exported isStrict, value */
var isStrict = (function () {
    return this === undefined;
})();
var value = 'strict module';
