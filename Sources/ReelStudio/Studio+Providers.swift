import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

/// Which provider and model make a take of a shot, at what length, and why.
public struct TakePlan: Sendable, Hashable {
    public var provider: ProviderID
    public var model: String
    /// The length asked of the model when it differs from the shot's.
    public var generatedMilliseconds: Int64?
    /// `trim` or `hold` when the length differs; nil when the model makes it exactly.
    public var fit: TakeFit?
    public var estimate: Money?
    public var reasons: [String]
    /// The animatic stands in because no configured model can make the shot.
    public var fallback = false
}

extension Studio {
    /// The catalog, keys and adapters for a production.
    public func providerSetup(_ production: Production) throws -> ProviderSetup {
        try providerSetup(config: production.config, projectDirectory: production.workspace.projectDirectory)
    }

    /// The catalog, keys and adapters under a project's settings (defaults outside a project).
    public func providerSetup(config: ProjectConfig, projectDirectory: URL?) throws -> ProviderSetup {
        var setup = try ProviderSetup.load(environment: environment, config: config, projectDirectory: projectDirectory,
                                           support: adapterSupport)
        do {
            setup.critic = try chooseCritic(config, setup: setup)
        } catch let error as ReelError {
            setup.criticProblem = error
        }
        return setup
    }

    /// What to say of the project's critic before it is paid: a model the catalog has no
    /// price for is spent on without being counted, and the budget cap cannot stop it.
    func criticNotes(_ setup: ProviderSetup) -> [String] {
        guard let critic = setup.critic, critic.provider != "ollama",
              !critic.prices.contains(where: { $0.id == critic.model }) else { return [] }
        return ["the critic \(critic.provider)/\(critic.model) has no price in the model catalog: what it costs is not counted, and "
                + "the budget cap does not cover it (give it a price in models.yaml: `reel providers` shows the catalog)"]
    }

    /// Fails with what to do when the project names a critic that cannot be used.
    func requireCritic(_ setup: ProviderSetup) throws {
        if let problem = setup.criticProblem {
            throw ReelError(problem.code, "the critic: " + problem.message, at: problem.location,
                            hint: (problem.hint.map { $0 + "; " } ?? "") + "or leave `critic` out of reel.yaml (and REEL_CRITIC unset)")
        }
    }

    /// What adapters share: the HTTP client, ffprobe, `REEL_POLL_INTERVAL` seconds between polls.
    var adapterSupport: AdapterSupport {
        let probe = toolchain.ffprobe.map { MediaProbe(ffprobe: $0, runner: runner) }
        return AdapterSupport(probe: probe, pollInterval: environment["REEL_POLL_INTERVAL"].flatMap(Double.init))
    }

    /// The local generators with the configured remote ones (providers given to the studio
    /// directly — tests, embedding apps — win over configured ones of the same id).
    func generators(_ setup: ProviderSetup?) -> Generators {
        var g = localGenerators()
        g.videos = (setup?.videos ?? [:]).merging(videoProviders) { $1 }
        g.images = setup?.images ?? [:]
        if let voice = setup?.speech.values.first { g.speech = voice }
        if let effects = setup?.effects.values.first { g.effects = effects }
        g.lipSync = setup?.lipSync.values.first
        if let id = setup?.defaultMusic, let music = setup?.music[id] { g.music = music }
        g.musics = setup?.music ?? [:]
        g.song = setup?.song
        g.critic = setup?.critic
        return g
    }

    /// Fails with what to do when `reel.yaml` names a speech provider that cannot be used.
    func requireVoices(_ production: Production, setup: ProviderSetup) throws {
        guard let voices = production.config.voices, setup.speech[voices] == nil else { return }
        guard let status = setup.providers.first(where: { $0.entry.id == voices }), status.entry.speech != nil else {
            let speakers = setup.providers.filter { $0.entry.speech != nil }.map(\.entry.id.rawValue)
            throw ReelError(.configuration, "voices: \(voices) is not a speech provider", at: "reel.yaml",
                            hint: "use one of \(speakers.joined(separator: ", ")), or leave `voices` out for espeak-ng")
        }
        throw ReelError(.configuration, "\(status.entry.name) is not configured: \(status.missing ?? "")", at: "reel.yaml voices",
                        hint: "keys go in the environment or ~/.config/reel/credentials (chmod 600); or leave `voices` out")
    }

    /// Fails with what to do when `reel.yaml` names a sound-effect provider that cannot be used.
    func requireEffects(_ production: Production, setup: ProviderSetup) throws {
        guard let effects = production.config.effects, effects != ProjectConfig.proceduralEffects else { return }
        try requireConfigured(effects, key: "effects", what: "sound-effect", made: setup.effects[effects] != nil, setup: setup,
                              makes: { $0.effects != nil }, otherwise: "procedural (offline)", leaveOut: "none, or leave it out for Reel's own")
    }

