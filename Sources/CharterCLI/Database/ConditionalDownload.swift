import CharterCore
import CharterStore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Downloads a URL to a file unless the copy held is still current: the held copy's `ETag` and
/// `Last-Modified` go with the request, and a `304 Not Modified` answer downloads nothing.
enum ConditionalDownload {
    enum Outcome {
        case unchanged
        case fetched(etag: String?, lastModified: String?)
    }

    /// Writes the body to `file` (replacing it) when the server sends one.
    static func fetch(_ url: URL, to file: String, held: AdvisoryDownload?, timeout: TimeInterval = 300) throws -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if let etag = held?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = held?.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        request.setValue("charter/\(CharterVersion.current)", forHTTPHeaderField: "User-Agent")

        let finished = DispatchSemaphore(value: 0)
        let result = Locked<Result<Outcome, CLIError>?>(nil)
        let task = URLSession.shared.downloadTask(with: request) { location, response, error in
            defer { finished.signal() }
            result.withLock { $0 = outcome(url: url, location: location, response: response, error: error, file: file) }
        }
        task.resume()
        finished.wait()
        guard let outcome = result.withLock({ $0 }) else {
            throw CLIError.input("GET \(url.shown): no answer; check the network and try again")
        }
        return try outcome.get()
    }

    /// Runs inside the completion handler: the downloaded file is gone once it returns.
    private static func outcome(url: URL, location: URL?, response: URLResponse?, error: (any Error)?, file: String) -> Result<Outcome, CLIError> {
        if let error {
            return .failure(.input("cannot download \(url.shown): \(error.localizedDescription); check the network, or download the archive elsewhere and run `charter db import` on it"))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(.input("GET \(url.shown): the answer is not HTTP; use an http or https URL"))
        }
        switch http.statusCode {
        case 304:
            return .success(.unchanged)
        case 200:
            guard let location else { return .failure(.input("GET \(url.shown): the body was not saved; try again")) }
            do {
                try? FileManager.default.removeItem(atPath: file)
                try FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: file))
            } catch {
                return .failure(CLIError(category: .storage, message: "cannot keep the download of \(url.shown) at \(file): \(error.localizedDescription); check the folder is writable"))
            }
            return .success(.fetched(etag: http.value(forHTTPHeaderField: "ETag"), lastModified: http.value(forHTTPHeaderField: "Last-Modified")))
        case 404:
            return .failure(.input("GET \(url.shown): not found (404); check the ecosystem's spelling (OSV's names: PyPI, npm, crates.io, Go, Maven…) and the mirror URL"))
        default:
            return .failure(.input("GET \(url.shown): HTTP \(http.statusCode); try again later"))
        }
    }
}
