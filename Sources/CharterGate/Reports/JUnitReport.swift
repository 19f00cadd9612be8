import CharterCore

/// JUnit XML for CI test-report views: a test suite per gate, a test case per finding (failing
/// ones carry a `<failure>`, waived and baselined ones are `<skipped>`), and a passing case when
/// a gate found nothing, so the report is never empty. The location is in the case's name: the
/// common JUnit schema has no `file` or `line` attribute on a test case.
package struct JUnitReport {
    package init() {}

    package func render(_ results: [GateResult]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let failures = results.reduce(0) { $0 + $1.counts.failing }
        let tests = results.reduce(0) { $0 + max(1, $1.findings.count) }
        xml += "<testsuites name=\"charter\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for result in results {
            let counts = result.counts
            let skipped = counts.waived + counts.baselined
            xml += "  <testsuite name=\"charter.\(escape(result.gate))\" tests=\"\(max(1, result.findings.count))\" failures=\"\(counts.failing)\" errors=\"0\" skipped=\"\(skipped)\">\n"
            if result.findings.isEmpty {
                xml += "    <testcase classname=\"charter.\(escape(result.gate))\" name=\"no findings\"/>\n"
            }
            for judged in result.findings {
                let finding = judged.finding
                let name = "\(finding.ruleID) at \(finding.location.path):\(finding.location.line)"
                xml += "    <testcase classname=\"charter.\(escape(result.gate)).\(escape(finding.ruleID))\" name=\"\(escape(name))\">\n"
                let detail = "\(finding.title) (\(finding.level.rawValue) confidence) \(finding.preview) \(finding.fingerprint)"
                switch judged.status {
                case .failing:
                    xml += "      <failure message=\"\(escape(finding.title))\" type=\"\(escape(finding.ruleID))\">\(escape(detail + (judged.note.map { "; " + $0 } ?? "")))</failure>\n"
                case .waived, .baselined:
                    xml += "      <skipped message=\"\(escape(judged.note ?? "in the baseline"))\"/>\n"
                case .belowThreshold:
                    xml += "      <system-out>\(escape(detail + "; below the policy's threshold"))</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    private func escape(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
