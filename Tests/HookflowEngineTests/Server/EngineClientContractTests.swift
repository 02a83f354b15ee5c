import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Which ``EngineClient`` a contract test talks through.
enum ClientKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The engine in this process.
    case inProcess
    /// The same engine through its management API, over real HTTP.
    case http

    var testDescription: String { rawValue }
}

extension ServerHarness {
    func client(_ kind: ClientKind) -> any EngineClient {
        switch kind {
        case .inProcess: InProcessEngineClient(engine: engine)
        case .http: HTTPEngineClient(baseURL: url)
        }
    }
}

/// The contract every ``EngineClient`` keeps (SPEC §3): each test runs once through the
/// in-process client and once through ``HTTPEngineClient`` against a real ``EngineServer``.
// One server at a time: each holds an engine, its files and sockets, and the test process runs
// every suite at once (past ~1,300 open files Foundation's Process.run can crash, swift-corelibs-foundation#5472).
@Suite(.serialized)
struct EngineClientContractTests {
    @Test(arguments: ClientKind.allCases)
    func savingANewAppSubscribesItsTrigger(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            let summary = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)

            #expect(summary.name == "orders")
            #expect(summary.version == 1)
            #expect(summary.state == .enabled)
            #expect(summary.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            #expect(summary.triggers.map(\.name) == ["Webhook"])
            #expect(summary.triggers.first?.type == "HttpWebhook")
            #expect(summary.triggers.first?.subscription?.status == .subscribed)

