import Foundation
import Hummingbird
import ReelEngine
import ReelModel
import ReelStudio

/// `/api/projects`: the projects, a new one (from a template, offline, or an idea, by the
/// writer), and each one's board (the storyboard grid in one answer) and cast.
struct ProjectsController {
    let library: ProjectLibrary
    let studio: Studio
    /// Drafting spends the server's language-model key: only on loopback until the studio has sign-in.
    var allowsDrafts = true

    /// `POST /api/projects`: what `reel new` takes — a template and its blanks, or an idea.
    struct NewProjectBody: Codable, Sendable {
        var template: String?
        var values: [String: String]?
        var idea: String?
        /// The film's length for a draft, in seconds.
        var seconds: Int?
        /// `en` or `zh`; a draft without it writes in the idea's language.
        var language: String?
        /// `9:16`, `16:9` or `1:1`.
        var aspect: String?
        /// The interview's answers by question id (`GET /api/interview`), for a draft.
        var answers: [String: String]?
    }

    /// The project made: its id on this server, and what `reel new` reports.
    struct NewProjectAnswer: Codable, Sendable {
        var project: String
        var report: NewProjectReport
    }

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(use: list)
        group.post(use: create)
        group.get(":project/board", use: board)
        group.get(":project/cast", use: cast)
        group.patch(":project/cast/:subject/voice", use: castVoice)
        group.post(":project/cast/:subject/references", use: addReference)
        group.get(":project/cast/:subject/sheet", use: sheet)
        group.get(":project/voices", use: voices)
    }

    /// `PATCH …/cast/{subject}/voice`: what `reel cast voice` takes; fields left out keep what is there.
    struct VoiceBody: Codable, Sendable {
        var voice: String?
        var gender: String?
        var pitch: Int?
        var pace: Int?
        var reset: Bool?
        var sample: Bool?
    }

    @Sendable func create(_ request: Request, context: StudioContext) async throws -> JSONAnswer<NewProjectAnswer> {
        let body = try await request.json(NewProjectBody.self, context: context)
        guard (body.template == nil) != (body.idea == nil) else {
            throw Problem(status: .badRequest, kind: "usage", detail: "give either a template or an idea",
                          hint: "{\"template\": \"reversal\", \"values\": {\"hero\": \"林晚\"}} or {\"idea\": \"…\", \"seconds\": 60}")
        }
        if let language = body.language, !["en", "zh"].contains(language) {
            throw Problem(status: .badRequest, kind: "usage", detail: "language must be en or zh (got '\(language.prefix(20))')")
        }
        var format = VideoFormat.default
        if let aspect = body.aspect {
            guard let chosen = VideoFormat.Aspect(rawValue: aspect) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "aspect must be 9:16, 16:9 or 1:1 (got '\(aspect.prefix(20))')")
            }
            format.aspect = chosen
        }
        if body.idea != nil, !allowsDrafts {
            throw Problem(status: .forbidden, kind: "refused", detail: "drafting from an idea spends this server's model key, "
                          + "so it is open only to a studio served on 127.0.0.1",
                          hint: "serve without --host, or start from a template (offline)")
        }
        let parent = try library.newProjectsFolder()
        let language = body.language.map { $0 == "zh" ? Language.chinese : .english }
        let report: NewProjectReport
        if FileManager.default.fileExists(atPath: parent.appendingPathComponent(Series.fileName).path) {
            // A served series gets its next episode: the series' frame and language, its cast told to the writer.
            let seconds = body.seconds ?? 60
            guard (10...600).contains(seconds) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "seconds is the film's length, 10 to 600 (got \(seconds))")
            }
            report = try await studio.addEpisode(parent, from: body.template.map { .template($0, values: body.values ?? [:]) }
                                                 ?? .idea(body.idea ?? "", seconds: seconds, writer: nil, answers: body.answers ?? [:]))
        } else if let template = body.template {
            let values = body.values ?? [:]
            report = try await studio.newProject(NewProjectRequest(
                template: template, values: values,
                language: language ?? (values.values.contains { Language.detect($0) == .chinese } ? .chinese : .english),
                parent: parent, format: format))
        } else {
            let seconds = body.seconds ?? 60
            guard (10...600).contains(seconds) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "seconds is the film's length, 10 to 600 (got \(seconds))")
            }
            report = try await studio.draftProject(IdeaRequest(idea: body.idea ?? "", language: language, seconds: seconds,
                                                               parent: parent, format: format, answers: body.answers ?? [:]))
        }
        // The server's own folders are not the browser's business: the project's id stands for its path.
        var answer = report
        let id = URL(fileURLWithPath: report.directory).lastPathComponent
        answer.directory = id
        return JSONAnswer(NewProjectAnswer(project: id, report: answer), status: .created)
    }

    @Sendable func list(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[ProjectLibrary.Entry]> {
        JSONAnswer(try await library.entries(studio: studio))
    }

    /// The grid, as made at the project's change token (``BoardCache``).
    @Sendable func board(_ request: Request, context: StudioContext) async throws -> EncodedJSON {
        let project = try context.parameters.value("project")
        let token: String
        do {
            let production = try library.open(project)
            defer { production.close() }
            token = try await studio.changeToken(production)
        }
        let (library, studio) = (library, studio)
        return EncodedJSON(body: try await library.boards.board(project, token: token) {
            let production = try library.open(project)
            defer { production.close() }
            let body = try JSONAnswer.encode(try await studio.boardView(production))
            return (body, try await studio.changeToken(production))
        })
    }

    @Sendable func cast(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[CastMember]> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.cast(production).map(Self.forBrowser))
    }

    @Sendable func castVoice(_ request: Request, context: StudioContext) async throws -> JSONAnswer<CastMember> {
        let body = try await request.json(VoiceBody.self, context: context)
        let gender = try body.gender.map { text in
            guard let gender = Voice.Gender(rawValue: text.lowercased()), gender != .unknown else {
                throw Problem(status: .badRequest, kind: "usage", detail: "gender must be female or male (got '\(text.prefix(20))')")
            }
            return gender
        }
        let casting = VoiceCasting(name: try context.parameters.value("subject"), voice: body.voice, gender: gender, pitch: body.pitch,
                                   pace: body.pace, reset: body.reset ?? false, sample: body.sample ?? false)
        return JSONAnswer(Self.forBrowser(try await library.change(try context.parameters.value("project")) { try await studio.castVoice($0, casting) }))
    }

    /// The image types a reference upload takes, with the extension its file gets.
    static let imageTypes = ["image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"]
    /// The largest reference image taken (as `reel cast add`).
    static let maxReferenceBytes = 30 * 1024 * 1024

    /// `POST …/cast/{subject}/references`: one image as the body (PNG, JPEG or WebP), added to
    /// the subject's references as `reel cast add NAME --image FILE` adds it (decoded first: a
    /// file that is not a whole image changes nothing). `?replace=1` drops the others first.
    /// The bytes go to the project's own scratch folder, then into its media store by hash.
    @Sendable func addReference(_ request: Request, context: StudioContext) async throws -> JSONAnswer<CastMember> {
        let type = (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let ext = Self.imageTypes[type] else {
            throw Problem(status: .unsupportedMediaType, kind: "unsupported-media-type",
                          detail: "a reference is a PNG, JPEG or WebP image (got \(type.isEmpty ? "no Content-Type" : String(type.prefix(40))))",
                          hint: "send the image's bytes with Content-Type image/png, image/jpeg or image/webp")
        }
        var copy = request
        let buffer: ByteBuffer
        do {
            buffer = try await copy.collectBody(upTo: Self.maxReferenceBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(status: .contentTooLarge, kind: "too-large", detail: "a reference image is at most 30 MB",
                          hint: "send a smaller image (2048 pixels on the long side is plenty)")
        }
        let name = try context.parameters.value("subject")
        let replace: Bool
        switch request.uri.queryParameters["replace"].map(String.init) {
        case nil, "0": replace = false
        case "1": replace = true
        case let other?: throw Problem(status: .badRequest, kind: "usage", detail: "replace is 1 or 0 (got '\(other.prefix(20))')")
        }
        return JSONAnswer(Self.forBrowser(try await library.change(try context.parameters.value("project")) { production in
            // Only a subject the storyboard has: new ones come from the script or `reel cast add`.
            guard try await studio.cast(production).contains(where: { $0.name.lowercased() == name.lowercased() || $0.id.lowercased() == name.lowercased() }) else {
                throw ReelError(.notFound, "there is no \(name.prefix(40)) in the cast", hint: "GET …/cast lists them; `reel cast add` adds one")
            }
            // In the project's scratch folder, under a name its sweep clears after a crash.
            try FileManager.default.createDirectory(at: production.blobs.scratchDirectory, withIntermediateDirectories: true)
            let file = production.blobs.scratchURL(extension: ext)
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(buffer.readableBytesView).write(to: file)
            do {
                return try await studio.addToCast(production, CastAddition(name: name, images: [file], replaceImages: replace))
            } catch let error as ReelError where error.location == file.path {
                // What was wrong with the file, without where the server put it.
                throw Problem(status: .badRequest, kind: error.code.rawValue,
                              detail: error.message.hasPrefix("the reference image is damaged") ? "the image is damaged (it does not decode whole)" : error.message,
                              hint: error.hint)
            }
        }), status: .created)
    }

    /// `GET …/cast/{subject}/sheet`: what `reel cast sheet` writes — the one picture of the
    /// subject's references a model taking one image per subject is sent; its file by media route.
    @Sendable func sheet(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ReferenceSheet> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        var sheet = try await studio.referenceSheet(production, subject: try context.parameters.value("subject"))
        sheet.path = sheet.media
        return JSONAnswer(sheet)
    }

    /// A cast member as the browser gets it: a reference's file is named by its media route
    /// (`<sha256>.png`), never by where the server keeps it.
    static func forBrowser(_ member: CastMember) -> CastMember {
        var member = member
        for index in member.references.indices { member.references[index].path = member.references[index].media }
        return member
    }

    /// `GET …/voices?provider=&lang=`: what `reel voices` lists, marking the project's speaker.
    @Sendable func voices(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[VoiceShelf]> {
        let query = request.uri.queryParameters
        let language = try query.get("lang").map { text in
            guard let language = Language(rawValue: text) else {
                throw Problem(status: .badRequest, kind: "usage", detail: "lang must be en or zh (got '\(text.prefix(20))')")
            }
            return language
        }
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.voices(production, VoiceQuery(provider: query.get("provider").map { ProviderID($0.lowercased()) },
                                                                        language: language)))
    }
}
