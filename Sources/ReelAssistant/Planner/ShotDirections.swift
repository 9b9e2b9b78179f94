import Foundation
import ReelModel

/// The language-model shot planner's side that needs no model: what it is asked (the rule
/// planner's storyboard, shot by shot, with the cast and the choices it may make) and how
/// its answer is read (one direction per shot: size, move, mode, who is in frame, an empty
/// shot, a prompt for video models), every value checked against what Reel knows.
///
/// The model directs the shots the rule planner cut from the script; it does not add or
/// remove shots, so shot ids, lines and timing stay the script's.
public enum ShotDirections {
    /// What the model chose for one shot; nil fields are left as they are.
    public struct Direction: Hashable, Sendable, Codable {
        public var shot: ShotID
        public var size: ShotSize?
        public var move: CameraMove?
        public var mode: GenerationMode?
        /// Who is in frame, by subject id, most important first.
        public var subjects: [SubjectID]?
        public var empty: Bool?
        public var prompt: String?

    }

    /// Modes the planner may choose: first-last needs a last frame the planner cannot give.
    static let modes: [GenerationMode] = [.text, .imageToVideo, .references]

    /// The messages: the storyboard as a shot list, with the fields the user set marked as
    /// theirs (`locked`), which the model must not change.
    public static func prompt(_ board: Storyboard, locked: [ShotID: [String]]) -> [ChatMessage] {
        let cast = board.subjects.filter { $0.kind == .character }.map { subject in
            subject.description.isEmpty ? subject.name : "\(subject.name) (\(subject.description))"
        }
        var scenes: [JSONValue] = []
        for scene in board.scenes {
            let shots: [JSONValue] = board.shots.filter { $0.scene == scene.id }.map { shot in
                var entry: [String: JSONValue] = [
                    "id": .string(shot.id.rawValue), "purpose": .string(shot.purpose.rawValue),
                    "seconds": .double((shot.duration.seconds * 10).rounded() / 10),
                    "size": .string(shot.size.rawValue), "move": .string(shot.move.rawValue),
                    // Who is in frame: the cast the model chooses among (props stay as the shot has them).
                    "in_frame": .array(shot.subjects.filter { $0.kind == .character }.compactMap { board.subject($0)?.name }
                        .map(JSONValue.string)),
                ]
                if !shot.action.isEmpty { entry["action"] = .string(shot.action) }
                if !shot.dialogue.isEmpty {
                    entry["lines"] = .array(shot.dialogue.map { .string("\(board.subject($0.speaker)?.name ?? $0.speaker.rawValue): \($0.text)") })
                }
                if let fields = locked[shot.id], !fields.isEmpty {
                    // Named as the answer names them.
                    let names = Set(fields.map { $0 == "subjects" ? "in_frame" : $0 }).sorted()
                    entry["locked"] = .array(names.map(JSONValue.string))
                }
                return .object(entry)
            }
            scenes.append(["heading": .string(scene.heading), "shots": .array(shots)])
        }
        let storyboard = JSONValue.object(["title": .string(board.title), "cast": .array(cast.map(JSONValue.string)), "scenes": .array(scenes)])
        let json = (try? JSONEncoder.sorted.encode(storyboard)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return [
            ChatMessage(.system, """
                You are a director of photography planning a \(board.format.aspect.rawValue) short drama for AI video models. \
                For every shot choose: size (\(ShotSize.allCases.map(\.rawValue).joined(separator: ", "))), \
                move (\(CameraMove.allCases.map(\.rawValue).joined(separator: ", "))), \
                mode (text: from the prompt alone; image: from a keyframe; references: characters locked by reference images, \
                best when a cast member is in frame), in_frame (cast names, most important first; [] with "empty": true for an \
                empty shot of a place or object), and a prompt for a video model in English: subject, action, camera, light, \
                style, in one or two sentences, naming characters as the cast does. Vary sizes within a scene, open scenes \
                wider, keep continuity of place and light within a scene. Never change a field listed in "locked". \
                Reply with one JSON object and nothing else: {"shots": [{"id": "…", "size": "…", "move": "…", "mode": "…", \
                "in_frame": ["…"], "empty": false, "prompt": "…"}]}
                """),
            ChatMessage(.user, "The storyboard, planned by rules from the script:\n\(json)"),
        ]
    }

    /// Reads an answer against `board`: a direction per shot it names, or the problems.
    /// Locked fields in an answer are dropped, not problems (the user's edits win anyway).
    public static func read(_ text: String, board: Storyboard, locked: [ShotID: [String]] = [:])
        -> Reading<[Direction]>
    {
        guard let json = answerJSON(text, cutOff: "reply with every shot, prompts shorter") else { return .notJSON }
        let answer = json.answer
        var problems = json.problems
        let items = answer.value["shots"]?.arrayValue ?? answer.value.arrayValue ?? []
        if items.isEmpty { problems.append("shots is missing or empty") }
        var directions: [Direction] = []
        for (i, item) in items.enumerated() {
            let at = "shots[\(i)]"
            guard let raw = item["id"]?.stringValue, let shot = board.shot(ShotID(raw.trimmingCharacters(in: .whitespaces).uppercased())) else {
                problems.append("\(at).id \(item["id"].map { "'\($0.stringValue ?? "?")' " } ?? "")is not a shot of the storyboard")
                continue
            }
            let keep = Set(locked[shot.id] ?? [])
            var d = Direction(shot: shot.id)
            if let v = item["size"]?.stringValue, !keep.contains("size") {
                if let size = size(v) { d.size = size } else { problems.append("\(at).size '\(v)' is not one of \(ShotSize.allCases.map(\.rawValue).joined(separator: ", "))") }
            }
            if let v = item["move"]?.stringValue, !keep.contains("move") {
                if let move = move(v) { d.move = move } else { problems.append("\(at).move '\(v)' is not one of \(CameraMove.allCases.map(\.rawValue).joined(separator: ", "))") }
            }
            if let v = item["mode"]?.stringValue, !keep.contains("mode") {
                if let mode = modes.first(where: { $0.rawValue == v.lowercased().trimmingCharacters(in: .whitespaces) }) { d.mode = mode } else {
                    problems.append("\(at).mode '\(v)' is not one of \(modes.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if let names = (item["in_frame"] ?? item["subjects"])?.arrayValue, !keep.contains("subjects"), !keep.contains("empty") {
                var ids: [SubjectID] = []
                for name in names.compactMap(\.stringValue) {
                    if let subject = board.subjects.first(where: { $0.name.lowercased() == name.lowercased().trimmingCharacters(in: .whitespaces) }) {
                        ids.append(subject.id)
                    } else {
                        problems.append("\(at).in_frame '\(name)' is not in the cast (\(board.subjects.map(\.name).joined(separator: ", ")))")
                    }
                }
                d.subjects = ids
            }
            if item["empty"] == true, !keep.contains("empty"), !keep.contains("subjects") {
                d.empty = true
                d.subjects = nil
            }
            if let prompt = item["prompt"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !prompt.isEmpty, !keep.contains("prompt") {
                d.prompt = String(prompt.prefix(4000))
            }
            if !(shot.dialogue.isEmpty), d.empty == true {
                problems.append("\(at) has lines, so it cannot be an empty shot")
            }
            directions.append(d)
        }
        let missing = board.shots.map(\.id).filter { id in !directions.contains { $0.shot == id } }
        if !missing.isEmpty, !items.isEmpty {
            problems.append("shots \(missing.prefix(8).map(\.rawValue).joined(separator: ", "))\(missing.count > 8 ? " and \(missing.count - 8) more" : "") "
                            + "are missing: direct every shot")
        }
        return Reading(value: directions, problems: problems, repairs: answer.repairs)
    }

    /// `CU`, `close-up`, `Close Up`, `特写` → ``ShotSize/closeUp``.
    static func size(_ text: String) -> ShotSize? {
        let word = text.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "shot", with: "")
            .trimmingCharacters(in: .whitespaces)
        if let exact = ShotSize.allCases.first(where: { $0.rawValue.lowercased() == word }) { return exact }
        let words: [String: ShotSize] = [
            "extreme wide": .extremeWide, "establishing": .extremeWide, "extreme long": .extremeWide, "大远景": .extremeWide,
            "wide": .wide, "long": .wide, "远景": .wide, "full": .full, "全景": .full, "medium": .medium, "mid": .medium,
            "中景": .medium, "medium close up": .mediumCloseUp, "近景": .mediumCloseUp, "close up": .closeUp, "closeup": .closeUp,
            "特写": .closeUp, "extreme close up": .extremeCloseUp, "大特写": .extremeCloseUp,
        ]
        return words[word]
    }

    /// `push-in`, `push in`, `dolly in`, `zoom in`, `推` → ``CameraMove/pushIn``.
    static func move(_ text: String) -> CameraMove? {
        let word = text.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
            .trimmingCharacters(in: .whitespaces)
        if let exact = CameraMove(rawValue: word) { return exact }
        let words: [String: CameraMove] = [
            "none": .static, "still": .static, "locked": .static, "固定": .static, "dolly-in": .pushIn, "zoom-in": .pushIn,
            "推": .pushIn, "dolly-out": .pullOut, "zoom-out": .pullOut, "pull-back": .pullOut, "拉": .pullOut,
            "pan": .panRight, "摇": .panRight, "tilt": .tiltUp,
        ]
        return words[word]
    }
}
