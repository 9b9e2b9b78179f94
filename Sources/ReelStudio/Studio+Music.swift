import Foundation
import ReelEngine
import ReelModel
import ReelProviders

/// What `reel music --scene` (and `PUT …/music/{scene}`, MCP's `set_music`) changes of a
/// scene's music. Nil leaves a setting as it is; an empty text goes back to the default.
public struct MusicChange: Sendable, Hashable {
    /// The scene, as `reel plan` numbers it (`2`; `S02` and `s2` are read as `2`).
    public var scene: String
    /// What a music model is asked for; "" goes back to the scene's mood and place.
    public var prompt: String?
    /// The mood the cue is written in; "" goes back to the scene's.
    public var mood: String?
    /// Who makes it; "" goes back to `music:`'s provider.
    public var provider: String?
    /// How many takes to choose from (1 to ``SceneMusic/takeLimit``).
    public var takes: Int?
    /// The take the film plays.
    public var pick: Int?
    /// Forget what the scene asked: it plays what its mood gives it again.
    public var reset: Bool

    public init(scene: String, prompt: String? = nil, mood: String? = nil, provider: String? = nil, takes: Int? = nil,
                pick: Int? = nil, reset: Bool = false) {
        self.scene = scene
        self.prompt = prompt
        self.mood = mood
        self.provider = provider
        self.takes = takes
        self.pick = pick
        self.reset = reset
    }
}

/// Every scene's music as `reel music` shows it.
public struct MusicReport: Sendable, Codable, Hashable {
    public var scenes: [SceneMusicReport]
    public var warnings: [String]
}

/// A scene's music: what it is asked, who makes it, its takes and the one the film plays.
public struct SceneMusicReport: Sendable, Codable, Hashable {
    public var scene: SceneID
    public var heading: String
    /// Where its music starts in the film and for how long it plays (seconds, with the
    /// second it overlaps each neighbour).
    public var start: Double
    public var length: Double
    /// The mood its music is written in, and the scene's own when another was asked.
    public var mood: Mood
    public var sceneMood: Mood
    /// What the model is asked (with the film's style), and whether those are the director's words.
    public var prompt: String
    public var ownPrompt: Bool
    /// The director's words as asked (without the film's style); nil for none.
    public var words: String?
    /// Who makes it, and who the scene names (nil: `music:`'s provider).
    public var provider: ProviderID
    public var ownProvider: ProviderID?
    /// False for Reel's offline score (free, made on this machine).
    public var paid: Bool
    /// The song's title when the song plays over this scene instead (its takes are not made).
    public var song: String?
    public var pick: Int
    public var takes: [MusicTakeReport]
}

/// One take of a scene's music.
public struct MusicTakeReport: Sendable, Codable, Hashable {
    public var number: Int
    public var picked: Bool
    /// `made`, `not made`, `submitted` (the provider has it: fetched, not paid again), `failed`.
    public var state: String
    /// The take's file in the media store, when it is made, and its name there (`<sha256>.wav`,
    /// what the server's `…/media/{name}` serves).
    public var file: String?
    public var media: String?
    public var cost: String?
    /// The estimate of a take not made yet, from a provider that charges.
    public var estimate: String?
    public var failure: String?
}

