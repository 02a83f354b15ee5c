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
    /// `--resource NAME` names no workflow resource of the template; `available` are the names it has.
    case noSuchResource(String, available: [String])

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
        case .noSuchResource(let name, let available):
            "the template has no Microsoft.Logic/workflows resource named \"\(name)\"; it has "
                + (available.isEmpty ? "none with a name known here" : available.map { "\"\($0)\"" }.joined(separator: ", "))
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

    /// Reads any of the three shapes; in an ARM template, the workflow resource named `resource`
    /// (its name as deployed, or as written), else the first.
    ///
    /// The definition may nest ``JSONValue/maximumDepth`` levels wherever it sits; the file
    /// around it is read with the envelope allowance, so a definition read from one shape can be
    /// written in any other (a bare one as a `workflow.json`, one level deeper) and read again.
    public static func read(_ text: String, resource: String? = nil) throws(WorkflowReadError) -> WorkflowDocument {
        var document = try WorkflowDocument(root: try parse(text), resource: resource)
        try document.checkDepth()
        document.indent = Self.detectIndent(text)
        return document
    }

    /// Every workflow of the file: one per `Microsoft.Logic/workflows` resource of an ARM
    /// template, in template order; the one workflow of any other shape.
    public static func readAll(_ text: String) throws(WorkflowReadError) -> [WorkflowDocument] {
        let root = try parse(text)
        let first = try WorkflowDocument(root: root)
        guard case .armTemplate = first.shape else { return [try first.indented(as: text)] }
        var documents: [WorkflowDocument] = []
        for resource in ARMTemplate(root: root).workflowResources {
            documents.append(try WorkflowDocument(root: root, resourceIndex: resource.index).indented(as: text))
        }
        return documents
    }

    private static func parse(_ text: String) throws(WorkflowReadError) -> JSONValue {
        do { return try JSONParser.parse(text, maximumDepth: JSONValue.envelopeReadingDepth) } catch { throw .malformedJSON(error) }
    }

    private func checkDepth() throws(WorkflowReadError) {
        if definition.value.nestsDeeper() { throw .definitionTooDeep(definitionPointer) }
    }

    private func indented(as text: String) throws(WorkflowReadError) -> WorkflowDocument {
        try checkDepth()
        var document = self
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

    /// Classifies an already parsed value; in an ARM template, takes the workflow resource
    /// named `resource` (see ``read(_:resource:)``), else the first.
    public init(root: JSONValue, resource: String? = nil) throws(WorkflowReadError) {
        guard let object = root.objectValue else {
            throw .notAWorkflow("the top level is a\(root.typeName == "array" || root.typeName == "integer" ? "n" : "") \(root.typeName), not an object")
        }
        let shape: WorkflowFileShape
        if object.contains("definition") {
            shape = .standard
        } else if object["resources"]?.arrayValue != nil {
            let resources = ARMTemplate(root: root).workflowResources
            guard let first = resources.first else {
                throw .notAWorkflow("the ARM template has no Microsoft.Logic/workflows resource with properties.definition")
            }
            if let resource {
                let lowered = resource.lowercased()
                guard let named = resources.first(where: { $0.name?.lowercased() == lowered || $0.writtenName?.lowercased() == lowered }) else {
                    throw .noSuchResource(resource, available: resources.compactMap { $0.name ?? $0.writtenName })
                }
                shape = .armTemplate(resourceIndex: named.index)
            } else {
                shape = .armTemplate(resourceIndex: first.index)
            }
        } else if object["properties"]?["definition"] != nil {
            shape = .armResource
        } else if object.contains("triggers") || object.contains("actions")
            || (object["$schema"]?.stringValue?.lowercased().contains("workflowdefinition") ?? false)
        {
            shape = .bareDefinition
        } else {
            throw .notAWorkflow("found none of \"definition\", \"triggers\", \"actions\" or \"properties.definition\"")
        }
        try self.init(root: root, shape: shape)
    }

    /// The workflow resource at `resourceIndex` of an ARM template.
    public init(root: JSONValue, resourceIndex: Int) throws(WorkflowReadError) {
        guard let resource = root["resources"]?.arrayValue.flatMap({ $0.indices.contains(resourceIndex) ? $0[resourceIndex] : nil }),
              ARMTemplate.isWorkflowResource(resource)
        else {
            throw .notAWorkflow("resources[\(resourceIndex)] is not a Microsoft.Logic/workflows resource with properties.definition")
        }
        try self.init(root: root, shape: .armTemplate(resourceIndex: resourceIndex))
    }

    private init(root: JSONValue, shape: WorkflowFileShape) throws(WorkflowReadError) {
        self.shape = shape
        self.envelope = root
        self.indent = "  "
        self.definition = WorkflowDefinition(json: JSONObject())
        let pointer = definitionPointer
        guard let definitionObject = root[pointer: pointer]?.objectValue else { throw .definitionNotAnObject(pointer) }
        self.definition = WorkflowDefinition(json: definitionObject)
    }

    /// `Enabled`/`Disabled` for ARM shapes; nil where the file has no state.
    public var state: String? {
        get { statePointer.flatMap { envelope[pointer: $0]?.stringValue } }
        set {
            guard let pointer = statePointer else { return }
            envelope.set(newValue.map(JSONValue.string), at: pointer)
        }
    }

    /// `Stateful`, `Stateless` or `Agentic` for Standard files (nil for the other shapes, which
    /// have no place for it; setting it there does nothing).
    public var kind: String? {
        get { shape == .standard ? envelope["kind"]?.stringValue : nil }
        set {
            guard shape == .standard else { return }
            envelope.set(newValue.map(JSONValue.string), at: JSONPointer(["kind"]))
        }
    }

    /// What the file holds beside the definition, next to it: a workflow.json's other keys, an ARM
    /// resource's other properties (`parameters` with `$connections`, `integrationAccount`, …).
    /// Hookflow's own `kind` and `state` are left out (the app carries them); a bare definition has none.
    public var otherProperties: JSONObject {
        guard let holder = envelope[pointer: definitionPointer.parent ?? .root]?.objectValue, definitionPointer != .root else { return JSONObject() }
        var others = JSONObject()
        for entry in holder.entries where !["definition", "kind", "state"].contains(entry.key) { others[entry.key] = entry.value }
        return others
    }

    /// The workflow resource (an ARM shape): the template's `resources[i]`, or the file itself.
    private var resource: JSONValue? {
        switch shape {
        case .armTemplate(let index): envelope[pointer: JSONPointer(["resources", String(index)])]
        case .armResource: envelope
        case .standard, .bareDefinition: nil
        }
    }

    /// The ARM resource's name as deployed: plain, or resolved from the template's parameters;
    /// nil for other shapes and for names that cannot be resolved here.
    public var resourceName: String? {
        guard let written = resource?["name"]?.stringValue, !written.isEmpty else { return nil }
        let template = if case .armTemplate = shape { ARMTemplate(root: envelope) } else { ARMTemplate.empty }
        switch template.resolve(written) {
        case .text: return written
        case .value(let value): return value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        case .unresolved: return nil
        }
    }

    /// What the file itself puts around the definition: for ARM shapes the template (whose
    /// whole-string expressions the definition's values may be) and the resource's
    /// `properties.parameters` values; nothing for the other shapes (a Standard project's files
    /// are read by whoever knows the folder).
    public var environment: WorkflowEnvironment {
        guard let resource else { return .none }
        var environment = WorkflowEnvironment()
        let template = if case .armTemplate = shape { ARMTemplate(root: envelope) } else { ARMTemplate.empty }
        environment.template = template
        environment.parameterSource = "properties.parameters"
        for entry in resource["properties"]?["parameters"]?.objectValue?.entries ?? [] {
            guard let written = entry.value["value"] else {
                // A Key Vault reference or another way ARM fills it at deployment.
                environment.suppliedParameters.append(SuppliedParameter(
                    name: entry.key, type: nil, value: Optional<JSONValue>.none, unknownBecause: "properties.parameters gives it no value"))
                continue
            }
            if case .string(let text) = written, case .unresolved(let reason) = template.resolve(text) {
                environment.suppliedParameters.append(SuppliedParameter(
                    name: entry.key, type: nil, value: Optional<JSONValue>.none, unknownBecause: "its value \"\(text)\" is not known outside Azure (\(reason))"))
                continue
            }
            // Strings deeper inside (a connection's resourceId(...)) stay as written when unknown.
            environment.suppliedParameters.append(SuppliedParameter(name: entry.key, type: nil, value: template.resolveDeep(written).value))
        }
        return environment
    }

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
    /// A Standard workflow.json of the definition: `{"definition", "kind"}` and, after them,
    /// `properties` (what the published file held beside its definition, `parameters` with
    /// `$connections` as Logic Apps' code view shows them).
    public func standardText(kind: String? = nil, properties: JSONObject = JSONObject()) -> String {
        var object: JSONObject = ["definition": .object(definition.json), "kind": .string(kind ?? self.kind ?? "Stateful")]
        for entry in properties.entries where object[entry.key] == nil { object[entry.key] = entry.value }
        let value: JSONValue = .object(object)
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
