// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported format, printf, vprintf */
//
// format.js (imports.format): GJS's small printf. vprintf(string, args)
// returns `string` with each conversion replaced; printf(string, ...args)
// print()s that; format(...args) is vprintf(this, args), meant to be
// installed as String.prototype.format.
//
// A conversion is  %[N$][I...][WIDTH][.PRECISION]C  where C is one of
//   s  String(arg)
//   d  parseInt(arg) in base 10 (I asks for the locale's alternative digits;
//      Sprout prints ASCII digits, which is what every common locale uses)
//   x  parseInt(arg) in base 16, lower case
//   f  parseFloat(arg); with a precision, rounded by toFixed()
//   %  a literal '%' (WIDTH is ignored)
// WIDTH pads on the left to that many characters, with '0' when WIDTH
// starts with 0 and with spaces otherwise (the fill goes before any minus
// sign, as in GJS). A '%' that ends the string or a line is kept as is.
//
// Conversions take the arguments in order, or say which one with N$ (N from
// 1). The two styles cannot be mixed, and %% counts as unnumbered once a
// numbered conversion was seen. Errors, checked in this order for each
// conversion: a precision on anything but f, I on anything but d, mixed
// numbering, an unknown conversion character. All throw plain Errors.

const _conversion =
    /%(?:([1-9][0-9]*)\$)?(I+)?([0-9]+)?(?:\.([0-9]+))?(.)/g;

function _pad(text, width) {
    if (width === undefined)
        return text;
    const fill = width.startsWith('0') ? '0' : ' ';
    return text.padStart(Number(width), fill);
}

function _convert(arg, conversion, precision) {
    switch (conversion) {
    case 's':
        return String(arg);
    case 'd':
        return String(parseInt(arg));
    case 'x':
        return parseInt(arg).toString(16);
    case 'f':
        if (precision === undefined)
            return String(parseFloat(arg));
        return parseFloat(arg).toFixed(Number(precision));
    default:
        throw new Error(`Unsupported conversion character %${conversion}`);
    }
}

function vprintf(string, args) {
    if (typeof string !== 'string')
        throw new TypeError('vprintf(): the format must be a string');
    args ??= [];

    let numbered = false;
    let nextArg = 0;

    return string.replace(_conversion,
        (match, position, alternative, width, precision, conversion) => {
            if (precision !== undefined && conversion !== 'f')
                throw new Error("Precision can only be specified for 'f'");
            if (alternative !== undefined && conversion !== 'd') {
                throw new Error(
                    "Alternative output digits can only be specified for 'd'");
            }
            if (position !== undefined ? nextArg > 0 : numbered) {
                throw new Error('Numbered and unnumbered conversion ' +
                    'specifications cannot be mixed');
            }
            if (position !== undefined)
                numbered = true;

            if (conversion === '%')
                return '%';

            const arg = position !== undefined
                ? args[Number(position) - 1] : args[nextArg++];
            return _pad(_convert(arg, conversion, precision), width);
        });
}

function printf(string, ...args) {
    print(vprintf(string, args));
}

function format(...args) {
    return vprintf(String(this), args);
}
