import Foundation
import ReelModel
import Synchronization

/// What one job of a run starts from.
struct JobRun: Sendable {
    let key: CacheKey
    let entry: JournalEntry?
    let inputs: [Asset]
    let attempt: Int
    let verified: VerifiedBlobs
    let inHand: HandlesInHand
}

/// The provider jobs a run has been given, whether or not the journal took them down: a
/// retry in the same run polls the job it holds even when the write of its id failed (the
/// journal away for a moment), so a job paid for is never submitted again by this run.
final class HandlesInHand: Sendable {
    private let handles = Mutex<[CacheKey: ProviderHandle]>([:])

    func keep(_ handle: ProviderHandle, for key: CacheKey) { handles.withLock { $0[key] = handle } }
    func handle(for key: CacheKey) -> ProviderHandle? { handles.withLock { $0[key] } }
    /// Done or failed for good: a later job of this key starts anew.
    func drop(_ key: CacheKey) { _ = handles.withLock { $0.removeValue(forKey: key) } }
}

/// The blobs a run (or a worker) has hashed and found whole, so an input shared by many
/// jobs is read once.
public final class VerifiedBlobs: @unchecked Sendable {
    private let lock = NSLock()
    private var digests: Set<Digest> = []

    public init() {}

    /// True when the asset's file hashes to its name (hashing it the first time it is asked).
    public func check(_ asset: Asset, in blobs: any BlobStore) -> Bool {
        if lock.withLock({ digests.contains(asset.digest) }) { return true }
        guard blobs.verify(asset) else { return false }
        lock.withLock { _ = digests.insert(asset.digest) }
        return true
    }

    func forget(_ digest: Digest) { lock.withLock { _ = digests.remove(digest) } }
}

extension Executor {
    /// A job found inputs whose files do not hash to their names. Each damaged file is
    /// removed and the node that made it runs again (a remote take is fetched again from the
    /// provider's job); the job waits for it. A file that cannot be made again here (a
    /// stored take given to the graph, or one damaged again after being made again) fails
    /// the job clearly instead. Nothing is ever made from bytes that did not match.
    func repairInputs(of id: NodeID, _ producers: [NodeID], _ run: inout RunState,
                      _ events: AsyncStream<RunEvent>.Continuation?) {
        var redo: [NodeID] = []
        for producer in producers where run.state.status[producer] == .done {
            guard let asset = run.outputs[producer]?.asset else { continue }
            // Made again while this job was starting: it is whole now.
            if run.verified.check(asset, in: blobs) { continue }
            blobs.discard(asset)
            let node = run.graph[producer]!
            guard node.given == nil, !run.repaired.contains(producer) else {
                let what = node.given == nil ? " even after it was made again" : "; it was removed, so the next run makes or fetches it again"
                let failure = JobFailure(.failed, "the file of \(node.label) (\(asset.digest.short)) in the media store is damaged: "
                                         + "its bytes do not match their digest\(what)")
                run.summary.failures[id] = failure
                events?.yield(.failed(id, failure))
                let blocked = JobFailure(.blocked, "an input (\(id)) failed")
                run.state.fail(id).forEach { skip($0, blocked, &run, events) }
                return
            }
            redo.append(producer)
        }
        for producer in redo {
            run.repaired.insert(producer)
            run.resolved[producer] = nil
            run.summary.outputs[producer] = nil
            if run.fromCache.remove(producer) != nil { run.summary.cached -= 1 }
            events?.yield(.retrying(producer, JobFailure(.transient, "its stored file is damaged; making it again"),
                                    delay: 0, attempt: run.attempts[producer, default: 0]))
        }
        run.newlyReady += run.state.redo(redo, requeue: id)
    }
}
