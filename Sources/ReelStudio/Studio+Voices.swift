import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// One speech provider's voices, as `reel voices` lists them.
public struct VoiceShelf: Sendable, Codable, Hashable {
    public var provider: ProviderID
    public var name: String
    /// Speaks on this machine, without a key.
    public var offline: Bool
    /// Speaks this project's lines (`voices:` in reel.yaml; espeak-ng when it is left out).
    public var speaksThisProject: Bool
    /// Takes voice ids beyond those listed (the account's own, cloned or designed voices).
    public var takesOtherVoices: Bool
    /// The line each sample speaks.
    public var sampleLine: String
    public var voices: [ListedVoice]
}

/// A voice on a ``VoiceShelf``.
public struct ListedVoice: Sendable, Codable, Hashable {
    public var voice: VoiceOption
    /// The sample file, when `--sample` made one.
    public var sample: String?
}

/// What `reel voices` asks.
public struct VoiceQuery: Sendable, Hashable {
    /// One provider's voices; nil: every speech provider's.
    public var provider: ProviderID?
    /// Only voices that speak it well.
    public var language: Language?
    /// Voice a sample line with each listed voice into `renders/voice-samples/` (the
    /// provider that speaks the project's lines, or espeak-ng).
    public var samples = false

    public init(provider: ProviderID? = nil, language: Language? = nil, samples: Bool = false) {
        self.provider = provider
        self.language = language
        self.samples = samples
    }
}

/// What `reel cast voice NAME` asks: each field left nil keeps what is there.
public struct VoiceCasting: Sendable, Hashable {
    public var name: String
    /// `provider:id` (`minimax:female-shaonv`), or an id or name of the provider that speaks
    /// the project's lines (`nova`, `f4`).
    public var voice: String?
    public var gender: Voice.Gender?
    public var pitch: Int?
    public var pace: Int?
    /// Forgets what was cast: the planner's voice again.
    public var reset = false
    /// Voices the character's first line (or a sample line) into `renders/voice-samples/`.
    public var sample = false

    public init(name: String, voice: String? = nil, gender: Voice.Gender? = nil, pitch: Int? = nil, pace: Int? = nil,
                reset: Bool = false, sample: Bool = false) {
        self.name = name
        self.voice = voice
        self.gender = gender
        self.pitch = pitch
        self.pace = pace
        self.reset = reset
        self.sample = sample
    }

    /// True when it changes nothing (a question: what is this character's voice?).
    public var changesNothing: Bool { voice == nil && gender == nil && pitch == nil && pace == nil && !reset }
}

/// A character's voice as `reel cast` shows it.
public struct CastVoice: Sendable, Codable, Hashable {
    public var gender: Voice.Gender
    public var pitch: Int
    public var pace: Int
    /// The voices the user chose, by provider: `{"minimax": "female-shaonv"}`.
    public var chosen: [String: String]
    /// True when the user cast any of it (`reel cast voice`); false: the planner's guess.
    public var cast: Bool
    /// Who speaks the project's lines, and the voice this character gets there.
    public var provider: ProviderID
    public var heard: String
    /// The sample just made (`reel cast voice --sample`), and its name under the studio's
    /// media route (to play it in a browser).
    public var sample: String?
    public var sampleMedia: String?
}

extension Studio {
    /// The line voice samples speak, in `language`.
    static func sampleLine(_ language: Language) -> String {
        language == .chinese ? "我没想到，还会在这里见到你。" : "I never thought I'd see you here again."
    }

    /// Who speaks a project's lines: `voices:` in reel.yaml, else espeak-ng.
    static func speakingProvider(_ config: ProjectConfig?) -> ProviderID {
        config?.voices ?? "espeak"
    }

    /// Every speech provider's voices (or one's), known without keys; with `samples`, each
    /// listed voice speaks the sample line into `renders/voice-samples/` (run as jobs, so a
    /// sample is made once and paid once).
    public func voices(_ production: Production?, _ query: VoiceQuery) async throws -> [VoiceShelf] {
        let speaking = Self.speakingProvider(production?.config)
        let all = VoiceDirectory.shelves
        if let wanted = query.provider, !all.contains(where: { $0.provider == wanted }) {
            throw ReelError(.usage, "\(wanted) is not a speech provider (--provider)",
                            hint: "speech providers: \(all.map(\.provider.rawValue).joined(separator: ", "))")
        }
        let language = query.language ?? .english
        var shelves = all.filter { query.provider == nil || $0.provider == query.provider }.map { shelf in
            VoiceShelf(provider: shelf.provider, name: shelf.name, offline: shelf.isLocal, speaksThisProject: shelf.provider == speaking,
                       takesOtherVoices: shelf.takesOtherVoices, sampleLine: Self.sampleLine(language),
                       voices: shelf.voices.filter { query.language.map($0.languages.contains) ?? true }.map { ListedVoice(voice: $0) })
        }
        guard query.samples else { return shelves }
        guard let production else {
            throw ReelError(.usage, "voice samples are made in a project", hint: "run it in a project folder (`reel init`), or leave --sample out")
        }
        let sampled = query.provider ?? speaking
        guard let index = shelves.firstIndex(where: { $0.provider == sampled }) else { return shelves }
        let files = try await voiceSamples(production, voices: shelves[index].voices.map(\.voice), language: language)
        for i in shelves[index].voices.indices { shelves[index].voices[i].sample = files[shelves[index].voices[i].voice.id]?.path }
        return shelves
    }

