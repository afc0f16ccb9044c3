#!/usr/bin/python3
"""Parses every HTML page of a built site with html5lib (a real HTML5 parser, the way a browser
reads the page) and fails on anything hostile Markdown could have smuggled in: script elements
other than the theme's own, on* event-handler attributes, javascript:/vbscript: URLs, data: URLs
outside <img src> images, frames, plugins, <base>, meta refreshes to script, dangerous elements in
the page body, and the marker `xss-escaped`, which the test content only puts where docgen must
escape it (front matter, code, link titles), turning up as markup. Also checks that the search
index script is one JSON literal with no `<`, `>`, `&` or raw U+2028/U+2029.
Prints one line per problem and 'N passed, M failed'; exits 1 on any failure.

    xss_check.py SITE_FOLDER
"""
import json
import os
import re
import sys

import html5lib

# The theme's scripts: its asset files by relative path, and the inline theme-toggle snippet in <head>.
THEME_SCRIPT_SRC = re.compile(r"^(\.\./)*assets/(docgen|search|jobscript|clusters)\.js$")
THEME_INLINE_MARKER = 'localStorage.getItem("docgen-theme")'
# Elements content may never produce inside the page body.
FORBIDDEN_IN_BODY = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link",
    "form", "svg", "math", "template", "noscript", "textarea", "title", "xmp", "plaintext", "noembed",
    "noframes", "select", "option", "video", "audio", "body", "html", "head",
}
# Elements that must not appear anywhere in a docgen page.
FORBIDDEN_ANYWHERE = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "noscript", "template"}
# Attributes that hold URLs (srcset and meta refresh content are checked separately).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "cite", "longdesc",
                  "lowsrc", "dynsrc", "ping", "codebase", "manifest", "xlink:href", "href"}
SAFE_DATA_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp)[;,]")
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:")
MARKER = "xss-escaped"


def local_name(name):
    """html5lib's etree writes foreign names as '{namespace}name'."""
    return name.split("}", 1)[1] if name.startswith("{") else name


def normalized_url(value):
    """The URL as a browser reads its scheme: tabs and newlines removed, C0 controls and spaces trimmed."""
    value = re.sub(r"[\t\n\r]", "", value)
    return value.strip("".join(chr(c) for c in range(0x21))).lower()


def check_url(value, tag, attribute, problems, where):
    url = normalized_url(value)
    if url.startswith(SCRIPT_SCHEMES):
        problems.append(f"{where}: <{tag} {attribute}> has a script URL: {value!r}")
    elif url.startswith("data:") and not (tag == "img" and attribute == "src" and SAFE_DATA_IMAGE.match(url)):
        problems.append(f"{where}: <{tag} {attribute}> has a data: URL that is not an image: {value[:60]!r}")


def check_page(path, relative):
    with open(path, "rb") as handle:
        document = html5lib.parse(handle.read(), treebuilder="etree", namespaceHTMLElements=False)
    problems = []
    parents = {child: parent for parent in document.iter() for child in parent}

    def ancestors(element):
        while element in parents:
            element = parents[element]
            yield element

    def in_body_content(element):
        return any(local_name(a.tag) == "div" and "page-body" in (a.get("class") or "").split() for a in ancestors(element))

    def in_head(element):
        return any(local_name(a.tag) == "head" for a in ancestors(element))

    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = local_name(element.tag)
        where = f"{relative}"
        if tag == "script":
            src = element.get("src")
            text = element.text or ""
            if src is not None:
                if not THEME_SCRIPT_SRC.match(src) or text.strip():
                    problems.append(f"{where}: script that is not the theme's: src={src!r}")
            elif not (in_head(element) and THEME_INLINE_MARKER in text and len(text) < 300):
                problems.append(f"{where}: inline script that is not the theme's: {text[:80]!r}")
        if tag in FORBIDDEN_ANYWHERE:
            problems.append(f"{where}: <{tag}> element")
        body = in_body_content(element)
        if body and (tag in FORBIDDEN_IN_BODY or element.tag.startswith("{")):
            problems.append(f"{where}: <{element.tag}> inside the page body")
        if tag == MARKER:
            problems.append(f"{where}: the escaped marker became an element <{tag}>")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            target = (element.get("content") or "").split("url=", 1)[-1] if "url=" in (element.get("content") or "").lower() else ""
            check_url(target, tag, "content", problems, where)
        for raw_name, value in element.attrib.items():
            name = local_name(raw_name).lower()
            if raw_name.startswith("{http://www.w3.org/1999/xlink}"):
                name = "xlink:" + name
            value = value or ""
            if name.startswith("on"):
                problems.append(f"{where}: <{tag}> has an event handler {name}={value[:60]!r}")
            if name in ("srcdoc", "formaction", "xlink:href", "style") and body:
                problems.append(f"{where}: <{tag}> in the page body has {name}={value[:60]!r}")
            if name in URL_ATTRIBUTES:
                check_url(value, tag, name, problems, where)
            if name == "srcset" and any(s in normalized_url(value) for s in SCRIPT_SCHEMES + ("data:",)):
                problems.append(f"{where}: <{tag} srcset> with a script or data URL: {value[:60]!r}")
            if MARKER in name or (name == "class" and MARKER in value.split()):
                problems.append(f"{where}: the escaped marker became markup: <{tag} {name}={value[:40]!r}>")
    return problems


def check_search_index(path):
    problems = []
    with open(path, encoding="utf-8") as handle:
        script = handle.read()
    prefix = "window.docgenSearchIndex="
    if not script.startswith(prefix) or not script.endswith(";\n"):
        return [f"search index: not a single assignment: {script[:60]!r}"]
    literal = script[len(prefix):-2]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        if bad in literal:
            problems.append(f"search index: contains {bad!r} (could end or break an inline script)")
    try:
        value = json.loads(literal)
    except ValueError as error:
        problems.append(f"search index: the assigned value is not one JSON literal: {error}")
    else:
        if not isinstance(value, dict):
            problems.append("search index: the assigned value is not an object")
    return problems


def main():
    site = sys.argv[1]
    passed = failed = 0
    marker_pages = 0
    for folder, _, files in sorted(os.walk(site)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, site)
            problems = check_page(path, relative)
            with open(path, encoding="utf-8") as handle:
                if MARKER in handle.read():
                    marker_pages += 1
            for problem in problems:
                print(problem)
            if problems:
                failed += 1
            else:
                passed += 1
    index = os.path.join(site, "search-index.js")
    if os.path.exists(index):
        problems = check_search_index(index)
        for problem in problems:
            print(problem)
        failed += 1 if problems else 0
        passed += 0 if problems else 1
    else:
        print("search index: search-index.js is missing")
        failed += 1
    print(f"pages showing the escaped marker as text: {marker_pages}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
