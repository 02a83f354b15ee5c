import HookflowModel
@testable import HookflowTUI

/// The designer screens the screen tests pin down, each built by pressing keys like a user would.
enum DesignerScreens {
    static let names = ["newApp", "webhookAndThreeActions", "paletteWebhook", "help", "codeView", "unsavedPrompt", "triggerForm"]

    static func state(_ name: String, width: Int, height: Int) throws -> WorkbenchState {
        func press(_ state: inout WorkbenchState, _ keys: [Key]) {
            for key in keys { _ = state.update(.input(.key(key))) }
        }
        func type(_ text: String) -> [Key] { text.map { Key.character($0) } }
        switch name {
        case "newApp":
            return try DesignerFixtures.designer(width: width, height: height)
        case "webhookAndThreeActions":
            return try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
        case "paletteWebhook":
            var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
            press(&state, [.down, .character("a")] + type("webhook"))
            return state
        case "help":
            var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
            press(&state, [.character("?")])
            return state
        case "codeView":
            var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
            press(&state, [.character("v")])
            return state
        case "unsavedPrompt":
            var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height)
            press(&state, [.down, .character("y"), .character("q")])
            return state
        case "triggerForm":
            // A new app: add the HTTP Webhook trigger, fill the subscribe method and URI, leave the
            // unsubscribe fields empty (two errors).
            var state = try DesignerFixtures.designer(width: width, height: height)
            press(&state, [.enter] + type("webhook") + [.enter])
            press(&state, [.enter] + type("post") + [.enter, .tab] + type("https://svc.example.com/subscribe") + [.tab])
            return state
        default:
            fatalError("no screen \(name)")
        }
    }

    /// The screen's text, each line without trailing spaces.
    static func text(_ state: WorkbenchState, glyphs: Glyphs = .unicode) -> String {
        WorkbenchView.render(state, glyphs: glyphs).lines.map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
