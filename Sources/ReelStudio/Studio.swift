import Foundation
import ReelAnimatic
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import ReelStore

/// Reel's use cases: plan a screenplay, make its film, draw its storyboard sheet, check
/// the machine. The CLI, the server and the MCP server call only this.
public struct Studio: Sendable {
    public var environment: [String: String]
    public var toolchain: Toolchain
    public var runner: any ProcessRunner
    public var sleeper: any Sleeper
    /// Remote video providers, by id, beside the built-in animatic.
    public var videoProviders: [ProviderID: any VideoGenerator]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                runner: any ProcessRunner = LocalProcessRunner(), sleeper: any Sleeper = TaskSleeper(),
                videoProviders: [ProviderID: any VideoGenerator] = [:]) {
        self.environment = environment
        self.toolchain = Toolchain.discover(environment: environment)
        self.runner = runner
        self.sleeper = sleeper
        self.videoProviders = videoProviders
    }

    /// Every generator this studio can use: the local ones and the configured providers.
    public func generators() -> Generators {
        var g = localGenerators()
        g.videos = videoProviders
        return g
    }

    /// The built-in offline generators: animatic panels and moves, espeak-ng voices,
    /// procedural music.
    public func localGenerators(preset: String = "veryfast") -> Generators {
        Generators(image: AnimaticPanel(toolchain: toolchain, runner: runner),
                   video: AnimaticMotion(toolchain: toolchain, runner: runner, preset: preset),
                   speech: EspeakSpeech(toolchain: toolchain, runner: runner),
                   music: ProceduralMusic())
    }

    /// Plans the storyboard of a screenplay file.
    public func plan(script: URL, format: VideoFormat = .default) throws -> Storyboard {
        try ScriptSource.storyboard(script, format: format)
    }

    /// Fails early, with the install command, when a tool the offline path needs is missing.
    public func requireTools() throws {
        _ = try toolchain.requireFFmpeg()
        _ = try toolchain.requireFFprobe()
        _ = try toolchain.requireEspeak()
    }

    /// The executor for a workspace, with every runner registered.
    /// With `queue`, its jobs go to the studio's workers while one takes them: the run keeps
    /// twice its limits going (``ExecutorOptions/handingToWorkers()``), and runs those no
    /// worker takes within its own limits.
    func executor(generators: Generators, journal: any JobJournal, blobs: any BlobStore,
                  options: ExecutorOptions, queue: (any WorkQueue)? = nil) -> Executor {
        let registry = runners(generators)
        guard let queue else { return Executor(runners: registry, journal: journal, blobs: blobs, options: options, sleeper: sleeper) }
        return Executor(runners: registry.queued(through: queue, localLimit: { options.limit(for: $0) }), journal: journal,
                        blobs: blobs, options: options.handingToWorkers(), sleeper: sleeper)
    }

    /// A runner for every kind of job: the generators', and the local media tools'.
    func runners(_ generators: Generators) -> RunnerRegistry {
        var registry = RunnerRegistry()
        generators.register(into: &registry, sleeper: sleeper)
        let tools = MediaTools(toolchain: toolchain, runner: runner)
        tools.register(into: &registry)
        registry.register(OverlayRunner(tools: tools), kind: .overlay)
        return registry
    }

    /// Local work is CPU-bound: two at a time on most machines; ffmpeg's own threads do the rest.
    static func localLimits() -> [ProviderID: Int] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let n = max(2, min(4, cores))
        return ["animatic": n, "espeak": n, "procedural": n, "ffmpeg": n, "reel": n]
    }
}
