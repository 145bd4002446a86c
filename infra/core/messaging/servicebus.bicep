// Service Bus namespace with local (SAS) auth off, one topic and its subscriptions. Standard (topics) on the public
// endpoint, every sender needing an Entra ID token; with privateNetworking, Premium (private endpoints are a
// Premium feature) with public network access off (docs/security.md).
param name string
param location string
param tags object = {}
param topicName string
param subscriptionNames string[] = []

@description('Premium with public network access off, reached through a private endpoint.')
param privateNetworking bool = false

@description('How long the topic remembers message ids to drop a resent event (ISO 8601; at least a day, at most 7 days). Fixed once the topic exists.')
param duplicateDetectionWindow string = 'P1D'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: privateNetworking
    ? {
        name: 'Premium'
        tier: 'Premium'
        capacity: 1
      }
    : {
        name: 'Standard'
        tier: 'Standard'
      }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }

  resource topic 'topics' = {
    name: topicName
    properties: {
      defaultMessageTimeToLive: 'P14D'
      enableBatchedOperations: true
      maxSizeInMegabytes: 1024
      // Events carry deterministic message ids (run, type, attempt or content): a retried or replayed
      // publish is dropped here. Cannot be switched on after the topic exists.
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
      supportOrdering: false
    }

    resource subscriptions 'subscriptions' = [
      for subscriptionName in subscriptionNames: {
        name: subscriptionName
        properties: {
          deadLetteringOnMessageExpiration: true
          defaultMessageTimeToLive: 'P14D'
          lockDuration: 'PT1M'
          maxDeliveryCount: 10
        }
      }
    ]
  }
}

output name string = namespace.name
output resourceId string = namespace.id
output topicName string = namespace::topic.name
// '<ns>.servicebus.windows.net', read from the endpoint so it holds in every cloud.
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
