import HookflowModel

/// What the palette offers, grouped and named as the Logic Apps designer's built-in connectors
/// are (HTTP, Request, Schedule, Control, Data Operations, Variables, Workflow Operations).
///
/// A template leaves out, or leaves empty, what only the person can say (a URI, a variable's
/// name, the array to filter), so validation marks it as to be filled; it writes Logic Apps'
/// defaults for the rest (Until: 60 iterations within an hour; Join: a comma; a CSV table).
extension StepTemplate {
    /// Triggers, in the order the palette lists them.
    static let triggers: [StepTemplate] = [
        StepTemplate(
            kind: .httpWebhook, title: "HTTP Webhook", summary: "Subscribe to a service; each callback starts a run",
            keywords: ["webhook", "subscribe", "callback", "event"], baseName: "HTTP_Webhook",
            body: webhookBody, group: "HTTP"),
        StepTemplate(
            kind: .http, title: "HTTP", summary: "Call a URL on a schedule; each answer starts a run",
            keywords: ["http", "poll", "polling", "request", "schedule"], baseName: "HTTP",
            body: ["type": "Http", "inputs": ["method": "GET", "uri": ""], "recurrence": ["frequency": "Minute", "interval": 3]],
            group: "HTTP"),
        StepTemplate(
            kind: .request, title: "When a HTTP request is received", summary: "A run for each request to the trigger's URL",
            keywords: ["request", "manual", "http", "endpoint"], baseName: "manual",
            body: ["type": "Request", "kind": "Http", "inputs": ["schema": .object(JSONObject())]], group: "Request"),
        StepTemplate(
            kind: .recurrence, title: "Recurrence", summary: "Start a run on a schedule",
            keywords: ["schedule", "timer", "cron", "recurrence"], baseName: "Recurrence",
            body: ["type": "Recurrence", "recurrence": ["frequency": "Hour", "interval": 1]], group: "Schedule"),
    ]

    /// Actions, in the order the palette lists them.
    static let actions: [StepTemplate] = http + request + control + dataOperations + variables + schedule + workflowOperations

    private static let http: [StepTemplate] = [
        StepTemplate(
            kind: .httpWebhook, title: "HTTP Webhook", summary: "Subscribe, then wait for the service to call back",
            keywords: ["webhook", "subscribe", "callback", "wait"], baseName: "HTTP_Webhook",
            body: webhookBody, group: "HTTP"),
        StepTemplate(
            kind: .http, title: "HTTP", summary: "Call a URL and use the response",
            keywords: ["http", "request", "call", "api", "rest"], baseName: "HTTP",
            body: ["type": "Http", "inputs": ["method": "GET", "uri": ""]], group: "HTTP"),
    ]

    private static let request: [StepTemplate] = [
        StepTemplate(
            kind: .response, title: "Response", summary: "Answer the caller of the Request trigger",
            keywords: ["response", "reply", "answer", "return", "status"], baseName: "Response",
            body: ["type": "Response", "kind": "Http", "inputs": ["statusCode": 200, "body": ""]], group: "Request"),
    ]

    private static let control: [StepTemplate] = [
        StepTemplate(
            kind: .ifCondition, title: "Condition", summary: "Run one branch or the other",
            keywords: ["if", "condition", "branch", "else"], baseName: "Condition",
            body: ["type": "If", "expression": ["and": [["equals": ["", ""]]]], "actions": .object(JSONObject()),
                   "else": ["actions": .object(JSONObject())]], group: "Control"),
        StepTemplate(
            kind: .switchCase, title: "Switch", summary: "Run the actions of the case matching a value",
            keywords: ["switch", "case", "branch", "match"], baseName: "Switch",
            body: ["type": "Switch", "cases": ["Case": ["case": "", "actions": .object(JSONObject())]],
                   "default": ["actions": .object(JSONObject())]], group: "Control"),
        StepTemplate(
            kind: .foreach, title: "For each", summary: "Run actions for each item of an array",
            keywords: ["foreach", "loop", "each", "iterate", "array"], baseName: "For_each",
            body: ["type": "Foreach", "foreach": "@triggerBody()?['items']", "actions": .object(JSONObject())], group: "Control"),
        StepTemplate(
            kind: .until, title: "Until", summary: "Repeat actions until a condition is true",
            keywords: ["until", "loop", "repeat", "do", "while"], baseName: "Until",
            body: ["type": "Until", "expression": "", "limit": ["count": 60, "timeout": "PT1H"], "actions": .object(JSONObject())],
            group: "Control"),
        StepTemplate(
            kind: .scope, title: "Scope", summary: "Group actions and handle their failures together",
            keywords: ["scope", "group", "try", "catch"], baseName: "Scope",
            body: ["type": "Scope", "actions": .object(JSONObject())], group: "Control"),
        StepTemplate(
            kind: .terminate, title: "Terminate", summary: "End the run with a status",
            keywords: ["terminate", "stop", "end", "fail", "cancel"], baseName: "Terminate",
            body: ["type": "Terminate", "inputs": ["runStatus": "Succeeded"]], group: "Control"),
    ]

