import Foundation
import HookflowEngine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `publish --wait`: follows the calls a save left under way (`Subscribing`, `Unsubscribing`)
/// to their outcomes, from the engine's events, with a look at the app every second in case
/// an event was missed (a reconnect), and a progress line on stderr meanwhile.
struct SubscriptionWaiter {
    let client: any EngineClient
    let app: String

    private enum Update: Sendable {
        case event(EngineEvent)
        case tick
    }

    /// The save's results with every call under way replaced by its outcome.
    func outcomes(of results: [SubscriptionResult], events: AsyncStream<EngineEvent>) async -> [SubscriptionResult] {
        var results = results
        var pending = Dictionary(uniqueKeysWithValues: results.enumerated().compactMap { index, result in
            result.outcome == .subscribing || result.outcome == .unsubscribing ? (result.trigger, index) : nil
        })
        guard !pending.isEmpty else { return results }

        let (updates, continuation) = AsyncStream<Update>.makeStream()
        let listening = Task {
            for await event in events where event.kind == .subscriptionChanged && event.workflow == app { continuation.yield(.event(event)) }
        }
        let ticking = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                continuation.yield(.tick)
            }
        }
        var progress = ProgressLine()
        defer {
            listening.cancel()
            ticking.cancel()
            progress.clear()
        }
        let started = Date()
        progress.show(line(pending.keys.sorted(), results: results, since: started))
        for await update in updates {
            switch update {
            case .event(let event):
                guard let trigger = event.trigger, let index = pending[trigger], let status = event.status.flatMap(SubscriptionStatus.init(rawValue:)),
                    let outcome = Self.outcome(status, of: results[index].outcome)
                else { continue }
                results[index] = SubscriptionResult(trigger: trigger, outcome: outcome, error: event.error)
                pending[trigger] = nil
            case .tick:
                await look(&results, &pending)
            }
            if pending.isEmpty { break }
            progress.show(line(pending.keys.sorted(), results: results, since: started))
        }
        return results
    }

    /// What a status in an event means for a call under way; nil while it is still under way.
    static func outcome(_ status: SubscriptionStatus, of underWay: SubscriptionResult.Outcome) -> SubscriptionResult.Outcome? {
        switch (underWay, status) {
        case (.subscribing, .subscribed): .subscribed
        case (.subscribing, .subscribeFailed): .failed
        case (.unsubscribing, .unsubscribed): .unsubscribed
        case (.unsubscribing, .orphaned): .unsubscribeQueued
        default: nil
        }
    }

    /// A look at the app itself: a subscribe whose trigger no longer shows `Subscribing` is settled.
    private func look(_ results: inout [SubscriptionResult], _ pending: inout [String: Int]) async {
        guard let summary = try? await client.workflow(named: app).summary else { return }
        for trigger in summary.triggers {
            guard let index = pending[trigger.name], results[index].outcome == .subscribing, let subscription = trigger.subscription else { continue }
            switch subscription.status {
            case .subscribed:
                results[index] = SubscriptionResult(trigger: trigger.name, outcome: .subscribed)
            case .subscribeFailed:
                results[index] = SubscriptionResult(trigger: trigger.name, outcome: .failed, error: subscription.error)
            default:
                continue
            }
            pending[trigger.name] = nil
        }
    }

    private func line(_ triggers: [String], results: [SubscriptionResult], since start: Date) -> String {
        let calls = triggers.map { trigger in
            let outcome = results.first { $0.trigger == trigger }?.outcome ?? .subscribing
            return "\(trigger) (\(outcome == .unsubscribing ? "unsubscribing" : "subscribing"))"
        }
        return "waiting for \(calls.joined(separator: ", ")) … \(Int(Date().timeIntervalSince(start)))s"
    }

    /// One line on stderr rewritten in place on a terminal; elsewhere said once, without the clock.
    private struct ProgressLine {
        let isTerminal = isatty(STDERR_FILENO) == 1
        var saidOnce = false

        mutating func show(_ text: String) {
            if isTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
            } else if !saidOnce {
                saidOnce = true
                FileHandle.standardError.write(Data("\(text.prefix { $0 != "…" })…\n".utf8))
            }
        }

        func clear() {
            if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }
    }
}
