#!/usr/bin/env bash
# Sizing a batch split by county (docs/batch.md): generates N counties of
# S schools x T teachers, then measures with GNU time
#
#   load      `validate` of the whole data set (what every shard pays first)
#   shard     `solve --county C` for each county, one after the other
#   merge     `merge` of the N shards
#   whole     one `solve` over all counties (skip with --no-whole)
#
# and checks that the merged roster, coverage and report are byte-identical
# to the whole run's. Prints one line per step: step wall_s peak_rss_mib.
# Shards and the whole run use --threads 1 (see docs/batch.md, "Thread
# count"), so the whole run solves its counties one at a time too.
#
# Usage: scripts/shards.sh [--counties N] [--schools S] [--teachers T]
#                          [--gap G] [--no-whole] [DIR]
# (defaults 10 counties, 150 x 33, the policy's gap; DIR /tmp/rotaplan-shards)
set -euo pipefail
counties=10 schools=150 teachers=33 gap="" whole=1 dir=/tmp/rotaplan-shards
while [ $# -gt 0 ]; do
    case "$1" in
        --counties) counties="$2"; shift 2 ;;
        --schools) schools="$2"; shift 2 ;;
        --teachers) teachers="$2"; shift 2 ;;
        --gap) gap="$2"; shift 2 ;;
        --no-whole) whole=0; shift ;;
        -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
        *) dir="$1"; shift ;;
    esac
done
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
bin=$PWD/${CARGO_TARGET_DIR:-target}/release/rotaplan
data=$dir/data
flags=(--as-of 2026-11-23 --threads 1 --quiet)
[ -n "$gap" ] && flags+=(--gap "$gap")
mkdir -p "$dir"
[ -f "$data/schools.csv" ] || "$bin" generate --counties "$counties" \
    --schools-per-county "$schools" --teachers-per-school "$teachers" --seed 2027 "$data" >/dev/null

measure() { # step command...
    local step=$1
    shift
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null
    read -r wall kib <"$dir/time"
    printf '%-22s %8.1f s %8d MiB\n' "$step" "$wall" $((kib / 1024))
}

measure load "$bin" validate "$data" --as-of 2026-11-23
python3 -c 'import csv,sys; print("\n".join(sorted({r["county"] for r in csv.DictReader(open(sys.argv[1]))})))' \
    "$data/schools.csv" >"$dir/counties.txt"
i=0
while read -r county; do
    i=$((i + 1))
    measure "shard $i ($county)" "$bin" solve "$data" "${flags[@]}" --county "$county" --out "$dir/shard-$i"
done <"$dir/counties.txt"
measure merge "$bin" merge "$dir"/shard-* --out "$dir/merged"
if [ "$whole" = 1 ]; then
    measure whole "$bin" solve "$data" "${flags[@]}" --out "$dir/whole"
    for file in roster.csv coverage.csv report.html; do
        cmp "$dir/whole/$file" "$dir/merged/$file"
    done
    echo "merged roster.csv, coverage.csv, report.html: identical to the whole run's"
fi
