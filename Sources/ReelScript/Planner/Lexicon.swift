import Foundation
import ReelModel

/// Words that tell the planner what a passage is like, in English and Chinese.
///
/// English entries match whole words case-insensitively (a trailing `*` matches any
/// ending: `laugh*`); Chinese entries match anywhere in the text.
enum Lexicon {
    static let moods: [(Mood, [WordText.Entry])] = [
        (.action, ["run*", "chase*", "fight*", "punch*", "crash*", "explod*", "race*", "races", "jump*", "sprint*",
                   "dodg*", "swerv*", "smash*", "kick*", "追", "奔跑", "打斗", "撞", "爆炸", "冲", "扑", "逃", "飞奔"]),
        (.tense, ["gun*", "knife", "blood*", "scream*", "threat*", "danger*", "afraid", "fear*", "panic*", "alarm*",
                  "siren*", "tremb*", "shak*", "hostage", "warning", "枪", "刀", "血", "尖叫", "威胁", "危险", "害怕",
                  "恐惧", "紧张", "颤抖", "警报", "质问", "逼"]),
        (.sad, ["sad", "sadly", "sorrow*", "cry", "cries", "crying", "tear*", "funeral", "grave*", "sob*", "grief", "mourn*", "goodbye", "lonely",
                "alone", "loss", "lost", "哭", "泪", "葬礼", "孤独", "告别", "失去", "难过", "伤心", "分手", "遗憾"]),
        (.joyful, ["laugh*", "smil*", "celebrat*", "party", "danc*", "cheer*", "grin*", "joy*", "giggl*", "笑", "庆祝",
                   "派对", "跳舞", "开心", "高兴", "欢呼", "兴奋"]),
        (.romantic, ["kiss*", "love*", "lover*", "wedding", "candle*", "romantic", "blush*", "吻", "爱", "牵手", "婚礼",
                     "喜欢", "心动", "脸红", "约会"]),
        (.mysterious, ["shadow*", "dark*", "whisper*", "secret*", "strange*", "fog", "mist", "creak*", "unknown",
                       "hooded", "影子", "黑暗", "低语", "秘密", "奇怪", "雾", "神秘", "陌生"]),
        (.warm, ["warm*", "tea", "home", "family", "gentl*", "tender*", "hug*", "embrac*", "cozy", "soup", "dinner", "grandm*", "grandp*", "茶", "家",
                 "家人", "拥抱", "温暖", "饭", "妈妈", "奶奶"]),
    ]

    /// Movement across the frame: follow it with a pan.
    static let travel: [WordText.Entry] = ["walk*", "enter*", "cross*", "run*", "hurr*", "stride*", "pace*", "wander*", "approach*",
                         "drive*", "rides", "走", "进", "穿过", "跑", "来到", "走向", "离开", "开车"]
    /// Something rises or is looked up at: tilt up.
    static let rise: [WordText.Entry] = ["looks up", "look up", "tower*", "rises", "skyscraper*", "climb*", "抬头", "仰望", "高楼", "爬"]
    /// Something falls or is looked down on: tilt down.
    static let fall: [WordText.Entry] = ["looks down", "look down", "falls", "drops", "sinks", "collaps*", "低头", "跌", "倒下", "掉"]
    /// A realization or a held look: push in.
    static let intensify: [WordText.Entry] = ["realiz*", "realis*", "stare*", "freez*", "froze", "gasp*", "tremb*", "shock*", "stunned",
                            "tears", "clench*", "愣", "盯", "震惊", "颤抖", "呆住", "僵住", "咬牙", "瞪"]
    /// Leaving, distance, solitude: pull out.
    static let withdraw: [WordText.Entry] = ["alone", "walks away", "leaves", "disappear*", "distance", "vanish*", "fades", "独自",
                           "消失", "远去", "走远", "只剩"]
    /// A detail worth an insert.
    static let details: [WordText.Entry] = ["phone", "letter", "photo*", "ring", "key", "keys", "note", "screen", "watch", "envelope",
                          "ticket", "hand", "hands", "cup", "glass", "手机", "信", "照片", "戒指", "钥匙", "纸条", "屏幕",
                          "手表", "信封", "车票", "手", "杯"]
    /// A line said with force or under breath: go close.
    static let emphatic: [WordText.Entry] = ["shout*", "yell*", "scream*", "whisper*", "cry*", "crying", "sob*", "angr*", "furious",
                           "tear*", "hiss*", "plead*", "beg*", "大喊", "喊", "吼", "低声", "轻声", "哭", "愤怒", "哽咽",
                           "颤声", "咆哮", "小声"]

    /// How many of `words` occur in `text`.
    static func count(_ words: [WordText.Entry], in text: WordText) -> Int {
        words.reduce(0) { $0 + (text.contains($1) ? 1 : 0) }
    }

    /// How many times any of `words` occurs in `text`, counting repeats.
    static func occurrences(_ words: [WordText.Entry], in text: WordText) -> Int {
        words.reduce(0) { $0 + text.count($1) }
    }

    /// Pronouns that point back at characters already on screen.
    static let female: [WordText.Entry] = ["she", "her", "herself", "她"]
    static let male: [WordText.Entry] = ["he", "him", "his", "himself"]
    static let plural: [WordText.Entry] = ["they", "them", "both", "together", "两人", "他们", "她们", "一起"]

    static func containsAny(_ words: [WordText.Entry], in text: WordText) -> Bool {
        text.containsAny(words)
    }

    static func containsAny(_ words: [WordText.Entry], in text: String) -> Bool {
        WordText(text).containsAny(words)
    }

    /// Whole-word (or prefix with `*`) match for Latin words, substring for CJK (see
    /// ``WordText``). Prepare a ``WordText`` once when asking about many words.
    static func contains(_ text: String, _ word: String) -> Bool {
        WordText(text).contains(word)
    }
}
