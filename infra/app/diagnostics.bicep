// Diagnostic settings: the audit trail of the deployment in the Log Analytics workspace (docs/security.md). The lake's
// blob writes and deletes (who changed or removed what), the host storage's blob deletes, Key Vault's audit events
// (every secret read, by whom), Service Bus's operational logs and the function app's own logs.
param workspaceId string
param lakeStorageName string
param hostStorageName string
param keyVaultName string
param serviceBusNamespaceName string
param functionAppName string

@description('Name of every diagnostic setting this module creates.')
param settingName string = 'to-log-analytics'

resource lakeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeStorageName

  resource blobServices 'blobServices' existing = {
    name: 'default'
  }
}

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageName

  resource blobServices 'blobServices' existing = {
    name: 'default'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

// Writes and deletes of every lake blob: bronze, silver, gold, landing, each with the caller's identity.
resource lakeBlobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: lakeStorage::blobServices
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

// Deletes on the host storage (deployment packages, task hub blobs); its writes are the Durable engine's churn.
resource hostBlobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: hostStorage::blobServices
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageDelete', enabled: true }
    ]
  }
}

// Every Key Vault operation, secret reads (SecretGet) included, with the caller.
resource keyVaultLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: keyVault
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'AuditEvent', enabled: true }
    ]
  }
}

resource serviceBusLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: serviceBus
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'OperationalLogs', enabled: true }
    ]
  }
}

resource functionAppLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: settingName
  scope: functionApp
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'FunctionAppLogs', enabled: true }
    ]
  }
}
