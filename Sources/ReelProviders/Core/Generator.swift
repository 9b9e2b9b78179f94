import Foundation
import ReelEngine
import ReelModel

/// A generation provider for one kind of media: images, video, speech, music or sound effects.
///
/// Every provider, local or remote, has the same durable shape: `submit` returns a handle
/// that is journaled before anything else happens; `poll` asks where the job stands;
/// `fetch` brings the result into the content-addressed store. A crash between any two
/// steps resumes from the handle, never by submitting again.
public protocol Generator: Sendable {
    associatedtype Request: Codable & Sendable
    var descriptor: ProviderDescriptor { get }
    /// The request reduced to what changes this provider's output; the cache key is made
    /// from it. A local renderer that ignores the prompt drops it here, so rewording a
    /// prompt does not redraw a panel.
    func normalize(_ request: Request) -> Request
    /// What the request will cost, when the provider charges; nil when free or unknown.
    func estimate(_ request: Request) -> Money?
    /// Starts a job. Local providers may do all the work here and return a finished handle.
    func submit(_ request: Request, context: GenerationContext) async throws -> ProviderHandle
    /// Where the job stands now.
    func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus
    /// Downloads (or adopts) the result into the store.
    func fetch(_ result: ResultLocator, request: Request, context: GenerationContext) async throws -> NodeOutput
}

extension Generator {
    public func normalize(_ request: Request) -> Request { request }
    public func estimate(_ request: Request) -> Money? { nil }
}

/// What a provider sees of the job it runs: its inputs and the store.
public struct GenerationContext: Sendable {
    /// Input assets by position (panels, keyframes, reference images, audio).
    public let inputs: [Asset]
    public let blobs: any BlobStore
    /// Stable across retries and crashes; send it where the API accepts one.
    public let idempotencyKey: String

    public init(inputs: [Asset], blobs: any BlobStore, idempotencyKey: String) {
        self.inputs = inputs
        self.blobs = blobs
        self.idempotencyKey = idempotencyKey
    }

    public func inputURL(_ index: Int) throws -> URL {
        guard inputs.indices.contains(index) else {
            throw JobFailure(.invalidRequest, "the request names input \(index) but the job has \(inputs.count)")
        }
        return blobs.url(for: inputs[index])
    }
}

/// Where a provider's job stands.
public enum JobStatus: Sendable, Hashable {
    case queued(position: Int?)
    case running(progress: Double?)
    case succeeded(ResultLocator)
    case failed(JobFailure)
}

/// Where a finished job's output can be had. URLs may be signed: never log them.
public struct ResultLocator: Sendable, Hashable, Codable {
    /// A URL to download, when the result is remote.
    public var url: String?
    /// The output already in the store, when the provider is local.
    public var asset: Asset?
    /// What the provider said it charged, in its units.
    public var cost: Money?
    public var details: JSONValue?

    public init(url: String? = nil, asset: Asset? = nil, cost: Money? = nil, details: JSONValue? = nil) {
        self.url = url
        self.asset = asset
        self.cost = cost
        self.details = details
    }
}

/// A generator of stills, animatic panels and keyframes, from an ``ImageRequest``.
public protocol ImageGenerator: Generator where Request == ImageRequest {}
/// A generator of video takes from a ``VideoRequest``; the router picks one per shot.
public protocol VideoGenerator: Generator where Request == VideoRequest {}
/// A generator of spoken lines from a ``SpeechRequest``.
public protocol SpeechGenerator: Generator where Request == SpeechRequest {
    /// The provider's own voice a character gets for a line in `language`: `nova`,
    /// `female-shaonv`, `cmn-latn-pinyin+f2` (what `reel cast` shows as heard).
    func voiceName(for voice: Voice, speaker: String, language: Language) -> String
}
/// A generator of music cues from a ``MusicRequest``.
public protocol MusicGenerator: Generator where Request == MusicRequest {
    /// It sings a request's ``MusicRequest/lyrics``; one that does not plays an instrumental
    /// in a song's place.
    var singsLyrics: Bool { get }
}

extension MusicGenerator {
    public var singsLyrics: Bool { false }
}
/// A generator of sound effects — ambiences and spot effects — from a ``SoundEffectRequest``.
public protocol SoundEffectGenerator: Generator where Request == SoundEffectRequest {}
/// A lip-sync model: a take and its shot's voices in, the take with its mouths moving to the
/// words out (``LipSyncRequest``).
public protocol LipSyncGenerator: Generator where Request == LipSyncRequest {
    /// The lengths of picture, in seconds, the model takes: a take outside them keeps its mouths.
    var pictureSeconds: ClosedRange<Double> { get }
    /// The width and height, in pixels, the model takes (each side).
    var pictureSides: ClosedRange<Int> { get }
}