    /// Voices the sample line with each of `voices` (all of one provider): one job each, run
    /// together, copied to `renders/voice-samples/PROVIDER-ID.EXT`.
    func voiceSamples(_ production: Production, voices: [VoiceOption], language: Language) async throws -> [String: URL] {
        guard let provider = voices.first?.provider else { return [:] }
        let generators = try await speakingGenerators(production, provider: provider)
        var graph = JobGraph()
        var ids: [String: NodeID] = [:]
        for option in voices {
            let speaker = Subject(id: "char:sample", kind: .character, name: "sample",
                                  voice: Voice(gender: option.gender, providerVoice: [provider.rawValue: option.id]))
            let id = NodeID("voice-sample:\(provider):\(option.id)")
            graph.add(try generators.voiceNode(id, line: Self.sampleLine(language), language: language, speaker: speaker, shot: nil))
            ids[option.id] = id
        }
        let summary = try await run(graph, in: production, generators: generators, command: "voices --sample", events: nil)
        try Studio.requireSuccess(summary, graph: graph)
        var files: [String: URL] = [:]
        for (voice, id) in ids {
            guard let asset = summary.outputs[id]?.asset else { continue }
            files[voice] = try installSample(asset, production: production, name: "\(provider)-\(voice)")
        }
        return files
    }

    /// The generators with `provider` speaking: espeak-ng, or the project's speech provider
    /// (samples of another remote provider would need it configured as `voices:`).
    func speakingGenerators(_ production: Production, provider: ProviderID) async throws -> Generators {
        var generators = localGenerators()
        if provider == generators.speech.descriptor.id { return generators }
        let setup = try providerSetup(production)
        try requireVoices(production, setup: setup)
        guard let speech = setup.speech[provider] else {
            throw ReelError(.usage, "samples of \(provider) voices are made by \(provider) itself, and this project speaks with "
                                + "\(Self.speakingProvider(production.config))",
                            hint: "set `voices: \(provider)` in reel.yaml (with its key) to hear them, or ask for espeak-ng's (--provider espeak)")
        }
        generators.speech = speech
        return generators
    }

