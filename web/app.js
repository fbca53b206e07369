/* app.js: the interview page. Every step posts all the answers given so far
 * to /v1/interview (the server keeps nothing) and shows the question(s) it
 * returns, the provisional result, and at the end the result with each
 * conclusion's reason and source; "Why?" asks /v1/explain. All wording comes
 * from the knowledge base through the API; text is only ever set with
 * textContent. */
"use strict";

(function () {
  var answers = []; /* [question id, value, checklist id or null] in the order given:
                       Back takes back one answer, or one whole checklist */
  var kinds = {};   /* JSON list field -> {id, heading} (from /v1/kb) */
  var kindOrder = [];
  var busy = false;

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function answersObject() {
    var o = {};
    answers.forEach(function (a) { o[a[0]] = a[1]; });
    return o;
  }

  function post(path, body) {
    return fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error + (j.hint ? " (" + j.hint + ")" : ""));
        return j;
      });
    });
  }

  /* The step's count of prompts left (a checklist counts once), as the
   * session's progress line says it. */
  function progressText(step) {
    var n = step.progress.prompts;
    return "Answered " + step.progress.answered +
      (n ? " · about " + n + " question" + (n === 1 ? "" : "s") + " left" : "");
  }

  function setStatus(text) { $("status").textContent = text; $("status").hidden = !text; }

  /* What the step says must be shown at once: the alert of the level the
   * answers reached, and "stop pressing" from the answer that raised it on.
   * The page decides no level of its own. */
  /* The number to call at this level (the step's "call", from the
   * knowledge base's locales) as a tel: link: the main action. */
  function showCall(a, where, call) {
    a.hidden = !call;
    where.hidden = !(call && call.where);
    if (!call) return;
    a.href = "tel:" + call.number;
    a.textContent = call.label;
    where.textContent = call.where || "";
  }

  function showAlert(step) {
    var box = $("alert");
    var lvl = step.reached || step.so_far;
    if (!step.alert || !lvl) { box.hidden = true; }
    else {
      $("alert-title").textContent = lvl.title;
      $("alert-todo").textContent = lvl.todo;
      showCall($("alert-call"), $("alert-where"), step.call);
      box.className = lvl.rank <= 1 ? "alert" : "alert warn";
      box.hidden = false;
    }
    var stop = $("stop");
    stop.hidden = !step.stop_pressing;
    if (step.stop) $("stop-text").textContent = step.stop.text + (step.stop.dose ? " " + step.stop.dose : "");
  }

  /* The answers stay with this tab across a reload and Back (sessionStorage,
   * never sent anywhere but the server's step). */
  var KEY = "tptriage-answers";
  function keep() {
    try { sessionStorage.setItem(KEY, JSON.stringify(answers)); } catch (e) { /* private mode */ }
  }
  function restore() {
    try {
      var a = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      if (Array.isArray(a)) answers = a.filter(function (x) { return Array.isArray(x) && x.length === 3; });
    } catch (e) { answers = []; }
  }

  function answer(qid, value) {
    answers = answers.filter(function (a) { return a[0] !== qid; });
    answers.push([qid, value, null]);
    step();
  }

  function renderChoices(q) {
    var box = $("choices");
    box.textContent = "";
    $("q-error").textContent = "";
    $("q-legend").textContent = q.text;
    if (q.kind === "number") {
      var lab = el("label", null, "A whole number from " + q.min + " to " + q.max);
      var inp = el("input");
      inp.type = "number"; inp.min = q.min; inp.max = q.max; inp.step = 1; inp.id = "q-number";
      inp.required = true;
      lab.htmlFor = "q-number";
      var go = el("button", null, "Continue");
      go.type = "submit";
      box.appendChild(lab); box.appendChild(inp); box.appendChild(go);
      $("q-form").onsubmit = function (ev) {
        ev.preventDefault();
        var v = inp.value.trim();
        if (!/^-?\d+$/.test(v) || +v < q.min || +v > q.max) {
          $("q-error").textContent = "Please give a whole number from " + q.min + " to " + q.max + ".";
          return;
        }
        answer(q.id, parseInt(v, 10));
      };
      return;
    }
    if (q.kind === "multi") {
      q.choices.forEach(function (c, i) {
        var lab = el("label", "check");
        var cb = el("input");
        cb.type = "checkbox"; cb.value = c.id; cb.id = "c" + i;
        lab.htmlFor = cb.id;
        lab.appendChild(cb);
        lab.appendChild(el("span", null, c.label));
        box.appendChild(lab);
      });
      // a value the step marks exclusive ("none") cannot stand with another:
      // ticking one unticks the others, as the API would refuse both
      var excl = q.exclusive || [];
      box.addEventListener("change", function (ev) {
        var t = ev.target;
        if (!t.checked || t.type !== "checkbox") return;
        var mine = excl.indexOf(t.value) >= 0;
        Array.prototype.forEach.call(box.querySelectorAll("input:checked"), function (o) {
          if (o !== t && (mine || excl.indexOf(o.value) >= 0)) o.checked = false;
        });
      });
      var next = el("button", null, "Continue");
      next.type = "submit";
      box.appendChild(next);
      $("q-form").onsubmit = function (ev) {
        ev.preventDefault();
        var vals = Array.prototype.filter.call(box.querySelectorAll("input:checked"),
          function () { return true; }).map(function (c) { return c.value; });
        if (!vals.length) { $("q-error").textContent = "Please tick at least one."; return; }
        answer(q.id, vals);
      };
      return;
    }
    $("q-form").onsubmit = function (ev) { ev.preventDefault(); };
    q.choices.forEach(function (c, i) {
      var b = el("button", "choice", c.label);
      b.type = "button";
      b.setAttribute("data-value", c.id);
      b.setAttribute("aria-keyshortcuts", String(i + 1));
      b.addEventListener("click", function () { answer(q.id, c.id); });
      box.appendChild(b);
    });
  }

  /* A checklist (facts/groups.clp): tick what applies; each item not ticked
   * is answered no, "Not sure" where the question allows it. How "not sure"
   * counts is said on the page, each item's help is one key (?) or one
   * button away, "None of these" answers the whole list at once, and Enter
   * goes on: a digit and Enter tick an item and go on. */
  function submitGroup(g, none) {
    var ids = g.items.map(function (it) { return it.question; });
    answers = answers.filter(function (a) { return ids.indexOf(a[0]) < 0; });
    g.items.forEach(function (it, i) {
      var u = $("u" + i);
      var v = none ? "no" : u && u.checked ? "unsure" : $("g" + i).checked ? "yes" : "no";
      answers.push([it.question, v, g.id]);
    });
    step();
  }

  function renderGroup(st) {
    var g = st.group;
    var box = $("choices");
    box.textContent = "";
    $("q-error").textContent = "";
    $("q-legend").textContent = g.prompt;
    $("q-text").textContent = g.prompt;
    $("q-help").textContent = "Tick each one that applies (the number keys tick them too), then Continue or press Enter.";
    var unsureText = "";
    g.items.forEach(function (it, i) {
      var q = st.questions[i];
      var row = el("div", "check-row");
      var lab = el("label", "check");
      var cb = el("input");
      cb.type = "checkbox"; cb.id = "g" + i; cb.className = "item";
      cb.setAttribute("aria-describedby", "h" + i);
      lab.htmlFor = cb.id;
      lab.appendChild(cb);
      lab.appendChild(el("span", null, (i + 1) + ". " + it.text));
      row.appendChild(lab);
      var unsure = q.choices.filter(function (c) { return c.id === "unsure"; })[0];
      if (unsure) {
        if (!unsureText && q.unsure) unsureText = q.unsure;
        var ul = el("label", "check unsure");
        var u = el("input");
        u.type = "checkbox"; u.id = "u" + i;
        u.setAttribute("aria-label", unsure.label + ": " + it.text); /* each its own name */
        ul.htmlFor = u.id;
        ul.appendChild(u);
        ul.appendChild(el("span", null, unsure.label));
        row.appendChild(ul);
      }
      var hb = el("button", "help-button secondary", "?");
      hb.type = "button";
      hb.setAttribute("aria-label", "What this means: " + it.text);
      hb.setAttribute("aria-expanded", "false");
      hb.setAttribute("aria-controls", "h" + i);
      hb.tabIndex = -1; /* the ? key on an item opens it; the button is for pointers */
      hb.addEventListener("click", function () { toggleHelp(i); });
      row.appendChild(hb);
      var help = el("p", "item-help", q.help || it.text);
      help.id = "h" + i;
      help.hidden = true;
      row.appendChild(help);
      box.appendChild(row);
    });
    /* how "not sure" counts, said on the page */
    $("q-unsure").textContent = unsureText ? "Not sure about one? Tick its \u201cNot sure\u201d box. " + unsureText : "";
    $("q-unsure").hidden = !unsureText;
    var bar = el("div", "nav");
    var go = el("button", null, "Continue");
    go.type = "submit";
    bar.appendChild(go);
    var none = el("button", "secondary", "None of these");
    none.type = "button"; none.id = "none";
    none.addEventListener("click", function () { submitGroup(g, true); });
    bar.appendChild(none);
    box.appendChild(bar);
    $("q-form").onsubmit = function (ev) {
      ev.preventDefault();
      submitGroup(g, false);
    };
  }

  function toggleHelp(i) {
    var h = $("h" + i);
    if (!h) return;
    h.hidden = !h.hidden;
    var b = h.parentNode.querySelector("button.help-button");
    if (b) b.setAttribute("aria-expanded", String(!h.hidden));
  }

  function renderQuestion(step) {
    var q = step.questions[0];
    $("question").hidden = false;
    if (step.group) {
      $("question").setAttribute("data-question", q.id);
      $("question").setAttribute("data-group", step.group.id);
      $("progress").textContent = progressText(step);
      $("back").disabled = answers.length === 0;
      renderGroup(step);
      $("q-text").focus();
      return;
    }
    $("question").removeAttribute("data-group");
    $("question").setAttribute("data-question", q.id);
    $("progress").textContent = progressText(step);
    $("q-text").textContent = q.text;
    $("q-help").textContent = q.help;
    $("q-unsure").textContent = q.unsure ? "Not sure? " + q.unsure : "";
    $("q-unsure").hidden = !q.unsure || !q.choices.some(function (c) { return c.id === "unsure"; });
    $("back").disabled = answers.length === 0;
    renderChoices(q);
    $("q-text").focus();
  }

  /* The level that stands so far, as the step says it (open warning-sign
   * questions counted as not answered, as batch counts them). */
  function renderProvisional(step) {
    var r = step.result;
    var lvl = step.so_far;
    $("provisional").hidden = !lvl;
    if (lvl) $("prov-text").textContent = lvl.title + ". " + lvl.todo;
    $("prov-note").hidden = !step.provisional;
    $("disclaimer").textContent = r.disclaimer || "";
  }

  function sourceText(s) {
    if (!s || !s.title) return "";
    return "Source: " + s.title + (s.section ? ", " + s.section : "");
  }

  function explainInto(box, id) {
    box.hidden = false;
    box.textContent = "…";
    post("/v1/explain", { answers: answersObject(), id: id }).then(function (x) {
      box.textContent = "";
      x.how.forEach(function (h) {
        box.appendChild(el("p", null, h.reason)); /* the reason: the rule's comment is for clinicians */
        if (h.because.length) {
          box.appendChild(el("p", null, "It rests on your answers:"));
          var ul = el("ul");
          h.because.forEach(function (b) {
            ul.appendChild(el("li", null, (b.asked || b.question) + " — " + b.answer_words));
          });
          box.appendChild(ul);
        } else if (h.at_level) {
          box.appendChild(el("p", null, "It follows from the level reached."));
        }
        var s = sourceText(h.source);
        if (s) box.appendChild(el("p", null, s));
      });
      if (!x.how.length) box.appendChild(el("p", null, x.words));
    }).catch(function (e) { box.textContent = e.message; });
  }

  function item(entry, expl) {
    var d = el("div", "item");
    d.appendChild(el("strong", null, entry.text || entry.id));
    if (entry.dose) d.appendChild(el("p", "dose", entry.dose));
    if (expl) {
      d.appendChild(el("p", "reason", expl.reason));
      var s = sourceText(expl.source);
      if (s) d.appendChild(el("p", "source", s));
    }
    var why = el("button", "why secondary", "Why?");
    why.type = "button";
    why.setAttribute("aria-expanded", "false");
    var box = el("div", "explain");
    box.hidden = true;
    box.setAttribute("aria-live", "polite");
    why.addEventListener("click", function () {
      var open = box.hidden;
      why.setAttribute("aria-expanded", String(open));
      if (open) explainInto(box, entry.id); else box.hidden = true;
    });
    d.appendChild(why);
    d.appendChild(box);
    return d;
  }

  function renderResult(step) {
    var r = step.result;
    $("question").hidden = true;
    $("provisional").hidden = true;
    $("result").hidden = false;
    $("res-title").textContent = r.level.title;
    $("res-todo").textContent = r.level.todo;
    showCall($("res-call"), $("res-where"), step.call);
    /* with a number to call, calling is the main action, not starting again */
    $("res-restart").className = step.call ? "secondary" : "";
    var lists = $("res-lists");
    lists.textContent = "";
    var levelExpl = r.explanations.filter(function (e) { return e.kind === "level"; })[0];
    if (levelExpl) lists.appendChild(item({ id: r.disposition, text: levelExpl.reason }, null));
    kindOrder.forEach(function (field) {
      var list = r[field];
      if (!list || !list.length) return;
      /* the session's words for the list (Warning signs, Take care), else the report's */
      lists.appendChild(el("h3", null, kinds[field].summary || kinds[field].heading));
      list.forEach(function (entry) {
        var expl = r.explanations.filter(function (e) {
          return e.conclusion === entry.id && e.kind === kinds[field].id;
        })[0];
        lists.appendChild(item(entry, expl));
      });
    });
    var net = $("res-net");
    net.textContent = "";
    (r.safety_net || []).forEach(function (s) { net.appendChild(el("li", null, s.text || s)); });
    $("net-head").hidden = !(r.safety_net && r.safety_net.length);
    $("res-back").disabled = answers.length === 0;
    $("res-title").focus();
  }

  function step() {
    if (busy) return;
    busy = true;
    keep();
    setStatus("");
    post("/v1/interview", { answers: answersObject(), groups: true }).then(function (s) {
      busy = false;
      $("kb").textContent = s.kb;
      showAlert(s);
      renderProvisional(s);
      if (s.done) renderResult(s);
      else { $("result").hidden = true; renderQuestion(s); }
      if (s.alert) $("alert").scrollIntoView(); /* the banner first, whatever has focus */
      else if (s.stop_pressing) $("stop").scrollIntoView();
    }).catch(function (e) {
      busy = false;
      setStatus("Something went wrong: " + e.message);
    });
  }

  function back() {
    var last = answers.pop();
    while (last && last[2] && answers.length && answers[answers.length - 1][2] === last[2])
      answers.pop(); /* the whole checklist */
    step();
  }
  /* Start again discards the answers: asked first, on the page. */
  function restart() {
    if (answers.length && $("confirm").hidden) {
      $("confirm-text").textContent = "Start again and clear your " + answers.length +
        " answer" + (answers.length === 1 ? "" : "s") + "?";
      $("confirm").hidden = false;
      $("confirm-yes").focus();
      return;
    }
    $("confirm").hidden = true;
    answers = []; $("alert").hidden = true; $("stop").hidden = true; step();
  }

  document.addEventListener("keydown", function (ev) {
    if ($("question").hidden || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var items = $("choices").querySelectorAll("input.item");
    var t = ev.target;
    if (items.length && ev.key === "?" && t && t.id && /^[gu]\d+$/.test(t.id)) {
      ev.preventDefault(); toggleHelp(parseInt(t.id.slice(1), 10)); return; /* this item's help */
    }
    if (items.length && ev.key === "Enter" && !(t && (t.tagName === "BUTTON" || t.tagName === "A"))) {
      ev.preventDefault(); $("q-form").requestSubmit(); return; /* go on */
    }
    if (t && t.tagName === "INPUT" && t.type !== "checkbox") return;
    var n = parseInt(ev.key, 10);
    if (items.length) {
      if (n >= 1 && n <= items.length) { ev.preventDefault(); items[n - 1].click(); }
      return;
    }
    var buttons = $("choices").querySelectorAll("button.choice");
    if (n >= 1 && n <= buttons.length) { ev.preventDefault(); buttons[n - 1].click(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    $("back").addEventListener("click", back);
    $("res-back").addEventListener("click", back);
    $("restart").addEventListener("click", restart);
    $("res-restart").addEventListener("click", restart);
    $("confirm-yes").addEventListener("click", restart);
    $("confirm-no").addEventListener("click", function () { $("confirm").hidden = true; });
    /* leaving the page keeps the answers in this tab; closing it loses them: say so */
    window.addEventListener("beforeunload", function (ev) {
      if (answers.length && $("result").hidden) { ev.preventDefault(); ev.returnValue = ""; }
    });
    restore();
    fetch("/v1/kb").then(function (r) { return r.json(); }).then(function (kb) {
      kb.kinds.forEach(function (k) {
        if (k.field) { kinds[k.field] = k; kindOrder.push(k.field); }
      });
      step();
    }).catch(function (e) { setStatus("Could not reach the server: " + e.message); });
  });
})();
