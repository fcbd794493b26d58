#!/bin/sh
# run.sh: run one golden test (a folder with a `cmd` file) and compare its
# stdout, stderr and exit status with the expected files. See README.md.
#
# usage: run.sh [PERFSCORE] DIR      (PERFSCORE may also come from the environment)
#        PS_UPDATE_GOLDEN=1 run.sh ... rewrites the expected files instead.
set -u

if [ $# -eq 2 ]; then
	PERFSCORE=$1
	shift
fi
if [ $# -ne 1 ] || [ ! -f "$1/cmd" ]; then
	echo "usage: run.sh [PERFSCORE] DIR   (DIR must contain a 'cmd' file)" >&2
	exit 2
fi
: "${PERFSCORE:?set PERFSCORE or pass the perfscore binary as the first argument}"
case $PERFSCORE in
/*) ;;
*) PERFSCORE=$(cd "$(dirname "$PERFSCORE")" && pwd)/$(basename "$PERFSCORE") ;;
esac
dir=$(cd "$1" && pwd)
name=$(basename "$dir")
update=${PS_UPDATE_GOLDEN:-0}

if [ -f "$dir/pending" ] && [ "$update" != 1 ]; then
	echo "golden $name: SKIPPED (pending: $(head -n 1 "$dir/pending"))"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/work"

# A fixed, plain environment: no colour, C locale, UTC, 120 columns.
(
	cd "$dir" &&
		NO_COLOR=1 LC_ALL=C TZ=UTC COLUMNS=120 PERFSCORE=$PERFSCORE GOLDEN_TMP="$tmp/work" \
			sh ./cmd </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
)
rc=$?

# The one expected file for stdout, whichever format its name says.
out_file=
for f in expected.out expected.json expected.ndjson expected.table expected.csv expected.md; do
	if [ -f "$dir/$f" ]; then
		out_file=$f
		break
	fi
done
want_rc=0
[ -f "$dir/expected.exit" ] && want_rc=$(cat "$dir/expected.exit")

if [ "$update" = 1 ]; then
	if [ -n "$out_file" ]; then
		cp "$tmp/stdout" "$dir/$out_file"
	elif [ -s "$tmp/stdout" ]; then
		cp "$tmp/stdout" "$dir/expected.out"
	fi
	if [ -f "$dir/expected.stderr" ] || [ -s "$tmp/stderr" ]; then
		cp "$tmp/stderr" "$dir/expected.stderr"
	fi
	if [ -f "$dir/expected.exit" ] || [ "$rc" -ne 0 ]; then
		echo "$rc" >"$dir/expected.exit"
	fi
	rm -f "$dir/pending"
	echo "golden $name: updated (exit $rc)"
	exit 0
fi

fail=0
if [ -n "$out_file" ]; then
	if ! cmp -s "$dir/$out_file" "$tmp/stdout"; then
		echo "golden $name: stdout differs from $out_file:"
		diff -u "$dir/$out_file" "$tmp/stdout" | head -n 200
		fail=1
	fi
elif [ -s "$tmp/stdout" ]; then
	echo "golden $name: unexpected output on stdout:"
	head -n 50 "$tmp/stdout"
	fail=1
fi
if [ -f "$dir/expected.stderr" ] && ! cmp -s "$dir/expected.stderr" "$tmp/stderr"; then
	echo "golden $name: stderr differs from expected.stderr:"
	diff -u "$dir/expected.stderr" "$tmp/stderr" | head -n 100
	fail=1
fi
if [ "$rc" != "$want_rc" ]; then
	echo "golden $name: exit status $rc, expected $want_rc"
	[ -f "$dir/expected.stderr" ] || head -n 20 "$tmp/stderr"
	fail=1
fi
if [ "$fail" = 0 ]; then
	echo "golden $name: ok"
fi
exit "$fail"
