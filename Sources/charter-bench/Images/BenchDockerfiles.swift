import CharterTestSupport
import Foundation

/// Dockerfiles for the images benchmark: realistic shapes (multi-stage builds, package installs,
/// heredocs, ARG-chosen bases, non-root users), varied by a seeded generator so no two are alike.
enum BenchDockerfiles {
    /// Writes `count` Dockerfiles under `folder/svc-N/Dockerfile`; returns their total bytes.
    static func write(to folder: String, count: Int) throws -> Int {
        var random = SplitMix64(seed: 2026)
        var bytes = 0
        for index in 0..<count {
            let text = make(index, &random)
            let directory = folder + "/svc-\(index)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try text.write(toFile: directory + "/Dockerfile", atomically: false, encoding: .utf8)
            bytes += text.utf8.count
        }
        return bytes
    }

    private static func make(_ index: Int, _ random: inout SplitMix64) -> String {
        let digest = String((0..<64).map { _ in "0123456789abcdef".randomElement(using: &random)! })
        let bases = ["debian:12", "python:3.12-slim", "node:20-bookworm", "golang:1.22", "alpine:3.19", "gcr.io/distroless/static-debian12"]
        let base = bases[Int(random.next() % UInt64(bases.count))] + (random.next() % 3 == 0 ? "" : "@sha256:" + digest)
        var lines = ["# syntax=docker/dockerfile:1", "ARG BASE=\(base)", "FROM ${BASE} AS build", "WORKDIR /src"]
        switch random.next() % 4 {
        case 0:
            lines += ["RUN apt-get update \\", "    && apt-get install -y --no-install-recommends ca-certificates=2023* curl \\", "    && rm -rf /var/lib/apt/lists/*"]
        case 1:
            lines += ["COPY requirements.txt .", "RUN pip install --no-cache-dir -r requirements.txt"]
        case 2:
            lines += ["COPY package.json package-lock.json ./", "RUN npm ci --omit=dev"]
        default:
            lines += ["RUN <<EOF", "set -eu", "apk add --no-cache git=2.43.0-r0", "git --version", "EOF"]
        }
        lines += ["COPY . .", "RUN make build-\(index) && make test"]
        if random.next() % 2 == 0 { lines += ["RUN curl -fsSL https://example.com/tool-\(index).sh | sh"] }
        lines += ["", "FROM gcr.io/distroless/static-debian12@sha256:\(digest)", "COPY --from=build /src/out /app",
                  "ENV PORT=\(8000 + index % 1000) LOG_LEVEL=info", "EXPOSE \(8000 + index % 1000)"]
        if random.next() % 3 != 0 { lines += ["USER 65532"] }
        lines += ["ENTRYPOINT [\"/app/server\"]", ""]
        return lines.joined(separator: "\n")
    }
}
