import Foundation
import ReelEngine
import ReelModel
import ReelTesting
import Testing

@testable import ReelMedia

/// A take's check: a file that is not a video is a failing verdict (the job succeeds, the take
/// is marked); a check that cannot run — no ffprobe here — is a failed job, so the take is not
/// marked and is checked again once the tool is there.
struct CheckRunnerTests {
    func context(_ dir: TemporaryDirectory, file contents: Data) throws -> (JobContext, GraphNode) {
        let blobs = try DirectoryBlobStore(root: dir.file("media"))
        let source = dir.file("take.mp4")
        try contents.write(to: source)
        let asset = try blobs.importFile(at: source, mediaType: "video/mp4")
        let params = ClipCheckParams(expected: ClipExpectation(duration: .seconds(2)), take: "S01-01#1")
        let node = GraphNode(id: "check:S01-01#1", spec: JobSpec(kind: .check, kindVersion: ClipCheckParams.kindVersion, provider: "reel",
                                                                 params: try JSONValue(encoding: params)))
        return (JobContext(key: CacheKey(spec: node.spec, inputs: [asset.digest]), inputs: [asset], blobs: blobs), node)
    }

    @Test func aFileThatIsNotAVideoIsAFailingVerdict() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (context, node) = try context(dir, file: Data("not a video".utf8))
        let output = try await CheckRunner(tools: MediaTools(toolchain: .discover())).run(node, context: context)
        let verdict = try #require(try output.details?.decode(TakeVerdict.self))
        #expect(!verdict.passed && verdict.problems.map(\.kind) == [.unreadable])
    }

    @Test func aMissingToolIsAFailedJobNotAVerdict() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (context, node) = try context(dir, file: Data("not a video".utf8))
        let tools = MediaTools(toolchain: Toolchain(ffmpeg: Toolchain.discover().ffmpeg, ffprobe: nil, espeak: nil))
        let error = await #expect(throws: ReelError.self) { try await CheckRunner(tools: tools).run(node, context: context) }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
    }
}
