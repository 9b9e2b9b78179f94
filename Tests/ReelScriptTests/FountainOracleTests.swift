import Foundation
import ReelModel
import ReelScript
import ReelTesting
import Testing

/// Compares Reel's parser with screenplain, an independent Python Fountain parser
/// (`pip install screenplain==0.12.0`), on the English fixtures: the scene headings, the
/// number of speeches and the set of character names must agree. Reel's Chinese
/// extensions are not standard Fountain and are not compared.
@Suite(.disabled(if: !ScreenplainOracle.hasPython, "python3 is not installed, so the screenplain oracle cannot run"),
       .disabled(if: ScreenplainOracle.hasPython && !ScreenplainOracle.hasPackage,
                 "the screenplain package is not installed (pip install screenplain==0.12.0)"))
struct FountainOracleTests {
    struct Summary: Codable, Equatable {
        var headings: [String]
        var speeches: Int
        var names: [String]
    }

    @Test(arguments: [("everything", FountainFixtures.everything), ("night shift", FountainFixtures.nightShift)])
    func screenplainAgrees(_ name: String, _ text: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reel-oracle-\(UUID().uuidString).fountain")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = ScreenplainOracle.run(["-c", ScreenplainOracle.script, url.path])
        try #require(run.status == 0, "screenplain failed: \(run.output)")
        let theirs = try JSONDecoder().decode(Summary.self, from: Data(run.output.utf8))
        #expect(Self.summary(Fountain.parse(text)) == theirs, "\(name)")
        #expect(theirs.speeches > 0 && !theirs.headings.isEmpty)
    }

    static func summary(_ screenplay: Screenplay) -> Summary {
        var headings: [String] = []
        var speeches = 0
        var names = Set<String>()
        for element in screenplay.elements {
            switch element.content {
            case .sceneHeading(let heading): headings.append(ScriptText.plain(heading.text).uppercased())
            case .dialogue(let speech):
                speeches += 1
                names.insert(ScriptText.plain(speech.character))
            default: break
            }
        }
        return Summary(headings: headings, speeches: speeches, names: names.sorted())
    }
}

/// Runs python3 with screenplain installed, if it is.
enum ScreenplainOracle {
    static let hasPython = run(["-c", "pass"]).status == 0
    static let hasPackage = run(["-c", "import screenplain.parsers.fountain"]).status == 0

    /// Prints the headings, the number of speeches and the character names of one file as JSON.
    static let script = """
        import json, re, sys
        from screenplain.parsers import fountain
        from screenplain.types import Dialog, DualDialog, Slug
        with open(sys.argv[1], encoding='utf-8') as f:
            play = fountain.parse(f)
        def name(d):
            return re.sub(r'\\(.*?\\)', '', str(d.character)).replace('^', '').strip()
        headings, speeches, names = [], 0, set()
        for p in play.paragraphs:
            if isinstance(p, Slug):
                headings.append(str(p.line).upper())
            elif isinstance(p, Dialog):
                speeches += 1
                names.add(name(p))
            elif isinstance(p, DualDialog):
                speeches += 2
                names.update([name(p.left), name(p.right)])
        print(json.dumps({'headings': headings, 'speeches': speeches, 'names': sorted(names)}))
        """

    static func run(_ arguments: [String]) -> (status: Int32, output: String) { PythonOracle.run(arguments) }
}
