import Foundation
import ReelModel
import ReelScript

/// A screenplay revised by a language model on the user's instruction (`reel revise "move
/// scene 2 to night"`): the whole new script and the list of what changed, checked before
/// anything is written — it must be the same format, still have scenes, and differ.
public struct Revision: Hashable, Sendable, Codable {
    /// The revised script, whole, in the original's format.
    public var script: String
    /// What changed, one line each, as the model reports it.
    public var changes: [String]

    public init(script: String, changes: [String]) {
        self.script = script
        self.changes = changes
    }

    /// The messages that ask for a revision of `script` (Fountain, or the short-drama format).
    public static func prompt(script: String, shortDrama: Bool, instruction: String) -> [ChatMessage] {
        let format = shortDrama
            ? "the Chinese short-drama format (headings like `1-1 夜 内 出租屋`, `△` action lines, `角色：台词` dialogue, a `人物：` cast line)"
            : "Fountain (INT./EXT. scene headings, character cues in capitals, a title page)"
        return [
            ChatMessage(.system, """
                You revise screenplays written in \(format). Change only what the instruction asks and what it \
                implies; keep everything else word for word, in the same format and language. Reply with one JSON \
                object and nothing else: {"script": "the whole revised screenplay", "changes": ["what you changed, one item each"]}
                """),
            ChatMessage(.user, "Instruction: \(instruction)\n\nScreenplay:\n\(script)"),
        ]
    }

    /// Reads a reply: the revision, or every problem that keeps it from being used.
    /// - Parameter original: the script as it is, to refuse a reply that changes nothing.
    public static func read(_ text: String, original: String, shortDrama: Bool) -> Reading<Revision> {
        guard let json = answerJSON(text, cutOff: "reply with the whole script") else { return .notJSON }
        let answer = json.answer
        var problems = json.problems
        let script = answer.value["script"]?.stringValue ?? ""
        let changes = (answer.value["changes"]?.arrayValue ?? []).compactMap(\.stringValue)
        if script.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append("script is missing or empty: give the whole revised screenplay")
        } else {
            let play = shortDrama ? ShortDrama.parse(script) : Fountain.parse(script)
            let headings = play.elements.filter { if case .sceneHeading = $0.content { true } else { false } }
            if headings.isEmpty { problems.append("the revised script has no scene headings: keep the screenplay's format") }
            if normalized(script) == normalized(original) { problems.append("the revised script is the same as the original") }
        }
        return Reading(value: Revision(script: script.hasSuffix("\n") ? script : script + "\n", changes: changes),
                       problems: problems, repairs: answer.repairs)
    }

    private static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
