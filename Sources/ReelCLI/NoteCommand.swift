import ArgumentParser
import Foundation
import ReelModel
import ReelStudio

/// `reel note SHOT [TAKE] TEXT [--at S] [--box x,y,w,h]`: a note on a frame of a take, which
/// the shot's next takes carry; `reel note SHOT` lists the shot's notes; `reel note SHOT
/// --withdraw ID` withdraws one.
struct NoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Note what should change on a frame of a take; the shot's next takes carry its open notes.",
        discussion: """
            reel note S03-07 2 --at 1.5 --box 0.1,0.2,0.3,0.4 "her scarf should be red" notes take 2 at \
            1.5 s, in the box from (0.1, 0.2), 0.3 wide and 0.4 high (shares of the picture, from the top \
            left). Leave the take out to note the shot itself. The next `reel generate --shots S03-07` \
            makes new takes whose prompts carry every open note; a note is resolved once the shot's \
            picked take was made with it. `reel note S03-07` lists the shot's notes; \
            `reel note S03-07 --withdraw 3` withdraws note 3: it stays in the list, and no later take carries it.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The shot, e.g. S01-02.")
    var shot: ShotID

    @Argument(help: "The take's number (optional), then the note's text.")
    var words: [String] = []

    @Option(help: "Seconds from the take's start: the frame the note is about.")
    var at: Double?

    @Option(help: "The region of the frame, as x,y,width,height in 0–1 of the picture.")
    var box: String?

    @Option(help: "Withdraw the shot's note with this id (`reel note SHOT` lists them): later takes do not carry it.")
    var withdraw: Int64?

    @Flag(help: "Take the critic's notes on the take as yours (`reel note S03-07 2 --from-critic`): the next takes carry them.")
    var fromCritic = false

    @Flag(help: "Print the note (or the notes) as JSON.")
    var json = false

    /// The take and the text the words name.
    var parsed: (take: Int?, text: String?) {
        if words.count >= 2, let take = Int(words[0]) { return (take, words.dropFirst().joined(separator: " ")) }
        return (nil, words.isEmpty ? nil : words.joined(separator: " "))
    }

    func validate() throws {
        if let withdraw, !words.isEmpty || at != nil || box != nil {
            throw ValidationError("--withdraw takes only the shot and the note's id: `reel note \(shot) --withdraw \(withdraw)`")
        }
        if let box, NoteBox(parsing: box) == nil {
            throw ValidationError("--box \(box) is not a box inside the frame: give x,y,width,height in 0–1 with x+width and y+height at most 1, e.g. 0.1,0.2,0.3,0.4")
        }
        if fromCritic {
            guard words.count == 1, Int(words[0]) != nil, at == nil, box == nil, withdraw == nil else {
                throw ValidationError("--from-critic takes the shot and the take's number only: `reel note \(shot) 2 --from-critic`")
            }
            return
        }
        if words.count == 1, Int(words[0]) != nil {
            throw ValidationError("say what should change on take \(words[0]): `reel note \(shot) \(words[0]) --at 1.5 \"her scarf should be red\"` (`reel note \(shot)` lists the notes)")
        }
        if parsed.text == nil, at != nil || box != nil {
            throw ValidationError("say what should change: `reel note \(shot) 2 --at 1.5 \"her scarf should be red\"`")
        }
    }

    func run() async throws {
        let (take, text) = parsed
        let production = try project.open(lockFor: text == nil && withdraw == nil && !fromCritic ? nil : "note")
        defer { production.close() }
        let studio = Studio()
        if fromCritic, let number = words.first.flatMap({ Int($0) }) {
            let added = try await studio.notesFromCritic(production, shot: shot, take: number)
            if json { return try Terminal.json(added) }
            if added.isEmpty { return Terminal.out("\(shot): the critic's notes on take \(number) are open already; nothing added") }
            for note in added { Terminal.out(Self.line(note)) }
            return Terminal.out("  the next takes of \(shot) carry \(added.count == 1 ? "it" : "them"): `reel generate --shots \(shot)`")
        }
        if let withdraw {
            let note = try await studio.withdrawNote(production, shot: shot, id: withdraw)
            if json { return try Terminal.json(note) }
            return Terminal.out("\(Self.line(note))\n  later takes of \(shot) do not carry it")
        }
        guard let text else {
            let notes = try await studio.notes(production, shot: shot)
            if json { return try Terminal.json(notes) }
            if notes.isEmpty { return Terminal.out("\(shot): no notes (add one with `reel note \(shot) TAKE --at S \"…\"`)") }
            for note in notes { Terminal.out(Self.line(note)) }
            return
        }
        let note = try await studio.note(production, NoteRequest(shot: shot, take: take, at: at, box: box.flatMap(NoteBox.init(parsing:)),
                                                                  text: text))
        if json { return try Terminal.json(note) }
        Terminal.out("\(Self.line(note))\n  the next takes of \(shot) carry it: `reel generate --shots \(shot)`")
    }

    /// `note 3 on S03-07#2 at 1.50 s, upper left of the frame: her scarf should be red (open)`.
    static func line(_ note: NoteReport) -> String {
        var place = note.take.map { "on \($0)" } ?? "on \(note.shot)"
        if let at = note.at { place += String(format: " at %.2f s", at) }
        if let box = note.box { place += ", \(box.region)" }
        let answered = note.answeredBy.isEmpty ? "" : "; carried by \(note.answeredBy.joined(separator: ", "))"
        return "note \(note.id) \(place): \(note.text) (\(note.status)\(answered))"
    }
}
