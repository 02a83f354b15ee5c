import Foundation
import HookflowEngine
import HookflowModel

/// Runs the designer on the real terminal: feeds input, the clock and background results to
/// ``DesignerState/update(_:)``, draws ``DesignerView`` when something changed, and performs the
/// effects (saving, enabling, `$EDITOR`, the clipboard).
///
/// ```swift
/// let state = DesignerState(appName: "orders", document: document, engineDescription: "in-process http://127.0.0.1:7071")
/// try await DesignerHost.run(state, client: client, options: TerminalOptions(theme: theme))
/// ```
///
/// The loop waits for input at most ``inputWait`` at a time, so a save's result shows within that
/// time even when no key is pressed; it sends ``DesignerEvent/tick`` every ``tickInterval`` while
/// ``DesignerState/wantsTicks``. Saves and state changes run as tasks of their own: the screen
/// never waits on the network. When the user quits while a save runs, ``run(_:client:options:)``
/// returns only once it has finished, after giving the screen back.
public enum DesignerHost {
    /// The longest wait for a key before background results are looked at.
    public static let inputWait: Duration = .milliseconds(50)
    /// How often the spinner turns.
    public static let tickInterval: Duration = .milliseconds(100)
    /// How long input may stay closed (every wait ends at once) before the designer stops.
    static let closedInputLimit: Duration = .seconds(5)

    public static func run(_ state: DesignerState, client: any EngineClient, options: TerminalOptions) async throws {
        let work = BackgroundWork()
        do {
            try await Terminal.run(options) { terminal, capabilities in
                var loop = DesignerLoop(
                    state: state, client: client, terminal: terminal, glyphs: capabilities.glyphs,
                    environment: options.environment, work: work)
                await loop.run()
            }
        } catch {
            await work.finish()
            throw error
        }
        if work.isBusy {
            FileHandle.standardError.write(Data("hookflow: finishing the save in progress…\n".utf8))
            await work.finish()
        }
    }

    /// A one-line account of an engine error for the designer's banner.
    static func readable(_ error: EngineError) -> String {
        switch error {
        case .invalidDefinition(let problems) where !problems.isEmpty:
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return "the engine refused the definition: \(problems[0].description)\(more)"
        default:
            return error.message
        }
    }
}

/// The running loop: the state, the terminal, and what is on screen.
private struct DesignerLoop {
    var state: DesignerState
    let client: any EngineClient
    let terminal: Terminal
    let glyphs: Glyphs
    let environment: [String: String]
    let work: BackgroundWork

    /// The frame on screen; `nil` after the screen was given away (the next frame is drawn whole).
    private var shown: CellBuffer?
    /// Whether an event was applied since the last frame was drawn.
    private var needsDraw = true
    private var quitting = false
    private let clock = ContinuousClock()
    private var lastTick: ContinuousClock.Instant

    init(state: DesignerState, client: any EngineClient, terminal: Terminal, glyphs: Glyphs, environment: [String: String], work: BackgroundWork) {
        self.state = state
        self.client = client
        self.terminal = terminal
        self.glyphs = glyphs
        self.environment = environment
        self.work = work
        self.lastTick = clock.now
    }

    mutating func run() async {
        let size = await terminal.size
        await handle(.input(.resize(width: size.width, height: size.height)))
        var inputGoneSince: ContinuousClock.Instant?
        while !quitting {
            await draw()
            let waited = clock.now
            let event = await terminal.nextEvent(timeout: DesignerHost.inputWait)
            if event == nil, clock.now - waited < DesignerHost.inputWait / 2 {
                // No wait at all: the input is closed (the terminal went away without SIGHUP). Do
                // not spin; after a while there is nobody left to ask about unsaved changes.
                let since = inputGoneSince ?? waited
                inputGoneSince = since
                if clock.now - since > DesignerHost.closedInputLimit { break }
                try? await Task.sleep(for: DesignerHost.inputWait)
            } else {
                inputGoneSince = nil
            }
            if let event {
                await handle(.input(event))
                // The rest of a burst (keys sent together, a paste) before the next frame.
                var burst = 0
                while !quitting, burst < 512, let next = await terminal.nextEvent(timeout: .zero) {
                    await handle(.input(next))
                    burst += 1
                }
            }
            guard !quitting else { break }
            for answer in work.drain() {
                await handle(answer)
                if quitting { break }
            }
            if state.wantsTicks {
                if clock.now - lastTick >= DesignerHost.tickInterval {
                    lastTick = clock.now
                    await handle(.tick)
                }
            } else {
                lastTick = clock.now
            }
        }
    }

