import Foundation
import Testing
@testable import HookflowTUI

/// `$VISUAL` / `$EDITOR` as git runs them, and what the designer is told when they fail.
struct ExternalEditorTests {
    @Test func choosesVisualThenEditorThenVi() {
        #expect(ExternalEditor(environment: ["VISUAL": "nano", "EDITOR": "vim"]).command == "nano")
        #expect(ExternalEditor(environment: ["VISUAL": " ", "EDITOR": "vim"]).command == "vim")
        #expect(ExternalEditor(environment: [:]).command == "vi")
    }

    @Test func aCommandWithArgumentsRunsThroughTheShellLikeGit() {
        #expect(ExternalEditor(environment: ["EDITOR": "vim"]).arguments(for: "/tmp/a b.json") == ["vim", "/tmp/a b.json"])
        #expect(ExternalEditor(environment: ["EDITOR": "code -w"]).arguments(for: "/tmp/a.json")
            == ["/bin/sh", "-c", "code -w \"$@\"", "code -w", "/tmp/a.json"])
    }

    @Test func editsTheFileAndReportsEditorsThatFail() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("orders.json")
        try "{\"contentVersion\": \"1.0.0.0\"}\n".write(to: file, atomically: true, encoding: .utf8)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

        try await ExternalEditor(environment: ["EDITOR": "sed -i s/1.0.0.0/2.0.0.0/", "PATH": path]).edit(file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\"contentVersion\": \"2.0.0.0\"}\n")

        await #expect(throws: DesignerFailure("the editor \"false\" exited with status 1; the definition is unchanged")) {
            try await ExternalEditor(environment: ["EDITOR": "false", "PATH": path]).edit(file)
        }
        await #expect(throws: DesignerFailure(
            "cannot start the editor \"no-such-editor\": No such file or directory; set $VISUAL or $EDITOR to an editor on your PATH"
        )) {
            try await ExternalEditor(environment: ["EDITOR": "no-such-editor", "PATH": path]).edit(file)
        }
        await #expect(throws: DesignerFailure(
            "cannot start the editor \"no-such-editor -w\" (command not found); set $VISUAL or $EDITOR to an editor on your PATH"
        )) {
            try await ExternalEditor(environment: ["EDITOR": "no-such-editor -w", "PATH": path]).edit(file)
        }
    }
}
