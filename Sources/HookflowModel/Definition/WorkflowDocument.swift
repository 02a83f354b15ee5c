import Foundation

/// The three file shapes Hookflow reads (SPEC §2).
public enum WorkflowFileShape: Sendable, Equatable {
    /// Logic Apps Standard `workflow.json`: `{"definition": {...}, "kind": "Stateful"}`.
    case standard
    /// A bare definition: `{"$schema": ..., "triggers": ..., "actions": ...}`.
    case bareDefinition
    /// An ARM template whose `resources[index]` is the `Microsoft.Logic/workflows` resource.
    case armTemplate(resourceIndex: Int)
    /// A single ARM resource: `{"type": "Microsoft.Logic/workflows", "properties": {"definition", "state"}}`.
    case armResource

    /// Short name for messages (`standard`, `definition`, `arm-template`, `arm-resource`).
    public var name: String {
        switch self {
        case .standard: "standard"
        case .bareDefinition: "definition"
        case .armTemplate: "arm-template"
        case .armResource: "arm-resource"
        }
    }
}

/// Why a file could not be read as a workflow.
public enum WorkflowReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformedJSON(JSONParseError)
    case notAWorkflow(String)
    case definitionNotAnObject(JSONPointer)
    /// The definition nests deeper than ``JSONValue/maximumDepth``.
    case definitionTooDeep(JSONPointer)

    public var description: String {
        switch self {
        case .malformedJSON(let error):
            "malformed JSON at \(error.description)"
        case .notAWorkflow(let detail):
            "not a workflow: \(detail); expected a Logic Apps workflow.json ({\"definition\": ..., \"kind\": ...}), a bare definition ({\"triggers\": ..., \"actions\": ...}) or an ARM template with properties.definition"
        case .definitionNotAnObject(let pointer):
            "\(pointer.description.isEmpty ? "/" : pointer.description): the workflow definition must be a JSON object"
        case .definitionTooDeep(let pointer):
            "\(pointer.description.isEmpty ? "/" : pointer.description): the workflow definition nests deeper than "
                + "\(JSONValue.maximumDepth) levels, the limit for JSON in Hookflow"
        }
    }
}

/// A workflow file as read: its envelope (whatever surrounds the definition), the definition,
/// and the indentation it was written with, so writing it back changes nothing that was not edited.
public struct WorkflowDocument: Sendable, Equatable {
    public let shape: WorkflowFileShape
    /// The whole file; its definition slot is refreshed from ``definition`` when written.
    private var envelope: JSONValue
    public var definition: WorkflowDefinition
    /// The indentation detected in the source (two spaces when unknown).
    public var indent: String

    /// Where the definition sits inside the file.
    public var definitionPointer: JSONPointer {
        switch shape {
        case .standard: JSONPointer(["definition"])
        case .bareDefinition: .root
        case .armTemplate(let index): JSONPointer(["resources", String(index), "properties", "definition"])
        case .armResource: JSONPointer(["properties", "definition"])
        }
    }

    private var statePointer: JSONPointer? {
        switch shape {
        case .standard, .bareDefinition: nil
        case .armTemplate(let index): JSONPointer(["resources", String(index), "properties", "state"])
        case .armResource: JSONPointer(["properties", "state"])
        }
    }

    /// A new Standard document around a definition.
    public init(definition: WorkflowDefinition, kind: String = "Stateful") {
        self.shape = .standard
        self.envelope = .object(["definition": .object(JSONObject()), "kind": .string(kind)])
        self.definition = definition
        self.indent = "  "
    }

    /// Reads any of the three shapes.
    ///
    /// The definition may nest ``JSONValue/maximumDepth`` levels wherever it sits; the file
    /// around it is read with the envelope allowance, so a definition read from one shape can be
    /// written in any other (a bare one as a `workflow.json`, one level deeper) and read again.
    public static func read(_ text: String) throws(WorkflowReadError) -> WorkflowDocument {
        let root: JSONValue
        do { root = try JSONParser.parse(text, maximumDepth: JSONValue.envelopeReadingDepth) } catch { throw .malformedJSON(error) }
        var document = try WorkflowDocument(root: root)
        if document.definition.value.nestsDeeper() { throw .definitionTooDeep(document.definitionPointer) }
        document.indent = Self.detectIndent(text)
        return document
    }

