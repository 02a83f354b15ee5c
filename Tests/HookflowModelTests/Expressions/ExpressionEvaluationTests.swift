import Testing
@testable import HookflowModel

@Suite struct ExpressionEvaluationTests {
    typealias Support = ExpressionTestSupport

    @Test func wholeExpressionKeepsItsType() throws {
        let value = try Support.evaluate("@parameters('n')")
        #expect(value == .int(42))
        #expect(value.numberValue?.isInteger == true)
        #expect(try Support.evaluate("@parameters('price')") == 2.5)
        #expect(try Support.evaluate("@parameters('flag')") == true)
        #expect(try Support.evaluate("@parameters('nothing')") == .null)
        #expect(try Support.evaluate("@parameters('list')") == [1, 2, 3])
        #expect(try Support.evaluate("@parameters('config')") == Support.parameters["config"])
    }

    @Test func interpolationAlwaysGivesAString() throws {
        #expect(try Support.evaluate("@{parameters('n')}") == "42")
        #expect(try Support.evaluate("n is @{parameters('n')}") == "n is 42")
        #expect(try Support.evaluate("@{parameters('name')} costs @{parameters('price')}!") == "Ada costs 2.5!")
        #expect(try Support.evaluate("flag=@{parameters('flag')}") == "flag=true")
        #expect(try Support.evaluate("[@{parameters('nothing')}]") == "[]")
        #expect(try Support.evaluate("list=@{parameters('list')}") == "list=[1,2,3]")
        #expect(try Support.evaluate("@{parameters('config')}")
            == #"{"Endpoint":"https://example.com/hook","retries":3,"nested":{"deep":{"x":1}}}"#)
    }

    @Test func escapesAndPlainText() throws {
        #expect(try Support.evaluate("@@") == "@")
        #expect(try Support.evaluate("@@parameters('n')") == "@parameters('n')")
        #expect(try Support.evaluate("My age is @@{parameters('n')}") == "My age is @{parameters('n')}")
        #expect(try Support.evaluate("@@{parameters('n')} is @{parameters('n')}") == "@{parameters('n')} is 42")
        #expect(try Support.evaluate(" @parameters('n')") == " @parameters('n')")
        #expect(try Support.evaluate("ada@example.com") == "ada@example.com")
        #expect(try Support.evaluate("no expressions here") == "no expressions here")
    }

    @Test func nestedCalls() throws {
        #expect(try Support.evaluate("@toUpper(concat(parameters('name'), '-', string(add(parameters('n'), 1))))") == "ADA-43")
        #expect(try Support.evaluate("@{length(split(concat('a,b', ',c'), ','))} parts") == "3 parts")
    }

    @Test(arguments: ["@TOUPPER('a')", "@toupper('a')", "@ToUpper('a')", "@ toUpper( 'a' )"])
    func functionNamesIgnoreCase(expression: String) throws {
        #expect(try Support.evaluate(expression) == "A")
    }

    @Test func memberAccessAndIndexing() throws {
        #expect(try Support.evaluate("@parameters('list')[1]") == 2)
        #expect(try Support.evaluate("@parameters('config').Endpoint") == "https://example.com/hook")
        #expect(try Support.evaluate("@parameters('config')['Endpoint']") == "https://example.com/hook")
        #expect(try Support.evaluate("@parameters('config').nested.deep.x") == 1)
        #expect(try Support.evaluate("@parameters('config')['nested']['deep']['x']") == 1)
        #expect(try Support.evaluate("@parameters('list')[sub(length(parameters('list')), 1)]") == 3)
        #expect(try Support.evaluate("@json('[[1,2],[3,4]]')[1][0]") == 3)
    }

    @Test func memberNamesFallBackToCaseInsensitive() throws {
        #expect(try Support.evaluate("@parameters('config').endpoint") == "https://example.com/hook")
        #expect(try Support.evaluate("@parameters('config')['ENDPOINT']") == "https://example.com/hook")
        // An exact match wins over a case-insensitive one.
        #expect(try Support.evaluate("@json('{\"a\":1,\"A\":2}').A") == 2)
        #expect(try Support.evaluate("@json('{\"a\":1,\"A\":2}').a") == 1)
    }

    @Test func nullSafeChains() throws {
        #expect(try Support.evaluate("@parameters('config')?.missing") == .null)
        #expect(try Support.evaluate("@parameters('config')?.missing?.deeper") == .null)
        #expect(try Support.evaluate("@parameters('config')?['missing']?['deeper']") == .null)
        #expect(try Support.evaluate("@parameters('nothing')?.x") == .null)
        #expect(try Support.evaluate("@parameters('nothing')?[0]") == .null)
        #expect(try Support.evaluate("@parameters('list')?[5]") == .null)
        #expect(try Support.evaluate("@parameters('config')?.nested?.deep?.x") == 1)
        #expect(try Support.evaluate("@coalesce(parameters('config')?.missing, 'default')") == "default")
        #expect(try Support.evaluate("value=@{parameters('config')?.missing}") == "value=")
    }

