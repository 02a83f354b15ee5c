import Testing
@testable import HookflowModel

/// Each validation rule of SPEC §2, with the exact pointer and message a user sees.
struct ValidationTests {
    /// A valid webhook workflow; each test breaks one thing in it.
    static let valid = """
        {
          "parameters": {"serviceBase": {"type": "string", "defaultValue": "https://svc.example"},
                         "apiKey": {"type": "securestring", "defaultValue": "k"}},
          "triggers": {
            "Webhook": {"type": "HttpWebhook", "inputs": {
              "subscribe": {"method": "POST", "uri": "@{parameters('serviceBase')}/subscribe",
                            "headers": {"X-Api-Key": "@parameters('apiKey')"}, "body": {"callback": "@{listCallbackUrl()}"}},
              "unsubscribe": {"method": "DELETE", "uri": "https://svc.example/unsubscribe", "body": {"callback": "@{listCallbackUrl()}"}}}}
          },
          "actions": {
            "Approve": {"type": "HttpWebhook", "inputs": {
              "subscribe": {"method": "POST", "uri": "https://approvals.example/sub", "body": "@listCallbackUrl()"},
              "unsubscribe": {"method": "POST", "uri": "https://approvals.example/unsub"}},
              "limit": {"timeout": "PT1H"}, "runAfter": {}},
            "Notify": {"type": "Http", "inputs": {"method": "GET", "uri": "https://notify.example/?id=@{triggerBody()?['id']}",
                       "retryPolicy": {"type": "exponential", "count": 3, "interval": "PT10S"}},
                       "runAfter": {"Approve": ["Succeeded", "TimedOut"]}},
            "Summary": {"type": "Compose", "inputs": "@body('Approve')", "runAfter": {"Notify": ["Succeeded"]}}
          }
        }
        """

    func problems(_ text: String) throws -> [String] {
        WorkflowValidator().validate(try WorkflowDocument.read(text).definition).map(\.description)
    }

    /// Sets `value` (JSON text) at `pointer` in the valid workflow, then validates.
    func problems(setting pointer: String, to value: String?) throws -> [String] {
        var definition = try WorkflowDocument.read(Self.valid).definition
        try definition.setValue(value.map { try JSONParser.parse($0) }, at: try #require(JSONPointer(parsing: pointer)))
        return WorkflowValidator().validate(definition).map(\.description)
    }

    @Test func theValidWorkflowHasNoProblems() throws {
        #expect(try problems(Self.valid) == [])
    }

    @Test func requiredWebhookFieldsAllAtOnce() throws {
        let result = try problems(#"{"triggers": {"Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {}, "unsubscribe": {}}}}}"#)
        #expect(result == [
            "/triggers/Webhook/inputs/subscribe/method: Subscribe - Method is required",
            "/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required",
            "/triggers/Webhook/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "/triggers/Webhook/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
        ])
    }

