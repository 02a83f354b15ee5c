import HookflowEngine

/// How the app list shows a trigger's subscription: `Order_events: Subscribed`,
/// `Poll: SubscribeFailed (503: busy)`, `manual (Request)` for a trigger without one.
enum TriggerStatusText {
    /// The trigger as one entry of the TRIGGERS column.
    static func spans(_ trigger: WorkflowSummary.Trigger) -> [TextSpan] {
        guard let subscription = trigger.subscription else {
            return [TextSpan("\(trigger.name) (\(trigger.type))", .dim)]
        }
        return [TextSpan(trigger.name + ": ", .normal), TextSpan(status(subscription), RunStatusStyle.role(subscription.status))]
    }

    /// Every trigger of an app, separated by commas.
    static func spans(_ triggers: [WorkflowSummary.Trigger]) -> [TextSpan] {
        guard !triggers.isEmpty else { return [TextSpan("no trigger", .dim)] }
        var spans: [TextSpan] = []
        for (index, trigger) in triggers.enumerated() {
            if index > 0 { spans.append(TextSpan(", ", .dim)) }
            spans += self.spans(trigger)
        }
        return spans
    }

    /// `Subscribed`; `SubscribeFailed (503: busy)` with the service's reason.
    static func status(_ subscription: SubscriptionInfo) -> String {
        guard let error = subscription.error, subscription.status == .subscribeFailed || subscription.status == .orphaned else {
            return subscription.status.rawValue
        }
        let reason = error.statusCode.map { "\($0): \(error.message)" } ?? error.message
        return "\(subscription.status.rawValue) (\(reason))"
    }
}
