#!/usr/bin/env bash
# make bench: speed figures, each beside its goal or a baseline measured in this same run.
#   0. the terminal UI on the small demo bank (crm bench-ui, headless): time to first frame (goal 150 ms after
#      the database is open), key-to-frame time on a 100,000-row table (goal 16 ms) beside whole-frame redraws,
#      cells drawn per frame against cells changed (goal: no more), and the cockpit's drill-down.
#   S. customer search on the medium bank's first day (50,000 customers): the search index step of that day,
#      and per keystroke, typed into 全行客户查询 (crm bench-search, headless), at most 30 ms; and the customer
#      360 view's first frame, at most 100 ms.
#   1. tiny: generate plus load (goal: under 3 s).
#   2. medium: one business date's full batch after 30 days of history and after 300 days (goals: at most 5 s;
#      day 300 within 1.2x of day 30, compared in rows per second because the two days differ in size).
#      Also the churn and prospects steps of both days together (goal: at most 5 s), beside the day's whole batch.
#   3. large: the first day's full batch (goal: at most 60 s), and its transactions.csv step against
#      `sqlite3 .import` of the same file into a bare table (goal: within 2x).
#   P. precision marketing alone: the medium bank's first 90 days (of the 301 of part 2), the churn and prospects
#      steps of day 1, day 31, day 64 (1 March, a new month for the prospect window) and day 90 (goal: together at
#      most 5 s on each), beside the customer status step (one pass over every customer).
# Generated extracts are kept in $BENCH_DIR (default .build-bench) and reused by later runs.
# BENCH_ONLY=ui runs part 0 alone (a minute the first time, seconds after); BENCH_ONLY=search part S alone;
# BENCH_ONLY=batch parts 1 to 3; BENCH_ONLY=precision part P alone; BENCH_ONLY=server part H alone;
# BENCH_ONLY=sync part Y alone.
#   Y. sync (crm bench-sync) on the small demo bank loaded to its second-last day: the server's first publish of
#      every row, a team lead's initial download (the lead or branch head nearest 500 customers), then the last
#      day's batch on the server and the bytes of that day's incremental sync against the full replica's database
#      (goal: at most 2%) and against its first download, with the day's ops by table; last, the first sync of a
#      500-customer portfolio, the relationship manager with the largest book given assisting roles up to 500
#      customers (goal: within 5 s).
#   H. the server (scripts/bench-server.sh): the customer 360 view over HTTP (goal >= 2,000 requests/s, p99 <= 50 ms
#      at 32 connections) beside /health, and real-time ingest in movements/s, durable.
set -euo pipefail
cd "$(dirname "$0")/.."
CRM=.build/release/crm
DIR=${BENCH_DIR:-.build-bench}
mkdir -p "$DIR"

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
day_after() { date -u -d "$1 + $2 days" +%F; }
rows_of() { awk -F, 'NR > 1 { n += $2 } END { print n }' "$1/_manifest.csv"; }
generate() { # scale seed start days folder
  if [ ! -f "$5/.complete" ]; then
    rm -rf "$5"
    $CRM generate --scale "$1" --seed "$2" --start "$3" --days "$4" --out "$5" 2>/dev/null
    touch "$5/.complete"
  fi
}
step_seconds() { # the seconds of one step in `crm etl --timings` output
  grep '^timings' | sed -e "s/.*$1 \([0-9.]*\).*/\1/"
}
precision_steps() { # label, then one day's `crm etl --timings` output on stdin: churn plus prospects against the goal
  local timings churn prospects
  timings=$(cat)
  churn=$(step_seconds churn <<< "$timings")
  prospects=$(step_seconds prospects <<< "$timings")
  echo "$1: churn $churn s + prospects $prospects s = $(awk -v a="$churn" -v b="$prospects" 'BEGIN { printf "%.2f", a + b }') s (goal <= 5 s); customer status $(step_seconds 'customer status' <<< "$timings") s; the day's batch $(grep '^timings' <<< "$timings" | sed -e 's/.*total \([0-9.]*\):.*/\1/') s"
}

