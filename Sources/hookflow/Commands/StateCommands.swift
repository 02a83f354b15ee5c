import ArgumentParser
import HookflowEngine
import HookflowModel

/// `hookflow enable NAME`: subscribes the app's webhook triggers and accepts callbacks again.
struct EnableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable an app: subscribe its webhook triggers and accept callbacks.",
        discussion: """
            Example:
              $ hookflow enable orders
              orders: Enabled
                Webhook: Subscribed
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await StateChange.apply(.enabled, to: name, options: options)
    }
}

/// `hookflow disable NAME`: unsubscribes the app's webhook triggers; callbacks answer 409.
struct DisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an app: unsubscribe its webhook triggers and refuse callbacks (409).",
        discussion: """
            Example:
              $ hookflow disable orders
              orders: Disabled
                Webhook: Unsubscribed
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await StateChange.apply(.disabled, to: name, options: options)
    }
}

/// What `enable` and `disable` share: the call and the `NAME: State` report.
enum StateChange {
    static func apply(_ state: WorkflowState, to name: String, options: EngineOptions) async throws {
        try await CommandFailure.reporting {
            let summary = try await options.withClient { client in try await client.setState(state, ofWorkflow: name) }
            print(options.json ? SummaryPrinter.json(summary.json) : SummaryPrinter.report("\(summary.name): \(summary.state.rawValue)", summary))
        }
    }
}
