import ArgumentParser
import HookflowEngine
import HookflowModel

/// `hookflow callback-url NAME [--trigger T]`: prints a trigger's signed callback URL, alone on
/// its line, so it can be used as `curl -X POST "$(hookflow callback-url orders)"`.
struct CallbackURLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callback-url",
        abstract: "Print a trigger's callback URL.",
        discussion: """
            Without --trigger, the app's only trigger with a callback URL (HttpWebhook or Request) is used. \
            With --json, prints {"value": url} as the management API's listCallbackUrl does.

            Example:
              $ url=$(hookflow callback-url orders)
              $ curl -X POST -H 'Content-Type: application/json' -d '{"id": 1}' "$url"
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @Option(name: .long, help: ArgumentHelp("The trigger (default: the app's only HttpWebhook or Request trigger).", valueName: "trigger"))
    var trigger: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let url = try await options.withClient { client in
                let chosen: String
                if let trigger { chosen = trigger } else { chosen = try await onlyCallbackTrigger(client) }
                return try await client.callbackURL(workflow: name, trigger: chosen)
            }
            print(options.json ? SummaryPrinter.json(["value": .string(url)]) : url)
        }
    }

    private func onlyCallbackTrigger(_ client: any EngineClient) async throws -> String {
        let triggers = try await client.workflow(named: name).summary.triggers
        let capable = triggers.filter { [.httpWebhook, .request].contains(StepKind(type: $0.type)) }.map(\.name)
        switch capable.count {
        case 1:
            return capable[0]
        case 0:
            let all = triggers.map { "\($0.name) (\($0.type))" }.joined(separator: ", ")
            throw CommandFailure("app \"\(name)\" has no trigger with a callback URL (only HttpWebhook and Request triggers have one); its triggers: \(all.isEmpty ? "none" : all)")
        default:
            throw CommandFailure("app \"\(name)\" has several triggers with a callback URL: \(capable.joined(separator: ", ")); pick one with --trigger")
        }
    }
}