    /// Draws the state after an event changed it, when the frame differs from the one on screen.
    private mutating func draw() async {
        guard needsDraw else { return }
        needsDraw = false
        let frame = DesignerView.render(state, glyphs: glyphs)
        guard frame != shown else { return }
        await terminal.present(frame)
        shown = frame
    }

    /// Applies an event and performs the effects it asks for, and those of the events they answer at once.
    private mutating func handle(_ event: DesignerEvent) async {
        needsDraw = true
        var events = [event]
        while !events.isEmpty {
            let effects = state.update(events.removeFirst())
            for effect in effects {
                if let answer = await perform(effect) { events.append(answer) }
            }
            if state.hasQuit { quitting = true }
        }
    }

    /// Runs one effect; returns its answer when it is known at once (the editor closed).
    private mutating func perform(_ effect: DesignerEffect) async -> DesignerEvent? {
        switch effect {
        case .save(let request):
            let client = client
            work.start { await Self.save(request, client: client) }
            return nil
        case .setState(let newState, let app):
            let client = client
            work.start {
                do throws(EngineError) {
                    return .stateChanged(.success(try await client.setState(newState, ofWorkflow: app)))
                } catch {
                    return .stateChanged(.failure(DesignerFailure(DesignerHost.readable(error))))
                }
            }
            return nil
        case .editExternally(let text):
            return .edited(await editExternally(text))
        case .copyToClipboard(let text):
            await terminal.copyToClipboard(text)
            return nil
        case .quit:
            quitting = true
            return nil
        }
    }

    /// Writes the file (when there is one), then publishes; a file that cannot be written publishes nothing.
    private static func save(_ request: SaveRequest, client: any EngineClient) async -> DesignerEvent {
        if let file = request.file, let text = request.fileText {
            do {
                try AtomicFile.write(text, to: file)
            } catch {
                return .saved(SaveOutcome(definition: request.definition, fileError: error.description))
            }
        }
        do throws(EngineError) {
            let summary = try await client.saveWorkflow(name: request.appName, definition: request.definition.value, state: request.state)
            return .saved(SaveOutcome(definition: request.definition, summary: summary))
        } catch {
            return .saved(SaveOutcome(definition: request.definition, publishError: DesignerHost.readable(error)))
        }
    }

    /// Gives the terminal to `$VISUAL`/`$EDITOR` on a temporary copy of `text`, then takes it back.
    private mutating func editExternally(_ text: String) async -> Result<String, DesignerFailure> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-edit-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("\(state.appName).json")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(text, to: file)
        } catch {
            return .failure(DesignerFailure("cannot prepare the file for the editor in \(folder.path): \(error)"))
        }

        await terminal.suspend()
        let outcome: Result<Void, DesignerFailure>
        do {
            try await ExternalEditor(environment: environment).edit(file)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await terminal.resume()
        await terminal.invalidate()
        shown = nil
        needsDraw = true

        switch outcome {
        case .failure(let failure):
            return .failure(failure)
        case .success:
            guard let data = try? Data(contentsOf: file), let edited = String(data: data, encoding: .utf8) else {
                return .failure(DesignerFailure("cannot read \(file.path) back after editing; the definition is unchanged"))
            }
            return .success(edited)
        }
    }
}
