#!/usr/bin/env bash
# The server's speed (scripts/bench.sh runs it when BENCH_ONLY is unset or `server`): a release `crm server` on a copy
# of the small demo bank, loaded over loopback by wrk (2 threads, 32 connections, 10 s each):
#   1. GET /health, the trivial route: the baseline of what the HTTP stack alone costs;
#   2. GET /customers/{id}, the customer 360 view, as a relationship manager, rotating over the customers in scope
#      (goal: >= 2,000 requests/s with p99 <= 50 ms on 2 cores), after one look at each: the documents as the
#      server keeps them until the data changes;
#   2b. the same customers on earlier days, every document read and rendered afresh: the cost after any change;
#   3. POST /ingest/movements, 500 movements a request from a service token: movements/s stored durably
#      (synchronous=FULL), counted back from the database afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
CRM=${CRM:-.build/release/crm}
DIR=${BENCH_DIR:-.build-bench}
PORT=${BENCH_PORT:-18473}
URL="http://127.0.0.1:$PORT"
DB="$DIR/server.sqlite"
PASSWORD='Bench!Passw0rd'
mkdir -p "$DIR"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ ! -f "$DIR/small-demo.sqlite" ]; then
  XDG_CACHE_HOME="$DIR/cache" $CRM demo --scale small --no-tui --db "$DIR/small-demo.sqlite" >/dev/null 2>&1
fi
rm -f "$DB"*
sqlite3 "$DIR/small-demo.sqlite" "VACUUM INTO '$DB'"

# Accounts: the first administrator, and the relationship manager with the most customers.
ADMIN=$(sqlite3 "$DB" "SELECT staff_id FROM base_staff WHERE position = 'ADMIN' AND status = 'ACTIVE' ORDER BY staff_id LIMIT 1")
RM=$(sqlite3 "$DB" "SELECT m.staff_id FROM base_customer_manager m JOIN base_staff s ON s.staff_id = m.staff_id
                    WHERE s.position = 'RM' AND s.status = 'ACTIVE' GROUP BY m.staff_id ORDER BY COUNT(*) DESC, m.staff_id LIMIT 1")
echo "$PASSWORD" | $CRM admin init --staff "$ADMIN" --db "$DB" >/dev/null
TEMPORARY=$($CRM admin user add "$RM" --as "$ADMIN" --db "$DB" | sed -e 's/.*temporary password \([^ ]*\) .*/\1/')
SERVICE=$($CRM admin service-token create bench-core-banking --as "$ADMIN" --db "$DB")

$CRM server --db "$DB" --port "$PORT" 2> "$DIR/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
# The first start publishes every row into the sync log (about half a minute on this bank) before it listens.
for _ in $(seq 1 3000); do curl -sf "$URL/health" >/dev/null && break; sleep 0.1; done

post() { curl -sf -H 'Content-Type: application/json' -d "$2" "$URL$1"; }
post /auth/password "{\"staff_id\":\"$RM\",\"current_password\":\"$TEMPORARY\",\"new_password\":\"$PASSWORD\"}" >/dev/null
TOKEN=$(post /auth/sign-in "{\"staff_id\":\"$RM\",\"password\":\"$PASSWORD\",\"device_id\":\"bench\",\"device_name\":\"bench\"}" \
  | sed -e 's/.*"access_token":"\([^"]*\)".*/\1/')

summary() { # label: requests/s and p99 from wrk's --latency output on stdin
  local out
  out=$(cat)
  echo "$1: $(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<< "$out") requests/s, p99 $(awk '$1 == "99%" { print $2 }' <<< "$out")$(grep -q 'Non-2xx' <<< "$out" && echo "; $(grep 'Non-2xx' <<< "$out" | xargs)")"
}

cat > "$DIR/customers.lua" <<LUA
ids = { $(sqlite3 "$DB" "SELECT '\"' || customer_id || '\"' FROM base_customer_manager WHERE staff_id = '$RM' ORDER BY customer_id" | paste -sd,) }
n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/customers/" .. ids[n % #ids + 1], { ["Authorization"] = "Bearer $TOKEN" })
end
LUA
echo "== crm server on the small demo bank: $(sqlite3 "$DB" "SELECT COUNT(*) FROM base_customer") customers, $RM's $(sqlite3 "$DB" "SELECT COUNT(*) FROM base_customer_manager WHERE staff_id = '$RM'") in scope"
# The same customers on days the cache has not seen: every request reads and renders the document afresh, as after
# a change anywhere in the bank (any committed change makes every kept document stale).
sed -e 's|ids\[n % #ids + 1\]|ids[n % #ids + 1] .. "?as_of=" .. days[math.floor(n / #ids) % #days + 1]|' "$DIR/customers.lua" > "$DIR/customers-uncached.lua"
echo "days = { $(sqlite3 "$DB" "SELECT '\"' || biz_date || '\"' FROM if_batch ORDER BY biz_date DESC LIMIT 300 OFFSET 1" | paste -sd,) }" >> "$DIR/customers-uncached.lua"
wrk -t2 -c32 -d10s --latency "$URL/health" | summary "GET /health (baseline)"
# One look at each customer first: the run below measures the documents as kept, not their first reading.
wrk -t1 -c1 -d2s -s "$DIR/customers.lua" "$URL" > /dev/null
wrk -t2 -c32 -d10s --latency -s "$DIR/customers.lua" "$URL" | summary "GET /customers/{id} (goal >= 2000 requests/s, p99 <= 50 ms)"
wrk -t2 -c32 -d10s --latency -s "$DIR/customers-uncached.lua" "$URL" | summary "GET /customers/{id}?as_of= (every document read afresh)"

cat > "$DIR/ingest.lua" <<LUA
accounts = { $(sqlite3 "$DB" "SELECT '\"' || account_no || '\"' FROM base_account ORDER BY account_no LIMIT 200" | paste -sd,) }
counter = 0
setup = function(thread) thread:set("prefix", tostring(thread)) end
request = function()
  counter = counter + 1
  local items = {}
  for i = 1, 500 do
    items[i] = string.format('{"movement_id":"%s-%d-%d","account_id":"%s","amount_fen":%d,"direction":"%s","balance_after_fen":100000000,"occurred_at":"2025-03-02T10:15:00+08:00"}',
      prefix, counter, i, accounts[(counter * 7 + i) % #accounts + 1], ((counter * 500 + i) * 104729) % 120000000 + 1, i % 2 == 0 and "C" or "D")
  end
  return wrk.format("POST", "/ingest/movements", { ["Authorization"] = "Bearer $SERVICE", ["Content-Type"] = "application/json" },
    '{"movements":[' .. table.concat(items, ",") .. ']}')
end
LUA
before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM rt_movement")
t0=$(date +%s.%N)
wrk -t2 -c4 -d10s --latency -s "$DIR/ingest.lua" "$URL" > "$DIR/ingest-wrk.txt"
t1=$(date +%s.%N)
stored=$(( $(sqlite3 "$DB" "SELECT COUNT(*) FROM rt_movement") - before ))
summary "POST /ingest/movements (500 a request, 4 connections)" < "$DIR/ingest-wrk.txt"
echo "ingest: $stored movements stored durably (synchronous=FULL), $(awk -v n="$stored" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }') movements/s, $(sqlite3 "$DB" "SELECT COUNT(*) FROM rt_alert") real-time alerts"
