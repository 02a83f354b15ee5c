import Testing
@testable import HookflowModel

/// The JSON layer: order, literals, escapes and errors with line and column.
struct JSONParserTests {
    /// Object keys come back in the order they were written, not sorted.
    @Test func keepsKeyOrder() throws {
        let value = try JSONParser.parse(#"{"zeta": 1, "alpha": 2, "mid": {"b": true, "a": null}}"#)
        #expect(value.objectValue?.keys == ["zeta", "alpha", "mid"])
        #expect(value["mid"]?.objectValue?.keys == ["b", "a"])
        #expect(JSONWriter.compact.string(from: value) == #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":null}}"#)
    }

    /// Numbers keep their literal: int vs float, big integers, exponents.
    @Test(arguments: ["0", "-0", "42", "-7", "1.0", "0.1", "1.5e10", "-2.5E-3", "123456789012345678901234567890", "9223372036854775807", "-9223372036854775808", "3.14159265358979323846264338327950288"])
    func keepsNumberLiterals(literal: String) throws {
        let value = try JSONParser.parse("[\(literal)]")
        #expect(JSONWriter.compact.string(from: value) == "[\(literal)]")
    }

    @Test func distinguishesIntegersFromFloats() throws {
        let value = try JSONParser.parse("[1, 1.0, 12345678901234567890]")
        let numbers = value.arrayValue?.compactMap(\.numberValue) ?? []
        #expect(numbers.map(\.isInteger) == [true, false, true])
        #expect(numbers[0].intValue == 1)
        #expect(numbers[1].intValue == nil)
        #expect(numbers[2].intValue == nil, "beyond Int64 there is no Int, but the literal is kept")
        #expect(numbers[0] == numbers[1], "1 and 1.0 are equal values")
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"["caf\u00e9", "\ud83d\ude80", "tab\tquote\"back\\slash\/", "Grüße 世界 🚀"]"#)
        #expect(value.arrayValue?.compactMap(\.stringValue) == ["café", "🚀", "tab\tquote\"back\\slash/", "Grüße 世界 🚀"])
        // Written back with real characters; only what must be escaped is.
        #expect(JSONWriter.compact.string(from: value) == #"["café","🚀","tab\tquote\"back\\slash/","Grüße 世界 🚀"]"#)
    }

    /// A long string made mostly of escapes (what a callback body holding escaped JSON looks
    /// like) reads back exactly: runs and escapes interleaved 100,000 times, surrogate pairs
    /// among them. (It once took seconds: each escape copied the whole string read so far.)
    @Test func aStringOfManyEscapesReadsBackExactly() throws {
        let piece = #"ab\"c\u00e9\\\ud83d\ude00"#
        let text = "\"" + String(repeating: piece, count: 100_000) + "\""
        let value = try JSONParser.parse(text)
        #expect(value.stringValue == String(repeating: #"ab"cé\😀"#, count: 100_000))
        #expect(try JSONParser.parse(JSONWriter.compact.string(from: value)) == value)
    }

    @Test func escapesControlCharactersWhenWriting() {
        let text = JSONWriter.compact.string(from: .string("a\u{01}b\nc"))
        #expect(text == #""a\u0001b\nc""#)
    }

