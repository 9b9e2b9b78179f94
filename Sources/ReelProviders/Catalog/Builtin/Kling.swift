extension BuiltinCatalog {
    /// Kling's video models, then its image models (keyframes: the first is the default). Model ids, durations ("5"/"10"), aspects and the four-image
    /// limit of `multi-image2video` are from the API docs (provider-apis.md §3); prices are
    /// estimates (Kling bills resource-pack units; the adapter prices the units each task
    /// reports and uses these only when a task reports none).
    static let kling = #"""
    schema: reel.models/1
    models:
      - provider: kling
        id: kling-v2-6
        name: Kling 2.6
        modes: [text, image, first-last]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 8
        price: { amount: "0.07", currency: USD, per: second, source: estimate }
        notes: "sound on/off with options.sound; std or pro with options.mode (default std)."
      - provider: kling
        id: kling-v2-5-turbo
        name: Kling 2.5 Turbo
        modes: [text, image, first-last]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 7
        price: { amount: "0.042", currency: USD, per: second, source: estimate }
      - provider: kling
        id: kling-v2-1-master
        name: Kling 2.1 Master
        modes: [text, image]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [1080p]
        quality: 8
        price: { amount: "0.28", currency: USD, per: second, source: estimate }
      - provider: kling
        id: kling-v1-6
        name: Kling 1.6 (multi-image references)
        modes: [text, image, first-last, references]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        max_references: 4
        quality: 6
        price: { amount: "0.028", currency: USD, per: second, source: estimate }
        notes: "references go through multi-image2video (image_list, up to 4; third-party copies of the docs)."
      - provider: kling
        id: kling-v2-1
        name: Kling 2.1 image (Kolors)
        medium: image
        max_references: 1
        quality: 8
        price: { amount: "0.02", currency: USD, per: image, source: estimate }
        notes: "keyframes: images/generations, one reference as image; the units a task reports are priced first."
      - provider: kling
        id: kling-v1-5
        name: Kling 1.5 image (subject reference)
        medium: image
        max_references: 1
        quality: 6
        price: { amount: "0.02", currency: USD, per: image, source: estimate }
        notes: "its reference goes with image_reference: subject (mirrors of the docs say 1.5 needs it)."
    """#
}
