import Foundation

/// Someone or something that must look the same in every shot: a character, a prop or
/// a location.
public struct Subject: Hashable, Sendable, Codable {
    /// What a subject is; it also gives the subject's id its prefix (`char:`, `prop:`, `loc:`).
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case character
        case prop
        case location
    }

    public var id: SubjectID
    public var kind: Kind
    /// The name as the script writes it: `MAYA`, `林晓`, `THE DINER`.
    public var name: String
    /// A description used in prompts and on panels.
    public var description: String
    /// Reference images by content digest, most representative first.
    public var references: [Digest]
    /// How a character sounds; nil for props and locations.
    public var voice: Voice?
    /// For a real person's likeness: their consent. Generation with references of a
    /// real person requires a valid one.
    public var consent: Consent?
    /// True for a real person's likeness: their images leave the machine only with consent
    /// in force for the provider (``likenessRefusal(for:at:)``).
    public var realPerson: Bool?

    public init(id: SubjectID, kind: Kind, name: String, description: String = "", references: [Digest] = [],
                voice: Voice? = nil, consent: Consent? = nil, realPerson: Bool? = nil) {
        self.realPerson = realPerson
        self.id = id
        self.kind = kind
        self.name = name
        self.description = description
        self.references = references
        self.voice = voice
        self.consent = consent
    }

    /// A subject id from a kind and a name: `char:maya`, `loc:the-diner`, `char:林晓`.
    public static func makeID(kind: Kind, name: String) -> SubjectID {
        let prefix = kind.idPrefix
        var slug = ""
        var lastDash = false
        for ch in name.lowercased() {
            if ch.isLetter || ch.isNumber {
                slug.append(ch)
                lastDash = false
            } else if !lastDash, !slug.isEmpty {
                slug.append("-")
                lastDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return SubjectID("\(prefix):\(slug.isEmpty ? "unnamed" : slug)")
    }
}

extension Subject.Kind {
    /// What its subjects' ids begin with, before the colon.
    var idPrefix: String {
        switch self {
        case .character: "char"
        case .prop: "prop"
        case .location: "loc"
        }
    }
}

extension Identifier where Tag == SubjectTag {
    /// The kind of subject its prefix names (`char:`, `prop:`, `loc:`, as ``Subject/makeID(kind:name:)``
    /// makes them); nil for an id without one.
    public var kind: Subject.Kind? {
        guard let colon = rawValue.firstIndex(of: ":") else { return nil }
        let prefix = rawValue[..<colon]
        return Subject.Kind.allCases.first { $0.idPrefix == prefix }
    }
}

/// A character's voice, provider-neutral: each speech provider maps it to its own voices.
public struct Voice: Hashable, Sendable, Codable {
    /// Which of a speech provider's voices a character gets, and how animatic panels draw them.
    ///
    /// The planner guesses it from the script's pronouns. With `unknown`, a speech provider
    /// chooses among all its voices.
    public enum Gender: String, Hashable, Sendable, Codable, CaseIterable {
        case female
        case male
        case unknown
    }

    public var gender: Gender
    /// Distinguishes voices of the same gender: 0, 1, 2…
    public var variant: Int
    /// Relative pitch, -10 (low) … +10 (high).
    public var pitch: Int
    /// Relative pace, -10 (slow) … +10 (fast).
    public var pace: Int
    /// A provider's own voice id, when the user chose one (`alloy`, an ElevenLabs id).
    public var providerVoice: [String: String]

    public init(gender: Gender, variant: Int = 0, pitch: Int = 0, pace: Int = 0, providerVoice: [String: String] = [:]) {
        self.gender = gender
        self.variant = variant
        self.pitch = pitch
        self.pace = pace
        self.providerVoice = providerVoice
    }
}

/// A real person's permission to use their likeness or voice.
public struct Consent: Hashable, Sendable, Codable {
    /// Who granted it.
    public var grantedBy: String
    /// What it covers, e.g. `likeness`, `voice`, `likeness+voice`.
    public var scope: String
    public var grantedAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    /// SHA-256 of the signed document or recording.
    public var evidence: Digest?
    /// The providers it allows; nil allows every provider.
    public var providers: [ProviderID]?

    public init(grantedBy: String, scope: String, grantedAt: Date, expiresAt: Date? = nil, revokedAt: Date? = nil,
                evidence: Digest? = nil, providers: [ProviderID]? = nil) {
        self.providers = providers
        self.grantedBy = grantedBy
        self.scope = scope
        self.grantedAt = grantedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.evidence = evidence
    }

    /// Valid at `date`: granted, not expired, not revoked.
    public func isValid(at date: Date) -> Bool {
        if let revokedAt, revokedAt <= date { return false }
        if let expiresAt, expiresAt <= date { return false }
        return grantedAt <= date
    }
}