extension Studio {
    /// Every scene's music: what it is asked, its takes and which one the film plays.
    public func music(_ production: Production) async throws -> MusicReport {
        let board = try await plan(production, save: false)
        let setup = try? providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        let sung = builder.song.flatMap { Studio.songScene($0.settings.at, in: board) }
        var scenes: [SceneMusicReport] = []
        var warnings: [String] = []
        var start = RationalTime.zero
        for (k, scene) in board.scenes.enumerated() {
            let length = board.shots.filter { $0.scene == scene.id }.reduce(RationalTime.zero) { $0 + $1.duration }
            guard length > .zero else { continue }
            defer { start = start + length }
            let asked = builder.sceneMusic[scene.id] ?? SceneMusic()
            let lead = k == 0 ? RationalTime.zero : FilmGraphBuilder.musicOverlap
            let trail = k == board.scenes.count - 1 ? RationalTime.zero : FilmGraphBuilder.musicOverlap
            var report = SceneMusicReport(scene: scene.id, heading: scene.heading, start: (start - lead).seconds,
                                          length: (lead + length + trail).seconds, mood: asked.mood ?? scene.mood,
                                          sceneMood: scene.mood, prompt: "", ownPrompt: asked.prompt != nil, words: asked.prompt,
                                          provider: asked.provider ?? builder.generators.music.descriptor.id,
                                          ownProvider: asked.provider, paid: false,
                                          pick: asked.pick, takes: [])
            if scene.id == sung, let song = builder.song {
                report.song = song.settings.title
                scenes.append(report)
                continue
            }
            do {
                for number in 1...asked.takes {
                    let cue = try builder.musicCue(k, take: number, id: NodeID("music:\(scene.id)#\(number)"))
                    report.prompt = cue.request.prompt
                    report.paid = !cue.generator.descriptor.isLocal
                    report.takes.append(try await musicTake(cue.node, number: number, picked: number == asked.pick, production: production))
                }
            } catch let error as ReelError {
                warnings.append(error.message)
            }
            scenes.append(report)
        }
        for id in production.config.sceneMusic.keys.sorted(by: { $0.rawValue < $1.rawValue }) where Self.sceneID(id.rawValue, in: board) == nil {
            warnings.append("reel.yaml asks for music for scene \(id), which the storyboard does not have: it does nothing")
        }
        return MusicReport(scenes: scenes, warnings: warnings)
    }

    /// One scene's music (`2`, `S02`), as ``music(_:)`` reports it.
    public func music(_ production: Production, scene name: String) async throws -> SceneMusicReport {
        let board = try await plan(production, save: false)
        let id = try Self.musicScene(name, in: board, song: nil).scene.id
        guard let scene = try await music(production).scenes.first(where: { $0.scene == id }) else {
            throw ReelError(.usage, "scene \(id) has no shots, so no music", hint: "`reel music` lists the scenes")
        }
        return scene
    }

    /// Take `number` of a scene's music as the journal and the media store have it.
    func musicTake(_ node: GraphNode, number: Int, picked: Bool, production: Production) async throws -> MusicTakeReport {
        var take = MusicTakeReport(number: number, picked: picked, state: "not made")
        switch try await production.journal.entry(for: CacheKey(spec: node.spec, inputs: []))?.state {
        case .succeeded(let output) where production.blobs.contains(output.asset):
            take.state = "made"
            let url = production.blobs.url(for: output.asset)
            take.file = url.path
            take.media = url.lastPathComponent
            take.cost = output.cost.map(\.description)
        case .submitted:
            take.state = "submitted"
        case .failed(let failure):
            take.state = "failed"
            take.failure = failure.message
        default:
            break
        }
        if take.state != "made", let estimate = node.estimatedCost, estimate.micros > 0 { take.estimate = estimate.description }
        return take
    }

