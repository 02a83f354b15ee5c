import ArgumentParser
import HookflowEngine
import HookflowModel

/// `hookflow list`: the apps, their state and their triggers' subscriptions.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the apps with their state, version and triggers.",
        discussion: """
            Example:
              $ hookflow list
              NAME    STATE    VERSION  CHANGED               TRIGGERS
              orders  Enabled  3        2025-06-01T10:20:30Z  Webhook: Subscribed
            """
    )

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let summaries = try await options.withClient { client in try await client.listWorkflows() }
            if options.json {
                print(SummaryPrinter.json(["value": .array(summaries.map(\.json))]))
            } else if summaries.isEmpty {
                print("no apps yet; publish one with `hookflow publish FILE`")
            } else {
                print(SummaryPrinter.table(summaries))
            }
        }
    }
}
