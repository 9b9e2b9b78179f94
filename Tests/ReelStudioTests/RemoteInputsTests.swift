import Foundation
import ReelEngine
import ReelMedia
import ReelModel
import ReelProviders
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// What leaves the machine for a remote model: never the animatic's drawn panel. Until a
/// shot has a keyframe or reference images of its own, a remote take is made from the
/// prompt alone, and the plan says so. Checked on the bytes a loopback Kling receives.
@Suite(.serialized) struct RemoteInputsTests {
    /// PNG's signature, and the same bytes base64-encoded as the APIs carry images.
    static let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    static let pngBase64 = "iVBORw0KGgo"

    /// A project on `provider: kling` (720p vertical, a size Kling makes) against a loopback
    /// Kling that records what it receives.
    struct KlingProject {
        let dir = TemporaryDirectory()
        let kling: FakeTaskServer
        let production: Production
        let studio: Studio

        /// `settings`: lines added to its reel.yaml; `environment`: variables added to the studio's.
        init(settings: String = "", environment added: [String: String] = [:]) async throws {
            let dialect = KlingFakeServer()
            kling = try await FakeTaskServer.start(dialect)
            let script = try dir.write("two-rooms.fountain", ProjectWorkflowTests.script)
            let project = try Project.create(at: dir.file("film"), script: script,
                                             format: VideoFormat(aspect: .vertical, size: .p720, frameRate: .fps24))
            let yaml = project.directory.appendingPathComponent("reel.yaml")
            let extra = settings
            let settings = try String(contentsOf: yaml, encoding: .utf8)
                .replacingOccurrences(of: "provider: animatic", with: "provider: kling")
            try #require(settings.contains("provider: kling"))
            try (settings + extra).write(to: yaml, atomically: true, encoding: .utf8)
            production = try Production.open(try Project.find(project.directory), lockFor: "test")
            var env = ProcessInfo.processInfo.environment
            env["REEL_CONFIG_DIR"] = dir.file("config").path
            env["REEL_POLL_INTERVAL"] = "0.01"
            env["KLING_ACCESS_KEY"] = dialect.accessKey
            env["KLING_SECRET_KEY"] = dialect.secretKey
            env["REEL_KLING_BASE_URL"] = kling.baseURL.absoluteString
            env.merge(added) { $1 }
            studio = Studio(environment: env, sleeper: RecordingSleeper())
        }

        func close() async throws {
            production.close()
            try await kling.stop()
            dir.remove()
        }
    }

    @Test func theAnimaticPanelNeverReachesARemoteModel() async throws {
        let p = try await KlingProject()
        let (kling, production, studio) = (p.kling, p.production, p.studio)

        let result = try await studio.generate(production, GenerateRequest(takes: 1))
        let summary = try #require(result.summary)
        #expect(summary.succeeded, "\(summary.failures)")
        let creates = kling.requests("POST", "/v1/videos/")
        #expect(creates.count == result.storyboard.shots.count)
        for create in creates {
            // Text-to-video, with no image of any kind in the request.
            #expect(create.path == "/v1/videos/text2video")
            let body = try #require(create.json)
            #expect(body["image"] == nil && body["image_tail"] == nil && body["image_list"] == nil)
            #expect(create.body.range(of: Self.pngSignature) == nil)
            #expect(!String(decoding: create.body, as: UTF8.self).contains(Self.pngBase64))
        }
        // The plan says why the shot goes as text.
        let shot = try #require(result.storyboard.shots.first)
        let setup = try studio.providerSetup(production)
        let builder = try await studio.filmBuilder(production, board: result.storyboard, setup: setup)
        let plan = studio.plan(shot, board: result.storyboard, production: production, setup: setup, requested: nil,
                               builder: builder)
        #expect(plan.provider == "kling", "\(plan.reasons)")
        #expect(plan.reasons.contains { $0.hasPrefix("text-to-video") })
        try await p.close()
    }

