import Foundation
import ReelMedia
import ReelModel
import ReelProviders
import Yams

/// The remote providers a project can use: the model catalog (built in, then the user's and
/// the project's `models.yaml` over it), which providers have their keys, their adapters,
/// and the router that picks a model per shot.
public struct ProviderSetup: Sendable {
    public var catalog: ModelCatalog
    /// Every provider Reel has an adapter for, with whether it is ready and why not.
    public var providers: [Status]
    /// Adapters of the configured video providers, by id.
    public var videos: [ProviderID: any VideoGenerator]
    /// Adapters of the configured image models (keyframes), by id.
    public var images: [ProviderID: any ImageGenerator] = [:]
    /// Adapters of the configured speech providers, by id.
    public var speech: [ProviderID: any SpeechGenerator] = [:]
    /// The adapter of the sound-effect provider `effects:` names, when it is configured.
    public var effects: [ProviderID: any SoundEffectGenerator] = [:]
    /// The adapters of the music providers `music:` and `scene_music:` name, when configured.
    public var music: [ProviderID: any MusicGenerator] = [:]
    /// `music:`: the provider that scores scenes that name none; nil for Reel's synthesiser.
    public var defaultMusic: ProviderID?
    /// The adapter of the provider the song names (`song.provider`), when it is configured.
    public var song: (any MusicGenerator)?
    /// The adapter of the lip-sync provider `lipsync:` names, when it is configured.
    public var lipSync: [ProviderID: any LipSyncGenerator] = [:]
    public var router: Router
    /// Where each catalog layer came from, in the order laid over each other.
    public var catalogSources: [String]
    /// The vision model that critiques new takes (`critic:` in reel.yaml, else `REEL_CRITIC`).
    var critic: Studio.Writer?
    /// Why the critic named cannot be used: said when takes are asked for, not by `reel providers`.
    var criticProblem: ReelError?

    /// One provider as `reel providers` shows it. Never holds a key.
    public struct Status: Sendable {
        public var entry: ProviderEntry
        public var config: ProviderConfig?
        public var baseURL: String
        /// Which of its keys are set, and where from (`environment` or the credentials file).
        public var keys: [(name: String, source: String?)]
        /// Why it cannot be used, when it cannot.
        public var missing: String?
        public var configured: Bool { missing == nil }
    }

    /// Loads everything for a project (or a loose script: `projectDirectory` nil).
    public static func load(environment: [String: String], config: ProjectConfig, projectDirectory: URL?,
                            support: AdapterSupport) throws -> ProviderSetup {
        var sources: [String] = []
        sources.append("built-in")
        var catalog = ModelCatalog(try builtinModels.get())
        let userFile = Credentials.configDirectory(environment).appendingPathComponent("models.yaml")
        var layers = [userFile]
        if let projectDirectory { layers.append(projectDirectory.appendingPathComponent("models.yaml")) }
        for file in layers where FileManager.default.fileExists(atPath: file.path) {
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                throw ReelError(.configuration, "cannot read the model catalog", at: file.path, hint: "check that it is UTF-8 text")
            }
            catalog = catalog.merging(try decode(text, source: file.path))
            sources.append(file.path)
        }

