#!/bin/sh
# Checks deploy/systemd/dateline.service with systemd-analyze (offline: systemd
# need not be PID 1). `verify` exits 0 even when it ignores a misspelt or
# misplaced setting, so any output on stderr fails the test too. Prints the
# `security` exposure score. Usage: systemd_unit_test.sh SOURCE_DIR DATELINE_BINARY
set -eu
src=$1
binary=$2
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze not installed (apt-get install systemd)"; exit 1
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# ExecStart= must name an existing binary: point it at the one just built.
sed "s|/usr/bin/dateline|$binary|" "$src/deploy/systemd/dateline.service" > "$dir/dateline.service"
systemd-analyze verify --man=no "$dir/dateline.service" > "$dir/out" 2> "$dir/err" || { cat "$dir/out" "$dir/err"; exit 1; }
if [ -s "$dir/err" ]; then echo "systemd-analyze verify complained:"; cat "$dir/err"; exit 1; fi
grep -q '^Type=notify$' "$dir/dateline.service"
grep -q '^WatchdogSec=' "$dir/dateline.service"
score=$(systemd-analyze security --offline=true "$dir/dateline.service" 2>/dev/null | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
echo "[ figures ] systemd-analyze security exposure: $score"
[ -n "$score" ] || { echo "no exposure score"; exit 1; }
# Fail when hardening regresses (the unit scores 1.1 with systemd 252).
awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'
