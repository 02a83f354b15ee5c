import Foundation

/// Checks of outbound requests (webhook subscribe/unsubscribe, HTTP) and of the other step types' inputs.
extension ValidationPass {
    mutating func checkWebhook(_ step: Step) {
        let inputs = step.pointer / "inputs"
        for (key, label) in [("subscribe", "Subscribe"), ("unsubscribe", "Unsubscribe")] {
            let pointer = inputs / key
            let value = step.inputs?[key]
            if let value, value.objectValue == nil {
                add(pointer, "\(label) must be an object with method and uri")
                continue
            }
            // SPEC §1: without an unsubscribe the app still saves and runs; the service is never told to stop.
            checkRequest(value?.objectValue ?? JSONObject(), at: pointer, label: "\(label) - ", acceptsURL: key == "unsubscribe",
                         missing: key == "unsubscribe" ? .warning : .error)
        }
        // A policy for both calls, next to subscribe and unsubscribe (where the designer's Settings tab puts it).
        if let retryPolicy = step.inputs?["retryPolicy"] {
            checkRetryPolicy(retryPolicy, at: inputs / "retryPolicy", label: "Retry policy")
        }
    }

    mutating func checkHttp(_ step: Step) {
        let pointer = step.pointer / "inputs"
        let request = step.inputs?.objectValue ?? JSONObject()
        checkRequest(request, at: pointer, label: "", acceptsURL: false)
        if let queries = request["queries"] { checkStringMap(queries, at: pointer / "queries", label: "Queries") }
    }

    /// Method, URI, headers, authentication and retry policy of one request; `label` prefixes
    /// the form field names ("Subscribe - "); a missing method or URI is a `missing` problem.
    mutating func checkRequest(_ request: JSONObject, at pointer: JSONPointer, label: String, acceptsURL: Bool,
                               missing: ValidationProblem.Severity = .error) {
        let absent = missing == .error ? "is required" : "is missing: the service is never told to stop"
        switch request["method"] {
        case nil, .string(""):
            add(pointer / "method", "\(label)Method \(absent)", missing)
        case .string(let method):
            if !isDynamic(method), !HttpRequestDefinition.methods.contains(method.uppercased()) {
                add(pointer / "method", "\(label)Method \"\(method)\" is not one of \(HttpRequestDefinition.methods.joined(separator: ", "))")
            }
        case let other?:
            add(pointer / "method", "\(label)Method must be a string, not \(article(other.typeName))")
        }

        let uriKey = request.contains("uri") || !acceptsURL || !request.contains("url") ? "uri" : "url"
        switch request[uriKey] {
        case nil, .string(""):
            add(pointer / "uri", "\(label)URI \(absent)", missing)
        case .string(let uri):
            if let problem = uriProblem(uri, at: pointer / uriKey) { add(pointer / uriKey, "\(label)URI \(problem.message)", problem.severity) }
        case let other?:
            add(pointer / uriKey, "\(label)URI must be a string, not \(article(other.typeName))")
        }

        if let headers = request["headers"] { checkStringMap(headers, at: pointer / "headers", label: "\(label)Headers") }
        if let authentication = request["authentication"] {
            checkAuthentication(authentication, at: pointer / "authentication", label: "\(label)Authentication")
        }
        if let retryPolicy = request["retryPolicy"] {
            checkRetryPolicy(retryPolicy, at: pointer / "retryPolicy", label: "\(label)Retry policy")
        }
    }

    /// Why a URI is not an absolute http/https URL, after evaluating it when it is static.
    /// Expressions that need run data (trigger outputs, actions) are not judged here; a value
    /// set outside the definition (parameters.json, an ARM template) is judged with a warning.
    private func uriProblem(_ uri: String, at pointer: JSONPointer) -> (message: String, severity: ValidationProblem.Severity)? {
        guard let problem = uriProblem(uri) else { return nil }
        guard comesFromOutside(uri, at: pointer) else { return (problem, .error) }
        let written = written(at: pointer).map { "\"\($0)\" " } ?? ""
        return ("\(problem); the value \(written)is set outside the definition (\(environment.parameterSource)), so this is a warning", .warning)
    }

    private func uriProblem(_ uri: String) -> String? {
        if Template.containsExpression(uri) {
            guard let evaluated = staticValue(of: uri) else { return nil }
            guard let text = evaluated.stringValue else { return "evaluates to \(article(evaluated.typeName)), not a URL" }
            if let problem = Self.controlCharacterProblem(text) { return "evaluates to text that \(problem)" }
            if let problem = absoluteURLProblem(text) { return "evaluates to \"\(text)\", which \(problem)" }
            return nil
        }
        if isDynamic(uri) { return nil }
        // Not quoted: a control character would break the message's one line.
        if let problem = Self.controlCharacterProblem(uri) { return problem }
        return absoluteURLProblem(uri).map { "\"\(uri)\" \($0)" }
    }

