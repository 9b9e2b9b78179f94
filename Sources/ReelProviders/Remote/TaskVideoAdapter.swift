import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// What the adapters of "create a task → poll it → download the file" video APIs share:
/// one ``TaskClient``, the download of the result (at once, checked, probed, stored) with
/// the catalog's price when the vendor's answer carries none, and a description without keys.
///
/// An adapter provides ``client`` and its own `descriptor`, `normalize`, `submit` and
/// `poll`; `fetch`, `description` and `customMirror` come from here. ``HostedVideoAdapter``
/// adds a descriptor, `normalize` and `estimate` made from a ``HostedSetup``.
public protocol TaskVideoAdapter: VideoGenerator, CustomStringConvertible, CustomReflectable {
    var client: TaskClient { get }
    /// The catalog's price of `request`, for a result whose answer carries no cost.
    func catalogPrice(_ request: VideoRequest) -> Money?
}

extension TaskVideoAdapter {
    /// Downloads the result link without credentials (every vendor here signs its links),
    /// with the vendor's cost, else the catalog's price for the clip's length.
    public func fetch(_ result: ResultLocator, request: VideoRequest, context: GenerationContext) async throws -> NodeOutput {
        guard let link = result.url else {
            throw JobFailure(.transient, "\(client.name) reported success without a result link")
        }
        return try await client.download(link, into: context.blobs, cost: result.cost ?? catalogPrice(request),
                                         details: result.details)
    }

    public func catalogPrice(_ request: VideoRequest) -> Money? {
        client.catalogCost(model: request.model, seconds: request.duration.seconds)
    }

    public var description: String { "\(Self.self)(\(Redaction.url(client.baseURL)))" }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": Redaction.url(client.baseURL), "pollInterval": descriptor.pollInterval,
                                "timeout": descriptor.timeout, "requestTimeout": client.requestTimeout], displayStyle: .struct)
    }
}
