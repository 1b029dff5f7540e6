// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
/* exported bindtextdomain, dcgettext, dgettext, dngettext, domain,
   dpgettext, gettext, LocaleCategory, ngettext, pgettext, setlocale,
   textdomain */
//
// gettext.js (imports.gettext): GJS's Gettext module, message translation
// through the C library's gettext.
//
// Lookups go through GLib's introspected wrappers: g_dgettext(),
// g_dcgettext(), g_dngettext() and g_dpgettext2(). Unlike the bare libintl
// calls, GLib leaves messages untranslated when the default domain has no
// catalog for the user's language, so that an untranslated program does not
// show a mix of languages. A null domain means the default one (textdomain()).
//
// Process state that GLib does not bind (setlocale(), textdomain(),
// bindtextdomain() and the LC_* values in LocaleCategory) comes from the
// private native module `_gettextNative` (modules/gettext-native.c).
//
// A typical program:
//     Gettext.bindtextdomain('myapp', '/usr/share/locale');
//     Gettext.textdomain('myapp');
//     const _ = Gettext.gettext;
// and a library, which must not change the default domain:
//     const _ = Gettext.domain('mylib').gettext;
//
// pgettext(context, msgid) looks up "context\u0004msgid", as xgettext's
// msgctxt produces, and returns msgid when there is no translation.

const GLib = imports.gi.GLib;
const Native = imports._gettextNative;

var LocaleCategory = Native.LocaleCategory;

function setlocale(category, locale) {
    return Native.setlocale(category, locale);
}

function textdomain(domainName) {
    return Native.textdomain(domainName);
}

function bindtextdomain(domainName, location) {
    return Native.bindtextdomain(domainName, location);
}

function gettext(msgid) {
    return GLib.dgettext(null, msgid);
}

function dgettext(domainName, msgid) {
    return GLib.dgettext(domainName, msgid);
}

function dcgettext(domainName, msgid, category) {
    return GLib.dcgettext(domainName, msgid, category);
}

function ngettext(msgid1, msgid2, n) {
    return GLib.dngettext(null, msgid1, msgid2, n);
}

function dngettext(domainName, msgid1, msgid2, n) {
    return GLib.dngettext(domainName, msgid1, msgid2, n);
}

function pgettext(context, msgid) {
    return GLib.dpgettext2(null, context, msgid);
}

function dpgettext(domainName, context, msgid) {
    return GLib.dpgettext2(domainName, context, msgid);
}

// The lookups bound to one domain, for libraries and extensions.
function domain(domainName) {
    return {
        gettext(msgid) {
            return GLib.dgettext(domainName, msgid);
        },
        ngettext(msgid1, msgid2, n) {
            return GLib.dngettext(domainName, msgid1, msgid2, n);
        },
        pgettext(context, msgid) {
            return GLib.dpgettext2(domainName, context, msgid);
        },
    };
}
