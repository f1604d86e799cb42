#!/usr/bin/env bash
# Adds a migration with the same name to every migration set (SQLite, PostgreSQL and SQL Server).
#   scripts/add-migration.sh AddSomething
# The namespace follows the output folder (Lottery.Infrastructure.Persistence.<Provider>.Migrations). No --namespace:
# for a set's first migration it made dotnet-ef write the model snapshot under a folder spelled after the namespace.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" \
    --project Lottery.Infrastructure \
    --startup-project Lottery.Infrastructure \
    --context "${provider}LotteryDbContext" \
    --output-dir "Persistence/${provider}/Migrations"
done
