import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelSimulator
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// Keyframes first: cheap stills from an image model (here the simulated provider's
/// `sim-image-1`, over loopback HTTP), one picked, and the shot's remote takes start on
/// exactly that still. Checked on the bytes the video models receive.
@Suite(.serialized) struct KeyframeTests {
    /// The Kling project of RemoteInputsTests with the simulated provider's image model
    /// configured: Kling draws stills too, but only when named or alone, so keyframes come
    /// from the simulator without `keyframes:` in reel.yaml.
    static func klingWithImages() async throws -> (RemoteInputsTests.KlingProject, SimulatedProviderServer, Studio) {
        let p = try await RemoteInputsTests.KlingProject()
        let sim = try await SimulatedProviderServer.start(config: .instant)
        var env = p.studio.environment
        env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
        env["SIM_API_KEY"] = "sim-key"
        return (p, sim, Studio(environment: env, sleeper: RecordingSleeper()))
    }

    /// The two-rooms script as a project on the simulated provider (`provider: sim`, its
    /// image model configured), `settings` added to its reel.yaml; the caller closes the
    /// production and stops the simulator.
    static func simProject(_ dir: TemporaryDirectory, size: VideoFormat.Size, settings: String = "") async throws
        -> (SimulatedProviderServer, Production, Studio) {
        let sim = try await SimulatedProviderServer.start(config: .instant)
        let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
        let project = try Project.create(at: dir.file("film"), script: script,
                                         format: VideoFormat(aspect: .vertical, size: size, frameRate: .fps24))
        let yaml = project.directory.appendingPathComponent("reel.yaml")
        try (String(contentsOf: yaml, encoding: .utf8).replacingOccurrences(of: "provider: animatic", with: "provider: sim") + settings)
            .write(to: yaml, atomically: true, encoding: .utf8)
        let production = try Production.open(try Project.find(project.directory), lockFor: "test")
        var env = ProcessInfo.processInfo.environment
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        env["REEL_POLL_INTERVAL"] = "0.01"
        env["REEL_SIM_BASE_URL"] = sim.baseURL.absoluteString
        env["SIM_API_KEY"] = "sim-key"
        return (sim, production, Studio(environment: env, sleeper: RecordingSleeper()))
    }

    @Test func thePickedKeyframeIsTheImageTheVideoModelReceives() async throws {
        let (p, sim, studio) = try await Self.klingWithImages()
        let (kling, production) = (p.kling, p.production)
        let made = try await studio.keyframes(production, GenerateRequest(shots: ["S01-02"], takes: 2, provider: "sim"))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        #expect(made.added.map(\.id) == ["S01-02#k1", "S01-02#k2"])
        #expect(sim.counters.images == 2)
        let asked = sim.requests.filter { $0.path == "/v1/images" }
        #expect(asked.count == 2)
        for request in asked {
            let body = try #require(request.json)
            #expect(body["width"] == .int(720) && body["height"] == .int(1280), "the film's frame")
            #expect(body["prompt"]?.stringValue?.isEmpty == false)
            #expect(request.body.range(of: RemoteInputsTests.pngSignature) == nil
                    && !String(decoding: request.body, as: UTF8.self).contains(RemoteInputsTests.pngBase64),
                    "a keyframe is made from words alone")
        }
        #expect(try await production.repository.spent() == [Money(micros: 80_000)], "two stills at the simulator's price")
        // Asking again makes nothing new: both are of the current version.
        let again = try await studio.keyframes(production, GenerateRequest(shots: ["S01-02"], takes: 2, provider: "sim"))
        #expect(again.added.isEmpty && sim.counters.images == 2)

        let before = try await studio.shot(production, id: "S01-02")
        #expect(before.keyframes.map(\.take) == ["S01-02#k2", "S01-02#k1"])
        #expect(before.keyframeInput == "sim/sim-image-1, from words alone (the cast has no reference images for it)")
        #expect(before.keyframes.allSatisfy { $0.state == "succeeded" && !$0.picked && $0.current })
        #expect(before.remoteInput.hasPrefix("text-to-video"))
        #expect(try await studio.pick(production, shot: "S01-02", number: 2, kind: .keyframe) == "S01-02#k2")
        let after = try await studio.shot(production, id: "S01-02")
        #expect(after.remoteInput == "image-to-video: starts on its picked keyframe S01-02#k2")
        #expect(after.keyframes.first?.picked == true)
        #expect(after.version != before.version, "a new keyframe makes a new version of the shot")
        #expect(try await production.repository.picks().isEmpty, "picking a keyframe picks no take")

