import HookflowModel
import Testing

/// Writing a file back after an edit keeps the text of what the edit did not touch.
struct JSONPreservingWriterTests {
    static let file = """
        {
            "definition": {
                "triggers": {
                    "Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST", "uri": "https://svc/s"}}}
                },
                "actions": {
                    "Say": {"type": "Compose", "inputs": "caf\\u00e9", "runAfter": {}},
                    "Count": { "type" : "Compose", "inputs" : 1.50 }
                }
            },
            "kind": "Stateful"
        }

        """

    /// An unchanged value comes back byte for byte: one-line objects, spacing, escapes and number literals.
    @Test func unchangedTextIsCopied() throws {
        let value = try JSONParser.parse(Self.file)
        #expect(JSONPreservingWriter.write(value, over: Self.file, indent: "    ") == Self.file)
    }

    /// One changed string: only its line differs; the other one-line objects stay as they were.
    @Test func aChangedValueChangesOnlyItsLine() throws {
        var value = try JSONParser.parse(Self.file)
        value.set("@triggerBody()", at: JSONPointer(["definition", "actions", "Say", "inputs"]))
        let written = try #require(JSONPreservingWriter.write(value, over: Self.file, indent: "    "))
        let expected = Self.file.replacingOccurrences(of: #""inputs": "caf\u00e9""#, with: #""inputs": "@triggerBody()""#)
        #expect(written == expected)
        #expect(try JSONParser.parse(written).isIdentical(to: value))
    }

    /// A new key inside a one-line object stays on that line, in its spacing; a new step in a
    /// multi-line object gets a line (pretty) of its own at the members' indentation.
    @Test func newMembersFollowTheLayoutAroundThem() throws {
        var value = try JSONParser.parse(Self.file)
        value.set(["Say": ["Succeeded"]], at: JSONPointer(["definition", "actions", "Count", "runAfter"]))
        value.set(["type": "Compose", "inputs": ["a": 1]], at: JSONPointer(["definition", "actions", "New"]))
        let written = try #require(JSONPreservingWriter.write(value, over: Self.file, indent: "    "))
        #expect(written == """
            {
                "definition": {
                    "triggers": {
                        "Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST", "uri": "https://svc/s"}}}
                    },
                    "actions": {
                        "Say": {"type": "Compose", "inputs": "caf\\u00e9", "runAfter": {}},
                        "Count": { "type" : "Compose", "inputs" : 1.50, "runAfter" : {"Say": ["Succeeded"]} },
                        "New": {
                            "type": "Compose",
                            "inputs": {
                                "a": 1
                            }
                        }
                    }
                },
                "kind": "Stateful"
            }

            """)
        #expect(try JSONParser.parse(written).isIdentical(to: value))
    }

    /// Removing and reordering keys writes the object in its new order, still in its own layout.
    @Test func removedAndReorderedKeys() throws {
        var value = try JSONParser.parse(Self.file)
        guard case .object(var actions)? = value[pointer: JSONPointer(["definition", "actions"])] else { Issue.record("no actions"); return }
        actions.moveKey("Count", to: 0)
        actions.removeValue(forKey: "Say")
        value.set(.object(actions), at: JSONPointer(["definition", "actions"]))
        let written = try #require(JSONPreservingWriter.write(value, over: Self.file, indent: "    "))
        #expect(written.contains("""
                    "actions": {
                        "Count": { "type" : "Compose", "inputs" : 1.50 }
                    }
            """))
        #expect(!written.contains("Say"))
        #expect(try JSONParser.parse(written).isIdentical(to: value))
    }

    /// Text that is not JSON gives nil (the caller writes the value afresh).
    @Test func notJSON() {
        #expect(JSONPreservingWriter.write(["a": 1], over: "{\"a\": ", indent: "  ") == nil)
        #expect(JSONSourceSpans("[1, 2] x") == nil)
    }

    /// Identity, unlike equality, sees key order and number literals.
    @Test func identityIsAboutTheText() throws {
        let a = try JSONParser.parse(#"{"a": 1, "b": 2.0}"#)
        #expect(a == (try JSONParser.parse(#"{"b": 2, "a": 1}"#)))
        #expect(!a.isIdentical(to: try JSONParser.parse(#"{"b": 2.0, "a": 1}"#)))
        #expect(!a.isIdentical(to: try JSONParser.parse(#"{"a": 1, "b": 2}"#)))
        #expect(a.isIdentical(to: try JSONParser.parse(#"{ "a" : 1 , "b" : 2.0 }"#)))
    }
}
