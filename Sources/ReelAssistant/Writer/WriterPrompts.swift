import Foundation
import ReelModel

/// What the writer is asked to write: an idea, a length, a language and a shape.
public struct WriterBrief: Hashable, Sendable, Codable {
    public var idea: String
    public var language: Language
    /// The film's length in seconds.
    public var seconds: Int
    /// `9:16` for a vertical short drama.
    public var aspect: String

    public init(idea: String, language: Language, seconds: Int = 60, aspect: String = "9:16") {
        self.idea = idea
        self.language = language
        self.seconds = seconds
        self.aspect = aspect
    }

    /// About one scene per 20 seconds, at least two.
    public var sceneCount: Int { max(2, min(12, (seconds + 10) / 20)) }
    /// About one spoken line per 5 seconds.
    public var lineCount: Int { max(4, seconds / 5) }
}

/// The messages the writer sends: one step for the outline, one for the screenplay, and a
/// retry that sends the problems of a reply back. The prompts are English (every model
/// follows English instructions best) and ask for the screenplay's text in the brief's language.
public enum WriterPrompts {
    static let shape = """
        Reply with one JSON object and nothing else, in this shape:
        {"title": "…", "logline": "one sentence",
         "characters": [{"name": "…", "description": "gender, age, look and role in a few words"}],
         "scenes": [{"place": "…", "interior": true, "time": "DAY", "summary": "what happens",
                     "beats": [{"action": "what we see"}, {"character": "…", "line": "what they say", "parenthetical": "how, optional"}]}]}
        """

    static func system(_ brief: WriterBrief) -> String {
        let language = brief.language == .chinese
            ? "Write every title, name, description, action and line in Simplified Chinese (简体中文); times as 日, 夜, 晨 or 昏."
            : "Write everything in English; times as DAY, NIGHT, MORNING or DUSK."
        return """
            You are a screenwriter of short dramas for phone screens (\(brief.aspect)): strong hooks in the first seconds, \
            clear visual action a video model can show, few places, a turn at the end. \(language)
            \(shape)
            """
    }

    /// The first step: an outline (scenes with summaries, no beats yet).
    public static func outline(_ brief: WriterBrief) -> [ChatMessage] {
        [ChatMessage(.system, system(brief)),
         ChatMessage(.user, """
            Outline a \(brief.seconds)-second film from this idea, in \(brief.sceneCount) scenes. \
            Give every scene its place, time and summary and leave "beats" empty. Name 2 to 4 characters and describe \
            each so a casting director could picture them.
            Idea: \(brief.idea)
            """)]
    }

    /// The second step: the screenplay, from the outline as it was accepted.
    public static func screenplay(_ brief: WriterBrief, outline: DraftScreenplay) -> [ChatMessage] {
        let outlineJSON = (try? JSONEncoder.sorted.encode(OutlineView(outline))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return [ChatMessage(.system, system(brief)),
                ChatMessage(.user, """
                    Write the screenplay of this outline: keep its title, characters and scenes in order, and fill each \
                    scene's "beats" with action and lines, about \(brief.lineCount) lines in all for \(brief.seconds) seconds. \
                    Action is what a camera sees, in the present tense, one moment per beat.
                    Idea: \(brief.idea)
                    Outline: \(outlineJSON)
                    """)]
    }

    /// A retry: the conversation so far, the reply, and what was wrong with it.
    public static func retry(_ messages: [ChatMessage], reply: String, problems: [String]) -> [ChatMessage] {
        messages + [ChatMessage(.assistant, String(reply.prefix(12_000))),
                    ChatMessage(.user, "That reply cannot be used:\n" + problems.map { "- \($0)" }.joined(separator: "\n")
                                + "\nReply again with the whole JSON object, corrected, and nothing else.")]
    }

    /// The outline as the screenplay step sees it: no empty beats.
    struct OutlineView: Encodable {
        var title: String
        var logline: String
        var characters: [DraftScreenplay.Character]
        var scenes: [[String: String]]

        init(_ draft: DraftScreenplay) {
            title = draft.title
            logline = draft.logline
            characters = draft.characters
            scenes = draft.scenes.map { ["place": $0.place, "interior": $0.interior ? "true" : "false", "time": $0.time, "summary": $0.summary] }
        }
    }
}

extension JSONEncoder {
    /// Keys sorted and slashes unescaped: the same value always encodes to the same bytes
    /// (the request is part of a job's cache key).
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
