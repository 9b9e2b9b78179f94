import Foundation
import Hummingbird
import ReelModel
import ReelStudio

/// `/api/projects/{project}/shots/{shot}`: everything about a shot; an edit, refused with
/// 409 when the shot changed since the editor loaded it (`If-Match: "<version>"`); picks.
struct ShotsController {
    let library: ProjectLibrary
    let studio: Studio

    /// `POST …/pick`: a video take or a keyframe, by number.
    struct PickRequest: Codable, Sendable {
        var take: Int?
        var keyframe: Int?
    }

    /// `POST …/notes`: a note on a frame of a take (or on the shot).
    struct NoteBody: Codable, Sendable {
        var take: Int?
        var at: Double?
        var box: NoteBox?
        var text: String
    }

    func addRoutes(to group: RouterGroup<StudioContext>) {
        group.get(":shot", use: show)
        group.patch(":shot", use: edit)
        group.post(":shot/pick", use: pick)
        group.delete(":shot/pick", use: unpick)
        group.get(":shot/notes", use: notes)
        group.post(":shot/notes", use: note)
        group.delete(":shot/notes/:note", use: withdraw)
        group.post(":shot/critic-notes", use: notesFromCritic)
    }

    /// `POST …/critic-notes` (`{"take": 2}`): the critic's notes on the take become the
    /// shot's notes; answers the notes added (201).
    @Sendable func notesFromCritic(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[NoteReport]> {
        struct Body: Codable { var take: Int }
        let body = try await request.json(Body.self, context: context)
        let shot = try shot(context)
        let added = try await library.change(try context.parameters.value("project")) {
            try await studio.notesFromCritic($0, shot: shot, take: body.take, by: context.identity?.name)
        }
        return JSONAnswer(added, status: .created)
    }

    /// `DELETE …/notes/{id}`: withdraws the note; it stays in the list, marked withdrawn.
    @Sendable func withdraw(_ request: Request, context: StudioContext) async throws -> JSONAnswer<NoteReport> {
        let raw = try context.parameters.value("note")
        guard let id = Int64(raw), id > 0 else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no note \(raw.prefix(40))",
                          hint: "note ids are the numbers `GET …/notes` gives")
        }
        let shot = try shot(context)
        return JSONAnswer(try await library.change(try context.parameters.value("project")) { production in
            // A reviewer withdraws their own notes; editors and owners anyone's.
            if let identity = context.identity, identity.role < .editor,
               let note = try await studio.notes(production, shot: shot).first(where: { $0.id == id }), note.author != identity.name {
                throw Problem(status: .forbidden, kind: "forbidden",
                              detail: "note \(id) is \(note.author ?? "someone else")'s: a \(identity.role.rawValue) withdraws only their own notes",
                              hint: "ask its author or an editor")
            }
            return try await studio.withdrawNote(production, shot: shot, id: id, by: context.identity?.name)
        })
    }

    @Sendable func notes(_ request: Request, context: StudioContext) async throws -> JSONAnswer<[NoteReport]> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        let id = try shot(context)
        _ = try await studio.shot(production, id: id)
        return JSONAnswer(try await studio.notes(production, shot: id))
    }

    @Sendable func note(_ request: Request, context: StudioContext) async throws -> JSONAnswer<NoteReport> {
        let body = try await request.json(NoteBody.self, context: context)
        let request = NoteRequest(shot: try shot(context), take: body.take, at: body.at, box: body.box, text: body.text,
                                  author: context.identity?.name)
        let note = try await library.change(try context.parameters.value("project")) { try await studio.note($0, request) }
        return JSONAnswer(note, status: .created)
    }

    @Sendable func show(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ShotReport> {
        let production = try library.open(try context.parameters.value("project"))
        defer { production.close() }
        return JSONAnswer(try await studio.shot(production, id: try shot(context)))
    }

    @Sendable func edit(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ShotReport> {
        let change = try await request.json(ShotChange.self, context: context)
        let id = try shot(context)
        let expected = request.headers[.ifMatch].map(Self.unquoted)
        return JSONAnswer(try await library.change(try context.parameters.value("project")) { production in
            if let expected {
                let current = try await studio.shot(production, id: id).version
                guard expected == current else {
                    throw Problem(status: .conflict, kind: "stale", detail: "\(id) changed since you loaded it (version \(current), not \(expected))",
                                  hint: "reload the shot, then make your change again", at: "shot \(id)")
                }
            }
            return try await studio.editShot(production, id: id, change: change)
        })
    }

    @Sendable func pick(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ShotReport> {
        let body = try await request.json(PickRequest.self, context: context)
        guard (body.take == nil) != (body.keyframe == nil) else {
            throw Problem(status: .badRequest, kind: "usage", detail: "give either take or keyframe, a number",
                          hint: "{\"take\": 2} or {\"keyframe\": 1}")
        }
        let id = try shot(context)
        return JSONAnswer(try await library.change(try context.parameters.value("project")) { production in
            _ = try await studio.pick(production, shot: id, number: body.keyframe ?? body.take ?? 0,
                                      kind: body.keyframe == nil ? .video : .keyframe)
            return try await studio.shot(production, id: id)
        })
    }

    /// `DELETE …/pick` (`?kind=keyframe` for the picked keyframe): takes the pick back; the
    /// shot as it is now. Taking back what was not picked changes nothing.
    @Sendable func unpick(_ request: Request, context: StudioContext) async throws -> JSONAnswer<ShotReport> {
        let kind: TakeKind
        switch request.uri.queryParameters.get("kind") {
        case nil, "video": kind = .video
        case "keyframe": kind = .keyframe
        case let other?:
            throw Problem(status: .badRequest, kind: "usage", detail: "kind is video or keyframe, not \(other.prefix(40))",
                          hint: "DELETE …/pick for the take, …/pick?kind=keyframe for the keyframe")
        }
        let id = try shot(context)
        return JSONAnswer(try await library.change(try context.parameters.value("project")) { production in
            _ = try await studio.unpick(production, shot: id, kind: kind)
            return try await studio.shot(production, id: id)
        })
    }

    /// The shot the path names, or 404.
    func shot(_ context: StudioContext) throws -> ShotID {
        let raw = try context.parameters.value("shot")
        let id = ShotID(raw.uppercased())
        // A shot id is letters, digits and dashes; anything else names no shot.
        guard raw.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw Problem(status: .notFound, kind: "not-found", detail: "there is no shot \(raw.prefix(40))")
        }
        return id
    }

    static func unquoted(_ tag: String) -> String {
        var t = tag.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("W/") { t.removeFirst(2) }
        return t.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
}
