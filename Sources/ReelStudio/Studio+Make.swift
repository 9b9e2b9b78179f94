import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore

/// What to make and where to put it.
public struct MakeRequest: Sendable {
    public var script: URL
    public var output: URL?
    public var format: VideoFormat
    public var burnSubtitles: Bool
    public var label: RenderSettings.LabelPolicy

    public init(script: URL, output: URL? = nil, format: VideoFormat = .default, burnSubtitles: Bool = false,
                label: RenderSettings.LabelPolicy = .auto) {
        self.script = script
        self.output = output
        self.format = format
        self.burnSubtitles = burnSubtitles
        self.label = label
    }

    /// `renders/<script name>.mp4` in the current directory.
    public var resolvedOutput: URL {
        output ?? URL(fileURLWithPath: "renders")
            .appendingPathComponent(script.deletingPathExtension().lastPathComponent + ".mp4")
    }
}

/// What `make` made.
public struct MakeResult: Sendable {
    public var film: URL
    public var subtitles: URL
    public var storyboard: Storyboard
    public var summary: RunSummary
    public var frames: Int64
}

extension Studio {
    /// Plans, generates and renders a screenplay into a film: the one-command path.
    ///
    /// Nothing is written under the output's final name until the film has passed its
    /// check; a second run with nothing changed renders nothing.
    public func make(_ request: MakeRequest, events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> MakeResult {
        let storyboard = try plan(script: request.script, format: request.format)
        try requireTools()
        let output = request.resolvedOutput
        let subtitlesURL = output.deletingPathExtension().appendingPathExtension("srt")
        try OutputFile.checkWritable(output)
        let workspace = Workspace.forScript(request.script, environment: environment)
        let (database, blobs) = try workspace.open()
        let settings = RenderSettings(encode: EncodeSettings(format: request.format), burnSubtitles: request.burnSubtitles,
                                      label: request.label)
        let film = try FilmGraphBuilder(storyboard: storyboard, settings: settings, generators: localGenerators()).build()
        let executor = executor(generators: localGenerators(), journal: SQLiteJournal(database: database), blobs: blobs,
                                options: ExecutorOptions(limits: Studio.localLimits()))
        let summary = try await executor.run(film.graph, events: events)
        try Studio.requireSuccess(summary, graph: film.graph)
        guard let filmAsset = summary.outputs[film.film]?.asset, let srt = summary.outputs[film.subtitles]?.asset else {
            throw ReelError(.internalError, "the run finished without a film", hint: "this is a bug; please report it")
        }
        try OutputFile.install(blobs.url(for: srt), at: subtitlesURL)
        try OutputFile.install(blobs.url(for: filmAsset), at: output)
        return MakeResult(film: output, subtitles: subtitlesURL, storyboard: storyboard, summary: summary, frames: film.frames)
    }

    /// Turns failed jobs into one error that names each (up to five) and its reason.
    static func requireSuccess(_ summary: RunSummary, graph: JobGraph) throws {
        guard !summary.failures.isEmpty || !summary.skipped.isEmpty else { return }
        let failures = summary.failures.sorted { $0.key < $1.key }
        var lines = failures.prefix(5).map { id, failure in "\(graph[id]?.label ?? id.rawValue): \(failure)" }
        if failures.count > 5 { lines.append("… and \(failures.count - 5) more") }
        if failures.isEmpty {
            lines = summary.skipped.sorted { $0.key < $1.key }.prefix(5).map { "\(graph[$0.key]?.label ?? $0.key.rawValue): \($0.value)" }
        }
        throw ReelError(.mediaFailed, "\(failures.count) job(s) failed, \(summary.skipped.count) could not run:\n  "
                            + lines.joined(separator: "\n  "),
                        hint: "finished work is kept; fix the cause and run the same command again to continue")
    }
}

/// Writing finished files: never a half-written file under the final name.
enum OutputFile {
    /// Fails before any work is done when the output cannot be written.
    static func checkWritable(_ url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw ReelError(.cannotWrite, "the output path is a directory", at: url.path, hint: "name a file such as film.mp4")
        }
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the output directory", at: dir.path,
                            hint: "choose an output path in a directory you can write to (--out)")
        }
        // Try it: permission bits say nothing about read-only or special file systems.
        let probe = dir.appendingPathComponent(".reel-write-test-\(UUID().uuidString.prefix(8))")
        guard fm.createFile(atPath: probe.path, contents: Data("x".utf8)) else {
            throw ReelError(.cannotWrite, "cannot write in the output directory", at: dir.path,
                            hint: "choose an output path in a directory you can write to (--out)")
        }
        try? fm.removeItem(at: probe)
    }

    /// Copies `source` next to `target` under a temporary name, then renames it into place.
    static func install(_ source: URL, at target: URL) throws {
        let fm = FileManager.default
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).part")
        do {
            try fm.copyItem(at: source, to: temp)
            guard rename(temp.path, target.path) == 0 else {
                throw ReelError(.cannotWrite, "cannot move the finished file into place (errno \(errno))", at: target.path)
            }
        } catch let error as ReelError {
            try? fm.removeItem(at: temp)
            throw error
        } catch {
            try? fm.removeItem(at: temp)
            throw ReelError(.cannotWrite, "cannot write the output: \(error.localizedDescription)", at: target.path,
                            hint: "check free disk space and permissions")
        }
    }
}
