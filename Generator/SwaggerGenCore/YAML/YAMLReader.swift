import CLibYAML

/// A spec file to read: its path (as shown in diagnostics) and its bytes.
public struct SpecInput: Sendable, Hashable {
    /// The path, as it appears in diagnostics and `$ref` resolution.
    public var path: String
    /// The file's bytes (YAML or JSON, UTF-8).
    public var bytes: [UInt8]

    /// Creates an input.
    /// - Parameters:
    ///   - path: The path.
    ///   - bytes: The bytes.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates an input from text.
    /// - Parameters:
    ///   - path: The path.
    ///   - text: The text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

/// The Read stage: turns YAML (or JSON) text into a ``YAMLNode`` tree.
public protocol YAMLReading {
    /// Reads the first document of the input.
    /// - Parameters:
    ///   - input: The file.
    ///   - diagnostics: Where problems go.
    /// - Returns: The root node, or `nil` when the text is not usable YAML (an error was reported).
    func read(_ input: SpecInput, diagnostics: DiagnosticSink) -> YAMLNode?
}

/// Reads YAML with libyaml's event API: every node gets the 1-based position it starts at,
/// aliases are expanded to copies of their anchored node, duplicate mapping keys are errors.
public struct YAMLReader: YAMLReading {
    /// Creates a reader.
    public init() {}

    /// Reads the first document of the input.
    /// - Parameters:
    ///   - input: The file.
    ///   - diagnostics: Where problems go.
    /// - Returns: The root node, or `nil` when the text is not usable YAML (an error was reported).
    public func read(_ input: SpecInput, diagnostics: DiagnosticSink) -> YAMLNode? {
        input.bytes.withUnsafeBufferPointer { buffer -> YAMLNode? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                diagnostics.error(
                    "could not start the YAML parser", at: SourceLocation(file: input.path, line: 1, column: 1))
                return nil
            }
            defer { yaml_parser_delete(&parser) }
            if let base = buffer.baseAddress {
                yaml_parser_set_input_string(&parser, base, buffer.count)
            } else {
                var empty: UInt8 = 0
                yaml_parser_set_input_string(&parser, &empty, 0)
            }
            var walker = EventWalker(file: input.path, diagnostics: diagnostics)
            return walker.run(&parser)
        }
    }
}

/// Builds nodes from the event stream. One instance per read.
private struct EventWalker {
    enum Frame {
        case sequence(location: SourceLocation, anchor: String?, elements: [YAMLNode])
        case mapping(
            location: SourceLocation, anchor: String?, pairs: [YAMLNode.Pair], pendingKey: YAMLNode?, seen: Set<String>)
    }

    let file: String
    let diagnostics: DiagnosticSink
    var stack: [Frame] = []
    var anchors: [String: YAMLNode] = [:]
    var root: YAMLNode?
    var failed = false

    init(file: String, diagnostics: DiagnosticSink) {
        self.file = file
        self.diagnostics = diagnostics
    }

    mutating func run(_ parser: inout yaml_parser_t) -> YAMLNode? {
        var documents = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let mark = parser.problem_mark
                let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
                let context = parser.context.map { String(cString: $0) + ": " } ?? ""
                diagnostics.error(
                    "invalid YAML: \(context)\(problem)",
                    at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
                )
                return nil
            }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(
                file: file,
                line: Int(event.start_mark.line) + 1,
                column: Int(event.start_mark.column) + 1
            )
            switch event.type {
            case YAML_STREAM_END_EVENT:
                if root == nil && !failed {
                    diagnostics.error("the file holds no YAML document", at: location)
                }
                return failed ? nil : root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents == 2 {
                    diagnostics.warning("only the first YAML document is read", at: location)
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = Self.string(scalar.value, length: scalar.length)
                let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE
                let node = YAMLNode(kind: .scalar(.init(value: value, isPlain: isPlain)), location: location)
                add(node, anchor: Self.optionalString(scalar.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.optionalString(event.data.alias.anchor) ?? ""
                if let node = anchors[name] {
                    add(node, anchor: nil)
                } else {
                    diagnostics.error("unknown YAML alias '*\(name)'", at: location)
                    failed = true
                    add(YAMLNode(kind: .scalar(.init(value: "", isPlain: true)), location: location), anchor: nil)
                }
            case YAML_SEQUENCE_START_EVENT:
                let anchor = Self.optionalString(event.data.sequence_start.anchor)
                stack.append(.sequence(location: location, anchor: anchor, elements: []))
            case YAML_MAPPING_START_EVENT:
                let anchor = Self.optionalString(event.data.mapping_start.anchor)
                stack.append(.mapping(location: location, anchor: anchor, pairs: [], pendingKey: nil, seen: []))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { break }
                switch frame {
                case .sequence(let start, let anchor, let elements):
                    add(YAMLNode(kind: .sequence(elements), location: start), anchor: anchor)
                case .mapping(let start, let anchor, let pairs, _, _):
                    add(YAMLNode(kind: .mapping(pairs), location: start), anchor: anchor)
                }
            default:
                break
            }
        }
    }

    mutating func add(_ node: YAMLNode, anchor: String?) {
        if let anchor {
            anchors[anchor] = node
        }
        guard let top = stack.popLast() else {
            if root == nil { root = node }
            return
        }
        switch top {
        case .sequence(let location, let anchor, var elements):
            elements.append(node)
            stack.append(.sequence(location: location, anchor: anchor, elements: elements))
        case .mapping(let location, let anchor, var pairs, let pendingKey, var seen):
            if let key = pendingKey {
                pairs.append(YAMLNode.Pair(key: key, value: node))
                stack.append(.mapping(location: location, anchor: anchor, pairs: pairs, pendingKey: nil, seen: seen))
            } else {
                if let text = node.scalar?.value {
                    if seen.contains(text) {
                        diagnostics.error("duplicate mapping key '\(text)'", at: node.location)
                        failed = true
                    }
                    seen.insert(text)
                }
                stack.append(.mapping(location: location, anchor: anchor, pairs: pairs, pendingKey: node, seen: seen))
            }
        }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
