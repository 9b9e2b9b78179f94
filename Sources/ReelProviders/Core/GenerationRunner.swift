import Foundation
import ReelEngine
import ReelModel

/// Runs any ``Generator`` as a durable job: submit (journaled before polling), poll until
/// the job ends or times out, fetch the result into the store.
///
/// A resumed job skips submission and polls the journaled handle. A poll that times out
/// fails as `timed-out`, which the executor retries by polling the same handle again.
public struct GenerationRunner<G: Generator>: NodeRunner {
    public let generator: G
    public let sleeper: any Sleeper

    public init(_ generator: G, sleeper: any Sleeper = TaskSleeper()) {
        self.generator = generator
        self.sleeper = sleeper
    }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        switch try await start(node, context: context) {
        case .done(let output): return output
        case .fetch(let fetch): return try await fetch()
        }
    }

    /// Submits (or resumes) and polls while holding the provider's slot; the download is
    /// handed back to run without it.
    public func start(_ node: GraphNode, context: JobContext) async throws -> RunnerStep {
        let request: G.Request
        do {
            request = try node.spec.params.decode(G.Request.self)
        } catch {
            throw JobFailure(.invalidRequest, "the job's request does not fit provider \(generator.descriptor.id): \(error)")
        }
        let generation = GenerationContext(inputs: context.inputs, blobs: context.blobs,
                                           idempotencyKey: context.idempotencyKey)
        let handle: ProviderHandle
        if let resume = context.resume {
            handle = resume
        } else if generator.descriptor.isLocal {
            handle = try await generator.submit(request, context: generation)
            try await context.submitted(handle)
        } else {
            // Once a request is sent it may be paid for: a cancellation (Ctrl-C, a stopped
            // run, a worker told its job was withdrawn) waits for the provider's answer and
            // journals its job id, so whoever runs the job next polls it instead of paying again.
            let generator = self.generator
            try Task.checkCancellation()
            handle = try await Task {
                let handle = try await generator.submit(request, context: generation)
                try await context.submitted(handle)
                return handle
            }.value
            try Task.checkCancellation()
        }
        let descriptor = generator.descriptor
        let started = ContinuousClock.now
        var pacer = PollPacer(interval: descriptor.pollInterval)
        while true {
            try Task.checkCancellation()
            let reported: Double?
            switch try await generator.poll(handle, context: generation) {
            case .succeeded(let locator):
                context.progress(1)
                let generator = self.generator
                return .fetch {
                    var output = try await generator.fetch(locator, request: request, context: generation)
                    // A remote result keeps its job, so a lost or damaged file is fetched again, not paid for again.
                    if !descriptor.isLocal { output.source = handle }
                    return output
                }
            case .failed(let failure):
                throw failure
            case .running(let progress):
                if let progress { context.progress(progress) }
                reported = progress
            case .queued:
                reported = nil
            }
            let elapsed = ContinuousClock.now - started
            if elapsed > .seconds(descriptor.timeout) {
                throw JobFailure(.timedOut, "\(descriptor.name) did not finish within \(Int(descriptor.timeout)) s; will poll again")
            }
            try await sleeper.sleep(seconds: pacer.wait(progress: reported, at: elapsed.seconds))
        }
    }
}

/// A handle for work a local provider finished during `submit`.
extension ProviderHandle {
    public static func local(_ provider: ProviderID, output: NodeOutput) throws -> ProviderHandle {
        ProviderHandle(provider: provider, jobID: "local:" + output.asset.digest.rawValue,
                       extra: try JSONValue(encoding: output))
    }

    /// The output a local provider stored in the handle.
    public func localOutput() throws -> NodeOutput {
        guard let extra else { throw JobFailure(.failed, "local job \(jobID) has no output recorded") }
        return try extra.decode(NodeOutput.self)
    }
}

/// The shape shared by local providers and synchronous remote APIs (OpenAI images and
/// speech, ElevenLabs): all the work happens in `make`, during submit, and the handle holds
/// the stored output (its cost included).
public protocol LocalGenerator: Generator {
    func make(_ request: Request, context: GenerationContext) async throws -> NodeOutput
    /// True when a call sent again after its answer was lost cannot be paid twice (it carries
    /// the job's idempotency key, or the provider is free). False, the default, for a remote
    /// provider without one.
    var resendsSafely: Bool { get }
}

extension LocalGenerator {
    public var resendsSafely: Bool { descriptor.isLocal }

    /// Makes the result at once. A remote provider answered at once has no job to find again:
    /// when its answer is lost after the request went out (``JobFailure/answerLost``), it may
    /// have been paid, so the job fails for good instead of being sent again by this run — the
    /// next `reel keyframes` (or render) asks anew, a person's decision.
    public func submit(_ request: Request, context: GenerationContext) async throws -> ProviderHandle {
        do {
            return try .local(descriptor.id, output: try await make(request, context: context))
        } catch let lost as JobFailure where !resendsSafely && lost.providerCode == JobFailure.answerLost {
            throw JobFailure.notResent(lost)
        }
    }

    public func poll(_ handle: ProviderHandle, context: GenerationContext) async throws -> JobStatus {
        let output = try handle.localOutput()
        guard context.blobs.contains(output.asset) else {
            // The file is gone (a cleaned store); make it again.
            return .failed(JobFailure(.expired, "the local result \(output.asset.digest.short) is no longer in the store"))
        }
        return .succeeded(ResultLocator(asset: output.asset, cost: output.cost, details: output.details))
    }

    public func fetch(_ result: ResultLocator, request: Request, context: GenerationContext) async throws -> NodeOutput {
        guard let asset = result.asset else { throw JobFailure(.failed, "local result without an asset") }
        return NodeOutput(asset: asset, cost: result.cost, details: result.details)
    }
}
