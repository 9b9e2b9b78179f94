// Every label of the studio, in English and Chinese. One table: a string missing in one
// language shows the other's, never a key.
const table = {
  projects: ["Projects", "项目"],
  noProjects: ["No projects here yet: start one below, or run `reel new` in the projects folder.", "这里还没有项目：在下面新建一个，或在项目文件夹中运行 `reel new`。"],
  new_project: ["New project", "新建项目"],
  new_from_idea_tab: ["From an idea", "从一个想法开始"],
  new_from_template_tab: ["From a template", "从模板开始"],
  new_idea_placeholder: ["A courier's last delivery on a stormy night is to the mother she has not seen in ten years", "外卖员在暴雨夜送最后一单，收件人是十年未见的母亲"],
  new_length: ["Length", "时长"],
  new_aspect: ["Aspect", "画幅"],
  new_language: ["Language", "语言"],
  new_language_auto: ["as the idea", "跟随想法"],
  new_draft: ["Draft the screenplay", "起草剧本"],
  new_draft_note: ["The server's language model writes an outline, then the screenplay (a few cents of tokens; asking again costs nothing). You can revise it later.", "服务器配置的语言模型先写大纲，再写剧本（花费几分钱的 token；同一想法再问不再花钱）。之后可以修改。"],
  new_from_template: ["Create from the template", "用模板创建"],
  new_template_note: ["Offline: no model, no key. Blanks left empty take the example shown.", "离线完成：不需要模型和密钥。留空的项使用示例。"],
  new_writing: ["Writing the outline, then the screenplay…", "正在写大纲，然后写剧本……"],
  new_making: ["Creating the project…", "正在创建项目……"],
  shots: ["shots", "个镜头"],
  spent: ["spent", "已花费"],
  budget: ["budget", "预算"],
  nothing: ["nothing", "无"],
  storyboard: ["Storyboard", "分镜"],
  cut: ["cut", "成片"],
  state_noTake: ["no take", "未生成"],
  state_generating: ["generating", "生成中"],
  state_ready: ["ready", "可用"],
  state_failed: ["failed", "失败"],
  state_qcFailed: ["QC failed", "质检未过"],
  check_passed: ["✓ passed the check", "✓ 质检通过"],
  check_failed: ["✗ failed the check", "✗ 质检未过"],
  carries_notes: ["carries notes", "带着批注"],
  notes: ["Notes", "批注"],
  note_add: ["Note this frame", "批注此帧"],
  note_drag: ["Drag a box over what should change", "拖出需要修改的区域"],
  note_placeholder: ["What should change? (the next takes carry it)", "需要改什么？（下一条会带上）"],
  note_at: ["at {seconds} s — drag a box on the picture (optional)", "{seconds} 秒处 —— 可在画面上拖出区域"],
  note_save: ["Save note", "保存批注"],
  note_none: ["No notes yet: pause a take and note the frame.", "还没有批注：暂停一条视频，批注该帧。"],
  note_open: ["open", "待处理"],
  note_resolved: ["resolved", "已解决"],
  note_carriedBy: ["carried by", "已带入"],
  note_withdrawn: ["withdrawn", "已撤回"],
  note_withdraw: ["Withdraw", "撤回"],
  note_withdrawHint: ["Later takes will not carry this note; it stays in the list", "之后生成的镜头不再带上这条批注；批注仍保留在列表里"],
  cancel: ["Cancel", "取消"],
  changedElsewhere: ["Someone changed this project.", "有人修改了这个项目。"],
  refresh: ["Refresh", "刷新"],
  state_picked: ["picked", "已选"],
  keyframes: ["Keyframes", "关键帧"],
  takes: ["Takes", "镜头版本"],
  noTakes: ["No takes yet: `reel generate --shots {shot}`.", "还没有镜头版本：`reel generate --shots {shot}`。"],
  noKeyframes: ["No keyframes yet: `reel keyframes --shots {shot}`.", "还没有关键帧：`reel keyframes --shots {shot}`。"],
  pick: ["Pick", "选用"],
  picked: ["Picked", "已选用"],
  playTogether: ["▶ Play together", "▶ 同步播放"],
  remote: ["A remote model gets", "远程模型收到"],
  prompt: ["Prompt", "提示词"],
  version: ["version", "版本"],
  edit: ["Edit", "编辑"],
  size: ["Size", "景别"],
  move: ["Move", "运镜"],
  duration: ["Seconds", "时长（秒）"],
  mode: ["Mode", "模式"],
  save: ["Save", "保存"],
  saved: ["Saved.", "已保存。"],
  reload: ["Reload", "重新加载"],
  offline: ["The studio cannot reach the server. Retrying…", "无法连接服务器，正在重试…"],
  inFrame: ["In frame", "画面中"],
  noOne: ["no one", "无人"],
  back: ["← Storyboard", "← 分镜"],
  cast: ["Cast", "角色"],
  cast_link: ["Cast and voices →", "角色与配音 →"],
  cast_note: ["Who is in the film: reference images lock how they look (`reel cast add`), and each character has a voice. A voice cast here voices that character's lines anew the next time the film is made; everyone else's lines keep theirs.", "片中的角色：参考图锁定外观（`reel cast add`），每个角色都有自己的声音。在这里选定声音后，下次成片时该角色的台词会用新声音重新配音，其他角色的台词保持不变。"],
  kind_character: ["character", "人物"],
  kind_prop: ["prop", "道具"],
  kind_location: ["place", "场景"],
  from_script: ["from the script", "来自剧本"],
  added: ["added", "手动添加"],
  refs_none: ["No reference images: `reel cast add {name} --image FILE`", "还没有参考图：`reel cast add {name} --image 文件`"],
  real_person: ["A real person; consent", "真人肖像；授权"],
  voice: ["Voice", "声音"],
  voice_speaks: ["speaks this project", "本项目配音"],
  voice_keep: ["— keep the voice —", "—— 保持当前声音 ——"],
  voice_cast: ["cast", "已选定"],
  voice_guess: ["the planner's guess", "系统推测"],
  voice_save: ["Cast this voice", "选定声音"],
  voice_sample: ["▶ Hear the first line", "▶ 试听第一句"],
  voice_sampling: ["Voicing the first line…", "正在为第一句配音…"],
  voice_reset: ["back to the planner's voice", "恢复系统推测的声音"],
  pitch: ["Pitch", "音高"],
  pace: ["Pace", "语速"],
  gender_female: ["female", "女"],
  gender_male: ["male", "男"],
  gender_unknown: ["any", "中性"],
  language: ["中文", "English"],
};

// `?lang=zh` or `?lang=en` in the address wins (a link for a colleague), then the last choice, then the browser's.
const asked = new URLSearchParams(location.search).get("lang");
let current = ["zh", "en"].includes(asked) ? asked
  : localStorage.getItem("reel.language") || (navigator.language.startsWith("zh") ? "zh" : "en");

export function language() { return current; }

export function setLanguage(value) {
  current = value;
  localStorage.setItem("reel.language", value);
  document.documentElement.lang = value === "zh" ? "zh-Hans" : "en";
}

/** The label `key` in the current language, `{name}` filled from `values`. */
export function t(key, values = {}) {
  const pair = table[key];
  let text = pair ? (current === "zh" ? pair[1] || pair[0] : pair[0]) : key;
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, value);
  return text;
}
