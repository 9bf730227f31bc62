import Foundation

/// `swaggergen import-system-events` and `swaggergen check-descriptions`.
public enum ImportCommands {
    /// The usage text of `import-system-events`.
    public static let importUsage = """
        usage: swaggergen import-system-events --upstream <SystemEvents.json> --spec-dir <dir> [--check]

          --upstream <file>  the upstream SystemEvents.json (Swagger 2.0, JSON or YAML)
          --spec-dir <dir>   our per-provider YAML files (Spec/SystemEvents), updated in place
          --check            write nothing; exit 1 when the folder would change
          --help             show this text

        Facts come from upstream; our descriptions are kept; anything new gets a
        'TODO(description): …' placeholder (see check-descriptions). Prints one line per change
        (+ added, - removed, ~ changed) and a count line. Exit: 0 done (or up to date with
        --check), 1 error or (with --check) out of date, 2 misuse.
        """

    /// The usage text of `check-descriptions`.
    public static let checkUsage = """
        usage: swaggergen check-descriptions --spec-dir <dir>

          --spec-dir <dir>   the folder of YAML specs to scan
          --help             show this text

        Lists every 'TODO(description):' placeholder as file:line: text; exit 1 when there are any.
        """

    struct Options {
        var values: [String: String] = [:]
        var check = false
        var help = false
    }

    static func parse(_ arguments: [String], valued: Set<String>, flags: Set<String>) -> Result<
        Options, SwaggerGenCommand.UsageError
    > {
        var options = Options()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--help" || argument == "-h" {
                options.help = true
            } else if flags.contains(argument) {
                options.check = true
            } else if valued.contains(argument) {
                index += 1
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    return .failure(.init(message: "\(argument) needs a value"))
                }
                options.values[argument] = arguments[index]
            } else {
                return .failure(.init(message: "unknown argument '\(argument)'"))
            }
            index += 1
        }
        if options.help { return .success(options) }
        for flag in valued.sorted() where options.values[flag] == nil {
            return .failure(.init(message: "missing \(flag)"))
        }
        return .success(options)
    }

    /// The `.yaml` files of a folder by name, with their text.
    static func yamlFiles(in directory: String) throws -> [String: String] {
        var files: [String: String] = [:]
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SystemEventsImporter.ImportError(description: "cannot read the folder '\(directory)'")
        }
        for name in names where name.hasSuffix(".yaml") {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SystemEventsImporter.ImportError(description: "cannot read '\(path)'")
            }
            files[name] = String(decoding: data, as: UTF8.self)
        }
        return files
    }

    /// Runs `import-system-events`.
    /// - Parameters:
    ///   - arguments: The arguments after the subcommand.
    ///   - output: Where the summary goes.
    ///   - errorOutput: Where errors go.
    /// - Returns: The exit status.
    public static func runImport(
        arguments: [String], output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let options: Options
        switch parse(arguments, valued: ["--upstream", "--spec-dir"], flags: ["--check"]) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            errorOutput("swaggergen import-system-events: \(error.message) (see --help)\n")
            return 2
        }
        if options.help {
            output(importUsage + "\n")
            return 0
        }
        guard let upstream = options.values["--upstream"], let directory = options.values["--spec-dir"] else {
            return 2
        }
        let diagnostics = DiagnosticSink()
        do {
            guard let data = FileManager.default.contents(atPath: upstream) else {
                throw SystemEventsImporter.ImportError(description: "cannot read '\(upstream)'")
            }
            let existing = try yamlFiles(in: directory)
            let result = try SystemEventsImporter().run(
                upstream: SpecInput(path: upstream, bytes: Array(data)), existing: existing, diagnostics: diagnostics)
            for diagnostic in diagnostics.errors { errorOutput(diagnostic.description + "\n") }
            output(result.summary)
            let dirty = result.changedFiles + result.removedFiles
            if options.check {
                if dirty.isEmpty {
                    output("\(directory) is up to date with \(upstream)\n")
                    return 0
                }
                output("\(directory) is out of date (\(dirty.joined(separator: ", "))); run import-system-events\n")
                return 1
            }
            for name in result.changedFiles {
                try Data((result.files[name] ?? "").utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
            }
            for name in result.removedFiles {
                try FileManager.default.removeItem(atPath: directory + "/" + name)
            }
            if result.placeholders > 0 {
                output("write the placeholder descriptions: swaggergen check-descriptions --spec-dir \(directory)\n")
            }
            return 0
        } catch let error as SystemEventsImporter.ImportError {
            for diagnostic in diagnostics.errors { errorOutput(diagnostic.description + "\n") }
            errorOutput("swaggergen import-system-events: \(error.description)\n")
            return 1
        } catch {
            errorOutput("swaggergen import-system-events: \(error.localizedDescription)\n")
            return 1
        }
    }

    /// Every placeholder description in a folder's YAML files, as `file:line: text`, sorted.
    /// - Parameter directory: The folder.
    /// - Returns: The lines.
    /// - Throws: When the folder cannot be read.
    public static func placeholders(in directory: String) throws -> [String] {
        var found: [String] = []
        for (name, text) in try yamlFiles(in: directory).sorted(by: { $0.key < $1.key }) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.contains(SystemEventsImporter.placeholderPrefix) {
                let trimmed = line.drop { $0 == " " }
                found.append("\(directory)/\(name):\(index + 1): \(trimmed)")
            }
        }
        return found
    }

    /// Runs `check-descriptions`.
    /// - Parameters:
    ///   - arguments: The arguments after the subcommand.
    ///   - output: Where the placeholders are listed.
    ///   - errorOutput: Where the count and errors go.
    /// - Returns: 0 when there is no placeholder, 1 when there are (or on error), 2 misuse.
    public static func runCheck(
        arguments: [String], output: (String) -> Void, errorOutput: (String) -> Void
    ) -> Int32 {
        let options: Options
        switch parse(arguments, valued: ["--spec-dir"], flags: []) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            errorOutput("swaggergen check-descriptions: \(error.message) (see --help)\n")
            return 2
        }
        if options.help {
            output(checkUsage + "\n")
            return 0
        }
        guard let directory = options.values["--spec-dir"] else { return 2 }
        do {
            let found = try placeholders(in: directory)
            for line in found { output(line + "\n") }
            if found.isEmpty {
                errorOutput("check-descriptions: no placeholders in \(directory)\n")
                return 0
            }
            errorOutput("check-descriptions: \(found.count) placeholder description(s) to write in \(directory)\n")
            return 1
        } catch {
            errorOutput("swaggergen check-descriptions: \(error)\n")
            return 1
        }
    }
}