    private func absoluteURLProblem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "is not an absolute URL (for example https://service.example/subscribe)"
        }
        guard scheme == "http" || scheme == "https" else { return "must use http or https, not \(scheme)" }
        guard let host = components.host, !host.isEmpty else { return "has no host" }
        // The port's text, not `port`: a port too large for an Int reads as no port at all.
        if let range = components.rangeOfPort {
            let digits = text[range]
            if !(Int(digits).map { (1...65535).contains($0) } ?? false) {
                return "has port \(digits), but a port is a number from 1 to 65535"
            }
        }
        return nil
    }

    /// NUL, CR, LF and the other control characters split or end a request line when sent;
    /// no valid URI holds one, so they are refused even where URL parsing would let them pass.
    static func controlCharacterProblem(_ text: String) -> String? {
        // Positions count Characters, as expression positions do ("\r\n" is one).
        for (offset, character) in text.enumerated() {
            guard let scalar = character.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) else { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            return "contains the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) "
                + "at position \(offset + 1); a URI cannot hold NUL, CR, LF or other control characters"
        }
        return nil
    }

    mutating private func checkStringMap(_ value: JSONValue, at pointer: JSONPointer, label: String) {
        if case .string(let text) = value, isDynamic(text) { return }
        guard let object = value.objectValue else {
            add(pointer, "\(label) must be an object of names to string values")
            return
        }
        for entry in object.entries where entry.value.stringValue == nil {
            add(pointer / entry.key, "\(label) - \"\(entry.key)\" must be a string, not \(article(entry.value.typeName))")
        }
    }

    mutating func checkAuthentication(_ value: JSONValue, at pointer: JSONPointer, label: String) {
        guard let object = value.objectValue else {
            add(pointer, "\(label) must be an object with a type")
            return
        }
        // `{}` is no authentication, as the docs' own webhook examples write it.
        if object.isEmpty { return }
        guard let type = object["type"]?.stringValue, !type.isEmpty else {
            add(pointer / "type", "\(label) - Type is required (one of \(Authentication.typeNames.joined(separator: ", ")))")
            return
        }
        guard Authentication.typeNames.contains(where: { $0.lowercased() == type.lowercased() }) else {
            add(pointer / "type", "\(label) - Type \"\(type)\" is not one of \(Authentication.typeNames.joined(separator: ", "))")
            return
        }
        for field in Authentication.fields(forType: type, credentialType: Authentication.credentialType(of: object)) {
            switch object[field.key] {
            case nil, .string(""):
                if field.required { add(pointer / field.key, "\(label) - \(field.label) is required") }
            case .string: break
            case let other?: add(pointer / field.key, "\(label) - \(field.label) must be a string, not \(article(other.typeName))")
            }
        }
    }

    mutating func checkRetryPolicy(_ value: JSONValue, at pointer: JSONPointer, label: String) {
        guard let object = value.objectValue else {
            add(pointer, "\(label) must be an object with a type")
            return
        }
        // `{}` is the default policy, as the docs' own webhook examples write it.
        if object.isEmpty { return }
        let type = object["type"]?.stringValue
        let kind = RetryPolicy.Kind(type)
        if case .unknown(let text) = kind {
            add(pointer / "type", "\(label) - Type \"\(text)\" is not one of none, fixed, exponential, default")
            return
        }
        if type == nil { add(pointer / "type", "\(label) - Type is required (none, fixed, exponential or default)") }
        if kind == .fixed || kind == .exponential {
            for (key, name) in [("count", "Count"), ("interval", "Interval")] where object[key] == nil {
                add(pointer / key, "\(label) - \(name) is required for a \(type ?? "") policy")
            }
        }
        if let count = object["count"] {
            if let number = count.intValue {
                if !(1...RetryPolicy.maximumCount).contains(number) {
                    add(pointer / "count", "\(label) - Count must be between 1 and \(RetryPolicy.maximumCount), not \(number)")
                }
            } else {
                add(pointer / "count", "\(label) - Count must be a whole number")
            }
        }
        for (key, name) in [("interval", "Interval"), ("minimumInterval", "Minimum interval"), ("maximumInterval", "Maximum interval")] {
            guard let interval = object[key] else { continue }
            if let text = interval.stringValue {
                if !isDynamic(text), ISO8601Duration(text) == nil {
                    add(pointer / key, "\(label) - \(name) \"\(text)\" is not an ISO 8601 duration (for example PT7S)")
                }
            } else {
                add(pointer / key, "\(label) - \(name) must be an ISO 8601 duration string")
            }
        }
    }

    // MARK: Other step types

    mutating func checkWait(_ step: Step) {
        let pointer = step.pointer / "inputs"
        let inputs = step.inputs?.objectValue ?? JSONObject()
        if let interval = inputs["interval"] {
            let count = interval["count"]
            switch count {
            case nil: add(pointer.appending(["interval", "count"]), "Count is required")
            case .string(let text) where isDynamic(text): break
            case let value?:
                if (value.intValue ?? 0) <= 0 { add(pointer.appending(["interval", "count"]), "Count must be a whole number above 0") }
            }
            switch interval["unit"]?.stringValue {
            case nil: add(pointer.appending(["interval", "unit"]), "Unit is required (one of \(WaitInputs.units.joined(separator: ", ")))")
            case let unit?:
                if !isDynamic(unit), !WaitInputs.units.contains(where: { $0.lowercased() == unit.lowercased() }) {
                    add(pointer.appending(["interval", "unit"]), "Unit \"\(unit)\" is not one of \(WaitInputs.units.joined(separator: ", "))")
                }
            }
        } else if let until = inputs["until"] {
            switch until["timestamp"]?.stringValue {
            case nil: add(pointer.appending(["until", "timestamp"]), "Timestamp is required")
            case let text?:
                if !isDynamic(text), ISO8601Timestamp.date(from: text) == nil {
                    add(pointer.appending(["until", "timestamp"]), "Timestamp \"\(text)\" is not an ISO 8601 date and time (for example 2026-01-01T09:00:00Z)")
                }
            }
        } else {
            add(pointer, "Delay needs either an interval (count and unit) or an until timestamp")
        }
    }

    mutating func checkTerminate(_ step: Step) {
        let pointer = step.pointer.appending(["inputs", "runStatus"])
        switch step.inputs?["runStatus"]?.stringValue {
        case nil: add(pointer, "Status is required (one of \(TerminateInputs.statuses.joined(separator: ", ")))")
        case let status?:
            if !TerminateInputs.statuses.contains(where: { $0.lowercased() == status.lowercased() }) {
                add(pointer, "Status \"\(status)\" is not one of \(TerminateInputs.statuses.joined(separator: ", "))")
            }
        }
    }

    mutating func checkIf(_ step: Step) {
        checkCondition(of: step, missing: "Condition is required", named: "Condition")
        if let actions = step.json["actions"], actions.objectValue == nil {
            add(step.pointer / "actions", "Actions must be an object")
        }
        if let otherwise = step.json["else"], otherwise["actions"]?.objectValue == nil {
            add(step.pointer / "else", "Else must be an object with actions")
        }
    }

    mutating func checkRecurrence(_ step: Step) {
        let pointer = step.pointer / "recurrence"
        guard let recurrence = step.json["recurrence"]?.objectValue else {
            add(pointer, "Recurrence is required (frequency and interval)")
            return
        }
        switch recurrence["frequency"]?.stringValue {
        case nil: add(pointer / "frequency", "Frequency is required (one of \(Recurrence.frequencies.joined(separator: ", ")))")
        case let frequency?:
            if !Recurrence.frequencies.contains(where: { $0.lowercased() == frequency.lowercased() }) {
                add(pointer / "frequency", "Frequency \"\(frequency)\" is not one of \(Recurrence.frequencies.joined(separator: ", "))")
            }
        }
        // The docs write the interval as a number and, in places, as text ("1").
        if (recurrence["interval"]?.intValue ?? recurrence["interval"]?.stringValue.flatMap { Int($0) } ?? 0) <= 0 {
            add(pointer / "interval", recurrence["interval"] == nil ? "Interval is required" : "Interval must be a whole number above 0")
        }
        if let start = recurrence["startTime"]?.stringValue, !isDynamic(start), ISO8601Timestamp.date(from: start) == nil {
            add(pointer / "startTime", "Start time \"\(start)\" is not an ISO 8601 date and time")
        }
    }

    mutating func checkRequest(_ step: Step) {
        if let method = step.inputs?["method"]?.stringValue, !HttpRequestDefinition.methods.contains(method.uppercased()) {
            add(step.pointer.appending(["inputs", "method"]), "Method \"\(method)\" is not one of \(HttpRequestDefinition.methods.joined(separator: ", "))")
        }
        if let schema = step.inputs?["schema"], schema.objectValue == nil {
            add(step.pointer.appending(["inputs", "schema"]), "Schema must be a JSON schema object")
        }
    }
}
