// The movies pipeline on Azure: Functions (Flex Consumption, Durable Functions), the lake, Key Vault,
// Service Bus, Event Grid, monitoring and alerts. Deployed by `azd up` (see docs/deploy.md).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; feeds the resource token and the resource group name.')
param environmentName string

@minLength(1)
@description('Primary location for all resources (a region that offers Flex Consumption).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID). Empty: no user role assignments.')
param principalId string = ''

@description('Kind of principal principalId is: User for a person, ServicePrincipal for a CI identity.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Object id of the Power BI report authors (best a group): Storage Blob Data Reader on the gold container. Empty: none.')
param goldReaderPrincipalId string = ''

@description('Kind of principal goldReaderPrincipalId is.')
@allowed(['Group', 'User', 'ServicePrincipal'])
param goldReaderPrincipalType string = 'Group'

// Name overrides: empty means abbreviation + resource token.
param resourceGroupName string = ''
param apiServiceName string = ''
param apiUserAssignedIdentityName string = ''
param appServicePlanName string = ''
param hostStorageAccountName string = ''
param lakeStorageAccountName string = ''
param keyVaultName string = ''
param serviceBusNamespaceName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''
param eventGridSystemTopicName string = ''
param actionGroupName string = ''

// Network and access (docs/security.md).
@description('Private networking (PRIVATE_NETWORKING). false, the default and an explicit choice: storage, Key Vault and Service Bus accept any network, every request needing an Entra ID token (no keys anywhere). true: a virtual network the app is integrated with, private endpoints for storage, Key Vault and Service Bus (Premium), and their public endpoints denied by default.')
param privateNetworking bool = false

@description('Client id of an Entra ID app registration (ENTRA_CLIENT_ID): App Service authentication then requires its tokens on the HTTP starter, besides the function key. Empty: function keys only.')
param entraClientId string = ''

