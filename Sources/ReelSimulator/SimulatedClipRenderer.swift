import Foundation
import ReelMedia
import ReelModel

/// Makes the simulated provider's videos with ffmpeg and keeps them: one file per
/// distinct clip, so 180 takes of a benchmark do not render identical clips again.
/// Requests for a clip being rendered wait for that render.
public actor SimulatedClipRenderer {
    /// Goes up when the same clip would now be rendered differently.
    public static let version = 3

    public let directory: URL
    public let mode: SimulationConfig.RenderMode
    private let toolchain: Toolchain
    private let runner: any ProcessRunner
    private var waiting: [String: [CheckedContinuation<URL, any Error>]] = [:]

    public init(directory: URL, mode: SimulationConfig.RenderMode, toolchain: Toolchain = .discover(),
                runner: any ProcessRunner = LocalProcessRunner()) {
        self.directory = directory
        self.mode = mode
        self.toolchain = toolchain
        self.runner = runner
    }

    /// What is missing for rendering, said for a person; nil when ffmpeg is there.
    public static func missingTools(_ toolchain: Toolchain = .discover()) -> String? {
        toolchain.ffmpeg == nil
            ? "ffmpeg is not installed, so every download will fail (500 render_failed); install it with `sudo apt-get install ffmpeg`"
            : nil
    }

    /// The file of `clip`, rendered now unless it already exists.
    public func file(for clip: SimulatedClip) async throws -> URL {
        try await cached(mode == .cheap ? clip.flat : clip, still: false)
    }

    /// A PNG still of `clip`'s first frame (what `POST /v1/images` answers with), rendered
    /// now unless it already exists. Stills are always drawn in full.
    public func still(for clip: SimulatedClip) async throws -> URL {
        try await cached(clip, still: true)
    }

    private func cached(_ clip: SimulatedClip, still: Bool) async throws -> URL {
        let name = Self.fileName(clip, mode: still ? .full : mode) + (still ? "-still" : "")
        let target = directory.appendingPathComponent(name + (still ? ".png" : ".mp4"))
        if FileManager.default.fileExists(atPath: target.path) { return target }
        if waiting[name] != nil {
            return try await withCheckedThrowingContinuation { waiting[name, default: []].append($0) }
        }
        waiting[name] = []
        let result: Result<URL, any Error>
        do {
            try await render(clip, name: name, still: still, to: target)
            result = .success(target)
        } catch {
            result = .failure(error)
        }
        for continuation in waiting.removeValue(forKey: name) ?? [] { continuation.resume(with: result) }
        return try result.get()
    }

    private func render(_ clip: SimulatedClip, name: String, still: Bool, to target: URL) async throws {
        let ffmpeg = try toolchain.requireFFmpeg()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scratch = "\(name).\(UUID().uuidString.prefix(8))"
        let textFile = directory.appendingPathComponent(scratch + ".txt")
        try Data(clip.text.utf8).write(to: textFile)
        let image = clip.firstFrame.map { _ in directory.appendingPathComponent(scratch + ".image") }
        if let image, let data = clip.firstFrame { try data.write(to: image) }
        let partial = directory.appendingPathComponent(scratch + (still ? ".part.png" : ".part.mp4"))
        defer {
            for file in [partial, textFile] + (image.map { [$0] } ?? []) { try? FileManager.default.removeItem(at: file) }
        }
        let arguments = still ? Self.stillArguments(clip, textFile: textFile, output: partial)
            : Self.arguments(clip, mode: mode, textFile: textFile, image: image, output: partial)
        let result = try await runner.run(ffmpeg, arguments)
        guard result.status == 0 else {
            throw FakeServerError("ffmpeg could not render a simulated clip: \(result.stderrTail(3))")
        }
        guard rename(partial.path, target.path) == 0 else {
            throw FakeServerError("cannot move a simulated clip into \(directory.path) (errno \(errno))")
        }
    }

    /// The cache file's name: the clip's parameters, the mode and the renderer version.
    static func fileName(_ clip: SimulatedClip, mode: SimulationConfig.RenderMode) -> String {
        let spec = (try? JSONValue(encoding: clip).canonical) ?? "\(clip)"
        let hash = SeededRandom.fnv1a("v\(version)|\(mode.rawValue)|\(spec)")
        return "\(mode.rawValue)-\(clip.width)x\(clip.height)-\(clip.frames)f-" + String(hash, radix: 16)
    }
}