if [ "${BENCH_ONLY:-all}" = all ] || [ "${BENCH_ONLY:-all}" = ui ]; then
  echo "== terminal UI on the small demo bank (headless)"
  XDG_CACHE_HOME="$DIR/cache" $CRM demo --scale small --no-tui --db "$DIR/small-demo.sqlite" >/dev/null 2>&1
  $CRM bench-ui --db "$DIR/small-demo.sqlite"
  echo
fi
[ "${BENCH_ONLY:-all}" = ui ] && exit 0

if [ "${BENCH_ONLY:-all}" = all ] || [ "${BENCH_ONLY:-all}" = server ]; then
  echo "== the server over loopback (wrk)"
  BENCH_DIR="$DIR" bash scripts/bench-server.sh
  echo
fi
[ "${BENCH_ONLY:-all}" = server ] && exit 0

if [ "${BENCH_ONLY:-all}" = all ] || [ "${BENCH_ONLY:-all}" = sync ]; then
  echo "== sync: a scope's initial and one day's incremental download, a 500-customer portfolio's first (crm bench-sync)"
  SOURCE="$DIR/cache/crm/demo-small-seed42-2025-01-01-400"
  if [ ! -f "$DIR/small-sync.sqlite" ]; then
    [ -d "$SOURCE" ] || XDG_CACHE_HOME="$DIR/cache" $CRM demo --scale small --no-tui --db "$DIR/small-demo.sqlite" >/dev/null 2>&1
    BEFORE=$(ls "$SOURCE" | sort | tail -2 | head -1)
    echo "loading the small demo bank up to $BEFORE (once; about 6 minutes)"
    $CRM etl --db "$DIR/small-sync.sqlite" --source "$SOURCE" --to "$BEFORE" >/dev/null
  fi
  $CRM bench-sync --db "$DIR/small-sync.sqlite" --source "$SOURCE"
  echo
fi
[ "${BENCH_ONLY:-all}" = sync ] && exit 0

if [ "${BENCH_ONLY:-all}" = all ] || [ "${BENCH_ONLY:-all}" = search ]; then
  echo "== customer search on the medium bank's first day (goal <= 30 ms per keystroke)"
  generate medium 7 2025-01-02 1 "$DIR/medium-1"
  rm -f "$DIR/search.sqlite"*
  $CRM etl --source "$DIR/medium-1" --db "$DIR/search.sqlite" --timings > "$DIR/search-day1.txt" 2>/dev/null
  echo "search index step on the first day: $(step_seconds 'search index' < "$DIR/search-day1.txt") s"
  $CRM bench-search --db "$DIR/search.sqlite"
  echo "every module's first frame on the medium bank's first day:"
  $CRM bench-ui --screens --db "$DIR/search.sqlite"
  rm -f "$DIR/search.sqlite"*
  echo
fi
[ "${BENCH_ONLY:-all}" = search ] && exit 0

if [ "${BENCH_ONLY:-all}" = precision ]; then
  echo "== precision marketing on the medium bank: churn scoring and prospect ranking (goal <= 5 s together)"
  generate medium 7 2024-12-28 301 "$DIR/medium-301"
  rm -f "$DIR/precision.sqlite"*
  $CRM etl --source "$DIR/medium-301" --db "$DIR/precision.sqlite" --to 2024-12-28 --timings > "$DIR/precision-day1.txt" 2>/dev/null
  precision_steps "day 1" < "$DIR/precision-day1.txt"
  $CRM etl --source "$DIR/medium-301" --db "$DIR/precision.sqlite" --to 2025-03-27 --timings > "$DIR/precision-days.txt" 2>/dev/null
  grep '^timings 2025-01-27' "$DIR/precision-days.txt" | precision_steps "day 31"
  grep '^timings 2025-03-01' "$DIR/precision-days.txt" | precision_steps "day 64"
  grep '^timings 2025-03-27' "$DIR/precision-days.txt" | precision_steps "day 90"
  rm -f "$DIR/precision.sqlite"*
  exit 0
