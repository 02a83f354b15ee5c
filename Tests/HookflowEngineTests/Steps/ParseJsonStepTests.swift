import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Parse JSON through the engine: the reference's Member example, JSON text parsed, and content
/// that does not fit its schema failing the action as Logic Apps does.
@Suite(.serialized)
struct ParseJsonStepTests {
    /// The reference's schema: a Member object with three string properties.
    static let memberSchema: JSONValue = [
        "type": "object",
        "properties": ["Member": ["type": "object", "properties": ["Email": ["type": "string"], "FirstName": ["type": "string"], "LastName": ["type": "string"]]]],
    ]

    static func parse(content: JSONValue, schema: JSONValue = memberSchema) -> JSONValue {
        EngineHarness.manual([
            "Parse_JSON": ["type": "ParseJson", "inputs": ["content": content, "schema": schema], "runAfter": [:]],
            "Greet": ["type": "Compose", "inputs": "Hello @{body('Parse_JSON')?['Member']?['FirstName']} <@{body('Parse_JSON')?['Member']?['Email']}>",
                      "runAfter": ["Parse_JSON": ["Succeeded"]]],
        ])
    }

    @Test func theReferenceExampleGivesItsTokens() async throws {
        try await EngineHarness.with { harness in
            let member: JSONValue = ["Member": ["Email": "Sophie.Owen@contoso.com", "FirstName": "Sophie", "LastName": "Owen"]]
            _ = try await harness.engine.save(name: "flow", definition: Self.parse(content: member), state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let parse = try #require(detail.action("Parse_JSON"))
            #expect(parse.outputs == ["body": member])
            #expect(parse.inputs == ["content": member, "schema": Self.memberSchema])
            #expect(detail.action("Greet")?.outputs == "Hello Sophie <Sophie.Owen@contoso.com>")
        }
    }

    /// Content given as JSON text (here the trigger's body written out by `string()`) is parsed.
    @Test func jsonTextIsParsed() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: Self.parse(content: "@string(triggerBody())"), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["Member": ["Email": "a@b.c", "FirstName": "Ann", "LastName": "Bee"]])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Parse_JSON")?.outputs?["body"]?["Member"]?["LastName"] == "Bee")
            #expect(detail.action("Greet")?.outputs == "Hello Ann <a@b.c>")
        }
    }

    /// The classic failure: a property the schema says is a string arrives as null.
    @Test func contentThatDoesNotFitTheSchemaFailsTheAction() async throws {
        try await EngineHarness.with { harness in
            let schema: JSONValue = [
                "type": "object",
                "properties": ["Member": ["type": "object", "properties": ["Email": ["type": "string"], "Age": ["type": "integer"]], "required": ["Email", "Name"]]],
            ]
            _ = try await harness.engine.save(name: "flow", definition: Self.parse(content: "@triggerBody()", schema: schema), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["Member": ["Email": nil, "Age": 41.5]])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            let parse = try #require(detail.action("Parse_JSON"))
            #expect(parse.status == "Failed")
            #expect(parse.code == "ValidationFailed")
            #expect(parse.error == ["code": "ValidationFailed", "message": "The schema validation failed."])
            #expect(parse.outputs?["body"] == ["Member": ["Email": nil, "Age": 41.5]], "the content is still given")
            #expect(parse.outputs?["errors"] == [
                ["message": "Required properties are missing from object: Name.", "path": "Member", "schemaId": "#/properties/Member",
                 "errorType": "required", "childErrors": []],
                ["message": "Invalid type. Expected String but got Null.", "path": "Member.Email", "schemaId": "#/properties/Member/properties/Email",
                 "errorType": "type", "childErrors": []],
                ["message": "Invalid type. Expected Integer but got Float.", "path": "Member.Age", "schemaId": "#/properties/Member/properties/Age",
                 "errorType": "type", "childErrors": []],
            ])
            #expect(detail.action("Greet")?.status == "Skipped")
        }
    }

    @Test func textThatIsNotJSONFailsWithInvalidJSON() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: Self.parse(content: "@triggerBody()?['raw']"), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["raw": "{\"Member\": "])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            let parse = try #require(detail.action("Parse_JSON"))
            #expect(parse.code == "InvalidJSON")
            #expect(parse.error?["message"]?.stringValue?.hasPrefix("/actions/Parse_JSON/inputs/content: the content is not valid JSON (") == true,
                    "\(parse.error ?? .null)")
        }
    }
}
