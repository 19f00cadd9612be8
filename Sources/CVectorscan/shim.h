// Vectorscan (the portable fork of Hyperscan): Debian `libvectorscan-dev`, Homebrew `vectorscan`.
#include <hs/hs.h>
