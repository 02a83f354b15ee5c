import Testing

/// The README's first command exists and says clearly what it does today.
struct DesignCommandTests {
    @Test func designerCommandPrintsAClearNotice() throws {
        let folder = try TemporaryFolder()
        let result = try HookflowBinary.run([], environment: ["HOOKFLOW_HOME": folder.url.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("The Hookflow designer is coming"))
        #expect(result.stdout.contains(folder.url.path))
        #expect(result.stdout.contains("hookflow validate FILE..."))
    }

    @Test func helpListsTheCommands() throws {
        let result = try HookflowBinary.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("validate"))
        #expect(result.stdout.contains("design"))
    }
}
