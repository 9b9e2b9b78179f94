import Foundation
import ReelModel

/// What a shot asks of a video model.
public struct ShotNeeds: Hashable, Sendable {
    public var shot: ShotID
    public var scene: SceneID
    public var mode: GenerationMode
    public var seconds: Double
    public var aspect: VideoFormat.Aspect
    public var size: VideoFormat.Size
    public var references: Int
    /// The shot should carry sound the model makes itself (`audio: native` and lines to
    /// speak): among the models that can make it, one that makes sound comes first; a shot no
    /// such model can make still goes to the others (Reel's voices speak it).
    public var wantsNativeAudio: Bool

    public init(shot: ShotID, scene: SceneID, mode: GenerationMode, seconds: Double, aspect: VideoFormat.Aspect,
                size: VideoFormat.Size, references: Int = 0, wantsNativeAudio: Bool = false) {
        self.shot = shot
        self.scene = scene
        self.mode = mode
        self.seconds = seconds
        self.aspect = aspect
        self.size = size
        self.references = references
        self.wantsNativeAudio = wantsNativeAudio
    }
}

/// How the user wants models chosen.
public struct RoutingPolicy: Hashable, Sendable {
    /// How the router ranks the models that can make a shot (`routing.policy` in reel.yaml).
    public enum Strategy: String, Hashable, Sendable, CaseIterable {
        /// The cheapest model that can make the shot.
        case cheapest
        /// The highest quality model that can make the shot; the cheaper on a tie.
        case best
    }

    public var strategy: Strategy
    /// Only these providers or `provider/model`s; empty for all configured.
    public var allow: [String]
    /// A model (or provider) for the whole project.
    public var pin: String?
    /// Per scene, by scene id.
    public var scenePins: [SceneID: String]
    /// Per shot, by shot id.
    public var shotPins: [ShotID: String]

    public init(strategy: Strategy = .cheapest, allow: [String] = [], pin: String? = nil,
                scenePins: [SceneID: String] = [:], shotPins: [ShotID: String] = [:]) {
        self.strategy = strategy
        self.allow = allow
        self.pin = pin
        self.scenePins = scenePins
        self.shotPins = shotPins
    }
}

/// Which model makes a shot, at what length, for how much, and why.
public struct RouteDecision: Hashable, Sendable {
    public var model: ModelCapabilities?
    /// The length asked of the model.
    public var seconds: Double
    /// How the cut fits it to the shot.
    public var fit: TakeFit
    public var estimate: Money?
    /// Why this model, and why not each of the others.
    public var reasons: [String]
}

/// Chooses a model per shot from the catalog, among configured providers, under the
/// user's policy; a shot no model can make gets the reasons, one per model.
public struct Router: Sendable {
    public var catalog: ModelCatalog
    /// Providers with credentials (and local ones).
    public var configured: Set<ProviderID>
    public var policy: RoutingPolicy
    /// What each unconfigured provider lacks, in the words `reel providers` uses ("set
    /// KLING_ACCESS_KEY", "needs a base URL: …"); a provider missing here lacks its key.
    public var missing: [ProviderID: String]

    public init(catalog: ModelCatalog, configured: Set<ProviderID>, policy: RoutingPolicy,
                missing: [ProviderID: String] = [:]) {
        self.catalog = catalog
        self.configured = configured
        self.policy = policy
        self.missing = missing
    }

    public func route(_ needs: ShotNeeds) -> RouteDecision {
        var reasons: [String] = []
        let pin = policy.shotPins[needs.shot] ?? policy.scenePins[needs.scene] ?? policy.pin
        var candidates = catalog.models.filter { $0.medium == .video }
        if let pin {
            let pinned = candidates.filter { $0.qualifiedName == pin || $0.id == pin || $0.provider.rawValue == pin }
            reasons.append("pinned to \(pin)" + (policy.shotPins[needs.shot] != nil ? " for this shot" :
                                                  policy.scenePins[needs.scene] != nil ? " for scene \(needs.scene)" : " for the project"))
            candidates = pinned
            if pinned.isEmpty { reasons.append("no model in the catalog is called \(pin)") }
        }
        var fit: [(ModelCapabilities, Double)] = []
        for model in candidates {
            if let why = refusal(model, needs) {
                reasons.append("not \(model.qualifiedName): \(why)")
            } else {
                fit.append((model, model.fittedDuration(for: needs.seconds)))
            }
        }
        let ordered = fit.sorted { a, b in
            // A model that makes sound first, when the shot wants its own.
            let (sa, sb) = needs.wantsNativeAudio ? (a.0.nativeAudio ? 0 : 1, b.0.nativeAudio ? 0 : 1) : (0, 0)
            if sa != sb { return sa < sb }
            let ca = a.0.cost(seconds: a.1)?.micros ?? Int64.max
            let cb = b.0.cost(seconds: b.1)?.micros ?? Int64.max
            switch policy.strategy {
            case .cheapest: return (ca, -a.0.quality, a.0.qualifiedName) < (cb, -b.0.quality, b.0.qualifiedName)
            case .best: return (-a.0.quality, ca, a.0.qualifiedName) < (-b.0.quality, cb, b.0.qualifiedName)
            }
        }
        guard let (model, seconds) = ordered.first else {
            return RouteDecision(model: nil, seconds: needs.seconds, fit: .exact, estimate: nil,
                                 reasons: reasons + ["no configured model can make this shot"])
        }
        let fitName: TakeFit = abs(seconds - needs.seconds) < 0.001 ? .exact : (seconds > needs.seconds ? .trim : .hold)
        var why = "\(model.qualifiedName): \(policy.strategy == .cheapest ? "the cheapest" : "the best") of \(ordered.count) that can make it"
        if needs.wantsNativeAudio {
            let sounding = ordered.filter { $0.0.nativeAudio }.count
            why = model.nativeAudio
                ? "\(model.qualifiedName): \(policy.strategy == .cheapest ? "the cheapest" : "the best") of \(sounding) that can make it "
                    + "with its own sound (audio: native)"
                : why + "; none of them makes its own sound, so Reel's voices speak its lines"
        }
        if fitName != .exact {
            why += String(format: "; makes %.0f s for a %.1f s shot (%@ in the cut)", seconds, needs.seconds, fitName == .trim ? "trimmed" : "last frame held")
        }
        return RouteDecision(model: model, seconds: seconds, fit: fitName, estimate: model.cost(seconds: seconds),
                             reasons: [why] + reasons)
    }

    /// Why `model` cannot make the shot, or nil when it can.
    func refusal(_ model: ModelCapabilities, _ needs: ShotNeeds) -> String? {
        if !configured.contains(model.provider) {
            return "\(model.provider) is not configured (\(missing[model.provider] ?? "no credentials"))"
        }
        if !policy.allow.isEmpty, !policy.allow.contains(where: { $0 == model.provider.rawValue || $0 == model.qualifiedName || $0 == model.id }) {
            return "not in the allowed list"
        }
        if !model.modes.contains(needs.mode) { return "cannot make \(needs.mode.rawValue) shots" }
        if !model.aspects.contains(needs.aspect) { return "does not make \(needs.aspect.rawValue) video" }
        if !model.sizes.contains(needs.size) { return "does not make \(needs.size.rawValue)" }
        if needs.references > model.maxReferences { return "takes \(model.maxReferences) reference images, the shot has \(needs.references)" }
        return nil
    }
}
