import Foundation
import Testing
@testable import HookflowModel

/// Shared fixtures for the expression tests: a fixed clock, a fixed GUID and one-line evaluation.
enum ExpressionTestSupport {
    /// 2024-05-01T12:00:00.5Z, a Wednesday.
    static let fixedNow = Date(timeIntervalSince1970: 1_714_564_800.5)
    /// c2ecc88d-88c8-4096-912c-d6f2e2b138ce (the example GUID in the Logic Apps docs).
    static let fixedGUID = UUID(uuid: (
        0xC2, 0xEC, 0xC8, 0x8D, 0x88, 0xC8, 0x40, 0x96, 0x91, 0x2C, 0xD6, 0xF2, 0xE2, 0xB1, 0x38, 0xCE))

    static let parameters: [String: JSONValue] = [
        "n": 42,
        "name": "Ada",
        "price": 2.5,
        "flag": true,
        "nothing": nil,
        "list": [1, 2, 3],
        "config": ["Endpoint": "https://example.com/hook", "retries": 3, "nested": ["deep": ["x": 1]]],
    ]

    static func context(
        trigger: JSONValue? = nil,
        actions: [String: JSONValue] = [:],
        callbackURL: (@Sendable () throws -> String)? = nil
    ) -> EvaluationContext {
        EvaluationContext(
            trigger: trigger, actions: actions, parameters: parameters,
            workflow: ["name": "orders", "id": "/workflows/orders", "run": ["name": "08585", "id": "/workflows/orders/runs/08585"]],
            callbackURL: callbackURL, now: { fixedNow }, makeGUID: { fixedGUID })
    }

    static func evaluate(_ text: String, in context: EvaluationContext = context()) throws(ExpressionError) -> JSONValue {
        try ExpressionEvaluator(context: context).evaluate(string: text)
    }

    /// The error evaluating `text` throws, or nil when it succeeds.
    static func failure(_ text: String, in context: EvaluationContext = context()) -> ExpressionError? {
        do {
            _ = try evaluate(text, in: context)
            return nil
        } catch {
            return error
        }
    }

    /// Checks that evaluating `expected.expression` fails with exactly this kind, message and position.
    static func expectError(
        _ expected: ExpectedExpressionError, in context: EvaluationContext = context(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = failure(expected.expression, in: context) else {
            Issue.record("\(expected.expression) evaluated without an error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == expected.kind, sourceLocation: sourceLocation)
        #expect(error.message == expected.message, sourceLocation: sourceLocation)
        #expect(error.position == expected.position, sourceLocation: sourceLocation)
        #expect(error.expression == expected.expression, sourceLocation: sourceLocation)
    }

    /// Checks that evaluating `expression` gives exactly `expected` (numbers also by integer-ness).
    static func expectValue(
        _ expression: String, _ expected: JSONValue, in context: EvaluationContext = context(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let value = try evaluate(expression, in: context)
            #expect(value == expected, "\(expression)", sourceLocation: sourceLocation)
            // JSONNumber equality treats 3 and 3.0 alike; the type of the result matters here too.
            #expect(value.typeName == expected.typeName, "\(expression) type", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(expression) failed: \(error)", sourceLocation: sourceLocation)
        }
    }

    /// The error parsing `text` throws, or nil when it parses.
    static func parseFailure(_ text: String) -> ExpressionError? {
        do {
            _ = try Template.parse(text)
            return nil
        } catch {
            return error
        }
    }
}

/// An expected evaluation error: kind, exact message and exact position.
struct ExpectedExpressionError: Sendable, CustomStringConvertible {
    let expression: String
    let kind: ExpressionError.Kind
    let message: String
    let position: Int

    init(_ expression: String, _ kind: ExpressionError.Kind, _ message: String, at position: Int) {
        self.expression = expression
        self.kind = kind
        self.message = message
        self.position = position
    }

    var description: String { expression }
}
