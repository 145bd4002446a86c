// Alerts on the function app's telemetry, sent to one action group.
param actionGroupName string
param failedExecutionsAlertName string
param errorRateAlertName string
param promotionFailedAlertName string
param location string
param tags object = {}
param applicationInsightsName string

@description('E-mail address that receives the alerts; empty: the action group has no receivers.')
param alertEmail string = ''

@description('Alert when failed requests exceed this percentage of all requests over 15 minutes.')
@minValue(1)
@maxValue(100)
param errorRateThresholdPercent int = 5

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'movies'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'pipeline-owner'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

// Failed function executions: activities, orchestrator episodes, triggers. Any failure in 15 minutes.
resource failedExecutions 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: failedExecutionsAlertName
  location: 'global'
  tags: tags
  properties: {
    description: 'A function execution (trigger, orchestrator or activity) failed.'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'FailedRequests'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

// Error rate: failed / total requests above the threshold over 15 minutes.
resource errorRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: errorRateAlertName
  location: location
  tags: tags
  properties: {
    displayName: errorRateAlertName
    description: 'More than ${errorRateThresholdPercent}% of function executions failed in 15 minutes.'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'requests | summarize total = count(), failed = countif(success == false) | where total > 0 | extend failurePercent = 100.0 * failed / total'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failurePercent'
          operator: 'GreaterThan'
          threshold: errorRateThresholdPercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

// A promotion the blob trigger gave up on: ReportPoisonPromotions logs "Promotion failed: ..." at Error once per
// message of the lake's webjobs-blobtrigger-poison queue, where it waits for a replay (docs/deploy.md: replay).
resource promotionFailed 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: promotionFailedAlertName
  location: location
  tags: tags
  properties: {
    displayName: promotionFailedAlertName
    description: 'A silver or gold promotion failed on every try and waits in the poison queue for a replay.'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: 'traces | where severityLevel >= 3 and message startswith "Promotion failed:"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actionGroup.id]
    }
  }
}

output actionGroupName string = actionGroup.name
