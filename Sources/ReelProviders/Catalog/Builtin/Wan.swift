extension BuiltinCatalog {
    /// Wan on DashScope (Model Studio, Singapore). Model ids from the DashScope SDK and Model
    /// Studio pages (reference §9); prices are the 720p per-second figures as remembered from
    /// the international price list, not confirmed: estimates.
    static let wan = #"""
    schema: reel.models/1
    models:
      - provider: wan
        id: wan2.5-t2v-preview
        name: Wan 2.5 text to video
        modes: [text]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p, 1080p]
        native_audio: true
        quality: 7
        price: { amount: "0.10", currency: USD, per: second, source: estimate }
        notes: DashScope bills seconds made (usage.video_duration); task ids and links live 24 h.
      - provider: wan
        id: wan2.5-i2v-preview
        name: Wan 2.5 image to video
        modes: [image]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p, 1080p]
        native_audio: true
        quality: 7
        price: { amount: "0.10", currency: USD, per: second, source: estimate }
        notes: The first frame is sent as a data URI in img_url.
      - provider: wan
        id: wan2.2-t2v-plus
        name: Wan 2.2 Plus text to video
        modes: [text]
        durations: [5]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 1080p]
        quality: 6
        price: { amount: "0.07", currency: USD, per: second, source: estimate }
      - provider: wan
        id: wan2.2-i2v-plus
        name: Wan 2.2 Plus image to video
        modes: [image]
        durations: [5]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 1080p]
        quality: 6
        price: { amount: "0.07", currency: USD, per: second, source: estimate }
      - provider: wan
        id: wan2.2-kf2v-flash
        name: Wan 2.2 Flash first and last frame
        modes: [first-last]
        durations: [5]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p, 1080p]
        quality: 6
        price: { amount: "0.04", currency: USD, per: second, source: estimate }
        notes: Keyframe models use the image2video endpoint.
    """#
}