fi

echo "== tiny: generate plus load (goal < 3 s)"
rm -rf "$DIR/tiny" "$DIR/tiny.sqlite"*
t0=$(now)
$CRM generate --scale tiny --seed 1 --out "$DIR/tiny" 2>/dev/null
t1=$(now)
$CRM etl --source "$DIR/tiny" --db "$DIR/tiny.sqlite" >/dev/null 2>&1
t2=$(now)
echo "tiny: generate $(seconds "$t0" "$t1") s + load $(seconds "$t1" "$t2") s = $(seconds "$t0" "$t2") s"

echo
echo "== medium: one day's full batch after 30 and after 300 days of history (goal <= 5 s, ratio <= 1.2)"
START=2024-12-28   # days 31 and 301 are ordinary weekdays, neither month nor quarter end
MED="$DIR/medium-301"
generate medium 7 "$START" 301 "$MED"
rm -f "$DIR/medium.sqlite"*
measure_day() { # day number (1-based): load the days before it untimed, then time it alone
  local target before t0 t1 rows
  target=$(day_after "$START" $(($1 - 1)))
  before=$(day_after "$START" $(($1 - 2)))
  $CRM etl --source "$MED" --db "$DIR/medium.sqlite" --to "$before" >/dev/null 2>&1
  t0=$(now)
  $CRM etl --source "$MED" --db "$DIR/medium.sqlite" --to "$target" --timings > "$DIR/medium-day$1.txt" 2>/dev/null
  t1=$(now)
  rows=$(rows_of "$MED/$target")
  echo "day $1 ($target, $rows rows): $(seconds "$t0" "$t1") s, $(awk -v r="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", r / (b - a) }') rows/s" >&2
  awk -v r="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / r }'
}
per_row_31=$(measure_day 31)
per_row_301=$(measure_day 301)
echo "day 301 / day 31, seconds per row: $(ratio "$per_row_301" "$per_row_31")"
precision_steps "churn and prospects, day 31" < "$DIR/medium-day31.txt"
precision_steps "churn and prospects, day 301" < "$DIR/medium-day301.txt"
grep '^timings' "$DIR/medium-day301.txt" | cut -c1-400
rm -f "$DIR/medium.sqlite"*   # about 8 GB; the extracts stay for the next run

echo
echo "== large: the first day's full batch (goal <= 60 s) and transactions.csv against sqlite3 .import (goal <= 2x)"
LARGE="$DIR/large-1"
generate large 7 2025-01-02 1 "$LARGE"
rm -f "$DIR/large.sqlite"*
t0=$(now)
$CRM etl --source "$LARGE" --db "$DIR/large.sqlite" --timings > "$DIR/large-day1.txt" 2>/dev/null
t1=$(now)
rows=$(rows_of "$LARGE/2025-01-02")
echo "large day 1 ($rows rows): $(seconds "$t0" "$t1") s, $(awk -v r="$rows" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", r / (b - a) }') rows/s"
crm_txn=$(step_seconds 'transactions.csv' < "$DIR/large-day1.txt")
rm -f "$DIR/import.sqlite"
t0=$(now)
sqlite3 "$DIR/import.sqlite" ".mode csv" ".import $LARGE/2025-01-02/transactions.csv transactions"
t1=$(now)
import=$(seconds "$t0" "$t1")
echo "transactions.csv ($(awk -F, '$1 == "transactions.csv" { print $2 }' "$LARGE/2025-01-02/_manifest.csv") rows): crm etl step $crm_txn s, sqlite3 .import $import s, ratio $(ratio "$crm_txn" "$import")"
grep '^timings' "$DIR/large-day1.txt" | cut -c1-600
rm -f "$DIR/import.sqlite" "$DIR/large.sqlite"*
