import Foundation
import ReelEngine
import ReelMedia
import ReelModel

/// What `reel review` wrote.
public struct ReviewResult: Sendable {
    public var html: URL
    public var sheet: ReviewSheet
}

extension Studio {
    /// Writes a review page of the chosen shots' takes (every shot when `patterns` is empty):
    /// `DIR/index.html` and `DIR/frames/`. Each finished take gets a strip of frames and,
    /// with `check`, the quality check's verdict (`reel check`); failed takes say why.
    public func review(_ production: Production, shots patterns: [String], directory: URL, check: Bool = true)
        async throws -> ReviewResult
    {
        let board = try await plan(production, save: false)
        let shots = try Studio.select(board.shots, patterns: patterns)
        let ffmpeg = try toolchain.requireFFmpeg()
        do {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent("frames"), withIntermediateDirectories: true)
        } catch {
            throw ReelError(.cannotWrite, "cannot create the review directory", at: directory.path,
                            hint: "choose a directory you can write to")
        }
        let builder = try await filmBuilder(production, board: board)
        let settings = renderSettings(production)
        let animatic = localGenerators().video.descriptor.id
        let picks = try await production.repository.picks()
        let keyframePicks = try await production.repository.picks(kind: .keyframe)
        let notes = try await self.notes(production, shot: nil)
        // Frames are made in scratch and installed with the page: nothing half-written is
        // left under a final name.
        let scratch = production.blobs.scratchDirectory.appendingPathComponent("\(ScratchSweep.prefix)review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rows: [ReviewSheet.Row] = []
        for shot in shots {
            var cards: [ReviewSheet.Card] = []
            for take in try await takeReports(production, shot: shot, builder: builder, picked: picks[shot.id]) {
                var card = ReviewSheet.Card(take: take, video: nil, frames: [], verdict: nil)
                if let path = take.output, FileManager.default.fileExists(atPath: path) {
                    let file = URL(fileURLWithPath: path)
                    card.video = file.absoluteString
                    card.frames = try await frames(of: file, seconds: take.seconds, named: "\(shot.id)-\(take.number)",
                                                   into: scratch, ffmpeg: ffmpeg)
                    if let stored = take.verdict {
                        card.verdict = stored
                    } else if check {
                        // A take made before takes were checked on arrival: checked now.
                        let asked = take.generatedSeconds.map { RationalTime.milliseconds(Int64(($0 * 1000).rounded())) }
                        var verdict = try await checkClip(file, expecting: ClipExpectation(
                            duration: asked ?? shot.duration, width: board.format.width, height: board.format.height,
                            shapeOnly: true))
                        // The animatic draws a still for a static shot: a frozen picture is what
                        // it was asked for there, not a defect.
                        if take.provider == animatic.rawValue, shot.move == .static {
                            verdict.problems.removeAll { $0.kind == .frozen }
                        }
                        card.verdict = TakeVerdict(problems: verdict.problems)
                    }
                }
                cards.append(card)
            }
            var stills: [ReviewSheet.Card] = []
            for still in try await takeReports(production, shot: shot, builder: builder, picked: keyframePicks[shot.id],
                                               kind: .keyframe) {
                var card = ReviewSheet.Card(take: still, video: nil, frames: [], verdict: nil)
                if let path = still.output, FileManager.default.fileExists(atPath: path) {
                    card.frames = try await frames(of: URL(fileURLWithPath: path), seconds: nil,
                                                   named: "\(shot.id)-k\(still.number)", into: scratch, ffmpeg: ffmpeg)
                }
                stills.append(card)
            }
            rows.append(ReviewSheet.Row(shot: shot, prompt: builder.describe.prompt(shot, style: settings.style), cards: cards,
                                        keyframes: stills, notes: notes.filter { $0.shot == shot.id.rawValue }))
        }
        let sheet = ReviewSheet(title: board.title, language: board.language, rows: rows)
        let html = directory.appendingPathComponent("index.html")
        let page = scratch.appendingPathComponent("index.html")
        try Data(sheet.html().utf8).write(to: page)
        let frames = rows.flatMap { $0.cards + $0.keyframes }.flatMap(\.frames).map { name in
            (scratch.appendingPathComponent(String(name.dropFirst("frames/".count))), directory.appendingPathComponent(name))
        }
        try OutputFile.install(frames + [(page, html)])
        return ReviewResult(html: html, sheet: sheet)
    }

    /// Three frames of a clip — near its start, its middle and its end — as small JPEGs in
    /// `directory`, by one ffmpeg run; their paths relative to the page (`frames/…`).
    func frames(of clip: URL, seconds: Double?, named name: String, into directory: URL, ffmpeg: String) async throws
        -> [String] {
        let length = seconds ?? 0
        let times = length > 0 ? [0.04, 0.5, 0.96].map { $0 * length } : [0]
        var arguments = ["-v", "error", "-y"]
        for time in times { arguments += ["-ss", String(format: "%.3f", time), "-i", clip.path] }
        var names: [String] = []
        for (i, _) in times.enumerated() {
            let file = "\(OutputFile.safeName(name))-\(i + 1).jpg"
            arguments += ["-map", "\(i):v:0", "-frames:v", "1", "-vf", "scale=320:-2", "-q:v", "5",
                          directory.appendingPathComponent(file).path]
            names.append("frames/\(file)")
        }
        let result = try await runner.run(ffmpeg, arguments)
        guard result.status == 0 else {
            throw ReelError(.mediaFailed, "ffmpeg could not take frames of \(clip.lastPathComponent): \(result.stderrTail(2))",
                            at: clip.path, hint: "the take's file may be damaged; `reel check` it")
        }
        return names
    }
}
