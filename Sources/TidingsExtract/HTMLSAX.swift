import CLibXML2

/// Runs libxml2's HTML parser in SAX mode over a page. No tree is built by libxml2 (that costs more
/// than the tokenizer); `PageBuilder` keeps only what extraction needs.
enum HTMLSAX {
    static let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// libxml2's global initialisation is not safe to race; Swift runs a static's initialiser once.
    static let libxmlReady: Bool = {
        xmlInitParser()
        tidings_xml_silence()
        return true
    }()

    /// Before any libxml2 call on a thread: set up once, and nothing written to the terminal from
    /// this thread (libxml2's error handlers are per thread; a thread that used libxml2 before the
    /// thread default was set keeps its own).
    static func ready() {
        _ = libxmlReady
        tidings_xml_silence()
    }

    private static func makeHandler() -> htmlSAXHandler {
        var sax = htmlSAXHandler()
        sax.startElement = { ctx, name, attrs in
            guard let ctx, let name else { return }
            Unmanaged<PageBuilderBox>.fromOpaque(ctx).takeUnretainedValue().builder.start(name, attrs)
        }
        sax.endElement = { ctx, name in
            guard let ctx, let name else { return }
            Unmanaged<PageBuilderBox>.fromOpaque(ctx).takeUnretainedValue().builder.end(name)
        }
        let chars: charactersSAXFunc = { ctx, ch, len in
            guard let ctx, let ch, len > 0 else { return }
            Unmanaged<PageBuilderBox>.fromOpaque(ctx).takeUnretainedValue().builder
                .characters(UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.characters = chars
        sax.ignorableWhitespace = chars
        return sax
    }

    /// Parses `bytes` (already without scripts and styles) decoded as `encoding` (nil: UTF-8).
    static func parse(_ bytes: [UInt8], encoding: String?, into builder: inout PageBuilder) {
        // The builder is a struct behind one box: one exclusivity check per SAX event instead of
        // one per property access inside it.
        let box = PageBuilderBox(builder)
        builder = PageBuilder()
        parse(bytes, encoding: encoding, box: box)
        builder = box.builder
    }

    private static func parse(_ bytes: [UInt8], encoding: String?, box: PageBuilderBox) {
        ready()
        guard !bytes.isEmpty else { box.builder.finish(); return }
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { chars in
                guard let ctxt = htmlCreateMemoryParserCtxt(chars, Int32(clamping: buf.count)) else { return }
                defer { htmlFreeParserCtxt(ctxt) }
                var sax = makeHandler()
                withUnsafeMutablePointer(to: &sax) { saxPtr in
                    let own = ctxt.pointee.sax
                    ctxt.pointee.sax = UnsafeMutablePointer(OpaquePointer(saxPtr))
                    ctxt.pointee.userData = Unmanaged.passUnretained(box).toOpaque()
                    _ = htmlCtxtUseOptions(ctxt, options)
                    if let encoding, let handler = xmlFindCharEncodingHandler(encoding) {
                        _ = xmlSwitchToEncoding(ctxt, handler)
                    }
                    _ = htmlParseDocument(ctxt)
                    ctxt.pointee.sax = own  // libxml2 frees its own handler with the context
                    if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc); ctxt.pointee.myDoc = nil }
                }
            }
        }
        box.builder.finish()
    }
}

extension HTMLSAX {
    /// libxml2's tokenizer alone (SAX events with empty handlers) over already filtered bytes: the
    /// benchmark's baseline for "libxml2 versus our tree building".
    static func tokenizeOnly(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { chars in
                guard let ctxt = htmlCreateMemoryParserCtxt(chars, Int32(clamping: buf.count)) else { return }
                defer { htmlFreeParserCtxt(ctxt) }
                var sax = htmlSAXHandler()
                sax.startElement = { _, _, _ in }
                sax.endElement = { _, _ in }
                sax.characters = { _, _, _ in }
                withUnsafeMutablePointer(to: &sax) { saxPtr in
                    let own = ctxt.pointee.sax
                    ctxt.pointee.sax = UnsafeMutablePointer(OpaquePointer(saxPtr))
                    _ = htmlCtxtUseOptions(ctxt, options)
                    if let handler = xmlFindCharEncodingHandler("UTF-8") { _ = xmlSwitchToEncoding(ctxt, handler) }
                    _ = htmlParseDocument(ctxt)
                    ctxt.pointee.sax = own
                    if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc); ctxt.pointee.myDoc = nil }
                }
            }
        }
    }
}

final class PageBuilderBox {
    var builder: PageBuilder
    init(_ builder: PageBuilder) { self.builder = builder }
}
