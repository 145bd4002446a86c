#!/usr/bin/env bash
# azd postdeploy hook: subscribe the blob-triggered functions to the lake's Event Grid system topic.
#   bronze/{yyyy}/{MM}/{dd}/{runId}/_manifest.json created -> Host.Functions.PromoteToSilver
#   silver/{yyyy}/{MM}/{dd}/{runId}/_manifest.json created -> Host.Functions.PromoteToGold
#   landing/** created (a provider file) -> Host.Functions.IngestLandedFile
# The run manifests' subscriptions filter on the run folder layout, not on the suffix alone: the blob name must
# start with a year folder (a digit), so nothing under bronze/providers/ or bronze/_enrichment/ is ever delivered
# (docs/security.md). The functions check the whole layout again ({yyyy}/{MM}/{dd}/{runId}/).
# Events go to the Functions blob extension webhook, authenticated by the extension's system key
# (blobs_extension), which this hook creates when missing (az functionapp keys set) once the code is
# deployed: that is why this is a hook and not Bicep. Rerunning it is safe: an existing key is kept and
# the subscriptions are PUT (create or update). Undeliverable events are dead-lettered to the lake's dead-letter container by the topic's
# user-assigned identity (Storage Blob Data Contributor on that container only).
set -euo pipefail

if [[ -z "${AZURE_FUNCTION_APP_NAME:-}" ]] && command -v azd >/dev/null 2>&1; then
  while IFS='=' read -r key value; do
    value="${value%\"}"
    value="${value#\"}"
    export "$key=$value"
  done < <(azd env get-values)
fi

: "${AZURE_SUBSCRIPTION_ID:?AZURE_SUBSCRIPTION_ID is not set}"
: "${RESOURCE_GROUP:?RESOURCE_GROUP is not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set}"
: "${AZURE_FUNCTION_APP_HOSTNAME:?AZURE_FUNCTION_APP_HOSTNAME is not set}"
: "${LAKE_STORAGE_ACCOUNT_NAME:?LAKE_STORAGE_ACCOUNT_NAME is not set}"
: "${LAKE_DEADLETTER_CONTAINER_NAME:?LAKE_DEADLETTER_CONTAINER_NAME is not set}"
: "${EVENTGRID_SYSTEM_TOPIC_NAME:?EVENTGRID_SYSTEM_TOPIC_NAME is not set}"
: "${EVENTGRID_IDENTITY_ID:?EVENTGRID_IDENTITY_ID is not set}"

# Retry policy of the subscriptions: up to 30 attempts within 24 hours, then dead-letter.
max_delivery_attempts="${EVENTGRID_MAX_DELIVERY_ATTEMPTS:-30}"
event_ttl_minutes="${EVENTGRID_EVENT_TTL_MINUTES:-1440}"
api_version="2022-06-15"

if ! command -v az >/dev/null 2>&1; then
  echo "Error: the Azure CLI (az) is required, see docs/deploy.md" >&2
  exit 1
fi

# Every az call names the subscription: the signed-in default may be another one. (az rest calls name it in
# the resource path they address.)
sub=(--subscription "${AZURE_SUBSCRIPTION_ID}")

read_key() {
  az functionapp keys list \
    --name "${AZURE_FUNCTION_APP_NAME}" \
    --resource-group "${RESOURCE_GROUP}" \
    "${sub[@]}" \
    --query "systemKeys.blobs_extension" \
    --output tsv 2>/dev/null || true
}

# The blobs_extension system key: created here when missing (the host reuses an existing key, and a
# rerun keeps the one the subscriptions already use), then read back. Setting it can fail for a few
# minutes after a deploy while the host starts: retry.
blobs_extension=""
for attempt in 1 2 3 4 5 6 7 8 9 10 11 12; do
  blobs_extension="$(read_key)"
  if [[ -n "${blobs_extension}" ]]; then
    break
  fi
  echo "Creating the blobs_extension system key (attempt ${attempt}) ..."
  az functionapp keys set \
    --name "${AZURE_FUNCTION_APP_NAME}" \
    --resource-group "${RESOURCE_GROUP}" \
    "${sub[@]}" \
    --key-type systemKey \
    --key-name blobs_extension \
    --only-show-errors \
    --output none || true
  blobs_extension="$(read_key)"
  if [[ -n "${blobs_extension}" ]]; then
    break
  fi
  sleep "${POST_DEPLOY_RETRY_SECONDS:-15}"