    static let accessErrors: [ExpectedExpressionError] = [
        .init(
            "@parameters('config').missing", .reference,
            "property 'missing' doesn't exist; available properties are 'Endpoint', 'retries', 'nested'", at: 22),
        .init(
            "@parameters('config')['missing']", .reference,
            "property 'missing' doesn't exist; available properties are 'Endpoint', 'retries', 'nested'", at: 22),
        .init("@json('{}').x", .reference, "property 'x' doesn't exist; the object has no properties", at: 12),
        .init(
            "@parameters('config')?.missing.deeper", .type,
            "cannot read property 'deeper' of null (use '?.' or '?[...]' to get null instead)", at: 31),
        .init(
            "@parameters('nothing').x", .type,
            "cannot read property 'x' of null (use '?.' or '?[...]' to get null instead)", at: 23),
        .init("@parameters('nothing')[0]", .type, "cannot index into null (use '?[...]' to get null instead)", at: 23),
        .init("@parameters('name').x", .type, "cannot read property 'x' of a value of type string", at: 20),
        .init("@parameters('name')[0]", .type, "cannot index into a value of type string", at: 20),
        .init("@parameters('list')[5]", .reference, "index 5 is out of range for an array of 3 elements", at: 20),
        .init("@parameters('list')[-1]", .reference, "index -1 is out of range for an array of 3 elements", at: 20),
        .init("@parameters('list')['a']", .type, "an array must be indexed with an integer but got string", at: 20),
        .init("@parameters('list')[1.5]", .type, "array index must be an integer but got 1.5", at: 20),
        .init("@parameters('config')[0]", .type, "an object must be indexed with a string but got integer", at: 22),
    ]

    @Test(arguments: accessErrors)
    func accessErrorsNameTheProblem(expected: ExpectedExpressionError) throws {
        let error = try #require(Support.failure(expected.expression))
        #expect(error.kind == expected.kind)
        #expect(error.message == expected.message)
        #expect(error.position == expected.position)
        #expect(error.description.contains("\"\(expected.expression)\""))
    }

    @Test func typeErrorPointsAtTheArgument() throws {
        let error = try #require(Support.failure("@toUpper(5)"))
        #expect(error.kind == .type)
        #expect(error.message == "function 'toUpper' expects a string as argument 1 but got integer")
        #expect(error.position == 10)
        #expect(error.description == "function 'toUpper' expects a string as argument 1 but got integer at position 10 in expression \"@toUpper(5)\"")
        // For an argument with accessors, the position is where the argument's text starts.
        let nested = try #require(Support.failure("x @{toUpper(parameters('config').retries)}"))
        #expect(nested.position == 13)
        #expect(nested.message == "function 'toUpper' expects a string as argument 1 but got integer")
    }

    @Test func deepEvaluationKeepsShapeAndOrder() throws {
        let input: JSONValue = [
            "uri": "@parameters('config').Endpoint",
            "headers": ["X-N": "@parameters('n')", "@keysAreNotEvaluated": "x@@y"],
            "list": ["a", "@{parameters('n')}", 1, true, nil, ["@parameters('flag')"]],
            "n": 5,
        ]
        let output = try ExpressionEvaluator(context: Support.context()).evaluate(input)
        #expect(output == [
            "uri": "https://example.com/hook",
            "headers": ["X-N": 42, "@keysAreNotEvaluated": "x@y"],
            "list": ["a", "42", 1, true, nil, [true]],
            "n": 5,
        ])
        #expect(output.objectValue?.keys == ["uri", "headers", "list", "n"])
        #expect(output["headers"]?.objectValue?.keys == ["X-N", "@keysAreNotEvaluated"])
    }

    @Test func deepEvaluationFailureCarriesThePointer() throws {
        let evaluator = ExpressionEvaluator(context: Support.context())
        let input: JSONValue = ["inputs": ["subscribe": ["method": "POST", "uri": "@parameters('nope')"]]]
        do {
            _ = try evaluator.evaluate(input)
            Issue.record("expected a failure")
        } catch {
            #expect(error.pointer == JSONPointer(["inputs", "subscribe", "uri"]))
            #expect(error.error.kind == .reference)
            #expect(error.error.position == 13)
            #expect(error.description
                == "/inputs/subscribe/uri: parameter 'nope' is not defined at position 13 in expression \"@parameters('nope')\"")
        }
        do {
            _ = try evaluator.evaluate(["a/b": ["ok", "@toUpper(1)"]])
            Issue.record("expected a failure")
        } catch {
            #expect(error.pointer.description == "/a~1b/1")
            #expect(error.error.message == "function 'toUpper' expects a string as argument 1 but got integer")
        }
    }

    @Test func preParsedTemplateEvaluatesTheSame() throws {
        let source = "n=@{parameters('n')}"
        let template = try Template.parse(source)
        #expect(try ExpressionEvaluator(context: Support.context()).evaluate(template, source: source) == "n=42")
    }
}
