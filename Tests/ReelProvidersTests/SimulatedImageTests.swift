import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `POST /v1/images`, the simulated provider's image model, and its client: a priced PNG at
/// the asked size, the same bytes for the same body, strict field types, the key required.
@Suite struct SimulatedImageTests {
    static func body(width: JSONValue = 96, height: JSONValue = 160, seed: JSONValue = "7",
                     model: JSONValue = "sim-image-1", references: [String]? = nil) -> JSONValue {
        var body: [String: JSONValue] = ["model": model, "prompt": "雨夜，外卖员抬头 — a courier looks up in the rain",
                                         "width": width, "height": height, "seed": seed, "label": "S01-02"]
        if let references { body["references"] = .array(references.map(JSONValue.string)) }
        return .object(body)
    }

    static func dataURI(_ index: Int) -> String {
        "data:image/png;base64," + ((try? FixtureMedia.png(index)) ?? Data()).base64EncodedString()
    }

    /// A still made from references is another still than one from words alone, and another
    /// again from other references.
    @Test func referencesMakeAnotherStill() async throws {
        try await withSim { sim, _ in
            func still(_ body: JSONValue) async throws -> String? { try await post(sim, body).json?["data"]?["b64"]?.stringValue }
            let words = try await still(Self.body())
            let one = try await still(Self.body(references: [Self.dataURI(1)]))
            let other = try await still(Self.body(references: [Self.dataURI(2)]))
            #expect(words != nil && one != nil && other != nil)
            #expect(Set([words, one, other]).count == 3)
        }
    }

    func post(_ sim: SimulatedProviderServer, _ body: JSONValue, key: String? = "sim-key", idempotency: String? = nil)
        async throws -> HTTPResponse {
        var headers = key.map { ["Authorization": "Bearer \($0)"] } ?? [:]
        headers["Idempotency-Key"] = idempotency
        return try await AsyncHTTPTransport().send(.json("POST", sim.baseURL.appendingPathComponent("v1/images"), body: body,
                                                         headers: headers, timeout: 30))
    }

    /// A call sent again after a lost answer gets the still it paid for, and pays nothing more.
    @Test func theSameIdempotencyKeyGetsTheSameStillOnce() async throws {
        try await withSim { sim, _ in
            let first = try await post(sim, Self.body(), idempotency: "reel-abc")
            let again = try await post(sim, Self.body(), idempotency: "reel-abc")
            #expect(first.json?["id"] == again.json?["id"] && first.json?["data"] == again.json?["data"])
            #expect(sim.counters.images == 1 && sim.counters.idempotentReplays == 1)
            let other = try await post(sim, Self.body(seed: "9"), idempotency: "reel-abc")
            #expect(other.status == 422 && sim.counters.images == 1)
        }
    }

    @Test func aStillIsAPricedPNGOfTheAskedSizeAndTheSameBodyMakesTheSameBytes() async throws {
        try await withSim { sim, dir in
            let first = try await post(sim, Self.body())
            #expect(first.status == 201)
            let json = try #require(first.json)
            #expect(json["cost"]?["amount"]?.stringValue == "0.04" && json["cost"]?["currency"]?.stringValue == "USD")
            let png = try #require(json["data"]?["b64"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            let file = try dir.write("still.png", png)
            let info = try await MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()).probe(file)
            #expect(info.width == 96 && info.height == 160)
            let again = try #require(try await post(sim, Self.body()).json?["data"]?["b64"]?.stringValue)
            #expect(Data(base64Encoded: again) == png)
            let other = try #require(try await post(sim, Self.body(seed: "8")).json?["data"]?["b64"]?.stringValue)
            #expect(Data(base64Encoded: other) != png, "another seed, another still")
            #expect(sim.counters.images == 3)
        }
    }

    @Test(arguments: [
        ("width", body(width: "96"), "width must be an integer"),
        ("height", body(height: 161), "width and height must be even"),
        ("seed", body(seed: 7), "seed must be a string"),
        ("model", body(model: "sim-1"), "unknown model 'sim-1'; use one of sim-image-1"),
        ("references", body(references: (1...5).map(dataURI)), "at most 4 references, not 5"),
        ("references[1]", body(references: [dataURI(1), "data:text/plain;base64,aGk="]),
         "references[1] must be a data URI: data:image/png;base64,…"),
    ])
    func fieldsOfTheWrongTypeAreRefusedByName(field: String, body: JSONValue, message: String) async throws {
        try await withSim { sim, _ in
            let response = try await post(sim, body)
            #expect(response.status == 400)
            #expect(response.json?["error"]?["param"]?.stringValue == field)
            #expect(response.json?["error"]?["message"]?.stringValue == message)
            #expect(sim.counters.images == 0)
        }
    }

    @Test func theKeyIsRequiredAndTheClientStoresTheStillWithItsCost() async throws {
        try await withSim { sim, dir in
            #expect(try await post(sim, Self.body(), key: nil).status == 401)
            let client = SimulatedImageProvider(baseURL: sim.baseURL, apiKey: "sim-key")
            let blobs = try DirectoryBlobStore(root: dir.file("media"))
            let brief = ShotBrief(shot: "S01-02", setting: .exterior, timeOfDay: .night, location: "STREET", mood: .tense,
                                  size: .closeUp, move: .static, angle: .eyeLevel, purpose: .action, figures: [],
                                  action: "", language: .chinese)
            let request = ImageRequest(prompt: "雨夜", brief: brief, width: 64, height: 64, seed: 3)
            let output = try await client.make(request, context: GenerationContext(inputs: [], blobs: blobs, idempotencyKey: "k"))
            #expect(output.asset.mediaType == "image/png" && output.cost == Money(micros: 40_000))
            #expect(try Data(contentsOf: blobs.url(for: output.asset)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(!String(describing: client).contains("sim-key") && !String(reflecting: client).contains("sim-key"))
        }
    }
}
