import Foundation
import HookflowModel
import Hummingbird

/// The management API (SPEC §3): JSON in, JSON out, the forms of `APIJSON.swift`.
extension EngineResponder {
    func manage(_ route: ServerRoute, request: Request) async throws(APIError) -> Response {
        switch route {
        case .health:
            return health(.full)

        case .workflows:
            let summaries = try await call { () async throws(EngineError) in try await engine.listWorkflows() }
            return APIResponse.json(["value": .array(summaries.map(\.json))])

        case .workflow(let name):
            switch request.method {
            case .put:
                let save = try await saveRequest(request)
                let summary = try await call { () async throws(EngineError) in
                    try await engine.save(name: name, definition: save.definition, state: save.state, kind: save.kind, baseVersion: save.baseVersion,
                                          properties: save.properties)
                }
                return APIResponse.json(summary.json, headers: Self.versionTag(summary.version))
            case .delete:
                let summary = try await call { () async throws(EngineError) in try await engine.delete(name: name) }
                return APIResponse.json(summary.json)
            default:
                let detail = try await call { () async throws(EngineError) in try await engine.workflowDetail(named: name) }
                return APIResponse.json(detail.json, headers: Self.versionTag(detail.summary.version))
            }

        case .setState(let name, let state):
            let summary = try await call { () async throws(EngineError) in try await engine.setState(state, ofWorkflow: name) }
            return APIResponse.json(summary.json)

        case .regenerateAccessKey(let name):
            let summary = try await call { () async throws(EngineError) in try await engine.regenerateAccessKey(workflow: name) }
            return APIResponse.json(summary.json)

        case .listCallbackURL(let name, let trigger):
            let url = try await call { () async throws(EngineError) in try await engine.callbackURL(workflow: name, trigger: trigger) }
            return APIResponse.json(["value": .string(url)])

        case .runs(let name):
            return try await runs(workflow: name, request: request)

        case .run(let name, let id):
            let detail = try await call { () async throws(EngineError) in try await engine.run(workflow: name, id: id) }
            return APIResponse.json(detail.json)

        case .cancelRun(let name, let id):
            let detail = try await call { () async throws(EngineError) in try await engine.cancelRun(workflow: name, id: id) }
            return APIResponse.json(detail.json)

        case .resubmitRun(let name, let id):
            let detail = try await call { () async throws(EngineError) in try await engine.resubmitRun(workflow: name, id: id) }
            return APIResponse.json(detail.json)

        case .events:
            return try await eventStream()

        case .subscriptions:
            var status: SubscriptionStatus?
            if let text = QueryString.items(request.uri.query).last(where: { $0.name.lowercased() == "status" })?.value, !text.isEmpty {
                guard let parsed = SubscriptionStatus.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                    throw .invalidRequest("status \"\(text)\" is not one of \(SubscriptionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                status = parsed
            }
            let subscriptions = try await call { () async throws(EngineError) in try await engine.subscriptions(status: status) }
            return APIResponse.json(["value": .array(subscriptions.map(\.json))])

        case .subscription(let id):
            let dropped = try await call { () async throws(EngineError) in try await engine.dropSubscription(id: id) }
            return APIResponse.json(dropped.json)

        case .triggerCallback, .actionCallback:
            throw APIError(status: .internalServerError, code: "InternalError", message: "a callback route reached the management API")
        }
    }

    /// `GET /management/health`: where the engine is, for callers the management API admits; a bare
    /// `{"status": "ok"}` for anyone else (a load balancer off loopback needs no token for it).
    func health(_ admission: ManagementAccess.Admission) -> Response {
        guard admission == .full else { return APIResponse.json(["status": "ok"]) }
        let writes = engine.store.writeStatistics
        return APIResponse.json(["status": "ok", "engine": "hookflow", "baseUrl": .string(engine.baseURL),
                                 "store": ["commits": .number(JSONNumber(writes.commits)), "writes": .number(JSONNumber(writes.writes))]])
    }

    /// `GET .../runs?status=&top=&skipToken=`, with `nextLink` pointing at the next page.
    private func runs(workflow name: String, request: Request) async throws(APIError) -> Response {
        let query = QueryString.items(request.uri.query)
        func value(_ key: String) -> String? {
            query.last { $0.name.lowercased() == key.lowercased() }.flatMap { $0.value.isEmpty ? nil : $0.value }
        }
        var status: RunStatus?
        if let text = value("status") {
            guard let parsed = RunStatus(caseInsensitive: text) else {
                throw .invalidRequest("status \"\(text)\" is not a run status; use one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = parsed
        }
        var top: Int?
        if let text = value("top") {
            guard let parsed = Int(text), parsed > 0 else { throw .invalidRequest("top \"\(text)\" must be a whole number above 0") }
            top = parsed
        }
        var page = try await call { () async throws(EngineError) in
            try await engine.runs(workflow: name, status: status, top: top, skipToken: value("skipToken"))
        }
        if let skipToken = page.skipToken {
            // The same query with the new skipToken, at the address the caller used to reach us.
            let kept = query.filter { $0.name.lowercased() != "skiptoken" } + [(name: "skipToken", value: skipToken)]
            let origin = request.head.authority.map { "http://\($0)" } ?? engine.baseURL
            page.nextLink = "\(origin)\(request.uri.path)?\(QueryString.string(kept))"
        }
        return APIResponse.json(page.json)
    }

    /// The body of `PUT /management/workflows/{name}`: `{"definition": {...}, "state"?, "kind"?}`.
    /// `ETag: "3"`: the version, what a save names in `If-Match` to be checked against.
    static func versionTag(_ version: Int) -> HTTPFields {
        var headers = HTTPFields()
        headers[.eTag] = "\"\(version)\""
        return headers
    }

    /// The version an `If-Match` header names (`"3"`, `W/"3"` or `3`); nil without one or for `*`.
    static func matchedVersion(_ request: Request) throws(APIError) -> Int? {
        guard let text = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), text != "*" else { return nil }
        var tag = Substring(text)
        if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
        if tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 { tag = tag.dropFirst().dropLast() }
        guard let version = Int(tag), version >= 0 else {
            throw .invalidRequest("If-Match must name a version as an ETag such as \"3\" (what GET answers in ETag), not \(text)")
        }
        return version
    }

    private func saveRequest(_ request: Request) async throws(APIError)
        -> (definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?, properties: JSONObject?)
    {
        let headerVersion = try Self.matchedVersion(request)
        let data = try await collectBody(request, limit: Self.managementBodyLimit)
        let shape = #"send {"definition": {...}, "state"?: "Enabled"|"Disabled", "kind"?: "Stateful"|"Stateless", "baseVersion"?: 3, "properties"?: {...}}"#
        guard !data.isEmpty else { throw .invalidRequest("the request body is empty; \(shape)") }
        let body: JSONValue
        do { body = try JSONParser.parse(data, maximumDepth: JSONValue.envelopeReadingDepth) } catch {
            throw .invalidRequest("the request body is not valid JSON (\(error.description))")
        }
        guard body.objectValue != nil else { throw .invalidRequest("the request body is a JSON \(body.typeName); \(shape)") }
        guard let definition = body["definition"] else { throw .invalidRequest("the request body has no \"definition\"; \(shape)") }
        // The body wraps the definition: the definition itself gets the limit every document has.
        if definition.nestsDeeper() {
            throw .invalidRequest("the definition nests deeper than \(JSONValue.maximumDepth) levels, the limit for JSON in Hookflow")
        }
        var state: WorkflowState?
        if let value = body["state"], !value.isNull {
            guard let text = value.stringValue, let parsed = WorkflowState(caseInsensitive: text) else {
                throw .invalidRequest("\"state\" must be \"Enabled\" or \"Disabled\", not \(JSONWriter.compact.string(from: value))")
            }
            state = parsed
        }
        var kind: String?
        if let value = body["kind"], !value.isNull {
            guard let text = value.stringValue else { throw .invalidRequest("\"kind\" must be a string such as \"Stateful\"") }
            kind = text
        }
        var properties: JSONObject?
        if let value = body["properties"], !value.isNull {
            guard let object = value.objectValue else {
                throw .invalidRequest("\"properties\" must be an object (what the workflow file holds beside the definition), not \(value.typeName)")
            }
            properties = object
        }
        var baseVersion = headerVersion
        if let value = body["baseVersion"], !value.isNull {
            guard let number = value.intValue, number >= 0 else {
                throw .invalidRequest("\"baseVersion\" must be the version the definition was edited from (0 for a new app), not \(JSONWriter.compact.string(from: value))")
            }
            if let headerVersion, headerVersion != number {
                throw .invalidRequest("If-Match names version \(headerVersion) but \"baseVersion\" says \(number); send one of them")
            }
            baseVersion = number
        }
        return (definition, state, kind, baseVersion, properties)
    }
}
