// The portal's script: checks the form when a field is left (PUT to the API, the server's
// rules), shows the diagnostics next to their fields and in the summary, and keeps the totals.
// The page works without it (plain form posts).
"use strict";
(function () {
  const form = document.getElementById("fiche");
  if (!form || form.querySelector("input[disabled], select[disabled]")) return;
  const api = "/api" + window.location.pathname.replace(/\/$/, "");
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
  function show(diagnostics) {
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
          p.textContent = p.textContent ? p.textContent + " ; " + d.message : d.message;
          p.hidden = false;
          input.setAttribute("aria-invalid", "true");
          input.setAttribute("aria-describedby", p.id);
        }
        const a = document.createElement("a");
        a.href = "#" + input.id;
        const label = form.querySelector('label[for="' + input.id + '"]');
        a.textContent = (label ? label.textContent + "\u00a0: " : "") + d.message;
        li.appendChild(a);
      } else {
        li.textContent = d.message;
      }
      list.appendChild(li);
    }
    const h = document.createElement("h2");
    h.textContent = errors.length === 1 ? "1 erreur à corriger" : errors.length + " erreurs à corriger";
    summary.appendChild(h);
    summary.appendChild(list);
  }
  function totals() {
    let schools = 0, pupils = 0;
    for (const el of form.querySelectorAll('input[name$="].eleves"]')) {
      const row = form.querySelector('[name="' + el.name.replace("eleves", "supprimer") + '"]');
      if (row && row.checked) continue;
      schools += 1; pupils += parseInt(el.value, 10) || 0;
    }
    const t = document.getElementById("totaux");
    if (t) t.textContent = (schools <= 1 ? schools + " école, " : schools + " écoles, ") +
      (pupils <= 1 ? pupils + " élève" : pupils.toLocaleString("fr-FR") + " élèves");
  }
  async function check() {
    try {
      const r = await fetch(api, {
        method: "PUT", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(collect()), credentials: "same-origin",
      });
      const body = await r.json();
      if (body.diagnostics) show(body.diagnostics);
    } catch (e) { /* offline: the form still posts */ }
  }
  form.addEventListener("blur", e => { if (e.target.name) check(); }, true);
  form.addEventListener("input", totals);
  form.addEventListener("change", totals);
})();
