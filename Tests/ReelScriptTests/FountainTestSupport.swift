import Foundation
import ReelModel
import ReelScript
import Testing

/// Shorthands for the Fountain tests.
enum FountainTest {
    /// The body elements of `text`, without line numbers.
    static func body(_ text: String) -> [ScriptElement.Content] {
        Fountain.parse(text).elements.map(\.content)
    }

    /// `screenplay` with every line number set to 0, for comparing round trips.
    static func zeroingLines(_ screenplay: Screenplay) -> Screenplay {
        Screenplay(titlePage: screenplay.titlePage,
                   elements: screenplay.elements.map { ScriptElement($0.content, line: 0) })
    }

    /// parse → write → parse gives the same screenplay (line numbers aside).
    static func expectRoundTrip(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let first = Fountain.parse(text)
        let written = Fountain.write(first)
        let second = Fountain.parse(written)
        #expect(zeroingLines(second) == zeroingLines(first), "written:\n\(written)", sourceLocation: sourceLocation)
    }

    static func heading(_ text: String, _ number: String? = nil, forced: Bool = false) -> ScriptElement.Content {
        .sceneHeading(SceneHeading(text: text, sceneNumber: number, forced: forced))
    }

    static func action(_ text: String, forced: Bool = false) -> ScriptElement.Content {
        .action(Action(text: text, forced: forced))
    }

    static func transition(_ text: String, forced: Bool = false) -> ScriptElement.Content {
        .transition(Transition(text: text, forced: forced))
    }

    static func speech(_ name: String, _ parts: DialoguePart..., extensions: [String] = [],
                       forced: Bool = false, dual: Bool = false) -> ScriptElement.Content {
        .dialogue(Dialogue(character: name, extensions: extensions, forced: forced, dual: dual, parts: parts))
    }
}
