import Foundation

/// A typed identifier: a string tagged with what it names, so a shot id cannot be passed
/// where a subject id is expected.
///
/// ```swift
/// let shot: ShotID = "S03-07"
/// ```
public struct Identifier<Tag>: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    ExpressibleByStringLiteral, CustomStringConvertible
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rawValue.compare(rhs.rawValue, options: .numeric) == .orderedAscending
    }
}

/// Marks an ``Identifier`` as a scene's (``SceneID``); never instantiated.
public enum SceneTag {}
/// Marks an ``Identifier`` as a shot's (``ShotID``); never instantiated.
public enum ShotTag {}
/// Marks an ``Identifier`` as a subject's (``SubjectID``); never instantiated.
public enum SubjectTag {}
/// Marks an ``Identifier`` as a take's (``TakeID``); never instantiated.
public enum TakeTag {}
/// Marks an ``Identifier`` as a job-graph node's (``NodeID``); never instantiated.
public enum NodeTag {}
/// Marks an ``Identifier`` as a provider's (``ProviderID``); never instantiated.
public enum ProviderTag {}

/// A scene number as the script gives it (`#12A#`) or as Reel numbers it (`3`).
public typealias SceneID = Identifier<SceneTag>
/// A stable shot id such as `S03-07`.
public typealias ShotID = Identifier<ShotTag>
/// A character, prop or location, e.g. `char:lin-xiao`.
public typealias SubjectID = Identifier<SubjectTag>
/// One generation attempt of a shot, e.g. `S03-07#2`.
public typealias TakeID = Identifier<TakeTag>
/// A node of the job graph, e.g. `video:S03-07#2`.
public typealias NodeID = Identifier<NodeTag>
/// A generation provider, e.g. `animatic`, `kling`, `comfyui`.
public typealias ProviderID = Identifier<ProviderTag>

/// A SHA-256 digest in lowercase hex; names a blob in the content-addressed store.
public struct Digest: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts 64 lowercase hex characters; anything else is not a digest.
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 64,
            rawValue.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else { return nil }
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let digest = Digest(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a sha256 hex digest: \(text.prefix(80))"))
        }
        self = digest
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    /// The first 12 hex characters, for display.
    public var short: String { String(rawValue.prefix(12)) }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension Identifier where Tag == SceneTag {
    /// The scene's part of a shot id: the number padded to two digits, any insert
    /// letters kept (`3` → `03`, `12A` → `12A`, `1A` → `01A`).
    public var shotLabel: String {
        let digits = rawValue.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count < 2 else { return rawValue }
        return "0" + rawValue
    }
}
