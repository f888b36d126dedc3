#!/usr/bin/env bash
# Nightly backup of a Pantau office: `backup` while the app serves, `verify` of the new backup, then retention.
# Runs with the app's own settings (the same environment file as the app's service: database, Audit:*, Sync:*,
# the secrets verify needs). Exit code: 0 when the new backup verifies, 1 otherwise (the timer's unit then fails).
#
# Settings (environment):
#   PANTAU_APP_DIR            the published app (Pantau.Web.dll)               default /opt/pantau
#   PANTAU_BACKUP_DIR         where backups go, one folder each                 default /var/backups/pantau
#   PANTAU_BACKUP_KEEP_DAYS   backups older than this many days are removed     default 14
#   PANTAU_BACKUP_KEEP_MIN    ... but the newest this many are always kept      default 7
#   PANTAU_BACKUP_VERIFY      1: verify the new backup (PostgreSQL: restores it into a scratch database, so the
#                             role needs CREATEDB); 0: only the backup's own checks   default 1
#   DOTNET                    the dotnet host                                  default dotnet
set -euo pipefail

app_dir="${PANTAU_APP_DIR:-/opt/pantau}"
backup_dir="${PANTAU_BACKUP_DIR:-/var/backups/pantau}"
keep_days="${PANTAU_BACKUP_KEEP_DAYS:-14}"
keep_min="${PANTAU_BACKUP_KEEP_MIN:-7}"
verify="${PANTAU_BACKUP_VERIFY:-1}"
dotnet="${DOTNET:-dotnet}"

for n in "$keep_days" "$keep_min"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "pantau-backup: PANTAU_BACKUP_KEEP_DAYS and _KEEP_MIN are whole numbers" >&2; exit 1; }
done
[[ -f "$app_dir/Pantau.Web.dll" ]] || { echo "pantau-backup: no Pantau.Web.dll in $app_dir (PANTAU_APP_DIR)" >&2; exit 1; }

mkdir -p "$backup_dir"
chmod 700 "$backup_dir"   # a backup holds the registry: readable by the service's user only
# One run at a time (a slow night must not overlap the next).
exec 9>"$backup_dir/.lock"
flock -n 9 || { echo "pantau-backup: another backup is running" >&2; exit 1; }

target="$backup_dir/pantau-$(date -u +%Y%m%dT%H%M%SZ)"
cd "$app_dir"   # the app's content root: relative paths (data/…) mean what they mean to the app
"$dotnet" Pantau.Web.dll backup --to "$target"
if [[ "$verify" == 1 ]]; then
  "$dotnet" Pantau.Web.dll verify --from "$target"
fi

# Retention: only folders this script made (pantau-YYYYMMDDTHHMMSSZ, with a manifest), newest first; the newest
# $keep_min stay whatever their age. Leftovers of an interrupted backup (.pantau-….partial-…) go after a day.
mapfile -t backups < <(find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name 'pantau-*T*Z' -printf '%f\n' | sort -r)
cutoff="$(date -u -d "$keep_days days ago" +%Y%m%dT%H%M%SZ)"
for i in "${!backups[@]}"; do
  name="${backups[$i]}"
  (( i < keep_min )) && continue
  [[ -f "$backup_dir/$name/manifest.json" ]] || continue
  if [[ "${name#pantau-}" < "$cutoff" ]]; then
    rm -rf -- "${backup_dir:?}/$name"
    echo "pantau-backup: removed $name (older than $keep_days days)"
  fi
done
find "$backup_dir" -mindepth 1 -maxdepth 1 -type d -name '.pantau-*.partial-*' -mmin +1440 -exec rm -rf -- {} +
echo "pantau-backup: $target"