        let takes = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        #expect(takes.summary?.succeeded == true, "\(String(describing: takes.summary?.failures))")
        let create = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(create.path == "/v1/videos/image2video")
        let sent = try #require(create.json?["image"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        let still = try #require(after.keyframes.first?.output)
        #expect(sent == (try Data(contentsOf: URL(fileURLWithPath: still))), "exactly the picked keyframe's bytes")
        #expect(create.json?["image_tail"] == nil)

        // A shot told to go as text sends no keyframe.
        _ = try await studio.editShot(production, id: "S01-02", change: ShotChange(mode: "text"))
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        let text = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(text.path == "/v1/videos/text2video")
        #expect(text.body.range(of: RemoteInputsTests.pngSignature) == nil
                && !String(decoding: text.body, as: UTF8.self).contains(RemoteInputsTests.pngBase64))
        try await sim.stop()
        try await p.close()
    }

    /// Where a keyframe would not be sent, it is not made, not picked, and not part of the
    /// shot's version: a text shot refuses both; a continuing image shot starts on the
    /// continued take, so a keyframe picked there changes nothing a model receives.
    @Test func aKeyframeIsNeitherMadeNorCountedWhereTheShotCannotUseIt() async throws {
        let (p, sim, studio) = try await Self.klingWithImages()
        let production = p.production
        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        _ = try await studio.pick(production, shot: "S01-02", number: 1)
        _ = try await studio.editShot(production, id: "S01-03", change: ShotChange(continuesFrom: "S01-02"))
        _ = try await studio.keyframes(production, GenerateRequest(shots: ["S01-03"], takes: 1))
        let before = try await studio.shot(production, id: "S01-03")
        _ = try await studio.pick(production, shot: "S01-03", number: 1, kind: .keyframe)
        let after = try await studio.shot(production, id: "S01-03")
        #expect(after.version == before.version, "the keyframe is not sent, so the takes made are still current")
        #expect(after.remoteInput.hasPrefix("image-to-video: starts on the last frame of S01-02's picked take"))

        _ = try await studio.editShot(production, id: "S01-03", change: ShotChange(mode: "text"))
        let made = sim.counters.images
        let refused = await #expect(throws: ReelError.self) {
            try await studio.keyframes(production, GenerateRequest(shots: ["S01-03"], takes: 2))
        }
        #expect(refused?.message == "S01-03 goes to models as text: its takes would not start on a keyframe")
        #expect(refused?.hint == "set the mode first: `reel shot S01-03 --mode image` (or first-last)")
        #expect(sim.counters.images == made, "nothing was paid for")
        let all = try await studio.keyframes(production, GenerateRequest(takes: 1, dryRun: true))
        #expect(!all.graph.nodes.contains { $0.shot == "S01-03" } && all.notes.first?.contains("S01-03") == true)
        let pick = await #expect(throws: ReelError.self) {
            try await studio.pick(production, shot: "S01-03", number: 1, kind: .keyframe)
        }
        #expect(pick?.message == "S01-03 goes to models as text: its takes would not start on a keyframe")
        try await sim.stop()
        try await p.close()
    }

    /// A keyframe is made from the cast's reference images where the image model takes them
    /// (the simulator's takes four): the bytes it receives, in order. A real person's references
    /// pass the consent gate like a video take's, and the keyframe then carries her likeness:
    /// the video take that starts on it needs consent for its own provider too.
    @Test func aKeyframeIsMadeFromTheCastsReferencesAndCarriesTheirLikeness() async throws {
        let (p, sim, studio) = try await Self.klingWithImages()
        let (dir, kling, production) = (p.dir, p.kling, p.production)
        let front = try dir.write("maya-front.jpg", FixtureMedia.jpeg(4))
        let side = try dir.write("maya-side.png", FixtureMedia.png(7))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [front, side], realPerson: true))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        if !FilmGraphBuilder.takesKeyframes(shot) {
            _ = try await studio.editShot(production, id: shot.id, change: ShotChange(mode: "image"))
        }
        let ask = GenerateRequest(shots: [shot.id.rawValue], takes: 1, provider: "sim")

        let refused = await #expect(throws: ReelError.self) { try await studio.keyframes(production, ask) }
        #expect(refused?.code == .refused)
        #expect(refused?.message == "MAYA is a real person and there is no consent on file: \(shot.id) would send their likeness to sim")
        #expect(sim.counters.images == 0, "nothing was sent or paid while consent was missing")

        let evidence = try dir.write("consent-signed.pdf", "%PDF-1.4 signed by Maya Chen\n")
        _ = try await studio.grantConsent(production, ConsentGrant(name: "maya", by: "Maya Chen", evidence: evidence,
                                                                   providers: ["sim"]))
        let made = try await studio.keyframes(production, ask)
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let body = try #require(sim.requests.last { $0.path == "/v1/images" }?.json)
        let sent = body["references"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(sent == ["data:image/jpeg;base64," + (try Data(contentsOf: front)).base64EncodedString(),
                         "data:image/png;base64," + (try Data(contentsOf: side)).base64EncodedString()],
                "her two images, in the order she was given them")
        #expect(made.notes.contains("made from the cast's reference images: \(shot.id) (2 of MAYA)"), "\(made.notes)")
        let keyframe = try #require(made.added.first)
        #expect(keyframe.shows == ["char:maya"], "the still shows her likeness")
        let (frontDigest, sideDigest) = (try Hashing.sha256(fileAt: front).digest, try Hashing.sha256(fileAt: side).digest)
        #expect(keyframe.inputs == [TakeInput(role: .reference, subject: "char:maya", references: [frontDigest]),
                                    TakeInput(role: .reference, subject: "char:maya", references: [sideDigest])],
                "the still records the two images it was made from")

        // A new reference image is a new version of the shot's keyframes: the one made is no longer current.
        let before = try await studio.shot(production, id: shot.id)
        #expect(before.keyframes.first?.current == true)
        #expect(before.keyframeInput == "sim/sim-image-1, from 2 reference images (2 of MAYA)")
        _ = try await studio.pick(production, shot: shot.id, number: 1, kind: .keyframe)
        // Kling is not covered: the take that would start on her keyframe is refused before it is sent.
        let video = await #expect(throws: ReelError.self) {
            try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        }
        #expect(video?.message == "MAYA's consent covers sim, not kling: \(shot.id) would send their likeness to kling")
        #expect(kling.requests("POST", "/v1/videos/").isEmpty)
        _ = try await studio.grantConsent(production, ConsentGrant(name: "maya", by: "Maya Chen", evidence: evidence,
                                                                   providers: ["sim", "kling"]))
        let take = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(take.summary?.succeeded == true, "\(String(describing: take.summary?.failures))")
        let create = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(create.path == "/v1/videos/image2video")
        let still = try #require(try await studio.shot(production, id: shot.id).keyframes.first?.output)
        #expect(create.json?["image"]?.stringValue == (try Data(contentsOf: URL(fileURLWithPath: still))).base64EncodedString())
        #expect(try await production.repository.takes(of: shot.id).first?.shows == ["char:maya"])
        // The take records the still it started on; its report names it and gives its file.
        let fromStill = try #require(try await studio.takes(production, shot: shot.id).first)
        #expect(fromStill.inputs?.map(\.text) == ["keyframe \(shot.id)#k1"])
        #expect(fromStill.inputs?.first?.files == [still] && fromStill.inputs?.first?.role == .firstFrame)

        let third = try dir.write("maya-third.png", FixtureMedia.png(9))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [front, side, third], realPerson: true))
        let after = try await studio.shot(production, id: shot.id)
        #expect(after.keyframes.first?.current == false, "made from two of her three references")
        // A picked still of her old look is not sent: the next take goes with her references.
        #expect(after.remoteInput.hasSuffix("its picked keyframe \(shot.id)#k1 is not sent: it was made before the shot or its "
                                            + "cast's references changed (make new ones: `reel keyframes --shots \(shot.id)`)"),
                "\(after.remoteInput)")
        _ = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 2))
        #expect(kling.requests("POST", "/v1/videos/").last?.path == "/v1/videos/multi-image2video")
        // Each take still says what it was made from: the first the old still, the new one her three images.
        let reports = try await studio.takes(production, shot: shot.id)
        #expect(reports.map { $0.inputs?.map(\.text) ?? [] }
                == [Array(repeating: "MAYA's reference", count: 3), Array(repeating: "MAYA's reference", count: 3), ["keyframe \(shot.id)#k1"]],
                "\(reports.map(\.inputs))")
        #expect(reports.first?.inputs?.flatMap(\.media).count == 3)
        // The review shows them as thumbnails, each made once, beside the words.
        let review = try await studio.review(production, shots: [shot.id.rawValue], directory: dir.file("review"), check: false)
        let html = try String(contentsOf: review.html, encoding: .utf8)
        #expect(html.contains("<figcaption>keyframe \(shot.id)#k1</figcaption>"))
        #expect(html.components(separatedBy: "s reference</figcaption>").count - 1 == 3 + 3 + 2, "her three on each new take, two on the still")
        let thumbnails = review.sheet.rows.flatMap(\.cards).flatMap(\.inputs).flatMap(\.thumbnails)
        #expect(thumbnails.count == 7 && Set(thumbnails).count == 4,
                "the still and her three images, each made once for the page (her two on the keyframe card too): \(thumbnails)")
        for name in Set(review.sheet.rows.flatMap { $0.cards + $0.keyframes }.flatMap(\.inputs).flatMap(\.thumbnails)) {
            #expect(FileManager.default.fileExists(atPath: dir.file("review").appendingPathComponent(name).path), "\(name)")
        }
        try await sim.stop()
        try await p.close()
    }

    /// A keyframe made from someone's images before they were marked a real person recorded
    /// no likeness; the video take that would start on it is gated all the same.
    @Test func aKeyframeOfSomeoneMarkedARealPersonLaterIsGated() async throws {
        let (p, sim, studio) = try await Self.klingWithImages()
        let (dir, kling, production) = (p.dir, p.kling, p.production)
        let face = try dir.write("maya.png", FixtureMedia.png(7))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [face]))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        if !FilmGraphBuilder.takesKeyframes(shot) {
            _ = try await studio.editShot(production, id: shot.id, change: ShotChange(mode: "image"))
        }
        let made = try await studio.keyframes(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1, provider: "sim"))
        #expect(made.added.first?.shows == [], "no one was a real person then")
        _ = try await studio.pick(production, shot: shot.id, number: 1, kind: .keyframe)
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [face], realPerson: true))
        #expect(try await studio.shot(production, id: shot.id).remoteInput.hasPrefix("image-to-video: starts on its picked keyframe"))
        let refused = await #expect(throws: ReelError.self) {
            try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        }
        #expect(refused?.message == "MAYA is a real person and there is no consent on file: \(shot.id) would send their likeness to kling")
        #expect(kling.requests("POST", "/v1/videos/").isEmpty)
        try await sim.stop()
        try await p.close()
    }

    @Test func keyframesNeedAnImageModelAndPicksNeedAFinishedKeyframe() async throws {
        // A project on the animatic, with no provider's keys at all.
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let bare = try RemoteProductionTests().production(dir, yaml: "provider: animatic\n")
        defer { bare.close() }
        let shot = try #require(try await Studio().plan(bare, save: false).shots.first { $0.id == "S01-02" })
        if !FilmGraphBuilder.takesKeyframes(shot) { _ = try await Studio().editShot(bare, id: "S01-02", change: ShotChange(mode: "image")) }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasSuffix("_API_KEY") && !$0.key.hasPrefix("KLING_") }
        env["REEL_CONFIG_DIR"] = dir.file("config").path
        let missing = await #expect(throws: ReelError.self) {
            try await Studio(environment: env).keyframes(bare, GenerateRequest(shots: ["S01-02"]))
        }
        #expect(missing?.code == .configuration)
        #expect(missing?.message == "no image model is configured, so there is nothing to make keyframes with")
        let p = try await RemoteInputsTests.KlingProject()
        let unknown = await #expect(throws: ReelError.self) {
            try await p.studio.keyframes(p.production, GenerateRequest(shots: ["S01-02"], provider: "midjourney"))
        }
        #expect(unknown?.message == "no image model called midjourney is configured")
        let none = await #expect(throws: ReelError.self) {
            try await p.studio.pick(p.production, shot: "S01-02", number: 1, kind: .keyframe)
        }
        #expect(none?.message == "shot S01-02 has no keyframe 1")
        #expect(none?.hint == "make one with `reel keyframes --shots S01-02`")
        #expect(try await p.production.repository.takes(of: nil, kind: .keyframe).isEmpty)
        try await p.close()
    }

    /// First-last: a shot that continues another starts on the last frame of its picked take
    /// and ends on its own picked keyframe; the simulated provider receives both, in their roles.
    @Test func aContinuingFirstLastShotEndsOnItsKeyframe() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (sim, production, studio) = try await Self.simProject(dir, size: .p720)
        defer { production.close() }

        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        _ = try await studio.pick(production, shot: "S01-02", number: 1)
        _ = try await studio.editShot(production, id: "S01-03", change: ShotChange(mode: "first-last", continuesFrom: "S01-02"))
        let made = try await studio.keyframes(production, GenerateRequest(shots: ["S01-03"], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let halfway = try await studio.shot(production, id: "S01-03")
        #expect(halfway.remoteInput.hasPrefix("image-to-video: starts on the last frame of S01-02's picked take S01-02#1 (continuity)"))
        _ = try await studio.pick(production, shot: "S01-03", number: 1, kind: .keyframe)
        let report = try await studio.shot(production, id: "S01-03")
        #expect(report.remoteInput == "first-last-frame: starts on the last frame of S01-02's picked take S01-02#1 (continuity) "
                + "and ends on its picked keyframe S01-03#k1")

        let takes = try await studio.generate(production, GenerateRequest(shots: ["S01-03"], takes: 1))
        #expect(takes.summary?.succeeded == true, "\(String(describing: takes.summary?.failures))")
        let create = try #require(sim.requests.last { $0.path == "/v1/generations" && $0.method == "POST" })
        func image(_ field: String) throws -> Data {
            let uri = try #require(create.json?[field]?.stringValue)
            #expect(uri.hasPrefix("data:image/png;base64,"))
            return try #require(Data(base64Encoded: String(uri.dropFirst("data:image/png;base64,".count))))
        }
        let keyframe = try #require(report.keyframes.first?.output)
        #expect(try image("last_frame") == (try Data(contentsOf: URL(fileURLWithPath: keyframe))))
        let source = try #require(try await studio.takes(production, shot: "S01-02").first)
        let first = try dir.write("first.png", try image("first_frame"))
        // The last frame the cut shows: a take longer than its shot is cut at the shot's end.
        let shown = source.fit == .trim ? try #require(try await studio.plan(production, save: false).shot("S01-02")).duration : nil
        let cut = shown.map { FrameRate.fps24.frames(in: $0) - 1 }
        #expect(try await RemoteInputsTests.pixels(of: first)
                == (try await RemoteInputsTests.pixels(of: URL(fileURLWithPath: try #require(source.output)), lastFrame: true, frame: cut)),
                "the frame the cut ends S01-02 on (fit \(String(describing: source.fit)))")
        // The simulated clip is drawn from its first frame: its opening pixels are the still's
        // colours (filled to the frame), not the simulator's gradient.
        let clip = try #require(try await studio.takes(production, shot: "S01-03").first?.output)
        let (opening, still) = (try await RemoteInputsTests.pixels(of: URL(fileURLWithPath: clip)),
                                try await RemoteInputsTests.pixels(of: first))
        try #require(opening.count == 720 * 1280 * 3 && still.count == opening.count)
        let top = 720 * 600 * 3  // above the caption along the bottom
        let difference = zip(opening.prefix(top), still.prefix(top)).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / top
        #expect(difference < 8, "mean difference \(difference) per channel: the clip should open on its first frame")
        try await sim.stop()
    }
}
