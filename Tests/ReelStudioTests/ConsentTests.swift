import Foundation
import ReelModel
import ReelTesting
import Testing

@testable import ReelStudio

/// The consent ledger's bad input: one clear message, nothing appended.
@Suite struct ConsentTests {
    typealias Fixture = TakeDecisionTests.Fixture

    static let refusals: [(String, @Sendable (TemporaryDirectory) throws -> ConsentGrant, String)] = [
        ("not a real person", { ConsentGrant(name: "kitchen", by: "Ben", evidence: try $0.write("c.pdf", "%PDF")) },
         "KITCHEN is not marked as a real person"),
        ("no evidence", { ConsentGrant(name: "MAYA", by: "Maya", evidence: $0.file("missing.pdf")) }, "no such evidence file"),
        ("empty evidence", { ConsentGrant(name: "MAYA", by: "Maya", evidence: try $0.write("empty.pdf", "")) },
         "the evidence file is empty"),
        ("nobody granted it", { ConsentGrant(name: "MAYA", by: "  ", evidence: try $0.write("c.pdf", "%PDF")) },
         "a consent needs who granted it"),
        ("already expired", { ConsentGrant(name: "MAYA", by: "Maya", evidence: try $0.write("c.pdf", "%PDF"),
                                           expiresAt: Date(timeIntervalSince1970: 86_400)) },
         "the consent would already have expired (1970-01-02)"),
        ("no providers", { ConsentGrant(name: "MAYA", by: "Maya", evidence: try $0.write("c.pdf", "%PDF"), providers: [" "]) },
         "--providers names no provider"),
        ("unknown subject", { ConsentGrant(name: "LIN XIAO", by: "Lin", evidence: try $0.write("c.pdf", "%PDF")) },
         "there is no subject \"LIN XIAO\" in the storyboard"),
    ]

    @Test(arguments: 0..<refusals.count)
    func badConsentIsRefusedAndTheLedgerUnchanged(_ index: Int) async throws {
        let (name, grant, message) = Self.refusals[index]
        let f = try await Fixture()
        defer { f.dir.remove() }
        _ = try await Studio().addToCast(f.production, CastAddition(name: "MAYA", realPerson: true))
        let error = await #expect(throws: ReelError.self, "\(name)") {
            try await Studio().grantConsent(f.production, try grant(f.dir))
        }
        #expect(error?.message == message, "\(name)")
        #expect(error?.hint != nil || error?.location != nil, "\(name): says what to do or where")
        #expect(try await f.project.consentEvents().isEmpty, "\(name)")
    }

    @Test func revokingWhatWasNeverGrantedAndMarkingAPropAreRefused() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        _ = try await Studio().addToCast(f.production, CastAddition(name: "MAYA", realPerson: true))
        let revoke = await #expect(throws: ReelError.self) {
            try await Studio().revokeConsent(f.production, name: "MAYA", reason: nil)
        }
        #expect(revoke?.message == "MAYA has no consent in force to revoke")
        let prop = await #expect(throws: ReelError.self) {
            try await Studio().addToCast(f.production, CastAddition(name: "kettle", kind: .prop, realPerson: true))
        }
        #expect(prop?.message == "only a character can be a real person; kettle is a prop")
        #expect(try await f.project.consentEvents().isEmpty)
    }

    @Test func theCastSaysWhereConsentStands() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        #expect(try await Studio().addToCast(f.production, CastAddition(name: "MAYA", realPerson: true)).consent == "none on file")
        let evidence = try f.dir.write("c.pdf", "%PDF signed")
        _ = try await Studio().grantConsent(f.production, ConsentGrant(
            name: "MAYA", by: "Maya", evidence: evidence, providers: ["kling"], expiresAt: Date(timeIntervalSince1970: 4_102_444_800)))
        let maya = try #require(try await Studio().cast(f.production).first { $0.name == "MAYA" })
        #expect(maya.realPerson && maya.consent == "in force for kling until 2099-12-31")
        #expect(try await Studio().cast(f.production).first { $0.name == "BEN" }?.consent == nil)
    }
}
