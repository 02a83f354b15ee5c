import Foundation
import HookflowModel

/// `Response`: answers the caller of the run's Request trigger with `statusCode`, `headers` and
/// `body` (evaluated), once the commit that records it is durable. Its outputs are that answer.
///
/// A run has one caller and one answer: a Response that runs when nobody waits any more — the
/// wait ran out, another Response answered, or the engine restarted since the request came in —
/// fails with `ActionResponseTimedOut`, as Logic Apps records it. With `operationOptions:
/// Asynchronous` the caller got `202` at once and the Response only records its outputs.
enum ResponseStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        guard environment.callerAwaitsResponse || isAsynchronous(step) else {
            environment.fail(&record, code: "ActionResponseTimedOut", message:
                "no caller waits for this response: the request that started the run was answered already, its wait ran out, or the engine restarted since it came in")
            return StepStart(record: record)
        }
        do {
            let hidden = try environment.evaluator.evaluateHidingSecrets(step.inputs ?? .object([:]))
            let inputs = hidden.value
            _ = try answer(statusCode: inputs["statusCode"], headers: inputs["headers"], body: inputs["body"])
            var outputs: JSONObject = ["statusCode": inputs["statusCode"] ?? .number(JSONNumber(200)), "headers": inputs["headers"] ?? .object([:])]
            if let body = inputs["body"] { outputs["body"] = body }
            record.inputs = environment.masker.inputs(hidden.forHistory, of: step)
            record.outputs = .object(outputs)
            record.maskedOutputs = environment.masker.maskedOutputs(.object(outputs), hidden: hidden.recordable, of: step)
            record.status = .succeeded
            record.endTime = environment.now
        } catch let failure as EvaluationFailure {
            environment.fail(&record, code: "InvalidTemplate", message: environment.message(failure, in: step))
        } catch let problem as ResponseProblem {
            environment.fail(&record, code: "InvalidTemplate", message: "\(step.pointer / "inputs"): \(problem.message)")
        } catch {
            environment.fail(&record, code: "InvalidTemplate", message: "\(error)")
        }
        return StepStart(record: record)
    }

    static func isAsynchronous(_ step: Step) -> Bool {
        step.json["operationOptions"]?.stringValue?.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "asynchronous" } ?? false
    }

    /// The answer a Response's recorded outputs make.
    static func answer(from record: StoredAction) -> SynchronousResponses.Answer? {
        guard let outputs = record.outputs else { return nil }
        return try? answer(statusCode: outputs["statusCode"], headers: outputs["headers"], body: outputs["body"])
    }

    struct ResponseProblem: Error {
        let message: String
    }

    /// Checks the evaluated inputs: a status code from 100 to 599 (a number, or text that is one;
    /// 200 when left out), headers as an object of text values.
    static func answer(statusCode: JSONValue?, headers: JSONValue?, body: JSONValue?) throws -> SynchronousResponses.Answer {
        let code: Int
        switch statusCode {
        case nil, .null?: code = 200
        case .number(let number)?:
            guard let value = Int(number.literal) else { throw ResponseProblem(message: "statusCode \(number.literal) is not a whole number") }
            code = value
        case .string(let text)?:
            guard let value = Int(text) else { throw ResponseProblem(message: "statusCode \"\(text)\" is not a number") }
            code = value
        case let other?: throw ResponseProblem(message: "statusCode must be a number, not \(other.typeName)")
        }
        guard (100...599).contains(code) else { throw ResponseProblem(message: "statusCode \(code) is not an HTTP status (100 to 599)") }
        var fields: [String: String] = [:]
        switch headers {
        case nil, .null?: break
        case .object(let object)?:
            for (name, value) in object.entries {
                switch value {
                case .string(let text): fields[name] = text
                case .number(let number): fields[name] = number.literal
                case .bool(let flag): fields[name] = flag ? "true" : "false"
                default: throw ResponseProblem(message: "header \(name) must be text, not \(value.typeName)")
                }
            }
        case let other?: throw ResponseProblem(message: "headers must be an object, not \(other.typeName)")
        }
        return SynchronousResponses.Answer(statusCode: code, headers: fields, body: body)
    }
}
