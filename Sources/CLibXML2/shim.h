#ifndef YARDSTICK_CLIBXML2_SHIM_H
#define YARDSTICK_CLIBXML2_SHIM_H
/* libxml2's headers pull in the system ICU, which clashes with Foundation's own ICU
   module ("UErrorCode has different definitions"); no API we use needs ICU. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/// xmlFree is a mutable C global function pointer, which Swift 6 refuses to touch.
static inline void yardstick_xml_free(void *pointer) {
    xmlFree(pointer);
}
#endif
