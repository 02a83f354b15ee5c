import Foundation
import Testing
@testable import HookflowEngine

/// `--data`, then `$HOOKFLOW_HOME`, then `~/.local/share/hookflow` (SPEC §5).
struct DataFolderTests {
    @Test func optionWins() {
        let folder = DataFolder.resolve(option: "/tmp/x/../data", environment: ["HOOKFLOW_HOME": "/srv/hf", "HOME": "/home/u"])
        #expect(folder.url.path == "/tmp/data")
    }

    @Test func environmentIsNext() {
        #expect(DataFolder.resolve(option: nil, environment: ["HOOKFLOW_HOME": "/srv/hf", "HOME": "/home/u"]).url.path == "/srv/hf")
        #expect(DataFolder.resolve(option: "", environment: ["HOOKFLOW_HOME": "/srv/hf"]).url.path == "/srv/hf")
    }

    @Test func homeIsTheFallback() {
        #expect(DataFolder.resolve(option: nil, environment: ["HOME": "/home/u"]).url.path == "/home/u/.local/share/hookflow")
        #expect(DataFolder.resolve(option: nil, environment: ["HOOKFLOW_HOME": "", "HOME": "/home/u"]).url.path == "/home/u/.local/share/hookflow")
    }
}
