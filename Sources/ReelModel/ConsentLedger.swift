import Foundation

/// One entry of the consent ledger: a grant or a revocation. The ledger is append-only:
/// nothing in it is ever changed or removed, so it shows who allowed what, when.
public struct ConsentEvent: Hashable, Sendable, Codable {
    /// What the entry records: consent granted, or consent revoked.
    public enum Action: String, Hashable, Sendable, Codable {
        case grant
        case revoke
    }

    public var subject: SubjectID
    public var action: Action
    public var at: Date
    /// Who granted it (a grant), or who recorded the revocation.
    public var by: String?
    /// SHA-256 of the signed document or recording (a grant).
    public var evidence: Digest?
    /// The providers it allows; nil allows every provider (a grant).
    public var providers: [ProviderID]?
    public var expiresAt: Date?
    /// Why it was revoked.
    public var reason: String?

    public init(subject: SubjectID, action: Action, at: Date, by: String? = nil, evidence: Digest? = nil,
                providers: [ProviderID]? = nil, expiresAt: Date? = nil, reason: String? = nil) {
        self.subject = subject
        self.action = action
        self.at = at
        self.by = by
        self.evidence = evidence
        self.providers = providers
        self.expiresAt = expiresAt
        self.reason = reason
    }
}

/// The consent of each real person, read from the ledger: the latest grant, revoked by any
/// revocation recorded after it. Order is the order entries were appended, not their
/// clocks: a revocation written on a machine whose clock is behind still revokes.
public struct ConsentLedger: Hashable, Sendable {
    /// In the order they were appended.
    public var events: [ConsentEvent]

    public init(_ events: [ConsentEvent]) {
        self.events = events
    }

    /// The consent for `subject` as the ledger stands, revoked or expired ones included
    /// (``Subject/likenessRefusal(for:at:)`` says whether it holds).
    public func consent(for subject: SubjectID) -> Consent? {
        let own = events.filter { $0.subject == subject }
        guard let last = own.lastIndex(where: { $0.action == .grant }) else { return nil }
        let grant = own[last]
        let revoked = own[(last + 1)...].first { $0.action == .revoke }
        return Consent(grantedBy: grant.by ?? "", scope: "likeness", grantedAt: grant.at, expiresAt: grant.expiresAt,
                       revokedAt: revoked?.at, evidence: grant.evidence, providers: grant.providers)
    }
}

extension Subject {
    /// Why this subject's images may not go to `provider` at `date`, or nil when they may:
    /// anyone who is not a real person, or a real person with consent in force for it.
    public func likenessRefusal(for provider: ProviderID, at date: Date) -> String? {
        guard realPerson == true else { return nil }
        guard let consent else { return "\(name) is a real person and there is no consent on file" }
        if let revokedAt = consent.revokedAt {
            return "\(name)'s consent was revoked on \(Self.day(revokedAt))"
        }
        if let expiresAt = consent.expiresAt, expiresAt <= date {
            return "\(name)'s consent expired after \(Self.day(expiresAt.addingTimeInterval(-1)))"
        }
        if let providers = consent.providers, !providers.contains(provider) {
            return "\(name)'s consent covers \(providers.map(\.rawValue).joined(separator: ", ")), not \(provider)"
        }
        return consent.isValid(at: date) ? nil : "\(name)'s consent starts on \(Self.day(consent.grantedAt))"
    }

    /// For a real person, where their consent stands: `none on file`, `revoked on …`,
    /// `expired after …` (its last day), or `in force for kling, vidu until 2027-06-30` (the last day it
    /// holds); nil for anyone else.
    public func consentStatus(at date: Date) -> String? {
        guard realPerson == true else { return nil }
        guard let consent else { return "none on file" }
        if let revokedAt = consent.revokedAt { return "revoked on \(Self.day(revokedAt))" }
        if let expiresAt = consent.expiresAt, expiresAt <= date { return "expired after \(Self.day(expiresAt.addingTimeInterval(-1)))" }
        guard consent.isValid(at: date) else { return "not yet in force (from \(Self.day(consent.grantedAt)))" }
        return "in force" + (consent.providers.map { " for " + $0.map(\.rawValue).joined(separator: ", ") } ?? " for every provider")
            + (consent.expiresAt.map { " until \(Self.day($0.addingTimeInterval(-1)))" } ?? "")
    }

    public static func day(_ date: Date) -> String {
        let format = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()
        return date.formatted(format)
    }
}
