// A hardened StorageV2 account: no shared keys, no public blob access, TLS 1.2, HTTPS only. Its network rule is an
// explicit choice (docs/security.md): with privateNetworking its endpoints deny every network by default (private
// endpoints and trusted Azure services, such as Event Grid dead-lettering, only); without, they accept any network,
// every request still needing an Entra ID token (shared keys are off).
param name string
param location string
param tags object = {}

@description('Blob containers to create (all private).')
param containers string[] = []

@description('Queues to create (a role can then be scoped to one).')
param queues string[] = []

@description('Deny public network traffic by default (private endpoints reach the account).')
param privateNetworking bool = false

@description('Keep previous versions of every blob (lake history).')
param enableVersioning bool = false

@description('Days deleted blobs are kept; 0 turns blob soft delete off.')
@minValue(0)
@maxValue(365)
param blobDeleteRetentionDays int = 0

@description('Days deleted containers are kept; 0 turns container soft delete off.')
@minValue(0)
@maxValue(365)
param containerDeleteRetentionDays int = 0

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    // max(..., 1) only narrows the type for the compiler (days must be >= 1 when enabled).
    properties: {
      isVersioningEnabled: enableVersioning
      deleteRetentionPolicy: blobDeleteRetentionDays > 0
        ? { enabled: true, days: max(blobDeleteRetentionDays, 1) }
        : { enabled: false }
      containerDeleteRetentionPolicy: containerDeleteRetentionDays > 0
        ? { enabled: true, days: max(containerDeleteRetentionDays, 1) }
        : { enabled: false }
    }

    resource blobContainers 'containers' = [
      for container in containers: {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueServices 'queueServices' = if (!empty(queues)) {
    name: 'default'

    resource storageQueues 'queues' = [
      for queue in queues: {
        name: queue
      }
    ]
  }
}

output name string = storage.name
output resourceId string = storage.id
output primaryBlobEndpoint string = storage.properties.primaryEndpoints.blob
output primaryQueueEndpoint string = storage.properties.primaryEndpoints.queue
output primaryTableEndpoint string = storage.properties.primaryEndpoints.table
output primaryDfsEndpoint string = storage.properties.primaryEndpoints.dfs
