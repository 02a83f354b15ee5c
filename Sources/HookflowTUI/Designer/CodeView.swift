import HookflowModel

/// The definition as pretty JSON, scrollable; `e` edits it in `$EDITOR`.
struct CodeView: Equatable, Sendable {
    /// The first line on screen.
    var scroll = 0
    /// Text from `$EDITOR` that did not import, kept so the next `e` reopens it rather than losing it.
    var pendingText: String?
    /// Why the last edit did not import.
    var error: String?

    static func text(of definition: WorkflowDefinition) -> String {
        JSONWriter(style: .pretty(indent: "  ")).string(from: definition.value)
    }

    /// Reads edited text back: a definition in any of the file shapes Hookflow reads.
    static func importing(_ text: String) -> Result<WorkflowDefinition, DesignerFailure> {
        do {
            return .success(try WorkflowDocument.read(text).definition)
        } catch {
            return .failure(DesignerFailure("the edited definition was not imported: \(error)"))
        }
    }

    mutating func scroll(by rows: Int, lineCount: Int, pageHeight: Int) {
        scroll = max(0, min(scroll + rows, lineCount - pageHeight))
    }
}

/// Colours a line of pretty JSON by token: keys, strings, numbers and literals.
enum JSONLineHighlighter {
    struct Span: Equatable {
        var text: String
        var role: StyleRole
    }

    static func spans(_ line: String) -> [Span] {
        var spans: [Span] = []
        var plain = ""
        var characters = Array(line)[...]
        func flushPlain() {
            if !plain.isEmpty { spans.append(Span(text: plain, role: .normal)); plain = "" }
        }
        while let first = characters.first {
            if first == "\"" {
                var literal = "\""
                characters.removeFirst()
                var escaped = false
                while let next = characters.first {
                    characters.removeFirst()
                    literal.append(next)
                    if escaped { escaped = false } else if next == "\\" { escaped = true } else if next == "\"" { break }
                }
                let rest = characters.drop { $0 == " " }
                flushPlain()
                spans.append(Span(text: literal, role: rest.first == ":" ? .codeKey : .codeString))
            } else if first == "-" || first.isNumber {
                var number = ""
                while let next = characters.first, next.isNumber || "+-.eE".contains(next) {
                    number.append(next)
                    characters.removeFirst()
                }
                flushPlain()
                spans.append(Span(text: number, role: .codeNumber))
            } else if let word = ["true", "false", "null"].first(where: { characters.starts(with: $0) }) {
                flushPlain()
                spans.append(Span(text: word, role: .codeLiteral))
                characters.removeFirst(word.count)
            } else {
                plain.append(first)
                characters.removeFirst()
            }
        }
        flushPlain()
        return spans
    }
}
