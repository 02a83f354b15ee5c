import Testing
@testable import HookflowModel

/// Edit operations keep runAfter consistent and touch nothing else.
struct EditingTests {
    /// Trigger → A → B → C, with an unknown key on B and a reference to A in C.
    static func chain() throws -> WorkflowDefinition {
        try WorkflowDocument.read("""
            {"triggers": {"Hook": {"type": "HttpWebhook", "inputs": {}}},
             "actions": {
               "A": {"type": "Compose", "inputs": "a", "runAfter": {}},
               "B": {"x-unknown": [1, 2], "type": "Compose", "inputs": "@body('A')", "runAfter": {"A": ["Succeeded"]}},
               "C": {"type": "Compose", "inputs": "@{outputs( 'A' )} and @{body('B')}", "runAfter": {"B": ["Succeeded", "Failed"]}}
             },
             "outputs": {"result": {"type": "String", "value": "@body('C')"}}}
            """).definition
    }

    func runAfter(_ definition: WorkflowDefinition, _ name: String) -> String {
        definition.step(named: name).map { JSONWriter.compact.string(from: $0.json["runAfter"] ?? .null) } ?? "missing"
    }

    @Test func addAppendsAfterTheLastAction() throws {
        var definition = try Self.chain()
        try definition.addStep(named: "D", body: ["type": "Compose", "inputs": 1], to: .actions)
        #expect(definition.actions.map(\.name) == ["A", "B", "C", "D"])
        #expect(runAfter(definition, "D") == #"{"C":["Succeeded"]}"#)
        var empty = WorkflowDefinition.empty()
        try empty.addStep(named: "First", body: ["type": "Compose", "inputs": 1], to: .actions)
        #expect(runAfter(empty, "First") == "{}")
        try empty.addStep(named: "Hook", body: ["type": "HttpWebhook"], to: .triggers)
        #expect(empty.triggers.first?.json["runAfter"] == nil, "triggers get no runAfter")
    }

    @Test func insertBetweenRewiresTheSuccessor() throws {
        var definition = try Self.chain()
        try definition.insertAction(named: "New", body: ["type": "Compose", "inputs": 0], after: "A", in: .actions)
        #expect(definition.actions.map(\.name) == ["A", "New", "B", "C"])
        #expect(runAfter(definition, "New") == #"{"A":["Succeeded"]}"#)
        #expect(runAfter(definition, "B") == #"{"New":["Succeeded"]}"#)
        #expect(runAfter(definition, "C") == #"{"B":["Succeeded","Failed"]}"#)
        #expect(definition.step(named: "B")?.json["x-unknown"] == [1, 2])
    }

    @Test func insertAtTheStartRunsAfterTheTrigger() throws {
        var definition = try Self.chain()
        try definition.insertAction(named: "Zero", body: ["type": "Compose", "inputs": 0], after: nil, in: .actions)
        #expect(definition.actions.map(\.name) == ["Zero", "A", "B", "C"])
        #expect(runAfter(definition, "Zero") == "{}")
        #expect(runAfter(definition, "A") == #"{"Zero":["Succeeded"]}"#)
    }

    @Test func removeReconnectsTheChain() throws {
        var definition = try Self.chain()
        try definition.removeStep(at: .action("B"))
        #expect(definition.actions.map(\.name) == ["A", "C"])
        #expect(runAfter(definition, "C") == #"{"A":["Succeeded"]}"#)
        try definition.removeStep(at: .action("A"))
        #expect(runAfter(definition, "C") == "{}")
        #expect(throws: EditError.stepNotFound(.action("A"))) { try definition.removeStep(at: .action("A")) }
    }

    @Test func renameKeepsPositionAndUpdatesReferences() throws {
        var definition = try Self.chain()
        try definition.renameStep(at: .action("A"), to: "Start")
        #expect(definition.actions.map(\.name) == ["Start", "B", "C"])
        #expect(runAfter(definition, "B") == #"{"Start":["Succeeded"]}"#)
        #expect(definition.step(named: "B")?.inputs == "@body('Start')")
        #expect(definition.step(named: "C")?.inputs == "@{outputs( 'Start' )} and @{body('B')}")
        try definition.renameStep(at: .action("C"), to: "End")
        #expect(definition.json["outputs"]?["result"]?["value"] == "@body('End')")
    }

    /// References are found by a scan, not a regular expression: any name renames, including
    /// ones with quotes, regex characters or a NUL (whose regular expression could not compile
    /// and leaked, found by FuzzDefinition), and only whole `body( 'X' )`-style calls change.
    @Test func renameRewritesOnlyReferencesWhateverTheName() throws {
        for old in ["A.b(c)*", "it's", "x\u{0}y", "Ünïcode 👍🏽", "a\r\nb"] {
            let references = "@{BODY( '\(old.replacingOccurrences(of: "'", with: "''"))' )} @{result('\(old.replacingOccurrences(of: "'", with: "''"))')}"
            var definition = WorkflowDefinition(json: ["actions": [
                .init(stringLiteral: old): ["type": "Compose", "inputs": 1, "runAfter": [:]],
                "Use": ["type": "Compose", "runAfter": [.init(stringLiteral: old): ["Succeeded"]],
                        "inputs": ["refs": .string(references), "others": "@{mybody('\(old)')} @{concat('\(old)')} @{body('\(old)', 1)} \(old)"]],
            ]])
            try definition.renameStep(at: .action(old), to: "New")
            let inputs = definition[pointer: JSONPointer(["actions", "Use", "inputs"])]
            #expect(inputs?["refs"] == "@{BODY( 'New' )} @{result('New')}", "\(old.debugDescription)")
            #expect(inputs?["others"] == .string("@{mybody('\(old)')} @{concat('\(old)')} @{body('\(old)', 1)} \(old)"), "\(old.debugDescription)")
        }
        var definition = try Self.chain()
        try definition.setValue("@body('a')", at: JSONPointer(["actions", "B", "inputs"]))
        try definition.renameStep(at: .action("A"), to: "Start")
        #expect(definition.step(named: "B")?.inputs == "@body('Start')", "step names match ignoring case")
    }

