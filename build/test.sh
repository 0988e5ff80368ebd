#!/usr/bin/env bash
# Runs every test of Jianguan on SQLite and on a real PostgreSQL, and the browser tests in Chromium.
# Installs what the tests need through apt when it is missing (PostgreSQL, Chromium, the documents' fonts,
# poppler-utils to read PDFs back),
# starts a throwaway PostgreSQL cluster on loopback, runs `dotnet test`, and removes the cluster.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Calendar").
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
[ -f /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
PG_BIN=$(pg_bin)

# A throwaway cluster: PostgreSQL refuses to run as root, so root runs it as the packaged 'postgres' user.
pgdir=$(mktemp -d /tmp/jianguan-pg.XXXXXX)
run_pg=()
if [ "$(id -u)" -eq 0 ]; then run_pg=(runuser -u postgres --); chown postgres "$pgdir"; fi
password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$password" > "$pgdir/pwfile"
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir/pwfile"
port=""
for candidate in $(seq 55433 55533); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free loopback port for PostgreSQL" >&2; exit 1; }

stop_pg() {
  "${run_pg[@]}" "$PG_BIN/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap stop_pg EXIT
"${run_pg[@]}" "$PG_BIN/initdb" -D "$pgdir/data" -U postgres --pwfile="$pgdir/pwfile" -A scram-sha-256 -E UTF8 --no-locale >/dev/null
# Durability settings off: the cluster lives for one test run.
"${run_pg[@]}" "$PG_BIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export JIANGUAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password"
export JIANGUAN_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
set +e
dotnet test Jianguan.slnx "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for CI: the sum over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
