#!/usr/bin/env bash
# Run a real Neo4j Community 5.26 server locally without Docker, from the jars on
# Maven Central. See scripts/NEO4J-LOCAL.md.
#
#   scripts/neo4j-local.sh fetch            copy the server jars into the cache (once)
#   scripts/neo4j-local.sh start            fetch if needed, start, wait for Bolt
#   scripts/neo4j-local.sh stop [--clean]   stop (and with --clean delete the data dir)
#   scripts/neo4j-local.sh status           exit 0 if running, 1 if not
#   scripts/neo4j-local.sh env              print NEO4J_* exports for this instance
#
# Environment:
#   NEO4J_LOCAL_HOME       instance dir   (default ${XDG_CACHE_HOME:-$HOME/.cache}/chain-graph/neo4j-run)
#   NEO4J_LOCAL_BOLT_PORT  Bolt port      (default 7687, bound to 127.0.0.1 only)
#   NEO4J_LOCAL_HEAP       JVM heap       (default 512m)
#   NEO4J_LOCAL_PAGECACHE  page cache     (default 128m)
#   NEO4J_LOCAL_TIMEOUT    start timeout in seconds (default 120)
#   NEO4J_LOCAL_STOP_TIMEOUT  seconds to wait after SIGTERM before SIGKILL (default 30)
#   NEO4J_LOCAL_CLEAN=1    same as stop --clean
#   NEO4J_LOCAL_EXTRA_CONF extra neo4j.conf lines (newline-separated)
#   NEO4J_PASSWORD         password of user neo4j (default chain-graph-test, min. 8 chars)
#   JAVA_HOME              JDK to use (17 or 21); else /usr/lib/jvm/java-17-openjdk-amd64, else java on PATH
#   PYTHON                 python used for the readiness check (default python3)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/neo4j/pom.xml"
# The pinned version lives in the pom only.
V="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$POM" | head -n1)"
[ -n "$V" ] || { echo "neo4j-local: cannot read <neo4j.version> from $POM" >&2; exit 2; }

CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/chain-graph"
DIST="$CACHE_ROOT/neo4j-$V"
LIB="$DIST/lib"
MARKER="$DIST/.fetch-complete"
H="${NEO4J_LOCAL_HOME:-$CACHE_ROOT/neo4j-run}"
PORT="${NEO4J_LOCAL_BOLT_PORT:-7687}"
HEAP="${NEO4J_LOCAL_HEAP:-512m}"
PAGECACHE="${NEO4J_LOCAL_PAGECACHE:-128m}"
TIMEOUT="${NEO4J_LOCAL_TIMEOUT:-120}"
STOP_TIMEOUT="${NEO4J_LOCAL_STOP_TIMEOUT:-30}"
PASSWORD="${NEO4J_PASSWORD:-chain-graph-test}"
PY="${PYTHON:-python3}"
MAIN_CLASS="org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS="org.neo4j.cli.AdminTool"
PIDFILE="$H/run/neo4j-local.pid"
CONSOLE_LOG="$H/logs/console.log"

log() { echo "neo4j-local: $*"; }
err() { echo "neo4j-local: ERROR: $*" >&2; }

# ---------------------------------------------------------------- java
JAVA=""
find_java() {
  [ -n "$JAVA" ] && return 0
  local cand
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    cand="$JAVA_HOME/bin/java"
  elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    cand=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
  elif command -v java >/dev/null 2>&1; then
    cand="$(command -v java)"
  else
    err "no Java found (set JAVA_HOME to a JDK 17 or 21; apt-get install openjdk-17-jre-headless)"
    exit 2
  fi
  local spec
  spec="$("$cand" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)"
  spec="${spec#1.}"
  if ! [[ "$spec" =~ ^[0-9]+$ ]] || [ "$spec" -lt 17 ]; then
    err "$cand is Java '${spec:-?}'; Neo4j $V needs Java 17 or 21"
    exit 2
  fi
  if [ "$spec" != 17 ] && [ "$spec" != 21 ]; then
    log "warning: Java $spec is not a supported runtime for Neo4j 5.26 (17 or 21); trying anyway"
  fi
  JAVA="$cand"
}

# ---------------------------------------------------------------- fetch
fetch_complete() { [ -f "$MARKER" ] && [ -f "$LIB/neo4j-$V.jar" ] && [ -f "$LIB/neo4j-server-$V.jar" ]; }

