import Foundation
import ReelAssistant
import ReelModel
import Testing

/// The repair corpus `make bench` measures: every malformed reply whose content is all there
/// reads back as the document it was written from, without asking the model again.
struct MalformedRepliesTests {
    @Test func everyReplyInTheCorpusReadsAsItsDocument() {
        let cases = MalformedReplies.all
        #expect(cases.count >= 100)
        var failed: [String] = []
        for c in cases {
            let answer = try? StructuredOutput.parse(c.text)
            if answer?.value != c.expected { failed.append(c.name) }
        }
        #expect(failed.isEmpty, "not recovered: \(failed.joined(separator: ", "))")
    }

    @Test func theCorpusIsReallyMalformed() {
        let strict = MalformedReplies.all.filter { (try? JSONDecoder().decode(JSONValue.self, from: Data($0.text.utf8))) != nil }
        // The controls, and trailing commas, which Foundation's decoder forgives.
        let forgiven = ["clean ", "pretty ", "bom ", "trailing-comma "]
        #expect(strict.map(\.name).allSatisfy { name in forgiven.contains { name.hasPrefix($0) } },
                "only the controls parse as they are: \(strict.map(\.name))")
        #expect(strict.count * 5 < MalformedReplies.all.count)
    }
}
