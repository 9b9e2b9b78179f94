extension BuiltinCatalog {
    static let sim = #"""
    schema: reel.models/1
    models:
      - provider: sim
        id: sim-1
        name: Simulated video model (reel dev simulate)
        modes: [text, image, references, first-last]
        duration_range: [1, 20]
        aspects: ["9:16", "16:9", "1:1"]
        sizes: [480p, 720p, 1080p]
        max_references: 7
        native_audio: true
        quality: 1
        price: { amount: "0.05", currency: USD, per: second, source: "the simulator's default price" }
        notes: For tests, demos and benchmarks; costs nothing real.
      - provider: sim
        id: sim-image-1
        name: Simulated image model (keyframes)
        medium: image
        max_references: 4
        quality: 1
        price: { amount: "0.04", currency: USD, per: image, source: "the simulator's default price" }
        notes: Stills for keyframes-first; costs nothing real.
      - provider: sim
        id: sim-critic
        name: Simulated critic (reel dev simulate)
        medium: text
        quality: 1
        price: { amount: "1.00", currency: USD, per: 1m-tokens, source: "the simulator's default price" }
        notes: "Scores the frames of a take, for `critic: sim`; costs nothing real."
    """#
}
