/*
 * docgen default theme: navigation drawer, copy buttons on code blocks, table-of-contents
 * scroll-spy. Plain ES2017, no modules, no network; works from file://. Every feature checks
 * for its elements and does nothing when they are missing.
 */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  if (!body) {
    return;
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Navigation drawer (small screens)                                                         */
  /* ---------------------------------------------------------------------------------------- */

  function setUpNavigation() {
    var toggle = doc.querySelector(".nav-toggle");
    var sidebar = doc.getElementById("sidebar") || doc.querySelector(".sidebar");
    if (!sidebar) {
      return;
    }

    revealCurrentNavItem(sidebar);

    if (!toggle) {
      return;
    }

    function isOpen() {
      return body.classList.contains("nav-open");
    }

    function setOpen(open, options) {
      var restoreFocus = options && options.restoreFocus;
      body.classList.toggle("nav-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        revealCurrentNavItem(sidebar);
        // Move focus into the drawer once it is visible (visibility flips at once when opening).
        var target = sidebar.querySelector(".current > a, a.current") || sidebar.querySelector("a");
        if (target && options && options.focusInside) {
          target.focus({ preventScroll: true });
        }
      } else if (restoreFocus) {
        toggle.focus();
      }
    }

    toggle.addEventListener("click", function (event) {
      var opening = !isOpen();
      // A keyboard "click" has detail 0: then move focus into the drawer.
      setOpen(opening, { focusInside: opening && event.detail === 0 });
    });

    doc.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && isOpen()) {
        var focusWasInside = sidebar.contains(doc.activeElement);
        setOpen(false, { restoreFocus: focusWasInside || doc.activeElement === toggle });
      }
    });

    // A click on a link in the drawer closes it (the page is about to change or scroll).
    sidebar.addEventListener("click", function (event) {
      var target = event.target;
      var link = target && target.closest ? target.closest("a") : null;
      if (link && isOpen()) {
        setOpen(false);
      }
    });

    // A click outside the drawer (on the backdrop) closes it.
    doc.addEventListener("click", function (event) {
      if (!isOpen()) {
        return;
      }
      var target = event.target;
      if (sidebar.contains(target) || toggle.contains(target)) {
        return;
      }
      setOpen(false);
    });

    // Tabbing out of the open drawer closes it.
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (isOpen() && next && !sidebar.contains(next) && next !== toggle) {
        setOpen(false);
      }
    });

    // Growing the window past the drawer breakpoint: drop the open state.
    if (window.matchMedia) {
      var wide = window.matchMedia("(min-width: 800px)");
      var onChange = function () {
        if (wide.matches && isOpen()) {
          setOpen(false);
        }
      };
      if (wide.addEventListener) {
        wide.addEventListener("change", onChange);
      } else if (wide.addListener) {
        wide.addListener(onChange);
      }
    }
  }

  // Scroll the sidebar (not the page) so the current page's link is visible in a long nav.
  function revealCurrentNavItem(sidebar) {
    var current = sidebar.querySelector(".nav-item.current > a, .nav-item.current > .nav-label");
    if (!current || sidebar.scrollHeight <= sidebar.clientHeight) {
      return;
    }
    var sidebarRect = sidebar.getBoundingClientRect();
    var itemRect = current.getBoundingClientRect();
    var top = itemRect.top - sidebarRect.top;
    if (top < 0 || itemRect.bottom > sidebarRect.bottom - 16) {
      sidebar.scrollTop += top - sidebar.clientHeight / 3;
    }
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Copy buttons                                                                              */
  /* ---------------------------------------------------------------------------------------- */

  var liveRegion = null;

  function announce(message) {
    if (!liveRegion) {
      liveRegion = doc.createElement("span");
      liveRegion.className = "visually-hidden";
      liveRegion.setAttribute("aria-live", "polite");
      liveRegion.setAttribute("role", "status");
      body.appendChild(liveRegion);
    }
    liveRegion.textContent = "";
    // A fresh text node after a tick so repeated identical messages are announced again.
    window.setTimeout(function () {
      liveRegion.textContent = message;
    }, 50);
  }

  // Copies with a hidden textarea and execCommand: for file:// and browsers without the API.
  function fallbackCopy(text) {
    var active = doc.activeElement;
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.tabIndex = -1;
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.left = "0";
    area.style.width = "1px";
    area.style.height = "1px";
    area.style.padding = "0";
    area.style.border = "0";
    area.style.opacity = "0";
    area.style.pointerEvents = "none";
    body.appendChild(area);
    var ok = false;
    try {
      area.focus({ preventScroll: true });
      area.select();
      area.setSelectionRange(0, text.length);
      ok = doc.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    body.removeChild(area);
    if (active && typeof active.focus === "function") {
      active.focus({ preventScroll: true });
    }
    return ok;
  }

  function copyText(text) {
    var clipboard = navigator.clipboard;
    if (clipboard && typeof clipboard.writeText === "function") {
      return clipboard.writeText(text).catch(function () {
        if (!fallbackCopy(text)) {
          throw new Error("copy failed");
        }
      });
    }
    return fallbackCopy(text) ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function makeCopyButton(label, ariaLabel, className, textToCopy) {
    var button = doc.createElement("button");
    button.type = "button";
    button.className = className;
    button.setAttribute("aria-label", ariaLabel);
    button.textContent = label;
    var timer = 0;

    function show(text, stateClass) {
      window.clearTimeout(timer);
      button.classList.remove("copied", "copy-failed");
      button.classList.add(stateClass);
      button.textContent = text;
      timer = window.setTimeout(function () {
        button.classList.remove("copied", "copy-failed");
        button.textContent = label;
      }, 1500);
    }

    button.addEventListener("click", function () {
      copyText(textToCopy()).then(
        function () {
          show("Copied", "copied");
          announce("Copied to clipboard");
        },
        function () {
          show("Failed", "copy-failed");
          announce("Could not copy");
        }
      );
    });
    return button;
  }

  function setUpCopyButtons() {
    var blocks = doc.querySelectorAll(".codeblock");
    Array.prototype.forEach.call(blocks, function (block) {
      var code = block.querySelector("code");
      if (!code || block.querySelector(".copy-button")) {
        return;
      }
      var actions = doc.createElement("div");
      actions.className = "copy-actions";
      // Without the final newline, so a pasted command waits for Enter instead of running at once.
      var wholeBlock = function () {
        return code.textContent.replace(/\n$/, "");
      };
      if (block.hasAttribute("data-copy")) {
        // A shell session: the main button copies the commands only, never prompts or output.
        var commands = block.getAttribute("data-copy") || "";
        actions.appendChild(makeCopyButton("Copy", "Copy the commands", "copy-button", function () {
          return commands;
        }));
        actions.appendChild(makeCopyButton("Copy all", "Copy the whole session with its output", "copy-button copy-all", wholeBlock));
      } else {
        actions.appendChild(makeCopyButton("Copy", "Copy code", "copy-button", wholeBlock));
      }
      block.appendChild(actions);
    });
  }

  /* ---------------------------------------------------------------------------------------- */
  /* Table-of-contents scroll-spy                                                              */
  /* ---------------------------------------------------------------------------------------- */

  function setUpScrollSpy() {
    var toc = doc.querySelector(".toc-sidebar");
    if (!toc || !("IntersectionObserver" in window)) {
      return;
    }
    var links = toc.querySelectorAll('a[href^="#"]');
    var entries = [];
    Array.prototype.forEach.call(links, function (link) {
      var id = link.getAttribute("href").slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (error) {
        // Keep the raw id.
      }
      var heading = id ? doc.getElementById(id) : null;
      if (heading) {
        entries.push({ link: link, heading: heading });
      }
    });
    if (!entries.length) {
      return;
    }

    var activeLink = null;
    var clickedId = null;
    var scheduled = false;

    function setActive(link) {
      if (link === activeLink) {
        return;
      }
      if (activeLink) {
        activeLink.classList.remove("active");
      }
      activeLink = link;
      if (!link) {
        return;
      }
      link.classList.add("active");
      // Keep the active entry visible when the TOC itself scrolls.
      if (toc.scrollHeight > toc.clientHeight) {
        var tocRect = toc.getBoundingClientRect();
        var linkRect = link.getBoundingClientRect();
        if (linkRect.top < tocRect.top || linkRect.bottom > tocRect.bottom) {
          toc.scrollTop += linkRect.top - tocRect.top - toc.clientHeight / 2;
        }
      }
    }

    // The active heading is the last one whose top has passed a line a quarter down the viewport.
    function update() {
      scheduled = false;
      var line = window.innerHeight * 0.25;
      var current = null;
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].heading.getBoundingClientRect().top <= line) {
          current = entries[i];
        } else {
          break;
        }
      }
      // At the very bottom, headings below the line can never reach it: prefer the one the
      // reader clicked, else the last heading on screen.
      if (isAtBottom()) {
        var clicked = null;
        var lastVisible = null;
        for (var j = 0; j < entries.length; j++) {
          var top = entries[j].heading.getBoundingClientRect().top;
          if (top >= 0 && top < window.innerHeight) {
            lastVisible = entries[j];
            if (entries[j].heading.id === clickedId) {
              clicked = entries[j];
            }
          }
        }
        current = clicked || lastVisible || current;
      }
      setActive(current ? current.link : entries[0].link);
    }

    function isAtBottom() {
      var scroller = doc.scrollingElement || doc.documentElement;
      return window.innerHeight + window.pageYOffset >= scroller.scrollHeight - 2;
    }

    function schedule() {
      if (!scheduled) {
        scheduled = true;
        window.requestAnimationFrame(update);
      }
    }

    // The observed band runs from below the sticky header to the line above: a heading
    // crossing the line changes the answer, and the observer reports exactly those crossings.
    var header = doc.querySelector(".site-header");
    var headerHeight = header ? Math.round(header.getBoundingClientRect().height) : 0;
    var observer = new IntersectionObserver(schedule, {
      rootMargin: "-" + headerHeight + "px 0px -75% 0px",
      threshold: 0,
    });
    entries.forEach(function (entry) {
      observer.observe(entry.heading);
    });

    // Two cases the observer cannot see: reaching the bottom of the page, and a jump that
    // carries headings over the band in one step. A passive listener catches both cheaply:
    // one comparison per scroll event, and one update once scrolling settles.
    var wasAtBottom = false;
    var settleTimer = 0;
    window.addEventListener(
      "scroll",
      function () {
        var atBottom = isAtBottom();
        if (atBottom !== wasAtBottom) {
          wasAtBottom = atBottom;
          schedule();
        }
        window.clearTimeout(settleTimer);
        settleTimer = window.setTimeout(schedule, 120);
      },
      { passive: true }
    );

    function rememberHash() {
      var hash = window.location.hash;
      if (hash.length > 1) {
        try {
          clickedId = decodeURIComponent(hash.slice(1));
        } catch (error) {
          clickedId = hash.slice(1);
        }
      }
      schedule();
    }

    window.addEventListener("hashchange", rememberHash);
    toc.addEventListener("click", function (event) {
      var link = event.target && event.target.closest ? event.target.closest('a[href^="#"]') : null;
      if (link) {
        clickedId = link.getAttribute("href").slice(1);
        try {
          clickedId = decodeURIComponent(clickedId);
        } catch (error) {
          // Keep the raw id.
        }
      }
    });
    window.addEventListener("resize", schedule, { passive: true });
    rememberHash();
  }

  /* ---------------------------------------------------------------------------------------- */

  function start() {
    var steps = [setUpNavigation, setUpCopyButtons, setUpScrollSpy];
    for (var i = 0; i < steps.length; i++) {
      try {
        steps[i]();
      } catch (error) {
        // One feature failing must not stop the others; nothing to report to the reader.
      }
    }
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* ------------------------------------------------------------------------------------------ */
/* Theme toggle: dark or light, remembered across pages (an inline script in <head> applies    */
/* the choice before the first paint, so pages never flash the other scheme).                 */
/* ------------------------------------------------------------------------------------------ */
(function () {
  "use strict";
  var root = document.documentElement;
  var button = document.querySelector(".theme-toggle");
  if (!button) {
    return;
  }

  function current() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "dark" || chosen === "light") {
      return chosen;
    }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function update() {
    var scheme = current();
    button.setAttribute("aria-pressed", scheme === "dark" ? "true" : "false");
    button.setAttribute("data-scheme", scheme);
  }

  button.addEventListener("click", function () {
    var next = current() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try {
      window.localStorage.setItem("docgen-theme", next);
    } catch (error) {
      // Storage can be off (private windows); the choice then lasts for this page only.
    }
    update();
  });
  update();
})();

