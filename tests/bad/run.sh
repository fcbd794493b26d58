#!/bin/sh
# run.sh PERFSCORE NAME: run one case of the bad-input catalogue (cases.tsv)
# in a fresh temporary directory holding the inputs it names (made by gen.py):
# the exit code must be the documented one, stderr must hold the expected
# line exactly (and no other error line), and the -o file must exist or not.
set -u
ps=$1
name=$2
here=$(cd "$(dirname "$0")" && pwd)
line=$(awk -F '\t' -v n="$name" '$1 == n' "$here/cases.tsv")
if [ -z "$line" ]; then
	echo "run.sh: no case '$name' in cases.tsv" >&2
	exit 2
fi
field() { printf '%s\n' "$line" | awk -F '\t' -v i="$1" '{print $i}'; }
args=$(field 2)
want_rc=$(field 3)
want_err=$(field 4)
want_out=$(field 5)
check=$(field 6)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(printf '%s\n' "$args" | tr ' ' '\n' | grep -E '\.(csv|json)$' | grep -v '^out\.' || true)
# shellcheck disable=SC2086
python3 "$here/gen.py" "$tmp" $files || exit 1
cd "$tmp" || exit 1
# shellcheck disable=SC2086
"$ps" $args >stdout.txt 2>stderr.txt
rc=$?
fail=0
say() { echo "bad.$name: $*" >&2; fail=1; }

[ "$rc" = "$want_rc" ] || say "exit $rc, expected $want_rc"
if [ "$want_err" = "-" ]; then
	[ -s stderr.txt ] && say "stderr should be empty"
else
	grep -Fxq -- "$want_err" stderr.txt || say "stderr lacks the line: $want_err"
	want_errors=0
	case $want_err in *": error: "*) want_errors=1 ;; esac
	n=$(grep -c ': error: ' stderr.txt)
	[ "$n" = "$want_errors" ] || say "$n error lines, expected $want_errors"
fi
out=$(printf '%s\n' "$args" | sed -n 's/.*-o \([^ ]*\).*/\1/p')
case $want_out in
none)
	[ -e "$out" ] && say "$out was written"
	leftover=$(ls -A | grep -v -E '^(stdout|stderr)\.txt$' | grep -v -x -F "$(echo $files | tr ' ' '\n')" || true)
	[ -n "$leftover" ] && say "files left behind: $leftover"
	;;
file)
	[ -s "$out" ] || say "$out was not written"
	;;
esac
case $check in
stdout-empty)
	[ -s stdout.txt ] && say "stdout should be empty"
	;;
lines=*)
	n=$(wc -l <"$out")
	[ "$n" = "${check#lines=}" ] || say "$out has $n lines, expected ${check#lines=}"
	;;
score=*)
	s=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["units"][0]["indicators"][0]["score"])' "$out")
	[ "$s" = "${check#score=}" ] || say "score $s, expected ${check#score=}"
	;;
esac
if [ "$fail" != 0 ]; then
	echo "--- stderr:" >&2
	head -c 2000 stderr.txt >&2
	exit 1
fi
echo "bad.$name: ok"
