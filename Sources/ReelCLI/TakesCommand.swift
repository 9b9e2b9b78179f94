import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel takes SHOT`: every take of a shot.
struct TakesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takes",
        abstract: "List a shot's takes: provider, model, state, cost, file, and why one failed.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The shot, e.g. S01-02.")
    var shot: ShotID

    @Flag(help: "Print the takes as JSON.")
    var json = false

    func run() async throws {
        let takes = try await Studio().takes(try project.open(lockFor: nil), shot: shot)
        if json { return try Terminal.json(takes) }
        guard !takes.isEmpty else {
            Terminal.out("\(shot): no takes yet (make some with `reel generate --shots \(shot)`)")
            return
        }
        for line in Self.lines(takes) { Terminal.out(line) }
    }

    /// The takes as `reel takes` and `reel shot` print them, newest first, the pick starred.
    static func lines(_ takes: [TakeReport], keyframes: Bool = false) -> [String] {
        var lines: [String] = []
        for t in takes {
            var line = "\(t.picked ? "*" : " ") #\(keyframes ? "k" : "")\(t.number)  \(t.state.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                + "\(t.provider)/\(t.model)"
            if let cost = t.cost { line += "  \(cost)" }
            if let fit = t.fit, let asked = t.generatedSeconds {
                line += String(format: "  %g s made, %@ in the cut", asked, fit == .hold ? "last frame held" : "trimmed")
            }
            if t.attempts > 1 { line += "  \(t.attempts) attempts" }
            if t.sound == true, !keyframes { line += "  with sound" }
            if !t.current { line += "  (earlier version of the shot)" }
            lines.append(line)
            if let inputs = t.inputs {
                lines.append("       made from " + (inputs.isEmpty ? "words alone" : inputs.map(\.text).joined(separator: ", ")))
            }
            if !t.likeness.isEmpty { lines.append("       carries the likeness of \(t.likeness.joined(separator: ", "))") }
            if let withheld = t.withheld { lines.append("       left out of the cut: \(withheld)") }
            if let verdict = t.verdict {
                lines.append("       check \(verdict.summary)")
            } else if t.state == "succeeded", !keyframes {
                lines.append("       not checked yet")
            }
            if let critique = t.critique {
                lines.append("       critic \(critique.scores)" + (critique.notes.isEmpty ? "" : ": " + critique.notes.joined(separator: " ")))
            }
            if !t.notes.isEmpty { lines.append("       carries notes \(t.notes.map(String.init).joined(separator: ", "))") }
            if let output = t.output { lines.append("       \(output)") }
            if let failure = t.failure { lines.append("       \(t.failureReason ?? "failed"): \(failure)") }
        }
        if takes.contains(where: \.picked) {
            lines.append(takes.contains { $0.autoPicked } ? "(* = picked by `reel pick --auto`)" : "(* = picked)")
        }
        return lines
    }
}

/// `reel unpick SHOT [--keyframe]`: takes a pick back.
struct UnpickCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpick", abstract: "Take back the pick of a shot: the cut chooses again, or its takes start from the words.",
        discussion: """
            Without a pick the cut uses the shot's newest take that passed the check (and `reel pick --auto` \
            may pick one); without a picked keyframe a remote model gets the shot's words (and references).
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The shot, e.g. S01-02.")
    var shot: ShotID

    @Flag(help: "Take back the picked keyframe instead of the picked take.")
    var keyframe = false

    func run() async throws {
        let production = try project.open(lockFor: "pick")
        defer { production.close() }
        let studio = Studio()
        let noun = keyframe ? "keyframe" : "take"
        guard let was = try await studio.unpick(production, shot: shot, kind: keyframe ? .keyframe : .video) else {
            return Terminal.out("\(shot): no \(noun) was picked; nothing changed")
        }
        guard keyframe else {
            return Terminal.out("\(shot): \(was) is no longer picked; the cut uses the newest take that passed the check")
        }
        let report = try await studio.shot(production, id: shot)
        Terminal.out("\(shot): keyframe \(was) is no longer picked; a remote model now gets: \(report.remoteInput)")
    }
}

/// `reel pick SHOT TAKE`: the take the cut uses; `reel pick SHOT --keyframe N`: the keyframe
/// its remote takes start on; `reel pick --auto [--shots …]`: picks by the quality check.
struct PickCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick", abstract: "Choose the take of a shot that the cut uses, or the keyframe its takes start on.",
        discussion: """
            `reel pick --auto` picks, for every shot no person picked, its newest take that passed the \
            quality check; a failed or unchecked take is never picked that way.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The shot, e.g. S01-02.")
    var shot: ShotID?

    @Argument(help: "The take's number, as `reel takes` lists it.")
    var take: Int?

    @Option(help: "Pick keyframe N instead (as `reel shot` lists it: 3, k3 or #k3): the still its remote takes start on.")
    var keyframe: KeyframeNumber?

    @Flag(help: "Pick by the quality check, for every shot (or --shots) no person picked.")
    var auto = false

    @Option(parsing: .upToNextOption, help: "With --auto: the shots, e.g. S01-02 or 'S03-*' (default: every shot).")
    var shots: [String] = []

    @Flag(help: "With --auto: print what it picked as JSON.")
    var json = false

    func validate() throws {
        if auto {
            if shot != nil || take != nil || keyframe != nil {
                throw ValidationError("--auto picks by the quality check: name shots with --shots, not a take (`reel pick --auto --shots S01-02`)")
            }
            return
        }
        if !shots.isEmpty { throw ValidationError("--shots goes with --auto (`reel pick --auto --shots S01-02`)") }
        if json { throw ValidationError("--json goes with --auto; a single pick prints one line") }
        guard let shot else { throw ValidationError("say which shot and take (`reel pick S01-02 3`), or pick by the check with --auto") }
        if (take == nil) == (keyframe == nil) {
            throw ValidationError(take == nil ? "say which take (`reel pick \(shot) 3`) or which keyframe (`reel pick \(shot) --keyframe 2`)"
                                              : "give a take or --keyframe, not both")
        }
    }

    func run() async throws {
        let production = try project.open(lockFor: "pick")
        defer { production.close() }
        let studio = Studio()
        guard let shot else {
            let report = try await studio.autoPick(production, shots: shots)
            if json { return try Terminal.json(report) }
            // Shots none picked for one reason are said in one line (a film of 60 shots with
            // takes of three is three lines, not sixty).
            let unpicked = Dictionary(grouping: report.filter { $0.picked == nil }, by: \.reason)
            for line in report {
                if let picked = line.picked { Terminal.out("\(line.shot): picked \(picked) (\(line.reason))"); continue }
                let same = unpicked[line.reason] ?? []
                guard same.count > 2 else { Terminal.out("\(line.shot): none picked: \(line.reason)"); continue }
                if same.first?.shot == line.shot {
                    let shown = same.prefix(4).map(\.shot).joined(separator: ", ") + (same.count > 4 ? " and \(same.count - 4) more" : "")
                    Terminal.out("\(shown): none picked: \(line.reason)")
                }
            }
            return
        }
        let id = try await studio.pick(production, shot: shot, number: keyframe?.number ?? take ?? 0,
                                       kind: keyframe == nil ? .video : .keyframe)
        guard keyframe != nil else { return Terminal.out("\(shot): picked \(id)") }
        let report = try await studio.shot(production, id: shot)
        Terminal.out("\(shot): picked keyframe \(id); a remote model now gets: \(report.remoteInput)")
        if let source = report.shot.continuesFrom, report.shot.mode == .imageToVideo {
            Terminal.out("note: \(shot) starts on \(source)'s last frame, so the keyframe is not sent; "
                         + "to end on it, `reel shot \(shot) --mode first-last`")
        }
    }
}

/// A keyframe's number as `reel shot` lists it: `3`, `k3` or `#k3`.
struct KeyframeNumber: ExpressibleByArgument {
    let number: Int

    init?(argument: String) {
        var text = Substring(argument.trimmingCharacters(in: .whitespaces).lowercased())
        if text.hasPrefix("#") { text = text.dropFirst() }
        if text.hasPrefix("k") { text = text.dropFirst() }
        guard let number = Int(text), number > 0 else { return nil }
        self.number = number
    }
}
