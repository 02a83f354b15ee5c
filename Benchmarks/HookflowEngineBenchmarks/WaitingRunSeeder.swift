import Foundation
import HookflowEngine

/// Seeds waiting runs straight into a data folder's SQLite file through HookflowEngine's store
/// API, while no engine runs on it. Over HTTP a million would take about 17 minutes at today's
/// ~1,000 callbacks/s (plus a million subscribe calls); SPEC §6 asks what they cost once they
/// wait, not how fast they were made.
///
/// The seeded runs are copies of one run the engine itself left waiting (its run row, its
/// actions, its timers), with fresh run ids and tracking ids, so each costs the disk what a real
/// one costs, and each has a working callback URL (the engine signs app, run and action names).
/// One difference: the copied action inputs show the template's callback URL (same length).
///
/// This is the one place the benchmark reaches past HTTP and the CLI: when the store's API
/// changes, adapt this file.
struct WaitingRunSeeder {
    var folder: URL

    /// Adds `count` copies of run `template` of app `workflow`; returns the ids of a few of them.
    func seed(copiesOf template: String, workflow: String, count: Int) async throws -> [String] {
        let store = try SQLiteStore(folder: folder)
        guard let run = try await store.run(workflow: workflow, id: template) else { throw BenchmarkError("the template run \(template) is not in the store") }
        let actions = try await store.actions(runID: template)
        let timers = try await store.dueTimers(now: .distantFuture, limit: 100_000).filter { $0.runID == template }
        var samples: [String] = []
        var batch: [StoreMutation] = []
        for index in 0..<count {
            let id = Self.runID(like: template, index)
            if index % max(count / 4, 1) == 0 { samples.append(id) }
            var copy = run
            copy.id = id
            copy.sequence = nil
            batch.append(.insertRun(copy))
            for action in actions {
                var copied = action
                copied.runID = id
                if copied.subscriptionID != nil { copied.subscriptionID = UUID().uuidString.lowercased() }
                batch.append(.putAction(copied))
            }
            for timer in timers {
                var copied = timer
                copied.id = nil
                copied.runID = id
                batch.append(.putTimer(copied))
            }
            if batch.count >= 30_000 {
                try await store.commit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await store.commit(batch) }
        return samples
    }

    /// A run id of the engine's shape (26 characters of Crockford base32, the first 10 the
    /// start time): the template's time, then the copy's number in 16 digits.
    static func runID(like template: String, _ index: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var digits = [Character](repeating: "0", count: 16)
        var value = index
        for position in (0..<16).reversed() {
            digits[position] = alphabet[value & 31]
            value >>= 5
        }
        return String(template.prefix(10)) + String(digits)
    }
}
