import AsyncHTTPClient
import Foundation
import GRDB
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport
import NIOCore
import Testing

/// Planted secrets — a `securestring` parameter, credentials of Basic and Raw authentication, a
/// token a service returns to a `secureData` step — and values made from them (`toUpper`,
/// `base64`, `concat`, an error that would quote one) appear nowhere they must not (SPEC §3,
/// issue 10 point 6): not in the database file or its WAL, not in the engine's log at trace
/// level, not in any CLI output, not in any API answer about runs, events, lists or
/// subscriptions. The run still uses the real values (the fake service receives them), and the
/// two places that carry the definition as written — `export` and `GET /management/workflows/{name}` — still do.
@Suite(.serialized)
struct SecretsStayHiddenTests {
    static let parameter = "PLANTED-param-5c1e9a"
    static let basicPassword = "PLANTED-basic-77d0b4"
    static let rawValue = "PLANTED-raw-0e42f1"
    static let token = "PLANTED-token-91abc3"

    /// Every form a planted secret may take on its way to a record.
    static var forbidden: [String] {
        [parameter, parameter.uppercased(), Data(parameter.utf8).base64EncodedString(), basicPassword, rawValue, token, token.lowercased(),
         Data("shop:\(basicPassword)".utf8).base64EncodedString()]
    }

    static func leaks(in text: String) -> [String] { forbidden.filter { text.contains($0) } }

    static func leaks(in data: Data) -> [String] {
        forbidden.filter { data.range(of: Data($0.utf8)) != nil }
    }

    func definition(_ fake: FakeWebhookService) -> JSONValue {
        [
            "parameters": ["apiKey": ["type": "securestring", "defaultValue": .string(Self.parameter)]],
            "triggers": ["manual": ["type": "Request", "kind": "Http"]],
            "actions": [
                "Upper": ["type": "Compose", "inputs": "@toUpper(parameters('apiKey'))", "runAfter": [:]],
                "Encoded": ["type": "Compose", "inputs": ["value": "@base64(parameters('apiKey'))", "plain": "visible"], "runAfter": [:]],
                "Bad": ["type": "Compose", "inputs": "@int(parameters('apiKey'))", "runAfter": ["Upper": ["Succeeded"]]],
                "GetToken": [
                    "type": "Http", "runAfter": [:],
                    "inputs": ["method": "POST", "uri": .string(fake.url("/token")), "body": ["key": "@parameters('apiKey')"]],
                    "runtimeConfiguration": ["secureData": ["properties": ["outputs"]]],
                ],
                "UseToken": [
                    "type": "Http", "runAfter": ["GetToken": ["Succeeded"]],
                    "inputs": [
                        "method": "POST", "uri": .string(fake.url("/use")),
                        "headers": ["X-Token": "@{body('GetToken')?['access_token']}"],
                        "body": ["lowered": "@toLower(body('GetToken')?['access_token'])", "note": "kept"],
                    ],
                ],
                "Approve": [
                    "type": "HttpWebhook", "runAfter": ["UseToken": ["Succeeded"]],
                    "inputs": [
                        "subscribe": [
                            "method": "POST", "uri": .string(fake.url("/subscribe")),
                            "body": ["callbackUrl": "@{listCallbackUrl()}", "key": "@parameters('apiKey')"],
                            "authentication": ["type": "Raw", "value": .string(Self.rawValue)],
                        ],
                        "unsubscribe": [
                            "method": "POST", "uri": .string(fake.url("/unsubscribe")),
                            "authentication": ["type": "Basic", "username": "shop", "password": .string(Self.basicPassword)],
                        ],
                    ],
                ],
            ],
        ]
    }

