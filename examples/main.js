#!/usr/bin/env sprout
// SPDX-License-Identifier: MIT OR LGPL-2.0-or-later
//
// The main job of `tools/run-example`: a disk-usage report for a folder,
// written the way a GNOME script would be. It walks the tree with Gio's
// asynchronous file enumeration (callbacks on a GLib.MainLoop), keeps the
// biggest files and the size per file type, prints a live progress line from
// a GLib timeout, and reports in GLib's human-readable sizes.
//
// Usage: sprout examples/main.js [FOLDER]   (default: the Sprout sources)

const {GLib, Gio} = imports.gi;
const System = imports.system;

const ATTRIBUTES = 'standard::name,standard::type,standard::size,standard::content-type';
const here = System.programPath.replace(/\/examples\/[^/]*$/, '');
const root = Gio.File.new_for_commandline_arg(ARGV[0] ?? here);

const stats = {files: 0, folders: 0, bytes: 0, byType: new Map(), biggest: []};
let pending = 0;
const loop = new GLib.MainLoop(null, false);

function record(file, info) {
    const size = info.get_size();
    const type = Gio.content_type_get_description(info.get_content_type() ?? 'application/octet-stream');
    stats.files++;
    stats.bytes += size;
    stats.byType.set(type, (stats.byType.get(type) ?? 0) + size);
    stats.biggest.push([size, file.get_path()]);
    stats.biggest.sort((a, b) => b[0] - a[0]);
    stats.biggest.length = Math.min(stats.biggest.length, 5);
}

function done() {
    if (--pending === 0)
        loop.quit();
}

function readBatch(folder, enumerator) {
    enumerator.next_files_async(64, GLib.PRIORITY_DEFAULT, null, (source, result) => {
        let infos;
        try {
            infos = source.next_files_finish(result);
        } catch (e) {
            printerr(`${folder.get_path()}: ${e.message}`);
            done();
            return;
        }
        if (infos.length === 0) {
            enumerator.close_async(GLib.PRIORITY_DEFAULT, null, () => done());
            return;
        }
        for (const info of infos) {
            const child = folder.get_child(info.get_name());
            if (info.get_file_type() === Gio.FileType.DIRECTORY) {
                if (!info.get_name().startsWith('.') && info.get_name() !== 'build' &&
                    info.get_name() !== 'node_modules')
                    walk(child);
            } else {
                record(child, info);
            }
        }
        readBatch(folder, enumerator);
    });
}

function walk(folder) {
    pending++;
    stats.folders++;
    folder.enumerate_children_async(ATTRIBUTES, Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS,
        GLib.PRIORITY_DEFAULT, null, (source, result) => {
            try {
                readBatch(folder, source.enumerate_children_finish(result));
            } catch (e) {
                printerr(`${folder.get_path()}: ${e.message}`);
                done();
            }
        });
}

const started = GLib.get_monotonic_time();
const progress = GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
    printerr(`  … ${stats.files} files in ${stats.folders} folders`);
    return GLib.SOURCE_CONTINUE;
});
walk(root);
loop.run();
GLib.source_remove(progress);

const ms = (GLib.get_monotonic_time() - started) / 1000;
print(`${root.get_path()}: ${stats.files} files in ${stats.folders} folders, ` +
    `${GLib.format_size(stats.bytes)} (${ms.toFixed(0)} ms)`);
print('\nBy type:');
[...stats.byType].sort((a, b) => b[1] - a[1]).slice(0, 8).forEach(([type, bytes]) =>
    print(`  ${GLib.format_size(bytes).padStart(10)}  ${type}`));
print('\nBiggest files:');
for (const [size, path] of stats.biggest)
    print(`  ${GLib.format_size(size).padStart(10)}  ${GLib.path_get_basename(path)}`);
