import Foundation
import ReelEngine
import ReelModel

/// Parameters of an `assemble` node. Inputs: the clips in order, then the soundtrack.
public struct AssembleParams: Hashable, Sendable, Codable {
    /// 3: always a stream copy (subtitles are burned per clip). 4: checks the loudness.
    public static let kindVersion = 4
    public var spec: AssemblySpec
    public var encode: EncodeSettings
    public var clipCount: Int
    public var shots: Int
    public var expectsSound: Bool
    /// The loudness the soundtrack was mastered to, which the check holds it to.
    public var loudness: LoudnessTarget?

    public init(spec: AssemblySpec, encode: EncodeSettings, clipCount: Int, shots: Int, expectsSound: Bool,
                loudness: LoudnessTarget? = .phone) {
        self.spec = spec
        self.encode = encode
        self.clipCount = clipCount
        self.shots = shots
        self.expectsSound = expectsSound
        self.loudness = loudness
    }
}

/// Cuts the film, then checks it; a film that fails its check is a failed job.
public struct AssembleRunner: NodeRunner {
    let tools: MediaTools

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let p = try node.spec.params.decode(AssembleParams.self)
        let clips = (0..<p.clipCount).map { context.inputURL($0) }
        let audio = context.inputURL(p.clipCount)
        let list = context.blobs.scratchURL(extension: "txt")
        let output = context.blobs.scratchURL(extension: "mp4")
        defer { try? FileManager.default.removeItem(at: list) }
        do {
            try FilmAssembly.concatList(clips).write(to: list, atomically: true, encoding: .utf8)
        } catch {
            throw JobFailure(.failed, "cannot write the clip list: \(error.localizedDescription)")
        }
        try await tools.ffmpeg(FilmAssembly.arguments(list: list, audio: audio, output: output, spec: p.spec),
                               doing: "cut the film", cleanup: output)
        let expected = FilmExpectation(width: p.encode.format.width, height: p.encode.format.height,
                                       frames: p.spec.frames, shots: p.shots, expectsSound: p.expectsSound,
                                       loudness: p.loudness)
        // The soundtrack is a copy of the mix, whose loudness the mix measured.
        var measured = try await FilmInspector(toolchain: tools.toolchain, runner: tools.runner)
            .measure(output, withSound: p.expectsSound && context.inputs[p.clipCount].media?.meanVolumeDB == nil,
                     loudness: p.expectsSound && p.loudness != nil)
        if let known = context.inputs[p.clipCount].media?.meanVolumeDB { measured.meanVolumeDB = known }
        let problems = FilmCheck.problems(measured, expected: expected)
        guard problems.isEmpty else {
            try? FileManager.default.removeItem(at: output)
            throw JobFailure(.failed, "the finished film failed its check: " + problems.joined(separator: "; "))
        }
        let asset = try context.blobs.importFile(at: output, mediaType: "video/mp4", media: measured.media)
        var details: [String: JSONValue] = [:]
        if let volume = measured.meanVolumeDB { details["meanVolumeDB"] = .double(volume) }
        if let l = measured.loudness, l.integrated.isFinite, l.truePeak.isFinite {
            details["loudnessLUFS"] = .double((l.integrated * 10).rounded() / 10)
            details["truePeakDBTP"] = .double((l.truePeak * 10).rounded() / 10)
        }
        return NodeOutput(asset: asset, details: details.isEmpty ? nil : .object(details))
    }
}
