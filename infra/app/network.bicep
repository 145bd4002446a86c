// Private networking (PRIVATE_NETWORKING=true, docs/security.md): a virtual network whose `app` subnet the Flex
// Consumption app is integrated with (all its outbound traffic goes through it), and a private endpoint in the
// `private-endpoints` subnet for each storage service, the vault and the Service Bus namespace, each resolved through
// its private DNS zone. The resources themselves deny public traffic by default (their own modules).
param name string
param location string
param tags object = {}

@description('Private endpoints to create: name, target resource id, group id (blob, queue, table, vault, namespace) and the private DNS zone that resolves it.')
param endpoints {
  name: string
  resourceId: string
  groupId: string
  zone: string
}[]

@description('Address space of the network; the app subnet takes its first /24, the private endpoints the second.')
param addressPrefix string = '10.20.0.0/16'

var zones = union(map(endpoints, endpoint => endpoint.zone), [])

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          // Flex Consumption integrates with a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }

  resource endpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zones: {
    name: zone
    location: 'global'
    tags: tags
  }
]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zones: {
    parent: dnsZones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: network.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: 'pep-${endpoint.name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: network::endpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: endpoint.name
          properties: {
            // A resource id passed in by main.bicep (a module output), as every endpoint's target is.
            #disable-next-line use-resource-id-functions
            privateLinkServiceId: endpoint.resourceId
            groupIds: [endpoint.groupId]
          }
        }
      ]
    }
  }
]

resource dnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(endpoint.zone, '.', '-')
          properties: {
            privateDnsZoneId: dnsZones[indexOf(zones, endpoint.zone)].id
          }
        }
      ]
    }
  }
]

output appSubnetId string = network::appSubnet.id
