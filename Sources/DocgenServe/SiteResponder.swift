import Foundation
import Hummingbird
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ServiceLifecycle

/// Answers HTTP requests: files of the last good site (with the reload script in HTML pages),
/// the site's `404.html` for anything missing, and the event stream at `/__docgen/events`.
struct SiteResponder: Sendable {
    /// Where a request path leads inside the site folder.
    enum Resolution: Equatable {
        case file(URL)
        case redirect(String)
        case notFound
    }

    let site: LiveSite

    /// Answers one request.
    func respond(to request: Request) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.uri.path == LiveReloadScript.eventsPath {
            return events(since: request.uri.queryParameters["generation"].map(String.init))
        }
        let response = await file(at: request.uri.path)
        return request.method == .head ? Response(status: response.status, headers: response.headers) : response
    }

    private func file(at path: String) async -> Response {
        let generation = await site.generation
        guard let root = await site.root else {
            let page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>docgen serve</title></head><body>"
                + "<p>docgen: the site has not been built yet; fix the errors and it appears here.</p></body></html>"
            return html(LiveReloadScript.inject(into: page, generation: generation), status: .serviceUnavailable)
        }
        switch Self.resolve(path, in: root) {
        case .redirect(let location):
            return Response(status: .movedPermanently, headers: [.location: location, .cacheControl: "no-store"])
        case .file(let url):
            guard let data = try? Data(contentsOf: url) else { return await notFound(root: root, generation: generation) }
            let type = ContentTypes.forPath(url.lastPathComponent)
            if ContentTypes.isHTML(type) {
                return html(LiveReloadScript.inject(into: String(decoding: data, as: UTF8.self), generation: generation), status: .ok)
            }
            return Response(
                status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
        case .notFound:
            return await notFound(root: root, generation: generation)
        }
    }

    private func notFound(root: URL, generation: String) async -> Response {
        let page = (try? String(contentsOf: root.appendingPathComponent("404.html"), encoding: .utf8))
            ?? "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1></body></html>"
        return html(LiveReloadScript.inject(into: page, generation: generation), status: .notFound)
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The event stream: catches the page up first (a reload it missed, the current errors), then
    /// forwards every event until the browser goes away or the server stops.
    private func events(since pageGeneration: String?) -> Response {
        let site = self.site
        let body = ResponseBody { writer in
            let (id, stream) = await site.subscribe()
            var greeting = "retry: 1000\n: docgen serve\n\n"
            let generation = await site.generation
            if let pageGeneration, !pageGeneration.isEmpty, pageGeneration != generation {
                greeting += ServerEvent.reload(generation: generation).wire
            }
            if let errors = await site.errors { greeting += errors.wire }
            do {
                try await writer.write(ByteBuffer(string: greeting))
                try await withGracefulShutdownHandler {
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event.wire))
                    }
                } onGracefulShutdown: {
                    Task { await site.unsubscribe(id) }
                }
                await site.unsubscribe(id)
                try await writer.finish(nil)
            } catch {
                await site.unsubscribe(id)
                throw error
            }
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store", .connection: "keep-alive"],
            body: body)
    }

    /// Maps a request path to a file inside `root`: percent-decoded once (so `%252e` stays a literal
    /// `%2e`), no `.`, `..`, backslash or NUL component, folders get `index.html` (and a trailing slash,
    /// so relative links work). The answer is the file's real path, with every symbolic link resolved
    /// and checked to stay inside the real root, so a link in the site cannot lead out of it.
    static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        // Invalid UTF-8 such as the overlong `%c0%ae` does not decode at all.
        guard let decoded = pathOnly.removingPercentEncoding, decoded.hasPrefix("/") else { return .notFound }
        let components = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if components.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) { return .notFound }
        guard let base = realPath(root.path) else { return .notFound }
        let requested = components.reduce(base) { $0 + "/" + $1 }
        // Missing files and links leading outside (or anywhere outside once resolved) are both "not found".
        guard let real = realPath(requested), real == base || real.hasPrefix(base + "/") else { return .notFound }
        switch fileKind(real) {
        case .regular:
            return .file(URL(fileURLWithPath: real))
        case .directory:
            // The location is rebuilt from the checked components: echoing the raw path would turn
            // `//example.com` into a redirect to another host.
            if !decoded.hasSuffix("/") { return .redirect(location(components)) }
            guard let index = realPath(real + "/index.html"), index.hasPrefix(base + "/"), fileKind(index) == .regular else { return .notFound }
            return .file(URL(fileURLWithPath: index))
        case .other:
            // FIFOs, sockets and devices are never served: reading one could block or never end.
            return .notFound
        }
    }

    private enum FileKind {
        case regular, directory, other
    }

    private static func fileKind(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved; nil when missing.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `/a/b/` for the components `a`, `b`, each percent-encoded as a path segment.
    private static func location(_ components: [Substring]) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;")
        let encoded = components.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
        return "/" + encoded.map { $0 + "/" }.joined()
    }
}
