import Foundation
import ReelModel

/// Runs one kind of node: renders a panel, generates a take, mixes audio.
///
/// Runners are values shared by every job of their kind; everything about one job comes
/// in its ``JobContext``.
public protocol NodeRunner: Sendable {
    func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput
    /// Runs the part of the job that needs the provider's slot. A remote job returns
    /// ``RunnerStep/fetch(_:)`` once the provider has finished, so the download runs
    /// without holding a slot the provider could give the next job. By default, all of `run`.
    func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep
}

extension NodeRunner {
    public func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep {
        .done(try await run(node, context: context))
    }
}

/// How far a runner got while holding its provider's slot.
public enum RunnerStep: Sendable {
    /// The job is done.
    case done(NodeOutput)
    /// The provider is done; what is left (a download) runs without the slot.
    case fetch(@Sendable () async throws -> NodeOutput)
}

/// Everything a runner needs for one job, and the ways it reports back.
public struct JobContext: Sendable {
    public let key: CacheKey
    /// The outputs of the node's inputs, in the node's input order.
    public let inputs: [Asset]
    public let blobs: any BlobStore
    /// 1 for the first attempt in this run.
    public let attempt: Int
    /// A provider job submitted by an earlier attempt or run: poll it, do not submit again.
    public let resume: ProviderHandle?
    /// Stable across crashes and retries of the same job; send it to providers that accept one.
    public let idempotencyKey: String
    let onSubmitted: @Sendable (ProviderHandle) async throws -> Void
    let onProgress: @Sendable (Double) -> Void

    public init(key: CacheKey, inputs: [Asset], blobs: any BlobStore, attempt: Int = 1, resume: ProviderHandle? = nil,
                idempotencyKey: String? = nil,
                onSubmitted: @escaping @Sendable (ProviderHandle) async throws -> Void = { _ in },
                onProgress: @escaping @Sendable (Double) -> Void = { _ in }) {
        self.key = key
        self.inputs = inputs
        self.blobs = blobs
        self.attempt = attempt
        self.resume = resume
        self.idempotencyKey = idempotencyKey ?? "reel-" + key.digest.rawValue.prefix(40)
        self.onSubmitted = onSubmitted
        self.onProgress = onProgress
    }

    /// Records that the provider accepted the job. Returns only once the handle is durable;
    /// call it before polling.
    public func submitted(_ handle: ProviderHandle) async throws { try await onSubmitted(handle) }

    /// Reports progress between 0 and 1.
    public func progress(_ fraction: Double) { onProgress(min(1, max(0, fraction))) }

    /// The file of input `index`.
    public func inputURL(_ index: Int) -> URL { blobs.url(for: inputs[index]) }
}

/// Finds the runner for a node: by kind and provider, then by kind alone.
public struct RunnerRegistry: Sendable {
    private var byKindAndProvider: [String: any NodeRunner] = [:]
    private var byKind: [NodeKind: any NodeRunner] = [:]

    public init() {}

    /// Registers `runner` for `kind`, on one provider or (with nil) on any.
    public mutating func register(_ runner: any NodeRunner, kind: NodeKind, provider: ProviderID? = nil) {
        if let provider {
            byKindAndProvider["\(kind.rawValue)|\(provider.rawValue)"] = runner
        } else {
            byKind[kind] = runner
        }
    }

    /// Replaces every registered runner with `transform` of it.
    mutating func mapRunners(_ transform: (any NodeRunner) -> any NodeRunner) {
        byKindAndProvider = byKindAndProvider.mapValues(transform)
        byKind = byKind.mapValues(transform)
    }

    public func runner(for node: GraphNode) -> (any NodeRunner)? {
        byKindAndProvider["\(node.spec.kind.rawValue)|\(node.spec.provider.rawValue)"] ?? byKind[node.spec.kind]
    }
}
