import Foundation

/// A screenplay as written: a title page and the body's elements in order.
///
/// This is the Fountain document model. Text keeps its inline markup (`*italic*`,
/// `**bold**`, `_underline_`, `[[notes]]`) so that a writer can reproduce it; use
/// ``ScriptText/plain(_:)`` for the words alone.
public struct Screenplay: Hashable, Sendable, Codable {
    public var titlePage: [TitlePageField]
    public var elements: [ScriptElement]

    public init(titlePage: [TitlePageField] = [], elements: [ScriptElement] = []) {
        self.titlePage = titlePage
        self.elements = elements
    }

    /// The value of a title-page key (case-insensitive), lines joined with newlines.
    public func titleValue(_ key: String) -> String? {
        titlePage.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }
            .map { $0.values.joined(separator: "\n") }
    }

    /// The title from the title page (`Title:`, or `标题:`/`片名:`/`剧名:` in Chinese
    /// scripts), without markup.
    public var title: String? {
        for key in ["Title", "标题", "片名", "剧名"] {
            if let value = titleValue(key).map(ScriptText.plain), !value.isEmpty { return value }
        }
        return nil
    }
}

/// One `Key: value` entry of the title page; a value may span several indented lines.
public struct TitlePageField: Hashable, Sendable, Codable {
    public var key: String
    public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }
}

/// One block of the screenplay body, with the 1-based line it starts on.
public struct ScriptElement: Hashable, Sendable, Codable {
    public var content: Content
    /// 1-based line in the source where the element starts; 0 when not from a file.
    public var line: Int

    public init(_ content: Content, line: Int = 0) {
        self.content = content
        self.line = line
    }

    /// What the block is, with its text: one case per Fountain element.
    public enum Content: Hashable, Sendable, Codable {
        case sceneHeading(SceneHeading)
        case action(Action)
        case dialogue(Dialogue)
        case transition(Transition)
        /// `> centered text <`; one entry per line.
        case centered([String])
        /// `~lyric` lines.
        case lyrics([String])
        /// `# Act One` with its depth (number of `#`).
        case section(level: Int, text: String)
        /// `= synopsis`.
        case synopsis(String)
        /// A note standing alone as its own paragraph: `[[ ... ]]`.
        case note(String)
        /// `===`.
        case pageBreak
        /// A `/* ... */` block standing alone as its own paragraph (kept for round trips).
        case boneyard(String)
    }
}

/// `INT. KITCHEN - NIGHT #12#`.
public struct SceneHeading: Hashable, Sendable, Codable {
    /// The heading text without the forcing `.` and without the scene number.
    public var text: String
    /// The scene number written between `#` marks, if any (`12`, `12A`, `I-1-A`).
    public var sceneNumber: String?
    /// True when the heading was forced with a leading `.`.
    public var forced: Bool

    public init(text: String, sceneNumber: String? = nil, forced: Bool = false) {
        self.text = text
        self.sceneNumber = sceneNumber
        self.forced = forced
    }
}

/// A paragraph of action (description); may contain several lines.
public struct Action: Hashable, Sendable, Codable {
    public var text: String
    /// True when forced with a leading `!`.
    public var forced: Bool

    public init(text: String, forced: Bool = false) {
        self.text = text
        self.forced = forced
    }
}

/// A speech: a character cue and what follows it.
public struct Dialogue: Hashable, Sendable, Codable {
    /// The character's name as written in the cue, without extensions (`MAYA`, `林晓`).
    public var character: String
    /// Parenthesised extensions after the name, without parentheses: `V.O.`, `O.S.`, `CONT'D`.
    public var extensions: [String]
    /// True when the cue was forced with `@`.
    public var forced: Bool
    /// True when the cue ended with `^` (this speech runs beside the previous one).
    public var dual: Bool
    public var parts: [DialoguePart]

    public init(character: String, extensions: [String] = [], forced: Bool = false, dual: Bool = false,
                parts: [DialoguePart]) {
        self.character = character
        self.extensions = extensions
        self.forced = forced
        self.dual = dual
        self.parts = parts
    }

    /// True for a voice-over or off-screen speech: the speaker is heard, not seen.
    public var isOffScreen: Bool { offScreenKind != nil }

    /// Voice-over or off screen, as the first extension that says so; nil when seen.
    public var offScreenKind: OffScreenKind? { extensions.lazy.compactMap(OffScreenKind.init(extension:)).first }

    /// The spoken text: dialogue lines joined with spaces, markup and notes removed.
    public var spokenText: String {
        let lines = parts.compactMap { part -> String? in
            if case .line(let text) = part { return ScriptText.plain(text) }
            if case .lyric(let text) = part { return ScriptText.plain(text) }
            return nil
        }
        return ScriptText.joinLines(lines)
    }

    /// Parentheticals without their parentheses, e.g. `["whispering"]`.
    public var parentheticals: [String] {
        parts.compactMap { part in
            if case .parenthetical(let text) = part { return text }
            return nil
        }
    }
}

/// A line inside a speech.
public enum DialoguePart: Hashable, Sendable, Codable {
    /// `(beat)`, stored without the parentheses.
    case parenthetical(String)
    /// A line of spoken text.
    case line(String)
    /// `~sung text` inside a speech.
    case lyric(String)
}

/// `CUT TO:`, `FADE OUT.`, or a forced `> SMASH CUT`.
public struct Transition: Hashable, Sendable, Codable {
    public var text: String
    public var forced: Bool

    public init(text: String, forced: Bool = false) {
        self.text = text
        self.forced = forced
    }
}

extension Character {
    /// True for Han ideographs, kana, hangul and CJK punctuation.
    public var isCJK: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x3000...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
             0xFF00...0xFFEF, 0xAC00...0xD7AF, 0x20000...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
