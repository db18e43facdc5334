// The portal's script: checks the form when a field is left (PUT to the API, the server's
// rules), shows the diagnostics next to their fields and in the summary, and keeps the totals.
// The page works without it (plain form posts). It holds no text: the page gives the fixed ones
// (the JSON data block `#portail-textes`, from the catalogue) and the API's answers the ones
// that depend on numbers (`texts.totals`, `texts.errors`).
"use strict";
(function () {
  const form = document.getElementById("fiche");
  if (!form || form.querySelector("input[disabled], select[disabled]")) return;
  const api = "/api" + window.location.pathname.replace(/\/$/, "");
  const block = document.getElementById("portail-textes");
  const texts = Object.assign({ colon: ": ", separator: "; " },
    block ? JSON.parse(block.textContent) : {});
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
  function show(diagnostics, title) {
    for (const p of form.querySelectorAll("p.erreur")) { p.hidden = true; p.textContent = ""; }
    for (const el of form.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby");
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
        const p = document.getElementById(input.id + "-erreur");
        if (p) {
          p.textContent = p.textContent ? p.textContent + texts.separator + d.message : d.message;
          p.hidden = false;
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", p.id);
        }
        const a = document.createElement("a");
        a.href = "#" + input.id;
        const label = form.querySelector('label[for="' + input.id + '"]');
        a.textContent = (label ? label.textContent + texts.colon : "") + d.message;
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
  async function check() {
    try {
      const r = await fetch(api, {
        method: "PUT", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ version: version ? Number(version.value) : null, member: collect() }),
        credentials: "same-origin",
      });
      const body = await r.json();
      // Saved meanwhile by another tab, or too many saves in a minute: said, nothing changed.
      if (r.status === 409 || r.status === 429) { refused(body.error || ""); return; }
      if (version && typeof body.version === "number") version.value = String(body.version);
      if (body.diagnostics) show(body.diagnostics, body.texts && body.texts.errors);
      const t = document.getElementById("totaux");
      if (t && body.texts && body.texts.totals) t.textContent = body.texts.totals;
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
    } catch (e) { /* offline: the form still posts */ }
  }
  form.addEventListener("blur", e => { if (e.target.name) check(); }, true);
  // A school removed or kept: checked (and counted) at once.
  form.addEventListener("change", e => { if (e.target.type === "checkbox") check(); });
})();
