import Foundation
import ReelEngine
import ReelModel
import ReelStore

/// `reel series init`: a new series.
public struct SeriesRequest: Sendable {
    public var title: String
    /// Where the series goes; nil for a folder named after the title in `parent`.
    public var directory: URL?
    public var parent: URL
    public var language: Language?
    public var aspect: VideoFormat.Aspect
    public var episodes: Int?
    public var style: String?
    public var rules: [String]

    public init(title: String, directory: URL? = nil, parent: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                language: Language? = nil, aspect: VideoFormat.Aspect = .vertical, episodes: Int? = nil, style: String? = nil,
                rules: [String] = []) {
        self.title = title
        self.directory = directory
        self.parent = parent
        self.language = language
        self.aspect = aspect
        self.episodes = episodes
        self.style = style
        self.rules = rules
    }
}

/// What a new episode starts from: an idea for the writer, a template, or a script.
public enum EpisodeSource: Sendable {
    case idea(String, seconds: Int, writer: String?, answers: [String: String])
    case template(String, values: [String: String])
    case script(URL)
}

/// A series as `reel series status` shows it: its settings, the bible's cast, and each
/// episode's length, takes, picks, spending and yield.
public struct SeriesReport: Sendable, Codable, Hashable {
    public struct Member: Sendable, Codable, Hashable {
        public var name: String
        public var kind: String
        public var references: Int
        public var voice: String?
        public var description: String?
    }

    public struct Episode: Sendable, Codable, Hashable {
        /// The folder's name (`ep01`).
        public var name: String
        public var directory: String
        public var title: String
        public var shots: Int
        public var seconds: Double
        public var takes: Int
        public var pickedShots: Int
        /// Attempts per accepted shot (``YieldReport``); nil before any shot is accepted.
        public var attemptsPerAccepted: Double?
        public var spent: [Money]
        /// The newest film in its `renders/`, when there is one.
        public var film: String?
        /// Why it could not be read, when it could not (the others are still shown).
        public var problem: String?
    }

    public var directory: String
    public var title: String
    public var language: Language
    public var aspect: VideoFormat.Aspect
    /// Episodes planned; nil for open-ended.
    public var planned: Int?
    public var look: String?
    public var rules: [String]
    public var cast: [Member]
    public var episodes: [Episode]
    /// What every episode spent, together, per currency.
    public var spent: [Money]
    public var takes: Int
    public var pickedShots: Int
}

extension SeriesReport {
    /// The report with the series' folders as names relative to it (`ep01`, `ep01/renders/…`):
    /// where a series lives on a server is not a browser's business.
    public var relative: SeriesReport {
        var copy = self
        let root = directory.hasSuffix("/") ? directory : directory + "/"
        copy.directory = URL(fileURLWithPath: directory).lastPathComponent
        copy.episodes = episodes.map { episode in
            var e = episode
            e.directory = e.name
            e.film = e.film.map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : URL(fileURLWithPath: $0).lastPathComponent }
            return e
        }
        return copy
    }
}

