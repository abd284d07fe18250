#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 21: the storage, services and reports tests run on both
# engines): the Debian package's binaries (installed when missing), a cluster in a temporary folder owned by
# the postgres user, listening on a socket there only. Prints the URL the tests take; stop it with
# `.ci/start_postgres.sh stop FOLDER`. Two databases: dangjian for the tests, smoke for the frozen program.
set -euo pipefail
if [ "${1:-}" = "stop" ]; then
  runuser -u postgres -- "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$2/data" -m fast stop >/dev/null
  rm -rf "$2"
  exit 0
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "== 安装 PostgreSQL（Debian 软件包）" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
folder=$(mktemp -d /tmp/dangjian-pg-XXXXXX)
chown postgres "$folder"
runuser -u postgres -- "$bin/initdb" -D "$folder/data" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w \
  -o "-k $folder -p 55432 -c listen_addresses='' -c fsync=off" start >/dev/null
for name in dangjian smoke; do  # the tests' database, and the frozen program's smoke run's
  runuser -u postgres -- "$bin/createdb" -h "$folder" -p 55432 "$name"
done
echo "$folder"