    @Test func prettyPrintsWithTheGivenIndent() throws {
        let value = try JSONParser.parse(#"{"a": [1, {}], "b": {"c": []}}"#)
        #expect(JSONWriter(style: .pretty(indent: "    ")).string(from: value) == """
            {
                "a": [
                    1,
                    {}
                ],
                "b": {
                    "c": []
                }
            }
            """)
    }

    @Test func acceptsByteOrderMark() throws {
        let value = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a":1}"#.utf8))
        #expect(value["a"]?.intValue == 1)
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { message }
    }

    /// Each malformed input names the line and column and says what was expected.
    @Test(arguments: [
        BadInput(text: "{\n  \"a\": 1,\n  \"b\" 2\n}", line: 3, column: 7, message: "expected ':' after key \"b\""),
        BadInput(text: "{\"a\": [1, 2,]}", line: 1, column: 13, message: "trailing comma before ']'"),
        BadInput(text: "{\"a\": \"unterminated}", line: 1, column: 7, message: "unterminated string"),
        BadInput(text: "{\"a\": tru}", line: 1, column: 7, message: "did you mean true?"),
        BadInput(text: "{\"a\": 01}", line: 1, column: 8, message: "leading zeros"),
        BadInput(text: "{\"a\": 1} x", line: 1, column: 10, message: "after the end of the JSON value"),
        BadInput(text: "", line: 1, column: 1, message: "the document is empty"),
        BadInput(text: "{\"é\": 1,\n \"a\": \"\\q\"}", line: 2, column: 8, message: "invalid escape '\\q'"),
        BadInput(text: "{\"a\": 1, \"a\": 2}", line: 1, column: 10, message: "duplicate key \"a\""),
        BadInput(text: "[\"\\ud83d\"]", line: 1, column: 9, message: "high surrogate"),
        BadInput(text: "{\"a\": 1e999}", line: 1, column: 7, message: "out of range"),
        BadInput(text: "{\"a\": \"x\ny\"}", line: 1, column: 9, message: "control character U+000A must be escaped"),
        // A key quoted in a message keeps the message on one line (found by FuzzJSON).
        BadInput(text: "{\"line\\nbreak\" 1}", line: 1, column: 16, message: "expected ':' after key \"line\\nbreak\" but found '1'"),
        BadInput(text: "{\"a\\fb\": 1, \"a\\fb\": 2}", line: 1, column: 13, message: "duplicate key \"a\\u{C}b\""),
        BadInput(text: "[1 \u{2028}]", line: 1, column: 4, message: "expected ',' or ']' in array but found '\\u{2028}'"),
    ])
    func reportsLineAndColumn(bad: BadInput) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bad.text) }
        do {
            _ = try JSONParser.parse(bad.text)
        } catch {
            #expect(error.line == bad.line)
            #expect(error.column == bad.column)
            #expect(error.message.contains(bad.message), "\(error.message)")
            let oneLine = !error.description.contains { $0.isNewline }
            #expect(oneLine, "\(error.description)")
        }
    }

    @Test func refusesNestingBeyondTheLimit() {
        let deep = String(repeating: "[", count: JSONParser.maximumDepth + 1) + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        do {
            _ = try JSONParser.parse(deep)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.message.contains("nesting is deeper than"))
        }
    }

    @Test func pointersReadAndWrite() throws {
        var value = try JSONParser.parse(#"{"a": {"b/c": [10, 20]}, "z": 1}"#)
        let pointer = try #require(JSONPointer(parsing: "/a/b~1c/1"))
        #expect(value[pointer: pointer]?.intValue == 20)
        #expect(pointer.description == "/a/b~1c/1")
        let created = value.set(.string("x"), at: JSONPointer(["a", "new", "deep"]))
        #expect(created)
        #expect(JSONWriter.compact.string(from: value) == #"{"a":{"b/c":[10,20],"new":{"deep":"x"}},"z":1}"#)
        let removed = value.set(nil, at: JSONPointer(["a", "b/c", "0"]))
        #expect(removed)
        #expect(value[pointer: JSONPointer(["a", "b/c"])] == [20])
        let throughNumber = value.set(1, at: JSONPointer(["z", "under"]))
        #expect(!throughNumber, "cannot go through a number")
    }

    @Test func objectRenameKeepsPosition() {
        var object: JSONObject = ["a": 1, "url": "x", "c": 3]
        object.renameKey("url", to: "uri")
        #expect(object.keys == ["a", "uri", "c"])
        object.insert(0, forKey: "first", at: 0)
        object.moveKey("c", to: 1)
        #expect(object.keys == ["first", "c", "a", "uri"])
    }
}
