// Event Grid system topic on the lake account. Its event subscriptions (BlobCreated of run manifests
// to the Functions blob extension webhook) need the extension's system key, which exists only once
// the code is deployed: scripts/post-deploy.sh creates them. The topic's user-assigned identity writes
// undeliverable events to the dead-letter container.
param name string
param location string
param tags object = {}
param lakeStorageName string

@description('Resource id of the user-assigned identity the topic uses for dead-lettering.')
param identityId string

resource lake 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: lakeStorageName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    source: lake.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = systemTopic.name
