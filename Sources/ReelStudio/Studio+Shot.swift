import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// A change to a shot as the user asks for it: each field nil is left as it is.
public struct ShotChange: Sendable, Hashable {
    /// The prompt remote models read; empty goes back to the one written from the shot.
    public var prompt: String?
    /// `EWS`, `WS`, `FS`, `MS`, `MCU`, `CU`, `ECU`.
    public var size: String?
    /// `static`, `push-in`, `pull-out`, `pan-left`, `pan-right`, `tilt-up`, `tilt-down`.
    public var move: String?
    /// Seconds; rounded to whole frames at the film's rate.
    public var duration: Double?
    /// `text`, `image`, `first-last`, `references`.
    public var mode: String?
    /// Who is in frame, by name or id; empty for no one.
    public var subjects: [String]?
    /// An empty shot (空镜): no one in frame.
    public var empty: Bool?
    /// The earlier shot this one continues (its picked take's last frame is where remote
    /// takes start); empty stops continuing.
    public var continuesFrom: String?
    /// The sounds at the shot (`rain`, `door`…) instead of those its action names; `none`
    /// alone for none, `auto` alone (or nothing) to go back to the action's.
    public var sounds: [String]?
    /// Drops every edit first: the shot goes back to what the planner makes of the script.
    public var reset = false

    /// The ``ShotEdit/fields`` names this change sets (an empty shot sets who is in frame too).
    public var fields: [String] {
        ShotEdit.fieldNames(prompt: prompt != nil, size: size != nil, move: move != nil, duration: duration != nil, mode: mode != nil,
                            subjects: subjects != nil || empty != nil, empty: empty != nil, continuesFrom: continuesFrom != nil,
                            sounds: sounds != nil)
    }

    public init(prompt: String? = nil, size: String? = nil, move: String? = nil, duration: Double? = nil,
                mode: String? = nil, subjects: [String]? = nil, empty: Bool? = nil, continuesFrom: String? = nil,
                sounds: [String]? = nil, reset: Bool = false) {
        self.continuesFrom = continuesFrom
        self.sounds = sounds
        self.prompt = prompt
        self.size = size
        self.move = move
        self.duration = duration
        self.mode = mode
        self.subjects = subjects
        self.empty = empty
        self.reset = reset
    }

    /// True when it asks for nothing.
    public var isEmpty: Bool { self == ShotChange() }
}

/// The JSON form (the HTTP API's `PATCH …/shots/{shot}` and MCP): the same fields, each
/// optional; `continuesFrom` as `continuesFrom`.
extension ShotChange: Codable {
    enum CodingKeys: String, CodingKey { case prompt, size, move, duration, mode, subjects, empty, continuesFrom, sounds, reset }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(prompt: try c.decodeIfPresent(String.self, forKey: .prompt), size: try c.decodeIfPresent(String.self, forKey: .size),
                  move: try c.decodeIfPresent(String.self, forKey: .move), duration: try c.decodeIfPresent(Double.self, forKey: .duration),
                  mode: try c.decodeIfPresent(String.self, forKey: .mode),
                  subjects: try c.decodeIfPresent([String].self, forKey: .subjects),
                  empty: try c.decodeIfPresent(Bool.self, forKey: .empty),
                  continuesFrom: try c.decodeIfPresent(String.self, forKey: .continuesFrom),
                  sounds: try c.decodeIfPresent([String].self, forKey: .sounds),
                  reset: try c.decodeIfPresent(Bool.self, forKey: .reset) ?? false)
    }
}

