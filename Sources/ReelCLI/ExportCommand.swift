import ArgumentParser
import Foundation
import ReelExport
import ReelModel
import ReelStudio

/// `reel export FORMAT`: the film's timeline for an editor.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the cut for an editor: otio, fcpxml, edl, srt, vtt, jianying or board.",
        discussion: """
            The timeline holds the takes the render uses (the pick, else the newest good take), the voices, \
            the music and the subtitles. Shots without a take are gaps with a marker. Media paths are \
            relative to the export; --bundle copies the media next to it so the folder can be moved. \
            jianying writes a draft folder (its media always copied into materials/); board writes a \
            storyboard sheet (index.html, and board.pdf when Chromium is installed).
            """)

    @Argument(help: "otio, fcpxml, edl, srt, vtt, jianying or board.")
    var format: ExportFormat

    @Argument(help: "A screenplay (.fountain) to export without a project; leave it out inside a project.",
              completion: .file(extensions: ["fountain", "txt"]))
    var script: String?

    @OptionGroup var project: ProjectOptions

    @Option(name: .shortAndLong, help: "Where to write: a file, or a folder for jianying and board (default: in renders/).")
    var out: String?

    @Flag(help: "Copy the media next to the export (media/), so the folder can be moved to another machine.")
    var bundle = false

    @Option(help: "For jianying: the drafts folder of the computer that will open the draft (Jianying's 草稿位置); its media paths are written as they will be there.")
    var draftsFolder: String?

    @OptionGroup var formatOptions: FormatOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the result.")
    var quiet = false

    func validate() throws {
        if let out, let ext = format.fileExtension, !out.lowercased().hasSuffix("." + ext) {
            throw ValidationError("--out must name a .\(ext) file for \(format.rawValue) (got '\(out)')")
        }
        if bundle && !format.refersToMedia {
            throw ValidationError("--bundle applies to otio, fcpxml, edl and jianying; \(format.rawValue) has no media")
        }
        if draftsFolder != nil, format != .jianying {
            throw ValidationError("--drafts-folder is for jianying drafts (got \(format.rawValue))")
        }
    }

    func run() async throws {
        let studio = Studio()
        let production = try script.map {
            try Production.open(script: URL(fileURLWithPath: $0), format: formatOptions.format, environment: studio.environment,
                                lockFor: "export")
        } ?? project.open(lockFor: "export")
        defer { production.close() }
        let request = ExportRequest(format: format, output: out.map { URL(fileURLWithPath: $0) }, bundle: bundle, draftsFolder: draftsFolder)
        let result = try await Progress.run(quiet: quiet || json) { events in
            try await studio.export(production, request, events: events)
        }
        if json {
            try Terminal.json(ExportReport(result))
            return
        }
        Terminal.out(result.output.path)
        if !quiet {
            let t = result.timeline
            if format != .board {
                Terminal.err("\(Plural.count(t.tracks.count, "track")), \(Plural.count(Int(t.frames(t.duration)), "frame")) at \(t.rate) fps, "
                             + "\(Plural.count(result.files.count, "file")) written")
            }
            for warning in result.warnings { Terminal.err("note: \(warning)") }
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}

