// Lifecycle management on the lake: bronze cools; then a run's bronze expires (its folder, bronze/{yyyy}/{MM}/{dd}/{runId}/),
// and so do the daily OMDb quota ledgers. What a duplicate check needs is never deleted: the provider files' arrival
// records and sequence (bronze/providers/: a file re-sent after any time is recognised, and arrival numbers never
// restart), nor the answer cache and the deferred queue (bronze/_enrichment/, kept small by their writers).
// Gold keeps its history: no rule touches gold/.
param lakeStorageName string

@minValue(1)
param bronzeCoolAfterDays int

@minValue(1)
param bronzeDeleteAfterDays int

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeStorageName
}

resource policy 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: lake
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'bronze-cool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['bronze/']
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: bronzeCoolAfterDays
                }
              }
            }
          }
        }
        {
          // Run folders are dated (bronze/2026/...): 'bronze/2' is every run of years 2000 to 2999, and nothing else.
          name: 'bronze-runs-and-quota-expire'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['bronze/2', 'bronze/_enrichment/quota/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: bronzeDeleteAfterDays
                }
              }
              version: {
                delete: {
                  daysAfterCreationGreaterThan: bronzeDeleteAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
}
