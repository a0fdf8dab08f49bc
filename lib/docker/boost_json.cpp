// Boost.JSON, compiled once here instead of linked: Debian ships it as headers plus a library we would
// otherwise have to add. Used where parsing speed matters (inspect bodies, see container.cpp).
#include <boost/json/src.hpp>
