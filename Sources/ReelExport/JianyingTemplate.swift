import Foundation
import ReelModel

/// The fixed parts of a Jianying draft, as the open tools write them (`pyJianYingDraft`
/// 0.3's template for Jianying 5.9): what a draft carries besides its tracks and materials.
enum JianyingTemplate {
    static let content = object(#"{"color_space":0,"config":{"adjust_max_index":1,"attachment_info":[],"combination_max_index":1,"export_range":null,"extract_audio_last_index":1,"lyrics_recognition_id":"","lyrics_sync":true,"lyrics_taskinfo":[],"maintrack_adsorb":true,"material_save_mode":0,"multi_language_current":"none","multi_language_list":[],"multi_language_main":"none","multi_language_mode":"none","original_sound_last_index":1,"record_audio_last_index":1,"sticker_max_index":1,"subtitle_keywords_config":null,"subtitle_recognition_id":"","subtitle_sync":true,"subtitle_taskinfo":[],"system_font_list":[],"video_mute":false,"zoom_info_params":null},"cover":null,"create_time":0,"extra_info":null,"free_render_index_mode_on":false,"group_container":null,"keyframe_graph_list":[],"keyframes":{"adjusts":[],"audios":[],"effects":[],"filters":[],"handwrites":[],"stickers":[],"texts":[],"videos":[]},"last_modified_platform":{"app_id":3704,"app_source":"lv","app_version":"5.9.0","os":"windows"},"platform":{"app_id":3704,"app_source":"lv","app_version":"5.9.0","os":"windows"},"mutable_config":null,"name":"","new_version":"110.0.0","relationships":[],"render_index_track_mode_on":false,"retouch_cover":null,"source":"default","static_cover_image_path":"","time_marks":null,"update_time":0,"version":360000}"#)
    static let emptyMaterials = object(#"{"ai_translates":[],"audio_balances":[],"audio_effects":[],"audio_fades":[],"audio_track_indexes":[],"audios":[],"beats":[],"canvases":[],"chromas":[],"common_mask":[],"color_curves":[],"digital_humans":[],"drafts":[],"effects":[],"flowers":[],"green_screens":[],"handwrites":[],"hsl":[],"images":[],"log_color_wheels":[],"loudnesses":[],"manual_deformations":[],"masks":[],"material_animations":[],"material_colors":[],"multi_language_refs":[],"placeholders":[],"plugin_effects":[],"primary_color_wheels":[],"realtime_denoises":[],"shapes":[],"smart_crops":[],"smart_relights":[],"sound_channel_mappings":[],"speeds":[],"stickers":[],"tail_leaders":[],"text_templates":[],"texts":[],"time_marks":[],"transitions":[],"video_effects":[],"video_trackings":[],"videos":[],"vocal_beautifys":[],"vocal_separations":[]}"#)
    static let meta = object(#"{"cloud_package_completed_time":"","draft_cloud_capcut_purchase_info":"","draft_cloud_last_action_download":false,"draft_cloud_materials":[],"draft_cloud_purchase_info":"","draft_cloud_template_id":"","draft_cloud_tutorial_info":"","draft_cloud_videocut_purchase_info":"","draft_cover":"","draft_deeplink_url":"","draft_enterprise_info":{"draft_enterprise_extra":"","draft_enterprise_id":"","draft_enterprise_name":"","enterprise_material":[]},"draft_fold_path":"","draft_id":"","draft_is_ai_packaging_used":false,"draft_is_ai_shorts":false,"draft_is_ai_translate":false,"draft_is_article_video_draft":false,"draft_is_from_deeplink":"false","draft_is_invisible":false,"draft_materials":[{"type":0,"value":[]},{"type":1,"value":[]},{"type":2,"value":[]},{"type":3,"value":[]},{"type":6,"value":[]},{"type":7,"value":[]},{"type":8,"value":[]}],"draft_materials_copied_info":[],"draft_name":"","draft_new_version":"","draft_removable_storage_device":"","draft_root_path":"","draft_segment_extra_info":[],"draft_type":"","tm_draft_cloud_completed":"","tm_draft_cloud_modified":0,"tm_draft_removed":0,"tm_duration":0}"#)

    /// A local video file's material; id, name, path, duration and size are filled in.
    static let video: [String: JSONValue] = [
        "audio_fade": .null, "category_id": "", "category_name": "local", "check_flag": 63487,
        "crop": ["upper_left_x": 0.0, "upper_left_y": 0.0, "upper_right_x": 1.0, "upper_right_y": 0.0,
                 "lower_left_x": 0.0, "lower_left_y": 1.0, "lower_right_x": 1.0, "lower_right_y": 1.0],
        "crop_ratio": "free", "crop_scale": 1.0, "local_material_id": "", "media_path": "", "type": "video",
    ]

    /// A subtitle's text material; id and content are filled in.
    static let text: [String: JSONValue] = [
        "typesetting": 0, "alignment": 1, "letter_spacing": 0.0, "line_spacing": 0.02, "line_feed": 1,
        "line_max_width": 0.82, "force_apply_line_max_width": false, "check_flag": 7, "type": "text", "global_alpha": 1.0,
    ]

    /// What every segment carries; ids, ranges and references are filled in.
    static let segment: [String: JSONValue] = [
        "enable_adjust": true, "enable_color_correct_adjust": false, "enable_color_curves": true,
        "enable_color_match_adjust": false, "enable_color_wheels": true, "enable_lut": true, "enable_smart_color_adjust": false,
        "last_nonzero_volume": 1.0, "reverse": false, "track_attribute": 0, "track_render_index": 0, "visible": true,
        "common_keyframes": [], "keyframe_refs": [], "speed": 1.0, "volume": 1.0, "is_tone_modify": false,
        "uniform_scale": ["on": true, "value": 1.0], "hdr_settings": ["intensity": 1.0, "mode": 1, "nits": 1000],
    ]

    /// Placement on the canvas: centred, `y` from -1 (bottom) to 1 (top).
    static func clip(y: Double) -> JSONValue {
        ["alpha": 1.0, "flip": ["horizontal": false, "vertical": false], "rotation": 0.0, "scale": ["x": 1.0, "y": 1.0],
         "transform": ["x": 0.0, "y": .double(y)]]
    }

    static func object(_ json: String) -> [String: JSONValue] {
        (try? JSONDecoder().decode([String: JSONValue].self, from: Data(json.utf8))) ?? [:]
    }
}
