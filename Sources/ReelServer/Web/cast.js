// The cast: each character, prop and place with its reference images; each character's
// voice — the provider's voice it gets, pitch and pace — cast from the voices the project's
// speech provider offers, and a sample of the character's first line to hear it.
import { api } from "./api.js";
import { element, may, showError } from "./app.js";
import { t } from "./i18n.js";
import { musicPanel } from "./music.js";

function voiceOptions(shelves, member) {
  // The provider that speaks this project's lines first; the others to cast ahead of a switch.
  const ordered = [...shelves].sort((a, b) => Number(b.speaksThisProject) - Number(a.speaksThisProject));
  const current = member.voice.chosen[member.voice.provider];
  return ordered.map((shelf) =>
    element("optgroup", { label: `${shelf.name}${shelf.speaksThisProject ? ` — ${t("voice_speaks")}` : ""}` },
      shelf.voices.map(({ voice }) => element("option", {
        value: `${voice.provider}:${voice.id}`,
        selected: shelf.speaksThisProject && voice.id === current,
        text: `${voice.name} (${t("gender_" + voice.gender)})${voice.note ? " — " + voice.note : ""}`,
      }))));
}

function voicePanel(view, project, member, shelves) {
  const v = member.voice;
  const status = element("span", { class: "status", role: "status" });
  const player = element("div", { class: "sample" },
    v.sampleMedia ? element("audio", { controls: true, src: api.media(project, v.sampleMedia) }) : null);
  const choice = element("select", { name: "voice" },
    element("option", { value: "", text: t("voice_keep"), selected: !v.chosen[v.provider] }), voiceOptions(shelves, member));
  const number = (name, value) => element("input", { name, type: "number", min: "-10", max: "10", step: "1", value: String(value) });
  const form = element("form", { class: "voice-form", "data-character": member.name },
    element("label", {}, t("voice"), choice),
    element("label", {}, t("pitch"), number("pitch", v.pitch)),
    element("label", {}, t("pace"), number("pace", v.pace)),
    element("button", { type: "submit", text: t("voice_save") }),
    element("button", { type: "button", class: "sample-button", text: t("voice_sample"), onclick: () => send({ sample: true }) }),
    v.cast ? element("button", { type: "button", class: "link", text: t("voice_reset"), onclick: () => send({ reset: true }) }) : null,
    status);
  async function send(body) {
    status.replaceChildren(body.sample ? t("voice_sampling") : "");
    try {
      const updated = await api.castVoice(project, member.id, body);
      const shelvesNow = shelves;
      form.closest(".member").replaceWith(memberCard(view, project, updated, shelvesNow));
    } catch (error) {
      status.replaceChildren(showError(error));
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {};
    // The voice only when it is another one: resending the current one would recast nothing.
    if (data.get("voice") && data.get("voice") !== `${v.provider}:${v.chosen[v.provider]}`) body.voice = data.get("voice");
    if (Number(data.get("pitch")) !== v.pitch) body.pitch = Number(data.get("pitch"));
    if (Number(data.get("pace")) !== v.pace) body.pace = Number(data.get("pace"));
    if (Object.keys(body).length) send(body);
  });
  return element("div", { class: "voice" },
    element("div", {},
      element("b", { text: `${t("voice")}: ` }),
      element("span", { class: "heard", text: `${v.provider} · ${v.heard}` }), " ",
      element("span", { class: `badge ${v.cast ? "cast" : ""}`, text: v.cast ? t("voice_cast") : t("voice_guess") })),
    form, player);
}

/**
 * Where reference images are added: drop them on it, or choose them. Each is sent as it is
 * (PNG, JPEG or WebP) and the card is drawn again with the member as the server now has it.
 */
function dropZone(view, project, member, shelves) {
  const status = element("span", { class: "status", role: "status" });
  const input = element("input", { type: "file", accept: "image/png,image/jpeg,image/webp", multiple: true, hidden: true });
  const zone = element("div", { class: "drop", tabindex: "0", role: "button", "data-drop": member.id },
    t("refs_drop"), " ", element("button", { type: "button", class: "link", text: t("refs_choose"), onclick: () => input.click() }), input, status);
  async function add(files) {
    let updated = null, failed = null;
    for (const file of files) {
      status.replaceChildren(t("refs_adding", { name: file.name }));
      try {
        updated = await api.addReference(project, member.id, file);
      } catch (error) {
        failed = error;
        break;
      }
    }
    if (updated) {
      const card = memberCard(view, project, updated, shelves);
      zone.closest(".member").replaceWith(card);
      // What did not go in is still said, on the card drawn again.
      if (failed) card.querySelector(".drop .status").replaceChildren(showError(failed));
    } else if (failed) {
      status.replaceChildren(showError(failed));
    }
  }
  input.addEventListener("change", () => add([...input.files]));
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    add([...event.dataTransfer.files]);
  });
  return zone;
}

