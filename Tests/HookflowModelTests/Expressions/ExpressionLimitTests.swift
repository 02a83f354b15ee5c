import Testing
@testable import HookflowModel

/// The documented expression limits (``Expression/maximumDepth``, ``Expression/maximumLength``,
/// ``Expression/maximumResultLength``): exactly at a limit works, one beyond is a clear error
/// naming the limit and the position, never a crash.
///
/// The deep cases run in a detached task: its thread has a smaller stack than the main thread,
/// as the engine's runs do, so a recursion the limit does not bound would crash here first.
@Suite struct ExpressionLimitTests {
    static let depthMessage = "the expression is nested more than 128 levels deep, the limit "
        + "(each function call, '[...]' index and '.' or '?.' member access is one level)"

    /// `@triggerBody()` followed by `count` `?.x` accessors: a tree `count + 1` levels deep.
    static func memberChain(_ count: Int, accessor: String = "?.x") -> String {
        "@triggerBody()" + String(repeating: accessor, count: count)
    }

    static let emptyBody = ExpressionTestSupport.context(trigger: ["outputs": ["body": [:]]])

    /// Runs `body` on a task's thread rather than the test's own.
    static func inTask<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await Task.detached { try body() }.value
    }

    @Test func memberChainAtTheLimitParsesAndEvaluatesInATask() async throws {
        let text = Self.memberChain(Expression.maximumDepth - 1)
        let (value, depth, calls, equal) = try await Self.inTask {
            let template = try Template.parse(text)
            guard case .expression(let expression) = template else { throw ExpressionError(kind: .syntax, message: "not one expression", expression: text, position: 1) }
            let value = try ExpressionEvaluator(context: Self.emptyBody).evaluate(template, source: text)
            return (value, expression.depth, template.functionCalls.map(\.name), template == (try Template.parse(text)))
        }
        #expect(value == .null)
        #expect(depth == 128)
        #expect(calls == ["triggerbody"])
        #expect(equal)
    }

    /// Renaming a step rewrites `body('…')` in the deepest expression accepted, which then
    /// still validates.
    @Test func renamingReachesTheDeepestExpression() async throws {
        // body('A') is 2 levels (a call and its argument); 126 accessors make 128.
        func chain(_ name: String) -> JSONValue { .string("@body('\(name)')" + String(repeating: "?.x", count: 126)) }
        let definition = WorkflowDefinition(json: ["actions": [
            "A": ["type": "Compose", "inputs": 1, "runAfter": [:]],
            "B": ["type": "Compose", "inputs": chain("A"), "runAfter": ["A": ["Succeeded"]]],
        ]])
        let (renamed, problems) = try await Self.inTask {
            var edited = definition
            try edited.renameStep(at: .action("A"), to: "First")
            return (edited, WorkflowValidator().validate(edited))
        }
        #expect(renamed[pointer: JSONPointer(["actions", "B", "inputs"])] == chain("First"))
        #expect(problems == [])
    }

    @Test func memberChainOneBeyondTheLimitIsAClearError() throws {
        let text = Self.memberChain(Expression.maximumDepth)
        let error = try #require(ExpressionTestSupport.parseFailure(text))
        #expect(error.kind == .limit)
        #expect(error.message == Self.depthMessage)
        // The 128th accessor: "@triggerBody()" is 14 columns, each "?.x" three more.
        #expect(error.position == 15 + 3 * 127)
        #expect(String(Array(text)[error.position - 1]) == "?")
    }

    /// The run-time crash of issue 10: 5,000 `?.x` passed validation, then killed the engine.
    @Test func fiveThousandNullSafeAccessorsFailTheEvaluationNotTheProcess() async throws {
        let text = Self.memberChain(5_000)
        let error = try await Self.inTask { ExpressionTestSupport.failure(text, in: Self.emptyBody) }
        #expect(error?.kind == .limit)
        #expect(error?.message == Self.depthMessage)
        #expect(error?.position == 15 + 3 * 127)
    }

    /// Validation overflowed the stack on 50,000 `.x`.
    @Test func fiftyThousandMemberAccessesAreOneValidationProblem() async throws {
        let text = Self.memberChain(50_000, accessor: ".x")
        let definition = WorkflowDefinition(json: ["actions": ["Compose": ["type": "Compose", "inputs": .string(text), "runAfter": [:]]]])
        let problems = try await Self.inTask { WorkflowValidator().validate(definition).map(\.description) }
        #expect(problems == [
            "/actions/Compose/inputs: Invalid expression: \(Self.depthMessage) at position \(15 + 2 * 127) in expression \"\(text)\"",
        ])
    }

    @Test func nestedCallsAndIndexesCountTheSameLevels() async throws {
        // createArray(0)[...] nests through the index: `createArray(0)` is 2 levels (a call and
        // its argument), so k indexes are k + 2 deep.
        func indexes(_ count: Int) -> String {
            "@" + String(repeating: "createArray(0)[", count: count) + "0" + String(repeating: "]", count: count)
        }
        let atLimit = indexes(Expression.maximumDepth - 2)
        let value = try await Self.inTask { try ExpressionTestSupport.evaluate(atLimit) }
        #expect(value == 0)
        let beyond = try #require(ExpressionTestSupport.parseFailure(indexes(Expression.maximumDepth - 1)))
        #expect(beyond.kind == .limit)
        #expect(beyond.message == Self.depthMessage)
        #expect(beyond.position == 16, "the outermost '[', whose tree is one level too deep")

        let calls = "@" + String(repeating: "string(", count: 127) + "'deep'" + String(repeating: ")", count: 127)
        let deepest = try await Self.inTask { try ExpressionTestSupport.evaluate(calls) }
        #expect(deepest == "deep")
        // A chain inside the deepest argument adds its levels to the call's: the outermost call
        // is the one that makes the whole expression too deep.
        let mixed = "@" + String(repeating: "string(", count: 120) + "triggerBody()" + String(repeating: "?.x", count: 8)
            + String(repeating: ")", count: 120)
        let mixedError = try #require(ExpressionTestSupport.parseFailure(mixed))
        #expect(mixedError.message == Self.depthMessage)
        #expect(mixedError.position == 2)
    }

    @Test func lengthLimitIsPerExpression() throws {
        // "string('" + n × "a" + "')" is n + 10 characters after the '@'.
        let atLimit = "@string('" + String(repeating: "a", count: Expression.maximumLength - 10) + "')"
        #expect(try ExpressionTestSupport.evaluate(atLimit) == .string(String(repeating: "a", count: 8_182)))
        let beyond = "@string('" + String(repeating: "a", count: Expression.maximumLength - 9) + "')"
        let error = try #require(ExpressionTestSupport.parseFailure(beyond))
        #expect(error.kind == .limit)
        #expect(error.message == "the expression is longer than 8192 characters, the limit for one expression")
        #expect(error.position == 8_194)

        // Inside `@{...}` the limit counts what is between the braces; text around them is free.
        let inside = "@{string('" + String(repeating: "b", count: Expression.maximumLength - 10) + "')}"
        let text = String(repeating: "x", count: 20_000) + inside + inside
        #expect(try ExpressionTestSupport.evaluate(text) == .string(String(repeating: "x", count: 20_000) + String(repeating: "b", count: 2 * 8_182)))
        let tooLong = "x @{string('" + String(repeating: "b", count: Expression.maximumLength - 9) + "')}"
        let interpolationError = try #require(ExpressionTestSupport.parseFailure(tooLong))
        #expect(interpolationError.kind == .limit)
        #expect(interpolationError.position == 4 + 8_192 + 1)
    }

    @Test func functionResultsStopAtTheDocumentedLength() throws {
        var context = ExpressionTestSupport.context()
        context.parameters["big"] = .string(String(repeating: "a", count: Expression.maximumResultLength))
        #expect(try ExpressionTestSupport.evaluate("@length(concat(parameters('big')))", in: context) == 131_072)
        ExpressionTestSupport.expectError(
            .init("@concat(parameters('big'), 'b')", .limit,
                  "function 'concat' would give a text longer than 131072 characters, the limit for a function's result", at: 2),
            in: context)
        ExpressionTestSupport.expectError(
            .init("@join(createArray(parameters('big'), ''), '-')", .limit,
                  "function 'join' would give a text longer than 131072 characters, the limit for a function's result", at: 2),
            in: context)
        ExpressionTestSupport.expectError(
            .init("@base64(parameters('big'))", .limit,
                  "function 'base64' would give a text longer than 131072 characters, the limit for a function's result", at: 2),
            in: context)
    }

    /// Each `replace` multiplies the text by ten: without the limit, a few more nested calls
    /// would ask for gigabytes.
    @Test func nestedReplaceCannotGrowWithoutBound() throws {
        func replaces(_ count: Int) -> String {
            "@" + String(repeating: "replace(", count: count) + "'aaaaaaaaaa'" + String(repeating: ", 'a', 'aaaaaaaaaa')", count: count)
        }
        #expect(try ExpressionTestSupport.evaluate("@length(\(replaces(4).dropFirst()))") == 100_000)
        for count in [5, 9, 40] {
            let error = try #require(ExpressionTestSupport.failure(replaces(count)))
            #expect(error.kind == .limit)
            #expect(error.message == "function 'replace' would give a text longer than 131072 characters, the limit for a function's result")
            #expect(error.position == 2 + 8 * (count - 5), "the innermost call that goes over")
        }
    }

    /// Found by FuzzExpression: the third call's long replacement left a text of 110,000
    /// characters full of 'a's, and replacing each of them took 10 s (a search that restarted
    /// from the text's start). Replacing is linear now, and this one stops at the limit.
    @Test func replacingInALongTextIsLinearAndStopsAtTheLimit() throws {
        let long = "'a" + String(repeating: "\u{FFFD}", count: 100) + "aaaaaaaaa'"
        let text = "@replace(replace(replace(replace(replace(replace(')aaaaaaaaaa', 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', "
            + long + "), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa'), 'a', 'aaaaaaaaaa')"
        let error = try #require(ExpressionTestSupport.failure(text))
        #expect(error.kind == .limit)
        #expect(error.position == 18, "the third call from the outside, the first over the limit")

        var context = ExpressionTestSupport.context()
        context.parameters["big"] = .string(String(repeating: "a", count: Expression.maximumResultLength))
        #expect(try ExpressionTestSupport.evaluate("@length(replace(parameters('big'), 'a', 'b'))", in: context) == 131_072)
        #expect(try ExpressionTestSupport.evaluate("@indexOf(concat(parameters('big')), 'B')", in: context) == -1)
    }

    /// Stored data is not a function's new text: a long body or parameter passes through whole;
    /// only what a function builds from it is held to the limit.
    @Test func storedDataIsNotHeldToTheResultLimit() throws {
        let body = String(repeating: "x", count: 200_000)
        let context = ExpressionTestSupport.context(trigger: ["outputs": ["body": .string(body)]])
        #expect(try ExpressionTestSupport.evaluate("@triggerBody()", in: context) == .string(body))
        #expect(try ExpressionTestSupport.evaluate("@length(triggerBody())", in: context) == 200_000)
        ExpressionTestSupport.expectError(
            .init("@toUpper(triggerBody())", .limit,
                  "function 'toUpper' would give a text longer than 131072 characters, the limit for a function's result", at: 2),
            in: context)
    }

    /// Every value an expression gives nests at most ``JSONValue/maximumDepth`` levels, so a run
    /// can always store and read back what its actions produced.
    @Test func createArrayKeepsResultsWithinTheJSONDepthLimit() async throws {
        func nested(_ depth: Int) -> JSONValue {
            var value: JSONValue = 1
            for _ in 0..<depth { value = .array([value]) }
            return value
        }
        let fits = ExpressionTestSupport.context(trigger: ["outputs": ["body": nested(JSONValue.maximumDepth - 1)]])
        let deepest = try await Self.inTask { try ExpressionTestSupport.evaluate("@createArray(triggerBody())", in: fits) }
        #expect(deepest.nestingDepth == JSONValue.maximumDepth)
        let tooDeep = ExpressionTestSupport.context(trigger: ["outputs": ["body": nested(JSONValue.maximumDepth)]])
        ExpressionTestSupport.expectError(
            .init("@createArray(triggerBody())", .limit,
                  "function 'createArray' would nest an array deeper than 512 levels, the limit for JSON in Hookflow", at: 2),
            in: tooDeep)
        // The deepest value still compares, prints and converts in a task.
        let (equal, text) = try await Self.inTask {
            (try ExpressionTestSupport.evaluate("@equals(triggerBody(), triggerBody())", in: tooDeep),
             try ExpressionTestSupport.evaluate("@string(triggerBody())", in: tooDeep))
        }
        #expect(equal == true)
        #expect(text.stringValue?.count == 2 * 512 + 1)
    }
}
