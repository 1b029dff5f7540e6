// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
// Specs for the legacy modules imports.mainloop, imports.format and
// imports.gettext, beyond what GJS's own testMainloop.js, testFormat.js and
// testGettext.js check. Expected strings were taken from GJS 1.74.

const GLib = imports.gi.GLib;
const Mainloop = imports.mainloop;
const Format = imports.format;
const Gettext = imports.gettext;

describe('imports.mainloop', function () {
    it('has the GJS API', function () {
        const lengths = {
            run: 1, quit: 1, idle_add: 2, idle_source: 2, timeout_add: 3,
            timeout_add_seconds: 3, timeout_source: 3,
            timeout_seconds_source: 3, source_remove: 1,
        };
        for (const [name, length] of Object.entries(lengths)) {
            expect(typeof Mainloop[name]).withContext(name).toBe('function');
            expect(Mainloop[name].length).withContext(name).toBe(length);
        }
    });

    it('runs a named loop until quit() with that name', function () {
        const order = [];
        Mainloop.idle_add(() => {
            order.push('idle');
            Mainloop.quit('named');
            return false;
        });
        Mainloop.run('named');
        order.push('returned');
        expect(order).toEqual(['idle', 'returned']);
    });

    it('forgets a loop once quit, so it can run again', function () {
        Mainloop.idle_add(() => Mainloop.quit('again'));
        Mainloop.run('again');
        expect('again' in Mainloop._mainLoops).toBeFalse();
        expect(() => Mainloop.quit('again')).toThrowError(
            'No main loop with this id');

        let ran = false;
        Mainloop.idle_add(() => {
            ran = true;
            Mainloop.quit('again');
        });
        Mainloop.run('again');
        expect(ran).toBeTrue();
    });

    it('refuses to quit a loop that never ran', function () {
        expect(() => Mainloop.quit('never-ran')).toThrowError(
            'No main loop with this id');
    });

    it('runs and quits the unnamed loop', function () {
        Mainloop.timeout_add(1, () => Mainloop.quit());
        Mainloop.run();
        expect(undefined in Mainloop._mainLoops).toBeFalse();
    });

    it('nests loops of different names', function () {
        const order = [];
        Mainloop.idle_add(() => {
            order.push('outer idle');
            Mainloop.idle_add(() => {
                order.push('inner idle');
                Mainloop.quit('inner');
                return false;
            });
            Mainloop.run('inner');
            order.push('inner returned');
            Mainloop.quit('outer');
            return false;
        });
        Mainloop.run('outer');
        expect(order).toEqual(['outer idle', 'inner idle', 'inner returned']);
    });

    it('dispatches sources by priority', function () {
        const order = [];
        Mainloop.idle_add(() => {
            order.push('idle');
            Mainloop.quit('priority');
            return false;
        });
        Mainloop.idle_add(() => {
            order.push('high');
            return false;
        }, GLib.PRIORITY_HIGH);
        Mainloop.run('priority');
        expect(order).toEqual(['high', 'idle']);
    });

    it('runs a timeout in seconds', function () {
        let calls = 0;
        Mainloop.timeout_add_seconds(0, () => {
            calls++;
            Mainloop.quit('seconds');
            return false;
        });
        Mainloop.run('seconds');
        expect(calls).toBe(1);
    });

    it('removes sources by id', function () {
        const never = jasmine.createSpy('never');
        const id = Mainloop.timeout_add(1, never);
        expect(Mainloop.source_remove(id)).toBeTrue();
        Mainloop.timeout_add(5, () => Mainloop.quit('removed'));
        Mainloop.run('removed');
        expect(never).not.toHaveBeenCalled();
    });

    it('builds sources without attaching them', function () {
        const handler = jasmine.createSpy('handler').and.callFake(() => {
            Mainloop.quit('source');
            return false;
        });
        const source = Mainloop.idle_source(handler);
        expect(source).toBeInstanceOf(GLib.Source);
        expect(source.get_priority()).toBe(GLib.PRIORITY_DEFAULT_IDLE);
        expect(Mainloop.idle_source(handler, 12).get_priority()).toBe(12);
        expect(Mainloop.timeout_source(10, handler).get_priority())
            .toBe(GLib.PRIORITY_DEFAULT);
        expect(Mainloop.timeout_seconds_source(1, handler, 7).get_priority())
            .toBe(7);

        expect(handler).not.toHaveBeenCalled();
        expect(source.attach(null)).toBeGreaterThan(0);
        Mainloop.run('source');
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('wants a function as the handler', function () {
        expect(() => Mainloop.idle_add('nope')).toThrowError(TypeError);
        expect(() => Mainloop.timeout_add(1, null)).toThrowError(TypeError);
    });
});

describe('imports.format', function () {
    // [format, args, expected output]
    const outputs = [
        ['%5s', ['ab'], '   ab'],
        ['%05s', ['ab'], '000ab'],
        ['%x', [255], 'ff'],
        ['%x', [-255], '-ff'],
        ['%d', ['12abc'], '12'],
        ['%d', [3.9], '3'],
        ['%d', ['0x1f'], '31'],
        ['%d', [true], 'NaN'],
        ['%d', [], 'NaN'],
        ['%d', [10n], '10'],
        ['%05d', [-5], '000-5'],
        ['%00003d', [5], '005'],
        ['%Id', [1234], '1234'],
        ['%II5d', [3], '    3'],
        ['%f', [1 / 3], '0.3333333333333333'],
        ['%f', ['2.5abc'], '2.5'],
        ['%.3f', ['2.5'], '2.500'],
        ['%.0f', [2.5], '3'],
        ['%8.2f', [3.14159], '    3.14'],
        ['%08.2f', [-3.14159], '000-3.14'],
        ['%.2f', ['x'], 'NaN'],
        ['%s', [null], 'null'],
        ['%s', [], 'undefined'],
        ['%s %s', ['a'], 'a undefined'],
        ['%s', [{toString: () => 'T'}], 'T'],
        ['%1$s %1$s', ['z'], 'z z'],
        ['%12$s', ['a'], 'undefined'],
        ['%1$05.1f', [2.25], '002.3'],
        ['%1$%', [], '%'],
        ['%% %1$s', ['a'], '% a'],
        ['%5%', [], '%'],
        ['abc%', [], 'abc%'],
        ['a%\nb', [1], 'a%\nb'],
        ['%d %d', [1, 2, 3], '1 2'],
    ];
    // [format, args, error message]
    const errors = [
        ['%-5s', ['ab'], 'Unsupported conversion character %-'],
        ['%X', [1], 'Unsupported conversion character %X'],
        ['%0$s', ['a'], 'Unsupported conversion character %$'],
        ['%.f', [1], 'Unsupported conversion character %.'],
        ['%5I', [], 'Unsupported conversion character %I'],
        ['%10.3s', ['abcdef'], "Precision can only be specified for 'f'"],
        ['%.2%', [], "Precision can only be specified for 'f'"],
        ['%I.2z', [1], "Precision can only be specified for 'f'"],
        ['%Iz', [1], "Alternative output digits can only be specified for 'd'"],
        ['%I%', [], "Alternative output digits can only be specified for 'd'"],
        ['%1$s %%', ['a'], 'Numbered and unnumbered conversion specifications cannot be mixed'],
        ['%d %3$d', [1], 'Numbered and unnumbered conversion specifications cannot be mixed'],
        ['%1$d %z %d', [1], 'Numbered and unnumbered conversion specifications cannot be mixed'],
        ['%d %z %1$d', [1], 'Unsupported conversion character %z'],
    ];

    it('has the GJS API', function () {
        expect(Format.format.length).toBe(0);
        expect(Format.vprintf.length).toBe(2);
        expect(Format.printf.length).toBe(1);
    });

    it('formats like GJS', function () {
        for (const [format, args, expected] of outputs) {
            expect(Format.format.apply(format, args))
                .withContext(JSON.stringify(format)).toBe(expected);
        }
    });

    it('throws what GJS throws', function () {
        for (const [format, args, message] of errors) {
            expect(() => Format.format.apply(format, args))
                .withContext(JSON.stringify(format)).toThrowError(message);
        }
    });

    it('has vprintf() take an array', function () {
        expect(Format.vprintf('%s-%d', ['a', 3])).toBe('a-3');
        expect(Format.vprintf('%2$s%1$s', ['a', 'b'])).toBe('ba');
    });

    it('has printf() print', function () {
        const printed = [];
        const savedPrint = globalThis.print;
        globalThis.print = (...args) => printed.push(args.join(' '));
        try {
            Format.printf('%s+%d', 'p', 7);
        } finally {
            globalThis.print = savedPrint;
        }
        expect(printed).toEqual(['p+7']);
    });

    it('works as String.prototype.format', function () {
        const saved = Object.getOwnPropertyDescriptor(String.prototype,
            'format');
        String.prototype.format = Format.format;
        try {
            expect('%s is %d'.format('x', 42)).toBe('x is 42');
        } finally {
            if (saved)
                Object.defineProperty(String.prototype, 'format', saved);
            else
                delete String.prototype.format;
        }
    });
});

// Writes a GNU .mo catalog (little endian, no hash table: originals sorted
// bytewise so that libintl's binary search finds them).
function writeCatalog(path, entries) {
    const utf8 = string => Uint8Array.from(
        unescape(encodeURIComponent(string)), c => c.charCodeAt(0));
    const compare = (a, b) => {
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] !== b[i])
                return a[i] - b[i];
        }
        return a.length - b.length;
    };
    const pairs = Object.entries(entries)
        .map(([id, text]) => [utf8(id), utf8(text)])
        .sort((a, b) => compare(a[0], b[0]));
    const count = pairs.length;
    const idTable = 28, textTable = idTable + 8 * count;
    let offset = textTable + 8 * count;
    let size = offset;
    for (const [id, text] of pairs)
        size += id.length + text.length + 2;

    const bytes = new Uint8Array(size);
    const view = new DataView(bytes.buffer);
    [0x950412de, 0, count, idTable, textTable, 0, offset].forEach(
        (word, i) => view.setUint32(4 * i, word, true));
    const put = (table, i, string) => {
        view.setUint32(table + 8 * i, string.length, true);
        view.setUint32(table + 8 * i + 4, offset, true);
        bytes.set(string, offset);
        offset += string.length + 1;
    };
    pairs.forEach(([id], i) => put(idTable, i, id));
    pairs.forEach(([, text], i) => put(textTable, i, text));
    GLib.file_set_contents(path, bytes);
}