    private static let dataOperations: [StepTemplate] = [
        StepTemplate(
            kind: .compose, title: "Compose", summary: "Build a value from expressions",
            keywords: ["compose", "data", "expression", "value"], baseName: "Compose",
            body: ["type": "Compose", "inputs": ""], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.parseJson), title: "Parse JSON", summary: "Read JSON with a schema, for its properties",
            keywords: ["json", "parse", "schema", "data"], baseName: "Parse_JSON",
            body: ["type": "ParseJson", "inputs": ["schema": .object(JSONObject())]], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.select), title: "Select", summary: "Map each item of an array to a new shape",
            keywords: ["select", "map", "transform", "array", "data"], baseName: "Select",
            body: ["type": "Select", "inputs": .object(JSONObject())], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.query), title: "Filter array", summary: "Keep the items of an array that meet a condition",
            keywords: ["filter", "where", "array", "data"], baseName: "Filter_array",
            body: ["type": "Query", "inputs": .object(JSONObject())], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.join), title: "Join", summary: "Join the items of an array into text",
            keywords: ["join", "concat", "delimiter", "text", "array", "data"], baseName: "Join",
            body: ["type": "Join", "inputs": ["joinWith": ","]], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.table), title: "Create CSV table", summary: "Make a CSV table from an array",
            keywords: ["table", "csv", "data"], baseName: "Create_CSV_table",
            body: ["type": "Table", "inputs": ["format": "CSV"]], group: "Data Operations"),
        StepTemplate(
            kind: .dataOperation(.table), title: "Create HTML table", summary: "Make an HTML table from an array",
            keywords: ["table", "html", "data"], baseName: "Create_HTML_table",
            body: ["type": "Table", "inputs": ["format": "HTML"]], group: "Data Operations"),
    ]

    private static let variables: [StepTemplate] = [
        StepTemplate(
            kind: .variable(.initialize), title: "Initialize variable", summary: "Declare a variable for the whole run",
            keywords: ["variable", "declare", "initialize", "var"], baseName: "Initialize_variable",
            body: ["type": "InitializeVariable", "inputs": ["variables": [["name": "", "type": "string"]]]], group: "Variables"),
        StepTemplate(
            kind: .variable(.set), title: "Set variable", summary: "Give a variable a new value",
            keywords: ["variable", "set", "assign", "var"], baseName: "Set_variable",
            body: ["type": "SetVariable", "inputs": ["name": "", "value": ""]], group: "Variables"),
        StepTemplate(
            kind: .variable(.increment), title: "Increment variable", summary: "Add to a number variable",
            keywords: ["variable", "increment", "add", "counter", "var"], baseName: "Increment_variable",
            body: ["type": "IncrementVariable", "inputs": ["name": "", "value": 1]], group: "Variables"),
        StepTemplate(
            kind: .variable(.decrement), title: "Decrement variable", summary: "Subtract from a number variable",
            keywords: ["variable", "decrement", "subtract", "counter", "var"], baseName: "Decrement_variable",
            body: ["type": "DecrementVariable", "inputs": ["name": "", "value": 1]], group: "Variables"),
        StepTemplate(
            kind: .variable(.appendToArray), title: "Append to array variable", summary: "Add an item to an array variable",
            keywords: ["variable", "append", "array", "push", "var"], baseName: "Append_to_array_variable",
            body: ["type": "AppendToArrayVariable", "inputs": ["name": "", "value": ""]], group: "Variables"),
        StepTemplate(
            kind: .variable(.appendToString), title: "Append to string variable", summary: "Add text to a string variable",
            keywords: ["variable", "append", "string", "text", "var"], baseName: "Append_to_string_variable",
            body: ["type": "AppendToStringVariable", "inputs": ["name": "", "value": ""]], group: "Variables"),
    ]

    private static let schedule: [StepTemplate] = [
        StepTemplate(
            kind: .wait, title: "Delay", summary: "Wait for a while before going on",
            keywords: ["delay", "wait", "sleep", "pause"], baseName: "Delay",
            body: ["type": "Wait", "inputs": ["interval": ["count": 1, "unit": "Minute"]]], group: "Schedule"),
        StepTemplate(
            kind: .wait, title: "Delay until", summary: "Wait until a date and time",
            keywords: ["delay", "wait", "until", "timestamp", "date"], baseName: "Delay_until",
            body: ["type": "Wait", "inputs": ["until": ["timestamp": ""]]], group: "Schedule"),
    ]

    private static let workflowOperations: [StepTemplate] = [
        StepTemplate(
            kind: .workflow, title: "Workflow", summary: "Call another app of this engine through its Request trigger",
            keywords: ["workflow", "invoke", "call", "child", "nested", "app"], baseName: "Workflow",
            body: ["type": "Workflow", "inputs": ["host": ["workflow": ["id": ""]]]], group: "Workflow Operations"),
    ]

    /// Both methods left empty so the form asks for them; the body carries the callback URL,
    /// which is what nearly every service needs.
    private static let webhookBody: JSONObject = [
        "type": "HttpWebhook",
        "inputs": [
            "subscribe": ["method": "", "uri": "", "body": ["callbackUrl": "@{listCallbackUrl()}"]],
            "unsubscribe": ["method": "", "uri": ""],
        ],
    ]
}