    @Test func plantedSecretsAppearNowhereTheyMustNot() async throws {
        let folder = try TemporaryFolder()
        let fake = try await FakeWebhookService.start()
        fake.respond(to: "/token", with: [200], body: #"{"access_token": "\#(Self.token)", "token_type": "Bearer"}"#)
        let data = folder.url.path
        try await ServeProcess.with(["--port", "0", "--data", data, "--log-level", "trace"]) { serve in
            let url = try await serve.waitForListening()
            let client = HTTPEngineClient(baseURL: url)
            _ = try await client.saveWorkflow(name: "secrets", definition: definition(fake), state: nil)
            let trigger = try await client.callbackURL(workflow: "secrets", trigger: "manual")
            let runID = try await CallbackPost.send(trigger, body: #"{"order": 1}"#).runID
            let subscribe = try await fake.waitForRequests(to: "/subscribe", timeout: 20)[0]
            let callback = try #require(subscribe.json?["callbackUrl"]?.stringValue)
            #expect(try await CallbackPost.send(callback, body: #"{"approved": true}"#).status == 200)
            try await eventually(timeout: 20, "the run ends") { try await client.run(workflow: "secrets", id: runID).summary.status.isFinished }
            try await fake.waitForRequests(to: "/unsubscribe", timeout: 20)

            // The run used the real values.
            let use = try #require(fake.requests(to: "/use").first)
            #expect(use.header("X-Token") == Self.token)
            #expect(use.json?["lowered"]?.stringValue == Self.token.lowercased())
            #expect(subscribe.json?["key"]?.stringValue == Self.parameter)
            #expect(subscribe.header("Authorization") == Self.rawValue)
            #expect(fake.requests(to: "/unsubscribe").first?.header("Authorization") == "Basic " + Data("shop:\(Self.basicPassword)".utf8).base64EncodedString())
            let detail = try await client.run(workflow: "secrets", id: runID)
            #expect(detail.summary.status == .failed, "Bad failed and nothing handled it")
            #expect(detail.actions.first { $0.name == "Encoded" }?.outputs?["plain"] == "visible", "what read no secret stays readable")
            #expect(detail.actions.first { $0.name == "UseToken" }?.inputs?["body"]?["note"] == "kept")
            #expect(detail.actions.first { $0.name == "Bad" }?.error?["message"]?.stringValue?.contains("hidden") == true)

            // API answers about runs, lists, subscriptions.
            var answers: [String: String] = [:]
            for path in ["/management/workflows", "/management/workflows/secrets/runs", "/management/workflows/secrets/runs/\(runID)",
                         "/management/subscriptions", "/management/health"] {
                answers[path] = try await Self.get(url + path)
            }
            for (path, body) in answers { #expect(Self.leaks(in: body).isEmpty, "\(path): \(Self.leaks(in: body))") }
            // CLI output.
            for arguments in [["runs", "secrets"], ["runs", "secrets", "--json"], ["run", "secrets", runID], ["run", "secrets", runID, "--json"],
                              ["list"], ["list", "--json"], ["show", "secrets"], ["subscriptions", "--json"]] {
                let result = try await HookflowBinary.launch(arguments + ["--data", data])
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(Self.leaks(in: result.stdout + result.stderr).isEmpty, "\(arguments): \(Self.leaks(in: result.stdout + result.stderr))")
            }
            // The two that carry the definition as written do carry it (the secrets are real, not lost).
            let export = try await HookflowBinary.launch(["export", "secrets", "--data", data])
            #expect(export.stdout.contains(Self.parameter) && export.stdout.contains(Self.basicPassword))
            #expect(try await Self.get(url + "/management/workflows/secrets").contains(Self.rawValue))

            // The log, at trace level.
            #expect(Self.leaks(in: serve.stderr).isEmpty, "log: \(Self.leaks(in: serve.stderr))")
        }
        // The database file, its WAL and shared memory, byte by byte — after a clean stop and before.
        for name in try FileManager.default.contentsOfDirectory(atPath: data) where name.hasPrefix("hookflow.sqlite") {
            let bytes = try Data(contentsOf: folder.url.appendingPathComponent(name))
            #expect(Self.leaks(in: bytes).isEmpty, "\(name): \(Self.leaks(in: bytes))")
        }
        // And inside the values the store deflated (PackedText), which the bytes do not show.
        let queue = try DatabaseQueue(path: folder.url.appendingPathComponent("hookflow.sqlite").path)
        let deflated = try await queue.read { db in try PackedText.deflatedTexts(in: db) }
        try queue.close()
        #expect(!deflated.isEmpty, "the webhook action's inputs are long enough to be deflated")
        for text in deflated { #expect(Self.leaks(in: text).isEmpty, "a deflated value: \(Self.leaks(in: text))") }
        await fake.stop()
    }

    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 1 << 24))
    }
}