describe('imports.gettext', function () {
    const categories = ['ALL', 'COLLATE', 'CTYPE', 'MESSAGES', 'MONETARY',
        'NUMERIC', 'TIME'];

    it('has the GJS API', function () {
        const lengths = {
            setlocale: 2, textdomain: 1, bindtextdomain: 2, gettext: 1,
            dgettext: 2, dcgettext: 3, ngettext: 3, dngettext: 4,
            pgettext: 2, dpgettext: 3, domain: 1,
        };
        for (const [name, length] of Object.entries(lengths)) {
            expect(typeof Gettext[name]).withContext(name).toBe('function');
            expect(Gettext[name].length).withContext(name).toBe(length);
        }
    });

    it('has the C library locale categories', function () {
        expect(Object.keys(Gettext.LocaleCategory).sort()).toEqual(categories);
        const values = Object.values(Gettext.LocaleCategory);
        expect(values.every(Number.isInteger)).toBeTrue();
        expect(new Set(values).size).toBe(categories.length);
    });

    it('queries the locale of every category', function () {
        for (const name of categories) {
            const locale = Gettext.setlocale(Gettext.LocaleCategory[name], null);
            expect(typeof locale).withContext(name).toBe('string');
            expect(locale.length).withContext(name).toBeGreaterThan(0);
        }
    });

    it('returns null for a locale that does not exist', function () {
        expect(Gettext.setlocale(Gettext.LocaleCategory.MESSAGES,
            'xx_NOWHERE.UTF-8')).toBeNull();
    });

    it('checks its arguments like GJS', function () {
        expect(() => Gettext.setlocale(99, null)).toThrowError(TypeError,
            '99 is not a valid value for enum argument category');
        expect(() => Gettext.setlocale(Gettext.LocaleCategory.ALL))
            .toThrowError(TypeError,
                "Expected type string for argument 'locale' but got type undefined");
        expect(() => Gettext.textdomain(null)).toThrowError(
            'Argument domain may not be null');
        expect(() => Gettext.bindtextdomain('sprout-test')).toThrowError(
            TypeError,
            "Expected type string for argument 'location' but got type undefined");
    });

    it('returns messages untranslated without a catalog', function () {
        expect(Gettext.gettext('Hello')).toBe('Hello');
        expect(Gettext.dgettext('sprout-no-such-domain', 'Hello')).toBe('Hello');
        expect(Gettext.ngettext('file', 'files', 1)).toBe('file');
        expect(Gettext.ngettext('file', 'files', 2)).toBe('files');
        expect(Gettext.pgettext('menu', 'Open')).toBe('Open');
        expect(Gettext.dpgettext('sprout-no-such-domain', 'menu', 'Open'))
            .toBe('Open');
    });

    it('binds one domain in domain()', function () {
        const domain = Gettext.domain('sprout-no-such-domain');
        expect(Object.keys(domain).sort()).toEqual(
            ['gettext', 'ngettext', 'pgettext']);
        expect(domain.gettext('Hi')).toBe('Hi');
        expect(domain.ngettext('one', 'many', 3)).toBe('many');
        expect(domain.pgettext('ctx', 'Hi')).toBe('Hi');
    });

    describe('with a bound catalog', function () {
        let dir, savedLocale, savedLanguage;

        beforeAll(function () {
            dir = GLib.dir_make_tmp('sprout-gettext-XXXXXX');
            GLib.mkdir_with_parents(`${dir}/sp/LC_MESSAGES`, 0o755);
            writeCatalog(`${dir}/sp/LC_MESSAGES/sprout-test.mo`, {
                '': 'Content-Type: text/plain; charset=UTF-8\n' +
                    'Plural-Forms: nplurals=2; plural=(n != 1);\n',
                'Hello': 'Hallo',
                'file\0files': 'Datei\0Dateien',
                'menu\u0004Open': 'Öffnen',
            });
            // libintl ignores LANGUAGE in the "C" locale, not in C.UTF-8.
            savedLocale = Gettext.setlocale(Gettext.LocaleCategory.ALL, null);
            savedLanguage = GLib.getenv('LANGUAGE');
            GLib.setenv('LANGUAGE', 'sp', true);
            Gettext.setlocale(Gettext.LocaleCategory.ALL, 'C.UTF-8');
            Gettext.bindtextdomain('sprout-test', dir);
        });

        afterAll(function () {
            Gettext.textdomain('messages');
            if (savedLocale)
                Gettext.setlocale(Gettext.LocaleCategory.ALL, savedLocale);
            if (savedLanguage === null)
                GLib.unsetenv('LANGUAGE');
            else
                GLib.setenv('LANGUAGE', savedLanguage, true);
            GLib.unlink(`${dir}/sp/LC_MESSAGES/sprout-test.mo`);
            GLib.rmdir(`${dir}/sp/LC_MESSAGES`);
            GLib.rmdir(`${dir}/sp`);
            GLib.rmdir(dir);
        });

        beforeEach(function () {
            if (Gettext.setlocale(Gettext.LocaleCategory.MESSAGES, null) !==
                'C.UTF-8')
                pending('this system has no C.UTF-8 locale');
        });

        it('translates in that domain', function () {
            expect(Gettext.dgettext('sprout-test', 'Hello')).toBe('Hallo');
            expect(Gettext.dcgettext('sprout-test', 'Hello',
                Gettext.LocaleCategory.MESSAGES)).toBe('Hallo');
            expect(Gettext.dngettext('sprout-test', 'file', 'files', 1))
                .toBe('Datei');
            expect(Gettext.dngettext('sprout-test', 'file', 'files', 4))
                .toBe('Dateien');
            expect(Gettext.dpgettext('sprout-test', 'menu', 'Open'))
                .toBe('Öffnen');
            expect(Gettext.dpgettext('sprout-test', 'toolbar', 'Open'))
                .toBe('Open');
        });

        it('translates through domain()', function () {
            const domain = Gettext.domain('sprout-test');
            expect(domain.gettext('Hello')).toBe('Hallo');
            expect(domain.ngettext('file', 'files', 2)).toBe('Dateien');
            expect(domain.pgettext('menu', 'Open')).toBe('Öffnen');
        });

        it('uses the default domain set by textdomain()', function () {
            Gettext.textdomain('sprout-test');
            expect(Gettext.gettext('Hello')).toBe('Hallo');
            expect(Gettext.ngettext('file', 'files', 1)).toBe('Datei');
            expect(Gettext.pgettext('menu', 'Open')).toBe('Öffnen');
        });
    });
});
