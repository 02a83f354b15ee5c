import Foundation
@testable import HookflowModel

/// The fixture files under `Fixtures/`: real-shaped Logic Apps definitions.
enum FixtureCorpus {
    static var folder: URL {
        // Resources are copied next to the test bundle; fall back to the source tree.
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func document(_ name: String) throws -> WorkflowDocument {
        try WorkflowDocument.read(text(name))
    }
}
