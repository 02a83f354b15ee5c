import Testing
@testable import HookflowModel

/// The schema subset Parse JSON checks, with Logic Apps' (Json.NET's) messages and paths.
struct JSONSchemaCheckTests {
    func errors(_ value: String, _ schema: String) throws -> [String] {
        JSONSchemaCheck.errors(of: try JSONParser.parse(value), against: try JSONParser.parse(schema)).map { "\($0.path)|\($0.schemaID)|\($0.message)" }
    }

    @Test func typesOneOrSeveral() throws {
        #expect(try errors(#"{"a": null, "b": 1, "c": "x", "d": 2.5, "e": 3}"#, """
            {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": ["string", "null"]}, "c": {"type": ["string", "null"]},
                                              "d": {"type": "number"}, "e": {"type": "integer"}}}
            """) == [
            "a|#/properties/a|Invalid type. Expected String but got Null.",
            "b|#/properties/b|Invalid type. Expected String, Null but got Integer.",
        ])
        #expect(try errors("[1, 2]", #"{"type": "object"}"#) == ["|#|Invalid type. Expected Object but got Array."])
    }

    @Test func requiredItemsEnumAndAdditionalProperties() throws {
        #expect(try errors(#"{"list": [{"id": 1}, {"name": "x"}, {"id": "2"}], "mode": "fast", "extra": true}"#, """
            {"type": "object", "additionalProperties": false, "required": ["list", "owner"],
             "properties": {"list": {"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}},
                            "mode": {"enum": ["slow", "safe"]}}}
            """) == [
            "|#|Required properties are missing from object: owner.",
            "list[1]|#/properties/list/items|Required properties are missing from object: id.",
            "list[2].id|#/properties/list/items/properties/id|Invalid type. Expected Integer but got String.",
            #"mode|#/properties/mode|Value "fast" is not defined in enum."#,
            "extra|#|Property 'extra' has not been defined and the schema does not allow additional properties.",
        ])
    }

    @Test func oddNamesAndValuesFromSecrets() throws {
        #expect(try errors(#"{"first name": 1}"#, #"{"properties": {"first name": {"type": "string"}}}"#)
            == ["['first name']|#/properties/first name|Invalid type. Expected String but got Integer."])
        let hidden = JSONSchemaCheck.errors(of: "p4ss", against: ["enum": ["a"]], quotingValues: false)
        #expect(hidden.map(\.message) == ["Value is not defined in enum."])
    }
}
