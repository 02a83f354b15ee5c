import HookflowModel

/// A yes/no question in a small box: delete a step, quit with unsaved changes.
struct Confirmation: Equatable, Sendable {
    /// What happens on an answer.
    enum Action: Equatable, Sendable {
        case deleteStep(StepAddress)
        case saveAndQuit
        case discardAndQuit
        case cancel
    }

    struct Choice: Equatable, Sendable {
        var key: Character
        var label: String
        var action: Action
    }

    var title: String
    var message: String
    var choices: [Choice]
    /// The highlighted choice (Enter takes it).
    var highlighted = 0

    static func delete(_ address: StepAddress, nestedCount: Int) -> Confirmation {
        let what = address.isTrigger ? "trigger" : "action"
        let nested = nestedCount > 0 ? " and the \(nestedCount) step\(nestedCount == 1 ? "" : "s") inside it" : ""
        return Confirmation(
            title: "Delete \(what)",
            message: "Delete \"\(address.name)\"\(nested)? Steps that ran after it will run after its predecessors.",
            choices: [
                Choice(key: "y", label: "Delete", action: .deleteStep(address)),
                Choice(key: "n", label: "Keep", action: .cancel),
            ],
            highlighted: 1)
    }

    static let unsavedChanges = Confirmation(
        title: "Unsaved changes",
        message: "This app has changes that are not saved. Save them before quitting?",
        choices: [
            Choice(key: "s", label: "Save and quit", action: .saveAndQuit),
            Choice(key: "d", label: "Discard and quit", action: .discardAndQuit),
            Choice(key: "c", label: "Cancel", action: .cancel),
        ])

    /// The action a key chooses, if any.
    mutating func handle(_ key: Key) -> Action? {
        switch key {
        case .escape: return .cancel
        case .enter: return choices[highlighted].action
        case .left, .backTab, .character("h"): highlighted = (highlighted + choices.count - 1) % choices.count
        case .right, .tab, .character("l"): highlighted = (highlighted + 1) % choices.count
        case .character(let character):
            return choices.first { $0.key == Character(character.lowercased()) }?.action
        default: break
        }
        return nil
    }
}