    /// A character with reference images: the shots she is in go to Kling's multi-image
    /// endpoint carrying exactly her images' bytes, in order; the others stay text; no
    /// drawn panel anywhere.
    @Test func referenceImagesAreTheBytesTheModelReceives() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let front = try dir.write("maya-front.jpg", FixtureMedia.jpeg(4))
        let side = try dir.write("maya-side.png", FixtureMedia.png(7))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [front, side]))

        let result = try await studio.generate(production, GenerateRequest(takes: 1))
        let summary = try #require(result.summary)
        #expect(summary.succeeded, "\(summary.failures)")
        let board = result.storyboard
        let withMaya = Set(board.shots.filter { $0.subjects.contains("char:maya") }.map(\.id))
        #expect(!withMaya.isEmpty && withMaya.count < board.shots.count)
        let creates = kling.requests("POST", "/v1/videos/")
        #expect(creates.count == board.shots.count)
        let expected = [try Data(contentsOf: front).base64EncodedString(), try Data(contentsOf: side).base64EncodedString()]
        var multi = 0
        for create in creates {
            let body = try #require(create.json)
            #expect(body["image"] == nil && body["image_tail"] == nil)
            if create.path == "/v1/videos/multi-image2video" {
                multi += 1
                let sent = body["image_list"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
                #expect(sent == expected, "her two images, in order, as bare base64")
                #expect(body["model_name"]?.stringValue == "kling-v1-6")
            } else {
                #expect(create.path == "/v1/videos/text2video")
                #expect(create.body.range(of: Self.pngSignature) == nil)
            }
        }
        #expect(multi == withMaya.count, "every shot with Maya went with her references")
        try await p.close()
    }

    /// A prop the user adds is in frame where the action names it — `A kettle hisses on the
    /// stove.` opens the kitchen — and its image is what Kling receives for that shot, empty
    /// shot or not (no one in frame, but the kettle is).
    @Test func aPropsImageGoesWithTheShotsThatNameIt() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let kettle = try dir.write("kettle.png", FixtureMedia.png(6))
        let added = try await studio.addToCast(production, CastAddition(name: "kettle", kind: .prop, images: [kettle]))
        #expect(added.kind == .prop && !added.planned && added.shots == ["S01-01"])
        let opening = try await studio.editShot(production, id: "S01-01", change: ShotChange(empty: true))
        #expect(opening.subjects == ["kettle"] && opening.remoteInput.hasPrefix("references-to-video: 1 reference image of kettle"),
                "\(opening.remoteInput)")
        do {
            _ = try await studio.editShot(production, id: "S01-01", change: ShotChange(subjects: ["MAYA", "kettle"], empty: true))
            Issue.record("an empty shot with someone in frame was accepted")
        } catch let error as ReelError {
            #expect(error.message == "an empty shot has no one in frame, so it cannot have --subjects MAYA")
        }

        let result = try await studio.generate(production, GenerateRequest(shots: ["S01-01", "S01-02"], takes: 1))
        #expect(try #require(result.summary).succeeded)
        let creates = kling.requests("POST", "/v1/videos/")
        #expect(creates.map(\.path).sorted() == ["/v1/videos/multi-image2video", "/v1/videos/text2video"])
        let sent = creates.first { $0.path.hasSuffix("multi-image2video") }?.json?["image_list"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
        #expect(sent == [try Data(contentsOf: kettle).base64EncodedString()], "the kettle's bytes, and only them")
        try await p.close()
    }

    /// More reference images than the model takes (Kling's multi-image endpoint takes four):
    /// each subject goes as one picture, a sheet of its images — each image whole in its own
    /// cell, in order — so the model still sees every one.
    @Test func aModelThatTakesFewerReferencesGetsASheetPerSubject() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let faces = try (1...5).map { try dir.write("maya-\($0).png", FixtureMedia.png($0)) }
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: faces))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        let made = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let create = try #require(kling.requests("POST", "/v1/videos/multi-image2video").first?.json)
        let sent = create["image_list"]?.arrayValue?.compactMap { $0["image"]?.stringValue } ?? []
        try #require(sent.count == 1, "one sheet for her five images")
        let sheet = try dir.write("sheet.png", try #require(Data(base64Encoded: sent[0])))
        let probe = try await MediaProbe(ffprobe: try Toolchain.discover().requireFFprobe()).probe(sheet)
        #expect(probe.width == 1536 && probe.height == 1024, "three cells across, two down")
        let pixels = try await Self.pixels(of: sheet)
        let face = try await Self.pixels(of: faces[0]), last = try await Self.pixels(of: faces[4])
        func pixel(_ data: Data, x: Int, y: Int, width: Int) -> [UInt8] { Array(data[(y * width + x) * 3..<(y * width + x) * 3 + 3]) }
        #expect(pixel(pixels, x: 256, y: 256, width: 1536) == pixel(face, x: 32, y: 56, width: 64), "the first image in the first cell")
        #expect(pixel(pixels, x: 512 + 256, y: 512 + 256, width: 1536) == pixel(last, x: 32, y: 56, width: 64),
                "the fifth in the second row's middle cell")
        #expect(pixel(pixels, x: 1024 + 256, y: 512 + 256, width: 1536) == [0x20, 0x20, 0x20], "the empty cell is the ground")
        try await p.close()
    }

    /// The sheet shown for review (`reel cast sheet`, the cast page) is the very picture a
    /// one-image model gets: made before any run, the same bytes Kling then receives, and
    /// the run's own sheet once there is one. One reference is itself; none is said.
    @Test func theReferenceSheetForReviewIsThePictureTheModelGets() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let faces = try (1...5).map { try dir.write("maya-\($0).png", FixtureMedia.png($0)) }
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: faces))
        let out = dir.file("review/maya sheet.png")
        let before = try await studio.referenceSheet(production, subject: "maya", output: out)
        #expect(before.references == 5 && before.width == 1536 && before.height == 1024 && before.file == out.path, "\(before)")
        #expect(try Data(contentsOf: out) == Data(contentsOf: URL(fileURLWithPath: before.path)))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        let made = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let sent = try #require(kling.requests("POST", "/v1/videos/multi-image2video").first?.json?["image_list"]?.arrayValue?
            .compactMap { $0["image"]?.stringValue }.first.flatMap { Data(base64Encoded: $0) })
        #expect(try Data(contentsOf: out) == sent, "the sheet shown is the bytes the model got")
        let after = try await studio.referenceSheet(production, subject: "MAYA")
        #expect(after.digest == before.digest && after.file == nil)

        let ben = try dir.write("ben.png", FixtureMedia.png(9))
        _ = try await studio.addToCast(production, CastAddition(name: "BEN", images: [ben]))
        let single = try await studio.referenceSheet(production, subject: "BEN")
        let benDigest = Hashing.sha256(try Data(contentsOf: ben)).rawValue
        #expect(single.references == 1 && single.digest == benDigest, "one reference is itself")
        await #expect(throws: ReelError.self) { try await studio.referenceSheet(production, subject: "NOBODY") }
        do {
            _ = try await studio.referenceSheet(production, subject: "KITCHEN")
            Issue.record("a subject without references has no sheet")
        } catch let error as ReelError {
            #expect(error.code == .notFound && error.message.contains("has no reference images") && error.hint?.contains("reel cast add") == true,
                    "\(error)")
        }
        try await p.close()
    }

    /// A note on a frame goes with the shot's next take as a reference where the model has
    /// room: that frame of the noted take, the note's box drawn in red, after the cast's
    /// references — the bytes Kling receives.
    @Test func aNotesFrameWithItsBoxGoesWithTheNextTakeAsAReference() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let face = try dir.write("maya.png", FixtureMedia.png(7))
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [face]))
        let shot: ShotID = "S01-02"
        _ = try await studio.generate(production, GenerateRequest(shots: [shot.rawValue], takes: 1))
        _ = try await studio.note(production, NoteRequest(shot: shot, take: 1, at: 0.5,
                                                          box: NoteBox(x: 0.25, y: 0.25, width: 0.5, height: 0.5),
                                                          text: "her scarf should be red"))
        let next = try await studio.generate(production, GenerateRequest(shots: [shot.rawValue], takes: 1))
        #expect(next.added.map(\.id) == ["S01-02#2"] && next.summary?.succeeded == true, "\(String(describing: next.summary?.failures))")
        let creates = kling.requests("POST", "/v1/videos/multi-image2video").compactMap(\.json)
        #expect(creates.count == 2)
        let first = creates[0]["image_list"]?.arrayValue?.compactMap { $0["image"]?.stringValue } ?? []
        let second = creates[1]["image_list"]?.arrayValue?.compactMap { $0["image"]?.stringValue } ?? []
        let reference = try Data(contentsOf: face).base64EncodedString()
        #expect(first == [reference], "take 1 carried no note")
        #expect(second.count == 2 && second.first == reference, "her reference, then the noted frame")
        #expect(creates[1]["prompt"]?.stringValue?.contains("her scarf should be red") == true)
        // The noted frame: a PNG of the take's size whose box edge is red and whose middle is the picture.
        let frame = dir.file("noted.png")
        try Data(base64Encoded: second.last ?? "")?.write(to: frame)
        let ffmpeg = try Toolchain.discover().requireFFmpeg()
        let probe = try await MediaProbe(ffprobe: Toolchain.discover().requireFFprobe()).probe(frame)
        let (width, height) = (try #require(probe.width), try #require(probe.height))
        func pixel(_ x: Int, _ y: Int) async throws -> [UInt8] {
            let out = try await LocalProcessRunner().run(ffmpeg, ["-v", "error", "-i", frame.path, "-vf", "crop=1:1:\(x):\(y)",
                                                                  "-f", "rawvideo", "-pix_fmt", "rgb24", "-"])
            return [UInt8](out.stdout)
        }
        let edge = try await pixel(width / 4 + 1, height / 2)
        #expect(edge.count == 3 && edge[0] > 200 && edge[1] < 60 && edge[2] < 60, "red on the box's left edge: \(edge)")
        let inside = try await pixel(width / 2, height / 2)
        #expect(inside.count == 3 && !(inside[0] > 200 && inside[1] < 60), "the picture inside the box: \(inside)")
        try await p.close()
    }

    /// A real person's likeness goes to no provider without consent in force for it: not
    /// without a record, not to a provider the consent does not name, not after revocation.
    /// Checked on what the loopback Kling receives.
    @Test func aRealPersonsImagesLeaveOnlyWithConsent() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let face = try dir.write("maya.jpg", FixtureMedia.jpeg(6))
        let faceBase64 = try Data(contentsOf: face).base64EncodedString()
        _ = try await studio.addToCast(production, CastAddition(name: "MAYA", images: [face], realPerson: true))
        let shot = try #require(try await studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })

        func refusal() async -> ReelError? {
            await #expect(throws: ReelError.self) {
                try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
            }
        }
        let none = await refusal()
        #expect(none?.code == .refused)
        #expect(none?.message == "MAYA is a real person and there is no consent on file: \(shot.id) would send their likeness to kling")
        #expect(none?.hint?.hasPrefix("record consent with `reel consent grant \"MAYA\" --by WHO --evidence FILE`") == true)
        // Every shot it stops is named in the one refusal.
        let withMaya = try await studio.plan(production, save: false).shots.filter { $0.subjects.contains("char:maya") }.map(\.id)
        let all = await #expect(throws: ReelError.self) { try await studio.generate(production, GenerateRequest(takes: 1)) }
        if withMaya.count > 1 {
            #expect(all?.message.hasSuffix("; so would \(withMaya.dropFirst().map(\.rawValue).joined(separator: ", "))") == true,
                    "\(String(describing: all?.message))")
            #expect(all?.location == "shots " + withMaya.map(\.rawValue).joined(separator: ", "))
        } else {
            #expect(all?.location == "shot \(shot.id)")
        }
        let dryRun = await #expect(throws: ReelError.self) {
            try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1, dryRun: true))
        }
        #expect(dryRun?.code == .refused, "even an estimate does not pretend the shot can go")

        let evidence = try dir.write("consent-signed.pdf", "%PDF-1.4 signed by Maya Chen\n")
        _ = try await studio.grantConsent(production, ConsentGrant(name: "maya", by: "Maya Chen", evidence: evidence,
                                                                   providers: ["vidu"]))
        let elsewhere = await refusal()
        #expect(elsewhere?.message == "MAYA's consent covers vidu, not kling: \(shot.id) would send their likeness to kling")
        #expect(elsewhere?.hint?.contains("or pin the shot to a provider it covers (vidu)") == true)
        #expect(kling.requests("POST", "/v1/videos/").isEmpty, "nothing was sent while consent was missing")

        _ = try await studio.grantConsent(production, ConsentGrant(name: "maya", by: "Maya Chen", evidence: evidence,
                                                                   providers: ["kling", "vidu"]))
        let made = try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        #expect(made.summary?.succeeded == true)
        let creates = kling.requests("POST", "/v1/videos/")
        #expect(creates.count == 1)
        #expect(creates.first?.json?["image_list"]?.arrayValue?.first?["image"]?.stringValue == faceBase64)
        #expect(try await production.repository.takes(of: shot.id).first?.shows == ["char:maya"], "the take records whose likeness it carried")

        _ = try await studio.revokeConsent(production, name: "MAYA", reason: "she asked")
        // One more take than there is: refused before any new job is created.
        let revoked = await #expect(throws: ReelError.self) {
            try await studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 2))
        }
        #expect(revoked?.message.hasPrefix("MAYA's consent was revoked on ") == true, "\(String(describing: revoked))")
        #expect(revoked?.hint?.contains("pin the shot") == false, "no provider is covered after a revocation")
        #expect(kling.requests("POST", "/v1/videos/").count == 1, "no new job after the revocation")
        // The take says whose likeness it carries and why the cut leaves it out now.
        let report = try #require(try await studio.takes(production, shot: shot.id).first)
        #expect(report.likeness == ["MAYA"])
        #expect(report.withheld?.hasPrefix("MAYA's consent was revoked on ") == true, "\(String(describing: report.withheld))")
        // The take made while consent held is left out of what is cut or exported now.
        let (_, warnings) = try await studio.timeline(production)
        #expect(warnings.contains { $0.hasPrefix("\(shot.id): \(shot.id)#1 is left out: MAYA's consent was revoked on ") }, "\(warnings)")
        let ledger = try await studio.consents(production)
        #expect(ledger.map(\.action) == [.grant, .grant, .revoke])
        #expect(ledger.first?.evidence == (try Hashing.sha256(fileAt: evidence)).digest.rawValue)
        #expect(ledger.last?.reason == "she asked")
        try await p.close()
    }

    /// Continuity: a shot that continues the one before starts on the exact last frame of
    /// that shot's picked take — the pixels Kling receives are those of the take's last frame.
    @Test func aContinuingShotStartsOnTheLastFrameOfThePickedTake() async throws {
        let p = try await KlingProject()
        let (dir, kling, production, studio) = (p.dir, p.kling, p.production, p.studio)
        let refusedEarly = await #expect(throws: ReelError.self) {
            try await studio.editShot(production, id: "S01-03", change: ShotChange(continuesFrom: "S01-02"))
        }
        #expect(refusedEarly?.message == "S01-02 has no picked take for S01-03 to continue from")
        let backwards = await #expect(throws: ReelError.self) {
            try await studio.editShot(production, id: "S01-02", change: ShotChange(continuesFrom: "S01-03"))
        }
        #expect(backwards?.message == "S01-02 can only continue a shot before it, not S01-03")

        _ = try await studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 1))
        _ = try await studio.pick(production, shot: "S01-02", number: 1)
        let edited = try await studio.editShot(production, id: "S01-03", change: ShotChange(continuesFrom: "s01-02"))
        #expect(edited.shot.continuesFrom == "S01-02" && edited.edited == ["continues-from"])
        #expect(edited.remoteInput == "image-to-video: starts on the last frame of S01-02's picked take S01-02#1 (continuity)")

        let made = try await studio.generate(production, GenerateRequest(shots: ["S01-03"], takes: 1))
        #expect(made.summary?.succeeded == true, "\(String(describing: made.summary?.failures))")
        let create = try #require(kling.requests("POST", "/v1/videos/").last)
        #expect(create.path == "/v1/videos/image2video")
        let sent = try #require(create.json?["image"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(sent.prefix(8) == Self.pngSignature)
        let source = try #require(try await studio.takes(production, shot: "S01-02").first?.output)
        let still = try dir.write("sent.png", sent)
        #expect(try await Self.pixels(of: still) == (try await Self.pixels(of: URL(fileURLWithPath: source), lastFrame: true)),
                "exactly the last frame of the picked take")
        try await p.close()
    }

    /// The RGB bytes of a still, or of a video's last frame (or frame `frame`, from 0), decoded by ffmpeg.
    static func pixels(of file: URL, lastFrame: Bool = false, frame: Int64? = nil) async throws -> Data {
        let toolchain = Toolchain.discover()
        var filter = "format=rgb24"
        if let frame {
            filter = "select=eq(n\\,\(frame)),format=rgb24"
        } else if lastFrame {
            let frames = try #require(try await MediaProbe(ffprobe: try toolchain.requireFFprobe()).probe(file).frameCount)
            filter = "select=eq(n\\,\(frames - 1)),format=rgb24"
        }
        let result = try await LocalProcessRunner().run(try toolchain.requireFFmpeg(), [
            "-v", "error", "-i", file.path, "-vf", filter, "-fps_mode", "passthrough", "-frames:v", "1", "-f", "rawvideo", "-"])
        try #require(result.status == 0, "\(result.stderrText)")
        try #require(!result.stdout.isEmpty)
        return result.stdout
    }

    @Test func aShotAskingForAFirstFrameGoesAsTextUntilItHasOne() {
        let shot = Shot(id: "S01-01", scene: "1", purpose: .action, duration: .seconds(2), size: .medium)
        #expect(shot.mode == .imageToVideo)
        let board = Storyboard(title: "t", language: .english, format: .default, scenes: [], shots: [shot], subjects: [])
        #expect(FilmGraphBuilder.remoteMode(for: shot, in: board) == .text)
        #expect(FilmGraphBuilder.remoteModeReason(for: shot, in: board).contains("no keyframe"))
    }
}