// Function app scale.
@description('Memory of each Flex Consumption instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound of Flex Consumption instances: Flex Consumption takes 40 to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

// Pipeline settings: same names and defaults as local.settings.sample.json.
param taskHubName string = 'MoviesHub'
@description('NCRONTAB schedule of the daily run (UTC).')
param pipelineSchedule string = '0 0 3 * * *'
param purgeAfterDays int = 30
param topN int = 20
param batchSize int = 5
param minVotes int = 1000
param maxParallelBatches int = 4
@description('Batches per chunk sub-orchestration: bounds the history of any one orchestration instance.')
@minValue(1)
@maxValue(1000)
param batchesPerChunk int = 100
param sourceBlob string = 'source/movies.json'
param maxRetries int = 3
param baseDelaySeconds int = 2
param omdbBaseUrl string = 'https://www.omdbapi.com/'
@description('Name of the Key Vault secret holding the OMDb API key.')
param omdbSecretName string = 'omdb-api-key'
param omdbMaxConcurrency int = 4
param omdbTimeoutSeconds int = 10
param omdbDailyLimit int = 1000

@description('Days an OMDb answer is reused before the film is looked up again.')
@minValue(0)
param refreshAfterDays int = 7

@description('Days a not-found OMDb answer stands before the film is asked for again.')
@minValue(0)
param notFoundRetryDays int = 30

param rejectThresholdPercent int = 20
@description('Provider declarations file (PROVIDERS_FILE); empty: the providers.json deployed with the app (data/providers.json).')
param providersFile string = ''
@description('Largest provider file ingested, in bytes (PROVIDER_MAX_FILE_BYTES); a larger one is refused whole.')
@minValue(1)
param providerMaxFileBytes int = 104857600
@description('Largest field of a provider file, in bytes (PROVIDER_MAX_FIELD_BYTES); a file with a larger one is refused whole.')
@minValue(1)
param providerMaxFieldBytes int = 65536
param serviceBusTopic string = 'pipeline-events'

@secure()
@description('OMDb API key. Empty: no secret is created; set it after deploy with az keyvault secret set.')
param omdbApiKey string = ''

// Lake retention.
@description('Days after which bronze blobs move to the cool tier.')
@minValue(1)
param bronzeCoolAfterDays int = 30

@description('Days after which bronze blobs are deleted.')
@minValue(1)
param bronzeDeleteAfterDays int = 365

@description('Days deleted lake blobs and containers stay recoverable (soft delete).')
@minValue(1)
@maxValue(365)
param lakeSoftDeleteDays int = 14

// Alerts.
@description('E-mail address for alerts; empty: the action group has no receivers.')
param alertEmail string = ''

@description('Alert when failed executions exceed this percentage over 15 minutes.')
@minValue(1)
@maxValue(100)
param errorRateThresholdPercent int = 5

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var functionAppName = !empty(apiServiceName) ? apiServiceName : '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentStorageContainerName = 'app-package-${take(functionAppName, 32)}-${take(resourceToken, 7)}'
var hostStorageName = !empty(hostStorageAccountName)
  ? hostStorageAccountName
  : '${abbrs.storageStorageAccounts}${resourceToken}'
var lakeStorageName = !empty(lakeStorageAccountName)
  ? lakeStorageAccountName
  : '${abbrs.storageStorageAccounts}lake${resourceToken}'
var apiIdentityName = !empty(apiUserAssignedIdentityName)
  ? apiUserAssignedIdentityName
  : '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var eventGridIdentityName = '${abbrs.managedIdentityUserAssignedIdentities}evgst-${resourceToken}'
var appInsightsName = !empty(applicationInsightsName)
  ? applicationInsightsName
  : '${abbrs.insightsComponents}${resourceToken}'
var vaultName = !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
var serviceBusName = !empty(serviceBusNamespaceName)
  ? serviceBusNamespaceName
  : '${abbrs.serviceBusNamespaces}${resourceToken}'
var deadLetterContainerName = 'eventgrid-deadletter'
var lakeContainers = ['source', 'landing', 'bronze', 'silver', 'gold', 'events', deadLetterContainerName]
// The blob triggers' poison queue, made here so the operator's role can be scoped to it.
var poisonQueueName = 'webjobs-blobtrigger-poison'
var storageSuffix = environment().suffixes.storage
var vnetName = '${abbrs.networkVirtualNetworks}${resourceToken}'
var appSubnetId = resourceId(subscription().subscriptionId, rg.name, 'Microsoft.Network/virtualNetworks/subnets', vnetName, 'app')

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

// The one identity the app uses for storage, Key Vault, Service Bus and telemetry.
module apiIdentity 'core/identity/user-assigned-identity.bicep' = {
  name: 'apiIdentity'
  scope: rg
  params: {
    name: apiIdentityName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName)
      ? logAnalyticsName
      : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: appInsightsName
    location: location
    tags: tags
  }
}

// Host storage: Functions runtime, Durable Functions task hub, deployment packages.
module hostStorage 'core/storage/storage-account.bicep' = {
  name: 'hostStorage'
  scope: rg
  params: {
    name: hostStorageName
    location: location
    tags: tags
    containers: [deploymentStorageContainerName]
    privateNetworking: privateNetworking
  }
}

// The lake: source, landing (provider files arrive here), bronze, silver, gold, events, and Event Grid's dead letters.
module lakeStorage 'core/storage/storage-account.bicep' = {
  name: 'lakeStorage'
  scope: rg
  params: {
    name: lakeStorageName
    location: location
    tags: tags
    containers: lakeContainers
    queues: [poisonQueueName]
    privateNetworking: privateNetworking
    enableVersioning: true
    blobDeleteRetentionDays: lakeSoftDeleteDays
    containerDeleteRetentionDays: lakeSoftDeleteDays
  }
}

