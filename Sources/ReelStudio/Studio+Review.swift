import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelStore

/// What `reel review` wrote.
public struct ReviewResult: Sendable {
    public var html: URL
    public var sheet: ReviewSheet
    /// `DIR/contact.png`: every take's three frames in a row, labelled (nil with no finished take).
    public var contactSheet: URL?
    /// What the user should know (a contact sheet that could not be made).
    public var warnings: [String] = []
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
        let picks = try await production.repository.picks()
        let keyframePicks = try await production.repository.picks(kind: .keyframe)
        let notes = try await self.notes(production, shot: nil)
        // Frames are made in scratch and installed with the page: nothing half-written is
        // left under a final name.
        let scratch = production.blobs.scratchDirectory.appendingPathComponent("\(ScratchSweep.prefix)review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rows: [ReviewSheet.Row] = []
        var thumbnails: [String: String] = [:]
        for shot in shots {
            var cards: [ReviewSheet.Card] = []
            for take in try await takeReports(production, shot: shot, builder: builder, picked: picks[shot.id]) {
                var card = ReviewSheet.Card(take: take, video: nil, frames: [], verdict: nil)
                card.inputs = await inputThumbnails(take.inputs ?? [], made: &thumbnails, into: scratch, ffmpeg: ffmpeg)
                if let path = take.output, FileManager.default.fileExists(atPath: path) {
                    let file = URL(fileURLWithPath: path)
                    card.video = file.absoluteString
                    card.frames = try await frames(of: file, seconds: take.seconds, named: "\(shot.id)-\(take.number)",
                                                   into: scratch, ffmpeg: ffmpeg)
                    if let stored = take.verdict {
                        card.verdict = stored
                    } else if check {
                        // A take made before takes were checked on arrival: checked now, as its
                        // check job would.
                        let params = builder.checkParams(shot: shot, provider: ProviderID(take.provider), model: take.model,
                                                         generatedMilliseconds: take.generatedSeconds.map { Int64(($0 * 1000).rounded()) },
                                                         take: TakeID(take.take))
                        var verdict = try await checkClip(file, expecting: params.expected)
                        verdict.problems.removeAll { params.allowed.contains($0.kind) }
                        card.verdict = TakeVerdict(problems: verdict.problems)
                    }
                }
                cards.append(card)
            }
            var stills: [ReviewSheet.Card] = []
            for still in try await takeReports(production, shot: shot, builder: builder, picked: keyframePicks[shot.id],
                                               kind: .keyframe) {
                var card = ReviewSheet.Card(take: still, video: nil, frames: [], verdict: nil)
                card.inputs = await inputThumbnails(still.inputs ?? [], made: &thumbnails, into: scratch, ffmpeg: ffmpeg)
                if let path = still.output, FileManager.default.fileExists(atPath: path) {
                    card.frames = try await frames(of: URL(fileURLWithPath: path), seconds: nil,
                                                   named: "\(shot.id)-k\(still.number)", into: scratch, ffmpeg: ffmpeg)
                }
                stills.append(card)
            }
            rows.append(ReviewSheet.Row(shot: shot, prompt: builder.videoPrompt(shot), cards: cards,
                                        keyframes: stills, notes: notes.filter { $0.shot == shot.id.rawValue }))
        }
        let critic = (try? providerSetup(production))?.critic.map { "\($0.provider)/\($0.model)" }
        let sheet = ReviewSheet(title: board.title, language: board.language, rows: rows, critic: critic)
        let html = directory.appendingPathComponent("index.html")
        let page = scratch.appendingPathComponent("index.html")
        try Data(sheet.html().utf8).write(to: page)
        let frames = (rows.flatMap { $0.cards + $0.keyframes }.flatMap(\.frames) + thumbnails.values.sorted()).map { name in
            (scratch.appendingPathComponent(String(name.dropFirst("frames/".count))), directory.appendingPathComponent(name))
        }
        var files = frames + [(page, html)]
        var contact: URL?
        let strips = rows.flatMap { row in row.cards.filter { $0.frames.count == 3 }.map { card in
            (label: Self.contactLabel(card), frames: card.frames.map { scratch.appendingPathComponent(String($0.dropFirst("frames/".count))) })
        } }
        var warnings: [String] = []
        if !strips.isEmpty {
            let sheetFile = scratch.appendingPathComponent("contact.png")
            // The page is what the review is for: a contact sheet that cannot be made is a warning.
            do {
                try await contactSheet(strips, vertical: board.format.height > board.format.width, to: sheetFile, scratch: scratch,
                                       ffmpeg: ffmpeg)
                contact = directory.appendingPathComponent("contact.png")
                files.append((sheetFile, contact!))
            } catch let error as ReelError {
                warnings.append("no contact sheet: \(error.message)")
            }
        }
        try OutputFile.install(files)
        return ReviewResult(html: html, sheet: sheet, contactSheet: contact, warnings: warnings)
    }

