// Lifecycle management on the lake: bronze (raw OMDb answers) cools, then expires.
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
          name: 'bronze-cool-then-delete'
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