/// Everything about a shot, as `reel shot` shows it.
public struct ShotReport: Sendable, Codable {
    /// The shot as the cut makes it: the planner's, with the user's edits applied.
    public var shot: Shot
    /// The scene's heading.
    public var scene: String
    /// Who is in frame, by name.
    public var subjects: [String]
    /// The lines spoken over it: `MAYA: Hold the train!`.
    public var lines: [String]
    /// The prompt remote models read.
    public var prompt: String
    /// True when the user wrote it; false when it is written from the shot.
    public var promptIsEdited: Bool
    /// The fields the user set (`prompt`, `size`, `move`, `duration`, `mode`, `subjects`, `empty`).
    public var edited: [String]
    /// The fields the language-model planner set (`reel plan --planner llm`), which a new run may change.
    public var planned: [String]
    /// The version of the shot takes are made from; a take of another version is outdated.
    public var version: String
    /// What a remote video model is sent for it, and why.
    public var remoteInput: String
    /// What the next keyframes are made on and from: `sim/sim-image-1, from 3 reference
    /// images (2 of MAYA, 1 of CITY RAILWAY STATION)`; nil when the shot takes no keyframe or
    /// no image model is configured.
    public var keyframeInput: String?
    /// What the next takes' prompt adds to ``prompt``: the shot's open notes
    /// (` Director's notes: at 1.5 s, upper left of the frame: her scarf should be red.`); nil for none.
    public var nextNotes: String?
    public var takes: [TakeReport]
    /// Keyframe candidates (stills from an image model), newest first; the picked one is
    /// where its remote takes start.
    public var keyframes: [TakeReport]
    public var warnings: [String]
    /// The film's frame (`9:16`, `16:9`, `1:1`): the shape its takes and stills are shown in.
    public var aspect: String = VideoFormat.Aspect.vertical.rawValue
    /// The sound effects heard over it: its scene's ambiences and its own spot effects (none
    /// when the project has `effects: none`).
    public var sounds: [ShotSound] = []
    /// The sounds the shot asks for itself — those its action names, or those chosen with
    /// `--sounds` — which is what an edit of its sounds replaces.
    public var shotSounds: [SoundEffect] = []
}

/// A sound effect heard over a shot, as `reel shot` shows it.
public struct ShotSound: Sendable, Codable, Hashable {
    public var effect: SoundEffect
    /// True for an ambience under the whole scene; false for a spot effect at this shot.
    public var ambience: Bool
    /// Seconds into the shot it starts (0 for an ambience, which plays from its scene's start).
    public var at: Double
    /// Seconds it plays.
    public var seconds: Double
}

extension Studio {
    /// Everything about one shot: text, framing, mode, subjects, prompt, inputs, takes.
    public func shot(_ production: Production, id: ShotID) async throws -> ShotReport {
        let board = try await plan(production, save: false)
        guard let shot = board.shot(id) else { throw Studio.noShot(id, in: board) }
        let edit = try await production.repository.shotEdits()[id]
        // The providers, for what the image model would be sent (a broken setting elsewhere
        // must not hide the shot: without them that line is left out).
        let setup = try? providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        // One read of the shot's takes and the picks serves the notes and the take list.
        let takes = try await production.repository.takes(of: id)
        let picks = try await production.repository.picks()
        let open = Studio.openNotes(Array(builder.notes.values), takes: [id: takes], picks: picks)
        let nextNotes = FilmGraphBuilder.noteInstructions(open[id] ?? [])
        return ShotReport(
            shot: shot, scene: board.scene(shot.scene)?.heading ?? "",
            subjects: shot.subjects.map { board.subject($0)?.name ?? $0.rawValue },
            lines: shot.dialogue.map { "\(board.subject($0.speaker)?.name ?? $0.speaker.rawValue): \($0.text)" },
            prompt: builder.videoPrompt(shot),
            promptIsEdited: edit?.prompt != nil && !(edit?.planned ?? []).contains("prompt"),
            edited: edit?.userFields ?? [], planned: edit?.planned ?? [], version: builder.fingerprint(shot),
            remoteInput: builder.remoteModeReason(for: shot),
            keyframeInput: setup.flatMap { keyframeInput(production, shot: shot, builder: builder, setup: $0) },
            nextNotes: nextNotes.isEmpty ? nil : nextNotes,
            takes: try await takeReports(production, shot: shot, builder: builder, picked: picks[id], takes: takes),
            keyframes: try await takeReports(production, shot: shot, builder: builder,
                                             picked: try await production.repository.picks(kind: .keyframe)[id], kind: .keyframe),
            warnings: Studio.editWarnings(board, edits: edit.map { [id: $0] } ?? [:]), aspect: board.format.aspect.rawValue,
            sounds: production.config.effects == nil ? [] : EffectPlan.place(board)
                .filter { $0.shot == id || ($0.shot == nil && $0.scene == shot.scene) }
                .map { ShotSound(effect: $0.effect, ambience: $0.shot == nil,
                                 at: $0.shot == nil ? 0 : ($0.start - (board.shotStarts[id] ?? .zero)).seconds, seconds: $0.length.seconds) },
            shotSounds: EffectPlan.sounds(of: shot, in: board.scene(shot.scene)))
    }

