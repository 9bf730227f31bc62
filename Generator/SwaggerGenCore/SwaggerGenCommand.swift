import Foundation

/// The `swaggergen` command line, as a function tests can call.
public enum SwaggerGenCommand {
    /// The usage text.
    public static let usage = """
        usage: swaggergen --spec <file.yaml|file.json> [--spec <file> ...] --output <dir>
                          [--access package|public] [--check]
               swaggergen import-system-events --upstream <SystemEvents.json> --spec-dir <dir> [--check]
               swaggergen check-descriptions --spec-dir <dir>

          --spec <file>     a Swagger 2.0 document in YAML or JSON (repeatable)
          --output <dir>    the folder of generated Swift files
          --access <level>  access of generated declarations: package (default; wire types end in
                            Model) or public (plain names)
          --check           compare with the folder instead of writing; exit 1 and print a diff
                            when they differ
          --help            show this text
        """

    /// Writes text to standard output.
    /// - Parameter text: The text.
    public static func writeStandardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes text to standard error.
    /// - Parameter text: The text.
    public static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Parsed arguments.
    struct Options {
        var specs: [String] = []
        var output: String?
        var access: AccessLevel = .package
        var check = false
        var help = false
    }

    static func parse(_ arguments: [String]) -> Result<Options, UsageError> {
        var options = Options()
        var index = 0
        func value(_ flag: String) -> Result<String, UsageError> {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                return .failure(UsageError(message: "\(flag) needs a value"))
            }
            return .success(arguments[index])
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--help", "-h": options.help = true
            case "--check": options.check = true
            case "--spec":
                switch value(argument) {
                case .success(let spec): options.specs.append(spec)
                case .failure(let error): return .failure(error)
                }
            case "--output":
                switch value(argument) {
                case .success(let output): options.output = output
                case .failure(let error): return .failure(error)
                }
            case "--access":
                switch value(argument) {
                case .success("package"): options.access = .package
                case .success("public"): options.access = .public
                case .success(let other):
                    return .failure(UsageError(message: "--access must be package or public, not '\(other)'"))
                case .failure(let error): return .failure(error)
                }
            default:
                return .failure(UsageError(message: "unknown argument '\(argument)'"))
            }
            index += 1
        }
        if options.help { return .success(options) }
        if options.specs.isEmpty { return .failure(UsageError(message: "missing --spec")) }
        if options.output == nil { return .failure(UsageError(message: "missing --output")) }
        return .success(options)
    }

    struct UsageError: Error {
        var message: String
    }

    /// Runs the command.
    /// - Parameters:
    ///   - arguments: The arguments without the program name.
    ///   - output: Where normal output goes (the help text, the `--check` diff).
    ///   - errorOutput: Where diagnostics and the summary go.
    /// - Returns: The exit status: 0 success, 1 errors in the specs or drift, 2 misuse.
    public static func run(
        arguments: [String],
        output: (String) -> Void = writeStandardOutput,
        errorOutput: (String) -> Void = writeStandardError
    ) -> Int32 {
        switch arguments.first {
        case "import-system-events":
            return ImportCommands.runImport(
                arguments: Array(arguments.dropFirst()), output: output, errorOutput: errorOutput)
        case "check-descriptions":
            return ImportCommands.runCheck(
                arguments: Array(arguments.dropFirst()), output: output, errorOutput: errorOutput)
        default:
            break
        }
        let options: Options
        switch parse(arguments) {
        case .success(let parsed): options = parsed
        case .failure(let error):
            errorOutput("swaggergen: \(error.message) (see --help)\n")
            return 2
        }
        if options.help {
            output(usage + "\n")
            return 0
        }
        guard let directory = options.output else { return 2 }
        let diagnostics = DiagnosticSink()
        let configuration = GeneratorConfiguration(specs: options.specs, access: options.access)
        let files = GeneratorPipeline().generate(configuration, diagnostics: diagnostics)
        for diagnostic in diagnostics.diagnostics {
            errorOutput(diagnostic.description + "\n")
        }
        guard let files, !diagnostics.hasErrors else {
            errorOutput("swaggergen: \(diagnostics.errors.count) error(s); nothing written\n")
            return 1
        }
        let result: EmitResult
        do {
            result = try Emitter().emit(files, to: directory, check: options.check)
        } catch {
            errorOutput("swaggergen: cannot write '\(directory)': \(error.localizedDescription)\n")
            return 1
        }
        let warnings = diagnostics.warnings.count
        let warningText = warnings == 0 ? "" : ", \(warnings) warning(s)"
        if options.check {
            if result.hasDrift {
                output(result.diff)
                errorOutput(
                    "swaggergen: \(directory) is out of date (\((result.changed + result.removed).joined(separator: ", "))); run scripts/generate.sh\(warningText)\n"
                )
                return 1
            }
            errorOutput("swaggergen: \(directory) is up to date (\(result.unchanged.count) files\(warningText))\n")
            return 0
        }
        errorOutput(
            "swaggergen: \(result.changed.count) written, \(result.unchanged.count) unchanged, \(result.removed.count) removed in \(directory)\(warningText)\n"
        )
        return 0
    }
}