    /// Fails with what to do when `reel.yaml` names a music provider that cannot be used.
    func requireMusic(_ production: Production, setup: ProviderSetup) throws {
        guard let music = production.config.music else { return }
        try requireConfigured(music, key: "music", what: "music", made: setup.music[music] != nil, setup: setup,
                              makes: { $0.music != nil }, otherwise: "procedural (offline)", leaveOut: "leave it out for Reel's own")
    }

    /// Fails with what to do when `reel.yaml` names a lip-sync provider that cannot be used.
    func requireLipSync(_ production: Production, setup: ProviderSetup) throws {
        guard let lipSync = production.config.lipSync else { return }
        try requireConfigured(lipSync, key: "lipsync", what: "lip-sync", made: setup.lipSync[lipSync] != nil, setup: setup,
                              makes: { $0.lipSync != nil }, otherwise: nil, leaveOut: "leave it out")
    }

    /// Fails with what to do when `KEY: PROVIDER` in reel.yaml names a provider that does not
    /// make this (`makes`), or one whose keys are missing; nothing when its adapter was `made`.
    func requireConfigured(_ provider: ProviderID, key: String, what: String, made: Bool, setup: ProviderSetup,
                           makes: (ProviderEntry) -> Bool, otherwise: String?, leaveOut: String) throws {
        guard !made else { return }
        guard let status = setup.providers.first(where: { $0.entry.id == provider }), makes(status.entry) else {
            let makers = ([otherwise].compactMap { $0 } + setup.providers.filter { makes($0.entry) }.map(\.entry.id.rawValue))
            throw ReelError(.configuration, "\(key): \(provider) is not a \(what) provider", at: "reel.yaml",
                            hint: "use \(makers.joined(separator: ", ")); or \(leaveOut)")
        }
        throw ReelError(.configuration, "\(status.entry.name) is not configured: \(status.missing ?? "")", at: "reel.yaml \(key)",
                        hint: "keys go in the environment or ~/.config/reel/credentials (chmod 600); or \(leaveOut)")
    }

    /// What a shot asks of a model.
    /// - Parameter mode: how a remote take is made (``FilmGraphBuilder/remoteMode(for:)``, which
    ///   knows the frames a shot starts and ends on); nil for a shot with none.
    /// - Parameter nativeAudio: `audio: native`: a shot with lines wants a model that makes sound.
    static func needs(_ shot: Shot, board: Storyboard, mode: GenerationMode? = nil, nativeAudio: Bool = false) -> ShotNeeds {
        let mode = mode ?? FilmGraphBuilder.remoteMode(for: shot, in: board)
        // The fewest images the references can go as: one per subject (its sheet).
        let references = mode == .references ? board.referenceSubjects(for: shot).count : 0
        return ShotNeeds(shot: shot.id, scene: shot.scene, mode: mode,
                         seconds: shot.duration.seconds,
                         aspect: board.format.aspect, size: board.format.size, references: references,
                         wantsNativeAudio: nativeAudio && !shot.dialogue.isEmpty)
    }

    /// Chooses the provider and model for a new take of `shot`: a pin for the shot or its
    /// scene first, then `requested` (or the project's provider); `auto` asks the router.
    /// A shot no configured model can make falls back to the animatic, with the reasons.
    func plan(_ shot: Shot, board: Storyboard, production: Production, setup: ProviderSetup,
              requested: ProviderID?, builder: FilmGraphBuilder) -> TakePlan {
        let local = localGenerators().video.descriptor.id
        let policy = setup.router.policy
        let pin = policy.shotPins[shot.id] ?? policy.scenePins[shot.scene]
        let chosen = pin.map { ProviderID($0) } ?? requested ?? production.config.provider
        if chosen == local { return TakePlan(provider: local, model: "default", reasons: ["the animatic (\(pin != nil ? "pinned" : "the project's provider"))"]) }
        var router = setup.router
        router.configured.formUnion(videoProviders.keys)
        if chosen.rawValue != "auto", pin == nil { router.policy.pin = chosen.rawValue }
        let decision = router.route(Self.needs(shot, board: board, mode: builder.remoteMode(for: shot),
                                               nativeAudio: builder.settings.nativeAudio))
        guard let model = decision.model else {
            if chosen.rawValue != "auto", videoProviders[chosen] != nil || setup.videos[chosen] != nil,
               setup.catalog.models(of: chosen).isEmpty {
                // A provider the catalog does not describe: its default model, the shot's length.
                return TakePlan(provider: chosen, model: "default",
                                reasons: ["\(chosen): not in the catalog; its default model", builder.remoteModeReason(for: shot)])
            }
            return TakePlan(provider: local, model: "default",
                            reasons: ["the animatic stands in: " + decision.reasons.joined(separator: "; ")], fallback: true)
        }
        let exact = abs(decision.seconds - shot.duration.seconds) < 0.001
        return TakePlan(provider: model.provider, model: model.id,
                        generatedMilliseconds: exact ? nil : Int64((decision.seconds * 1000).rounded()),
                        fit: exact ? nil : decision.fit, estimate: decision.estimate,
                        reasons: decision.reasons + [builder.remoteModeReason(for: shot)])
    }
}