/**
 * A real person's consent: its state, and for owners the grant (who, which providers, until
 * when, the signed evidence) or the revocation. The ledger only grows.
 */
function consentPanel(view, project, member, shelves) {
  const status = element("span", { class: "status", role: "status" });
  const inForce = member.consent && member.consent.startsWith("in force");
  const said = !member.consent || member.consent === "none on file" ? t("consent_none") : member.consent;
  const rows = [element("div", {}, element("b", { text: `${t("real_person")}: ` }), element("span", { class: "consent-state", text: said }))];
  if (may("owner")) {
    const redraw = async () => {
      const cast = await api.cast(project);
      const updated = cast.find((m) => m.id === member.id);
      if (updated) status.closest(".member").replaceWith(memberCard(view, project, updated, shelves));
    };
    if (inForce) {
      const form = element("form", { class: "consent-form", "data-consent": "revoke" },
        element("label", {}, t("consent_reason"), element("input", { name: "reason" })),
        element("button", { type: "submit", text: t("consent_revoke") }), status);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const button = form.querySelector("button");
        button.disabled = true;
        try {
          await api.revokeConsent(project, member.id, new FormData(form).get("reason"));
          await redraw();
        } catch (error) { status.replaceChildren(showError(error)); button.disabled = false; }
      });
      rows.push(form);
    } else {
      const form = element("form", { class: "consent-form", "data-consent": "grant" },
        element("label", {}, t("consent_by"), element("input", { name: "by", required: true })),
        element("label", {}, t("consent_providers"), element("input", { name: "providers", placeholder: "kling,vidu" })),
        element("label", {}, t("consent_expires"), element("input", { name: "expires", type: "date" })),
        element("label", {}, t("consent_evidence"), element("input", { name: "evidence", type: "file", required: true,
          accept: "application/pdf,image/png,image/jpeg,audio/wav,audio/mpeg,video/mp4" })),
        element("button", { type: "submit", text: t("consent_grant") }), status);
      form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const fields = { by: data.get("by") };
        if (data.get("providers")) fields.providers = data.get("providers");
        if (data.get("expires")) fields.expires = data.get("expires");
        // One grant per click: the ledger keeps every entry for good.
        const button = form.querySelector("button");
        button.disabled = true;
        try {
          await api.grantConsent(project, member.id, fields, data.get("evidence"));
          await redraw();
        } catch (error) { status.replaceChildren(showError(error)); button.disabled = false; }
      });
      rows.push(form);
    }
  }
  return element("div", { class: "consent", "data-state": inForce ? "in-force" : "none" }, ...rows);
}

/**
 * The reference sheet, on asking: the one picture of a subject's references a model that
 * takes one image per subject is sent (laid out by the server, the bytes a run sends).
 */
function sheetPanel(project, member) {
  const status = element("span", { class: "status", role: "status" });
  const shown = element("div", { class: "sheet" });
  const button = element("button", { type: "button", class: "link", "data-sheet": member.id, text: t("sheet_show") });
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const sheet = await api.sheet(project, member.id);
      shown.replaceChildren(element("img", { src: api.media(project, sheet.media), alt: `${member.name} · ${t("sheet_show")}` }),
        element("p", { class: "muted", text: t("sheet_note", { n: sheet.references }) }));
      button.remove();
    } catch (error) {
      status.replaceChildren(showError(error));
      button.disabled = false;
    }
  });
  return element("div", { class: "sheet-panel" }, button, status, shown);
}

