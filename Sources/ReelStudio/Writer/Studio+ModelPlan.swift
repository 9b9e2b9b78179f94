import Foundation
import ReelAssistant
import ReelModel
import ReelStore

/// What `reel plan --planner llm` did: what the model chose per shot, what stayed the
/// user's, and — when the model could not be used — why the rule plan stands.
public struct ModelPlanReport: Sendable, Codable, Hashable {
    /// One shot the model directed.
    public struct Directed: Sendable, Codable, Hashable {
        public var shot: ShotID
        /// The fields the model set (`size`, `move`, `mode`, `subjects`, `empty`, `prompt`).
        public var fields: [String]
    }

    public var directed: [Directed]
    /// Shots with fields the user set, which the model was told to leave.
    public var userEdited: [ShotID]
    /// Why the rule plan stands in, when the model could not be used.
    public var fellBack: String?
    public var shots: Int
    public var writer: WriterReport
}

extension Studio {
    /// Plans the project's shots with the configured language model: the rule planner cuts
    /// the script into shots (ids, lines, timing), the model directs each (size, move, mode,
    /// who is in frame, empty shots, a prompt for video models). Its choices are kept as shot
    /// edits marked as the planner's, so every later plan keeps them, a new run may change
    /// them, and the user's own edits always win (the model is told which fields are theirs).
    ///
    /// The call is a job in the project's journal: the same storyboard asked again is
    /// answered from it. When the model fails or its answer cannot be used after one retry,
    /// the rule plan stands and the report says why; a model that is not configured is an error.
    public func planWithModel(_ production: Production, writer choice: String? = nil, seed: UInt64 = 1) async throws
        -> (Storyboard, ModelPlanReport)
    {
        let writer = try chooseWriter(choice)
        let edits = try await production.repository.shotEdits()
        // Asked about the storyboard without the planner's earlier choices, so a second run
        // on an unchanged script is the same question (and answered from the journal).
        let userEdits = edits.mapValues { $0.keeping(Set($0.userFields)) }.filter { !$0.value.isEmpty }
        let board = try await plan(production, save: false, edits: userEdits)
        let locked = userEdits.mapValues(\.lockedFields).filter { !$0.value.isEmpty }
        var session = WriterSession(writer: writer, seed: seed, journal: production.journal, blobs: production.blobs, sleeper: sleeper,
                                    options: try await executorOptions(production))
        func report(_ directed: [ModelPlanReport.Directed], fellBack: String?, shots: Int) -> ModelPlanReport {
            ModelPlanReport(directed: directed, userEdited: locked.keys.sorted(), fellBack: fellBack, shots: shots,
                            writer: WriterReport(writer: writer, calls: session.calls))
        }
        let directions: [ShotDirections.Direction]
        do {
            // About 100 tokens a shot (its prompt most of it), and room to spare.
            let limit = min(16_000, max(4000, 1000 + 140 * board.shots.count))
            directions = try await session.ask("shot plan", ShotDirections.prompt(board, locked: locked), maxTokens: limit) { text in
                ShotDirections.read(text, board: board, locked: locked)
            }
        } catch let error as ReelError where error.code != .configuration && error.code != .refused {
            let kept = try await plan(production, save: true)
            return (kept, report([], fellBack: error.message + " — the rule plan stands", shots: kept.shots.count))
        }
        // The planner's earlier choices go, on every shot; the user's fields stay as they are.
        for (id, edit) in edits where !(edit.planned ?? []).isEmpty {
            let kept = edit.keeping(Set(edit.userFields))
            try await production.repository.saveShotEdit(kept.isEmpty ? nil : kept, for: id)
        }
        var directed: [ModelPlanReport.Directed] = []
        for direction in directions {
            guard let shot = board.shot(direction.shot) else { continue }
            let text = ShotEdit.scriptText(of: shot)
            var edit = edits[direction.shot]?.keeping(Set(edits[direction.shot]?.userFields ?? [])) ?? ShotEdit(scriptText: text)
            // The user's words stay as they were (a script change under the user's edit is still warned about).
            if edit.userFields.isEmpty { edit.scriptText = text }
            let userFields = Set(edit.lockedFields)
            var set: [String] = []
            if let v = direction.size, !userFields.contains("size"), v != shot.size { edit.size = v; set.append("size") }
            if let v = direction.move, !userFields.contains("move"), v != shot.move { edit.move = v; set.append("move") }
            if let v = direction.mode, !userFields.contains("mode"), v != shot.mode { edit.mode = v; set.append("mode") }
            if direction.empty == true, !userFields.contains("empty"), !userFields.contains("subjects"), shot.dialogue.isEmpty {
                edit.empty = true
                edit.subjects = nil
                set.append("empty")
            } else if let named = direction.subjects, !userFields.contains("subjects"),
                      named.filter({ $0.kind == .character }) != shot.subjects.filter({ $0.kind == .character }) {
                // The model casts the people; the props in frame stay (and any it names join them).
                var next = named.filter { $0.kind == .character }
                for id in named + shot.subjects where id.kind != .character && !next.contains(id) { next.append(id) }
                edit.subjects = next
                set.append("subjects")
            }
            if let v = direction.prompt, !userFields.contains("prompt") { edit.prompt = v; set.append("prompt") }
            edit.planned = set.isEmpty ? nil : set
            edit.plannedFor = set.isEmpty ? nil : text
            try await production.repository.saveShotEdit(edit.isEmpty ? nil : edit, for: direction.shot)
            if !set.isEmpty { directed.append(.init(shot: direction.shot, fields: set)) }
        }
        let planned = try await plan(production, save: true)
        return (planned, report(directed, fellBack: nil, shots: planned.shots.count))
    }
}