    /// The pictures a take was made from, each with a small thumbnail per file (the last
    /// frame of a take it continues; a keyframe or reference image as it is), made once per
    /// picture for the whole page. A picture ffmpeg cannot read keeps its words, no thumbnail:
    /// the page is what the review is for.
    func inputThumbnails(_ inputs: [TakeInputReport], made: inout [String: String], into directory: URL, ffmpeg: String) async
        -> [ReviewSheet.Input]
    {
        var out: [ReviewSheet.Input] = []
        for input in inputs {
            var thumbnails: [String] = []
            for file in input.files where FileManager.default.fileExists(atPath: file) {
                let lastFrame = input.role != .reference && input.take.map { Take.parts(of: TakeID($0)).kind == .video } == true
                let key = (lastFrame ? "last:" : "") + file
                if let name = made[key] { thumbnails.append(name); continue }
                let name = "in-\(made.count + 1).jpg"
                let arguments = ["-v", "error", "-y"] + (lastFrame ? ["-sseof", "-0.25"] : []) + ["-i", file]
                    + ["-frames:v", "1", "-vf", "scale=-2:112", "-q:v", "5", directory.appendingPathComponent(name).path]
                guard let result = try? await runner.run(ffmpeg, arguments), result.status == 0,
                      FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) else { continue }
                made[key] = "frames/" + name
                thumbnails.append("frames/" + name)
            }
            out.append(ReviewSheet.Input(text: input.text, thumbnails: thumbnails))
        }
        return out
    }

    /// `S01-02 #3  picked  sim/sim-1  $0.25  FAIL black 0.00–5.00 s`: a take's line on the contact sheet.
    static func contactLabel(_ card: ReviewSheet.Card) -> String {
        let t = card.take
        var parts = [t.take.replacingOccurrences(of: "#", with: " #"), t.picked ? "picked" : nil, "\(t.provider)/\(t.model)",
                     t.cost?.description].compactMap { $0 }
        if let verdict = card.verdict {
            parts.append(verdict.passed ? "PASS" : "FAIL " + verdict.found)
        }
        if let critique = t.critique { parts.append("critic \(critique.subject)/\(critique.prompt)/\(critique.artifacts)") }
        return parts.joined(separator: "   ")
    }

    /// A PNG contact sheet for the terminal: one row per take — its three frames, each fitted
    /// to the same box, under a line saying which take it is and its verdict — by one ffmpeg run.
    func contactSheet(_ strips: [(label: String, frames: [URL])], vertical: Bool, to output: URL, scratch: URL,
                      ffmpeg: String) async throws {
        let (w, h) = vertical ? (180, 320) : (320, 180)
        var arguments = ["-v", "error", "-y"]
        var graph: [String] = []
        for (row, strip) in strips.enumerated() {
            for frame in strip.frames { arguments += ["-i", frame.path] }
            let label = scratch.appendingPathComponent("contact-\(row).txt")
            try Data(strip.label.utf8).write(to: label)
            let inputs = (0..<3).map { "[\(row * 3 + $0)]" }
            for (i, input) in inputs.enumerated() {
                graph.append("\(input)scale=\(w):\(h):force_original_aspect_ratio=decrease,pad=\(w):\(h):(ow-iw)/2:(oh-ih)/2:color=0x111111,setsar=1[f\(row)_\(i)]")
            }
            graph.append((0..<3).map { "[f\(row)_\($0)]" }.joined() + "hstack=inputs=3,pad=iw:ih+30:0:30:color=0x1b1b1b,"
                         + "drawtext=font='Noto Sans CJK SC':textfile='\(FilterQuoting.insideQuotes(label))':expansion=none:fontsize=15:fontcolor=white:x=8:y=8[r\(row)]")
        }
        let rows = (0..<strips.count).map { "[r\($0)]" }.joined()
        graph.append(strips.count > 1 ? "\(rows)vstack=inputs=\(strips.count)[sheet]" : "\(rows)null[sheet]")
        arguments += ["-filter_complex", graph.joined(separator: ";"), "-map", "[sheet]", "-frames:v", "1", output.path]
        let result = try await runner.run(ffmpeg, arguments)
        guard result.status == 0 else {
            throw ReelError(.mediaFailed, "ffmpeg could not make the contact sheet: \(result.stderrTail(2))",
                            hint: "the review page was not written; run `reel review` again, or report this")
        }
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
        // A file whose stream ends before its stated length has no frame at 96%: ffmpeg writes
        // nothing for it and says nothing. The strip shows the frames there are.
        return names.filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent(String($0.dropFirst("frames/".count))).path) }
    }
}