cmd_fetch() {
  if fetch_complete; then
    log "Neo4j $V jars already in $LIB"
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || { err "mvn not found (apt-get install maven)"; exit 2; }
  mkdir -p "$DIST"
  # fd 9 holds a lock against concurrent fetches of the same version; it is
  # opened for the subshell only, so the server started later does not inherit it.
  ( do_fetch ) 9>"$DIST/.fetch.lock"
}

do_fetch() {
  if command -v flock >/dev/null 2>&1; then
    flock 9
    if fetch_complete; then log "Neo4j $V jars already in $LIB"; return 0; fi
  fi
  local t0 tmp
  t0=$(date +%s)
  tmp="$DIST/lib.tmp.$$"
  # Leftovers of an interrupted fetch (no marker) are discarded.
  rm -rf "$DIST"/lib.tmp.* "$LIB" "$MARKER"
  log "fetching Neo4j $V server jars from Maven Central into $LIB ..."
  if ! mvn -B -q -f "$POM" \
        org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$DIST/fetch.log" 2>&1; then
    cat "$DIST/fetch.log" >&2
    rm -rf "$tmp"
    err "mvn dependency copy failed (log: $DIST/fetch.log)"
    exit 1
  fi
  if [ ! -f "$tmp/neo4j-$V.jar" ] || [ ! -f "$tmp/neo4j-server-$V.jar" ]; then
    rm -rf "$tmp"
    err "fetch incomplete: neo4j-$V.jar or neo4j-server-$V.jar missing"
    exit 1
  fi
  mv "$tmp" "$LIB"
  touch "$MARKER"
  log "fetched $(find "$LIB" -name '*.jar' | wc -l) jars ($(du -sh "$LIB" | cut -f1)) in $(( $(date +%s) - t0 ))s"
}

