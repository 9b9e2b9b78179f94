import Foundation

/// What the user chose of a character's voice (`reel cast voice`), laid over the planner's
/// guess: only what was chosen changes, so a character keeps the planner's variant (and
/// so a voice no one else has) until a provider's voice is named.
///
/// ```swift
/// let choice = VoiceChoice(pitch: 2, providerVoice: ["minimax": "female-shaonv"])
/// choice.applied(to: Voice(gender: .female, variant: 1))   // pitch +2, MiniMax's female-shaonv
/// ```
public struct VoiceChoice: Hashable, Sendable, Codable {
    public var gender: Voice.Gender?
    /// -10 (low) … +10 (high).
    public var pitch: Int?
    /// -10 (slow) … +10 (fast).
    public var pace: Int?
    /// The voice chosen on each speech provider, by provider id: `["minimax": "female-shaonv"]`.
    public var providerVoice: [String: String]

    public init(gender: Voice.Gender? = nil, pitch: Int? = nil, pace: Int? = nil, providerVoice: [String: String] = [:]) {
        self.gender = gender
        self.pitch = pitch
        self.pace = pace
        self.providerVoice = providerVoice
    }

    /// True when it changes nothing.
    public var isEmpty: Bool { gender == nil && pitch == nil && pace == nil && providerVoice.isEmpty }

    /// `voice` with this choice laid over it.
    public func applied(to voice: Voice) -> Voice {
        var out = voice
        if let gender { out.gender = gender }
        if let pitch { out.pitch = pitch }
        if let pace { out.pace = pace }
        out.providerVoice.merge(providerVoice) { $1 }
        return out
    }

    /// The range pitch and pace take.
    public static let range = -10...10
}

/// One voice a speech provider offers: what `reel voices` lists and
/// `reel cast voice NAME --voice PROVIDER:ID` takes.
public struct VoiceOption: Hashable, Sendable, Codable {
    public var provider: ProviderID
    /// The provider's own id: `nova`, `female-shaonv`, `f4`.
    public var id: String
    /// A name to show: `Nova`, `少女`, `female 4`.
    public var name: String
    public var gender: Voice.Gender
    /// The languages it speaks well.
    public var languages: [Language]
    /// What it sounds like, in a few words.
    public var note: String

    public init(provider: ProviderID, id: String, name: String, gender: Voice.Gender, languages: [Language] = Language.allCases,
                note: String = "") {
        self.provider = provider
        self.id = id
        self.name = name
        self.gender = gender
        self.languages = languages
        self.note = note
    }

    /// `minimax:female-shaonv`, how the CLI names it.
    public var qualifiedID: String { "\(provider.rawValue):\(id)" }
}