    /// Changes what a scene asks of its music (reel.yaml's `scene_music:`, the file's other
    /// lines as they were) and answers the production as changed. New words, mood or provider
    /// make new takes, so the pick goes back to the first unless one is named. Refused with
    /// nothing changed: a scene the storyboard does not have or the song plays over, a mood
    /// Reel does not know, a provider that makes no music or is not configured, a pick of a
    /// take there is not. With `write` false nothing is written (a dry run). Answers the
    /// production as changed and the scene's id as the storyboard has it.
    public func setMusic(_ production: Production, _ change: MusicChange, write: Bool = true) async throws
        -> (production: Production, scene: SceneID)
    {
        guard let directory = production.workspace.projectDirectory else {
            throw ReelError(.usage, "a scene's music belongs to a project, and \(production.script.lastPathComponent) is a loose script",
                            hint: "make a project first: `reel init DIR --script \(production.script.lastPathComponent)`")
        }
        let board = try await plan(production, save: false)
        let (_, scene) = try Self.musicScene(change.scene, in: board, song: production.config.song)
        let key = production.config.sceneMusic.keys.first { Self.sceneID($0.rawValue, in: board) == scene.id } ?? scene.id
        let before = production.config.sceneMusic[key] ?? SceneMusic()
        var cue = change.reset ? SceneMusic() : before
        if let prompt = change.prompt.map(Self.oneLine) {
            guard prompt.count <= SceneMusic.promptLimit else {
                throw ReelError(.usage, "\(prompt.count) characters are too many for a scene's music (\(SceneMusic.promptLimit) at most)",
                                hint: "say the instruments, the tempo and the feeling in a line")
            }
            cue.prompt = prompt.isEmpty ? nil : prompt
        }
        if let word = change.mood?.trimmingCharacters(in: .whitespaces).lowercased() {
            guard word.isEmpty || Mood(rawValue: word) != nil else {
                throw ReelError(.usage, "\(word.prefix(40)) is not a mood Reel's score knows",
                                hint: "one of " + Mood.allCases.map(\.rawValue).joined(separator: ", "))
            }
            cue.mood = word.isEmpty ? nil : Mood(rawValue: word)
        }
        if let name = change.provider?.trimmingCharacters(in: .whitespaces).lowercased() {
            cue.provider = name.isEmpty ? nil : ProviderID(name)
        }
        if let takes = change.takes {
            guard (1...SceneMusic.takeLimit).contains(takes) else {
                throw ReelError(.usage, "a scene's music has 1 to \(SceneMusic.takeLimit) takes (asked for \(takes))",
                                hint: "`--takes 3` gives three to choose from")
            }
            cue.takes = takes
        }
        // Other words, provider or mood are other takes: the first plays until one is picked (a
        // model asked in words is sent no mood, so another mood leaves its takes as they are).
        let model = cue.provider == ProceduralMusic.id ? nil : cue.provider ?? production.config.music
        let moodMatters = model == nil || cue.prompt == nil
        if cue.prompt != before.prompt || cue.provider != before.provider || (moodMatters && cue.mood != before.mood) { cue.pick = 1 }
        if let pick = change.pick {
            guard (1...cue.takes).contains(pick) else {
                throw ReelError(.usage, "scene \(scene.id)'s music has \(Plural.count(cue.takes, "take")), so there is no take \(pick) to pick",
                                hint: "make more first: `reel music --scene \(scene.id) --takes \(pick)`")
            }
            cue.pick = pick
        }
        guard cue.pick <= cue.takes else {
            throw ReelError(.usage, "take \(cue.pick) of scene \(scene.id)'s music is picked, so it keeps at least \(cue.pick) takes",
                            hint: "pick one of the first \(cue.takes) as well: `reel music --scene \(scene.id) --takes \(cue.takes) --pick 1`")
        }
        var next = production
        next.config.sceneMusic[key] = nil
        next.config.sceneMusic[scene.id] = cue.isDefault ? nil : cue
        if let provider = cue.model {
            let setup = try providerSetup(next)
            var only = next
            only.config.sceneMusic = [scene.id: SceneMusic(provider: provider)]
            try requireSceneMusic(only, setup: setup)
        }
        guard write else { return (next, scene.id) }
        let configURL = directory.appendingPathComponent(ProjectConfig.fileName)
        let file = try String(contentsOf: configURL, encoding: .utf8)
        let scenes = next.config.sceneMusic.filter { !$0.value.isDefault }
        let text = try ProjectConfig.replacingBlock("scene_music", in: file, with: SceneMusic.yamlBlock(scenes), file: configURL.path,
                                                    hint: "edit the scene_music: block by hand, or remove it and ask again",
                                                    expecting: { $0.sceneMusic = scenes })
        if text != file { try OutputFile.write(Data(text.utf8), at: configURL) }
        return (next, scene.id)
    }