    /// Copies a sample out of the store to `renders/voice-samples/NAME.EXT`, whole or not at all.
    func installSample(_ asset: Asset, production: Production, name: String) throws -> URL {
        let folder = production.rendersDirectory.appendingPathComponent("voice-samples", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(OutputFile.safeName(name) + "." + Asset.fileExtension(for: asset.mediaType))
        try OutputFile.install(production.blobs.url(for: asset), at: file)
        return file
    }

    /// Casts a character's voice: a provider's voice, gender, pitch and pace, laid over the
    /// planner's guess and kept with the cast. That character's lines are voiced anew with it
    /// the next time the film is made (everyone else's keep their jobs); a new gender also
    /// redraws the character on the panels, so their shots get new versions (picks hold).
    /// With nothing to change, says what the voice is.
    public func castVoice(_ production: Production, _ casting: VoiceCasting) async throws -> CastMember {
        let board = try await plan(production, save: false)
        let subject = try character(casting.name, in: board)
        try await production.changingCast {
            var entry = try await production.cast.castEntries()[subject.id] ?? CastEntry(kind: .character, name: subject.name)
            if !casting.changesNothing {
                var choice = casting.reset ? VoiceChoice() : entry.voice ?? VoiceChoice()
                if let text = casting.voice {
                    let option = try voiceOption(text, config: production.config)
                    // Only this provider's voice: the gender (which the other providers cast by, and
                    // the panels draw) changes only when asked (--gender).
                    choice.providerVoice[option.provider.rawValue] = option.id
                }
                for (value, flag) in [(casting.pitch, "--pitch"), (casting.pace, "--pace")] {
                    guard let value, !VoiceChoice.range.contains(value) else { continue }
                    throw ReelError(.usage, "\(flag) \(value) is out of range", hint: "give -10 … +10 (0 is the voice as it is)")
                }
                if let gender = casting.gender { choice.gender = gender }
                if let pitch = casting.pitch { choice.pitch = pitch }
                if let pace = casting.pace { choice.pace = pace }
                entry.voice = choice.isEmpty ? nil : choice
                try await production.cast.saveCastEntry(entry, for: subject.id)
            }
        }
        let saved = casting.changesNothing ? board : try await plan(production, save: true)
        guard let cast = saved.subject(subject.id) else {
            throw ReelError(.internalError, "\(subject.name) was cast but is not in the storyboard", hint: "this is a bug; please report it")
        }
        var member = try await castMember(cast, board: saved, production: production)
        if casting.sample {
            let (file, asset) = try await voiceSample(of: cast, board: saved, production: production)
            member.voice?.sample = file.path
            member.voice?.sampleMedia = Studio.mediaName(asset)
        }
        return member
    }

    /// The character `name` names (its name or id, any case), or one clear error.
    func character(_ name: String, in board: Storyboard) throws -> Subject {
        let wanted = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let characters = board.subjects.filter { $0.kind == .character }
        guard let subject = board.subjects.first(where: { $0.id.rawValue.lowercased() == wanted || $0.name.lowercased() == wanted })
        else {
            let names = characters.map(\.name)
            let near = Spelling.nearest(to: name, among: names).map { "did you mean \($0)? " } ?? ""
            throw ReelError(.notFound, "no character called \(name)",
                            hint: names.isEmpty ? "the script has no characters yet; `reel cast add NAME` adds one"
                                : "\(near)the characters are \(names.joined(separator: ", "))")
        }
        guard subject.kind == .character else {
            throw ReelError(.usage, "\(subject.name) is a \(subject.kind.rawValue); only characters have voices",
                            hint: "the characters are \(characters.map(\.name).joined(separator: ", "))")
        }
        return subject
    }

    /// The voice `text` names: `provider:id`, or an id or name on the provider that speaks
    /// the project's lines.
    func voiceOption(_ text: String, config: ProjectConfig) throws -> VoiceOption {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var provider = Self.speakingProvider(config)
        var id = trimmed
        if let colon = trimmed.firstIndex(of: ":") {
            provider = ProviderID(String(trimmed[..<colon]).lowercased())
            id = String(trimmed[trimmed.index(after: colon)...])
        }
        guard let shelf = VoiceDirectory.shelf(provider) else {
            throw ReelError(.usage, "\(provider) is not a speech provider (--voice \(trimmed))",
                            hint: "speech providers: \(VoiceDirectory.shelves.map(\.provider.rawValue).joined(separator: ", ")); "
                                + "write PROVIDER:VOICE, e.g. minimax:female-shaonv")
        }
        guard !id.isEmpty, let option = shelf.voice(id) else {
            let near = Spelling.nearest(to: id, among: shelf.voices.map(\.id)).map { "did you mean \(provider):\($0)? " } ?? ""
            throw ReelError(.notFound, "\(shelf.name) has no voice called \(id.isEmpty ? "\"\"" : id)",
                            hint: "\(near)`reel voices --provider \(provider)` lists them")
        }
        return option
    }

    /// Voices `subject`'s first line in the film (or the sample line) as the film would, and
    /// copies it to `renders/voice-samples/`: the same job as the film's line, so hearing it
    /// costs nothing more when the film is made.
    func voiceSample(of subject: Subject, board: Storyboard, production: Production) async throws -> (URL, Asset) {
        let setup = try providerSetup(production)
        try requireVoices(production, setup: setup)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        let first = board.shots.lazy.flatMap { shot in shot.dialogue.map { (shot.id, $0) } }.first { $0.1.speaker == subject.id }
        let language = first?.1.language ?? board.language
        let id = NodeID("voice-sample:\(subject.id)")
        var graph = JobGraph()
        graph.add(try builder.generators.voiceNode(id, line: first?.1.text ?? Self.sampleLine(language), language: language,
                                        speaker: subject, shot: first?.0))
        let summary = try await run(graph, in: production, generators: builder.generators, command: "cast voice --sample", events: nil)
        try Studio.requireSuccess(summary, graph: graph)
        guard let asset = summary.outputs[id]?.asset else {
            throw ReelError(.internalError, "the sample was voiced but not stored", hint: "this is a bug; please report it")
        }
        return (try installSample(asset, production: production, name: subject.name), asset)
    }

    /// How a character sounds in this project: what was cast, and what the speech provider
    /// that speaks its lines makes of it.
    func castVoice(of subject: Subject, board: Storyboard, entry: CastEntry?, speech: any SpeechGenerator,
                   speaking: ProviderID) -> CastVoice? {
        guard subject.kind == .character else { return nil }
        let voice = subject.voice ?? Voice(gender: .unknown)
        let language = board.shots.lazy.flatMap(\.dialogue).first { $0.speaker == subject.id }?.language ?? board.language
        let heard = speech.descriptor.id == speaking
            ? speech.voiceName(for: voice, speaker: subject.name, language: language)
            : voice.providerVoice[speaking.rawValue] ?? "(\(speaking) is not configured)"
        return CastVoice(gender: voice.gender, pitch: voice.pitch, pace: voice.pace, chosen: entry?.voice?.providerVoice ?? [:],
                         cast: entry?.voice != nil, provider: speaking, heard: heard)
    }
}