/* ------------------------------------------------------------------------------------------ */
/* Tabs: consecutive code blocks with tab="..." become tabs. Choosing a label selects it in   */
/* every set on the page that has it (one tab per cluster stays in sync) and is remembered.   */
/* ------------------------------------------------------------------------------------------ */
(function () {
  "use strict";
  var sets = document.querySelectorAll(".tabs");
  if (!sets.length) {
    return;
  }
  var storageKey = "docgen-tab";

  function select(set, label, focus) {
    var tabs = set.querySelectorAll("[role=tab]");
    var found = false;
    Array.prototype.forEach.call(tabs, function (tab) {
      if (tab.getAttribute("data-tab") === label) {
        found = true;
      }
    });
    if (!found) {
      return false;
    }
    Array.prototype.forEach.call(tabs, function (tab) {
      var selected = tab.getAttribute("data-tab") === label;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) {
        panel.hidden = !selected;
      }
      if (selected && focus) {
        tab.focus();
      }
    });
    return true;
  }

  function selectEverywhere(label) {
    Array.prototype.forEach.call(sets, function (set) {
      select(set, label, false);
    });
    try {
      window.localStorage.setItem(storageKey, label);
    } catch (error) {
      // Without storage the choice lasts for this page.
    }
  }

  var remembered = null;
  try {
    remembered = window.localStorage.getItem(storageKey);
  } catch (error) {
    remembered = null;
  }

  Array.prototype.forEach.call(sets, function (set) {
    set.classList.add("tabs-ready");
    var list = set.querySelector("[role=tablist]");
    if (list) {
      list.hidden = false;
    }
    var tabs = Array.prototype.slice.call(set.querySelectorAll("[role=tab]"));
    if (!remembered || !select(set, remembered, false)) {
      select(set, tabs.length ? tabs[0].getAttribute("data-tab") : "", false);
    }
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () {
        selectEverywhere(tab.getAttribute("data-tab"));
      });
      tab.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight") {
          next = tabs[(index + 1) % tabs.length];
        } else if (event.key === "ArrowLeft") {
          next = tabs[(index - 1 + tabs.length) % tabs.length];
        } else if (event.key === "Home") {
          next = tabs[0];
        } else if (event.key === "End") {
          next = tabs[tabs.length - 1];
        }
        if (next) {
          event.preventDefault();
          selectEverywhere(next.getAttribute("data-tab"));
          next.focus();
        }
      });
    });
  });
})();

/* ------------------------------------------------------------------------------------------ */
/* Collapsible sidebar sections                                                                */
/* ------------------------------------------------------------------------------------------ */
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".nav-expand");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var list = document.getElementById(button.getAttribute("aria-controls"));
      if (!list) {
        return;
      }
      var expand = button.getAttribute("aria-expanded") !== "true";
      list.hidden = !expand;
      button.setAttribute("aria-expanded", expand ? "true" : "false");
      var label = button.getAttribute("aria-label") || "";
      button.setAttribute("aria-label", label.replace(/^(Show|Hide)/, expand ? "Hide" : "Show"));
      var item = button.closest(".nav-item");
      if (item) {
        item.classList.toggle("open", expand);
      }
    });
  });
})();
