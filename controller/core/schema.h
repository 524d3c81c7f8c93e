// schema.h: the central store's schema as numbered migrations. Append new
// migrations at the end; never edit a released one.
// Threading: constant data.
#pragma once

#include <vector>

#include "common/store/store.h"

namespace controller {

const std::vector<hall::Migration>& migrations();

}  // namespace controller
