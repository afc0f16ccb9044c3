import DocgenCore
import DocgenRender
import DocgenVerify
import Foundation

/// `docgen serve`'s rebuild after a save that changed only the text of pages: the edited pages are
/// loaded, verified and rendered again and written over their old files in the served folder; the
/// navigation, link targets, theme and every other page are taken from the last full build's
/// `SiteSnapshot`. An edit that changes what other pages show of a page (its title, front matter,
/// anchors or job templates) needs the full build, and gets it.
struct PageEditBuilder {
    let memo: BuildMemo
    /// Standardized paths of the files the watcher saw change.
    let changed: Set<String>

    /// The rebuilt site, or nil when the change needs a full build.
    func rebuild(startedAt start: ContinuousClock.Instant) -> BuildResult? {
        guard !changed.isEmpty, let written = memo.written, var snapshot = written.snapshot else { return nil }
        var edited: [(slot: SiteSnapshot.Slot, entry: BuildMemo.PageEntry, page: Page)] = []
        for path in changed.sorted() {
            guard let slot = snapshot.slots[path], let stamp = FileStamp(path: slot.entry.file.path) else { return nil }
            let contentPath = slot.entry.file.contentPath
            let old = snapshot.site.pages[slot.pageIndex]
            // A diagnostic of the old version outside its own file could not be told apart from the rest.
            if let previous = memo.pages([contentPath]).first ?? nil,
               previous.result.diagnostics.contains(where: { $0.location.file != old.source.displayPath }) {
                return nil
            }
            var result = snapshot.pageLoader.load(slot.entry.file, outputPath: slot.entry.outputPath, isIndex: slot.entry.isIndex)
            guard case let (root, transcripts)? = result.takeTree(), let page = result.page else { return nil }
            result.body = snapshot.bodyRenderer.render(
                consume root, page: page, links: result.links, inventoryIndex: slot.inventoryIndex, transcripts: transcripts)
            // Stored either way: a full build that follows takes the page from here instead of loading it again.
            let entry = memo.store(contentPath, stamp: stamp, context: snapshot.memoContext, result: result)
            guard page.title == old.title, page.frontMatter == old.frontMatter, page.anchors == old.anchors,
                  page.templates == old.templates, page.isIndex == old.isIndex,
                  !result.diagnostics.contains(where: { $0.location.file != page.source.displayPath })
            else { return nil }
            edited.append((slot, entry, page))
        }

        var links = written.links
        for (slot, entry, page) in edited {
            let display = page.source.displayPath
            let linkDiagnostics = snapshot.resolver.problems(entry.result.links, ofPage: slot.pageIndex, contentPath: page.source.contentPath)
            snapshot.site.pages[slot.pageIndex] = page
            snapshot.diagnostics = Self.replacing(file: display, in: snapshot.diagnostics, with: entry.result.diagnostics + linkDiagnostics)
            snapshot.blocks = snapshot.blocks.filter { $0.location.file != display } + entry.result.reports
            snapshot.edits = snapshot.edits.filter { $0.file != display } + entry.result.edits
            links[page.source.contentPath] = BuildMemo.LinkCheck(version: entry.version, anchors: snapshot.anchorsDigest, diagnostics: linkDiagnostics)
            snapshot.unwritten[slot.entry.file.contentPath] = slot
        }

        var result = BuildResult(
            diagnostics: snapshot.diagnostics, pageCount: snapshot.site.pages.count, outputURL: nil,
            duration: (ContinuousClock.now - start).inSeconds, blocks: snapshot.blocks, edits: snapshot.edits)
        var next = written
        next.snapshot = snapshot
        guard !result.hasErrors else {
            // The served folder keeps the last good pages; later edits start from the new diagnostics.
            memo.recordWritten(next)
            return result
        }
        var versions = written.versions
        do {
            // The pages of this edit, and those of earlier edits that had errors and so were not written.
            let pending = snapshot.unwritten.values.sorted { $0.pageIndex < $1.pageIndex }
            let entries = memo.pages(pending.map(\.entry.file.contentPath))
            for (slot, entry) in zip(pending, entries) {
                guard let entry, let body = entry.result.body else { return nil }
                let page = snapshot.site.pages[slot.pageIndex]
                let html = try snapshot.theme.render("page", context: snapshot.site.context(forPage: slot.pageIndex, body: body.html))
                try OutputWriter.replace(page.outputPath, in: written.folder, with: html)
                versions[page.outputPath] = entry.version
            }
            snapshot.unwritten = [:]
            if snapshot.site.hasPrintPage {
                let bodies = memo.pages(snapshot.contentPaths).map { $0?.result.body }
                let sections = PrintPageBuilder.sections(pages: snapshot.site.pages, bodies: bodies, order: snapshot.site.navigation.readingOrder)
                let html = try snapshot.theme.render("print", context: snapshot.site.printContext(sections: sections))
                try OutputWriter.replace("print.html", in: written.folder, with: html)
            }
            let folder = written.folder, memo = self.memo, contentPaths = snapshot.contentPaths
            // As after a full rebuild: the page reloads first, the index follows.
            result.followUp = {
                let entries = memo.pages(contentPaths)
                memo.rewriteSearch(
                    in: folder, pages: entries.compactMap { $0?.result.body?.search },
                    key: entries.map { String($0?.version ?? 0) }.joined(separator: ","))
            }
        } catch {
            // The served folder may now mix old and new pages: the full build that follows rewrites it whole.
            memo.dropSnapshot()
            return nil
        }
        next.versions = versions
        next.links = links
        next.snapshot = snapshot
        if let search = next.search { next.search = ("", search.script) }
        memo.recordWritten(next)
        result.outputURL = written.folder
        result.duration = (ContinuousClock.now - start).inSeconds
        return result
    }

    /// `sorted` with every diagnostic located in `file` replaced by `replacements`, in the order
    /// `DiagnosticEngine` gives; the others keep their places, so nothing is sorted again.
    static func replacing(file: String, in sorted: [Diagnostic], with replacements: [Diagnostic]) -> [Diagnostic] {
        var kept = sorted.filter { $0.location.file != file }
        let insertion = kept.partitioningIndex { $0.location.file > file }
        kept.insert(contentsOf: replacements.sorted(by: Diagnostic.isReported(_:before:)), at: insertion)
        return kept
    }
}

private extension Array {
    /// The first index whose element satisfies `belongsAfter`, for an array where every element
    /// that satisfies it comes after every one that does not.
    func partitioningIndex(where belongsAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
