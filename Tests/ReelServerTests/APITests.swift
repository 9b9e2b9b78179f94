import Foundation
import Hummingbird
import HummingbirdTesting
import ReelEngine
import ReelModel
import ReelServer
import ReelStore
import ReelStudio
import ReelTesting
import Testing

/// The HTTP API through Hummingbird's test client, on the application `reel serve` runs:
/// each route, and the ways a request can be wrong — every one a problem answer that says
/// what and what to do.
@Suite struct APITests {
    static func json(_ response: TestResponse) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    static let jsonType: HTTPFields = [.contentType: "application/json"]

    @Test func projectsBoardAndShotAreTheUseCasesAnswers() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/projects", method: .get) { response in
                #expect(response.status == .ok)
                let projects = try Self.json(response)
                let first = projects.arrayValue?.first
                #expect(first?["id"] == "two-rooms" && first?["title"] == "Two Rooms")
                #expect(first?["shots"]?.intValue ?? 0 >= 2)
            }
            let board = try await client.execute(uri: "/api/projects/two-rooms/board", method: .get) { try Self.json($0) }
            let cards = try #require(board["rows"]?.arrayValue?.first?["cards"]?.arrayValue)
            #expect(board["aspect"] == "9:16" && board["title"] == "Two Rooms")
            #expect(cards.allSatisfy { $0["state"] == "no-take" && $0["version"]?.stringValue?.count == 16 })
            #expect(cards.contains { $0["line"] == "MAYA: You came back." })
            let id = try #require(cards.first?["id"]?.stringValue)
            try await client.execute(uri: "/api/projects/two-rooms/shots/\(id.lowercased())", method: .get) { response in
                #expect(response.status == .ok)
                let shot = try Self.json(response)
                #expect(shot["shot"]?["id"]?.stringValue == id && shot["version"] == cards.first?["version"])
                #expect(shot["remoteInput"]?.stringValue?.hasPrefix("text-to-video") == true)
            }
        }
    }

    /// A served folder that is a series says so: its episodes (the projects served), its
    /// bible's cast, and no path of the server's disk.
    @Test func aSeriesFolderAnswersWhatItsEpisodesShare() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/series", method: .get) { response in
                #expect(response.status == .notFound && String(buffer: response.body).contains("is not a series"))
            }
        }
        try f.dir.write("films/series.yaml", "title: \"两个房间\"\nlanguage: zh\nstyle: \"胶片颗粒\"\n")
        let episode = try Production.open(try Project.find(f.project), lockFor: "cast")
        _ = try await f.studio.addToCast(episode, CastAddition(name: "MAYA", description: "short hair, red scarf"))
        episode.close()
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/series", method: .get) { response in
                #expect(response.status == .ok)
                let series = try Self.json(response)
                #expect(series["title"] == "两个房间" && series["language"] == "zh" && series["look"] == "胶片颗粒")
                #expect(series["directory"] == "films" && series["episodes"]?.arrayValue?.map { $0["name"] } == ["two-rooms"])
                #expect(series["episodes"]?.arrayValue?.first?["directory"] == "two-rooms")
                #expect(series["cast"]?.arrayValue?.first?["description"] == "short hair, red scarf")
                #expect(!String(buffer: response.body).contains(f.dir.url.path), "no server path")
            }
            // The episode's cast is the bible's.
            try await client.execute(uri: "/api/projects/two-rooms/cast", method: .get) { response in
                #expect(String(buffer: response.body).contains("red scarf"))
            }
        }
    }

    /// A method a path does not answer is a 405 naming the ones it does (RFC 9110's `Allow`);
    /// a path nothing answers is a 404. Both are problems.
    @Test func aMethodAPathDoesNotAnswerIs405WithAllow() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            for (method, uri, allow) in [(HTTPRequest.Method.trace, "/api/projects", "GET, HEAD, POST"),
                                         (.delete, "/api/projects/two-rooms/board", "GET, HEAD"),
                                         (.put, "/api/projects/two-rooms/shots/S01-01/notes", "GET, HEAD, POST"),
                                         (.post, "/web/app.js", "GET, HEAD")] {
                try await client.execute(uri: uri, method: method) { response in
                    #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(response.headers[.allow] == allow, "\(method) \(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/api/projects", method: .head) { response in
                #expect(response.status == .ok, "HEAD is answered wherever GET is")
            }
            try await client.execute(uri: "/api/nothing/here", method: .get) { response in
                #expect(response.status == .notFound && response.headers[.allow] == nil)
            }
        }
    }

    /// `reel voices` and `reel cast voice` over HTTP: the same answers, the same refusals as problems.
    @Test func aVoiceIsCastAndListedAsTheCommandLineDoes() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let shelves = try await client.execute(uri: "/api/projects/two-rooms/voices?lang=zh", method: .get) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            let espeak = try #require(shelves.arrayValue?.first)
            #expect(espeak["provider"] == "espeak" && espeak["speaksThisProject"] == .bool(true))
            #expect(shelves.arrayValue?.contains { $0["provider"] == "minimax" && $0["speaksThisProject"] == .bool(false) } == true)
            let uri = "/api/projects/two-rooms/cast/MAYA/voice"
            let cast = try await client.execute(uri: uri, method: .patch, headers: Self.jsonType,
                                                body: Self.body(#"{"voice": "espeak:f3", "pace": -2}"#)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            #expect(cast["voice"]?["chosen"]?["espeak"] == "f3" && cast["voice"]?["pace"] == .int(-2))
            #expect(cast["voice"]?["heard"]?.stringValue?.hasSuffix("+f3") == true)
            let listed = try await client.execute(uri: "/api/projects/two-rooms/cast", method: .get) { try Self.json($0) }
            #expect(listed.arrayValue?.first { $0["name"] == "MAYA" }?["voice"]?["cast"] == .bool(true))
            for (path, body, status, says) in [
                (uri, #"{"voice": "espeak:f9"}"#, HTTPResponse.Status.notFound, "has no voice called f9"),
                (uri, #"{"pitch": 40}"#, .badRequest, "out of range"),
                (uri, #"{"gender": "robot"}"#, .badRequest, "female or male"),
                ("/api/projects/two-rooms/cast/KITCHEN/voice", "{}", .badRequest, "only characters have voices"),
            ] {
                try await client.execute(uri: path, method: .patch, headers: Self.jsonType, body: Self.body(body)) { response in
                    #expect(response.status == status, "\(body)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(String(buffer: response.body).contains(says), "\(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/api/projects/two-rooms/voices?provider=kling", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    /// `PUT …/song` sets what `reel song` sets; `GET` shows it, `DELETE` removes it; bad songs are problems with nothing changed.
    @Test func aSongIsSetShownAndRemovedAsTheCommandDoesIt() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let uri = "/api/projects/two-rooms/song"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound && String(buffer: response.body).contains("has no song"))
            }
            let set = try await client.execute(uri: uri, method: .put, headers: Self.jsonType,
                                               body: Self.body(#"{"title": "末班车", "lyrics": "[Verse]\n雨落在旧站台", "style": "国风流行, 女声", "at": "opening"}"#)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            #expect(set["title"] == "末班车" && set["at"] == "opening" && set["sung"] == .bool(false) && set["lyrics"] == "[Verse]\n雨落在旧站台")
            #expect(set["warnings"]?.arrayValue?.count == 1)
            let shown = try await client.execute(uri: uri, method: .get) { try Self.json($0) }
            #expect(shown == set)
            for (body, status, says) in [
                (#"{"title": "X", "lyrics": ""}"#, HTTPResponse.Status.badRequest, "the song has no words"),
                (#"{"title": "X", "lyrics": "la", "at": "middle"}"#, .badRequest, "at is end or opening"),
                (#"{"title": "X", "lyrics": "la", "provider": "kling"}"#, .conflict, "not a singing provider"),
                (#"{"lyrics": "la"}"#, .badRequest, "title"),
            ] {
                try await client.execute(uri: uri, method: .put, headers: Self.jsonType, body: Self.body(body)) { response in
                    #expect(response.status == status, "\(body)")
                    #expect(String(buffer: response.body).contains(says), "\(String(buffer: response.body))")
                }
            }
            #expect(try await client.execute(uri: uri, method: .get) { try Self.json($0) } == set, "a refused song changes nothing")
            try await client.execute(uri: uri, method: .delete) { #expect($0.status == .noContent) }
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func aScenesMusicIsAskedMadeAsARunAndPickedAsTheCommandDoesIt() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let base = "/api/projects/two-rooms/music"
            let listed = try await client.execute(uri: base, method: .get) { try Self.json($0) }
            #expect(listed["scenes"]?.arrayValue?.count == 1 && listed["scenes"]?.arrayValue?.first?["takes"]?.arrayValue?.first?["state"] == "not made")
            let asked = try await client.execute(uri: "\(base)/S01", method: .patch, headers: Self.jsonType,
                                                 body: Self.body(#"{"prompt": "孤独的大提琴", "mood": "sad", "takes": 2}"#)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            #expect(asked["scene"] == "1" && asked["mood"] == "sad" && asked["prompt"] == "孤独的大提琴" && asked["ownPrompt"] == .bool(true))
            #expect(asked["takes"]?.arrayValue?.map { $0["state"] } == ["not made", "not made"])
            let yaml = try String(contentsOf: f.project.appendingPathComponent(ProjectConfig.fileName), encoding: .utf8)
            #expect(yaml.contains(#""1": { prompt: "孤独的大提琴", mood: sad, takes: 2 }"#))

            let estimate = try await client.execute(uri: "\(base)/1/estimate", method: .post) { try Self.json($0) }
            #expect(estimate["jobs"]?.arrayValue?.filter { $0["forecast"] == "run" && $0["provider"] == "procedural" }.count == 2)
            let started = try await client.execute(uri: "\(base)/1/takes", method: .post, headers: Self.jsonType, body: Self.body("{}")) { response in
                #expect(response.status == .accepted)
                return try Self.json(response)
            }
            #expect(started["command"] == "music")
            let panel = try await client.execute(uri: "/api/projects/two-rooms/run?wait=1", method: .get) { try Self.json($0) }
            #expect(panel["run"]?["state"] == "finished" && panel["run"]?["progress"]?["failures"] == [])
            let made = try await client.execute(uri: base, method: .get) { try Self.json($0) }
            let takes = try #require(made["scenes"]?.arrayValue?.first?["takes"]?.arrayValue)
            #expect(takes.map { $0["state"] } == ["made", "made"] && takes.map { $0["picked"] } == [.bool(true), .bool(false)])
            // The take is heard from the media store by its name.
            let media = try #require(takes[1]["media"]?.stringValue)
            try await client.execute(uri: "/api/projects/two-rooms/media/\(media)", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "audio/wav" && response.body.readableBytes > 1000)
            }
            let picked = try await client.execute(uri: "\(base)/1", method: .patch, headers: Self.jsonType, body: Self.body(#"{"pick": 2}"#)) {
                try Self.json($0)
            }
            #expect(picked["pick"] == 2 && picked["takes"]?.arrayValue?.map { $0["picked"] } == [.bool(false), .bool(true)])
            for (uri, body, status, says) in [
                ("\(base)/1", #"{"pick": 3}"#, HTTPResponse.Status.badRequest, "no take 3"),
                ("\(base)/1", #"{"mood": "angry"}"#, .badRequest, "not a mood"),
                ("\(base)/1", #"{"provider": "kling"}"#, .conflict, "not a music provider"),
                ("\(base)/1", #"{"takes": "two"}"#, .badRequest, "takes"),
                ("\(base)/9", #"{"takes": 2}"#, .badRequest, "no scene 9"),
            ] {
                try await client.execute(uri: uri, method: .patch, headers: Self.jsonType, body: Self.body(body)) { response in
                    #expect(response.status == status, "\(body)")
                    #expect(String(buffer: response.body).contains(says), "\(String(buffer: response.body))")
                }
            }
            #expect(try await client.execute(uri: "\(base)/1", method: .patch, headers: Self.jsonType, body: Self.body("{}")) { try Self.json($0) }
                    == picked, "refusals change nothing")
        }
    }

    @Test func anEditNeedsTheVersionItWasMadeOnAndBadBodiesSayWhere() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let uri = "/api/projects/two-rooms/shots/S01-01"
            let before = try await client.execute(uri: uri, method: .get) { try Self.json($0) }
            let version = try #require(before["version"]?.stringValue)
            var headers = Self.jsonType
            headers[.ifMatch] = "\"\(version)\""
            let edited = try await client.execute(uri: uri, method: .patch, headers: headers,
                                                  body: Self.body(#"{"size": "CU", "duration": 3.5}"#)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            #expect(edited["shot"]?["size"] == "CU" && edited["edited"]?.arrayValue?.count == 2)
            #expect(edited["version"]?.stringValue != version)
            // A second editor still holding the old version is refused, and nothing changes.
            try await client.execute(uri: uri, method: .patch, headers: headers, body: Self.body(#"{"size": "WS"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try Self.json(response)
                #expect(problem["detail"]?.stringValue?.hasPrefix("S01-01 changed since you loaded it") == true)
                #expect(problem["hint"] == "reload the shot, then make your change again" && problem["status"] == 409)
            }
            let after = try await client.execute(uri: uri, method: .get) { try Self.json($0) }
            #expect(after["shot"]?["size"] == "CU")

            let cases: [(String, HTTPFields, HTTPResponse.Status, String)] = [
                ("{size: CU", Self.jsonType, .badRequest, "the body is not JSON"),
                (#"{"duration": "long"}"#, Self.jsonType, .badRequest, "duration: expected Double"),
                (#"{"size": "XXL"}"#, Self.jsonType, .badRequest, "\"XXL\" is not a shot size"),
                (#"{"size": "CU"}"#, [.contentType: "text/plain"], .unsupportedMediaType, "the body must be application/json"),
                (String(repeating: " ", count: 3_000_000), Self.jsonType, .contentTooLarge, "the body is larger than the 2 MB"),
            ]
            for (body, headers, status, detail) in cases {
                try await client.execute(uri: uri, method: .patch, headers: headers, body: Self.body(body)) { response in
                    #expect(response.status == status, "\(body.prefix(20))")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(body.prefix(20))")
                    let problem = try Self.json(response)
                    #expect(problem["detail"]?.stringValue?.contains(detail) == true, "\(String(describing: problem["detail"]))")
                }
            }
        }
    }

    @Test func unknownThingsAreNotFoundAndNoNameReachesOutsideTheStore() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let notFound = [
                "/api/projects/nope/board", "/api/projects/two-rooms/shots/S99-01", "/api/projects/two-rooms/shots/..%2Freel.yaml",
                "/api/projects/two-rooms/media/..%2F..%2Freel.yaml", "/api/projects/two-rooms/media/reel.yaml",
                "/api/projects/two-rooms/media/\(String(repeating: "a", count: 64)).png", "/api/projects/..%2Ftwo-rooms/board",
                "/web/..%2F..%2FPackage.swift", "/web/nothing.js", "/no/such/route",
            ]
            for uri in notFound {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json", "\(uri)")
                }
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick", method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"take": 1, "keyframe": 1}"#)) { response in
                let problem = try Self.json(response)
                #expect(response.status == .badRequest && problem["detail"] == "give either take or keyframe, a number")
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick", method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"keyframe": 1}"#)) { response in
                #expect(response.status == .notFound)
                let problem = try Self.json(response)
                #expect(problem["detail"] == "shot S01-01 has no keyframe 1" && problem["hint"] == "make one with `reel keyframes --shots S01-01`")
            }
        }
    }

    /// A take made from the command line is on the board, its file is served byte for byte,
    /// and a pick made over HTTP is the one the command line sees.
    @Test func takesAndPicksAreTheProjectsOwn() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 2))
        production.close()
        try await buildApplication(f.configuration).test(.router) { client in
            let shot = try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01", method: .get) { try Self.json($0) }
            let takes = try #require(shot["takes"]?.arrayValue)
            #expect(takes.count == 2)
            let media = try #require(takes.first?["media"]?.stringValue)
            let path = try #require(takes.first?["output"]?.stringValue)
            let file = try Data(contentsOf: URL(fileURLWithPath: path))
            try await client.execute(uri: "/api/projects/two-rooms/media/\(media)", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "video/mp4")
                #expect(Data(response.body.readableBytesView) == file)
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick", method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"take": 1}"#)) { response in
                let shot = try Self.json(response)
                #expect(response.status == .ok)
                #expect(shot["takes"]?.arrayValue?.first { $0["number"] == 1 }?["picked"] == true)
            }
            let board = try await client.execute(uri: "/api/projects/two-rooms/board", method: .get) { try Self.json($0) }
            let card = try #require(board["rows"]?.arrayValue?.first?["cards"]?.arrayValue?.first)
            #expect(card["state"] == "picked" && card["picked"] == "S01-01#1" && card["clip"]?.stringValue?.hasSuffix(".mp4") == true)
            // Taken back and picked again; a kind that is neither is a 400 that says what is.
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick?kind=keyframe", method: .delete) { response in
                let shot = try Self.json(response)
                #expect(response.status == .ok && shot["takes"]?.arrayValue?.contains { $0["picked"] == true } == true,
                        "no keyframe was picked: the take's pick stays")
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick", method: .delete) { response in
                let shot = try Self.json(response)
                #expect(response.status == .ok && shot["takes"]?.arrayValue?.allSatisfy { $0["picked"] == false } == true)
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick?kind=take", method: .delete) { response in
                let problem = try Self.json(response)
                #expect(response.status == .badRequest && problem["detail"] == "kind is video or keyframe, not take")
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S09-09/pick", method: .delete) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/pick", method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"take": 1}"#)) { #expect($0.status == .ok) }
        }
        let reopened = try f.production()
        defer { reopened.close() }
        #expect(try await reopened.repository.picks() == ["S01-01": "S01-01#1"])
    }

    /// A note made in the browser is the shot's note everywhere: listed over HTTP, open, and
    /// carried by the take the command line makes next; a box outside the frame is a 400 that
    /// says where.
    @Test func aNoteOnAFrameIsMadeOverHTTPAndCarriedByTheNextTake() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 1))
        production.close()
        let uri = "/api/projects/two-rooms/shots/S01-01/notes"
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"take": 1, "at": 0.5, "box": {"x": 0.6, "y": 0.7, "width": 0.3, "height": 0.2}, "text": "更亮一些"}"#)) { response in
                let note = try Self.json(response)
                #expect(response.status == .created)
                #expect(note["take"] == "S01-01#1" && note["status"] == "open" && note["text"] == "更亮一些")
                #expect(note["instruction"] == "at 0.5 s, lower right of the frame: 更亮一些")
            }
            try await client.execute(uri: uri, method: .post, headers: Self.jsonType,
                                     body: Self.body(#"{"take": 1, "box": {"x": 0.9, "y": 0, "width": 0.5, "height": 1}, "text": "x"}"#)) { response in
                let problem = try Self.json(response)
                #expect(response.status == .badRequest)
                #expect(problem["detail"]?.stringValue?.contains("box") == true, "\(problem)")
            }
            try await client.execute(uri: uri, method: .post, headers: Self.jsonType, body: Self.body(#"{"take": 4, "text": "x"}"#)) { response in
                let problem = try Self.json(response)
                #expect(response.status == .notFound && problem["detail"] == "shot S01-01 has no take 4")
            }
            // The animatic's take was never shown to a critic: nothing to take from it.
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/critic-notes", method: .post, headers: Self.jsonType, body: Self.body(#"{"take": 1}"#)) { response in
                let problem = try Self.json(response)
                #expect(response.status == .badRequest && problem["detail"] == "the critic has not looked at S01-01#1", "\(problem)")
            }
            try await client.execute(uri: "/api/projects/two-rooms/shots/S01-01/critic-notes", method: .post, headers: Self.jsonType, body: Self.body(#"{"take": 4}"#)) { response in
                #expect(response.status == .notFound)
            }
            let notes = try await client.execute(uri: uri, method: .get) { try Self.json($0) }
            #expect(notes.arrayValue?.count == 1)
            try await client.execute(uri: "/api/projects/two-rooms/shots/S09-09/notes", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        let reopened = try f.production()
        defer { reopened.close() }
        let next = try await f.studio.generate(reopened, GenerateRequest(shots: ["S01-01"], takes: 1))
        #expect(next.added.first?.notes == [1], "the next take carries the browser's note")
    }

    /// A note withdrawn in the browser stays in the list, marked withdrawn; withdrawing it
    /// again changes nothing; an unknown note is a 404 that names the open ones; the next
    /// take carries only the notes that stand.
    @Test func aWithdrawnNoteIsKeptAndNoLaterTakeCarriesIt() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 1))
        production.close()
        let uri = "/api/projects/two-rooms/shots/S01-01/notes"
        try await buildApplication(f.configuration).test(.router) { client in
            for text in ["brighter", "slower"] {
                try await client.execute(uri: uri, method: .post, headers: Self.jsonType, body: Self.body(#"{"text": "\#(text)"}"#)) {
                    #expect($0.status == .created)
                }
            }
            let withdrawnAt = try await client.execute(uri: "\(uri)/1", method: .delete) { response in
                let note = try Self.json(response)
                #expect(response.status == .ok)
                #expect(note["id"] == 1 && note["status"] == "withdrawn" && note["text"] == "brighter")
                return try #require(note["withdrawnAt"]?.stringValue)
            }
            try await client.execute(uri: "\(uri)/1", method: .delete) { response in
                let note = try Self.json(response)
                #expect(response.status == .ok)
                #expect(note["withdrawnAt"]?.stringValue == withdrawnAt, "withdrawing again changes nothing")
            }
            try await client.execute(uri: "\(uri)/9", method: .delete) { response in
                let problem = try Self.json(response)
                #expect(response.status == .notFound && problem["detail"] == "shot S01-01 has no note 9")
                #expect(problem["hint"]?.stringValue?.contains("its open notes are 2") == true, "\(problem)")
            }
            try await client.execute(uri: "\(uri)/first", method: .delete) { #expect($0.status == .notFound) }
            let notes = try await client.execute(uri: uri, method: .get) { try Self.json($0) }
            #expect(notes.arrayValue?.map { $0["status"] } == ["withdrawn", "open"])
        }
        let reopened = try f.production()
        defer { reopened.close() }
        let next = try await f.studio.generate(reopened, GenerateRequest(shots: ["S01-01"], takes: 1))
        #expect(next.added.first?.notes == [2], "the next take carries only the note that stands")
    }

    /// The live view: the first event is the project's change token; a change made anywhere
    /// else (here: a pick through the use case, as the command line makes it) ends a wait
    /// from that token with a `changed` event carrying a new one. An unknown project is a 404.
    @Test func aChangeMadeElsewhereIsAnEvent() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.generate(production, GenerateRequest(shots: ["S01-01"], takes: 2))
        production.close()
        var configuration = f.configuration
        configuration.watchInterval = .milliseconds(10)
        try await buildApplication(configuration).test(.router) { client in
            let hello = try await client.execute(uri: "/api/projects/two-rooms/events?once=1", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
                return String(buffer: response.body)
            }
            #expect(hello.hasPrefix("id: ") && hello.contains("\nevent: hello\n"), "\(hello)")
            let token = try #require(hello.split(separator: "\n").first?.dropFirst(4))
            // Nothing changed: asking from the current token again would wait; a pick ends the wait.
            let pick = try f.production()
            _ = try await f.studio.pick(pick, shot: "S01-01", number: 2)
            pick.close()
            let changed = try await client.execute(uri: "/api/projects/two-rooms/events?once=1&since=\(token)", method: .get) { response in
                String(buffer: response.body)
            }
            #expect(changed.contains("\nevent: changed\n") && !changed.hasPrefix("id: \(token)\n"), "\(changed)")
            try await client.execute(uri: "/api/projects/nowhere/events?once=1", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// Every route the router answers is in the OpenAPI document, and every path there is routed.
    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            #expect(document["openapi"] == "3.1.0")
            let paths = try #require(document["paths"]?.objectValue)
            let described = Set(paths.flatMap { path, item in (item.objectValue ?? [:]).keys.map { "\($0.uppercased()) \(path)" } })
            #expect(described == Set(ServerRoutes.api), "the document and the routes differ")
            for route in ServerRoutes.api {
                let parts = route.split(separator: " ")
                let uri = parts[1].replacingOccurrences(of: "{project}", with: "two-rooms")
                    .replacingOccurrences(of: "{shot}", with: "S01-01").replacingOccurrences(of: "{name}", with: "x.png")
                    .replacingOccurrences(of: "{note}", with: "1").replacingOccurrences(of: "{subject}", with: "MAYA")
                    + (route.hasSuffix("/events") ? "?once=1" : "")
                try await client.execute(uri: uri, method: HTTPRequest.Method(String(parts[0]))!, headers: Self.jsonType,
                                         body: Self.body("{}")) { response in
                    // A routed 404 names what is missing (no such file, no such note).
                    let missing = uri.contains("/media/") || uri.contains("/downloads/") || String(buffer: response.body).contains("has no note 1")
                        || String(buffer: response.body).contains("is not a series") || String(buffer: response.body).contains("has no reference images")
                        || String(buffer: response.body).contains("has no song")
                    #expect(response.status != .notFound || missing, "\(route) is routed")
                    #expect(response.status.code < 500, "\(route)")
                }
            }
            // The run the POST above started ends before the project's folder is removed.
            try await client.execute(uri: "/api/projects/two-rooms/run?wait=1", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func theStudioIsServedFromTheBinary() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: response.body).contains(#"<script type="module" src="/web/app.js"></script>"#))
            }
            for file in ["app.js", "api.js", "i18n.js", "projects.js", "board.js", "shot.js", "notes.js", "cast.js", "run.js", "compare.js", "style.css"] {
                try await client.execute(uri: "/web/\(file)", method: .get) { response in
                    #expect(response.status == .ok && response.body.readableBytes > 100, "\(file)")
                }
            }
            // A page's address typed as a path opens that page.
            for (typed, page) in [("/projects/rain", "/#/p/rain"), ("/p/rain/s/S01-02", "/#/p/rain/s/S01-02"),
                                  ("/projects/%E9%9B%A8/cast", "/#/p/%E9%9B%A8/cast")] {
                try await client.execute(uri: typed, method: .get) { response in
                    #expect(response.status == .found && response.headers[.location] == page, "\(typed)")
                }
            }
        }
    }

    /// Takes made from the browser: the estimate first, then a run the server goes on with
    /// (202 at once), one at a time per project, its panel with progress and the report —
    /// the same use case as `reel generate`, so the takes are the project's like any others.
    @Test func aRunIsEstimatedStartedAndFollowedToItsReport() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let base = "/api/projects/two-rooms"
            let estimate = try await client.execute(uri: "\(base)/estimate", method: .post, headers: Self.jsonType,
                                                    body: Self.body(#"{"shots": ["S01-01"], "takes": 2}"#)) { response in
                #expect(response.status == .ok)
                return try Self.json(response)
            }
            let jobs = try #require(estimate["jobs"]?.arrayValue)
            #expect(jobs.filter { $0["provider"] == "animatic" && $0["forecast"] == "run" && $0["node"]?.stringValue?.hasPrefix("take S01-01#") == true }.count == 2)
            for (body, said) in [(#"{"takes": 99}"#, "takes must be from 1 to 20 (got 99)"),
                                 (#"{"shots": ["S42-*"]}"#, "S42-*"),
                                 (#"{"provider": "nosuch"}"#, "nosuch")] {
                for route in ["estimate", "runs"] {
                    try await client.execute(uri: "\(base)/\(route)", method: .post, headers: Self.jsonType, body: Self.body(body)) { response in
                        #expect(response.status.code >= 400 && response.status.code < 500, "\(route) \(body)")
                        #expect(String(buffer: response.body).contains(said), "\(route) \(body): \(String(buffer: response.body))")
                    }
                }
            }
            let before = try await client.execute(uri: "\(base)/run", method: .get) { try Self.json($0) }
            #expect(before["run"] == nil, "a refused run never started")
            let started = try await client.execute(uri: "\(base)/runs", method: .post, headers: Self.jsonType,
                                                   body: Self.body(#"{"shots": ["S01-01"], "takes": 2}"#)) { response in
                #expect(response.status == .accepted)
                return try Self.json(response)
            }
            #expect(started["state"] == "running" && started["shots"] == ["S01-01"])
            let panel = try await client.execute(uri: "\(base)/run?wait=1", method: .get) { try Self.json($0) }
            let run = try #require(panel["run"])
            #expect(run["id"] == started["id"] && run["state"] == "finished")
            #expect(run["report"]?["added"] == ["S01-01#1", "S01-01#2"])
            #expect(run["progress"]?["done"] == run["progress"]?["total"] && run["progress"]?["failures"] == [])
            #expect(panel["unfinished"] == [])
            let shot = try await client.execute(uri: "\(base)/shots/S01-01", method: .get) { try Self.json($0) }
            #expect(shot["takes"]?.arrayValue?.filter { $0["state"] == "succeeded" }.count == 2)
            // Asked again, it has its takes: nothing to run.
            let again = try await client.execute(uri: "\(base)/estimate", method: .post, headers: Self.jsonType,
                                                 body: Self.body(#"{"shots": ["S01-01"], "takes": 2}"#)) { try Self.json($0) }
            #expect(again["jobs"]?.arrayValue?.allSatisfy { $0["forecast"] != "run" } == true)
        }
    }

    /// A run is stopped from the browser: no job starts any more, the one a provider was
    /// already sent stays in the journal with its job id, and the panel offers to resume it.
    @Test func aRunIsStoppedAndWhatWasSubmittedIsKeptForResume() async throws {
        // The provider takes ten minutes a take: the run is still at it when it is stopped.
        let sim = try await SimulatedProviderServer.start(config: SimulationConfig(latency: 600...600, concurrency: 4, seed: 3))
        let f = try ServerFixture(simulated: sim)
        defer { f.remove() }
        try await buildApplication(f.configuration).test(.router) { client in
            let base = "/api/projects/two-rooms"
            try await client.execute(uri: "\(base)/run", method: .delete) { response in
                #expect(response.status == .conflict && String(buffer: response.body).contains("no run is going on in two-rooms"))
            }
            let started = try await client.execute(uri: "\(base)/runs", method: .post, headers: Self.jsonType,
                                                   body: Self.body(#"{"shots": ["S01-01"], "takes": 1}"#)) { try Self.json($0) }
            // Once the provider is being asked how the take goes, its job id is in the journal.
            for _ in 0..<3000 where sim.counters.pollRequests == 0 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(sim.counters.createdJobs == 1)
            let stopping = try await client.execute(uri: "\(base)/run", method: .delete) { response in
                #expect(response.status == .accepted)
                return try Self.json(response)
            }
            #expect(stopping["id"] == started["id"] && stopping["state"] == "stopping" && stopping["stoppedBy"] == "someone")
            let panel = try await client.execute(uri: "\(base)/run?wait=1", method: .get) { try Self.json($0) }
            let run = try #require(panel["run"])
            #expect(run["state"] == "stopped", "\(run)")
            #expect(run["error"]?.stringValue?.hasPrefix("stopped by someone at ") == true, "\(run)")
            #expect(run["hint"]?.stringValue?.contains("Resume fetches them") == true)
            #expect(panel["unfinished"] == ["S01-01"], "the submitted take is offered for resume")
            try await client.execute(uri: "\(base)/run", method: .delete) { #expect($0.status == .conflict, "stopped already") }
        }
        let takes = try await f.reading().repository.takes(of: "S01-01")
        #expect(takes.count == 1 && takes.first?.state == .submitted && takes.first?.providerJobID != nil,
                "the provider's job is kept: resuming polls it, never pays twice")
        #expect(sim.counters.createdJobs == 1)
        try await sim.stop()
    }

    /// Another process working on the project (a `reel generate` in a terminal) refuses a run
    /// from the browser with who holds it; reads go on.
    @Test func aRunIsRefusedWhileAnotherProcessHoldsTheProject() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let held = try f.production()
        defer { held.close() }
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "/api/projects/two-rooms/runs", method: .post, headers: Self.jsonType,
                                     body: Self.body("{}")) { response in
                #expect(response.status == .conflict)
                #expect(String(buffer: response.body).contains("another reel is working on this project (pid \(getpid()), `reel test`"))
            }
            try await client.execute(uri: "/api/projects/two-rooms/run", method: .get) { #expect($0.status == .ok) }
        }
    }
}

/// Reference images added from the browser: the bytes of one image per request, kept in the
/// project's media store by hash like `reel cast add --image`; anything else refused with
/// what to send, the cast unchanged.
@Suite struct ReferenceUploadTests {
    static func post(_ client: some TestClientProtocol, _ uri: String, type: String, _ data: Data) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .post, headers: [.contentType: type], body: ByteBuffer(bytes: data)) { response in
            (response.status, String(buffer: response.body))
        }
    }

    @Test func anImageIsAddedOnceAndAnythingElseIsRefused() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let uri = "/api/projects/two-rooms/cast/MAYA/references"
        let first = try FixtureMedia.png(0), second = try FixtureMedia.png(1)
        let kept = try await buildApplication(f.configuration).test(.router) { client in
            var (status, body) = try await Self.post(client, uri, type: "image/png", first)
            #expect(status == .created, "\(body)")
            let member = try JSONDecoder().decode(CastMember.self, from: Data(body.utf8))
            #expect(member.references.count == 1 && member.references.first?.mediaType == "image/png")
            #expect(!body.contains(f.projects.path), "the server's folders are not in the answer")
            (status, body) = try await Self.post(client, uri, type: "image/png", first)
            #expect(status == .created)
            #expect(try JSONDecoder().decode(CastMember.self, from: Data(body.utf8)).references.count == 1, "the same image is one reference")
            (status, body) = try await Self.post(client, "\(uri)?replace=1", type: "image/png", second)
            let replaced = try JSONDecoder().decode(CastMember.self, from: Data(body.utf8))
            #expect(replaced.references.map(\.digest) != member.references.map(\.digest) && replaced.references.count == 1)

            (status, body) = try await Self.post(client, "\(uri)?replace=yes", type: "image/png", first)
            #expect(status == .badRequest && body.contains("replace is 1 or 0"))
            (status, body) = try await Self.post(client, uri, type: "text/plain", Data("hello".utf8))
            #expect(status == .unsupportedMediaType && body.contains("a reference is a PNG, JPEG or WebP image"))
            (status, body) = try await Self.post(client, uri, type: "image/png", Data("not a picture".utf8))
            #expect(status == .badRequest, "\(body)")
            #expect(!body.contains(f.projects.path) && !body.contains("/tmp"), "no server folder in the refusal: \(body)")
            (status, body) = try await Self.post(client, "/api/projects/two-rooms/cast/NOBODY/references", type: "image/png", first)
            #expect(status == .notFound && body.contains("there is no NOBODY in the cast"))
            (status, _) = try await Self.post(client, "/api/projects/two-rooms/cast/..%2F..%2Fetc/references", type: "image/png", first)
            #expect(status == .notFound)
            (status, body) = try await Self.post(client, uri, type: "image/jpeg", Data(count: 30 * 1024 * 1024 + 1))
            #expect(status == .contentTooLarge && body.contains("at most 30 MB"))
            // Two references: the sheet a one-image model gets, as the cast page shows it.
            (status, body) = try await Self.post(client, uri, type: "image/png", first)
            let sheet = try await client.execute(uri: "/api/projects/two-rooms/cast/MAYA/sheet", method: .get) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(sheet.0 == .ok, "\(sheet.1)")
            let shown = try JSONDecoder().decode(ReferenceSheet.self, from: Data(sheet.1.utf8))
            #expect(shown.references == 2 && shown.width == 1024 && shown.height == 512 && shown.path == shown.media, "\(sheet.1)")
            #expect(!sheet.1.contains(f.projects.path), "the server's folders are not in the answer")
            let png = try await client.execute(uri: "/api/projects/two-rooms/media/\(shown.media)", method: .get) { response in
                (response.status, Array(response.body.readableBytesView))
            }
            #expect(png.0 == .ok && png.1.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the sheet itself, by its media route")
            let none = try await client.execute(uri: "/api/projects/two-rooms/cast/KITCHEN/sheet", method: .get) { response in
                (response.status, String(buffer: response.body))
            }
            #expect(none.0 == .notFound && none.1.contains("has no reference images"), "\(none.1)")
            (status, body) = try await Self.post(client, "\(uri)?replace=1", type: "image/png", second)
            return try JSONDecoder().decode(CastMember.self, from: Data(body.utf8)).references.map(\.digest)
        }
        let reading = try f.reading()
        defer { reading.close() }
        let maya = try #require(try await f.studio.cast(reading).first { $0.name == "MAYA" })
        #expect(maya.references.map(\.digest) == kept, "what the refused uploads sent changed nothing")
        let scratch = try FileManager.default.contentsOfDirectory(atPath: f.project.appendingPathComponent(".reel/media/tmp").path)
        #expect(scratch.allSatisfy { !$0.hasPrefix("upload-") }, "no upload is left behind: \(scratch)")
    }
}

/// The cut from the browser: rendered in the server as a run, played from `renders/` with
/// byte ranges, exported to one downloadable file — a ZIP that Python reads back whole — and
/// nothing but files directly in `renders/` ever served.
@Suite struct CutAPITests {
    @Test func theCutIsRenderedPlayedExportedAndDownloaded() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let base = "/api/projects/two-rooms"
        let zip = f.dir.file("download.zip"), jianying = f.dir.file("jianying.zip")
        try await buildApplication(f.configuration).test(.router) { client in
            try await client.execute(uri: "\(base)/render", method: .post, headers: APITests.jsonType, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .accepted)
            }
            let panel = try await client.execute(uri: "\(base)/run?wait=1", method: .get) { try APITests.json($0) }
            #expect(panel["run"]?["command"] == "render" && panel["run"]?["state"] == "finished", "\(panel)")
            let film = try #require(panel["run"]?["film"]?.stringValue)
            #expect(panel["films"] == [.string(film)] && film.hasSuffix(".mp4"))
            try await client.execute(uri: "\(base)/downloads/\(film)", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "video/mp4")
                #expect(response.headers[.contentDisposition] == "inline" && response.body.readableBytes > 10_000)
            }
            try await client.execute(uri: "\(base)/downloads/\(film)", method: .get, headers: [.range: "bytes=0-99"]) { response in
                #expect(response.status == .partialContent && response.body.readableBytes == 100)
            }
            let made = try await client.execute(uri: "\(base)/exports", method: .post, headers: APITests.jsonType,
                                                body: ByteBuffer(string: #"{"format": "otio"}"#)) { response in
                #expect(response.status == .created)
                return try APITests.json(response)
            }
            let name = try #require(made["name"]?.stringValue)
            #expect(name.hasSuffix("-otio.zip") && made["url"]?.stringValue == "\(base)/downloads/\(name)")
            #expect(made["export"]?["output"]?.stringValue == name, "names, not the server's folders: \(made)")
            #expect(!"\(made)".contains(f.projects.path), "\(made)")
            try await client.execute(uri: "\(base)/downloads/\(name)", method: .get) { response in
                #expect(response.headers[.contentType] == "application/zip")
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment; filename*=UTF-8''") == true)
                try Data(response.body.readableBytesView).write(to: zip)
            }
            let srt = try await client.execute(uri: "\(base)/exports", method: .post, headers: APITests.jsonType,
                                               body: ByteBuffer(string: #"{"format": "srt"}"#)) { try APITests.json($0) }
            #expect(srt["name"]?.stringValue?.hasSuffix(".srt") == true)
            // A Jianying draft for the editor's Windows machine: its paths are where it will be unzipped.
            let draft = try await client.execute(uri: "\(base)/exports", method: .post, headers: APITests.jsonType,
                                                 body: ByteBuffer(string: #"{"format": "jianying", "draftsFolder": "C:/Users/ana/JianyingPro Drafts/"}"#)) { response in
                #expect(response.status == .created)
                return try APITests.json(response)
            }
            let draftName = try #require(draft["name"]?.stringValue)
            #expect(draftName.contains("-jianying-") && draftName.hasSuffix(".zip"), "one ZIP per drafts folder: \(draftName)")
            try await client.execute(uri: "\(base)/downloads/\(draftName)", method: .get) { response in
                try Data(response.body.readableBytesView).write(to: jianying)
            }
            for (body, said) in [(#"{"format": "jianying"}"#, "needs the drafts folder of the computer that opens it"),
                                 (#"{"format": "jianying", "draftsFolder": "Drafts"}"#, "must be a whole path on the computer that opens the draft"),
                                 (#"{"format": "mp3"}"#, "format must be otio, fcpxml, edl, srt, vtt, jianying or board")] {
                try await client.execute(uri: "\(base)/exports", method: .post, headers: APITests.jsonType, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .badRequest && String(buffer: response.body).contains(said), "\(body)")
                }
            }
            // A dot file and a link out of renders/ are there, and still not served.
            let renders = f.project.appendingPathComponent("renders")
            try Data("hidden".utf8).write(to: renders.appendingPathComponent(".hidden.zip"))
            try FileManager.default.createSymbolicLink(atPath: renders.appendingPathComponent("x.mp4").path,
                                                       withDestinationPath: f.project.appendingPathComponent("reel.yaml").path)
            for name in ["..%2Freel.yaml", "reel.yaml", "x.mp4", ".hidden.zip", ".download-1.zip", "%2Fetc%2Fpasswd"] {
                try await client.execute(uri: "\(base)/downloads/\(name)", method: .get) { response in
                    #expect(response.status == .notFound, "\(name)")
                }
            }
        }
        let entries = try PythonOracle.json([String].self, script: """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                assert z.testzip() is None
                print(json.dumps(z.namelist()))
            """, arguments: [zip.path])
        #expect(entries.contains { $0.hasSuffix(".otio") } && entries.contains { $0.contains("/media/") }, "\(entries)")
        // Every material of the draft is in the ZIP, at the path the draft names once unzipped there.
        let paths = try PythonOracle.json([String: [String]].self, script: """
            import json, sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as z:
                names = z.namelist()
                top = names[0].split("/")[0]
                content = json.loads(z.read(top + "/draft_content.json"))
                meta = json.loads(z.read(top + "/draft_meta_info.json"))
                paths = [m["path"] for kind in ("videos", "audios") for m in content["materials"][kind]]
                print(json.dumps({"paths": paths, "names": names, "fold": [meta["draft_fold_path"]]}))
            """, arguments: [jianying.path])
        let folder = try #require(paths["names"]?.first?.split(separator: "/").first.map(String.init))
        let home = "C:/Users/ana/JianyingPro Drafts/\(folder)"
        #expect(paths["fold"] == [home])
        #expect(paths["paths"]?.isEmpty == false && paths["paths"]?.allSatisfy { $0.hasPrefix(home + "/materials/") } == true, "\(paths)")
        for path in paths["paths"] ?? [] {
            #expect(paths["names"]?.contains(folder + String(path.dropFirst(home.count))) == true, "\(path) is in the ZIP")
        }
        let renders = try FileManager.default.contentsOfDirectory(atPath: f.project.appendingPathComponent("renders").path)
        #expect(!renders.contains { $0.hasPrefix(".") && $0 != ".hidden.zip" }, "no staging folder is left: \(renders)")
    }
}

/// A real person's consent from the browser: the signed evidence as the body, the grant in
/// the append-only ledger with the evidence's SHA-256, then a revocation — what `reel consent`
/// does; each bad request refused with what to send.
@Suite struct ConsentAPITests {
    @Test func aConsentIsGrantedWithItsEvidenceThenRevoked() async throws {
        let f = try ServerFixture()
        defer { f.remove() }
        let production = try f.production()
        _ = try await f.studio.addToCast(production, CastAddition(name: "MAYA", realPerson: true))
        production.close()
        // A photo of the signed form: evidence the media route could serve, were it media.
        let evidence = try FixtureMedia.png(3)
        let base = "/api/projects/two-rooms"
        let maya = try await { () async throws -> String in
            let reading = try f.reading()
            defer { reading.close() }
            return try #require(try await f.studio.cast(reading).first { $0.name == "MAYA" }).id
        }()
        let grant = "\(base)/cast/\(maya)/consent"
        try await buildApplication(f.configuration).test(.router) { client in
            func post(_ query: String, _ type: String, _ body: Data) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: grant + query, method: .post, headers: [.contentType: type], body: ByteBuffer(bytes: body)) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            for (query, type, body, status, said) in [
                ("", "application/pdf", evidence, HTTPResponse.Status.badRequest, "a consent needs who granted it"),
                ("?by=Ana", "text/plain", evidence, .unsupportedMediaType, "the evidence is the signed consent"),
                ("?by=Ana", "application/pdf", Data(), .badRequest, "the evidence is empty"),
                ("?by=Ana&expires=next-june", "application/pdf", evidence, .badRequest, "expires is the last day it holds"),
                ("?by=Ana&providers=nosuch", "application/pdf", evidence, .badRequest, "nosuch\\\" is not a provider Reel knows"),
            ] {
                let (got, text) = try await post(query, type, body)
                #expect(got == status && text.contains(said), "\(query) \(type): \(text)")
                #expect(!text.contains(f.projects.path), "no server folder in a refusal: \(text)")
            }
            try await client.execute(uri: "\(base)/cast/BEN/consent?by=Ana", method: .post, headers: [.contentType: "application/pdf"],
                                     body: ByteBuffer(bytes: evidence)) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("is not marked as a real person"))
            }
            let (status, text) = try await post("?by=Maya%27s%20mother&providers=kling&expires=2099-12-31", "image/png", evidence)
            #expect(status == .created, "\(text)")
            let granted = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(granted["action"] == "grant" && granted["by"] == "Maya's mother" && granted["providers"] == ["kling"])
            #expect(granted["evidence"]?.stringValue == Hashing.sha256(evidence).rawValue)
            try await client.execute(uri: "\(base)/media/\(Hashing.sha256(evidence).rawValue).png", method: .get) { response in
                #expect(response.status == .notFound, "a real person's consent is never served as media")
            }
            let cast = try await client.execute(uri: "\(base)/cast", method: .get) { try APITests.json($0) }
            let shown = cast.arrayValue?.first { $0["id"]?.stringValue == maya }?["consent"]?.stringValue
            #expect(shown == "in force for kling until 2099-12-31", "\(String(describing: shown))")
            try await client.execute(uri: "\(grant)?reason=asked%20to%20stop", method: .delete) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""reason":"asked to stop""#))
            }
            try await client.execute(uri: grant, method: .delete) { response in
                #expect(response.status == .badRequest && String(buffer: response.body).contains("has no consent in force to revoke"))
            }
            let ledger = try await client.execute(uri: "\(base)/consent", method: .get) { try APITests.json($0) }
            #expect(ledger.arrayValue?.map { $0["action"]?.stringValue ?? "" } == ["grant", "revoke"])
        }
    }
}
