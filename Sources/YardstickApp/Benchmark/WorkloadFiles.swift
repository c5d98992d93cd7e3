import Foundation
import YardstickCore

/// Writes the benchmark workloads' files into a folder.
public enum WorkloadFiles {
    /// The files of the reference workload (PRODUCT.md §10): standard.xml, form.xml, policy.xml,
    /// roster.csv and audits.csv. Returns the size of audits.csv in bytes.
    @discardableResult
    public static func writeReference(_ workload: ReferenceWorkload, to folder: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try write(workload.standardXML, to: folder + "/standard.xml")
        try write(workload.formXML, to: folder + "/form.xml")
        try write(workload.policyXML, to: folder + "/policy.xml")
        try write(DemoRoster.csv(workload.roster), to: folder + "/roster.csv")
        let path = folder + "/audits.csv"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw InputError("\(path): cannot be written")
        }
        defer { try? handle.close() }
        var written = 0
        try workload.writeAudits { chunk in
            try handle.write(contentsOf: chunk)
            written += chunk.count
        }
        return written
    }

    static func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { throw InputError("\(path): cannot be written") }
    }
}
