#!/usr/bin/env bash
# HAPI FHIR JPA server (R4, H2 in memory) for the sync tests, on 127.0.0.1 only.
#
#   server.sh build    mvn -q -B package (downloads go to ~/.m2; needs Java 17+ and Maven)
#   server.sh start    starts java in the background (builds first if never built), writes the PID
#                      file, waits until /metadata answers, prints the base URL; on failure prints
#                      the log tail, stops what it started and exits 1
#   server.sh stop     kills the PID in the PID file and waits for it to exit
#   server.sh status   says whether it runs
#
# Environment: HAPI_PORT (default 8091), HAPI_START_TIMEOUT seconds (default 300), HAPI_JAVA_OPTS
# (replaces the JVM flags below), HAPI_RUN_DIR (PID file and log; default target/run beside this file).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
PORT="${HAPI_PORT:-8091}"
TIMEOUT="${HAPI_START_TIMEOUT:-300}"
RUN_DIR="${HAPI_RUN_DIR:-$HERE/target/run}"
PID_FILE="$RUN_DIR/hapi.pid"
LOG="$RUN_DIR/hapi.log"
JAR="$HERE/target/hapi-test-server.jar"
CP_FILE="$HERE/target/classpath.txt"
BASE="http://127.0.0.1:$PORT/fhir"
# Sized for a 2-core machine shared with a browser: C1-only JIT and the serial collector start
# faster and keep the process smaller; 512 MB of heap is ample for test data.
JAVA_OPTS="${HAPI_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=64m}"
LOG_OPTS="-Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"

die() { echo "hapi: $*" >&2; exit 1; }

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

show_log() {
  echo "hapi: first errors in $LOG:" >&2
  grep -m 5 -E ' ERROR |Exception: |Error: |^Caused by' "$LOG" | cut -c1-400 >&2 || true
  echo "hapi: last lines of $LOG:" >&2
  tail -n 30 "$LOG" | cut -c1-400 >&2
}

answers() { curl -sf -o /dev/null --max-time 5 "$BASE/metadata"; }

build() {
  command -v java >/dev/null || die "java not found (Java 17 or newer is needed)"
  command -v mvn >/dev/null || die "mvn not found (Maven is needed)"
  mvn -q -B -f "$HERE/pom.xml" package
  [ -f "$JAR" ] && [ -f "$CP_FILE" ] || die "the build made no $JAR or $CP_FILE"
}

start() {
  local pid
  if pid="$(running_pid)"; then
    answers || die "already started (PID $pid) but $BASE/metadata does not answer; see $LOG"
    echo "$BASE"
    return 0
  fi
  if answers; then
    die "something else already answers on $BASE (not started by this script)"
  fi
  command -v curl >/dev/null || die "curl not found"
  [ -f "$JAR" ] && [ -f "$CP_FILE" ] || build
  mkdir -p "$RUN_DIR"
  # shellcheck disable=SC2086  # the option strings are meant to split into words
  nohup java $JAVA_OPTS $LOG_OPTS -cp "$JAR:$(cat "$CP_FILE")" ipt.hapi.HapiTestServer "$PORT" \
    >"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local started=$SECONDS waited=0
  while ! answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "hapi: the server exited during start-up." >&2
      show_log
      rm -f "$PID_FILE"
      exit 1
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      echo "hapi: $BASE/metadata did not answer within ${TIMEOUT}s." >&2
      show_log
      stop >&2
      exit 1
    fi
    sleep 1
    waited=$((SECONDS - started))
  done
  waited=$((SECONDS - started))
  echo "hapi: up after ${waited}s (PID $pid, log $LOG)" >&2
  echo "$BASE"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    echo "hapi: not running"
    return 0
  fi
  kill "$pid"
  local i
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "hapi: stopped (PID $pid)"; return 0; }
    sleep 0.5
  done
  echo "hapi: PID $pid still alive 30s after SIGTERM; sending SIGKILL" >&2
  kill -9 "$pid" 2>/dev/null || true
  for i in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  rm -f "$PID_FILE"
  kill -0 "$pid" 2>/dev/null && die "PID $pid would not exit"
  echo "hapi: killed (PID $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if answers; then echo "running (PID $pid): $BASE"; else echo "started (PID $pid), not answering yet"; fi
  else
    echo "not running"
    return 3
  fi
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 build|start|stop|status" >&2; exit 2 ;;
esac
