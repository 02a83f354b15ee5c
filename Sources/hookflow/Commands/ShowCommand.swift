import ArgumentParser
import HookflowEngine
import HookflowModel

/// `hookflow show NAME`: one app's summary, each trigger with its subscription and callback URL.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an app: its state, version and each trigger's subscription and callback URL.",
        discussion: """
            The definition itself is printed by `hookflow export NAME`.

            Example:
              $ hookflow show orders
              orders (Enabled, version 3, changed 2025-06-01T10:20:30Z)
                Webhook (HttpWebhook): Subscribed
                  callback URL: http://127.0.0.1:7071/workflows/orders/triggers/…
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let (summary, urls) = try await options.withClient { client in
                let summary = try await client.workflow(named: name).summary
                // Request triggers have no subscription that carries their URL: ask for it.
                var urls: [String: String] = [:]
                if !options.json {
                    for trigger in summary.triggers where trigger.subscription == nil && StepKind(type: trigger.type) == .request {
                        urls[trigger.name] = try? await client.callbackURL(workflow: summary.name, trigger: trigger.name)
                    }
                }
                return (summary, urls)
            }
            print(options.json ? SummaryPrinter.json(summary.json) : SummaryPrinter.details(summary, callbackURLs: urls))
        }
    }
}
