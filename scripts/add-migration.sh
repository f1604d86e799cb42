#!/usr/bin/env bash
# Adds a migration with the same name to both migration sets (SQLite and PostgreSQL).
#   scripts/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project Lottery.Infrastructure \
    --startup-project Lottery.Infrastructure \
    --context "${provider}LotteryDbContext" \
    --output-dir "Persistence/${provider}/Migrations" \
    --namespace "Lottery.Infrastructure.Persistence.${provider}.Migrations"
done
