// The Functions app on Flex Consumption. Every connection is identity-based through the one
// user-assigned identity: no keys or connection strings with secrets in app settings.
param name string
param location string
param tags object = {}

param appServicePlanId string
param identityId string
param identityClientId string

@description('Host storage (AzureWebJobsStorage, Durable Functions task hub, deployment package).')
param hostStorageName string
param deploymentStorageContainerName string

@description('The lake storage account (connection LakeStorage).')
param lakeStorageName string

@description('Application Insights the app publishes to (with its identity: local auth is off).')
param applicationInsightsName string
param keyVaultUri string

@description('Fully qualified Service Bus namespace: <ns>.servicebus.windows.net.')
param serviceBusNamespace string
param serviceBusTopic string

@description('Subnet (delegated to Microsoft.App/environments) the app is integrated with; empty: none (public outbound).')
param virtualNetworkSubnetId string = ''

@description('Client id of the Entra ID app registration App Service authentication validates tokens for; empty: function keys only.')
param entraClientId string = ''

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048
// Flex Consumption's range for the scale-out limit: a value outside it fails the deployment.
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

// Pipeline settings: the same names and meaning as in local.settings.sample.json.
param taskHubName string
param pipelineSchedule string
param purgeAfterDays int
param topN int
param batchSize int
param minVotes int
param maxParallelBatches int
param batchesPerChunk int
param sourceBlob string
param maxRetries int
param baseDelaySeconds int
param omdbBaseUrl string
param omdbSecretName string
param omdbMaxConcurrency int
param omdbTimeoutSeconds int
param omdbDailyLimit int
param refreshAfterDays int
param notFoundRetryDays int
param rejectThresholdPercent int
@description('Provider declarations file; empty: the providers.json deployed with the app.')
param providersFile string
@description('Largest provider file ingested, in bytes; a larger one is refused whole and stays in landing.')
param providerMaxFileBytes int
@description('Largest field of a provider file (a CSV cell, a JSON value), in bytes; a file with a larger one is refused whole.')
param providerMaxFieldBytes int

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: hostStorageName
}

resource lakeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeStorageName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlanId
    httpsOnly: true
    // Outbound through the private network when there is one (PRIVATE_NETWORKING), to the private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentStorageContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Written out name by name (no union) so the compiled template shows every setting.
  // Not set here on purpose: FUNCTIONS_WORKER_RUNTIME (Flex takes the runtime from functionAppConfig),
  // AzureWebJobsStorage / LakeStorage connection strings (identity-based __ forms instead) and
  // OMDB_API_KEY (the key is read from Key Vault: KEY_VAULT_URI + OMDB_SECRET_NAME).
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage: Functions host, Durable Functions task hub (blobs, queues, tables).
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: hostStorage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: hostStorage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: hostStorage.properties.primaryEndpoints.table
      // The lake: source, landing, bronze, silver, gold, events. The blob triggers on it also need its queue
      // endpoint: the extension keeps its work queue and the poison queue (webjobs-blobtrigger-poison) there.
      LakeStorage__credential: 'managedidentity'
      LakeStorage__clientId: identityClientId
      LakeStorage__blobServiceUri: lakeStorage.properties.primaryEndpoints.blob
      LakeStorage__queueServiceUri: lakeStorage.properties.primaryEndpoints.queue
      // Telemetry published with the identity (App Insights has local auth off).
      // The connection string names the ingestion endpoint; its instrumentation key is an identifier,
      // not a credential, since DisableLocalAuth accepts only Entra ID tokens.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      AZURE_CLIENT_ID: identityClientId
      // Pipeline.
      TASK_HUB_NAME: taskHubName
      PIPELINE_SCHEDULE: pipelineSchedule
      PURGE_AFTER_DAYS: string(purgeAfterDays)
      TOP_N: string(topN)
      BATCH_SIZE: string(batchSize)
      MIN_VOTES: string(minVotes)
      MAX_PARALLEL_BATCHES: string(maxParallelBatches)
      BATCHES_PER_CHUNK: string(batchesPerChunk)
      SOURCE_BLOB: sourceBlob
      MAX_RETRIES: string(maxRetries)
      BASE_DELAY_SECONDS: string(baseDelaySeconds)
      OMDB_BASE_URL: omdbBaseUrl
      OMDB_SECRET_NAME: omdbSecretName
      KEY_VAULT_URI: keyVaultUri
      OMDB_MAX_CONCURRENCY: string(omdbMaxConcurrency)
      OMDB_TIMEOUT_SECONDS: string(omdbTimeoutSeconds)
      OMDB_DAILY_LIMIT: string(omdbDailyLimit)
      OMDB_QUOTA_BLOCK: '20'
      REFRESH_AFTER_DAYS: string(refreshAfterDays)
      NOT_FOUND_RETRY_DAYS: string(notFoundRetryDays)
      OMDB_MAX_RETRY_AFTER_SECONDS: '60'
      OMDB_MAX_BODY_BYTES: '1048576'
      REJECT_THRESHOLD_PERCENT: string(rejectThresholdPercent)
      PROVIDERS_FILE: providersFile
      PROVIDER_MAX_FILE_BYTES: string(providerMaxFileBytes)
      PROVIDER_MAX_FIELD_BYTES: string(providerMaxFieldBytes)
      SERVICEBUS_NAMESPACE: serviceBusNamespace
      SERVICEBUS_TOPIC: serviceBusTopic
    }
  }
}

// No basic (user name and password) publishing credentials: FTP and the SCM site accept Entra ID only (azd deploys with it).
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// App Service authentication with Entra ID (ENTRA_CLIENT_ID, docs/security.md): every request needs a token for the
// app registration, from this tenant, besides the function key. The platform's own webhooks stay on their system keys:
// Event Grid's deliveries to the blob extension and Durable's status and management URLs (automation polls them).
resource entraAuth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(entraClientId)) {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/runtime/webhooks/blobs'
        '/runtime/webhooks/durabletask'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${entraClientId}'
            entraClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output name string = functionApp.name
output resourceId string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName
