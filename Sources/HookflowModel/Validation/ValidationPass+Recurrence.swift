/// What the engine needs to schedule a Recurrence trigger beyond frequency, interval and start
/// time (checked with the other trigger fields): a Windows time zone and a schedule it can read.
extension ValidationPass {
    mutating func checkRecurrenceSchedule(_ step: Step) {
        guard let recurrence = step.json["recurrence"], let object = recurrence.objectValue else { return }
        // Expressions are resolved when the app is published; frequency and interval have their own messages.
        if containsExpression(recurrence) { return }
        let pointer = step.pointer / "recurrence"
        if let zone = object["timeZone"], zone.stringValue == nil {
            add(pointer / "timeZone", "Time zone must be a Windows time zone name, not \(article(zone.typeName))")
            return
        }
        guard RecurrenceSchedule.Frequency.allCases.contains(where: { $0.rawValue.lowercased() == object["frequency"]?.stringValue?.lowercased() }),
            (object["interval"]?.intValue ?? object["interval"]?.stringValue.flatMap { Int($0) } ?? 0) > 0
        else { return }
        do { _ = try RecurrenceSchedule(recurrence) } catch {
            let key = error.description.hasPrefix("time zone") ? "timeZone" : error.description.hasPrefix("schedule") ? "schedule"
                : error.description.hasPrefix("start time") ? "startTime" : nil
            // Start times have their own message already.
            guard key != "startTime" else { return }
            let message = error.description.prefix(1).uppercased() + error.description.dropFirst()
            add(key.map { pointer / $0 } ?? pointer, message)
        }
    }

    private func containsExpression(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): isDynamic(text)
        case .array(let items): items.contains(where: containsExpression)
        case .object(let object): object.entries.contains { containsExpression($0.value) }
        default: false
        }
    }
}
