import Foundation
import ReelEngine
import ReelModel

/// Parameters of a `check` node: what the take was asked to be, and the problems that are
/// what was asked for there (a static shot drawn by the animatic is a held still, not a
/// frozen picture).
public struct ClipCheckParams: Hashable, Sendable, Codable {
    /// Goes up whenever the check would find something else in the same clip.
    /// 2: a missing tool or an interrupted check is a failed job, not an `unreadable` verdict.
    /// 3: a jump of the mean colour that stays is a cut.
    public static let kindVersion = 3
    public var expected: ClipExpectation
    /// Problems of these kinds are not problems for this take.
    public var allowed: [ClipProblem.Kind]
    /// The take checked: each take's check is its own job, found by its node, even when two
    /// takes came back as the same bytes (two black clips are one file).
    public var take: String?

    public init(expected: ClipExpectation, allowed: [ClipProblem.Kind] = [], take: String? = nil) {
        self.expected = expected
        self.allowed = allowed
        self.take = take
    }
}

/// Checks a take (``ClipInspector``) once it is made: the verdict is the node's output, as
/// a JSON file in the store and, for the take's record, as ``TakeVerdict`` in its details.
/// Cached like any node: a take's clip is checked once, however often it is asked.
public struct CheckRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params = try node.spec.params.decode(ClipCheckParams.self)
        let clip = context.inputURL(0)
        var verdict: ClipVerdict
        do {
            verdict = try await ClipInspector(toolchain: tools.toolchain, runner: tools.runner).check(clip, expected: params.expected)
        } catch let error as ReelError where (error.code == .invalidInput || error.code == .mediaFailed) && !Task.isCancelled {
            // A take that is not a readable video is a verdict too: it fails. A missing tool,
            // a process that could not start or a check cut short is not the take's fault: the
            // job fails and runs again next time.
            let whole = TimeRange.between(0, params.expected.duration?.seconds ?? 0)
            verdict = ClipVerdict(file: clip.path, problems: [ClipProblem(kind: .unreadable, range: whole, measure: 0,
                                                                          unit: .seconds, summary: error.message)],
                                  media: MediaInfo(), loudness: nil)
        }
        verdict.problems.removeAll { params.allowed.contains($0.kind) }
        verdict.file = clip.lastPathComponent
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let file = context.blobs.scratchURL(extension: "json")
        try encoder.encode(verdict).write(to: file)
        let asset = try context.blobs.importFile(at: file, mediaType: "application/json", media: nil, move: true)
        return NodeOutput(asset: asset, details: try TakeVerdict(problems: verdict.problems, signature: verdict.signature).detailsEncoding)
    }
}
