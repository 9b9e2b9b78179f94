import Foundation
import ReelModel
import Yams

/// A screenplay with blanks: a genre short-drama platforms know (reversal, sweet romance,
/// suspense, comedy, product spot, trailer), in English (Fountain) and Chinese (the
/// short-drama format), filled in deterministically — no model, no network.
///
/// A template is a YAML file: `name`, `genre` and `summary` per language, `blanks` (each with
/// the question it answers and an example used when it is not set), and `script` per
/// language, where `{{hero}}` is a blank's value and `{{hero:upper}}` the same in capitals
/// (Fountain's character cues).
public struct ScriptTemplate: Hashable, Sendable, Codable {
    /// A text in English and Chinese.
    public struct Words: Hashable, Sendable, Codable {
        public var en: String
        public var zh: String

        public func text(_ language: Language) -> String { language == .chinese ? zh : en }
    }

    /// A blank the user fills in.
    public struct Blank: Hashable, Sendable, Codable {
        public var name: String
        /// The question it answers (what `reel templates` and an interview ask).
        public var ask: Words
        /// What it is filled with when the user does not set it.
        public var example: Words
    }

    public var name: String
    public var genre: Words
    public var summary: Words
    public var blanks: [Blank]
    public var script: Words
    /// Where it was read from: `built in`, or the file's path.
    public var source: String = "built in"

    enum CodingKeys: String, CodingKey { case name, genre, summary, blanks, script }

    /// Reads a template file's text; `source` names it in messages.
    public static func parse(_ yaml: String, source: String) throws -> ScriptTemplate {
        do {
            var template = try YAMLDecoder().decode(ScriptTemplate.self, from: yaml)
            template.source = source
            try template.validate()
            return template
        } catch let error as ReelError {
            throw error
        } catch {
            throw ReelError(.invalidInput, "this template cannot be read: \(Self.describe(error))", at: source,
                            hint: "a template needs name, genre, summary, blanks and script (en and zh); see the built-in ones with `reel templates`")
        }
    }

    /// Every `{{blank}}` in the scripts is declared, and every declared blank is used.
    func validate() throws {
        let declared = Set(blanks.map(\.name))
        for language in [Language.english, .chinese] {
            let used = Set(Self.placeholders(in: script.text(language)).map(\.name))
            if let unknown = used.subtracting(declared).sorted().first {
                throw ReelError(.invalidInput, "the \(language == .chinese ? "zh" : "en") script uses {{\(unknown)}}, which is not among the blanks",
                                at: source, hint: "declare it under blanks, or remove it from the script")
            }
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            throw ReelError(.invalidInput, "a template's name is letters, digits and dashes (got '\(name)')", at: source,
                            hint: "rename it, e.g. name: my-reversal")
        }
    }

    /// The script in `language` with every blank filled: `values` where given, else the
    /// blank's example. Throws `usage` for a value set to nothing or a blank it does not have.
    /// - Returns: the text and the blanks that took their example.
    public func fill(_ values: [String: String], language: Language) throws -> (text: String, examples: [String]) {
        let names = Set(blanks.map(\.name))
        if let unknown = values.keys.sorted().first(where: { !names.contains($0) }) {
            throw ReelError(.usage, "the \(name) template has no blank called \(unknown)",
                            hint: "its blanks are \(blanks.map(\.name).joined(separator: ", "))")
        }
        var filled: [String: String] = [:]
        var examples: [String] = []
        for blank in blanks {
            if let value = values[blank.name] {
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, !trimmed.contains("\n") else {
                    throw ReelError(.usage, trimmed.isEmpty ? "the blank \(blank.name) is set to nothing" : "the blank \(blank.name) is more than one line",
                                    hint: "\(blank.ask.text(language)) e.g. --set \(blank.name)=\"\(blank.example.text(language))\"")
                }
                filled[blank.name] = trimmed
            } else {
                filled[blank.name] = blank.example.text(language)
                examples.append(blank.name)
            }
        }
        var text = script.text(language)
        for placeholder in Self.placeholders(in: text).reversed() {
            let value = filled[placeholder.name] ?? ""
            text.replaceSubrange(placeholder.range, with: placeholder.upper ? value.uppercased() : value)
        }
        return (text, examples)
    }

    /// `{{name}}` and `{{name:upper}}` in `text`, in order.
    static func placeholders(in text: String) -> [(name: String, upper: Bool, range: Range<String.Index>)] {
        var found: [(String, Bool, Range<String.Index>)] = []
        var rest = text.startIndex..<text.endIndex
        while let open = text.range(of: "{{", range: rest), let close = text.range(of: "}}", range: open.upperBound..<text.endIndex) {
            let inner = text[open.upperBound..<close.lowerBound]
            let parts = inner.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            found.append((parts.first ?? "", parts.count > 1 && parts[1] == "upper", open.lowerBound..<close.upperBound))
            rest = close.upperBound..<text.endIndex
        }
        return found
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.keyNotFound(let key, let context)? = error as? DecodingError {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "\(path) is missing"
        }
        if case DecodingError.typeMismatch(_, let context)? = error as? DecodingError {
            return "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        }
        return String(describing: error).prefix(200).description
    }
}
