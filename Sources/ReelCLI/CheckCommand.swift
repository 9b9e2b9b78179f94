import ArgumentParser
import Foundation
import ReelMedia
import ReelModel
import ReelStudio

/// `reel check CLIP`: the quality check of one clip.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a clip: black, frozen, flashing or flickering picture, cuts, length, size, bars, silence, loudness.",
        discussion: """
            One decode pass measures the picture and the sound. Each problem is listed with its time \
            and a measure; --json prints the verdict as JSON (schema reel.clip-check).
            Exit status: 0 when the clip passes, 1 when it fails the check, 65 when the file is not a \
            video, 66 when it does not exist.
            """)

    @Argument(help: "The clip to check (.mp4, .mov, .webm, …).", completion: .file())
    var clip: String

    @Option(help: ArgumentHelp("The length asked for, in seconds (e.g. 4 or 4.0).", valueName: "seconds"))
    var expectDuration: Double?

    @Option(help: ArgumentHelp("The frame size asked for, WIDTHxHEIGHT (e.g. 720x1280).", valueName: "WxH"))
    var expectSize: String?

    @Flag(help: "Someone speaks in the clip: it must have sound without long silences.")
    var expectSpeech = false

    @Flag(help: "Print the verdict as JSON.")
    var json = false

    func validate() throws {
        if let expectDuration, !(expectDuration > 0 && expectDuration < 86_400) {
            throw ValidationError("--expect-duration must be a number of seconds above 0 (got '\(expectDuration)')")
        }
        if let expectSize, Self.size(expectSize) == nil {
            throw ValidationError("--expect-size must be WIDTHxHEIGHT, such as 720x1280 (got '\(expectSize)')")
        }
    }

    func run() async throws {
        let size = expectSize.flatMap(Self.size)
        let expected = ClipExpectation(duration: expectDuration.map { .milliseconds(Int64(($0 * 1000).rounded())) },
                                       width: size?.0, height: size?.1, speech: expectSpeech)
        let verdict = try await Studio().checkClip(URL(fileURLWithPath: clip), expecting: expected)
        if json {
            try Terminal.json(verdict)
        } else {
            Terminal.out(Self.text(verdict, name: clip))
        }
        if !verdict.passed { throw ExitCode(1) }
    }

    /// `720x1280` → (720, 1280).
    static func size(_ text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...16_384).contains(w), (1...16_384).contains(h)
        else { return nil }
        return (w, h)
    }

    /// The verdict for people: pass or fail, each problem on a line with its time, then
    /// what the clip is.
    static func text(_ verdict: ClipVerdict, name: String) -> String {
        let count = verdict.problems.count
        var lines = [verdict.passed ? "\(name): passes" : "\(name): fails the check (\(count) problem\(count == 1 ? "" : "s"))"]
        for p in verdict.problems {
            let start = p.range.start.seconds, end = p.range.end.seconds
            let when = end - start < 0.0015 ? String(format: "%.2f s", start) : String(format: "%.2f–%.2f s", start, end)
            lines.append("  " + when.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + p.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0) + p.summary)
        }
        let m = verdict.media
        var facts: [String] = []
        if let w = m.width, let h = m.height { facts.append("\(w)x\(h)") }
        if let rate = m.frameRate { facts.append("\(rate) fps") }
        if let frames = m.frameCount, let d = m.duration { facts.append(String(format: "%lld frames (%.2f s)", frames, d.seconds)) }
        if let l = verdict.loudness, l.integrated > LoudnessMeasurement.silence {
            facts.append(String(format: "sound at %.1f LUFS", l.integrated))
        } else {
            facts.append(m.hasAudio ? "silent sound track" : "no sound")
        }
        lines.append("  " + facts.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
