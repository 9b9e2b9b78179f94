import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel project import|export`: a project's state between its own database and the studio's.
struct ProjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Move a project's state into the studio's PostgreSQL database, or back into its own file.",
        discussion: """
            A project is known in the studio database by studio_id in its reel.yaml (`import` writes one when \
            there is none). `import` copies everything (takes, journal, spending, picks, edits, cast, consent \
            ledger, notes) and the media it uses, then renames .reel/reel.sqlite to reel.sqlite.moved; `export` \
            copies the studio's state into a new .reel/reel.sqlite (the studio keeps it). Each side is written \
            in one transaction: a move that fails changes nothing.
            """,
        subcommands: [Import.self, Export.self])

    struct Place: ParsableArguments {
        @OptionGroup var project: ProjectOptions

        @Option(help: ArgumentHelp("The studio database (default: REEL_DATABASE).", valueName: "postgres://user@host/db"))
        var database: String?

        @Option(help: ArgumentHelp("The studio's shared media path (default: REEL_MEDIA, else the project's .reel/media).",
                                   valueName: "dir"))
        var media: String?

        @Flag(help: "Print what moved as JSON.")
        var json = false

        func found() async throws -> Project {
            _ = try await Workspace.useStudio(database: database, media: media)
            return try project.project()
        }

        /// The tables as people say them.
        static let rowNames = ["job": "job", "job_event": "job transition", "take": "take", "keyframe": "keyframe", "pick": "pick",
                               "keyframe_pick": "keyframe pick", "ledger": "ledger line", "run": "run", "shot": "shot",
                               "storyboard": "storyboard", "shot_edit": "shot edit", "cast_entry": "cast entry",
                               "consent_event": "consent event", "note": "note"]
        static let rowPlurals = ["cast entry": "cast entries"]

        func show(_ report: ProjectMoveReport) throws {
            if json { return try Terminal.json(report) }
            let rows = report.rows.filter { $0.value > 0 }.sorted { $0.key < $1.key }
                .map { Plural.count($0.value, Self.rowNames[$0.key] ?? $0.key.replacingOccurrences(of: "_", with: " "),
                                    Self.rowNames[$0.key].flatMap { Self.rowPlurals[$0] }) }
            let arrow = report.direction == "into-studio" ? "moved into \(report.database)" : "copied out of \(report.database) into \(report.file)"
            Terminal.out("\(report.project): \(arrow): \(rows.isEmpty ? "no rows" : rows.joined(separator: ", ")); "
                         + "\(Plural.count(report.mediaFiles, "media file")) copied")
            if report.missingMedia > 0 {
                Terminal.err("reel: warning: \(Plural.count(report.missingMedia, "file")) the project uses \(report.missingMedia == 1 ? "is" : "are") in neither "
                             + "media store: each would be made again (a paid take paid again, unless the provider still has it); "
                             + "name the studio's media path with --media (or REEL_MEDIA) and export again after moving .reel/reel.sqlite aside")
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Move the project's state from .reel/reel.sqlite into the studio database.")

        @OptionGroup var place: Place

        func run() async throws {
            try place.show(try await Studio().moveIntoStudio(try await place.found()))
            if !place.json { Terminal.err("next: keep REEL_DATABASE set (or `reel serve --database …`) to work on it there") }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Copy the project's state from the studio database into a new .reel/reel.sqlite.")

        @OptionGroup var place: Place

        func run() async throws {
            try place.show(try await Studio().moveOutOfStudio(try await place.found()))
            if !place.json { Terminal.err("next: unset REEL_DATABASE to work on the project's own database") }
        }
    }
}
