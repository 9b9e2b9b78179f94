import Foundation

/// What language models really answer the writer, for the fake chat server: clean and
/// messy outlines and screenplays in English and Chinese (fenced, chatty, trailing commas,
/// full-width punctuation, lines written `NAME: text`), and replies that cannot be used.
public enum WriterTranscripts {
    public static let englishOutline = """
        {"title": "The Last Delivery", "logline": "A courier's last order of a stormy night is for the mother she left.",
         "characters": [{"name": "MAYA", "description": "woman, 30s, courier in a soaked yellow raincoat"},
                        {"name": "ROSE", "description": "woman, 60s, her mother, grey cardigan"}],
         "scenes": [{"place": "City street", "interior": false, "time": "NIGHT", "summary": "Maya rides through the rain.", "beats": []},
                    {"place": "Rose's doorway", "interior": true, "time": "NIGHT", "summary": "The door opens on her mother.", "beats": []}]}
        """

    /// Chatty, fenced, with a trailing comma and a line written as `NAME: text`.
    public static let englishScreenplay = """
        Here is the screenplay you asked for:

        ```json
        {"title": "The Last Delivery",
         "characters": [{"name": "MAYA", "description": "woman, 30s, courier in a soaked yellow raincoat"},
                        {"name": "ROSE", "description": "woman, 60s, her mother, grey cardigan"}],
         "scenes": [
          {"place": "City street", "interior": false, "time": "NIGHT",
           "beats": [{"action": "Rain hammers the street. MAYA rides her scooter through the neon puddles."},
                     {"action": "Her phone lights up: one last order."},
                     {"character": "MAYA", "line": "One more. Then home.", "parenthetical": "to herself"}]},
          {"place": "Rose's doorway", "interior": true, "time": "NIGHT",
           "beats": [{"action": "MAYA knocks. The door opens on ROSE, who freezes."},
                     "ROSE: Maya?",
                     {"character": "MAYA", "line": "Your order. Noodles, extra ginger."},
                     {"character": "ROSE", "line": "You remembered."},],},
         ],
        }
        ```
        Let me know if you want changes!
        """

    /// Full-width punctuation and curly quotes, as Chinese models often write JSON.
    public static let chineseOutline = """
        好的，大纲如下：
        {“title”：“最后一单”，“logline”：“暴雨夜，外卖员的最后一单送到了十年未见的母亲家。”，
         “characters”：［{“name”：“林晚”，“description”：“女，28岁，外卖员，湿透的黄色雨衣”}，
                        {“name”：“母亲”，“description”：“女，60岁，灰色毛衣”}］，
         “scenes”：［{“place”：“街道”，“interior”：“外”，“time”：“夜”，“summary”：“林晚在暴雨中送餐。”，“beats”：［］}，
                   {“place”：“老房子门口”，“interior”：“内”，“time”：“夜”，“summary”：“门开了，是母亲。”，“beats”：［］}］}
        """

    public static let chineseScreenplay = """
        ```json
        {"title": "最后一单",
         "characters": ["林晚", "母亲"],
         "scenes": [
          {"place": "街道", "interior": "外", "time": "夜",
           "beats": ["暴雨如注，林晚骑着电动车穿过积水的街道。", "林晚：最后一单，送完就回家。"]},
          {"place": "老房子门口", "interior": "内", "time": "夜",
           "beats": [{"action": "林晚敲门。门开了，母亲愣住了。"},
                     {"character": "母亲", "line": "晚晚？"},
                     {"character": "林晚", "line": "您的外卖。", "parenthetical": "哽咽"}]}
         ]}
        ```
        """

    /// Valid JSON that is not a screenplay: no places, no beats.
    public static let unusableScreenplay = """
        {"title": "The Last Delivery", "characters": ["MAYA"], "scenes": [{"summary": "She delivers."}]}
        """
}
