import Foundation

/// The script `docgen serve` adds to every HTML page it serves (never to the built files): it
/// listens on `/__docgen/events`, reloads on `reload`, and shows an overlay on `errors`.
enum LiveReloadScript {
    /// Where the server-sent events come from.
    static let eventsPath = "/__docgen/events"
    /// The overlay element's id.
    static let overlayID = "docgen-serve-overlay"

    /// The `<script>` element for a page of the given build.
    static func element(generation: String) -> String {
        // The generation is a UUID plus a counter; only those characters can reach the page.
        let safe = String(generation.unicodeScalars.filter { $0.properties.isASCIIHexDigit || $0 == "-" })
        return """
            <script data-docgen-serve>
            (function () {
              var generation = "\(safe)";
              if (!window.EventSource) { return; }
              var source = new EventSource("\(eventsPath)?generation=" + generation);
              source.addEventListener("reload", function () { source.close(); window.location.reload(); });
              source.addEventListener("errors", function (event) {
                var report;
                try { report = JSON.parse(event.data); } catch (e) { return; }
                show(report);
              });
              function show(report) {
                var old = document.getElementById("\(overlayID)");
                if (old) { old.remove(); }
                var box = document.createElement("div");
                box.id = "\(overlayID)";
                box.setAttribute("role", "alert");
                box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;" +
                  "background:rgba(24,24,27,.95);color:#fafafa;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;";
                var title = document.createElement("h2");
                title.style.cssText = "margin:0 0 1rem;font-size:1.1rem;color:#fca5a5;";
                title.textContent = report.title || "docgen: the build failed";
                box.appendChild(title);
                (report.diagnostics || []).forEach(function (d) {
                  var line = document.createElement("pre");
                  line.style.cssText = "margin:0 0 .75rem;white-space:pre-wrap;";
                  line.textContent = d.location + ": " + d.severity + "[" + d.id + "]: " + d.message;
                  box.appendChild(line);
                });
                var hide = document.createElement("button");
                hide.type = "button";
                hide.textContent = "Hide until the next build";
                hide.addEventListener("click", function () { box.remove(); });
                box.appendChild(hide);
                (document.body || document.documentElement).appendChild(box);
              }
            })();
            </script>

            """
    }

    /// The page with the script inserted before its last `</body>` (or at the end).
    static func inject(into html: String, generation: String) -> String {
        let script = element(generation: generation)
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            var page = html
            page.insert(contentsOf: script, at: range.lowerBound)
            return page
        }
        return html + script
    }
}