# ---------------------------------------------------------------- process helpers
# Prints the pid of the server of this instance, if it runs.
running_pid() {
  local pid f
  for f in "$PIDFILE" "$H/run/neo4j.pid"; do
    [ -f "$f" ] || continue
    pid="$(tr -dc '0-9' <"$f")"
    [ -n "$pid" ] || continue
    if [ -r "/proc/$pid/cmdline" ] \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--home-dir=$H " \
        && ! grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

conf_port() { sed -n 's/^server.bolt.listen_address=.*:\([0-9]*\)$/\1/p' "$H/conf/neo4j.conf" 2>/dev/null | head -n1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

have_driver() { "$PY" -c 'import neo4j' >/dev/null 2>&1; }

# One readiness probe: 0 = a real query ran, 2 = authentication failed, 1 = not yet.
probe() {
  NL_URI="bolt://127.0.0.1:$PORT" NL_PW="$PASSWORD" "$PY" - <<'EOF' 2>"$H/run/probe.err"
import os, sys
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
try:
    with GraphDatabase.driver(os.environ["NL_URI"], auth=("neo4j", os.environ["NL_PW"]),
                              connection_timeout=5) as d:
        d.verify_connectivity()
        with d.session(database="neo4j") as s:
            assert s.run("RETURN 1 AS ok").single()["ok"] == 1
except AuthError as e:
    print(e, file=sys.stderr); sys.exit(2)
except Exception as e:
    print(f"{type(e).__name__}: {e}", file=sys.stderr); sys.exit(1)
EOF
}

# Fallback without the Python driver: a Bolt handshake (magic + 4 version proposals).
bolt_handshake() {
  local resp
  # shellcheck disable=SC2016
  resp="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x04\x00\x00\x00\x03" >&3
    head -c 4 <&3 | od -An -tx1' _ "$PORT" 2>/dev/null | tr -d ' \n')" || return 1
  [ -n "$resp" ] && [ "$resp" != 00000000 ]
}

DEBUG_LOG_OFFSET=0
show_logs() {
  echo "----- $CONSOLE_LOG (tail) -----" >&2
  tail -n 60 "$CONSOLE_LOG" >&2 2>/dev/null || true
  echo "----- $H/logs/debug.log (tail, this start only) -----" >&2
  tail -c "+$((DEBUG_LOG_OFFSET + 1))" "$H/logs/debug.log" 2>/dev/null | tail -n 60 >&2 || true
}

# ---------------------------------------------------------------- conf
write_conf() {
  mkdir -p "$H/conf" "$H/data" "$H/logs" "$H/run" "$H/plugins" "$H/import"
  cat >"$H/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j-local.sh on every start; edits are lost.
server.directories.data=$H/data
server.directories.logs=$H/logs
server.directories.run=$H/run
server.directories.plugins=$H/plugins
server.directories.import=$H/import
server.directories.lib=$LIB
server.logs.config=$H/conf/server-logs.xml
server.logs.user.config=$H/conf/user-logs.xml
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.http.enabled=false
server.https.enabled=false
server.memory.pagecache.size=$PAGECACHE
dbms.usage_report.enabled=false
dbms.security.auth_enabled=true
db.tx_log.rotation.retention_policy=1 files
db.tx_log.preallocate=false
# Netty waits a 5 s quiet period twice on shutdown by default (stop took ~10 s); 0 makes it ~1 s.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
EOF
  # Extra settings, one per line (e.g. for bulk-load benchmarks: db.tx_state.memory_allocation=OFF_HEAP).
  if [ -n "${NEO4J_LOCAL_EXTRA_CONF:-}" ]; then printf '%s\n' "$NEO4J_LOCAL_EXTRA_CONF" >>"$H/conf/neo4j.conf"; fi
  # log4j2 configs the server reads (same appenders as the shipped defaults).
  cat >"$H/conf/server-logs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="ERROR">
    <Appenders>
        <RollingRandomAccessFile name="DebugLog" fileName="${config:server.directories.logs}/debug.log"
                                 filePattern="$${config:server.directories.logs}/debug.log.%02i">
            <Neo4jDebugLogLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p [%c{1.}] %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="3"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="HttpLog" fileName="${config:server.directories.logs}/http.log"
                                 filePattern="$${config:server.directories.logs}/http.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="3"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="QueryLog" fileName="${config:server.directories.logs}/query.log"
                                 filePattern="$${config:server.directories.logs}/query.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="3"/>
        </RollingRandomAccessFile>
        <RollingRandomAccessFile name="SecurityLog" fileName="${config:server.directories.logs}/security.log"
                                 filePattern="$${config:server.directories.logs}/security.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="3"/>
        </RollingRandomAccessFile>
    </Appenders>
    <Loggers>
        <Root level="INFO"><AppenderRef ref="DebugLog"/></Root>
        <Logger name="QueryLogger" level="INFO" additivity="false"><AppenderRef ref="QueryLog"/></Logger>
        <Logger name="HttpLogger" level="INFO" additivity="false"><AppenderRef ref="HttpLog"/></Logger>
        <Logger name="SecurityLogger" level="INFO" additivity="false"><AppenderRef ref="SecurityLog"/></Logger>
    </Loggers>
</Configuration>
EOF
  cat >"$H/conf/user-logs.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration>
    <Appenders>
        <RollingRandomAccessFile name="RollingFile" fileName="${config:server.directories.logs}/neo4j.log"
                                 filePattern="$${config:server.directories.logs}/neo4j.log.%02i">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
            <Policies><SizeBasedTriggeringPolicy size="20 MB"/></Policies>
            <DefaultRolloverStrategy fileIndex="min" max="3"/>
        </RollingRandomAccessFile>
        <Console name="ConsoleAppender" target="SYSTEM_OUT">
            <PatternLayout pattern="%d{yyyy-MM-dd HH:mm:ss.SSSZ}{GMT+0} %-5p %m%n"/>
        </Console>
    </Appenders>
    <Loggers>
        <Root level="info">
            <AppenderRef ref="RollingFile"/>
            <AppenderRef ref="ConsoleAppender"/>
        </Root>
    </Loggers>
</Configuration>
EOF
}

# ---------------------------------------------------------------- start
cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid) on bolt://127.0.0.1:$(conf_port); nothing to do"
    return 0
  fi
  if [ "${#PASSWORD}" -lt 8 ]; then
    err "NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)"; exit 2
  fi
  if port_open "$PORT"; then
    err "127.0.0.1:$PORT is already in use by another process (set NEO4J_LOCAL_BOLT_PORT)"; exit 1
  fi
  cmd_fetch
  find_java
  write_conf
  rm -f "$PIDFILE" "$H/run/neo4j.pid"

  # Initial password, the neo4j-admin way; only effective before the first start.
  if [ ! -d "$H/data/databases/system" ]; then
    if ! NEO4J_HOME="$H" NEO4J_CONF="$H/conf" "$JAVA" -cp "$LIB/*" "$ADMIN_CLASS" \
        dbms set-initial-password "$PASSWORD" >"$H/logs/set-initial-password.log" 2>&1; then
      cat "$H/logs/set-initial-password.log" >&2
      err "neo4j-admin dbms set-initial-password failed"; exit 1
    fi
  fi

  local t0
  t0=$(date +%s)
  : >"$CONSOLE_LOG"
  DEBUG_LOG_OFFSET="$(stat -c %s "$H/logs/debug.log" 2>/dev/null || echo 0)"
  cd "$H"
  nohup "$JAVA" "-Xms$HEAP" "-Xmx$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow \
    -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -Dfile.encoding=UTF-8 -Djdk.nio.maxCachedBufferSize=1024 \
    -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true \
    -cp "$H/plugins/*:$H/conf/*:$LIB/*" "$MAIN_CLASS" \
    "--home-dir=$H" "--config-dir=$H/conf" --console-mode \
    </dev/null >>"$CONSOLE_LOG" 2>&1 &
  pid=$!
  cd - >/dev/null
  echo "$pid" >"$PIDFILE"

  local use_driver=1
  if ! have_driver; then
    log "Python neo4j driver missing for $PY; installing it with pip ..."
    "$PY" -m pip install --quiet --disable-pip-version-check 'neo4j>=5.28,<7' >/dev/null 2>&1 || true
    if ! have_driver; then
      use_driver=0
      log "warning: no Python neo4j driver; readiness = Bolt handshake only"
    fi
  fi

  local rc=1
  while :; do
    if ! kill -0 "$pid" 2>/dev/null || grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null; then
      show_logs; rm -f "$PIDFILE"
      err "Neo4j exited during start-up (see logs above, home $H)"; exit 1
    fi
    if port_open "$PORT"; then
      if [ "$use_driver" = 1 ]; then
        rc=0; probe || rc=$?
        [ "$rc" = 0 ] && break
        if [ "$rc" = 2 ]; then
          cat "$H/run/probe.err" >&2
          err "authentication failed for user neo4j: the data in $H/data was initialised" \
              "with another password; use that NEO4J_PASSWORD or run '$0 stop --clean'"
          stop_pid "$pid"; exit 1
        fi
      elif bolt_handshake; then
        break
      fi
    fi
    if [ $(( $(date +%s) - t0 )) -ge "$TIMEOUT" ]; then
      show_logs
      [ -s "$H/run/probe.err" ] && { echo "----- last probe error -----" >&2; cat "$H/run/probe.err" >&2; }
      err "Neo4j did not answer on bolt://127.0.0.1:$PORT within ${TIMEOUT}s; stopping it"
      stop_pid "$pid"; exit 1
    fi
    sleep 1
  done
  log "started Neo4j $V (pid $pid) on bolt://127.0.0.1:$PORT in $(( $(date +%s) - t0 ))s (home $H)"
}

# ---------------------------------------------------------------- stop / status
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null && break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null && ! grep -q '^[^)]*) Z' "/proc/$pid/stat" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s; sending SIGKILL to pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PIDFILE" "$H/run/neo4j.pid"
}

cmd_stop() {
  local clean="${NEO4J_LOCAL_CLEAN:-0}" pid t0
  for a in "$@"; do
    case "$a" in
      --clean) clean=1 ;;
      *) err "unknown option for stop: $a"; exit 2 ;;
    esac
  done
  if pid="$(running_pid)"; then
    t0=$(date +%s)
    stop_pid "$pid"
    log "stopped Neo4j (pid $pid) in $(( $(date +%s) - t0 ))s"
  else
    rm -f "$PIDFILE"
    log "not running"
  fi
  if [ "$clean" = 1 ] && [ -d "$H/data" ]; then
    rm -rf "$H/data"
    log "removed data dir $H/data"
  fi
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "neo4j-local: running (pid $pid) on bolt://127.0.0.1:$(conf_port) (home $H)"
    return 0
  fi
  echo "neo4j-local: not running (home $H)"
  return 1
}

cmd_env() {
  echo "export NEO4J_URI=bolt://127.0.0.1:$PORT"
  echo "export NEO4J_USER=neo4j"
  echo "export NEO4J_PASSWORD='$PASSWORD'"
  echo "export NEO4J_DATABASE=neo4j"
}

case "${1:-}" in
  fetch)  cmd_fetch ;;
  start)  cmd_start ;;
  stop)   shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  env)    cmd_env ;;
  *) echo "usage: $0 {start|stop [--clean]|status|fetch|env}" >&2; exit 2 ;;
esac
