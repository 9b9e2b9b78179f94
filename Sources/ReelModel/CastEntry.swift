import Foundation

/// A subject as the user added or changed it (`reel cast add`): laid over the planner's
/// subjects on every plan, so it survives re-plans like a shot edit.
public struct CastEntry: Hashable, Sendable, Codable {
    public var kind: Subject.Kind
    /// The name as the script writes it, for a subject the user added.
    public var name: String
    /// Replaces the planner's description when set: age, costume, hair, what it looks like.
    public var description: String?
    /// Reference images in the media store, most representative first.
    public var references: [Asset]
    /// A real person's likeness: sent to no provider without consent.
    public var realPerson: Bool?
    /// The voice the user cast, laid over the planner's (`reel cast voice`); characters only.
    public var voice: VoiceChoice?

    public init(kind: Subject.Kind, name: String, description: String? = nil, references: [Asset] = [],
                realPerson: Bool? = nil, voice: VoiceChoice? = nil) {
        self.realPerson = realPerson
        self.voice = voice
        self.kind = kind
        self.name = name
        self.description = description
        self.references = references
    }
}

extension Storyboard {
    /// The reference images of `shot`: its subjects' in frame, subject by subject in the
    /// shot's order (none for an empty shot), then its place's.
    public func referenceImages(for shot: Shot) -> [Digest] {
        var seen: Set<Digest> = []
        return referenceSubjects(for: shot).flatMap(\.references).filter { seen.insert($0).inserted }
    }

    /// The subjects whose references go with `shot`: who and what is in frame (no one in an
    /// empty shot, only things), then the scene's place.
    public func referenceSubjects(for shot: Shot) -> [Subject] {
        var subjects = shot.subjects.compactMap { subject($0) }.filter { shot.empty != true || $0.kind != .character }
        if let place = scene(shot.scene)?.locationID.flatMap({ subject($0) }), !subjects.contains(where: { $0.id == place.id }) {
            subjects.append(place)
        }
        return subjects.filter { !$0.references.isEmpty }
    }

    /// The storyboard with the user's cast laid over the planner's subjects: a known
    /// subject takes the user's description, references and voice, a new one is added.
    /// A real person's consent comes from `consents`, the ledger.
    public func applyingCast(_ cast: [SubjectID: CastEntry], consents: ConsentLedger = ConsentLedger([])) -> Storyboard {
        guard !cast.isEmpty else { return self }
        var board = self
        for (id, entry) in cast.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if !board.subjects.contains(where: { $0.id == id }) {
                board.subjects.append(Subject(id: id, kind: entry.kind, name: entry.name))
            }
            let i = board.subjects.firstIndex { $0.id == id }!
            if let description = entry.description { board.subjects[i].description = description }
            board.subjects[i].references = entry.references.map(\.digest)
            board.subjects[i].realPerson = entry.realPerson
            if let choice = entry.voice, entry.kind == .character {
                board.subjects[i].voice = choice.applied(to: board.subjects[i].voice ?? Voice(gender: .unknown))
            }
            if entry.realPerson == true { board.subjects[i].consent = consents.consent(for: id) }
        }
        return board
    }
}
