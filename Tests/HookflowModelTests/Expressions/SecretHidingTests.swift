import Foundation
import Testing
@testable import HookflowModel

/// What reads a secret is recorded as `********`, whatever it became on the way (SPEC §3):
/// secrets are tracked by what an expression reads, not by what its value looks like.
struct SecretHidingTests {
    func context(secrets: SecretSources = SecretSources(parameters: ["apiKey"], actions: ["GetToken"])) -> EvaluationContext {
        var context = EvaluationContext(
            trigger: ["outputs": ["body": ["user": "ada", "pin": "4321"]]],
            actions: ["GetToken": ["outputs": ["body": ["access_token": "tok-123456"]]], "Plain": ["outputs": "hello"]],
            parameters: ["apiKey": "s3cret-key", "region": "north"])
        context.secrets = secrets
        return context
    }

    @Test func everyValueMadeFromASecretIsHiddenAndTheRestKept() throws {
        let inputs: JSONValue = [
            "upper": "@toUpper(parameters('APIKEY'))",
            "encoded": "@base64(parameters('apiKey'))",
            "header": "Bearer @{body('GetToken')?['access_token']}",
            "nested": ["list": ["@substring(parameters('apiKey'), 0, 2)", "@parameters('region')"]],
            "region": "@parameters('region')",
            "greeting": "@outputs('Plain')",
            "literal": "no expression here",
        ]
        let hidden = try ExpressionEvaluator(context: context()).evaluateHidingSecrets(inputs)
        // The value to use is the real one.
        #expect(hidden.value["upper"] == "S3CRET-KEY")
        #expect(hidden.value["header"] == "Bearer tok-123456")
        #expect(hidden.value["nested"]?["list"] == ["s3", "north"])
        // What may be recorded: the strings that read a secret are masked, key order kept.
        #expect(hidden.recordable == [
            "upper": "********", "encoded": "********", "header": "********",
            "nested": ["list": ["********", "north"]],
            "region": "north", "greeting": "hello", "literal": "no expression here",
        ])
        #expect(hidden.forHistory.objectValue?.keys == inputs.objectValue?.keys)
    }

    @Test func nothingSecretReadRecordsTheValueItself() throws {
        let hidden = try ExpressionEvaluator(context: context()).evaluateHidingSecrets(["a": "@parameters('region')", "b": "@outputs('Plain')"])
        #expect(hidden.recordable == nil)
        #expect(hidden.forHistory == ["a": "north", "b": "hello"])
        // Without secrets declared there is nothing to track.
        let plain = try ExpressionEvaluator(context: context(secrets: SecretSources())).evaluateHidingSecrets("@parameters('apiKey')")
        #expect(plain.recordable == nil)
        #expect(plain.value == "s3cret-key")
    }

    @Test func secureTriggerOutputsAreSecretsToo() throws {
        let hidden = try ExpressionEvaluator(context: context(secrets: SecretSources(trigger: true))).evaluateHidingSecrets(
            ["pin": "@triggerBody()?['pin']", "fixed": "@concat('a', 'b')"])
        #expect(hidden.recordable == ["pin": "********", "fixed": "ab"])
    }

    @Test func anErrorOnASecretDoesNotQuoteIt() {
        let evaluator = ExpressionEvaluator(context: context())
        // Plain evaluation quotes the value it could not convert...
        #expect(throws: EvaluationFailure.self) { try evaluator.evaluate(["n": "@int(parameters('apiKey'))"]) }
        do {
            _ = try evaluator.evaluate(["n": "@int(parameters('apiKey'))"])
        } catch {
            #expect(error.error.message.contains("s3cret-key"), "the plain error does quote it: that is what hiding is for")
        }
        // ...hidden, it keeps the kind, the pointer and the position, and drops the value and the text.
        do {
            _ = try evaluator.evaluateHidingSecrets(["n": "@int(parameters('apiKey'))"])
            Issue.record("expected an error")
        } catch {
            #expect(error.pointer == JSONPointer(["n"]))
            #expect(error.error.kind == .type)
            #expect(error.error.position == 6, "the argument that failed")
            #expect(!error.description.contains("s3cret-key"))
            #expect(!error.description.contains("apiKey'))"), "the expression text could hold the secret too")
            #expect(error.description.contains("hidden"))
        }
        // An error that read no secret keeps its details.
        do {
            _ = try evaluator.evaluateHidingSecrets("@int(parameters('region'))")
            Issue.record("expected an error")
        } catch {
            #expect(error.error.message.contains("north"))
        }
    }

    @Test func oneStringOnItsOwnSaysWhetherItReadASecret() throws {
        let evaluator = ExpressionEvaluator(context: context())
        #expect(try evaluator.evaluateHidingSecrets(string: "@equals(parameters('apiKey'), 'x')") == (.bool(false), true))
        #expect(try evaluator.evaluateHidingSecrets(string: "@equals(parameters('region'), 'north')") == (.bool(true), false))
    }

    /// The functions added with the whole reference read secrets the same way: through a secure
    /// action (its body, outputs, form data, a scope's results, the current action), a variable or
    /// loop made from a secret, or a secret app setting.
    @Test func everyWayOfReadingASecretIsTracked() throws {
        var context = context(secrets: SecretSources(
            actions: ["GetToken", "Webhook"], variables: ["token"], loops: ["EachSecret"], appSettings: ["ApiKey"]))
        context.actions["Form"] = ["outputs": ["body": ["$formdata": [["key": "k", "value": "v"]]]]]
        context.actions["GetToken"] = ["outputs": ["body": ["$formdata": [["key": "k", "value": "tok-123456"]]]]]
        context.variables = ["token": "tok-123456", "count": 3]
        context.loops = [LoopIteration(name: "EachSecret", item: "tok-123456", index: 0), LoopIteration(name: "EachPlain", item: "x", index: 1)]
        context.scopeResults = ["Scope": [["name": "GetToken", "status": "Succeeded"]], "Plain": [["name": "Form", "status": "Succeeded"]]]
        context.currentAction = ["name": "Webhook", "outputs": ["body": ["id": "sub-1"]]]
        context.appSettings = ["ApiKey": "k-999", "Region": "north"]
        let inputs: JSONValue = [
            "actionBody": "@actionBody('GetToken')", "actionOutputs": "@{actionOutputs('GetToken')}",
            "formDataValue": "@formDataValue('GetToken', 'k')", "plainForm": "@formDataValue('Form', 'k')",
            "variable": "@variables('TOKEN')", "plainVariable": "@variables('count')",
            "items": "@items('EachSecret')", "plainItems": "@items('EachPlain')", "item": "@concat(item(), '')",
            "result": "@result('Scope')", "plainResult": "@result('Plain')",
            "action": "@action()", "appsetting": "@appsetting('apikey')", "plainSetting": "@appsetting('Region')",
        ]
        let hidden = try ExpressionEvaluator(context: context).evaluateHidingSecrets(inputs)
        let masked = ["actionBody", "actionOutputs", "formDataValue", "variable", "items", "result", "action", "appsetting"]
        for key in masked { #expect(hidden.recordable?[key] == "********", "\(key)") }
        #expect(hidden.recordable?["plainForm"] == "v")
        #expect(hidden.recordable?["plainVariable"] == 3)
        #expect(hidden.recordable?["plainItems"] == "x")
        // item() is the innermost loop's item: EachPlain here.
        #expect(hidden.recordable?["item"] == "x")
        #expect(hidden.recordable?["plainResult"] == [["name": "Form", "status": "Succeeded"]])
        #expect(hidden.recordable?["plainSetting"] == "north")
        #expect(hidden.value["variable"] == "tok-123456")
    }
}
