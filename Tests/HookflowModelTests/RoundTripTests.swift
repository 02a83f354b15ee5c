import Foundation
import Testing
@testable import HookflowModel

/// Read → write keeps everything: keys, order, values, unknown steps and keys.
struct RoundTripTests {
    @Test func corpusHasAtLeastFifteenFixtures() {
        #expect(FixtureCorpus.names.count >= 15, "\(FixtureCorpus.names)")
    }

    /// Every fixture written back parses to exactly the same ordered JSON (compared as compact text,
    /// which includes key order and number literals).
    @Test(arguments: FixtureCorpus.names)
    func readThenWriteIsIdentical(name: String) throws {
        let original = try FixtureCorpus.text(name)
        let document = try WorkflowDocument.read(original)
        let written = document.written()
        let before = JSONWriter.compact.string(from: try JSONParser.parse(original))
        let after = JSONWriter.compact.string(from: try JSONParser.parse(written))
        #expect(before == after)
        // A second round trip is byte-for-byte stable.
        #expect(try WorkflowDocument.read(written).written() == written)
    }

    /// Writing keeps the indentation the file was written with.
    @Test(arguments: FixtureCorpus.names)
    func keepsIndentation(name: String) throws {
        let original = try FixtureCorpus.text(name)
        let document = try WorkflowDocument.read(original)
        let firstIndented = original.split(separator: "\n").dropFirst().first { $0.first == " " || $0.first == "\t" }
        if let line = firstIndented {
            #expect(line.hasPrefix(document.indent))
            #expect(document.written().split(separator: "\n").dropFirst().first?.hasPrefix(document.indent) == true)
        }
    }

    /// Changing one field of one step leaves every other step and key exactly as read.
    @Test(arguments: FixtureCorpus.names)
    func editOfOneStepChangesOnlyThatStep(name: String) throws {
        var document = try FixtureCorpus.document(name)
        let before = document.definition
        guard let target = before.allSteps.last(where: { !$0.isTrigger }) ?? before.allSteps.first else { return }
        try document.definition.setValue("edited by test", at: target.pointer / "description")

        let after = try WorkflowDocument.read(document.written()).definition
        // The edited step: same keys in the same order, plus the new one at the end.
        let editedStep = try #require(after.step(at: target.address))
        let keysBefore = target.json.keys
        #expect(editedStep.json.keys == (keysBefore.contains("description") ? keysBefore : keysBefore + ["description"]))
        #expect(editedStep.json["description"] == "edited by test")
        // Everything else: compare the definitions with the edited step removed from both.
        var beforeRest = before.value
        var afterRest = after.value
        beforeRest.set(nil, at: target.pointer)
        afterRest.set(nil, at: target.pointer)
        #expect(JSONWriter.compact.string(from: beforeRest) == JSONWriter.compact.string(from: afterRest))
        // And the rest of the file around the definition is untouched.
        var envelopeBefore = try JSONParser.parse(FixtureCorpus.text(name))
        var envelopeAfter = try JSONParser.parse(document.written())
        envelopeBefore.set(nil, at: document.definitionPointer)
        envelopeAfter.set(nil, at: document.definitionPointer)
        if !document.definitionPointer.tokens.isEmpty {
            #expect(JSONWriter.compact.string(from: envelopeBefore) == JSONWriter.compact.string(from: envelopeAfter))
        }
    }

    /// Unknown step types load as unsupported and keep all their keys.
    @Test func unknownStepTypesAreKept() throws {
        let name = try #require(FixtureCorpus.names.first { $0.contains("unsupported") })
        let document = try FixtureCorpus.document(name)
        let unsupported = document.definition.allSteps.filter { !$0.kind.isSupported }
        #expect(unsupported.count >= 3)
        for step in unsupported {
            if case .unsupported(let type) = step.kind { #expect(type == step.type) }
        }
    }
}
