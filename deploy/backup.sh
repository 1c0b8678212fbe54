#!/usr/bin/env bash
# Back up what the site cannot be rebuilt without: the CMS database, its media, and content/
# with its history. Reads the CMS's own environment (DATABASE_URL, PORTAL_CONTENT_DIR,
# PORTAL_MEDIA_BUCKET...), so cron can run it with the same env file as the CMS.
#
#   deploy/backup.sh /var/backups/portal      -> /var/backups/portal/20261202T031500Z/
#
# Each backup is a folder: database.dump (pg_dump custom format), media/, content.bundle (git).
# It is written as NAME.partial and renamed when complete; then all but the newest
# PORTAL_BACKUP_KEEP (default 14) complete backups are deleted.
set -euo pipefail

destination=${1:?usage: deploy/backup.sh DESTINATION_FOLDER}
: "${DATABASE_URL:?DATABASE_URL is not set: the PostgreSQL database to dump}"
: "${PORTAL_CONTENT_DIR:?PORTAL_CONTENT_DIR is not set: the content/ folder of the git checkout the CMS publishes through}"
keep=${PORTAL_BACKUP_KEEP:-14}
if ! [[ $keep =~ ^[1-9][0-9]*$ ]]; then
    echo "backup: PORTAL_BACKUP_KEEP must be a whole number of backups, 1 or more, not '$keep'" >&2
    exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)

stamp=$(date -u +%Y%m%dT%H%M%SZ)
partial="$destination/$stamp.partial"
if [ -e "$destination/$stamp" ] || [ -e "$partial" ]; then
    echo "backup: $destination/$stamp already exists: one backup per second at most" >&2
    exit 1
fi
mkdir -p "$partial"
trap 'rm -rf "$partial"' EXIT

pg_dump --format=custom --file="$partial/database.dump" "$DATABASE_URL"

mkdir -p "$partial/media"
if [ -n "${PORTAL_MEDIA_BUCKET:-}" ]; then
    aws s3 sync --only-show-errors ${PORTAL_MEDIA_ENDPOINT_URL:+--endpoint-url "$PORTAL_MEDIA_ENDPOINT_URL"} \
        ${PORTAL_MEDIA_REGION:+--region "$PORTAL_MEDIA_REGION"} \
        "s3://$PORTAL_MEDIA_BUCKET" "$partial/media"
else
    media=${DJANGO_MEDIA_ROOT:-$here/../cms/media}
    if [ -d "$media" ]; then cp -a "$media/." "$partial/media/"; fi
fi

git -C "$PORTAL_CONTENT_DIR" bundle create --quiet "$partial/content.bundle" --all

mv "$partial" "$destination/$stamp"
trap - EXIT
find "$destination" -mindepth 1 -maxdepth 1 -type d -name '*Z' | sort | head -n "-$keep" | xargs -r rm -rf
echo "$destination/$stamp"
