#!/usr/bin/env bash
# Starts or stops the Medplum FHIR router server (server.js) in the background, by PID.
#   test/fhir-servers/medplum/server.sh start|stop|status
# Port: IPT_FHIR_PORT (default 8092); base URL http://127.0.0.1:<port>/fhir.
# PID and log: ${TMPDIR:-/tmp}/ipt-fhir-servers/medplum-<port>.{pid,log}, the files ../launch.js
# uses, so either can stop what the other started.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${IPT_FHIR_PORT:-8092}"
run="${TMPDIR:-/tmp}"
run="${run%/}/ipt-fhir-servers"
pidfile="$run/medplum-$port.pid"
logfile="$run/medplum-$port.log"
url="http://127.0.0.1:$port/fhir"

running() { [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url/Patient?_count=1"; }

case "${1:-}" in
  start)
    mkdir -p "$run"
    if running; then echo "already running: pid $(cat "$pidfile"), $url"; exit 1; fi
    if answers; then echo "something else already answers at $url"; exit 1; fi
    nohup node "$here/server.js" "$port" >"$logfile" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 480); do # up to 120 s
      if answers; then echo "medplum FHIR router at $url (pid $(cat "$pidfile"))"; exit 0; fi
      if ! running; then echo "the server exited:"; cat "$logfile"; rm -f "$pidfile"; exit 1; fi
      sleep 0.25
    done
    echo "no answer at $url after 120 s; stopping it"; "$0" stop; exit 1
    ;;
  stop)
    if ! running; then rm -f "$pidfile"; echo "not running"; exit 0; fi
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    rm -f "$pidfile" "$logfile"
    echo "stopped pid $pid"
    ;;
  status)
    if running; then echo "running: pid $(cat "$pidfile"), $url"; else echo "not running"; exit 1; fi
    ;;
  *)
    echo "usage: $0 start|stop|status   (port: IPT_FHIR_PORT, default 8092)" >&2
    exit 2
    ;;
esac
