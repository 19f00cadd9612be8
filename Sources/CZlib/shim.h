// zlib: Debian `zlib1g-dev`; part of the SDK on macOS.
#include <zlib.h>

// `inflateInit2` is a macro, which Swift cannot call: a raw-deflate stream (no zlib or gzip
// wrapper, as ZIP stores it) is opened through this function instead.
static inline int charter_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
