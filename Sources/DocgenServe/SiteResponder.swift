import Foundation
import Hummingbird
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

    /// Maps a request path to a file inside `root`: percent-decoded, no `..`, symbolic links may
    /// not lead outside, folders get `index.html` (and a trailing slash, so relative links work).
    static func resolve(_ rawPath: String, in root: URL) -> Resolution {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = pathOnly.removingPercentEncoding, decoded.hasPrefix("/") else { return .notFound }
        let components = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if components.contains(where: { $0 == ".." || $0 == "." || $0.contains("\0") || $0.contains("\\") }) { return .notFound }
        let base = root.standardizedFileURL.resolvingSymlinksInPath()
        var url = base
        for component in components { url.appendPathComponent(String(component)) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            if !decoded.hasSuffix("/") { return .redirect(pathOnly + "/") }
            url.appendPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return .notFound }
        }
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(base.path + "/") else { return .notFound }
        return .file(url)
    }
}