    /// Edits a shot. The edit is kept in the project and wins over the planner on every
    /// re-plan; takes made before it stay, as takes of an earlier version. Invalid input
    /// changes nothing.
    public func editShot(_ production: Production, id: ShotID, change: ShotChange) async throws -> ShotReport {
        let board = try await plan(production, save: false)
        guard let shot = board.shot(id) else { throw Studio.noShot(id, in: board) }
        let saved = try await production.repository.shotEdits()[id]
        var edit = (change.reset ? nil : saved) ?? ShotEdit(scriptText: ShotEdit.scriptText(of: shot))
        edit.scriptText = ShotEdit.scriptText(of: shot)
        try Studio.apply(change, to: &edit, shot: shot, board: board, picks: try await production.repository.picks())
        // A field the user sets is the user's from now on, whoever set it before; one the user
        // clears stays with the rules (the language-model planner does not set it again).
        let fields = Set(edit.fields)
        var cleared = Set(edit.cleared ?? [])
        if change.reset, !(saved?.planned ?? []).isEmpty { cleared.formUnion(ShotEdit.plannerFields) }
        for field in change.fields { if fields.contains(field) { cleared.remove(field) } else { cleared.insert(field) } }
        edit.cleared = cleared.isEmpty ? nil : cleared.sorted()
        edit.planned = edit.planned.map { planned in planned.filter { !change.fields.contains($0) && fields.contains($0) } }
            .flatMap { $0.isEmpty ? nil : $0 }
        if edit.planned == nil { edit.plannedFor = nil }
        try await production.repository.saveShotEdit(edit.isEmpty ? nil : edit, for: id)
        _ = try await plan(production, save: true)
        return try await self.shot(production, id: id)
    }

    /// Notes for edited shots whose words in the script changed since the edit.
    public func editWarnings(_ production: Production) async throws -> [String] {
        Studio.editWarnings(try await plan(production, save: false), edits: try await production.repository.shotEdits())
    }

    static func editWarnings(_ board: Storyboard, edits: [ShotID: ShotEdit]) -> [String] {
        board.shots.compactMap { shot in
            guard let edit = edits[shot.id], !edit.userFields.isEmpty, edit.scriptText != ShotEdit.scriptText(of: shot) else { return nil }
            return "\(shot.id): the script changed under your edit of \(edit.userFields.joined(separator: ", ")); "
                + "check it with `reel shot \(shot.id)` (edit again to keep it, or `--reset` to drop it)"
        }
    }

    /// The planned storyboard with the user's edits applied.
    static func applyEdits(_ edits: [ShotID: ShotEdit], to board: Storyboard) -> Storyboard {
        guard !edits.isEmpty else { return board }
        var board = board
        board.shots = board.shots.map { shot in
            guard var edit = edits[shot.id] else { return shot }
            // The planner's choices were for the shot's old words: they go; the user's stay.
            if edit.plannerIsStale(for: ShotEdit.scriptText(of: shot)) { edit = edit.keeping(Set(edit.userFields)) }
            return edit.applied(to: shot)
        }
        return board
    }

    static func noShot(_ id: ShotID, in board: Storyboard) -> ReelError {
        let range = board.shots.isEmpty ? "none" : "\(board.shots.first!.id) … \(board.shots.last!.id)"
        return ReelError(.notFound, "there is no shot \(id)", hint: "shot ids are \(range); `reel plan` lists them")
    }

