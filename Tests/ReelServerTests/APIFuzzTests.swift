import Foundation
import Hummingbird
import HummingbirdTesting
import ReelMedia
import ReelModel
import ReelServer
import ReelTesting
import Testing

/// True when Schemathesis is installed (bootstrap --test installs it).
let canFuzzTheAPI = PythonOracle.has("schemathesis")

/// The API against its own OpenAPI document, by Schemathesis over real HTTP: no request,
/// valid or not, gets a 5xx or an answer its schema does not describe; a valid one is
/// taken, an invalid one refused; a method a path does not answer is a 405.
@Suite struct APIFuzzTests {
    @Test(.enabled(if: canFuzzTheAPI, "Schemathesis is not installed (scripts/bootstrap --test installs it)"))
    func everyOperationHoldsToItsDocument() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        // A provider that is not set up: runs and estimates are refused (409), so fuzzing
        // them starts no run (scripts/api-fuzz exempts them from "valid data is accepted").
        let yaml = f.project.appendingPathComponent("reel.yaml")
        try String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim")
            .write(to: yaml, atomically: true, encoding: .utf8)
        try await buildApplication(f.configuration).test(.live) { client in
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("scripts/api-fuzz")
            let result = try await LocalProcessRunner().run(script.path, ["http://127.0.0.1:\(try #require(client.port))",
                                                                          "two-rooms", "S01-01", "8"])
            let report = result.stdoutText
            #expect(result.status == 0, "\(report.split(separator: "\n").suffix(60).joined(separator: "\n"))\n\(result.stderrTail(5))")
            #expect(report.contains("Tested: \(ServerRoutes.api.count)"), "every operation is reached")
        }
    }
}
