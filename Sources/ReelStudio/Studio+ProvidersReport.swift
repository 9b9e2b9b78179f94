import Foundation
import ReelEngine
import ReelModel
import ReelProviders

/// `reel providers`: every provider, whether it is ready, its models and prices. Holds no key.
public struct ProvidersReport: Sendable, Codable {
    /// One credential a provider reads: its name, whether it is set, and where from; never its value.
    public struct Key: Sendable, Codable {
        public var name: String
        public var set: Bool
        /// `environment` or the credentials file's path.
        public var source: String?
    }

    /// One catalog model as the report shows it: what it makes, its lengths (as text, `4–10 s`),
    /// shapes and sizes, its quality (1–10) and its price.
    public struct Model: Sendable, Codable {
        public var id: String
        public var medium: String
        public var modes: [String]
        public var durations: String
        public var aspects: [String]
        public var sizes: [String]
        public var maxReferences: Int
        public var nativeAudio: Bool
        public var quality: Int
        public var price: String?
        public var priceSource: String?
    }

    /// One provider: what it makes, whether it is ready to use, where it is reached, and its
    /// keys and models.
    public struct Provider: Sendable, Codable {
        public var id: String
        public var name: String
        public var media: [String]
        public var configured: Bool
        /// What to do to use it.
        public var missing: String?
        public var baseURL: String
        /// The environment variable that overrides the base URL.
        public var baseURLVariable: String
        public var keys: [Key]
        public var models: [Model]
    }

    public var providers: [Provider]
    public var catalogSources: [String]
    public var policy: String
}

/// What the router decided for one shot, and why.
public struct RouteExplanation: Sendable, Codable {
    public var shot: String
    public var needs: String
    public var provider: String
    public var model: String
    public var seconds: Double
    public var fit: TakeFit
    public var estimate: String?
    public var reasons: [String]
}

extension Studio {
    public func providersReport(config: ProjectConfig, projectDirectory: URL?) throws -> ProvidersReport {
        let setup = try providerSetup(config: config, projectDirectory: projectDirectory)
        let providers = setup.providers.map { status in
            ProvidersReport.Provider(
                id: status.entry.id.rawValue, name: status.entry.name, media: status.entry.media.map(\.rawValue),
                configured: status.configured, missing: status.missing, baseURL: status.baseURL,
                baseURLVariable: status.entry.baseURLVariable,
                keys: status.keys.map { ProvidersReport.Key(name: $0.name, set: $0.source != nil, source: $0.source) },
                models: setup.catalog.models(of: status.entry.id).map(Self.reportModel))
        }
        return ProvidersReport(providers: providers, catalogSources: setup.catalogSources,
                               policy: config.routing.strategy.rawValue)
    }

    static func reportModel(_ m: ModelCapabilities) -> ProvidersReport.Model {
        let durations = m.durationRange.map { "\(Int($0.lowerBound))–\(Int($0.upperBound)) s" }
            ?? m.durations.map { $0.map { String(format: "%g", $0) }.joined(separator: "/") + " s" } ?? "any"
        return ProvidersReport.Model(id: m.id, medium: m.medium.rawValue, modes: m.modes.map(\.rawValue), durations: durations,
                                     aspects: m.aspects.map(\.rawValue), sizes: m.sizes.map(\.rawValue),
                                     maxReferences: m.maxReferences, nativeAudio: m.nativeAudio, quality: m.quality,
                                     price: m.price.map { "\($0.amount) per \($0.per.rawValue)" }, priceSource: m.price?.source)
    }

    /// One cheap authenticated call to `id`.
    public func testProvider(_ id: ProviderID, config: ProjectConfig, projectDirectory: URL?) async throws -> String {
        let setup = try providerSetup(config: config, projectDirectory: projectDirectory)
        guard let status = setup.providers.first(where: { $0.entry.id == id }) else {
            throw ReelError(.usage, "there is no provider called \(id)",
                            hint: "known: " + setup.providers.map(\.entry.id.rawValue).joined(separator: ", "))
        }
        guard let providerConfig = status.config else {
            throw ReelError(.configuration, "\(status.entry.name) is not configured: \(status.missing ?? "")",
                            hint: "keys go in the environment or ~/.config/reel/credentials (chmod 600)")
        }
        do {
            return try await status.entry.check(providerConfig, adapterSupport)
        } catch let failure as JobFailure {
            let hint = switch failure.reason {
            case .auth: "check the key (\(status.entry.credentials.joined(separator: ", "))); `reel providers` shows where it was read from"
            case .rateLimited: "the provider is busy; try again" + (failure.retryAfter.map { " in \(Int($0)) s" } ?? "")
            case .transient, .timedOut: "check the network and the base URL (\(status.baseURL), override with \(status.entry.baseURLVariable))"
            default: "see the provider's message above"
            }
            throw ReelError(.unavailable, "\(status.entry.name) refused the check: \(failure.message)", hint: hint)
        }
    }

    /// Which model the router picks for `shot` under the project's settings, and why.
    public func explain(_ production: Production, shot id: ShotID) async throws -> RouteExplanation {
        let board = try await plan(production, save: false)
        guard let shot = board.shot(id) else { throw Studio.noShot(id, in: board) }
        let setup = try providerSetup(production)
        let builder = try await filmBuilder(production, board: board, setup: setup)
        let needs = Self.needs(shot, board: board, mode: builder.remoteMode(for: shot), nativeAudio: builder.settings.nativeAudio)
        let plan = plan(shot, board: board, production: production, setup: setup, requested: nil, builder: builder)
        let seconds = plan.generatedMilliseconds.map { Double($0) / 1000 } ?? shot.duration.seconds
        return RouteExplanation(
            shot: id.rawValue,
            needs: String(format: "%@, %.2f s, %@ %@, %@", needs.mode.rawValue, needs.seconds,
                          needs.aspect.rawValue, needs.size.rawValue, Plural.count(needs.references, "reference image")),
            provider: plan.provider.rawValue, model: plan.model, seconds: seconds, fit: plan.fit ?? .exact,
            estimate: plan.estimate?.description, reasons: plan.reasons)
    }

    /// The built-in catalog as one `models.yaml` document, to copy and edit.
    public static func builtinCatalogYAML() -> String {
        var out = "# Reel's built-in model catalog. Copy entries to ~/.config/reel/models.yaml or a project's\n"
            + "# models.yaml to change a price or a capability, or add a model; same provider+id replaces.\n"
            + "schema: \(CatalogFile.schema)\nmodels:\n"
        for document in BuiltinCatalog.documents {
            let lines = document.yaml.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0.hasPrefix("models:") }) else { continue }
            out += "  # \(document.provider)\n" + lines[(start + 1)...].joined(separator: "\n")
            if !out.hasSuffix("\n") { out += "\n" }
        }
        return out
    }
}
