import Foundation
import Hummingbird
import HummingbirdTesting
import ReelEngine
import ReelMedia
import ReelModel
import ReelServer
import ReelSimulator
import ReelStore
import ReelStudio
import ReelTesting
import Testing

/// True when Python can drive Chromium over DevTools (websocket-client; bootstrap --test installs it).
let canDriveChromium = PythonOracle.has("websocket")

/// Debian's Chromium, when it is installed.
let chromiumPath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The web studio in a real browser: Debian's Chromium, headless, against the application
/// listening on loopback. It must run the modules, call the API and draw the grid and the
/// shot page. Without Chromium the tests are skipped, and say so.
@Suite(.enabled(if: chromiumPath != nil, "Chromium is not installed (scripts/bootstrap --test installs it)"))
struct BrowserTests {
    /// A browser check of scripts/ (driven over DevTools).
    static func script(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/\(name)")
    }

    /// Runs browser check `name` against the studio listening on `port` (its base URL, then
    /// `arguments`): the one JSON line it prints of what the page showed.
    static func check(_ name: String, port: Int?, _ arguments: [String]) async throws -> [String: JSONValue] {
        let result = try await LocalProcessRunner().run(script(name).path, ["http://127.0.0.1:\(try #require(port))"] + arguments)
        try #require(result.status == 0, "\(name): \(result.stderrTail(5))")
        return try JSONDecoder().decode([String: JSONValue].self, from: Data(result.stdoutText.utf8))
    }

    static var chromium: String? { chromiumPath }

