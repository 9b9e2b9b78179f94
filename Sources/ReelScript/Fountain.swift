import Foundation
import ReelModel

/// Reads and writes screenplays in Fountain 1.1 (fountain.io/syntax), with Reel's
/// extensions for Chinese scripts.
///
/// ```swift
/// let script = Fountain.parse("INT. KITCHEN - NIGHT\n\nMAYA\nWho's there?\n")
/// let text = Fountain.write(script)     // parses back to the same elements
/// ```
///
/// The parser scans UTF-8 bytes (no `Character` iteration) and makes strings only for the
/// text that elements keep. Text keeps its inline markup: emphasis (`*`, `**`, `_`),
/// inline `[[notes]]` and backslash escapes stay in the text (see ``ScriptText/plain(_:)``).
///
/// Rules where Fountain leaves room, and Reel's extensions:
/// - **Blank lines.** A line that is empty or only whitespace is blank. A line of exactly two
///   spaces keeps an empty line inside action, dialogue or a note; elsewhere it is blank.
///   Several blank lines count as one; each action paragraph is its own `.action` element.
/// - **Boundaries.** Lines that are elements by their own syntax — forced heading `.X`,
///   `>` transition, `>centered<`, `#` section, `=` synopsis, `===`, `~` lyric, `@` cue —
///   end an action paragraph and count as "a blank line" for the elements next to them.
/// - **Scene headings** start with `INT`, `EXT`, `EST`, `INT./EXT`, `INT/EXT`, `EXT/INT`,
///   `I/E` or `E/I` (any case) and a `.` or space, with a boundary before and after. A line
///   starting like a heading but followed by text is action, never a character cue.
///   Forced with one `.` directly followed by text (`..` and `. ` do not force).
///   Reel extension: `内景`, `外景`, `内外景`, `内/外`, `内` or `外` followed by a space
///   (also U+3000), `。` or `·` also start a heading (`内景 厨房 夜`); other orders such as
///   `日 内 咖啡馆` need the `.`. `#12A#` at the end is the scene number.
/// - **Transitions**: a line without lowercase letters ending in `TO:`, with a boundary
///   before and after; `>` forces one (Chinese transitions such as `> 切至：` need it).
/// - **Character cues**: a line with no lowercase letter and at least one uppercase letter,
///   with a boundary before and a line of speech directly after (not a blank line, nor a
///   boundary line other than a `~` lyric); `(extensions)` may be in
///   any case and in ASCII or full-width parentheses; `^` at the end marks dual dialogue.
///   `@` forces a cue (any case, any script: `@林晓`). Reel extension — unforced Chinese
///   cues: the name is 1–8 Han characters (name dots `·` allowed) with nothing else but
///   optional parenthesised extensions (`林晓（画外音）`, `林晓(V.O.)`), a boundary before and
///   a dialogue line directly after (no blank line). Because a Chinese name may contain no
///   punctuation, action lines such as `门开了。` are never taken for cues; a short action
///   line without punctuation directly followed by text is — write `!` before it.
/// - **Dialogue** runs until a blank line; `(…)`/`（…）` lines are parentheticals, `~` lines
///   lyrics. A speech line that leaves a `[[note` open is joined with the next lines by LF.
/// - **Notes**: a paragraph that is only `[[…]]` becomes `.note`; other notes stay in text.
/// - **Boneyard** `/* … */`: a block standing alone (`/*` first on its line, `*/` last on
///   its line, blank lines around) becomes `.boneyard` with the text between the markers;
///   any other boneyard is removed before parsing, like a comment — lines it empties vanish
///   instead of becoming blank lines, so it never splits a speech. A `/*` never closed is text.
/// - **Action** keeps leading spaces and tabs (tabs are not expanded) and line breaks; a
///   `!` forces it; a line starting with `\` is always action.
/// - **Title page**: only when the first line is `Key: value`, or `Key:` followed by an
///   indented line (so `FADE IN:` opens no title page). A key starts with a letter (any
///   script) and holds letters, digits, spaces, `-`, `_`, `'`; values are the inline text
///   and/or the indented lines after it. The page ends at the first blank line, or at a
///   line that is neither a key nor indented (the body starts there).
public enum Fountain {
    /// Parses Fountain text. Never fails: any text is some screenplay.
    ///
    /// A leading byte-order mark is ignored; CRLF, LF and CR line endings give the same result.
    /// - Parameter text: the whole document.
    /// - Returns: the title page and the body's elements, each with its 1-based source line.
    public static func parse(_ text: String) -> Screenplay {
        FountainParser.parse(text)
    }

    /// Reads a screenplay file's bytes.
    ///
    /// Strips a UTF-8 byte-order mark and accepts CRLF, LF and CR line endings.
    /// - Parameters:
    ///   - data: the file's contents.
    ///   - path: the file's path, used in error locations.
    /// - Throws: ``ReelError`` with code `.invalidInput` when the file is empty or only
    ///   whitespace, binary (a NUL byte, or more than 5% control characters), UTF-16 (with
    ///   or without a byte-order mark), or not valid UTF-8 (the location then names the
    ///   line: `path:line`, and the message the byte offset).
    public static func parse(data: Data, path: String) throws -> Screenplay {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            try checkText(bytes, path: path)
            return FountainParser.parse(bytes)
        }
    }

    /// Writes Fountain text that parses back to an equal ``Screenplay`` (line numbers aside).
    ///
    /// Elements are separated by one blank line; empty lines inside an element are written as
    /// two spaces. Each element is written plainly when that reads back the same, else in
    /// its forced form. For a screenplay that did not come from ``parse(_:)`` the round trip
    /// is best effort: text that Fountain cannot express (a speech line that looks like a
    /// parenthetical, whitespace-only lines) may read back slightly differently.
    /// - Parameter screenplay: the screenplay to write.
    /// - Returns: the document, ending with a newline.
    public static func write(_ screenplay: Screenplay) -> String {
        FountainWriter.write(screenplay)
    }
}
