// Key Vault on Azure RBAC (no access policies), soft delete and purge protection on. Network: with privateNetworking
// every network is denied by default (its private endpoint and trusted Azure services only); without, the vault
// accepts any network, every request still needing an Entra ID token and a role (docs/security.md).
param name string
param location string
param tags object = {}

@description('Name of the secret that holds the OMDb API key.')
param omdbSecretName string

@description('Deny public network traffic by default (a private endpoint reaches the vault).')
param privateNetworking bool = false

@secure()
@description('The OMDb API key. Empty: no secret is created here; set it after deploy (docs/deploy.md).')
param omdbApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
    }
  }
}

resource omdbSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(omdbApiKey)) {
  parent: vault
  name: omdbSecretName
  properties: {
    value: omdbApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output resourceId string = vault.id
output uri string = vault.properties.vaultUri
