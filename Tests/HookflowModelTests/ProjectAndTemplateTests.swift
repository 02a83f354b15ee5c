import Foundation
import Testing
@testable import HookflowModel

/// Definitions read where people keep them (SPEC §2, "Real files"): ARM templates with several
/// workflows and whole-string ARM expressions, Standard project folders with `parameters.json`
/// and `local.settings.json`, and what publishing binds and exporting unbinds.
struct ProjectAndTemplateTests {
    static let template = "31-arm-template-two-workflows.json"

    // MARK: ARM templates

    @Test func everyWorkflowResourceOfATemplateIsRead() throws {
        let documents = try WorkflowDocument.readAll(FixtureCorpus.text(Self.template))
        #expect(documents.map(\.shape) == [.armTemplate(resourceIndex: 1), .armTemplate(resourceIndex: 2)])
        // Names as deployed: a variable and a concat() of a parameter's default.
        #expect(documents.map(\.resourceName) == ["contoso-orders", "contoso-status"])
        #expect(documents.map(\.state) == ["Enabled", "Disabled"])
        #expect(documents[1].definition.triggers.map(\.name) == ["Recurrence"])
    }

    @Test func aResourceIsPickedByItsNameAsDeployedOrAsWritten() throws {
        let text = try FixtureCorpus.text(Self.template)
        #expect(try WorkflowDocument.read(text, resource: "contoso-status").shape == .armTemplate(resourceIndex: 2))
        #expect(try WorkflowDocument.read(text, resource: "CONTOSO-ORDERS").shape == .armTemplate(resourceIndex: 1))
        #expect(try WorkflowDocument.read(text, resource: "[variables('ordersAppName')]").shape == .armTemplate(resourceIndex: 1))
        #expect(throws: WorkflowReadError.noSuchResource("billing", available: ["contoso-orders", "contoso-status"])) {
            try WorkflowDocument.read(text, resource: "billing")
        }
        #expect(WorkflowReadError.noSuchResource("billing", available: ["a", "b"]).description
            == #"the template has no Microsoft.Logic/workflows resource named "billing"; it has "a", "b""#)
    }

    @Test func wholeStringExpressionsResolveFromParametersDefaultsAndVariables() {
        let template = ARMTemplate(root: try! JSONParser.parse("""
            {"parameters": {"host": {"type": "string", "defaultValue": "svc.example"}, "port": {"type": "int", "defaultValue": 8443},
                            "name": {"type": "string", "defaultValue": "[concat('app-', parameters('host'))]"},
                            "secret": {"type": "securestring"}, "region": {"type": "string", "defaultValue": "[resourceGroup().location]"}},
             "variables": {"base": "[concat('https://', parameters('host'), ':', string(parameters('port')))]", "path": "[concat(variables('base'), '/hook')]"}}
            """))
        #expect(template.resolve("[concat('https://', parameters('host'))]") == .value("https://svc.example"))
        #expect(template.resolve("[parameters('port')]") == .value(8443))
        #expect(template.resolve("[parameters('name')]") == .value("app-svc.example"))
        #expect(template.resolve("[variables('path')]") == .value("https://svc.example:8443/hook"))
        #expect(template.resolve("[toUpper(parameters('host'))]") == .value("SVC.EXAMPLE"))
        #expect(template.resolve("[[literal]") == .value("[literal]"))
        #expect(template.resolve("plain [text]") == .text)
        #expect(template.resolve("[parameters('secret')]") == .unresolved(reason: "the template parameter 'secret' has no default value"))
        #expect(template.resolve("[parameters('region')]")
            == .unresolved(reason: #"the default of the template parameter 'region' is "[resourceGroup().location]""#))
        #expect(template.resolve("[parameters('nope')]") == .unresolved(reason: "the template declares no parameter 'nope'"))
        guard case .unresolved(let reason) = template.resolve("[resourceId('Microsoft.Web/connections', 'x')]") else {
            Issue.record("a function of Azure resolved")
            return
        }
        #expect(reason.hasSuffix("it is a function of Azure Resource Manager"), "\(reason)")
    }

    /// A template default that is not a URL is a warning where it is used (a deployment sets
    /// its own value), and an expression that cannot be resolved is never a bad value.
    @Test func templateValuesAreCheckedWithWarnings() throws {
        let text = """
            {"parameters": {"host": {"type": "string", "defaultValue": "not a host"}, "hook": {"type": "string"}},
             "resources": [{"type": "Microsoft.Logic/workflows", "name": "wf", "properties": {
               "definition": {"triggers": {"W": {"type": "HttpWebhook", "inputs": {
                 "subscribe": {"method": "[parameters('method')]", "uri": "[concat('https://', parameters('host'))]"},
                 "unsubscribe": {"method": "DELETE", "uri": "[parameters('hook')]"}}}},
                 "actions": {"Wait": {"type": "Wait", "inputs": {"interval": {"count": 1, "unit": "[parameters('unit')]"}}, "runAfter": {}}}}}}]}
            """
        let document = try WorkflowDocument.read(text)
        let problems = WorkflowValidator(environment: document.environment).validate(document.definition)
        #expect(problems.errors.isEmpty, "\(problems)")
        #expect(problems.map(\.description) == [
            #"/triggers/W/inputs/subscribe/method: warning: ARM expression "[parameters('method')]" is left unchecked: its value is not known outside Azure (the template declares no parameter 'method')"#,
            #"/triggers/W/inputs/subscribe/uri: warning: Subscribe - URI "https://not a host" is not an absolute URL (for example https://service.example/subscribe); the value "[concat('https://', parameters('host'))]" is set outside the definition (properties.parameters), so this is a warning"#,
            #"/triggers/W/inputs/unsubscribe/uri: warning: ARM expression "[parameters('hook')]" is left unchecked: its value is not known outside Azure (the template parameter 'hook' has no default value)"#,
            #"/actions/Wait/inputs/interval/unit: warning: ARM expression "[parameters('unit')]" is left unchecked: its value is not known outside Azure (the template declares no parameter 'unit')"#,
        ])
        // Outside a template the same strings are plain text, checked as written.
        #expect(!WorkflowValidator().validate(document.definition).errors.isEmpty)
    }

    /// `properties.parameters` values are what the definition's parameters hold once deployed.
    @Test func resourceParameterValuesAreTheDefinitionsParameters() throws {
        let documents = try WorkflowDocument.readAll(FixtureCorpus.text(Self.template))
        let environment = documents[0].environment
        #expect(environment.suppliedParameters.map(\.name) == ["$connections", "serviceHost", "serviceKey"])
        #expect(environment.suppliedParameters[1].value == "orders.example.net")
        #expect(environment.suppliedParameters[2].value == nil)
        #expect(environment.suppliedParameters[2].unknownBecause?.contains("has no default value") == true)
        // A connection's ids are Azure's: kept as written inside a value otherwise known.
        let connection = try #require(environment.suppliedParameters[0].value?["office365"])
        #expect(connection["connectionName"] == "office365")
        #expect(connection["connectionId"] == "[resourceId('Microsoft.Web/connections', variables('office365ConnectionName'))]")
    }

    // MARK: Binding and unbinding

    /// Publishing binds what a deployment would; exporting back into the file undoes exactly
    /// that, so the file is unchanged when the app was not edited since.
    @Test(arguments: [0, 1])
    func bindingThenUnbindingGivesTheDefinitionBack(index: Int) throws {
        let document = try WorkflowDocument.readAll(FixtureCorpus.text(Self.template))[index]
        let bound = document.environment.bind(document.definition)
        #expect(bound.definition != document.definition)
        #expect(!bound.substitutions.isEmpty)
        // Compared as text: key order too (JSONObject's == ignores it).
        let unbound = document.environment.unbind(bound.definition, against: document.definition)
        #expect(JSONWriter.compact.string(from: unbound.value) == JSONWriter.compact.string(from: document.definition.value))
    }

    @Test func bindingResolvesTemplateExpressionsAndParameterValues() throws {
        let orders = try WorkflowDocument.readAll(FixtureCorpus.text(Self.template))[0]
        let bound = orders.environment.bind(orders.definition).definition
        #expect(bound[pointer: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "uri"])] == "https://orders.example.net/api/v2/subscriptions")
        #expect(bound[pointer: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "headers", "x-tag"])] == "[orders]")
        #expect(bound[pointer: JSONPointer(["parameters", "serviceHost", "defaultValue"])] == "orders.example.net")
        // A value not known here leaves the parameter without a default rather than the wrong one.
        #expect(bound[pointer: JSONPointer(["parameters", "serviceKey"])] == ["type": "SecureString"])
        // Unresolved strings stay as written.
        #expect(bound[pointer: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "headers", "x-deployed-region"])]
            == "[parameters('location')]")
        #expect(WorkflowValidator().validate(bound).errors.isEmpty)
    }

    /// An edit made to the app after publishing survives the unbinding; a bound value that was
    /// changed since stays as changed.
    @Test func unbindingKeepsEditsMadeSincePublishing() throws {
        let orders = try WorkflowDocument.readAll(FixtureCorpus.text(Self.template))[0]
        var edited = orders.environment.bind(orders.definition).definition
        try edited.setValue("added in the designer", at: JSONPointer(["actions", "Send_an_email_(V2)", "description"]))
        try edited.setValue("https://elsewhere.example/subscribe", at: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "uri"]))
        let unbound = orders.environment.unbind(edited, against: orders.definition)
        #expect(unbound[pointer: JSONPointer(["actions", "Send_an_email_(V2)", "description"])] == "added in the designer")
        #expect(unbound[pointer: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "uri"])] == "https://elsewhere.example/subscribe")
        #expect(unbound[pointer: JSONPointer(["parameters"])] == orders.definition[pointer: JSONPointer(["parameters"])])
    }

    // MARK: Standard projects

    @Test func projectSettingsResolveAppSettingsInParameters() throws {
        let settings = try ProjectSettings(
            parametersText: """
                {"Base": {"type": "String", "value": "@appsetting('BASE_URL')"},
                 "Url": {"type": "String", "value": "@{appsetting('BASE_URL')}/orders"},
                 "Auth": {"type": "Object", "value": {"type": "Raw", "parameter": "@appsetting('KEY')"}},
                 "Missing": {"type": "String", "value": "@appsetting('NOPE')"},
                 "NoValue": {"type": "Int"}}
                """,
            localSettingsText: #"{"IsEncrypted": false, "Values": {"BASE_URL": "https://svc.example", "Port": 8080}}"#,
            environment: ["KEY": "from-the-environment", "BASE_URL": "overridden by local.settings.json"])
        #expect(settings.appSettings["BASE_URL"] == "https://svc.example")
        #expect(settings.appSettings["Port"] == "8080")
        #expect(settings.appSettings["KEY"] == "from-the-environment")
        #expect(settings.parameters.map(\.name) == ["Base", "Url", "Auth", "Missing", "NoValue"])
        #expect(settings.parameters[0].value == "https://svc.example")
        #expect(settings.parameters[1].value == "https://svc.example/orders")
        #expect(settings.parameters[2].value == ["type": "Raw", "parameter": "from-the-environment"])
        #expect(settings.parameters[3].value == nil)
        #expect(settings.parameters[3].unknownBecause?.contains("app setting 'NOPE' is not defined") == true)
        #expect(settings.parameters[4].unknownBecause == "parameters.json gives it no value")
    }

    @Test func malformedProjectFilesSayWhichAndWhere() {
        #expect(throws: ProjectSettings.ReadError.self) { try ProjectSettings(parametersText: "{", localSettingsText: nil) }
        do {
            _ = try ProjectSettings(parametersText: nil, localSettingsText: #"{"Values": [1]}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.description == "local.settings.json:/Values: Values must be an object of app settings")
        }
        do {
            _ = try ProjectSettings(parametersText: "{\n  \"a\": 1,\n}", localSettingsText: nil)
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("parameters.json:3:1: malformed JSON: "), "\(error.description)")
        }
    }

    /// Every workflow of the fixture projects validates in its project with no false problem.
    @Test func projectWorkflowsValidateInTheirProject() throws {
        #expect(!FixtureCorpus.projects.isEmpty)
        for project in FixtureCorpus.projects {
            let environment = WorkflowEnvironment.project(try FixtureCorpus.settings(of: project))
            for workflow in FixtureCorpus.workflows(of: project) {
                let document = try WorkflowDocument.read(try #require(FixtureCorpus.projectFile(project, "\(workflow)/workflow.json")))
                let problems = WorkflowValidator(workflowName: workflow, environment: environment).validate(document.definition)
                #expect(problems.map(\.description) == FixtureCorpus.expectedProjectWarnings["\(project)/\(workflow)"] ?? [], "\(project)/\(workflow)")
            }
        }
    }

    /// Read alone, a project's workflow may use parameters declared in its parameters.json:
    /// warnings; in a project that does not declare them: errors; in other files: errors.
    @Test func undeclaredParametersDependOnWhereTheFileIs() throws {
        let text = try #require(FixtureCorpus.projectFile("orders-app", "orders/workflow.json"))
        let definition = try WorkflowDocument.read(text).definition
        let alone = WorkflowValidator(environment: .standaloneStandardWorkflow).validate(definition)
        #expect(alone.errors.isEmpty)
        #expect(alone.warnings.count == 5, "\(alone)")
        #expect(alone.first?.description.hasPrefix(
            "/actions/Wait_for_approval/inputs/subscribe/uri: warning: parameters('ServiceBaseUrl') is not declared in the definition") == true)
        let empty = WorkflowValidator(environment: .project(ProjectSettings())).validate(definition)
        #expect(empty.errors.count == 5)
        #expect(empty.first?.description.hasPrefix(
            "/actions/Wait_for_approval/inputs/subscribe/uri: parameters('ServiceBaseUrl') refers to a parameter declared neither in the definition nor in parameters.json") == true)
        #expect(WorkflowValidator().validate(definition).errors.count == 5)
    }

    /// App settings are read by `appsetting()` when URIs are checked: a bad one is found (where
    /// the URI needs nothing of a run, such as the trigger's body).
    @Test func appSettingsReachStaticURIs() throws {
        let text = try #require(FixtureCorpus.projectFile("orders-app", "orders/workflow.json"))
        let definition = try WorkflowDocument.read(text).definition
        let settings = try ProjectSettings(parametersText: FixtureCorpus.projectFile("orders-app", "parameters.json"),
                                       localSettingsText: #"{"Values": {"ORDERS_SERVICE_URL": "ftp://orders.example.com"}}"#)
        let problems = WorkflowValidator(environment: .project(settings)).validate(definition)
        #expect(problems.errors.isEmpty)
        #expect(problems.warnings.map(\.pointer.description) == [
            "/actions/Wait_for_approval/inputs/subscribe/uri", "/triggers/Order_placed/inputs/subscribe/uri",
            "/triggers/Order_placed/inputs/unsubscribe/uri",
        ])
        #expect(problems.warnings.first?.message.contains("must use http or https, not ftp") == true)
    }

    /// Publishing a project's workflow declares the project's parameters in what it sends;
    /// unbinding removes them again.
    @Test func projectParametersAreDeclaredWhenBound() throws {
        let text = try #require(FixtureCorpus.projectFile("orders-app", "orders/workflow.json"))
        let definition = try WorkflowDocument.read(text).definition
        let environment = WorkflowEnvironment.project(try FixtureCorpus.settings(of: "orders-app"))
        let bound = environment.bind(definition).definition
        #expect(bound.parameters.map(\.name) == ["ServiceBaseUrl", "ApprovalTimeout", "NotifyUrl", "office365-ConnectionRuntimeUrl", "office365-Authentication"])
        #expect(bound.parameterDefaults["ServiceBaseUrl"] == "https://orders.example.com")
        #expect(bound.parameters.first?.type == "String")
        #expect(WorkflowValidator(workflowName: "orders").validate(bound).errors.isEmpty)
        #expect(JSONWriter.compact.string(from: environment.unbind(bound, against: definition).value) == JSONWriter.compact.string(from: definition.value))
        #expect(definition.json["parameters"] == nil)
    }

    // MARK: Kind and round trips

    @Test func kindIsKeptForEveryStandardKind() throws {
        let agentic = try FixtureCorpus.document("32-standard-agentic-kind.json")
        #expect(agentic.kind == "Agentic")
        #expect(try WorkflowDocument.read(agentic.standardText()).kind == "Agentic")
        #expect(try WorkflowDocument.read(agentic.written()).kind == "Agentic")
        let stateless = try WorkflowDocument.read(try #require(FixtureCorpus.projectFile("orders-app", "shipping/workflow.json")))
        #expect(stateless.kind == "Stateless")
    }

    /// Project files round-trip like the single-file fixtures: same JSON, same bytes the second time.
    @Test func projectWorkflowsRoundTrip() throws {
        for project in FixtureCorpus.projects {
            for workflow in FixtureCorpus.workflows(of: project) {
                let original = try #require(FixtureCorpus.projectFile(project, "\(workflow)/workflow.json"))
                let written = try WorkflowDocument.read(original).written()
                #expect(written == original, "\(project)/\(workflow)")
            }
        }
    }
}
