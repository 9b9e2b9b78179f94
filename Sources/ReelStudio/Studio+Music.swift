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

    /// True when it changes what the takes are (not only which one plays).
    var remakes: Bool { reset || prompt != nil || mood != nil || provider != nil }
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
    public var provider: ProviderID
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
            let asked = production.config.sceneMusic[scene.id] ?? SceneMusic()
            let lead = k == 0 ? RationalTime.zero : FilmGraphBuilder.musicOverlap
            let trail = k == board.scenes.count - 1 ? RationalTime.zero : FilmGraphBuilder.musicOverlap
            var report = SceneMusicReport(scene: scene.id, heading: scene.heading, start: (start - lead).seconds,
                                          length: (lead + length + trail).seconds, mood: asked.mood ?? scene.mood,
                                          sceneMood: scene.mood, prompt: "", ownPrompt: asked.prompt != nil,
                                          provider: asked.provider ?? builder.generators.music.descriptor.id, paid: false,
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
        let known = Set(board.scenes.map(\.id))
        for id in production.config.sceneMusic.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !known.contains(id) {
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
        var cue = change.reset ? SceneMusic() : production.config.sceneMusic[scene.id] ?? SceneMusic()
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
        if change.remakes && change.pick == nil { cue.pick = 1 }
        if let pick = change.pick {
            guard (1...cue.takes).contains(pick) else {
                throw ReelError(.usage, "scene \(scene.id)'s music has \(Plural.count(cue.takes, "take")), so there is no take \(pick) to pick",
                                hint: "make more first: `reel music --scene \(scene.id) --takes \(pick)`")
            }
            cue.pick = pick
        }
        var next = production
        next.config.sceneMusic[scene.id] = cue.isDefault ? nil : cue
        if let provider = cue.provider, provider != ProceduralMusic.id {
            let setup = try providerSetup(next)
            try requireConfigured(provider, key: "scene_music.\(scene.id).provider", what: "music", made: setup.music[provider] != nil,
                                  setup: setup, makes: { $0.music != nil }, otherwise: "procedural (offline)",
                                  leaveOut: "leave it out for `music:`'s provider")
        }
        guard write else { return (next, scene.id) }
        let configURL = directory.appendingPathComponent(ProjectConfig.fileName)
        let before = try String(contentsOf: configURL, encoding: .utf8)
        let scenes = next.config.sceneMusic
        let text = try ProjectConfig.replacingBlock("scene_music", in: before, with: SceneMusic.yamlBlock(scenes), file: configURL.path,
                                                    hint: "edit the scene_music: block by hand, or remove it and ask again",
                                                    expecting: { $0.sceneMusic = scenes })
        if text != before { try OutputFile.write(Data(text.utf8), at: configURL) }
        return (next, scene.id)
    }

    /// Makes the takes of a scene's music that are not made yet (`reel music --scene 2 --takes
    /// 3`): a job each, made once, within the budget, resumed after Ctrl-C like any other run.
    public func makeMusic(_ production: Production, scene name: String, dryRun: Bool = false,
                          events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> GenerateResult {
        let board = try await plan(production, save: false)
        let (k, scene) = try Self.musicScene(name, in: board, song: production.config.song)
        let setup = try providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        var graph = JobGraph()
        for number in 1...(production.config.sceneMusic[scene.id]?.takes ?? 1) {
            graph.add(try builder.musicCue(k, take: number, id: NodeID("music:\(scene.id)#\(number)")).node)
        }
        return try await runOrForecast(graph, added: [], covered: [], board: board, production: production,
                                       generators: builder.generators, command: "music", dryRun: dryRun, events: events)
    }

    /// The scene `name` names (`2`, `S02`, `s2`), with shots, and not the one the song plays over.
    static func musicScene(_ name: String, in board: Storyboard, song: SongSettings?) throws -> (index: Int, scene: StoryScene) {
        let scenes = board.scenes.filter { scene in board.shots.contains { $0.scene == scene.id } }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        var bare = trimmed.uppercased().hasPrefix("S") ? String(trimmed.dropFirst()) : trimmed
        while bare.count > 1, bare.hasPrefix("0") { bare.removeFirst() }
        guard let scene = scenes.first(where: { $0.id.rawValue == trimmed }) ?? scenes.first(where: { $0.id.rawValue == bare }) else {
            let ids = scenes.map(\.id.rawValue)
            throw ReelError(.usage, "the storyboard has no scene \(trimmed.prefix(40))",
                            hint: "its scenes: " + ids.prefix(20).joined(separator: ", ") + (ids.count > 20 ? ", …" : "") + " (see `reel music`)")
        }
        if let song, songScene(song.at, in: board) == scene.id {
            throw ReelError(.usage, "the song “\(song.title)” plays over scene \(scene.id), in place of its music",
                            hint: "give the song the other end (`reel song --at \(song.at == .end ? "opening" : "end")`) or remove it (`reel song --remove`)")
        }
        return (board.scenes.firstIndex(of: scene) ?? 0, scene)
    }
}
