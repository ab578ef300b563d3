#!/usr/bin/env bash
# The scaling curve of `rotaplan solve` (issue 5): generates data sets of 1, 5,
# 20 and 50 counties of 150 schools x 33 teachers, solves each with the
# release binary, and prints one line per data set:
#
#   counties teachers variables constraints build_s highs_s wall_s peak_rss_mib status
#
# variables, constraints, build_s (model build) and highs_s (HiGHS) come from
# the run's summary.json and are summed over the counties, which are solved
# in parallel; wall_s and peak_rss_mib are the whole process's (load, build,
# solve, write), measured by GNU time. The table is also written to
# DIR/scaling.tsv; each run's output and log stay in DIR/<data set>/.
#
# Usage: scripts/scaling.sh [options] [DIR]      (DIR default /tmp/rotaplan-scaling)
#
#   --counties "1 5 20 50"  county counts to run (space- or comma-separated)
#   --schools S             schools per county (default 150)
#   --teachers T            average teachers per school (default 33)
#   --seed K                generator seed (default 2027)
#   --time-limit S          passed to solve (default: the policy's, 300 s)
#   --gap G                 passed to solve (default: the policy's)
#   --threads N             passed to solve (default: the policy's, all cores)
#   --bin PATH              rotaplan binary to use (default: build
#                           ${CARGO_TARGET_DIR:-target}/release/rotaplan first)
#
# A data set already generated with the same parameters is reused. Large runs
# take long and need memory: 50 counties is about 250,000 teachers. Quick
# check that the script works:
#
#   scripts/scaling.sh --counties 1 --schools 24 --teachers 29 /tmp/scaling-check
#
# Needs python3 (to read summary.json) and GNU time for the peak memory
# (Debian/Ubuntu: apt-get install time); without GNU time, wall time is still
# measured and peak_rss_mib is "-".
set -euo pipefail

die() {
    echo "scaling: $*" >&2
    exit 1
}

counties="1 5 20 50"
schools=150
teachers=33
seed=2027
as_of=2026-11-23
bin=""
solve_flags=()
dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --counties) counties="${2//,/ }"; shift 2 ;;
        --schools) schools="$2"; shift 2 ;;
        --teachers) teachers="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --time-limit) solve_flags+=(--time-limit "$2"); shift 2 ;;
        --gap) solve_flags+=(--gap "$2"); shift 2 ;;
        --threads) solve_flags+=(--threads "$2"); shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        -h | --help) sed -n '2,34p' "$0"; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *)
            [ -z "$dir" ] || die "more than one DIR given"
            dir="$1"; shift ;;
    esac
done
dir="${dir:-/tmp/rotaplan-scaling}"
for n in $counties $schools $teachers $seed; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -gt 0 ] || die "not a positive whole number: $n"
done

command -v python3 >/dev/null 2>&1 || die "python3 is needed to read summary.json"

gnu_time=""
for t in /usr/bin/time "$(command -v gtime 2>/dev/null || true)"; do
    if [ -n "$t" ] && [ -x "$t" ] && "$t" --version 2>&1 | grep -q "GNU"; then
        gnu_time="$t"
        break
    fi
done
if [ -z "$gnu_time" ]; then
    echo "scaling: GNU time not found, so no peak memory is measured;" >&2
    echo "scaling: install it with: apt-get install time (macOS: brew install gnu-time)" >&2
fi

repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "$bin" ]; then
    echo "scaling: building the release binary" >&2
    (cd "$repo" && cargo build --release --locked --quiet)
    target="${CARGO_TARGET_DIR:-$repo/target}"
    case "$target" in /*) ;; *) target="$repo/$target" ;; esac
    bin="$target/release/rotaplan"
fi
[ -x "$bin" ] || die "no rotaplan binary at $bin"
# --log-json, where the binary has it, leaves a JSON line in each solve.log;
# the figures are read from summary.json either way.
if "$bin" solve --help 2>/dev/null | grep -q -- "--log-json"; then
    solve_flags+=(--log-json)
fi

mkdir -p "$dir"
tsv="$dir/scaling.tsv"

# Prints one row of the table from a run's files (or the header with no
# arguments), and appends it to the TSV.
row() {
    python3 - "$tsv" "$@" <<'PY'
import csv, json, os, re, sys

COLUMNS = ["counties", "teachers", "variables", "constraints", "build_s",
           "highs_s", "wall_s", "peak_rss_mib", "status"]
WIDTHS = [8, 9, 10, 11, 8, 9, 9, 12, 10]

def show(cells):
    print("  ".join(str(c).rjust(w) for c, w in zip(cells, WIDTHS)), flush=True)

tsv = sys.argv[1]
if len(sys.argv) == 2:
    show(COLUMNS)
    with open(tsv, "w") as f:
        f.write("\t".join(COLUMNS) + "\n")
    sys.exit()

counties, data, rc, time_file, wall = sys.argv[2:7]
with open(os.path.join(data, "teachers.csv"), encoding="utf-8-sig", newline="") as f:
    n_teachers = sum(1 for _ in csv.reader(f)) - 1

cells = dict(counties=counties, teachers=n_teachers)
summary_path = os.path.join(data, "out", "summary.json")
if os.path.exists(summary_path):
    with open(summary_path, encoding="utf-8") as f:
        summary = json.load(f)
    model = summary.get("model") or {}
    cells.update(variables=model.get("variables", "-"),
                 constraints=model.get("constraints", "-"),
                 build_s=f"{model['build_seconds']:.2f}" if "build_seconds" in model else "-",
                 highs_s=f"{summary.get('solve_seconds', 0):.2f}",
                 status=summary.get("status", "-"))
else:
    # No roster was written: the exit code says why (SPEC section 5).
    cells["status"] = {"1": "invalid", "2": "infeasible", "3": "time_limit",
                       "4": "error"}.get(rc, f"exit {rc}")

if os.path.exists(time_file):
    text = open(time_file, encoding="utf-8", errors="replace").read()
    m = re.search(r"Elapsed \(wall clock\) time.*?: (?:(\d+):)?(\d+):([\d.]+)", text)
    if m:
        h, mnt, s = m.groups()
        wall = str(int(h or 0) * 3600 + int(mnt) * 60 + float(s))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        cells["peak_rss_mib"] = f"{int(m.group(1)) / 1024:.0f}"
cells["wall_s"] = f"{float(wall):.2f}"

values = [cells.get(c, "-") for c in COLUMNS]
show(values)
with open(tsv, "a") as f:
    f.write("\t".join(map(str, values)) + "\n")
PY
}

now() { python3 -c 'import time; print(time.time())'; }

row
for n in $counties; do
    data="$dir/c${n}-${schools}x${teachers}-s${seed}"
    params="$n $schools $teachers $seed"
    if [ "$(cat "$data/.params" 2>/dev/null)" != "$params" ]; then
        echo "scaling: generating $n x $schools x $teachers into $data" >&2
        rm -rf "$data"
        "$bin" generate --counties "$n" --schools-per-county "$schools" \
            --teachers-per-school "$teachers" --seed "$seed" "$data" >/dev/null
        echo "$params" >"$data/.params"
    fi
    rm -rf "$data/out" "$data/time.txt"
    cmd=("$bin" solve "$data" --as-of "$as_of" --out "$data/out" --quiet ${solve_flags[@]+"${solve_flags[@]}"})
    started="$(now)"
    rc=0
    if [ -n "$gnu_time" ]; then
        "$gnu_time" -v -o "$data/time.txt" "${cmd[@]}" >"$data/solve.log" 2>&1 || rc=$?
    else
        "${cmd[@]}" >"$data/solve.log" 2>&1 || rc=$?
    fi
    wall="$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$started" "$(now)")"
    row "$n" "$data" "$rc" "$data/time.txt" "$wall"
done
echo "scaling: table written to $tsv; logs in $dir/*/solve.log" >&2
