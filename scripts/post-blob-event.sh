#!/usr/bin/env bash
# Posts a Microsoft.Storage.BlobCreated Event Grid event for one blob to the local Functions host, as
# Event Grid does in Azure (Azurite emits none). The blob must already exist in Azurite.
# Usage: scripts/post-blob-event.sh bronze 2025/01/02/20250102-daily/_manifest.json [PromoteToSilver]
set -euo pipefail
container="${1:?container, such as bronze}"
name="${2:?blob name, such as 2025/01/02/20250102-daily/_manifest.json}"
function="${3:-PromoteToSilver}"
host="${FUNCTIONS_HOST:-http://localhost:7071}"
account="devstoreaccount1"
url="http://127.0.0.1:10000/${account}/${container}/${name}"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
id="$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen)"

curl --fail-with-body --silent --show-error -X POST \
  "${host}/runtime/webhooks/blobs?functionName=Host.Functions.${function}" \
  -H "Content-Type: application/json" \
  -H "aeg-event-type: Notification" \
  --data @- <<JSON
[{
  "topic": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Storage/storageAccounts/${account}",
  "subject": "/blobServices/default/containers/${container}/blobs/${name}",
  "eventType": "Microsoft.Storage.BlobCreated",
  "id": "${id}",
  "data": {
    "api": "PutBlob",
    "clientRequestId": "${id}",
    "requestId": "${id}",
    "eTag": "0x0",
    "contentType": "application/json",
    "contentLength": 0,
    "blobType": "BlockBlob",
    "url": "${url}",
    "sequencer": "0000000000000000000000000000000000000000000000000000000000000000",
    "storageDiagnostics": { "batchId": "${id}" }
  },
  "dataVersion": "",
  "metadataVersion": "1",
  "eventTime": "${now}"
}]
JSON
echo "posted BlobCreated for ${container}/${name} to ${function}"
