import Foundation
import ReelEngine
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
         "the consent would already have expired (its last day would be 1970-01-01)"),
        ("no providers", { ConsentGrant(name: "MAYA", by: "Maya", evidence: try $0.write("c.pdf", "%PDF"), providers: [" "]) },
         "--providers names no provider"),
        ("unknown subject", { ConsentGrant(name: "LIN XIAO", by: "Lin", evidence: try $0.write("c.pdf", "%PDF")) },
         "there is no subject \"LIN XIAO\" in the storyboard"),
        ("a provider Reel does not know", { ConsentGrant(name: "MAYA", by: "Maya", evidence: try $0.write("c.pdf", "%PDF"),
                                                         providers: ["kling", "klign"]) },
         "\"klign\" is not a provider Reel knows (--providers)"),
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

    /// The ledger's order is the order entries were written, not their clocks: a revocation
    /// from a machine whose clock is behind still revokes.
    @Test func aRevocationWithAnEarlierClockStillRevokes() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        _ = try await Studio().addToCast(f.production, CastAddition(name: "MAYA", realPerson: true))
        let evidence = try f.dir.write("c.pdf", "%PDF signed")
        _ = try await Studio().grantConsent(f.production, ConsentGrant(name: "MAYA", by: "Maya", evidence: evidence),
                                            now: Date(timeIntervalSince1970: 2_000_000_000))
        _ = try await Studio().revokeConsent(f.production, name: "MAYA", reason: nil, now: Date(timeIntervalSince1970: 1_000_000_000))
        let maya = try #require(try await Studio().plan(f.production, save: false).subject("char:maya"))
        #expect(maya.likenessRefusal(for: "kling", at: Date(timeIntervalSince1970: 3_000_000_000))?.hasPrefix("MAYA's consent was revoked") == true)
        #expect(maya.consentStatus(at: Date())?.hasPrefix("revoked on ") == true)
    }

    /// Only a take that carried someone's likeness leaves the cut when their consent goes: a
    /// take made from the prompt alone stays.
    @Test func onlyTakesThatCarriedALikenessAreWithdrawn() async throws {
        let f = try await Fixture()
        defer { f.dir.remove() }
        _ = try await Studio().addToCast(f.production, CastAddition(name: "MAYA", realPerson: true))
        let board = try await Studio().plan(f.production, save: false)
        let shot = try #require(board.shots.first)
        var withHer = Take(shot: shot.id, number: 1, provider: "kling", model: "m", seed: 1, fingerprint: "f", node: "video:a",
                           createdAt: Date(), shows: ["char:maya"])
        withHer.state = .succeeded(NodeOutput(asset: Asset(digest: Hashing.sha256("a"), mediaType: "video/mp4", byteCount: 1)))
        var textOnly = withHer
        textOnly.shows = []
        let withdrawn = Studio.withdrawal(in: board, at: Date())
        #expect(withdrawn(withHer) == "MAYA is a real person and there is no consent on file")
        #expect(withdrawn(textOnly) == nil)
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
