import HookflowEngine
import Testing
@testable import HookflowTUI

/// The host's inbox: answers collected between two waits for input, what quitting waits for and what it drops.
@Suite struct BackgroundWorkTests {
    @Test(.timeLimit(.minutes(1)))
    func quittingWaitsForChangesAndDropsFetches() async throws {
        let work = BackgroundWork()
        let (gate, open) = AsyncStream<Void>.makeStream()
        // A fetch that would never end on its own, and a save that ends once the gate opens.
        work.start(mustFinish: false) {
            try? await Task.sleep(for: .seconds(3600))
            return Task.isCancelled ? nil : .appsLoaded(.success([]))
        }
        work.start(mustFinish: true) {
            for await _ in gate { break }
            return .stateChanged(.failure(DesignerFailure("saved")))
        }
        work.post(.connection(.restored))
        #expect(work.isBusy, "the save runs")

        let drained = work.drain()
        #expect(drained.count == 1)
        guard case .connection(.restored)? = drained.first else { Issue.record("\(drained)"); return }
        #expect(work.drain().isEmpty, "drained once")

        work.cancelFetches()
        open.yield()
        await work.finish()
        #expect(!work.isBusy)
        let answers = work.drain()
        #expect(answers.count == 1, "the cancelled fetch answers nothing: \(answers)")
        guard case .stateChanged(.failure(let failure))? = answers.first else { Issue.record("\(answers)"); return }
        #expect(failure.message == "saved")
    }
}