    @Test func missingInputsObjectStillNamesEachField() throws {
        let result = try problems(#"{"actions": {"Wait_for_it": {"type": "HttpWebhook", "runAfter": {}}}}"#)
        #expect(result.count == 4)
        #expect(result.first == "/actions/Wait_for_it/inputs/subscribe/method: Subscribe - Method is required")
    }

    @Test func emptyStringCountsAsMissing() throws {
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/uri", to: #""""#)
            == ["/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required"])
    }

    @Test func methodMustBeKnown() throws {
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/method", to: #""FETCH""#)
            == [#"/triggers/Webhook/inputs/subscribe/method: Subscribe - Method "FETCH" is not one of GET, POST, PUT, PATCH, DELETE"#])
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/method", to: #""post""#) == [], "case-insensitive")
    }

    @Test(arguments: [
        (#""svc.example/subscribe""#, #"Subscribe - URI "svc.example/subscribe" is not an absolute URL (for example https://service.example/subscribe)"#),
        (#""ftp://svc.example/x""#, #"Subscribe - URI "ftp://svc.example/x" must use http or https, not ftp"#),
        (#""https://""#, #"Subscribe - URI "https://" has no host"#),
        ("42", "Subscribe - URI must be a string, not an integer"),
        (#""http://a:99999999/""#, #"Subscribe - URI "http://a:99999999/" has port 99999999, but a port is a number from 1 to 65535"#),
        (#""http://a:0/x""#, #"Subscribe - URI "http://a:0/x" has port 0, but a port is a number from 1 to 65535"#),
        (#""http://a:99999999999999999999/""#,
         #"Subscribe - URI "http://a:99999999999999999999/" has port 99999999999999999999, but a port is a number from 1 to 65535"#),
        (#""https://svc.example/a\u0000b""#,
         "Subscribe - URI contains the control character U+0000 at position 22; a URI cannot hold NUL, CR, LF or other control characters"),
        (#""https://svc.example/\r\nX-Injected: 1""#,
         "Subscribe - URI contains the control character U+000D at position 21; a URI cannot hold NUL, CR, LF or other control characters"),
        (#""https://svc.example/\u007f""#,
         "Subscribe - URI contains the control character U+007F at position 21; a URI cannot hold NUL, CR, LF or other control characters"),
    ])
    func uriMustBeAbsoluteHTTP(value: String, message: String) throws {
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/uri", to: value) == ["/triggers/Webhook/inputs/subscribe/uri: \(message)"])
    }

    /// A URI built only from parameters is evaluated and checked; one that needs run data is not.
    @Test func staticExpressionURIsAreEvaluated() throws {
        #expect(try problems(setting: "/parameters/serviceBase/defaultValue", to: #""svc.example""#)
            == [#"/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI evaluates to "svc.example/subscribe", which is not an absolute URL (for example https://service.example/subscribe)"#])
        #expect(try problems(setting: "/actions/Notify/inputs/uri", to: #""@{triggerBody()?['callback']}""#) == [])
        #expect(try problems(setting: "/parameters/serviceBase/defaultValue", to: #""https://svc.example\n""#)
            == ["/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI evaluates to text that contains the control character U+000A "
                + "at position 20; a URI cannot hold NUL, CR, LF or other control characters"])
        #expect(try problems(setting: "/parameters/serviceBase/defaultValue", to: #""https://svc.example:65535""#) == [])
    }

    @Test func unsubscribeUrlIsReadAsUri() throws {
        var definition = try WorkflowDocument.read(Self.valid).definition
        let unsubscribe = JSONPointer(["triggers", "Webhook", "inputs", "unsubscribe"])
        try definition.setValue(nil, at: unsubscribe / "uri")
        try definition.setValue("https://svc.example/unsub", at: unsubscribe / "url")
        #expect(WorkflowValidator().validate(definition).isEmpty)
        try definition.setValue("not a url", at: unsubscribe / "url")
        #expect(WorkflowValidator().validate(definition).map(\.description)
            == [#"/triggers/Webhook/inputs/unsubscribe/url: Unsubscribe - URI "not a url" is not an absolute URL (for example https://service.example/subscribe)"#])
    }

    @Test func headersMustBeStrings() throws {
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/headers", to: #"{"X-Count": 3}"#)
            == [#"/triggers/Webhook/inputs/subscribe/headers/X-Count: Subscribe - Headers - "X-Count" must be a string, not an integer"#])
    }

    @Test func authenticationFieldsPerType() throws {
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/authentication", to: #"{"type": "Basic", "username": "u"}"#)
            == ["/triggers/Webhook/inputs/subscribe/authentication/password: Subscribe - Authentication - Password is required"])
        #expect(try problems(setting: "/triggers/Webhook/inputs/unsubscribe/authentication", to: #"{"type": "ActiveDirectoryOAuth", "tenant": "t"}"#) == [
            "/triggers/Webhook/inputs/unsubscribe/authentication/audience: Unsubscribe - Authentication - Audience is required",
            "/triggers/Webhook/inputs/unsubscribe/authentication/clientId: Unsubscribe - Authentication - Client ID is required",
            "/triggers/Webhook/inputs/unsubscribe/authentication/secret: Unsubscribe - Authentication - Secret is required",
        ])
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/authentication", to: #"{"type": "Digest"}"#)
            == [#"/triggers/Webhook/inputs/subscribe/authentication/type: Subscribe - Authentication - Type "Digest" is not one of None, Basic, ClientCertificate, ActiveDirectoryOAuth, Raw, ManagedServiceIdentity"#])
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/authentication", to: #"{"type": "Raw", "value": "@parameters('apiKey')"}"#) == [])
        #expect(try problems(setting: "/triggers/Webhook/inputs/subscribe/authentication", to: #"{"type": "ManagedServiceIdentity"}"#) == [],
            "MSI loads and validates; it fails only when run")
    }

    @Test func retryPolicyRules() throws {
        #expect(try problems(setting: "/actions/Notify/inputs/retryPolicy", to: #"{"type": "fixed", "count": 200}"#) == [
            "/actions/Notify/inputs/retryPolicy/count: Retry policy - Count must be between 1 and 90, not 200",
            "/actions/Notify/inputs/retryPolicy/interval: Retry policy - Interval is required for a fixed policy",
        ])
        #expect(try problems(setting: "/actions/Notify/inputs/retryPolicy", to: #"{"type": "sometimes"}"#)
            == [#"/actions/Notify/inputs/retryPolicy/type: Retry policy - Type "sometimes" is not one of none, fixed, exponential, default"#])
        #expect(try problems(setting: "/actions/Notify/inputs/retryPolicy/interval", to: #""10 seconds""#)
            == [#"/actions/Notify/inputs/retryPolicy/interval: Retry policy - Interval "10 seconds" is not an ISO 8601 duration (for example PT7S)"#])
        #expect(try problems(setting: "/actions/Notify/inputs/retryPolicy", to: #"{"type": "none"}"#) == [])
        // A webhook step's policy sits beside subscribe and unsubscribe (the designer's Settings tab writes it there).
        #expect(try problems(setting: "/triggers/Webhook/inputs/retryPolicy", to: #"{"type": "fixed", "count": 0, "interval": "PT5S"}"#)
            == ["/triggers/Webhook/inputs/retryPolicy/count: Retry policy - Count must be between 1 and 90, not 0"])
    }

    @Test func timeoutMustBeISO8601() throws {
        #expect(try problems(setting: "/actions/Approve/limit/timeout", to: #""1h""#)
            == [#"/actions/Approve/limit/timeout: Timeout "1h" is not an ISO 8601 duration (for example PT1H, P1D or PT30S)"#])
    }

    @Test func duplicateAndInvalidNames() throws {
        let result = try problems("""
            {"triggers": {"Go": {"type": "Request", "kind": "Http"}},
             "actions": {"go": {"type": "Compose", "inputs": 1, "runAfter": {}},
                         "a/b": {"type": "Compose", "inputs": 1, "runAfter": {}}}}
            """)
        #expect(result == [
            #"/actions/go: Step name "go" is used more than once (also at /triggers/Go); names must be unique in a workflow"#,
            #"/actions/a~1b: Step name "a/b" is not valid: a step name cannot contain '/' (not allowed: < > % & \ ? /)"#,
        ])
    }

    @Test func runAfterReferencesMustExistInTheSameScope() throws {
        let result = try problems("""
            {"actions": {
              "Outer": {"type": "Scope", "actions": {"Inner": {"type": "Compose", "inputs": 1, "runAfter": {}}}, "runAfter": {}},
              "A": {"type": "Compose", "inputs": 1, "runAfter": {"Ghost": ["Succeeded"]}},
              "B": {"type": "Compose", "inputs": 1, "runAfter": {"Inner": ["Succeeded"]}},
              "C": {"type": "Compose", "inputs": 1, "runAfter": {"C": ["Succeeded"], "A": ["Done"]}}
            }}
            """)
        #expect(result == [
            #"/actions/A/runAfter/Ghost: Run after refers to "Ghost", which is not a step in this scope"#,
            #"/actions/B/runAfter/Inner: Run after refers to "Inner", which is in another scope (/actions/Outer/actions); a step can only run after steps in its own scope"#,
            "/actions/C/runAfter/C: Run after: a step cannot run after itself",
            #"/actions/C/runAfter/A/0: Run after status "Done" is not one of Succeeded, Failed, Skipped, TimedOut"#,
        ])
    }

    @Test func runAfterCyclesAreFound() throws {
        let result = try problems("""
            {"actions": {
              "A": {"type": "Compose", "inputs": 1, "runAfter": {"C": ["Succeeded"]}},
              "B": {"type": "Compose", "inputs": 1, "runAfter": {"A": ["Succeeded"]}},
              "C": {"type": "Compose", "inputs": 1, "runAfter": {"B": ["Succeeded"]}},
              "D": {"type": "Compose", "inputs": 1, "runAfter": {}}
            }}
            """)
        #expect(result == ["/actions/A/runAfter: Run after forms a cycle: A → B → C → A"])
    }

    /// An empty `runAfter` on a trigger (as in one of Microsoft's examples) is tolerated with a
    /// warning; one that names a step is an error.
    @Test func triggersHaveNoRunAfter() throws {
        #expect(try problems(setting: "/triggers/Webhook/runAfter", to: "{}")
            == ["/triggers/Webhook/runAfter: warning: Run after does not apply to a trigger; the empty {} is ignored"])
        #expect(try problems(setting: "/triggers/Webhook/runAfter", to: #"{"Approve": ["Succeeded"]}"#)
            == ["/triggers/Webhook/runAfter: Run after does not apply to a trigger"])
    }

    @Test func expressionSyntaxErrorsNameThePosition() throws {
        let result = try problems(setting: "/actions/Summary/inputs", to: #""@concat('a', 'b""#)
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("/actions/Summary/inputs: Invalid expression: ") == true)
        #expect(result.first?.contains("position 14") == true, "\(result)")
        #expect(result.first?.contains(#"@concat('a', 'b"#) == true)
    }

    @Test func unknownFunctionsAndArity() throws {
        #expect(try problems(setting: "/actions/Summary/inputs", to: #""@toUpperr('a')""#)
            == [#"/actions/Summary/inputs: Invalid expression: unknown function 'toUpperr' at position 2 in expression "@toUpperr('a')""#])
        let arity = try problems(setting: "/actions/Summary/inputs", to: #""x @{substring('abc')}""#)
        #expect(arity.count == 1)
        #expect(arity.first?.contains("function 'substring' expects 2 or 3 arguments but got 1 at position 5") == true, "\(arity)")
    }

    @Test func listCallbackUrlOnlyInWebhooks() throws {
        #expect(try problems(setting: "/actions/Summary/inputs", to: #""@{listCallbackUrl()}""#)
            == [#"/actions/Summary/inputs: listCallbackUrl() can only be used in an HTTP Webhook trigger or action (at position 3 in expression "@{listCallbackUrl()}")"#])
    }

    @Test func referencesToParametersAndActions() throws {
        #expect(try problems(setting: "/actions/Summary/inputs", to: #""@parameters('nope')""#)
            == [#"/actions/Summary/inputs: parameters('nope') refers to a parameter that is not declared in the definition (at position 2 in expression "@parameters('nope')")"#])
        #expect(try problems(setting: "/actions/Summary/inputs", to: #""@body('Ghost')""#)
            == [#"/actions/Summary/inputs: body('Ghost') refers to an action that does not exist (at position 2 in expression "@body('Ghost')")"#])
    }

    @Test func parameterDeclarations() throws {
        #expect(try problems(setting: "/parameters/count", to: #"{"type": "int", "defaultValue": "three"}"#)
            == [#"/parameters/count/defaultValue: Parameter "count" - Default value is a string, but the type is int"#])
        #expect(try problems(setting: "/parameters/mode", to: #"{"type": "text"}"#)
            == [#"/parameters/mode/type: Parameter "mode" - Type "text" is not one of int, float, string, securestring, bool, array, object, secureobject"#])
    }

    @Test func stepTypeRules() throws {
        let result = try problems("""
            {"triggers": {"T": {"type": "Compose", "inputs": 1}},
             "actions": {
               "NoType": {"inputs": {}, "runAfter": {}},
               "Delay": {"type": "Wait", "inputs": {"interval": {"count": 0, "unit": "Fortnight"}}, "runAfter": {}},
               "Until": {"type": "Wait", "inputs": {"until": {"timestamp": "tomorrow"}}, "runAfter": {}},
               "Stop": {"type": "Terminate", "inputs": {"runStatus": "Done"}, "runAfter": {}},
               "Check": {"type": "If", "actions": {}, "runAfter": {}},
               "Later": {"type": "Recurrence", "runAfter": {}},
               "Call": {"type": "Http", "inputs": {"method": "GET"}, "runAfter": {}},
               "Mystery": {"type": "ApiConnection", "inputs": {"host": {}}, "runAfter": {}}
             }}
            """)
        #expect(result == [
            "/triggers/T/type: Compose cannot be a trigger; use it as an action",
            #"/actions/NoType/type: Type is required (for example "HttpWebhook", "Http" or "Compose")"#,
            "/actions/Delay/inputs/interval/count: Count must be a whole number above 0",
            #"/actions/Delay/inputs/interval/unit: Unit "Fortnight" is not one of Second, Minute, Hour, Day, Week, Month"#,
            #"/actions/Until/inputs/until/timestamp: Timestamp "tomorrow" is not an ISO 8601 date and time (for example 2026-01-01T09:00:00Z)"#,
            #"/actions/Stop/inputs/runStatus: Status "Done" is not one of Succeeded, Failed, Cancelled"#,
            "/actions/Check/expression: Condition is required",
            "/actions/Later/type: Recurrence can only be a trigger",
            "/actions/Later/recurrence: Recurrence is required (frequency and interval)",
            "/actions/Call/inputs/uri: URI is required",
        ])
    }

    /// Problems come in document order, each once.
    @Test func everyProblemAtOnceInDocumentOrder() throws {
        let result = try problems("""
            {"triggers": {"W": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "GO"}, "unsubscribe": {"method": "POST", "uri": "x"}}}},
             "actions": {"A": {"type": "Compose", "inputs": "@bad(", "runAfter": {"Z": ["Succeeded"]}, "limit": {"timeout": "soon"}}}}
            """)
        #expect(result.map { $0.components(separatedBy: ":").first ?? "" } == [
            "/triggers/W/inputs/subscribe/method",
            "/triggers/W/inputs/subscribe/uri",
            "/triggers/W/inputs/unsubscribe/uri",
            "/actions/A/inputs",
            "/actions/A/runAfter/Z",
            "/actions/A/limit/timeout",
        ])
    }

    /// Names, keys and expressions with line breaks are quoted escaped, so each problem is one
    /// line (found by FuzzDefinition).
    @Test func problemsStayOnOneLine() throws {
        let result = try problems(#"""
            {"actions": {"Bad\nName": {"type": "Compose", "inputs": "@concat('a\nb', toUpperr('x'))", "runAfter": {"Ghost\r\n": ["Succeeded"]}}}}
            """#)
        #expect(result.count == 3)
        #expect(result.allSatisfy { problem in !problem.contains { $0.isNewline } }, "\(result)")
        #expect(result.contains(#"/actions/Bad\nName/runAfter/Ghost\r\n: Run after refers to "Ghost\r\n", which is not a step in this scope"#))
        #expect(result.contains(#"/actions/Bad\nName/inputs: Invalid expression: unknown function 'toUpperr' at position 16 in expression "@concat('a\nb', toUpperr('x'))""#))
    }

    /// The fixture corpus is made of valid, real-shaped definitions: no false positives. Each is
    /// read as a file of its shape is (a Standard workflow.json without its project, an ARM
    /// template in its template); the warnings a fixture is known to earn are listed in
    /// ``FixtureCorpus/expectedWarnings``, every other fixture has none.
    @Test(arguments: FixtureCorpus.names)
    func corpusValidatesClean(name: String) throws {
        var warnings: [String] = []
        for document in try WorkflowDocument.readAll(FixtureCorpus.text(name)) {
            let problems = WorkflowValidator(environment: FixtureCorpus.environment(of: document)).validate(document.definition)
            #expect(problems.errors.map(\.description) == [], "\(name)")
            warnings += problems.warnings.map(\.description)
        }
        #expect(warnings == FixtureCorpus.expectedWarnings[name] ?? [], "\(name)")
    }

    /// Every step's expressions are checked against the one catalog and for their references,
    /// inside every container (Foreach here) and in steps Hookflow does not run alike.
    @Test func functionNamesAndArityAreCheckedInEveryStep() throws {
        let result = try problems("""
            {"actions": {"Loop": {"type": "Foreach", "foreach": "@triggerBody()", "runAfter": {},
                                  "actions": {"Each": {"type": "Compose", "inputs": "@items('Loop')", "runAfter": {}},
                                              "Broken": {"type": "Compose", "inputs": "@items('Loop'", "runAfter": {}},
                                              "Typo": {"type": "Compose", "inputs": "@itemz('Loop')", "runAfter": {}},
                                              "Count": {"type": "Compose", "inputs": "@iterationIndexes()", "runAfter": {}},
                                              "Elsewhere": {"type": "Compose", "inputs": "@body('Nowhere')", "runAfter": {}}}},
                         "Use": {"type": "Compose", "inputs": "@variables('x')", "runAfter": {}},
                         "Missing": {"type": "Compose", "inputs": "@actionBody('Nowhere')", "runAfter": {}}}}
            """)
        #expect(result.count == 5)
        #expect(result[0].hasPrefix("/actions/Loop/actions/Broken/inputs: Invalid expression: "))
        #expect(result[1].hasPrefix("/actions/Loop/actions/Typo/inputs: Invalid expression: unknown function 'itemz'"))
        #expect(result[2].hasPrefix(
            "/actions/Loop/actions/Count/inputs: Invalid expression: function 'iterationIndexes' expects 1 argument but got 0"))
        #expect(result[3].hasPrefix("/actions/Loop/actions/Elsewhere/inputs: body('Nowhere') refers to an action that does not exist"))
        #expect(result[4].hasPrefix("/actions/Missing/inputs: actionBody('Nowhere') refers to an action that does not exist"))
    }

    /// The same reference checks in every container: Until (its condition and its actions),
    /// Switch (its expression, cases and default), Scope, If and its else, Foreach.
    @Test func referencesAreCheckedInEveryContainer() throws {
        let result = try problems("""
            {"actions": {
              "Poll": {"type": "Until", "expression": "@equals(body('GhostA'), 'done')", "limit": {"count": 5, "timeout": "PT1H"}, "runAfter": {},
                       "actions": {"Check": {"type": "Compose", "inputs": "@parameters('GhostB')", "runAfter": {}}}},
              "Route": {"type": "Switch", "expression": "@body('GhostC')", "runAfter": {},
                        "cases": {"One": {"case": 1, "actions": {"InCase": {"type": "Compose", "inputs": "@outputs('GhostD')", "runAfter": {}}}}},
                        "default": {"actions": {"InDefault": {"type": "Compose", "inputs": "@actions('GhostE')", "runAfter": {}}}}},
              "Group": {"type": "Scope", "runAfter": {}, "actions": {"InScope": {"type": "Compose", "inputs": "@result('GhostF')", "runAfter": {}}}},
              "Decide": {"type": "If", "expression": "@true", "runAfter": {},
                         "actions": {"Yes": {"type": "Compose", "inputs": "@body('GhostG')", "runAfter": {}}},
                         "else": {"actions": {"No": {"type": "Compose", "inputs": "@body('GhostH')", "runAfter": {}}}}},
              "Each": {"type": "Foreach", "foreach": "@body('GhostI')", "runAfter": {},
                       "actions": {"Item": {"type": "Compose", "inputs": "@items('GhostJ')", "runAfter": {}}}}
            }}
            """)
        let ghosts = result.compactMap { line in line.range(of: "'Ghost").map { String(line[$0.upperBound...].prefix(1)) } }
        #expect(ghosts == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"], "\(result)")
        #expect(result[0].hasPrefix("/actions/Poll/expression: body('GhostA') refers to an action that does not exist"))
        #expect(result[3].hasPrefix("/actions/Route/cases/One/actions/InCase/inputs: outputs('GhostD')"))
        #expect(result[4].hasPrefix("/actions/Route/default/actions/InDefault/inputs: actions('GhostE')"))
    }

    /// The Logic Apps docs' webhook action leaves `unsubscribe` empty: a warning on each of its
    /// fields (SPEC §1), no error; leaving it out altogether is the same.
    @Test func emptyOrMissingUnsubscribeIsAWarning() throws {
        let result = WorkflowValidator().validate(try WorkflowDocument.read("""
            {"actions": {"Run_HTTP_Webhook_action": {"type": "HttpWebhook", "inputs": {
              "subscribe": {"method": "POST", "uri": "https://external.example/subscribe", "body": {"callbackUrl": "@{listCallBackUrl()}"}},
              "unsubscribe": {}}, "limit": {"timeout": "PT1H"}, "runAfter": {}}}}
            """).definition)
        #expect(result.map(\.description) == [
            "/actions/Run_HTTP_Webhook_action/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "/actions/Run_HTTP_Webhook_action/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
        ])
        #expect(result.errors.isEmpty)
        #expect(try problems(setting: "/triggers/Webhook/inputs/unsubscribe", to: nil) == [
            "/triggers/Webhook/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "/triggers/Webhook/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
        ])
        // A wrong value in an unsubscribe is still an error.
        #expect(try problems(setting: "/triggers/Webhook/inputs/unsubscribe/method", to: #""FETCH""#)
            == [#"/triggers/Webhook/inputs/unsubscribe/method: Unsubscribe - Method "FETCH" is not one of GET, POST, PUT, PATCH, DELETE"#])
    }

    /// The HTTP polling trigger is a trigger; like any polling trigger it needs a recurrence.
    @Test func httpPollingTrigger() throws {
        #expect(try problems("""
            {"triggers": {"HTTP": {"type": "Http", "inputs": {"method": "GET", "uri": "https://status.example/feed"},
                                   "recurrence": {"frequency": "Minute", "interval": 5}}},
             "actions": {"Seen": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}}}
            """) == [])
        #expect(try problems("""
            {"triggers": {"HTTP": {"type": "Http", "inputs": {"method": "GET", "uri": "https://status.example/feed"}}}}
            """) == ["/triggers/HTTP/recurrence: Recurrence is required (frequency and interval)"])
    }

    /// Logic Apps writes certificate credentials without `credentialType` (the securing guide
    /// says it does not appear in the definition): a pfx and no secret is read as Certificate.
    @Test func certificateCredentialsWithoutCredentialType() throws {
        #expect(try problems(setting: "/actions/Notify/inputs/authentication", to: """
            {"type": "ActiveDirectoryOAuth", "tenant": "t", "audience": "https://management.core.windows.net/", "clientId": "c",
             "pfx": "@parameters('apiKey')", "password": "@parameters('apiKey')"}
            """) == [])
        #expect(try problems(setting: "/actions/Notify/inputs/authentication", to: """
            {"type": "ActiveDirectoryOAuth", "tenant": "t", "audience": "a", "clientId": "c", "credentialType": "Certificate", "pfx": "p", "password": "pw"}
            """) == [])
    }

    /// A multi-line expression is printed escaped in its one-line message.
    @Test func multiLineExpressionsPrintEscaped() throws {
        let result = try problems(setting: "/actions/Summary/inputs", to: #""@concat(\n  body('Approve'),\n  body('Ghost')\n)""#)
        #expect(result == [#"/actions/Summary/inputs: body('Ghost') refers to an action that does not exist (at position 31 in expression "@concat(\n  body('Approve'),\n  body('Ghost')\n)")"#])
    }

    @Test func certificateCredentialsNeedAPfxNotASecret() throws {
        #expect(try problems(setting: "/actions/Notify/inputs/authentication",
                             to: #"{"type": "ActiveDirectoryOAuth", "tenant": "t", "audience": "a", "clientId": "c", "credentialType": "Certificate"}"#)
            == ["/actions/Notify/inputs/authentication/pfx: Authentication - Pfx is required"])
    }
}
