#!/usr/bin/env bash
# A throwaway MariaDB for the page-views-pipeline tests, from Debian's package, without a service manager.
#
#   eval "$(services/mariadb.sh start)"    # installs mariadb-server if missing, starts it, prints the exports
#   ./mvnw test -Psolutions -Dexercise=page-views-pipeline
#   services/mariadb.sh stop               # stops it and deletes its data
#
# Data, socket and logs live in one temporary folder; KATA_MARIADB_FOLDER names it for stop.
set -euo pipefail

start() {
  if ! command -v mariadbd >/dev/null 2>&1; then
    echo "installing mariadb-server from Debian's packages" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq mariadb-server >/dev/null
  fi
  folder=$(mktemp -d "${TMPDIR:-/tmp}/bigdata-katas-mariadb-XXXXXX")
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo 33306)
  user=$(id -un)
  mariadb-install-db --no-defaults --datadir="$folder/data" --user="$user" \
    --auth-root-authentication-method=normal --skip-test-db >"$folder/install.log" 2>&1 \
    || { cat "$folder/install.log" >&2; rm -rf "$folder"; exit 1; }
  mariadbd --no-defaults --datadir="$folder/data" --socket="$folder/mariadb.sock" --pid-file="$folder/mariadb.pid" \
    --port="$port" --bind-address=127.0.0.1 --user="$user" --log-error="$folder/error.log" \
    --skip-name-resolve >/dev/null 2>&1 &
  for _ in $(seq 1 300); do
    mariadb --no-defaults --socket="$folder/mariadb.sock" -uroot -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.1
  done
  mariadb --no-defaults --socket="$folder/mariadb.sock" -uroot -e "
    CREATE DATABASE katas;
    CREATE USER 'katas'@'127.0.0.1' IDENTIFIED BY 'katas';
    GRANT ALL ON katas.* TO 'katas'@'127.0.0.1';" \
    || { cat "$folder/error.log" >&2; stop_folder "$folder"; exit 1; }
  echo "export KATA_MARIADB_FOLDER='$folder'"
  # a local server without TLS; the MariaDB driver 4 asks for TLS unless told otherwise
  echo "export KATA_JDBC_URL='jdbc:mariadb://127.0.0.1:$port/katas?sslMode=disable'"
  echo "export KATA_JDBC_USER='katas'"
  echo "export KATA_JDBC_PASSWORD='katas'"
}

stop_folder() {
  local folder=$1
  if [ -f "$folder/mariadb.pid" ]; then
    local pid
    pid=$(cat "$folder/mariadb.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$folder"
}

case "${1:-}" in
  start) start ;;
  stop) [ -n "${KATA_MARIADB_FOLDER:-}" ] || { echo "KATA_MARIADB_FOLDER is not set: nothing to stop" >&2; exit 1; }
        stop_folder "$KATA_MARIADB_FOLDER" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
