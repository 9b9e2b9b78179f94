import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelScript
import ReelStore

/// What to make and where to put it.
public struct MakeRequest: Sendable {
    public var script: URL
    public var output: URL?
    public var format: VideoFormat
    public var burnSubtitles: Bool
    public var label: RenderSettings.LabelPolicy
    /// How the script is written; `.auto` tells Fountain from a Chinese short-drama script.
    public var scriptFormat: ScriptFormat

    public init(script: URL, output: URL? = nil, format: VideoFormat = .default, burnSubtitles: Bool = false,
                label: RenderSettings.LabelPolicy = .auto, scriptFormat: ScriptFormat = .auto) {
        self.script = script
        self.output = output
        self.format = format
        self.burnSubtitles = burnSubtitles
        self.label = label
        self.scriptFormat = scriptFormat
    }

    /// `renders/<script name>.mp4` in the current directory.
    public var resolvedOutput: URL {
        output ?? URL(fileURLWithPath: "renders")
            .appendingPathComponent(script.deletingPathExtension().lastPathComponent + ".mp4")
    }
}

/// What `make` made.
public typealias MakeResult = FilmResult

extension Studio {
    /// Plans, generates and renders a screenplay into a film: the one-command path, on the
    /// same machinery as `plan`, `generate` and `render`. A script inside a project uses
    /// the project; a loose one gets its own state in Reel's cache.
    ///
    /// Nothing is written under the output's final name until the film has passed its
    /// check; a second run with nothing changed renders nothing.
    public func make(_ request: MakeRequest, events: AsyncStream<RunEvent>.Continuation? = nil) async throws -> MakeResult {
        let reading = try ScriptSource.load(request.script, format: request.scriptFormat)
        var production = try Production.open(script: request.script, format: request.format, environment: environment,
                                             lockFor: "make")
        defer { production.close() }
        production.config.label = request.label
        if request.scriptFormat != .auto { production.config.scriptFormat = request.scriptFormat }
        var result = try await film(production, output: request.resolvedOutput, burnSubtitles: request.burnSubtitles,
                                    makeMissing: true, events: events)
        result.warnings = reading.warnings + result.warnings
        return result
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
        throw ReelError(.mediaFailed, "\(Plural.count(failures.count, "job")) failed, \(summary.skipped.count) could not run:\n  "
                            + lines.joined(separator: "\n  "),
                        hint: "finished work is kept; fix the cause and run the same command again to continue")
    }
}
