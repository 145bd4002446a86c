#!/usr/bin/env bash
# azd postprovision hook: upload the sample source dataset to the lake (source/movies.json).
# Uses the signed-in user's Entra ID token (shared keys are off); the user holds Storage Blob Data
# Contributor on the lake's source container through infra/app/rbac.bicep.
set -euo pipefail

# azd passes its environment to hooks; when run by hand, read it from azd.
if [[ -z "${LAKE_STORAGE_ACCOUNT_NAME:-}" ]] && command -v azd >/dev/null 2>&1; then
  while IFS='=' read -r key value; do
    value="${value%\"}"
    value="${value#\"}"
    export "$key=$value"
  done < <(azd env get-values)
fi

: "${LAKE_STORAGE_ACCOUNT_NAME:?LAKE_STORAGE_ACCOUNT_NAME is not set: run azd provision first}"
source_blob="${SOURCE_BLOB:-source/movies.json}"
container="${source_blob%%/*}"
blob_name="${source_blob#*/}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${repo_root}/data/sample/movies.json"

if ! command -v az >/dev/null 2>&1; then
  echo "Error: the Azure CLI (az) is required, see docs/deploy.md" >&2
  exit 1
fi
if [[ ! -f "${sample}" ]]; then
  echo "Error: ${sample} not found" >&2
  exit 1
fi

echo "Uploading ${sample} to ${LAKE_STORAGE_ACCOUNT_NAME}/${container}/${blob_name} ..."
# A new role assignment can take a few minutes to propagate: retry before giving up.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if az storage blob upload \
    --auth-mode login \
    --account-name "${LAKE_STORAGE_ACCOUNT_NAME}" \
    --container-name "${container}" \
    --name "${blob_name}" \
    --file "${sample}" \
    --content-type application/json \
    --overwrite \
    --only-show-errors \
    --output none; then
    echo "Uploaded the sample source to ${container}/${blob_name}."
    exit 0
  fi
  echo "Upload attempt ${attempt} failed (role assignment still propagating?); retrying in 30 s ..."
  sleep 30
done

echo "Error: could not upload the sample source. Check that you hold Storage Blob Data Contributor on ${LAKE_STORAGE_ACCOUNT_NAME}/${container} (and, with PRIVATE_NETWORKING, that this machine reaches the lake: docs/deploy.md)." >&2
exit 1
