import Foundation
import ReelMedia
import ReelModel

/// How Reel knows one remote provider: where it lives, which keys it needs, and how to
/// build its adapters from a ``ProviderConfig``. ``ProviderDirectory/all`` lists them.
///
/// Adding a provider is adding one of these (see docs/ADDING-A-PROVIDER.md):
///
/// ```swift
/// extension KlingVideoProvider {
///     public static let entry = ProviderEntry(
///         id: "kling", name: "Kling", defaultBaseURL: "https://api-singapore.klingai.com",
///         credentials: ["KLING_ACCESS_KEY", "KLING_SECRET_KEY"],
///         video: { config, support in try KlingVideoProvider(config: config, support: support) },
///         check: { config, support in try await KlingVideoProvider(config: config, support: support).check() })
/// }
/// ```
public struct ProviderEntry: Sendable {
    /// Builds one of the provider's adapters from its configuration; the entry hands it support
    /// whose transport scrubs the configuration's secrets.
    public typealias Make<T> = @Sendable (ProviderConfig, AdapterSupport) throws -> T
    /// A connection test: one cheap authenticated call that returns what it learned, with the
    /// configuration's secrets scrubbed from the answer and from any error.
    public typealias Check = @Sendable (ProviderConfig, AdapterSupport) async throws -> String

    public var id: ProviderID
    public var name: String
    public var defaultBaseURL: String
    /// Environment variables (or credentials-file names) that must all be set.
    public var credentials: [String]
    /// Names that are read when present (an organisation id, a region).
    public var optionalCredentials: [String]
    public var video: Make<any VideoGenerator>?
    public var image: Make<any ImageGenerator>?
    /// Whether a configured provider makes images (ComfyUI: only once an image workflow is
    /// set); nil: whenever it has ``image``.
    public var makesImages: (@Sendable (ProviderConfig) -> Bool)?
    public var speech: Make<any SpeechGenerator>?
    /// Sound effects: ambiences and spot effects.
    public var effects: Make<any SoundEffectGenerator>?
    /// Music: a cue per scene.
    public var music: Make<any MusicGenerator>?
    /// Lip-sync: a take's mouths moved to its shot's voices.
    public var lipSync: Make<any LipSyncGenerator>?
    public var text: Make<any LanguageModel>?
    /// The voices its speech offers (`reel voices`), known without a key.
    public var voices: [VoiceOption]
    /// True when it also takes voice ids not in ``voices`` (the account's own, cloned or
    /// designed voices); false when ``voices`` is the whole list.
    public var takesOtherVoices: Bool
    /// One cheap authenticated call (`reel providers test NAME`); returns what it learned
    /// ("key accepted; 3 models"), throws a classified failure.
    public var check: Check

    public init(id: ProviderID, name: String, defaultBaseURL: String, credentials: [String],
                optionalCredentials: [String] = [], video: Make<any VideoGenerator>? = nil,
                image: Make<any ImageGenerator>? = nil, makesImages: (@Sendable (ProviderConfig) -> Bool)? = nil,
                speech: Make<any SpeechGenerator>? = nil, effects: Make<any SoundEffectGenerator>? = nil,
                music: Make<any MusicGenerator>? = nil, lipSync: Make<any LipSyncGenerator>? = nil,
                text: Make<any LanguageModel>? = nil, voices: [VoiceOption] = [], takesOtherVoices: Bool = false,
                check: @escaping Check) {
        self.id = id
        self.voices = voices
        self.takesOtherVoices = takesOtherVoices
        self.name = name
        self.defaultBaseURL = defaultBaseURL
        self.credentials = credentials
        self.optionalCredentials = optionalCredentials
        // Every adapter an entry builds talks through a transport that scrubs its secrets
        // from whatever comes back (see ScrubbingTransport).
        self.video = Self.scrubbing(video)
        self.image = Self.scrubbing(image)
        self.makesImages = makesImages
        self.speech = Self.scrubbing(speech)
        self.effects = Self.scrubbing(effects)
        self.music = Self.scrubbing(music)
        self.lipSync = Self.scrubbing(lipSync)
        self.text = Self.scrubbing(text)
        self.check = { config, support in
            let scrubbing = support.scrubbing(for: config)
            do {
                return scrubbing.secrets.scrub(try await check(config, scrubbing))
            } catch {
                throw scrubbing.secrets.scrub(error)
            }
        }
    }

    /// `make`, given support whose transport scrubs the config's secrets.
    static func scrubbing<T>(_ make: Make<T>?) -> Make<T>? {
        guard let make else { return nil }
        return { config, support in try make(config, support.scrubbing(for: config)) }
    }

    /// What it makes.
    public var media: [ProviderDescriptor.Medium] {
        var out: [ProviderDescriptor.Medium] = []
        if image != nil { out.append(.image) }
        if video != nil { out.append(.video) }
        if speech != nil { out.append(.speech) }
        if effects != nil { out.append(.effects) }
        if music != nil { out.append(.music) }
        if lipSync != nil { out.append(.lipsync) }
        if text != nil { out.append(.text) }
        return out
    }

    /// `REEL_KLING_BASE_URL`: the environment variable that overrides the base URL.
    public var baseURLVariable: String {
        "REEL_" + id.rawValue.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined() + "_BASE_URL"
    }
}

/// What adapters share at run time: the HTTP transport, the media probe, how often to poll,
/// and the secrets to scrub from what comes back.
public struct AdapterSupport: Sendable {
    public var transport: any HTTPTransport
    /// The adapter's secrets; an adapter registers tokens it derives from them here (a JWT).
    public var secrets: SecretScrubber
    public var probe: MediaProbe?
    /// Seconds between polls; nil keeps each provider's own.
    public var pollInterval: Double?
    /// Seconds one HTTP exchange may take (downloads get ten times as long).
    public var requestTimeout: Double

    public init(transport: any HTTPTransport = AsyncHTTPTransport(), probe: MediaProbe? = nil,
                pollInterval: Double? = nil, requestTimeout: Double = 60) {
        self.transport = transport
        self.secrets = SecretScrubber()
        self.probe = probe
        self.pollInterval = pollInterval
        self.requestTimeout = requestTimeout
    }

    /// This support for an adapter built from `config`: a fresh scrubber that knows the
    /// config's credentials, and the transport wrapped in a ``ScrubbingTransport`` using it.
    public func scrubbing(for config: ProviderConfig) -> AdapterSupport {
        var copy = self
        copy.secrets = SecretScrubber(config.credentials.values)
        copy.transport = ScrubbingTransport(base: transport, secrets: copy.secrets)
        return copy
    }
}
