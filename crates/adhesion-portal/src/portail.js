// The portal's script: saves the form when a field is left or Enter is pressed (PUT to the API,
// the server's rules), says when it last saved, shows the diagnostics next to their fields
// (errors and warnings apart) and the errors in the summary, and keeps the totals. The page
// works without it (plain form posts). It holds no text: the page gives the fixed ones (the JSON
// data block `#portail-textes`, from the catalogue) and the API's answers the ones that depend
// on numbers or times (`texts.totals`, `texts.errors`, `texts.saved`).
"use strict";
(function () {
  const form = document.getElementById("fiche");
  if (!form || form.querySelector("input[disabled], select[disabled]")) return;
  const api = "/api" + window.location.pathname.replace(/\/$/, "");
  const block = document.getElementById("portail-textes");
  const texts = Object.assign({ colon: ": ", separator: "; " },
    block ? JSON.parse(block.textContent) : {});
  const saved = document.getElementById("enregistrement");
  let refreshes = 0;
  function fieldId(path) {
    return ("f-" + path.replace(/[^A-Za-z0-9_]/g, "-")).replace(/--/g, "-").replace(/-+$/, "");
  }
  function collect() {
    const m = { signataire: {}, contact: {}, ecoles: [], signature: {}, deliberation: {} };
    for (const el of form.elements) {
      if (!el.name || el.type === "submit" || el.type === "checkbox") continue;
      const s = /^ecoles\[(\d+)\]\.(\w+)$/.exec(el.name);
      if (s) {
        const row = form.querySelector('[name="ecoles[' + s[1] + '].supprimer"]');
        if (row && row.checked) continue;
        (m.ecoles[s[1]] = m.ecoles[s[1]] || {})[s[2]] = el.value;
      } else {
        const [section, key] = el.name.split(".");
        if (m[section]) m[section][key] = el.value;
      }
    }
    m.ecoles = m.ecoles.filter(Boolean);
    return m;
  }
  // An input's description: its format's hint, then its message when it has one.
  function describe(input, message) {
    const ids = [];
    const hint = document.getElementById(input.id + "-indication");
    if (hint) ids.push(hint.id);
    if (message) ids.push(message.id);
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }
  function clear() {
    for (const p of form.querySelectorAll("p.message")) {
      p.hidden = true; p.textContent = ""; p.className = "message";
    }
    for (const el of form.querySelectorAll("input, select")) {
      el.removeAttribute("aria-invalid");
      if (el.id) describe(el, null);
    }
  }
  function show(diagnostics, title) {
    clear();
    const byField = new Map();
    for (const d of diagnostics) {
      const input = d.field && document.getElementById(fieldId(d.field));
      if (!input) continue;
      const entry = byField.get(input) || { errors: [], warnings: [] };
      (d.severity === "error" ? entry.errors : entry.warnings).push(d.message);
      byField.set(input, entry);
    }
    for (const [input, entry] of byField) {
      const p = document.getElementById(input.id + "-message");
      if (!p) continue;
      const error = entry.errors.length > 0;
      p.className = "message " + (error ? "erreur" : "avertissement");
      p.textContent = (error ? entry.errors : entry.warnings).join(texts.separator);
      p.hidden = false;
      if (error) input.setAttribute("aria-invalid", "true");
      describe(input, p);
    }
    const summary = document.getElementById("resume");
    summary.textContent = "";
    const errors = diagnostics.filter(d => d.severity === "error");
    if (errors.length === 0) return;
    const list = document.createElement("ul");
    for (const d of errors) {
      const li = document.createElement("li");
      const input = d.field && document.getElementById(fieldId(d.field));
      if (input) {
        const a = document.createElement("a");
        a.href = "#" + input.id;
        const label = form.querySelector('label[for="' + input.id + '"]');
        a.textContent = (label ? label.textContent.replace(/\s*\*$/, "") + texts.colon : "") + d.message;
        li.appendChild(a);
      } else {
        li.textContent = d.message;
      }
      list.appendChild(li);
    }
    const h = document.createElement("h2");
    h.textContent = title || "";
    summary.appendChild(h);
    summary.appendChild(list);
  }
  // The draft's version: sent with each save and renewed by its answer, so that a save made
  // meanwhile from another tab is refused (409) instead of overwritten.
  const version = form.querySelector('input[name="version"]');
  function refused(message) {
    const summary = document.getElementById("resume");
    summary.textContent = "";
    const p = document.createElement("p");
    p.className = "avis";
    p.textContent = message;
    summary.appendChild(p);
    summary.focus();
  }
  // What the server holds, as last sent: leaving a field unchanged sends nothing.
  let held = JSON.stringify(collect());
  async function save() {
    const member = JSON.stringify(collect());
    if (member === held) return;
    if (saved && texts.saving) saved.textContent = texts.saving;
    try {
      const r = await fetch(api, {
        method: "PUT", headers: { "Content-Type": "application/json" },
        body: `{"version":${version ? Number(version.value) : null},"member":${member}}`,
        credentials: "same-origin",
      });
      const body = await r.json();
      // Saved meanwhile by another tab, or too many saves in a minute: said, nothing changed.
      if (r.status === 409 || r.status === 429) {
        refused(body.error || "");
        if (saved) saved.textContent = "";
        return;
      }
      if (!r.ok && r.status !== 422) throw new Error(String(r.status));
      held = member;
      if (version && typeof body.version === "number") version.value = String(body.version);
      if (body.diagnostics) show(body.diagnostics, body.texts && body.texts.errors);
      const t = document.getElementById("totaux");
      if (t && body.texts && body.texts.totals) t.textContent = body.texts.totals;
      if (saved && body.texts && body.texts.saved) saved.textContent = body.texts.saved;
      // The preview drawn again from the draft just saved; hidden while the draft has errors
      // (the server draws none).
      const preview = document.querySelector(".apercu");
      if (preview) preview.hidden = !r.ok;
      if (r.ok) {
        refreshes += 1;
        for (const img of document.querySelectorAll(".apercu img")) {
          img.src = img.src.replace(/\?.*$/, "") + "?v=" + refreshes;
        }
      }
    } catch (e) {
      // Offline or refused: the form still posts with its buttons.
      if (saved && texts.failed) saved.textContent = texts.failed;
    }
  }
  form.addEventListener("blur", e => {
    if (e.target.name && e.target.type !== "submit" && e.target.type !== "checkbox") save();
  }, true);
  // A school removed or kept: saved (and counted) at once.
  form.addEventListener("change", e => { if (e.target.type === "checkbox") save(); });
  // Enter in a field saves, and never adds or removes a school (the form's first button).
  form.addEventListener("keydown", e => {
    const t = e.target;
    if (e.key !== "Enter" || !t.name) return;
    if (t.tagName === "SELECT" || (t.tagName === "INPUT" && !["submit", "checkbox"].includes(t.type))) {
      e.preventDefault();
      save();
    }
  });
})();
