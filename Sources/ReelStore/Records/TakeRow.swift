import Foundation
import GRDB
import ReelEngine
import ReelModel

/// A row of `take`: what was asked of which model. Where its job stands comes from `job`.
struct TakeRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "take"

    var id: String
    var shot: String
    var number: Int
    var provider: String
    var model: String
    /// Text: SQLite integers are signed, seeds use all 64 bits.
    var seed: String
    var fingerprint: String
    var node: String
    var createdAt: Double
    var generatedMs: Int64?
    var fit: String?
    /// The real people whose likeness went with it, as a JSON array of subject ids; nil for none.
    var shows: String?
    /// The notes its request carried, as a JSON array of note ids; nil for none.
    var notes: String?
    /// The pictures its request carried (``TakeInput``s as JSON); nil for a take made before they were recorded.
    var inputs: String?

    enum CodingKeys: String, CodingKey {
        case id, shot, number, provider, model, seed, fingerprint, node, fit, shows, notes, inputs
        case createdAt = "created_at"
        case generatedMs = "generated_ms"
    }

    /// The take, in `state` as its job's row says.
    func take(state: TakeState, attempts: Int, providerJobID: String?, updatedAt: Date?, kind: TakeKind = .video,
              verdict: TakeVerdict? = nil, critique: TakeCritique? = nil) -> Take {
        var take = bare(state: state, attempts: attempts, providerJobID: providerJobID, updatedAt: updatedAt, kind: kind,
                        verdict: verdict)
        take.critique = critique
        return take
    }

    /// What the finished job whose row's detail is `detail` said (its output's details as
    /// `T`: a check's verdict, a critique); nil for a job not finished, or unreadable.
    static func finished<T: Decodable>(_ type: T.Type, _ detail: String) -> T? {
        guard case .succeeded(let output)? = try? JSONDecoder().decode(JobState.self, from: Data(detail.utf8)) else { return nil }
        return try? output.details?.decode(T.self)
    }

    private func bare(state: TakeState, attempts: Int, providerJobID: String?, updatedAt: Date?, kind: TakeKind,
                      verdict: TakeVerdict?) -> Take {
        var take = Take(shot: ShotID(shot), number: number, provider: ProviderID(provider), model: model, seed: UInt64(seed) ?? 0,
             fingerprint: fingerprint, node: NodeID(node), createdAt: Date(timeIntervalSince1970: createdAt),
             generatedMilliseconds: generatedMs, fit: fit.flatMap(TakeFit.init(rawValue:)), state: state,
             attempts: attempts, providerJobID: providerJobID, updatedAt: updatedAt,
             shows: (shows.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []).map { SubjectID($0) },
             kind: kind, notes: notes.flatMap { try? JSONDecoder().decode([Int64].self, from: Data($0.utf8)) } ?? [],
             verdict: verdict)
        take.inputs = inputs.flatMap { try? JSONDecoder().decode([TakeInput].self, from: Data($0.utf8)) }
        return take
    }
}

extension TakeRow {
    /// What was asked, as a row (its state is its job's).
    init(_ take: Take) {
        id = take.id.rawValue
        shot = take.shot.rawValue
        number = take.number
        provider = take.provider.rawValue
        model = take.model
        seed = String(take.seed)
        fingerprint = take.fingerprint
        node = take.node.rawValue
        createdAt = take.createdAt.timeIntervalSince1970
        generatedMs = take.generatedMilliseconds
        fit = take.fit?.rawValue
        shows = take.shows.isEmpty ? nil
            : String(decoding: (try? JSONEncoder().encode(take.shows.map(\.rawValue))) ?? Data("[]".utf8), as: UTF8.self)
        notes = take.notes.isEmpty ? nil
            : String(decoding: (try? JSONEncoder().encode(take.notes)) ?? Data("[]".utf8), as: UTF8.self)
        inputs = take.inputs.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A row of `keyframe`: a keyframe candidate, with a take's columns (read as a ``TakeRow``).
struct KeyframeRow: PersistableRecord {
    static let databaseTableName = "keyframe"
    var row: TakeRow

    init(_ row: TakeRow) { self.row = row }

    func encode(to container: inout PersistenceContainer) throws { try row.encode(to: &container) }
}

/// A row of `keyframe_pick`: the keyframe a shot's video takes start from (read as a ``PickRow``).
struct KeyframePickRow: PersistableRecord {
    static let databaseTableName = "keyframe_pick"
    var row: PickRow

    init(_ row: PickRow) { self.row = row }

    func encode(to container: inout PersistenceContainer) throws { try row.encode(to: &container) }
}

/// A row of `pick`: the take of a shot that goes into the cut.
struct PickRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "pick"

    var shot: String
    var take: String
    var pickedAt: Double
    /// Picked by `pick --auto` (by verdict), not by a person.
    var auto: Bool = false

    enum CodingKeys: String, CodingKey {
        case shot, take, auto
        case pickedAt = "picked_at"
    }
}

/// A row of `note`: a review note on a frame of a take, or on a shot.
struct NoteRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "note"

    var id: Int64?
    var shot: String
    var take: String?
    var atMs: Int64?
    /// A ``NoteBox`` as JSON.
    var box: String?
    var text: String
    var author: String?
    var createdAt: Double
    var withdrawnAt: Double?
    var withdrawnBy: String?

    enum CodingKeys: String, CodingKey {
        case id, shot, take, box, text, author
        case atMs = "at_ms"
        case createdAt = "created_at"
        case withdrawnAt = "withdrawn_at"
        case withdrawnBy = "withdrawn_by"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var note: ShotNote {
        ShotNote(id: id ?? 0, shot: ShotID(shot), take: take.map { TakeID($0) }, at: atMs.map { RationalTime.milliseconds($0) },
                 box: box.flatMap { try? JSONDecoder().decode(NoteBox.self, from: Data($0.utf8)) }, text: text, author: author,
                 createdAt: Date(timeIntervalSince1970: createdAt), withdrawnAt: withdrawnAt.map(Date.init(timeIntervalSince1970:)),
                 withdrawnBy: withdrawnBy)
    }
}

extension NoteRow {
    init(_ note: ShotNote) {
        id = nil
        shot = note.shot.rawValue
        take = note.take?.rawValue
        atMs = note.at?.milliseconds
        box = note.box.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        text = note.text
        author = note.author
        createdAt = note.createdAt.timeIntervalSince1970
        withdrawnAt = note.withdrawnAt?.timeIntervalSince1970
        withdrawnBy = note.withdrawnBy
    }
}

/// A row of `shot_edit`: what the user changed on a shot.
struct ShotEditRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "shot_edit"

    var shot: String
    /// A ``ShotEdit`` as JSON.
    var edit: String
    var updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case shot, edit
        case updatedAt = "updated_at"
    }
}

/// A row of `cast_entry`: a subject as the user added or changed it.
struct CastEntryRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "cast_entry"

    var subject: String
    /// A ``CastEntry`` as JSON.
    var entry: String
    var updatedAt: Double

    enum CodingKeys: String, CodingKey {
        case subject, entry
        case updatedAt = "updated_at"
    }
}

/// A row of `consent_event`: one grant or revocation, never changed (triggers refuse it).
struct ConsentEventRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consent_event"

    var id: Int64?
    var subject: String
    /// A ``ConsentEvent`` as JSON.
    var event: String
    var at: Double
}