module lakeLifecycle 'app/lake-lifecycle.bicep' = {
  name: 'lakeLifecycle'
  scope: rg
  params: {
    lakeStorageName: lakeStorageName
    bronzeCoolAfterDays: bronzeCoolAfterDays
    bronzeDeleteAfterDays: bronzeDeleteAfterDays
  }
  dependsOn: [lakeStorage]
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: vaultName
    location: location
    tags: tags
    omdbSecretName: omdbSecretName
    omdbApiKey: omdbApiKey
    privateNetworking: privateNetworking
  }
}

module serviceBus 'core/messaging/servicebus.bicep' = {
  name: 'serviceBus'
  scope: rg
  params: {
    name: serviceBusName
    location: location
    tags: tags
    topicName: serviceBusTopic
    subscriptionNames: ['all-events']
    privateNetworking: privateNetworking
  }
}

// The private network of PRIVATE_NETWORKING=true: the app's subnet and a private endpoint per service it calls.
module network 'app/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: vnetName
    location: location
    tags: tags
    endpoints: [
      { name: 'host-blob', resourceId: hostStorage.outputs.resourceId, groupId: 'blob', zone: 'privatelink.blob.${storageSuffix}' }
      { name: 'host-queue', resourceId: hostStorage.outputs.resourceId, groupId: 'queue', zone: 'privatelink.queue.${storageSuffix}' }
      { name: 'host-table', resourceId: hostStorage.outputs.resourceId, groupId: 'table', zone: 'privatelink.table.${storageSuffix}' }
      { name: 'lake-blob', resourceId: lakeStorage.outputs.resourceId, groupId: 'blob', zone: 'privatelink.blob.${storageSuffix}' }
      { name: 'lake-queue', resourceId: lakeStorage.outputs.resourceId, groupId: 'queue', zone: 'privatelink.queue.${storageSuffix}' }
      { name: 'vault', resourceId: keyVault.outputs.resourceId, groupId: 'vault', zone: 'privatelink.vaultcore.azure.net' }
      { name: 'servicebus', resourceId: serviceBus.outputs.resourceId, groupId: 'namespace', zone: 'privatelink.servicebus.windows.net' }
    ]
  }
}

module appServicePlan 'core/host/flex-consumption-plan.bicep' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    identityId: apiIdentity.outputs.resourceId
    identityClientId: apiIdentity.outputs.clientId
    virtualNetworkSubnetId: privateNetworking ? appSubnetId : ''
    entraClientId: entraClientId
    hostStorageName: hostStorageName
    deploymentStorageContainerName: deploymentStorageContainerName
    lakeStorageName: lakeStorageName
    applicationInsightsName: appInsightsName
    keyVaultUri: keyVault.outputs.uri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusTopic: serviceBus.outputs.topicName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    taskHubName: taskHubName
    pipelineSchedule: pipelineSchedule
    purgeAfterDays: purgeAfterDays
    topN: topN
    batchSize: batchSize
    minVotes: minVotes
    maxParallelBatches: maxParallelBatches
    batchesPerChunk: batchesPerChunk
    sourceBlob: sourceBlob
    maxRetries: maxRetries
    baseDelaySeconds: baseDelaySeconds
    omdbBaseUrl: omdbBaseUrl
    omdbSecretName: omdbSecretName
    omdbMaxConcurrency: omdbMaxConcurrency
    omdbTimeoutSeconds: omdbTimeoutSeconds
    omdbDailyLimit: omdbDailyLimit
    refreshAfterDays: refreshAfterDays
    notFoundRetryDays: notFoundRetryDays
    rejectThresholdPercent: rejectThresholdPercent
    providersFile: providersFile
    providerMaxFileBytes: providerMaxFileBytes
    providerMaxFieldBytes: providerMaxFieldBytes
  }
  // The host must be able to reach its storage with the identity the moment it starts.
  dependsOn: [hostStorage, lakeStorage, monitoring, rbac, network]
}

// Identity of the Event Grid system topic: writes undeliverable events to the dead-letter container.
module eventGridIdentity 'core/identity/user-assigned-identity.bicep' = {
  name: 'eventGridIdentity'
  scope: rg
  params: {
    name: eventGridIdentityName
    location: location
    tags: tags
  }
}

