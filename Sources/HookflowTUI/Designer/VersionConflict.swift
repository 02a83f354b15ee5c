import HookflowEngine
import HookflowModel

/// A save the engine refused because its app moved on (SPEC §3 Versions): the app is at
/// ``current``, newer than the ``base`` the designer's definition was edited from. Nothing was
/// stored; the designer asks whether to reload the engine's version, see the difference, overwrite
/// it, or leave things as they are.
public struct VersionConflict: Equatable, Sendable {
    /// The version the refused save was edited from (0: an app that was new to the designer).
    public var base: Int
    /// The engine's version now (0: the app is gone).
    public var current: Int
    /// The engine's app now, fetched after the refusal; `nil` when it is gone or could not be fetched.
    public var engine: WorkflowDetail?

    public init(base: Int, current: Int, engine: WorkflowDetail?) {
        self.base = base
        self.current = current
        self.engine = engine
    }

    /// The engine's definition, when it has one to reload or compare.
    var engineDefinition: WorkflowDefinition? {
        engine?.definition.objectValue.map { WorkflowDefinition(json: $0) }
    }

    // MARK: The question

    /// What the question was answered with.
    enum Choice: Equatable, Sendable {
        /// The engine's version replaces the designer's, as one edit `u` undoes.
        case reload
        /// The engine's version against the designer's, line by line (``DifferenceScreen``).
        case showDifference
        /// Save again, over whatever version the engine has.
        case overwrite
        /// Leave the edits on screen unsaved.
        case cancel
    }

    /// One answer: its letter, its button (`vN` is the engine's version) and its help line. The
    /// question and the `?` help are both drawn from ``answers``.
    struct Answer: Sendable {
        var key: Character
        var label: String
        var help: String
        var choice: Choice

        /// The button, with the engine's version in place of `vN`.
        func label(current: Int) -> String { label.replacingOccurrences(of: "vN", with: "v\(current)") }
    }

    static let answers: [Answer] = [
        Answer(key: "r", label: "Reload vN", help: "the engine's version replaces yours, as one edit (u brings yours back)", choice: .reload),
        Answer(key: "s", label: "Show difference", help: "the engine's version against yours, line by line (Esc comes back to the question)",
               choice: .showDifference),
        Answer(key: "o", label: "Overwrite", help: "save yours over the engine's newer version", choice: .overwrite),
        Answer(key: "c", label: "Cancel", help: "keep your edits here, unsaved (Ctrl-S asks again)", choice: .cancel),
    ]

    /// The question about `app`: reload and the difference only when the engine's definition is at hand.
    func prompt(app: String) -> ScreenPrompt {
        let hasDefinition = current > 0 && engineDefinition != nil
        let offered = Self.answers.filter { hasDefinition || ($0.choice != .reload && $0.choice != .showDifference) }
        let choices = offered.map { answer in
            ScreenPrompt.Choice(key: answer.key, label: current == 0 && answer.choice == .overwrite ? "Save anew" : answer.label(current: current),
                                answer: .versionConflict(answer.choice))
        }
        // Enter alone changes nothing: it shows the difference, or cancels.
        let safe = choices.firstIndex { $0.answer == .versionConflict(.showDifference) } ?? choices.count - 1
        return ScreenPrompt(title: "Version conflict", message: message(app: app), choices: choices, highlighted: safe,
                            escape: .versionConflict(.cancel))
    }

    /// What happened, in words: the versions, and that nothing was saved.
    func message(app: String) -> String {
        if current == 0 {
            return "\(app) was deleted from the engine after v\(base), which your edits start from. Nothing was saved. Save it anew from your edits?"
        }
        let what = base == 0
            ? "The engine has \(app) v\(current), created elsewhere while this designer had it as a new app."
            : "The engine has \(app) v\(current), newer than v\(base) your edits start from (it was saved from elsewhere meanwhile)."
        guard engineDefinition != nil else {
            return what + " Nothing was saved, and v\(current) could not be fetched to compare. Overwrite it with your edits?"
        }
        return what + " Nothing was saved. Reload v\(current) (u brings your edits back), see the difference, or overwrite it?"
    }

    /// The message line while the question is open.
    func summary(app: String) -> String {
        current == 0
            ? "Not saved: \(app) was deleted from the engine after v\(base)"
            : "Not saved: the engine has \(app) v\(current), newer than v\(base) your edits start from"
    }
}
