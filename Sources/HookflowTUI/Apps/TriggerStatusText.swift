import HookflowEngine

/// How a trigger's subscription reads: in the app list `Order_events: Subscribed`,
/// `Poll: SubscribeFailed (503: busy, next try 12:03:04)`, `manual (Request)` for a trigger
/// without one; on the message line the outcome of a save or of a call that finished later.
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

    /// `Subscribed`, `Subscribing`; `SubscribeFailed (503: busy, next try 12:03:04)` with the
    /// service's reason and when the engine tries again.
    static func status(_ subscription: SubscriptionInfo) -> String {
        guard subscription.status == .subscribeFailed || subscription.status == .orphaned else { return subscription.status.rawValue }
        let reason = subscription.error.map { error in error.statusCode.map { "\($0): \(error.message)" } ?? error.message }
        let next = subscription.status == .subscribeFailed ? nextTry(subscription.nextAttemptTime) : nil
        let details = [reason, next].compactMap { $0 }
        return details.isEmpty ? subscription.status.rawValue : "\(subscription.status.rawValue) (\(details.joined(separator: ", ")))"
    }

    /// One trigger's outcome for the message line, whole: `Webhook: Subscribed`,
    /// `Webhook: SubscribeFailed (HTTP 500: down — {"error"…}, next try 12:03:04)`.
    static func outcome(_ trigger: String, _ status: String, error: SubscriptionError?, nextAttemptTime: String?) -> String {
        let details = [error?.description, nextTry(nextAttemptTime)].compactMap { $0 }
        return "\(trigger): \(status)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
    }

    /// `next try 12:03:04` (UTC, as every time on screen) from the engine's ISO 8601 time.
    static func nextTry(_ iso: String?) -> String? {
        guard let iso else { return nil }
        let shown = RunTimes.display(iso)
        return "next try " + (shown.count == 19 ? String(shown.suffix(8)) : shown)
    }
}
