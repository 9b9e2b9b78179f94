/// The version Reel reports; a studio's workers take only the jobs of runs of their own version.
public enum ReelVersion {
    public static let current = "0.1.0"
}
