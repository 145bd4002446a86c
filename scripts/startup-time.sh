#!/usr/bin/env bash
# Start-up time of `movies run --sample` as a process: each command N times, interleaved, each run in a
# fresh empty folder (so ./lake starts empty), then the median, min and max of wall and CPU (user+sys)
# seconds per command. Usage, from the repository root after `dotnet build src/Movies.Cli -c Release`:
#   bash scripts/startup-time.sh 9 "dotnet $PWD/src/Movies.Cli/bin/Release/net10.0/movies.dll run --sample" \
#                                  "dotnet run --project $PWD/src/Movies.Cli -- run --sample"
set -euo pipefail
runs=$1
shift
results=$(mktemp)
trap 'rm -f "$results"' EXIT
TIMEFORMAT='%R %U %S'
for ((i = 1; i <= runs; i++)); do
  for ((c = 1; c <= $#; c++)); do
    folder=$(mktemp -d)
    timing=$( { time (cd "$folder" && bash -c "${!c}" > /dev/null 2>&1); } 2>&1 )
    rm -rf "$folder"
    echo "$c $timing" >> "$results"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f %.2f %.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }
for ((c = 1; c <= $#; c++)); do
  read -r wall low high < <(awk -v c="$c" '$1 == c { print $2 }' "$results" | median)
  read -r cpu _ _ < <(awk -v c="$c" '$1 == c { print $3 + $4 }' "$results" | median)
  echo "wall median $wall s (min $low, max $high), cpu median $cpu s, $runs runs: ${!c}"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