extension Studio {
    /// Starts a series: its folder, `series.yaml` and an empty bible (`.reel/`). Nothing is
    /// written over: a folder that already holds a series is refused.
    public func startSeries(_ request: SeriesRequest) async throws -> SeriesReport {
        let title = request.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw ReelError(.usage, "the series has no title", hint: "name it: `reel series init \"TITLE\"`") }
        if let episodes = request.episodes, !(1...1000).contains(episodes) {
            throw ReelError(.usage, "--episodes must be from 1 to 1000, not \(episodes)", hint: "leave it out for an open-ended series")
        }
        let claimed = request.directory == nil
        let directory = try request.directory ?? Self.claimDirectory(request.parent.appendingPathComponent(OutputFile.safeName(title)))
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(Series.fileName).path) {
            throw ReelError(.usage, "there is a series here already", at: directory.path,
                            hint: "nothing was changed; `reel series status` shows it, `reel series add-episode` adds to it")
        }
        // Projects already there would become episodes: their media store and cast would change under them.
        let fm = FileManager.default
        let children = (try? fm.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        if fm.fileExists(atPath: directory.appendingPathComponent(ProjectConfig.fileName).path)
            || children.contains(where: { fm.fileExists(atPath: $0.appendingPathComponent(ProjectConfig.fileName).path) }) {
            throw ReelError(.usage, "this folder holds Reel projects: they would become episodes, with another media store and cast",
                            at: directory.path, hint: "nothing was changed; start the series in a new folder (leave --dir out)")
        }
        let config = SeriesConfig(title: title, language: request.language ?? Language.detect(title), aspect: request.aspect,
                                  episodes: request.episodes, style: request.style, rules: request.rules)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try OutputFile.write(Data(Series.yaml(config).utf8), at: directory.appendingPathComponent(Series.fileName))
            if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(".gitignore").path) {
                try OutputFile.write(Data(".reel/\n".utf8), at: directory.appendingPathComponent(".gitignore"))
            }
            _ = try Production.openBible(directory, readOnly: false)
        } catch {
            if claimed { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
        return try await seriesStatus(directory)
    }

    /// Adds the series' next episode (`ep01`, `ep02`…) from an idea, a template or a script,
    /// in the series' language and frame. An idea's writer is told the bible's characters
    /// (their names and descriptions) and the series' rules, so episode 12 is about the same
    /// people as episode 1; the episode's prompts carry the series' look, and its cast is
    /// the bible's.
    public func addEpisode(_ folder: URL, from source: EpisodeSource) async throws -> NewProjectReport {
        let series = try Series.load(folder)
        if StudioSettings.current.database != nil {
            throw ReelError(.configuration, "a series keeps its bible in its folder, so its episodes cannot keep their state in the studio database",
                            at: series.directory.path, hint: "nothing was changed; unset REEL_DATABASE to add an episode")
        }
        let directory = try series.claimEpisode()
        do {
            return try await addEpisode(series, from: source, in: directory)
        } catch {
            // The folder this call claimed holds nothing of anyone else's: it goes with the failure.
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    private func addEpisode(_ series: Series, from source: EpisodeSource, in directory: URL) async throws -> NewProjectReport {
        let format = VideoFormat(aspect: series.config.aspect)
        switch source {
        case .idea(let idea, let seconds, let writer, let answers):
            let cast = try await bibleCast(series)
            var keep: [String] = []
            let characters = cast.filter { $0.kind == "character" }
            if !characters.isEmpty {
                keep.append("Series \"\(series.config.title)\": keep these characters, with these names: "
                            + characters.map { member in member.description.map { "\(member.name) (\($0))" } ?? member.name }.joined(separator: "; "))
            }
            keep += series.config.rules.map { "Series rule: \($0)" }
            var request = IdeaRequest(idea: idea, language: series.config.language, seconds: seconds, writer: writer,
                                      directory: directory, format: format, answers: answers)
            request.keep = keep
            return try await draftProject(request)
        case .template(let name, let values):
            return try await newProject(NewProjectRequest(template: name, values: values, language: series.config.language,
                                                          directory: directory, format: format))
        case .script(let file):
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                throw ReelError(.notFound, "cannot read the script", at: file.path, hint: "give the path of a Fountain or short-drama script")
            }
            // The script's own language: a Chinese script in an English series is still Chinese.
            return try await createProject(text: text, title: file.deletingPathExtension().lastPathComponent, language: Language.detect(text),
                                           directory: directory, parent: series.directory, format: format)
        }
    }

    /// The series at `folder` (or the one an episode folder belongs to): its bible's cast and
    /// each episode's state. An episode that cannot be read says why; the others are shown.
    public func seriesStatus(_ folder: URL) async throws -> SeriesReport {
        let series = try Series.load(folder)
        var episodes: [SeriesReport.Episode] = []
        for directory in series.episodes() {
            var line = SeriesReport.Episode(name: directory.lastPathComponent, directory: directory.path, title: directory.lastPathComponent,
                                            shots: 0, seconds: 0, takes: 0, pickedShots: 0, spent: [])
            do {
                let production = try Production.open(try Project.find(directory), lockFor: nil)
                defer { production.close() }
                let board = try await plan(production, save: false)
                let stats = try await stats(production)
                line.title = board.title
                line.shots = board.shots.count
                line.seconds = (board.shots.reduce(0) { $0 + $1.duration.seconds } * 1000).rounded() / 1000
                line.takes = stats.takes
                line.pickedShots = stats.pickedShots
                line.attemptsPerAccepted = stats.yield?.project.attemptsPerAccepted
                line.spent = stats.spent
                line.film = Self.newestFilm(in: production.rendersDirectory)
            } catch let error as ReelError {
                line.problem = error.message
            }
            episodes.append(line)
        }
        var spent: [String: Int64] = [:]
        for money in episodes.flatMap(\.spent) { spent[money.currency, default: 0] += money.micros }
        return SeriesReport(directory: series.directory.path, title: series.config.title, language: series.config.language,
                            aspect: series.config.aspect, planned: series.config.episodes, look: series.config.look,
                            rules: series.config.rules, cast: try await bibleCast(series), episodes: episodes,
                            spent: spent.sorted { $0.key < $1.key }.map { Money(micros: $0.value, currency: $0.key) },
                            takes: episodes.reduce(0) { $0 + $1.takes }, pickedShots: episodes.reduce(0) { $0 + $1.pickedShots })
    }

    /// The bible's cast entries, by name.
    func bibleCast(_ series: Series) async throws -> [SeriesReport.Member] {
        let bible = SQLiteProjectRepository(database: try Production.openBible(series.directory, readOnly: true))
        return try await bible.castEntries().values.sorted { $0.name < $1.name }.map { entry in
            SeriesReport.Member(name: entry.name, kind: entry.kind.rawValue, references: entry.references.count,
                                voice: entry.voice.flatMap(Self.describeVoice), description: entry.description)
        }
    }

    /// `female, pitch +2, minimax female-shaonv`: a cast voice in a few words; nil for none chosen.
    static func describeVoice(_ choice: VoiceChoice) -> String? {
        guard !choice.isEmpty else { return nil }
        var parts = [choice.gender?.rawValue, choice.pitch.map { "pitch \($0 > 0 ? "+" : "")\($0)" },
                     choice.pace.map { "pace \($0 > 0 ? "+" : "")\($0)" }].compactMap { $0 }
        parts += choice.providerVoice.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return parts.joined(separator: ", ")
    }

    /// The newest `.mp4` in `renders/`, by name and time.
    static func newestFilm(in renders: URL) -> String? {
        let files = (try? FileManager.default.contentsOfDirectory(at: renders, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        return files.filter { $0.pathExtension == "mp4" }
            .max { a, b in
                let da = (try? a.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
                let db = (try? b.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
                return da < db
            }?.path
    }
}
