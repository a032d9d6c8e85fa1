#!/bin/sh
# Builds Runtime/tests/rt_test.c against the runtime and runs every mode,
# checking output, stderr and exit status. Usage: Runtime/tests/run.sh [cc flags...]
# e.g. Runtime/tests/run.sh -fsanitize=address,undefined (with CC=clang-19)
set -u
here=$(cd "$(dirname "$0")" && pwd)
rt="$here/.."
out=${TMPDIR:-/tmp}/rt_test.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
CC=${CC:-cc}
$CC -std=gnu11 -O2 -g -fno-strict-aliasing -Wall -Wextra -DRT_TEST_MAIN -I"$rt/include" "$@" \
    "$rt"/*.c "$here/rt_test.c" -o "$out/rt_test" -lm -lpthread || exit 1
fails=0

# expect NAME STATUS STDOUT STDERR [env...] — runs rt_test NAME
expect() {
    mode=$1 status=$2 stdout=$3 stderr=$4
    shift 4
    env "$@" "$out/rt_test" "$mode" >"$out/stdout" 2>"$out/stderr"
    got=$?
    if [ "$got" != "$status" ] || [ "$(cat "$out/stdout")" != "$stdout" ] || [ "$(cat "$out/stderr")" != "$stderr" ]; then
        echo "FAIL $mode: status $got (want $status)"
        echo "  stdout: $(head -c 300 "$out/stdout")"
        echo "  stderr: $(head -c 300 "$out/stderr")"
        fails=$((fails + 1))
    else
        echo "ok   $mode"
    fi
}

# the in-process suite, with Python's float repr as an oracle when available
if command -v python3 >/dev/null; then
    python3 - >"$out/floats.txt" <<'PY'
import random, struct
random.seed(7)
vals = [2.0 ** e for e in range(-1074, 1024)] + [10.0 ** e for e in range(-323, 309)]
vals += [struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0] for _ in range(200000)]
vals += [random.uniform(-1e6, 1e6) for _ in range(50000)] + [round(random.uniform(-1e3, 1e3), 3) for _ in range(50000)]
for v in vals:
    print('%016x %r' % (struct.unpack('<Q', struct.pack('<d', v))[0], v))
PY
    "$out/rt_test" unit "$out/floats.txt" || fails=$((fails + 1))
else
    "$out/rt_test" unit || fails=$((fails + 1))
fi

expect deep 0 "1000000" ""
expect overflow 1 "" "error[stack-overflow]: stack overflow"
expect catch-overflow 0 "<error stack-overflow: stack overflow>
3" ""
expect uncaught 1 "before the error" "error[division-by-zero]: division by zero
  at prog.cl:4:3"
expect main 1 "before the error" "error[division-by-zero]: division by zero
  at prog.cl:4:3"
expect exit 3 "bye" ""
expect segv 70 "out" "error[internal]: segmentation fault"
expect shadow 1 "" "error[stack-overflow]: stack overflow"
expect raise 1 "" "error[my-error]: something bad
  at r.cl:9:1"
expect uncaught 1 "before the error" "error[division-by-zero]: division by zero
  at prog.cl:4:3" CLAUDE_GC_STRESS=1
expect oom 1 "" "error[out-of-memory]: out of memory" CLAUDE_HEAP_LIMIT_MB=64
expect list-repr 1 "" "error[type-error]: expected (List Int), got List [1.5 2.0]
  at l.cl:2:7"
expect raw-gc 0 "[4120]
[4096 4104 4112 4120 4128]
f69 item
raw words intact" ""

# GC statistics line
CLAUDE_GC_STATS=1 "$out/rt_test" deep >/dev/null 2>"$out/stderr"
if grep -Eq '^gc: collections=[0-9]+ allocated=[0-9]+ peak-heap=[0-9]+ total-pause=[0-9.]+ms max-pause=[0-9.]+ms$' "$out/stderr"; then
    echo "ok   gc-stats"
else
    echo "FAIL gc-stats: $(cat "$out/stderr")"; fails=$((fails + 1))
fi

# 10 million short-lived objects with a small live set stay under 50 MB RSS
if "$out/rt_test" churn; then echo "ok   churn"; else echo "FAIL churn"; fails=$((fails + 1)); fi

# the whole unit suite with a collection at every allocation
if CLAUDE_GC_STRESS=1 "$out/rt_test" unit >/dev/null; then echo "ok   unit under CLAUDE_GC_STRESS=1"; else echo "FAIL unit under stress"; fails=$((fails + 1)); fi

[ "$fails" = 0 ] && echo "all passed" || echo "$fails failed"
[ "$fails" = 0 ]