done
if [[ -z "${blobs_extension}" ]]; then
  echo "Error: no blobs_extension key on ${AZURE_FUNCTION_APP_NAME}; is the app deployed and running?" >&2
  exit 1
fi

lake_id="/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.Storage/storageAccounts/${LAKE_STORAGE_ACCOUNT_NAME}"
topic_id="/subscriptions/${AZURE_SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.EventGrid/systemTopics/${EVENTGRID_SYSTEM_TOPIC_NAME}"

body_file="$(mktemp)"
trap 'rm -f "${body_file}"' EXIT

# subscribe <event subscription name> <container> <function name> [<subject suffix>]
# Without a suffix every blob created in the container is delivered. With one, only blobs in the run folder layout
# (a name starting with its year folder) that end with it.
subscribe() {
  local name="$1" container="$2" function_name="$3" suffix="${4:-}"
  local ends_with="" advanced=""
  if [[ -n "${suffix}" ]]; then
    ends_with="\"subjectEndsWith\": \"${suffix}\","
    local prefixes="" digit
    for digit in 0 1 2 3 4 5 6 7 8 9; do
      prefixes="${prefixes:+${prefixes}, }\"/blobServices/default/containers/${container}/blobs/${digit}\""
    done
    advanced="\"advancedFilters\": [{ \"operatorType\": \"StringBeginsWith\", \"key\": \"subject\", \"values\": [${prefixes}] }],"
  fi
  local endpoint="https://${AZURE_FUNCTION_APP_HOSTNAME}/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${blobs_extension}"

  # The body holds the key: written to a private temp file (mktemp: mode 600), never echoed.
  cat >"${body_file}" <<JSON
{
  "properties": {
    "destination": {
      "endpointType": "WebHook",
      "properties": { "endpointUrl": "${endpoint}" }
    },
    "filter": {
      "includedEventTypes": ["Microsoft.Storage.BlobCreated"],
      "subjectBeginsWith": "/blobServices/default/containers/${container}/",
      ${ends_with}
      ${advanced}
      "isSubjectCaseSensitive": false
    },
    "eventDeliverySchema": "EventGridSchema",
    "retryPolicy": {
      "maxDeliveryAttempts": ${max_delivery_attempts},
      "eventTimeToLiveInMinutes": ${event_ttl_minutes}
    },
    "deadLetterWithResourceIdentity": {
      "identity": {
        "type": "UserAssigned",
        "userAssignedIdentity": "${EVENTGRID_IDENTITY_ID}"
      },
      "deadLetterDestination": {
        "endpointType": "StorageBlob",
        "properties": {
          "resourceId": "${lake_id}",
          "blobContainerName": "${LAKE_DEADLETTER_CONTAINER_NAME}"
        }
      }
    }
  }
}
JSON

  echo "Subscribing ${function_name} to BlobCreated of ${container}/**${suffix}${suffix:+ in run folders} ..."
  # PUT creates or updates: rerunning the hook is safe. A relative URL goes to the current cloud's ARM.
  az rest \
    --method put \
    --url "${topic_id}/eventSubscriptions/${name}?api-version=${api_version}" \
    --body "@${body_file}" \
    --only-show-errors \
    --output none

  # Creation is asynchronous (Event Grid first validates the webhook): wait for the outcome.
  local state=""
  for _ in $(seq 1 30); do
    state="$(az rest --method get \
      --url "${topic_id}/eventSubscriptions/${name}?api-version=${api_version}" \
      --query "properties.provisioningState" --output tsv)"
    case "${state}" in
      Succeeded) echo "  ${name}: ${state}"; return 0 ;;
      Failed | Canceled) echo "Error: event subscription ${name} is ${state}" >&2; return 1 ;;
    esac
    sleep "${POST_DEPLOY_POLL_SECONDS:-5}"
  done
  echo "Error: event subscription ${name} still ${state} after 150 s" >&2
  return 1
}

subscribe "bronze-manifest-to-silver" "bronze" "PromoteToSilver" "/_manifest.json"
subscribe "silver-manifest-to-gold" "silver" "PromoteToGold" "/_manifest.json"
subscribe "landing-to-ingest" "landing" "IngestLandedFile"

echo "Event Grid subscriptions are in place on ${EVENTGRID_SYSTEM_TOPIC_NAME}."