// BlobCreated events of the lake; subscriptions are added by scripts/post-deploy.sh.
module eventGrid 'app/eventgrid.bicep' = {
  name: 'eventGrid'
  scope: rg
  params: {
    name: !empty(eventGridSystemTopicName)
      ? eventGridSystemTopicName
      : '${abbrs.eventGridSystemTopics}lake-${resourceToken}'
    location: location
    tags: tags
    lakeStorageName: lakeStorageName
    identityId: eventGridIdentity.outputs.resourceId
  }
  dependsOn: [lakeStorage]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    hostStorageName: hostStorageName
    lakeStorageName: lakeStorageName
    deadLetterContainerName: deadLetterContainerName
    keyVaultName: vaultName
    serviceBusNamespaceName: serviceBusName
    serviceBusTopicName: serviceBusTopic
    applicationInsightsName: appInsightsName
    appIdentityName: apiIdentityName
    eventGridIdentityName: eventGridIdentityName
    userPrincipalId: principalId
    userPrincipalType: principalType
    userSetsOmdbSecret: empty(omdbApiKey)
    poisonQueueName: poisonQueueName
    goldReaderPrincipalId: goldReaderPrincipalId
    goldReaderPrincipalType: goldReaderPrincipalType
    goldContainerName: 'gold'
  }
  dependsOn: [apiIdentity, eventGridIdentity, hostStorage, lakeStorage, keyVault, serviceBus, monitoring]
}

// The audit trail: storage, Key Vault, Service Bus and the app's logs in the Log Analytics workspace.
module diagnostics 'app/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    workspaceId: monitoring.outputs.logAnalyticsId
    lakeStorageName: lakeStorageName
    hostStorageName: hostStorageName
    keyVaultName: vaultName
    serviceBusNamespaceName: serviceBusName
    functionAppName: functionAppName
  }
  dependsOn: [api, lakeStorage, hostStorage, keyVault, serviceBus]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: !empty(actionGroupName) ? actionGroupName : '${abbrs.insightsActionGroups}${resourceToken}'
    failedExecutionsAlertName: '${abbrs.insightsMetricAlerts}failed-executions-${resourceToken}'
    errorRateAlertName: '${abbrs.insightsScheduledQueryRules}error-rate-${resourceToken}'
    promotionFailedAlertName: '${abbrs.insightsScheduledQueryRules}promotion-failed-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsName: appInsightsName
    alertEmail: alertEmail
    errorRateThresholdPercent: errorRateThresholdPercent
  }
  dependsOn: [monitoring]
}

// Outputs for azd and the hooks (azd stores them in .azure/<env>/.env). Names and URIs only: no secrets.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = api.outputs.defaultHostName
output SERVICE_API_NAME string = api.outputs.name
output AZURE_CLIENT_ID string = apiIdentity.outputs.clientId
output HOST_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output LAKE_STORAGE_ACCOUNT_NAME string = lakeStorage.outputs.name
output LAKE_BLOB_ENDPOINT string = lakeStorage.outputs.primaryBlobEndpoint
// The container Power BI opens (docs/powerbi.md): AzureStorage.Blobs(LAKE_GOLD_URL).
output LAKE_GOLD_URL string = '${lakeStorage.outputs.primaryBlobEndpoint}gold'
output LAKE_DEADLETTER_CONTAINER_NAME string = deadLetterContainerName
output SOURCE_BLOB string = sourceBlob
output EVENTGRID_SYSTEM_TOPIC_NAME string = eventGrid.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URI string = keyVault.outputs.uri
output OMDB_SECRET_NAME string = omdbSecretName
output SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICEBUS_TOPIC string = serviceBus.outputs.topicName
output TASK_HUB_NAME string = taskHubName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output EVENTGRID_IDENTITY_ID string = eventGridIdentity.outputs.resourceId
