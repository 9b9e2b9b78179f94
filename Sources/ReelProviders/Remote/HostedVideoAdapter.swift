import Foundation
import ReelEngine
import ReelModel

/// What a hosted adapter (Seedance, Wan, fal, Replicate, ComfyUI) is made of: the client
/// that talks to the server, the provider's config (catalog prices, options) and how it
/// polls.
public struct HostedSetup: Sendable {
    public let client: TaskClient
    public let config: ProviderConfig
    /// Seconds between polls.
    public let pollInterval: Double
    /// Seconds of polling before an attempt gives up (the next attempt polls the same job).
    public let timeout: Double

    public init(client: TaskClient, config: ProviderConfig, pollInterval: Double, timeout: Double = 900) {
        self.client = client
        self.config = config
        self.pollInterval = pollInterval
        self.timeout = timeout
    }
}

/// A ``TaskVideoAdapter`` whose descriptor, cache-key form and estimate come from a
/// ``HostedSetup`` and a model mapping: the adapters whose vendors host many models behind
/// one API.
public protocol HostedVideoAdapter: TaskVideoAdapter {
    static var providerID: ProviderID { get }
    /// The provider's name as users know it.
    static var providerName: String { get }
    var setup: HostedSetup { get }
    /// The vendor's model id for a request's `model`, with Reel's `default` mapped (by mode).
    static func model(_ name: String, mode: GenerationMode) -> String
}

extension HostedVideoAdapter {
    public var client: TaskClient { setup.client }
    public var config: ProviderConfig { setup.config }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(id: Self.providerID, name: Self.providerName, media: [.video], isLocal: false,
                           isDeterministic: false, pollInterval: setup.pollInterval, timeout: setup.timeout, revision: 1)
    }

    /// Keeps what changes the output — prompt, images, length, format, seed, options and the
    /// vendor's model id — and blanks the brief's animatic-only fields.
    public func normalize(_ request: VideoRequest) -> VideoRequest {
        request.forRemoteModel(Self.model(request.model, mode: request.mode))
    }

    public func estimate(_ request: VideoRequest) -> Money? { catalogCost(for: request) }

    /// The setup's catalog price (hosted clients carry no catalog of their own).
    public func catalogPrice(_ request: VideoRequest) -> Money? { catalogCost(for: request) }

    /// The catalog price of the request's model for `seconds` (the request's length by default).
    public func catalogCost(for request: VideoRequest, seconds: Double? = nil) -> Money? {
        setup.config.cost(model: Self.model(request.model, mode: request.mode), seconds: seconds ?? request.duration.seconds)
    }
}