        let names = Set(ProviderDirectory.all.flatMap { $0.credentials + $0.optionalCredentials })
        let credentials = try Credentials.load(environment: environment, names: names)
        var statuses: [Status] = []
        var videos: [ProviderID: any VideoGenerator] = [:]
        var speech: [ProviderID: any SpeechGenerator] = [:]
        var images: [ProviderID: any ImageGenerator] = [:]
        var effects: [ProviderID: any SoundEffectGenerator] = [:]
        var lipSync: [ProviderID: any LipSyncGenerator] = [:]
        var music: [ProviderID: any MusicGenerator] = [:]
        var song: (any MusicGenerator)?
        for entry in ProviderDirectory.all {
            let settings = config.providers[entry.id]
            let base = environment[entry.baseURLVariable].flatMap { $0.isEmpty ? nil : $0 } ?? settings?.baseURL ?? entry.defaultBaseURL
            let keys = (entry.credentials + entry.optionalCredentials).map { ($0, credentials.sources[$0]) }
            var missing: String?
            let absent = entry.credentials.filter { credentials[$0] == nil }
            if !absent.isEmpty {
                missing = "set " + absent.joined(separator: " and ")
            } else if entry.credentials.isEmpty && settings == nil && environment[entry.baseURLVariable] == nil {
                missing = "needs no key, only its server's address: set \(entry.baseURLVariable) "
                    + "or `providers: { \(entry.id): { base_url: … } }` in reel.yaml"
            }
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https" else {
                throw ReelError(.configuration, "the base URL of \(entry.id) is not an http(s) URL",
                                at: environment[entry.baseURLVariable] != nil ? entry.baseURLVariable : "reel.yaml providers.\(entry.id).base_url",
                                hint: "for example \(entry.defaultBaseURL)")
            }
            var providerConfig: ProviderConfig?
            if missing == nil {
                var values: [String: Secret] = [:]
                for name in entry.credentials + entry.optionalCredentials { values[name] = credentials[name] }
                let made = ProviderConfig(id: entry.id, baseURL: url, credentials: values, options: settings?.options ?? [:],
                                          models: catalog.models(of: entry.id))
                providerConfig = made
                if let make = entry.video { videos[entry.id] = try make(made, support) }
                if let make = entry.image, entry.makesImages?(made) ?? true { images[entry.id] = try make(made, support) }
                if let make = entry.speech, config.voices == entry.id { speech[entry.id] = try make(made, support) }
                if let make = entry.effects, config.effects == entry.id { effects[entry.id] = try make(made, support) }
                if let make = entry.lipSync, config.lipSync == entry.id { lipSync[entry.id] = try make(made, support) }
                if let make = entry.music, config.music == entry.id || config.sceneMusic.values.contains(where: { $0.provider == entry.id }) {
                    music[entry.id] = try make(made, support)
                }
                if let make = entry.music, config.song?.provider == entry.id { song = try music[entry.id] ?? make(made, support) }
            }
            statuses.append(Status(entry: entry, config: providerConfig, baseURL: Redaction.url(url), keys: keys, missing: missing))
        }
        let configured = Set(statuses.filter(\.configured).map(\.entry.id))
        let missing = Dictionary(statuses.compactMap { status in status.missing.map { (status.entry.id, $0) } }) { a, _ in a }
        let router = Router(catalog: catalog, configured: configured, policy: config.routing, missing: missing)
        var made = ProviderSetup(catalog: catalog, providers: statuses, videos: videos, images: images, speech: speech,
                                 effects: effects, music: music, lipSync: lipSync, router: router, catalogSources: sources)
        made.song = song
        made.defaultMusic = config.music
        return made
    }

    /// The built-in catalog's models, read once per process (every command, every request of
    /// the server and every run loads a setup; the YAML took most of a debug build's second).
    static let builtinModels = Result<[ModelCapabilities], any Error> {
        try BuiltinCatalog.documents.flatMap { try decode($0.yaml, source: "built-in catalog (\($0.provider))") }
    }

    /// The models of one catalog document.
    static func decode(_ yaml: String, source: String) throws -> [ModelCapabilities] {
        let file: CatalogFile
        do {
            file = try YAMLDecoder().decode(CatalogFile.self, from: yaml)
        } catch {
            throw ReelError(.configuration, "the model catalog cannot be read: \(Self.describe(error))", at: source,
                            hint: "`reel providers catalog` prints the built-in catalog in the expected form")
        }
        return try file.capabilities(source: source)
    }

    static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, let context):
                return "\(path(context.codingPath + [key])) is missing"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return "\(path(context.codingPath)): \(context.debugDescription)"
            @unknown default: break
            }
        }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "syntax error"
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
