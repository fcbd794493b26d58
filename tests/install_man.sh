#!/bin/sh
# install_man.sh: `cmake --install` puts the program and the man page in
# place; the page renders without groff warnings and has a SYNOPSIS line and
# a section for every command that `perfscore --help` lists.
# usage: install_man.sh CMAKE BUILD_DIR DEST
set -eu
cmake=$1 build=$2 dest=$3
src=$(dirname "$0")/../docs/perfscore.1
rm -rf "$dest"
"$cmake" --install "$build" --prefix "$dest" >/dev/null
page=$dest/share/man/man1/perfscore.1
test -x "$dest/bin/perfscore" || { echo "FAIL: no $dest/bin/perfscore"; exit 1; }
test -f "$page" || { echo "FAIL: no $page"; exit 1; }
cmp "$src" "$page" || { echo "FAIL: the installed page differs from docs/perfscore.1"; exit 1; }
if command -v groff >/dev/null 2>&1 && command -v preconv >/dev/null 2>&1; then
	warn=$(preconv "$page" | groff -man -Tutf8 -ww -z 2>&1) || true
	if [ -n "$warn" ]; then
		echo "FAIL: groff warnings:"
		echo "$warn"
		exit 1
	fi
fi
cmds=$("$dest/bin/perfscore" --help | sed -n '/^commands:/,/^$/p' | awk 'NF && !/^commands:/ { print $1 }')
test -n "$cmds" || { echo "FAIL: no commands in perfscore --help"; exit 1; }
for c in $cmds; do
	grep -q "^\.B perfscore $c\$" "$page" || { echo "FAIL: no SYNOPSIS line for '$c'"; exit 1; }
	grep -q "^\.B $c " "$page" || { echo "FAIL: no COMMANDS entry for '$c'"; exit 1; }
	"$dest/bin/perfscore" "$c" --help | grep -q '^examples:' || { echo "FAIL: '$c --help' has no examples"; exit 1; }
done
echo "ok: installed bin/perfscore and man1/perfscore.1; the page covers:" $cmds
