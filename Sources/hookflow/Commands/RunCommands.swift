import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow runs NAME [--status S] [--top N] [--watch]`: an app's runs, newest first.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List an app's runs, newest first; --watch follows them live.",
        discussion: """
            Example:
              $ hookflow runs approvals --status Waiting
              RUN                         STATUS   STARTED               DURATION     WAITING ON
              01JD3W8Z6Q0M4S5T6V7W8X9Y0Z  Waiting  2026-11-21T10:20:30Z  12.0s so far  Approve
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @Option(name: .long, help: "Only runs with this status (Running, Waiting, Succeeded, Failed, Cancelled, TimedOut).")
    var status: String?

    @Option(name: .long, help: "How many runs to list (default 50).")
    var top: Int = 50

    @Flag(name: .long, help: "After the list, print each run change as it happens (needs a running `hookflow serve`).")
    var watch = false

    @OptionGroup var options: EngineOptions

    func validate() throws {
        if let status, RunStatus(caseInsensitive: status) == nil {
            throw ValidationError("status \"\(status)\" is not one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        let filter = status.flatMap(RunStatus.init(caseInsensitive:))
        try await CommandFailure.reporting {
            try await options.withClient { client in
                let page = try await client.runs(workflow: name, status: filter, top: top, skipToken: nil)
                if options.json {
                    print(SummaryPrinter.json(page.json))
                } else if page.runs.isEmpty {
                    print("\(name) has no \(filter.map { "\($0.rawValue) " } ?? "")runs yet")
                } else {
                    print(RunPrinter.table(page.runs))
                    if page.skipToken != nil { print("(more runs: use --top to see more)") }
                }
                guard watch else { return }
                // Output may be a pipe: show the list now, not when the watch ends.
                fflush(nil)
                guard client is HTTPEngineClient else {
                    throw CommandFailure("no engine is running on this data folder, so nothing can change; start `hookflow serve` (or pass --engine URL) to watch runs")
                }
                StandardError.write("watching \(name) on \(client.endpointDescription); Ctrl-C stops")
                for await event in try await client.events() where event.workflow == name && event.kind == .runChanged {
                    if let filter, event.status != filter.rawValue { continue }
                    if options.json {
                        print(JSONWriter.compact.string(from: event.json))
                    } else {
                        print("\(SummaryPrinter.shortTime(ISO8601Timestamp.now()))  \(event.runID ?? "")  \(event.status ?? "")")
                    }
                    fflush(nil)
                }
                throw CommandFailure("the connection to the engine at \(client.endpointDescription) was lost")
            }
        }
    }
}

/// `hookflow run NAME ID`: one run with its actions.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Show one run: its status and each action's status, code, duration, and the callback URL of a waiting one."
    )

    @Argument(help: "The app's name.")
    var name: String

    @Argument(help: "The run's id.")
    var id: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await RunControl.perform(options) { client in
            let detail = try await client.run(workflow: name, id: id)
            return (detail, RunPrinter.detail(detail))
        }
    }
}

/// `hookflow cancel NAME ID`: cancels a running or waiting run.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a running or waiting run; its waiting webhook actions unsubscribe."
    )

    @Argument(help: "The app's name.")
    var name: String

    @Argument(help: "The run's id.")
    var id: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await RunControl.perform(options) { client in
            let detail = try await client.cancelRun(workflow: name, id: id)
            return (detail, RunPrinter.detail(detail))
        }
    }
}

/// `hookflow resubmit NAME ID`: a new run with the same trigger outputs.
struct ResubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit",
        abstract: "Start a new run with the same trigger outputs as an earlier one."
    )

    @Argument(help: "The app's name.")
    var name: String

    @Argument(help: "The id of the run to repeat.")
    var id: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await RunControl.perform(options) { client in
            let detail = try await client.resubmitRun(workflow: name, id: id)
            return (detail, "resubmitted \(id) as run \(detail.summary.id) (\(detail.summary.status.rawValue))")
        }
    }
}

/// `hookflow subscriptions [--orphaned] [--drop ID]`: every subscription, and dropping an orphan.
struct SubscriptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "List webhook subscriptions (with --orphaned: those whose unsubscribe keeps failing); --drop forgets one."
    )

    @Flag(name: .long, help: "Only subscriptions whose unsubscribe keeps failing.")
    var orphaned = false

    @Option(name: .long, help: "Forget this orphaned subscription without unsubscribing (the service is gone for good).")
    var drop: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            try await options.withClient { client in
                if let drop {
                    let dropped = try await client.dropSubscription(id: drop)
                    print(options.json ? SummaryPrinter.json(dropped.json) : "dropped \(dropped.id) (\(dropped.workflowName)/\(dropped.triggerName)); nothing more is sent for it")
                    return
                }
                let all = try await client.subscriptions(status: orphaned ? .orphaned : nil)
                if options.json {
                    print(SummaryPrinter.json(["value": .array(all.map(\.json))]))
                } else if all.isEmpty {
                    print(orphaned ? "no orphaned subscriptions" : "no subscriptions")
                } else {
                    var rows = [["ID", "APP", "TRIGGER", "STATUS", "ATTEMPTS", "LAST ERROR"]]
                    for item in all {
                        rows.append([item.id, item.workflowName, item.triggerName, item.status.rawValue, String(item.attempts), item.error?.description ?? ""])
                    }
                    print(SummaryPrinter.aligned(rows))
                }
            }
        }
    }
}

/// What `run`, `cancel` and `resubmit` share: one call about a run, printed as JSON or as text.
enum RunControl {
    static func perform(_ options: EngineOptions, _ call: (any EngineClient) async throws -> (RunDetail, String)) async throws {
        try await CommandFailure.reporting {
            let (detail, text) = try await options.withClient(call)
            print(options.json ? SummaryPrinter.json(detail.json) : text)
        }
    }
}

extension ISO8601Timestamp {
    /// Now, as the API writes times.
    static func now() -> String {
        Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC") ?? .gmt))
    }
}