    /// Reads a file from disk.
    public static func read(contentsOf url: URL) throws -> WorkflowDocument {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw WorkflowReadError.notAWorkflow("the file is not UTF-8 text")
        }
        return try read(text)
    }

    /// Classifies an already parsed value.
    public init(root: JSONValue) throws(WorkflowReadError) {
        guard let object = root.objectValue else {
            throw .notAWorkflow("the top level is a\(root.typeName == "array" || root.typeName == "integer" ? "n" : "") \(root.typeName), not an object")
        }
        let shape: WorkflowFileShape
        if object.contains("definition") {
            shape = .standard
        } else if let resources = object["resources"]?.arrayValue {
            guard let index = resources.firstIndex(where: Self.isWorkflowResource) else {
                throw .notAWorkflow("the ARM template has no Microsoft.Logic/workflows resource with properties.definition")
            }
            shape = .armTemplate(resourceIndex: index)
        } else if object["properties"]?["definition"] != nil {
            shape = .armResource
        } else if object.contains("triggers") || object.contains("actions")
            || (object["$schema"]?.stringValue?.lowercased().contains("workflowdefinition") ?? false)
        {
            shape = .bareDefinition
        } else {
            throw .notAWorkflow("found none of \"definition\", \"triggers\", \"actions\" or \"properties.definition\"")
        }
        self.shape = shape
        self.envelope = root
        self.indent = "  "
        self.definition = WorkflowDefinition(json: JSONObject())
        let pointer = definitionPointer
        guard let definitionObject = root[pointer: pointer]?.objectValue else { throw .definitionNotAnObject(pointer) }
        self.definition = WorkflowDefinition(json: definitionObject)
    }

    private static func isWorkflowResource(_ value: JSONValue) -> Bool {
        guard value["type"]?.stringValue?.lowercased() == "microsoft.logic/workflows" else { return false }
        return value["properties"]?["definition"]?.objectValue != nil
    }

    /// `Enabled`/`Disabled` for ARM shapes; nil where the file has no state.
    public var state: String? {
        get { statePointer.flatMap { envelope[pointer: $0]?.stringValue } }
        set {
            guard let pointer = statePointer else { return }
            envelope.set(newValue.map(JSONValue.string), at: pointer)
        }
    }

    /// `Stateful`/`Stateless` for Standard files.
    public var kind: String? { shape == .standard ? envelope["kind"]?.stringValue : nil }

    /// The whole file with the current definition in place.
    public var root: JSONValue {
        var value = envelope
        value.set(.object(definition.json), at: definitionPointer)
        return value
    }

    /// The file text in its own shape and indentation.
    public func written() -> String {
        JSONWriter(style: .pretty(indent: indent)).string(from: root) + "\n"
    }

    /// The definition as a Logic Apps Standard `workflow.json` (the default export shape).
    public func standardText(kind: String? = nil) -> String {
        let value: JSONValue = .object(["definition": .object(definition.json), "kind": .string(kind ?? self.kind ?? "Stateful")])
        return JSONWriter(style: .pretty(indent: indent)).string(from: value) + "\n"
    }

    /// The first indentation found on an indented line: a tab, or a run of spaces.
    static func detectIndent(_ text: String) -> String {
        for line in text.split(separator: "\n", maxSplits: 50, omittingEmptySubsequences: true).dropFirst() {
            if line.first == "\t" { return "\t" }
            let spaces = line.prefix { $0 == " " }.count
            if spaces > 0 { return String(repeating: " ", count: min(spaces, 8)) }
        }
        return "  "
    }
}