    /// Checks every field of `change` before any is applied: a bad one changes nothing.
    static func apply(_ change: ShotChange, to edit: inout ShotEdit, shot: Shot, board: Storyboard,
                      picks: [ShotID: TakeID] = [:]) throws {
        var next = edit
        if let source = change.continuesFrom?.trimmingCharacters(in: .whitespaces) {
            if source.isEmpty {
                next.continuesFrom = nil
            } else {
                let id = ShotID(source.uppercased())
                guard let index = board.shots.firstIndex(where: { $0.id == id }) else {
                    // A bad value in the edit, not a missing shot: the shot edited exists.
                    throw ReelError(.usage, "\(shot.id) cannot continue \(id): there is no such shot (--continue-from)",
                                    hint: "shot ids are \(board.shots.first!.id) … \(board.shots.last!.id); `reel plan` lists them")
                }
                guard index < board.shots.firstIndex(where: { $0.id == shot.id })! else {
                    throw ReelError(.usage, "\(shot.id) can only continue a shot before it, not \(id)",
                                    hint: "name the shot it follows, e.g. the one just before it")
                }
                guard picks[id] != nil else {
                    throw ReelError(.usage, "\(id) has no picked take for \(shot.id) to continue from",
                                    hint: "pick one first: `reel takes \(id)`, then `reel pick \(id) N`")
                }
                next.continuesFrom = id
            }
        }
        if let names = change.sounds {
            let words = names.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty }
            if words == ["auto"] || words.isEmpty {
                next.sounds = nil
            } else if words == ["none"] {
                next.sounds = []
            } else {
                var sounds: [SoundEffect] = []
                for word in words {
                    guard let effect = SoundEffect(rawValue: word) else {
                        throw ReelError(.usage, "\"\(word)\" is not a sound Reel makes (--sounds)",
                                        hint: "use some of " + SoundEffect.allCases.map(\.rawValue).joined(separator: ", ")
                                            + "; none for none, auto for what the action names")
                    }
                    if !sounds.contains(effect) { sounds.append(effect) }
                }
                // In one order, whatever order they were named in: the same choice, the same mix.
                next.sounds = SoundEffect.allCases.filter(sounds.contains)
            }
        }
        if let prompt = change.prompt {
            let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
            guard trimmed.count <= 4000 else {
                throw ReelError(.usage, "the prompt for \(shot.id) is \(trimmed.count) characters; 4000 at most",
                                hint: "models read the first few hundred words; keep what matters")
            }
            next.prompt = trimmed.isEmpty ? nil : trimmed
        }
        if let size = change.size {
            next.size = try choice(size, among: ShotSize.allCases, named: "shot size (--size)", rawValue: \.rawValue)
        }
        if let move = change.move {
            next.move = try choice(move, among: CameraMove.allCases, named: "camera move (--move)", rawValue: \.rawValue)
        }
        if let mode = change.mode {
            next.mode = try choice(mode, among: GenerationMode.allCases, named: "generation mode (--mode)", rawValue: \.rawValue)
        }
        if let seconds = change.duration {
            guard seconds.isFinite, seconds >= 0.5, seconds <= 60 else {
                throw ReelError(.usage, "a shot of \(String(format: "%g", seconds)) s cannot be made",
                                hint: "give --duration between 0.5 and 60 seconds")
            }
            // Its lines must fit: the last one ends where the planner timed it.
            let spoken = shot.dialogue.map { ($0.start + $0.duration).seconds }.max() ?? 0
            guard seconds >= spoken else {
                throw ReelError(.usage, String(format: "%@'s lines need %.1f s; %g s is too short", shot.id.rawValue, spoken, seconds),
                                hint: String(format: "give --duration %.1f or more, or split the lines over two shots in the script", spoken))
            }
            let rate = board.format.frameRate
            next.duration = rate.time(frames: rate.frames(seconds: seconds, minimum: 1))
        }
        var people: [String] = []
        if let names = change.subjects {
            let ids = try names.map { try subject($0, in: board) }
            people = zip(names, ids).filter { $0.1.kind == .character }.map(\.0)
            next.subjects = ids
            // Someone in frame: no longer an empty shot (a prop alone keeps it one).
            if !people.isEmpty, change.empty == nil, next.empty == true { next.empty = nil }
        }
        if let empty = change.empty {
            if empty, !people.isEmpty {
                throw ReelError(.usage, "an empty shot has no one in frame, so it cannot have --subjects \(people.joined(separator: ","))",
                                hint: "give one or the other (props may stay: an empty shot can show them)")
            }
            next.empty = empty ? true : nil
            if empty, change.subjects == nil {
                // The people leave the frame; the props the user put in it stay.
                let things = next.subjects?.filter { $0.kind != .character }
                next.subjects = things?.isEmpty == false ? things : nil
            }
        }
        edit = next
    }

    /// The case whose raw value is `text`, ignoring case.
    static func choice<T>(_ text: String, among cases: [T], named what: String, rawValue: (T) -> String) throws -> T {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = cases.first(where: { rawValue($0).lowercased() == wanted }) { return match }
        throw ReelError(.usage, "\"\(text)\" is not a \(what)", hint: "use one of " + cases.map(rawValue).joined(separator: ", "))
    }

    /// A subject of the storyboard by id or name, ignoring case.
    static func subject(_ text: String, in board: Storyboard) throws -> SubjectID {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let match = board.subjects.first(where: { $0.id.rawValue.lowercased() == wanted || $0.name.lowercased() == wanted }) {
            return match.id
        }
        let names = board.subjects.map(\.name)
        throw ReelError(.notFound, "there is no subject \"\(text)\" in the storyboard",
                        hint: names.isEmpty ? "the script names no one yet" : "its subjects are " + names.joined(separator: ", "))
    }
}