    /// The page's DOM once its scripts have run.
    /// The page's DOM once its scripts have run. The live view is off (`live=0`): an open
    /// event stream is a fetch that never ends, and headless Chromium waits for those.
    static func dom(_ url: String) async throws -> String {
        let parts = url.split(separator: "#", maxSplits: 1).map(String.init)
        let query = parts[0].contains("?") ? "&live=0" : "?live=0"
        let page = parts[0] + query + (parts.count > 1 ? "#\(parts[1])" : "")
        let result = try await LocalProcessRunner().run(try #require(chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=10000",
            "--dump-dom", String(page)])
        try #require(result.status == 0, "\(result.stderrTail(3))")
        return result.stdoutText
    }

    @Test func theGridAndTheShotPageAreDrawnFromTheAPI() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 1))
        _ = try await f.studio.pick(production, shot: "S01-01", number: 1)
        production.close()
        try await buildApplication(f.configuration).test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let projects = try await Self.dom("\(base)/")
            #expect(projects.contains(##"href="#/p/two-rooms""##) && projects.contains("Two Rooms"))

            let grid = try await Self.dom("\(base)/#/p/two-rooms")
            #expect(grid.contains(#"data-ready="true""#), "the scripts ran to the end")
            let cards = grid.components(separatedBy: #"data-shot=""#).count - 1
            let reading = try f.production()
            let board = try await f.studio.plan(reading, save: false)
            reading.close()
            #expect(cards == board.shots.count, "a card per shot")
            #expect(grid.contains(#"class="card state-picked""#) && grid.contains("/media/"), "the picked take's clip on its card")
            #expect(grid.contains("MAYA: You came back."))

            let shot = try await Self.dom("\(base)/#/p/two-rooms/s/S01-01")
            #expect(shot.contains("A remote model gets") && shot.contains(#"data-take="S01-01#1""#))
            #expect(shot.contains(">Picked<"), "the pick is shown")
            #expect(!shot.contains("class=\"problem\""), "no error on the page")
        }
    }

    /// Two people on one shot: a pick made by one (through the API) appears on the other's
    /// page without a reload — the live view's event re-renders it. Driven over DevTools by
    /// scripts/live-view-check, which marks the document first to tell a reload apart.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aSecondBrowserSeesAPickWithoutReloading() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 2))
        _ = try await f.studio.pick(production, shot: "S01-01", number: 1)
        production.close()
        var configuration = f.configuration
        configuration.watchInterval = .milliseconds(50)
        try await buildApplication(configuration).test(.live) { client in
            let seen = try await Self.check("live-view-check", port: client.port, ["two-rooms", "S01-01", "2"])
            #expect(seen["before"] == "S01-01#1")
            #expect(seen["after"] == "S01-01#2", "the other page shows the new pick: \(seen)")
            #expect(seen["reloaded"] == false, "without a reload")
        }
    }

    /// A new project from the projects page, as a person makes it: the template tab, a blank
    /// filled, submit — and the new project's storyboard is on the screen. Driven over
    /// DevTools by scripts/new-project-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aNewProjectFromATemplateOpensOnItsStoryboard() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("new-project-check", port: client.port, ["trailer", "title", "Night Shift"])
            #expect(seen["hash"] == "#/p/Night-Shift" && seen["title"] == "Night Shift")
            #expect((seen["cards"]?.intValue ?? 0) > 3, "the storyboard's cards are drawn: \(seen)")
        }
        #expect(FileManager.default.fileExists(atPath: f.projects.appendingPathComponent("Night-Shift/reel.yaml").path))
    }

    /// A note withdrawn on the shot's page, as a person withdraws it: the Withdraw link,
    /// then the note struck out and marked withdrawn, its link gone — and the project agrees.
    /// Driven over DevTools by scripts/withdraw-note-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aNoteWithdrawnOnTheShotPageIsStruckOut() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.note(production, NoteRequest(shot: "S01-01", text: "slower push in"))
        production.close()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("withdraw-note-check", port: client.port, ["two-rooms", "S01-01", "1"])
            #expect(seen["before"] == "open" && seen["after"] == "withdrawn" && seen["badge"] == "withdrawn", "\(seen)")
            #expect(seen["links"] == 0, "a withdrawn note has no Withdraw link")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(try await f.studio.notes(reopened, shot: "S01-01").map(\.status) == ["withdrawn"])
    }

    /// The critic's notes taken as the shot's on its page: the link under a take's critique,
    /// and the project's notes (on that take, by the critic) are the ones the page then lists.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func theCriticsNotesAreTakenOnTheShotsPage() async throws {
        let sim = try await SimulatedProviderServer.start(config: .instant)
        let f = try ServerFixture(simulated: sim, settings: "\ncritic: sim\n")
        defer { f.remove() }
        let production = try f.production()
        let made = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 1))
        #expect(made.critiques.count == 1, "\(made.notes)")
        production.close()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("critic-notes-check", port: client.port, ["two-rooms", "S01-01"])
            #expect(seen["before"] == 0 && seen["after"] == 1, "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        let notes = try await f.studio.notes(reopened, shot: "S01-01")
        #expect(notes.map(\.take) == ["S01-01#1"] && notes.allSatisfy { $0.author == "critic sim/sim-critic" && $0.status == "open" }, "\(notes)")
        try await sim.stop()
    }

    /// The shot's graph on its page: a take made from the cast's reference, a keyframe made
    /// from it, a take started on that keyframe and picked — each edge is one the
    /// takes recorded, and the pick goes into the cut. Driven over DevTools by scripts/graph-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func theShotsGraphShowsWhatEachTakeWasMadeFrom() async throws {
        let sim = try await SimulatedProviderServer.start(config: .instant)
        let f = try ServerFixture(simulated: sim)
        defer { f.remove() }
        let production = try f.production()
        let face = try f.dir.write("maya.png", FixtureMedia.png(3))
        _ = try await f.studio.addToCast(production, CastAddition(name: "MAYA", images: [face]))
        let shot = try #require(try await f.studio.plan(production, save: false).shots.first { $0.subjects.contains("char:maya") })
        _ = try await f.studio.editShot(production, id: shot.id, change: ShotChange(mode: "image"))
        _ = try await f.studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        _ = try await f.studio.keyframes(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1, provider: "sim"))
        _ = try await f.studio.pick(production, shot: shot.id, number: 1, kind: .keyframe)
        _ = try await f.studio.generate(production, GenerateRequest(shots: [shot.id.rawValue], takes: 1))
        _ = try await f.studio.pick(production, shot: shot.id, number: 2)
        production.close()
        let reference = "input:MAYA's reference:\(try Hashing.sha256(fileAt: face).digest.rawValue).png"
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("graph-check", port: client.port, ["two-rooms", shot.id.rawValue])
            let edges = Set(seen["edges"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            #expect(edges == ["\(reference) → take:\(shot.id)#1", "\(reference) → keyframe:\(shot.id)#k1",
                              "keyframe:\(shot.id)#k1 → take:\(shot.id)#2", "take:\(shot.id)#2 → cut"], "\(seen)")
            #expect(seen["shown"]?.intValue == 4, "every edge has a length on screen")
        }
        try await sim.stop()
    }

    /// A pick taken back on the shot's page, as a person does: Unpick beside the picked take,
    /// and the project agrees (the cut chooses again). Driven over DevTools by scripts/unpick-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aPickIsTakenBackOnTheShotsPage() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 2))
        _ = try await f.studio.pick(production, shot: "S01-01", number: 1)
        production.close()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("unpick-check", port: client.port, ["two-rooms", "S01-01"])
            #expect(seen["before"] == "S01-01#1" && seen["links"] == 1 && seen["after"] == 0 && seen["pickable"] == 2, "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(try await reopened.repository.picks().isEmpty)
    }

    /// A shot's sounds chosen on its page, as a person chooses them: a sound ticked and saved,
    /// then heard over the shot — and the project agrees. Driven over DevTools by scripts/sounds-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aShotsSoundIsTickedOnItsPage() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("sounds-check", port: client.port, ["two-rooms", "S01-01", "footsteps"])
            #expect(seen["before"] == "" && seen["ticked"] == ["footsteps"] && seen["after"] == "footsteps" && seen["edited"] == true,
                    "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(try await f.studio.shot(reopened, id: "S01-01").shotSounds == [.footsteps])
    }

    /// Two takes compared on the shot's page, as a person compares them: ticked, opened over
    /// the page, scrubbed and stepped together, wiped A/B, and the second picked with its key —
    /// and the project agrees. Driven over DevTools by scripts/compare-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func twoTakesAreComparedScrubbedTogetherAndOneIsPickedByItsKey() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-02"], takes: 3))
        production.close()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("compare-check", port: client.port, ["two-rooms", "S01-02"])
            // The takes are listed newest first; the two ticked are the oldest, in that order.
            #expect(seen["boxes"] == ["S01-02#3", "S01-02#2", "S01-02#1"] && seen["shown"] == ["S01-02#2", "S01-02#1"], "\(seen)")
            let middle = seen["middle"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            let stepped = seen["stepped"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            #expect(middle.count == 2 && middle.allSatisfy { $0 > 0.3 } && abs(middle[0] - middle[1]) < 0.001, "together: \(middle)")
            #expect(stepped.count == 2 && abs(stepped[0] - middle[0] - 1.0 / 24) < 0.002 && abs(stepped[0] - stepped[1]) < 0.001,
                    "one frame on, both: \(stepped)")
            #expect(seen["wipe"]?["on"] == true && seen["wipe"]?["clip"]?.stringValue == "inset(0px 0px 0px 50%)", "\(String(describing: seen["wipe"]))")
            #expect(seen["problems"] == ["0", "0"] && seen["closed"] == true && seen["picked"] == ["S01-02#1"], "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(try await reopened.repository.picks()["S01-02"] == "S01-02#1")
    }

    /// A voice cast on the cast page, as a person casts it: a voice and a pitch, then the first
    /// line heard in the player — and the project agrees. Driven over DevTools by
    /// scripts/cast-voice-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aVoiceCastOnTheCastPageIsHeardAndKept() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("cast-voice-check", port: client.port, ["two-rooms", "MAYA", "espeak:f5", "4"])
            #expect(seen["after"]?.stringValue?.hasSuffix("+f5") == true && seen["before"] != seen["after"], "\(seen)")
            #expect(seen["badge"] == "cast" && seen["pitch"] == "4", "\(seen)")
            #expect(seen["audio"]?.stringValue?.hasSuffix(".wav") == true, "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        let maya = try #require(try await f.studio.cast(reopened).first { $0.name == "MAYA" })
        #expect(maya.voice?.chosen == ["espeak": "f5"] && maya.voice?.pitch == 4)
    }

    /// The film's song set on the cast page, as a person sets it: title, style and lyrics, then
    /// where it plays and who plays it shown (offline, an instrumental that says so) — and the
    /// project agrees until it is removed there too. Driven over DevTools by scripts/song-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aSongIsSetOnTheCastPageAndRemoved() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("song-check", port: client.port, ["two-rooms", "Kettle Song"])
            #expect(seen["before"]?.stringValue?.hasPrefix("No song yet") == true, "\(seen)")
            #expect(seen["after"]?.stringValue?.contains("“Kettle Song” over the end") == true
                    && seen["after"]?.stringValue?.contains("an instrumental by Reel's offline score") == true, "\(seen)")
            #expect(seen["sung"] == "false" && seen["warnings"] == 1, "\(seen)")
            #expect(seen["lyrics"] == "[Verse]\nThe kettle sings at nine\n[Chorus]\nYou came back", "\(seen)")
            #expect(seen["removed"]?.stringValue?.hasPrefix("No song yet") == true, "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(reopened.config.song == nil)
        let lyrics = try #require(reopened.workspace.projectDirectory).appendingPathComponent("song/lyrics.txt")
        #expect(try String(contentsOf: lyrics, encoding: .utf8) == "[Verse]\nThe kettle sings at nine\n[Chorus]\nYou came back\n",
                "the words the page sent are the project's")
    }

    /// A scene's music made on the cast page, as a person makes it: asked for in words and a
    /// mood, two takes made with the button (priced first: free offline), heard on the page,
    /// the second picked — and the project agrees. Driven over DevTools by scripts/music-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aScenesMusicIsMadeAndPickedOnTheCastPage() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("music-check", port: client.port, ["two-rooms"])
            #expect(seen["asked"] == ["not made", "not made"], "\(seen)")
            #expect(seen["button"] == "Make 2 takes (free, on this machine)", "\(seen)")
            #expect(seen["made"] == ["made", "made"] && seen["players"] == 2, "\(seen)")
            #expect(seen["picked"] == "2" && seen["mood"]?.stringValue?.hasPrefix("sad") == true, "\(seen)")
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(reopened.config.sceneMusic["1"] == SceneMusic(prompt: "lonely cello, slow", mood: .sad, takes: 2, pick: 2))
    }

    @Test func theStudioSpeaksChinese() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let grid = try await Self.dom("http://127.0.0.1:\(try #require(client.port))/?lang=zh#/p/two-rooms")
            #expect(grid.contains(#"lang="zh-Hans""#) && grid.contains("未生成") && grid.contains("个镜头"))
        }
    }

    /// Takes generated from the storyboard, as a person makes them: the estimate on the
    /// button, a click, the run panel following the run through the live view (no reload)
    /// to its end, the cards then ready — on the simulated provider, which is asked for
    /// exactly the takes the estimate named (a critic's strips and critiques are no takes).
    /// Driven over DevTools by scripts/generate-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func takesGeneratedFromTheBoardAreFollowedToTheirEnd() async throws {
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 0.2...0.4, concurrency: 2, seed: 11))
        let f = try ServerFixture(simulated: sim, settings: "\ncritic: sim\n")
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("generate-check", port: client.port, ["two-rooms"])
            let reading = try f.reading()
            defer { reading.close() }
            let shots = try await f.studio.boardView(reading).rows.flatMap(\.cards).count
            #expect(seen["button"]?.stringValue?.hasPrefix("Generate \(shots) takes · ~$") == true, "\(seen)")
            #expect(seen["state"] == "finished", "\(seen)")
            #expect(seen["states"]?.arrayValue?.isEmpty == false, "the panel was followed without a reload: \(seen)")
            #expect(seen["ready"]?.intValue == Int64(shots), "every card is ready: \(seen)")
            #expect(seen["after"] == "Every shot has its takes", "\(seen)")
            #expect(sim.counters.createdJobs == shots, "the provider was asked for the takes the estimate named, once each")
        }
        try await sim.stop()
    }

    /// A studio with accounts asks a person to sign in: the form, a wrong password said as
    /// such, then the storyboard with who is signed in. Driven by scripts/signin-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aPersonSignsInToAStudioWithAccounts() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let password = try #require(try Accounts.open(projects: f.projects, create: true, cost: 4)).add("林晓", role: .editor)
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("signin-check", port: client.port, ["two-rooms", "林晓", password])
            #expect(seen["form"] == true, "the storyboard waits for sign-in: \(seen)")
            #expect(seen["wrong"]?.stringValue?.contains("the name or the password is wrong") == true, "\(seen)")
            #expect(seen["who"]?.stringValue?.hasPrefix("林晓 · editor") == true, "\(seen)")
            #expect((seen["cards"]?.intValue ?? 0) > 0, "\(seen)")
        }
    }

    /// A reference image chosen in a cast member's drop zone, as a person adds it: the card
    /// then shows it, and the project has it. Driven by scripts/reference-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aReferenceImageChosenOnTheCastPageIsAdded() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let image = try f.dir.write("maya.png", try FixtureMedia.png(2))
        let maya = try await { () async throws -> CastMember in
            let reading = try f.reading()
            defer { reading.close() }
            return try #require(try await f.studio.cast(reading).first { $0.name == "MAYA" })
        }()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("reference-check", port: client.port, ["two-rooms", maya.id, image.path])
            #expect(seen["before"] == 0 && seen["after"] == 1, "\(seen)")
            #expect(seen["src"]?.stringValue?.hasSuffix(".png") == true, "\(seen)")
        }
        let reading = try f.reading()
        defer { reading.close() }
        #expect(try await f.studio.cast(reading).first { $0.name == "MAYA" }?.references.count == 1)
    }

    /// A subject's reference sheet asked for on the cast page: the picture a one-image model
    /// gets, two references side by side. Driven by scripts/sheet-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func theReferenceSheetIsShownOnTheCastPage() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let images = try (3...4).map { try f.dir.write("maya-\($0).png", try FixtureMedia.png($0)) }
        let maya = try await { () async throws -> CastMember in
            let production = try Production.open(try Project.find(f.project), lockFor: "cast")
            defer { production.close() }
            return try await f.studio.addToCast(production, CastAddition(name: "MAYA", images: images))
        }()
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("sheet-check", port: client.port, ["two-rooms", maya.id] + (ProcessInfo.processInfo.environment["REEL_SHEET_SCREENSHOT"].map { [$0] } ?? []))
            #expect(seen["width"] == 1024 && seen["height"] == 512, "\(seen)")
            #expect(seen["note"]?.stringValue?.contains("2 references on one picture") == true, "\(seen)")
        }
    }

    /// A real person's consent recorded on the cast page with its evidence, then revoked, as
    /// an owner does; the ledger agrees. Driven by scripts/consent-check.
    @Test(.enabled(if: canDriveChromium, "websocket-client is not installed (scripts/bootstrap --test installs it)"))
    func aConsentIsRecordedAndRevokedOnTheCastPage() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        let maya = try await f.studio.addToCast(production, CastAddition(name: "MAYA", realPerson: true))
        production.close()
        let evidence = try f.dir.write("consent.pdf", Data("%PDF-1.4 signed".utf8))
        try await buildApplication(f.configuration).test(.live) { client in
            let seen = try await Self.check("consent-check", port: client.port, ["two-rooms", maya.id, evidence.path])
            #expect(seen["before"]?.stringValue?.hasPrefix("no consent recorded") == true, "\(seen)")
            #expect(seen["granted"] == "in force for kling", "\(seen)")
            #expect(seen["revoked"]?.stringValue?.hasPrefix("revoked on ") == true, "\(seen)")
        }
        let reading = try f.reading()
        defer { reading.close() }
        let ledger = try await f.studio.consents(reading)
        #expect(ledger.map(\.action) == [.grant, .revoke])
        #expect(ledger.first?.by == "her mother" && ledger.last?.reason == "asked to stop", "the fields as typed, spaces and all")
    }
}
