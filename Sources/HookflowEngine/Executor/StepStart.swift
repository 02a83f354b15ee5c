import Foundation
import HookflowModel

/// What starting one step of a run gives, computed without I/O: the record it has now (finished
/// already for a step with no outside effect), what is owed with it in the same commit, the
/// outside effect to make once that commit is durable, and the run's end when the step ends it.
struct StepStart: Sendable {
    var record: StoredAction
    var mutations: [StoreMutation] = []
    var effect: RunEffect?
    var end: RunEnd?
    /// The run's variables after the step, when it changed them (a variable action).
    var variables: RunVariables?
}

/// An outside effect of a step, made after the commit that records the step `Running`.
enum RunEffect: Sendable {
    /// An HTTP action's request.
    case http(step: Step, request: OutboundRequest)
    /// A webhook action's subscribe call.
    case subscribe(step: Step, request: OutboundRequest)
    /// A Workflow action's call of another app's Request trigger (`request.uri` is the app's
    /// name, the trigger named by `trigger` or the app's only Request trigger).
    case callWorkflow(step: Step, request: OutboundRequest, trigger: String?)

    var step: Step {
        switch self {
        case .http(let step, _), .subscribe(let step, _), .callWorkflow(let step, _, _): step
        }
    }
}

/// An effect with the key of the record it belongs to (one per loop repetition).
struct KeyedEffect: Sendable {
    var effect: RunEffect
    var key: String
}

/// Why a step failed: its code and a message naming where.
struct StepFailure: Error {
    let code: String
    let message: String
}

/// How a run ends, when a step or the scheduler decides it.
struct RunEnd: Sendable, Equatable {
    var status: RunStatus
    var error: JSONValue?
}

/// What the steps of one run see while they start: the run, its plan, the expressions' context,
/// the secrets to keep out of records, and the clock.
struct StepEnvironment: Sendable {
    let run: StoredRun
    let plan: RunPlan
    /// The loop iterations around the step (``IterationScope/top`` outside loops).
    let scope: IterationScope
    let context: EvaluationContext
    /// The run's variables as the step finds them.
    let variables: RunVariables
    let now: Date
    /// The base URL callback URLs are made on now.
    let callbackBase: String
    /// The signed callback URL of one of the run's action records (by key, ``ActionKey``).
    let callbackURL: @Sendable (_ actionKey: String) -> String
    /// Crashes planted by the crash tests (`HOOKFLOW_FAULTS`).
    let faults: FaultInjection
    /// Whether the caller of the run's Request trigger still waits for a Response (and none answered it yet).
    var callerAwaitsResponse = false

    var masker: SecretMasker { plan.masker }
    var evaluator: ExpressionEvaluator { ExpressionEvaluator(context: context) }

    /// A new `Running` record of `step` (in this scope's repetition).
    func running(_ step: Step) -> StoredAction {
        StoredAction(runID: run.id, name: step.name, repetition: scope.repetition, type: step.type ?? "", status: .running, startTime: now)
    }

    /// The key of `step`'s record in this scope: what its timers and callback URL name.
    func key(_ step: Step) -> String { scope.key(step.name) }

    /// The step's `inputs` evaluated, with what run history may show of them in `record`; nil
    /// (and `record` failed with `InvalidTemplate`) when an expression in them fails.
    func evaluatedInputs(of step: Step, into record: inout StoredAction) -> JSONValue? {
        do {
            let hidden = try evaluator.evaluateHidingSecrets(step.inputs ?? .null)
            record.inputs = masker.inputs(hidden.forHistory, of: step)
            return hidden.value
        } catch {
            fail(&record, code: "InvalidTemplate", message: message(error, in: step))
            return nil
        }
    }

    /// Fails `record` with an error that names none of the definition's secrets.
    func fail(_ record: inout StoredAction, code: String, message: String) {
        record.status = .failed
        record.code = code
        record.endTime = now
        record.error = ["code": .string(code), "message": .string(masker.maskText(message))]
    }

    /// The message of an expression failure inside a step's inputs, with its full pointer.
    func message(_ failure: EvaluationFailure, in step: Step, under key: String = "inputs") -> String {
        message(failure, in: step, at: [key])
    }

    /// The same, for a value at `path` under the step (`["inputs", "from"]`).
    func message(_ failure: EvaluationFailure, in step: Step, at path: [String]) -> String {
        "\(step.pointer.appending(path).appending(failure.pointer.tokens)): \(failure.error.description)"
    }
}

extension StepEnvironment {
    /// A step that finishes as it starts: `body` fills the record's inputs and outputs (and gives
    /// the run's variables when it changed them); the record then succeeds, or fails with the
    /// code and message `body` threw.
    func complete(_ step: Step, _ body: (inout StoredAction) throws(StepFailure) -> RunVariables?) -> StepStart {
        var record = running(step)
        do {
            let variables = try body(&record)
            record.status = .succeeded
            record.endTime = now
            return StepStart(record: record, variables: variables)
        } catch {
            fail(&record, code: error.code, message: error.message)
            return StepStart(record: record)
        }
    }
}
