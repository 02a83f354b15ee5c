/// Evaluating while keeping secrets out of what gets recorded (SPEC §3: secrets are never
/// written to run history).
extension ExpressionEvaluator {
    /// The placeholder that stands for a secret wherever one is hidden.
    public static let secretPlaceholder = "********"

    /// What an evaluation gives when secrets must not be recorded: the value to use, and the same
    /// value with every string that read a secret replaced by ``secretPlaceholder`` (nil when
    /// nothing secret was read: record the value itself).
    public struct HiddenSecrets: Sendable, Equatable {
        public let value: JSONValue
        public let recordable: JSONValue?

        /// What may be written to run history.
        public var forHistory: JSONValue { recordable ?? value }
    }

    /// Evaluates every string in `value` as ``evaluate(_:)`` does, noting which strings read one of
    /// the context's ``EvaluationContext/secrets``. An error in a string that read a secret is
    /// given without its details (they could quote the secret: "cannot convert 'p4ss' to an
    /// integer"), but with its kind, position and pointer.
    public func evaluateHidingSecrets(_ value: JSONValue) throws(EvaluationFailure) -> HiddenSecrets {
        guard !context.secrets.isEmpty else { return HiddenSecrets(value: try evaluate(value), recordable: nil) }
        let reads = SecretReads(sources: context.secrets)
        let tracking = ExpressionEvaluator(context: context, reads: reads)
        var hidden = false
        let result = try tracking.evaluate(value, at: .root) { pointer, string throws(EvaluationFailure) -> (JSONValue, Bool) in
            reads.reset()
            let evaluated: JSONValue
            do throws(EvaluationFailure) { evaluated = try tracking.evaluateLeaf(string, at: pointer) } catch {
                throw reads.happened ? Self.withoutDetails(error) : error
            }
            if reads.happened { hidden = true }
            return (evaluated, reads.happened)
        }
        // Spelled out: JSONValue is itself nil-literal-expressible (a bare `nil` here would be JSON null).
        return HiddenSecrets(value: result.value, recordable: hidden ? Optional(result.recordable) : Optional<JSONValue>.none)
    }

    /// One string as ``evaluate(string:)`` does, with `secret` telling whether it read a secret;
    /// an error that read one comes without its details.
    public func evaluateHidingSecrets(string: String) throws(ExpressionError) -> (value: JSONValue, secret: Bool) {
        guard !context.secrets.isEmpty else { return (try evaluate(string: string), false) }
        let reads = SecretReads(sources: context.secrets)
        let tracking = ExpressionEvaluator(context: context, reads: reads)
        do {
            let value = try tracking.evaluate(string: string)
            return (value, reads.happened)
        } catch {
            throw reads.happened ? Self.withoutDetails(error) : error
        }
    }

    static func withoutDetails(_ failure: EvaluationFailure) -> EvaluationFailure {
        EvaluationFailure(pointer: failure.pointer, error: withoutDetails(failure.error))
    }

    static func withoutDetails(_ error: ExpressionError) -> ExpressionError {
        ExpressionError(
            kind: error.kind,
            message: "the expression failed (\(error.kind)) on a value it read from a secret; the details are hidden because they could show it",
            expression: secretPlaceholder, position: error.position)
    }
}
