#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database and media storage that the
# environment names (DATABASE_URL, PORTAL_MEDIA_BUCKET or DJANGO_MEDIA_ROOT). Stop the CMS
# (gunicorn and the publish_scheduled timer) first. content/ is not touched: its history lives
# in the git remote; content.bundle is there for when that is lost too (see README, "Deploying").
#
#   deploy/restore.sh /var/backups/portal/20261202T031500Z
set -euo pipefail

backup=${1:?usage: deploy/restore.sh BACKUP_FOLDER (one made by deploy/backup.sh)}
: "${DATABASE_URL:?DATABASE_URL is not set: the PostgreSQL database to restore into}"
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$backup/database.dump" ]; then
    echo "restore: $backup/database.dump not found: not a folder made by deploy/backup.sh" >&2
    exit 1
fi

# --clean --if-exists: replaces what is there, and works on an empty database too; one
# transaction, so a failed restore leaves the database as it was.
pg_restore --clean --if-exists --no-owner --no-acl --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$backup/database.dump"

if [ -n "${PORTAL_MEDIA_BUCKET:-}" ]; then
    aws s3 sync --only-show-errors ${PORTAL_MEDIA_ENDPOINT_URL:+--endpoint-url "$PORTAL_MEDIA_ENDPOINT_URL"} \
        ${PORTAL_MEDIA_REGION:+--region "$PORTAL_MEDIA_REGION"} \
        "$backup/media" "s3://$PORTAL_MEDIA_BUCKET"
else
    media=${DJANGO_MEDIA_ROOT:-$here/../cms/media}
    mkdir -p "$media"
    cp -a "$backup/media/." "$media/"
fi
echo "restored $backup"
