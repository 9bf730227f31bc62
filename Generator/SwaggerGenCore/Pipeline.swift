import Foundation

/// One generator run's settings.
public struct GeneratorConfiguration: Sendable, Hashable {
    /// Spec paths, as shown in diagnostics and the header (relative to `baseDirectory`).
    public var specs: [String]
    /// The folder relative paths are read from (`nil`: the current directory).
    public var baseDirectory: String?
    /// The access level of generated declarations.
    public var access: AccessLevel

    /// Creates a configuration.
    /// - Parameters:
    ///   - specs: Spec paths.
    ///   - baseDirectory: The folder relative paths are read from.
    ///   - access: `package` or `public`.
    public init(specs: [String], baseDirectory: String? = nil, access: AccessLevel) {
        self.specs = specs
        self.baseDirectory = baseDirectory
        self.access = access
    }

    /// The type-name suffix: `Model` for package wire models, none for public models.
    public var typeSuffix: String { access == .public ? "" : "Model" }
}

/// The whole generator: Read → Decode → Resolve → Translate → Render. Each stage can be swapped.
public struct GeneratorPipeline {
    /// The Read stage.
    public var reader: any YAMLReading = YAMLReader()
    /// The Decode stage.
    public var decoder: any SwaggerDecoding = SwaggerDecoder()
    /// The Resolve stage.
    public var resolver: any ServiceResolving = Resolver()
    /// The Translate stage.
    public var translator: any ServiceTranslating = Translator()
    /// The Render stage.
    public var renderer: any SwiftRendering = SwiftRenderer()

    /// Creates the default pipeline.
    public init() {}

    /// Reads a file and decodes it; `nil` (with an error reported) when it cannot be read or parsed.
    /// - Parameters:
    ///   - path: The path as shown in diagnostics.
    ///   - baseDirectory: The folder a relative path is read from.
    ///   - diagnostics: Where problems go.
    /// - Returns: The document.
    public func load(_ path: String, baseDirectory: String?, diagnostics: DiagnosticSink) -> SwaggerDocument? {
        let fullPath = path.hasPrefix("/") || baseDirectory == nil ? path : (baseDirectory ?? "") + "/" + path
        guard let data = FileManager.default.contents(atPath: fullPath) else {
            diagnostics.error("cannot read '\(path)'", at: nil)
            return nil
        }
        return document(SpecInput(path: path, bytes: Array(data)), diagnostics: diagnostics)
    }

    /// Reads and decodes one input.
    /// - Parameters:
    ///   - input: The file.
    ///   - diagnostics: Where problems go.
    /// - Returns: The document, or `nil` when the YAML was unusable.
    public func document(_ input: SpecInput, diagnostics: DiagnosticSink) -> SwaggerDocument? {
        guard let root = reader.read(input, diagnostics: diagnostics) else { return nil }
        return decoder.decode(root, file: input.path, diagnostics: diagnostics)
    }

    /// Resolves documents into a service model, loading referenced files from disk.
    /// - Parameters:
    ///   - documents: The entry documents.
    ///   - configuration: The run's settings.
    ///   - diagnostics: Where problems go.
    /// - Returns: The model.
    public func model(
        _ documents: [SwaggerDocument], configuration: GeneratorConfiguration, diagnostics: DiagnosticSink
    ) -> ServiceModel {
        let loader: DocumentLoader = { path in
            self.load(path, baseDirectory: configuration.baseDirectory, diagnostics: diagnostics)
        }
        return resolver.resolve(
            documents, loader: loader, options: ResolverOptions(typeSuffix: configuration.typeSuffix),
            diagnostics: diagnostics
        )
    }

    /// Translates and renders a model.
    /// - Parameters:
    ///   - model: The model.
    ///   - configuration: The run's settings.
    /// - Returns: The files.
    public func render(_ model: ServiceModel, configuration: GeneratorConfiguration) -> [RenderedFile] {
        let options = TranslatorOptions(
            access: configuration.access, sourceName: configuration.specs.joined(separator: ", "))
        return translator.translate(model, options: options).map {
            RenderedFile(name: $0.name, contents: renderer.render($0))
        }
    }

    /// Runs every stage on the configured specs.
    /// - Parameters:
    ///   - configuration: The run's settings.
    ///   - diagnostics: Where problems go.
    /// - Returns: The files, or `nil` when an error was reported.
    public func generate(_ configuration: GeneratorConfiguration, diagnostics: DiagnosticSink) -> [RenderedFile]? {
        let documents = configuration.specs.compactMap {
            load($0, baseDirectory: configuration.baseDirectory, diagnostics: diagnostics)
        }
        guard !diagnostics.hasErrors else { return nil }
        let model = model(documents, configuration: configuration, diagnostics: diagnostics)
        guard !diagnostics.hasErrors else { return nil }
        return render(model, configuration: configuration)
    }

    /// Runs every stage on in-memory inputs (snippet tests); cross-file references are looked up
    /// among `others`.
    /// - Parameters:
    ///   - inputs: The entry files.
    ///   - others: Other files `$ref`s may name.
    ///   - access: The access level.
    ///   - diagnostics: Where problems go.
    /// - Returns: The files (possibly partial when errors were reported).
    public func generate(
        inputs: [SpecInput], others: [SpecInput] = [], access: AccessLevel, diagnostics: DiagnosticSink
    ) -> [RenderedFile] {
        let configuration = GeneratorConfiguration(specs: inputs.map(\.path), access: access)
        let documents = inputs.compactMap { document($0, diagnostics: diagnostics) }
        let model = resolver.resolve(
            documents,
            loader: { path in others.first { $0.path == path }.flatMap { self.document($0, diagnostics: diagnostics) }
            },
            options: ResolverOptions(typeSuffix: configuration.typeSuffix),
            diagnostics: diagnostics
        )
        return render(model, configuration: configuration)
    }
}
