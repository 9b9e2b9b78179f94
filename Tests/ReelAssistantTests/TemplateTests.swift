import Foundation
import ReelModel
import ReelScript
import Testing

@testable import ReelAssistant

/// Every built-in template, in both languages, fills into a screenplay Reel reads: scenes
/// with characters and lines, no blank left as `{{…}}`, the values where the blanks were.
struct TemplateTests {
    static let library = try! TemplateLibrary()

    @Test func thereAreSixGenresEachInBothLanguages() {
        #expect(Self.library.templates.map(\.name) == ["reversal", "romance", "suspense", "comedy", "product", "trailer"])
        for t in Self.library.templates {
            #expect(!t.genre.en.isEmpty && !t.genre.zh.isEmpty && !t.summary.zh.isEmpty, "\(t.name)")
            #expect(t.blanks.contains { $0.name == "title" }, "\(t.name) has a title blank")
        }
    }

    @Test(arguments: try! TemplateLibrary().templates.map(\.name), [Language.english, .chinese])
    func aFilledTemplateIsAScreenplayReelReads(name: String, language: Language) throws {
        let template = try Self.library.template(name)
        let values = Dictionary(uniqueKeysWithValues: template.blanks.map { ($0.name, language == .chinese ? "测试\($0.name)" : "Test \($0.name)") })
        let (text, examples) = try template.fill(values, language: language)
        #expect(examples.isEmpty)
        #expect(!text.contains("{{") && !text.contains("}}"), "every blank filled")
        for (blank, value) in values where blank != "title" {
            #expect(text.contains(value) || text.contains(value.uppercased()), "\(name): \(blank) is in the script")
        }
        let screenplay: Screenplay
        if language == .chinese {
            #expect(ScriptFormat.detect(text) == .shortDrama, "\(name): read as the Chinese short-drama format")
            screenplay = ShortDrama.parse(text)
        } else {
            #expect(ScriptFormat.detect(text) == .fountain, "\(name): read as Fountain")
            screenplay = Fountain.parse(text)
            // Fountain out and back in is the same screenplay.
            #expect(Self.scenes(Fountain.parse(Fountain.write(screenplay))) == Self.scenes(screenplay), "\(name)")
        }
        #expect(Self.scenes(screenplay) >= 2, "\(name) \(language)")
        #expect(screenplay.elements.contains { if case .dialogue = $0.content { true } else { false } }, "\(name) \(language): someone speaks")
        #expect(screenplay.title == values["title"], "\(name) \(language): the title blank is the title")
    }

    static func scenes(_ s: Screenplay) -> Int {
        s.elements.filter { if case .sceneHeading = $0.content { true } else { false } }.count
    }

    @Test func unsetBlanksTakeTheirExamplesAndBadValuesAreRefused() throws {
        let reversal = try Self.library.template("reversal")
        let (text, examples) = try reversal.fill(["hero": "Ana"], language: .english)
        #expect(examples == ["title", "rival", "place", "twist"])
        #expect(text.contains("ANA") && text.contains("VICTOR") && text.hasPrefix("Title: The Intern"))
        let empty = #expect(throws: ReelError.self) { try reversal.fill(["hero": "  "], language: .english) }
        #expect(empty?.message == "the blank hero is set to nothing" && empty?.code == .usage)
        let unknown = #expect(throws: ReelError.self) { try reversal.fill(["villain": "x"], language: .english) }
        #expect(unknown?.message == "the reversal template has no blank called villain")
        let missing = #expect(throws: ReelError.self) { try Self.library.template("western") }
        #expect(missing?.hint?.contains("reversal, romance") == true)
    }

    @Test func aUserTemplateIsReadAndABrokenOneSaysWhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reel-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = """
        name: haiku
        genre: { en: Haiku, zh: 俳句 }
        summary: { en: One shot., zh: 一个镜头。 }
        blanks:
          - { name: season, ask: { en: Which season?, zh: 哪个季节？ }, example: { en: autumn, zh: 秋天 } }
        script:
          en: "Title: {{season}}\\n\\nEXT. POND - DAY\\n\\nA frog in {{season}}.\\n"
          zh: "剧名：{{season}}\\n\\n1-1 日 外 池塘\\n△{{season}}的青蛙。\\n"
        """
        try mine.write(to: dir.appendingPathComponent("haiku.yaml"), atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(folders: [dir])
        #expect(try library.template("haiku").fill([:], language: .english).text.contains("A frog in autumn."))
        try mine.replacingOccurrences(of: "{{season}}\\n\\nEXT", with: "{{weather}}\\n\\nEXT").write(to: dir.appendingPathComponent("haiku.yaml"),
                                                                                                 atomically: true, encoding: .utf8)
        let error = #expect(throws: ReelError.self) { try TemplateLibrary(folders: [dir]) }
        #expect(error?.message == "the en script uses {{weather}}, which is not among the blanks")
        #expect(error?.location?.hasSuffix("haiku.yaml") == true)
    }
}
