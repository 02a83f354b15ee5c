import Foundation
import Testing
@testable import HookflowModel

/// `hookflow validate` as a user runs it: output lines, exit codes, JSON, malformed files.
@Suite(.serialized)
struct ValidateCommandTests {
    static let broken = """
        {"definition": {"triggers": {"Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST"}, "unsubscribe": {"method": "POST", "uri": "https://svc.example/u"}}}}, "actions": {}}, "kind": "Stateful"}
        """
    static let good = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"Say": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}}}
        """

    @Test func validFileExitsZeroAndPrintsNothing() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("good.json", Self.good)
        let result = try HookflowBinary.run(["validate", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func problemsArePrintedAsFilePointerMessage() throws {
        let folder = try TemporaryFolder()
        try folder.write("orders/workflow.json", Self.broken)
        try folder.write("good.json", Self.good)
        let result = try HookflowBinary.run(["validate", "orders/workflow.json", "good.json"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "orders/workflow.json:/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required\n")
    }

    @Test func malformedJSONGivesLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.json", "{\n  \"triggers\": {\n    \"a\": [1 2]\n  }\n}\n")
        let result = try HookflowBinary.run(["validate", "bad.json"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "bad.json:3:13: malformed JSON: expected ',' or ']' in array but found '2'\n")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func missingFileAndNonWorkflowAreClearErrors() throws {
        let folder = try TemporaryFolder()
        try folder.write("list.json", "[1, 2, 3]")
        let result = try HookflowBinary.run(["validate", "nope.json", "list.json", "."], in: folder.url)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "nope.json: cannot read: no such file")
        #expect(lines[1].hasPrefix("list.json: not a workflow: the top level is an array, not an object"))
        #expect(lines[2] == ".: cannot read: it is a folder with no workflow.json and no host.json; name a workflow file, "
            + "a workflow's folder or a Logic Apps Standard project folder")
    }

    @Test func jsonOutputUsesTheAPIFieldNames() throws {
        let folder = try TemporaryFolder()
        try folder.write("broken.json", Self.broken)
        try folder.write("bad.json", "{")
        let result = try HookflowBinary.run(["validate", "--json", "broken.json", "bad.json"], in: folder.url)
        #expect(result.status == 1)
        let value = try JSONParser.parse(result.stdout)
        let files = try #require(value["files"]?.arrayValue)
        #expect(files.count == 2)
        #expect(files[0]["valid"] == false)
        #expect(files[0]["shape"] == "standard")
        #expect(files[0]["problems"] == [["path": "/triggers/Webhook/inputs/subscribe/uri", "message": "Subscribe - URI is required", "severity": "error"]])
        #expect(files[1]["error"]?["line"] == 1)
        #expect(files[1]["error"]?["column"] == 2)
    }

    @Test func noFilesIsAUsageError() throws {
        let result = try HookflowBinary.run(["validate"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Missing expected argument") || result.stderr.contains("name at least one workflow file"))
    }

    /// Every fixture in the corpus is a readable workflow: no crash, no read error.
    @Test func corpusFilesAreReadable() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HookflowModelTests/Fixtures")
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 15)
        let result = try HookflowBinary.run(["validate", "--json"] + files, in: fixtures)
        let value = try JSONParser.parse(result.stdout)
        for file in value["files"]?.arrayValue ?? [] {
            #expect(file["error"] == nil, "\(file)")
        }
    }
}
