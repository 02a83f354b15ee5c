import Foundation
import Testing
@testable import HookflowTUI

/// The designer's file saves: whole or not at all, permissions kept, links followed, failures named.
struct AtomicFileTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func replacesTheFileKeepingItsPermissionsAndLeavesNoTemporaryFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("workflow.json")
        try "old\n".write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)

        try AtomicFile.write("{\"definition\": {}}\n", to: file)

        #expect(try String(contentsOf: file, encoding: .utf8) == "{\"definition\": {}}\n")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["workflow.json"])
    }

    @Test func writesThroughASymbolicLink() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.json"), link = folder.appendingPathComponent("link.json")
        try "old\n".write(to: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)

        try AtomicFile.write("new\n", to: link)

        #expect(try String(contentsOf: real, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path, "the link stays a link")
    }

    @Test func aFolderThatCannotBeWrittenIsAFailureNamingTheFile() throws {
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/workflow.json")
        #expect(throws: AtomicFile.Failure(path: missing.path, reason: "No such file or directory")) {
            try AtomicFile.write("{}\n", to: missing)
        }
        #expect(AtomicFile.Failure(path: "/x/w.json", reason: "Permission denied").description == "cannot write /x/w.json: Permission denied")
    }
}
