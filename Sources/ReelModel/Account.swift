import Foundation

/// What a person may do in a served studio, from least to most.
public enum AccountRole: String, Sendable, Codable, CaseIterable, Comparable {
    /// Reads everything: boards, shots, takes, notes, the cast.
    case viewer
    /// Also notes on shots and frames; spends nothing.
    case reviewer
    /// Also edits shots, picks, casts voices, starts runs (within the budget), new projects.
    case editor
    /// Everything: also accounts, consent and the audit log.
    case owner

    public static func < (a: AccountRole, b: AccountRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A person who signs in to a served studio. The password is kept only as a bcrypt hash.
public struct Account: Sendable, Codable, Hashable {
    public var name: String
    public var role: AccountRole
    public var created: Date

    public init(name: String, role: AccountRole, created: Date) {
        self.name = name
        self.role = role
        self.created = created
    }
}

/// One change made through a served studio: who, what, when, and how it was answered.
public struct AuditEntry: Sendable, Codable, Hashable {
    public var at: Date
    /// The account, or `local` when the studio has no accounts.
    public var user: String
    public var method: String
    public var path: String
    public var status: Int

    public init(at: Date, user: String, method: String, path: String, status: Int) {
        self.at = at
        self.user = user
        self.method = method
        self.path = path
        self.status = status
    }
}
