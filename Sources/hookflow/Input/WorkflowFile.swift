import Foundation
import HookflowEngine
import HookflowModel

/// A workflow file named on the command line, read in any of the three shapes, with the app
/// name and state it implies.
struct WorkflowFile {
    let path: String
    let document: WorkflowDocument
    /// The file's text as read (the designer rewrites only what changed in it).
    var text: String?

    /// Reads the file; every failure says which file and where (`FILE:LINE:COL: malformed JSON: …`).
    static func read(_ path: String) throws(CommandFailure) -> WorkflowFile {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw CommandFailure(lines: ["\(path): cannot read: no such file"])
            }
            if isDirectory.boolValue { throw CommandFailure(lines: ["\(path): cannot read: it is a directory, not a workflow file"]) }
            throw CommandFailure(lines: ["\(path): cannot read: \((error as NSError).localizedDescription)"])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure(lines: ["\(path): cannot read: the file is not UTF-8 text"])
        }
        do {
            return WorkflowFile(path: path, document: try WorkflowDocument.read(text), text: text)
        } catch .malformedJSON(let error) {
            throw CommandFailure(lines: ["\(path):\(error.line):\(error.column): malformed JSON: \(error.message)"])
        } catch {
            throw CommandFailure(lines: ["\(path): \(error.description)"])
        }
    }

    /// The ARM resource's `name` when it is a plain name, else the Standard layout's folder
    /// (`orders/workflow.json` → `orders`), else the file's base name.
    var appName: String {
        let pointer: JSONPointer? = switch document.shape {
        case .armTemplate(let index): JSONPointer(["resources", String(index), "name"])
        case .armResource: JSONPointer(["name"])
        case .standard, .bareDefinition: nil
        }
        // "[parameters('logicAppName')]" is an ARM expression, not a name we can use.
        if let pointer, let name = document.root[pointer: pointer]?.stringValue, !name.isEmpty, !name.hasPrefix("[") {
            return name
        }
        return FileValidation.workflowName(for: URL(fileURLWithPath: path))
    }

    /// The ARM `properties.state`, nil when the file has none (Standard files, bare definitions).
    func armState() throws(CommandFailure) -> WorkflowState? {
        guard let text = document.state else { return nil }
        guard let state = WorkflowState(caseInsensitive: text) else {
            let pointer = document.definitionPointer.parent?.appending("state").description ?? "/properties/state"
            throw CommandFailure(lines: ["\(path):\(pointer): state \"\(text)\" cannot be published; use Enabled or Disabled, or pass --disabled"])
        }
        return state
    }
}