    /// Makes the takes of a scene's music that are not made yet (`reel music --scene 2 --takes
    /// 3`): a job each, made once, within the budget, resumed after Ctrl-C like any other run.
    public func makeMusic(_ production: Production, scene name: String, dryRun: Bool = false,
                          events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> GenerateResult {
        let board = try await plan(production, save: false)
        let (k, scene) = try Self.musicScene(name, in: board, song: production.config.song)
        let setup = try providerSetup(production)
        try requireMusic(production, setup: setup)
        try requireSceneMusic(production, setup: setup)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        var graph = JobGraph()
        for number in 1...(builder.sceneMusic[scene.id]?.takes ?? 1) {
            graph.add(try builder.musicCue(k, take: number, id: NodeID("music:\(scene.id)#\(number)")).node)
        }
        return try await runOrForecast(graph, added: [], covered: [], board: board, production: production,
                                       generators: builder.generators, command: "music", dryRun: dryRun, events: events)
    }

    /// The id of the scene `name` names: as written, or `S02`, `s2` and `02` read as `2`.
    static func sceneID(_ name: String, in board: Storyboard) -> SceneID? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        var bare = trimmed.uppercased().hasPrefix("S") ? String(trimmed.dropFirst()) : trimmed
        while bare.count > 1, bare.hasPrefix("0") { bare.removeFirst() }
        return (board.scenes.first { $0.id.rawValue == trimmed } ?? board.scenes.first { $0.id.rawValue == bare })?.id
    }

    /// What scenes ask of their music, by the storyboard's scene ids (a hand-written `S02:` is scene 2's).
    static func sceneMusic(_ asked: [SceneID: SceneMusic], in board: Storyboard) -> [SceneID: SceneMusic] {
        var out: [SceneID: SceneMusic] = [:]
        for (name, cue) in asked.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let id = sceneID(name.rawValue, in: board) ?? name
            if out[id] == nil || id == name { out[id] = cue }
        }
        return out
    }

    /// Fails with what to do when a scene names a music provider that cannot be used here.
    func requireSceneMusic(_ production: Production, setup: ProviderSetup) throws {
        for (scene, cue) in production.config.sceneMusic.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            guard let provider = cue.model else { continue }
            try requireConfigured(provider, key: "scene_music.\(scene).provider", what: "music", made: setup.music[provider] != nil,
                                  setup: setup, makes: { $0.music != nil }, otherwise: "procedural (offline)",
                                  leaveOut: "leave it out for `music:`'s provider")
        }
    }

    /// The scene `name` names (`2`, `S02`, `s2`), with shots, and not the one the song plays over.
    static func musicScene(_ name: String, in board: Storyboard, song: SongSettings?) throws -> (index: Int, scene: StoryScene) {
        let scenes = board.scenes.filter { scene in board.shots.contains { $0.scene == scene.id } }
        guard let id = sceneID(name, in: board), let scene = scenes.first(where: { $0.id == id }) else {
            let ids = scenes.map(\.id.rawValue)
            throw ReelError(.usage, "the storyboard has no scene \(name.trimmingCharacters(in: .whitespaces).prefix(40))",
                            hint: "its scenes: " + ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? ", …" : "") + " (see `reel music`)")
        }
        if let song, songScene(song.at, in: board) == scene.id {
            throw ReelError(.usage, "the song “\(song.title)” plays over scene \(scene.id), in place of its music",
                            hint: "give the song the other end (`reel song --at \(song.at == .end ? "opening" : "end")`) or remove it (`reel song --remove`)")
        }
        return (board.scenes.firstIndex(of: scene) ?? 0, scene)
    }
}
