import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelScript
import ReelStore

/// What `board` wrote.
public struct BoardResult: Sendable {
    public var html: URL
    public var panels: [URL]
    public var storyboard: Storyboard
    /// The sheet printed to PDF, when Chromium is installed.
    public var pdf: URL?
}

extension Studio {
    /// Draws every shot's panel (the same cached jobs the film uses) and writes a
    /// storyboard sheet: `DIR/index.html` and `DIR/panels/<shot>.png`.
    public func board(script: URL, directory: URL, format: VideoFormat = .default, scriptFormat: ScriptFormat = .auto,
                      events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> BoardResult {
        var production = try Production.open(script: script, format: format, environment: environment, lockFor: "board")
        if scriptFormat != .auto { production.config.scriptFormat = scriptFormat }
        defer { production.close() }
        return try await board(production, directory: directory, events: events)
    }

    /// The storyboard sheet of an open production, written into `directory`.
    func board(_ production: Production, directory: URL, events: AsyncStream<RunEvent>.Continuation?) async throws
        -> BoardResult
    {
        let storyboard = try await plan(production, save: true)
        _ = try toolchain.requireFFmpeg()
        let panelsDir = directory.appendingPathComponent("panels")
        do {
            try FileManager.default.createDirectory(at: panelsDir, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the board directory", at: directory.path,
                            hint: "choose a directory you can write to")
        }
        let blobs = production.blobs
        let builder = try await filmBuilder(production, board: storyboard)
        var graph = JobGraph()
        for shot in storyboard.shots {
            graph.add(try builder.takesGraph([(shot, builder.animaticTake(shot))]).nodes.first { $0.spec.kind == .image }!)
        }
        let summary = try await run(graph, in: production, generators: builder.generators, command: "board", events: events)
        try Studio.requireSuccess(summary, graph: graph)
        var files: [ShotID: String] = [:]
        var written: [URL] = []
        for shot in storyboard.shots {
            guard let asset = summary.outputs[NodeID("panel:\(shot.id)#1")]?.asset else { continue }
            let name = "panels/\(shot.id.rawValue).png"
            let target = directory.appendingPathComponent(name)
            try OutputFile.install(blobs.url(for: asset), at: target)
            files[shot.id] = name
            written.append(target)
        }
        let html = directory.appendingPathComponent("index.html")
        let temp = blobs.scratchURL(extension: "html")
        try Data(BoardSheet(storyboard: storyboard, panels: files).html().utf8).write(to: temp)
        try OutputFile.install(temp, at: html)
        try? FileManager.default.removeItem(at: temp)
        return BoardResult(html: html, panels: written, storyboard: storyboard, pdf: nil)
    }
}
