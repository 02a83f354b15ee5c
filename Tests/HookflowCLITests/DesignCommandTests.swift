import Foundation
import Testing

/// `hookflow design` outside a terminal, and the mistakes it reports before opening anything.
/// (In a terminal: DesignerEndToEndTests.)
struct DesignCommandTests {
    @Test func withoutATerminalItRefusesAndPointsAtTheScriptCommands() throws {
        let folder = try TemporaryFolder()
        for arguments in [[], ["design"], ["design", "orders", "--data", folder.url.path]] {
            let result = try HookflowBinary.run(arguments, environment: ["HOOKFLOW_HOME": folder.url.path])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr == """
                hookflow: hookflow design needs a terminal: standard input and output must not be piped or redirected; \
                use hookflow validate/publish in scripts

                """, "\(arguments)")
        }
        let opened = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(opened.isEmpty, "nothing is opened or created: \(opened)")
    }

    @Test func aMalformedFileIsReportedWithItsLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("orders/workflow.json", "{\n  \"definition\": {\n    \"triggers\": {,}\n  }\n}\n")
        let result = try HookflowBinary.run(["design", "orders/workflow.json", "--data", folder.url.appendingPathComponent("data").path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == "orders/workflow.json:3:18: malformed JSON: expected a quoted key but found ','\n")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("data").path), "no engine was opened")
    }

    @Test func aPathThatDoesNotExistIsAnError() throws {
        let folder = try TemporaryFolder()
        for path in ["missing.json", "apps/orders"] {
            let result = try HookflowBinary.run(["design", path, "--data", folder.url.path], in: folder.url)
            #expect(result.status == 1)
            #expect(result.stderr == "\(path): no such file\n")
        }
    }

    @Test func aBadThemeNamesTheFileLineAndKey() throws {
        let folder = try TemporaryFolder()
        let theme = try folder.write("bad.theme", "card.title = bold\ncard.type = purpel\n")
        let result = try HookflowBinary.run(["design", "--theme", theme.path, "--data", folder.url.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("\(theme.path):2: unknown colour \"purpel\" for \"card.type\""), "\(result.stderr)")

        let unknown = try HookflowBinary.run(["design", "--theme", "no-such-theme", "--data", folder.url.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-theme"), "\(unknown.stderr)")
    }

    @Test func helpListsTheCommands() throws {
        let result = try HookflowBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("validate"))
        #expect(result.stdout.contains("design"))
    }
}

/// Mistakes on the command line that the designer must not guess about.
struct DesignCommandMistakeTests {
    /// `hookflow lsit` is no app to open: an unknown command, with the one it probably meant.
    @Test func aMistypedCommandIsAnErrorWithDidYouMean() throws {
        let folder = try TemporaryFolder()
        let result = try HookflowBinary.run(["lsit", "--data", folder.url.path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            hookflow: unknown command "lsit"; did you mean "hookflow list"?
            hookflow: to open the app of that name in the designer: hookflow design lsit; every command: hookflow --help

            """)
        let far = try HookflowBinary.run(["zzqx", "--data", folder.url.path], in: folder.url)
        #expect(far.status == 1)
        #expect(far.stderr.hasPrefix("hookflow: unknown command \"zzqx\"\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty, "no engine was opened")
    }

    /// A name that is a folder here and could be an app too is not guessed; outside a terminal
    /// the error says how to choose.
    @Test func aNameThatCouldBeAFileOrAnAppIsNotGuessed() throws {
        let folder = try TemporaryFolder()
        try folder.write("orders/workflow.json", #"{"definition": {"triggers": {}, "actions": {}}, "kind": "Stateful"}"#)
        let result = try HookflowBinary.run(["design", "orders", "--data", folder.url.appendingPathComponent("data").path], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr == """
            hookflow: "orders" could be the file orders/workflow.json or the app orders in the engine; say which with --file orders/workflow.json or --app orders

            """)
        // A path is a path: no question.
        let path = try HookflowBinary.run(["design", "./orders", "--data", folder.url.appendingPathComponent("data").path], in: folder.url)
        #expect(path.stderr.contains("needs a terminal"))
    }

    @Test func closeCommandsAreSuggested() throws {
        let folder = try TemporaryFolder()
        for (typed, meant) in [("serev", "serve"), ("valid", "validate"), ("exprot", "export"), ("callbackurl", "callback-url")] {
            let result = try HookflowBinary.run([typed], in: folder.url)
            #expect(result.stderr.hasPrefix("hookflow: unknown command \"\(typed)\"; did you mean \"hookflow \(meant)\"?\n"), "\(typed): \(result.stderr)")
        }
    }
}
