import Foundation
import Synchronization
import Testing
@testable import HookflowEngine

@Suite struct BackgroundWorkerTests {
    /// A stop that lands while a round runs must not leave the loop sleeping its full delay.
    @Test func stopDuringARoundDoesNotWaitForTheNextSleep() async throws {
        let worker = BackgroundWorker()
        let entered = Mutex(false)
        worker.start {
            entered.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(200))
            return 60  // a long sleep after this round
        }
        while !entered.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let started = ContinuousClock.now
        await worker.stop()
        // Half the 60 s sleep: far from it, whatever the load on a shared machine.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func wakeCutsTheSleepShort() async throws {
        let worker = BackgroundWorker()
        let rounds = Mutex(0)
        worker.start {
            rounds.withLock { $0 += 1 }
            return 60
        }
        while rounds.withLock({ $0 }) < 1 { try await Task.sleep(for: .milliseconds(5)) }
        worker.wake()
        let deadline = ContinuousClock.now + .seconds(30)  // half the 60 s sleep
        while rounds.withLock({ $0 }) < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(rounds.withLock { $0 } == 2)
        await worker.stop()
    }
}