function memberCard(view, project, member, shelves) {
  const refs = member.references.filter((r) => r.media);
  return element("section", { class: "member", "data-subject": member.id },
    element("h2", {}, member.name, " ", element("small", { text: `${t("kind_" + member.kind)} · ${member.planned ? t("from_script") : t("added")} · ${member.shots.length} ${t("shots")}` })),
    member.description ? element("p", { class: "muted", text: member.description }) : null,
    element("div", { class: "refs" }, refs.length
      ? refs.map((r) => element("img", { src: api.media(project, r.media), alt: member.name, loading: "lazy" }))
      : element("span", { class: "muted", text: t("refs_none", { name: member.name }) })),
    refs.length > 1 ? sheetPanel(project, member) : null,
    may("editor") ? dropZone(view, project, member, shelves) : null,
    member.realPerson ? consentPanel(view, project, member, shelves) : null,
    member.voice ? voicePanel(view, project, member, shelves) : null);
}

/**
 * The film's song: what it is, where it plays and who sings it (or that an instrumental
 * plays in its place, and why); editors set its title, style, place, singer and words, or
 * remove it — what `reel song` does.
 */
function songPanel(project, song) {
  const status = element("span", { class: "status", role: "status" });
  const about = song
    ? element("p", { class: "song-now", "data-song": song.title, "data-sung": String(song.sung) },
      element("b", { text: `“${song.title}”` }), " ",
      t(song.at === "end" ? "song_at_end" : "song_at_opening"),
      song.scene !== undefined && song.start !== undefined
        ? ` · ${t("song_when", { scene: song.scene, start: song.start.toFixed(1), length: (song.length || 0).toFixed(1) })}` : "",
      ` · ${t(song.sung ? "song_sung_by" : "song_played_by", { provider: song.provider === "procedural" ? t("song_offline") : song.provider })}`)
    : element("p", { class: "muted song-now", text: t("song_none") });
  const warnings = (song ? song.warnings : []).map((w) => element("p", { class: "warning", text: w }));
  if (!may("editor")) return element("section", { class: "song" }, element("h2", { text: t("song") }), about, ...warnings);
  const field = (name, value, extra = {}) => element("input", { name, value: value || "", ...extra });
  const place = element("select", { name: "at" },
    ["end", "opening"].map((at) => element("option", { value: at, text: t("song_at_" + at), selected: (song ? song.at : "end") === at })));
  const form = element("form", { class: "song-form" },
    element("label", {}, t("song_title"), field("title", song && song.title, { required: true })),
    element("label", {}, t("song_style"), field("style", song && song.style, { placeholder: t("song_style_hint") })),
    element("label", {}, t("song_place"), place),
    element("label", {}, t("song_provider"), field("provider", song && song.provider !== "procedural" ? song.provider : "",
      { placeholder: "minimax" })),
    element("label", { class: "wide" }, t("song_lyrics"),
      element("textarea", { name: "lyrics", rows: "8", required: true, placeholder: "[Verse]\n…\n[Chorus]\n…", text: song ? song.lyrics : "" })),
    element("button", { type: "submit", text: t("song_save") }),
    song ? element("button", { type: "button", class: "link", text: t("song_remove"), onclick: remove }) : null,
    status);
  async function redraw(next) {
    form.closest(".song").replaceWith(songPanel(project, next));
  }
  async function remove() {
    try {
      await api.removeSong(project);
      await redraw(null);
    } catch (error) { status.replaceChildren(showError(error)); }
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { title: data.get("title"), lyrics: data.get("lyrics"), style: data.get("style"), at: data.get("at") };
    if (data.get("provider")) body.provider = data.get("provider");
    status.replaceChildren(t("song_saving"));
    try {
      await redraw(await api.setSong(project, body));
    } catch (error) { status.replaceChildren(showError(error)); }
  });
  return element("section", { class: "song" }, element("h2", { text: t("song") }), about, ...warnings, form);
}

export async function renderCast(view, project) {
  // An episode of a served series: its cast is the series' bible, changed for every episode.
  const [cast, shelves, series, song, music] = await Promise.all([api.cast(project), api.voices(project), api.series().catch(() => null),
    api.song(project), api.music(project)]);
  view.replaceChildren(
    element("a", { class: "back", href: `#/p/${encodeURIComponent(project)}`, text: t("back") }),
    element("h1", { text: t("cast") }),
    element("p", { class: "muted", text: t("cast_note") }),
    series ? element("p", { class: "remote", "data-series-cast": "" }, t("cast_series", { title: series.title })) : "",
    ...cast.map((member) => memberCard(view, project, member, shelves)),
    songPanel(project, song),
    musicPanel(project, music));
}
