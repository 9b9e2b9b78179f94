import Foundation
import ReelModel
import ReelStore

/// What to note: on a frame of a take, or on a shot.
public struct NoteRequest: Sendable, Codable {
    public var shot: ShotID
    /// The take's number (`reel takes` lists them); nil for a note on the shot.
    public var take: Int?
    /// Seconds from the take's start.
    public var at: Double?
    public var box: NoteBox?
    public var text: String
    public var author: String?

    public init(shot: ShotID, take: Int? = nil, at: Double? = nil, box: NoteBox? = nil, text: String, author: String? = nil) {
        self.shot = shot
        self.take = take
        self.at = at
        self.box = box
        self.text = text
        self.author = author
    }
}

/// A note as `reel note`, the studio and MCP show it.
public struct NoteReport: Hashable, Sendable, Codable {
    public var id: Int64
    public var shot: String
    public var take: String?
    public var at: Double?
    public var box: NoteBox?
    public var text: String
    public var author: String?
    public var createdAt: Date
    /// `open` until the shot's picked take was made with it, then `resolved`; `withdrawn`
    /// once withdrawn (no later take carries it).
    public var status: String
    /// When it was withdrawn, and by whom when known.
    public var withdrawnAt: Date?
    public var withdrawnBy: String?
    /// The takes made with it (their prompts carried it).
    public var answeredBy: [String]
    /// What the next take's prompt says for it.
    public var instruction: String
}

extension Studio {
    /// Records a note on a frame of a take (or on the shot). The shot's next takes carry its
    /// open notes in their prompts; a note is resolved once the picked take was made with it.
    ///
    /// Throws `notFound` for an unknown shot, `usage` for a take the shot does not have, a
    /// time outside the take or an empty text.
    public func note(_ production: Production, _ request: NoteRequest) async throws -> NoteReport {
        // Saved: a shot new in the edited script is recorded before a note refers to it.
        let board = try await plan(production, save: true)
        guard board.shot(request.shot) != nil else { throw Studio.noShot(request.shot, in: board) }
        let text = request.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ReelError(.usage, "the note says nothing", hint: "write what should change: `reel note \(request.shot) 2 \"her scarf should be red\"`")
        }
        var take: Take?
        if let number = request.take {
            let takes = try await production.repository.takes(of: request.shot)
            guard let found = takes.first(where: { $0.number == number }) else {
                let have = takes.map { String($0.number) }.joined(separator: ", ")
                throw ReelError(.notFound, "shot \(request.shot) has no take \(number)",
                                hint: takes.isEmpty ? "note the shot itself (leave the take out), or make takes with `reel generate --shots \(request.shot)`"
                                    : "its takes are \(have); `reel takes \(request.shot)` shows them")
            }
            take = found
        }
        var at: RationalTime?
        if let seconds = request.at {
            guard let take else {
                throw ReelError(.usage, "--at needs a take: a time is a frame of one take", hint: "name the take: `reel note \(request.shot) 2 --at \(seconds) …`")
            }
            let length = take.output?.asset.media?.duration?.seconds
            guard seconds.isFinite, seconds >= 0, length.map({ seconds <= $0 + 0.001 }) ?? true else {
                throw ReelError(.usage, String(format: "%g s is outside take %@", seconds, take.id.rawValue)
                                    + (length.map { String(format: " (it lasts %.2f s)", $0) } ?? ""),
                                hint: "give a time from 0 to the take's length")
            }
            at = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let note = try await production.repository.addNote(ShotNote(id: 0, shot: request.shot, take: take?.id, at: at, box: request.box,
                                                                     text: text, author: request.author, createdAt: Date()))
        return try await notes(production, shot: request.shot).first { $0.id == note.id }
            ?? NoteReport(note, takes: [], picked: nil)
    }

