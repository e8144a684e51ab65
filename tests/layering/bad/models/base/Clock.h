#pragma once

// A deliberate violation for the layering self-test: base (rank 0) includes the store (rank 5).
#include "store/Workspace.h"
