#!/usr/bin/env python3
"""The layering test: every quoted #include must respect the rank table below.

A file may include a file of its own folder or of a folder of a lower rank; folders of the same rank
do not include each other. The store's SQL (Statement.h, Schema.h, sqlite3.h) stays in the store;
tests reach the tables only through tests/support/SqlProbe. Exit status 1 lists every violation.
usage: check_layering.py SOURCE_DIR
"""
import os
import re
import sys

# folder (relative to the source root) -> rank. Core folders are included as "store/X.h" (root
# models/); everything else from the source root ("diagram/X.h", "reports/pdf/X.h").
RANKS = {
    'models/base': 0,
    'models/io': 1,
    'models/kube': 2,
    'models/network': 3, 'models/findings': 3,
    'models/graph': 4,
    'models/store': 5,
    'models/import': 6,
    'models/controls': 7,
    'models/changes': 8, 'models/stig': 8, 'models/posture': 8,
    'models/viewmodels': 9,
    'diagram': 10,
    'reports/signing': 11,
    'reports/content': 12,
    'reports/pdf': 13,
    'reports/publish': 14,
    'app/cli/command': 15,
    'app/cli/verbs': 16,
    'app/cli': 17,
    'ui/widgets': 17,
    'ui/jobs': 17,
    'ui/dialogs': 18,
    'ui/pages': 19,
    'ui': 20,
    'app': 21,
}
# What the command-line tool and the reports may never reach, whatever the ranks say.
FORBIDDEN = {
    'app/cli': ['models/viewmodels', 'ui'],
    'reports': ['models/viewmodels', 'ui'],
    'diagram': ['models/viewmodels', 'ui'],
}
STORE_PRIVATE = re.compile(r'#include\s*[<"](Statement\.h|Schema\.h|sqlite3\.h|store/internal/)')
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SQLITE_CALL = re.compile(r'\bsqlite3_\w+\s*\(')


def folder_of(rel):
    d = os.path.dirname(rel)
    if d.startswith('models/controls/checks'):
        return 'models/controls'
    if d.startswith('models/store/internal'):
        return 'models/store'
    return d


def resolve(src_root, including_dir, inc):
    """The folder an include lands in, or None when it is not one of ours (a system or test header)."""
    for root in ('models', ''):
        p = os.path.normpath(os.path.join(src_root, root, inc))
        if os.path.isfile(p):
            return folder_of(os.path.relpath(p, src_root)), p
    p = os.path.normpath(os.path.join(including_dir, inc))
    if os.path.isfile(p):
        return folder_of(os.path.relpath(p, src_root)), p
    return None, None


def main():
    src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else '.')
    errors = []
    checked = 0
    for top in ('models', 'diagram', 'reports', 'ui', 'app', 'tests'):
        for dp, dn, fn in os.walk(os.path.join(src, top)):
            dn.sort()
            for f in sorted(fn):
                if not f.endswith(('.h', '.cpp', '.in')):
                    continue
                path = os.path.join(dp, f)
                rel = os.path.relpath(path, src)
                folder = folder_of(rel)
                in_tests = rel.startswith('tests/')
                in_store = folder == 'models/store'
                text = open(path, encoding='utf-8').read()
                for n, line in enumerate(text.splitlines(), 1):
                    checked += 1
                    if STORE_PRIVATE.search(line) and not in_store and rel != 'tests/support/SqlProbe.cpp':
                        errors.append('%s:%d: SQL belongs to the store (models/store): %s' % (rel, n, line.strip()))
                        continue
                    if SQLITE_CALL.search(line) and not in_store and rel != 'tests/support/SqlProbe.cpp':
                        errors.append('%s:%d: sqlite3_ call outside the store' % (rel, n))
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    inc = m.group(1)
                    if inc.startswith('models/'):
                        errors.append('%s:%d: include core headers from the core root ("%s")'
                                      % (rel, n, inc[len('models/'):]))
                        continue
                    target, tpath = resolve(src, dp, inc)
                    if target is None or in_tests:
                        continue
                    if '/' not in inc and target != folder and not inc.endswith('.moc'):
                        errors.append('%s:%d: "%s" names no folder; write its rooted path' % (rel, n, inc))
                        continue
                    if target == folder or target not in RANKS or folder not in RANKS:
                        if folder not in RANKS:
                            errors.append('%s: folder %s is not in the rank table' % (rel, folder))
                        continue
                    for prefix, banned in FORBIDDEN.items():
                        if folder == prefix or folder.startswith(prefix + '/'):
                            for b in banned:
                                if target == b or target.startswith(b + '/'):
                                    errors.append('%s:%d: %s may not include %s ("%s")' % (rel, n, folder, b, inc))
                    if RANKS[target] >= RANKS[folder]:
                        errors.append('%s:%d: %s (rank %d) includes %s (rank %d): "%s"'
                                      % (rel, n, folder, RANKS[folder], target, RANKS[target], inc))
    for e in sorted(set(errors)):
        print(e)
    print('layering: %d lines checked, %d violations' % (checked, len(set(errors))))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
