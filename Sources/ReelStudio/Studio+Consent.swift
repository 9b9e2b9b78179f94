import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// One entry of the consent ledger as `reel consent list` shows it.
public struct ConsentReport: Sendable, Codable, Hashable {
    public var subject: String
    public var name: String
    public var action: ConsentEvent.Action
    public var at: Date
    public var by: String?
    /// SHA-256 of the evidence file (kept in the media store).
    public var evidence: String?
    /// The providers it allows; nil: every provider.
    public var providers: [String]?
    public var expiresAt: Date?
    public var reason: String?
}

/// What `reel consent grant` records.
public struct ConsentGrant: Sendable, Hashable {
    public var name: String
    /// Who granted it: the person, or their guardian or agent.
    public var by: String
    /// The signed document or recording.
    public var evidence: URL
    /// The providers it allows; nil allows every provider.
    public var providers: [String]?
    public var expiresAt: Date?

    /// The moment a consent given "until YYYY-MM-DD" ends: the end of that day, UTC; nil when
    /// the text is not such a day.
    public static func expiry(day text: String) -> Date? {
        guard text.count == 10, let day = try? Date(text + "T00:00:00Z", strategy: .iso8601) else { return nil }
        return day.addingTimeInterval(86_400)
    }

    public init(name: String, by: String, evidence: URL, providers: [String]? = nil, expiresAt: Date? = nil) {
        self.name = name
        self.by = by
        self.evidence = evidence
        self.providers = providers
        self.expiresAt = expiresAt
    }
}

extension Studio {
    /// The ledger, oldest first.
    public func consents(_ production: Production) async throws -> [ConsentReport] {
        let board = try await plan(production, save: false)
        return try await production.cast.consentEvents().map { report($0, board: board) }
    }

    /// The digests of every consent's evidence (kept in the media store, never shown as media).
    public func consentEvidence(_ production: Production) async throws -> Set<String> {
        Set(try await production.cast.consentEvents().compactMap { $0.evidence?.rawValue })
    }

    /// Records a real person's consent: who, to which providers, until when, and the hash of
    /// the evidence (the file is kept in the media store).
    public func grantConsent(_ production: Production, _ grant: ConsentGrant, now: Date = Date()) async throws -> ConsentReport {
        let board = try await plan(production, save: false)
        let subject = try realPerson(grant.name, in: board)
        let by = grant.by.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !by.isEmpty else {
            throw ReelError(.usage, "a consent needs who granted it", hint: "give --by \"NAME\" (the person, or their guardian or agent)")
        }
        if let expiresAt = grant.expiresAt, expiresAt <= now {
            throw ReelError(.usage, "the consent would already have expired (its last day would be \(Subject.day(expiresAt.addingTimeInterval(-1))))", hint: "give a later --expires")
        }
        let providers = try grant.providers.map { names -> [ProviderID] in
            let ids = names.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
            guard !ids.isEmpty else {
                throw ReelError(.usage, "--providers names no provider", hint: "e.g. --providers kling,vidu; leave it out to allow any")
            }
            let known = Set(ProviderDirectory.all.map(\.id.rawValue)).union(production.config.providers.keys.map(\.rawValue))
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw ReelError(.usage, "\"\(unknown)\" is not a provider Reel knows (--providers)",
                                hint: "the providers are " + known.sorted().joined(separator: ", "))
            }
            return ids.map { ProviderID($0) }
        }
        let evidence = try readEvidence(grant.evidence)
        let asset = try production.blobs.put(evidence.data, mediaType: evidence.mediaType)
        let event = ConsentEvent(subject: subject.id, action: .grant, at: now, by: by, evidence: asset.digest,
                                 providers: providers, expiresAt: grant.expiresAt)
        try await production.cast.appendConsentEvent(event)
        _ = try await plan(production, save: true)
        return report(event, board: board)
    }

    /// Revokes a real person's consent: no new job sends their images from now on.
    public func revokeConsent(_ production: Production, name: String, reason: String?, now: Date = Date()) async throws
        -> ConsentReport {
        let board = try await plan(production, save: false)
        let subject = try realPerson(name, in: board)
        guard let consent = subject.consent, consent.revokedAt == nil else {
            throw ReelError(.usage, "\(subject.name) has no consent in force to revoke", hint: "`reel consent list` shows the ledger")
        }
        let event = ConsentEvent(subject: subject.id, action: .revoke, at: now, reason: reason)
        try await production.cast.appendConsentEvent(event)
        _ = try await plan(production, save: true)
        return report(event, board: board)
    }

    func realPerson(_ name: String, in board: Storyboard) throws -> Subject {
        let id = try Studio.subject(name, in: board)
        let subject = board.subject(id)!
        guard subject.realPerson == true else {
            throw ReelError(.usage, "\(subject.name) is not marked as a real person",
                            hint: "`reel cast add \"\(subject.name)\" --real-person` marks a real person's likeness first")
        }
        return subject
    }

    func report(_ event: ConsentEvent, board: Storyboard) -> ConsentReport {
        ConsentReport(subject: event.subject.rawValue, name: board.subject(event.subject)?.name ?? event.subject.rawValue,
                      action: event.action, at: event.at, by: event.by, evidence: event.evidence?.rawValue,
                      providers: event.providers?.map(\.rawValue), expiresAt: event.expiresAt, reason: event.reason)
    }

    /// The evidence file: there, not empty, at most 100 MB.
    func readEvidence(_ url: URL) throws -> (data: Data, mediaType: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ReelError(.notFound, "no such evidence file", at: url.path, hint: "give the signed consent (PDF, photo, recording)")
        }
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        guard !data.isEmpty else {
            throw ReelError(.invalidInput, "the evidence file is empty", at: url.path, hint: "give the signed consent itself")
        }
        guard data.count <= 100 * 1024 * 1024 else {
            throw ReelError(.invalidInput, "the evidence file is over 100 MB", at: url.path, hint: "give a smaller copy")
        }
        let types = ["pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                     "wav": "audio/wav", "mp3": "audio/mpeg", "mp4": "video/mp4", "json": "application/json"]
        return (data, types[url.pathExtension.lowercased()] ?? "application/octet-stream")
    }
}
