import Foundation
import ReelAssistant
import ReelModel
import ReelScript
import ReelStore

/// What `reel revise` asks for.
public struct ReviseRequest: Sendable {
    /// What to change, in the user's words: `move scene 2 to night and give Ben a line of doubt`.
    public var instruction: String
    /// `provider` or `provider/model`; nil for `REEL_WRITER`.
    public var writer: String?
    public var seed: UInt64
    /// Ask and show the diff; write nothing.
    public var dryRun: Bool

    public init(instruction: String, writer: String? = nil, seed: UInt64 = 1, dryRun: Bool = false) {
        self.instruction = instruction
        self.writer = writer
        self.seed = seed
        self.dryRun = dryRun
    }
}

/// What `reel revise` did: the changes the model reports, the diff, where the old script was
/// kept, and the storyboard before and after.
public struct ReviseReport: Sendable, Codable, Hashable {
    public var script: String
    /// The previous script, kept (relative to the project); nil on a dry run.
    public var backup: String?
    /// The diff file (relative to the project); nil on a dry run.
    public var diffFile: String?
    public var diff: String
    public var changes: [String]
    public var removedLines: Int
    public var addedLines: Int
    public var shotsBefore: Int
    public var shotsAfter: Int?
    public var dryRun: Bool
    public var writer: WriterReport
}

extension Studio {
    /// Revises the project's script with the configured language model: the whole script
    /// and the instruction go out as one `chat` job in the project's journal (cached,
    /// costed like a take); the answer must be the same format, still have scenes and
    /// differ. Then the old script is kept in `revisions/`, the diff written beside it, the
    /// new script written in place (temp-then-rename) and the storyboard re-planned: shot ids
    /// stay stable and the user's shot edits still win. Never a silent rewrite.
    public func revise(_ production: Production, _ request: ReviseRequest) async throws -> ReviseReport {
        let instruction = request.instruction.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !instruction.isEmpty else {
            throw ReelError(.usage, "say what to change", hint: "for example: reel revise \"move scene 2 to night\"")
        }
        let script = try ScriptSource.load(production.script, format: production.config.scriptFormat)
        let original = try String(contentsOf: production.script, encoding: .utf8)
        let shortDrama = script.format == .shortDrama
        let writer = try chooseWriter(request.writer)
        var session = WriterSession(writer: writer, seed: request.seed, journal: production.journal, blobs: production.blobs,
                                    sleeper: sleeper, options: try await executorOptions(production))
        let revision = try await session.ask("revision", Revision.prompt(script: original, shortDrama: shortDrama, instruction: instruction),
                                             maxTokens: min(16_000, 1500 + original.utf8.count / 2)) { text in
            let reading = Revision.read(text, original: original, shortDrama: shortDrama)
            guard let revision = reading.value else { return reading }
            // Read as the project reads its script: the same format, and the cast line kept
            // (the cast's descriptions come from it).
            var problems: [String] = []
            let again = try? ScriptReading(data: Data(revision.script.utf8), path: production.script.path,
                                           format: production.config.scriptFormat)
            if let again, again.format != script.format {
                problems.append("the revised script reads as \(Studio.formatName(again.format)), not \(Studio.formatName(script.format)): keep the screenplay's format")
            }
            if !script.screenplay.listedCast.isEmpty, again?.screenplay.listedCast.isEmpty ?? true {
                problems.append("the cast line (人物： or Characters:) is gone: keep it, with every character")
            }
            return Reading(value: revision, problems: problems, repairs: reading.repairs)
        }
        let name = production.script.lastPathComponent
        let (diff, removed, added) = LineDiff.compare(original, revision.script, oldName: "a/\(name)", newName: "b/\(name)")
        let before = try await production.repository.loadStoryboard()?.shots.count ?? 0
        let writerReport = WriterReport(writer: writer, calls: session.calls)
        var report = ReviseReport(script: name, backup: nil, diffFile: nil, diff: diff, changes: revision.changes,
                                  removedLines: removed, addedLines: added, shotsBefore: before, shotsAfter: nil,
                                  dryRun: request.dryRun, writer: writerReport)
        if request.dryRun { return report }

        let home = production.script.deletingLastPathComponent()
        let folder = home.appendingPathComponent("revisions")
        let number = Self.nextRevision(in: folder)
        let stem = String(format: "%03d", number)
        let backup = folder.appendingPathComponent("\(stem)-\(name)")
        let diffFile = folder.appendingPathComponent("\(stem).diff")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the revisions folder", at: folder.path, hint: "check the project's permissions")
        }
        // The old script is kept before the new one replaces it: a crash between leaves both.
        try OutputFile.write(Data(original.utf8), at: backup)
        try OutputFile.write(Data(("# reel revise \"\(instruction)\"\n" + diff).utf8), at: diffFile)
        try OutputFile.write(Data(revision.script.utf8), at: production.script)
        let board = try await plan(production, save: true)
        report.backup = "revisions/\(backup.lastPathComponent)"
        report.diffFile = "revisions/\(diffFile.lastPathComponent)"
        report.shotsAfter = board.shots.count
        return report
    }

    static func formatName(_ format: ScriptFormat) -> String {
        format == .shortDrama ? "the short-drama format" : "Fountain"
    }

    /// One more than the highest `NNN-` in `revisions/`.
    static func nextRevision(in folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return (names.compactMap { Int($0.prefix(3)) }.max() ?? 0) + 1
    }
}