    @Test func renameRefusesTakenAndInvalidNames() throws {
        var definition = try Self.chain()
        #expect(throws: EditError.nameTaken("b", existing: JSONPointer(["actions", "B"]))) {
            try definition.renameStep(at: .action("A"), to: "b")
        }
        #expect(throws: EditError.self) { try definition.renameStep(at: .action("A"), to: "a/b") }
        #expect(throws: EditError.self) { try definition.renameStep(at: .action("A"), to: String(repeating: "x", count: 81)) }
        #expect(throws: EditError.nameTaken("Hook", existing: JSONPointer(["triggers", "Hook"]))) {
            try definition.addStep(named: "Hook", body: ["type": "Compose", "inputs": 1], to: .actions)
        }
    }

    @Test func moveUpSwapsTheChain() throws {
        var definition = try Self.chain()
        try definition.moveStep(at: .action("C"), by: -1)
        #expect(definition.actions.map(\.name) == ["A", "C", "B"])
        // A → C → B now.
        #expect(runAfter(definition, "C") == #"{"A":["Succeeded"]}"#)
        #expect(runAfter(definition, "B") == #"{"C":["Succeeded","Failed"]}"#)
        try definition.moveStep(at: .action("C"), by: 1)
        #expect(definition.actions.map(\.name) == ["A", "B", "C"])
        #expect(runAfter(definition, "B") == #"{"A":["Succeeded"]}"#)
        #expect(runAfter(definition, "C") == #"{"B":["Succeeded","Failed"]}"#)
        #expect(throws: EditError.self) { try definition.moveStep(at: .action("A"), by: -1) }
    }

    @Test func moveOfParallelBranchesOnlyReorders() throws {
        var definition = try WorkflowDocument.read("""
            {"actions": {"L": {"type": "Compose", "inputs": 1, "runAfter": {}}, "R": {"type": "Compose", "inputs": 2, "runAfter": {}}}}
            """).definition
        try definition.moveStep(at: .action("R"), by: -1)
        #expect(definition.actions.map(\.name) == ["R", "L"])
        #expect(runAfter(definition, "R") == "{}")
        #expect(runAfter(definition, "L") == "{}")
    }

    @Test func duplicatePlacesTheCopyAfterTheOriginal() throws {
        var definition = try Self.chain()
        try definition.duplicateStep(at: .action("B"), as: "B_copy")
        #expect(definition.actions.map(\.name) == ["A", "B", "B_copy", "C"])
        #expect(definition.step(named: "B_copy")?.json["x-unknown"] == [1, 2])
        #expect(runAfter(definition, "B_copy") == #"{"B":["Succeeded"]}"#)
        #expect(runAfter(definition, "C") == #"{"B_copy":["Succeeded","Failed"]}"#)
    }

    @Test func setValueWritesUriInPlaceOfUrl() throws {
        var definition = try WorkflowDocument.read("""
            {"triggers": {"Hook": {"type": "HttpWebhook", "inputs": {"unsubscribe": {"method": "POST", "url": "https://a.example/x", "body": {}}}}}}
            """).definition
        let pointer = JSONPointer(["triggers", "Hook", "inputs", "unsubscribe", "uri"])
        try definition.setValue("https://b.example/y", at: pointer)
        let unsubscribe = try #require(definition[pointer: JSONPointer(["triggers", "Hook", "inputs", "unsubscribe"])]?.objectValue)
        #expect(unsubscribe.keys == ["method", "uri", "body"])
        #expect(unsubscribe["uri"] == "https://b.example/y")
        try definition.setValue(nil, at: try #require(pointer.parent) / "missing")
        #expect(throws: EditError.self) { try definition.setValue(1, at: pointer.appending(["deeper"])) }
    }

    @Test func nestedContainersAreEditable() throws {
        var definition = try WorkflowDocument.read("""
            {"actions": {"Check": {"type": "If", "expression": "@true", "actions": {"Yes": {"type": "Compose", "inputs": 1, "runAfter": {}}}, "else": {"actions": {}}, "runAfter": {}}}}
            """).definition
        let yes = JSONPointer(["actions", "Check", "actions"])
        try definition.addStep(named: "Yes2", body: ["type": "Compose", "inputs": 2], to: yes)
        #expect(definition.steps(in: yes).map(\.name) == ["Yes", "Yes2"])
        #expect(runAfter(definition, "Yes2") == #"{"Yes":["Succeeded"]}"#)
        let no = JSONPointer(["actions", "Check", "else", "actions"])
        try definition.addStep(named: "No", body: ["type": "Compose", "inputs": 3], to: no)
        #expect(definition.steps(in: no).map(\.name) == ["No"])
        #expect(throws: EditError.containerNotFound(JSONPointer(["actions", "Nope", "actions"]))) {
            try definition.addStep(named: "X", body: [:], to: JSONPointer(["actions", "Nope", "actions"]))
        }
    }

    @Test func uniqueNamesFollowTheDesignerPattern() throws {
        var definition = WorkflowDefinition.empty()
        #expect(definition.uniqueStepName(base: "HTTP Webhook") == "HTTP_Webhook")
        try definition.addStep(named: "HTTP_Webhook", body: ["type": "HttpWebhook"], to: .triggers)
        #expect(definition.uniqueStepName(base: "HTTP Webhook") == "HTTP_Webhook_2")
    }
}
