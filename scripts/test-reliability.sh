#!/bin/sh
# The reliability suite against the real gateway process, at full scale unless RELIABILITY_SCALE says
# otherwise (docs/RELIABILITY.md). Thousands of sockets need more open files than some shells allow.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || ulimit -n 65536 2>/dev/null || true
RELIABILITY_SCALE="${RELIABILITY_SCALE:-full}" exec npx vitest run --config tests/reliability/vitest.config.ts "$@"