    /// Takes the critic's notes on take `number` of `shot` as the director's: one note on the
    /// take per thing the critic said (its author the critic, and who took it when known), so
    /// the shot's next takes carry them. A note already open on the shot with the same words is
    /// not added twice. Returns the notes added (empty when every one was already open).
    ///
    /// Throws `notFound` for a take the shot does not have, `usage` for a take the critic has
    /// not looked at or said nothing to change in.
    public func notesFromCritic(_ production: Production, shot: ShotID, take number: Int, by person: String? = nil) async throws
        -> [NoteReport] {
        let board = try await plan(production, save: false)
        guard board.shot(shot) != nil else { throw Studio.noShot(shot, in: board) }
        let takes = try await production.repository.takes(of: shot)
        guard let take = takes.first(where: { $0.number == number }) else {
            throw ReelError(.notFound, "shot \(shot) has no take \(number)",
                            hint: takes.isEmpty ? "make takes with `reel generate --shots \(shot)`"
                                : "its takes are \(takes.map { String($0.number) }.joined(separator: ", ")); `reel takes \(shot)` shows them")
        }
        guard let critique = take.critique else {
            throw ReelError(.usage, "the critic has not looked at \(take.id)",
                            hint: take.verdict?.passed == false ? "it failed its quality check, so it was not shown to the critic"
                                : "name a critic in reel.yaml (`critic: openai/gpt-4o-mini`) and `reel generate --shots \(shot)` asks it")
        }
        let said = critique.notes.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !said.isEmpty else {
            throw ReelError(.usage, "the critic found nothing to change in \(take.id) (\(critique.scores))",
                            hint: "note what you want changed yourself: `reel note \(shot) \(number) \"…\"`")
        }
        let open = Set(try await notes(production, shot: shot).filter { $0.status == "open" }.map(\.text))
        var added: [NoteReport] = []
        for text in said where !open.contains(text) && !added.contains(where: { $0.text == text }) {
            added.append(try await note(production, NoteRequest(shot: shot, take: number, text: text,
                                                                 author: "critic \(critique.critic)" + (person.map { ", taken by \($0)" } ?? ""))))
        }
        return added
    }

    /// The notes of a shot (every shot's when nil), oldest first, each open or resolved.
    public func notes(_ production: Production, shot: ShotID?) async throws -> [NoteReport] {
        let notes = try await production.repository.notes(of: shot)
        let takes = Dictionary(grouping: try await production.repository.takes(of: shot), by: \.shot)
        let picks = try await production.repository.picks()
        return notes.map { note in NoteReport(note, takes: takes[note.shot] ?? [], picked: picks[note.shot]) }
    }

    /// Withdraws note `id` of `shot`: it stays in the list, marked withdrawn with when and
    /// by whom, and no take made after carries it (takes made with it keep the record).
    /// Withdrawing a withdrawn note changes nothing.
    ///
    /// Throws `notFound` for a note the shot does not have (naming the ones it has).
    public func withdrawNote(_ production: Production, shot: ShotID, id: Int64, by author: String? = nil) async throws -> NoteReport {
        let existing = try await production.repository.notes(of: shot)
        guard existing.contains(where: { $0.id == id }) else {
            let have = existing.filter { !$0.isWithdrawn }.map { "\($0.id)" }.joined(separator: ", ")
            throw ReelError(.notFound, "shot \(shot) has no note \(id)",
                            hint: have.isEmpty ? "`reel note \(shot)` lists its notes" : "its open notes are \(have); `reel note \(shot)` lists them")
        }
        _ = try await production.repository.withdrawNote(id, at: Date(), by: author)
        guard let report = try await notes(production, shot: shot).first(where: { $0.id == id }) else {
            throw ReelError(.internalError, "note \(id) is gone after it was withdrawn")
        }
        return report
    }

    /// The notes still open per shot: not withdrawn, not carried by the shot's picked take.
    static func openNotes(_ notes: [ShotNote], takes: [ShotID: [Take]], picks: [ShotID: TakeID]) -> [ShotID: [ShotNote]] {
        var open: [ShotID: [ShotNote]] = [:]
        for note in notes.sorted(by: { $0.id < $1.id }) where !note.isWithdrawn {
            let picked = picks[note.shot].flatMap { id in takes[note.shot]?.first { $0.id == id } }
            if picked?.notes.contains(note.id) != true { open[note.shot, default: []].append(note) }
        }
        return open
    }
}

extension NoteReport {
    init(_ note: ShotNote, takes: [Take], picked: TakeID?) {
        let answered = takes.filter { $0.notes.contains(note.id) }
        self.init(id: note.id, shot: note.shot.rawValue, take: note.take?.rawValue, at: note.at?.seconds, box: note.box,
                  text: note.text, author: note.author, createdAt: note.createdAt,
                  status: note.isWithdrawn ? "withdrawn" : answered.contains { $0.id == picked } ? "resolved" : "open",
                  withdrawnAt: note.withdrawnAt, withdrawnBy: note.withdrawnBy,
                  answeredBy: answered.map(\.id.rawValue), instruction: note.instruction)
    }
}
