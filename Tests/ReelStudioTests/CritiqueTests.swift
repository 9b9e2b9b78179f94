import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// A vision model looks at each new take: the strip of its frames and the references it is
/// sent, what it answers (read, mended or asked again), what a critic that is down does
/// to a run (nothing but a note), and `pick --auto` preferring the critic's best.
@Suite(.serialized) struct CritiqueTests {
    @Test func aCritiqueIsReadFromWhatACriticReallyAnswers() {
        let good = TakeCritique.read(#"{"subject": 7, "prompt": 8, "artifacts": 10, "notes": ["the coat is green"]}"#, critic: "c")
        #expect(good.critique == TakeCritique(subject: 7, prompt: 8, artifacts: 10, notes: ["the coat is green"], critic: "c"))
        // In a code fence with words around it, scores as strings and a fraction, one note as a string.
        let fenced = TakeCritique.read("Here you go:\n```json\n{\"subject\": \"6\", \"prompt\": 7.6, \"artifacts\": 9, \"notes\": \"ok\"}\n```",
                                       critic: "c")
        #expect(fenced.critique?.total == 6 + 8 + 9 && fenced.critique?.notes == ["ok"], "\(fenced.problems)")
        for (reply, problem) in [("It looks fine to me.", "not a JSON object"), (#"{"subject": 11, "prompt": 5, "artifacts": 5}"#, "not from 0 to 10"),
                                 (#"{"subject": 5, "artifacts": 5}"#, "\"prompt\" is missing")] {
            let read = TakeCritique.read(reply, critic: "c")
            #expect(read.critique == nil && read.problems.contains { $0.contains(problem) }, "\(reply): \(read.problems)")
        }
    }

    struct World {
        let dir: TemporaryDirectory
        let sim: SimulatedProviderServer
        let critic: OpenAIFakeServer
        let production: Production
        let studio: Studio

        init(yaml: String = "provider: sim\ncritic: openai/gpt-4.1-mini\nlimits: { openai: 1 }\n") async throws {
            dir = TemporaryDirectory()
            sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0...0, seed: 3, render: .cheap))
            critic = try await OpenAIFakeServer.start()
            production = try RemoteProductionTests().production(dir, yaml: yaml)
            var env = ProcessInfo.processInfo.environment
            env["SIM_API_KEY"] = sim.apiKey
            env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
            env["OPENAI_API_KEY"] = critic.apiKey
            env["REEL_OPENAI_BASE_URL"] = critic.baseURL.absoluteString
            env["REEL_CONFIG_DIR"] = dir.file("config").path
            env["REEL_POLL_INTERVAL"] = "0.01"
            env["REEL_CRITIC"] = nil
            studio = Studio(environment: env, sleeper: RecordingSleeper())
        }

        func close() async throws {
            production.close()
            try await sim.stop()
            try await critic.stop()
            dir.remove()
        }

        /// The user message of each chat request: its text and its pictures.
        func asked() -> [(text: String, images: [String])] {
            critic.requests("POST", "chat/completions").compactMap(\.json).compactMap { body in
                // The question with its pictures (a retry sends it again, then the reply and its problems).
                guard let parts = body["messages"]?.arrayValue?.lazy.compactMap({ $0["content"]?.arrayValue }).first else { return nil }
                return (parts.compactMap { $0["text"]?.stringValue }.joined(),
                        parts.compactMap { $0["image_url"]?["url"]?.stringValue })
            }
        }
    }

    @Test func everyModelTakeIsCritiquedFromItsFramesAndReferencesAndTheBestIsPicked() async throws {
        let w = try await World()
        let face = try w.dir.write("maya.png", FixtureMedia.png(7))
        _ = try await w.studio.addToCast(w.production, CastAddition(name: "MAYA", images: [face]))
        // The first reply cannot be read and is sent back; then one critique per take.
        w.critic.transcript(["She looks great!", #"{"subject": 6, "prompt": 7, "artifacts": 9, "notes": ["her coat is green, not red"]}"#,
                             #"{"subject": 9, "prompt": 9, "artifacts": 9, "notes": []}"#])
        let result = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 2))
        let summary = try #require(result.summary)
        #expect(summary.succeeded && result.notes.isEmpty, "\(summary.failures) \(result.notes)")
        #expect(Set(result.critiques.values.map(\.total)) == [22, 27] && result.critiques.count == 2, "\(result.critiques)")
        #expect(result.critiques.values.allSatisfy { $0.critic == "openai/gpt-4.1-mini" })

        // What the critic received: the shot's prompt, a JPEG strip of the take's frames, then
        // exactly the bytes of MAYA's reference; the unreadable reply went back with its problem.
        let asked = w.asked()
        #expect(asked.count == 3)
        let prompt = result.storyboard.shot("S01-02").map { ShotDescription(storyboard: result.storyboard).prompt($0, style: nil) } ?? "?"
        for question in asked {
            #expect(question.text.contains(prompt) && question.text.contains("MAYA"), "\(question.text)")
            #expect(question.images.count == 2 && question.images[0].hasPrefix("data:image/jpeg;base64,"))
            let strip = try #require(Data(base64Encoded: String(question.images[0].dropFirst("data:image/jpeg;base64,".count))))
            #expect(strip.prefix(2) == Data([0xFF, 0xD8]), "a JPEG")
            #expect(question.images[1] == "data:image/png;base64," + (try Data(contentsOf: face)).base64EncodedString())
        }
        let sent = w.critic.requests("POST", "chat/completions").compactMap(\.json)
        let retry = sent[1]["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
        #expect(retry.contains("cannot be used") && retry.contains("not a JSON object"), "\(retry)")
        // Each strip is a row of three frames of the 480x854 take, 360 pixels high.
        let stripNode = try #require(summary.outputs.first { $0.key.rawValue.hasPrefix("strip:") }?.value)
        #expect(stripNode.asset.media?.width == 606 && stripNode.asset.media?.height == 360)
        let probe = try await MediaProbe(ffprobe: Toolchain.discover().requireFFprobe()).probe(w.production.blobs.url(for: stripNode.asset))
        #expect(probe.width == 606 && probe.height == 360)

        // Kept with the takes, paid for like any job, and `pick --auto` takes the critic's best.
        let takes = try await w.studio.takes(w.production, shot: "S01-02")
        #expect(takes.compactMap(\.critique).count == 2)
        let best = try #require(takes.first { $0.critique?.total == 27 })
        let picks = try await w.studio.autoPick(w.production, shots: ["S01-02"])
        #expect(picks.first?.picked == best.take && picks.first?.reason == "the critic's best of 2 takes that passed the check (27 of 30)", "\(picks)")
        let critiqueJobs = summary.outputs.filter { $0.key.rawValue.hasPrefix("critique:") }.values
        #expect(critiqueJobs.allSatisfy { ($0.cost?.micros ?? 0) > 0 }, "costed from the token counts")

        // Asked again, nothing is asked of anyone.
        let again = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 2))
        #expect(again.summary?.ran == 0 && w.critic.requests("POST", "chat/completions").count == 3)
        try await w.close()
    }

