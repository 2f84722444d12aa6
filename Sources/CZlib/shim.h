#ifndef TIDINGS_CZLIB_SHIM_H
#define TIDINGS_CZLIB_SHIM_H
// zlib for .html.gz pages: Foundation on Linux cannot gunzip, and libxml2 only inflates files it opens itself.
#include <zlib.h>
#endif
