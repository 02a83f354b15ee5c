import Foundation
import HookflowEngine
import HookflowModel

/// Runs the workbench (designer, app list, runs, run detail) on the real terminal: feeds input,
/// the clock, background results and the engine's live events to ``WorkbenchState/update(_:)``,
/// draws ``WorkbenchView`` when something changed, and performs the effects.
///
/// ```swift
/// let (state, effects) = WorkbenchState.startingOnApps(designer: designer)
/// try await WorkbenchHost.run(state, initialEffects: effects, connection: engine.connection, options: TerminalOptions(theme: theme))
/// ```
///
/// The loop waits for input at most ``inputWait`` at a time, so a result or an engine event shows
/// within that time even when no key is pressed; it sends ``WorkbenchEvent/tick`` every
/// ``tickInterval`` while something turns. Every effect that talks to the engine or a callback URL
/// runs as a task of its own (``WorkbenchEffectRunner``): the screen never waits on the network.
/// Live events come from ``EngineEventFeed``, which also reports a lost engine and reconnects,
/// following a `hookflow serve` that came back on another port when the ``EngineConnection``
/// allows it. When the user quits while a save, an enable or a run control is in progress,
/// ``run(_:initialEffects:connection:options:)`` returns only once it has finished, after giving
/// the screen back.
public enum WorkbenchHost {
    /// The longest wait for a key before background results are looked at.
    public static let inputWait: Duration = .milliseconds(50)
    /// How often the spinners turn.
    public static let tickInterval: Duration = .milliseconds(100)
    /// How long input may stay closed (every wait ends at once) before the workbench stops.
    static let closedInputLimit: Duration = .seconds(5)

    /// Runs on an engine that stays where it is.
    public static func run(
        _ state: WorkbenchState, initialEffects: [WorkbenchEffect] = [], client: any EngineClient, options: TerminalOptions
    ) async throws {
        try await run(state, initialEffects: initialEffects, connection: .fixed(client), options: options)
    }

    public static func run(
        _ state: WorkbenchState, initialEffects: [WorkbenchEffect] = [], connection: EngineConnection, options: TerminalOptions
    ) async throws {
        let work = BackgroundWork()
        let callbacks = CallbackSender()
        let feed = Task { await EngineEventFeed(connection: connection).run { work.post($0) } }
        let runner = WorkbenchEffectRunner(connection: connection, callbacks: callbacks)
        let outcome: Result<Void, any Error>
        do {
            try await Terminal.run(options) { terminal, capabilities in
                var loop = WorkbenchLoop(
                    state: state, runner: runner, terminal: terminal, glyphs: capabilities.glyphs,
                    environment: options.environment, work: work)
                await loop.run(initialEffects: initialEffects)
            }
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        feed.cancel()
        await feed.value
        work.cancelFetches()
        if case .success = outcome, work.isBusy {
            FileHandle.standardError.write(Data("hookflow: finishing the work in progress (a save, an enable or a run control)…\n".utf8))
        }
        await work.finish()
        await callbacks.shutdown()
        try outcome.get()
    }

    /// A one-line account of an engine error for a banner.
    static func readable(_ error: EngineError) -> String {
        switch error {
        case .invalidDefinition(let problems) where !problems.isEmpty:
            // The first error: the engine lists warnings beside them, but they are not why it refused.
            let first = problems.errors.first ?? problems[0]
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            return "the engine refused the definition: \(first.description)\(more)"
        default:
            return error.message
        }
    }
}

/// The running loop: the state, the terminal, and what is on screen.
private struct WorkbenchLoop {
    var state: WorkbenchState
    let runner: WorkbenchEffectRunner
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

    init(state: WorkbenchState, runner: WorkbenchEffectRunner, terminal: Terminal, glyphs: Glyphs, environment: [String: String], work: BackgroundWork) {
        self.state = state
        self.runner = runner
        self.terminal = terminal
        self.glyphs = glyphs
        self.environment = environment
        self.work = work
        self.lastTick = clock.now
    }

    /// Whether something on screen turns: a spinner, or the lost engine's in the header.
    private var wantsTicks: Bool { state.wantsTicks }

    mutating func run(initialEffects: [WorkbenchEffect]) async {
        let size = await terminal.size
        await handle(.input(.resize(width: size.width, height: size.height)))
        await perform(initialEffects)
        var inputGoneSince: ContinuousClock.Instant?
        while !quitting {
            await draw()
            let waited = clock.now
            let event = await terminal.nextEvent(timeout: WorkbenchHost.inputWait)
            if event == nil, clock.now - waited < WorkbenchHost.inputWait / 2 {
                // No wait at all: the input is closed (the terminal went away without SIGHUP). Do
                // not spin; after a while there is nobody left to ask about unsaved changes.
                let since = inputGoneSince ?? waited
                inputGoneSince = since
                if clock.now - since > WorkbenchHost.closedInputLimit { break }
                try? await Task.sleep(for: WorkbenchHost.inputWait)
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
            if wantsTicks {
                if clock.now - lastTick >= WorkbenchHost.tickInterval {
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
        let frame = WorkbenchView.render(state, glyphs: glyphs)
        guard frame != shown else { return }
        await terminal.present(frame)
        shown = frame
    }

    /// Applies an event and performs the effects it asks for, and those of the events they answer at once.
    private mutating func handle(_ event: WorkbenchEvent) async {
        needsDraw = true
        await perform(state.update(event))
    }

    private mutating func perform(_ effects: [WorkbenchEffect]) async {
        var pending = effects
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let answer = await perform(effect) {
                pending += state.update(answer)
            }
            if state.hasQuit { quitting = true }
        }
    }

    /// Runs one effect: in the background when it talks to the network, here when it needs the
    /// terminal; returns its answer when it is known at once (the editor closed).
    private mutating func perform(_ effect: WorkbenchEffect) async -> WorkbenchEvent? {
        switch effect {
        case .editExternally(let text):
            return .edited(await editExternally(text))
        case .copyToClipboard(let text):
            await terminal.copyToClipboard(text)
            return nil
        case .quit:
            // The workbench said yes (nothing unsaved, or the user confirmed): leave.
            quitting = true
            return nil
        case .suspend:
            await suspendProcess()
            return nil
        default:
            let runner = runner
            work.start(mustFinish: !WorkbenchEffectRunner.isFetch(effect)) { await runner.answer(effect) }
            return nil
        }
    }

    /// Ctrl-Z with an engine outside this process: gives the terminal back and stops, as a shell
    /// job does; `fg` continues here and the screen is drawn again. (The keyboard's Ctrl-Z is a key,
    /// not a signal, in raw mode: the workbench refuses it while the engine runs in the designer.)
    private mutating func suspendProcess() async {
        await terminal.stopLikeCtrlZ(note: "hookflow: suspended; fg comes back to the designer")
        await terminal.invalidate()
        shown = nil
        needsDraw = true
        let size = await terminal.size
        await handle(.input(.resize(width: size.width, height: size.height)))
    }

    /// Gives the terminal to `$VISUAL`/`$EDITOR` on a temporary copy of `text`, then takes it back.
    private mutating func editExternally(_ text: String) async -> Result<String, DesignerFailure> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-edit-\(UUID().uuidString.prefix(8))")
        let file = folder.appendingPathComponent("\(state.designer.appName).json")
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
