#!/usr/bin/env bash
# Times `tptriage check`'s safety verification on the shipped knowledge base
# (target: at least 100,000 combinations within 60 s on a 2-core machine;
# throughput toward 20,000 combinations per second with -j2).
# usage: bench/check-safety.sh [path/to/tptriage] [combinations budget]
set -euo pipefail
tp=${1:-./build/tptriage}
budget=${2:-200000}
start=$(date +%s.%N)
"$tp" check --combinations "$budget" | grep '^safety: [0-9]'
end=$(date +%s.%N)
echo "wall clock: $(echo "$end - $start" | bc 2>/dev/null || echo "?") s"