            let subscribes = harness.fake.requests(to: "/subscribe")
            #expect(subscribes.count == 1)
            let callbackURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            #expect(subscribes.first?.json?["callbackUrl"]?.stringValue == callbackURL)
            #expect(subscribes.first?.header("x-ms-workflow-name") == "orders")
        }
    }

    @Test(arguments: ClientKind.allCases)
    func savingUnchangedInputsMakesAVersionAndCallsNothing(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            let second = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)

            #expect(second.version == 2)
            #expect(second.state == .enabled)
            #expect(second.results == [SubscriptionResult(trigger: "Webhook", outcome: .unchanged)])
            #expect(second.triggers.first?.subscription?.status == .subscribed)
            #expect(harness.fake.requests(to: "/subscribe").count == 1, "no new subscribe call")
            #expect(harness.fake.requests(to: "/unsubscribe").isEmpty)
        }
    }

    /// SPEC §3 Versions: a save names the version it was edited from; a stale one stores nothing
    /// and says which versions met. Nil is the explicit overwrite. The kind travels too.
    @Test(arguments: ClientKind.allCases)
    func aStaleSaveIsAVersionConflictAndStoresNothing(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            let first = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil, kind: "Stateless", baseVersion: 0)
            #expect(first.version == 1)
            let second = try await client.saveWorkflow(name: "orders", definition: harness.definition(compose: "two"), state: nil, kind: nil, baseVersion: 1)
            #expect(second.version == 2)
            #expect(try await client.workflow(named: "orders").kind == "Stateless", "the kind is kept when a save names none")

            // Edited from v1, but v2 was saved meanwhile.
            let error = await #expect(throws: EngineError.self) {
                try await client.saveWorkflow(name: "orders", definition: harness.definition(compose: "stale"), state: nil, kind: nil, baseVersion: 1)
            }
            #expect(error == .versionConflict(app: "orders", base: 1, current: 2))
            #expect(error?.httpStatus == 409)
            #expect(try await client.workflow(named: "orders").summary.version == 2, "nothing was stored")
            #expect(try await client.workflow(named: "orders").definition["actions"]?["Echo"]?["inputs"] == "two")

            // A new app that someone else created meanwhile.
            await #expect(throws: EngineError.versionConflict(app: "orders", base: 0, current: 2)) {
                try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil, kind: nil, baseVersion: 0)
            }
            // The explicit overwrite.
            let forced = try await client.saveWorkflow(name: "orders", definition: harness.definition(compose: "forced"), state: nil, kind: "Stateful", baseVersion: nil)
            #expect(forced.version == 3)
            #expect(try await client.workflow(named: "orders").kind == "Stateful")
        }
    }

    /// `If-Match` names the base version as well; `GET` answers the version as its `ETag`.
    @Test func ifMatchIsTheBaseVersionAndGetAnswersAnETag() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let got = try await harness.management(.GET, "/management/workflows/orders")
            #expect(got.header("ETag") == "\"1\"")
            let body = JSONWriter.compact.string(from: ["definition": harness.definition(compose: "two")])
            let stale = try await harness.management(.PUT, "/management/workflows/orders", body: body, headers: [("If-Match", "\"0\"")])
            #expect(stale.status == 409)
            #expect(stale.errorCode == "VersionConflict")
            #expect(stale.json?["error"]?["currentVersion"] == 1)
            #expect(stale.json?["error"]?["baseVersion"] == 0)
            let fresh = try await harness.management(.PUT, "/management/workflows/orders", body: body, headers: [("If-Match", "W/\"1\"")])
            #expect(fresh.status == 200)
            #expect(fresh.header("ETag") == "\"2\"")
            let bad = try await harness.management(.PUT, "/management/workflows/orders", body: body, headers: [("If-Match", "yesterday")])
            #expect(bad.status == 400)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func anInvalidDefinitionIsRefusedWithEveryProblem(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            var definition = harness.definition()
            definition["triggers"]?["Webhook"]?["inputs"]?["subscribe"]?["uri"] = nil
            definition["triggers"]?["Webhook"]?["inputs"]?["unsubscribe"]?["method"] = "FETCH"
            definition["actions"]?["Echo"]?["runAfter"] = ["Missing": ["Succeeded"]]
            let expected = WorkflowValidator(workflowName: "orders").validate(WorkflowDefinition(json: try #require(definition.objectValue)))
            #expect(expected.contains(ValidationProblem(pointer: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "uri"]),
                                                        message: "Subscribe - URI is required")))
            #expect(expected.count >= 3)

            let error = await #expect(throws: EngineError.self) {
                try await client.saveWorkflow(name: "orders", definition: definition, state: nil)
            }
            #expect(error == .invalidDefinition(expected))
            #expect(error?.httpStatus == 400)
            #expect(try await client.listWorkflows().isEmpty, "nothing is saved")
            #expect(harness.fake.requests.isEmpty, "nothing is subscribed")
        }
    }

    /// Both clients report the same errors, word for word.
    @Test func bothClientsReportIdenticalErrors() async throws {
        try await ServerHarness.with { harness in
            let local = harness.client(.inProcess)
            let remote = harness.client(.http)
            var definition = harness.definition()
            definition["triggers"]?["Webhook"]?["inputs"]?["subscribe"]?["uri"] = "not a url"
            definition["actions"]?["Echo"]?["runAfter"] = ["Echo": ["Succeeded"]]

            func errors(_ client: any EngineClient) async -> [EngineError?] {
                [
                    await #expect(throws: EngineError.self) { try await client.saveWorkflow(name: "orders", definition: definition, state: nil) },
                    await #expect(throws: EngineError.self) { try await client.workflow(named: "nope") },
                    await #expect(throws: EngineError.self) { try await client.runs(workflow: "nope", status: nil, top: nil, skipToken: nil) },
                    await #expect(throws: EngineError.self) { try await client.saveWorkflow(name: "bad name!", definition: harness.definition(), state: nil) },
                ]
            }
            let localErrors = await errors(local)
            let remoteErrors = await errors(remote)
            #expect(localErrors == remoteErrors)
            guard case .invalidDefinition(let problems)? = localErrors[0] else {
                Issue.record("expected invalidDefinition, got \(String(describing: localErrors[0]))")
                return
            }
            #expect(problems.count >= 2)
            #expect(localErrors[1]?.code == "WorkflowNotFound")
            #expect(localErrors[3]?.code == "InvalidWorkflowName")
        }
    }

    @Test(arguments: ClientKind.allCases)
    func listingShowsEveryApp(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            #expect(try await client.listWorkflows().isEmpty)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            _ = try await client.saveWorkflow(name: "invoices", definition: harness.definition(), state: .disabled)

            let listed = try await client.listWorkflows()
            #expect(Set(listed.map(\.name)) == ["orders", "invoices"])
            #expect(listed.first { $0.name == "orders" }?.state == .enabled)
            #expect(listed.first { $0.name == "invoices" }?.state == .disabled)
            #expect(listed.first { $0.name == "invoices" }?.triggers.first?.subscription?.status == .notSubscribed)
            #expect(listed.allSatisfy { $0.results.isEmpty }, "a list reports no operation results")
            #expect(listed == (try await harness.engine.listWorkflows()), "the client shows what the engine holds")
        }
    }

    @Test(arguments: ClientKind.allCases)
    func detailReturnsTheDefinitionExactlyAsSaved(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            // Unknown keys and an unusual key order must come back untouched.
            guard case .object(var object) = harness.definition() else { return }
            object.insert(["zeta": 1, "alpha": [true, nil, 1.50]], forKey: "x-custom", at: 0)
            object.moveKey("actions", to: 1)
            let definition = JSONValue.object(object)
            _ = try await client.saveWorkflow(name: "orders", definition: definition, state: nil)

            let detail = try await client.workflow(named: "orders")
            #expect(JSONWriter.compact.string(from: detail.definition) == JSONWriter.compact.string(from: definition))
            #expect(detail.summary.name == "orders")
            #expect(detail.summary.version == 1)
            #expect(detail.summary.state == .enabled)
            #expect(detail.summary.triggers.first?.subscription?.status == .subscribed)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func disablingUnsubscribesAndEnablingSubscribesAgain(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)

            let disabled = try await client.disable("orders")
            #expect(disabled.state == .disabled)
            #expect(disabled.version == 1, "a toggle is not a new version")
            #expect(disabled.results == [SubscriptionResult(trigger: "Webhook", outcome: .unsubscribed)])
            #expect(disabled.triggers.first?.subscription?.status == .notSubscribed)
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe"])

            let enabled = try await client.enable("orders")
            #expect(enabled.state == .enabled)
            #expect(enabled.results == [SubscriptionResult(trigger: "Webhook", outcome: .subscribed)])
            #expect(enabled.triggers.first?.subscription?.status == .subscribed)
            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe", "/subscribe"])
            #expect(try await client.workflow(named: "orders").summary.state == .enabled)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func callbackURLHasTheLogicAppsForm(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            #expect(harness.engine.baseURL == harness.url)

            let url = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            let prefix = harness.engine.baseURL + "/workflows/orders/triggers/Webhook/run?api-version=2016-10-01&sp=%2Ftriggers%2FWebhook%2Frun&sv=1.0&sig="
            #expect(url.hasPrefix(prefix), "\(url)")
            #expect(url.count > prefix.count + 40, "a 256-bit signature follows")

            let missing = await #expect(throws: EngineError.self) { try await client.callbackURL(workflow: "orders", trigger: "Other") }
            #expect(missing?.code == "TriggerNotFound")
            #expect(missing?.httpStatus == 404)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func regeneratingTheAccessKeyInvalidatesOldURLsAndResubscribes(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            let oldURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")

            let summary = try await client.regenerateAccessKey(workflow: "orders")
            #expect(summary.results.map(\.outcome) == [.unsubscribed, .subscribed])
            #expect(summary.triggers.first?.subscription?.status == .subscribed)
            let newURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            #expect(newURL != oldURL)

            let before = try await harness.storedRuns("orders").count
            #expect(try await harness.send(.POST, oldURL, body: "{}").status == 401)
            #expect(try await harness.storedRuns("orders").count == before, "a refused callback records nothing")
            #expect(try await harness.send(.POST, newURL, body: "{}").status == 202)

            #expect(harness.fake.requests.map(\.path) == ["/subscribe", "/unsubscribe", "/subscribe"], "the old one goes before the new one comes")
            #expect(harness.fake.requests(to: "/subscribe").first?.json?["callbackUrl"]?.stringValue == oldURL)
            #expect(harness.fake.requests(to: "/subscribe").last?.json?["callbackUrl"]?.stringValue == newURL)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func runsComePagedNewestFirst(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            let callbackURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            var fired: [String] = []
            for index in 1...5 { fired.append(try await harness.fire(callbackURL, body: #"{"n": \#(index)}"#)) }

            var pages: [RunPage] = []
            var skipToken: String?
            repeat {
                let page = try await client.runs(workflow: "orders", status: nil, top: 2, skipToken: skipToken)
                pages.append(page)
                skipToken = page.skipToken
            } while skipToken != nil && pages.count < 10

            #expect(pages.map(\.runs.count) == [2, 2, 1])
            let ids = pages.flatMap(\.runs).map(\.id)
            #expect(ids == Array(fired.reversed()), "newest first, each run once")
            #expect(Set(ids).count == 5)
            #expect(pages.last?.skipToken == nil)
            #expect(pages.flatMap(\.runs).allSatisfy { $0.workflowName == "orders" && $0.triggerName == "Webhook" })
            switch kind {
            case .http:
                #expect(pages.dropLast().allSatisfy { $0.nextLink?.hasPrefix(harness.url + "/management/workflows/orders/runs?") == true })
                #expect(pages.last?.nextLink == nil)
            case .inProcess:
                #expect(pages.allSatisfy { $0.nextLink == nil }, "only the server knows its address")
            }
        }
    }

    @Test(arguments: ClientKind.allCases)
    func runsFilterByStatus(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            // Compose fails when `n` is not a number: the same app gives Succeeded and Failed runs.
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(compose: "@int(triggerBody()?['n'])"), state: nil)
            let callbackURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            let good = [try await harness.fire(callbackURL, body: #"{"n": "1"}"#), try await harness.fire(callbackURL, body: #"{"n": "2"}"#)]
            let bad = try await harness.fire(callbackURL, body: #"{"n": "x"}"#)
            try await eventually("every run finishes") {
                try await client.runs(workflow: "orders", status: nil, top: nil, skipToken: nil).runs.allSatisfy(\.status.isFinished)
            }

            let succeeded = try await client.runs(workflow: "orders", status: .succeeded, top: nil, skipToken: nil)
            #expect(succeeded.runs.map(\.id) == good.reversed())
            #expect(succeeded.runs.allSatisfy { $0.status == .succeeded })
            let failed = try await client.runs(workflow: "orders", status: .failed, top: nil, skipToken: nil)
            #expect(failed.runs.map(\.id) == [bad])
            #expect(failed.runs.first?.endTime != nil)
            #expect(try await client.runs(workflow: "orders", status: .waiting, top: nil, skipToken: nil).runs.isEmpty)
        }
    }

    @Test(arguments: ClientKind.allCases)
    func runDetailCarriesWhatTheCallbackSent(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            let callbackURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            let id = try await harness.fire(callbackURL, body: #"{"id": 42, "items": ["a", "b"]}"#, extraQuery: "&source=shop%20north",
                                            headers: [("X-Shop", "north")])
            try await eventually("the run succeeds") {
                try await client.run(workflow: "orders", id: id).summary.status == .succeeded
            }

            let detail = try await client.run(workflow: "orders", id: id)
            #expect(detail.summary.id == id)
            #expect(detail.summary.triggerName == "Webhook")
            #expect(detail.triggerType == "HttpWebhook")
            #expect(detail.summary.endTime != nil)
            #expect(detail.triggerOutputs["body"] == ["id": 42, "items": ["a", "b"]])
            #expect(detail.triggerOutputs["queries"] == ["source": "shop north"])
            #expect(detail.triggerOutputs["headers"]?["X-Shop"] == "north")
            #expect(detail.triggerOutputs["headers"]?["Content-Type"] == "application/json")
            #expect(detail.actions.map(\.name) == ["Echo"])
            #expect(detail.actions.first?.status == "Succeeded")
            #expect(detail.actions.first?.outputs == ["id": 42, "items": ["a", "b"]])
            #expect(detail == (try await harness.engine.run(workflow: "orders", id: id)), "the client shows what the engine holds")

            let missing = await #expect(throws: EngineError.self) { try await client.run(workflow: "orders", id: "no-such-run") }
            #expect(missing?.code == "RunNotFound")
        }
    }

    @Test(arguments: ClientKind.allCases)
    func anUnknownAppIsNotFoundEverywhere(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            let calls: [(String, () async throws -> Void)] = [
                ("workflow", { _ = try await client.workflow(named: "nope") }),
                ("delete", { _ = try await client.deleteWorkflow(named: "nope") }),
                ("enable", { _ = try await client.enable("nope") }),
                ("disable", { _ = try await client.disable("nope") }),
                ("callbackURL", { _ = try await client.callbackURL(workflow: "nope", trigger: "Webhook") }),
                ("regenerateAccessKey", { _ = try await client.regenerateAccessKey(workflow: "nope") }),
                ("runs", { _ = try await client.runs(workflow: "nope", status: nil, top: nil, skipToken: nil) }),
                ("run", { _ = try await client.run(workflow: "nope", id: "x") }),
            ]
            for (name, call) in calls {
                let error = await #expect(throws: EngineError.self, "\(name)") { try await call() }
                guard case .notFound(let code, let message)? = error else {
                    Issue.record("\(name): expected notFound, got \(String(describing: error))")
                    continue
                }
                #expect(code == "WorkflowNotFound", "\(name)")
                #expect(message.contains("\"nope\""), "\(name): \(message)")
            }
        }
    }

    @Test(arguments: ClientKind.allCases)
    func deletingRemovesTheAppAndUnsubscribes(kind: ClientKind) async throws {
        try await ServerHarness.with { harness in
            let client = harness.client(kind)
            _ = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            let subscriptionID = try #require(try await client.workflow(named: "orders").summary.triggers.first?.subscription?.id)

            let deleted = try await client.deleteWorkflow(named: "orders")
            #expect(deleted.name == "orders")
            #expect(deleted.results == [SubscriptionResult(trigger: "Webhook", outcome: .unsubscribed)])
            #expect(try await client.listWorkflows().isEmpty)
            let error = await #expect(throws: EngineError.self) { try await client.workflow(named: "orders") }
            #expect(error?.code == "WorkflowNotFound")

            let unsubscribes = try await harness.fake.waitForRequests(to: "/unsubscribe")
            #expect(unsubscribes.count == 1)
            #expect(unsubscribes.first?.header("x-ms-client-tracking-id") == subscriptionID)
            #expect(try await harness.engine.store.subscriptions(workflow: "orders").isEmpty)
        }
    }
}
