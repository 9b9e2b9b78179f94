import Foundation
import ReelModel

/// What a node does: `panel`, `video`, `speech`, `music`, `conform`, `mix`, `assemble`…
public struct NodeKind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let image: NodeKind = "image"
    public static let video: NodeKind = "video"
    public static let speech: NodeKind = "speech"
    public static let music: NodeKind = "music"
    /// A sound effect: an ambience under a scene, a spot effect at a shot.
    public static let effect: NodeKind = "effect"
    /// A take's mouths moved to its shot's voices by a lip-sync model.
    public static let lipsync: NodeKind = "lipsync"
    public static let conform: NodeKind = "conform"
    public static let mix: NodeKind = "mix"
    public static let subtitles: NodeKind = "subtitles"
    public static let overlay: NodeKind = "overlay"
    public static let burn: NodeKind = "burn"
    /// A node with a ``GraphNode/given`` output.
    public static let asset: NodeKind = "asset"
    public static let assemble: NodeKind = "assemble"
    /// A still taken from a video: the last frame a continuing shot starts from.
    public static let frame: NodeKind = "frame"
    /// The quality check of a take: its verdict, stored with it.
    public static let check: NodeKind = "check"
    /// A strip of a take's frames, one picture (what a critic looks at).
    public static let strip: NodeKind = "strip"
    /// The frame a review note is about, its box drawn (a reference for the next takes).
    public static let markup: NodeKind = "markup"
    /// A subject's reference images on one picture, for a model that takes fewer than the shot has.
    public static let sheet: NodeKind = "sheet"
    /// A vision model's critique of a take.
    public static let critique: NodeKind = "critique"
    /// A language model's answer: an outline, a screenplay, a shot list.
    public static let chat: NodeKind = "chat"
}

/// The normalized request a node makes: everything that decides its output.
///
/// Two nodes with equal specs and equal input digests have the same ``CacheKey`` and
/// therefore the same output; the second is never run (and never paid for).
public struct JobSpec: Hashable, Sendable, Codable {
    public var kind: NodeKind
    /// Bumped when the code that runs this kind changes what it makes from the same request.
    public var kindVersion: Int
    public var provider: ProviderID
    public var model: String
    /// The request, normalized: only fields that change the output, in canonical form.
    public var params: JSONValue
    public var seed: UInt64?
    /// False for generators that may give different output for the same request (most
    /// remote models). Such outputs are still reused by key: paying twice is never right.
    public var deterministic: Bool

    public init(kind: NodeKind, kindVersion: Int = 1, provider: ProviderID, model: String = "default",
                params: JSONValue = .object([:]), seed: UInt64? = nil, deterministic: Bool = true) {
        self.kind = kind
        self.kindVersion = kindVersion
        self.provider = provider
        self.model = model
        self.params = params
        self.seed = seed
        self.deterministic = deterministic
    }
}

/// A node of the job graph: a spec, the nodes whose outputs it consumes (in order), and
/// what to call it in progress displays.
public struct GraphNode: Hashable, Sendable {
    public var id: NodeID
    public var spec: JobSpec
    /// Nodes whose output assets this node reads, by position.
    public var inputs: [NodeID]
    /// The shot this node belongs to, for grouping and messages.
    public var shot: ShotID?
    /// Human label: `panel S01-02`, `voice MAYA S01-03`.
    public var label: String
    /// What running it will cost, when a provider charges for it.
    public var estimatedCost: Money?
    /// An output that already exists (a finished take's file): the node is complete as
    /// soon as its file is found in the store, and never runs.
    public var given: NodeOutput?

    public init(id: NodeID, spec: JobSpec, inputs: [NodeID] = [], shot: ShotID? = nil, label: String? = nil,
                estimatedCost: Money? = nil) {
        self.id = id
        self.spec = spec
        self.inputs = inputs
        self.shot = shot
        self.label = label ?? id.rawValue
        self.estimatedCost = estimatedCost
    }
}
