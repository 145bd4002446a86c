// Every role assignment of the deployment. Each one is scoped to the single resource it concerns
// and named guid(scope, principal, role) so redeploys are idempotent. Managed identities enter the
// name by resource id (known when the deployment starts, unlike their principal id), the user by
// object id.
//
// Built-in role definition ids (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles):
//   b7e6dc6d-f1e8-4753-8033-0f276bb0955b  Storage Blob Data Owner
//   ba92f5b4-2d11-453d-a403-e96b0029c9fe  Storage Blob Data Contributor
//   2a2b9908-6ea1-4ae2-8e65-a410df84e7d1  Storage Blob Data Reader
//   974c5e8b-45b9-4653-ba55-5f855dd0fb88  Storage Queue Data Contributor
//   0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3  Storage Table Data Contributor
//   4633458b-17de-408a-b874-0445c86b69e6  Key Vault Secrets User
//   b86a8fe4-44ce-4948-aee5-eccb2c155cd7  Key Vault Secrets Officer
//   69a216fc-b8fb-44d8-bc22-1f3c2cd27a39  Azure Service Bus Data Sender
//   3913510d-42f4-4e42-8a64-420c390055eb  Monitoring Metrics Publisher

param hostStorageName string
param lakeStorageName string
param deadLetterContainerName string
param keyVaultName string
param serviceBusNamespaceName string
param serviceBusTopicName string
param applicationInsightsName string

@description('Name of the app\'s user-assigned identity.')
param appIdentityName string

@description('Name of the Event Grid system topic\'s user-assigned identity (dead-lettering).')
param eventGridIdentityName string

@description('Object id of the deploying user; empty: no user roles.')
param userPrincipalId string = ''

@description('True when the OMDb key was not given at provision: the user then sets the secret after deploy (Key Vault Secrets Officer on the vault).')
param userSetsOmdbSecret bool = true

@description('Lake containers the deploying user writes as the operator: the source dataset, provider files, and the run manifests a failed promotion is replayed from.')
param userWritableContainers array = ['source', 'landing', 'bronze', 'silver']

@description('The blob triggers\' poison queue on the lake, which the operator reads and clears after a replay.')
param poisonQueueName string = 'webjobs-blobtrigger-poison'

@allowed(['User', 'ServicePrincipal'])
param userPrincipalType string = 'User'

@description('Object id of the Power BI report authors (a group, a user or a service principal); empty: none.')
param goldReaderPrincipalId string = ''

@allowed(['Group', 'User', 'ServicePrincipal'])
param goldReaderPrincipalType string = 'Group'

@description('The lake container Power BI reads.')
param goldContainerName string = 'gold'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource eventGridIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: eventGridIdentityName
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageName
}

resource lakeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeStorageName

  resource blobServices 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }

    resource goldContainer 'containers' existing = {
      name: goldContainerName
    }
  }

  resource queueServices 'queueServices' existing = {
    name: 'default'

    resource poisonQueue 'queues' existing = {
      name: poisonQueueName
    }
  }
}


resource userContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = [
  for container in userWritableContainers: {
    parent: lakeStorage::blobServices
    name: container
  }
]

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource topic 'topics' existing = {
    name: serviceBusTopicName
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// --- The app's identity ---

// Storage Blob Data Owner on the host storage: Functions host, deployment package, task hub blobs.
resource appHostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appIdentity.id, roles.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Storage Queue Data Contributor on the host storage: Durable Functions control and work-item queues.
resource appHostQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appIdentity.id, roles.storageQueueDataContributor)
  scope: hostStorage
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Storage Table Data Contributor on the host storage: Durable Functions history and instances tables.
resource appHostTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, appIdentity.id, roles.storageTableDataContributor)
  scope: hostStorage
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// Storage Blob Data Owner on the lake, account-wide: read source and landing, write bronze/silver/gold/events, and the
// role the Functions documentation requires of an identity-based blob trigger connection (LakeStorage: "Storage Blob
// Data Owner and Storage Queue Data Contributor" on the account it watches). Wider than the app's own writes need;
// kept because the trigger extension is documented to need it (docs/deploy.md).
resource appLakeBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(lakeStorage.id, appIdentity.id, roles.storageBlobDataOwner)
  scope: lakeStorage
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

// Storage Queue Data Contributor on the lake: the blob triggers' work and poison queues
// (webjobs-blobtrigger-poison, which ReportPoisonPromotions reads).
resource appLakeQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(lakeStorage.id, appIdentity.id, roles.storageQueueDataContributor)
  scope: lakeStorage
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Key Vault Secrets User on the vault: read the OMDb key.
resource appKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appIdentity.id, roles.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

// Azure Service Bus Data Sender on the pipeline-events topic only.
resource appTopicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::topic.id, appIdentity.id, roles.serviceBusDataSender)
  scope: serviceBus::topic
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// Monitoring Metrics Publisher on Application Insights: telemetry with Entra ID (local auth is off).
resource appMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// --- The Event Grid system topic's identity ---

// Storage Blob Data Contributor on the dead-letter container only: write undeliverable events.
resource eventGridDeadLetterContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(lakeStorage::blobServices::deadLetterContainer.id, eventGridIdentity.id, roles.storageBlobDataContributor)
  scope: lakeStorage::blobServices::deadLetterContainer
  properties: {
    principalId: eventGridIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

// --- The deploying user, as the operator (skipped when no principal id is given) ---
// Container by container, never the whole lake: events, gold (read below) and the dead letters are the app's.

// Storage Blob Data Contributor on source, landing, bronze and silver: upload the source dataset (post-provision
// hook), drop provider files into landing, and replay a failed promotion by rewriting its manifest (docs/deploy.md).
resource userContainerContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (container, i) in userWritableContainers: if (!empty(userPrincipalId)) {
    name: guid(userContainers[i].id, userPrincipalId, roles.storageBlobDataContributor)
    scope: userContainers[i]
    properties: {
      principalId: userPrincipalId
      principalType: userPrincipalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    }
  }
]

// Storage Blob Data Reader on gold: look at what the runs published (gold is written by the app only).
resource userGoldReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(lakeStorage::blobServices::goldContainer.id, userPrincipalId, roles.storageBlobDataReader)
  scope: lakeStorage::blobServices::goldContainer
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}

// Storage Queue Data Contributor on the poison queue only: look at it and clear it after a replay (docs/deploy.md).
resource userPoisonQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(lakeStorage::queueServices::poisonQueue.id, userPrincipalId, roles.storageQueueDataContributor)
  scope: lakeStorage::queueServices::poisonQueue
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

// Key Vault Secrets Officer on the vault, only when the OMDb key was not given at provision: set it after deploy. With
// OMDB_API_KEY given to azd, Bicep creates the secret and the user holds no role on the vault at all.
resource userKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId) && userSetsOmdbSecret) {
  name: guid(keyVault.id, userPrincipalId, roles.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    principalId: userPrincipalId
    principalType: userPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

// --- Power BI (skipped when no principal id is given) ---

// Storage Blob Data Reader on the gold container only: what docs/powerbi/gold.pq opens
// (AzureStorage.Blobs on the container URL, so no account-level listing is needed).
resource goldReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(goldReaderPrincipalId)) {
  name: guid(lakeStorage::blobServices::goldContainer.id, goldReaderPrincipalId, roles.storageBlobDataReader)
  scope: lakeStorage::blobServices::goldContainer
  properties: {
    principalId: goldReaderPrincipalId
    principalType: goldReaderPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}