    @Test func aCriticThatIsDownOrTalksNonsenseNeverStopsARun() async throws {
        let w = try await World()
        // Down: every attempt answers 500. Then: nonsense twice.
        for _ in 0..<4 { w.critic.answers.script("chat", OpenAIFakeServer.error(500, code: "server_error")) }
        let down = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(down.summary?.failures.isEmpty == true && down.summary?.skipped.isEmpty == true, "\(String(describing: down.summary?.failures))")
        #expect(down.notes.contains { $0.hasPrefix("no critique of S01-02#1: ") }, "\(down.notes)")
        #expect(down.verdicts["S01-02#1"]?.passed == true && down.critiques.isEmpty)
        w.critic.transcript(["no idea", "still no idea"])
        let nonsense = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-03"], takes: 1))
        #expect(nonsense.summary?.succeeded == true)
        #expect(nonsense.notes == ["no critique of S01-03#1: the critic's reply could not be read, even after sending its problems back: "
                                   + "the reply is not a JSON object like \(TakeCritique.schema)"], "\(nonsense.notes)")
        // Its two replies were paid for: the run and the ledger count them with the take.
        let take = try #require(nonsense.summary?.outputs["video:S01-03#1"]?.cost)
        let spent = try #require(nonsense.summary?.spent.first { $0.currency == take.currency })
        #expect(spent.currency == take.currency && spent.micros > take.micros, "the critic's replies are spent too: \(spent) for a \(take) take")
        let ledger = try await w.production.repository.spent()
        #expect(ledger.first { $0.currency == take.currency }.map { $0.micros >= spent.micros } == true, "\(ledger)")
        // The review says what is missing; generating again asks again for the missing ones.
        let review = try await w.studio.review(w.production, shots: ["S01-02"], directory: w.dir.file("review"))
        #expect(try String(contentsOf: review.html, encoding: .utf8).contains("no critique (the critic did not answer"))
        w.critic.transcript([#"{"subject": 8, "prompt": 8, "artifacts": 8}"#])
        let later = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(later.added.isEmpty && later.critiques["S01-02#1"]?.total == 24, "\(later.critiques) \(later.notes)")
        try await w.close()
    }

    /// `critic: sim`: the simulator critiques too, so the loop can be tried without a key.
    @Test func theSimulatorIsACriticToo() async throws {
        let w = try await World(yaml: "provider: sim\ncritic: sim\n")
        let result = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02", "S01-03"], takes: 2))
        #expect(result.summary?.succeeded == true && result.notes.isEmpty, "\(result.notes)")
        #expect(result.critiques.count == 4 && w.sim.counters.critiques == 4)
        #expect(result.critiques.values.allSatisfy { $0.critic == "sim/sim-critic" && (15...30).contains($0.total) })
        #expect(w.critic.requests("POST", "chat/completions").isEmpty)
        try await w.close()
    }

    /// The critic's notes on a take become the director's with one call: notes on the take,
    /// by the critic, carried by the next take's prompt as the provider receives it; taken
    /// twice, nothing is added twice; a take the critic never saw, or found nothing in, says so.
    @Test func theCriticsNotesBecomeTheNextTakesInstructions() async throws {
        let w = try await World()
        w.critic.transcript([#"{"subject": 6, "prompt": 7, "artifacts": 9, "notes": ["her coat is green, not red", "the train is missing"]}"#])
        _ = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        let added = try await w.studio.notesFromCritic(w.production, shot: "S01-02", take: 1)
        #expect(added.map(\.text) == ["her coat is green, not red", "the train is missing"])
        #expect(added.allSatisfy { $0.take == "S01-02#1" && $0.status == "open" && $0.author == "critic openai/gpt-4.1-mini" })
        #expect(try await w.studio.notesFromCritic(w.production, shot: "S01-02", take: 1).isEmpty, "nothing added twice")

        w.critic.transcript([#"{"subject": 9, "prompt": 9, "artifacts": 9, "notes": []}"#])
        let next = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(next.summary?.succeeded == true && next.added.map(\.id) == ["S01-02#2"], "\(String(describing: next.summary?.failures))")
        let prompt = try #require(w.sim.requests.last { $0.method == "POST" && $0.path == "/v1/generations" }?.json?["prompt"]?.stringValue)
        #expect(prompt.contains("Director's notes:") && prompt.contains("her coat is green, not red") && prompt.contains("the train is missing"),
                "\(prompt)")

        let nothing = await #expect(throws: ReelError.self) { try await w.studio.notesFromCritic(w.production, shot: "S01-02", take: 2) }
        #expect(nothing?.message.hasPrefix("the critic found nothing to change in S01-02#2") == true, "\(String(describing: nothing))")
        let unseen = await #expect(throws: ReelError.self) { try await w.studio.notesFromCritic(w.production, shot: "S01-02", take: 9) }
        #expect(unseen?.message == "shot S01-02 has no take 9")
        try await w.close()
    }

    /// A take that fails its quality check is not worth a paid look: its critique waits for
    /// the check and asks nothing; the review says why it has none.
    @Test func aTakeThatFailsItsCheckIsNotShownToTheCritic() async throws {
        let w = try await World(yaml: "provider: sim\ncritic: sim\n")
        w.sim.scriptNext(.brokenClip(.black), on: .create)
        let result = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 2))
        #expect(result.summary?.succeeded == true && result.notes.isEmpty, "\(String(describing: result.summary?.failures)) \(result.notes)")
        let failed = try #require(result.verdicts.first { !$0.value.passed }?.key)
        #expect(result.verdicts.count == 2 && result.critiques.count == 1 && result.critiques[failed] == nil, "\(result.critiques)")
        #expect(w.sim.counters.critiques == 1, "the critic was asked about the good take only")
        let critique = try #require(result.graph[FilmGraphBuilder.critiqueNode(failed)])
        #expect(critique.inputs.contains(FilmGraphBuilder.checkNode(failed)), "it waits for the check")
        let review = try await w.studio.review(w.production, shots: ["S01-02"], directory: w.dir.file("review"))
        #expect(try String(contentsOf: review.html, encoding: .utf8).contains("not shown to the critic: it failed its quality check"))
        try await w.close()
    }

    /// The critic hears what the take was asked for, notes included; a real person's take goes
    /// to it only with consent covering its provider; a critic without a price is said.
    @Test func theCriticHearsTheNotesSeesNoOneWithoutConsentAndIsPriced() async throws {
        let w = try await World(yaml: "provider: sim\ncritic: openai/gpt-4.1-nano\n")
        for _ in 0..<4 { w.critic.transcript([#"{"subject": 8, "prompt": 8, "artifacts": 8}"#]) }
        let first = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(first.notes.contains { $0.hasPrefix("the critic openai/gpt-4.1-nano has no price in the model catalog") }, "\(first.notes)")
        _ = try await w.studio.note(w.production, NoteRequest(shot: "S01-02", take: 1, at: 0.5, text: "her scarf should be red"))
        let noted = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 2))
        // Take 1 does not carry the note, so two new takes do; each critique asks with the note.
        #expect(Set(noted.critiques.keys.map(\.rawValue)) == ["S01-02#2", "S01-02#3"])
        let question = w.critic.requests("POST", "chat/completions").last?.json?["messages"]?.arrayValue?.last?["content"]?
            .arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(question.contains("Director's notes: at 0.5 s") && question.contains("her scarf should be red"), "\(question)")

        // MAYA is a real person whose consent covers the video model, not the critic's provider.
        let face = try w.dir.write("maya.png", FixtureMedia.png(7))
        _ = try await w.studio.addToCast(w.production, CastAddition(name: "MAYA", images: [face], realPerson: true))
        let evidence = try w.dir.write("consent.pdf", "%PDF-1.4 signed by Maya Chen\n")
        _ = try await w.studio.grantConsent(w.production, ConsentGrant(name: "maya", by: "Maya Chen", evidence: evidence, providers: ["sim"]))
        let asked = w.critic.requests("POST", "chat/completions").count
        let withMaya = try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 3))
        // Her reference makes a new version of the shot: three new takes, none shown to the critic.
        #expect(withMaya.summary?.succeeded == true && withMaya.added.count == 3, "\(String(describing: withMaya.summary?.failures))")
        #expect(withMaya.critiques.isEmpty && !withMaya.graph.nodes.contains { $0.spec.kind == .critique })
        #expect(w.critic.requests("POST", "chat/completions").count == asked, "her likeness went to no critic")
        try await w.close()
    }

    @Test func aCriticThatCannotBeUsedIsSaidBeforeAnythingIsPaid() async throws {
        let w = try await World(yaml: "provider: sim\ncritic: nosuch/model\n")
        let error = await #expect(throws: ReelError.self) {
            try await w.studio.generate(w.production, GenerateRequest(shots: ["S01-02"], takes: 1))
        }
        #expect(error?.message.hasPrefix("the critic: 'nosuch' is not a language model") == true, "\(String(describing: error))")
        #expect(error?.location == "reel.yaml critic")
        #expect(w.sim.counters.createRequests == 0)
        try await w.close()
    }
}
