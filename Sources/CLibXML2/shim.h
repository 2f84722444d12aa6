#ifndef TIDINGS_CLIBXML2_SHIM_H
#define TIDINGS_CLIBXML2_SHIM_H
// Debian's libxml2 is built with ICU, and its encoding.h then pulls in ICU headers that clash
// with the copy inside Foundation. Tidings never calls libxml2's ICU converters, so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

// libxml2 writes some errors (encoding errors, I/O errors) to stderr through its generic error
// handler whatever the parser options say; in the reader that lands on the screen. Its handlers
// are per thread (and new threads copy the "thread default"), and the generic one is variadic,
// which Swift cannot define: so these no-op handlers live here.
static inline void tidings_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void tidings_xml_silent_structured(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }
/// Routes libxml2's errors on this thread, and on threads started later, to nowhere.
static inline void tidings_xml_silence(void) {
    xmlSetGenericErrorFunc(NULL, tidings_xml_silent);
    xmlSetStructuredErrorFunc(NULL, tidings_xml_silent_structured);
    xmlThrDefSetGenericErrorFunc(NULL, tidings_xml_silent);
    xmlThrDefSetStructuredErrorFunc(NULL, tidings_xml_silent_structured);
}
#endif
