#!/bin/sh
# Times a queued run up to story assignment: the dev files (Multi-News sample, WikiRef220,
# PolNeAR)
# split into files of 10 records, queued into a fresh PostgreSQL database (store and
# queue), read and assigned by WORKERS worker processes (`--stages read,assign`: briefing
# left out, it is parallel work of its own), from the workers' start until every input
# is assigned. The database is dropped afterwards.
#
#   scripts/queue-timing.sh WORKERS [CROSSREAD_DIR]     (CROSSREAD_DIR: a built checkout, default .)
#   PG: admin URL, default postgres://postgres@127.0.0.1:5432/postgres
set -eu
WORKERS=${1:?usage: scripts/queue-timing.sh WORKERS [CROSSREAD_DIR]}
DIR=${2:-.}
PG=${PG:-postgres://postgres@127.0.0.1:5432/postgres}
SHARED=${CROSSREAD_SHARED:-$(cd "$(dirname "$0")/../.." && pwd)/shared}
DB=crossread_timing_$$
URL=$(echo "$PG" | sed "s#/[^/]*\$#/$DB#")
WORK=$(mktemp -d)
PIDS=""
cleanup() {
  for p in $PIDS; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$PG" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cat "$SHARED/data/dev/multinews-val-sample.jsonl" "$SHARED/data/dev/cluster-wikiref220.jsonl" "$SHARED/data/dev/attribution-polnear-dev.jsonl" | split -l 10 -a 3 --additional-suffix=.jsonl - "$WORK/part"
psql -q "$PG" -c "CREATE DATABASE $DB" >/dev/null
node "$DIR/bin/crossread.js" ingest "$WORK" --db "$URL" --queue >/dev/null
INPUTS=$(psql -tA "$URL" -c "SELECT count(*) FROM crossread_queue.inputs")
START=$(date +%s.%N)
i=0
while [ "$i" -lt "$WORKERS" ]; do
  node "$DIR/bin/crossread.js" worker --db "$URL" --stages read,assign -q &
  PIDS="$PIDS $!"
  i=$((i + 1))
done
while [ "$(psql -tA "$URL" -c "SELECT count(*) FROM crossread_queue.inputs WHERE NOT done")" != 0 ]; do sleep 0.2; done
END=$(date +%s.%N)
ARTICLES=$(psql -tA "$URL" -c "SELECT count(*) FROM articles")
STORIES=$(psql -tA "$URL" -c "SELECT count(DISTINCT story_id) FROM articles")
echo "$WORKERS worker(s): $INPUTS inputs, $ARTICLES articles in $STORIES stories, assigned in $(echo "$END - $START" | bc) s: $(echo "scale=1; $ARTICLES / ($END - $START)" | bc) articles/s"
